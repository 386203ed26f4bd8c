/**
 * A tiny reverse-mode automatic differentiation tape over Matrix, in the spirit of micrograd:
 * each operation computes its value and, right beside it, the rule that sends the gradient of
 * its output back to its inputs. Gradients accumulate with +=, so a value used twice sums its
 * contributions. `backward()` visits the nodes in reverse topological order.
 *
 * Here the mean over the m examples is just another node (placement D of the 1/m): nobody
 * writes a 1/m by hand, and every gradient on the tape is a derivative of J.
 *
 * Derived in: lesson 04-the-1-over-m-elsewhere-and-twice §1 (placement D: the mean as a node),
 * 03-where-does-1-over-m-go §5 (the claimed (1/m) W network, differentiated on the tape).
 */
import { Matrix, formatShape } from '../core/matrix';
import { getActivation, softmax, softmaxBackward } from './activations';
import { getLoss } from './losses';

/**
 * A node of the tape: a value, the gradient of the final scalar with respect to it, and the
 * rule that pushes that gradient to its parents.
 *
 * Syntax: variable(M) · node.matmul(other) · node.addColumn(b) · node.apply('tanh') · … · node.backward()
 *
 * Example:
 *   const W = variable(Matrix.from([[2]])), x = constant(Matrix.from([[3]]));
 *   const y = W.matmul(x).mean();   // 6
 *   y.backward();
 *   W.grad.toArray();                // [[3]]
 *
 * See also: backprop (convention "autograd"), variable, constant
 *
 * Derived in: lesson 04-the-1-over-m-elsewhere-and-twice §1 (placement D: the mean as a node),
 * 03-where-does-1-over-m-go §5.
 */
export class Node {
  readonly value: Matrix;
  /** ∂(root)/∂(this value), filled by `backward()` on the root. */
  grad: Matrix;
  readonly parents: readonly Node[];
  readonly op: string;
  /** Sends this.grad to the parents' grads (accumulating). */
  private readonly pushBack: () => void;

  constructor(value: Matrix, parents: readonly Node[] = [], op = 'leaf', pushBack: () => void = () => undefined) {
    this.value = value;
    this.grad = new Matrix(value.rows, value.cols);
    this.parents = parents;
    this.op = op;
    this.pushBack = pushBack;
  }

  private static accumulate(target: Node, g: Matrix): void {
    const t = target.grad.data;
    for (let k = 0; k < t.length; k++) t[k] = t[k] + g.data[k];
  }

  /** Matrix product this·B. Backward: dA += G Bᵀ, dB += Aᵀ G. */
  matmul(B: Node): Node {
    const out: Node = new Node(this.value.dot(B.value), [this, B], 'matmul', () => {
      Node.accumulate(this, out.grad.dot(B.value.transpose()));
      Node.accumulate(B, this.value.transpose().dot(out.grad));
    });
    return out;
  }

  /** this + b broadcast over columns (b is (n, 1)). Backward: dZ += G, db += G summed over columns. */
  addColumn(b: Node): Node {
    const out: Node = new Node(this.value.addColumn(b.value), [this, b], 'addColumn', () => {
      Node.accumulate(this, out.grad);
      Node.accumulate(b, out.grad.sumRows());
    });
    return out;
  }

  /** Element-wise activation g (or "softmax" per column). Backward: dZ += G ∗ g'(Z) (or the softmax Jacobian product). */
  apply(activation: string): Node {
    if (activation === 'softmax') {
      const A = softmax(this.value);
      const out: Node = new Node(A, [this], 'softmax', () => Node.accumulate(this, softmaxBackward(out.grad, A)));
      return out;
    }
    const g = getActivation(activation);
    const A = g.forward(this.value);
    const out: Node = new Node(A, [this], activation, () =>
      Node.accumulate(this, out.grad.mul(g.derivative(this.value, A))),
    );
    return out;
  }

  /**
   * Per-example loss row (1, m): L(i) = Σ_k ℓ(a_k(i), y_k(i)) for a constant target Y.
   * Backward: dA += G (broadcast down each column) ∗ ∂ℓ/∂a.
   */
  loss(name: string, Y: Matrix): Node {
    const l = getLoss(name);
    const A = this.value;
    if (A.rows !== Y.rows || A.cols !== Y.cols) {
      throw new RangeError(`loss: A has shape ${formatShape(A.rows, A.cols)} but Y has shape ${formatShape(Y.rows, Y.cols)}`);
    }
    const row = new Matrix(1, A.cols);
    for (let k = 0; k < A.data.length; k++) row.data[k % A.cols] = row.data[k % A.cols] + l.forward(A.data[k], Y.data[k]);
    const out: Node = new Node(row, [this], `loss:${l.name}`, () => {
      const g = new Matrix(A.rows, A.cols);
      for (let k = 0; k < g.data.length; k++) g.data[k] = out.grad.data[k % A.cols] * l.derivative(A.data[k], Y.data[k]);
      Node.accumulate(this, g);
    });
    return out;
  }

  /** The mean of every entry, a (1, 1) node. Backward: each entry receives G / (number of entries). This is where the 1/m lives. */
  mean(): Node {
    const n = this.value.size;
    const out: Node = new Node(Matrix.full(1, 1, this.value.sumAll() / n), [this], 'mean', () =>
      Node.accumulate(this, Matrix.full(this.value.rows, this.value.cols, out.grad.data[0] / n)),
    );
    return out;
  }

  /** The sum of every entry, a (1, 1) node. Backward: each entry receives G. */
  sum(): Node {
    const out: Node = new Node(Matrix.full(1, 1, this.value.sumAll()), [this], 'sum', () =>
      Node.accumulate(this, Matrix.full(this.value.rows, this.value.cols, out.grad.data[0])),
    );
    return out;
  }

  /** Σ of squared entries, a (1, 1) node. Backward: dX += 2 G X. */
  sumSquares(): Node {
    const out: Node = new Node(Matrix.full(1, 1, this.value.mul(this.value).sumAll()), [this], 'sumSquares', () =>
      Node.accumulate(this, this.value.scale(2 * out.grad.data[0])),
    );
    return out;
  }

  /** k · this. Backward: dX += k G. */
  scale(k: number): Node {
    const out: Node = new Node(this.value.scale(k), [this], 'scale', () => Node.accumulate(this, out.grad.scale(k)));
    return out;
  }

  /** this + other, same shape. Backward: both receive G. */
  plus(other: Node): Node {
    const out: Node = new Node(this.value.add(other.value), [this, other], 'plus', () => {
      Node.accumulate(this, out.grad);
      Node.accumulate(other, out.grad);
    });
    return out;
  }

  /**
   * Back-propagates from this node, which must be (1, 1): sets its grad to 1, zeroes every
   * other grad on the tape, and runs the rules in reverse topological order.
   */
  backward(): void {
    if (this.value.size !== 1) {
      throw new RangeError(`backward: start from a scalar (1, 1) node, got shape ${formatShape(this.value.rows, this.value.cols)}`);
    }
    const order: Node[] = [];
    const seen = new Set<Node>();
    const visit = (n: Node): void => {
      if (seen.has(n)) return;
      seen.add(n);
      for (const p of n.parents) visit(p);
      order.push(n);
    };
    visit(this);
    for (const n of order) n.grad.data.fill(0);
    this.grad.data[0] = 1;
    for (let i = order.length - 1; i >= 0; i--) order[i].pushBack();
  }
}

/**
 * A leaf of the tape whose gradient is wanted (a parameter or an input).
 *
 * Syntax: variable(value: Matrix): Node
 *
 * Example: `const w = variable(Matrix.row([3])); w.matmul(constant(Matrix.column([2]))).sum().backward(); w.grad.toArray(); // [[2]]`
 *
 * See also: constant, Node
 *
 * Derived in: lesson 03-where-does-1-over-m-go §5, 04-the-1-over-m-elsewhere-and-twice §1.
 */
export function variable(value: Matrix): Node {
  return new Node(value);
}

/**
 * A leaf of the tape used as data; its grad is computed too but usually ignored.
 *
 * Syntax: constant(value: Matrix): Node
 *
 * Example: `constant(Matrix.row([1, 2])).mean().value.get(0, 0); // 1.5`
 *
 * See also: variable, Node
 *
 * Derived in: lesson 03-where-does-1-over-m-go §5, 04-the-1-over-m-elsewhere-and-twice §1.
 */
export function constant(value: Matrix): Node {
  return new Node(value, [], 'constant');
}
