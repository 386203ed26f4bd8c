/**
 * A trained network as a plain function of one input point: what a decision-boundary chart
 * evaluates on its grid, thousands of times, through the same forward step as everything else
 * (layer.ts), on buffers made once.
 *
 * Derived in: lesson 02-many-examples (logistic regression's boundary), 05-one-hidden-layer
 * (the flower's boundary).
 */
import { Matrix, formatShape } from '../core/matrix';
import { networkForward } from './layer';
import { NetworkParameters, forwardPass, networkLayers, networkSpec } from './network';

/**
 * The network's output a[L] at one point x = (x1, …, x_n): a probability when the output layer
 * is a sigmoid. The parameters are copied when it is made, so later changes to them do not
 * move the function. The network must have one output unit.
 *
 * Syntax: outputProbability(parameters, activations) → (x1, x2, …) => number
 *
 * Examples:
 *   const p = outputProbability({ W1: Matrix.row([1, -1]), b1: Matrix.row([0]) }, ['sigmoid']);
 *   p(2, 2);    // 0.5
 *   p(3, 0);    // 0.9525741268224334
 *   decisionBoundary({ predict: outputProbability(run.parameters, ['tanh', 'sigmoid']), X, Y, title: 'n_h = 4' });
 *   p(1);       // throws: outputProbability: the network has 2 inputs, got 1 value (1)
 *
 * See also: forwardPass (many points at once), decisionBoundary (notebook), predictShallow, predictDeep
 *
 * Used in: lessons 02, 05 (decision boundaries).
 */
export function outputProbability(parameters: NetworkParameters, activations: readonly string[]): (...x: number[]) => number {
  const W1 = parameters.W1;
  if (!(W1 instanceof Matrix)) throw new RangeError('outputProbability: parameters have no W1 (expected keys W1, b1, W2, b2, …)');
  const copy: NetworkParameters = {};
  for (const [key, M] of Object.entries(parameters)) copy[key] = M instanceof Matrix ? M.clone() : M;
  const spec = networkSpec(new Matrix(W1.cols, 1), copy, { activations, loss: 'squared-error' });
  const nOut = spec.sizes[spec.L];
  if (nOut !== 1) throw new RangeError(`outputProbability: the output layer has ${nOut} units (W${spec.L} has shape ${formatShape(nOut, spec.sizes[spec.L - 1])}); it needs one`);
  const layers = networkLayers(spec, copy, 1);
  const out = layers[spec.L - 1];
  const x = new Float64Array(spec.sizes[0]);
  return (...point: number[]): number => {
    if (point.length !== x.length) {
      throw new RangeError(`outputProbability: the network has ${x.length} inputs, got ${point.length} value${point.length === 1 ? '' : 's'} (${point.join(', ')})`);
    }
    x.set(point);
    networkForward(layers, x, 1);
    return out.A[0];
  };
}

/**
 * The network's 0/1 predictions on X: 1 where its single output a[L] is above the threshold
 * (0.5), as the course's predict functions do, for any depth and activations. With accuracy
 * (data/), the fraction of examples a network classifies right.
 *
 * Syntax: predictLabels(X, parameters, activations, threshold = 0.5): Matrix   (shape (1, m))
 *
 * Examples:
 *   predictLabels(Matrix.from([[2, -2]]), { W1: Matrix.row([1]), b1: Matrix.row([0]) }, ['sigmoid']).toArray();   // [[1, 0]]
 *   accuracy(predictLabels(X, run.parameters, ['relu', 'relu', 'sigmoid']), Y);   // e.g. 0.92
 *
 * See also: accuracy, outputProbability, forwardPass, predictShallow, predictDeep (the course's)
 *
 * Used in: lessons 05, 06, 11 (training accuracy of any network).
 */
export function predictLabels(X: Matrix, parameters: NetworkParameters, activations: readonly string[], threshold = 0.5): Matrix {
  if (typeof threshold !== 'number' || !Number.isFinite(threshold)) throw new RangeError(`predictLabels: threshold must be a finite number, got ${String(threshold)}`);
  const { AL } = forwardPass(X, parameters, activations);
  if (AL.rows !== 1) throw new RangeError(`predictLabels: the output layer has ${AL.rows} units; it needs one (labels 0/1 in one row)`);
  return AL.map((a) => (a > threshold ? 1 : 0));
}
