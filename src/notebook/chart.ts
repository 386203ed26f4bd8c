/**
 * Showing a figure: ONE output bundle per chart, so every front end finds a part it can show:
 *     application/vnd.plotly.v1+json  the figure object (VS Code; JupyterLab and Notebook 7 only
 *                                     with the plotly extension installed)
 *     text/html                       a div + script drawing it with plotly.js when the page
 *                                     has it (exported site) or can load it from the server
 *                                     (classic Notebook, JupyterLab 4, Notebook 7), fitted to
 *                                     the page's width; else a static <img>
 *     image/svg+xml                   the static SVG (svg.ts), drawn without a browser
 *     text/plain                      a one-line summary
 * plotly.js itself is never inlined.
 *
 * Used by every chart of the lessons (plot.ts, decision-boundary.ts, side-by-side.ts).
 */
import { createHash } from 'node:crypto';
import { MimeBundle, displayBundle } from './display';
import { Figure } from './figure';
import { escapeHtml } from '../core/format';
import { renderSvg } from './svg';
import { layoutSource } from './chart-layout';
import { PlotlyPaths, scriptSource } from './chart-script';

/** Mime type of plotly figures. */
export const PLOTLY_MIME = 'application/vnd.plotly.v1+json';

/** Path of plotly.js under the server root (classic Notebook), without '.js' (require.js). */
export const PLOTLY_REQUIRE_PATH = 'files/node_modules/plotly.js-dist-min/plotly.min';

/** URL of plotly.js under the server's base URL (JupyterLab 4, Notebook 7): its files/ route. */
export const PLOTLY_FILES_PATH = 'files/node_modules/plotly.js-dist-min/plotly.min.js';

const summaries = new WeakMap<Figure, string>();

/** Attach the one-line `text/plain` summary a builder wrote for its figure; returns the figure. */
export function withSummary(figure: Figure, summary: string): Figure {
  summaries.set(figure, summary);
  return figure;
}

/** The summary a builder attached to `figure`, if any. */
export function summaryOf(figure: Figure): string | undefined {
  return summaries.get(figure);
}

const divUses = new Map<string, number>();

/** JSON that is safe inside a <script> element. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** Summary of a figure that no builder described. */
function genericSummary(figure: Figure): string {
  const names = figure.data.filter((t) => t.name !== '').map((t) => t.name);
  return `chart "${figure.layout.title.text}": ${figure.data.length} traces (${names.join(', ')})`;
}

/**
 * The deterministic div id of a figure: a hash of its JSON, plus a counter when the same
 * figure is shown again in the same kernel (ids stay unique on one page). `reserve = false`
 * only peeks at the id the next display would get.
 *
 * Syntax:
 *     chartId(figure)
 *     chartId(figure, reserve)
 *
 * Examples:
 *     chartId(costCurveFigure([1, 0.5], { title: 'J' }))   // 'bp-chart-abbabe43d67c'
 *     chartId(costCurveFigure([1, 0.5], { title: 'J' }))   // 'bp-chart-abbabe43d67c-2'
 *
 * See also:
 *     chartHtml, chartBundle
 */
export function chartId(figure: Figure, reserve = true): string {
  const hash = createHash('sha1').update(JSON.stringify(figure)).digest('hex').slice(0, 12);
  const base = `bp-chart-${hash}`;
  const used = divUses.get(base) ?? 0;
  if (reserve) divUses.set(base, used + 1);
  return used === 0 ? base : `${base}-${used + 1}`;
}

/** JavaScript source without its comment lines and indentation (what each chart ships). */
function withoutComments(source: string): string {
  let inBlock = false;
  const kept: string[] = [];
  for (const line of source.split('\n')) {
    const code = line.trim();
    if (inBlock || code.startsWith('/*')) {
      inBlock = !code.includes('*/');
      continue;
    }
    if (code !== '' && !code.startsWith('//')) kept.push(code);
  }
  return kept.join('\n');
}

/**
 * The `text/html` part of a chart: a div holding the static SVG as a data-URI <img> (which
 * survives the sanitizers of untrusted notebooks), and a script (drawChart, chart-script.ts)
 * that replaces it by the interactive chart drawn by plotly.js, from the page's `window.Plotly`
 * (exported site), through require.js (classic Notebook) or from the server's `files/` route
 * found in `#jupyter-config-data` (JupyterLab 4, Notebook 7), at a layout fitted to the page's
 * width (responsiveLayout, chart-layout.ts). plotly.js itself is never inlined.
 *
 * Syntax:
 *     chartHtml(figure, svg, id)
 *
 * Examples:
 *     chartHtml(fig, renderSvg(fig), chartId(fig)).startsWith('<div id="bp-chart-')   // true
 *
 * See also:
 *     chartBundle, renderSvg, chartId, drawChart
 */
export function chartHtml(figure: Figure, svg: string, id: string): string {
  const { width, height } = figure.layout;
  const img = `data:image/svg+xml;base64,${Buffer.from(svg, 'utf8').toString('base64')}`;
  const alt = escapeHtml(figure.layout.title.text);
  const paths: PlotlyPaths = { requirePath: PLOTLY_REQUIRE_PATH, filesPath: PLOTLY_FILES_PATH };
  const script =
    `(function () {\nvar figure = ${scriptJson(figure)};\n${withoutComments(layoutSource())}\n${withoutComments(scriptSource())}\n` +
    `drawChart(${scriptJson(id)}, figure, responsiveLayout, ${scriptJson(paths)});\n})();`;
  return (
    `<div id="${id}" class="bp-chart" style="width:${width}px;max-width:100%">` +
    `<img class="bp-chart-static" alt="${alt}" width="${width}" height="${height}" style="max-width:100%;height:auto" src="${img}"/>` +
    `</div>\n<script type="text/javascript">\n${script}\n</script>`
  );
}

/**
 * The four-part mime bundle of a figure (pure: builds, does not display).
 *
 * Syntax:
 *     chartBundle(figure)
 *     chartBundle(figure, summary)
 *
 * Examples:
 *     Object.keys(chartBundle(costCurveFigure([1, 0.5], { title: 'J' })))
 *     // ['application/vnd.plotly.v1+json', 'text/html', 'image/svg+xml', 'text/plain']
 *
 * See also:
 *     showFigure, renderSvg
 */
export function chartBundle(figure: Figure, summary?: string): MimeBundle {
  const id = chartId(figure);
  const svg = renderSvg(figure);
  return {
    [PLOTLY_MIME]: JSON.parse(JSON.stringify(figure)) as object,
    'text/html': chartHtml(figure, svg, id),
    'image/svg+xml': svg,
    'text/plain': summary ?? summaryOf(figure) ?? genericSummary(figure),
  };
}

/**
 * Display a figure as one output with plotly JSON, interactive html, static SVG and a summary.
 *
 * Syntax:
 *     showFigure(figure)
 *
 * Examples:
 *     showFigure(costCurveFigure(costs, { title: 'J' }))
 *     // notebook: one chart; plain Node: prints 'cost curve "J": 1 series, ...'
 *
 * See also:
 *     chartBundle, costCurve, sideBySide
 */
export function showFigure(figure: Figure): void {
  displayBundle(chartBundle(figure));
}
