/**
 * The script inside each chart's `text/html` output: it finds plotly.js wherever the page can
 * have it, draws the figure at the width the page gives it (responsiveLayout), redraws when
 * that width changes, and leaves the static image in place when plotly.js cannot be had.
 *
 * Where plotly.js comes from:
 * - the exported site: `window.Plotly`, loaded in the page's head;
 * - classic Notebook: require.js, from `{base_url}files/node_modules/plotly.js-dist-min/
 *   plotly.min` (`<body data-base-url>`; the server's root is the repository);
 * - JupyterLab 4 and Notebook 7 (no require.js, no data-base-url): the server's base URL from
 *   the JSON of `<script id="jupyter-config-data">`, and a `<script>` element loading
 *   `{baseUrl}files/node_modules/plotly.js-dist-min/plotly.min.js` once per page;
 * - an untrusted notebook, GitHub, nbviewer without scripts: no script runs, the image stays.
 *
 * `drawChart` and `whenPlotly` run in the page: chartHtml ships their source (scriptSource), so
 * they use only each other (no imports, no other outer names). The page's objects are typed
 * below as far as they use them.
 *
 * Used by chart.ts (every chart of the lessons).
 */
import type { Figure, Layout } from './figure';

/** plotly.js as the script uses it. */
interface PlotlyApi {
  newPlot(node: PageElement, data: unknown, layout: Layout, config: object): Promise<unknown>;
  react(node: PageElement, data: unknown, layout: Layout, config: object): Promise<unknown>;
}

/** The parts of a DOM element the script touches. */
interface PageElement {
  parentElement: PageElement | null;
  parentNode: PageElement | null;
  clientWidth: number;
  textContent: string | null;
  style: { width: string; height: string };
  src: string;
  onload: (() => void) | null;
  onerror: (() => void) | null;
  getAttribute(name: string): string | null;
  getBoundingClientRect(): { width: number; height: number };
  querySelector(selector: string): PageElement | null;
  appendChild(child: PageElement): void;
  removeChild(child: PageElement): void;
}

/** The parts of `window` the script touches (`window.Plotly`, require.js, events, timers). */
interface PageWindow {
  Plotly?: PlotlyApi;
  requirejs?: ((modules: string[], ok: (p: PlotlyApi) => void, fail: () => void) => void) & { config(c: object): void };
  bpPlotlyLoading?: Promise<void>;
  addEventListener(event: string, listener: () => void): void;
  setTimeout(f: () => void, ms: number): number;
  clearTimeout(handle: number): void;
  setInterval(f: () => void, ms: number): number;
  clearInterval(handle: number): void;
  getComputedStyle?(node: PageElement): { paddingLeft: string; paddingRight: string };
}

/** The parts of `document` the script touches. */
interface PageDocument {
  body: PageElement | null;
  head: PageElement | null;
  getElementById(id: string): PageElement | null;
  createElement(tag: string): PageElement;
}

declare const window: PageWindow;
declare const document: PageDocument;

/** Where chartHtml's script looks for plotly.js, relative to the server's base URL. */
export interface PlotlyPaths {
  /** require.js module path, without '.js' (classic Notebook). */
  requirePath: string;
  /** File path of plotly.min.js (JupyterLab 4, Notebook 7). */
  filesPath: string;
}

/**
 * Draw `figure` into the element `id` with plotly.js from wherever this page has it (see the
 * file's comment), at the layout `adapt(figure, room)` gives for the room the page leaves it,
 * and again when the window's width changes. Runs in the page; chartHtml ships its source.
 *
 * Syntax:
 *     drawChart(id, figure, adapt, paths)
 *
 * Examples:
 *     // in a chart's <script>, with the figure and responsiveLayout written inline:
 *     drawChart('bp-chart-abbabe43d67c', figure, responsiveLayout, { requirePath, filesPath })
 *
 * See also:
 *     chartHtml, responsiveLayout
 */
export function drawChart(
  id: string,
  figure: Figure,
  adapt: (figure: Figure, room: number, legendHeight?: number) => Layout,
  paths: PlotlyPaths,
): void {
  const narrowBelow = 600; // NARROW_WIDTH of chart-layout.ts, written here: this source runs in the page
  // on a narrow page the tool bar would cover the title, and a finger has no hover
  const config = (layout: Layout): object => ({ displaylogo: false, responsive: false, displayModeBar: layout.width < narrowBelow ? false : 'hover' });
  let drawn: PlotlyApi | null = null;
  let drawnRoom = 0;
  let timer = 0;

  /** An element's width inside its padding (clientWidth includes the padding). */
  const innerWidth = (a: PageElement): number => {
    const style = typeof window.getComputedStyle === 'function' ? window.getComputedStyle(a) : null;
    const padding = style === null ? 0 : parseFloat(style.paddingLeft) + parseFloat(style.paddingRight);
    return a.clientWidth - (Number.isFinite(padding) ? padding : 0);
  };
  /** Width the page leaves the chart: output cells can be table cells that grow with their content, so the narrowest of a few ancestors. */
  const roomOf = (node: PageElement): number => {
    let room = Infinity;
    let a = node.parentElement;
    for (let k = 0; a !== null && k < 6; a = a.parentElement, k++) {
      if (a.clientWidth > 0) room = Math.min(room, innerWidth(a));
    }
    return room;
  };
  const size = (node: PageElement, layout: Layout): void => {
    node.style.width = `${layout.width}px`;
    node.style.height = `${layout.height}px`;
  };
  /** Narrow layouts estimate the legend's height; once drawn, make room for the legend as it is. */
  const fitLegend = (plotly: PlotlyApi, node: PageElement, layout: Layout): void => {
    const legend = node.querySelector('g.legend rect.bg');
    if (layout.width >= narrowBelow || legend === null) return;
    const fitted = adapt(figure, drawnRoom, legend.getBoundingClientRect().height);
    if (Math.abs(fitted.height - layout.height) < 3) return;
    size(node, fitted);
    void plotly.react(node, figure.data, fitted, config(fitted));
  };
  const redraw = (): void => {
    const node = document.getElementById(id);
    if (drawn === null || node === null) return;
    const room = roomOf(node);
    if (Math.abs(room - drawnRoom) < 8) return;
    drawnRoom = room;
    const plotly = drawn;
    const layout = adapt(figure, room);
    size(node, layout);
    plotly.react(node, figure.data, layout, config(layout)).then(() => fitLegend(plotly, node, layout), () => undefined);
  };
  const draw = (plotly: PlotlyApi | undefined): boolean => {
    const node = document.getElementById(id);
    if (drawn !== null) return true;
    if (node === null || plotly === undefined || typeof plotly.newPlot !== 'function') return false;
    drawn = plotly;
    drawnRoom = roomOf(node);
    const layout = adapt(figure, drawnRoom);
    size(node, layout);
    plotly.newPlot(node, figure.data, layout, config(layout)).then(
      () => {
        const img = node.querySelector('img.bp-chart-static');
        if (img !== null && img.parentNode !== null) img.parentNode.removeChild(img);
        fitLegend(plotly, node, layout);
      },
      () => {
        drawn = null;
      },
    );
    window.addEventListener('resize', () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(redraw, 150);
    });
    return true;
  };
  whenPlotly(paths, draw);
}

/**
 * Call `use(plotly)` once plotly.js is in the page: at once when `window.Plotly` is there (the
 * exported site), through require.js from `{base_url}files/` (classic Notebook), through one
 * shared <script> from `{baseUrl}files/` (JupyterLab 4, Notebook 7), or when a page loads it
 * later. `use` returns true once it has drawn; it is not called again after that. Runs in the
 * page beside drawChart (scriptSource ships both).
 *
 * Syntax:
 *     whenPlotly(paths, use)
 *
 * Examples:
 *     whenPlotly({ requirePath, filesPath }, (plotly) => plotly !== undefined)   // true once loaded
 *
 * See also:
 *     drawChart, scriptSource
 */
export function whenPlotly(paths: PlotlyPaths, use: (plotly: PlotlyApi | undefined) => boolean): void {
  const tryDraw = (): boolean => use(window.Plotly);
  if (tryDraw()) return;

  const body = document.body;
  const classicBase = body === null ? null : body.getAttribute('data-base-url');
  const requirejs = window.requirejs;
  const labConfig = document.getElementById('jupyter-config-data');
  if (classicBase !== null && requirejs !== undefined) {
    // classic Notebook: plotly.js v3+ sets window.Plotly instead of defining a module
    try {
      requirejs.config({ paths: { 'bp-plotly': classicBase + paths.requirePath } });
      requirejs(['bp-plotly'], (p) => use(window.Plotly ?? p), () => undefined);
    } catch {
      // the static image stays
    }
  } else if (labConfig !== null && document.head !== null) {
    // JupyterLab 4, Notebook 7: one <script> per page, shared by every chart on it
    try {
      const base = String(JSON.parse(labConfig.textContent ?? '{}').baseUrl ?? '/');
      const head = document.head;
      if (window.bpPlotlyLoading === undefined) {
        window.bpPlotlyLoading = new Promise<void>((resolve, reject) => {
          const script = document.createElement('script');
          script.onload = () => resolve();
          script.onerror = () => reject(new Error('plotly.js could not be loaded'));
          script.src = (base.endsWith('/') ? base : `${base}/`) + paths.filesPath;
          head.appendChild(script);
        });
      }
      window.bpPlotlyLoading.then(tryDraw, () => undefined);
    } catch {
      // the static image stays
    }
  }
  // plotly.js may also arrive later (a page that loads it after its outputs)
  let tries = 0;
  const poll = window.setInterval(() => {
    if (tryDraw() || ++tries > 150) window.clearInterval(poll);
  }, 100);
  window.addEventListener('load', tryDraw);
}

/**
 * The source of drawChart and whenPlotly, for a chart's <script> (they may use only each
 * other, responsiveLayout's source and the page's built-ins).
 *
 * Syntax:
 *     scriptSource()
 *
 * Examples:
 *     scriptSource().includes('function whenPlotly(')   // true
 *
 * See also:
 *     drawChart, chartHtml, layoutSource
 */
export function scriptSource(): string {
  return [whenPlotly, drawChart].map((part) => String(part)).join('\n');
}
