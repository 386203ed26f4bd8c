// Typeset the page's math with KaTeX (loaded from assets/ with `defer`, before this script).
// Code (pre, code) is left alone; charts keep their own text. A TeX error shows in red as a
// .katex-error element, which the browser check counts.
/* global renderMathInElement */
(function () {
  var display = function (left, right) {
    return { left: left, right: right, display: true };
  };
  var environments = ['equation', 'equation*', 'align', 'align*', 'aligned', 'gather', 'gather*', 'alignat', 'alignat*', 'CD'];
  var delimiters = [display('$$', '$$'), display('\\[', '\\]')]
    .concat(environments.map(function (env) { return display('\\begin{' + env + '}', '\\end{' + env + '}'); }))
    .concat([{ left: '\\(', right: '\\)', display: false }, { left: '$', right: '$', display: false }]);
  renderMathInElement(document.body, {
    delimiters: delimiters,
    throwOnError: false,
    ignoredTags: ['script', 'noscript', 'style', 'textarea', 'pre', 'code', 'option', 'svg'],
    ignoredClasses: ['js-plotly-plot', 'jp-RenderedText'],
  });
})();
