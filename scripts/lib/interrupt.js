'use strict';
// Interrupts of the project's long commands (export, test:edits). On the first SIGINT, SIGTERM
// or SIGHUP the registered clean-ups run (stop the kernels, remove temporary files), then the
// process exits with 128 + the signal's number (130 for SIGINT, 143 for SIGTERM); a second
// signal kills what is left at once. Code that awaits a child's result checks `interrupted()`
// and waits on `halt()` instead of going on with a half-finished run.
const os = require('node:os');
const { execFileSync } = require('node:child_process');

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'];
const cleanups = [];
let installed = false;
let caught = null;

/** The signal that interrupted this process, or null. */
function interrupted() {
  return caught;
}

/** A promise that never settles: what a step awaits once the process is being interrupted. */
function halt() {
  return new Promise(() => {});
}

/** Pids of the processes below this one (children, grandchildren, ...), deepest last. */
function descendantPids(root = process.pid) {
  let table;
  try {
    table = execFileSync('ps', ['-eo', 'pid=,ppid='], { encoding: 'utf8' })
      .split('\n')
      .map((line) => line.trim().split(/\s+/).map(Number))
      .filter((pair) => pair.length === 2 && pair.every(Number.isInteger));
  } catch {
    return [];
  }
  const found = [];
  let frontier = [root];
  while (frontier.length > 0) {
    const children = table.filter(([, ppid]) => frontier.includes(ppid)).map(([pid]) => pid);
    found.push(...children);
    frontier = children;
  }
  return found;
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Stop every process below this one: SIGTERM, then SIGKILL for those still there after
 * `graceMs`. The clean-ups stop kernels more gently first; this catches the rest (nbconvert's
 * renderer, a browser).
 */
async function killDescendants({ graceMs = 2000 } = {}) {
  const pids = descendantPids();
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
  const deadline = Date.now() + graceMs;
  while (pids.some(alive) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  for (const pid of pids.filter(alive)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // gone meanwhile
    }
  }
  return pids.length;
}

async function handle(signal, label) {
  const code = 128 + os.constants.signals[signal];
  if (caught) {
    console.error(`[${label}] ${signal} again: killing what is left`);
    for (const pid of descendantPids()) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // gone
      }
    }
    process.exit(code);
  }
  caught = signal;
  for (const cleanup of cleanups) {
    try {
      await cleanup(signal);
    } catch (error) {
      console.error(`[${label}] while stopping: ${error && error.message ? error.message : error}`);
    }
  }
  await killDescendants();
  process.exit(code);
}

/**
 * Run `cleanup(signal)` (may be async) when the process is interrupted, then exit with
 * 128 + the signal number. `label` prefixes the messages ("export").
 */
function onInterrupt(label, cleanup) {
  cleanups.push(cleanup);
  if (installed) return;
  installed = true;
  for (const signal of SIGNALS) process.on(signal, () => handle(signal, label));
}

module.exports = { onInterrupt, interrupted, halt, killDescendants, descendantPids };
