import { test } from 'node:test';
import assert from 'node:assert/strict';
import { escapeHtml, formatNumber, markdownTable, textTable } from './format';

test('markdownTable: header, separator, escaped pipes, formatted numbers; ragged rows rejected', () => {
  assert.equal(
    markdownTable(['name', 'value', 'ok'], [['a|b', 0.123456789, true], ['c', 1e-9, false]]),
    '| name | value | ok |\n| --- | --- | --- |\n| a\\|b | 0.123457 | ✓ |\n| c | 1e-9 | ✗ |',
  );
  assert.throws(() => markdownTable(['a', 'b'], [[1]]), /markdownTable: row 0 has 1 cells for 2 headers/);
});

test('textTable aligns columns; formatNumber keeps integers, shortens others, spells NaN', () => {
  assert.equal(textTable(['tensor', 'result'], [['dW1', 'ok'], ['db10', 'FAIL']]), 'tensor  result\ndW1     ok\ndb10    FAIL');
  assert.throws(() => textTable(['a'], [[1, 2]]), /textTable: row 0 has 2 cells for 1 headers/);
  assert.equal(formatNumber(3), '3');
  assert.equal(formatNumber(2 / 3, 2), '0.67');
  assert.equal(formatNumber(1.2345e-9, 3), '1.23e-9');
  assert.equal(formatNumber(1.5e-7), '1.5e-7');
  assert.equal(formatNumber(Number.NaN), 'NaN');
  assert.equal(formatNumber(Number.POSITIVE_INFINITY), 'Infinity');
});

test('escapeHtml escapes the five special characters and nothing else', () => {
  assert.equal(escapeHtml(`a < b & "c" 'd' > e`), 'a &lt; b &amp; &quot;c&quot; &#39;d&#39; &gt; e');
  assert.equal(escapeHtml('σ(z) ∈ [0, 1]'), 'σ(z) ∈ [0, 1]');
});
