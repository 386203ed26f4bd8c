import { test } from 'node:test';
import assert from 'node:assert/strict';
import { backpropWith, gradientDescent, DerivativeRule } from './backprop-with';
import { checkGradients, relativeDifference } from '../check/compare';
import { networkCost } from './network';
import { Matrix } from '../core/matrix';
import { createRng, randn } from '../core/random';
import { TOLERANCE } from '../core/tolerance';

function net(acts: string[], seed: number) {
  const rng = createRng(seed);
  const X = randn(3, 6, rng);
  const Y = Matrix.from([[1, 0, 1, 1, 0, 0]]);
  const parameters: Record<string, Matrix> = {
    W1: randn(4, 3, rng), b1: randn(4, 1, rng),
    W2: randn(4, 4, rng), b2: randn(4, 1, rng),
    W3: randn(1, 4, rng), b3: randn(1, 1, rng),
  };
  return { X, Y, parameters, opts: { activations: acts, loss: 'cross-entropy' } };
}

test('with the default derivative the gradients match finite differences of J', () => {
  for (const acts of [['relu', 'tanh', 'sigmoid'], ['tanh', 'sigmoid', 'sigmoid'], ['relu', 'relu', 'linear']]) {
    const { X, Y, parameters, opts } = net(acts, 2);
    const o = acts[2] === 'linear' ? { ...opts, loss: 'squared-error', l2: 0.7 } : opts;
    const { grads } = backpropWith(X, Y, parameters, o);
    const check = checkGradients(() => networkCost(X, Y, parameters, o), parameters, grads, { throwOnFailure: false });
    assert.ok(check.difference < TOLERANCE, `${acts.join(',')}: ${check.difference}`);
  }
});

test('a wrong derivative (relu\' as A >= 0, tanh\' from Z) fails the check in the layers below it', () => {
  const { X, Y, parameters, opts } = net(['relu', 'tanh', 'sigmoid'], 3);
  const bug: DerivativeRule = (l, Z, A, name) =>
    name === 'relu' ? A.map((a) => (a >= 0 ? 1 : 0)) : Z.map((z) => 1 - z * z);
  const { grads } = backpropWith(X, Y, parameters, { ...opts, derivative: bug });
  const check = checkGradients(() => networkCost(X, Y, parameters, opts), parameters, grads, { throwOnFailure: false });
  assert.ok(check.row('dW3').relativeDifference < TOLERANCE && check.row('db3').relativeDifference < TOLERANCE);
  assert.ok(check.row('dW2').relativeDifference > 1e-3 && check.row('dW1').relativeDifference > 1e-3);
});

test('a derivative of the wrong shape is refused', () => {
  const { X, Y, parameters, opts } = net(['relu', 'tanh', 'sigmoid'], 4);
  assert.throws(() => backpropWith(X, Y, parameters, { ...opts, derivative: () => Matrix.zeros(1, 1) }), /layer 2 has shape \(1, 1\) but Z2 has shape \(4, 6\)/);
});

test('gradientDescent lowers the cost with a correct gradient and leaves the input untouched', () => {
  const { X, Y, parameters, opts } = net(['tanh', 'tanh', 'sigmoid'], 5);
  const before = parameters.W1!.clone();
  const run = gradientDescent(parameters, { learningRate: 0.3, iterations: 200, gradients: (p) => backpropWith(X, Y, p, opts) });
  assert.equal(run.costs.length, 200);
  assert.ok(run.costs[199]! < 0.5 * run.costs[0]!);
  assert.ok(parameters.W1!.equals(before));
  assert.ok(relativeDifference(run.parameters.W1!, before) > 0);
  assert.throws(() => gradientDescent(parameters, { learningRate: 1e308, iterations: 5, gradients: (p) => backpropWith(X, Y, p, opts) }), /iteration \d/);
});
