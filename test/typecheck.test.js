'use strict';
// src/ type-checks under strict mode (tsconfig.json: "strict": true), with no emitted files.
const test = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { root } = require('../scripts/lib/env');

test('src/ passes a strict TypeScript type-check', () => {
  const config = require(path.join(root, 'tsconfig.json'));
  assert.equal(config.compilerOptions.strict, true, 'tsconfig.json must keep "strict": true');
  const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  const result = spawnSync(process.execPath, [tsc, '--noEmit', '-p', 'tsconfig.json'], { cwd: root, encoding: 'utf8' });
  assert.equal(result.status, 0, `tsc --noEmit failed:\n${result.stdout}${result.stderr}`);
});
