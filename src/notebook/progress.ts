/**
 * A live readout of a training loop: ONE output updated in place (iteration, cost,
 * iterations per second), at most a few updates a second, ending in a final state that holds
 * no timing, so an executed notebook is the same on every run. Outside a notebook it prints a
 * line at every tenth of the run and one at the end.
 *
 * Used by the training lessons (the week-3 loop, the 1/m comparison runs).
 */
import { displayBundle, newDisplayId, richOutput } from './display';
import { escapeHtml } from '../core/format';

/** Options of `progress`. */
export interface ProgressOptions {
  /** Iterations the loop will run. */
  total: number;
  /** What is running, e.g. 'training, learning rate 1.2'. */
  label?: string;
  /** Minimum time between two live updates; default 200 ms (at most 5 updates a second). */
  minIntervalMs?: number;
  /** Clock in milliseconds (test seam); default `performance.now`. */
  now?: () => number;
}

/** The handle returned by `progress`. */
export interface Progress {
  /** Report that `iteration` iterations are done (1..total), with the current cost. */
  update(iteration: number, cost?: number): void;
  /** Show the final state: iterations done and the last cost, without timing. */
  done(finalCost?: number): void;
}

function costText(cost: number | undefined): string {
  if (cost === undefined) return '';
  if (!Number.isFinite(cost)) return `, cost ${cost}`;
  return `, cost ${Number(cost.toPrecision(6))}`;
}

function bar(fraction: number, width = 20): string {
  const f = Math.min(1, Math.max(0, fraction));
  const full = Math.round(f * width);
  return `[${'#'.repeat(full)}${'.'.repeat(width - full)}]`;
}

function html(text: string, fraction: number, finished: boolean): string {
  const pct = Math.round(Math.min(1, Math.max(0, fraction)) * 1000) / 10;
  const color = finished ? '#2ca02c' : '#1f77b4';
  return (
    `<div class="bp-progress" style="font-family:monospace;font-size:13px">` +
    `<div style="display:inline-block;vertical-align:middle;width:160px;height:10px;background:#e8e8e8;margin-right:8px">` +
    `<div style="width:${pct}%;height:10px;background:${color}"></div></div>` +
    `<span>${escapeHtml(text)}</span></div>`
  );
}

/**
 * Start a live progress readout for a loop of `total` iterations.
 *
 * Syntax:
 *     const bar = progress({ total, label })
 *     bar.update(iteration, cost)
 *     bar.done()
 *
 * Examples:
 *     const p = progress({ total: 10000, label: 'week-3 network' });
 *     for (let i = 1; i <= 10000; i++) { const J = step(); p.update(i, J); }
 *     p.done();   // final text: 'week-3 network: 10000 / 10000 iterations, cost 0.218743'
 *
 * See also:
 *     costCurve, displayBundle
 */
export function progress(options: ProgressOptions): Progress {
  const total = Math.max(0, Math.floor(options.total));
  const label = options.label ?? 'progress';
  const interval = options.minIntervalMs ?? 200;
  const now = options.now ?? (() => performance.now());
  const rich = richOutput();
  const id = newDisplayId();
  const started = now();
  let lastShown = -Infinity;
  let lastIteration = 0;
  let lastCost: number | undefined;
  let lastDecile = 0;
  let finished = false;

  const liveText = (iteration: number, cost: number | undefined, t: number): string => {
    const seconds = (t - started) / 1000;
    const rate = seconds > 0 ? `, ${Math.round(iteration / seconds).toLocaleString('en-US')} it/s` : '';
    return `${label}: ${bar(total > 0 ? iteration / total : 1)} ${iteration} / ${total} iterations${costText(cost)}${rate}`;
  };

  if (rich) {
    const text = `${label}: ${bar(0)} 0 / ${total} iterations`;
    displayBundle({ 'text/html': html(text, 0, false), 'text/plain': text }, { displayId: id });
  }

  return {
    update(iteration: number, cost?: number): void {
      if (finished) return;
      lastIteration = iteration;
      lastCost = cost;
      const t = now();
      if (rich) {
        if (t - lastShown < interval) return;
        lastShown = t;
        const text = liveText(iteration, cost, t);
        displayBundle(
          { 'text/html': html(text, total > 0 ? iteration / total : 1, false), 'text/plain': text },
          { displayId: id, update: true },
        );
        return;
      }
      const decile = total > 0 ? Math.floor((10 * iteration) / total) : 10;
      if (decile > lastDecile && iteration < total) {
        lastDecile = decile;
        console.log(liveText(iteration, cost, t));
      }
    },
    done(finalCost?: number): void {
      if (finished) return;
      finished = true;
      const cost = finalCost ?? lastCost;
      const text = `${label}: ${lastIteration} / ${total} iterations${costText(cost)}`;
      if (rich) {
        displayBundle(
          { 'text/html': html(text, total > 0 ? lastIteration / total : 1, true), 'text/plain': text },
          { displayId: id, update: true },
        );
      } else {
        console.log(text);
      }
    },
  };
}
