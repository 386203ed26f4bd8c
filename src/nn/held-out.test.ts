import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Matrix } from '../core/matrix';
import { createRng, rand } from '../core/random';
import { planarData } from '../data/data';
import { initializeNetwork } from './init';
import { networkCost } from './network';
import { maxParamDiff } from './parameters';
import { TrainOptions, train } from './train';

function heldOutMatchesSeparateRuns(X: Matrix, Y: Matrix, Xt: Matrix, Yt: Matrix, options: Omit<TrainOptions, 'iterations'>, iterations: number, every: number): void {
  const plain = train(X, Y, { ...options, iterations });
  const r = train(X, Y, { ...options, iterations, evaluate: { X: Xt, Y: Yt, every } });
  assert.equal(plain.heldOut, null);
  assert.equal(maxParamDiff(r.parameters, plain.parameters), 0, 'evaluate does not change the run');
  assert.deepEqual(r.costs, plain.costs);
  const h = r.heldOut;
  assert.ok(h !== null);
  const expected = Array.from({ length: Math.floor((iterations - 1) / every) + 1 }, (_, k) => k * every);
  if (expected[expected.length - 1] !== iterations) expected.push(iterations);
  assert.deepEqual(h.iterations, expected);
  const net = { activations: options.activations, loss: options.loss };
  h.iterations.forEach((k, i) => {
    const p = k === 0 ? options.parameters : train(X, Y, { ...options, iterations: k }).parameters;
    const truth = networkCost(Xt, Yt, p, net);
    assert.ok(Math.abs((h.costs[i] ?? NaN) - truth) <= 1e-15 * Math.max(1, truth), `after ${k} iterations: ${h.costs[i]} vs ${truth}`);
  });
}

test('evaluate: the held-out cost after 0, every, 2·every, … and the last iteration, equal to networkCost of the parameters then; the run itself unchanged', () => {
  const { X, Y } = planarData({ m: 60, seed: 1 });
  const test = planarData({ m: 31, seed: 2 });
  const options = { parameters: initializeNetwork([2, 4, 1], { seed: 3, scheme: 'xavier' }), activations: ['tanh', 'sigmoid'], loss: 'cross-entropy', learningRate: 1.2 };
  heldOutMatchesSeparateRuns(X, Y, test.X, test.Y, options, 25, 10);
  heldOutMatchesSeparateRuns(X, Y, test.X, test.Y, options, 5, 1);
  // mini-batches: one measurement per epoch boundary
  heldOutMatchesSeparateRuns(X, Y, test.X, test.Y, { ...options, batchSize: 16, seed: 4 }, 6, 2);
});

test('evaluate with a wide first layer (packed products, SIMD buffers): the held-out cost reads the live weights', () => {
  const rng = createRng(5);
  const [n0, m] = [80, 40];
  const X = rand(n0, m, rng);
  const Y = Matrix.row(Array.from({ length: m }, (_, i) => i % 2));
  const Xt = rand(n0, 12, rng);
  const Yt = Matrix.row(Array.from({ length: 12 }, (_, i) => (i + 1) % 2));
  const options = { parameters: initializeNetwork([n0, 6, 1], { seed: 1, scheme: 'he' }), activations: ['relu', 'sigmoid'], loss: 'cross-entropy', learningRate: 0.1 };
  heldOutMatchesSeparateRuns(X, Y, Xt, Yt, options, 12, 4);
});

test('evaluate refuses held-out data that do not fit the network, and a bad every', () => {
  const { X, Y } = planarData({ m: 20, seed: 1 });
  const options = { parameters: initializeNetwork([2, 3, 1], { seed: 1 }), activations: ['tanh', 'sigmoid'], loss: 'cross-entropy', learningRate: 1, iterations: 3 };
  assert.throws(() => train(X, Y, { ...options, evaluate: { X, Y, every: 0 } }), /evaluate.every must be a positive integer, got 0/);
  assert.throws(() => train(X, Y, { ...options, evaluate: { X, Y: Matrix.zeros(1, 5) } }), /evaluate: the held-out data do not fit the network: Y has shape \(1, 5\) but the output A2 has shape \(1, 20\)/);
  assert.throws(() => train(X, Y, { ...options, evaluate: { X: Matrix.zeros(3, 20), Y } }), /evaluate: the held-out data do not fit the network: W1 has shape \(3, 2\) but X has shape \(3, 20\)/);
});
