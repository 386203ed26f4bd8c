/**
 * The course's cost function, shared by weeks 2, 3 and 4, over the loss table's cross-entropy.
 * (The course's update step, `updateParameters`, is the module's one update step: nn/optimizers.ts.)
 *
 * Derived in: lesson 02-many-examples (J as the mean of L).
 */
import { Matrix, formatShape } from '../core/matrix';
import { checkLabels, losses } from '../nn/losses';
import { checkFinite } from '../core/finite';

/**
 * The course's cost: J = −(1/m) Σ_i (y(i) log a(i) + (1 − y(i)) log(1 − a(i))), summed over
 * every entry of AL (one output unit in the course) and multiplied by 1/m (m = number of columns),
 * with the loss table's cross-entropy.
 *
 * Syntax: computeCost(AL: Matrix, Y: Matrix): number
 *
 * Examples:
 *   computeCost(Matrix.from([[0.8, 0.9, 0.4]]), Matrix.from([[1, 1, 0]]));   // 0.2797765635793422
 *   computeCost(Matrix.from([[0.8, 0.9]]), Matrix.from([[1, 2]]));   // throws: cross-entropy needs labels in [0, 1]: Y[0][1] = 2 (1 of 2 entries)
 *
 * See also: costFromLoss (any loss), networkCost
 *
 * Derived in: lesson 02-many-examples.
 */
export function computeCost(AL: Matrix, Y: Matrix): number {
  if (AL.rows !== Y.rows || AL.cols !== Y.cols) {
    throw new RangeError(`computeCost: AL has shape ${formatShape(AL.rows, AL.cols)} but Y has shape ${formatShape(Y.rows, Y.cols)}`);
  }
  if (AL.cols === 0) throw new RangeError(`computeCost: AL has no examples (shape ${formatShape(AL.rows, AL.cols)}): m must be at least 1`);
  checkFinite('AL', AL, 'computeCost');
  checkFinite('Y', Y, 'computeCost');
  checkLabels('cross-entropy', Y);
  // (1/m) times the sum, in the course's order of operations: the course's gradient check is
  // bound by the round-off of J, and reproduces its published difference only this way
  return losses['cross-entropy'].sum(AL.data, Y.data, AL.size) * (1 / AL.cols);
}
