// readiness-model.js: memory from the log, readiness by the blueprint,
// each figure checked against ts-fsrs's own scheduler.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadTheme } from './theme.mjs';

const SG = loadTheme(['dom.js', 'log.js', 'ts-fsrs.js', 'readiness-model.js', 'review-model.js']);
const R = SG.readiness;
const F = window.FSRS;
const f = F.fsrs(F.generatorParameters());
const DAY = 864e5;
const T = new Date(2026, 11, 1, 9).getTime();

const blueprint = {
  pass: 70,
  domains: [
    { key: 'a', title: 'A', weight: 60, tasks: [{ key: '1.1', title: 'One' }, { key: '1.2', title: 'Two' }] },
    { key: 'b', title: 'B', weight: 40, tasks: [{ key: '2.1', title: 'Three' }] },
  ],
};
const questions = [
  { id: 'q1', hash: 'h1', domain: 'a', task: '1.1' },
  { id: 'q2', hash: 'h2', domain: 'a', task: '1.1' },
  { id: 'q3', hash: 'h3', domain: 'a', task: '1.2' },
  { id: 'q4', hash: 'h4', domain: 'b', task: '2.1' },
  { id: 'q5', hash: 'h5', domain: 'b' },
];
const q = (id, ok, t, more) => Object.assign({ k: 'q', id, h: 'h' + id.slice(1), p: [0], ok, t, w: 'quiz' }, more || {});

/** What ts-fsrs's scheduler says a card answered with `grades` at `times` recalls at `at`. */
function scheduler(grades, times, at) {
  let card = F.createEmptyCard(new Date(times[0]));
  grades.forEach((g, i) => { card = f.next(card, new Date(times[i]), g).card; });
  return f.get_retrievability(card, new Date(at), false);
}

test('each answered question recalls what ts-fsrs says; unseen ones are apart', () => {
  const log = [
    q('q1', true, T),
    q('q1', true, T + 3 * DAY),
    q('q2', false, T + DAY),
    q('q4', true, T + 2 * DAY, { c: 1 }),
    q('q3', true, T, { h: 'old' }), // another version: not counted
  ];
  const now = T + 10 * DAY;
  const r = R.readiness(blueprint, questions, log, now);
  const r1 = scheduler([3, 3], [T, T + 3 * DAY], now);
  const r2 = scheduler([1], [T + DAY], now);
  const r4 = scheduler([2], [T + 2 * DAY], now);
  const close = (a, b, what) => assert.ok(Math.abs(a - b) < 1e-12, what + ': ' + a + ' ≠ ' + b);
  close(r.recallOf.q1, r1, 'q1');
  close(r.recallOf.q2, r2, 'q2');
  close(r.recallOf.q4, r4, 'q4 (right but unsure: Hard)');
  assert.equal(r.answered, 3);
  const [a, b] = r.domains;
  assert.deepEqual([a.n, a.seen, b.n, b.seen], [3, 2, 2, 1]);
  close(a.recall, (r1 + r2) / 2, 'domain a recall');
  close(a.known, (r1 + r2) / 3, 'domain a known');
  close(a.unseen, 1 / 3, 'domain a unseen');
  const [t11, t12] = a.tasks;
  close(t11.recall, (r1 + r2) / 2, 'task 1.1');
  assert.equal(t12.recall, null, 'nothing answered: unknown, not zero');
  assert.equal(t12.unseen, 1);
  close(r.overall.today, 0.6 * (r1 + r2) / 3 + 0.4 * r4 / 2, 'weighted');
  close(r.overall.unseen, 0.6 / 3 + 0.4 / 2, 'weighted unseen');
  assert.equal(r.overall.atExam, null);
  assert.equal(r.pass, 0.7);
});

test('recall decays toward the exam day', () => {
  const log = [q('q1', true, T), q('q4', true, T)];
  const now = T + DAY;
  const exam = T + 30 * DAY;
  const r = R.readiness(blueprint, questions, log, now, exam);
  assert.ok(r.overall.atExam < r.overall.today, 'less is recalled later');
  const at = scheduler([3], [T], exam);
  assert.ok(Math.abs(r.domains[1].knownAt - at / 2) < 1e-12);
  assert.equal(R.readiness(blueprint, questions, log, now, now - DAY).overall.atExam, null, 'a past exam day forecasts nothing');
});

test('a review grade rates the memory; the review answer before it is not rated twice', () => {
  const log = [
    q('q1', false, T),
    q('q1', true, T + DAY, { w: 'review' }),
    { k: 'g', card: 'q:q1', h: 'h1', g: 4, t: T + DAY },
  ];
  const now = T + 5 * DAY;
  const r = R.readiness(blueprint, questions, log, now);
  assert.ok(Math.abs(r.recallOf.q1 - scheduler([1, 4], [T, T + DAY], now)) < 1e-12);
});

test('study next: the task statements that most raise the estimate', () => {
  const log = [q('q1', true, T), q('q2', true, T), q('q4', true, T)];
  const r = R.readiness(blueprint, questions, log, T + DAY);
  const next = R.studyNext(r, 3).map((x) => x.task.key);
  // 1.2 is unseen (weight 60 over 3 questions); 2.1 is answered; 1.1 is answered twice.
  assert.equal(next[0], '1.2');
  assert.deepEqual(next.slice().sort(), ['1.1', '1.2', '2.1']);
});

test('calibration counts right answers at each certainty; misconceptions are sure and wrong', () => {
  const log = [
    q('q1', true, T, { c: 3 }),
    q('q2', false, T, { c: 3 }),
    q('q3', false, T, { c: 3 }),
    q('q3', true, T + DAY, { c: 2 }), // put right since
    q('q4', false, T, { c: 1 }),
    q('q5', false, T, { c: 3, rv: true }),
  ];
  assert.deepEqual(R.calibration(log), [{ c: 1, n: 1, right: 0 }, { c: 2, n: 1, right: 1 }, { c: 3, n: 3, right: 1 }]);
  assert.deepEqual(R.misconceptions(log, questions).map((m) => m.id), ['q2']);
});

test('a confident wrong answer is graded Again: its review card is due and its memory lapsed', () => {
  const log = [q('q1', false, T, { c: 3 })];
  const bank = { questions: [{ id: 'q1', hash: 'h1' }], limits: [] };
  const [card] = SG.review.cards(log, bank, T + 60000, {});
  assert.equal(card.reviews, 1, 'one grade, derived from the answer');
  const expected = f.next(F.createEmptyCard(new Date(T)), new Date(T), 1).card.due.getTime();
  assert.equal(card.due, expected);
  assert.ok(card.due <= T + 10 * 60000, 'due within minutes');
});

// Its time is measured in the benchmark (tests/bench/loop.mjs, in Chromium), not here.
test('readiness for 12,500 questions and a 20,000-entry log counts every question once', () => {
  const many = [];
  const bp = { pass: 72, domains: [1, 2, 3, 4].map((d) => ({ key: 'd' + d, title: 'D' + d, weight: 25,
    tasks: [1, 2, 3].map((t) => ({ key: d + '.' + t, title: 'T' })) })) };
  for (let i = 0; i < 12500; i++) many.push({ id: 'q' + i, hash: 'h', domain: 'd' + (1 + i % 4), task: (1 + i % 4) + '.' + (1 + i % 3) });
  const log = [];
  for (let i = 0; i < 20000; i++) log.push({ k: 'q', id: 'q' + (i * 7 % 12500), h: 'h', p: [0], ok: i % 3 > 0, t: T + i * 6e4, w: 'quiz' });
  const r = R.readiness(bp, many, log, T + 30 * DAY, T + 60 * DAY);
  assert.equal(r.domains.reduce((s, d) => s + d.n, 0), 12500);
  assert.ok(r.overall.today > 0 && r.overall.today < 1);
});
