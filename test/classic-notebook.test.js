'use strict';
// The charts in the classic Notebook (Debian's 6.4, what `npm start` opens), live: `npm start
// -- --port 0` serves the repository, Chromium opens a notebook of chart outputs made by the
// package's own chart code. Trusted (signed as `jupyter trust` does, as after running it), every
// chart is drawn by the project's plotly.js, loaded through require.js from files/node_modules/;
// untrusted (a notebook from elsewhere), the sanitizer keeps each chart's static image. Every
// request must stay on the server.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { spawn, spawnSync } = require('node:child_process');
const env = require('../scripts/lib/env');
const { CHROMIUM, launchChromium } = require('../scripts/lib/browser-check');
const { writeChartNotebook } = require('./helpers/chart-fixtures');

const dir = path.join(env.root, 'test-output', 'classic');
const skip = !fs.existsSync(CHROMIUM) ? `${CHROMIUM} is missing` : !env.jupyterCommand() ? 'no jupyter' : false;

/** Start `npm start -- --port 0`; resolves with { url, stop } once it prints the lessons' URL. */
function startServer() {
  const child = spawn(process.execPath, [path.join(env.root, 'scripts', 'start.js'), '--port', '0'], {
    cwd: env.root,
    env: { ...process.env, CI: 'true' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const stop = () => {
    child.kill('SIGINT');
    return new Promise((resolve) => child.once('exit', resolve));
  };
  return new Promise((resolve, reject) => {
    // no URL in 50 s (e.g. one with port 0): stop the server and fail
    const deadline = setTimeout(() => {
      child.kill('SIGINT');
      reject(new Error(`no URL printed in 50 s:\n${output}`));
    }, 50_000);
    const timer = setInterval(() => {
      const m = /The lessons are at:\s+(http:\/\/\S+)/.exec(output);
      if (m) {
        clearInterval(timer);
        clearTimeout(deadline);
        resolve({ url: new URL(m[1]), stop });
      }
    }, 100);
    child.on('exit', (code) => {
      clearInterval(timer);
      clearTimeout(deadline);
      reject(new Error(`npm start exited with ${code}:\n${output}`));
    });
  });
}

test('charts in the classic Notebook: drawn by plotly.js when trusted, static images when not', { skip, timeout: 180_000 }, async (t) => {
  fs.rmSync(dir, { recursive: true, force: true });
  const trusted = writeChartNotebook(path.join(dir, 'trusted.ipynb'));
  const untrusted = writeChartNotebook(path.join(dir, 'untrusted.ipynb'));
  // what `jupyter trust` does (Debian has no jupyter-trust command): sign with the user's notary
  const sign = 'import sys, nbformat\nfrom nbformat.sign import NotebookNotary\nNotebookNotary().sign(nbformat.read(sys.argv[1], 4))';
  const signed = spawnSync(env.jupyterPython(), ['-c', sign, trusted], { env: env.jupyterEnv(), encoding: 'utf8' });
  assert.equal(signed.status, 0, signed.stderr);
  const server = await startServer();
  const browser = await launchChromium();
  try {
    const open = async (file) => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const outside = [];
      await context.route('**/*', (route) => {
        const url = route.request().url();
        if (url.startsWith(server.url.origin)) return route.continue();
        outside.push(url);
        return route.abort('blockedbyclient');
      });
      const page = await context.newPage();
      const requested = [];
      page.on('request', (r) => requested.push(new URL(r.url()).pathname));
      const relative = path.relative(env.root, file).split(path.sep).join('/');
      await page.goto(`${server.url.origin}/notebooks/${relative}?token=${server.url.searchParams.get('token')}`, { waitUntil: 'load' });
      await page.waitForSelector('.output_area', { timeout: 60000 });
      return { context, page, outside, requested };
    };

    await t.test('trusted: all 6 charts drawn, plotly.js from files/node_modules/ through require.js', async () => {
      const { context, page, outside, requested } = await open(trusted);
      await page.waitForFunction(() => document.querySelectorAll('.js-plotly-plot .main-svg').length >= 6, null, { timeout: 60000 }).catch(() => {});
      const drawn = await page.evaluate(() => Array.from(document.querySelectorAll('.js-plotly-plot')).filter((e) => e.querySelector('.main-svg')).length);
      await context.close();
      assert.equal(drawn, 6);
      assert.deepEqual(outside, [], 'no request leaves the server');
      assert.deepEqual(requested.filter((p) => p.includes('plotly')), ['/files/node_modules/plotly.js-dist-min/plotly.min.js']);
    });

    await t.test('untrusted: no chart drawn, every static image shown', async () => {
      const { context, page, outside } = await open(untrusted);
      await page.waitForTimeout(1500);
      const shown = await page.evaluate(() => ({
        drawn: document.querySelectorAll('.js-plotly-plot').length,
        images: Array.from(document.querySelectorAll('.output_html img.bp-chart-static, .output_html img[src^="data:image/svg"]')).filter((e) => e.getBoundingClientRect().width > 0).length,
      }));
      await context.close();
      assert.deepEqual(shown, { drawn: 0, images: 6 });
      assert.deepEqual(outside, []);
    });
  } finally {
    await browser.close();
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
