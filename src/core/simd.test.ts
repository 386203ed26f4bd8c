import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createSimdArena, simdKernel } from './simd';
import { gemmNT } from './kernels';
import { train } from '../nn/train';
import { initializeNetwork } from '../nn/init';
import { createRng, rand } from './random';

test('the WebAssembly SIMD kernel computes gemmNT (odd sizes, slices, both scratch slots)', () => {
  const rng = createRng(6);
  for (let trial = 0; trial < 30; trial++) {
    const r = 1 + rng.integer(7);
    const k = 1 + rng.integer(40);
    const c = 1 + rng.integer(11);
    const arena = createSimdArena(r * k + c * k + r * c);
    assert.ok(arena, 'this Node has WebAssembly SIMD and shared memory');
    const A = arena.alloc(r * k);
    const B = arena.alloc(c * k);
    const C = arena.alloc(r * c);
    for (let t = 0; t < A.length; t++) A[t] = rng.normal();
    for (let t = 0; t < B.length; t++) B[t] = rng.normal();
    const want = new Float64Array(r * c);
    gemmNT(want, A, B, r, k, c, 0.5);
    const c0 = rng.integer(c + 1);
    const kernel = simdKernel(arena.memory, arena.pages, trial % 2);
    C.fill(9);
    kernel.gemmNT(C, A, B, r, k, c, 0.5, 0, c0);
    kernel.gemmNT(C, A, B, r, k, c, 0.5, c0, c);
    want.forEach((w, t) => assert.ok(Math.abs(C[t] - w) < 1e-12 * (1 + Math.abs(w)), `${r}x${k}x${c} at ${t}: ${C[t]} vs ${w}`));
  }
});

test('train gives the same numbers with and without the SIMD kernel', () => {
  const g = createRng(8);
  const X = rand(100, 30, g);
  const Y = rand(1, 30, g).map((v) => (v > 0.5 ? 1 : 0));
  const opts = { parameters: initializeNetwork([100, 9, 1], { seed: 2 }), activations: ['tanh', 'sigmoid'], loss: 'cross-entropy', learningRate: 0.1, iterations: 10 };
  const a = train(X, Y, { ...opts, simd: true });
  const b = train(X, Y, { ...opts, simd: false });
  assert.ok(a.parameters.W1.maxAbsDiff(b.parameters.W1) < 1e-13);
  a.costs.forEach((cost, i) => assert.ok(Math.abs(cost - b.costs[i]) < 1e-13));
});
