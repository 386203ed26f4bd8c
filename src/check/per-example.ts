/**
 * Finite differences that keep the examples apart. The course's dZ[l] is not the derivative of
 * one number: its column i is the derivative of example i's own loss L(i) with respect to
 * column i of Z[l]. To measure it, nudge each entry (k, i) of Z[l] by ±ε, re-run the rest of the
 * forward pass, and read the change of L(i) alone; the changes of the other losses L(j), j ≠ i,
 * measure how much the columns mix (nothing, in a fully connected network's forward pass).
 *
 *   own[k][i] = (L(i)(V + ε e_ki) − L(i)(V − ε e_ki)) / (2ε)   ≈ ∂L(i)/∂V[k][i]
 *   leak      = max over k, i and j ≠ i of |L(j)(V + ε e_ki) − L(j)(V − ε e_ki)| / (2ε)
 *
 * Derived in: lesson 03-where-does-1-over-m-go (what the course's dZ is a derivative of).
 */
import { Matrix, formatShape } from '../core/matrix';
import { FINITE_DIFFERENCE_EPSILON } from '../core/tolerance';

/** What `perExampleGradient` returns. */
export interface PerExampleGradient {
  /** ∂L(i)/∂V[k][i] for every entry: the derivative of each column's own loss, same shape as V. */
  own: Matrix;
  /** The largest |∂L(j)/∂V[k][i]| with j ≠ i: how much a column moves the other examples' losses. */
  leak: number;
}

/**
 * Per-example finite differences of a row of losses with respect to a matrix whose column i
 * belongs to example i. `value` is perturbed in place and restored exactly, so `losses` should
 * read it (a closure, such as `probeLayer(...).losses` with `probeLayer(...).value`).
 *
 * Syntax: perExampleGradient(losses: () => Matrix /* (1, m) *\/, value: Matrix /* (n, m) *\/, epsilon = 1e-6)
 *
 * Examples:
 *   const V = Matrix.from([[1, 2], [3, 4]]);
 *   const r = perExampleGradient(() => V.map((x) => x * x).sumCols(), V);   // L(i) = Σ_k V[k][i]²
 *   r.own.toArray();   // ≈ [[2, 4], [6, 8]]  (2 V)
 *   r.leak;            // 0  (column i only reaches L(i))
 *
 * See also: numericGradient, probeLayer, backprop (convention "loss": dZ[l] = own)
 */
export function perExampleGradient(losses: () => Matrix, value: Matrix, epsilon = FINITE_DIFFERENCE_EPSILON): PerExampleGradient {
  if (!(epsilon > 0) || !Number.isFinite(epsilon)) {
    throw new RangeError(`perExampleGradient: epsilon must be a positive number, got ${epsilon}`);
  }
  const m = value.cols;
  const first = losses();
  if (first.rows !== 1 || first.cols !== m) {
    throw new RangeError(
      `perExampleGradient: losses() has shape ${formatShape(first.rows, first.cols)} but value has ${m} columns: expected ${formatShape(1, m)}`,
    );
  }
  const own = new Matrix(value.rows, m);
  const d = value.data;
  let leak = 0;
  for (let k = 0; k < d.length; k++) {
    const i = k % m; // row-major: entry k sits in column k mod m
    const saved = d[k] as number;
    d[k] = saved + epsilon;
    const plus = losses().data;
    d[k] = saved - epsilon;
    const minus = losses().data;
    d[k] = saved;
    for (let j = 0; j < m; j++) {
      const slope = ((plus[j] as number) - (minus[j] as number)) / (2 * epsilon);
      if (j === i) own.data[k] = slope;
      else leak = Math.max(leak, Math.abs(slope));
    }
  }
  return { own, leak };
}
