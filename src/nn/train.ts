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
 * Derived in: lesson 05 (week 3), 06 (week 4), 09-mini-batches-and-reduction.
 */
import { Matrix } from '../core/matrix';
import { Rng, createRng } from '../core/random';
import { Layer, networkBackward, networkForward } from './layer';
import { NetworkParameters, NetworkSpec, checkOptions, networkSpec } from './network';
import { Convention, backwardFactors, checkConvention, conventionInfo } from './conventions';
import { AdamSettings, LayerOptimizer, layerOptimizer } from './optimizers';
import { ThreadReport, Trainer, createTrainer } from './trainer';
import { DivergenceError, diagnoseDivergence, forwardFinite, gradientsFinite, maxWeight, parametersFinite } from './divergence';
import { EvaluateOptions, HeldOutCosts, HeldOutRecorder, heldOutRecorder } from './held-out';

export { DivergenceError, NonFiniteError } from './divergence';
import { interruptible } from '../core/interrupt';

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
  /**
   * Held-out data whose mean loss is measured before every `every`-th iteration and after the
   * last (result.heldOut); without it the loop does no extra work.
   */
  evaluate?: EvaluateOptions;
}

/** What `train` returns. */
export interface TrainResult {
  /** The trained parameters (new matrices). */
  parameters: NetworkParameters;
  /** One cost per iteration, J at the parameters before that iteration's update (epoch cost with mini-batches). */
  costs: number[];
  /** How the first layer's products ran: on one thread or two, and why not two when asked. */
  threads: ThreadReport;
  /** With `evaluate`: the held-out cost after 0, every, 2·every, … iterations and after the last; otherwise null. */
  heldOut: HeldOutCosts | null;
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
    adam: adamSettings(options.adam),
    shortcut: options.shortcut ?? true,
    threads,
    shuffle: options.shuffle ?? true,
    seed: options.seed ?? 0,
  };
}

/** Adam's β1, β2 in [0, 1) and ε > 0, or the defaults 0.9, 0.999, 1e-8. */
function adamSettings(adam: TrainOptions['adam']): AdamSettings {
  const s = { beta1: adam?.beta1 ?? 0.9, beta2: adam?.beta2 ?? 0.999, epsilon: adam?.epsilon ?? 1e-8 };
  for (const key of ['beta1', 'beta2'] as const) {
    if (!(s[key] >= 0 && s[key] < 1)) throw new RangeError(`adam.${key} must be in [0, 1), got ${String(s[key])}`);
  }
  if (!(s.epsilon > 0) || !Number.isFinite(s.epsilon)) throw new RangeError(`adam.epsilon must be a positive number, got ${String(s.epsilon)}`);
  return s;
}

/**
 * Trains a network and returns the parameters and one cost per iteration. The inputs are checked
 * once (shapes, finite entries, labels for the loss); every step is checked for a value that is
 * not finite, and a DivergenceError names the iteration, layer and quantity where the first one
 * appeared, with a likely cause when one was checked (the input, the initial weights,
 * saturation, the learning rate).
 *
 * Syntax:
 *   train(X, Y, { parameters, activations, loss, learningRate, iterations,
 *                 convention = "loss", batchSize?, l2 = 0, optimizer = "gd", seed = 0, onProgress?,
 *                 evaluate?: { X, Y, every = 1 } })
 *     → { parameters, costs, threads, heldOut }
 *
 * Examples:
 *   const { X, Y } = planarData();
 *   const r = train(X, Y, { parameters: initializeParameters(2, 4, 1), activations: ['tanh', 'sigmoid'],
 *                           loss: 'cross-entropy', learningRate: 1.2, iterations: 10000 });
 *   r.costs.length;   // 10000
 *   const t = train(X, Y, { ...sameOptions, iterations: 300, evaluate: { X: Xtest, Y: Ytest, every: 20 } });
 *   t.heldOut.iterations;   // [0, 20, 40, …, 280, 300]: the test cost along the way
 *   train(X, Y, { ...sameOptions, learningRate: 1e6 });   // throws: training diverged at iteration 3: … likely cause: the learning rate 1000000 is too large (max |W| grew …)
 *   // Jupyter's "Interrupt kernel" (SIGINT) during iteration 1235 throws:
 *   //   InterruptedError: training interrupted at iteration 1234 of 10000
 *
 * See also: backprop, updateParameters, gradientDescent, nnModel, initializeNetwork
 *
 * Derived in: lessons 03, 05, 06, 09.
 */
export function train(X: Matrix, Y: Matrix, options: TrainOptions): TrainResult {
  checkOptions('train', options);
  // Interrupt hook (core/interrupt.ts): SIGINT stops the loop with a message naming the last
  // completed iteration, which the loop reports through onProgress.
  return interruptible('training', options.iterations, (completed) =>
    trainLoop(X, Y, {
      ...options,
      onProgress: (p) => {
        completed(p.iteration + 1);
        options.onProgress?.(p);
      },
    }),
  );
}

/** The loop of `train` (see there); `options` have been checked. */
function trainLoop(X: Matrix, Y: Matrix, options: TrainOptions): TrainResult {
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
    updates: 0,
    startMaxW: maxWeight(trainer.layers),
  };
  const costs: number[] = [];
  let heldOut: HeldOutRecorder | null = null;
  try {
    heldOut = options.evaluate === undefined ? null : heldOutRecorder(spec, trainer.layers, options, options.evaluate);
    for (let it = 0; it < settings.iterations; it++) {
      if (heldOut) heldOut.at(it);
      const cost = iteration(run, it);
      costs.push(cost);
      if (options.onProgress) options.onProgress({ iteration: it, iterations: settings.iterations, cost });
    }
    if (heldOut) heldOut.at(settings.iterations, true);
  } finally {
    trainer.close();
  }
  // after close(): the second thread's counts are complete only then
  return { parameters: trainer.parameters(), costs, threads: trainer.threads(), heldOut: heldOut ? heldOut.result : null };
}

/** A training run: the network, its settings, its buffers and optimiser, the example order. */
interface Run {
  spec: NetworkSpec;
  settings: Settings;
  trainer: Trainer;
  optimizer: LayerOptimizer;
  order: Int32Array;
  rng: Rng | null;
  /** Updates taken so far, and max |W| before the first (for the diagnosis of a divergence). */
  updates: number;
  startMaxW: number;
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
    return trainingStep(run, m, it, (loss) => loss / m + (spec.l2 / (2 * m)) * squares);
  }
  if (settings.shuffle) shuffle(order, run.rng);
  let losses = 0;
  for (let start = 0; start < m; start += settings.batchSize) {
    const M = Math.min(settings.batchSize, m - start);
    trainer.load(order, start, M);
    losses += trainingStep(run, M, it, (loss) => loss);
  }
  const cost = losses / m + (spec.l2 / (2 * m)) * (spec.l2 === 0 ? 0 : squaredWeights(trainer.layers));
  if (!Number.isFinite(cost)) throw diverged(run, m, it, cost);
  return cost;
}

/**
 * Forward, backward and update on the loaded batch of M examples, checked for a value that is not
 * finite through sums the loops compute anyway (Σ Z in the forward step, Σ W and Σ b in the
 * update), confirmed by a scan; returns cost(Σ L) before the update.
 */
function trainingStep(run: Run, M: number, it: number, cost: (loss: number) => number): number {
  const { spec, settings, trainer } = run;
  const { layers } = trainer;
  const out = layers[spec.L - 1];
  const sumsFinite = networkForward(layers, trainer.X, M);
  const J = cost(spec.loss.sum(out.A, trainer.Y, out.n * M));
  if (!Number.isFinite(J) || (!sumsFinite && !forwardFinite(layers, M))) throw diverged(run, M, it, J);
  networkBackward(layers, trainer.X, trainer.Y, M, spec.loss, settings.shortcut, backwardFactors(settings.convention, M, spec.l2), null);
  // a NaN or ±Infinity in dW or db makes the new W or b non-finite: one sum over the update checks both
  const sum = run.optimizer.step(settings.learningRate * conventionInfo[settings.convention].stepScale(M));
  run.updates++;
  if (!Number.isFinite(sum) && !(gradientsFinite(layers) && parametersFinite(layers))) throw diverged(run, M, it, J);
  return J;
}

/** The DivergenceError of the step of M examples now in the buffers. */
function diverged(run: Run, M: number, it: number, cost: number): DivergenceError {
  const { trainer, settings } = run;
  return diagnoseDivergence({
    layers: trainer.layers, X: trainer.X, Y: trainer.Y, m: M, loss: run.spec.loss, iteration: it,
    updates: run.updates, learningRate: settings.learningRate, startMaxW: run.startMaxW,
  }, cost);
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
