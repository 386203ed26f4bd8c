import { test } from 'node:test';
import assert from 'node:assert/strict';
import { backprop, DerivativeRule } from './backprop';
import { getActivation } from './activations';
import { conventions, conventionInfo, Convention } from './conventions';
import { networkCost, networkLosses, probeLayer, forwardPass, NetworkParameters } from './network';
import { numericGradient } from '../check/finite-difference';
import { relativeDifference } from '../check/compare';
import { Matrix } from '../core/matrix';
import { createRng, randn, rand, Rng } from '../core/random';
import { TOLERANCE } from '../core/tolerance';

function randomNetwork(sizes: number[], rng: Rng): NetworkParameters {
  const p: NetworkParameters = {};
  for (let l = 1; l < sizes.length; l++) {
    p[`W${l}`] = randn(sizes[l], sizes[l - 1], rng).scale(0.8);
    p[`b${l}`] = randn(sizes[l], 1, rng).scale(0.5);
  }
  return p;
}

function targets(rows: number, m: number, output: string, loss: string, rng: Rng): Matrix {
  if (loss === 'squared-error') return randn(rows, m, rng);
  if (output === 'softmax') {
    const Y = new Matrix(rows, m);
    for (let j = 0; j < m; j++) Y.set(rng.integer(rows), j, 1);
    return Y;
  }
  return rand(rows, m, rng).map((v) => (v > 0.5 ? 1 : 0));
}

/** The objective whose finite-difference gradient each convention's quantities should equal. */
function scaleOf(of: 'L' | 'J' | 'J/m' | 'sum L', m: number): number {
  return of === 'J' ? 1 / m : of === 'J/m' ? 1 / (m * m) : 1; // times Σ L (no L2 here)
}

const cases: { hidden: string; output: string; loss: string }[] = [];
for (const hidden of ['sigmoid', 'relu', 'tanh', 'linear']) {
  cases.push({ hidden, output: 'sigmoid', loss: 'cross-entropy' });
  cases.push({ hidden, output: 'linear', loss: 'squared-error' });
}
cases.push({ hidden: 'tanh', output: 'softmax', loss: 'cross-entropy' });
cases.push({ hidden: 'relu', output: 'softmax', loss: 'squared-error' });
cases.push({ hidden: 'sigmoid', output: 'tanh', loss: 'squared-error' });
cases.push({ hidden: 'tanh', output: 'relu', loss: 'squared-error' });
cases.push({ hidden: 'linear', output: 'sigmoid', loss: 'squared-error' });

test('backprop matches finite differences for every activation, loss and convention (dW, db, every dZ and dA)', () => {
  let seed = 100;
  for (const c of cases) {
    const rng = createRng(seed++);
    const sizes = [3, 4, 3, 3];
    const m = 5;
    const X = randn(sizes[0], m, rng);
    const Y = targets(sizes[3], m, c.output, c.loss, rng);
    const params = randomNetwork(sizes, rng);
    const opts = { activations: [c.hidden, c.hidden, c.output], loss: c.loss };
    const sumL = (): number => networkLosses(X, Y, params, opts).sumAll();
    const numeric: Record<string, Matrix> = {};
    for (const key of Object.keys(params)) numeric[`d${key}`] = numericGradient(sumL, params[key]);
    for (let l = 1; l <= 3; l++) {
      const pz = probeLayer(X, Y, params, opts, { quantity: 'Z', layer: l });
      numeric[`dZ${l}`] = numericGradient(pz.lossSum, pz.value);
      const pa = probeLayer(X, Y, params, opts, { quantity: 'A', layer: l - 1 });
      numeric[`dA${l - 1}`] = numericGradient(pa.lossSum, pa.value);
    }
    for (const convention of conventions) {
      const info = conventionInfo[convention];
      const { grads, cost } = backprop(X, Y, params, { ...opts, convention });
      assert.ok(Math.abs(cost - networkCost(X, Y, params, opts)) < 1e-14);
      for (const key of Object.keys(numeric)) {
        const isWeight = key.startsWith('dW') || key.startsWith('db');
        const expected = numeric[key].scale(scaleOf(isWeight ? info.weightsOf : info.intermediateOf, m));
        const diff = relativeDifference(grads[key], expected);
        assert.ok(diff < TOLERANCE, `${c.hidden}/${c.output}/${c.loss} ${convention} ${key}: ${diff}`);
      }
    }
  }
});

test('intermediate dZ are per-example ∂L/∂Z under "loss" and ∂J/∂Z under "cost", checked through the probes', () => {
  const rng = createRng(5);
  const X = randn(2, 6, rng);
  const Y = rand(1, 6, rng).map((v) => (v > 0.5 ? 1 : 0));
  const params = randomNetwork([2, 4, 1], rng);
  const opts = { activations: ['tanh', 'sigmoid'], loss: 'cross-entropy' };
  const p = probeLayer(X, Y, params, opts, { quantity: 'Z', layer: 1 });
  const loss = backprop(X, Y, params, { ...opts, convention: 'loss' }).grads;
  const cost = backprop(X, Y, params, { ...opts, convention: 'cost' }).grads;
  assert.ok(relativeDifference(loss.dZ1, numericGradient(p.lossSum, p.value)) < TOLERANCE);
  assert.ok(relativeDifference(cost.dZ1, numericGradient(p.cost, p.value)) < TOLERANCE);
  // column i of dZ under "loss" is the gradient of example i's own loss alone
  for (let i = 0; i < 6; i++) {
    const g = numericGradient(() => p.losses().get(0, i), p.value);
    for (let r = 0; r < 4; r++) {
      for (let j = 0; j < 6; j++) {
        const want = j === i ? loss.dZ1.get(r, j) : 0;
        assert.ok(Math.abs(g.get(r, j) - want) < 1e-8);
      }
    }
  }
});

test('"loss" and "cost" give identical dW, db; dZ and dA differ by exactly m; autograd equals cost', () => {
  const rng = createRng(21);
  const m = 7;
  const X = randn(3, m, rng);
  const Y = rand(2, m, rng).map((v) => (v > 0.5 ? 1 : 0));
  const params = randomNetwork([3, 5, 4, 2], rng);
  const opts = { activations: ['relu', 'tanh', 'sigmoid'], loss: 'cross-entropy', l2: 0.3 };
  const a = backprop(X, Y, params, { ...opts, convention: 'loss' }).grads;
  const b = backprop(X, Y, params, { ...opts, convention: 'cost' }).grads;
  const t = backprop(X, Y, params, { ...opts, convention: 'autograd' });
  for (const key of Object.keys(a)) {
    if (key.startsWith('dW') || key.startsWith('db')) {
      assert.ok(a[key].maxAbsDiff(b[key]) < 1e-15, key);
    } else {
      assert.ok(relativeDifference(a[key], b[key].scale(m)) < 1e-15, key);
    }
    assert.ok(relativeDifference(t.grads[key], b[key]) < 1e-14, `autograd ${key}`);
  }
  assert.ok(Math.abs(t.cost - networkCost(X, Y, params, opts)) < 1e-14);
  // with L2: dW is the gradient of J_reg
  const WJ = numericGradient(() => networkCost(X, Y, params, opts), params.W2);
  assert.ok(relativeDifference(a.dW2, WJ) < TOLERANCE);
});

test('L2 follows each convention\'s objective (λW for update and sum, (λ/m)W otherwise)', () => {
  const rng = createRng(9);
  const m = 4;
  const X = randn(2, m, rng);
  const Y = randn(1, m, rng);
  const params = randomNetwork([2, 3, 1], rng);
  const opts = { activations: ['tanh', 'linear'], loss: 'squared-error', l2: 0.7 };
  const J = (): number => networkCost(X, Y, params, opts);
  const gradJ = numericGradient(J, params.W1);
  const meanConventions: Convention[] = ['loss', 'cost', 'autograd'];
  for (const convention of meanConventions) {
    assert.ok(relativeDifference(backprop(X, Y, params, { ...opts, convention }).grads.dW1, gradJ) < TOLERANCE, convention);
  }
  const sumConventions: Convention[] = ['update', 'sum'];
  for (const convention of sumConventions) {
    assert.ok(relativeDifference(backprop(X, Y, params, { ...opts, convention }).grads.dW1, gradJ.scale(m)) < TOLERANCE, convention);
  }
});

test('a doubled 1/m is caught by the gradient check with difference (m−1)/(m+1); a missing one too', () => {
  for (const m of [3, 10]) {
    const rng = createRng(m);
    const X = randn(4, m, rng);
    const Y = rand(1, m, rng).map((v) => (v > 0.5 ? 1 : 0));
    const params = randomNetwork([4, 5, 3, 1], rng);
    const opts = { activations: ['relu', 'relu', 'sigmoid'], loss: 'cross-entropy' };
    const J = (): number => networkCost(X, Y, params, opts);
    const flat = (g: Record<string, Matrix>, keys: string[]): Matrix => {
      const v: number[] = [];
      for (const k of keys) v.push(...g[k].data);
      return new Matrix(1, v.length, v);
    };
    const keys = ['dW1', 'db1', 'dW2', 'db2', 'dW3', 'db3'];
    const numeric: Record<string, Matrix> = {};
    for (const k of keys) numeric[k] = numericGradient(J, params[k.slice(1)], 1e-7);
    const good = relativeDifference(flat(backprop(X, Y, params, { ...opts, convention: 'loss' }).grads, keys), flat(numeric, keys));
    const doubled = relativeDifference(flat(backprop(X, Y, params, { ...opts, convention: 'double' }).grads, keys), flat(numeric, keys));
    const none = relativeDifference(flat(backprop(X, Y, params, { ...opts, convention: 'none' }).grads, keys), flat(numeric, keys));
    assert.ok(good < 2e-7, `correct ${good}`);
    assert.ok(Math.abs(doubled - (m - 1) / (m + 1)) < 1e-6, `double ${doubled}`);
    assert.ok(Math.abs(none - (m - 1) / (m + 1)) < 1e-6, `none ${none}`);
  }
});

test('the week-4 route (dA[L] through sigmoid\') equals the A − Y shortcut on a real forward pass', () => {
  const rng = createRng(2);
  const X = randn(3, 5, rng);
  const Y = rand(1, 5, rng).map((v) => (v > 0.5 ? 1 : 0));
  const params = randomNetwork([3, 4, 1], rng);
  const opts = { activations: ['relu', 'sigmoid'], loss: 'cross-entropy' };
  const a = backprop(X, Y, params, opts).grads;
  const b = backprop(X, Y, params, { ...opts, shortcut: false }).grads;
  assert.ok(relativeDifference(a.dZ2, b.dZ2) < 1e-14);
  assert.ok(relativeDifference(a.dW1, b.dW1) < 1e-14);
});

test('bad networks give errors naming the bad thing', () => {
  const rng = createRng(1);
  const X = randn(3, 4, rng);
  const Y = Matrix.zeros(1, 4);
  const params = randomNetwork([3, 2, 1], rng);
  const opts = { activations: ['relu', 'sigmoid'], loss: 'cross-entropy' };
  assert.throws(() => backprop(X, Y, params, { ...opts, activations: ['foo', 'sigmoid'] }), /unknown activation "foo" \(expected one of: sigmoid, relu, tanh, linear\)/);
  assert.throws(() => backprop(X, Y, params, { ...opts, loss: 'hinge' }), /unknown loss "hinge"/);
  // @ts-expect-error an unknown convention on purpose
  assert.throws(() => backprop(X, Y, params, { ...opts, convention: 'half' }), /unknown convention "half"/);
  assert.throws(() => backprop(X, Y, params, { ...opts, activations: ['relu'] }), /activations has 1 entries but the parameters have 2 layers/);
  assert.throws(() => backprop(X, Y, params, { ...opts, activations: ['softmax', 'sigmoid'] }), /only allowed on the output layer/);
  assert.throws(() => backprop(randn(2, 4, rng), Y, params, opts), /W1 has shape \(2, 3\) but X has shape \(2, 4\)/);
  assert.throws(() => backprop(X, Matrix.zeros(1, 5), params, opts), /Y has shape \(1, 5\) but the output A2 has shape \(1, 4\)/);
  assert.throws(() => backprop(X, Y, { ...params, b1: Matrix.zeros(1, 2) }, opts), /b1 has shape \(1, 2\) but W1 has shape \(2, 3\)/);
  assert.throws(() => probeLayer(X, Y, params, opts, { quantity: 'Z', layer: 0 }), /out of range/);
  assert.deepEqual(forwardPass(X, params, opts.activations).cache.Z1.shape, [2, 4]);
});

function relativeTo(J: () => number, params: NetworkParameters, grads: Record<string, Matrix>, key: string): number {
  return relativeDifference(grads[`d${key}`], numericGradient(J, params[key]));
}

test('a derivative rule replaces g\' of the hidden layers only: the table\'s rule changes nothing, a wrong one fails below it', () => {
  const rng = createRng(3);
  const X = randn(3, 6, rng);
  const Y = Matrix.from([[1, 0, 1, 1, 0, 0]]);
  const params = randomNetwork([3, 4, 4, 1], rng);
  const opts = { activations: ['relu', 'tanh', 'sigmoid'], loss: 'cross-entropy' };
  const plain = backprop(X, Y, params, opts).grads;
  const table: DerivativeRule = (_l, Z, A, name) => getActivation(name).derivative(Z, A);
  const same = backprop(X, Y, params, { ...opts, derivative: table }).grads;
  for (const key of Object.keys(plain)) assert.ok(plain[key].equals(same[key]), key);
  // relu' as A >= 0 (always 1) and tanh' from Z instead of A: the bugs of lesson 11
  const bug: DerivativeRule = (_l, Z, A, name) => (name === 'relu' ? A.map((a) => (a >= 0 ? 1 : 0)) : Z.map((z) => 1 - z * z));
  const wrong = backprop(X, Y, params, { ...opts, derivative: bug }).grads;
  const J = (): number => networkCost(X, Y, params, opts);
  assert.ok(relativeTo(J, params, wrong, 'W3') < TOLERANCE && relativeTo(J, params, wrong, 'b3') < TOLERANCE);
  assert.ok(relativeTo(J, params, wrong, 'W2') > 1e-3 && relativeTo(J, params, wrong, 'W1') > 1e-3);
  assert.ok(relativeTo(J, params, plain, 'W1') < TOLERANCE);
  assert.throws(() => backprop(X, Y, params, { ...opts, derivative: () => Matrix.zeros(1, 1) }), /derivative for layer 2 has shape \(1, 1\) but Z2 has shape \(4, 6\)/);
  assert.throws(() => backprop(X, Y, params, { ...opts, convention: 'autograd', derivative: table }), /cannot be used with convention "autograd"/);
});
