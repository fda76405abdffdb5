// axe-core (WCAG 2.0, 2.1 and 2.2, levels A and AA) on every page of the
// guide and of the fixture books, whole pages with mdBook's own parts, in
// mdBook's five themes at a desktop and a phone width: as each page loads,
// and after a learner has used its widgets (a quiz checked right and wrong,
// a limit table in practice, the exam's start and question screens, the
// progress and review pages with that history).
// Run: node --test tests/browser/axe.test.mjs
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { bookDir, closeShared, fixtureBook, newPage, sharedBrowser, siteAt } from './harness.mjs';
import { AXE, expectText } from './assertions.mjs';
import { parseQuiz, quizParts } from './quiz-page.mjs';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa'];
const THEMES = ['light', 'rust', 'coal', 'navy', 'ayu'];
const VIEWPORTS = [{ width: 1280, height: 800 }, { width: 390, height: 844 }];
// The rules whose outcome depends on the theme's colours. They run in every
// theme; the others (names, roles, structure, target sizes, scrolling),
// which no theme changes, in the first theme of each width.
const COLOUR_RULES = ['color-contrast', 'link-in-text-block'];

after(closeShared);

// Every page of a built site: its HTML files outside the folders of
// scripts and styles, less mdBook's index.html where it is a byte-for-byte
// copy of the first chapter.
function pagesOf(site) {
  const found = [];
  const walk = (dir) => {
    for (const name of readdirSync(path.join(site, dir)).sort()) {
      const rel = dir ? `${dir}/${name}` : name;
      if (statSync(path.join(site, rel)).isDirectory()) {
        if (!['studyguide', 'theme', 'css', 'fonts'].includes(rel)) walk(rel);
      } else if (name.endsWith('.html')) {
        found.push(rel);
      }
    }
  };
  walk('');
  const index = readFileSync(path.join(site, 'index.html'));
  const copy = found.some((rel) => rel !== 'index.html' && readFileSync(path.join(site, rel)).equals(index));
  return copy ? found.filter((rel) => rel !== 'index.html') : found;
}

// A browser page at one width, reused for every page of a book; it starts
// each page in the light theme, with axe loaded.
async function widthPage(browser, viewport) {
  const page = await newPage(browser, { viewport });
  page.setDefaultTimeout(10000);
  page.on('response', (response) => {
    if (response.status() >= 400) page.errors.push(`${response.status()}: ${response.url()}`);
  });
  await page.context().addInitScript(() => {
    try { localStorage.setItem('mdbook-theme', 'light'); } catch (e) { /* no storage */ }
  });
  await page.context().addInitScript({ path: AXE });
  return page;
}

// Opens `rel` and waits until the page's scripts and fonts are done.
async function load(page, site, rel) {
  await page.goto(site.url(rel));
  await page.evaluate(async () => {
    if (window.StudyGuide && window.StudyGuide.whenReady) await window.StudyGuide.whenReady().catch(() => {});
    await document.fonts.ready;
  });
}

// Switches to mdBook's `theme` as a reader does, through its theme menu;
// a page without the menu (toc.html) gets the theme's class.
async function useTheme(page, theme) {
  await page.evaluate((name) => {
    const root = document.documentElement;
    if (root.classList.contains(name)) return;
    const button = document.getElementById(`mdbook-theme-${name}`);
    if (button) {
      button.click();
    } else {
      root.classList.remove(...['light', 'rust', 'coal', 'navy', 'ayu']);
      root.classList.add(name);
    }
  }, theme);
  assert.ok(await page.evaluate((name) => document.documentElement.classList.contains(name), theme), `${theme} applied`);
}

// axe's violations on the page as it is, one line each: where, the rule,
// its impact, the element and why.
async function violations(page, rules, where) {
  const runOnly = rules ? { type: 'rule', values: rules } : { type: 'tag', values: TAGS };
  const found = await page.evaluate((only) => window.axe.run(document, { runOnly: only, resultTypes: ['violations'] })
    .then((result) => result.violations.flatMap((v) => v.nodes.map((n) => ({
      rule: v.id, impact: v.impact, target: n.target.join(' '),
      why: (n.failureSummary || '').split('\n').slice(1).join(' ').trim(),
    })))), runOnly);
  return found.map((v) => `${where}: ${v.rule} (${v.impact}) at ${v.target}: ${v.why}`);
}

// The page as it is now, in every theme: every rule in the first, the
// colour rules in the others. `where` names the page and its state. The
// page is scrolled to its top first: further down, mdBook's menu bar and
// the quiz's progress line, both sticky, lie over whatever passes under
// them, and the targets they cover change with the scroll.
async function scanThemes(page, where, width) {
  await page.evaluate(() => new Promise((resolve) => {
    window.scrollTo(0, 0);
    requestAnimationFrame(() => requestAnimationFrame(resolve));
  }));
  const found = [];
  for (const [i, theme] of THEMES.entries()) {
    await useTheme(page, theme);
    found.push(...(await violations(page, i === 0 ? null : COLOUR_RULES, `${where} [${theme}, ${width}px]`)));
  }
  await useTheme(page, THEMES[0]);
  return found;
}

// Script errors, and resources that failed with their address (Chromium's
// own console line for those names none; toc.html, which has no icon,
// makes Chromium ask for /favicon.ico).
function assertNoPageErrors(page, viewport) {
  const errors = page.errors.filter((e) => !/^Failed to load resource: /.test(e));
  assert.deepEqual(errors, [], `no script errors or failed requests at ${viewport.width}px`);
}

function assertNone(found, what, checked) {
  const shown = found.slice(0, 60).map((line) => (line.length > 400 ? `${line.slice(0, 400)}…` : line));
  const more = found.length > shown.length ? `\n  … and ${found.length - shown.length} more` : '';
  assert.equal(found.length, 0, `axe found ${found.length} violation(s) in ${what} (${checked}):\n  ${shown.join('\n  ')}${more}`);
}

// The guide's pages of each kind, a sample: every kind of page is scanned
// whole on the fixture books; here the guide's own content is sampled (every
// chapter's overview and first section, with its tables and diagrams; two
// chapter quizzes; the practice pages, the errata and the front page), so
// the test's time does not grow with the book. Its print page is the whole
// book: the fixtures' print pages stand for it.
function guideSample(site) {
  const all = pagesOf(site);
  const chapters = [...new Set(all.filter((rel) => rel.includes('/') && !rel.startsWith('practice/') && !rel.startsWith('appendix/'))
    .map((rel) => rel.split('/')[0]))];
  const firstSection = (dir) => all.filter((rel) => rel.startsWith(`${dir}/`) && !/\/(index|quiz|exam-tips)\.html$/.test(rel))[0];
  const sample = [
    ...all.filter((rel) => !rel.includes('/') && !['print.html', '404.html'].includes(rel)),
    ...chapters.flatMap((dir) => [`${dir}/index.html`, firstSection(dir)]),
    `${chapters[0]}/quiz.html`, `${chapters[chapters.length - 1]}/quiz.html`,
    ...all.filter((rel) => rel.startsWith('practice/') || rel.startsWith('appendix/')),
  ].filter(Boolean);
  assert.ok(chapters.length >= 9 && sample.length >= 25, `a sample of ${sample.length} pages of ${chapters.length} chapters`);
  for (const rel of sample) assert.ok(all.includes(rel), `${rel} is a page of the guide`);
  return [...new Set(sample)];
}

// Every page of `site` (or those `pages` lists) as it loads, in every theme at both widths.
async function scanSite(t, site, name, pages = pagesOf(site.site)) {
  await scanStates(t, name, name, async (page, scan) => {
    for (const rel of pages) {
      await load(page, site, rel);
      await scan(rel);
    }
  }, 'pages');
}

// At each width (the two at once, each in a page of its own), `walk(page,
// scan)` takes a fresh page through states (or `unit`) and calls
// `scan(where)` in each, which scans it in every theme; then no violation
// and no script error may have been found. `label` names the site in what
// is reported, `what` the states.
async function scanStates(t, label, what, walk, unit = 'states') {
  const browser = await sharedBrowser();
  const states = new Set();
  const found = (await Promise.all(VIEWPORTS.map(async (viewport) => {
    const page = await widthPage(browser, viewport);
    t.after(() => page.context().close());
    const atWidth = [];
    await walk(page, async (where) => {
      states.add(where);
      atWidth.push(...(await scanThemes(page, `${label} ${where}`, viewport.width)));
    });
    assertNoPageErrors(page, viewport);
    return atWidth;
  }))).flat();
  const checked = `${states.size} ${unit} × ${THEMES.length} themes × ${VIEWPORTS.length} widths`;
  t.diagnostic(`${what}: ${checked}, ${found.length} violations`);
  assertNone(found, what, checked);
}

const guide = () => siteAt({ dir: path.dirname(bookDir), site: bookDir });
async function fixture(name) {
  const built = await fixtureBook(name);
  assert.equal(built.status, 0, `building the ${name} fixture:\n${built.log}`);
  return siteAt(built);
}

test('axe finds nothing on a sample of every kind of the guide\'s pages, in every theme at both widths', async (t) => {
  const site = await guide();
  await scanSite(t, site, 'guide', guideSample(site.site));
});

for (const name of ['quiz', 'limits', 'diagrams', 'loop']) {
  test(`axe finds nothing on any page of the ${name} fixture, in every theme at both widths`, async (t) => {
    await scanSite(t, await fixture(name), name);
  });
}

// The loop fixture after a learner used it: its widgets in the states
// their first load does not show.
test('axe finds nothing in the widgets after use, in every theme at both widths', async (t) => {
  const site = await fixture('loop');
  const key = parseQuiz(readFileSync(path.join(site.dir, 'src', 'compute', 'quiz.md'), 'utf8'));
  const quiz = quizParts(key);
  await scanStates(t, 'loop', 'the loop fixture\'s widgets after use', async (page, scan) => {
    // A quiz: one question checked right, one wrong.
    await load(page, site, 'compute/quiz.html');
    await quiz.answer(page, 1);
    await quiz.answer(page, 2, ['ABCD'.split('').find((l) => !key[1].letters.includes(l))]);
    await expectText(quiz.result(page, 2), /^Incorrect/);
    await scan('compute/quiz.html, checked right and wrong');

    // A limit table in practice, one row answered wrong.
    await load(page, site, 'compute/lambda.html');
    await page.getByRole('button', { name: /^Practice: / }).first().click();
    const row = page.locator('.sg-limits-table tbody tr').first();
    const box = row.getByRole('textbox').first();
    await box.fill('1 KB');
    await box.press('Enter');
    await expectText(row.locator('.sg-practice-result'), /^✗/);
    await scan('compute/lambda.html, in practice');

    // The exam: its start screen is the page as it loads; then a question.
    await load(page, site, 'exam.html');
    const exam = page.locator('[data-sg-exam]');
    await exam.getByRole('button', { name: 'Start', exact: true }).click();
    await expectText(exam.locator('.sg-exam-heading:visible'), /^Question 1 of \d+$/);
    await exam.locator('.sg-exam-question input').first().check();
    await scan('exam.html, a question');

    // Progress and review, with that history.
    await load(page, site, 'progress.html');
    await scan('progress.html, with history');
    await load(page, site, 'review.html');
    await scan('review.html, a card due');
    await page.locator('.sg-review .sg-choice input').first().check();
    await page.locator('.sg-review').getByRole('button', { name: 'Check' }).click();
    await expectText(page.locator('.sg-review .sg-result'), /^(Correct|Incorrect)/);
    await scan('review.html, a card answered');
  });
});

// mdBook's own parts in the states a reader opens: search with results, a
// page a result leads to (its words highlighted), the theme menu, the
// keyboard help, the sidebar toggled.
test("axe finds nothing in mdBook's search, menus and sidebar once opened, in every theme at both widths", async (t) => {
  const site = await fixture('loop');
  await scanStates(t, 'loop', "the loop fixture's opened mdBook parts", async (page, scan) => {
    await load(page, site, 'compute/lambda.html');
    await page.locator('#mdbook-search-toggle').click();
    await page.locator('#mdbook-searchbar').pressSequentially('lambda');
    await page.locator('#mdbook-searchresults li').first().waitFor();
    await scan('compute/lambda.html, search results');
    await load(page, site, 'compute/lambda.html?highlight=lambda');
    await page.locator('main mark').first().waitFor();
    await scan('compute/lambda.html, words found highlighted');
    await load(page, site, 'compute/lambda.html');
    await page.locator('#mdbook-theme-toggle').click();
    await page.locator('#mdbook-theme-list').waitFor();
    await scan('compute/lambda.html, theme menu open');
    await page.keyboard.press('Escape');
    await page.locator('body').press('?');
    await page.locator('#mdbook-help-popup').waitFor();
    await scan('compute/lambda.html, keyboard help open');
    await page.keyboard.press('Escape');
    const shown = await page.evaluate(() => document.documentElement.classList.contains('sidebar-visible'));
    await page.getByRole('button', { name: 'Toggle Table of Contents' }).click();
    await page.waitForFunction((was) => document.documentElement.classList.contains('sidebar-visible') !== was, shown);
    // Scanned once the sidebar's slide has finished, not half-way.
    await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));
    await scan(`compute/lambda.html, sidebar toggled`);
  });
});

// A quiz page of the guide with every question checked (its first choice:
// right for some, wrong for others, too few for some "choose two").
test('axe finds nothing on a quiz page of the guide once every question is checked', async (t) => {
  const site = await guide();
  const rel = 'serverless-containers/quiz.html';
  await scanStates(t, 'guide', `the guide's ${rel}`, async (page, scan) => {
    await load(page, site, rel);
    // Clicked in the page, all at once: forty questions one by one through
    // Playwright take a while.
    const count = await page.evaluate(() => {
      const questions = document.querySelectorAll('.sg-question');
      questions.forEach((question) => {
        question.querySelector('.sg-choice input').click();
        [...question.querySelectorAll('button')].find((b) => b.textContent.trim() === 'Check').click();
      });
      return questions.length;
    });
    assert.ok(count > 0, `${rel} has questions`);
    assert.ok(await page.locator('.sg-question.sg-correct').count() > 0, 'some checked right');
    assert.ok(await page.locator('.sg-question.sg-incorrect').count() > 0, 'some checked wrong');
    await scan(`${rel}, every question checked`);
  });
});

// The scan reports what it finds, with the page, theme, width, rule and
// element: a faint paragraph added to a page is found in the theme it is
// faint in.
test('a violation is reported with its page, theme, width, rule and element', async (t) => {
  const site = await fixture('quiz');
  const page = await widthPage(await sharedBrowser(), VIEWPORTS[1]);
  t.after(() => page.context().close());
  await load(page, site, 'quiz.html');
  await page.evaluate(() => {
    const p = document.createElement('p');
    p.id = 'sg-faint';
    p.textContent = 'Faint in coal';
    document.querySelector('main').appendChild(p);
    const style = document.createElement('style');
    style.textContent = '.coal #sg-faint { color: #333; }';
    document.head.appendChild(style);
  });
  const found = await scanThemes(page, 'quiz quiz.html', 390);
  assert.equal(found.length, 1, found.join('\n'));
  assert.match(found[0], /^quiz quiz\.html \[coal, 390px\]: color-contrast \(serious\) at #sg-faint: /);
});
