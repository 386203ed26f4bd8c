'use strict';
// Which Jupyter front end `npm start` / `npm run lab` runs, and the options that version
// understands. Three kinds of server take different options:
//   classic Notebook (< 7, e.g. Debian's 6.4): a NotebookApp: --NotebookApp.ip, notebook_dir, default_url
//   Notebook 7 and JupyterLab 3+: jupyter_server applications: --ServerApp.ip, root_dir, open_browser,
//     allow_root, and their own default_url (JupyterNotebookApp.default_url, LabApp.default_url)
//   JupyterLab < 3 ran inside the classic Notebook server: NotebookApp options, LabApp.default_url
// Every server serves the repository root (so notebooks/ and the charts' plotly.js under
// node_modules/ are reachable), on 127.0.0.1 with token authentication.
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

/** `jupyter` to run: the user's own (pip, conda: first on PATH) before Debian's. */
function findJupyter(env = process.env) {
  for (const dir of (env.PATH || '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, 'jupyter');
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return fs.existsSync('/usr/bin/jupyter') ? '/usr/bin/jupyter' : null;
}

/** [major, minor, patch] of the last version number in `text`, or null. */
function parseVersion(text) {
  const all = [...String(text).matchAll(/(\d+)\.(\d+)(?:\.(\d+))?/g)];
  const last = all[all.length - 1];
  return last ? [Number(last[1]), Number(last[2]), Number(last[3] || 0)] : null;
}

/**
 * The installed version of `jupyter APP` ('notebook' or 'lab'), from `jupyter APP --version`;
 * null when that application is not installed.
 */
function detectApp(jupyter, app, { env = process.env, run = spawnSync } = {}) {
  const result = run(jupyter, [app, '--version'], { encoding: 'utf8', env, timeout: 60000 });
  if (result.error || result.status !== 0) return null;
  const version = parseVersion(result.stdout);
  return version ? { app, version: version.join('.'), major: version[0] } : null;
}

/** The kind of server an application of that version is: 'classic', 'notebook7' or 'lab'. */
function serverKind({ app, major }) {
  if (app === 'lab') return major >= 3 ? 'lab' : 'lab-classic';
  return major >= 7 ? 'notebook7' : 'classic';
}

/**
 * Command-line options for `jupyter APP` of that version, and the path of the start page.
 * @param {{ app: 'notebook'|'lab', major: number, root: string, headless?: boolean, asRoot?: boolean, extra?: string[] }} o
 * @returns {{ args: string[], startPath: string, kind: string }}
 */
function serverArgs({ app, major, root, headless = false, asRoot = false, extra = [] }) {
  const kind = serverKind({ app, major });
  const server = kind === 'classic' || kind === 'lab-classic' ? 'NotebookApp' : 'ServerApp';
  const startPath = app === 'lab' ? '/lab/tree/notebooks' : '/tree/notebooks';
  const defaultUrl = app === 'lab' ? 'LabApp' : kind === 'notebook7' ? 'JupyterNotebookApp' : 'NotebookApp';
  const args = [
    app,
    `--${server}.ip=127.0.0.1`,
    `--${server}.${server === 'ServerApp' ? 'root_dir' : 'notebook_dir'}=${root}`,
    `--${defaultUrl}.default_url=${startPath}`,
    ...(headless ? [`--${server}.open_browser=False`] : []),
    ...(asRoot ? [`--${server}.allow_root=True`] : []),
    ...extra,
  ];
  return { args, startPath, kind };
}

/** A TCP port that is free on 127.0.0.1 right now (the system's choice). */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const PORT_OPTION = /^--(?:(?:NotebookApp|ServerApp)\.)?port$/;

/**
 * The extra arguments with a requested port 0 ("any free port") replaced by a free port
 * chosen here: classic Notebook binds port 0 but then prints ":0" in every URL it shows.
 */
async function resolvePortZero(extra, pick = freePort) {
  const out = [];
  for (let i = 0; i < extra.length; i++) {
    const arg = extra[i];
    const joined = /^(--(?:(?:NotebookApp|ServerApp)\.)?port)=0+$/.exec(arg);
    if (joined) out.push(`${joined[1]}=${await pick()}`);
    else if (PORT_OPTION.test(arg) && /^0+$/.test(extra[i + 1] || '')) {
      out.push(`${arg}=${await pick()}`);
      i++;
    } else out.push(arg);
  }
  return out;
}

/**
 * The URL to print from a server log line that announces one (`http://127.0.0.1:PORT/...
 * ?token=...`): the same origin and base URL, the start page, the token; null otherwise.
 */
function announcedUrl(line, startPath) {
  const m = /(http:\/\/127\.0\.0\.1:(\d+))(\/[^\s?]*)\?token=([0-9a-f]+)/.exec(line);
  if (!m || m[2] === '0') return null;
  const base = m[3].replace(/(tree|lab)\/?$/, '').replace(/\/?$/, '/');
  return `${m[1]}${base}${startPath.replace(/^\//, '')}?token=${m[4]}`;
}

module.exports = { findJupyter, parseVersion, detectApp, serverKind, serverArgs, freePort, resolvePortZero, announcedUrl };
