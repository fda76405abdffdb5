// progress-model.js: the standing folded from a known log and saved state,
// and the checks an imported file goes through.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadTheme } from './theme.mjs';

const SG = loadTheme(['dom.js', 'log.js', 'progress-model.js']);
const P = SG.progressModel;
const T = Date.UTC(2026, 11, 1);

const book = {
  title: 'Book',
  chapters: [
    { id: 'a', title: 'A', quiz: 'a/quiz.html', questions: [{ id: 'q1', hash: 'h1' }, { id: 'q2', hash: 'h2' }],
      limits: [{ table: 't', title: 'T', href: 'a/t.html', rows: [{ id: 'r1', hash: 'k1' }, { id: 'r2', hash: 'k2' }] }] },
    { id: 'b', title: 'B', quiz: 'b/quiz.html', questions: [{ id: 'q3', hash: 'h3' }] },
  ],
  exams: [{ id: 'e', href: 'exam.html' }],
};

test('the fold counts answers, right answers, limits, cards and exams, weakest chapter first', () => {
  const log = [
    { k: 'q', id: 'q1', h: 'h1', p: [0], ok: true, t: T, w: 'quiz' },
    { k: 'q', id: 'q2', h: 'h2', p: [1], ok: false, t: T + 1, w: 'quiz' },
    { k: 'q', id: 'q3', h: 'h3', p: [2], ok: true, t: T + 2, w: 'quiz' },
    { k: 'l', id: 'r2', h: 'k2', ok: false, t: T + 3, w: 'limit' },
    { k: 'exam', page: 'e', mode: 'exam', n: 4, right: 3, pct: 75, passed: true, start: T, t: T + 9,
      chapters: ['a', 'b'], wrong: [], flagged: [] },
    { k: 'bogus', t: T },
  ];
  const state = {
    'sg:quiz:q1': { h: 'h1', p: [0], c: true }, 'sg:quiz:q2': { h: 'h2', p: [1], c: true },
    'sg:quiz:q3': { h: 'h3', p: [2], c: true }, 'sg:limit:r1': { h: 'k1', r: 'right' }, 'sg:limit:r2': { h: 'k2', r: 'wrong' },
  };
  const s = P.fold(book, log, state, { now: T + 10 });
  const [a, b] = s.chapters;
  assert.deepEqual([a.answered, a.correct, a.practised, a.right, a.wrong, a.cards, a.due], [2, 1, 2, 1, 1, 2, 2]);
  assert.deepEqual([b.answered, b.correct], [1, 1]);
  assert.deepEqual(s.weakest.map((c) => c.id), ['a', 'b']);
  assert.equal(s.exams.count, 1);
  assert.equal(s.skipped, 1);
  // A saved answer for an edited question (another hash) is not counted.
  const old = log.map((e) => (e.id === 'q3' ? { ...e, h: 'old' } : e));
  const edited = P.fold(book, old, { ...state, 'sg:quiz:q3': { h: 'old', p: [2], c: true } }, { now: T });
  assert.equal(edited.chapters[1].answered, 0);
});

test('an answer given in the exam or the review counts in its chapter', () => {
  const log = [
    { k: 'q', id: 'q1', h: 'h1', p: [0], ok: true, t: T, w: 'exam' },
    { k: 'q', id: 'q2', h: 'h2', p: [1], ok: false, t: T + 1, w: 'exam' },
    { k: 'q', id: 'q3', h: 'h3', p: [1], ok: false, t: T + 2, w: 'exam' },
    { k: 'q', id: 'q3', h: 'h3', p: [2], ok: true, t: T + 3, w: 'review' },
  ];
  const [a, b] = P.fold(book, log, {}, { now: T + 10 }).chapters;
  assert.deepEqual([a.answered, a.correct, b.answered, b.correct], [2, 1, 1, 1], 'the last answer counts');
  // The quiz's own saved answer, where there is one, is what counts.
  const quiz = P.fold(book, log, { 'sg:quiz:q1': { h: 'h1', p: [3], c: true } }, { now: T + 10 }).chapters[0];
  assert.deepEqual([quiz.answered, quiz.correct], [2, 0]);
});

test('a progress file is refused for what it is, and read for what it holds', () => {
  const nothing = ' Nothing was imported.';
  const base = { schema: 'studyguide-progress', version: 1, book: 'Book', log: [], state: {} };
  assert.equal(P.readFile(book, { schema: 'x' }, 'id').error, 'This file is not a study guide progress file.' + nothing);
  assert.match(P.readFile(book, { ...base, version: 3 }, 'id').error, /newer version .* \(format 3\); this page reads format 2/);
  assert.ok(P.readFile(book, { ...base, version: 2 }, 'id').entries, 'format 2 is this one');
  const sure = { k: 'q', id: 'q1', h: 'h1', p: [0], ok: false, t: 5, w: 'exam', c: 3, d: 42000 };
  assert.deepEqual(P.readFile(book, { ...base, version: 2, log: [sure] }, 'id').entries, [sure], 'certainty and time are kept');
  assert.deepEqual(P.readFile(book, { ...base, log: [{ ...sure, c: undefined, d: undefined }] }, 'id').entries.length, 1,
    'a format 1 file is read as it is');
  assert.match(P.readFile(book, { ...base, book: 'Other' }, 'id').error, /another book/);
  assert.match(P.readFile(book, { ...base, book: 'Other', bookId: 'id' }, 'id').entries ? 'ok' : 'no', /ok/,
    'the book\'s id wins over a changed title');
  const read = P.readFile(book, { ...base, log: [{ k: 'later', card: 'q:q9', h: 'x', t: 1 }, { k: 'x' }],
    state: { 'sg:quiz:q1': { h: 'h1', p: [0], c: true, evil: 1 }, 'sg:nope': {} } }, 'id');
  assert.equal(read.dropped, 2);
  assert.deepEqual(read.state, { 'sg:quiz:q1': { h: 'h1', p: [0], c: true } });
  assert.equal(read.has.key('sg:quiz:q1'), true);
  assert.equal(read.has.entry(read.entries[0]), false, 'q9 is not a question of this book');
});

test('file names come from the title and the day', () => {
  assert.equal(P.fileName('AWS: the Guide!', T), 'aws-the-guide-progress-2026-12-01.json');
  assert.equal(P.fileName('', T), 'study-guide-progress-2026-12-01.json');
});
