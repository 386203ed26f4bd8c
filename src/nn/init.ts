/**
 * Seeded weight initialisation: W[l] = scale · randn(n[l], n[l−1]), b[l] = 0, with
 *   "course": scale = 0.01 (the course's week-3 and week-4 step-by-step notebooks),
 *   "he":     scale = √(2 / n[l−1]) (for ReLU layers),
 *   "xavier": scale = 1/√n[l−1] (the course's week-4 application network).
 *
 * Derived in: lesson 05-one-hidden-layer (why not zeros), 06-deep-network (scales).
 */
import { Matrix } from '../core/matrix';
import { Rng, createRng, randn } from '../core/random';
import { NetworkParameters } from './network';

/** Initialisation schemes, see the module comment. */
export type InitScheme = 'course' | 'he' | 'xavier';

/**
 * The standard deviation a scheme gives to W[l] with n[l−1] inputs: 0.01, √(2/n[l−1]) or 1/√n[l−1].
 *
 * Syntax: initScale(scheme: InitScheme, fanIn: number): number
 *
 * Examples:
 *   initScale('he', 8);        // 0.5
 *   initScale('course', 784);  // 0.01
 *
 * See also: initializeNetwork
 *
 * Derived in: lesson 06-deep-network (scales).
 */
export function initScale(scheme: InitScheme, fanIn: number): number {
  switch (scheme) {
    case 'course':
      return 0.01;
    case 'he':
      return Math.sqrt(2 / fanIn);
    case 'xavier':
      return 1 / Math.sqrt(fanIn);
    default:
      throw new RangeError(`unknown initialisation ${JSON.stringify(scheme)} (expected one of: course, he, xavier)`);
  }
}

/**
 * Seeded parameters { W1, b1, …, WL, bL } for layer sizes [n0, n1, …, nL].
 *
 * Syntax: initializeNetwork(sizes, { scheme = "he", seed = 1, rng? })
 *
 * Examples:
 *   const p = initializeNetwork([2, 4, 1], { scheme: 'course', seed: 3 });
 *   p.W1.shape;   // [4, 2]
 *   p.b1.toArray();   // [[0], [0], [0], [0]]
 *
 * See also: initScale, initializeParameters (week 3), initializeParametersDeep (week 4): the same function under the course's names
 *
 * Derived in: lesson 05-one-hidden-layer (why not zeros), 06-deep-network (scales).
 */
export function initializeNetwork(
  sizes: readonly number[],
  options: { scheme?: InitScheme; seed?: number; rng?: Rng } = {},
): NetworkParameters {
  if (!Array.isArray(sizes) || sizes.length < 2) throw new RangeError('initializeNetwork: give at least two layer sizes [n0, n1, ...]');
  sizes.forEach((n, i) => {
    if (!Number.isInteger(n) || n < 1) throw new RangeError(`initializeNetwork: layer size ${i} must be a positive integer, got ${n}`);
  });
  const rng = options.rng ?? createRng(options.seed ?? 1);
  const scheme = options.scheme ?? 'he';
  const p: NetworkParameters = {};
  for (let l = 1; l < sizes.length; l++) {
    const fanIn = sizes[l - 1];
    p[`W${l}`] = randn(sizes[l], fanIn, rng).scale(initScale(scheme, fanIn));
    p[`b${l}`] = Matrix.zeros(sizes[l], 1);
  }
  return p;
}
