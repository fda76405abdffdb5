// Screenshots of the built book as a learner sees it: light and dark themes,
// a phone-width viewport, and a page after answering. Writes PNGs to
// tests/output/screenshots. Run: node tests/browser/screenshots.mjs [page…]
import { launch, newPage, serve, repoRoot } from './harness.mjs';
import { mkdirSync } from 'node:fs';
import path from 'node:path';

const out = path.join(repoRoot, 'tests', 'output', 'screenshots');
mkdirSync(out, { recursive: true });
const pages = process.argv.slice(2).length ? process.argv.slice(2) : [
  'serverless-containers/quiz.html', 'serverless-containers/lambda.html',
  'serverless-containers/containers.html', 'serverless-containers/api-gateway.html',
];
const variants = [
  { name: 'light', theme: 'light', viewport: { width: 1280, height: 900 } },
  { name: 'navy', theme: 'navy', viewport: { width: 1280, height: 900 } },
  { name: 'coal', theme: 'coal', viewport: { width: 1280, height: 900 } },
  { name: 'phone', theme: 'light', viewport: { width: 390, height: 844 } },
  { name: 'phone-coal', theme: 'coal', viewport: { width: 390, height: 844 } },
];

const server = await serve();
const browser = await launch();
try {
  for (const variant of variants) {
    const page = await newPage(browser, { viewport: variant.viewport });
    await page.addInitScript((theme) => localStorage.setItem('mdbook-theme', theme), variant.theme);
    for (const rel of pages) {
      await page.goto(server.url + rel);
      await page.evaluate(() => window.StudyGuide && window.StudyGuide.whenReady());
      const name = `${rel.replace(/[/.]/g, '_')}-${variant.name}.png`;
      await page.screenshot({ path: path.join(out, name), fullPage: true });
      console.log(path.join(out, name), page.errors.length ? page.errors : '');
    }
    await page.context().close();
  }
} finally {
  await browser.close();
  await server.close();
}
