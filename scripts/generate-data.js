#!/usr/bin/env node
'use strict';
// Writes the small data sets in data/ from the shared module's deterministic generators, so a
// learner can open them in any tool (a spreadsheet, numpy) and compare numbers with the lessons.
// `node scripts/generate-data.js --check` exits 1 when a committed file differs from what the
// generator gives now (the test suite runs this check).
const fs = require('node:fs');
const path = require('node:path');
const { root } = require('./lib/env');
const { planarData } = require(path.join(root, 'dist'));

/** The planar "flower" data of lessons 05 and 09 (m = 400, seed 1) as CSV: x1, x2, y. */
function planarCsv() {
  const { X, Y } = planarData({ m: 400, seed: 1 });
  const lines = ['x1,x2,y'];
  for (let i = 0; i < X.cols; i++) lines.push(`${X.get(0, i)},${X.get(1, i)},${Y.get(0, i)}`);
  return lines.join('\n') + '\n';
}

const files = { 'planar-flower-400.csv': planarCsv };

const check = process.argv.includes('--check');
let stale = 0;
for (const [name, make] of Object.entries(files)) {
  const file = path.join(root, 'data', name);
  const content = make();
  const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : null;
  if (current === content) continue;
  if (check) {
    console.error(`data/${name} differs from its generator; run: node scripts/generate-data.js`);
    stale++;
  } else {
    fs.writeFileSync(file, content);
    console.log(`wrote data/${name}`);
  }
}
process.exit(stale ? 1 : 0);
