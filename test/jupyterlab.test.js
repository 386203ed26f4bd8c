'use strict';
// The charts in JupyterLab 4 and Notebook 7 with no extension installed, rendered by their own
// output renderers (@jupyterlab/rendermime, scripts/lib/jupyterlab-check.js) in Chromium, on
// chart outputs made by the package's own chart code: drawn by plotly.js from the server's
// files/ route when trusted, at desktop and phone widths; the static image when untrusted.
// Then faults planted in copies of the outputs, each of which the check must catch. The
// executed lessons go through the same check in test/lessons.test.js.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const { CHROMIUM, MIN_PLOT_AREA, PHONE } = require('../scripts/lib/browser-check');
const { JupyterLabChecker } = require('../scripts/lib/jupyterlab-check');
const { chartOutputs } = require('./helpers/chart-fixtures');
const { chartOutput: oldStyleChart } = require('./helpers/site-fixtures');

const notebookOf = (outputs) => ({ cells: outputs.map((o) => ({ cell_type: 'code', source: '', outputs: [o] })) });

test('charts in JupyterLab 4 / Notebook 7 output renderers', { skip: !fs.existsSync(CHROMIUM) && `${CHROMIUM} is missing` }, async (t) => {
  const outputs = chartOutputs();
  const checker = await JupyterLabChecker.open();
  try {
    await t.test('trusted: every chart drawn by plotly.js (text/html chosen, plotly.js loaded once); untrusted: every image shown', async () => {
      const report = await checker.checkNotebook(notebookOf(outputs));
      assert.deepEqual(report.problems, []);
      assert.equal(report.charts, 6);
      assert.equal(report.trusted.drawn, 6);
      assert.deepEqual([...new Set(report.trusted.chartMimes)], ['text/html'], 'no plotly extension: JupyterLab picks the html');
      assert.equal(report.trusted.plotlyLoads, 1);
      assert.equal(report.untrusted.images, 6);
      assert.equal(report.untrusted.scripts, 0, 'the sanitizer removed every script');
    });

    await t.test(`on a phone (${PHONE.width} px) every plot area is at least ${MIN_PLOT_AREA} px wide`, async () => {
      const report = await checker.render(notebookOf(outputs), { trusted: true, width: PHONE.width });
      assert.deepEqual(report.problems, []);
      assert.equal(report.drawn, 6);
      assert.equal(report.plotAreas.length, 8, 'six charts, two of them with two panels');
      for (const width of report.plotAreas) assert.ok(width >= MIN_PLOT_AREA, `plot areas: ${report.plotAreas.join(', ')}`);
    });

    // Planted faults: each must be reported.
    await t.test('the check catches a chart whose script only looks for window.Plotly (the old script)', async () => {
      const report = await checker.checkNotebook(notebookOf([oldStyleChart('old')]), { chartTimeoutMs: 3000 });
      assert.match(report.problems.join('\n'), /\[trusted\] 0 of 1 chart\(s\) drawn by plotly\.js/);
    });
    await t.test('the check catches plotly.js fetched from a CDN', async () => {
      const cdn = JSON.parse(JSON.stringify(outputs[0]));
      cdn.data['text/html'] = cdn.data['text/html'].replace(/"filesPath":"[^"]+"/, '"filesPath":"https://cdn.plot.ly/plotly-3.0.1.min.js"').replace('+ paths.filesPath', '&& paths.filesPath');
      const report = await checker.checkNotebook(notebookOf([cdn]), { chartTimeoutMs: 3000 });
      assert.match(report.problems.join('\n'), /\[trusted\] request outside the server: https:\/\/cdn\.plot\.ly/);
    });
    await t.test('the check catches a chart without its static image', async () => {
      const bare = JSON.parse(JSON.stringify(outputs[0]));
      bare.data['text/html'] = bare.data['text/html'].replace(/<img class="bp-chart-static"[^>]*>/, '');
      const report = await checker.checkNotebook(notebookOf([bare]));
      assert.match(report.problems.join('\n'), /\[untrusted\] 0 chart image\(s\) visible, expected 1/);
    });
  } finally {
    await checker.close();
  }
});
