import { test } from 'node:test';
import assert from 'node:assert/strict';
import { captureDisplays } from './display';
import { REPORT_HEADING_LEVEL, show } from './show';
import { derive } from '../derive/derive';
import { WEEK3_SPEC } from '../derive/spec';
import { compareConventions } from '../derive/compare';
import { compareGradients } from '../check/compare';
import { Matrix } from '../core/matrix';
import { lineChartFigure } from './plot';

test('show displays a report as markdown with its text', () => {
  const report = compareGradients({ dW1: Matrix.row([1]) }, { dW1: Matrix.row([1]) });
  const [shown] = captureDisplays(() => show(report));
  assert.equal(shown?.message.data['text/markdown'], report.toMarkdown());
  assert.equal(shown?.message.data['text/plain'], report.toText());
});

test('show displays a markdown string and a figure; anything else is refused by name', () => {
  const [md] = captureDisplays(() => show('**done**'));
  assert.deepEqual(md?.message.data, { 'text/markdown': '**done**', 'text/plain': '**done**' });
  const figure = lineChartFigure({ name: 'J', x: [0, 1, 2], y: [3, 2, 1] }, { title: 'cost', xLabel: 'iteration', yLabel: 'J' });
  const [chart] = captureDisplays(() => show(figure));
  assert.ok(typeof chart?.message.data['text/html'] === 'string', 'a chart bundle');
  // @ts-expect-error: a number is not showable
  assert.throws(() => show(42), /show: expected a report, a figure or a markdown string, got number/);
  // @ts-expect-error: an array is not showable
  assert.throws(() => show([1]), /got an array/);
});

test("show puts a report's own heading at level 4, below the lessons' sections; toMarkdown() alone keeps level 2", () => {
  const spec = { ...WEEK3_SPEC, layers: [2, 3, 1] };
  const d = derive(spec);
  const [shown] = captureDisplays(() => show(d));
  assert.match(String(shown?.message.data['text/markdown']), /^#### Backpropagation for a 2-3-1 network/);
  assert.match(d.toMarkdown(), /^## Backpropagation for a 2-3-1 network/);
  assert.match(d.toMarkdown({ headingLevel: 3 }), /^### Backpropagation/);
  const both = compareConventions(spec);
  const [compared] = captureDisplays(() => show(both));
  assert.match(String(compared?.message.data['text/markdown']), /^#### Where the 1\/m goes: a 2-3-1 network/);
  assert.match(both.toMarkdown(), /^## Where the 1\/m goes/);
  assert.throws(() => d.toMarkdown({ headingLevel: 7 }), /headingLevel must be an integer from 1 to 6, got 7/);
  assert.equal(REPORT_HEADING_LEVEL, 4);
});
