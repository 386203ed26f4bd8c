/**
 * The cost on held-out data, measured while `train` runs (option `evaluate`): a forward pass of
 * the held-out examples through the training run's own weights (read in place, not copied), on
 * buffers made once. Training without `evaluate` does not touch this file.
 *
 * Derived in: lesson 06-deep-network (training and test cost of the MNIST network).
 */
import { Matrix } from '../core/matrix';
import { Layer, createLayer, networkForward } from './layer';
import { NetworkOptions, NetworkParameters, NetworkSpec, networkSpec } from './network';

/** What `train` records with `evaluate`. */
export interface HeldOutCosts {
  /** Updates taken before each measurement: 0, every, 2·every, …, and the last iteration count. */
  iterations: number[];
  /** The mean loss (1/m) Σ L on the held-out data at those points (no L2 term). */
  costs: number[];
}

/** `train`'s option `evaluate`: held-out data and how often to measure its cost. */
export interface EvaluateOptions {
  X: Matrix;
  Y: Matrix;
  /** Measure before every `every`-th iteration (default 1), and after the last. */
  every?: number;
}

/** Measures the held-out cost of a run's layers and keeps the readings. */
export interface HeldOutRecorder {
  /** Records the cost now, as the cost after `updates` iterations, when `updates` is due. */
  at(updates: number, last?: boolean): void;
  readonly result: HeldOutCosts;
}

/**
 * A recorder for the run's layers: checks the held-out data against the network once (shapes,
 * finite entries, labels for the loss), then reads the layers' current W and b at each call.
 */
export function heldOutRecorder(
  spec: NetworkSpec,
  layers: readonly Layer[],
  network: NetworkOptions & { parameters: NetworkParameters },
  options: EvaluateOptions,
): HeldOutRecorder {
  if (options === null || typeof options !== 'object') throw new TypeError('evaluate must be { X, Y, every? }: the held-out data and how often to measure it');
  const { X, Y } = options;
  const every = options.every ?? 1;
  if (!Number.isInteger(every) || every < 1) throw new RangeError(`evaluate.every must be a positive integer, got ${String(every)}`);
  try {
    networkSpec(X, network.parameters, { activations: network.activations, loss: network.loss }, Y);
  } catch (e) {
    throw new RangeError(`evaluate: the held-out data do not fit the network: ${e instanceof Error ? e.message : String(e)}`);
  }
  const m = X.cols;
  const own = layers.map((layer) => createLayer({ n: layer.n, p: layer.p, m }, layer.g, { W: layer.W, b: layer.b }));
  const out = own[own.length - 1];
  const result: HeldOutCosts = { iterations: [], costs: [] };
  return {
    result,
    at(updates: number, last = false): void {
      if (!last && updates % every !== 0) return;
      if (result.iterations[result.iterations.length - 1] === updates) return;
      networkForward(own, X.data, m);
      result.iterations.push(updates);
      result.costs.push(spec.loss.sum(out.A, Y.data, out.n * m) / m);
    },
  };
}
