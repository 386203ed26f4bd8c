'use strict';
// An interrupted `npm run export` (SIGTERM, or Ctrl+C: SIGINT to the whole process group)
// stops its kernels and every other process it started, removes its temporary files (the run's
// TMPDIR is left empty: executed notebooks, kernel connection files), and leaves the site as it
// was (or, past the last moment, complete): never new notebooks beside old pages.
const test = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawn } = require('node:child_process');
const env = require('../scripts/lib/env');
const { writeSourceNotebook, writeExecutedLessons } = require('./helpers/site-fixtures');
const { buildSite } = require('../scripts/lib/site');
const { descendants, survivors, processTable } = require('./helpers/processes');

const exportScript = path.join(env.root, 'scripts', 'export.js');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bpl-interrupt-test-'));
const src = path.join(dir, 'notebooks');
const tmp = path.join(dir, 'tmp');
const site = path.join(dir, 'site');
fs.mkdirSync(tmp);
test.after(() => fs.rmSync(dir, { recursive: true, force: true }));

const md = (source) => ({ cell_type: 'markdown', source });
const sleeping = '// waits long enough to be interrupted\nawait new Promise((r) => setTimeout(r, 120000));';

/**
 * Start an export; `until(output)` says when to send `signal` (to the process, or with
 * `group` to its whole process group as a terminal's Ctrl+C does). Every process seen below
 * the export while it ran is collected, to check that none survives it.
 */
function interruptedExport(args, { until, signal, group = false }) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [exportScript, ...args], {
      cwd: dir,
      env: { ...process.env, TMPDIR: tmp },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: group,
    });
    let stdout = '';
    let stderr = '';
    const seen = new Map();
    let sent = false;
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setInterval(() => {
      const below = descendants(child.pid);
      for (const p of below) seen.set(`${p.pid} ${p.args}`, p);
      if (!sent && until({ stdout, stderr, below })) {
        sent = true;
        process.kill(group ? -child.pid : child.pid, signal);
      }
    }, 100);
    const deadline = setTimeout(() => {
      clearInterval(timer);
      child.kill('SIGKILL');
      reject(new Error(`the export never reached the point to interrupt:\n${stdout}${stderr}`));
    }, 90_000);
    child.on('close', (code, killedBy) => {
      clearInterval(timer);
      clearTimeout(deadline);
      resolve({ code, killedBy, sent, stdout, stderr, all: stdout + stderr, seen: [...seen.values()] });
    });
  });
}

/** Every file below `root`, as relative path -> sha1 of its bytes. */
function snapshot(root) {
  const files = {};
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) walk(full);
      else files[path.relative(root, full)] = crypto.createHash('sha1').update(fs.readFileSync(full)).digest('hex');
    }
  };
  if (fs.existsSync(root)) walk(root);
  return files;
}

function assertCleanEnd(run, signal) {
  assert.ok(run.sent, 'the signal was sent');
  assert.equal(run.code, signal === 'SIGINT' ? 130 : 143, `exit status 128 + signal number\n${run.all}`);
  assert.match(run.stderr, new RegExp(`interrupted \\(${signal}\\)`));
  assert.deepEqual(survivors(run.seen).map((p) => p.args), [], 'no process the export started outlives it');
  const mentioning = processTable().filter((p) => p.args.includes(dir));
  assert.deepEqual(mentioning.map((p) => p.args), [], 'no process still refers to the test folder');
  assert.deepEqual(fs.readdirSync(tmp), [], 'the temporary folder and the kernel connection files are gone');
}

test('an interrupted export', { timeout: 400_000 }, async (t) => {
  const alpha = path.join(src, '01-alpha.ipynb');
  const beta = path.join(src, '02-beta.ipynb');
  // The site as an earlier export left it, built from executed fixtures (no kernel needed).
  const executed = writeExecutedLessons(path.join(dir, 'executed'), [
    { name: '01-alpha', title: 'Alpha' },
    { name: '02-beta', title: 'Beta' },
  ]);
  const built = await buildSite({ outDir: site, lessons: executed.map((file) => ({ name: path.basename(file, '.ipynb'), executed: file })) });
  assert.ok(built.pages.every((p) => p.ok));
  const before = snapshot(site);
  assert.ok(Object.keys(before).includes('02-beta.html'));

  await t.test('SIGTERM while a kernel runs: kernels stopped, temporary files removed, site as it was', async () => {
    writeSourceNotebook(alpha, [md('# Alpha\n\nFirst.'), '// version\n"alpha version 2"']);
    writeSourceNotebook(beta, [md('# Beta\n\nSecond.'), sleeping]);
    const run = await interruptedExport([alpha, beta, '--out', site], {
      // 01-alpha has finished (its new executed notebook exists) while 02-beta's kernel sleeps
      until: ({ stdout, below }) => /done {5}01-alpha/.test(stdout) && below.some((p) => /tslab/.test(p.args)),
      signal: 'SIGTERM',
    });
    assert.ok(run.seen.some((p) => /tslab/.test(p.args)), 'a kernel was running');
    assertCleanEnd(run, 'SIGTERM');
    assert.deepEqual(snapshot(site), before, 'the site is exactly as it was');
  });

  await t.test('Ctrl+C (SIGINT to the process group) into a new --out: the new folder is not left behind', async () => {
    const fresh = path.join(dir, 'new', 'site');
    const run = await interruptedExport([alpha, beta, '--out', fresh], {
      until: ({ below }) => below.some((p) => /tslab/.test(p.args)),
      signal: 'SIGINT',
      group: true,
    });
    assertCleanEnd(run, 'SIGINT');
    assert.ok(!fs.existsSync(path.join(dir, 'new')), 'the folders the export created are removed');
  });

  await t.test('SIGTERM while the pages render: the site as it was, or complete', async () => {
    writeSourceNotebook(beta, [md('# Beta\n\nSecond.'), '// version\n"beta version 3"']);
    const run = await interruptedExport([alpha, beta, '--out', site], {
      until: ({ stdout }) => /\[export\] rendering/.test(stdout),
      signal: 'SIGTERM',
    });
    assertCleanEnd(run, 'SIGTERM');
    const after = snapshot(site);
    if (JSON.stringify(after) !== JSON.stringify(before)) {
      // The signal came after the site was swapped in: then every page and notebook is new.
      for (const name of ['01-alpha', '02-beta']) {
        for (const ext of ['.html', '.ipynb']) assert.notEqual(after[name + ext], before[name + ext], `${name}${ext} is new`);
      }
      t.diagnostic('the signal arrived after the swap: the site is complete');
    } else {
      t.diagnostic('the signal arrived before the swap: the site is as it was');
    }
    assert.deepEqual(Object.keys(after).sort(), Object.keys(before).sort(), 'the same files, no staging folder left');
  });
});
