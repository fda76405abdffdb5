// The practice exam's ways of choosing questions and what its results
// teach, in a real browser on the learner's-loop fixture (tests/books/loop/):
// random, unseen first, weak spots first (checked against ts-fsrs's own
// figures), one task statement or domain (and the progress page's links to
// it), the blueprint's shares and a domain short of its share; how sure the
// learner is (certainty-based marks, the log, the review); the results'
// filters, the time on each question, and retakes' choice orders. Time is
// Playwright's clock, never a sleep.
// Run: node --test tests/browser/exam-modes.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dateDiffInDays, fsrs, generatorParameters } from 'ts-fsrs';
import { seedStore, storePrefix, useBook } from './harness.mjs';
import { assertNoErrors, expectText, expectVisible } from './assertions.mjs';
import { DRAW_NAMES, EXAM, T0, button, examOf, examPage, heading, logEntries, pick, wholeWrongOf, wrongOf } from './exam-page.mjs';

const book = useBook('loop');
const { exam, stored, open, start, shown, submit } = examPage(book);
const DAY = 864e5;
// Where Playwright's paused clock stands once the page is open (exam-page.mjs).
const NOW = T0 + 1000;

const byDomain = (ids) => Object.fromEntries(exam().bank.domains.map((d) => [d.key, ids.filter((id) => exam().byId[id].domain === d.key).length]));

// Each domain's share of n by the blueprint's weights, largest remainder first (ties to the first domain).
function apportioned(n) {
  const domains = exam().bank.domains;
  const total = domains.reduce((sum, d) => sum + d.weight, 0);
  const quota = domains.map((d) => n * d.weight / total);
  const counts = quota.map(Math.floor);
  const left = n - counts.reduce((a, b) => a + b, 0);
  const order = quota.map((q, i) => [q - counts[i], i]).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; k < left; k++) counts[order[k][1]]++;
  return Object.fromEntries(domains.map((d, i) => [d.key, counts[i]]));
}

// A log entry: question `id` answered (right or not) at `t`, from a quiz unless said otherwise.
function answer(id, ok, t, extra = {}) {
  const q = exam().byId[id];
  return { k: 'q', id, h: q.hash, p: ok ? q.answer : wrongOf(q), ok, t, w: 'quiz', ...extra };
}
const seeded = (log) => ({ init: seedStore, initArg: { prefix: storePrefix(book.site), log } });

/** Submits with nothing more answered, and goes back to the start screen. */
async function again(page) {
  await submit(page);
  await button(page, 'New exam').click();
  await expectText(heading(page), 'Start a practice exam');
}

test('unseen first draws no answered question while unseen ones remain, and shows the unseen first', async (t) => {
  const { bank, size } = exam();
  const log = [
    answer('security-roles', true, T0 - DAY),
    answer('storage-gp3', false, T0 - 2 * DAY, { w: 'review' }),
    // An answer to an older version of a question leaves it unseen.
    { ...answer('compute-spot', true, T0 - DAY), h: 'an-older-version' },
  ];
  const answered = ['security-roles', 'storage-gp3'];
  const unseen = bank.questions.map((q) => q.id).filter((id) => !answered.includes(id)).sort();
  const page = await open(t, { clock: true, ...seeded(log) });
  const root = examOf(page);
  await expectText(root.getByRole('radio', { name: DRAW_NAMES.unseen }).locator('xpath=..'), new RegExp(`\\(${unseen.length} of ${size} not answered yet\\)$`));
  await start(page, { draw: 'unseen', n: unseen.length });
  const first = await stored(page);
  assert.equal(first.draw, 'unseen');
  assert.deepEqual([...first.order].sort(), unseen, 'exactly the unseen questions');
  assert.deepEqual(byDomain(first.order), apportioned(unseen.length), 'in the blueprint\'s shares');
  // Every question: the unseen first, then those answered before.
  await again(page);
  await start(page, { draw: 'unseen', n: size });
  const all = (await stored(page)).order;
  assert.deepEqual(all.slice(0, unseen.length).sort(), unseen);
  assert.deepEqual(all.slice(unseen.length).sort(), answered);
  await submit(page);
  await expectVisible(root.getByText(/ Questions: Unseen first\. /));
  const history = root.getByRole('region', { name: 'Your attempts' }).locator('tbody tr');
  await expectText(history.nth(0).locator('td').nth(2), 'Unseen first');
  assertNoErrors(page);
});

test('weak spots show the questions by the recall ts-fsrs gives them now, lowest first, then the unseen', async (t) => {
  const { bank, size } = exam();
  // Each answered once: right (Good), right but unsure (Hard) or wrong (Again), some days ago.
  const plan = [
    ['security-deny', true, 9], ['security-kms', false, 1], ['compute-memory', true, 3, 1], ['storage-glacier', false, 6],
    ['storage-durability', true, 1], ['compute-timeout', true, 20],
  ];
  const log = plan.map(([id, ok, days, c]) => answer(id, ok, NOW - days * DAY, c ? { c } : {}));
  const f = fsrs(generatorParameters());
  const recall = Object.fromEntries(plan.map(([id, ok, days, c]) => {
    const rating = !ok ? 1 : c === 1 ? 2 : 3;
    const memory = f.next_state(null, 0, rating);
    return [id, f.forgetting_curve(dateDiffInDays(new Date(NOW - days * DAY), new Date(NOW)), memory.stability)];
  }));
  assert.equal(new Set(Object.values(recall)).size, plan.length, 'no two alike');
  const weakest = Object.keys(recall).sort((a, b) => recall[a] - recall[b]);
  const page = await open(t, { clock: true, ...seeded(log) });
  await expectText(examOf(page).getByRole('radio', { name: DRAW_NAMES.weak }).locator('xpath=..'),
    new RegExp(`\\(${plan.length} of ${size} with a recall estimate\\)$`));
  await start(page, { draw: 'weak', n: size });
  const { order } = await stored(page);
  assert.deepEqual(order.slice(0, plan.length), weakest);
  assert.deepEqual(order.slice(plan.length).sort(), bank.questions.map((q) => q.id).filter((id) => !(id in recall)).sort());
  // Fewer: each domain its share, filled from its weakest.
  await again(page);
  await start(page, { draw: 'weak', n: 10 });
  const few = (await stored(page)).order;
  assert.deepEqual(byDomain(few), apportioned(10));
  for (const d of bank.domains) {
    const rated = weakest.filter((id) => exam().byId[id].domain === d.key);
    const drawn = few.filter((id) => exam().byId[id].domain === d.key);
    assert.deepEqual(drawn.filter((id) => id in recall), rated.slice(0, Math.min(rated.length, drawn.length)), `${d.key}: its weakest`);
  }
  assertNoErrors(page);
});

test('by task statement or domain draws only its questions, with the chapters chosen; #practise-task-2.2 chooses it', async (t) => {
  const { bank, questions } = exam();
  const page = await open(t, { url: book.url(`${EXAM}#practise-task-2.2`) });
  const root = examOf(page);
  await expectText(heading(page), 'Start a practice exam');
  assert.ok(await root.getByRole('radio', { name: DRAW_NAMES.focus }).isChecked());
  const select = root.getByRole('combobox', { name: 'Task statement or domain' });
  assert.equal(await select.inputValue(), 'task:2.2');
  // Each domain, and under it its task statements, with how many questions each has.
  assert.deepEqual(await select.locator('optgroup').evaluateAll((groups) => groups.map((g) => g.label)), bank.domains.map((d) => d.title));
  const inTask = bank.questions.filter((q) => q.task === '2.2').map((q) => q.id).sort();
  const task = bank.tasks.find((k) => k.key === '2.2');
  await expectText(select.locator('option[value="task:2.2"]'), `2.2 ${task.title} (${inTask.length} questions)`);
  const count = root.getByRole('spinbutton', { name: 'Number of questions' });
  assert.equal(await count.inputValue(), String(Math.min(questions, inTask.length)));
  await button(page, 'Start').click();
  await expectText(heading(page), `Question 1 of ${inTask.length}`);
  const a = await stored(page);
  assert.deepEqual([a.draw, a.focus, [...a.order].sort()], ['focus', 'task:2.2', inTask]);
  await submit(page);
  await expectVisible(root.getByText(new RegExp(` Questions: Task statement 2\\.2 ${task.title.replace(/[/]/g, '\\/')}\\. `)));
  // A link to a domain from the results: the start screen, with that domain.
  await page.evaluate(() => { location.hash = '#practise-domain-cost'; });
  await expectText(heading(page), 'Start a practice exam');
  assert.equal(await select.inputValue(), 'domain:cost');
  const inCost = bank.questions.filter((q) => q.domain === 'cost');
  assert.equal(await count.inputValue(), String(inCost.length));
  // The chapters compose with it: a chapter without such questions cannot start.
  const chapter = (c) => root.getByRole('checkbox', { name: new RegExp(`^${bank.chapters.find((x) => x.id === c).title} \\(`) });
  await chapter('compute').uncheck();
  await chapter('security').uncheck();
  await select.selectOption('task:3.2');
  await expectText(select.locator('option[value="task:3.2"]'), /\(0 questions\)$/);
  await expectText(root.locator('[data-sg-n-hint]'), 'The chapters you chose have no question of this task statement or domain.');
  await button(page, 'Start').click();
  await expectVisible(root.getByText('The chapters you chose have no question of this one: choose another, or more chapters.'));
  await expectText(heading(page), 'Start a practice exam');
  await start(page, { draw: 'focus', focus: 'task:3.2', chapters: ['compute', 'storage'] });
  const inCompute = bank.questions.filter((q) => q.task === '3.2' && q.chapter === 'compute').map((q) => q.id).sort();
  assert.deepEqual([...(await stored(page)).order].sort(), inCompute);
  assertNoErrors(page);
});

test('the draw gives each domain its share of the weights exactly; a domain short of its share is named before the start', async (t) => {
  const { bank, questions } = exam();
  const page = await open(t);
  const root = examOf(page);
  const short = root.locator('[data-sg-short]');
  await expectVisible(short, false);
  for (const draw of ['random', 'unseen', 'weak']) {
    await start(page, { draw, n: questions });
    assert.deepEqual(byDomain((await stored(page)).order), apportioned(questions), draw);
    await again(page);
  }
  // Compute and Security only: some domains hold fewer questions than their share.
  const chapters = ['compute', 'security'];
  const pool = bank.questions.filter((q) => chapters.includes(q.chapter));
  const n = pool.length;
  const want = apportioned(n);
  const have = byDomain(pool.map((q) => q.id));
  const lacking = bank.domains.filter((d) => have[d.key] < want[d.key]);
  assert.ok(lacking.length > 0, 'the fixture has a short domain here');
  const words = (k, one) => `${k} ${k === 1 ? one : `${one}s`}`;
  for (const c of bank.chapters) {
    await root.getByRole('checkbox', { name: new RegExp(`^${c.title} \\(`) }).setChecked(chapters.includes(c.id));
  }
  await root.getByRole('spinbutton', { name: 'Number of questions' }).fill(String(n));
  await expectText(short, `Not every domain can have its share of ${n} questions from the chapters you chose. ` +
    lacking.map((d) => `${d.title}: ${have[d.key]} of its ${words(want[d.key], 'question')} (${want[d.key] - have[d.key]} short)`).join('; ') +
    '; the rest are drawn from the other domains.');
  // The count's field is described by it too.
  assert.match(await root.getByRole('spinbutton', { name: 'Number of questions' }).getAttribute('aria-describedby'), /short/);
  await start(page, { n });
  assert.deepEqual(byDomain((await stored(page)).order), have);
  assertNoErrors(page);
});

test('how sure: asked with each answer once turned on, marked by certainty, logged, and a sure wrong answer due for review', async (t) => {
  const page = await open(t, { clock: true });
  const root = examOf(page);
  await root.getByRole('checkbox', { name: 'Ask how sure I am with each answer' }).check();
  await start(page, { n: 5, limit: 'none' });
  // Right and sure, wrong and fairly sure, right as a guess, wrong and sure, right with no certainty.
  const script = [[true, 'High'], [false, 'Medium'], [true, 'Low'], [false, 'High'], [true, null]];
  const ids = [];
  for (const [i, [right, level]] of script.entries()) {
    const q = await shown(page);
    ids.push(q.id);
    await pick(page, right ? q.answer : wrongOf(q));
    if (level) await root.getByRole('group', { name: 'How sure are you?' }).getByRole('radio', { name: new RegExp(`^${level} `) }).check();
    if (i === 1) {
      // Kept across a reload.
      await page.reload();
      assert.ok(await root.getByRole('radio', { name: /^Medium / }).isChecked());
    }
    if (i < script.length - 1) await button(page, 'Next').click();
  }
  await submit(page);
  // By hand: 3 − 2 + 1 − 6 = −4 of 12, −1 an answer; the fifth has no certainty, so no mark.
  await expectText(root.locator('[data-sg-cbm]'), /^Certainty-based mark: -4 of 12 \(-1 an answer, /);
  await expectVisible(root.locator('.sg-exam-score'));
  const meta = (i) => root.locator(`.sg-exam-outcome[data-sg-qid="${ids[i]}"] [data-sg-meta]`);
  await expectText(meta(0), /^How sure: High \(certain\), certainty-based mark 3\. /);
  await expectText(meta(3), /^How sure: High \(certain\), certainty-based mark -6\. /);
  await expectText(meta(4), /^How sure: not given\. /);
  const logged = Object.fromEntries((await logEntries(page)).filter((e) => e.k === 'q').map((e) => [e.id, e.c]));
  assert.deepEqual(ids.map((id) => logged[id]), [3, 2, 1, 3, undefined]);
  // The review: both wrong answers are cards; the sure one was graded Again, due
  // after Again's first learning step (ts-fsrs: minutes), the other at once.
  await page.goto(book.url('review.html'));
  const soon = NOW + 10 * 60000;
  const cards = await page.evaluate(async (at) => {
    await window.StudyGuide.whenReady();
    return window.StudyGuide.review.cards(window.StudyGuide.log.entries(), null, at).map((c) => ({ card: c.card, due: c.due, reviews: c.reviews }));
  }, soon);
  const cardOf = (id) => cards.find((c) => c.card === `q:${id}`);
  assert.equal(cardOf(ids[3]).reviews, 1, 'the sure wrong answer was graded Again');
  assert.ok(cardOf(ids[3]).due > NOW && cardOf(ids[3]).due <= soon, 'and is due within minutes');
  assert.deepEqual([cardOf(ids[1]).reviews, cardOf(ids[1]).due], [0, NOW], 'the unsure one is due at once, ungraded');
  assert.equal(await page.evaluate((at) => window.StudyGuide.review.dueCount(window.StudyGuide.log.entries(), at), soon), 2);
  // Practice: the certainty is asked before checking, and logged with the check.
  await page.goto(book.url(EXAM));
  await button(page, 'New exam').click();
  await start(page, { n: 1, mode: 'practice' });
  const q = await shown(page);
  // A whole answer (the draw may give a "choose two"), or Check only asks for the rest.
  await pick(page, wholeWrongOf(q));
  await root.getByRole('radio', { name: /^High / }).check();
  await button(page, 'Check').click();
  assert.ok(await root.getByRole('radio', { name: /^High / }).isDisabled(), 'kept once checked');
  const last = (await logEntries(page)).filter((e) => e.k === 'q').pop();
  assert.deepEqual([last.id, last.ok, last.c], [q.id, false, 3]);
  assertNoErrors(page);
});

test('the results filter every question to the wrong, flagged or unanswered ones; a filter with none says so', async (t) => {
  const page = await open(t);
  const root = examOf(page);
  await start(page, { n: 6, limit: 'none' });
  // Right, wrong and flagged, unanswered, wrong, unanswered and flagged, right.
  const plan = ['right', 'wrong', 'skip', 'wrong', 'skip', 'right'];
  const flagged = [1, 4];
  const ids = [];
  for (const [i, what] of plan.entries()) {
    const q = await shown(page);
    ids.push(q.id);
    if (what === 'right') await pick(page, q.answer);
    if (what === 'wrong') await pick(page, wrongOf(q));
    if (flagged.includes(i)) await button(page, 'Flag for review').click();
    if (i < plan.length - 1) await button(page, 'Next').click();
  }
  await submit(page);
  const filters = root.getByRole('group', { name: 'Show' });
  assert.deepEqual(await filters.getByRole('radio').evaluateAll((inputs) => inputs.map((i) => i.labels[0].textContent)),
    ['All (6)', 'Wrong (2)', 'Flagged (2)', 'Unanswered (2)']);
  const visible = async () => (await root.locator('.sg-exam-outcome:visible').evaluateAll((items) => items.map((i) => i.getAttribute('data-sg-qid')))).sort();
  const of = (indices) => indices.map((i) => ids[i]).sort();
  assert.deepEqual(await visible(), of([0, 1, 2, 3, 4, 5]));
  await filters.getByRole('radio', { name: /^Wrong/ }).check();
  assert.deepEqual(await visible(), of([1, 3]));
  await expectText(root.locator('[data-sg-exam-status]'), 'Showing 2 of 6 questions.');
  await filters.getByRole('radio', { name: /^Flagged/ }).check();
  assert.deepEqual(await visible(), of([1, 4]));
  await filters.getByRole('radio', { name: /^Unanswered/ }).check();
  assert.deepEqual(await visible(), of([2, 4]));
  // Paper gets every question, whatever the filter.
  await page.emulateMedia({ media: 'print' });
  assert.equal((await visible()).length, 6);
  await page.emulateMedia({ media: 'screen' });
  // Retake incorrect says how many of them were not answered.
  await button(page, 'Retake incorrect (4, 2 of them unanswered)').isVisible();
  await button(page, 'Retake flagged (2)').click();
  for (let i = 0; i < 2; i++) {
    await pick(page, (await shown(page)).answer);
    if (i === 0) await button(page, 'Next').click();
  }
  await submit(page);
  await filters.getByRole('radio', { name: 'Wrong (0)' }).check();
  assert.deepEqual(await visible(), []);
  await expectVisible(root.getByText('No question was answered wrongly.'));
  await filters.getByRole('radio', { name: 'Unanswered (0)' }).check();
  await expectVisible(root.getByText('Every question was answered.'));
  assertNoErrors(page);
});

test('the time on each question is counted from the clock, over visits and a reload, shown and logged', async (t) => {
  const page = await open(t, { clock: true });
  const root = examOf(page);
  await start(page, { n: 3, limit: 'none' });
  const first = await shown(page);
  await pick(page, first.answer);
  await page.clock.runFor(25_000);
  await page.reload();
  await expectText(heading(page), 'Question 1 of 3');
  await page.clock.runFor(15_000);
  await button(page, 'Next').click();
  const second = await shown(page);
  await pick(page, wrongOf(second));
  await page.clock.runFor(20_000);
  await button(page, 'Next').click();
  const third = await shown(page);
  await page.clock.runFor(5_000);
  // Back to the first for a while more.
  await button(page, 'Previous').click();
  await button(page, 'Previous').click();
  await page.clock.runFor(2_000);
  await submit(page);
  const time = (q) => root.locator(`.sg-exam-outcome[data-sg-qid="${q.id}"] [data-sg-meta]`);
  await expectText(time(first), 'Time on this question: 42 s.');
  await expectText(time(second), 'Time on this question: 20 s.');
  await expectText(time(third), 'Time on this question: 5 s.');
  const logged = Object.fromEntries((await logEntries(page)).filter((e) => e.k === 'q').map((e) => [e.id, e.d]));
  assert.deepEqual(logged, { [first.id]: 42_000, [second.id]: 20_000 });
  assertNoErrors(page);
});

test('a retake shows each question\'s choices in a new order, kept over a reload, and its letters follow it', async (t) => {
  // Seeds from the test, not the browser: the first attempt's, then a retake's where a plain shuffle would repeat an order.
  const page = await open(t, {
    init: () => {
      crypto.getRandomValues = (array) => {
        const seeds = JSON.parse(sessionStorage.getItem('test-seeds') || '[1]');
        array[0] = seeds.length ? seeds.shift() : 7;
        sessionStorage.setItem('test-seeds', JSON.stringify(seeds));
        return array;
      };
    },
  });
  const root = examOf(page);
  const n = 4;
  await start(page, { n, mode: 'practice' });
  const before = await stored(page);
  assert.equal(before.seed, 1);
  for (let i = 0; i < n; i++) {
    await pick(page, wrongOf(await shown(page)));
    await button(page, 'Check').click();
    if (i < n - 1) await button(page, 'Next').click();
  }
  await submit(page);
  // A seed under which the retake's plain shuffle gives some question the order it had.
  const seed = await page.evaluate(([last, choices]) => {
    const M = window.StudyGuide.examModel;
    const ids = last.order;
    for (let s = 2; s < 100000; s++) {
      const next = M.random(s);
      for (const id of M.shuffled(ids, next)) {
        const plain = M.shuffled([...Array(choices[id]).keys()], next);
        if (plain.join() === last.perm[last.order.indexOf(id)].join()) return s;
      }
    }
    return null;
  }, [before, Object.fromEntries(before.order.map((id) => [id, exam().byId[id].choices.length]))]);
  assert.ok(seed, 'such a seed exists');
  await page.evaluate((s) => sessionStorage.setItem('test-seeds', JSON.stringify([s])), seed);
  await button(page, `Retake incorrect (${n})`).click();
  const retake = await stored(page);
  assert.equal(retake.seed, seed);
  const orderOf = (a, id) => a.perm[a.order.indexOf(id)];
  for (const id of retake.order) assert.notDeepEqual(orderOf(retake, id), orderOf(before, id), `${id}: a new order`);
  // As shown, before and after a reload.
  const shownOrder = () => root.locator('.sg-exam-question input').evaluateAll((inputs) => inputs.map((i) => +i.value));
  assert.deepEqual(await shownOrder(), orderOf(retake, retake.order[0]));
  await page.reload();
  await expectText(heading(page), `Question 1 of ${n}`);
  assert.deepEqual(await shownOrder(), orderOf(retake, retake.order[0]));
  assert.deepEqual((await stored(page)).perm, retake.perm);
  // The feedback's letter is the right answer's place as shown.
  const q = await shown(page);
  const values = await shownOrder();
  await pick(page, wrongOf(q));
  await button(page, 'Check').click();
  const letters = q.answer.map((c) => 'ABCDEFGH'[values.indexOf(c)]).sort();
  await expectText(root.locator('[data-sg-feedback] .sg-result'), `Incorrect. The answer is ${letters.join(' and ')}.`);
  assertNoErrors(page);
});
