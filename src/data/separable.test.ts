import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Matrix } from '../core/matrix';
import { createRng, randn } from '../core/random';
import { planarData } from './data';
import { linearlySeparable } from './separable';

/**
 * The oracle, by brute force: the axes that separate two finite sets form open arcs of angles
 * whose ends are normal to a line through two of the points, so trying the midpoint between every
 * two consecutive such angles finds a separating axis whenever one exists (O(m³)).
 */
function separableByBruteForce(X: Matrix, Y: Matrix): boolean {
  const pts = Array.from({ length: X.cols }, (_, i) => ({ x: X.get(0, i), y: X.get(1, i), c: Y.get(0, i) }));
  if (pts.every((p) => p.c === 0) || pts.every((p) => p.c === 1)) return true;
  const angles: number[] = [];
  for (const p of pts) {
    for (const q of pts) {
      if (p.x === q.x && p.y === q.y) continue;
      const a = Math.atan2(q.y - p.y, q.x - p.x) + Math.PI / 2;
      angles.push(((a % Math.PI) + Math.PI) % Math.PI);
    }
  }
  if (angles.length === 0) return false;   // every point at one place, both classes there
  angles.sort((a, b) => a - b);
  const tries = angles.map((a, i) => (i + 1 < angles.length ? (a + angles[i + 1]) / 2 : (a + angles[0] + Math.PI) / 2));
  return tries.some((t) => {
    const proj = pts.map((p) => ({ v: p.x * Math.cos(t) + p.y * Math.sin(t), c: p.c }));
    const of = (c: number): number[] => proj.filter((p) => p.c === c).map((p) => p.v);
    return Math.max(...of(0)) < Math.min(...of(1)) || Math.max(...of(1)) < Math.min(...of(0));
  });
}

const labels = (...y: number[]): Matrix => Matrix.row(y);

test('linearlySeparable: clouds apart, XOR, a point inside the other class, the flower', () => {
  assert.equal(linearlySeparable(Matrix.from([[0, 1, 3, 4], [0, 1, 3, 4]]), labels(0, 0, 1, 1)), true);
  assert.equal(linearlySeparable(Matrix.from([[0, 1, 0, 1], [0, 1, 1, 0]]), labels(0, 0, 1, 1)), false);
  assert.equal(linearlySeparable(Matrix.from([[0, 4, 0, 1], [0, 0, 4, 1]]), labels(0, 0, 0, 1)), false);
  assert.equal(linearlySeparable(Matrix.from([[0, 4, 0, 5], [0, 0, 4, 5]]), labels(0, 0, 0, 1)), true);
  const flower = planarData();
  assert.equal(linearlySeparable(flower.X, flower.Y), false);
});

test('linearlySeparable: degenerate hulls (single points, collinear points, touching, coinciding)', () => {
  // all points on one line: separable by the segment's own direction only when the classes do not interleave
  assert.equal(linearlySeparable(Matrix.from([[0, 1, 2, 3], [0, 0, 0, 0]]), labels(0, 0, 1, 1)), true);
  assert.equal(linearlySeparable(Matrix.from([[0, 2, 1, 3], [0, 0, 0, 0]]), labels(0, 0, 1, 1)), false);
  assert.equal(linearlySeparable(Matrix.from([[0, 1], [0, 0]]), labels(0, 1)), true);
  assert.equal(linearlySeparable(Matrix.from([[0, 1, 1], [0, 0, 0]]), labels(0, 1, 0)), false);   // a point of each class at (1, 0)
  assert.equal(linearlySeparable(Matrix.from([[0, 2, 1], [0, 0, 0]]), labels(0, 0, 1)), false);   // a point on the other class's segment
  assert.equal(linearlySeparable(Matrix.from([[0, 2, 1], [0, 0, 1]]), labels(0, 0, 1)), true);
  // touching hulls are not strictly separable: a point of class 1 on an edge of class 0's triangle
  assert.equal(linearlySeparable(Matrix.from([[0, 2, 0, 1, 2], [0, 0, 2, 1, 2]]), labels(0, 0, 0, 1, 1)), false);
  assert.equal(linearlySeparable(Matrix.from([[0, 2, 0, 1.01, 2], [0, 0, 2, 1.01, 2]]), labels(0, 0, 0, 1, 1)), true);
  assert.equal(linearlySeparable(Matrix.from([[0, 1, 2], [0, 0, 0]]), labels(1, 1, 1)), true);   // one class only
});

test('linearlySeparable agrees with the brute-force oracle on 600 random sets', () => {
  const rng = createRng(5);
  let separable = 0;
  for (let k = 0; k < 600; k++) {
    const m = 2 + (k % 12);
    const X = randn(2, m, rng);
    const Y = Matrix.row(Array.from({ length: m }, (_, i) => (i < m / 2 ? 0 : 1)));
    const shift = [0, 0.5, 1, 2][k % 4] ?? 0;
    for (let i = 0; i < m; i++) X.set(0, i, X.get(0, i) + (Y.get(0, i) === 1 ? shift : -shift));
    if (k % 7 === 0) for (let i = 0; i < m; i++) X.set(1, i, 0.5 * X.get(0, i));   // collinear sets too
    const expected = separableByBruteForce(X, Y);
    assert.equal(linearlySeparable(X, Y), expected, `set ${k}: m = ${m}, X = ${JSON.stringify(X.toArray())}`);
    if (expected) separable++;
  }
  assert.ok(separable > 100 && separable < 500, `both outcomes are exercised (${separable} of 600 separable)`);
});

test('linearlySeparable names what is wrong with its input', () => {
  assert.throws(() => linearlySeparable(Matrix.zeros(3, 4), Matrix.zeros(1, 4)), /X must have 2 rows \(two features\), got shape \(3, 4\)/);
  assert.throws(() => linearlySeparable(Matrix.zeros(2, 4), Matrix.zeros(1, 3)), /Y has shape \(1, 3\) but X has shape \(2, 4\)/);
  assert.throws(() => linearlySeparable(Matrix.zeros(2, 2), Matrix.row([0, 2])), /labels must be 0 or 1, got 2 at column 1/);
  assert.throws(() => linearlySeparable(Matrix.zeros(2, 2).set(0, 1, Infinity), Matrix.row([0, 1])), /non-finite entry at column 1/);
});
