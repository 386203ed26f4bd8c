/**
 * The layer step of a fully connected network, written once, on raw row-major buffers (an n × m
 * block holds n units for m examples, entry (i, j) at i·m + j). Everything in this module that
 * computes a forward pass or a gradient runs these functions: `backprop` (on fresh buffers it
 * returns as matrices), `train` (on buffers made once and reused every iteration) and the
 * course's functions (`linearForward`, `linearBackward`, `lModelBackward`,
 * `backwardPropagation`, `propagate`, ...). Only the tape (autograd.ts) computes gradients
 * another way, on purpose: it is the independent reference the tests hold this against.
 *
 *   forward:  Z[l] = W[l] A[l−1] + b[l],   A[l] = g(Z[l])
 *   output:   dZ[L] = A[L] − Y                       (the loss's shortcut activation)
 *             dZ[L] = dA[L] ∗ g'(Z[L]),  dA[L] = ∂L/∂A[L]   (any other pair, or the shortcut off)
 *   backward: dW[l] = s · dZ[l] A[l−1]ᵀ + r · W[l],   db[l] = s · Σ_examples dZ[l],
 *             dA[l−1] = W[l]ᵀ dZ[l],                 dZ[l−1] = dA[l−1] ∗ g'(Z[l−1])
 *
 * The factors carry the 1/m of a convention (dZ[L] is multiplied by `dZ`; s and r are `dW`
 * and `l2`; see conventionInfo in backprop.ts). Activation and loss formulas come from their
 * tables. The matrix products run through a layer's `products`, so training can put a wide
 * first layer on the SIMD kernel or on two threads without another copy of the equations.
 *
 * Derived in: lesson 05-one-hidden-layer (the six equations), 06-deep-network (L layers),
 * 03-where-does-1-over-m-go (the factors of each convention).
 */
import { gemmNN, gemmNT, gemmTN } from '../core/kernels';
import { LayerActivation } from './activations';
import { Loss } from './losses';

/** The two products of a layer whose kernel may vary (the third, Wᵀ dZ, is always gemmTN). */
export interface LayerProducts {
  /** Z = W · APrev, with W (n × p), APrev (p × m), Z (n × m). */
  forward(Z: Float64Array, W: Float64Array, APrev: Float64Array, n: number, p: number, m: number): void;
  /** dW = s · dZ · APrevᵀ, with dZ (n × m), APrev (p × m), dW (n × p). */
  weights(dW: Float64Array, dZ: Float64Array, APrev: Float64Array, n: number, m: number, p: number, s: number): void;
}

/**
 * The products on the plain JavaScript kernels of kernels.ts: Z = W APrev by gemmNN, and
 * dW = s · dZ APrevᵀ by gemmNT (no transpose made).
 *
 * Syntax: plainProducts.forward(Z, W, APrev, n, p, m) · plainProducts.weights(dW, dZ, APrev, n, m, p, s)
 *
 * Example: `plainProducts.forward(Z, Float64Array.of(1, 2), Float64Array.of(3, 4), 1, 2, 1); // Z[0] = 11`
 *
 * See also: createLayer, gemmNN, gemmNT
 *
 * Derived in: lesson 05-one-hidden-layer (Z = W A + b, dW = dZ Aᵀ).
 */
export const plainProducts: LayerProducts = Object.freeze({
  forward: (Z: Float64Array, W: Float64Array, APrev: Float64Array, n: number, p: number, m: number): void =>
    gemmNN(Z, W, APrev, n, p, m),
  weights: (dW: Float64Array, dZ: Float64Array, APrev: Float64Array, n: number, m: number, p: number, s: number): void =>
    gemmNT(dW, dZ, APrev, n, m, p, s),
});

/** One layer's buffers: n units, p inputs, room for m examples. */
export interface Layer {
  readonly n: number;
  readonly p: number;
  /** g and g' of the layer. */
  readonly g: LayerActivation;
  readonly W: Float64Array;
  readonly b: Float64Array;
  readonly Z: Float64Array;
  readonly A: Float64Array;
  /** ∂L/∂A of this layer's output: W[l+1]ᵀ dZ[l+1], or ∂L/∂A[L] for the output layer. */
  readonly dA: Float64Array;
  readonly dZ: Float64Array;
  readonly dW: Float64Array;
  readonly db: Float64Array;
  readonly products: LayerProducts;
}

/** The buffers a caller already has; every other one is made (zeroed). */
export type LayerBuffers = Partial<Pick<Layer, 'W' | 'b' | 'Z' | 'A' | 'dA' | 'dZ' | 'dW' | 'db'>>;

/**
 * A layer of n units over p inputs with room for m examples, using the given buffers and making
 * the rest.
 *
 * Syntax: createLayer({ n, p, m }, g, buffers = {}, products = plainProducts): Layer
 *
 * Example: `createLayer({ n: 4, p: 2, m: 400 }, activations.tanh, { W: W1.data, b: b1.data }).Z.length; // 1600`
 *
 * See also: layerForward, layerBackward, networkLayers
 *
 * Derived in: lesson 05-one-hidden-layer (the shapes of each layer's quantities).
 */
export function createLayer(
  shape: { n: number; p: number; m: number },
  g: LayerActivation,
  buffers: LayerBuffers = {},
  products: LayerProducts = plainProducts,
): Layer {
  const { n, p, m } = shape;
  const make = (size: number): Float64Array => new Float64Array(size);
  return {
    n,
    p,
    g,
    products,
    W: buffers.W ?? make(n * p),
    b: buffers.b ?? make(n),
    Z: buffers.Z ?? make(n * m),
    A: buffers.A ?? make(n * m),
    dA: buffers.dA ?? make(n * m),
    dZ: buffers.dZ ?? make(n * m),
    dW: buffers.dW ?? make(n * p),
    db: buffers.db ?? make(n),
  };
}

/**
 * Z = W APrev + b, b broadcast over the m columns. Returns Σ Z, which is finite whenever every
 * entry of Z is (a NaN or ±Infinity makes it non-finite), so a caller checks Z at no extra pass.
 *
 * Syntax: linearInto(layer, APrev: Float64Array, m): number
 *
 * Example: `linearInto(createLayer({ n: 1, p: 2, m: 1 }, activations.linear, { W: Float64Array.of(3, 4), b: Float64Array.of(1) }), Float64Array.of(1, 2), 1); // Z = [12]`
 *
 * See also: layerForward, linearForward (the course's, on matrices)
 *
 * Derived in: lesson 02-many-examples (Z = W X + b over m columns).
 */
export function linearInto(layer: Layer, APrev: Float64Array, m: number): number {
  const { n, p, W, b, Z } = layer;
  layer.products.forward(Z, W, APrev, n, p, m);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const bi = b[i];
    for (let k = i * m; k < i * m + m; k++) {
      const z = Z[k] + bi;
      Z[k] = z;
      sum += z;
    }
  }
  return sum;
}

/**
 * The forward step: Z = W APrev + b, A = g(Z). Returns Σ Z (see linearInto).
 *
 * Syntax: layerForward(layer, APrev: Float64Array, m): number
 *
 * Example: `layerForward(createLayer({ n: 1, p: 1, m: 1 }, activations.sigmoid), Float64Array.of(5), 1); // W = 0, b = 0: A = [0.5]`
 *
 * See also: networkForward, forwardPass (on matrices), linearActivationForward (the course's)
 *
 * Derived in: lesson 06-deep-network.
 */
export function layerForward(layer: Layer, APrev: Float64Array, m: number): number {
  const sum = linearInto(layer, APrev, m);
  layer.g.forwardInto(layer.Z, layer.A, layer.n, m);
  return sum;
}

/**
 * dZ[L] of the output layer, per example (no 1/m): A − Y when the layer's activation is the
 * loss's shortcut activation and `shortcut` is on; otherwise dA = ∂L/∂A from the loss table, then
 * dZ = dA ∗ g'(Z).
 *
 * Syntax: outputBackward(layer, Y: Float64Array, m, loss: Loss, shortcut: boolean): void
 *
 * Examples:
 *   outputBackward(out, Y, m, losses['cross-entropy'], true);    // sigmoid output: dZ = A − Y
 *   outputBackward(out, Y, m, losses['cross-entropy'], false);   // dZ = −(Y/A − (1−Y)/(1−A)) ∗ A(1 − A), the course's week-4 route
 *
 * See also: networkBackward, losses, lModelBackward
 *
 * Derived in: lesson 05-one-hidden-layer (dZ[2] = A[2] − Y), 06-deep-network §4.2 (any loss).
 */
export function outputBackward(layer: Layer, Y: Float64Array, m: number, loss: Loss, shortcut: boolean): void {
  const { A, dA, dZ } = layer;
  const size = layer.n * m;
  if (shortcut && loss.shortcutActivation === layer.g.name) {
    for (let k = 0; k < size; k++) dZ[k] = A[k] - Y[k];
    return;
  }
  loss.gradientInto(dA, A, Y, size);
  layer.g.backwardInto(dZ, dA, layer.Z, A, layer.n, m);
}

/**
 * The backward step of one layer from its dZ: dW = s · dZ APrevᵀ + r · W, db = s · Σ_examples dZ,
 * and dAPrev = Wᵀ dZ when a buffer is given for it.
 *
 * Syntax: layerBackward(layer, APrev: Float64Array, dAPrev: Float64Array | null, m, s, r = 0): void
 *
 * Example: `layerBackward(layer, X.data, null, m, 1 / m); // the course's dW, db of layer 1`
 *
 * See also: networkBackward, linearBackward (the course's, on matrices)
 *
 * Derived in: lesson 05-one-hidden-layer (the six equations), 06-deep-network (any layer l).
 */
export function layerBackward(layer: Layer, APrev: Float64Array, dAPrev: Float64Array | null, m: number, s: number, r = 0): void {
  const { n, p, W, dZ, dW, db } = layer;
  layer.products.weights(dW, dZ, APrev, n, m, p, s);
  if (r !== 0) for (let t = 0; t < n * p; t++) dW[t] += r * W[t];
  for (let i = 0; i < n; i++) {
    let acc = 0;
    for (let k = i * m; k < i * m + m; k++) acc += dZ[k];
    db[i] = s * acc;
  }
  if (dAPrev) gemmTN(dAPrev, W, dZ, p, n, m);
}

/**
 * dZ = dA ∗ g'(Z) of a layer whose dA is filled (the layer above wrote W[l+1]ᵀ dZ[l+1] into it),
 * with g' from the activation table (or the rule a lesson swapped in).
 *
 * Syntax: activationBackward(layer, m): void
 *
 * Example: `activationBackward(hidden, m); // tanh layer: dZ = dA ∗ (1 − A²)`
 *
 * See also: layerBackward, activations, linearActivationBackward (the course's)
 *
 * Derived in: lesson 05-one-hidden-layer (dZ[1] = W[2]ᵀ dZ[2] ∗ g'(Z[1])).
 */
export function activationBackward(layer: Layer, m: number): void {
  layer.g.backwardInto(layer.dZ, layer.dA, layer.Z, layer.A, layer.n, m);
}

/** The factors a convention puts into one backward pass (see conventionInfo). */
export interface BackwardFactors {
  /** dZ[L] is multiplied by this after the per-example derivative: 1 or 1/m. */
  dZ: number;
  /** s of dW and db: 1 or 1/m. */
  dW: number;
  /** r of dW = … + r · W: λ or λ/m (0 without L2). */
  l2: number;
}

/**
 * The forward pass over every layer: A[0] = X, then the forward step of each layer. Returns true
 * when every Σ Z[l] is finite: false whenever a Z holds a NaN or ±Infinity (and, rarely, when a
 * sum of finite entries overflows: confirm with a scan before reporting).
 *
 * Syntax: networkForward(layers, X: Float64Array, m): boolean
 *
 * Example: `networkForward(layers, X.data, X.cols); // layers[L − 1].A holds the output A[L]`
 *
 * See also: networkBackward, forwardPass (on matrices)
 *
 * Derived in: lesson 06-deep-network.
 */
export function networkForward(layers: readonly Layer[], X: Float64Array, m: number): boolean {
  let APrev = X;
  let finite = true;
  for (const layer of layers) {
    finite = Number.isFinite(layerForward(layer, APrev, m)) && finite;
    APrev = layer.A;
  }
  return finite;
}

/**
 * The backward pass over every layer, from dZ[L] down to dW[1], db[1] and (when `dX` is given)
 * dA[0] = W[1]ᵀ dZ[1].
 *
 * Syntax: networkBackward(layers, X, Y, m, loss, shortcut, factors, dX: Float64Array | null): void
 *
 * Example: `networkBackward(layers, X.data, Y.data, m, losses['cross-entropy'], true, backwardFactors('loss', m), null); // the course's dW, db in each layer`
 *
 * See also: backprop (the same on matrices, under a named convention), train, backwardFactors
 *
 * Derived in: lesson 06-deep-network (the recurrence), 03-where-does-1-over-m-go (the factors).
 */
export function networkBackward(
  layers: readonly Layer[],
  X: Float64Array,
  Y: Float64Array,
  m: number,
  loss: Loss,
  shortcut: boolean,
  factors: BackwardFactors,
  dX: Float64Array | null,
): void {
  const L = layers.length;
  const out = layers[L - 1];
  outputBackward(out, Y, m, loss, shortcut);
  if (factors.dZ !== 1) for (let k = 0; k < out.n * m; k++) out.dZ[k] *= factors.dZ;
  for (let l = L - 1; l >= 0; l--) {
    const below = l > 0 ? layers[l - 1] : null;
    layerBackward(layers[l], below ? below.A : X, below ? below.dA : dX, m, factors.dW, factors.l2);
    if (below) activationBackward(below, m);
  }
}
