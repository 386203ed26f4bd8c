/**
 * The course's week-2 functions (logistic regression as a one-neuron network), with w (n_x, 1)
 * and a scalar b:  A = σ(wᵀX + b),  J = −(1/m) Σ (Y log A + (1 − Y) log(1 − A)),
 * dw = (1/m) X (A − Y)ᵀ,  db = (1/m) Σ (A − Y).
 *
 * Derived in: lesson 02-many-examples.
 */
import { Matrix, formatShape } from '../core/matrix';
import { sigmoidScalar } from '../nn/activations';
import { computeCost } from './common';

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
 */
export function sigmoid(z: number): number;
export function sigmoid(z: Matrix): Matrix;
export function sigmoid(z: number | Matrix): number | Matrix {
  return typeof z === 'number' ? sigmoidScalar(z) : z.map(sigmoidScalar);
}

/**
 * w = zeros (dim, 1) and b = 0.
 *
 * Syntax: initializeWithZeros(dim) → { w, b }
 *
 * Example: `initializeWithZeros(2).w.toArray(); // [[0], [0]]`
 */
export function initializeWithZeros(dim: number): { w: Matrix; b: number } {
  return { w: Matrix.zeros(dim, 1), b: 0 };
}

function checkWeek2(w: Matrix, X: Matrix, Y?: Matrix): void {
  if (w.cols !== 1 || w.rows !== X.rows) {
    throw new RangeError(`w has shape ${formatShape(w.rows, w.cols)} but X has shape ${formatShape(X.rows, X.cols)}: w must be ${formatShape(X.rows, 1)}`);
  }
  if (Y && (Y.rows !== 1 || Y.cols !== X.cols)) {
    throw new RangeError(`Y has shape ${formatShape(Y.rows, Y.cols)} but X has shape ${formatShape(X.rows, X.cols)}: Y must be ${formatShape(1, X.cols)}`);
  }
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
  checkWeek2(w, X, Y);
  const m = X.cols;
  const A = sigmoid(w.transpose().dot(X).add(b));
  const cost = computeCost(A, Y);
  const dZ = A.sub(Y);
  const dw = X.dot(dZ.transpose()).scale(1 / m);
  const db = dZ.sumAll() / m;
  return { grads: { dw, db }, cost };
}

/**
 * Gradient descent for logistic regression: numIterations steps of w −= α dw, b −= α db.
 * Records the cost when i % 100 === 0; returns the last gradients, computed before the last update.
 *
 * Syntax: optimize(w, b, X, Y, numIterations = 100, learningRate = 0.009, printCost = false)
 *           → { params: { w, b }, grads: { dw, db }, costs }
 *
 * Example: `optimize(w, 2, X, Y, 101, 0.1).costs.length; // 2 (iterations 0 and 100)`
 *
 * See also: propagate, train
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
  let wc = w.clone();
  let bc = b;
  const costs: number[] = [];
  let grads: { dw: Matrix; db: number } = { dw: Matrix.zeros(w.rows, 1), db: 0 };
  for (let i = 0; i < numIterations; i++) {
    const r = propagate(wc, bc, X, Y);
    grads = r.grads;
    wc = wc.sub(grads.dw.scale(learningRate));
    bc = bc - learningRate * grads.db;
    if (i % 100 === 0) {
      costs.push(r.cost);
      if (printCost) console.log(`Cost after iteration ${i}: ${r.cost}`);
    }
  }
  return { params: { w: wc, b: bc }, grads, costs };
}

/**
 * Predicted labels (1, m): 1 where σ(wᵀX + b) > 0.5, else 0.
 *
 * Syntax: predict(w, b, X): Matrix
 *
 * Example: `predict(Matrix.column([0.1124579, 0.23106775]), -0.3, Matrix.from([[1, -1.1, -3.2], [1.2, 2, 0.1]])).toArray(); // [[1, 1, 0]]`
 *
 * See also: propagate, predictShallow, predictDeep
 */
export function predict(w: Matrix, b: number, X: Matrix): Matrix {
  checkWeek2(w, X);
  return sigmoid(w.transpose().dot(X).add(b)).map((a) => (a > 0.5 ? 1 : 0));
}
