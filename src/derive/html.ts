/**
 * A derivation (or both notations compared) as one standalone HTML file: the math is rendered
 * to HTML and MathML by KaTeX when the page is written, and KaTeX's stylesheet is inlined with
 * its woff2 fonts as data URIs, so the page needs no script, no network and no other file.
 *
 * KaTeX is loaded only here, only when HTML is asked for.
 *
 * Used by: the CLI's `--format html`.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { escapeHtml } from '../core/format';
import type { ConventionComparison, Derivation } from './types';
import { compareIntro, compareVerdict, conventionSentence, describeSpec, formatError, highlightOneOverM, relationText, sampleNote } from './render';

/** The part of KaTeX this module uses. */
export interface KatexLike {
  renderToString(tex: string, options?: { displayMode?: boolean; throwOnError?: boolean; output?: 'html' | 'mathml' | 'htmlAndMathml' }): string;
}

/** Loads KaTeX, or throws a message saying how to install it. */
function loadKatex(): KatexLike {
  try {
    return require('katex') as KatexLike;
  } catch {
    throw new Error('HTML output renders the math with KaTeX, which is not installed: run `npm install katex` (or use --format markdown)');
  }
}

let cssCache: string | undefined;

/**
 * KaTeX's stylesheet with every font as an inline woff2 data URI (about 400 kB), so a page
 * renders offline from a single file. Fonts missing on disk fall back to the system's.
 */
function inlineKatexCss(): string {
  if (cssCache !== undefined) return cssCache;
  const cssPath = require.resolve('katex/dist/katex.min.css');
  const dir = path.dirname(cssPath);
  const css = readFileSync(cssPath, 'utf8');
  cssCache = css.replace(/src:url\((fonts\/[^)]+\.woff2)\) format\("woff2"\)(?:,url\([^)]+\) format\("[a-z]+"\))*/g, (whole, rel: string) => {
    try {
      const data = readFileSync(path.join(dir, rel)).toString('base64');
      return `src:url(data:font/woff2;base64,${data}) format("woff2")`;
    } catch {
      return whole;
    }
  });
  return cssCache;
}

/** Escapes prose for HTML and turns its `code spans` into <code> elements. */
function proseHtml(s: string): string {
  return escapeHtml(s).replace(/`([^`]+)`/g, '<code>$1</code>');
}

const PAGE_CSS = `
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5; color: #1b1b1b; }
h1 { font-size: 1.5rem; }
ol.steps { padding-left: 1.5rem; }
ol.steps > li { margin: 1.25rem 0; }
.title { font-weight: 600; }
.eq { color: #555; font-family: ui-monospace, monospace; font-size: 0.9em; }
.rule { font-style: italic; color: #333; }
.check { font-size: 0.9em; color: #2b6a2b; }
.check.fail { color: #b00020; font-weight: 600; }
.katex-display { overflow-x: auto; overflow-y: hidden; padding: 0.25rem 0; }
table { border-collapse: collapse; margin: 1rem 0; }
th, td { border: 1px solid #ccc; padding: 0.35rem 0.6rem; text-align: left; vertical-align: middle; }
th { background: #f4f4f4; }
.summary { font-weight: 600; }
`;

function page(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${inlineKatexCss()}</style>
<style>${PAGE_CSS}</style>
</head>
<body>
${body}
</body>
</html>
`;
}

/**
 * A derivation as one standalone HTML page: the math rendered by KaTeX when the page is written,
 * KaTeX's stylesheet and fonts inlined, no script and no network.
 *
 * Syntax: derivationToHtml(d: Derivation, katex?: KatexLike): string
 *
 * Example: `derivationToHtml(derive(WEEK3_SPEC)).startsWith('<!DOCTYPE html>'); // true`
 *
 * See also: comparisonToHtml, renderMarkdown
 *
 * Used in: the CLI's --format html.
 */
export function derivationToHtml(d: Derivation, katex: KatexLike = loadKatex()): string {
  const math = (tex: string, display: boolean): string => katex.renderToString(tex, { displayMode: display, throwOnError: true });
  const verified = d.steps.filter((s) => s.check.passed).length;
  const title = `Backpropagation for ${describeSpec(d.spec)}`;
  const parts: string[] = [];
  parts.push(`<h1>${escapeHtml(title)}</h1>`);
  parts.push(
    `<p>${math('\\mathcal{L}', false)} is the loss of one example and ${math('J = \\frac{1}{m}\\sum_{i=1}^{m} \\mathcal{L}^{(i)}', false)} the cost over m examples. ${escapeHtml(conventionSentence(d.spec))}</p>`,
  );
  parts.push(
    `<p class="summary">${verified} of ${d.steps.length} steps verified: per-example steps with mathjs <code>derivative</code> at random points, matrix steps by finite differences on a random ${escapeHtml(d.spec.layers.join('-'))} network with m = ${d.instance.m} (seed ${d.instance.seed})${escapeHtml(sampleNote(d))}.</p>`,
  );
  parts.push('<ol class="steps">');
  for (const s of d.steps) {
    parts.push(
      `<li><div><span class="title">${escapeHtml(s.title)}</span> <span class="eq">(${escapeHtml(s.equation)})</span></div>` +
        `<div class="rule">Rule: ${escapeHtml(s.rule)}</div>` +
        math(s.tex, true) +
        `<div class="check${s.check.passed ? '' : ' fail'}">${s.check.passed ? '✓' : '✗ FAILED:'} ${proseHtml(s.check.method)}; max error ${escapeHtml(formatError(s.check.maxError))}.</div></li>`,
    );
  }
  parts.push('</ol>');
  parts.push('<h2>Equations</h2><table><thead><tr><th>quantity</th><th>equation</th></tr></thead><tbody>');
  for (const [k, tex] of Object.entries(d.equations)) parts.push(`<tr><td>${escapeHtml(k)}</td><td>${math(tex, false)}</td></tr>`);
  parts.push('</tbody></table>');
  return page(title, parts.join('\n'));
}

/**
 * Both notations side by side as one standalone HTML page, the 1/m framed.
 *
 * Syntax: comparisonToHtml(c: ConventionComparison, katex?: KatexLike): string
 *
 * Example: `comparisonToHtml(compareConventions(WEEK3_SPEC)).includes('class="katex"'); // true`
 *
 * See also: derivationToHtml, renderCompareMarkdown
 *
 * Used in: the CLI's --compare --format html.
 */
export function comparisonToHtml(c: ConventionComparison, katex: KatexLike = loadKatex()): string {
  const math = (tex: string): string => katex.renderToString(tex, { displayMode: false, throwOnError: true });
  const title = `Where the 1/m goes: ${describeSpec({ ...c.loss.spec })}`.replace(/, "loss" notation$/, '');
  const parts: string[] = [`<h1>${escapeHtml(title)}</h1>`, `<p>${escapeHtml(compareIntro(c))}</p>`];
  parts.push('<table><thead><tr><th>quantity</th><th>"loss" notation (the course)</th><th>"cost" notation</th><th>measured on one instance</th></tr></thead><tbody>');
  for (const r of c.rows) {
    parts.push(
      `<tr><td>${escapeHtml(r.quantity)}</td><td>${math(highlightOneOverM(r.lossTex))}</td><td>${math(highlightOneOverM(r.costTex))}</td><td>${escapeHtml(relationText(r, c.m))}</td></tr>`,
    );
  }
  parts.push('</tbody></table>');
  parts.push(`<p class="summary">${escapeHtml(compareVerdict(c))}</p>`);
  return page(title, parts.join('\n'));
}

