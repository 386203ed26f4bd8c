/**
 * Arithmetic on whole parameter sets and gradient sets (dictionaries of matrices under the
 * course's keys W1, b1, … and dW1, db1, …): the largest difference between two sets, the L2
 * sum, a set times a number, the gradient as one vector, and the mean of several gradients
 * (of the per-example gradients of singleExampleGradients, backprop.ts, it is the gradient of J).
 *
 * Derived in: lesson 02-many-examples (the mean of per-example gradients), 03-where-does-1-over-m-go
 * (parameter sets compared, (W/m, b/m)), 09-mini-batches-and-reduction (L2, gradient norms).
 */
import { Matrix, formatShape } from '../core/matrix';

/**
 * The largest |p[k] − q[k]| over every entry of every matrix of p: how far apart two parameter
 * sets (or gradient sets) are. q must hold every key of p with the same shape.
 *
 * Syntax: maxParamDiff(p: Record<string, Matrix>, q: Record<string, Matrix>): number
 *
 * Examples:
 *   maxParamDiff({ W1: Matrix.row([1, 2]) }, { W1: Matrix.row([1, 2.5]) });   // 0.5
 *   maxParamDiff({ W1: Matrix.row([1]) }, { b1: Matrix.row([1]) });          // throws: maxParamDiff: W1 is missing from the second set (it has b1)
 *
 * See also: Matrix.maxAbsDiff, compareSteps, compareGradients
 *
 * Derived in: lesson 04-the-1-over-m-elsewhere-and-twice (two runs compared), 09-mini-batches-and-reduction.
 */
export function maxParamDiff(p: Readonly<Record<string, Matrix>>, q: Readonly<Record<string, Matrix>>): number {
  let worst = 0;
  for (const [key, a] of Object.entries(p)) {
    const b = q[key];
    if (!(a instanceof Matrix)) throw new TypeError(`maxParamDiff: ${key} of the first set is not a Matrix`);
    if (!(b instanceof Matrix)) throw new RangeError(`maxParamDiff: ${key} is missing from the second set (it has ${Object.keys(q).join(', ') || 'nothing'})`);
    if (a.rows !== b.rows || a.cols !== b.cols) {
      throw new RangeError(`maxParamDiff: ${key} has shape ${formatShape(a.rows, a.cols)} in the first set and ${formatShape(b.rows, b.cols)} in the second`);
    }
    const d = a.maxAbsDiff(b);
    worst = Number.isNaN(d) || Number.isNaN(worst) ? Number.NaN : Math.max(worst, d);
  }
  return worst;
}

/**
 * ‖p − q‖: the Euclidean distance between two parameter sets, over every entry of every matrix
 * of p taken as one vector. The length of an update is paramDistance(after, before).
 *
 * Syntax: paramDistance(p: Record<string, Matrix>, q: Record<string, Matrix>): number
 *
 * Examples:
 *   paramDistance({ W1: Matrix.row([3]), b1: Matrix.row([4]) }, { W1: Matrix.row([0]), b1: Matrix.row([0]) });   // 5
 *   paramDistance(train(X, Y, { ...opts, iterations: 1 }).parameters, opts.parameters);                      // the first update's length
 *
 * See also: maxParamDiff (the largest entry), flattenGradients (a gradient's length), compareSteps
 *
 * Derived in: lesson 09-mini-batches-and-reduction (the size of the first update against the batch size).
 */
export function paramDistance(p: Readonly<Record<string, Matrix>>, q: Readonly<Record<string, Matrix>>): number {
  let s = 0;
  for (const [key, a] of Object.entries(p)) {
    const b = q[key];
    if (!(a instanceof Matrix)) throw new TypeError(`paramDistance: ${key} of the first set is not a Matrix`);
    if (!(b instanceof Matrix)) throw new RangeError(`paramDistance: ${key} is missing from the second set (it has ${Object.keys(q).join(', ') || 'nothing'})`);
    if (a.rows !== b.rows || a.cols !== b.cols) {
      throw new RangeError(`paramDistance: ${key} has shape ${formatShape(a.rows, a.cols)} in the first set and ${formatShape(b.rows, b.cols)} in the second`);
    }
    for (let k = 0; k < a.data.length; k++) s += (a.data[k] - b.data[k]) ** 2;
  }
  return Math.sqrt(s);
}

/**
 * Σ_l ‖W[l]‖²: the sum of the squares of every weight (the biases excluded), the sum the L2 term
 * (λ/2m) Σ_l ‖W[l]‖² of the cost multiplies. Layers are summed in order W1, W2, … (the order
 * networkCost sums them, so the two agree to the last bit).
 *
 * Syntax: sumOfSquaredWeights(parameters): number
 *
 * Example: `sumOfSquaredWeights({ W1: Matrix.row([1, 2]), b1: Matrix.row([5]), W2: Matrix.row([3]) }); // 14`
 *
 * See also: networkCost (option l2), train (option l2)
 *
 * Derived in: lesson 09-mini-batches-and-reduction (L2), 04-the-1-over-m-elsewhere-and-twice (§2.4).
 */
export function sumOfSquaredWeights(parameters: Readonly<Record<string, Matrix>>): number {
  let s = 0;
  for (let l = 1; parameters[`W${l}`] !== undefined; l++) {
    const W = parameters[`W${l}`];
    if (!(W instanceof Matrix)) throw new TypeError(`sumOfSquaredWeights: W${l} is not a Matrix`);
    for (let k = 0; k < W.data.length; k++) s += W.data[k] * W.data[k];
  }
  return s;
}

/**
 * Every matrix of a set times k, as a new set: parameters (W/m, b/m), or gradients (a summed
 * gradient divided by its batch size).
 *
 * Syntax: scaleAll(set: Record<string, Matrix>, k: number): Record<string, Matrix>
 *
 * Examples:
 *   scaleAll({ W1: Matrix.row([2, 4]) }, 0.5).W1.toArray();   // [[1, 2]]
 *   scaleAll(params, 1);                                      // a copy of params
 *
 * See also: Matrix.scale, updateParameters
 *
 * Derived in: lesson 03-where-does-1-over-m-go (the network at (W/m, b/m)), 09-mini-batches-and-reduction.
 */
export function scaleAll(set: Readonly<Record<string, Matrix>>, k: number): Record<string, Matrix> {
  if (typeof k !== 'number' || !Number.isFinite(k)) throw new RangeError(`scaleAll: k must be a finite number, got ${String(k)}`);
  const out: Record<string, Matrix> = {};
  for (const [key, M] of Object.entries(set)) {
    if (!(M instanceof Matrix)) throw new TypeError(`scaleAll: ${key} is not a Matrix`);
    out[key] = M.scale(k);
  }
  return out;
}

/** The layer count of a gradient set: the largest l with dW1 … dWl present. */
function gradientLayers(grads: Readonly<Record<string, Matrix>>, caller: string): number {
  let L = 0;
  while (grads[`dW${L + 1}`] !== undefined) L++;
  if (L === 0) throw new RangeError(`${caller}: no dW1 found (expected keys dW1, db1, dW2, db2, …; it has ${Object.keys(grads).join(', ') || 'nothing'})`);
  for (let l = 1; l <= L; l++) {
    for (const key of [`dW${l}`, `db${l}`]) {
      if (!(grads[key] instanceof Matrix)) throw new RangeError(`${caller}: ${key} is missing or not a Matrix`);
    }
  }
  return L;
}

/**
 * The parameter gradients as one column vector, in the course's order dW1, db1, dW2, db2, …
 * (each matrix row by row): the course's gradients_to_vector. dZ and dA, when present, are left
 * out. Its `.norm()` is the length of the gradient.
 *
 * Syntax: flattenGradients(grads): Matrix   (shape (number of parameters, 1))
 *
 * Examples:
 *   flattenGradients({ dW1: Matrix.row([3]), db1: Matrix.row([4]) }).toArray();   // [[3], [4]]
 *   flattenGradients({ dW1: Matrix.row([3]), db1: Matrix.row([4]) }).norm();      // 5
 *
 * See also: gradientCheckN (flattens the same way), relativeDifference
 *
 * Derived in: lesson 07-gradient-checking (θ as one vector), 09-mini-batches-and-reduction (gradient norms).
 */
export function flattenGradients(grads: Readonly<Record<string, Matrix>>): Matrix {
  const L = gradientLayers(grads, 'flattenGradients');
  const parts: Matrix[] = [];
  for (let l = 1; l <= L; l++) parts.push(grads[`dW${l}`], grads[`db${l}`]);
  const out = new Matrix(parts.reduce((s, M) => s + M.size, 0), 1);
  let offset = 0;
  for (const M of parts) {
    out.data.set(M.data, offset);
    offset += M.size;
  }
  return out;
}

/**
 * The mean of several gradient sets, key by key over the parameter gradients dW1, db1, …
 * ((1/N) Σ_i dW(i)); dZ and dA are left out (their shapes follow the batch).
 *
 * Syntax: meanOfGradients(list: Gradients[]): Gradients   (dW1, db1, …, dWL, dbL)
 *
 * Example: `meanOfGradients([{ dW1: Matrix.row([1]), db1: Matrix.row([0]) }, { dW1: Matrix.row([3]), db1: Matrix.row([2]) }]).dW1.toArray(); // [[2]]`
 *
 * See also: singleExampleGradients
 *
 * Derived in: lesson 02-many-examples (the derivative of the mean is the mean of the derivatives).
 */
export function meanOfGradients(list: readonly Readonly<Record<string, Matrix>>[]): Record<string, Matrix> {
  const first = list[0];
  if (first === undefined) throw new RangeError('meanOfGradients: the list is empty');
  const L = gradientLayers(first, 'meanOfGradients');
  const out: Record<string, Matrix> = {};
  for (let l = 1; l <= L; l++) {
    for (const key of [`dW${l}`, `db${l}`]) {
      const sum = first[key].scale(0);
      list.forEach((g, i) => {
        const M = g[key];
        if (!(M instanceof Matrix) || M.rows !== sum.rows || M.cols !== sum.cols) {
          throw new RangeError(`meanOfGradients: ${key} of entry ${i} is ${M instanceof Matrix ? `of shape ${formatShape(M.rows, M.cols)}` : 'missing'}, expected ${formatShape(sum.rows, sum.cols)}`);
        }
        for (let k = 0; k < M.data.length; k++) sum.data[k] += M.data[k];
      });
      out[key] = sum.scale(1 / list.length);
    }
  }
  return out;
}
