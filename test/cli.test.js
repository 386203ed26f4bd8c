'use strict';
// `npx backprop-lessons derive …` run as a new user would: as a subprocess of bin/backprop-lessons.js.
const test = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const fs = require('node:fs');
const os = require('node:os');
const { spawnSync } = require('node:child_process');
const katex = require('katex');

const root = path.join(__dirname, '..');
const bin = path.join(root, 'bin', 'backprop-lessons.js');

function run(args, options = {}) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: options.cwd ?? root, encoding: 'utf8', timeout: 60000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Every $$ … $$ block and every inline $ … $ of a Markdown text, rendered by KaTeX (throws on error). */
function renderAllMath(md) {
  const display = [...md.matchAll(/\$\$\n?([\s\S]*?)\n?\$\$/g)].map((m) => m[1]);
  for (const tex of display) katex.renderToString(tex, { throwOnError: true, displayMode: true });
  const inline = [...md.replace(/\$\$[\s\S]*?\$\$/g, '').matchAll(/\$([^$\n]+)\$/g)].map((m) => m[1]);
  for (const tex of inline) katex.renderToString(tex, { throwOnError: true });
  return { display: display.length, inline: inline.length };
}

test('package.json declares the bin, and the wrapper is executable', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  assert.equal(pkg.bin['backprop-lessons'], 'bin/backprop-lessons.js');
  assert.ok(fs.statSync(bin).mode & 0o111, 'bin/backprop-lessons.js must be executable');
  assert.match(fs.readFileSync(bin, 'utf8'), /^#!\/usr\/bin\/env node/);
});

test('derive with no options: the week-3 network as Markdown, every step verified, all math renders in KaTeX', () => {
  const r = run(['derive']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, '');
  assert.match(r.stdout, /^## Backpropagation for a 2-4-1 network \(tanh, sigmoid\), cross-entropy loss, "loss" notation/);
  assert.match(r.stdout, /\*\*11 of 11 steps verified\.\*\*/);
  const { display, inline } = renderAllMath(r.stdout);
  assert.equal(display, 11);
  assert.ok(inline >= 7 + 2, `inline math: ${inline}`);
  // numbered steps, each with its rule, its math and how it was checked
  for (let k = 1; k <= 11; k++) assert.match(r.stdout, new RegExp(`\\*\\*${k}\\. `));
  assert.equal((r.stdout.match(/^\*Rule:\*/gm) ?? []).length, 11);
  assert.equal((r.stdout.match(/^✓ .*max error/gm) ?? []).length, 11);
  assert.match(r.stdout, /\| dW\[1\] \| \$dW\^\{\[1\]\} = \\frac\{1\}\{m\}\\, dZ\^\{\[1\]\} X\^\{\\top\}\$ \|/);
});

test('options are honoured; --format json round-trips', () => {
  const args = ['derive', '--layers', '3,5,2', '--activations', 'relu,softmax', '--loss', 'cross-entropy', '--convention', 'cost', '--format', 'json', '--examples', '4', '--seed', '9'];
  const r = run(args);
  assert.equal(r.code, 0, r.stderr);
  const data = JSON.parse(r.stdout);
  assert.deepEqual(JSON.parse(JSON.stringify(data)), data);
  assert.deepEqual(data.spec.layers, [3, 5, 2]);
  assert.deepEqual(data.spec.activations, ['relu', 'softmax']);
  assert.equal(data.spec.convention, 'cost');
  assert.equal(data.instance.m, 4);
  assert.equal(data.passed, true);
  assert.deepEqual(Object.keys(data.equations).sort(), ['dA[1]', 'dW[1]', 'dW[2]', 'dZ[1]', 'dZ[2]', 'db[1]', 'db[2]']);
  assert.match(data.equations['dZ[2]'], /\\frac\{1\}\{m\}/);
  for (const s of data.steps) {
    assert.deepEqual(Object.keys(s).sort(), ['check', 'equation', 'kind', 'number', 'rule', 'tex', 'text', 'title']);
    assert.equal(s.check.passed, true);
    assert.ok(s.check.maxError < 1e-6);
    katex.renderToString(s.tex, { throwOnError: true, displayMode: true });
  }
  // same spec, same numbers: the output is reproducible
  assert.equal(run(args).stdout, r.stdout);
});

test('--format text is compact plain text', () => {
  const r = run(['derive', '--format', 'text', '--layers', '2,3,3,1', '--activations', 'tanh,relu,sigmoid']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^Backpropagation for a 2-3-3-1 network/);
  assert.match(r.stdout, /16 of 16 steps verified/);
  assert.doesNotMatch(r.stdout, /\\frac|\$\$/);
  assert.match(r.stdout, /dW\[1\] = \(1\/m\) dZ\[1\] X\^T/);
});

test('--format html is one standalone file: math rendered offline, fonts inlined, no script, no network', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bp-cli-'));
  const file = path.join(dir, 'derivation.html');
  const r = run(['derive', '--format', 'html', '--output', file]);
  assert.equal(r.code, 0, r.stderr);
  const html = fs.readFileSync(file, 'utf8');
  assert.match(html, /^<!DOCTYPE html>/);
  assert.ok((html.match(/class="katex-display"/g) ?? []).length >= 11);
  assert.doesNotMatch(html, /katex-error/);
  assert.doesNotMatch(html, /<script/i);
  assert.doesNotMatch(html, /(?:src|href)=["']?(?:https?:)?\/\//i);
  assert.doesNotMatch(html, /url\((?!data:)/, 'every url() in the CSS is inlined');
  assert.match(html, /url\(data:font\/woff2;base64,/);
  assert.doesNotMatch(html, /\$\$/);
});

test('--compare: both notations side by side, the 1/m framed, the measured m-fold relation', () => {
  const r = run(['derive', '--compare']);
  assert.equal(r.code, 0, r.stderr);
  renderAllMath(r.stdout);
  assert.match(r.stdout, /\| dZ\[2\] \| \$dZ\^\{\[2\]\} = A\^\{\[2\]\} - Y\$ \| \$dZ\^\{\[2\]\} = \\boxed\{\\frac\{1\}\{m\}\}\\left\(A\^\{\[2\]\} - Y\\right\)\$ \| loss = 5 × cost/);
  assert.match(r.stdout, /\| dW\[1\] \| \$dW\^\{\[1\]\} = \\boxed\{\\frac\{1\}\{m\}\}\\, dZ\^\{\[1\]\} X\^\{\\top\}\$ \| \$dW\^\{\[1\]\} = dZ\^\{\[1\]\} X\^\{\\top\}\$ \| equal/);
  assert.match(r.stdout, /dW and db are the same in both notations .*dZ and dA of the course are exactly m = 5 times the learner's/);
  const t = run(['derive', '--compare', '--format', 'text', '--examples', '7']);
  assert.equal(t.code, 0, t.stderr);
  assert.match(t.stdout, /dZ\[2\]\s+dZ\[2\] = A\[2\] - Y\s+dZ\[2\] = \*\(1\/m\)\* \(A\[2\] - Y\)\s+loss = 7 × cost/);
});

test('bad options: a one-line error naming the option and the allowed values, exit code 2', () => {
  const cases = [
    [['derive', '--loss', 'mse'], /^backprop-lessons derive: --loss must be one of cross-entropy, squared-error \(got "mse"\)\n$/],
    [['derive', '--convention', 'mean'], /--convention must be one of loss, cost \(got "mean"\)/],
    [['derive', '--format', 'pdf'], /--format must be one of markdown, text, json, html \(got "pdf"\)/],
    [['derive', '--activations', 'swish,sigmoid'], /--activations: unknown activation "swish" \(allowed: sigmoid, relu, tanh, linear, softmax/],
    [['derive', '--activations', 'tanh'], /--activations has 1 name but --layers 2,4,1 describes 2 layers/],
    [['derive', '--layers', '2,x,1'], /--layers must be at least two comma-separated integers from 1 to 100,000, inputs first, e\.g\. --layers 2,4,1 \(got "2,x,1"\)/],
    [['derive', '--activations', 'tanh,tanh'], /--activations: loss "cross-entropy" needs a sigmoid or softmax output/],
    [['derive', '--frobnicate'], /unknown option --frobnicate \(allowed: --layers, --activations, --loss/],
    [['derive', '--layers'], /--layers needs a value \(see --help\), e\.g\. --layers 2,4,1/],
    [['derive', '--examples', '1'], /--examples must be an integer from 2 to 1,000, e\.g\. --examples 8 \(got "1"\)/],
    [['derive', '--mutate', 'nope'], /--mutate must be one of missing-1\/m, double-1\/m/],
    [['frobnicate'], /unknown command "frobnicate" \(allowed: derive/],
    [['derive', '--compare=yes'], /^backprop-lessons derive: --compare takes no value\n$/],
    [['derive', '--layers', '--compare'], /--layers needs a value \(see --help\), e\.g\. --layers 2,4,1/],
    [['derive', 'layers'], /unexpected argument "layers" \(options start with --; allowed: --layers/],
    [['derive', '--layers=2,4,1', '--layers', '3,1'], /--layers is given twice/],
    [['derive', '--layers='], /--layers must be at least two comma-separated integers from 1 to 100,000.*\(got ""\)/],
  ];
  for (const [args, message] of cases) {
    const r = run(args);
    assert.equal(r.code, 2, `${args.join(' ')}: exit ${r.code}`);
    assert.match(r.stderr, message, args.join(' '));
    assert.equal(r.stderr.trim().split('\n').length, 1, `one line: ${r.stderr}`);
    assert.equal(r.stdout, '');
  }
});

test('an error that is neither a bad option nor a failed step: one line, exit 3, no stack trace', () => {
  const html = require(path.join(root, 'dist', 'derive', 'html.js'));
  const { main } = require(path.join(root, 'dist', 'cli', 'cli.js'));
  const original = html.derivationToHtml;
  html.derivationToHtml = () => {
    throw new Error('HTML output renders the math with KaTeX, which is not installed: run `npm install katex`\n    at somewhere.js:1:1');
  };
  const out = [];
  const err = [];
  try {
    const code = main(['derive', '--format', 'html'], { stdout: (s) => out.push(s), stderr: (s) => err.push(s) });
    assert.equal(code, 3);
  } finally {
    html.derivationToHtml = original;
  }
  assert.deepEqual(out, []);
  assert.equal(err.join(''), 'backprop-lessons derive: could not run: HTML output renders the math with KaTeX, which is not installed: run `npm install katex`\n');
});

test('--version prints the version of package.json', () => {
  const r = run(['--version']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, `${JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).version}\n`);
  assert.equal(r.stderr, '');
});

test('numbers beyond their documented limits exit 2 with one line naming the option and the limit, before any work', () => {
  const cases = [
    [['--examples', '100000000'], /^backprop-lessons derive: --examples must be an integer from 2 to 1,000, e\.g\. --examples 8 \(got "100000000"\)\n$/],
    [['--layers', '99999999999999999999,1'], /^backprop-lessons derive: --layers: 99999999999999999999 is above the limit of 100,000 units per layer/],
    [['--layers', '100001,1'], /--layers: 100001 is above the limit of 100,000 units per layer/],
    [['--layers', '-1,2'], /--layers must be at least two comma-separated integers from 1 to 100,000.*\(got "-1,2"\)/],
    [['--layers', '2.5,1'], /--layers must be at least two comma-separated integers from 1 to 100,000.*\(got "2\.5,1"\)/],
    [['--layers', '0,1'], /--layers must be at least two comma-separated integers from 1 to 100,000.*\(got "0,1"\)/],
    [['--layers', '4'], /--layers must be at least two comma-separated integers/],
    [['--layers', '2,,1'], /--layers must be at least two comma-separated integers/],
    [['--layers', Array(22).fill('1').join(',')], /--layers describes 21 layers, above the limit of 20/],
    [['--examples', '-3'], /--examples must be an integer from 2 to 1,000.*\(got "-3"\)/],
    [['--examples', '2.5'], /--examples must be an integer from 2 to 1,000.*\(got "2\.5"\)/],
    [['--examples', '1e3'], /--examples must be an integer from 2 to 1,000.*\(got "1e3"\)/],
    [['--examples='], /--examples must be an integer from 2 to 1,000.*\(got ""\)/],
    [['--seed', '99999999999999999999'], /--seed must be an integer from 0 to 4,294,967,295, e\.g\. --seed 42 \(got "99999999999999999999"\)/],
    [['--seed', '-1'], /--seed must be an integer from 0 to 4,294,967,295/],
    [['--seed', '0x10'], /--seed must be an integer from 0 to 4,294,967,295/],
    [['--layers', '100000,100000'], /^backprop-lessons derive: --layers: a 100000-100000 network with m = 5 examples is too large to check: .* = 50,000,000,000 is above the limit of 1,000,000/],
    [['--layers', '784,128,64,10', '--activations', 'relu,relu,softmax', '--examples', '100'], /--layers: a 784-128-64-10 network with m = 100 examples is too large to check: .* = 11,865,600 is above the limit of 1,000,000/],
    [['--layers', '100000,100000', '--compare', '--format', 'html'], /--layers: a 100000-100000 network/],
  ];
  for (const [args, message] of cases) {
    const r = run(['derive', ...args]);
    const label = args.join(' ').slice(0, 80);
    assert.equal(r.code, 2, `${label}: exit ${r.code} ${r.stderr.slice(0, 300)}`);
    assert.match(r.stderr, message, label);
    assert.equal(r.stderr.trim().split('\n').length, 1, `one line: ${r.stderr}`);
    assert.doesNotMatch(r.stderr, /\bat .*\.js:\d+/, 'no stack trace');
    assert.equal(r.stdout, '');
  }
});

test('--help and the README state the limits', () => {
  const help = run(['--help']).stdout;
  assert.match(help, /each from 1 to 100,000, at most 20 layers/);
  assert.match(help, /from 2 to 1,000/);
  assert.match(help, /an integer from 0 to 4,294,967,295/);
  assert.match(help, /at most 1,000,000 \(784,128,64,10 with M = 5 is 593,280\)/);
  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
  for (const limit of ['100,000', '20 layers', '1,000 examples', '4,294,967,295', '1,000,000']) assert.ok(readme.includes(limit), `README states ${limit}`);
});

test('--help shows every option with an example', () => {
  for (const args of [['--help'], ['derive', '--help'], []]) {
    const r = run(args);
    assert.equal(r.code, 0);
    for (const opt of ['--layers', '--activations', '--loss', '--convention', '--format', '--compare', '--examples', '--seed', '--output', '--mutate']) {
      assert.match(r.stdout, new RegExp(`^  ${opt}\\b`, 'm'), opt);
    }
    for (const opt of ['--layers', '--activations', '--loss', '--convention', '--format', '--compare']) {
      assert.match(r.stdout, new RegExp(`e\\.g\\. ${opt}\\b`), `${opt} has an example`);
    }
    assert.match(r.stdout, /npx backprop-lessons derive --layers 2,4,1 --activations tanh,sigmoid --loss cross-entropy --convention loss/);
  }
});

test('a failed verification prints the failing step and exits 1', () => {
  const r = run(['derive', '--mutate', 'missing-1/m']);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /^verification failed at step 5 \(dW\[2\], "loss" notation\)/);
  assert.match(r.stderr, /step 6 \(db\[2\]/);
  assert.match(r.stdout, /\*\*✗ FAILED\*\*/);
  const t = run(['derive', '--mutate', 'tanh-from-z', '--format', 'text']);
  assert.equal(t.code, 1);
  assert.match(t.stderr, /step 8 \(dZ\[1\], "loss" notation\): Derivative of layer 1's activation \(tanh\)/);
  const c = run(['derive', '--compare', '--mutate', 'double-1/m']);
  assert.equal(c.code, 1);
  assert.match(c.stdout, /FAILED/);
});

test('networks of realistic size are verified: each matrix at every entry up to 200, at a seeded sample of 200 beyond, the sample size in every format', () => {
  const mnist = run(['derive', '--layers', '784,128,64,10', '--activations', 'relu,relu,softmax', '--format', 'json']);
  assert.equal(mnist.code, 0, mnist.stderr);
  const d = JSON.parse(mnist.stdout);
  assert.equal(d.passed, true);
  const dW1 = d.steps.find((s) => s.kind === 'matrix' && s.equation === 'dW[1]');
  assert.deepEqual(dW1.check.entries, { checked: 200, total: 100352, skipped: 0, sampled: true });
  for (const [layers, total] of [['2000,1', 2000], ['100000,1', 100000]]) {
    const text = run(['derive', '--layers', layers, '--format', 'text']);
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout, new RegExp(`check: vs J, 200 of ${total} entries \\(random sample\\), max error`));
    const md = run(['derive', '--layers', layers]);
    assert.match(md.stdout, new RegExp(`200 of the ${total} entries of W\\[1\\] \\(a seeded random sample\\)`));
  }
});

test('a 4-layer network takes well under 2 s of CPU (wall time depends on the machine\'s load)', (t) => {
  const probe = `process.on('exit', () => { const u = process.cpuUsage(); process.stderr.write('CPU ' + (u.user + u.system) / 1000 + '\\n'); }); process.argv.splice(1, 0, 'bin'); require(${JSON.stringify(bin)});`;
  const started = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['-e', probe, 'derive', '--layers', '4,8,8,8,1', '--activations', 'relu,relu,tanh,sigmoid', '--format', 'markdown'], { cwd: root, encoding: 'utf8' });
  const wall = Number(process.hrtime.bigint() - started) / 1e6;
  assert.equal(r.status, 0, r.stderr);
  const cpu = Number(/CPU ([\d.]+)/.exec(r.stderr)?.[1]);
  t.diagnostic(`4-layer derive: ${cpu.toFixed(0)} ms CPU, ${wall.toFixed(0)} ms wall`);
  assert.ok(cpu < 2000, `CPU ${cpu} ms`);
});
