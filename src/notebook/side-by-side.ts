/**
 * Side-by-side panels: several figures as the subplots of one chart, each keeping its axes and
 * its title, with one legend entry per trace name.
 *
 * Used by the lessons that compare two notations or two runs (04, 05, 09).
 */
import { Axis, Figure, Trace, axisAt, baseLayout, setAxisAt } from './figure';
import { showFigure, summaryOf, withSummary } from './chart';

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
    setAxisAt(layout, 'x', k + 1, xa);
    setAxisAt(layout, 'y', k + 1, ya);
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
      const ya = axisAt(layout, 'y', k + 1);
      if (ya !== undefined) ya.range = [yLo - pad, yHi + pad];
    }
  }
  const inner = figures.map((f) => summaryOf(f) ?? `"${f.layout.title.text}"`).join(' | ');
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

