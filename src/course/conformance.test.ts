/**
 * Reproduces every published case of ../shared/conformance/cases.json (copied to
 * test/fixtures/conformance-cases.json) through the course functions, each within its own
 * tolerance: |actual − expected| <= atol + rtol·|expected|, or actual < max for round-off-bound
 * checks. The runner is the one lessons call (runPublishedCases); the tests below also show that
 * it fails when a function, a number or a shape is wrong.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Matrix } from '../core/matrix';
import type { NetworkParameters } from '../nn/network';
import { publishedCase, publishedCases } from './cases';
import { PublishedCaseError, runPublishedCase, runPublishedCases } from './published';
import type { ShallowCache } from './week3';

const all = runPublishedCases('', { throwOnFailure: false });

test('the fixture holds the 27 published cases, and every published output has a row', () => {
  assert.equal(publishedCases().length, 27);
  const outputs = publishedCases().reduce((s, c) => s + Object.keys(c.expected).length, 0);
  assert.equal(all.rows.length, outputs);
  assert.deepEqual(all.cases, publishedCases().map((c) => c.name));
});

for (const c of publishedCases()) {
  test(`conformance: ${c.name} (${c.function})`, () => {
    const rows = all.rows.filter((r) => r.case === c.name);
    assert.deepEqual(rows.map((r) => r.output), Object.keys(c.expected));
    for (const r of rows) assert.ok(r.match, `${c.name}: ${r.problem ?? ''}`);
  });
}

// The learner's week-3 backward pass: 1/m at dZ2, none afterwards (lesson 05 §5)
type Grads3 = { dW1: Matrix; db1: Matrix; dW2: Matrix; db2: Matrix };
function learner(parameters: NetworkParameters, cache: ShallowCache, X: Matrix, Y: Matrix): Grads3 {
  const m = X.cols;
  const W2 = parameters.W2;
  const dZ2 = cache.A2.sub(Y).scale(1 / m);
  const dZ1 = W2.transpose().dot(dZ2).mul(cache.A1.map((a) => 1 - a * a));
  return { dW1: dZ1.dot(X.transpose()), db1: dZ1.sumRows(), dW2: dZ2.dot(cache.A1.transpose()), db2: dZ2.sumRows() };
}

test("a learner's implementation swapped in: the learner's notation passes, the doubled 1/m fails every backward output", () => {
  const ok = runPublishedCases('c1w3_backward_propagation', { implementations: { backwardPropagation: learner } });
  assert.equal(ok.rows.length, 8);
  assert.ok(ok.passed);
  const doubled = (p: NetworkParameters, cache: ShallowCache, X: Matrix, Y: Matrix): Grads3 => {
    const { dW1, db1, dW2, db2 } = learner(p, cache, X, Y);
    const s = 1 / X.cols;
    return { dW1: dW1.scale(s), db1: db1.scale(s), dW2: dW2.scale(s), db2: db2.scale(s) };
  };
  const bad = runPublishedCases('c1w3_', { implementations: { backwardPropagation: doubled }, throwOnFailure: false });
  assert.deepEqual(
    bad.failures.map((r) => `${r.case}.${r.output}`),
    ['dW1', 'db1', 'dW2', 'db2'].flatMap((k) => [`c1w3_backward_propagation.${k}`]).concat(['dW1', 'db1', 'dW2', 'db2'].map((k) => `c1w3_backward_propagation_public.${k}`)),
  );
  assert.throws(() => runPublishedCases('c1w3_backward', { implementations: { backwardPropagation: doubled } }), (e: unknown) => {
    assert.ok(e instanceof PublishedCaseError);
    assert.match(e.message, /^8 of 8 published outputs not reproduced:\nc1w3_backward_propagation: dW1\[0\] = /);
    return true;
  });
});

test('each tolerance rule can fail: atol at the edge, a wrong shape, a max bound, a function that throws', () => {
  const c = publishedCase('c1w4_compute_cost');
  const published = Number(c.expected.cost);
  const costPlus = (d: number) => runPublishedCases('c1w4_compute_cost', { implementations: { computeCost: () => published + d }, throwOnFailure: false });
  assert.ok(costPlus(0.5e-12).passed, 'half the atol of 1e-12 passes');
  assert.equal(costPlus(2e-12).passed, false, 'twice the atol fails');
  assert.equal(costPlus(2e-12).rows[0]?.maxAbsDifference.toExponential(0), '2e-12');

  const transposed = runPublishedCases('c1w4_linear_forward', { implementations: { linearForward: (A, W, b) => ({ Z: W.dot(A).addColumn(b).transpose(), cache: { APrev: A, W, b } }) }, throwOnFailure: false });
  assert.equal(transposed.passed, false);
  assert.equal(transposed.rows[0]?.problem, 'shape [2,1], published [1,2]');

  const above = runPublishedCases('c2w1_gradient_check_n_correct', {
    implementations: { gradientCheckN: () => ({ difference: 2.5e-7, gradapprox: Matrix.zeros(1, 1), grad: Matrix.zeros(1, 1) }) },
    throwOnFailure: false,
  });
  assert.equal(above.rows[0]?.problem, 'difference = 2.5e-7 is not below 2e-7');

  const threw = runPublishedCases('c1w4_linear_backward', { implementations: { linearBackward: () => { throw new RangeError('shapes (1, 5) and (5, 1) differ'); } }, throwOnFailure: false });
  assert.deepEqual(threw.rows.map((r) => [r.output, r.match, r.problem]), [['(all)', false, 'linear_backward threw: shapes (1, 5) and (5, 1) differ']]);
});

test('the report: a table with one row per output, and clear errors for unknown names', () => {
  const r = runPublishedCases('c2w1_gradient_check_1d');
  assert.match(r.toMarkdown(), /^\| case \| output \| published \| ours \| max abs difference \| tolerance \| match \|/);
  assert.match(r.toMarkdown(), /\| c2w1_gradient_check_1d \| difference \| 2\.919335883e-10 \| [^|]+ \| [^|]+ \| below 1e-7 \| ✓ \|/);
  assert.match(r.toText(), /3 of 3 published outputs reproduced$/);
  assert.throws(() => runPublishedCases('c9'), /no published case starts with "c9" \(prefixes: c1w4_, c1w3_, c1w2_, c2w1_\)/);
  // @ts-expect-error: an unknown course function is refused by the type and at run time
  assert.throws(() => runPublishedCases('c1w3_', { implementations: { backward: learner } }), /unknown course function "backward"/);
  assert.throws(() => publishedCase('c1w3_backprop'), /no published case named "c1w3_backprop" \(did you mean: c1w3_forward_propagation/);
  assert.throws(() => publishedCase('c1w3_compute_cost').matrix('X'), /published case c1w3_compute_cost: no input "X" \(inputs: AL, Y\)/);
  assert.deepEqual(Object.keys(publishedCase('c2w1_gradient_check_n_correct').matrices('parameters')), ['W1', 'b1', 'W2', 'b2', 'W3', 'b3']);
  const Z = runPublishedCase(publishedCase('c1w4_linear_forward')).Z;
  assert.ok(Z instanceof Matrix && Z.maxAbsDiff(publishedCase('c1w4_linear_forward').expectedMatrix('Z')) < 1e-8);
});

test('layerCaches reads week-4 caches under the module names, one per layer, and names a bad entry', () => {
  const c = publishedCase('c1w4_L_model_backward');
  const caches = c.layerCaches('caches');
  assert.deepEqual(caches.map((k) => [k.APrev.shape, k.W.shape, k.b.shape, k.Z.shape]), [
    [[4, 2], [3, 4], [3, 1], [3, 2]],
    [[3, 2], [1, 3], [1, 1], [1, 2]],
  ]);
  const raw = c.inputs.caches;
  assert.ok(Array.isArray(raw));
  const first = raw[1];
  assert.ok(first !== null && typeof first === 'object' && !Array.isArray(first));
  assert.deepEqual(caches[1]?.Z.toArray(), first.Z, 'the last layer keeps its own Z (not the first layer\'s)');
  assert.deepEqual(caches[0]?.APrev.toArray(), (raw[0] as { A_prev: number[][] }).A_prev);
  const one = publishedCase('c1w4_linear_activation_backward_relu').layerCaches('cache');
  assert.equal(one.length, 1);
  assert.throws(() => publishedCase('c1w4_linear_backward').layerCaches('linear_cache'), /input linear_cache\.Z is not a matrix/);
  assert.throws(() => publishedCase('c1w4_L_model_backward').layerCaches('AL'), /input AL\[0\] is not a cache/);
});
