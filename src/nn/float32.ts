/**
 * The cost J of a fully connected network computed in emulated single precision (float32), to
 * show what a gradient check looks like when the forward pass runs in 32-bit floats, as most
 * GPU frameworks do by default.
 *
 * JavaScript numbers are float64. `Math.fround(x)` rounds x to the nearest float32, so rounding
 * every stored value (each parameter as it is read, each product, each running sum, each
 * activation, each loss term) reproduces float32 arithmetic:
 *
 *   z_ij = fl32( fl32(b_i) + Σ_k fl32( fl32(w_ik) · a_kj ) ),   accumulated left to right,
 *   a_ij = fl32( g(z_ij) ),   J = fl32( fl32(Σ_j L_j) / m ).
 *
 * The unit round-off becomes u = 2^−24 ≈ 6e−8 instead of 2^−53 ≈ 1.1e−16, so the round-off
 * part of a finite difference, about u·|J|/ε, is 5·10^8 times larger: the best ε moves from
 * about 1e−5 to about 1e−2 and a relative difference of 2e−7 is out of reach.
 * Note that θ ± ε is rounded too: near |θ| = 1 the float32 spacing is 1.2e−7, so a step of
 * ε = 1e−7 may vanish altogether.
 *
 * Derived in: lesson 08-limits-of-gradient-checking (float64 against float32).
 */
import { Matrix } from '../core/matrix';
import { getActivation } from './activations';
import { checkOptions, networkSpec } from './network';

const f32 = Math.fround;

/** Options of networkCostFloat32: element-wise activations, one per layer, and a loss. */
export interface Float32CostOptions {
  /** One activation per layer: "relu", "tanh", "sigmoid" or "linear". */
  activations: readonly string[];
  /** "cross-entropy" (binary) or "squared-error". */
  loss: string;
}

/**
 * J = (1/m) Σ_i L(i) for the network's output on X, every operation rounded to float32.
 *
 * Syntax: networkCostFloat32(X, Y, parameters, { activations, loss }): number
 *
 * Examples:
 *   const J32 = networkCostFloat32(X, Y, params, { activations: ['relu', 'sigmoid'], loss: 'cross-entropy' });
 *   Math.fround(J32) === J32;                                      // true: a float32 value
 *   Math.abs(J32 - networkCost(X, Y, params, opts)) / J32 < 1e-5;   // true: agrees to float32 precision
 *
 * See also: networkCost (float64), numericGradient
 *
 * Derived in: lesson 08-limits-of-gradient-checking (float64 against float32).
 */
export function networkCostFloat32(
  X: Matrix,
  Y: Matrix,
  parameters: Record<string, Matrix>,
  options: Float32CostOptions,
): number {
  checkOptions('networkCostFloat32', options);
  // the float64 network's checks: shapes, finite entries, labels for the loss
  const { L, activations, loss } = networkSpec(X, parameters, options, Y);
  if (activations.includes('softmax')) throw new RangeError('networkCostFloat32: element-wise activations only (no softmax)');
  const m = X.cols;
  let A = Float32Array.from(X.data);
  let rows = X.rows;
  for (let l = 1; l <= L; l++) {
    const W = parameters[`W${l}`];
    const b = parameters[`b${l}`];
    const g = getActivation(activations[l - 1]).f;
    const Z = new Float32Array(W.rows * m);
    for (let i = 0; i < W.rows; i++) {
      for (let j = 0; j < m; j++) {
        let s = f32(b.data[i]);
        for (let k = 0; k < rows; k++) {
          s = f32(s + f32(f32(W.data[i * rows + k]) * A[k * m + j]));
        }
        Z[i * m + j] = f32(g(s));
      }
    }
    A = Z;
    rows = W.rows;
  }
  let total = 0;
  for (let k = 0; k < A.length; k++) total = f32(total + f32(loss.forward(A[k], Y.data[k])));
  return f32(total / m);
}
