/**
 * The data of a derivation: what the engine (derive.ts) produces and the renderers
 * (render.ts, html.ts, compare.ts) read. Types only, so every module of derive/ imports this
 * file and none of them imports the engine for a type.
 *
 * Used by: every file in src/derive/, cli.ts. Used in: lessons 01, 03, 05, 06 (the fields of
 * a Derivation: `passed`, `steps`, `equations`, `failures`, `values`, `instance`).
 */
import type { MarkdownOptions, Report } from '../core/format';
import type { Matrix } from '../core/matrix';
import type { ActivationName } from '../nn/activations';
import type { NetworkParameters } from '../nn/network';
import type { DeriveConvention, ResolvedSpec } from './spec';

/** A claimed closed form: a mathjs expression in z, a (= g(z)) and y, and its TeX. */
export interface ScalarClaim {
  expr: string;
  tex: string;
}

/** The claimed matrix formulas. Replace one (see `deriveWith`) to watch its check fail. */
export interface MatrixClaims {
  /** dZ[L] from `delta`, the claimed per-example ∂L/∂z evaluated entry by entry. */
  dZOutput(c: { delta: Matrix; m: number; convention: DeriveConvention }): Matrix;
  /** dW[l] from dZ[l] and A[l−1]. */
  dW(c: { dZ: Matrix; APrev: Matrix; m: number; convention: DeriveConvention }): Matrix;
  /** db[l] from dZ[l]. */
  db(c: { dZ: Matrix; m: number; convention: DeriveConvention }): Matrix;
  /** dA[l−1] from W[l] and dZ[l]. */
  dA(c: { W: Matrix; dZ: Matrix }): Matrix;
  /** dZ[l] from dA[l] and the claimed g'(Z[l]) evaluated entry by entry. */
  dZ(c: { dA: Matrix; gPrime: Matrix }): Matrix;
}

/** Replacement claims for `deriveWith`: any matrix formula, and the scalar closed forms. */
export interface ClaimOverrides extends Partial<MatrixClaims> {
  /** Closed form of ∂ℓ/∂a for the spec's loss, in a and y. */
  lossDerivative?: ScalarClaim;
  /** Closed forms of g'(z), in z and a = g(z), by activation. */
  activationDerivatives?: Partial<Record<ActivationName, ScalarClaim>>;
  /** Closed form of ∂L/∂z at the output, in z, a and y. */
  outputDelta?: ScalarClaim;
}

/** A random instance of a spec: data, labels and parameters the matrix steps are checked on. */
export interface DerivationInstance {
  X: Matrix;
  Y: Matrix;
  parameters: NetworkParameters;
  /** Number of examples (columns). */
  m: number;
  /** The seed the instance was drawn from (the spec's). */
  seed: number;
}

/** How a step was verified. `maxError` is below `tolerance` when `passed`. */
export interface StepCheck {
  /** How the step was verified, in words (what was differentiated, how, at how many points). */
  method: string;
  /** Largest error measured (relative to max(1, |true value|)). */
  maxError: number;
  passed: boolean;
  tolerance: number;
  /** "mathjs" (symbolic derivative), "differences" (central differences of a scalar function), "J" or "L" (finite differences of the cost or per-example loss). */
  against: 'mathjs' | 'differences' | 'J' | 'L';
  /** Matrix steps: the course's relative difference ‖a − b‖ / (‖a‖ + ‖b‖) over the checked entries. */
  relativeDifference?: number;
  /**
   * Matrix steps: how many entries were compared, of how many, how many were skipped because
   * their differences crossed a ReLU kink, and whether they were a seeded random sample (a
   * matrix of more than MATRIX_SAMPLE entries) rather than every entry.
   */
  entries?: { checked: number; total: number; skipped: number; sampled: boolean };
}

/** One step of a derivation. */
export interface DerivationStep {
  /** 1-based position. */
  number: number;
  /** The quantity the step contributes to, e.g. "dZ[2]". */
  equation: string;
  title: string;
  /** The statement, in TeX that renders in KaTeX and MathJax. */
  tex: string;
  /** The statement in plain text. */
  text: string;
  /** The reason the step holds (chain rule, derivative of the sigmoid, sum over the examples, …). */
  rule: string;
  kind: 'scalar' | 'matrix';
  check: StepCheck;
}

/** The JSON form of a derivation (what `JSON.stringify(derivation)` writes). */
export interface DerivationJSON {
  spec: ResolvedSpec;
  passed: boolean;
  steps: DerivationStep[];
  equations: Record<string, string>;
  equationsText: Record<string, string>;
  instance: { m: number; seed: number };
}

/**
 * A verified derivation. It is a report (`toText()`, `toMarkdown()`): a lesson shows it with
 * the notebook layer's `show(derivation)`, the CLI prints one of its renderings.
 */
export interface Derivation extends Report {
  spec: ResolvedSpec;
  steps: DerivationStep[];
  /** Final equations as TeX: "dZ[l]", "dW[l]", "db[l]" for every layer, "dA[l-1]" for l ≥ 2. */
  equations: Record<string, string>;
  /** The same equations in plain text. */
  equationsText: Record<string, string>;
  /** True when every step's check passed. */
  passed: boolean;
  /** The steps whose check failed. */
  failures: DerivationStep[];
  /** The claimed values on the random instance, with the course's keys (dZ2, dW2, db2, dA1, …). */
  values: Record<string, Matrix>;
  instance: DerivationInstance;
  /** A heading (level 2 unless options say), numbered steps with their display math, rule and check, then the equations table. */
  toMarkdown(options?: MarkdownOptions): string;
  /** The compact plain text for a terminal. */
  toText(): string;
  toJSON(): DerivationJSON;
}

/** One quantity under both notations. */
export interface ConventionRow {
  /** "dZ[2]", "dW[1]", … */
  quantity: string;
  lossTex: string;
  costTex: string;
  lossText: string;
  costText: string;
  /** dW, db: the same numbers; dZ, dA: the "loss" value is m times the "cost" value. */
  relation: 'equal' | 'loss = m × cost';
  /** max |loss − k·cost| / max(1, max |loss|), with k = 1 or m as the relation says. */
  maxError: number;
  /** max |loss| / max |cost| (1 for dW, db; m for dZ, dA). */
  ratio: number;
  /** The relative difference of loss and k·cost is at most NOTATION_TOLERANCE (round-off). */
  passed: boolean;
}

/** The JSON form of a comparison (what `JSON.stringify(comparison)` writes). */
export interface ConventionComparisonJSON {
  m: number;
  passed: boolean;
  rows: ConventionRow[];
  loss: DerivationJSON;
  cost: DerivationJSON;
}

/** The two derivations and the measured relation between them; a report, like a derivation. */
export interface ConventionComparison extends Report {
  loss: Derivation;
  cost: Derivation;
  m: number;
  rows: ConventionRow[];
  /** Both derivations verified and every relation holds. */
  passed: boolean;
  /** A heading (level 2 unless options say), one table row per quantity, the 1/m framed, the measured relation and the conclusion. */
  toMarkdown(options?: MarkdownOptions): string;
  /** The same as aligned plain text, the 1/m marked *(1/m)*. */
  toText(): string;
  toJSON(): ConventionComparisonJSON;
}
