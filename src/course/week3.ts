/**
 * The course's week-3 network: one tanh hidden layer, a sigmoid output, cross-entropy.
 *   Z1 = W1 X + b1, A1 = tanh(Z1), Z2 = W2 A1 + b2, A2 = σ(Z2)
 *   dZ2 = A2 − Y, dW2 = (1/m) dZ2 A1ᵀ, db2 = (1/m) Σ dZ2,
 *   dZ1 = W2ᵀ dZ2 ∗ (1 − A1²), dW1 = (1/m) dZ1 Xᵀ, db1 = (1/m) Σ dZ1.
 * Each function keeps the course's signature and runs the module's one forward step, backward
 * pass and training loop (nn/layer.ts, nn/train.ts) on the course's network.
 *
 * Derived in: lesson 05-one-hidden-layer.
 */
import { Matrix, formatShape } from '../core/matrix';
import { Rng } from '../core/random';
import { activations } from '../nn/activations';
import { checkLabels, losses } from '../nn/losses';
import { checkFinite } from '../core/finite';
import { createLayer, networkBackward } from '../nn/layer';
import { backwardFactors } from '../nn/conventions';
import { NetworkParameters, forwardPass } from '../nn/network';
import { initializeNetwork } from '../nn/init';
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
 *
 * See also: initializeParameters, nnModel
 *
 * Derived in: lesson 05-one-hidden-layer.
 */
export function layerSizes(X: Matrix, Y: Matrix, nH = 4): { nX: number; nH: number; nY: number } {
  return { nX: X.rows, nH, nY: Y.rows };
}

/**
 * W1 = 0.01 · randn(nH, nX), b1 = 0, W2 = 0.01 · randn(nY, nH), b2 = 0 (seeded): the module's
 * initializeNetwork([nX, nH, nY], { scheme: "course" }) under the course's name and signature.
 *
 * Syntax: initializeParameters(nX, nH, nY, seed = 2 | rng)
 *
 * Example: `initializeParameters(2, 4, 1).W1.shape; // [4, 2]`
 *
 * See also: initializeNetwork, initializeParametersDeep
 *
 * Derived in: lesson 05-one-hidden-layer.
 */
export function initializeParameters(nX: number, nH: number, nY: number, seed: number | Rng = 2): ShallowParameters {
  const p = initializeNetwork([nX, nH, nY], typeof seed === 'number' ? { scheme: 'course', seed } : { scheme: 'course', rng: seed });
  return { W1: p.W1, b1: p.b1, W2: p.W2, b2: p.b2 };
}

function checkShallow(X: Matrix, p: NetworkParameters): void {
  for (const k of ['W1', 'b1', 'W2', 'b2']) if (!(p[k] instanceof Matrix)) throw new RangeError(`parameters: ${k} is missing or not a Matrix`);
  const W1 = p.W1;
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
 *
 * Derived in: lesson 05-one-hidden-layer.
 */
export function forwardPropagation(X: Matrix, parameters: NetworkParameters): { A2: Matrix; cache: ShallowCache } {
  checkShallow(X, parameters);
  const { W1, b1, W2, b2 } = parameters;
  const { cache } = forwardPass(X, { W1, b1, W2, b2 }, ['tanh', 'sigmoid']);
  return { A2: cache.A2, cache: { Z1: cache.Z1, A1: cache.A1, Z2: cache.Z2, A2: cache.A2 } };
}

/**
 * The week-3 backward pass, with tanh' = 1 − A1² taken from the cached A1 (the course's way):
 * the one backward pass of the module (convention "loss") run on the course's cache.
 *
 * Syntax: backwardPropagation(parameters, cache, X, Y) → { dW1, db1, dW2, db2 }
 *
 * Example: `backwardPropagation(params, forwardPropagation(X, params).cache, X, Y).dW1.shape; // [nH, nX]`
 *
 * See also: forwardPropagation, backprop (any network, any convention)
 *
 * Derived in: lesson 05-one-hidden-layer.
 */
export function backwardPropagation(
  parameters: NetworkParameters,
  cache: ShallowCache,
  X: Matrix,
  Y: Matrix,
): { dW1: Matrix; db1: Matrix; dW2: Matrix; db2: Matrix } {
  for (const k of ['W1', 'W2']) if (!(parameters[k] instanceof Matrix)) throw new RangeError(`backwardPropagation: parameters.${k} is missing or not a Matrix`);
  const { W1, W2 } = parameters;
  const m = X.cols;
  if (m === 0) throw new RangeError(`backwardPropagation: X has no examples (shape ${formatShape(X.rows, m)}): m must be at least 1`);
  const [nX, nH, nY] = [X.rows, W1.rows, W2.rows];
  const expect: [string, Matrix | undefined, number, number][] = [
    ['W1', W1, nH, nX], ['W2', W2, nY, nH], ['X', X, nX, m], ['Y', Y, nY, m],
    ['Z1', cache.Z1, nH, m], ['A1', cache.A1, nH, m], ['Z2', cache.Z2, nY, m], ['A2', cache.A2, nY, m],
  ];
  for (const [name, M, rows, cols] of expect) {
    if (!(M instanceof Matrix)) throw new RangeError(`backwardPropagation: ${name} is missing or not a Matrix`);
    if (M.rows !== rows || M.cols !== cols) {
      throw new RangeError(`backwardPropagation: ${name} has shape ${formatShape(M.rows, M.cols)}, expected ${formatShape(rows, cols)} for X of shape ${formatShape(nX, m)}`);
    }
    checkFinite(name, M, 'backwardPropagation');
  }
  checkLabels(losses['cross-entropy'], Y);
  const layers = [
    createLayer({ n: nH, p: nX, m }, activations.tanh, { W: W1.data, Z: cache.Z1.data, A: cache.A1.data }),
    createLayer({ n: nY, p: nH, m }, activations.sigmoid, { W: W2.data, Z: cache.Z2.data, A: cache.A2.data }),
  ];
  networkBackward(layers, X.data, Y.data, m, losses['cross-entropy'], true, backwardFactors('loss', m), null);
  const [one, two] = layers;
  return {
    dW1: new Matrix(nH, nX, one.dW),
    db1: new Matrix(nH, 1, one.db),
    dW2: new Matrix(nY, nH, two.dW),
    db2: new Matrix(nY, 1, two.db),
  };
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
 *
 * Derived in: lesson 05-one-hidden-layer.
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
  const { W1, b1, W2, b2 } = r.parameters;
  return { parameters: { W1, b1, W2, b2 }, costs: r.costs };
}

/**
 * Week-3 predictions (1, m): 1 where A2 > 0.5.
 *
 * Syntax: predictShallow(parameters, X): Matrix
 *
 * Example: `accuracy(predictShallow(nnModel(X, Y, 4).parameters, X), Y); // ≈ 0.9 on planarData()`
 *
 * See also: forwardPropagation, predict (week 2), predictDeep (week 4)
 *
 * Derived in: lesson 05-one-hidden-layer.
 */
export function predictShallow(parameters: NetworkParameters, X: Matrix): Matrix {
  return forwardPropagation(X, parameters).A2.map((a) => (a > 0.5 ? 1 : 0));
}
