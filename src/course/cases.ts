/**
 * The course's published test cases (inputs, expected outputs, tolerances), read from
 * test/fixtures/conformance-cases.json, with typed access to their inputs: a lesson reads
 * `publishedCase("c1w3_backward_propagation").matrix("X")` instead of parsing JSON by hand.
 *
 * Used in: lessons 02, 05, 06, 07, 08 (the course's own tests), and the conformance test.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Matrix } from '../core/matrix';
import type { NetworkParameters } from '../nn/network';
import type { LayerCache } from './week4';

/** A JSON value as the fixture stores it. */
export type Json = number | boolean | string | null | Json[] | { [key: string]: Json };

/** A published output's tolerance: |ours − published| ≤ atol + rtol·|published|, or ours < max. */
export interface CaseTolerance {
  atol?: number;
  rtol?: number;
  /** A round-off-bound output (a gradient check's difference) only has to stay below this. */
  max?: number;
}

/** The fixture's path: from src/course/ or dist/course/, two folders up is the repository. */
const FIXTURE = path.resolve(__dirname, '..', '..', 'test', 'fixtures', 'conformance-cases.json');

function isObject(v: Json | undefined): v is { [key: string]: Json } {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function isRows(v: Json | undefined): v is number[][] {
  return Array.isArray(v) && v.every((row) => Array.isArray(row) && row.every((x) => typeof x === 'number'));
}

function toMatrix(where: string, v: Json | undefined): Matrix {
  if (!isRows(v)) throw new TypeError(`${where} is not a matrix (a list of rows of numbers): ${JSON.stringify(v)?.slice(0, 80)}`);
  return Matrix.from(v);
}

/**
 * One published case of the course: what function it tests, its inputs and arguments, the
 * published outputs and their tolerances. Read inputs with the typed accessors.
 *
 * Syntax:
 *   const c = publishedCase(name);
 *   c.matrix(key)          // an input as a Matrix (a list of rows)
 *   c.matrices(key)        // an input dictionary of matrices ({ W1, b1, … }, a cache) as matrices
 *   c.number(key)          // a numeric input
 *   c.layerCaches(key)     // week-4 layer caches (a list, or one) as { APrev, W, b, Z }
 *   c.arg(key)             // an argument (learning rate, epsilon, activation name)
 *   c.expectedMatrix(key)  // a published output as a Matrix
 *
 * Example:
 *   const c = publishedCase('c2w1_gradient_check_n_planted_bugs');
 *   c.matrix('X').shape;                        // [4, 3]
 *   Object.keys(c.matrices('parameters'));      // ['W1', 'b1', 'W2', 'b2', 'W3', 'b3']
 *   c.expected.difference;                      // 0.2850931567761623
 *
 * See also: publishedCases, runPublishedCases
 *
 * Used in: lessons 02, 05, 06, 07.
 */
export class PublishedCase {
  readonly name: string;
  /** The course's (Python) name of the function under test, e.g. "linear_backward". */
  readonly function: string;
  readonly inputs: { [key: string]: Json };
  readonly args: { [key: string]: Json };
  /** The published outputs, by the course's output names. */
  readonly expected: { [key: string]: Json };
  /** The outputs as the course printed them (text), when recorded. */
  readonly printed: { [key: string]: string };
  readonly tolerance: { [key: string]: CaseTolerance };

  constructor(raw: Json) {
    if (!isObject(raw) || typeof raw.name !== 'string' || typeof raw.function !== 'string') {
      throw new TypeError(`a published case needs a name and a function: ${JSON.stringify(raw)?.slice(0, 80)}`);
    }
    const part = (key: string): { [key: string]: Json } => {
      const v = raw[key];
      if (v === undefined) return {};
      if (!isObject(v)) throw new TypeError(`published case ${String(raw.name)}: ${key} is not an object`);
      return v;
    };
    this.name = raw.name;
    this.function = raw.function;
    this.inputs = part('inputs');
    this.args = part('args');
    this.expected = part('expected');
    this.printed = Object.fromEntries(Object.entries(part('printed')).map(([k, v]) => [k, String(v)]));
    this.tolerance = Object.fromEntries(Object.entries(part('tolerance')).map(([k, v]) => [k, toleranceOf(this.name, k, v)]));
  }

  private input(key: string): Json {
    const v = this.inputs[key];
    if (v === undefined) throw new RangeError(`published case ${this.name}: no input ${JSON.stringify(key)} (inputs: ${Object.keys(this.inputs).join(', ')})`);
    return v;
  }

  /** An input as a Matrix. */
  matrix(key: string): Matrix {
    return toMatrix(`published case ${this.name}: input ${key}`, this.input(key));
  }

  /** An input dictionary ({ W1, b1, … }, a cache) with every entry as a Matrix. */
  matrices(key: string): NetworkParameters {
    const v = this.input(key);
    if (!isObject(v)) throw new TypeError(`published case ${this.name}: input ${key} is not a dictionary of matrices`);
    const out: NetworkParameters = {};
    for (const [k, x] of Object.entries(v)) out[k] = toMatrix(`published case ${this.name}: input ${key}.${k}`, x);
    return out;
  }

  /**
   * A week-4 cache input as the course functions take it: each { A_prev, W, b, Z } of the
   * course becomes { APrev, W, b, Z }. A list of caches (L_model_backward's `caches`) gives one
   * per layer, first layer first; a single cache (linear_activation_backward's) a list of one.
   *
   * Syntax: c.layerCaches(key): LayerCache[]
   *
   * Examples:
   *   publishedCase('c1w4_L_model_backward').layerCaches('caches').map((k) => k.Z.shape);   // [[3, 2], [1, 2]]
   *   publishedCase('c1w4_linear_backward').layerCaches('linear_cache');   // throws: … linear_cache.Z is not a matrix …
   *
   * See also: matrices, lModelBackward, linearActivationBackward
   *
   * Used in: lesson 06-deep-network (the trap in L_model_backward, exercise 3).
   */
  layerCaches(key: string): LayerCache[] {
    const v = this.input(key);
    const list = Array.isArray(v) ? v : [v];
    return list.map((item, i) => {
      const where = `published case ${this.name}: input ${key}${Array.isArray(v) ? `[${i}]` : ''}`;
      if (!isObject(item)) throw new TypeError(`${where} is not a cache (a dictionary with A_prev, W, b, Z)`);
      const m = (k: string): Matrix => toMatrix(`${where}.${k}`, item[k]);
      return { APrev: m('A_prev'), W: m('W'), b: m('b'), Z: m('Z') };
    });
  }

  /** A numeric input. */
  number(key: string): number {
    const v = this.input(key);
    if (typeof v !== 'number') throw new TypeError(`published case ${this.name}: input ${key} is not a number: ${JSON.stringify(v)}`);
    return v;
  }

  /** An argument of the call (a number or a name). */
  arg(key: string): number | string {
    const v = this.args[key];
    if (typeof v !== 'number' && typeof v !== 'string') {
      throw new RangeError(`published case ${this.name}: no argument ${JSON.stringify(key)} (arguments: ${Object.keys(this.args).join(', ') || 'none'})`);
    }
    return v;
  }

  /** A published output as a Matrix. */
  expectedMatrix(key: string): Matrix {
    const v = this.expected[key];
    if (v === undefined) throw new RangeError(`published case ${this.name}: no output ${JSON.stringify(key)} (outputs: ${Object.keys(this.expected).join(', ')})`);
    return toMatrix(`published case ${this.name}: output ${key}`, v);
  }
}

function toleranceOf(name: string, key: string, v: Json): CaseTolerance {
  if (!isObject(v)) throw new TypeError(`published case ${name}: the tolerance of ${key} is not an object`);
  const out: CaseTolerance = {};
  for (const k of ['atol', 'rtol', 'max'] as const) {
    const x = v[k];
    if (x === undefined) continue;
    if (typeof x !== 'number' || !(x >= 0)) throw new TypeError(`published case ${name}: tolerance ${key}.${k} is not a non-negative number`);
    out[k] = x;
  }
  return out;
}

let cache: PublishedCase[] | undefined;

function allCases(): PublishedCase[] {
  if (cache === undefined) {
    const raw: unknown = JSON.parse(fs.readFileSync(FIXTURE, 'utf8'));
    if (!Array.isArray(raw)) throw new TypeError(`${FIXTURE} does not hold a list of cases`);
    cache = raw.map((c: Json) => new PublishedCase(c));
  }
  return cache;
}

/**
 * The course's published cases whose name starts with `prefix` ("" for all 27), in the
 * fixture's order. Names start with the course and week: c1w2_ (logistic regression), c1w3_
 * (one hidden layer), c1w4_ (deep network), c2w1_ (gradient checking).
 *
 * Syntax: publishedCases(prefix = ""): PublishedCase[]
 *
 * Examples:
 *   publishedCases().length;                        // 27
 *   publishedCases('c1w3_').map((c) => c.name);     // ['c1w3_forward_propagation', 'c1w3_compute_cost', …]
 *   publishedCases('c9');                           // throws: no published case starts with "c9" (prefixes: c1w2_, c1w3_, c1w4_, c2w1_)
 *
 * See also: publishedCase, runPublishedCases
 *
 * Used in: lessons 02, 05, 06, 07.
 */
export function publishedCases(prefix = ''): PublishedCase[] {
  const found = allCases().filter((c) => c.name.startsWith(prefix));
  if (found.length === 0) {
    const prefixes = [...new Set(allCases().map((c) => c.name.slice(0, 5)))];
    throw new RangeError(`no published case starts with ${JSON.stringify(prefix)} (prefixes: ${prefixes.join(', ')})`);
  }
  return found;
}

/**
 * One published case by its full name.
 *
 * Syntax: publishedCase(name): PublishedCase
 *
 * Examples:
 *   publishedCase('c1w3_backward_propagation').matrix('X').shape;   // [2, 3]
 *   publishedCase('c1w3_backprop');   // throws: no published case named "c1w3_backprop" (did you mean: c1w3_backward_propagation, …)
 *
 * See also: publishedCases, runPublishedCases
 *
 * Used in: lessons 05, 07, 08.
 */
export function publishedCase(name: string): PublishedCase {
  const found = allCases().find((c) => c.name === name);
  if (found !== undefined) return found;
  const near = allCases().filter((c) => c.name.slice(0, 5) === name.slice(0, 5)).map((c) => c.name);
  throw new RangeError(`no published case named ${JSON.stringify(name)} (${near.length > 0 ? `did you mean: ${near.join(', ')}` : `names start with c1w2_, c1w3_, c1w4_, c2w1_`})`);
}
