// review-model.js: cards from the log, scheduled by ts-fsrs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadTheme } from './theme.mjs';

const SG = loadTheme(['dom.js', 'log.js', 'ts-fsrs.js', 'review-model.js']);
const R = SG.review;
const DAY = 864e5;
const T = new Date(2026, 11, 1, 9).getTime();
const bank = { questions: [{ id: 'q1', hash: 'h1' }, { id: 'q2', hash: 'h2' }], limits: [{ id: 'r1', hash: 'k1' }] };

test('a wrong answer is a card due at once; a grade moves it as ts-fsrs says', () => {
  const log = [{ k: 'q', id: 'q1', h: 'h1', p: [0], ok: false, t: T, w: 'quiz' }];
  const [card] = R.cards(log, bank, T + 1000, {});
  assert.deepEqual([card.card, card.due, card.reviews], ['q:q1', T, 0]);
  const f = window.FSRS.fsrs(window.FSRS.generatorParameters());
  const expected = f.next(window.FSRS.createEmptyCard(new Date(T)), new Date(T + 60000), 3).card.due.getTime();
  const graded = R.cards(log.concat([{ k: 'g', card: 'q:q1', h: 'h1', g: 3, t: T + 60000 }]), bank, T + 60000, {});
  assert.equal(graded[0].due, expected);
  assert.equal(graded[0].reviews, 1);
  assert.equal(R.dueCount(log, T + 1000, {}), 1);
});

test('an exam date caps every due date; an edited question starts afresh; a removed one is not shown', () => {
  const log = [
    { k: 'q', id: 'q2', h: 'old', p: [0], ok: false, t: T - 20 * DAY, w: 'quiz' },
    { k: 'g', card: 'q:q2', h: 'old', g: 4, t: T - 19 * DAY },
    { k: 'q', id: 'gone', h: 'x', p: [0], ok: false, t: T, w: 'quiz' },
    { k: 'l', id: 'r1', h: 'k1', ok: false, t: T, w: 'limit' },
    { k: 'g', card: 'l:r1', h: 'k1', g: 4, t: T + 1 },
  ];
  const cards = R.cards(log, bank, T, { exam: '2026-12-03' });
  assert.deepEqual(cards.map((c) => c.card).sort(), ['l:r1', 'q:q2']);
  const limit = cards.find((c) => c.card === 'l:r1');
  assert.equal(limit.due, new Date(2026, 11, 3).getTime(), 'capped at the exam day');
  const edited = cards.find((c) => c.card === 'q:q2');
  assert.equal(edited.reviews, 0, 'grades of the old version do not count');
});

test('intervals and days in words', () => {
  assert.deepEqual([R.interval(30e3), R.interval(90 * 60e3), R.interval(3 * DAY), R.interval(76 * DAY)],
    ['1 minute', '2 hours', '3 days', '2.5 months']);
  assert.equal(R.when(T + 2 * DAY, T), 'Thursday, December 3 (in 2 days)');
});

test('a card\'s choices: shuffled by a seed made per showing, the same seed the same order', () => {
  for (const n of [1, 2, 4, 5]) {
    const order = R.order(n, R.seedOf('x'));
    assert.deepEqual([...order].sort((a, b) => a - b), [...Array(n).keys()], `a permutation of ${n}`);
    assert.deepEqual(R.order(n, R.seedOf('x')), order, 'the same seed, the same order');
  }
  // Over many seeds every choice comes first about as often.
  const first = [0, 0, 0, 0];
  for (let s = 0; s < 4000; s++) first[R.order(4, R.seedOf(`card ${s}`))[0]] += 1;
  for (const count of first) assert.ok(count > 850 && count < 1150, `first place: ${first}`);
  // A showing lasts until the card is graded: its seed stays while it is due and changes with a grade.
  const log = [{ k: 'q', id: 'q1', h: 'h1', p: [0], ok: false, t: T, w: 'quiz' }];
  const [shown] = R.cards(log, bank, T + 1000, {});
  const answered = log.concat([{ k: 'q', id: 'q1', h: 'h1', p: [1], ok: false, t: T + 2000, w: 'review' }]);
  const [again] = R.cards(answered, bank, T + 3000, {});
  assert.equal(R.showingSeed(again), R.showingSeed(shown), 'answered but not graded: the same showing');
  const graded = answered.concat([{ k: 'g', card: 'q:q1', h: 'h1', g: 1, t: T + 4000 }]);
  const [next] = R.cards(graded, bank, T + 70000, {});
  assert.notEqual(R.showingSeed(next), R.showingSeed(shown), 'graded: a new showing, a new seed');
});
