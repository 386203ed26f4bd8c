'use strict';
// Every lesson runs top to bottom in a fresh kernel through the real Jupyter stack. A failing
// cell fails its lesson's test with the cell's source and the kernel's message. The executed
// notebooks are kept in test-output/executed/ for inspection.
const test = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const env = require('../scripts/lib/env');
const { executeAll, formatFailure } = require('../scripts/lib/notebook-runner');

const outDir = path.join(env.root, 'test-output', 'executed');
const notebooks = env.lessonNotebooks();

test('lessons', async (t) => {
  const results = await executeAll(notebooks, {
    outDir,
    onDone: (r) => console.log(`# executed ${path.basename(r.notebook)} in ${r.seconds} s: ${r.ok ? 'ok' : 'FAILED'}`),
  });
  for (const result of results) {
    await t.test(`${path.basename(result.notebook)} runs top to bottom in a fresh kernel`, () => {
      assert.ok(result.ok, formatFailure(result));
    });
  }
});
