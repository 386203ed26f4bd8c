'use strict';
// src/ is layered (cli → notebook → course, derive → check → nn → data → core) with no import
// cycle: dependency-cruiser checks every import, type-only ones included, against the rules in
// .dependency-cruiser.cjs. A second run on a copy of src/ with one planted upward import proves
// the check can fail.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { root } = require('../scripts/lib/env');

const cli = path.join(root, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');

/** The rule violations of the tree under `cwd` (its src/), as "rule: from → to" lines. */
function violations(cwd) {
  const r = spawnSync(process.execPath, [cli, 'src', '--config', path.join(root, '.dependency-cruiser.cjs'), '--output-type', 'json'], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  assert.ok(r.stdout.trim().startsWith('{'), `dependency-cruiser did not run:\n${r.stderr}`);
  const out = JSON.parse(r.stdout);
  return out.summary.violations.map((v) => `${v.rule.name}: ${[v.from, ...(v.cycle ? v.cycle.map((c) => c.name ?? c) : [v.to])].join(' → ')}`);
}

// Known violations, removed by the derivation engine's refactor (the Derivation types in their
// own file; show() in the notebook layer). Listed so that any NEW violation fails today; an entry
// that no longer occurs fails too, so this list only shrinks.
const known = [
];

test('src/ has no import cycle and no import from a lower layer to a higher one', () => {
  const found = violations(root);
  const fresh = found.filter((v) => !known.includes(v));
  assert.deepEqual(fresh, [], `layering violations:\n${fresh.join('\n')}`);
  const gone = known.filter((v) => !found.includes(v));
  assert.deepEqual(gone, [], `fixed: remove from the known list in test/layers.test.js:\n${gone.join('\n')}`);
});

test('the layering check fails on a planted upward import (core importing nn)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bpl-layers-'));
  try {
    fs.cpSync(path.join(root, 'src'), path.join(dir, 'src'), { recursive: true });
    fs.copyFileSync(path.join(root, 'tsconfig.json'), path.join(dir, 'tsconfig.json'));
    fs.symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
    const file = path.join(dir, 'src', 'core', 'format.ts');
    fs.appendFileSync(file, "\nimport type { Loss } from '../nn/losses';\nexport type PlantedLoss = Loss;\n");
    const found = violations(dir);
    assert.ok(found.some((v) => v.startsWith('no-upward-import-from-core: src/core/format.ts → src/nn/losses.ts')), found.join('\n'));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
