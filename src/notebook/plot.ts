/**
 * Charts for the lessons: cost curves (one or many series, log scale, iteration markers),
 * side-by-side comparisons, decision boundaries over 2-D data, log-log curves (error versus
 * epsilon of a gradient check) and plain line charts.
 *
 * Two layers:
 * - `...Figure(...)` builders are pure: they return a plotly figure `{ data, layout }`.
 * - `costCurve`, `decisionBoundary`, `logLogCurve`, `lineChart`, `sideBySide` and
 *   `showFigure` display a figure as ONE output bundle and return nothing (so a cell that ends
 *   with them prints no stray value):
 *     application/vnd.plotly.v1+json  the figure object (JupyterLab, VS Code)
 *     text/html                       a div + script drawing it with window.Plotly when the
 *                                     page has plotly.js (exported site, classic Notebook via
 *                                     require.js), else a static <img> of the SVG
 *     image/svg+xml                   the static SVG (svg.ts), drawn without a browser
 *     text/plain                      a one-line summary
 *   plotly.js itself is never inlined.
 *
 * Used by the lessons on cost curves, the 1/m comparison, planar data and gradient checks.
 */
import { createHash } from 'node:crypto';
import { MimeBundle, displayBundle } from './display';
import { Axis, ContourTrace, Figure, Layout, ScatterTrace, Trace, paletteColor } from './figure';
import { contourPolylines, escapeXml, renderSvg } from './svg';

export type {
  Annotation,
  Axis,
  ContourTrace,
  Figure,
  Layout,
  LineStyle,
  MarkerStyle,
  ScatterTrace,
  Trace,
} from './figure';
export { PALETTE, paletteColor } from './figure';
export { renderSvg } from './svg';

/** Mime type of plotly figures. */
export const PLOTLY_MIME = 'application/vnd.plotly.v1+json';

/** Path of plotly.js under the server root (classic Notebook), without '.js' (require.js). */
export const PLOTLY_REQUIRE_PATH = 'files/node_modules/plotly.js-dist-min/plotly.min';

const summaries = new WeakMap<Figure, string>();

/** Short number for summaries: 4 significant digits, exponent form when tiny or huge. */
function short(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a < 1e-3 || a >= 1e6) return v.toExponential(3).replace(/\.?0+e/, 'e');
  return String(Number(v.toPrecision(4)));
}

function round4(v: number): number {
  return Number.isFinite(v) ? Number(v.toPrecision(4)) : v;
}

function round6(v: number): number {
  return Number.isFinite(v) ? Number(v.toPrecision(6)) : v;
}

function baseLayout(title: string, xLabel: string, yLabel: string, width = 680, height = 420): Layout {
  return {
    title: { text: title },
    width,
    height,
    showlegend: true,
    margin: { l: 80, r: 20, t: 60, b: 60 },
    xaxis: { title: { text: xLabel }, zeroline: false },
    yaxis: { title: { text: yLabel }, zeroline: false },
    font: { family: 'Helvetica, Arial, sans-serif', size: 12 },
    plot_bgcolor: '#ffffff',
    paper_bgcolor: '#ffffff',
  };
}

function withSummary(figure: Figure, summary: string): Figure {
  summaries.set(figure, summary);
  return figure;
}

// ---------------------------------------------------------------------------------------------
// Cost curves

/** A recorded cost history: `costs[i]` was measured at iteration `start + i * every`. */
export interface CostSeries {
  name: string;
  costs: number[];
  /** Iterations between two recorded costs (the course records one every 100); default 1. */
  every?: number;
  /** Iteration of the first recorded cost; default 0. */
  start?: number;
}

/** Options of `costCurve` / `costCurveFigure`. */
export interface CostCurveOptions {
  title: string;
  /** Log-scale cost axis (shows a slowed curve's constant factor as a constant gap). */
  logY?: boolean;
  /** Put a marker on every `markEvery`-th recorded cost. */
  markEvery?: number;
  xLabel?: string;
  yLabel?: string;
  width?: number;
  height?: number;
}

function normalizeSeries(series: number[] | CostSeries | Array<number[] | CostSeries>): CostSeries[] {
  if (Array.isArray(series) && (series.length === 0 || typeof series[0] === 'number')) {
    return [{ name: 'cost', costs: series as number[] }];
  }
  const list = (Array.isArray(series) ? series : [series]) as Array<number[] | CostSeries>;
  return list.map((s, i) => (Array.isArray(s) ? { name: `series ${i + 1}`, costs: s } : s));
}

/**
 * The plotly figure of one or several cost curves (cost against iteration).
 *
 * Syntax:
 *     costCurveFigure(costs, { title })
 *     costCurveFigure({ name, costs, every }, { title, logY, markEvery })
 *     costCurveFigure([seriesA, seriesB], { title, logY })
 *
 * Examples:
 *     costCurveFigure([0.69, 0.5, 0.3], { title: 'J' }).data[0].y          // [0.69, 0.5, 0.3]
 *     costCurveFigure({ name: 'A', costs: [1, 2], every: 100 }, { title: 'J' }).data[0].x  // [0, 100]
 *
 * See also:
 *     costCurve, sideBySide, lineChartFigure
 */
export function costCurveFigure(
  series: number[] | CostSeries | Array<number[] | CostSeries>,
  options: CostCurveOptions,
): Figure {
  const list = normalizeSeries(series);
  const data: Trace[] = [];
  list.forEach((s, k) => {
    const every = s.every ?? 1;
    const start = s.start ?? 0;
    const x = s.costs.map((_, i) => start + i * every);
    const color = paletteColor(k);
    data.push({
      type: 'scatter',
      name: s.name,
      x,
      y: s.costs.slice(),
      mode: 'lines',
      line: { color, width: 2 },
      legendgroup: s.name,
    });
    if (options.markEvery !== undefined && options.markEvery > 0) {
      const idx = s.costs.map((_, i) => i).filter((i) => i % (options.markEvery as number) === 0);
      data.push({
        type: 'scatter',
        name: `${s.name} (markers)`,
        x: idx.map((i) => x[i] as number),
        y: idx.map((i) => s.costs[i] as number),
        mode: 'markers',
        marker: { color, size: 7, symbol: 'circle' },
        showlegend: false,
        legendgroup: s.name,
      });
    }
  });
  const layout = baseLayout(
    options.title,
    options.xLabel ?? 'iteration',
    options.yLabel ?? (options.logY === true ? 'cost J (log scale)' : 'cost J'),
    options.width,
    options.height,
  );
  if (options.logY === true) Object.assign(layout.yaxis, { type: 'log', exponentformat: 'power' });
  const iterations = Math.max(0, ...list.map((s) => (s.start ?? 0) + Math.max(0, s.costs.length - 1) * (s.every ?? 1) + 1));
  const finals = list
    .map((s) => `${s.name} ${s.costs.length > 0 ? short(s.costs[s.costs.length - 1] as number) : 'none'}`)
    .join(', ');
  return withSummary(
    { data, layout },
    `cost curve "${options.title}": ${list.length} series, ${iterations} iterations, final cost${list.length > 1 ? 's' : ''}: ${finals}`,
  );
}

/**
 * Show one or several cost curves as one chart (see `costCurveFigure` for the arguments).
 *
 * Syntax:
 *     costCurve(costs, { title })
 *     costCurve([{ name: 'course', costs: a }, { name: 'doubled 1/m', costs: b }], { title, logY: true })
 *
 * Examples:
 *     costCurve(result.costs, { title: 'Training cost, learning rate 1.2' })
 *     // shows the chart; text/plain: cost curve "Training cost, ...": 1 series, 10000 iterations, final cost: cost 0.2187
 *
 * See also:
 *     costCurveFigure, sideBySide, progress
 */
export function costCurve(
  series: number[] | CostSeries | Array<number[] | CostSeries>,
  options: CostCurveOptions,
): void {
  showFigure(costCurveFigure(series, options));
}

// ---------------------------------------------------------------------------------------------
// Line charts and log-log curves

/** One named curve through points (x[i], y[i]). */
export interface LineSeries {
  name: string;
  x: number[];
  y: number[];
}

/** Options of `lineChart` / `lineChartFigure`. */
export interface LineChartOptions {
  title: string;
  xLabel: string;
  yLabel: string;
  logX?: boolean;
  logY?: boolean;
  /** Draw markers at the points too. */
  markers?: boolean;
  width?: number;
  height?: number;
}

/**
 * The plotly figure of one or several named curves.
 *
 * Syntax:
 *     lineChartFigure(series | series[], { title, xLabel, yLabel, logX, logY, markers })
 *
 * Examples:
 *     lineChartFigure({ name: 'z^2', x: [0, 1, 2], y: [0, 1, 4] },
 *       { title: 'square', xLabel: 'z', yLabel: 'z^2' }).data[0].y   // [0, 1, 4]
 *
 * See also:
 *     lineChart, logLogFigure, costCurveFigure
 */
export function lineChartFigure(series: LineSeries | LineSeries[], options: LineChartOptions): Figure {
  const list = Array.isArray(series) ? series : [series];
  for (const s of list) {
    if (s.x.length !== s.y.length) {
      throw new RangeError(`lineChart: series "${s.name}" has ${s.x.length} x values and ${s.y.length} y values`);
    }
  }
  const data: ScatterTrace[] = list.map((s, k) => {
    const trace: ScatterTrace = {
      type: 'scatter',
      name: s.name,
      x: s.x.slice(),
      y: s.y.slice(),
      mode: options.markers === true ? 'lines+markers' : 'lines',
      line: { color: paletteColor(k), width: 2 },
    };
    if (options.markers === true) trace.marker = { color: paletteColor(k), size: 7, symbol: 'circle' };
    return trace;
  });
  const layout = baseLayout(options.title, options.xLabel, options.yLabel, options.width, options.height);
  if (options.logX === true) Object.assign(layout.xaxis, { type: 'log', exponentformat: 'power' });
  if (options.logY === true) Object.assign(layout.yaxis, { type: 'log', exponentformat: 'power' });
  const parts = list.map((s) => {
    const ys = s.y.filter(Number.isFinite);
    const range = ys.length > 0 ? `y from ${short(Math.min(...ys))} to ${short(Math.max(...ys))}` : 'no finite y';
    return `${s.name} (${s.x.length} points, ${range})`;
  });
  return withSummary({ data, layout }, `line chart "${options.title}": ${parts.join('; ')}`);
}

/**
 * Show one or several named curves as one chart.
 *
 * Syntax:
 *     lineChart(series | series[], { title, xLabel, yLabel, logX, logY, markers })
 *
 * Examples:
 *     lineChart({ name: 'sigmoid', x: zs, y: zs.map(sigmoid) }, { title: 'σ(z)', xLabel: 'z', yLabel: 'σ(z)' })
 *     // shows the chart; text/plain: line chart "σ(z)": sigmoid (101 points, y from 0.006693 to 0.9933)
 *
 * See also:
 *     lineChartFigure, logLogCurve, costCurve
 */
export function lineChart(series: LineSeries | LineSeries[], options: LineChartOptions): void {
  showFigure(lineChartFigure(series, options));
}

/**
 * The plotly figure of curves on log-log axes, with markers (e.g. a gradient check's error
 * against epsilon: truncation error falls as eps^2, round-off rises as 1/eps).
 *
 * Syntax:
 *     logLogFigure(series | series[], { title, xLabel, yLabel })
 *
 * Examples:
 *     logLogFigure({ name: 'difference', x: [1e-2, 1e-4], y: [1.7e-6, 1.9e-10] },
 *       { title: 'Gradient check', xLabel: 'epsilon', yLabel: 'difference' }).layout.xaxis.type   // 'log'
 *
 * See also:
 *     logLogCurve, lineChartFigure
 */
export function logLogFigure(
  series: LineSeries | LineSeries[],
  options: Omit<LineChartOptions, 'logX' | 'logY'>,
): Figure {
  return lineChartFigure(series, { markers: true, ...options, logX: true, logY: true });
}

/**
 * Show curves on log-log axes with markers (see `logLogFigure`).
 *
 * Syntax:
 *     logLogCurve(series | series[], { title, xLabel, yLabel })
 *
 * Examples:
 *     logLogCurve({ name: 'difference', x: eps, y: diffs }, { title: 'Error versus epsilon', xLabel: 'epsilon', yLabel: 'difference' })
 *     // shows the chart; text/plain: line chart "Error versus epsilon": difference (8 points, y from 1.9e-10 to 1.9e-5)
 *
 * See also:
 *     logLogFigure, lineChart
 */
export function logLogCurve(series: LineSeries | LineSeries[], options: Omit<LineChartOptions, 'logX' | 'logY'>): void {
  showFigure(logLogFigure(series, options));
}

/**
 * The plotly figure of named point clouds (markers only), e.g. a data set coloured by class.
 *
 * Syntax:
 *     scatterFigure(series | series[], { title, xLabel, yLabel })
 *
 * Examples:
 *     scatterFigure([{ name: 'y = 0', x: [0, 1], y: [1, 0] }, { name: 'y = 1', x: [2], y: [2] }],
 *       { title: 'data', xLabel: 'x₁', yLabel: 'x₂' }).data.map((t) => t.mode)   // ['markers', 'markers']
 *
 * See also:
 *     scatterChart, decisionBoundaryFigure, lineChartFigure
 */
export function scatterFigure(
  series: LineSeries | LineSeries[],
  options: Omit<LineChartOptions, 'markers'>,
): Figure {
  const fig = lineChartFigure(series, { ...options, markers: true });
  for (const t of fig.data as ScatterTrace[]) {
    t.mode = 'markers';
    delete t.line;
  }
  const list = Array.isArray(series) ? series : [series];
  return withSummary(
    fig,
    `scatter chart "${options.title}": ${list.map((s) => `${s.name} (${s.x.length} points)`).join(', ')}`,
  );
}

/**
 * Show named point clouds as one chart (see `scatterFigure`).
 *
 * Syntax:
 *     scatterChart(series | series[], { title, xLabel, yLabel })
 *
 * Examples:
 *     scatterChart([{ name: 'y = 0', x: x0, y: y0 }, { name: 'y = 1', x: x1, y: y1 }],
 *       { title: 'The planar flower', xLabel: 'x₁', yLabel: 'x₂' })
 *     // shows the chart; text/plain: scatter chart "The planar flower": y = 0 (200 points), y = 1 (200 points)
 *
 * See also:
 *     scatterFigure, decisionBoundary
 */
export function scatterChart(series: LineSeries | LineSeries[], options: Omit<LineChartOptions, 'markers'>): void {
  showFigure(scatterFigure(series, options));
}

// ---------------------------------------------------------------------------------------------
// Decision boundaries

/** Something with a `toArray()`, like the lessons' Matrix. */
export interface ToArray {
  toArray(): number[][];
}

/** Options of `decisionBoundary` / `decisionBoundaryFigure`. */
export interface DecisionBoundaryOptions {
  /** The model: a probability (or score) for the point (x1, x2). */
  predict: (x1: number, x2: number) => number;
  /** Inputs, shape (2, m): one example per column, as in the course. */
  X: number[][] | ToArray;
  /** Labels 0/1, shape (1, m) or a flat array of m. */
  Y: number[][] | number[] | ToArray;
  title: string;
  xLabel?: string;
  yLabel?: string;
  /** Grid points per axis; default 60. */
  resolution?: number;
  /** Margin around the data, as a fraction of its span; default 0.1. */
  padding?: number;
  /** Where the boundary is drawn; default 0.5. */
  threshold?: number;
  /** Legend names of the two classes; default ['y = 0', 'y = 1']. */
  classNames?: [string, string];
  width?: number;
  height?: number;
}

function rowsOf(v: number[][] | ToArray): number[][] {
  return Array.isArray(v) ? v : v.toArray();
}

/**
 * The plotly figure of a classifier's decision regions (filled contour of `predict` on a grid),
 * its boundary at `threshold`, and the labelled points.
 *
 * Syntax:
 *     decisionBoundaryFigure({ predict, X, Y, title })
 *     decisionBoundaryFigure({ predict, X, Y, title, resolution, padding, threshold, classNames })
 *
 * Examples:
 *     const f = decisionBoundaryFigure({ predict: (a, b) => (a + b > 0 ? 1 : 0),
 *       X: [[-1, 1], [-1, 1]], Y: [0, 1], title: 'x1 + x2 > 0' });
 *     f.data.map((t) => t.name)   // ['model output', 'boundary (output = 0.5)', 'y = 0', 'y = 1']
 *
 * See also:
 *     decisionBoundary, costCurveFigure
 */
export function decisionBoundaryFigure(options: DecisionBoundaryOptions): Figure {
  const X = rowsOf(options.X);
  const yRaw = options.Y;
  const Y: number[] = Array.isArray(yRaw)
    ? typeof yRaw[0] === 'number' || yRaw.length === 0
      ? (yRaw as number[])
      : ((yRaw as number[][])[0] as number[])
    : (yRaw.toArray()[0] as number[]);
  if (X.length !== 2) {
    throw new RangeError(`decisionBoundary: X must have shape (2, m), one example per column; got ${X.length} rows`);
  }
  const x1 = X[0] as number[];
  const x2 = X[1] as number[];
  const m = x1.length;
  if (x2.length !== m || Y.length !== m) {
    throw new RangeError(`decisionBoundary: X has shape (2, ${m}) but rows of ${x2.length} and Y of ${Y.length} values`);
  }
  const res = Math.max(2, Math.round(options.resolution ?? 60));
  const pad = options.padding ?? 0.1;
  const threshold = options.threshold ?? 0.5;
  const axisRange = (v: number[]): [number, number] => {
    const lo = v.length > 0 ? Math.min(...v) : -1;
    const hi = v.length > 0 ? Math.max(...v) : 1;
    const span = hi - lo || 1;
    return [lo - span * pad, hi + span * pad];
  };
  const [a0, a1] = axisRange(x1);
  const [b0, b1] = axisRange(x2);
  const gx = Array.from({ length: res }, (_, i) => round6(a0 + ((a1 - a0) * i) / (res - 1)));
  const gy = Array.from({ length: res }, (_, j) => round6(b0 + ((b1 - b0) * j) / (res - 1)));
  // Shading only: 4 significant digits keep the stored grid small.
  const z = gy.map((yv) => gx.map((xv) => round4(options.predict(xv, yv))));
  let zmin = Infinity;
  let zmax = -Infinity;
  for (const row of z) for (const v of row) if (Number.isFinite(v)) { zmin = Math.min(zmin, v); zmax = Math.max(zmax, v); }
  if (zmin >= 0 && zmax <= 1) {
    zmin = 0;
    zmax = 1;
  }
  if (!(zmax > zmin)) {
    zmin = Math.min(zmin, threshold) - 1;
    zmax = Math.max(zmax, threshold) + 1;
  }
  const size = (zmax - zmin) / 10;
  const [name0, name1] = options.classNames ?? ['y = 0', 'y = 1'];
  const fill: ContourTrace = {
    type: 'contour',
    name: 'model output',
    x: gx,
    y: gy,
    z,
    colorscale: [
      [0, '#f4b6b6'],
      [0.5, '#f7f7f7'],
      [1, '#b6cff0'],
    ],
    zmin,
    zmax,
    autocontour: false,
    contours: { coloring: 'fill', start: zmin + size, end: zmax - size, size, showlines: false },
    showscale: false,
    showlegend: false,
    hoverinfo: 'skip',
  };
  // The boundary as lines computed here (marching squares), so plotly and the SVG draw the
  // same curve and the grid is stored once.
  const boundaryName = `boundary (output = ${short(threshold)})`;
  const boundary: ScatterTrace[] = contourPolylines(gx, gy, z, threshold).map(([bx, by], k) => ({
    type: 'scatter',
    name: boundaryName,
    x: bx.map(round6),
    y: by.map(round6),
    mode: 'lines',
    line: { color: '#222222', width: 2 },
    legendgroup: 'boundary',
    showlegend: k === 0,
  }));
  const idx0 = Y.map((_, i) => i).filter((i) => (Y[i] as number) < 0.5);
  const idx1 = Y.map((_, i) => i).filter((i) => (Y[i] as number) >= 0.5);
  const points = (idx: number[], name: string, color: string): ScatterTrace => ({
    type: 'scatter',
    name,
    x: idx.map((i) => x1[i] as number),
    y: idx.map((i) => x2[i] as number),
    mode: 'markers',
    marker: { color, size: 7, symbol: 'circle', line: { color: '#ffffff', width: 0.6 } },
  });
  const layout = baseLayout(options.title, options.xLabel ?? 'x₁', options.yLabel ?? 'x₂', options.width ?? 560, options.height ?? 580);
  layout.legend = { orientation: 'h', x: 0, y: -0.14, yanchor: 'top' };
  layout.margin = { l: 80, r: 20, t: 60, b: 100 };
  layout.xaxis.range = [a0, a1];
  layout.yaxis.range = [b0, b1];
  let correct = 0;
  for (let i = 0; i < m; i += 1) {
    const p = options.predict(x1[i] as number, x2[i] as number);
    if ((p >= threshold ? 1 : 0) === ((Y[i] as number) >= 0.5 ? 1 : 0)) correct += 1;
  }
  const accuracy = m > 0 ? `${short((100 * correct) / m)}%` : 'n/a';
  return withSummary(
    { data: [fill, ...boundary, points(idx0, name0, '#d62728'), points(idx1, name1, '#1f77b4')], layout },
    `decision boundary "${options.title}": ${m} points (${idx0.length} ${name0}, ${idx1.length} ${name1}), grid ${res}x${res}, accuracy ${accuracy}`,
  );
}

/**
 * Show a classifier's decision regions, boundary and labelled points (see
 * `decisionBoundaryFigure`).
 *
 * Syntax:
 *     decisionBoundary({ predict, X, Y, title })
 *
 * Examples:
 *     decisionBoundary({ predict: (a, b) => model(a, b), X, Y, title: '4 tanh hidden units' })
 *     // shows the chart; text/plain: decision boundary "4 tanh hidden units": 400 points (200 y = 0, 200 y = 1), grid 60x60, accuracy 90.5%
 *
 * See also:
 *     decisionBoundaryFigure, sideBySide
 */
export function decisionBoundary(options: DecisionBoundaryOptions): void {
  showFigure(decisionBoundaryFigure(options));
}

// ---------------------------------------------------------------------------------------------
// Side by side

/** Options of `sideBySide` / `sideBySideFigure`. */
export interface SideBySideOptions {
  title: string;
  /** Same y range on every panel (compare heights directly); default false. */
  shareY?: boolean;
  width?: number;
  height?: number;
}

function renameAxis(ref: string | undefined, letter: 'x' | 'y', k: number): string {
  if (ref !== undefined && ref !== letter) {
    throw new RangeError('sideBySide: figures that already have subplots cannot be combined');
  }
  return k === 0 ? letter : `${letter}${k + 1}`;
}

/**
 * One figure with the given figures as panels side by side; each panel keeps its axes and
 * its title (as a subplot title); traces of the same name share one legend entry.
 *
 * Syntax:
 *     sideBySideFigure([figureA, figureB], { title, shareY })
 *
 * Examples:
 *     const f = sideBySideFigure([costCurveFigure(a, { title: 'A' }), costCurveFigure(b, { title: 'B' })], { title: 'A vs B' });
 *     f.data[1].xaxis   // 'x2'
 *
 * See also:
 *     sideBySide, costCurveFigure, decisionBoundaryFigure
 */
export function sideBySideFigure(figures: Figure[], options: SideBySideOptions): Figure {
  const count = figures.length;
  if (count === 0) throw new RangeError('sideBySide: no figures');
  const gap = count > 1 ? 0.14 : 0;
  const widthEach = (1 - gap * (count - 1)) / count;
  const layout = baseLayout(options.title, '', '', options.width ?? Math.min(980, 120 + 420 * count), options.height ?? 500);
  layout.margin = { l: 80, r: 20, t: 90, b: 110 };
  // Legend below the panels: the width goes to the panels.
  layout.legend = { orientation: 'h', x: 0, y: -0.2, yanchor: 'top' };
  layout.annotations = [];
  const data: Trace[] = [];
  const seen = new Set<string>();
  let yLo = Infinity;
  let yHi = -Infinity;
  figures.forEach((fig, k) => {
    const x0 = k * (widthEach + gap);
    const domain: [number, number] = [x0, x0 + widthEach];
    const xName = k === 0 ? 'x' : `x${k + 1}`;
    const yName = k === 0 ? 'y' : `y${k + 1}`;
    const xa: Axis = { ...fig.layout.xaxis, domain, anchor: yName };
    const ya: Axis = { ...fig.layout.yaxis, anchor: xName };
    const suffix = k === 0 ? '' : String(k + 1);
    (layout as unknown as Record<string, Axis>)[`xaxis${suffix}`] = xa;
    (layout as unknown as Record<string, Axis>)[`yaxis${suffix}`] = ya;
    layout.annotations?.push({
      text: fig.layout.title.text,
      x: (domain[0] + domain[1]) / 2,
      y: 1,
      xref: 'paper',
      yref: 'paper',
      showarrow: false,
      xanchor: 'center',
      yanchor: 'bottom',
      font: { size: 14 },
    });
    for (const t of fig.data) {
      const copy: Trace = { ...t, xaxis: renameAxis(t.xaxis, 'x', k), yaxis: renameAxis(t.yaxis, 'y', k) };
      const group = t.type === 'scatter' ? t.legendgroup ?? t.name : t.name;
      const shows = t.showlegend ?? t.type === 'scatter';
      if (shows) {
        if (seen.has(group)) copy.showlegend = false;
        seen.add(group);
      }
      if (copy.type === 'scatter') copy.legendgroup = group;
      data.push(copy);
      if (t.type === 'scatter') {
        const log = fig.layout.yaxis.type === 'log';
        for (const v of t.y) {
          if (!Number.isFinite(v) || (log && v <= 0)) continue;
          const u = log ? Math.log10(v) : v;
          yLo = Math.min(yLo, u);
          yHi = Math.max(yHi, u);
        }
      }
    }
  });
  if (options.shareY === true && yLo < yHi) {
    const pad = (yHi - yLo) * 0.05;
    for (let k = 0; k < count; k += 1) {
      const ya = (layout as unknown as Record<string, Axis>)[`yaxis${k === 0 ? '' : k + 1}`] as Axis;
      ya.range = [yLo - pad, yHi + pad];
    }
  }
  const inner = figures.map((f) => summaries.get(f) ?? `"${f.layout.title.text}"`).join(' | ');
  return withSummary({ data, layout }, `side by side "${options.title}": ${inner}`);
}

/**
 * Show figures as panels of one chart (see `sideBySideFigure`).
 *
 * Syntax:
 *     sideBySide([figureA, figureB], { title, shareY })
 *
 * Examples:
 *     sideBySide([costCurveFigure(course, { title: 'loss notation' }),
 *                 costCurveFigure(learner, { title: 'cost notation' })], { title: 'Same costs', shareY: true })
 *     // shows one chart with two panels
 *
 * See also:
 *     sideBySideFigure, costCurveFigure, decisionBoundaryFigure
 */
export function sideBySide(figures: Figure[], options: SideBySideOptions): void {
  showFigure(sideBySideFigure(figures, options));
}

// ---------------------------------------------------------------------------------------------
// Bundles

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

/**
 * The `text/html` part of a chart: a div holding the static SVG as a data-URI <img> (which
 * survives the classic Notebook's sanitizer), and a script that replaces it by the
 * interactive chart as soon as `window.Plotly` exists (the exported site loads plotly.js in
 * its head; the script polls for 15 s and listens for `load` in case it loads later), or loads
 * plotly.js through require.js from `{base_url}files/node_modules/plotly.js-dist-min/plotly.min`
 * in the classic Notebook. plotly.js itself is never inlined.
 *
 * Syntax:
 *     chartHtml(figure, svg, id)
 *
 * Examples:
 *     chartHtml(fig, renderSvg(fig), chartId(fig)).startsWith('<div id="bp-chart-')   // true
 *
 * See also:
 *     chartBundle, renderSvg, chartId
 */
export function chartHtml(figure: Figure, svg: string, id: string): string {
  const { width, height } = figure.layout;
  const img = `data:image/svg+xml;base64,${Buffer.from(svg, 'utf8').toString('base64')}`;
  const alt = escapeXml(figure.layout.title.text);
  const script = `(function () {
  var id = ${scriptJson(id)};
  var fig = ${scriptJson(figure)};
  var done = false;
  function draw(P) {
    var el = document.getElementById(id);
    if (done || !el || !P || typeof P.newPlot !== "function") return done;
    done = true;
    var layout = fig.layout;
    // Narrower page: shrink to fit rather than cut off the legend. Output cells can be
    // table cells that grow with their content, so the narrowest ancestor sets the room.
    var room = Infinity;
    for (var a = el.parentElement, k = 0; a && k < 6; a = a.parentElement, k++) {
      if (a.clientWidth > 0) room = Math.min(room, a.clientWidth);
    }
    if (room < layout.width) {
      layout = JSON.parse(JSON.stringify(layout));
      layout.width = Math.max(320, room - 24);
      el.style.width = layout.width + "px";
    }
    P.newPlot(el, fig.data, layout, { displaylogo: false, responsive: false }).then(function () {
      var img = el.querySelector("img.bp-chart-static");
      if (img) img.parentNode.removeChild(img);
    }, function () { done = false; });
    return true;
  }
  function tryDraw() { return draw(window.Plotly); }
  if (tryDraw()) return;
  var base = document.body && document.body.getAttribute("data-base-url");
  if (base !== null && base !== undefined && typeof window.requirejs === "function") {
    try {
      window.requirejs.config({ paths: { "bp-plotly": base + ${scriptJson(PLOTLY_REQUIRE_PATH)} } });
      window.requirejs(["bp-plotly"], function (P) { draw(window.Plotly || P); }, function () {});
    } catch (e) {}
  }
  var tries = 0;
  var timer = setInterval(function () { if (tryDraw() || ++tries > 150) clearInterval(timer); }, 100);
  window.addEventListener("load", tryDraw);
})();`;
  return (
    `<div id="${id}" class="bp-chart" style="width:${width}px;max-width:100%;height:${height}px">` +
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
    'text/plain': summary ?? summaries.get(figure) ?? genericSummary(figure),
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
