/**
 * The course's week-3 network: one tanh hidden layer, a sigmoid output, cross-entropy.
 *   Z1 = W1 X + b1, A1 = tanh(Z1), Z2 = W2 A1 + b2, A2 = σ(Z2)
 *   dZ2 = A2 − Y, dW2 = (1/m) dZ2 A1ᵀ, db2 = (1/m) Σ dZ2,
 *   dZ1 = W2ᵀ dZ2 ∗ (1 − A1²), dW1 = (1/m) dZ1 Xᵀ, db1 = (1/m) Σ dZ1.
 *
 * Derived in: lesson 04-one-hidden-layer.
 */
import { Matrix, formatShape } from '../core/matrix';
import { Rng, createRng, randn } from '../core/random';
import { sigmoid } from './week2';
import { computeCost, updateParameters } from './common';
import { NetworkParameters } from '../nn/network';
import { train } from '../nn/train';

/** The week-3 parameters. */
export interface ShallowParameters {
  W1: Matrix;
  b1: Matrix;
  W2: Matrix;
  b2: Matrix;
  [key: string]: Matrix;
}

/** The week-3 forward cache. */
export interface ShallowCache {
  Z1: Matrix;
  A1: Matrix;
  Z2: Matrix;
  A2: Matrix;
}

/**
 * Layer sizes from the data: n_x = rows of X, n_h = 4 (or the given size), n_y = rows of Y.
 *
 * Syntax: layerSizes(X, Y, nH = 4) → { nX, nH, nY }
 *
 * Example: `layerSizes(Matrix.zeros(5, 3), Matrix.zeros(2, 3)); // { nX: 5, nH: 4, nY: 2 }`
 */
export function layerSizes(X: Matrix, Y: Matrix, nH = 4): { nX: number; nH: number; nY: number } {
  return { nX: X.rows, nH, nY: Y.rows };
}

/**
 * W1 = 0.01 · randn(nH, nX), b1 = 0, W2 = 0.01 · randn(nY, nH), b2 = 0 (seeded).
 *
 * Syntax: initializeParameters(nX, nH, nY, seed = 2 | rng)
 *
 * Example: `initializeParameters(2, 4, 1).W1.shape; // [4, 2]`
 *
 * See also: initializeNetwork, initializeParametersDeep
 */
export function initializeParameters(nX: number, nH: number, nY: number, seed: number | Rng = 2): ShallowParameters {
  const rng = typeof seed === 'number' ? createRng(seed) : seed;
  return {
    W1: randn(nH, nX, rng).scale(0.01),
    b1: Matrix.zeros(nH, 1),
    W2: randn(nY, nH, rng).scale(0.01),
    b2: Matrix.zeros(nY, 1),
  };
}

function checkShallow(X: Matrix, p: NetworkParameters): void {
  for (const k of ['W1', 'b1', 'W2', 'b2']) if (!(p[k] instanceof Matrix)) throw new RangeError(`parameters: ${k} is missing or not a Matrix`);
  const W1 = p.W1 as Matrix;
  if (W1.cols !== X.rows) throw new RangeError(`W1 has shape ${formatShape(W1.rows, W1.cols)} but X has shape ${formatShape(X.rows, X.cols)}`);
}

/**
 * The week-3 forward pass (tanh hidden layer, sigmoid output).
 *
 * Syntax: forwardPropagation(X, { W1, b1, W2, b2 }) → { A2, cache: { Z1, A1, Z2, A2 } }
 *
 * Example: `forwardPropagation(X, params).A2.shape; // [1, m]`
 *
 * See also: backwardPropagation, forwardPass (any network)
 */
export function forwardPropagation(X: Matrix, parameters: NetworkParameters): { A2: Matrix; cache: ShallowCache } {
  checkShallow(X, parameters);
  const Z1 = (parameters.W1 as Matrix).dot(X).addColumn(parameters.b1 as Matrix);
  const A1 = Z1.map(Math.tanh);
  const Z2 = (parameters.W2 as Matrix).dot(A1).addColumn(parameters.b2 as Matrix);
  const A2 = sigmoid(Z2);
  return { A2, cache: { Z1, A1, Z2, A2 } };
}

/**
 * The week-3 backward pass, with tanh' = 1 − A1² taken from the cached A1 (the course's way).
 *
 * Syntax: backwardPropagation(parameters, cache, X, Y) → { dW1, db1, dW2, db2 }
 *
 * Example: `backwardPropagation(params, forwardPropagation(X, params).cache, X, Y).dW1.shape; // [nH, nX]`
 *
 * See also: forwardPropagation, backprop (any network, any convention)
 */
export function backwardPropagation(
  parameters: NetworkParameters,
  cache: ShallowCache,
  X: Matrix,
  Y: Matrix,
): { dW1: Matrix; db1: Matrix; dW2: Matrix; db2: Matrix } {
  const m = X.cols;
  const W2 = parameters.W2 as Matrix;
  const dZ2 = cache.A2.sub(Y);
  const dW2 = dZ2.dot(cache.A1.transpose()).scale(1 / m);
  const db2 = dZ2.sumRows().scale(1 / m);
  const dZ1 = W2.transpose().dot(dZ2).mul(cache.A1.map((a) => 1 - a * a));
  const dW1 = dZ1.dot(X.transpose()).scale(1 / m);
  const db1 = dZ1.sumRows().scale(1 / m);
  return { dW1, db1, dW2, db2 };
}

/**
 * Trains the week-3 network: initializeParameters, then numIterations of forward, cost,
 * backward, update with learning rate 1.2. Returns the parameters (as the course) and the
 * cost of every iteration. Runs the fast loop of `train` (same numbers).
 *
 * Syntax: nnModel(X, Y, nH, numIterations = 10000, { printCost = false, learningRate = 1.2, seed = 3 })
 *           → { parameters, costs }
 *
 * Example: `accuracy(predictShallow(nnModel(X, Y, 4).parameters, X), Y); // ≈ 0.9 on planarData()`
 *
 * See also: train, predictShallow, planarData
 */
export function nnModel(
  X: Matrix,
  Y: Matrix,
  nH: number,
  numIterations = 10000,
  options: { printCost?: boolean; learningRate?: number; seed?: number } = {},
): { parameters: ShallowParameters; costs: number[] } {
  const { nX, nY } = layerSizes(X, Y, nH);
  const parameters = initializeParameters(nX, nH, nY, options.seed ?? 3);
  const r = train(X, Y, {
    parameters,
    activations: ['tanh', 'sigmoid'],
    loss: 'cross-entropy',
    learningRate: options.learningRate ?? 1.2,
    iterations: numIterations,
    onProgress: options.printCost
      ? (p) => {
          if (p.iteration % 1000 === 0) console.log(`Cost after iteration ${p.iteration}: ${p.cost}`);
        }
      : undefined,
  });
  return { parameters: r.parameters as ShallowParameters, costs: r.costs };
}

/**
 * Week-3 predictions (1, m): 1 where A2 > 0.5.
 *
 * Syntax: predictShallow(parameters, X): Matrix
 *
 * See also: forwardPropagation, predict (week 2), predictDeep (week 4)
 */
export function predictShallow(parameters: NetworkParameters, X: Matrix): Matrix {
  return forwardPropagation(X, parameters).A2.map((a) => (a > 0.5 ? 1 : 0));
}

/** One hand-written week-3 training step (the course's loop body), for lessons that show it. */
export function shallowStep(parameters: NetworkParameters, X: Matrix, Y: Matrix, learningRate = 1.2): { parameters: NetworkParameters; cost: number } {
  const { A2, cache } = forwardPropagation(X, parameters);
  const cost = computeCost(A2, Y);
  const grads = backwardPropagation(parameters, cache, X, Y);
  return { parameters: updateParameters(parameters, grads, learningRate), cost };
}
