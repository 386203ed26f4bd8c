// checkMatrixStep's rule: the maximum error (relative to max(1, |derivative|)) always, and the
// check family's relative difference wherever some derivative exceeds 1e-4.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkMatrixStep } from './matrix';
import { randomInstance } from './instance';
import { resolveSpec } from './spec';
import { DERIVATION_TOLERANCE, FINITE_DIFFERENCE_TOLERANCE } from '../core/tolerance';

test('a claim 3e-5 off in relative terms fails by the relative difference where the maximum error alone would pass it', () => {
  const spec = resolveSpec({ layers: [2, 1], activations: ['linear'], loss: 'squared-error', convention: 'loss' });
  const { instance, cache } = randomInstance(spec);
  // labels 1e-3 above the outputs: every derivative of J is of order 1e-3
  instance.Y = cache.A1.map((a) => a + 1e-3);
  const dZ = cache.A1.sub(instance.Y);
  const dW = dZ.dot(instance.X.transpose()).scale(1 / instance.m);
  const target = { kind: 'parameter', name: 'W1' } as const;
  const right = checkMatrixStep(spec, instance, cache, () => dW, target, 'J').check;
  assert.equal(right.passed, true, right.method);
  const off = checkMatrixStep(spec, instance, cache, () => dW.scale(1 + 3e-5), target, 'J').check;
  assert.ok(off.maxError < DERIVATION_TOLERANCE, `maximum error ${off.maxError}`);
  assert.ok((off.relativeDifference ?? 0) > FINITE_DIFFERENCE_TOLERANCE, `relative difference ${off.relativeDifference}`);
  assert.equal(off.passed, false);
});
