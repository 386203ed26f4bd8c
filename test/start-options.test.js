'use strict';
// The options `npm start` and `npm run lab` give each kind of Jupyter (scripts/lib/jupyter-app.js),
// then start.js end to end with stand-in `jupyter` commands on PATH that report Notebook 7 and
// a missing JupyterLab (neither can be installed here: PyPI only), recording what they are given.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawn } = require('node:child_process');
const env = require('../scripts/lib/env');
const app = require('../scripts/lib/jupyter-app');

const root = '/home/learner/backprop-lessons';

test('classic Notebook 6 (Debian): NotebookApp options, /tree/notebooks', () => {
  const { args, startPath, kind } = app.serverArgs({ app: 'notebook', major: 6, root, headless: true, asRoot: true, extra: ['--port=9000'] });
  assert.equal(kind, 'classic');
  assert.deepEqual(args, [
    'notebook',
    '--NotebookApp.ip=127.0.0.1',
    `--NotebookApp.notebook_dir=${root}`,
    '--NotebookApp.default_url=/tree/notebooks',
    '--NotebookApp.open_browser=False',
    '--NotebookApp.allow_root=True',
    '--port=9000',
  ]);
  assert.equal(startPath, '/tree/notebooks');
});

test('Notebook 7: a jupyter_server application, ServerApp options and JupyterNotebookApp.default_url', () => {
  const { args, kind } = app.serverArgs({ app: 'notebook', major: 7, root, headless: false, asRoot: false });
  assert.equal(kind, 'notebook7');
  assert.deepEqual(args, ['notebook', '--ServerApp.ip=127.0.0.1', `--ServerApp.root_dir=${root}`, '--JupyterNotebookApp.default_url=/tree/notebooks']);
  assert.ok(!args.some((a) => a.includes('NotebookApp.') && !a.includes('JupyterNotebookApp.')), 'no classic option');
});

test('JupyterLab 4 (and 3): ServerApp options, LabApp.default_url /lab/tree/notebooks; JupyterLab 2 ran on the classic server', () => {
  for (const major of [3, 4]) {
    const { args, startPath, kind } = app.serverArgs({ app: 'lab', major, root, headless: true, asRoot: true });
    assert.equal(kind, 'lab');
    assert.deepEqual(args, [
      'lab',
      '--ServerApp.ip=127.0.0.1',
      `--ServerApp.root_dir=${root}`,
      '--LabApp.default_url=/lab/tree/notebooks',
      '--ServerApp.open_browser=False',
      '--ServerApp.allow_root=True',
    ]);
    assert.equal(startPath, '/lab/tree/notebooks');
  }
  assert.equal(app.serverArgs({ app: 'lab', major: 2, root }).args[1], '--NotebookApp.ip=127.0.0.1');
});

test('versions are read from `jupyter APP --version`; a missing application is null', () => {
  assert.deepEqual(app.parseVersion('6.4.12\n'), [6, 4, 12]);
  assert.deepEqual(app.parseVersion('Selected Jupyter core packages...\nnotebook 7.2.2\n7.2.2'), [7, 2, 2]);
  assert.equal(app.parseVersion('no version'), null);
  const run = (status, stdout) => () => ({ status, stdout });
  assert.deepEqual(app.detectApp('jupyter', 'lab', { run: run(0, '4.2.5\n') }), { app: 'lab', version: '4.2.5', major: 4 });
  assert.equal(app.detectApp('jupyter', 'lab', { run: run(1, '') }), null);
  assert.equal(app.detectApp('jupyter', 'lab', { run: () => ({ error: new Error('ENOENT') }) }), null);
});

test('port 0 becomes a free port in every spelling; other ports and options are kept', async () => {
  const pick = async () => 41234;
  assert.deepEqual(await app.resolvePortZero(['--port', '0', '--debug'], pick), ['--port=41234', '--debug']);
  assert.deepEqual(await app.resolvePortZero(['--port=0'], pick), ['--port=41234']);
  assert.deepEqual(await app.resolvePortZero(['--ServerApp.port=0'], pick), ['--ServerApp.port=41234']);
  assert.deepEqual(await app.resolvePortZero(['--NotebookApp.port', '0'], pick), ['--NotebookApp.port=41234']);
  assert.deepEqual(await app.resolvePortZero(['--port', '9000', '--port-retries=0'], pick), ['--port', '9000', '--port-retries=0']);
  const port = await app.freePort();
  assert.ok(port > 0 && port < 65536);
});

test('the URL printed: the server\'s origin and base URL, the start page, the token; never port 0', () => {
  const token = 'f'.repeat(48);
  assert.equal(
    app.announcedUrl(`[I 10:02:53 NotebookApp] http://127.0.0.1:8888/?token=${token}`, '/tree/notebooks'),
    `http://127.0.0.1:8888/tree/notebooks?token=${token}`,
  );
  assert.equal(
    app.announcedUrl(`[I 2025-01-01 ServerApp]     http://127.0.0.1:8890/tree?token=${token}`, '/tree/notebooks'),
    `http://127.0.0.1:8890/tree/notebooks?token=${token}`,
  );
  assert.equal(
    app.announcedUrl(`[I ServerApp] http://127.0.0.1:8891/hub/user/x/lab?token=${token}`, '/lab/tree/notebooks'),
    `http://127.0.0.1:8891/hub/user/x/lab/tree/notebooks?token=${token}`,
  );
  assert.equal(app.announcedUrl(`http://127.0.0.1:0/?token=${token}`, '/tree/notebooks'), null);
  assert.equal(app.announcedUrl('[I NotebookApp] Serving notebooks from local directory: /x', '/tree/notebooks'), null);
});

/** A folder with a stand-in `jupyter` that reports `versions` and records the server's arguments. */
function standIn(versions) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bpl-jupyter-'));
  const log = path.join(dir, 'args.json');
  const script = `#!${process.execPath}
const fs = require('fs');
const [app, ...rest] = process.argv.slice(2);
const versions = ${JSON.stringify(versions)};
if (rest[0] === '--version') {
  if (!versions[app]) { console.error('Jupyter command \`jupyter-' + app + '\` not found.'); process.exit(1); }
  console.log(versions[app]);
  process.exit(0);
}
fs.writeFileSync(${JSON.stringify(log)}, JSON.stringify({ app, args: rest, JUPYTER_PATH: process.env.JUPYTER_PATH }));
const port = (rest.find((a) => /^--port=/.test(a)) || '--port=8888').split('=')[1];
console.error('[I ServerApp] Jupyter Server is running at:');
console.error('[I ServerApp] http://127.0.0.1:' + port + '/' + (app === 'lab' ? 'lab' : 'tree') + '?token=' + 'a'.repeat(48));
setInterval(() => {}, 1000);
process.on('SIGINT', () => process.exit(0));
process.on('SIGTERM', () => process.exit(0));
`;
  fs.writeFileSync(path.join(dir, 'jupyter'), script, { mode: 0o755 });
  return { dir, log };
}

/** Run start.js with the stand-in first on PATH until it prints the URL or exits. */
function runStart(args, dir) {
  const child = spawn(process.execPath, [path.join(env.root, 'scripts', 'start.js'), ...args], {
    cwd: env.root,
    env: { ...process.env, PATH: `${dir}${path.delimiter}${process.env.PATH}`, CI: 'true' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  return new Promise((resolve) => {
    let url = null;
    const timer = setInterval(() => {
      const m = /The lessons are at:\s+(http:\/\/\S+)/.exec(output);
      if (m) {
        clearInterval(timer);
        url = m[1];
        child.kill('SIGINT');
      }
    }, 50);
    child.on('exit', (code) => {
      clearInterval(timer);
      resolve(url ? { url, output } : { code, output });
    });
  });
}

test('start.js with Notebook 7 on PATH: ServerApp options, the kernel on JUPYTER_PATH, the real URL for --port 0', { timeout: 60_000 }, async () => {
  const { dir, log } = standIn({ notebook: '7.2.2' });
  const run = await runStart(['--port', '0'], dir);
  assert.ok(run.url, run.output);
  const seen = JSON.parse(fs.readFileSync(log, 'utf8'));
  assert.equal(seen.app, 'notebook');
  assert.ok(seen.args.includes(`--ServerApp.root_dir=${env.root}`), seen.args.join(' '));
  assert.ok(seen.args.includes('--JupyterNotebookApp.default_url=/tree/notebooks'));
  assert.ok(!seen.args.some((a) => a.startsWith('--NotebookApp.')), seen.args.join(' '));
  assert.equal(seen.JUPYTER_PATH.split(path.delimiter)[0], env.jupyterDataDir);
  const port = Number(/^--port=(\d+)$/.exec(seen.args.find((a) => a.startsWith('--port=')))[1]);
  assert.ok(port > 0);
  assert.equal(run.url, `http://127.0.0.1:${port}/tree/notebooks?token=${'a'.repeat(48)}`);
  assert.match(run.output, /Jupyter Notebook 7\.2\.2/);
});

test('npm run lab: JupyterLab when installed, a clear message when it is not', { timeout: 60_000 }, async () => {
  const withLab = standIn({ notebook: '7.2.2', lab: '4.2.5' });
  const run = await runStart(['--lab'], withLab.dir);
  assert.equal(run.url, `http://127.0.0.1:8888/lab/tree/notebooks?token=${'a'.repeat(48)}`);
  assert.ok(JSON.parse(fs.readFileSync(withLab.log, 'utf8')).args.includes('--LabApp.default_url=/lab/tree/notebooks'));
  const without = standIn({ notebook: '6.4.12' });
  const missing = await runStart(['--lab'], without.dir);
  assert.equal(missing.code, 1);
  assert.match(missing.output, /JupyterLab is not installed here \(`jupyter lab --version` failed\)\. Install it with `pip install jupyterlab` or `conda install -c conda-forge jupyterlab`/);
  assert.ok(!fs.existsSync(without.log), 'no server started');
});
