/**
 * numpy's broadcasting rule on shapes of any rank, so a lesson can show what a Python learner's
 * code would silently do (the keepdims trap), next to the shared Matrix, which refuses.
 *
 * The rule: align the two shapes on the right, pad the shorter one with 1s on the left; in each
 * position the sizes must be equal or one of them 1, and the result takes the larger size.
 *   (4, 1) with (4,)   → (4, 1) with (1, 4) → (4, 4)       (a db without keepdims)
 *   (4, 3) with (4, 4) → error: 3 ≠ 4 and neither is 1
 *
 * Derived in: lesson 10-other-losses-l2-and-shapes (the keepdims trap).
 */

/**
 * numpy's printed shape: `(4, 1)`, `(4,)` for one axis, `()` for a scalar.
 *
 * Syntax: numpyShape(shape: number[]): string
 *
 * Examples:
 *   numpyShape([4]);      // '(4,)'
 *   numpyShape([4, 1]);   // '(4, 1)'
 *
 * See also: numpyBroadcastShape, formatShape
 *
 * Derived in: lesson 10-other-losses-l2-and-shapes (the keepdims trap).
 */
export function numpyShape(shape: readonly number[]): string {
  return shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
}

/**
 * The shape numpy gives `a + b` (or `a - b`, `a * b`) for operands of these shapes; throws
 * numpy's message when they cannot be broadcast.
 *
 * Syntax: numpyBroadcastShape(shapeA: number[], shapeB: number[]): number[]
 *
 * Examples:
 *   numpyBroadcastShape([4, 1], [4]);      // [4, 4]   b − α·db with db = dZ.sum(axis=1)
 *   numpyBroadcastShape([4, 1], [4, 1]);   // [4, 1]   with keepdims=True
 *   numpyBroadcastShape([4, 3], [4, 4]);   // throws: operands could not be broadcast together with shapes (4,3) (4,4)
 *
 * See also: Matrix.add (the same rule for two-dimensional operands), Matrix.addColumn (refuses)
 *
 * Derived in: lesson 10-other-losses-l2-and-shapes (the keepdims trap).
 */
export function numpyBroadcastShape(a: readonly number[], b: readonly number[]): number[] {
  for (const s of [a, b]) {
    if (!Array.isArray(s) || s.some((d) => !Number.isInteger(d) || d < 0)) {
      throw new TypeError(`numpyBroadcastShape: a shape is an array of non-negative integers, got ${JSON.stringify(s)}`);
    }
  }
  const n = Math.max(a.length, b.length);
  const out: number[] = [];
  for (let k = 0; k < n; k++) {
    const x = a[a.length - n + k] ?? 1;
    const y = b[b.length - n + k] ?? 1;
    if (x !== y && x !== 1 && y !== 1) {
      const compact = (s: readonly number[]): string => numpyShape(s).replace(/ /g, '');
      throw new RangeError(`operands could not be broadcast together with shapes ${compact(a)} ${compact(b)}`);
    }
    out.push(x === 1 ? y : x);
  }
  return out;
}
