/**
 * The subset of plotly.js figures the lessons draw: scatter traces (lines, markers) and
 * contour traces (filled or lines only), on one or several axes. A `Figure` is plain JSON: it
 * is sent as `application/vnd.plotly.v1+json`, drawn by plotly.js in the page, and drawn
 * again without a browser by `renderSvg` (svg.ts), so both renderers read the same fields.
 *
 * Built by plot.ts; used by every lesson that shows a chart.
 */

/** A plotly axis (`layout.xaxis`, `layout.yaxis2`, ...). */
export interface Axis {
  title: { text: string; font?: { size: number } };
  type?: 'linear' | 'log';
  /** Fraction of the figure's plotting width/height this axis spans (subplots). */
  domain?: [number, number];
  /** The axis this one crosses (`'y'`, `'x2'`, ...). */
  anchor?: string;
  /** Fixed range, in data units (log10 units for a log axis, as in plotly). */
  range?: [number, number];
  zeroline?: boolean;
  automargin?: boolean;
  /** How plotly writes big/small tick labels; 'power' (10⁻⁶) matches the static SVG. */
  exponentformat?: 'power' | 'e' | 'E' | 'SI' | 'B' | 'none';
  /**
   * Tick spacing. On a log axis (as in plotly): a number k labels every k-th power of ten;
   * 'D2' labels 1, 2 and 5 times the powers of ten. Both renderers read it (see logAxis).
   */
  dtick?: number | 'D2';
}

export interface LineStyle {
  color: string;
  width?: number;
  dash?: 'solid' | 'dash' | 'dot';
}

/** Marker symbols both renderers draw; the "-open" ones are outlines, so what lies below shows through. */
export type MarkerSymbol = 'circle' | 'square' | 'diamond' | 'x' | 'circle-open' | 'square-open' | 'diamond-open';

export interface MarkerStyle {
  color: string;
  size?: number;
  symbol?: MarkerSymbol;
  line?: { color: string; width: number };
}

/**
 * How one series of a line chart or a cost curve is drawn, given with the series itself
 * (`{ name, x, y, dash: 'dash', width: 3 }`) instead of by changing the built figure.
 */
export interface SeriesStyle {
  /** Default: the palette colour of the series' position. */
  color?: string;
  dash?: 'solid' | 'dash' | 'dot';
  /** Line width in px (default 2). */
  width?: number;
  /** Default: the chart's ('lines', or 'lines+markers' with the option markers). */
  mode?: 'lines' | 'markers' | 'lines+markers';
  /** Marker symbol and size (default a 7 px circle) where markers are drawn. */
  marker?: { symbol?: MarkerSymbol; size?: number };
}

/** Lines and/or markers through points (x[i], y[i]). */
export interface ScatterTrace {
  type: 'scatter';
  name: string;
  x: number[];
  y: number[];
  mode: 'lines' | 'markers' | 'lines+markers';
  line?: LineStyle;
  marker?: MarkerStyle;
  xaxis?: string;
  yaxis?: string;
  showlegend?: boolean;
  legendgroup?: string;
}

/** A function sampled on a grid: z[j][i] is the value at (x[i], y[j]), as in plotly. */
export interface ContourTrace {
  type: 'contour';
  name: string;
  x: number[];
  y: number[];
  z: number[][];
  /** [fraction, colour] stops from zmin to zmax. */
  colorscale: Array<[number, string]>;
  zmin: number;
  zmax: number;
  /** Always false here: the levels come from `contours`. */
  autocontour: false;
  contours: {
    coloring: 'fill' | 'lines';
    start: number;
    end: number;
    size: number;
    showlines?: boolean;
  };
  line?: { color?: string; width?: number };
  opacity?: number;
  showscale?: boolean;
  xaxis?: string;
  yaxis?: string;
  showlegend?: boolean;
  hoverinfo?: string;
}

export type Trace = ScatterTrace | ContourTrace;

/** A text label placed in figure (paper) coordinates: subplot titles. */
export interface Annotation {
  text: string;
  x: number;
  y: number;
  xref: 'paper';
  yref: 'paper';
  showarrow: false;
  xanchor: 'center' | 'left' | 'right';
  yanchor: 'bottom' | 'top' | 'middle';
  font?: { size: number };
}

export interface Layout {
  title: {
    text: string;
    font?: { size: number };
    /** Position in the container (yref 'container', y = 1, yanchor 'top'): `pad.t` px from the top. */
    y?: number;
    yref?: 'container' | 'paper';
    yanchor?: 'top' | 'middle' | 'bottom';
    pad?: { t: number };
  };
  width: number;
  height: number;
  showlegend: boolean;
  margin: { l: number; r: number; t: number; b: number };
  xaxis: Axis;
  yaxis: Axis;
  [axis: `xaxis${number}`]: Axis;
  [axis: `yaxis${number}`]: Axis;
  annotations?: Annotation[];
  legend?: {
    orientation?: 'v' | 'h';
    x?: number;
    y?: number;
    xanchor?: 'left' | 'right';
    yanchor?: 'top' | 'bottom';
    font?: { size: number };
  };
  font?: { family: string; size: number };
  plot_bgcolor?: string;
  paper_bgcolor?: string;
}

/** A plotly figure: what `Plotly.newPlot(div, figure.data, figure.layout)` draws. */
export interface Figure {
  data: Trace[];
  layout: Layout;
}

/** plotly's default colour cycle, written out so the SVG and plotly agree. */
export const PALETTE: readonly string[] = [
  '#1f77b4',
  '#ff7f0e',
  '#2ca02c',
  '#d62728',
  '#9467bd',
  '#8c564b',
  '#e377c2',
  '#7f7f7f',
  '#bcbd22',
  '#17becf',
];

/**
 * The i-th colour of plotly's default cycle (wrapping around), for lessons that build their
 * own figures and want the colours the builders use.
 *
 * Syntax:
 *     paletteColor(i)
 *
 * Examples:
 *     paletteColor(0)    // '#1f77b4'
 *     paletteColor(11)   // '#ff7f0e'
 *
 * See also:
 *     PALETTE, showFigure
 */
export function paletteColor(i: number): string {
  return PALETTE[((i % PALETTE.length) + PALETTE.length) % PALETTE.length] as string;
}

/** Axis key of a trace's axis reference: 'x' -> 'xaxis', 'x2' -> 'xaxis2'. */
export function axisKey(ref: string | undefined, letter: 'x' | 'y'): `${'x' | 'y'}axis${string}` {
  const suffix = ref === undefined || ref === letter ? '' : ref.slice(1);
  return `${letter}axis${suffix}`;
}

/** The axis object named by a key such as 'xaxis2', or undefined. */
export function getAxis(layout: Layout, key: string): Axis | undefined {
  const parsed = /^([xy])axis(\d*)$/.exec(key);
  if (parsed === null) return undefined;
  return axisAt(layout, parsed[1] === 'x' ? 'x' : 'y', parsed[2] === '' || parsed[2] === undefined ? 1 : Number(parsed[2]));
}

/** The k-th x or y axis of a layout (k = 1: 'xaxis', k = 2: 'xaxis2', …), or undefined. */
export function axisAt(layout: Layout, letter: 'x' | 'y', k: number): Axis | undefined {
  if (k === 1) return letter === 'x' ? layout.xaxis : layout.yaxis;
  return letter === 'x' ? layout[`xaxis${k}`] : layout[`yaxis${k}`];
}

/** Sets the k-th x or y axis of a layout (k = 1: 'xaxis', k = 2: 'xaxis2', …). */
export function setAxisAt(layout: Layout, letter: 'x' | 'y', k: number, axis: Axis): void {
  if (k === 1 && letter === 'x') layout.xaxis = axis;
  else if (k === 1) layout.yaxis = axis;
  else if (letter === 'x') layout[`xaxis${k}`] = axis;
  else layout[`yaxis${k}`] = axis;
}

/**
 * A scatter trace of one series with its style: colour, dash, width, mode and marker, over the
 * chart's defaults (a line of width 2 in `color`; markers when `mode` asks for them).
 *
 * Syntax: styledTrace(name, x, y, style: SeriesStyle, defaults: { color, mode }): ScatterTrace
 *
 * Example: `styledTrace('A', [0, 1], [1, 0], { dash: 'dash', width: 4 }, { color: '#1f77b4', mode: 'lines' }).line; // { color: '#1f77b4', width: 4, dash: 'dash' }`
 *
 * See also: SeriesStyle, lineChartFigure, costCurveFigure
 */
export function styledTrace(
  name: string,
  x: number[],
  y: number[],
  style: SeriesStyle,
  defaults: { color: string; mode: ScatterTrace['mode'] },
): ScatterTrace {
  const color = style.color ?? defaults.color;
  const mode = style.mode ?? (style.marker !== undefined && defaults.mode === 'lines' ? 'lines+markers' : defaults.mode);
  const trace: ScatterTrace = { type: 'scatter', name, x, y, mode };
  if (mode !== 'markers') trace.line = { color, width: style.width ?? 2, ...(style.dash !== undefined && style.dash !== 'solid' ? { dash: style.dash } : {}) };
  if (mode !== 'lines') trace.marker = { color, size: style.marker?.size ?? 7, symbol: style.marker?.symbol ?? 'circle' };
  return trace;
}

/**
 * The tick spacing of a log axis over [lo, hi] (log10 units): over two decades or more, one
 * label per power of ten (every k-th one, k chosen so that at most 8 are labelled); over less,
 * 'D2' (1, 2 and 5 times the powers of ten). Never the crowded digits 2 to 9 of every decade
 * that plotly labels on its own below about two decades.
 *
 * Syntax: logTickStep(lo, hi): number | 'D2'
 *
 * Examples:
 *   logTickStep(-9, -2);                                 // 1
 *   logTickStep(-20, 0);                                 // 3
 *   logTickStep(Math.log10(0.009), Math.log10(0.7));    // 'D2' (1.9 decades)
 *
 * See also: logAxis, ticksFor (svg-scale.ts)
 */
export function logTickStep(lo: number, hi: number): number | 'D2' {
  const span = hi - lo;
  if (!(span >= 2 - 1e-9)) return 'D2';
  return Math.max(1, Math.ceil(span / 8 - 1e-9));
}

/**
 * The fields that make an axis logarithmic for these data values: type 'log', labels as
 * powers of ten, and the tick spacing of logTickStep (over the positive finite values).
 *
 * Syntax: logAxis(values: number[]): { type: 'log', exponentformat: 'power', dtick }
 *
 * Example: `logAxis([1e-9, 1e-2]).dtick; // 1`
 *
 * See also: logTickStep, lineChartFigure (logX, logY), costCurveFigure (logY)
 */
export function logAxis(values: readonly number[]): Pick<Axis, 'type' | 'exponentformat' | 'dtick'> {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (!(v > 0) || !Number.isFinite(v)) continue;
    const u = Math.log10(v);
    lo = Math.min(lo, u);
    hi = Math.max(hi, u);
  }
  return { type: 'log', exponentformat: 'power', dtick: lo <= hi ? logTickStep(lo, hi) : 1 };
}

/** Short number for summaries: 4 significant digits, exponent form when tiny or huge. */
export function short(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a < 1e-3 || a >= 1e6) return v.toExponential(3).replace(/\.?0+e/, 'e');
  return String(Number(v.toPrecision(4)));
}

/** v to 4 significant digits (finite values only). */
export function round4(v: number): number {
  return Number.isFinite(v) ? Number(v.toPrecision(4)) : v;
}

/** v to 6 significant digits (finite values only). */
export function round6(v: number): number {
  return Number.isFinite(v) ? Number(v.toPrecision(6)) : v;
}

/** The layout every builder starts from: title, axis labels, size, margins, font. */
export function baseLayout(title: string, xLabel: string, yLabel: string, width = 680, height = 420): Layout {
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
