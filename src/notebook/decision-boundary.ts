/**
 * Decision boundaries: a classifier's regions (filled contour of its output on a grid), its
 * boundary at a threshold (marching squares, so plotly and the static SVG draw the same curve)
 * and the labelled points of a 2-D data set; and the labelled points alone (scatterByClass),
 * drawn the same way.
 *
 * Used by lesson 05 (the planar flower, week 3) and the charts that compare hidden sizes.
 */
import { ContourTrace, Figure, ScatterTrace, baseLayout, round4, round6, short } from './figure';
import { showFigure, withSummary } from './chart';
import { contourPolylines } from './contour';

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

/** Labels as a flat list: from (1, m) rows, a flat array or a Matrix. */
function labelsOf(v: number[][] | number[] | ToArray): number[] {
  if (!Array.isArray(v)) return v.toArray()[0] ?? [];
  const first = v[0];
  if (Array.isArray(first)) return first;
  const values: readonly unknown[] = v;
  return values.filter((x): x is number => typeof x === 'number');
}

/** The two coordinates and the labels of m points, checked: X must be (2, m) and Y hold m labels. */
function pointsOf(caller: string, Xin: number[][] | ToArray, Yin: number[][] | number[] | ToArray): { x1: number[]; x2: number[]; Y: number[] } {
  const X = rowsOf(Xin);
  const Y = labelsOf(Yin);
  if (X.length !== 2) throw new RangeError(`${caller}: X must have shape (2, m), one example per column; got ${X.length} rows`);
  const [x1 = [], x2 = []] = X;
  if (x2.length !== x1.length || Y.length !== x1.length) {
    throw new RangeError(`${caller}: X has shape (2, ${x1.length}) but rows of ${x2.length} and Y of ${Y.length} values`);
  }
  return { x1, x2, Y };
}

/** The class colours: y = 0 red, y = 1 blue, as in the regions' shading. */
const CLASS_COLORS: readonly [string, string] = ['#d62728', '#1f77b4'];

/** One marker trace per class (label < 0.5 and ≥ 0.5), with the count of each. */
function classTraces(x1: number[], x2: number[], Y: number[], names: readonly [string, string]): { traces: ScatterTrace[]; counts: [number, number] } {
  const idx = [Y.map((_, i) => i).filter((i) => (Y[i] ?? 0) < 0.5), Y.map((_, i) => i).filter((i) => (Y[i] ?? 0) >= 0.5)];
  const traces = idx.map((list, c): ScatterTrace => ({
    type: 'scatter',
    name: names[c] ?? `y = ${c}`,
    x: list.map((i) => x1[i] ?? NaN),
    y: list.map((i) => x2[i] ?? NaN),
    mode: 'markers',
    marker: { color: CLASS_COLORS[c] ?? '#444444', size: 7, symbol: 'circle', line: { color: '#ffffff', width: 0.6 } },
  }));
  return { traces, counts: [idx[0]?.length ?? 0, idx[1]?.length ?? 0] };
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
  const { x1, x2, Y } = pointsOf('decisionBoundary', options.X, options.Y);
  const m = x1.length;
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
  const points = classTraces(x1, x2, Y, [name0, name1]);
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
    { data: [fill, ...boundary, ...points.traces], layout },
    `decision boundary "${options.title}": ${m} points (${points.counts[0]} ${name0}, ${points.counts[1]} ${name1}), grid ${res}x${res}, accuracy ${accuracy}`,
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

/** Options of `scatterByClass` / `scatterByClassFigure`. */
export interface ScatterByClassOptions {
  /** Inputs, shape (2, m): one example per column, as in the course. */
  X: number[][] | ToArray;
  /** Labels 0/1, shape (1, m) or a flat array of m. */
  Y: number[][] | number[] | ToArray;
  title: string;
  xLabel?: string;
  yLabel?: string;
  /** Legend names of the two classes; default ['y = 0', 'y = 1']. */
  classNames?: [string, string];
  width?: number;
  height?: number;
}

/**
 * The plotly figure of a 2-D data set, one colour per class, drawn as the points of a
 * decision boundary are (y = 0 red, y = 1 blue).
 *
 * Syntax:
 *     scatterByClassFigure({ X, Y, title, xLabel?, yLabel?, classNames? })
 *
 * Examples:
 *     scatterByClassFigure({ X: [[0, 1, 2], [1, 0, 1]], Y: [0, 1, 1], title: 'three points' }).data.map((t) => t.name)
 *     // ['y = 0', 'y = 1']
 *     scatterByClassFigure({ X: [[0, 1]], Y: [0, 1], title: 't' })   // throws: scatterByClass: X must have shape (2, m), one example per column; got 1 rows
 *
 * See also:
 *     scatterByClass, decisionBoundaryFigure, planarData
 *
 * Used in: lesson 05 (the planar flower).
 */
export function scatterByClassFigure(options: ScatterByClassOptions): Figure {
  const { x1, x2, Y } = pointsOf('scatterByClass', options.X, options.Y);
  const [name0, name1] = options.classNames ?? ['y = 0', 'y = 1'];
  const points = classTraces(x1, x2, Y, [name0, name1]);
  const layout = baseLayout(options.title, options.xLabel ?? 'x₁', options.yLabel ?? 'x₂', options.width ?? 560, options.height ?? 520);
  return withSummary(
    { data: points.traces, layout },
    `scatter by class "${options.title}": ${x1.length} points (${points.counts[0]} ${name0}, ${points.counts[1]} ${name1})`,
  );
}

/**
 * Show a 2-D data set, one colour per class (see `scatterByClassFigure`).
 *
 * Syntax:
 *     scatterByClass({ X, Y, title })
 *
 * Examples:
 *     scatterByClass({ X, Y, title: `The planar flower: ${m} points, two classes` })
 *     // shows the chart; text/plain: scatter by class "The planar flower: 400 points, two classes": 400 points (200 y = 0, 200 y = 1)
 *
 * See also:
 *     scatterByClassFigure, decisionBoundary
 *
 * Used in: lesson 05 (the planar flower).
 */
export function scatterByClass(options: ScatterByClassOptions): void {
  showFigure(scatterByClassFigure(options));
}
