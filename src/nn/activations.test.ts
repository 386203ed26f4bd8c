import { test } from 'node:test';
import assert from 'node:assert/strict';
import { activations, activationNames, getActivation, checkOutputActivation, softmax, softmaxBackward } from './activations';
import { Matrix } from '../core/matrix';
import { createRng, randn } from '../core/random';
import { TOLERANCE } from '../core/tolerance';

test('each derivative (computed from z and a, the course way) matches a finite difference of forward', () => {
  const rng = createRng(11);
  for (const name of activationNames) {
    const g = activations[name];
    for (let k = 0; k < 50; k++) {
      let z = 3 * rng.normal();
      if (name === 'relu' && Math.abs(z) < 1e-3) z += 0.1; // away from the kink
      const h = 1e-6;
      const numeric = (g.forward(z + h) - g.forward(z - h)) / (2 * h);
      const analytic = g.derivative(z, g.forward(z));
      assert.ok(Math.abs(numeric - analytic) <= TOLERANCE * (1 + Math.abs(analytic)), `${name} at ${z}: ${analytic} vs ${numeric}`);
    }
  }
});

test('course conventions: relu\'(0) = 0, tanh\' from a, sigmoid\' from a; matrices map entry-wise', () => {
  assert.equal(activations.relu.derivative(0, 0), 0);
  assert.equal(activations.tanh.derivative(123, 0.5), 0.75); // uses a, ignores z
  assert.equal(activations.sigmoid.derivative(123, 0.5), 0.25);
  assert.equal(activations.sigmoid.forward(0), 0.5);
  assert.deepEqual(activations.relu.forward(Matrix.row([-1, 2])).toArray(), [[0, 2]]);
  assert.deepEqual(activations.tanh.derivative(Matrix.row([0, 0]), Matrix.row([0.5, 0])).toArray(), [[0.75, 1]]);
  for (const name of activationNames) {
    assert.ok(activations[name].tex.length > 0 && activations[name].derivativeTex.length > 0);
  }
});

test('unknown activation names are named in the error', () => {
  assert.throws(() => getActivation('foo'), { message: 'unknown activation "foo" (expected one of: sigmoid, relu, tanh, linear)' });
  assert.throws(() => checkOutputActivation('softmin'), /unknown activation "softmin"/);
  assert.equal(checkOutputActivation('softmax'), 'softmax');
});

test('softmax: columns sum to 1, stable for large z, and its backward is the Jacobian product', () => {
  const Z = randn(4, 5, createRng(2)).scale(3);
  const A = softmax(Z);
  A.sumCols().data.forEach((s) => assert.ok(Math.abs(s - 1) < 1e-15));
  assert.deepEqual(softmax(Matrix.column([1000, 1000])).toArray(), [[0.5], [0.5]]);
  // dZ = J^T dA, against finite differences of v = sum(G * softmax(Z))
  const G = randn(4, 5, createRng(9));
  const dZ = softmaxBackward(G, A);
  const h = 1e-6;
  for (let k = 0; k < Z.data.length; k++) {
    const Zp = Z.clone();
    Zp.data[k] += h;
    const Zm = Z.clone();
    Zm.data[k] -= h;
    const num = (softmax(Zp).mul(G).sumAll() - softmax(Zm).mul(G).sumAll()) / (2 * h);
    assert.ok(Math.abs(num - dZ.data[k]) < 1e-8, `${k}: ${num} vs ${dZ.data[k]}`);
  }
});
