/**
 * A small deterministic SVG renderer for the plotly figures of figure.ts, used where no
 * browser runs plotly.js: the `image/svg+xml` part of every chart bundle and the `<img>`
 * fallback of its `text/html` part. It draws axes with ticks (linear or log), grid lines,
 * lines, markers, filled contour bands and contour lines (decision boundaries), a legend, a
 * title, axis titles and subplot titles. Same figure in, same bytes out: coordinates are
 * rounded to 0.01 px and ids derive from a hash of the figure.
 *
 * Its parts: svg-scale.ts (axis ranges and ticks), contour.ts (colour scales, marching
 * squares), svg-traces.ts (lines, markers, contour bands); this file lays out the panels,
 * axes, titles and legend.
 *
 * Used by chart.ts for every lesson chart.
 */
import { createHash } from 'node:crypto';
import { escapeHtml } from '../core/format';
import { Figure, Trace, axisKey, getAxis } from './figure';
import { Scale, Tick, resolveScale } from './svg-scale';
import { colorAt } from './contour';
import { dashAttr, drawContour, drawScatter, marker, svgNumber } from './svg-traces';

export { colorAt, contourPolylines, contourSegments } from './contour';
export { formatTick, niceStep, ticksFor } from './svg-scale';

/** Numbers in SVG text (see svg-traces.ts). */
const n = svgNumber;

/** Strip the few HTML tags plotly accepts in titles (<b>, <i>, <sub>, <sup>, <br>). */
function plainText(s: string): string {
  return s.replace(/<br\s*\/?>/gi, ' ').replace(/<\/?(b|i|sub|sup|em|span)[^>]*>/gi, '');
}

/** Approximate width in px of a string at a font size (sans-serif). */
function textWidth(s: string, size: number): number {
  return plainText(s).length * size * 0.56;
}

interface Panel {
  xKey: string;
  yKey: string;
  px0: number;
  px1: number;
  py0: number; // top
  py1: number; // bottom
  sx: Scale;
  sy: Scale;
  traces: Trace[];
}

/** Options of `renderSvg`. */
export interface SvgOptions {
  /** Prefix of element ids (clip paths); default: a hash of the figure. */
  idPrefix?: string;
}

/** Where a figure is drawn: the area inside the margins and the legend, and the text settings. */
interface Frame {
  figure: Figure;
  left: number;
  right: number;
  top: number;
  bottom: number;
  fontSize: number;
  /** The traces the legend lists, and whether it runs across the bottom. */
  legend: Trace[];
  horizontal: boolean;
}

function frameOf(figure: Figure): Frame {
  const L = figure.layout;
  const fontSize = L.font?.size ?? 12;
  // Legend entries: named traces that plotly would list.
  const legend = figure.data.filter((t) => t.name !== '' && (t.showlegend ?? t.type === 'scatter') && L.showlegend);
  const horizontal = L.legend?.orientation === 'h';
  const legendW = legend.length > 0 && !horizontal ? Math.min(220, Math.max(...legend.map((t) => textWidth(t.name, fontSize))) + 44) : 0;
  return {
    figure,
    left: L.margin.l,
    right: L.width - L.margin.r - legendW,
    top: L.margin.t,
    bottom: L.height - L.margin.b,
    fontSize,
    legend,
    horizontal,
  };
}

/** One panel per (x axis, y axis) pair used by a trace, in first-use order, with its scales. */
function panelsOf(f: Frame): Panel[] {
  const L = f.figure.layout;
  const panels: Panel[] = [];
  for (const t of f.figure.data) {
    const xKey = axisKey(t.xaxis, 'x');
    const yKey = axisKey(t.yaxis, 'y');
    let p = panels.find((q) => q.xKey === xKey && q.yKey === yKey);
    if (p === undefined) {
      const [dx0, dx1] = getAxis(L, xKey)?.domain ?? [0, 1];
      const [dy0, dy1] = getAxis(L, yKey)?.domain ?? [0, 1];
      p = {
        xKey,
        yKey,
        px0: f.left + (f.right - f.left) * dx0,
        px1: f.left + (f.right - f.left) * dx1,
        py0: f.bottom - (f.bottom - f.top) * dy1,
        py1: f.bottom - (f.bottom - f.top) * dy0,
        sx: { log: false, lo: 0, hi: 1, ticks: [] },
        sy: { log: false, lo: 0, hi: 1, ticks: [] },
        traces: [],
      };
      panels.push(p);
    }
    p.traces.push(t);
  }
  for (const p of panels) {
    p.sx = resolveScale(getAxis(L, p.xKey), p.traces, 'x');
    p.sy = resolveScale(getAxis(L, p.yKey), p.traces, 'y');
  }
  return panels;
}

/** A panel's coordinate maps: data to pixels, and which values a log axis can show. */
function mapsOf(p: Panel): { X: (u: number) => number; Y: (u: number) => number; ux: (v: number) => number; uy: (v: number) => number; okX: (v: number) => boolean; okY: (v: number) => boolean } {
  return {
    X: (u) => p.px0 + ((u - p.sx.lo) / (p.sx.hi - p.sx.lo)) * (p.px1 - p.px0),
    Y: (u) => p.py1 - ((u - p.sy.lo) / (p.sy.hi - p.sy.lo)) * (p.py1 - p.py0),
    ux: (v) => (p.sx.log ? Math.log10(v) : v),
    uy: (v) => (p.sy.log ? Math.log10(v) : v),
    okX: (v) => Number.isFinite(v) && (!p.sx.log || v > 0),
    okY: (v) => Number.isFinite(v) && (!p.sy.log || v > 0),
  };
}

/** The plot area, grid, traces (clipped), frame, ticks, tick labels and axis titles of one panel. */
function drawPanel(f: Frame, p: Panel, clipId: string): string[] {
  const L = f.figure.layout;
  const { X, Y, ux, uy, okX, okY } = mapsOf(p);
  const box = `x="${n(p.px0)}" y="${n(p.py0)}" width="${n(p.px1 - p.px0)}" height="${n(p.py1 - p.py0)}"`;
  const out = [`<g class="panel" data-x="${p.xKey}" data-y="${p.yKey}">`, `<rect ${box} fill="${L.plot_bgcolor ?? '#ffffff'}"/>`];
  const grid = [...p.sx.ticks.map((t) => `M${n(X(t.at))} ${n(p.py0)}V${n(p.py1)}`), ...p.sy.ticks.map((t) => `M${n(p.px0)} ${n(Y(t.at))}H${n(p.px1)}`)];
  if (grid.length > 0) out.push(`<path d="${grid.join('')}" stroke="#e8e8e8" stroke-width="1" fill="none"/>`);
  out.push(`<g clip-path="url(#${clipId})">`);
  for (const t of p.traces) if (t.type === 'contour') out.push(...drawContour(t, X, Y, ux, uy));
  for (const t of p.traces) if (t.type === 'scatter') out.push(...drawScatter(t, X, Y, ux, uy, okX, okY));
  out.push('</g>', `<rect ${box} fill="none" stroke="#444444" stroke-width="1"/>`);
  const ticks = [...p.sx.ticks.map((t) => `M${n(X(t.at))} ${n(p.py1)}v5`), ...p.sy.ticks.map((t) => `M${n(p.px0)} ${n(Y(t.at))}h-5`)];
  if (ticks.length > 0) out.push(`<path d="${ticks.join('')}" stroke="#444444" stroke-width="1"/>`);
  for (const t of p.sx.ticks) out.push(`<text x="${n(X(t.at))}" y="${n(p.py1 + 18)}" text-anchor="middle" fill="#444444">${tickLabel(t)}</text>`);
  for (const t of p.sy.ticks) out.push(`<text x="${n(p.px0 - 8)}" y="${n(Y(t.at) + 4)}" text-anchor="end" fill="#444444">${tickLabel(t)}</text>`);
  out.push(...axisTitles(f, p), '</g>');
  return out;
}

/** The x title below a panel and the y title turned along its left side. */
function axisTitles(f: Frame, p: Panel): string[] {
  const L = f.figure.layout;
  const size = f.fontSize + 1;
  const out: string[] = [];
  const xt = getAxis(L, p.xKey)?.title.text ?? '';
  const yt = getAxis(L, p.yKey)?.title.text ?? '';
  if (xt !== '') {
    out.push(`<text class="xtitle" x="${n((p.px0 + p.px1) / 2)}" y="${n(p.py1 + 40)}" text-anchor="middle" fill="#222222" font-size="${size}">${escapeHtml(plainText(xt))}</text>`);
  }
  if (yt !== '') {
    const cx = p.px0 - 52;
    const cy = (p.py0 + p.py1) / 2;
    out.push(
      `<text class="ytitle" x="${n(cx)}" y="${n(cy)}" text-anchor="middle" fill="#222222" font-size="${size}" transform="rotate(-90 ${n(cx)} ${n(cy)})">${escapeHtml(plainText(yt))}</text>`,
    );
  }
  return out;
}

/** Subplot titles (annotations in paper coordinates) and the figure's title. */
function drawTitles(f: Frame): string[] {
  const L = f.figure.layout;
  const out = (L.annotations ?? []).map((a) => {
    const ax = f.left + (f.right - f.left) * a.x;
    const ay = f.bottom - (f.bottom - f.top) * a.y - (a.yanchor === 'bottom' ? 6 : 0);
    const anchor = a.xanchor === 'left' ? 'start' : a.xanchor === 'right' ? 'end' : 'middle';
    return `<text class="annotation" x="${n(ax)}" y="${n(ay)}" text-anchor="${anchor}" fill="#222222" font-size="${a.font?.size ?? f.fontSize + 2}">${escapeHtml(plainText(a.text))}</text>`;
  });
  out.push(
    `<text class="title" x="${n(L.width / 2)}" y="${n(Math.max(20, f.top / 2 + 2))}" text-anchor="middle" fill="#222222" font-size="${f.fontSize + 5}">${escapeHtml(plainText(L.title.text))}</text>`,
  );
  return out;
}

/** The symbol a legend entry shows for a trace: its line, its marker, or a contour colour. */
function legendSymbol(t: Trace, lx: number, cy: number): string[] {
  if (t.type === 'scatter') {
    const out: string[] = [];
    if (t.mode !== 'markers') {
      out.push(`<path d="M${n(lx)} ${n(cy)}h24" stroke="${t.line?.color ?? '#444444'}" stroke-width="${n(t.line?.width ?? 2)}"${dashAttr(t.line?.dash)}/>`);
    }
    if (t.mode !== 'lines' && t.marker !== undefined) out.push(marker(lx + 12, cy, { ...t.marker, size: Math.min(t.marker.size ?? 6, 9) }));
    return out;
  }
  if (t.contours.coloring === 'lines') return [`<path d="M${n(lx)} ${n(cy)}h24" stroke="${t.line?.color ?? '#222222'}" stroke-width="${n(t.line?.width ?? 1)}"/>`];
  return [`<rect x="${n(lx + 4)}" y="${n(cy - 6)}" width="16" height="12" fill="${colorAt(t.colorscale, 0.5)}"/>`];
}

/** The legend: at the right of the plot, or across the bottom when the layout says horizontal. */
function drawLegend(f: Frame): string[] {
  if (f.legend.length === 0) return [];
  let lx = f.horizontal ? f.left : f.right + 14;
  let ly = f.horizontal ? f.figure.layout.height - 26 : f.top + 6;
  const out = ['<g class="legend">'];
  for (const t of f.legend) {
    const cy = ly + 8;
    out.push(...legendSymbol(t, lx, cy), `<text x="${n(lx + 30)}" y="${n(cy + 4)}" fill="#222222">${escapeHtml(plainText(t.name))}</text>`);
    if (f.horizontal) lx += textWidth(t.name, f.fontSize) + 50;
    else ly += 20;
  }
  out.push('</g>');
  return out;
}

/**
 * Draw a figure as a standalone SVG document (deterministic: same figure, same bytes).
 *
 * Syntax:
 *     renderSvg(figure)
 *     renderSvg(figure, { idPrefix })
 *
 * Examples:
 *     renderSvg(costCurveFigure([1, 0.5, 0.25], { title: 'J' })).startsWith('<svg')   // true
 *
 * See also:
 *     showFigure, costCurveFigure, decisionBoundaryFigure
 */
export function renderSvg(figure: Figure, options: SvgOptions = {}): string {
  const L = figure.layout;
  const prefix = options.idPrefix ?? 'bp' + createHash('sha1').update(JSON.stringify(figure)).digest('hex').slice(0, 10);
  const f = frameOf(figure);
  const panels = panelsOf(f);
  const clip = (p: Panel): string => `<clipPath id="${prefix}-clip${panels.indexOf(p)}"><rect x="${n(p.px0)}" y="${n(p.py0)}" width="${n(p.px1 - p.px0)}" height="${n(p.py1 - p.py0)}"/></clipPath>`;
  const out = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${L.width}" height="${L.height}" viewBox="0 0 ${L.width} ${L.height}" font-family="Helvetica, Arial, sans-serif" font-size="${f.fontSize}">`,
    `<title>${escapeHtml(plainText(L.title.text))}</title>`,
    `<rect x="0" y="0" width="${L.width}" height="${L.height}" fill="${L.paper_bgcolor ?? '#ffffff'}"/>`,
    '<defs>',
    ...panels.map(clip),
    '</defs>',
    ...panels.flatMap((p, k) => drawPanel(f, p, `${prefix}-clip${k}`)),
    ...drawTitles(f),
    ...drawLegend(f),
    '</svg>',
  ];
  return out.join('\n') + '\n';
}

function tickLabel(t: Tick): string {
  if (t.sup !== undefined) {
    return `${escapeHtml(t.label)}<tspan dy="-6" font-size="9">${escapeHtml(t.sup)}</tspan>`;
  }
  return escapeHtml(t.label);
}
