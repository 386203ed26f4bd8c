/**
 * The course's gradient checks (course 2, week 1): the 1-D example J = θx, and the N-D check
 * of an L-layer [LINEAR → RELU] × (L − 1) → LINEAR → SIGMOID network with the parameters
 * flattened in the order W1, b1, W2, b2, …:
 *   approx_k = (J(θ + ε e_k) − J(θ − ε e_k)) / (2ε),
 *   difference = ‖grad − approx‖ / (‖grad‖ + ‖approx‖).
 *
 * Derived in: lesson 07-gradient-checking.
 */
import { Matrix, formatShape } from '../core/matrix';
import { checkFinite } from '../core/finite';
import { NetworkParameters, layerCount } from '../nn/network';
import { Gradients } from '../nn/backprop';
import { lModelForward } from './week4';
import { computeCost } from './common';
import { relativeDifference } from '../check/compare';

/**
 * The course's 1-D check: J(θ) = θx, dθ = x, and the two-sided difference.
 *
 * Syntax: gradientCheck1d(x, theta, epsilon = 1e-7) → { J, dtheta, gradapprox, difference }
 *
 * Example: `gradientCheck1d(2, 4).difference; // ≈ 2.9e-10`
 *
 * See also: gradientCheckN
 *
 * Derived in: lesson 07-gradient-checking.
 */
export function gradientCheck1d(x: number, theta: number, epsilon = 1e-7): { J: number; dtheta: number; gradapprox: number; difference: number } {
  const J = theta * x;
  const gradapprox = ((theta + epsilon) * x - (theta - epsilon) * x) / (2 * epsilon);
  const dtheta = x;
  const difference = Math.abs(dtheta - gradapprox) / (Math.abs(dtheta) + Math.abs(gradapprox));
  return { J, dtheta, gradapprox, difference };
}

/**
 * The course's N-dimensional gradient check. `gradients` needs dW1, db1, …; other keys are
 * ignored. Below 2e-7 is the course's pass mark; a doubled or missing 1/m gives (m−1)/(m+1).
 *
 * Syntax: gradientCheckN(parameters, gradients, X, Y, epsilon = 1e-7) → { difference, gradapprox, grad }
 *
 * Example: `gradientCheckN(params, lModelBackward(AL, Y, caches), X, Y).difference; // ≈ 1.2e-7`
 *
 * See also: gradientCheck1d, numericGradient, gradientCheck
 *
 * Derived in: lesson 07-gradient-checking (the (m−1)/(m+1) fingerprint), 06-deep-network.
 */
export function gradientCheckN(
  parameters: NetworkParameters,
  gradients: Gradients,
  X: Matrix,
  Y: Matrix,
  epsilon = 1e-7,
): { difference: number; gradapprox: Matrix; grad: Matrix } {
  const L = layerCount(parameters);
  const keys: string[] = [];
  for (let l = 1; l <= L; l++) keys.push(`W${l}`, `b${l}`);
  const theta: number[] = [];
  const grad: number[] = [];
  for (const k of keys) {
    const p = parameters[k];
    const g = gradients[`d${k}`];
    if (!(g instanceof Matrix)) throw new RangeError(`gradientCheckN: gradients has no d${k}`);
    if (g.rows !== p.rows || g.cols !== p.cols) {
      throw new RangeError(`gradientCheckN: d${k} has shape ${formatShape(g.rows, g.cols)} but ${k} has shape ${formatShape(p.rows, p.cols)}`);
    }
    checkFinite(`d${k}`, g, 'gradientCheckN');
    theta.push(...p.data);
    grad.push(...g.data);
  }
  // J as a function of the flattened vector, through fresh copies of the parameters
  const J = (vector: number[]): number => {
    const p: NetworkParameters = {};
    let offset = 0;
    for (const k of keys) {
      const src = parameters[k];
      p[k] = new Matrix(src.rows, src.cols, vector.slice(offset, offset + src.size));
      offset += src.size;
    }
    return computeCost(lModelForward(X, p).AL, Y);
  };
  const approx: number[] = new Array<number>(theta.length);
  for (let i = 0; i < theta.length; i++) {
    const plus = theta.slice();
    plus[i] = plus[i] + epsilon;
    const minus = theta.slice();
    minus[i] = minus[i] - epsilon;
    const [Jp, Jm] = [J(plus), J(minus)];
    approx[i] = (Jp - Jm) / (2 * epsilon);
    if (!Number.isFinite(approx[i])) {
      throw new RangeError(`gradientCheckN: the cost is not finite around entry ${i} of the flattened parameters: J(θ + ε) = ${Jp}, J(θ − ε) = ${Jm}`);
    }
  }
  const gradM = new Matrix(theta.length, 1, grad);
  const approxM = new Matrix(theta.length, 1, approx);
  return { difference: relativeDifference(gradM, approxM), gradapprox: approxM, grad: gradM };
}
