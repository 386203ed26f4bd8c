/**
 * The course's week-4 building blocks for an L-layer network, [LINEAR → RELU] × (L − 1) →
 * LINEAR → SIGMOID, with caches as plain objects:
 *   linear:      Z = W A_prev + b                       cache { APrev, W, b }
 *   activation:  A = g(Z)                               cache { APrev, W, b, Z }
 *   backward:    dZ = dA ∗ g'(cached Z),  dW = (1/m) dZ A_prevᵀ,  db = (1/m) Σ dZ,  dA_prev = Wᵀ dZ
 *   start:       dA[L] = −(Y / AL − (1 − Y) / (1 − AL))  (then through σ' at the cached Z[L])
 *
 * Derived in: lesson 06-deep-network.
 */
import { Matrix, formatShape } from '../core/matrix';
import { Rng } from '../core/random';
import { ActivationName, getActivation } from '../nn/activations';
import { checkLabels, lossGradient } from '../nn/losses';
import { checkFinite, entryName, firstNonFinite } from '../core/finite';
import { Layer, createLayer, activationBackward, layerBackward, layerForward, linearInto } from '../nn/layer';
import { NetworkParameters, layerCount } from '../nn/network';
import { Gradients } from '../nn/backprop';
import { InitScheme, initializeNetwork } from '../nn/init';

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
 * course's application notebook) or "he". The module's initializeNetwork under the course's
 * name, with the course's defaults (seed 3, scheme "course").
 *
 * Syntax: initializeParametersDeep(layerDims, { seed = 3, scheme = "course", rng? })
 *
 * Example: `initializeParametersDeep([5, 4, 3]).W2.shape; // [3, 4]`
 *
 * See also: initializeNetwork, initializeParameters (week 3)
 *
 * Derived in: lesson 06-deep-network.
 */
export function initializeParametersDeep(layerDims: readonly number[], options: { seed?: number; scheme?: InitScheme; rng?: Rng } = {}): NetworkParameters {
  return initializeNetwork(layerDims, { scheme: options.scheme ?? 'course', seed: options.seed ?? 3, rng: options.rng });
}

/**
 * numpy's words for W · APrev + b that cannot be formed; `what` names the operands. Entries that
 * are not finite are refused under the names `names` gives (A_prev, W, b by default).
 */
function checkLinear(APrev: Matrix, W: Matrix, b: Matrix, what = '', names = { APrev: 'A_prev', W: 'W', b: 'b' }): void {
  if (W.cols !== APrev.rows) {
    throw new RangeError(`shapes ${formatShape(W.rows, W.cols)} and ${formatShape(APrev.rows, APrev.cols)} not aligned: ${W.cols} (dim 1) != ${APrev.rows} (dim 0)${what}`);
  }
  if (b.rows !== W.rows || b.cols !== 1) {
    throw new RangeError(`b has shape ${formatShape(b.rows, b.cols)} but W has shape ${formatShape(W.rows, W.cols)}: b must be ${formatShape(W.rows, 1)}${what}`);
  }
  checkFinite(names.APrev, APrev);
  checkFinite(names.W, W);
  checkFinite(names.b, b);
}

/**
 * Z = W A_prev + b.
 *
 * Syntax: linearForward(APrev, W, b) → { Z, cache: { APrev, W, b } }
 *
 * Example: `linearForward(Matrix.column([1, 2]), Matrix.row([3, 4]), Matrix.column([1])).Z.toArray(); // [[12]]`
 *
 * See also: linearActivationForward, linearBackward
 *
 * Derived in: lesson 06-deep-network.
 */
export function linearForward(APrev: Matrix, W: Matrix, b: Matrix): { Z: Matrix; cache: LinearCache } {
  checkLinear(APrev, W, b);
  const layer = createLayer({ n: W.rows, p: W.cols, m: APrev.cols }, getActivation('linear'), { W: W.data, b: b.data, A: new Float64Array(0) });
  linearInto(layer, APrev.data, APrev.cols);
  return { Z: new Matrix(W.rows, APrev.cols, layer.Z), cache: { APrev, W, b } };
}

/**
 * A = g(W A_prev + b) for g = "sigmoid" | "relu" | "tanh" (or "linear").
 *
 * Syntax: linearActivationForward(APrev, W, b, activation) → { A, cache: { APrev, W, b, Z } }
 *
 * Example: `linearActivationForward(APrev, W, b, 'relu').cache.Z; // the pre-activation`
 *
 * See also: linearForward, linearActivationBackward
 *
 * Derived in: lesson 06-deep-network.
 */
export function linearActivationForward(APrev: Matrix, W: Matrix, b: Matrix, activation: ActivationName): { A: Matrix; cache: LayerCache } {
  return layerStep(APrev, W, b, activation, 0);
}

/** linearActivationForward for layer l of lModelForward (0: a lone layer), naming its operands in errors. */
function layerStep(APrev: Matrix, W: Matrix, b: Matrix, activation: ActivationName, l: number): { A: Matrix; cache: LayerCache } {
  const g = getActivation(activation);
  const before = l === 1 ? 'X' : `A${l - 1}`;
  if (l === 0) checkLinear(APrev, W, b);
  else checkLinear(APrev, W, b, ` (W${l} times ${before})`, { APrev: before, W: `W${l}`, b: `b${l}` });
  const m = APrev.cols;
  const layer = createLayer({ n: W.rows, p: W.cols, m }, g, { W: W.data, b: b.data });
  layerForward(layer, APrev.data, m);
  return { A: new Matrix(W.rows, m, layer.A), cache: { APrev, W, b, Z: new Matrix(W.rows, m, layer.Z) } };
}

/**
 * The L-layer forward pass: ReLU for layers 1 … L−1, sigmoid for layer L; one cache per layer.
 *
 * Syntax: lModelForward(X, parameters) → { AL, caches }
 *
 * Example: `lModelForward(X, { W1, b1, W2, b2, W3, b3 }).caches.length; // 3`
 *
 * See also: lModelBackward, forwardPass (any activations)
 *
 * Derived in: lesson 06-deep-network.
 */
export function lModelForward(X: Matrix, parameters: NetworkParameters): { AL: Matrix; caches: LayerCache[] } {
  const L = layerCount(parameters);
  const caches: LayerCache[] = [];
  let A = X;
  for (let l = 1; l <= L; l++) {
    const r = layerStep(A, parameters[`W${l}`], parameters[`b${l}`], l < L ? 'relu' : 'sigmoid', l);
    caches.push(r.cache);
    A = r.A;
  }
  return { AL: A, caches };
}

/** The layer of a course cache, with dZ (or dA) given, ready for the backward step. */
function cachedLayer(cache: LinearCache, g = getActivation('linear'), given: { dZ?: Float64Array; dA?: Float64Array; Z?: Float64Array } = {}): Layer {
  const { APrev, W } = cache;
  return createLayer({ n: W.rows, p: W.cols, m: APrev.cols }, g, { W: W.data, ...given });
}

/**
 * The linear part of a layer's backward pass (course convention: dZ per example, 1/m here):
 * dW = (1/m) dZ A_prevᵀ, db = (1/m) Σ_examples dZ (keeps (n, 1)), dA_prev = Wᵀ dZ: the module's
 * one layer step with s = 1/m.
 *
 * Syntax: linearBackward(dZ, cache: { APrev, W, b }) → { dAPrev, dW, db }
 *
 * Example: `linearBackward(dZ, { APrev, W, b }).db.shape; // [n, 1]`
 *
 * See also: linearActivationBackward, backprop (other conventions)
 *
 * Derived in: lesson 06-deep-network.
 */
export function linearBackward(dZ: Matrix, cache: LinearCache): { dAPrev: Matrix; dW: Matrix; db: Matrix } {
  const { APrev, W } = cache;
  if (dZ.rows !== W.rows || dZ.cols !== APrev.cols) {
    throw new RangeError(`linearBackward: dZ has shape ${formatShape(dZ.rows, dZ.cols)} but W is ${formatShape(W.rows, W.cols)} and A_prev is ${formatShape(APrev.rows, APrev.cols)}: dZ must be ${formatShape(W.rows, APrev.cols)}`);
  }
  for (const [name, M] of [['dZ', dZ], ['A_prev', APrev], ['W', W]] as const) checkFinite(name, M, 'linearBackward');
  return stepBack(cachedLayer(cache, undefined, { dZ: dZ.data }), cache, 'linearBackward');
}

/** The layer step from a filled dZ, with the course's s = 1/m; the results as matrices. */
function stepBack(layer: Layer, cache: LinearCache, caller: string): { dAPrev: Matrix; dW: Matrix; db: Matrix } {
  const { APrev } = cache;
  const m = APrev.cols;
  if (m === 0) throw new RangeError(`${caller}: A_prev has no examples (shape ${formatShape(APrev.rows, m)}): m must be at least 1`);
  const dAPrev = new Matrix(APrev.rows, m);
  layerBackward(layer, APrev.data, dAPrev.data, m, 1 / m);
  return { dAPrev, dW: new Matrix(layer.n, layer.p, layer.dW), db: new Matrix(layer.n, 1, layer.db) };
}

/**
 * A layer's backward pass: dZ = dA ∗ g'(Z) at the cached Z (σ' = s(1 − s) with s = σ(Z);
 * relu' = 1 where Z > 0 else 0; tanh' = 1 − tanh(Z)²), then linearBackward.
 *
 * Syntax: linearActivationBackward(dA, cache: { APrev, W, b, Z }, activation) → { dAPrev, dW, db }
 *
 * Example: `linearActivationBackward(dA, caches[0], 'relu').dW.shape; // [n1, n0]`
 *
 * See also: linearBackward, lModelBackward
 *
 * Derived in: lesson 06-deep-network.
 */
export function linearActivationBackward(dA: Matrix, cache: LayerCache, activation: ActivationName): { dAPrev: Matrix; dW: Matrix; db: Matrix } {
  const g = getActivation(activation);
  const Z = cache.Z;
  if (dA.rows !== Z.rows || dA.cols !== Z.cols) {
    throw new RangeError(`operands could not be broadcast together with shapes ${formatShape(dA.rows, dA.cols)} ${formatShape(Z.rows, Z.cols)} (dA and the cached Z)`);
  }
  for (const [name, M] of [['dA', dA], ['Z', Z], ['A_prev', cache.APrev], ['W', cache.W]] as const) checkFinite(name, M, 'linearActivationBackward');
  const layer = cachedLayer(cache, g, { dA: dA.data, Z: Z.data });
  g.forwardInto(layer.Z, layer.A, layer.n, Z.cols); // the course recomputes g(Z) from the cached Z
  activationBackward(layer, Z.cols);
  return stepBack(layer, cache, 'linearActivationBackward');
}

/**
 * The L-layer backward pass, starting as the course does from dA[L] = −(Y/AL − (1−Y)/(1−AL))
 * (the loss table's cross-entropy derivative) and passing it through σ' at the cached Z[L]; then
 * ReLU layers. Keys: dA{l−1}, dW{l}, db{l}.
 *
 * Syntax: lModelBackward(AL, Y, caches) → { dA0, dW1, db1, dA1, dW2, db2, … }
 *
 * Example: `gradientCheckN(params, lModelBackward(AL, Y, caches), X, Y).difference; // ≈ 1.2e-7 on the course's check network`
 *
 * See also: lModelForward, updateParameters, backprop
 *
 * Derived in: lesson 06-deep-network.
 */
export function lModelBackward(AL: Matrix, Y: Matrix, caches: readonly LayerCache[]): Gradients {
  if (AL.rows !== Y.rows || AL.cols !== Y.cols) {
    throw new RangeError(`lModelBackward: AL has shape ${formatShape(AL.rows, AL.cols)} but Y has shape ${formatShape(Y.rows, Y.cols)}`);
  }
  checkFinite('AL', AL, 'lModelBackward');
  checkFinite('Y', Y, 'lModelBackward');
  checkLabels('cross-entropy', Y);
  const L = caches.length;
  const grads: Gradients = {};
  let dA = lossGradient('cross-entropy', AL, Y);
  const k = firstNonFinite(dA.data);
  if (k >= 0) {
    const [a, y] = [AL.data[k], Y.data[k]];
    throw new RangeError(`lModelBackward: ${entryName('dAL', k, AL.cols)} is ${dA.data[k]}: ${entryName('AL', k, AL.cols)} = ${a} exactly with label ${y} (a saturated sigmoid: the cost is infinite)`);
  }
  for (let l = L; l >= 1; l--) {
    const r = linearActivationBackward(dA, caches[l - 1], l === L ? 'sigmoid' : 'relu');
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
 * Example: `predictDeep(X, params).shape; // [1, m]`
 *
 * See also: lModelForward, accuracy
 *
 * Derived in: lesson 06-deep-network.
 */
export function predictDeep(X: Matrix, parameters: NetworkParameters): Matrix {
  return lModelForward(X, parameters).AL.map((a) => (a > 0.5 ? 1 : 0));
}

