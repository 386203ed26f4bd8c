import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ComparisonError, agreeAt, checkGradients, compareGradients, relativeDifference } from './compare';
import { Matrix } from '../core/matrix';
import { createRng, randn } from '../core/random';
import { TOLERANCE } from '../core/tolerance';
import { backprop } from '../nn/backprop';
import { networkCost } from '../nn/network';

test('relativeDifference is the course formula, with (m-1)/(m+1) for a factor m', () => {
  assert.equal(relativeDifference(Matrix.row([1, 2]), Matrix.row([1, 2])), 0);
  assert.equal(relativeDifference(Matrix.zeros(1, 2), Matrix.zeros(1, 2)), 0);
  const g = randn(3, 2, createRng(1));
  for (const m of [2, 3, 10]) {
    assert.ok(Math.abs(relativeDifference(g.scale(1 / m), g) - (m - 1) / (m + 1)) < 1e-15);
  }
  assert.equal(relativeDifference(Matrix.row([3, 0]), Matrix.row([0, 4])), 5 / 7);
  assert.throws(() => relativeDifference(Matrix.zeros(1, 2), Matrix.zeros(2, 1)), /\(1, 2\) and \(2, 1\)/);
});

test('one aligned row per tensor: name, shape, max abs error, relative difference, result', () => {
  const a = { dW1: Matrix.from([[1, 2], [3, 4]]), db1: Matrix.column([1e-12, 0]) };
  const b = { dW1: Matrix.from([[1, 2], [3, 4 + 1e-12]]), db1: Matrix.column([0, 0]) };
  const c = compareGradients(a, b);
  assert.equal(c.passed, true);
  assert.deepEqual(c.rows.map((r) => [r.name, r.shape, r.passed]), [['dW1', [2, 2], true], ['db1', [2, 1], true]]);
  const lines = c.toText().split('\n');
  assert.equal(lines.length, 3);
  assert.match(lines[0] ?? '', /^quantity\s+shape\s+max abs error\s+relative difference\s+result$/);
  const col = (lines[0] ?? '').indexOf('shape');
  for (const l of lines.slice(1)) assert.equal(l.indexOf('('), col, 'the shape column is aligned');
  assert.match(c.toMarkdown(), /^\| quantity \| shape \| max abs error \| relative difference \| result \|/);
  assert.equal(c.row('db1').relativeDifference, 1, 'exact 0 against 1e-12: relative 1, passed by the absolute tolerance');
  assert.throws(() => c.row('dW9'), /no row named "dW9" \(rows: dW1, db1\)/);
});

test('throws beyond the tolerance, naming the tensor; the doubled-1/m fingerprint (m−1)/(m+1)', () => {
  const g = Matrix.from([[0.3, -0.2]]);
  assert.throws(
    () => compareGradients({ dW2: g.scale(1 / 3), db2: Matrix.column([1]) }, { dW2: g, db2: Matrix.column([1]) }),
    (err: unknown) => {
      assert.ok(err instanceof ComparisonError);
      assert.deepEqual(err.failed, ['dW2']);
      assert.match(err.message, /check failed for dW2: dW2 has relative difference 0\.5 \(tolerance 1e-7\)/);
      assert.match(err.message, /dW2 +\(1, 2\).*FAIL/);
      return true;
    },
  );
  const soft = compareGradients({ dW2: g.scale(2) }, { dW2: g }, { throwOnFailure: false });
  assert.equal(soft.passed, false);
  assert.ok(Math.abs(soft.worst - 1 / 3) < 1e-12);
});

test('shape mismatches, NaN and missing tensors fail with the name', () => {
  const r = compareGradients({ db1: Matrix.row([1, 2]) }, { db1: Matrix.column([1, 2]) }, { throwOnFailure: false });
  assert.match(r.rows[0]?.reason ?? '', /has shape \(1, 2\) but the reference has shape \(2, 1\)/);
  assert.match(r.toText(), /\(1, 2\) vs \(2, 1\)/);
  assert.equal(r.difference, 1);
  const n = compareGradients({ dW1: new Matrix(1, 1, Float64Array.of(Number.NaN)) }, { dW1: Matrix.row([1]) }, { throwOnFailure: false });
  assert.equal(n.passed, false);
  assert.equal(n.rows[0]?.reason, 'contains NaN');
  assert.throws(() => compareGradients({ dW3: Matrix.row([1]) }, { dW1: Matrix.row([1]) }), /dW3 is missing from the reference/);
  assert.throws(() => compareGradients([]), /nothing to compare/);
});

test('claims form: each claim its own reference and method; the pooled difference is the course number', () => {
  const A = Matrix.from([[1, -2, 3], [0.5, 4, -1]]);
  const c = compareGradients([
    { name: 'same', claimed: A, reference: A.scale(1 + 1e-12), method: 'itself' },
    { name: 'dZ/m', claimed: A.scale(1 / 3), reference: A, method: 'dZ', tolerance: 0.6 },
  ]);
  assert.equal(c.passed, true, 'the second claim has its own tolerance');
  assert.match(c.toMarkdown(), /\| quantity \| checked against \| shape \|/);
  assert.match(c.toMarkdown(), /\| same \| itself \| \(2, 3\) \|/);
  const pooled = relativeDifference(new Matrix(1, 12, [...A.data, ...A.scale(1 / 3).data]), new Matrix(1, 12, [...A.scale(1 + 1e-12).data, ...A.data]));
  assert.ok(Math.abs(c.difference - pooled) < 1e-15);
  assert.throws(() => compareGradients([{ name: 'rows', claimed: A.transpose(), reference: A }]), /rows has shape \(3, 2\) but the reference has shape \(2, 3\)/);
});

test('checkGradients: backprop against finite differences of J; a missing 1/m fails naming every dW and db', () => {
  const rng = createRng(5);
  const X = randn(3, 4, rng);
  const Y = Matrix.from([[1, 0, 1, 1]]);
  const params = { W1: randn(4, 3, rng).scale(0.5), b1: randn(4, 1, rng), W2: randn(1, 4, rng).scale(0.5), b2: randn(1, 1, rng) };
  const opts = { activations: ['tanh', 'sigmoid'], loss: 'cross-entropy' };
  const J = (): number => networkCost(X, Y, params, opts);
  const grads = backprop(X, Y, params, { ...opts, convention: 'loss' }).grads;
  const ok = checkGradients(J, params, grads);
  assert.equal(ok.passed, true);
  assert.ok(ok.difference < TOLERANCE);
  assert.deepEqual(Object.keys(ok.numeric), ['dW1', 'db1', 'dW2', 'db2']);
  assert.match(ok.toText(), /finite differences, ε = 1e-6/);
  const none = backprop(X, Y, params, { ...opts, convention: 'none' }).grads;
  assert.throws(() => checkGradients(J, params, none), (err: unknown) => {
    assert.ok(err instanceof ComparisonError);
    assert.deepEqual(err.failed, ['dW1', 'db1', 'dW2', 'db2']);
    return true;
  });
  const m = X.cols;
  const soft = checkGradients(J, params, none, { throwOnFailure: false, names: ['W2'] });
  assert.ok(Math.abs(soft.row('dW2').relativeDifference - (m - 1) / (m + 1)) < 1e-8);
  assert.throws(() => checkGradients(J, params, grads, { names: ['W7'] }), /no parameter named "W7" \(parameters: W1, b1, W2, b2\)/);
});

const pts = [0.3, -1.2, 2.5, 0].map((z) => ({ z }));
const sigma = (z: number): number => 1 / (1 + Math.exp(-z));

test('agreeAt passes for two spellings of the sigmoid derivative and a finite difference', () => {
  const h = 1e-6;
  const r = agreeAt(
    pts,
    {
      'exp(-z)/(1+exp(-z))^2': (p) => Math.exp(-p.z) / (1 + Math.exp(-p.z)) ** 2,
      's(1-s)': (p) => sigma(p.z) * (1 - sigma(p.z)),
      'finite difference': (p) => (sigma(p.z + h) - sigma(p.z - h)) / (2 * h),
    },
    { tolerance: { 'finite difference': 1e-8 } },
  );
  assert.equal(r.passed, true);
  assert.equal(r.rows.length, 2);
  assert.ok(r.worst < 1e-8);
  assert.match(r.toMarkdown(), /\| s\(1-s\) \| "exp\(-z\)\/\(1\+exp\(-z\)\)\^2" at 4 points \|/);
});

test('agreeAt throws, naming the candidate, for a formula wrong by a factor m = 3 ((m-1)/(m+1) = 0.5)', () => {
  assert.throws(
    () => agreeAt(pts, { right: (p) => sigma(p.z) - 1, tripled: (p) => 3 * (sigma(p.z) - 1) }),
    /check failed for tripled: tripled has relative difference 0\.5/,
  );
  const tiny = agreeAt([{ z: 0 }], { a: () => 0, b: () => 1e-12 }, { throwOnFailure: false });
  assert.equal(tiny.passed, false, 'no absolute tolerance by default: values are compared, not gradients near 0');
});

test('agreeAt can report a failure without throwing, and validates its arguments', () => {
  const r = agreeAt(pts, { a: (p) => p.z, b: (p) => p.z + 1 }, { throwOnFailure: false });
  assert.equal(r.passed, false);
  assert.throws(() => agreeAt(pts, { a: (p) => p.z }), /at least two candidates/);
  assert.throws(() => agreeAt(pts, { a: (p) => p.z, b: (p) => p.z }, { reference: 'c' }), /reference "c" is not a candidate/);
  assert.throws(() => agreeAt(pts, { a: (p) => p.z, b: () => NaN }), /candidate "b" gave NaN at point 0/);
});

test('the pairs form { name: [claimed, reference] } and the failed list', () => {
  const g = Matrix.from([[0.3, -0.2]]);
  const ok = compareGradients({ 'dW2 vs itself': [g, g.clone()], 'db2 vs itself': [Matrix.column([1]), Matrix.column([1])] });
  assert.deepEqual(ok.rows.map((r) => r.name), ['dW2 vs itself', 'db2 vs itself']);
  assert.deepEqual(ok.failed, []);
  const bad = compareGradients({ a: [g, g], b: [g.scale(2), g], c: [g, g.transpose()] }, { throwOnFailure: false });
  assert.deepEqual(bad.failed, ['b', 'c']);
  assert.equal(bad.row('b').relativeDifference, 1 / 3);
  assert.throws(() => compareGradients({ b: [g.scale(2), g] }), /check failed for b: b has relative difference 0\.333/);
  // @ts-expect-error: a pair needs two matrices
  assert.throws(() => compareGradients({ a: [g] }), /compareGradients: a must be a pair \[claimed, reference\], got 1 entries/);
});

test('checkGradients: one-sided differences (error O(ε)) against two-sided (O(ε²)); failed names the wrong tensors', () => {
  const rng = createRng(4);
  const X = randn(2, 5, rng);
  const Y = Matrix.row([1, 0, 1, 1, 0]);
  const params = { W1: randn(3, 2, rng), b1: randn(3, 1, rng), W2: randn(1, 3, rng), b2: randn(1, 1, rng) };
  const net = { activations: ['tanh', 'sigmoid'], loss: 'cross-entropy' };
  const J = (): number => networkCost(X, Y, params, net);
  const grads = backprop(X, Y, params, net).grads;
  const two = checkGradients(J, params, grads, { epsilon: 1e-4, throwOnFailure: false }).difference;
  const one = checkGradients(J, params, grads, { epsilon: 1e-4, sided: 'one', throwOnFailure: false });
  const oneSmaller = checkGradients(J, params, grads, { epsilon: 1e-5, sided: 'one', throwOnFailure: false }).difference;
  assert.ok(two < 1e-8, `two-sided at 1e-4: ${two}`);
  assert.ok(one.difference > 1e-6 && one.difference < 1e-3, `one-sided at 1e-4: ${one.difference}`);
  assert.ok(Math.abs(Math.log10(one.difference / oneSmaller) - 1) < 0.1, 'one-sided error falls tenfold with ε');
  assert.match(one.rows[0]?.method ?? '', /^one-sided finite differences, ε = 0.0001$/);
  const wrong = checkGradients(J, params, { ...grads, dW2: grads.dW2.scale(2), db1: grads.db1.scale(0) }, { throwOnFailure: false });
  assert.deepEqual(wrong.failed, ['db1', 'dW2']);
});
