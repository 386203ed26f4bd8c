import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRng, randn, rand } from './random';

test('the same seed gives the same numbers, another seed different ones', () => {
  assert.deepEqual(randn(3, 4, createRng(5)).toArray(), randn(3, 4, createRng(5)).toArray());
  assert.notDeepEqual(randn(3, 4, createRng(5)).toArray(), randn(3, 4, createRng(6)).toArray());
});

test('uniform is in [0, 1) with mean 1/2; normal has mean 0 and variance 1', () => {
  const rng = createRng(42);
  const n = 200000;
  const u = rand(1, n, rng);
  assert.ok(u.data.every((v) => v >= 0 && v < 1));
  assert.ok(Math.abs(u.mean() - 0.5) < 0.005);
  const z = randn(1, n, rng);
  const mean = z.mean();
  const variance = z.data.reduce((s, v) => s + (v - mean) ** 2, 0) / n;
  assert.ok(Math.abs(mean) < 0.01, `mean ${mean}`);
  assert.ok(Math.abs(variance - 1) < 0.01, `variance ${variance}`);
});

test('permutation is a permutation; integer stays in range', () => {
  const rng = createRng(3);
  const p = rng.permutation(50);
  assert.deepEqual([...p].sort((a, b) => a - b), Array.from({ length: 50 }, (_, i) => i));
  assert.notDeepEqual(p, Array.from({ length: 50 }, (_, i) => i));
  for (let k = 0; k < 1000; k++) {
    const v = rng.integer(7);
    assert.ok(Number.isInteger(v) && v >= 0 && v < 7);
  }
});
