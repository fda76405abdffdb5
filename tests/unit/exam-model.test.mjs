// exam-model.js: drawing, attempts, merging and grading, without a page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadTheme } from './theme.mjs';

const SG = loadTheme(['dom.js', 'log.js', 'ts-fsrs.js', 'readiness-model.js', 'exam-model.js']);
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

const BOTH = { chapters: ['c1', 'c2'] };
const domainsOf = (b, ids) => ['secure', 'resilient', 'performant', 'cost'].map((d) => ids.filter((id) => b.byId[id].domain === d).length);

test('a draw follows the blueprint\'s weights and is the same for the same seed', () => {
  const b = bank();
  const ids = M.draw(b, BOTH, 65, M.random(42));
  assert.deepEqual(domainsOf(b, ids), [19, 17, 16, 13]);
  assert.equal(new Set(ids).size, 65);
  assert.deepEqual(M.draw(b, BOTH, 65, M.random(42)), ids);
  assert.notDeepEqual(M.draw(b, BOTH, 65, M.random(43)), ids);
});

test('shares name the domain a bank cannot give its share, and by how many', () => {
  const b = bank({ secure: 40, resilient: 40, performant: 40, cost: 9 });
  const plan = M.shares(b, b.questions, 65);
  assert.deepEqual(plan.map((s) => [s.domain.key, s.share, s.count, s.short]),
    [['secure', 19, 21, 0], ['resilient', 17, 18, 0], ['performant', 16, 17, 0], ['cost', 13, 9, 4]]);
  assert.deepEqual(domainsOf(b, M.draw(b, BOTH, 65, M.random(1))), [21, 18, 17, 9]);
  // A domain with no question in the chosen ones is short of its whole share.
  const noCost = M.shares(b, b.questions.filter((q) => q.domain !== 'cost'), 10);
  assert.deepEqual(noCost.map((s) => s.short), [0, 0, 0, 2]);
  // Without domains there is nothing to share.
  assert.equal(M.shares(b, [{ ...b.questions[0], domain: null }], 1), null);
});

test('unseen first fills each domain\'s share with unseen questions before the rest, and shows them first', () => {
  const b = bank({ secure: 6, resilient: 6, performant: 6, cost: 6 });
  const seen = Object.fromEntries(b.questions.filter((q, i) => i % 3 === 0).map((q) => [q.id, true]));
  const ids = M.draw(b, { ...BOTH, draw: 'unseen' }, 20, M.random(3), { seen, recall: {} });
  assert.deepEqual(domainsOf(b, ids), [6, 5, 5, 4]);
  for (const d of ['secure', 'resilient', 'performant', 'cost']) {
    const all = b.questions.filter((q) => q.domain === d);
    const drawn = ids.filter((id) => b.byId[id].domain === d);
    const unseenLeft = all.filter((q) => !seen[q.id] && !drawn.includes(q.id)).length;
    if (drawn.some((id) => seen[id])) assert.equal(unseenLeft, 0, `${d}: an answered question drawn while unseen ones remain`);
  }
  const firstSeen = ids.findIndex((id) => seen[id]);
  assert.ok(ids.slice(firstSeen).every((id) => seen[id]), 'the unseen come first');
});

test('what the log says: answered at the current version, and the recall ts-fsrs gives each now', () => {
  const b = bank({ secure: 3, resilient: 0, performant: 0, cost: 0 });
  const DAY = 864e5;
  const T = Date.UTC(2026, 11, 1, 9);
  const q = (id, ok, t, h = b.byId[id].hash) => SG.log.make.question({ id, h, p: [0], ok, w: 'quiz', t });
  const k = M.known([q('secure-0', true, T - 10 * DAY), q('secure-1', false, T - 2 * DAY), q('secure-2', true, T, 'old')], b, T);
  assert.deepEqual(Object.keys(k.seen).sort(), ['secure-0', 'secure-1'], 'an answer to an older version is not seen');
  const F = window.FSRS;
  const f = F.fsrs(F.generatorParameters());
  const r = (g, days) => f.forgetting_curve(days, f.next_state(null, 0, g).stability);
  assert.equal(k.recall['secure-0'], r(3, 10));
  assert.equal(k.recall['secure-1'], r(1, 2));
  assert.ok(!('secure-2' in k.recall));
});

test('weak spots take the lowest recall first, then the questions without one', () => {
  const b = bank({ secure: 4, resilient: 0, performant: 0, cost: 0 });
  const recall = { 'secure-0': 0.9, 'secure-2': 0.4, 'secure-3': 0.7 };
  assert.deepEqual(M.draw(b, { ...BOTH, draw: 'weak' }, 4, M.random(9), { seen: {}, recall }), ['secure-2', 'secure-3', 'secure-0', 'secure-1']);
  assert.deepEqual(M.draw(b, { ...BOTH, draw: 'weak' }, 2, M.random(9), { seen: {}, recall }), ['secure-2', 'secure-3']);
});

test('a focus draws only its task statement\'s or domain\'s questions, of the chosen chapters', () => {
  const b = bank();
  b.tasks.push({ key: '1.1', title: 'Access', domain: 'secure' });
  b.taskOf['1.1'] = b.tasks[0];
  for (const q of b.questions) if (q.domain === 'secure' && q.id.endsWith('1')) q.task = '1.1';
  const task = M.draw(b, { chapters: ['c1'], draw: 'focus', focus: 'task:1.1' }, 100, M.random(5));
  assert.deepEqual(task.sort(), b.questions.filter((q) => q.task === '1.1' && q.chapter === 'c1').map((q) => q.id).sort());
  const domain = M.draw(b, { ...BOTH, draw: 'focus', focus: 'domain:cost' }, 7, M.random(5));
  assert.equal(domain.length, 7);
  assert.ok(domain.every((id) => b.byId[id].domain === 'cost'));
  assert.deepEqual(M.pool(b, ['c1', 'c2'], 'task:9.9'), [], 'a task the bank does not have has no questions');
  assert.equal(M.drawTitle(b, 'focus', 'task:1.1'), 'Task statement 1.1 Access');
  assert.equal(M.drawTitle(b, 'focus', 'domain:cost'), 'Domain: cost');
});

test('a retake never shows a question\'s choices in the order they had', () => {
  for (let seed = 0; seed < 200; seed++) {
    const next = M.random(seed);
    for (const size of [2, 3, 4, 5]) {
      const before = M.shuffled([...Array(size).keys()], M.random(seed + 1000));
      const perm = M.choiceOrder(size, next, before);
      assert.deepEqual([...perm].sort(), [...Array(size).keys()]);
      assert.notDeepEqual(perm, before, `seed ${seed}, ${size} choices`);
    }
  }
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

test('certainties merge by their time, time on screen by the larger count, and an older attempt gets both', () => {
  const b = bank({ secure: 2, resilient: 0, performant: 0, cost: 0 });
  const a = M.begin(b, { mode: 'exam', limit: 'none', chapters: ['c1', 'c2'], draw: 'weak' }, ['secure-0', 'secure-1'], 1, M.random(1), null, 0);
  assert.equal(a.draw, 'weak');
  const mine = structuredClone(a);
  const theirs = structuredClone(a);
  mine.sure[0] = { c: 3, t: 5 };
  theirs.sure[0] = { c: 1, t: 4 };
  theirs.sure[1] = { c: 2, t: 6 };
  mine.spent = [40000, 0];
  theirs.spent = [10000, 20000];
  const merged = M.merge(mine, theirs);
  assert.deepEqual(merged.sure.map((s) => s.c), [3, 2]);
  assert.deepEqual(merged.spent, [40000, 20000]);
  merged.answers[0] = { p: [b.byId['secure-0'].answer[0]], t: 7 };
  assert.deepEqual(M.grade(b, merged, 50).rows.map((r) => [r.c, r.spent, r.right]), [[3, 40000, true], [2, 20000, false]]);
  // Stored before certainties, times and draws were kept: still valid, with none of them.
  const old = structuredClone(a);
  delete old.sure;
  delete old.spent;
  delete old.draw;
  delete old.focus;
  assert.ok(M.validAttempt(old, b, false));
  assert.deepEqual([old.sure, old.spent, old.draw, old.focus], [[null, null], [0, 0], 'random', null]);
  assert.equal(M.validAttempt({ ...structuredClone(a), sure: [{ c: 4, t: 1 }, null] }, b, false), false);
  assert.equal(M.validAttempt({ ...structuredClone(a), spent: [-1, 0] }, b, false), false);
  assert.equal(M.validAttempt({ ...structuredClone(a), draw: 'sideways' }, b, false), false);
});

test('time limits follow the exam\'s pace', () => {
  const exam = { minutes: 130, questions: 65, extra: 30 };
  assert.deepEqual(['standard', 'plus30', 'double', 'none'].map((l) => M.limitMinutes(l, 10, exam)), [20, 25, 40, null]);
});

test('the minutes more the real exam grants are scaled to a shorter one', () => {
  const exam = { minutes: 130, questions: 65, extra: 30 };
  assert.equal(M.limitMinutes('plus30', 65, exam), 160, 'the full exam: 30 minutes more');
  assert.equal(M.limitMinutes('plus30', 2, exam), 5, 'two questions: 4 minutes and 1 more, not 34');
  assert.equal(M.extraMinutes(2, exam), 1);
  assert.equal(M.extraMinutes(30, exam), 14);
  const fifteen = { minutes: 90, questions: 60, extra: 15 };
  assert.equal(M.limitMinutes('plus30', 60, fifteen), 105, 'an exam that grants 15 minutes more');
});

test('an exam that grants no more time gives none', () => {
  const exam = { minutes: 60, questions: 30 };
  assert.equal(M.extraMinutes(30, exam), 0);
  assert.equal(M.limitMinutes('plus30', 30, exam), 60);
});

test('the log keeps how an exam\'s questions were drawn', () => {
  const base = { page: 'e', mode: 'exam', n: 1, right: 1, pct: 100, passed: true, start: 0, t: 1, chapters: [], wrong: [], flagged: [] };
  const e = SG.log.make.exam({ ...base, draw: 'focus', focus: 'task:2.2' });
  assert.ok(SG.log.valid(e));
  assert.deepEqual([e.draw, e.focus], ['focus', 'task:2.2']);
  assert.equal('focus' in SG.log.make.exam({ ...base, draw: 'random', focus: null }), false);
  assert.equal(SG.log.valid({ ...e, draw: 'sideways' }), false);
  assert.ok(SG.log.valid({ k: 'exam', ...base }), 'an entry from before draws were kept');
});

test('the bank reads the minutes more the real exam grants, and nothing that is not a count of minutes', () => {
  const raw = (extraMinutes) => ({ chapters: [], questions: [], exam: { name: 'E', passNote: null, extraMinutes } });
  assert.equal(M.readBank(raw(30)).exam.extraMinutes, 30);
  for (const bad of [undefined, null, 0, -5, '30', NaN]) assert.equal(M.readBank(raw(bad)).exam.extraMinutes, null, String(bad));
});
