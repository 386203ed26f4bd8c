/**
 * `npx backprop-lessons derive …`: a verified derivation for exactly the network in a forum
 * question, as Markdown with math (ready to paste), plain text, JSON or a standalone HTML page.
 *
 * Exit codes: 0 verified; 1 a step failed its check (the failing steps go to stderr);
 * 2 bad options (a one-line error naming the option and the allowed values).
 *
 * Used by: bin/backprop-lessons.js. Tests: test/cli.test.js (as a subprocess).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { deriveWith } from '../derive/derive';
import type { ClaimOverrides, ConventionComparison, Derivation } from '../derive/types';
import type { OutputActivationName } from '../nn/activations';
import { DeriveConvention, DeriveLossName, DeriveSpec, SpecError, deriveActivationNames, deriveConventions, deriveLossNames, WEEK3_SPEC } from '../derive/spec';
import { renderMarkdown, renderText, renderCompareMarkdown, renderCompareText, formatError } from '../derive/render';
import { mutations } from '../derive/mutations';

/** Output formats of the CLI. */
export const formats = ['markdown', 'text', 'json', 'html'] as const;
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

const OPTIONS = ['--layers', '--activations', '--loss', '--convention', '--format', '--compare', '--examples', '--seed', '--output', '--mutate', '--help'];

/** The help text: every option with an example. */
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
    '                        e.g. --layers 3,5,5,1',
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
    '  --seed S              seed of that random instance                    default 1',
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
    'Exit codes: 0 every step verified; 1 a step failed its check; 2 bad options.',
    '',
  ].join('\n');
}

function oneOf<T extends string>(option: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) {
    throw new UsageError(`${option} must be one of ${allowed.join(', ')} (got ${JSON.stringify(value)})`);
  }
  return value as T;
}

function integer(option: string, value: string, min: number, example: string): number {
  if (!/^\d+$/.test(value) || Number(value) < min) {
    throw new UsageError(`${option} must be an integer of at least ${min}, e.g. ${option} ${example} (got ${JSON.stringify(value)})`);
  }
  return Number(value);
}

/**
 * Parses the arguments after `derive`. Throws UsageError with a one-line message.
 *
 * Example: `parseDeriveArgs(['--layers', '3,1', '--activations', 'sigmoid']).spec.layers; // [3, 1]`
 */
export function parseDeriveArgs(args: readonly string[]): DeriveOptions {
  const values = new Map<string, string>();
  let compare = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (!arg.startsWith('--')) throw new UsageError(`unexpected argument ${JSON.stringify(arg)} (options start with --; allowed: ${OPTIONS.join(', ')})`);
    const eq = arg.indexOf('=');
    const name = eq >= 0 ? arg.slice(0, eq) : arg;
    if (!OPTIONS.includes(name)) throw new UsageError(`unknown option ${name} (allowed: ${OPTIONS.join(', ')})`);
    if (name === '--compare') {
      if (eq >= 0) throw new UsageError('--compare takes no value');
      compare = true;
      continue;
    }
    let value: string | undefined;
    if (eq >= 0) value = arg.slice(eq + 1);
    else {
      value = args[i + 1];
      if (value === undefined || value.startsWith('--')) throw new UsageError(`${name} needs a value (see --help), e.g. ${exampleOf(name)}`);
      i++;
    }
    if (values.has(name)) throw new UsageError(`${name} is given twice`);
    values.set(name, value);
  }
  const layersArg = values.get('--layers');
  let layers = WEEK3_SPEC.layers.slice();
  if (layersArg !== undefined) {
    if (!/^\d+(,\d+)+$/.test(layersArg) || layersArg.split(',').some((n) => Number(n) < 1)) {
      throw new UsageError(`--layers must be at least two comma-separated positive integers, inputs first, e.g. --layers 2,4,1 (got ${JSON.stringify(layersArg)})`);
    }
    layers = layersArg.split(',').map(Number);
  }
  const L = layers.length - 1;
  const loss = oneOf('--loss', values.get('--loss') ?? 'cross-entropy', deriveLossNames) as DeriveLossName;
  const convention = oneOf('--convention', values.get('--convention') ?? 'loss', deriveConventions) as DeriveConvention;
  const format = oneOf('--format', values.get('--format') ?? 'markdown', formats);
  let activations: OutputActivationName[];
  const actArg = values.get('--activations');
  if (actArg === undefined) {
    activations =
      layersArg === undefined && loss === 'cross-entropy'
        ? WEEK3_SPEC.activations.slice()
        : [...Array.from({ length: L - 1 }, () => 'tanh' as const), loss === 'cross-entropy' ? 'sigmoid' : 'linear'];
  } else {
    const names = actArg.split(',').map((s) => s.trim());
    names.forEach((n) => {
      if (!(deriveActivationNames as readonly string[]).includes(n)) {
        throw new UsageError(`--activations: unknown activation ${JSON.stringify(n)} (allowed: sigmoid, relu, tanh, linear, softmax (output layer only))`);
      }
    });
    if (names.length !== L) {
      throw new UsageError(
        `--activations has ${names.length} name${names.length === 1 ? '' : 's'} but --layers ${layers.join(',')} describes ${L} layer${L === 1 ? '' : 's'}: give one activation per layer`,
      );
    }
    activations = names as OutputActivationName[];
  }
  const spec: DeriveSpec = { layers, activations, loss, convention };
  const ex = values.get('--examples');
  if (ex !== undefined) spec.examples = integer('--examples', ex, 2, '8');
  const seed = values.get('--seed');
  if (seed !== undefined) spec.seed = integer('--seed', seed, 0, '42');
  const mutate = values.get('--mutate');
  if (mutate !== undefined) oneOf('--mutate', mutate, Object.keys(mutations));
  const output = values.get('--output');
  return { spec, format, compare, ...(output === undefined ? {} : { output }), ...(mutate === undefined ? {} : { mutate }) };
}

function exampleOf(option: string): string {
  const examples: Record<string, string> = {
    '--layers': '--layers 2,4,1',
    '--activations': '--activations tanh,sigmoid',
    '--loss': '--loss cross-entropy',
    '--convention': '--convention loss',
    '--format': '--format markdown',
    '--examples': '--examples 8',
    '--seed': '--seed 42',
    '--output': '--output derivation.md',
    '--mutate': '--mutate missing-1/m',
  };
  return examples[option] ?? option;
}

const FIELD_TO_OPTION: Record<string, string> = {
  layers: '--layers',
  activations: '--activations',
  loss: '--loss',
  convention: '--convention',
  examples: '--examples',
  seed: '--seed',
};

/** Where the CLI writes. */
export interface CliIO {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  /** Whether stdout is a terminal (ANSI highlighting in --compare text). */
  isTTY?: boolean;
}

function failureLines(d: Derivation): string[] {
  return d.failures.map(
    (s) => `verification failed at step ${s.number} (${s.equation}, "${d.spec.convention}" notation): ${s.title}; ${s.check.method}; max error ${formatError(s.check.maxError)} > ${formatError(s.check.tolerance)}`,
  );
}

/**
 * Runs the CLI with the arguments after the program name; returns the exit code.
 *
 * Syntax: main(argv: string[], io?: CliIO): number
 *
 * Example: `main(['derive', '--format', 'text']); // prints the derivation, returns 0`
 */
export function main(argv: readonly string[], io: CliIO = defaultIO()): number {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    io.stdout(helpText());
    return 0;
  }
  if (command === '--version') {
    io.stdout(`${packageVersion()}\n`);
    return 0;
  }
  if (command !== 'derive') {
    io.stderr(`backprop-lessons: unknown command ${JSON.stringify(command)} (allowed: derive; see --help)\n`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(helpText());
    return 0;
  }
  let options: DeriveOptions;
  try {
    options = parseDeriveArgs(rest);
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr(`backprop-lessons derive: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
  const overrides = (c: DeriveConvention): ClaimOverrides => (options.mutate === undefined ? {} : (mutations[options.mutate] as (typeof mutations)[string]).overrides(c));
  let out: string;
  let failed: string[];
  try {
    if (options.compare) {
      const comparison = compareWith(options.spec, overrides);
      failed = [...failureLines(comparison.loss), ...failureLines(comparison.cost)];
      out = renderComparison(comparison, options.format, io.isTTY === true && options.output === undefined);
    } else {
      const d = deriveWith(options.spec, overrides(options.spec.convention));
      failed = failureLines(d);
      out = renderDerivation(d, options.format);
    }
  } catch (err) {
    if (err instanceof SpecError) {
      const option = FIELD_TO_OPTION[err.field] ?? err.field;
      io.stderr(`backprop-lessons derive: ${option}: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
  if (options.output !== undefined) {
    try {
      writeFileSync(options.output, out);
    } catch (err) {
      io.stderr(`backprop-lessons derive: --output: cannot write ${JSON.stringify(options.output)}: ${err instanceof Error ? err.message : String(err)}\n`);
      return 2;
    }
    io.stderr(`wrote ${options.output}\n`);
  } else {
    io.stdout(out);
  }
  if (failed.length > 0) {
    io.stderr(`${failed.join('\n')}\n`);
    return 1;
  }
  return 0;
}

function compareWith(spec: DeriveSpec, overrides: (c: DeriveConvention) => ClaimOverrides): ConventionComparison {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { compareConventionsWith } = require('../derive/compare') as typeof import('../derive/compare');
  return compareConventionsWith(spec, overrides);
}

function renderDerivation(d: Derivation, format: Format): string {
  switch (format) {
    case 'markdown':
      return renderMarkdown(d);
    case 'text':
      return renderText(d);
    case 'json':
      return `${JSON.stringify(d, null, 2)}\n`;
    case 'html': {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { derivationToHtml } = require('../derive/html') as typeof import('../derive/html');
      return derivationToHtml(d);
    }
  }
}

function renderComparison(c: ConventionComparison, format: Format, color: boolean): string {
  switch (format) {
    case 'markdown':
      return renderCompareMarkdown(c);
    case 'text':
      return renderCompareText(c, { color });
    case 'json':
      return `${JSON.stringify({ m: c.m, passed: c.passed, rows: c.rows, loss: c.loss, cost: c.cost }, null, 2)}\n`;
    case 'html': {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { comparisonToHtml } = require('../derive/html') as typeof import('../derive/html');
      return comparisonToHtml(c);
    }
  }
}

/** The version in the package's package.json (two folders above this compiled file: dist/cli/). */
function packageVersion(): string {
  const pkg: unknown = JSON.parse(readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8'));
  const version = typeof pkg === 'object' && pkg !== null && 'version' in pkg ? pkg.version : undefined;
  return typeof version === 'string' ? version : 'unknown';
}

function defaultIO(): CliIO {
  return {
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    isTTY: process.stdout.isTTY === true,
  };
}
