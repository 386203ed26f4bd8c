import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Matrix } from '../core/matrix';
import { createRng } from '../core/random';
import { planarData } from './data';

/** The generator as it was when it accepted only even m (every lesson's flower until then): the oracle. */
function evenFlower(m: number, seed: number): { X: Matrix; Y: Matrix } {
  const rng = createRng(seed);
  const N = m / 2;
  const X = new Matrix(2, m);
  const Y = new Matrix(1, m);
  for (let j = 0; j < 2; j++) {
    for (let k = 0; k < N; k++) {
      const i = j * N + k;
      const t = j * 3.12 + (N === 1 ? 0 : (3.12 * k) / (N - 1)) + 0.2 * rng.normal();
      const r = 4 * Math.sin(4 * t) + 0.2 * rng.normal();
      X.data[i] = r * Math.sin(t);
      X.data[m + i] = r * Math.cos(t);
      Y.data[i] = j;
    }
  }
  return { X, Y };
}

test('planarData: for even m, the same numbers as before, bit for bit', () => {
  for (const [m, seed] of [[2, 1], [4, 3], [120, 1], [400, 1], [1000, 7]] as const) {
    const now = planarData({ m, seed });
    const before = evenFlower(m, seed);
    assert.deepEqual(Array.from(now.X.data), Array.from(before.X.data), `X, m = ${m}`);
    assert.deepEqual(Array.from(now.Y.data), Array.from(before.Y.data), `Y, m = ${m}`);
  }
});

test('planarData: any m >= 2; class 0 takes ceil(m/2) points; refuses m < 2 and non-integers', () => {
  for (const m of [2, 3, 5, 101, 399]) {
    const { X, Y } = planarData({ m, seed: 2 });
    assert.deepEqual(X.shape, [2, m]);
    assert.equal(Y.sumAll(), Math.floor(m / 2), `m = ${m}`);
    assert.ok(Array.from(Y.data).every((y, i) => y === (i < Math.ceil(m / 2) ? 0 : 1)), `labels in order, m = ${m}`);
    assert.ok(X.data.every(Number.isFinite));
  }
  // class 0 of m = 3 has 2 points spread over its petal; class 1 has one point at t = 3.12 + noise
  const three = planarData({ m: 3, seed: 1 });
  assert.notEqual(three.X.get(0, 0), three.X.get(0, 1));
  // odd m draws the same random numbers for the first class as m + 1 when the class sizes agree
  assert.deepEqual(planarData({ m: 5, seed: 4 }).X.get(0, 0), planarData({ m: 6, seed: 4 }).X.get(0, 0));
  assert.throws(() => planarData({ m: 1 }), /planarData: m must be an integer >= 2 \(one point of each class at least\), got 1/);
  assert.throws(() => planarData({ m: 10.5 }), /got 10.5/);
});
