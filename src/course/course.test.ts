import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Matrix } from '../core/matrix';
import { propagate, predict, sigmoid, initializeWithZeros, optimize } from './week2';
import { layerSizes, initializeParameters, forwardPropagation, backwardPropagation } from './week3';
import { initializeParametersDeep, lModelForward, lModelBackward, linearActivationBackward, linearActivationForward } from './week4';
import { computeCost, updateParameters } from './common';
import { gradientCheckN } from './gradient-check';
import { backprop } from '../nn/backprop';
import { initializeNetwork, initScale } from '../nn/init';
import { planarData, selectColumns, accuracy } from '../data/data';
import { createRng, randn, rand } from '../core/random';
import { relativeDifference } from '../check/compare';
import { TOLERANCE } from '../core/tolerance';

test('week 2 helpers: sigmoid, zeros, and gradients equal to the general engine', () => {
  assert.equal(sigmoid(0), 0.5);
  assert.deepEqual(sigmoid(Matrix.row([0])).toArray(), [[0.5]]);
  assert.deepEqual(initializeWithZeros(2), { w: Matrix.zeros(2, 1), b: 0 });
  const rng = createRng(1);
  const X = randn(3, 6, rng);
  const Y = rand(1, 6, rng).map((v) => (v > 0.5 ? 1 : 0));
  const w = randn(3, 1, rng);
  const r = propagate(w, 0.3, X, Y);
  const e = backprop(X, Y, { W1: w.transpose(), b1: Matrix.full(1, 1, 0.3) }, { activations: ['sigmoid'], loss: 'cross-entropy' });
  assert.ok(relativeDifference(r.grads.dw, e.grads.dW1!.transpose()) < 1e-14);
  assert.ok(Math.abs(r.grads.db - e.grads.db1!.get(0, 0)) < 1e-15);
  assert.ok(Math.abs(r.cost - e.cost) < 1e-14);
  assert.equal(optimize(w, 0.3, X, Y, 250, 0.1).costs.length, 3);
  assert.throws(() => propagate(Matrix.zeros(2, 1), 0, X, Y), /w has shape \(2, 1\) but X has shape \(3, 6\)/);
  assert.throws(() => predict(Matrix.zeros(3, 1), 0, Matrix.zeros(2, 4)), /w has shape \(3, 1\) but X has shape \(2, 4\)/);
});

test('week 3: the course functions agree with the general engine and the course initialiser', () => {
  const { X, Y } = planarData({ m: 40, seed: 2 });
  assert.deepEqual(layerSizes(X, Y), { nX: 2, nH: 4, nY: 1 });
  const p = initializeParameters(2, 4, 1);
  assert.ok(Math.abs(p.W1.norm() / Math.sqrt(8) - 0.01) < 0.006);
  assert.deepEqual(p.b1.toArray(), [[0], [0], [0], [0]]);
  const { A2, cache } = forwardPropagation(X, p);
  const course = backwardPropagation(p, cache, X, Y);
  const e = backprop(X, Y, p, { activations: ['tanh', 'sigmoid'], loss: 'cross-entropy' });
  for (const k of ['dW1', 'db1', 'dW2', 'db2'] as const) assert.ok(relativeDifference(course[k], e.grads[k]!) < 1e-14, k);
  assert.ok(Math.abs(computeCost(A2, Y) - e.cost) < 1e-15);
  assert.throws(() => forwardPropagation(Matrix.zeros(3, 2), p), /W1 has shape \(4, 2\) but X has shape \(3, 2\)/);
});

test('week 4: lModelBackward from dA[L] equals the engine; the gradient check passes it and catches a doubled 1/m', () => {
  const rng = createRng(3);
  const m = 3;
  const X = randn(4, m, rng);
  const Y = Matrix.row([1, 1, 0]);
  const p = initializeParametersDeep([4, 5, 3, 1], { scheme: 'xavier', seed: 5 });
  // zero biases let a column of Z2 be exactly 0 here (a ReLU kink, where relu'(0) = 0 and finite
  // differences disagree): non-zero biases keep the check away from it
  for (const k of ['b1', 'b2', 'b3']) p[k] = randn(p[k]!.rows, 1, rng).scale(0.1);
  const { AL, caches } = lModelForward(X, p);
  const grads = lModelBackward(AL, Y, caches);
  const e = backprop(X, Y, p, { activations: ['relu', 'relu', 'sigmoid'], loss: 'cross-entropy' });
  for (const k of ['dW1', 'db1', 'dW3', 'dA0', 'dA2']) assert.ok(relativeDifference(grads[k]!, e.grads[k]!) < 1e-12, k);
  assert.ok(gradientCheckN(p, grads, X, Y).difference < 2e-7);
  const doubled = backprop(X, Y, p, { activations: ['relu', 'relu', 'sigmoid'], loss: 'cross-entropy', convention: 'double' }).grads;
  assert.ok(Math.abs(gradientCheckN(p, doubled, X, Y).difference - (m - 1) / (m + 1)) < 1e-6);
  assert.throws(() => lModelForward(randn(3, 2, rng), p), /shapes \(5, 4\) and \(3, 2\) not aligned: 4 \(dim 1\) != 3 \(dim 0\)/);
  assert.throws(() => linearActivationForward(X, p.W1!, p.b1!, 'softsign' as 'relu'), /unknown activation "softsign"/);
  const cache = { APrev: X, W: p.W1!, b: p.b1!, Z: randn(5, m, rng) };
  assert.throws(() => linearActivationBackward(Matrix.zeros(5, 2), cache, 'relu'), /\(5, 2\) \(5, 3\)/);
  assert.throws(() => gradientCheckN(p, { dW1: grads.dW1! }, X, Y), /gradients has no db1/);
});

test('updateParameters and computeCost name what is wrong', () => {
  const p = { W1: Matrix.zeros(2, 2), b1: Matrix.zeros(2, 1) };
  assert.throws(() => updateParameters(p, { dW1: Matrix.zeros(2, 2) }, 0.1), /grads has no db1 for parameter b1/);
  assert.throws(() => updateParameters(p, { dW1: Matrix.zeros(2, 3), db1: Matrix.zeros(2, 1) }, 0.1), /dW1 has shape \(2, 3\) but W1 has shape \(2, 2\)/);
  assert.throws(() => computeCost(Matrix.zeros(1, 3), Matrix.zeros(1, 2)), /AL has shape \(1, 3\) but Y has shape \(1, 2\)/);
});

test('initialisation scales, planar data and helpers', () => {
  assert.equal(initScale('he', 8), 0.5);
  assert.equal(initScale('xavier', 4), 0.5);
  assert.equal(initScale('course', 1000), 0.01);
  const p = initializeNetwork([400, 300, 1], { scheme: 'he', seed: 1 });
  const sd = p.W1!.norm() / Math.sqrt(p.W1!.size);
  assert.ok(Math.abs(sd - Math.sqrt(2 / 400)) < 0.002, `he sd ${sd}`);
  assert.deepEqual(initializeNetwork([2, 3], { seed: 4 }).W1!.toArray(), initializeNetwork([2, 3], { seed: 4 }).W1!.toArray());
  assert.throws(() => initializeNetwork([2, 0]), /layer size 1 must be a positive integer, got 0/);
  const { X, Y } = planarData();
  assert.deepEqual(X.shape, [2, 400]);
  assert.equal(Y.sumAll(), 200);
  assert.deepEqual(planarData().X.toArray(), X.toArray());
  const radius = X.mul(X).sumCols().map(Math.sqrt);
  assert.ok(radius.data.every((r) => r < 5.5));
  assert.deepEqual(selectColumns(Matrix.from([[1, 2, 3]]), [2, 0]).toArray(), [[3, 1]]);
  assert.equal(accuracy(Matrix.row([1, 0, 1]), Matrix.row([1, 1, 1])), 2 / 3);
  assert.ok(TOLERANCE > 0);
});
