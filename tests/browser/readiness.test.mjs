// "Am I ready?" on the progress page of the learner's-loop fixture (its
// book.toml names a blueprint): for a known log and Playwright's clock, the
// figures the page shows equal those computed here with ts-fsrs's own
// scheduler (a card per question, graded as the page rates each answer);
// they decay toward an exam date; Study next names the task statements
// that would raise the estimate most; calibration and misconceptions count
// the answers given with a certainty; the picture has its table; a book
// without a blueprint shows none of it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fixtureBook, newPage, siteAt, storePrefix, seedStore, stripAnsi, useBook } from './harness.mjs';
import { assertNoErrors, assertNoViolations, axeViolations, expectText } from './assertions.mjs';

const F = createRequire(import.meta.url)('ts-fsrs');
const f = F.fsrs(F.generatorParameters());
const DAY = 864e5;
const T0 = new Date(2026, 11, 1, 9).getTime();
const NOW = T0 + 10 * DAY;

const book = useBook('loop');
const PROGRESS = 'progress.html';

const bookData = () => JSON.parse(readFileSync(path.join(book.site, PROGRESS), 'utf8')
  .match(/<script type="application\/json" data-sg-book="">([^<]*)<\/script>/)[1]);

// The progress page at NOW, with `state` and `log` saved before its scripts run.
async function open(t, { log = [], state = {}, viewport, theme } = {}) {
  const page = await newPage(book.browser, { viewport });
  t.after(() => page.context().close());
  await page.clock.setFixedTime(NOW);
  if (theme) await page.addInitScript((name) => localStorage.setItem('mdbook-theme', name), theme);
  await page.addInitScript(seedStore, { prefix: storePrefix(book.site), state, log });
  page.setDefaultTimeout(5000);
  await page.goto(book.url(PROGRESS));
  return page;
}

const ready = (page) => page.getByRole('region', { name: 'Am I ready?' });
// The readiness table's rows, by their first cell: { name: [cells…] }.
const tableRows = (page) => ready(page).getByRole('table', { name: 'Readiness by domain and task statement' })
  .evaluate((table) => Object.fromEntries([...table.tBodies[0].rows]
    .map((row) => [row.cells[0].textContent, [...row.cells].slice(1).map((c) => c.textContent)])));

// What ts-fsrs's scheduler says a question answered with `grades` at `times` recalls at `at`.
function recall(grades, times, at) {
  let card = F.createEmptyCard(new Date(times[0]));
  grades.forEach((g, i) => { card = f.next(card, new Date(times[i]), g).card; });
  return f.get_retrievability(card, new Date(at), false);
}
const pct = (share) => `${Math.round(100 * share)}%`;

// A known history: the questions of task 1.1 (both right, one twice), one of
// 3.2 wrong, one of 2.2 right but unsure (Hard), and a confident wrong answer
// in 1.2; everything else unseen.
function history(data) {
  const qs = data.chapters.flatMap((c) => c.questions);
  const byTask = (task) => qs.filter((q) => q.task === task);
  const [a, b] = byTask('1.1');
  const [c] = byTask('3.2');
  const [d] = byTask('2.2');
  const [e] = byTask('1.2');
  const answer = (q, ok, t, more = {}) => ({ k: 'q', id: q.id, h: q.hash, p: [0], ok, t, w: 'quiz', ...more });
  const log = [
    answer(a, true, T0), answer(b, true, T0 + DAY), answer(a, true, T0 + 4 * DAY, { c: 3 }),
    answer(c, false, T0 + 2 * DAY, { w: 'exam', c: 2 }), answer(d, true, T0 + 3 * DAY, { c: 1 }),
    answer(e, false, T0 + 5 * DAY, { c: 3 }),
  ];
  // The same through ts-fsrs's scheduler: right is Good, unsure right Hard, wrong Again.
  const r = {
    [a.id]: recall([3, 3], [T0, T0 + 4 * DAY], NOW), [b.id]: recall([3], [T0 + DAY], NOW),
    [c.id]: recall([1], [T0 + 2 * DAY], NOW), [d.id]: recall([2], [T0 + 3 * DAY], NOW),
    [e.id]: recall([1], [T0 + 5 * DAY], NOW),
  };
  return { qs, log, r, a, b, c, d, e };
}

test('the figures for a known log are those ts-fsrs gives, domain by domain and task by task', async (t) => {
  const data = bookData();
  const { qs, log, r, a, b, c, d, e } = history(data);
  const page = await open(t, { log });
  const rows = await tableRows(page);
  const n = (key, field) => qs.filter((q) => q[field] === key).length;
  // Secure: 1.1 (a, b) and 1.2 (e) answered, one domain-only question unseen.
  const secure = (r[a.id] + r[b.id] + r[e.id]) / n('secure', 'domain');
  assert.deepEqual(rows['Design Secure Architectures'], ['30%', String(n('secure', 'domain')), '3',
    pct((r[a.id] + r[b.id] + r[e.id]) / 3), pct(secure), pct(1 - 3 / n('secure', 'domain'))]);
  assert.deepEqual(rows['1.1 Design secure access to AWS resources'].slice(3), [pct((r[a.id] + r[b.id]) / 2), pct((r[a.id] + r[b.id]) / 2), '0%']);
  assert.deepEqual(rows['3.2 Design high-performing and elastic compute solutions'].slice(2, 5),
    ['1', pct(r[c.id]), pct(r[c.id] / n('3.2', 'task'))]);
  assert.equal(rows['3.1 Determine high-performing and/or scalable storage solutions'][3], 'not known', 'unseen is not zero');
  assert.equal(rows['2.2 Design highly available and/or fault-tolerant architectures'][3], pct(r[d.id]), 'right but unsure: Hard');
  const weights = { secure: 30, resilient: 26, performant: 24, cost: 20 };
  const known = { secure, resilient: r[d.id] / n('resilient', 'domain'), performant: r[c.id] / n('performant', 'domain'), cost: 0 };
  const today = Object.keys(weights).reduce((sum, k) => sum + weights[k] / 100 * known[k], 0);
  assert.equal(rows['The whole exam, weighted'][4], pct(today));
  const points = Math.round(100 * today) - 70;
  await expectText(ready(page).locator('.sg-ready-estimate'),
    new RegExp(`^${pct(today)} of the exam’s topics you would likely recall today, .*, ${-points} points below the pass line of 70%`));
  assertNoErrors(page);
});

test('with an exam date the figure is forecast for that day, and lower', async (t) => {
  const data = bookData();
  const { log, a, b } = history(data);
  const page = await open(t, { log });
  await ready(page).getByLabel('Your exam date:').fill('2026-12-31');
  const exam = new Date(2026, 11, 31).getTime();
  const rows = await tableRows(page);
  const secureTask = rows['1.1 Design secure access to AWS resources'];
  const at = (recall([3, 3], [T0, T0 + 4 * DAY], exam) + recall([3], [T0 + DAY], exam)) / 2;
  assert.equal(secureTask[6], pct(at), 'on the exam day, as ts-fsrs forecasts');
  assert.ok(parseInt(secureTask[6], 10) < parseInt(secureTask[4], 10), 'memories fade by then');
  await expectText(ready(page).locator('.sg-ready-figure p').nth(1), /^On your exam day, .* \(in 20 days\): \d+% if you learn nothing more/);
  // The review page's setting is the same one.
  assert.equal(await page.evaluate(() => window.StudyGuide.review.savedSettings().exam), '2026-12-31');
  assert.ok(a && b);
});

test('study next names the task statements that would raise the estimate most, with links to read and practise', async (t) => {
  const page = await open(t, { log: history(bookData()).log });
  const items = ready(page).getByRole('heading', { name: 'Study next' }).locator('xpath=following-sibling::ol[1]/li');
  assert.equal(await items.count(), 3);
  // 3.2 first: two of the three performant questions (weight 24), one forgotten, one unseen;
  // 1.2's one question is forgotten too, but secure's weight of 30 is spread over four.
  await expectText(items.nth(0), /^3\.2 Design high-performing and elastic compute solutions \(up to [\d.]+ points; 1 of 2 answered\)/);
  const practise = items.nth(0).getByRole('link', { name: /^Practise its 2 questions$/ });
  assert.match(await practise.getAttribute('href'), /exam\.html#practise-task-3\.2$/);
  assert.match(await items.nth(0).getByRole('link', { name: /^Read: / }).getAttribute('href'), /^compute\/.*\.html#/);
});

test('calibration counts right answers at each certainty; a confident mistake is listed to read again and is due', async (t) => {
  const data = bookData();
  const { log, e } = history(data);
  const page = await open(t, { log });
  const table = ready(page).getByRole('table', { name: 'How often you were right at each certainty' });
  const cells = await table.evaluate((el) => [...el.tBodies[0].rows].map((row) => [...row.cells].map((c) => c.textContent)));
  assert.deepEqual(cells, [
    ['Low (a guess)', '1', '1', '100%'], ['Medium (fairly sure)', '1', '0', '0%'], ['High (certain)', '2', '1', '50%'],
  ]);
  // Marks: low right 1, medium wrong −2, high right 3, high wrong −6.
  await expectText(ready(page).getByText(/^Certainty-based mark:/), /^Certainty-based mark: -4 of 12 \(-1 an answer/);
  const wrong = ready(page).locator('.sg-ready-misconceptions li');
  assert.equal(await wrong.count(), 1);
  await expectText(wrong, new RegExp(`^Read: .* \\(1 question: ${e.id}\\)$`));
  // Graded Again: a review card, due.
  await expectText(page.locator('.sg-progress-summary'), /2 review cards, 2 due/);
});

test('the bars are drawn for every domain in every theme and at phone width, with nothing for axe to find', async (t) => {
  for (const [theme, viewport] of [['light'], ['navy'], ['coal', { width: 390, height: 844 }]]) {
    const page = await open(t, { log: history(bookData()).log, theme, viewport });
    const bars = ready(page).locator('.sg-ready-bars').first().locator('svg.sg-ready-bar');
    assert.equal(await bars.count(), 4);
    const widths = await ready(page).evaluate((el) => [...el.querySelectorAll('.sg-ready-bar')].map((s) => s.getBoundingClientRect().width));
    assert.ok(widths.every((w) => w > 0 && w <= (viewport ? 390 : 1280)), JSON.stringify(widths));
    // Nothing of it, the figures hidden for screen readers included, widens the page.
    const [wide, room] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
    assert.ok(wide <= room, `the page does not scroll sideways at ${room}px: ${wide}px wide`);
    assertNoViolations(await axeViolations(page, { include: ['[data-sg-progress-page]'] }), `${theme}`);
    assertNoErrors(page);
  }
});

test('a book without a blueprint shows no readiness', async (t) => {
  // The fixture with its blueprint taken out of book.toml (its tags are then ignored, with a warning).
  const built = await fixtureBook('loop', {
    key: 'no blueprint',
    edit: (dir) => {
      const toml = path.join(dir, 'book.toml');
      writeFileSync(toml, readFileSync(toml, 'utf8').replace(/\[preprocessor\.studyguide\.blueprint\][\s\S]*?(?=\[output\.html\])/, ''));
    },
  });
  assert.equal(built.status, 0, built.log);
  assert.match(stripAnsi(built.log), /the book has no blueprint/);
  const site = await siteAt(built);
  const page = await site.open(t, PROGRESS);
  await page.evaluate(() => window.StudyGuide.whenReady());
  await expectText(page.locator('.sg-progress-summary'), /^Nothing answered yet/);
  assert.equal(await page.getByRole('region', { name: 'Am I ready?' }).count(), 0);
  assertNoErrors(page);
});
