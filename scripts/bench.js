#!/usr/bin/env node
'use strict';
// `npm run bench`: times the course's two training loops through train() and the same math in
// numpy (Debian's python3-numpy, run by /usr/bin/python3) in the same run, from the same initial
// weights, and prints the time ratios, the largest relative difference of the results and the
// peak memory of the JavaScript side. numpy runs the loop twice over: as the course writes it
// (a cache list and a grads dict each iteration: the reference the targets are set against) and
// as a tight loop (no per-iteration containers, one fused expression per equation, in-place
// updates: a second, stricter reference). The machine's load average is printed with the result.
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

function runNumpy(jobFile, style) {
  const r = spawnSync(python, [path.join(__dirname, 'bench_numpy.py'), jobFile, style], { encoding: 'utf8', env: npEnv, maxBuffer: 1 << 28 });
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

const styles = ['course', 'tight'];
const results = { week3: { js: [], course: [], tight: [] }, week4: { js: [], course: [], tight: [] } };
let maxRSSKiB = 0;
let blas = null;
let numpyVersion = null;
const diffs = { week3: { course: 0, tight: 0 }, week4: { course: 0, tight: 0 } };
const loads = [];
for (let rep = 0; rep < repeat; rep++) {
  for (const [name, job] of [['week3', week3], ['week4', week4]]) {
    loads.push(os.loadavg()[0]);
    const js = runJs(job);
    results[name].js.push(js.seconds);
    if (name === 'week4') maxRSSKiB = Math.max(maxRSSKiB, js.maxRSSKiB);
    if (!numpyMissing) {
      for (const style of styles) {
        const np = runNumpy(job, style);
        results[name][style].push(np.seconds);
        blas = np.blas;
        numpyVersion = np.numpy;
        diffs[name][style] = Math.max(diffs[name][style], difference(js, np));
      }
    }
  }
}

const best = (xs) => Math.min(...xs);
const summary = {
  repeat,
  loadAverage: { min: Math.min(...loads), max: Math.max(...loads) },
  week3: { iterations: iterations3, jsSeconds: best(results.week3.js) },
  week4: { iterations: iterations4, jsMsPerIteration: (1000 * best(results.week4.js)) / iterations4 },
  peakMemoryMiB: maxRSSKiB / 1024,
  numpy: numpyMissing ? { skipped: numpyMissing } : { version: numpyVersion, blas },
};
if (!numpyMissing) {
  for (const style of styles) {
    summary.week3[style] = { seconds: best(results.week3[style]), maxRelativeDifference: diffs.week3[style] };
    summary.week3[style].ratio = summary.week3.jsSeconds / summary.week3[style].seconds;
    summary.week4[style] = { msPerIteration: (1000 * best(results.week4[style])) / iterations4, maxRelativeDifference: diffs.week4[style] };
    summary.week4[style].ratio = summary.week4.jsMsPerIteration / summary.week4[style].msPerIteration;
  }
}
const misses = [];
if (summary.peakMemoryMiB >= 400) misses.push('peak memory');
if (!numpyMissing) {
  if (summary.week3.course.ratio > 1) misses.push('week-3 ratio');
  if (summary.week4.course.ratio > 8) misses.push('week-4 ratio');
  const worst = Math.max(...styles.flatMap((style) => [diffs.week3[style], diffs.week4[style]]));
  if (worst > 1e-9) misses.push('agreement with numpy');
}

if (asJson) {
  console.log(JSON.stringify({ ...summary, misses }));
} else {
  const f = (x, d = 3) => x.toFixed(d);
  const e = (x) => x.toExponential(2);
  console.log(`backprop-lessons bench (fastest of ${repeat} runs per side; ${os.cpus().length} cores, ` +
    `1-minute load average ${f(summary.loadAverage.min, 1)} to ${f(summary.loadAverage.max, 1)} during the runs)`);
  if (numpyMissing) console.log(`numpy: ${numpyMissing}; timing the JavaScript side only`);
  else console.log(`numpy ${numpyVersion} with ${blas}; "course" = the course's loop, "tight" = fused loop without per-iteration containers`);
  const w3 = summary.week3;
  const w4 = summary.week4;
  console.log(`week 3 (planar 2x400, 4 tanh, lr 1.2, ${iterations3} iterations): train() ${f(w3.jsSeconds)} s`);
  if (!numpyMissing) {
    console.log(`  numpy course ${f(w3.course.seconds)} s, ratio ${f(w3.course.ratio, 2)} (target <= 1.0), max relative difference ${e(w3.course.maxRelativeDifference)}`);
    console.log(`  numpy tight  ${f(w3.tight.seconds)} s, ratio ${f(w3.tight.ratio, 2)}, max relative difference ${e(w3.tight.maxRelativeDifference)}`);
  }
  console.log(`week 4 ([12288,20,7,5,1], m=209, ${iterations4} iterations): train() ${f(w4.jsMsPerIteration, 1)} ms/iteration`);
  if (!numpyMissing) {
    console.log(`  numpy course ${f(w4.course.msPerIteration, 1)} ms/iteration, ratio ${f(w4.course.ratio, 2)} (target <= 8), max relative difference ${e(w4.course.maxRelativeDifference)}`);
    console.log(`  numpy tight  ${f(w4.tight.msPerIteration, 1)} ms/iteration, ratio ${f(w4.tight.ratio, 2)}, max relative difference ${e(w4.tight.maxRelativeDifference)}`);
  }
  console.log(`peak memory of the week-4 run (maxRSS): ${f(summary.peakMemoryMiB, 1)} MiB (target < 400)`);
  console.log(misses.length ? `missed: ${misses.join(', ')}` : 'all targets met');
}
if (strict && misses.length) process.exitCode = 1;
