// One diagram of every type the vendored mermaid draws, on the
// mermaid-types fixture book (tests/books/mermaid-types/): drawn at build
// time by Chromium, and drawn in the reader's browser when the book is
// built with `prerender = "never"`. Each diagram must be drawn, without an
// error box, and be named by its text alternative (accTitle/accDescr, or
// title="…" description="…" on the fence for types without them).
// Run: node --test tests/browser/mermaid-types.test.mjs
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  booksDir, closeShared, copyFixture, repoRoot, sharedBrowser, siteAt, studyguide,
} from './harness.mjs';
import { assertNoErrors, stripAnsi } from './assertions.mjs';

const FIXTURE = path.join(booksDir, 'mermaid-types');
const MERMAID = path.join(repoRoot, 'node_modules', 'mermaid', 'dist', 'mermaid.min.js');

// The theme files the binary writes into the book and its pages load. The
// fixture's book.toml names them too; set here as well, so that lists in the
// caller's environment (mdBook reads MDBOOK_OUTPUT__HTML__* over book.toml)
// cannot replace them.
const THEME_ENV = {
  MDBOOK_OUTPUT__HTML__ADDITIONAL_CSS: '["studyguide/base.css", "studyguide/mdbook.css"]',
  MDBOOK_OUTPUT__HTML__ADDITIONAL_JS: '["studyguide/loader.js", "studyguide/mdbook.js"]',
};

// The diagram type of a mermaid source: its first word after any front
// matter (--- … ---) and %%{init: …}%% directive.
function typeOf(source) {
  const body = source
    .replace(/^\s*---\n[\s\S]*?\n---\n/, '')
    .replace(/^\s*%%\{[\s\S]*?\}%%\s*/, '');
  return body.trim().split(/\s/)[0];
}

// The ```mermaid blocks of each chapter, read from the Markdown: the page,
// the type, the source and the text alternative a reader is given.
function diagramsOf(page) {
  const lines = readFileSync(path.join(FIXTURE, 'src', `${page}.md`), 'utf8').split('\n');
  const out = [];
  for (let i = 0; i < lines.length; i++) {
    const fence = /^```mermaid(.*)$/.exec(lines[i]);
    if (!fence) continue;
    let end = i + 1;
    while (lines[end].trim() !== '```') end++;
    const source = lines.slice(i + 1, end).join('\n');
    const attrs = Object.fromEntries([...fence[1].matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    const acc = (key) => new RegExp(`^\\s*${key}:\\s*(.*)$`, 'm').exec(source)?.[1].trim();
    const title = attrs.title ?? acc('accTitle');
    const description = attrs.description ?? acc('accDescr');
    out.push({ page, line: i + 1, type: typeOf(source), source, title, description, name: `${title}: ${description}` });
    i = end;
  }
  return out;
}

const PAGES = readFileSync(path.join(FIXTURE, 'src', 'SUMMARY.md'), 'utf8')
  .match(/\(([\w-]+)\.md\)/g).map((link) => link.slice(1, -4));
const DIAGRAMS = PAGES.flatMap(diagramsOf);
const TOTAL = DIAGRAMS.length;

// The diagram types the bundle knows: each detector starts with a regular
// expression `^\s*keyword…`. A keyword is the longest of them a source's
// type starts with (classDiagram-v2, not classDiagram).
const KEYWORDS = [...new Set([...readFileSync(MERMAID, 'utf8').matchAll(/\^\\s\*([A-Za-z0-9_-]+)/g)].map((m) => m[1]))];
const keywordOf = (type) => KEYWORDS.filter((k) => type.startsWith(k)).sort((a, b) => b.length - a.length)[0];

before(() => {
  const chapters = readdirSync(path.join(FIXTURE, 'src')).filter((f) => f.endsWith('.md') && f !== 'SUMMARY.md');
  assert.deepEqual([...PAGES].sort(), chapters.map((f) => f.slice(0, -3)).sort(), 'SUMMARY.md lists every chapter');
  for (const d of DIAGRAMS) {
    assert.ok(d.title && d.description, `${d.page}.md:${d.line} (${d.type}) has a text alternative`);
  }
  assert.equal(new Set(DIAGRAMS.map((d) => d.title)).size, TOTAL, 'every diagram has its own title');
});

test('the fixture has one diagram of each type the bundled mermaid detects', () => {
  assert.ok(KEYWORDS.length > 30, `the bundle's detectors were read: ${KEYWORDS.join(', ')}`);
  const covered = DIAGRAMS.map((d) => keywordOf(d.type));
  assert.ok(covered.every(Boolean), `every diagram is of a known type: ${DIAGRAMS.map((d) => d.type).join(', ')}`);
  assert.deepEqual([...covered].sort(), [...KEYWORDS].sort(), 'one diagram per detector, none missing, none twice');
  // The forms the preprocessor must see through to find the type.
  assert.ok(DIAGRAMS.some((d) => /^---\ntitle: .*\nconfig:\n {2}theme: forest\n---\n/.test(d.source)), 'one has YAML front matter');
  assert.ok(DIAGRAMS.some((d) => /^%%\{\n[\s\S]*init:[\s\S]*\n\}%%\n/.test(d.source)), 'one has a multi-line init directive');
});

// Builds a fresh copy of the fixture with the theme files and `env`.
function build(env = {}) {
  const dir = copyFixture('mermaid-types');
  const started = Date.now();
  const result = studyguide(['build', dir], { env: { ...process.env, ...THEME_ENV, ...env } });
  return { dir, ...result, log: stripAnsi(result.stderr), ms: Date.now() - started, site: path.join(dir, 'book') };
}

// Each build once, on first use.
const builds = {};
const staticBook = () => (builds.static ??= siteAt(build()));
const clientBook = () => (builds.client ??= siteAt(build({ MDBOOK_PREPROCESSOR__STUDYGUIDE__DIAGRAMS__PRERENDER: 'never' })));
after(closeShared);

// What a reader finds in each diagram of a page, in document order: the
// drawing they see (the one element with role img in the figure, named by
// the text alternative; a hidden theme variant is not in the tree), its
// caption, how it was drawn, and the <title> mermaid gave the SVG.
async function inspectFigures(page, diagrams) {
  const states = await page.locator('figure[data-sg-diagram]').evaluateAll((figures) => figures.map((fig) => {
    const shown = [...fig.querySelectorAll('[role="img"]')].filter((el) => el.checkVisibility());
    const svg = shown.length === 1 ? shown[0].querySelector('svg') : null;
    const box = svg && svg.getBoundingClientRect();
    return {
      caption: fig.querySelector('figcaption')?.textContent.trim(),
      render: fig.getAttribute('data-render'),
      drawn: fig.getAttribute('data-drawn'),
      box: box && { width: box.width, height: box.height },
      kind: svg && svg.getAttribute('aria-roledescription'),
      svgTitle: svg?.querySelector(':scope > title')?.textContent.trim() ?? null,
      errors: fig.querySelectorAll('.sg-error, [role="note"]').length,
      failed: /could not be drawn/.test(fig.textContent),
    };
  }));
  assert.equal(states.length, diagrams.length, `${diagrams[0].page}.html has ${diagrams.length} diagrams`);
  const seen = [];
  for (const [i, d] of diagrams.entries()) {
    const where = `${d.page}.md:${d.line} (${d.type})`;
    const img = page.getByRole('figure', { name: d.title, exact: true }).getByRole('img', { name: d.name, exact: true });
    const named = await img.count();
    seen.push({ d, where, named, ...states[i] });
  }
  return seen;
}

function assertDrawn(seen, render) {
  for (const s of seen) {
    assert.equal(s.caption, s.d.title, `${s.where}: the caption is the title`);
    assert.equal(s.named, 1, `${s.where}: a figure captioned "${s.d.title}" shows one drawing named "${s.d.name}"`);
    assert.equal(s.render, render, `${s.where}: data-render="${render}"`);
    assert.ok(s.box && s.box.width > 0 && s.box.height > 0, `${s.where}: the SVG has a size (${JSON.stringify(s.box)})`);
    assert.ok(s.kind && s.kind !== 'error', `${s.where}: mermaid drew it as a diagram (aria-roledescription "${s.kind}")`);
    assert.equal(s.errors, 0, `${s.where}: no error box`);
    assert.equal(s.failed, false, `${s.where}: no "could not be drawn"`);
  }
}

// Every page of a build opened in `theme` and inspected; once per build
// and theme, as two tests read the same pages.
const inspected = {};
function inspectBook(t, which, theme, ready = async () => {}) {
  return (inspected[`${which} ${theme}`] ??= (async () => {
    const book = await (which === 'static' ? staticBook() : clientBook());
    assert.equal(book.status, 0, book.log);
    const started = Date.now();
    const seen = [];
    for (const name of PAGES) {
      const diagrams = DIAGRAMS.filter((d) => d.page === name);
      const page = await book.open(t, book.url(`${name}.html`), { theme, timeout: 15000 });
      await ready(page, diagrams.length);
      seen.push(...await inspectFigures(page, diagrams));
      assertNoErrors(page);
    }
    return { seen, ms: Date.now() - started };
  })());
}

test(`build time: all ${TOTAL} types are drawn by Chromium, with no warnings`, async () => {
  const book = await staticBook();
  assert.equal(book.status, 0, book.log);
  assert.match(book.log, new RegExp(`diagrams: ${TOTAL} drawn, 0 from the cache, 0 left to the browser`));
  const warnings = book.log.split('\n').filter((line) => /\bWARN\b|warning/i.test(line));
  assert.deepEqual(warnings, [], 'the build warns of nothing');
  console.log(`build with ${TOTAL} diagrams drawn: ${book.ms} ms`);
});

for (const theme of ['light', 'navy']) {
  test(`build time, theme ${theme}: each diagram is drawn, named by its text alternative, without an error box`, async (t) => {
    const { seen } = await inspectBook(t, 'static', theme);
    assertDrawn(seen, 'static');
    const drawn = seen.filter((s) => s.box?.width > 0).length;
    console.log(`${theme}: ${drawn} of ${TOTAL} types drawn at build time`);
    assert.equal(drawn, TOTAL);
  });
}

// A drawing's own <title> (mermaid writes accTitle there) is what a mouse
// shows on hover: it must be this diagram's, not the one drawn before it.
test('build time: an SVG that has a <title> of its own has its diagram\'s', {
  todo: 'mermaid 11.17.2 gives a C4 diagram the accTitle of the diagram it drew before (its C4 store does not clear it)',
}, async (t) => {
  const { seen } = await inspectBook(t, 'static', 'light');
  const wrong = seen.filter((s) => s.svgTitle !== null && s.svgTitle !== s.d.title)
    .map((s) => `${s.where} "${s.d.title}": <title>${s.svgTitle}</title>`);
  assert.deepEqual(wrong, []);
});

test(`in the browser (prerender = "never"): all ${TOTAL} types are drawn, named, without an error box`, async (t) => {
  const book = await clientBook();
  assert.equal(book.status, 0, book.log);
  assert.match(book.log, new RegExp(`diagrams: 0 drawn, 0 from the cache, ${TOTAL} left to the browser`));
  const { seen, ms } = await inspectBook(t, 'client', 'light', async (page, count) => {
    assert.equal(await page.locator('[data-sg-diagram][data-render="client"]').count(), count);
    // Every figure drawn, or one failed: then the checks below say which.
    await page.waitForFunction((n) => document.querySelectorAll('figure[data-drawn]').length === n
      || document.querySelector('[data-sg-canvas].sg-error'), count, { timeout: 60000 });
  });
  assertDrawn(seen, 'client');
  for (const s of seen) assert.equal(s.drawn, 'default', `${s.where}: drawn in the light theme`);
  const drawn = seen.filter((s) => s.drawn).length;
  console.log(`${drawn} of ${TOTAL} types drawn in the browser (${ms} ms)`);
  assert.equal(drawn, TOTAL);
});

// The build lays a diagram out once and takes its dark variant from that
// drawing (render_page.js) where the type's markup holds no colour of the
// theme. Each such dark variant must be the one a second drawing in the dark
// theme gives: the same style, and the same colours in its markup.
test('build time: a dark variant taken from the light drawing is the dark drawing\'s', async () => {
  const renderPage = readFileSync(path.join(repoRoot, 'preprocessor', 'src', 'diagram', 'prerender', 'render_page.js'), 'utf8');
  const listed = [...renderPage.match(/STYLED_ONLY = new Set\(\[([\s\S]*?)\]\)/)[1].matchAll(/'([\w-]+)'/g)].map((m) => m[1]);
  const diagramsJs = readFileSync(path.join(repoRoot, 'theme', 'diagrams.js'), 'utf8');
  const page = await (await sharedBrowser()).newPage();
  try {
    await page.goto(pathToFileURL(MERMAID).href);
    await page.setContent(`<!doctype html><html><body><script src="${pathToFileURL(MERMAID).href}"></script>`
      + `<script>${diagramsJs}</script><script>${renderPage}</script></body></html>`);
    const results = await page.evaluate(async (sources) => {
      const drawing = window.StudyGuideDrawing;
      const markup = (svg) => svg.replace(/<style>[\s\S]*?<\/style>/, '')
        .replace(/<linearGradient[\s\S]*?<\/linearGradient>/g, '').replace(/flood-color="[^"]*"/g, '');
      const colours = (svg) => [...new Set(markup(svg).match(/#[0-9a-f]{3,8}\b|(?:rgb|hsl)a?\([^)]*\)|(?:fill|stroke|color)="[a-z]+"/gi) || [])].sort();
      const style = (svg) => (svg.match(/<style>([\s\S]*?)<\/style>/) || [])[1];
      const out = [];
      for (const source of sources) {
        const got = await window.sgRender(source, 'd');
        if (got.error) { out.push({ error: got.error }); continue; }
        const restyled = markup(got.dark.split('d-dark').join('d-light')) === markup(got.light);
        const full = await drawing.draw(window.mermaid, 'd-dark', 'dark', source);
        out.push({
          type: window.mermaid.detectType(source, drawing.settings('default', source)),
          restyled,
          sameStyle: style(got.dark) === style(full),
          sameColours: JSON.stringify(colours(got.dark)) === JSON.stringify(colours(full)),
        });
      }
      return out;
    }, DIAGRAMS.map((d) => d.source));
    const wrong = results.map((r, i) => ({ ...r, where: `${DIAGRAMS[i].page}.md:${DIAGRAMS[i].line}` }))
      .filter((r) => r.error || (r.restyled && !(r.sameStyle && r.sameColours)));
    assert.deepEqual(wrong, [], 'every dark variant taken from a light drawing is the dark drawing\'s');
    const restyledTypes = new Set(results.filter((r) => r.restyled).map((r) => r.type));
    assert.deepEqual(listed.filter((type) => !restyledTypes.has(type)), [], 'every type the page lists was taken from its light drawing here');
    console.log(`${results.filter((r) => r.restyled).length} of ${TOTAL} dark variants taken from the light drawing`);
  } finally {
    await page.close();
  }
});
