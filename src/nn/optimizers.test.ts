import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gradientDescent, updateParameters, descentStepInto, adamStepInto } from './optimizers';
import { backprop } from './backprop';
import { initializeNetwork } from './init';
import { NetworkParameters } from './network';
import { Matrix } from '../core/matrix';
import { createRng, randn } from '../core/random';

test('updateParameters takes one step W − α dW on new matrices, and names what is wrong', () => {
  const p = { W1: Matrix.from([[1, 2]]), b1: Matrix.column([0.5]), other: Matrix.row([7]) };
  const next = updateParameters(p, { dW1: Matrix.from([[2, -4]]), db1: Matrix.column([1]) }, 0.1);
  assert.deepEqual(next.W1.toArray(), [[0.8, 2.4]]);
  assert.deepEqual(next.b1.toArray(), [[0.4]]);
  assert.equal(next.other, p.other);
  assert.deepEqual(p.W1.toArray(), [[1, 2]]);
  const q = { W1: Matrix.zeros(2, 2), b1: Matrix.zeros(2, 1) };
  assert.throws(() => updateParameters(q, { dW1: Matrix.zeros(2, 2) }, 0.1), /grads has no db1 for parameter b1/);
  assert.throws(() => updateParameters(q, { dW1: Matrix.zeros(2, 3), db1: Matrix.zeros(2, 1) }, 0.1), /dW1 has shape \(2, 3\) but W1 has shape \(2, 2\)/);
});

test('the buffer steps follow their formulas: θ − αg, and Adam\'s bias-corrected moments', () => {
  const P = Float64Array.of(1, -2);
  descentStepInto(P, Float64Array.of(0.5, 1), 2);
  assert.deepEqual(Array.from(P), [0, -4]);
  const Q = Float64Array.of(1);
  const M = new Float64Array(1);
  const V = new Float64Array(1);
  const settings = { beta1: 0.9, beta2: 0.999, epsilon: 1e-8 };
  adamStepInto(Q, Float64Array.of(0.2), M, V, 0.01, settings, 1);
  // after one step m̂ = g and v̂ = g², so the step is α g / (|g| + ε) ≈ α
  assert.ok(Math.abs(Q[0] - (1 - (0.01 * 0.2) / (0.2 + 1e-8))) < 1e-15);
  assert.ok(Math.abs(M[0] - 0.02) < 1e-15 && Math.abs(V[0] - 0.001 * 0.04) < 1e-18);
});

test('gradientDescent lowers the cost with a correct gradient, leaves its input alone, and names a divergence', () => {
  const rng = createRng(5);
  const X = randn(3, 6, rng);
  const Y = Matrix.from([[1, 0, 1, 1, 0, 0]]);
  const parameters = initializeNetwork([3, 4, 4, 1], { seed: 5, scheme: 'xavier' });
  const opts = { activations: ['tanh', 'tanh', 'sigmoid'], loss: 'cross-entropy' };
  const before = parameters.W1.clone();
  const run = gradientDescent(parameters, { learningRate: 0.3, iterations: 200, gradients: (p) => backprop(X, Y, p, opts) });
  assert.equal(run.costs.length, 200);
  assert.ok(run.costs[199] < 0.5 * run.costs[0]);
  assert.ok(parameters.W1.equals(before));
  assert.ok(!run.parameters.W1.equals(before));
  assert.throws(() => gradientDescent(parameters, { learningRate: 1e308, iterations: 5, gradients: (p) => backprop(X, Y, p, opts) }), /iteration \d/);
});

test('gradientDescent with onNonFinite "stop": ends where the cost stops being finite, keeps the costs so far; otherwise the same run', () => {
  const rng = createRng(5);
  const X = randn(3, 6, rng);
  const Y = Matrix.from([[1, 0, 1, 1, 0, 0]]);
  const parameters = initializeNetwork([3, 4, 4, 1], { seed: 5, scheme: 'xavier' });
  const opts = { activations: ['tanh', 'tanh', 'sigmoid'], loss: 'cross-entropy' };
  const gradients = (p: NetworkParameters) => backprop(X, Y, p, opts);
  // a run that ends normally: bit for bit the throwing run, stopped null
  const normal = gradientDescent(parameters, { learningRate: 0.3, iterations: 50, gradients });
  const guarded = gradientDescent(parameters, { learningRate: 0.3, iterations: 50, gradients, onNonFinite: 'stop' });
  assert.deepEqual(guarded.costs, normal.costs);
  assert.ok(guarded.parameters.W1.equals(normal.parameters.W1));
  assert.equal(normal.stopped, null);
  assert.equal(guarded.stopped, null);
  // a huge rate saturates the output after one update: the throwing run names iteration 1, the stopping one stops there
  const huge = { learningRate: 1e6, iterations: 5, gradients };
  assert.throws(() => gradientDescent(parameters, huge), /iteration 1 /);
  const stopped = gradientDescent(parameters, { ...huge, onNonFinite: 'stop' });
  assert.equal(stopped.costs.length, 1);
  assert.equal(stopped.costs[0], normal.costs[0]);
  assert.ok(stopped.stopped !== null && stopped.stopped.iteration === 1);
  assert.match(stopped.stopped?.reason ?? '', /^diverged at iteration 1 \(after 1 update with learning rate 1000000\): backprop: the cost is Infinity/);
  assert.ok(Number.isFinite(stopped.parameters.W1.sumAll()));
  // a cost that is NaN without an error (a gradient function that says nothing) stops too; other errors are thrown
  const silent = (p: NetworkParameters) => ({ cost: p === parameters ? 1 : NaN, grads: gradients(p).grads });
  assert.deepEqual(gradientDescent(parameters, { learningRate: 0.1, iterations: 3, gradients: silent, onNonFinite: 'stop' }).stopped,
    { iteration: 1, reason: 'the cost became NaN at iteration 1 after 1 update with learning rate 0.1' });
  const broken = () => { throw new TypeError('not a gradient'); };
  assert.throws(() => gradientDescent(parameters, { learningRate: 0.1, iterations: 3, gradients: broken, onNonFinite: 'stop' }), /not a gradient/);
  // @ts-expect-error: an unknown policy is refused by name
  assert.throws(() => gradientDescent(parameters, { ...huge, onNonFinite: 'ignore' }), /onNonFinite must be "throw" or "stop", got "ignore"/);
});
