/**
 * The identity behind every 1/m in backprop: the derivative of the mean is the mean of the
 * derivatives,
 *
 *   dJ/dw = d/dw [ (1/m) Σ_i L(w; x(i), y(i)) ] = (1/m) Σ_i dL(w; x(i), y(i))/dw,
 *
 * shown three ways for a logistic-regression loss L = −(y log σ(wx + c) + (1 − y) log(1 − σ(wx + c))):
 *   1. symbolically for a small m (default 3): mathjs differentiates the mean of m symbolic losses,
 *      and the result is, node for node, the mean of mathjs's derivatives of each loss (linearity
 *      of the derivative: a sum differentiates term by term, a constant factor stays outside);
 *      for a squared-error loss mathjs `simplify` also reduces their difference to 0;
 *   2. the two symbolic expressions evaluated at random points (they agree to round-off);
 *   3. numerically for a large m (default 1000): central differences of J against the mean of
 *      the m per-example derivatives.
 *
 * Used in: lesson 02-many-examples (why the derivative of a mean is the mean of the derivatives).
 */
import type { MathNode, ParenthesisNode } from 'mathjs';
import { expressionToTex, loadMathjs } from '../core/symbolic';
import { Rng, createRng } from '../core/random';

/** The evidence returned by meanDerivativeIdentity. */
export interface MeanDerivativeEvidence {
  symbolic: {
    m: number;
    /** The per-example loss, as a mathjs expression in w, c, x, y. */
    loss: string;
    /** J = (1/m) Σ L for the m symbolic examples, TeX. */
    costTex: string;
    /** mathjs's dJ/dw (unsimplified), TeX. */
    derivativeOfMeanTex: string;
    /** (1/m) Σ of mathjs's dL(i)/dw, TeX. */
    meanOfDerivativesTex: string;
    /** True when the two expression trees are identical (parentheses aside). */
    identicalTrees: boolean;
    /** Both expressions evaluated at random points: the largest difference. */
    maxErrorAtRandomPoints: number;
    /** Squared-error loss: mathjs simplify of (derivative of the mean − mean of the derivatives). */
    squaredErrorDifference: string;
  };
  numeric: {
    m: number;
    /** dJ/dw by four-point central differences. */
    derivativeOfMean: number;
    /** (1/m) Σ dL(i)/dw, each from mathjs's derivative. */
    meanOfDerivatives: number;
    /** |derivativeOfMean − meanOfDerivatives| / max(1, |meanOfDerivatives|). */
    error: number;
  };
  /** All of the above hold (identical trees, difference 0, errors below 1e-8). */
  passed: boolean;
}

const LOGISTIC = (x: string, y: string): string =>
  `-(${y} * log(1 / (1 + exp(-(w * ${x} + c)))) + (1 - ${y}) * log(1 - 1 / (1 + exp(-(w * ${x} + c)))))`;
const SQUARED = (x: string, y: string): string => `(w * ${x} + c - ${y})^2 / 2`;

function isParenthesis(n: MathNode): n is ParenthesisNode {
  return n.type === 'ParenthesisNode';
}

function stripParentheses(node: MathNode): MathNode {
  return node.transform((n: MathNode) => (isParenthesis(n) ? stripParentheses(n.content) : n));
}

/**
 * Evidence that the derivative of the mean is the mean of the derivatives.
 *
 * Syntax: meanDerivativeIdentity(options?: { m?: number; mLarge?: number; seed?: number; simplify?: boolean; divisor?: (m) => number }): MeanDerivativeEvidence
 *   `divisor` is what the mean of the derivatives divides by (default m): anything else must
 *   make the evidence fail, which the tests check.
 *
 * Examples:
 *   const e = meanDerivativeIdentity();
 *   e.symbolic.identicalTrees;            // true
 *   e.symbolic.squaredErrorDifference;    // '0'
 *   e.numeric.error < 1e-8;               // true   (m = 1000)
 *
 * See also: derive, costFromLoss
 */
export function meanDerivativeIdentity(options: { m?: number; mLarge?: number; seed?: number; simplify?: boolean; divisor?: (m: number) => number } = {}): MeanDerivativeEvidence {
  const m = options.m ?? 3;
  const mLarge = options.mLarge ?? 1000;
  if (!Number.isInteger(m) || m < 1 || m > 12) throw new RangeError(`meanDerivativeIdentity: m must be an integer in 1 … 12, got ${m}`);
  if (!Number.isInteger(mLarge) || mLarge < 1) throw new RangeError(`meanDerivativeIdentity: mLarge must be a positive integer, got ${mLarge}`);
  const rng = createRng(options.seed ?? 3);
  const divisor = options.divisor ?? ((k: number) => k);
  const symbolic = symbolicEvidence(m, divisor, rng, options.simplify !== false);
  const numeric = numericEvidence(mLarge, divisor, rng);
  const passed =
    symbolic.identicalTrees &&
    symbolic.maxErrorAtRandomPoints < 1e-12 &&
    (symbolic.squaredErrorDifference === '0' || options.simplify === false) &&
    numeric.error < 1e-8;
  return { symbolic, numeric, passed };
}

/** mathjs's d/dw of the mean of m logistic losses against the mean of its d/dw of each, as trees and at random points. */
function symbolicEvidence(m: number, divisor: (m: number) => number, rng: Rng, simplify: boolean): MeanDerivativeEvidence['symbolic'] {
  const math = loadMathjs();
  const idx = Array.from({ length: m }, (_, i) => i + 1);
  const J = math.parse(`(${idx.map((i) => LOGISTIC(`x${i}`, `y${i}`)).join(' + ')}) / ${m}`);
  const dJ = stripParentheses(math.derivative(J, 'w', { simplify: false }));
  const perExample = idx.map((i) => math.derivative(LOGISTIC(`x${i}`, `y${i}`), 'w', { simplify: false }));
  // (1/m) Σ dL(i)/dw built as a tree from mathjs's own derivative trees: ((d1 + d2) + d3) / m.
  const [first, ...rest] = perExample;
  if (first === undefined) throw new RangeError('meanDerivativeIdentity: m must be at least 1');
  const sumOfD = rest.reduce<MathNode>((acc, d) => new math.OperatorNode('+', 'add', [acc, d]), first);
  const meanOfD = stripParentheses(new math.OperatorNode('/', 'divide', [sumOfD, new math.ConstantNode(divisor(m))]));
  // Same tree: the same text with every parenthesis written out (node.equals also compares
  // incidental node properties that parse and derivative set differently).
  const canonical = (n: MathNode): string => n.toString({ parenthesis: 'all', implicit: 'show' });
  const f1 = dJ.compile();
  const f2 = meanOfD.compile();
  let maxErrorAtRandomPoints = 0;
  for (let k = 0; k < 32; k++) {
    const scope: Record<string, number> = { w: rng.normal(), c: rng.normal() };
    for (const i of idx) {
      scope[`x${i}`] = 2 * rng.normal();
      scope[`y${i}`] = rng.uniform() < 0.5 ? 0 : 1;
    }
    const a: number = f1.evaluate(scope);
    const b: number = f2.evaluate(scope);
    maxErrorAtRandomPoints = Math.max(maxErrorAtRandomPoints, Math.abs(a - b) / Math.max(1, Math.abs(b)));
  }
  return {
    m,
    loss: LOGISTIC('x', 'y'),
    costTex: expressionToTex(J),
    derivativeOfMeanTex: expressionToTex(dJ),
    meanOfDerivativesTex: expressionToTex(meanOfD),
    identicalTrees: canonical(dJ) === canonical(meanOfD),
    maxErrorAtRandomPoints,
    squaredErrorDifference: simplify ? squaredErrorDifference(idx, divisor(m)) : 'not computed',
  };
}

/** Squared error: mathjs simplify decides the polynomial identity (derivative of the mean − mean of the derivatives). */
function squaredErrorDifference(idx: readonly number[], divideBy: number): string {
  const math = loadMathjs();
  const JS = `(${idx.map((i) => SQUARED(`x${i}`, `y${i}`)).join(' + ')}) / ${idx.length}`;
  const d1 = math.derivative(JS, 'w');
  const d2 = `(${idx.map((i) => `(${math.derivative(SQUARED(`x${i}`, `y${i}`), 'w').toString()})`).join(' + ')}) / ${divideBy}`;
  return math.simplify(`(${d1.toString()}) - (${d2})`).toString();
}

/** For mLarge examples: a five-point difference of the mean loss in w against the mean of mathjs's per-example derivatives. */
function numericEvidence(mLarge: number, divisor: (m: number) => number, rng: Rng): MeanDerivativeEvidence['numeric'] {
  const math = loadMathjs();
  const x = Array.from({ length: mLarge }, () => 2 * rng.normal());
  const y = Array.from({ length: mLarge }, () => (rng.uniform() < 0.5 ? 0 : 1));
  const w0 = rng.normal();
  const c0 = rng.normal();
  const lossOne = math.compile(LOGISTIC('x', 'y'));
  const dLossOne = math.derivative(LOGISTIC('x', 'y'), 'w').compile();
  const cost = (w: number): number => {
    let s = 0;
    for (let i = 0; i < mLarge; i++) s += lossOne.evaluate({ w, c: c0, x: x[i], y: y[i] });
    return s / mLarge;
  };
  const h = 1e-3;
  const derivativeOfMean = (-cost(w0 + 2 * h) + 8 * cost(w0 + h) - 8 * cost(w0 - h) + cost(w0 - 2 * h)) / (12 * h);
  let sum = 0;
  for (let i = 0; i < mLarge; i++) sum += dLossOne.evaluate({ w: w0, c: c0, x: x[i], y: y[i] });
  const meanOfDerivatives = sum / divisor(mLarge);
  const error = Math.abs(derivativeOfMean - meanOfDerivatives) / Math.max(1, Math.abs(meanOfDerivatives));
  return { m: mLarge, derivativeOfMean, meanOfDerivatives, error };
}
