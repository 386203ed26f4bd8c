'use strict';
// Browser checks of an exported site, in Debian's Chromium driven by playwright-core (never a
// downloaded browser). Every page is loaded twice: over http from a tiny server on 127.0.0.1
// (the site mounted in a sub-folder, as on a course page) and from file://. Each visit routes
// every request and aborts and reports any that leaves the site (a CDN, file:///usr/share/...),
// and reports console errors, page errors, failed requests, math that did not render (no
// .katex where the notebook has math, any .katex-error, raw TeX such as $$ or \frac left in the
// text outside code), charts not drawn (.js-plotly-plot count against the plotly outputs of the
// executed notebook next to the page), prompts, and links to missing files. With scripts off,
// every chart must still show its static image. On a phone (390 x 844 px, over http) the page
// must fit the screen, every chart's plot area (the rectangle inside its axes) be at least
// 200 px wide with its title inside the chart and above the plot, and no code be clipped
// (code wider than its box must wrap or scroll). A screenshot of each visit is saved.
//
// CLI: node scripts/lib/browser-check.js [SITE_DIR] [--screenshots DIR]
const fs = require('node:fs');
const http = require('node:http');
const path = require('node:path');
const site = require('./site');
const env = require('./env');

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
const MOUNT = '/course/backprop-lessons/'; // the site is served from a sub-folder, not the root
/** A phone's screen: an iPhone 12 to 15 in CSS pixels. */
const PHONE = { width: 390, height: 844 };
/** The narrowest plot area (px) a chart may have on the phone. */
const MIN_PLOT_AREA = 200;

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.ipynb': 'application/x-ipynb+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
};

/** Serve `dir` under MOUNT on 127.0.0.1, a random free port. Resolves with { origin, base, close }. */
function serve(dir) {
  const root = path.resolve(dir);
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    let pathname = decodeURIComponent(url.pathname);
    if (!pathname.startsWith(MOUNT)) {
      res.writeHead(404).end('not found');
      return;
    }
    pathname = pathname.slice(MOUNT.length) || 'index.html';
    const file = path.resolve(root, pathname);
    if (file !== root && !file.startsWith(root + path.sep)) {
      res.writeHead(403).end('forbidden');
      return;
    }
    fs.readFile(file, (error, body) => {
      if (error) {
        res.writeHead(404).end('not found');
        return;
      }
      res.writeHead(200, { 'content-type': TYPES[path.extname(file)] || 'application/octet-stream' });
      res.end(body);
    });
  });
  return new Promise((resolve, reject) => {
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const origin = `http://127.0.0.1:${server.address().port}`;
      resolve({ origin, base: origin + MOUNT, close: () => new Promise((r) => server.close(r)) });
    });
  });
}

/** Launch Debian's Chromium through playwright-core. */
async function launchChromium() {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: run \`node scripts/setup.js --browser\` (installs Debian's chromium)`);
  }
  const { chromium } = require('playwright-core');
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS, headless: true });
}

/** What a loaded page shows, measured in the page. */
function measure() {
  const count = (selector) => document.querySelectorAll(selector).length;
  const clone = document.body.cloneNode(true);
  // Code and its outputs may hold TeX on purpose; KaTeX keeps the source in a hidden
  // annotation; errors are counted on their own.
  clone
    .querySelectorAll('pre, code, script, style, textarea, .katex-mathml, annotation, .katex-error, .jp-CodeCell .jp-InputArea')
    .forEach((e) => e.remove());
  const prose = clone.textContent;
  const rawTex = [];
  for (const pattern of [/\$\$/g, /\\[a-zA-Z]+/g, /\\[([\])]/g]) {
    for (const m of prose.matchAll(pattern)) {
      rawTex.push(prose.slice(Math.max(0, m.index - 30), m.index + 40).replace(/\s+/g, ' ').trim());
      if (rawTex.length >= 5) break;
    }
  }
  const prompts = (prose.match(/\b(In|Out)\s*\[[\s\d]*\]:/g) || []).length;
  return {
    title: document.title,
    katex: count('.katex'),
    katexErrors: Array.from(document.querySelectorAll('.katex-error')).map((e) => e.getAttribute('title') || e.textContent),
    charts: count('.js-plotly-plot'),
    chartsDrawn: Array.from(document.querySelectorAll('.js-plotly-plot')).filter((e) => e.querySelector('.main-svg')).length,
    rawTex,
    prompts,
    links: Array.from(document.querySelectorAll('a[href]')).map((a) => ({ href: a.getAttribute('href'), url: a.href, nav: a.closest('.bpl-nav') !== null })),
  };
}

/** What a phone shows: page width, each chart's plot areas and title, code that is clipped. */
function measurePhone() {
  const box = (e) => e.getBoundingClientRect();
  const charts = Array.from(document.querySelectorAll('.js-plotly-plot')).map((chart) => {
    const outer = box(chart);
    const areas = Array.from(chart.querySelectorAll('.nsewdrag')).map(box);
    const title = chart.querySelector('.gtitle');
    const t = title ? box(title) : null;
    const top = areas.length > 0 ? Math.min(...areas.map((a) => a.top)) : outer.bottom;
    return {
      title: title ? title.textContent : '',
      width: Math.round(outer.width),
      plotAreas: areas.map((a) => Math.round(a.width)),
      titleInside: !t || (t.top >= outer.top - 1 && t.left >= outer.left - 1 && t.right <= outer.right + 1 && t.bottom <= top + 1),
    };
  });
  // Code (input and text output) whose content is wider than what shows of it: clipped unless
  // the nearest box that stops the overflow lets it scroll.
  const clipped = [];
  for (const pre of document.querySelectorAll('pre')) {
    if (pre.closest('.js-plotly-plot')) continue;
    const right = box(pre).left + pre.scrollWidth;
    for (let e = pre; e && e !== document.body; e = e.parentElement) {
      const overflow = getComputedStyle(e).overflowX;
      if (overflow === 'visible') continue;
      if ((overflow === 'hidden' || overflow === 'clip') && right > box(e).right + 1) {
        clipped.push(pre.textContent.trim().split('\n')[0].slice(0, 60));
      }
      break;
    }
  }
  // a mobile browser zooms out to show a wider page whole (innerWidth grows): compare the
  // page's width with the screen's, not with the zoomed-out window
  const pageWidth = Math.max(document.documentElement.scrollWidth, document.body.scrollWidth);
  return { pageWidth, viewport: document.documentElement.clientWidth, charts, clipped };
}

/** Static images visible in chart outputs (used with scripts off). */
function visibleChartImages() {
  return Array.from(document.querySelectorAll('[data-mime-type="text/html"] img, [data-mime-type="image/svg+xml"] img, [data-mime-type="image/svg+xml"] svg')).filter((e) => {
    const box = e.getBoundingClientRect();
    const style = getComputedStyle(e);
    return box.width > 0 && box.height > 0 && style.visibility !== 'hidden' && style.display !== 'none';
  }).length;
}

class SiteChecker {
  /**
   * @param {string} siteDir
   * @param {{ screenshotDir?: string, browser?: import('playwright-core').Browser }} [options]
   */
  static async open(siteDir, options = {}) {
    const checker = new SiteChecker(siteDir, options);
    checker.server = await serve(checker.siteDir);
    checker.browser = options.browser || (await launchChromium());
    checker.ownBrowser = !options.browser;
    return checker;
  }

  constructor(siteDir, { screenshotDir } = {}) {
    this.siteDir = path.resolve(siteDir);
    this.screenshotDir = screenshotDir || null;
    if (this.screenshotDir) fs.mkdirSync(this.screenshotDir, { recursive: true });
  }

  /** The lesson pages of the site (names), in order. */
  pages() {
    return site.sitePages(this.siteDir);
  }

  url(mode, file) {
    return mode === 'http' ? this.server.base + file : `file://${this.siteDir}/${file}`;
  }

  /** Whether a request URL stays inside the site (same server, or the site's own folder). */
  isLocal(mode, url) {
    if (/^(data|blob|about):/.test(url)) return true;
    if (mode === 'http') return url.startsWith(this.server.base);
    return url.startsWith(`file://${this.siteDir}/`);
  }

  /** The file a link of a page points to, or null when it leaves the site or is an anchor. */
  linkTarget(mode, link) {
    if (link.href.startsWith('#')) return null;
    if (!this.isLocal(mode, link.url)) return { outside: true };
    const prefix = mode === 'http' ? this.server.base : `file://${this.siteDir}/`;
    const relative = decodeURIComponent(link.url.slice(prefix.length).split('#')[0].split('?')[0]);
    return { file: path.join(this.siteDir, relative || 'index.html') };
  }

  /**
   * Load one file of the site in one mode; resolves with the measurements and the problems
   * seen on the way. `expectCharts` waits for that many charts to be drawn.
   */
  async visit(file, mode, { expectCharts = 0, screenshot = null, javaScriptEnabled = true, phone = false } = {}) {
    const context = await this.browser.newContext(
      phone
        ? { javaScriptEnabled, viewport: PHONE, isMobile: true, hasTouch: true, deviceScaleFactor: 1 }
        : { javaScriptEnabled, viewport: { width: 1100, height: 900 } },
    );
    const problems = [];
    const outside = [];
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (this.isLocal(mode, url)) return route.continue();
      outside.push(url);
      return route.abort('blockedbyclient');
    });
    const page = await context.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('requestfailed', (request) => {
      if (this.isLocal(mode, request.url())) problems.push(`request failed: ${request.url()} (${request.failure()?.errorText})`);
    });
    page.on('response', (response) => {
      if (response.status() >= 400) problems.push(`HTTP ${response.status()} for ${response.url()}`);
    });
    let measured = null;
    try {
      await page.goto(this.url(mode, file), { waitUntil: 'load', timeout: 180000 });
      if (javaScriptEnabled && expectCharts > 0) {
        await page
          .waitForFunction((n) => document.querySelectorAll('.js-plotly-plot .main-svg').length >= n, expectCharts, { timeout: 5000 })
          .catch(() => {});
      }
      if (phone) measured = await page.evaluate(measurePhone);
      else measured = javaScriptEnabled ? await page.evaluate(measure) : { chartImages: await page.evaluate(visibleChartImages) };
      if (screenshot) await page.screenshot({ path: screenshot, fullPage: true });
    } catch (error) {
      problems.push(`could not load ${file} (${mode}): ${error.message.split('\n')[0]}`);
    }
    await context.close();
    for (const url of outside) problems.unshift(`request outside the site: ${url}`);
    return { measured, problems, outside };
  }

  /**
   * Problems of one lesson page (empty when the page is good): over http and from file://,
   * then over http with scripts off when it has charts, then on a phone. `modes` narrows the
   * visits; `phone: false` skips the phone.
   */
  async checkPage(name, { modes = ['http', 'file'], scriptsOff = true, phone = true } = {}) {
    const ipynb = path.join(this.siteDir, `${name}.ipynb`);
    const nb = site.readNotebook(ipynb);
    const expectCharts = site.plotlyOutputCount(nb);
    const hasMath = site.notebookHasMath(nb);
    const report = { name, expectCharts, hasMath, modes: {}, problems: [], warnings: [], screenshots: [] };
    for (const mode of modes) {
      // one full-page screenshot per page (the first mode visited) is enough
      const screenshot = this.screenshotDir && mode === modes[0] ? path.join(this.screenshotDir, `${name}.png`) : null;
      const { measured, problems } = await this.visit(`${name}.html`, mode, { expectCharts, screenshot });
      const say = (message) => problems.push(message);
      if (measured) {
        if (screenshot) report.screenshots.push(screenshot);
        if (hasMath && measured.katex === 0) say('the notebook has math but the page shows no rendered math (.katex)');
        for (const error of measured.katexErrors) say(`math error (.katex-error): ${error}`);
        for (const snippet of measured.rawTex) say(`raw TeX outside code: "${snippet}"`);
        if (measured.charts !== expectCharts) say(`${measured.charts} chart(s) on the page (.js-plotly-plot), the notebook has ${expectCharts}`);
        else if (measured.chartsDrawn !== expectCharts) say(`only ${measured.chartsDrawn} of ${expectCharts} chart(s) drawn`);
        if (measured.prompts > 0) say(`${measured.prompts} In/Out prompt(s) on the page`);
        const hrefs = measured.links.map((l) => l.href);
        if (!hrefs.includes('index.html')) say('no link to index.html');
        if (!measured.links.some((l) => l.href === `${name}.ipynb`)) say(`no download link to ${name}.ipynb`);
        // The site's own navigation must work; a broken link in a lesson's text is the
        // lesson's to fix: reported as a warning.
        for (const link of measured.links) {
          const target = this.linkTarget(mode, link);
          if (!target || !target.file || fs.existsSync(target.file)) continue;
          if (link.nav) say(`broken navigation link ${link.href}`);
          else if (mode === modes[0]) report.warnings.push(`broken link in the lesson text: href="${link.href}"`);
        }
      }
      report.modes[mode] = measured;
      report.problems.push(...problems.map((p) => `[${mode}] ${p}`));
    }
    if (phone) {
      const shot = this.screenshotDir ? path.join(this.screenshotDir, `${name}.phone.png`) : null;
      const { measured, problems } = await this.visit(`${name}.html`, 'http', { expectCharts, phone: true, screenshot: shot });
      const say = (message) => problems.push(message);
      if (measured) {
        if (shot) report.screenshots.push(shot);
        report.phone = measured;
        if (measured.pageWidth > PHONE.width) say(`the page is ${measured.pageWidth} px wide on a ${PHONE.width} px screen`);
        measured.charts.forEach((chart, k) => {
          const label = `chart ${k + 1} "${chart.title.slice(0, 50)}"`;
          for (const width of chart.plotAreas) if (width < MIN_PLOT_AREA) say(`${label}: plot area ${width} px wide (at least ${MIN_PLOT_AREA})`);
          if (!chart.titleInside) say(`${label}: title outside the chart or over the plot`);
        });
        for (const line of measured.clipped) say(`code clipped (neither wrapped nor scrollable): "${line}"`);
      }
      report.problems.push(...problems.map((p) => `[phone ${PHONE.width} px] ${p}`));
    }
    if (expectCharts > 0 && scriptsOff) {
      const { measured, problems } = await this.visit(`${name}.html`, 'http', { javaScriptEnabled: false });
      report.problems.push(...problems.map((p) => `[http, scripts off] ${p}`));
      if (measured && measured.chartImages < expectCharts) {
        report.problems.push(`[http, scripts off] ${measured.chartImages} static chart image(s) visible, expected ${expectCharts}`);
      }
    }
    return report;
  }

  /** Problems of the index: loads clean in both modes and links every lesson page. */
  async checkIndex() {
    const pages = this.pages();
    const report = { name: 'index', pages, problems: [], screenshots: [], linked: [] };
    for (const mode of ['http', 'file']) {
      const screenshot = this.screenshotDir && mode === 'http' ? path.join(this.screenshotDir, 'index.png') : null;
      const { measured, problems } = await this.visit('index.html', mode, { screenshot });
      if (measured) {
        if (screenshot) report.screenshots.push(screenshot);
        for (const error of measured.katexErrors) problems.push(`math error (.katex-error): ${error}`);
        for (const snippet of measured.rawTex) problems.push(`raw TeX outside code: "${snippet}"`);
        const linked = new Set();
        for (const link of measured.links) {
          const target = this.linkTarget(mode, link);
          if (!target) continue;
          if (target.outside) problems.push(`link outside the site: ${link.url}`);
          else if (!fs.existsSync(target.file)) problems.push(`broken link ${link.href}`);
          else if (target.file.endsWith('.html')) linked.add(path.basename(target.file, '.html'));
        }
        for (const name of pages) if (!linked.has(name)) problems.push(`the index does not link ${name}.html`);
        report.linked = [...linked].sort();
      }
      report.problems.push(...problems.map((p) => `[${mode}] ${p}`));
    }
    return report;
  }

  async close() {
    if (this.ownBrowser && this.browser) await this.browser.close();
    if (this.server) await this.server.close();
  }
}

/** Check a whole site: the index and every page. Resolves with { ok, reports }. */
async function checkSite(siteDir, { screenshotDir, onReport } = {}) {
  const checker = await SiteChecker.open(siteDir, { screenshotDir });
  const reports = [];
  try {
    const index = await checker.checkIndex();
    reports.push(index);
    if (onReport) onReport(index);
    for (const name of checker.pages()) {
      const report = await checker.checkPage(name);
      reports.push(report);
      if (onReport) onReport(report);
    }
  } finally {
    await checker.close();
  }
  return { ok: reports.every((r) => r.problems.length === 0), reports };
}

function printReport(report) {
  const status = report.problems.length === 0 ? 'ok  ' : 'FAIL';
  const detail =
    report.name === 'index'
      ? `links ${report.linked.length}/${report.pages.length} page(s)`
      : ['http', 'file']
          .map((m) => report.modes[m])
          .filter(Boolean)
          .map((m, i) => `${i === 0 ? 'http' : 'file'}: math ${m.katex}, charts ${m.chartsDrawn}/${report.expectCharts}`)
          .join('; ');
  console.log(`${status} ${report.name.padEnd(32)} ${detail}`);
  for (const problem of report.problems) console.log(`       ${problem}`);
  for (const warning of report.warnings || []) console.log(`       warning: ${warning}`);
}

async function main(argv) {
  const args = argv.slice(2);
  if (args.includes('--help') || args.includes('-h')) {
    console.log('usage: node scripts/lib/browser-check.js [SITE_DIR (default site)] [--screenshots DIR (default test-output/screenshots)]');
    return 0;
  }
  const i = args.indexOf('--screenshots');
  const screenshotDir = i >= 0 ? path.resolve(args[i + 1]) : path.join(env.root, 'test-output', 'screenshots');
  const rest = args.filter((a, j) => !(i >= 0 && (j === i || j === i + 1)));
  const siteDir = path.resolve(rest[0] || path.join(env.root, 'site'));
  console.log(`[check] ${siteDir} in ${CHROMIUM}: over http and from file://`);
  const { ok, reports } = await checkSite(siteDir, { screenshotDir, onReport: printReport });
  const bad = reports.filter((r) => r.problems.length > 0).length;
  console.log(`[check] ${reports.length - bad}/${reports.length} ok; screenshots in ${path.relative(process.cwd(), screenshotDir) || '.'}`);
  return ok ? 0 : 1;
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

module.exports = { CHROMIUM, CHROMIUM_FLAGS, PHONE, MIN_PLOT_AREA, serve, launchChromium, SiteChecker, checkSite, printReport, main };
