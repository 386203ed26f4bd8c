import { test } from 'node:test';
import assert from 'node:assert/strict';
import { agreeAt, agreeMatrices } from './agree';
import { Matrix } from '../core/matrix';
import { captureDisplays } from '../notebook/display';

const pts = [0.3, -1.2, 2.5, 0].map((z) => ({ z }));
const sigma = (z: number): number => 1 / (1 + Math.exp(-z));

test('agreeAt passes for two spellings of the sigmoid derivative and a finite difference', () => {
  const h = 1e-6;
  const shown = captureDisplays(() => {
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
  });
  assert.equal(shown.length, 1);
  assert.match(String(shown[0]?.message.data['text/markdown']), /s\(1-s\)/);
});

test('agreeAt throws, naming the candidate, for a formula wrong by a factor m = 3 ((m-1)/(m+1) = 0.5)', () => {
  assert.throws(
    () =>
      agreeAt(pts, { right: (p) => sigma(p.z) - 1, 'tripled': (p) => 3 * (sigma(p.z) - 1) }, { show: false }),
    /"tripled" disagrees with "right": relative difference 5\.000e-1/,
  );
});

test('agreeAt can report a failure without throwing, and validates its arguments', () => {
  const r = agreeAt(pts, { a: (p) => p.z, b: (p) => p.z + 1 }, { show: false, throwOnFailure: false });
  assert.equal(r.passed, false);
  assert.throws(() => agreeAt(pts, { a: (p) => p.z }), /at least two candidates/);
  assert.throws(() => agreeAt(pts, { a: (p) => p.z, b: (p) => p.z }, { reference: 'c' }), /reference "c" is not a candidate/);
  assert.throws(() => agreeAt(pts, { a: (p) => p.z, b: () => NaN }, { show: false }), /candidate "b" gave NaN at point 0/);
});

test('agreeMatrices passes equal matrices, catches a factor m = 3 and a transposed shape', () => {
  const A = Matrix.from([[1, -2, 3], [0.5, 4, -1]]);
  assert.equal(agreeMatrices([{ name: 'same', claimed: A, reference: A.scale(1 + 1e-12) }], { show: false }).passed, true);
  assert.throws(
    () => agreeMatrices([{ name: 'dZ/m', claimed: A.scale(1 / 3), reference: A }], { show: false }),
    /"dZ\/m" disagrees: relative difference 5\.000e-1/,
  );
  assert.throws(() => agreeMatrices([{ name: 'rows', claimed: A.transpose(), reference: A }], { show: false }), /"rows" has shapes \(3, 2\) vs \(2, 3\)/);
  const shown = captureDisplays(() => agreeMatrices([{ name: 'x', claimed: A, reference: A, method: 'itself' }]));
  assert.match(String(shown[0]?.message.data['text/markdown']), /\| x \| itself \| \(2, 3\) \| 0 \|/);
});
