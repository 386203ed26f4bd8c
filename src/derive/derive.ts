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
 * Used in: lessons 01-one-neuron (one unit), 04-one-hidden-layer (the week-3 network),
 * 05-deep-network (any depth; deriveWith with planted mistakes), 03-where-does-1-over-m-go.
 */
import { ActivationName } from '../nn/activations';
import { Matrix } from '../core/matrix';
import { forwardPass } from '../nn/network';
import { createRng } from '../core/random';
import { DeriveActivationName, DeriveSpec, ResolvedSpec, resolveSpec } from './spec';
import type { ClaimOverrides, Derivation, DerivationInstance, DerivationStep, MatrixClaims, ScalarClaim, StepCheck } from './types';
import {
  checkActivationDerivative,
  checkLossDerivative,
  checkOutputDelta,
  checkSoftmaxDelta,
  defaultActivationDerivatives,
  defaultLossDerivatives,
  evaluateEntrywise,
  activationExpressions,
} from './scalar';
import { MatrixTarget, checkMatrixClaim, defaultMatrixClaims, randomInstance } from './matrix';
import {
  ONE_OVER_M,
  aColTex,
  aTTex,
  aText,
  activationDefinitionTex,
  activationMatrixTex,
  activationMatrixText,
  finalEquations,
  lossTex,
  outputDeltaIsAMinusY,
  outputDeltaMatrixTex,
  outputDeltaMatrixText,
  paren,
  sup,
} from './tex';
import { renderMarkdown, renderText, showDerivation } from './render';

export * from './spec';
export type * from './types';

const LOSS_RULES: Record<string, string> = {
  'cross-entropy': 'derivative of the logarithm, d(log a)/da = 1/a, applied to both terms (and linearity)',
  'squared-error': 'power rule: the derivative of (1/2)(a − y)² is a − y',
  'categorical-cross-entropy': 'derivative of the logarithm, unit by unit: only the term of unit k contains aₖ',
};

const ACTIVATION_RULES: Record<ActivationName, string> = {
  sigmoid: 'derivative of the sigmoid: σ′ = σ(1 − σ), written with the cached a = σ(z)',
  tanh: 'derivative of tanh: 1 − tanh², written with the cached a = tanh(z) (not with z)',
  relu: 'derivative of max(0, z): 1 for z > 0, 0 for z < 0; at the kink z = 0 the value 0 is chosen (a convention)',
  linear: 'derivative of the identity: 1',
};

function activationStep(name: ActivationName, l: number, claim: ScalarClaim, rngSeed: number): Omit<DerivationStep, 'number'> {
  const check = checkActivationDerivative(name, claim, createRng(rngSeed));
  const texName = name === 'tanh' ? '\\tanh' : name === 'sigmoid' ? '\\sigma' : name === 'relu' ? '\\operatorname{relu}' : '\\operatorname{id}';
  const usesA = /\ba\b/.test(claim.expr);
  const definition = activationDefinitionTex(name).replace(/^.*= /, '');
  const tex =
    `${texName}'(z) = \\frac{d}{dz}\\,${paren(definition)} = ${claim.tex}` +
    (usesA ? `\\qquad \\text{with } a = ${texName}(z)` : '');
  return {
    equation: `dZ[${l}]`,
    title: `Derivative of layer ${l}'s activation (${name}), one entry at a time`,
    tex,
    text: `${name}'(z) = ${claim.expr}${usesA ? `   (a = ${name}(z))` : ''}`,
    rule: ACTIVATION_RULES[name],
    kind: 'scalar',
    check: { ...pickScalar(check), against: check.method.startsWith('mathjs derivative') ? 'mathjs' : 'differences' },
  };
}

function pickScalar(c: { method: string; maxError: number; passed: boolean; tolerance: number }): Omit<StepCheck, 'against'> {
  return { method: c.method, maxError: c.maxError, passed: c.passed, tolerance: c.tolerance };
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
 *   d.show();                  // numbered steps with rendered math in a notebook
 *   derive({ ...spec, activations: ['tanh'] });   // throws: activations has 1 entries but layers describes 2 layers (layers = [2,4,1])
 *
 * See also: deriveWith, compareConventions, compareGradients, meanDerivativeIdentity
 *
 * Used in: lessons 01-one-neuron, 04-one-hidden-layer, 05-deep-network; the CLI `backprop-lessons derive`.
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
 */
export function deriveWith(specIn: DeriveSpec, overrides: ClaimOverrides): Derivation {
  const spec = resolveSpec(specIn);
  const { L, loss, convention } = spec;
  const claims: MatrixClaims = { ...defaultMatrixClaims, ...pickMatrixClaims(overrides) };
  const actClaim = (g: ActivationName): ScalarClaim => overrides.activationDerivatives?.[g] ?? defaultActivationDerivatives[g];
  const out = spec.activations[L - 1] as DeriveActivationName;
  const softmax = out === 'softmax';
  const unitLoss = softmax ? 'categorical-cross-entropy' : loss;
  const lossClaim = overrides.lossDerivative ?? defaultLossDerivatives[unitLoss];
  const outputDelta: ScalarClaim =
    overrides.outputDelta ??
    (softmax || outputDeltaIsAMinusY(loss, out)
      ? { expr: 'a - y', tex: softmax ? 'a_{k} - y_{k}' : 'a - y' }
      : {
          expr: `(${lossClaim.expr}) * (${actClaim(out as ActivationName).expr})`,
          tex: `${paren(lossClaim.tex)} \\cdot ${paren(actClaim(out as ActivationName).tex)}`,
        });
  const steps: Omit<DerivationStep, 'number'>[] = [];
  const seed = spec.seed;

  // ---- per example, at the output ----------------------------------------------------------
  const lossCheck = checkLossDerivative(unitLoss, lossClaim, createRng(seed * 31 + 1));
  steps.push({
    equation: `dZ[${L}]`,
    title: softmax ? 'The loss of one example, differentiated with respect to each output aₖ' : 'The loss of one example, differentiated with respect to the output a',
    tex: softmax
      ? `\\frac{\\partial \\mathcal{L}}{\\partial a_{k}} = \\frac{\\partial}{\\partial a_{k}}\\left[${lossTex(loss, true)}\\right] = ${lossClaim.tex}`
      : `\\frac{\\partial \\mathcal{L}}{\\partial a} = \\frac{\\partial}{\\partial a}\\left[${lossTex(loss, false)}\\right] = ${lossClaim.tex}`,
    text: `dL/da = ${lossClaim.expr}`,
    rule: LOSS_RULES[unitLoss] as string,
    kind: 'scalar',
    check: { ...pickScalar(lossCheck), against: 'mathjs' },
  });
  if (!softmax) {
    steps.push(activationStep(out as ActivationName, L, actClaim(out as ActivationName), seed * 31 + 2));
    const g = out as ActivationName;
    const deltaCheck = checkOutputDelta(loss, g, outputDelta, createRng(seed * 31 + 3));
    const cancels = outputDeltaIsAMinusY(loss, g) && g !== 'linear';
    steps.push({
      equation: `dZ[${L}]`,
      title: 'Chain rule for one example: the loss with respect to z at the output',
      tex:
        `\\frac{\\partial \\mathcal{L}}{\\partial z} = \\frac{\\partial \\mathcal{L}}{\\partial a}\\,\\frac{da}{dz} = ` +
        `${paren(lossClaim.tex)} \\cdot ${paren(actClaim(g).tex)}` +
        (outputDelta.tex.replace(/\s/g, '') === `${paren(lossClaim.tex)}\\cdot${paren(actClaim(g).tex)}`.replace(/\s/g, '') ? '' : ` = ${outputDelta.tex}`),
      text: `dL/dz = dL/da * da/dz = ${outputDelta.expr}`,
      rule: cancels
        ? 'chain rule; the factor a(1 − a) cancels the denominators of ∂L/∂a'
        : 'chain rule: multiply the two derivatives above',
      kind: 'scalar',
      check: { ...pickScalar(deltaCheck), against: deltaCheck.method.startsWith('mathjs derivative') ? 'mathjs' : 'differences' },
    });
  } else {
    const deltaCheck = checkSoftmaxDelta(outputDelta, createRng(seed * 31 + 3));
    steps.push({
      equation: `dZ[${L}]`,
      title: 'Chain rule through the softmax for one example',
      tex:
        `\\frac{\\partial \\mathcal{L}}{\\partial z_{k}} = \\sum_{j} \\frac{\\partial \\mathcal{L}}{\\partial a_{j}}\\,\\frac{\\partial a_{j}}{\\partial z_{k}} = ` +
        `\\sum_{j} \\left(-\\frac{y_{j}}{a_{j}}\\right) a_{j}\\left(\\delta_{jk} - a_{k}\\right) = ${outputDelta.tex}`,
      text: `dL/dz_k = sum_j (-y_j/a_j) a_j (delta_jk - a_k) = ${outputDelta.expr}   (the y_j sum to 1)`,
      rule: 'chain rule through the softmax Jacobian ∂aⱼ/∂zₖ = aⱼ(δⱼₖ − aₖ); the labels of one example sum to 1',
      kind: 'scalar',
      check: { ...pickScalar(deltaCheck), against: 'mathjs' },
    });
  }

  // ---- all m examples: matrix steps -----------------------------------------------------
  const instance = randomInstance(spec);
  const { parameters, Y, m } = instance;
  const cacheOf = forwardCache(spec, instance);
  const values: Record<string, Matrix> = {};
  const against: 'J' | 'L' = convention === 'cost' ? 'J' : 'L';
  const matrixStep = (
    partial: Omit<DerivationStep, 'number' | 'check' | 'kind'>,
    claimed: () => Matrix,
    target: MatrixTarget,
    on: 'J' | 'L',
    key: string,
  ): Matrix => {
    const r = checkMatrixClaim(spec, instance, claimed, target, on);
    steps.push({ ...partial, kind: 'matrix', check: { ...r.check } });
    // Keep going with the claimed value; if the claim could not even be computed, with the true one.
    const v = r.value ?? r.numerical;
    values[key] = v;
    return v;
  };

  const ZL = cacheOf(`Z${L}`);
  const AL = cacheOf(`A${L}`);
  const deltaTex = outputDeltaMatrixTex(spec);
  const columns = `\\begin{bmatrix} \\frac{\\partial \\mathcal{L}^{(1)}}{\\partial z^{[${L}](1)}} & \\cdots & \\frac{\\partial \\mathcal{L}^{(m)}}{\\partial z^{[${L}](m)}} \\end{bmatrix}`;
  let dZ = matrixStep(
    convention === 'loss'
      ? {
          equation: `dZ[${L}]`,
          title: 'All m examples at once: one column per example',
          tex: `dZ${sup(L)} = ${columns} = ${deltaTex}`,
          text: `dZ[${L}] = [dL(1)/dz(1) ... dL(m)/dz(m)] = ${outputDeltaMatrixText(spec)}`,
          rule: 'stacking: example i\'s loss depends on column i of Z only, so its derivatives fill column i (no 1/m: dZ is a derivative of the per-example loss)',
        }
      : {
          equation: `dZ[${L}]`,
          title: 'Differentiate the cost J = (1/m) Σ L: this is where the 1/m enters',
          tex: `dZ${sup(L)} = \\frac{\\partial J}{\\partial Z${sup(L)}} = ${ONE_OVER_M}${columns} = ${ONE_OVER_M}\\left(${deltaTex}\\right)`,
          text: `dZ[${L}] = dJ/dZ[${L}] = (1/m) [dL(1)/dz(1) ... dL(m)/dz(m)] = (1/m) (${outputDeltaMatrixText(spec)})`,
          rule: 'derivative of the mean: only example i\'s loss depends on column i, so column i is 1/m times that example\'s derivative (linearity)',
        },
    () =>
      claims.dZOutput({
        delta: evaluateEntrywise(outputDelta, { z: ZL, a: AL, y: Y }),
        m,
        convention,
      }),
    { kind: 'layer', quantity: 'Z', layer: L },
    against,
    `dZ${L}`,
  );

  for (let l = L; l >= 1; l--) {
    const APrev = cacheOf(`A${l - 1}`);
    const W = parameters[`W${l}`] as Matrix;
    const dZl = dZ;
    const k = convention === 'loss' ? ONE_OVER_M : '';
    const kt = convention === 'loss' ? '(1/m) ' : '';
    const dzi = `dz^{[${l}](i)}`;
    matrixStep(
      {
        equation: `dW[${l}]`,
        title: `Weights of layer ${l}: a sum of outer products is one matrix product`,
        tex: `dW${sup(l)} = \\frac{\\partial J}{\\partial W${sup(l)}} = ${k}\\sum_{i=1}^{m} ${dzi}\\, ${aColTex(l - 1)}{}^{\\top} = ${k === '' ? '' : `${k}\\, `}dZ${sup(l)} ${aTTex(l - 1)}`,
        text: `dW[${l}] = dJ/dW[${l}] = ${kt}sum_i dz[${l}](i) ${l === 1 ? "x" : `a[${l - 1}]`}(i)^T = ${kt}dZ[${l}] ${aText(l - 1)}^T`,
        rule:
          convention === 'loss'
            ? 'chain rule through z = W a + b (∂zⱼ/∂Wⱼₖ = aₖ), summed over the examples that share W; the mean J = (1/m) Σ L brings the 1/m'
            : 'chain rule through z = W a + b (∂zⱼ/∂Wⱼₖ = aₖ), summed over the examples that share W; no 1/m here: dZ is already a derivative of J',
      },
      () => claims.dW({ dZ: dZl, APrev, m, convention }),
      { kind: 'parameter', name: `W${l}` },
      'J',
      `dW${l}`,
    );
    const n = spec.layers[l] as number;
    matrixStep(
      {
        equation: `db[${l}]`,
        title: `Biases of layer ${l}: sum over the examples, keeping the column shape (${n}, 1)`,
        tex: `db${sup(l)} = \\frac{\\partial J}{\\partial b${sup(l)}} = ${k}\\sum_{i=1}^{m} ${dzi} \\in \\mathbb{R}^{${n} \\times 1}`,
        text: `db[${l}] = dJ/db[${l}] = ${kt}sum(dZ[${l}], axis=1, keepdims=True), shape (${n}, 1)`,
        rule:
          'chain rule through z = W a + b (∂z/∂b = 1); b is added to every column, so its gradient sums the columns' +
          (convention === 'loss' ? '; the mean brings the 1/m' : '; no 1/m here: dZ already carries it'),
      },
      () => claims.db({ dZ: dZl, m, convention }),
      { kind: 'parameter', name: `b${l}` },
      'J',
      `db${l}`,
    );
    if (l >= 2) {
      const dA = matrixStep(
        convention === 'loss'
          ? {
              equation: `dA[${l - 1}]`,
              title: `Back through the weights: layer ${l - 1}'s activations, one column per example`,
              tex: `da^{[${l - 1}](i)} = \\frac{\\partial \\mathcal{L}^{(i)}}{\\partial a^{[${l - 1}](i)}} = W^{[${l}]\\top} ${dzi} \\;\\Rightarrow\\; dA${sup(l - 1)} = W^{[${l}]\\top} dZ${sup(l)}`,
              text: `dA[${l - 1}] = W[${l}]^T dZ[${l}]   (column i: dL(i)/da[${l - 1}](i))`,
              rule: 'chain rule through z = W a + b: the Jacobian ∂z/∂a is W, so the gradient goes back through Wᵀ; each column stays one example\'s',
            }
          : {
              equation: `dA[${l - 1}]`,
              title: `Back through the weights: layer ${l - 1}'s activations`,
              tex: `dA${sup(l - 1)} = \\frac{\\partial J}{\\partial A${sup(l - 1)}} = W^{[${l}]\\top} dZ${sup(l)}`,
              text: `dA[${l - 1}] = dJ/dA[${l - 1}] = W[${l}]^T dZ[${l}]`,
              rule: 'chain rule through z = W a + b: the Jacobian ∂z/∂a is W, so the gradient goes back through Wᵀ; no new 1/m, dZ carries it',
            },
        () => claims.dA({ W, dZ: dZl }),
        { kind: 'layer', quantity: 'A', layer: l - 1 },
        against,
        `dA${l - 1}`,
      );
      const g = spec.activations[l - 2] as ActivationName;
      const gClaim = actClaim(g);
      steps.push(activationStep(g, l - 1, gClaim, seed * 31 + 10 + l));
      const Zp = cacheOf(`Z${l - 1}`);
      const gm = activationMatrixTex(g, l - 1);
      dZ = matrixStep(
        {
          equation: `dZ[${l - 1}]`,
          title: `Through layer ${l - 1}'s activation, entry by entry`,
          tex:
            `dZ${sup(l - 1)} = ${convention === 'loss' ? '' : `\\frac{\\partial J}{\\partial Z${sup(l - 1)}} = `}dA${sup(l - 1)} \\odot g^{[${l - 1}]\\prime}\\left(Z${sup(l - 1)}\\right)` +
            (g === 'linear' ? ` = dA${sup(l - 1)}` : ` = dA${sup(l - 1)} \\odot ${gm}`),
          text: `dZ[${l - 1}] = dA[${l - 1}] * g'(Z[${l - 1}]) = ` + (g === 'linear' ? `dA[${l - 1}]` : `dA[${l - 1}] * ${activationMatrixText(g, l - 1)}`),
          rule: 'chain rule through a = g(z), which acts entry by entry: multiply element-wise (⊙) by g′, never a matrix product',
        },
        () => claims.dZ({ dA, gPrime: evaluateEntrywise(gClaim, { z: Zp, a: cacheOf(`A${l - 1}`) }) }),
        { kind: 'layer', quantity: 'Z', layer: l - 1 },
        against,
        `dZ${l - 1}`,
      );
    }
  }

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
    show: () => showDerivation(derivation),
    toMarkdown: () => renderMarkdown(derivation),
    toText: () => renderText(derivation),
    toJSON: () => ({
      spec,
      passed: derivation.passed,
      steps: numbered,
      equations,
      equationsText,
      instance: { m: instance.m, seed: instance.seed },
    }),
  };
  return derivation;
}

function pickMatrixClaims(o: ClaimOverrides): Partial<MatrixClaims> {
  const out: Partial<MatrixClaims> = {};
  if (o.dZOutput) out.dZOutput = o.dZOutput;
  if (o.dW) out.dW = o.dW;
  if (o.db) out.db = o.db;
  if (o.dA) out.dA = o.dA;
  if (o.dZ) out.dZ = o.dZ;
  return out;
}

/** The instance's forward values (A0 = X, Z1, A1, …), by key; throws on an unknown key. */
function forwardCache(spec: ResolvedSpec, instance: DerivationInstance): (key: string) => Matrix {
  const { cache } = forwardPass(instance.X, instance.parameters, spec.activations);
  return (key) => {
    const v = cache[key];
    if (v === undefined) throw new RangeError(`forward cache has no ${key}`);
    return v;
  };
}

/** Re-exported for lessons that show what mathjs is asked to differentiate. */
export { activationExpressions };
