'use strict';
// Lessons run at edited parameters, as a learner would change them: the declared parameters
// (scripts/lib/parameters.js) are set to other values of their allowed sets, the parameters cell
// rewritten, and the lesson executed in a fresh kernel by the project's one runner
// (scripts/lib/notebook-runner.js), so a failure shows the cell's source and the kernel's
// message, with the values that broke it. Used by `npm run test:edits` and by `npm test`.
const fs = require('node:fs');
const path = require('node:path');
const { readParameters, samplePoints, withValues, describeValues, formatValue } = require('./parameters');
const { executeAll, formatFailure } = require('./notebook-runner');
const { serialize } = require('./notebook-format');

/**
 * A lesson and its declarations: { name, file, nb, parsed, status, reason, errors } where status
 * is 'ok' (declares parameters), 'none' (declares none yet: `reason` says why) or 'invalid'
 * (`errors` name each bad line).
 */
function readLesson(file) {
  const name = path.basename(file, '.ipynb');
  const nb = JSON.parse(fs.readFileSync(file, 'utf8'));
  const shown = path.relative(process.cwd(), file) || file;
  const parsed = readParameters(nb, shown);
  const lesson = { name, file, nb, parsed, status: 'ok', reason: '', errors: parsed.errors };
  if (parsed.errors.length > 0) return { ...lesson, status: 'invalid' };
  if (parsed.cellIndex < 0) return { ...lesson, status: 'none', reason: 'has no parameters cell (a code cell opening with `// Parameters`)' };
  if (parsed.declarations.length === 0) {
    return { ...lesson, status: 'none', reason: 'declares no parameters (no line of its parameters cell ends with `(allowed: ...)`)' };
  }
  return lesson;
}

/** Error classes that mean a bug, never a deliberate refusal. */
const NOT_A_REFUSAL = /^(TypeError|ReferenceError|SyntaxError|EvalError|URIError|InternalError)\b/;

/** The "Error: ..." line of a kernel message (tslab prints the source excerpt and a stack around it). */
function errorLine(message) {
  const m = /^([A-Z][\w$]*Error|Error)(?: \[[^\]]*\])?: .*$/m.exec(message || '');
  return m ? m[0] : null;
}

/**
 * What a run says: 'ok'; 'refused' when the parameters cell itself threw an error whose message
 * names one of the declared parameters (a deliberate refusal, acceptable for a combination only);
 * else 'failed'.
 */
function classify(result, lesson) {
  if (result.ok) return { outcome: 'ok', detail: '' };
  const failure = result.failure;
  if (failure && failure.index === lesson.parsed.cellIndex && (result.problems || []).length === 0) {
    const line = errorLine(failure.message);
    const names = lesson.parsed.declarations.map((d) => d.name);
    const named = line && names.some((n) => new RegExp(`(^|[^\\w$])${n.replace(/\$/g, '\\$')}([^\\w$]|$)`).test(line.replace(/^\w+: /, '')));
    if (line && named && !NOT_A_REFUSAL.test(line)) return { outcome: 'refused', detail: line };
  }
  const message = failure ? errorLine(failure.message) || (failure.message || '').split('\n')[0] : '';
  const where = failure && failure.index !== null ? `cell ${failure.index + 1}` : (result.problems || []).length > 0 ? `cell ${result.problems[0].index + 1}` : 'the run';
  return { outcome: 'failed', detail: `${where}: ${message || (result.problems[0] && result.problems[0].message.split('\n')[0]) || 'failed'}` };
}

const MODE_LABEL = { one: 'one edit', all: 'all at once' };

/** The values of a point as text: the edited parameter for one edit, every value for all at once. */
function describePoint(lesson, point) {
  const ds = lesson.parsed.declarations;
  const values = describeValues(ds, point.values, point.edited);
  if (point.mode !== 'one') return values;
  const d = ds.find((x) => x.name === point.edited[0]);
  return `${values} (default ${formatValue(d, d.default)})`;
}

/**
 * Execute `jobs` ({ lesson, point, label }) two at a time, each lesson at its point in a fresh
 * kernel. Edited notebooks go to `workDir`; executed ones to `outDir`. Resolves with the jobs
 * and their { result, outcome, detail, report }. `onDone(job)` is called as each one ends.
 */
async function runJobs(jobs, { workDir, outDir, concurrency = 2, timeoutSeconds, onDone } = {}) {
  fs.mkdirSync(workDir, { recursive: true });
  const byFile = new Map();
  const files = jobs.map((job, i) => {
    const file = path.join(workDir, `${job.lesson.name}--${job.label || `${job.point.mode}-${i + 1}`}.ipynb`);
    fs.writeFileSync(file, serialize(withValues(job.lesson.nb, job.lesson.parsed, job.point.values)));
    byFile.set(file, job);
    return file;
  });
  await executeAll(files, {
    outDir,
    concurrency,
    timeoutSeconds,
    onDone: (result) => {
      const job = byFile.get(result.notebook);
      finish(job, result);
      if (onDone) onDone(job);
    },
  });
  return jobs;
}

/** Attach the run's result, outcome and readable report to its job. */
function finish(job, result) {
  const { lesson, point } = job;
  job.result = result;
  Object.assign(job, classify(result, lesson));
  if (job.outcome === 'refused' && point.mode === 'one') {
    job.outcome = 'failed';
    job.detail = `the parameters cell refused a single edit inside its allowed set: ${job.detail}`;
  }
  const shown = { ...result, notebook: lesson.file };
  job.report =
    `${lesson.name}, ${MODE_LABEL[point.mode]}: ${describePoint(lesson, point)}\n` +
    (job.outcome === 'ok' ? '' : `${job.detail}\n${formatFailure(shown)}\nexecuted notebook: ${path.relative(process.cwd(), result.outputPath) || result.outputPath}`);
}

/**
 * The check `npm test` runs: every lesson at ONE other point of its declared sets (seeded, all
 * parameters changed). When the parameters cell refuses that combination the next seeded point
 * is tried, up to `attempts`. Resolves with one entry per lesson: { lesson, ok, values, report,
 * tries }.
 */
async function fixedPointRuns(lessons, { seed, attempts = 3, workDir, outDir, onDone } = {}) {
  const candidates = new Map(
    lessons.map((lesson) => [lesson, samplePoints(lesson.parsed.declarations, { mode: 'all', count: attempts, seed: `${seed}:${lesson.name}` })]),
  );
  const outcomes = new Map();
  let open = [...lessons];
  for (let round = 0; round < attempts && open.length > 0; round++) {
    const jobs = open.map((lesson) => ({ lesson, point: candidates.get(lesson)[round], label: `fixed-${round + 1}` }));
    await runJobs(jobs, { workDir, outDir, onDone });
    for (const job of jobs) {
      const tries = [...((outcomes.get(job.lesson) || {}).tries || []), job];
      outcomes.set(job.lesson, { lesson: job.lesson, tries, job });
    }
    open = jobs.filter((j) => j.outcome === 'refused').map((j) => j.lesson);
  }
  return lessons.map((lesson) => {
    const { tries, job } = outcomes.get(lesson);
    const values = describeValues(lesson.parsed.declarations, job.point.values);
    if (job.outcome === 'ok') return { lesson, ok: true, values, tries: tries.length, report: '' };
    if (job.outcome === 'refused') {
      const refusals = tries.map((t) => `  ${describeValues(lesson.parsed.declarations, t.point.values)}\n    ${t.detail}`).join('\n');
      return {
        lesson,
        ok: false,
        values,
        tries: tries.length,
        report:
          `${lesson.name}: its parameters cell refused all ${tries.length} seeded combinations, so no other point ran:\n${refusals}\n` +
          'Narrow the allowed sets or derive the conflicting parameters from one another (CONTRIBUTING.md, "Declared parameters").',
      };
    }
    return { lesson, ok: false, values, tries: tries.length, report: job.report };
  });
}

module.exports = { readLesson, classify, errorLine, runJobs, fixedPointRuns, describePoint, MODE_LABEL };
