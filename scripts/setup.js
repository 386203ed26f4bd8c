#!/usr/bin/env node
'use strict';
// Idempotent set-up, run before `npm start`, `npm test`, `npm run export` and `npm run bench`.
//   1. npm dependencies, when any is missing;
//   2. node_modules/backprop-lessons -> the repository, so lessons `import ... from "backprop-lessons"`;
//   3. `tsc` build of src/ into dist/, when a source is newer than the last build;
//   4. Jupyter (notebook, nbconvert, nbclient) from Debian packages when absent;
//   5. with --browser, Debian's Chromium (for the browser tests); with --numpy, python3-numpy (bench);
//   6. unless --no-jupyter, a check that the kernel's native dependency (zeromq) loads.
// With --link-only it does step 2 alone (run by `prepare` after every `npm install`).
// The project's kernel spec lives in jupyter/kernels/backprop-lessons and is found through
// JUPYTER_PATH, which every project script sets: the user's own kernels are never touched.
// When everything is present this takes a few tens of milliseconds.
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const env = require('./lib/env');

const args = new Set(process.argv.slice(2));
const wantJupyter = !args.has('--no-jupyter');
const wantBrowser = args.has('--browser');
const wantNumpy = args.has('--numpy');
const started = Date.now();

function log(message) {
  console.log(`[setup] ${message}`);
}

function fail(message) {
  console.error(`[setup] error: ${message}`);
  process.exit(1);
}

function run(command, commandArgs, options = {}) {
  const result = spawnSync(command, commandArgs, { stdio: 'inherit', cwd: env.root, ...options });
  if (result.error) fail(`could not run ${command}: ${result.error.message}`);
  return result.status === 0;
}

// 1. npm dependencies -------------------------------------------------------------------------
const pkg = JSON.parse(fs.readFileSync(path.join(env.root, 'package.json'), 'utf8'));
const declared = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies });
const missing = declared.filter(
  (name) => !fs.existsSync(path.join(env.root, 'node_modules', name, 'package.json')),
);
if (missing.length > 0) {
  log(`installing npm dependencies (missing: ${missing.join(', ')})`);
  if (!run('npm', ['install', '--no-audit', '--no-fund'])) fail('npm install failed (see above)');
}

// 2. the package links to itself, so notebooks and plain Node import it by name ---------------
const selfLink = path.join(env.root, 'node_modules', pkg.name);
let linkOk = false;
try {
  linkOk = fs.realpathSync(selfLink) === fs.realpathSync(env.root);
} catch {
  linkOk = false;
}
if (!linkOk) {
  fs.rmSync(selfLink, { recursive: true, force: true });
  fs.symlinkSync('..', selfLink, 'dir');
  log(`linked node_modules/${pkg.name} -> the repository`);
}

// `npm install` prunes the link above; the package's `prepare` script puts it back at once.
if (args.has('--link-only')) process.exit(0);

// 3. build src/ when a source changed --------------------------------------------------------
function newestMtime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(full));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, fs.statSync(full).mtimeMs);
  }
  return newest;
}
const stamp = path.join(env.root, 'dist', '.build-stamp');
const sourcesChanged = Math.max(
  newestMtime(path.join(env.root, 'src')),
  fs.statSync(path.join(env.root, 'tsconfig.json')).mtimeMs,
  fs.statSync(path.join(env.root, 'package.json')).mtimeMs,
);
const built = fs.existsSync(stamp) ? fs.statSync(stamp).mtimeMs : 0;
if (!fs.existsSync(path.join(env.root, 'dist', 'index.js')) || sourcesChanged > built) {
  log('building src/ -> dist/ (tsc, strict)');
  // Build beside dist/ and swap it in, so a kernel or test that starts during the build never
  // sees a missing or half-written dist/.
  const dist = path.join(env.root, 'dist');
  const fresh = path.join(env.root, `.dist-build-${process.pid}`);
  const old = path.join(env.root, `.dist-old-${process.pid}`);
  fs.rmSync(fresh, { recursive: true, force: true });
  const tsc = path.join(env.root, 'node_modules', 'typescript', 'bin', 'tsc');
  if (!run(process.execPath, [tsc, '-p', 'tsconfig.json', '--outDir', fresh])) {
    fs.rmSync(fresh, { recursive: true, force: true });
    fail('the TypeScript build failed (see above)');
  }
  fs.writeFileSync(path.join(fresh, '.build-stamp'), new Date().toISOString() + '\n');
  if (fs.existsSync(dist)) fs.renameSync(dist, old);
  fs.renameSync(fresh, dist);
  fs.rmSync(old, { recursive: true, force: true });
}

// 4 and 5. Debian packages ---------------------------------------------------------------------
function pythonHas(module) {
  const python = env.jupyterPython();
  if (!python) return false;
  if (python === '/usr/bin/python3') {
    // Debian's packages put modules here: a file check is much faster than starting Python.
    if (fs.existsSync(`/usr/lib/python3/dist-packages/${module}`)) return true;
  }
  return spawnSync(python, ['-c', `import ${module}`], { stdio: 'ignore' }).status === 0;
}

const aptPackages = [];
if (wantJupyter) {
  const jupyterReady =
    env.jupyterCommand() &&
    (env.which('jupyter-notebook') || fs.existsSync('/usr/bin/jupyter-notebook')) &&
    (env.which('jupyter-nbconvert') || fs.existsSync('/usr/bin/jupyter-nbconvert')) &&
    pythonHas('nbclient');
  if (!jupyterReady) aptPackages.push('jupyter-notebook', 'jupyter-nbconvert', 'python3-nbclient');
}
if (wantBrowser && !fs.existsSync('/usr/bin/chromium')) aptPackages.push('chromium');
const optionalPackages = [];
// numpy for the bench's reference run, with the threaded OpenBLAS it is meant to be compared
// against (without it Debian's numpy falls back to the much slower reference BLAS).
if (wantNumpy && !pythonHas('numpy')) optionalPackages.push('python3-numpy');
if (wantNumpy && !fs.existsSync('/usr/lib/x86_64-linux-gnu/openblas-pthread') && !fs.existsSync('/usr/lib/aarch64-linux-gnu/openblas-pthread')) {
  optionalPackages.push('libopenblas0-pthread');
}

function aptInstall(packages, required) {
  if (packages.length === 0) return;
  const what = packages.join(' ');
  if (!env.which('apt-get')) {
    const message =
      `this machine has no apt-get, so ${what} cannot be installed automatically. ` +
      'Install Jupyter Notebook, nbconvert and nbclient (for example `pip install notebook nbconvert nbclient`)' +
      (packages.includes('chromium') ? ' and a Chromium at /usr/bin/chromium' : '') +
      ', then run the command again.';
    if (required) fail(message);
    log(`skipped: ${message}`);
    return;
  }
  if (typeof process.getuid === 'function' && process.getuid() !== 0) {
    const message = `missing Debian packages; run: sudo apt-get update && sudo apt-get install -y --no-install-recommends ${what}`;
    if (required) fail(message);
    log(`skipped: ${message}`);
    return;
  }
  log(`installing Debian packages: ${what} (about a minute)`);
  const aptEnv = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const ok =
    run('apt-get', ['update'], { env: aptEnv }) &&
    run('apt-get', ['install', '-y', '--no-install-recommends', ...packages], { env: aptEnv });
  if (!ok && required) fail(`apt-get could not install ${what} (see above)`);
}
aptInstall(aptPackages, true);
aptInstall(optionalPackages, false);

const kernelLauncher = path.join(env.jupyterDataDir, 'kernels', env.kernelName, 'launch.sh');
if (!fs.existsSync(kernelLauncher)) fail(`the project's kernel spec is missing: ${kernelLauncher}`);

// 6. the kernel's native dependency loads --------------------------------------------------------
// tslab talks to Jupyter through zeromq, a native addon. When it is missing or does not load
// (an interrupted install, node_modules copied from another platform or Node version) the
// kernel dies at start and an export only times out. Load it in a child process, with the
// `node` the kernel's launcher runs, as tslab would.
if (wantJupyter) {
  const node = env.which('node') || process.execPath;
  const tslab = path.join(env.root, 'node_modules', 'tslab', 'package.json');
  const probe = `require('node:module').createRequire(${JSON.stringify(tslab)})('zeromq')`;
  const loaded = spawnSync(node, ['-e', probe], { encoding: 'utf8', cwd: env.root });
  if (loaded.status !== 0) {
    const lines = `${loaded.stderr || ''}${loaded.error ? loaded.error.message : ''}`.split('\n').map((l) => l.trim());
    const cause = lines.find((l) => /^\w*Error\b.*:/.test(l)) || lines.filter(Boolean).pop() || `exit status ${loaded.status}`;
    const missing = /Cannot find module 'zeromq'/.test(cause);
    fail(
      `the kernel cannot start: tslab's native dependency zeromq ${missing ? 'is missing from node_modules' : 'does not load'} ` +
        `(${cause.replace(/^Error: /, '')}). Repair it with ${missing ? '`npm ci`' : '`npm rebuild zeromq` (or a clean `npm ci`)'} ` +
        `in ${env.root}, then run the command again.`,
    );
  }
}

if (args.has('--verbose')) log(`ready in ${Date.now() - started} ms`);
