'use strict';
// The one notebook runner of the project, used by `npm test` and `npm run export`: executes
// notebooks in fresh kernels through the real Jupyter stack (nbclient, the project's kernel
// spec) and reports failures with the notebook, the failing cell's source and the kernel's
// message, which `jupyter nbconvert --execute` alone hides behind "<Error>:".
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawn } = require('node:child_process');
const env = require('./env');

const script = path.join(__dirname, 'execute_notebook.py');

// The runs in progress (one Python runner each, and its kernel once started), so that
// `stopAll()` can stop them when the command is interrupted.
const running = new Set();
let stopping = false;
const KERNEL_LINE = 'BPL_KERNEL ';

/**
 * Execute one notebook in a fresh kernel.
 * @param {string} notebookPath
 * @param {{ outputPath?: string, timeoutSeconds?: number, kernelName?: string }} [options]
 * @returns {Promise<{ notebook: string, outputPath: string, ok: boolean, seconds: number,
 *   cells: number, failure: null | { index: number|null, id: string|null, source: string, message: string },
 *   problems: Array<{ index: number, id: string, source: string, message: string }>, log: string }>}
 */
function executeNotebook(notebookPath, options = {}) {
  const python = env.jupyterPython();
  if (!python) throw new Error('no python3 with Jupyter found; run `npm run setup` first');
  const outputPath =
    options.outputPath ||
    path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bpl-run-')), path.basename(notebookPath));
  fs.mkdirSync(path.dirname(outputPath), { recursive: true });
  const argv = [
    script,
    notebookPath,
    outputPath,
    options.kernelName || env.kernelName,
    String(options.timeoutSeconds || 300),
    env.root,
  ];
  if (stopping) {
    const failure = { index: null, id: null, source: '', message: 'not run: the command was interrupted' };
    return Promise.resolve({ notebook: notebookPath, outputPath, ok: false, seconds: 0, cells: 0, failure, problems: [], log: '' });
  }
  return new Promise((resolve) => {
    const child = spawn(python, argv, { env: env.jupyterEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    const run = { child, kernel: null, closed: false };
    running.add(run);
    let stdout = '';
    let stderr = '';
    let pending = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => {
      // The runner announces its kernel (pid, process group, connection file) on one line.
      pending += d;
      const lines = pending.split('\n');
      pending = lines.pop();
      for (const line of lines) {
        if (line.startsWith(KERNEL_LINE)) {
          try {
            run.kernel = JSON.parse(line.slice(KERNEL_LINE.length));
          } catch {
            stderr += `${line}\n`;
          }
        } else stderr += `${line}\n`;
      }
    });
    child.on('close', (code, signal) => {
      run.closed = true;
      running.delete(run);
      stderr += pending;
      const lastLine = stdout.trim().split('\n').pop() || '';
      let report;
      try {
        report = JSON.parse(lastLine);
      } catch {
        report = {
          ok: false,
          seconds: 0,
          cells: 0,
          failure: { index: null, id: null, source: '', message: `runner exited with ${signal || code}:\n${stderr.trim()}` },
          problems: [],
        };
      }
      resolve({ notebook: notebookPath, outputPath, ...report, log: stderr });
    });
  });
}

/**
 * Stop every run in progress and start no new one: each Python runner gets SIGTERM, stops its
 * kernel (its whole process group) and removes the kernel's connection file; a runner still
 * there after `graceMs` is killed, and its kernel with it. Resolves with the number of runs
 * stopped.
 */
async function stopAll({ graceMs = 5000 } = {}) {
  stopping = true;
  const runs = [...running];
  for (const run of runs) run.child.kill('SIGTERM');
  const deadline = Date.now() + graceMs;
  while (runs.some((r) => !r.closed) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  for (const run of runs.filter((r) => !r.closed)) {
    run.child.kill('SIGKILL');
    if (run.kernel) {
      try {
        process.kill(-run.kernel.pgid, 'SIGKILL');
      } catch {
        // already gone
      }
      fs.rmSync(run.kernel.connection_file, { force: true });
    }
  }
  return runs.length;
}

/** A readable account of a failed run: notebook, cell number and id, source, kernel message. */
function formatFailure(result) {
  const name = path.relative(env.root, result.notebook) || result.notebook;
  const lines = [];
  const describe = (kind, item) => {
    const where = item.index === null ? '' : ` in cell ${item.index + 1}${item.id ? ` (id ${item.id})` : ''}`;
    lines.push(`${kind}: ${name}${where}`);
    if (item.source) {
      lines.push('--- cell source ---');
      lines.push(item.source.replace(/\n*$/, ''));
    }
    lines.push('--- kernel message ---');
    lines.push(item.message || '(the kernel gave no message)');
  };
  if (result.failure) describe('FAILED', result.failure);
  for (const problem of result.problems || []) describe('UNCAUGHT ERROR', problem);
  return lines.join('\n');
}

/**
 * Execute notebooks, `concurrency` at a time (each in its own fresh kernel), calling
 * `onStart(path)` and `onDone(result)` for progress. Resolves with results in input order.
 */
async function executeAll(notebooks, { outDir, concurrency = 2, timeoutSeconds, onStart, onDone } = {}) {
  const results = new Array(notebooks.length);
  let next = 0;
  async function worker() {
    while (next < notebooks.length) {
      const i = next++;
      const notebook = notebooks[i];
      if (onStart && !stopping) onStart(notebook);
      const outputPath = outDir ? path.join(outDir, path.basename(notebook)) : undefined;
      results[i] = await executeNotebook(notebook, { outputPath, timeoutSeconds });
      if (onDone && !stopping) onDone(results[i]);
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, notebooks.length) }, worker));
  return results;
}

module.exports = { executeNotebook, executeAll, formatFailure, stopAll };
