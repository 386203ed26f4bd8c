/**
 * The course's functions guarded like the rest of the module: non-finite inputs and learning
 * rates refused with the name of what is wrong, labels checked, divergence reported with its
 * iteration; the course's signatures and published numbers unchanged (conformance.test.ts).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Matrix } from '../core/matrix';
import { createRng, randn } from '../core/random';
import { computeCost } from './common';
import { propagate, optimize, predict } from './week2';
import { forwardPropagation, backwardPropagation, initializeParameters } from './week3';
import { linearForward, linearBackward, lModelForward, lModelBackward, initializeParametersDeep } from './week4';
import { gradientCheckN } from './gradient-check';
import { updateParameters } from '../nn/optimizers';

function week2(seed = 1): { w: Matrix; X: Matrix; Y: Matrix } {
  const rng = createRng(seed);
  return { w: randn(3, 1, rng), X: randn(3, 6, rng), Y: Matrix.from([[1, 0, 1, 1, 0, 0]]) };
}

function withEntry(M: Matrix, i: number, j: number, v: number): Matrix {
  const out = M.clone();
  out.data[i * M.cols + j] = v;
  return out;
}

test('computeCost refuses labels outside [0, 1] and a non-finite AL, naming the entries', () => {
  assert.throws(() => computeCost(Matrix.from([[0.8, 0.9, 0.4]]), Matrix.from([[1, 2, 0]])), /cross-entropy needs labels in \[0, 1\]: Y\[0\]\[1\] = 2/);
  assert.throws(() => computeCost(withEntry(Matrix.from([[0.8, 0.9, 0.4]]), 0, 1, NaN), Matrix.from([[1, 1, 0]])), /AL\[0\]\[1\] is NaN/);
  assert.throws(() => computeCost(Matrix.zeros(1, 0), Matrix.zeros(1, 0)), /AL has no examples/);
});

test('updateParameters refuses a non-finite learning rate and non-finite gradients, naming them', () => {
  const p = { W1: Matrix.from([[1, 2]]), b1: Matrix.column([0.5]) };
  const g = { dW1: Matrix.from([[2, -4]]), db1: Matrix.column([1]) };
  assert.throws(() => updateParameters(p, g, NaN), /updateParameters: learningRate must be a finite number, got NaN/);
  assert.throws(() => updateParameters(p, g, Infinity), /learningRate must be a finite number, got Infinity/);
  assert.throws(() => updateParameters(p, { ...g, dW1: withEntry(g.dW1, 0, 1, NaN) }, 0.1), /dW1\[0\]\[1\] is NaN/);
});

test('optimize refuses a non-finite learning rate before it starts, and reports divergence with the iteration', () => {
  const { w, X, Y } = week2();
  assert.throws(() => optimize(w, 0, X, Y, 100, NaN), /optimize: learningRate must be a finite number, got NaN/);
  assert.throws(() => optimize(w, 0, X, Y, 100, Infinity), /learningRate must be a finite number, got Infinity/);
  assert.throws(() => optimize(w, 0, X, Y, 2.5, 0.1), /numIterations must be a non-negative integer, got 2.5/);
  assert.throws(() => optimize(w, 0, X, Y, 1000, 1e4), /optimize: diverged at iteration 1 \(after 1 update with learning rate 10000\): the cost is Infinity; likely cause: the learning rate 10000 is too large/);
  // saturated before any update: the learning rate is not blamed
  const e = (() => { try { optimize(w, 0, X.scale(100), Y, 1000, 0.01); } catch (err) { return String(err); } return ''; })();
  assert.match(e, /optimize: diverged at iteration 0 \(before any update\): the cost is Infinity; likely cause: saturation: A1\[0\]\[\d\] = [01] exactly/);
  assert.doesNotMatch(e, /too large/);
});

test('propagate and predict refuse non-finite inputs and bad labels, naming them', () => {
  const { w, X, Y } = week2();
  assert.throws(() => propagate(w, 0, withEntry(X, 2, 4, NaN), Y), /X\[2\]\[4\] is NaN/);
  assert.throws(() => propagate(w, NaN, X, Y), /b must be a finite number, got NaN/);
  assert.throws(() => propagate(w, 0, X, Matrix.from([[1, 0, 1, 1, 0, 3]])), /Y\[0\]\[5\] = 3/);
  assert.throws(() => predict(withEntry(w, 1, 0, Infinity), 0, X), /w\[1\]\[0\] is Infinity/);
});

test('the week-3 functions refuse non-finite parameters and caches', () => {
  const { X, Y } = week2();
  const p = initializeParameters(3, 4, 1);
  assert.throws(() => forwardPropagation(X, { ...p, W2: withEntry(p.W2, 0, 3, NaN) }), /W2\[0\]\[3\] is NaN/);
  const { cache } = forwardPropagation(X, p);
  assert.throws(() => backwardPropagation(p, { ...cache, A1: withEntry(cache.A1, 1, 1, Infinity) }, X, Y), /A1\[1\]\[1\] is Infinity/);
  assert.throws(() => backwardPropagation(p, cache, X, Matrix.from([[1, 0, -1, 1, 0, 0]])), /Y\[0\]\[2\] = -1/);
});

test('the backward functions refuse m = 0 (1/m would make every gradient NaN)', () => {
  const W = Matrix.zeros(2, 3);
  const empty = Matrix.zeros(3, 0);
  assert.throws(() => linearBackward(Matrix.zeros(2, 0), { APrev: empty, W, b: Matrix.zeros(2, 1) }), /linearBackward: A_prev has no examples \(shape \(3, 0\)\): m must be at least 1/);
  const p = initializeParameters(3, 4, 1);
  const cache = { Z1: Matrix.zeros(4, 0), A1: Matrix.zeros(4, 0), Z2: Matrix.zeros(1, 0), A2: Matrix.zeros(1, 0) };
  assert.throws(() => backwardPropagation(p, cache, empty, Matrix.zeros(1, 0)), /backwardPropagation: X has no examples/);
});

test('the week-4 functions refuse non-finite inputs and a gap in the layer keys', () => {
  const { X } = week2();
  const p = initializeParametersDeep([3, 4, 2, 1]);
  assert.throws(() => linearForward(X, withEntry(p.W1, 0, 0, NaN), p.b1), /W\[0\]\[0\] is NaN/);
  const gap = { W1: p.W1, b1: p.b1, W3: p.W3, b3: p.b3 };
  assert.throws(() => lModelForward(X, gap), /W3 is present but W2 is missing/);
});

test('lModelBackward at a saturated sigmoid: finite gradients where the cost is finite, a named error where it is infinite', () => {
  const X = Matrix.from([[1, -1]]);
  const p = { W1: Matrix.from([[50]]), b1: Matrix.column([0]) }; // σ(±50) rounds to exactly 1 and (almost) 0
  const { AL, caches } = lModelForward(X, p);
  assert.equal(AL.get(0, 0), 1);
  assert.ok(Number.isFinite(computeCost(AL, Matrix.from([[1, 0]]))));
  const ok = lModelBackward(AL, Matrix.from([[1, 0]]), caches);
  assert.ok(ok.dW1.data.every(Number.isFinite), `dW1 = ${ok.dW1.toString()}`);
  assert.throws(() => lModelBackward(AL, Matrix.from([[0, 0]]), caches), /lModelBackward: dAL\[0\]\[0\] is Infinity: AL\[0\]\[0\] = 1 exactly with label 0 \(a saturated sigmoid: the cost is infinite\)/);
});

test('gradientCheckN refuses a gradient of the wrong shape even when its size matches', () => {
  const rng = createRng(3);
  const X = randn(4, 3, rng);
  const Y = Matrix.row([1, 1, 0]);
  const p = initializeParametersDeep([4, 5, 1], { scheme: 'xavier', seed: 5 });
  const { AL, caches } = lModelForward(X, p);
  const grads = lModelBackward(AL, Y, caches);
  assert.throws(() => gradientCheckN(p, { ...grads, db1: grads.db1.transpose() }, X, Y), /gradientCheckN: db1 has shape \(1, 5\) but b1 has shape \(5, 1\)/);
});
