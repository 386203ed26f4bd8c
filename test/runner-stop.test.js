'use strict';
// stopAll(), what an interrupted command calls: the runner's Python process and its kernel (in
// a session of its own, out of reach of a terminal's Ctrl+C) both end, the kernel's connection
// file is removed, and no new notebook starts afterwards.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { executeNotebook, executeAll, stopAll } = require('../scripts/lib/notebook-runner');
const { writeSourceNotebook } = require('./helpers/site-fixtures');
const { descendants, survivors } = require('./helpers/processes');

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bpl-runner-stop-'));
test.after(() => fs.rmSync(dir, { recursive: true, force: true }));

test('stopAll stops a busy kernel, removes its connection file and starts nothing new', { timeout: 120_000 }, async () => {
  const marker = path.join(dir, 'busy-now');
  const busy = writeSourceNotebook(path.join(dir, 'busy.ipynb'), [
    `// say so, then stay busy\nrequire("node:fs").writeFileSync(${JSON.stringify(marker)}, "busy");`,
    '// busy for a long time\nwhile (true) {}',
  ]);
  const pending = executeNotebook(busy, { outputPath: path.join(dir, 'busy.executed.ipynb') });
  let below;
  const deadline = Date.now() + 90_000;
  while (!fs.existsSync(marker) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  below = descendants(process.pid).filter((p) => !/^ps /.test(p.args));
  const kernel = below.find((p) => /tslab/.test(p.args));
  assert.ok(kernel, 'the kernel started and runs the busy cell');
  const connectionFile = /--config-path (\S+)/.exec(kernel.args)[1];
  assert.ok(fs.existsSync(connectionFile));

  assert.equal(await stopAll(), 1, 'one run stopped');
  const result = await pending;
  assert.equal(result.ok, false);
  assert.deepEqual(survivors(below).map((p) => p.args), [], 'runner and kernel are gone');
  assert.ok(!fs.existsSync(connectionFile), 'the connection file is removed');

  const after = await executeAll([busy], { outDir: path.join(dir, 'after') });
  assert.match(after[0].failure.message, /not run: the command was interrupted/);
});
