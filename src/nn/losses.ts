/**
 * Loss functions as a table of data, like activations.ts. Each entry gives the loss of one
 * output unit ℓ(a, y) and its derivative ∂ℓ/∂a; the per-example loss L sums ℓ over the output
 * units (the rows), and the cost J is always the mean of L over the m examples (the columns):
 *
 *   L(i) = Σ_k ℓ(a_k(i), y_k(i)),      J = (1/m) Σ_i L(i).
 *
 * - "cross-entropy": ℓ = −(y log a + (1 − y) log(1 − a)) (binary, one sigmoid unit per label).
 *   With a softmax output the engine uses the categorical form ℓ = −y log a instead (the entry
 *   "categorical-cross-entropy"), which gives dZ = A − Y again.
 * - "squared-error": ℓ = ½ (a − y)², so L = ½‖a − y‖².
 * - "categorical-cross-entropy": ℓ = −y log a (L = −Σ_k y_k log a_k).
 *
 * Terms with y = 0 (or 1 − y = 0) count as 0 even where the log is −∞ (0 · log 0 = 0).
 *
 * Derived in: lesson 01-one-neuron (cross-entropy, squared error), 02-many-examples (J = mean
 * of L), 10-other-losses-l2-and-shapes (categorical cross-entropy with softmax).
 */
import { Matrix, formatShape } from '../core/matrix';
import { entryName } from '../core/finite';
import { OutputActivationName } from './activations';

/** Loss names accepted by the engine. */
export type LossName = 'cross-entropy' | 'squared-error' | 'categorical-cross-entropy';

/** One row of the loss table. */
export interface Loss {
  readonly name: LossName;
  /** ℓ(a, y) for one output unit of one example. */
  readonly forward: (a: number, y: number) => number;
  /** ∂ℓ/∂a for one output unit of one example. */
  readonly derivative: (a: number, y: number) => number;
  /**
   * The output activation whose derivative cancels this loss's, so that ∂L/∂Z = A − Y (the
   * shortcut): sigmoid for cross-entropy, softmax for categorical cross-entropy, the identity
   * for squared error.
   */
  readonly shortcutActivation: OutputActivationName;
  /** Σ ℓ(a, y) over the first `size` entries of two buffers. */
  sum(A: Float64Array, Y: Float64Array, size: number): number;
  /** dA = ∂ℓ/∂a entry by entry over the first `size` entries. */
  gradientInto(dA: Float64Array, A: Float64Array, Y: Float64Array, size: number): void;
  /** TeX of the per-example loss L(a, y) (summed over output units where there are several). */
  readonly tex: string;
  /** TeX of ∂L/∂a. */
  readonly derivativeTex: string;
}

const xlog = (x: number, v: number): number => (x === 0 ? 0 : x * Math.log(v));

/** The buffer loops of a row, spelled out per row for the reason given at `row` in activations.ts. */
type Loops = Pick<Loss, 'sum' | 'gradientInto'>;

function row(
  name: LossName,
  forward: (a: number, y: number) => number,
  derivative: (a: number, y: number) => number,
  shortcutActivation: OutputActivationName,
  loops: Loops,
  tex: string,
  derivativeTex: string,
): Loss {
  return Object.freeze({ name, forward, derivative, shortcutActivation, sum: loops.sum, gradientInto: loops.gradientInto, tex, derivativeTex });
}

// ℓ(a, y) and ∂ℓ/∂a of each row; terms with y = 0 (or 1 − y = 0) count as 0 (0 · log 0 = 0)
const crossEntropy = (a: number, y: number): number => -(xlog(y, a) + xlog(1 - y, 1 - a));
const crossEntropyDa = (a: number, y: number): number => -((y === 0 ? 0 : y / a) - (y === 1 ? 0 : (1 - y) / (1 - a)));
const squaredError = (a: number, y: number): number => 0.5 * (a - y) * (a - y);
const squaredErrorDa = (a: number, y: number): number => a - y;
const categorical = (a: number, y: number): number => -xlog(y, a);
const categoricalDa = (a: number, y: number): number => (y === 0 ? 0 : -y / a);

/**
 * The loss table.
 *
 * Syntax: losses[name].forward(a, y) · losses[name].derivative(a, y) · losses[name].tex
 *         losses[name].sum(A, Y, size) · losses[name].gradientInto(dA, A, Y, size)
 *
 * Examples:
 *   losses['cross-entropy'].forward(0.8, 1);       // 0.2231435513142097  (−log 0.8)
 *   losses['cross-entropy'].derivative(0.8, 1);    // -1.25               (−y/a + (1−y)/(1−a))
 *   losses['squared-error'].forward(3, 1);         // 2                   (½ (a − y)²)
 *   losses['squared-error'].sum(Float64Array.of(1, 3), Float64Array.of(0, 1), 2);   // 2.5
 *
 * See also: getLoss, perExampleLoss, costFromLoss, activations
 *
 * Derived in: lesson 01-one-neuron, 10-other-losses-l2-and-shapes (categorical cross-entropy).
 */
export const losses: Readonly<Record<LossName, Loss>> = Object.freeze({
  'cross-entropy': row('cross-entropy', crossEntropy, crossEntropyDa, 'sigmoid', {
    sum(A, Y, size) { let s = 0; for (let k = 0; k < size; k++) s += crossEntropy(A[k], Y[k]); return s; },
    gradientInto(dA, A, Y, size) { for (let k = 0; k < size; k++) dA[k] = crossEntropyDa(A[k], Y[k]); },
  }, '-\\bigl(y \\log a + (1 - y) \\log(1 - a)\\bigr)', '-\\left(\\frac{y}{a} - \\frac{1 - y}{1 - a}\\right)'),
  'squared-error': row('squared-error', squaredError, squaredErrorDa, 'linear', {
    sum(A, Y, size) { let s = 0; for (let k = 0; k < size; k++) s += squaredError(A[k], Y[k]); return s; },
    gradientInto(dA, A, Y, size) { for (let k = 0; k < size; k++) dA[k] = squaredErrorDa(A[k], Y[k]); },
  }, '\\tfrac{1}{2}\\lVert a - y \\rVert^{2}', 'a - y'),
  'categorical-cross-entropy': row('categorical-cross-entropy', categorical, categoricalDa, 'softmax', {
    sum(A, Y, size) { let s = 0; for (let k = 0; k < size; k++) s += categorical(A[k], Y[k]); return s; },
    gradientInto(dA, A, Y, size) { for (let k = 0; k < size; k++) dA[k] = categoricalDa(A[k], Y[k]); },
  }, '-\\sum_{k} y_{k} \\log a_{k}', '-\\frac{y_{k}}{a_{k}}'),
});

/**
 * The names in the loss table.
 *
 * Syntax: lossNames: readonly LossName[]
 *
 * Example: `lossNames.length; // 3`
 *
 * See also: losses, getLoss
 *
 * Derived in: lesson 06-deep-network §4.2 (any loss).
 */
export const lossNames: readonly LossName[] = Object.freeze([
  'cross-entropy',
  'squared-error',
  'categorical-cross-entropy',
]);

/**
 * Looks up a loss by name; throws `unknown loss "foo" (expected one of: ...)`.
 *
 * Syntax: getLoss(name: string): Loss
 *
 * Examples:
 *   getLoss('squared-error').derivativeTex;   // 'a - y'
 *   getLoss('mse');   // throws: unknown loss "mse" (expected one of: cross-entropy, squared-error, categorical-cross-entropy)
 *
 * See also: losses, resolveLoss
 *
 * Derived in: lesson 01-one-neuron (cross-entropy and squared error).
 */
export function getLoss(name: string): Loss {
  const known = lossNames.find((n) => n === name);
  if (known) return losses[known];
  throw new RangeError(`unknown loss ${JSON.stringify(name)} (expected one of: ${lossNames.join(', ')})`);
}

/** Names up to three entries of Y for which `bad` holds, and how many there are. */
function entriesWhere(Y: Matrix, name: string, bad: (y: number) => boolean): string | null {
  const found: string[] = [];
  let count = 0;
  for (let k = 0; k < Y.data.length; k++) {
    if (!bad(Y.data[k])) continue;
    if (found.length < 3) found.push(`${entryName(name, k, Y.cols)} = ${Y.data[k]}`);
    count++;
  }
  return count === 0 ? null : `${found.join(', ')}${count > 3 ? ', …' : ''} (${count} of ${Y.data.length} entries)`;
}

/** Labels outside [0, 1], named. */
const outsideUnit = (Y: Matrix, name: string): string | null => {
  const bad = entriesWhere(Y, name, (y) => !(y >= 0 && y <= 1));
  return bad && `cross-entropy needs labels in [0, 1]: ${bad}`;
};

/**
 * What each loss asks of the labels, as data: a rule per loss that returns the problem with Y, or
 * null. Finiteness is checked before (every loss needs finite labels).
 */
const labelRules: Readonly<Record<LossName, (Y: Matrix, name: string) => string | null>> = Object.freeze({
  'cross-entropy': outsideUnit,
  'squared-error': () => null,
  'categorical-cross-entropy': (Y: Matrix, name: string) => {
    const unit = outsideUnit(Y, name);
    if (unit) return `categorical ${unit}`;
    for (let j = 0; j < Y.cols; j++) {
      let s = 0;
      for (let i = 0; i < Y.rows; i++) s += Y.data[i * Y.cols + j];
      if (Math.abs(s - 1) > 1e-9 * Y.rows) {
        return `categorical cross-entropy after a softmax compares probability columns: the columns of ${name} must sum to 1: column ${j} sums to ${s}`;
      }
    }
    return null;
  },
});

/**
 * Checks that the labels Y suit the loss: in [0, 1] for cross-entropy (binary: one sigmoid unit
 * per label), columns summing to 1 for categorical cross-entropy after a softmax, any finite value
 * for squared error. Throws a RangeError naming the first entries (or the column) that do not.
 *
 * Syntax: checkLabels(loss: string | Loss, Y: Matrix, name = "Y"): void
 *
 * Examples:
 *   checkLabels('cross-entropy', Matrix.row([0, 1, 0.3]));   // passes (soft labels are labels too)
 *   checkLabels('cross-entropy', Matrix.row([-1, 1]));       // throws: cross-entropy needs labels in [0, 1]: Y[0][0] = -1 (1 of 2 entries)
 *
 * See also: losses, networkSpec, computeCost
 *
 * Derived in: lesson 01-one-neuron (y is 0 or 1), 10-other-losses-l2-and-shapes (one-hot columns for softmax).
 */
export function checkLabels(loss: string | Loss, Y: Matrix, name = 'Y'): void {
  const l = typeof loss === 'string' ? getLoss(loss) : loss;
  const problem = labelRules[l.name](Y, name);
  if (problem) throw new RangeError(problem);
}

/**
 * The loss the engine actually uses for an output activation: "cross-entropy" after a softmax
 * becomes "categorical-cross-entropy"; everything else is itself.
 *
 * Syntax: resolveLoss(name: string, outputActivation: string): Loss
 *
 * Examples:
 *   resolveLoss('cross-entropy', 'softmax').name;   // 'categorical-cross-entropy'
 *   resolveLoss('cross-entropy', 'sigmoid').name;   // 'cross-entropy'
 *
 * See also: getLoss, networkSpec
 *
 * Derived in: lesson 10-other-losses-l2-and-shapes (softmax with categorical cross-entropy).
 */
export function resolveLoss(name: string, outputActivation: string): Loss {
  const loss = getLoss(name);
  if (loss.name === 'cross-entropy' && outputActivation === 'softmax') return losses['categorical-cross-entropy'];
  return loss;
}

function checkSame(what: string, A: Matrix, Y: Matrix): void {
  if (A.rows !== Y.rows || A.cols !== Y.cols) {
    throw new RangeError(
      `${what}: A has shape ${formatShape(A.rows, A.cols)} but Y has shape ${formatShape(Y.rows, Y.cols)}`,
    );
  }
}

/**
 * The per-example losses as a row (1, m): L(i) = Σ_k ℓ(a_k(i), y_k(i)).
 *
 * Syntax: perExampleLoss(loss: LossName | Loss, A, Y): Matrix
 *
 * Example: `perExampleLoss('squared-error', Matrix.from([[1, 3]]), Matrix.from([[0, 1]])).toArray(); // [[0.5, 2]]`
 *
 * See also: costFromLoss, lossGradient
 *
 * Derived in: lesson 02-many-examples (L is one number per example).
 */
export function perExampleLoss(loss: string | Loss, A: Matrix, Y: Matrix): Matrix {
  const l = typeof loss === 'string' ? getLoss(loss) : loss;
  checkSame('perExampleLoss', A, Y);
  const out = new Matrix(1, A.cols);
  const c = A.cols;
  for (let i = 0; i < A.rows; i++) {
    for (let j = 0; j < c; j++) out.data[j] += l.forward(A.data[i * c + j], Y.data[i * c + j]);
  }
  return out;
}

/**
 * The cost J = (1/m) Σ_i L(i), the mean of the per-example losses.
 *
 * Syntax: costFromLoss(loss, A, Y): number
 *
 * Example: `costFromLoss('cross-entropy', Matrix.from([[0.8, 0.9, 0.4]]), Matrix.from([[1, 1, 0]])); // 0.2797765635793422`
 *
 * See also: perExampleLoss, computeCost (the course's name, cross-entropy only)
 *
 * Derived in: lesson 02-many-examples (J is the mean of L).
 */
export function costFromLoss(loss: string | Loss, A: Matrix, Y: Matrix): number {
  return perExampleLoss(loss, A, Y).sumAll() / A.cols;
}

/**
 * ∂L/∂A entry by entry (n, m): column i is the derivative of the per-example loss L(i).
 * It carries no 1/m: divide by m for ∂J/∂A.
 *
 * Syntax: lossGradient(loss, A, Y): Matrix
 *
 * Example: `lossGradient('squared-error', Matrix.from([[1, 3]]), Matrix.from([[0, 1]])).toArray(); // [[1, 2]]`
 *
 * See also: perExampleLoss, backprop
 *
 * Derived in: lesson 01-one-neuron (∂L/∂a), 03-where-does-1-over-m-go (no 1/m in it).
 */
export function lossGradient(loss: string | Loss, A: Matrix, Y: Matrix): Matrix {
  const l = typeof loss === 'string' ? getLoss(loss) : loss;
  checkSame('lossGradient', A, Y);
  const out = new Matrix(A.rows, A.cols);
  l.gradientInto(out.data, A.data, Y.data, A.size);
  return out;
}
