/**
 * The random instance a derivation's matrix steps are checked on: data X, labels Y that fit the
 * loss, and parameters, drawn from the spec's seed, with their forward values. derive() checks
 * every value is finite (instanceProblem) before a step is checked on it.
 *
 * Used by: derive.ts, probe.ts. Used in: lessons 03, 05, 06 (`derivation.instance`).
 */
import { Matrix, formatShape } from '../core/matrix';
import { Rng, createRng, randn } from '../core/random';
import { NetworkParameters, forwardPass } from '../nn/network';
import type { ResolvedSpec } from './spec';
import type { DerivationInstance } from './types';

/** A sigmoid output under cross-entropy is scaled so |Z[L]| stays below this (see randomInstance). */
const OUTPUT_Z_LIMIT = 3;

function labels(spec: ResolvedSpec, rng: Rng, m: number): Matrix {
  const n = spec.layers[spec.L];
  const Y = new Matrix(n, m);
  if (spec.activations[spec.L - 1] === 'softmax') {
    for (let j = 0; j < m; j++) Y.data[rng.integer(n) * m + j] = 1;
  } else if (spec.loss === 'cross-entropy') {
    for (let k = 0; k < Y.data.length; k++) Y.data[k] = rng.uniform() < 0.5 ? 0 : 1;
  } else {
    for (let k = 0; k < Y.data.length; k++) Y.data[k] = rng.normal();
  }
  return Y;
}

/**
 * The first entry of M (row-major) that is NaN or ±Infinity, or undefined when all are finite.
 *
 * Syntax: firstNonFinite(M: Matrix): { row: number; col: number; value: number } | undefined
 *
 * Examples:
 *   firstNonFinite(Matrix.row([1, 2]));                       // undefined
 *   firstNonFinite(Matrix.full(2, 2, 1).map((v, i, j) => (i === 1 ? Infinity : v)));   // { row: 1, col: 0, value: Infinity }
 *
 * See also: instanceProblem
 */
export function firstNonFinite(M: Matrix): { row: number; col: number; value: number } | undefined {
  const k = M.data.findIndex((v) => !Number.isFinite(v));
  if (k < 0) return undefined;
  return { row: Math.floor(k / M.cols), col: k % M.cols, value: M.data[k] };
}

/**
 * Why no step can be checked on an instance: the first matrix of the instance (Y, W[l], b[l]) or
 * of its forward values (X, Z[l], A[l]) that holds a NaN or an Infinity, with the entry and the
 * seed; undefined when every value is finite. A NaN compares as neither larger nor smaller than
 * a tolerance, and ReLU maps it to 0, so without this a step could pass on it.
 *
 * Syntax: instanceProblem(instance: DerivationInstance, cache: Record<string, Matrix>): string | undefined
 *
 * Examples:
 *   instanceProblem(instance, cache);   // undefined
 *   cache.Z2.data[3] = -Infinity;
 *   instanceProblem(instance, cache);   // 'the random instance (seed 1, m = 5) has a non-finite Z[2] of shape (1, 5): -Infinity at (0, 3)'
 *
 * See also: randomInstance, firstNonFinite
 */
export function instanceProblem(instance: DerivationInstance, cache: Record<string, Matrix>): string | undefined {
  const named: [string, Matrix][] = [['Y', instance.Y], ...Object.entries(instance.parameters)];
  for (const [key, M] of Object.entries(cache)) named.push([key === 'A0' ? 'X' : key, M]);
  for (const [key, M] of named) {
    const bad = firstNonFinite(M);
    if (bad === undefined) continue;
    const name = key.length > 1 ? `${key[0]}[${key.slice(1)}]` : key;
    return `the random instance (seed ${instance.seed}, m = ${instance.m}) has a non-finite ${name} of shape ${formatShape(M.rows, M.cols)}: ${bad.value} at (${bad.row}, ${bad.col})`;
  }
  return undefined;
}

/**
 * A random instance of the spec: X ~ N(0, 1), W[l] ~ N(0, 1/n[l−1]), b[l] ~ N(0, 0.25), labels
 * fitting the loss (0/1 for a sigmoid, one-hot columns for a softmax, N(0, 1) for squared
 * error), and its forward values A0 = X, Z1, A1, … . Its size is the spec's: n[l] × m values
 * per layer and n[l] × n[l−1] weights; nothing is redrawn (ReLU kinks are handled entry by
 * entry where the differences are taken, see probe.ts).
 *
 * Syntax: randomInstance(spec: ResolvedSpec): { instance: DerivationInstance; cache: Record<string, Matrix> }
 *
 * Example: `randomInstance(resolveSpec(WEEK3_SPEC)).instance.X.shape; // [2, 5]`
 *
 * See also: derive, instanceProblem
 */
export function randomInstance(spec: ResolvedSpec): { instance: DerivationInstance; cache: Record<string, Matrix> } {
  const m = spec.examples;
  const rng = createRng(spec.seed);
  const X = randn(spec.layers[0], m, rng);
  const parameters: NetworkParameters = {};
  for (let l = 1; l <= spec.L; l++) {
    const n = spec.layers[l];
    const nPrev = spec.layers[l - 1];
    parameters[`W${l}`] = randn(n, nPrev, rng).scale(1 / Math.sqrt(nPrev));
    parameters[`b${l}`] = randn(n, 1, rng).scale(0.5);
  }
  const instance: DerivationInstance = { X, Y: labels(spec, rng, m), parameters, m, seed: spec.seed };
  let { cache } = forwardPass(X, parameters, spec.activations);
  if (spec.loss === 'cross-entropy' && spec.activations[spec.L - 1] === 'sigmoid') {
    // Keep a = σ(z) away from 1: the loss's log(1 − a) loses about eps/(1 − a) of relative
    // precision, which central differences divide by h (z = 9 costs ~1e-8). |z| ≤ 3 keeps it ~1e-11.
    const zMax = cache[`Z${spec.L}`].data.reduce((s, z) => Math.max(s, Math.abs(z)), 0);
    if (zMax > OUTPUT_Z_LIMIT) {
      const s = OUTPUT_Z_LIMIT / zMax;
      for (const key of [`W${spec.L}`, `b${spec.L}`]) parameters[key] = parameters[key].scale(s);
      ({ cache } = forwardPass(X, parameters, spec.activations));
    }
  }
  return { instance, cache };
}
