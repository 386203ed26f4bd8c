'use strict';
// Small notebooks for the export and browser tests, shaped like the lessons: markdown cells
// with $...$ and $$...$$, outputs in text/latex and text/markdown, and chart bundles made by
// the package's own chart code (dist/; plotly JSON + text/html that draws with plotly.js or
// keeps a static <img> fallback + image/svg+xml + text/plain). `chartOutput` is an older,
// simpler bundle whose script only looks for window.Plotly (kept for tests of that case).
const fs = require('node:fs');
const path = require('node:path');
const { cleanNotebook, serialize } = require('../../scripts/lib/notebook-format');

let counter = 0;

const svg =
  '<svg xmlns="http://www.w3.org/2000/svg" width="320" height="160" viewBox="0 0 320 160">' +
  '<rect width="320" height="160" fill="#fff"/><polyline fill="none" stroke="#1f77b4" stroke-width="2" points="10,150 100,90 200,40 310,20"/>' +
  '<text x="160" y="15" text-anchor="middle" font-size="12">cost J per iteration</text></svg>';

/** A chart output as the package's chart code makes it (a cost curve titled `title`). */
function packageChartOutput(title) {
  const { chartBundle, costCurveFigure } = require('../../dist');
  const figure = costCurveFigure([0.69, 0.41, 0.22, 0.12], { title });
  return { output_type: 'display_data', metadata: {}, data: chartBundle(figure) };
}

/** A simpler chart bundle whose script only draws when window.Plotly already exists. */
function chartOutput(title = 'cost J per iteration') {
  counter += 1;
  const id = `bp-chart-fixture-${counter}`;
  const figure = {
    data: [{ type: 'scatter', mode: 'lines', x: [0, 1, 2, 3], y: [0.69, 0.41, 0.22, 0.12], name: 'J' }],
    layout: { title: { text: title }, width: 480, height: 300, xaxis: { title: { text: 'iteration' } } },
  };
  const img = `<img class="bp-chart-static" alt="${title}" src="data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}">`;
  const html =
    `<div class="bp-chart" id="${id}">${img}</div>\n` +
    '<script>(function () {\n' +
    `  var el = document.getElementById(${JSON.stringify(id)});\n` +
    '  if (!el || !window.Plotly) return;\n' +
    `  var figure = ${JSON.stringify(figure)};\n` +
    "  el.innerHTML = '';\n" +
    '  window.Plotly.newPlot(el, figure.data, figure.layout, { displaylogo: false });\n' +
    '})();</script>';
  return {
    output_type: 'display_data',
    metadata: {},
    data: {
      'application/vnd.plotly.v1+json': figure,
      'text/html': html,
      'image/svg+xml': svg,
      'text/plain': `<chart: ${title}>`,
    },
  };
}

function stream(textValue) {
  return { output_type: 'stream', name: 'stdout', text: textValue };
}

function display(data) {
  return { output_type: 'display_data', metadata: {}, data };
}

/** An executed lesson-like notebook with math and `charts` charts. */
function executedLesson(title, { charts = 1, description = 'Where the $\\frac{1}{m}$ of the cost goes.' } = {}) {
  const cells = [
    { cell_type: 'markdown', source: `# ${title}\n\n${description}\n\nMore text follows.` },
    {
      cell_type: 'markdown',
      source:
        'The cost averages the loss over $m$ examples:\n\n$$J = \\frac{1}{m} \\sum_{i=1}^{m} \\mathcal{L}(a^{(i)}, y^{(i)})$$\n\n' +
        'and $dW^{[l]} = \\frac{1}{m} dZ^{[l]} A^{[l-1]T}$ keeps the shape of $W^{[l]}$.',
    },
    { cell_type: 'code', source: '// a value\nconst m = 4;\n`m = ${m}, cost in $$ and \\\\frac`', outputs: [stream('m = 4, and a raw $$ in a code output stays raw\n')] },
    {
      cell_type: 'code',
      source: 'showTex("J")',
      outputs: [
        display({ 'text/latex': '$$\\frac{\\partial J}{\\partial W} = \\frac{1}{m} dZ\\, A^T$$', 'text/plain': 'dJ/dW = (1/m) dZ A^T' }),
        display({ 'text/latex': '\\sigma(z) = \\frac{1}{1 + e^{-z}}', 'text/plain': 'sigma(z)' }),
        display({ 'text/markdown': 'A markdown output with $\\sum_i dZ_i$ in it.', 'text/plain': 'markdown' }),
      ],
    },
  ];
  for (let i = 0; i < charts; i++) {
    cells.push({ cell_type: 'code', source: `// chart ${i + 1}\nplotLine(costs)`, outputs: [packageChartOutput(`chart ${i + 1}`)] });
  }
  cells.push({ cell_type: 'code', source: '// nothing shown', outputs: [] });
  const nb = cleanNotebook({ cells }, title);
  // cleanNotebook drops outputs: put them back (this notebook stands for an executed one)
  nb.cells.forEach((cell, i) => {
    if (cell.cell_type === 'code') cell.outputs = cells[i].outputs;
  });
  return nb;
}

/** Write executed fixture notebooks into `dir`; returns their paths in order. */
function writeExecutedLessons(dir, specs) {
  fs.mkdirSync(dir, { recursive: true });
  return specs.map(({ name, title, ...options }) => {
    const file = path.join(dir, `${name}.ipynb`);
    fs.writeFileSync(file, serialize(executedLesson(title, options)));
    return file;
  });
}

/** A clean (unexecuted) notebook for the project's kernel, from markdown/code sources. */
function writeSourceNotebook(file, cells) {
  const nb = cleanNotebook(
    { cells: cells.map((c) => (typeof c === 'string' ? { cell_type: 'code', source: c } : c)) },
    path.basename(file),
  );
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, serialize(nb));
  return file;
}

module.exports = { chartOutput, packageChartOutput, executedLesson, writeExecutedLessons, writeSourceNotebook };
