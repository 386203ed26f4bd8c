import { test } from 'node:test';
import assert from 'node:assert/strict';
import { captureDisplays } from './display';
import { progress } from './progress';

test('progress in a notebook: one display, updated in place, throttled, deterministic final state', () => {
  let clock = 0;
  const shown = captureDisplays(() => {
    const p = progress({ total: 1000, label: 'week 3', now: () => clock });
    for (let i = 1; i <= 1000; i += 1) {
      clock += 1; // 1 ms an iteration: 1 s in all
      p.update(i, 1 / i);
    }
    p.done();
    p.update(5, 5); // ignored after done
  });
  const ids = new Set(shown.map((s) => s.message.transient.display_id));
  assert.equal(ids.size, 1, 'one display id');
  assert.match([...ids][0] as string, /^bp-[0-9a-f]{16}$/);
  assert.equal(shown[0]?.update, false, 'the first message creates the output');
  assert.ok(shown.slice(1).every((s) => s.update), 'the others update it');
  const live = shown.slice(1, -1);
  assert.ok(live.length >= 4 && live.length <= 6, `about 5 live updates in 1 s, got ${live.length}`);
  assert.match(live[1]?.message.data['text/plain'] as string, /week 3: \[#*\.*\] \d+ \/ 1000 iterations, cost [\d.]+, [\d,]+ it\/s/);
  const final = shown[shown.length - 1]?.message.data;
  assert.equal(final?.['text/plain'], 'week 3: 1000 / 1000 iterations, cost 0.001');
  assert.ok(!(final?.['text/html'] as string).includes('it/s'), 'no timing in the final state');
  assert.match(final?.['text/html'] as string, /width:100%/);
});

test('the final state does not depend on the clock', () => {
  const run = (step: number) =>
    captureDisplays(() => {
      let clock = 0;
      const p = progress({ total: 50, label: 'x', now: () => (clock += step) });
      for (let i = 1; i <= 50; i += 1) p.update(i, 0.5);
      p.done(0.25);
    }).pop()?.message.data;
  assert.deepEqual(run(1), run(97));
  assert.equal(run(3)?.['text/plain'], 'x: 50 / 50 iterations, cost 0.25');
});

test('outside a notebook: a line per tenth and one at the end', (t) => {
  const log = t.mock.method(console, 'log', () => undefined);
  let clock = 0;
  const p = progress({ total: 1000, label: 'cli', now: () => (clock += 1) });
  for (let i = 1; i <= 1000; i += 1) p.update(i, 0.1);
  p.done();
  const lines = log.mock.calls.map((c) => String(c.arguments[0]));
  assert.equal(lines.length, 10);
  assert.match(lines[0] as string, /^cli: \[##\.+\] 100 \/ 1000 iterations, cost 0\.1, /);
  assert.equal(lines[9], 'cli: 1000 / 1000 iterations, cost 0.1');
});
