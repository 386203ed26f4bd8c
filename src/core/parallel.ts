/**
 * A second thread for the large matrix products of training. The products are registered once
 * (their arrays must live in SharedArrayBuffers); each call cuts C's columns into chunks that
 * both threads take from a shared counter until none are left, so a helper that the system
 * schedules late costs nothing, and every entry is summed in the same order as on one thread:
 * the results are bit-for-bit identical.
 *
 * Used by: train.ts (the week-4 network's first layer). Not needed by lessons directly.
 */
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { gemmNT } from './kernels';
import { SharedWasmMemory, simdKernel } from './simd';

/** A Float64Array of n entries backed by a SharedArrayBuffer. */
export function sharedFloat64(n: number): Float64Array {
  return new Float64Array(new SharedArrayBuffer(Math.max(1, n) * 8)).subarray(0, n);
}

/** Two threads computing registered gemmNT products C = α A Bᵀ. */
export interface GemmPool {
  /** gemmNT(C, A, B, r, k, c, alpha) for registered product `id`, columns split between threads at `split`. */
  gemmNT(id: number, r: number, k: number, c: number, alpha?: number): void;
  /** Stops the helper thread. */
  close(): void;
}

/**
 * Starts one helper thread for the given products, or returns null when it cannot (no second
 * core, the worker file missing, or the helper not ready within the timeout).
 *
 * Syntax: createGemmPool(jobs: { C, A, B }[], { timeoutMs = 5000, simd? }) → GemmPool | null
 *   simd: { memory, pages } of a SimdArena holding every array: both threads run the SIMD kernel.
 *
 * Example:
 *   const pool = createGemmPool([{ C: Z1, A: W1, B: XT }]);
 *   pool?.gemmNT(0, n1, n0, m);   // Z1 = W1 · XTᵀ on two threads
 *   pool?.close();
 */
export function createGemmPool(
  jobs: { C: Float64Array; A: Float64Array; B: Float64Array }[],
  options: { timeoutMs?: number; simd?: { memory: SharedWasmMemory; pages: number } } = {},
): GemmPool | null {
  for (const j of jobs) {
    for (const a of [j.C, j.A, j.B]) if (!(a.buffer instanceof SharedArrayBuffer)) return null;
  }
  // [0] request number, [1] last request the helper left, [2] product id (−1 stops),
  // [3] helper ready, [4] next chunk to take, [5] chunks finished
  const ctrl = new Int32Array(new SharedArrayBuffer(6 * 4));
  const args = new Float64Array(new SharedArrayBuffer(6 * 8));
  let worker: Worker;
  try {
    worker = new Worker(path.join(__dirname, 'gemm-worker.js'), { workerData: { ctrl, args, jobs, simd: options.simd } });
  } catch {
    return null;
  }
  worker.unref();
  if (Atomics.wait(ctrl, 3, 0, options.timeoutMs ?? 5000) === 'timed-out' && Atomics.load(ctrl, 3) === 0) {
    void worker.terminate();
    return null;
  }
  const kernel = options.simd ? simdKernel(options.simd.memory, options.simd.pages, 0).gemmNT : gemmNT;
  let request = 0;
  let closed = false;
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
  return {
    gemmNT(id: number, r: number, k: number, c: number, alpha = 1): void {
      const job = jobs[id]!;
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
    },
    close(): void {
      if (closed) return;
      closed = true;
      waitFor(1, (v) => v === request);
      Atomics.store(ctrl, 2, -1);
      Atomics.store(ctrl, 0, ++request);
      Atomics.notify(ctrl, 0);
      void worker.terminate();
    },
  };
}
