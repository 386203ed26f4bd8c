'use strict';
// The process table as `ps` sees it, for tests that check a command leaves no process behind.
const { execFileSync } = require('node:child_process');

/** Every process: { pid, ppid, args }. */
function processTable() {
  const out = execFileSync('ps', ['-eo', 'pid=,ppid=,args='], { encoding: 'utf8' });
  return out
    .split('\n')
    .map((line) => /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(line))
    .filter(Boolean)
    .map((m) => ({ pid: Number(m[1]), ppid: Number(m[2]), args: m[3] }));
}

/** The processes below `pid` (children, grandchildren, ...), from one reading of the table. */
function descendants(pid, table = processTable()) {
  const found = [];
  let frontier = [pid];
  while (frontier.length > 0) {
    const children = table.filter((p) => frontier.includes(p.ppid));
    found.push(...children);
    frontier = children.map((p) => p.pid);
  }
  return found;
}

/** Those of `processes` still alive with the same command line (a reused pid is not a survivor). */
function survivors(processes, table = processTable()) {
  return processes.filter((p) => table.some((q) => q.pid === p.pid && q.args === p.args));
}

module.exports = { processTable, descendants, survivors };
