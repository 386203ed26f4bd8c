/**
 * The course's week-4 building blocks for an L-layer network, [LINEAR → RELU] × (L − 1) →
 * LINEAR → SIGMOID, with caches as plain objects:
 *   linear:      Z = W A_prev + b                       cache { APrev, W, b }
 *   activation:  A = g(Z)                               cache { APrev, W, b, Z }
 *   backward:    dZ = dA ∗ g'(cached Z),  dW = (1/m) dZ A_prevᵀ,  db = (1/m) Σ dZ,  dA_prev = Wᵀ dZ
 *   start:       dA[L] = −(Y / AL − (1 − Y) / (1 − AL))  (then through σ' at the cached Z[L])
 *
 * Derived in: lesson 05-deep-network.
 */
import { Matrix, formatShape } from '../core/matrix';
import { Rng, createRng, randn } from '../core/random';
import { getActivation } from '../nn/activations';
import { NetworkParameters, layerCount } from '../nn/network';
import { Gradients } from '../nn/backprop';
import { InitScheme, initScale } from '../nn/init';

/** The activations of the course's week-4 functions. */
export type CourseActivation = 'sigmoid' | 'relu' | 'tanh';

/** Cache of linearForward: its inputs. */
export interface LinearCache {
  APrev: Matrix;
  W: Matrix;
  b: Matrix;
}

/** Cache of linearActivationForward: the linear inputs and Z. */
export interface LayerCache extends LinearCache {
  Z: Matrix;
}

/**
 * Parameters for layer sizes layerDims = [n0, …, nL]: W[l] = scale · randn(n[l], n[l−1]),
 * b[l] = 0; scale 0.01 ("course", the step-by-step notebook) or "xavier" 1/√n[l−1] (the
 * course's application notebook) or "he".
 *
 * Syntax: initializeParametersDeep(layerDims, { seed = 3, scheme = "course", rng? })
 *
 * Example: `initializeParametersDeep([5, 4, 3]).W2.shape; // [3, 4]`
 *
 * See also: initializeNetwork
 */
export function initializeParametersDeep(layerDims: readonly number[], options: { seed?: number; scheme?: InitScheme; rng?: Rng } = {}): NetworkParameters {
  const rng = options.rng ?? createRng(options.seed ?? 3);
  const p: NetworkParameters = {};
  for (let l = 1; l < layerDims.length; l++) {
    const fanIn = layerDims[l - 1] as number;
    p[`W${l}`] = randn(layerDims[l] as number, fanIn, rng).scale(initScale(options.scheme ?? 'course', fanIn));
    p[`b${l}`] = Matrix.zeros(layerDims[l] as number, 1);
  }
  return p;
}

/**
 * Z = W A_prev + b.
 *
 * Syntax: linearForward(APrev, W, b) → { Z, cache: { APrev, W, b } }
 *
 * Example: `linearForward(Matrix.column([1, 2]), Matrix.row([3, 4]), Matrix.column([1])).Z.toArray(); // [[12]]`
 *
 * See also: linearActivationForward, linearBackward
 */
export function linearForward(APrev: Matrix, W: Matrix, b: Matrix): { Z: Matrix; cache: LinearCache } {
  const Z = W.dot(APrev).addColumn(b);
  return { Z, cache: { APrev, W, b } };
}

/**
 * A = g(W A_prev + b) for g = "sigmoid" | "relu" | "tanh".
 *
 * Syntax: linearActivationForward(APrev, W, b, activation) → { A, cache: { APrev, W, b, Z } }
 *
 * Example: `linearActivationForward(APrev, W, b, 'relu').cache.Z; // the pre-activation`
 *
 * See also: linearForward, linearActivationBackward
 */
export function linearActivationForward(APrev: Matrix, W: Matrix, b: Matrix, activation: CourseActivation): { A: Matrix; cache: LayerCache } {
  const g = getActivation(activation);
  const { Z } = linearForward(APrev, W, b);
  return { A: g.forward(Z), cache: { APrev, W, b, Z } };
}

/**
 * The L-layer forward pass: ReLU for layers 1 … L−1, sigmoid for layer L; one cache per layer.
 *
 * Syntax: lModelForward(X, parameters) → { AL, caches }
 *
 * Example: `lModelForward(X, { W1, b1, W2, b2, W3, b3 }).caches.length; // 3`
 *
 * See also: lModelBackward, forwardPass (any activations)
 */
export function lModelForward(X: Matrix, parameters: NetworkParameters): { AL: Matrix; caches: LayerCache[] } {
  const L = layerCount(parameters);
  const caches: LayerCache[] = [];
  let A = X;
  for (let l = 1; l <= L; l++) {
    const W = parameters[`W${l}`] as Matrix;
    if (W.cols !== A.rows) {
      throw new RangeError(`shapes ${formatShape(W.rows, W.cols)} and ${formatShape(A.rows, A.cols)} not aligned: ${W.cols} (dim 1) != ${A.rows} (dim 0) (W${l} times ${l === 1 ? 'X' : `A${l - 1}`})`);
    }
    const r = linearActivationForward(A, W, parameters[`b${l}`] as Matrix, l < L ? 'relu' : 'sigmoid');
    caches.push(r.cache);
    A = r.A;
  }
  return { AL: A, caches };
}

/**
 * The linear part of a layer's backward pass (course convention: dZ per example, 1/m here):
 * dW = (1/m) dZ A_prevᵀ, db = (1/m) Σ_examples dZ (keeps (n, 1)), dA_prev = Wᵀ dZ.
 *
 * Syntax: linearBackward(dZ, cache: { APrev, W, b }) → { dAPrev, dW, db }
 *
 * Example: `linearBackward(dZ, { APrev, W, b }).db.shape; // [n, 1]`
 *
 * See also: linearActivationBackward, backprop (other conventions)
 */
export function linearBackward(dZ: Matrix, cache: LinearCache): { dAPrev: Matrix; dW: Matrix; db: Matrix } {
  const { APrev, W } = cache;
  const m = APrev.cols;
  return {
    dW: dZ.dot(APrev.transpose()).scale(1 / m),
    db: dZ.sumRows().scale(1 / m),
    dAPrev: W.transpose().dot(dZ),
  };
}

/**
 * A layer's backward pass: dZ = dA ∗ g'(Z) at the cached Z (σ' = s(1 − s) with s = σ(Z);
 * relu' = 1 where Z > 0 else 0; tanh' = 1 − tanh(Z)²), then linearBackward.
 *
 * Syntax: linearActivationBackward(dA, cache: { APrev, W, b, Z }, activation) → { dAPrev, dW, db }
 *
 * See also: linearBackward, lModelBackward
 */
export function linearActivationBackward(dA: Matrix, cache: LayerCache, activation: CourseActivation): { dAPrev: Matrix; dW: Matrix; db: Matrix } {
  const g = getActivation(activation);
  const Z = cache.Z;
  if (dA.rows !== Z.rows || dA.cols !== Z.cols) {
    throw new RangeError(`operands could not be broadcast together with shapes ${formatShape(dA.rows, dA.cols)} ${formatShape(Z.rows, Z.cols)} (dA and the cached Z)`);
  }
  const dZ = new Matrix(Z.rows, Z.cols);
  for (let k = 0; k < dZ.data.length; k++) {
    const z = Z.data[k] as number;
    dZ.data[k] = (dA.data[k] as number) * g.df(z, g.f(z));
  }
  return linearBackward(dZ, cache);
}

/**
 * The L-layer backward pass, starting as the course does from dA[L] = −(Y/AL − (1−Y)/(1−AL))
 * and passing it through σ' at the cached Z[L]; then ReLU layers. Keys: dA{l−1}, dW{l}, db{l}.
 *
 * Syntax: lModelBackward(AL, Y, caches) → { dA0, dW1, db1, dA1, dW2, db2, … }
 *
 * See also: lModelForward, updateParameters, backprop
 */
export function lModelBackward(AL: Matrix, Y: Matrix, caches: readonly LayerCache[]): Gradients {
  if (AL.rows !== Y.rows || AL.cols !== Y.cols) {
    throw new RangeError(`lModelBackward: AL has shape ${formatShape(AL.rows, AL.cols)} but Y has shape ${formatShape(Y.rows, Y.cols)}`);
  }
  const L = caches.length;
  const grads: Gradients = {};
  const dAL = new Matrix(AL.rows, AL.cols);
  for (let k = 0; k < dAL.data.length; k++) {
    const a = AL.data[k] as number;
    const y = Y.data[k] as number;
    dAL.data[k] = -(y / a - (1 - y) / (1 - a));
  }
  let dA = dAL;
  for (let l = L; l >= 1; l--) {
    const r = linearActivationBackward(dA, caches[l - 1] as LayerCache, l === L ? 'sigmoid' : 'relu');
    grads[`dA${l - 1}`] = r.dAPrev;
    grads[`dW${l}`] = r.dW;
    grads[`db${l}`] = r.db;
    dA = r.dAPrev;
  }
  return grads;
}

/**
 * Week-4 predictions (1, m): 1 where AL > 0.5.
 *
 * Syntax: predictDeep(X, parameters): Matrix
 *
 * See also: lModelForward, accuracy
 */
export function predictDeep(X: Matrix, parameters: NetworkParameters): Matrix {
  return lModelForward(X, parameters).AL.map((a) => (a > 0.5 ? 1 : 0));
}

