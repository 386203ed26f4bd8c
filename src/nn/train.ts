/**
 * Training a fully connected network by gradient descent (or Adam), under any of the 1/m
 * conventions, with optional mini-batches and L2: a loop over the one layer step of layer.ts on
 * buffers made once (trainer.ts), so an iteration allocates nothing. Each step is exactly
 *
 *   forward:  Z[l] = W[l] A[l−1] + b[l],  A[l] = g(Z[l])                       (networkForward)
 *   backward: dZ[L], then dW[l] = s · dZ[l] A[l−1]ᵀ + r · W[l], db[l] = s · Σ dZ[l],
 *             dZ[l−1] = W[l]ᵀ dZ[l] ∗ g'(Z[l−1])                               (networkBackward)
 *   update:   W[l] −= α · stepScale · dW[l], b[l] −= α · stepScale · db[l]      (or Adam)
 *
 * with the factors of the convention (conventionInfo), the same step `backprop` takes on
 * matrices: the tests hold train to backprop followed by updateParameters.
 *
 * Derived in: lesson 03 (the placements trained side by side), 04 (week 3), 05 (week 4),
 * 07-mini-batches-and-reduction.
 */
import { Matrix } from '../core/matrix';
import { Rng, createRng } from '../core/random';
import { Layer, networkBackward, networkForward } from './layer';
import { NetworkParameters, NetworkSpec, networkSpec } from './network';
import { Convention, backwardFactors, checkConvention, conventionInfo } from './conventions';
import { AdamSettings, LayerOptimizer, layerOptimizer } from './optimizers';
import { ThreadReport, Trainer, createTrainer } from './trainer';

/** Options of `train`. */
export interface TrainOptions {
  /** Initial parameters { W1, b1, …, WL, bL }; not modified (the result holds new matrices). */
  parameters: NetworkParameters;
  /** One activation per layer ("relu" | "tanh" | "sigmoid" | "linear", "softmax" last only). */
  activations: readonly string[];
  /** "cross-entropy" or "squared-error". */
  loss: string;
  /** The learning rate α. */
  learningRate: number;
  /** Number of iterations: gradient steps for full batches, epochs when batchSize is set. */
  iterations: number;
  /** Where the 1/m goes (default "loss"); "update" divides the step by m, "double" and "none" are the wrong ones. */
  convention?: Convention;
  /** Mini-batch size; the m of every formula becomes the batch's size (the last batch may be shorter). */
  batchSize?: number;
  /** L2 strength λ: J gains (λ/2m) Σ‖W‖². */
  l2?: number;
  /** "gd" (default) or "adam". */
  optimizer?: 'gd' | 'adam';
  /** Adam's β1, β2, ε (defaults 0.9, 0.999, 1e-8). */
  adam?: { beta1?: number; beta2?: number; epsilon?: number };
  /** Seed of the mini-batch shuffle (default 0). */
  seed?: number;
  /** Shuffle the examples each epoch when batchSize is set (default true). */
  shuffle?: boolean;
  /** Use dZ[L] = A − Y where it holds (default true). */
  shortcut?: boolean;
  /**
   * Threads for the first layer's large products: 1 or 2 (default 1, so lessons behave the
   * same on every machine; `npm run bench` asks for 2). The second thread is used only when the
   * first layer is large. Results are bit-for-bit identical either way.
   */
  threads?: 1 | 2;
  /** Use the WebAssembly SIMD kernel for a wide first layer (default true; false forces plain JavaScript). */
  simd?: boolean;
  /** Called after every iteration with its cost (the cost before that iteration's update). */
  onProgress?: (progress: { iteration: number; iterations: number; cost: number }) => void;
}

/** What `train` returns. */
export interface TrainResult {
  /** The trained parameters (new matrices). */
  parameters: NetworkParameters;
  /** One cost per iteration, J at the parameters before that iteration's update (epoch cost with mini-batches). */
  costs: number[];
  /** How the first layer's products ran: on one thread or two, and why not two when asked. */
  threads: ThreadReport;
}

/** The options of a run, validated. */
interface Settings {
  convention: Convention;
  learningRate: number;
  iterations: number;
  batchSize: number;
  optimizer: 'gd' | 'adam';
  adam: AdamSettings;
  shortcut: boolean;
  threads: 1 | 2;
  shuffle: boolean;
  seed: number;
}

function settingsOf(options: TrainOptions, m: number): Settings {
  const { learningRate, iterations } = options;
  if (typeof learningRate !== 'number' || !Number.isFinite(learningRate) || learningRate <= 0) {
    throw new RangeError(`learningRate must be a positive number, got ${String(learningRate)}`);
  }
  if (!Number.isInteger(iterations) || iterations < 0) throw new RangeError(`iterations must be a non-negative integer, got ${String(iterations)}`);
  const batchSize = options.batchSize ?? m;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`batchSize must be a positive integer, got ${String(batchSize)}`);
  const optimizer = options.optimizer ?? 'gd';
  if (optimizer !== 'gd' && optimizer !== 'adam') throw new RangeError(`unknown optimizer ${JSON.stringify(optimizer)} (expected one of: gd, adam)`);
  const threads = options.threads ?? 1;
  if (threads !== 1 && threads !== 2) throw new RangeError(`threads must be 1 or 2, got ${String(threads)}`);
  return {
    convention: checkConvention(options.convention ?? 'loss'),
    learningRate,
    iterations,
    batchSize: Math.min(batchSize, m),
    optimizer,
    adam: { beta1: options.adam?.beta1 ?? 0.9, beta2: options.adam?.beta2 ?? 0.999, epsilon: options.adam?.epsilon ?? 1e-8 },
    shortcut: options.shortcut ?? true,
    threads,
    shuffle: options.shuffle ?? true,
    seed: options.seed ?? 0,
  };
}

/**
 * Trains a network and returns the parameters and one cost per iteration. Throws, naming the
 * iteration and the learning rate, when the cost becomes NaN or infinite.
 *
 * Syntax:
 *   train(X, Y, { parameters, activations, loss, learningRate, iterations,
 *                 convention = "loss", batchSize?, l2 = 0, optimizer = "gd", seed = 0, onProgress? })
 *     → { parameters, costs, threads }
 *
 * Examples:
 *   const { X, Y } = planarData();
 *   const r = train(X, Y, { parameters: initializeParameters(2, 4, 1), activations: ['tanh', 'sigmoid'],
 *                           loss: 'cross-entropy', learningRate: 1.2, iterations: 10000 });
 *   r.costs.length;   // 10000
 *   train(X, Y, { ...sameOptions, learningRate: 1e6 });   // throws: cost became NaN at iteration 3 (learning rate 1000000 is probably too large)
 *
 * See also: backprop, updateParameters, gradientDescent, nnModel, initializeNetwork
 *
 * Derived in: lessons 03, 04, 05, 07.
 */
export function train(X: Matrix, Y: Matrix, options: TrainOptions): TrainResult {
  const spec = networkSpec(X, options.parameters, options, Y);
  const settings = settingsOf(options, X.cols);
  const trainer = createTrainer(X, Y, spec, options.parameters, { batchSize: settings.batchSize, threads: settings.threads, simd: options.simd !== false });
  const run: Run = {
    spec,
    settings,
    trainer,
    optimizer: layerOptimizer(trainer.layers, settings.optimizer, settings.adam),
    order: Int32Array.from({ length: X.cols }, (_, i) => i),
    rng: settings.batchSize < X.cols ? createRng(settings.seed) : null,
  };
  const costs: number[] = [];
  try {
    for (let it = 0; it < settings.iterations; it++) {
      const cost = iteration(run, it);
      costs.push(cost);
      if (options.onProgress) options.onProgress({ iteration: it, iterations: settings.iterations, cost });
    }
  } finally {
    trainer.close();
  }
  return { parameters: trainer.parameters(), costs, threads: trainer.threads() };
}

/** A training run: the network, its settings, its buffers and optimiser, the example order. */
interface Run {
  spec: NetworkSpec;
  settings: Settings;
  trainer: Trainer;
  optimizer: LayerOptimizer;
  order: Int32Array;
  rng: Rng | null;
}

/**
 * One iteration: a full-batch step, or an epoch of mini-batch steps. Returns J at the parameters
 * before the step (full batch), or the epoch's summed batch losses / m plus the L2 term after it.
 */
function iteration(run: Run, it: number): number {
  const { spec, settings, trainer, order } = run;
  const m = order.length;
  if (!run.rng) {
    const squares = spec.l2 === 0 ? 0 : squaredWeights(trainer.layers);
    const cost = trainingStep(run, m, it) / m + (spec.l2 / (2 * m)) * squares;
    if (!Number.isFinite(cost)) throw new DivergenceError(cost, it, settings.learningRate);
    return cost;
  }
  if (settings.shuffle) shuffle(order, run.rng);
  let losses = 0;
  for (let start = 0; start < m; start += settings.batchSize) {
    const M = Math.min(settings.batchSize, m - start);
    trainer.load(order, start, M);
    losses += trainingStep(run, M, it);
  }
  const cost = losses / m + (spec.l2 / (2 * m)) * (spec.l2 === 0 ? 0 : squaredWeights(trainer.layers));
  if (!Number.isFinite(cost)) throw new DivergenceError(cost, it, settings.learningRate);
  return cost;
}

/** Forward, backward and update on the loaded batch of M examples; returns its summed loss Σ L (before the update). */
function trainingStep(run: Run, M: number, it: number): number {
  const { spec, settings, trainer } = run;
  const { layers } = trainer;
  const out = layers[spec.L - 1];
  networkForward(layers, trainer.X, M);
  const loss = spec.loss.sum(out.A, trainer.Y, out.n * M);
  if (!Number.isFinite(loss)) throw new DivergenceError(loss / M, it, settings.learningRate);
  networkBackward(layers, trainer.X, trainer.Y, M, spec.loss, settings.shortcut, backwardFactors(settings.convention, M, spec.l2), null);
  run.optimizer.step(settings.learningRate * conventionInfo[settings.convention].stepScale(M));
  return loss;
}

function squaredWeights(layers: readonly Layer[]): number {
  let s = 0;
  for (const { W } of layers) for (let t = 0; t < W.length; t++) s += W[t] * W[t];
  return s;
}

/** Fisher–Yates shuffle of the example order, seeded. */
function shuffle(order: Int32Array, rng: Rng): void {
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(rng.uniform() * (i + 1));
    const t = order[i];
    order[i] = order[j];
    order[j] = t;
  }
}

/**
 * The error train throws when the cost becomes NaN or infinite: names the value, the iteration
 * and the learning rate.
 *
 * Syntax: new DivergenceError(value, iteration, learningRate) · error.iteration · error.learningRate
 *
 * Example: `new DivergenceError(NaN, 3, 10).message; // 'cost became NaN at iteration 3 (learning rate 10 is probably too large)'`
 *
 * See also: train, gradientDescent
 *
 * Derived in: lesson 03-where-does-1-over-m-go §5 (a learning rate too large for the summed loss).
 */
export class DivergenceError extends Error {
  readonly iteration: number;
  readonly learningRate: number;
  constructor(value: number, iteration: number, learningRate: number) {
    super(`cost became ${Number.isNaN(value) ? 'NaN' : String(value)} at iteration ${iteration} (learning rate ${learningRate} is probably too large)`);
    this.name = 'DivergenceError';
    this.iteration = iteration;
    this.learningRate = learningRate;
  }
}
