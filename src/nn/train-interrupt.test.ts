// Interrupting train() (Jupyter's "Interrupt kernel" sends SIGINT): a child Node process trains
// for far too many iterations, the test sends SIGINT once training is under way, and the child
// reports what it caught, whether training works again afterwards, and (with a second thread)
// whether the helper thread was stopped.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { interruptChild } from '../core/interrupt-child';

/** A child script: train a network of `sizes` on random data for 10^7 iterations, interrupted. */
function script(sizes: number[], m: number, threads: 1 | 2): string {
  return `
    const fs = require('node:fs');
    const { train } = require('./train');
    const { initializeNetwork } = require('./init');
    const { createRng, randn, rand } = require('../core/random');
    const rng = createRng(3);
    const X = randn(${sizes[0]}, ${m}, rng);
    const Y = rand(1, ${m}, rng).map((v) => (v > 0.5 ? 1 : 0));
    const acts = [...Array(${sizes.length - 2}).fill('tanh'), 'sigmoid'];
    const parameters = initializeNetwork(${JSON.stringify(sizes)}, { seed: 1 });
    // fs.writeSync, not console.log: SIGINT stops the loop wherever it is, and inside
    // console.log's stream code it could leave stdout unusable for the report that follows
    const say = (text) => fs.writeSync(1, text + '\\n');
    const tasks = () => fs.readdirSync('/proc/self/task').length;
    const before = tasks();
    let reported = 0;
    try {
      train(X, Y, { parameters, activations: acts, loss: 'cross-entropy', learningRate: 0.01, iterations: 10000000, threads: ${threads},
        onProgress: (p) => { reported = p.iteration + 1; if (p.iteration === 3) say('ready; threads while training ' + tasks()); } });
      say('not interrupted');
    } catch (e) {
      say('caught ' + e.name + ': ' + e.message + '; onProgress reported ' + reported);
    }
    const again = train(X, Y, { parameters, activations: acts, loss: 'cross-entropy', learningRate: 0.01, iterations: 2 });
    setTimeout(() => say('trains again: ' + again.costs.length + ' costs; threads before ' + before + ', after ' + tasks()), 300);`;
}

test('SIGINT stops train() with "training interrupted at iteration N of M", and training works again', async () => {
  const { code, stdout, stderr } = await interruptChild(script([5, 8, 1], 200, 1), { cwd: __dirname, timeoutMs: 120_000 });
  assert.equal(code, 0, stdout + stderr);
  const m = /caught InterruptedError: training interrupted at iteration (\d+) of 10000000; onProgress reported (\d+)\n/.exec(stdout);
  assert.ok(m, stdout + stderr);
  // the message names the last completed iteration: the last one onProgress saw (or, if the
  // signal came between the two, the one whose onProgress was about to run)
  const [completed, reported] = [Number(m[1]), Number(m[2])];
  assert.ok(completed >= 4 && (completed === reported || completed === reported + 1), stdout);
  assert.match(stdout, /trains again: 2 costs/);
});

test('an interrupted train() with a second thread stops its helper thread', async () => {
  // 100 inputs, 50 hidden units, 500 examples: 2.5e6 multiply-adds a product, above the threshold of the second thread
  const { code, stdout, stderr } = await interruptChild(script([100, 50, 1], 500, 2), { cwd: __dirname, timeoutMs: 120_000 });
  assert.equal(code, 0, stdout + stderr);
  assert.match(stdout, /caught InterruptedError: training interrupted at iteration \d+ of 10000000;/);
  const during = Number(/threads while training (\d+)/.exec(stdout)?.[1]);
  const counts = /threads before (\d+), after (\d+)/.exec(stdout);
  assert.ok(counts, stdout);
  assert.ok(during > Number(counts[1]), `the helper thread ran during training (${during} threads, ${counts[1]} before)`);
  assert.equal(Number(counts[2]), Number(counts[1]), 'no helper thread left after the interrupt');
});
