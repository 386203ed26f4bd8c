/**
 * Whether a straight line separates the two classes of a data set in the plane. It decides
 * what logistic regression's cost can do: on a separable set the cost has no minimum (a longer
 * w along a separating direction lowers every loss, so J only approaches 0); on a set whose
 * classes overlap the convex cost has a minimum at a finite (w, b).
 *
 * The test is exact: the classes' convex hulls are disjoint exactly when the projections of the
 * two classes onto some axis do not overlap, and such an axis, when there is one, is normal to
 * an edge of one of the hulls (or along a hull that is a segment, or along the difference of two
 * single points).
 *
 * Derived in: lesson 02-many-examples §6 (separable clouds: J goes to 0; overlapping: J levels off).
 */
import { Matrix, formatShape } from '../core/matrix';

type Point = readonly [number, number];

/** The convex hull of a set of points, counter-clockwise, without repeated or collinear points (Andrew's monotone chain). */
function convexHull(points: readonly Point[]): Point[] {
  const sorted = [...points].sort((p, q) => p[0] - q[0] || p[1] - q[1]);
  const unique = sorted.filter((p, i) => i === 0 || p[0] !== sorted[i - 1][0] || p[1] !== sorted[i - 1][1]);
  if (unique.length < 3) return unique;
  const cross = (o: Point, a: Point, b: Point): number => (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
  const half = (list: readonly Point[]): Point[] => {
    const chain: Point[] = [];
    for (const p of list) {
      while (chain.length >= 2 && cross(chain[chain.length - 2], chain[chain.length - 1], p) <= 0) chain.pop();
      chain.push(p);
    }
    chain.pop();
    return chain;
  };
  return [...half(unique), ...half([...unique].reverse())];
}

/** The axes to try for two hulls: each edge's normal, a segment's own direction, and p − q for two single points. */
function candidateAxes(a: readonly Point[], b: readonly Point[]): Point[] {
  const axes: Point[] = [];
  for (const hull of [a, b]) {
    for (let i = 0; i < hull.length && hull.length >= 2; i++) {
      const p = hull[i];
      const q = hull[(i + 1) % hull.length];
      axes.push([p[1] - q[1], q[0] - p[0]]);
      if (hull.length === 2) axes.push([q[0] - p[0], q[1] - p[1]]);
    }
  }
  if (a.length === 1 && b.length === 1) axes.push([a[0][0] - b[0][0], a[0][1] - b[0][1]]);
  return axes;
}

/** Whether the projections of a and b onto the axis lie strictly apart. */
function apart(a: readonly Point[], b: readonly Point[], axis: Point): boolean {
  const project = (hull: readonly Point[]): number[] => hull.map((p) => p[0] * axis[0] + p[1] * axis[1]);
  const pa = project(a);
  const pb = project(b);
  return Math.max(...pa) < Math.min(...pb) || Math.max(...pb) < Math.min(...pa);
}

/**
 * Whether a straight line separates the two classes of a two-feature data set strictly (every
 * point of class 0 on one side, every point of class 1 on the other, none on the line), decided
 * exactly from the classes' convex hulls. A set with one class only counts as separable.
 *
 * Syntax: linearlySeparable(X: Matrix (2, m), Y: Matrix (1, m) of 0 and 1): boolean
 *
 * Examples:
 *   linearlySeparable(Matrix.from([[0, 1, 3, 4], [0, 1, 3, 4]]), Matrix.row([0, 0, 1, 1]));   // true
 *   linearlySeparable(Matrix.from([[0, 1, 0, 1], [0, 1, 1, 0]]), Matrix.row([0, 0, 1, 1]));   // false (XOR)
 *   linearlySeparable(planarData().X, planarData().Y);                                          // false (the flower)
 *   linearlySeparable(Matrix.zeros(3, 4), Matrix.zeros(1, 4));   // throws: linearlySeparable: X must have 2 rows (two features), got shape (3, 4)
 *
 * See also: planarData, accuracy
 *
 * Derived in: lesson 02-many-examples §6.
 */
export function linearlySeparable(X: Matrix, Y: Matrix): boolean {
  if (!(X instanceof Matrix) || !(Y instanceof Matrix)) throw new TypeError('linearlySeparable: X and Y must be matrices, one example per column');
  if (X.rows !== 2) throw new RangeError(`linearlySeparable: X must have 2 rows (two features), got shape ${formatShape(X.rows, X.cols)}`);
  if (Y.rows !== 1 || Y.cols !== X.cols) {
    throw new RangeError(`linearlySeparable: Y has shape ${formatShape(Y.rows, Y.cols)} but X has shape ${formatShape(X.rows, X.cols)}: Y must be (1, ${X.cols})`);
  }
  const classes: Point[][] = [[], []];
  for (let i = 0; i < X.cols; i++) {
    const y = Y.get(0, i);
    const x: Point = [X.get(0, i), X.get(1, i)];
    if (y !== 0 && y !== 1) throw new RangeError(`linearlySeparable: labels must be 0 or 1, got ${y} at column ${i}`);
    if (!Number.isFinite(x[0]) || !Number.isFinite(x[1])) throw new RangeError(`linearlySeparable: X has a non-finite entry at column ${i}`);
    classes[y].push(x);
  }
  const [zeros, ones] = classes;
  if (zeros.length === 0 || ones.length === 0) return true;
  const a = convexHull(zeros);
  const b = convexHull(ones);
  return candidateAxes(a, b).some((axis) => (axis[0] !== 0 || axis[1] !== 0) && apart(a, b, axis));
}
