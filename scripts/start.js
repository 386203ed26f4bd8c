#!/usr/bin/env node
'use strict';
// `npm start`: Jupyter Notebook on 127.0.0.1 with token authentication, the repository as the
// server root (so notebooks/ and the charts' plotly.js under node_modules/ are reachable), the
// project's TypeScript kernel on JUPYTER_PATH, and no browser on a headless machine.
// Extra arguments go to Jupyter, e.g. `npm start -- --port 9000`.
const { spawn } = require('node:child_process');
const env = require('./lib/env');

const jupyter = env.jupyterCommand();
if (!jupyter) {
  console.error('[start] jupyter is not installed; run `npm run setup` (it installs it from Debian packages).');
  process.exit(1);
}
const headless = !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY && process.platform === 'linux';
const args = [
  'notebook',
  '--ip=127.0.0.1',
  `--notebook-dir=${env.root}`,
  '--NotebookApp.default_url=/tree/notebooks',
  ...(headless || process.env.CI ? ['--no-browser'] : []),
  ...(typeof process.getuid === 'function' && process.getuid() === 0 ? ['--allow-root'] : []),
  ...process.argv.slice(2),
];
console.log(`[start] ${jupyter} ${args.join(' ')}`);
console.log(`[start] kernel: "TypeScript (backprop-lessons)" from ${env.jupyterDataDir}`);
const child = spawn(jupyter, args, { env: env.jupyterEnv(), stdio: ['inherit', 'inherit', 'pipe'] });

let announced = false;
child.stderr.on('data', (chunk) => {
  process.stderr.write(chunk);
  const match = !announced && /(http:\/\/127\.0\.0\.1:\d+\/)[^\s]*\?token=([0-9a-f]+)/.exec(String(chunk));
  if (match) {
    announced = true;
    const url = `${match[1]}tree/notebooks?token=${match[2]}`;
    console.log(`\n[start] The lessons are at:\n\n    ${url}\n\n[start] Open 00-start-here.ipynb first. Stop the server with Ctrl+C.\n`);
  }
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code === null ? (signal === 'SIGINT' ? 0 : 1) : code));
