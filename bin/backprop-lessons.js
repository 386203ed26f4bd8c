#!/usr/bin/env node
'use strict';
// `npx backprop-lessons derive …`: a thin wrapper around the compiled CLI (src/cli/cli.ts → dist/cli/cli.js).
const path = require('node:path');

const compiled = path.join(__dirname, '..', 'dist', 'cli', 'cli.js');
let cli;
try {
  cli = require(compiled);
} catch (err) {
  if (err && err.code === 'MODULE_NOT_FOUND' && String(err.message).includes(compiled)) {
    process.stderr.write('backprop-lessons: dist/cli/cli.js is missing: run `npm run build` (or `node scripts/setup.js --no-jupyter`) first\n');
    process.exit(3);
  }
  throw err;
}
process.exitCode = cli.main(process.argv.slice(2));
