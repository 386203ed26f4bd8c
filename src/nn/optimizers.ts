/**
 * The update step, written once on buffers and used by every loop of the module: `train`
 * (gradient descent or Adam on its reused buffers), `updateParameters` (the course's step on
 * matrices) and `gradientDescent` (a loop over any gradient function, correct or buggy).
 *
 *   gradient descent:  θ −= α g
 *   Adam:              m ← β1 m + (1 − β1) g,  v ← β2 v + (1 − β2) g²,
 *                      θ −= α (m / (1 − β1ᵗ)) / (√(v / (1 − β2ᵗ)) + ε)
 *
 * Derived in: lesson 05-one-hidden-layer (the update), 04-the-1-over-m-elsewhere-and-twice and
 * 09-mini-batches-and-reduction (Adam barely notices a doubled 1/m).
 */
import { Matrix, formatShape } from '../core/matrix';
import { checkFinite, checkFiniteNumber } from '../core/finite';
import { Layer } from './layer';
import { NetworkParameters } from './network';
import { Gradients } from './backprop';
import { NonFiniteError } from './divergence';

/**
 * θ −= α g over every entry of two buffers of one length. Returns Σ θ after the step: finite
 * exactly when every new θ is, unless the sum itself overflows (so a caller checks the step at no
 * extra pass, and confirms a non-finite sum with a scan).
 *
 * Syntax: descentStepInto(P: Float64Array, G: Float64Array, learningRate: number): number
 *
 * Example: `descentStepInto(W, dW, 0.1); // W = W − 0.1 dW, in place; returns Σ W`
 *
 * See also: adamStepInto, updateParameters
 *
 * Derived in: lesson 05-one-hidden-layer (the update rule).
 */
export function descentStepInto(P: Float64Array, G: Float64Array, learningRate: number): number {
  let sum = 0;
  for (let t = 0; t < P.length; t++) {
    const p = P[t] - learningRate * G[t];
    P[t] = p;
    sum += p;
  }
  return sum;
}

/** Adam's hyper-parameters and its step count. */
export interface AdamSettings {
  beta1: number;
  beta2: number;
  epsilon: number;
}

/**
 * One Adam step on a buffer P with gradient G and moment buffers M, V, at step t (from 1).
 * Returns Σ P after the step (see descentStepInto).
 *
 * Syntax: adamStepInto(P, G, M, V, learningRate, settings, t): number
 *
 * Example: `adamStepInto(W, dW, mW, vW, 0.01, { beta1: 0.9, beta2: 0.999, epsilon: 1e-8 }, 1);`
 *
 * See also: descentStepInto, train (optimizer "adam")
 *
 * Derived in: lesson 04-the-1-over-m-elsewhere-and-twice §2.3 (Adam and a doubled 1/m).
 */
export function adamStepInto(
  P: Float64Array,
  G: Float64Array,
  M: Float64Array,
  V: Float64Array,
  learningRate: number,
  settings: AdamSettings,
  t: number,
): number {
  const { beta1, beta2, epsilon } = settings;
  const c1 = 1 - Math.pow(beta1, t);
  const c2 = 1 - Math.pow(beta2, t);
  let sum = 0;
  for (let k = 0; k < P.length; k++) {
    const g = G[k];
    M[k] = beta1 * M[k] + (1 - beta1) * g;
    V[k] = beta2 * V[k] + (1 - beta2) * g * g;
    const p = P[k] - (learningRate * (M[k] / c1)) / (Math.sqrt(V[k] / c2) + epsilon);
    P[k] = p;
    sum += p;
  }
  return sum;
}

/** An optimiser over the layers of the training loop: one step from their dW, db; returns Σ of every new W and b. */
export interface LayerOptimizer {
  step(learningRate: number): number;
}

/**
 * Gradient descent or Adam over the W, b of `layers`, stepping from their dW, db.
 *
 * Syntax: layerOptimizer(layers, "gd" | "adam", adam: AdamSettings): LayerOptimizer
 *
 * Example: `layerOptimizer(layers, 'gd', adam).step(1.2); // every W −= 1.2 dW, b −= 1.2 db`
 *
 * See also: train, descentStepInto, adamStepInto
 *
 * Derived in: lesson 05-one-hidden-layer, 09-mini-batches-and-reduction.
 */
export function layerOptimizer(layers: readonly Layer[], kind: 'gd' | 'adam', adam: AdamSettings): LayerOptimizer {
  if (kind === 'gd') {
    return {
      step(learningRate: number): number {
        let sum = 0;
        for (const layer of layers) sum += descentStepInto(layer.W, layer.dW, learningRate) + descentStepInto(layer.b, layer.db, learningRate);
        return sum;
      },
    };
  }
  const moments = layers.map((layer) => ({
    mW: new Float64Array(layer.W.length),
    vW: new Float64Array(layer.W.length),
    mb: new Float64Array(layer.b.length),
    vb: new Float64Array(layer.b.length),
  }));
  let t = 0;
  return {
    step(learningRate: number): number {
      t++;
      let sum = 0;
      layers.forEach((layer, i) => {
        const s = moments[i];
        sum += adamStepInto(layer.W, layer.dW, s.mW, s.vW, learningRate, adam, t) + adamStepInto(layer.b, layer.db, s.mb, s.vb, learningRate, adam, t);
      });
      return sum;
    },
  };
}

/**
 * The course's update step on every W{l}, b{l} of `parameters`: W −= α dW, b −= α db. Returns
 * new matrices; the input objects are not changed; keys other than W{l}, b{l} are passed through.
 * A learning rate, a parameter or a gradient that is not finite is refused, naming it.
 *
 * Syntax: updateParameters(parameters, grads, learningRate): NetworkParameters
 *
 * Example:
 *   updateParameters({ W1: Matrix.row([1]), b1: Matrix.row([0]) }, { dW1: Matrix.row([2]), db1: Matrix.row([1]) }, 0.1);
 *   // { W1: [[0.8]], b1: [[-0.1]] }
 *
 * See also: gradientDescent, train (the fast loop), backprop
 *
 * Derived in: lesson 05-one-hidden-layer.
 */
export function updateParameters(parameters: NetworkParameters, grads: Gradients, learningRate: number): NetworkParameters {
  checkFiniteNumber('learningRate', learningRate, 'updateParameters');
  const out: NetworkParameters = {};
  for (const key of Object.keys(parameters)) {
    const p = parameters[key];
    if (!/^[Wb]\d+$/.test(key)) {
      out[key] = p;
      continue;
    }
    const g = grads[`d${key}`];
    if (!(g instanceof Matrix)) throw new RangeError(`updateParameters: grads has no d${key} for parameter ${key}`);
    if (g.rows !== p.rows || g.cols !== p.cols) {
      throw new RangeError(`updateParameters: d${key} has shape ${formatShape(g.rows, g.cols)} but ${key} has shape ${formatShape(p.rows, p.cols)}`);
    }
    checkFinite(key, p, 'updateParameters');
    checkFinite(`d${key}`, g, 'updateParameters');
    const next = p.clone();
    descentStepInto(next.data, g.data, learningRate);
    out[key] = next;
  }
  return out;
}

/** Options of gradientDescent. */
export interface GradientDescentOptions {
  learningRate: number;
  iterations: number;
  /** The cost and the gradients dW1, db1, … at the given parameters (a correct backward pass or a buggy one). */
  gradients: (parameters: NetworkParameters) => { cost: number; grads: Gradients };
  /**
   * What a cost that is not finite, or a NonFiniteError from `gradients` (backprop's, when a value
   * overflows), does: "throw" (default) throws a RangeError naming the iteration; "stop" ends the
   * run there and says why in `stopped`. Any other error is thrown either way.
   */
  onNonFinite?: 'throw' | 'stop';
}

/** What gradientDescent returns. */
export interface GradientDescentRun {
  /** The parameters after the last update (the last finite ones when the run stopped). */
  parameters: NetworkParameters;
  /** The cost before each update: `iterations` of them, or as many as were finite. */
  costs: number[];
  /** With onNonFinite "stop": the iteration where the run stopped and why; null when it ran to the end. */
  stopped: { iteration: number; reason: string } | null;
}

/**
 * Plain gradient descent from `parameters` with any gradient function: `iterations` times
 * updateParameters(p, gradients(p).grads, learningRate). Records the cost before each update and
 * throws, naming the iteration, when it is NaN or infinite (or, with onNonFinite "stop", ends the
 * run there and reports it in `stopped`, keeping the costs so far). Use it to train with a
 * backward pass that `train` does not run (a planted bug, an instrumented one); `train` runs the
 * same step fast.
 *
 * Syntax: gradientDescent(parameters, { learningRate, iterations, gradients, onNonFinite = "throw" })
 *           → { parameters, costs, stopped }
 *
 * Examples:
 *   gradientDescent(p0, { learningRate: 0.5, iterations: 1000,
 *     gradients: (p) => backprop(X, Y, p, { ...opts, derivative: reluBug }) }).costs;   // the buggy run's costs
 *   gradientDescent(p0, { learningRate: 1e308, iterations: 5, gradients, onNonFinite: 'stop' }).stopped;
 *   // { iteration: 1, reason: 'diverged at iteration 1 (after 1 update with learning rate 1e+308): backprop: …' }
 *
 * See also: updateParameters, backprop, train
 *
 * Derived in: lesson 04-the-1-over-m-elsewhere-and-twice (free runs) and 11-activation-derivative-bugs.
 */
export function gradientDescent(parameters: NetworkParameters, options: GradientDescentOptions): GradientDescentRun {
  const { learningRate, iterations } = options;
  if (!(learningRate > 0) || !Number.isFinite(learningRate)) throw new RangeError(`learningRate must be a positive number, got ${learningRate}`);
  if (!Number.isInteger(iterations) || iterations < 0) throw new RangeError(`iterations must be a non-negative integer, got ${iterations}`);
  const onNonFinite = options.onNonFinite ?? 'throw';
  if (onNonFinite !== 'throw' && onNonFinite !== 'stop') throw new RangeError(`onNonFinite must be "throw" or "stop", got ${JSON.stringify(onNonFinite)}`);
  let p = parameters;
  const costs: number[] = [];
  const end = (t: number, reason: string): GradientDescentRun => {
    if (onNonFinite === 'throw') throw new RangeError(`gradientDescent: ${reason}`);
    return { parameters: p, costs, stopped: { iteration: t, reason } };
  };
  for (let t = 0; t < iterations; t++) {
    let step: { cost: number; grads: Gradients };
    try {
      step = options.gradients(p);
    } catch (e) {
      if (!(e instanceof NonFiniteError)) throw e;
      return end(t, `diverged at iteration ${t}${t > 0 ? ` (after ${t} update${t === 1 ? '' : 's'} with learning rate ${learningRate})` : ' (before any update)'}: ${e.message}`);
    }
    const { cost, grads } = step;
    if (!Number.isFinite(cost)) return end(t, `the cost became ${cost} at iteration ${t}${t > 0 ? ` after ${t} update${t === 1 ? '' : 's'} with learning rate ${learningRate}` : ', before any update'}`);
    costs.push(cost);
    try {
      p = updateParameters(p, grads, learningRate);
    } catch (e) {
      throw new RangeError(`gradientDescent: at iteration ${t}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  return { parameters: p, costs, stopped: null };
}
