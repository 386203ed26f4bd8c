'use strict';
// What a committed lesson notebook looks like: no outputs, no execution counts, a stable id on
// every cell, and the project's kernel spec. Shared by `npm run nb:clean` and the hygiene test.
const crypto = require('node:crypto');
const { kernelName } = require('./env');

const kernelspec = {
  display_name: 'TypeScript (backprop-lessons)',
  language: 'typescript',
  name: kernelName,
};
const languageInfo = { name: 'typescript', file_extension: '.ts', mimetype: 'text/x-typescript' };

/** Problems that keep a notebook from being committed, as sentences (empty when clean). */
function hygieneProblems(nb) {
  const problems = [];
  const spec = nb.metadata && nb.metadata.kernelspec;
  if (!spec || spec.name !== kernelName) {
    problems.push(`kernel spec is ${spec ? `"${spec.name}"` : 'missing'}, expected "${kernelName}"`);
  }
  if (nb.nbformat !== 4 || nb.nbformat_minor < 5) problems.push(`nbformat ${nb.nbformat}.${nb.nbformat_minor}, expected 4.5 or later (cell ids)`);
  nb.cells.forEach((cell, i) => {
    const where = `cell ${i + 1}`;
    if (!cell.id) problems.push(`${where} has no id`);
    if (cell.cell_type === 'code') {
      if (cell.outputs && cell.outputs.length > 0) problems.push(`${where} has ${cell.outputs.length} output(s)`);
      if (cell.execution_count !== null && cell.execution_count !== undefined) problems.push(`${where} has execution count ${cell.execution_count}`);
    }
  });
  return problems;
}

/** Longest line a code cell may have (CONTRIBUTING: cells short, no line over 100 characters). */
const MAX_LINE = 100;

/**
 * Style rules of CONTRIBUTING that a tool can read: each code cell opens with a comment (`//`)
 * saying what it does, and no line of code is longer than MAX_LINE characters. Returns one
 * problem a breach, naming the cell and the line.
 */
function styleProblems(nb) {
  const problems = [];
  nb.cells.forEach((cell, i) => {
    if (cell.cell_type !== 'code') return;
    const lines = (Array.isArray(cell.source) ? cell.source.join('') : cell.source).split('\n');
    if (!lines[0].trimStart().startsWith('//')) problems.push(`cell ${i + 1} does not open with a comment: "${lines[0].slice(0, 60)}"`);
    lines.forEach((line, k) => {
      if ([...line].length > MAX_LINE) problems.push(`cell ${i + 1}, line ${k + 1}: ${[...line].length} characters (at most ${MAX_LINE})`);
    });
  });
  return problems;
}

/** A clean copy: outputs and counts removed, ids kept (missing ones derived from the content). */
function cleanNotebook(nb, name = '') {
  const seen = new Set();
  const cells = nb.cells.map((cell, i) => {
    const source = Array.isArray(cell.source) ? cell.source.join('') : cell.source;
    let id = cell.id;
    if (!id || seen.has(id)) {
      id = crypto.createHash('sha1').update(`${name}\n${i}\n${source}`).digest('hex').slice(0, 8);
    }
    seen.add(id);
    const out = { cell_type: cell.cell_type, id, metadata: {}, source };
    if (cell.cell_type === 'code') {
      out.execution_count = null;
      out.outputs = [];
    }
    if (cell.attachments) out.attachments = cell.attachments;
    return out;
  });
  return {
    cells,
    metadata: { kernelspec, language_info: languageInfo },
    nbformat: 4,
    nbformat_minor: 5,
  };
}

/** Serialise as Jupyter does (one-space indent, trailing newline), so diffs stay small. */
function serialize(nb) {
  return JSON.stringify(nb, null, 1) + '\n';
}

module.exports = { kernelspec, hygieneProblems, styleProblems, cleanNotebook, serialize };
