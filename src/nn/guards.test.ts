/**
 * Bad input and runaway training, as a learner, a teacher or a hostile caller would try them:
 * each case ends in an error that names what is wrong (the matrix and its first bad entry, the
 * label, the iteration, layer and quantity), never in silent NaN or a raw TypeError.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { backprop } from './backprop';
import { train, DivergenceError } from './train';
import { networkCost, forwardPass, NetworkParameters } from './network';
import { networkCostFloat32 } from './float32';
import { activations } from './activations';
import { initializeNetwork } from './init';
import { Matrix } from '../core/matrix';
import { createRng, randn, rand } from '../core/random';

function small(seed = 1): { X: Matrix; Y: Matrix; parameters: NetworkParameters } {
  const rng = createRng(seed);
  const X = randn(3, 6, rng);
  const Y = Matrix.from([[1, 0, 1, 1, 0, 0]]);
  return { X, Y, parameters: initializeNetwork([3, 4, 1], { seed, scheme: 'xavier' }) };
}
const net = { activations: ['relu', 'sigmoid'], loss: 'cross-entropy' };
const trainOptions = (parameters: NetworkParameters, more: object = {}) => ({ ...net, parameters, learningRate: 0.1, iterations: 5, ...more });

/** The error `run` throws (fails when it throws nothing). */
function thrown(run: () => unknown): Error {
  try {
    run();
  } catch (e) {
    assert.ok(e instanceof Error, `threw a non-Error: ${String(e)}`);
    return e;
  }
  assert.fail('expected an error, none was thrown');
}

/** A copy of M with entry (i, j) set to v. */
function withEntry(M: Matrix, i: number, j: number, v: number): Matrix {
  const out = M.clone();
  out.data[i * M.cols + j] = v;
  return out;
}

test('finite in: NaN in X is refused by backprop, train and networkCost, naming the entry', () => {
  const { X, Y, parameters } = small();
  const bad = withEntry(X, 1, 2, NaN);
  assert.throws(() => backprop(bad, Y, parameters, net), /X\[1\]\[2\] is NaN/);
  assert.throws(() => train(bad, Y, trainOptions(parameters)), /X\[1\]\[2\] is NaN/);
  assert.throws(() => networkCost(bad, Y, parameters, net), /X\[1\]\[2\] is NaN/);
});

test('finite in: Infinity in a weight is refused by train and forwardPass, naming W1 and the entry', () => {
  const { X, Y, parameters } = small();
  const W1 = withEntry(parameters.W1, 0, 1, Infinity);
  assert.throws(() => train(X, Y, trainOptions({ ...parameters, W1 })), /W1\[0\]\[1\] is Infinity/);
  assert.throws(() => forwardPass(X, { ...parameters, W1 }, net.activations), /W1\[0\]\[1\] is Infinity/);
});

test('finite in: -Infinity in a bias or in Y is refused, naming it', () => {
  const { X, Y, parameters } = small();
  assert.throws(() => backprop(X, Y, { ...parameters, b2: withEntry(parameters.b2, 0, 0, -Infinity) }, net), /b2\[0\]\[0\] is -Infinity/);
  const Yinf = withEntry(Matrix.zeros(1, 6), 0, 3, -Infinity);
  assert.throws(() => backprop(X, Yinf, parameters, { activations: ['relu', 'linear'], loss: 'squared-error' }), /Y\[0\]\[3\] is -Infinity/);
});

test('activations propagate NaN instead of hiding it (relu mapped NaN to 0)', () => {
  for (const g of Object.values(activations)) {
    assert.ok(Number.isNaN(g.forward(NaN)), `${g.name}(NaN)`);
    if (g.name !== 'linear') assert.ok(Number.isNaN(g.derivative(NaN, g.forward(NaN))), `${g.name}'(NaN)`); // linear' is 1 everywhere
    const Z = Float64Array.of(NaN);
    const A = new Float64Array(1);
    g.forwardInto(Z, A, 1, 1);
    const dZ = new Float64Array(1);
    g.backwardInto(dZ, Float64Array.of(NaN), Z, A, 1, 1);
    assert.ok(Number.isNaN(A[0]) && Number.isNaN(dZ[0]), `${g.name} on buffers`);
  }
  assert.equal(activations.relu.forward(-2), 0);
  assert.equal(activations.relu.derivative(0, 0), 0);
});

test('labels: cross-entropy refuses labels −1/1, naming the entries outside [0, 1]', () => {
  const { X, parameters } = small();
  const e = thrown(() => train(X, Matrix.from([[-1, 1, 1, -1, 1, 1]]), trainOptions(parameters)));
  assert.match(e.message, /cross-entropy needs labels in \[0, 1\]: Y\[0\]\[0\] = -1, Y\[0\]\[3\] = -1/);
});

test('labels: cross-entropy refuses labels 0/2; soft labels in [0, 1] pass', () => {
  const { X, parameters } = small();
  assert.throws(() => backprop(X, Matrix.from([[0, 2, 0, 2, 0, 0]]), parameters, net), /Y\[0\]\[1\] = 2, Y\[0\]\[3\] = 2/);
  assert.doesNotThrow(() => backprop(X, Matrix.from([[0.2, 0.9, 0, 1, 0.5, 0]]), parameters, net));
});

test('labels: a softmax output needs columns of Y that sum to 1', () => {
  const { X } = small();
  const p3 = initializeNetwork([3, 4, 3], { seed: 2 });
  const Y3 = Matrix.from([[1, 0, 0, 0.5, 0, 1], [0, 1, 0, 0, 0, 0], [0, 0, 1, 0, 1, 0]]);
  assert.throws(() => backprop(X, Y3, p3, { activations: ['tanh', 'softmax'], loss: 'cross-entropy' }), /softmax.*columns of Y must sum to 1: column 3 sums to 0\.5/);
});

test('labels: squared error takes any finite Y; cross-entropy needs a sigmoid or softmax output', () => {
  const { X, parameters } = small();
  const wild = randn(1, 6, createRng(4)).scale(100);
  assert.doesNotThrow(() => backprop(X, wild, parameters, { activations: ['relu', 'linear'], loss: 'squared-error' }));
  assert.throws(() => backprop(X, Matrix.zeros(1, 6), parameters, { activations: ['relu', 'tanh'], loss: 'cross-entropy' }),
    /loss "cross-entropy" needs an output in \(0, 1\) \(a sigmoid or softmax output layer\), but the output activation is tanh/);
});

test('options missing: a clear message, not a raw TypeError', () => {
  const { X, Y, parameters } = small();
  // @ts-expect-error the options left out on purpose
  const e = thrown(() => backprop(X, Y, parameters));
  assert.match(e.message, /backprop: options are missing: pass \{ activations, loss \}/);
  // @ts-expect-error the options left out on purpose
  assert.throws(() => train(X, Y), /train: options are missing/);
  // @ts-expect-error the options left out on purpose
  assert.throws(() => networkCost(X, Y, parameters), /networkCost: options are missing/);
});

test('m = 0: no examples is refused, not answered with NaN', () => {
  const { parameters } = small();
  assert.throws(() => backprop(Matrix.zeros(3, 0), Matrix.zeros(1, 0), parameters, net), /X has no examples \(shape \(3, 0\)\): m must be at least 1/);
  assert.throws(() => train(Matrix.zeros(3, 0), Matrix.zeros(1, 0), trainOptions(parameters)), /X has no examples/);
});

test('a gap in the layer keys (W1, W2, W4) is refused instead of training two layers', () => {
  const { X, Y } = small();
  const gap = { ...initializeNetwork([3, 4, 4, 1], { seed: 1 }) };
  gap.W4 = gap.W3;
  gap.b4 = gap.b3;
  delete gap.W3;
  delete gap.b3;
  assert.throws(() => train(X, Y, trainOptions(gap, { activations: ['relu', 'relu', 'sigmoid'] })), /parameters: W4 is present but W3 is missing \(layers are numbered 1 … L without gaps\)/);
});

test('networkCostFloat32 checks the shape of b', () => {
  const { X, Y, parameters } = small();
  assert.throws(() => networkCostFloat32(X, Y, { ...parameters, b1: Matrix.zeros(1, 4) }, net), /b1 has shape \(1, 4\) but W1 has shape \(4, 3\): b1 must be \(4, 1\)/);
});

test('new Matrix validates a number[] as Matrix.from does; a Float64Array is the unchecked fast path', () => {
  assert.throws(() => new Matrix(2, 2, [1, NaN, 3, 4]), /Matrix: entry 1 of data is NaN/);
  // @ts-expect-error a string on purpose, as plain JavaScript could pass it
  assert.throws(() => new Matrix(1, 2, ['1', 2]), /Matrix: entry 0 of data is not a number \(got "1"\)/);
  assert.ok(Number.isNaN(new Matrix(1, 1, Float64Array.of(NaN)).get(0, 0)));
});

test('divergence after updates: the iteration, layer and quantity, the learning rate named as the checked cause', () => {
  const rng = createRng(1);
  const X = randn(3, 20, rng).scale(10);
  const Y = randn(1, 20, rng);
  const parameters = initializeNetwork([3, 8, 1], { seed: 1 });
  const big = { parameters, activations: ['relu', 'linear'], loss: 'squared-error', learningRate: 10, iterations: 1000 };
  const e = thrown(() => train(X, Y, big));
  assert.ok(e instanceof DivergenceError, e.message);
  assert.ok(e.iteration > 0 && e.iteration < 1000);
  assert.match(e.message, new RegExp(`^training diverged at iteration ${e.iteration}: ((Z|A|dZ|dW|db)[12]\\[\\d+\\]\\[\\d+\\] = (NaN|-?Infinity) first|(W|b)[12]\\[\\d+\\]\\[\\d+\\] = (NaN|-?Infinity) first \\(made by the update\\)|the cost is (NaN|Infinity))`));
  assert.match(e.message, /likely cause: the learning rate 10 is too large \(max \|W\| grew from [\d.e+-]+ to [\d.e+-]+ in \d+ updates?\)/);
  assert.ok(e.layer >= 1 && e.layer <= 2, `layer ${e.layer}`);
  assert.ok(['Z', 'A', 'dZ', 'dW', 'db', 'W', 'b', 'cost'].includes(e.quantity), e.quantity);
  // the iteration named is the first non-finite one: one iteration fewer trains without error, and
  // returns finite parameters (finite out)
  const before = train(X, Y, { ...big, iterations: e.iteration });
  assert.ok(before.costs.every(Number.isFinite));
  for (const [k, v] of Object.entries(before.parameters)) assert.ok(v.data.every(Number.isFinite), k);
});

test('saturation at iteration 0 is named as such, never the learning rate, which has not acted yet', () => {
  const { X, Y, parameters } = small();
  const huge = { ...parameters, W2: parameters.W2.scale(1e4) };
  const e = thrown(() => train(X, Y, trainOptions(huge)));
  assert.ok(e instanceof DivergenceError && e.iteration === 0, e.message);
  assert.match(e.message, /^training diverged at iteration 0: the cost is Infinity/);
  assert.match(e.message, /likely cause: saturation: A2\[0\]\[\d+\] = [01] exactly with label [01]/);
  assert.doesNotMatch(e.message, /learning rate/);
});

test('an input so large that W X overflows names the input, not the learning rate', () => {
  const { Y, parameters } = small();
  const X = Matrix.full(3, 6, 1e308); // finite, but three products of 1e308 overflow
  const e = thrown(() => train(X, Y, trainOptions({ ...parameters, W1: Matrix.full(4, 3, 1) })));
  assert.match(e.message, /^training diverged at iteration 0: Z1\[0\]\[0\] = Infinity first/);
  assert.match(e.message, /likely cause: the input: max \|X\| is 1e\+308 \(W1 X overflows\)/);
  assert.doesNotMatch(e.message, /learning rate/);
});

test('an update that overflows a weight is named at the iteration of that update, with its learning rate', () => {
  const { X, parameters } = small();
  const Y = Matrix.full(1, 6, 50);
  const e = thrown(() => train(X, Y, { parameters, activations: ['relu', 'linear'], loss: 'squared-error', learningRate: 1e308, iterations: 3 }));
  assert.ok(e instanceof DivergenceError, e.message);
  assert.match(e.message, /^training diverged at iteration 0: (W|b)[12]\[\d+\]\[\d+\] = -?Infinity first \(made by the update\)/);
  assert.match(e.message, /likely cause: the learning rate 1e\+308 is too large \(max \|W\| grew from [\d.]+ to Infinity in 1 update\)/);
});

test('an infinite Z hidden by a saturating tanh (A = 1, a finite cost) is still reported', () => {
  const { Y, parameters } = small();
  const X = Matrix.full(3, 6, 1e308);
  const e = thrown(() => train(X, Y, { ...trainOptions({ ...parameters, W1: Matrix.full(4, 3, 1) }), activations: ['tanh', 'sigmoid'] }));
  assert.match(e.message, /^training diverged at iteration 0: Z1\[0\]\[0\] = Infinity first \(layer 1, Z\); likely cause: the input/);
});

test('Adam\'s hyper-parameters are checked before any step (β1 = 1 divides by 1 − β1ᵗ = 0)', () => {
  const { X, Y, parameters } = small();
  assert.throws(() => train(X, Y, trainOptions(parameters, { optimizer: 'adam', adam: { beta1: 1 } })), /adam\.beta1 must be in \[0, 1\), got 1/);
  assert.throws(() => train(X, Y, trainOptions(parameters, { optimizer: 'adam', adam: { epsilon: 0 } })), /adam\.epsilon must be a positive number, got 0/);
});

test('the checks leave correct runs alone: soft labels train and the cost falls', () => {
  const rng = createRng(9);
  const X = rand(4, 30, rng);
  const Y = rand(1, 30, rng);
  const r = train(X, Y, { parameters: initializeNetwork([4, 5, 1], { seed: 3 }), activations: ['tanh', 'sigmoid'], loss: 'cross-entropy', learningRate: 0.5, iterations: 50 });
  assert.ok(r.costs.every(Number.isFinite) && r.costs[49] < r.costs[0]);
});
