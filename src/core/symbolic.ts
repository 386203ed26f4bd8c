/**
 * The one mathjs instance of the module, and TeX of its expressions with math's italics.
 *
 * mathjs is loaded once, from its single-file build: it loads in about 0.1 s where the
 * CommonJS build (hundreds of files) takes 1.2–2.8 s on this machine, and `npx backprop-lessons
 * derive` must answer in about a second. Same version, same functions.
 *
 * Derived in: lesson 02-many-examples (the derivative of a mean), 01-one-neuron (the steps of one unit).
 */
import type { MathJsInstance, MathNode, SymbolNode } from 'mathjs';

let instance: MathJsInstance | undefined;

/**
 * The shared mathjs instance.
 *
 * Syntax: loadMathjs(): MathJsInstance
 *
 * Example: `loadMathjs().derivative('tanh(z)', 'z').toString(); // 'sech(z) ^ 2'`
 *
 * See also: expressionToTex
 */
export function loadMathjs(): MathJsInstance {
  if (instance === undefined) {
    const loaded: unknown = require('mathjs/lib/browser/math.js');
    instance = loaded as MathJsInstance;
  }
  return instance;
}

function isSymbol(n: MathNode): n is SymbolNode {
  return n.type === 'SymbolNode';
}

/** TeX of one symbol: `x_1`, `x1` → x_{1}; `A_prev` → A_{\text{prev}}; otherwise the name in italic. */
function symbolTex(name: string): string {
  const sub = /^([A-Za-z]+)_([A-Za-z0-9]+)$/.exec(name) ?? /^([A-Za-z]+?)(\d+)$/.exec(name);
  if (sub === null) return ` ${name}`;
  const [, base, index] = sub;
  const i = index === undefined || /^[0-9]+$/.test(index) || index.length === 1 ? index : `\\text{${index}}`;
  return ` ${base}_{${i}}`;
}

/**
 * TeX of a mathjs expression (node or source) with every plain symbol in italic: mathjs itself
 * prints single letters that are unit names (b, m, s, g, h, l, W, J) upright as `\mathrm{b}`.
 * Indexed names become subscripts (`x_1` and `x1` both give x_{1}); Greek letters and
 * constants keep mathjs's rendering.
 *
 * Syntax: expressionToTex(nodeOrSource)
 *
 * Examples:
 *   expressionToTex('w * x + b');      // ' w\\cdot x+ b'
 *   expressionToTex('y1 * log(a1)');   // ' y_{1}\\cdot\\log\\left( a_{1}\\right)'
 *   expressionToTex('alpha * A_prev'); // '\\alpha\\cdot A_{\\text{prev}}'
 *
 * See also: loadMathjs, showExpression (notebook)
 */
export function expressionToTex(expression: MathNode | string): string {
  const node = typeof expression === 'string' ? loadMathjs().parse(expression) : expression;
  return node.toTex({
    handler: (n: MathNode): string | undefined => {
      if (!isSymbol(n)) return undefined;
      const plain = n.toTex();
      // Keep mathjs's own rendering of Greek letters and constants (\alpha, \pi, ...).
      if (plain.startsWith('\\') && !plain.startsWith('\\mathrm')) return undefined;
      return /^[A-Za-z][A-Za-z0-9]*(_[A-Za-z0-9]+)?$/.test(n.name) ? symbolTex(n.name) : undefined;
    },
  });
}
