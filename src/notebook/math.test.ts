import { test } from 'node:test';
import assert from 'node:assert/strict';
import { captureDisplays } from './display';
import { showExpression, showMarkdown, showTex, tex } from './math';

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

test('showExpression shows lhs = rendered expression', () => {
  const [shown] = captureDisplays(() => showExpression('w * x + b', 'z'));
  assert.equal(shown?.message.data['text/latex'], '$$z = w\\cdot x+ b$$');
  assert.equal(shown?.message.data['text/plain'], 'z = w * x + b');
});

test('showMarkdown: the markdown as text/markdown and text/plain', () => {
  const [plain] = captureDisplays(() => showMarkdown('*hi*'));
  assert.deepEqual(plain?.message.data, { 'text/markdown': '*hi*', 'text/plain': '*hi*' });
});
