'use strict';
// The exported site and its browser checks, on small executed notebooks shaped like the lessons
// (no kernel needed): the pages pass every check over http and from file://, and each check
// fails when its fault is planted in a copy of a page (a CDN URL, Debian's file:/// paths, raw
// TeX, a TeX error, a chart left undrawn, a console error, a prompt, a missing index link).
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const env = require('../scripts/lib/env');
const site = require('../scripts/lib/site');
const { SiteChecker } = require('../scripts/lib/browser-check');
const { writeExecutedLessons } = require('./helpers/site-fixtures');
const { writeChartNotebook } = require('./helpers/chart-fixtures');

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bpl-site-test-'));
const siteDir = path.join(dir, 'site');
const screenshotDir = path.join(env.root, 'test-output', 'screenshots', 'fixtures');

test('site pages from executed notebooks', async (t) => {
  const executed = writeExecutedLessons(path.join(dir, 'executed'), [
    { name: '01-alpha', title: 'Alpha: the cost $J$', charts: 2 },
    { name: '02-beta', title: 'Beta', charts: 0, description: 'No charts here, only $\\frac{\\partial J}{\\partial b}$.' },
  ]);
  const built = await site.buildSite({ outDir: siteDir, lessons: executed.map((f) => ({ name: site.pageName(f), executed: f })) });

  await t.test('every page renders, with the executed notebook and the assets beside it', () => {
    assert.deepEqual(built.pages.map((p) => [p.name, p.ok, p.error]), [['01-alpha', true, null], ['02-beta', true, null]]);
    for (const f of ['index.html', '01-alpha.html', '01-alpha.ipynb', '02-beta.ipynb', 'assets/plotly.min.js', 'assets/katex/katex.min.js', 'assets/katex/contrib/auto-render.min.js', 'assets/site.css']) {
      assert.ok(fs.existsSync(path.join(siteDir, f)), `${f} is missing`);
    }
    assert.ok(fs.readdirSync(path.join(siteDir, 'assets', 'katex', 'fonts')).some((f) => f.endsWith('.woff2')));
  });

  await t.test('pages use relative URLs only: no CDN, no file:///usr/share, no require.js or MathJax, no prompts', () => {
    for (const name of ['index', '01-alpha', '02-beta']) {
      const html = fs.readFileSync(path.join(siteDir, `${name}.html`), 'utf8');
      const urls = [...html.matchAll(/\b(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
      for (const url of urls) assert.doesNotMatch(url, /^(https?:|file:|\/\/|\/)/, `${name}.html loads ${url}`);
      assert.doesNotMatch(html, /require\.js|mathjax/i, name);
      assert.doesNotMatch(html, /In&nbsp;\[/, name);
    }
    assert.match(fs.readFileSync(path.join(siteDir, '01-alpha.html'), 'utf8'), /src="assets\/plotly\.min\.js"/);
    assert.doesNotMatch(fs.readFileSync(path.join(siteDir, '02-beta.html'), 'utf8'), /plotly\.min\.js/, 'plotly.js only where there are charts');
  });

  await t.test('the index lists lessons in order with the first markdown cell as description', () => {
    const html = fs.readFileSync(path.join(siteDir, 'index.html'), 'utf8');
    assert.match(html, new RegExp(`<h1>${site.PACK_TITLE}</h1>`));
    const a = html.indexOf('href="01-alpha.html"');
    const b = html.indexOf('href="02-beta.html"');
    assert.ok(a > 0 && b > a, 'both lessons linked, in order');
    assert.match(html, /Where the \$\\frac\{1\}\{m\}\$ of the cost goes\./);
    assert.match(html, /href="02-beta.ipynb" download/);
  });

  await t.test('navigation: previous, next, index and the notebook download', () => {
    const alpha = fs.readFileSync(path.join(siteDir, '01-alpha.html'), 'utf8');
    const beta = fs.readFileSync(path.join(siteDir, '02-beta.html'), 'utf8');
    assert.match(alpha, /rel="next" href="02-beta.html"/);
    assert.doesNotMatch(alpha, /rel="prev"/);
    assert.match(beta, /rel="prev" href="01-alpha.html"/);
    assert.match(beta, /href="02-beta.ipynb" download/);
    assert.match(beta, /rel="index" href="index.html"/);
  });

  if (!fs.existsSync('/usr/bin/chromium')) {
    await t.test('browser checks', { skip: '/usr/bin/chromium is missing: run node scripts/setup.js --browser' }, () => {});
    return;
  }
  const checker = await SiteChecker.open(siteDir, { screenshotDir });
  try {
    await t.test('browser: the index links every page', async () => {
      const report = await checker.checkIndex();
      assert.deepEqual(report.problems, []);
      assert.deepEqual(report.linked, ['01-alpha', '02-beta']);
    });
    for (const name of ['01-alpha', '02-beta']) {
      await t.test(`browser: ${name}.html passes every check over http and from file://`, async () => {
        const report = await checker.checkPage(name);
        assert.deepEqual(report.problems, []);
        assert.ok(report.modes.http.katex > 0 && report.modes.file.katex > 0, 'math rendered');
        assert.equal(report.modes.http.chartsDrawn, report.expectCharts);
        assert.equal(report.modes.file.chartsDrawn, report.expectCharts);
        assert.deepEqual(report.warnings, []);
        assert.equal(report.screenshots.length, 2, "desktop and phone");
        for (const shot of report.screenshots) assert.ok(fs.statSync(shot).size > 1000, shot);
      });
    }

    // Plant one fault per copy of a page and see the checks catch it.
    const mutations = [
      {
        what: 'a script from a CDN',
        from: '02-beta',
        edit: (h) => h.replace('</head>', '<script src="https://cdn.jsdelivr.net/npm/katex@0.16.22/dist/katex.min.js"></script></head>'),
        expect: /\[http\] request outside the site: https:\/\/cdn\.jsdelivr\.net[\s\S]*\[file\] request outside the site: https:\/\/cdn/,
      },
      {
        what: "Debian's file:///usr/share/javascript URL",
        from: '02-beta',
        edit: (h) => h.replace('src="assets/katex/katex.min.js"', 'src="file:///usr/share/javascript/katex/katex.min.js"'),
        expect: /\[file\] request outside the site: file:\/\/\/usr\/share\/javascript[\s\S]*\[http\]|\[http\][\s\S]*\[file\] request outside the site: file:\/\/\/usr\/share/,
      },
      {
        what: 'raw $$ left in the prose',
        from: '02-beta',
        edit: (h) => h.replace('<main class="bpl-lesson">', () => '<main class="bpl-lesson"><p>unbalanced $$ J = \\frac{1}{m}</p>'),
        expect: /\[http\] raw TeX outside code: "[^"]*unbalanced \$\$[\s\S]*\[file\] raw TeX outside code: "[^"]*unbalanced \$\$/,
      },
      {
        what: 'KaTeX not loaded',
        from: '02-beta',
        edit: (h) => h.replace(/<script defer src="assets\/katex\/katex\.min\.js"><\/script>/, ''),
        modes: ['file'],
        expect: /page error: [\s\S]*no rendered math[\s\S]*raw TeX outside code/,
      },
      {
        what: 'a TeX error',
        from: '02-beta',
        edit: (h) => h.replace('<main class="bpl-lesson">', () => '<main class="bpl-lesson"><p>a double superscript $x^2^3$</p>'),
        expect: /\[http\] math error \(\.katex-error\): ParseError: KaTeX parse error: Double superscript[\s\S]*\[file\] math error/,
      },
      {
        what: 'charts not drawn (plotly.js missing)',
        from: '01-alpha',
        edit: (h) => h.replace('<script src="assets/plotly.min.js"></script>', ''),
        modes: ['http'],
        scriptsOff: false,
        expect: /\[http\] 0 chart\(s\) on the page \(\.js-plotly-plot\), the notebook has 2/,
      },
      {
        what: 'a chart without its static image',
        from: '01-alpha',
        edit: (h) => h.replace(/<img class="bp-chart-static"[^>]*>/, '').replace(/<img src="data:image\/svg\+xml[^>]*>/, ''),
        modes: [],
        expect: /\[http, scripts off\] 1 static chart image\(s\) visible, expected 2/,
      },
      {
        what: 'a console error',
        from: '02-beta',
        edit: (h) => h.replace('</main>', '<script>console.error("planted error")</script></main>'),
        expect: /\[http\] console error: planted error[\s\S]*\[file\] console error: planted error/,
      },
      {
        what: 'a broken navigation link (and a broken link in the text, only a warning)',
        from: '02-beta',
        edit: (h) => h.replace(/rel="index" href="index.html"/g, 'rel="index" href="indx.html"').replace('<main class="bpl-lesson">', '<main class="bpl-lesson"><a href="missing.html">x</a>'),
        modes: ['http'],
        expect: /\[http\] no link to index\.html[\s\S]*\[http\] broken navigation link indx\.html/,
        warnings: ['broken link in the lesson text: href="missing.html"'],
      },
      {
        what: 'an empty In [ ]: prompt',
        from: '02-beta',
        edit: (h) => h.replace('<main class="bpl-lesson">', '<main class="bpl-lesson"><div class="jp-InputPrompt" style="display:block">In&nbsp;[&nbsp;]:</div>'),
        modes: ['file'],
        expect: /1 In\/Out prompt\(s\) on the page/,
      },
    ];
    for (const [i, mutation] of mutations.entries()) {
      await t.test(`browser: the checks catch ${mutation.what}`, async () => {
        const name = `90-mutation-${i}`;
        const html = fs.readFileSync(path.join(siteDir, `${mutation.from}.html`), 'utf8');
        const mutated = mutation.edit(html);
        assert.notEqual(mutated, html, 'the mutation changed the page');
        fs.writeFileSync(path.join(siteDir, `${name}.html`), mutated);
        fs.copyFileSync(path.join(siteDir, `${mutation.from}.ipynb`), path.join(siteDir, `${name}.ipynb`));
        try {
          const report = await checker.checkPage(name, { modes: mutation.modes, scriptsOff: mutation.scriptsOff });
          assert.match(report.problems.join('\n'), mutation.expect);
          if (mutation.warnings) assert.deepEqual(report.warnings, mutation.warnings);
        } finally {
          fs.rmSync(path.join(siteDir, `${name}.html`));
          fs.rmSync(path.join(siteDir, `${name}.ipynb`));
        }
      });
    }

    await t.test('browser: the index check catches a page the index does not link', async () => {
      fs.copyFileSync(path.join(siteDir, '02-beta.html'), path.join(siteDir, '03-unlisted.html'));
      fs.copyFileSync(path.join(siteDir, '02-beta.ipynb'), path.join(siteDir, '03-unlisted.ipynb'));
      try {
        const report = await checker.checkIndex();
        assert.match(report.problems.join('\n'), /\[http\] the index does not link 03-unlisted\.html[\s\S]*\[file\] the index does not link 03-unlisted\.html/);
      } finally {
        fs.rmSync(path.join(siteDir, '03-unlisted.html'));
        fs.rmSync(path.join(siteDir, '03-unlisted.ipynb'));
      }
    });
  } finally {
    await checker.close();
  }
});

test('site pages on a phone: every kind of chart readable, code never clipped', { skip: !fs.existsSync('/usr/bin/chromium') && 'no Chromium' }, async (t) => {
  const phoneDir = path.join(dir, 'phone-site');
  const notebook = writeChartNotebook(path.join(dir, 'phone', '01-charts.ipynb'));
  await site.buildSite({ outDir: phoneDir, lessons: [{ name: '01-charts', executed: notebook }] });
  const checker = await SiteChecker.open(phoneDir, { screenshotDir });
  const phoneOnly = { modes: [], scriptsOff: false };
  try {
    await t.test('at 390 px: the page fits, every plot area is at least 200 px wide, titles inside, no code clipped', async () => {
      const report = await checker.checkPage('01-charts', phoneOnly);
      assert.deepEqual(report.problems, []);
      const areas = report.phone.charts.flatMap((c) => c.plotAreas);
      assert.equal(areas.length, 8, 'six charts, two with two panels');
      assert.ok(Math.min(...areas) >= 200, `plot areas ${areas.join(', ')}`);
      assert.ok(report.phone.pageWidth <= 390);
    });
    const mutations = [
      {
        what: 'charts that keep their desktop layout (legend at the side, wide margins)',
        edit: (h) => h.replace(/function responsiveLayout\(figure, room, measuredLegend = -1\) \{/g, (m) => `${m} if (room < figure.layout.width) return Object.assign({}, figure.layout, { width: room });`),
        expect: /\[phone 390 px\] chart 2 "Five placements of 1\/m on one network: the cost a[^"]*": plot area \d+ px wide \(at least 200\)/,
      },
      {
        what: 'a title pushed over the plot',
        edit: (h) => h.replace(/pad: \{ t: 20 \}/g, 'pad: { t: 150 }'),
        expect: /chart 1 "Training cost, learning rate 1\.2": title outside the chart or over the plot/,
      },
      {
        what: 'code clipped (overflow hidden, no wrapping)',
        edit: (h) => h.replace('</head>', '<style>.jp-InputArea-editor pre, .jp-OutputArea-output pre { overflow: hidden !important; white-space: pre !important; }</style></head>'),
        expect: /code clipped \(neither wrapped nor scrollable\): "\/\/ one long line"[\s\S]*code clipped \(neither wrapped nor scrollable\): "const placements/,
      },
      {
        what: 'a page wider than the phone',
        edit: (h) => h.replace('<main class="bpl-lesson">', '<main class="bpl-lesson"><div style="width: 700px">wide</div>'),
        expect: /\[phone 390 px\] the page is \d+ px wide on a 390 px screen/,
      },
    ];
    for (const [i, mutation] of mutations.entries()) {
      await t.test(`browser: the phone check catches ${mutation.what}`, async () => {
        const name = `91-phone-${i}`;
        const html = fs.readFileSync(path.join(phoneDir, '01-charts.html'), 'utf8');
        const mutated = mutation.edit(html);
        assert.notEqual(mutated, html, 'the mutation changed the page');
        fs.writeFileSync(path.join(phoneDir, `${name}.html`), mutated);
        fs.copyFileSync(path.join(phoneDir, '01-charts.ipynb'), path.join(phoneDir, `${name}.ipynb`));
        try {
          const report = await checker.checkPage(name, phoneOnly);
          assert.match(report.problems.join('\n'), mutation.expect);
        } finally {
          fs.rmSync(path.join(phoneDir, `${name}.html`));
          fs.rmSync(path.join(phoneDir, `${name}.ipynb`));
        }
      });
    }
  } finally {
    await checker.close();
  }
});

test('lessonInfo takes the title and a one-line description from the first markdown cell', () => {
  const nb = (source) => ({ cells: [{ cell_type: 'code', source: 'x' }, { cell_type: 'markdown', source }] });
  assert.deepEqual(site.lessonInfo(nb('# One neuron\n\nA sigmoid unit and its gradient.\nSecond line.\n\nMore.'), '01-x'), {
    title: 'One neuron',
    description: 'A sigmoid unit and its gradient. Second line.',
  });
  const long = `Where $a. b$ goes. ${'word '.repeat(60)}`;
  assert.equal(site.lessonInfo(nb(`# T\n\n${long}`), 'n').description, 'Where $a. b$ goes.');
  assert.deepEqual(site.lessonInfo({ cells: [] }, '07-empty'), { title: '07-empty', description: '' });
});

test('plotly outputs and math are counted as nbconvert will show them', () => {
  const out = (data) => ({ cell_type: 'code', source: '', outputs: [{ output_type: 'display_data', metadata: {}, data }] });
  const nb = {
    cells: [
      out({ 'application/vnd.plotly.v1+json': {}, 'text/html': '<div></div>', 'text/plain': 'chart' }),
      out({ 'application/vnd.plotly.v1+json': {}, 'text/plain': 'chart' }),
      out({ 'text/latex': '$$x$$', 'image/svg+xml': '<svg/>', 'text/plain': 'x' }),
    ],
  };
  assert.equal(site.plotlyOutputCount(nb), 2);
  assert.equal(site.notebookHasMath(nb), false, 'svg is shown before latex');
  nb.cells.push(out({ 'text/latex': '\\frac{1}{m}', 'text/plain': '1/m' }));
  assert.equal(site.notebookHasMath(nb), true);
  assert.equal(site.notebookHasMath({ cells: [{ cell_type: 'markdown', source: 'cost $J$' }] }), true);
  assert.equal(site.notebookHasMath({ cells: [{ cell_type: 'markdown', source: 'no math' }] }), false);
});
