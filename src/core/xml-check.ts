/**
 * A small well-formedness checker for the XML this project writes (SVG charts): one root
 * element, balanced and properly nested tags, quoted attributes without duplicates, no raw
 * `<` or stray `&` in text or attribute values. Not a full XML parser: enough to catch a
 * renderer that forgets to close or escape something. Used by the tests of svg.ts and plot.ts.
 */

/** Problems found in an XML string (empty when it is well formed), and its element count. */
export interface XmlCheck {
  errors: string[];
  elements: number;
  root: string | null;
}

const NAME = /^[A-Za-z_][\w.:-]*$/;
const ENTITY = /&(?:[A-Za-z]+|#[0-9]+|#x[0-9A-Fa-f]+);/g;

function badAmpersand(s: string): boolean {
  return s.replace(ENTITY, '').includes('&');
}

/**
 * Check that a string is well-formed XML (see the module comment for what is checked).
 *
 * Syntax:
 *     checkXml(xml)
 *
 * Examples:
 *     checkXml('<svg><g/></svg>').errors        // []
 *     checkXml('<svg><g></svg>').errors[0]      // 'closing </svg> while <g> is open (at 8)'
 *
 * See also:
 *     renderSvg
 */
export function checkXml(xml: string): XmlCheck {
  const errors: string[] = [];
  const stack: string[] = [];
  let elements = 0;
  let root: string | null = null;
  let rootClosed = false;
  let i = 0;
  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    const text = lt === -1 ? xml.slice(i) : xml.slice(i, lt);
    if (text.includes('>')) errors.push(`raw '>' in text (at ${i})`);
    if (badAmpersand(text)) errors.push(`unescaped '&' in text (at ${i})`);
    if (text.trim() !== '' && stack.length === 0) errors.push(`text outside the root element (at ${i})`);
    if (lt === -1) break;
    if (xml.startsWith('<?', lt)) {
      const end = xml.indexOf('?>', lt);
      if (end === -1) { errors.push(`unterminated processing instruction (at ${lt})`); break; }
      i = end + 2;
      continue;
    }
    if (xml.startsWith('<!--', lt)) {
      const end = xml.indexOf('-->', lt);
      if (end === -1) { errors.push(`unterminated comment (at ${lt})`); break; }
      i = end + 3;
      continue;
    }
    // Find the end of the tag, skipping '>' inside quoted attribute values.
    let j = lt + 1;
    let quote: string | null = null;
    while (j < xml.length) {
      const c = xml[j] as string;
      if (quote !== null) {
        if (c === quote) quote = null;
        else if (c === '<') { errors.push(`raw '<' in an attribute value (at ${j})`); }
      } else if (c === '"' || c === "'") quote = c;
      else if (c === '>') break;
      else if (c === '<') { errors.push(`'<' inside a tag (at ${j})`); }
      j += 1;
    }
    if (j >= xml.length) { errors.push(`unterminated tag (at ${lt})`); break; }
    const inner = xml.slice(lt + 1, j);
    i = j + 1;
    if (inner.startsWith('/')) {
      const name = inner.slice(1).trim();
      const open = stack.pop();
      if (open === undefined) errors.push(`closing </${name}> with nothing open (at ${lt})`);
      else if (open !== name) errors.push(`closing </${name}> while <${open}> is open (at ${lt})`);
      if (stack.length === 0) rootClosed = true;
      continue;
    }
    const selfClosing = inner.endsWith('/');
    const body = selfClosing ? inner.slice(0, -1) : inner;
    const m = /^([^\s/>]+)([\s\S]*)$/.exec(body);
    if (m === null) { errors.push(`empty tag (at ${lt})`); continue; }
    const name = m[1] as string;
    if (!NAME.test(name)) errors.push(`bad element name '${name}' (at ${lt})`);
    if (stack.length === 0) {
      if (root !== null || rootClosed) errors.push(`second root element <${name}> (at ${lt})`);
      root ??= name;
    }
    elements += 1;
    // Attributes: name="value" pairs separated by white space, nothing else.
    let rest = (m[2] as string).trim();
    const seen = new Set<string>();
    while (rest !== '') {
      const a = /^([A-Za-z_:][\w.:-]*)\s*=\s*("([^"]*)"|'([^']*)')\s*/.exec(rest);
      if (a === null) { errors.push(`malformed attributes '${rest.slice(0, 30)}' in <${name}> (at ${lt})`); break; }
      const attr = a[1] as string;
      if (seen.has(attr)) errors.push(`duplicate attribute ${attr} in <${name}> (at ${lt})`);
      seen.add(attr);
      const value = a[3] ?? a[4] ?? '';
      if (badAmpersand(value)) errors.push(`unescaped '&' in attribute ${attr} of <${name}> (at ${lt})`);
      rest = rest.slice(a[0].length);
    }
    if (!selfClosing) stack.push(name);
    else if (stack.length === 0) rootClosed = true;
  }
  for (const open of stack.reverse()) errors.push(`<${open}> is never closed`);
  if (root === null) errors.push('no root element');
  return { errors, elements, root };
}
