import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkXml } from './xml-check';

test('checkXml accepts well-formed XML', () => {
  const r = checkXml('<?xml version="1.0"?>\n<svg a="1" b=\'x &amp; y\'><g><text>1 &lt; 2</text></g><path d="M0 0"/></svg>\n');
  assert.deepEqual(r.errors, []);
  assert.equal(r.elements, 4);
  assert.equal(r.root, 'svg');
});

test('checkXml reports each kind of malformation', () => {
  const cases: Array<[string, RegExp]> = [
    ['<svg><g></svg>', /closing <\/svg> while <g> is open/],
    ['<svg><g>', /never closed/],
    ['<svg></svg><svg></svg>', /second root/],
    ['<svg><text>a & b</text></svg>', /unescaped '&' in text/],
    ['<svg a="1" a="2"/>', /duplicate attribute/],
    ['<svg a=1/>', /malformed attributes/],
    ['<svg a="x & y"/>', /unescaped '&' in attribute/],
    ['<svg a="<"/>', /raw '<' in an attribute/],
    ['<svg>a > b</svg>', /raw '>' in text/],
    ['text', /no root element/],
  ];
  for (const [xml, expected] of cases) {
    const r = checkXml(xml);
    assert.ok(r.errors.some((e) => expected.test(e)), `${xml}: ${JSON.stringify(r.errors)}`);
  }
});
