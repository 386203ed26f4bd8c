/**
 * Runs the course's published cases through this module's course functions (or a learner's
 * replacement for one of them) and compares every output with the published numbers, each
 * within its own tolerance: |ours − published| ≤ atol + rtol·|published|, or ours < max for a
 * round-off-bound number. One row per published output, as a report a lesson shows.
 *
 * Used in: lessons 02 (week 2), 04 (week 3, and the learner's notation through the same tests),
 * 05 (week 4), 06 (gradient checking); the conformance test runs every case.
 */
import { Matrix } from '../core/matrix';
import { Report, formatNumber, markdownTable, textTable } from '../core/format';
import { getActivation } from '../nn/activations';
import { updateParameters } from '../nn/optimizers';
import { CaseTolerance, Json, PublishedCase, publishedCases } from './cases';
import { computeCost } from './common';
import { optimize, predict, propagate } from './week2';
import { backwardPropagation, forwardPropagation } from './week3';
import {
  lModelBackward,
  lModelForward,
  linearActivationBackward,
  linearActivationForward,
  linearBackward,
  linearForward,
} from './week4';
import { gradientCheck1d, gradientCheckN } from './gradient-check';

/** The course functions a published case can call, under this module's names. */
export interface CourseFunctions {
  propagate: typeof propagate;
  optimize: typeof optimize;
  predict: typeof predict;
  forwardPropagation: typeof forwardPropagation;
  backwardPropagation: typeof backwardPropagation;
  computeCost: typeof computeCost;
  updateParameters: typeof updateParameters;
  linearForward: typeof linearForward;
  linearActivationForward: typeof linearActivationForward;
  lModelForward: typeof lModelForward;
  linearBackward: typeof linearBackward;
  linearActivationBackward: typeof linearActivationBackward;
  lModelBackward: typeof lModelBackward;
  gradientCheck1d: typeof gradientCheck1d;
  gradientCheckN: typeof gradientCheckN;
}

const courseFunctions: CourseFunctions = {
  propagate, optimize, predict, forwardPropagation, backwardPropagation, computeCost, updateParameters,
  linearForward, linearActivationForward, lModelForward, linearBackward, linearActivationBackward, lModelBackward,
  gradientCheck1d, gradientCheckN,
};

/** What one case produced, under the course's output names. */
type Outputs = Record<string, Matrix | number | number[]>;

const activation = (c: PublishedCase): ReturnType<typeof getActivation>['name'] => getActivation(String(c.arg('activation'))).name;

/** How each course function (the fixture's Python name) is called and its outputs named: rules as data. */
const runners: Readonly<Record<string, (c: PublishedCase, f: CourseFunctions) => Outputs>> = {
  linear_forward: (c, f) => ({ Z: f.linearForward(c.matrix('A_prev'), c.matrix('W'), c.matrix('b')).Z }),
  linear_activation_forward: (c, f) => {
    const r = f.linearActivationForward(c.matrix('A_prev'), c.matrix('W'), c.matrix('b'), activation(c));
    return { A: r.A, Z: r.cache.Z };
  },
  L_model_forward: (c, f) => {
    const { AL, caches } = f.lModelForward(c.matrix('X'), c.matrices('parameters'));
    const out: Outputs = { AL, num_caches: caches.length };
    caches.forEach((cache, i) => {
      out[`Z${i + 1}`] = cache.Z;
      if (i > 0) out[`A${i}`] = cache.APrev;
    });
    return out;
  },
  compute_cost: (c, f) => ({ cost: f.computeCost(c.matrix('AL'), c.matrix('Y')) }),
  linear_backward: (c, f) => {
    const { A_prev: APrev, W, b } = c.matrices('linear_cache');
    const r = f.linearBackward(c.matrix('dZ'), { APrev, W, b });
    return { dA_prev: r.dAPrev, dW: r.dW, db: r.db };
  },
  linear_activation_backward: (c, f) => {
    const [cache] = c.layerCaches('cache');
    if (cache === undefined) throw new TypeError(`published case ${c.name}: cache is empty`);
    const r = f.linearActivationBackward(c.matrix('dA'), cache, activation(c));
    return { dA_prev: r.dAPrev, dW: r.dW, db: r.db };
  },
  L_model_backward: (c, f) => {
    return f.lModelBackward(c.matrix('AL'), c.matrix('Y'), c.layerCaches('caches'));
  },
  update_parameters: (c, f) => f.updateParameters(c.matrices('parameters'), c.matrices('grads'), Number(c.arg('learning_rate'))),
  forward_propagation_tanh: (c, f) => {
    const { A2, cache } = f.forwardPropagation(c.matrix('X'), c.matrices('parameters'));
    return { A2, Z1: cache.Z1, A1: cache.A1, Z2: cache.Z2, means: [cache.Z1.mean(), cache.A1.mean(), cache.Z2.mean(), cache.A2.mean()] };
  },
  backward_propagation_tanh: (c, f) => {
    const { Z1, A1, Z2, A2 } = c.matrices('cache');
    return f.backwardPropagation(c.matrices('parameters'), { Z1, A1, Z2, A2 }, c.matrix('X'), c.matrix('Y'));
  },
  propagate: (c, f) => {
    const r = f.propagate(c.matrix('w'), c.number('b'), c.matrix('X'), c.matrix('Y'));
    return { dw: r.grads.dw, db: r.grads.db, cost: r.cost };
  },
  optimize: (c, f) => {
    const r = f.optimize(c.matrix('w'), c.number('b'), c.matrix('X'), c.matrix('Y'), Number(c.arg('num_iterations')), Number(c.arg('learning_rate')));
    return { w: r.params.w, b: r.params.b, dw: r.grads.dw, db: r.grads.db, costs: r.costs };
  },
  predict: (c, f) => ({ Y_prediction: f.predict(c.matrix('w'), c.number('b'), c.matrix('X')) }),
  gradient_check_1d: (c, f) => {
    const r = f.gradientCheck1d(c.number('x'), c.number('theta'), Number(c.arg('epsilon')));
    return { J: r.J, dtheta: r.dtheta, difference: r.difference };
  },
  gradient_check_n: (c, f) => {
    const [p, X, Y] = [c.matrices('parameters'), c.matrix('X'), c.matrix('Y')];
    const { AL, caches } = f.lModelForward(X, p);
    const grads = f.lModelBackward(AL, Y, caches);
    if (c.args.backprop_variant === 'course_planted_bugs') {
      grads.dW2 = grads.dW2.scale(2); // the course's planted bugs: dW2 doubled,
      grads.db1 = grads.db1.scale(4); // db1 with 4/m instead of 1/m
    }
    return { difference: f.gradientCheckN(p, grads, X, Y, Number(c.arg('epsilon'))).difference };
  },
};

/**
 * The outputs of one published case, computed by the module's course functions with any of them
 * replaced by `implementations`, under the course's output names.
 *
 * Syntax: runPublishedCase(c: PublishedCase, implementations?: Partial<CourseFunctions>): Record<string, Matrix | number | number[]>
 *
 * Example: `runPublishedCase(publishedCase('c1w4_linear_forward')).Z.shape; // [1, 2]`
 *
 * See also: runPublishedCases (compares them with the published numbers)
 *
 * Used in: the conformance test.
 */
export function runPublishedCase(c: PublishedCase, implementations: Partial<CourseFunctions> = {}): Outputs {
  return runWith(c, functionsWith(implementations));
}

/** The course functions with the caller's replacements; an unknown name is refused. */
function functionsWith(implementations: Partial<CourseFunctions>): CourseFunctions {
  for (const key of Object.keys(implementations)) {
    if (!(key in courseFunctions)) throw new RangeError(`runPublishedCases: unknown course function ${JSON.stringify(key)} (known: ${Object.keys(courseFunctions).join(', ')})`);
  }
  return { ...courseFunctions, ...implementations };
}

function runWith(c: PublishedCase, functions: CourseFunctions): Outputs {
  const runner = runners[c.function];
  if (runner === undefined) throw new RangeError(`published case ${c.name}: no runner for the course function ${c.function} (known: ${Object.keys(runners).join(', ')})`);
  return runner(c, functions);
}

/** One published output against ours. */
export interface PublishedCaseRow {
  /** The case's name, e.g. "c1w3_backward_propagation". */
  case: string;
  /** The output's course name, e.g. "dW1" ("(all)" when the function threw). */
  output: string;
  /** The published numbers, flattened row by row. */
  published: number[];
  /** Ours, flattened row by row (empty when the function threw). */
  ours: number[];
  /** max |ours − published| over the entries (Infinity when the shapes differ or it threw). */
  maxAbsDifference: number;
  tolerance: CaseTolerance;
  match: boolean;
  /** Why it does not match (null when it does). */
  problem: string | null;
}

type Value = Json | Matrix | number[];

function flat(v: Value): number[] {
  if (v instanceof Matrix) return Array.from(v.data);
  return [v].flat(3).map(Number);
}

function shapeOf(v: Value): number[] {
  if (v instanceof Matrix) return [v.rows, v.cols];
  return Array.isArray(v) ? [v.length, ...(v.length > 0 ? shapeOf(v[0] ?? null) : [])] : [];
}

/** One output within its tolerance: the row, with the reason when it is not. */
function compareOutput(c: PublishedCase, key: string, ours: Value | undefined): PublishedCaseRow {
  const expected = c.expected[key] ?? null;
  const tolerance = c.tolerance[key] ?? { atol: 0 };
  const published = flat(expected);
  const row = { case: c.name, output: key, published, tolerance };
  if (ours === undefined) return { ...row, ours: [], maxAbsDifference: Infinity, match: false, problem: `no output ${key}` };
  const values = flat(ours);
  const sameShape = JSON.stringify(shapeOf(ours)) === JSON.stringify(shapeOf(expected));
  const diff = sameShape ? Math.max(0, ...values.map((x, k) => Math.abs(x - (published[k] ?? NaN)))) : Infinity;
  const base = { ...row, ours: values, maxAbsDifference: Number.isNaN(diff) ? Infinity : diff };
  if (!sameShape) return { ...base, match: false, problem: `shape ${JSON.stringify(shapeOf(ours))}, published ${JSON.stringify(shapeOf(expected))}` };
  if (tolerance.max !== undefined) {
    const x = values[0];
    const ok = values.length === 1 && x !== undefined && x < tolerance.max;
    return { ...base, match: ok, problem: ok ? null : `${key} = ${String(x)} is not below ${tolerance.max}` };
  }
  const [atol, rtol] = [tolerance.atol ?? 0, tolerance.rtol ?? 0];
  const k = values.findIndex((x, i) => !(Math.abs(x - (published[i] ?? NaN)) <= atol + rtol * Math.abs(published[i] ?? NaN)));
  if (k < 0) return { ...base, match: true, problem: null };
  return { ...base, match: false, problem: `${key}[${k}] = ${values[k]}, published ${published[k]} (atol ${atol}, rtol ${rtol})` };
}

/** Every output of one case, or one failed row when the function threw. */
function caseRows(c: PublishedCase, functions: CourseFunctions): PublishedCaseRow[] {
  let out: Outputs;
  try {
    out = runWith(c, functions);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    return [{ case: c.name, output: '(all)', published: [], ours: [], maxAbsDifference: Infinity, tolerance: {}, match: false, problem: `${c.function} threw: ${message}` }];
  }
  return Object.keys(c.expected).map((key) => compareOutput(c, key, out[key]));
}

/** The published cases run and compared: one row per output. */
export interface PublishedCaseReport extends Report {
  rows: PublishedCaseRow[];
  /** True when every output matches. */
  passed: boolean;
  /** The rows that do not match. */
  failures: PublishedCaseRow[];
  /** Names of the cases run. */
  cases: string[];
}

/** Raised by runPublishedCases when an output does not match (unless throwOnFailure is false). */
export class PublishedCaseError extends Error {
  readonly report: PublishedCaseReport;
  constructor(report: PublishedCaseReport) {
    const lines = report.failures.map((r) => `${r.case}: ${r.problem ?? ''}`);
    super(`${report.failures.length} of ${report.rows.length} published outputs not reproduced:\n${lines.join('\n')}`);
    this.name = 'PublishedCaseError';
    this.report = report;
  }
}

/** The first value to 10 significant digits and how many there are: "0.00301023" or "0.00301023, … (8 values)". */
function summary(values: readonly number[]): string {
  if (values.length === 0) return '—';
  const first = String(Number((values[0] ?? NaN).toPrecision(10)));
  return values.length === 1 ? first : `${first}, … (${values.length} values)`;
}

function toleranceText(t: CaseTolerance): string {
  if (t.max !== undefined) return `below ${formatNumber(t.max)}`;
  const parts = [`atol ${formatNumber(t.atol ?? 0)}`, ...(t.rtol ? [`rtol ${formatNumber(t.rtol)}`] : [])];
  return parts.join(', ');
}

function reportOf(rows: PublishedCaseRow[], cases: string[]): PublishedCaseReport {
  const headers = ['case', 'output', 'published', 'ours', 'max abs difference', 'tolerance', 'match'];
  const cells = (ok: string, fail: string): string[][] =>
    rows.map((r) => [r.case, r.output, summary(r.published), summary(r.ours), formatNumber(r.maxAbsDifference, 2), toleranceText(r.tolerance), r.match ? ok : fail]);
  const failures = rows.filter((r) => !r.match);
  return {
    rows,
    passed: failures.length === 0,
    failures,
    cases,
    toText: () => `${textTable(headers, cells('ok', 'FAIL'))}\n${rows.length - failures.length} of ${rows.length} published outputs reproduced`,
    toMarkdown: () => `${markdownTable(headers, cells('✓', '✗ **FAIL**'))}\n\n${rows.length - failures.length} of ${rows.length} published outputs reproduced.`,
  };
}

/**
 * Runs every published case whose name starts with `prefix` and compares each output with the
 * published numbers, within the case's tolerance. `implementations` replaces course functions
 * by the caller's own (same signature): a learner's notation through the course's tests. Throws
 * `PublishedCaseError` naming every output that does not match, unless `throwOnFailure` is false;
 * a replaced function that throws is reported as a failed row, not a crash.
 *
 * Syntax:
 *   runPublishedCases(prefix = "", { implementations?: Partial<CourseFunctions>, throwOnFailure = true })
 *     → { rows, passed, failures, cases, toText(), toMarkdown() }
 *
 * Examples:
 *   show(runPublishedCases('c1w3_'));                       // 26 rows, every one ✓
 *   runPublishedCases('c1w3_backward_propagation', { implementations: { backwardPropagation: learnerBackwardPropagation } }).passed;   // true
 *   runPublishedCases('c1w3_backward', { implementations: { backwardPropagation: doubled } });
 *   // throws PublishedCaseError: 8 of 8 published outputs not reproduced: c1w3_backward_propagation: dW1[0] = …
 *
 * See also: publishedCases, publishedCase, runPublishedCase, show (notebook)
 *
 * Used in: lessons 02, 05, 06, 07, 08.
 */
export function runPublishedCases(
  prefix = '',
  options: { implementations?: Partial<CourseFunctions>; throwOnFailure?: boolean } = {},
): PublishedCaseReport {
  const cases = publishedCases(prefix);
  const functions = functionsWith(options.implementations ?? {});
  const report = reportOf(cases.flatMap((c) => caseRows(c, functions)), cases.map((c) => c.name));
  if (!report.passed && options.throwOnFailure !== false) throw new PublishedCaseError(report);
  return report;
}
