/**
 * Numerical derivatives by finite differences, two-sided (the default) or one-sided. The
 * derivation engine and `checkGradients` check every equation with them; the gradient-check
 * lesson studies their error against ε; `numericLayerGradient` measures what a layer's dZ or dA
 * is the derivative of.
 *
 * Derived in: lesson 07-gradient-checking.
 */
import { Matrix } from '../core/matrix';
import { FINITE_DIFFERENCE_EPSILON } from '../core/tolerance';
import { NetworkOptions, NetworkParameters, probeLayer } from '../nn/network';

/** How a difference quotient is taken. */
export interface DifferenceOptions {
  /** The step ε (default FINITE_DIFFERENCE_EPSILON, 1e-6). */
  epsilon?: number;
  /**
   * "two" (default): (f(θ + ε) − f(θ − ε)) / (2ε), error O(ε²);
   * "one": (f(θ + ε) − f(θ)) / ε, error O(ε), one call of f per entry plus one.
   */
  sided?: 'two' | 'one';
}

function differenceOptions(caller: string, options: number | DifferenceOptions): { epsilon: number; sided: 'two' | 'one' } {
  const o = typeof options === 'number' ? { epsilon: options } : options;
  const epsilon = o.epsilon ?? FINITE_DIFFERENCE_EPSILON;
  const sided = o.sided ?? 'two';
  if (!(epsilon > 0) || !Number.isFinite(epsilon)) throw new RangeError(`${caller}: epsilon must be a positive number, got ${epsilon}`);
  if (sided !== 'two' && sided !== 'one') throw new RangeError(`${caller}: sided must be "two" or "one", got ${JSON.stringify(sided)}`);
  return { epsilon, sided };
}

/**
 * ∂f/∂param by finite differences, one entry at a time:
 *   two-sided (default)  g_k ≈ (f(θ + ε e_k) − f(θ − ε e_k)) / (2ε)
 *   one-sided            g_k ≈ (f(θ + ε e_k) − f(θ)) / ε
 * Each entry of `param` is perturbed in place, f is called, and the entry is restored exactly,
 * so f should read `param` (a closure over the network). The two-sided error is O(ε²), the
 * one-sided O(ε), plus round-off of order (machine ε)·|f|/ε.
 *
 * Syntax:
 *   numericGradient(f: () => number, param: Matrix, epsilon = 1e-6): Matrix
 *   numericGradient(f, param, { epsilon = 1e-6, sided = "two" | "one" }): Matrix
 *
 * Examples:
 *   const w = Matrix.row([3]);
 *   numericGradient(() => w.data[0] ** 2, w).get(0, 0);                                    // ≈ 6 (error ~1e-10)
 *   numericGradient(() => w.data[0] ** 2, w, { epsilon: 1e-3, sided: 'one' }).get(0, 0);   // 6.001 (error ε)
 *
 * See also: checkGradients, numericLayerGradient, perExampleGradient, relativeDifference
 *
 * Derived in: lesson 07-gradient-checking (two-sided against one-sided), 08-limits-of-gradient-checking (their
 * errors against the step).
 */
export function numericGradient(f: () => number, param: Matrix, options: number | DifferenceOptions = FINITE_DIFFERENCE_EPSILON): Matrix {
  const { epsilon, sided } = differenceOptions('numericGradient', options);
  const out = new Matrix(param.rows, param.cols);
  const d = param.data;
  const f0 = sided === 'one' ? f() : 0;
  for (let k = 0; k < d.length; k++) {
    const saved = d[k];
    d[k] = saved + epsilon;
    const plus = f();
    if (sided === 'one') {
      d[k] = saved;
      out.data[k] = (plus - f0) / epsilon;
      continue;
    }
    d[k] = saved - epsilon;
    const minus = f();
    d[k] = saved;
    out.data[k] = (plus - minus) / (2 * epsilon);
  }
  return out;
}

/** Where numericLayerGradient differentiates, and what. */
export interface LayerGradientOptions extends DifferenceOptions {
  /** "Z" (layer 1 … L) or "A" (layer 0 … L; A0 is X). */
  quantity: 'Z' | 'A';
  layer: number;
  /**
   * "lossSum": Σ_i L(i), whose gradient stacks the per-example ∂L(i)/∂z(i) as columns (the
   * course's dZ, convention "loss"); "cost": J = (1/m) Σ L (the learner's dZ, convention "cost").
   */
  of: 'lossSum' | 'cost';
}

/**
 * The finite-difference gradient of Σ L or of J with respect to one layer's Z (or A): what the
 * network's dZ[l] (dA[l]) should equal under the course's notation ("lossSum") or the
 * learner's ("cost"). The rest of the forward pass is re-run from the perturbed layer.
 *
 * Syntax: numericLayerGradient(X, Y, parameters, { activations, loss }, { quantity, layer, of, epsilon = 1e-6, sided = "two" }): Matrix
 *
 * Examples:
 *   const course = backprop(X, Y, params, { ...net, convention: 'loss' }).grads;
 *   compareGradients({ dZ2: course.dZ2 }, { dZ2: numericLayerGradient(X, Y, params, net, { quantity: 'Z', layer: 2, of: 'lossSum' }) }).passed;   // true
 *   relativeDifference(course.dZ2, numericLayerGradient(X, Y, params, net, { quantity: 'Z', layer: 2, of: 'cost' }));   // (m − 1)/(m + 1)
 *
 * See also: probeLayer (the functions it differentiates), numericGradient, perExampleGradient (one column per example, with the leak)
 *
 * Derived in: lesson 03-where-does-1-over-m-go (what each dZ is a derivative of), 00-start-here, 05, 06.
 */
export function numericLayerGradient(
  X: Matrix,
  Y: Matrix,
  parameters: NetworkParameters,
  options: NetworkOptions,
  where: LayerGradientOptions,
): Matrix {
  if (where === null || typeof where !== 'object') throw new TypeError('numericLayerGradient: say where: { quantity: "Z" | "A", layer, of: "lossSum" | "cost" }');
  const { quantity, layer, of } = where;
  if (of !== 'lossSum' && of !== 'cost') throw new RangeError(`numericLayerGradient: of must be "lossSum" (Σ L) or "cost" (J), got ${JSON.stringify(of)}`);
  if (quantity !== 'Z' && quantity !== 'A') throw new RangeError(`numericLayerGradient: quantity must be "Z" or "A", got ${JSON.stringify(quantity)}`);
  const probe = probeLayer(X, Y, parameters, options, { quantity, layer });
  const difference: DifferenceOptions = { ...(where.epsilon === undefined ? {} : { epsilon: where.epsilon }), ...(where.sided === undefined ? {} : { sided: where.sided }) };
  return numericGradient(of === 'cost' ? probe.cost : probe.lossSum, probe.value, difference);
}
