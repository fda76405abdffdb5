// mdBook's own parts of the page as theme/mdbook.js leaves them, on the
// built guide: the sidebar's toggle a button that works from the keyboard,
// and code blocks that scroll sideways reachable with it.
// Run: node --test tests/browser/mdbook.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GUIDE, useBook } from './harness.mjs';
import { assertNoErrors, expectText, expectVisible } from './assertions.mjs';

const book = useBook(GUIDE);
const CHAPTER = 'serverless-containers/lambda.html';

test('the sidebar toggle is a button that shows and hides the sidebar from the keyboard', async (t) => {
  const page = await book.open(t, CHAPTER, { viewport: { width: 1280, height: 800 } });
  const toggle = page.getByRole('button', { name: 'Toggle Table of Contents' });
  assert.equal(await toggle.count(), 1);
  assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
  assert.equal(await page.locator('label#mdbook-sidebar-toggle').isVisible(), false, "mdBook's label is hidden");
  const sidebarShown = () => page.evaluate(() => document.documentElement.classList.contains('sidebar-visible'));
  assert.equal(await sidebarShown(), true);
  await toggle.focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => !document.documentElement.classList.contains('sidebar-visible'));
  assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
  assert.equal(await page.locator('#mdbook-sidebar').getAttribute('aria-hidden'), 'true');
  await page.keyboard.press('Space');
  await page.waitForFunction(() => document.documentElement.classList.contains('sidebar-visible'));
  assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
  // mdBook keeps the choice for the next page.
  await toggle.click();
  await page.waitForFunction(() => !document.documentElement.classList.contains('sidebar-visible'));
  await page.reload();
  assert.equal(await sidebarShown(), false);
  assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
  assertNoErrors(page);
});

test('a code block wider than the screen takes the focus, under a name, and gives it up when it fits', async (t) => {
  const page = await book.open(t, CHAPTER, { viewport: { width: 390, height: 844 } });
  const wide = page.locator('main pre > code[data-sg-scrolls]:visible');
  assert.ok(await wide.count() > 0, 'a code block scrolls sideways at 390px');
  const first = wide.first();
  assert.equal(await first.getAttribute('tabindex'), '0');
  assert.equal(await first.getAttribute('role'), 'group');
  assert.equal(await first.getAttribute('aria-label'), 'Code, scrolls sideways');
  const narrow = await page.locator('main pre > code').evaluateAll((codes) =>
    codes.filter((c) => c.scrollWidth <= c.clientWidth + 1).map((c) => c.hasAttribute('tabindex')));
  assert.ok(narrow.every((focusable) => !focusable), 'a code block that fits is not a tab stop');
  // The arrow keys scroll it, where mdBook would turn the page.
  await first.focus();
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction((el) => el.scrollLeft > 0, await first.elementHandle());
  assert.ok(page.url().endsWith(CHAPTER), 'still on the chapter');
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.waitForFunction(() => [...document.querySelectorAll('main pre > code')].every((c) =>
    c.hasAttribute('data-sg-scrolls') === (c.scrollWidth > c.clientWidth + 1)));
  assertNoErrors(page);
});

test('a table wider than the screen says under it that it scrolls sideways, and says nothing once it fits', async (t) => {
  const page = await book.open(t, 'security-compliance/iam.html', { viewport: { width: 390, height: 844 } });
  const wide = page.locator('main .table-wrapper[data-sg-scrolls]');
  assert.ok(await wide.count() > 0, 'a table of the IAM section scrolls sideways at 390px');
  const hints = page.locator('main .table-wrapper[data-sg-scrolls] + p');
  assert.equal(await hints.count(), await wide.count(), 'every table that scrolls has a line under it');
  await expectText(hints.first(), 'Wider than the screen: scroll it sideways to see all of it.');
  await expectVisible(hints.first());
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.waitForFunction(() => [...document.querySelectorAll('main .table-wrapper')].every((w) =>
    w.hasAttribute('data-sg-scrolls') === (w.scrollWidth > w.clientWidth + 1)));
  assert.equal(await page.getByText('Wider than the screen: scroll it sideways to see all of it.').count(),
    await page.locator('main .table-wrapper[data-sg-scrolls]').count());
  assertNoErrors(page);
});

test('what is brought into view lands below the menu bar, which comes back over the page as it scrolls up', async (t) => {
  const page = await book.open(t, 'security-compliance/iam.html', { viewport: { width: 390, height: 844 } });
  const frame = () => page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  await page.mouse.wheel(0, 3000);
  await frame();
  // Up a little: mdBook's bar slides back over the top of the page.
  for (let i = 0; i < 3; i++) {
    await page.mouse.wheel(0, -60);
    await frame();
  }
  const bar = page.locator('#mdbook-menu-bar');
  await page.waitForFunction(() => {
    const box = document.getElementById('mdbook-menu-bar').getBoundingClientRect();
    return box.top <= 0 && box.bottom > 40;
  });
  // The last heading above the screen, brought into view as focus moving
  // back to it (or a script) brings it: just so far.
  const headings = page.getByRole('main').locator('h2, h3, h4, p');
  const tops = await headings.evaluateAll((els) => els.map((el) => el.getBoundingClientRect().top));
  const above = tops.findLastIndex((top) => top < 0);
  assert.ok(above >= 0, 'something is above the screen');
  await headings.nth(above).evaluate((el) => el.scrollIntoView({ block: 'nearest' }));
  await frame();
  const barBox = await bar.boundingBox();
  const box = await headings.nth(above).boundingBox();
  assert.ok(box.y >= barBox.y + barBox.height - 1,
    `its top (${box.y}px) is below the bar's foot (${barBox.y + barBox.height}px)`);
  assertNoErrors(page);
});
