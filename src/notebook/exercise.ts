/**
 * The check of a lesson's exercise, in one fixed pattern: the learner's answer variable starts
 * as `null`; the check cell says "Fill in …" while it is empty, "Correct" for a right answer,
 * and "Not yet: " with a hint for a wrong one. A hint never prints the answer, and an answer of
 * the wrong shape or type gets the hint (and what went wrong), never a stack trace.
 *
 * Used in: the exercises of every lesson.
 */

/** What checkExercise needs. */
export interface ExerciseCheck<T> {
  /** The answer variable's name as the learner sees it, e.g. "myDb1". */
  name: string;
  /** The learner's answer: null (or undefined) until filled in. */
  answer: T | null | undefined;
  /** True for a right answer; computed from the question's own numbers, not from the lesson's parameters. May throw on a wrong shape. */
  isRight: (answer: T) => boolean;
  /** A hint for a wrong answer that does not give the answer away (or a function of the answer returning one). */
  hint: string | ((answer: T) => string);
  /** Said after "Correct: " (what the right answer shows, or a next question). */
  correct?: string;
}

/**
 * The message of an exercise's check cell: "Fill in NAME, then run this cell again." while the
 * answer is null or undefined; "Correct." (or "Correct: …") when `isRight` says so; otherwise
 * "Not yet: HINT". When `isRight` throws (an answer of the wrong shape, a function that throws),
 * the answer is wrong: "Not yet: HINT (checking your answer failed: MESSAGE)".
 *
 * Syntax: checkExercise({ name, answer, isRight, hint, correct? }): string
 *
 * Examples:
 *   const myFactor: number | null = null;
 *   checkExercise({ name: 'myFactor', answer: myFactor, isRight: (a) => a === 3, hint: 'how many examples are there?' });
 *   // 'Fill in myFactor, then run this cell again.'
 *   checkExercise({ name: 'myFactor', answer: 3, isRight: (a) => a === 3, hint: '…', correct: 'the gradient is m times too large' });
 *   // 'Correct: the gradient is m times too large'
 *   checkExercise({ name: 'myDb1', answer: Matrix.row([1, 2]), isRight: (a) => a.maxAbsDiff(db1) < 1e-12, hint: 'db keeps one entry per unit' });
 *   // 'Not yet: db keeps one entry per unit (checking your answer failed: maxAbsDiff: shapes (1, 2) and (4, 1) differ)'
 *
 * See also: compareGradients (with throwOnFailure: false, a right/wrong verdict for matrices)
 *
 * Used in: the exercises of every lesson.
 */
export function checkExercise<T>(check: ExerciseCheck<T>): string {
  if (check === null || typeof check !== 'object') throw new TypeError('checkExercise: pass { name, answer, isRight, hint }');
  const { name, answer, isRight, hint } = check;
  if (typeof name !== 'string' || name === '') throw new TypeError('checkExercise: name must be the answer variable\'s name');
  if (typeof isRight !== 'function') throw new TypeError(`checkExercise: isRight must be a function (answer) => boolean for ${name}`);
  if (answer === null || answer === undefined) return `Fill in ${name}, then run this cell again.`;
  let right: unknown;
  let failure: string | null = null;
  try {
    right = isRight(answer);
  } catch (e) {
    failure = e instanceof Error ? e.message : String(e);
  }
  if (failure === null && typeof right !== 'boolean') {
    throw new TypeError(`checkExercise: isRight for ${name} returned ${typeof right}, not true or false`);
  }
  if (right === true) return check.correct ? `Correct: ${check.correct}` : 'Correct.';
  let text: string;
  try {
    text = typeof hint === 'function' ? hint(answer) : hint;
  } catch (e) {
    text = `the hint could not be computed (${e instanceof Error ? e.message : String(e)})`;
  }
  return `Not yet: ${text}${failure === null ? '' : ` (checking your answer failed: ${failure})`}`;
}
