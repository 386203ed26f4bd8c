/**
 * One update as a function from parameters to parameters: a gradient-descent step, an Adam step
 * (which keeps its moments between calls), or one iteration of `train`. Two ways of training
 * (two placements of the 1/m, a summed loss at another rate, …) are compared step by step by
 * feeding both the same parameters (compareSteps in check/), because their whole runs drift
 * apart through amplified round-off however right both are.
 *
 * Derived in: lesson 04-the-1-over-m-elsewhere-and-twice (placements step by step), 09-mini-batches-and-reduction.
 */
import { Matrix, formatShape } from '../core/matrix';
import { checkFiniteNumber } from '../core/finite';
import { Gradients } from './backprop';
import { NetworkParameters } from './network';
import { AdamSettings, adamStepInto, updateParameters } from './optimizers';
import { TrainOptions, train } from './train';

/** One update: the parameters after one step from `parameters` (new matrices; the input is not changed). */
export type Step = (parameters: NetworkParameters) => NetworkParameters;

/** A gradient function: dW1, db1, … at the given parameters (backprop's result fits). */
export type GradientFunction = (parameters: NetworkParameters) => { grads: Gradients };

/**
 * The gradient-descent step θ −= α · dθ with any gradient function: one iteration of
 * gradientDescent (the same updateParameters).
 *
 * Syntax: descentStep(gradients: (p) => { grads }, learningRate): Step
 *
 * Examples:
 *   const course = descentStep((p) => backprop(X, Y, p, { ...net, convention: 'loss' }), 1.2);
 *   course(params).W1;                                         // W1 − 1.2 dW1
 *   descentStep((p) => backprop(X, Y, p, net), 0);             // throws: descentStep: learningRate must be a positive number, got 0
 *
 * See also: adamStep, trainStep, compareSteps, gradientDescent (a whole run)
 *
 * Derived in: lesson 05-one-hidden-layer (the update), 04-the-1-over-m-elsewhere-and-twice (§1, §2.2, §2.4).
 */
export function descentStep(gradients: GradientFunction, learningRate: number): Step {
  checkRate('descentStep', gradients, learningRate);
  return (parameters) => updateParameters(parameters, gradients(parameters).grads, learningRate);
}

function checkRate(caller: string, gradients: unknown, learningRate: number): void {
  if (typeof gradients !== 'function') throw new TypeError(`${caller}: gradients must be a function (p) => { grads } such as (p) => backprop(X, Y, p, net)`);
  checkFiniteNumber('learningRate', learningRate, caller);
  if (!(learningRate > 0)) throw new RangeError(`${caller}: learningRate must be a positive number, got ${learningRate}`);
}

/**
 * The Adam step with any gradient function. It keeps its moments m, v and step count t between
 * calls, so calling it on successive parameters is Adam (the same arithmetic as train's
 * optimizer "adam", key by key); called at another run's iterates, it is Adam fed that run's
 * parameters ("teacher forcing").
 *
 *   m ← β1 m + (1 − β1) g,  v ← β2 v + (1 − β2) g²,  θ −= α (m / (1 − β1ᵗ)) / (√(v / (1 − β2ᵗ)) + ε)
 *
 * Syntax: adamStep(gradients, learningRate, { beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8 }): Step
 *
 * Example:
 *   const adam = adamStep((p) => backprop(X, Y, p, net), 0.01);
 *   let p = p0;
 *   for (let t = 0; t < 100; t++) p = adam(p);   // = train(X, Y, { …, optimizer: 'adam', learningRate: 0.01, iterations: 100 }).parameters
 *
 * See also: descentStep, compareSteps, train (option optimizer)
 *
 * Derived in: lesson 04-the-1-over-m-elsewhere-and-twice §2.3 (Adam and a doubled 1/m), 09-mini-batches-and-reduction.
 */
export function adamStep(gradients: GradientFunction, learningRate: number, adam: Partial<AdamSettings> = {}): Step {
  checkRate('adamStep', gradients, learningRate);
  const settings: AdamSettings = { beta1: adam.beta1 ?? 0.9, beta2: adam.beta2 ?? 0.999, epsilon: adam.epsilon ?? 1e-8 };
  const moments = new Map<string, { M: Float64Array; V: Float64Array }>();
  let t = 0;
  return (parameters) => {
    const grads = gradients(parameters).grads;
    t++;
    const out: NetworkParameters = {};
    for (const [key, P] of Object.entries(parameters)) {
      if (!/^[Wb]\d+$/.test(key)) {
        out[key] = P;
        continue;
      }
      const G = grads[`d${key}`];
      if (!(G instanceof Matrix) || G.rows !== P.rows || G.cols !== P.cols) {
        throw new RangeError(`adamStep: d${key} is ${G instanceof Matrix ? `of shape ${formatShape(G.rows, G.cols)}` : 'missing'} for ${key} of shape ${formatShape(P.rows, P.cols)}`);
      }
      const state = moments.get(key) ?? { M: new Float64Array(P.size), V: new Float64Array(P.size) };
      moments.set(key, state);
      const next = P.clone();
      adamStepInto(next.data, G.data, state.M, state.V, learningRate, settings, t);
      out[key] = next;
    }
    return out;
  };
}

/**
 * One iteration of `train` from the given parameters: a gradient step on the full batch, or one
 * epoch of mini-batch steps in the data's order. Adam is refused (each call would start its
 * moments afresh: use adamStep), and so is shuffling (each call would repeat the first epoch's
 * order).
 *
 * Syntax: trainStep(X, Y, { activations, loss, learningRate, convention?, batchSize?, l2?, shuffle: false }): Step
 *
 * Example:
 *   const meanAtAlpha = trainStep(X, Y, { ...net, learningRate: 0.5, batchSize: 64, shuffle: false });
 *   const sumAtAlphaOverB = trainStep(X, Y, { ...net, learningRate: 0.5 / 64, batchSize: 64, shuffle: false, convention: 'sum' });
 *
 * See also: descentStep, adamStep, compareSteps, train
 *
 * Derived in: lesson 09-mini-batches-and-reduction (a summed loss at α/B, epoch by epoch).
 */
export function trainStep(X: Matrix, Y: Matrix, options: Omit<TrainOptions, 'parameters' | 'iterations' | 'onProgress'>): Step {
  if (options === null || typeof options !== 'object') throw new TypeError('trainStep: options are missing: pass { activations, loss, learningRate }');
  if (options.optimizer === 'adam') throw new RangeError('trainStep: optimizer "adam" would restart its moments at every call; use adamStep(gradients, learningRate)');
  const batched = options.batchSize !== undefined && options.batchSize < X.cols;
  if (batched && options.shuffle !== false) {
    throw new RangeError(`trainStep: with batchSize ${String(options.batchSize)} < m = ${X.cols}, pass shuffle: false (each call would repeat the first epoch's shuffle)`);
  }
  return (parameters) => train(X, Y, { ...options, parameters, iterations: 1 }).parameters;
}
