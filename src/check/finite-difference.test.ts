import { test } from 'node:test';
import assert from 'node:assert/strict';
import { numericGradient, relativeDifference, gradientCheck } from './finite-difference';
import { Matrix } from '../core/matrix';
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

test('gradientCheck reports per parameter and catches a wrong one', () => {
  const p = { a: Matrix.row([1, 2]), b: Matrix.row([3]) };
  const f = (): number => p.a.data[0]! ** 2 + p.a.data[1]! * p.b.data[0]!;
  const good = { da: Matrix.row([2, 3]), db: Matrix.row([2]) };
  assert.ok(gradientCheck(f, p, good).difference < TOLERANCE);
  const bad = gradientCheck(f, p, { da: good.da, db: Matrix.row([4]) });
  assert.ok(bad.perParameter.b! > 0.3 && bad.perParameter.a! < TOLERANCE);
});
