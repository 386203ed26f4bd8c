import { test } from 'node:test';
import assert from 'node:assert/strict';
import { numpyBroadcastShape, numpyShape } from './broadcast';
import { Matrix, broadcastShape } from './matrix';

test('numpy shapes print as numpy prints them', () => {
  assert.equal(numpyShape([4, 1]), '(4, 1)');
  assert.equal(numpyShape([4]), '(4,)');
  assert.equal(numpyShape([]), '()');
});

test('the keepdims trap: (4, 1) with (4,) broadcasts to (4, 4)', () => {
  assert.deepEqual(numpyBroadcastShape([4, 1], [4]), [4, 4]);
  assert.deepEqual(numpyBroadcastShape([4], [4, 1]), [4, 4]);
  assert.deepEqual(numpyBroadcastShape([4, 1], [4, 1]), [4, 1]);
  assert.deepEqual(numpyBroadcastShape([4, 3], [4, 1]), [4, 3]);
  assert.deepEqual(numpyBroadcastShape([4, 4], [4, 4]), [4, 4]);
  assert.deepEqual(numpyBroadcastShape([2, 1, 3], [5, 1]), [2, 5, 3]);
  assert.deepEqual(numpyBroadcastShape([], [3]), [3]);
});

test('incompatible shapes throw numpy\'s message naming both', () => {
  assert.throws(() => numpyBroadcastShape([4, 3], [4, 4]), /^RangeError: operands could not be broadcast together with shapes \(4,3\) \(4,4\)$/);
  assert.throws(() => numpyBroadcastShape([3], [4]), /shapes \(3,\) \(4,\)/);
  assert.throws(() => numpyBroadcastShape([1.5], [4]), /non-negative integers/);
});

test('agrees with the Matrix rule on every pair of small two-dimensional shapes', () => {
  const dims = [1, 2, 3];
  for (const r1 of dims) for (const c1 of dims) for (const r2 of dims) for (const c2 of dims) {
    let expected: number[] | null;
    try {
      expected = broadcastShape(new Matrix(r1, c1), new Matrix(r2, c2));
    } catch {
      expected = null;
    }
    let got: number[] | null;
    try {
      got = numpyBroadcastShape([r1, c1], [r2, c2]);
    } catch {
      got = null;
    }
    assert.deepEqual(got, expected, `(${r1}, ${c1}) with (${r2}, ${c2})`);
  }
});
