/**
 * Renderings of a derivation: Markdown with `$$ … $$` display math (for a notebook, a forum
 * answer or GitHub) and compact plain text (a terminal). They return strings; showing them in
 * a notebook is the notebook layer's job (`show(derivation)`). HTML lives in html.ts (it needs
 * KaTeX).
 *
 * Used by: derive.ts and compare.ts (`toMarkdown`, `toText`), cli.ts, html.ts.
 */
import type { ConventionComparison, Derivation, DerivationStep, StepCheck } from './types';
import type { ResolvedSpec } from './spec';
import { MATRIX_SAMPLE } from './matrix';

/**
 * An error for humans, in one significant digit: 0, 1.2e-13, or ∞ (NaN too).
 *
 * Syntax: formatError(x: number): string
 *
 * Examples:
 *   formatError(0);           // '0'
 *   formatError(1.234e-13);   // '1.2e-13'
 *   formatError(Infinity);    // '∞'
 *
 * See also: renderText, formatNumber (core/format: numbers in tables)
 */
export function formatError(x: number): string {
  if (x === 0) return '0';
  if (!Number.isFinite(x)) return '∞';
  return x.toExponential(1);
}

/** Escapes Markdown emphasis characters in prose (never in math), leaving `code spans` as they are. */
function mdEscape(s: string): string {
  return s
    .split(/(`[^`]*`)/)
    .map((part) => (part.startsWith('`') && part.endsWith('`') && part.length > 1 ? part : part.replace(/([\\*_])/g, '\\$1')))
    .join('');
}

/**
 * The network of a spec in words, for headings.
 *
 * Syntax: describeSpec(spec: ResolvedSpec): string
 *
 * Example: `describeSpec(resolveSpec(WEEK3_SPEC)); // 'a 2-4-1 network (tanh, sigmoid), cross-entropy loss, "loss" notation'`
 *
 * See also: conventionSentence
 */
export function describeSpec(spec: ResolvedSpec): string {
  return `a ${spec.layers.join('-')} network (${spec.activations.join(', ')}), ${spec.loss} loss, "${spec.convention}" notation`;
}

/**
 * One sentence on what the spec's notation means: where its 1/m sits and what dZ is a derivative of.
 *
 * Syntax: conventionSentence(spec: ResolvedSpec): string
 *
 * Example: `conventionSentence(resolveSpec(WEEK3_SPEC)); // 'In the "loss" notation (the course's), dZ and dA are derivatives of the per-example loss, …'`
 *
 * See also: describeSpec
 *
 * Derived in: lesson 03-where-does-1-over-m-go.
 */
export function conventionSentence(spec: ResolvedSpec): string {
  return spec.convention === 'loss'
    ? 'In the "loss" notation (the course\'s), dZ and dA are derivatives of the per-example loss, one column per example; only dW and db are derivatives of J, so the 1/m appears in dW and db and nowhere else.'
    : 'In the "cost" notation, every quantity is a derivative of the cost J, so the 1/m enters at dZ[L] and nowhere after; dW and db come out the same as in the course, dZ and dA are 1/m of the course\'s.';
}

const AGAINST_TEXT: Readonly<Record<StepCheck['against'], string>> = Object.freeze({ J: 'vs J', L: 'vs per-example L', mathjs: 'mathjs', differences: 'differences' });

/**
 * How many entries of a matrix a step compared, for the text rendering; "" for a scalar step.
 *
 * Examples:
 *   entriesText({ …, entries: { checked: 20, total: 20, skipped: 0, sampled: false } });         // ', all 20 entries'
 *   entriesText({ …, entries: { checked: 200, total: 100352, skipped: 0, sampled: true } });     // ', 200 of 100352 entries (random sample)'
 *   entriesText({ …, entries: { checked: 19, total: 20, skipped: 1, sampled: false } });         // ', 19 of 20 entries (1 skipped at a ReLU kink)'
 */
function entriesText(check: StepCheck): string {
  const e = check.entries;
  if (e === undefined) return '';
  const notes = [...(e.sampled ? ['random sample'] : []), ...(e.skipped > 0 ? [`${e.skipped} skipped at a ReLU kink`] : [])];
  return e.checked === e.total ? `, all ${e.total} entries` : `, ${e.checked} of ${e.total} entries (${notes.join(', ')})`;
}

/**
 * "; matrices of more than 200 entries at a seeded random sample of 200" when a step of the
 * derivation was checked at a sample, else "": every rendering says how much of each matrix was
 * checked (each matrix step also gives its own count).
 *
 * Syntax: sampleNote(d: Derivation): string
 *
 * Examples:
 *   sampleNote(derive(WEEK3_SPEC));   // ''
 *   sampleNote(derive({ layers: [784, 128, 64, 10], activations: ['relu', 'relu', 'softmax'], loss: 'cross-entropy', convention: 'loss' }));
 *   // '; matrices of more than 200 entries at a seeded random sample of 200'
 *
 * See also: renderText, renderMarkdown, MATRIX_SAMPLE
 */
export function sampleNote(d: Derivation): string {
  return d.steps.some((s) => s.check.entries?.sampled === true) ? `; matrices of more than ${MATRIX_SAMPLE} entries at a seeded random sample of ${MATRIX_SAMPLE}` : '';
}

function checkLine(step: DerivationStep): string {
  const mark = step.check.passed ? '✓' : '✗ FAILED';
  return `${mark} ${step.check.method}; max error ${formatError(step.check.maxError)} (tolerance ${formatError(step.check.tolerance)}).`;
}

/**
 * The derivation as Markdown: a heading, numbered steps (title, rule, display math, how it was
 * checked), then a table of the final equations. What `derivation.toMarkdown()` returns.
 *
 * Syntax: renderMarkdown(d: Derivation, options?: { heading?: string = '##' }): string
 *
 * Example: `renderMarkdown(derive(WEEK3_SPEC)).startsWith('## Backpropagation for a 2-4-1 network'); // true`
 *
 * See also: renderText, derivationToHtml, show (notebook)
 *
 * Used in: lessons 01, 05, 06 (`show(derive(spec))`); the CLI's --format markdown.
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
    `Every step was checked by computation: per-example steps with mathjs \`derivative\` at random points, matrix steps by finite differences on a random ${spec.layers.join('-')} network with m = ${d.instance.m} examples (seed ${d.instance.seed})${sampleNote(d)}. **${verified} of ${d.steps.length} steps verified.**`,
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
 * The derivation as compact plain text for a terminal: one block per step (statement, rule, what
 * it was checked against, how many entries, the error), then the equations. What
 * `derivation.toText()` returns.
 *
 * Syntax: renderText(d: Derivation): string
 *
 * Example: `renderText(derive(WEEK3_SPEC)).split('\n')[0]; // 'Backpropagation for a 2-4-1 network (tanh, sigmoid), cross-entropy loss, "loss" notation'`
 *
 * See also: renderMarkdown
 *
 * Used in: the CLI's --format text.
 */
export function renderText(d: Derivation): string {
  const { spec } = d;
  const verified = d.steps.filter((s) => s.check.passed).length;
  const lines: string[] = [];
  lines.push(`Backpropagation for ${describeSpec(spec)}`);
  lines.push(`${verified} of ${d.steps.length} steps verified (matrix steps on a random instance, m = ${d.instance.m}, seed ${d.instance.seed}${sampleNote(d)})`);
  lines.push('');
  const width = String(d.steps.length).length;
  for (const s of d.steps) {
    const mark = s.check.passed ? '✓' : '✗';
    lines.push(`${String(s.number).padStart(width)}. ${mark} ${s.equation.padEnd(7)} ${s.title}`);
    const pad = ' '.repeat(width + 4);
    lines.push(`${pad}${s.text}`);
    lines.push(`${pad}rule: ${s.rule}`);
    lines.push(`${pad}check: ${AGAINST_TEXT[s.check.against]}${entriesText(s.check)}, max error ${formatError(s.check.maxError)}${s.check.passed ? '' : `  FAILED: ${s.check.method}`}`);
  }
  lines.push('');
  lines.push('Equations:');
  for (const t of Object.values(d.equationsText)) lines.push(`  ${t}`);
  return lines.join('\n') + '\n';
}

// ---- both notations side by side --------------------------------------------------------

/**
 * Every \frac{1}{m} of a formula framed (\boxed), to make the 1/m stand out when both notations
 * are side by side.
 *
 * Syntax: highlightOneOverM(tex: string): string
 *
 * Example: `highlightOneOverM('\\frac{1}{m} dZ'); // '\\boxed{\\frac{1}{m}} dZ'`
 *
 * See also: renderCompareMarkdown
 */
export function highlightOneOverM(tex: string): string {
  return tex.replace(/\\frac\{1\}\{m\}/g, '\\boxed{\\frac{1}{m}}');
}

/**
 * The sentence that opens a comparison of the two notations.
 *
 * Syntax: compareIntro(c: ConventionComparison): string
 *
 * Example: `compareIntro(compareConventions(WEEK3_SPEC)); // 'Same network, same random instance (m = 5). "loss" notation (the course): …'`
 *
 * See also: compareVerdict
 */
export function compareIntro(c: ConventionComparison): string {
  return `Same network, same random instance (m = ${c.m}). "loss" notation (the course): dZ and dA are per-example derivatives of L stacked as columns, and the 1/m sits in dW and db. "cost" notation: every quantity is a derivative of J, and the 1/m enters at dZ[${c.loss.spec.L}] and nowhere after. The framed 1/m shows where each puts it.`;
}

/**
 * The measured relation of one quantity under both notations, in words.
 *
 * Syntax: relationText(row: ConventionRow, m: number): string
 *
 * Examples:
 *   relationText(c.rows[0], 5);   // 'loss = 5 × cost (ratio 5, max deviation 1.1e-16)'   (dZ[2])
 *   relationText(c.rows[1], 5);   // 'equal (max difference 2.8e-17)'                     (dW[2])
 *
 * See also: compareVerdict
 */
export function relationText(r: ConventionComparison['rows'][number], m: number): string {
  return r.relation === 'equal'
    ? `${r.passed ? 'equal' : 'NOT equal'} (max difference ${formatError(r.maxError)})`
    : `${r.passed ? '' : 'NOT '}loss = ${m} × cost (ratio ${Number(r.ratio.toPrecision(12))}, max deviation ${formatError(r.maxError)})`;
}

/**
 * The measured conclusion of a comparison, in one paragraph (or which rows failed).
 *
 * Syntax: compareVerdict(c: ConventionComparison): string
 *
 * Example: `compareVerdict(compareConventions(WEEK3_SPEC)); // 'Measured: dW and db are the same in both notations (max difference 2.8e-17); dZ and dA of the course are exactly m = 5 times the learner\'s …'`
 *
 * See also: compareIntro, relationText
 */
export function compareVerdict(c: ConventionComparison): string {
  const same = c.rows.filter((r) => r.relation === 'equal');
  const scaled = c.rows.filter((r) => r.relation !== 'equal');
  const worst = (rows: typeof c.rows): string => formatError(Math.max(0, ...rows.map((r) => r.maxError)));
  const verified = `"loss": ${c.loss.steps.filter((s) => s.check.passed).length} of ${c.loss.steps.length} steps verified; "cost": ${c.cost.steps.filter((s) => s.check.passed).length} of ${c.cost.steps.length}.`;
  if (!c.passed) return `The comparison FAILED: see the rows marked NOT. ${verified}`;
  return `Measured: dW and db are the same in both notations (max difference ${worst(same)}); dZ and dA of the course are exactly m = ${c.m} times the learner's (max deviation ${worst(scaled)}). ${verified}`;
}

/**
 * Both notations side by side as Markdown: one table row per quantity, the 1/m framed, the
 * measured relation, and the conclusion. What `comparison.toMarkdown()` returns.
 *
 * Syntax: renderCompareMarkdown(c: ConventionComparison, options?: { heading?: string = '##' }): string
 *
 * Example: `renderCompareMarkdown(compareConventions(WEEK3_SPEC)).includes('\\boxed{\\frac{1}{m}}'); // true`
 *
 * See also: renderCompareText, comparisonToHtml
 *
 * Used in: lesson 03-where-does-1-over-m-go; the CLI's --compare.
 */
export function renderCompareMarkdown(c: ConventionComparison, options: { heading?: string } = {}): string {
  const lines: string[] = [];
  const spec = c.loss.spec;
  lines.push(`${options.heading ?? '##'} Where the 1/m goes: a ${spec.layers.join('-')} network (${spec.activations.join(', ')}), ${spec.loss} loss`);
  lines.push('');
  lines.push(mdEscape(compareIntro(c)));
  lines.push('');
  lines.push('| quantity | "loss" notation (the course) | "cost" notation | measured on one instance |');
  lines.push('| --- | --- | --- | --- |');
  for (const r of c.rows) {
    lines.push(`| ${r.quantity} | $${highlightOneOverM(r.lossTex)}$ | $${highlightOneOverM(r.costTex)}$ | ${relationText(r, c.m)} |`);
  }
  lines.push('');
  lines.push(`**${mdEscape(compareVerdict(c))}**`);
  for (const d of [c.loss, c.cost]) {
    for (const s of d.failures) lines.push('', `**✗ "${d.spec.convention}" step ${s.number} (${s.equation}) FAILED:** ${mdEscape(s.check.method)}; max error ${formatError(s.check.maxError)}.`);
  }
  return lines.join('\n') + '\n';
}

/**
 * Both notations side by side as aligned plain text, the 1/m marked *(1/m)* (ANSI reverse video
 * with `color`). What `comparison.toText()` returns.
 *
 * Syntax: renderCompareText(c: ConventionComparison, options?: { color?: boolean }): string
 *
 * Example: `renderCompareText(compareConventions(WEEK3_SPEC)).includes('*(1/m)*'); // true`
 *
 * See also: renderCompareMarkdown
 *
 * Used in: the CLI's --compare --format text.
 */
export function renderCompareText(c: ConventionComparison, options: { color?: boolean } = {}): string {
  const mark = (t: string): string => t.replace(/\(1\/m\)/g, options.color ? '\u001b[7m(1/m)\u001b[27m' : '*(1/m)*');
  const visible = (t: string): number => t.replace(/\u001b\[\d+m/g, '').length;
  const spec = c.loss.spec;
  const header = ['quantity', '"loss" notation (the course)', '"cost" notation', 'measured'];
  const rows = c.rows.map((r) => [r.quantity, mark(r.lossText), mark(r.costText), relationText(r, c.m)]);
  const widths = header.map((h, j) => Math.max(h.length, ...rows.map((row) => visible(row[j]))));
  const line = (cells: string[]): string =>
    cells.map((s, j) => s + ' '.repeat(Math.max(0, widths[j] - visible(s)))).join('  ').trimEnd();
  const out = [
    `Where the 1/m goes: a ${spec.layers.join('-')} network (${spec.activations.join(', ')}), ${spec.loss} loss, m = ${c.m}`,
    '',
    line(header),
    ...rows.map(line),
    '',
    compareVerdict(c),
  ];
  for (const d of [c.loss, c.cost]) {
    for (const s of d.failures) out.push(`FAILED "${d.spec.convention}" step ${s.number} (${s.equation}): ${s.check.method}; max error ${formatError(s.check.maxError)}`);
  }
  return out.join('\n') + '\n';
}
