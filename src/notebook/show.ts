/**
 * `show(x)`: the notebook layer's one way to display what the lower layers return. Lower layers
 * never display anything; they return reports (`toText()` and `toMarkdown()`: a comparison, a
 * derivation, an agreement table), figures, or markdown strings, and a lesson shows them.
 *
 * Used in: every lesson (`show(derive(spec))`, `show(checkGradients(J, params, grads))`).
 */
import { Report } from '../core/format';

/**
 * The level of a report's own heading in a notebook: 4 (`####`), below the lessons' section
 * (`##`) and subsection (`###`) headings, so a derivation's title does not read as a section.
 */
export const REPORT_HEADING_LEVEL = 4;
import { displayBundle } from './display';
import { Figure } from './figure';
import { showFigure } from './plot';

function isReport(x: unknown): x is Report {
  return typeof x === 'object' && x !== null && 'toMarkdown' in x && typeof x.toMarkdown === 'function' && 'toText' in x && typeof x.toText === 'function';
}

function describe(x: unknown): string {
  return x === null ? 'null' : Array.isArray(x) ? 'an array' : typeof x;
}

function isFigure(x: unknown): x is Figure {
  return typeof x === 'object' && x !== null && 'data' in x && Array.isArray(x.data) && 'layout' in x && typeof x.layout === 'object';
}

/**
 * Displays a report (its markdown, with its plain text for consoles; a heading of its own, such
 * as a derivation's title, at level 4, smaller than the lesson's sections), a figure (as a
 * chart), or a markdown string. It returns nothing, so a cell that ends with `show(x);` prints no object
 * dump (tslab prints the value of a cell's last expression): keep the report in a variable to
 * read its numbers.
 *
 * Syntax: show(report | figure | markdown)
 *
 * Examples:
 *   show(compareGradients({ dW1 }, { dW1: numeric }));   // the one-row table, ✓
 *   show(derive(spec));                                  // numbered steps with rendered math
 *   show('**Done.**');                                   // bold text
 *   show(42);                                            // throws: show: expected a report, a figure or a markdown string, got number
 *
 * See also: showMarkdown, showTex, showFigure
 */
export function show(x: Report | Figure | string): void {
  if (typeof x === 'string') displayBundle({ 'text/markdown': x, 'text/plain': x });
  else if (isReport(x)) displayBundle({ 'text/markdown': x.toMarkdown({ headingLevel: REPORT_HEADING_LEVEL }), 'text/plain': x.toText() });
  else if (isFigure(x)) showFigure(x);
  else throw new TypeError(`show: expected a report, a figure or a markdown string, got ${describe(x)}`);
}
