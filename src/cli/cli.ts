/**
 * `npx backprop-lessons derive …`: a verified derivation for exactly the network in a forum
 * question, as Markdown with math (ready to paste), plain text, JSON or a standalone HTML page.
 *
 * Exit codes: 0 verified; 1 a step failed its check (the failing steps go to stderr);
 * 2 bad options (a one-line error naming the option and the allowed values or the limit);
 * 3 the command could not run (one line saying why).
 *
 * Used by: bin/backprop-lessons.js. Tests: test/cli.test.js (as a subprocess).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { deriveWith } from '../derive/derive';
import type { ClaimOverrides, ConventionComparison, Derivation } from '../derive/types';
import { DeriveConvention, SpecError } from '../derive/spec';
import { compareConventionsWith } from '../derive/compare';
import { comparisonToHtml, derivationToHtml } from '../derive/html';
import { DeriveOptions, Format, UsageError, helpText, parseDeriveArgs, wantsHelp } from './args';
import { renderMarkdown, renderText, renderCompareMarkdown, renderCompareText, formatError } from '../derive/render';
import { mutations } from '../derive/mutations';

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

/** The one-line message of a bad option or spec (exit code 2), or undefined for any other error. */
function usageMessage(err: unknown): string | undefined {
  if (err instanceof UsageError) return err.message;
  if (err instanceof SpecError) return `${FIELD_TO_OPTION[err.field] ?? err.field}: ${err.message}`;
  return undefined;
}

/** The derivation (or both notations) the options ask for, rendered, and the lines of its failed steps. */
function produce(options: DeriveOptions, color: boolean): { out: string; failed: string[] } {
  const mutation = options.mutate === undefined ? undefined : mutations[options.mutate];
  const overrides = (c: DeriveConvention): ClaimOverrides => mutation?.overrides(c) ?? {};
  if (options.compare) {
    const comparison = compareConventionsWith(options.spec, overrides);
    return { out: renderComparison(comparison, options.format, color), failed: [...failureLines(comparison.loss), ...failureLines(comparison.cost)] };
  }
  const d = deriveWith(options.spec, overrides(options.spec.convention));
  return { out: renderDerivation(d, options.format), failed: failureLines(d) };
}

/** Runs `derive` with parsed options: writes the result, then the failed steps; returns the exit code. */
function runDerive(options: DeriveOptions, io: CliIO): number {
  const { out, failed } = produce(options, io.isTTY === true && options.output === undefined);
  if (options.output === undefined) {
    io.stdout(out);
  } else {
    try {
      writeFileSync(options.output, out);
    } catch (err) {
      io.stderr(`backprop-lessons derive: --output: cannot write ${JSON.stringify(options.output)}: ${err instanceof Error ? err.message : String(err)}\n`);
      return 2;
    }
    io.stderr(`wrote ${options.output}\n`);
  }
  if (failed.length === 0) return 0;
  io.stderr(`${failed.join('\n')}\n`);
  return 1;
}

/**
 * Runs the CLI with the arguments after the program name; returns the exit code: 0 every step
 * verified, 1 a step failed its check, 2 a bad option (one line on stderr naming it), 3 the
 * command could not run (KaTeX missing for --format html, say; one line on stderr).
 *
 * Syntax: main(argv: string[], io?: CliIO): number
 *
 * Examples:
 *   main(['derive', '--format', 'text']);          // prints the derivation, returns 0
 *   main(['derive', '--mutate', 'missing-1/m']);   // prints it with the failed steps, returns 1
 *   main(['derive', '--loss', 'mse']);             // one line on stderr, returns 2
 *
 * See also: parseDeriveArgs, deriveWith, compareConventionsWith
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
  if (wantsHelp(rest)) {
    io.stdout(helpText());
    return 0;
  }
  try {
    return runDerive(parseDeriveArgs(rest), io);
  } catch (err) {
    const message = usageMessage(err);
    if (message !== undefined) {
      io.stderr(`backprop-lessons derive: ${message}\n`);
      return 2;
    }
    // Not the user's options and not a failed step: say what broke on one line, without a stack trace.
    io.stderr(`backprop-lessons derive: could not run: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}\n`);
    return 3;
  }
}

function renderDerivation(d: Derivation, format: Format): string {
  switch (format) {
    case 'markdown':
      return renderMarkdown(d);
    case 'text':
      return renderText(d);
    case 'json':
      return `${JSON.stringify(d, null, 2)}\n`;
    case 'html':
      return derivationToHtml(d);
  }
}

function renderComparison(c: ConventionComparison, format: Format, color: boolean): string {
  switch (format) {
    case 'markdown':
      return renderCompareMarkdown(c);
    case 'text':
      return renderCompareText(c, { color });
    case 'json':
      return `${JSON.stringify(c, null, 2)}\n`;
    case 'html':
      return comparisonToHtml(c);
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
