/**
 * Numerical derivatives by two-sided finite differences. The derivation engine and
 * `checkGradients` check every equation with them; the gradient-check lesson studies their
 * error against ε.
 *
 * Derived in: lesson 06-gradient-checking.
 */
import { Matrix } from '../core/matrix';
import { FINITE_DIFFERENCE_EPSILON } from '../core/tolerance';

/**
 * ∂f/∂param by two-sided differences, one entry at a time:
 *   g_k ≈ (f(θ + ε e_k) − f(θ − ε e_k)) / (2ε).
 * Each entry of `param` is perturbed in place, f is called, and the entry is restored exactly,
 * so f should read `param` (a closure over the network). The error is O(ε²) plus round-off
 * of order (machine ε)·|f|/ε.
 *
 * Syntax: numericGradient(f: () => number, param: Matrix, epsilon = FINITE_DIFFERENCE_EPSILON (1e-6)): Matrix
 *
 * Examples:
 *   const w = Matrix.row([3]);
 *   numericGradient(() => w.data[0] ** 2, w).get(0, 0);   // ≈ 6
 *
 * See also: checkGradients, perExampleGradient, relativeDifference
 */
export function numericGradient(f: () => number, param: Matrix, epsilon = FINITE_DIFFERENCE_EPSILON): Matrix {
  if (!(epsilon > 0) || !Number.isFinite(epsilon)) {
    throw new RangeError(`numericGradient: epsilon must be a positive number, got ${epsilon}`);
  }
  const out = new Matrix(param.rows, param.cols);
  const d = param.data;
  for (let k = 0; k < d.length; k++) {
    const saved = d[k];
    d[k] = saved + epsilon;
    const plus = f();
    d[k] = saved - epsilon;
    const minus = f();
    d[k] = saved;
    out.data[k] = (plus - minus) / (2 * epsilon);
  }
  return out;
}
