// derive() on networks of realistic size: each matrix is checked at every entry up to
// MATRIX_SAMPLE entries and at a seeded random sample beyond, differences that cross a ReLU
// kink are skipped and counted, and the sample size is part of every rendering.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { derive, deriveWith, DeriveSpec, DERIVE_LIMITS, SpecError, checkWork } from './derive';
import { MATRIX_SAMPLE } from './matrix';
import { entryOrder } from './probe';
import { createRng } from '../core/random';

const wide: DeriveSpec = { layers: [300, 30, 3], activations: ['relu', 'softmax'], loss: 'cross-entropy', convention: 'loss' };

test('a matrix larger than MATRIX_SAMPLE entries is checked at a seeded random sample of that many; smaller ones at every entry', () => {
  const d = derive(wide);
  assert.equal(d.passed, true, d.failures.map((s) => s.check.method).join('\n'));
  const dW1 = d.steps.find((s) => s.equation === 'dW[1]' && s.kind === 'matrix');
  assert.deepEqual(dW1?.check.entries, { checked: MATRIX_SAMPLE, total: 9000, skipped: 0, sampled: true });
  assert.match(dW1?.check.method ?? '', new RegExp(`with respect to ${MATRIX_SAMPLE} of the 9000 entries of W\\[1\\] \\(a seeded random sample\\)`));
  const db1 = d.steps.find((s) => s.equation === 'db[1]' && s.kind === 'matrix');
  assert.deepEqual(db1?.check.entries, { checked: 30, total: 30, skipped: 0, sampled: false });
  for (const s of d.steps.filter((x) => x.kind === 'matrix')) {
    const e = s.check.entries;
    assert.ok(e !== undefined && e.checked === Math.min(e.total, MATRIX_SAMPLE) && e.sampled === e.total > MATRIX_SAMPLE, `${s.equation}: ${JSON.stringify(e)}`);
  }
  // the sample size is in every rendering
  assert.match(d.toText(), /check: vs J, 200 of 9000 entries \(random sample\), max error/);
  assert.match(d.toText(), /seed 1; matrices of more than 200 entries at a seeded random sample of 200\)/);
  assert.match(d.toMarkdown(), /200 of the 9000 entries of W\[1\] \(a seeded random sample\)/);
  assert.deepEqual(JSON.parse(JSON.stringify(d)).steps.find((s: { equation: string; kind: string }) => s.equation === 'dW[1]' && s.kind === 'matrix').check.entries, dW1?.check.entries);
  // seeded: the same spec checks the same entries and measures the same errors
  assert.equal(JSON.stringify(derive(wide)), JSON.stringify(d));
});

test('a sampled check still catches every planted mistake in a large matrix', () => {
  const missing = deriveWith(wide, { dW: ({ dZ, APrev }) => dZ.dot(APrev.transpose()) });
  assert.deepEqual(missing.failures.map((s) => s.equation), ['dW[2]', 'dW[1]']);
  assert.ok(Math.abs((missing.failures[1]?.check.relativeDifference ?? 0) - 4 / 6) < 1e-6, 'the (m − 1)/(m + 1) fingerprint on the sample');
  const oneEntry = deriveWith(wide, {
    dW: (c) => {
      const right = c.dZ.dot(c.APrev.transpose()).scale(1 / c.m);
      if (right.rows === 30) right.data.fill(0, 0, 4500); // half of dW[1] wrong
      return right;
    },
  });
  assert.deepEqual(oneEntry.failures.map((s) => s.equation), ['dW[1]']);
});

test('an entry whose differences cross a ReLU kink is skipped and counted, not failed', () => {
  // seed 8: a few pre-activations of layer 1 lie within 2h·|x| of 0 (found by search)
  const spec: DeriveSpec = { layers: [3, 40, 1], activations: ['relu', 'sigmoid'], loss: 'cross-entropy', convention: 'loss', examples: 10, seed: 8 };
  const d = derive(spec);
  assert.equal(d.passed, true, d.failures.map((s) => `${s.equation}: ${s.check.method} ${s.check.maxError}`).join('\n'));
  const dW1 = d.steps.find((s) => s.equation === 'dW[1]' && s.kind === 'matrix');
  assert.ok(dW1?.check.entries !== undefined && dW1.check.entries.skipped > 0, JSON.stringify(dW1?.check.entries));
  assert.equal((dW1?.check.entries?.checked ?? 0) + (dW1?.check.entries?.skipped ?? 0), 120);
  assert.match(dW1?.check.method ?? '', /entr(y|ies) skipped \(the differences crossed a ReLU kink at z = 0\)/);
  assert.match(d.toText(), /of 120 entries \(\d skipped at a ReLU kink\)/);
});

test('entryOrder: every entry once, in order when the matrix is small, a seeded shuffle when large', () => {
  assert.deepEqual([...entryOrder(5, 200, createRng(1))], [0, 1, 2, 3, 4]);
  const order = [...entryOrder(1000, 200, createRng(3))];
  assert.equal(order.length, 1000);
  assert.deepEqual([...order].sort((a, b) => a - b), Array.from({ length: 1000 }, (_, k) => k));
  assert.notDeepEqual(order.slice(0, 200), Array.from({ length: 200 }, (_, k) => k));
  assert.deepEqual([...entryOrder(1000, 200, createRng(3))], order);
});

test('derive() refuses numbers beyond DERIVE_LIMITS with a SpecError naming the field, the limit and the value, before any work', () => {
  const base: DeriveSpec = { layers: [2, 4, 1], activations: ['tanh', 'sigmoid'], loss: 'cross-entropy', convention: 'loss' };
  const cases: [Partial<DeriveSpec> | Record<string, unknown>, string, RegExp][] = [
    [{ examples: 100_000_000 }, 'examples', /^examples must be an integer from 2 to 1,000 .*, got 100000000$/],
    [{ examples: 2.5 }, 'examples', /examples must be an integer from 2 to 1,000 .*, got 2\.5/],
    [{ examples: -3 }, 'examples', /got -3/],
    [{ examples: Number.NaN }, 'examples', /got NaN/],
    [{ examples: '5' }, 'examples', /got "5"/],
    [{ seed: 2 ** 32 }, 'seed', /^seed must be an integer from 0 to 4,294,967,295, got 4294967296$/],
    [{ seed: -1 }, 'seed', /seed must be an integer from 0 to 4,294,967,295, got -1/],
    [{ seed: 0.5 }, 'seed', /got 0\.5/],
    [{ seed: Number.POSITIVE_INFINITY }, 'seed', /got Infinity/],
    [{ layers: [1e20, 1], activations: ['sigmoid'] }, 'layers', /^layers\[0\] must be an integer from 1 to 100,000, got 100000000000000000000 \(layers = \[100000000000000000000,1\]\)$/],
    [{ layers: [100_001, 1], activations: ['sigmoid'] }, 'layers', /layers\[0\] must be an integer from 1 to 100,000, got 100001/],
    [{ layers: [2, Number.NaN, 1] }, 'layers', /layers\[1\] must be an integer from 1 to 100,000, got NaN/],
    [{ layers: [2, -4, 1] }, 'layers', /layers\[1\] must be an integer from 1 to 100,000, got -4/],
    [{ layers: Array(22).fill(2), activations: [...Array(20).fill('tanh'), 'sigmoid'] }, 'layers', /layers describes 21 layers, above the limit of 20/],
    [{ layers: [100_000, 100_000], activations: ['sigmoid'] }, 'layers', /a 100000-100000 network with m = 5 examples is too large to check: Σ l·n\[l−1\]·n\[l\]·m = 50,000,000,000 is above the limit of 1,000,000/],
  ];
  for (const [change, field, message] of cases) {
    const spec = { ...base, ...change };
    assert.throws(() => derive(spec as DeriveSpec), (err: unknown) => {
      assert.ok(err instanceof SpecError, `${JSON.stringify(change)}: ${String(err)}`);
      assert.equal(err.field, field, JSON.stringify(change));
      assert.match(err.message, message, JSON.stringify(change));
      return true;
    });
  }
  // the limits themselves are accepted
  assert.equal(checkWork([784, 128, 64, 10], 5), 593_280);
  assert.ok(checkWork([100_000, 1], 10) <= DERIVE_LIMITS.work);
  assert.equal(derive({ layers: [100_000, 1], activations: ['sigmoid'], loss: 'cross-entropy', convention: 'loss', examples: 10, seed: DERIVE_LIMITS.seed }).passed, true);
  assert.equal(derive({ layers: [2, 1], activations: ['sigmoid'], loss: 'cross-entropy', convention: 'cost', examples: DERIVE_LIMITS.examples, seed: 0 }).passed, true);
});
