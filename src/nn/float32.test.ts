import { test } from 'node:test';
import assert from 'node:assert/strict';
import { networkCostFloat32 } from './float32';
import { networkCost } from './network';
import { Matrix } from '../core/matrix';
import { createRng, randn } from '../core/random';

function net(seed: number) {
  const rng = createRng(seed);
  const X = randn(4, 5, rng);
  const Y = Matrix.from([[1, 0, 1, 1, 0]]);
  const parameters = {
    W1: randn(3, 4, rng), b1: randn(3, 1, rng),
    W2: randn(1, 3, rng), b2: randn(1, 1, rng),
  };
  return { X, Y, parameters };
}

test('the float32 cost is a float32 number close to the float64 cost', () => {
  for (const acts of [['relu', 'sigmoid'], ['tanh', 'sigmoid']]) {
    const { X, Y, parameters } = net(3);
    const opts = { activations: acts, loss: 'cross-entropy' };
    const J32 = networkCostFloat32(X, Y, parameters, opts);
    const J64 = networkCost(X, Y, parameters, opts);
    assert.equal(Math.fround(J32), J32);
    assert.notEqual(J32, J64);
    assert.ok(Math.abs(J32 - J64) / J64 < 1e-5, `${J32} vs ${J64}`);
  }
});

test('a float32 step smaller than half the spacing leaves the cost unchanged', () => {
  const { X, Y, parameters } = net(4);
  const opts = { activations: ['relu', 'sigmoid'], loss: 'squared-error' };
  parameters.W2.data[0] = 1; // float32 spacing just above 1 is 2^-23 ≈ 1.19e-7
  const J = networkCostFloat32(X, Y, parameters, opts);
  parameters.W2.data[0] = 1 + 5e-8;
  assert.equal(networkCostFloat32(X, Y, parameters, opts), J);
});

test('bad options are named', () => {
  const { X, Y, parameters } = net(5);
  assert.throws(() => networkCostFloat32(X, Y, parameters, { activations: ['relu'], loss: 'cross-entropy' }), /1 entries but the parameters have 2 layers/);
  assert.throws(() => networkCostFloat32(X, Y, parameters, { activations: ['relu', 'sigmoid'], loss: 'mse' }), /unknown loss "mse"/);
});

test('sums are rounded at every step, as float32 hardware adds', () => {
  // 1 + 2^-24 rounds to 1 in float32 (a tie, to even), twice; float64 would keep 1 + 2^-23.
  const X = Matrix.column([1, 2 ** -24, 2 ** -24]);
  const parameters = { W1: Matrix.row([1, 1, 1]), b1: Matrix.column([0]) };
  const J = networkCostFloat32(X, Matrix.row([0]), parameters, { activations: ['linear'], loss: 'squared-error' });
  assert.equal(J, 0.5);
});
