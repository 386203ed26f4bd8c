/**
 * The matrix steps of a derivation, checked by finite differences on a random instance of the
 * network: dZ[L] (the m examples as columns), dW[l] = (1/m) dZ[l] A[l−1]ᵀ, db[l] (a sum that
 * keeps its (n, 1) shape), dA[l−1] = W[l]ᵀ dZ[l], dZ[l] = dA[l] ∗ g'(Z[l]).
 *
 * Each claimed formula is a function in `MatrixClaims` (claims.ts; data a test can replace). Its
 * result is compared, entry by entry, with central differences of the true forward pass (nn/network.ts):
 * of the cost J, or of the per-example loss L(i) with respect to column i, as the step claims.
 * Per-example checks also measure how much the other examples' losses move (they must not: that
 * is what makes "stack the per-example derivatives as columns" legitimate).
 *
 * A matrix of up to MATRIX_SAMPLE entries is checked entry by entry; a larger one at a seeded
 * random sample of MATRIX_SAMPLE entries (a wrong formula is wrong almost everywhere), which
 * keeps the work per step linear in the network's size: each entry costs four forward passes.
 *
 * Used by: derive.ts. Used in: lessons 03-where-does-1-over-m-go, 05-one-hidden-layer,
 * 06-deep-network.
 */
import { Matrix, formatShape } from '../core/matrix';
import { createRng } from '../core/random';
import { compareGradients } from '../check/compare';
import { DERIVATION_TOLERANCE, FINITE_DIFFERENCE_TOLERANCE, FOUR_POINT_STEP } from '../core/tolerance';
import { firstNonFinite } from './instance';
import { MatrixTarget, entryDerivative, entryOrder, probeTarget, targetName } from './probe';
import type { ResolvedSpec } from './spec';
import type { DerivationInstance, StepCheck } from './types';

/**
 * The relative difference (at most FINITE_DIFFERENCE_TOLERANCE) is required only where some
 * derivative exceeds this: below it the ratio is round-off over round-off, while the maximum
 * error (at most DERIVATION_TOLERANCE) still sees any wrong factor.
 */
const RELATIVE_ABOVE = 1e-4;
/**
 * The most entries of one matrix a step checks: a larger matrix is checked at a seeded random
 * sample of this many (each entry costs four forward passes of the layers above it).
 *
 * Example: `derive(mnistSpec).steps.find((s) => s.equation === 'dW[1]').check.entries; // { checked: 200, total: 100352, skipped: 0, sampled: true }`
 */
export const MATRIX_SAMPLE = 200;
/** When entries are skipped (ReLU kinks), the most candidates tried per matrix, as a multiple of the sample. */
const MAX_TRIES = 4;

/** The claimed and the numerical values at the checked entries, and what was measured on the way. */
interface Measured {
  claimed: number[];
  numerical: number[];
  /** Entries skipped because their differences crossed a ReLU kink. */
  skipped: number;
  /** Largest |∂L(j)/∂T[:, i]| over j ≠ i (per-example checks). */
  leakage: number;
  /** The first entry whose numerical derivative is not finite. */
  nonFinite?: { entry: number; value: number };
}

/** The seed of a matrix's sample: FNV-1a of "seed:name", so each matrix gets its own sequence. */
function sampleSeed(seed: number, name: string): number {
  let h = 0x811c9dc5;
  for (const c of `${seed}:${name}`) h = Math.imul(h ^ (c.codePointAt(0) ?? 0), 0x01000193) >>> 0;
  return h;
}

/** Central differences at the entries entryOrder picks, until `sample` were measured. */
function measure(spec: ResolvedSpec, instance: DerivationInstance, cache: Record<string, Matrix>, value: Matrix, target: MatrixTarget, against: 'J' | 'L'): Measured {
  const probe = probeTarget(spec, instance, cache, target);
  const total = probe.value.data.length;
  const sample = Math.min(total, MATRIX_SAMPLE);
  const out: Measured = { claimed: [], numerical: [], skipped: 0, leakage: 0 };
  let tries = 0;
  for (const k of entryOrder(total, MATRIX_SAMPLE, createRng(sampleSeed(instance.seed, targetName(target))))) {
    if (out.numerical.length === sample || tries++ >= MAX_TRIES * sample) break;
    const { row, crossed } = entryDerivative(probe, k);
    if (crossed) {
      out.skipped++;
      continue;
    }
    const col = k % probe.value.cols;
    let g = 0;
    if (against === 'J') g = row.reduce((s, v) => s + v, 0) / instance.m;
    else {
      g = row[col];
      row.forEach((v, j) => {
        if (j !== col) out.leakage = Math.max(out.leakage, Math.abs(v));
      });
    }
    if (!Number.isFinite(g) && out.nonFinite === undefined) out.nonFinite = { entry: k, value: g };
    out.claimed.push(value.data[k]);
    out.numerical.push(g);
  }
  return out;
}

function entryName(M: Matrix, k: number): string {
  return `(${Math.floor(k / M.cols)}, ${k % M.cols})`;
}

/** What the step was compared with, in words: the function differentiated, at which entries, on which instance. */
function describe(target: MatrixTarget, against: 'J' | 'L', instance: DerivationInstance, total: number, measured: Measured | undefined): string {
  const name = targetName(target);
  const leak = measured === undefined ? '' : `; the other examples' losses moved by at most ${measured.leakage.toExponential(1)}`;
  const what = against === 'J' ? 'the cost J' : `the per-example loss L(i) (column i of ${name} only${leak})`;
  const checked = measured?.numerical.length ?? Math.min(total, MATRIX_SAMPLE);
  const entries = total <= MATRIX_SAMPLE ? `each of the ${total} entries of ${name}` : `${checked} of the ${total} entries of ${name} (a seeded random sample)`;
  const skipped = measured === undefined || measured.skipped === 0 ? '' : `; ${measured.skipped} ${measured.skipped === 1 ? 'entry' : 'entries'} skipped (the differences crossed a ReLU kink at z = 0)`;
  return `four-point central differences (h = ${FOUR_POINT_STEP}) of ${what} with respect to ${entries}, on a random instance with m = ${instance.m} (seed ${instance.seed})${skipped}`;
}

/** The claimed matrix, or why it cannot be compared: it threw, is not a Matrix, has the wrong shape, or holds NaN or ±Infinity. */
function claimedValue(claimed: () => Matrix, target: MatrixTarget, shape: Matrix): Matrix | string {
  let value: unknown;
  try {
    value = claimed();
  } catch (err) {
    return `the claimed formula failed: ${err instanceof Error ? err.message : String(err)}`;
  }
  if (!(value instanceof Matrix)) return 'the claimed formula did not return a Matrix';
  const name = targetName(target);
  if (value.rows !== shape.rows || value.cols !== shape.cols) {
    return `the claimed formula has shape ${formatShape(value.rows, value.cols)} but ${name} has shape ${formatShape(shape.rows, shape.cols)}`;
  }
  const bad = firstNonFinite(value);
  if (bad !== undefined) return `the claimed value is not finite: ${bad.value} at ${entryName(value, bad.row * value.cols + bad.col)} (of ${formatShape(value.rows, value.cols)})`;
  return value;
}

/**
 * Compares a claimed matrix with central differences of J or L with respect to `target`, at
 * every entry or at a seeded random sample of MATRIX_SAMPLE entries. A claim that throws,
 * has the wrong shape, or holds a non-finite value fails with the reason in the method.
 *
 * Syntax: checkMatrixStep(spec, instance, cache, claimed: () => Matrix, target, against: 'J' | 'L'): { check, value }
 *
 * Example: `checkMatrixStep(spec, instance, cache, () => dW1, { kind: 'parameter', name: 'W1' }, 'J').check.passed; // true`
 *
 * See also: defaultMatrixClaims, probeTarget, compareGradients
 */
export function checkMatrixStep(
  spec: ResolvedSpec,
  instance: DerivationInstance,
  cache: Record<string, Matrix>,
  claimed: () => Matrix,
  target: MatrixTarget,
  against: 'J' | 'L',
): { check: StepCheck; value: Matrix | undefined } {
  const shape = target.kind === 'parameter' ? instance.parameters[target.name] : cache[`${target.quantity}${target.layer}`];
  const total = shape.data.length;
  const fail = (method: string, measured?: Measured): { check: StepCheck; value: undefined } => ({
    check: { method, maxError: Number.POSITIVE_INFINITY, passed: false, tolerance: DERIVATION_TOLERANCE, relativeDifference: 1, against, entries: { checked: measured?.numerical.length ?? 0, total, skipped: measured?.skipped ?? 0, sampled: total > MATRIX_SAMPLE } },
    value: undefined,
  });
  const value = claimedValue(claimed, target, shape);
  if (typeof value === 'string') return fail(`${describe(target, against, instance, total, undefined)}: ${value}`);
  const measured = measure(spec, instance, cache, value, target, against);
  const method = describe(target, against, instance, total, measured);
  if (measured.nonFinite !== undefined) {
    return fail(`${method}: the differences are not finite at ${entryName(value, measured.nonFinite.entry)} (${measured.nonFinite.value})`, measured);
  }
  if (measured.numerical.length === 0) return fail(`${method}: no entry could be checked`, measured);
  // The check family's comparison of the checked entries (one row), with derive's rule: the
  // maximum error always, the relative difference where the derivatives are not all tiny.
  const large = measured.numerical.some((g) => Math.abs(g) > RELATIVE_ABOVE);
  const claim = { name: targetName(target), claimed: Matrix.row(measured.claimed), reference: Matrix.row(measured.numerical), method };
  const row = compareGradients([claim], { tolerance: FINITE_DIFFERENCE_TOLERANCE, absoluteTolerance: large ? 0 : DERIVATION_TOLERANCE, throwOnFailure: false }).row(claim.name);
  const scale = Math.max(1, ...measured.numerical.map(Math.abs));
  const maxError = Math.max(row.maxAbsError, measured.leakage) / scale;
  const passed = row.passed && maxError <= DERIVATION_TOLERANCE;
  const entries = { checked: measured.numerical.length, total, skipped: measured.skipped, sampled: total > MATRIX_SAMPLE };
  return { check: { method, maxError, passed, tolerance: DERIVATION_TOLERANCE, relativeDifference: row.relativeDifference, against, entries }, value };
}
