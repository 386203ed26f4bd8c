'use strict';
// The notebook runner itself: a broken cell fails the run and the report shows that cell's
// source and the kernel's message; errors tslab only prints (timers, rejections) fail too.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const runner = require('../scripts/lib/notebook-runner');

const { formatFailure } = runner;
const { cleanNotebook, serialize } = require('../scripts/lib/notebook-format');

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bpl-runner-test-'));
test.after(() => fs.rmSync(dir, { recursive: true, force: true }));
function notebook(name, sources) {
  const nb = cleanNotebook({ cells: sources.map((source) => ({ cell_type: 'code', source })) }, name);
  const file = path.join(dir, `${name}.ipynb`);
  fs.writeFileSync(file, serialize(nb));
  return file;
}
/** Execute with the executed copy kept in this test's folder (removed at the end). */
const executeNotebook = (file) => runner.executeNotebook(file, { outputPath: file.replace(/\.ipynb$/, '.executed.ipynb') });

test('a notebook that imports the shared module runs clean', async () => {
  const result = await executeNotebook(notebook('ok', ['import { Matrix } from "backprop-lessons";\nMatrix.zeros(2, 3).shape', '1 + 1']));
  assert.equal(result.ok, true, formatFailure(result));
  const executed = JSON.parse(fs.readFileSync(result.outputPath, 'utf8'));
  assert.match(executed.cells[0].outputs.map((o) => o.text).join(''), /\[ 2, 3 \]/);
});

test('a deliberately broken cell fails the run, naming the cell, its source and the message', async () => {
  const result = await executeNotebook(
    notebook('broken', ['const ready = 1;', '// this cell is broken on purpose\nthrow new Error("dW has shape (3, 4), expected (4, 3)");', 'ready']),
  );
  assert.equal(result.ok, false);
  assert.equal(result.failure.index, 1);
  const report = formatFailure(result);
  assert.match(report, /FAILED: .*broken\.ipynb in cell 2/);
  assert.match(report, /this cell is broken on purpose/);
  assert.match(report, /dW has shape \(3, 4\), expected \(4, 3\)/);
  assert.doesNotMatch(report, /node_modules\/tslab/, 'kernel-internal stack frames are dropped');
});

test('a type error fails the run with the compiler message', async () => {
  const result = await executeNotebook(notebook('types', ['const learningRate: number = "fast";']));
  assert.equal(result.ok, false);
  assert.match(result.failure.message, /Type 'string' is not assignable to type 'number'/);
});

test('an exception thrown later by a timer fails the run although the cell succeeded', async () => {
  const result = await executeNotebook(
    // The timer fires while the same cell still waits, so the kernel prints the exception into
    // this cell's output however slowly the machine runs; the cell itself succeeds.
    notebook('late', ['setTimeout(() => { throw new Error("thrown later"); }, 10);\nawait new Promise((r) => setTimeout(r, 1000));']),
  );
  assert.equal(result.failure, null);
  assert.equal(result.ok, false);
  assert.match(formatFailure(result), /UNCAUGHT ERROR[\s\S]*UncaughtException: Error: thrown later/);
});

test('a file event under node_modules between two cells does not break the next cell (kernel preload.js)', async () => {
  // TypeScript's folder watchers reacted to it by asking tslab for a second rebuild timer, and the
  // next cell failed with "Unexpected pending rebuildTimer"; the kernel's preload.js turns them off.
  const probe = path.join(__dirname, '..', 'node_modules', `bpl-watch-probe-${process.pid}`);
  const result = await executeNotebook(
    notebook('watch', [
      'import { Matrix } from "backprop-lessons";\nimport * as fs from "fs";\nMatrix.zeros(1, 1).shape',
      `fs.mkdirSync(${JSON.stringify(probe)});\nfs.writeFileSync(${JSON.stringify(path.join(probe, 'x.js'))}, "1");\n` +
        `fs.rmSync(${JSON.stringify(probe)}, { recursive: true });\nawait new Promise((r) => setTimeout(r, 1500));`,
      'const after = 3;\nafter',
    ]),
  );
  assert.equal(result.ok, true, formatFailure(result));
});
