import { test } from 'node:test';
import assert from 'node:assert/strict';
import { train } from './train';
import { PARALLEL_MIN_WORK } from './trainer';
import { backprop, Gradients } from './backprop';
import { conventions } from './conventions';
import { NetworkParameters, networkCost } from './network';
import { initializeNetwork } from './init';
import { miniBatches, planarData, accuracy } from '../data/data';
import { nnModel, predictShallow } from '../course/week3';
import { Matrix } from '../core/matrix';
import { createRng, randn, rand } from '../core/random';
import { relativeDifference } from '../check/compare';
import { TOLERANCE } from '../core/tolerance';

function step(p: NetworkParameters, g: Gradients, lr: number): NetworkParameters {
  const out: NetworkParameters = {};
  for (const k of Object.keys(p)) out[k] = p[k].sub(g[`d${k}`].scale(lr));
  return out;
}

function same(a: NetworkParameters, b: NetworkParameters, what: string, tol = 1e-12): void {
  for (const k of Object.keys(a)) assert.ok(relativeDifference(a[k], b[k]) < tol, `${what} ${k}: ${relativeDifference(a[k], b[k])}`);
}

const nets = [
  { sizes: [3, 5, 2], activations: ['tanh', 'sigmoid'], loss: 'cross-entropy', l2: 0 },
  { sizes: [70, 6, 4, 3], activations: ['relu', 'sigmoid', 'softmax'], loss: 'cross-entropy', l2: 0.2 }, // wide input: packed Xᵀ path
  { sizes: [4, 5, 3], activations: ['linear', 'tanh'], loss: 'squared-error', l2: 0.1 },
  { sizes: [3, 4, 2], activations: ['relu', 'softmax'], loss: 'squared-error', l2: 0 },
];

function dataFor(net: (typeof nets)[number], m: number, seed: number): { X: Matrix; Y: Matrix } {
  const rng = createRng(seed);
  const X = randn(net.sizes[0], m, rng);
  const nL = net.sizes[net.sizes.length - 1];
  let Y: Matrix;
  if (net.activations.at(-1) === 'softmax' && net.loss === 'cross-entropy') {
    Y = new Matrix(nL, m);
    for (let j = 0; j < m; j++) Y.set(rng.integer(nL), j, 1);
  } else if (net.loss === 'cross-entropy') {
    Y = rand(nL, m, rng).map((v) => (v > 0.5 ? 1 : 0));
  } else {
    Y = rand(nL, m, rng);
  }
  return { X, Y };
}

test('train takes exactly the steps of backprop + update, for every convention and network', () => {
  nets.forEach((net, n) => {
    const m = 9;
    const { X, Y } = dataFor(net, m, n);
    const p0 = initializeNetwork(net.sizes, { seed: n, scheme: 'xavier' });
    const opts = { activations: net.activations, loss: net.loss, l2: net.l2 };
    for (const convention of conventions) {
      let p = p0;
      const costs: number[] = [];
      for (let i = 0; i < 4; i++) {
        const r = backprop(X, Y, p, { ...opts, convention });
        costs.push(r.cost);
        p = step(p, r.grads, 0.3 * r.stepScale);
      }
      const t = train(X, Y, { ...opts, parameters: p0, learningRate: 0.3, iterations: 4, convention });
      same(t.parameters, p, `${net.activations.join('/')} ${convention}`);
      costs.forEach((c, i) => assert.ok(Math.abs(c - t.costs[i]) < 1e-12 * (1 + Math.abs(c)), `cost ${i}`));
    }
  });
});

test('training facts: update = loss; sum with α/m = loss with α; double with α = loss with α/m', () => {
  const net = nets[0];
  const m = 12;
  const { X, Y } = dataFor(net, m, 7);
  const base = { parameters: initializeNetwork(net.sizes, { seed: 1 }), activations: net.activations, loss: net.loss, iterations: 20 };
  const loss = train(X, Y, { ...base, learningRate: 0.5, convention: 'loss' }).parameters;
  same(train(X, Y, { ...base, learningRate: 0.5, convention: 'update' }).parameters, loss, 'update');
  same(train(X, Y, { ...base, learningRate: 0.5 / m, convention: 'sum' }).parameters, loss, 'sum');
  same(train(X, Y, { ...base, learningRate: 0.5, convention: 'double' }).parameters, train(X, Y, { ...base, learningRate: 0.5 / m }).parameters, 'double');
  same(train(X, Y, { ...base, learningRate: 0.5 / m, convention: 'none' }).parameters, loss, 'none');
});

test('mini-batches: each step is a backprop step on that batch; the epoch cost sums losses over batches / m', () => {
  const net = nets[2];
  const m = 10;
  const { X, Y } = dataFor(net, m, 3);
  const p0 = initializeNetwork(net.sizes, { seed: 2 });
  const opts = { activations: net.activations, loss: net.loss };
  let p = p0;
  const costs: number[] = [];
  for (let epoch = 0; epoch < 3; epoch++) {
    let lossSum = 0;
    for (const batch of miniBatches(X, Y, 4)) {
      const r = backprop(batch.X, batch.Y, p, opts);
      lossSum += r.losses.sumAll();
      p = step(p, r.grads, 0.1);
    }
    costs.push(lossSum / m);
  }
  assert.deepEqual(miniBatches(X, Y, 4).map((b) => b.X.cols), [4, 4, 2]);
  const t = train(X, Y, { ...opts, parameters: p0, learningRate: 0.1, iterations: 3, batchSize: 4, shuffle: false });
  same(t.parameters, p, 'mini-batch');
  costs.forEach((c, i) => assert.ok(Math.abs(c - t.costs[i]) < 1e-12));
  // shuffled batches are seeded: same seed, same result; the cost still falls
  const a = train(X, Y, { ...opts, parameters: p0, learningRate: 0.1, iterations: 30, batchSize: 4, seed: 5 });
  const b = train(X, Y, { ...opts, parameters: p0, learningRate: 0.1, iterations: 30, batchSize: 4, seed: 5 });
  assert.deepEqual(a.costs, b.costs);
  assert.ok(a.costs[29] < a.costs[0]);
});

test('Adam follows its update rule and barely notices a doubled 1/m', () => {
  const net = nets[0];
  const m = 8;
  const { X, Y } = dataFor(net, m, 11);
  const p0 = initializeNetwork(net.sizes, { seed: 4 });
  const opts = { activations: net.activations, loss: net.loss };
  let p = p0;
  const mom: NetworkParameters = {};
  const vel: NetworkParameters = {};
  for (const k of Object.keys(p)) {
    mom[k] = Matrix.zeros(p[k].rows, p[k].cols);
    vel[k] = Matrix.zeros(p[k].rows, p[k].cols);
  }
  for (let t = 1; t <= 5; t++) {
    const g = backprop(X, Y, p, opts).grads;
    const next: NetworkParameters = {};
    for (const k of Object.keys(p)) {
      const d = g[`d${k}`];
      mom[k] = mom[k].scale(0.9).add(d.scale(0.1));
      vel[k] = vel[k].scale(0.999).add(d.mul(d).scale(0.001));
      const mh = mom[k].scale(1 / (1 - 0.9 ** t));
      const vh = vel[k].scale(1 / (1 - 0.999 ** t));
      next[k] = p[k].sub(mh.div(vh.map(Math.sqrt).add(1e-8)).scale(0.01));
    }
    p = next;
  }
  const adam = train(X, Y, { ...opts, parameters: p0, learningRate: 0.01, iterations: 5, optimizer: 'adam' });
  same(adam.parameters, p, 'adam', 1e-10);
  const long = { ...opts, parameters: p0, learningRate: 0.01, iterations: 200, optimizer: 'adam' as const };
  const last = (costs: number[]): number => costs[costs.length - 1];
  const right = last(train(X, Y, long).costs);
  const doubled = last(train(X, Y, { ...long, convention: 'double' }).costs);
  const gdRight = last(train(X, Y, { ...long, optimizer: 'gd', learningRate: 1 }).costs);
  const gdDoubled = last(train(X, Y, { ...long, optimizer: 'gd', learningRate: 1, convention: 'double' }).costs);
  assert.ok(Math.abs(doubled - right) < 0.05 * right, `adam: ${right} vs ${doubled}`);
  assert.ok(gdDoubled - gdRight > 5 * Math.abs(doubled - right), `gd: ${gdRight} vs ${gdDoubled}`);
});

test('bad options of train are named (divergence itself: guards.test.ts)', () => {
  const rng = createRng(1);
  const X = randn(3, 20, rng).scale(10);
  const Y = randn(1, 20, rng);
  const parameters = initializeNetwork([3, 8, 1], { seed: 1 });
  assert.throws(() => train(X, Y, { parameters, activations: ['relu', 'linear'], loss: 'squared-error', learningRate: -1, iterations: 3 }), /learningRate must be a positive number, got -1/);
  assert.throws(() => train(X, Y, { parameters, activations: ['relu', 'tanhh'], loss: 'squared-error', learningRate: 1, iterations: 3 }), /unknown activation "tanhh"/);
  assert.throws(() => train(X, Y, { parameters, activations: ['relu', 'linear'], loss: 'l1', learningRate: 1, iterations: 3 }), /unknown loss "l1"/);
});

test('the week-3 network learns the planar flower (about 90%), and train leaves its inputs alone', () => {
  const { X, Y } = planarData();
  const { parameters, costs } = nnModel(X, Y, 4, 5000);
  assert.equal(costs.length, 5000);
  assert.ok(costs[4999] < 0.35, `final cost ${costs[4999]}`);
  assert.ok(accuracy(predictShallow(parameters, X), Y) > 0.85);
  const p0 = initializeNetwork([2, 4, 1], { seed: 9 });
  const copy = p0.W1.clone();
  const r = train(X, Y, { parameters: p0, activations: ['tanh', 'sigmoid'], loss: 'cross-entropy', learningRate: 1.2, iterations: 3 });
  assert.ok(p0.W1.equals(copy));
  assert.ok(Math.abs(r.costs[0] - networkCost(X, Y, p0, { activations: ['tanh', 'sigmoid'], loss: 'cross-entropy' })) < TOLERANCE);
});

test('two threads run above the threshold (counted) and give bit-for-bit the results of one; below it, the reason is given', () => {
  const rng = createRng(12);
  const [n0, n1, m] = [300, 40, 400];
  assert.ok(n1 * n0 * 256 >= PARALLEL_MIN_WORK, 'the mini-batches below must be above the two-thread threshold too');
  const X = rand(n0, m, rng);
  const Y = rand(1, m, rng).map((v) => (v > 0.5 ? 1 : 0));
  const parameters = initializeNetwork([n0, n1, 1], { seed: 3, scheme: 'xavier' });
  const opts = { parameters, activations: ['relu', 'sigmoid'], loss: 'cross-entropy', learningRate: 0.05, iterations: 5 };
  for (const batchSize of [undefined, 256]) {
    const one = train(X, Y, { ...opts, batchSize, threads: 1 });
    const two = train(X, Y, { ...opts, batchSize, threads: 2 });
    const steps = batchSize ? 5 * Math.ceil(m / batchSize) : 5;
    assert.deepEqual(one.threads, { used: 1, reason: null, chunks: 0, helperChunks: 0, helperRequests: 0 });
    assert.equal(two.threads.used, 2, `batch ${batchSize}: ${two.threads.reason}`);
    // two products per step (Z1 and dW1), each handled by the second thread
    assert.equal(two.threads.helperRequests, 2 * steps, `batch ${batchSize}`);
    assert.ok(two.parameters.W1.equals(one.parameters.W1) && two.parameters.b1.equals(one.parameters.b1), `batch ${batchSize}`);
    assert.deepEqual(two.costs, one.costs);
  }
  // the full-batch run also agrees with backprop followed by the update, step by step
  let p = parameters;
  for (let i = 0; i < 5; i++) p = step(p, backprop(X, Y, p, opts).grads, 0.05);
  same(train(X, Y, { ...opts, threads: 2 }).parameters, p, 'two threads vs backprop');
  // below the threshold the run says why it used one thread
  const small = train(X, Y, { ...opts, batchSize: 64, iterations: 1, threads: 2 });
  assert.equal(small.threads.used, 1);
  assert.match(String(small.threads.reason), /too small for a second thread \(768000 multiply-adds per product, at least 2000000 needed\)/);
  const narrow = train(randn(3, 20, rng), Matrix.zeros(1, 20), { ...opts, parameters: initializeNetwork([3, 4, 1], { seed: 1 }), iterations: 1, threads: 2 });
  assert.match(String(narrow.threads.reason), /input is too narrow for a second thread \(3 rows, at least 64 needed\)/);
});
