'use strict';
// Interrupting the project's kernel as a Jupyter front end does (jupyter_client's
// interrupt_kernel, which follows the kernel spec's interrupt mode): a busy `while (true) {}`
// stops within seconds, a far too long train() stops with "training interrupted at iteration N
// of M", and a variable defined before both is still there. See test/helpers/interrupt_kernel.py.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { spawn } = require('node:child_process');
const env = require('../scripts/lib/env');

const script = path.join(__dirname, 'helpers', 'interrupt_kernel.py');
const spec = JSON.parse(fs.readFileSync(path.join(env.jupyterDataDir, 'kernels', env.kernelName, 'kernel.json'), 'utf8'));

test('the kernel spec asks for SIGINT interrupts (tslab ignores interrupt_request messages)', () => {
  assert.ok(spec.interrupt_mode === undefined || spec.interrupt_mode === 'signal', `interrupt_mode: ${spec.interrupt_mode}`);
});

test('interrupting the kernel stops a busy cell and a long train(), and keeps its variables', { timeout: 300_000 }, async () => {
  const child = spawn(env.jupyterPython(), [script, env.kernelName], { cwd: env.root, env: env.jupyterEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const code = await new Promise((resolve) => child.on('close', resolve));
  const reports = Object.fromEntries(
    stdout
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line))
      .map((r) => [r.cell, r]),
  );
  const context = `\n${stdout}\n${stderr}`;
  assert.equal(code, 0, context);
  const loop = reports['busy loop'];
  assert.ok(loop, context);
  assert.ok(loop.stopped, `the busy cell was still running ${loop.seconds} s after the interrupt${context}`);
  assert.equal(loop.status, 'error');
  console.log(`# while (true) {} stopped ${loop.seconds} s after the interrupt`);
  const train = reports.train;
  assert.ok(train && train.stopped, `train() did not stop${context}`);
  assert.match(train.stderr, /InterruptedError: training interrupted at iteration [1-9]\d* of 10000000\n/);
  console.log(`# train() stopped ${train.seconds} s after the interrupt: ${/training interrupted[^\n]*/.exec(train.stderr)[0]}`);
  assert.deepEqual([reports.after.status, reports.after.stdout.trim()], ['ok', '42'], 'the variable defined before the interrupts');
});
