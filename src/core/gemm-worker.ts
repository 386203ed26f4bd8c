/**
 * The helper thread of parallel.ts: waits on a shared control block and takes chunks of C's
 * columns of one of the gemmNT products registered at start, over SharedArrayBuffer-backed
 * arrays, until none are left. Not part of the public API; the protocol is in parallel.ts.
 */
import { workerData } from 'node:worker_threads';
import { gemmNT } from './kernels';
import { SharedWasmMemory, simdKernel } from './simd';

interface Shared {
  ctrl: Int32Array;
  args: Float64Array;
  jobs: { C: Float64Array; A: Float64Array; B: Float64Array }[];
  simd?: { memory: SharedWasmMemory; pages: number };
}

const shared: Shared = workerData;
const { ctrl, args, jobs, simd } = shared;
const kernel = simd ? simdKernel(simd.memory, simd.pages, 1).gemmNT : gemmNT;
Atomics.store(ctrl, 3, 1);
Atomics.notify(ctrl, 3);
let seen = 0; // requests handled so far: the caller issues request n + 1 only after n is acknowledged
for (;;) {
  while (Atomics.load(ctrl, 0) === seen) Atomics.wait(ctrl, 0, seen);
  seen = Atomics.load(ctrl, 0);
  const id = Atomics.load(ctrl, 2);
  if (id < 0) break;
  const job = jobs[id];
  const [r, k, c, alpha, chunk, chunks] = [args[0], args[1], args[2], args[3], args[4], args[5]];
  for (;;) {
    const i = Atomics.add(ctrl, 4, 1);
    if (i >= chunks) break;
    kernel(job.C, job.A, job.B, r, k, c, alpha, i * chunk, Math.min(c, (i + 1) * chunk));
    Atomics.add(ctrl, 6, 1);
    Atomics.add(ctrl, 5, 1);
    Atomics.notify(ctrl, 5);
  }
  Atomics.store(ctrl, 1, seen);
  Atomics.notify(ctrl, 1);
}
