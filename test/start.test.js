'use strict';
// `npm start` serves the lessons: Jupyter on 127.0.0.1 with a token, notebooks/ reachable from
// the server root, and the project's TypeScript kernel offered. `--port 0` (any free port)
// prints the URL of the port the server listens on (classic Notebook itself prints ":0").
const test = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const { spawn } = require('node:child_process');
const { root } = require('../scripts/lib/env');

test('npm start -- --port 0 serves notebooks/ with the TypeScript kernel on 127.0.0.1 behind a token, at the URL it prints', { timeout: 60_000 }, async () => {
  const child = spawn(process.execPath, [path.join(root, 'scripts', 'start.js'), '--port', '0'], {
    cwd: root,
    env: { ...process.env, CI: 'true' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  try {
    const url = await new Promise((resolve, reject) => {
      // no URL in 50 s (e.g. one with port 0): fail, and the finally below stops the server
      const deadline = setTimeout(() => reject(new Error(`no URL printed in 50 s:\n${output}`)), 50_000);
      const timer = setInterval(() => {
        const m = /The lessons are at:\s+(http:\/\/\S+)/.exec(output);
        if (m) {
          clearInterval(timer);
          clearTimeout(deadline);
          resolve(m[1]);
        }
      }, 100);
      child.on('exit', (code) => {
        clearInterval(timer);
        clearTimeout(deadline);
        reject(new Error(`npm start exited with ${code}:\n${output}`));
      });
    });
    const { origin, port, pathname, searchParams } = new URL(url);
    assert.match(origin, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.ok(Number(port) > 0, `a real port: ${url}`);
    assert.equal(pathname, '/tree/notebooks');
    const page = await fetch(url);
    assert.equal(page.status, 200, `the printed URL answers: ${url}`);
    const token = searchParams.get('token');
    assert.ok(token && token.length >= 32, `no token in ${url}`);

    const denied = await fetch(`${origin}/api/kernelspecs`);
    assert.equal(denied.status, 403, 'the API must refuse requests without the token');

    const specs = await (await fetch(`${origin}/api/kernelspecs?token=${token}`)).json();
    const spec = specs.kernelspecs['backprop-lessons'];
    assert.ok(spec, `kernel specs offered: ${Object.keys(specs.kernelspecs).join(', ')}`);
    assert.equal(spec.spec.language, 'typescript');

    const listing = await (await fetch(`${origin}/api/contents/notebooks?token=${token}`)).json();
    const names = listing.content.map((entry) => entry.name);
    assert.ok(names.includes('00-start-here.ipynb'), `notebooks/ holds: ${names.join(', ')}`);
  } finally {
    child.kill('SIGINT');
    await new Promise((resolve) => child.once('exit', resolve));
  }
});
