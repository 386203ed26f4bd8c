import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createGemmPool, sharedFloat64 } from './parallel';
import { gemmNT } from './kernels';
import { createRng } from './random';

test('the pool splits a product between two threads (the helper\'s share counted) with the one-thread result', () => {
  const rng = createRng(4);
  const [r, k, c] = [16, 300, 512];
  const [A, B, C] = [sharedFloat64(r * k), sharedFloat64(c * k), sharedFloat64(r * c)];
  for (let t = 0; t < A.length; t++) A[t] = rng.normal();
  for (let t = 0; t < B.length; t++) B[t] = rng.normal();
  const want = new Float64Array(r * c);
  gemmNT(want, A, B, r, k, c, 0.5);
  const { pool, reason } = createGemmPool([{ C, A, B }]);
  assert.ok(pool, `the pool did not start: ${reason}`);
  try {
    // the helper takes chunks as soon as it is scheduled; repeat until it has taken some
    let calls = 0;
    do {
      C.fill(0);
      pool.gemmNT(0, r, k, c, 0.5);
      calls++;
      assert.deepEqual(Array.from(C), Array.from(want), 'bit for bit');
    } while (pool.stats().helperChunks === 0 && calls < 500);
    const stats = pool.stats();
    assert.equal(stats.requests, calls);
    assert.ok(stats.helperChunks > 0 && stats.helperChunks <= stats.chunks, JSON.stringify(stats));
  } finally {
    pool.close();
  }
  assert.equal(pool.stats().helperRequests, pool.stats().requests);
});

test('a pool that cannot start says why', () => {
  const shared = sharedFloat64(4);
  const plain = new Float64Array(4);
  assert.deepEqual(createGemmPool([{ C: shared, A: plain, B: shared }]), { pool: null, reason: 'product 0: A is not in shared memory (SharedArrayBuffer)' });
  const missing = createGemmPool([{ C: shared, A: shared, B: shared }], { workerFile: '/nonexistent/gemm-worker.js' });
  assert.equal(missing.pool, null);
  assert.match(String(missing.reason), /script \/nonexistent\/gemm-worker\.js is missing/);
});
