'use strict';
// The edit harness itself, on the small notebooks of test/fixtures/edits/:
//   claim       a check that holds only at the default n = 2 (breaks at every other allowed n);
//   refusal     a parameters cell that refuses its own allowed values above m = 4;
//   clean       every kind of declaration, and a cell checking each written value lies in its set;
//   grammar     three lines that break the grammar in different ways, one good line;
//   undeclared  an old-style parameters cell without declarations.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawn } = require('node:child_process');
const env = require('../scripts/lib/env');
const { readLesson, fixedPointRuns, classify } = require('../scripts/lib/edits');

const fixtures = path.join(env.root, 'test', 'fixtures', 'edits');
const fixture = (name) => path.join(fixtures, `${name}.ipynb`);
const script = path.join(env.root, 'scripts', 'test-edits.js');

function testEdits(args) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [script, ...args], { cwd: env.root, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr, all: stdout + stderr }));
  });
}

test('npm run test:edits on the fixtures: one run per mode', { timeout: 300_000 }, async (t) => {
  const run = await testEdits([...['claim', 'refusal', 'clean', 'grammar', 'undeclared'].map(fixture), '--runs', '1', '--seed', '7']);
  t.diagnostic(run.stdout.split('\n').filter((l) => l.startsWith('[edits] [')).join('\n'));
  assert.equal(run.code, 1, run.all);

  await t.test('a claim that breaks at an allowed value is reported with the value, the cell and the message', () => {
    for (const mode of ['one edit', 'all at once']) {
      const block = new RegExp(
        `FAILED: claim, ${mode}: n = (\\d+)${mode === 'one edit' ? ' \\(default 2\\)' : ''}\\ncell 4: Error: the mean of 1\\.\\.(\\d+) is [\\d.]+, not below 1\\.6\\n` +
          'FAILED: test/fixtures/edits/claim\\.ipynb in cell 4 \\(id \\w+\\)\\n--- cell source ---\\n// a check written for the default only',
      );
      const m = block.exec(run.stderr);
      assert.ok(m, `${mode}:\n${run.stderr}`);
      assert.equal(m[1], m[2], 'the reported value is the one the lesson ran with');
      assert.notEqual(m[1], '2');
    }
    assert.match(run.stdout, /^claim\s+1\s+0 \/ 1\s+0 \/ 0 \/ 1\s/m, 'summary row');
  });

  await t.test('a refusal by the parameters cell: a failure for one edit, accepted for a combination', () => {
    assert.match(run.stderr, /FAILED: refusal, one edit: m = \d \(default 4\)\nthe parameters cell refused a single edit inside its allowed set: Error: m = \d is more than this lesson supports/);
    assert.match(run.stdout, /refusal {2}all at once {2}m = \d {2}refused by the parameters cell \(a combination: accepted\)/);
    assert.match(run.stdout, /^refusal\s+1\s+0 \/ 1\s+0 \/ 1 \/ 0\s/m);
  });

  await t.test('every kind of declaration rewritten to values inside its set runs clean', () => {
    assert.match(run.stdout, /clean {2}one edit {2}\w+ = \S+.* \(default .*\) {2}ok/);
    assert.match(run.stdout, /clean {2}all at once {2}count = \d+, offset = -\d, rate = [\d.e-]+, epsilon = [\d.e-]+, share = [\d.]+, activation = "\w+", reduction = "(mean|sum)", shuffle = (true|false), layers = \[[\d, ]+\], scales = \[[\d., ]+\] {2}ok/);
    assert.match(run.stdout, /^clean\s+10\s+1 \/ 0\s+1 \/ 0 \/ 0\s/m);
  });

  await t.test('grammar errors name the notebook, the line and the fault; a notebook without declarations is skipped', () => {
    assert.match(run.stdout, /INVALID {2}grammar/);
    assert.match(run.stdout, /grammar\.ipynb: parameters cell \(cell 2\), line 2: the parameter has no type annotation/);
    assert.match(run.stdout, /grammar\.ipynb: parameters cell \(cell 2\), line 4: n = 30 is outside its allowed set 1\.\.20/);
    assert.match(run.stdout, /grammar\.ipynb: parameters cell \(cell 2\), line 5: g = "elu" is not one of its allowed choices/);
    assert.doesNotMatch(run.stdout, /line 3:/, 'the good line is not reported');
    assert.match(run.stdout, /skipped {2}undeclared: it declares no parameters/);
    assert.match(run.stdout, /6 run\(s\): 2 ok, 1 refused combination\(s\), 3 failed; 1 notebook\(s\) with grammar errors; seed 7/);
    assert.deepEqual(fs.readdirSync(path.join(env.root, 'test-output', 'edits')).sort(), ['claim--all-1.ipynb', 'claim--one-1.ipynb', 'refusal--one-1.ipynb'], 'the failing runs are kept');
  });
});

test('npm run test:edits: nothing declared is not a failure; bad options exit 2 with one line', async () => {
  const none = await testEdits([fixture('undeclared'), '--seed', '1']);
  assert.equal(none.code, 0, none.all);
  assert.match(none.stdout, /no notebook declares parameters yet: nothing was run/);
  for (const [args, pattern] of [
    [['--runs', '0'], /--runs 0: must be between 1 and 1000/],
    [['--runs', 'many'], /--runs many: not a whole number/],
    [['--seed'], /--seed needs a seed/],
    [['--lessons', 'no-such-lesson'], /--lessons no-such-lesson: matches no lesson \(the lessons: 00-start-here, /],
    [['--frobnicate'], /unknown option --frobnicate/],
    [[path.join(fixtures, 'nope-*.ipynb')], /no notebook matches .*nope-\*\.ipynb/],
  ]) {
    const run = await testEdits(args);
    assert.equal(run.code, 2, run.all);
    assert.equal(run.stderr.trim().split('\n').length, 1, run.stderr);
    assert.match(run.stderr, pattern);
    assert.doesNotMatch(run.stderr, /^\s+at /m);
  }
});

test('the npm test check (one fixed point per lesson): a broken claim fails, refusals are retried then reported', { timeout: 300_000 }, async () => {
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bpl-harness-'));
  try {
    const [claim, refusal] = await fixedPointRuns([readLesson(fixture('claim')), readLesson(fixture('refusal'))], {
      seed: 1,
      attempts: 2,
      workDir,
      outDir: path.join(workDir, 'out'),
    });
    assert.equal(claim.ok, false);
    assert.match(claim.report, /^claim, all at once: n = (\d+)\ncell 4: Error: the mean of 1\.\.\1 is/);
    assert.match(claim.report, /--- cell source ---\n\/\/ a check written for the default only/);
    assert.equal(claim.tries, 1);
    assert.equal(refusal.ok, false);
    assert.equal(refusal.tries, 2, 'a refused combination is followed by the next seeded one');
    assert.match(refusal.report, /refusal: its parameters cell refused all 2 seeded combinations, so no other point ran:\n {2}m = \d\n {4}Error: m = \d is more/);
  } finally {
    fs.rmSync(workDir, { recursive: true, force: true });
  }
});

test('what counts as a refusal: an Error from the parameters cell whose message names a parameter', () => {
  const lesson = readLesson(fixture('refusal')); // parameters cell: cell 2 (index 1), parameter m
  const run = (index, message) => classify({ ok: false, failure: { index, id: 'x', source: '', message }, problems: [] }, lesson);
  const thrown = (line) => `evalmachine.<anonymous>:7\n    throw new Error(\`m = \${m} ...\`);\n    ^\n\n${line}\n    at evalmachine.<anonymous>:7:11`;
  assert.equal(run(1, thrown('Error: m = 7 is more than this lesson supports')).outcome, 'refused');
  assert.equal(run(1, thrown('RangeError: m = 7 is out of range')).outcome, 'refused');
  assert.equal(run(1, thrown('Error: too many examples')).outcome, 'failed', 'names no parameter (the source excerpt does not count)');
  assert.equal(run(1, thrown("TypeError: Cannot read properties of undefined (reading 'm')")).outcome, 'failed', 'a TypeError is a bug');
  assert.equal(run(1, "2:7 - Type 'number' is not assignable to type '4'.").outcome, 'failed', 'a type error is no refusal');
  assert.equal(run(2, thrown('Error: m = 7 is more than this lesson supports')).outcome, 'failed', 'thrown by a later cell');
  assert.equal(run(1, thrown('Error: mm = 7 is more')).outcome, 'failed', 'a name that only contains the parameter\'s');
});
