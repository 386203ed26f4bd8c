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
import { Figure, Trace, axisKey, getAxis } from './figure';
import { Scale, Tick, resolveScale } from './svg-scale';
import { colorAt } from './contour';
import { dashAttr, drawContour, drawScatter, marker, svgNumber } from './svg-traces';

export { colorAt, contourPolylines, contourSegments } from './contour';
export { formatTick, niceStep, ticksFor } from './svg-scale';

/** Numbers in SVG text (see svg-traces.ts). */
const n = svgNumber;

/** Escape text and attribute values for XML. */
export function escapeXml(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

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
  const W = L.width;
  const H = L.height;
  const prefix =
    options.idPrefix ??
    'bp' + createHash('sha1').update(JSON.stringify(figure)).digest('hex').slice(0, 10);
  const fontSize = L.font?.size ?? 12;
  const family = 'Helvetica, Arial, sans-serif';

  // Legend entries: named traces that plotly would list.
  const legend = figure.data.filter(
    (t) => t.name !== '' && (t.showlegend ?? t.type === 'scatter') && L.showlegend,
  );
  const horizontal = L.legend?.orientation === 'h';
  const legendW = legend.length > 0 && !horizontal ? Math.min(220, Math.max(...legend.map((t) => textWidth(t.name, fontSize))) + 44) : 0;

  const left = L.margin.l;
  const right = W - L.margin.r - legendW;
  const top = L.margin.t;
  const bottom = H - L.margin.b;

  // Panels: one per (x axis, y axis) pair used by a trace, in first-use order.
  const panels: Panel[] = [];
  for (const t of figure.data) {
    const xKey = axisKey(t.xaxis, 'x');
    const yKey = axisKey(t.yaxis, 'y');
    let p = panels.find((q) => q.xKey === xKey && q.yKey === yKey);
    if (p === undefined) {
      const xa = getAxis(L, xKey);
      const ya = getAxis(L, yKey);
      const [dx0, dx1] = xa?.domain ?? [0, 1];
      const [dy0, dy1] = ya?.domain ?? [0, 1];
      p = {
        xKey,
        yKey,
        px0: left + (right - left) * dx0,
        px1: left + (right - left) * dx1,
        py0: bottom - (bottom - top) * dy1,
        py1: bottom - (bottom - top) * dy0,
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

  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="${family}" font-size="${fontSize}">`,
  );
  out.push(`<title>${escapeXml(plainText(L.title.text))}</title>`);
  out.push(`<rect x="0" y="0" width="${W}" height="${H}" fill="${L.paper_bgcolor ?? '#ffffff'}"/>`);
  out.push('<defs>');
  panels.forEach((p, k) => {
    out.push(
      `<clipPath id="${prefix}-clip${k}"><rect x="${n(p.px0)}" y="${n(p.py0)}" width="${n(p.px1 - p.px0)}" height="${n(p.py1 - p.py0)}"/></clipPath>`,
    );
  });
  out.push('</defs>');

  panels.forEach((p, k) => {
    const X = (u: number) => p.px0 + ((u - p.sx.lo) / (p.sx.hi - p.sx.lo)) * (p.px1 - p.px0);
    const Y = (u: number) => p.py1 - ((u - p.sy.lo) / (p.sy.hi - p.sy.lo)) * (p.py1 - p.py0);
    const ux = (v: number) => (p.sx.log ? Math.log10(v) : v);
    const uy = (v: number) => (p.sy.log ? Math.log10(v) : v);
    const okX = (v: number) => Number.isFinite(v) && (!p.sx.log || v > 0);
    const okY = (v: number) => Number.isFinite(v) && (!p.sy.log || v > 0);

    // Plot area and grid.
    out.push(`<g class="panel" data-x="${p.xKey}" data-y="${p.yKey}">`);
    out.push(
      `<rect x="${n(p.px0)}" y="${n(p.py0)}" width="${n(p.px1 - p.px0)}" height="${n(p.py1 - p.py0)}" fill="${L.plot_bgcolor ?? '#ffffff'}"/>`,
    );
    const grid: string[] = [];
    for (const t of p.sx.ticks) grid.push(`M${n(X(t.at))} ${n(p.py0)}V${n(p.py1)}`);
    for (const t of p.sy.ticks) grid.push(`M${n(p.px0)} ${n(Y(t.at))}H${n(p.px1)}`);
    if (grid.length > 0) out.push(`<path d="${grid.join('')}" stroke="#e8e8e8" stroke-width="1" fill="none"/>`);

    // Traces, clipped to the plot area.
    out.push(`<g clip-path="url(#${prefix}-clip${k})">`);
    for (const t of p.traces) {
      if (t.type === 'contour') out.push(...drawContour(t, X, Y, ux, uy));
    }
    for (const t of p.traces) {
      if (t.type === 'scatter') out.push(...drawScatter(t, X, Y, ux, uy, okX, okY));
    }
    out.push('</g>');

    // Frame, ticks and tick labels.
    out.push(
      `<rect x="${n(p.px0)}" y="${n(p.py0)}" width="${n(p.px1 - p.px0)}" height="${n(p.py1 - p.py0)}" fill="none" stroke="#444444" stroke-width="1"/>`,
    );
    const tickPath: string[] = [];
    for (const t of p.sx.ticks) tickPath.push(`M${n(X(t.at))} ${n(p.py1)}v5`);
    for (const t of p.sy.ticks) tickPath.push(`M${n(p.px0)} ${n(Y(t.at))}h-5`);
    if (tickPath.length > 0) out.push(`<path d="${tickPath.join('')}" stroke="#444444" stroke-width="1"/>`);
    for (const t of p.sx.ticks) {
      out.push(`<text x="${n(X(t.at))}" y="${n(p.py1 + 18)}" text-anchor="middle" fill="#444444">${tickLabel(t)}</text>`);
    }
    for (const t of p.sy.ticks) {
      out.push(`<text x="${n(p.px0 - 8)}" y="${n(Y(t.at) + 4)}" text-anchor="end" fill="#444444">${tickLabel(t)}</text>`);
    }
    // Axis titles.
    const xt = getAxis(L, p.xKey)?.title.text ?? '';
    const yt = getAxis(L, p.yKey)?.title.text ?? '';
    if (xt !== '') {
      out.push(
        `<text class="xtitle" x="${n((p.px0 + p.px1) / 2)}" y="${n(p.py1 + 40)}" text-anchor="middle" fill="#222222" font-size="${fontSize + 1}">${escapeXml(plainText(xt))}</text>`,
      );
    }
    if (yt !== '') {
      const cx = p.px0 - 52;
      const cy = (p.py0 + p.py1) / 2;
      out.push(
        `<text class="ytitle" x="${n(cx)}" y="${n(cy)}" text-anchor="middle" fill="#222222" font-size="${fontSize + 1}" transform="rotate(-90 ${n(cx)} ${n(cy)})">${escapeXml(plainText(yt))}</text>`,
      );
    }
    out.push('</g>');
  });

  // Subplot titles (annotations in paper coordinates).
  for (const a of L.annotations ?? []) {
    const ax = left + (right - left) * a.x;
    const ay = bottom - (bottom - top) * a.y - (a.yanchor === 'bottom' ? 6 : 0);
    const anchor = a.xanchor === 'left' ? 'start' : a.xanchor === 'right' ? 'end' : 'middle';
    out.push(
      `<text class="annotation" x="${n(ax)}" y="${n(ay)}" text-anchor="${anchor}" fill="#222222" font-size="${a.font?.size ?? fontSize + 2}">${escapeXml(plainText(a.text))}</text>`,
    );
  }

  // Title.
  out.push(
    `<text class="title" x="${n(W / 2)}" y="${n(Math.max(20, top / 2 + 2))}" text-anchor="middle" fill="#222222" font-size="${fontSize + 5}">${escapeXml(plainText(L.title.text))}</text>`,
  );

  // Legend.
  if (legend.length > 0) {
    let lx = horizontal ? left : right + 14;
    let ly = horizontal ? H - 26 : top + 6;
    out.push(`<g class="legend">`);
    for (const t of legend) {
      const cy = ly + 8;
      if (t.type === 'scatter') {
        if (t.mode !== 'markers') {
          out.push(
            `<path d="M${n(lx)} ${n(cy)}h24" stroke="${t.line?.color ?? '#444444'}" stroke-width="${n(t.line?.width ?? 2)}"${dashAttr(t.line?.dash)}/>`,
          );
        }
        if (t.mode !== 'lines' && t.marker !== undefined) {
          out.push(marker(lx + 12, cy, { ...t.marker, size: Math.min(t.marker.size ?? 6, 9) }));
        }
      } else if (t.contours.coloring === 'lines') {
        out.push(`<path d="M${n(lx)} ${n(cy)}h24" stroke="${t.line?.color ?? '#222222'}" stroke-width="${n(t.line?.width ?? 1)}"/>`);
      } else {
        const c = colorAt(t.colorscale, 0.5);
        out.push(`<rect x="${n(lx + 4)}" y="${n(cy - 6)}" width="16" height="12" fill="${c}"/>`);
      }
      out.push(`<text x="${n(lx + 30)}" y="${n(cy + 4)}" fill="#222222">${escapeXml(plainText(t.name))}</text>`);
      if (horizontal) lx += textWidth(t.name, fontSize) + 50;
      else ly += 20;
    }
    out.push('</g>');
  }
  out.push('</svg>');
  return out.join('\n') + '\n';
}

function tickLabel(t: Tick): string {
  if (t.sup !== undefined) {
    return `${escapeXml(t.label)}<tspan dy="-6" font-size="9">${escapeXml(t.sup)}</tspan>`;
  }
  return escapeXml(t.label);
}
