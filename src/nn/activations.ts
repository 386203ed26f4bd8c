/**
 * Activation functions as a table of data: each entry has its forward function, its derivative
 * computed the course's way, and TeX for both. The numeric engine (backprop.ts, train.ts), the
 * derivation engine and the rendered math all read the same entries.
 *
 * The derivative receives both z and a = g(z) and uses whichever the course uses:
 * sigmoid' = a(1 − a), tanh' = 1 − a² (from the cached A), relu'(z) = 1 if z > 0 else 0
 * (so relu'(0) = 0), linear' = 1.
 *
 * Derived in: lesson 01-one-neuron (sigmoid), 04-one-hidden-layer (tanh), 05-deep-network
 * (relu), 08-beyond-the-course (softmax, relu'(0), tanh' from Z).
 */
import { Matrix, formatShape } from '../core/matrix';

/** The element-wise activations. */
export type ActivationName = 'sigmoid' | 'relu' | 'tanh' | 'linear';
/** Activations allowed on the output layer: the element-wise ones and softmax. */
export type OutputActivationName = ActivationName | 'softmax';

/** A scalar function that also maps a Matrix entry by entry. */
export interface ElementwiseFunction {
  (z: number): number;
  (z: Matrix): Matrix;
}

/** A scalar derivative g'(z) given z and a = g(z); also maps two matrices of one shape. */
export interface ElementwiseDerivative {
  (z: number, a: number): number;
  (z: Matrix, a: Matrix): Matrix;
}

/** One row of the activation table. */
export interface Activation {
  readonly name: ActivationName;
  /** a = g(z), on a number or entry by entry on a Matrix. */
  readonly forward: ElementwiseFunction;
  /** g'(z), given z and a = g(z), computed the course's way (see the module comment). */
  readonly derivative: ElementwiseDerivative;
  /** The scalar function itself, g(z) as a number → number (fast path for loops). */
  readonly f: (z: number) => number;
  /** The scalar derivative, g'(z) from (z, a) (fast path for loops). */
  readonly df: (z: number, a: number) => number;
  /** TeX of g(z), in the variable z, for example `\frac{1}{1 + e^{-z}}`. */
  readonly tex: string;
  /** TeX of g'(z) as the course computes it, in terms of z and a = g(z). */
  readonly derivativeTex: string;
  /** TeX name of the function, for example `\sigma` or `\tanh`. */
  readonly texName: string;
}

function lift(f: (z: number) => number): ElementwiseFunction {
  function forward(z: number): number;
  function forward(z: Matrix): Matrix;
  function forward(z: number | Matrix): number | Matrix {
    return typeof z === 'number' ? f(z) : z.map(f);
  }
  return forward;
}

function lift2(df: (z: number, a: number) => number): ElementwiseDerivative {
  function derivative(z: number, a: number): number;
  function derivative(z: Matrix, a: Matrix): Matrix;
  function derivative(z: number | Matrix, a: number | Matrix): number | Matrix {
    if (typeof z === 'number' && typeof a === 'number') return df(z, a);
    if (z instanceof Matrix && a instanceof Matrix) {
      if (z.rows !== a.rows || z.cols !== a.cols) {
        throw new RangeError(
          `derivative: Z has shape ${formatShape(z.rows, z.cols)} but A has shape ${formatShape(a.rows, a.cols)}`,
        );
      }
      const out = new Matrix(z.rows, z.cols);
      for (let k = 0; k < out.data.length; k++) out.data[k] = df(z.data[k], a.data[k]);
      return out;
    }
    throw new TypeError('derivative: pass two numbers or two matrices (z and a = g(z))');
  }
  return derivative;
}

/** The logistic sigmoid σ(z) = 1 / (1 + e^(−z)). Example: `sigmoidScalar(0); // 0.5` */
export function sigmoidScalar(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

function entry(
  name: ActivationName,
  f: (z: number) => number,
  df: (z: number, a: number) => number,
  texName: string,
  tex: string,
  derivativeTex: string,
): Activation {
  return Object.freeze({ name, f, df, forward: lift(f), derivative: lift2(df), tex, derivativeTex, texName });
}

/**
 * The activation table.
 *
 * Syntax: activations[name].forward(z) · activations[name].derivative(z, a) · activations[name].tex
 *
 * Examples:
 *   activations.sigmoid.forward(0);              // 0.5
 *   activations.tanh.derivative(0.3, 0.5);       // 0.75  (1 − a², from a)
 *   activations.relu.derivative(0, 0);           // 0     (relu'(0) = 0, as the course)
 *   activations.relu.forward(Matrix.row([-1, 2])).toArray();   // [[0, 2]]
 *
 * See also: getActivation, softmax, losses
 */
export const activations: Readonly<Record<ActivationName, Activation>> = Object.freeze({
  sigmoid: entry(
    'sigmoid',
    sigmoidScalar,
    (_z, a) => a * (1 - a),
    '\\sigma',
    '\\frac{1}{1 + e^{-z}}',
    'a\\,(1 - a)',
  ),
  relu: entry(
    'relu',
    (z) => (z > 0 ? z : 0),
    (z) => (z > 0 ? 1 : 0),
    '\\operatorname{relu}',
    '\\max(0, z)',
    '\\begin{cases} 1 & z > 0 \\\\ 0 & z \\le 0 \\end{cases}',
  ),
  tanh: entry('tanh', Math.tanh, (_z, a) => 1 - a * a, '\\tanh', '\\tanh(z)', '1 - a^{2}'),
  linear: entry('linear', (z) => z, () => 1, '\\operatorname{id}', 'z', '1'),
});

/** The names in the activation table, in a stable order. */
export const activationNames: readonly ActivationName[] = Object.freeze(['sigmoid', 'relu', 'tanh', 'linear']);

/**
 * Looks up an activation by name; throws `unknown activation "foo" (expected one of: ...)`.
 *
 * Syntax: getActivation(name: string): Activation
 *
 * Examples:
 *   getActivation('tanh').derivativeTex;   // '1 - a^{2}'
 *   getActivation('foo');   // throws: unknown activation "foo" (expected one of: sigmoid, relu, tanh, linear)
 *
 * See also: activations, checkOutputActivation
 */
export function getActivation(name: string): Activation {
  if (typeof name === 'string' && Object.prototype.hasOwnProperty.call(activations, name)) {
    return activations[name as ActivationName];
  }
  throw new RangeError(
    `unknown activation ${JSON.stringify(name)} (expected one of: ${activationNames.join(', ')})`,
  );
}

/**
 * Validates an output-layer activation name (the table's names or "softmax"); returns it typed.
 *
 * Example: `checkOutputActivation('softmax'); // 'softmax'`
 */
export function checkOutputActivation(name: string): OutputActivationName {
  if (name === 'softmax') return 'softmax';
  if (typeof name === 'string' && Object.prototype.hasOwnProperty.call(activations, name)) {
    return name as ActivationName;
  }
  throw new RangeError(
    `unknown activation ${JSON.stringify(name)} (expected one of: ${activationNames.join(', ')}, softmax (output layer only))`,
  );
}

/**
 * Softmax over each column (each example): a_i = e^(z_i) / Σ_j e^(z_j), computed after
 * subtracting the column's maximum so large z do not overflow.
 *
 * Syntax: softmax(Z: Matrix): Matrix
 *
 * Examples:
 *   softmax(Matrix.column([0, 0])).toArray();   // [[0.5], [0.5]]
 *   softmax(Matrix.column([1000, 1000])).toArray();   // [[0.5], [0.5]]  (no overflow)
 *
 * See also: softmaxBackward, losses["cross-entropy"]
 *
 * Derived in: lesson 08-beyond-the-course.
 */
export function softmax(Z: Matrix): Matrix {
  const out = new Matrix(Z.rows, Z.cols);
  softmaxInto(out.data, Z.data, Z.rows, Z.cols);
  return out;
}

/** Column-wise softmax of z (rows × cols, row-major) into a. */
export function softmaxInto(a: Float64Array, z: Float64Array, rows: number, cols: number): void {
  for (let j = 0; j < cols; j++) {
    let max = -Infinity;
    for (let i = 0; i < rows; i++) max = Math.max(max, z[i * cols + j]);
    let s = 0;
    for (let i = 0; i < rows; i++) {
      const e = Math.exp((z[i * cols + j]) - max);
      a[i * cols + j] = e;
      s += e;
    }
    for (let i = 0; i < rows; i++) a[i * cols + j] = (a[i * cols + j]) / s;
  }
}

/**
 * Backward pass through a column-wise softmax: given A = softmax(Z) and dA = ∂L/∂A, returns
 * dZ = A ∗ (dA − 1·(Σ_i a_i dA_i)), the Jacobian-vector product of each column.
 *
 * Syntax: softmaxBackward(dA, A)
 *
 * Example: with cross-entropy dA = −Y/A this gives dZ = A − Y when each column of Y sums to 1.
 *
 * See also: softmax
 */
export function softmaxBackward(dA: Matrix, A: Matrix): Matrix {
  if (dA.rows !== A.rows || dA.cols !== A.cols) {
    throw new RangeError(
      `softmaxBackward: dA has shape ${formatShape(dA.rows, dA.cols)} but A has shape ${formatShape(A.rows, A.cols)}`,
    );
  }
  const out = new Matrix(A.rows, A.cols);
  const c = A.cols;
  for (let j = 0; j < c; j++) {
    let s = 0;
    for (let i = 0; i < A.rows; i++) s += (A.data[i * c + j]) * (dA.data[i * c + j]);
    for (let i = 0; i < A.rows; i++) {
      out.data[i * c + j] = (A.data[i * c + j]) * ((dA.data[i * c + j]) - s);
    }
  }
  return out;
}
