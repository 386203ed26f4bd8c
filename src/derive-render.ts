/**
 * Renderings of a derivation: Markdown with `$$ … $$` display math (for a notebook, a forum
 * answer or GitHub), compact plain text (a terminal), and `show()` in a notebook.
 * HTML lives in derive-html.ts (it needs KaTeX).
 *
 * Used by: derive.ts (`toMarkdown`, `toText`, `show`), cli.ts.
 */
import { displayBundle } from './display';
import type { Derivation, DerivationStep } from './derive';
import type { ResolvedSpec } from './derive-spec';

/** An error for humans: 0, 1.2e-13, or ∞. */
export function formatError(x: number): string {
  if (x === 0) return '0';
  if (!Number.isFinite(x)) return '∞';
  return x.toExponential(1);
}

/** Escapes Markdown emphasis and code characters in prose (never in math). */
export function mdEscape(s: string): string {
  return s.replace(/([\\`*_])/g, '\\$1');
}

/** "a 2-4-1 network (tanh, sigmoid), cross-entropy loss, "loss" notation" */
export function describeSpec(spec: ResolvedSpec): string {
  return `a ${spec.layers.join('-')} network (${spec.activations.join(', ')}), ${spec.loss} loss, "${spec.convention}" notation`;
}

/** One sentence on what the notation means. */
export function conventionSentence(spec: ResolvedSpec): string {
  return spec.convention === 'loss'
    ? 'In the "loss" notation (the course\'s), dZ and dA are derivatives of the per-example loss, one column per example; only dW and db are derivatives of J, so the 1/m appears in dW and db and nowhere else.'
    : 'In the "cost" notation, every quantity is a derivative of the cost J, so the 1/m enters at dZ[L] and nowhere after; dW and db come out the same as in the course, dZ and dA are 1/m of the course\'s.';
}

function checkLine(step: DerivationStep): string {
  const mark = step.check.passed ? '✓' : '✗ FAILED';
  return `${mark} ${step.check.method}; max error ${formatError(step.check.maxError)} (tolerance ${formatError(step.check.tolerance)}).`;
}

/**
 * The derivation as Markdown: a heading, numbered steps (title, rule, display math, how it was
 * checked), then a table of the final equations.
 *
 * Syntax: renderMarkdown(derivation): string
 *
 * Example: `renderMarkdown(derive(WEEK3_SPEC)).includes('$$'); // true`
 */
export function renderMarkdown(d: Derivation, options: { heading?: string } = {}): string {
  const { spec } = d;
  const verified = d.steps.filter((s) => s.check.passed).length;
  const lines: string[] = [];
  lines.push(`${options.heading ?? '##'} Backpropagation for ${mdEscape(describeSpec(spec))}`);
  lines.push('');
  lines.push(
    `$\\mathcal{L}$ is the loss of one example and $J = \\frac{1}{m}\\sum_{i=1}^{m} \\mathcal{L}^{(i)}$ the cost over m examples. ${mdEscape(conventionSentence(spec))}`,
  );
  lines.push('');
  lines.push(
    `Every step was checked by computation: per-example steps with mathjs \`derivative\` at random points, matrix steps by finite differences on a random ${spec.layers.join('-')} network with m = ${d.instance.m} examples (seed ${d.instance.seed}). **${verified} of ${d.steps.length} steps verified.**`,
  );
  for (const s of d.steps) {
    lines.push('');
    lines.push(`**${s.number}. ${mdEscape(s.title)}** (\`${s.equation}\`)`);
    lines.push('');
    lines.push(`*Rule:* ${mdEscape(s.rule)}`);
    lines.push('');
    lines.push('$$');
    lines.push(s.tex);
    lines.push('$$');
    lines.push('');
    lines.push(mdEscape(checkLine(s)).replace(/^✗ FAILED/, '**✗ FAILED**'));
  }
  lines.push('');
  lines.push(`**Equations** (${spec.convention === 'loss' ? 'the course\'s "loss" notation' : '"cost" notation'})`);
  lines.push('');
  lines.push('| quantity | equation |');
  lines.push('| --- | --- |');
  for (const [k, tex] of Object.entries(d.equations)) lines.push(`| ${k} | $${tex}$ |`);
  return lines.join('\n') + '\n';
}

/**
 * The derivation as compact plain text for a terminal: one block per step, then the equations.
 *
 * Example: `renderText(derive(WEEK3_SPEC)).split('\n')[0]; // 'Backpropagation for a 2-4-1 network …'`
 */
export function renderText(d: Derivation): string {
  const { spec } = d;
  const verified = d.steps.filter((s) => s.check.passed).length;
  const lines: string[] = [];
  lines.push(`Backpropagation for ${describeSpec(spec)}`);
  lines.push(`${verified} of ${d.steps.length} steps verified (matrix steps on a random instance, m = ${d.instance.m}, seed ${d.instance.seed})`);
  lines.push('');
  const width = String(d.steps.length).length;
  for (const s of d.steps) {
    const mark = s.check.passed ? '✓' : '✗';
    lines.push(`${String(s.number).padStart(width)}. ${mark} ${s.equation.padEnd(7)} ${s.title}`);
    const pad = ' '.repeat(width + 4);
    lines.push(`${pad}${s.text}`);
    lines.push(`${pad}rule: ${s.rule}`);
    lines.push(`${pad}check: ${s.check.against === 'J' ? 'vs J' : s.check.against === 'L' ? 'vs per-example L' : s.check.against}, max error ${formatError(s.check.maxError)}${s.check.passed ? '' : `  FAILED: ${s.check.method}`}`);
  }
  lines.push('');
  lines.push('Equations:');
  for (const t of Object.values(d.equationsText)) lines.push(`  ${t}`);
  return lines.join('\n') + '\n';
}

/**
 * Shows a derivation: in a notebook one output with the Markdown (math rendered by the
 * frontend) and the text; outside a notebook the compact text is printed.
 */
export function showDerivation(d: Derivation): void {
  displayBundle({ 'text/plain': renderText(d), 'text/markdown': renderMarkdown(d) });
}
