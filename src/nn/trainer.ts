/**
 * The buffers of a training run, made once: one Layer per layer of the network (layer.ts), the
 * batch of X and Y the step reads, and for a wide first layer a transposed copy of the batch, the
 * WebAssembly SIMD kernel and optionally a second thread. Only the first layer's two large
 * products change kernel; the equations are the layer step's, unchanged.
 *
 * Used by: train.ts. Not needed by lessons directly.
 */
import { Matrix } from '../core/matrix';
import { gemmNN, gemmNT, transposeInto } from '../core/kernels';
import { GemmPool, createGemmPool, sharedFloat64 } from '../core/parallel';
import { SimdArena, createSimdArena, simdKernel } from '../core/simd';
import { layerActivation } from './activations';
import { Layer, LayerProducts, createLayer } from './layer';
import { NetworkParameters, NetworkSpec } from './network';

/**
 * Inputs at least this wide run the first layer's products against a packed Xᵀ (and the SIMD
 * kernel); a second thread is used only from this width on.
 *
 * Syntax: PACK_MIN_INPUTS: number
 *
 * Example: `PACK_MIN_INPUTS; // 64 (MNIST's 784 inputs qualify, the planar data's 2 do not)`
 *
 * See also: PARALLEL_MIN_WORK, train (options threads, simd)
 *
 * Used in: lesson 06-deep-network (the MNIST network).
 */
export const PACK_MIN_INPUTS = 64;

/**
 * A first layer with at least this many multiply-adds per product (n[1] · n[0] · batch size) uses
 * the second thread when `threads: 2` is asked for; below it a thread costs more than it saves.
 *
 * Syntax: PARALLEL_MIN_WORK: number
 *
 * Example: `20 * 12288 * 209 >= PARALLEL_MIN_WORK; // true: the course's week-4 network`
 *
 * See also: PACK_MIN_INPUTS, ThreadReport, createGemmPool
 *
 * Used in: the week-4 benchmark (npm run bench); lessons train on one thread.
 */
export const PARALLEL_MIN_WORK = 2_000_000;

/** How the first layer's products ran. */
export interface ThreadReport {
  /** Threads that computed the first layer's products: 1 or 2. */
  used: 1 | 2;
  /** Why a second thread did not run, when `threads: 2` was asked for; null otherwise. */
  reason: string | null;
  /** Column chunks of those products computed in all, and by the second thread (0 on one thread). */
  chunks: number;
  helperChunks: number;
  /** Products the second thread handled (each product counts once it has been computed). */
  helperRequests: number;
}

/** The buffers of one training run. */
export interface Trainer {
  readonly layers: Layer[];
  /** The batch the step reads: X (n0 × M) and Y (nL × M); the whole data for full batches. */
  readonly X: Float64Array;
  readonly Y: Float64Array;
  /** Copies columns order[start … start + M) of the data into the batch (mini-batches only). */
  load(order: Int32Array, start: number, M: number): void;
  /** The parameters now, as new matrices. */
  parameters(): NetworkParameters;
  threads(): ThreadReport;
  /** Stops the second thread, if one runs. */
  close(): void;
}

/** What createTrainer needs to know besides the network. */
export interface TrainerSettings {
  /** Columns of a batch (the whole data for full batches). */
  batchSize: number;
  threads: 1 | 2;
  simd: boolean;
}

/** Allocates the first layer's big arrays where its kernel can read them. */
function firstLayerMemory(n0: number, n1: number, M: number, settings: TrainerSettings): { alloc: (n: number) => Float64Array; arena: SimdArena | null; parallel: boolean } {
  const packed = n0 >= PACK_MIN_INPUTS;
  const parallel = settings.threads === 2 && packed && n1 * n0 * M >= PARALLEL_MIN_WORK;
  const arena = packed && settings.simd ? createSimdArena(2 * n1 * n0 + 2 * n1 * M + 2 * n0 * M + 64) : null;
  const alloc = (n: number): Float64Array => (arena ? arena.alloc(n) : parallel ? sharedFloat64(n) : new Float64Array(n));
  return { alloc, arena, parallel };
}

/**
 * Makes the buffers of a training run for X, Y and the initial parameters (copied, never changed).
 *
 * Syntax: createTrainer(X, Y, spec, parameters, { batchSize, threads, simd }): Trainer
 *
 * Example: `createTrainer(X, Y, spec, p0, { batchSize: X.cols, threads: 1, simd: true }).layers.length; // L`
 *
 * See also: train, createLayer
 *
 * Used in: lessons 05, 06, 09 (through train).
 */
export function createTrainer(X: Matrix, Y: Matrix, spec: NetworkSpec, initial: NetworkParameters, settings: TrainerSettings): Trainer {
  const mAll = X.cols;
  const M = Math.min(settings.batchSize, mAll);
  const fullBatch = M === mAll;
  const [n0, n1] = spec.sizes;
  const nL = spec.sizes[spec.L];
  const { alloc, arena, parallel } = firstLayerMemory(n0, n1, M, settings);
  const packed = n0 >= PACK_MIN_INPUTS;
  const first = { W: alloc(n1 * n0), Z: alloc(n1 * M), dZ: alloc(n1 * M), dW: alloc(n1 * n0) };
  const XT = packed ? alloc(n0 * M) : null;
  const batchX = fullBatch && !parallel && !arena ? X.data : alloc(n0 * M);
  if (fullBatch && batchX !== X.data) batchX.set(X.data);
  const batchY = fullBatch ? Y.data : new Float64Array(nL * M);
  if (fullBatch && XT) transposeInto(XT, X.data, n0, mAll);
  let pool: GemmPool | null = null;
  let reason: string | null = null;
  if (parallel && XT) {
    const jobs = [{ C: first.Z, A: first.W, B: XT }, { C: first.dW, A: first.dZ, B: batchX }];
    ({ pool, reason } = createGemmPool(jobs, { simd: arena ? { memory: arena.memory, pages: arena.pages } : undefined }));
  } else if (settings.threads === 2) {
    reason = packed
      ? `the first layer is too small for a second thread (${n1 * n0 * M} multiply-adds per product, at least ${PARALLEL_MIN_WORK} needed)`
      : `the input is too narrow for a second thread (${n0} rows, at least ${PACK_MIN_INPUTS} needed)`;
  }
  const kernel = arena ? simdKernel(arena.memory, arena.pages, 0).gemmNT : gemmNT;
  const products = firstLayerProducts(kernel, XT, pool);
  // training never needs dA of two layers at once: every layer's dA is a view of one scratch
  // buffer (and dA[0], the gradient with respect to X, is never computed)
  const scratch = new Float64Array(Math.max(...spec.sizes.slice(1)) * M);
  const layers: Layer[] = [];
  for (let l = 1; l <= spec.L; l++) {
    const g = layerActivation(spec.activations[l - 1]);
    const n = spec.sizes[l];
    const shape = { n, p: spec.sizes[l - 1], m: M };
    const dA = scratch.subarray(0, n * M);
    const layer = l === 1 ? createLayer(shape, g, { ...first, dA }, products) : createLayer(shape, g, { dA });
    layer.W.set(initial[`W${l}`].data);
    layer.b.set(initial[`b${l}`].data);
    layers.push(layer);
  }
  return {
    layers,
    X: batchX,
    Y: batchY,
    load(order: Int32Array, start: number, size: number): void {
      gatherColumns(batchX, X.data, n0, mAll, order, start, size);
      gatherColumns(batchY, Y.data, nL, mAll, order, start, size);
      if (XT) transposeInto(XT, batchX, n0, size);
    },
    parameters: () => trainedParameters(initial, layers),
    threads: () => threadReport(pool, reason),
    close: () => pool?.close(),
  };
}

type Kernel = (C: Float64Array, A: Float64Array, B: Float64Array, r: number, k: number, c: number, alpha?: number) => void;

/** The first layer's products: against the packed Xᵀ, on the SIMD kernel or two threads when set up. */
function firstLayerProducts(kernel: Kernel, XT: Float64Array | null, pool: GemmPool | null): LayerProducts {
  return {
    forward(Z, W, APrev, n, p, m): void {
      if (!XT) gemmNN(Z, W, APrev, n, p, m);
      else if (pool) pool.gemmNT(0, n, p, m);
      else kernel(Z, W, XT, n, p, m);
    },
    weights(dW, dZ, APrev, n, m, p, s): void {
      if (pool) pool.gemmNT(1, n, m, p, s);
      else kernel(dW, dZ, APrev, n, m, p, s);
    },
  };
}

/** Columns order[start … start + size) of the (rows × cols) source into the (rows × size) batch. */
function gatherColumns(batch: Float64Array, source: Float64Array, rows: number, cols: number, order: Int32Array, start: number, size: number): void {
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < size; j++) batch[i * size + j] = source[i * cols + order[start + j]];
  }
}

function trainedParameters(initial: NetworkParameters, layers: readonly Layer[]): NetworkParameters {
  const parameters: NetworkParameters = { ...initial };
  layers.forEach((layer, i) => {
    parameters[`W${i + 1}`] = new Matrix(layer.n, layer.p, layer.W.slice());
    parameters[`b${i + 1}`] = new Matrix(layer.n, 1, layer.b.slice());
  });
  return parameters;
}

function threadReport(pool: GemmPool | null, reason: string | null): ThreadReport {
  if (!pool) return { used: 1, reason, chunks: 0, helperChunks: 0, helperRequests: 0 };
  const s = pool.stats();
  return { used: 2, reason: null, chunks: s.chunks, helperChunks: s.helperChunks, helperRequests: s.helperRequests };
}
