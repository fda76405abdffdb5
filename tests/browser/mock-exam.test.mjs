// The mock exam on paper (`pdf --mock-exam`, `--seed N`): a fixed sitting of
// the loop fixture's bank, drawn by its blueprint's weights, printed after
// the exam's page with its answer key on pages of their own; hidden on
// screen. Without it, the practice pages print no empty shells.

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { bankOf, closeShared, copyFixture, newPage, sharedBrowser, studyguide, themeEnv } from './harness.mjs';

after(closeShared);

const book = copyFixture('loop', 'studyguide-mock-');
const env = { env: { ...process.env, ...themeEnv() } };
const flat = (text) => text.replace(/<[^>]*>/g, '').replace(/&[a-z#0-9]+;/g, ' ').replace(/[\s‐-]+/g, ' ').trim();

/** Prints the loop fixture with `args`; returns the PDF's text, page by page. */
function print(args) {
  const result = studyguide(['pdf', book, ...args], env);
  assert.equal(result.status, 0, result.stderr);
  const pdf = result.stdout.trim();
  return execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).split('\f').map(flat);
}

/** The sitting on paper: the bank's questions in the order printed, and the key's page. */
function sitting(pages, bank) {
  const start = pages.findIndex((p) => p.includes('Mock exam 10 questions in'));
  const keyPage = pages.findIndex((p) => p.startsWith('Mock exam: answer key'));
  assert.ok(start >= 0 && keyPage > start, 'the mock exam, then its key on a page of its own');
  const questions = pages.slice(start, keyPage).join(' ');
  const order = bank.questions
    .map((q) => ({ q, at: questions.indexOf(flat(q.prompt)) }))
    .filter((x) => x.at >= 0)
    .sort((a, b) => a.at - b.at)
    .map((x) => x.q);
  return { order, key: pages.slice(keyPage).join(' ') };
}

test('a seed prints one sitting: the blueprint\'s shares, the same twice, another for another seed, with its key', () => {
  const pages = print(['--seed', '7']);
  const bank = bankOf(path.join(book, 'book'), 'exam.html');
  const first = sitting(pages, bank);
  assert.equal(first.order.length, 10, 'ten of the bank\'s questions, each once');
  const perDomain = (order) => Object.fromEntries(bank.domains.map((d) => [d.key, order.filter((q) => q.domain === d.key).length]));
  // 10 questions at 30 / 26 / 24 / 20 %: 3, 2.6, 2.4, 2 by largest remainder.
  assert.deepEqual(perDomain(first.order), { secure: 3, resilient: 3, performant: 2, cost: 2 });

  const again = sitting(print(['--seed', '7']), bank);
  assert.deepEqual(again.order.map((q) => q.id), first.order.map((q) => q.id));
  const other = sitting(print(['--seed', '8']), bank);
  assert.notDeepEqual(other.order.map((q) => q.id), first.order.map((q) => q.id));

  // The key: each question's letters, its explanation, each wrong choice's own and where to read.
  let at = 0;
  first.order.forEach((q, n) => {
    const letters = q.answer.map((i) => String.fromCharCode(65 + i)).join(', ');
    const entry = `${n + 1}. ${letters} ${flat(q.explanation)}`;
    const found = first.key.indexOf(entry, at);
    assert.ok(found >= at, `key entry ${n + 1}: ${entry}`);
    at = found;
    q.choices.forEach((c, i) => {
      if (!q.answer.includes(i) && c.why) assert.ok(first.key.includes(`${String.fromCharCode(65 + i)}: ${flat(c.why)}`), c.why);
    });
    if (q.see) assert.ok(first.key.includes(`Read: ${flat(q.see.title)}`), q.see.title);
  });
});

test('without a mock exam the practice pages print no empty shells, and book.toml\'s setting is hidden on screen', async () => {
  const pages = print([]);
  const text = pages.join(' ');
  assert.ok(!text.includes('Mock exam'), 'no mock exam unless asked');
  assert.ok(!text.includes('No finished exam yet'), 'no empty exam results');
  assert.ok(!text.includes('Your standing on'), 'no table of zeros for progress');
  assert.ok(text.includes('Ten questions drawn from the three chapter quizzes'), 'the exam page\'s own text stays');

  const toml = path.join(book, 'book.toml');
  writeFileSync(toml, readFileSync(toml, 'utf8') + '\n[preprocessor.studyguide.pdf]\nmock-exam = true\nmock-exam-seed = 3\n');
  const built = studyguide(['build', book], env);
  assert.equal(built.status, 0, built.stderr);
  const page = await newPage(await sharedBrowser());
  await page.goto('file://' + path.join(book, 'book', 'exam.html'));
  await page.getByRole('button', { name: /start/i }).first().waitFor();
  assert.equal(await page.locator('.sg-mock-exam').count(), 1, 'the page carries the mock exam');
  assert.equal(await page.getByText('Mock exam: answer key').isVisible(), false, 'hidden on screen');
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.getByText('Mock exam: answer key').isVisible(), true, 'printed');
  await page.context().close();
});
