/**
 * Where the 1/m goes, as data: every placement found in the literature, plus two wrong ones.
 * One backward pass (layer.ts) serves them all; a convention only fixes the factors it applies,
 * with m the number of examples (columns) of the batch:
 *
 *   dZ[L] ← s_Z · dZ[L],   dW[l] = s_W · dZ[l] A[l−1]ᵀ + r · W[l],   db[l] = s_W · Σ dZ[l],
 *   update W −= α · stepScale · dW.
 *
 * | convention | s_Z  | s_W  | dZ, dA are          | dW, db are           | update step              |
 * |------------|------|------|---------------------|----------------------|--------------------------|
 * | "loss"     | 1    | 1/m  | ∂L(i)/∂· per column | ∂J/∂W, ∂J/∂b         | W −= α dW                |
 * | "cost"     | 1/m  | 1    | ∂J/∂·               | ∂J/∂W, ∂J/∂b         | W −= α dW                |
 * | "autograd" | (tape: the mean is a node; same numbers as "cost")                                 |
 * | "update"   | 1    | 1    | ∂L(i)/∂·            | Σ_i ∂L(i)/∂W         | W −= (α/m) dW (Nielsen)  |
 * | "sum"      | 1    | 1    | ∂L(i)/∂·            | ∂(Σ L)/∂W            | W −= α dW, α absorbs m   |
 * | "double"   | 1/m  | 1/m  | ∂J/∂·               | (1/m) ∂J/∂W  (wrong) | W −= α dW                |
 * | "none"     | 1    | 1    | ∂L(i)/∂·            | m ∂J/∂W      (wrong) | W −= α dW                |
 *
 * "loss", "cost", "autograd" give identical dW and db; "update" gives the same step. Their dZ
 * and dA differ by exactly m between "loss" and "cost". With l2 = λ, each objective gains its
 * own share of (λ/2)Σ‖W‖²: r = λ/m under loss, cost, autograd, double and none (the regulariser
 * written as the course writes it), and r = λ under update and sum (whose objective is m·J).
 *
 * Derived in: lesson 03-where-does-1-over-m-go (two placements), 04-the-1-over-m-elsewhere-and-twice (all five).
 */
import { BackwardFactors } from './layer';

/** Where the 1/m goes. See the table in the module comment and `conventionInfo`. */
export type Convention = 'loss' | 'cost' | 'autograd' | 'update' | 'sum' | 'double' | 'none';

/**
 * Every convention, correct ones first.
 *
 * Syntax: conventions: readonly Convention[]
 *
 * Example: `conventions.filter((c) => conventionInfo[c].correct).length; // 5`
 *
 * See also: conventionInfo, checkConvention
 *
 * Derived in: lesson 03-where-does-1-over-m-go, 04-the-1-over-m-elsewhere-and-twice.
 */
export const conventions: readonly Convention[] = Object.freeze(['loss', 'cost', 'autograd', 'update', 'sum', 'double', 'none']);

/** What a convention means, as data (read by the backward pass, the trainer and the lessons). */
export interface ConventionInfo {
  name: Convention;
  /** Factor applied to dZ[L] after the per-example derivative: 1 or 1/m (as a function of m). */
  dZScale: (m: number) => number;
  /** Factor applied in dW and db: 1 or 1/m. */
  dWScale: (m: number) => number;
  /** Factor of λ · W added to dW: 1/m or 1. */
  l2Scale: (m: number) => number;
  /** Factor gradient descent applies in the update: W −= α · stepScale · dW. */
  stepScale: (m: number) => number;
  /** What dZ and dA are derivatives of: the per-example loss L (stacked as columns) or J. */
  intermediateOf: 'L' | 'J';
  /** What dW and db are derivatives of: "J", "sum L" (= m J) or "J/m". */
  weightsOf: 'J' | 'sum L' | 'J/m';
  /** True for the placements found in correct material; false for "double" and "none". */
  correct: boolean;
  /** One line for a table. */
  description: string;
}

const one = (): number => 1;
const inv = (m: number): number => 1 / m;

/**
 * The conventions as data.
 *
 * Syntax: conventionInfo[convention].dZScale(m) · .dWScale(m) · .l2Scale(m) · .stepScale(m)
 *
 * Examples:
 *   conventionInfo.cost.dZScale(4);     // 0.25
 *   conventionInfo.update.stepScale(4); // 0.25
 *
 * See also: backprop, train, backwardFactors
 *
 * Derived in: lesson 04-the-1-over-m-elsewhere-and-twice (§1: the rate of placement C).
 */
export const conventionInfo: Readonly<Record<Convention, ConventionInfo>> = Object.freeze({
  loss: { name: 'loss', dZScale: one, dWScale: inv, l2Scale: inv, stepScale: one, intermediateOf: 'L', weightsOf: 'J', correct: true, description: "the course's: dZ, dA per example; 1/m only in dW and db" },
  cost: { name: 'cost', dZScale: inv, dWScale: one, l2Scale: inv, stepScale: one, intermediateOf: 'J', weightsOf: 'J', correct: true, description: "the learner's: every quantity a derivative of J; 1/m at dZ[L]" },
  autograd: { name: 'autograd', dZScale: inv, dWScale: one, l2Scale: inv, stepScale: one, intermediateOf: 'J', weightsOf: 'J', correct: true, description: 'the mean is a node of a reverse-mode tape (micrograd, PyTorch reduction="mean")' },
  update: { name: 'update', dZScale: one, dWScale: one, l2Scale: one, stepScale: inv, intermediateOf: 'L', weightsOf: 'sum L', correct: true, description: 'per-example backprop summed; 1/m in the update step (Nielsen)' },
  sum: { name: 'sum', dZScale: one, dWScale: one, l2Scale: one, stepScale: one, intermediateOf: 'L', weightsOf: 'sum L', correct: true, description: 'a summed loss; the learning rate absorbs m (PyTorch reduction="sum")' },
  double: { name: 'double', dZScale: inv, dWScale: inv, l2Scale: inv, stepScale: one, intermediateOf: 'J', weightsOf: 'J/m', correct: false, description: 'WRONG: 1/m at dZ[L] and again in dW, db' },
  none: { name: 'none', dZScale: one, dWScale: one, l2Scale: inv, stepScale: one, intermediateOf: 'L', weightsOf: 'sum L', correct: false, description: 'WRONG: no 1/m anywhere while the learning rate assumes a mean' },
});

/**
 * Validates a convention name; throws `unknown convention "x" (expected one of: …)`.
 *
 * Syntax: checkConvention(name: unknown): Convention
 *
 * Example: `checkConvention('cost'); // 'cost'`
 *
 * See also: conventions
 *
 * Derived in: lesson 03-where-does-1-over-m-go.
 */
export function checkConvention(name: unknown): Convention {
  const known = conventions.find((c) => c === name);
  if (known) return known;
  throw new RangeError(`unknown convention ${JSON.stringify(name)} (expected one of: ${conventions.join(', ')})`);
}

/**
 * The factors one backward pass applies under a convention, for a batch of m examples and L2
 * strength λ.
 *
 * Syntax: backwardFactors(convention, m, l2 = 0) → { dZ, dW, l2 }
 *
 * Examples:
 *   backwardFactors('loss', 4, 0.1);   // { dZ: 1, dW: 0.25, l2: 0.025 }
 *   backwardFactors('cost', 4);        // { dZ: 0.25, dW: 1, l2: 0 }
 *
 * See also: conventionInfo, networkBackward
 *
 * Derived in: lesson 04-the-1-over-m-elsewhere-and-twice (five placements, one backward pass).
 */
export function backwardFactors(convention: Convention, m: number, l2 = 0): BackwardFactors {
  const info = conventionInfo[convention];
  return { dZ: info.dZScale(m), dW: info.dWScale(m), l2: l2 * info.l2Scale(m) };
}
