// The not-found page (404.html) mdBook writes with a <base> of
// output.html.site-url ("/"): styled, with its table of contents, over HTTP
// (at any depth) and opened from disk, asking for no file that is not
// there. On the quiz fixture book (tests/books/quiz/).
// Run: node --test --test-concurrency=1 tests/browser/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBook } from './harness.mjs';
import { assertNoErrors, expectVisible } from './assertions.mjs';

const book = useBook('quiz');

async function assertStyledWithContents(page, root) {
  await expectVisible(page.getByRole('heading', { name: 'Document not found (404)' }));
  // mdBook's stylesheets hold the text to a column and the sidebar beside it.
  const width = await page.getByRole('main').evaluate((main) => main.getBoundingClientRect().width);
  assert.ok(width <= 800, `the text is set in a column (${width}px wide)`);
  const chapter = page.getByRole('link', { name: 'Lambda limits', exact: true }).first();
  await expectVisible(chapter);
  assert.equal(await chapter.evaluate((a) => a.href), `${root}limits.html`);
  await chapter.click();
  await expectVisible(page.getByRole('heading', { name: 'Lambda limits', level: 1 }));
}

test('the not-found page opened from disk is styled and links into the book', async (t) => {
  const page = await book.open(t, book.fileUrl('404.html'));
  await assertStyledWithContents(page, book.fileUrl('') + '/');
  // Its stylesheets and scripts are the book's, and they ran.
  const root = book.fileUrl('') + '/';
  const files = await page.evaluate(() => [...document.styleSheets].map((s) => s.href)
    .concat([...document.scripts].map((s) => s.src)).filter(Boolean));
  assert.ok(files.length > 10 && files.every((f) => f.startsWith(root)), files.join('\n'));
  assert.equal(await page.evaluate(() => typeof window.StudyGuide), 'object');
  // Nothing was asked for outside the book, not even by Chromium's preload
  // scanner (which reads ahead of any script), and nothing failed to load.
  const outside = page.requests.filter((url) => !url.startsWith(root));
  assert.deepEqual(outside, [], 'every file asked for is in the book');
  assertNoErrors(page);
});

test('the not-found page over HTTP is styled and links into the book', async (t) => {
  const page = await book.open(t, '404.html');
  await assertStyledWithContents(page, book.url(''));
  assertNoErrors(page);
});

test('the not-found page answering a missing path deep in the site loads its files from the site\'s root', async (t) => {
  const page = await book.open(t, 'no/such/chapter.html');
  await assertStyledWithContents(page, book.url(''));
  const wrong = page.requests.filter((url) => url.startsWith(book.url('no/')) && !url.endsWith('/no/such/chapter.html'));
  assert.deepEqual(wrong, [], 'nothing is asked for below the missing path');
  // Only the missing page itself answered "not found": one such line, and nothing else.
  assert.deepEqual(page.errors, ['Failed to load resource: the server responded with a status of 404 (Not Found)']);
});
