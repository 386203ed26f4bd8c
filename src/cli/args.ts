/**
 * The command line of `npx backprop-lessons derive`: its options (tokenised by node:util
 * `parseArgs`), their checks, and the help text. Every bad option becomes a `UsageError` whose
 * one-line message names the option and what it accepts; the CLI exits with code 2 on it.
 *
 * Used by: cli.ts. Tests: test/cli.test.js (as a subprocess).
 */
import { parseArgs } from 'node:util';
import type { OutputActivationName } from '../nn/activations';
import { DERIVE_LIMITS, DeriveSpec, deriveActivationNames, deriveConventions, deriveLossNames, WEEK3_SPEC } from '../derive/spec';
import { mutations } from '../derive/mutations';

/** Output formats of the CLI. */
const formats = ['markdown', 'text', 'json', 'html'] as const;
export type Format = (typeof formats)[number];

/** A bad command line: exit code 2, message on one line. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Parsed options of `derive`. */
export interface DeriveOptions {
  spec: DeriveSpec;
  format: Format;
  compare: boolean;
  output?: string;
  mutate?: string;
}

/** The options of `derive`, as node:util parseArgs reads them, each with an example for messages. */
const OPTIONS = {
  layers: { type: 'string', example: '2,4,1' },
  activations: { type: 'string', example: 'tanh,sigmoid' },
  loss: { type: 'string', example: 'cross-entropy' },
  convention: { type: 'string', example: 'loss' },
  format: { type: 'string', example: 'markdown' },
  compare: { type: 'boolean', example: '' },
  examples: { type: 'string', example: '8' },
  seed: { type: 'string', example: '42' },
  output: { type: 'string', example: 'derivation.md' },
  mutate: { type: 'string', example: 'missing-1/m' },
  help: { type: 'boolean', short: 'h', example: '' },
} as const;

type OptionName = keyof typeof OPTIONS;
const optionNames = Object.keys(OPTIONS).filter((k): k is OptionName => k in OPTIONS);
const ALLOWED = optionNames.map((k) => `--${k}`).join(', ');

/**
 * The help of `npx backprop-lessons derive`: every option with its default, its limits and an
 * example, the mutations, the limits and the exit codes.
 *
 * Syntax: helpText(): string
 *
 * Example: `helpText().startsWith('backprop-lessons derive: derive every backpropagation equation'); // true`
 *
 * See also: parseDeriveArgs, DERIVE_LIMITS
 */
export function helpText(): string {
  const mutationLines = Object.entries(mutations).map(([k, v]) => `                       ${k.padEnd(14)} ${v.description}`);
  return [
    'backprop-lessons derive: derive every backpropagation equation of a fully connected network,',
    'checking each step by computation (mathjs for the per-example steps, finite differences on a',
    'random instance for the matrix steps), and print it ready to paste into a forum answer or a lesson.',
    '',
    'Usage:',
    '  npx backprop-lessons derive [options]',
    '  npx backprop-lessons --help',
    '',
    'Options:',
    '  --layers N0,N1,…,NL   layer sizes, inputs first                       default 2,4,1',
    `                        each from 1 to ${grouped(DERIVE_LIMITS.layerSize)}, at most ${DERIVE_LIMITS.layers} layers; e.g. --layers 3,5,5,1`,
    '  --activations G1,…,GL one activation per layer: sigmoid, relu, tanh, linear, softmax (output only)',
    '                        default tanh,sigmoid; with other --layers: tanh on hidden layers and',
    '                        sigmoid (cross-entropy) or linear (squared-error) at the output',
    '                        e.g. --activations relu,relu,sigmoid',
    '  --loss NAME           cross-entropy | squared-error                   default cross-entropy',
    '                        e.g. --loss squared-error',
    '  --convention NAME     where the 1/m goes:                             default loss',
    '                        loss  the course: dZ, dA per example; 1/m in dW and db',
    '                        cost  everything a derivative of J; 1/m in dZ[L] only',
    '                        e.g. --convention cost',
    '  --format NAME         markdown | text | json | html                   default markdown',
    '                        markdown: numbered steps with $$ … $$ math and an equations table',
    '                        html: a standalone page, math rendered offline (KaTeX)',
    '                        e.g. --format html --output derivation.html',
    '  --compare             both notations side by side, the 1/m highlighted, and the measured',
    '                        fact that dW, db agree while dZ, dA differ by m',
    '                        e.g. --compare --format text',
    '  --examples M          examples in the random instance the checks use  default 5',
    `                        from 2 to ${grouped(DERIVE_LIMITS.examples)}`,
    '  --seed S              seed of that random instance                    default 1',
    `                        an integer from 0 to ${grouped(DERIVE_LIMITS.seed)}`,
    '  --output FILE         write to FILE instead of standard output',
    '  --mutate NAME         derive with a known mistake, to see a check fail (exit code 1):',
    ...mutationLines,
    '  --help, -h            this text',
    '  --version             the version of backprop-lessons',
    '',
    'Examples:',
    '  npx backprop-lessons derive',
    '  npx backprop-lessons derive --layers 2,4,1 --activations tanh,sigmoid --loss cross-entropy --convention loss',
    '  npx backprop-lessons derive --layers 4,8,8,3 --activations relu,relu,softmax --convention cost --format text',
    '  npx backprop-lessons derive --compare',
    '  npx backprop-lessons derive --format html --output derivation.html',
    '',
    'Limits: besides the ranges above, --layers and --examples together: the sum over the layers',
    `of l × N(l-1) × N(l) × M at most ${grouped(DERIVE_LIMITS.work)} (784,128,64,10 with M = 5 is 593,280). Within`,
    'them a derivation takes seconds: each matrix is checked at every entry up to 200 entries and',
    'at a seeded random sample of 200 beyond (the output says which).',
    '',
    'Exit codes: 0 every step verified; 1 a step failed its check; 2 bad options (one line naming',
    'the option and the limit or the allowed values, before any work starts); 3 the command could',
    'not run (one line saying why, e.g. KaTeX missing for --format html).',
    '',
  ].join('\n');
}

function isOptionName(name: string | undefined): name is OptionName {
  return name !== undefined && optionNames.some((k) => k === name);
}

/**
 * The options' values as strings (booleans as "true"), read from parseArgs's tokens so that
 * every mistake gets its own message: an unknown option, a value missing or given to a flag,
 * an option given twice, a stray argument.
 */
function readTokens(args: readonly string[]): Map<OptionName, string> {
  const { tokens } = parseArgs({ args: [...args], options: OPTIONS, strict: false, allowPositionals: true, tokens: true });
  const values = new Map<OptionName, string>();
  for (const t of tokens) {
    if (t.kind === 'option-terminator') continue;
    if (t.kind === 'positional') throw new UsageError(`unexpected argument ${JSON.stringify(t.value)} (options start with --; allowed: ${ALLOWED})`);
    if (!isOptionName(t.name)) throw new UsageError(`unknown option ${t.rawName} (allowed: ${ALLOWED})`);
    const option = OPTIONS[t.name];
    const flag = `--${t.name}`;
    let value: string;
    if (option.type === 'boolean') {
      if (t.value !== undefined) throw new UsageError(`${flag} takes no value`);
      value = 'true';
    } else {
      if (t.value === undefined || (!t.inlineValue && t.value.startsWith('--'))) {
        throw new UsageError(`${flag} needs a value (see --help), e.g. ${flag} ${option.example}`);
      }
      value = t.value;
    }
    if (values.has(t.name)) throw new UsageError(`${flag} is given twice`);
    values.set(t.name, value);
  }
  return values;
}

function oneOf<T extends string>(option: string, value: string, allowed: readonly T[]): T {
  const found = allowed.find((a) => a === value);
  if (found === undefined) throw new UsageError(`${option} must be one of ${allowed.join(', ')} (got ${JSON.stringify(value)})`);
  return found;
}

/** 1234567 → "1,234,567" */
function grouped(n: number): string {
  return n.toLocaleString('en-US');
}

/** A whole number written in decimal digits, from min to max; the message names the option, the range and the text given. */
function integer(option: string, text: string, min: number, max: number, example: string): number {
  const n = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!(n >= min && n <= max)) {
    throw new UsageError(`${option} must be an integer from ${grouped(min)} to ${grouped(max)}, e.g. ${option} ${example} (got ${JSON.stringify(text)})`);
  }
  return n;
}

function parseLayers(text: string | undefined): number[] {
  if (text === undefined) return WEEK3_SPEC.layers.slice();
  const { layerSize, layers: maxLayers } = DERIVE_LIMITS;
  const sizes = text.split(',');
  if (sizes.length < 2 || !sizes.every((n) => /^\d+$/.test(n) && Number(n) >= 1)) {
    throw new UsageError(`--layers must be at least two comma-separated integers from 1 to ${grouped(layerSize)}, inputs first, e.g. --layers 2,4,1 (got ${JSON.stringify(text)})`);
  }
  const big = sizes.find((n) => Number(n) > layerSize);
  if (big !== undefined) throw new UsageError(`--layers: ${big} is above the limit of ${grouped(layerSize)} units per layer (got ${JSON.stringify(text)})`);
  if (sizes.length - 1 > maxLayers) throw new UsageError(`--layers describes ${sizes.length - 1} layers, above the limit of ${maxLayers} (got ${JSON.stringify(text)})`);
  return sizes.map(Number);
}

/** The activations given, or the defaults: the course's for the default layers, else tanh then an output that fits the loss. */
function parseActivations(text: string | undefined, layers: number[], defaultLayers: boolean, loss: string): OutputActivationName[] {
  const L = layers.length - 1;
  if (text === undefined) {
    if (defaultLayers && loss === 'cross-entropy') return WEEK3_SPEC.activations.slice();
    const hidden = Array.from({ length: L - 1 }, (): OutputActivationName => 'tanh');
    return [...hidden, loss === 'cross-entropy' ? 'sigmoid' : 'linear'];
  }
  const names = text.split(',').map((s) => s.trim());
  const activations = names.map((n) => {
    const found = deriveActivationNames.find((a) => a === n);
    if (found === undefined) throw new UsageError(`--activations: unknown activation ${JSON.stringify(n)} (allowed: sigmoid, relu, tanh, linear, softmax (output layer only))`);
    return found;
  });
  if (names.length !== L) {
    const s = (k: number): string => (k === 1 ? '' : 's');
    throw new UsageError(`--activations has ${names.length} name${s(names.length)} but --layers ${layers.join(',')} describes ${L} layer${s(L)}: give one activation per layer`);
  }
  return activations;
}

/**
 * Parses the arguments after `derive`. Throws UsageError with a one-line message.
 *
 * Syntax: parseDeriveArgs(args: string[]): DeriveOptions
 *
 * Examples:
 *   parseDeriveArgs(['--layers', '3,1', '--activations', 'sigmoid']).spec.layers;   // [3, 1]
 *   parseDeriveArgs(['--loss=squared-error', '--compare']).compare;                 // true
 *   parseDeriveArgs(['--loss', 'mse']);   // throws UsageError: --loss must be one of cross-entropy, squared-error (got "mse")
 *
 * See also: main, resolveSpec
 */
export function parseDeriveArgs(args: readonly string[]): DeriveOptions {
  const values = readTokens(args);
  const layersText = values.get('layers');
  const layers = parseLayers(layersText);
  const loss = oneOf('--loss', values.get('loss') ?? 'cross-entropy', deriveLossNames);
  const convention = oneOf('--convention', values.get('convention') ?? 'loss', deriveConventions);
  const format = oneOf('--format', values.get('format') ?? 'markdown', formats);
  const activations = parseActivations(values.get('activations'), layers, layersText === undefined, loss);
  const spec: DeriveSpec = { layers, activations, loss, convention };
  const examples = values.get('examples');
  if (examples !== undefined) spec.examples = integer('--examples', examples, 2, DERIVE_LIMITS.examples, OPTIONS.examples.example);
  const seed = values.get('seed');
  if (seed !== undefined) spec.seed = integer('--seed', seed, 0, DERIVE_LIMITS.seed, OPTIONS.seed.example);
  const mutate = values.get('mutate');
  if (mutate !== undefined) oneOf('--mutate', mutate, Object.keys(mutations));
  const output = values.get('output');
  return { spec, format, compare: values.has('compare'), ...(output === undefined ? {} : { output }), ...(mutate === undefined ? {} : { mutate }) };
}

/**
 * True when the arguments ask for help (--help or -h anywhere), which wins over any other option.
 *
 * Syntax: wantsHelp(args: string[]): boolean
 *
 * Example: `wantsHelp(['--layers', '2,1', '-h']); // true`
 *
 * See also: helpText
 */
export function wantsHelp(args: readonly string[]): boolean {
  return args.includes('--help') || args.includes('-h');
}
