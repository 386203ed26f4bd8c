/**
 * Shapes and the checks behind Matrix: numpy's printed shape, its broadcasting rule for two
 * dimensions (with the keepdims trap refused), the validation of nested arrays, and numpy's text.
 *
 * Derived in: lesson 02-many-examples (shapes), 10-other-losses-l2-and-shapes (the keepdims trap).
 */

/** A matrix shape, `[rows, cols]`. */
export type Shape = [number, number];

/**
 * Formats a shape the way numpy prints a tuple.
 *
 * Syntax: formatShape(rows: number, cols: number): string
 *
 * Example: `formatShape(2, 3); // '(2, 3)'`
 *
 * See also: Matrix.shape, numpyShape
 *
 * Used in: every shape error of the lessons (lesson 10-other-losses-l2-and-shapes shows several).
 */
export function formatShape(rows: number, cols: number): string {
  return `(${rows}, ${cols})`;
}

/**
 * Throws unless value is a non-negative integer, naming the dimension.
 *
 * Syntax: checkDimension(name: string, value: number): void
 *
 * Example: `checkDimension('rows', 2.5); // throws: Matrix: rows must be a non-negative integer, got 2.5`
 *
 * See also: Matrix (constructor)
 *
 * Used in: lesson 02-many-examples (every Matrix).
 */
export function checkDimension(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 0) {
    throw new RangeError(`Matrix: ${name} must be a non-negative integer, got ${String(value)}`);
  }
}

/**
 * A short description of a value for an error message: a number, a quoted string, or its type.
 *
 * Syntax: describe(value: unknown): string
 *
 * Examples:
 *   describe('2');        // '"2"'
 *   describe([1]);        // 'an array'
 *
 * See also: parseRows
 *
 * Used in: the errors of Matrix.from (lesson 02-many-examples).
 */
export function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') return String(value);
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value;
}

/**
 * Broadcast shape of two operands under numpy's rule (each dimension equal, or one of them 1).
 * Throws numpy's message when they are not compatible.
 *
 * Syntax: broadcastShape(a: { rows, cols }, b: { rows, cols }): Shape
 *
 * Examples:
 *   broadcastShape(Matrix.zeros(4, 3), Matrix.zeros(1, 3));   // [4, 3]
 *   broadcastShape(Matrix.zeros(4, 3), Matrix.zeros(4, 2));   // throws: operands could not be broadcast together with shapes (4, 3) (4, 2)
 *
 * See also: broadcastData, numpyBroadcastShape (any rank)
 *
 * Derived in: lesson 10-other-losses-l2-and-shapes (the keepdims trap).
 */
export function broadcastShape(a: { rows: number; cols: number }, b: { rows: number; cols: number }): Shape {
  const rows = a.rows === b.rows ? a.rows : a.rows === 1 ? b.rows : b.rows === 1 ? a.rows : -1;
  const cols = a.cols === b.cols ? a.cols : a.cols === 1 ? b.cols : b.cols === 1 ? a.cols : -1;
  if (rows < 0 || cols < 0) {
    throw new RangeError(
      `operands could not be broadcast together with shapes ${formatShape(a.rows, a.cols)} ${formatShape(b.rows, b.cols)}`,
    );
  }
  return [rows, cols];
}

/** The raw operands of an element-wise operation: a matrix's shape and entries. */
export interface Operand {
  readonly rows: number;
  readonly cols: number;
  readonly data: Float64Array;
}

/**
 * op applied entry by entry to a and b (or a and a number) under numpy's broadcasting rule, with
 * one difference: only one operand may stretch. A column (n, 1) against a row (1, k) would
 * silently become an (n, k) table in numpy (the keepdims trap of lesson 10): it is refused, naming
 * both shapes.
 *
 * Syntax: broadcastData(a, b | k, op) → { rows, cols, data }
 *
 * Example: `broadcastData(Matrix.row([1, 2]), 1, (x, y) => x + y).data; // Float64Array [2, 3]`
 *
 * See also: Matrix.add, broadcastShape
 *
 * Derived in: lesson 10-other-losses-l2-and-shapes (the keepdims trap).
 */
export function broadcastData(a: Operand, b: Operand | number, op: (x: number, y: number) => number): Operand {
  if (typeof b === 'number') {
    const data = new Float64Array(a.data.length);
    for (let k = 0; k < data.length; k++) data[k] = op(a.data[k], b);
    return { rows: a.rows, cols: a.cols, data };
  }
  const [rows, cols] = broadcastShape(a, b);
  const stretchesA = a.rows !== rows || a.cols !== cols;
  const stretchesB = b.rows !== rows || b.cols !== cols;
  if (stretchesA && stretchesB) {
    throw new RangeError(
      `operands could not be broadcast together with shapes ${formatShape(a.rows, a.cols)} ${formatShape(b.rows, b.cols)}: ` +
        `both would have to stretch (numpy silently gives ${formatShape(rows, cols)}, the keepdims trap); ` +
        'keep column vectors (n, 1) with sumRows(), or use dot() for an outer product',
    );
  }
  const data = new Float64Array(rows * cols);
  const ar = a.rows === 1 ? 0 : a.cols;
  const ac = a.cols === 1 ? 0 : 1;
  const br = b.rows === 1 ? 0 : b.cols;
  const bc = b.cols === 1 ? 0 : 1;
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) data[i * cols + j] = op(a.data[i * ar + j * ac], b.data[i * br + j * bc]);
  }
  return { rows, cols, data };
}

/**
 * The shape and entries of nested arrays, one inner array per row, as Matrix.from reads them.
 * Rejects ragged rows (naming the row and both lengths) and entries that are not numbers, such as
 * strings or NaN (naming the position).
 *
 * Syntax: parseRows(rows: number[][]) → { r, c, data }
 *
 * Example: `parseRows([[1, 2], [3]]); // throws: Matrix.from: ragged rows: row 1 has 1 entries, row 0 has 2`
 *
 * See also: Matrix.from
 *
 * Used in: lesson 02-many-examples (matrices from nested arrays).
 */
export function parseRows(rows: readonly (readonly number[])[]): { r: number; c: number; data: Float64Array } {
  if (!Array.isArray(rows)) {
    throw new TypeError(`Matrix.from: expected an array of rows, got ${describe(rows)}`);
  }
  const r = rows.length;
  if (r === 0) return { r: 0, c: 0, data: new Float64Array(0) };
  const first: unknown = rows[0];
  if (!Array.isArray(first)) {
    throw new TypeError(`Matrix.from: row 0 is not an array (got ${describe(first)})`);
  }
  const c = first.length;
  const data = new Float64Array(r * c);
  for (let i = 0; i < r; i++) {
    const row: unknown = rows[i];
    if (!Array.isArray(row)) {
      throw new TypeError(`Matrix.from: row ${i} is not an array (got ${describe(row)})`);
    }
    if (row.length !== c) {
      throw new RangeError(`Matrix.from: ragged rows: row ${i} has ${row.length} entries, row 0 has ${c}`);
    }
    for (let j = 0; j < c; j++) {
      const v: unknown = row[j];
      if (typeof v !== 'number') {
        throw new TypeError(`Matrix.from: entry [${i}][${j}] is not a number (got ${describe(v)})`);
      }
      if (Number.isNaN(v)) throw new TypeError(`Matrix.from: entry [${i}][${j}] is NaN`);
      data[i * c + j] = v;
    }
  }
  return { r, c, data };
}

/**
 * The entries of a flat array as a new Float64Array, refusing what is not a number and NaN as
 * Matrix.from does (the checked form of `new Matrix(rows, cols, data)`).
 *
 * Syntax: parseEntries(values: readonly number[]): Float64Array
 *
 * Examples:
 *   parseEntries([1, 2]);     // Float64Array [1, 2]
 *   parseEntries([1, NaN]);   // throws: Matrix: entry 1 of data is NaN
 *
 * See also: parseRows, Matrix
 *
 * Used in: lesson 02-many-examples (matrices from arrays).
 */
export function parseEntries(values: readonly number[]): Float64Array {
  const out = new Float64Array(values.length);
  for (let k = 0; k < values.length; k++) {
    const v: unknown = values[k];
    if (typeof v !== 'number') throw new TypeError(`Matrix: entry ${k} of data is not a number (got ${describe(v)})`);
    if (Number.isNaN(v)) throw new TypeError(`Matrix: entry ${k} of data is NaN`);
    out[k] = v;
  }
  return out;
}

/**
 * numpy-like text of a matrix, 8 decimals, columns aligned.
 *
 * Syntax: numpyText({ rows, cols, data }): string
 *
 * Example: `numpyText(Matrix.from([[1, 0.5]])); // '[[ 1. 0.5]]'`
 *
 * See also: Matrix.toString
 *
 * Used in: lesson 02-many-examples (matrices printed as numpy prints them).
 */
export function numpyText(a: Operand): string {
  const cells = Array.from(a.data, (v) => {
    if (Number.isInteger(v) && Math.abs(v) < 1e16) return `${v}.`;
    return v.toFixed(8).replace(/0+$/, '');
  });
  const width = cells.reduce((w, s) => Math.max(w, s.length), 0);
  const lines: string[] = [];
  for (let i = 0; i < a.rows; i++) {
    const row = cells.slice(i * a.cols, (i + 1) * a.cols).map((s) => s.padStart(width));
    lines.push(`${i === 0 ? '[[' : ' ['}${row.join(' ')}]${i === a.rows - 1 ? ']' : ''}`);
  }
  return lines.length ? lines.join('\n') : '[]';
}
