import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareGradients, checkGradients, GradientMismatchError } from './compare-gradients';
import { Matrix } from '../core/matrix';
import { createRng, randn } from '../core/random';
import { backprop } from '../nn/backprop';
import { networkCost } from '../nn/network';

test('one aligned row per tensor: name, shape, max abs error, relative difference, result', () => {
  const a = { dW1: Matrix.from([[1, 2], [3, 4]]), db1: Matrix.column([1e-12, 0]) };
  const b = { dW1: Matrix.from([[1, 2], [3, 4 + 1e-12]]), db1: Matrix.column([0, 0]) };
  const c = compareGradients(a, b);
  assert.equal(c.passed, true);
  assert.deepEqual(c.rows.map((r) => [r.name, r.shape, r.passed]), [['dW1', [2, 2], true], ['db1', [2, 1], true]]);
  const lines = c.text.split('\n');
  assert.equal(lines.length, 3);
  assert.match(lines[0] as string, /^tensor\s+shape\s+max abs error\s+relative difference\s+result$/);
  // aligned: every row's "shape" column starts where the header's does
  const col = (lines[0] as string).indexOf('shape');
  for (const l of lines.slice(1)) assert.equal(l.indexOf('('), col);
  assert.match(c.markdown, /^\| tensor \| shape \| max abs error \| relative difference \| result \|/);
});

test('throws beyond the tolerance, naming the tensor; the doubled-1/m fingerprint (m−1)/(m+1)', () => {
  const g = Matrix.from([[0.3, -0.2]]);
  assert.throws(
    () => compareGradients({ dW2: g.scale(1 / 3), db2: Matrix.column([1]) }, { dW2: g, db2: Matrix.column([1]) }),
    (err: unknown) => {
      assert.ok(err instanceof GradientMismatchError);
      assert.deepEqual(err.failed, ['dW2']);
      assert.match(err.message, /gradient check failed for dW2: dW2 has relative difference 0\.5/);
      assert.match(err.message, /dW2 +\(1, 2\).*FAIL/);
      return true;
    },
  );
  const soft = compareGradients({ dW2: g.scale(2) }, { dW2: g }, { throwOnFailure: false });
  assert.equal(soft.passed, false);
  assert.ok(Math.abs((soft.rows[0]?.relativeDifference ?? 0) - 1 / 3) < 1e-12);
});

test('shape mismatches, NaN and missing tensors fail with the name', () => {
  const r = compareGradients({ db1: Matrix.row([1, 2]) }, { db1: Matrix.column([1, 2]) }, { throwOnFailure: false });
  assert.match(r.rows[0]?.reason ?? '', /has shape \(1, 2\) but the reference has shape \(2, 1\)/);
  const n = compareGradients({ dW1: new Matrix(1, 1, [Number.NaN]) }, { dW1: Matrix.row([1]) }, { throwOnFailure: false });
  assert.equal(n.passed, false);
  assert.throws(() => compareGradients({ dW3: Matrix.row([1]) }, { dW1: Matrix.row([1]) }), /dW3 is missing from the reference/);
});

test('checkGradients: backprop against finite differences of J; a missing 1/m fails naming every dW and db', () => {
  const rng = createRng(5);
  const X = randn(3, 4, rng);
  const Y = Matrix.from([[1, 0, 1, 1]]);
  const params = { W1: randn(4, 3, rng).scale(0.5), b1: randn(4, 1, rng), W2: randn(1, 4, rng).scale(0.5), b2: randn(1, 1, rng) };
  const opts = { activations: ['tanh', 'sigmoid'], loss: 'cross-entropy' };
  const J = (): number => networkCost(X, Y, params, opts);
  const grads = backprop(X, Y, params, { ...opts, convention: 'loss' }).grads;
  assert.equal(checkGradients(J, params, grads).passed, true);
  const none = backprop(X, Y, params, { ...opts, convention: 'none' }).grads;
  assert.throws(() => checkGradients(J, params, none), (err: unknown) => {
    assert.ok(err instanceof GradientMismatchError);
    assert.deepEqual(err.failed, ['dW1', 'db1', 'dW2', 'db2']);
    return true;
  });
});
