// drawChart from its source alone, as a chart's <script> runs it, in a stand-in page: where it
// finds plotly.js in the exported site, classic Notebook, JupyterLab 4 / Notebook 7, and
// nowhere (an untrusted notebook keeps its image). The real front ends are exercised in
// Chromium by test/jupyterlab.test.js and the site checks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as vm from 'node:vm';
import { scriptSource } from './chart-script';
import { layoutSource, responsiveLayout } from './chart-layout';
import { costCurveFigure } from './plot';
import { PLOTLY_FILES_PATH, PLOTLY_REQUIRE_PATH } from './chart';

const figure = costCurveFigure([1, 0.5, 0.25], { title: 'J' });
const paths = { requirePath: PLOTLY_REQUIRE_PATH, filesPath: PLOTLY_FILES_PATH };

interface Call {
  what: string;
  args: unknown[];
}

/** A page with one chart div inside ancestors of the given widths, and what the script did to it. */
function page(options: { widths?: number[]; padding?: number; plotly?: boolean; labConfig?: string; classicBase?: string; requirejs?: boolean }) {
  const calls: Call[] = [];
  const plotly = {
    newPlot: (...args: unknown[]) => {
      calls.push({ what: 'newPlot', args });
      return Promise.resolve();
    },
    react: (...args: unknown[]) => {
      calls.push({ what: 'react', args });
      return Promise.resolve();
    },
  };
  let parent: object | null = null;
  for (const width of [...(options.widths ?? [1200, 900])].reverse()) parent = { clientWidth: width, parentElement: parent };
  const chart = { parentElement: parent, style: { width: '', height: '' }, querySelector: () => null };
  const appended: Array<{ src: string; onload: (() => void) | null }> = [];
  const document = {
    body: { getAttribute: (name: string) => (name === 'data-base-url' ? options.classicBase ?? null : null) },
    head: { appendChild: (e: { src: string; onload: (() => void) | null }) => appended.push(e) },
    getElementById: (id: string) =>
      id === 'bp-chart-1' ? chart : id === 'jupyter-config-data' && options.labConfig !== undefined ? { textContent: options.labConfig } : null,
    createElement: () => ({ src: '', onload: null, onerror: null }),
  };
  const window: Record<string, unknown> = {
    addEventListener: (event: string) => calls.push({ what: `listen ${event}`, args: [] }),
    setTimeout: () => 0,
    clearTimeout: () => undefined,
    setInterval: () => 1,
    clearInterval: () => undefined,
  };
  if (options.padding !== undefined) {
    const padding = `${options.padding}px`;
    window['getComputedStyle'] = () => ({ paddingLeft: padding, paddingRight: padding });
  }
  if (options.plotly === true) window['Plotly'] = plotly;
  if (options.requirejs === true) {
    const requirejs = (modules: string[], ok: (p: unknown) => void) => {
      calls.push({ what: 'require', args: modules });
      window['Plotly'] = plotly;
      ok(undefined);
    };
    requirejs.config = (c: object) => calls.push({ what: 'require.config', args: [c] });
    window['requirejs'] = requirejs;
  }
  const context = vm.createContext({ window, document });
  const run = (): void => {
    const source = `(function () {\n${layoutSource()}\n${scriptSource()}\ndrawChart("bp-chart-1", ${JSON.stringify(figure)}, responsiveLayout, ${JSON.stringify(paths)});\n})()`;
    vm.runInContext(source, context);
  };
  return { calls, chart, appended, window, plotly, run };
}

/** An object made in the page's context, as a plain object of this one. */
const plain = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

test('exported site: window.Plotly draws at once, at the layout for the narrowest ancestor', async () => {
  const p = page({ plotly: true, widths: [1200, 340, 900] });
  p.run();
  await tick();
  const plots = p.calls.filter((c) => c.what === 'newPlot');
  assert.equal(plots.length, 1);
  assert.deepEqual(plain(plots[0]?.args[2]), responsiveLayout(figure, 340));
  assert.equal(p.chart.style.width, '340px');
  assert.ok(p.calls.some((c) => c.what === 'listen resize'), 'redrawn when the window changes width');
});

test('the room is measured inside the padding (clientWidth includes it): a 390 px page with 18 px each side leaves 354 px', async () => {
  const p = page({ plotly: true, widths: [390], padding: 18 });
  p.run();
  await tick();
  const plots = p.calls.filter((c) => c.what === 'newPlot');
  assert.deepEqual(plain(plots[0]?.args[2]), responsiveLayout(figure, 354));
  assert.equal(p.chart.style.width, '354px');
});

test('JupyterLab 4 and Notebook 7: plotly.js from {baseUrl}files/, one <script> for every chart of the page', async () => {
  const p = page({ labConfig: JSON.stringify({ baseUrl: '/user/learner', appName: 'JupyterLab' }) });
  p.run();
  p.run(); // a second chart's script on the same page (the stand-in gives it the same div)
  assert.equal(p.appended.length, 1, 'plotly.js is loaded once');
  assert.equal(p.appended[0]?.src, '/user/learner/files/node_modules/plotly.js-dist-min/plotly.min.js');
  assert.equal(p.calls.filter((c) => c.what === 'newPlot').length, 0, 'nothing drawn before plotly.js arrives');
  p.window['Plotly'] = p.plotly;
  p.appended[0]?.onload?.();
  await tick();
  await tick();
  assert.equal(p.calls.filter((c) => c.what === 'newPlot').length, 2, 'both charts drawn once plotly.js has loaded');
});

test('classic Notebook: plotly.js through require.js from {base_url}files/', () => {
  const p = page({ classicBase: '/', requirejs: true });
  p.run();
  assert.deepEqual(plain(p.calls.find((c) => c.what === 'require.config')?.args), [
    { paths: { 'bp-plotly': '/files/node_modules/plotly.js-dist-min/plotly.min' } },
  ]);
  assert.equal(p.calls.filter((c) => c.what === 'newPlot').length, 1);
});

test('no plotly.js anywhere (VS Code html, a bare page): nothing drawn, no error, the image stays', () => {
  const p = page({});
  p.run();
  assert.equal(p.calls.filter((c) => c.what === 'newPlot').length, 0);
  assert.equal(p.appended.length, 0);
});
