import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Matrix } from './matrix';
import { createRng, randn } from './random';

// Naive references on nested arrays: the oracle for the property tests.
const naiveDot = (a: number[][], b: number[][]): number[][] =>
  a.map((row) => b[0].map((_, j) => row.reduce((s, x, k) => s + x * b[k][j], 0)));
const naiveT = (a: number[][]): number[][] => a[0].map((_, j) => a.map((row) => row[j]));
const close = (a: number[][], b: number[][], tol = 1e-12): void => {
  assert.equal(a.length, b.length);
  a.forEach((row, i) => {
    assert.equal(row.length, b[i].length);
    row.forEach((x, j) => assert.ok(Math.abs(x - b[i][j]) <= tol * (1 + Math.abs(x)), `(${i},${j}) ${x} vs ${b[i][j]}`));
  });
};

test('dot, transpose, sums, addColumn agree with naive loops on random shapes', () => {
  const rng = createRng(7);
  for (let trial = 0; trial < 60; trial++) {
    const r = 1 + rng.integer(9);
    const k = 1 + rng.integer(9);
    const c = 1 + rng.integer(9);
    const A = randn(r, k, rng);
    const B = randn(k, c, rng);
    const a = A.toArray();
    close(A.dot(B).toArray(), naiveDot(a, B.toArray()));
    close(A.transpose().toArray(), naiveT(a));
    close(A.sumRows().toArray(), a.map((row) => [row.reduce((s, x) => s + x, 0)]));
    close(A.sumCols().toArray(), [naiveT(a).map((col) => col.reduce((s, x) => s + x, 0))]);
    assert.ok(Math.abs(A.sumAll() - a.flat().reduce((s, x) => s + x, 0)) < 1e-12);
    const b = randn(r, 1, rng);
    close(A.addColumn(b).toArray(), a.map((row, i) => row.map((x) => x + b.get(i, 0))));
    close(A.add(b).toArray(), A.addColumn(b).toArray());
    const C = randn(r, k, rng);
    const cc = C.toArray();
    close(A.add(C).toArray(), a.map((row, i) => row.map((x, j) => x + cc[i][j])));
    close(A.sub(C).toArray(), a.map((row, i) => row.map((x, j) => x - cc[i][j])));
    close(A.mul(C).toArray(), a.map((row, i) => row.map((x, j) => x * cc[i][j])));
    close(A.div(C).toArray(), a.map((row, i) => row.map((x, j) => x / cc[i][j])));
    close(A.scale(2.5).toArray(), a.map((row) => row.map((x) => 2.5 * x)));
    close(A.map((x, i, j) => x + i * 10 + j).toArray(), a.map((row, i) => row.map((x, j) => x + i * 10 + j)));
    assert.deepEqual(A.sum(1).toArray(), A.sumRows().toArray());
    assert.deepEqual(A.sum(0).toArray(), A.sumCols().toArray());
  }
});

test('row broadcast and scalar operands follow numpy', () => {
  const A = Matrix.from([[1, 2, 3], [4, 5, 6]]);
  assert.deepEqual(A.add(Matrix.row([10, 20, 30])).toArray(), [[11, 22, 33], [14, 25, 36]]);
  assert.deepEqual(A.sub(1).toArray(), [[0, 1, 2], [3, 4, 5]]);
  assert.deepEqual(A.mul(Matrix.column([2, 3])).toArray(), [[2, 4, 6], [12, 15, 18]]);
});

test('a column against a row is refused instead of silently becoming a table (keepdims trap)', () => {
  const b = Matrix.column([1, 2, 3, 4]);
  const dbWrongShape = Matrix.row([0.1, 0.2, 0.3, 0.4]);
  for (const attempt of [() => b.sub(dbWrongShape), () => dbWrongShape.add(b), () => b.mul(dbWrongShape)]) {
    assert.throws(attempt, {
      name: 'RangeError',
      message: /^operands could not be broadcast together with shapes \((4, 1\) \(1, 4|1, 4\) \(4, 1)\): both would have to stretch \(numpy silently gives \(4, 4\)/,
    });
  }
  // the outer product is still one call away, explicitly
  assert.deepEqual(Matrix.column([1, 2]).dot(Matrix.row([1, 10])).toArray(), [[1, 10], [2, 20]]);
});

test('constructors, accessors, clone and maxAbsDiff', () => {
  const A = Matrix.from([[1, 2], [3, 4]]);
  assert.deepEqual(A.shape, [2, 2]);
  assert.equal(A.get(1, 0), 3);
  assert.deepEqual(Matrix.column([1, 2]).shape, [2, 1]);
  assert.deepEqual(Matrix.row([1, 2]).shape, [1, 2]);
  assert.deepEqual(Matrix.full(1, 2, 7).toArray(), [[7, 7]]);
  assert.deepEqual(Matrix.zeros(2, 1).toArray(), [[0], [0]]);
  const B = A.clone().set(0, 0, 9);
  assert.equal(A.get(0, 0), 1);
  assert.equal(B.maxAbsDiff(A), 8);
  assert.throws(() => A.get(2, 0), /out of bounds for shape \(2, 2\)/);
  assert.equal(Matrix.from([[1, -2.5]]).toString(), '[[  1. -2.5]]');
  assert.equal(Matrix.row([3, 4]).norm(), 5);
});

test('shape errors are worded as numpy words them and name both shapes', () => {
  assert.throws(() => Matrix.zeros(1, 3).dot(Matrix.zeros(4, 2)), {
    message: 'shapes (1, 3) and (4, 2) not aligned: 3 (dim 1) != 4 (dim 0)',
  });
  for (const op of ['add', 'sub', 'mul', 'div'] as const) {
    assert.throws(() => Matrix.zeros(2, 3)[op](Matrix.zeros(3, 2)), {
      message: 'operands could not be broadcast together with shapes (2, 3) (3, 2)',
    });
  }
  assert.throws(() => Matrix.zeros(3, 4).addColumn(Matrix.zeros(1, 3)), /\(3, 1\).*\(1, 3\).*\(3, 4\)/);
});

test('Matrix.from rejects ragged rows, non-numbers and NaN, naming where', () => {
  assert.throws(() => Matrix.from([[1, 2], [3]]), { message: 'Matrix.from: ragged rows: row 1 has 1 entries, row 0 has 2' });
  // @ts-expect-error a string entry on purpose
  assert.throws(() => Matrix.from([[1, 2], [3, 'x']]), { message: 'Matrix.from: entry [1][1] is not a number (got "x")' });
  assert.throws(() => Matrix.from([[1, NaN]]), { message: 'Matrix.from: entry [0][1] is NaN' });
  // @ts-expect-error not an array of rows
  assert.throws(() => Matrix.from([1, 2]), /row 0 is not an array/);
  assert.throws(() => new Matrix(2, 2, [1, 2, 3]), /3 entries but shape \(2, 2\) needs 4/);
});
