#!/usr/bin/env node
'use strict';
// npm run export [-- NOTEBOOK... ] [--out DIR] [--check]
// Executes the lessons in fresh kernels (the project's one runner, two at a time) and writes an
// offline HTML site of the executed notebooks: see scripts/lib/site.js for its layout.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const env = require('./lib/env');
const { executeAll, formatFailure, stopAll } = require('./lib/notebook-runner');
const site = require('./lib/site');
const { UsageError, parseCommandLine, expandNotebooks } = require('./lib/cli');
const interrupt = require('./lib/interrupt');

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
printed, its previous page (if any) is kept, and the export exits with status 1. A bad option
exits with status 2 before anything runs. The new pages are built beside the old site and swapped
in at the end: Ctrl+C (or SIGTERM) stops the kernels, removes the temporary files and leaves DIR
as it was.`;

const OPTIONS = {
  out: { type: 'string', short: 'o', valueName: 'a folder' },
  check: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
};

/** The command line: { notebooks, out, check, help }; a UsageError (one line) when it is wrong. */
function parseArgs(argv) {
  const { values, positionals } = parseCommandLine(argv, OPTIONS);
  if (values.out !== undefined && values.out.trim() === '') throw new UsageError('--out needs a folder');
  return {
    notebooks: positionals.flatMap(expandNotebooks),
    out: path.resolve(values.out === undefined ? path.join(env.root, 'site') : values.out),
    given: values.out === undefined ? 'site/ (the default)' : values.out,
    check: Boolean(values.check),
    help: Boolean(values.help),
  };
}

/** Why a file-system call failed, in words. */
function reason(error) {
  const words = {
    EACCES: 'permission denied: this user cannot write there',
    EPERM: 'permission denied: this user cannot write there',
    EROFS: 'a read-only file system',
    ENOSPC: 'no space left on the device',
    ENOTDIR: 'a part of the path is a file, not a folder',
    ELOOP: 'too many symbolic links',
    ENAMETOOLONG: 'the name is too long',
  };
  return words[error.code] || String(error.message).replace(/^\w+: /, '');
}

/** The real path of `p` (symbolic links resolved in the part that exists). */
function realPath(p) {
  const missing = [];
  let existing = p;
  while (!fs.existsSync(existing) && path.dirname(existing) !== existing) {
    missing.unshift(path.basename(existing));
    existing = path.dirname(existing);
  }
  try {
    return path.join(fs.realpathSync(existing), ...missing);
  } catch {
    return p;
  }
}

/**
 * Check, before anything runs, that `out` can hold the site: a folder (created with its
 * parents when missing), writable, not under /proc or /sys, not the folder of the notebooks
 * (their executed copies would overwrite them). Returns the first folder it created, or null.
 * Throws a UsageError naming --out and the reason.
 */
function prepareOutDir(out, given, notebooks) {
  const refuse = (why) => new UsageError(`--out ${given}: ${why}`);
  const real = realPath(out);
  for (const special of ['/proc', '/sys']) {
    if (real === special || real.startsWith(`${special}/`)) {
      throw refuse(`is under ${special}, the kernel's virtual file system, which cannot hold a site; choose an ordinary folder`);
    }
  }
  let existing = out;
  while (!fs.existsSync(existing)) existing = path.dirname(existing);
  let stat;
  try {
    stat = fs.statSync(existing);
  } catch (error) {
    throw refuse(reason(error));
  }
  if (!stat.isDirectory()) {
    const what = stat.isFile() ? 'is a file, not a folder' : 'is not a folder (a device, socket or pipe)';
    throw refuse(existing === out ? what : `${existing} ${what}`);
  }
  if (notebooks.some((nb) => realPath(path.dirname(nb)) === real)) {
    throw refuse('holds the notebooks being exported, and their executed copies would overwrite them; choose another folder');
  }
  let created = null;
  try {
    created = fs.mkdirSync(out, { recursive: true }) || null;
    fs.rmdirSync(fs.mkdtempSync(path.join(out, '.bpl-export-probe-')));
  } catch (error) {
    if (created) removeEmptyFolders(out, created);
    throw refuse(reason(error));
  }
  return created;
}

/** Remove `dir` and its parents up to `top`, as long as they are empty. */
function removeEmptyFolders(dir, top) {
  for (let d = dir; ; d = path.dirname(d)) {
    try {
      fs.rmdirSync(d);
    } catch {
      return;
    }
    if (d === top || path.dirname(d) === d) return;
  }
}

// --- the site is built beside the old one and swapped in ----------------------------------------
// OUT/.bpl-export-<pid>-XXXXXX/ starts as hard links to the site's pages, notebooks and assets;
// the new pages are built there, and `commitSite` then moves them over the old ones in ONE
// synchronous step. Node handles a signal only between steps, so an interrupted export leaves
// the old site untouched, or (past that step) the complete new one.

const STAGING_PREFIX = '.bpl-export-';

/** Remove staging folders left in OUT by exports that were killed (their process is gone). */
function removeAbandonedStaging(outDir) {
  for (const name of fs.readdirSync(outDir)) {
    const m = /^\.bpl-export-(\d+)-/.exec(name);
    if (!m || Number(m[1]) === process.pid) continue;
    let alive = true;
    try {
      process.kill(Number(m[1]), 0);
    } catch {
      alive = false;
    }
    if (!alive) fs.rmSync(path.join(outDir, name), { recursive: true, force: true });
  }
}

function linkFile(from, to) {
  fs.mkdirSync(path.dirname(to), { recursive: true });
  try {
    fs.linkSync(from, to);
  } catch {
    fs.copyFileSync(from, to);
    const stat = fs.statSync(from);
    fs.utimesSync(to, stat.atime, stat.mtime);
  }
}

function linkTree(from, to) {
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    if (entry.name.includes('.tmp-')) continue;
    const source = path.join(from, entry.name);
    if (entry.isDirectory()) linkTree(source, path.join(to, entry.name));
    else if (entry.isFile()) linkFile(source, path.join(to, entry.name));
  }
}

/** A staging folder in OUT holding (links to) the site's files, except the pages named in `leave`. */
function stageSite(outDir, leave) {
  const staging = fs.mkdtempSync(path.join(outDir, `${STAGING_PREFIX}${process.pid}-`));
  for (const entry of fs.readdirSync(outDir, { withFileTypes: true })) {
    const source = path.join(outDir, entry.name);
    if (entry.name === 'assets' && entry.isDirectory()) linkTree(source, path.join(staging, 'assets'));
    else if (entry.isFile() && /\.(html|ipynb)$/.test(entry.name) && !leave.has(entry.name.replace(/\.(html|ipynb)$/, ''))) {
      linkFile(source, path.join(staging, entry.name));
    }
  }
  return staging;
}

/** Files below `dir` as relative paths: folders' files first, index.html last. */
function stagedFiles(dir, prefix = '') {
  const entries = fs.readdirSync(path.join(dir, prefix), { withFileTypes: true });
  const nested = entries.filter((e) => e.isDirectory()).flatMap((e) => stagedFiles(dir, path.join(prefix, e.name)));
  const files = entries.filter((e) => !e.isDirectory()).map((e) => path.join(prefix, e.name));
  files.sort((a, b) => (a === 'index.html') - (b === 'index.html') || a.localeCompare(b));
  return [...nested, ...files];
}

function sameFile(a, b) {
  try {
    const x = fs.statSync(a);
    const y = fs.statSync(b);
    return x.ino === y.ino && x.dev === y.dev;
  } catch {
    return false;
  }
}

/** Move the staged site over OUT and remove the pages of lessons that are gone: synchronous. */
function commitSite(staging, outDir, removed) {
  for (const file of stagedFiles(staging)) {
    const from = path.join(staging, file);
    const to = path.join(outDir, file);
    if (sameFile(from, to)) continue;
    fs.mkdirSync(path.dirname(to), { recursive: true });
    fs.renameSync(from, to);
  }
  for (const name of removed) {
    for (const ext of ['.html', '.ipynb']) fs.rmSync(path.join(outDir, name + ext), { force: true });
  }
  fs.rmSync(staging, { recursive: true, force: true });
}

function seconds(s) {
  return s >= 60 ? `${Math.floor(s / 60)} min ${(s % 60).toFixed(0).padStart(2, '0')} s` : `${s.toFixed(1)} s`;
}

function table(rows) {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => String(r[c]).length)));
  const line = (r) => r.map((cell, c) => String(cell).padEnd(widths[c])).join('  ').trimEnd();
  return [line(rows[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

/** Parse and check everything a run needs before it starts; a UsageError when something is wrong. */
function plan(argv) {
  const options = parseArgs(argv);
  if (options.help) return options;
  const subset = options.notebooks.length > 0;
  const notebooks = [...new Set(subset ? options.notebooks : env.lessonNotebooks())];
  if (notebooks.length === 0) throw new UsageError('no notebooks to export');
  const names = notebooks.map(site.pageName);
  const duplicate = names.find((n, i) => names.indexOf(n) !== i);
  if (duplicate) throw new UsageError(`two notebooks are both called ${duplicate}.ipynb`);
  const created = prepareOutDir(options.out, options.given, notebooks);
  return { ...options, subset, notebooks, names, created };
}

async function main(argv) {
  const started = Date.now();
  let options;
  try {
    options = plan(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`[export] ${error.message}`);
    return 2;
  }
  if (options.help) {
    console.log(USAGE);
    return 0;
  }
  const { subset, notebooks, names } = options;
  const outDir = options.out;
  const rel = (p) => path.relative(process.cwd(), p) || '.';
  const run = { workDir: null, staging: null, committed: false };
  const removeTemporaries = () => {
    for (const dir of [run.workDir, run.staging]) if (dir) fs.rmSync(dir, { recursive: true, force: true });
  };
  interrupt.onInterrupt('export', async (signal) => {
    const state = run.committed ? 'complete' : 'as it was';
    console.error(`[export] interrupted (${signal}): stopping the kernels and removing temporary files; ${rel(outDir)}/ is left ${state}`);
    await stopAll();
    await interrupt.killDescendants();
    removeTemporaries();
    if (options.created && !run.committed) removeEmptyFolders(outDir, options.created);
  });
  try {
    return await exportSite({ options, notebooks, names, subset, outDir, rel, run, started });
  } finally {
    if (!interrupt.interrupted()) removeTemporaries();
  }
}

/** The table of notebooks, results and pages, and the totals line; returns the number of failures. */
function printSummary({ names, byName, built, outDir, rel, started }) {
  const pageReports = new Map(built.pages.map((p) => [p.name, p]));
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
    `[export] ${names.length - failures} of ${names.length} notebook(s) exported, ${failures} failed; ` +
      `site: ${rel(path.join(outDir, 'index.html'))}; total ${seconds(total)}`,
  );
  return failures;
}

async function exportSite({ options, notebooks, names, subset, outDir, rel, run, started }) {
  run.workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bpl-export-'));
  console.log(`[export] ${notebooks.length} notebook(s) -> ${rel(outDir)}/ (each in a fresh kernel, 2 at a time)`);

  // 1. execute
  const results = await executeAll(notebooks, {
    outDir: run.workDir,
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
  if (interrupt.interrupted()) return interrupt.halt();

  // 2. the site, built beside the old one: fresh pages for the notebooks that ran clean; failed
  //    ones keep their old page; in a full export, pages of lessons that are gone are removed
  const byName = new Map(results.map((r) => [site.pageName(r.notebook), r]));
  removeAbandonedStaging(outDir);
  const existing = site.sitePages(outDir);
  const removed = subset ? [] : existing.filter((n) => !names.includes(n));
  run.staging = stageSite(outDir, new Set(removed));
  const lessonNames = subset ? [...new Set([...existing, ...names])].sort() : names;
  const lessons = lessonNames.map((name) => {
    const r = byName.get(name);
    if (!r) return { name }; // a page from an earlier export: re-rendered for navigation
    return r.ok ? { name, executed: r.outputPath } : { name, keep: true, source: r.notebook };
  });
  console.log(`[export] rendering ${lessons.filter((l) => !l.keep).length} page(s) with nbconvert`);
  const built = await site.buildSite({ outDir: run.staging, lessons });
  if (interrupt.interrupted()) return interrupt.halt();
  commitSite(run.staging, outDir, removed);
  run.committed = true;
  run.staging = null;
  for (const name of removed) console.log(`[export] removed  ${name} (no such notebook any more)`);
  console.log(`[export] rendered ${built.pages.length} page(s) and the index in ${seconds(built.seconds)}`);
  for (const p of built.pages) {
    if (!p.ok) console.error(`RENDER FAILED: ${p.name}\n${p.error}`);
  }

  // 3. summary
  const failures = printSummary({ names, byName, built, outDir, rel, started });
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
    (code) => {
      if (!interrupt.interrupted()) process.exit(code);
    },
    (error) => {
      if (interrupt.interrupted()) return;
      console.error(`[export] error: ${error && error.message ? error.message : error}`);
      process.exit(2);
    },
  );
}

module.exports = { main, parseArgs, prepareOutDir };
