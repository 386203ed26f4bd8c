/**
 * What each step of a derivation states: its TeX, its plain text, and the rule that makes it
 * hold, in words. Only the wording lives here; derive.ts pairs each statement with its check.
 * The rules are data (one entry per loss, per activation, per matrix step and notation), and
 * every function's TeX (σ, tanh, the losses) comes from the tables in nn/activations.ts and
 * nn/losses.ts.
 *
 * Used by: derive.ts. Used in: lessons 01-one-neuron, 05-one-hidden-layer, 06-deep-network.
 */
import { activations, ActivationName } from '../nn/activations';
import { losses, LossName } from '../nn/losses';
import type { DeriveConvention, ResolvedSpec } from './spec';
import type { DerivationStep, ScalarClaim } from './types';
import {
  ONE_OVER_M,
  aColTex,
  aTTex,
  aText,
  activationMatrixTex,
  activationMatrixText,
  outputDeltaMatrixTex,
  outputDeltaMatrixText,
  paren,
  sup,
} from './tex';

/** The wording of a step: everything but its number, kind and check. */
export type Statement = Pick<DerivationStep, 'equation' | 'title' | 'tex' | 'text' | 'rule'>;

/** Why ∂ℓ/∂a has its closed form, by per-unit loss. */
const lossRules: Readonly<Record<LossName, string>> = Object.freeze({
  'cross-entropy': 'derivative of the logarithm, d(log a)/da = 1/a, applied to both terms (and linearity)',
  'squared-error': 'power rule: the derivative of (1/2)(a − y)² is a − y',
  'categorical-cross-entropy': 'derivative of the logarithm, unit by unit: only the term of unit k contains aₖ',
});

/** Why g'(z) has its closed form, by activation. */
const activationRules: Readonly<Record<ActivationName, string>> = Object.freeze({
  sigmoid: 'derivative of the sigmoid: σ′ = σ(1 − σ), written with the cached a = σ(z)',
  tanh: 'derivative of tanh: 1 − tanh², written with the cached a = tanh(z) (not with z)',
  relu: 'derivative of max(0, z): 1 for z > 0, 0 for z < 0; at the kink z = 0 the value 0 is chosen (a convention)',
  linear: 'derivative of the identity: 1',
});

const THROUGH_Z = 'chain rule through z = W a + b';

/** Why each matrix step holds, by notation: where the 1/m comes from, or why it is absent. */
const matrixRules: Readonly<Record<'stack' | 'dW' | 'db' | 'dA', Record<DeriveConvention, string>> & { dZ: string }> = Object.freeze({
  stack: {
    loss: "stacking: example i's loss depends on column i of Z only, so its derivatives fill column i (no 1/m: dZ is a derivative of the per-example loss)",
    cost: "derivative of the mean: only example i's loss depends on column i, so column i is 1/m times that example's derivative (linearity)",
  },
  dW: {
    loss: `${THROUGH_Z} (∂zⱼ/∂Wⱼₖ = aₖ), summed over the examples that share W; the mean J = (1/m) Σ L brings the 1/m`,
    cost: `${THROUGH_Z} (∂zⱼ/∂Wⱼₖ = aₖ), summed over the examples that share W; no 1/m here: dZ is already a derivative of J`,
  },
  db: {
    loss: `${THROUGH_Z} (∂z/∂b = 1); b is added to every column, so its gradient sums the columns; the mean brings the 1/m`,
    cost: `${THROUGH_Z} (∂z/∂b = 1); b is added to every column, so its gradient sums the columns; no 1/m here: dZ already carries it`,
  },
  dA: {
    loss: `${THROUGH_Z}: the Jacobian ∂z/∂a is W, so the gradient goes back through Wᵀ; each column stays one example's`,
    cost: `${THROUGH_Z}: the Jacobian ∂z/∂a is W, so the gradient goes back through Wᵀ; no new 1/m, dZ carries it`,
  },
  dZ: 'chain rule through a = g(z), which acts entry by entry: multiply element-wise (⊙) by g′, never a matrix product',
});

/**
 * Step "∂L/∂a of one example": the loss from the loss table (nn/losses.ts), and its claimed
 * derivative; per unit k after a softmax.
 *
 * Syntax: lossDerivativeStatement(L: number, unitLoss: LossName, claim: ScalarClaim): Statement
 *
 * Example: `lossDerivativeStatement(2, 'squared-error', { expr: 'a - y', tex: 'a - y' }).tex; // '\\mathcal{L} = \\tfrac{1}{2}\\lVert a - y \\rVert^{2}, \\qquad \\frac{\\partial \\mathcal{L}}{\\partial a} = a - y'`
 *
 * See also: activationStatement, checkLossDerivative
 *
 * Derived in: lesson 01-one-neuron.
 */
export function lossDerivativeStatement(L: number, unitLoss: LossName, claim: ScalarClaim): Statement {
  const perUnit = unitLoss === 'categorical-cross-entropy';
  const a = perUnit ? 'a_{k}' : 'a';
  return {
    equation: `dZ[${L}]`,
    title: perUnit ? 'The loss of one example, differentiated with respect to each output aₖ' : 'The loss of one example, differentiated with respect to the output a',
    tex: `\\mathcal{L} = ${losses[unitLoss].tex}, \\qquad \\frac{\\partial \\mathcal{L}}{\\partial ${a}} = ${claim.tex}`,
    text: `dL/da = ${claim.expr}`,
    rule: lossRules[unitLoss],
  };
}

/**
 * Step "g'(z) of layer l": the activation's name and definition from the activation table
 * (nn/activations.ts), and the claimed derivative, in z or in the cached a = g(z).
 *
 * Syntax: activationStatement(name: ActivationName, l: number, claim: ScalarClaim): Statement
 *
 * Example: `activationStatement('tanh', 1, defaultActivationDerivatives.tanh).tex; // "\\tanh'(z) = \\frac{d}{dz}\\,\\left(\\tanh(z)\\right) = 1 - a^{2}\\qquad \\text{with } a = \\tanh(z)"`
 *
 * See also: lossDerivativeStatement, checkActivationDerivative
 *
 * Derived in: lessons 01-one-neuron (sigmoid), 05-one-hidden-layer (tanh), 06-deep-network (relu).
 */
export function activationStatement(name: ActivationName, l: number, claim: ScalarClaim): Statement {
  const g = activations[name];
  const usesA = /\ba\b/.test(claim.expr);
  return {
    equation: `dZ[${l}]`,
    title: `Derivative of layer ${l}'s activation (${name}), one entry at a time`,
    tex: `${g.texName}'(z) = \\frac{d}{dz}\\,${paren(g.tex)} = ${claim.tex}` + (usesA ? `\\qquad \\text{with } a = ${g.texName}(z)` : ''),
    text: `${name}'(z) = ${claim.expr}${usesA ? `   (a = ${name}(z))` : ''}`,
    rule: activationRules[name],
  };
}

/**
 * Step "∂L/∂z at an element-wise output": the chain rule ∂L/∂a · g'(z), followed by `delta`
 * when that is simpler than the plain product (a − y for a sigmoid under cross-entropy).
 *
 * Syntax: outputDeltaStatement(L, g: ActivationName, claims: { loss, activation, delta: ScalarClaim }, cancels: boolean): Statement
 *
 * Example:
 *   outputDeltaStatement(2, 'sigmoid', { loss, activation, delta: { expr: 'a - y', tex: 'a - y' } }, true).text;
 *   // 'dL/dz = dL/da * da/dz = a - y'
 *
 * See also: softmaxDeltaStatement, outputDeltaIsAMinusY, checkOutputDelta
 *
 * Derived in: lesson 01-one-neuron.
 */
export function outputDeltaStatement(L: number, g: ActivationName, claims: { loss: ScalarClaim; activation: ScalarClaim; delta: ScalarClaim }, cancels: boolean): Statement {
  const product = `${paren(claims.loss.tex)} \\cdot ${paren(claims.activation.tex)}`;
  const same = claims.delta.tex.replace(/\s/g, '') === product.replace(/\s/g, '');
  return {
    equation: `dZ[${L}]`,
    title: 'Chain rule for one example: the loss with respect to z at the output',
    tex: `\\frac{\\partial \\mathcal{L}}{\\partial z} = \\frac{\\partial \\mathcal{L}}{\\partial a}\\,\\frac{da}{dz} = ${product}${same ? '' : ` = ${claims.delta.tex}`}`,
    text: `dL/dz = dL/da * da/dz = ${claims.delta.expr}`,
    rule: cancels && g !== 'linear' ? 'chain rule; the factor a(1 − a) cancels the denominators of ∂L/∂a' : 'chain rule: multiply the two derivatives above',
  };
}

/**
 * Step "∂L/∂zₖ through a softmax output": the softmax's Jacobian aⱼ(δⱼₖ − aₖ) against ∂L/∂aⱼ,
 * and labels that sum to 1.
 *
 * Syntax: softmaxDeltaStatement(L: number, delta: ScalarClaim): Statement
 *
 * Example: `softmaxDeltaStatement(2, { expr: 'a - y', tex: 'a_{k} - y_{k}' }).title; // 'Chain rule through the softmax for one example'`
 *
 * See also: outputDeltaStatement, checkSoftmaxDelta
 *
 * Derived in: lesson 10-other-losses-l2-and-shapes.
 */
export function softmaxDeltaStatement(L: number, delta: ScalarClaim): Statement {
  return {
    equation: `dZ[${L}]`,
    title: 'Chain rule through the softmax for one example',
    tex:
      `\\frac{\\partial \\mathcal{L}}{\\partial z_{k}} = \\sum_{j} \\frac{\\partial \\mathcal{L}}{\\partial a_{j}}\\,\\frac{\\partial a_{j}}{\\partial z_{k}} = ` +
      `\\sum_{j} \\left(-\\frac{y_{j}}{a_{j}}\\right) a_{j}\\left(\\delta_{jk} - a_{k}\\right) = ${delta.tex}`,
    text: `dL/dz_k = sum_j (-y_j/a_j) a_j (delta_jk - a_k) = ${delta.expr}   (the y_j sum to 1)`,
    rule: 'chain rule through the softmax Jacobian ∂aⱼ/∂zₖ = aⱼ(δⱼₖ − aₖ); the labels of one example sum to 1',
  };
}

/**
 * Step "dZ[L] for all m examples": the per-example derivatives as the columns of a matrix, and
 * under "cost" the 1/m of J = (1/m) Σ L in front.
 *
 * Syntax: outputStackStatement(spec: ResolvedSpec): Statement
 *
 * Example: `outputStackStatement(resolveSpec(WEEK3_SPEC)).text; // 'dZ[2] = [dL(1)/dz(1) ... dL(m)/dz(m)] = A[2] - Y'`
 *
 * See also: dWStatement
 *
 * Derived in: lessons 02-many-examples, 03-where-does-1-over-m-go.
 */
export function outputStackStatement(spec: ResolvedSpec): Statement {
  const { L, convention } = spec;
  const deltaTex = outputDeltaMatrixTex(spec);
  const deltaText = outputDeltaMatrixText(spec);
  const columns = `\\begin{bmatrix} \\frac{\\partial \\mathcal{L}^{(1)}}{\\partial z^{[${L}](1)}} & \\cdots & \\frac{\\partial \\mathcal{L}^{(m)}}{\\partial z^{[${L}](m)}} \\end{bmatrix}`;
  const rule = matrixRules.stack[convention];
  if (convention === 'loss') {
    return {
      equation: `dZ[${L}]`,
      title: 'All m examples at once: one column per example',
      tex: `dZ${sup(L)} = ${columns} = ${deltaTex}`,
      text: `dZ[${L}] = [dL(1)/dz(1) ... dL(m)/dz(m)] = ${deltaText}`,
      rule,
    };
  }
  return {
    equation: `dZ[${L}]`,
    title: 'Differentiate the cost J = (1/m) Σ L: this is where the 1/m enters',
    tex: `dZ${sup(L)} = \\frac{\\partial J}{\\partial Z${sup(L)}} = ${ONE_OVER_M}${columns} = ${ONE_OVER_M}\\left(${deltaTex}\\right)`,
    text: `dZ[${L}] = dJ/dZ[${L}] = (1/m) [dL(1)/dz(1) ... dL(m)/dz(m)] = (1/m) (${deltaText})`,
    rule,
  };
}

/** The 1/m of dW and db as TeX and text: present under "loss", absent under "cost". */
function meanFactor(convention: DeriveConvention): { tex: string; text: string } {
  return convention === 'loss' ? { tex: ONE_OVER_M, text: '(1/m) ' } : { tex: '', text: '' };
}

/**
 * Step "dW[l] = (1/m) dZ[l] A[l−1]ᵀ": a sum of outer products over the examples is one matrix
 * product; the 1/m here under "loss" only.
 *
 * Syntax: dWStatement(spec: ResolvedSpec, l: number): Statement
 *
 * Example: `dWStatement(resolveSpec(WEEK3_SPEC), 1).text; // 'dW[1] = dJ/dW[1] = (1/m) sum_i dz[1](i) x(i)^T = (1/m) dZ[1] X^T'`
 *
 * See also: dbStatement, dAStatement
 *
 * Derived in: lessons 05-one-hidden-layer, 06-deep-network.
 */
export function dWStatement(spec: ResolvedSpec, l: number): Statement {
  const k = meanFactor(spec.convention);
  const input = l === 1 ? 'x' : `a[${l - 1}]`;
  return {
    equation: `dW[${l}]`,
    title: `Weights of layer ${l}: a sum of outer products is one matrix product`,
    tex: `dW${sup(l)} = \\frac{\\partial J}{\\partial W${sup(l)}} = ${k.tex}\\sum_{i=1}^{m} dz^{[${l}](i)}\\, ${aColTex(l - 1)}{}^{\\top} = ${k.tex === '' ? '' : `${k.tex}\\, `}dZ${sup(l)} ${aTTex(l - 1)}`,
    text: `dW[${l}] = dJ/dW[${l}] = ${k.text}sum_i dz[${l}](i) ${input}(i)^T = ${k.text}dZ[${l}] ${aText(l - 1)}^T`,
    rule: matrixRules.dW[spec.convention],
  };
}

/**
 * Step "db[l]": the columns of dZ[l] summed, keeping the shape (n[l], 1); the 1/m here under "loss" only.
 *
 * Syntax: dbStatement(spec: ResolvedSpec, l: number): Statement
 *
 * Example: `dbStatement(resolveSpec({ ...WEEK3_SPEC, convention: 'cost' }), 2).text; // 'db[2] = dJ/db[2] = sum(dZ[2], axis=1, keepdims=True), shape (1, 1)'`
 *
 * See also: dWStatement
 *
 * Derived in: lessons 05-one-hidden-layer, 06-deep-network.
 */
export function dbStatement(spec: ResolvedSpec, l: number): Statement {
  const k = meanFactor(spec.convention);
  const n = spec.layers[l];
  return {
    equation: `db[${l}]`,
    title: `Biases of layer ${l}: sum over the examples, keeping the column shape (${n}, 1)`,
    tex: `db${sup(l)} = \\frac{\\partial J}{\\partial b${sup(l)}} = ${k.tex}\\sum_{i=1}^{m} dz^{[${l}](i)} \\in \\mathbb{R}^{${n} \\times 1}`,
    text: `db[${l}] = dJ/db[${l}] = ${k.text}sum(dZ[${l}], axis=1, keepdims=True), shape (${n}, 1)`,
    rule: matrixRules.db[spec.convention],
  };
}

/**
 * Step "dA[l−1] = W[l]ᵀ dZ[l]": back through the weights of layer l; one column per example
 * under "loss".
 *
 * Syntax: dAStatement(spec: ResolvedSpec, l: number): Statement
 *
 * Example: `dAStatement(resolveSpec(WEEK3_SPEC), 2).text; // 'dA[1] = W[2]^T dZ[2]   (column i: dL(i)/da[1](i))'`
 *
 * See also: hiddenDZStatement
 *
 * Derived in: lessons 05-one-hidden-layer, 06-deep-network.
 */
export function dAStatement(spec: ResolvedSpec, l: number): Statement {
  const p = l - 1;
  const rule = matrixRules.dA[spec.convention];
  if (spec.convention === 'loss') {
    return {
      equation: `dA[${p}]`,
      title: `Back through the weights: layer ${p}'s activations, one column per example`,
      tex: `da^{[${p}](i)} = \\frac{\\partial \\mathcal{L}^{(i)}}{\\partial a^{[${p}](i)}} = W^{[${l}]\\top} dz^{[${l}](i)} \\;\\Rightarrow\\; dA${sup(p)} = W^{[${l}]\\top} dZ${sup(l)}`,
      text: `dA[${p}] = W[${l}]^T dZ[${l}]   (column i: dL(i)/da[${p}](i))`,
      rule,
    };
  }
  return {
    equation: `dA[${p}]`,
    title: `Back through the weights: layer ${p}'s activations`,
    tex: `dA${sup(p)} = \\frac{\\partial J}{\\partial A${sup(p)}} = W^{[${l}]\\top} dZ${sup(l)}`,
    text: `dA[${p}] = dJ/dA[${p}] = W[${l}]^T dZ[${l}]`,
    rule,
  };
}

/**
 * Step "dZ[l] = dA[l] ⊙ g'(Z[l])" for a hidden layer l with activation g: element-wise, never a
 * matrix product.
 *
 * Syntax: hiddenDZStatement(spec: ResolvedSpec, l: number, g: ActivationName): Statement
 *
 * Example: `hiddenDZStatement(resolveSpec(WEEK3_SPEC), 1, 'tanh').text; // "dZ[1] = dA[1] * g'(Z[1]) = dA[1] * (1 - A[1]^2)"`
 *
 * See also: dAStatement, activationMatrixTex
 *
 * Derived in: lessons 05-one-hidden-layer, 06-deep-network.
 */
export function hiddenDZStatement(spec: ResolvedSpec, l: number, g: ActivationName): Statement {
  const ofJ = spec.convention === 'loss' ? '' : `\\frac{\\partial J}{\\partial Z${sup(l)}} = `;
  const linear = g === 'linear';
  return {
    equation: `dZ[${l}]`,
    title: `Through layer ${l}'s activation, entry by entry`,
    tex: `dZ${sup(l)} = ${ofJ}dA${sup(l)} \\odot g^{[${l}]\\prime}\\left(Z${sup(l)}\\right) = ` + (linear ? `dA${sup(l)}` : `dA${sup(l)} \\odot ${activationMatrixTex(g, l)}`),
    text: `dZ[${l}] = dA[${l}] * g'(Z[${l}]) = ` + (linear ? `dA[${l}]` : `dA[${l}] * ${activationMatrixText(g, l)}`),
    rule: matrixRules.dZ,
  };
}
