import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Matrix } from '../core/matrix';
import { propagate, predict, sigmoid, initializeWithZeros, optimize } from './week2';
import { layerSizes, initializeParameters, forwardPropagation, backwardPropagation } from './week3';
import { initializeParametersDeep, lModelForward, lModelBackward, linearActivationBackward, linearActivationForward, linearBackward } from './week4';
import { computeCost } from './common';
import { gradientCheckN } from './gradient-check';
import { publishedCase } from './cases';
import { backprop } from '../nn/backprop';
import { initializeNetwork, initScale } from '../nn/init';
import { planarData, selectColumns, accuracy } from '../data/data';
import { createRng, randn, rand } from '../core/random';
import { numericGradient } from '../check/finite-difference';
import { relativeDifference } from '../check/compare';
import { TOLERANCE } from '../core/tolerance';

test('week 2: propagate\'s dw, db against finite differences of its cost; optimize records every 100th cost', () => {
  assert.equal(sigmoid(0), 0.5);
  assert.deepEqual(sigmoid(Matrix.row([0])).toArray(), [[0.5]]);
  assert.deepEqual(initializeWithZeros(2), { w: Matrix.zeros(2, 1), b: 0 });
  const rng = createRng(1);
  const X = randn(3, 6, rng);
  const Y = rand(1, 6, rng).map((v) => (v > 0.5 ? 1 : 0));
  const w = randn(3, 1, rng);
  const bias = Matrix.full(1, 1, 0.3);
  const J = (): number => computeCost(sigmoid(w.transpose().dot(X).add(bias.get(0, 0))), Y);
  const r = propagate(w, 0.3, X, Y);
  assert.ok(Math.abs(r.cost - J()) < 1e-15);
  assert.ok(relativeDifference(r.grads.dw, numericGradient(J, w)) < TOLERANCE);
  assert.ok(Math.abs(r.grads.db - numericGradient(J, bias).get(0, 0)) < 1e-9);
  assert.equal(optimize(w, 0.3, X, Y, 250, 0.1).costs.length, 3);
  assert.throws(() => propagate(Matrix.zeros(2, 1), 0, X, Y), /w has shape \(2, 1\) but X has shape \(3, 6\)/);
  assert.throws(() => predict(Matrix.zeros(3, 1), 0, Matrix.zeros(2, 4)), /w has shape \(3, 1\) but X has shape \(2, 4\)/);
});

test('week 3: backwardPropagation against finite differences of the cost of forwardPropagation', () => {
  const { X, Y } = planarData({ m: 40, seed: 2 });
  assert.deepEqual(layerSizes(X, Y), { nX: 2, nH: 4, nY: 1 });
  const p = initializeParameters(2, 4, 1);
  assert.ok(Math.abs(p.W1.norm() / Math.sqrt(8) - 0.01) < 0.006);
  assert.deepEqual(p.b1.toArray(), [[0], [0], [0], [0]]);
  // larger weights than the course's 0.01, so that every gradient is well above round-off
  for (const k of ['W1', 'W2', 'b1', 'b2'] as const) p[k] = randn(p[k].rows, p[k].cols, createRng(k.length + 7)).scale(0.8);
  const J = (): number => computeCost(forwardPropagation(X, p).A2, Y);
  const grads = backwardPropagation(p, forwardPropagation(X, p).cache, X, Y);
  for (const k of ['W1', 'b1', 'W2', 'b2'] as const) {
    assert.ok(relativeDifference(grads[`d${k}`], numericGradient(J, p[k])) < TOLERANCE, k);
  }
  assert.throws(() => forwardPropagation(Matrix.zeros(3, 2), p), /W1 has shape \(4, 2\) but X has shape \(3, 2\)/);
  const cache = forwardPropagation(X, p).cache;
  assert.throws(() => backwardPropagation(p, { ...cache, A1: Matrix.zeros(4, 3) }, X, Y), /A1 has shape \(4, 3\), expected \(4, 40\)/);
});

test('week 4: lModelBackward (from dA[L]) equals the tape; the gradient check passes it and catches a doubled 1/m', () => {
  const rng = createRng(3);
  const m = 3;
  const X = randn(4, m, rng);
  const Y = Matrix.row([1, 1, 0]);
  const p = initializeParametersDeep([4, 5, 3, 1], { scheme: 'xavier', seed: 5 });
  // zero biases let a column of Z2 be exactly 0 here (a ReLU kink, where relu'(0) = 0 and finite
  // differences disagree): non-zero biases keep the check away from it
  for (const k of ['b1', 'b2', 'b3']) p[k] = randn(p[k].rows, 1, rng).scale(0.1);
  const { AL, caches } = lModelForward(X, p);
  const grads = lModelBackward(AL, Y, caches);
  const tape = backprop(X, Y, p, { activations: ['relu', 'relu', 'sigmoid'], loss: 'cross-entropy', convention: 'autograd' }).grads;
  for (const k of ['dW1', 'db1', 'dW2', 'db2', 'dW3', 'db3']) assert.ok(relativeDifference(grads[k], tape[k]) < 1e-12, k);
  for (const k of ['dA0', 'dA1', 'dA2']) assert.ok(relativeDifference(grads[k], tape[k].scale(m)) < 1e-12, k); // per example: m times ∂J/∂A
  assert.ok(gradientCheckN(p, grads, X, Y).difference < 2e-7);
  const doubled = backprop(X, Y, p, { activations: ['relu', 'relu', 'sigmoid'], loss: 'cross-entropy', convention: 'double' }).grads;
  assert.ok(Math.abs(gradientCheckN(p, doubled, X, Y).difference - (m - 1) / (m + 1)) < 1e-6);
  assert.throws(() => lModelForward(randn(3, 2, rng), p), /shapes \(5, 4\) and \(3, 2\) not aligned: 4 \(dim 1\) != 3 \(dim 0\)/);
  // @ts-expect-error an unknown activation on purpose
  assert.throws(() => linearActivationForward(X, p.W1, p.b1, 'softsign'), /unknown activation "softsign"/);
  const cache = { APrev: X, W: p.W1, b: p.b1, Z: randn(5, m, rng) };
  assert.throws(() => linearActivationBackward(Matrix.zeros(5, 2), cache, 'relu'), /\(5, 2\) \(5, 3\)/);
  assert.throws(() => linearBackward(Matrix.zeros(5, 2), cache), /dZ has shape \(5, 2\) but W is \(5, 4\) and A_prev is \(4, 3\): dZ must be \(5, 3\)/);
  assert.throws(() => gradientCheckN(p, { dW1: grads.dW1 }, X, Y), /gradients has no db1/);
});

test('computeCost names what is wrong', () => {
  assert.throws(() => computeCost(Matrix.zeros(1, 3), Matrix.zeros(1, 2)), /AL has shape \(1, 3\) but Y has shape \(1, 2\)/);
});

test('initialisation: one implementation under three names; scales; planar data and helpers', () => {
  assert.deepEqual(initializeParameters(3, 5, 2, 7), initializeNetwork([3, 5, 2], { scheme: 'course', seed: 7 }));
  assert.deepEqual(initializeParametersDeep([3, 5, 2]), initializeNetwork([3, 5, 2], { scheme: 'course', seed: 3 }));
  assert.equal(initScale('he', 8), 0.5);
  assert.equal(initScale('xavier', 4), 0.5);
  assert.equal(initScale('course', 1000), 0.01);
  const p = initializeNetwork([400, 300, 1], { scheme: 'he', seed: 1 });
  const sd = p.W1.norm() / Math.sqrt(p.W1.size);
  assert.ok(Math.abs(sd - Math.sqrt(2 / 400)) < 0.002, `he sd ${sd}`);
  assert.deepEqual(initializeNetwork([2, 3], { seed: 4 }).W1.toArray(), initializeNetwork([2, 3], { seed: 4 }).W1.toArray());
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

test('gradientCheckN on the course\'s check network reproduces the published round-off-bound difference to 0.1%', () => {
  const c = publishedCase('c2w1_gradient_check_n_correct');
  const [Xm, Ym, p] = [c.matrix('X'), c.matrix('Y'), c.matrices('parameters')];
  const { AL, caches } = lModelForward(Xm, p);
  const difference = gradientCheckN(p, lModelBackward(AL, Ym, caches), Xm, Ym, 1e-7).difference;
  // J's round-off dominates at eps = 1e-7: only the course's own order of operations gives its number
  assert.ok(Math.abs(difference - Number(c.expected.difference)) / Number(c.expected.difference) < 1e-3, `${difference} vs ${String(c.expected.difference)}`);
});
