// Hostile author text: a corpus of XSS vectors goes into every field of
// every block kind (and the places that show a broken block's source), the
// book is built, and every page is loaded in Chromium. Nothing may run, no
// dialog may open, and no element may be injected.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildBook, closeShared, linkTheme, newPage, removeAtExit, serveOnce, sharedBrowser, tempDir } from './harness.mjs';
import { VECTORS } from './xss-corpus.mjs';

// A TOML basic string holding `text`.
const toml = (text) => JSON.stringify(text);
// Mermaid labels are quoted strings: keep the vector but not the quotes.
const label = (text) => text.replace(/"/g, '#quot;').replace(/\n/g, ' ');

function chapter(vector, n) {
  const v = toml(vector);
  return `# Vector ${n}

Prose reference: {{limit x${n}.safe}} and a broken one: {{limit ${vector.replace(/[{}\n]/g, '')}}}.

\`\`\`quiz
title = ${v}

[[question]]
id = "q${n}"
prompt = ${v}
choices = [${v}, { text = "plain ${n}", explanation = ${v} }]
answer = "A"
explanation = ${v}
\`\`\`

\`\`\`limits
caption = ${v}
service = ${v}

[[limit]]
id = "x${n}.safe"
resource = ${v}
value = "15 min"
adjustable = false
note = ${v}
\`\`\`

\`\`\`mermaid
flowchart LR
    accTitle: ${label(vector)}
    accDescr: ${label(vector)}
    A["${label(vector)}"] --> B["plain"]
    click A href "javascript:window.__xss=1"
\`\`\`

A quiz that is broken, so its source is shown in the page:

\`\`\`quiz
[[question]]
id = ${v}
prompt = ${v}
choices = [${v}]
answer = "Z"
\`\`\`

A broken limits table:

\`\`\`limits
caption = ${v}
service = "s"
source = ${toml('javascript:window.__xss=1')}

[[limit]]
id = ${v}
resource = ${v}
value = ${toml('10 ' + vector)}
adjustable = false
\`\`\`

END OF PAGE ${n}
`;
}

const servers = {};
let browser;

// Builds the hostile book; `prerender` = "auto" draws diagrams at build
// time, "never" leaves them to mermaid in the browser.
function buildHostileBook(prerender) {
  const book = linkTheme(removeAtExit(tempDir('studyguide-xss-')));
  mkdirSync(path.join(book, 'src'), { recursive: true });
  writeFileSync(path.join(book, 'book.toml'), `[book]
title = "Hostile input"

[preprocessor.studyguide]
command = "false"
on-failure = "continue"

[preprocessor.studyguide.diagrams]
prerender = "${prerender}"
`);
  let summary = '# Summary\n\n';
  VECTORS.forEach((vector, n) => {
    writeFileSync(path.join(book, 'src', `v${n}.md`), chapter(vector, n));
    summary += `- [Vector ${n}](v${n}.md)\n`;
  });
  // The pages that gather every quiz and limit: the hostile text again, in
  // the exam's title and in every question and limit they carry.
  writeFileSync(path.join(book, 'src', 'exam.md'),
    `# Exam\n\n\`\`\`exam\ntitle = ${toml(VECTORS.join(' '))}\nquestions = 5\n\`\`\`\n`);
  writeFileSync(path.join(book, 'src', 'progress.md'), '# Progress\n\n```progress\n```\n');
  writeFileSync(path.join(book, 'src', 'review.md'), '# Review\n\n```review\n```\n');
  summary += '- [Exam](exam.md)\n- [Progress](progress.md)\n- [Review](review.md)\n';
  writeFileSync(path.join(book, 'src', 'SUMMARY.md'), summary);
  const result = buildBook(book);
  assert.equal(result.status, 0, result.stderr);
  assert.match(result.stderr, /WARN/, 'the broken blocks were reported');
  const drawn = prerender === 'auto' ? /diagrams: 17 drawn/ : /17 left to the browser/;
  assert.match(result.stderr, drawn);
  return book;
}

before(async () => {
  servers.static = await serveOnce(path.join(buildHostileBook('auto'), 'book'));
  servers.client = await serveOnce(path.join(buildHostileBook('never'), 'book'));
  browser = await sharedBrowser();
});

after(closeShared);

// What the page itself loads: mdBook's and our scripts, nothing else.
async function inspect(page) {
  return page.evaluate(() => {
    const main = document.querySelector('main');
    const handlers = [...main.querySelectorAll('*')].filter((el) =>
      [...el.attributes].some((a) => /^on/i.test(a.name)));
    return {
      xss: window.__xss,
      injected: document.querySelectorAll('#injected').length,
      scriptsInMain: main.querySelectorAll('script').length,
      frames: document.querySelectorAll('iframe, object, embed').length,
      handlers: handlers.map((el) => el.outerHTML.slice(0, 120)),
      javascriptLinks: [...document.querySelectorAll('a[href]')]
        .filter((a) => /^\s*(javascript|data):/i.test(a.getAttribute('href'))).map((a) => a.outerHTML),
      stylesOutsideSvg: [...main.querySelectorAll('style')].filter((s) => !s.closest('svg')).length,
      mainVisible: getComputedStyle(main).display !== 'none',
      text: main.innerText,
      quizzes: main.querySelectorAll('form.sg-quiz').length,
      tables: main.querySelectorAll('.sg-limits').length,
      diagrams: main.querySelectorAll('.sg-diagram').length,
    };
  });
}

for (const mode of ['static', 'client']) for (const [n, vector] of VECTORS.entries()) {
  test(`vector ${n} runs nothing (${mode} diagrams): ${vector.slice(0, 50)}`, async () => {
    const page = await newPage(browser);
    await page.goto(`${servers[mode].url}v${n}.html`);
    await page.evaluate(() => window.StudyGuide.whenReady());
    if (mode === 'client') {
      await page.locator('[data-sg-canvas] svg').first().waitFor({ state: 'attached', timeout: 15000 });
    }
    // Interact: open every details, hover and focus everything, answer the quiz.
    await page.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = true; }));
    // A reference inside the quiz's or the table's own fields breaks the
    // block (a broken reference is a problem there): then it is a box.
    const quizBroken = vector.includes('{{limit');
    if (!quizBroken) {
      await page.locator('main .sg-choice label').first().click();
      await page.getByRole('button', { name: 'Check' }).first().click();
    }
    await page.mouse.move(200, 200);
    await page.mouse.move(600, 400);
    const found = await inspect(page);
    assert.equal(found.xss, undefined, 'no script ran');
    assert.deepEqual(page.errors.filter((e) => e.startsWith('dialog')), [], 'no dialog opened');
    assert.equal(found.injected, 0, 'no injected element');
    assert.equal(found.scriptsInMain, 0, 'no script element in the content');
    assert.equal(found.frames, 0, 'no frame or object');
    assert.deepEqual(found.handlers, [], 'no event handler attributes');
    assert.deepEqual(found.javascriptLinks, [], 'no javascript: or data: links');
    assert.equal(found.stylesOutsideSvg, 0, 'no author style element');
    assert.ok(found.mainVisible, 'the page is not hidden');
    // The layout held: every block is in place and the text after them is there.
    assert.equal(found.quizzes, quizBroken ? 0 : 1);
    assert.equal(found.tables, quizBroken ? 0 : 1);
    assert.equal(found.diagrams, 1);
    assert.ok(found.text.includes(`END OF PAGE ${n}`), 'the text after the blocks is on the page');
    const boxes = (found.text.match(/has problems and was not built/g) || []).length;
    assert.equal(boxes, quizBroken ? 4 : 2, 'each broken block is shown as a box');
    await page.context().close();
  });
}

// Every screen of the gathering pages shows the hostile text as text: the
// exam through its questions to the results, the review page's cards (every
// question answered wrong first), the progress page.
test('the exam, progress and review pages run nothing', async () => {
  const page = await newPage(browser);
  const check = async (where) => {
    const found = await page.evaluate(() => {
      const main = document.querySelector('main');
      return {
        xss: window.__xss,
        injected: document.querySelectorAll('#injected').length,
        scripts: [...main.querySelectorAll('script')].filter((s) => s.type !== 'application/json').length,
        handlers: [...main.querySelectorAll('*')].filter((el) => [...el.attributes].some((a) => /^on/i.test(a.name))).length,
        javascriptLinks: [...main.querySelectorAll('a[href]')].filter((a) => /^\s*(javascript|data):/i.test(a.getAttribute('href'))).length,
      };
    });
    assert.deepEqual(found, { xss: undefined, injected: 0, scripts: 0, handlers: 0, javascriptLinks: 0 }, where);
    assert.deepEqual(page.errors.filter((e) => e.startsWith('dialog')), [], `${where}: no dialog opened`);
  };
  await page.goto(`${servers.static.url}exam.html`);
  await page.evaluate(() => window.StudyGuide.whenReady());
  await check('exam start screen');
  await page.getByRole('radio', { name: /Practice/ }).check();
  await page.getByRole('button', { name: 'Start', exact: true }).click();
  for (let i = 0; i < 5; i++) {
    await page.locator('[data-sg-exam] input').first().check();
    const checkButton = page.locator('[data-sg-exam]').getByRole('button', { name: 'Check', exact: true });
    if (await checkButton.count()) await checkButton.click();
    await check(`exam question ${i + 1}`);
    const next = page.locator('[data-sg-exam]').getByRole('button', { name: /^Next/ });
    if (i < 4) await next.click();
  }
  const ids = await page.evaluate(() => window.StudyGuide.bankOf(document.querySelector('[data-sg-exam]')).questions.map((q) => [q.id, q.hash]));
  await page.evaluate((all) => {
    const entries = all.map(([id, h], i) => ({ k: 'q', id, h, p: [0], ok: false, t: Date.now() - 1000 - i, w: 'quiz' }));
    localStorage.setItem('sg:log', JSON.stringify({ v: 1, entries }));
  }, ids);
  await page.goto(`${servers.static.url}review.html`);
  await page.evaluate(() => window.StudyGuide.whenReady());
  await check('review card');
  await page.locator('[data-sg-review] :is(input[type=radio], input[type=checkbox])').first().check();
  await page.locator('[data-sg-review]').getByRole('button', { name: 'Check', exact: true }).click();
  await check('review verdict');
  await page.goto(`${servers.static.url}progress.html`);
  await page.evaluate(() => window.StudyGuide.whenReady());
  await check('progress');
  await page.close();
});
