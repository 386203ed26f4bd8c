import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { captureDisplays } from './display';
import {
  ContourTrace,
  Figure,
  PLOTLY_MIME,
  ScatterTrace,
  chartBundle,
  costCurve,
  costCurveFigure,
  decisionBoundary,
  decisionBoundaryFigure,
  lineChart,
  logLogCurve,
  scatterByClass,
  sideBySide,
  sideBySideFigure,
} from './plot';
import { chartId } from './chart';
import { renderSvg } from './svg';
import { XMLValidator } from 'fast-xml-parser';

const MIMES = [PLOTLY_MIME, 'text/html', 'image/svg+xml', 'text/plain'];
const plotlyHead = fs.readFileSync(require.resolve('plotly.js-dist-min/plotly.min.js'), 'utf8').slice(0, 300);

function predict(a: number, b: number): number {
  return 1 / (1 + Math.exp(-(2 * a - b)));
}

const X = [
  [0, 1, 2, -1, 0.5],
  [1, 0, -1, 2, 0.2],
];
const Y = [0, 1, 1, 0, 1];

test('every chart helper shows exactly one bundle with the four mime types', () => {
  const shown = captureDisplays(() => {
    costCurve([0.7, 0.5, 0.4], { title: 'one' });
    costCurve([{ name: 'a', costs: [1, 0.5] }, { name: 'b', costs: [1, 0.8] }], { title: 'two', logY: true, markEvery: 1 });
    decisionBoundary({ predict, X, Y, title: 'boundary' });
    logLogCurve({ name: 'd', x: [1e-3, 1e-5], y: [1e-8, 1e-9] }, { title: 'll', xLabel: 'eps', yLabel: 'diff' });
    lineChart({ name: 's', x: [0, 1], y: [0, 1] }, { title: 'line', xLabel: 'x', yLabel: 'y' });
    sideBySide([costCurveFigure([1, 0.5], { title: 'L' }), costCurveFigure([2, 1], { title: 'R' })], { title: 'both' });
    scatterByClass({ X, Y, title: 'points' });
  });
  assert.equal(shown.length, 7);
  for (const { message, update } of shown) {
    const data = message.data;
    assert.equal(update, false);
    assert.deepEqual(Object.keys(data).sort(), [...MIMES].sort());
    const fig = data[PLOTLY_MIME] as Figure;
    assert.equal(typeof fig, 'object', 'plotly JSON is an object, not a string');
    assert.ok(Array.isArray(fig.data) && fig.data.length > 0);
    assert.equal(typeof fig.layout.title.text, 'string');
    const html = data['text/html'] as string;
    assert.ok(!html.includes(plotlyHead), 'plotly.js is not inlined');
    assert.ok(html.length < 400_000, `html is small (${html.length})`);
    assert.match(html, /window\.Plotly/);
    assert.match(html, /files\/node_modules\/plotly\.js-dist-min\/plotly\.min/);
    assert.match(html, /jupyter-config-data/, 'JupyterLab 4 and Notebook 7: the base URL from the page config');
    assert.match(html, /function responsiveLayout\(/, 'the narrow-page layout travels with the chart');
    assert.ok(!/<script[^>]+src=/.test(html), 'no external script');
    const img = /<img class="bp-chart-static"[^>]* src="data:image\/svg\+xml;base64,([^"]+)"/.exec(html);
    assert.ok(img, 'html carries the static fallback image');
    assert.equal(Buffer.from(img[1] as string, 'base64').toString('utf8'), data['image/svg+xml'], 'fallback = the svg part');
    assert.equal(XMLValidator.validate(String(data['image/svg+xml'])), true);
    assert.ok((data['text/plain'] as string).length < 400);
    // The embedded figure survives the script's escaping intact.
    const json = /var figure = (.*);\n/.exec(html)?.[1] ?? '';
    assert.deepEqual(JSON.parse(json), fig);
  }
  assert.match(shown[1]?.message.data['text/plain'] as string, /^cost curve "two": 2 series, 2 iterations, final costs: a 0\.5, b 0\.8$/);
});

test('cost curve data equals the inputs; markers every k; every and start set x', () => {
  const a = [Math.LN2, 0.7123456789012345, 0.6, 0.5512345678901234, 1 / 3];
  const fig = costCurveFigure([{ name: 'a', costs: a, every: 100, start: 0 }, { name: 'b', costs: [3, 2] }], {
    title: 't',
    markEvery: 2,
  });
  const traces = fig.data as ScatterTrace[];
  assert.deepEqual(traces.map((t) => [t.name, t.mode]), [
    ['a', 'lines'],
    ['a (markers)', 'markers'],
    ['b', 'lines'],
    ['b (markers)', 'markers'],
  ]);
  assert.deepEqual(traces[0]?.y, a);
  assert.deepEqual(traces[0]?.x, [0, 100, 200, 300, 400]);
  assert.deepEqual(traces[1]?.x, [0, 200, 400]);
  assert.deepEqual(traces[1]?.y, [Math.LN2, 0.6, 1 / 3]);
  assert.equal(traces[1]?.showlegend, false);
  assert.equal(fig.layout.yaxis.type, undefined);
  assert.equal(costCurveFigure(a, { title: 't', logY: true }).layout.yaxis.type, 'log');
  a[0] = 99;
  assert.equal(traces[0]?.y[0], Math.LN2, 'the figure holds a copy');
});

test('decision boundary: grid values are predict(x, y); points split by label', () => {
  const fig = decisionBoundaryFigure({ predict, X, Y, title: 't', resolution: 7 });
  assert.deepEqual(fig.data.map((t) => t.name), ['model output', 'boundary (output = 0.5)', 'y = 0', 'y = 1']);
  const [fill, line, p0, p1] = fig.data as [ContourTrace, ScatterTrace, ScatterTrace, ScatterTrace];
  assert.equal(fill.type, 'contour');
  assert.equal(fill.x.length, 7);
  assert.equal(fill.z.length, 7);
  for (let j = 0; j < 7; j += 1) {
    for (let i = 0; i < 7; i += 1) {
      const p = predict(fill.x[i] as number, fill.y[j] as number);
      assert.ok(Math.abs((fill.z[j]?.[i] as number) - p) <= 5e-4 * Math.abs(p), `z[${j}][${i}]`);
    }
  }
  // The boundary runs where the model outputs 0.5 (2a - b = 0 here, a straight line).
  assert.ok(line.x.length >= 2);
  line.x.forEach((a, k) => assert.ok(Math.abs(2 * a - (line.y[k] as number)) < 0.05, `point ${k} on 2a = b`));
  assert.deepEqual([p0.x, p0.y], [[0, -1], [1, 2]]);
  assert.deepEqual([p1.x, p1.y], [[1, 2, 0.5], [0, -1, 0.2]]);
  // Padding: the grid covers the data.
  assert.ok((fill.x[0] as number) < -1 && (fill.x[6] as number) > 2);
  // Accuracy in the summary: predict >= 0.5 iff 2a - b >= 0.
  const bundle = chartBundle(fig);
  assert.match(bundle['text/plain'], /5 points \(2 y = 0, 3 y = 1\), grid 7x7, accuracy 100%/);
  // Y as (1, m) rows and X as a Matrix-like object give the same figure.
  const same = decisionBoundaryFigure({ predict, X: { toArray: () => X }, Y: [Y], title: 't', resolution: 7 });
  assert.deepEqual(same, fig);
  assert.throws(() => decisionBoundaryFigure({ predict, X: [[1, 2]], Y: [0, 1], title: 't' }), /shape \(2, m\)/);
  assert.throws(() => decisionBoundaryFigure({ predict, X, Y: [0, 1], title: 't' }), /Y of 2 values/);
});

test('side by side: panels on their own axes, subplot titles, one legend entry per name', () => {
  const left = costCurveFigure({ name: 'J', costs: [1, 0.5] }, { title: 'left' });
  const right = costCurveFigure({ name: 'J', costs: [4, 1] }, { title: 'right', logY: true });
  const fig = sideBySideFigure([left, right], { title: 'both', shareY: true });
  const t = fig.data as ScatterTrace[];
  assert.deepEqual(t.map((x) => [x.xaxis, x.yaxis]), [['x', 'y'], ['x2', 'y2']]);
  assert.deepEqual(t.map((x) => x.y), [[1, 0.5], [4, 1]]);
  assert.equal(t[1]?.showlegend, false);
  assert.equal(fig.layout.yaxis2?.type, 'log');
  assert.equal(fig.layout.xaxis2?.anchor, 'y2');
  assert.ok((fig.layout.xaxis.domain?.[1] as number) < (fig.layout.xaxis2?.domain?.[0] as number));
  assert.deepEqual(fig.layout.annotations?.map((a) => a.text), ['left', 'right']);
  assert.equal(XMLValidator.validate(renderSvg(fig)), true);
});

test('div ids are deterministic: a hash of the figure, numbered when shown again', () => {
  const f = costCurveFigure([5, 4, 3], { title: 'ids' });
  const g = costCurveFigure([5, 4, 3], { title: 'ids' });
  const first = chartId(f, false);
  assert.match(first, /^bp-chart-[0-9a-f]{12}$/);
  assert.equal(chartId(g, false), first, 'same figure, same id');
  assert.notEqual(chartId(costCurveFigure([5, 4, 2], { title: 'ids' }), false), first);
  const a = chartBundle(f)['text/html'] as string;
  const b = chartBundle(g)['text/html'] as string;
  assert.ok(a.includes(`id="${first}"`));
  assert.ok(b.includes(`id="${first}-2"`), 'a second display of the same figure gets a new id');
});
