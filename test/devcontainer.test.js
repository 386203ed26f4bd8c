'use strict';
// .devcontainer/devcontainer.json (VS Code, GitHub Codespaces): it parses, installs Node as
// package.json asks and JupyterLab, sets JUPYTER_PATH to the project's kernel folder, adds VS
// Code's Jupyter extension, and its set-up command is the one the README gives, made of npm
// scripts that exist.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const env = require('../scripts/lib/env');

const readme = fs.readFileSync(path.join(env.root, 'README.md'), 'utf8');
const pkg = JSON.parse(fs.readFileSync(path.join(env.root, 'package.json'), 'utf8'));
const file = path.join(env.root, '.devcontainer', 'devcontainer.json');

/** The shell code blocks of a markdown text, as lists of lines. */
function shellBlocks(markdown) {
  return [...markdown.matchAll(/^\s*```sh\n([\s\S]*?)^\s*```/gm)].map((m) => m[1].split('\n').map((l) => l.trim()).filter(Boolean));
}

/** The npm scripts a command line runs (npm run NAME, npm start, npm test), and whether it only uses npm. */
function npmScripts(command) {
  return command.split('&&').map((part) => {
    const words = part.trim().split(/\s+/);
    assert.equal(words[0], 'npm', `"${part.trim()}" runs npm`);
    if (words[1] === 'run') return words[2];
    return words[1] === 'ci' || words[1] === 'install' ? null : words[1];
  });
}

test('devcontainer.json parses and sets up Node, JupyterLab, the kernel path and the Jupyter extension', () => {
  const config = JSON.parse(fs.readFileSync(file, 'utf8'));
  const features = config.features;
  const node = Object.entries(features).find(([id]) => id.startsWith('ghcr.io/devcontainers/features/node:'));
  const python = Object.entries(features).find(([id]) => id.startsWith('ghcr.io/devcontainers/features/python:'));
  assert.ok(node && python, `features: ${Object.keys(features).join(', ')}`);
  const engines = /^>=(\d+)\.(\d+)/.exec(pkg.engines.node);
  assert.equal(String(node[1].version), engines[1], `Node ${node[1].version} for engines ${pkg.engines.node}`);
  assert.equal(python[1].installJupyterlab, true, 'JupyterLab from the python feature');
  assert.equal(config.remoteEnv.JUPYTER_PATH, '${containerWorkspaceFolder}/jupyter');
  assert.ok(fs.existsSync(path.join(env.jupyterDataDir, 'kernels', env.kernelName, 'kernel.json')), 'the kernel spec is in jupyter/');
  assert.ok(config.customizations.vscode.extensions.includes('ms-toolsai.jupyter'));
  assert.ok(config.forwardPorts.includes(8888), 'JupyterLab\'s port forwarded');
});

test('its postCreateCommand is the set-up command of the README, made of npm scripts that exist', () => {
  const config = JSON.parse(fs.readFileSync(file, 'utf8'));
  const command = config.postCreateCommand;
  assert.equal(typeof command, 'string');
  const blocks = shellBlocks(readme);
  assert.ok(blocks.some((lines) => lines.length === 1 && lines[0] === command), `the README shows \`${command}\` as a command of its own`);
  for (const script of npmScripts(command).filter(Boolean)) assert.ok(pkg.scripts[script], `npm script ${script}`);
  assert.match(command, /--no-jupyter/, 'JupyterLab comes from the container, not from Debian (no root in a dev container)');
  assert.match(readme, /`JUPYTER_PATH=\$\{containerWorkspaceFolder\}\/jupyter`/, 'the README names the same JUPYTER_PATH');
  assert.match(readme, /`npm run lab`/);
  assert.ok(pkg.scripts.lab, 'npm run lab exists');
});

test('the check fails on a dev container whose command differs from the README', () => {
  const blocks = shellBlocks(readme);
  const planted = 'npm ci && npm run setup';
  assert.ok(!blocks.some((lines) => lines.length === 1 && lines[0] === planted), 'a command the README does not give is not found');
  assert.throws(() => npmScripts('pip install jupyterlab'), /runs npm/);
});
