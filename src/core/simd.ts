/**
 * A WebAssembly SIMD kernel for the training loop's large products: the same 2×4 blocks of dot
 * products as gemmNT, two doubles per instruction (f64x2). WebAssembly code can only read its
 * own memory, so the arrays it works on are allocated inside one WebAssembly.Memory (an
 * "arena"); the memory is shared so a helper thread (parallel.ts) can run the same kernel on
 * the same arrays. The module is a few hundred bytes, encoded below instruction by instruction.
 *
 * Summation order: each dot product is accumulated in two lanes (even and odd p) that are added
 * at the end, so results differ from the scalar kernel in the last bits (about 1e-16 relative).
 *
 * Used by: train.ts. Not needed by lessons directly.
 */
import { gemmNT } from './kernels';

function leb(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n) b |= 0x80;
    out.push(b);
  } while (n);
  return out;
}

/**
 * The module's bytes: one function nt24(a0, a1, b0, b1, b2, b3, n, out) that writes the 8 dot
 * products of rows a0, a1 with rows b0 … b3 (byte offsets, n bytes long, n a multiple of 16)
 * as doubles at byte offset `out`. Memory is imported as env.mem (shared, `pages` pages).
 */
function simdModuleBytes(pages: number): Uint8Array {
  const I32 = 0x7f;
  const V128 = 0x7b;
  const section = (id: number, body: number[]): number[] => [id, ...leb(body.length), ...body];
  const vec = (items: number[][]): number[] => [...leb(items.length), ...items.flat()];
  const name = (s: string): number[] => [...leb(s.length), ...Array.from(s, (ch) => ch.charCodeAt(0))];
  const type = section(1, vec([[0x60, ...vec(Array.from({ length: 8 }, () => [I32])), 0]]));
  const imports = section(2, vec([[...name('env'), ...name('mem'), 0x02, 0x03, ...leb(pages), ...leb(pages)]]));
  const funcs = section(3, vec([[0]]));
  const exports = section(7, vec([[...name('nt24'), 0x00, 0]]));
  const A = [0, 1];
  const B = [2, 3, 4, 5];
  const N = 6;
  const OUT = 7;
  const P = 8; // byte counter
  const acc = (i: number, j: number): number => 9 + i * 4 + j;
  const X = [17, 18];
  const Y = 19;
  const get = (x: number): number[] => [0x20, ...leb(x)];
  const set = (x: number): number[] => [0x21, ...leb(x)];
  const tee = (x: number): number[] => [0x22, ...leb(x)];
  const simd = (op: number): number[] => [0xfd, ...leb(op)];
  const load = [...simd(0x00), 0x03, 0x00]; // v128.load align=8 offset=0
  const F64X2_ADD = 0xf0;
  const F64X2_MUL = 0xf2;
  const EXTRACT = 0x21;
  const body: number[] = [];
  body.push(0x02, 0x40, ...get(N), 0x45, 0x0d, 0x00, 0x03, 0x40); // block; if n == 0 skip; loop
  for (let i = 0; i < 2; i++) body.push(...get(A[i]), ...get(P), 0x6a, ...load, ...set(X[i]));
  for (let j = 0; j < 4; j++) {
    body.push(...get(B[j]), ...get(P), 0x6a, ...load, ...set(Y));
    for (let i = 0; i < 2; i++) {
      body.push(...get(acc(i, j)), ...get(X[i]), ...get(Y), ...simd(F64X2_MUL), ...simd(F64X2_ADD), ...set(acc(i, j)));
    }
  }
  body.push(...get(P), 0x41, ...leb(16), 0x6a, ...tee(P), ...get(N), 0x49, 0x0d, 0x00, 0x0b, 0x0b); // p += 16; loop while p < n
  for (let i = 0; i < 2; i++) {
    for (let j = 0; j < 4; j++) {
      body.push(...get(OUT), ...get(acc(i, j)), ...simd(EXTRACT), 0x00, ...get(acc(i, j)), ...simd(EXTRACT), 0x01, 0xa0);
      body.push(0x39, 0x03, ...leb((i * 4 + j) * 8)); // f64.store offset
    }
  }
  body.push(0x0b);
  const fn = [...vec([[1, I32], [11, V128]]), ...body];
  const code = section(10, vec([[...leb(fn.length), ...fn]]));
  return new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, ...type, ...imports, ...funcs, ...exports, ...code]);
}

/** The part of the WebAssembly API used here (the project's TypeScript lib has no DOM types). */
interface WasmMemory {
  readonly buffer: SharedArrayBuffer;
}
interface WasmApi {
  Memory: new (descriptor: { initial: number; maximum: number; shared: boolean }) => WasmMemory;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: { nt24: Nt24 } };
  validate(bytes: Uint8Array): boolean;
}
const wasm: WasmApi | undefined = Reflect.get(globalThis, 'WebAssembly');

/** A shared WebAssembly.Memory (typed without DOM lib). */
export type SharedWasmMemory = WasmMemory;

type Nt24 = (a0: number, a1: number, b0: number, b1: number, b2: number, b3: number, n: number, out: number) => void;

/** A shared WebAssembly memory holding arrays, with the kernel instantiated on it. */
export interface SimdArena {
  readonly memory: SharedWasmMemory;
  readonly pages: number;
  /** A zeroed Float64Array of n entries inside the memory. */
  alloc(n: number): Float64Array;
}

/**
 * An arena for `doubles` float64 values in total (plus scratch space for two threads), or null
 * when this runtime has no WebAssembly SIMD or shared memory.
 *
 * Syntax: createSimdArena(doubles: number): SimdArena | null
 *
 * Example: `const arena = createSimdArena(1e6); const W = arena?.alloc(20 * 12288); // W.length === 245760`
 *
 * See also: simdKernel, sharedFloat64
 *
 * Used in: lesson 06-deep-network (the MNIST network's first layer, through train).
 */
export function createSimdArena(doubles: number): SimdArena | null {
  if (!wasm || typeof SharedArrayBuffer !== 'function') return null;
  const bytes = (doubles + 64) * 8 + 1024;
  const pages = Math.ceil(bytes / 65536) + 1;
  let memory: WasmMemory;
  try {
    if (!wasm.validate(simdModuleBytes(pages))) return null;
    memory = new wasm.Memory({ initial: pages, maximum: pages, shared: true });
  } catch {
    return null;
  }
  let next = 64 * 8; // the first 64 doubles: scratch for the kernel's results (two threads)
  return {
    memory,
    pages,
    alloc(n: number): Float64Array {
      const bytesNeeded = Math.max(1, n) * 8;
      if (next + bytesNeeded > memory.buffer.byteLength) throw new RangeError('SIMD arena is full');
      const view = new Float64Array(memory.buffer, next, n);
      next += Math.ceil(bytesNeeded / 16) * 16;
      return view;
    },
  };
}

/** The kernel bound to an arena for one thread; `slot` (0 or 1) picks that thread's scratch. */
export interface SimdKernel {
  /** Same contract as kernels.gemmNT (C[:, c0:c1] = α A Bᵀ), for arrays inside the arena. */
  gemmNT(C: Float64Array, A: Float64Array, B: Float64Array, r: number, k: number, c: number, alpha?: number, c0?: number, c1?: number): void;
}

/**
 * Instantiates the kernel on an arena's memory (each thread makes its own instance).
 *
 * Syntax: simdKernel(memory, pages, slot: 0 | 1): SimdKernel
 *
 * Example: `simdKernel(arena.memory, arena.pages, 0).gemmNT(Z, W, XT, n1, n0, m); // Z = W · XTᵀ, as gemmNT`
 *
 * See also: createSimdArena, gemmNT
 *
 * Used in: lesson 06-deep-network (the MNIST network's first layer, through train).
 */
export function simdKernel(memory: SharedWasmMemory, pages: number, slot: number): SimdKernel {
  if (!wasm) throw new Error('this runtime has no WebAssembly');
  const instance = new wasm.Instance(new wasm.Module(simdModuleBytes(pages)), { env: { mem: memory } });
  const nt24 = instance.exports.nt24;
  const outByte = slot * 16 * 8;
  const scratch = new Float64Array(memory.buffer, outByte, 8);
  return {
    gemmNT(C, A, B, r, k, c, alpha = 1, c0 = 0, c1 = c): void {
      const kEven = k - (k % 2);
      const rEven = r - (r % 2);
      let j = c0;
      for (; j + 4 <= c1; j += 4) {
        const b0 = B.byteOffset + j * k * 8;
        for (let i = 0; i < rEven; i += 2) {
          const a0 = A.byteOffset + i * k * 8;
          nt24(a0, a0 + k * 8, b0, b0 + k * 8, b0 + 2 * k * 8, b0 + 3 * k * 8, kEven * 8, outByte);
          for (let q = 0; q < 8; q++) {
            const ii = i + (q >> 2);
            const jj = j + (q & 3);
            let s = scratch[q];
            if (kEven !== k) s += A[ii * k + k - 1] * B[jj * k + k - 1];
            C[ii * c + jj] = alpha * s;
          }
        }
        if (rEven !== r) {
          const i = r - 1;
          for (let jj = j; jj < j + 4; jj++) {
            let s = 0;
            for (let p = 0; p < k; p++) s += A[i * k + p] * B[jj * k + p];
            C[i * c + jj] = alpha * s;
          }
        }
      }
      if (j < c1) gemmNT(C, A, B, r, k, c, alpha, j, c1);
    },
  };
}
