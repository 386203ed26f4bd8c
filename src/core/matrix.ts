/**
 * Dense float64 matrices, stored row-major in one Float64Array.
 *
 * The lessons write every equation with this class: `W.dot(A).addColumn(b)` is Z = W A + b.
 * Shapes follow the course: examples are columns, so X is (n_x, m) and b is (n, 1).
 * Errors are worded as numpy words them, so a learner recognises them.
 *
 * Derived in: lesson 02-many-examples (vectorising over the m examples).
 */
import { gemmNN } from './kernels';
import { Shape, broadcastData, checkDimension, describe, formatShape, numpyText, parseEntries, parseRows } from './shape';

export { Shape, formatShape, broadcastShape } from './shape';

/**
 * A dense float64 matrix, row-major: entry (i, j) is `data[i * cols + j]`.
 *
 * Syntax:
 *   new Matrix(rows, cols)            // zeros
 *   new Matrix(rows, cols, number[])  // copied and checked as Matrix.from checks: numbers, no NaN
 *   new Matrix(rows, cols, data)      // data: Float64Array, shared, not copied and NOT checked
 *   Matrix.from([[1, 2], [3, 4]])
 *
 * The Float64Array form is the module's unchecked fast path: it wraps a buffer that the module
 * computed (a layer's Z, a gradient) without a copy or a scan, NaN included. Lessons build
 * matrices with Matrix.from, Matrix.zeros and friends, which check their input.
 *
 * Examples:
 *   const W = Matrix.from([[1, 2], [3, 4]]);
 *   W.dot(Matrix.column([1, 1])).toArray();   // [[3], [7]]
 *   W.shape;                                   // [2, 2]
 *   new Matrix(1, 2, [1, NaN]);                // throws: Matrix: entry 1 of data is NaN
 *
 * See also: Matrix.from, Matrix.dot, Matrix.addColumn, Matrix.sumRows
 *
 * Derived in: lesson 02-many-examples.
 */
export class Matrix {
  readonly rows: number;
  readonly cols: number;
  /** Row-major entries; entry (i, j) is `data[i * cols + j]`. */
  readonly data: Float64Array;

  constructor(rows: number, cols: number, data?: Float64Array | readonly number[]) {
    checkDimension('rows', rows);
    checkDimension('cols', cols);
    this.rows = rows;
    this.cols = cols;
    if (data === undefined) {
      this.data = new Float64Array(rows * cols);
      return;
    }
    if (data.length !== rows * cols) {
      throw new RangeError(`Matrix: data has ${data.length} entries but shape ${formatShape(rows, cols)} needs ${rows * cols}`);
    }
    this.data = data instanceof Float64Array ? data : parseEntries(data);
  }

  /**
   * A matrix from nested arrays, one inner array per row. Rejects ragged rows (naming the row
   * and both lengths) and entries that are not finite-or-infinite numbers, such as strings or
   * NaN (naming the position).
   *
   * Syntax: Matrix.from(rows: number[][]): Matrix
   *
   * Examples:
   *   Matrix.from([[1, 2, 3]]).shape;   // [1, 3]
   *   Matrix.from([[1, 2], [3]]);       // throws: ragged rows: row 1 has 1 entries, row 0 has 2
   *   Matrix.from([[1, NaN]]);          // throws: entry [0][1] is NaN
   *
   * See also: Matrix.toArray, Matrix.column, Matrix.row
   */
  static from(rows: readonly (readonly number[])[]): Matrix {
    const { r, c, data } = parseRows(rows);
    return new Matrix(r, c, data);
  }

  /** A (rows, cols) matrix of zeros. Example: `Matrix.zeros(2, 1).toArray(); // [[0], [0]]` */
  static zeros(rows: number, cols: number): Matrix {
    return new Matrix(rows, cols);
  }

  /** A (rows, cols) matrix filled with v. Example: `Matrix.full(1, 2, 7).toArray(); // [[7, 7]]` */
  static full(rows: number, cols: number, v: number): Matrix {
    const m = new Matrix(rows, cols);
    m.data.fill(v);
    return m;
  }

  /** A column vector (n, 1). Example: `Matrix.column([1, 2]).shape; // [2, 1]` */
  static column(values: readonly number[]): Matrix {
    return Matrix.from(values.map((v) => [v]));
  }

  /** A row vector (1, n). Example: `Matrix.row([1, 2]).shape; // [1, 2]` */
  static row(values: readonly number[]): Matrix {
    return Matrix.from([values.slice()]);
  }

  /** The identity (n, n). Example: `Matrix.identity(2).toArray(); // [[1, 0], [0, 1]]` */
  static identity(n: number): Matrix {
    const m = new Matrix(n, n);
    for (let i = 0; i < n; i++) m.data[i * n + i] = 1;
    return m;
  }

  /** Nested arrays, one per row. Example: `Matrix.column([1, 2]).toArray(); // [[1], [2]]` */
  toArray(): number[][] {
    const out: number[][] = [];
    for (let i = 0; i < this.rows; i++) {
      out.push(Array.from(this.data.subarray(i * this.cols, (i + 1) * this.cols)));
    }
    return out;
  }

  /** `[rows, cols]`, like numpy's `.shape`. */
  get shape(): Shape {
    return [this.rows, this.cols];
  }

  /** Number of entries, rows * cols. */
  get size(): number {
    return this.rows * this.cols;
  }

  private checkIndex(i: number, j: number): number {
    if (!Number.isInteger(i) || !Number.isInteger(j) || i < 0 || j < 0 || i >= this.rows || j >= this.cols) {
      throw new RangeError(
        `index (${i}, ${j}) is out of bounds for shape ${formatShape(this.rows, this.cols)}`,
      );
    }
    return i * this.cols + j;
  }

  /** Entry (i, j). Example: `Matrix.from([[1, 2]]).get(0, 1); // 2` */
  get(i: number, j: number): number {
    return this.data[this.checkIndex(i, j)];
  }

  /** Sets entry (i, j) in place and returns this. */
  set(i: number, j: number, v: number): this {
    this.data[this.checkIndex(i, j)] = v;
    return this;
  }

  /**
   * Matrix product A·B, (r, k)·(k, c) → (r, c).
   *
   * Syntax: A.dot(B)
   *
   * Examples:
   *   Matrix.from([[1, 2]]).dot(Matrix.column([3, 4])).toArray();  // [[11]]
   *   Matrix.zeros(1, 3).dot(Matrix.zeros(4, 2));  // throws: shapes (1, 3) and (4, 2) not aligned: 3 (dim 1) != 4 (dim 0)
   *
   * See also: Matrix.transpose, Matrix.mul (element-wise)
   */
  dot(B: Matrix): Matrix {
    if (this.cols !== B.rows) {
      throw new RangeError(
        `shapes ${formatShape(this.rows, this.cols)} and ${formatShape(B.rows, B.cols)} not aligned: ${this.cols} (dim 1) != ${B.rows} (dim 0)`,
      );
    }
    const out = new Matrix(this.rows, B.cols);
    gemmNN(out.data, this.data, B.data, this.rows, this.cols, B.cols);
    return out;
  }

  /** The transpose (c, r). Example: `Matrix.row([1, 2]).transpose().shape; // [2, 1]` */
  transpose(): Matrix {
    const r = this.rows;
    const c = this.cols;
    const out = new Matrix(c, r);
    const s = this.data;
    const d = out.data;
    for (let i = 0; i < r; i++) {
      for (let j = 0; j < c; j++) d[j * r + i] = s[i * c + j];
    }
    return out;
  }

  /** numpy's `.T`. */
  get T(): Matrix {
    return this.transpose();
  }

  private elementwise(other: Matrix | number, op: (x: number, y: number) => number, name: string): Matrix {
    if (typeof other !== 'number' && !(other instanceof Matrix)) {
      throw new TypeError(`Matrix.${name}: expected a Matrix or a number, got ${describe(other)}`);
    }
    const { rows, cols, data } = broadcastData(this, other, op);
    return new Matrix(rows, cols, data);
  }

  /**
   * Element-wise sum with numpy broadcasting (a dimension of 1 stretches), or plus a scalar.
   * Unlike numpy, only one operand may stretch: a column (n, 1) against a row (1, k) throws
   * instead of silently giving an (n, k) table (the keepdims trap of lesson 10).
   *
   * Syntax: A.add(B) | A.add(k)
   *
   * Examples:
   *   Matrix.from([[1, 2]]).add(1).toArray();                   // [[2, 3]]
   *   Matrix.zeros(2, 3).add(Matrix.zeros(3, 2));  // throws: operands could not be broadcast together with shapes (2, 3) (3, 2)
   *   Matrix.zeros(4, 1).sub(Matrix.zeros(1, 4));  // throws: ... shapes (4, 1) (1, 4): both would have to stretch ...
   *
   * See also: Matrix.addColumn (the only broadcast the equations need), Matrix.sub
   */
  add(B: Matrix | number): Matrix {
    return this.elementwise(B, (x, y) => x + y, 'add');
  }

  /** Element-wise difference A − B (broadcasting), or minus a scalar. Example: `Matrix.row([3]).sub(1).toArray(); // [[2]]` */
  sub(B: Matrix | number): Matrix {
    return this.elementwise(B, (x, y) => x - y, 'sub');
  }

  /**
   * Element-wise (Hadamard) product A ∗ B (broadcasting), or times a scalar. Not the matrix
   * product: see `dot`. Example: `Matrix.row([2, 3]).mul(Matrix.row([4, 5])).toArray(); // [[8, 15]]`
   */
  mul(B: Matrix | number): Matrix {
    return this.elementwise(B, (x, y) => x * y, 'mul');
  }

  /** Element-wise quotient A / B (broadcasting), or divided by a scalar. Example: `Matrix.row([1]).div(4).toArray(); // [[0.25]]` */
  div(B: Matrix | number): Matrix {
    return this.elementwise(B, (x, y) => x / y, 'div');
  }

  /** k·A. Example: `Matrix.row([1, 2]).scale(3).toArray(); // [[3, 6]]` */
  scale(k: number): Matrix {
    return this.elementwise(k, (x, y) => x * y, 'scale');
  }

  /** −A. */
  neg(): Matrix {
    return this.scale(-1);
  }

  /**
   * Adds the column vector `col` (n, 1) to every column of this (n, m) matrix: the `+ b` of
   * Z = W A + b.
   *
   * Syntax: A.addColumn(b)
   *
   * Examples:
   *   Matrix.from([[1, 2], [3, 4]]).addColumn(Matrix.column([10, 20])).toArray();  // [[11, 12], [23, 24]]
   *   Matrix.zeros(3, 4).addColumn(Matrix.zeros(1, 3));  // throws: addColumn: expected a column of shape (3, 1), got shape (1, 3) for a matrix of shape (3, 4)
   *
   * See also: Matrix.add (general broadcasting), Matrix.sumRows (its adjoint)
   */
  addColumn(col: Matrix): Matrix {
    if (!(col instanceof Matrix) || col.cols !== 1 || col.rows !== this.rows) {
      const got = col instanceof Matrix ? `shape ${formatShape(col.rows, col.cols)}` : describe(col);
      throw new RangeError(
        `addColumn: expected a column of shape ${formatShape(this.rows, 1)}, got ${got} for a matrix of shape ${formatShape(this.rows, this.cols)}`,
      );
    }
    const out = new Matrix(this.rows, this.cols);
    const s = this.data;
    const d = out.data;
    const c = this.cols;
    for (let i = 0; i < this.rows; i++) {
      const bi = col.data[i];
      for (let j = 0; j < c; j++) d[i * c + j] = (s[i * c + j]) + bi;
    }
    return out;
  }

  /**
   * A new matrix with f applied to every entry; f also receives the row and column.
   *
   * Syntax: A.map((x, i, j) => number)
   *
   * Examples:
   *   Matrix.row([1, 4]).map(Math.sqrt).toArray();   // [[1, 2]]
   *   Matrix.zeros(2, 2).map((x, i, j) => i + j).toArray();   // [[0, 1], [1, 2]]
   */
  map(f: (x: number, i: number, j: number) => number): Matrix {
    const out = new Matrix(this.rows, this.cols);
    const s = this.data;
    const d = out.data;
    const c = this.cols;
    for (let i = 0; i < this.rows; i++) {
      for (let j = 0; j < c; j++) d[i * c + j] = f(s[i * c + j], i, j);
    }
    return out;
  }

  /**
   * Sum over the columns of each row, keeping the shape: (n, m) → (n, 1). numpy's
   * `A.sum(axis=1, keepdims=True)`; this is how db sums dZ over the m examples.
   *
   * Syntax: A.sumRows()
   *
   * Example: `Matrix.from([[1, 2], [3, 4]]).sumRows().toArray(); // [[3], [7]]`
   *
   * See also: Matrix.sumCols, Matrix.sumAll, Matrix.sum
   */
  sumRows(): Matrix {
    const out = new Matrix(this.rows, 1);
    const c = this.cols;
    for (let i = 0; i < this.rows; i++) {
      let s = 0;
      for (let j = 0; j < c; j++) s += this.data[i * c + j];
      out.data[i] = s;
    }
    return out;
  }

  /**
   * Sum down each column, keeping the shape: (n, m) → (1, m). numpy's `A.sum(axis=0, keepdims=True)`;
   * summing the per-unit losses of each example.
   *
   * Example: `Matrix.from([[1, 2], [3, 4]]).sumCols().toArray(); // [[4, 6]]`
   */
  sumCols(): Matrix {
    const out = new Matrix(1, this.cols);
    const c = this.cols;
    for (let i = 0; i < this.rows; i++) {
      for (let j = 0; j < c; j++) out.data[j] = (out.data[j]) + (this.data[i * c + j]);
    }
    return out;
  }

  /** Sum of every entry. Example: `Matrix.from([[1, 2], [3, 4]]).sumAll(); // 10` */
  sumAll(): number {
    let s = 0;
    for (let k = 0; k < this.data.length; k++) s += this.data[k];
    return s;
  }

  /**
   * numpy-style sum: no axis → a number; axis 1 → (rows, 1) (keepdims); axis 0 → (1, cols).
   *
   * Syntax: A.sum() | A.sum(0) | A.sum(1)
   *
   * Example: `Matrix.from([[1, 2], [3, 4]]).sum(1).toArray(); // [[3], [7]]`
   */
  sum(): number;
  sum(axis: 0 | 1): Matrix;
  sum(axis?: 0 | 1): Matrix | number {
    if (axis === undefined) return this.sumAll();
    if (axis === 1) return this.sumRows();
    if (axis === 0) return this.sumCols();
    throw new RangeError(`sum: axis must be 0 or 1, got ${String(axis)}`);
  }

  /** Mean of every entry. Example: `Matrix.row([1, 2]).mean(); // 1.5` */
  mean(): number {
    return this.sumAll() / this.data.length;
  }

  /** Frobenius (L2) norm ‖A‖ = sqrt(Σ a²). Example: `Matrix.row([3, 4]).norm(); // 5` */
  norm(): number {
    let s = 0;
    for (let k = 0; k < this.data.length; k++) {
      const v = this.data[k];
      s += v * v;
    }
    return Math.sqrt(s);
  }

  /** A deep copy. */
  clone(): Matrix {
    return new Matrix(this.rows, this.cols, this.data.slice());
  }

  /**
   * Largest |a − b| over the entries of two matrices of the same shape.
   *
   * Example: `Matrix.row([1, 2]).maxAbsDiff(Matrix.row([1, 2.5])); // 0.5`
   */
  maxAbsDiff(B: Matrix): number {
    if (this.rows !== B.rows || this.cols !== B.cols) {
      throw new RangeError(
        `maxAbsDiff: shapes ${formatShape(this.rows, this.cols)} and ${formatShape(B.rows, B.cols)} differ`,
      );
    }
    let worst = 0;
    for (let k = 0; k < this.data.length; k++) {
      const d = Math.abs((this.data[k]) - (B.data[k]));
      if (d > worst || Number.isNaN(d)) worst = d;
    }
    return worst;
  }

  /** True when the shapes match and every entry is equal (===). */
  equals(B: Matrix): boolean {
    if (this.rows !== B.rows || this.cols !== B.cols) return false;
    for (let k = 0; k < this.data.length; k++) if (this.data[k] !== B.data[k]) return false;
    return true;
  }

  /** numpy-like text, 8 decimals: `[[ 3.26295337 -1.23429987]]`. */
  toString(): string {
    return numpyText(this);
  }
}
