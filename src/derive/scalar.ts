/**
 * The per-example (scalar) steps of a derivation: ∂L/∂a, g'(z) and their product ∂L/∂z,
 * derived with mathjs `derivative` and compared with the claimed closed form at random points.
 * mathjs `simplify` does not reach textbook forms such as a − y, so the comparison is numeric.
 * mathjs cannot differentiate max(0, z): the ReLU's derivative is then stated (with its value
 * at the kink, relu'(0) = 0) and compared with two-sided differences away from the kink.
 *
 * A claimed closed form is data, `{ expr, tex }`: `expr` is a mathjs expression in z, a = g(z)
 * and y. The matrix steps evaluate the same `expr` entry by entry, so replacing a claim (as the
 * tests do, e.g. tanh' written from z instead of a) changes both the scalar and the matrix checks.
 *
 * Used by: derive.ts. Used in: lessons 01-one-neuron, 05-one-hidden-layer, 06-deep-network.
 */
import type { MathNode, EvalFunction } from 'mathjs';
import { activations, ActivationName } from '../nn/activations';
import { LossName } from '../nn/losses';
import { Rng } from '../core/random';
import { loadMathjs } from '../core/symbolic';
import { FOUR_POINT_STEP, SYMBOLIC_TOLERANCE } from '../core/tolerance';
import type { ScalarClaim } from './types';
import type { DeriveLossName } from './spec';
import { compile, evaluateClaim, toNumber } from './claims';

/** How a scalar step was checked and what was measured. */
interface ScalarCheck {
  method: string;
  maxError: number;
  passed: boolean;
  tolerance: number;
  points: number;
}

/** Number of random points a scalar claim is evaluated at. */
const SCALAR_POINTS = 64;

/**
 * The activations' forward functions as mathjs expressions in z: what mathjs `derivative` is
 * given (the numeric forward functions are in nn/activations.ts).
 *
 * Example: `loadMathjs().derivative(activationExpressions.tanh, 'z').toString(); // 'sech(z) ^ 2'`
 *
 * See also: checkActivationDerivative, activations (nn)
 */
export const activationExpressions: Readonly<Record<ActivationName, string>> = Object.freeze({
  sigmoid: '1 / (1 + exp(-z))',
  tanh: 'tanh(z)',
  relu: 'max(0, z)',
  linear: 'z',
});

/** Non-differentiable points of an activation, with the derivative value the course states there. */
const activationKinks: Readonly<Partial<Record<ActivationName, { z: number; value: number }>>> = Object.freeze({
  relu: { z: 0, value: 0 },
});

/** Per-unit losses as mathjs expressions in a and y, and where their random points are drawn. */
const lossExpressions: Readonly<Record<LossName, { expr: string; a: [number, number]; y: [number, number] }>> =
  Object.freeze({
    'cross-entropy': { expr: '-(y * log(a) + (1 - y) * log(1 - a))', a: [0.02, 0.98], y: [0, 1] },
    'squared-error': { expr: '(a - y)^2 / 2', a: [-2, 2], y: [-2, 2] },
    'categorical-cross-entropy': { expr: '-y * log(a)', a: [0.02, 0.98], y: [0, 1] },
  });

/** mathjs's derivative of `expr` in `variable`, or null when mathjs cannot differentiate it (max). */
function symbolicDerivative(expr: string | MathNode, variable: string): MathNode | null {
  try {
    // simplify: false — mathjs's simplification costs ~0.4 s per expression and does not reach
    // textbook forms anyway; the unsimplified derivative has the same values.
    return loadMathjs().derivative(expr, variable, { simplify: false });
  } catch {
    return null;
  }
}

function uniform(rng: Rng, [lo, hi]: [number, number]): number {
  return lo + (hi - lo) * rng.uniform();
}

/** d/dv f by the four-point central stencil (error O(h⁴)), f given as a compiled expression. */
function centralDerivative(f: EvalFunction, scope: Record<string, number>, variable: string, h = FOUR_POINT_STEP): number {
  const at = (t: number): number => toNumber(f.evaluate({ ...scope, [variable]: scope[variable] + t }));
  return (-at(2 * h) + 8 * at(h) - 8 * at(-h) + at(-2 * h)) / (12 * h);
}

/** "z = 0.312, a = 0.577": the point a scalar claim was evaluated at (its z, a and y). */
function formatScope(scope: Record<string, number>): string {
  return ['z', 'a', 'y']
    .filter((k) => scope[k] !== undefined)
    .map((k) => `${k} = ${Number(scope[k].toPrecision(3))}`)
    .join(', ');
}

/** A running comparison of the truth with a claim at sample points; the first non-finite value is named, never averaged away. */
function comparison(): {
  note(truth: number, claimed: number, scope: Record<string, number>, absolute?: boolean): void;
  result(): { maxError: number; points: number; nonFinite?: string };
} {
  let maxError = 0;
  let points = 0;
  let nonFinite: string | undefined;
  return {
    note(truth, claimed, scope, absolute = false) {
      points++;
      if (!Number.isFinite(truth) || !Number.isFinite(claimed)) {
        nonFinite ??= `${Number.isFinite(claimed) ? `the true derivative is ${truth}` : `the closed form gives ${claimed}`} at ${formatScope(scope)}`;
        maxError = Number.POSITIVE_INFINITY;
        return;
      }
      maxError = Math.max(maxError, Math.abs(truth - claimed) / (absolute ? 1 : Math.max(1, Math.abs(truth))));
    },
    result: () => ({ maxError, points, ...(nonFinite === undefined ? {} : { nonFinite }) }),
  };
}

/** Options of checkScalarClaim. */
interface ScalarClaimCheck {
  expr: string | MathNode;
  variable: string;
  claim: ScalarClaim;
  sample: (rng: Rng) => Record<string, number>;
  rng: Rng;
  kink?: { scope: Record<string, number>; value: number };
  kinkMargin?: number;
  describe: string;
}

/** The comparison at SCALAR_POINTS random points (and at the kink), and the method in words. */
function compareClaim(options: ScalarClaimCheck): { method: string; maxError: number; points: number; nonFinite?: string } {
  const { expr, variable, claim, sample, rng, kink, describe } = options;
  const d = symbolicDerivative(expr, variable);
  const c = comparison();
  if (d !== null) {
    const truth = d.compile();
    for (let k = 0; k < SCALAR_POINTS; k++) {
      const scope = sample(rng);
      c.note(toNumber(truth.evaluate({ ...scope })), evaluateClaim(claim, scope), scope);
    }
    return { method: `mathjs derivative of ${describe} compared with the closed form at ${SCALAR_POINTS} random points`, ...c.result() };
  }
  const f = typeof expr === 'string' ? compile(expr) : expr.compile();
  const margin = options.kinkMargin ?? 0.1;
  for (let k = 0; k < SCALAR_POINTS; k++) {
    let scope = sample(rng);
    while (Math.abs(scope[variable]) < margin) scope = sample(rng);
    c.note(centralDerivative(f, scope, variable), evaluateClaim(claim, scope), scope);
  }
  const exprText = typeof expr === 'string' ? expr : expr.toString();
  let method = `mathjs cannot differentiate \`${exprText}\`: central differences of ${describe} compared with the closed form at ${SCALAR_POINTS} random points with |${variable}| ≥ ${margin}`;
  if (kink !== undefined) {
    const atKink = evaluateClaim(claim, kink.scope);
    c.note(kink.value, atKink, kink.scope, true);
    method += `; at the kink ${variable} = ${kink.scope[variable]} the derivative is stated as ${kink.value} (the closed form gives ${atKink})`;
  }
  return { method, ...c.result() };
}

/**
 * Compares `claim` with the true derivative of `expr` in `variable` at random points.
 * `sample` draws one point (a scope); the claim may use extra names the scope provides (a = g(z)).
 * When mathjs cannot differentiate `expr`, the truth is a four-point central difference and
 * points closer than `kinkMargin` to a kink are redrawn; `kink`, when given, is the stated
 * derivative at the kink, checked exactly. A NaN or an infinity, in the truth or the claim,
 * fails the check and is named with its point.
 *
 * Syntax: checkScalarClaim({ expr, variable, claim, sample, rng, kink?, kinkMargin?, describe }): ScalarCheck
 *
 * Example:
 *   checkScalarClaim({ expr: 'z^2', variable: 'z', claim: { expr: '2 * z', tex: '2z' },
 *     sample: (r) => ({ z: r.normal() }), rng: createRng(1), describe: '`z^2`' }).passed;   // true
 *
 * See also: checkActivationDerivative, checkLossDerivative, checkOutputDelta
 */
function checkScalarClaim(options: ScalarClaimCheck): ScalarCheck {
  let r: { method: string; maxError: number; points: number; nonFinite?: string };
  try {
    r = compareClaim(options);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return { method: `the closed form ${JSON.stringify(options.claim.expr)} could not be evaluated: ${message}`, maxError: Number.POSITIVE_INFINITY, passed: false, tolerance: SYMBOLIC_TOLERANCE, points: 0 };
  }
  const method = r.nonFinite === undefined ? r.method : `${r.method}: ${r.nonFinite}`;
  const passed = r.nonFinite === undefined && r.maxError <= SYMBOLIC_TOLERANCE && r.points > 0;
  return { method, maxError: r.maxError, passed, tolerance: SYMBOLIC_TOLERANCE, points: r.points };
}

/** Where a loss's random points are drawn. */
function sampleLossPoint(loss: LossName, rng: Rng): Record<string, number> {
  const dom = lossExpressions[loss];
  return { a: uniform(rng, dom.a), y: uniform(rng, dom.y) };
}

/**
 * Checks a claimed ∂ℓ/∂a of a per-unit loss against mathjs's derivative of the loss at 64 random
 * points (a and y in the loss's domain), e.g. −(y/a − (1 − y)/(1 − a)) for cross-entropy.
 *
 * Syntax: checkLossDerivative(loss: LossName, claim: ScalarClaim, rng: Rng): ScalarCheck
 *
 * Example: `checkLossDerivative('squared-error', defaultLossDerivatives['squared-error'], createRng(1)).passed; // true`
 *
 * See also: checkActivationDerivative, checkOutputDelta
 *
 * Derived in: lesson 01-one-neuron.
 */
export function checkLossDerivative(loss: LossName, claim: ScalarClaim, rng: Rng): ScalarCheck {
  return checkScalarClaim({
    expr: lossExpressions[loss].expr,
    variable: 'a',
    claim,
    rng,
    sample: (r) => sampleLossPoint(loss, r),
    describe: `\`${lossExpressions[loss].expr}\``,
  });
}

/**
 * Checks a claimed activation derivative, given in z and a = g(z) (e.g. 1 − a² for tanh), against
 * mathjs's derivative at 64 random z; for relu, which mathjs cannot differentiate, against
 * four-point differences away from the kink, and the stated value at z = 0 exactly.
 *
 * Syntax: checkActivationDerivative(name: ActivationName, claim: ScalarClaim, rng: Rng): ScalarCheck
 *
 * Examples:
 *   checkActivationDerivative('tanh', { expr: '1 - a^2', tex: '' }, createRng(1)).passed;          // true
 *   checkActivationDerivative('tanh', { expr: '1 - z^2', tex: '' }, createRng(1)).passed;          // false (tanh' from z)
 *   checkActivationDerivative('relu', { expr: 'z >= 0 ? 1 : 0', tex: '' }, createRng(1)).passed;   // false (relu'(0) stated as 1)
 *
 * See also: checkLossDerivative, defaultActivationDerivatives
 *
 * Derived in: lessons 01-one-neuron (sigmoid), 05-one-hidden-layer (tanh), 06-deep-network (relu).
 */
export function checkActivationDerivative(name: ActivationName, claim: ScalarClaim, rng: Rng): ScalarCheck {
  const g = activations[name];
  const kink = activationKinks[name];
  return checkScalarClaim({
    expr: activationExpressions[name],
    variable: 'z',
    claim,
    rng,
    sample: (r) => {
      const z = uniform(r, [-3, 3]);
      return { z, a: g.f(z) };
    },
    ...(kink === undefined ? {} : { kink: { scope: { z: kink.z, a: g.f(kink.z) }, value: kink.value } }),
    describe: `\`${activationExpressions[name]}\``,
  });
}

/** The per-unit loss with a replaced by g(z): the function whose z-derivative is ∂L/∂z. */
function composedLoss(loss: DeriveLossName, activation: ActivationName): MathNode {
  const math = loadMathjs();
  const inner = math.parse(`(${activationExpressions[activation]})`);
  return math.parse(lossExpressions[loss].expr).transform((node: MathNode) =>
    math.isSymbolNode(node) && node.name === 'a' ? inner : node,
  );
}

/**
 * Checks a claimed ∂L/∂z for an element-wise output activation: mathjs differentiates the loss of
 * g(z) in z (the chain rule done by mathjs), the claim is evaluated at a = g(z), at 64 random points.
 *
 * Syntax: checkOutputDelta(loss: DeriveLossName, activation: ActivationName, claim: ScalarClaim, rng: Rng): ScalarCheck
 *
 * Example: `checkOutputDelta('cross-entropy', 'sigmoid', { expr: 'a - y', tex: 'a - y' }, createRng(1)).passed; // true`
 *
 * See also: checkSoftmaxDelta, outputDeltaIsAMinusY
 *
 * Derived in: lesson 01-one-neuron.
 */
export function checkOutputDelta(
  loss: DeriveLossName,
  activation: ActivationName,
  claim: ScalarClaim,
  rng: Rng,
): ScalarCheck {
  const g = activations[activation];
  const dom = lossExpressions[loss];
  const zRange: [number, number] = [-3, 3];
  return checkScalarClaim({
    expr: composedLoss(loss, activation),
    variable: 'z',
    claim,
    rng,
    sample: (r) => {
      const z = uniform(r, zRange);
      return { z, a: g.f(z), y: uniform(r, dom.y) };
    },
    describe: `the loss of \`a = ${activationExpressions[activation]}\``,
  });
}

/** The softmax categorical cross-entropy for K classes as a mathjs expression in z1 … zK, y1 … yK. */
function softmaxLossExpression(K: number): string {
  const sum = Array.from({ length: K }, (_, k) => `exp(z${k + 1})`).join(' + ');
  return `-(${Array.from({ length: K }, (_, k) => `y${k + 1} * log(exp(z${k + 1}) / (${sum}))`).join(' + ')})`;
}

/**
 * Checks a claimed ∂L/∂z₁ for a softmax output with categorical cross-entropy on K = 3 classes:
 * mathjs differentiates the whole loss in z1; the claim is evaluated with z = z1, a = softmax(z)₁,
 * y = y1, at random z and random probability vectors y (Σ y = 1).
 *
 * Syntax: checkSoftmaxDelta(claim: ScalarClaim, rng: Rng, K = 3): ScalarCheck
 *
 * Example: `checkSoftmaxDelta({ expr: 'a - y', tex: 'a_{k} - y_{k}' }, createRng(1)).passed; // true`
 *
 * See also: checkOutputDelta
 *
 * Derived in: lesson 10-other-losses-l2-and-shapes.
 */
export function checkSoftmaxDelta(claim: ScalarClaim, rng: Rng, K = 3): ScalarCheck {
  return checkScalarClaim({
    expr: softmaxLossExpression(K),
    variable: 'z1',
    claim,
    rng,
    sample: (r) => {
      const z = Array.from({ length: K }, () => uniform(r, [-3, 3]));
      const w = Array.from({ length: K }, () => r.uniform() + 1e-3);
      const s = w.reduce((p, q) => p + q, 0);
      const e = z.map(Math.exp);
      const se = e.reduce((p, q) => p + q, 0);
      const scope: Record<string, number> = { z: z[0], a: e[0] / se, y: w[0] / s };
      for (let k = 0; k < K; k++) {
        scope[`z${k + 1}`] = z[k];
        scope[`y${k + 1}`] = w[k] / s;
      }
      return scope;
    },
    describe: `the categorical cross-entropy of a softmax over ${K} classes (y a probability vector)`,
  });
}
