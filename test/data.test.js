'use strict';
// The data sets shipped in data/ are exactly what the shared module's generators give, so the
// CSV a learner opens elsewhere holds the same numbers the lessons compute with.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { root } = require('../scripts/lib/env');
const { planarData } = require(path.join(root, 'dist'));

test('data/planar-flower-400.csv holds planarData({ m: 400, seed: 1 }) exactly', () => {
  const [header, ...rows] = fs.readFileSync(path.join(root, 'data', 'planar-flower-400.csv'), 'utf8').trim().split('\n');
  assert.equal(header, 'x1,x2,y');
  const { X, Y } = planarData({ m: 400, seed: 1 });
  assert.equal(rows.length, X.cols);
  rows.forEach((row, i) => {
    const [x1, x2, y] = row.split(',').map(Number);
    assert.deepEqual([x1, x2, y], [X.get(0, i), X.get(1, i), Y.get(0, i)], `row ${i + 2}`);
  });
  assert.equal(Y.sumAll(), 200, 'two classes of 200 examples');
});

test('the generator script agrees with every committed data file', () => {
  const result = spawnSync(process.execPath, [path.join(root, 'scripts', 'generate-data.js'), '--check'], { encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
});
