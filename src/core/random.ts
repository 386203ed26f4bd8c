/**
 * A small seeded random generator, so every lesson, test and benchmark draws the same numbers
 * on every machine. The generator is xoshiro128** seeded through splitmix32; uniforms use 53
 * random bits and normals use the Box–Muller transform.
 *
 * Derived in: lesson 00-start-here (why every lesson has a seed).
 */
import { Matrix } from './matrix';

/** A seeded generator of uniform and standard normal numbers. */
export interface Rng {
  /** The seed this generator started from. */
  readonly seed: number;
  /** A uniform number in [0, 1) with 53 random bits. */
  uniform(): number;
  /** A standard normal number (mean 0, variance 1). */
  normal(): number;
  /** A uniform integer in [0, n). */
  integer(n: number): number;
  /** A uniformly shuffled permutation of 0 … n−1 (Fisher–Yates). */
  permutation(n: number): number[];
}

function splitmix32(state: number): () => number {
  let s = state >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/**
 * A seeded random generator.
 *
 * Syntax: createRng(seed: number): Rng
 *
 * Examples:
 *   const rng = createRng(1);
 *   rng.uniform();   // the same number in [0, 1) on every run
 *   createRng(1).normal() === createRng(1).normal();   // true
 *
 * See also: randn, initializeNetwork (init.ts)
 *
 * Used in: every lesson (the parameters cell's seed).
 */
export function createRng(seed: number): Rng {
  if (typeof seed !== 'number' || !Number.isFinite(seed)) {
    throw new TypeError(`createRng: seed must be a finite number, got ${String(seed)}`);
  }
  const mix = splitmix32(Math.floor(seed) ^ Math.floor(seed / 4294967296));
  let a = mix();
  let b = mix();
  let c = mix();
  let d = mix();
  const next32 = (): number => {
    const result = Math.imul(((Math.imul(b, 5) << 7) | (Math.imul(b, 5) >>> 25)) >>> 0, 9) >>> 0;
    const t = (b << 9) >>> 0;
    c ^= a;
    d ^= b;
    b ^= c;
    a ^= d;
    c ^= t;
    d = ((d << 11) | (d >>> 21)) >>> 0;
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    return result;
  };
  let spare: number | null = null;
  const uniform = (): number => ((next32() >>> 5) * 67108864 + (next32() >>> 6)) / 9007199254740992;
  return {
    seed,
    uniform,
    normal(): number {
      if (spare !== null) {
        const v = spare;
        spare = null;
        return v;
      }
      let u = 0;
      while (u === 0) u = uniform();
      const v = uniform();
      const r = Math.sqrt(-2 * Math.log(u));
      spare = r * Math.sin(2 * Math.PI * v);
      return r * Math.cos(2 * Math.PI * v);
    },
    integer(n: number): number {
      if (!Number.isInteger(n) || n <= 0) throw new RangeError(`integer: n must be a positive integer, got ${n}`);
      return Math.floor(uniform() * n);
    },
    permutation(n: number): number[] {
      const p = Array.from({ length: n }, (_, i) => i);
      for (let i = n - 1; i > 0; i--) {
        const j = Math.floor(uniform() * (i + 1));
        const t = p[i];
        p[i] = p[j];
        p[j] = t;
      }
      return p;
    },
  };
}

/**
 * A (rows, cols) matrix of standard normal draws, like numpy's `np.random.randn(rows, cols)`
 * (same distribution, not the same numbers as numpy's generator).
 *
 * Syntax: randn(rows, cols, rng)
 *
 * Examples:
 *   randn(2, 3, createRng(0)).shape;   // [2, 3]
 *
 * See also: createRng, rand, initializeNetwork
 *
 * Used in: every lesson (random instances, initial weights).
 */
export function randn(rows: number, cols: number, rng: Rng): Matrix {
  const m = new Matrix(rows, cols);
  for (let k = 0; k < m.data.length; k++) m.data[k] = rng.normal();
  return m;
}

/**
 * A (rows, cols) matrix of uniform draws in [0, 1), like numpy's `np.random.rand`.
 *
 * Syntax: rand(rows, cols, rng)
 *
 * Example: `rand(1, 2, createRng(0)).data.every((v) => v >= 0 && v < 1); // true`
 *
 * See also: randn, createRng
 *
 * Used in: lessons 03, 06 (random labels and inputs).
 */
export function rand(rows: number, cols: number, rng: Rng): Matrix {
  const m = new Matrix(rows, cols);
  for (let k = 0; k < m.data.length; k++) m.data[k] = rng.uniform();
  return m;
}
