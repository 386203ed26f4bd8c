'use strict';
// Committed lessons are clean: no outputs, no execution counts, an id on every cell, the
// project's kernel spec. `npm run nb:clean` fixes all of these.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { notebooksDir } = require('../scripts/lib/env');
const { hygieneProblems, styleProblems, cleanNotebook } = require('../scripts/lib/notebook-format');

const files = fs.readdirSync(notebooksDir).filter((f) => f.endsWith('.ipynb'));

test('there are lessons, named NN-topic.ipynb', () => {
  assert.ok(files.length > 0, 'notebooks/ has no .ipynb files');
  for (const f of files) assert.match(f, /^\d\d-[a-z0-9-]+\.ipynb$/, `${f} is not named NN-topic.ipynb`);
});

for (const file of files) {
  test(`${file} is committed clean`, () => {
    const nb = JSON.parse(fs.readFileSync(path.join(notebooksDir, file), 'utf8'));
    const problems = hygieneProblems(nb);
    assert.deepEqual(problems, [], `${file}: ${problems.join('; ')} (run npm run nb:clean)`);
  });
}

for (const file of files) {
  test(`${file}: every code cell opens with a comment, no line over 100 characters`, () => {
    const nb = JSON.parse(fs.readFileSync(path.join(notebooksDir, file), 'utf8'));
    const problems = styleProblems(nb);
    assert.deepEqual(problems, [], `${file}: ${problems.join('; ')}`);
  });
}

test('the style check names a cell without an opening comment and a line over 100 characters', () => {
  const nb = {
    cells: [
      { cell_type: 'markdown', source: 'prose is free' },
      { cell_type: 'code', source: '// fine\nconst m = 1;' },
      { cell_type: 'code', source: ['const m = 1;\n', '// late comment'] },
      { cell_type: 'code', source: `// long\n${'x'.repeat(101)}\n${'y'.repeat(100)}` },
    ],
  };
  assert.deepEqual(styleProblems(nb), [
    'cell 3 does not open with a comment: "const m = 1;"',
    'cell 4, line 2: 101 characters (at most 100)',
  ]);
});

test('the hygiene check catches outputs, counts, missing ids and a foreign kernel', () => {
  const dirty = {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: { kernelspec: { name: 'tslab' } },
    cells: [
      { cell_type: 'code', id: 'a', source: '1', execution_count: 3, outputs: [{ output_type: 'stream', name: 'stdout', text: '1' }] },
      { cell_type: 'markdown', source: '# no id' },
    ],
  };
  const problems = hygieneProblems(dirty).join('\n');
  assert.match(problems, /kernel spec is "tslab"/);
  assert.match(problems, /cell 1 has 1 output/);
  assert.match(problems, /cell 1 has execution count 3/);
  assert.match(problems, /cell 2 has no id/);
  const cleaned = cleanNotebook(dirty, 'x.ipynb');
  assert.deepEqual(hygieneProblems(cleaned), []);
  assert.equal(cleaned.cells[0].id, 'a', 'existing ids are kept');
});

/** Relative link targets of a Markdown text (no URLs, no anchors, not inside math or code). */
function relativeLinks(markdown) {
  const prose = markdown.replace(/\$\$[\s\S]*?\$\$|\$[^$\n]*\$|`[^`\n]*`/g, '');
  return [...prose.matchAll(/\]\(([^)\s]+)\)/g)]
    .map((m) => m[1].split('#')[0])
    .filter((target) => target !== '' && !/^[a-z]+:/i.test(target));
}

test('every relative link in the README, CONTRIBUTING and docs/ points at a file that exists', () => {
  const root = path.join(__dirname, '..');
  const docs = ['README.md', 'CONTRIBUTING.md', 'data/README.md', ...fs.readdirSync(path.join(root, 'docs')).map((f) => `docs/${f}`)]
    .filter((f) => f.endsWith('.md') && fs.existsSync(path.join(root, f)));
  const broken = [];
  for (const doc of docs) {
    const text = fs.readFileSync(path.join(root, doc), 'utf8');
    for (const target of relativeLinks(text)) {
      if (!fs.existsSync(path.join(root, path.dirname(doc), decodeURI(target)))) broken.push(`${doc}: ${target}`);
    }
  }
  assert.deepEqual(broken, []);
  assert.deepEqual(relativeLinks('[a](notebooks/x.ipynb) [b](https://e.org) [c](#top) [d](y.md#s) $dZ^{[l](i)}$'), ['notebooks/x.ipynb', 'y.md']);
});
