import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as vm from 'node:vm';
import { NARROW_WIDTH, layoutSource, legendHeight, responsiveLayout, wrapWords } from './chart-layout';
import { costCurveFigure, lineChartFigure } from './plot';
import { decisionBoundaryFigure } from './decision-boundary';
import { sideBySideFigure } from './side-by-side';
import { Figure, Layout } from './figure';

const longTitle = 'Five placements of 1/m on one network: the cost against the iteration, measured';
const five = lineChartFigure(
  ['course', 'learner', '1/m doubled', '1/m missing', 'summed loss, rate α/m'].map((name, k) => ({ name, x: [0, 1, 2], y: [k, k + 1, k + 2] })),
  { title: longTitle, xLabel: 'iteration', yLabel: 'cost J' },
);
const boundary = (title: string): Figure =>
  decisionBoundaryFigure({ predict: (a, b) => (a > b ? 1 : 0), X: [[0, 1, 2], [2, 1, 0]], Y: [0, 1, 1], title, resolution: 5 });
const three = sideBySideFigure([boundary('n_h = 1'), boundary('n_h = 2'), boundary('n_h = 3')], { title: 'Decision boundaries for n_h = 1, 2, 3' });

/** Width of the plot area (inside the axes) of a one-panel layout or of each stacked panel. */
function plotWidth(layout: Layout): number {
  return layout.width - layout.margin.l - layout.margin.r;
}

test('a chart that fits keeps its layout; from 600 px up it only gets narrower', () => {
  const fig = costCurveFigure([1, 0.5], { title: 'J' });
  assert.deepEqual(responsiveLayout(fig, 2000), fig.layout);
  assert.notEqual(responsiveLayout(fig, 2000), fig.layout, 'a copy: the figure is never changed');
  const shrunk = responsiveLayout(fig, 640);
  assert.deepEqual(shrunk, { ...fig.layout, width: 640 });
  assert.equal(NARROW_WIDTH, 600);
  assert.deepEqual(responsiveLayout(fig, 0), fig.layout, 'an unknown room (0) leaves the layout alone');
});

test('below 600 px: legend below, small margins, wrapped title, a plot area of at least 200 px at a phone width', () => {
  for (const room of [330, 360, 599]) {
    const layout = responsiveLayout(five, room);
    assert.equal(layout.width, room);
    assert.deepEqual([layout.legend?.orientation, layout.legend?.yanchor], ['h', 'top']);
    assert.ok((layout.legend?.y ?? 0) < 0, 'the legend sits below the plot');
    assert.ok(plotWidth(layout) >= 200 + 60, `room ${room}: plot width ${plotWidth(layout)} leaves margin for tick labels`);
    const lines = layout.title.text.split('<br>');
    assert.equal(lines.join(' '), longTitle, 'the words are kept, in order');
    assert.ok(lines.length > 1 || room > 590, `room ${room}: ${lines.length} line(s)`);
    for (const line of lines) assert.ok(line.length * 14 * 0.6 <= room - 16, `"${line}" fits ${room} px at 14 px`);
    assert.ok(layout.margin.t >= 22 + 18 * lines.length, 'room for every title line');
    assert.equal(layout.xaxis.automargin, true);
  }
  assert.deepEqual(five.layout.legend, undefined, 'the figure itself is unchanged');
});

test('below 600 px side-by-side panels are stacked, each as wide as the plot, titles over their own panel', () => {
  const layout = responsiveLayout(three, 340);
  const keys = ['', '2', '3'];
  const x = keys.map((k) => (layout as unknown as Record<string, { domain?: [number, number] }>)[`xaxis${k}`]?.domain);
  const y = keys.map((k) => (layout as unknown as Record<string, { domain?: [number, number] }>)[`yaxis${k}`]?.domain);
  assert.deepEqual(x, [[0, 1], [0, 1], [0, 1]]);
  for (let k = 0; k < 3; k++) {
    const [lo, hi] = y[k] ?? [NaN, NaN];
    assert.ok(lo < hi && lo >= 0 && hi <= 1, `panel ${k}: ${lo}..${hi}`);
    if (k > 0) assert.ok(hi < (y[k - 1]?.[0] ?? NaN), 'top to bottom, not overlapping');
  }
  assert.deepEqual(layout.annotations?.map((a) => [a.text, a.x, a.y]), [
    ['n_h = 1', 0.5, y[0]?.[1]],
    ['n_h = 2', 0.5, y[1]?.[1]],
    ['n_h = 3', 0.5, y[2]?.[1]],
  ]);
  const panelPx = ((y[0]?.[1] ?? 0) - (y[0]?.[0] ?? 0)) * (layout.height - layout.margin.t - layout.margin.b);
  assert.ok(panelPx >= 200, `each panel ${panelPx} px high`);
  assert.ok(layout.height > 3 * 200, 'the chart grows with its panels');
});

test('words wrap to lines; legends are estimated by rows', () => {
  assert.deepEqual(wrapWords('the cost against the iteration', 12), ['the cost', 'against the', 'iteration']);
  assert.deepEqual(wrapWords('antidisestablishment x', 5), ['antidisestablishment', 'x']);
  assert.equal(legendHeight([], 300), 0);
  assert.equal(legendHeight(['a', 'b'], 300), 26, 'both fit one row');
  assert.equal(legendHeight(['a long legend entry name', 'another long legend entry'], 300), 46, 'two rows');
});

test('axis titles wrap to the plot on a narrow page', () => {
  const fig = lineChartFigure({ name: 'a', x: [1, 2], y: [1, 2] }, { title: 't', xLabel: 'size of the batch holding example 0 (log scale)', yLabel: 'y' });
  const layout = responsiveLayout(fig, 334);
  const lines = layout.xaxis.title.text.split('<br>');
  assert.equal(lines.length, 2);
  assert.ok(layout.margin.b >= 38 + 16 * 2, 'room below for both lines');
});

test('a measured legend height replaces the estimate, changing the height by the difference', () => {
  const estimated = responsiveLayout(five, 340);
  const measured = responsiveLayout(five, 340, 150);
  const none = responsiveLayout(five, 340, 0);
  assert.equal(measured.height - none.height, 150);
  assert.ok(estimated.height > none.height, 'five entries are estimated to take some room');
});

test('responsiveLayout runs from layoutSource() alone, as the page runs it (no outer names)', () => {
  const sandbox = vm.createContext({});
  const fromSource = vm.runInContext(`(function () {\n${layoutSource()}\nreturn responsiveLayout;\n})()`, sandbox) as typeof responsiveLayout;
  for (const [fig, room] of [[five, 340], [three, 360], [five, 700], [three, 2000]] as const) {
    assert.deepEqual(JSON.parse(JSON.stringify(fromSource(fig, room))), responsiveLayout(fig, room));
  }
});
