/**
 * Checks that several formulas for one scalar quantity agree at sample points: a symbolic
 * derivative from mathjs, a closed form from the lesson, a finite difference. mathjs's
 * `simplify` rarely reaches a textbook form, so two spellings of one function are compared by
 * their values, not by their text.
 *
 * For each candidate c the values c(p_1), …, c(p_N) form a vector; it is compared with the
 * reference's vector r by the course's relative difference
 *
 *   ‖c − r‖₂ / (‖c‖₂ + ‖r‖₂)        (0 when both are 0),
 *
 * and the check passes when that is at most the candidate's tolerance (default TOLERANCE,
 * 1e-7). A candidate that is wrong by a constant factor k gives |k − 1| / (k + 1); a wrong
 * formula gives an order-one difference.
 *
 * `agreeMatrices` does the same for pairs of matrices (a claimed gradient against a finite
 * difference, one convention against another), entry by entry with the same formula.
 *
 * Derived in: lesson 00-start-here (the notation table), 01-one-neuron (∂L/∂a, ∂a/∂z, ∂L/∂z = a − y), 02-many-examples (the
 * derivative of the mean is the mean of the derivatives).
 */
import { TOLERANCE } from '../core/tolerance';
import { Matrix, formatShape } from '../core/matrix';
import { markdownTable, showMarkdown } from '../notebook/math';

/** One candidate's comparison with the reference. */
export interface AgreementRow {
  name: string;
  /** ‖c − r‖ / (‖c‖ + ‖r‖) over all points. */
  relativeDifference: number;
  /** max_k |c(p_k) − r(p_k)|. */
  maxAbsDifference: number;
  tolerance: number;
  passed: boolean;
}

/** What `agreeAt` returns. */
export interface Agreement {
  /** Number of sample points. */
  points: number;
  /** Name of the reference candidate. */
  reference: string;
  /** One row per candidate other than the reference. */
  rows: AgreementRow[];
  /** True when every row passed. */
  passed: boolean;
  /** The largest relative difference over the rows. */
  worst: number;
}

/** Options of `agreeAt`. */
export interface AgreeOptions {
  /** Which candidate the others are compared with; default the first. */
  reference?: string;
  /** One tolerance for all, or per candidate name (missing names get TOLERANCE). */
  tolerance?: number | Record<string, number>;
  /** Show the result table (default true). */
  show?: boolean;
  /** Throw when a candidate disagrees (default true). Set false to display a failure on purpose. */
  throwOnFailure?: boolean;
}

/**
 * Evaluates every candidate at every point, compares each with the reference, shows a table
 * (candidate | relative difference | max |difference| | tolerance | agrees) and throws when a
 * candidate disagrees, naming it and the measured difference.
 *
 * Syntax:
 *     agreeAt(points, { name: (p) => number, ... }, { reference, tolerance, show, throwOnFailure })
 *
 * Examples:
 *     agreeAt([{ z: 0.1 }, { z: 2 }], {
 *       "d/dz z^2": (p) => 2 * p.z,
 *       "finite difference": (p) => ((p.z + 1e-6) ** 2 - (p.z - 1e-6) ** 2) / 2e-6,
 *     }).passed;                                               // true
 *     agreeAt([{ z: 1 }], { a: (p) => p.z, b: (p) => 2 * p.z }); // throws: "b" disagrees ... 0.333
 *
 * See also:
 *     relativeDifference, numericGradient, TOLERANCE
 */
export function agreeAt<P>(
  points: readonly P[],
  candidates: Record<string, (p: P) => number>,
  options: AgreeOptions = {},
): Agreement {
  const names = Object.keys(candidates);
  if (names.length < 2) throw new RangeError(`agreeAt: give at least two candidates, got ${names.length}`);
  if (points.length === 0) throw new RangeError('agreeAt: give at least one point');
  const reference = options.reference ?? (names[0] as string);
  if (!names.includes(reference)) {
    throw new RangeError(`agreeAt: reference ${JSON.stringify(reference)} is not a candidate (${names.join(', ')})`);
  }
  const tol = (name: string): number => {
    const t = options.tolerance;
    if (typeof t === 'number') return t;
    if (t !== undefined && typeof t[name] === 'number') return t[name] as number;
    return TOLERANCE;
  };
  const values = (name: string): number[] =>
    points.map((p, k) => {
      const v = (candidates[name] as (p: P) => number)(p);
      if (typeof v !== 'number' || Number.isNaN(v)) {
        throw new TypeError(`agreeAt: candidate ${JSON.stringify(name)} gave ${String(v)} at point ${k}`);
      }
      return v;
    });
  const r = values(reference);
  const rows: AgreementRow[] = names
    .filter((n) => n !== reference)
    .map((name) => {
      const c = values(name);
      let num = 0;
      let nc = 0;
      let nr = 0;
      let maxAbs = 0;
      for (let k = 0; k < c.length; k++) {
        const d = (c[k] as number) - (r[k] as number);
        num += d * d;
        nc += (c[k] as number) ** 2;
        nr += (r[k] as number) ** 2;
        maxAbs = Math.max(maxAbs, Math.abs(d));
      }
      const den = Math.sqrt(nc) + Math.sqrt(nr);
      const rel = den === 0 ? 0 : Math.sqrt(num) / den;
      const tolerance = tol(name);
      return { name, relativeDifference: rel, maxAbsDifference: maxAbs, tolerance, passed: rel <= tolerance };
    });
  const passed = rows.every((row) => row.passed);
  const worst = Math.max(...rows.map((row) => row.relativeDifference));
  if (options.show !== false) {
    const table = markdownTable(
      [`compared with "${reference}" at ${points.length} points`, 'relative difference', 'max abs difference', 'tolerance', 'agrees'],
      rows.map((row) => [row.name, row.relativeDifference, row.maxAbsDifference, row.tolerance, row.passed]),
    );
    showMarkdown(table);
  }
  if (!passed && options.throwOnFailure !== false) {
    const bad = rows.filter((row) => !row.passed);
    throw new Error(
      `agreeAt: ${bad
        .map((row) => `${JSON.stringify(row.name)} disagrees with ${JSON.stringify(reference)}: relative difference ${row.relativeDifference.toExponential(3)} > ${row.tolerance}`)
        .join('; ')}`,
    );
  }
  return { points: points.length, reference, rows, passed, worst };
}

/** One claimed matrix and the matrix it should equal. */
export interface MatrixClaim {
  /** What is claimed, in words, e.g. "course dZ2 = d(sum L)/dZ2". */
  name: string;
  claimed: Matrix;
  reference: Matrix;
  /** Default TOLERANCE (1e-7). */
  tolerance?: number;
  /** How the reference was obtained, e.g. "finite differences" (shown in the table). */
  method?: string;
}

/** A checked MatrixClaim. */
export interface MatrixAgreementRow {
  name: string;
  method: string;
  shape: string;
  relativeDifference: number;
  maxAbsDifference: number;
  tolerance: number;
  passed: boolean;
}

/**
 * Compares each claimed matrix with its reference by ‖c − r‖ / (‖c‖ + ‖r‖), shows one table
 * row per claim (claim | checked against | shape | relative difference | max abs difference |
 * agrees) and throws when any claim disagrees or has the wrong shape, naming it.
 *
 * Syntax:
 *     agreeMatrices([{ name, claimed, reference, tolerance?, method? }, ...], { show, throwOnFailure })
 *
 * Examples:
 *     const W = Matrix.from([[1, 2]]);
 *     agreeMatrices([{ name: 'W', claimed: W, reference: W.scale(1 + 1e-12) }]).passed;  // true
 *     agreeMatrices([{ name: 'W', claimed: W, reference: W.scale(3) }]);   // throws: "W" disagrees ... 5.000e-1
 *
 * See also:
 *     agreeAt, relativeDifference, numericGradient
 */
export function agreeMatrices(
  claims: readonly MatrixClaim[],
  options: { show?: boolean; throwOnFailure?: boolean } = {},
): { rows: MatrixAgreementRow[]; passed: boolean; worst: number } {
  if (claims.length === 0) throw new RangeError('agreeMatrices: give at least one claim');
  const rows: MatrixAgreementRow[] = claims.map((c) => {
    const tolerance = c.tolerance ?? TOLERANCE;
    const method = c.method ?? '';
    const shape = formatShape(c.claimed.rows, c.claimed.cols);
    if (c.claimed.rows !== c.reference.rows || c.claimed.cols !== c.reference.cols) {
      return {
        name: c.name,
        method,
        shape: `${shape} vs ${formatShape(c.reference.rows, c.reference.cols)}`,
        relativeDifference: Infinity,
        maxAbsDifference: Infinity,
        tolerance,
        passed: false,
      };
    }
    let num = 0;
    let nc = 0;
    let nr = 0;
    let maxAbs = 0;
    for (let k = 0; k < c.claimed.data.length; k++) {
      const x = c.claimed.data[k] as number;
      const y = c.reference.data[k] as number;
      num += (x - y) * (x - y);
      nc += x * x;
      nr += y * y;
      maxAbs = Math.max(maxAbs, Math.abs(x - y));
    }
    const den = Math.sqrt(nc) + Math.sqrt(nr);
    const rel = den === 0 ? 0 : Math.sqrt(num) / den;
    return { name: c.name, method, shape, relativeDifference: rel, maxAbsDifference: maxAbs, tolerance, passed: rel <= tolerance };
  });
  const passed = rows.every((r) => r.passed);
  const worst = Math.max(...rows.map((r) => r.relativeDifference));
  if (options.show !== false) {
    const withMethod = rows.some((r) => r.method !== '');
    showMarkdown(
      markdownTable(
        ['claim', ...(withMethod ? ['checked against'] : []), 'shape', 'relative difference', 'max abs difference', 'agrees'],
        rows.map((r) => [r.name, ...(withMethod ? [r.method] : []), r.shape, r.relativeDifference, r.maxAbsDifference, r.passed]),
      ),
    );
  }
  if (!passed && options.throwOnFailure !== false) {
    throw new Error(
      `agreeMatrices: ${rows
        .filter((r) => !r.passed)
        .map((r) =>
          Number.isFinite(r.relativeDifference)
            ? `${JSON.stringify(r.name)} disagrees: relative difference ${r.relativeDifference.toExponential(3)} > ${r.tolerance}`
            : `${JSON.stringify(r.name)} has shapes ${r.shape}`,
        )
        .join('; ')}`,
    );
  }
  return { rows, passed, worst };
}
