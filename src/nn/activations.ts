/**
 * Activation functions as a table of data: each entry has its forward function, its derivative
 * computed the course's way, and TeX for both. The numeric engine (layer.ts, which backprop,
 * train and the course functions all run), the derivation engine and the rendered math all read
 * the same entries. Each entry also maps whole buffers (`forwardInto`, `backwardInto`), built
 * from its scalar `f` and `df`, so no loop restates a formula; softmax, which works on whole
 * columns, is the one extra row (`softmaxActivation`), for the output layer only.
 *
 * The derivative receives both z and a = g(z) and uses whichever the course uses:
 * sigmoid' = a(1 − a), tanh' = 1 − a² (from the cached A), relu'(z) = 1 if z > 0 else 0
 * (so relu'(0) = 0), linear' = 1.
 *
 * Derived in: lesson 01-one-neuron (sigmoid), 05-one-hidden-layer (tanh), 06-deep-network
 * (relu), 10-other-losses-l2-and-shapes (softmax),
 * 11-activation-derivative-bugs (relu'(0), tanh' from Z).
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

/**
 * g and g' over an n × m block of row-major buffers (n units, m examples), as the layer step runs
 * them: the element-wise rows of the table and softmax.
 */
export interface LayerActivation {
  readonly name: OutputActivationName;
  /** A = g(Z) over the first n·m entries. */
  forwardInto(Z: Float64Array, A: Float64Array, n: number, m: number): void;
  /** dZ = dA ∗ g'(Z) given the cached Z and A = g(Z) (the Jacobian product for softmax); dZ may be dA. */
  backwardInto(dZ: Float64Array, dA: Float64Array, Z: Float64Array, A: Float64Array, n: number, m: number): void;
}

/** One row of the activation table. */
export interface Activation extends LayerActivation {
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

/** The buffer loops of a row: written out per row so that each compiles to its own loop (see `row`). */
type Kernels = Pick<LayerActivation, 'forwardInto' | 'backwardInto'>;

/**
 * A row of the table from its scalar g and g' (each formula written once, here) and the two loops
 * that map them over buffers. The loops only call the row's own f and df; they are spelled out per
 * row rather than made by one shared helper because V8 compiles a shared loop once for all rows,
 * with a call it cannot inline (measured: week-3 training 1.6 times slower).
 */
function row(
  name: ActivationName,
  f: (z: number) => number,
  df: (z: number, a: number) => number,
  kernels: Kernels,
  texName: string,
  tex: string,
  derivativeTex: string,
): Activation {
  return Object.freeze({
    name,
    f,
    df,
    forward: lift(f),
    derivative: lift2(df),
    forwardInto: kernels.forwardInto,
    backwardInto: kernels.backwardInto,
    tex,
    derivativeTex,
    texName,
  });
}

// g and g' of each row, as the course computes them (g' from z or from the cached a = g(z))
const sigmoidF = (z: number): number => 1 / (1 + Math.exp(-z));
const sigmoidDf = (_z: number, a: number): number => a * (1 - a);
// NaN fails both z > 0 and z <= 0, so relu passes it on instead of hiding it as a 0
const reluF = (z: number): number => (z > 0 ? z : z <= 0 ? 0 : z);
const reluDf = (z: number): number => (z > 0 ? 1 : z <= 0 ? 0 : z);
const tanhF = (z: number): number => Math.tanh(z);
const tanhDf = (_z: number, a: number): number => 1 - a * a;
const linearF = (z: number): number => z;
const linearDf = (): number => 1;

/**
 * The activation table.
 *
 * Syntax: activations[name].forward(z) · activations[name].derivative(z, a) · activations[name].tex
 *         activations[name].forwardInto(Z, A, n, m) · activations[name].backwardInto(dZ, dA, Z, A, n, m)
 *
 * Examples:
 *   activations.sigmoid.forward(0);              // 0.5
 *   activations.tanh.derivative(0.3, 0.5);       // 0.75  (1 − a², from a)
 *   activations.relu.derivative(0, 0);           // 0     (relu'(0) = 0, as the course)
 *   activations.relu.forward(Matrix.row([-1, 2])).toArray();   // [[0, 2]]
 *
 * See also: getActivation, layerActivation, softmax, losses
 *
 * Derived in: lesson 01-one-neuron (sigmoid), 05-one-hidden-layer (tanh), 06-deep-network (relu).
 */
export const activations: Readonly<Record<ActivationName, Activation>> = Object.freeze({
  sigmoid: row('sigmoid', sigmoidF, sigmoidDf, {
    forwardInto(Z, A, n, m) { for (let k = 0; k < n * m; k++) A[k] = sigmoidF(Z[k]); },
    backwardInto(dZ, dA, Z, A, n, m) { for (let k = 0; k < n * m; k++) dZ[k] = dA[k] * sigmoidDf(Z[k], A[k]); },
  }, '\\sigma', '\\frac{1}{1 + e^{-z}}', 'a\\,(1 - a)'),
  relu: row('relu', reluF, reluDf, {
    forwardInto(Z, A, n, m) { for (let k = 0; k < n * m; k++) A[k] = reluF(Z[k]); },
    backwardInto(dZ, dA, Z, _A, n, m) { for (let k = 0; k < n * m; k++) dZ[k] = dA[k] * reluDf(Z[k]); },
  }, '\\operatorname{relu}', '\\max(0, z)', '\\begin{cases} 1 & z > 0 \\\\ 0 & z \\le 0 \\end{cases}'),
  tanh: row('tanh', tanhF, tanhDf, {
    forwardInto(Z, A, n, m) { for (let k = 0; k < n * m; k++) A[k] = tanhF(Z[k]); },
    backwardInto(dZ, dA, Z, A, n, m) { for (let k = 0; k < n * m; k++) dZ[k] = dA[k] * tanhDf(Z[k], A[k]); },
  }, '\\tanh', '\\tanh(z)', '1 - a^{2}'),
  linear: row('linear', linearF, linearDf, {
    forwardInto(Z, A, n, m) { for (let k = 0; k < n * m; k++) A[k] = linearF(Z[k]); },
    backwardInto(dZ, dA, _Z, _A, n, m) { for (let k = 0; k < n * m; k++) dZ[k] = dA[k] * linearDf(); },
  }, '\\operatorname{id}', 'z', '1'),
});

/**
 * The names in the activation table, in a stable order.
 *
 * Syntax: activationNames: readonly ActivationName[]
 *
 * Example: `activationNames.join(', '); // 'sigmoid, relu, tanh, linear'`
 *
 * See also: activations, getActivation
 *
 * Derived in: lesson 06-deep-network (any mix of activations).
 */
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
 *
 * Derived in: lesson 01-one-neuron (the sigmoid row), 06-deep-network (every row).
 */
export function getActivation(name: string): Activation {
  const known = activationNames.find((n) => n === name);
  if (known) return activations[known];
  throw new RangeError(
    `unknown activation ${JSON.stringify(name)} (expected one of: ${activationNames.join(', ')})`,
  );
}

/**
 * Validates an output-layer activation name (the table's names or "softmax"); returns it typed.
 *
 * Syntax: checkOutputActivation(name: string): OutputActivationName
 *
 * Examples:
 *   checkOutputActivation('softmax');   // 'softmax'
 *   checkOutputActivation('softmin');   // throws: unknown activation "softmin" (expected one of: sigmoid, relu, tanh, linear, softmax (output layer only))
 *
 * See also: getActivation, layerActivation
 *
 * Derived in: lesson 10-other-losses-l2-and-shapes (softmax on the output layer).
 */
export function checkOutputActivation(name: string): OutputActivationName {
  if (name === 'softmax') return 'softmax';
  const known = activationNames.find((n) => n === name);
  if (known) return known;
  throw new RangeError(
    `unknown activation ${JSON.stringify(name)} (expected one of: ${activationNames.join(', ')}, softmax (output layer only))`,
  );
}

/**
 * The softmax row, for the output layer only: a_i = e^(z_i) / Σ_j e^(z_j) over each column (each
 * example), computed after subtracting the column's maximum so large z do not overflow; its
 * backward pass is the Jacobian-vector product of each column, dz = a ∗ (da − Σ_k a_k da_k).
 *
 * Syntax: softmaxActivation.forwardInto(Z, A, n, m) · softmaxActivation.backwardInto(dZ, dA, Z, A, n, m)
 *
 * Example: `layerActivation('softmax') === softmaxActivation; // true`
 *
 * See also: softmax, softmaxBackward (the same on matrices), layerActivation
 *
 * Derived in: lesson 10-other-losses-l2-and-shapes.
 */
export const softmaxActivation: LayerActivation = Object.freeze({
  name: 'softmax' as const,
  forwardInto(Z: Float64Array, A: Float64Array, n: number, m: number): void {
    for (let j = 0; j < m; j++) {
      let max = -Infinity;
      for (let i = 0; i < n; i++) max = Math.max(max, Z[i * m + j]);
      let s = 0;
      for (let i = 0; i < n; i++) {
        const e = Math.exp(Z[i * m + j] - max);
        A[i * m + j] = e;
        s += e;
      }
      for (let i = 0; i < n; i++) A[i * m + j] /= s;
    }
  },
  backwardInto(dZ: Float64Array, dA: Float64Array, _Z: Float64Array, A: Float64Array, n: number, m: number): void {
    for (let j = 0; j < m; j++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += A[i * m + j] * dA[i * m + j];
      for (let i = 0; i < n; i++) dZ[i * m + j] = A[i * m + j] * (dA[i * m + j] - s);
    }
  },
});

/**
 * The buffer-level g and g' of a layer: a row of the table, or softmax.
 *
 * Syntax: layerActivation(name: OutputActivationName): LayerActivation
 *
 * Examples:
 *   layerActivation('tanh') === activations.tanh;   // true
 *   layerActivation('softmax').name;                // 'softmax'
 *
 * See also: activations, softmaxActivation
 *
 * Derived in: lesson 06-deep-network, 10-other-losses-l2-and-shapes (softmax).
 */
export function layerActivation(name: OutputActivationName): LayerActivation {
  return name === 'softmax' ? softmaxActivation : getActivation(name);
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
 * See also: softmaxBackward, softmaxActivation, losses["categorical-cross-entropy"]
 *
 * Derived in: lesson 10-other-losses-l2-and-shapes.
 */
export function softmax(Z: Matrix): Matrix {
  const out = new Matrix(Z.rows, Z.cols);
  softmaxActivation.forwardInto(Z.data, out.data, Z.rows, Z.cols);
  return out;
}

/**
 * Backward pass through a column-wise softmax: given A = softmax(Z) and dA = ∂L/∂A, returns
 * dZ = A ∗ (dA − 1·(Σ_i a_i dA_i)), the Jacobian-vector product of each column.
 *
 * Syntax: softmaxBackward(dA: Matrix, A: Matrix): Matrix
 *
 * Example:
 *   softmaxBackward(Matrix.column([-2, 0]), Matrix.column([0.5, 0.5])).toArray();   // [[-0.5], [0.5]]
 *   // with cross-entropy dA = −Y/A this is A − Y when each column of Y sums to 1
 *
 * See also: softmax, softmaxActivation
 *
 * Derived in: lesson 10-other-losses-l2-and-shapes.
 */
export function softmaxBackward(dA: Matrix, A: Matrix): Matrix {
  if (dA.rows !== A.rows || dA.cols !== A.cols) {
    throw new RangeError(
      `softmaxBackward: dA has shape ${formatShape(dA.rows, dA.cols)} but A has shape ${formatShape(A.rows, A.cols)}`,
    );
  }
  const out = new Matrix(A.rows, A.cols);
  softmaxActivation.backwardInto(out.data, dA.data, A.data, A.data, A.rows, A.cols);
  return out;
}
