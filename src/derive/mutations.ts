/**
 * Known wrong claims, by name: what a learner's typical mistake looks like to the checks.
 * `deriveWith(spec, mutations['missing-1/m'].overrides(spec.convention))` derives with the
 * mistake in place, and the steps it touches fail. The CLI's `--mutate NAME` does the same.
 *
 * Used by: cli.ts, derive.test.ts; lessons 06-deep-network and 07-gradient-checking (what a failed check looks like).
 */
import type { ClaimOverrides } from './types';
import type { DeriveConvention } from './spec';

/** A named mistake. */
export interface Mutation {
  description: string;
  /** The wrong claims, for a notation. */
  overrides(convention: DeriveConvention): ClaimOverrides;
}

/**
 * The learners' typical mistakes from the forums, as claim overrides by name: a missing or doubled
 * 1/m, tanh' from z, relu'(0) = 1, a transpose on the wrong side, a flipped sign.
 *
 * Syntax: mutations[name].overrides(convention: DeriveConvention): ClaimOverrides
 *
 * Examples:
 *   deriveWith(WEEK3_SPEC, mutations['tanh-from-z'].overrides('loss')).passed;   // false
 *   Object.keys(mutations);   // ['missing-1/m', 'double-1/m', 'tanh-from-z', 'relu-at-0', 'transposed-dW', 'sign']
 *
 * See also: deriveWith, compareConventionsWith
 *
 * Used in: lessons 06-deep-network, 07-gradient-checking; the CLI's --mutate NAME.
 */
export const mutations: Readonly<Record<string, Mutation>> = Object.freeze({
  'missing-1/m': {
    description: 'drop the notation\'s 1/m (from dW and db under "loss", from dZ[L] under "cost")',
    overrides: (c: DeriveConvention): ClaimOverrides =>
      c === 'loss'
        ? { dW: ({ dZ, APrev }) => dZ.dot(APrev.transpose()), db: ({ dZ }) => dZ.sumRows() }
        : { dZOutput: ({ delta }) => delta },
  },
  'double-1/m': {
    description: 'apply the 1/m twice (the learner\'s dZ[L] with the course\'s dW and db)',
    overrides: (c: DeriveConvention): ClaimOverrides =>
      c === 'loss'
        ? { dZOutput: ({ delta, m }) => delta.scale(1 / m) }
        : { dW: ({ dZ, APrev, m }) => dZ.dot(APrev.transpose()).scale(1 / m), db: ({ dZ, m }) => dZ.sumRows().scale(1 / m) },
  },
  'tanh-from-z': {
    description: "compute tanh' as 1 - z^2 from Z instead of 1 - a^2 from the cached A",
    overrides: (): ClaimOverrides => ({ activationDerivatives: { tanh: { expr: '1 - z^2', tex: '1 - z^{2}' } } }),
  },
  'relu-at-0': {
    description: "use relu'(z) = 1 for z >= 0 (the derivative at the kink stated as 1)",
    overrides: (): ClaimOverrides => ({ activationDerivatives: { relu: { expr: 'z >= 0 ? 1 : 0', tex: '\\begin{cases} 1 & z \\ge 0 \\\\ 0 & z < 0 \\end{cases}' } } }),
  },
  'transposed-dW': {
    description: 'put the transpose on the wrong side: dW = A[l-1] dZ^T',
    overrides: (c: DeriveConvention): ClaimOverrides => ({
      dW: ({ dZ, APrev, m }) => {
        const w = APrev.dot(dZ.transpose());
        return c === 'loss' ? w.scale(1 / m) : w;
      },
    }),
  },
  'sign': {
    description: 'flip the sign of the output gradient: dZ[L] = Y - A[L]',
    overrides: (c: DeriveConvention): ClaimOverrides => ({ dZOutput: ({ delta, m }) => delta.scale(c === 'cost' ? -1 / m : -1) }),
  },
});
