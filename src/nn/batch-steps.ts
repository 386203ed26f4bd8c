/**
 * Mini-batch training one batch at a time: a gradient function that walks through the batches
 * of the data in their order, so that a step built on it (descentStep, adamStep) takes the
 * updates `train` takes with `shuffle: false`, one batch per call. Two ways of training with
 * mini-batches (a mean and a summed loss, Adam on each) can then be compared update by update
 * with compareSteps, including the update on the short last batch.
 *
 * Derived in: lesson 09-mini-batches-and-reduction (a summed loss at α/B, Adam and the short batch).
 */
import { Matrix } from '../core/matrix';
import { miniBatches } from '../data/data';
import { BackpropOptions, BackpropResult, backprop } from './backprop';
import { NetworkParameters, checkOptions } from './network';

/** Options of batchGradients: the network, the batch size, and backprop's convention and L2. */
export interface BatchGradientOptions extends BackpropOptions {
  /** Examples per batch B; the last batch holds the m − B⌊m/B⌋ left over, when there are any. */
  batchSize: number;
}

/**
 * A gradient function over the batches (it fits descentStep and adamStep), with the number of
 * examples in each batch, in order: B, …, B, then the short one if any.
 */
export type BatchGradients = ((parameters: NetworkParameters) => BackpropResult) & { readonly sizes: readonly number[] };

/**
 * The gradient function of mini-batch training in the data's order: its k-th call (from 0)
 * returns backprop on batch k mod T of the T batches of X, Y (columns 0 … B−1, B … 2B−1, …;
 * the last batch is shorter when B does not divide m). Each call differentiates its own batch's
 * cost, so the m of every formula is that batch's size m_t:
 *
 *   call k:  backprop(X_t, Y_t, θ, options),  t = k mod T,  T = ⌈m / B⌉
 *
 * descentStep over it, called T times, is one epoch of train(…, { batchSize: B, shuffle: false });
 * adamStep over it, called T·E times, is E epochs of train's Adam. The walk is stateful: build one
 * gradient function per step, and call each step once per update (as compareSteps does).
 *
 * Syntax: batchGradients(X, Y, { activations, loss, batchSize, convention = "loss", l2 = 0 }): BatchGradients
 *
 * Examples:
 *   const mean = descentStep(batchGradients(X, Y, { ...net, batchSize: 64 }), 0.5);
 *   const sum = descentStep(batchGradients(X, Y, { ...net, batchSize: 64, convention: 'sum' }), 0.5 / 64);
 *   compareSteps(p0, { iterations: 16, reference: mean, candidates: { sum }, throwOnFailure: false }).rows[0].normRatio;
 *   // { min: 0.625, max: 1 }  (m = 1000: 15 batches of 64, then one of 40: 40/64)
 *   batchGradients(X, Y, { ...net, batchSize: 64 }).sizes;   // [64, …, 64, 40]
 *   batchGradients(X, Y, { ...net, batchSize: 0 });           // throws: batchGradients: batchSize must be a whole number from 1 to m = 1000, got 0
 *
 * See also: descentStep, adamStep, trainStep (one whole epoch), compareSteps, miniBatches, train
 *
 * Derived in: lesson 09-mini-batches-and-reduction.
 */
export function batchGradients(X: Matrix, Y: Matrix, options: BatchGradientOptions): BatchGradients {
  checkOptions('batchGradients', options);
  if (!(X instanceof Matrix) || !(Y instanceof Matrix)) throw new TypeError('batchGradients: X and Y must be matrices');
  const { batchSize, ...network } = options;
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > X.cols) {
    throw new RangeError(`batchGradients: batchSize must be a whole number from 1 to m = ${X.cols}, got ${String(batchSize)}`);
  }
  const batches = miniBatches(X, Y, batchSize);
  let calls = 0;
  const gradients = (parameters: NetworkParameters): BackpropResult => {
    const batch = batches[calls % batches.length];
    calls++;
    if (batch === undefined) throw new RangeError('batchGradients: no batch');
    return backprop(batch.X, batch.Y, parameters, network);
  };
  return Object.assign(gradients, { sizes: Object.freeze(batches.map((b) => b.X.cols)) });
}
