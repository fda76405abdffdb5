// The self-grading quiz in a real browser: what a learner sees and can do,
// on the quiz fixture book (tests/books/quiz/).
// Run: node --test --test-concurrency=1 tests/browser/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, cpSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { booksDir, fixtureBook, serve, storeName, tempDir, useBook } from './harness.mjs';
import { assertNoErrors, assertNoViolations, axeViolations, expectText, expectVisible, searchBook } from './assertions.mjs';
import { parseQuiz, plain, quizParts, scoresFullMarks } from './quiz-page.mjs';

const QUIZ = 'quiz.html';
const QUIZ_MD = path.join(booksDir, 'quiz', 'src', 'quiz.md');

// The answer key, read from the quiz's TOML (not from the page).
const KEY = parseQuiz(readFileSync(QUIZ_MD, 'utf8'));
const N = KEY.length;
const MULTI = KEY.find((q) => q.letters.length > 1);
const {
  quizOf, questions, question, choice, choiceItem, result, score, checkButton, pick, answer, checkedLetters,
} = quizParts(KEY);

const book = useBook('quiz');

// A fresh browser profile on the quiz; closed when the test ends.
const open = (t, { url = book.url(QUIZ), ...options } = {}) => book.open(t, url, options);

const stored = async (page, id) => page.evaluate((k) => localStorage.getItem(k), await storeName(page, `sg:quiz:${id}`));

test(`all ${N} questions are on the page, and the answer key scores ${N} / ${N}`, async (t) => {
  const page = await open(t);
  await scoresFullMarks(page, KEY);
  assertNoErrors(page);
});

test('a checked question links to the section that teaches it and names its domain', async (t) => {
  const page = await open(t);
  await answer(page, 1);
  const read = question(page, 1).getByRole('link', { name: 'Lambda limits' });
  await expectVisible(read);
  assert.equal(await read.getAttribute('href'), 'limits.html#lambda-limits');
  await expectText(question(page, 1).locator('.sg-see'), 'Read: Lambda limits');
  await expectText(question(page, 1).locator('.sg-domain'), 'Exam domain: Design Resilient Architectures');
  await read.click();
  await page.waitForURL(/limits\.html#lambda-limits$/);
  await expectVisible(page.getByRole('heading', { name: 'Lambda limits' }));
});

test('a reload keeps the answers and the score', async (t) => {
  const page = await open(t);
  await answer(page, 1);
  await answer(page, 2, ['A']);
  await pick(page, 3, ['C']); // picked, not checked yet
  await expectText(score(page), `Score: 1 / ${N}`);
  await page.reload();
  await expectText(result(page, 1), 'Correct.');
  await expectText(result(page, 2), 'Incorrect. The answer is B.');
  await expectText(result(page, 3), '');
  assert.deepEqual(await checkedLetters(page, 1), KEY[0].letters);
  assert.deepEqual(await checkedLetters(page, 2), ['A']);
  assert.deepEqual(await checkedLetters(page, 3), ['C']);
  assert.equal(await choice(page, 1, 'A').isDisabled(), true, 'a graded question stays graded');
  await expectText(score(page), `Score: 1 / ${N}`);
  assertNoErrors(page);
});

test('a wrong answer is called wrong and explained', async (t) => {
  const page = await open(t);
  const why = choiceItem(page, 2, 'D').getByText(/^A private API is a REST API/);
  await expectVisible(why, false);
  await expectVisible(question(page, 2).getByText('Answer: B'), false);
  await answer(page, 2, ['D']);
  await expectText(result(page, 2), 'Incorrect. The answer is B.');
  // The answer <details> is open: its body shows.
  await expectVisible(question(page, 2).getByText('Answer: B'));
  await expectVisible(question(page, 2).getByText('HTTP API is simpler and up to 71% cheaper than REST API.'));
  await expectText(choiceItem(page, 2, 'B').getByText('✓ Correct answer'), '✓ Correct answer');
  await expectText(choiceItem(page, 2, 'D').getByText('✗ Your answer: incorrect'), '✗ Your answer: incorrect');
  await expectVisible(why);
  await expectText(why, 'A private API is a REST API reachable only from a VPC; it is about access, not price.');
  assert.equal(await choiceItem(page, 2, 'A').getByText(/^[✓✗]/).count(), 0, 'an unpicked wrong choice has no mark');
  await expectText(score(page), `Score: 0 / ${N}`);
  assertNoErrors(page);
});

test(`the multi-answer question (${MULTI.n}, Choose TWO) is graded all-or-nothing`, async (t) => {
  const page = await open(t);
  const n = MULTI.n;
  assert.deepEqual(MULTI.letters, ['A', 'B']);
  assert.match(await question(page, n).locator('legend').innerText(), /\(Choose TWO\.\)/);
  assert.equal(await question(page, n).getByRole('checkbox').count(), 4);
  assert.equal(await question(page, n).getByRole('radio').count(), 0);
  await answer(page, n, ['A']);
  await expectText(result(page, n), 'Choose TWO answers: you have chosen 1.');
  assert.equal(await choice(page, n, 'B').isEnabled(), true, 'not graded yet');
  await expectVisible(question(page, n).getByText('Answer: A, B'), false);
  await answer(page, n, ['B']);
  await expectText(result(page, n), 'Correct.');
  await expectText(score(page), `Score: 1 / ${N}`);

  await quizOf(page).getByRole('button', { name: 'Try again' }).click();
  await quizOf(page).getByRole('button', { name: 'Clear all' }).click();
  await answer(page, n, ['A', 'C']);
  await expectText(result(page, n), 'Incorrect. The answer is A and B.');
  await expectText(choiceItem(page, n, 'A').getByText(/^✓/), '✓ Your answer: correct');
  await expectText(choiceItem(page, n, 'B').getByText(/^✓/), '✓ Correct answer');
  await expectText(choiceItem(page, n, 'C').getByText(/^✗/), '✗ Your answer: incorrect');
  await expectText(score(page), `Score: 0 / ${N}`);
  assertNoErrors(page);
});

test('"Try again" resets the score, the choices and the stored answers', async (t) => {
  const page = await open(t);
  await answer(page, 1);
  await answer(page, 2);
  await pick(page, 3, ['A']);
  await expectText(score(page), `Score: 2 / ${N}`);
  await quizOf(page).getByRole('button', { name: 'Try again' }).click();
  await quizOf(page).getByRole('button', { name: 'Clear all' }).click();
  await expectText(score(page), `Score: 0 / ${N}`);
  for (const n of [1, 2, 3]) {
    assert.deepEqual(await checkedLetters(page, n), [], `question ${n} has no choice`);
    await expectText(result(page, n), '');
    assert.equal(await choice(page, n, 'A').isEnabled(), true);
  }
  await expectVisible(question(page, 1).getByText('Answer: C'), false);
  await page.reload();
  await expectText(score(page), `Score: 0 / ${N}`);
  for (const n of [1, 2, 3]) {
    assert.deepEqual(await checkedLetters(page, n), [], `question ${n} has no choice after a reload`);
    await expectText(result(page, n), '');
  }
  assertNoErrors(page);
});

const progress = (page) => quizOf(page).locator('[data-sg-progress]');
const isFocused = (locator) => locator.evaluate((el) => el === document.activeElement);

test('the progress line counts answered and correct questions and stays in view', async (t) => {
  const page = await open(t);
  await expectText(progress(page), `Answered 0 of ${N} · 0 correct`);
  await answer(page, 1);
  await answer(page, 2, ['A']);
  await pick(page, 3, ['C']); // picked, not checked: not answered yet
  await expectText(progress(page), `Answered 2 of ${N} · 1 correct`);
  await expectText(score(page), `Score: 1 / ${N}`);
  // Far down the quiz the line is still on screen.
  await question(page, N).scrollIntoViewIfNeeded();
  const box = await progress(page).boundingBox();
  assert.ok(box && box.y >= 0 && box.y + box.height <= 900, `progress in the viewport: ${JSON.stringify(box)}`);
  // And not under mdBook's menu bar, which stays while the sidebar shows.
  const menu = await page.locator('#mdbook-menu-bar').boundingBox();
  assert.ok(box.y >= menu.y + menu.height - 1, `progress below the menu bar: ${JSON.stringify({ box, menu })}`);
  // One polite live region for the quiz's progress, none per question.
  assert.equal(await quizOf(page).locator('[aria-live="polite"]').count(), 1);
  assert.equal(await progress(page).getAttribute('aria-live'), 'polite');
  // Restored answers are shown, not announced.
  await page.reload();
  await expectText(progress(page), `Answered 2 of ${N} · 1 correct`);
  assert.equal(await progress(page).getAttribute('aria-live'), 'off', 'nothing announced on load');
  assertNoErrors(page);
});

for (const [theme, width] of [['light', 1280], ['coal', 1280], ['light', 390], ['coal', 390]]) {
  test(`a question's link lands with its number and first line below the progress line (${theme}, ${width}px)`, async (t) => {
    const page = await open(t, { theme, viewport: { width, height: 600 } });
    const anchor = await page.locator('li.sg-question').nth(1).getAttribute('id');
    await page.goto('about:blank');
    await page.goto(book.url(QUIZ) + '#' + anchor);
    await expectText(progress(page), `Answered 0 of ${N} · 0 correct`);
    const bar = await progress(page).boundingBox();
    const number = await question(page, 2).locator('.sg-q-number').boundingBox();
    assert.ok(bar && number, 'the progress line and the question number are on the page');
    assert.ok(number.y >= bar.y + bar.height, `question 2's number (${number.y}) should be below the progress line (${bar.y + bar.height})`);
    assert.ok(number.y + number.height <= 600, `question 2's number is on screen (${number.y})`);
  });
}

test('"Retry this question" clears that question only, and its saved answer', async (t) => {
  const page = await open(t);
  const retry = (n) => question(page, n).getByRole('button', { name: 'Retry this question' });
  assert.equal(await retry(1).isVisible(), false, 'no retry before checking');
  await answer(page, 1, ['A']);
  await answer(page, 2);
  await expectText(result(page, 1), 'Incorrect. The answer is C.');
  await retry(1).click();
  assert.deepEqual(await checkedLetters(page, 1), []);
  await expectText(result(page, 1), '');
  assert.equal(await choiceItem(page, 1, 'C').getByText(/^[✓✗]/).count(), 0, 'no marks left');
  await expectVisible(question(page, 1).getByText('Answer: C'), false);
  assert.equal(await choice(page, 1, 'A').isEnabled(), true);
  assert.ok(await isFocused(choice(page, 1, 'A')), 'the focus is on the first choice');
  assert.equal(await stored(page, 'lambda-max-timeout'), null, 'its saved answer is gone');
  await expectText(result(page, 2), 'Correct.');
  await expectText(progress(page), `Answered 1 of ${N} · 1 correct`);
  await answer(page, 1);
  await expectText(result(page, 1), 'Correct.');
  await expectText(score(page), `Score: 2 / ${N}`);
  assertNoErrors(page);
});

test('"Try again" asks before clearing every answer', async (t) => {
  const page = await open(t);
  const tryAgain = quizOf(page).getByRole('button', { name: 'Try again' });
  const cancel = quizOf(page).locator('[data-sg-cancel]');
  await answer(page, 1);
  await tryAgain.click();
  await expectVisible(quizOf(page).getByText(`Clear all ${N} answers?`));
  assert.ok(await isFocused(cancel), 'the focus is on Cancel');
  await expectText(score(page), `Score: 1 / ${N}`);
  await cancel.click();
  await expectVisible(cancel, false);
  assert.ok(await isFocused(tryAgain), 'the focus is back on "Try again"');
  await expectText(result(page, 1), 'Correct.');
  await tryAgain.click();
  await page.keyboard.press('Escape');
  await expectVisible(cancel, false);
  await tryAgain.click();
  await quizOf(page).getByRole('button', { name: 'Clear all' }).click();
  await expectText(score(page), `Score: 0 / ${N}`);
  await expectText(progress(page), `Answered 0 of ${N} · 0 correct`);
  assert.ok(await isFocused(choice(page, 1, 'A')), 'the focus is on the first choice');
  assertNoErrors(page);
});

test('the answer is hidden until checked; an answer given after "Show answer" counts as revealed', async (t) => {
  const page = await open(t);
  const summary = question(page, 1).getByText('Answer', { exact: true });
  await expectVisible(summary, false);
  await expectVisible(question(page, 1).getByText('Answer: C'), false);
  await question(page, 1).getByRole('button', { name: 'Show answer' }).click();
  await expectVisible(question(page, 1).getByText('Answer: C'));
  await answer(page, 1);
  await expectText(result(page, 1), /^Revealed: you saw the answer before checking/);
  await expectText(score(page), `Score: 0 / ${N}`);
  await expectText(progress(page), `Answered 1 of ${N} · 0 correct · 1 revealed`);
  await page.reload();
  await expectText(result(page, 1), /^Revealed/);
  await expectText(progress(page), `Answered 1 of ${N} · 0 correct · 1 revealed`);
  assertNoErrors(page);
});

// Presses Tab until `target` has the focus.
async function tabTo(page, target, max = 10) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (await target.evaluate((el) => el === document.activeElement)) return;
  }
  assert.fail(`Tab did not reach ${target} in ${max} presses`);
}

test('the quiz works with the keyboard alone', async (t) => {
  const page = await open(t);
  // Start from the heading's link, just before the quiz.
  await page.getByRole('heading', { name: /Chapter Quiz/ }).getByRole('link').focus();
  await tabTo(page, choice(page, 1, 'A'));
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  assert.deepEqual(await checkedLetters(page, 1), ['C']);
  await page.keyboard.press('Tab');
  assert.ok(await isFocused(checkButton(page, 1)), 'Tab moves from the choices to Check');
  await page.keyboard.press('Space');
  await expectText(result(page, 1), 'Correct.');
  // On to question 2, past "Review later", question 1's answer summary and its "Read" link.
  await tabTo(page, choice(page, 2, 'A'), 4);
  await page.keyboard.press('ArrowDown');
  assert.deepEqual(await checkedLetters(page, 2), ['B']);
  await page.keyboard.press('Tab');
  assert.ok(await isFocused(checkButton(page, 2)));
  await page.keyboard.press('Enter');
  await expectText(result(page, 2), 'Correct.');
  await expectText(score(page), `Score: 2 / ${N}`);
  assertNoErrors(page);
});

test('the first Tab shows "Skip to the quiz", which takes the focus to the first question still open', async (t) => {
  const page = await open(t);
  await answer(page, 1);
  await page.reload();
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to the quiz' });
  assert.ok(await isFocused(skip), 'the skip link is the first stop');
  await expectVisible(skip);
  await page.keyboard.press('Enter');
  assert.ok(await isFocused(choice(page, 2, 'A')), 'the focus is on question 2\'s first choice');
  // Unfocused, it is out of sight.
  await page.keyboard.press('Tab');
  const box = await skip.boundingBox();
  assert.ok(!box || box.y + box.height <= 0, `the skip link is off screen: ${JSON.stringify(box)}`);
  assertNoErrors(page);
});

// Saved entries the quiz must survive: each is removed and the question works.
const BAD_ENTRIES = [
  ['a corrupted entry', '{not json'],
  ['an entry with a stale hash', '{"h":"000000000000","p":[2],"c":true}'],
  ['a foreign, wrong-shaped entry', '{"h":"x","p":[99]}'],
];
for (const [label, raw] of BAD_ENTRIES) {
  test(`storage: ${label} does not break the page`, async (t) => {
    const page = await open(t);
    const name = await storeName(page, 'sg:quiz:lambda-max-timeout');
    await page.evaluate(([k, value]) => localStorage.setItem(k, value), [name, raw]);
    await page.reload();
    assert.equal(await stored(page, 'lambda-max-timeout'), null, 'the bad entry was removed');
    assert.deepEqual(await checkedLetters(page, 1), []);
    await expectText(result(page, 1), '');
    await expectText(score(page), `Score: 0 / ${N}`);
    await answer(page, 1);
    await expectText(result(page, 1), 'Correct.');
    await expectText(score(page), `Score: 1 / ${N}`);
    assertNoErrors(page);
  });
}

test('storage: a localStorage that throws still lets you answer and score', async (t) => {
  // mdBook's own sidebar script (toc-*.js) reads localStorage without a
  // try/catch; that error is mdBook's, so only the rest must be error-free.
  const stacks = [];
  const page = await open(t, {
    onPage: (p) => p.on('pageerror', (e) => stacks.push(e.stack || String(e))),
    init: () => {
      Storage.prototype.getItem = function () { throw new Error('storage blocked'); };
      Storage.prototype.setItem = function () { throw new Error('storage blocked'); };
    },
  });
  await answer(page, 1);
  await answer(page, 2, ['A']);
  await answer(page, MULTI.n);
  await expectText(result(page, 1), 'Correct.');
  await expectText(result(page, 2), 'Incorrect. The answer is B.');
  await expectText(result(page, MULTI.n), 'Correct.');
  await expectText(score(page), `Score: 2 / ${N}`);
  const mdbooks = stacks.filter((s) => /\/toc-[0-9a-f]+\.js:/.test(s));
  assert.deepEqual(page.errors.filter((e) => e !== 'Error: storage blocked'), [], 'no other errors');
  assert.equal(page.errors.length, mdbooks.length, `only mdBook's toc.js failed:\n${stacks.join('\n')}`);
});

// The quiz fixture built with one question's prompt changed.
async function buildEditedBook() {
  const edited = await fixtureBook('quiz', {
    key: 'edited',
    edit: (dir) => {
      const md = path.join(dir, 'src', 'quiz.md');
      const before = readFileSync(md, 'utf8');
      const text = before.replace(`prompt = "${KEY[0].prompt}"`, 'prompt = "How long can one AWS Lambda invocation run at most?"');
      assert.notEqual(text, before, 'the prompt was edited');
      writeFileSync(md, text);
    },
  });
  assert.equal(edited.status, 0, edited.log);
  return edited.site;
}

test('storage: an edited question is reset, the others keep their answers', async (t) => {
  const editedBook = await buildEditedBook();
  // Both versions are served from the same origin and path, one after the other.
  const root = tempDir('sg-served-');
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const served = path.join(root, 'book');
  cpSync(book.site, served, { recursive: true });
  const local = await serve(root);
  t.after(() => local.close());
  const url = `${local.url}book/${QUIZ}`;

  const page = await open(t, { url });
  await answer(page, 1);
  await answer(page, 2);
  await expectText(score(page), `Score: 2 / ${N}`);

  rmSync(served, { recursive: true, force: true });
  cpSync(editedBook, served, { recursive: true });
  await page.goto(url);
  await expectVisible(question(page, 1).getByText('How long can one AWS Lambda invocation run at most?'));
  assert.deepEqual(await checkedLetters(page, 1), [], 'the edited question was reset');
  await expectText(result(page, 1), '');
  assert.deepEqual(await checkedLetters(page, 2), KEY[1].letters, 'the unchanged question keeps its answer');
  await expectText(result(page, 2), 'Correct.');
  await expectText(score(page), `Score: 1 / ${N}`);
  assertNoErrors(page);
});

test('without JavaScript every question, its choices and its answer are on the page', async (t) => {
  const page = await open(t, { javaScriptEnabled: false });
  assert.equal(await questions(page).count(), N);
  for (const q of KEY) {
    const group = question(page, q.n);
    assert.match(plain(await group.locator('legend').innerText()), new RegExp(`^Question ${q.n}\\. `));
    assert.equal(await group.getByRole(q.letters.length > 1 ? 'checkbox' : 'radio').count(), 4, `question ${q.n} has 4 choices`);
    const answerText = group.getByText(`Answer: ${q.letters.join(', ')}`);
    assert.equal(await answerText.count(), 1, `question ${q.n} holds its answer`);
    assert.equal(await answerText.isVisible(), false, `question ${q.n}'s answer starts closed`);
  }
  await question(page, 1).getByText('Answer', { exact: true }).click();
  await expectVisible(question(page, 1).getByText('Answer: C'));
  await expectVisible(question(page, 1).getByText('Lambda max timeout is 15 minutes (900 s).'));
  await question(page, 2).getByText('Answer', { exact: true }).click();
  // Without script the choices' explanations are listed in the answer.
  await expectVisible(question(page, 2).getByText(/^D\) A private API is a REST API reachable only from a VPC/));
  assertNoErrors(page);
});

test('without JavaScript the Check buttons, the score and "Try again" are not shown', async (t) => {
  const page = await open(t, { javaScriptEnabled: false });
  assert.equal(await quizOf(page).getByRole('button', { name: 'Check' }).count(), 0, 'no Check buttons show');
  assert.equal(await quizOf(page).getByRole('button', { name: 'Try again' }).count(), 0, 'no "Try again" button shows');
  assert.equal(await quizOf(page).getByText(/^Score:/).isVisible(), false, 'no score shows');
  assertNoErrors(page);
});

test('opened from disk, the quiz works and makes no network request', async (t) => {
  const page = await open(t, { url: book.fileUrl(QUIZ) });
  await answer(page, 1);
  await answer(page, MULTI.n);
  await expectText(result(page, 1), 'Correct.');
  await expectText(result(page, MULTI.n), 'Correct.');
  await expectText(score(page), `Score: 2 / ${N}`);
  assert.ok(page.requests.length > 1);
  assert.deepEqual(page.requests.filter((u) => !u.startsWith('file://')), [], 'only file:// requests');
  assertNoErrors(page);
});

for (const theme of ['light', 'rust', 'coal', 'navy', 'ayu']) {
  test(`axe finds no violations in the quiz (${theme} theme)`, async (t) => {
    const page = await open(t, { theme });
    assert.ok(await page.evaluate((name) => document.documentElement.classList.contains(name), theme), `${theme} theme applied`);
    const problems = await axeViolations(page, 'form.sg-quiz');
    await answer(page, 1);
    await answer(page, 2, ['D']);
    await answer(page, MULTI.n, ['A', 'C']);
    await expectText(result(page, MULTI.n), /^Incorrect/);
    const answered = await axeViolations(page, 'form.sg-quiz');
    assertNoErrors(page);
    assertNoViolations(problems, `${theme}, initial`);
    assertNoViolations(answered, `${theme}, answered`);
  });
}

test('at phone width (375px) the quiz fits without horizontal scrolling', async (t) => {
  const width = 375;
  const page = await open(t, { viewport: { width, height: 800 } });
  const overflow = () => page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(await overflow() <= width + 1, `scrollWidth ${await overflow()} <= ${width + 1}`);
  const check = checkButton(page, 1);
  await check.scrollIntoViewIfNeeded();
  assert.ok(await check.isVisible());
  const box = await check.boundingBox();
  assert.ok(box.x >= 0 && box.x + box.width <= width, `Check button within the viewport: ${JSON.stringify(box)}`);
  // Marks and explanations must not widen the page either.
  await answer(page, 5, ['C']);
  await answer(page, MULTI.n, ['C', 'D']);
  await expectText(result(page, MULTI.n), /^Incorrect/);
  assert.ok(await overflow() <= width + 1, `after answering: scrollWidth ${await overflow()} <= ${width + 1}`);
  assertNoErrors(page);
});


// The history the progress and review pages are made from.
const logEntries = (page) => page.evaluate(() => window.StudyGuide.log.entries());

test('every check is logged, and "Review later" sets a question aside for review', async (t) => {
  const page = await open(t);
  const first = KEY[0];
  const ids = await page.locator('[data-sg-question]').evaluateAll((els) => els.map((el) => el.dataset.id));
  const wrong = 'ABCD'.split('').find((l) => !first.letters.includes(l));
  await choice(page, 1, wrong).check();
  await checkButton(page, 1).click();
  const later = question(page, 2).getByRole('button', { name: 'Review later' });
  await later.click();
  await expectText(result(page, 2), /Added to your review cards/);
  const entries = await logEntries(page);
  assert.equal(entries.length, 2);
  assert.deepEqual({ k: entries[0].k, id: entries[0].id, ok: entries[0].ok, w: entries[0].w }, { k: 'q', id: ids[0], ok: false, w: 'quiz' });
  assert.equal(entries[1].k, 'later');
  assert.equal(entries[1].card, `q:${ids[1]}`);
  await page.reload();
  const after = question(page, 2).getByRole('button', { name: 'In your review cards' });
  assert.equal(await after.getAttribute('aria-disabled'), 'true');
  await after.click({ force: true });
  assert.equal((await logEntries(page)).length, 2, 'a second click adds nothing');
  assertNoErrors(page);
});

test('searching finds a question by its words, but not by its answer or explanations', async (t) => {
  const page = await open(t, { url: book.url('limits.html') });
  const found = await searchBook(page, 'filesystem');
  await expectVisible(found.first());
  assert.match(await found.first().innerText(), /Chapter Quiz/);
  // Only in explanations: the answer's ("serverless compute engine") and
  // wrong choices' ("managed Kubernetes", "POSIX filesystem").
  for (const words of ['Kubernetes', 'POSIX', 'engine']) {
    await searchBook(page, words);
    await expectText(page.locator('#mdbook-searchresults-header'), `No search results for '${words}'.`);
  }
  // Nor does a result's teaser show an answer.
  const teasers = await (await searchBook(page, 'Fargate')).allInnerTexts();
  assert.ok(teasers.length > 0);
  for (const teaser of teasers) assert.doesNotMatch(teaser, /Answer:|Answer key|serverless compute engine/, teaser);
  assertNoErrors(page);
});
