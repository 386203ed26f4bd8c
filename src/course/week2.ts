/**
 * The course's week-2 functions (logistic regression as a one-neuron network), with w (n_x, 1)
 * and a scalar b:  A = σ(wᵀX + b),  J = −(1/m) Σ (Y log A + (1 − Y) log(1 − A)),
 * dw = (1/m) X (A − Y)ᵀ,  db = (1/m) Σ (A − Y).
 * That network is the one-layer network W1 = wᵀ, b1 = [[b]] with a sigmoid output: `propagate`
 * runs the module's one backward pass on it (dw = dW1ᵀ), and `optimize` its one update step.
 *
 * Derived in: lesson 02-many-examples.
 */
import { Matrix, formatShape } from '../core/matrix';
import { activations } from '../nn/activations';
import { backprop } from '../nn/backprop';
import { NonFiniteError } from '../nn/divergence';
import { forwardPass } from '../nn/network';
import { descentStepInto } from '../nn/optimizers';
import { checkFinite, checkFiniteNumber, firstNonFinite } from '../core/finite';

/**
 * The sigmoid σ(z) = 1 / (1 + e^(−z)) of a number or of every entry of a Matrix.
 *
 * Syntax: sigmoid(z: number): number · sigmoid(Z: Matrix): Matrix
 *
 * Examples:
 *   sigmoid(0);                                  // 0.5
 *   sigmoid(Matrix.row([0, 2])).toArray();       // [[0.5, 0.8807970779778823]]
 *
 * See also: activations.sigmoid
 *
 * Derived in: lesson 01-one-neuron.
 */
export function sigmoid(z: number): number;
export function sigmoid(z: Matrix): Matrix;
export function sigmoid(z: number | Matrix): number | Matrix {
  return typeof z === 'number' ? activations.sigmoid.f(z) : activations.sigmoid.forward(z);
}

/**
 * w = zeros (dim, 1) and b = 0.
 *
 * Syntax: initializeWithZeros(dim) → { w, b }
 *
 * Example: `initializeWithZeros(2).w.toArray(); // [[0], [0]]`
 *
 * See also: propagate, initializeNetwork
 *
 * Derived in: lesson 02-many-examples.
 */
export function initializeWithZeros(dim: number): { w: Matrix; b: number } {
  return { w: Matrix.zeros(dim, 1), b: 0 };
}

function checkWeek2(w: Matrix, b: number, X: Matrix, Y?: Matrix): void {
  if (w.cols !== 1 || w.rows !== X.rows) {
    throw new RangeError(`w has shape ${formatShape(w.rows, w.cols)} but X has shape ${formatShape(X.rows, X.cols)}: w must be ${formatShape(X.rows, 1)}`);
  }
  if (Y && (Y.rows !== 1 || Y.cols !== X.cols)) {
    throw new RangeError(`Y has shape ${formatShape(Y.rows, Y.cols)} but X has shape ${formatShape(X.rows, X.cols)}: Y must be ${formatShape(1, X.cols)}`);
  }
  checkFinite('w', w);
  checkFiniteNumber('b', b);
}

/**
 * Forward and backward pass of logistic regression: the cost and its gradients.
 *
 * Syntax: propagate(w, b, X, Y) → { grads: { dw, db }, cost }
 *
 * Example:
 *   propagate(Matrix.column([1, 2]), 2, Matrix.from([[1, 2, -1], [3, 4, -3.2]]), Matrix.row([1, 0, 1])).cost;   // 5.801545319394553
 *
 * See also: optimize, predict
 *
 * Derived in: lesson 02-many-examples.
 */
export function propagate(w: Matrix, b: number, X: Matrix, Y: Matrix): { grads: { dw: Matrix; db: number }; cost: number } {
  checkWeek2(w, b, X, Y);
  try {
    const { cost, grads } = backprop(X, Y, asLayer(w, b), { activations: ['sigmoid'], loss: 'cross-entropy' });
    return { grads: { dw: grads.dW1.transpose(), db: grads.db1.data[0] }, cost };
  } catch (e) {
    throw e instanceof NonFiniteError ? new NonFiniteError('propagate', e.found) : e;
  }
}

/** The week-2 parameters as the one-layer network { W1: wᵀ, b1: [[b]] }. */
function asLayer(w: Matrix, b: number): { W1: Matrix; b1: Matrix } {
  return { W1: w.transpose(), b1: Matrix.full(1, 1, b) };
}

/**
 * Gradient descent for logistic regression: numIterations steps of w −= α dw, b −= α db.
 * Records the cost when i % 100 === 0; returns the last gradients, computed before the last update.
 * A learning rate that is not finite is refused; a cost, w or b that stops being finite stops the
 * run with the iteration where it happened.
 *
 * Syntax: optimize(w, b, X, Y, numIterations = 100, learningRate = 0.009, printCost = false)
 *           → { params: { w, b }, grads: { dw, db }, costs }
 *
 * Example: `optimize(w, 2, X, Y, 101, 0.1).costs.length; // 2 (iterations 0 and 100)`
 *
 * See also: propagate, updateParameters, train
 *
 * Derived in: lesson 02-many-examples.
 */
export function optimize(
  w: Matrix,
  b: number,
  X: Matrix,
  Y: Matrix,
  numIterations = 100,
  learningRate = 0.009,
  printCost = false,
): { params: { w: Matrix; b: number }; grads: { dw: Matrix; db: number }; costs: number[] } {
  checkFiniteNumber('learningRate', learningRate, 'optimize');
  if (!Number.isInteger(numIterations) || numIterations < 0) throw new RangeError(`optimize: numIterations must be a non-negative integer, got ${numIterations}`);
  const wc = w.clone();
  const bc = Float64Array.of(b);
  const costs: number[] = [];
  let grads: { dw: Matrix; db: number } = { dw: Matrix.zeros(w.rows, 1), db: 0 };
  const size = (): number => Math.max(Math.abs(bc[0]), ...Array.from(wc.data, Math.abs));
  const startSize = size();
  const diverged = (i: number, where: string, cause: string | null): RangeError => {
    const grown = i > 0 && !(size() < 10 * startSize);
    const likely = grown ? `the learning rate ${learningRate} is too large (max |w|, |b| grew from ${startSize.toPrecision(3)} to ${size().toPrecision(3)} in ${i} update${i === 1 ? '' : 's'})` : cause;
    const when = i > 0 ? `after ${i} update${i === 1 ? '' : 's'} with learning rate ${learningRate}` : 'before any update';
    return new RangeError(`optimize: diverged at iteration ${i} (${when}): ${where}${likely ? `; likely cause: ${likely}` : ''}`);
  };
  for (let i = 0; i < numIterations; i++) {
    let r: ReturnType<typeof propagate>;
    try {
      r = propagate(wc, bc[0], X, Y);
    } catch (e) {
      if (!(e instanceof NonFiniteError)) throw e;
      throw diverged(i, e.where, e.likelyCause);
    }
    grads = r.grads;
    descentStepInto(wc.data, grads.dw.data, learningRate);
    descentStepInto(bc, Float64Array.of(grads.db), learningRate);
    const k = firstNonFinite(wc.data);
    if (k >= 0 || !Number.isFinite(bc[0])) throw diverged(i + 1, k >= 0 ? `w[${k}][0] = ${wc.data[k]} (made by the update)` : `b = ${bc[0]} (made by the update)`, null);
    if (i % 100 === 0) {
      costs.push(r.cost);
      if (printCost) console.log(`Cost after iteration ${i}: ${r.cost}`);
    }
  }
  return { params: { w: wc, b: bc[0] }, grads, costs };
}

/**
 * Predicted labels (1, m): 1 where σ(wᵀX + b) > 0.5, else 0.
 *
 * Syntax: predict(w, b, X): Matrix
 *
 * Example: `predict(Matrix.column([0.1124579, 0.23106775]), -0.3, Matrix.from([[1, -1.1, -3.2], [1.2, 2, 0.1]])).toArray(); // [[1, 1, 0]]`
 *
 * See also: propagate, predictShallow, predictDeep
 *
 * Derived in: lesson 02-many-examples.
 */
export function predict(w: Matrix, b: number, X: Matrix): Matrix {
  checkWeek2(w, b, X);
  return forwardPass(X, asLayer(w, b), ['sigmoid']).AL.map((a) => (a > 0.5 ? 1 : 0));
}
