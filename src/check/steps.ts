/**
 * Two ways of training compared one update at a time ("teacher forcing"): run a reference step
 * from the initial parameters, and at every parameter set it visits, take one step of each
 * candidate from those same parameters and compare the two updates. Comparing whole runs
 * instead measures chaos, not the claim: the same training written two ways agrees at each step
 * to round-off, and training at a large rate or in a deep network amplifies that round-off
 * (lesson 04's placements drift 0.39 apart at rate 5 and agree to 5e-15 at rate 1). Free-run drift
 * is still worth printing (maxParamDiff of the two runs' final parameters), as a measured
 * reading, never as the check.
 *
 *   for t = 0 … T−1:  Δr = r(θ_t) − θ_t,  Δc = c(θ_t) − θ_t,  θ_{t+1} = r(θ_t)
 *   relative difference  ‖Δc − Δr‖ / (‖Δc‖ + ‖Δr‖)  (the course's),  max |Δc − Δr| over entries
 *
 * Derived in: lesson 04-the-1-over-m-elsewhere-and-twice (five placements; a doubled 1/m is the rate α/m),
 * 09-mini-batches-and-reduction (a summed loss at α/B), 00-start-here.
 */
import { Report, formatNumber, markdownTable, textTable } from '../core/format';
import { ABSOLUTE_TOLERANCE, TOLERANCE } from '../core/tolerance';
import type { NetworkParameters } from '../nn/network';
import { maxParamDiff, paramDistance } from '../nn/parameters';
import type { Step } from '../nn/steps';

/** Options of compareSteps. */
export interface StepComparisonOptions {
  /** Updates to compare: the reference takes this many steps. */
  iterations: number;
  /** The step whose run is followed. */
  reference: Step;
  /** The steps compared with it at each of its iterates, by name. */
  candidates: Readonly<Record<string, Step>>;
  /** Largest relative difference of two updates accepted at any iterate (default TOLERANCE, 1e-7). */
  tolerance?: number;
  /** An iterate also passes when every entry of the two updates agrees within this (default 1e-9). */
  absoluteTolerance?: number;
  /** Throw a StepComparisonError when a candidate fails (default true). */
  throwOnFailure?: boolean;
}

/** One candidate against the reference. */
export interface StepComparisonRow {
  name: string;
  /** Iterates compared (fewer than asked when the candidate threw). */
  iterates: number;
  /** The largest |Δc − Δr| over every entry and iterate. */
  maxAbsDifference: number;
  /** The largest relative difference of the two updates over the iterates. */
  relativeDifference: number;
  /** The iterate t where the relative difference was largest. */
  worstIterate: number;
  /** The smallest and largest ‖Δc‖ / ‖Δr‖ over the iterates (1 when the updates have the same size). */
  normRatio: { min: number; max: number };
  passed: boolean;
  /** Why it failed, when it did. */
  reason?: string;
}

/** What compareSteps returns. */
export interface StepComparison extends Report {
  rows: StepComparisonRow[];
  passed: boolean;
  /** Names of the candidates that failed. */
  failed: string[];
  /** The reference's parameters after the last step. */
  final: NetworkParameters;
}

/** Raised when a candidate's update differs from the reference's beyond the tolerance. */
export class StepComparisonError extends Error {
  readonly comparison: StepComparison;
  constructor(comparison: StepComparison) {
    const why = comparison.rows.filter((r) => !r.passed).map((r) => `${r.name} ${r.reason ?? ''}`);
    super(`step comparison failed for ${comparison.failed.join(', ')}: ${why.join('; ')}\n${comparison.toText()}`);
    this.name = 'StepComparisonError';
    this.comparison = comparison;
  }
}

/** A candidate's running tally over the iterates. */
interface Tally {
  row: StepComparisonRow;
  stopped: boolean;
}

function newTally(name: string): Tally {
  const row = { name, iterates: 0, maxAbsDifference: 0, relativeDifference: 0, worstIterate: 0, normRatio: { min: Infinity, max: 0 }, passed: true };
  return { row, stopped: false };
}

/** One candidate's step at θ_t against the reference's next iterate. */
function tallyStep(tally: Tally, step: Step, theta: NetworkParameters, next: NetworkParameters, t: number, tolerance: number, absolute: number): void {
  const { row } = tally;
  let mine: NetworkParameters;
  try {
    mine = step(theta);
  } catch (e) {
    tally.stopped = true;
    row.passed = false;
    row.reason = `threw at iterate ${t}: ${e instanceof Error ? e.message : String(e)}`;
    return;
  }
  const maxAbs = maxParamDiff(next, mine);
  const dr = paramDistance(next, theta);
  const dc = paramDistance(mine, theta);
  const num = paramDistance(mine, next);
  const relative = num === 0 ? 0 : num / (dc + dr);
  row.iterates = t + 1;
  row.maxAbsDifference = Number.isNaN(maxAbs) ? NaN : Math.max(row.maxAbsDifference, maxAbs);
  if (!(relative <= row.relativeDifference)) [row.relativeDifference, row.worstIterate] = [relative, t];
  const ratio = dr === 0 ? (dc === 0 ? 1 : Infinity) : dc / dr;
  row.normRatio = { min: Math.min(row.normRatio.min, ratio), max: Math.max(row.normRatio.max, ratio) };
  if (row.passed && !(relative <= tolerance || maxAbs <= absolute)) {
    row.passed = false;
    row.reason = `differs at iterate ${t}: relative difference ${formatNumber(relative, 3)} (tolerance ${formatNumber(tolerance, 3)}), max abs ${formatNumber(maxAbs, 3)}`;
  }
}

function reportOf(rows: StepComparisonRow[], final: NetworkParameters, iterations: number): StepComparison {
  const headers = ['candidate', 'iterates', 'largest update difference', 'largest relative difference', 'update size ratio', 'result'];
  const ratio = (r: StepComparisonRow): string =>
    r.iterates === 0
      ? '—'
      : formatNumber(r.normRatio.min, 4) === formatNumber(r.normRatio.max, 4)
        ? formatNumber(r.normRatio.min, 4)
        : `${formatNumber(r.normRatio.min, 4)} … ${formatNumber(r.normRatio.max, 4)}`;
  const cells = (ok: string, fail: string): string[][] =>
    rows.map((r) => [
      r.name, `${r.iterates} of ${iterations}`, formatNumber(r.maxAbsDifference, 3), formatNumber(r.relativeDifference, 3), ratio(r), r.passed ? ok : fail,
    ]);
  return {
    rows,
    passed: rows.every((r) => r.passed),
    failed: rows.filter((r) => !r.passed).map((r) => r.name),
    final,
    toText: () => textTable(headers, cells('ok', 'FAIL')),
    toMarkdown: () => markdownTable(headers, cells('✓', '✗ **FAIL**')),
  };
}

/**
 * Compares candidate update rules with a reference one step at a time, at every iterate of the
 * reference's run: each candidate's update from θ_t against the reference's. A candidate passes
 * when at every iterate the relative difference of the two updates is within the tolerance (or
 * every entry within the absolute tolerance). Throws StepComparisonError naming the candidate and
 * the first iterate where it differs, unless throwOnFailure is false; a candidate that throws is
 * a failed row. How far two free runs end apart (maxParamDiff of their final parameters) is a
 * reading of round-off growth to print beside it, not a check.
 *
 * Syntax:
 *   compareSteps(initial, { iterations, reference: Step, candidates: { name: Step, … },
 *                           tolerance = 1e-7, absoluteTolerance = 1e-9, throwOnFailure = true })
 *     → { rows, passed, failed, final, toText(), toMarkdown() }
 *
 * Examples:
 *   const gd = (convention, rate) => descentStep((p) => backprop(X, Y, p, { ...net, convention }), rate);
 *   show(compareSteps(p0, { iterations: 500, reference: gd('loss', 1), candidates: { 'B (learner)': gd('cost', 1), 'E: sum, rate 1/m': gd('sum', 1 / m) } }));
 *   // two rows, relative differences ~1e-16, ✓
 *   compareSteps(p0, { iterations: 500, reference: gd('double', 1), candidates: { 'rate 1/m': gd('loss', 1 / m) } }).passed;   // true: a doubled 1/m is the rate α/m
 *   compareSteps(p0, { iterations: 5, reference: gd('loss', 1), candidates: { doubled: gd('double', 1) } });
 *   // throws StepComparisonError: step comparison failed for doubled: doubled differs at iterate 0: relative difference 0.98 … (update size ratio 1/m)
 *
 * See also: descentStep, adamStep, trainStep, maxParamDiff, compareGradients
 *
 * Derived in: lesson 04-the-1-over-m-elsewhere-and-twice, 09-mini-batches-and-reduction.
 */
export function compareSteps(initial: NetworkParameters, options: StepComparisonOptions): StepComparison {
  const { iterations, reference, candidates } = options;
  if (!Number.isInteger(iterations) || iterations < 1) throw new RangeError(`compareSteps: iterations must be a positive integer, got ${String(iterations)}`);
  if (typeof reference !== 'function') throw new TypeError('compareSteps: reference must be a step (parameters) => parameters, such as descentStep(gradients, rate)');
  const names = Object.keys(candidates ?? {});
  if (names.length === 0) throw new RangeError('compareSteps: give at least one candidate step');
  for (const name of names) if (typeof candidates[name] !== 'function') throw new TypeError(`compareSteps: candidate ${JSON.stringify(name)} is not a step function`);
  const tolerance = options.tolerance ?? TOLERANCE;
  const absolute = options.absoluteTolerance ?? ABSOLUTE_TOLERANCE;
  const tallies = names.map(newTally);
  let theta = initial;
  for (let t = 0; t < iterations; t++) {
    let next: NetworkParameters;
    try {
      next = reference(theta);
    } catch (e) {
      throw new RangeError(`compareSteps: the reference step failed at iterate ${t}: ${e instanceof Error ? e.message : String(e)}`);
    }
    tallies.forEach((tally, i) => {
      if (!tally.stopped) tallyStep(tally, candidates[names[i]], theta, next, t, tolerance, absolute);
    });
    theta = next;
  }
  const comparison = reportOf(tallies.map((t) => t.row), theta, iterations);
  if (!comparison.passed && options.throwOnFailure !== false) throw new StepComparisonError(comparison);
  return comparison;
}
