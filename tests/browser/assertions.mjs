// Assertions and small helpers shared by the browser tests.
import assert from 'node:assert/strict';
import path from 'node:path';
import { repoRoot } from './harness.mjs';

export const AXE = path.join(repoRoot, 'node_modules', 'axe-core', 'axe.min.js');

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export { stripAnsi } from './harness.mjs';

// Waits until the locator's text is `expected` (a string or a RegExp).
export async function expectText(locator, expected, timeout = 3000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const actual = (await locator.innerText({ timeout }).catch((e) => `<${e.message.split('\n')[0]}>`)).trim();
    if (expected instanceof RegExp ? expected.test(actual) : actual === expected) return;
    if (Date.now() > deadline) assert.fail(`expected text ${expected}, got ${JSON.stringify(actual)}`);
    await sleep(50);
  }
}

// Visible, or present on the page but hidden.
export async function expectVisible(locator, visible = true) {
  if (!visible) assert.ok(await locator.count() > 0, `${locator} is on the page`);
  await locator.waitFor({ state: visible ? 'visible' : 'hidden', timeout: 3000 });
  assert.equal(await locator.isVisible(), visible);
}

export function assertNoErrors(page) {
  assert.deepEqual(page.errors, [], 'no console errors or page errors');
}

// axe-core's violations inside `context`, written out readably.
export async function axeViolations(page, context) {
  await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate((ctx) => window.axe.run(ctx).then((r) => r.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map((n) => `${n.target.join(' ')}\n      ${n.failureSummary.replace(/\n/g, '\n      ')}`),
  }))), context);
  return violations.map((v) => `${v.id} (${v.impact}): ${v.help}, ${v.nodes.length} node(s)\n    ` +
    v.nodes.slice(0, 6).join('\n    ') + (v.nodes.length > 6 ? `\n    … and ${v.nodes.length - 6} more` : ''));
}

export function assertNoViolations(list, label) {
  assert.equal(list.length, 0, `axe violations (${label}):\n  ${list.join('\n  ')}`);
}

// Types `words` into mdBook's search box (opened if need be) and waits for
// its results; returns the results' list items.
export async function searchBook(page, words) {
  const box = page.getByRole('searchbox');
  if (!(await box.isVisible())) await page.locator('#mdbook-search-toggle').click();
  await box.fill('');
  await box.pressSequentially(words);
  await expectText(page.locator('#mdbook-searchresults-header'), new RegExp(`search results? for '${words}'`));
  return page.locator('#mdbook-searchresults li');
}
