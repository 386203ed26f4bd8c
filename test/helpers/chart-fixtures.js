'use strict';
// Chart outputs made by the package's own chart code (dist/), one of each kind the lessons
// show: a cost curve, a line chart with a long title and five legend entries, log-log axes,
// a decision boundary, and side-by-side panels (two decision boundaries; two cost curves).
// Used by the browser tests of the charts (exported site, JupyterLab's output renderers).
const path = require('node:path');
const fs = require('node:fs');
const { cleanNotebook, serialize } = require('../../scripts/lib/notebook-format');

function lib() {
  return require(path.join(__dirname, '..', '..', 'dist'));
}

/** The figures, built by the package. */
function chartFigures() {
  const b = lib();
  const costs = (rate, n = 60) => Array.from({ length: n }, (_, i) => 0.7 * Math.exp(-rate * i) + 0.05);
  const flower = b.planarData({ m: 80, seed: 2 });
  const predict = (x1, x2) => 1 / (1 + Math.exp(-(Math.sin(2 * x1) * 3 + x2)));
  const boundary = (title) => b.decisionBoundaryFigure({ predict, X: flower.X, Y: flower.Y, title, resolution: 30 });
  const eps = [1e-1, 1e-2, 1e-3, 1e-4, 1e-5, 1e-6, 1e-7, 1e-8];
  return [
    b.costCurveFigure(costs(0.05), { title: 'Training cost, learning rate 1.2' }),
    b.lineChartFigure(
      ['course', 'learner', '1/m doubled', '1/m missing', 'summed loss, rate α/m'].map((name, k) => ({
        name,
        x: Array.from({ length: 20 }, (_, i) => i),
        y: Array.from({ length: 20 }, (_, i) => (k + 1) * Math.exp(-i / 7)),
      })),
      { title: 'Five placements of 1/m on one network: the cost against the iteration, measured', xLabel: 'iteration', yLabel: 'cost J (mean cross-entropy)' },
    ),
    b.logLogFigure({ name: 'difference', x: eps, y: eps.map((e) => e * e + 1e-16 / e) }, { title: "Example 0's output column against the batch size", xLabel: 'size of the batch holding example 0 (log scale)', yLabel: 'norm of the column (log scale)' }),
    boundary('4 tanh hidden units'),
    b.sideBySideFigure([boundary('1 hidden unit'), boundary('5 hidden units')], { title: 'Decision boundaries by hidden layer size' }),
    b.sideBySideFigure(
      [b.costCurveFigure(costs(0.05), { title: 'loss notation' }), b.costCurveFigure(costs(0.05), { title: 'cost notation' })],
      { title: 'The same costs in both notations', shareY: true },
    ),
  ];
}

/** display_data outputs (what a lesson's chart call sends), one per figure. */
function chartOutputs() {
  const b = lib();
  return chartFigures().map((figure) => ({ output_type: 'display_data', metadata: {}, data: b.chartBundle(figure) }));
}

/** An executed notebook holding one chart per cell; returns its path. */
function writeChartNotebook(file, title = 'Charts') {
  const outputs = chartOutputs();
  const cells = [{ cell_type: 'markdown', source: `# ${title}\n\nEvery kind of chart the lessons show, with $J$.` }];
  outputs.forEach((o, i) => cells.push({ cell_type: 'code', source: `// chart ${i + 1}\nshowFigure(figure${i + 1})` }));
  // a code line and an output line far wider than a phone
  const wide = `const placements = ${JSON.stringify(['course', 'learner', 'doubled', 'missing', 'summed loss, rate alpha/m', 'mean loss, rate alpha'])};`;
  cells.push({ cell_type: 'code', source: `// one long line\n${wide}` });
  const nb = cleanNotebook({ cells }, title);
  let k = 0;
  for (const cell of nb.cells) {
    if (cell.cell_type !== 'code') continue;
    cell.outputs = k < outputs.length ? [outputs[k++]] : [{ output_type: 'stream', name: 'stdout', text: `${wide} ${wide}\n` }];
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, serialize(nb));
  return file;
}

module.exports = { chartFigures, chartOutputs, writeChartNotebook };
