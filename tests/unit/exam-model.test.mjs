// exam-model.js: drawing, attempts, merging and grading, without a page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadTheme } from './theme.mjs';

const SG = loadTheme(['dom.js', 'log.js', 'exam-model.js']);
const M = SG.examModel;

// A bank of `sizes[d]` questions in each domain of SAA-C03's weights.
function bank(sizes = { secure: 40, resilient: 40, performant: 40, cost: 40 }) {
  const domains = [['secure', 30], ['resilient', 26], ['performant', 24], ['cost', 20]]
    .map(([key, weight]) => ({ key, title: key, weight }));
  const questions = [];
  for (const [domain, n] of Object.entries(sizes)) {
    for (let i = 0; i < n; i++) {
      questions.push({ id: `${domain}-${i}`, hash: `h${i}`, chapter: i % 2 ? 'c1' : 'c2', domain,
        choices: [{ html: 'a' }, { html: 'b' }, { html: 'c' }, { html: 'd' }], answer: [i % 4], prompt: 'p' });
    }
  }
  return M.readBank({ chapters: [{ id: 'c1', title: 'One' }, { id: 'c2', title: 'Two' }], domains, questions });
}

test('apportion gives each group its share by largest remainder, within what it holds', () => {
  assert.deepEqual(M.apportion(65, [30, 26, 24, 20].map((weight) => ({ weight, size: 100 }))), [19, 17, 16, 13]);
  // A short group gives what it lacks to the groups furthest below their share.
  assert.deepEqual(M.apportion(10, [{ weight: 50, size: 2 }, { weight: 50, size: 100 }]), [2, 8]);
  assert.deepEqual(M.apportion(0, [{ weight: 1, size: 3 }]), [0]);
});

test('a draw follows the blueprint\'s weights and is the same for the same seed', () => {
  const b = bank();
  const ids = M.draw(b, ['c1', 'c2'], 65, M.random(42));
  const count = (d) => ids.filter((id) => b.byId[id].domain === d).length;
  assert.deepEqual(['secure', 'resilient', 'performant', 'cost'].map(count), [19, 17, 16, 13]);
  assert.equal(new Set(ids).size, 65);
  assert.deepEqual(M.draw(b, ['c1', 'c2'], 65, M.random(42)), ids);
  assert.notDeepEqual(M.draw(b, ['c1', 'c2'], 65, M.random(43)), ids);
});

test('an attempt is begun, checked, merged per question and graded', () => {
  const b = bank({ secure: 3, resilient: 0, performant: 0, cost: 0 });
  const ids = b.questions.map((q) => q.id);
  const a = M.begin(b, { mode: 'exam', limit: 'standard', chapters: ['c1', 'c2'] }, ids, 7, M.random(7), 10, 1000);
  assert.ok(M.validAttempt(a, b, false));
  assert.equal(a.deadline, 1000 + 10 * 60000);
  assert.equal(M.validAttempt({ ...a, order: ['nope', ...a.order.slice(1)] }, b, false), false);
  assert.equal(M.validAttempt({ ...a, current: 3 }, b, false), false);
  // Two tabs: each answer's newest time wins.
  const mine = structuredClone(a);
  const theirs = structuredClone(a);
  mine.answers[0] = { p: [b.byId[a.order[0]].answer[0]], t: 5 };
  theirs.answers[0] = { p: [3], t: 4 };
  theirs.answers[1] = { p: [b.byId[a.order[1]].answer[0]], t: 6 };
  const merged = M.merge(mine, theirs);
  assert.deepEqual(merged.answers.map((x) => x && x.t), [5, 6, null]);
  const graded = M.grade(b, merged, 60);
  assert.deepEqual([graded.n, graded.right, graded.pct, graded.passed], [3, 2, 67, true]);
  assert.deepEqual(graded.rows.map((r) => r.done), [true, true, false]);
});

test('time limits follow the exam\'s pace', () => {
  const exam = { minutes: 130, questions: 65 };
  assert.deepEqual(['standard', 'plus30', 'double', 'none'].map((l) => M.limitMinutes(l, 10, exam)), [20, 50, 40, null]);
});
