#!/usr/bin/env node
'use strict';
// npm run export [-- NOTEBOOK... ] [--out DIR] [--check]
// Executes the lessons in fresh kernels (the project's one runner, two at a time) and writes an
// offline HTML site of the executed notebooks: see scripts/lib/site.js for its layout.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const env = require('./lib/env');
const { executeAll, formatFailure } = require('./lib/notebook-runner');
const site = require('./lib/site');

const USAGE = `usage: npm run export [-- [NOTEBOOK ...] [--out DIR] [--check]]

Executes each notebook top to bottom in a fresh kernel (2 at a time) and writes an offline
HTML site: DIR/index.html, DIR/<name>.html (one page per lesson, with previous / next / index
links), DIR/<name>.ipynb (the executed notebook, linked from its page) and DIR/assets/
(plotly.js, KaTeX, styles). The pages use relative URLs only: open DIR/index.html from disk
or serve DIR from any web server folder; nothing is fetched from outside.

  NOTEBOOK ...   export only these notebooks (e.g. notebooks/03-*.ipynb); pages already in
                 DIR stay and are linked. Default: every notebooks/NN-*.ipynb, and pages of
                 lessons that no longer exist are removed from DIR.
  --out DIR      write the site to DIR (default: site/)
  --check        then check every page in Chromium (over http and from file://), saving
                 screenshots to test-output/screenshots/
  --help         this text

A failing notebook does not stop the others: its failing cell and the kernel's message are
printed, its previous page (if any) is kept, and the export exits with status 1.`;

function parseArgs(argv) {
  const options = { notebooks: [], out: path.join(env.root, 'site'), check: false, help: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') options.help = true;
    else if (arg === '--check') options.check = true;
    else if (arg === '--out' || arg === '-o') {
      if (!argv[i + 1]) throw new Error('--out needs a folder');
      options.out = path.resolve(argv[++i]);
    } else if (arg.startsWith('--out=')) options.out = path.resolve(arg.slice('--out='.length));
    else if (arg.startsWith('-')) throw new Error(`unknown option ${arg}`);
    else options.notebooks.push(...expand(arg));
  }
  return options;
}

/** A notebook argument: a path, or a pattern with * and ? the shell left unexpanded. */
function expand(arg) {
  if (fs.existsSync(arg) || !/[*?]/.test(arg)) {
    if (!fs.existsSync(arg)) throw new Error(`no such notebook: ${arg}`);
    if (!arg.endsWith('.ipynb')) throw new Error(`not a notebook (.ipynb): ${arg}`);
    return [path.resolve(arg)];
  }
  const dir = path.dirname(arg);
  const pattern = new RegExp(
    `^${path
      .basename(arg)
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
  );
  const matches = fs.existsSync(dir)
    ? fs.readdirSync(dir).filter((f) => pattern.test(f) && f.endsWith('.ipynb')).sort()
    : [];
  if (matches.length === 0) throw new Error(`no notebook matches ${arg}`);
  return matches.map((f) => path.resolve(dir, f));
}

function seconds(s) {
  return s >= 60 ? `${Math.floor(s / 60)} min ${(s % 60).toFixed(0).padStart(2, '0')} s` : `${s.toFixed(1)} s`;
}

function table(rows) {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => String(r[c]).length)));
  const line = (r) => r.map((cell, c) => String(cell).padEnd(widths[c])).join('  ').trimEnd();
  return [line(rows[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

async function main(argv) {
  const started = Date.now();
  let options;
  try {
    options = parseArgs(argv);
  } catch (error) {
    console.error(`[export] ${error.message}\n\n${USAGE}`);
    return 2;
  }
  if (options.help) {
    console.log(USAGE);
    return 0;
  }
  const subset = options.notebooks.length > 0;
  const notebooks = [...new Set(subset ? options.notebooks : env.lessonNotebooks())];
  const names = notebooks.map(site.pageName);
  const duplicate = names.find((n, i) => names.indexOf(n) !== i);
  if (duplicate) {
    console.error(`[export] two notebooks are both called ${duplicate}.ipynb`);
    return 2;
  }
  if (notebooks.length === 0) {
    console.error('[export] no notebooks to export');
    return 2;
  }
  const outDir = options.out;
  const rel = (p) => path.relative(process.cwd(), p) || '.';
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bpl-export-'));
  console.log(`[export] ${notebooks.length} notebook(s) -> ${rel(outDir)}/ (each in a fresh kernel, 2 at a time)`);

  // 1. execute
  const results = await executeAll(notebooks, {
    outDir: workDir,
    concurrency: 2,
    onStart: (nb) => console.log(`[export] running  ${site.pageName(nb)}`),
    onDone: (r) => {
      const name = site.pageName(r.notebook);
      if (r.ok) console.log(`[export] done     ${name} in ${seconds(r.seconds)} (${r.cells} code cells)`);
      else {
        console.log(`[export] FAILED   ${name} after ${seconds(r.seconds)}`);
        console.error(formatFailure(r));
      }
    },
  });

  // 2. the site: fresh pages for the notebooks that ran clean; failed ones keep their old page
  const byName = new Map(results.map((r) => [site.pageName(r.notebook), r]));
  let lessonNames;
  if (subset) {
    lessonNames = [...new Set([...(fs.existsSync(outDir) ? site.sitePages(outDir) : []), ...names])].sort();
  } else {
    lessonNames = names;
    if (fs.existsSync(outDir)) {
      for (const stale of site.sitePages(outDir).filter((n) => !names.includes(n))) {
        for (const ext of ['.html', '.ipynb']) fs.rmSync(path.join(outDir, stale + ext), { force: true });
        console.log(`[export] removed  ${stale} (no such notebook any more)`);
      }
    }
  }
  const lessons = lessonNames.map((name) => {
    const r = byName.get(name);
    if (!r) return { name }; // a page from an earlier export: re-rendered for navigation
    return r.ok ? { name, executed: r.outputPath } : { name, keep: true, source: r.notebook };
  });
  console.log(`[export] rendering ${lessons.filter((l) => !l.keep).length} page(s) with nbconvert`);
  const built = await site.buildSite({ outDir, lessons });
  console.log(`[export] rendered ${built.pages.length} page(s) and the index in ${seconds(built.seconds)}`);
  const pageReports = new Map(built.pages.map((p) => [p.name, p]));
  for (const p of built.pages) {
    if (!p.ok) console.error(`RENDER FAILED: ${p.name}\n${p.error}`);
  }

  // 3. summary
  const rows = [['notebook', 'result', 'run', 'cells', 'charts', 'page']];
  let failures = 0;
  for (const name of names) {
    const r = byName.get(name);
    const p = pageReports.get(name);
    const html = path.join(outDir, `${name}.html`);
    let result = 'ok';
    let page = p && p.ok ? rel(html) : '';
    if (!r.ok) {
      failures++;
      result = r.failure && r.failure.index !== null ? `FAILED (cell ${r.failure.index + 1})` : 'FAILED';
      page = fs.existsSync(html) ? 'previous page kept' : 'none';
    } else if (!p || !p.ok) {
      failures++;
      result = 'RENDER FAILED';
      page = fs.existsSync(html) ? 'previous page kept' : 'none';
    }
    rows.push([name, result, seconds(r.seconds), r.cells, p ? p.charts : '', page]);
  }
  const others = built.pages.filter((p) => !byName.has(p.name));
  console.log('');
  console.log(table(rows));
  if (others.length > 0) console.log(`(${others.length} page(s) from earlier exports re-rendered for navigation)`);
  console.log('');
  const total = (Date.now() - started) / 1000;
  console.log(
    `[export] ${notebooks.length - failures} of ${notebooks.length} notebook(s) exported, ${failures} failed; ` +
      `site: ${rel(path.join(outDir, 'index.html'))}; total ${seconds(total)}`,
  );
  fs.rmSync(workDir, { recursive: true, force: true });

  let code = failures > 0 ? 1 : 0;
  if (options.check) {
    const check = require('./lib/browser-check');
    const checked = await check.main(['node', 'browser-check', outDir]);
    if (checked !== 0) code = 1;
    console.log(`[export] with browser checks: ${seconds((Date.now() - started) / 1000)}`);
  }
  return code;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error) => {
      console.error(error);
      process.exit(2);
    },
  );
}

module.exports = { main, parseArgs, expand };
