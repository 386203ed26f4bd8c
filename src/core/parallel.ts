/**
 * A second thread for the large matrix products of training. The products are registered once
 * (their arrays must live in SharedArrayBuffers); each call cuts C's columns into chunks that
 * both threads take from a shared counter until none are left, so a helper that the system
 * schedules late costs nothing, and every entry is summed in the same order as on one thread:
 * the results are bit-for-bit identical.
 *
 * Used by: train.ts (the week-4 network's first layer). Not needed by lessons directly.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { onInterrupt } from './interrupt';
import { gemmNT } from './kernels';
import { SharedWasmMemory, simdKernel } from './simd';

/**
 * A zeroed Float64Array of n entries backed by a SharedArrayBuffer, so a second thread can read
 * and write it.
 *
 * Syntax: sharedFloat64(n: number): Float64Array
 *
 * Example: `sharedFloat64(3).buffer instanceof SharedArrayBuffer; // true`
 *
 * See also: createGemmPool
 *
 * Used in: no lesson directly (lessons train on one thread); the week-4 benchmark, npm run bench.
 */
export function sharedFloat64(n: number): Float64Array {
  return new Float64Array(new SharedArrayBuffer(Math.max(1, n) * 8)).subarray(0, n);
}

/** A registered product C = α A Bᵀ: its three arrays, in shared memory. */
type Job = { C: Float64Array; A: Float64Array; B: Float64Array };
/** The SIMD arena both threads run the kernel on. */
type SimdMemory = { memory: SharedWasmMemory; pages: number };

/** What the two threads have done so far. */
export interface GemmPoolStats {
  /** Products computed (calls of gemmNT). */
  requests: number;
  /** Requests the helper thread has handled: every one once the next call or close() returns. */
  helperRequests: number;
  /** Column chunks computed in all, and by the helper thread. */
  chunks: number;
  helperChunks: number;
}

/** Two threads computing registered gemmNT products C = α A Bᵀ. */
export interface GemmPool {
  /** gemmNT(C, A, B, r, k, c, alpha) for registered product `id`, C's columns shared between the threads. */
  gemmNT(id: number, r: number, k: number, c: number, alpha?: number): void;
  /** What each thread has done so far. */
  stats(): GemmPoolStats;
  /** Stops the helper thread. */
  close(): void;
}

/** A started pool, or the reason none could start. */
export type GemmPoolStart = { pool: GemmPool; reason: null } | { pool: null; reason: string };

/**
 * Starts one helper thread for the given products, or says why it cannot (arrays not in shared
 * memory, the helper's script missing, the thread failing to start or not ready within the
 * timeout).
 *
 * Syntax: createGemmPool(jobs: { C, A, B }[], { timeoutMs = 5000, simd?, workerFile? }) → { pool, reason }
 *   simd: { memory, pages } of a SimdArena holding every array: both threads run the SIMD kernel.
 *
 * Examples:
 *   const { pool, reason } = createGemmPool([{ C: Z1, A: W1, B: XT }]);
 *   pool?.gemmNT(0, n1, n0, m);   // Z1 = W1 · XTᵀ on two threads
 *   pool?.close();
 *   createGemmPool([{ C: new Float64Array(4), A, B }]).reason;   // 'product 0: C is not in shared memory (SharedArrayBuffer)'
 *
 * See also: sharedFloat64, gemmNT, train (option threads)
 *
 * Used in: no lesson directly (lessons train on one thread); the week-4 benchmark, npm run bench.
 */
export function createGemmPool(
  jobs: Job[],
  options: { timeoutMs?: number; simd?: SimdMemory; workerFile?: string } = {},
): GemmPoolStart {
  for (const [i, job] of jobs.entries()) {
    for (const key of ['C', 'A', 'B'] as const) {
      if (!(job[key].buffer instanceof SharedArrayBuffer)) return { pool: null, reason: `product ${i}: ${key} is not in shared memory (SharedArrayBuffer)` };
    }
  }
  const file = options.workerFile ?? path.join(__dirname, 'gemm-worker.js');
  if (!fs.existsSync(file)) return { pool: null, reason: `the helper thread's script ${file} is missing (npm run build makes it)` };
  // [0] request number, [1] last request the helper left, [2] product id (−1 stops),
  // [3] helper ready, [4] next chunk to take, [5] chunks finished, [6] chunks the helper computed
  const ctrl = new Int32Array(new SharedArrayBuffer(7 * 4));
  const args = new Float64Array(new SharedArrayBuffer(6 * 8));
  let worker: Worker;
  try {
    worker = new Worker(file, { workerData: { ctrl, args, jobs, simd: options.simd } });
  } catch (e) {
    return { pool: null, reason: `the helper thread could not start: ${e instanceof Error ? e.message : String(e)}` };
  }
  worker.unref();
  const timeoutMs = options.timeoutMs ?? 5000;
  if (Atomics.wait(ctrl, 3, 0, timeoutMs) === 'timed-out' && Atomics.load(ctrl, 3) === 0) {
    void worker.terminate();
    return { pool: null, reason: `the helper thread did not report ready within ${timeoutMs} ms (the machine may be overloaded)` };
  }
  return { pool: runningPool(worker, ctrl, args, jobs, options.simd), reason: null };
}

/** The caller's side of the protocol, once the helper is ready. */
function runningPool(worker: Worker, ctrl: Int32Array, args: Float64Array, jobs: Job[], simd: SimdMemory | undefined): GemmPool {
  const kernel = simd ? simdKernel(simd.memory, simd.pages, 0).gemmNT : gemmNT;
  let request = 0;
  let products = 0;
  let chunksInAll = 0;
  let closed = false;
  // An interrupted training loop runs no finally block: stop the helper from here then.
  const release = onInterrupt(() => pool.close());
  const waitFor = (index: number, until: (v: number) => boolean): void => {
    let waited = 0;
    for (;;) {
      const v = Atomics.load(ctrl, index);
      if (until(v)) return;
      if (Atomics.wait(ctrl, index, v, 1000) === 'timed-out' && ++waited > 120) {
        throw new Error('the helper thread of the matrix products stopped answering (waited 2 minutes)');
      }
    }
  };
  const pool: GemmPool = {
    gemmNT(id: number, r: number, k: number, c: number, alpha = 1): void {
      const job = jobs[id];
      waitFor(1, (v) => v === request); // the helper has left the previous request
      const chunk = Math.max(4, 4 * Math.ceil(c / 64));
      const chunks = Math.ceil(c / chunk);
      args[0] = r;
      args[1] = k;
      args[2] = c;
      args[3] = alpha;
      args[4] = chunk;
      args[5] = chunks;
      Atomics.store(ctrl, 2, id);
      Atomics.store(ctrl, 4, 0);
      Atomics.store(ctrl, 5, 0);
      request++;
      Atomics.store(ctrl, 0, request);
      Atomics.notify(ctrl, 0);
      for (;;) {
        const i = Atomics.add(ctrl, 4, 1);
        if (i >= chunks) break;
        kernel(job.C, job.A, job.B, r, k, c, alpha, i * chunk, Math.min(c, (i + 1) * chunk));
        Atomics.add(ctrl, 5, 1);
      }
      waitFor(5, (v) => v === chunks); // every chunk finished, whichever thread took it
      chunksInAll += chunks;
      products++;
    },
    stats(): GemmPoolStats {
      return { requests: products, helperRequests: Atomics.load(ctrl, 1), chunks: chunksInAll, helperChunks: Atomics.load(ctrl, 6) };
    },
    close(): void {
      if (closed) return;
      closed = true;
      release();
      waitFor(1, (v) => v === request);
      Atomics.store(ctrl, 2, -1);
      Atomics.store(ctrl, 0, ++request);
      Atomics.notify(ctrl, 0);
      void worker.terminate();
    },
  };
  return pool;
}
