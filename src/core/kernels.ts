/**
 * Matrix-product kernels on raw row-major Float64Arrays, for the training loop: no allocation,
 * no transposes materialised, results written into caller-owned buffers.
 *
 *   gemmNN: C = α · A · B     (A r×k, B k×c)       rows of B streamed into four rows of C at a time
 *   gemmNT: C = α · A · Bᵀ    (A r×k, B c×k)       4×4 blocks of dot products of contiguous rows
 *   gemmTN: C = α · Aᵀ · B    (A k×r, B k×c)       rows of B scaled into rows of C
 *
 * gemmNT can compute a slice of C's columns [c0, c1) so two threads can split one product.
 *
 * Used by: train.ts (lessons 05, 06 and 09 train with it).
 */

/**
 * C (r×c) = α · A (r×k) · B (k×c). Overwrites C.
 *
 * Syntax: gemmNN(C, A, B, r, k, c, alpha = 1)
 *
 * Example: `gemmNN(C, A, B, 2, 3, 4); // C = A·B`
 *
 * See also: gemmNT, gemmTN, Matrix.dot
 *
 * Used in: every lesson (Matrix.dot; Z = W A in the forward step).
 */
export function gemmNN(C: Float64Array, A: Float64Array, B: Float64Array, r: number, k: number, c: number, alpha = 1): void {
  C.fill(0, 0, r * c);
  let i = 0;
  for (; i + 4 <= r; i += 4) {
    const o0 = i * c;
    const o1 = o0 + c;
    const o2 = o1 + c;
    const o3 = o2 + c;
    const a0r = i * k;
    for (let p = 0; p < k; p++) {
      const a0 = A[a0r + p];
      const a1 = A[a0r + k + p];
      const a2 = A[a0r + 2 * k + p];
      const a3 = A[a0r + 3 * k + p];
      const bo = p * c;
      for (let j = 0; j < c; j++) {
        const b = B[bo + j];
        C[o0 + j] += a0 * b;
        C[o1 + j] += a1 * b;
        C[o2 + j] += a2 * b;
        C[o3 + j] += a3 * b;
      }
    }
  }
  for (; i < r; i++) {
    const o = i * c;
    for (let p = 0; p < k; p++) {
      const a = A[i * k + p];
      const bo = p * c;
      for (let j = 0; j < c; j++) C[o + j] += a * B[bo + j];
    }
  }
  if (alpha !== 1) for (let t = 0; t < r * c; t++) C[t] *= alpha;
}

/**
 * C[:, c0:c1] = α · A (r×k) · Bᵀ where B is (c×k) row-major: C[i][j] = α Σ_p A[i][p] B[j][p].
 * Overwrites that slice of C (row length c). The reduction runs in chunks of 256 so the rows of
 * A and B being combined stay in cache.
 *
 * Syntax: gemmNT(C, A, B, r, k, c, alpha = 1, c0 = 0, c1 = c)
 *
 * Example: `gemmNT(dW, dZ, APrev, n, m, nPrev, 1 / m); // dW = (1/m) dZ A_prevᵀ`
 *
 * See also: gemmNN, gemmTN, layerBackward
 *
 * Used in: every lesson that runs backprop or train (dW = s · dZ A_prevᵀ).
 */
export function gemmNT(
  C: Float64Array,
  A: Float64Array,
  B: Float64Array,
  r: number,
  k: number,
  c: number,
  alpha = 1,
  c0 = 0,
  c1 = c,
): void {
  for (let i = 0; i < r; i++) C.fill(0, i * c + c0, i * c + c1);
  const KC = 256;
  for (let p0 = 0; p0 < k; p0 += KC) {
    const p1 = Math.min(k, p0 + KC);
    let j = c0;
    for (; j + 4 <= c1; j += 4) {
      const b0 = j * k;
      const b1 = b0 + k;
      const b2 = b1 + k;
      const b3 = b2 + k;
      let i = 0;
      for (; i + 4 <= r; i += 4) {
        const a0 = i * k;
        const a1 = a0 + k;
        const a2 = a1 + k;
        const a3 = a2 + k;
        let s00 = 0, s01 = 0, s02 = 0, s03 = 0;
        let s10 = 0, s11 = 0, s12 = 0, s13 = 0;
        let s20 = 0, s21 = 0, s22 = 0, s23 = 0;
        let s30 = 0, s31 = 0, s32 = 0, s33 = 0;
        for (let p = p0; p < p1; p++) {
          const x0 = A[a0 + p];
          const x1 = A[a1 + p];
          const x2 = A[a2 + p];
          const x3 = A[a3 + p];
          const y0 = B[b0 + p];
          const y1 = B[b1 + p];
          const y2 = B[b2 + p];
          const y3 = B[b3 + p];
          s00 += x0 * y0; s01 += x0 * y1; s02 += x0 * y2; s03 += x0 * y3;
          s10 += x1 * y0; s11 += x1 * y1; s12 += x1 * y2; s13 += x1 * y3;
          s20 += x2 * y0; s21 += x2 * y1; s22 += x2 * y2; s23 += x2 * y3;
          s30 += x3 * y0; s31 += x3 * y1; s32 += x3 * y2; s33 += x3 * y3;
        }
        const o0 = i * c + j;
        const o1 = o0 + c;
        const o2 = o1 + c;
        const o3 = o2 + c;
        C[o0] += s00; C[o0 + 1] += s01; C[o0 + 2] += s02; C[o0 + 3] += s03;
        C[o1] += s10; C[o1 + 1] += s11; C[o1 + 2] += s12; C[o1 + 3] += s13;
        C[o2] += s20; C[o2 + 1] += s21; C[o2 + 2] += s22; C[o2 + 3] += s23;
        C[o3] += s30; C[o3 + 1] += s31; C[o3 + 2] += s32; C[o3 + 3] += s33;
      }
      for (; i < r; i++) ntRowByFour(C, A, B, i, j, k, c, p0, p1);
    }
    for (; j < c1; j++) for (let i = 0; i < r; i++) C[i * c + j] += dotRange(A, B, i * k, j * k, p0, p1);
  }
  if (alpha !== 1) {
    for (let i = 0; i < r; i++) for (let j = c0; j < c1; j++) C[i * c + j] *= alpha;
  }
}

/** The rows i of A against rows j … j + 3 of B, over p0 ≤ p < p1, added into C: gemmNT's edge below its 4×4 blocks. */
function ntRowByFour(C: Float64Array, A: Float64Array, B: Float64Array, i: number, j: number, k: number, c: number, p0: number, p1: number): void {
  const [a0, b0] = [i * k, j * k];
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  for (let p = p0; p < p1; p++) {
    const x = A[a0 + p];
    s0 += x * B[b0 + p];
    s1 += x * B[b0 + k + p];
    s2 += x * B[b0 + 2 * k + p];
    s3 += x * B[b0 + 3 * k + p];
  }
  const o = i * c + j;
  C[o] += s0; C[o + 1] += s1; C[o + 2] += s2; C[o + 3] += s3;
}

/** Σ_{p0 ≤ p < p1} A[a + p] · B[b + p]. */
function dotRange(A: Float64Array, B: Float64Array, a: number, b: number, p0: number, p1: number): number {
  let s = 0;
  for (let p = p0; p < p1; p++) s += A[a + p] * B[b + p];
  return s;
}

/**
 * C (r×c) = α · Aᵀ · B where A is (k×r) and B is (k×c), both row-major: C[i][j] = α Σ_p A[p][i] B[p][j].
 * Overwrites C.
 *
 * Syntax: gemmTN(C, A, B, r, k, c, alpha = 1)
 *
 * Example: `gemmTN(dAPrev, W, dZ, nPrev, n, m); // dA_prev = Wᵀ dZ`
 *
 * See also: gemmNN, gemmNT, layerBackward
 *
 * Used in: every lesson that runs backprop (dA_prev = Wᵀ dZ).
 */
export function gemmTN(C: Float64Array, A: Float64Array, B: Float64Array, r: number, k: number, c: number, alpha = 1): void {
  C.fill(0, 0, r * c);
  for (let p = 0; p < k; p++) {
    const bo = p * c;
    const ao = p * r;
    let i = 0;
    for (; i + 2 <= r; i += 2) {
      const a0 = A[ao + i];
      const a1 = A[ao + i + 1];
      const o0 = i * c;
      const o1 = o0 + c;
      for (let j = 0; j < c; j++) {
        const b = B[bo + j];
        C[o0 + j] += a0 * b;
        C[o1 + j] += a1 * b;
      }
    }
    for (; i < r; i++) {
      const a = A[ao + i];
      const o = i * c;
      for (let j = 0; j < c; j++) C[o + j] += a * B[bo + j];
    }
  }
  if (alpha !== 1) for (let t = 0; t < r * c; t++) C[t] *= alpha;
}

/**
 * Writes the transpose of A (r×c) into T (c×r).
 *
 * Syntax: transposeInto(T, A, r, c): void
 *
 * Example: `transposeInto(T, Float64Array.of(1, 2, 3), 1, 3); // T = [1, 2, 3] as a (3, 1) column`
 *
 * See also: Matrix.transpose, gemmNT
 *
 * Used in: lesson 06-deep-network (train packs Xᵀ once for a wide input).
 */
export function transposeInto(T: Float64Array, A: Float64Array, r: number, c: number): void {
  for (let i = 0; i < r; i++) {
    const o = i * c;
    for (let j = 0; j < c; j++) T[j * r + i] = A[o + j];
  }
}
