'use strict';
// A learner changes the parameters and runs the lesson again: every lesson whose parameters cell
// declares its parameters (CONTRIBUTING.md, "Declared parameters") also runs at ONE other point
// of its declared sets (seeded and fixed, every parameter changed at once) in a fresh kernel,
// besides the defaults that test/lessons.test.js runs. Should the parameters cell refuse that
// combination, the next seeded point is tried (up to 3). `npm run test:edits` samples many more.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const env = require('../scripts/lib/env');
const { readLesson, fixedPointRuns, describePoint } = require('../scripts/lib/edits');

// Every lesson declares its parameters: a lesson without declarations fails.
const SEED = 2024;

const outDir = path.join(env.root, 'test-output', 'edited');

test('lessons at another point of their declared parameters', async (t) => {
  const lessons = env.lessonNotebooks().map(readLesson);
  const runnable = lessons.filter((l) => l.status === 'ok');
  fs.rmSync(outDir, { recursive: true, force: true });
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bpl-edited-'));
  let outcomes = [];
  try {
    if (runnable.length > 0) {
      outcomes = await fixedPointRuns(runnable, {
        seed: SEED,
        workDir,
        outDir,
        onDone: (job) => console.log(`# edited ${job.lesson.name} (${describePoint(job.lesson, job.point)}): ${job.outcome} in ${job.result.seconds} s`),
      });
    }
  } finally {
    fs.rmSync(workDir, { recursive: true, force: true });
  }
  for (const lesson of lessons) {
    const title = `${lesson.name} at another point of its declared parameters`;
    if (lesson.status === 'invalid') {
      await t.test(title, () => assert.fail(`the parameters cell does not follow the grammar:\n${lesson.errors.join('\n')}`));
    } else if (lesson.status === 'none') {
      await t.test(title, () => assert.fail(`${lesson.name} ${lesson.reason}`));
    } else {
      const outcome = outcomes.find((o) => o.lesson === lesson);
      await t.test(`${title}: ${outcome.values}`, () => assert.ok(outcome.ok, outcome.report));
    }
  }
});
