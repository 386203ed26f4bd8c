// interruptible() under a real SIGINT: a child Node process runs a busy loop through it, the
// test sends SIGINT once the loop has made progress, and the child reports what it caught.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { interruptChild } from './interrupt-child';
import { InterruptedError, interruptible, onInterrupt } from './interrupt';

test('interruptible returns the loop value and passes errors through when no signal comes', () => {
  const seen: number[] = [];
  assert.equal(interruptible('counting', 3, (done) => { for (let i = 0; i < 3; i++) { seen.push(i); done(i + 1); } return 'ok'; }), 'ok');
  assert.deepEqual(seen, [0, 1, 2]);
  assert.throws(() => interruptible('failing', 1, () => { throw new RangeError('bad shape (2, 3)'); }), /bad shape \(2, 3\)/);
  assert.equal(interruptible('outer', 1, () => interruptible('inner', 1, () => 42)), 42, 'nested loops');
  assert.equal(onInterrupt(() => assert.fail('never run'))(), undefined, 'outside a loop nothing is registered');
  const error = new InterruptedError('training', 12, 100);
  assert.equal(error.message, 'training interrupted at iteration 12 of 100');
  assert.equal(error.name, 'InterruptedError');
});

test('SIGINT stops a busy interruptible loop with the last completed step, runs its clean-ups, and the process goes on', async () => {
  const script = `
    const { interruptible, onInterrupt } = require('./interrupt');
    const say = (text) => require('node:fs').writeSync(1, text + '\\n');
    let cleaned = 0;
    try {
      interruptible('spinning', 1000000, (done) => {
        onInterrupt(() => cleaned++);
        const release = onInterrupt(() => cleaned += 100);
        release();
        for (let i = 0; i < 1000000; i++) {
          const t = Date.now(); while (Date.now() - t < 2) {}
          done(i + 1);
          if (i === 5) say('ready');
        }
      });
      say('not interrupted');
    } catch (e) {
      say('caught ' + e.name + ': ' + e.message + '; completed ' + e.completed + '; cleaned ' + cleaned);
    }
    say('still running: ' + (1 + 1));`;
  const { code, stdout } = await interruptChild(script, { cwd: __dirname });
  assert.equal(code, 0, stdout);
  const m = /caught InterruptedError: spinning interrupted at iteration (\d+) of 1000000; completed (\d+); cleaned 1\b/.exec(stdout);
  assert.ok(m, stdout);
  assert.ok(Number(m[1]) >= 6 && Number(m[1]) < 1000000 && m[1] === m[2], stdout);
  assert.match(stdout, /still running: 2/);
});
