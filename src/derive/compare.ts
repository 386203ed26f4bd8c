/**
 * Both notations on the same network and the same random instance, side by side: where the
 * 1/m sits in each, and the measured fact that dW and db agree while dZ and dA differ by
 * exactly m (the course's dZ is m times the learner's).
 *
 * Used by: the CLI's `--compare`, lesson 03-where-does-1-over-m-go.
 */
import { headingMarks } from '../core/format';
import { Matrix } from '../core/matrix';
import { deriveWith } from './derive';
import { renderCompareMarkdown, renderCompareText } from './render';
import type { ClaimOverrides, ConventionComparison, ConventionRow, Derivation } from './types';
import { compareGradients } from '../check/compare';
import { NOTATION_TOLERANCE } from '../core/tolerance';
import { DeriveConvention, DeriveSpec } from './spec';

/**
 * One quantity under both notations: its equations, and the measured relation of its values
 * (equal for dW and db, the "loss" value m times the "cost" value for dZ and dA), compared by
 * the check family's compareGradients.
 */
function relationRow(quantity: string, loss: Derivation, cost: Derivation, m: number): ConventionRow {
  const key = quantity.replace(/\[(\d+)\]$/, '$1');
  const a = loss.values[key];
  const b = cost.values[key];
  const perExample = quantity.startsWith('dZ') || quantity.startsWith('dA');
  const k = perExample ? m : 1;
  const row = {
    quantity,
    lossTex: loss.equations[quantity],
    costTex: cost.equations[quantity],
    lossText: loss.equationsText[quantity],
    costText: cost.equationsText[quantity],
    relation: perExample ? ('loss = m × cost' as const) : ('equal' as const),
  };
  if (a === undefined || b === undefined) return { ...row, maxError: Number.POSITIVE_INFINITY, ratio: Number.NaN, passed: false };
  const claim = { name: quantity, claimed: a, reference: b.scale(k) };
  const compared = compareGradients([claim], { tolerance: NOTATION_TOLERANCE, absoluteTolerance: 0, throwOnFailure: false }).row(quantity);
  const ratio = maxAbs(a) / maxAbs(b);
  return { ...row, maxError: compared.maxAbsError / Math.max(1, maxAbs(a)), ratio, passed: compared.passed };
}

function maxAbs(M: Matrix): number {
  let s = 0;
  for (const v of M.data) s = Math.max(s, Math.abs(v));
  return s;
}

/**
 * Derives the spec under both notations on the same random instance and measures how their
 * quantities relate: dW[l] and db[l] equal, dZ[l] and dA[l] of the "loss" notation (the course's)
 * m times those of the "cost" notation, since the course's dZ is ∂L/∂Z per example and the other ∂J/∂Z.
 *
 * Syntax: compareConventions(spec: Omit<DeriveSpec, 'convention'>): ConventionComparison
 *
 * Examples:
 *   const c = compareConventions({ layers: [2, 4, 1], activations: ['tanh', 'sigmoid'], loss: 'cross-entropy' });
 *   c.rows.find((r) => r.quantity === 'dZ[2]').ratio;   // 5   (m = 5)
 *   c.rows.find((r) => r.quantity === 'dW[1]').ratio;   // 1
 *   show(c);                                            // in a lesson: the table, the 1/m framed
 *
 * See also: derive, compareConventionsWith, compareGradients
 *
 * Used in: lesson 03-where-does-1-over-m-go; the CLI's --compare.
 */
export function compareConventions(spec: Omit<DeriveSpec, 'convention'> & { convention?: DeriveSpec['convention'] }): ConventionComparison {
  return compareConventionsWith(spec, () => ({}));
}

/**
 * `compareConventions` with claims replaced per notation (see `deriveWith`, `mutations`): the way
 * to see a misplaced 1/m fail in one notation while the other passes.
 *
 * Syntax: compareConventionsWith(spec, overrides: (convention: DeriveConvention) => ClaimOverrides): ConventionComparison
 *
 * Example: `compareConventionsWith(WEEK3_SPEC, mutations['double-1/m'].overrides).passed; // false`
 *
 * See also: compareConventions, deriveWith, mutations
 *
 * Used in: the CLI's --compare --mutate.
 */
export function compareConventionsWith(
  spec: Omit<DeriveSpec, 'convention'> & { convention?: DeriveSpec['convention'] },
  overrides: (convention: DeriveConvention) => ClaimOverrides,
): ConventionComparison {
  const loss = deriveWith({ ...spec, convention: 'loss' }, overrides('loss'));
  const cost = deriveWith({ ...spec, convention: 'cost' }, overrides('cost'));
  const m = loss.instance.m;
  const rows = Object.keys(loss.equations).map((quantity) => relationRow(quantity, loss, cost, m));
  const passed = loss.passed && cost.passed && rows.every((r) => r.passed);
  const comparison: ConventionComparison = {
    loss,
    cost,
    m,
    rows,
    passed,
    toMarkdown: (options = {}) => renderCompareMarkdown(comparison, { heading: headingMarks(options.headingLevel) }),
    toText: () => renderCompareText(comparison),
    toJSON: () => ({ m, passed, rows, loss: loss.toJSON(), cost: cost.toJSON() }),
  };
  return comparison;
}
