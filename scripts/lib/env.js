'use strict';
// Paths and environment shared by the project's scripts: where the repository is, which
// Jupyter to run, and the environment that makes Jupyter see the project's own kernel spec.
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..', '..');
const kernelName = 'backprop-lessons';
const jupyterDataDir = path.join(root, 'jupyter');
const notebooksDir = path.join(root, 'notebooks');
const debianPython = '/usr/bin/python3';

/** First executable called `name` on PATH, or null. */
function which(name) {
  for (const dir of (process.env.PATH || '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, name);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return null;
}

/** The `jupyter` command: Debian's when present (it runs /usr/bin/python3), else PATH's. */
function jupyterCommand() {
  if (fs.existsSync('/usr/bin/jupyter')) return '/usr/bin/jupyter';
  return which('jupyter');
}

/** The Python that has Jupyter's libraries (nbclient, nbconvert). */
function jupyterPython() {
  if (fs.existsSync(debianPython)) return debianPython;
  return which('python3');
}

/** Environment for Jupyter processes: the project's kernel spec folder first on JUPYTER_PATH. */
function jupyterEnv(extra = {}) {
  const previous = process.env.JUPYTER_PATH;
  return {
    ...process.env,
    JUPYTER_PATH: previous ? `${jupyterDataDir}${path.delimiter}${previous}` : jupyterDataDir,
    PYDEVD_DISABLE_FILE_VALIDATION: '1',
    ...extra,
  };
}

/** The notebooks of the pack in reading order (file names sort by their NN- prefix). */
function lessonNotebooks() {
  return fs
    .readdirSync(notebooksDir)
    .filter((f) => /^\d\d-.*\.ipynb$/.test(f))
    .sort()
    .map((f) => path.join(notebooksDir, f));
}

module.exports = {
  root,
  kernelName,
  jupyterDataDir,
  notebooksDir,
  which,
  jupyterCommand,
  jupyterPython,
  jupyterEnv,
  lessonNotebooks,
};
