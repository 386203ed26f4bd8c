/**
 * The claimed formulas of a derivation, as data: the closed forms of the per-example steps
 * (∂ℓ/∂a of each loss, g'(z) of each activation) as mathjs expressions with their TeX from nn's
 * tables, and the matrix equations under either notation as functions. `deriveWith` replaces
 * any of them (a learner's mistake, a mutation) and the checks of scalar.ts and matrix.ts say
 * whether the replacement still holds. A scalar claim is evaluated the same way at a random
 * point (the scalar check) and entry by entry on the instance's matrices (the matrix steps).
 *
 * Used by: derive.ts, scalar.ts, matrix.ts, mutations.ts. Used in: lessons 05-one-hidden-layer,
 * 06-deep-network (deriveWith with planted mistakes).
 */
import type { EvalFunction } from 'mathjs';
import { activations, ActivationName } from '../nn/activations';
import { losses, LossName } from '../nn/losses';
import { Matrix, formatShape } from '../core/matrix';
import { loadMathjs } from '../core/symbolic';
import type { MatrixClaims, ScalarClaim } from './types';

/**
 * The claimed ∂ℓ/∂a of each per-unit loss, as mathjs expressions in a and y; their TeX is the
 * loss table's derivativeTex (nn/losses.ts).
 *
 * Example: `defaultLossDerivatives['cross-entropy'].expr; // '-(y / a - (1 - y) / (1 - a))'`
 *
 * See also: checkLossDerivative, deriveWith (its `lossDerivative` override)
 */
export const defaultLossDerivatives: Readonly<Record<LossName, ScalarClaim>> = Object.freeze({
  'cross-entropy': { expr: '-(y / a - (1 - y) / (1 - a))', tex: losses['cross-entropy'].derivativeTex },
  'squared-error': { expr: 'a - y', tex: losses['squared-error'].derivativeTex },
  'categorical-cross-entropy': { expr: '-y / a', tex: losses['categorical-cross-entropy'].derivativeTex },
});

/**
 * The claimed g'(z), the course's way: from the cached a for sigmoid (a(1 − a)) and tanh (1 − a²),
 * from z for relu (relu'(0) = 0); their TeX is the activation table's derivativeTex.
 *
 * Example: `defaultActivationDerivatives.tanh.expr; // '1 - a^2'`
 *
 * See also: checkActivationDerivative, deriveWith (its `activationDerivatives` override)
 */
export const defaultActivationDerivatives: Readonly<Record<ActivationName, ScalarClaim>> = Object.freeze({
  sigmoid: { expr: 'a * (1 - a)', tex: activations.sigmoid.derivativeTex },
  tanh: { expr: '1 - a^2', tex: activations.tanh.derivativeTex },
  relu: { expr: 'z > 0 ? 1 : 0', tex: activations.relu.derivativeTex },
  linear: { expr: '1', tex: activations.linear.derivativeTex },
});

/**
 * The course's matrix equations under either notation, as claims: "loss" puts the 1/m in dW and
 * db, "cost" in dZ[L] and nowhere after.
 *   dZ[L] = delta (loss) or delta / m (cost);  dW[l] = (1/m) dZ[l] A[l−1]ᵀ (loss) or dZ[l] A[l−1]ᵀ (cost);
 *   db[l] = (1/m) Σ_i dZ[l](:, i) (loss) or Σ_i dZ[l](:, i) (cost);  dA[l−1] = W[l]ᵀ dZ[l];  dZ[l] = dA[l] ⊙ g'(Z[l]).
 *
 * Syntax: defaultMatrixClaims.dW({ dZ, APrev, m, convention }) · .db({ dZ, m, convention }) · .dA({ W, dZ }) · .dZ({ dA, gPrime }) · .dZOutput({ delta, m, convention })
 *
 * Example: `defaultMatrixClaims.dW({ dZ, APrev, m: 5, convention: 'loss' }); // dZ·APrevᵀ / 5`
 *
 * See also: deriveWith (replace one), mutations
 *
 * Derived in: lessons 05-one-hidden-layer, 06-deep-network, 03-where-does-1-over-m-go (both notations).
 */
export const defaultMatrixClaims: Readonly<MatrixClaims> = Object.freeze({
  dZOutput: ({ delta, m, convention }) => (convention === 'cost' ? delta.scale(1 / m) : delta),
  dW: ({ dZ, APrev, m, convention }) => {
    const sum = dZ.dot(APrev.transpose());
    return convention === 'loss' ? sum.scale(1 / m) : sum;
  },
  db: ({ dZ, m, convention }) => (convention === 'loss' ? dZ.sumRows().scale(1 / m) : dZ.sumRows()),
  dA: ({ W, dZ }) => W.transpose().dot(dZ),
  dZ: ({ dA, gPrime }) => dA.mul(gPrime),
} satisfies MatrixClaims);

const compiled = new Map<string, EvalFunction>();

/**
 * A mathjs expression compiled once and kept: every claim is evaluated at many points.
 *
 * Syntax: compile(expr: string): EvalFunction
 *
 * Example: `compile('a - y').evaluate({ a: 0.8, y: 1 }); // -0.19999999999999996`
 *
 * See also: evaluateClaim
 */
export function compile(expr: string): EvalFunction {
  let f = compiled.get(expr);
  if (f === undefined) {
    f = loadMathjs().compile(expr);
    compiled.set(expr, f);
  }
  return f;
}

/**
 * A mathjs result as a number: booleans (from a claim such as `z > 0 ? 1 : 0` written as `z > 0`)
 * as 1 and 0, anything else that is not a number (a complex log of a negative number, a matrix)
 * as NaN, so the checks report it as not finite.
 *
 * Syntax: toNumber(v: unknown): number
 *
 * Examples:
 *   toNumber(true);                             // 1
 *   toNumber(loadMathjs().evaluate('log(-1)'));   // NaN (mathjs gives a complex number)
 *
 * See also: evaluateClaim
 */
export function toNumber(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  return Number.NaN;
}

/**
 * A claimed closed form at one point.
 *
 * Syntax: evaluateClaim(claim: ScalarClaim, scope: Record<string, number>): number
 *
 * Example: `evaluateClaim({ expr: 'a - y', tex: 'a - y' }, { a: 0.8, y: 1 }); // -0.19999999999999996`
 *
 * See also: evaluateEntrywise
 */
export function evaluateClaim(claim: ScalarClaim, scope: Record<string, number>): number {
  return toNumber(compile(claim.expr).evaluate({ ...scope }));
}

/**
 * A claimed closed form evaluated entry by entry on matrices of one shape: the matrix form of a
 * scalar claim, such as g'(Z[l]) from Z[l] and A[l], or ∂L/∂z at the output from Z[L], A[L] and Y.
 * Matrices of different shapes throw naming both.
 *
 * Syntax: evaluateEntrywise(claim: ScalarClaim, { z: Z, a: A, y?: Y }): Matrix
 *
 * Example: `evaluateEntrywise(defaultActivationDerivatives.tanh, { z: Matrix.row([0, 1]), a: Matrix.row([0, 0.5]) }).toArray(); // [[1, 0.75]]`
 *
 * See also: defaultMatrixClaims (dZ = dA ⊙ g'(Z))
 */
export function evaluateEntrywise(claim: ScalarClaim, inputs: { z: Matrix; a: Matrix; y?: Matrix }): Matrix {
  const { z, a, y } = inputs;
  for (const [name, M] of [['a', a], ['y', y]] as const) {
    if (M !== undefined && (M.rows !== z.rows || M.cols !== z.cols)) {
      throw new RangeError(`evaluateEntrywise: ${name} has shape ${formatShape(M.rows, M.cols)} but z has shape ${formatShape(z.rows, z.cols)}`);
    }
  }
  const f = compile(claim.expr);
  const out = new Matrix(z.rows, z.cols);
  const scope: Record<string, number> = { z: 0, a: 0, y: 0 };
  for (let k = 0; k < out.data.length; k++) {
    scope.z = z.data[k];
    scope.a = a.data[k];
    scope.y = y === undefined ? 0 : y.data[k];
    out.data[k] = toNumber(f.evaluate(scope));
  }
  return out;
}
