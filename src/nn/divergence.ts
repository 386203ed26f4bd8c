/**
 * What train reports when a value stops being finite: the iteration, the layer and the quantity
 * (Z, A, the cost, dZ, dW, db, or W and b after an update) where the first NaN or ±Infinity appeared,
 * and a likely cause only when that cause was checked:
 *
 *   the input            max |X| is so large that W X overflows (checked: max |X| ≥ 1e100)
 *   the initial weights  at iteration 0, max |W| is that large
 *   saturation           an output a is exactly 0 or 1 where the label differs, so log(0) enters
 *   the learning rate    after at least one update, max |W| has grown at least tenfold
 *
 * The learning rate is never blamed at iteration 0, before it has acted.
 *
 * Derived in: lesson 09-mini-batches-and-reduction (a summed loss at the mean loss's learning rate).
 */
import { entryName, firstNonFinite } from '../core/finite';
import { Layer } from './layer';
import { Loss } from './losses';

/** Where a non-finite value can first appear in a training step. */
export type Quantity = 'Z' | 'A' | 'cost' | 'dZ' | 'dW' | 'db' | 'W' | 'b';

/** The first value of a computation that is not finite, and its likely cause when one was checked. */
export interface NonFinite {
  layer: number;
  quantity: Quantity;
  /** For example `Z2[0][3] = Infinity first`, or `the cost is Infinity`. */
  where: string;
  cause: string | null;
}

/** `; likely cause: …`, or what was checked when no cause was found. */
function causeText(cause: string | null): string {
  return cause ? `; likely cause: ${cause}` : '; no likely cause found among those checked (the input, the initial weights, saturation, the learning rate)';
}

/**
 * The error of a computation with finite inputs that produced NaN or ±Infinity (backprop and the
 * course functions throw it): names the caller, the layer, the quantity and the first bad entry.
 *
 * Syntax: new NonFiniteError(caller, found) · error.layer · error.quantity · error.where · error.likelyCause
 *
 * Example: `backprop(X, Y, saturated, opts); // throws: backprop: the cost is Infinity (layer 2, cost); likely cause: saturation: A2[0][1] = 1 exactly with label 0 …`
 *
 * See also: DivergenceError, findNonFinite
 *
 * Derived in: lesson 09-mini-batches-and-reduction (a summed loss at the mean loss's learning rate).
 */
export class NonFiniteError extends RangeError {
  readonly layer: number;
  readonly quantity: Quantity;
  readonly where: string;
  readonly likelyCause: string | null;
  constructor(caller: string, found: NonFinite, message?: string) {
    super(message ?? `${caller}: ${found.where} (layer ${found.layer}, ${found.quantity})${causeText(found.cause)}`);
    this.name = 'NonFiniteError';
    this.layer = found.layer;
    this.quantity = found.quantity;
    this.where = found.where;
    this.likelyCause = found.cause;
  }

  /** What was found, to report it again under another caller's name. */
  get found(): NonFinite {
    return { layer: this.layer, quantity: this.quantity, where: this.where, cause: this.likelyCause };
  }
}

/**
 * The error train throws when training stops being finite: a NonFiniteError that also names the
 * iteration and the learning rate.
 *
 * Syntax: error.iteration · error.layer · error.quantity · error.learningRate · error.likelyCause
 *
 * Example:
 *   train(X, Y, { ...opts, learningRate: 10 });
 *   // throws: training diverged at iteration 12: Z2[0][3] = Infinity first (layer 2, Z); likely cause: the learning rate 10 is too large (max |W| grew from 0.81 to 3.2e+154 in 12 updates)
 *
 * See also: train, NonFiniteError, gradientDescent
 *
 * Derived in: lesson 09-mini-batches-and-reduction (a summed loss at the mean loss's learning rate).
 */
export class DivergenceError extends NonFiniteError {
  readonly iteration: number;
  readonly learningRate: number;
  constructor(found: NonFinite, iteration: number, learningRate: number) {
    super('train', found, `training diverged at iteration ${iteration}: ${found.where} (layer ${found.layer}, ${found.quantity})${causeText(found.cause)}`);
    this.name = 'DivergenceError';
    this.iteration = iteration;
    this.learningRate = learningRate;
  }
}

/** Largest |x| over a buffer. */
function maxAbs(data: Float64Array): number {
  let best = 0;
  for (let k = 0; k < data.length; k++) best = Math.max(best, Math.abs(data[k]));
  return best;
}

/**
 * Largest |w| over every weight matrix of the layers.
 *
 * Syntax: maxWeight(layers): number
 *
 * Example: `maxWeight(trainer.layers); // 0.93 for small initial weights`
 *
 * See also: diagnoseDivergence
 *
 * Derived in: lesson 09-mini-batches-and-reduction (a summed loss at the mean loss's learning rate).
 */
export function maxWeight(layers: readonly Layer[]): number {
  return Math.max(...layers.map((layer) => maxAbs(layer.W)));
}

/**
 * True when every Z of a forward pass over m examples is finite (a saturating g can hide an
 * infinite Z in a finite A, so Z is what is checked; A = g(Z) is finite for finite Z).
 *
 * Syntax: forwardFinite(layers, m): boolean
 *
 * Example: `forwardFinite(layers, m); // false when W1 X overflowed into Z1`
 *
 * See also: gradientsFinite, diagnoseDivergence
 *
 * Derived in: lesson 09-mini-batches-and-reduction (a summed loss at the mean loss's learning rate).
 */
export function forwardFinite(layers: readonly Layer[], m: number): boolean {
  for (const layer of layers) if (firstNonFinite(layer.Z, layer.n * m) >= 0) return false;
  return true;
}

/**
 * True when every W and b is finite (checked after each update).
 *
 * Syntax: parametersFinite(layers): boolean
 *
 * Example: `parametersFinite(layers); // false after an update that overflowed a weight`
 *
 * See also: forwardFinite, gradientsFinite
 *
 * Derived in: lesson 09-mini-batches-and-reduction (a summed loss at the mean loss's learning rate).
 */
export function parametersFinite(layers: readonly Layer[]): boolean {
  for (const layer of layers) if (firstNonFinite(layer.W) >= 0 || firstNonFinite(layer.b) >= 0) return false;
  return true;
}

/**
 * True when every dW and db of a backward pass is finite (db = s Σ dZ is non-finite whenever a dZ
 * is, so dZ needs no scan of its own).
 *
 * Syntax: gradientsFinite(layers): boolean
 *
 * Example: `gradientsFinite(layers); // false when a dZ, and so its db, holds NaN`
 *
 * See also: forwardFinite, diagnoseDivergence
 *
 * Derived in: lesson 09-mini-batches-and-reduction (a summed loss at the mean loss's learning rate).
 */
export function gradientsFinite(layers: readonly Layer[]): boolean {
  for (const layer of layers) if (firstNonFinite(layer.dW) >= 0 || firstNonFinite(layer.db) >= 0) return false;
  return true;
}

/** What the diagnosis needs to know about the step that failed. */
export interface StepState {
  layers: readonly Layer[];
  X: Float64Array;
  Y: Float64Array;
  m: number;
  loss: Loss;
  iteration: number;
  /** Updates taken before this step. */
  updates: number;
  learningRate: number;
  /** max |W| before the first update. */
  startMaxW: number;
}

/**
 * The first non-finite value of the step, in the order it was computed: Z and A layer by layer,
 * then dZ, dW, db from the output down, then W and b (written by the update). A failure found
 * before the update sees finite dZ, dW, db, W, b from the previous step, so the order holds there too.
 */
function firstBad(s: StepState): { layer: number; quantity: Quantity; where: string } | null {
  const { layers, m } = s;
  const find = (name: string, data: Float64Array, rows: number, cols: number, layer: number, quantity: Quantity) => {
    const k = firstNonFinite(data, rows * cols);
    return k < 0 ? null : { layer, quantity, where: `${entryName(name, k, cols)} = ${data[k]} first` };
  };
  for (const [i, layer] of layers.entries()) {
    const l = i + 1;
    const found = find(`Z${l}`, layer.Z, layer.n, m, l, 'Z') ?? find(`A${l}`, layer.A, layer.n, m, l, 'A');
    if (found) return found;
  }
  for (let i = layers.length - 1; i >= 0; i--) {
    const layer = layers[i];
    const l = i + 1;
    const found = find(`dZ${l}`, layer.dZ, layer.n, m, l, 'dZ') ?? find(`dW${l}`, layer.dW, layer.n, layer.p, l, 'dW') ?? find(`db${l}`, layer.db, layer.n, 1, l, 'db');
    if (found) return found;
  }
  for (const [i, layer] of layers.entries()) {
    const l = i + 1;
    const found = find(`W${l}`, layer.W, layer.n, layer.p, l, 'W') ?? find(`b${l}`, layer.b, layer.n, 1, l, 'b');
    if (found) return found;
  }
  return null;
}

/** An output exactly 0 or 1 where the label differs: log(0) in the cost, a division by 0 in dA. */
function saturation(s: StepState): string | null {
  const out = s.layers[s.layers.length - 1];
  const cols = s.m;
  for (let k = 0; k < out.n * cols; k++) {
    const [a, y] = [out.A[k], s.Y[k]];
    if ((a === 1 && y !== 1) || (a === 0 && y !== 0)) {
      const L = s.layers.length;
      return `saturation: ${entryName(`A${L}`, k, cols)} = ${a} exactly with label ${y} (z = ${out.Z[k].toPrecision(4)}), so a log of 0 enters the ${s.loss.name} loss`;
    }
  }
  return null;
}

/** The likely cause, among those that were checked. */
function likelyCause(s: StepState, quantity: Quantity, layer: number): string | null {
  const nowW = maxWeight(s.layers);
  if (s.updates > 0 && !(nowW < 10 * s.startMaxW)) {
    return `the learning rate ${s.learningRate} is too large (max |W| grew from ${s.startMaxW.toPrecision(3)} to ${nowW.toPrecision(3)} in ${s.updates} update${s.updates === 1 ? '' : 's'})`;
  }
  if (layer === 1 && (quantity === 'Z' || quantity === 'A' || quantity === 'dW')) {
    const maxX = maxAbs(s.X.subarray(0, s.layers[0].p * s.m));
    if (maxX >= 1e100) return `the input: max |X| is ${maxX.toPrecision(3).replace(/\.?0+e/, 'e')} (W1 X overflows)`;
  }
  if (s.updates === 0 && nowW >= 1e100) return `the initial weights: max |W| is ${nowW.toPrecision(3)}`;
  if (quantity === 'cost' || (quantity === 'dZ' && layer === s.layers.length)) return saturation(s);
  return null;
}

/**
 * The DivergenceError for a step whose cost, Z, dW or db is not finite: finds the first non-finite
 * value in the order the step computed it and checks the likely causes.
 *
 * Syntax: diagnoseDivergence(state: StepState, cost: number): DivergenceError
 *
 * Example: `throw diagnoseDivergence(state, cost); // training diverged at iteration 0: the cost is Infinity (layer 2, cost); likely cause: saturation: …`
 *
 * See also: DivergenceError, train
 *
 * Derived in: lesson 09-mini-batches-and-reduction (a summed loss at the mean loss's learning rate).
 */
export function diagnoseDivergence(s: StepState, cost: number): DivergenceError {
  return new DivergenceError(findNonFinite(s, cost), s.iteration, s.learningRate);
}

/**
 * The first value of a step that is not finite, in the order the step computed it (W and b, then
 * Z and A layer by layer, the cost, then dZ, dW, db from the output down), and its likely cause
 * among those checked.
 *
 * Syntax: findNonFinite(state: StepState, cost: number) → { layer, quantity, where, cause }
 *
 * Example: `findNonFinite(state, Infinity).where; // 'the cost is Infinity' when every Z, A is finite`
 *
 * See also: diagnoseDivergence, backprop
 *
 * Derived in: lesson 09-mini-batches-and-reduction (a summed loss at the mean loss's learning rate).
 */
export function findNonFinite(s: StepState, cost: number): NonFinite {
  const L = s.layers.length;
  const bad = firstBad(s) ?? { layer: L, quantity: 'cost' as const, where: `the cost is ${cost}` };
  const { layer, quantity } = bad;
  const where = quantity === 'W' || quantity === 'b' ? `${bad.where} (made by the update)` : bad.where;
  return { layer, quantity, where, cause: likelyCause(s, quantity, layer) };
}
