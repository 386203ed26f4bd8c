/**
 * A small deterministic SVG renderer for the plotly figures of figure.ts, used where no
 * browser runs plotly.js: the `image/svg+xml` part of every chart bundle and the `<img>`
 * fallback of its `text/html` part. It draws axes with ticks (linear or log), grid lines,
 * lines, markers, filled contour bands and contour lines (decision boundaries), a legend, a
 * title, axis titles and subplot titles. Same figure in, same bytes out: coordinates are
 * rounded to 0.01 px and ids derive from a hash of the figure.
 *
 * Used by plot.ts for every lesson chart.
 */
import { createHash } from 'node:crypto';
import {
  Axis,
  ContourTrace,
  Figure,
  ScatterTrace,
  Trace,
  axisKey,
  getAxis,
} from './figure';

/** Numbers in SVG text: at most two decimals, no trailing zeros, never "-0". */
function n(v: number): string {
  const r = Math.round(v * 100) / 100;
  const s = (Object.is(r, -0) ? 0 : r).toFixed(2);
  return s.replace(/\.?0+$/, '');
}

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

/** A "nice" tick step (1, 2 or 5 times a power of ten) for a span and a tick count. */
export function niceStep(span: number, target = 5): number {
  const raw = span / target;
  const mag = Math.pow(10, Math.floor(Math.log10(raw)));
  const norm = raw / mag;
  const k = norm < 1.5 ? 1 : norm < 3 ? 2 : norm < 7 ? 5 : 10;
  return k * mag;
}

/** A tick label: fixed decimals that match the step, exponent form for tiny or huge. */
export function formatTick(v: number, step: number): string {
  if (v === 0 || Math.abs(v) < step * 1e-9) return '0';
  const a = Math.abs(v);
  if (a >= 1e5 || a < 1e-3) {
    const e = Math.floor(Math.log10(a) + 1e-9);
    return `${Number((v / Math.pow(10, e)).toPrecision(3))}e${e}`;
  }
  const decimals = Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
  return v.toFixed(Math.min(decimals, 10));
}

interface Tick {
  /** Position in axis units (log10 of the value on a log axis). */
  at: number;
  label: string;
  /** Exponent to draw as a superscript ("10" + sup), for log decades. */
  sup?: string;
}

/** A resolved axis: data range in axis units and the ticks to draw. */
interface Scale {
  log: boolean;
  lo: number;
  hi: number;
  ticks: Tick[];
}

/** Ticks for an axis range [lo, hi] (axis units). */
export function ticksFor(lo: number, hi: number, log: boolean, integer = false): Tick[] {
  const ticks: Tick[] = [];
  if (log && hi - lo >= 1.5) {
    let every = 1;
    while ((hi - lo) / every > 8) every += 1;
    for (let e = Math.ceil(lo - 1e-9); e <= hi + 1e-9; e += 1) {
      if (e % every !== 0) continue;
      ticks.push({ at: e, label: '10', sup: String(e) });
    }
    return ticks;
  }
  if (log) {
    // Less than ~1.5 decades: 1, 2, 5 times powers of ten (all nine digits if that is too few).
    for (const mantissas of [[1, 2, 5], [1, 2, 3, 4, 5, 6, 7, 8, 9]]) {
      ticks.length = 0;
      for (let e = Math.floor(lo) - 1; e <= Math.ceil(hi); e += 1) {
        for (const d of mantissas) {
          const v = d * Math.pow(10, e);
          const u = Math.log10(v);
          if (u >= lo - 1e-9 && u <= hi + 1e-9) ticks.push({ at: u, label: formatTick(v, Math.pow(10, e)) });
        }
      }
      if (ticks.length >= 3) break;
    }
    return ticks;
  }
  const step = integer ? Math.max(1, niceStep(hi - lo, 5)) : niceStep(hi - lo, 5);
  for (let k = Math.ceil(lo / step - 1e-9); k * step <= hi + step * 1e-9; k += 1) {
    ticks.push({ at: k * step, label: formatTick(k * step, step) });
  }
  return ticks;
}

/** Data extent of values on an axis (log: only positive values, in log10 units). */
function extent(values: number[], log: boolean): [number, number] | null {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    if (log && v <= 0) continue;
    const u = log ? Math.log10(v) : v;
    if (u < lo) lo = u;
    if (u > hi) hi = u;
  }
  return lo <= hi ? [lo, hi] : null;
}

function resolveScale(axis: Axis | undefined, traces: Trace[], letter: 'x' | 'y'): Scale {
  const log = axis?.type === 'log';
  let lo: number;
  let hi: number;
  if (axis?.range !== undefined) {
    [lo, hi] = axis.range;
  } else {
    let found: [number, number] | null = null;
    let pad = 0;
    for (const t of traces) {
      const e = extent(letter === 'x' ? t.x : t.y, log);
      if (e === null) continue;
      found = found === null ? e : [Math.min(found[0], e[0]), Math.max(found[1], e[1])];
      if (t.type === 'scatter' && (letter === 'y' || t.mode !== 'lines')) pad = 0.05;
    }
    if (found === null) found = log ? [0, 1] : [0, 1];
    [lo, hi] = found;
    if (hi - lo === 0) {
      const d = lo === 0 || log ? 1 : Math.abs(lo) * 0.1;
      lo -= d;
      hi += d;
    }
    const span = hi - lo;
    lo -= span * pad;
    hi += span * pad;
  }
  // Iterations and other whole-number data get whole-number ticks.
  const integer = !log && traces.every((t) => (letter === 'x' ? t.x : t.y).every(Number.isInteger));
  return { log, lo, hi, ticks: ticksFor(lo, hi, log, integer) };
}

/** Parse '#rrggbb' (or '#rgb') into [r, g, b]. */
function parseHex(c: string): [number, number, number] {
  let h = c.replace('#', '');
  if (h.length === 3) h = h.split('').map((ch) => ch + ch).join('');
  const v = parseInt(h.slice(0, 6), 16);
  return [(v >> 16) & 255, (v >> 8) & 255, v & 255];
}

function toHex([r, g, b]: [number, number, number]): string {
  const h = (x: number) => Math.round(Math.min(255, Math.max(0, x))).toString(16).padStart(2, '0');
  return `#${h(r)}${h(g)}${h(b)}`;
}

/** Colour of a colorscale at fraction f in [0, 1]. */
export function colorAt(scale: Array<[number, string]>, f: number): string {
  const x = Math.min(1, Math.max(0, f));
  for (let i = 1; i < scale.length; i += 1) {
    const [f1, c1] = scale[i] as [number, string];
    const [f0, c0] = scale[i - 1] as [number, string];
    if (x <= f1) {
      const t = f1 === f0 ? 0 : (x - f0) / (f1 - f0);
      const a = parseHex(c0);
      const b = parseHex(c1);
      return toHex([a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t]);
    }
  }
  return (scale[scale.length - 1] as [number, string])[1];
}

/** Line segments where the grid function z crosses `level` (marching squares). */
export function contourSegments(
  x: number[],
  y: number[],
  z: number[][],
  level: number,
): Array<[number, number, number, number]> {
  const segs: Array<[number, number, number, number]> = [];
  const at = (j: number, i: number): number => (z[j] as number[])[i] as number;
  for (let j = 0; j + 1 < y.length; j += 1) {
    for (let i = 0; i + 1 < x.length; i += 1) {
      const x0 = x[i] as number;
      const x1 = x[i + 1] as number;
      const y0 = y[j] as number;
      const y1 = y[j + 1] as number;
      const v00 = at(j, i);
      const v10 = at(j, i + 1);
      const v11 = at(j + 1, i + 1);
      const v01 = at(j + 1, i);
      if (![v00, v10, v11, v01].every(Number.isFinite)) continue;
      const lerp = (a: number, b: number) => (level - a) / (b - a);
      // Crossing points on the four edges, when the edge straddles the level.
      const pts: Array<[number, number]> = [];
      const edge = (va: number, vb: number, pa: [number, number], pb: [number, number]) => {
        if ((va < level) !== (vb < level)) {
          const t = lerp(va, vb);
          pts.push([pa[0] + (pb[0] - pa[0]) * t, pa[1] + (pb[1] - pa[1]) * t]);
        }
      };
      edge(v00, v10, [x0, y0], [x1, y0]); // bottom
      edge(v10, v11, [x1, y0], [x1, y1]); // right
      edge(v11, v01, [x1, y1], [x0, y1]); // top
      edge(v01, v00, [x0, y1], [x0, y0]); // left
      if (pts.length === 2) {
        const [p, q] = pts as [[number, number], [number, number]];
        segs.push([p[0], p[1], q[0], q[1]]);
      } else if (pts.length === 4) {
        // Saddle: pair the crossings by the value at the centre.
        const [b, r, t, l] = pts as [[number, number], [number, number], [number, number], [number, number]];
        const centreAbove = (v00 + v10 + v11 + v01) / 4 >= level;
        const cornerAbove = v00 >= level;
        if (centreAbove === cornerAbove) {
          segs.push([b[0], b[1], r[0], r[1]], [t[0], t[1], l[0], l[1]]);
        } else {
          segs.push([b[0], b[1], l[0], l[1]], [t[0], t[1], r[0], r[1]]);
        }
      }
    }
  }
  return segs;
}

/**
 * The level set of a grid function as polylines: marching-squares segments chained end to end
 * (a closed curve ends at its start point). Each polyline is [xs, ys].
 */
export function contourPolylines(x: number[], y: number[], z: number[][], level: number): Array<[number[], number[]]> {
  // Endpoints equal up to round-off (a curve through a grid point) share a key.
  const span = Math.max(Math.abs((x[x.length - 1] ?? 1) - (x[0] ?? 0)), Math.abs((y[y.length - 1] ?? 1) - (y[0] ?? 0))) || 1;
  const tol = span * 1e-9;
  const key = (a: number, b: number) => `${Math.round(a / tol)},${Math.round(b / tol)}`;
  const segs = contourSegments(x, y, z, level).filter(([a, b, c, d]) => key(a, b) !== key(c, d));
  const ends = new Map<string, number[]>();
  segs.forEach(([a, b, c, d], k) => {
    for (const kk of [key(a, b), key(c, d)]) {
      const list = ends.get(kk);
      if (list === undefined) ends.set(kk, [k]);
      else list.push(k);
    }
  });
  const used = new Array<boolean>(segs.length).fill(false);
  const next = (px: number, py: number): [number, number] | null => {
    for (const k of ends.get(key(px, py)) ?? []) {
      if (used[k]) continue;
      used[k] = true;
      const [a, b, c, d] = segs[k] as [number, number, number, number];
      return key(a, b) === key(px, py) ? [c, d] : [a, b];
    }
    return null;
  };
  const lines: Array<[number[], number[]]> = [];
  for (let k = 0; k < segs.length; k += 1) {
    if (used[k]) continue;
    used[k] = true;
    const [a, b, c, d] = segs[k] as [number, number, number, number];
    const xs = [a, c];
    const ys = [b, d];
    for (let p = next(c, d); p !== null; p = next(p[0], p[1])) {
      xs.push(p[0]);
      ys.push(p[1]);
    }
    for (let p = next(a, b); p !== null; p = next(p[0], p[1])) {
      xs.unshift(p[0]);
      ys.unshift(p[1]);
    }
    lines.push([xs, ys]);
  }
  return lines;
}

/** Band index of a value for contour levels start, start+size, ..., end. */
function band(v: number, start: number, size: number, count: number): number {
  if (v < start) return 0;
  return Math.min(count, Math.floor((v - start) / size + 1e-9) + 1);
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

function dashAttr(dash: 'solid' | 'dash' | 'dot' | undefined): string {
  if (dash === 'dash') return ' stroke-dasharray="6 4"';
  if (dash === 'dot') return ' stroke-dasharray="2 3"';
  return '';
}

function marker(cx: number, cy: number, m: { color: string; size?: number; symbol?: string; line?: { color: string; width: number } }): string {
  const r = (m.size ?? 6) / 2;
  const stroke = m.line !== undefined ? ` stroke="${m.line.color}" stroke-width="${n(m.line.width)}"` : '';
  switch (m.symbol) {
    case 'square':
      return `<rect x="${n(cx - r)}" y="${n(cy - r)}" width="${n(2 * r)}" height="${n(2 * r)}" fill="${m.color}"${stroke}/>`;
    case 'diamond':
      return `<path d="M${n(cx)} ${n(cy - r * 1.3)}L${n(cx + r * 1.3)} ${n(cy)}L${n(cx)} ${n(cy + r * 1.3)}L${n(cx - r * 1.3)} ${n(cy)}Z" fill="${m.color}"${stroke}/>`;
    case 'x':
      return `<path d="M${n(cx - r)} ${n(cy - r)}L${n(cx + r)} ${n(cy + r)}M${n(cx + r)} ${n(cy - r)}L${n(cx - r)} ${n(cy + r)}" stroke="${m.color}" stroke-width="2"/>`;
    default:
      return `<circle cx="${n(cx)}" cy="${n(cy)}" r="${n(r)}" fill="${m.color}"${stroke}/>`;
  }
}

function drawScatter(
  t: ScatterTrace,
  X: (u: number) => number,
  Y: (u: number) => number,
  ux: (v: number) => number,
  uy: (v: number) => number,
  okX: (v: number) => boolean,
  okY: (v: number) => boolean,
): string[] {
  const out: string[] = [];
  const count = Math.min(t.x.length, t.y.length);
  if (t.mode !== 'markers') {
    // One path; a gap (invalid point, e.g. a cost <= 0 on a log axis) starts a new piece.
    // Points closer than half a pixel to the last drawn one are skipped (the last point of a
    // piece is always drawn): a 10,000-iteration cost curve stays a few kilobytes.
    let d = '';
    let pen = false;
    let lastX = 0;
    let lastY = 0;
    for (let i = 0; i < count; i += 1) {
      const xv = t.x[i] as number;
      const yv = t.y[i] as number;
      if (!okX(xv) || !okY(yv)) {
        pen = false;
        continue;
      }
      const px = X(ux(xv));
      const py = Y(uy(yv));
      const nextOk = i + 1 < count && okX(t.x[i + 1] as number) && okY(t.y[i + 1] as number);
      if (pen && nextOk && Math.abs(px - lastX) < 0.5 && Math.abs(py - lastY) < 0.5) continue;
      d += `${pen ? 'L' : 'M'}${n(px)} ${n(py)}`;
      pen = true;
      lastX = px;
      lastY = py;
    }
    if (d !== '') {
      out.push(
        `<path class="trace-line" d="${d}" fill="none" stroke="${t.line?.color ?? '#444444'}" stroke-width="${n(t.line?.width ?? 2)}" stroke-linejoin="round"${dashAttr(t.line?.dash)}/>`,
      );
    }
  }
  if (t.mode !== 'lines' && t.marker !== undefined) {
    out.push(`<g class="trace-markers">`);
    for (let i = 0; i < count; i += 1) {
      const xv = t.x[i] as number;
      const yv = t.y[i] as number;
      if (!okX(xv) || !okY(yv)) continue;
      out.push(marker(X(ux(xv)), Y(uy(yv)), t.marker));
    }
    out.push('</g>');
  }
  return out;
}

function drawContour(
  t: ContourTrace,
  X: (u: number) => number,
  Y: (u: number) => number,
  ux: (v: number) => number,
  uy: (v: number) => number,
): string[] {
  const out: string[] = [];
  const { start, end, size } = t.contours;
  const levels: number[] = [];
  for (let k = 0; start + k * size <= end + size * 1e-9; k += 1) levels.push(start + k * size);
  const opacity = t.opacity !== undefined && t.opacity < 1 ? ` opacity="${n(t.opacity)}"` : '';
  out.push(`<g class="trace-contour"${opacity}>`);
  if (t.contours.coloring === 'fill') {
    // Each grid point owns the cell halfway to its neighbours; runs of equal band merge.
    const px = t.x.map((v) => X(ux(v)));
    const py = t.y.map((v) => Y(uy(v)));
    const edges = (p: number[]): number[] => {
      const e: number[] = [];
      for (let i = 0; i <= p.length; i += 1) {
        if (i === 0) e.push((p[0] as number) - ((p[1] ?? (p[0] as number) + 1) - (p[0] as number)) / 2);
        else if (i === p.length) e.push((p[i - 1] as number) + ((p[i - 1] as number) - (p[i - 2] ?? (p[i - 1] as number) - 1)) / 2);
        else e.push(((p[i - 1] as number) + (p[i] as number)) / 2);
      }
      return e;
    };
    const ex = edges(px);
    const ey = edges(py);
    const count = levels.length;
    const bandColor = (b: number): string => {
      const v = b === 0 ? start - size / 2 : Math.min(start + (b - 0.5) * size, end + size / 2);
      return colorAt(t.colorscale, (v - t.zmin) / (t.zmax - t.zmin));
    };
    // One path per band colour, one rectangle ("M x y h w v h h -w z") per run of a row.
    const paths = new Map<number, string[]>();
    const r1 = (v: number) => String(Math.round(v * 10) / 10);
    for (let j = 0; j < t.y.length; j += 1) {
      const row = t.z[j] as number[];
      let i = 0;
      while (i < t.x.length) {
        const b = band(row[i] as number, start, size, count);
        let k = i + 1;
        while (k < t.x.length && band(row[k] as number, start, size, count) === b) k += 1;
        const x0 = Math.min(ex[i] as number, ex[k] as number);
        const x1 = Math.max(ex[i] as number, ex[k] as number);
        const y0 = Math.min(ey[j] as number, ey[j + 1] as number);
        const y1 = Math.max(ey[j] as number, ey[j + 1] as number);
        // 0.5 px overlap hides anti-aliasing seams between rows.
        const list = paths.get(b) ?? [];
        list.push(`M${r1(x0)} ${r1(y0)}h${r1(x1 - x0 + 0.5)}v${r1(y1 - y0 + 0.5)}h${r1(-(x1 - x0 + 0.5))}z`);
        paths.set(b, list);
        i = k;
      }
    }
    for (const b of [...paths.keys()].sort((p, q) => p - q)) {
      out.push(`<path d="${(paths.get(b) as string[]).join('')}" fill="${bandColor(b)}"/>`);
    }
  }
  if (t.contours.coloring === 'lines' || t.contours.showlines === true) {
    const color = t.line?.color ?? '#222222';
    const width = t.line?.width ?? 1;
    for (const level of levels) {
      const d = contourSegments(t.x, t.y, t.z, level)
        .map(([a, b, c, e]) => `M${n(X(ux(a)))} ${n(Y(uy(b)))}L${n(X(ux(c)))} ${n(Y(uy(e)))}`)
        .join('');
      if (d !== '') out.push(`<path class="contour-line" d="${d}" fill="none" stroke="${color}" stroke-width="${n(width)}"/>`);
    }
  }
  out.push('</g>');
  return out;
}
