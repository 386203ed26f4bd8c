#!/usr/bin/env node
'use strict';
// The JavaScript side of `npm run bench`, run in its own process so its peak memory is its own:
// reads a job written by scripts/bench.js, trains with train(), writes the final parameters and
// prints one JSON line { seconds, costs, maxRSSKiB, parameters }.
const fs = require('node:fs');
const path = require('node:path');
const { Matrix, train } = require(path.join(__dirname, '..', 'dist', 'index.js'));

function load(entry) {
  const buf = fs.readFileSync(entry.path);
  const data = new Float64Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.length));
  return new Matrix(entry.shape[0], entry.shape[1], data);
}

const job = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const X = load(job.X);
const Y = load(job.Y);
const parameters = {};
for (const [key, entry] of Object.entries(job.parameters)) parameters[key] = load(entry);
const started = process.hrtime.bigint();
const result = train(X, Y, {
  parameters,
  activations: job.activations,
  loss: 'cross-entropy',
  learningRate: job.learningRate,
  iterations: job.iterations,
  threads: job.threads,
});
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
const out = {};
for (const [key, m] of Object.entries(result.parameters)) {
  const file = path.join(job.outDir, `js_${key}.bin`);
  fs.writeFileSync(file, Buffer.from(m.data.buffer, m.data.byteOffset, m.data.byteLength));
  out[key] = { path: file, shape: [m.rows, m.cols] };
}
process.stdout.write(
  `${JSON.stringify({ seconds, costs: result.costs, maxRSSKiB: process.resourceUsage().maxRSS, parameters: out })}\n`,
);
