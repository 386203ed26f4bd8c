import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Figure } from './figure';
import { costCurveFigure, decisionBoundaryFigure, lineChartFigure, logLogFigure, sideBySideFigure } from './plot';
import { colorAt, contourPolylines, contourSegments, formatTick, renderSvg, ticksFor } from './svg';
import { XMLParser, XMLValidator } from 'fast-xml-parser';

const costs = Array.from({ length: 300 }, (_, i) => 0.7 * Math.exp(-i / 60) + 0.02);
const figures: Record<string, Figure> = {
  cost: costCurveFigure({ name: 'course', costs }, { title: 'Cost <J> & friends', markEvery: 50 }),
  costLog: costCurveFigure(
    [
      { name: 'a', costs },
      { name: 'b', costs: costs.map((c) => c * 2), every: 10 },
    ],
    { title: 'log', logY: true },
  ),
  boundary: decisionBoundaryFigure({
    predict: (a, b) => 1 / (1 + Math.exp(-(a - b))),
    X: [
      [0, 1, 2, -1],
      [1, 0, -1, 2],
    ],
    Y: [0, 1, 1, 0],
    title: 'x1 > x2',
    resolution: 20,
  }),
  logLog: logLogFigure(
    { name: 'difference', x: [1e-2, 1e-4, 1e-6, 1e-8], y: [1.7e-6, 1.9e-10, 8.2e-9, 1.2e-6] },
    { title: 'error versus epsilon', xLabel: 'epsilon', yLabel: 'difference' },
  ),
  line: lineChartFigure({ name: 'constant', x: [0, 1], y: [3, 3] }, { title: 'flat', xLabel: 'x', yLabel: 'y' }),
};
figures.side = sideBySideFigure([figures.cost as Figure, figures.logLog as Figure], { title: 'two panels' });

test('every chart renders to well-formed SVG with title, axis titles and legend', () => {
  for (const [name, fig] of Object.entries(figures)) {
    const svg = renderSvg(fig);
    assert.equal(XMLValidator.validate(svg), true, name);
    assert.deepEqual(Object.keys(new XMLParser().parse(svg)), ['svg'], `${name}: one root, <svg>`);
    assert.ok(svg.includes(`class="title"`), `${name}: title`);
    assert.ok(svg.includes('class="xtitle"') && svg.includes('class="ytitle"'), `${name}: axis titles`);
    assert.ok(svg.includes('class="legend"'), `${name}: legend`);
  }
  assert.ok(renderSvg(figures.cost as Figure).includes('Cost &lt;J&gt; &amp; friends'));
});

test('the SVG is deterministic: same figure, same bytes (also for a copy of the figure)', () => {
  for (const [name, fig] of Object.entries(figures)) {
    const copy = JSON.parse(JSON.stringify(fig)) as Figure;
    assert.equal(renderSvg(fig), renderSvg(copy), name);
  }
  assert.notEqual(renderSvg(figures.cost as Figure), renderSvg(figures.costLog as Figure));
});

test('a line passes through the data: pixel positions follow the inputs', () => {
  // y = x on [0, 10] with fixed ranges: the path's points lie on one straight line.
  const fig = lineChartFigure({ name: 'id', x: [0, 5, 10], y: [0, 5, 10] }, { title: 't', xLabel: 'x', yLabel: 'y' });
  fig.layout.xaxis.range = [0, 10];
  fig.layout.yaxis.range = [0, 10];
  const d = /class="trace-line" d="([^"]+)"/.exec(renderSvg(fig))?.[1] ?? '';
  const pts = [...d.matchAll(/[ML]([\d.]+) ([\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
  assert.equal(pts.length, 3);
  const [p0, p1, p2] = pts as [number[], number[], number[]];
  assert.ok(Math.abs((p1[0] as number) - ((p0[0] as number) + (p2[0] as number)) / 2) < 0.02);
  assert.ok(Math.abs((p1[1] as number) - ((p0[1] as number) + (p2[1] as number)) / 2) < 0.02);
  assert.ok((p2[1] as number) < (p0[1] as number), 'larger y is drawn higher');
});

test('log axes: decade ticks, and points <= 0 are left out of a log line', () => {
  assert.deepEqual(ticksFor(-9, -2, true).map((t) => t.at), [-9, -8, -7, -6, -5, -4, -3, -2]);
  assert.deepEqual(ticksFor(Math.log10(0.05), Math.log10(0.8), true).map((t) => t.label), ['0.05', '0.1', '0.2', '0.5']);
  const fig = costCurveFigure([1, 0.1, 0, 0.01], { title: 'gap', logY: true });
  const d = /class="trace-line" d="([^"]+)"/.exec(renderSvg(fig))?.[1] ?? '';
  assert.equal((d.match(/M/g) ?? []).length, 2, 'the zero splits the line in two pieces');
  assert.equal((d.match(/[ML]/g) ?? []).length, 3);
});

test('tick labels and linear ticks', () => {
  assert.deepEqual(ticksFor(0, 1000, false).map((t) => t.label), ['0', '200', '400', '600', '800', '1000']);
  assert.deepEqual(ticksFor(0, 3, false, true).map((t) => t.label), ['0', '1', '2', '3']);
  assert.equal(formatTick(0.25, 0.05), '0.25');
  assert.equal(formatTick(2e-5, 1e-5), '2e-5');
});

test('contour segments of z = x lie on the vertical line x = level', () => {
  const x = [0, 1, 2, 3];
  const y = [0, 1, 2];
  const z = y.map(() => x.slice());
  const segs = contourSegments(x, y, z, 1.5);
  assert.equal(segs.length, 2);
  for (const [x0, , x1] of segs) {
    assert.equal(x0, 1.5);
    assert.equal(x1, 1.5);
  }
  assert.equal(colorAt([[0, '#000000'], [1, '#ffffff']], 0.5), '#808080');
  assert.equal(colorAt([[0, '#000000'], [1, '#ffffff']], 2), '#ffffff');
});

test('contour polylines chain segments: a circle is one closed curve', () => {
  const g = Array.from({ length: 41 }, (_, i) => -2 + i * 0.1);
  const z = g.map((y) => g.map((x) => Math.hypot(x, y)));
  const lines = contourPolylines(g, g, z, 1);
  assert.equal(lines.length, 1);
  const [xs, ys] = lines[0] as [number[], number[]];
  assert.ok(xs.length > 60);
  assert.equal(xs[0], xs[xs.length - 1]);
  assert.equal(ys[0], ys[ys.length - 1]);
  xs.forEach((x, k) => assert.ok(Math.abs(Math.hypot(x, ys[k] as number) - 1) < 0.01));
});

test('long curves are thinned to about one point per half pixel, keeping both ends', () => {
  const long = Array.from({ length: 10000 }, (_, i) => 1 / (1 + i));
  const fig = costCurveFigure(long, { title: 'long' });
  const svg = renderSvg(fig);
  const d = /class="trace-line" d="([^"]+)"/.exec(svg)?.[1] ?? '';
  const pts = [...d.matchAll(/[ML]([\d.]+) ([\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
  assert.ok(pts.length < 2000, `${pts.length} points drawn`);
  assert.ok(svg.length < 60_000, `${svg.length} bytes`);
  const short = lineChartFigure({ name: 'cost', x: [0, 9999], y: [1, 1 / 10000] }, { title: 't', xLabel: 'x', yLabel: 'y' });
  short.layout = fig.layout;
  const ends = /class="trace-line" d="([^"]+)"/.exec(renderSvg(short))?.[1] ?? '';
  const [first, last] = [pts[0], pts[pts.length - 1]];
  assert.equal(ends, `M${first?.[0]} ${first?.[1]}L${last?.[0]} ${last?.[1]}`);
});
