/**
 * Traces of the static SVG charts (svg.ts): lines and markers of scatter traces, filled bands
 * and lines of contour traces, in pixel coordinates given by the caller's scales.
 *
 * Used by svg.ts (every chart's static image).
 */
import { ContourTrace, ScatterTrace } from './figure';
import { colorAt, contourSegments } from './contour';

/** Numbers in SVG text: at most two decimals, no trailing zeros, never "-0". */
export function svgNumber(v: number): string {
  const r = Math.round(v * 100) / 100;
  const s = (Object.is(r, -0) ? 0 : r).toFixed(2);
  return s.replace(/\.?0+$/, '');
}

const n = svgNumber;

/** Band index of a value for contour levels start, start+size, ..., end. */
function band(v: number, start: number, size: number, count: number): number {
  if (v < start) return 0;
  return Math.min(count, Math.floor((v - start) / size + 1e-9) + 1);
}

/** The stroke-dasharray attribute of a plotly dash style ('' for solid). */
export function dashAttr(dash: 'solid' | 'dash' | 'dot' | undefined): string {
  if (dash === 'dash') return ' stroke-dasharray="6 4"';
  if (dash === 'dot') return ' stroke-dasharray="2 3"';
  return '';
}

/** One marker (circle, square, diamond or x, the first three also as "-open" outlines) centred at (cx, cy). */
export function marker(cx: number, cy: number, m: { color: string; size?: number; symbol?: string; line?: { color: string; width: number } }): string {
  const r = (m.size ?? 6) / 2;
  if (m.symbol !== undefined && m.symbol.endsWith('-open')) {
    // An outline in the marker's colour: what lies below (another trace's marker) shows through.
    const filled = marker(cx, cy, { color: 'none', size: m.size ?? 6, symbol: m.symbol.slice(0, -'-open'.length) });
    return filled.replace('fill="none"', `fill="none" stroke="${m.color}" stroke-width="1.5"`);
  }
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

/** SVG elements of a scatter trace: its line (dash) and markers, skipping points off the axes. */
export function drawScatter(
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

/** SVG elements of a contour trace: filled level bands and/or the level lines. */
export function drawContour(
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
