/**
 * Interrupting long loops (Jupyter's "Interrupt kernel", Ctrl+C in a terminal) with a message
 * that says how far they got.
 *
 * Jupyter interrupts the project's kernel with SIGINT. tslab runs each cell under Node's
 * `vm` option `breakOnSigint`: the signal stops the JavaScript wherever it is and the cell
 * fails with "Script execution was interrupted by `SIGINT`", which says nothing about a
 * `train()` of 10,000 iterations. `interruptible` runs a loop under a watchdog of its own
 * (Node hands SIGINT to the innermost one), so the signal ends up here: the partial step is
 * dropped and an `InterruptedError` reports the last step that completed, e.g. "training
 * interrupted at iteration 1234 of 10000". The kernel and its variables stay as they were.
 *
 * Used by train.ts (nn), the loop every lesson's training goes through.
 */
import * as vm from 'node:vm';

/** Thrown by `interruptible` when SIGINT stops its loop; `completed` of `total` steps were done. */
export class InterruptedError extends Error {
  readonly completed: number;
  readonly total: number;
  constructor(what: string, completed: number, total: number) {
    super(`${what} interrupted at iteration ${completed} of ${total}`);
    this.name = 'InterruptedError';
    this.completed = completed;
    this.total = total;
  }
}

/** The context that holds the loop while the watchdog runs (made once, reused). */
let sandbox: vm.Context | null = null;
const runLoop = new vm.Script('run()', { filename: 'backprop-lessons/interruptible' });

/** Clean-ups of the running interruptible loops, innermost last (see `onInterrupt`). */
const cleanups: Array<Set<() => void>> = [];

/**
 * Register `cleanup` to run if SIGINT stops the innermost running `interruptible` loop (a
 * stopped loop runs none of its own `finally` blocks: Node terminates it). Returns a function
 * that unregisters it; outside any `interruptible` loop it registers nothing.
 *
 * Syntax:
 *     const release = onInterrupt(() => pool.close()); ...; release()
 *
 * Examples:
 *     onInterrupt(() => undefined)()   // undefined (nothing was registered)
 *
 * See also:
 *     interruptible, createGemmPool
 */
export function onInterrupt(cleanup: () => void): () => void {
  const current = cleanups[cleanups.length - 1];
  if (current === undefined) return () => undefined;
  current.add(cleanup);
  return () => {
    current.delete(cleanup);
  };
}

function isSigintStop(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'ERR_SCRIPT_EXECUTION_INTERRUPTED';
}

/**
 * Run `loop` so that SIGINT stops it with an `InterruptedError` naming the last completed
 * step, instead of a bare "Script execution was interrupted". `loop` reports each completed
 * step through the `completed(k)` callback it receives (k steps done out of `total`).
 *
 * Syntax:
 *     interruptible(what, total, (completed) => { ...; completed(k); ... })
 *
 * Examples:
 *     interruptible('training', 3, (done) => { for (let i = 0; i < 3; i++) done(i + 1); return 'ok'; })   // 'ok'
 *     // SIGINT during the 1235th of 10000 iterations:
 *     //   InterruptedError: training interrupted at iteration 1234 of 10000
 *
 * See also:
 *     InterruptedError, train (lesson 06 trains the deep network through it)
 */
export function interruptible<T>(what: string, total: number, loop: (completed: (k: number) => void) => T): T {
  let done = 0;
  const step = (k: number): void => {
    done = k;
  };
  const context = sandbox ?? (sandbox = vm.createContext({ run: null }));
  const previous: unknown = context['run'];
  context['run'] = (): T => loop(step);
  const mine = new Set<() => void>();
  cleanups.push(mine);
  try {
    // The script's value is run()'s: the loop's result.
    const value: T = runLoop.runInContext(context, { breakOnSigint: true });
    return value;
  } catch (error) {
    if (!isSigintStop(error)) throw error;
    for (const cleanup of mine) {
      try {
        cleanup();
      } catch {
        // the loop is stopped either way; the interrupt is what the user needs to read
      }
    }
    throw new InterruptedError(what, done, total);
  } finally {
    cleanups.pop();
    context['run'] = previous;
  }
}
