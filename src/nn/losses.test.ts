import { test } from 'node:test';
import assert from 'node:assert/strict';
import { losses, lossNames, getLoss, perExampleLoss, costFromLoss, lossGradient, resolveLoss } from './losses';
import { Matrix } from '../core/matrix';
import { createRng, rand } from '../core/random';
import { TOLERANCE } from '../core/tolerance';

test('derivative of each loss matches a finite difference of its forward', () => {
  const rng = createRng(4);
  for (const name of lossNames) {
    const l = losses[name];
    for (let k = 0; k < 50; k++) {
      const a = 0.05 + 0.9 * rng.uniform();
      const y = name === 'squared-error' ? rng.normal() : rng.uniform();
      const h = 1e-6;
      const numeric = (l.forward(a + h, y) - l.forward(a - h, y)) / (2 * h);
      assert.ok(Math.abs(numeric - l.derivative(a, y)) <= TOLERANCE * (1 + Math.abs(numeric)), `${name}`);
    }
  }
});

test('L sums over output units, J is the mean over examples', () => {
  const A = Matrix.from([[1, 3], [2, 2]]);
  const Y = Matrix.from([[0, 1], [0, 2]]);
  assert.deepEqual(perExampleLoss('squared-error', A, Y).toArray(), [[0.5 + 2, 2 + 0]]);
  assert.equal(costFromLoss('squared-error', A, Y), (2.5 + 2) / 2);
  assert.ok(Math.abs(costFromLoss('cross-entropy', Matrix.from([[0.8, 0.9, 0.4]]), Matrix.from([[1, 1, 0]])) - 0.2797765635793422) < 1e-15);
  assert.deepEqual(lossGradient('squared-error', A, Y).toArray(), [[1, 2], [2, 0]]);
  // 0 log 0 counts as 0: a confident correct prediction has zero loss, not NaN
  assert.equal(perExampleLoss('cross-entropy', Matrix.row([1]), Matrix.row([1])).get(0, 0), 0);
  const P = rand(3, 4, createRng(1));
  assert.ok(perExampleLoss('categorical-cross-entropy', P, P).data.every((v) => v >= 0));
});

test('unknown loss is named; cross-entropy after softmax is categorical', () => {
  assert.throws(() => getLoss('mse'), { message: 'unknown loss "mse" (expected one of: cross-entropy, squared-error, categorical-cross-entropy)' });
  assert.equal(resolveLoss('cross-entropy', 'softmax').name, 'categorical-cross-entropy');
  assert.equal(resolveLoss('cross-entropy', 'sigmoid').name, 'cross-entropy');
  assert.throws(() => perExampleLoss('squared-error', Matrix.zeros(1, 2), Matrix.zeros(1, 3)), /\(1, 2\).*\(1, 3\)/);
});
