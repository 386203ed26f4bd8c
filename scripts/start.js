#!/usr/bin/env node
'use strict';
// `npm start`: the lessons in Jupyter Notebook; `npm run lab` (start.js --lab): in JupyterLab.
// The server binds 127.0.0.1 with token authentication, serves the repository root (so
// notebooks/ and the charts' plotly.js under node_modules/ are reachable), finds the project's
// TypeScript kernel through JUPYTER_PATH, and opens no browser on a headless machine. The
// options follow the installed version (scripts/lib/jupyter-app.js): classic Notebook 6
// (Debian's) takes NotebookApp options, Notebook 7 and JupyterLab take ServerApp options.
// Extra arguments go to Jupyter, e.g. `npm start -- --port 9000`; `--port 0` picks a free port
// and the URL printed is the one the server listens on.
const { spawn } = require('node:child_process');
const env = require('./lib/env');
const { findJupyter, detectApp, serverArgs, resolvePortZero, announcedUrl } = require('./lib/jupyter-app');

const LAB_MISSING =
  'JupyterLab is not installed here (`jupyter lab --version` failed). Install it with ' +
  '`pip install jupyterlab` or `conda install -c conda-forge jupyterlab` (Debian has no package ' +
  'for it), then run `npm run lab` again; `npm start` opens the lessons in Jupyter Notebook.';

async function main(argv) {
  const lab = argv.includes('--lab');
  const extra = await resolvePortZero(argv.filter((a) => a !== '--lab'));
  const jupyter = findJupyter();
  if (!jupyter) {
    console.error('[start] jupyter is not installed; run `npm run setup` (it installs it from Debian packages).');
    return 1;
  }
  const jupyterEnv = env.jupyterEnv();
  const app = detectApp(jupyter, lab ? 'lab' : 'notebook', { env: jupyterEnv });
  if (!app) {
    console.error(`[start] ${lab ? LAB_MISSING : `\`${jupyter} notebook --version\` failed: run \`npm run setup\` to install Jupyter Notebook.`}`);
    return 1;
  }
  const headless = (!process.env.DISPLAY && !process.env.WAYLAND_DISPLAY && process.platform === 'linux') || Boolean(process.env.CI);
  const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const { args, startPath, kind } = serverArgs({ app: app.app, major: app.major, root: env.root, headless, asRoot, extra });
  const name = { classic: 'Jupyter Notebook', notebook7: 'Jupyter Notebook', lab: 'JupyterLab', 'lab-classic': 'JupyterLab' }[kind];
  console.log(`[start] ${name} ${app.version}: ${jupyter} ${args.join(' ')}`);
  console.log(`[start] kernel: "TypeScript (backprop-lessons)" from ${env.jupyterDataDir}`);
  const child = spawn(jupyter, args, { env: jupyterEnv, stdio: ['inherit', 'inherit', 'pipe'] });

  let announced = false;
  let pending = '';
  child.stderr.on('data', (chunk) => {
    process.stderr.write(chunk);
    if (announced) return;
    pending += String(chunk);
    const lines = pending.split('\n');
    pending = lines.pop();
    for (const line of lines) {
      const url = announcedUrl(line, startPath);
      if (!url) continue;
      announced = true;
      const first = app.app === 'lab' ? 'Open notebooks/00-start-here.ipynb first' : 'Open 00-start-here.ipynb first';
      console.log(`\n[start] The lessons are at:\n\n    ${url}\n\n[start] ${first}. Stop the server with Ctrl+C.\n`);
      break;
    }
  });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  return new Promise((resolve) => child.on('exit', (code, signal) => resolve(code === null ? (signal === 'SIGINT' ? 0 : 1) : code)));
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    console.error(`[start] ${error.message}`);
    process.exit(1);
  },
);
