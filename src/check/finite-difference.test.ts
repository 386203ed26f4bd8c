import { test } from 'node:test';
import assert from 'node:assert/strict';
import { numericGradient, numericLayerGradient } from './finite-difference';
import { Matrix } from '../core/matrix';
import { backprop } from '../nn/backprop';
import { probeLayer } from '../nn/network';
import { relativeDifference } from './compare';
import { createRng, randn } from '../core/random';
import { TOLERANCE } from '../core/tolerance';

test('numericGradient of a quadratic form equals its gradient and restores the parameter', () => {
  const rng = createRng(8);
  const Q = randn(4, 4, rng);
  const x = randn(4, 1, rng);
  const before = x.clone();
  const f = (): number => x.transpose().dot(Q).dot(x).get(0, 0); // x^T Q x
  const grad = Q.add(Q.transpose()).dot(x); // (Q + Q^T) x
  const num = numericGradient(f, x);
  assert.ok(relativeDifference(grad, num) < TOLERANCE);
  assert.ok(x.equals(before), 'parameter restored exactly');
});

test('numericGradient: one-sided quotient (f(θ + ε) − f(θ))/ε, error ε·f\'\'/2; refuses a bad option', () => {
  const w = Matrix.row([3, -1]);
  let calls = 0;
  const f = (): number => {
    calls++;
    return w.data[0] ** 2 + w.data[1] ** 2;
  };
  const one = numericGradient(f, w, { epsilon: 1e-3, sided: 'one' });
  assert.equal(calls, 3, 'f(θ) once, then once per entry');
  assert.ok(Math.abs(one.get(0, 0) - 6.001) < 1e-9 && Math.abs(one.get(0, 1) - -1.999) < 1e-9, one.toArray().join());
  calls = 0;
  const two = numericGradient(f, w, { epsilon: 1e-3 });
  assert.equal(calls, 4);
  assert.ok(Math.abs(two.get(0, 0) - 6) < 1e-9 && Math.abs(numericGradient(f, w, 1e-3).get(0, 0) - 6) < 1e-9);
  assert.deepEqual(w.toArray(), [[3, -1]], 'restored exactly');
  assert.throws(() => numericGradient(f, w, { epsilon: 0 }), /numericGradient: epsilon must be a positive number, got 0/);
  // @ts-expect-error: only "two" or "one"
  assert.throws(() => numericGradient(f, w, { sided: 'three' }), /sided must be "two" or "one", got "three"/);
});

test('numericLayerGradient: the course dZ is the gradient of Σ L, the learner\'s dZ that of J; (m−1)/(m+1) across', () => {
  const rng = createRng(3);
  const m = 6;
  const X = randn(2, m, rng);
  const Y = Matrix.row([1, 0, 1, 0, 0, 1]);
  const params = { W1: randn(4, 2, rng), b1: randn(4, 1, rng), W2: randn(1, 4, rng), b2: randn(1, 1, rng) };
  const net = { activations: ['tanh', 'sigmoid'], loss: 'cross-entropy' };
  const course = backprop(X, Y, params, { ...net, convention: 'loss' }).grads;
  const learner = backprop(X, Y, params, { ...net, convention: 'cost' }).grads;
  for (const layer of [1, 2]) {
    const ofSum = numericLayerGradient(X, Y, params, net, { quantity: 'Z', layer, of: 'lossSum' });
    const ofJ = numericLayerGradient(X, Y, params, net, { quantity: 'Z', layer, of: 'cost' });
    assert.ok(relativeDifference(course[`dZ${layer}`], ofSum) < TOLERANCE, `course dZ${layer}`);
    assert.ok(relativeDifference(learner[`dZ${layer}`], ofJ) < TOLERANCE, `learner dZ${layer}`);
    assert.ok(Math.abs(relativeDifference(course[`dZ${layer}`], ofJ) - (m - 1) / (m + 1)) < 1e-7);
    // the pair of calls it replaces, number for number
    const probe = probeLayer(X, Y, params, net, { quantity: 'Z', layer });
    assert.deepEqual(Array.from(ofSum.data), Array.from(numericGradient(probe.lossSum, probe.value).data));
  }
  const dA1 = numericLayerGradient(X, Y, params, net, { quantity: 'A', layer: 1, of: 'lossSum', epsilon: 1e-5 });
  assert.ok(relativeDifference(course.dA1, dA1) < TOLERANCE);
  const oneSided = numericLayerGradient(X, Y, params, net, { quantity: 'Z', layer: 2, of: 'lossSum', epsilon: 1e-4, sided: 'one' });
  assert.ok(relativeDifference(course.dZ2, oneSided) > 1e-6, 'one-sided: visibly less accurate');
  // @ts-expect-error: of must be named
  assert.throws(() => numericLayerGradient(X, Y, params, net, { quantity: 'Z', layer: 1, of: 'J' }), /of must be "lossSum" \(Σ L\) or "cost" \(J\), got "J"/);
  assert.throws(() => numericLayerGradient(X, Y, params, net, { quantity: 'Z', layer: 3, of: 'cost' }), /probeLayer: layer 3 is out of range for Z \(1 … 2\)/);
});
