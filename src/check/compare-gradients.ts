/**
 * A one-row-per-tensor gradient report for the lessons: name, shape, largest absolute error,
 * the course's relative difference ‖a − b‖ / (‖a‖ + ‖b‖), pass or fail. It throws when a row
 * fails (the message names the tensor and carries the table), so a lesson whose derivative is
 * wrong fails `npm test` instead of printing a red number nobody reads.
 *
 *   tensor  shape    max abs error  relative difference  result
 *   dW1     (4, 2)   2.1e-11        3.3e-11              ok
 *   db1     (4, 1)   0.19           0.5                  FAIL
 *
 * Used by every lesson that derives a gradient by hand (04-one-hidden-layer, 05-deep-network, 06-gradient-checking).
 */
import { Matrix, formatShape } from '../core/matrix';
import { numericGradient, relativeDifference } from './finite-difference';
import { TOLERANCE } from '../core/tolerance';
import { displayBundle } from '../notebook/display';

/** One compared tensor. */
export interface GradientRow {
  name: string;
  /** Shape of the gradient under test (rows, cols). */
  shape: [number, number];
  /** max |a − b| over the entries (Infinity when the shapes differ). */
  maxAbsError: number;
  /** ‖a − b‖ / (‖a‖ + ‖b‖), 0 when both are 0 (1 when the shapes differ). */
  relativeDifference: number;
  passed: boolean;
  /** Why the row failed, when it did. */
  reason?: string;
}

/** Options of compareGradients / checkGradients. */
export interface CompareOptions {
  /** Largest relative difference accepted. Default TOLERANCE (1e-7). */
  tolerance?: number;
  /** A row also passes when every entry is within this absolute error (gradients near 0). Default 1e-9. */
  absoluteTolerance?: number;
  /** Throw when a row fails (default true). */
  throwOnFailure?: boolean;
  /** Compare only these names (default: every name of the first argument). */
  names?: readonly string[];
}

/** The result of a comparison. */
export interface GradientComparison {
  rows: GradientRow[];
  passed: boolean;
  tolerance: number;
  absoluteTolerance: number;
  /** Aligned plain-text table. */
  text: string;
  /** Markdown table. */
  markdown: string;
  /** Displays the table (notebook: Markdown; elsewhere: text). */
  show(): void;
}

function fmt(x: number): string {
  if (x === 0) return '0';
  if (!Number.isFinite(x)) return '∞';
  return x < 1e-3 || x >= 1e4 ? x.toExponential(1) : String(Number(x.toPrecision(2)));
}

/** An error raised by a failed comparison; `failed` lists the tensors. */
export class GradientMismatchError extends Error {
  readonly failed: string[];
  readonly comparison: GradientComparison;
  constructor(comparison: GradientComparison) {
    const failed = comparison.rows.filter((r) => !r.passed);
    const names = failed.map((r) => r.name);
    const first = failed[0] as GradientRow;
    super(
      `gradient check failed for ${names.join(', ')}: ${first.name} ${first.reason ?? `has relative difference ${fmt(first.relativeDifference)} (tolerance ${fmt(comparison.tolerance)})`}\n${comparison.text}`,
    );
    this.name = 'GradientMismatchError';
    this.failed = names;
    this.comparison = comparison;
  }
}

/**
 * Compares gradients tensor by tensor and throws if any differs beyond the tolerance.
 *
 * Syntax: compareGradients(grads: Record<string, Matrix>, reference: Record<string, Matrix>, options?): GradientComparison
 *
 * Examples:
 *   compareGradients({ dW1: Matrix.row([1, 2]) }, { dW1: Matrix.row([1, 2]) }).passed;   // true
 *   compareGradients({ dW1: Matrix.row([1, 2]) }, { dW1: Matrix.row([3, 6]) });
 *   // throws GradientMismatchError: gradient check failed for dW1: dW1 has relative difference 0.5 (tolerance 1e-7) …
 *   compareGradients(mine, backprop(X, Y, params, opts).grads, { names: ['dW1', 'db1'] }).show();
 *
 * See also: checkGradients (against finite differences), relativeDifference, derive
 */
export function compareGradients(
  grads: Readonly<Record<string, Matrix>>,
  reference: Readonly<Record<string, Matrix>>,
  options: CompareOptions = {},
): GradientComparison {
  const tolerance = options.tolerance ?? TOLERANCE;
  const absoluteTolerance = options.absoluteTolerance ?? 1e-9;
  const names = options.names ?? Object.keys(grads);
  if (names.length === 0) throw new RangeError('compareGradients: no gradients to compare');
  const rows: GradientRow[] = names.map((name) => {
    const a = grads[name];
    const b = reference[name];
    if (!(a instanceof Matrix)) throw new RangeError(`compareGradients: ${name} is missing from the gradients (or is not a Matrix)`);
    if (!(b instanceof Matrix)) {
      throw new RangeError(`compareGradients: ${name} is missing from the reference (it has ${Object.keys(reference).join(', ') || 'nothing'})`);
    }
    const shape: [number, number] = [a.rows, a.cols];
    if (a.rows !== b.rows || a.cols !== b.cols) {
      return {
        name,
        shape,
        maxAbsError: Number.POSITIVE_INFINITY,
        relativeDifference: 1,
        passed: false,
        reason: `has shape ${formatShape(a.rows, a.cols)} but the reference has shape ${formatShape(b.rows, b.cols)}`,
      };
    }
    const maxAbsError = a.maxAbsDiff(b);
    const rel = relativeDifference(a, b);
    const passed = !Number.isNaN(maxAbsError) && (rel <= tolerance || maxAbsError <= absoluteTolerance);
    const row: GradientRow = { name, shape, maxAbsError: Number.isNaN(maxAbsError) ? Number.POSITIVE_INFINITY : maxAbsError, relativeDifference: Number.isNaN(rel) ? 1 : rel, passed };
    if (!passed) {
      row.reason = Number.isNaN(maxAbsError)
        ? 'contains NaN'
        : `has relative difference ${fmt(rel)} (tolerance ${fmt(tolerance)}) and max abs error ${fmt(maxAbsError)}`;
    }
    return row;
  });
  const header = ['tensor', 'shape', 'max abs error', 'relative difference', 'result'];
  const cells = rows.map((r) => [r.name, formatShape(r.shape[0], r.shape[1]), fmt(r.maxAbsError), fmt(r.relativeDifference), r.passed ? 'ok' : 'FAIL']);
  const widths = header.map((h, j) => Math.max(h.length, ...cells.map((c) => (c[j] as string).length)));
  const line = (c: string[]): string => c.map((s, j) => s.padEnd(widths[j] as number)).join('  ').trimEnd();
  const text = [line(header), ...cells.map(line)].join('\n');
  const markdown = [
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map((r, i) => `| ${(cells[i] as string[]).slice(0, 4).join(' | ')} | ${r.passed ? '✓' : '✗ **FAIL**'} |`),
  ].join('\n');
  const passed = rows.every((r) => r.passed);
  const comparison: GradientComparison = {
    rows,
    passed,
    tolerance,
    absoluteTolerance,
    text,
    markdown,
    show: () => displayBundle({ 'text/plain': text, 'text/markdown': markdown }),
  };
  if (!passed && options.throwOnFailure !== false) throw new GradientMismatchError(comparison);
  return comparison;
}

/**
 * Checks analytic gradients against two-sided finite differences of a scalar function:
 * `grads["d" + name]` against numericGradient(f, params[name]) for every parameter name.
 *
 * Syntax: checkGradients(f: () => number, params, grads, options?: CompareOptions & { epsilon?: number }): GradientComparison
 *
 * Example:
 *   checkGradients(() => networkCost(X, Y, params, opts), params, backprop(X, Y, params, { ...opts, convention: 'loss' }).grads).show();
 *   // tensor  shape   max abs error  relative difference  result
 *   // dW1     (4, 2)  1.1e-10        4.2e-10              ok  …
 *
 * See also: compareGradients, numericGradient, gradientCheck
 */
export function checkGradients(
  f: () => number,
  params: Record<string, Matrix>,
  grads: Readonly<Record<string, Matrix>>,
  options: CompareOptions & { epsilon?: number } = {},
): GradientComparison {
  const paramNames = options.names?.map((n) => n.replace(/^d/, '')) ?? Object.keys(params);
  const numeric: Record<string, Matrix> = {};
  const analytic: Record<string, Matrix> = {};
  for (const p of paramNames) {
    const value = params[p];
    if (!(value instanceof Matrix)) throw new RangeError(`checkGradients: no parameter named ${JSON.stringify(p)}`);
    const g = grads[`d${p}`];
    if (!(g instanceof Matrix)) throw new RangeError(`checkGradients: no gradient named ${JSON.stringify(`d${p}`)} for parameter ${p}`);
    analytic[`d${p}`] = g;
    numeric[`d${p}`] = numericGradient(f, value, options.epsilon ?? 1e-6);
  }
  const { names: _ignored, ...rest } = options;
  void _ignored;
  return compareGradients(analytic, numeric, { ...rest, tolerance: options.tolerance ?? 1e-6 });
}
