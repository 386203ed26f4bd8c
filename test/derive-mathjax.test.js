'use strict';
// Every TeX string derive() produces (steps, equations, the --compare table) typeset by MathJax 2
// (Debian's /usr/share/javascript/mathjax, the version nbconvert's templates load) in headless
// Chromium, with MathJax's error-hiding extensions off: no parse error, no undefined macro.
// Skipped where Chromium or MathJax is not installed.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const MATHJAX = '/usr/share/javascript/mathjax/MathJax.js';
const root = path.join(__dirname, '..');
let CHROMIUM;
let launchChromium;
try {
  ({ CHROMIUM, launchChromium } = require('../scripts/lib/browser-check'));
} catch {
  CHROMIUM = undefined;
}
const skip = !CHROMIUM || !fs.existsSync(CHROMIUM) || !fs.existsSync(MATHJAX) ? 'needs Chromium and /usr/share/javascript/mathjax' : false;

function texSamples() {
  const { derive, compareConventions, highlightOneOverM } = loadDist();
  const specs = [
    { layers: [2, 4, 1], activations: ['tanh', 'sigmoid'], loss: 'cross-entropy', convention: 'loss' },
    { layers: [3, 4, 3, 2], activations: ['relu', 'linear', 'softmax'], loss: 'cross-entropy', convention: 'cost' },
    { layers: [2, 3, 2], activations: ['sigmoid', 'relu'], loss: 'squared-error', convention: 'loss' },
    { layers: [2, 3, 1], activations: ['tanh', 'tanh'], loss: 'squared-error', convention: 'cost' },
    { layers: [2, 3, 1], activations: ['relu', 'linear'], loss: 'squared-error', convention: 'loss' },
  ];
  const tex = new Set();
  for (const spec of specs) {
    const d = derive(spec);
    for (const s of d.steps) tex.add(s.tex);
    for (const e of Object.values(d.equations)) tex.add(e);
  }
  const c = compareConventions({ layers: [2, 4, 1], activations: ['tanh', 'sigmoid'], loss: 'cross-entropy' });
  for (const r of c.rows) {
    tex.add(highlightOneOverM(r.lossTex));
    tex.add(highlightOneOverM(r.costTex));
  }
  tex.add('J = \\frac{1}{m}\\sum_{i=1}^{m} \\mathcal{L}^{(i)}');
  return [...tex];
}

function loadDist() {
  return { ...require(path.join(root, 'dist', 'derive', 'derive.js')), ...require(path.join(root, 'dist', 'derive', 'compare.js')), ...require(path.join(root, 'dist', 'derive', 'render.js')) };
}

test('every TeX string of derive() typesets in MathJax 2 without an error', { skip, timeout: 180000 }, async () => {
  const samples = texSamples();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bp-mathjax-'));
  const { escapeHtml: esc } = require(path.join(root, 'dist', 'core', 'format.js'));
  const html = `<!DOCTYPE html><html><head><meta charset="utf-8">
<script type="text/x-mathjax-config">
MathJax.Hub.Config({ tex2jax: { inlineMath: [['$', '$']], displayMath: [['$$', '$$']] },
  TeX: { noErrors: { disabled: true }, noUndefined: { disabled: true } }, messageStyle: 'none' });
window.texErrors = [];
MathJax.Hub.Register.MessageHook('TeX Jax - parse error', (m) => window.texErrors.push(String(m[1])));
MathJax.Hub.Register.MessageHook('Math Processing Error', (m) => window.texErrors.push('processing: ' + String(m[2] && m[2].message)));
MathJax.Hub.Queue(() => { window.typeset = true; });
</script>
<script src="file://${MATHJAX}?config=TeX-AMS_HTML"></script></head><body>
${samples.map((t, i) => `<div id="m${i}">$$${esc(t)}$$</div>`).join('\n')}
</body></html>`;
  const file = path.join(dir, 'page.html');
  fs.writeFileSync(file, html);
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    await page.goto(`file://${file}`);
    await page.waitForFunction('window.typeset === true', null, { timeout: 150000 });
    const result = await page.evaluate(() => ({
      errors: window.texErrors,
      merror: document.querySelectorAll('.merror, .MathJax_Error, .noError').length,
      rendered: document.querySelectorAll('.MathJax_Display').length,
    }));
    assert.deepEqual(result.errors, []);
    assert.equal(result.merror, 0);
    assert.equal(result.rendered, samples.length);
  } finally {
    await browser.close();
  }
});
