'use strict';
// Binder (repo2docker) and the JupyterHub image, replayed without Docker: a fresh clone of the
// committed repository, a fresh HOME, an unprivileged user (nobody, when the tests run as root),
// a PATH with only Node and the system's tools, no JUPYTER_PATH. binder/postBuild must build the
// pack there (no apt, no root); a lesson must then run under binder/start, and must NOT run
// without it (the kernel is found only through start's JUPYTER_PATH). Last, start's learner
// copy (BACKPROP_LESSONS_WORKDIR, as the JupyterHub image sets it). npm downloads every package
// into the fresh HOME's cache, as repo2docker does: this takes a minute or more and needs the
// npm registry, so `npm test` skips it; `npm run test:binder` runs it (BPL_BINDER_REPLAY=1).
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const env = require('../scripts/lib/env');

const NOBODY = 65534;
const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const enabled = process.env.BPL_BINDER_REPLAY === '1';
const work = enabled ? fs.mkdtempSync(path.join(os.tmpdir(), 'bpl-binder-')) : os.tmpdir();
const clone = path.join(work, 'backprop-lessons');
const home = path.join(work, 'home');
const lesson = 'notebooks/07-gradient-checking.ipynb'; // reads test/fixtures/ (publishedCase), draws charts

/** Run a command in the clone as the build user would: fresh HOME, bare PATH, no JUPYTER_PATH. */
function run(command, args, extraEnv = {}) {
  const bare = { PATH: `${path.dirname(process.execPath)}:/usr/bin:/bin`, HOME: home, LANG: 'C.UTF-8', ...extraEnv };
  const argv = asRoot ? ['--reuid', String(NOBODY), '--regid', String(NOBODY), '--clear-groups', 'env', '-i', ...Object.entries(bare).map(([k, v]) => `${k}=${v}`), command, ...args] : null;
  const result = asRoot
    ? spawnSync('setpriv', argv, { cwd: clone, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
    : spawnSync(command, args, { cwd: clone, encoding: 'utf8', env: bare, maxBuffer: 64 * 1024 * 1024 });
  return { code: result.status, stdout: result.stdout, out: `${result.stdout}${result.stderr}`, error: result.error };
}

test('the files repo2docker reads: conda-forge nodejs and plotly; postBuild and start executable, no apt, no sudo; the README badge', () => {
  const binder = path.join(env.root, 'binder');
  const environment = fs.readFileSync(path.join(binder, 'environment.yml'), 'utf8');
  assert.match(environment, /^channels:\n\s+- conda-forge$/m);
  assert.match(environment, /^\s+- nodejs >=20\.19/m, 'Node as package.json engines asks');
  assert.match(environment, /^\s+- plotly$/m);
  for (const name of ['postBuild', 'start']) {
    const file = path.join(binder, name);
    assert.ok(fs.statSync(file).mode & 0o111, `${name} is executable`);
    assert.doesNotMatch(fs.readFileSync(file, 'utf8').replace(/^\s*#.*$/gm, ''), /\b(apt|apt-get|sudo|su)\b/, `${name} needs no root`);
  }
  assert.match(fs.readFileSync(path.join(binder, 'start'), 'utf8'), /\nexec "\$@"\n$/, 'start ends with exec "$@"');
  const postBuild = fs.readFileSync(path.join(binder, 'postBuild'), 'utf8');
  assert.match(postBuild, /^npm ci --no-audit --no-fund$/m);
  assert.match(postBuild, /^npm run build$/m);
  assert.match(fs.readFileSync(path.join(env.root, 'Dockerfile'), 'utf8'), /\nRUN "\$PACK\/binder\/postBuild"\n/, 'the Dockerfile runs the same postBuild');
  const readme = fs.readFileSync(path.join(env.root, 'README.md'), 'utf8');
  assert.match(readme, /\[!\[Launch on Binder\]\(https:\/\/mybinder\.org\/badge_logo\.svg\)\]\(https:\/\/mybinder\.org\/v2\/gh\/[\w.-]+\/backprop-lessons\/HEAD\?urlpath=lab\/tree\/notebooks\/00-start-here\.ipynb\)/);
});

const skip = !enabled && 'a fresh clone, a full npm download and a build (a minute or more): run `npm run test:binder`';
test('binder/: postBuild builds a fresh clone without root, and a lesson runs under start', { timeout: 900_000, skip }, async (t) => {
  const cloned = spawnSync('git', ['clone', '--quiet', '--no-hardlinks', env.root, clone], { encoding: 'utf8' });
  assert.equal(cloned.status, 0, cloned.stderr);
  fs.mkdirSync(home);
  if (asRoot) spawnSync('chown', ['-R', `${NOBODY}:${NOBODY}`, work]);

  const started = Date.now();
  const build = run('bash', ['binder/postBuild']);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`# binder/postBuild in a fresh clone and HOME${asRoot ? ' as nobody' : ''}: ${seconds} s`);

  await t.test('postBuild: npm ci, dist/ built, test tools pruned, the package linked to itself', () => {
    assert.equal(build.code, 0, build.out);
    assert.ok(fs.existsSync(path.join(clone, 'dist', 'index.js')), 'dist/ built');
    assert.equal(fs.realpathSync(path.join(clone, 'node_modules', 'backprop-lessons')), fs.realpathSync(clone));
    assert.ok(fs.existsSync(path.join(clone, 'node_modules', 'plotly.js-dist-min', 'plotly.min.js')), 'the charts\' plotly.js');
    assert.ok(!fs.existsSync(path.join(clone, 'node_modules', 'playwright-core')), 'dev dependencies pruned');
  });

  const out = path.join(work, 'out');
  fs.mkdirSync(out);
  if (asRoot) spawnSync('chown', [`${NOBODY}:${NOBODY}`, out]);
  const runner = (file) => ['scripts/lib/execute_notebook.py', lesson, path.join(out, file), env.kernelName, '300', clone];

  await t.test('without start, Jupyter does not find the project\'s kernel', () => {
    const r = run(env.jupyterPython(), runner('without.ipynb'));
    assert.match(r.out, /No such kernel named backprop-lessons/);
  });

  await t.test(`under start, ${path.basename(lesson)} runs top to bottom in a fresh kernel`, () => {
    const r = run('bash', ['binder/start', env.jupyterPython(), ...runner('with.ipynb')]);
    const report = JSON.parse(r.stdout.trim().split('\n').pop()); // the runner's report: its last line on stdout
    assert.ok(report.ok, r.out);
    const executed = JSON.parse(fs.readFileSync(path.join(out, 'with.ipynb'), 'utf8'));
    const charts = executed.cells.flatMap((c) => c.outputs || []).filter((o) => o.data && o.data['application/vnd.plotly.v1+json']);
    assert.ok(charts.length >= 2, `${charts.length} charts`);
  });

  await t.test('start with BACKPROP_LESSONS_WORKDIR: the learner\'s copy, never overwriting their edits, node_modules linked, served from there', () => {
    const workdir = path.join(home, 'backprop-lessons');
    const probe = ['-c', 'pwd; echo "JUPYTER_PATH=$JUPYTER_PATH"'];
    const first = run('bash', ['binder/start', 'bash', ...probe], { BACKPROP_LESSONS_WORKDIR: workdir });
    assert.equal(first.code, 0, first.out);
    assert.deepEqual(first.out.trim().split('\n'), [workdir, `JUPYTER_PATH=${path.join(clone, 'jupyter')}`]);
    const lessons = fs.readdirSync(path.join(clone, 'notebooks')).filter((f) => f.endsWith('.ipynb')).sort();
    assert.deepEqual(fs.readdirSync(path.join(workdir, 'notebooks')).sort(), lessons);
    assert.equal(fs.realpathSync(path.join(workdir, 'node_modules')), fs.realpathSync(path.join(clone, 'node_modules')));
    fs.writeFileSync(path.join(workdir, 'notebooks', lessons[0]), '{"edited": "by the learner"}');
    fs.rmSync(path.join(workdir, 'notebooks', lessons[1]));
    const again = run('bash', ['binder/start', 'true'], { BACKPROP_LESSONS_WORKDIR: workdir });
    assert.equal(again.code, 0, again.out);
    assert.equal(fs.readFileSync(path.join(workdir, 'notebooks', lessons[0]), 'utf8'), '{"edited": "by the learner"}');
    assert.ok(fs.existsSync(path.join(workdir, 'notebooks', lessons[1])), 'a missing lesson is copied again');
  });

  fs.rmSync(work, { recursive: true, force: true });
});
