import { test } from 'node:test';
import assert from 'node:assert/strict';
import { planarData, selectColumns } from '../data/data';
import { compareSteps } from '../check/steps';
import { initializeNetwork } from './init';
import { maxParamDiff } from './parameters';
import { NetworkParameters } from './network';
import { Step, adamStep, descentStep } from './steps';
import { batchGradients } from './batch-steps';
import { train } from './train';

// lesson 09's setting: the flower, m = 1000, [2, 8, 1] tanh, batches of 64 (15 of 64, one of 40)
const m = 1000;
const { X, Y } = planarData({ m, seed: 1 });
const net = { activations: ['tanh', 'sigmoid'], loss: 'cross-entropy' };
const p0 = initializeNetwork([2, 8, 1], { scheme: 'xavier', seed: 1 });
const iterate = (step: Step, n: number): NetworkParameters => {
  let p = p0;
  for (let k = 0; k < n; k++) p = step(p);
  return p;
};

test('batchGradients walks the batches in order: B, …, B, then the m − B⌊m/B⌋ left over', () => {
  assert.deepEqual(batchGradients(X, Y, { ...net, batchSize: 64 }).sizes, [...Array<number>(15).fill(64), 40]);
  assert.deepEqual(batchGradients(X, Y, { ...net, batchSize: 250 }).sizes, [250, 250, 250, 250]);
  assert.deepEqual(batchGradients(X, Y, { ...net, batchSize: m }).sizes, [m]);
  const g = batchGradients(X, Y, { ...net, batchSize: 300 });
  const seen = [0, 1, 2, 3, 4].map(() => g(p0).cache.A0?.cols);   // the inputs each call used
  assert.deepEqual(seen, [300, 300, 300, 100, 300]);
});

test('descentStep over batchGradients, T calls an epoch, is train with shuffle: false; adamStep is its Adam', () => {
  for (const convention of ['loss', 'sum'] as const) {
    const rate = convention === 'sum' ? 0.5 / 64 : 0.5;
    const stepped = iterate(descentStep(batchGradients(X, Y, { ...net, batchSize: 64, convention }), rate), 3 * 16);
    const trained = train(X, Y, { parameters: p0, ...net, learningRate: rate, iterations: 3, batchSize: 64, shuffle: false, convention });
    assert.ok(maxParamDiff(stepped, trained.parameters) < 1e-14, `${convention}: ${maxParamDiff(stepped, trained.parameters)}`);
  }
  const adam = iterate(adamStep(batchGradients(X, Y, { ...net, batchSize: 64 }), 0.01), 5 * 16);
  const trained = train(X, Y, { parameters: p0, ...net, learningRate: 0.01, iterations: 5, batchSize: 64, shuffle: false, optimizer: 'adam' });
  assert.ok(maxParamDiff(adam, trained.parameters) < 1e-14, String(maxParamDiff(adam, trained.parameters)));
});

test('a summed loss at α/B takes the mean loss step on every full batch and m_last/B of it on the short one', () => {
  const mean = descentStep(batchGradients(X, Y, { ...net, batchSize: 64 }), 0.5);
  const sum = descentStep(batchGradients(X, Y, { ...net, batchSize: 64, convention: 'sum' }), 0.5 / 64);
  const c = compareSteps(p0, { iterations: 32, reference: mean, candidates: { sum }, throwOnFailure: false });
  const row = c.rows[0];
  assert.ok(row !== undefined && !row.passed);
  assert.ok(Math.abs(row.normRatio.min - 40 / 64) < 1e-12 && Math.abs(row.normRatio.max - 1) < 1e-12, JSON.stringify(row.normRatio));
  assert.equal(row.worstIterate % 16, 15);   // the short batch
  const Xf = selectColumns(X, Array.from({ length: 960 }, (_, i) => i)), Yf = selectColumns(Y, Array.from({ length: 960 }, (_, i) => i));
  const full = compareSteps(p0, {
    iterations: 30,
    reference: descentStep(batchGradients(Xf, Yf, { ...net, batchSize: 64 }), 0.5),
    candidates: { sum: descentStep(batchGradients(Xf, Yf, { ...net, batchSize: 64, convention: 'sum' }), 0.5 / 64) },
  });
  assert.ok(full.passed && (full.rows[0]?.relativeDifference ?? 1) < 1e-14);
});

test('bad options are refused with the reason', () => {
  assert.throws(() => batchGradients(X, Y, { ...net, batchSize: 0 }), /batchGradients: batchSize must be a whole number from 1 to m = 1000, got 0/);
  assert.throws(() => batchGradients(X, Y, { ...net, batchSize: 1001 }), /from 1 to m = 1000, got 1001/);
  assert.throws(() => batchGradients(X, Y, { ...net, batchSize: 2.5 }), /got 2.5/);
});
