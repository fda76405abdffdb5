// Diagrams in a real browser: drawn at build time into a light and a dark SVG
// (CSS shows the one that fits mdBook's theme), or drawn in the reader's
// browser by theme/diagrams.js when the book is built with
// `prerender = "never"`. Also the build-time cache, mermaid's errors and the
// printed page. All on the diagrams fixture book (tests/books/diagrams/).
// Run: node --test --test-concurrency=1 tests/browser/
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  booksDir, buildBook, copyFixture, fixtureBook, removeAtExit, siteAt, studyguide, tempDir, useBook,
} from './harness.mjs';
import { assertNoErrors, assertNoViolations, axeViolations, expectText, searchBook, stripAnsi } from './assertions.mjs';

const FIXTURE = path.join(booksDir, 'diagrams');
// The fixture's pages and how many diagrams each has.
const PAGES = { containers: 2, patterns: 2 };
const TOTAL = Object.values(PAGES).reduce((a, b) => a + b, 0);
const NO_DIAGRAMS = 'plain.html';


// The ```mermaid blocks of a chapter file, read from the Markdown (not from
// the page): the source, the text alternative and each label's lines.
function diagramsOf(markdown) {
  const lines = markdown.split('\n');
  const out = [];
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].trim() !== '```mermaid') continue;
    const start = i + 1;
    let end = start;
    while (lines[end].trim() !== '```') end++;
    const body = lines.slice(start, end);
    const title = body.map((l) => /^\s*accTitle:\s*(.*)$/.exec(l)).find(Boolean)?.[1].trim();
    const description = body.map((l) => /^\s*accDescr:\s*(.*)$/.exec(l)).find(Boolean)?.[1].trim();
    const labels = [];
    for (const line of body) {
      if (/^\s*(accTitle|accDescr|style|direction)\b/.test(line)) continue;
      for (const m of line.matchAll(/\b\w+\s*\["([^"]*)"\]/g)) labels.push(m[1]);
      for (const m of line.matchAll(/\b\w+\s*\{([^}]*)\}/g)) labels.push(m[1]);
      for (const m of line.matchAll(/--\s+(\w[^-]*?)\s+-->/g)) labels.push(m[1]);
    }
    out.push({
      fenceLine: i + 1, // 1-based line of the opening fence
      source: body.join('\n'),
      title,
      description,
      name: `${title}: ${description}`,
      labels: [...new Set(labels)].map((l) => l.replace(/#quot;/g, '"').split('\\n').map((s) => s.trim())),
    });
    i = end;
  }
  return out;
}
const markdownOf = (page, root = FIXTURE) => readFileSync(path.join(root, 'src', `${page}.md`), 'utf8');
const DIAGRAMS = Object.fromEntries(Object.keys(PAGES).map((p) => [p, diagramsOf(markdownOf(p))]));
const ALL_DIAGRAMS = Object.values(DIAGRAMS).flat();

before(() => {
  for (const [page, count] of Object.entries(PAGES)) {
    assert.equal(DIAGRAMS[page].length, count, `${page}.md has ${count} mermaid blocks`);
  }
});
// The fixture built as the guide is: diagrams drawn at build time.
const book = useBook('diagrams');

// A copy of the fixture, removed when the file's tests end; `withCache`
// brings the drawings of the first build.
function copy(prefix, { withCache = false } = {}) {
  const dir = copyFixture('diagrams', prefix);
  const cache = path.join(book.dir, '.studyguide-cache');
  if (withCache && existsSync(cache)) cpSync(cache, path.join(dir, '.studyguide-cache'), { recursive: true });
  return dir;
}

// The same book built with `prerender = "never"`: every diagram is drawn by
// the reader's browser. Built once, on first use.
let clientPromise;
function clientBook() {
  clientPromise ??= (async () => {
    const built = await fixtureBook('diagrams', { env: { MDBOOK_PREPROCESSOR__STUDYGUIDE__DIAGRAMS__PRERENDER: 'never' } });
    return siteAt(built);
  })();
  return clientPromise;
}

// A fresh browser profile; closed when the test ends.
const open = (t, url, options = {}) => book.open(t, url, { timeout: 15000, ...options });

const figure = (page, d) => page.getByRole('figure', { name: d.title, exact: true });
// The drawing a reader sees: the one element with role img in the figure
// (hidden variants are not in the accessibility tree).
const drawing = (page, d) => figure(page, d).getByRole('img', { name: d.name, exact: true });

// Waits for every browser-drawn diagram of the page.
async function waitForClientDrawings(page, count, timeout = 30000) {
  await page.waitForFunction((n) => document.querySelectorAll('[data-sg-canvas] > svg').length === n,
    count, { timeout });
}

// What the reader sees of a drawing: its lines of text, text that holds a
// literal "\n", and labels whose lines are not laid out one under another.
async function inspect(locator, labels) {
  return locator.evaluate((root, labels) => {
    const clean = (text) => text.split('\n').map((s) => s.trim()).filter(Boolean);
    const matches = (el, parts) => el instanceof HTMLElement && clean(el.innerText).join('\n') === parts.join('\n');
    const textNodes = (el) => {
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      const nodes = [];
      for (let n; (n = walker.nextNode());) nodes.push(n);
      return nodes;
    };
    const figure = root.closest('figure');
    const literal = [...figure.querySelectorAll('svg')].flatMap((svg) => textNodes(svg))
      .map((n) => n.data).filter((t) => t.includes('\\n'));
    const layout = [];
    for (const parts of labels.filter((p) => p.length > 1)) {
      let holder = [...root.querySelectorAll('*')].find((el) => matches(el, parts));
      if (!holder) {
        layout.push(`${JSON.stringify(parts)}: no element holds exactly these lines`);
        continue;
      }
      for (let inner; (inner = [...holder.children].find((c) => matches(c, parts)));) holder = inner;
      const nodes = textNodes(holder).filter((n) => n.data.trim());
      if (nodes.map((n) => n.data.trim()).join('\n') !== parts.join('\n')) {
        layout.push(`${JSON.stringify(parts)}: text nodes are ${JSON.stringify(nodes.map((n) => n.data))}`);
        continue;
      }
      const rects = nodes.map((n) => {
        const range = document.createRange();
        range.selectNodeContents(n);
        return range.getBoundingClientRect();
      });
      for (let i = 1; i < rects.length; i++) {
        if (rects[i].top < rects[i - 1].bottom - 1) {
          layout.push(`${JSON.stringify(parts[i])} is on the same line as ${JSON.stringify(parts[i - 1])}`);
        }
      }
    }
    return { lines: clean(root.innerText), literal, layout };
  }, labels);
}

// Everything a reader should find in one diagram.
async function checkDiagram(page, d, where) {
  const label = `${where}, "${d.title}"`;
  const fig = figure(page, d);
  assert.equal(await fig.count(), 1, `${label}: one figure named by its caption`);
  const caption = fig.locator('figcaption');
  assert.ok(await caption.isVisible(), `${label}: the caption is visible`);
  assert.equal((await caption.innerText()).trim(), d.title);

  const img = drawing(page, d);
  assert.equal(await img.count(), 1, `${label}: one visible role=img named "${d.name}"`);
  const svg = img.locator('svg').first();
  assert.ok(await svg.isVisible(), `${label}: the SVG is visible`);
  const box = await svg.boundingBox();
  assert.ok(box && box.width > 100 && box.height > 20, `${label}: the SVG has size (${JSON.stringify(box)})`);

  const seen = await inspect(img, d.labels);
  for (const parts of d.labels) {
    for (const part of parts) {
      assert.ok(seen.lines.includes(part),
        `${label}: "${part}" is a line of the visible text:\n  ${seen.lines.join('\n  ')}`);
    }
  }
  assert.deepEqual(seen.literal, [], `${label}: no literal "\\n" in the diagram's text`);
  assert.deepEqual(seen.layout, [], `${label}: each line of a label is on its own line`);

  const source = fig.locator('details');
  assert.equal(await source.count(), 1);
  assert.equal((await source.locator('summary').innerText()).trim(), 'Diagram source');
  assert.equal(await source.evaluate((el) => el.open), false, `${label}: the source is collapsed`);
  assert.equal(await source.locator('pre').isVisible(), false, `${label}: the source is hidden`);
  assert.equal((await source.locator('code').textContent()).trim(), d.source.trim(), `${label}: the source`);
}

// mermaid's node colour in its default (light) and dark themes, and the
// dark drawing's in navy's own colours (diagrams.css).
const NODE_FILL = { light: 'rgb(236, 236, 255)', dark: 'rgb(31, 32, 32)', navy: 'rgb(40, 45, 63)' };

// For each pre-drawn diagram: its width, and the fill of its first node
// that keeps the theme's colour (no \`style\` line of its own).
async function drawings(page) {
  return page.evaluate(() => [...document.querySelectorAll('figure[data-render="static"]')].map((fig) => {
    const svg = fig.querySelector('svg');
    const plain = [...svg.querySelectorAll('.node rect, .node polygon')].find((shape) => !shape.getAttribute('style'));
    return { width: svg.getBoundingClientRect().width, fill: plain ? getComputedStyle(plain).fill : null };
  }));
}

// The computed fill of the shape of the node labelled `text`, in the drawing
// the reader sees.
async function nodeFill(page, d, text) {
  return drawing(page, d).evaluate((root, text) => {
    const label = [...root.querySelectorAll('*')].find((el) => el instanceof HTMLElement && el.innerText.trim() === text);
    const node = label && label.closest('.node');
    const shape = node && node.querySelector('rect, path, polygon');
    return shape ? getComputedStyle(shape).fill : null;
  }, text);
}

async function switchTheme(page, name) {
  const item = page.getByRole('menuitem', { name, exact: true });
  if (!(await item.isVisible())) await page.getByRole('button', { name: 'Change theme' }).click();
  await item.click();
}

const ORIGINS = {
  'from disk': (rel) => book.fileUrl(rel),
  'over loopback': (rel) => book.url(rel),
};

// ---------------------------------------------------------------------------
// Pre-rendered diagrams (the normal build).

test(`every diagram of the chapter (${TOTAL}) is an SVG with its labels, a name, a caption and its source`, async (t) => {
  let checked = 0;
  for (const [name, count] of Object.entries(PAGES)) {
    const page = await open(t, book.url(`${name}.html`));
    assert.equal(await page.locator('figure.sg-diagram').count(), count, `${name}.html has ${count} diagrams`);
    for (const d of DIAGRAMS[name]) {
      await checkDiagram(page, d, `${name}.html`);
      checked++;
    }
    assert.deepEqual(page.errors, []);
  }
  assert.equal(checked, TOTAL);
  // The label the brief is about is among those checked line by line.
  assert.ok(ALL_DIAGRAMS.some((d) => d.labels.some((p) => p.join('|') === 'Application Load Balancer|HTTPS:443 → HTTP:80')));
});

for (const [origin, urlOf] of Object.entries(ORIGINS)) {
  for (const theme of ['light', 'navy', 'coal']) {
    test(`${origin}, theme ${theme}: the diagrams have the theme's colours, and size`, async (t) => {
      const expected = theme === 'light' ? NODE_FILL.light : theme === 'navy' ? NODE_FILL.navy : NODE_FILL.dark;
      for (const [name, count] of Object.entries(PAGES)) {
        const page = await open(t, urlOf(`${name}.html`), { theme });
        assert.ok(await page.evaluate((th) => document.documentElement.classList.contains(th), theme),
          `the page uses theme ${theme}`);
        const states = await drawings(page);
        assert.equal(states.length, count);
        states.forEach((s, i) => {
          assert.equal(s.fill, expected, `${name}.html diagram ${i + 1}: nodes are filled ${s.fill}`);
          assert.ok(s.width > 100, `${name}.html diagram ${i + 1}: ${s.width}px wide`);
        });
        for (const d of DIAGRAMS[name]) {
          const box = await drawing(page, d).locator('svg').first().boundingBox();
          assert.ok(box && box.width > 100, `${name}.html "${d.title}" drawing is ${box?.width}px wide`);
        }
        assert.deepEqual(page.errors, []);
      }
    });
  }
}

test('searching finds a diagram by its caption and description, not by its source', async (t) => {
  const page = await open(t, book.url('plain.html'));
  const found = await searchBook(page, 'orchestration decision');
  assert.match(await found.first().innerText(), /Containers/);
  assert.match(await found.first().innerText(), /decision guide/);
  // Words of mermaid's syntax and of the drawings' styles only.
  for (const words of ['fill', 'subgraph', 'accDescr']) {
    await searchBook(page, words);
    await expectText(page.locator('#mdbook-searchresults-header'), `No search results for '${words}'.`);
  }
  assertNoErrors(page);
});

test('the theme picker (Change theme → Navy) switches the diagram colours without a reload', async (t) => {
  const d = DIAGRAMS.containers[0];
  const page = await open(t, book.url('containers.html'), { theme: 'light' });
  await page.evaluate(() => { window.sgMarker = 'still here'; });
  const before = await nodeFill(page, d, 'Route53 DNS');
  assert.ok(before, 'the Route53 node has a filled shape');
  assert.equal(before, NODE_FILL.light);

  await switchTheme(page, 'Navy');
  await page.waitForFunction(() => document.documentElement.classList.contains('navy'));
  const after = await nodeFill(page, d, 'Route53 DNS');
  assert.ok(after, 'the Route53 node is still drawn');
  assert.notEqual(after, before, `the node's fill changed (${before} → ${after})`);
  assert.equal(after, NODE_FILL.navy);
  await switchTheme(page, 'Coal');
  await page.waitForFunction(() => document.documentElement.classList.contains('coal'));
  assert.equal(await nodeFill(page, d, 'Route53 DNS'), NODE_FILL.dark);
  assert.equal(await page.evaluate(() => window.sgMarker), 'still here', 'no reload');
  assert.deepEqual(page.errors, []);
});

for (const [origin, urlOf] of Object.entries(ORIGINS)) {
  test(`${origin}: a page of pre-drawn diagrams and a page without any load no mermaid and nothing outside the book`, async (t) => {
    const inside = origin === 'from disk' ? pathToFileURL(book.site).href + '/' : book.url();
    for (const rel of ['containers.html', NO_DIAGRAMS]) {
      const page = await open(t, urlOf(rel));
      await page.evaluate(() => window.StudyGuide.whenReady());
      await page.waitForLoadState('networkidle');
      assert.ok(page.requests.length > 3, `${rel}: requests were recorded`);
      assert.deepEqual(page.requests.filter((u) => /mermaid/i.test(u)), [], `${rel}: no request for mermaid`);
      assert.deepEqual(page.requests.filter((u) => !u.startsWith(inside)), [], `${rel}: nothing outside the book`);
      assert.deepEqual(page.errors, []);
    }
  });
}

test('with JavaScript off, a pre-drawn diagram is still shown', async (t) => {
  const page = await open(t, book.fileUrl('patterns.html'), { javaScriptEnabled: false });
  for (const d of DIAGRAMS.patterns) await checkDiagram(page, d, 'patterns.html without JavaScript');
});

// ---------------------------------------------------------------------------
// Diagrams drawn in the reader's browser (prerender = "never").

test(`client mode: the build leaves all ${TOTAL} diagrams to the browser`, async () => {
  const client = await clientBook();
  assert.equal(client.status, 0, client.log);
  assert.match(client.log, new RegExp(`diagrams: 0 drawn, 0 from the cache, ${TOTAL} left to the browser`));
  assert.ok(existsSync(path.join(client.site, 'studyguide', 'mermaid.min.js')), 'mermaid is copied into the book');
});

for (const origin of ['over loopback', 'from disk']) {
  test(`client mode, ${origin}: each diagram is drawn in the browser, with its labels, and its source closes`, async (t) => {
    const client = await clientBook();
    const urlOf = origin === 'from disk' ? client.fileUrl : client.url;
    const inside = origin === 'from disk' ? pathToFileURL(client.site).href + '/' : client.url();
    for (const [name, count] of Object.entries(PAGES)) {
      const page = await open(t, urlOf(`${name}.html`));
      assert.equal(await page.locator('[data-sg-diagram][data-render="client"]').count(), count);
      await waitForClientDrawings(page, count);
      await page.evaluate(() => window.StudyGuide.whenReady());
      for (const d of DIAGRAMS[name]) await checkDiagram(page, d, `client ${name}.html`);
      // mermaid came from the book itself.
      const mermaid = page.requests.filter((u) => /mermaid/i.test(u));
      assert.deepEqual(mermaid, [inside + 'studyguide/mermaid.min.js']);
      assert.deepEqual(page.requests.filter((u) => !u.startsWith(inside)), []);
      assert.deepEqual(page.errors, []);
    }
  });
}

test('client mode: a page without diagrams does not load mermaid', async (t) => {
  const client = await clientBook();
  const page = await open(t, client.url(NO_DIAGRAMS));
  await page.evaluate(() => window.StudyGuide.whenReady());
  await page.waitForLoadState('networkidle');
  assert.ok(page.requests.length > 3);
  assert.deepEqual(page.requests.filter((u) => /mermaid/i.test(u)), []);
  assert.equal(await page.evaluate(() => typeof window.mermaid), 'undefined');
  assert.deepEqual(page.errors, []);
});

test('client mode: switching to a dark theme redraws the diagrams, without a reload', async (t) => {
  const client = await clientBook();
  const d = DIAGRAMS.containers[0];
  const page = await open(t, client.url('containers.html'), { theme: 'light' });
  await waitForClientDrawings(page, PAGES.containers);
  await page.evaluate(() => {
    window.sgMarker = 'still here';
    for (const svg of document.querySelectorAll('[data-sg-canvas] > svg')) svg.dataset.sgOld = '1';
  });
  const before = await nodeFill(page, d, 'Route53 DNS');
  assert.ok(before);

  await switchTheme(page, 'Navy');
  await page.waitForFunction(() => {
    const svgs = document.querySelectorAll('[data-sg-canvas] > svg');
    return svgs.length === 2 && [...svgs].every((svg) => !svg.dataset.sgOld);
  });
  const after = await nodeFill(page, d, 'Route53 DNS');
  assert.ok(after);
  assert.notEqual(after, before, `the node's fill changed (${before} → ${after})`);
  for (const dd of DIAGRAMS.containers) await checkDiagram(page, dd, 'client containers.html, navy');
  assert.equal(await page.evaluate(() => window.sgMarker), 'still here', 'no reload');
  assert.deepEqual(page.errors, []);
});

// A theme switched during the first drawing must be followed too: watching
// the theme only once that drawing is done would leave the diagrams light.
test('client mode: a theme switched while the diagrams are still being drawn is followed', async (t) => {
  const client = await clientBook();
  const d = DIAGRAMS.containers[0];
  // The reference: the node's fill when the page opens in Navy.
  const navy = await open(t, client.url('containers.html'), { theme: 'navy' });
  await waitForClientDrawings(navy, PAGES.containers);
  const expected = await nodeFill(navy, d, 'Route53 DNS');

  // Switch when the first diagram is on the page and the second is not yet.
  const page = await open(t, client.url('containers.html'), {
    theme: 'light',
    init: () => {
      new MutationObserver((records, observer) => {
        if (document.querySelector('[data-sg-canvas] > svg')) {
          observer.disconnect();
          window.sgSwitchedAt = document.querySelectorAll('[data-sg-canvas] > svg').length;
          document.documentElement.classList.replace('light', 'navy');
        }
      }).observe(document, { childList: true, subtree: true });
    },
  });
  await waitForClientDrawings(page, PAGES.containers);
  await page.evaluate(() => window.StudyGuide.whenReady());
  assert.ok(await page.evaluate(() => document.documentElement.classList.contains('navy')));
  assert.equal(await page.evaluate(() => window.sgSwitchedAt), 1, 'the theme changed while the diagrams were drawn');
  // Redrawn for the new theme: wait for it, up to the test's patience.
  let fill;
  for (const until = Date.now() + 15000; Date.now() < until;) {
    fill = await nodeFill(page, d, 'Route53 DNS');
    if (fill === expected) break;
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => resolve())));
  }
  assert.equal(fill, expected, 'the diagrams are drawn for the dark theme');
});

// mdBook's print page calls window.print() 100 ms after load; theme/widgets.js makes
// it wait for the drawings. A slowed mermaid (as on a slow machine) makes a
// race visible that a fast one hides.
for (const delay of [0, 150]) {
  const how = delay ? `with mermaid slowed to ${delay} ms a diagram` : 'at full speed';
  test(`client mode, ${how}: print.html prints only once every diagram is drawn`, async (t) => {
    const client = await clientBook();
    const page = await open(t, client.url('print.html'), {
      init: (delay) => {
        window.sgPrintCalls = [];
        window.print = () => {
          window.sgPrintCalls.push(document.querySelectorAll('[data-sg-canvas] > svg').length);
        };
        if (!delay) return;
        let value;
        Object.defineProperty(window, 'mermaid', {
          configurable: true,
          get: () => value,
          set: (mermaid) => {
            const render = mermaid.render.bind(mermaid);
            mermaid.render = (...args) => new Promise((r) => setTimeout(r, delay)).then(() => render(...args));
            value = mermaid;
          },
        });
      },
      initArg: delay,
    });
    assert.equal(await page.locator('[data-sg-diagram][data-render="client"]').count(), TOTAL);
    await page.waitForFunction(() => window.sgPrintCalls.length > 0, null, { timeout: 60000 });
    // Everything the page had to do is done (a second call would come from it).
    await page.evaluate(() => window.StudyGuide.whenReady());
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))));
    const calls = await page.evaluate(() => window.sgPrintCalls);
    assert.deepEqual(calls, [TOTAL], `window.print() was called once, with all ${TOTAL} diagrams drawn`);
    assert.deepEqual(page.errors, []);
  });
}

test('client mode, JavaScript off: the diagram source is shown in place of the drawing', async (t) => {
  const client = await clientBook();
  const page = await open(t, client.fileUrl('containers.html'), { javaScriptEnabled: false });
  for (const d of DIAGRAMS.containers) {
    const fig = figure(page, d);
    assert.ok(await fig.locator('figcaption').isVisible());
    const source = fig.locator('details');
    assert.equal(await source.evaluate((el) => el.open), true, `"${d.title}": the source is open`);
    const code = source.locator('pre');
    assert.ok(await code.isVisible(), `"${d.title}": the source is visible`);
    assert.equal((await code.innerText()).trim(), d.source.trim());
    assert.equal(await fig.locator('svg').count(), 0);
  }
  assert.ok(await page.getByText('ALB["Application Load Balancer\\nHTTPS:443 → HTTP:80"]').isVisible());
});

// ---------------------------------------------------------------------------
// Build time: the cache, errors, and the printed page.

function diagramLog(result) {
  const m = /diagrams: (\d+) drawn, (\d+) from the cache, (\d+) left to the browser/.exec(stripAnsi(result.stderr));
  return m ? { drawn: +m[1], cached: +m[2], client: +m[3] } : null;
}

test('the cache: an unchanged diagram is never drawn twice', async (t) => {
  const dir = copy('studyguide-cache-');
  let started = Date.now();
  const first = buildBook(dir);
  const firstMs = Date.now() - started;
  assert.equal(first.status, 0, first.stderr);
  assert.deepEqual(diagramLog(first), { drawn: TOTAL, cached: 0, client: 0 });

  started = Date.now();
  const second = buildBook(dir);
  const secondMs = Date.now() - started;
  assert.equal(second.status, 0, second.stderr);
  assert.deepEqual(diagramLog(second), { drawn: 0, cached: TOTAL, client: 0 });
  console.log(`diagram cache: first build ${firstMs} ms (${TOTAL} drawn), second build ${secondMs} ms (all from the cache)`);

  const file = path.join(dir, 'src', 'patterns.md');
  const text = readFileSync(file, 'utf8');
  assert.ok(text.includes('THUMB["Lambda (thumbnail)"]'));
  writeFileSync(file, text.replace('THUMB["Lambda (thumbnail)"]', 'THUMB["Lambda (thumbnails)"]'));
  const third = buildBook(dir);
  assert.equal(third.status, 0, third.stderr);
  assert.deepEqual(diagramLog(third), { drawn: 1, cached: TOTAL - 1, client: 0 });

  // The page shows the new label.
  const page = await open(t, pathToFileURL(path.join(dir, 'book', 'patterns.html')).href);
  const d = diagramsOf(readFileSync(file, 'utf8'))[1];
  assert.ok(d.labels.some((p) => p[0] === 'Lambda (thumbnails)'));
  await checkDiagram(page, d, 'edited patterns.html');
});

test('a diagram mermaid cannot parse: check and build fail with its location; on-failure=continue shows a box', async (t) => {
  const dir = copy('studyguide-diagram-error-', { withCache: true });
  const file = path.join(dir, 'src', 'patterns.md');
  const text = readFileSync(file, 'utf8');
  const broken = text.replace('    APIGW --> AUTH["Lambda (Auth)"]\n', '    B -->\n');
  assert.notEqual(broken, text);
  writeFileSync(file, broken);
  const d = diagramsOf(broken)[0];
  const line = d.fenceLine + 1; // the diagram's first body line
  const where = new RegExp(`^(?: *WARN +)?src/patterns\\.md:${line}:1: mermaid could not parse this diagram near \`[^\`\\n]*B -->\``, 'm');

  const check = studyguide(['check', dir]);
  assert.equal(check.status, 1, stripAnsi(check.stdout + check.stderr));
  assert.match(stripAnsi(check.stdout), where);

  const build = buildBook(dir);
  assert.equal(build.status, 1);
  assert.match(stripAnsi(build.stderr), where);

  const env = { MDBOOK_PREPROCESSOR__STUDYGUIDE__ON_FAILURE: 'continue' };
  const lenient = buildBook(dir, { env });
  assert.equal(lenient.status, 0, stripAnsi(lenient.stderr));
  assert.match(stripAnsi(lenient.stderr), where);

  const page = await open(t, pathToFileURL(path.join(dir, 'book', 'patterns.html')).href);
  const fig = figure(page, d);
  const note = fig.getByRole('note');
  assert.ok(await note.isVisible(), 'a visible note in place of the diagram');
  const said = await note.innerText();
  assert.match(said, /This diagram could not be drawn/);
  assert.match(said, /mermaid could not parse this diagram near `/);
  assert.match(said, /Expecting/);
  const source = fig.locator('details');
  assert.equal(await source.evaluate((el) => el.open), true);
  assert.ok(await source.locator('pre').isVisible());
  assert.equal((await source.locator('pre').innerText()).trim(), d.source.trim());
  // The page's other diagrams are drawn.
  for (const other of DIAGRAMS.patterns.slice(1)) await checkDiagram(page, other, 'patterns.html with a broken diagram');
});

// A directive mermaid accepts when it reads the source but cannot apply when
// it draws: it once stayed in mermaid's state and failed every diagram after
// it, so the whole batch fell back to the browser unreported.
const BAD_DIRECTIVE = '%%{init: {"theme": "base", "themeVariables": {"primaryColor": "nocolor"}}}%%';

// A copy whose first diagram of containers.md has BAD_DIRECTIVE and whose
// first diagram of patterns.md does not parse; the line of each's problem.
function withTwoBadDiagrams(prefix) {
  const dir = copy(prefix);
  const containers = path.join(dir, 'src', 'containers.md');
  const text = readFileSync(containers, 'utf8');
  writeFileSync(containers, text.replace('```mermaid\n', '```mermaid\n' + BAD_DIRECTIVE + '\n'));
  const patterns = path.join(dir, 'src', 'patterns.md');
  const broken = readFileSync(patterns, 'utf8').replace('    APIGW --> AUTH["Lambda (Auth)"]\n', '    B -->\n');
  writeFileSync(patterns, broken);
  return {
    dir,
    directiveLine: DIAGRAMS.containers[0].fenceLine + 1,
    parseLine: diagramsOf(broken)[0].fenceLine + 1,
  };
}

test('a directive mermaid cannot apply fails its own diagram only: the rest are drawn, and another page\'s error is reported', async (t) => {
  const { dir, directiveLine, parseLine } = withTwoBadDiagrams('studyguide-diagram-directive-');
  const check = studyguide(['check', dir]);
  const out = stripAnsi(check.stdout);
  assert.equal(check.status, 1, stripAnsi(check.stdout + check.stderr));
  assert.match(out, new RegExp(`^src/containers\\.md:${directiveLine}:1: mermaid could not draw this diagram: Unsupported color format: "nocolor"$`, 'm'));
  assert.match(out, new RegExp(`^src/patterns\\.md:${parseLine}:1: mermaid could not parse this diagram near \`[^\`\\n]*B -->\``, 'm'));
  assert.equal(diagramLog(check).client, 0, stripAnsi(check.stderr));

  const lenient = buildBook(dir, { env: { MDBOOK_PREPROCESSOR__STUDYGUIDE__ON_FAILURE: 'continue' } });
  assert.equal(lenient.status, 0, lenient.log);
  assert.equal(diagramLog(lenient).client, 0, lenient.log);
  const page = await open(t, pathToFileURL(path.join(dir, 'book', 'containers.html')).href);
  const note = figure(page, DIAGRAMS.containers[0]).getByRole('note');
  assert.match(await note.innerText(), /Unsupported color format/);
  await checkDiagram(page, DIAGRAMS.containers[1], 'containers.html after a bad directive');
  const other = await open(t, pathToFileURL(path.join(dir, 'book', 'patterns.html')).href);
  for (const d of DIAGRAMS.patterns.slice(1)) await checkDiagram(other, d, 'patterns.html');
});

test('client mode: a directive mermaid cannot apply fails its own diagram only', async (t) => {
  const { dir } = withTwoBadDiagrams('studyguide-diagram-directive-client-');
  const built = buildBook(dir, { env: { MDBOOK_PREPROCESSOR__STUDYGUIDE__DIAGRAMS__PRERENDER: 'never' } });
  assert.equal(built.status, 0, built.log);
  const page = await open(t, pathToFileURL(path.join(dir, 'book', 'containers.html')).href);
  await waitForClientDrawings(page, 1);
  await page.evaluate(() => window.StudyGuide.whenReady());
  const failed = figure(page, DIAGRAMS.containers[0]).locator('[data-sg-canvas]');
  assert.match(await failed.innerText(), /This diagram could not be drawn: Unsupported color format/);
  await checkDiagram(page, DIAGRAMS.containers[1], 'client containers.html after a bad directive');
});

test('print.html printed to PDF holds the labels of every diagram', async (t) => {
  const page = await open(t, book.url('print.html'), { init: () => { window.print = () => {}; } });
  await page.evaluate(() => window.StudyGuide.whenReady());
  const dir = removeAtExit(tempDir('studyguide-diagram-pdf-'));
  const pdf = path.join(dir, 'print.pdf');
  await page.pdf({ path: pdf, format: 'A4' });
  const normalize = (s) => s.replace(/[-‐]/g, '').replace(/\s+/g, ' ').trim();
  const text = normalize(execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8', maxBuffer: 64 << 20 }));
  for (const d of ALL_DIAGRAMS) {
    const parts = d.labels.flat();
    const missing = parts.filter((p) => !text.includes(normalize(p)));
    assert.ok(parts.length >= 3, `"${d.title}" has several labels`);
    assert.deepEqual(missing, [], `"${d.title}": labels missing from the PDF`);
  }
});

// At phone width a drawing shrinks to the screen while its labels stay
// legible (12px or more); a wider one scrolls sideways, says so, takes the
// focus, and has a button that shows it whole and zooms back in.
const figuresAt = (page) => page.locator('figure[data-sg-diagram]').evaluateAll((all) => all.map((figure) => {
  const box = [...figure.querySelectorAll('.sg-diagram-svg')].find((b) => b.offsetParent !== null);
  const svg = box.querySelector('svg');
  const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
  const sizes = [...svg.querySelectorAll('.nodeLabel, .edgeLabel p')].filter((label) => label.textContent.trim())
    .map((label) => parseFloat(getComputedStyle(label).fontSize) * scale);
  return {
    natural: parseFloat(getComputedStyle(box).getPropertyValue('--sg-diagram-width')),
    label: Math.min(...sizes),
    shown: svg.getBoundingClientRect().width,
    scrolls: box.scrollWidth > box.clientWidth + 1,
    focusable: box.getAttribute('tabindex') === '0',
    hint: figure.querySelector('.sg-diagram-hint > span')?.textContent || null,
    room: box.clientWidth,
  };
}));

test('at 390px a drawing fits when it can, and a wide one scrolls with a hint, the focus and a way to see it whole', async (t) => {
  const page = await book.open(t, book.url('patterns.html'), { viewport: { width: 390, height: 844 } });
  const figures = await figuresAt(page);
  assert.ok(figures.length >= 2, `${figures.length} figures`);
  for (const f of figures) {
    assert.ok(f.natural > 0, 'the build wrote the width it was drawn at');
    assert.ok(f.label >= 11.9, `labels are at least 12px: ${JSON.stringify(f)}`);
    if (0.75 * f.natural <= f.room) assert.ok(!f.scrolls, `a drawing that can fit, fits: ${JSON.stringify(f)}`);
    assert.equal(f.focusable, f.scrolls, `a scrolling drawing takes the focus: ${JSON.stringify(f)}`);
    assert.equal(f.hint !== null, f.scrolls, `a scrolling drawing says so: ${JSON.stringify(f)}`);
  }
  const wide = figures.findIndex((f) => f.scrolls);
  assert.ok(wide >= 0, 'the fixture has a drawing too wide for a phone');
  // Shown whole it fits, says so, and zooms back in.
  const figure = page.locator('figure[data-sg-diagram]').nth(wide);
  await figure.getByRole('button', { name: 'See it whole' }).click();
  let now = (await figuresAt(page))[wide];
  assert.ok(!now.scrolls && now.shown <= now.room + 1, `shown whole it fits: ${JSON.stringify(now)}`);
  assert.equal(now.hint, 'Shown whole, with small labels.');
  assert.equal(now.focusable, false);
  await figure.getByRole('button', { name: 'Zoom in to read it' }).click();
  now = (await figuresAt(page))[wide];
  assert.ok(now.scrolls && now.label >= 11.9, `zoomed in again: ${JSON.stringify(now)}`);
  assertNoViolations(await axeViolations(page, 'main'), 'patterns.html at 390px');
  assertNoErrors(page);
});

test('a diagram showing an image from the web, which the build cannot fetch, is a warning at its line, and the reader\'s browser draws it', async (t) => {
  const dir = copy('studyguide-diagram-web-image-', { withCache: true });
  const chapter = path.join(dir, 'src', 'plain.md');
  const before = readFileSync(chapter, 'utf8');
  const line = before.split('\n').length + 2;
  writeFileSync(chapter, `${before}\n\`\`\`mermaid
flowchart TD
  accTitle: A logo from the web
  accDescr: A node that shows an image fetched from the web, then the next step.
  A@{ img: "https://images.example/logo.svg", label: "Logo", pos: "t", h: 60, constraint: "on" }
  A --> B[Next step]
\`\`\`
`);
  // The build has no network: the image cannot be fetched, and mermaid fails.
  const built = buildBook(dir);
  assert.equal(built.status, 0, built.log);
  assert.match(built.log, new RegExp(`src/plain\\.md:${line}:1: warning: this diagram shows what the build could not reach \\(.+\\): the reader's browser draws it`));
  assert.match(built.log, /diagrams: 0 drawn, \d+ from the cache, 1 left to the browser/);
  const site = await siteAt(built);
  const logo = '<svg xmlns="http://www.w3.org/2000/svg" width="60" height="60"><rect width="60" height="60" fill="#f90"/></svg>';
  const page = await site.open(t, site.url('plain.html'), {
    timeout: 15000,
    onPage: (p) => p.route('https://images.example/**', (route) => route.fulfill({ contentType: 'image/svg+xml', body: logo })),
  });
  const shown = page.getByRole('figure', { name: 'A logo from the web' });
  await shown.locator('[data-sg-canvas] > svg').waitFor();
  await expectText(shown, /Next step[\s\S]*Logo/);
  assert.equal(await shown.locator('[data-sg-canvas] svg image').count(), 1, 'the image is in the drawing');
  assertNoErrors(page);
});
