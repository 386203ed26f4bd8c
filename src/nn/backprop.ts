/**
 * The backward pass of a fully connected network on matrices: any depth, any mix of activations,
 * any loss, under every placement of the 1/m (conventions.ts), with the variants the lessons swap
 * in given as options rather than as copies: the output shortcut on or off, and another
 * derivative g' for the hidden layers (a deliberately wrong one, or another relu'(0)). It runs the
 * one layer step of layer.ts on fresh buffers and returns them as matrices:
 *
 *   dZ[L] = s_Z · (A[L] − Y)                (sigmoid + cross-entropy, softmax + categorical cross-entropy)
 *   dZ[L] = s_Z · dA[L] ∗ g'(Z[L])          (any other pair; dA[L] = ∂L/∂A[L] per example)
 *   dW[l] = s_W · dZ[l] A[l−1]ᵀ + r · W[l], db[l] = s_W · Σ_examples dZ[l]   (keeps shape (n[l], 1))
 *   dA[l−1] = W[l]ᵀ dZ[l],                  dZ[l−1] = dA[l−1] ∗ g'(Z[l−1])
 *
 * Under the convention "autograd" the forward pass is recorded on the tape of autograd.ts
 * instead, the mean over the examples is a node, and reverse mode finds every gradient: the
 * independent reference the one backward pass is tested against.
 *
 * Derived in: lesson 03-where-does-1-over-m-go (two placements), 04-the-1-over-m-elsewhere-and-twice (all five), 06-deep-network (the
 * recurrences), 11-activation-derivative-bugs (a wrong relu' or tanh').
 */
import { Matrix, formatShape } from '../core/matrix';
import { LayerActivation, layerActivation } from './activations';
import { networkBackward, networkForward } from './layer';
import { NonFiniteError, findNonFinite, forwardFinite, gradientsFinite } from './divergence';
import { firstNonFinite } from '../core/finite';
import { Convention, backwardFactors, checkConvention, conventionInfo } from './conventions';
import {
  ForwardCache,
  NetworkOptions,
  NetworkParameters,
  NetworkSpec,
  cacheOf,
  checkOptions,
  evaluateOutput,
  networkLayers,
  networkSpec,
} from './network';
import { constant, variable, Node } from './autograd';
import { selectColumns } from '../data/data';

/**
 * g'(Z[l]) of hidden layer l, given its cached Z[l], A[l] and activation name: a replacement for
 * the activation table's derivative (for example relu' as `A >= 0`, the bug of lesson 11).
 */
export type DerivativeRule = (layer: number, Z: Matrix, A: Matrix, activation: string) => Matrix;

/** Options of backprop: the network plus the convention and the variants. */
export interface BackpropOptions extends NetworkOptions {
  /** Where the 1/m goes; default "loss" (the course's). */
  convention?: Convention;
  /**
   * Use dZ[L] = A[L] − Y for sigmoid + cross-entropy and softmax + categorical cross-entropy
   * (default true). When false, dZ[L] = dA[L] ∗ g'(Z[L]) from dA[L] = ∂L/∂A[L], the course's
   * week-4 route (equal in exact arithmetic, but it divides by A and 1 − A).
   */
  shortcut?: boolean;
  /** g'(Z[l]) of the hidden layers (1 … L−1); default: the activation table's, the course's. */
  derivative?: DerivativeRule;
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

/** A hidden layer's g with its derivative replaced by `rule` (the forward pass unchanged). */
function withDerivative(g: LayerActivation, rule: DerivativeRule, layer: number): LayerActivation {
  return {
    name: g.name,
    forwardInto: (Z, A, n, m) => g.forwardInto(Z, A, n, m),
    backwardInto(dZ, dA, Z, A, n, m): void {
      const size = n * m;
      const gPrime = rule(layer, new Matrix(n, m, Z.subarray(0, size)), new Matrix(n, m, A.subarray(0, size)), g.name);
      if (!(gPrime instanceof Matrix) || gPrime.rows !== n || gPrime.cols !== m) {
        const got = gPrime instanceof Matrix ? `shape ${formatShape(gPrime.rows, gPrime.cols)}` : 'no Matrix';
        throw new RangeError(`derivative for layer ${layer} has ${got} but Z${layer} has shape ${formatShape(n, m)}`);
      }
      for (let k = 0; k < size; k++) dZ[k] = dA[k] * gPrime.data[k];
    },
  };
}

/**
 * Forward and backward pass of a fully connected network under a chosen placement of the 1/m.
 *
 * Syntax:
 *   backprop(X, Y, parameters, { activations, loss, convention = "loss", l2 = 0, shortcut = true, derivative? })
 *     → { cost, grads: { dZ1…dZL, dA0…dA(L−1), dW1…, db1… }, losses, cache, convention, stepScale }
 *
 * Examples:
 *   const opts = { activations: ['tanh', 'sigmoid'], loss: 'cross-entropy' };
 *   const a = backprop(X, Y, params, { ...opts, convention: 'loss' });
 *   const b = backprop(X, Y, params, { ...opts, convention: 'cost' });
 *   a.grads.dW1.maxAbsDiff(b.grads.dW1);                    // ~1e-17 (identical)
 *   a.grads.dZ2.maxAbsDiff(b.grads.dZ2.scale(X.cols));     // ~1e-17 (dZ differ by exactly m)
 *   const reluBug: DerivativeRule = (l, Z, A) => A.map((a) => (a >= 0 ? 1 : 0));
 *   backprop(X, Y, params, { ...opts, activations: ['relu', 'sigmoid'], derivative: reluBug }).grads.dW1;   // wrong where Z1 < 0
 *
 * See also: conventionInfo, probeLayer, train, numericGradient, gradientDescent
 *
 * Derived in: lesson 03-where-does-1-over-m-go, 06-deep-network, 10-other-losses-l2-and-shapes and 11-activation-derivative-bugs.
 */
export function backprop(X: Matrix, Y: Matrix, parameters: NetworkParameters, options: BackpropOptions): BackpropResult {
  checkOptions('backprop', options);
  const convention = checkConvention(options.convention ?? 'loss');
  const spec = networkSpec(X, parameters, options, Y);
  const rule = options.derivative;
  if (convention === 'autograd') {
    if (rule) throw new RangeError('backprop: a derivative rule cannot be used with convention "autograd" (the tape differentiates the forward pass itself)');
    return backpropByTape(X, Y, parameters, spec);
  }
  const m = X.cols;
  const layers = networkLayers(spec, parameters, m, (l) => {
    const g = layerActivation(spec.activations[l - 1]);
    return rule && l < spec.L ? withDerivative(g, rule, l) : g;
  });
  const dX = new Float64Array(X.rows * m);
  const sumsFinite = networkForward(layers, X.data, m);
  const cache = cacheOf(layers, X);
  const { losses, cost } = evaluateOutput(spec, parameters, cache[`A${spec.L}`], Y);
  const factors = backwardFactors(convention, m, spec.l2);
  networkBackward(layers, X.data, Y.data, m, spec.loss, options.shortcut ?? true, factors, dX);
  if (!Number.isFinite(cost) || (!sumsFinite && !forwardFinite(layers, m)) || !gradientsFinite(layers) || firstNonFinite(dX) >= 0) {
    // finite inputs, yet a value overflowed: say where first, and why when that was checked
    const state = { layers, X: X.data, Y: Y.data, m, loss: spec.loss, iteration: 0, updates: 0, learningRate: 0, startMaxW: 0 };
    throw new NonFiniteError('backprop', findNonFinite(state, cost));
  }
  const grads: Gradients = { dA0: new Matrix(X.rows, m, dX) };
  layers.forEach((layer, i) => {
    const l = i + 1;
    grads[`dZ${l}`] = new Matrix(layer.n, m, layer.dZ);
    grads[`dW${l}`] = new Matrix(layer.n, layer.p, layer.dW);
    grads[`db${l}`] = new Matrix(layer.n, 1, layer.db);
    if (l < spec.L) grads[`dA${l}`] = new Matrix(layer.n, m, layer.dA);
  });
  return { cost, grads, losses, cache, convention, stepScale: conventionInfo[convention].stepScale(m) };
}

/** Placement D: the forward pass recorded on a tape, the mean as a node, gradients by reverse mode. */
function backpropByTape(X: Matrix, Y: Matrix, parameters: NetworkParameters, spec: NetworkSpec): BackpropResult {
  const L = spec.L;
  const m = X.cols;
  const A: Node[] = [constant(X)];
  const Z: Node[] = [A[0]];
  const W: Node[] = [A[0]];
  const b: Node[] = [A[0]];
  for (let l = 1; l <= L; l++) {
    W.push(variable(parameters[`W${l}`]));
    b.push(variable(parameters[`b${l}`]));
    const z = W[l].matmul(A[l - 1]).addColumn(b[l]);
    Z.push(z);
    A.push(z.apply(spec.activations[l - 1]));
  }
  const lossRow = A[L].loss(spec.loss.name, Y);
  let J = lossRow.mean();
  if (spec.l2 !== 0) {
    let squares = W[1].sumSquares();
    for (let l = 2; l <= L; l++) squares = squares.plus(W[l].sumSquares());
    J = J.plus(squares.scale(spec.l2 / (2 * m)));
  }
  J.backward();
  const grads: Gradients = {};
  const cache: ForwardCache = { A0: X };
  for (let l = 1; l <= L; l++) {
    grads[`dZ${l}`] = Z[l].grad;
    grads[`dA${l - 1}`] = A[l - 1].grad;
    grads[`dW${l}`] = W[l].grad;
    grads[`db${l}`] = b[l].grad;
    cache[`Z${l}`] = Z[l].value;
    cache[`A${l}`] = A[l].value;
  }
  return { cost: J.value.data[0], grads, losses: lossRow.value, cache, convention: 'autograd', stepScale: 1 };
}

/**
 * The gradients of each example's own loss L(i), one backward pass per column of X (m = 1):
 * dW, db (and dZ, dA, one column each) of example i alone. Their mean is the gradient of
 * J = (1/m) Σ L(i) (meanOfGradients): the derivative of the mean is the mean of the derivatives.
 *
 * Syntax: singleExampleGradients(X, Y, parameters, { activations, loss }): Gradients[]   (m entries)
 *
 * Example:
 *   const singles = singleExampleGradients(X, Y, params, net);
 *   maxParamDiff(meanOfGradients(singles), backprop(X, Y, params, net).grads);   // ~1e-17 over dW, db
 *
 * See also: meanOfGradients, backprop, perExampleGradient (finite differences per column)
 *
 * Derived in: lesson 02-many-examples (the mean of the per-example gradients), 00-start-here
 * (Nielsen's per-example loop), 03-where-does-1-over-m-go (§2 step 4; §6.4 and §6.5, one mini-batch
 * and per-example gradient norms).
 */
export function singleExampleGradients(X: Matrix, Y: Matrix, parameters: NetworkParameters, options: NetworkOptions): Gradients[] {
  checkOptions('singleExampleGradients', options);
  if (!(X instanceof Matrix) || !(Y instanceof Matrix)) throw new TypeError('singleExampleGradients: X and Y must be matrices, one example per column');
  if (X.cols !== Y.cols) throw new RangeError(`singleExampleGradients: X has shape ${formatShape(X.rows, X.cols)} but Y has shape ${formatShape(Y.rows, Y.cols)}: they need the same number of columns`);
  const net = { activations: options.activations, loss: options.loss, l2: options.l2 ?? 0 };
  return Array.from({ length: X.cols }, (_, i) => backprop(selectColumns(X, [i]), selectColumns(Y, [i]), parameters, { ...net, convention: 'loss' }).grads);
}
