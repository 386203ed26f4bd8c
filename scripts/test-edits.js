#!/usr/bin/env node
'use strict';
// npm run test:edits -- [--runs N] [--seed S] [--lessons PATTERN] [--timeout SECONDS] [NOTEBOOK ...]
// Runs lessons at random points of their declared parameters, as learners would edit them, and
// reports every failing cell with the values that broke it. See USAGE.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const env = require('./lib/env');
const { UsageError, parseCommandLine, expandNotebooks, globToRegExp, integerOption } = require('./lib/cli');
const { samplePoints } = require('./lib/parameters');
const { readLesson, runJobs, describePoint, MODE_LABEL } = require('./lib/edits');
const { stopAll } = require('./lib/notebook-runner');
const interrupt = require('./lib/interrupt');

const USAGE = `usage: npm run test:edits -- [--runs N] [--seed S] [--lessons PATTERN] [--timeout SECONDS] [NOTEBOOK ...]

Runs every lesson whose parameters cell declares parameters (CONTRIBUTING.md, "Declared
parameters") at N random points of the declared sets in each of two modes, each in a fresh
kernel, two at a time:
  one edit      one parameter changed, the others at their defaults (each parameter in turn);
  all at once   every parameter changed.
Every failing cell is reported with the values that broke it, then a summary table. A refusal
by the parameters cell itself (an Error naming a parameter) is accepted for a combination (all
at once) and is a failure for a single edit. Exit status 1 on any failure, 2 on a bad option.

  --runs N           points per lesson and mode (default 3)
  --seed S           seed of the draws (default: a random one, printed; the same seed draws the
                     same points)
  --lessons PATTERN  only the lessons of notebooks/ whose file name matches: a part of the
                     name (03, mini-batches) or a pattern with * and ? (0*-d*); several
                     separated by commas (03,07)
  --timeout SECONDS  limit for one cell (default 300)
  NOTEBOOK ...       notebooks to run instead of the lessons (paths or patterns)
  --help             this text

Executed notebooks of the failing runs are kept in test-output/edits/.`;

const OPTIONS = {
  runs: { type: 'string', valueName: 'a number of runs' },
  seed: { type: 'string', valueName: 'a seed (a whole number)' },
  lessons: { type: 'string', valueName: 'a pattern' },
  timeout: { type: 'string', valueName: 'a number of seconds' },
  help: { type: 'boolean', short: 'h' },
};

/** Lessons of notebooks/ whose file name matches one of the comma-separated patterns. */
function matchLessons(patterns) {
  const all = env.lessonNotebooks();
  const parts = patterns.split(',').map((p) => p.trim()).filter(Boolean);
  if (parts.length === 0) throw new UsageError('--lessons needs a pattern');
  const chosen = new Set();
  for (const part of parts) {
    const re = /[*?]/.test(part) ? globToRegExp(part.replace(/\.ipynb$/, '')) : null;
    const found = all.filter((f) => {
      const name = path.basename(f, '.ipynb');
      return re ? re.test(name) : name.includes(part.replace(/\.ipynb$/, ''));
    });
    if (found.length === 0) {
      const names = all.map((f) => path.basename(f, '.ipynb')).join(', ');
      throw new UsageError(`--lessons ${part}: matches no lesson (the lessons: ${names})`);
    }
    for (const f of found) chosen.add(f);
  }
  return all.filter((f) => chosen.has(f));
}

function parseArgs(argv) {
  const { values, positionals } = parseCommandLine(argv, OPTIONS);
  if (values.help) return { help: true };
  if (values.lessons !== undefined && positionals.length > 0) throw new UsageError('give --lessons or notebooks, not both');
  const notebooks = values.lessons !== undefined ? matchLessons(values.lessons) : positionals.length > 0 ? positionals.flatMap(expandNotebooks) : env.lessonNotebooks();
  return {
    help: false,
    runs: values.runs === undefined ? 3 : integerOption('runs', values.runs, { min: 1, max: 1000 }),
    seed: values.seed === undefined ? Math.floor(Math.random() * 1e6) : integerOption('seed', values.seed, { min: 0, max: Number.MAX_SAFE_INTEGER }),
    seedGiven: values.seed !== undefined,
    timeout: values.timeout === undefined ? 300 : integerOption('timeout', values.timeout, { min: 1, max: 86400 }),
    notebooks: [...new Set(notebooks)],
  };
}

function table(rows) {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => String(r[c]).length)));
  const line = (r) => r.map((cell, c) => String(cell).padEnd(widths[c])).join('  ').trimEnd();
  return [line(rows[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

const SLOW_SECONDS = 60;

async function main(argv) {
  let options;
  try {
    options = parseArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`[edits] ${error.message}`);
    return 2;
  }
  if (options.help) {
    console.log(USAGE);
    return 0;
  }
  const started = Date.now();
  const lessons = options.notebooks.map(readLesson);
  const runnable = lessons.filter((l) => l.status === 'ok');
  console.log(
    `[edits] seed ${options.seed}${options.seedGiven ? '' : ' (drawn; repeat with --seed ' + options.seed + ')'}, ` +
      `${options.runs} run(s) per lesson and mode, ${runnable.length} of ${lessons.length} notebook(s) declare parameters`,
  );
  for (const l of lessons) {
    if (l.status === 'none') console.log(`[edits] skipped  ${l.name}: it ${l.reason}`);
    if (l.status === 'invalid') console.log(`[edits] INVALID  ${l.name}: its parameters cell does not follow the grammar:\n${l.errors.join('\n')}`);
  }

  const jobs = [];
  for (const lesson of runnable) {
    for (const mode of ['one', 'all']) {
      const points = samplePoints(lesson.parsed.declarations, { mode, count: options.runs, seed: `${options.seed}:${lesson.name}` });
      points.forEach((point, i) => jobs.push({ lesson, point, label: `${mode}-${i + 1}` }));
    }
  }
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bpl-edits-'));
  const outDir = path.join(env.root, 'test-output', 'edits');
  interrupt.onInterrupt('edits', async (signal) => {
    console.error(`[edits] interrupted (${signal}): stopping the kernels and removing temporary files`);
    await stopAll();
    fs.rmSync(workDir, { recursive: true, force: true });
  });
  fs.rmSync(outDir, { recursive: true, force: true });
  let finished = 0;
  try {
    await runJobs(jobs, {
      workDir,
      outDir,
      timeoutSeconds: options.timeout,
      onDone: (job) => {
        finished++;
        const head = `[edits] [${finished}/${jobs.length}] ${job.lesson.name}  ${MODE_LABEL[job.point.mode]}  ${describePoint(job.lesson, job.point)}`;
        const seconds = `${job.result.seconds.toFixed(1)} s`;
        if (job.outcome === 'ok') console.log(`${head}  ok ${seconds}`);
        else if (job.outcome === 'refused') console.log(`${head}  refused by the parameters cell (a combination: accepted) ${seconds}\n         ${job.detail}`);
        else {
          console.log(`${head}  FAILED ${seconds}`);
          console.error(`\nFAILED: ${job.report}\n`);
        }
        if (job.outcome !== 'failed') fs.rmSync(job.result.outputPath, { force: true });
      },
    });
  } finally {
    if (!interrupt.interrupted()) fs.rmSync(workDir, { recursive: true, force: true });
  }
  if (interrupt.interrupted()) return interrupt.halt();

  // summary
  const rows = [['lesson', 'parameters', 'one edit: ok / failed', 'all at once: ok / refused / failed', 'slowest run']];
  for (const lesson of lessons) {
    if (lesson.status !== 'ok') {
      rows.push([lesson.name, lesson.status === 'none' ? 'none declared' : 'INVALID', 'skipped', 'skipped', '']);
      continue;
    }
    const mine = jobs.filter((j) => j.lesson === lesson);
    const count = (mode, outcome) => mine.filter((j) => j.point.mode === mode && j.outcome === outcome).length;
    const slowest = Math.max(...mine.map((j) => j.result.seconds));
    rows.push([
      lesson.name,
      lesson.parsed.declarations.length,
      `${count('one', 'ok')} / ${count('one', 'failed')}`,
      `${count('all', 'ok')} / ${count('all', 'refused')} / ${count('all', 'failed')}`,
      `${slowest.toFixed(1)} s${slowest > SLOW_SECONDS ? ` (over ${SLOW_SECONDS} s)` : ''}`,
    ]);
  }
  const failed = jobs.filter((j) => j.outcome === 'failed');
  const invalid = lessons.filter((l) => l.status === 'invalid');
  console.log(`\n${table(rows)}\n`);
  if (failed.length > 0) {
    console.log(`Failures (${failed.length}):`);
    for (const j of failed) console.log(`  ${j.lesson.name}, ${MODE_LABEL[j.point.mode]}: ${describePoint(j.lesson, j.point)}\n      ${j.detail}`);
    console.log('');
  }
  const slow = jobs.filter((j) => j.result && j.result.seconds > SLOW_SECONDS);
  if (slow.length > 0) console.log(`[edits] note: ${slow.length} run(s) took over ${SLOW_SECONDS} s (lessons should run in under ${SLOW_SECONDS} s at every allowed point)`);
  if (runnable.length === 0 && invalid.length === 0) console.log('[edits] no notebook declares parameters yet: nothing was run');
  console.log(
    `[edits] ${jobs.length} run(s): ${jobs.filter((j) => j.outcome === 'ok').length} ok, ` +
      `${jobs.filter((j) => j.outcome === 'refused').length} refused combination(s), ${failed.length} failed; ` +
      `${invalid.length} notebook(s) with grammar errors; seed ${options.seed}; ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  return failed.length > 0 || invalid.length > 0 ? 1 : 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      if (!interrupt.interrupted()) process.exit(code);
    },
    (error) => {
      if (interrupt.interrupted()) return;
      console.error(`[edits] error: ${error && error.message ? error.message : error}`);
      process.exit(2);
    },
  );
}

module.exports = { main, parseArgs, matchLessons };
