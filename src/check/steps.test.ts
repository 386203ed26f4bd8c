import { test } from 'node:test';
import assert from 'node:assert/strict';
import { planarData } from '../data/data';
import { initializeNetwork } from '../nn/init';
import { backprop } from '../nn/backprop';
import { Convention } from '../nn/conventions';
import { gradientDescent } from '../nn/optimizers';
import { maxParamDiff } from '../nn/parameters';
import { adamStep, descentStep, trainStep } from '../nn/steps';
import { train } from '../nn/train';
import { StepComparisonError, compareSteps } from './steps';

// lesson 03's setting: the flower, [2, 5, 4, 1], tanh, relu, sigmoid
const m = 120;
const { X, Y } = planarData({ m, seed: 1 });
const net = { activations: ['tanh', 'relu', 'sigmoid'], loss: 'cross-entropy' };
const p0 = initializeNetwork([2, 5, 4, 1], { seed: 1, scheme: 'xavier' });
const gd = (convention: Convention, rate: number) => descentStep((p) => backprop(X, Y, p, { ...net, convention }), rate);

test('every correct placement takes the same step as the course at every iterate, even at a rate where whole runs drift apart', () => {
  const rate = 5;
  const c = compareSteps(p0, {
    iterations: 200,
    reference: gd('loss', rate),
    candidates: { 'B: cost': gd('cost', rate), 'C: update, rate α/m': gd('update', rate / m), 'D: autograd': gd('autograd', rate), 'E: sum, rate α/m': gd('sum', rate / m) },
  });
  assert.ok(c.passed);
  for (const r of c.rows) {
    assert.equal(r.iterates, 200);
    assert.ok(r.relativeDifference < 1e-12, `${r.name}: ${r.relativeDifference}`);
    assert.ok(Math.abs(r.normRatio.min - 1) < 1e-12 && Math.abs(r.normRatio.max - 1) < 1e-12, r.name);
  }
  // the reference's iterates are gradientDescent's, bit for bit
  const whole = gradientDescent(p0, { learningRate: rate, iterations: 200, gradients: (p) => backprop(X, Y, p, net) });
  assert.equal(maxParamDiff(c.final, whole.parameters), 0);
  assert.match(c.toMarkdown(), /^\| candidate \| iterates \| largest update difference \| largest relative difference \| update size ratio \| result \|/);
  assert.match(c.toText(), /B: cost\s+200 of 200\s/);
});

test('a doubled 1/m at rate α is the course at rate α/m, step for step; at the same rate its steps are 1/m as long', () => {
  assert.ok(compareSteps(p0, { iterations: 100, reference: gd('double', 1), candidates: { 'rate α/m': gd('loss', 1 / m) } }).passed);
  const c = compareSteps(p0, { iterations: 3, reference: gd('loss', 1), candidates: { doubled: gd('double', 1) }, throwOnFailure: false });
  const r = c.rows[0];
  assert.ok(r !== undefined && !r.passed);
  assert.deepEqual(c.failed, ['doubled']);
  assert.ok(Math.abs(r.relativeDifference - (m - 1) / (m + 1)) < 1e-12, String(r.relativeDifference));
  assert.ok(Math.abs(r.normRatio.max - 1 / m) < 1e-14 && Math.abs(r.normRatio.min - 1 / m) < 1e-14);
  assert.match(r.reason ?? '', /^differs at iterate 0: relative difference 0\.983 \(tolerance 1e-7\)/);
  assert.throws(() => compareSteps(p0, { iterations: 3, reference: gd('loss', 1), candidates: { ok: gd('cost', 1), doubled: gd('double', 1) } }), (e: unknown) => {
    assert.ok(e instanceof StepComparisonError);
    assert.match(e.message, /^step comparison failed for doubled: doubled differs at iterate 0/);
    return true;
  });
});

test('a candidate that throws is a failed row at its iterate; bad options are refused', () => {
  let calls = 0;
  const breaks = descentStep((p) => {
    if (++calls === 3) throw new RangeError('backprop: the cost became Infinity');
    return backprop(X, Y, p, net);
  }, 1);
  const c = compareSteps(p0, { iterations: 5, reference: gd('loss', 1), candidates: { breaks, fine: gd('cost', 1) }, throwOnFailure: false });
  assert.deepEqual(c.rows.map((r) => [r.name, r.iterates, r.passed]), [['breaks', 2, false], ['fine', 5, true]]);
  assert.equal(c.rows[0]?.reason, 'threw at iterate 2: backprop: the cost became Infinity');
  assert.throws(() => compareSteps(p0, { iterations: 0, reference: gd('loss', 1), candidates: { a: gd('cost', 1) } }), /iterations must be a positive integer, got 0/);
  assert.throws(() => compareSteps(p0, { iterations: 2, reference: gd('loss', 1), candidates: {} }), /give at least one candidate step/);
  assert.throws(() => descentStep((p) => backprop(X, Y, p, net), 0), /descentStep: learningRate must be a positive number, got 0/);
});

test("adamStep is train's Adam, number for number; fed the course's iterates, Adam with a doubled 1/m takes nearly the same steps", () => {
  const adam = adamStep((p) => backprop(X, Y, p, net), 0.01);
  let p = p0;
  for (let t = 0; t < 50; t++) p = adam(p);
  const trained = train(X, Y, { parameters: p0, ...net, learningRate: 0.01, iterations: 50, optimizer: 'adam' }).parameters;
  assert.ok(maxParamDiff(p, trained) < 1e-15, String(maxParamDiff(p, trained)));
  const adamOf = (convention: Convention) => adamStep((q) => backprop(X, Y, q, { ...net, convention }), 0.01);
  const c = compareSteps(p0, { iterations: 200, reference: adamOf('loss'), candidates: { doubled: adamOf('double'), gd: gd('double', 0.01) }, tolerance: 1e-3, throwOnFailure: false });
  const [doubled, plain] = c.rows;
  assert.ok(doubled?.passed && doubled.relativeDifference > 0 && doubled.relativeDifference < 1e-3, `Adam: ${doubled?.relativeDifference}`);
  assert.ok(plain !== undefined && !plain.passed, 'plain descent with the doubled 1/m is far from Adam');
});

test('trainStep: a summed loss at α/B is the mean at α epoch by epoch when B divides m; a short last batch breaks it at the first epoch', () => {
  const B = 40;
  const mean = (Xd: typeof X, Yd: typeof Y) => trainStep(Xd, Yd, { ...net, learningRate: 0.5, batchSize: B, shuffle: false });
  const sum = (Xd: typeof X, Yd: typeof Y) => trainStep(Xd, Yd, { ...net, learningRate: 0.5 / B, batchSize: B, shuffle: false, convention: 'sum' });
  assert.ok(compareSteps(p0, { iterations: 10, reference: mean(X, Y), candidates: { sum: sum(X, Y) } }).passed, '120 = 3 × 40');
  const { X: X1, Y: Y1 } = planarData({ m: 130, seed: 1 });
  const short = compareSteps(p0, { iterations: 10, reference: mean(X1, Y1), candidates: { sum: sum(X1, Y1) }, throwOnFailure: false });
  assert.equal(short.rows[0]?.passed, false);
  assert.match(short.rows[0]?.reason ?? '', /^differs at iterate 0/);
  assert.throws(() => trainStep(X, Y, { ...net, learningRate: 0.5, batchSize: B }), /pass shuffle: false/);
  assert.throws(() => trainStep(X, Y, { ...net, learningRate: 0.5, optimizer: 'adam' }), /use adamStep/);
});
