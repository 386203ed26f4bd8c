'use strict';
// The declared-parameter grammar (scripts/lib/parameters.js): what it reads, the errors that name
// the line, the sampler (bounds drawn, wide ranges log-uniform, seeded) and the rewriter.
const test = require('node:test');
const assert = require('node:assert/strict');
const P = require('../scripts/lib/parameters');

const notebook = (...lines) => ({
  cells: [
    { cell_type: 'markdown', source: '# A lesson' },
    { cell_type: 'code', source: '// an import\nimport { x } from "backprop-lessons";' },
    { cell_type: 'code', source: ['// Parameters: change and re-run\n', ...lines.map((l, i) => (i < lines.length - 1 ? `${l}\n` : l))] },
    { cell_type: 'code', source: '// Parameters again: not the parameters cell\nconst z: number = 1; // (allowed: 0..1)' },
  ],
});

const good = [
  'const m: number = 120;                 // examples (allowed: 2..2000)',
  'const learningRate: number = 0.5;      // α (allowed: 0.01..5)',
  'const hidden: string = "tanh";         // g[1] (allowed: "tanh" | "relu" | "sigmoid")',
  'const layers: number[] = [2, 4, 1];    // n[0..L] (allowed: each 1..8, length 2..5)',
  'const shift: number = -3;              // z offset (allowed: -8..-1)',
  'const epsilon: number = 1e-7;          // step (allowed: 1e-9..1e-3)',
  'const sizes: readonly number[] = [0.5, 1.5]; // reals (allowed: each 0.1..2.0, length 1..3)',
  'const flag: boolean = true;            // on or off (allowed: true | false)',
  'const k: 1 | 2 | 3 = 2;                // literal type (allowed: 1 | 2 | 3)',
  'const L = layers.length - 1;           // derived: not a parameter',
  '// (allowed: 1..2) in a comment line: not a declaration',
  'if (m < 4 && hidden === "relu") throw new Error(`m = ${m} is too small for relu`);',
];

test('reads every kind of declaration from the parameters cell', () => {
  const parsed = P.readParameters(notebook(...good), 'nb.ipynb');
  assert.deepEqual(parsed.errors, []);
  assert.equal(parsed.cellIndex, 2);
  const byName = Object.fromEntries(parsed.declarations.map((d) => [d.name, d]));
  assert.deepEqual(Object.keys(byName), ['m', 'learningRate', 'hidden', 'layers', 'shift', 'epsilon', 'sizes', 'flag', 'k']);
  assert.deepEqual(byName.m.allowed, { kind: 'integer', lo: 2, hi: 2000 });
  assert.equal(byName.m.default, 120);
  assert.equal(byName.m.line, 2, 'lines counted in the cell, the marker line is 1');
  assert.equal(byName.m.description, 'examples');
  assert.deepEqual(byName.learningRate.allowed, { kind: 'real', lo: 0.01, hi: 5 });
  assert.deepEqual(byName.hidden.allowed, { kind: 'choice', choices: ['tanh', 'relu', 'sigmoid'] });
  assert.deepEqual(byName.layers.allowed, {
    kind: 'array',
    each: { integer: true, lo: 1, hi: 8 },
    length: { integer: true, lo: 2, hi: 5 },
  });
  assert.deepEqual(byName.layers.default, [2, 4, 1]);
  assert.deepEqual(byName.shift.allowed, { kind: 'integer', lo: -8, hi: -1 });
  assert.deepEqual(byName.epsilon.allowed, { kind: 'real', lo: 1e-9, hi: 1e-3 });
  assert.equal(byName.sizes.allowed.each.integer, false);
  assert.deepEqual(byName.flag.allowed.choices, [true, false]);
  assert.deepEqual(byName.k.allowed.choices, [1, 2, 3]);
});

test('a notebook without a parameters cell, or one without declarations', () => {
  assert.equal(P.readParameters({ cells: [{ cell_type: 'code', source: 'const m = 1;' }] }).cellIndex, -1);
  const plain = P.readParameters(notebook('const m = 120; // examples'));
  assert.equal(plain.cellIndex, 2);
  assert.deepEqual(plain.declarations, []);
  assert.deepEqual(plain.errors, []);
});

test('each grammar error names the notebook, the cell and the line, and says what is wrong', () => {
  const cases = [
    ['const m = 120; // examples (allowed: 2..2000)', /no type annotation/],
    ['const m: number = 1.5; // examples (allowed: 1..5)', /bounds 1\.\.5 are integers, so the default must be written as an integer/],
    ['const m: number = 1; // examples (allowed: 2..2000)', /m = 1 is outside its allowed set 2\.\.2000/],
    ['const m: number = 5; // examples (allowed: 9..2)', /empty or a single value/],
    ['const m: string = "5"; // examples (allowed: 2..9)', /declared `string`: a range needs `m: number`/],
    ['const a: string = "elu"; // g (allowed: "tanh" | "relu")', /a = "elu" is not one of its allowed choices "tanh" \| "relu"/],
    ["const a: string = 'tanh'; // g (allowed: 'tanh' | 'relu')", /is not a JSON literal/],
    ['const a: "tanh" | "relu" = "tanh"; // g (allowed: "tanh" | "relu" | "sigmoid")', /does not admit the allowed choice "sigmoid"/],
    ['const a: string = "tanh"; // g (allowed: "tanh")', /single choice/],
    ['const n: number[] = [2, 9]; // sizes (allowed: each 1..8, length 2..5)', /element 2 \(9\) is outside 1\.\.8/],
    ['const n: number[] = [2]; // sizes (allowed: each 1..8, length 2..5)', /has length 1, outside 2\.\.5/],
    ['const n: number[] = [2, 2.5]; // sizes (allowed: each 1..8, length 2..5)', /element 2 \(2\.5\) must be written as an integer/],
    ['const n: string[] = [2, 3]; // sizes (allowed: each 1..8, length 2..5)', /an array set needs `n: number\[\]`/],
    ['const n: number[] = [2, 3]; // sizes (allowed: each 1..8)', /an array set reads `each LO\.\.HI, length MIN\.\.MAX`/],
    ['const m: number = 3; // examples (allowed: 2...9)', /a range reads `LO\.\.HI` with two numbers/],
    ['const a: number = 1, b: number = 2; // two (allowed: 1..3)', /one parameter per line/],
    ['const m: number = 3; // examples (allowed: 2..9) and more', /nothing after the closing parenthesis/],
    ['const m: number = 3; // examples (allowed 2..9)', /a parameter line reads/],
    ['const m: number = Math.max(2, 3); // examples (allowed: 2..9)', /is not a literal the tools can read/],
  ];
  for (const [line, pattern] of cases) {
    const parsed = P.readParameters(notebook('const ok: number = 1; // fine (allowed: 0..2)', line), 'notebooks/07-x.ipynb');
    assert.equal(parsed.errors.length, 1, `${line}\n${parsed.errors.join('\n')}`);
    assert.match(parsed.errors[0], /^notebooks\/07-x\.ipynb: parameters cell \(cell 3\), line 3: /, parsed.errors[0]);
    assert.match(parsed.errors[0], pattern, parsed.errors[0]);
    assert.ok(parsed.errors[0].endsWith(line.trim()), 'the line itself is quoted');
    assert.deepEqual(parsed.declarations.map((d) => d.name), ['ok'], 'the good line is still read');
  }
  const twice = P.readParameters(notebook('const m: number = 3; // a (allowed: 2..9)', 'const m: number = 4; // b (allowed: 2..9)'));
  assert.match(twice.errors[0], /line 3: m is declared twice/);
});

test('sampling: seeded, inside the sets, bounds drawn, wide positive ranges log-uniform', () => {
  const { declarations } = P.readParameters(notebook(...good));
  const byName = Object.fromEntries(declarations.map((d) => [d.name, d]));
  const draw = (d, n, seed = 1) => {
    const random = P.rng(seed);
    return Array.from({ length: n }, () => P.sampleValue(d, random));
  };
  assert.deepEqual(draw(byName.m, 20, 'a'), draw(byName.m, 20, 'a'), 'same seed, same values');
  assert.notDeepEqual(draw(byName.m, 20, 'a'), draw(byName.m, 20, 'b'));

  const ms = draw(byName.m, 4000);
  assert.ok(ms.every((x) => Number.isInteger(x) && x >= 2 && x <= 2000));
  assert.ok(ms.filter((x) => x === 2).length > 200 && ms.filter((x) => x === 2000).length > 200, 'each bound about 10% of draws');
  // log-uniform over 2..2000: about half the draws (besides the bounds) below sqrt(2 * 2000) = 63
  const inner = ms.filter((x) => x !== 2 && x !== 2000);
  const below = inner.filter((x) => x < 63).length / inner.length;
  assert.ok(below > 0.4 && below < 0.6, `share below the geometric middle: ${below}`);

  const rates = draw(byName.learningRate, 4000);
  assert.ok(rates.every((x) => x >= 0.01 && x <= 5));
  const innerRates = rates.filter((x) => x !== 0.01 && x !== 5);
  const belowRate = innerRates.filter((x) => x < Math.sqrt(0.01 * 5)).length / innerRates.length;
  assert.ok(belowRate > 0.4 && belowRate < 0.6, `reals: share below the geometric middle ${belowRate}`);
  assert.ok(rates.every((x) => Number(x.toPrecision(3)) === x), 'reals rounded to 3 significant digits');

  const shifts = draw(byName.shift, 2000); // negative range: uniform
  for (let v = -8; v <= -1; v++) assert.ok(shifts.includes(v), `${v} drawn`);
  const mean = shifts.reduce((a, b) => a + b, 0) / shifts.length;
  assert.ok(Math.abs(mean + 4.5) < 0.3, `uniform mean ${mean}`);

  const layers = draw(byName.layers, 2000);
  assert.ok(layers.every((a) => a.length >= 2 && a.length <= 5 && a.every((x) => Number.isInteger(x) && x >= 1 && x <= 8)));
  for (const length of [2, 3, 4, 5]) assert.ok(layers.some((a) => a.length === length));
  assert.ok(layers.some((a) => a.includes(1)) && layers.some((a) => a.includes(8)));

  const hidden = draw(byName.hidden, 300);
  for (const c of ['tanh', 'relu', 'sigmoid']) assert.ok(hidden.includes(c));
});

test('points: one edit changes exactly one parameter, each in turn; all at once changes every one', () => {
  const { declarations } = P.readParameters(notebook(...good));
  const one = P.samplePoints(declarations, { mode: 'one', count: declarations.length, seed: 3 });
  const edited = one.map((p) => {
    const changed = declarations.filter((d) => JSON.stringify(p.values[d.name]) !== JSON.stringify(d.default));
    assert.equal(changed.length, 1, JSON.stringify(p.values));
    assert.deepEqual(p.edited, [changed[0].name]);
    return changed[0].name;
  });
  assert.deepEqual([...edited].sort(), declarations.map((d) => d.name).sort(), 'every parameter edited once in N = P runs');
  const all = P.samplePoints(declarations, { mode: 'all', count: 5, seed: 3 });
  for (const p of all) {
    for (const d of declarations) assert.notDeepEqual(p.values[d.name], d.default, `${d.name} changed`);
  }
  assert.deepEqual(P.samplePoints(declarations, { mode: 'all', count: 5, seed: 3 }), all, 'seeded');
});

test('rewriting: the new values are written in place, and read back as the new defaults', () => {
  const nb = notebook(...good);
  const parsed = P.readParameters(nb);
  const [point] = P.samplePoints(parsed.declarations, { mode: 'all', count: 1, seed: 11 });
  const edited = P.withValues(nb, parsed, point.values);
  assert.equal(nb.cells[2].source.length, good.length + 1, 'the original is untouched');
  const again = P.readParameters(edited);
  assert.deepEqual(again.errors, []);
  for (const d of again.declarations) assert.deepEqual(d.default, point.values[d.name], d.name);
  const lines = edited.cells[2].source.split('\n');
  assert.match(lines[1], /^const m: number = \d+; {17}\/\/ examples \(allowed: 2\.\.2000\)$/, 'only the value changes');
  assert.equal(lines[10], good[9], 'other lines untouched');
  assert.deepEqual(edited.cells[3], nb.cells[3]);
  assert.equal(
    P.describeValues(parsed.declarations, { ...point.values, hidden: 'relu', layers: [3, 1] }, ['hidden', 'layers']),
    'hidden = "relu", layers = [3, 1]',
  );
  assert.equal(P.formatValue(parsed.declarations[5], 1e-7), '1e-7');
});
