// worksheet.js: which questions a worksheet prints, and its printed order.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadTheme } from './theme.mjs';

const SG = loadTheme(['dom.js', 'log.js', 'ts-fsrs.js', 'review-model.js', 'sure.js', 'worksheet.js']);
const W = SG.worksheet;
const T = new Date(2026, 11, 1, 9).getTime();

const question = (id, task, answer = [1]) => ({
  id, hash: `h-${id}`, task, prompt: `Prompt ${id}`, choose: answer.length > 1 ? 'TWO' : null,
  choices: ['w', 'x', 'y', 'z'].map((c) => ({ html: `${id}-${c}`, why: `why ${c}` })), answer, explanation: 'E', see: null,
});
const bank = { tasks: [{ key: '1.1', title: 'One', domain: 'd' }], questions: [
  question('a', '1.1'), question('b', '1.1'), question('c', '2.1'), question('d', null, [0, 2]), { id: 'broken' },
] };
const answer = (id, ok, t, h = `h-${id}`, w = 'quiz') => ({ k: 'q', id, h, p: [0], ok, t, w });

test('"wrong" is the questions whose last answer to their current version was wrong', () => {
  const log = [
    answer('a', false, T), answer('a', true, T + 1), // put right since
    answer('b', true, T), answer('b', false, T + 1, undefined, 'review'), // wrong in the review last
    answer('c', false, T, 'old-version'), // wrong, but of another version
    answer('d', false, T, undefined, 'exam'),
  ];
  assert.deepEqual(W.choose(bank, log, { kind: 'wrong' }).map((q) => q.id), ['b', 'd']);
  assert.deepEqual(W.choose(bank, [], { kind: 'wrong' }), []);
});

test('"flagged" is every question flagged in a finished exam; "task" a task statement\'s', () => {
  const exam = (flagged, t) => ({ k: 'exam', page: 'exam', mode: 'exam', n: 3, right: 1, pct: 33, passed: false, start: t - 1,
    t, chapters: [], wrong: [], flagged });
  const log = [exam(['c'], T), exam(['a', 'gone'], T + 1)];
  assert.deepEqual(W.choose(bank, log, { kind: 'flagged' }).map((q) => q.id), ['a', 'c'], 'in the book\'s order');
  assert.deepEqual(W.choose(bank, log, { kind: 'task', task: '1.1' }).map((q) => q.id), ['a', 'b']);
  assert.deepEqual(W.choose(bank, log, { kind: 'task', task: '9.9' }), []);
});

test('the sheet numbers its questions and letters the answers in the printed order, one seed per sheet', () => {
  const questions = W.choose(bank, [], { kind: 'task', task: '1.1' }).concat([bank.questions[3]]);
  const items = W.sheet(questions, 42);
  assert.deepEqual(items.map((i) => i.n), [1, 2, 3]);
  for (const { q, order, letters } of items) {
    assert.deepEqual([...order].sort(), [0, 1, 2, 3]);
    assert.deepEqual(letters, q.answer.map((c) => 'ABCD'[order.indexOf(c)]).sort());
  }
  assert.deepEqual(W.sheet(questions, 42), items, 'the same seed, the same sheet');
  const orders = new Set();
  for (let seed = 0; seed < 20; seed++) orders.add(W.sheet(questions, seed).map((i) => i.order.join('')).join(' '));
  assert.ok(orders.size > 15, 'other seeds, other orders');
});

test('a certainty\'s mark in words', () => {
  assert.equal(SG.sure.markWords(false, 3), 'Certainty-based mark: \u22126 (high certainty).');
  assert.equal(SG.sure.markWords(true, 1), 'Certainty-based mark: 1 (low certainty).');
  assert.equal(SG.sure.markWords(true, null), '');
});
