import { test } from 'node:test';
import assert from 'node:assert/strict';
import { variable, constant } from './autograd';
import { Matrix } from '../core/matrix';
import { createRng, randn, rand } from '../core/random';
import { numericGradient } from '../check/finite-difference';
import { relativeDifference } from '../check/compare';
import { TOLERANCE } from '../core/tolerance';

test('every tape operation back-propagates its finite-difference gradient', () => {
  const rng = createRng(3);
  const W = randn(3, 4, rng);
  const X = randn(4, 5, rng);
  const b = randn(3, 1, rng);
  const Y = rand(3, 5, rng);
  const build = (): { J: ReturnType<typeof variable>; w: ReturnType<typeof variable>; x: ReturnType<typeof variable>; bb: ReturnType<typeof variable> } => {
    const w = variable(W);
    const x = variable(X);
    const bb = variable(b);
    const Z = w.matmul(x).addColumn(bb);
    const A = Z.apply('tanh').scale(0.5).plus(Z.apply('sigmoid')).apply('softmax');
    const J = A.loss('squared-error', Y).mean().plus(w.sumSquares().scale(0.1)).plus(Z.sum().scale(0.01));
    return { J, w, x, bb };
  };
  const g = build();
  g.J.backward();
  const f = (): number => build().J.value.get(0, 0);
  assert.ok(relativeDifference(g.w.grad, numericGradient(f, W)) < TOLERANCE);
  assert.ok(relativeDifference(g.x.grad, numericGradient(f, X)) < TOLERANCE);
  assert.ok(relativeDifference(g.bb.grad, numericGradient(f, b)) < TOLERANCE);
});

test('a value used twice accumulates both contributions; backward starts from a scalar', () => {
  const x = variable(Matrix.from([[3]]));
  const y = x.plus(x).sum(); // 2x
  y.backward();
  assert.equal(x.grad.get(0, 0), 2);
  const m = variable(Matrix.from([[1, 2]]));
  m.mean().backward();
  assert.deepEqual(m.grad.toArray(), [[0.5, 0.5]]); // the 1/m lives in the mean node
  assert.throws(() => constant(Matrix.zeros(1, 2)).backward(), /scalar \(1, 1\) node, got shape \(1, 2\)/);
});
