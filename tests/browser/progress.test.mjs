// The progress page in a real browser, on the learner's-loop fixture book
// (tests/books/loop/, its page progress.md): the standing after answers
// given on the chapters' quizzes, resets, export and import (good, bad,
// hostile and huge files), blocked storage, two tabs, file://, keyboard,
// print, axe, and the fold's speed on a long log.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { booksDir, useBook } from './harness.mjs';
import { assertNoErrors, assertNoViolations, axeViolations, expectText, expectVisible } from './assertions.mjs';
import { parseQuiz, quizParts } from './quiz-page.mjs';
import { VECTORS } from './xss-corpus.mjs';

const PROGRESS = 'progress.html';
const book = useBook('loop');
const open = (t, where = PROGRESS, options) => book.open(t, where, options);

// The book's data as the build wrote it into the page.
const bookData = (page) => page.evaluate(() => JSON.parse(document.querySelector('[data-sg-book]').textContent));

// A chapter's answer key, read from its quiz's TOML (not from the page).
const keyOf = (chapter) => parseQuiz(readFileSync(path.join(booksDir, 'loop', 'src',
  chapter.quiz.replace(/\.html$/, '.md')), 'utf8'));

const block = (page) => page.locator('[data-sg-progress-page]');
const summary = (page) => block(page).locator('.sg-progress-summary');
const chapterItem = (page, title) => block(page).locator('.sg-progress-chapter')
  .filter({ has: page.getByRole('heading', { name: title, exact: true }) });
const region = (page, name) => block(page).getByRole('region', { name });
const fileStatus = (page) => region(page, 'Keep or move your progress').getByRole('status');
const importer = (page) => block(page).getByLabel('Import progress from a file');
const chapterTitles = (page) => block(page).locator('.sg-progress-chapter h3').allInnerTexts();

// Every key of the book's saved state (as "sg:…", its book's prefix taken
// off) and the log's entries.
const saved = (page) => page.evaluate(() => {
  const out = { state: {}, log: window.StudyGuide.log.entries() };
  const prefix = `sg@${window.StudyGuide.store.book.id}:`;
  for (const key of Object.keys(localStorage).sort()) {
    const name = key.startsWith(prefix) ? `sg:${key.slice(prefix.length)}` : null;
    if (name && !name.startsWith('sg:log:') && !name.startsWith('sg:#')) out.state[name] = JSON.parse(localStorage.getItem(key));
  }
  return out;
});

// Writes saved state and log entries, then reloads the page.
async function seed(page, { state = {}, log = [] }) {
  await page.evaluate(([state, log]) => {
    for (const [key, value] of Object.entries(state)) window.StudyGuide.store.set(key, value);
    if (log.length) window.StudyGuide.log.add(log);
  }, [state, log]);
  await page.reload();
}

// Progress made of real ids and hashes: two answers and a limit in the
// first chapter (one right, one wrong; a right limit and a wrong one), one
// right answer in the second, and a finished exam.
function progressOf(data, t0 = Date.UTC(2026, 11, 1, 9)) {
  const [c1, c2] = data.chapters;
  const [q1, q2] = c1.questions;
  const [r1, r2] = c1.limits[0].rows;
  const s1 = c2.questions[0];
  return {
    state: {
      [`sg:quiz:${q1.id}`]: { h: q1.hash, p: [0], c: true, r: false },
      [`sg:quiz:${q2.id}`]: { h: q2.hash, p: [1], c: true, r: false },
      [`sg:quiz:${s1.id}`]: { h: s1.hash, p: [2], c: true, r: false },
      [`sg:limit:${r1.id}`]: { h: r1.hash, r: 'right', a: '15 min' },
      [`sg:limit:${r2.id}`]: { h: r2.hash, r: 'wrong', a: '1 GB' },
      [`sg:limits:${c1.limits[0].table}`]: { practice: true, mode: 'type' },
    },
    log: [
      { k: 'q', id: q1.id, h: q1.hash, p: [0], ok: true, t: t0, w: 'quiz' },
      { k: 'q', id: q2.id, h: q2.hash, p: [1], ok: false, t: t0 + 1000, w: 'quiz' },
      { k: 'q', id: s1.id, h: s1.hash, p: [2], ok: true, t: t0 + 2000, w: 'quiz' },
      { k: 'l', id: r1.id, h: r1.hash, ok: true, t: t0 + 3000, w: 'limit' },
      { k: 'l', id: r2.id, h: r2.hash, ok: false, t: t0 + 4000, w: 'limit' },
      { k: 'exam', page: data.exams[0].id, mode: 'exam', n: 12, right: 9, pct: 75, passed: true, start: t0 + 5000,
        t: t0 + 6000, chapters: data.chapters.map((c) => c.id), wrong: [q2.id], flagged: [] },
    ],
  };
}

// The book's data, read once from the built page.
let dataOnce;
const fixtureData = () => (dataOnce ??= readFileSync(path.join(book.site, PROGRESS), 'utf8')
  .match(/<script type="application\/json" data-sg-book="">([^<]*)<\/script>/)[1]);

// Opens the progress page with `progressOf` saved before its scripts run
// (once: a reload keeps what the page changed).
async function withProgress(t, { where = PROGRESS, ...options } = {}) {
  const data = JSON.parse(fixtureData());
  const progress = progressOf(data);
  const page = await open(t, where, {
    ...options,
    initArg: progress,
    init: ({ state, log }) => {
      if (sessionStorage.getItem('sg-test-seeded')) return;
      sessionStorage.setItem('sg-test-seeded', '1');
      for (const [key, value] of Object.entries(state)) localStorage.setItem(key, JSON.stringify(value));
      localStorage.setItem('sg:log', JSON.stringify({ v: 1, entries: log }));
    },
  });
  return { page, data, progress };
}

// Picks a file for the import control and waits for its message.
async function importFile(page, content, name = 'progress.json') {
  const status = fileStatus(page);
  await importer(page).setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(content) });
  await status.filter({ hasText: /\S/ }).waitFor();
  return (await status.innerText()).trim();
}

// A file in format 1, as the guide wrote them before answers carried how
// sure the learner was: the tests that import it show older files still read.
const exportOf = (data, log, state, extra = {}) => JSON.stringify({
  schema: 'studyguide-progress', version: 1, book: data.title, exported: '2026-12-01T10:00:00.000Z', log, state, ...extra,
});

test('answers given on the chapter quizzes show on the progress page with their counts', async (t) => {
  const page = await open(t);
  const data = await bookData(page);
  await expectText(summary(page), 'Nothing answered yet: start with a chapter’s quiz below.');
  const [c1, c2, c3] = data.chapters;
  const key1 = keyOf(c1);
  const key2 = keyOf(c2);
  const wrong = (q) => ['A', 'B', 'C', 'D'].find((l) => !q.letters.includes(l));
  // Chapter 1: the first right, the second wrong; chapter 2: the first right.
  await page.goto(book.url(c1.quiz));
  const q1 = quizParts(key1);
  await q1.answer(page, 1);
  await expectText(q1.result(page, 1), 'Correct.');
  await q1.answer(page, 2, [wrong(key1[1])]);
  await expectText(q1.result(page, 2), /^Incorrect/);
  await page.goto(book.url(c2.quiz));
  const q2 = quizParts(key2);
  await q2.answer(page, 1);
  await expectText(q2.result(page, 1), 'Correct.');
  await page.goto(book.url(PROGRESS));

  const total = data.chapters.reduce((n, c) => n + c.questions.length, 0);
  await expectText(summary(page), new RegExp(`^3 of ${total} questions answered, 2 correct \\(${Math.round(200 / total)}%\\)`));
  const item1 = chapterItem(page, c1.title);
  const n1 = c1.questions.length;
  await expectText(item1.getByRole('listitem').first(), `Questions: 2 of ${n1} answered, 1 correct (${Math.round(100 / n1)}%)`);
  await expectText(item1.getByRole('listitem').filter({ hasText: 'Review:' }), 'Review: 1 card, 1 due');
  await expectText(chapterItem(page, c2.title).getByRole('listitem').first(),
    `Questions: 1 of ${c2.questions.length} answered, 1 correct (${Math.round(100 / c2.questions.length)}%)`);
  await expectText(chapterItem(page, c3.title).getByRole('listitem').first(),
    `Questions: 0 of ${c3.questions.length} answered, 0 correct (0%)`);
  // Each links to its quiz; the untouched chapter comes last.
  const link = chapterItem(page, c1.title).getByRole('link', { name: `Back to the quiz: ${c1.title}` });
  assert.equal(await link.getAttribute('href'), c1.quiz);
  assert.equal((await chapterTitles(page)).at(-1), c3.title);
  assertNoErrors(page);
});

test('limit results, exams and review cards are counted; the weakest chapter comes first', async (t) => {
  const { page, data } = await withProgress(t);
  const [c1, c2, c3] = data.chapters;
  const table = c1.limits[0];
  const item = chapterItem(page, c1.title);
  await expectText(item.getByRole('listitem').filter({ hasText: table.title }),
    `${table.title}: 2 of ${table.rows.length} practised, 1 right, 1 wrong`);
  assert.equal(await item.getByRole('link', { name: table.title }).getAttribute('href'), table.href);
  // The question answered wrong and the limit answered wrong are cards, due
  // (never graded).
  await expectText(item.getByRole('listitem').filter({ hasText: 'Review:' }), 'Review: 2 cards, 2 due');
  const share = (right, items) => right / items;
  const weak1 = share(2, c1.questions.length + table.rows.length);
  const weak2 = share(1, c2.questions.length);
  assert.deepEqual(await chapterTitles(page), weak1 <= weak2 ? [c1.title, c2.title, c3.title] : [c2.title, c1.title, c3.title]);
  await expectText(region(page, 'Practice exams').getByRole('listitem').first(), /^Result: 75% \(9 of 12, passed\) on Dec 1, 2026$/);
  await expectText(summary(page), /· 2 review cards, 2 due · best exam 75%\.$/);
  const review = block(page).getByRole('link', { name: 'Review the 2 cards due' });
  assert.equal(await review.getAttribute('href'), data.review);
  // A grade of Good takes a card off the due list; Again brings it back a
  // minute later (the review page's scheduler, FSRS's first learning step).
  const [, q2] = c1.questions;
  const [, r2] = table.rows;
  // An answer saved for an older version of a question does not count.
  const stale = c3.questions[0];
  await seed(page, {
    state: { [`sg:quiz:${stale.id}`]: { h: 'an-older-hash', p: [0], c: true, r: false } },
    log: [
      { k: 'g', card: `q:${q2.id}`, h: q2.hash, g: 3, t: Date.now() },
      { k: 'g', card: `l:${r2.id}`, h: r2.hash, g: 1, t: Date.now() - 5 * 60 * 1000 },
      { k: 'q', id: stale.id, h: 'an-older-hash', p: [0], ok: true, t: Date.now(), w: 'quiz' },
    ],
  });
  await expectText(item.getByRole('listitem').filter({ hasText: 'Review:' }), 'Review: 2 cards, 1 due');
  await expectText(chapterItem(page, c3.title).getByRole('listitem').first(), /^Questions: 0 of \d+ answered/);
  assertNoErrors(page);
});

test('export, reset everything, import: everything is restored', async (t) => {
  const { page, data } = await withProgress(t);
  // Keys of content the book no longer has are kept and travel too.
  await page.evaluate(() => window.StudyGuide.store.set('sg:quiz:gone-question', { h: 'old', p: [1], c: true }));
  const before = await saved(page);
  await page.clock.setFixedTime(new Date('2026-12-01T10:00:00Z'));
  const [download] = await Promise.all([page.waitForEvent('download'),
    block(page).getByRole('button', { name: 'Export progress' }).click()]);
  assert.equal(download.suggestedFilename(), 'loop-fixture-progress-2026-12-01.json');
  const file = JSON.parse(readFileSync(await download.path(), 'utf8'));
  assert.equal(file.schema, 'studyguide-progress');
  assert.equal(file.version, 2);
  assert.equal(file.book, data.title);
  assert.equal(file.exported, '2026-12-01T10:00:00.000Z');
  assert.deepEqual(file.log, before.log);
  assert.deepEqual(file.state, before.state);
  await expectText(fileStatus(page), /^Exported 4 saved answers and 6 log entries to loop-fixture-progress-2026-12-01\.json\.$/);

  await block(page).getByRole('button', { name: 'Reset everything' }).click();
  await expectVisible(block(page).getByText('Clear 3 answers, 2 limit results, 2 review cards and 1 exam result of the whole book?'));
  await block(page).getByRole('button', { name: 'Clear everything' }).click();
  await expectText(summary(page), 'Nothing answered yet: start with a chapter’s quiz below.');
  const cleared = await saved(page);
  assert.deepEqual(cleared, { state: {}, log: [] });

  const message = await importFile(page, readFileSync(await download.path(), 'utf8'));
  // The answer to a question the book no longer has travels, but is not counted as the book's.
  assert.equal(message, 'Imported 3 answers, 2 limit results, 1 saved setting and 6 log entries. Kept 1 answer or ' +
    'log entry for questions, limits or exams this book does not have; they do not count in your progress.');
  assert.deepEqual(await saved(page), before);
  await expectText(summary(page), /^3 of \d+ questions answered, 2 correct/);
  assertNoErrors(page);
});

test('a corrupt, a foreign and a future file each say why and change nothing', async (t) => {
  const { page, data, progress } = await withProgress(t);
  const before = await saved(page);
  const good = JSON.parse(exportOf(data, progress.log, progress.state));
  const cases = [
    ['not JSON', '{"schema": "studyguide-progress", "version": 1, ', /it is not JSON\. Nothing was imported\.$/],
    ['another shape', '[1, 2, 3]', /^This file is not a study guide progress file\. Nothing was imported\.$/],
    ['another schema', JSON.stringify({ ...good, schema: 'something-else' }), /^This file is not a study guide progress file\./],
    ['no log', JSON.stringify({ ...good, log: 'none' }), /is damaged: it has no log or no saved state\. Nothing was imported\.$/],
    ['another book', JSON.stringify({ ...good, book: 'Another book' }),
      new RegExp(`^This file holds the progress of another book, not of “${data.title}”\\. Nothing was imported\\.$`)],
    ['a future version', JSON.stringify({ ...good, version: 3 }),
      /^This progress file was written by a newer version of the study guide \(format 3\); this page reads format 2\. Nothing was imported\.$/],
    ['an unknown version', JSON.stringify({ ...good, version: '1' }), /has a format version this page does not know\. Nothing was imported\.$/],
  ];
  for (const [label, content, expected] of cases) {
    const message = await importFile(page, content, `${label}.json`);
    assert.match(message, expected, label);
    assert.deepEqual(await saved(page), before, `${label}: nothing changed`);
  }
  assertNoErrors(page);
});

test('an import merges: what was saved stays, the new is added, duplicates count once', async (t) => {
  const { page, data, progress } = await withProgress(t);
  const before = await saved(page);
  const [c1, , c3] = data.chapters;
  const [q1] = c1.questions;
  const n1 = c3.questions[0];
  const t0 = Date.UTC(2026, 11, 1, 12);
  const file = exportOf(data, [
    ...progress.log, // all already here
    { k: 'q', id: q1.id, h: q1.hash, p: [3], ok: false, t: t0, w: 'quiz' },
    { k: 'q', id: n1.id, h: n1.hash, p: [1], ok: true, t: t0 + 1, w: 'quiz' },
    { k: 'q', id: n1.id, h: n1.hash, p: [1], ok: true, t: t0 + 1, w: 'quiz' }, // a duplicate
    { k: 'q', id: n1.id, h: 12, p: [1], ok: true, t: t0 + 2, w: 'quiz' }, // invalid: h not a string
    { k: 'nonsense', t: 1 },
  ], {
    [`sg:quiz:${q1.id}`]: { h: q1.hash, p: [3], c: true, r: false }, // here already: kept as it is
    [`sg:quiz:${n1.id}`]: { h: n1.hash, p: [1], c: true, r: false },
    'sg:quiz:bad': { h: 'x', p: 'A' }, // invalid
    'sg:other:key': { a: 1 }, // not progress
  });
  const message = await importFile(page, file);
  assert.equal(message, 'Imported 1 answer and 2 log entries. Kept 1 saved answer or result already here. ' +
    'Left out 4 invalid entries.');
  const after = await saved(page);
  assert.deepEqual(after.state[`sg:quiz:${q1.id}`], before.state[`sg:quiz:${q1.id}`], 'the saved answer is kept');
  assert.deepEqual(after.state[`sg:quiz:${n1.id}`], { h: n1.hash, p: [1], c: true, r: false });
  for (const key of Object.keys(before.state)) assert.deepEqual(after.state[key], before.state[key], key);
  assert.equal(after.state['sg:quiz:bad'], undefined);
  assert.equal(after.state['sg:other:key'], undefined);
  assert.equal(after.log.length, before.log.length + 2);
  assert.deepEqual(after.log.map((e) => e.t), after.log.map((e) => e.t).toSorted((a, b) => a - b), 'oldest first');
  await expectText(chapterItem(page, data.chapters[2].title).getByRole('listitem').first(), /^Questions: 1 of \d+ answered, 1 correct/);
  // The same file again adds nothing.
  assert.match(await importFile(page, file), /^Nothing new: this browser already holds all of it\./);
  assert.equal((await saved(page)).log.length, after.log.length);
  assertNoErrors(page);
});

test('a hostile file, with XSS vectors in every field, runs and shows nothing of it', async (t) => {
  const { page, data } = await withProgress(t);
  const shownBefore = await block(page).innerText();
  const [c1] = data.chapters;
  const q = c1.questions[0];
  const v = VECTORS;
  const log = [];
  const state = {};
  v.forEach((x, i) => {
    log.push({ k: 'q', id: x, h: x, p: [0], ok: true, t: i, w: x, rv: false, [x]: x });
    log.push({ k: 'q', id: q.id, h: x, p: [0], ok: false, t: i, w: 'quiz' }); // a hash the book doesn't have
    log.push({ k: 'l', id: x, h: x, ok: false, t: i, w: x });
    log.push({ k: 'g', card: `q:${x}`, h: x, g: 1, t: i });
    log.push({ k: 'later', card: `l:${x}`, h: x, t: i });
    log.push({ k: 'exam', page: x, mode: 'exam', n: 1, right: 1, pct: 100, passed: true, start: i, t: i,
      chapters: [x], wrong: [x], flagged: [x] });
    log.push({ k: x, id: x });
    state[`sg:quiz:${x}`] = { h: x, p: [0], c: true, r: false };
    state[`sg:limit:${x}`] = { h: x, r: 'wrong', a: x };
    state[`sg:exam:${x}`] = { [x]: x };
    state[x] = { h: x };
  });
  const message = await importFile(page, exportOf(data, log, state, { [v[0]]: v[1], exported: v[2] }));
  // Only the entries about the book's own question are its progress; the rest is kept apart.
  assert.match(message, /^Imported 17 log entries\. Kept \d+ answers and log entries for questions, limits or exams this book does not have; they do not count in your progress\. Left out \d+ invalid entries\.$/);
  const found = await page.evaluate(() => ({
    xss: window.__xss,
    injected: document.querySelectorAll('#injected, main iframe, main object, main img, main svg script').length,
    scripts: document.querySelectorAll('main script:not([data-sg-book])').length,
    handlers: [...document.querySelectorAll('main *')].filter((el) => [...el.attributes].some((a) => /^on/i.test(a.name))).length,
    links: [...document.querySelectorAll('main a[href]')].filter((a) => /^\s*(javascript|data):/i.test(a.getAttribute('href'))).length,
  }));
  assert.deepEqual(found, { xss: undefined, injected: 0, scripts: 0, handlers: 0, links: 0 });
  // Nothing unknown is shown: the standing reads as before.
  const shown = await block(page).innerText();
  for (const x of v) assert.ok(!shown.includes(x), `not shown: ${x}`);
  const lines = (text) => text.split('\n').filter((line) => line.trim() && line !== message);
  assert.deepEqual(lines(shown), lines(shownBefore));
  // …but what the file named is kept.
  const after = await saved(page);
  assert.deepEqual(after.state[`sg:quiz:${v[0]}`], { h: v[0], p: [0], c: true, r: false });
  assert.ok(after.log.some((e) => e.k === 'g' && e.card === `q:${v[0]}`), 'an unknown id is kept');
  assert.ok(after.log.some((e) => e.k === 'q' && e.id === q.id && e.h === v[0]), 'an unknown hash is kept');
  assert.ok(after.log.every((e) => !VECTORS.some((x) => x in e)), 'unknown fields are not');
  assert.deepEqual(page.errors, []);
});

// Picks a file made in the page (no transfer from here): `make` returns its
// parts. Resolves to the message (how long it took is the benchmark's to
// measure, not a test's).
async function importMade(page, make, arg) {
  return page.evaluate(async ([source, arg]) => {
    const input = document.querySelector('[data-sg-import]');
    const region = input.closest('section').querySelector('[role="status"]');
    region.textContent = '';
    const parts = (0, eval)(`(${source})`)(arg);
    const files = new DataTransfer();
    files.items.add(new File(parts, 'made.json', { type: 'application/json' }));
    input.files = files.files;
    const said = new Promise((resolve) => new MutationObserver((_, observer) => {
      if (region.textContent) { observer.disconnect(); resolve(); }
    }).observe(region, { childList: true, characterData: true, subtree: true }));
    input.dispatchEvent(new Event('change', { bubbles: true }));
    await said;
    return { message: region.textContent };
  }, [make.toString(), arg]);
}

test('a huge file is refused at once, and a big odd one is read without hanging', async (t) => {
  const { page, data } = await withProgress(t);
  const before = await saved(page);
  const huge = await importMade(page, () => [new Uint8Array(6 * 1024 * 1024).fill(32)]);
  assert.equal(huge.message, 'This file is 6.0 MB; a progress file is at most 5 MB. Nothing was imported.');
  const head = (title) => `{"schema":"studyguide-progress","version":1,"book":${JSON.stringify(title)},"state":{},"log":`;
  // Just under the limit: too many entries, refused; many odd ones, dropped.
  const many = await importMade(page, (h) => [h, `[${new Array(300000).fill(0).join(',')}]}`], head(data.title));
  assert.match(many.message, /holds more entries than a study guide writes\. Nothing was imported\.$/);
  const odd = await importMade(page, (h) => [h, JSON.stringify(new Array(150000).fill(null)
    .map((_, i) => (i % 3 ? [i] : i % 2 ? { k: 'q', id: i, t: 'x' } : { k: 'exam', page: 'e', n: 2, right: 3 }))), '}'], head(data.title));
  assert.equal(odd.message, 'Nothing new: this browser already holds all of it. Left out 150,000 invalid entries.');
  assert.deepEqual(await saved(page), before);
  assertNoErrors(page);
});

test('resetting one chapter asks first, then clears it and leaves the others', async (t) => {
  const { page, data, progress } = await withProgress(t);
  const [c1, c2] = data.chapters;
  const item = chapterItem(page, c1.title);
  const reset = item.getByRole('button', { name: `Reset this chapter: ${c1.title}` });
  await reset.click();
  const cancel = item.locator('[data-sg-cancel]');
  assert.ok(await cancel.evaluate((el) => el === document.activeElement), 'the focus is on Cancel');
  await expectVisible(item.getByText(`Clear 2 answers, 2 limit results and 2 review cards of ${c1.title}?`));
  assert.equal(await reset.getAttribute('aria-expanded'), 'true');
  await page.keyboard.press('Escape');
  await expectVisible(cancel, false);
  assert.ok(await reset.evaluate((el) => el === document.activeElement), 'the focus is back on the button');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Enter');
  await expectText(region(page, 'By chapter, weakest first').getByRole('status'),
    `Cleared: 2 answers, 2 limit results and 2 review cards of ${c1.title}.`);
  const after = await saved(page);
  const mine = new Set([...c1.questions.map((q) => q.id), ...c1.limits[0].rows.map((r) => r.id)]);
  assert.deepEqual(Object.keys(after.state), [`sg:quiz:${c2.questions[0].id}`]);
  assert.deepEqual(after.log, progress.log.filter((e) => !mine.has(e.id)), 'its log entries are gone, the others stay');
  await expectText(chapterItem(page, c2.title).getByRole('listitem').first(), /^Questions: 1 of \d+ answered, 1 correct/);
  await expectText(item.getByRole('listitem').first(), /^Questions: 0 of \d+ answered/);
  assert.equal(await item.getByRole('button').count(), 0, 'nothing left to reset');
  assertNoErrors(page);
});

test('with storage blocked the page works and says progress is not kept', async (t) => {
  const stacks = [];
  const page = await open(t, PROGRESS, {
    onPage: (p) => p.on('pageerror', (e) => stacks.push(e.stack || String(e))),
    init: () => {
      Storage.prototype.getItem = function () { throw new Error('storage blocked'); };
      Storage.prototype.setItem = function () { throw new Error('storage blocked'); };
    },
  });
  const data = await bookData(page);
  await expectVisible(block(page).getByText(/does not let the guide save anything/));
  const { log, state } = progressOf(data);
  assert.equal(await importFile(page, exportOf(data, log, state)),
    'Imported 3 answers, 2 limit results, 1 saved setting and 6 log entries.');
  await expectText(summary(page), /^3 of \d+ questions answered, 2 correct/);
  const [download] = await Promise.all([page.waitForEvent('download'),
    block(page).getByRole('button', { name: 'Export progress' }).click()]);
  const file = JSON.parse(readFileSync(await download.path(), 'utf8'));
  assert.deepEqual(file.state, state, 'the export holds what this view keeps');
  const mdbooks = stacks.filter((s) => /\/toc-[0-9a-f]+\.js:/.test(s));
  assert.deepEqual(page.errors.filter((e) => e !== 'Error: storage blocked'), [], 'no other errors');
  assert.equal(page.errors.length, mdbooks.length, `only mdBook's toc.js failed:\n${stacks.join('\n')}`);
});

test('a full storage is said in a note, and the page goes on', async (t) => {
  const page = await open(t, PROGRESS, {
    init: () => {
      const setItem = Storage.prototype.setItem;
      Storage.prototype.setItem = function (key, value) {
        // The log's entries do not fit.
        if (/^sg@[^:]+:log:/.test(key)) throw new DOMException('full', 'QuotaExceededError');
        return setItem.call(this, key, value);
      };
    },
  });
  const data = await bookData(page);
  const { log, state } = progressOf(data);
  assert.match(await importFile(page, exportOf(data, log, state)),
    /^Imported 3 answers, 2 limit results, 1 saved setting and 6 log entries\. The browser’s storage is full/);
  await expectVisible(block(page).getByText(/storage for the guide is full/));
  await expectText(summary(page), /^3 of \d+ questions answered, 2 correct/);
  assertNoErrors(page);
});

test('another tab\'s answers and resets show at once', async (t) => {
  const { page, data } = await withProgress(t);
  const other = await page.context().newPage();
  other.setDefaultTimeout(5000);
  other.errors = [];
  other.on('pageerror', (e) => other.errors.push(String(e)));
  await other.goto(book.url(PROGRESS));
  const [c1, , c3] = data.chapters;
  const n1 = c3.questions[0];
  await other.evaluate((q) => {
    window.StudyGuide.store.set(`sg:quiz:${q.id}`, { h: q.hash, p: [0], c: true, r: false });
    window.StudyGuide.log.append({ k: 'q', id: q.id, h: q.hash, p: [0], ok: true, t: Date.now(), w: 'quiz' });
  }, n1);
  await expectText(chapterItem(page, c3.title).getByRole('listitem').first(), /^Questions: 1 of \d+ answered, 1 correct/);
  await other.getByRole('button', { name: `Reset this chapter: ${c1.title}` }).click();
  await other.getByRole('button', { name: 'Clear this chapter' }).click();
  await expectText(chapterItem(page, c1.title).getByRole('listitem').first(), /^Questions: 0 of \d+ answered/);
  assertNoErrors(page);
  assertNoErrors(other);
});

test('from disk (file://) the page works without a console error', async (t) => {
  const { page } = await withProgress(t, { where: book.fileUrl(PROGRESS) });
  await expectText(summary(page), /^3 of \d+ questions answered, 2 correct/);
  const [download] = await Promise.all([page.waitForEvent('download'),
    block(page).getByRole('button', { name: 'Export progress' }).click()]);
  assert.match(download.suggestedFilename(), /^loop-fixture-progress-\d{4}-\d\d-\d\d\.json$/);
  assertNoErrors(page);
});

test('without JavaScript the block says it needs it; with it that text is hidden', async (t) => {
  const off = await open(t, PROGRESS, { javaScriptEnabled: false });
  await expectVisible(off.locator('[data-sg-nojs]'));
  const on = await open(t);
  await expectVisible(on.locator('[data-sg-nojs]'), false);
  await expectVisible(summary(on));
});

test('on paper the standing is a table', async (t) => {
  const { page, data } = await withProgress(t);
  await page.emulateMedia({ media: 'print' });
  const table = block(page).getByRole('table', { name: /^Your standing/ });
  await expectVisible(table);
  await expectVisible(block(page).locator('.sg-progress-chapters'), false);
  await expectVisible(block(page).locator('[data-sg-export]'), false);
  const row = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: data.chapters[0].title }) });
  assert.deepEqual(await row.getByRole('cell').allInnerTexts(),
    [`2 / ${data.chapters[0].questions.length}`, `1 (${Math.round(100 / data.chapters[0].questions.length)}%)`,
      `2 / ${data.chapters[0].limits[0].rows.length}`, '1', '2 (2)']);
  assert.equal(await table.getByRole('row').count(), 1 + data.chapters.length);
});

test('axe finds nothing in the block, in all five themes and at 390px, which it fits', async (t) => {
  const { page, data } = await withProgress(t, { theme: 'light' });
  await importFile(page, 'not json');
  await chapterItem(page, data.chapters[0].title).getByRole('button', { name: /^Reset this chapter/ }).click();
  for (const [theme, width] of [['light', 1280], ['rust', 1280], ['coal', 1280], ['navy', 1280], ['ayu', 1280], ['light', 390]]) {
    await page.setViewportSize({ width, height: 844 });
    await page.evaluate((name) => {
      document.documentElement.classList.remove('light', 'rust', 'coal', 'navy', 'ayu');
      document.documentElement.classList.add(name);
    }, theme);
    assertNoViolations(await axeViolations(page, { include: ['[data-sg-progress-page]'] }), `${theme}, ${width}px`);
    const [wide, room] = await page.evaluate(() => {
      const el = document.querySelector('[data-sg-progress-page]');
      return [el.scrollWidth, el.clientWidth];
    });
    assert.ok(wide <= room, `the block fits its column at ${width}px: ${wide} > ${room}`);
  }
  assertNoErrors(page);
});

// Its time is measured in the benchmark (tests/bench/loop.mjs), not here.
test('a 20,000-entry log folds to every question answered once', async (t) => {
  const page = await open(t);
  const result = await page.evaluate(() => {
    const SG = window.StudyGuide;
    const book = JSON.parse(document.querySelector('[data-sg-book]').textContent);
    const questions = book.chapters.flatMap((c) => c.questions);
    const rows = book.chapters.flatMap((c) => c.limits.flatMap((l) => l.rows));
    const log = [];
    for (let i = 0; i < 20000; i++) {
      const q = questions[i % questions.length];
      const r = rows[i % rows.length];
      const kind = i % 4;
      if (kind < 2) log.push({ k: 'q', id: q.id, h: q.hash, p: [i % 4], ok: i % 3 === 0, t: i, w: 'quiz' });
      else if (kind === 2) log.push({ k: 'l', id: r.id, h: r.hash, ok: i % 2 === 0, t: i, w: 'limit' });
      else log.push({ k: 'g', card: `q:${q.id}`, h: q.hash, g: 1 + (i % 4), t: i });
    }
    const state = {};
    questions.forEach((q) => { state[`sg:quiz:${q.id}`] = { h: q.hash, p: [0], c: true, r: false }; });
    const standing = SG.progress.fold(book, log, state);
    return { answered: standing.totals.answered, total: questions.length };
  });
  assert.equal(result.answered, result.total);
});
