import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Matrix } from '../core/matrix';
import { createRng, randn } from '../core/random';
import { backprop, singleExampleGradients } from './backprop';
import { NetworkParameters, forwardPass, networkCost } from './network';
import { flattenGradients, maxParamDiff, meanOfGradients, paramDistance, scaleAll, sumOfSquaredWeights } from './parameters';
import { outputProbability, predictLabels } from './output';
import { checkGradients } from '../check/compare';
import { gradientCheckN } from '../course/gradient-check';

function network(sizes: number[], seed: number): NetworkParameters {
  const rng = createRng(seed);
  const p: NetworkParameters = {};
  for (let l = 1; l < sizes.length; l++) {
    p[`W${l}`] = randn(sizes[l], sizes[l - 1], rng).scale(0.7);
    p[`b${l}`] = randn(sizes[l], 1, rng).scale(0.5);
  }
  return p;
}

const net = { activations: ['tanh', 'relu', 'sigmoid'], loss: 'cross-entropy' };
const rng = createRng(11);
const X = randn(3, 7, rng);
const Y = Matrix.row([1, 0, 0, 1, 1, 0, 1]);
const p = network([3, 4, 2, 1], 5);

test('maxParamDiff: the largest entry difference over every key; clear errors for a missing key or another shape', () => {
  const q = { ...p, b2: p.b2.add(Matrix.column([0, -0.25])) };
  assert.equal(maxParamDiff(p, q), 0.25);
  assert.equal(maxParamDiff(p, p), 0);
  assert.equal(maxParamDiff({ W1: Matrix.row([1, 2]) }, { W1: Matrix.row([1, 2.5]) }), 0.5);
  assert.throws(() => maxParamDiff({ W1: Matrix.row([1]) }, { b1: Matrix.row([1]) }), /maxParamDiff: W1 is missing from the second set \(it has b1\)/);
  assert.throws(() => maxParamDiff({ W1: Matrix.row([1, 2]) }, { W1: Matrix.column([1, 2]) }), /W1 has shape \(1, 2\) in the first set and \(2, 1\) in the second/);
});

test('sumOfSquaredWeights: the weights only, and exactly the sum the L2 term of networkCost multiplies', () => {
  assert.equal(sumOfSquaredWeights({ W1: Matrix.row([1, 2]), b1: Matrix.row([5]), W2: Matrix.row([3]) }), 14);
  const lambda = 0.7;
  const m = X.cols;
  const withL2 = networkCost(X, Y, p, { ...net, l2: lambda });
  const without = networkCost(X, Y, p, net);
  assert.ok(Math.abs(withL2 - without - (lambda / (2 * m)) * sumOfSquaredWeights(p)) < 1e-15);
  let byHand = 0;
  for (const k of ['W1', 'W2', 'W3']) byHand += p[k].mul(p[k]).sumAll();
  assert.ok(Math.abs(sumOfSquaredWeights(p) - byHand) < 1e-12);
});

test('scaleAll: every matrix times k, the input untouched', () => {
  const half = scaleAll(p, 0.5);
  for (const k of Object.keys(p)) assert.ok(half[k].maxAbsDiff(p[k].scale(0.5)) === 0, k);
  assert.notEqual(scaleAll(p, 1).W1, p.W1);
  assert.equal(maxParamDiff(scaleAll(p, 1), p), 0);
  assert.throws(() => scaleAll(p, Number.NaN), /scaleAll: k must be a finite number, got NaN/);
});

test("flattenGradients: the course's theta order (dW1, db1, dW2, …), the same vector gradientCheckN flattens; dZ and dA left out", () => {
  const grads = backprop(X, Y, p, net).grads;
  const flat = flattenGradients(grads);
  assert.deepEqual(flat.shape, [4 * 3 + 4 + 2 * 4 + 2 + 1 * 2 + 1, 1]);
  assert.deepEqual(Array.from(flat.data), Array.from(gradientCheckN(p, grads, X, Y).grad.data));
  assert.equal(flattenGradients({ dW1: Matrix.row([3]), db1: Matrix.row([4]) }).norm(), 5);
  assert.throws(() => flattenGradients({ dW1: Matrix.row([3]) }), /flattenGradients: db1 is missing or not a Matrix/);
  assert.throws(() => flattenGradients({ W1: Matrix.row([3]) }), /flattenGradients: no dW1 found \(expected keys dW1, db1, dW2, db2, …; it has W1\)/);
});

test('singleExampleGradients and meanOfGradients: the mean of the per-example gradients is dJ/dW, by backprop and by finite differences', () => {
  const singles = singleExampleGradients(X, Y, p, net);
  assert.equal(singles.length, X.cols);
  assert.deepEqual(singles[0].dZ3.shape, [1, 1]);
  const mean = meanOfGradients(singles);
  assert.deepEqual(Object.keys(mean), ['dW1', 'db1', 'dW2', 'db2', 'dW3', 'db3']);
  const full = backprop(X, Y, p, net).grads;
  assert.ok(maxParamDiff(mean, full) < 1e-15, `mean vs backprop: ${maxParamDiff(mean, full)}`);
  const theta = scaleAll(p, 1);
  assert.ok(checkGradients(() => networkCost(X, Y, theta, net), theta, mean).passed);
  const sum = meanOfGradients(singles.slice(0, 2));
  assert.ok(sum.dW1.maxAbsDiff(singles[0].dW1.add(singles[1].dW1).scale(0.5)) < 1e-16);
  assert.throws(() => meanOfGradients([]), /meanOfGradients: the list is empty/);
  assert.throws(() => meanOfGradients([full, { ...full, dW2: full.dW2.transpose() }]), /meanOfGradients: dW2 of entry 1 is of shape \(4, 2\), expected \(2, 4\)/);
});

test('outputProbability: the forward pass at one point, for any number of inputs; refuses a wrong point or several outputs', () => {
  const f = outputProbability(p, net.activations);
  const { AL } = forwardPass(X, p, net.activations);
  for (let j = 0; j < X.cols; j++) {
    const x = [X.get(0, j), X.get(1, j), X.get(2, j)];
    assert.ok(Math.abs(f(...x) - AL.get(0, j)) < 1e-15, `column ${j}`);
  }
  const one = outputProbability({ W1: Matrix.row([1, -1]), b1: Matrix.row([0]) }, ['sigmoid']);
  assert.equal(one(2, 2), 0.5);
  assert.equal(one(3, 0), 1 / (1 + Math.exp(-3)));
  // a copy: changing the parameters afterwards does not move the function
  const q = scaleAll(p, 1);
  const g = outputProbability(q, net.activations);
  const before = g(1, 2, 3);
  q.W1.data[0] += 1;
  assert.equal(g(1, 2, 3), before);
  assert.throws(() => one(1), /outputProbability: the network has 2 inputs, got 1 value \(1\)/);
  assert.throws(() => outputProbability(network([2, 3, 2], 1), ['tanh', 'sigmoid']), /the output layer has 2 units \(W2 has shape \(2, 3\)\); it needs one/);
  assert.throws(() => outputProbability(p, ['tanh', 'sigmoid']), /activations has 2 entries but the parameters have 3 layers/);
});

test('paramDistance: the length of p − q over every entry; predictLabels: the course\'s > 0.5 rule for any network', () => {
  assert.equal(paramDistance({ W1: Matrix.row([3]), b1: Matrix.row([4]) }, { W1: Matrix.row([0]), b1: Matrix.row([0]) }), 5);
  const q = scaleAll(p, 1);
  q.W2.data[3] += 0.3;
  q.b3.data[0] -= 0.4;
  assert.ok(Math.abs(paramDistance(q, p) - 0.5) < 1e-15);
  assert.throws(() => paramDistance({ W1: Matrix.row([1]) }, {}), /paramDistance: W1 is missing from the second set/);
  const labels = predictLabels(X, p, net.activations);
  const { AL } = forwardPass(X, p, net.activations);
  assert.deepEqual(labels.toArray()[0], AL.toArray()[0]?.map((a) => (a > 0.5 ? 1 : 0)));
  assert.deepEqual(predictLabels(Matrix.from([[2, -2, 0]]), { W1: Matrix.row([1]), b1: Matrix.row([0]) }, ['sigmoid']).toArray(), [[1, 0, 0]]);
  assert.throws(() => predictLabels(X, network([3, 2], 1), ['sigmoid']), /predictLabels: the output layer has 2 units; it needs one/);
});
