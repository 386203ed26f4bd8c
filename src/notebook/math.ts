/**
 * Rendered math and markdown in the notebook: TeX strings, mathjs expressions, markdown. Each
 * is one output bundle: `text/latex` (or `text/markdown`) for the frontends and the exported
 * site (KaTeX/MathJax typeset `$$...$$`), and `text/plain` for the console. Expressions are
 * written in TeX by `expressionToTex` (core/symbolic), which keeps every symbol in italic.
 *
 * Used by the derivation lessons (each step's equation) and every check cell.
 */
import type { MathNode } from 'mathjs';
import { expressionToTex, loadMathjs } from '../core/symbolic';
import { displayBundle } from './display';

/**
 * A TeX string from a template literal with backslashes kept as written (`String.raw`), so
 * lessons write `tex\`\frac{\partial J}{\partial W}\`` without doubling them.
 *
 * Syntax:
 *     tex`...`
 *
 * Examples:
 *     tex`\frac{1}{m}`            // '\\frac{1}{m}'
 *     tex`W^{[${2}]}`             // 'W^{[2]}'
 *
 * See also:
 *     showTex
 */
export function tex(strings: TemplateStringsArray, ...values: unknown[]): string {
  return String.raw({ raw: strings.raw }, ...values);
}

/**
 * Display a TeX formula as display math (one output: text/latex and text/markdown as
 * `$$...$$`, text/plain as the TeX source).
 *
 * Syntax:
 *     showTex(texSource)
 *
 * Examples:
 *     showTex(tex`dW^{[l]} = \frac{1}{m} dZ^{[l]} A^{[l-1]\top}`)
 *     // notebook: the rendered equation; plain Node: prints the TeX
 *
 * See also:
 *     tex, showExpression, showMarkdown
 */
export function showTex(texSource: string): void {
  const body = texSource.trim().replace(/^\$\$|\$\$$/g, '').trim();
  displayBundle({
    'text/latex': `$$${body}$$`,
    'text/markdown': `$$${body}$$`,
    'text/plain': body,
  });
}

/**
 * Display a mathjs expression as rendered math, optionally as `lhs = expression`.
 *
 * Syntax:
 *     showExpression(nodeOrSource)
 *     showExpression(nodeOrSource, lhsTex)
 *
 * Examples:
 *     showExpression(derivative('-(y*log(a) + (1-y)*log(1-a))', 'a'), tex`\frac{\partial L}{\partial a}`)
 *     // shows ∂L/∂a = ... with a and y in italic
 *
 * See also:
 *     expressionToTex, showTex
 */
export function showExpression(expression: MathNode | string, lhsTex?: string): void {
  const rhs = expressionToTex(expression).trim();
  const body = lhsTex === undefined ? rhs : `${lhsTex} = ${rhs}`;
  const node = typeof expression === 'string' ? loadMathjs().parse(expression) : expression;
  displayBundle({
    'text/latex': `$$${body}$$`,
    'text/markdown': `$$${body}$$`,
    'text/plain': `${lhsTex === undefined ? '' : `${lhsTex} = `}${node.toString()}`,
  });
}

/**
 * Display markdown (text/markdown, with the source as text/plain).
 *
 * Syntax:
 *     showMarkdown(markdown)
 *
 * Examples:
 *     showMarkdown(markdownTable(['m', 'J'], [[3, 0.25]]))   // shows the table
 *
 * See also:
 *     markdownTable, show
 */
export function showMarkdown(markdown: string): void {
  displayBundle({ 'text/markdown': markdown, 'text/plain': markdown });
}
