// "My mistakes" on paper: the review page's "Print a worksheet", on the loop
// fixture book (tests/books/loop/), with a scripted log. What prints is read
// as paper shows it: with print media emulated, and from a PDF of the page
// (Chromium's, read back with pdftotext). window.print is replaced by a
// counter, so the test sees whether the page asked to print.
// Run: node --test tests/browser/worksheet.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { bankOf, newPage, removeAtExit, seedStore, storePrefix, tempDir, useBook } from './harness.mjs';
import { assertNoErrors, expectText, expectVisible } from './assertions.mjs';

const REVIEW = 'review.html';
const T0 = Date.parse('2026-12-01T09:00:00Z');
const DAY = 864e5;

const book = useBook('loop');

let bankCache;
const bank = () => (bankCache ??= bankOf(book.site, REVIEW));
const byId = (id) => bank().questions.find((q) => q.id === id);

// A log: three questions last answered wrongly (one of them in an exam, one
// wrong in the review after right in the quiz), one put right since, one
// only right, one wrong in an older version; an exam that flagged one.
function scriptedLog() {
  const q = (id, ok, t, w = 'quiz', h = byId(id).hash) => ({ k: 'q', id, h, p: [0], ok, t, w });
  return [
    q('compute-timeout', false, T0 - 5 * DAY),
    q('compute-memory', false, T0 - 5 * DAY), q('compute-memory', true, T0 - 4 * DAY),
    q('compute-fargate', true, T0 - 5 * DAY), q('compute-fargate', false, T0 - 3 * DAY, 'review'),
    q('compute-spot', true, T0 - 5 * DAY),
    q('security-kms', false, T0 - 2 * DAY, 'exam'),
    q('storage-durability', false, T0 - 2 * DAY, 'quiz', '000000000000'),
    { k: 'exam', page: 'exam', mode: 'exam', n: 3, right: 1, pct: 33, passed: false, start: T0 - 2 * DAY - 6e5,
      t: T0 - 2 * DAY, chapters: [], wrong: ['security-kms'], flagged: ['storage-durability'] },
  ];
}
const WRONG = ['compute-timeout', 'compute-fargate', 'security-kms'];

// A fresh profile at the review page (or `where`), its clock at T0, `entries`
// in its log, window.print counting its calls.
async function open(t, entries, where = book.url(REVIEW)) {
  const page = await newPage(book.browser);
  t.after(() => page.context().close());
  await page.clock.install({ time: T0 });
  await page.context().addInitScript(() => {
    window.printed = 0;
    window.print = () => { window.printed += 1; };
  });
  await page.context().addInitScript(seedStore, { prefix: storePrefix(book.site), log: entries });
  page.setDefaultTimeout(5000);
  await page.goto(where);
  await page.evaluate(() => window.StudyGuide.whenReady());
  return page;
}

const form = (page) => page.getByRole('region', { name: 'Print a worksheet' });
const count = (page) => form(page).getByRole('status');
const printed = (page) => page.evaluate(() => window.printed);
const paper = (page) => page.locator('.sg-worksheet');

// Presses Print and reads the worksheet as paper shows it: each question's
// prompt and its choices (text, in order), and the key's entries.
async function printAndRead(page) {
  const before = await printed(page);
  await form(page).getByRole('button', { name: 'Print' }).click();
  await page.waitForFunction((n) => window.printed > n, before);
  await page.emulateMedia({ media: 'print' });
  await expectVisible(paper(page));
  await expectVisible(page.locator('.sg-review-app'), false);
  await expectVisible(page.getByRole('heading', { name: 'Review', level: 1, includeHidden: true }), false);
  const questions = await paper(page).locator('.sg-worksheet-question').evaluateAll((items) => items.map((li) => ({
    n: li.querySelector('.sg-worksheet-n').innerText,
    prompt: li.querySelector('.sg-worksheet-prompt span:not(.sg-worksheet-n)').innerHTML,
    choices: [...li.querySelectorAll('.sg-worksheet-choices li')].map((c) => c.innerText),
    htmls: [...li.querySelectorAll('.sg-worksheet-choices li span:last-child')].map((c) => c.innerHTML),
  })));
  const key = await paper(page).locator('.sg-worksheet-answer').evaluateAll((items) => items.map((li) => li.innerText));
  await page.emulateMedia({ media: 'screen' });
  return { questions, key };
}

// Every printed question is a question of the bank; the key's letters are
// where its answer was printed; each key entry has the explanations and
// where to read.
function checkSheet({ questions, key }) {
  const ids = questions.map((printedQ, i) => {
    assert.equal(printedQ.n, `${i + 1}.`, 'numbered');
    const q = bank().questions.find((x) => x.prompt === printedQ.prompt);
    assert.ok(q, `a question of the book: ${printedQ.prompt}`);
    assert.deepEqual([...printedQ.htmls].sort(), q.choices.map((c) => c.html).sort(), 'every choice, once');
    printedQ.choices.forEach((text, j) => assert.match(text, new RegExp(`^${'ABCDE'[j]}\\) `), 'lettered in order'));
    const letters = q.answer.map((c) => 'ABCDE'[printedQ.htmls.indexOf(q.choices[c].html)]).sort();
    // The key's text as read, its line breaks as spaces (a paragraph inside an explanation breaks lines in innerText).
    const entry = key[i].replace(/\s+/g, ' ').trim();
    assert.ok(entry.startsWith(`${i + 1}. ${letters.join(', ')} `), `key ${i + 1} gives ${letters}: ${entry}`);
    const plain = (html) => html.replace(/<[^>]+>/g, '').replace(/&amp;/g, '&').replace(/\s+/g, ' ').trim();
    assert.ok(entry.includes(plain(q.explanation)), `the explanation: ${entry}`);
    for (const [j, html] of printedQ.htmls.entries()) {
      const choice = q.choices.find((c) => c.html === html);
      if (choice.why) assert.ok(entry.includes(`${'ABCDE'[j]})${q.answer.includes(q.choices.indexOf(choice)) ? ' ✓' : ''} ${plain(choice.why)}`), `why ${'ABCDE'[j]}: ${entry}`);
    }
    assert.ok(entry.endsWith(`Read: ${q.see.title}`), `where to read: ${entry}`);
    return q.id;
  });
  assert.equal(key.length, questions.length);
  return ids;
}

test('"wrong" prints exactly the questions last answered wrongly, then a key in the printed order', async (t) => {
  const page = await open(t, scriptedLog());
  await expectVisible(form(page));
  assert.equal(await form(page).getByRole('radio', { name: /^Questions I got wrong/ }).isChecked(), true);
  await expectText(count(page), '3 questions to print, then their answer key.');
  assert.equal(await paper(page).count(), 0, 'nothing is built before Print');
  const sheet = await printAndRead(page);
  assert.deepEqual(checkSheet(sheet).sort(), [...WRONG].sort());
  // The key's links go where the book teaches each question.
  const links = await paper(page).locator('.sg-worksheet-read a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  assert.deepEqual(links.sort(), WRONG.map((id) => byId(id).see.href).sort());
  // Once printed, the worksheet goes; nothing of it was stored.
  await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
  assert.equal(await paper(page).count(), 0);
  assert.equal(await page.evaluate(() => document.documentElement.hasAttribute('data-sg-printing')), false);
  assert.deepEqual(await page.evaluate(() => window.StudyGuide.log.entries().length), scriptedLog().length);
  assertNoErrors(page);
});

test('on paper (a PDF of the page) the questions come first and the answer key starts a new page', async (t) => {
  const page = await open(t, scriptedLog());
  await form(page).getByRole('button', { name: 'Print' }).click();
  await page.waitForFunction(() => window.printed === 1);
  const dir = removeAtExit(tempDir('studyguide-worksheet-'));
  const pdf = path.join(dir, 'worksheet.pdf');
  writeFileSync(pdf, await page.pdf({ format: 'A4' }));
  const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
  const pages = text.split('\f').filter((p) => p.trim());
  const keyPage = pages.findIndex((p) => /Answer key/.test(p));
  assert.ok(keyPage > 0, `the key is not on the first page:\n${text}`);
  assert.match(pages[keyPage].trim(), /^Answer key/, 'the key starts its page');
  assert.match(pages[0], /My mistakes: the questions I got wrong/);
  assert.match(pages[0], /3 questions/);
  for (const id of WRONG) {
    const prompt = byId(id).prompt.replace(/<[^>]+>/g, '');
    assert.ok(pages.slice(0, keyPage).join('\n').includes(prompt), `${id} is printed before the key`);
    assert.ok(pages[0].includes(prompt) || keyPage > 1);
  }
  assert.doesNotMatch(text, /Print a worksheet|Exam date|Card 1 of/, 'nothing of the page but the worksheet');
  for (const id of WRONG) assert.ok(pages.slice(keyPage).join('\n').includes(`Read: ${byId(id).see.title}`));
  assertNoErrors(page);
});

test('"flagged" prints the questions flagged in an exam; "task statement" exactly that task\'s questions', async (t) => {
  const page = await open(t, scriptedLog());
  await form(page).getByRole('radio', { name: 'Questions I flagged in a practice exam' }).check();
  await expectText(count(page), '1 question to print, then their answer key.');
  assert.deepEqual(checkSheet(await printAndRead(page)), ['storage-durability']);
  // Choosing a task statement chooses to print one.
  const task = bank().tasks.find((x) => bank().questions.filter((q) => q.task === x.key).length >= 2);
  await form(page).getByRole('combobox', { name: 'Task statement' }).selectOption(task.key);
  assert.equal(await form(page).getByRole('radio', { name: 'The questions of one task statement' }).isChecked(), true);
  const expected = bank().questions.filter((q) => q.task === task.key).map((q) => q.id);
  await expectText(count(page), `${expected.length} questions to print, then their answer key.`);
  const sheet = await printAndRead(page);
  assert.deepEqual(checkSheet(sheet), expected);
  await page.emulateMedia({ media: 'print' });
  await expectText(paper(page).locator('.sg-worksheet-title'), `Task statement ${task.key}: ${task.title}`);
  assert.equal(await page.locator('.sg-worksheet').count(), 1, 'one worksheet at a time');
  assert.equal(await printed(page), 2);
  assertNoErrors(page);
});

test('a choice with no questions says so and prints nothing', async (t) => {
  const right = byId('compute-timeout');
  const page = await open(t, [{ k: 'q', id: right.id, h: right.hash, p: right.answer, ok: true, t: T0 - DAY, w: 'quiz' }]);
  await expectText(count(page), 'Nothing to print: none of your last answers is wrong.');
  await form(page).getByRole('button', { name: 'Print' }).click();
  await expectText(count(page), 'Nothing to print: none of your last answers is wrong.');
  await form(page).getByRole('radio', { name: 'Questions I flagged in a practice exam' }).check();
  await expectText(count(page), 'Nothing to print: you have flagged no question in a practice exam.');
  await form(page).getByRole('button', { name: 'Print' }).click();
  await page.clock.runFor(100);
  assert.equal(await printed(page), 0, 'the page did not print');
  assert.equal(await paper(page).count(), 0);
  assertNoErrors(page);
});

test('opened from disk, the worksheet prints with no network request', async (t) => {
  const page = await open(t, scriptedLog(), book.fileUrl(REVIEW));
  await expectText(count(page), '3 questions to print, then their answer key.');
  assert.deepEqual(checkSheet(await printAndRead(page)).sort(), [...WRONG].sort());
  assert.deepEqual(page.requests.filter((u) => !u.startsWith('file://')), [], 'only file:// requests');
  assertNoErrors(page);
});
