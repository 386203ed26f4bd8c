import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createLayer, layerForward, layerBackward, outputBackward, activationBackward } from './layer';
import { OutputActivationName, activations, activationNames, layerActivation } from './activations';
import { lossNames, losses } from './losses';
import { variable, constant } from './autograd';
import { Matrix } from '../core/matrix';
import { createRng, randn, rand } from '../core/random';

const near = (x: Float64Array, y: Matrix, what: string, tol = 1e-12): void => {
  const d = new Matrix(y.rows, y.cols, x.subarray(0, y.size)).maxAbsDiff(y);
  assert.ok(d < tol, `${what}: ${d}`);
};

test('the layer step against the tape: A forward; dW, db, dA_prev backward for any upstream dA, s and r', () => {
  const rng = createRng(14);
  const [n, p, m] = [4, 3, 5];
  for (const name of activationNames) {
    const W = randn(n, p, rng);
    const b = randn(n, 1, rng);
    const APrev = randn(p, m, rng);
    const G = randn(n, m, rng); // ∂L/∂A arriving from above
    const [s, r] = [0.25, 0.1];
    const layer = createLayer({ n, p, m }, activations[name], { W: W.data.slice(), b: b.data.slice(), dA: G.data.slice() });
    layerForward(layer, APrev.data, m);
    activationBackward(layer, m);
    const dAPrev = new Float64Array(p * m);
    layerBackward(layer, APrev.data, dAPrev, m, s, r);
    // the tape: J = s · ½‖A − T‖² + (r/2)‖W‖² with T = A − G, so that ∂J/∂A = s G here
    const T = activations[name].forward(W.dot(APrev).addColumn(b)).sub(G);
    const [w, bb, a] = [variable(W), variable(b), variable(APrev)];
    const A = w.matmul(a).addColumn(bb).apply(name);
    A.loss('squared-error', T).sum().scale(s).plus(w.sumSquares().scale(r / 2)).backward();
    near(layer.A, A.value, `${name} A`);
    near(layer.dW, w.grad, `${name} dW`);
    near(layer.db, bb.grad, `${name} db`);
    near(dAPrev, a.grad.scale(1 / s), `${name} dA_prev`);
  }
});

test('dZ[L] against the tape for every loss and output activation, with the shortcut on and off', () => {
  const rng = createRng(15);
  const [n, p, m] = [3, 2, 4];
  const outputs: OutputActivationName[] = ['sigmoid', 'softmax', 'tanh', 'linear'];
  for (const lossName of lossNames) {
    for (const out of outputs) {
      const W = randn(n, p, rng);
      const b = randn(n, 1, rng);
      const X = randn(p, m, rng);
      let Y = lossName === 'squared-error' ? randn(n, m, rng) : rand(n, m, rng);
      if (lossName === 'categorical-cross-entropy') Y = Y.div(Y.sumCols());
      if (lossName !== 'squared-error' && (out === 'tanh' || out === 'linear')) continue; // log of a value outside (0, 1)
      for (const shortcut of [true, false]) {
        const layer = createLayer({ n, p, m }, layerActivation(out), { W: W.data, b: b.data });
        layerForward(layer, X.data, m);
        outputBackward(layer, Y.data, m, losses[lossName], shortcut);
        const Z = constant(W).matmul(constant(X)).addColumn(constant(b));
        Z.apply(out).loss(lossName, Y).sum().backward();
        near(layer.dZ, Z.grad, `${lossName} after ${out}, shortcut ${shortcut}`, 1e-10);
      }
    }
  }
});
