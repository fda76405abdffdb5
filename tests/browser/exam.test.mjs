// The practice exam in a real browser, on the learner's-loop fixture book
// (tests/books/loop/, its page exam.md): starting, answering by keyboard,
// flags, the navigator, review, results, retakes, reloads, a second tab,
// time running out, broken storage, paper and axe. Time is Playwright's
// clock, never a sleep.
// Run: node --test tests/browser/exam.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newPage, storeName, useBook } from './harness.mjs';
import { assertNoErrors, assertNoViolations, axeViolations, expectText, expectVisible } from './assertions.mjs';
import { EXAM, MINUTE, button, escape, examOf, examPage, heading, isFocused, logEntries, navButton, pick, wrongOf } from './exam-page.mjs';

const book = useBook('loop');
const { exam, storeKey, standardMinutes, plus30Minutes, stored, open, start, shown, submit } = examPage(book);

/** Rows of a results table: { name: [questions, correct, percent] }. */
async function tableRows(page, caption) {
  const table = examOf(page).locator('table').filter({ has: page.locator('caption', { hasText: caption }) });
  return table.locator('tbody tr').evaluateAll((rows) => Object.fromEntries(rows.map((row) =>
    [row.cells[0].textContent, [...row.cells].slice(1).map((c) => c.textContent)])));
}

test('the start screen says how big the bank is and offers count, chapters, mode and time', async (t) => {
  const page = await open(t);
  const { size, questions, bank, minutes } = exam();
  const root = examOf(page);
  await expectText(heading(page), 'Start a practice exam');
  await expectVisible(root.getByText(new RegExp(`The question bank holds ${size} questions in ${bank.chapters.length} chapters`)));
  await expectVisible(root.locator('[data-sg-nojs]'), false);
  const count = root.getByRole('spinbutton', { name: 'Number of questions' });
  assert.equal(await count.inputValue(), String(Math.min(questions, size)));
  assert.equal(await count.getAttribute('max'), String(size));
  for (const c of bank.chapters) {
    assert.ok(await root.getByRole('checkbox', { name: new RegExp(`^${escape(c.title)} \\(`) }).isChecked(), `${c.title} is chosen`);
  }
  assert.ok(await root.getByRole('radio', { name: /^Exam/ }).isChecked(), 'Exam mode by default');
  // Which questions: at random by default; unseen first, weak spots, or one task statement or domain.
  const draws = root.getByRole('group', { name: 'Which questions' }).getByRole('radio');
  assert.deepEqual((await draws.evaluateAll((inputs) => inputs.map((i) => i.value))), ['random', 'unseen', 'weak', 'focus']);
  assert.ok(await root.getByRole('radio', { name: /^Random/ }).isChecked(), 'a random draw by default');
  await expectVisible(root.locator('select[name="focus"]'), false);
  // How sure: off until the learner asks.
  assert.equal(await root.getByRole('checkbox', { name: 'Ask how sure I am with each answer' }).isChecked(), false);
  const limit = root.getByRole('combobox', { name: 'Time limit' });
  const n = Math.min(questions, size);
  const options = await limit.locator('option').allInnerTexts();
  assert.equal(options.length, 4);
  assert.match(options[0], new RegExp(`^${standardMinutes(n)} minutes? \\(the exam's pace: ${minutes} minutes`));
  assert.match(options[1], new RegExp(`^${plus30Minutes(n)} minutes \\(30 minutes more`));
  assert.match(options[2], new RegExp(`^${standardMinutes(n) * 2} minutes \\(double time\\)`));
  assert.equal(options[3], 'No time limit');
  // Practice is untimed: no limit to choose.
  await root.getByRole('radio', { name: /^Practice/ }).check();
  await expectVisible(root.locator('select[name="limit"]'), false);
  // One chapter: at most its questions.
  const first = bank.chapters[0];
  const inFirst = bank.questions.filter((q) => q.chapter === first.id).length;
  for (const c of bank.chapters.slice(1)) {
    await root.getByRole('checkbox', { name: new RegExp(`^${escape(c.title)} \\(`) }).uncheck();
  }
  assert.equal(await count.getAttribute('max'), String(inFirst));
  assert.equal(await count.inputValue(), String(Math.min(questions, inFirst)));
  // Bad input is named next to its field, and the focus goes there.
  await count.fill(String(inFirst + 1));
  await button(page, 'Start').click();
  await expectVisible(root.getByText(`Enter a whole number from 1 to ${inFirst}.`));
  assert.equal(await count.getAttribute('aria-invalid'), 'true');
  assert.ok(await isFocused(count));
  await root.getByRole('checkbox', { name: new RegExp(`^${escape(first.title)} \\(`) }).uncheck();
  await button(page, 'Start').click();
  await expectVisible(root.getByText('Choose at least one chapter.'));
  await expectText(heading(page), 'Start a practice exam');
  assertNoErrors(page);
});

test('"30 minutes more" is scaled to a shorter exam\'s share of the time', async (t) => {
  const page = await open(t, { clock: true });
  const root = examOf(page);
  await root.getByRole('spinbutton', { name: 'Number of questions' }).fill('2');
  const limit = root.getByRole('combobox', { name: 'Time limit' });
  const two = (await limit.locator('option').allInnerTexts())[1];
  assert.ok(plus30Minutes(2) < standardMinutes(2) + 30);
  assert.equal(two, `${plus30Minutes(2)} minutes (${plus30Minutes(2) - standardMinutes(2)} minutes more: the 30 the real exam grants on request, scaled to 2 questions)`);
  await start(page, { n: 2, limit: 'plus30' });
  const saved = await stored(page);
  assert.equal(saved.deadline, saved.start + plus30Minutes(2) * MINUTE);
  assertNoErrors(page);
});

test('during a timed exam the clock stays in view as the page scrolls', async (t) => {
  for (const width of [1280, 390]) {
    const page = await open(t, { clock: true, viewport: { width, height: 480 } });
    await start(page, { n: Math.min(3, exam().size) });
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await page.mouse.wheel(0, 4000);
    const clock = examOf(page).locator('[data-sg-clock]');
    await expectVisible(clock);
    const box = await clock.boundingBox();
    assert.ok(box && box.y >= 0 && box.y + box.height <= 480, `the clock is on screen at the foot of the page (${width}px): ${JSON.stringify(box)}`);
    assertNoErrors(page);
  }
});

test('questions are drawn in proportion to the domain weights, and shuffled per attempt', async (t) => {
  const page = await open(t);
  const { bank } = exam();
  const n = Math.min(exam().questions, exam().size);
  await start(page, { n });
  const first = await stored(page);
  assert.equal(first.order.length, n);
  const weights = Object.fromEntries(bank.domains.map((d) => [d.key, d.weight]));
  const total = bank.domains.reduce((sum, d) => sum + d.weight, 0);
  const drawn = {};
  for (const id of first.order) drawn[exam().byId[id].domain] = (drawn[exam().byId[id].domain] || 0) + 1;
  for (const [key, count] of Object.entries(drawn)) {
    const available = bank.questions.filter((q) => q.domain === key).length;
    const share = n * weights[key] / total;
    assert.ok(count <= available, `${key}: ${count} of ${available}`);
    assert.ok(Math.abs(count - share) < 1 || count === available, `${key}: ${count} drawn for a share of ${share.toFixed(2)}`);
  }
  // Every choice order is a permutation; a new attempt has its own seed.
  for (const [i, perm] of first.perm.entries()) {
    assert.deepEqual([...perm].sort(), exam().byId[first.order[i]].choices.map((c, k) => k));
  }
  await submit(page);
  await button(page, 'New exam').click();
  await start(page, { n });
  assert.notEqual((await stored(page)).seed, first.seed);
  assertNoErrors(page);
});

test('without JavaScript the exam says it needs it and links the chapter quizzes', async (t) => {
  const page = await open(t, { javaScriptEnabled: false });
  await expectVisible(examOf(page).locator('[data-sg-nojs]'));
  assert.ok(await examOf(page).locator('[data-sg-nojs] a').count() > 0);
});

// Presses Tab until `target` has the focus.
async function tabTo(page, target, max = 12) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (await isFocused(target)) return;
  }
  assert.fail(`Tab did not reach ${target} in ${max} presses`);
}

test('leaving a timed exam by a link or the arrow keys asks first, and the attempt is kept either way', async (t) => {
  const page = await open(t, { clock: true });
  await start(page, { n: 3 });
  const q1 = await shown(page);
  await pick(page, q1.answer);
  const dialog = page.getByRole('dialog', { name: 'Leave the exam?' });
  // A link in the sidebar: asked, and staying keeps the learner where they were.
  await page.getByRole('link', { name: 'Lambda', exact: true }).first().click();
  await expectVisible(dialog);
  await expectText(dialog, /Your answers are kept, and the clock keeps running while you are away: \d+:\d\d left\./);
  assert.ok(await isFocused(dialog.getByRole('button', { name: 'Stay on the exam' })), 'staying is the default');
  await dialog.getByRole('button', { name: 'Stay on the exam' }).click();
  await dialog.waitFor({ state: 'hidden' });
  assert.match(page.url(), /exam\.html$/);
  await expectText(heading(page), 'Question 1 of 3');
  // mdBook's arrow keys: asked too; Escape stays.
  await heading(page).focus();
  await page.keyboard.press('ArrowRight');
  await expectVisible(dialog);
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'hidden' });
  assert.match(page.url(), /exam\.html$/);
  // A link within the page (the skip link) is not leaving.
  await page.evaluate(() => document.activeElement instanceof HTMLElement && document.activeElement.blur());
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await dialog.waitFor({ state: 'hidden' });
  // Leaving goes where the link leads; coming back, the attempt is there, its answer with it.
  await page.getByRole('link', { name: 'Lambda', exact: true }).first().click();
  await dialog.getByRole('button', { name: 'Leave the exam' }).click();
  await page.waitForURL(/compute\/lambda\.html$/);
  await page.goBack();
  await expectText(heading(page), 'Question 1 of 3');
  assert.ok(await examOf(page).locator(`.sg-exam-question input[value="${q1.answer[0]}"]`).isChecked());
  // Submitted, the exam is no longer under way: a link leaves at once.
  await submit(page);
  await page.getByRole('link', { name: 'Lambda', exact: true }).first().click();
  await page.waitForURL(/compute\/lambda\.html$/);
  assertNoErrors(page);
});

test('an untimed attempt is left without a question', async (t) => {
  const page = await open(t);
  await start(page, { n: 3, limit: 'none' });
  await page.getByRole('link', { name: 'Lambda', exact: true }).first().click();
  await page.waitForURL(/compute\/lambda\.html$/);
  assertNoErrors(page);
});

test('a whole timed exam by keyboard alone', async (t) => {
  const page = await open(t, { clock: true });
  const root = examOf(page);
  const n = Math.min(4, exam().size);
  // Into the form from the heading, the count typed, Start with Enter.
  await heading(page).focus();
  await tabTo(page, root.getByRole('spinbutton', { name: 'Number of questions' }));
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type(String(n));
  await tabTo(page, button(page, 'Start'), 20);
  await page.keyboard.press('Enter');
  for (let i = 1; i <= n; i++) {
    await expectText(heading(page), `Question ${i} of ${n}`);
    assert.ok(await isFocused(heading(page)), `the focus is on question ${i}'s heading`);
    const q = await shown(page);
    const values = await root.locator('.sg-exam-question input').evaluateAll((inputs) => inputs.map((x) => +x.value));
    const positions = q.answer.map((c) => values.indexOf(c)).sort();
    await page.keyboard.press('Tab');
    if (q.answer.length > 1) {
      assert.match(await root.locator('.sg-exam-question legend').innerText(), /\(Choose [A-Z]+\.\)$/);
      assert.equal(await root.locator('.sg-exam-question').getByRole('checkbox').count(), values.length);
      for (let k = 0; k < values.length; k++) {
        if (positions.includes(k)) await page.keyboard.press('Space');
        if (k < values.length - 1) await page.keyboard.press('Tab');
      }
    } else {
      assert.equal(await root.locator('.sg-exam-question').getByRole('radio').count(), values.length);
      if (positions[0] === 0) await page.keyboard.press('Space');
      for (let k = 0; k < positions[0]; k++) await page.keyboard.press('ArrowDown');
    }
    await tabTo(page, button(page, i < n ? 'Next' : 'Review answers'));
    await page.keyboard.press('Enter');
  }
  await expectText(heading(page), 'Review before you submit');
  assert.ok(await isFocused(heading(page)));
  await tabTo(page, button(page, 'Submit'), 20);
  await page.keyboard.press('Enter');
  assert.ok(await isFocused(button(page, 'Cancel')), 'the confirmation takes the focus');
  await page.keyboard.press('Shift+Tab');
  assert.ok(await isFocused(button(page, 'Submit now')));
  await page.keyboard.press('Enter');
  await expectText(heading(page), 'Results');
  assert.ok(await isFocused(heading(page)));
  await expectText(root.locator('.sg-exam-score'), `PASS: ${n} of ${n} correct, 100% (the pass mark here is ${exam().pass}%).`);
  assertNoErrors(page);
});

test('the first Tab shows "Skip to the exam", which takes the focus to the current question', async (t) => {
  const page = await open(t, { clock: true });
  await start(page, { n: Math.min(3, exam().size) });
  await button(page, 'Next').click();
  await expectText(heading(page), /^Question 2 of /);
  await page.reload();
  await expectText(heading(page), /^Question 2 of /);
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to the exam' });
  assert.ok(await isFocused(skip), 'the skip link is the first stop');
  await page.keyboard.press('Enter');
  assert.ok(await isFocused(heading(page)), 'the focus is on the current question\'s heading');
  assertNoErrors(page);
});

test('flags, the navigator and the review screen lead back to any question; Submit asks inline', async (t) => {
  const page = await open(t);
  const root = examOf(page);
  await start(page, { n: 5 });
  await pick(page, [0]);
  await button(page, 'Next').click();
  const flag = button(page, 'Flag for review');
  assert.equal(await flag.getAttribute('aria-pressed'), 'false');
  await flag.click();
  assert.equal(await flag.getAttribute('aria-pressed'), 'true');
  await expectVisible(root.getByText('Answered 1 of 5'));
  // Each question's state in its name and in visible symbols, not colour alone.
  assert.equal(await navButton(page, 1).getAttribute('aria-current'), null);
  assert.equal(await navButton(page, 2).getAttribute('aria-current'), 'step');
  await expectText(navButton(page, 1).locator('[aria-hidden="true"]'), /^1\s*✓$/);
  await expectText(navButton(page, 2).locator('[aria-hidden="true"]'), /^2\s*○⚑$/);
  assert.equal(await root.getByRole('button', { name: 'Question 1, answered', exact: true }).count(), 1);
  assert.equal(await root.getByRole('button', { name: 'Question 2, unanswered, flagged', exact: true }).count(), 1);
  assert.equal(await root.getByRole('button', { name: 'Question 3, unanswered', exact: true }).count(), 1);
  // The navigator works from the keyboard and moves the focus to the heading.
  await navButton(page, 4).focus();
  await page.keyboard.press('Enter');
  await expectText(heading(page), 'Question 4 of 5');
  assert.ok(await isFocused(heading(page)));
  await pick(page, [1]);
  await button(page, 'Previous').click();
  await expectText(heading(page), 'Question 3 of 5');
  // Review: counts, and each list's questions are buttons back to them.
  await button(page, 'Review and submit').click();
  await expectText(heading(page), 'Review before you submit');
  await expectVisible(root.getByText('Answered 2 of 5 · 3 not answered · 1 flagged for review.'));
  const unanswered = root.getByRole('region', { name: 'Not answered (3)' });
  assert.deepEqual(await unanswered.getByRole('button').allInnerTexts(), ['Question 2', 'Question 3', 'Question 5']);
  const flagged = root.getByRole('region', { name: 'Flagged for review (1)' });
  await flagged.getByRole('button', { name: 'Question 2' }).click();
  await expectText(heading(page), 'Question 2 of 5');
  assert.equal(await button(page, 'Flag for review').getAttribute('aria-pressed'), 'true');
  await button(page, 'Flag for review').click();
  await button(page, 'Review and submit').click();
  await expectVisible(root.getByText('Answered 2 of 5 · 3 not answered · 0 flagged for review.'));
  await button(page, 'Back to the questions').click();
  await expectText(heading(page), 'Question 2 of 5');
  await button(page, 'Review and submit').click();
  // Submit confirms in the page (no window.confirm: a dialog is an error here).
  await button(page, 'Submit').click();
  await expectVisible(root.getByText(/^Submit now\? 3 questions are not answered/));
  await page.keyboard.press('Escape');
  await expectVisible(root.locator('[data-sg-act="confirm"]'), false);
  assert.ok(await isFocused(button(page, 'Submit')));
  await button(page, 'Submit').click();
  await button(page, 'Cancel').click();
  await expectVisible(root.locator('[data-sg-act="confirm"]'), false);
  await button(page, 'Submit').click();
  await button(page, 'Submit now').click();
  await expectText(heading(page), 'Results');
  await expectVisible(root.getByText(/Answered 2 of 5\./));
  assertNoErrors(page);
});

test('a reload mid-exam keeps the order, the answers, the flags, the question and the deadline', async (t) => {
  const page = await open(t, { clock: true });
  const root = examOf(page);
  const n = Math.min(6, exam().size);
  await start(page, { n, limit: 'plus30' });
  const minutes = plus30Minutes(n);
  const before = await stored(page);
  assert.equal(before.deadline, before.start + minutes * MINUTE, 'the deadline is a wall-clock time');
  const order = [];
  for (let i = 1; i <= n; i++) {
    order.push((await shown(page)).id);
    if (i < n) await button(page, 'Next').click();
  }
  assert.deepEqual(order, before.order);
  await navButton(page, 1).click();
  const first = await shown(page);
  await pick(page, first.answer);
  await navButton(page, 2).click();
  await button(page, 'Flag for review').click();
  await navButton(page, 3).click();
  const choicesBefore = await root.locator('.sg-exam-question .sg-exam-choice-text').allInnerTexts();
  await page.clock.runFor(65_000);
  const clock = root.locator('[data-sg-clock]');
  const left = (ms) => { const s = Math.ceil(ms / 1000); return `${Math.floor(s / 3600)}:${String(Math.floor(s % 3600 / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`.replace(/^0:/, ''); };
  await expectText(clock, left(minutes * MINUTE - 65_000));
  await page.reload();
  await expectText(heading(page), `Question 3 of ${n}`);
  assert.deepEqual(await root.locator('.sg-exam-question .sg-exam-choice-text').allInnerTexts(), choicesBefore, 'the same choice order');
  await expectText(clock, left(minutes * MINUTE - 65_000));
  assert.equal(await root.getByRole('button', { name: 'Question 1, answered', exact: true }).count(), 1);
  assert.equal(await root.getByRole('button', { name: 'Question 2, unanswered, flagged', exact: true }).count(), 1);
  const after = await stored(page);
  assert.deepEqual(after.order, before.order);
  assert.deepEqual(after.perm, before.perm);
  assert.equal(after.deadline, before.deadline);
  assert.equal(after.seed, before.seed);
  await navButton(page, 1).click();
  for (const c of first.answer) assert.ok(await root.locator(`.sg-exam-question input[value="${c}"]`).isChecked());
  // Away from the page while the time runs out: coming back shows the results.
  await page.goto(book.url('index.html'));
  await page.clock.fastForward(minutes * MINUTE);
  await page.goto(book.url(EXAM));
  await expectText(heading(page), 'Results');
  await expectVisible(root.getByText(new RegExp(`Time ran out, so the exam was submitted with 1 of ${n} answered\\.`)));
  await expectVisible(root.getByText(new RegExp(`Time taken: ${minutes} min 0 s\\.`)));
  assertNoErrors(page);
});

test('when time runs out the exam is submitted with what was answered, and logged once', async (t) => {
  const page = await open(t, { clock: true });
  const root = examOf(page);
  await start(page, { n: 3 });
  const q = await shown(page);
  await pick(page, q.answer);
  await button(page, 'Next').click();
  await pick(page, wrongOf(await shown(page)));
  await page.clock.runFor(standardMinutes(3) * MINUTE);
  await expectText(heading(page), 'Results');
  await expectVisible(root.getByText(/Time ran out, so the exam was submitted with 2 of 3 answered\./));
  await expectVisible(root.getByText(new RegExp(`Time taken: ${standardMinutes(3)} min 0 s`)));
  assert.equal(await stored(page), null, 'nothing left in progress');
  const entries = await logEntries(page);
  const exams = entries.filter((e) => e.k === 'exam');
  assert.equal(exams.length, 1);
  assert.deepEqual({ ...exams[0], start: 0, t: 0, wrong: exams[0].wrong.length, flagged: 0 },
    { k: 'exam', page: exam().id, mode: 'exam', n: 3, right: 1, pct: 33, passed: false, start: 0, t: 0,
      chapters: exam().bank.chapters.map((c) => c.id), wrong: 2, flagged: 0, draw: 'random' });
  assert.equal(exams[0].t - exams[0].start, standardMinutes(3) * MINUTE);
  assert.equal(entries.filter((e) => e.k === 'q' && e.w === 'exam').length, 2, 'one entry per answered question');
  // A reload after the end shows the same results, and logs nothing more.
  await page.reload();
  await expectText(heading(page), 'Results');
  assert.equal((await logEntries(page)).length, entries.length);
  assertNoErrors(page);
});

test('the results per chapter and domain are right for a scripted set of answers; retakes draw exactly those', async (t) => {
  const page = await open(t);
  const root = examOf(page);
  const { size, bank, pass } = exam();
  await start(page, { n: size, limit: 'none' });
  await expectVisible(root.getByText('No time limit'));
  // Every third question right, every third wrong, the rest unanswered; two flagged.
  const plan = new Map();
  for (let i = 0; i < size; i++) {
    const q = await shown(page);
    const what = i % 3 === 0 ? 'right' : i % 3 === 1 ? 'wrong' : 'skip';
    plan.set(q.id, { what, flagged: i === 1 || i === 2 });
    if (what === 'right') await pick(page, q.answer);
    if (what === 'wrong') await pick(page, wrongOf(q));
    if (i === 1 || i === 2) await button(page, 'Flag for review').click();
    if (i < size - 1) await button(page, 'Next').click();
  }
  await submit(page);
  const right = [...plan.values()].filter((p) => p.what === 'right').length;
  const pct = Math.round(right * 100 / size);
  const passed = right * 100 >= pass * size;
  await expectText(root.locator('.sg-exam-score'), `${passed ? 'PASS' : 'FAIL'}: ${right} of ${size} correct, ${pct}% (the pass mark here is ${pass}%).`);
  await expectVisible(root.getByText('The real exam reports a scaled score; this percentage is not that score.'));
  const expected = (key, titles) => {
    const rows = {};
    for (const q of bank.questions) {
      const title = titles(q[key]);
      rows[title] ??= [0, 0];
      rows[title][0]++;
      if (plan.get(q.id).what === 'right') rows[title][1]++;
    }
    return Object.fromEntries(Object.entries(rows).map(([k, [n, r]]) => [k, [String(n), String(r), `${Math.round(r * 100 / n)}%`]]));
  };
  assert.deepEqual(await tableRows(page, 'By chapter'), expected('chapter', (id) => bank.chapters.find((c) => c.id === id).title));
  assert.deepEqual(await tableRows(page, 'By domain'),
    expected('domain', (key) => (key ? bank.domains.find((d) => d.key === key).title : 'No domain given')));
  // Every question with its answer, the right one, the explanations and where to read again.
  const outcomes = root.locator('.sg-exam-outcome');
  assert.equal(await outcomes.count(), size);
  for (const q of bank.questions) {
    const item = root.locator(`.sg-exam-outcome[data-sg-qid="${q.id}"]`);
    const verdict = { right: 'correct', wrong: 'incorrect', skip: 'not answered' }[plan.get(q.id).what];
    await expectText(item.locator('.sg-exam-outcome-title'), new RegExp(`^Question \\d+: ${verdict}${plan.get(q.id).flagged ? ' \\(flagged\\)' : ''}$`));
    await expectText(item.locator('.sg-result'), /^Your answer: .*\. Correct answer: [A-H](, [A-H])*\.$/);
    const read = item.getByRole('link', { name: /^Read again: / });
    assert.equal(await read.getAttribute('href'), q.see ? q.see.href : q.quiz);
    if (q.see) await expectText(read, `Read again: ${q.see.title}`);
    const whys = q.choices.filter((c) => c.why).length;
    assert.equal(await item.locator('.sg-why').count(), whys, `${q.id}: every choice's explanation`);
  }
  // The log has one entry per answered question and one for the attempt.
  const entries = await logEntries(page);
  const answeredIds = [...plan].filter(([, p]) => p.what !== 'skip').map(([id]) => id).sort();
  assert.deepEqual(entries.filter((e) => e.k === 'q').map((e) => e.id).sort(), answeredIds);
  for (const e of entries.filter((x) => x.k === 'q')) {
    assert.equal(e.ok, plan.get(e.id).what === 'right');
    assert.equal(e.h, exam().byId[e.id].hash);
    assert.equal(e.w, 'exam');
  }
  const [done] = entries.filter((e) => e.k === 'exam');
  assert.deepEqual([done.n, done.right, done.pct, done.passed], [size, right, pct, passed]);
  assert.deepEqual(done.flagged.sort(), [...plan].filter(([, p]) => p.flagged).map(([id]) => id).sort());
  // Retake incorrect: exactly the missed (wrong or unanswered) ones.
  const missed = [...plan].filter(([, p]) => p.what !== 'right').map(([id]) => id).sort();
  const skipped = [...plan].filter(([, p]) => p.what === 'skip').length;
  await button(page, `Retake incorrect (${missed.length}, ${skipped} of them unanswered)`).click();
  await expectText(heading(page), `Question 1 of ${missed.length}`);
  assert.deepEqual([...(await stored(page)).order].sort(), missed);
  assert.equal(await stored(page, `${storeKey()}:last`).then((l) => l.closed), true);
  await submit(page);
  // Nothing flagged this time: that retake is off, and says why.
  const retakeFlagged = root.getByRole('button', { name: 'Retake flagged', exact: true });
  assert.ok(await retakeFlagged.isDisabled());
  assert.equal(await retakeFlagged.getAttribute('aria-describedby') !== null, true);
  await expectVisible(root.getByText('No question was flagged.'));
  await page.reload();
  await expectText(heading(page), 'Results');
  // Both attempts, newest first, on the results and the start screen.
  const history = root.getByRole('region', { name: 'Your attempts' }).locator('tbody tr');
  assert.equal(await history.count(), 2);
  await expectText(history.nth(0).locator('td').nth(2), 'A retake');
  await expectText(history.nth(0).locator('td').nth(3), new RegExp(`^0 / ${missed.length} \\(0%\\) FAIL$`));
  await expectText(history.nth(1).locator('td').nth(2), 'Random');
  await expectText(history.nth(1).locator('td').nth(3), `${right} / ${size} (${pct}%) ${passed ? 'PASS' : 'FAIL'}`);
  await button(page, 'New exam').click();
  await expectText(heading(page), 'Start a practice exam');
  assert.equal(await root.getByRole('region', { name: 'Your attempts' }).locator('tbody tr').count(), 2);
  assertNoErrors(page);
});

test('practice mode marks each question when checked, explains every choice and logs it then', async (t) => {
  const page = await open(t);
  const root = examOf(page);
  await start(page, { n: 2, mode: 'practice' });
  await expectVisible(root.getByText('Practice: untimed'));
  assert.equal(await root.locator('[data-sg-clock]').count(), 0);
  const q = await shown(page);
  await button(page, 'Check').click();
  await expectText(root.locator('[data-sg-exam-status]'), /^Choose (an answer|[A-Z]+ answers) first\.$/);
  await pick(page, wrongOf(q));
  const mine = [...wrongOf(q)];
  if (q.answer.length > 1) {
    // "Choose TWO" is marked once two are chosen.
    await button(page, 'Check').click();
    await expectText(root.locator('[data-sg-exam-status]'), /: you have chosen 1\.$/);
    await pick(page, [q.answer[0]]);
    mine.push(q.answer[0]);
    mine.sort((a, b) => a - b);
  }
  await button(page, 'Check').click();
  const feedback = root.locator('[data-sg-feedback]');
  await expectText(feedback.locator('.sg-result'), /^Incorrect\. The answer is [A-H]( and [A-H])*\.$/);
  assert.ok(await isFocused(feedback), 'the focus goes to the verdict');
  assert.equal(await root.locator('.sg-exam-question .sg-why').count(), q.choices.filter((c) => c.why).length);
  await expectVisible(root.locator('.sg-exam-question').getByText('✗ Your answer: incorrect'));
  assert.ok(await root.locator('.sg-exam-question input').first().isDisabled(), 'a checked answer stays');
  const entries = await logEntries(page);
  assert.equal(entries.length, 1);
  // With the time it was on screen (d, ms), from the page's clock.
  assert.equal(typeof entries[0].d, 'number');
  assert.deepEqual({ ...entries[0], t: 0, d: 0 }, { k: 'q', id: q.id, h: q.hash, p: mine, ok: false, t: 0, w: 'exam', d: 0 });
  await button(page, 'Next').click();
  await pick(page, (await shown(page)).answer);
  await submit(page);
  // The checked question is not logged twice; the unchecked answered one is logged at the end.
  const after = await logEntries(page);
  assert.equal(after.filter((e) => e.k === 'q').length, 2);
  assert.equal(after.filter((e) => e.k === 'exam' && e.mode === 'practice').length, 1);
  assertNoErrors(page);
});

test('a second tab shows the same attempt, and neither tab loses the other\'s answers', async (t) => {
  const one = await open(t);
  await start(one, { n: 3 });
  const two = await open(t, { context: one.context() });
  await expectText(heading(two), 'Question 1 of 3');
  const q1 = await shown(one);
  assert.equal((await shown(two)).id, q1.id);
  await one.bringToFront();
  await pick(one, q1.answer);
  await expectText(examOf(two).getByRole('button', { name: /^Question 1, / }), /✓/);
  assert.ok(await examOf(two).locator(`.sg-exam-question input[value="${q1.answer[0]}"]`).isChecked(), 'tab two shows tab one\'s answer');
  // Tab two answers question 2 and flags it; tab one keeps both.
  await two.bringToFront();
  await button(two, 'Next').click();
  const q2 = await shown(two);
  await pick(two, wrongOf(q2));
  await button(two, 'Flag for review').click();
  await expectText(examOf(one).getByRole('button', { name: /^Question 2, / }), /✓⚑/);
  await expectText(heading(one), 'Question 1 of 3'); // tab one stays where it was
  // A tab in the background draws no frames, which clicking waits for.
  await one.bringToFront();
  await button(one, 'Next').click();
  assert.ok(await examOf(one).locator(`.sg-exam-question input[value="${wrongOf(q2)[0]}"]`).isChecked());
  const saved = await stored(one);
  assert.deepEqual(saved.answers.map((a) => (a ? a.p : null)), [q1.answer.slice().sort((a, b) => a - b), wrongOf(q2), null]);
  // The same question answered again in tab one: the last answer wins, in both.
  await pick(one, [q2.answer[0]]);
  const mine = q2.answer.length > 1 ? [...wrongOf(q2), q2.answer[0]].sort((a, b) => a - b) : [q2.answer[0]];
  assert.deepEqual((await stored(one)).answers[1].p, mine);
  await expectText(examOf(two).getByRole('button', { name: /^Question 2, / }), /✓⚑/);
  assert.ok(await examOf(two).locator(`.sg-exam-question input[value="${q2.answer[0]}"]`).isChecked());
  // Submitted in one tab, the other shows the results.
  await submit(one);
  await expectText(heading(two), 'Results');
  assert.equal((await logEntries(two)).filter((e) => e.k === 'exam').length, 1, 'logged once');
  assertNoErrors(one);
  assertNoErrors(two);
});

test('an attempt another tab removes is not written back, as when "Reset everything" reaches a tab key by key', async (t) => {
  const one = await open(t);
  await start(one, { n: 3 });
  await pick(one, (await shown(one)).answer);
  assert.ok(await stored(one), 'the attempt is saved');
  // A reset removes each key, then starts a new generation: the first half alone, from another page.
  const two = await open(t, { context: one.context(), url: book.url('progress.html') });
  await two.evaluate((key) => window.StudyGuide.store.remove(key), storeKey());
  await one.bringToFront();
  await expectText(heading(one), 'Start a practice exam');
  assert.equal(await stored(one), null, 'tab one did not save the attempt back');
  assertNoErrors(one);
  assertNoErrors(two);
});

test('the remaining time is read out at 30, 10, 5 and 1 minutes only, and the clock is not a live region', async (t) => {
  const page = await open(t, { clock: true });
  const root = examOf(page);
  const n = exam().size;
  await start(page, { n, limit: 'plus30' });
  const total = plus30Minutes(n) * MINUTE;
  assert.ok(total > 30 * MINUTE);
  const clock = root.locator('[data-sg-clock]');
  assert.equal(await clock.evaluate((el) => !!el.closest('[aria-live], [role="status"], [role="alert"], [role="timer"]')), false);
  await page.evaluate(() => {
    window.spoken = [];
    const region = document.querySelector('[data-sg-exam-time]');
    new MutationObserver(() => { if (region.textContent) window.spoken.push(region.textContent); })
      .observe(region, { childList: true, characterData: true, subtree: true });
  });
  assert.equal(await root.locator('[data-sg-exam-time]').getAttribute('aria-live'), 'polite');
  // Through the whole exam, a minute at a time (each second ticks).
  for (let m = 1; m * MINUTE < total; m++) await page.clock.runFor(MINUTE);
  await page.clock.runFor(1000);
  assert.deepEqual(await page.evaluate(() => window.spoken), ['30 minutes left.', '10 minutes left.', '5 minutes left.', '1 minute left.']);
  await expectText(clock, '00:59');
  await page.clock.runFor(MINUTE);
  await expectText(heading(page), 'Results');
  assertNoErrors(page);
});

test('storage that throws still lets you take, submit and retake an exam', async (t) => {
  const page = await open(t, {
    init: () => {
      Storage.prototype.getItem = function () { throw new Error('storage blocked'); };
      Storage.prototype.setItem = function () { throw new Error('storage blocked'); };
    },
  });
  await start(page, { n: 3 });
  await pick(page, (await shown(page)).answer);
  await button(page, 'Next').click();
  await button(page, 'Flag for review').click();
  await submit(page);
  await expectText(examOf(page).locator('.sg-exam-score'), /: 1 of 3 correct/);
  await button(page, 'Retake flagged (1)').click();
  await expectText(heading(page), 'Question 1 of 1');
  // mdBook's own sidebar script reads localStorage unguarded; that error is mdBook's.
  assert.deepEqual(page.errors.filter((e) => e !== 'Error: storage blocked'), [], 'no other errors');
});

// Saved attempts the exam must survive: each is discarded with a note.
const BAD = [
  ['not JSON', () => '{not json'],
  ['the wrong shape', () => JSON.stringify({ v: 1, order: 'x' })],
  ['an id not in the bank', (good) => JSON.stringify({ ...good, order: ['no-such-question', ...good.order.slice(1)] })],
  ['a choice index out of range', (good) => JSON.stringify({ ...good, answers: [{ p: [99], t: 1 }, ...good.answers.slice(1)] })],
  ['a question index out of range', (good) => JSON.stringify({ ...good, current: good.order.length })],
];
test('a damaged saved attempt is discarded with a note, never an error', async (t) => {
  const page = await open(t);
  await start(page, { n: 2 });
  // Off the question screen: a page leaving a question saves the time spent on it (over anything stored meanwhile).
  await button(page, 'Review and submit').click();
  const good = await stored(page);
  const name = await storeName(page, storeKey());
  for (const [label, make] of BAD) {
    await page.evaluate(([k, v]) => localStorage.setItem(k, v), [name, make(good)]);
    await page.reload();
    await expectText(heading(page), 'Start a practice exam');
    await expectVisible(examOf(page).getByText(/^A saved exam on this page could not be read/));
    assert.equal(await page.evaluate((k) => localStorage.getItem(k), name), null, `${label}: removed`);
  }
  await page.evaluate(([k, v]) => localStorage.setItem(k, v), [name, JSON.stringify(good)]);
  await page.reload();
  await expectText(heading(page), 'Question 1 of 2');
  assertNoErrors(page);
});

test('titles from the bank are shown as text, never as markup', async (t) => {
  const page = await newPage(book.browser);
  t.after(() => page.context().close());
  const vector = '<img src=x onerror="window.pwned=1">';
  // The bank file as the build wrote it, with hostile chapter and section titles.
  await page.route('**/studyguide/bank-*.js', async (route) => {
    const response = await route.fetch();
    const body = (await response.text()).replace(/JSON\.parse\(("(?:[^"\\]|\\.)*")\)/, (_, literal) => {
      const bank = JSON.parse(JSON.parse(literal));
      bank.chapters[0].title = vector;
      for (const q of bank.questions) if (q.see) q.see.title = vector;
      return `JSON.parse(${JSON.stringify(JSON.stringify(bank))})`;
    });
    await route.fulfill({ response, body });
  });
  await page.goto(book.url(EXAM));
  await expectVisible(examOf(page).getByText(`${vector} (`));
  await start(page, { n: 2, mode: 'practice' });
  await pick(page, (await shown(page)).answer);
  await button(page, 'Check').click();
  await expectVisible(examOf(page).getByRole('link', { name: `Read again: ${vector}` }));
  assert.equal(await page.evaluate(() => window.pwned), undefined);
  assert.equal(await examOf(page).locator('img').count(), 0);
  assertNoErrors(page);
});

test('opened from disk the exam works with no console errors and no network', async (t) => {
  const page = await open(t, { url: book.fileUrl(EXAM) });
  await start(page, { n: 2 });
  await pick(page, (await shown(page)).answer);
  await submit(page);
  await expectText(examOf(page).locator('.sg-exam-score'), /: 1 of 2 correct/);
  assert.deepEqual(page.requests.filter((u) => !u.startsWith('file://')), [], 'only file:// requests');
  assertNoErrors(page);
});

test('on paper: the last result, or nothing while there is none', async (t) => {
  const page = await open(t);
  const root = examOf(page);
  await page.emulateMedia({ media: 'print' });
  await expectVisible(root.getByText(/^No finished exam yet/), false);
  await expectVisible(root.locator('.sg-exam-view'), false);
  await expectVisible(root.locator('button[type="submit"]'), false);
  await page.emulateMedia({ media: 'screen' });
  await expectVisible(root.getByText(/^No finished exam yet/), false);
  await start(page, { n: 2 });
  await pick(page, (await shown(page)).answer);
  await submit(page);
  await button(page, 'New exam').click();
  await start(page, { n: 2 });
  // Mid-exam, paper gets the last result, not the question.
  await page.emulateMedia({ media: 'print' });
  await expectVisible(root.locator('.sg-exam-score'));
  await expectVisible(root.locator('.sg-exam-question'), false);
  await expectVisible(root.getByText(/^No finished exam yet/), false);
  await expectVisible(root.locator('[data-sg-act="new"]'), false);
  assertNoErrors(page);
});

// mdBook's five themes.
for (const theme of ['light', 'rust', 'coal', 'navy', 'ayu']) {
  test(`axe finds nothing on any screen (${theme})`, async (t) => {
    const page = await open(t, { theme });
    assert.ok(await page.evaluate((name) => document.documentElement.classList.contains(name), theme));
    const found = [];
    const check = async (label) => found.push(...(await axeViolations(page, '[data-sg-exam]')).map((v) => `${label}: ${v}`));
    await check('start');
    await start(page, { n: 3 });
    await pick(page, (await shown(page)).answer);
    await button(page, 'Flag for review').click();
    await check('question');
    await button(page, 'Review and submit').click();
    await button(page, 'Submit').click();
    await check('review');
    await button(page, 'Submit now').click();
    await check('results');
    await button(page, 'New exam').click();
    await start(page, { n: 2, mode: 'practice' });
    await pick(page, wrongOf(await shown(page)));
    await button(page, 'Check').click();
    await check('practice, checked');
    assertNoViolations(found, theme);
    assertNoErrors(page);
  });
}

test('at 390px every screen fits without scrolling sideways', async (t) => {
  const width = 390;
  const page = await open(t, { viewport: { width, height: 800 } });
  const fits = async (label) => {
    const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(scroll <= width + 1, `${label}: scrollWidth ${scroll} <= ${width + 1}`);
  };
  await fits('start');
  await start(page, { n: exam().size });
  await pick(page, wrongOf(await shown(page)));
  await fits('question');
  await button(page, 'Review and submit').click();
  await fits('review');
  await button(page, 'Submit').click();
  await button(page, 'Submit now').click();
  await fits('results');
  assertNoErrors(page);
});
