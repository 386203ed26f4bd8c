import { test } from 'node:test';
import assert from 'node:assert/strict';
import { XMLValidator } from 'fast-xml-parser';
import { ScatterTrace, costCurveFigure, lineChartFigure, scatterByClassFigure, sideBySideFigure } from './plot';
import { renderSvg } from './svg';
import { logAxis, logTickStep } from './figure';
import { ticksFor } from './svg-scale';

const scatter = (t: unknown): ScatterTrace => {
  assert.ok(typeof t === 'object' && t !== null && (t as { type?: string }).type === 'scatter');
  return t as ScatterTrace;
};

test('series carry their own style: dash, width, colour, mode and marker reach the figure and the static image', () => {
  const fig = lineChartFigure([
    { name: 'A', x: [0, 1, 2], y: [1, 2, 3] },
    { name: 'B', x: [0, 1, 2], y: [1, 2, 3], dash: 'dash', width: 5 },
    { name: 'C', x: [0, 1, 2], y: [3, 2, 1], mode: 'markers', marker: { symbol: 'diamond', size: 9 }, color: '#000000' },
    { name: 'D', x: [0, 1, 2], y: [2, 2, 2], marker: { symbol: 'circle-open', size: 14 } },
  ], { title: 'styles', xLabel: 'x', yLabel: 'y' });
  const [a, b, c, d] = fig.data.map(scatter);
  assert.deepEqual([a?.mode, a?.line, a?.marker], ['lines', { color: '#1f77b4', width: 2 }, undefined], 'defaults unchanged');
  assert.deepEqual(b?.line, { color: '#ff7f0e', width: 5, dash: 'dash' });
  assert.deepEqual([c?.mode, c?.line, c?.marker], ['markers', undefined, { color: '#000000', size: 9, symbol: 'diamond' }]);
  assert.deepEqual([d?.mode, d?.marker], ['lines+markers', { color: '#d62728', size: 14, symbol: 'circle-open' }], 'a marker style alone adds markers to a line');
  const svg = renderSvg(fig);
  assert.equal(XMLValidator.validate(svg), true);
  assert.match(svg, /stroke="#ff7f0e" stroke-width="5" stroke-linejoin="round" stroke-dasharray="6 4"/);
  assert.equal((svg.match(/<path d="M[^"]*Z" fill="#000000"\/>/g) ?? []).length, 3 + 1, 'three diamonds and the legend one');
  assert.match(svg, /<circle [^>]*r="7" fill="none" stroke="#d62728" stroke-width="1.5"\/>/, 'an open circle is an outline');
  const cost = costCurveFigure([{ name: 'J', costs: [3, 2, 1] }, { name: 'J twice', costs: [3, 2.5, 2], dash: 'dot', width: 4 }], { title: 'costs' });
  assert.deepEqual(scatter(cost.data[1]).line, { color: '#ff7f0e', width: 4, dash: 'dot' });
});

test("lesson 04's fingerprint chart: the '1/m missing' diamonds are drawn last and the circles under them are outlines, so every series stays visible", () => {
  const ks = [1, 2, 3, 5, 10];
  const f = ks.map((k) => (k - 1) / (k + 1));
  const fig = lineChartFigure([
    { name: '(m − 1)/(m + 1) (predicted)', x: ks, y: f, mode: 'lines', dash: 'dash' },
    { name: '1/m doubled (measured)', x: ks, y: f, mode: 'markers', marker: { symbol: 'circle-open', size: 14 } },
    { name: '1/m missing (measured)', x: ks, y: f, mode: 'markers', marker: { symbol: 'diamond', size: 8 } },
  ], { title: 'fingerprint', xLabel: 'm', yLabel: 'difference', logX: true, markers: true });
  const svg = renderSvg(fig);
  const plot = svg.slice(0, svg.indexOf('<g class="legend">'));
  const lastCircle = plot.lastIndexOf('<circle ');
  const firstDiamond = plot.indexOf('Z" fill="#2ca02c"');
  assert.ok(lastCircle > 0 && firstDiamond > lastCircle, 'every diamond is drawn after every circle');
  assert.ok(!/<circle [^>]*fill="#ff7f0e"/.test(plot), 'the circles are not filled');
  assert.ok(plot.lastIndexOf('trace-line') < lastCircle, 'the dashed line is drawn first');
});

test('log axes: one label per power of ten over two decades or more, 1-2-5 below; in plotly\'s layout and in the static image', () => {
  assert.equal(logTickStep(-9, -2), 1);
  assert.equal(logTickStep(-20, 0), 3);
  assert.equal(logTickStep(Math.log10(0.009), Math.log10(0.7)), 'D2');
  assert.deepEqual(logAxis([1e-10, 1e-3, 1]), { type: 'log', exponentformat: 'power', dtick: 2 });
  // a cost curve from 0.69 down to 0.03: plotly alone labels 2, 3, … 9 in each decade
  const costs = Array.from({ length: 200 }, (_, i) => 0.69 * Math.exp(-i / 60));
  const fig = costCurveFigure({ name: 'J', costs }, { title: 'J', logY: true });
  assert.equal(fig.layout.yaxis.dtick, 'D2');
  const labels = (svg: string): string[] => [...svg.matchAll(/text-anchor="end" fill="#444444">([^<]*)/g)].map((m) => m[1] ?? '');
  assert.deepEqual(labels(renderSvg(fig)), ['0.05', '0.1', '0.2', '0.5']);
  // a gradient check's error over 9 decades: powers of ten only
  const eps = [1e-10, 1e-9, 1e-8, 1e-7, 1e-6, 1e-5, 1e-4, 1e-3, 1e-2];
  const ll = lineChartFigure({ name: 'd', x: eps, y: eps.map((e) => 1e-9 / e + e * e) }, { title: 'e', xLabel: 'ε', yLabel: 'd', logX: true, logY: true });
  assert.deepEqual([ll.layout.xaxis.dtick, ll.layout.yaxis.dtick], [1, 1]);
  const svg = renderSvg(ll);
  const tickTexts = [...svg.matchAll(/<text x="[^"]*" y="[^"]*" text-anchor="(?:middle|end)" fill="#444444">(.*?)<\/text>/g)].map((m) => m[1] ?? '');
  assert.ok(tickTexts.length >= 14, `${tickTexts.length} tick labels`);
  assert.ok(tickTexts.every((t) => /^10<tspan dy="-6" font-size="9">-?\d+<\/tspan>$/.test(t)), tickTexts.join(' | '));
  // the image follows the axis's dtick, as plotly does
  const every3 = renderSvg({ ...ll, layout: { ...ll.layout, yaxis: { ...ll.layout.yaxis, dtick: 3 } } });
  const ySups = [...every3.matchAll(/text-anchor="end" fill="#444444">10<tspan dy="-6" font-size="9">(-?\d+)</g)].map((m) => Number(m[1]));
  assert.ok(ySups.length >= 2 && ySups.every((e) => e % 3 === 0), ySups.join());
  // over 20 decades, every third power of ten
  assert.deepEqual(ticksFor(-20, 0, true).map((t) => t.sup), ['-18', '-15', '-12', '-9', '-6', '-3', '0']);
  // side by side keeps each panel's spacing
  const both = sideBySideFigure([fig, ll], { title: 'both' });
  assert.equal(both.layout.yaxis.dtick, 'D2');
  assert.equal(both.layout.yaxis2?.dtick, 1);
  // a hand-built log axis without dtick gets the same rule in the image
  assert.deepEqual(ticksFor(Math.log10(0.009), Math.log10(0.7), true).map((t) => t.label), ['0.01', '0.02', '0.05', '0.1', '0.2', '0.5']);
  assert.deepEqual(ticksFor(-6.2, -3.9, true).map((t) => t.sup), ['-6', '-5', '-4']);
});

test('scatterByClass: one trace per class, coloured as the decision boundary colours them; bad shapes refused', () => {
  const fig = scatterByClassFigure({ X: [[0, 1, 2, 3], [1, 0, 1, 0]], Y: [[0, 1, 1, 0]], title: 'four points', classNames: ['red', 'blue'] });
  const [zero, one] = fig.data.map(scatter);
  assert.deepEqual([zero?.name, zero?.x, zero?.y, zero?.marker?.color], ['red', [0, 3], [1, 0], '#d62728']);
  assert.deepEqual([one?.name, one?.x, one?.y, one?.marker?.color], ['blue', [1, 2], [0, 1], '#1f77b4']);
  assert.equal(XMLValidator.validate(renderSvg(fig)), true);
  assert.throws(() => scatterByClassFigure({ X: [[0, 1]], Y: [0, 1], title: 't' }), /scatterByClass: X must have shape \(2, m\), one example per column; got 1 rows/);
  assert.throws(() => scatterByClassFigure({ X: [[0, 1], [1, 2]], Y: [0], title: 't' }), /scatterByClass: X has shape \(2, 2\) but rows of 2 and Y of 1 values/);
});
