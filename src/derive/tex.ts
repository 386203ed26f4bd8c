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

/** The 1/m as it appears in every formula. */
export const ONE_OVER_M = '\\frac{1}{m}';

/** `^{[l]}` */
export function sup(l: number): string {
  return `^{[${l}]}`;
}

/** A[l] in TeX, with A[0] written X as the course does. */
export function aTex(l: number): string {
  return l === 0 ? 'X' : `A${sup(l)}`;
}

/** A[l]ᵀ in TeX. */
export function aTTex(l: number): string {
  return l === 0 ? 'X^{\\top}' : `A^{[${l}]\\top}`;
}

/** Column i of A[l]: a^{[l](i)}, or x^{(i)} for l = 0. */
export function aColTex(l: number): string {
  return l === 0 ? 'x^{(i)}' : `a^{[${l}](i)}`;
}

/** Plain name of A[l] (X for l = 0). */
export function aText(l: number): string {
  return l === 0 ? 'X' : `A[${l}]`;
}

/** g'(Z[l]) as a matrix, applied entry by entry (⊙ and ∗ are element-wise), in TeX and plain text. */
export const activationMatrixForms: Readonly<Record<ActivationName, { tex(l: number): string; text(l: number): string }>> = Object.freeze({
  sigmoid: { tex: (l: number) => `A${sup(l)} \\odot \\left(1 - A${sup(l)}\\right)`, text: (l: number) => `A[${l}] * (1 - A[${l}])` },
  tanh: { tex: (l: number) => `\\left(1 - A${sup(l)} \\odot A${sup(l)}\\right)`, text: (l: number) => `(1 - A[${l}]^2)` },
  relu: { tex: (l: number) => `\\mathbf{1}\\left[Z${sup(l)} > 0\\right]`, text: (l: number) => `(Z[${l}] > 0)` },
  linear: { tex: () => '1', text: () => '1' },
});

/** g'(Z[l]) as a matrix, in TeX. Example: `activationMatrixTex('tanh', 1); // '\\left(1 - A^{[1]} \\odot A^{[1]}\\right)'` */
export function activationMatrixTex(name: ActivationName, l: number): string {
  return activationMatrixForms[name].tex(l);
}

/** g'(Z[l]) as a matrix, in plain text. Example: `activationMatrixText('tanh', 1); // '(1 - A[1]^2)'` */
export function activationMatrixText(name: ActivationName, l: number): string {
  return activationMatrixForms[name].text(l);
}

/** True when ∂L/∂z at the output is the textbook a − y (the activation's derivative cancels). */
export function outputDeltaIsAMinusY(loss: DeriveLossName, out: OutputActivationName): boolean {
  return (loss === 'cross-entropy' && (out === 'sigmoid' || out === 'softmax')) || (loss === 'squared-error' && out === 'linear');
}

/** The per-example dZ[L] as a matrix, before any 1/m: A − Y, or (A − Y) ⊙ g'(Z) for squared error. */
export function outputDeltaMatrixTex(spec: ResolvedSpec): string {
  const L = spec.L;
  const out = spec.activations[L - 1];
  const aMinusY = `A${sup(L)} - Y`;
  if (outputDeltaIsAMinusY(spec.loss, out) || out === 'softmax') return aMinusY;
  return `\\left(${aMinusY}\\right) \\odot ${activationMatrixTex(out, L)}`;
}

/** Plain text of outputDeltaMatrixTex. */
export function outputDeltaMatrixText(spec: ResolvedSpec): string {
  const L = spec.L;
  const out = spec.activations[L - 1];
  if (outputDeltaIsAMinusY(spec.loss, out) || out === 'softmax') return `A[${L}] - Y`;
  return `(A[${L}] - Y) * ${activationMatrixText(out, L)}`;
}

/** Wraps TeX in parentheses unless it is a single symbol or a number. */
export function paren(t: string): string {
  return /^[A-Za-z0-9]+$/.test(t.trim()) ? t : `\\left(${t}\\right)`;
}

/** The final equations of a spec, as TeX and as plain text, keyed "dZ[l]", "dW[l]", "db[l]", "dA[l-1]". */
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
