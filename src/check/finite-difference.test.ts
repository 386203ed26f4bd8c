import { test } from 'node:test';
import assert from 'node:assert/strict';
import { numericGradient } from './finite-difference';
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
