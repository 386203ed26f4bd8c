/**
 * The course's backward pass with one piece swapped out: the activation derivative g'(Z[l]) of
 * the hidden layers. Lessons plug in a wrong derivative (relu' as `A >= 0`, tanh' as 1 − Z²) or
 * another value of relu'(0), and measure what it does with a gradient check and a training run.
 * Everything else is the course's notation ("loss" convention):
 *
 *   dZ[L] = A[L] − Y                          (sigmoid output with cross-entropy)
 *   dZ[L] = dA[L] ∗ g'(Z[L])                  (any other element-wise output and loss)
 *   dW[l] = (1/m) dZ[l] A[l−1]ᵀ (+ (λ/m) W[l]),   db[l] = (1/m) Σ_examples dZ[l]   (n[l], 1)
 *   dA[l−1] = W[l]ᵀ dZ[l],   dZ[l−1] = dA[l−1] ∗ derivative(l−1, Z[l−1], A[l−1])
 *
 * `gradientDescent` runs W −= α dW, b −= α db with any such gradient function.
 *
 * Derived in: lesson 08-beyond-the-course (relu'(0), the `A >= 0` bug, tanh' from Z).
 */
import { Matrix } from '../core/matrix';
import { getActivation } from './activations';
import { lossGradient } from './losses';
import { NetworkParameters, evaluateOutput, forwardPass, networkSpec } from './network';

/** g'(Z[l]) for hidden layer l, given the cached Z[l], A[l] and the layer's activation name. */
export type DerivativeRule = (layer: number, Z: Matrix, A: Matrix, activation: string) => Matrix;

/** Options of backpropWith. */
export interface BackpropWithOptions {
  /** One element-wise activation per layer. */
  activations: readonly string[];
  /** "cross-entropy" or "squared-error". */
  loss: string;
  /** L2 strength λ: J gains (λ/2m) Σ‖W‖², dW gains (λ/m) W. Default 0. */
  l2?: number;
  /** The hidden layers' g'(Z); default: the activation table's (the course's) derivative. */
  derivative?: DerivativeRule;
}

/** What backpropWith returns: the cost J and the course's gradients dZ, dA, dW, db. */
export interface BackpropWithResult {
  cost: number;
  grads: Record<string, Matrix>;
  cache: Record<string, Matrix>;
}

/** The activation table's derivative, the course's choice: the default rule. */
export const courseDerivative: DerivativeRule = (_layer, Z, A, activation) => getActivation(activation).derivative(Z, A);

/**
 * Forward pass, then the course's backward pass with `derivative` for the hidden layers.
 *
 * Syntax: backpropWith(X, Y, parameters, { activations, loss, l2?, derivative? }) → { cost, grads, cache }
 *
 * Examples:
 *   const opts = { activations: ['relu', 'sigmoid'], loss: 'cross-entropy' };
 *   backpropWith(X, Y, p, opts).grads.dW1;                         // equals backprop(X, Y, p, opts).grads.dW1
 *   const reluBug: DerivativeRule = (l, Z, A) => A.map((a) => (a >= 0 ? 1 : 0));
 *   backpropWith(X, Y, p, { ...opts, derivative: reluBug }).grads.dW1;   // wrong wherever Z1 < 0
 *
 * See also: backprop (every convention), gradientDescent, numericGradient
 */
export function backpropWith(X: Matrix, Y: Matrix, parameters: NetworkParameters, options: BackpropWithOptions): BackpropWithResult {
  const spec = networkSpec(X, parameters, options, Y);
  const L = spec.L;
  if (spec.activations.includes('softmax')) throw new RangeError('backpropWith: softmax is not supported; use backprop');
  const rule = options.derivative ?? courseDerivative;
  const { cache } = forwardPass(X, parameters, options.activations);
  const AL = cache[`A${L}`] as Matrix;
  const { cost } = evaluateOutput(spec, parameters, AL, Y);
  const m = X.cols;
  const out = spec.activations[L - 1] as string;
  let dZ =
    out === 'sigmoid' && spec.loss.name === 'cross-entropy'
      ? AL.sub(Y)
      : lossGradient(spec.loss, AL, Y).mul(getActivation(out).derivative(cache[`Z${L}`] as Matrix, AL));
  const grads: Record<string, Matrix> = {};
  for (let l = L; l >= 1; l--) {
    const W = parameters[`W${l}`] as Matrix;
    const APrev = cache[`A${l - 1}`] as Matrix;
    grads[`dZ${l}`] = dZ;
    let dW = dZ.dot(APrev.transpose()).scale(1 / m);
    if (spec.l2 !== 0) dW = dW.add(W.scale(spec.l2 / m));
    grads[`dW${l}`] = dW;
    grads[`db${l}`] = dZ.sumRows().scale(1 / m);
    const dAPrev = W.transpose().dot(dZ);
    grads[`dA${l - 1}`] = dAPrev;
    if (l > 1) {
      const Z = cache[`Z${l - 1}`] as Matrix;
      const gPrime = rule(l - 1, Z, APrev, spec.activations[l - 2] as string);
      if (gPrime.rows !== Z.rows || gPrime.cols !== Z.cols) {
        throw new RangeError(`derivative for layer ${l - 1} has shape (${gPrime.rows}, ${gPrime.cols}) but Z${l - 1} has shape (${Z.rows}, ${Z.cols})`);
      }
      dZ = dAPrev.mul(gPrime);
    }
  }
  return { cost, grads, cache };
}

/** Options of gradientDescent. */
export interface GradientDescentOptions {
  learningRate: number;
  iterations: number;
  /** The cost and the gradients dW1, db1, … at the given parameters. */
  gradients: (parameters: NetworkParameters) => { cost: number; grads: Record<string, Matrix> };
}

/**
 * Plain gradient descent W[l] −= α dW[l], b[l] −= α db[l] from a copy of `parameters`, with any
 * gradient function (a correct one or a buggy one). Records the cost before each update and
 * throws, naming the iteration, when it is NaN or infinite.
 *
 * Syntax: gradientDescent(parameters, { learningRate, iterations, gradients }) → { parameters, costs }
 *
 * Example:
 *   gradientDescent(p0, { learningRate: 0.5, iterations: 1000,
 *     gradients: (p) => backpropWith(X, Y, p, opts) }).costs;   // decreasing for a correct gradient
 *
 * See also: backpropWith, train (the shared trainer: conventions, mini-batches, Adam)
 */
export function gradientDescent(
  parameters: NetworkParameters,
  options: GradientDescentOptions,
): { parameters: NetworkParameters; costs: number[] } {
  const { learningRate, iterations } = options;
  if (!(learningRate > 0) || !Number.isFinite(learningRate)) throw new RangeError(`learningRate must be a positive number, got ${learningRate}`);
  if (!Number.isInteger(iterations) || iterations < 0) throw new RangeError(`iterations must be a non-negative integer, got ${iterations}`);
  let p: NetworkParameters = {};
  for (const [k, v] of Object.entries(parameters)) p[k] = v.clone();
  const costs: number[] = [];
  for (let t = 0; t < iterations; t++) {
    const { cost, grads } = options.gradients(p);
    if (!Number.isFinite(cost)) throw new RangeError(`gradientDescent: the cost became ${cost} at iteration ${t}`);
    costs.push(cost);
    const next: NetworkParameters = {};
    for (const [k, v] of Object.entries(p)) {
      const g = grads[`d${k}`];
      if (!g) throw new RangeError(`gradientDescent: no gradient d${k}`);
      next[k] = v.sub(g.scale(learningRate));
    }
    p = next;
  }
  return { parameters: p, costs };
}
