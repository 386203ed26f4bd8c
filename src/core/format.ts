/**
 * Text formatting shared by every layer: markdown tables, numbers in tables, HTML escaping, and
 * the `Report` shape of anything that can be shown. Lower layers return reports (strings);
 * showing them in a notebook is the notebook layer's job (`show(report)`).
 */

/** How a report renders as Markdown. */
export interface MarkdownOptions {
  /**
   * The level (1 to 6) of the report's own heading, when it has one (a derivation's title):
   * 2 (`##`) by default, for a forum answer; a notebook shows it smaller than its sections.
   */
  headingLevel?: number;
}

/** Something with a plain-text and a markdown form: a comparison, a derivation, a table. */
export interface Report {
  /** Plain text for a terminal or a test log. */
  toText(): string;
  /** Markdown (with `$…$` math where useful) for a notebook or a forum answer. */
  toMarkdown(options?: MarkdownOptions): string;
}

/**
 * The Markdown heading marks for a level 1 to 6: `headingMarks(4)` is '####'. Anything else is
 * refused naming the value.
 *
 * Syntax: headingMarks(level = 2): string
 *
 * Examples:
 *   headingMarks();     // '##'
 *   headingMarks(4);    // '####'
 *   headingMarks(7);    // throws: headingLevel must be an integer from 1 to 6, got 7
 *
 * See also: Report, show (notebook)
 */
export function headingMarks(level = 2): string {
  if (!Number.isInteger(level) || level < 1 || level > 6) throw new RangeError(`headingLevel must be an integer from 1 to 6, got ${String(level)}`);
  return '#'.repeat(level);
}

/** A table cell: text, a number (6 significant digits) or a boolean (✓ / ✗). */
export type Cell = string | number | boolean;

/**
 * A number for a table: integers as they are, very small or large values in exponent form
 * (at most 4 significant digits, trailing zeros dropped), others to `digits` significant
 * digits; NaN and ±Infinity spelled out.
 *
 * Syntax: formatNumber(x, digits = 6)
 *
 * Examples:
 *   formatNumber(0.5);            // '0.5'
 *   formatNumber(1.2345e-9);      // '1.235e-9'
 *   formatNumber(2 / 3, 2);       // '0.67'
 *
 * See also: markdownTable
 */
export function formatNumber(x: number, digits = 6): string {
  if (Number.isInteger(x) && Math.abs(x) < 1e15) return String(x);
  if (!Number.isFinite(x)) return String(x);
  const a = Math.abs(x);
  if (a !== 0 && (a < 1e-4 || a >= 1e6)) return x.toExponential(Math.max(0, Math.min(digits, 4) - 1)).replace(/\.?0+e/, 'e');
  return String(Number(x.toPrecision(digits)));
}

/** The text of one markdown cell: pipes escaped, line breaks joined. */
export function formatCell(c: Cell): string {
  if (typeof c === 'boolean') return c ? '✓' : '✗';
  if (typeof c === 'number') return formatNumber(c);
  return c.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/**
 * A GitHub-flavoured markdown table (pipes in cells escaped, numbers to 6 significant digits,
 * booleans as ✓ / ✗).
 *
 * Syntax: markdownTable(headers, rows)
 *
 * Examples:
 *   markdownTable(['m', 'difference'], [[3, 0.5]]);
 *   // '| m | difference |\n| --- | --- |\n| 3 | 0.5 |'
 *   markdownTable(['a', 'b'], [[1]]);   // throws: markdownTable: row 0 has 1 cells for 2 headers
 *
 * See also: textTable, show (notebook)
 */
export function markdownTable(headers: readonly string[], rows: readonly (readonly Cell[])[]): string {
  checkRows('markdownTable', headers, rows);
  const line = (cells: readonly Cell[]): string => `| ${cells.map(formatCell).join(' | ')} |`;
  return [line(headers), `| ${headers.map(() => '---').join(' | ')} |`, ...rows.map(line)].join('\n');
}

/**
 * A plain-text table with aligned columns, for terminals and error messages.
 *
 * Syntax: textTable(headers, rows)
 *
 * Example:
 *   textTable(['tensor', 'result'], [['dW1', 'ok']]);   // 'tensor  result\ndW1     ok'
 *
 * See also: markdownTable
 */
export function textTable(headers: readonly string[], rows: readonly (readonly Cell[])[]): string {
  checkRows('textTable', headers, rows);
  const cells = [headers, ...rows].map((r) => r.map((c) => (typeof c === 'string' ? c : formatCell(c))));
  const widths = headers.map((_, j) => Math.max(...cells.map((r) => (r[j] ?? '').length)));
  return cells.map((r) => r.map((s, j) => s.padEnd(widths[j] ?? 0)).join('  ').trimEnd()).join('\n');
}

function checkRows(what: string, headers: readonly string[], rows: readonly (readonly Cell[])[]): void {
  rows.forEach((r, i) => {
    if (r.length !== headers.length) throw new RangeError(`${what}: row ${i} has ${r.length} cells for ${headers.length} headers`);
  });
}

/**
 * Escapes the five characters that are special in HTML text and attribute values.
 *
 * Syntax: escapeHtml(text)
 *
 * Example: `escapeHtml('a < b & "c"'); // 'a &lt; b &amp; &quot;c&quot;'`
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ENTITIES[c] ?? c);
}

const HTML_ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
