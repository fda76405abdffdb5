import { launch, serve } from './browser/harness.mjs';
const server = await serve('/work/main/book');
const browser = await launch();
const out = '/tmp/shots';
async function shot(name, url, { width = 1280, height = 900, theme = 'light', before } = {}) {
  const ctx = await browser.newContext({ viewport: { width, height } });
  const page = await ctx.newPage();
  page.on('pageerror', (e) => console.log('ERR', name, String(e)));
  page.on('console', (m) => { if (m.type() === 'error') console.log('CONSOLE', name, m.text()); });
  await page.addInitScript((t) => localStorage.setItem('mdbook-theme', t), theme);
  if (before) await before(page);
  await page.goto(server.url + url);
  await page.waitForTimeout(800);
  await page.screenshot({ path: `${out}/${name}.png`, fullPage: false });
  await ctx.close();
}
const seed = async (page) => {
  await page.goto(server.url + 'serverless-containers/quiz.html');
  for (let i = 0; i < 6; i++) {
    const q = page.locator('[data-sg-question]').nth(i);
    await q.locator('input').nth(i % 2).check();
    await q.getByRole('button', { name: 'Check' }).click();
  }
};
await (await import('node:fs')).mkdirSync(out, { recursive: true });
for (const theme of ['light', 'navy']) {
  await shot(`progress-${theme}`, 'practice/progress.html', { theme, before: seed });
  await shot(`review-${theme}`, 'practice/review.html', { theme, before: seed });
  await shot(`exam-${theme}`, 'practice/exam.html', { theme });
}
await shot('progress-phone', 'practice/progress.html', { width: 390, height: 844, before: seed });
await shot('review-phone', 'practice/review.html', { width: 390, height: 844, before: seed });
await browser.close(); await server.close();
