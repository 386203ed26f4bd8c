/**
 * Finite in, finite out: the checks that refuse NaN and ±Infinity where a number must be finite,
 * naming the matrix and its first bad entry, so a learner sees `X[1][2] is NaN` instead of a
 * network that trains on garbage.
 *
 * Derived in: lesson 02-many-examples (X, Y and the parameters are matrices of numbers).
 */

/** Anything with a shape and row-major entries (a Matrix). */
export interface Entries {
  readonly rows: number;
  readonly cols: number;
  readonly data: Float64Array;
}

/**
 * The index of the first entry among the first `size` of `data` that is NaN or ±Infinity, or −1.
 *
 * Syntax: firstNonFinite(data: Float64Array, size = data.length): number
 *
 * Examples:
 *   firstNonFinite(Float64Array.of(1, NaN, Infinity));   // 1
 *   firstNonFinite(Float64Array.of(1, 2));               // -1
 *
 * See also: checkFinite
 *
 * Used in: every lesson (the inputs of backprop and train are checked with it).
 */
export function firstNonFinite(data: Float64Array, size = data.length): number {
  for (let k = 0; k < size; k++) {
    // x − x is 0 for every finite x, NaN for NaN and ±Infinity: one subtraction per entry
    if (data[k] - data[k] !== 0) return k;
  }
  return -1;
}

/**
 * The name of entry k of a matrix with `cols` columns, as a learner indexes it: `X[1][2]`.
 *
 * Syntax: entryName(name: string, k: number, cols: number): string
 *
 * Example: `entryName('W1', 5, 3); // 'W1[1][2]'`
 *
 * See also: checkFinite
 *
 * Used in: every error that names an entry (a NaN in X, an infinite weight, the first non-finite Z of a divergence).
 */
export function entryName(name: string, k: number, cols: number): string {
  return `${name}[${Math.floor(k / cols)}][${k % cols}]`;
}

/**
 * Throws a RangeError naming the first entry of M that is NaN or ±Infinity.
 *
 * Syntax: checkFinite(name: string, M: { rows, cols, data }, caller?: string): void
 *
 * Examples:
 *   checkFinite('X', Matrix.from([[1, 2], [3, 4]]));        // passes
 *   checkFinite('X', Matrix.from([[1, Infinity]]), 'train');   // throws: train: X[0][1] is Infinity: every entry of X must be a finite number
 *
 * See also: firstNonFinite, checkFiniteNumber
 *
 * Used in: every lesson (the inputs of backprop and train are checked with it).
 */
export function checkFinite(name: string, M: Entries, caller?: string): void {
  const k = firstNonFinite(M.data, M.rows * M.cols);
  if (k < 0) return;
  throw new RangeError(`${caller ? `${caller}: ` : ''}${entryName(name, k, M.cols)} is ${String(M.data[k])}: every entry of ${name} must be a finite number`);
}

/**
 * Throws a RangeError unless v is a finite number, naming it.
 *
 * Syntax: checkFiniteNumber(name: string, v: unknown, caller?: string): number
 *
 * Examples:
 *   checkFiniteNumber('learningRate', 0.1);               // 0.1
 *   checkFiniteNumber('learningRate', NaN, 'optimize');   // throws: optimize: learningRate must be a finite number, got NaN
 *
 * See also: checkFinite
 *
 * Used in: lessons 02 and 05 (the course's learning rates).
 */
export function checkFiniteNumber(name: string, v: unknown, caller?: string): number {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  const got = typeof v === 'string' ? JSON.stringify(v) : String(v);
  throw new RangeError(`${caller ? `${caller}: ` : ''}${name} must be a finite number, got ${got}`);
}
