#!/usr/bin/env node
'use strict';
// `npm run nb:clean [files...]`: strips outputs and execution counts from the lesson notebooks
// in place, keeps every cell id, and sets the project's kernel spec. Without arguments it cleans
// every notebooks/*.ipynb.
const fs = require('node:fs');
const path = require('node:path');
const env = require('./lib/env');
const { cleanNotebook, serialize } = require('./lib/notebook-format');

const files = process.argv.slice(2).length
  ? process.argv.slice(2)
  : fs.readdirSync(env.notebooksDir).filter((f) => f.endsWith('.ipynb')).map((f) => path.join(env.notebooksDir, f));
let changed = 0;
for (const file of files) {
  const before = fs.readFileSync(file, 'utf8');
  const after = serialize(cleanNotebook(JSON.parse(before), path.basename(file)));
  if (after !== before) {
    fs.writeFileSync(file, after);
    changed++;
    console.log(`cleaned ${path.relative(process.cwd(), file)}`);
  }
}
console.log(`${files.length} notebook(s) checked, ${changed} cleaned`);
