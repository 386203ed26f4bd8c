'use strict';
// The exported site, built from notebooks that have ALREADY been executed (by `npm run
// export` or by the lesson tests), so nothing runs twice:
//   OUT/index.html          the pack's title, the lessons in order, a one-line description each
//   OUT/<name>.html         one page per lesson (nbconvert, scripts/templates/backprop)
//   OUT/<name>.ipynb        the executed notebook, linked from its page for download
//   OUT/assets/             plotly.min.js, KaTeX (css, js, fonts, auto-render), site.css
// Every URL in the site is relative, so it works from file:// and from any http folder.
// Every file is written to a temporary name and renamed over the old one: a failure never
// leaves a half-written page in place of a good one.
const fs = require('node:fs');
const path = require('node:path');
const { spawn } = require('node:child_process');
const env = require('./env');

const PACK_TITLE = 'Backpropagation, derived and checked';
const PACK_SUBTITLE =
  'TypeScript notebooks that derive every backpropagation equation of a fully connected network, ' +
  'check each step by computation, and answer where the 1/m goes.';

const templateDir = path.join(env.root, 'scripts', 'templates');
const templateName = 'backprop';
const renderScript = path.join(__dirname, 'render_site.py');
const ownAssets = path.join(env.root, 'scripts', 'assets');
const PLOTLY_MIME = 'application/vnd.plotly.v1+json';

/** Files of the site's assets/ folder: [source, path under assets/]. */
function assetFiles() {
  const nm = path.join(env.root, 'node_modules');
  const katex = path.join(nm, 'katex', 'dist');
  const files = [
    [path.join(nm, 'plotly.js-dist-min', 'plotly.min.js'), 'plotly.min.js'],
    [path.join(nm, 'plotly.js-dist-min', 'LICENSE'), 'plotly.LICENSE.txt'],
    [path.join(katex, 'katex.min.css'), 'katex/katex.min.css'],
    [path.join(katex, 'katex.min.js'), 'katex/katex.min.js'],
    [path.join(katex, 'contrib', 'auto-render.min.js'), 'katex/contrib/auto-render.min.js'],
    [path.join(nm, 'katex', 'LICENSE'), 'katex/LICENSE.txt'],
    [path.join(ownAssets, 'render-math.js'), 'render-math.js'],
    [path.join(ownAssets, 'site.css'), 'site.css'],
  ];
  for (const font of fs.readdirSync(path.join(katex, 'fonts'))) {
    files.push([path.join(katex, 'fonts', font), `katex/fonts/${font}`]);
  }
  return files;
}

/** Write `data` to `file` through a temporary file in the same folder and a rename. */
function writeAtomic(file, data) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.tmp-${process.pid}`;
  fs.writeFileSync(temporary, data);
  fs.renameSync(temporary, file);
}

/** Copy `source` to `target` atomically (no-op when they are the same file). */
function copyAtomic(source, target) {
  if (path.resolve(source) === path.resolve(target)) return;
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const temporary = `${target}.tmp-${process.pid}`;
  fs.copyFileSync(source, temporary);
  fs.renameSync(temporary, target);
}

/** Copy the assets into OUT/assets, skipping files that are already identical in size and age. */
function copyAssets(outDir) {
  for (const [source, relative] of assetFiles()) {
    if (!fs.existsSync(source)) throw new Error(`missing asset ${source}: run \`npm run setup\``);
    const target = path.join(outDir, 'assets', relative);
    const from = fs.statSync(source);
    const to = fs.existsSync(target) ? fs.statSync(target) : null;
    if (to && to.size === from.size && to.mtimeMs >= from.mtimeMs) continue;
    copyAtomic(source, target);
  }
}

function readNotebook(file) {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

function text(source) {
  return Array.isArray(source) ? source.join('') : source || '';
}

/** Cut a paragraph at the end of its first sentence (never inside $...$) when it is long. */
function firstSentence(paragraph, limit = 220) {
  if (paragraph.length <= limit) return paragraph;
  let dollars = 0;
  for (let i = 0; i < paragraph.length - 1; i++) {
    if (paragraph[i] === '$') dollars++;
    if (/[.!?]/.test(paragraph[i]) && paragraph[i + 1] === ' ' && dollars % 2 === 0) return paragraph.slice(0, i + 1);
  }
  return paragraph;
}

/**
 * Title and one-line description of a lesson, from its first markdown cell: the first heading
 * is the title (else the file name) and the first paragraph after it (its first sentence when
 * long) the description, as markdown-ish text that may hold $math$.
 */
function lessonInfo(nb, name) {
  const cell = nb.cells.find((c) => c.cell_type === 'markdown');
  const lines = cell ? text(cell.source).split('\n') : [];
  let title = null;
  const paragraph = [];
  for (const raw of lines) {
    const line = raw.trim();
    const heading = /^#{1,6}\s+(.*?)\s*#*$/.exec(line);
    if (heading) {
      if (title === null) title = heading[1];
      if (paragraph.length > 0) break;
      continue;
    }
    if (line === '') {
      if (paragraph.length > 0) break;
      continue;
    }
    paragraph.push(line.replace(/^([-*+]|\d+\.)\s+/, '').replace(/^>\s?/, ''));
  }
  const description = firstSentence(paragraph.join(' '));
  return { title: title || name, description };
}

/** The module's one HTML escaper (src/core/format.ts), compiled by the set-up every script runs first. */
function escapeHtml(s) {
  return require(path.join(env.root, 'dist', 'core', 'format.js')).escapeHtml(String(s));
}

/** Inline markdown of a title or description as HTML: code, links' text, emphasis; $math$ kept for KaTeX. */
function inlineMarkdown(s) {
  return escapeHtml(s)
    .replace(/`([^`]+)`/g, '<code>$1</code>')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\*\*([^*]+)\*\*|__([^_]+)__/g, (m, a, b) => `<strong>${a || b}</strong>`)
    .replace(/(^|[^\w*])\*([^*\s][^*]*)\*(?!\w)/g, '$1<em>$2</em>');
}

/** Number of chart outputs (plotly figures) in an executed notebook. */
function plotlyOutputCount(nb) {
  let count = 0;
  for (const cell of nb.cells) {
    for (const output of cell.outputs || []) {
      if (output.data && output.data[PLOTLY_MIME] !== undefined) count++;
    }
  }
  return count;
}

/** Whether a page needs plotly.js: a chart output, or HTML output that calls Plotly. */
function needsPlotly(nb) {
  return nb.cells.some((cell) =>
    (cell.outputs || []).some(
      (output) => output.data && (output.data[PLOTLY_MIME] !== undefined || /\bPlotly\b/.test(text(output.data['text/html']))),
    ),
  );
}

const MATH = /\$\$[\s\S]+?\$\$|\$[^$\n]+\$|\\\([\s\S]+?\\\)|\\\[[\s\S]+?\\\]|\\begin\{/;

/** Whether the notebook shows math: TeX in markdown cells, text/latex or markdown-with-math outputs. */
function notebookHasMath(nb) {
  for (const cell of nb.cells) {
    if (cell.cell_type === 'markdown' && MATH.test(text(cell.source))) return true;
    for (const output of cell.outputs || []) {
      const data = output.data || {};
      // nbconvert shows the first of javascript, html, markdown, svg, latex, png, ... it finds
      if (data['application/javascript'] !== undefined || data['text/html'] !== undefined) continue;
      if (data['text/markdown'] !== undefined) {
        if (MATH.test(text(data['text/markdown']))) return true;
        continue;
      }
      if (data['image/svg+xml'] === undefined && data['text/latex'] !== undefined) return true;
    }
  }
  return false;
}

function pageName(file) {
  return path.basename(file, '.ipynb');
}

/** The index page: pack title, then every lesson in order with its description and links. */
function indexHtml(lessons, { packTitle = PACK_TITLE, subtitle = PACK_SUBTITLE } = {}) {
  const items = lessons.map((lesson) => {
    const title = `<span class="bpl-lesson-title">${inlineMarkdown(lesson.title)}</span>`;
    const heading = lesson.page ? `<a href="${escapeHtml(lesson.name)}.html">${title}</a>` : `${title} <span class="bpl-failed">(no page: the export failed)</span>`;
    const download = lesson.page
      ? ` <a class="bpl-download" href="${escapeHtml(lesson.name)}.ipynb" download>(.ipynb)</a>`
      : '';
    const description = lesson.description ? `<span class="bpl-description">${inlineMarkdown(lesson.description)}</span>` : '';
    return `  <li id="${escapeHtml(lesson.name)}">${heading}${download}\n    ${description}</li>`;
  });
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${escapeHtml(packTitle)}</title>
<link rel="stylesheet" href="assets/katex/katex.min.css">
<link rel="stylesheet" href="assets/site.css">
<script defer src="assets/katex/katex.min.js"></script>
<script defer src="assets/katex/contrib/auto-render.min.js"></script>
<script defer src="assets/render-math.js"></script>
</head>
<body class="bpl-index">
<h1>${escapeHtml(packTitle)}</h1>
<p class="bpl-subtitle">${escapeHtml(subtitle)}</p>
<ol class="bpl-lessons">
${items.join('\n')}
</ol>
<footer>Each page is a lesson notebook executed top to bottom in a fresh kernel; the (.ipynb) link downloads that executed notebook.</footer>
</body>
</html>
`;
}

/** Run render_site.py once for all pages; resolves with one report per page. */
function renderPages(pages, outDir) {
  if (pages.length === 0) return Promise.resolve([]);
  const job = { template_dir: templateDir, template: templateName, lab_css_dir: path.join(outDir, 'assets', 'lab'), pages };
  return new Promise((resolve, reject) => {
    const child = spawn(env.jupyterPython(), [renderScript], { env: env.jupyterEnv(), stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const reports = new Map();
      for (const line of stdout.split('\n')) {
        if (!line.startsWith('{')) continue;
        try {
          const report = JSON.parse(line);
          reports.set(report.html, report);
        } catch {
          // not a report line
        }
      }
      resolve(
        pages.map(
          (page) =>
            reports.get(page.html) || {
              html: page.html,
              ok: false,
              seconds: 0,
              error: `render_site.py exited with ${code} before this page:\n${stderr.trim()}`,
            },
        ),
      );
    });
    child.stdin.end(JSON.stringify(job));
  });
}

/**
 * Build (or update) the site in `outDir` from executed notebooks.
 * @param {{ outDir: string, packTitle?: string,
 *   lessons: Array<{ name: string, executed?: string|null, keep?: boolean, source?: string }> }} options
 *   `lessons` in reading order. `executed`: a freshly executed notebook to publish as
 *   OUT/<name>.ipynb and render. Without it the lesson's published OUT/<name>.ipynb, if any, is
 *   rendered again (navigation stays current). `keep: true` (its run failed) leaves the
 *   lesson's existing page and notebook untouched; it is still listed and linked if it has one.
 *   `source`: the lesson's own notebook, for its title when it has no executed one.
 * @returns {Promise<{ pages: Array<{ name, ok, seconds, error, charts, math }>, seconds: number }>}
 */
async function buildSite({ outDir, lessons, packTitle = PACK_TITLE }) {
  const started = Date.now();
  fs.mkdirSync(outDir, { recursive: true });
  copyAssets(outDir);
  // 1. publish the executed notebooks next to their pages
  for (const lesson of lessons) {
    if (lesson.executed && !lesson.keep) copyAtomic(lesson.executed, path.join(outDir, `${lesson.name}.ipynb`));
  }
  // 2. navigation runs through every lesson that has (or gets) a page, in order
  const info = lessons.map((lesson) => {
    const ipynb = path.join(outDir, `${lesson.name}.ipynb`);
    const html = path.join(outDir, `${lesson.name}.html`);
    const nb = fs.existsSync(ipynb) ? readNotebook(ipynb) : null;
    const willRender = Boolean(nb) && !lesson.keep;
    const hasPage = willRender || (fs.existsSync(html) && Boolean(nb));
    const described = nb || (lesson.source && fs.existsSync(lesson.source) ? readNotebook(lesson.source) : null);
    const about = described ? lessonInfo(described, lesson.name) : { title: lesson.name, description: '' };
    return { ...lesson, ipynb, html, nb, willRender, hasPage, ...about };
  });
  const linked = info.filter((l) => l.hasPage);
  const link = (other) => (other ? { href: `${other.name}.html`, title: other.title } : null);
  const rendered = linked.filter((l) => l.willRender);
  const pages = rendered.map((lesson) => {
    const i = linked.indexOf(lesson);
    return {
      notebook: lesson.ipynb,
      html: lesson.html,
      title: lesson.title,
      bpl: {
        pack_title: packTitle,
        prev: link(linked[i - 1]),
        next: link(linked[i + 1]),
        download: `${lesson.name}.ipynb`,
        plotly: needsPlotly(lesson.nb),
      },
    };
  });
  const reports = await renderPages(pages, outDir);
  const results = rendered.map((lesson, i) => ({
    name: lesson.name,
    ok: reports[i].ok,
    seconds: reports[i].seconds,
    error: reports[i].error,
    charts: plotlyOutputCount(lesson.nb),
    math: notebookHasMath(lesson.nb),
  }));
  // 3. the index lists every lesson, linking those that have a page
  const listed = info.map((l) => ({ ...l, page: fs.existsSync(l.html) && Boolean(l.nb) }));
  writeAtomic(path.join(outDir, 'index.html'), indexHtml(listed, { packTitle }));
  return { pages: results, seconds: (Date.now() - started) / 1000 };
}

/** The lesson pages of a built site, in order: names with both NAME.html and NAME.ipynb. */
function sitePages(outDir) {
  return fs
    .readdirSync(outDir)
    .filter((f) => f.endsWith('.html') && f !== 'index.html' && fs.existsSync(path.join(outDir, f.replace(/\.html$/, '.ipynb'))))
    .map((f) => f.replace(/\.html$/, ''))
    .sort();
}

module.exports = {
  PACK_TITLE,
  PLOTLY_MIME,
  assetFiles,
  buildSite,
  copyAssets,
  copyAtomic,
  writeAtomic,
  lessonInfo,
  plotlyOutputCount,
  needsPlotly,
  notebookHasMath,
  indexHtml,
  pageName,
  sitePages,
  readNotebook,
};
