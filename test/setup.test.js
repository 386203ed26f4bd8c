'use strict';
// The set-up refuses to report "ready" when the kernel cannot start because tslab's native
// dependency zeromq is missing or does not load, and says how to repair it. Each case runs the
// real scripts/setup.js in a throw-away copy of the repository's skeleton whose node_modules
// links to the real packages, except tslab (a copy of its package.json, so that zeromq is
// looked up next to it) and zeromq (absent, broken, or the real one).
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const env = require('../scripts/lib/env');

const realModules = path.join(env.root, 'node_modules');

function skeleton(zeromq) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'bpl-setup-test-'));
  const copy = (relative) => {
    fs.mkdirSync(path.dirname(path.join(root, relative)), { recursive: true });
    fs.copyFileSync(path.join(env.root, relative), path.join(root, relative));
  };
  for (const f of ['package.json', 'tsconfig.json', 'scripts/setup.js', 'scripts/lib/env.js', 'jupyter/kernels/backprop-lessons/launch.sh']) copy(f);
  fs.mkdirSync(path.join(root, 'src'));
  fs.mkdirSync(path.join(root, 'dist'));
  fs.writeFileSync(path.join(root, 'dist', 'index.js'), '');
  const past = new Date(Date.now() - 3600_000);
  for (const f of ['package.json', 'tsconfig.json']) fs.utimesSync(path.join(root, f), past, past);
  fs.writeFileSync(path.join(root, 'dist', '.build-stamp'), 'built\n'); // newer than the sources: no build

  const modules = path.join(root, 'node_modules');
  const pkg = JSON.parse(fs.readFileSync(path.join(env.root, 'package.json'), 'utf8'));
  for (const name of Object.keys({ ...pkg.dependencies, ...pkg.devDependencies })) {
    fs.mkdirSync(path.dirname(path.join(modules, name)), { recursive: true });
    if (name === 'tslab') {
      fs.mkdirSync(path.join(modules, 'tslab'));
      fs.copyFileSync(path.join(realModules, 'tslab', 'package.json'), path.join(modules, 'tslab', 'package.json'));
    } else fs.symlinkSync(path.join(realModules, name), path.join(modules, name));
  }
  if (zeromq === 'real') fs.symlinkSync(path.join(realModules, 'zeromq'), path.join(modules, 'zeromq'));
  if (zeromq === 'broken') {
    // zeromq's JavaScript without its prebuilt native addons (build/)
    fs.cpSync(path.join(realModules, 'zeromq', 'lib'), path.join(modules, 'zeromq', 'lib'), { recursive: true });
    fs.copyFileSync(path.join(realModules, 'zeromq', 'package.json'), path.join(modules, 'zeromq', 'package.json'));
    fs.symlinkSync(path.join(realModules, 'cmake-ts'), path.join(modules, 'cmake-ts'));
  }
  return root;
}

function setup(root, args = []) {
  const result = spawnSync(process.execPath, [path.join(root, 'scripts', 'setup.js'), ...args], { cwd: root, encoding: 'utf8' });
  fs.rmSync(root, { recursive: true, force: true });
  return { code: result.status, out: `${result.stdout}${result.stderr}`, stderr: result.stderr };
}

test('zeromq missing from node_modules: the set-up fails and says to run npm ci', () => {
  const run = setup(skeleton('missing'));
  assert.equal(run.code, 1, run.out);
  assert.match(run.stderr, /\[setup\] error: the kernel cannot start: tslab's native dependency zeromq is missing from node_modules/);
  assert.match(run.stderr, /Repair it with `npm ci` in /);
  assert.doesNotMatch(run.stderr, /^\s+at /m, 'no stack trace');
});

test('zeromq without its native addon: the set-up fails, names the cause and says to rebuild it', () => {
  const run = setup(skeleton('broken'));
  assert.equal(run.code, 1, run.out);
  assert.match(run.stderr, /zeromq does not load \(.*(native|addon|build).*\)/i);
  assert.match(run.stderr, /Repair it with `npm rebuild zeromq` \(or a clean `npm ci`\)/);
  assert.doesNotMatch(run.stderr, /^\s+at /m, 'no stack trace');
  assert.equal(run.stderr.trim().split('\n').length, 1, run.stderr);
});

test('zeromq that loads: the set-up passes; --no-jupyter (the bench) does not need it', () => {
  const ok = setup(skeleton('real'));
  assert.equal(ok.code, 0, ok.out);
  const bench = setup(skeleton('missing'), ['--no-jupyter']);
  assert.equal(bench.code, 0, bench.out);
});
