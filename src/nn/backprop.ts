/**
 * The general backward pass for any depth, any mix of activations and either loss, under every
 * placement of the 1/m found in the literature, plus two wrong ones. All computations are
 * plain Matrix equations, one line per equation of the lessons:
 *
 *   dZ[L] = A[L] − Y                 (sigmoid + cross-entropy, softmax + categorical cross-entropy)
 *   dZ[L] = dA[L] ∗ g'(Z[L])         (any other pair; dA[L] = ∂L/∂A[L] per example)
 *   dW[l] = s_W · dZ[l] A[l−1]ᵀ,     db[l] = s_W · Σ_examples dZ[l]   (keeps shape (n[l], 1))
 *   dA[l−1] = W[l]ᵀ dZ[l],           dZ[l−1] = dA[l−1] ∗ g'(Z[l−1])
 *
 * with dZ[L] first multiplied by s_Z. The convention fixes s_Z and s_W (m = number of columns):
 *
 * | convention | s_Z  | s_W  | dZ, dA are          | dW, db are           | update step              |
 * |------------|------|------|---------------------|----------------------|--------------------------|
 * | "loss"     | 1    | 1/m  | ∂L(i)/∂· per column | ∂J/∂W, ∂J/∂b         | W −= α dW                |
 * | "cost"     | 1/m  | 1    | ∂J/∂·               | ∂J/∂W, ∂J/∂b         | W −= α dW                |
 * | "autograd" | (tape: the mean is a node; same numbers as "cost")                                 |
 * | "update"   | 1    | 1    | ∂L(i)/∂·            | Σ_i ∂L(i)/∂W         | W −= (α/m) dW (Nielsen)  |
 * | "sum"      | 1    | 1    | ∂L(i)/∂·            | ∂(Σ L)/∂W            | W −= α dW, α absorbs m   |
 * | "double"   | 1/m  | 1/m  | ∂J/∂·               | (1/m) ∂J/∂W  (wrong) | W −= α dW                |
 * | "none"     | 1    | 1    | ∂L(i)/∂·            | m ∂J/∂W      (wrong) | W −= α dW                |
 *
 * "loss", "cost", "autograd" give identical dW and db; "update" gives the same step. Their dZ
 * and dA differ by exactly m between "loss" and "cost". With l2 = λ, each objective gains its
 * own share of (λ/2)Σ‖W‖²: (λ/m)W is added to dW under loss, cost, autograd, double and none
 * (the regulariser written as the course writes it), and λW under update and sum (whose
 * objective is m·J).
 *
 * Derived in: lesson 03-where-does-1-over-m-go (all placements), 05-deep-network (the recurrences).
 */
import { Matrix } from '../core/matrix';
import { OutputActivationName, getActivation, softmaxBackward } from './activations';
import {
  ForwardCache,
  NetworkOptions,
  NetworkParameters,
  NetworkSpec,
  applyActivation,
  evaluateOutput,
  networkSpec,
} from './network';
import { constant, variable, Node } from './autograd';

/** Where the 1/m goes. See the table in the module comment and `conventionInfo`. */
export type Convention = 'loss' | 'cost' | 'autograd' | 'update' | 'sum' | 'double' | 'none';

/** Every convention, correct ones first. */
export const conventions: readonly Convention[] = Object.freeze(['loss', 'cost', 'autograd', 'update', 'sum', 'double', 'none']);

/** What a convention means, as data (read by lessons and the derivation engine). */
export interface ConventionInfo {
  name: Convention;
  /** Factor applied to dZ[L] after the per-example derivative: 1 or 1/m (as a function of m). */
  dZScale: (m: number) => number;
  /** Factor applied in dW and db: 1 or 1/m. */
  dWScale: (m: number) => number;
  /** Factor gradient descent applies in the update: W −= α · stepScale · dW. */
  stepScale: (m: number) => number;
  /** What dZ[l] and dA[l] are derivatives of: "L" (per example, stacked: the gradient of Σ L) or "J". */
  intermediateOf: 'L' | 'J';
  /** What dW and db are derivatives of: "J", "sum L" (= m J) or "J/m". */
  weightsOf: 'J' | 'sum L' | 'J/m';
  /** True for the placements found in correct material; false for "double" and "none". */
  correct: boolean;
  /** One line for a table. */
  description: string;
}

const one = (): number => 1;
const inv = (m: number): number => 1 / m;

/**
 * The conventions as data.
 *
 * Example: `conventionInfo.cost.dZScale(4); // 0.25`
 *
 * See also: backprop, Convention
 */
export const conventionInfo: Readonly<Record<Convention, ConventionInfo>> = Object.freeze({
  loss: { name: 'loss', dZScale: one, dWScale: inv, stepScale: one, intermediateOf: 'L', weightsOf: 'J', correct: true, description: "the course's: dZ, dA per example; 1/m only in dW and db" },
  cost: { name: 'cost', dZScale: inv, dWScale: one, stepScale: one, intermediateOf: 'J', weightsOf: 'J', correct: true, description: "the learner's: every quantity a derivative of J; 1/m at dZ[L]" },
  autograd: { name: 'autograd', dZScale: inv, dWScale: one, stepScale: one, intermediateOf: 'J', weightsOf: 'J', correct: true, description: 'the mean is a node of a reverse-mode tape (micrograd, PyTorch reduction="mean")' },
  update: { name: 'update', dZScale: one, dWScale: one, stepScale: inv, intermediateOf: 'L', weightsOf: 'sum L', correct: true, description: "per-example backprop summed; 1/m in the update step (Nielsen)" },
  sum: { name: 'sum', dZScale: one, dWScale: one, stepScale: one, intermediateOf: 'L', weightsOf: 'sum L', correct: true, description: 'a summed loss; the learning rate absorbs m (PyTorch reduction="sum")' },
  double: { name: 'double', dZScale: inv, dWScale: inv, stepScale: one, intermediateOf: 'J', weightsOf: 'J/m', correct: false, description: 'WRONG: 1/m at dZ[L] and again in dW, db' },
  none: { name: 'none', dZScale: one, dWScale: one, stepScale: one, intermediateOf: 'L', weightsOf: 'sum L', correct: false, description: 'WRONG: no 1/m anywhere while the learning rate assumes a mean' },
});

/**
 * Validates a convention name; throws `unknown convention "x" (expected one of: …)`.
 *
 * Example: `checkConvention('cost'); // 'cost'`
 */
export function checkConvention(name: unknown): Convention {
  if (typeof name === 'string' && Object.prototype.hasOwnProperty.call(conventionInfo, name)) return name as Convention;
  throw new RangeError(`unknown convention ${JSON.stringify(name)} (expected one of: ${conventions.join(', ')})`);
}

/** Options of backprop: the network plus the convention. */
export interface BackpropOptions extends NetworkOptions {
  /** Where the 1/m goes; default "loss" (the course's). */
  convention?: Convention;
  /**
   * Use dZ[L] = A[L] − Y for sigmoid + cross-entropy and softmax + categorical cross-entropy
   * (default true). When false, dZ[L] = dA[L] ∗ g'(Z[L]) from dA[L] = ∂L/∂A[L], the course's
   * week-4 route (equal in exact arithmetic, but it divides by A and 1 − A).
   */
  shortcut?: boolean;
}

/** Gradients under the course's keys: dZ1…dZL, dA0…dA(L−1), dW1…dWL, db1…dbL. */
export type Gradients = Record<string, Matrix>;

/** What backprop returns. */
export interface BackpropResult {
  /** J = (1/m) Σ L (+ (λ/2m) Σ‖W‖²), whatever the convention. */
  cost: number;
  /** dZ1…dZL, dA0…dA(L−1), dW1…dWL, db1…dbL under the convention. */
  grads: Gradients;
  /** The per-example losses L(i), (1, m). */
  losses: Matrix;
  /** The forward values A0 = X, Z1, A1, …, ZL, AL. */
  cache: ForwardCache;
  /** The convention used. */
  convention: Convention;
  /** Factor the update applies: W −= α · stepScale · dW (1/m under "update", else 1). */
  stepScale: number;
}

/** dZ = dA ∗ g'(Z) for layer activation `name` (A = g(Z) cached), or the softmax Jacobian product. */
export function activationBackward(name: OutputActivationName, dA: Matrix, Z: Matrix, A: Matrix): Matrix {
  if (name === 'softmax') return softmaxBackward(dA, A);
  return dA.mul(getActivation(name).derivative(Z, A));
}

function outputDZ(spec: NetworkSpec, AL: Matrix, ZL: Matrix, Y: Matrix, shortcut: boolean): Matrix {
  const act = spec.activations[spec.L - 1] as OutputActivationName;
  const loss = spec.loss.name;
  if (shortcut && ((act === 'sigmoid' && loss === 'cross-entropy') || (act === 'softmax' && loss === 'categorical-cross-entropy'))) {
    return AL.sub(Y);
  }
  const dAL = new Matrix(AL.rows, AL.cols);
  for (let k = 0; k < dAL.data.length; k++) dAL.data[k] = spec.loss.derivative(AL.data[k] as number, Y.data[k] as number);
  return activationBackward(act, dAL, ZL, AL);
}

/**
 * Forward and backward pass of a fully connected network under a chosen placement of the 1/m.
 *
 * Syntax:
 *   backprop(X, Y, parameters, { activations, loss, convention = "loss", l2 = 0, shortcut = true })
 *     → { cost, grads: { dZ1…dZL, dA0…dA(L−1), dW1…, db1… }, losses, cache, convention, stepScale }
 *
 * Examples:
 *   const opts = { activations: ['tanh', 'sigmoid'], loss: 'cross-entropy' };
 *   const a = backprop(X, Y, params, { ...opts, convention: 'loss' });
 *   const b = backprop(X, Y, params, { ...opts, convention: 'cost' });
 *   a.grads.dW1.maxAbsDiff(b.grads.dW1);                    // ~1e-17 (identical)
 *   a.grads.dZ2.maxAbsDiff(b.grads.dZ2.scale(X.cols));     // ~1e-17 (dZ differ by exactly m)
 *
 * See also: conventionInfo, probeLayer, train, numericGradient
 *
 * Derived in: lesson 03-where-does-1-over-m-go and 05-deep-network.
 */
export function backprop(X: Matrix, Y: Matrix, parameters: NetworkParameters, options: BackpropOptions): BackpropResult {
  const convention = checkConvention(options.convention ?? 'loss');
  const spec = networkSpec(X, parameters, options, Y);
  if (convention === 'autograd') return backpropByTape(X, Y, parameters, spec);
  const info = conventionInfo[convention];
  const L = spec.L;
  const m = X.cols;
  // forward
  const cache: ForwardCache = { A0: X };
  for (let l = 1; l <= L; l++) {
    const Z = (parameters[`W${l}`] as Matrix).dot(cache[`A${l - 1}`] as Matrix).addColumn(parameters[`b${l}`] as Matrix);
    cache[`Z${l}`] = Z;
    cache[`A${l}`] = applyActivation(spec.activations[l - 1] as OutputActivationName, Z);
  }
  const { losses, cost } = evaluateOutput(spec, parameters, cache[`A${L}`] as Matrix, Y);
  // backward
  const grads: Gradients = {};
  const sW = info.dWScale(m);
  const l2 = spec.l2 * (convention === 'update' || convention === 'sum' ? 1 : 1 / m);
  let dZ = outputDZ(spec, cache[`A${L}`] as Matrix, cache[`Z${L}`] as Matrix, Y, options.shortcut ?? true).scale(info.dZScale(m));
  for (let l = L; l >= 1; l--) {
    const W = parameters[`W${l}`] as Matrix;
    const APrev = cache[`A${l - 1}`] as Matrix;
    grads[`dZ${l}`] = dZ;
    let dW = dZ.dot(APrev.transpose()).scale(sW);
    if (l2 !== 0) dW = dW.add(W.scale(l2));
    grads[`dW${l}`] = dW;
    grads[`db${l}`] = dZ.sumRows().scale(sW);
    const dAPrev = W.transpose().dot(dZ);
    grads[`dA${l - 1}`] = dAPrev;
    if (l > 1) {
      dZ = activationBackward(spec.activations[l - 2] as OutputActivationName, dAPrev, cache[`Z${l - 1}`] as Matrix, APrev);
    }
  }
  return { cost, grads, losses, cache, convention, stepScale: info.stepScale(m) };
}

/** Placement D: the forward pass recorded on a tape, the mean as a node, gradients by reverse mode. */
function backpropByTape(X: Matrix, Y: Matrix, parameters: NetworkParameters, spec: NetworkSpec): BackpropResult {
  const L = spec.L;
  const m = X.cols;
  const A: Node[] = [constant(X)];
  const Z: Node[] = [A[0] as Node];
  const W: Node[] = [A[0] as Node];
  const b: Node[] = [A[0] as Node];
  for (let l = 1; l <= L; l++) {
    W.push(variable(parameters[`W${l}`] as Matrix));
    b.push(variable(parameters[`b${l}`] as Matrix));
    const z = (W[l] as Node).matmul(A[l - 1] as Node).addColumn(b[l] as Node);
    Z.push(z);
    A.push(z.apply(spec.activations[l - 1] as string));
  }
  const lossRow = (A[L] as Node).loss(spec.loss.name, Y);
  let J = lossRow.mean();
  if (spec.l2 !== 0) {
    let squares = (W[1] as Node).sumSquares();
    for (let l = 2; l <= L; l++) squares = squares.plus((W[l] as Node).sumSquares());
    J = J.plus(squares.scale(spec.l2 / (2 * m)));
  }
  J.backward();
  const grads: Gradients = {};
  const cache: ForwardCache = { A0: X };
  for (let l = 1; l <= L; l++) {
    grads[`dZ${l}`] = (Z[l] as Node).grad;
    grads[`dA${l - 1}`] = (A[l - 1] as Node).grad;
    grads[`dW${l}`] = (W[l] as Node).grad;
    grads[`db${l}`] = (b[l] as Node).grad;
    cache[`Z${l}`] = (Z[l] as Node).value;
    cache[`A${l}`] = (A[l] as Node).value;
  }
  return { cost: J.value.data[0] as number, grads, losses: lossRow.value, cache, convention: 'autograd', stepScale: 1 };
}
