'use strict';
// .github/workflows/pages.yml publishes site/ to GitHub Pages with exactly the commands of the
// README's "The published site" block, in the same order, and uploads the folder the export
// writes.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const env = require('../scripts/lib/env');

const workflow = fs.readFileSync(path.join(env.root, '.github', 'workflows', 'pages.yml'), 'utf8');
const readme = fs.readFileSync(path.join(env.root, 'README.md'), 'utf8');

/** The `run:` commands of a workflow, in order. */
function runCommands(yaml) {
  return [...yaml.matchAll(/^\s*-?\s*run:\s*(.+)$/gm)].map((m) => m[1].trim());
}

/** The commands of the first ```sh block after `heading` in the README. */
function readmeCommands(markdown, heading) {
  const from = markdown.indexOf(heading);
  assert.ok(from >= 0, `the README has "${heading}"`);
  const block = /```sh\n([\s\S]*?)```/.exec(markdown.slice(from));
  return block[1].split('\n').map((l) => l.replace(/\s+#.*$/, '').trim()).filter(Boolean);
}

test('the check fails when the workflow and the README disagree', () => {
  const planted = workflow.replace('run: npm ci', 'run: npm install');
  assert.notDeepEqual(runCommands(planted), readmeCommands(readme, '## The published site'));
});

test('the Pages workflow runs exactly the README\'s commands and publishes site/', () => {
  const runs = runCommands(workflow);
  const readmeRuns = readmeCommands(readme, '## The published site');
  assert.deepEqual(runs, readmeRuns);
  assert.ok(runs.includes('npm run export'), 'it exports the site');
  assert.match(workflow, /uses: actions\/upload-pages-artifact@v\d+\n\s+with:\n\s+path: site\n/);
  assert.match(workflow, /uses: actions\/deploy-pages@v\d+/);
  assert.match(workflow, /pages: write/);
  assert.match(workflow, /id-token: write/);
  assert.match(workflow, /branches: \[main\]/);
  assert.match(fs.readFileSync(path.join(env.root, 'scripts', 'export.js'), 'utf8'), /'site'/, 'npm run export writes site/ by default');
});
