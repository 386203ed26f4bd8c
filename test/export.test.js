'use strict';
// `npm run export` end to end on small notebooks for the project's kernel: a clean export, then
// a broken notebook (non-zero exit, the failing cell and the kernel's message printed, the other
// notebooks still exported, the previous good page left in place byte for byte, no temporary
// files left), then a subset given as a pattern with --out.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawn, spawnSync } = require('node:child_process');
const env = require('../scripts/lib/env');
const { writeSourceNotebook } = require('./helpers/site-fixtures');

const exportScript = path.join(env.root, 'scripts', 'export.js');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bpl-export-test-'));
const src = path.join(dir, 'notebooks');
test.after(() => fs.rmSync(dir, { recursive: true, force: true }));

function runExport(args, options = {}) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [exportScript, ...args], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'], ...options });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr, all: stdout + stderr }));
  });
}

const md = (source) => ({ cell_type: 'markdown', source });
const alpha = [md('# Alpha\n\nThe cost $J$ averages the loss.'), '// the number of examples\nconst m = 4;\nm * 2'];
const betaGood = [md('# Beta\n\nA second lesson.\n\n$$\\frac{1}{m}$$'), '// fine\n"beta ok"'];
const betaBroken = [md('# Beta\n\nA second lesson.'), '// fine\nconst ready = 1;', '// broken on purpose\nthrow new Error("dW has shape (3, 4), expected (4, 3)");'];
const gammaBroken = [md('# Gamma\n\nNever exported.'), '// a type error on purpose\nconst rate: number = "fast";'];

const files = (out) => (fs.existsSync(out) ? fs.readdirSync(out).sort() : []);

test('npm run export', async (t) => {
  const out = path.join(dir, 'site');
  writeSourceNotebook(path.join(src, '01-alpha.ipynb'), alpha);
  writeSourceNotebook(path.join(src, '02-beta.ipynb'), betaGood);

  let first;
  await t.test('exports the given notebooks with --out: pages, executed notebooks, index, assets, a summary', async () => {
    first = await runExport([path.join(src, '01-alpha.ipynb'), path.join(src, '02-beta.ipynb'), '--out', out]);
    assert.equal(first.code, 0, first.all);
    assert.deepEqual(files(out), ['01-alpha.html', '01-alpha.ipynb', '02-beta.html', '02-beta.ipynb', 'assets', 'index.html']);
    const executed = JSON.parse(fs.readFileSync(path.join(out, '01-alpha.ipynb'), 'utf8'));
    assert.match(executed.cells[1].outputs.map((o) => o.text).join(''), /8/, 'the notebook next to the page is the executed one');
    const index = fs.readFileSync(path.join(out, 'index.html'), 'utf8');
    assert.match(index, /href="01-alpha.html"[\s\S]*href="02-beta.html"/);
    assert.match(index, /The cost \$J\$ averages the loss\./);
    assert.match(first.stdout, /running {2}01-alpha/);
    assert.match(first.stdout, /done {5}02-beta in \d+\.\d s/);
    assert.match(first.stdout, /notebook\s+result\s+run\s+cells\s+charts\s+page/);
    assert.match(first.stdout, /2 of 2 notebook\(s\) exported, 0 failed; .*total \d/);
  });

  await t.test('a failing notebook: exit 1, its cell and message printed, others exported, its good page kept', async () => {
    const betaHtml = fs.readFileSync(path.join(out, '02-beta.html'));
    const betaIpynb = fs.readFileSync(path.join(out, '02-beta.ipynb'));
    const alphaBefore = fs.statSync(path.join(out, '01-alpha.html')).mtimeMs;
    writeSourceNotebook(path.join(src, '02-beta.ipynb'), betaBroken);
    writeSourceNotebook(path.join(src, '03-gamma.ipynb'), gammaBroken);
    await new Promise((r) => setTimeout(r, 20));
    const run = await runExport([path.join(src, '01-alpha.ipynb'), path.join(src, '02-beta.ipynb'), path.join(src, '03-gamma.ipynb'), '--out', out]);
    assert.equal(run.code, 1, run.all);
    assert.match(run.stderr, /FAILED: .*02-beta\.ipynb in cell 3/);
    assert.match(run.stderr, /broken on purpose/);
    assert.match(run.stderr, /dW has shape \(3, 4\), expected \(4, 3\)/);
    assert.match(run.stderr, /FAILED: .*03-gamma\.ipynb in cell 2[\s\S]*Type 'string' is not assignable to type 'number'/);
    assert.match(run.stdout, /02-beta\s+FAILED \(cell 3\)\s.*previous page kept/);
    assert.match(run.stdout, /03-gamma\s+FAILED \(cell 2\)\s.*none/);
    assert.match(run.stdout, /1 of 3 notebook\(s\) exported, 2 failed/);
    assert.ok(fs.readFileSync(path.join(out, '02-beta.html')).equals(betaHtml), 'the good page of 02-beta is untouched');
    assert.ok(fs.readFileSync(path.join(out, '02-beta.ipynb')).equals(betaIpynb), 'the good notebook of 02-beta is untouched');
    assert.ok(fs.statSync(path.join(out, '01-alpha.html')).mtimeMs > alphaBefore, '01-alpha was exported again');
    assert.ok(!fs.existsSync(path.join(out, '03-gamma.html')), 'no page for a notebook that never ran clean');
    assert.deepEqual(files(out).filter((f) => f.includes('.tmp')), [], 'no temporary files left');
    const index = fs.readFileSync(path.join(out, 'index.html'), 'utf8');
    assert.match(index, /href="02-beta.html"/, 'the kept page stays linked');
    assert.match(index, /Gamma<\/span> <span class="bpl-failed">/, 'the lesson without a page is listed as failed');
  });

  await t.test('a subset by pattern (as the shell leaves an unmatched glob) into another --out', async () => {
    const other = path.join(dir, 'elsewhere', 'site');
    const run = await runExport([path.join(src, '01-*.ipynb'), '--out', other]);
    assert.equal(run.code, 0, run.all);
    assert.deepEqual(files(other), ['01-alpha.html', '01-alpha.ipynb', 'assets', 'index.html']);
    assert.match(run.stdout, /1 notebook\(s\) -> /);
  });
});

/** Whether user nobody can read `file` (every folder above it searchable), tried in a child process. */
function readableByNobody(file) {
  const probe = spawnSync(process.execPath, ['-e', `require('fs').accessSync(${JSON.stringify(file)}, require('fs').constants.R_OK)`], {
    uid: 65534,
    gid: 65534,
  });
  return probe.status === 0;
}

// A bad command line ends at once, before any kernel starts: exit 2, ONE line naming the option
// and what is wrong, no stack trace, no notebook run (no "running" line).
test('npm run export refuses bad options before running anything', async (t) => {
  const notebook = writeSourceNotebook(path.join(src, '05-quick.ipynb'), [md('# Quick'), '// one cell\n1 + 1']);
  const refused = async (args, pattern) => {
    const run = await runExport(args);
    assert.equal(run.code, 2, run.all);
    assert.doesNotMatch(run.stdout, /running/, 'no notebook runs');
    const lines = run.stderr.trim().split('\n');
    assert.equal(lines.length, 1, `one line, got:\n${run.stderr}`);
    assert.match(lines[0], pattern);
    assert.doesNotMatch(run.stderr, /^\s+at /m, 'no stack trace');
    return run;
  };
  const file = path.join(dir, 'a-file.txt');
  fs.writeFileSync(file, 'not a folder\n');
  await t.test('--out under /proc or /sys', { timeout: 60_000 }, async () => {
    await refused([notebook, '--out', '/proc/x'], /--out \/proc\/x: .*\/proc/);
    await refused([notebook, '--out', '/sys/kernel/bpl-site'], /--out \/sys\/kernel\/bpl-site: .*\/sys/);
    assert.ok(!fs.existsSync('/sys/kernel/bpl-site'));
  });
  await t.test('--out naming an existing file, or a folder inside a file', { timeout: 60_000 }, async () => {
    await refused([notebook, '--out', file], /--out .*a-file\.txt: .*is a file/);
    await refused([notebook, `--out=${path.join(file, 'site')}`], /--out .*a-file\.txt\/site: .*a-file\.txt is a file/);
    assert.equal(fs.readFileSync(file, 'utf8'), 'not a folder\n');
  });
  await t.test('--out the notebooks\' own folder (the executed notebooks would overwrite them)', { timeout: 60_000 }, async () => {
    await refused([notebook, '--out', src], /--out .*notebooks: .*overwrite/);
  });
  await t.test('--out a folder this user cannot write to', { timeout: 60_000 }, async (t2) => {
    // As root every folder is writable: run the export as nobody instead.
    const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
    if (asRoot && !readableByNobody(exportScript)) {
      // A checkout inside a private folder (mktemp -d is 0700) cannot be run by nobody at all.
      t2.skip(`the checkout at ${env.root} is not readable by user nobody, so the export cannot run as a user without write access`);
      return;
    }
    const locked = fs.mkdtempSync(path.join(os.tmpdir(), 'bpl-locked-'));
    const readable = writeSourceNotebook(path.join(locked, 'nb', '05-quick.ipynb'), [md('# Quick'), '// one cell\n1 + 1']);
    for (const d of [locked, path.dirname(readable)]) fs.chmodSync(d, 0o755);
    fs.chmodSync(readable, 0o644);
    if (!asRoot) fs.chmodSync(locked, 0o555);
    const as = asRoot ? { uid: 65534, gid: 65534 } : {};
    const run = await runExport([readable, '--out', path.join(locked, 'site')], { cwd: locked, ...as });
    assert.equal(run.code, 2, run.all);
    assert.match(run.stderr.trim(), /^\[export\] --out .*bpl-locked-\w+\/site: [^\n]*(permission|writ)/i);
    assert.equal(run.stderr.trim().split('\n').length, 1, run.stderr);
    assert.doesNotMatch(run.stdout, /running/);
    fs.chmodSync(locked, 0o755);
    fs.rmSync(locked, { recursive: true, force: true });
    t2.diagnostic(run.stderr.trim());
  });
  await t.test('--out without a folder, an unknown option, a pattern or path matching no notebook', async () => {
    await refused([notebook, '--out'], /--out needs a folder/);
    await refused([notebook, '--frobnicate'], /unknown option --frobnicate/);
    await refused([notebook, '--check=yes'], /--check takes no value/);
    await refused([path.join(src, '09-*.ipynb')], /no notebook matches .*09-\*\.ipynb/);
    await refused([path.join(src, 'missing.ipynb')], /no such notebook: .*missing\.ipynb/);
    await refused([file], /not a notebook \(\.ipynb\): .*a-file\.txt/);
  });
  await t.test('--help', async () => {
    const help = await runExport(['--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /usage: npm run export/);
  });
});
