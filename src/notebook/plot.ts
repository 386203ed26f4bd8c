/**
 * Charts for the lessons: cost curves (one or many series, log scale, iteration markers),
 * side-by-side comparisons, decision boundaries over 2-D data, log-log curves (error versus
 * epsilon of a gradient check) and plain line charts.
 *
 * Two layers:
 * - `...Figure(...)` builders are pure: they return a plotly figure `{ data, layout }`.
 * - `costCurve`, `decisionBoundary`, `logLogCurve`, `lineChart`, `sideBySide` and
 *   `showFigure` display a figure as ONE output bundle (chart.ts) and return nothing (so a
 *   cell that ends with them prints no stray value).
 *
 * Used by the lessons on cost curves, the 1/m comparison, planar data and gradient checks.
 */
import { Figure, ScatterTrace, SeriesStyle, Trace, baseLayout, logAxis, paletteColor, short, styledTrace } from './figure';
import { showFigure, withSummary } from './chart';

export type {
  Annotation,
  Axis,
  ContourTrace,
  Figure,
  Layout,
  LineStyle,
  MarkerStyle,
  MarkerSymbol,
  ScatterTrace,
  SeriesStyle,
  Trace,
} from './figure';
export { PALETTE, paletteColor } from './figure';
export { PLOTLY_MIME, chartBundle, showFigure } from './chart';
export * from './decision-boundary';
export * from './side-by-side';

// ---------------------------------------------------------------------------------------------
// Cost curves

/**
 * A recorded cost history: `costs[i]` was measured at iteration `start + i * every`; drawn in
 * its own style when given (`dash`, `width`, `color`, `mode`, `marker`).
 */
export interface CostSeries extends SeriesStyle {
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

/** One curve of numbers, several curves, or one named series, as a list of named series. */
function normalizeSeries(series: number[] | CostSeries | Array<number[] | CostSeries>): CostSeries[] {
  if (!Array.isArray(series)) return [series];
  const items: Array<number | number[] | CostSeries> = series;
  const numbers = items.filter((s): s is number => typeof s === 'number');
  if (items.length === 0 || numbers.length === items.length) return [{ name: 'cost', costs: numbers }];
  return items
    .filter((s): s is number[] | CostSeries => typeof s !== 'number')
    .map((s, i) => (Array.isArray(s) ? { name: `series ${i + 1}`, costs: s } : s));
}

/**
 * The plotly figure of one or several cost curves (cost against iteration).
 *
 * Syntax:
 *     costCurveFigure(costs, { title })
 *     costCurveFigure({ name, costs, every }, { title, logY, markEvery })
 *     costCurveFigure([seriesA, seriesB], { title, logY })
 *     costCurveFigure([{ name, costs, dash?, width?, color?, mode?, marker? }, …], options)   // a style per series
 *
 * A log cost axis labels each power of ten over two decades or more, and 1, 2, 5 times them
 * below (logAxis), in plotly and in the static image alike.
 *
 * Examples:
 *     costCurveFigure([0.69, 0.5, 0.3], { title: 'J' }).data[0].y          // [0.69, 0.5, 0.3]
 *     costCurveFigure({ name: 'A', costs: [1, 2], every: 100 }, { title: 'J' }).data[0].x  // [0, 100]
 *     costCurveFigure([{ name: 'A', costs: a }, { name: 'B', costs: b, dash: 'dash', width: 4 }], { title: 'J' }).data[1].line
 *     // { color: '#ff7f0e', width: 4, dash: 'dash' }  (B stays visible over A)
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
    const color = s.color ?? paletteColor(k);
    data.push({ ...styledTrace(s.name, x, s.costs.slice(), s, { color, mode: 'lines' }), legendgroup: s.name });
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
  if (options.logY === true) Object.assign(layout.yaxis, logAxis(list.flatMap((s) => s.costs)));
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

/** One named curve through points (x[i], y[i]), in its own style when given (`dash`, `width`, `color`, `mode`, `marker`). */
export interface LineSeries extends SeriesStyle {
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
 *     a series: { name, x, y, dash?, width?, color?, mode?: 'lines' | 'markers' | 'lines+markers',
 *                 marker?: { symbol?: 'circle' | 'diamond' | 'circle-open' | …, size? } }
 *
 * Series are drawn in order: put the one whose markers must stay visible last, and draw the
 * ones below it as outlines ('circle-open'). Log axes label each power of ten over two decades
 * or more, and 1, 2, 5 times them below (logAxis).
 *
 * Examples:
 *     lineChartFigure({ name: 'z^2', x: [0, 1, 2], y: [0, 1, 4] },
 *       { title: 'square', xLabel: 'z', yLabel: 'z^2' }).data[0].y   // [0, 1, 4]
 *     lineChartFigure([
 *       { name: 'predicted', x: ks, y: f, mode: 'lines', dash: 'dash' },
 *       { name: 'doubled', x: ks, y: d, mode: 'markers', marker: { symbol: 'circle-open', size: 14 } },
 *       { name: 'missing', x: ks, y: n, mode: 'markers', marker: { symbol: 'diamond', size: 8 } },
 *     ], { title: 'fingerprint', xLabel: 'm', yLabel: 'difference', logX: true })   // all three visible where they coincide
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
  const mode = options.markers === true ? 'lines+markers' : 'lines';
  const data: ScatterTrace[] = list.map((s, k) => styledTrace(s.name, s.x.slice(), s.y.slice(), s, { color: paletteColor(k), mode }));
  const layout = baseLayout(options.title, options.xLabel, options.yLabel, options.width, options.height);
  if (options.logX === true) Object.assign(layout.xaxis, logAxis(list.flatMap((s) => s.x)));
  if (options.logY === true) Object.assign(layout.yaxis, logAxis(list.flatMap((s) => s.y)));
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

