import { test } from 'node:test';
import assert from 'node:assert/strict';
import katex from 'katex';
import { meanDerivativeIdentity } from './mean-derivative';

test('the derivative of the mean is the mean of the derivatives: symbolic (m = 3) and numeric (m = 1000)', () => {
  const e = meanDerivativeIdentity();
  assert.equal(e.symbolic.m, 3);
  assert.equal(e.symbolic.identicalTrees, true);
  assert.equal(e.symbolic.squaredErrorDifference, '0');
  assert.ok(e.symbolic.maxErrorAtRandomPoints < 1e-12);
  assert.equal(e.numeric.m, 1000);
  assert.ok(e.numeric.error < 1e-8, String(e.numeric.error));
  assert.equal(e.passed, true);
  for (const t of [e.symbolic.costTex, e.symbolic.derivativeOfMeanTex, e.symbolic.meanOfDerivativesTex]) {
    katex.renderToString(t, { throwOnError: true, displayMode: true });
  }
});

test('the evidence can fail: dividing the sum of derivatives by anything but m breaks every part', () => {
  const e = meanDerivativeIdentity({ divisor: (m) => m + 1, mLarge: 200 });
  assert.equal(e.symbolic.identicalTrees, false);
  assert.notEqual(e.symbolic.squaredErrorDifference, '0');
  assert.ok(e.numeric.error > 1e-4);
  assert.equal(e.passed, false);
  assert.throws(() => meanDerivativeIdentity({ m: 0 }), /m must be an integer in 1 … 12, got 0/);
});
