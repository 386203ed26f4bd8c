'use strict';
// Executed notebooks rendered by JupyterLab 4's own output renderers (the ones Notebook 7 uses
// too), in Debian's Chromium, as a learner sees them with no extension installed:
//   - @jupyterlab/rendermime's standard renderer factories and @jupyterlab/apputils' Sanitizer,
//     bundled for the browser with esbuild into test-output/jupyterlab/rendermime.js;
//   - a page served like a Jupyter server whose root is the repository (as `npm start`, Binder
//     and JupyterLab started from the repository serve it), under a hub-like base URL
//     (/user/learner/): `#jupyter-config-data` holds the base URL, `{base}files/PATH` serves
//     the repository's files, nothing else exists;
//   - each output goes through what JupyterLab's output area does: join text/html lines, pick
//     `preferredMimeType(data, trusted ? 'any' : 'ensure')`, `createRenderer(mime)
//     .renderModel(new MimeModel({ data, trusted }))`, attach the node.
// Trusted (the notebook ran in this session, or the learner trusted it): every chart must be
// drawn by plotly.js (.js-plotly-plot with its .main-svg), loaded once from the files route.
// Untrusted (a notebook opened from elsewhere): no script runs, every chart shows its image.
// Any request outside the server, console error or page error is a problem.
//
// CLI: node scripts/lib/jupyterlab-check.js NOTEBOOK.ipynb... [--width PX]
const fs = require('node:fs');
const http = require('node:http');
const path = require('node:path');
const env = require('./env');
const { launchChromium } = require('./browser-check');

const BASE = '/user/learner/';
const PLOTLY_MIME = 'application/vnd.plotly.v1+json';
const PLOTLY_FILE = 'node_modules/plotly.js-dist-min/plotly.min.js';
const bundleFile = path.join(env.root, 'test-output', 'jupyterlab', 'rendermime.js');

// What the page runs: JupyterLab's registry with its standard renderers and sanitizer.
const ENTRY = `
import { MimeModel, RenderMimeRegistry, standardRendererFactories } from '@jupyterlab/rendermime';
import { Sanitizer } from '@jupyterlab/apputils';
const registry = new RenderMimeRegistry({ initialFactories: standardRendererFactories, sanitizer: new Sanitizer() });
window.bplRenderOutputs = async (outputs, trusted) => {
  const host = document.getElementById('outputs');
  const chosen = [];
  for (const output of outputs) {
    const data = {};
    for (const [mime, value] of Object.entries(output.data || {})) data[mime] = Array.isArray(value) ? value.join('') : value;
    const mime = registry.preferredMimeType(data, trusted ? 'any' : 'ensure');
    chosen.push(mime || null);
    if (!mime) continue;
    const renderer = registry.createRenderer(mime);
    await renderer.renderModel(new MimeModel({ data, trusted, metadata: output.metadata || {} }));
    const area = document.createElement('div');
    area.className = 'jp-OutputArea-output';
    area.setAttribute('data-mime-type', mime);
    area.appendChild(renderer.node);
    host.appendChild(area);
  }
  return chosen;
};
`;

const TYPES = { '.js': 'text/javascript; charset=utf-8', '.css': 'text/css', '.json': 'application/json', '.ipynb': 'application/json' };

/** Bundle JupyterLab's renderers for the browser (once; rebuilt when the packages change). */
async function buildBundle() {
  const lock = path.join(env.root, 'package-lock.json');
  if (fs.existsSync(bundleFile) && fs.statSync(bundleFile).mtimeMs > fs.statSync(lock).mtimeMs) return bundleFile;
  const esbuild = require('esbuild');
  fs.mkdirSync(path.dirname(bundleFile), { recursive: true });
  await esbuild.build({
    stdin: { contents: ENTRY, resolveDir: env.root, loader: 'js' },
    bundle: true,
    format: 'iife',
    platform: 'browser',
    outfile: `${bundleFile}.tmp`,
    loader: { '.svg': 'text', '.css': 'empty' },
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'error',
  });
  fs.renameSync(`${bundleFile}.tmp`, bundleFile);
  return bundleFile;
}

function pageHtml() {
  const config = { appName: 'JupyterLab', appVersion: '4', baseUrl: BASE, treePath: '' };
  return `<!DOCTYPE html>
<html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>JupyterLab output renderers</title>
<script id="jupyter-config-data" type="application/json">${JSON.stringify(config)}</script>
<style>body { margin: 0; font: 13px sans-serif; } #outputs { padding: 8px 12px 8px 70px; } .jp-OutputArea-output { margin: 6px 0; overflow-x: auto; }</style>
<script src="${BASE}static/bpl-rendermime.js"></script>
</head><body><div id="outputs"></div></body></html>`;
}

/** A Jupyter-server-like server: BASE + 'lab', its renderer bundle, and BASE + 'files/' from `root`. */
function serveLikeJupyter(root) {
  const requests = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    const pathname = decodeURIComponent(url.pathname);
    requests.push(pathname);
    if (pathname === `${BASE}lab`) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(pageHtml());
      return;
    }
    if (pathname === `${BASE}static/bpl-rendermime.js`) {
      res.writeHead(200, { 'content-type': TYPES['.js'] }).end(fs.readFileSync(bundleFile));
      return;
    }
    if (pathname.startsWith(`${BASE}files/`)) {
      const file = path.resolve(root, pathname.slice(`${BASE}files/`.length));
      if (!file.startsWith(root + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
        res.writeHead(404).end('not found');
        return;
      }
      res.writeHead(200, { 'content-type': TYPES[path.extname(file)] || 'application/octet-stream' });
      fs.createReadStream(file).pipe(res);
      return;
    }
    res.writeHead(404).end('not found');
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const origin = `http://127.0.0.1:${server.address().port}`;
      resolve({ origin, requests, close: () => new Promise((r) => server.close(r)) });
    });
  });
}

/** The outputs JupyterLab renders with a mime renderer (display data and results), in order. */
function richOutputs(nb) {
  const outputs = [];
  for (const cell of nb.cells) {
    for (const output of cell.outputs || []) {
      if (output.output_type === 'display_data' || output.output_type === 'execute_result') outputs.push(output);
    }
  }
  return outputs;
}

/** What the page shows after rendering: charts drawn, chart images visible, plot-area widths. */
function measureCharts() {
  const visible = (e) => {
    const box = e.getBoundingClientRect();
    const style = getComputedStyle(e);
    return box.width > 0 && box.height > 0 && style.visibility !== 'hidden' && style.display !== 'none';
  };
  const plots = Array.from(document.querySelectorAll('.js-plotly-plot'));
  return {
    drawn: plots.filter((p) => p.querySelector('.main-svg')).length,
    images: Array.from(document.querySelectorAll('.jp-OutputArea-output img.bp-chart-static, .jp-OutputArea-output img[src^="data:image/svg"]')).filter(visible).length,
    plotAreas: plots.flatMap((p) => Array.from(p.querySelectorAll('.nsewdrag')).map((d) => Math.round(d.getBoundingClientRect().width))),
    scripts: document.querySelectorAll('#outputs script').length,
  };
}

class JupyterLabChecker {
  /** @param {{ root?: string, browser?: import('playwright-core').Browser }} [options] */
  static async open(options = {}) {
    await buildBundle();
    const checker = new JupyterLabChecker();
    checker.root = path.resolve(options.root || env.root);
    checker.server = await serveLikeJupyter(checker.root);
    checker.browser = options.browser || (await launchChromium());
    checker.ownBrowser = !options.browser;
    return checker;
  }

  /**
   * Render the rich outputs of an executed notebook (object or path) as JupyterLab does, trusted
   * or not, at a viewport `width`; resolves with the measurements and the problems seen.
   */
  async render(notebook, { trusted, width = 1280, chartTimeoutMs = 60000 }) {
    const nb = typeof notebook === 'string' ? JSON.parse(fs.readFileSync(notebook, 'utf8')) : notebook;
    const outputs = richOutputs(nb);
    const charts = outputs.filter((o) => o.data && o.data[PLOTLY_MIME] !== undefined).length;
    const context = await this.browser.newContext({ viewport: { width, height: 900 } });
    const problems = [];
    const origin = this.server.origin;
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith(origin + BASE) || /^(data|blob|about):/.test(url)) return route.continue();
      problems.push(`request outside the server: ${url}`);
      return route.abort('blockedbyclient');
    });
    const page = await context.newPage();
    page.on('console', (m) => m.type() === 'error' && problems.push(`console error: ${m.text()}`));
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    const first = this.server.requests.length;
    let chosen = [];
    let measured = null;
    try {
      await page.goto(`${origin}${BASE}lab`, { waitUntil: 'load' });
      chosen = await page.evaluate(({ list, isTrusted }) => window.bplRenderOutputs(list, isTrusted), { list: outputs, isTrusted: trusted });
      if (trusted && charts > 0) {
        await page.waitForFunction((n) => document.querySelectorAll('.js-plotly-plot .main-svg').length >= n, charts, { timeout: chartTimeoutMs }).catch(() => {});
      } else {
        await page.waitForTimeout(500); // time for a script that should not run
      }
      measured = await page.evaluate(measureCharts);
    } catch (error) {
      problems.push(`could not render: ${error.message.split('\n')[0]}`);
    }
    await context.close();
    const plotlyLoads = this.server.requests.slice(first).filter((p) => p === `${BASE}files/${PLOTLY_FILE}`).length;
    const chartMimes = outputs.map((o, i) => (o.data && o.data[PLOTLY_MIME] !== undefined ? chosen[i] : undefined)).filter((m) => m !== undefined);
    return { charts, chartMimes, plotlyLoads, problems, ...(measured || { drawn: 0, images: 0, plotAreas: [], scripts: 0 }) };
  }

  /**
   * Problems of one executed notebook (empty when good): trusted, every chart drawn by plotly.js
   * loaded once from the files route; untrusted, every chart's image visible and no script run.
   */
  async checkNotebook(notebook, { width = 1280, chartTimeoutMs } = {}) {
    const trusted = await this.render(notebook, { trusted: true, width, chartTimeoutMs });
    const untrusted = await this.render(notebook, { trusted: false, width });
    const problems = [...trusted.problems.map((p) => `[trusted] ${p}`), ...untrusted.problems.map((p) => `[untrusted] ${p}`)];
    if (trusted.drawn !== trusted.charts) problems.push(`[trusted] ${trusted.drawn} of ${trusted.charts} chart(s) drawn by plotly.js`);
    if (trusted.charts > 0 && trusted.plotlyLoads !== 1) problems.push(`[trusted] plotly.js loaded ${trusted.plotlyLoads} time(s) from ${BASE}files/${PLOTLY_FILE}, expected once`);
    if (untrusted.drawn !== 0) problems.push(`[untrusted] ${untrusted.drawn} chart(s) drawn: a script ran`);
    if (untrusted.images < untrusted.charts) problems.push(`[untrusted] ${untrusted.images} chart image(s) visible, expected ${untrusted.charts}`);
    return { charts: trusted.charts, trusted, untrusted, problems };
  }

  async close() {
    if (this.ownBrowser && this.browser) await this.browser.close();
    if (this.server) await this.server.close();
  }
}

async function main(argv) {
  const args = argv.slice(2);
  const w = args.indexOf('--width');
  const width = w >= 0 ? Number(args[w + 1]) : 1280;
  const files = args.filter((a, i) => !(w >= 0 && (i === w || i === w + 1)));
  if (files.length === 0 || args.includes('--help')) {
    console.log('usage: node scripts/lib/jupyterlab-check.js EXECUTED.ipynb... [--width PX]');
    return files.length === 0 ? 2 : 0;
  }
  const checker = await JupyterLabChecker.open();
  let bad = 0;
  try {
    for (const file of files) {
      const report = await checker.checkNotebook(file, { width });
      if (report.problems.length > 0) bad++;
      console.log(
        `${report.problems.length === 0 ? 'ok  ' : 'FAIL'} ${path.basename(file).padEnd(40)} trusted: ${report.trusted.drawn}/${report.charts} drawn ` +
          `(${[...new Set(report.trusted.chartMimes)].join(', ') || '-'}); untrusted: ${report.untrusted.images}/${report.charts} images`,
      );
      for (const p of report.problems) console.log(`       ${p}`);
    }
  } finally {
    await checker.close();
  }
  return bad === 0 ? 0 : 1;
}

if (require.main === module) {
  main(process.argv).then(
    (code) => process.exit(code),
    (error) => {
      console.error(error);
      process.exit(2);
    },
  );
}

module.exports = { BASE, PLOTLY_FILE, JupyterLabChecker, buildBundle, richOutputs, serveLikeJupyter };
