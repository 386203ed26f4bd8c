/**
 * Axis scales of the static SVG charts (svg.ts): the data range of an axis (linear or log),
 * "nice" tick steps and tick labels, chosen close enough to plotly's that the picture and the
 * interactive chart agree.
 *
 * Used by svg.ts (every chart's static image).
 */
import { Axis, Trace, logTickStep } from './figure';

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

export interface Tick {
  /** Position in axis units (log10 of the value on a log axis). */
  at: number;
  label: string;
  /** Exponent to draw as a superscript ("10" + sup), for log decades. */
  sup?: string;
}

/** A resolved axis: data range in axis units and the ticks to draw. */
export interface Scale {
  log: boolean;
  lo: number;
  hi: number;
  ticks: Tick[];
}

/**
 * Ticks for an axis range [lo, hi] (axis units). A log axis follows its `dtick` as plotly does
 * (a number k: every k-th power of ten; 'D2': 1, 2 and 5 times the powers of ten), by default
 * logTickStep's choice: never the crowded minor digits 2 to 9 of every decade.
 */
export function ticksFor(lo: number, hi: number, log: boolean, integer = false, dtick?: number | 'D2'): Tick[] {
  const ticks: Tick[] = [];
  const logStep = log ? dtick ?? logTickStep(lo, hi) : null;
  if (typeof logStep === 'number') {
    const every = Math.max(1, Math.round(logStep));
    for (let e = Math.ceil(lo - 1e-9); e <= hi + 1e-9; e += 1) {
      if (e % every !== 0) continue;
      ticks.push({ at: e, label: '10', sup: String(e) });
    }
    return ticks;
  }
  if (log) {
    // Fewer than two powers of ten in range: 1, 2, 5 times powers of ten (all nine digits if that is too few).
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

export function resolveScale(axis: Axis | undefined, traces: Trace[], letter: 'x' | 'y'): Scale {
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
  return { log, lo, hi, ticks: ticksFor(lo, hi, log, integer, axis?.dtick) };
}
