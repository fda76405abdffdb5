// Nothing a learner did is lost or mixed with another book's, on the
// learner's-loop fixture (tests/books/loop/): two books built from it with
// different titles opened from disk (one browser store for both), what an
// older version saved taken over by the book that owns it, a reset shown
// at once in every open tab and never undone by one, a full store at page
// load, a blocked store on the quiz, and an import that names questions the
// book does not have.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { booksDir, fixtureBook, newPage, siteAt, storePrefix, useBook } from './harness.mjs';
import { assertNoErrors, expectText, expectVisible } from './assertions.mjs';
import { parseQuiz, quizParts } from './quiz-page.mjs';

const book = useBook('loop', { env: { MDBOOK_BOOK__TITLE: 'Loop book A' }, key: 'A' });
// The same chapters under another title: another book.
let other;
async function bookB() {
  other ??= (async () => {
    const built = await fixtureBook('loop', { env: { MDBOOK_BOOK__TITLE: 'Loop book B' }, key: 'B' });
    assert.equal(built.status, 0, built.log);
    return siteAt(built);
  })();
  return other;
}

const QUIZ = 'compute/quiz.html';
const KEY = parseQuiz(readFileSync(path.join(booksDir, 'loop', 'src', 'compute', 'quiz.md'), 'utf8'));
const quiz = quizParts(KEY);
const progressLine = (page) => quiz.quizOf(page).locator('[data-sg-progress]');
const ready = (page) => page.evaluate(() => window.StudyGuide.whenReady());
const compute = (page) => page.locator('.sg-progress-chapter')
  .filter({ has: page.getByRole('heading', { name: 'Compute', exact: true }) });
const fileStatus = (page) => page.getByRole('region', { name: 'Keep or move your progress' }).getByRole('status');

// One browser profile (one localStorage) for the whole test, as a learner has.
async function profile(t) {
  const page = await newPage(book.browser);
  t.after(() => page.context().close());
  page.setDefaultTimeout(10000);
  return page;
}

// Another tab of the same profile, its errors kept as newPage keeps them.
async function tab(context) {
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (err) => page.errors.push(String(err)));
  page.on('console', (msg) => { if (msg.type() === 'error') page.errors.push(msg.text()); });
  page.setDefaultTimeout(10000);
  return page;
}

async function goto(page, url) {
  await page.goto(url);
  await ready(page);
}

async function resetEverything(page) {
  await page.getByRole('button', { name: 'Reset everything' }).click();
  await page.getByRole('button', { name: 'Clear everything' }).click();
  await expectText(page.locator('.sg-progress-summary'), 'Nothing answered yet: start with a chapter’s quiz below.');
}

test('two books opened from disk keep their own answers, counts, exports and resets', async (t) => {
  const b = await bookB();
  const page = await profile(t);
  // Two answers in book A.
  await goto(page, book.fileUrl(QUIZ));
  await quiz.answer(page, 1);
  await quiz.answer(page, 2);
  await expectText(progressLine(page), /^Answered 2 of 4/);
  // Book B, the same questions: nothing answered, nothing counted, nothing exported.
  await goto(page, b.fileUrl(QUIZ));
  await expectText(progressLine(page), /^Answered 0 of 4/);
  await quiz.answer(page, 3);
  await goto(page, b.fileUrl('progress.html'));
  await expectText(compute(page).locator('.sg-progress-facts li').first(), /^Questions: 1 of 4 answered/);
  const [download] = await Promise.all([page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export progress' }).click()]);
  const exported = JSON.parse(readFileSync(await download.path(), 'utf8'));
  assert.deepEqual(Object.keys(exported.state).filter((k) => k.startsWith('sg:quiz:')), ['sg:quiz:compute-fargate']);
  assert.equal(exported.log.length, 1);
  // "Reset everything" in B leaves A's answers alone.
  await resetEverything(page);
  await goto(page, book.fileUrl(QUIZ));
  await expectText(progressLine(page), /^Answered 2 of 4/);
  await goto(page, book.fileUrl('progress.html'));
  await expectText(compute(page).locator('.sg-progress-facts li').first(), /^Questions: 2 of 4 answered/);
  // B's file is refused by A: another book.
  await page.getByLabel('Import progress from a file').setInputFiles(await download.path());
  await expectText(fileStatus(page), 'This file holds the progress of another book, not of “Loop book A”. Nothing was imported.');
  assertNoErrors(page);
});

test('what an older version saved is taken over by the book that has those questions, and only by it', async (t) => {
  const b = await bookB();
  const page = await profile(t);
  const bank = JSON.parse(readFileSync(path.join(book.site, 'progress.html'), 'utf8')
    .match(/<script type="application\/json" data-sg-book="">([^<]*)<\/script>/)[1]);
  const [q1, q2] = bank.chapters.find((c) => c.title === 'Compute').questions;
  const t0 = Date.UTC(2026, 10, 20);
  const legacy = {
    [`sg:quiz:${q1.id}`]: { h: q1.hash, p: [2], c: true, r: false },
    [`sg:quiz:${q2.id}`]: { h: q2.hash, p: [0], c: true, r: false },
    'sg:quiz:another-books-question': { h: 'abc', p: [1], c: true },
    'sg:log': { v: 1, entries: [
      { k: 'q', id: q1.id, h: q1.hash, p: [2], ok: true, t: t0, w: 'quiz' },
      { k: 'q', id: q2.id, h: q2.hash, p: [0], ok: false, t: t0 + 1, w: 'quiz' },
      { k: 'q', id: 'another-books-question', h: 'abc', p: [1], ok: true, t: t0 + 2, w: 'quiz' },
    ] },
  };
  // Saved as the version before books had their own keys saved it.
  await goto(page, book.fileUrl('index.html'));
  await page.evaluate((all) => {
    localStorage.clear();
    for (const [k, v] of Object.entries(all)) localStorage.setItem(k, JSON.stringify(v));
  }, legacy);
  await goto(page, book.fileUrl(QUIZ));
  await expectText(progressLine(page), /^Answered 2 of 4 · 1 correct/);
  const log = await page.evaluate(() => window.StudyGuide.log.entries().map((e) => e.id));
  assert.deepEqual(log, [q1.id, q2.id], 'the log has this book\'s entries, in their order');
  // What belongs to no question of this book stays where it was.
  const left = await page.evaluate(() => ({
    quiz: localStorage.getItem('sg:quiz:another-books-question'),
    log: JSON.parse(localStorage.getItem('sg:log')).entries.map((e) => e.id),
    mine: localStorage.getItem('sg:quiz:compute-timeout'),
  }));
  assert.deepEqual(left, { quiz: '{"h":"abc","p":[1],"c":true}', log: ['another-books-question'], mine: null });
  // Taken over once: book B (the same questions) finds nothing of A's.
  await goto(page, b.fileUrl(QUIZ));
  await expectText(progressLine(page), /^Answered 0 of 4/);
  // A reset of A does not bring the old keys back.
  await goto(page, book.fileUrl('progress.html'));
  await resetEverything(page);
  await goto(page, book.fileUrl(QUIZ));
  await expectText(progressLine(page), /^Answered 0 of 4/);
  assertNoErrors(page);
});

test('"Reset everything" shows at once in every open tab, and no open tab brings anything back', async (t) => {
  const page = await profile(t);
  const context = page.context();
  // A quiz answered, a limit practised, an exam under way, a review card: each in a tab of its own.
  const quizTab = page;
  await goto(quizTab, book.url(QUIZ));
  await quiz.answer(quizTab, 1, ['A']);
  await quiz.answer(quizTab, 2);
  const limitTab = await tab(context);
  await goto(limitTab, book.url('compute/lambda.html'));
  await limitTab.getByRole('button', { name: 'Practice: Function limits' }).click();
  const timeout = limitTab.getByRole('row', { name: /^Timeout/ });
  await timeout.getByRole('textbox').fill('5 min');
  await timeout.getByRole('textbox').press('Enter');
  await expectText(timeout.getByRole('status'), /^✗ Incorrect/);
  const examTab = await tab(context);
  await goto(examTab, book.url('exam.html'));
  const exam = examTab.locator('[data-sg-exam]');
  await exam.getByRole('spinbutton', { name: 'Number of questions' }).fill('3');
  await exam.getByRole('button', { name: 'Start', exact: true }).click();
  await exam.locator('.sg-exam-question input').first().check();
  await expectText(exam.locator('.sg-exam-heading:visible'), 'Question 1 of 3');
  const reviewTab = await tab(context);
  await goto(reviewTab, book.url('review.html'));
  await expectText(reviewTab.locator('.sg-review-summary'), /^2 cards due now/);

  const progressTab = await tab(context);
  await goto(progressTab, book.url('progress.html'));
  await resetEverything(progressTab);

  // Each tab as the learner comes back to it (a tab in the background runs
  // its timers late on a busy machine, and shows the change when it is seen).
  await quizTab.bringToFront();
  await expectText(progressLine(quizTab), /^Answered 0 of 4/);
  assert.equal(await quiz.checkButton(quizTab, 1).isVisible(), true);
  // Practice itself was reset: the table shows its values again, with no result.
  await limitTab.bringToFront();
  const practice = limitTab.getByRole('button', { name: 'Practice: Function limits' });
  await limitTab.waitForFunction((el) => el.getAttribute('aria-pressed') === 'false', await practice.elementHandle());
  await expectVisible(timeout.getByText(/^15 minutes/));
  assert.equal(await timeout.getByRole('textbox').count(), 0);
  await examTab.bringToFront();
  await expectText(exam.locator('.sg-exam-heading:visible'), 'Start a practice exam', 10000);
  await reviewTab.bringToFront();
  await expectText(reviewTab.locator('.sg-review-summary'), 'No cards due today.', 10000);

  // Each stale tab does something; nothing of what was reset comes back.
  await quizTab.bringToFront();
  await quiz.answer(quizTab, 3);
  await expectText(progressLine(quizTab), /^Answered 1 of 4/);
  await examTab.reload();
  await ready(examTab);
  await expectText(exam.locator('.sg-exam-heading:visible'), 'Start a practice exam');
  await progressTab.reload();
  await ready(progressTab);
  await expectText(compute(progressTab).locator('.sg-progress-facts li').first(), /^Questions: 1 of 4 answered/);
  await expectText(progressTab.locator('.sg-progress-exams'), /No practice exam finished yet/);
  assert.deepEqual(await progressTab.evaluate(() => window.StudyGuide.log.entries().map((e) => e.k)), ['q']);
  for (const tab of [quizTab, limitTab, examTab, reviewTab, progressTab]) assertNoErrors(tab);
});

test('a store full at page load still shows what is saved, exports it, and says it is full', async (t) => {
  const page = await profile(t);
  await goto(page, book.url(QUIZ));
  await quiz.answer(page, 1);
  await quiz.answer(page, 2, ['A']);
  // Fill the store to within a few bytes.
  await page.evaluate(() => {
    let size = 1 << 20;
    for (let i = 0; size >= 1; i++) {
      try { localStorage.setItem(`filler-${i}`, 'x'.repeat(size)); } catch { size = Math.floor(size / 2); }
    }
  });
  await page.reload();
  await ready(page);
  await expectText(progressLine(page), /^Answered 2 of 4 · 1 correct/);
  await expectVisible(page.getByText(/storage for the guide is full/));
  await goto(page, book.url('progress.html'));
  await expectText(compute(page).locator('.sg-progress-facts li').first(), /^Questions: 2 of 4 answered/);
  const [download] = await Promise.all([page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export progress' }).click()]);
  await expectText(fileStatus(page), /^Exported 2 saved answers and 2 log entries to /);
  const file = JSON.parse(readFileSync(await download.path(), 'utf8'));
  assert.equal(Object.keys(file.state).filter((k) => k.startsWith('sg:quiz:')).length, 2);
  assertNoErrors(page);
});

test('blocked storage: the quiz, the limit table and the exam say nothing is kept', async (t) => {
  const page = await newPage(book.browser);
  t.after(() => page.context().close());
  await page.addInitScript(() => {
    Storage.prototype.getItem = function () { throw new Error('storage blocked'); };
    Storage.prototype.setItem = function () { throw new Error('storage blocked'); };
  });
  for (const where of [QUIZ, 'compute/lambda.html', 'exam.html']) {
    await goto(page, book.url(where));
    await expectVisible(page.getByRole('status').filter({ hasText: /does not let the guide save anything/ }));
  }
  await goto(page, book.url(QUIZ));
  await quiz.answer(page, 1);
  await expectText(progressLine(page), /^Answered 1 of 4/);
  // mdBook's own scripts read localStorage without a try/catch; those errors are mdBook's.
  assert.deepEqual(page.errors.filter((e) => !/storage blocked/.test(e)), []);
});

test('an import of answers to questions the book does not have keeps them apart and never counts them', async (t) => {
  const page = await profile(t);
  await goto(page, book.url('progress.html'));
  const title = await page.evaluate(() => window.StudyGuide.store.book.title);
  const log = [];
  const state = {};
  for (let i = 0; i < 2000; i++) {
    log.push({ k: 'q', id: `other-${i}`, h: 'abcdef012345', p: [0], ok: true, t: 1e12 + i, w: 'quiz' });
    state[`sg:quiz:other-${i}`] = { h: 'abcdef012345', p: [0], c: true, r: false };
  }
  const file = JSON.stringify({ schema: 'studyguide-progress', version: 1, book: title, exported: '2026-12-01T10:00:00.000Z', log, state });
  await page.getByLabel('Import progress from a file').setInputFiles({ name: 'p.json', mimeType: 'application/json', buffer: Buffer.from(file) });
  await expectText(fileStatus(page), 'Nothing was imported for this book’s questions, limits or exams. Kept 4,000 answers ' +
    'and log entries for questions, limits or exams this book does not have; they do not count in your progress.');
  await expectText(page.locator('.sg-progress-summary'), 'Nothing answered yet: start with a chapter’s quiz below.');
  assertNoErrors(page);
});

test('each book keeps its state under its own prefix', async () => {
  const b = await bookB();
  assert.notEqual(storePrefix(book.site), storePrefix(b.site));
  assert.match(storePrefix(book.site), /^sg@t[0-9a-f]{8}:$/);
});
