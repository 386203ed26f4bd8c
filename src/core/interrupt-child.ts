/**
 * Test support for interrupts: run `script` in a child Node process (`node -e`), send it SIGINT
 * once it prints "ready", and collect what it printed. Used by the interrupt tests of
 * core/interrupt and nn/train, which check what the child caught; not exported from index.ts.
 *
 * Syntax:
 *     await interruptChild(script, { cwd, timeoutMs })
 *
 * Examples:
 *     await interruptChild('console.log("ready"); setInterval(() => {}, 1000)', { cwd: __dirname })
 *     // { code: null, stdout: 'ready\n', stderr: '' } (killed by SIGINT)
 *
 * See also:
 *     interruptible, onInterrupt
 */
import { spawn } from 'node:child_process';

export interface ChildRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function interruptChild(script: string, options: { cwd: string; timeoutMs?: number }): Promise<ChildRun> {
  const timeoutMs = options.timeoutMs ?? 60_000;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', script], { cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let sent = false;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the child did not stop within ${timeoutMs} ms after SIGINT:\n${stdout}\n${stderr}`));
    }, timeoutMs);
    child.stdout.on('data', (d: Buffer) => {
      stdout += String(d);
      if (!sent && stdout.includes('ready')) {
        sent = true;
        child.kill('SIGINT');
      }
    });
    child.stderr.on('data', (d: Buffer) => (stderr += String(d)));
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
