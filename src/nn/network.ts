/**
 * A fully connected network as plain data: parameters `{ W1, b1, …, WL, bL }`, one activation
 * name per layer, and a loss name. This file validates a network and runs its forward pass
 * (Z[l] = W[l] A[l−1] + b[l], A[l] = g[l](Z[l]), A[0] = X), and evaluates the per-example
 * losses L and the cost J = (1/m) Σ L, also as functions of one layer's Z or A so finite
 * differences can check dZ[l] and dA[l].
 *
 * Derived in: lesson 02-many-examples (forward pass over m columns), 06-deep-network (L layers).
 */
import { Matrix, formatShape } from '../core/matrix';
import { LayerActivation, OutputActivationName, checkOutputActivation, getActivation, layerActivation } from './activations';
import { Loss, checkLabels, perExampleLoss, resolveLoss } from './losses';
import { checkFinite } from '../core/finite';
import { Layer, createLayer, layerForward, networkForward } from './layer';
import { sumOfSquaredWeights } from './parameters';

/** Network parameters with the course's keys: W1, b1, W2, b2, … (W[l] is (n[l], n[l−1]), b[l] is (n[l], 1)). */
export type NetworkParameters = Record<string, Matrix>;

/** The network description shared by backprop, train and the probes. */
export interface NetworkOptions {
  /** One activation per layer, first hidden layer first; only the last may be "softmax". */
  activations: readonly string[];
  /** "cross-entropy" (categorical after a softmax) or "squared-error". */
  loss: string;
  /** L2 strength λ: J gains (λ / 2m) Σ_l ‖W[l]‖². Default 0. */
  l2?: number;
}

/** Forward values: A0 = X, then Z1, A1, …, ZL, AL under numbered keys. */
export type ForwardCache = Record<string, Matrix>;

/** A validated network: its depth, layer sizes, activations and resolved loss. */
export interface NetworkSpec {
  /** Number of layers L (weight matrices). */
  L: number;
  /** Layer sizes n[0] … n[L]. */
  sizes: number[];
  /** One activation per layer (index 0 is layer 1). */
  activations: OutputActivationName[];
  /** The loss actually used (cross-entropy after softmax is categorical). */
  loss: Loss;
  /** λ of the L2 term. */
  l2: number;
}

/**
 * Number of layers of a parameter object: the largest l with W1 … Wl and b1 … bl all present.
 * Throws when there is no W1, a b is missing, or a key skips a layer (W1, W2, W4 is refused,
 * not trained as two layers).
 *
 * Syntax: layerCount(parameters: NetworkParameters): number
 *
 * Examples:
 *   layerCount({ W1, b1, W2, b2 });           // 2
 *   layerCount({ W1, b1, W2, b2, W4, b4 });   // throws: parameters: W4 is present but W3 is missing (layers are numbered 1 … L without gaps)
 *
 * See also: networkSpec
 *
 * Derived in: lesson 06-deep-network (L layers, keys W1 … WL).
 */
export function layerCount(parameters: NetworkParameters): number {
  if (parameters === null || typeof parameters !== 'object') throw new TypeError('parameters must be an object { W1, b1, W2, b2, ... }');
  let L = 0;
  while (parameters[`W${L + 1}`] !== undefined) L++;
  if (L === 0) throw new RangeError('parameters: no W1 found (expected keys W1, b1, W2, b2, ...)');
  for (const key of Object.keys(parameters)) {
    const match = /^[Wb](\d+)$/.exec(key);
    if (!match) continue;
    const l = Number(match[1]);
    if (l === 0) throw new RangeError(`parameters: ${key}: layers are numbered from 1 (W1, b1 is the first layer)`);
    if (l > L) throw new RangeError(`parameters: ${key} is present but W${L + 1} is missing (layers are numbered 1 … L without gaps)`);
  }
  for (let l = 1; l <= L; l++) {
    if (!(parameters[`W${l}`] instanceof Matrix)) throw new TypeError(`parameters: W${l} is not a Matrix`);
    if (!(parameters[`b${l}`] instanceof Matrix)) throw new TypeError(`parameters: b${l} is missing or not a Matrix`);
  }
  return L;
}

/**
 * Throws a TypeError naming the caller when its options object is missing.
 *
 * Syntax: checkOptions(caller: string, options: unknown): void
 *
 * Example: `checkOptions('backprop', undefined); // throws: backprop: options are missing: pass { activations, loss } (for example { activations: ['tanh', 'sigmoid'], loss: 'cross-entropy' })`
 *
 * See also: networkSpec
 *
 * Used in: every lesson that calls backprop, train or networkCost.
 */
export function checkOptions(caller: string, options: unknown): void {
  if (options !== null && typeof options === 'object') return;
  throw new TypeError(`${caller}: options are missing: pass { activations, loss } (for example { activations: ['tanh', 'sigmoid'], loss: 'cross-entropy' })`);
}

/** One activation name per layer, validated (softmax only on the output layer). */
function layerActivations(acts: unknown, L: number): OutputActivationName[] {
  if (!Array.isArray(acts)) throw new TypeError('activations must be an array with one name per layer');
  if (acts.length !== L) {
    throw new RangeError(`activations has ${acts.length} entries but the parameters have ${L} layers (W1 … W${L})`);
  }
  return acts.map((name, i) => {
    if (i < L - 1) {
      if (name === 'softmax') throw new RangeError(`activation "softmax" is only allowed on the output layer, not layer ${i + 1}`);
      return getActivation(name).name;
    }
    return checkOutputActivation(name);
  });
}

/** Layer sizes n[0] … n[L] from X and the weights, checking that the shapes chain. */
function layerSizes(X: Matrix, parameters: NetworkParameters, L: number): number[] {
  const sizes = [X.rows];
  for (let l = 1; l <= L; l++) {
    const W = parameters[`W${l}`];
    const b = parameters[`b${l}`];
    const prev = sizes[l - 1];
    if (W.cols !== prev) {
      const before = parameters[`W${l - 1}`];
      const what = l === 1 ? `X has shape ${formatShape(X.rows, X.cols)}` : `W${l - 1} has shape ${formatShape(before.rows, before.cols)}`;
      throw new RangeError(`W${l} has shape ${formatShape(W.rows, W.cols)} but ${what}: W${l} needs ${prev} columns`);
    }
    if (b.rows !== W.rows || b.cols !== 1) {
      throw new RangeError(`b${l} has shape ${formatShape(b.rows, b.cols)} but W${l} has shape ${formatShape(W.rows, W.cols)}: b${l} must be ${formatShape(W.rows, 1)}`);
    }
    sizes.push(W.rows);
  }
  return sizes;
}

/**
 * Validates parameters against X (and Y when given) and the options; returns the network's
 * description. Every error names the offending key, value or both shapes: X with no examples;
 * a NaN or ±Infinity in X, a W, a b or Y (the first one, by entry); labels that do not suit the
 * loss (checkLabels); cross-entropy after an output that is not a probability.
 *
 * Syntax: networkSpec(X, parameters, options, Y?)
 *
 * Examples:
 *   networkSpec(X, { W1, b1 }, { activations: ['sigmoid'], loss: 'cross-entropy' }).sizes;   // [n0, n1]
 *   networkSpec(X, { W1, b1 }, { activations: ['relu', 'sigmoid'], loss: 'cross-entropy' });   // throws: activations has 2 entries but the parameters have 1 layers (W1 … W1)
 *
 * See also: layerCount, checkLabels, networkLayers, backprop, train
 *
 * Derived in: lesson 06-deep-network (the shapes of every layer).
 */
export function networkSpec(X: Matrix, parameters: NetworkParameters, options: NetworkOptions, Y?: Matrix): NetworkSpec {
  if (!(X instanceof Matrix)) throw new TypeError('X must be a Matrix of shape (n_x, m)');
  if (X.cols === 0) throw new RangeError(`X has no examples (shape ${formatShape(X.rows, X.cols)}): m must be at least 1`);
  checkOptions('networkSpec', options);
  const L = layerCount(parameters);
  const activations = layerActivations(options.activations, L);
  const output = activations[L - 1];
  const loss = resolveLoss(options.loss, output);
  if (loss.name !== 'squared-error' && output !== 'sigmoid' && output !== 'softmax') {
    throw new RangeError(`loss ${JSON.stringify(options.loss)} needs an output in (0, 1) (a sigmoid or softmax output layer), but the output activation is ${output}`);
  }
  const sizes = layerSizes(X, parameters, L);
  checkFinite('X', X);
  for (let l = 1; l <= L; l++) {
    checkFinite(`W${l}`, parameters[`W${l}`]);
    checkFinite(`b${l}`, parameters[`b${l}`]);
  }
  if (Y !== undefined) {
    if (!(Y instanceof Matrix)) throw new TypeError('Y must be a Matrix of shape (n_L, m)');
    if (Y.rows !== sizes[L] || Y.cols !== X.cols) {
      throw new RangeError(`Y has shape ${formatShape(Y.rows, Y.cols)} but the output A${L} has shape ${formatShape(sizes[L], X.cols)}`);
    }
    checkFinite('Y', Y);
    checkLabels(loss, Y);
  }
  const l2 = options.l2 ?? 0;
  if (!(l2 >= 0) || !Number.isFinite(l2)) throw new RangeError(`l2 must be a non-negative number, got ${l2}`);
  return { L, sizes, activations, loss, l2 };
}

/**
 * A = g(Z) on a matrix, for a layer activation name (softmax included): the table's forward
 * loop on a new matrix.
 *
 * Syntax: applyActivation(name: OutputActivationName, Z: Matrix): Matrix
 *
 * Examples:
 *   applyActivation('relu', Matrix.row([-1, 2])).toArray();       // [[0, 2]]
 *   applyActivation('softmax', Matrix.column([0, 0])).toArray();  // [[0.5], [0.5]]
 *
 * See also: layerActivation, activations, softmax
 *
 * Derived in: lesson 06-deep-network (A = g(Z)), 10-other-losses-l2-and-shapes (softmax).
 */
export function applyActivation(name: OutputActivationName, Z: Matrix): Matrix {
  const out = new Matrix(Z.rows, Z.cols);
  layerActivation(name).forwardInto(Z.data, out.data, Z.rows, Z.cols);
  return out;
}

/**
 * The layers of a network over its parameters (read, not copied), with fresh buffers for m
 * examples: the form the layer step runs on.
 *
 * Syntax: networkLayers(spec, parameters, m, g?: (l) => LayerActivation): Layer[]
 *
 * Example: `networkLayers(networkSpec(X, params, opts), params, X.cols)[0].Z.length; // n1 · m`
 *
 * See also: networkForward, networkBackward, backprop
 *
 * Derived in: lesson 06-deep-network.
 */
export function networkLayers(
  spec: NetworkSpec,
  parameters: NetworkParameters,
  m: number,
  g = (l: number): LayerActivation => layerActivation(spec.activations[l - 1]),
): Layer[] {
  const layers: Layer[] = [];
  for (let l = 1; l <= spec.L; l++) {
    const shape = { n: spec.sizes[l], p: spec.sizes[l - 1], m };
    layers.push(createLayer(shape, g(l), { W: parameters[`W${l}`].data, b: parameters[`b${l}`].data }));
  }
  return layers;
}

/**
 * The forward values of layers that have run, as matrices (no copies): A0 = X, Z1, A1, …, ZL, AL.
 *
 * Syntax: cacheOf(layers, X): ForwardCache
 *
 * Example: `cacheOf(layers, X).Z1.shape; // [n1, m]`
 *
 * See also: networkLayers, forwardPass
 *
 * Derived in: lesson 06-deep-network (the cache of the forward pass).
 */
export function cacheOf(layers: readonly Layer[], X: Matrix): ForwardCache {
  const m = X.cols;
  const cache: ForwardCache = { A0: X };
  layers.forEach((layer, i) => {
    cache[`Z${i + 1}`] = new Matrix(layer.n, m, layer.Z);
    cache[`A${i + 1}`] = new Matrix(layer.n, m, layer.A);
  });
  return cache;
}

function runForward(spec: NetworkSpec, parameters: NetworkParameters, X: Matrix): { layers: Layer[]; cache: ForwardCache } {
  const layers = networkLayers(spec, parameters, X.cols);
  networkForward(layers, X.data, X.cols);
  return { layers, cache: cacheOf(layers, X) };
}

/**
 * The forward pass: Z[l] = W[l] A[l−1] + b[l], A[l] = g[l](Z[l]) for l = 1 … L, A[0] = X.
 *
 * Syntax: forwardPass(X, parameters, activations) → { AL, cache: { A0, Z1, A1, …, ZL, AL… } }
 *
 * Example:
 *   forwardPass(X, { W1, b1, W2, b2 }, ['tanh', 'sigmoid']).cache.Z1.shape;   // [n1, m]
 *
 * See also: backprop, networkCost, lModelForward (the course's ReLU…sigmoid version)
 *
 * Derived in: lesson 06-deep-network.
 */
export function forwardPass(X: Matrix, parameters: NetworkParameters, activations: readonly string[]): { AL: Matrix; cache: ForwardCache } {
  if (!Array.isArray(activations)) throw new TypeError('forwardPass: activations are missing: pass one activation name per layer, for example [\'tanh\', \'sigmoid\']');
  const spec = networkSpec(X, parameters, { activations, loss: 'squared-error' });
  const { cache } = runForward(spec, parameters, X);
  return { AL: cache[`A${spec.L}`], cache };
}

/**
 * The per-example losses (1, m), the cost J = (1/m) Σ L + (λ/2m) Σ‖W‖² and the L2 sum Σ‖W‖²,
 * from the network's output AL.
 *
 * Syntax: evaluateOutput(spec, parameters, AL, Y) → { losses, cost, squaredWeights }
 *
 * Example: `evaluateOutput(spec, params, AL, Y).losses.shape; // [1, m]`
 *
 * See also: networkCost, networkLosses, perExampleLoss
 *
 * Derived in: lesson 02-many-examples (J as the mean of L).
 */
export function evaluateOutput(spec: NetworkSpec, parameters: NetworkParameters, AL: Matrix, Y: Matrix): { losses: Matrix; cost: number; squaredWeights: number } {
  const losses = perExampleLoss(spec.loss, AL, Y);
  const m = AL.cols;
  const squaredWeights = spec.l2 === 0 ? 0 : sumOfSquaredWeights(parameters);
  const cost = losses.sumAll() / m + (spec.l2 / (2 * m)) * squaredWeights;
  return { losses, cost, squaredWeights };
}

/**
 * The per-example losses L(i) as a row (1, m), for the network's output on X.
 *
 * Syntax: networkLosses(X, Y, parameters, { activations, loss })
 *
 * Example: `networkLosses(X, Y, params, { activations: ['sigmoid'], loss: 'cross-entropy' }).shape; // [1, m]`
 *
 * See also: networkCost, backprop
 *
 * Derived in: lesson 02-many-examples.
 */
export function networkLosses(X: Matrix, Y: Matrix, parameters: NetworkParameters, options: NetworkOptions): Matrix {
  checkOptions('networkLosses', options);
  const spec = networkSpec(X, parameters, options, Y);
  const { cache } = runForward(spec, parameters, X);
  return evaluateOutput(spec, parameters, cache[`A${spec.L}`], Y).losses;
}

/**
 * The cost J = (1/m) Σ_i L(i) (+ (λ/2m) Σ‖W‖² when l2 is set).
 *
 * Syntax: networkCost(X, Y, parameters, { activations, loss, l2? }): number
 *
 * Example: `networkCost(X, Y, params, { activations: ['tanh', 'sigmoid'], loss: 'cross-entropy' }); // ≈ 0.693 at small weights`
 *
 * See also: networkLosses, backprop, numericGradient
 *
 * Derived in: lesson 02-many-examples, 09-mini-batches-and-reduction (L2).
 */
export function networkCost(X: Matrix, Y: Matrix, parameters: NetworkParameters, options: NetworkOptions): number {
  checkOptions('networkCost', options);
  const spec = networkSpec(X, parameters, options, Y);
  const { cache } = runForward(spec, parameters, X);
  return evaluateOutput(spec, parameters, cache[`A${spec.L}`], Y).cost;
}

/** What `probeLayer` returns: a copy of one layer's Z or A, and the loss as functions of it. */
export interface LayerProbe {
  /** A copy of Z[layer] (or A[layer]): perturb it in place (numericGradient does). */
  value: Matrix;
  /** J as a function of `value` (with the L2 term, which does not depend on it). */
  cost: () => number;
  /** Σ_i L(i) as a function of `value`; its gradient stacks the per-example ∂L(i)/∂z(i) as columns. */
  lossSum: () => number;
  /** The per-example losses (1, m) as a function of `value`. */
  losses: () => Matrix;
}

/**
 * The loss downstream of one layer's Z (or A), as functions that re-run the rest of the
 * forward pass from a copy of it. Column i of Z[l] affects only example i, so the gradient of
 * Σ L with respect to Z[l] is the per-example ∂L(i)/∂z[l](i) stacked as columns: the "loss"
 * convention's dZ[l]; the gradient of J is the "cost" convention's dZ[l] (1/m of it).
 *
 * Syntax: probeLayer(X, Y, parameters, options, { quantity: 'Z' | 'A', layer })
 *   quantity 'Z': layer 1 … L;  quantity 'A': layer 0 … L.
 *
 * Example:
 *   const p = probeLayer(X, Y, params, opts, { quantity: 'Z', layer: 2 });
 *   relativeDifference(numericGradient(p.lossSum, p.value), backprop(X, Y, params, { ...opts, convention: 'loss' }).grads.dZ2);  // < 1e-7
 *   relativeDifference(numericGradient(p.cost, p.value),    backprop(X, Y, params, { ...opts, convention: 'cost' }).grads.dZ2);  // < 1e-7
 *
 * See also: numericGradient, backprop, objectiveScale
 *
 * Derived in: lesson 03-where-does-1-over-m-go.
 */
export function probeLayer(
  X: Matrix,
  Y: Matrix,
  parameters: NetworkParameters,
  options: NetworkOptions,
  where: { quantity: 'Z' | 'A'; layer: number },
): LayerProbe {
  checkOptions('probeLayer', options);
  const spec = networkSpec(X, parameters, options, Y);
  const { quantity, layer } = where;
  const min = quantity === 'Z' ? 1 : 0;
  if (!Number.isInteger(layer) || layer < min || layer > spec.L) {
    throw new RangeError(`probeLayer: layer ${layer} is out of range for ${quantity} (${min} … ${spec.L})`);
  }
  const m = X.cols;
  const { layers } = runForward(spec, parameters, X);
  // the probed value is the probe's own buffer (Z or A of that layer, or a copy of X): perturbing
  // it in place and re-running the layers above it is the forward pass from that point
  const value = quantity === 'A' && layer === 0 ? X.clone() : new Matrix(spec.sizes[layer], m, quantity === 'Z' ? layers[layer - 1].Z : layers[layer - 1].A);
  const run = (): { losses: Matrix; cost: number } => {
    let APrev = value.data;
    if (quantity === 'Z') {
      const probed = layers[layer - 1];
      probed.g.forwardInto(probed.Z, probed.A, probed.n, m);
      APrev = probed.A;
    }
    for (let l = layer + 1; l <= spec.L; l++) {
      layerForward(layers[l - 1], APrev, m);
      APrev = layers[l - 1].A;
    }
    return evaluateOutput(spec, parameters, new Matrix(spec.sizes[spec.L], m, APrev), Y);
  };
  return {
    value,
    cost: () => run().cost,
    lossSum: () => run().losses.sumAll(),
    losses: () => run().losses,
  };
}
