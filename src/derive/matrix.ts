/**
 * The matrix steps of a derivation, checked by finite differences on a random instance of the
 * network: dZ[L] (the m examples as columns), dW[l] = (1/m) dZ[l] A[l−1]ᵀ, db[l] (a sum that
 * keeps its (n, 1) shape), dA[l−1] = W[l]ᵀ dZ[l], dZ[l] = dA[l] ∗ g'(Z[l]).
 *
 * Each claimed formula is a function in `MatrixClaims` (data a test can replace). Its result is
 * compared with central differences of the true forward pass (network.ts) — of the cost J, or
 * of the per-example loss L(i) with respect to column i, as the step claims. Per-example checks
 * also measure how much the other examples' losses move (they must not: that is what makes
 * "stack the per-example derivatives as columns" legitimate).
 *
 * Used by: derive.ts. Used in: lessons 03-where-does-1-over-m-go, 04-one-hidden-layer,
 * 05-deep-network.
 */
import { Matrix, formatShape } from '../core/matrix';
import { createRng, randn } from '../core/random';
import { relativeDifference } from '../check/compare';
import { NetworkParameters, forwardPass, networkLosses, probeLayer } from '../nn/network';
import type { ResolvedSpec } from './spec';
import type { DerivationInstance, MatrixClaims } from './types';

/**
 * The course's equations under either convention: "loss" puts the 1/m in dW and db,
 * "cost" puts it in dZ[L] and nowhere after.
 *
 * Example: `defaultMatrixClaims.dW({ dZ, APrev, m: 5, convention: 'loss' }); // dZ·APrevᵀ / 5`
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

/** How a matrix step was checked and what was measured. */
export interface MatrixCheck {
  method: string;
  /** max |claimed − numerical| / max(1, max |numerical|), including any movement of other examples' losses. */
  maxError: number;
  passed: boolean;
  tolerance: number;
  /** The course's ‖claimed − numerical‖ / (‖claimed‖ + ‖numerical‖). */
  relativeDifference: number;
  /** What was differentiated: the cost J, or the per-example loss L(i) column by column. */
  against: 'J' | 'L';
}

/** Largest accepted maxError of a matrix step. Central differences here are accurate to ~1e-11. */
export const MATRIX_TOLERANCE = 1e-7;
/** Largest accepted relative difference, applied when some entry of the numerical gradient exceeds 1e-4 (below that, round-off dominates the ratio; the absolute test still sees a wrong factor). */
export const MATRIX_RELATIVE_TOLERANCE = 1e-6;
/** Step of the four-point central differences. */
export const FD_STEP = 1e-4;
/** ReLU pre-activations of an instance stay this far from the kink (perturbations are ≤ 2·FD_STEP·|a|). */
export const RELU_MARGIN = 0.02;
/** A sigmoid output under cross-entropy is scaled so |Z[L]| stays below this (see randomInstance). */
export const OUTPUT_Z_LIMIT = 3;

function labels(spec: ResolvedSpec, rng: ReturnType<typeof createRng>, m: number): Matrix {
  const n = spec.layers[spec.L];
  const out = spec.activations[spec.L - 1];
  const Y = new Matrix(n, m);
  if (out === 'softmax') {
    for (let j = 0; j < m; j++) Y.data[rng.integer(n) * m + j] = 1;
  } else if (spec.loss === 'cross-entropy') {
    for (let k = 0; k < Y.data.length; k++) Y.data[k] = rng.uniform() < 0.5 ? 0 : 1;
  } else {
    for (let k = 0; k < Y.data.length; k++) Y.data[k] = rng.normal();
  }
  return Y;
}

/**
 * A random instance of the spec: X ~ N(0, 1), W[l] ~ N(0, 1/n[l−1]), b[l] ~ N(0, 0.25), labels
 * fitting the loss. Redrawn (seed + 1, seed + 2, …) while a ReLU pre-activation is within
 * RELU_MARGIN of 0, so that finite differences never straddle the kink.
 *
 * Example: `randomInstance(resolveSpec(WEEK3_SPEC)).X.shape; // [2, 5]`
 */
export function randomInstance(spec: ResolvedSpec): DerivationInstance {
  const m = spec.examples;
  let fallback: DerivationInstance | undefined;
  for (let attempt = 0; attempt < 500; attempt++) {
    const seed = spec.seed + attempt;
    const rng = createRng(seed);
    const X = randn(spec.layers[0], m, rng);
    const parameters: NetworkParameters = {};
    for (let l = 1; l <= spec.L; l++) {
      const n = spec.layers[l];
      const nPrev = spec.layers[l - 1];
      parameters[`W${l}`] = randn(n, nPrev, rng).scale(1 / Math.sqrt(nPrev));
      parameters[`b${l}`] = randn(n, 1, rng).scale(0.5);
    }
    const Y = labels(spec, rng, m);
    const instance = { X, Y, parameters, m, seed };
    fallback ??= instance;
    let { cache } = forwardPass(X, parameters, spec.activations);
    if (spec.loss === 'cross-entropy' && spec.activations[spec.L - 1] === 'sigmoid') {
      // Keep a = σ(z) away from 1: the loss's log(1 − a) loses about eps/(1 − a) of relative
      // precision, which central differences divide by h (z = 9 costs ~1e-8). |z| ≤ 3 keeps it ~1e-11.
      let zMax = 0;
      for (const z of (cache[`Z${spec.L}`] as Matrix).data) zMax = Math.max(zMax, Math.abs(z));
      if (zMax > OUTPUT_Z_LIMIT) {
        const s = OUTPUT_Z_LIMIT / zMax;
        parameters[`W${spec.L}`] = (parameters[`W${spec.L}`] as Matrix).scale(s);
        parameters[`b${spec.L}`] = (parameters[`b${spec.L}`] as Matrix).scale(s);
        ({ cache } = forwardPass(X, parameters, spec.activations));
      }
    }
    let clear = true;
    for (let l = 1; l <= spec.L && clear; l++) {
      if (spec.activations[l - 1] !== 'relu') continue;
      const Z = cache[`Z${l}`] as Matrix;
      for (const z of Z.data) if (Math.abs(z) < RELU_MARGIN) clear = false;
    }
    if (clear) return instance;
  }
  return fallback as DerivationInstance;
}

/**
 * Derivatives of every example's loss with respect to every entry of `value`, by the
 * four-point central stencil (−f(+2h) + 8f(+h) − 8f(−h) + f(−2h)) / 12h, error O(h⁴):
 * row k of the result is ∂(L(1) … L(m))/∂value_k. `value` is perturbed in place and restored;
 * `losses` must read it.
 */
export function lossJacobian(value: Matrix, losses: () => Matrix, h = FD_STEP): Float64Array[] {
  const rows: Float64Array[] = [];
  const d = value.data;
  for (let k = 0; k < d.length; k++) {
    const saved = d[k];
    const at = (t: number): Float64Array => {
      d[k] = saved + t;
      return losses().data.slice();
    };
    const p2 = at(2 * h);
    const p1 = at(h);
    const m1 = at(-h);
    const m2 = at(-2 * h);
    d[k] = saved;
    const row = new Float64Array(p1.length);
    for (let j = 0; j < row.length; j++) {
      row[j] = (-p2[j] + 8 * p1[j] - 8 * m1[j] + m2[j]) / (12 * h);
    }
    rows.push(row);
  }
  return rows;
}

/** What a matrix step is differentiated with respect to. */
export type MatrixTarget =
  | { kind: 'parameter'; name: string }
  | { kind: 'layer'; quantity: 'Z' | 'A'; layer: number };

/**
 * The numerical gradient a matrix step is compared with: ∂J/∂T (against 'J'), or for a layer's
 * Z or A the per-example ∂L(i)/∂T[:, i] stacked as columns (against 'L'), plus the largest
 * movement of another example's loss (leakage; 0 up to round-off).
 */
export function numericalGradient(
  spec: ResolvedSpec,
  instance: DerivationInstance,
  target: MatrixTarget,
  against: 'J' | 'L',
): { gradient: Matrix; leakage: number; entries: number } {
  const options = { activations: spec.activations, loss: spec.loss };
  const { X, Y, parameters, m } = instance;
  let value: Matrix;
  let losses: () => Matrix;
  if (target.kind === 'parameter') {
    value = parameters[target.name] as Matrix;
    losses = () => networkLosses(X, Y, parameters, options);
  } else {
    const probe = probeLayer(X, Y, parameters, options, { quantity: target.quantity, layer: target.layer });
    value = probe.value;
    losses = probe.losses;
  }
  if (against === 'L' && target.kind === 'parameter') {
    throw new RangeError('numericalGradient: a parameter is shared by all examples; check it against J');
  }
  const jac = lossJacobian(value, losses);
  const gradient = new Matrix(value.rows, value.cols);
  let leakage = 0;
  for (let k = 0; k < jac.length; k++) {
    const row = jac[k] as Float64Array;
    if (against === 'J') {
      let s = 0;
      for (let j = 0; j < m; j++) s += row[j];
      gradient.data[k] = s / m;
    } else {
      const col = k % value.cols;
      gradient.data[k] = row[col];
      for (let j = 0; j < m; j++) if (j !== col) leakage = Math.max(leakage, Math.abs(row[j]));
    }
  }
  return { gradient, leakage, entries: jac.length };
}

/** Name of a target in the lessons' bracket notation, e.g. W[2], Z[1]. */
export function targetName(target: MatrixTarget): string {
  if (target.kind === 'parameter') return `${target.name[0]}[${target.name.slice(1)}]`;
  return `${target.quantity}[${target.layer}]`;
}

/**
 * Compares a claimed matrix with the numerical gradient of J or L with respect to `target`.
 * A claim of the wrong shape fails with the two shapes in the method; a claim that throws
 * (say, a product of misaligned shapes) fails with the error.
 *
 * Example: `checkMatrixClaim(spec, inst, () => dW1, { kind: 'parameter', name: 'W1' }, 'J').passed; // true`
 */
export function checkMatrixClaim(
  spec: ResolvedSpec,
  instance: DerivationInstance,
  claimed: () => Matrix,
  target: MatrixTarget,
  against: 'J' | 'L',
): { check: MatrixCheck; value: Matrix | undefined; numerical: Matrix } {
  const { gradient, leakage, entries } = numericalGradient(spec, instance, target, against);
  const name = targetName(target);
  const what =
    against === 'J'
      ? `the cost J`
      : `the per-example loss L(i) (column i of ${name} only; the other examples' losses moved by at most ${leakage.toExponential(1)})`;
  const method = `four-point central differences (h = ${FD_STEP}) of ${what} with respect to each of the ${entries} entries of ${name}, on a random instance with m = ${instance.m} (seed ${instance.seed})`;
  const fail = (reason: string): { check: MatrixCheck; value: undefined; numerical: Matrix } => ({
    check: { method: `${method}: ${reason}`, maxError: Number.POSITIVE_INFINITY, passed: false, tolerance: MATRIX_TOLERANCE, relativeDifference: 1, against },
    value: undefined,
    numerical: gradient,
  });
  let value: Matrix;
  try {
    value = claimed();
  } catch (err) {
    return fail(`the claimed formula failed: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (!(value instanceof Matrix)) return fail('the claimed formula did not return a Matrix');
  if (value.rows !== gradient.rows || value.cols !== gradient.cols) {
    return fail(`the claimed formula has shape ${formatShape(value.rows, value.cols)} but ${name} has shape ${formatShape(gradient.rows, gradient.cols)}`);
  }
  let scale = 1;
  let maxAbs = 0;
  for (let k = 0; k < gradient.data.length; k++) {
    const g = gradient.data[k];
    scale = Math.max(scale, Math.abs(g));
    const e = Math.abs(value.data[k] - g);
    maxAbs = Number.isNaN(e) ? Number.POSITIVE_INFINITY : Math.max(maxAbs, e);
  }
  const maxError = Math.max(maxAbs, leakage) / scale;
  const rel = relativeDifference(value, gradient);
  const large = gradient.data.some((g) => Math.abs(g) > 1e-4);
  const passed = maxError <= MATRIX_TOLERANCE && (!large || rel <= MATRIX_RELATIVE_TOLERANCE);
  return {
    check: { method, maxError, passed, tolerance: MATRIX_TOLERANCE, relativeDifference: Number.isNaN(rel) ? 1 : rel, against },
    value,
    numerical: gradient,
  };
}
