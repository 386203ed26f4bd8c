'use strict';
// The declared parameters of a lesson: the grammar tools read in its parameters cell (the first
// code cell opening with `// Parameters`), a validator that names the offending line, a seeded
// sampler of other values inside the declared sets, and a rewriter of the cell.
//
// One parameter per line, typed, its comment ending with the allowed set:
//   const m: number = 120;                      // examples (allowed: 2..2000)
//   const learningRate: number = 0.5;           // α (allowed: 0.01..5)
//   const hidden: string = "tanh";              // g[1] (allowed: "tanh" | "relu" | "sigmoid")
//   const layers: number[] = [2, 4, 1];         // n[0..L] (allowed: each 1..8, length 2..5)
// A range is of integers when both bounds are written as integers (then so must the default be),
// else of reals. Choices are JSON literals (strings, numbers, true, false, null). An array range
// gives its elements' range (integers when both bounds are) and its length range.
// CONTRIBUTING.md ("Declared parameters") documents this for lesson authors.

const MARKER = /^\s*\/\/\s*Parameters\b/;
const ALLOWED = /\(\s*allowed\b/i;
const NUMBER = String.raw`[-+]?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?`;
const RANGE = new RegExp(String.raw`^(${NUMBER})\s*\.\.\s*(${NUMBER})$`);
const ARRAY_RANGE = new RegExp(String.raw`^each\s+(${NUMBER})\s*\.\.\s*(${NUMBER})\s*,\s*length\s+(${NUMBER})\s*\.\.\s*(${NUMBER})$`);
const DECLARATION = /^(\s*)(const|let)\s+([A-Za-z_$][\w$]*)\s*:\s*(.+?)\s*=\s*(.+?)\s*;\s*\/\/(.*)\(\s*allowed:\s*(.*)\)\s*$/;

class ParameterError extends Error {}

function text(source) {
  return Array.isArray(source) ? source.join('') : source || '';
}

/** Index of the parameters cell of a notebook (first code cell opening with `// Parameters`), or -1. */
function parametersCellIndex(nb) {
  return nb.cells.findIndex((cell) => cell.cell_type === 'code' && MARKER.test(text(cell.source).replace(/^\s*\n/, '')));
}

/** Whether `literal` is written as an integer (no decimal point, no exponent). */
function writtenAsInteger(literal) {
  return /^[-+]?\d+$/.test(literal.trim());
}

/**
 * Read JSON literals separated by `separator` from `s` (strings may hold the separator).
 * Returns the values, or throws a message.
 */
function splitLiterals(s, separator) {
  const values = [];
  let rest = s.trim();
  for (;;) {
    const m = /^("(?:[^"\\]|\\.)*"|[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?|true|false|null)\s*/.exec(rest);
    if (!m) throw new Error(`\`${rest}\` is not a JSON literal (strings in double quotes, numbers, true, false, null)`);
    values.push(JSON.parse(m[1].replace(/^\+/, '')));
    rest = rest.slice(m[0].length);
    if (rest === '') return values;
    if (!rest.startsWith(separator)) throw new Error(`expected \`${separator}\` before \`${rest}\``);
    rest = rest.slice(separator.length).trim();
  }
}

/** The default value written in the code: a JSON literal, a single-quoted string, or an array of numbers. */
function parseDefault(literal) {
  const s = literal.trim();
  if (/^'(?:[^'\\]|\\.)*'$/.test(s)) return JSON.parse(`"${s.slice(1, -1).replace(/\\'/g, "'").replace(/"/g, '\\"')}"`);
  if (s.startsWith('[')) {
    if (!s.endsWith(']')) throw new Error(`\`${s}\` is not an array literal`);
    const inner = s.slice(1, -1).trim().replace(/,\s*$/, '');
    return { array: inner === '' ? [] : splitLiterals(inner, ','), elements: inner === '' ? [] : inner.split(',').map((x) => x.trim()) };
  }
  const values = splitLiterals(s, '|');
  if (values.length !== 1) throw new Error(`\`${s}\` is not one literal`);
  return values[0];
}

/** The allowed set of one declaration, from the text inside `(allowed: ...)`. */
function parseAllowed(setText) {
  const s = setText.trim();
  let m = ARRAY_RANGE.exec(s);
  if (m) {
    const [lo, hi, minLength, maxLength] = m.slice(1);
    if (!writtenAsInteger(minLength) || !writtenAsInteger(maxLength)) throw new Error(`the length range ${minLength}..${maxLength} must be of integers`);
    return {
      kind: 'array',
      each: { integer: writtenAsInteger(lo) && writtenAsInteger(hi), lo: Number(lo), hi: Number(hi) },
      length: { integer: true, lo: Number(minLength), hi: Number(maxLength) },
    };
  }
  m = RANGE.exec(s);
  if (m) {
    const [lo, hi] = m.slice(1);
    const integer = writtenAsInteger(lo) && writtenAsInteger(hi);
    return { kind: integer ? 'integer' : 'real', lo: Number(lo), hi: Number(hi) };
  }
  if (/^each\b/.test(s)) throw new Error(`an array set reads \`each LO..HI, length MIN..MAX\`, not \`${s}\``);
  if (/\.\./.test(s)) throw new Error(`a range reads \`LO..HI\` with two numbers, not \`${s}\``);
  const choices = splitLiterals(s, '|');
  return { kind: 'choice', choices };
}

function checkRange(range, what) {
  if (!Number.isFinite(range.lo) || !Number.isFinite(range.hi)) throw new Error(`${what} ${range.lo}..${range.hi} is not finite`);
  if (!(range.lo < range.hi)) throw new Error(`${what} ${range.lo}..${range.hi} is empty or a single value (the low bound must be below the high one)`);
}

function inRange(x, range) {
  return typeof x === 'number' && Number.isFinite(x) && x >= range.lo && x <= range.hi && (!range.integer || Number.isInteger(x));
}

/** The type annotation's union members, as written. */
function typeMembers(annotation) {
  const members = [];
  let depth = 0;
  let quote = null;
  let current = '';
  for (const ch of annotation) {
    if (quote) {
      current += ch;
      if (ch === quote) quote = null;
      continue;
    }
    if (ch === '"' || ch === "'") quote = ch;
    if ('<[({'.includes(ch)) depth++;
    if ('>])}'.includes(ch)) depth--;
    if (ch === '|' && depth === 0) {
      members.push(current.trim());
      current = '';
    } else current += ch;
  }
  members.push(current.trim());
  return members.filter((m) => m !== '');
}

/** Whether the annotation admits `value` (identifiers such as a type alias are taken on trust). */
function annotationAdmits(annotation, value) {
  return typeMembers(annotation).some((member) => {
    if (member === 'string' || member === 'number' || member === 'boolean') return typeof value === member;
    if (member === 'null') return value === null;
    if (/^[A-Za-z_$][\w$.]*(<.*>)?$/.test(member)) return !['undefined', 'never', 'void'].includes(member);
    try {
      const literal = parseDefault(member);
      return literal === value;
    } catch {
      return true; // a type we do not read: the compiler checks it
    }
  });
}

const NUMBER_TYPE = /^number$/;
const NUMBER_ARRAY_TYPE = /^(?:readonly\s+number\[\]|number\[\]|(?:Readonly)?Array<\s*number\s*>|ReadonlyArray<\s*number\s*>)$/;

/** Validate one declaration line; returns the declaration or throws a message. */
function declaration(line) {
  const m = DECLARATION.exec(line);
  if (!m) {
    if (/^\s*(const|let)\s+[A-Za-z_$][\w$]*\s*=/.test(line)) throw new Error('the parameter has no type annotation: write `const NAME: TYPE = VALUE;` (for example `const m: number = 120;`)');
    if (/,\s*[A-Za-z_$][\w$]*\s*[:=]/.test(line.split('//')[0])) throw new Error('one parameter per line');
    throw new Error('a parameter line reads `const NAME: TYPE = VALUE; // what it is (allowed: SET)`, with nothing after the closing parenthesis');
  }
  const [, , , name, annotation, valueText, comment, setText] = m;
  if (/,\s*[A-Za-z_$][\w$]*\s*[:=]/.test(valueText)) throw new Error('one parameter per line');
  let allowed;
  try {
    allowed = parseAllowed(setText);
  } catch (error) {
    throw new Error(`(allowed: ${setText.trim()}): ${error.message}`);
  }
  let value;
  try {
    value = parseDefault(valueText);
  } catch (error) {
    throw new Error(`the value ${valueText} is not a literal the tools can read and rewrite: ${error.message}`);
  }
  const where = `${name} = ${valueText}`;
  if (allowed.kind === 'integer' || allowed.kind === 'real') {
    checkRange(allowed, 'the range');
    if (!NUMBER_TYPE.test(annotation)) throw new Error(`${name} is declared \`${annotation}\`: a range needs \`${name}: number\``);
    if (typeof value !== 'number') throw new Error(`${where} is not a number`);
    if (allowed.kind === 'integer' && !writtenAsInteger(valueText)) {
      throw new Error(`${where}: the bounds ${allowed.lo}..${allowed.hi} are integers, so the default must be written as an integer (write the bounds with a decimal point, e.g. ${allowed.lo}.0..${allowed.hi}, for reals)`);
    }
    if (!inRange(value, allowed)) throw new Error(`${where} is outside its allowed set ${allowed.lo}..${allowed.hi}`);
  } else if (allowed.kind === 'array') {
    checkRange(allowed.each, 'the element range');
    checkRange(allowed.length, 'the length range');
    if (allowed.length.lo < 0) throw new Error(`the length range ${allowed.length.lo}..${allowed.length.hi} starts below 0`);
    if (!NUMBER_ARRAY_TYPE.test(annotation)) throw new Error(`${name} is declared \`${annotation}\`: an array set needs \`${name}: number[]\``);
    if (!value || !Array.isArray(value.array)) throw new Error(`${where} is not an array literal`);
    const { array, elements } = value;
    if (array.length < allowed.length.lo || array.length > allowed.length.hi) {
      throw new Error(`${where} has length ${array.length}, outside ${allowed.length.lo}..${allowed.length.hi}`);
    }
    array.forEach((x, i) => {
      if (typeof x !== 'number') throw new Error(`${where}: element ${i + 1} is not a number`);
      if (allowed.each.integer && !writtenAsInteger(elements[i])) throw new Error(`${where}: element ${i + 1} (${elements[i]}) must be written as an integer, as the bounds ${allowed.each.lo}..${allowed.each.hi} are`);
      if (!inRange(x, allowed.each)) throw new Error(`${where}: element ${i + 1} (${x}) is outside ${allowed.each.lo}..${allowed.each.hi}`);
    });
    value = array;
  } else {
    if (value && typeof value === 'object') throw new Error(`${where}: a choice is one literal, not an array`);
    if (allowed.choices.length < 2) throw new Error(`(allowed: ${setText.trim()}) offers a single choice: a fixed value needs no declaration`);
    const keys = allowed.choices.map((c) => JSON.stringify(c));
    const twice = keys.find((k, i) => keys.indexOf(k) !== i);
    if (twice) throw new Error(`the choice ${twice} is listed twice`);
    if (!keys.includes(JSON.stringify(value))) throw new Error(`${where} is not one of its allowed choices ${keys.join(' | ')}`);
    const refused = allowed.choices.filter((c) => !annotationAdmits(annotation, c));
    if (refused.length > 0) throw new Error(`${name} is declared \`${annotation}\`, which does not admit the allowed choice ${refused.map((c) => JSON.stringify(c)).join(', ')}`);
  }
  return { name, annotation, valueText, description: comment.trim(), allowed, default: value };
}

/**
 * The declared parameters of a notebook.
 * @returns {{ cellIndex: number, cellId: string|null, declarations: Array<{ name, line, text,
 *   annotation, valueText, description, allowed, default }>, errors: string[] }}
 *   `cellIndex` is -1 when there is no parameters cell. Errors name the cell and the line.
 */
function readParameters(nb, file = 'notebook') {
  const cellIndex = parametersCellIndex(nb);
  const result = { cellIndex, cellId: null, declarations: [], errors: [] };
  if (cellIndex < 0) return result;
  const cell = nb.cells[cellIndex];
  result.cellId = cell.id || null;
  const lines = text(cell.source).split('\n');
  lines.forEach((line, i) => {
    if (!ALLOWED.test(line) || /^\s*\/\//.test(line)) return;
    try {
      const d = declaration(line);
      if (result.declarations.some((other) => other.name === d.name)) throw new Error(`${d.name} is declared twice`);
      result.declarations.push({ ...d, line: i + 1, text: line });
    } catch (error) {
      result.errors.push(`${file}: parameters cell (cell ${cellIndex + 1}), line ${i + 1}: ${error.message}\n    ${line.trim()}`);
    }
  });
  return result;
}

// --- sampling ---------------------------------------------------------------------------------

/** A seeded generator of uniform numbers in [0, 1) (mulberry32), from any string or number. */
function rng(seed) {
  let h = 1779033703 ^ String(seed).length;
  for (const ch of String(seed)) {
    h = Math.imul(h ^ ch.charCodeAt(0), 3432918353);
    h = (h << 13) | (h >>> 19);
  }
  let a = h >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Probability of drawing each bound of a range exactly. */
const BOUND_PROBABILITY = 0.1;
/** A positive range whose bounds differ by this factor or more is sampled log-uniformly. */
const WIDE_RATIO = 10;

/** A real rounded to 3 significant digits when that stays inside the range (readable edits). */
function roundReal(x, range) {
  const rounded = Number(x.toPrecision(3));
  return rounded >= range.lo && rounded <= range.hi ? rounded : x;
}

/**
 * A number from a range: each bound with probability 0.1; otherwise uniform, or log-uniform
 * when the range is positive and wide (hi / lo >= 10), so that small values are drawn as often
 * as large ones. Integers are whole; reals are rounded to 3 significant digits.
 */
function sampleNumber(range, random) {
  const u = random();
  if (u < BOUND_PROBABILITY) return range.lo;
  if (u < 2 * BOUND_PROBABILITY) return range.hi;
  const wide = range.lo > 0 && range.hi / range.lo >= WIDE_RATIO;
  if (range.integer) {
    if (wide) {
      const x = Math.floor(Math.exp(Math.log(range.lo) + random() * (Math.log(range.hi + 1) - Math.log(range.lo))));
      return Math.min(range.hi, Math.max(range.lo, x));
    }
    return range.lo + Math.floor(random() * (range.hi - range.lo + 1));
  }
  const x = wide
    ? Math.exp(Math.log(range.lo) + random() * (Math.log(range.hi) - Math.log(range.lo)))
    : range.lo + random() * (range.hi - range.lo);
  return roundReal(Math.min(range.hi, Math.max(range.lo, x)), range);
}

/** One value from a declaration's allowed set. */
function sampleValue(d, random) {
  const a = d.allowed;
  if (a.kind === 'integer' || a.kind === 'real') return sampleNumber({ ...a, integer: a.kind === 'integer' }, random);
  if (a.kind === 'choice') return a.choices[Math.floor(random() * a.choices.length)];
  const length = sampleNumber(a.length, random);
  return Array.from({ length }, () => sampleNumber(a.each, random));
}

function same(a, b) {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** A value of `d` other than its default (the set has at least two values by validation). */
function sampleOther(d, random) {
  for (let attempt = 0; attempt < 100; attempt++) {
    const v = sampleValue(d, random);
    if (!same(v, d.default)) return v;
  }
  throw new Error(`could not draw a value of ${d.name} other than its default in 100 attempts`);
}

/**
 * Points to run, as { mode, values } where `values` maps every declared name to its value:
 * 'one' edits one parameter (the parameters taken in a seeded order, round robin, so N >= the
 * number of parameters edits each at least once) and keeps the others at their defaults; 'all'
 * changes every parameter at once.
 */
function samplePoints(declarations, { mode, count, seed }) {
  const random = rng(`${seed}:${mode}`);
  const defaults = Object.fromEntries(declarations.map((d) => [d.name, d.default]));
  const order = declarations.map((d) => ({ d, key: random() })).sort((x, y) => x.key - y.key).map((x) => x.d);
  const points = [];
  for (let i = 0; i < count; i++) {
    if (mode === 'one') {
      const d = order[i % order.length];
      points.push({ mode, edited: [d.name], values: { ...defaults, [d.name]: sampleOther(d, random) } });
    } else {
      points.push({ mode, edited: declarations.map((d) => d.name), values: Object.fromEntries(declarations.map((d) => [d.name, sampleOther(d, random)])) });
    }
  }
  return points;
}

// --- rewriting --------------------------------------------------------------------------------

/** A value as a TypeScript literal for its declaration. */
function formatValue(d, value) {
  const number = (x, integer) => (integer ? String(Math.round(x)) : String(x));
  if (d.allowed.kind === 'integer') return number(value, true);
  if (d.allowed.kind === 'real') return number(value, false);
  if (d.allowed.kind === 'array') return `[${value.map((x) => number(x, d.allowed.each.integer)).join(', ')}]`;
  return JSON.stringify(value);
}

/** "m = 37, hidden = "relu"": the named values as literals, for reports. */
function describeValues(declarations, values, names = declarations.map((d) => d.name)) {
  return names
    .map((name) => {
      const d = declarations.find((x) => x.name === name);
      return `${name} = ${formatValue(d, values[name])}`;
    })
    .join(', ');
}

/** The parameters cell's source with the given values written in place of the defaults. */
function rewriteSource(source, declarations, values) {
  const lines = text(source).split('\n');
  for (const d of declarations) {
    if (!(d.name in values)) continue;
    const m = DECLARATION.exec(lines[d.line - 1]);
    if (!m || m[3] !== d.name) throw new ParameterError(`line ${d.line} no longer declares ${d.name}`);
    const line = lines[d.line - 1];
    const valueAt = line.indexOf(m[5], line.indexOf('=', line.indexOf(m[3]) + m[3].length));
    lines[d.line - 1] = line.slice(0, valueAt) + formatValue(d, values[d.name]) + line.slice(valueAt + m[5].length);
  }
  return lines.join('\n');
}

/** A copy of the notebook whose parameters cell holds `values`. */
function withValues(nb, parsed, values) {
  const copy = JSON.parse(JSON.stringify(nb));
  const cell = copy.cells[parsed.cellIndex];
  cell.source = rewriteSource(cell.source, parsed.declarations, values);
  return copy;
}

module.exports = {
  ParameterError,
  parametersCellIndex,
  readParameters,
  parseAllowed,
  rng,
  sampleNumber,
  sampleValue,
  samplePoints,
  formatValue,
  describeValues,
  rewriteSource,
  withValues,
};
