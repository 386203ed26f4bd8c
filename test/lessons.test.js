'use strict';
// Every lesson runs top to bottom in a fresh kernel through the real Jupyter stack. A failing
// cell fails its lesson's test with the cell's source and the kernel's message. The executed
// notebooks are kept in test-output/executed/ for inspection.
// Then the exported site is built from those same executed notebooks (nothing runs twice) into
// test-output/site/ and every page is checked in Chromium, over http and from file:// (see
// scripts/lib/browser-check.js), on a desktop and on a phone; screenshots go to
// test-output/screenshots/. Last, the same executed notebooks go through JupyterLab 4's own
// output renderers (scripts/lib/jupyterlab-check.js): every chart drawn by plotly.js when
// trusted, every chart's image when untrusted.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const env = require('../scripts/lib/env');
const { executeAll, formatFailure } = require('../scripts/lib/notebook-runner');
const { buildSite, pageName } = require('../scripts/lib/site');
const { SiteChecker, CHROMIUM } = require('../scripts/lib/browser-check');
const { JupyterLabChecker } = require('../scripts/lib/jupyterlab-check');

const outDir = path.join(env.root, 'test-output', 'executed');
const siteDir = path.join(env.root, 'test-output', 'site');
const screenshotDir = path.join(env.root, 'test-output', 'screenshots');
const notebooks = env.lessonNotebooks();

test('lessons', async (t) => {
  fs.rmSync(outDir, { recursive: true, force: true }); // no executed copy of a renamed lesson stays behind
  const results = await executeAll(notebooks, {
    outDir,
    onDone: (r) => console.log(`# executed ${path.basename(r.notebook)} in ${r.seconds} s: ${r.ok ? 'ok' : 'FAILED'}`),
  });
  for (const result of results) {
    await t.test(`${path.basename(result.notebook)} runs top to bottom in a fresh kernel`, () => {
      assert.ok(result.ok, formatFailure(result));
    });
  }

  // The exported site. A lesson that failed above gets no page (its failure is reported once,
  // by its own test above); the index still lists it.
  fs.rmSync(siteDir, { recursive: true, force: true });
  const lessons = results.map((r) =>
    r.ok ? { name: pageName(r.notebook), executed: r.outputPath } : { name: pageName(r.notebook), keep: true, source: r.notebook },
  );
  const built = await buildSite({ outDir: siteDir, lessons });
  for (const page of built.pages) {
    await t.test(`${page.name}.html renders through nbconvert`, () => {
      assert.ok(page.ok, page.error);
    });
  }
  if (!fs.existsSync(CHROMIUM)) {
    await t.test('browser checks of the site', { skip: `${CHROMIUM} is missing: run node scripts/setup.js --browser` }, () => {});
    return;
  }
  const checker = await SiteChecker.open(siteDir, { screenshotDir });
  try {
    await t.test('the site index links every lesson page (http and file://)', async () => {
      const report = await checker.checkIndex();
      assert.deepEqual(report.problems, []);
      const rendered = built.pages.filter((p) => p.ok).map((p) => p.name);
      assert.deepEqual(report.linked, rendered.sort());
    });
    for (const name of checker.pages()) {
      await t.test(`${name}.html in Chromium: no outside request, no console error, math rendered, every chart drawn`, async () => {
        const report = await checker.checkPage(name);
        console.log(
          `# ${name}.html: math ${report.modes.http?.katex ?? '-'} / ${report.modes.file?.katex ?? '-'}, ` +
            `charts ${report.modes.http?.chartsDrawn ?? '-'} / ${report.modes.file?.chartsDrawn ?? '-'} of ${report.expectCharts} (http / file)`,
        );
        for (const warning of report.warnings) console.log(`# warning: ${name}.html: ${warning}`);
        assert.deepEqual(report.problems, []);
      });
    }
  } finally {
    await checker.close();
  }

  const lab = await JupyterLabChecker.open();
  try {
    for (const result of results.filter((r) => r.ok)) {
      const name = path.basename(result.notebook);
      await t.test(`${name} in JupyterLab 4's output renderers: every chart drawn by plotly.js when trusted, its image when untrusted`, async () => {
        const report = await lab.checkNotebook(result.outputPath);
        console.log(`# ${name} in JupyterLab: ${report.trusted.drawn}/${report.charts} charts drawn (trusted), ${report.untrusted.images}/${report.charts} images (untrusted)`);
        assert.deepEqual(report.problems, []);
      });
    }
  } finally {
    await lab.close();
  }
});
