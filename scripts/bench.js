#!/usr/bin/env node
'use strict';
// `npm run bench`: times the course's two training loops through train() and the same math in
// numpy (Debian's python3-numpy, run by /usr/bin/python3) in the same run, from the same initial
// weights, and prints the time ratios, the largest relative difference of the results and the
// peak memory of the JavaScript side.
//
//   week 3: 2×400 planar data, 4 tanh hidden units, sigmoid output, learning rate 1.2, 10,000 iterations
//   week 4: [12288, 20, 7, 5, 1], m = 209, ReLU hidden, sigmoid output, learning rate 0.0075
//
// Options: --repeat N (default 3; the fastest run of each side counts), --iterations4 N (default 40),
// --iterations3 N (default 10000), --threads 1|2 (JavaScript side), --no-numpy, --json, --strict
// (exit 1 when a target is missed).
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const root = path.join(__dirname, '..');
const lib = require(path.join(root, 'dist', 'index.js'));

const argv = process.argv.slice(2);
function option(name, fallback) {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && argv[i + 1] !== undefined ? Number(argv[i + 1]) : fallback;
}
const repeat = option('repeat', 3);
const iterations3 = option('iterations3', 10000);
const iterations4 = option('iterations4', 40);
const threads = option('threads', os.availableParallelism() >= 2 ? 2 : 1);
const wantNumpy = !argv.includes('--no-numpy');
const asJson = argv.includes('--json');
const strict = argv.includes('--strict');

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'backprop-bench-'));
process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));

function save(name, m) {
  const file = path.join(dir, `${name}.bin`);
  fs.writeFileSync(file, Buffer.from(m.data.buffer, m.data.byteOffset, m.data.byteLength));
  return { path: file, shape: [m.rows, m.cols] };
}

function load(entry) {
  const buf = fs.readFileSync(entry.path);
  return new Float64Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.length));
}

function makeJob(name, X, Y, parameters, activations, learningRate, iterations) {
  const outDir = path.join(dir, name);
  fs.mkdirSync(outDir);
  const job = {
    X: save(`${name}_X`, X),
    Y: save(`${name}_Y`, Y),
    parameters: Object.fromEntries(Object.entries(parameters).map(([k, v]) => [k, save(`${name}_${k}`, v)])),
    activations,
    learningRate,
    iterations,
    threads,
    outDir,
  };
  const file = path.join(dir, `${name}.json`);
  fs.writeFileSync(file, JSON.stringify(job));
  return file;
}

// the two workloads, from seeded data and weights
const planar = lib.planarData({ seed: 1 });
const week3 = makeJob('week3', planar.X, planar.Y, lib.initializeParameters(2, 4, 1, 2), ['tanh', 'sigmoid'], 1.2, iterations3);
const rng = lib.createRng(2026);
const X4 = lib.rand(12288, 209, rng); // like the course's images scaled to [0, 1]
const Y4 = lib.rand(1, 209, rng).map((v) => (v < 0.35 ? 1 : 0));
const week4 = makeJob(
  'week4',
  X4,
  Y4,
  lib.initializeParametersDeep([12288, 20, 7, 5, 1], { scheme: 'xavier', seed: 1 }),
  ['relu', 'relu', 'relu', 'sigmoid'],
  0.0075,
  iterations4,
);

function runJs(jobFile) {
  const r = spawnSync(process.execPath, [path.join(__dirname, 'bench-child.js'), jobFile], { encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`the JavaScript side failed:\n${r.stderr}`);
  return JSON.parse(r.stdout);
}

const python = '/usr/bin/python3';
const npEnv = { ...process.env };
delete npEnv.OPENBLAS_CORETYPE;
delete npEnv.OPENBLAS_L2_SIZE;
let numpyMissing = null;
if (!wantNumpy) numpyMissing = 'skipped (--no-numpy)';
else if (!fs.existsSync(python)) numpyMissing = `${python} not found`;
else {
  const probe = spawnSync(python, ['-c', 'import numpy'], { encoding: 'utf8', env: npEnv });
  if (probe.status !== 0) numpyMissing = 'python3-numpy is not installed (apt-get install python3-numpy, or node scripts/setup.js --numpy)';
}

function runNumpy(jobFile) {
  const r = spawnSync(python, [path.join(__dirname, 'bench_numpy.py'), jobFile], { encoding: 'utf8', env: npEnv, maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`the numpy side failed:\n${r.stderr}`);
  return JSON.parse(r.stdout);
}

/** Largest relative difference: per parameter max|a − b| / max|b|, and per cost |a − b| / |b|. */
function difference(js, np) {
  let worst = 0;
  for (const key of Object.keys(np.parameters)) {
    const a = load(js.parameters[key]);
    const b = load(np.parameters[key]);
    let d = 0;
    let s = 0;
    for (let i = 0; i < b.length; i++) {
      d = Math.max(d, Math.abs(a[i] - b[i]));
      s = Math.max(s, Math.abs(b[i]));
    }
    worst = Math.max(worst, s === 0 ? d : d / s);
  }
  np.costs.forEach((c, i) => {
    worst = Math.max(worst, Math.abs(js.costs[i] - c) / Math.abs(c));
  });
  return worst;
}

const results = { week3: { js: [], np: [] }, week4: { js: [], np: [] } };
let maxRSSKiB = 0;
let blas = null;
let numpyVersion = null;
const diffs = { week3: 0, week4: 0 };
for (let rep = 0; rep < repeat; rep++) {
  for (const [name, job] of [['week3', week3], ['week4', week4]]) {
    const js = runJs(job);
    results[name].js.push(js.seconds);
    if (name === 'week4') maxRSSKiB = Math.max(maxRSSKiB, js.maxRSSKiB);
    if (!numpyMissing) {
      const np = runNumpy(job);
      results[name].np.push(np.seconds);
      blas = np.blas;
      numpyVersion = np.numpy;
      diffs[name] = Math.max(diffs[name], difference(js, np));
    }
  }
}

const best = (xs) => Math.min(...xs);
const summary = {
  repeat,
  week3: { iterations: iterations3, jsSeconds: best(results.week3.js) },
  week4: { iterations: iterations4, jsMsPerIteration: (1000 * best(results.week4.js)) / iterations4 },
  peakMemoryMiB: maxRSSKiB / 1024,
  numpy: numpyMissing ? { skipped: numpyMissing } : { version: numpyVersion, blas },
};
if (!numpyMissing) {
  summary.week3.numpySeconds = best(results.week3.np);
  summary.week3.ratio = summary.week3.jsSeconds / summary.week3.numpySeconds;
  summary.week3.maxRelativeDifference = diffs.week3;
  summary.week4.numpyMsPerIteration = (1000 * best(results.week4.np)) / iterations4;
  summary.week4.ratio = summary.week4.jsMsPerIteration / summary.week4.numpyMsPerIteration;
  summary.week4.maxRelativeDifference = diffs.week4;
}
const misses = [];
if (summary.peakMemoryMiB >= 400) misses.push('peak memory');
if (!numpyMissing) {
  if (summary.week3.ratio > 1) misses.push('week-3 ratio');
  if (summary.week4.ratio > 8) misses.push('week-4 ratio');
  if (Math.max(diffs.week3, diffs.week4) > 1e-9) misses.push('agreement with numpy');
}

if (asJson) {
  console.log(JSON.stringify({ ...summary, misses }));
} else {
  const f = (x, d = 3) => x.toFixed(d);
  console.log(`backprop-lessons bench (fastest of ${repeat} runs per side; ${os.cpus().length} cores, load ${os.loadavg().map((x) => x.toFixed(1)).join(' ')})`);
  if (numpyMissing) console.log(`numpy: ${numpyMissing}; timing the JavaScript side only`);
  else console.log(`numpy ${numpyVersion} with ${blas}`);
  console.log(`week 3 (planar 2x400, 4 tanh, lr 1.2, ${iterations3} iterations): train() ${f(summary.week3.jsSeconds)} s` +
    (numpyMissing ? '' : `, numpy ${f(summary.week3.numpySeconds)} s, ratio ${f(summary.week3.ratio, 2)} (target <= 1.0), max relative difference ${summary.week3.maxRelativeDifference.toExponential(2)}`));
  console.log(`week 4 ([12288,20,7,5,1], m=209, ${iterations4} iterations): train() ${f(summary.week4.jsMsPerIteration, 1)} ms/iteration` +
    (numpyMissing ? '' : `, numpy ${f(summary.week4.numpyMsPerIteration, 1)} ms/iteration, ratio ${f(summary.week4.ratio, 2)} (target <= 8), max relative difference ${summary.week4.maxRelativeDifference.toExponential(2)}`));
  console.log(`peak memory of the week-4 run (maxRSS): ${f(summary.peakMemoryMiB, 1)} MiB (target < 400)`);
  console.log(misses.length ? `missed: ${misses.join(', ')}` : 'all targets met');
}
if (strict && misses.length) process.exitCode = 1;
