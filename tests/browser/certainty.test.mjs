// "How sure are you?" in the chapter quizzes and on the review page, on the
// loop fixture book (tests/books/loop/): off until the learner turns it on,
// one switch for every quiz and tab, the certainty saved with the answer and
// logged, and its certainty-based mark after checking. Time comes from
// Playwright's clock.
// Run: node --test tests/browser/certainty.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { bankOf, booksDir, newPage, seedStore, storeName, storePrefix, useBook } from './harness.mjs';
import { assertNoErrors, expectText, expectVisible } from './assertions.mjs';
import { parseQuiz, quizParts } from './quiz-page.mjs';

const QUIZ = 'compute/quiz.html';
const REVIEW = 'review.html';
const T0 = Date.parse('2026-12-01T09:00:00Z');
const DAY = 864e5;
const KEY = parseQuiz(readFileSync(path.join(booksDir, 'loop', 'src', 'compute', 'quiz.md'), 'utf8'));
const N = KEY.length;
const { quizOf, question, choice, result, score, checkButton } = quizParts(KEY);

const book = useBook('loop');

// A fresh profile whose clock starts at T0, with `state` and `entries` saved, at `where`.
async function open(t, where, { state, entries, context } = {}) {
  const page = context ? await context.newPage() : await newPage(book.browser);
  page.errors ??= [];
  if (context) page.on('pageerror', (err) => page.errors.push(String(err)));
  else {
    t.after(() => page.context().close());
    await page.clock.install({ time: T0 });
    if (state || entries) {
      await page.context().addInitScript(seedStore, { prefix: storePrefix(book.site), state, log: entries || [] });
    }
  }
  page.setDefaultTimeout(5000);
  await page.goto(book.url(where));
  await page.evaluate(() => window.StudyGuide.whenReady());
  return page;
}

const toggle = (page) => quizOf(page).getByRole('checkbox', { name: 'Ask how sure I am with each answer' });
const sureOf = (scope) => scope.getByRole('group', { name: 'How sure are you?' });
// The same field, shown or hidden (a role is only found while shown).
const sureField = (scope) => scope.locator('fieldset[data-sg-sure]');
const level = (scope, name) => sureOf(scope).getByRole('radio', { name: new RegExp(`^${name} \\(`) });
const total = (page) => quizOf(page).locator('.sg-sure-total');
const logOf = (page) => page.evaluate(() => window.StudyGuide.log.entries());

test('off by default: no question asks how sure the learner is, and nothing is logged of it', async (t) => {
  const page = await open(t, QUIZ);
  await expectVisible(toggle(page));
  assert.equal(await toggle(page).isChecked(), false);
  assert.equal(await sureOf(quizOf(page)).count(), 0, 'no certainty field');
  await choice(page, 1, 'A').check();
  await checkButton(page, 1).click();
  await expectText(result(page, 1), 'Incorrect. The answer is C.');
  assert.equal(await total(page).isVisible(), false);
  const [entry] = await logOf(page);
  assert.equal(entry.c, undefined);
  assertNoErrors(page);
});

test('certainty in a quiz: High and wrong is logged with c 3 and marked −6; a reload keeps it', async (t) => {
  const page = await open(t, QUIZ);
  await toggle(page).check();
  // Every question asks, before Check.
  for (let n = 1; n <= N; n++) await expectVisible(sureOf(question(page, n)));
  await choice(page, 1, 'A').check();
  await level(question(page, 1), 'High').check();
  await checkButton(page, 1).click();
  await expectText(result(page, 1), 'Incorrect. The answer is C. Certainty-based mark: \u22126 (high certainty).');
  await choice(page, 2, 'B').check();
  await level(question(page, 2), 'Low').check();
  await checkButton(page, 2).click();
  await expectText(result(page, 2), 'Correct. Certainty-based mark: 1 (low certainty).');
  // The quiz's score, then its certainty-based total.
  await expectText(score(page), `Score: 1 / ${N}`);
  await expectText(total(page), /^Certainty-based mark: -5 of 6 \(-2\.5 an answer/);
  // Picked, not checked yet: saved too.
  await level(question(page, 3), 'Medium').check();
  const log = await logOf(page);
  assert.deepEqual(log.map((e) => [e.id, e.ok, e.c]), [['compute-timeout', false, 3], ['compute-memory', true, 1]]);
  const saved = JSON.parse(await page.evaluate((k) => localStorage.getItem(k), await storeName(page, 'sg:quiz:compute-timeout')));
  assert.equal(saved.s, 3);

  await page.reload();
  await page.evaluate(() => window.StudyGuide.whenReady());
  assert.equal(await toggle(page).isChecked(), true);
  assert.equal(await level(question(page, 1), 'High').isChecked(), true, 'the certainty shows after a reload');
  assert.equal(await level(question(page, 1), 'High').isDisabled(), true, 'and stays as checked');
  await expectText(result(page, 1), 'Incorrect. The answer is C. Certainty-based mark: \u22126 (high certainty).');
  assert.equal(await level(question(page, 3), 'Medium').isChecked(), true, 'a certainty picked before Check is kept');
  assert.equal(await level(question(page, 3), 'Medium').isDisabled(), false);
  await expectText(total(page), /^Certainty-based mark: -5 of 6/);
  // "Retry this question" clears its certainty too.
  await question(page, 1).getByRole('button', { name: 'Retry this question' }).click();
  assert.equal(await level(question(page, 1), 'High').isChecked(), false);
  await expectText(total(page), /^Certainty-based mark: 1 of 3/);
  // Turned off: no field, no mark, no total; the answer stays.
  await toggle(page).uncheck();
  assert.equal(await sureOf(question(page, 2)).isVisible(), false);
  await expectText(result(page, 2), 'Correct.');
  assert.equal(await total(page).isVisible(), false);
  assertNoErrors(page);
});

test('the switch keeps every quiz in step, in this tab and in another', async (t) => {
  const one = await open(t, QUIZ);
  const two = await open(t, QUIZ, { context: one.context() });
  assert.equal(await sureOf(question(two, 1)).count(), 0);
  await toggle(one).check();
  await expectVisible(sureOf(question(two, 1)));
  assert.equal(await toggle(two).isChecked(), true, 'the other tab\'s switch follows');
  await toggle(two).uncheck();
  await expectVisible(sureField(question(one, 1)), false);
  assert.equal(await toggle(one).isChecked(), false);
  assertNoErrors(one);
  assertNoErrors(two);
});

test('an answer shown before checking asks no certainty and logs none', async (t) => {
  const page = await open(t, QUIZ, { state: { 'sg:prefs:sure': { on: true } } });
  await expectVisible(sureOf(question(page, 1)));
  await level(question(page, 1), 'High').check();
  await question(page, 1).getByRole('button', { name: 'Show answer' }).click();
  await expectVisible(sureField(question(page, 1)), false);
  await choice(page, 1, 'A').check();
  await checkButton(page, 1).click();
  await expectText(result(page, 1), /^Revealed: .* The answer is C\.$/);
  const [entry] = await logOf(page);
  assert.deepEqual([entry.rv, entry.c], [true, undefined]);
  assertNoErrors(page);
});

test('a review card asks how sure; a confident wrong answer is marked −6 and graded Again only', async (t) => {
  const bank = bankOf(book.site, REVIEW);
  const q = bank.questions.find((x) => x.id === 'compute-timeout');
  const wrong = q.answer[0] === 0 ? 1 : 0;
  const page = await open(t, REVIEW, {
    state: { 'sg:prefs:sure': { on: true } },
    entries: [{ k: 'q', id: q.id, h: q.hash, p: [wrong], ok: false, t: T0 - DAY, w: 'quiz' }],
  });
  const block = page.locator('.sg-review');
  assert.equal(await block.getByRole('checkbox', { name: 'Ask how sure I am with each answer' }).isChecked(), true);
  const card = block.locator('.sg-review-card');
  await expectVisible(sureOf(card));
  await card.locator(`.sg-choice input[value="${wrong}"]`).check();
  await level(card, 'High').check();
  await card.getByRole('button', { name: 'Check' }).click();
  await expectText(card.locator('.sg-result'), /^Incorrect\. The answer is [A-D]\. Certainty-based mark: \u22126 \(high certainty\)\.$/);
  assert.equal(await level(card, 'High').isDisabled(), true);
  await expectText(card.locator('.sg-review-grades-label'), /^You were sure of a wrong answer/);
  assert.deepEqual(await card.locator('[data-sg-grade]').allInnerTexts(), ['Again · 1 minute']);
  const answered = (await logOf(page)).filter((e) => e.w === 'review');
  assert.deepEqual(answered.map((e) => [e.id, e.ok, e.c]), [[q.id, false, 3]]);
  await card.getByRole('button', { name: /^Again,/ }).click();
  await expectText(card.getByRole('heading'), 'Nothing due');
  await expectText(card.locator('.sg-review-marks'), /^Certainty-based mark: -6 of 3/);
  // Off: the next showing asks nothing.
  await block.getByRole('checkbox', { name: 'Ask how sure I am with each answer' }).uncheck();
  await page.clock.fastForward('01:10');
  await expectText(card.getByRole('heading'), /^Card 2 of 2: /);
  assert.equal(await sureOf(card).count(), 0);
  assertNoErrors(page);
});
