/**
 * Small deterministic data sets and helpers: the planar "flower" of the course's week 3 (two
 * classes of points on the petals of r = a·sin(4t)), column selection and accuracy.
 *
 * Derived in: lesson 05-one-hidden-layer (the flower), 09-mini-batches-and-reduction (batches).
 */
import { Matrix, formatShape } from '../core/matrix';
import { Rng, createRng } from '../core/random';

/**
 * The planar flower: m points in the plane (X is (2, m)), label Y (1, m) 0 or 1. Class 0 takes
 * the first ⌈m/2⌉ columns, class 1 the other ⌊m/2⌋; class j's N points have angle t spread over
 * [3.12 j, 3.12 (j + 1)] plus noise 0.2 and radius r = 4 sin(4t) plus noise 0.2, at
 * (r sin t, r cos t): alternating petals belong to the two classes, so no straight line
 * separates them (logistic regression gets about 47%, one tanh hidden layer of 4 units about
 * 90%). Any m ≥ 2; for even m the numbers are those of the course's generator, bit for bit.
 *
 * Syntax: planarData({ m = 400, seed = 1, noise = 0.2, petals = 4 })
 *
 * Examples:
 *   const { X, Y } = planarData();
 *   X.shape;                              // [2, 400]
 *   Y.sumAll();                           // 200
 *   planarData({ m: 101 }).Y.sumAll();    // 50  (51 points of class 0)
 *   planarData({ m: 1 });                 // throws: planarData: m must be an integer >= 2 (one point of each class at least), got 1
 *
 * See also: nnModel, train
 *
 * Used in: lessons 03, 04, 05, 08, 09, 11 (the planar "flower").
 */
export function planarData(options: { m?: number; seed?: number; noise?: number; petals?: number; rng?: Rng } = {}): { X: Matrix; Y: Matrix } {
  const m = options.m ?? 400;
  if (!Number.isInteger(m) || m < 2) throw new RangeError(`planarData: m must be an integer >= 2 (one point of each class at least), got ${m}`);
  const rng = options.rng ?? createRng(options.seed ?? 1);
  const noise = options.noise ?? 0.2;
  const petals = options.petals ?? 4;
  const X = new Matrix(2, m);
  const Y = new Matrix(1, m);
  const sizes = [Math.ceil(m / 2), Math.floor(m / 2)];
  let i = 0;
  sizes.forEach((N, j) => {
    for (let k = 0; k < N; k++, i++) {
      const t = j * 3.12 + (N === 1 ? 0 : (3.12 * k) / (N - 1)) + noise * rng.normal();
      const r = 4 * Math.sin(petals * t) + noise * rng.normal();
      X.data[i] = r * Math.sin(t);
      X.data[m + i] = r * Math.cos(t);
      Y.data[i] = j;
    }
  });
  return { X, Y };
}

/**
 * The columns (examples) of X with the given indices, in that order.
 *
 * Syntax: selectColumns(X, indices)
 *
 * Example: `selectColumns(Matrix.from([[1, 2, 3]]), [2, 0]).toArray(); // [[3, 1]]`
 *
 * See also: miniBatches
 *
 * Used in: lesson 09-mini-batches-and-reduction (shuffling the examples).
 */
export function selectColumns(X: Matrix, indices: readonly number[]): Matrix {
  const out = new Matrix(X.rows, indices.length);
  for (let i = 0; i < X.rows; i++) {
    for (let j = 0; j < indices.length; j++) {
      const c = indices[j];
      if (!Number.isInteger(c) || c < 0 || c >= X.cols) throw new RangeError(`selectColumns: column ${c} is out of range for shape ${formatShape(X.rows, X.cols)}`);
      out.data[i * indices.length + j] = X.data[i * X.cols + c];
    }
  }
  return out;
}

/**
 * Splits the m examples into mini-batches of `batchSize` columns (the last one shorter when
 * batchSize does not divide m), optionally after a seeded shuffle.
 *
 * Syntax: miniBatches(X, Y, batchSize, rng?) → [{ X, Y }, …]
 *
 * Example: `miniBatches(X400, Y400, 64).map((b) => b.X.cols); // [64, 64, 64, 64, 64, 64, 16]`
 *
 * See also: selectColumns, train (option batchSize)
 *
 * Derived in: lesson 09-mini-batches-and-reduction (the last batch is smaller).
 */
export function miniBatches(X: Matrix, Y: Matrix, batchSize: number, rng?: Rng): { X: Matrix; Y: Matrix }[] {
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`batchSize must be a positive integer, got ${batchSize}`);
  if (X.cols !== Y.cols) throw new RangeError(`X has shape ${formatShape(X.rows, X.cols)} but Y has shape ${formatShape(Y.rows, Y.cols)}: they need the same number of columns`);
  const order = rng ? rng.permutation(X.cols) : Array.from({ length: X.cols }, (_, i) => i);
  const out: { X: Matrix; Y: Matrix }[] = [];
  for (let s = 0; s < X.cols; s += batchSize) {
    const idx = order.slice(s, s + batchSize);
    out.push({ X: selectColumns(X, idx), Y: selectColumns(Y, idx) });
  }
  return out;
}

/**
 * Fraction of entries where the prediction equals the label (both 0/1 matrices of one shape).
 *
 * Syntax: accuracy(predictions: Matrix, Y: Matrix): number
 *
 * Example: `accuracy(Matrix.row([1, 0, 1]), Matrix.row([1, 1, 1])); // 0.6666666666666666`
 *
 * See also: predictShallow, predictDeep
 *
 * Used in: lessons 05, 06 (training and held-out accuracy).
 */
export function accuracy(predictions: Matrix, Y: Matrix): number {
  if (predictions.rows !== Y.rows || predictions.cols !== Y.cols) {
    throw new RangeError(`accuracy: predictions have shape ${formatShape(predictions.rows, predictions.cols)} but Y has shape ${formatShape(Y.rows, Y.cols)}`);
  }
  let hits = 0;
  for (let k = 0; k < Y.data.length; k++) if (predictions.data[k] === Y.data[k]) hits++;
  return hits / Y.data.length;
}
