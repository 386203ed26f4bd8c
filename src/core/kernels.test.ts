import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gemmNN, gemmNT, gemmTN, transposeInto } from './kernels';
import { createRng, randn } from './random';

const naive = (A: number[][], B: number[][]): number[][] =>
  A.map((row) => B[0].map((_, j) => row.reduce((s, x, p) => s + x * B[p][j], 0)));
const T = (A: number[][]): number[][] => A[0].map((_, j) => A.map((r) => r[j]));

test('gemmNN, gemmNT (also on column slices) and gemmTN agree with the naive product', () => {
  const rng = createRng(4);
  for (let trial = 0; trial < 40; trial++) {
    const r = 1 + rng.integer(9);
    const k = 1 + rng.integer(300); // crosses the 256 reduction chunk
    const c = 1 + rng.integer(9);
    const A = randn(r, k, rng);
    const B = randn(k, c, rng);
    const want = naive(A.toArray(), B.toArray()).flat();
    const C = new Float64Array(r * c).fill(7);
    const check = (got: Float64Array, scale: number, what: string): void => {
      want.forEach((w, t) => assert.ok(Math.abs(got[t] - scale * w) < 1e-10 * (1 + Math.abs(w)), `${what} ${r}x${k}x${c} at ${t}`));
    };
    gemmNN(C, A.data, B.data, r, k, c, 0.5);
    check(C, 0.5, 'NN');
    const BT = new Float64Array(c * k);
    transposeInto(BT, B.data, k, c);
    C.fill(7);
    gemmNT(C, A.data, BT, r, k, c, 2);
    check(C, 2, 'NT');
    C.fill(7);
    const split = rng.integer(c + 1);
    gemmNT(C, A.data, BT, r, k, c, 1, 0, split);
    gemmNT(C, A.data, BT, r, k, c, 1, split, c);
    check(C, 1, 'NT in two slices');
    const AT = new Float64Array(k * r);
    transposeInto(AT, A.data, r, k);
    C.fill(7);
    gemmTN(C, AT, B.data, r, k, c);
    check(C, 1, 'TN');
    assert.deepEqual(T(T(A.toArray())), A.toArray());
  }
});
