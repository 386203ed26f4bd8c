/**
 * Rich output for the lessons: the only module that touches tslab's internals.
 *
 * tslab's public `display` API sends one mime type per message, which no single frontend
 * covers (VS Code draws the plotly JSON, and so does JupyterLab but only with its plotly
 * extension; JupyterLab 4 and Notebook 7 without it, nbconvert HTML and the classic Notebook
 * show `text/html`; GitHub wants an image). tslab keeps the function that writes a
 * `display_data` message of the running cell in `require('tslab/dist/jupyter')
 * .lastWriteDisplayData`; calling it with a whole bundle sends every mime type at once. That
 * hook is internal, so it is looked up here and nowhere else, and `display.test.ts` fails when
 * it disappears from tslab.
 *
 * Outside a notebook (plain Node, the CLI, `node --test`) the `text/plain` part is printed.
 * Tests capture bundles with `captureDisplays`.
 *
 * Used by every lesson through plot.ts, math.ts and progress.ts.
 */
import { randomBytes } from 'node:crypto';
import { sep } from 'node:path';

/** A mime bundle: `text/plain` is always present; JSON mime types hold objects. */
export interface MimeBundle {
  'text/plain': string;
  [mime: string]: string | object;
}

/** One Jupyter `display_data` / `update_display_data` message content. */
export interface DisplayMessage {
  data: MimeBundle;
  metadata: Record<string, unknown>;
  transient: { display_id?: string };
}

/** Where display messages go: the kernel, the console, or a test's capture list. */
export type DisplaySink = (message: DisplayMessage, update: boolean) => void;

/** A captured display message, as recorded by `captureDisplays`. */
export interface CapturedDisplay {
  message: DisplayMessage;
  update: boolean;
}

/** Options of `displayBundle`. */
export interface DisplayOptions {
  /** Id of an updatable display (see `newDisplayId`); omitted for a one-off output. */
  displayId?: string;
  /** true: replace the output that carries `displayId` instead of adding one. */
  update?: boolean;
  /** Per-mime metadata (e.g. `{ 'image/svg+xml': { isolated: true } }`). */
  metadata?: Record<string, unknown>;
}

/** The shape of tslab's internal module, as far as this project relies on it. */
interface TslabJupyterModule {
  lastWriteDisplayData: DisplaySink | null;
}

/** Module path of tslab's internal hook (exported for the test that guards it). */
export const TSLAB_HOOK_MODULE = 'tslab/dist/jupyter';

let testSink: DisplaySink | null = null;

/**
 * tslab's internal `lastWriteDisplayData`, when this process is a tslab kernel that is
 * executing (or has executed) a cell; null otherwise. The module is only read when the kernel
 * has already loaded it, so plain Node never loads zeromq through this.
 */
function kernelWriter(): DisplaySink | null {
  let cached: NodeJS.Module | undefined;
  try {
    cached = require.cache[require.resolve(TSLAB_HOOK_MODULE)];
  } catch {
    cached = undefined;
  }
  if (cached === undefined) {
    // The kernel may run another copy of tslab than the one next to this package.
    const suffix = `${sep}${TSLAB_HOOK_MODULE.replace(/\//g, sep)}.js`;
    const key = Object.keys(require.cache).find((k) => k.endsWith(suffix));
    cached = key === undefined ? undefined : require.cache[key];
  }
  if (cached === undefined) return null;
  const mod = cached.exports as Partial<TslabJupyterModule>;
  return typeof mod.lastWriteDisplayData === 'function' ? mod.lastWriteDisplayData : null;
}

/**
 * Whether output goes to a Jupyter frontend through a tslab kernel.
 *
 * Syntax:
 *     inNotebook()
 *
 * Examples:
 *     inNotebook()   // true in a lesson cell
 *     inNotebook()   // false under `node --test` or the CLI
 *
 * See also:
 *     displayBundle, captureDisplays
 */
export function inNotebook(): boolean {
  return kernelWriter() !== null;
}

/**
 * Whether displays reach a rich frontend (a notebook, or a test's capture): callers such as
 * `progress` update one output in place then, and print sparse lines otherwise.
 *
 * Syntax:
 *     richOutput()
 *
 * Examples:
 *     richOutput()                              // false in plain Node
 *     captureDisplays(() => richOutput())       // (inside) true
 *
 * See also:
 *     inNotebook, captureDisplays
 */
export function richOutput(): boolean {
  return testSink !== null || inNotebook();
}

/**
 * A fresh id for an output that will be updated in place (progress readouts). Display ids
 * are transient: they are not saved in the notebook, so randomness here costs no
 * reproducibility.
 *
 * Syntax:
 *     newDisplayId()
 *
 * Examples:
 *     newDisplayId()   // 'bp-3f9c0a1d2e4b5c6d'
 *
 * See also:
 *     displayBundle, progress
 */
export function newDisplayId(): string {
  return `bp-${randomBytes(8).toString('hex')}`;
}

/**
 * Show one multi-mime bundle as ONE output: in a tslab kernel through its display hook, in a
 * test into the capture list, elsewhere by printing the `text/plain` part (updates of an
 * existing display are printed too, so the caller decides how sparse they are).
 *
 * Syntax:
 *     displayBundle(bundle)
 *     displayBundle(bundle, { displayId, update, metadata })
 *
 * Examples:
 *     displayBundle({ 'text/plain': 'J = 0.25', 'text/latex': '$$J = 0.25$$' })
 *     // notebook: renders the equation; plain Node: prints "J = 0.25"
 *
 * See also:
 *     captureDisplays, inNotebook, showFigure, showTex
 */
export function displayBundle(bundle: MimeBundle, options: DisplayOptions = {}): void {
  if (typeof bundle['text/plain'] !== 'string') {
    throw new TypeError('displayBundle: a bundle needs a text/plain part');
  }
  const message: DisplayMessage = {
    data: bundle,
    metadata: options.metadata ?? {},
    transient: options.displayId === undefined ? {} : { display_id: options.displayId },
  };
  const update = options.update === true;
  if (update && options.displayId === undefined) {
    throw new TypeError('displayBundle: an update needs a displayId');
  }
  if (testSink !== null) {
    testSink(message, update);
    return;
  }
  const writer = kernelWriter();
  if (writer !== null) {
    writer(message, update);
    return;
  }
  console.log(bundle['text/plain']);
}

/**
 * Test seam: run `fn` with every display captured instead of shown, and return the captured
 * messages in order (nested captures restore the outer one).
 *
 * Syntax:
 *     captureDisplays(fn)
 *
 * Examples:
 *     captureDisplays(() => showTex('x^2')).length   // 1
 *     captureDisplays(() => showTex('x^2'))[0].message.data['text/latex']   // '$$x^2$$'
 *
 * See also:
 *     displayBundle
 */
export function captureDisplays(fn: () => void): CapturedDisplay[] {
  const captured: CapturedDisplay[] = [];
  const previous = testSink;
  testSink = (message, update) => captured.push({ message, update });
  try {
    fn();
  } finally {
    testSink = previous;
  }
  return captured;
}
