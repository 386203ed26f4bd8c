/**
 * Fast training of a fully connected network by gradient descent (or Adam), under any of the
 * 1/m conventions of backprop.ts, with optional mini-batches and L2. The loop allocates nothing:
 * every Z, A, dZ, dA, dW and db lives in a buffer made once; products run in the kernels of
 * kernels.ts without materialising transposes; dA[0] (the gradient with respect to X) is never
 * computed; the first layer's product over a wide input runs against a transposed copy of X
 * packed once.
 *
 * Each step computes exactly the equations of backprop.ts:
 *   Z[l] = W[l] A[l−1] + b[l], A[l] = g(Z[l]);   dZ[L] = A − Y (or dA[L] ∗ g'(Z[L]));
 *   dW[l] = s · dZ[l] A[l−1]ᵀ + r · W[l],  db[l] = s · Σ dZ[l],  dZ[l−1] = W[l]ᵀ dZ[l] ∗ g'(Z[l−1]);
 *   W[l] −= α dW[l], b[l] −= α db[l]   (Adam: α m̂ / (√v̂ + ε) from the same dW, db)
 * where dZ is kept per example and s, r fold in the convention's 1/m (see `stepFactors`).
 *
 * Derived in: lesson 03 (the placements trained side by side), 04 (week 3), 05 (week 4),
 * 07-mini-batches-and-reduction.
 */
import { Matrix } from '../core/matrix';
import { NetworkParameters, networkSpec } from './network';
import { Convention, checkConvention } from './backprop';
import { gemmNN, gemmNT, gemmTN, transposeInto } from '../core/kernels';
import { Rng, createRng } from '../core/random';
import { OutputActivationName } from './activations';
import { GemmPool, createGemmPool, sharedFloat64 } from '../core/parallel';
import { SimdArena, createSimdArena, simdKernel } from '../core/simd';

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
}

/**
 * For a convention, the factors of one step in terms of the per-example dZ (no 1/m) of a batch
 * of m examples: dW = s · dZ A_prevᵀ + r · W (and db = s · Σ dZ). Equivalent to running
 * backprop with that convention and then stepping with its stepScale.
 *
 * Example: `stepFactors('loss', 4, 0.1); // { s: 0.25, r: 0.025 }`
 */
export function stepFactors(convention: Convention, m: number, l2: number): { s: number; r: number } {
  switch (convention) {
    case 'loss':
    case 'cost':
    case 'autograd':
    case 'update': // Σ-gradients then (α/m) in the step: the same numbers
      return { s: 1 / m, r: l2 / m };
    case 'sum':
      return { s: 1, r: l2 };
    case 'double':
      return { s: 1 / (m * m), r: l2 / m };
    case 'none':
      return { s: 1, r: l2 / m };
  }
}

const ACT = { sigmoid: 0, relu: 1, tanh: 2, linear: 3, softmax: 4 } as const;
const LOSS = { 'cross-entropy': 0, 'squared-error': 1, 'categorical-cross-entropy': 2 } as const;

/** Z += b (broadcast over columns) and A = g(Z), in place, over the first M columns of an n×M block. */
function biasActivate(act: number, Z: Float64Array, A: Float64Array, b: Float64Array, n: number, M: number): void {
  if (act === ACT.softmax) {
    for (let i = 0; i < n; i++) {
      const bi = b[i]!;
      for (let j = i * M; j < i * M + M; j++) Z[j] += bi;
    }
    for (let j = 0; j < M; j++) {
      let max = -Infinity;
      for (let i = 0; i < n; i++) max = Math.max(max, Z[i * M + j]!);
      let s = 0;
      for (let i = 0; i < n; i++) {
        const e = Math.exp(Z[i * M + j]! - max);
        A[i * M + j] = e;
        s += e;
      }
      for (let i = 0; i < n; i++) A[i * M + j] /= s;
    }
    return;
  }
  for (let i = 0; i < n; i++) {
    const bi = b[i]!;
    const end = i * M + M;
    switch (act) {
      case ACT.sigmoid:
        for (let j = i * M; j < end; j++) {
          const z = Z[j]! + bi;
          Z[j] = z;
          A[j] = 1 / (1 + Math.exp(-z));
        }
        break;
      case ACT.relu:
        for (let j = i * M; j < end; j++) {
          const z = Z[j]! + bi;
          Z[j] = z;
          A[j] = z > 0 ? z : 0;
        }
        break;
      case ACT.tanh:
        for (let j = i * M; j < end; j++) {
          const z = Z[j]! + bi;
          Z[j] = z;
          A[j] = Math.tanh(z);
        }
        break;
      default:
        for (let j = i * M; j < end; j++) {
          const z = Z[j]! + bi;
          Z[j] = z;
          A[j] = z;
        }
    }
  }
}

/** dZ = dA ∗ g'(Z) in place (dZ may alias dA), the course's derivatives. */
function activationBackwardInto(act: number, dZ: Float64Array, dA: Float64Array, Z: Float64Array, A: Float64Array, n: number, M: number): void {
  const size = n * M;
  switch (act) {
    case ACT.sigmoid:
      for (let t = 0; t < size; t++) {
        const a = A[t]!;
        dZ[t] = dA[t]! * a * (1 - a);
      }
      break;
    case ACT.relu:
      for (let t = 0; t < size; t++) dZ[t] = Z[t]! > 0 ? dA[t]! : 0;
      break;
    case ACT.tanh:
      for (let t = 0; t < size; t++) {
        const a = A[t]!;
        dZ[t] = dA[t]! * (1 - a * a);
      }
      break;
    case ACT.linear:
      if (dZ !== dA) for (let t = 0; t < size; t++) dZ[t] = dA[t]!;
      break;
    default:
      // softmax: dz = a ∗ (da − Σ_k a_k da_k) per column
      for (let j = 0; j < M; j++) {
        let s = 0;
        for (let i = 0; i < n; i++) s += A[i * M + j]! * dA[i * M + j]!;
        for (let i = 0; i < n; i++) dZ[i * M + j] = A[i * M + j]! * (dA[i * M + j]! - s);
      }
  }
}

interface Layer {
  n: number;
  p: number;
  act: number;
  W: Float64Array;
  b: Float64Array;
  Z: Float64Array;
  A: Float64Array;
  dZ: Float64Array;
  dW: Float64Array;
  db: Float64Array;
  mW?: Float64Array;
  vW?: Float64Array;
  mb?: Float64Array;
  vb?: Float64Array;
}

/** Inputs at least this wide run the first layer's product against a packed Xᵀ. */
const PACK_MIN_INPUTS = 64;
/** A first layer with at least this many multiply-adds per product uses the second thread. */
const PARALLEL_MIN_WORK = 2_000_000;

/**
 * Trains a network and returns the parameters and one cost per iteration. Throws, naming the
 * iteration and the learning rate, when the cost becomes NaN or infinite.
 *
 * Syntax:
 *   train(X, Y, { parameters, activations, loss, learningRate, iterations,
 *                 convention = "loss", batchSize?, l2 = 0, optimizer = "gd", seed = 0, onProgress? })
 *     → { parameters, costs }
 *
 * Examples:
 *   const { X, Y } = planarData();
 *   const r = train(X, Y, { parameters: initializeParameters(2, 4, 1), activations: ['tanh', 'sigmoid'],
 *                           loss: 'cross-entropy', learningRate: 1.2, iterations: 10000 });
 *   r.costs.length;   // 10000
 *   train(X, Y, { ...sameOptions, learningRate: 1e6 });   // throws: cost became NaN at iteration 3 (learning rate 1000000 is probably too large)
 *
 * See also: backprop, stepFactors, nnModel, initializeNetwork
 *
 * Derived in: lessons 03, 04, 05, 07.
 */
export function train(X: Matrix, Y: Matrix, options: TrainOptions): TrainResult {
  const convention = checkConvention(options.convention ?? 'loss');
  const spec = networkSpec(X, options.parameters, options, Y);
  const { learningRate, iterations } = options;
  if (typeof learningRate !== 'number' || !Number.isFinite(learningRate) || learningRate <= 0) {
    throw new RangeError(`learningRate must be a positive number, got ${String(learningRate)}`);
  }
  if (!Number.isInteger(iterations) || iterations < 0) throw new RangeError(`iterations must be a non-negative integer, got ${String(iterations)}`);
  const mAll = X.cols;
  const batchSize = options.batchSize ?? mAll;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`batchSize must be a positive integer, got ${String(batchSize)}`);
  const fullBatch = batchSize >= mAll;
  const Mmax = Math.min(batchSize, mAll);
  const optimizer = options.optimizer ?? 'gd';
  if (optimizer !== 'gd' && optimizer !== 'adam') throw new RangeError(`unknown optimizer ${JSON.stringify(optimizer)} (expected one of: gd, adam)`);
  const beta1 = options.adam?.beta1 ?? 0.9;
  const beta2 = options.adam?.beta2 ?? 0.999;
  const adamEps = options.adam?.epsilon ?? 1e-8;
  const lossCode = LOSS[spec.loss.name];
  const L = spec.L;
  const outAct = ACT[spec.activations[L - 1] as OutputActivationName];
  const shortcut = (options.shortcut ?? true) && ((outAct === ACT.sigmoid && lossCode === 0) || (outAct === ACT.softmax && lossCode === 2));
  const l2 = spec.l2;

  // buffers, made once (the first layer's in shared memory when a second thread helps)
  const n0 = X.rows;
  // a second thread pays off only when a second core is idle, which the caller knows best
  const wantThreads = options.threads ?? 1;
  if (wantThreads !== 1 && wantThreads !== 2) throw new RangeError(`threads must be 1 or 2, got ${String(wantThreads)}`);
  const parallel = wantThreads === 2 && n0 >= PACK_MIN_INPUTS && spec.sizes[1]! * n0 * Mmax >= PARALLEL_MIN_WORK;
  // wide inputs: the first layer's arrays live in WebAssembly memory for the SIMD kernel
  const n1 = spec.sizes[1]!;
  const arena: SimdArena | null =
    n0 >= PACK_MIN_INPUTS && options.simd !== false ? createSimdArena(2 * n1 * n0 + 2 * n1 * Mmax + 2 * n0 * Mmax + 64) : null;
  const alloc = (n: number): Float64Array => (arena ? arena.alloc(n) : parallel ? sharedFloat64(n) : new Float64Array(n));
  const firstKernel = arena ? simdKernel(arena.memory, arena.pages, 0).gemmNT : gemmNT;
  const layers: Layer[] = [];
  for (let l = 1; l <= L; l++) {
    const n = spec.sizes[l]!;
    const p = spec.sizes[l - 1]!;
    const big = l === 1 ? alloc : (size: number): Float64Array => new Float64Array(size);
    const W = big(n * p);
    W.set(options.parameters[`W${l}`]!.data);
    const layer: Layer = {
      n,
      p,
      act: ACT[spec.activations[l - 1] as OutputActivationName],
      W,
      b: options.parameters[`b${l}`]!.data.slice(),
      Z: big(n * Mmax),
      A: new Float64Array(n * Mmax),
      dZ: big(n * Mmax),
      dW: big(n * p),
      db: new Float64Array(n),
    };
    if (optimizer === 'adam') {
      layer.mW = new Float64Array(n * p);
      layer.vW = new Float64Array(n * p);
      layer.mb = new Float64Array(n);
      layer.vb = new Float64Array(n);
    }
    layers.push(layer);
  }
  let maxPrev = 0;
  for (let l = 2; l <= L; l++) maxPrev = Math.max(maxPrev, spec.sizes[l - 1]!);
  const dAPrev = new Float64Array(maxPrev * Mmax);
  const nL = spec.sizes[L]!;
  const packX = n0 >= PACK_MIN_INPUTS;
  const XT = packX ? alloc(n0 * Mmax) : new Float64Array(0);
  const Xfull = (parallel || arena) && fullBatch ? alloc(X.data.length) : X.data;
  if (Xfull !== X.data) Xfull.set(X.data);
  let Xb: Float64Array = Xfull;
  let Yb: Float64Array = Y.data;
  const batchX = fullBatch ? Xfull : alloc(n0 * Mmax);
  const batchY = fullBatch ? Y.data : new Float64Array(nL * Mmax);
  if (fullBatch && packX) transposeInto(XT, X.data, n0, mAll);
  const rng: Rng | null = fullBatch ? null : createRng(options.seed ?? 0);
  const order = new Int32Array(mAll);
  for (let i = 0; i < mAll; i++) order[i] = i;
  const costs: number[] = [];
  let step = 0;
  const outLayer = layers[L - 1]!;
  const first = layers[0]!;
  const pool: GemmPool | null = parallel
    ? createGemmPool([
        { C: first.Z, A: first.W, B: XT },
        { C: first.dW, A: first.dZ, B: batchX },
      ], { simd: arena ? { memory: arena.memory, pages: arena.pages } : undefined })
    : null;
  try {
    for (let it = 0; it < iterations; it++) {
      if (rng && options.shuffle !== false) {
        for (let i = mAll - 1; i > 0; i--) {
          const j = Math.floor(rng.uniform() * (i + 1));
          const t = order[i]!;
          order[i] = order[j]!;
          order[j] = t;
        }
      }
      let lossSum = 0;
      for (let start = 0; start < mAll; start += Mmax) {
        const M = Math.min(Mmax, mAll - start);
        if (!fullBatch) {
          for (let i = 0; i < n0; i++) for (let j = 0; j < M; j++) batchX[i * M + j] = X.data[i * mAll + order[start + j]!]!;
          for (let i = 0; i < nL; i++) for (let j = 0; j < M; j++) batchY[i * M + j] = Y.data[i * mAll + order[start + j]!]!;
          if (packX) transposeInto(XT, batchX, n0, M);
          Xb = batchX;
          Yb = batchY;
        }
        // forward
        for (let l = 0; l < L; l++) {
          const layer = layers[l]!;
          if (l === 0 && pool) pool.gemmNT(0, layer.n, layer.p, M);
          else if (l === 0 && packX) firstKernel(layer.Z, layer.W, XT, layer.n, layer.p, M);
          else gemmNN(layer.Z, layer.W, l === 0 ? Xb : layers[l - 1]!.A, layer.n, layer.p, M);
          biasActivate(layer.act, layer.Z, layer.A, layer.b, layer.n, M);
        }
        // loss and dZ[L] per example (no 1/m)
        const AL = outLayer.A;
        const dZL = outLayer.dZ;
        const size = nL * M;
        let batchLoss = 0;
        for (let t = 0; t < size; t++) {
          const a = AL[t]!;
          const y = Yb[t]!;
          let dA: number;
          if (lossCode === 0) {
            batchLoss -= (y === 0 ? 0 : y * Math.log(a)) + (y === 1 ? 0 : (1 - y) * Math.log(1 - a));
            dA = shortcut ? 0 : -((y === 0 ? 0 : y / a) - (y === 1 ? 0 : (1 - y) / (1 - a)));
          } else if (lossCode === 1) {
            batchLoss += 0.5 * (a - y) * (a - y);
            dA = a - y;
          } else {
            batchLoss -= y === 0 ? 0 : y * Math.log(a);
            dA = y === 0 ? 0 : -y / a;
          }
          dZL[t] = shortcut ? a - y : dA;
        }
        if (!shortcut) activationBackwardInto(outAct, dZL, dZL, outLayer.Z, AL, nL, M);
        lossSum += batchLoss;
        let sq = 0;
        if (l2 !== 0) for (const layer of layers) for (let t = 0; t < layer.W.length; t++) sq += layer.W[t]! * layer.W[t]!;
        if (fullBatch) {
          const cost = batchLoss / M + (l2 / (2 * M)) * sq;
          if (!Number.isFinite(cost)) throw divergence(cost, it, learningRate);
          costs.push(cost);
        } else if (!Number.isFinite(batchLoss)) {
          throw divergence(batchLoss, it, learningRate);
        }
        // backward
        const { s, r } = stepFactors(convention, M, l2);
        for (let l = L - 1; l >= 0; l--) {
          const layer = layers[l]!;
          const APrevB = l === 0 ? Xb : layers[l - 1]!.A;
          if (l === 0 && pool) pool.gemmNT(1, layer.n, M, layer.p, s);
          else if (l === 0) firstKernel(layer.dW, layer.dZ, APrevB, layer.n, M, layer.p, s);
          else gemmNT(layer.dW, layer.dZ, APrevB, layer.n, M, layer.p, s);
          if (r !== 0) for (let t = 0; t < layer.dW.length; t++) layer.dW[t] += r * layer.W[t]!;
          for (let i = 0; i < layer.n; i++) {
            let acc = 0;
            for (let j = i * M; j < i * M + M; j++) acc += layer.dZ[j]!;
            layer.db[i] = s * acc;
          }
          if (l > 0) {
            const prev = layers[l - 1]!;
            gemmTN(dAPrev, layer.W, layer.dZ, layer.p, layer.n, M);
            activationBackwardInto(prev.act, prev.dZ, dAPrev, prev.Z, prev.A, prev.n, M);
          }
        }
        // update
        step++;
        if (optimizer === 'gd') {
          for (const layer of layers) {
            const { W, dW, b, db } = layer;
            for (let t = 0; t < W.length; t++) W[t] -= learningRate * dW[t]!;
            for (let t = 0; t < b.length; t++) b[t] -= learningRate * db[t]!;
          }
        } else {
          const c1 = 1 - Math.pow(beta1, step);
          const c2 = 1 - Math.pow(beta2, step);
          for (const layer of layers) {
            adamStep(layer.W, layer.dW, layer.mW!, layer.vW!, learningRate, beta1, beta2, adamEps, c1, c2);
            adamStep(layer.b, layer.db, layer.mb!, layer.vb!, learningRate, beta1, beta2, adamEps, c1, c2);
          }
        }
      }
      if (!fullBatch) {
        let sq = 0;
        if (l2 !== 0) for (const layer of layers) for (let t = 0; t < layer.W.length; t++) sq += layer.W[t]! * layer.W[t]!;
        const cost = lossSum / mAll + (l2 / (2 * mAll)) * sq;
        if (!Number.isFinite(cost)) throw divergence(cost, it, learningRate);
        costs.push(cost);
      }
      if (options.onProgress) options.onProgress({ iteration: it, iterations, cost: costs[it]! });
    }
  } finally {
    pool?.close();
  }
  const parameters: NetworkParameters = {};
  for (const key of Object.keys(options.parameters)) parameters[key] = options.parameters[key]!;
  layers.forEach((layer, l) => {
    parameters[`W${l + 1}`] = new Matrix(layer.n, layer.p, layer.W.buffer instanceof SharedArrayBuffer ? layer.W.slice() : layer.W);
    parameters[`b${l + 1}`] = new Matrix(layer.n, 1, layer.b);
  });
  return { parameters, costs };
}

function adamStep(P: Float64Array, G: Float64Array, m: Float64Array, v: Float64Array, lr: number, b1: number, b2: number, eps: number, c1: number, c2: number): void {
  for (let t = 0; t < P.length; t++) {
    const g = G[t]!;
    m[t] = b1 * m[t]! + (1 - b1) * g;
    v[t] = b2 * v[t]! + (1 - b2) * g * g;
    P[t] -= (lr * (m[t]! / c1)) / (Math.sqrt(v[t]! / c2) + eps);
  }
}

/** The error thrown when training diverges: names the value, the iteration and the learning rate. */
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

function divergence(value: number, iteration: number, learningRate: number): DivergenceError {
  return new DivergenceError(value, iteration, learningRate);
}
