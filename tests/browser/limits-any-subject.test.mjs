// A limit table on another subject, on the chemistry fixture book
// (tests/books/chemistry/): no service, no adjustable column, and counts
// that say what they count ("118 elements", "30 results"), answered in the
// same words.
// Run: node --test --test-concurrency=1 tests/browser/limits-any-subject.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBook } from './harness.mjs';
import { assertNoErrors, expectText, expectVisible } from './assertions.mjs';

const book = useBook('chemistry');

const CAPTION = 'The periodic table';
const ELEMENTS = 'Known elements';
const SEARCH = "Compounds a search of the school’s database lists on a page";

const table = (page) => page.getByRole('table', { name: new RegExp(`^${CAPTION}`) });
const row = (page, name) => table(page).getByRole('row').filter({ has: page.getByRole('rowheader', { name, exact: true }) });
const status = (page, name) => row(page, name).getByRole('status');
const value = (page, name, text) => row(page, name).getByRole('cell').first().getByText(text, { exact: true });

test('a table on chemistry is practised with the words it counts in', async (t) => {
  const page = await book.open(t, 'periodic-table.html');
  assert.deepEqual(await table(page).getByRole('columnheader').allInnerTexts(), ['Item', 'Value', 'Notes']);
  assert.equal(await page.getByText(/Quota|Adjustable|AWS/).count(), 0, 'no word of the guide\'s subject');
  await expectVisible(value(page, ELEMENTS, '118 elements'));

  await page.getByRole('button', { name: `Practice: ${CAPTION}` }).click();
  await expectVisible(value(page, ELEMENTS, '118 elements'), false);
  const answer = row(page, ELEMENTS).getByRole('textbox', { name: `Your answer: ${ELEMENTS.toLowerCase()}` });
  // A misspelt unit is no noun: asked again, not marked wrong.
  await answer.fill('118 minz');
  await answer.press('Enter');
  await expectText(status(page, ELEMENTS), 'Write a number, alone or with what it counts.');
  await answer.fill('118 elements');
  await answer.press('Enter');
  await expectText(status(page, ELEMENTS), /^✓ Correct\. The answer is 118 elements\.$/);
  await expectVisible(value(page, ELEMENTS, '118 elements'));

  // Choosing: the options count results, as the row does.
  await page.getByRole('group', { name: 'Answer by' }).getByRole('radio', { name: 'Choosing' }).check();
  const options = (await row(page, SEARCH).getByRole('option').allInnerTexts()).filter((o) => /\d/.test(o));
  assert.ok(options.length >= 3 && options.every((o) => /^\d[\d,]* results$/.test(o)), JSON.stringify(options));
  await row(page, SEARCH).getByRole('combobox').selectOption({ label: '30 results' });
  await row(page, SEARCH).getByRole('button', { name: /^Check/ }).click();
  await expectText(status(page, SEARCH), /^✓ Correct\. The answer is 30 results\.$/);
  assertNoErrors(page);
});
