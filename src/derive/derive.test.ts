import { test } from 'node:test';
import assert from 'node:assert/strict';
import katex from 'katex';
import { derive, deriveWith, Derivation, DeriveSpec, SpecError, WEEK3_SPEC } from './derive';
import type { OutputActivationName } from '../nn/activations';
import { compareConventions, compareConventionsWith } from './compare';
import { defaultMatrixClaims } from './claims';
import { compareGradients } from '../check/compare';
import { mutations } from './mutations';
import { backprop } from '../nn/backprop';
import { Matrix } from '../core/matrix';
import { createRng } from '../core/random';

/** Renders TeX as the judges do; throws on any KaTeX error. */
function renders(tex: string): void {
  katex.renderToString(tex, { throwOnError: true, displayMode: true });
}

/** Macros MathJax 2 (TeX-AMS) would not know, or that only KaTeX has. */
const KATEX_ONLY = /\\(?:htmlClass|htmlId|htmlStyle|htmlData|href|includegraphics|char|mathstrut|vcenter|raisebox)\b/;

/** Steps whose equation is under test and that fail, as a sorted list. */
function failing(d: Derivation): string[] {
  return d.failures.map((s) => `${s.number}:${s.equation}`);
}

function assertVerified(d: Derivation, label: string): void {
  for (const s of d.steps) {
    assert.ok(s.check.passed, `${label}: step ${s.number} (${s.equation}, ${s.title}) failed: ${s.check.method}, max error ${s.check.maxError}`);
    assert.ok(s.check.maxError < 1e-6, `${label}: step ${s.number} max error ${s.check.maxError}`);
    assert.ok(s.title.length > 0 && s.rule.length > 0 && s.check.method.length > 0, `${label}: step ${s.number} has empty fields`);
  }
  assert.equal(d.passed, true);
}

/** Every "dZ[l]", "dW[l]", "db[l]", and "dA[l-1]" for l >= 2. */
function expectedKeys(L: number): string[] {
  const keys: string[] = [];
  for (let l = 1; l <= L; l++) keys.push(`dZ[${l}]`, `dW[${l}]`, `db[${l}]`);
  for (let l = 2; l <= L; l++) keys.push(`dA[${l - 1}]`);
  return keys.sort();
}

function assertOneOverM(d: Derivation): void {
  const L = d.spec.L;
  for (const [k, tex] of Object.entries(d.equations)) {
    const has = tex.includes('\\frac{1}{m}');
    const expected = d.spec.convention === 'loss' ? k.startsWith('dW') || k.startsWith('db') : k === `dZ[${L}]`;
    assert.equal(has, expected, `${d.spec.convention}: ${k} = ${tex}`);
    assert.equal((tex.match(/\\frac\{1\}\{m\}/g) ?? []).length, expected ? 1 : 0, `${k}: 1/m once at most`);
  }
  // The steps follow the same placement: no 1/m in a per-example step under "loss", none after dZ[L] under "cost".
  for (const s of d.steps) {
    if (!s.tex.includes('\\frac{1}{m}')) continue;
    if (d.spec.convention === 'loss') assert.ok(/^d[Wb]\[/.test(s.equation), `loss: 1/m in step ${s.number} (${s.equation})`);
    else assert.equal(s.equation, `dZ[${L}]`, `cost: 1/m in step ${s.number} (${s.equation})`);
  }
}

test('week-3 network: every step verified, every equation present, the 1/m where each notation puts it', () => {
  for (const convention of ['loss', 'cost'] as const) {
    const d = derive({ ...WEEK3_SPEC, convention });
    assertVerified(d, convention);
    assert.deepEqual(Object.keys(d.equations).sort(), expectedKeys(2));
    assertOneOverM(d);
    for (const s of d.steps) renders(s.tex);
    for (const t of Object.values(d.equations)) renders(t);
  }
  const d = derive(WEEK3_SPEC);
  assert.equal(d.equations['dZ[2]'], 'dZ^{[2]} = A^{[2]} - Y');
  assert.equal(d.equations['dW[1]'], 'dW^{[1]} = \\frac{1}{m}\\, dZ^{[1]} X^{\\top}');
  assert.equal(d.equations['dA[1]'], 'dA^{[1]} = W^{[2]\\top} dZ^{[2]}');
  assert.equal(d.equations['dZ[1]'], 'dZ^{[1]} = dA^{[1]} \\odot \\left(1 - A^{[1]} \\odot A^{[1]}\\right)');
  const c = derive({ ...WEEK3_SPEC, convention: 'cost' });
  assert.equal(c.equations['dZ[2]'], 'dZ^{[2]} = \\frac{1}{m}\\left(A^{[2]} - Y\\right)');
  assert.equal(c.equations['dW[2]'], 'dW^{[2]} = dZ^{[2]} A^{[1]\\top}');
  // scalar steps come from mathjs, matrix steps from finite differences against L or J as claimed
  assert.deepEqual(
    d.steps.map((s) => `${s.kind}:${s.check.against}`),
    ['scalar:mathjs', 'scalar:mathjs', 'scalar:mathjs', 'matrix:L', 'matrix:J', 'matrix:J', 'matrix:L', 'scalar:mathjs', 'matrix:L', 'matrix:J', 'matrix:J'],
  );
  assert.deepEqual(
    c.steps.filter((s) => s.kind === 'matrix').map((s) => s.check.against),
    ['J', 'J', 'J', 'J', 'J', 'J', 'J'],
  );
});

/** A random valid spec: depth 1–4, widths 1–5, any hidden activation, a valid output/loss pair. */
function randomSpec(seed: number): DeriveSpec {
  const rng = createRng(seed);
  const L = 1 + rng.integer(4);
  const hidden: OutputActivationName[] = ['sigmoid', 'tanh', 'relu', 'linear'];
  const layers = Array.from({ length: L + 1 }, () => 1 + rng.integer(5));
  const activations = Array.from({ length: L - 1 }, () => hidden[rng.integer(4)]);
  const pick = rng.integer(4);
  let out: OutputActivationName;
  let loss: DeriveSpec['loss'];
  if (pick === 0) {
    out = 'sigmoid';
    loss = 'cross-entropy';
  } else if (pick === 1) {
    out = 'softmax';
    loss = 'cross-entropy';
    layers[L] = 2 + rng.integer(3);
  } else {
    out = hidden[rng.integer(4)];
    loss = 'squared-error';
  }
  activations.push(out);
  return { layers, activations, loss, convention: rng.uniform() < 0.5 ? 'loss' : 'cost', examples: 2 + rng.integer(6), seed: 1 + rng.integer(1000) };
}

test('random specs: every step verified below 1e-6, every equation present, 1/m placed, TeX renders in KaTeX', () => {
  for (let k = 0; k < 40; k++) {
    const spec = randomSpec(100 + k);
    const label = JSON.stringify(spec);
    const d = derive(spec);
    assertVerified(d, label);
    assert.deepEqual(Object.keys(d.equations).sort(), expectedKeys(spec.layers.length - 1), label);
    assertOneOverM(d);
    for (const s of d.steps) {
      renders(s.tex);
      assert.doesNotMatch(s.tex, KATEX_ONLY, `${label}: step ${s.number} uses a KaTeX-only macro`);
    }
    for (const t of Object.values(d.equations)) renders(t);
  }
});

test('every activation and both losses, including softmax and relu at the output', () => {
  const specs: DeriveSpec[] = [
    { layers: [3, 4, 3], activations: ['relu', 'softmax'], loss: 'cross-entropy', convention: 'loss' },
    { layers: [3, 4, 3], activations: ['sigmoid', 'softmax'], loss: 'cross-entropy', convention: 'cost' },
    { layers: [2, 3, 2], activations: ['tanh', 'relu'], loss: 'squared-error', convention: 'loss' },
    { layers: [2, 3, 2], activations: ['linear', 'tanh'], loss: 'squared-error', convention: 'cost' },
    { layers: [2, 3, 2], activations: ['relu', 'sigmoid'], loss: 'squared-error', convention: 'loss' },
    { layers: [4, 1], activations: ['sigmoid'], loss: 'cross-entropy', convention: 'loss' },
    { layers: [3, 5, 4, 3, 1], activations: ['relu', 'relu', 'tanh', 'sigmoid'], loss: 'cross-entropy', convention: 'cost', examples: 8 },
  ];
  for (const spec of specs) {
    const d = derive(spec);
    assertVerified(d, JSON.stringify(spec));
    assertOneOverM(d);
  }
  const relu = derive(specs[2]).steps.find((s) => s.title.includes('(relu)'));
  assert.ok(relu);
  assert.equal(relu.check.against, 'differences');
  assert.match(relu.check.method, /mathjs cannot differentiate `max\(0, z\)`.*at the kink z = 0 the derivative is stated as 0/);
  const se = derive(specs[4]);
  assert.equal(se.equations['dZ[2]'], 'dZ^{[2]} = \\left(A^{[2]} - Y\\right) \\odot A^{[2]} \\odot \\left(1 - A^{[2]}\\right)');
});

// ---- mutations: each wrong claim must fail its own step -----------------------------------

const square: DeriveSpec = { layers: [3, 3, 3, 1], activations: ['tanh', 'tanh', 'sigmoid'], loss: 'cross-entropy', convention: 'loss' };

test('mutation: 1/m missing from dW or db ("loss") fails exactly those steps', () => {
  const noM = deriveWith(square, { dW: ({ dZ, APrev }) => dZ.dot(APrev.transpose()) });
  assert.deepEqual(noM.failures.map((s) => s.equation), ['dW[3]', 'dW[2]', 'dW[1]']);
  for (const s of noM.failures) assert.ok(s.check.maxError > 0.1 && Math.abs((s.check.relativeDifference ?? 0) - 4 / 6) < 1e-6, `(m-1)/(m+1) = 2/3 for m = 5: ${s.check.relativeDifference}`);
  const dbNoM = deriveWith(square, { db: ({ dZ }) => dZ.sumRows() });
  assert.deepEqual(dbNoM.failures.map((s) => s.equation), ['db[3]', 'db[2]', 'db[1]']);
});

test('mutation: 1/m doubled fails (in dW under "loss", in dW after dZ[L] under "cost")', () => {
  const doubled = deriveWith(square, { dW: ({ dZ, APrev, m }) => dZ.dot(APrev.transpose()).scale(1 / (m * m)) });
  assert.deepEqual(doubled.failures.map((s) => s.equation), ['dW[3]', 'dW[2]', 'dW[1]']);
  const cost = { ...square, convention: 'cost' as const };
  const costDouble = deriveWith(cost, { dW: ({ dZ, APrev, m }) => dZ.dot(APrev.transpose()).scale(1 / m) });
  assert.deepEqual(costDouble.failures.map((s) => s.equation), ['dW[3]', 'dW[2]', 'dW[1]']);
  // "cost" with the 1/m missing at dZ[L]: dZ[L] fails, and so does everything computed from it
  const costMissing = deriveWith(cost, { dZOutput: ({ delta }) => delta });
  assert.equal(costMissing.failures[0]?.equation, 'dZ[3]');
  assert.ok(costMissing.failures.length >= 10);
  // "loss" with a 1/m put into dZ[L] (the learner's dZ with the course's dW: 1/m twice)
  const lossWithM = deriveWith(square, { dZOutput: ({ delta, m }) => delta.scale(1 / m) });
  assert.equal(lossWithM.failures[0]?.equation, 'dZ[3]');
});

test("mutation: tanh' from Z instead of A fails its scalar step and the dZ steps that use it", () => {
  const d = deriveWith(square, { activationDerivatives: { tanh: { expr: '1 - z^2', tex: '1 - z^{2}' } } });
  const failed = d.failures.map((s) => `${s.kind}:${s.equation}`);
  assert.ok(failed.includes('scalar:dZ[2]') && failed.includes('scalar:dZ[1]'), failed.join(' '));
  assert.ok(failed.includes('matrix:dZ[2]') && failed.includes('matrix:dZ[1]'), failed.join(' '));
  assert.ok(!failed.includes('matrix:dZ[3]') && !failed.includes('matrix:dW[3]'), 'the output layer is not affected');
});

test('mutation: a transpose on the wrong side fails (shape error, or wrong numbers when square)', () => {
  // dW = A[l-1] dZ^T: shape (n[l-1], n[l]); on 3x3 layers the shapes agree and the numbers are wrong
  const d = deriveWith(square, { dW: ({ dZ, APrev, m }) => APrev.dot(dZ.transpose()).scale(1 / m) });
  assert.deepEqual(d.failures.map((s) => s.equation), ['dW[3]', 'dW[2]', 'dW[1]']);
  assert.match(d.failures[0]?.check.method ?? '', /shape \(3, 1\) but W\[3\] has shape \(1, 3\)/);
  assert.ok(Number.isFinite(d.failures[1]?.check.maxError) && (d.failures[1]?.check.maxError ?? 0) > 1e-3, 'square layer: numerically wrong');
  // dA = W dZ (no transpose): shape error on the output layer, wrong numbers on the square one
  const a = deriveWith(square, { dA: ({ W, dZ }) => (W.rows === W.cols ? W.dot(dZ) : W.transpose().dot(dZ)) });
  assert.deepEqual(a.failures.filter((s) => s.equation === 'dA[1]').length, 1);
  const wrongSide = deriveWith(WEEK3_SPEC, { dA: ({ W, dZ }) => dZ.transpose().dot(W) });
  assert.match(wrongSide.failures[0]?.check.method ?? '', /has shape \(5, 4\) but A\[1\] has shape \(4, 5\)/);
});

test('mutations of the scalar claims: sign of a − y, relu\'(0), relu\' as A >= 0, sigmoid\', the loss derivative', () => {
  const sign = deriveWith(WEEK3_SPEC, { outputDelta: { expr: 'y - a', tex: 'y - a' } });
  assert.deepEqual(sign.failures.map((s) => `${s.kind}:${s.equation}`).slice(0, 2), ['scalar:dZ[2]', 'matrix:dZ[2]']);
  const reluSpec: DeriveSpec = { layers: [2, 4, 1], activations: ['relu', 'sigmoid'], loss: 'cross-entropy', convention: 'loss' };
  assert.equal(derive(reluSpec).passed, true);
  const atKink = deriveWith(reluSpec, { activationDerivatives: { relu: { expr: 'z >= 0 ? 1 : 0', tex: '' } } });
  assert.deepEqual(atKink.failures.map((s) => s.kind), ['scalar'], 'only the stated value at 0 differs');
  assert.match(atKink.failures[0]?.check.method ?? '', /closed form gives 1/);
  const alwaysOne = deriveWith(reluSpec, { activationDerivatives: { relu: { expr: 'a >= 0 ? 1 : 0', tex: '' } } });
  assert.ok(alwaysOne.failures.some((s) => s.kind === 'matrix' && s.equation === 'dZ[1]'));
  const sig = deriveWith({ ...reluSpec, activations: ['sigmoid', 'sigmoid'] }, { activationDerivatives: { sigmoid: { expr: 'a', tex: 'a' } } });
  assert.ok(sig.failures.some((s) => s.kind === 'scalar') && sig.failures.some((s) => s.equation === 'dZ[1]' && s.kind === 'matrix'));
  const lossD = deriveWith(WEEK3_SPEC, { lossDerivative: { expr: 'y / a - (1 - y) / (1 - a)', tex: '' } });
  assert.equal(lossD.failures[0]?.number, 1);
  const se = deriveWith({ layers: [2, 3, 1], activations: ['tanh', 'linear'], loss: 'squared-error', convention: 'loss' }, { lossDerivative: { expr: '2 * (a - y)', tex: '' } });
  // a − y for a linear output is its own claim (step 3), so only the loss-derivative step fails
  assert.deepEqual(se.failures.map((s) => s.number), [1]);
  // with a sigmoid output under squared error, dZ[L] is built from the loss derivative: the matrix step fails too
  const se2 = deriveWith({ layers: [2, 3, 1], activations: ['tanh', 'sigmoid'], loss: 'squared-error', convention: 'loss' }, { lossDerivative: { expr: '2 * (a - y)', tex: '' } });
  assert.ok(se2.failures.some((s) => s.number === 1) && se2.failures.some((s) => s.kind === 'matrix' && s.equation === 'dZ[2]'));
});

test('mutation: db that loses its (n, 1) shape, and an element-wise product written as a matrix product', () => {
  const flat = deriveWith(WEEK3_SPEC, { db: ({ dZ, m }) => dZ.sumCols().scale(1 / m) });
  assert.ok(flat.failures.some((s) => s.equation === 'db[1]' && /shape \(1, 5\) but b\[1\] has shape \(4, 1\)/.test(s.check.method)));
  const dot = deriveWith({ ...square, examples: 3 }, { dZ: ({ dA, gPrime }) => dA.dot(gPrime) });
  assert.ok(dot.failures.some((s) => s.equation === 'dZ[2]' && s.kind === 'matrix'));
});

test('bad specs throw errors naming the field and the value', () => {
  const cases: [unknown, string, RegExp][] = [
    [{ ...WEEK3_SPEC, layers: [2, 4, 3, 1] }, 'activations', /activations has 2 entries but layers describes 3 layers/],
    [{ ...WEEK3_SPEC, activations: ['swish', 'sigmoid'] }, 'activations', /unknown activation "swish" in activations\[0\] \(expected one of: sigmoid, relu, tanh, linear/],
    [{ ...WEEK3_SPEC, activations: ['tanh', 'swish'] }, 'activations', /unknown activation "swish" in activations\[1\]/],
    [{ ...WEEK3_SPEC, loss: 'mse' }, 'loss', /unknown loss "mse" in loss \(expected one of: cross-entropy, squared-error\)/],
    [{ ...WEEK3_SPEC, convention: 'mean' }, 'convention', /unknown convention "mean" in convention \(expected one of: loss, cost\)/],
    [{ ...WEEK3_SPEC, layers: [2, 0, 1] }, 'layers', /layers\[1\] must be an integer from 1 to 100,000, got 0/],
    [{ ...WEEK3_SPEC, layers: [2] }, 'layers', /layers must be an array of at least 2 sizes/],
    [{ ...WEEK3_SPEC, activations: ['softmax', 'sigmoid'] }, 'activations', /activations\[0\] is "softmax", which is allowed on the output layer only/],
    [{ ...WEEK3_SPEC, activations: ['tanh', 'tanh'] }, 'activations', /loss "cross-entropy" needs a sigmoid or softmax output, but activations\[1\] is "tanh"/],
    [{ ...WEEK3_SPEC, examples: 1 }, 'examples', /examples must be an integer from 2 to 1,000 \(with m = 1 a missing 1\/m cannot be seen\), got 1/],
  ];
  for (const [spec, field, message] of cases) {
    assert.throws(() => derive(spec as DeriveSpec), (err: unknown) => {
      assert.ok(err instanceof SpecError, String(err));
      assert.equal(err.field, field);
      assert.match(err.message, message);
      return true;
    });
  }
});

test('JSON round-trips; Markdown has numbered steps, display math that KaTeX renders, and the equations table', () => {
  const d = derive(WEEK3_SPEC);
  const json: ReturnType<Derivation['toJSON']> = JSON.parse(JSON.stringify(d));
  assert.deepEqual(json, JSON.parse(JSON.stringify(d.toJSON())));
  assert.equal(json.steps.length, d.steps.length);
  assert.deepEqual(json.equations, d.equations);
  assert.equal(json.passed, true);
  const md = d.toMarkdown();
  const blocks = [...md.matchAll(/\$\$\n([\s\S]*?)\n\$\$/g)].map((x) => x[1]);
  assert.equal(blocks.length, d.steps.length);
  for (const b of blocks) renders(b);
  const inline = [...md.replace(/\$\$[\s\S]*?\$\$/g, '').matchAll(/\$([^$\n]+)\$/g)].map((x) => x[1]);
  assert.ok(inline.length >= Object.keys(d.equations).length);
  for (const t of inline) katex.renderToString(t, { throwOnError: true });
  assert.match(md, /\*\*1\. /);
  assert.match(md, /\| dW\[1\] \| \$dW\^\{\[1\]\} = \\frac\{1\}\{m\}/);
  assert.match(md, /✓ four-point central differences/);
  const text = d.toText();
  assert.match(text, /11 of 11 steps verified/);
  assert.match(text, /dW\[1\] = \(1\/m\) dZ\[1\] X\^T/);
});

test('both notations on one instance: dW and db agree, dZ and dA differ by exactly m', () => {
  const c = compareConventions({ layers: [3, 4, 3, 1], activations: ['tanh', 'relu', 'sigmoid'], loss: 'cross-entropy', examples: 6 });
  assert.equal(c.passed, true);
  assert.equal(c.m, 6);
  for (const r of c.rows) {
    if (r.quantity.startsWith('dW') || r.quantity.startsWith('db')) {
      assert.equal(r.relation, 'equal');
      assert.ok(Math.abs(r.ratio - 1) < 1e-12, `${r.quantity}: ${r.ratio}`);
    } else {
      assert.equal(r.relation, 'loss = m × cost');
      assert.ok(Math.abs(r.ratio - 6) < 1e-9, `${r.quantity}: ${r.ratio}`);
    }
  }
  // the claimed values match the shared backprop engine's (backprop.ts), convention by convention
  for (const d of [c.loss, c.cost]) {
    const { X, Y, parameters } = d.instance;
    const engine = backprop(X, Y, parameters, { activations: d.spec.activations, loss: d.spec.loss, convention: d.spec.convention });
    const report = compareGradients(d.values, engine.grads, { tolerance: 1e-12 });
    assert.equal(report.rows.length, 11);
    assert.ok(d.values.dW1 instanceof Matrix);
  }
});

test('the notations\' relation is compared on its own: values 1e-9 apart pass both derivations but fail their rows', () => {
  const spec: Omit<DeriveSpec, 'convention'> = { layers: [3, 4, 1], activations: ['tanh', 'sigmoid'], loss: 'cross-entropy' };
  const nudged = compareConventionsWith(spec, (c) => (c === 'cost' ? { dW: (x) => defaultMatrixClaims.dW(x).scale(1 + 1e-9) } : {}));
  assert.equal(nudged.loss.passed && nudged.cost.passed, true, 'within the finite differences\' tolerance');
  assert.deepEqual(nudged.rows.filter((r) => !r.passed).map((r) => r.quantity), ['dW[2]', 'dW[1]']);
  assert.equal(nudged.passed, false);
  assert.equal(compareConventions(spec).passed, true);
});

test('a derivation and a comparison are reports: toText, toMarkdown and toJSON, no show of their own (the notebook layer shows them)', () => {
  const d = derive(WEEK3_SPEC);
  assert.equal('show' in d, false);
  assert.match(d.toText(), /^Backpropagation for a 2-4-1 network/);
  assert.match(d.toMarkdown(), /^## Backpropagation for a 2-4-1 network/);
  const c = compareConventions({ layers: [2, 4, 1], activations: ['tanh', 'sigmoid'], loss: 'cross-entropy' });
  assert.equal('show' in c, false);
  assert.match(c.toText(), /^Where the 1\/m goes: a 2-4-1 network/);
  assert.match(c.toMarkdown(), /\\boxed\{\\frac\{1\}\{m\}\}/);
  const json = JSON.parse(JSON.stringify(c));
  assert.deepEqual(Object.keys(json).sort(), ['cost', 'loss', 'm', 'passed', 'rows']);
  assert.deepEqual(json.loss, JSON.parse(JSON.stringify(c.loss.toJSON())));
  assert.equal(json.rows.length, 7);
});

test('failing(): helper used in messages lists steps', () => {
  assert.deepEqual(failing(derive(WEEK3_SPEC)), []);
});

test('every named mutation (the CLI\'s --mutate) fails under both notations, on a network where it applies', () => {
  const spec: DeriveSpec = { layers: [3, 3, 3, 1], activations: ['relu', 'tanh', 'sigmoid'], loss: 'cross-entropy', convention: 'loss' };
  for (const [name, mutation] of Object.entries(mutations)) {
    for (const convention of ['loss', 'cost'] as const) {
      const d = deriveWith({ ...spec, convention }, mutation.overrides(convention));
      assert.equal(d.passed, false, `${name} under "${convention}" was not caught`);
    }
  }
  assert.equal(derive(spec).passed, true);
});
