/**
 * Derivations that check themselves: every backpropagation equation of a fully connected
 * network, derived in small steps, each step verified by computation on the spot.
 *
 *   per example:  ∂L/∂a, g'(z), ∂L/∂z = ∂L/∂a · g'(z)            (mathjs `derivative`, random points)
 *   all examples: dZ[L], dW[l] = (1/m) dZ[l] A[l−1]ᵀ, db[l], dA[l−1] = W[l]ᵀ dZ[l], dZ[l] = dA[l] ⊙ g'(Z[l])
 *                 (finite differences of J, or of the per-example L, on a random instance)
 *
 * Under the "loss" convention (the course) dZ and dA are per-example derivatives of L stacked
 * as columns, and the 1/m appears in dW and db only; under "cost" every quantity is a
 * derivative of J, and the 1/m appears in dZ[L] and nowhere after. dW and db agree; dZ and dA
 * differ by exactly m.
 *
 * Every claimed formula is data (`ClaimOverrides`): `deriveWith(spec, overrides)` replaces one,
 * and its step's check fails — the tests do this with a missing 1/m, a doubled 1/m, tanh'
 * written from z, and transposes on the wrong side.
 *
 * The pieces: claims.ts holds the claimed formulas, statements.ts words each step (TeX, text,
 * rule), scalar.ts checks the per-example steps with mathjs, matrix.ts (with probe.ts) checks the
 * matrix steps by finite differences on the random instance of instance.ts, and this file walks
 * the network from the output down, pairing each statement with its check.
 *
 * Used in: lessons 01-one-neuron (one unit), 05-one-hidden-layer (the week-3 network),
 * 06-deep-network (any depth; deriveWith with planted mistakes), 03-where-does-1-over-m-go.
 */
import { ActivationName } from '../nn/activations';
import { LossName } from '../nn/losses';
import { Matrix } from '../core/matrix';
import { createRng } from '../core/random';
import { headingMarks } from '../core/format';
import { DeriveSpec, ResolvedSpec, hiddenActivation, resolveSpec } from './spec';
import type { ClaimOverrides, Derivation, DerivationInstance, DerivationStep, MatrixClaims, ScalarClaim, StepCheck } from './types';
import { checkActivationDerivative, checkLossDerivative, checkOutputDelta, checkSoftmaxDelta, activationExpressions } from './scalar';
import { defaultActivationDerivatives, defaultLossDerivatives, defaultMatrixClaims, evaluateEntrywise } from './claims';
import { checkMatrixStep } from './matrix';
import { DERIVATION_TOLERANCE } from '../core/tolerance';
import { MatrixTarget } from './probe';
import { instanceProblem, randomInstance } from './instance';
import { finalEquations, outputDeltaIsAMinusY, paren } from './tex';
import {
  Statement,
  activationStatement,
  dAStatement,
  dWStatement,
  dbStatement,
  hiddenDZStatement,
  lossDerivativeStatement,
  outputDeltaStatement,
  outputStackStatement,
  softmaxDeltaStatement,
} from './statements';
import { renderMarkdown, renderText } from './render';

export * from './spec';
export type * from './types';

/** The claims a derivation checks: the defaults with the overrides applied. */
interface Claims {
  matrix: MatrixClaims;
  /** The per-unit loss the output is differentiated with (categorical after a softmax). */
  unitLoss: LossName;
  loss: ScalarClaim;
  activation(g: ActivationName): ScalarClaim;
  /** ∂L/∂z at the output, per example. */
  outputDelta: ScalarClaim;
}

/** A step before it is numbered. */
type Step = Omit<DerivationStep, 'number'>;

function resolveClaims(spec: ResolvedSpec, overrides: ClaimOverrides): Claims {
  const d = defaultMatrixClaims;
  const matrix: MatrixClaims = {
    dZOutput: overrides.dZOutput ?? d.dZOutput,
    dW: overrides.dW ?? d.dW,
    db: overrides.db ?? d.db,
    dA: overrides.dA ?? d.dA,
    dZ: overrides.dZ ?? d.dZ,
  };
  const activation = (g: ActivationName): ScalarClaim => overrides.activationDerivatives?.[g] ?? defaultActivationDerivatives[g];
  const out = spec.activations[spec.L - 1];
  const unitLoss: LossName = out === 'softmax' ? 'categorical-cross-entropy' : spec.loss;
  const loss = overrides.lossDerivative ?? defaultLossDerivatives[unitLoss];
  let outputDelta: ScalarClaim;
  if (overrides.outputDelta !== undefined) outputDelta = overrides.outputDelta;
  else if (out === 'softmax') outputDelta = { expr: 'a - y', tex: 'a_{k} - y_{k}' };
  else if (outputDeltaIsAMinusY(spec.loss, out)) outputDelta = { expr: 'a - y', tex: 'a - y' };
  else outputDelta = { expr: `(${loss.expr}) * (${activation(out).expr})`, tex: `${paren(loss.tex)} \\cdot ${paren(activation(out).tex)}` };
  return { matrix, unitLoss, loss, activation, outputDelta };
}

function scalarCheck(c: { method: string; maxError: number; passed: boolean; tolerance: number }): StepCheck {
  const against = c.method.startsWith('mathjs derivative') ? 'mathjs' : 'differences';
  return { method: c.method, maxError: c.maxError, passed: c.passed, tolerance: c.tolerance, against };
}

/** The scalar step g'(z) of layer l, checked against mathjs (or differences, for relu). */
function activationStep(g: ActivationName, l: number, claim: ScalarClaim, seed: number): Step {
  return { ...activationStatement(g, l, claim), kind: 'scalar', check: scalarCheck(checkActivationDerivative(g, claim, createRng(seed))) };
}

/** The per-example steps at the output: ∂L/∂a, then g'(z) and the chain rule (or the softmax's). */
function outputSteps(spec: ResolvedSpec, claims: Claims): Step[] {
  const { L, seed } = spec;
  const lossCheck = checkLossDerivative(claims.unitLoss, claims.loss, createRng(seed * 31 + 1));
  const steps: Step[] = [{ ...lossDerivativeStatement(L, claims.unitLoss, claims.loss), kind: 'scalar', check: scalarCheck(lossCheck) }];
  const out = spec.activations[L - 1];
  if (out === 'softmax') {
    const check = checkSoftmaxDelta(claims.outputDelta, createRng(seed * 31 + 3));
    steps.push({ ...softmaxDeltaStatement(L, claims.outputDelta), kind: 'scalar', check: scalarCheck(check) });
    return steps;
  }
  const gClaim = claims.activation(out);
  steps.push(activationStep(out, L, gClaim, seed * 31 + 2));
  const check = checkOutputDelta(spec.loss, out, claims.outputDelta, createRng(seed * 31 + 3));
  const statement = outputDeltaStatement(L, out, { loss: claims.loss, activation: gClaim, delta: claims.outputDelta }, outputDeltaIsAMinusY(spec.loss, out));
  steps.push({ ...statement, kind: 'scalar', check: scalarCheck(check) });
  return steps;
}

/** Where the matrix steps are checked, and what they have produced so far. */
interface MatrixContext {
  spec: ResolvedSpec;
  claims: Claims;
  instance: DerivationInstance;
  /** The instance's forward values A0 = X, Z1, A1, …, by key. */
  cache: Record<string, Matrix>;
  steps: Step[];
  /** The claimed values, with the course's keys (dZ2, dW2, …). */
  values: Record<string, Matrix>;
  /** Why no matrix step can be checked on this instance (a NaN or an Infinity in it), if so. */
  problem?: string;
}

/** A matrix step: its wording, its claim, and the course's formula for the same quantity. */
interface MatrixStepSpec {
  statement: Statement;
  claimed: () => Matrix;
  /** The default claim (the course's equation), used to go on when the claim fails to give a usable matrix. */
  fallback: () => Matrix;
  target: MatrixTarget;
  against: 'J' | 'L';
  /** The course's key of the value: dZ2, dW1, … */
  key: string;
}

/**
 * Checks one matrix claim against finite differences of J or L and records the step; returns
 * the claimed value (or, when the claim gave no usable matrix, the default claim's) for the next steps.
 */
function matrixStep(ctx: MatrixContext, step: MatrixStepSpec): Matrix {
  const r = ctx.problem === undefined ? checkMatrixStep(ctx.spec, ctx.instance, ctx.cache, step.claimed, step.target, step.against) : unchecked(ctx.problem, step.against);
  ctx.steps.push({ ...step.statement, kind: 'matrix', check: r.check });
  const value = r.value ?? step.fallback();
  ctx.values[step.key] = value;
  return value;
}

/** A matrix step that could not be checked: it fails, with the reason. */
function unchecked(problem: string, against: 'J' | 'L'): { check: StepCheck; value: undefined } {
  return { check: { method: `not checked: ${problem}`, maxError: Number.POSITIVE_INFINITY, passed: false, tolerance: DERIVATION_TOLERANCE, against }, value: undefined };
}

function forward(ctx: MatrixContext, key: string): Matrix {
  const v = ctx.cache[key];
  if (v === undefined) throw new RangeError(`forward cache has no ${key}`);
  return v;
}

/** dZ[L] for all m examples: the claimed ∂L/∂z evaluated on the instance, stacked (and 1/m under "cost"). */
function outputMatrixStep(ctx: MatrixContext): Matrix {
  const { spec, claims, instance } = ctx;
  const { L, convention } = spec;
  const delta = (): Matrix => evaluateEntrywise(claims.outputDelta, { z: forward(ctx, `Z${L}`), a: forward(ctx, `A${L}`), y: instance.Y });
  const args = (): Parameters<MatrixClaims['dZOutput']>[0] => ({ delta: delta(), m: instance.m, convention });
  return matrixStep(ctx, {
    statement: outputStackStatement(spec),
    claimed: () => claims.matrix.dZOutput(args()),
    fallback: () => defaultMatrixClaims.dZOutput(args()),
    target: { kind: 'layer', quantity: 'Z', layer: L },
    against: convention === 'cost' ? 'J' : 'L',
    key: `dZ${L}`,
  });
}

/**
 * The matrix steps of layer l, given its dZ[l]: dW[l] and db[l], then (below the first layer)
 * dA[l−1], the scalar g'(z) of layer l − 1 and dZ[l−1], which is returned.
 */
function layerSteps(ctx: MatrixContext, l: number, dZ: Matrix): Matrix | undefined {
  const { spec, claims, instance } = ctx;
  const { convention } = spec;
  const { m } = instance;
  const { dW, db, dA: dAClaim, dZ: dZClaim } = claims.matrix;
  const d = defaultMatrixClaims;
  const wArgs = { dZ, APrev: forward(ctx, `A${l - 1}`), m, convention };
  const W: MatrixTarget = { kind: 'parameter', name: `W${l}` };
  const b: MatrixTarget = { kind: 'parameter', name: `b${l}` };
  matrixStep(ctx, { statement: dWStatement(spec, l), claimed: () => dW(wArgs), fallback: () => d.dW(wArgs), target: W, against: 'J', key: `dW${l}` });
  matrixStep(ctx, { statement: dbStatement(spec, l), claimed: () => db(wArgs), fallback: () => d.db(wArgs), target: b, against: 'J', key: `db${l}` });
  if (l === 1) return undefined;
  const against = convention === 'cost' ? 'J' : 'L';
  const aArgs = { W: instance.parameters[`W${l}`], dZ };
  const A: MatrixTarget = { kind: 'layer', quantity: 'A', layer: l - 1 };
  const dA = matrixStep(ctx, { statement: dAStatement(spec, l), claimed: () => dAClaim(aArgs), fallback: () => d.dA(aArgs), target: A, against, key: `dA${l - 1}` });
  const g = hiddenActivation(spec, l - 1);
  const gClaim = claims.activation(g);
  ctx.steps.push(activationStep(g, l - 1, gClaim, spec.seed * 31 + 10 + l));
  const zArgs = (): Parameters<MatrixClaims['dZ']>[0] => ({ dA, gPrime: evaluateEntrywise(gClaim, { z: forward(ctx, `Z${l - 1}`), a: forward(ctx, `A${l - 1}`) }) });
  const Z: MatrixTarget = { kind: 'layer', quantity: 'Z', layer: l - 1 };
  return matrixStep(ctx, { statement: hiddenDZStatement(spec, l - 1, g), claimed: () => dZClaim(zArgs()), fallback: () => d.dZ(zArgs()), target: Z, against, key: `dZ${l - 1}` });
}

/** Numbers the steps and adds the renderings. */
function assemble(spec: ResolvedSpec, steps: Step[], values: Record<string, Matrix>, instance: DerivationInstance): Derivation {
  const numbered: DerivationStep[] = steps.map((s, i) => ({ number: i + 1, ...s }));
  const { tex: equations, text: equationsText } = finalEquations(spec);
  const failures = numbered.filter((s) => !s.check.passed);
  const derivation: Derivation = {
    spec,
    steps: numbered,
    equations,
    equationsText,
    passed: failures.length === 0,
    failures,
    values,
    instance,
    toMarkdown: (options = {}) => renderMarkdown(derivation, { heading: headingMarks(options.headingLevel) }),
    toText: () => renderText(derivation),
    toJSON: () => ({ spec, passed: derivation.passed, steps: numbered, equations, equationsText, instance: { m: instance.m, seed: instance.seed } }),
  };
  return derivation;
}

/**
 * Derives and verifies every backpropagation equation for a network.
 *
 * Syntax: derive(spec: DeriveSpec): Derivation
 *   spec = { layers: [n0, …, nL], activations: [g1, …, gL], loss, convention, examples?, seed? }
 *
 * Examples:
 *   const d = derive({ layers: [2, 4, 1], activations: ['tanh', 'sigmoid'], loss: 'cross-entropy', convention: 'loss' });
 *   d.passed;                  // true
 *   d.equations['dW[1]'];      // 'dW^{[1]} = \\frac{1}{m}\\, dZ^{[1]} X^{\\top}'
 *   d.equations['dZ[2]'];      // 'dZ^{[2]} = A^{[2]} - Y'
 *   d.steps[0].check;          // { method: 'mathjs derivative of …', maxError: 1.1e-16, passed: true, … }
 *   show(d);                   // in a lesson: numbered steps with rendered math (notebook layer's show)
 *   derive({ ...spec, activations: ['tanh'] });   // throws: activations has 1 entries but layers describes 2 layers (layers = [2,4,1])
 *
 * See also: deriveWith, compareConventions, compareGradients, meanDerivativeIdentity
 *
 * Used in: lessons 01-one-neuron, 05-one-hidden-layer, 06-deep-network; the CLI `backprop-lessons derive`.
 */
export function derive(spec: DeriveSpec): Derivation {
  return deriveWith(spec, {});
}

/**
 * `derive` with some claimed formulas replaced: the way to see a check fail. Each override
 * replaces one claim everywhere it is used (scalar check and matrix step alike).
 *
 * Syntax: deriveWith(spec, overrides: ClaimOverrides): Derivation
 *
 * Examples:
 *   deriveWith(spec, { dW: ({ dZ, APrev }) => dZ.dot(APrev.transpose()) }).failures.map((s) => s.equation);
 *   // ['dW[2]', 'dW[1]']   (the 1/m is missing under "loss")
 *   deriveWith(spec, { activationDerivatives: { tanh: { expr: '1 - z^2', tex: '1 - z^{2}' } } }).passed;   // false
 *
 * See also: derive, defaultMatrixClaims, defaultActivationDerivatives
 *
 * Used in: lesson 06-deep-network (a missing and a doubled 1/m); the CLI's --mutate.
 */
export function deriveWith(specIn: DeriveSpec, overrides: ClaimOverrides): Derivation {
  const spec = resolveSpec(specIn);
  const claims = resolveClaims(spec, overrides);
  const { instance, cache } = randomInstance(spec);
  const problem = instanceProblem(instance, cache);
  const ctx: MatrixContext = { spec, claims, instance, cache, steps: outputSteps(spec, claims), values: {}, ...(problem === undefined ? {} : { problem }) };
  let dZ: Matrix | undefined = outputMatrixStep(ctx);
  for (let l = spec.L; l >= 1 && dZ !== undefined; l--) dZ = layerSteps(ctx, l, dZ);
  return assemble(spec, ctx.steps, ctx.values, instance);
}

/** Re-exported for lessons that show what mathjs is asked to differentiate. */
export { activationExpressions };
