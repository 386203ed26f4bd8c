import { test } from 'node:test';
import assert from 'node:assert/strict';
import { derivative, parse } from 'mathjs';
import { expressionToTex, loadMathjs } from './symbolic';

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

test('expressionToTex writes indexed names x1 and x_1 alike, and the shared instance is loaded once', () => {
  assert.equal(expressionToTex('y1 * log(a1)'), expressionToTex('y_1 * log(a_1)'));
  assert.match(expressionToTex('y1'), /y_\{1\}/);
  assert.equal(loadMathjs(), loadMathjs());
  assert.equal(loadMathjs().derivative('tanh(z)', 'z').toString(), 'sech(z) ^ 2');
});
