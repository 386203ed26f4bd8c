/**
 * Numerical derivatives by two-sided finite differences, and the course's relative difference.
 * The derivation engine checks every equation with these; the gradient-check lesson studies
 * their error against ε.
 *
 * Derived in: lesson 06-gradient-checking.
 */
import { Matrix, formatShape } from '../core/matrix';

/**
 * ∂f/∂param by two-sided differences, one entry at a time:
 *   g_k ≈ (f(θ + ε e_k) − f(θ − ε e_k)) / (2ε).
 * Each entry of `param` is perturbed in place, f is called, and the entry is restored exactly,
 * so f should read `param` (a closure over the network). The error is O(ε²) plus round-off
 * of order (machine ε)·|f|/ε.
 *
 * Syntax: numericGradient(f: () => number, param: Matrix, epsilon = 1e-6): Matrix
 *
 * Examples:
 *   const w = Matrix.row([3]);
 *   numericGradient(() => w.data[0] ** 2, w).get(0, 0);   // ≈ 6
 *
 * See also: relativeDifference, gradientCheck
 */
export function numericGradient(f: () => number, param: Matrix, epsilon = 1e-6): Matrix {
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

/**
 * The course's relative difference ‖a − b‖ / (‖a‖ + ‖b‖) (Frobenius norms); 0 when both are 0.
 * A doubled or missing 1/m makes it exactly (m − 1)/(m + 1).
 *
 * Syntax: relativeDifference(a: Matrix, b: Matrix): number
 *
 * Examples:
 *   relativeDifference(Matrix.row([1, 2]), Matrix.row([1, 2]));   // 0
 *   relativeDifference(Matrix.row([1]), Matrix.row([3]));         // 0.5  (a = b/m with m = 3)
 *
 * See also: numericGradient, gradientCheck
 */
export function relativeDifference(a: Matrix, b: Matrix): number {
  if (a.rows !== b.rows || a.cols !== b.cols) {
    throw new RangeError(
      `relativeDifference: shapes ${formatShape(a.rows, a.cols)} and ${formatShape(b.rows, b.cols)} differ`,
    );
  }
  let num = 0;
  let na = 0;
  let nb = 0;
  for (let k = 0; k < a.data.length; k++) {
    const x = a.data[k];
    const y = b.data[k];
    num += (x - y) * (x - y);
    na += x * x;
    nb += y * y;
  }
  const den = Math.sqrt(na) + Math.sqrt(nb);
  if (den === 0) return 0;
  return Math.sqrt(num) / den;
}

/** The result of gradientCheck. */
export interface GradientCheckResult {
  /** Relative difference over all checked parameters flattened together. */
  difference: number;
  /** Relative difference per parameter name. */
  perParameter: Record<string, number>;
  /** The numerical gradients, by the gradient key (`d` + name). */
  numeric: Record<string, Matrix>;
}

/**
 * Checks analytic gradients against finite differences for several named parameters:
 * `grads["d" + name]` is compared with numericGradient(f, params[name]).
 *
 * Syntax: gradientCheck(f, params, grads, { epsilon = 1e-6, names = all keys of params })
 *
 * Example:
 *   const p = { w: Matrix.row([3]) };
 *   gradientCheck(() => p.w.data[0] ** 2, p, { dw: Matrix.row([6]) }).difference;   // < 1e-9
 *
 * See also: numericGradient, relativeDifference, gradientCheckN (the course's version)
 */
export function gradientCheck(
  f: () => number,
  params: Record<string, Matrix>,
  grads: Record<string, Matrix>,
  options: { epsilon?: number; names?: string[] } = {},
): GradientCheckResult {
  const names = options.names ?? Object.keys(params);
  const perParameter: Record<string, number> = {};
  const numeric: Record<string, Matrix> = {};
  const all: number[] = [];
  const allNum: number[] = [];
  for (const name of names) {
    const p = params[name];
    const g = grads[`d${name}`];
    if (!p) throw new RangeError(`gradientCheck: no parameter named ${JSON.stringify(name)}`);
    if (!g) throw new RangeError(`gradientCheck: no gradient named ${JSON.stringify(`d${name}`)}`);
    const n = numericGradient(f, p, options.epsilon ?? 1e-6);
    numeric[`d${name}`] = n;
    perParameter[name] = relativeDifference(g, n);
    all.push(...g.data);
    allNum.push(...n.data);
  }
  const difference = relativeDifference(new Matrix(1, all.length, all), new Matrix(1, allNum.length, allNum));
  return { difference, perParameter, numeric };
}
