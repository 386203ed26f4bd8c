/**
 * Charts on narrow pages (a phone, a side panel): the layout a figure gets when the room it
 * has is narrower than its own width. Below NARROW_WIDTH (600 px) the legend moves below the
 * plot, margins shrink, titles wrap (the chart's, its axes', its panels'), and side-by-side
 * panels are stacked, so that each plot area (the rectangle inside the axes) keeps most of the
 * width: at 390 px every plot area is more than 200 px wide. From 600 px up the chart only
 * shrinks to the room.
 *
 * These functions run in the page: chart.ts ships their source (layoutSource) into each
 * chart's script, so each may use only the others and JavaScript's built-ins; they run in
 * Node for the tests.
 *
 * Used by every chart of the lessons, in the exported site and in the live front ends.
 */
import type { Axis, Figure, Layout } from './figure';

/** Below this room (px) a chart gets the narrow layout. */
export const NARROW_WIDTH = 600;

/** Average width of a character of the charts' font, in em (wrapping estimates). */
const EM_PER_CHAR = 0.6;

/**
 * The words of `text` in lines of at most `perLine` characters (a longer word keeps a line
 * to itself).
 *
 * Syntax:
 *     wrapWords(text, perLine)
 *
 * Examples:
 *     wrapWords('the cost against the iteration', 12)   // ['the cost', 'against the', 'iteration']
 *
 * See also:
 *     responsiveLayout
 */
export function wrapWords(text: string, perLine: number): string[] {
  const lines: string[] = [];
  for (const word of text.split(' ')) {
    const last = lines.length - 1;
    if (last >= 0 && lines[last].length + 1 + word.length <= perLine) lines[last] += ` ${word}`;
    else lines.push(word);
  }
  return lines;
}

/**
 * Estimated height (px) of a horizontal legend of the given entry names across `across` px:
 * one row when all fit, else as many rows as plotly's equal-width columns need.
 *
 * Syntax:
 *     legendHeight(names, across)
 *
 * Examples:
 *     legendHeight([], 300)            // 0
 *     legendHeight(['J'], 300)         // 26
 *
 * See also:
 *     responsiveLayout
 */
export function legendHeight(names: string[], across: number): number {
  const entries = names.map((name) => 40 + 11 * EM_PER_CHAR * name.length);
  if (entries.length === 0) return 0;
  const total = entries.reduce((sum, w) => sum + w, 0);
  const perRow = Math.max(1, Math.floor(across / Math.max(...entries)));
  const rows = total <= across ? 1 : Math.ceil(entries.length / perRow);
  return 6 + 20 * rows;
}

/** The axis objects of a layout whose keys start with `letter` ('xaxis', 'xaxis2', ...), in order. */
function axesOf(layout: Layout, letter: 'x' | 'y'): Axis[] {
  const axes: Axis[] = [];
  for (let k = 1; ; k += 1) {
    const a: Axis | undefined = k === 1 ? (letter === 'x' ? layout.xaxis : layout.yaxis) : letter === 'x' ? layout[`xaxis${k}`] : layout[`yaxis${k}`];
    if (a === undefined) return axes;
    axes.push(a);
  }
}

/** Wrap each axis title to `perLine` characters at 12 px; returns the most lines of one title. */
function wrapAxisTitles(axes: Axis[], perLine: number): number {
  let most = 1;
  for (const axis of axes) {
    axis.automargin = true;
    if (axis.title.text === '') continue;
    const lines = wrapWords(axis.title.text, Math.max(12, perLine));
    axis.title = { ...axis.title, text: lines.join('<br>'), font: { size: 12 } };
    most = Math.max(most, lines.length);
  }
  return most;
}

/**
 * Stack the panels of a side-by-side layout top to bottom: each x axis spans the width, each
 * y axis gets its band, each panel title (annotation) moves over its own panel.
 */
function stackPanels(layout: Layout, panelHeight: number, gap: number, width: number): void {
  const xs = axesOf(layout, 'x');
  const ys = axesOf(layout, 'y');
  const plotHeight = xs.length * panelHeight + (xs.length - 1) * gap;
  const centres = xs.map((a) => (a.domain === undefined ? 0.5 : (a.domain[0] + a.domain[1]) / 2));
  const tops = xs.map((axis, k) => {
    const top = k * (panelHeight + gap);
    const band: [number, number] = [1 - (top + panelHeight) / plotHeight, 1 - top / plotHeight];
    axis.domain = [0, 1];
    if (ys[k] !== undefined) ys[k].domain = band;
    return band[1];
  });
  for (const note of layout.annotations ?? []) {
    let nearest = 0;
    centres.forEach((c, k) => {
      if (Math.abs(c - note.x) < Math.abs(centres[nearest] - note.x)) nearest = k;
    });
    Object.assign(note, { x: 0.5, y: tops[nearest], xanchor: 'center', yanchor: 'bottom', font: { size: 13 } });
    note.text = wrapWords(note.text, Math.floor((width - 16) / (13 * EM_PER_CHAR))).join('<br>');
  }
}

/**
 * The layout of `figure` for `room` pixels of width: the figure's own layout when it fits,
 * shrunk to the room from 600 px up, and rearranged for a narrow page below 600 px (legend
 * below, small margins, wrapped titles, panels stacked, each plot area as wide as the page
 * allows and at least 200 px high). `legendHeight` is the legend's height as drawn, when the
 * page has measured it; otherwise it is estimated.
 *
 * Syntax:
 *     responsiveLayout(figure, room)
 *     responsiveLayout(figure, room, legendHeight)
 *
 * Examples:
 *     responsiveLayout(costCurveFigure([1, 0.5], { title: 'J' }), 1000).width   // 680 (fits)
 *     responsiveLayout(costCurveFigure([1, 0.5], { title: 'J' }), 640).width    // 640
 *     responsiveLayout(costCurveFigure([1, 0.5], { title: 'J' }), 350).legend   // { orientation: 'h', ... }
 *
 * See also:
 *     chartHtml, sideBySideFigure, wrapWords
 */
export function responsiveLayout(figure: Figure, room: number, measuredLegend = -1): Layout {
  const source = figure.layout;
  const layout: Layout = JSON.parse(JSON.stringify(source));
  if (!(room > 0) || room >= source.width) return layout;
  const width = Math.max(280, Math.floor(room));
  layout.width = width;
  if (width >= 600) return layout; // NARROW_WIDTH (written out: this source runs in the page)

  const panels = Math.max(1, axesOf(layout, 'x').length);
  const titleLines = wrapWords(layout.title.text, Math.floor((width - 16) / (14 * EM_PER_CHAR)));
  layout.title = { ...layout.title, text: titleLines.join('<br>'), font: { size: 14 }, y: 1, yref: 'container', yanchor: 'top', pad: { t: 20 } };
  const plotWidth = width - 52 - 14;
  const xTitleLines = wrapAxisTitles(axesOf(layout, 'x'), Math.floor(plotWidth / (12 * EM_PER_CHAR)));
  const margin = { l: 52, r: 14, t: 22 + 18 * titleLines.length + (panels > 1 ? 20 : 0), b: 38 + 16 * xTitleLines };

  // each panel as high as its own aspect asks, 200 px at least, at most its old height
  const firstX = axesOf(source, 'x')[0];
  const share = firstX?.domain === undefined ? 1 : firstX.domain[1] - firstX.domain[0];
  const wasWide = (source.width - source.margin.l - source.margin.r) * share;
  const wasHigh = source.height - source.margin.t - source.margin.b;
  const panelHeight = Math.round(Math.min(Math.max(200, wasHigh), Math.max(200, (plotWidth * wasHigh) / Math.max(1, wasWide))));
  wrapAxisTitles(axesOf(layout, 'y'), Math.floor(panelHeight / (12 * EM_PER_CHAR)));
  const gap = 76 + 16 * xTitleLines; // between stacked panels: the upper x axis, the lower panel's title
  if (panels > 1) stackPanels(layout, panelHeight, gap, width);
  const plotHeight = panels * panelHeight + (panels - 1) * gap;

  const names = figure.data.filter((t) => t.type === 'scatter' && t.showlegend !== false && t.name !== '').map((t) => t.name);
  const legend = measuredLegend >= 0 ? measuredLegend : legendHeight(names, plotWidth);
  layout.margin = margin;
  layout.legend = { orientation: 'h', x: 0, xanchor: 'left', y: -(margin.b + 2) / plotHeight, yanchor: 'top', font: { size: 11 } };
  layout.height = margin.t + plotHeight + margin.b + legend + 4;
  return layout;
}

/**
 * The source of the layout functions above, for a chart's script: it defines
 * `responsiveLayout` (and what it uses) in the page.
 *
 * Syntax:
 *     layoutSource()
 *
 * Examples:
 *     layoutSource().includes('function responsiveLayout(')   // true
 *
 * See also:
 *     responsiveLayout, chartHtml
 */
export function layoutSource(): string {
  return [`var EM_PER_CHAR = ${EM_PER_CHAR};`, wrapWords, legendHeight, axesOf, wrapAxisTitles, stackPanels, responsiveLayout]
    .map((part) => String(part))
    .join('\n');
}
