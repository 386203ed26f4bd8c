/**
 * Rendered math and tables in the notebook: TeX strings, mathjs expressions, markdown tables
 * and check-result tables. Each is one output bundle: `text/latex` (or `text/markdown`) for
 * the frontends and the exported site (KaTeX/MathJax typeset `$$...$$`), and `text/plain`
 * for the console.
 *
 * mathjs prints single-letter symbols that happen to be unit names (b, m, s, g, h, l, W, J,
 * ...) upright as `\mathrm{b}`; `expressionToTex` prints every symbol in italic, as math does.
 *
 * Used by the derivation lessons (each step's equation) and every check cell.
 */
import { MathNode, parse } from 'mathjs';
import { displayBundle } from './display';

/**
 * A TeX string from a template literal with backslashes kept as written (`String.raw`), so
 * lessons write `tex\`\frac{\partial J}{\partial W}\`` without doubling them.
 *
 * Syntax:
 *     tex`...`
 *
 * Examples:
 *     tex`\frac{1}{m}`            // '\\frac{1}{m}'
 *     tex`W^{[${2}]}`             // 'W^{[2]}'
 *
 * See also:
 *     showTex
 */
export function tex(strings: TemplateStringsArray, ...values: unknown[]): string {
  return String.raw({ raw: strings.raw }, ...values);
}

/**
 * Display a TeX formula as display math (one output: text/latex and text/markdown as
 * `$$...$$`, text/plain as the TeX source).
 *
 * Syntax:
 *     showTex(texSource)
 *
 * Examples:
 *     showTex(tex`dW^{[l]} = \frac{1}{m} dZ^{[l]} A^{[l-1]\top}`)
 *     // notebook: the rendered equation; plain Node: prints the TeX
 *
 * See also:
 *     tex, showExpression, showMarkdown
 */
export function showTex(texSource: string): void {
  const body = texSource.trim().replace(/^\$\$|\$\$$/g, '').trim();
  displayBundle({
    'text/latex': `$$${body}$$`,
    'text/markdown': `$$${body}$$`,
    'text/plain': body,
  });
}

/** mathjs's symbol rendering: `\mathrm{name}` for unit names, otherwise ` name`. */
function symbolTex(name: string): string {
  const sub = /^([A-Za-z]+)_([A-Za-z0-9]+)$/.exec(name);
  if (sub !== null) {
    const [, base, index] = sub as unknown as [string, string, string];
    const i = /^[0-9]+$/.test(index) || index.length === 1 ? index : `\\text{${index}}`;
    return ` ${base}_{${i}}`;
  }
  return ` ${name}`;
}

/**
 * TeX of a mathjs expression (node or source), with every plain symbol in italic (mathjs
 * would print unit names such as b, m, s, g, h, l, W, J upright).
 *
 * Syntax:
 *     expressionToTex(nodeOrSource)
 *
 * Examples:
 *     expressionToTex('w * x + b')        // ' w\\cdot x+ b'
 *     expressionToTex(parse('1 / m'))     // '\\frac{1}{ m}'
 *
 * See also:
 *     showExpression, showTex
 */
export function expressionToTex(expression: MathNode | string): string {
  const node = typeof expression === 'string' ? parse(expression) : expression;
  return node.toTex({
    handler: (n: MathNode): string | undefined => {
      if (n.type !== 'SymbolNode') return undefined;
      const name = (n as MathNode & { name: string }).name;
      const plain = n.toTex();
      // Keep mathjs's own rendering of Greek letters and constants (\alpha, \pi, ...).
      if (plain.startsWith('\\') && !plain.startsWith('\\mathrm')) return undefined;
      if (/^[A-Za-z][A-Za-z0-9]*(_[A-Za-z0-9]+)?$/.test(name)) return symbolTex(name);
      return undefined;
    },
  });
}

/**
 * Display a mathjs expression as rendered math, optionally as `lhs = expression`.
 *
 * Syntax:
 *     showExpression(nodeOrSource)
 *     showExpression(nodeOrSource, lhsTex)
 *
 * Examples:
 *     showExpression(derivative('-(y*log(a) + (1-y)*log(1-a))', 'a'), tex`\frac{\partial L}{\partial a}`)
 *     // shows ∂L/∂a = ... with a and y in italic
 *
 * See also:
 *     expressionToTex, showTex
 */
export function showExpression(expression: MathNode | string, lhsTex?: string): void {
  const rhs = expressionToTex(expression).trim();
  const body = lhsTex === undefined ? rhs : `${lhsTex} = ${rhs}`;
  const node = typeof expression === 'string' ? parse(expression) : expression;
  displayBundle({
    'text/latex': `$$${body}$$`,
    'text/markdown': `$$${body}$$`,
    'text/plain': `${lhsTex === undefined ? '' : `${lhsTex} = `}${node.toString()}`,
  });
}

/** A table cell: text, a number (printed to 6 significant digits) or a boolean (✓ / ✗). */
export type Cell = string | number | boolean;

function cellText(c: Cell): string {
  if (typeof c === 'boolean') return c ? '✓' : '✗';
  if (typeof c === 'number') {
    if (Number.isInteger(c) && Math.abs(c) < 1e15) return String(c);
    if (!Number.isFinite(c)) return String(c);
    const a = Math.abs(c);
    return a !== 0 && (a < 1e-4 || a >= 1e6) ? c.toExponential(3) : String(Number(c.toPrecision(6)));
  }
  return c.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/**
 * A GitHub-flavoured markdown table (pipes in cells escaped, numbers to 6 significant digits,
 * booleans as ✓ / ✗).
 *
 * Syntax:
 *     markdownTable(headers, rows)
 *
 * Examples:
 *     markdownTable(['m', 'difference'], [[3, 0.5]])
 *     // '| m | difference |\n| --- | --- |\n| 3 | 0.5 |'
 *
 * See also:
 *     showMarkdown, checkTable
 */
export function markdownTable(headers: string[], rows: Cell[][]): string {
  for (const [i, r] of rows.entries()) {
    if (r.length !== headers.length) {
      throw new RangeError(`markdownTable: row ${i} has ${r.length} cells for ${headers.length} headers`);
    }
  }
  const line = (cells: Cell[]) => `| ${cells.map(cellText).join(' | ')} |`;
  return [line(headers), `| ${headers.map(() => '---').join(' | ')} |`, ...rows.map(line)].join('\n');
}

/**
 * Display markdown (text/markdown, with the source as text/plain).
 *
 * Syntax:
 *     showMarkdown(markdown)
 *
 * Examples:
 *     showMarkdown(markdownTable(['m', 'J'], [[3, 0.25]]))   // shows the table
 *
 * See also:
 *     markdownTable, showChecks
 */
export function showMarkdown(markdown: string): void {
  displayBundle({ 'text/markdown': markdown, 'text/plain': markdown });
}

/** One compared quantity: the name, whether it matches, and by how much it differs. */
export interface CheckRow {
  name: string;
  /** Bitwise equal (optional column). */
  exact?: boolean;
  /** Equal within the tolerance. */
  close: boolean;
  maxDiff: number;
  tolerance?: number;
}

/**
 * Markdown of a check-results table: name | exact | close | max difference (| tolerance).
 *
 * Syntax:
 *     checkTable(rows)
 *
 * Examples:
 *     checkTable([{ name: 'dW1', close: true, maxDiff: 1e-12 }])
 *     // '| quantity | close | max difference |\n| --- | --- | --- |\n| dW1 | ✓ | 1.000e-12 |'
 *
 * See also:
 *     showChecks, markdownTable
 */
export function checkTable(rows: CheckRow[]): string {
  const withExact = rows.some((r) => r.exact !== undefined);
  const withTol = rows.some((r) => r.tolerance !== undefined);
  const headers = ['quantity', ...(withExact ? ['exact'] : []), 'close', 'max difference', ...(withTol ? ['tolerance'] : [])];
  const body: Cell[][] = rows.map((r) => [
    r.name,
    ...(withExact ? [r.exact === undefined ? '' : r.exact] : []),
    r.close,
    r.maxDiff,
    ...(withTol ? [r.tolerance ?? ''] : []),
  ]);
  return markdownTable(headers, body);
}

/**
 * Display a check-results table, with a one-line verdict first.
 *
 * Syntax:
 *     showChecks(rows)
 *
 * Examples:
 *     showChecks([{ name: 'dW1', close: true, maxDiff: 3e-12 }, { name: 'db1', close: false, maxDiff: 0.5 }])
 *     // **1 of 2 checks failed: db1** and the table
 *
 * See also:
 *     checkTable, showMarkdown
 */
export function showChecks(rows: CheckRow[]): void {
  const failed = rows.filter((r) => !r.close);
  const verdict =
    failed.length === 0
      ? `**All ${rows.length} checks pass.**`
      : `**${failed.length} of ${rows.length} checks failed: ${failed.map((r) => cellText(r.name)).join(', ')}**`;
  showMarkdown(`${verdict}\n\n${checkTable(rows)}`);
}
