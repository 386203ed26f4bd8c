/**
 * The network a derivation is about, and its validation. Every error names the field and the
 * value at fault, so a learner who mistypes an activation in a lesson cell (or a CLI option)
 * sees exactly what to change.
 *
 * Used by: derive.ts, cli.ts. Used in: lessons 01, 05, 06 (the spec in each parameters cell).
 */
import { activationNames, ActivationName, OutputActivationName } from '../nn/activations';
import type { LossName } from '../nn/losses';

/** Where the 1/m goes: "loss" (the course: dZ, dA per example; 1/m in dW, db) or "cost" (everything ∂J; 1/m in dZ[L]). */
export type DeriveConvention = 'loss' | 'cost';
/** The losses a spec names. Cross-entropy after a softmax is derived as the categorical one. */
export type DeriveLossName = Exclude<LossName, 'categorical-cross-entropy'>;

/**
 * What `derive` is asked about.
 *
 * - `layers`: the sizes n[0] … n[L] (n[0] is the number of input features).
 * - `activations`: one name per layer, layer 1 first (L entries).
 * - `loss`, `convention`: see the types.
 * - `examples`: m of the random instance the matrix steps are checked on (default 5, from 2 to 1,000).
 * - `seed`: seed of that random instance (default 1; an integer from 0 to 2³² − 1).
 *
 * Every number has a limit (DERIVE_LIMITS), checked before any work starts.
 */
export interface DeriveSpec {
  layers: readonly number[];
  activations: readonly OutputActivationName[];
  loss: DeriveLossName;
  convention: DeriveConvention;
  examples?: number;
  seed?: number;
}

/** A validated spec with defaults filled in; `L` is the number of layers. */
export interface ResolvedSpec {
  layers: number[];
  activations: OutputActivationName[];
  loss: DeriveLossName;
  convention: DeriveConvention;
  examples: number;
  seed: number;
  L: number;
}

/** The losses a spec may name, for error messages and the CLI. Example: `deriveLossNames.join(', '); // 'cross-entropy, squared-error'` */
export const deriveLossNames: readonly DeriveLossName[] = Object.freeze(['cross-entropy', 'squared-error']);
/** The notations a spec may name. Example: `deriveConventions.join(', '); // 'loss, cost'` */
export const deriveConventions: readonly DeriveConvention[] = Object.freeze(['loss', 'cost']);
/** The activations a spec may name: nn's element-wise table, and softmax (output layer only). Example: `deriveActivationNames.join(', '); // 'sigmoid, relu, tanh, linear, softmax'` */
export const deriveActivationNames: readonly OutputActivationName[] = Object.freeze([...activationNames, 'softmax']);

/**
 * The largest spec derive() accepts. Beyond them a check would take minutes or gigabytes; within
 * them every derivation finishes in seconds (each matrix step re-runs the layers above it at
 * most 4 × MATRIX_SAMPLE times). The CLI's --help and the README list the same numbers.
 *
 * Example: `DERIVE_LIMITS.layerSize; // 100000`
 *
 * See also: resolveSpec, checkWork
 */
export const DERIVE_LIMITS = Object.freeze({
  /** Units in one layer, n[l] (n[0]: input features). */
  layerSize: 100_000,
  /** Layers L (weight matrices): `layers` has at most this many + 1 sizes. */
  layers: 20,
  /** Examples m of the random instance (at least 2: with m = 1 a missing 1/m cannot be seen). */
  examples: 1_000,
  /** The seed of the random instance: an integer from 0 to this. */
  seed: 4_294_967_295,
  /** Σ_l l · n[l−1] · n[l] · m: the multiply-adds of re-running, once for every layer, the layers above it (see checkWork). */
  work: 1_000_000,
});

/** 1234567 → "1,234,567" */
function grouped(n: number): string {
  return n.toLocaleString('en-US');
}

/**
 * The work of checking a network, Σ_l l · n[l−1] · n[l] · m: layer l's weights are re-run by the
 * checks of every layer at or below it, m examples at a time. derive() refuses a spec above
 * DERIVE_LIMITS.work.
 *
 * Syntax: checkWork(layers: number[], m: number): number
 *
 * Examples:
 *   checkWork([2, 4, 1], 5);              // 80      (1·2·4·5 + 2·4·1·5)
 *   checkWork([784, 128, 64, 10], 5);     // 593,280
 *
 * See also: DERIVE_LIMITS, resolveSpec
 */
export function checkWork(layers: readonly number[], m: number): number {
  let work = 0;
  for (let l = 1; l < layers.length; l++) work += l * layers[l - 1] * layers[l] * m;
  return work;
}

/**
 * The course's week-3 network: 2 inputs, 4 tanh units, 1 sigmoid output, cross-entropy, the
 * course's "loss" notation; what `npx backprop-lessons derive` derives with no options.
 *
 * Example: `derive(WEEK3_SPEC).equations['dZ[2]']; // 'dZ^{[2]} = A^{[2]} - Y'`
 *
 * See also: derive
 *
 * Derived in: lesson 05-one-hidden-layer.
 */
export const WEEK3_SPEC: Readonly<DeriveSpec> = Object.freeze<DeriveSpec>({
  layers: [2, 4, 1],
  activations: ['tanh', 'sigmoid'],
  loss: 'cross-entropy',
  convention: 'loss',
});

/**
 * A bad spec: `field` is the name of the field at fault ("layers", "activations", "loss",
 * "convention", "examples", "seed") and `value` its offending value.
 */
export class SpecError extends RangeError {
  readonly field: string;
  readonly value: unknown;
  constructor(field: string, value: unknown, message: string) {
    super(message);
    this.name = 'SpecError';
    this.field = field;
    this.value = value;
  }
}

function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return JSON.stringify(value);
  if (value === undefined) return 'undefined';
  if (typeof value === 'number') return String(value);
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

function isOneOf<T extends string>(value: unknown, allowed: readonly T[]): value is T {
  return allowed.some((name) => name === value);
}

/**
 * The activation of hidden layer l (1 ≤ l < L), which resolveSpec keeps element-wise (softmax is
 * allowed on the output layer only); throws for a layer without one.
 *
 * Syntax: hiddenActivation(spec: ResolvedSpec, l: number): ActivationName
 *
 * Example: `hiddenActivation(resolveSpec(WEEK3_SPEC), 1); // 'tanh'`
 *
 * See also: resolveSpec
 */
export function hiddenActivation(spec: ResolvedSpec, l: number): ActivationName {
  const name = spec.activations[l - 1];
  if (name === undefined || name === 'softmax') throw new RangeError(`layer ${l} has no element-wise activation (activations = ${show(spec.activations)})`);
  return name;
}

function checkLayers(layers: unknown): number[] {
  if (!Array.isArray(layers) || layers.length < 2) {
    throw new SpecError('layers', layers, `layers must be an array of at least 2 sizes n[0] … n[L], got ${show(layers)}`);
  }
  if (layers.length - 1 > DERIVE_LIMITS.layers) {
    throw new SpecError('layers', layers, `layers describes ${layers.length - 1} layers, above the limit of ${DERIVE_LIMITS.layers} (layers = ${show(layers)})`);
  }
  return layers.map((n: unknown, i) => {
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > DERIVE_LIMITS.layerSize) {
      throw new SpecError('layers', layers, `layers[${i}] must be an integer from 1 to ${grouped(DERIVE_LIMITS.layerSize)}, got ${show(n)} (layers = ${show(layers)})`);
    }
    return n;
  });
}

/** An integer in [min, max], or a SpecError naming the field, the range and the value. */
function integerIn(field: string, value: unknown, min: number, max: number, why = ''): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new SpecError(field, value, `${field} must be an integer from ${grouped(min)} to ${grouped(max)}${why}, got ${show(value)}`);
  }
  return value;
}

function checkActivations(activations: unknown, layers: number[]): OutputActivationName[] {
  const L = layers.length - 1;
  if (!Array.isArray(activations)) {
    throw new SpecError('activations', activations, `activations must be an array of ${L} names (one per layer), got ${show(activations)}`);
  }
  if (activations.length !== L) {
    throw new SpecError('activations', activations, `activations has ${activations.length} entries but layers describes ${L} layers (layers = ${show(layers)})`);
  }
  return activations.map((name: unknown, i) => {
    if (!isOneOf(name, deriveActivationNames)) {
      throw new SpecError('activations', name, `unknown activation ${show(name)} in activations[${i}] (expected one of: ${activationNames.join(', ')}, softmax (output layer only))`);
    }
    if (name === 'softmax' && i < L - 1) {
      throw new SpecError('activations', name, `activations[${i}] is "softmax", which is allowed on the output layer only (activations[${L - 1}])`);
    }
    return name;
  });
}

/** The output activation and the loss must fit: cross-entropy needs probabilities, softmax needs cross-entropy and 2 units. */
function checkOutput(layers: number[], out: OutputActivationName, loss: DeriveLossName): void {
  const L = layers.length - 1;
  if (loss === 'cross-entropy' && out !== 'sigmoid' && out !== 'softmax') {
    throw new SpecError('activations', out, `loss "cross-entropy" needs a sigmoid or softmax output, but activations[${L - 1}] is ${show(out)} (its output is not a probability in (0, 1))`);
  }
  if (out === 'softmax' && loss !== 'cross-entropy') {
    throw new SpecError('loss', loss, `a softmax output (activations[${L - 1}]) is derived with loss "cross-entropy" only, got ${show(loss)}`);
  }
  if (out === 'softmax' && layers[L] < 2) {
    throw new SpecError('layers', layers, `a softmax output needs at least 2 units, but layers[${L}] is ${show(layers[L])}`);
  }
}

/**
 * Checks a spec and fills in the defaults. Throws a `SpecError` naming the field and value.
 *
 * Syntax: resolveSpec(spec: DeriveSpec): ResolvedSpec
 *
 * Examples:
 *   resolveSpec(WEEK3_SPEC).L;   // 2
 *   resolveSpec({ ...WEEK3_SPEC, activations: ['tanh'] });
 *   // throws: activations has 1 entries but layers describes 2 layers (layers = [2,4,1])
 *   resolveSpec({ ...WEEK3_SPEC, loss: 'mse' });
 *   // throws: unknown loss "mse" in loss (expected one of: cross-entropy, squared-error)
 *
 * See also: derive, SpecError
 */
export function resolveSpec(spec: DeriveSpec): ResolvedSpec {
  const input: unknown = spec;
  if (input === null || typeof input !== 'object') {
    throw new SpecError('spec', input, `spec must be an object { layers, activations, loss, convention }, got ${show(input)}`);
  }
  const layers = checkLayers(spec.layers);
  const activations = checkActivations(spec.activations, layers);
  const loss: unknown = spec.loss;
  if (!isOneOf(loss, deriveLossNames)) {
    throw new SpecError('loss', loss, `unknown loss ${show(loss)} in loss (expected one of: ${deriveLossNames.join(', ')})`);
  }
  const convention: unknown = spec.convention;
  if (!isOneOf(convention, deriveConventions)) {
    throw new SpecError('convention', convention, `unknown convention ${show(convention)} in convention (expected one of: ${deriveConventions.join(', ')})`);
  }
  const L = layers.length - 1;
  checkOutput(layers, activations[L - 1], loss);
  const examples = integerIn('examples', spec.examples ?? 5, 2, DERIVE_LIMITS.examples, ' (with m = 1 a missing 1/m cannot be seen)');
  const seed = integerIn('seed', spec.seed ?? 1, 0, DERIVE_LIMITS.seed);
  const work = checkWork(layers, examples);
  if (work > DERIVE_LIMITS.work) {
    throw new SpecError(
      'layers',
      layers,
      `a ${layers.join('-')} network with m = ${examples} examples is too large to check: Σ l·n[l−1]·n[l]·m = ${grouped(work)} is above the limit of ${grouped(DERIVE_LIMITS.work)} (fewer or smaller layers, or fewer examples)`,
    );
  }
  return { layers, activations, loss, convention, examples, seed, L };
}
