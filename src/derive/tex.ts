/**
 * The TeX and plain-text pieces of a derivation, in the lessons' notation: layer indices in
 * square brackets as superscripts (Z^{[l]}), examples in parentheses (z^{[l](i)}), the
 * per-example loss written \mathcal{L} (so it never clashes with the number of layers L), the
 * cost J, ⊙ for the element-wise product. Only macros that both KaTeX and MathJax know
 * (amsmath: bmatrix, cases, \boxed, \mathbb, \operatorname, \text).
 *
 * The 1/m is always written `\frac{1}{m}`, so a reader (or a test) can find where it is.
 *
 * Used by: statements.ts, derive.ts (the final equations).
 */
import type { ActivationName, OutputActivationName } from '../nn/activations';
import { hiddenActivation } from './spec';
import type { DeriveConvention, DeriveLossName, ResolvedSpec } from './spec';

/**
 * The 1/m as every formula writes it, so a reader (or a test) finds it with one search.
 *
 * Example: `finalEquations(spec).tex['dW[1]'].includes(ONE_OVER_M); // true under "loss"`
 */
export const ONE_OVER_M = '\\frac{1}{m}';

/**
 * The layer superscript ^{[l]}.
 *
 * Syntax: sup(l: number): string
 *
 * Example: `sup(2); // '^{[2]}'`
 *
 * See also: aTTex, aColTex
 */
export function sup(l: number): string {
  return `^{[${l}]}`;
}

/**
 * A[l]ᵀ in TeX (the input of layer l + 1, transposed), with A[0] written X as the course does.
 *
 * Syntax: aTTex(l: number): string
 *
 * Examples:
 *   aTTex(0);   // 'X^{\\top}'
 *   aTTex(1);   // 'A^{[1]\\top}'
 *
 * See also: aColTex, aText
 */
export function aTTex(l: number): string {
  return l === 0 ? 'X^{\\top}' : `A^{[${l}]\\top}`;
}

/**
 * Column i of A[l] in TeX: a^{[l](i)}, or x^{(i)} for l = 0.
 *
 * Syntax: aColTex(l: number): string
 *
 * Examples:
 *   aColTex(0);   // 'x^{(i)}'
 *   aColTex(2);   // 'a^{[2](i)}'
 *
 * See also: aTTex
 */
export function aColTex(l: number): string {
  return l === 0 ? 'x^{(i)}' : `a^{[${l}](i)}`;
}

/**
 * A[l] in plain text, X for l = 0.
 *
 * Syntax: aText(l: number): string
 *
 * Examples:
 *   aText(0);   // 'X'
 *   aText(2);   // 'A[2]'
 *
 * See also: aTTex
 */
export function aText(l: number): string {
  return l === 0 ? 'X' : `A[${l}]`;
}

/** g'(Z[l]) as a matrix, applied entry by entry (⊙ and ∗ are element-wise), in TeX and plain text. */
const activationMatrixForms: Readonly<Record<ActivationName, { tex(l: number): string; text(l: number): string }>> = Object.freeze({
  sigmoid: { tex: (l: number) => `A${sup(l)} \\odot \\left(1 - A${sup(l)}\\right)`, text: (l: number) => `A[${l}] * (1 - A[${l}])` },
  tanh: { tex: (l: number) => `\\left(1 - A${sup(l)} \\odot A${sup(l)}\\right)`, text: (l: number) => `(1 - A[${l}]^2)` },
  relu: { tex: (l: number) => `\\mathbf{1}\\left[Z${sup(l)} > 0\\right]`, text: (l: number) => `(Z[${l}] > 0)` },
  linear: { tex: () => '1', text: () => '1' },
});

/**
 * g'(Z[l]) as a matrix in TeX: the claimed derivative applied entry by entry (⊙ is element-wise).
 *
 * Syntax: activationMatrixTex(name: ActivationName, l: number): string
 *
 * Examples:
 *   activationMatrixTex('tanh', 1);      // '\\left(1 - A^{[1]} \\odot A^{[1]}\\right)'
 *   activationMatrixTex('relu', 2);      // '\\mathbf{1}\\left[Z^{[2]} > 0\\right]'
 *
 * See also: activationMatrixText, activations (nn: g' of one number)
 *
 * Derived in: lessons 05-one-hidden-layer (tanh), 06-deep-network (relu).
 */
export function activationMatrixTex(name: ActivationName, l: number): string {
  return activationMatrixForms[name].tex(l);
}

/**
 * g'(Z[l]) as a matrix in plain text (∗ is element-wise).
 *
 * Syntax: activationMatrixText(name: ActivationName, l: number): string
 *
 * Examples:
 *   activationMatrixText('tanh', 1);      // '(1 - A[1]^2)'
 *   activationMatrixText('sigmoid', 1);   // 'A[1] * (1 - A[1])'
 *
 * See also: activationMatrixTex
 */
export function activationMatrixText(name: ActivationName, l: number): string {
  return activationMatrixForms[name].text(l);
}

/**
 * True when ∂L/∂z at the output simplifies to a − y: the activation's derivative cancels the
 * loss's denominators (sigmoid or softmax with cross-entropy) or is 1 (linear with squared error).
 *
 * Syntax: outputDeltaIsAMinusY(loss: DeriveLossName, out: OutputActivationName): boolean
 *
 * Examples:
 *   outputDeltaIsAMinusY('cross-entropy', 'sigmoid');    // true
 *   outputDeltaIsAMinusY('squared-error', 'sigmoid');    // false: (a − y) · a(1 − a)
 *
 * See also: outputDeltaMatrixTex
 *
 * Derived in: lesson 01-one-neuron (sigmoid and cross-entropy), 10-other-losses-l2-and-shapes.
 */
export function outputDeltaIsAMinusY(loss: DeriveLossName, out: OutputActivationName): boolean {
  return (loss === 'cross-entropy' && (out === 'sigmoid' || out === 'softmax')) || (loss === 'squared-error' && out === 'linear');
}

/**
 * The per-example dZ[L] as a matrix, before any 1/m: A[L] − Y, or (A[L] − Y) ⊙ g'(Z[L]) when the
 * activation's derivative does not cancel.
 *
 * Syntax: outputDeltaMatrixTex(spec: ResolvedSpec): string
 *
 * Example: `outputDeltaMatrixTex(resolveSpec(WEEK3_SPEC)); // 'A^{[2]} - Y'`
 *
 * See also: outputDeltaMatrixText, outputDeltaIsAMinusY
 */
export function outputDeltaMatrixTex(spec: ResolvedSpec): string {
  const L = spec.L;
  const out = spec.activations[L - 1];
  const aMinusY = `A${sup(L)} - Y`;
  if (outputDeltaIsAMinusY(spec.loss, out) || out === 'softmax') return aMinusY;
  return `\\left(${aMinusY}\\right) \\odot ${activationMatrixTex(out, L)}`;
}

/**
 * The per-example dZ[L] as a matrix in plain text.
 *
 * Syntax: outputDeltaMatrixText(spec: ResolvedSpec): string
 *
 * Example: `outputDeltaMatrixText(resolveSpec({ layers: [2, 1], activations: ['sigmoid'], loss: 'squared-error', convention: 'loss' })); // '(A[1] - Y) * A[1] * (1 - A[1])'`
 *
 * See also: outputDeltaMatrixTex
 */
export function outputDeltaMatrixText(spec: ResolvedSpec): string {
  const L = spec.L;
  const out = spec.activations[L - 1];
  if (outputDeltaIsAMinusY(spec.loss, out) || out === 'softmax') return `A[${L}] - Y`;
  return `(A[${L}] - Y) * ${activationMatrixText(out, L)}`;
}

/**
 * Wraps TeX in \left( … \right) unless it is a single symbol or a number.
 *
 * Syntax: paren(tex: string): string
 *
 * Examples:
 *   paren('a');       // 'a'
 *   paren('1 - a');   // '\\left(1 - a\\right)'
 */
export function paren(t: string): string {
  return /^[A-Za-z0-9]+$/.test(t.trim()) ? t : `\\left(${t}\\right)`;
}

/**
 * The final equations of a spec in its notation, as TeX and as plain text, keyed "dZ[l]",
 * "dW[l]", "db[l]" for every layer and "dA[l-1]" for l ≥ 2; the 1/m sits in dW and db under
 * "loss", in dZ[L] only under "cost".
 *
 * Syntax: finalEquations(spec: ResolvedSpec): { tex: Record<string, string>; text: Record<string, string> }
 *
 * Examples:
 *   finalEquations(resolveSpec(WEEK3_SPEC)).text['dW[1]'];                           // 'dW[1] = (1/m) dZ[1] X^T'
 *   finalEquations(resolveSpec({ ...WEEK3_SPEC, convention: 'cost' })).tex['dZ[2]'];  // 'dZ^{[2]} = \\frac{1}{m}\\left(A^{[2]} - Y\\right)'
 *
 * See also: derive (its `equations`), compareConventions
 *
 * Derived in: lessons 05-one-hidden-layer (L = 2), 06-deep-network (any L), 03-where-does-1-over-m-go (both notations).
 */
export function finalEquations(spec: ResolvedSpec): { tex: Record<string, string>; text: Record<string, string> } {
  const { L, convention } = spec;
  const tex: Record<string, string> = {};
  const text: Record<string, string> = {};
  const c: DeriveConvention = convention;
  const delta = outputDeltaMatrixTex(spec);
  tex[`dZ[${L}]`] = c === 'cost' ? `dZ${sup(L)} = ${ONE_OVER_M}\\left(${delta}\\right)` : `dZ${sup(L)} = ${delta}`;
  text[`dZ[${L}]`] = c === 'cost' ? `dZ[${L}] = (1/m) (${outputDeltaMatrixText(spec)})` : `dZ[${L}] = ${outputDeltaMatrixText(spec)}`;
  for (let l = L; l >= 1; l--) {
    const k = c === 'loss' ? `${ONE_OVER_M}\\, ` : '';
    const kt = c === 'loss' ? '(1/m) ' : '';
    tex[`dW[${l}]`] = `dW${sup(l)} = ${k}dZ${sup(l)} ${aTTex(l - 1)}`;
    text[`dW[${l}]`] = `dW[${l}] = ${kt}dZ[${l}] ${aText(l - 1)}^T`;
    tex[`db[${l}]`] = `db${sup(l)} = ${k}\\sum_{i=1}^{m} dZ^{[${l}](i)}`;
    text[`db[${l}]`] = `db[${l}] = ${kt}sum(dZ[${l}], axis=1, keepdims=True)`;
    if (l >= 2) {
      tex[`dA[${l - 1}]`] = `dA${sup(l - 1)} = W^{[${l}]\\top} dZ${sup(l)}`;
      text[`dA[${l - 1}]`] = `dA[${l - 1}] = W[${l}]^T dZ[${l}]`;
      const g = hiddenActivation(spec, l - 1);
      tex[`dZ[${l - 1}]`] =
        g === 'linear' ? `dZ${sup(l - 1)} = dA${sup(l - 1)}` : `dZ${sup(l - 1)} = dA${sup(l - 1)} \\odot ${activationMatrixTex(g, l - 1)}`;
      text[`dZ[${l - 1}]`] = g === 'linear' ? `dZ[${l - 1}] = dA[${l - 1}]` : `dZ[${l - 1}] = dA[${l - 1}] * ${activationMatrixText(g, l - 1)}`;
    }
  }
  return { tex, text };
}
