import { test } from 'node:test';
import assert from 'node:assert/strict';
import { derivative, parse } from 'mathjs';
import { captureDisplays } from './display';
import { checkTable, expressionToTex, markdownTable, showChecks, showExpression, showMarkdown, showTex, tex } from './math';

test('tex keeps backslashes and interpolates', () => {
  assert.equal(tex`\frac{1}{m}`, '\\frac{1}{m}');
  assert.equal(tex`W^{[${2}]}`, 'W^{[2]}');
});

test('showTex: one bundle with text/latex, text/markdown as $$...$$ and the source as text/plain', () => {
  const [shown, again] = captureDisplays(() => {
    showTex(tex`dW^{[l]} = \frac{1}{m} dZ^{[l]}`);
    showTex('$$x^2$$');
  });
  assert.deepEqual(shown?.message.data, {
    'text/latex': '$$dW^{[l]} = \\frac{1}{m} dZ^{[l]}$$',
    'text/markdown': '$$dW^{[l]} = \\frac{1}{m} dZ^{[l]}$$',
    'text/plain': 'dW^{[l]} = \\frac{1}{m} dZ^{[l]}',
  });
  assert.equal(again?.message.data['text/latex'], '$$x^2$$', 'no doubled delimiters');
});

test('expressionToTex prints unit-like letters in italic, keeps Greek letters and functions', () => {
  const t = expressionToTex('b * m + s / g - h^l + W + J');
  assert.ok(!t.includes('\\mathrm'), t);
  for (const letter of ['b', 'm', 's', 'g', 'h', 'l', 'W', 'J']) assert.ok(t.includes(` ${letter}`), `${letter} in ${t}`);
  assert.ok(!/\\cdot[A-Za-z]/.test(t), 'a space separates \\cdot from the next letter');
  assert.equal(expressionToTex('alpha * pi').includes('\\alpha'), true);
  assert.equal(expressionToTex('A_prev + x_1'), ' A_{\\text{prev}}+ x_{1}');
  assert.match(expressionToTex(parse('exp(z)')), /\\exp/);
  const dL = derivative('-(y*log(a) + (1-y)*log(1-a))', 'a');
  assert.ok(!expressionToTex(dL).includes('\\mathrm'));
});

test('showExpression shows lhs = rendered expression', () => {
  const [shown] = captureDisplays(() => showExpression('w * x + b', 'z'));
  assert.equal(shown?.message.data['text/latex'], '$$z = w\\cdot x+ b$$');
  assert.equal(shown?.message.data['text/plain'], 'z = w * x + b');
});

test('markdownTable: header, separator, escaped pipes, formatted numbers; ragged rows rejected', () => {
  assert.equal(
    markdownTable(['name', 'value', 'ok'], [['a|b', 0.123456789, true], ['c', 1e-9, false]]),
    '| name | value | ok |\n| --- | --- | --- |\n| a\\|b | 0.123457 | ✓ |\n| c | 1.000e-9 | ✗ |',
  );
  assert.throws(() => markdownTable(['a', 'b'], [[1]]), /row 0 has 1 cells for 2 headers/);
});

test('showChecks: verdict names the failures, table lists every row', () => {
  const rows = [
    { name: 'dW1', close: true, maxDiff: 3e-12 },
    { name: 'db1', close: false, maxDiff: 0.5, exact: false },
  ];
  assert.equal(
    checkTable(rows),
    '| quantity | exact | close | max difference |\n| --- | --- | --- | --- |\n| dW1 |  | ✓ | 3.000e-12 |\n| db1 | ✗ | ✗ | 0.5 |',
  );
  const [shown] = captureDisplays(() => showChecks(rows));
  const md = shown?.message.data['text/markdown'] as string;
  assert.ok(md.startsWith('**1 of 2 checks failed: db1**'), md);
  const [pass] = captureDisplays(() => showChecks([rows[0] as (typeof rows)[0]]));
  assert.ok((pass?.message.data['text/markdown'] as string).startsWith('**All 1 checks pass.**'));
  const [plain] = captureDisplays(() => showMarkdown('*hi*'));
  assert.deepEqual(plain?.message.data, { 'text/markdown': '*hi*', 'text/plain': '*hi*' });
});
