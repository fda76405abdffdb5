// Practice mode of the limit tables in a real browser, on the limits
// fixture book (tests/books/limits/).
// Run: node --test --test-concurrency=1 tests/browser/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { newPage, repoRoot, storeName, useBook } from './harness.mjs';
import { assertNoErrors, assertNoViolations, axeViolations, expectText, expectVisible } from './assertions.mjs';
import { givenAway } from './limits-page.mjs';

const LAMBDA = 'lambda.html';
const APIGW = 'api-gateway.html';
// The rows of the fixture's "Lambda limits" table.
const ROWS = 6;
const QUANTITIES = JSON.parse(readFileSync(path.join(repoRoot, 'tests', 'fixtures', 'quantities.json'), 'utf8'));
const TIMEOUT = 'Max execution timeout';
const TIMEOUT_VALUE = '15 minutes (900 s)';
const MEMORY = 'Memory';
const MEMORY_VALUE = '128 MB – 10,240 MB (10 GB)';
const ENV = 'Environment variables';

const book = useBook('limits');

const open = (t, { url = LAMBDA, ...options } = {}) => book.open(t, url, options);

const table = (page, caption = 'Lambda limits') => page.getByRole('table', { name: new RegExp(`^${caption}`) });
const bodyRows = (page, caption) => table(page, caption).getByRole('row').filter({ has: page.getByRole('rowheader') });
const row = (page, name, caption) =>
  table(page, caption).getByRole('row').filter({ has: page.getByRole('rowheader', { name, exact: true }) });
const limitCell = (page, name, caption) => row(page, name, caption).getByRole('cell').first();
const value = (page, name, text, caption) => limitCell(page, name, caption).getByText(text, { exact: true });
const rowStatus = (page, name, caption) => row(page, name, caption).getByRole('status');
const practice = (page, caption = 'Lambda limits') => page.getByRole('button', { name: `Practice: ${caption}` });
const score = (page) => page.getByRole('status').filter({ hasText: /Score:/ });
const input = (page, name, bound) =>
  row(page, name).getByRole('textbox', { name: bound ? `Your answer: ${bound} ${name.toLowerCase()}` : `Your answer: ${name.toLowerCase()}` });

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// Every row's value as the page shows it before practice.
async function rowValues(page, caption) {
  const rows = bodyRows(page, caption);
  const out = [];
  for (let i = 0; i < await rows.count(); i++) {
    out.push([await rows.nth(i).getByRole('rowheader').innerText(), (await rows.nth(i).getByRole('cell').first().innerText()).trim()]);
  }
  return out;
}

async function startPractice(page, caption) {
  await practice(page, caption).click();
  assert.equal(await practice(page, caption).getAttribute('aria-pressed'), 'true');
}
// Types an answer (two for a range row) and submits it with Enter or Check.
async function typeAnswer(page, name, answers, via = 'Enter') {
  const bounds = answers.length === 2 ? ['Minimum', 'Maximum'] : [null];
  for (const [i, bound] of bounds.entries()) await input(page, name, bound).fill(answers[i]);
  if (via === 'Enter') await input(page, name, bounds[bounds.length - 1]).press('Enter');
  else await row(page, name).getByRole('button', { name: `Check ${name}` }).click();
}
async function reset(page) {
  await page.getByRole('button', { name: 'Reset' }).click();
  await expectText(score(page), new RegExp(`Score: 0 / ${ROWS}$`));
}


async function assertTableComplete(page) {
  const values = await rowValues(page);
  assert.equal(values.length, ROWS);
  for (const [name, text] of values) {
    assert.match(text, /\d/, `${name} shows a value`);
    await expectVisible(limitCell(page, name));
    const quota = row(page, name).getByText(/^(Fixed|Adjustable)$/);
    assert.equal(await quota.count(), 1, `${name} has a quota marker`);
    await expectVisible(quota);
  }
  await expectVisible(value(page, TIMEOUT, TIMEOUT_VALUE));
  await expectVisible(value(page, MEMORY, MEMORY_VALUE));
  await expectVisible(row(page, TIMEOUT).getByText('Fixed', { exact: true }));
  await expectVisible(row(page, 'Concurrent executions').getByText('Adjustable', { exact: true }));
}

test('without Practice the table shows every value and its quota', async (t) => {
  const page = await open(t);
  assert.equal(await practice(page).getAttribute('aria-pressed'), 'false');
  await assertTableComplete(page);
  assertNoErrors(page);
});

test('with JavaScript off the table is complete', async (t) => {
  const page = await open(t, { javaScriptEnabled: false });
  await assertTableComplete(page);
  assertNoErrors(page);
});

test('with JavaScript off there is no Practice button', async (t) => {
  const page = await open(t, { javaScriptEnabled: false });
  assert.equal(await page.getByRole('button', { name: /Practice/ }).count(), 0);
});

test('Practice hides the values and grades typed answers', async (t) => {
  const page = await open(t);
  const values = await rowValues(page);
  await startPractice(page);
  for (const [name, text] of values) await expectVisible(value(page, name, text), false);
  await expectText(score(page), `Score: 0 / ${ROWS}`);

  const correct = new RegExp(`^✓ Correct\\. The answer is ${escape(TIMEOUT_VALUE)}\\.$`);
  for (const [answer, via] of [['900 s', 'Enter'], ['15 min', 'Check'], ['15 minutes', 'Enter']]) {
    await typeAnswer(page, TIMEOUT, [answer], via);
    await expectText(rowStatus(page, TIMEOUT), correct);
    await expectVisible(value(page, TIMEOUT, TIMEOUT_VALUE));
    await expectText(score(page), `Score: 1 / ${ROWS}`);
    await reset(page);
    await expectVisible(value(page, TIMEOUT, TIMEOUT_VALUE), false);
  }
  await typeAnswer(page, TIMEOUT, ['10 minutes']);
  await expectText(rowStatus(page, TIMEOUT), /^✗ Incorrect: you answered 10 minutes\. The answer is 15 minutes \(900 s\)\.$/);
  await expectVisible(value(page, TIMEOUT, TIMEOUT_VALUE));
  await expectText(score(page), `Score: 0 / ${ROWS}`);

  await typeAnswer(page, MEMORY, ['128 MB', '10 GB']);
  await expectText(rowStatus(page, MEMORY), /^✓ Correct/);
  await expectVisible(value(page, MEMORY, MEMORY_VALUE));
  await expectText(score(page), `Score: 1 / ${ROWS}`);

  // Not a quantity: asked again, not graded.
  await typeAnswer(page, ENV, ['fifteen']);
  await expectText(rowStatus(page, ENV), 'Write a number and a unit, such as 15 min or 512 MB.');
  assert.equal(await input(page, ENV).isEditable(), true);
  await expectVisible(value(page, ENV, '4 KB'), false);
  await expectText(score(page), `Score: 1 / ${ROWS}`);

  // Practice off: every value is back.
  await practice(page).click();
  assert.equal(await practice(page).getAttribute('aria-pressed'), 'false');
  for (const [name, text] of values) await expectVisible(value(page, name, text));
  assert.equal(await table(page).getByRole('textbox').count(), 0);
  assertNoErrors(page);
});

test('the score, "Reveal all", "Reset" and a reload', async (t) => {
  const page = await open(t);
  const values = await rowValues(page);
  assert.equal(values.length, await bodyRows(page).count());
  await startPractice(page);
  await expectText(score(page), `Score: 0 / ${values.length}`);
  await typeAnswer(page, TIMEOUT, ['900 s']);
  await typeAnswer(page, MEMORY, ['128 MB', '10 GB']);
  await typeAnswer(page, ENV, ['8 KB']);
  await expectText(score(page), `Score: 2 / ${values.length}`);

  await page.reload();
  assert.equal(await practice(page).getAttribute('aria-pressed'), 'true', 'practice mode stays on');
  await expectText(score(page), `Score: 2 / ${values.length}`);
  await expectText(rowStatus(page, TIMEOUT), '✓ Correct');
  await expectText(rowStatus(page, ENV), '✗ Incorrect: you answered 8 KB');
  await expectVisible(value(page, TIMEOUT, TIMEOUT_VALUE));
  await expectVisible(value(page, ENV, '4 KB'));
  await expectVisible(value(page, 'Layers per function', '5 layers'), false);

  await page.getByRole('button', { name: 'Reveal all' }).click();
  for (const [name, text] of values) await expectVisible(value(page, name, text));
  await expectText(rowStatus(page, 'Layers per function'), 'Revealed');
  await expectText(score(page), `All values revealed. Score: 2 / ${values.length}`);

  await reset(page);
  for (const [name, text] of values) await expectVisible(value(page, name, text), false);
  assert.equal(await input(page, TIMEOUT).inputValue(), '');
  assert.equal(await input(page, TIMEOUT).isEditable(), true);
  await page.reload();
  await expectText(score(page), `Score: 0 / ${values.length}`);
  await expectVisible(value(page, TIMEOUT, TIMEOUT_VALUE), false);
  assertNoErrors(page);
});

test('choosing mode: pick the value from a list', async (t) => {
  const page = await open(t);
  await startPractice(page);
  await page.getByRole('group', { name: 'Answer by' }).getByRole('radio', { name: 'Choosing' }).check();
  assert.equal(await table(page).getByRole('textbox').count(), 0, 'no text inputs when choosing');
  const select = (name) => row(page, name).getByRole('combobox', { name: new RegExp(escape(name)) });
  await select(TIMEOUT).selectOption({ label: '15 minutes' });
  await row(page, TIMEOUT).getByRole('button', { name: `Check ${TIMEOUT}` }).click();
  await expectText(rowStatus(page, TIMEOUT), /^✓ Correct\. The answer is 15 minutes \(900 s\)\.$/);
  await select(MEMORY).selectOption({ label: '128 MB – 10,240 MB' });
  await select(MEMORY).press('Enter');
  await expectText(rowStatus(page, MEMORY), /^✓ Correct/);
  await select(ENV).selectOption({ label: '8 KB' });
  await row(page, ENV).getByRole('button', { name: `Check ${ENV}` }).click();
  await expectText(rowStatus(page, ENV), /^✗ Incorrect: you answered 8 KB\./);
  await expectText(score(page), `Score: 2 / ${ROWS}`);
  // The mode is remembered.
  await page.reload();
  assert.equal(await page.getByRole('radio', { name: 'Choosing' }).isChecked(), true);
  assert.ok(await select('Layers per function').isVisible());
  assertNoErrors(page);
});

test('choosing mode offers whole numbers for counted things', async (t) => {
  const page = await open(t);
  await startPractice(page);
  await page.getByRole('radio', { name: 'Choosing' }).check();
  const options = await row(page, 'Layers per function').getByRole('option').allInnerTexts();
  assert.ok(options.includes('5 layers'), JSON.stringify(options));
  for (const option of options.filter((o) => /\d/.test(o))) {
    assert.match(option, /^\d[\d,]* layers$/, `a whole number of layers: ${JSON.stringify(options)}`);
  }
});

test('one row answered with the keyboard alone', async (t) => {
  const page = await open(t);
  await practice(page).focus();
  await page.keyboard.press('Enter');
  assert.equal(await practice(page).getAttribute('aria-pressed'), 'true');
  const target = input(page, TIMEOUT);
  let reached = false;
  for (let i = 0; i < 30 && !reached; i++) {
    await page.keyboard.press('Tab');
    reached = await target.evaluate((el) => el === document.activeElement);
  }
  assert.ok(reached, 'Tab reaches the timeout input');
  await page.keyboard.type('15 min');
  await page.keyboard.press('Enter');
  await expectText(rowStatus(page, TIMEOUT), /^✓ Correct/);
  await expectText(score(page), `Score: 1 / ${ROWS}`);
  // The answered row's input is disabled: focus moves on to the next row.
  assert.equal(await input(page, ENV).evaluate((el) => el === document.activeElement), true,
    'focus is on the next row to answer');
  await page.keyboard.type('4 KB');
  await page.keyboard.press('Enter');
  await expectText(rowStatus(page, ENV), /^✓ Correct/);
  await expectText(score(page), `Score: 2 / ${ROWS}`);
  assertNoErrors(page);
});

test('the page parses quantities like the Rust parser', async (t) => {
  const page = await open(t);
  const parsed = await page.evaluate((cases) => cases.map((c) => window.StudyGuide.parseQuantity(c.input)), QUANTITIES);
  const mismatches = QUANTITIES.filter((c, i) => {
    const got = parsed[i];
    if (c.base === null) return got !== null;
    return !got || got.dimension !== c.dimension ||
      Math.abs(got.base - c.base) > 1e-9 * Math.max(Math.abs(c.base), 1);
  }).map((c) => `${JSON.stringify(c.input)}: expected ${JSON.stringify(c)}, got ${JSON.stringify(parsed[QUANTITIES.indexOf(c)])}`);
  assert.ok(QUANTITIES.length >= 20);
  assert.deepEqual(mismatches, []);
  assertNoErrors(page);
});

test('API Gateway caching limits: practice with ranges', async (t) => {
  const caption = 'API Gateway caching limits';
  const page = await open(t, { url: APIGW });
  const ttl = 'Cache time to live (TTL)';
  const size = 'Cache size';
  await expectVisible(value(page, size, '0.5 GB (512 MB) – 237 GB', caption));
  await startPractice(page, caption);
  await expectText(score(page), 'Score: 0 / 2');
  await expectVisible(value(page, size, '0.5 GB (512 MB) – 237 GB', caption), false);
  const fill = async (name, min, max) => {
    await row(page, name, caption).getByRole('textbox', { name: /Minimum/ }).fill(min);
    await row(page, name, caption).getByRole('textbox', { name: /Maximum/ }).fill(max);
    await row(page, name, caption).getByRole('button', { name: `Check ${name}` }).click();
  };
  await fill(ttl, '1 hour', '');
  await expectText(rowStatus(page, ttl, caption), 'Fill in both the minimum and the maximum.');
  await expectText(score(page), 'Score: 0 / 2');
  await fill(ttl, '0 s', '1 hour');
  await expectText(rowStatus(page, ttl, caption), /^✓ Correct/);
  await fill(size, '512 MB', '200 GB');
  await expectText(rowStatus(page, size, caption), /^✗ Incorrect: you answered 512 MB – 200 GB\./);
  await expectVisible(value(page, size, '0.5 GB (512 MB) – 237 GB', caption));
  await expectText(score(page), 'Score: 1 / 2');
  assertNoErrors(page);
});

for (const theme of ['light', 'rust', 'coal', 'navy', 'ayu']) {
  test(`axe finds no violations in the limit table (${theme} theme)`, async (t) => {
    const page = await open(t, { theme });
    assert.ok(await page.evaluate((name) => document.documentElement.classList.contains(name), theme), `${theme} theme applied`);
    const normal = await axeViolations(page, '.sg-limits');
    await startPractice(page);
    await typeAnswer(page, TIMEOUT, ['900 s']);
    await typeAnswer(page, ENV, ['8 KB']);
    await expectText(rowStatus(page, ENV), /^✗/);
    const practising = await axeViolations(page, '.sg-limits');
    assertNoErrors(page);
    assertNoViolations(normal, `${theme}, normal`);
    assertNoViolations(practising, `${theme}, practice`);
  });
}

test('corrupt, stale, foreign or unreadable saved state never breaks practice mode', async (t) => {
  const entries = {
    'sg:limits:lambda-lambda-limits': '{"practice": true, "mode": "type"}',
    'sg:limit:lambda.timeout': '{not json',
    'sg:limit:lambda.memory': '{"h":"stale","r":"right"}',
    'sg:limit:lambda.env-vars': '{"h":"x","r":"exploded","a":7}',
    'sg:limit:lambda.layers': '[1,2,3]',
  };
  const page = await open(t);
  const named = {};
  for (const [k, v] of Object.entries(entries)) named[await storeName(page, k)] = v;
  await page.addInitScript((all) => {
    if (sessionStorage.getItem('seeded')) return;
    sessionStorage.setItem('seeded', '1');
    for (const [k, v] of Object.entries(all)) localStorage.setItem(k, v);
  }, named);
  await page.reload();
  // Practice mode came back on; no row was taken as answered.
  assert.equal(await practice(page).getAttribute('aria-pressed'), 'true');
  await expectText(score(page), `Score: 0 / ${ROWS}`);
  for (const name of [TIMEOUT, MEMORY, ENV]) {
    assert.equal(await row(page, name).locator('.sg-practice-result').textContent(), '', `${name} starts unanswered`);
    await expectVisible(input(page, name, name === MEMORY ? 'Minimum' : null));
  }
  const names = [await storeName(page, 'sg:limit:lambda.timeout'), await storeName(page, 'sg:limit:lambda.memory')];
  const stored = await page.evaluate((keys) => keys.map((k) => localStorage.getItem(k)), names);
  assert.deepEqual(stored, [null, null], 'the bad entries were removed');
  await typeAnswer(page, TIMEOUT, ['900 s']);
  await expectText(rowStatus(page, TIMEOUT), /^✓ Correct/);
  assertNoErrors(page);
});

test('storage that throws: practice still grades and scores', async (t) => {
  const page = await newPage(book.browser);
  t.after(() => page.context().close());
  await page.addInitScript(() => {
    Storage.prototype.getItem = () => { throw new Error('storage blocked'); };
    Storage.prototype.setItem = () => { throw new Error('storage blocked'); };
  });
  await page.goto(book.url(LAMBDA));
  await startPractice(page);
  await typeAnswer(page, TIMEOUT, ['15 minutes']);
  await expectText(rowStatus(page, TIMEOUT), /^✓ Correct/);
  await expectText(score(page), `Score: 1 / ${ROWS}`);
  // mdBook's own scripts read localStorage unguarded; ours must not add errors.
  assert.deepEqual(page.errors.filter((e) => !/storage blocked/.test(e)), []);
});

test('at phone width each row is a card that fits the screen, still a table to assistive technology', async (t) => {
  const page = await open(t, { viewport: { width: 375, height: 800 } });
  assert.equal(await bodyRows(page).count(), ROWS);
  assert.equal(await table(page).getByRole('columnheader').count(), 4);
  const overflow = await page.locator('.sg-table-scroll').first().evaluate((el) => el.scrollWidth - el.clientWidth);
  assert.ok(overflow <= 0, `the table is ${overflow}px wider than the screen`);
  await expectVisible(value(page, TIMEOUT, TIMEOUT_VALUE));
  await startPractice(page);
  await typeAnswer(page, TIMEOUT, ['900 s']);
  await expectText(rowStatus(page, TIMEOUT), /^✓ Correct/);
  assertNoViolations(await axeViolations(page, '.sg-limits'), 'phone width, practice');
  assertNoErrors(page);
});

test('a number without its unit is asked for again, not marked wrong', async (t) => {
  const page = await open(t);
  await startPractice(page);
  for (const bare of ['15', '0']) {
    await typeAnswer(page, TIMEOUT, [bare]);
    await expectText(rowStatus(page, TIMEOUT), 'Add the unit to the number, such as 15 min.');
    assert.equal(await input(page, TIMEOUT).isEditable(), true, 'the row is still open');
    await expectVisible(value(page, TIMEOUT, TIMEOUT_VALUE), false);
  }
  await typeAnswer(page, MEMORY, ['128', '10 GB']);
  await expectText(rowStatus(page, MEMORY), 'Add the unit to the number, such as 512 MB.');
  // A count needs no unit.
  await typeAnswer(page, 'Layers per function', ['5']);
  await expectText(rowStatus(page, 'Layers per function'), /^✓ Correct/);
  await expectText(score(page), `Score: 1 / ${ROWS}`);
  assertNoErrors(page);
});

test('a rate over a period is shown and accepted as the table writes it, or in any equal form', async (t) => {
  const page = await open(t);
  const caption = 'Lambda scaling limits';
  const name = 'New execution environments per function';
  await expectVisible(value(page, name, '1,000 every 10 seconds', caption));
  await startPractice(page, caption);
  const field = row(page, name, caption).getByRole('textbox', { name: `Your answer: ${name.toLowerCase()}` });
  const status = rowStatus(page, name, caption);
  await field.fill('1,000');
  await field.press('Enter');
  await expectText(status, 'Add the unit to the number, such as 100 per second.');
  await field.fill('1,000 every 10 seconds');
  await field.press('Enter');
  await expectText(status, /^✓ Correct/);
  const resetTable = page.locator('.sg-limits').filter({ has: table(page, caption) }).getByRole('button', { name: 'Reset' });
  for (const same of ['6,000 per minute', '100 per second', '1,000 requests every 10 s']) {
    await resetTable.click();
    await field.fill(same);
    await field.press('Enter');
    await expectText(status, /^✓ Correct/);
  }
  await resetTable.click();
  await field.fill('1,000 every minute');
  await field.press('Enter');
  await expectText(status, /^✗ Incorrect/);
  assertNoErrors(page);
});

test('a row answered wrong is tried again on its own; the others keep their answers', async (t) => {
  const page = await open(t);
  await startPractice(page);
  await typeAnswer(page, MEMORY, ['128 MB', '10 GB']);
  await typeAnswer(page, TIMEOUT, ['10 minutes']);
  await expectText(rowStatus(page, TIMEOUT), /^✗ Incorrect/);
  await row(page, TIMEOUT).getByRole('button', { name: `Try again: ${TIMEOUT}` }).click();
  assert.ok(await input(page, TIMEOUT).evaluate((el) => el === document.activeElement), 'the focus is on the row');
  assert.equal(await input(page, TIMEOUT).inputValue(), '');
  await expectVisible(value(page, TIMEOUT, TIMEOUT_VALUE), false);
  await expectText(rowStatus(page, MEMORY), /^✓ Correct/);
  await typeAnswer(page, TIMEOUT, ['15 min']);
  await expectText(rowStatus(page, TIMEOUT), /^✓ Correct/);
  await expectText(score(page), `Score: 2 / ${ROWS}`);
  assertNoErrors(page);
});

test('after a reload in Choosing mode, typed answers are still shown', async (t) => {
  const page = await open(t);
  await startPractice(page);
  await typeAnswer(page, ENV, ['8 KB']);
  await typeAnswer(page, MEMORY, ['128 MB', '10 GB']);
  await page.getByRole('group', { name: 'Answer by' }).getByRole('radio', { name: 'Choosing' }).check();
  await page.reload();
  const select = (name) => row(page, name).getByRole('combobox', { name: new RegExp(escape(name)) });
  assert.equal(await select(ENV).evaluate((el) => el.selectedOptions[0].textContent), '8 KB');
  assert.equal(await select(MEMORY).evaluate((el) => el.selectedOptions[0].textContent), '128 MB – 10 GB');
  await expectText(rowStatus(page, ENV), '✗ Incorrect: you answered 8 KB');
  assertNoErrors(page);
});

// The page's prose states limits too ({{limit …}}): above the table, in a
// tip below it, and one of another page's table.
const bullet = (page, text) => page.getByRole('listitem').filter({ hasText: text });
const tip = (page) => page.locator('main blockquote').filter({ hasText: 'belongs in Step Functions' });
// The masks of the prose around the table (its notes have their own).
const masks = (page) => page.locator('main > :not(.sg-limits)').getByRole('img', { name: 'Value hidden while you practise' });

async function expectProse(page, { timeout, memory }) {
  const shown = (visible, value) => visible ? value : '•••';
  await expectText(bullet(page, 'runs for at most'), `A function runs for at most ${shown(timeout, TIMEOUT_VALUE)}.`);
  await expectText(tip(page), new RegExp(`Work longer than ${escape(shown(timeout, TIMEOUT_VALUE))} belongs in Step Functions\\.$`));
  await expectText(bullet(page, 'of memory'), `It gets up to ${shown(memory, '10,240 MB (10 GB)')} of memory.`);
  // Another page's table is not practised here.
  await expectText(bullet(page, 'cached API Gateway'), 'A cached API Gateway response lives up to 3,600 seconds (1 hour).');
  // Nor is the value left for a screen reader to read.
  const snapshot = await page.locator('main').ariaSnapshot();
  assert.equal(snapshot.includes(TIMEOUT_VALUE), timeout, snapshot);
  assert.equal(snapshot.includes('10,240 MB (10 GB)'), memory, snapshot);
}

test('while the table is practised, the prose around it does not give its values away', async (t) => {
  const page = await open(t);
  await expectProse(page, { timeout: true, memory: true });
  await startPractice(page);
  await expectProse(page, { timeout: false, memory: false });
  assert.equal(await masks(page).count(), 3);
  await expectVisible(masks(page).first());

  // A row answered shows its value in the prose again; the others stay masked.
  await typeAnswer(page, TIMEOUT, ['15 min']);
  await expectText(rowStatus(page, TIMEOUT), /^✓ Correct/);
  await expectProse(page, { timeout: true, memory: false });
  await page.reload();
  await expectProse(page, { timeout: true, memory: false });

  // On paper every value is printed.
  await page.emulateMedia({ media: 'print' });
  await expectText(bullet(page, 'of memory'), 'It gets up to 10,240 MB (10 GB) of memory.');
  await page.emulateMedia({ media: 'screen' });

  await reset(page);
  await expectProse(page, { timeout: false, memory: false });
  await page.getByRole('button', { name: 'Reveal all' }).click();
  await expectProse(page, { timeout: true, memory: true });
  await reset(page);
  await practice(page).click();
  await expectProse(page, { timeout: true, memory: true });
  assert.equal(await masks(page).filter({ visible: true }).count(), 0);
  assertNoErrors(page);
});

for (const [url, caption] of [[LAMBDA, 'Lambda limits'], [APIGW, 'API Gateway caching limits']]) {
  test(`while ${caption} are practised, no note states a hidden value in any unit`, async (t) => {
    const page = await open(t, { url });
    // The notes do state values: the test has something to find.
    assert.notDeepEqual(await givenAway(table(page, caption)), [], 'the notes state values before practice');
    await startPractice(page, caption);
    assert.deepEqual(await givenAway(table(page, caption)), [], 'no value is stated while it is practised');
    await expectVisible(table(page, caption).locator('tbody .sg-ref-mask').first());
    // Revealed, the notes read as written again.
    await page.getByRole('button', { name: 'Reveal all' }).click();
    assert.notDeepEqual(await givenAway(table(page, caption)), []);
    assertNoErrors(page);
  });
}

test('with JavaScript off the prose states every limit', async (t) => {
  const page = await open(t, { javaScriptEnabled: false });
  await expectProse(page, { timeout: true, memory: true });
});
