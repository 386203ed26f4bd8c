/**
 * Colour scales and contours for the static SVG charts: a colour between the stops of a plotly
 * colorscale, and where a function sampled on a grid crosses a level (marching squares), as
 * segments or as joined polylines (the decision boundaries: plotly and the SVG draw the same
 * curve).
 *
 * Used by svg.ts and decision-boundary.ts.
 */
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
