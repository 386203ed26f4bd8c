import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Matrix } from '../core/matrix';
import { checkExercise } from './exercise';

const db1 = Matrix.column([0.1, -0.2, 0.3, 0.05]);
const isRight = (a: Matrix): boolean => a.maxAbsDiff(db1) < 1e-12;
const hint = 'db keeps one entry per hidden unit; which axis does it sum over?';

test('the fixed pattern: Fill in while null, Correct when right, Not yet with the hint when wrong', () => {
  const empty: Matrix | null = null;
  assert.equal(checkExercise({ name: 'myDb1', answer: empty, isRight, hint }), 'Fill in myDb1, then run this cell again.');
  assert.equal(checkExercise({ name: 'myDb1', answer: undefined, isRight, hint }), 'Fill in myDb1, then run this cell again.');
  assert.equal(checkExercise({ name: 'myDb1', answer: db1.clone(), isRight, hint }), 'Correct.');
  assert.equal(checkExercise({ name: 'myDb1', answer: db1.clone(), isRight, hint, correct: 'the sum runs over the examples' }), 'Correct: the sum runs over the examples');
  const wrong = checkExercise({ name: 'myDb1', answer: db1.scale(2), isRight, hint });
  assert.equal(wrong, `Not yet: ${hint}`);
  assert.ok(!wrong.includes('0.1') && !wrong.includes('0.05'), 'the message does not print the right numbers');
});

test('a wrong shape or a throwing answer is a wrong answer with the hint, never a crash', () => {
  const transposed = checkExercise({ name: 'myDb1', answer: db1.transpose(), isRight, hint });
  assert.match(transposed, /^Not yet: db keeps one entry per hidden unit; which axis does it sum over\? \(checking your answer failed: .*\(1, 4\).*\(4, 1\)/);
  const fn = checkExercise<(z: number) => number>({ name: 'myDz', answer: () => { throw new Error('boom'); }, isRight: (f) => f(0.5) === 0.25, hint: 'differentiate once more' });
  assert.equal(fn, 'Not yet: differentiate once more (checking your answer failed: boom)');
  assert.equal(checkExercise<number>({ name: 'k', answer: 4, isRight: (a) => a === 3, hint: (a) => (a > 3 ? 'smaller' : 'larger') }), 'Not yet: smaller');
});

test('an author error is refused: isRight that does not return a boolean, a missing name', () => {
  // @ts-expect-error: isRight must return a boolean
  assert.throws(() => checkExercise({ name: 'k', answer: 1, isRight: () => 'yes', hint: 'h' }), /checkExercise: isRight for k returned string, not true or false/);
  assert.throws(() => checkExercise({ name: '', answer: 1, isRight: () => true, hint: 'h' }), /name must be the answer variable's name/);
});
