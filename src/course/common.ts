/**
 * The course's functions shared by weeks 3 and 4: the cross-entropy cost and the
 * gradient-descent update, over parameter objects with the course's keys W1, b1, W2, b2, ….
 *
 * Derived in: lesson 02-many-examples (J as the mean of L), 04-one-hidden-layer, 05-deep-network.
 */
import { Matrix, formatShape } from '../core/matrix';
import { NetworkParameters } from '../nn/network';
import { Gradients } from '../nn/backprop';

/**
 * The course's cost: J = −(1/m) Σ_i (y(i) log a(i) + (1 − y(i)) log(1 − a(i))), summed over
 * every entry of AL (one output unit in the course) and divided by m = number of columns.
 *
 * Syntax: computeCost(AL: Matrix, Y: Matrix): number
 *
 * Examples:
 *   computeCost(Matrix.from([[0.8, 0.9, 0.4]]), Matrix.from([[1, 1, 0]]));   // 0.2797765635793422
 *
 * See also: costFromLoss, networkCost
 *
 * Derived in: lesson 02-many-examples.
 */
export function computeCost(AL: Matrix, Y: Matrix): number {
  if (AL.rows !== Y.rows || AL.cols !== Y.cols) {
    throw new RangeError(`computeCost: AL has shape ${formatShape(AL.rows, AL.cols)} but Y has shape ${formatShape(Y.rows, Y.cols)}`);
  }
  const m = AL.cols;
  let s = 0;
  for (let k = 0; k < AL.data.length; k++) {
    const a = AL.data[k] as number;
    const y = Y.data[k] as number;
    s += (y === 0 ? 0 : y * Math.log(a)) + (y === 1 ? 0 : (1 - y) * Math.log(1 - a));
  }
  return (-1 / m) * s;
}

/**
 * One gradient-descent step on every W{l}, b{l} of `parameters`: W −= α dW, b −= α db.
 * Returns new matrices; the input objects are not changed.
 *
 * Syntax: updateParameters(parameters, grads, learningRate): NetworkParameters
 *
 * Example:
 *   updateParameters({ W1: Matrix.row([1]), b1: Matrix.row([0]) }, { dW1: Matrix.row([2]), db1: Matrix.row([1]) }, 0.1);
 *   // { W1: [[0.8]], b1: [[-0.1]] }
 *
 * See also: train (the fast loop), backprop
 *
 * Derived in: lesson 04-one-hidden-layer.
 */
export function updateParameters(parameters: NetworkParameters, grads: Gradients, learningRate: number): NetworkParameters {
  const out: NetworkParameters = {};
  for (const key of Object.keys(parameters)) {
    const p = parameters[key] as Matrix;
    if (!/^[Wb]\d+$/.test(key)) {
      out[key] = p;
      continue;
    }
    const g = grads[`d${key}`];
    if (!(g instanceof Matrix)) throw new RangeError(`updateParameters: grads has no d${key} for parameter ${key}`);
    if (g.rows !== p.rows || g.cols !== p.cols) {
      throw new RangeError(`updateParameters: d${key} has shape ${formatShape(g.rows, g.cols)} but ${key} has shape ${formatShape(p.rows, p.cols)}`);
    }
    out[key] = p.sub(g.scale(learningRate));
  }
  return out;
}
