// Finite in, finite out: a NaN or an Infinity in a step's values, in a scalar claim, or in the
// random instance fails the steps it touches and is named, never compared away or passed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { derive, deriveWith, DeriveSpec, WEEK3_SPEC } from './derive';
import { defaultMatrixClaims } from './claims';
import { instanceProblem } from './instance';

test('a claimed matrix with a NaN or an Infinity fails its step, naming the entry, even where no entry is sampled', () => {
  const nan = deriveWith(WEEK3_SPEC, {
    dW: (c) => {
      const w = defaultMatrixClaims.dW(c);
      if (w.rows === 4) w.data[5] = Number.NaN;
      return w;
    },
  });
  assert.deepEqual(nan.failures.map((s) => s.equation), ['dW[1]']);
  assert.match(nan.failures[0]?.check.method ?? '', /: the claimed value is not finite: NaN at \(2, 1\) \(of \(4, 2\)\)$/);
  const inf = deriveWith(WEEK3_SPEC, { db: (c) => defaultMatrixClaims.db(c).map((v, i) => (i === 0 ? Number.POSITIVE_INFINITY : v)) });
  assert.ok(inf.failures.length >= 1 && inf.failures.every((s) => /the claimed value is not finite: Infinity at \(0, 0\)/.test(s.check.method)), inf.failures.map((s) => s.check.method).join('\n'));
  // one NaN among 9000 entries, checked at a sample of 200: found by the scan of the whole claim, not by luck
  const wide: DeriveSpec = { layers: [300, 30, 3], activations: ['relu', 'softmax'], loss: 'cross-entropy', convention: 'loss' };
  const one = deriveWith(wide, {
    dW: (c) => {
      const w = defaultMatrixClaims.dW(c);
      if (w.rows === 30) w.data[8999] = Number.NaN;
      return w;
    },
  });
  assert.deepEqual(one.failures.map((s) => s.equation), ['dW[1]']);
  assert.match(one.failures[0]?.check.method ?? '', /not finite: NaN at \(29, 299\)/);
});

test('a scalar claim that is not finite at a sample point fails, naming the point', () => {
  const d = deriveWith(WEEK3_SPEC, { outputDelta: { expr: '(a - y) / (a - a)', tex: '' } });
  const scalar = d.failures.find((s) => s.kind === 'scalar');
  assert.ok(scalar !== undefined);
  assert.match(scalar.check.method, /: the closed form gives (-?Infinity|NaN) at z = -?[\d.]+(e-?\d+)?, a = [\d.]+, y = [\d.]+$/);
  assert.equal(scalar.check.maxError, Number.POSITIVE_INFINITY);
  const matrix = d.failures.find((s) => s.kind === 'matrix' && s.equation === 'dZ[2]');
  assert.match(matrix?.check.method ?? '', /the claimed value is not finite/);
  const tanh = deriveWith(WEEK3_SPEC, { activationDerivatives: { tanh: { expr: 'log(a - 2)', tex: '' } } });
  assert.ok(tanh.failures.some((s) => s.kind === 'scalar' && /the closed form gives NaN at z = /.test(s.check.method)));
});

test('a random instance holding a NaN or an Infinity fails every matrix step, naming the matrix and the entry', (t) => {
  // The instance comes from the spec's seed and cannot hold one on its own: plant one.
  const mod: typeof import('./instance') = require('./instance');
  const original = mod.randomInstance;
  t.after(() => {
    mod.randomInstance = original;
  });
  mod.randomInstance = (spec) => {
    const drawn = original(spec);
    drawn.instance.X.data[1] = Number.NaN;
    return drawn;
  };
  // a ReLU first layer maps the NaN of Z[1] to 0, so db[1] and dZ[1] would compare 0 with 0
  const d = derive({ layers: [2, 4, 1], activations: ['relu', 'sigmoid'], loss: 'cross-entropy', convention: 'loss' });
  const matrixSteps = d.steps.filter((s) => s.kind === 'matrix');
  assert.ok(matrixSteps.length === 7 && matrixSteps.every((s) => !s.check.passed));
  for (const s of matrixSteps) assert.match(s.check.method, /^not checked: the random instance \(seed 1, m = 5\) has a non-finite X of shape \(2, 5\): NaN at \(0, 1\)$/);
  assert.ok(d.steps.filter((s) => s.kind === 'scalar').every((s) => s.check.passed), 'the per-example steps do not use the instance');
  assert.equal(d.passed, false);
  assert.match(d.toText(), /FAILED: not checked: the random instance/);
});

test('instanceProblem names the first non-finite matrix of an instance and its forward values', () => {
  const { instance, cache } = require('./instance').randomInstance(require('./spec').resolveSpec(WEEK3_SPEC));
  assert.equal(instanceProblem(instance, cache), undefined);
  cache.Z2.data[3] = Number.NEGATIVE_INFINITY;
  assert.equal(instanceProblem(instance, cache), 'the random instance (seed 1, m = 5) has a non-finite Z[2] of shape (1, 5): -Infinity at (0, 3)');
  instance.parameters.W1.data[0] = Number.NaN;
  assert.match(instanceProblem(instance, cache) ?? '', /non-finite W\[1\] of shape \(4, 2\): NaN at \(0, 0\)/);
});
