import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import {
  DisplayMessage,
  TSLAB_HOOK_MODULE,
  captureDisplays,
  displayBundle,
  inNotebook,
  richOutput,
} from './display';

/** What this project assumes of tslab's internal module. */
interface HookModule {
  lastWriteDisplayData: ((m: DisplayMessage, update: boolean) => void) | null;
  JupyterHandlerImpl: new (
    executor: { execute(code: string): Promise<boolean> },
    isJs: boolean,
  ) => {
    handleExecute(
      req: { code: string },
      writeStream: (name: string, text: string) => void,
      writeDisplayData: (m: DisplayMessage, update: boolean) => void,
    ): Promise<{ status: string }>;
  };
}

test('tslab still has the internal hook display.ts relies on', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require(TSLAB_HOOK_MODULE) as HookModule;
  assert.ok(Object.prototype.hasOwnProperty.call(mod, 'lastWriteDisplayData'), 'lastWriteDisplayData is exported');
  assert.equal(mod.lastWriteDisplayData, null, 'no cell has run in this process');
  assert.equal(typeof mod.JupyterHandlerImpl, 'function');
  // tslab's own public display API goes through the same hook.
  const publicSource = fs.readFileSync(require.resolve('tslab/dist/public.js'), 'utf8');
  assert.match(publicSource, /jupyter\.lastWriteDisplayData\(/);
});

test('a tslab cell sets the hook to a function, and displayBundle sends the whole bundle through it', async () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require(TSLAB_HOOK_MODULE) as HookModule;
  const sent: Array<{ message: DisplayMessage; update: boolean }> = [];
  let insideNotebook = false;
  let hookType = '';
  const stdoutWrite = process.stdout.write;
  const stderrWrite = process.stderr.write;
  try {
    const handler = new mod.JupyterHandlerImpl(
      {
        async execute(): Promise<boolean> {
          hookType = typeof mod.lastWriteDisplayData;
          insideNotebook = inNotebook();
          displayBundle({ 'text/plain': 'J = 1', 'text/latex': '$$J = 1$$', 'application/json': { a: 1 } });
          displayBundle({ 'text/plain': 'step 2' }, { displayId: 'bp-x', update: true });
          return true;
        },
      },
      false,
    );
    const reply = await handler.handleExecute(
      { code: '' },
      () => undefined,
      (message, update) => sent.push({ message, update }),
    );
    assert.equal(reply.status, 'ok');
  } finally {
    process.stdout.write = stdoutWrite;
    process.stderr.write = stderrWrite;
    mod.lastWriteDisplayData = null;
  }
  assert.equal(hookType, 'function', 'lastWriteDisplayData is a function while a cell runs');
  assert.equal(insideNotebook, true);
  assert.equal(sent.length, 2);
  assert.deepEqual(sent[0], {
    message: {
      data: { 'text/plain': 'J = 1', 'text/latex': '$$J = 1$$', 'application/json': { a: 1 } },
      metadata: {},
      transient: {},
    },
    update: false,
  });
  assert.deepEqual(sent[1], {
    message: { data: { 'text/plain': 'step 2' }, metadata: {}, transient: { display_id: 'bp-x' } },
    update: true,
  });
});

test('outside a notebook displayBundle prints the text/plain part', (t) => {
  assert.equal(inNotebook(), false);
  assert.equal(richOutput(), false);
  const log = t.mock.method(console, 'log', () => undefined);
  displayBundle({ 'text/plain': 'cost 0.25', 'text/html': '<b>cost</b>' });
  assert.deepEqual(
    log.mock.calls.map((c) => c.arguments),
    [['cost 0.25']],
  );
});

test('captureDisplays records bundles in order and restores the previous sink', () => {
  let inner: unknown[] = [];
  const outer = captureDisplays(() => {
    displayBundle({ 'text/plain': 'a' });
    inner = captureDisplays(() => displayBundle({ 'text/plain': 'b' }, { displayId: 'd1' }));
    displayBundle({ 'text/plain': 'c' }, { displayId: 'd1', update: true });
  });
  assert.deepEqual(outer.map((c) => [c.message.data['text/plain'], c.update]), [
    ['a', false],
    ['c', true],
  ]);
  assert.equal(inner.length, 1);
  assert.equal(richOutput(), false);
});

test('displayBundle rejects a bundle without text/plain and an update without an id', () => {
  captureDisplays(() => {
    assert.throws(() => displayBundle({} as { 'text/plain': string }), /text\/plain/);
    assert.throws(() => displayBundle({ 'text/plain': 'x' }, { update: true }), /displayId/);
  });
});
