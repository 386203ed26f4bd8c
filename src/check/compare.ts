/**
 * One family of comparisons for every hand-derived quantity: a claimed matrix against a
 * reference (another formula, another notation, a finite difference), one row per tensor:
 *
 *   quantity  checked against                shape   max abs error  relative difference  result
 *   dW1       finite differences of J in W1  (4, 2)  2.1e-11        3.3e-11              ok
 *   db1       finite differences of J in b1  (4, 1)  0.19           0.5                  FAIL
 *
 * The relative difference is the course's ‖a − b‖ / (‖a‖ + ‖b‖) (0 when both are 0): a doubled or
 * missing 1/m gives exactly (m − 1)/(m + 1). A row passes when it is at most the tolerance, or
 * when every entry is within the absolute tolerance (gradients that are 0 in exact arithmetic).
 * A failed comparison throws `ComparisonError` naming the tensors, so a lesson whose derivative
 * is wrong fails `npm test` instead of printing a number nobody reads.
 *
 * - `compareGradients(grads, reference)` compares two dictionaries key by key, or a list of
 *   claims `[{ name, claimed, reference, method }]` when each has its own reference;
 * - `checkGradients(f, params, grads)` compares `grads["d" + name]` with finite differences of f;
 * - `agreeAt(points, candidates)` compares scalar formulas by their values at sample points.
 *
 * Derived in: lesson 07-gradient-checking; used by every lesson that derives a gradient by hand.
 */
import { Matrix, Shape, formatShape } from '../core/matrix';
import { Report, formatNumber, markdownTable, textTable } from '../core/format';
import { ABSOLUTE_TOLERANCE, FINITE_DIFFERENCE_EPSILON, FINITE_DIFFERENCE_TOLERANCE, TOLERANCE } from '../core/tolerance';
import { DifferenceOptions, numericGradient } from './finite-difference';

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
 * See also: compareGradients, numericGradient
 */
export function relativeDifference(a: Matrix, b: Matrix): number {
  if (a.rows !== b.rows || a.cols !== b.cols) {
    throw new RangeError(`relativeDifference: shapes ${formatShape(a.rows, a.cols)} and ${formatShape(b.rows, b.cols)} differ`);
  }
  return normsOfDifference([a], [b]).relative;
}

/** ‖a − b‖, ‖a‖ + ‖b‖ and their ratio over several pairs of equal-shaped matrices taken together. */
function normsOfDifference(as: readonly Matrix[], bs: readonly Matrix[]): { relative: number; maxAbs: number } {
  let num = 0;
  let na = 0;
  let nb = 0;
  let maxAbs = 0;
  as.forEach((a, t) => {
    const b = bs[t];
    if (b === undefined) return;
    for (let k = 0; k < a.data.length; k++) {
      const x = a.data[k] ?? 0;
      const y = b.data[k] ?? 0;
      num += (x - y) * (x - y);
      na += x * x;
      nb += y * y;
      maxAbs = Number.isNaN(x - y) ? Number.NaN : Math.max(maxAbs, Math.abs(x - y));
    }
  });
  const den = Math.sqrt(na) + Math.sqrt(nb);
  return { relative: den === 0 && num === 0 ? 0 : Math.sqrt(num) / den, maxAbs };
}

/** One claimed matrix and the matrix it should equal. */
export interface MatrixClaim {
  /** What is claimed, e.g. "dZ2 (course)". */
  name: string;
  claimed: Matrix;
  reference: Matrix;
  /** How the reference was obtained, e.g. "finite differences of J in W1" (a table column). */
  method?: string;
  /** This row's tolerance (default: the comparison's). */
  tolerance?: number;
}

/** One compared tensor. */
export interface ComparisonRow {
  name: string;
  /** What the claimed matrix was checked against ('' when not given). */
  method: string;
  /** Shape of the claimed matrix. */
  shape: Shape;
  /** Shape of the reference. */
  referenceShape: Shape;
  /** max |a − b| over the entries (Infinity when the shapes differ, NaN when an entry is NaN). */
  maxAbsError: number;
  /** ‖a − b‖ / (‖a‖ + ‖b‖) (1 when the shapes differ, NaN when an entry is NaN). */
  relativeDifference: number;
  tolerance: number;
  passed: boolean;
  /** Why the row failed, when it did. */
  reason?: string;
}

/** Options shared by the comparisons. */
export interface CompareOptions {
  /** Largest relative difference accepted. Default TOLERANCE (1e-7); checkGradients: FINITE_DIFFERENCE_TOLERANCE. */
  tolerance?: number;
  /** A row also passes when every entry is within this absolute error. Default ABSOLUTE_TOLERANCE (1e-9). */
  absoluteTolerance?: number;
  /** Throw `ComparisonError` when a row fails (default true). */
  throwOnFailure?: boolean;
  /** Dictionary form: compare only these keys (default: every key of the first argument). */
  names?: readonly string[];
}

/** The result of a comparison: its rows, a verdict, and a text and markdown table. */
export interface Comparison extends Report {
  rows: ComparisonRow[];
  /** True when every row passed. */
  passed: boolean;
  /** The largest relative difference over the rows. */
  worst: number;
  /** The names of the rows that failed, in order ([] when all passed). */
  failed: string[];
  /**
   * The relative difference of all rows flattened into one vector, the single number the
   * course's gradient check prints (1 when a shape differs).
   */
  difference: number;
  /** The row of a tensor by name; throws naming the available rows when there is none. */
  row(name: string): ComparisonRow;
}

/** Raised by a failed comparison; `failed` lists the tensors. */
export class ComparisonError extends Error {
  readonly failed: string[];
  readonly comparison: Comparison;
  constructor(comparison: Comparison) {
    const failed = comparison.rows.filter((r) => !r.passed);
    super(`check failed for ${failed.map((r) => r.name).join(', ')}: ${failed.map((r) => `${r.name} ${r.reason ?? ''}`).join('; ')}\n${comparison.toText()}`);
    this.name = 'ComparisonError';
    this.failed = failed.map((r) => r.name);
    this.comparison = comparison;
  }
}

function compareRow(claim: MatrixClaim, tolerance: number, absoluteTolerance: number): ComparisonRow {
  const { name, claimed: a, reference: b } = claim;
  if (!(a instanceof Matrix)) throw new TypeError(`compareGradients: ${name} is not a Matrix`);
  if (!(b instanceof Matrix)) throw new TypeError(`compareGradients: the reference of ${name} is not a Matrix`);
  const base = { name, method: claim.method ?? '', shape: a.shape, referenceShape: b.shape, tolerance: claim.tolerance ?? tolerance };
  if (a.rows !== b.rows || a.cols !== b.cols) {
    const reason = `has shape ${formatShape(a.rows, a.cols)} but the reference has shape ${formatShape(b.rows, b.cols)}`;
    return { ...base, maxAbsError: Number.POSITIVE_INFINITY, relativeDifference: 1, passed: false, reason };
  }
  const { relative, maxAbs } = normsOfDifference([a], [b]);
  if (Number.isNaN(relative) || Number.isNaN(maxAbs)) {
    return { ...base, maxAbsError: Number.NaN, relativeDifference: Number.NaN, passed: false, reason: 'contains NaN' };
  }
  const passed = relative <= base.tolerance || maxAbs <= absoluteTolerance;
  const reason = passed
    ? undefined
    : `has relative difference ${formatNumber(relative, 3)} (tolerance ${formatNumber(base.tolerance, 3)}) and max abs error ${formatNumber(maxAbs, 3)}`;
  return { ...base, maxAbsError: maxAbs, relativeDifference: relative, passed, ...(reason === undefined ? {} : { reason }) };
}

function comparisonOf(claims: readonly MatrixClaim[], rows: ComparisonRow[]): Comparison {
  const same = claims.every((c) => c.claimed.rows === c.reference.rows && c.claimed.cols === c.reference.cols);
  const difference = same ? normsOfDifference(claims.map((c) => c.claimed), claims.map((c) => c.reference)).relative : 1;
  const withMethod = rows.some((r) => r.method !== '');
  const headers = ['quantity', ...(withMethod ? ['checked against'] : []), 'shape', 'max abs error', 'relative difference', 'result'];
  const cells = (ok: string, fail: string): string[][] =>
    rows.map((r) => [
      r.name,
      ...(withMethod ? [r.method] : []),
      r.shape[0] === r.referenceShape[0] && r.shape[1] === r.referenceShape[1]
        ? formatShape(...r.shape)
        : `${formatShape(...r.shape)} vs ${formatShape(...r.referenceShape)}`,
      formatNumber(r.maxAbsError, 3),
      formatNumber(r.relativeDifference, 3),
      r.passed ? ok : fail,
    ]);
  return {
    rows,
    passed: rows.every((r) => r.passed),
    failed: rows.filter((r) => !r.passed).map((r) => r.name),
    worst: Math.max(...rows.map((r) => r.relativeDifference)),
    difference,
    row(name: string): ComparisonRow {
      const found = rows.find((r) => r.name === name);
      if (found === undefined) throw new RangeError(`no row named ${JSON.stringify(name)} (rows: ${rows.map((r) => r.name).join(', ')})`);
      return found;
    },
    toText: () => textTable(headers, cells('ok', 'FAIL')),
    toMarkdown: () => markdownTable(headers, cells('✓', '✗ **FAIL**')),
  };
}

function finish(claims: readonly MatrixClaim[], options: CompareOptions, defaultTolerance: number): Comparison {
  if (claims.length === 0) throw new RangeError('compareGradients: nothing to compare');
  const tolerance = options.tolerance ?? defaultTolerance;
  const absoluteTolerance = options.absoluteTolerance ?? ABSOLUTE_TOLERANCE;
  const comparison = comparisonOf(claims, claims.map((c) => compareRow(c, tolerance, absoluteTolerance)));
  if (!comparison.passed && options.throwOnFailure !== false) throw new ComparisonError(comparison);
  return comparison;
}

function claimsFromDictionaries(
  grads: Readonly<Record<string, Matrix>>,
  reference: Readonly<Record<string, Matrix>>,
  names: readonly string[],
  method?: string,
): MatrixClaim[] {
  return names.map((name) => {
    const claimed = grads[name];
    const ref = reference[name];
    if (!(claimed instanceof Matrix)) throw new RangeError(`compareGradients: ${name} is missing from the gradients (or is not a Matrix)`);
    if (!(ref instanceof Matrix)) {
      throw new RangeError(`compareGradients: ${name} is missing from the reference (it has ${Object.keys(reference).join(', ') || 'nothing'})`);
    }
    return { name, claimed, reference: ref, ...(method === undefined ? {} : { method }) };
  });
}

/**
 * Compares matrices tensor by tensor and throws `ComparisonError` if any differs beyond the
 * tolerance. Three forms: two dictionaries compared key by key; one dictionary of pairs
 * { name: [claimed, reference] }; or a list of claims each with its own reference and a
 * description of how that reference was obtained.
 *
 * Syntax:
 *   compareGradients(grads, reference, options?)              // dictionaries, key by key
 *   compareGradients({ name: [claimed, reference], … }, options?)
 *   compareGradients([{ name, claimed, reference, method?, tolerance? }, …], options?)
 *     options: { tolerance = 1e-7, absoluteTolerance = 1e-9, throwOnFailure = true, names? }
 *
 * Examples:
 *   compareGradients({ dW1: Matrix.row([1, 2]) }, { dW1: Matrix.row([1, 2]) }).passed;   // true
 *   compareGradients({ dW1: Matrix.row([1, 2]) }, { dW1: Matrix.row([3, 6]) });
 *   // throws ComparisonError: check failed for dW1: dW1 has relative difference 0.5 (tolerance 1e-7) …
 *   compareGradients([{ name: 'dZ2 / m', claimed: dZ2.scale(1 / m), reference: fdJ, method: 'finite differences of J' }]).worst;
 *   // ≈ 1e-10
 *   compareGradients({ 'dZ2 vs per-example dL/dZ2': [dZ2, own], 'dW2 vs dJ/dW2': [dW2, fdW2] }).passed;   // true
 *   compareGradients({ dW1: [Matrix.row([1]), Matrix.row([2])] }, { throwOnFailure: false }).failed;   // ['dW1']
 *
 * See also: checkGradients, agreeAt, relativeDifference, show (notebook)
 *
 * Derived in: lesson 07-gradient-checking.
 */
export function compareGradients(claims: readonly MatrixClaim[], options?: CompareOptions): Comparison;
export function compareGradients(pairs: Readonly<Record<string, MatrixPair>>, options?: CompareOptions): Comparison;
export function compareGradients(
  grads: Readonly<Record<string, Matrix>>,
  reference: Readonly<Record<string, Matrix>>,
  options?: CompareOptions,
): Comparison;
export function compareGradients(
  first: readonly MatrixClaim[] | Readonly<Record<string, Matrix | MatrixPair>>,
  second?: Readonly<Record<string, Matrix>> | CompareOptions,
  third: CompareOptions = {},
): Comparison {
  const options = second !== undefined && !isMatrixRecord(second) ? second : {};
  if (isClaimList(first)) return finish(first, options, TOLERANCE);
  if (isPairRecord(first)) return finish(claimsFromPairs(first), options, TOLERANCE);
  if (!noPairs(first)) throw new TypeError('compareGradients: give either matrices { name: M } with a reference dictionary, or pairs { name: [claimed, reference] }, not both');
  if (second === undefined || !isMatrixRecord(second)) {
    throw new TypeError('compareGradients(grads, reference): the second argument must be the reference dictionary of matrices');
  }
  return finish(claimsFromDictionaries(first, second, third.names ?? Object.keys(first)), third, TOLERANCE);
}

/** Two matrices that should be equal: [claimed, reference]. */
export type MatrixPair = readonly [Matrix, Matrix];

function isClaimList(x: readonly MatrixClaim[] | Readonly<Record<string, Matrix | MatrixPair>>): x is readonly MatrixClaim[] {
  return Array.isArray(x);
}

/** A dictionary of pairs { name: [claimed, reference] }, as opposed to a dictionary of matrices. */
function isPairRecord(x: Readonly<Record<string, Matrix | MatrixPair>>): x is Readonly<Record<string, MatrixPair>> {
  const values = Object.values(x);
  return values.length > 0 && values.every((v) => Array.isArray(v));
}

/** A dictionary without pairs: its values are matrices (or wrong, which claimsFromDictionaries names). */
function noPairs(x: Readonly<Record<string, Matrix | MatrixPair>>): x is Readonly<Record<string, Matrix>> {
  return !Object.values(x).some((v) => Array.isArray(v));
}

function claimsFromPairs(pairs: Readonly<Record<string, MatrixPair>>): MatrixClaim[] {
  return Object.entries(pairs).map(([name, pair]) => {
    const items: readonly unknown[] = pair;
    if (items.length !== 2) throw new RangeError(`compareGradients: ${name} must be a pair [claimed, reference], got ${items.length} entries`);
    return { name, claimed: pair[0], reference: pair[1] };
  });
}

/** A dictionary of matrices (the reference), as opposed to options, whose values are never matrices. */
function isMatrixRecord(x: Readonly<Record<string, Matrix>> | CompareOptions): x is Readonly<Record<string, Matrix>> {
  return Object.values(x).some((v) => v instanceof Matrix);
}

/** What checkGradients returns: the comparison and the finite differences it compared against. */
export interface GradientCheck extends Comparison {
  /** The numerical gradients, under the gradient keys (`d` + parameter name). */
  numeric: Record<string, Matrix>;
}

/**
 * Checks analytic gradients against two-sided finite differences of a scalar function:
 * `grads["d" + name]` against numericGradient(f, params[name], ε) for every parameter name.
 * `difference` is the course's single number over all tensors flattened together.
 *
 * Syntax:
 *   checkGradients(f: () => number, params, grads, options?)
 *     options: CompareOptions & { epsilon = 1e-6, sided = "two" | "one" } (tolerance default 1e-6, names default: every parameter)
 *
 * Examples:
 *   checkGradients(() => networkCost(X, Y, params, net), params, backprop(X, Y, params, net).grads).passed;   // true
 *   checkGradients(J, params, { ...grads, dW2: grads.dW2.scale(2) }, { throwOnFailure: false }).row('dW2').relativeDifference;
 *   // 0.3333333  ((2 − 1)/(2 + 1))
 *   checkGradients(J, params, { ...grads, dW2: grads.dW2.scale(2) }, { throwOnFailure: false }).failed;   // ['dW2']
 *   checkGradients(J, params, grads, { epsilon: 1e-4, sided: 'one', throwOnFailure: false }).difference;   // ~1e-5 (error O(ε))
 *
 * See also: compareGradients, numericGradient, gradientCheckN (the course's own)
 *
 * Derived in: lesson 07-gradient-checking.
 */
export function checkGradients(
  f: () => number,
  params: Readonly<Record<string, Matrix>>,
  grads: Readonly<Record<string, Matrix>>,
  options: CompareOptions & DifferenceOptions = {},
): GradientCheck {
  const paramNames = options.names?.map((n) => n.replace(/^d/, '')) ?? Object.keys(params);
  const epsilon = options.epsilon ?? FINITE_DIFFERENCE_EPSILON;
  const sided = options.sided ?? 'two';
  const numeric: Record<string, Matrix> = {};
  for (const p of paramNames) {
    const value = params[p];
    if (!(value instanceof Matrix)) throw new RangeError(`checkGradients: no parameter named ${JSON.stringify(p)} (parameters: ${Object.keys(params).join(', ')})`);
    if (!(grads[`d${p}`] instanceof Matrix)) throw new RangeError(`checkGradients: no gradient named ${JSON.stringify(`d${p}`)} for parameter ${p}`);
    numeric[`d${p}`] = numericGradient(f, value, { epsilon, sided });
  }
  const keys = paramNames.map((p) => `d${p}`);
  const claims = claimsFromDictionaries(grads, numeric, keys, `${sided === 'one' ? 'one-sided ' : ''}finite differences, ε = ${formatNumber(epsilon, 3)}`);
  const comparison = finish(claims, { ...options, throwOnFailure: false }, FINITE_DIFFERENCE_TOLERANCE);
  const result: GradientCheck = { ...comparison, numeric };
  if (!result.passed && options.throwOnFailure !== false) throw new ComparisonError(result);
  return result;
}

/**
 * Compares scalar formulas by their values at sample points: each candidate's values form a
 * vector (1, N) compared with the reference's by the relative difference. A candidate wrong by
 * a constant factor k gives |k − 1| / (k + 1); a wrong formula an order-one difference.
 *
 * Syntax:
 *   agreeAt(points, { name: (p) => number, … }, options?)
 *     options: CompareOptions & { reference = the first candidate, tolerance: number | Record<name, number> }
 *
 * Examples:
 *   agreeAt([{ z: 0.1 }, { z: 2 }], {
 *     'd/dz z^2': (p) => 2 * p.z,
 *     'finite difference': (p) => ((p.z + 1e-6) ** 2 - (p.z - 1e-6) ** 2) / 2e-6,
 *   }).passed;                                                  // true
 *   agreeAt([{ z: 1 }], { a: (p) => p.z, b: (p) => 2 * p.z });   // throws: check failed for b: b has relative difference 0.333 …
 *
 * See also: compareGradients, numericGradient
 *
 * Derived in: lesson 01-one-neuron (∂L/∂z = a − y), 02-many-examples (the derivative of a mean).
 */
export function agreeAt<P>(
  points: readonly P[],
  candidates: Readonly<Record<string, (p: P) => number>>,
  options: Omit<CompareOptions, 'tolerance' | 'names'> & { reference?: string; tolerance?: number | Readonly<Record<string, number>> } = {},
): Comparison {
  const names = Object.keys(candidates);
  if (names.length < 2) throw new RangeError(`agreeAt: give at least two candidates, got ${names.length}`);
  if (points.length === 0) throw new RangeError('agreeAt: give at least one point');
  const reference = options.reference ?? names[0] ?? '';
  if (!names.includes(reference)) throw new RangeError(`agreeAt: reference ${JSON.stringify(reference)} is not a candidate (${names.join(', ')})`);
  const values = (name: string): Matrix => {
    const f = candidates[name];
    const row = points.map((p, k) => {
      const v = f === undefined ? Number.NaN : f(p);
      if (typeof v !== 'number' || Number.isNaN(v)) throw new TypeError(`agreeAt: candidate ${JSON.stringify(name)} gave ${String(v)} at point ${k}`);
      return v;
    });
    return new Matrix(1, row.length, row);
  };
  const r = values(reference);
  const t = options.tolerance;
  const claims = names
    .filter((n) => n !== reference)
    .map((name) => ({
      name,
      claimed: values(name),
      reference: r,
      method: `"${reference}" at ${points.length} points`,
      tolerance: typeof t === 'number' ? t : t?.[name] ?? TOLERANCE,
    }));
  return finish(claims, { absoluteTolerance: 0, ...options, tolerance: TOLERANCE }, TOLERANCE);
}
