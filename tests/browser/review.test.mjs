// The spaced-repetition review page in a real browser, on the loop fixture
// book (tests/books/loop/, its page review.md): cards made by wrong answers
// and missed limits, graded and scheduled with ts-fsrs. Time comes from
// Playwright's clock, never from waiting.
// Run: node --test tests/browser/review.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bankOf, newPage, seedStore, storeName, storePrefix, useBook } from './harness.mjs';
import { assertNoErrors, assertNoViolations, axeViolations, expectText, expectVisible } from './assertions.mjs';

const REVIEW = 'review.html';
const BLOCK = '.sg-review';
const DAY = 864e5;
// A Tuesday morning, UTC (the browser's time zone is the machine's).
const T0 = Date.parse('2026-12-01T09:00:00Z');

const book = useBook('loop');

// A fresh profile whose clock starts at `time`, with `entries` in its log,
// opened at `where` (a path in the book, or a URL).
async function open(t, where = REVIEW, { time = T0, entries, theme, viewport, init, context } = {}) {
  const page = context ? await context.newPage() : await newPage(book.browser, { viewport });
  if (!context) {
    t.after(() => page.context().close());
    await page.clock.install({ time });
    if (theme) await page.context().addInitScript((name) => localStorage.setItem('mdbook-theme', name), theme);
    if (entries) await page.context().addInitScript(seedStore, { prefix: storePrefix(book.site), log: entries });
    if (init) await page.context().addInitScript(init);
  }
  page.errors ??= [];
  if (context) {
    page.on('pageerror', (err) => page.errors.push(String(err)));
    page.on('console', (msg) => { if (msg.type() === 'error') page.errors.push(msg.text()); });
  }
  page.setDefaultTimeout(5000);
  await page.goto(/^[a-z]+:/.test(where) ? where : book.url(where));
  return page;
}

// The review block's BANK, as the build wrote it.
let bankCache;
function bank() {
  bankCache ??= bankOf(book.site, REVIEW);
  return bankCache;
}

// Questions of the fixture with one answer, and a wrong choice for each.
function singles() {
  return bank().questions.filter((q) => q.answer.length === 1 && !q.choose)
    .map((q) => ({ ...q, wrong: q.answer[0] === 0 ? 1 : 0 }));
}

// Log entries a wrong answer in a chapter quiz would write.
const missed = (q, t, hash = q.hash) => ({ k: 'q', id: q.id, h: hash, p: [q.wrong], ok: false, t, w: 'quiz' });

const block = (page) => page.locator(BLOCK);
// The card's heading (the page's other h2 is "Print a worksheet").
const heading = (page) => block(page).locator('.sg-review-card').getByRole('heading', { level: 2 });
const summary = (page) => block(page).locator('.sg-review-summary');
const gradeButton = (page, name) => block(page).getByRole('button', { name: new RegExp(`^${name},`) });
const gradeButtons = (page) => block(page).locator('[data-sg-grade]');
const isFocused = (locator) => locator.evaluate((el) => el === document.activeElement);
const logOf = (page) => page.evaluate(() => window.StudyGuide.log.entries());

// A card shows its choices in an order of its own: the choice that is the
// bank's `index`, wherever it is shown, and the letter it is shown with.
const choiceOnCard = (page, index) => block(page).locator('.sg-choice').filter({ has: page.locator(`input[value="${index}"]`) });
const letterOnCard = async (page, index) => (await choiceOnCard(page, index).locator('.sg-letter').innerText()).replace(')', '');
// The choices' text in the order a card (or a quiz question, `scope`) shows them.
const choiceTexts = (scope) => scope.locator('.sg-choice-text').evaluateAll((els) => els.map((el) => el.innerHTML));

// Answers the question card on screen with the bank's choice `index` and checks it.
async function answerCard(page, index) {
  await choiceOnCard(page, index).locator('input').check();
  await block(page).getByRole('button', { name: 'Check' }).click();
}

// Which bank question the card on screen shows, by its prompt.
async function questionOnScreen(page) {
  const prompt = await block(page).locator('.sg-prompt').innerHTML();
  const q = singles().find((x) => x.prompt === prompt) || bank().questions.find((x) => x.prompt === prompt);
  assert.ok(q, 'the card shows a question of the bank');
  return q;
}

test('wrong answers in a chapter quiz become due cards on the review page', async (t) => {
  const [a, b] = singles();
  const page = await open(t, a.quiz.replace(/#.*/, ''));
  for (const q of [a, b]) {
    const item = page.locator(`#sg-q-${q.id}`);
    await item.locator('input').nth(q.wrong).check();
    await item.getByRole('button', { name: 'Check' }).click();
    await expectText(item.getByRole('status'), /^Incorrect/);
  }
  await page.goto(book.url(REVIEW));
  await expectVisible(block(page).locator('[data-sg-nojs]'), false);
  await expectText(summary(page), '2 cards due now.');
  await expectText(heading(page), /^Card 1 of 2: a question from /);
  const shown = await questionOnScreen(page);
  assert.ok([a.id, b.id].includes(shown.id));
  // A wrong answer again: the verdict, the explanations and only "Again".
  await answerCard(page, shown.wrong);
  const verdict = block(page).locator('.sg-result');
  await expectText(verdict, new RegExp(`^Incorrect\\. The answer is ${await letterOnCard(page, shown.answer[0])}\\.$`));
  assert.ok(await isFocused(verdict), 'the focus is on the verdict');
  await expectText(choiceOnCard(page, shown.wrong).locator('.sg-mark'), '✗ Your answer: incorrect');
  await expectText(choiceOnCard(page, shown.answer[0]).locator('.sg-mark'), '✓ Correct answer');
  const read = block(page).getByRole('link', { name: /^Read again: / });
  assert.equal(await read.getAttribute('href'), shown.see ? shown.see.href : shown.quiz);
  assert.equal(await gradeButtons(page).count(), 1, 'a wrong answer offers Again only');
  await expectText(gradeButton(page, 'Again'), 'Again · 1 minute');
  await gradeButton(page, 'Again').click();
  await expectText(heading(page), /^Card 2 of 2: /);
  assert.ok(await isFocused(heading(page)), 'the focus is on the next card');
  // Right this time: all four grades, each with its interval.
  const second = await questionOnScreen(page);
  await answerCard(page, second.answer[0]);
  await expectText(block(page).locator('.sg-result'), 'Correct.');
  assert.deepEqual(await gradeButtons(page).allInnerTexts(),
    ['Again · 1 minute', 'Hard · 6 minutes', 'Good · 10 minutes', 'Easy · 8 days']);
  await gradeButton(page, 'Easy').click();
  await expectText(heading(page), 'Nothing due');
  assert.ok(await isFocused(heading(page)));
  await expectText(block(page).locator('.sg-review-next'), /^Next card due today at /);
  const log = await logOf(page);
  const answers = log.filter((e) => e.k === 'q' && e.w === 'review');
  assert.deepEqual(answers.map((e) => [e.id, e.ok]), [[shown.id, false], [second.id, true]]);
  const grades = log.filter((e) => e.k === 'g');
  assert.deepEqual(grades.map((e) => [e.card, e.h, e.g]), [[`q:${shown.id}`, shown.hash, 1], [`q:${second.id}`, second.hash, 4]]);
  // "Again" brings the first back a minute later.
  await page.clock.fastForward('01:10');
  await expectText(heading(page), /^Card 3 of 3: /);
  assert.equal((await questionOnScreen(page)).id, shown.id);
  assertNoErrors(page);
});

test('a card shows its choices in a new order each time, kept across a reload; letters and feedback follow it', async (t) => {
  const q = singles().find((x) => x.choices.length === 4 && x.choices.every((c) => c.why));
  // A time for the wrong answer whose card must show the choices in another
  // order than the quiz's, with the answer under another letter.
  const probe = await open(t);
  const found = await probe.evaluate(({ q, from }) => {
    const R = window.StudyGuide.review;
    for (let k = 0; k < 100; k++) {
      const log = [{ k: 'q', id: q.id, h: q.hash, p: [0], ok: false, t: from - k * 1000, w: 'quiz' }];
      const [card] = R.cards(log, { questions: [q] }, from, {});
      const order = R.order(q.choices.length, R.showingSeed(card));
      if (order.indexOf(q.answer[0]) !== q.answer[0]) return { t: from - k * 1000, order };
    }
    return null;
  }, { q, from: T0 - DAY });
  assert.ok(found, 'some showing moves the answer to another letter');
  const page = await open(t, q.quiz.replace(/#.*/, ''), { entries: [missed(q, found.t)] });
  const inQuiz = await choiceTexts(page.locator(`#sg-q-${q.id}`));
  assert.deepEqual(inQuiz, q.choices.map((c) => c.html), 'the quiz shows the book\'s order');
  await page.goto(book.url(REVIEW));
  await expectText(heading(page), /^Card 1 of 1: /);
  const onCard = await choiceTexts(block(page));
  assert.deepEqual(onCard, found.order.map((i) => q.choices[i].html), 'the card shows its showing\'s order');
  assert.notDeepEqual(onCard, inQuiz, 'another order than the quiz\'s');
  assert.deepEqual(await block(page).locator('.sg-letter').allInnerTexts(), ['A)', 'B)', 'C)', 'D)'], 'letters follow the order shown');
  const letter = await letterOnCard(page, q.answer[0]);
  assert.equal(letter, 'ABCD'[found.order.indexOf(q.answer[0])]);
  assert.notEqual(letter, 'ABCD'[q.answer[0]]);
  await page.reload();
  assert.deepEqual(await choiceTexts(block(page)), onCard, 'a reload keeps the order');
  // Feedback follows the order shown: the verdict's letter, the marks and each choice's explanation.
  await answerCard(page, q.wrong);
  await expectText(block(page).locator('.sg-result'), `Incorrect. The answer is ${letter}.`);
  await expectText(block(page).locator('.sg-choice').nth(found.order.indexOf(q.answer[0])).locator('.sg-mark'), '✓ Correct answer');
  await expectText(block(page).locator('.sg-choice').nth(found.order.indexOf(q.wrong)).locator('.sg-mark'), '✗ Your answer: incorrect');
  const whys = await block(page).locator('.sg-choice .sg-why').evaluateAll((els) => els.map((el) => el.innerHTML));
  assert.deepEqual(whys, found.order.map((i) => q.choices[i].why));
  assert.deepEqual((await logOf(page)).filter((e) => e.w === 'review').map((e) => e.p), [[q.wrong]], 'the log has the book\'s index');
  await page.reload();
  assert.deepEqual(await choiceTexts(block(page)), onCard, 'answered but not graded: the same showing');
  // Graded, the card comes back as a new showing, in that showing's order.
  await answerCard(page, q.wrong);
  await gradeButton(page, 'Again').click();
  await page.clock.fastForward('01:10');
  await expectText(heading(page), /^Card 2 of 2: /);
  const next = await page.evaluate((bank) => {
    const R = window.StudyGuide.review;
    const [card] = R.cards(window.StudyGuide.log.entries(), bank, Date.now());
    return { seed: R.showingSeed(card), order: R.order(card.item.choices.length, R.showingSeed(card)) };
  }, bank());
  const first = await page.evaluate(({ q, t }) => {
    const R = window.StudyGuide.review;
    return R.showingSeed(R.cards([{ k: 'q', id: q.id, h: q.hash, p: [0], ok: false, t, w: 'quiz' }], { questions: [q] }, t)[0]);
  }, { q, t: found.t });
  assert.notEqual(next.seed, first, 'a new showing, a new seed');
  assert.deepEqual(await choiceTexts(block(page)), next.order.map((i) => q.choices[i].html));
  assertNoErrors(page);
});

test('a graded card is due again after its interval, and not before', async (t) => {
  const [q] = singles();
  const page = await open(t, REVIEW, { entries: [missed(q, T0 - DAY)] });
  await expectText(summary(page), '1 card due now.');
  await answerCard(page, q.answer[0]);
  await expectText(gradeButton(page, 'Easy'), 'Easy · 8 days');
  await gradeButton(page, 'Easy').click();
  await expectText(block(page).getByRole('status').filter({ hasText: /^Easy:/ }),
    /^Easy: this card comes back Wednesday, December 9 \(in 8 days\)\.$/);
  await expectText(block(page).locator('.sg-review-next'), 'Next card due Wednesday, December 9 (in 8 days).');
  await page.clock.fastForward(7 * DAY - 3600e3);
  await page.reload();
  await expectText(heading(page), 'Nothing due');
  await expectText(block(page).locator('.sg-review-next'), /^Next card due tomorrow, Wednesday, December 9\.$/);
  await page.clock.fastForward(26 * 3600e3);
  await expectText(heading(page), /^Card 1 of 1: /);
  await expectText(summary(page), '1 card due now.');
  // Its second review reaches further.
  await answerCard(page, q.answer[0]);
  const good = await gradeButton(page, 'Good').innerText();
  const [, days, months] = /^Good · (?:(\d+) days|([\d.]+) months)$/.exec(good) || [];
  assert.ok(days > 8 || months >= 1, `Good after 8 days gives more than 8 days: ${good}`);
  assertNoErrors(page);
});

test('an edited question starts afresh; a card the book no longer has stays in the log, unshown', async (t) => {
  const [a, b] = singles();
  const OLD = '000000000000';
  const log = [
    missed(a, T0 - 10 * DAY, OLD), { k: 'g', card: `q:${a.id}`, h: OLD, g: 4, t: T0 - DAY },
    missed(b, T0 - 10 * DAY), { k: 'g', card: `q:${b.id}`, h: b.hash, g: 4, t: T0 - DAY },
    { k: 'q', id: 'no-such-question', h: '123456789abc', p: [0], ok: false, t: T0 - DAY, w: 'exam' },
  ];
  const page = await open(t, REVIEW, { entries: log });
  await expectText(summary(page), '1 card due now.');
  await expectText(heading(page), /^Card 1 of 1: /);
  assert.equal((await questionOnScreen(page)).id, a.id, 'the edited question is due, its old grades ignored');
  const derived = await page.evaluate(({ bankOf, now }) => {
    const R = window.StudyGuide.review;
    const log = window.StudyGuide.log.entries();
    return {
      shown: R.cards(log, bankOf, now).map((c) => [c.card, c.reviews, c.due <= now]),
      all: R.cards(log, null, now).map((c) => c.card),
    };
  }, { bankOf: bank(), now: T0 });
  assert.deepEqual(derived.shown, [[`q:${a.id}`, 0, true], [`q:${b.id}`, 1, false]]);
  assert.ok(derived.all.includes('q:no-such-question'), 'the log alone still has the removed question');
  await answerCard(page, a.answer[0]);
  await gradeButton(page, 'Good').click();
  await expectText(heading(page), 'Nothing due');
  const after = await logOf(page);
  assert.ok(after.some((e) => e.id === 'no-such-question'), 'the removed question stays in the log');
  assert.deepEqual(after.filter((e) => e.k === 'g' && e.card === `q:${a.id}`).map((e) => e.h), [OLD, a.hash]);
  assertNoErrors(page);
});

test('a limit missed in practice becomes a card, graded by the learner', async (t) => {
  const limit = bank().limits[0];
  const page = await open(t, limit.href.replace(/#.*/, ''));
  const row = page.locator(`tr[data-sg-limit][data-id="${limit.id}"]`);
  await page.locator('[data-sg-limits]').filter({ has: row }).locator('[data-sg-practice]').click();
  const inputs = row.locator('input');
  for (let i = 0; i < await inputs.count(); i++) await inputs.nth(i).fill('1 ms');
  await row.locator('[data-sg-row-check]').click();
  await expectText(row.getByRole('status'), /^✗ Incorrect/);
  await page.goto(book.url(REVIEW));
  await expectText(heading(page), `Card 1 of 1: a limit from ${limit.table}`);
  await expectText(block(page).locator('.sg-review-ask'), `${limit.name} (${limit.table})?`);
  assert.equal(await block(page).getByText(limit.value).count(), 0, 'the value is not on the page yet');
  assert.equal(await gradeButtons(page).count(), 0, 'no grades before the value shows');
  await block(page).getByRole('button', { name: 'Show value' }).click();
  const value = block(page).locator('.sg-review-value');
  await expectText(value, `${limit.name}: ${limit.value}`);
  assert.ok(await isFocused(value), 'the focus is on the value');
  assert.equal(await block(page).getByRole('link', { name: `Read again: ${limit.table}` }).getAttribute('href'), limit.href);
  assert.deepEqual(await gradeButtons(page).allInnerTexts(),
    ['Again · 1 minute', 'Hard · 6 minutes', 'Good · 10 minutes', 'Easy · 8 days']);
  await gradeButton(page, 'Hard').click();
  await expectText(heading(page), 'Nothing due');
  const log = await logOf(page);
  const mine = log.filter((e) => e.w === 'review' || e.k === 'g');
  assert.deepEqual(mine.map((e) => [e.k, e.id || e.card, e.ok ?? e.g]), [['l', limit.id, true], ['g', `l:${limit.id}`, 2]]);
  // Hard comes back after six minutes.
  await page.clock.fastForward('06:30');
  await expectText(heading(page), `Card 2 of 2: a limit from ${limit.table}`);
  assertNoErrors(page);
});

test('"Review later" adds a question; the exam date caps the intervals', async (t) => {
  const [q] = singles();
  const page = await open(t);
  await expectText(heading(page), 'Nothing due');
  await expectText(block(page).locator('.sg-review-next'), /^No cards yet\./);
  assert.equal(await page.evaluate(([id, h]) => window.StudyGuide.review.addLater(id, h), [q.id, q.hash]), true);
  await expectText(heading(page), /^Card 1 of 1: /);
  assert.deepEqual((await logOf(page)).map((e) => [e.k, e.card, e.h]), [['later', `q:${q.id}`, q.hash]]);
  // On paper: the due questions, not their answers.
  await page.emulateMedia({ media: 'print' });
  const printed = block(page).locator('.sg-review-print');
  await expectVisible(printed);
  assert.equal(await printed.locator('li').count(), 1);
  await expectVisible(block(page).locator('[data-sg-review-check]'), false);
  await page.emulateMedia({ media: 'screen' });

  const exam = block(page).getByLabel('Exam date (optional)');
  await exam.fill('2026-12-04');
  await expectText(block(page).locator('.sg-review-hint'), 'No card is scheduled after December 4, 2026.');
  await answerCard(page, q.answer[0]);
  await expectText(gradeButton(page, 'Easy'), 'Easy · 3 days');
  await page.reload();
  assert.equal(await block(page).getByLabel('Exam date (optional)').inputValue(), '2026-12-04');
  await answerCard(page, q.answer[0]);
  await expectText(gradeButton(page, 'Easy'), 'Easy · 3 days');
  await gradeButton(page, 'Easy').click();
  await expectText(block(page).locator('.sg-review-next'), /^Next card due Friday, December 4 \(in 3 days\)\.$/);
  await block(page).getByLabel('Exam date (optional)').fill('');
  await expectText(block(page).locator('.sg-review-next'), /^Next card due Wednesday, December 9 \(in 8 days\)\.$/);
  assert.equal(await page.evaluate((k) => localStorage.getItem(k), await storeName(page, 'sg:review:settings')), null);
  assertNoErrors(page);
});

test('the scheduling functions: cards(log, bank, now) and dueCount(log, now)', async (t) => {
  const page = await open(t);
  const out = await page.evaluate((now) => {
    const R = window.StudyGuide.review;
    const D = 864e5;
    const bankOf = { questions: [{ id: 'a', hash: 'new' }, { id: 'b', hash: 'hb' }, { id: 'c', hash: 'hc' }], limits: [{ id: 'x', hash: 'hx' }] };
    const log = [
      { k: 'q', id: 'a', h: 'old', p: [0], ok: false, t: now - 10 * D, w: 'quiz' },
      { k: 'g', card: 'q:a', h: 'old', g: 4, t: now - D },
      { k: 'q', id: 'b', h: 'hb', p: [1], ok: true, t: now - 10 * D, w: 'quiz' },
      { k: 'later', card: 'q:b', h: 'hb', t: now - 9 * D },
      { k: 'g', card: 'q:b', h: 'hb', g: 4, t: now - D },
      { k: 'l', id: 'x', h: 'hx', ok: false, t: now - 2 * D, w: 'limit' },
      { k: 'l', id: 'y', h: 'hy', ok: true, t: now - 2 * D, w: 'limit' },
      { k: 'q', id: 'gone', h: 'hg', p: [0], ok: false, t: now - 2 * D, w: 'exam' },
      // Missed again in an exam after its last grade: due again at once.
      { k: 'q', id: 'c', h: 'hc', p: [0], ok: false, t: now - 20 * D, w: 'quiz' },
      { k: 'g', card: 'q:c', h: 'hc', g: 4, t: now - 3 * D },
      { k: 'q', id: 'c', h: 'hc', p: [0], ok: false, t: now - 1.2 * D, w: 'exam' },
      { k: 'q', id: 'c', h: 'hc', p: [0], ok: false, t: now - 2 * D, w: 'review' },
      // Entries of the wrong shape are skipped.
      { k: 'q', id: 'bad', h: 'h', ok: 'no', t: now }, { k: 'g', card: 'q:b', h: 'hb', g: 9, t: now }, null, 7,
    ];
    const days = (c) => Math.round((c.due - now) / D);
    const FSRS = window.FSRS;
    delete window.FSRS;
    const without = [R.dueCount(log, now), R.cards(log, bankOf, now).map((c) => c.due)];
    window.FSRS = FSRS;
    return {
      withBank: R.cards(log, bankOf, now, {}).map((c) => [c.card, days(c), c.reviews, c.hash]),
      lapsed: (R.cards(log, bankOf, now, {}).find((c) => c.card === 'q:c').due - now) / D,
      logOnly: R.cards({ v: 1, entries: log }, null, now, {}).map((c) => [c.card, days(c), c.reviews, c.hash]),
      due: R.dueCount(log, now, {}),
      exam: R.cards(log, bankOf, now, { exam: '2026-12-03' }).map((c) => new Date(c.due).toISOString()),
      without,
      stateOf: R.cards(log, bankOf, now, {})[3].state.reps,
    };
  }, T0);
  assert.deepEqual(out.withBank, [['q:a', -10, 0, 'new'], ['l:x', -2, 0, 'hx'], ['q:c', -1, 1, 'hc'], ['q:b', 7, 1, 'hb']]);
  assert.equal(out.lapsed, -1.2, 'missed in an exam after its last grade: due since then');
  assert.deepEqual(out.logOnly,
    [['l:x', -2, 0, 'hx'], ['q:gone', -2, 0, 'hg'], ['q:c', -1, 1, 'hc'], ['q:a', 7, 1, 'old'], ['q:b', 7, 1, 'hb']]);
  assert.equal(out.due, 3, 'due by the log alone: the limit, the removed question and the one missed again');
  assert.deepEqual(out.exam.slice(3), [new Date(2026, 11, 3).toISOString()], 'no due date after the exam day');
  assert.deepEqual(out.without, [null, [null, null, null, null]], 'without ts-fsrs: no due dates');
  assert.equal(out.stateOf, 1);
  assertNoErrors(page);
});

// A log with two missed questions and a missed limit, oldest first.
function threeCards() {
  const [a, b] = singles();
  const limit = bank().limits[0];
  return [missed(a, T0 - 3 * DAY), missed(b, T0 - 2 * DAY),
    { k: 'l', id: limit.id, h: limit.hash, ok: false, t: T0 - DAY, w: 'limit' }];
}

test('storage: blocked, the page still reviews; full, it says reviews are not kept', async (t) => {
  const [q] = singles();
  const log = threeCards();
  // mdBook's own sidebar script (toc-*.js) reads localStorage without a
  // try/catch; that error is mdBook's, so only the rest must be error-free.
  const blocked = await open(t, REVIEW, {
    init: () => {
      Storage.prototype.getItem = function () { throw new Error('storage blocked'); };
      Storage.prototype.setItem = function () { throw new Error('storage blocked'); };
    },
  });
  await expectText(heading(blocked), 'Nothing due');
  await blocked.evaluate(([id, h]) => window.StudyGuide.review.addLater(id, h), [q.id, q.hash]);
  await answerCard(blocked, q.answer[0]);
  await gradeButton(blocked, 'Good').click();
  await expectText(heading(blocked), 'Nothing due');
  await expectText(block(blocked).locator('.sg-review-next'), /^Next card due today at /);
  assert.deepEqual(blocked.errors.filter((e) => e !== 'Error: storage blocked'), [], 'no other errors');

  const full = await open(t, REVIEW, {
    entries: log,
    init: () => {
      // The log's entries do not fit; what was there is read.
      const setItem = Storage.prototype.setItem;
      Storage.prototype.setItem = function (key, value) {
        if (/^sg@[^:]+:log:/.test(key)) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        return setItem.call(this, key, value);
      };
    },
  });
  await expectText(summary(full), '3 cards due now.');
  const first = await questionOnScreen(full);
  await answerCard(full, first.answer[0]);
  await gradeButton(full, 'Easy').click();
  await expectText(heading(full), /^Card 2 of 3: /);
  await expectVisible(block(full).getByText(/storage is blocked or full/));
  assertNoErrors(full);
});

test('two tabs: a card graded in one leaves the other, and the exam date follows', async (t) => {
  const one = await open(t, REVIEW, { entries: threeCards() });
  const two = await open(t, REVIEW, { context: one.context() });
  await expectText(summary(one), '3 cards due now.');
  await expectText(summary(two), '3 cards due now.');
  const q = await questionOnScreen(two);
  assert.equal((await questionOnScreen(one)).id, q.id, 'both tabs show the same card');
  // Tab two has picked a choice of the card when tab one grades it.
  await block(two).locator('.sg-choice input').nth(q.wrong).check();
  await answerCard(one, q.answer[0]);
  await gradeButton(one, 'Easy').click();
  await expectText(summary(two), '2 cards due now.');
  await expectText(heading(two), /^Card 1 of 2: /);
  assert.notEqual((await questionOnScreen(two)).id, q.id);
  await block(one).getByLabel('Exam date (optional)').fill('2026-12-24');
  assert.equal(await block(two).getByLabel('Exam date (optional)').inputValue(), '2026-12-24');
  assertNoErrors(one);
  assertNoErrors(two);
});

test('opened from disk, the review works and makes no network request', async (t) => {
  const log = threeCards();
  const page = await open(t, book.fileUrl(REVIEW), { entries: log });
  await expectText(summary(page), '3 cards due now.');
  const q = await questionOnScreen(page);
  await answerCard(page, q.answer[0]);
  await gradeButton(page, 'Good').click();
  await expectText(heading(page), /^Card 2 of 3: /);
  assert.ok(page.requests.some((u) => u.endsWith('/studyguide/ts-fsrs.js')), 'ts-fsrs came from the book');
  assert.deepEqual(page.requests.filter((u) => !u.startsWith('file://')), [], 'only file:// requests');
  assertNoErrors(page);
});

// mdBook's five themes.
for (const theme of ['light', 'rust', 'coal', 'navy', 'ayu']) {
  test(`axe finds no violations on any screen of the review (${theme} theme)`, async (t) => {
    const log = threeCards();
    const page = await open(t, REVIEW, { entries: log, theme });
    assert.ok(await page.evaluate((name) => document.documentElement.classList.contains(name), theme));
    const problems = [];
    // Every screen in the light theme; in the others, those with all the colours.
    const every = theme === 'light';
    const scan = async (label, always = every) => {
      if (always) problems.push(...(await axeViolations(page, BLOCK)).map((v) => `${label}: ${v}`));
    };
    await scan('a question');
    const first = await questionOnScreen(page);
    await answerCard(page, first.wrong);
    await expectText(block(page).locator('.sg-result'), /^Incorrect/);
    await scan('answered wrongly', true);
    await gradeButton(page, 'Again').click();
    const second = await questionOnScreen(page);
    await answerCard(page, second.answer[0]);
    await expectText(block(page).locator('.sg-result'), 'Correct.');
    await scan('answered rightly');
    await gradeButton(page, 'Good').click();
    await expectText(heading(page), /a limit from/);
    await scan('a limit');
    await block(page).getByRole('button', { name: 'Show value' }).click();
    await scan('its value', true);
    await gradeButton(page, 'Good').click();
    await expectText(heading(page), 'Nothing due');
    await scan('nothing due', true);
    assertNoErrors(page);
    assertNoViolations(problems, theme);
  });
}

test('at phone width (390px) the review fits without horizontal scrolling', async (t) => {
  const width = 390;
  const log = threeCards();
  const page = await open(t, REVIEW, { entries: log, viewport: { width, height: 800 } });
  const overflow = () => page.evaluate(() => document.documentElement.scrollWidth);
  const q = await questionOnScreen(page);
  await answerCard(page, q.answer[0]);
  for (const name of ['Again', 'Hard', 'Good', 'Easy']) {
    const box = await gradeButton(page, name).boundingBox();
    assert.ok(box.x >= 0 && box.x + box.width <= width, `${name} within the viewport: ${JSON.stringify(box)}`);
  }
  assert.ok(await overflow() <= width + 1, `scrollWidth ${await overflow()} <= ${width + 1}`);
  assertNoErrors(page);
});

test('without JavaScript the page says the review needs it', async (t) => {
  const page = await book.open(t, REVIEW, { javaScriptEnabled: false });
  await expectVisible(block(page).locator('[data-sg-nojs]'));
  assert.equal(await block(page).locator('.sg-review-app').count(), 0);
  assertNoErrors(page);
});

test('a card can be answered and graded with the keyboard alone', async (t) => {
  const log = threeCards();
  const page = await open(t, REVIEW, { entries: log });
  const q = await questionOnScreen(page);
  await heading(page).focus();
  await page.keyboard.press('Tab');
  assert.ok(await isFocused(block(page).locator('.sg-choice input').first()), 'Tab reaches the first choice');
  const place = await block(page).locator('.sg-choice input').evaluateAll((inputs, v) => inputs.findIndex((i) => i.value === v),
    String(q.answer[0]));
  for (let i = 0; i < place; i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Tab');
  assert.ok(await isFocused(block(page).getByRole('button', { name: 'Check' })));
  await page.keyboard.press('Enter');
  await expectText(block(page).locator('.sg-result'), 'Correct.');
  for (let i = 0; i < 8 && !(await isFocused(gradeButton(page, 'Again'))); i++) await page.keyboard.press('Tab');
  assert.ok(await isFocused(gradeButton(page, 'Again')), 'Tab reaches the grades');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Space');
  await expectText(heading(page), /^Card 2 of 3: /);
  assert.deepEqual((await logOf(page)).filter((e) => e.k === 'g').map((e) => e.g), [3]);
  assert.ok(await isFocused(heading(page)), 'the focus is on the next card');
  assertNoErrors(page);
});
