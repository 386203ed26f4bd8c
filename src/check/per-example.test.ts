import { test } from 'node:test';
import assert from 'node:assert/strict';
import { perExampleGradient } from './per-example';
import { backprop } from '../nn/backprop';
import { probeLayer, NetworkParameters } from '../nn/network';
import { relativeDifference } from './compare';
import { Matrix } from '../core/matrix';
import { createRng, randn, rand } from '../core/random';
import { TOLERANCE } from '../core/tolerance';

test('perExampleGradient of L(i) = Σ_k V[k][i]² is 2V, with no leak, and restores V', () => {
  const V = Matrix.from([[1, 2, -3], [3, 4, 0.5]]);
  const before = V.clone();
  const r = perExampleGradient(() => V.map((x) => x * x).sumCols(), V);
  assert.ok(relativeDifference(r.own, V.scale(2)) < TOLERANCE);
  assert.equal(r.leak, 0);
  assert.ok(V.equals(before));
});

test('perExampleGradient separates own and other examples when the columns mix', () => {
  // L(i) = V[0][i]² + 0.5 · V[0][(i+1) mod m]: column i+1 leaks into L(i) with slope 0.5
  const V = Matrix.from([[1, 2, 3]]);
  const losses = (): Matrix => V.map((x, _i, j) => x * x + 0.5 * (V.get(0, (j + 1) % 3) as number));
  const r = perExampleGradient(losses, V);
  assert.ok(relativeDifference(r.own, V.scale(2)) < TOLERANCE);
  assert.ok(Math.abs(r.leak - 0.5) < 1e-8);
});

test("perExampleGradient of a network's losses with respect to Z[l] is the course's dZ[l], column by column", () => {
  const rng = createRng(5);
  const sizes = [3, 4, 2, 1];
  const m = 6;
  const X = randn(3, m, rng);
  const Y = rand(1, m, rng).map((v) => (v > 0.5 ? 1 : 0));
  const params: NetworkParameters = {};
  sizes.slice(1).forEach((n, i) => {
    params[`W${i + 1}`] = randn(n, sizes[i] ?? 0, rng);
    params[`b${i + 1}`] = randn(n, 1, rng);
  });
  const opts = { activations: ['tanh', 'sigmoid', 'sigmoid'], loss: 'cross-entropy' };
  const grads = backprop(X, Y, params, { ...opts, convention: 'loss' }).grads;
  for (let l = 1; l <= 3; l++) {
    const probe = probeLayer(X, Y, params, opts, { quantity: 'Z', layer: l });
    const r = perExampleGradient(probe.losses, probe.value);
    assert.ok(relativeDifference(r.own, grads[`dZ${l}`]!) < TOLERANCE, `dZ${l}`);
    assert.equal(r.leak, 0, `leak at layer ${l}`);
  }
});

test('perExampleGradient rejects a loss row of the wrong shape and a bad epsilon, naming them', () => {
  const V = Matrix.from([[1, 2]]);
  assert.throws(() => perExampleGradient(() => Matrix.from([[1, 2, 3]]), V), /\(1, 3\).*\(1, 2\)/);
  assert.throws(() => perExampleGradient(() => V, V, 0), /epsilon must be a positive number, got 0/);
});
