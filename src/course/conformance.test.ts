/**
 * Reproduces every published case of ../shared/conformance/cases.json (copied to
 * test/fixtures/conformance-cases.json) through the public API, each within its own tolerance:
 * |actual − expected| <= atol + rtol·|expected|, or actual < max for round-off-bound checks.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as api from '../index';
import { Matrix } from '../core/matrix';
import type { NetworkParameters } from '../nn/network';
import type { LayerCache } from './week4';

type Json = number | boolean | string | null | Json[] | { [key: string]: Json };
interface Case {
  name: string;
  function: string;
  inputs: Record<string, Json>;
  args: Record<string, Json>;
  expected: Record<string, Json>;
  tolerance: Record<string, { atol?: number; rtol?: number; max?: number }>;
}

const fixture = path.resolve(__dirname, '..', '..', 'test', 'fixtures', 'conformance-cases.json');
const cases: Case[] = JSON.parse(fs.readFileSync(fixture, 'utf8'));

// the fixture's values, checked as they are read
const num = (v: Json): number => {
  if (typeof v !== 'number') throw new TypeError(`expected a number in the fixture, got ${JSON.stringify(v)}`);
  return v;
};
const list = (v: Json): Json[] => {
  if (!Array.isArray(v)) throw new TypeError(`expected an array in the fixture, got ${JSON.stringify(v)}`);
  return v;
};
const obj = (v: Json): { [key: string]: Json } => {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) throw new TypeError(`expected an object in the fixture, got ${JSON.stringify(v)}`);
  return v;
};
const M = (v: Json): Matrix => Matrix.from(list(v).map((row) => list(row).map(num)));
const activation = (v: Json): api.ActivationName => api.getActivation(String(v)).name;
const params = (v: Json): NetworkParameters => {
  const out: NetworkParameters = {};
  for (const [k, x] of Object.entries(obj(v))) out[k] = M(x);
  return out;
};
const layerCache = (v: Json): LayerCache => {
  const c = obj(v);
  return { APrev: M(c.A_prev), W: M(c.W), b: M(c.b), Z: M(c.Z) };
};
const toJson = (v: Matrix | number | number[]): Json => (v instanceof Matrix ? v.toArray() : v);

/** Runs one case through the public API and returns the outputs under the case's keys. */
function run(c: Case): Record<string, Matrix | number | number[]> {
  const i = c.inputs;
  switch (c.function) {
    case 'linear_forward':
      return { Z: api.linearForward(M(i.A_prev), M(i.W), M(i.b)).Z };
    case 'linear_activation_forward': {
      const r = api.linearActivationForward(M(i.A_prev), M(i.W), M(i.b), activation(c.args.activation));
      return { A: r.A, Z: r.cache.Z };
    }
    case 'L_model_forward': {
      const { AL, caches } = api.lModelForward(M(i.X), params(i.parameters));
      return { AL, num_caches: caches.length, Z1: caches[0].Z, A1: caches[1].APrev, Z2: caches[1].Z, A2: caches[2].APrev, Z3: caches[2].Z };
    }
    case 'compute_cost':
      return { cost: api.computeCost(M(i.AL), M(i.Y)) };
    case 'linear_backward': {
      const lc = obj(i.linear_cache);
      const r = api.linearBackward(M(i.dZ), { APrev: M(lc.A_prev), W: M(lc.W), b: M(lc.b) });
      return { dA_prev: r.dAPrev, dW: r.dW, db: r.db };
    }
    case 'linear_activation_backward': {
      const r = api.linearActivationBackward(M(i.dA), layerCache(i.cache), activation(c.args.activation));
      return { dA_prev: r.dAPrev, dW: r.dW, db: r.db };
    }
    case 'L_model_backward':
      return api.lModelBackward(M(i.AL), M(i.Y), list(i.caches).map(layerCache));
    case 'update_parameters':
      return api.updateParameters(params(i.parameters), params(i.grads), num(c.args.learning_rate));
    case 'forward_propagation_tanh': {
      const { A2, cache } = api.forwardPropagation(M(i.X), params(i.parameters));
      return { A2, Z1: cache.Z1, A1: cache.A1, Z2: cache.Z2, means: [cache.Z1.mean(), cache.A1.mean(), cache.Z2.mean(), cache.A2.mean()] };
    }
    case 'backward_propagation_tanh': {
      const ca = obj(i.cache);
      const cache = { Z1: M(ca.Z1), A1: M(ca.A1), Z2: M(ca.Z2), A2: M(ca.A2) };
      return api.backwardPropagation(params(i.parameters), cache, M(i.X), M(i.Y));
    }
    case 'propagate': {
      const r = api.propagate(M(i.w), num(i.b), M(i.X), M(i.Y));
      return { dw: r.grads.dw, db: r.grads.db, cost: r.cost };
    }
    case 'optimize': {
      const r = api.optimize(M(i.w), num(i.b), M(i.X), M(i.Y), num(c.args.num_iterations), num(c.args.learning_rate));
      return { w: r.params.w, b: r.params.b, dw: r.grads.dw, db: r.grads.db, costs: r.costs };
    }
    case 'predict':
      return { Y_prediction: api.predict(M(i.w), num(i.b), M(i.X)) };
    case 'gradient_check_1d': {
      const r = api.gradientCheck1d(num(i.x), num(i.theta), num(c.args.epsilon));
      return { J: r.J, dtheta: r.dtheta, difference: r.difference };
    }
    case 'gradient_check_n': {
      const p = params(i.parameters);
      const X = M(i.X);
      const Y = M(i.Y);
      const { AL, caches } = api.lModelForward(X, p);
      const grads = api.lModelBackward(AL, Y, caches);
      if (c.args.backprop_variant === 'course_planted_bugs') {
        grads.dW2 = grads.dW2.scale(2); // the course's planted bugs: dW2 doubled,
        grads.db1 = grads.db1.scale(4); // db1 with 4/m instead of 1/m
      }
      return { difference: api.gradientCheckN(p, grads, X, Y, num(c.args.epsilon)).difference };
    }
    default:
      throw new Error(`no mapping for case function ${c.function}`);
  }
}

/** Every entry of actual within the case's tolerance of expected; returns the worst violation or null. */
function compare(key: string, actual: Json, expected: Json, tol: { atol?: number; rtol?: number; max?: number }): string | null {
  if (tol.max !== undefined) {
    return typeof actual === 'number' && actual < tol.max ? null : `${key} = ${String(actual)} is not below ${tol.max}`;
  }
  const atol = tol.atol ?? 0;
  const rtol = tol.rtol ?? 0;
  const a: Json[] = [actual].flat(3);
  const e: Json[] = [expected].flat(3);
  if (a.length !== e.length) return `${key}: ${a.length} values, expected ${e.length}`;
  if (Array.isArray(actual) !== Array.isArray(expected) || JSON.stringify(shape(actual)) !== JSON.stringify(shape(expected))) {
    return `${key}: shape ${JSON.stringify(shape(actual))}, expected ${JSON.stringify(shape(expected))}`;
  }
  for (let k = 0; k < a.length; k++) {
    const [x, y] = [Number(a[k]), Number(e[k])];
    if (!(Math.abs(x - y) <= atol + rtol * Math.abs(y))) return `${key}[${k}] = ${x}, expected ${y} (atol ${atol}, rtol ${rtol})`;
  }
  return null;
}

function shape(v: Json): number[] {
  return Array.isArray(v) ? [v.length, ...shape(v[0])] : [];
}

test('the fixture holds the 27 published cases', () => {
  assert.equal(cases.length, 27);
});

for (const c of cases) {
  test(`conformance: ${c.name} (${c.function})`, () => {
    const out = run(c);
    for (const key of Object.keys(c.expected)) {
      assert.ok(key in out, `${c.name}: no output ${key}`);
      const problem = compare(key, toJson(out[key]), c.expected[key], c.tolerance[key] ?? { atol: 0 });
      assert.equal(problem, null, `${c.name}: ${problem}`);
    }
  });
}
