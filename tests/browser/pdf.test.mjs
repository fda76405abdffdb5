// The `pdf` command: one PDF of the whole book, printed by Chromium, with a
// title page, page numbers, bookmarks, working internal links, quizzes as
// worksheets followed by their answer keys, limit values and diagrams. On
// a copy of the guide itself: the PDF is of the guide's own content.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { closeShared, copyBook, newPage, removeAtExit, sharedBrowser, studyguide } from './harness.mjs';

// pdftotext joins words hyphenated at line ends, so compare without hyphens.
// pdftotext puts a space after inline code ("`prod`." reads "prod ."), so
// spaces before punctuation do not count, nor do Markdown's backticks.
// A word broken at its own hyphen ("us-" then "east-1") is joined too, and
// spaces around a range's dash do not count ("1 – 3" prints "1–3").
const normalize = (text) => text.replace(/[-‐]\s*\n\s*/g, '').replace(/\s*–\s*/g, '–').replace(/[-‐`]/g, '').replace(/\s+/g, ' ').replace(/ ([.,?;:!)'’])/g, '$1').replace(/([(]) /g, '$1')
  .replace(/[‘’]/g, "'").trim();

function pdfText(file, first, last) {
  const range = first ? ['-f', String(first), '-l', String(last ?? first)] : [];
  return execFileSync('pdftotext', [...range, file, '-'], { encoding: 'utf8', maxBuffer: 64 << 20 });
}

// The text in the order it was printed, a table cell's lines together
// (pdftotext's reading order puts side by side cells' lines in turn).
function printedText(file) {
  return execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8', maxBuffer: 64 << 20 });
}

// Every word of a PDF with its page and box, from `pdftotext -bbox`.
function wordsOf(file) {
  const html = execFileSync('pdftotext', ['-bbox', file, '-'], { encoding: 'utf8', maxBuffer: 256 << 20 });
  const pages = [];
  for (const page of html.matchAll(/<page width="([\d.]+)" height="([\d.]+)">([\s\S]*?)<\/page>/g)) {
    const words = [...page[3].matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)]
      .map((m) => ({ x0: Number(m[1]), y0: Number(m[2]), x1: Number(m[3]), y1: Number(m[4]),
        text: m[5].replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'") }));
    pages.push({ width: Number(page[1]), height: Number(page[2]), words });
  }
  return pages;
}

function pageCount(file) {
  return Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))[1]);
}

// Outline (bookmark) titles, read from the PDF's objects: Chromium writes
// them as literal or UTF-16 hex strings.
function outlineTitles(file) {
  const raw = readFileSync(file).toString('latin1');
  const titles = [];
  for (const match of raw.matchAll(/\/Title\s*(\((?:\\.|[^\\)])*\)|<[0-9A-Fa-f\s]*>)/g)) {
    const value = match[1];
    if (value.startsWith('(')) {
      titles.push(value.slice(1, -1).replace(/\\(.)/g, '$1'));
    } else {
      const hex = value.slice(1, -1).replace(/\s/g, '');
      const bytes = Buffer.from(hex, 'hex');
      if (bytes[0] === 0xfe && bytes[1] === 0xff) bytes.swap16();
      titles.push(bytes.toString(bytes[0] === 0xff ? 'utf16le' : 'latin1').replace(/^\uFEFF/, ''));
    }
  }
  return titles;
}

// The share of dark pixels on a page, from a small greyscale rendering.
function inkOnPage(file, page) {
  const pgm = execFileSync('pdftoppm', ['-gray', '-r', '30', '-f', String(page), '-l', String(page), file], { maxBuffer: 64 << 20 });
  const header = pgm.toString('latin1', 0, 40).split(/\s+/);
  const [width, height] = [Number(header[1]), Number(header[2])];
  const pixels = pgm.subarray(pgm.length - width * height);
  let dark = 0;
  for (const value of pixels) if (value < 200) dark++;
  return dark / pixels.length;
}

let book;
let pdf;
let expected;

before(async () => {
  book = removeAtExit(copyBook('studyguide-pdf-'));
  const result = studyguide(['pdf', book]);
  assert.equal(result.status, 0, result.stderr);
  pdf = result.stdout.trim();
  assert.equal(pdf, path.join(book, 'book', 'studyguide.pdf'));

  // What the PDF must hold, read from the built print page.
  const page = await newPage(await sharedBrowser());
  await page.emulateMedia({ media: 'print' });
  await page.goto('file://' + path.join(book, 'book', 'print.html'));
  expected = await page.evaluate(() => ({
    prompts: [...document.querySelectorAll('.sg-quiz .sg-prompt')].map((e) => e.textContent),
    choices: [...document.querySelectorAll('.sg-quiz .sg-choice-text')].map((e) => e.textContent),
    key: [...document.querySelectorAll('.sg-answer-key > ol > li')].map((item) => {
      const copy = /** @type {HTMLElement} */ (item.cloneNode(true));
      for (const more of copy.querySelectorAll('.sg-whys, .sg-see')) more.remove();
      return copy.textContent;
    }),
    limits: [...document.querySelectorAll('.sg-limit-value')].map((e) => e.textContent),
    // The words of every table printed, but an identifier in code, which
    // may break anywhere to fit its column.
    cells: [...document.querySelectorAll('main table :is(th, td)')].filter((cell) => cell.checkVisibility()).map((cell) => {
      const copy = /** @type {HTMLElement} */ (cell.cloneNode(true));
      for (const code of copy.querySelectorAll('code')) code.remove();
      return copy.textContent;
    }),
    headings: [...document.querySelectorAll('main :is(h1, h2, h3, h4)')].map((e) => e.textContent.trim()),
    whys: [...document.querySelectorAll('.sg-answer-key .sg-whys li')].map((e) => e.textContent),
    sees: [...document.querySelectorAll('.sg-answer-key .sg-see')].map((e) => e.textContent),
  }));
  await page.context().close();
});

after(closeShared);

test('the PDF holds every question, its choices and the answer key', () => {
  const text = normalize(pdfText(pdf));
  assert.equal(expected.prompts.length >= 25, true);
  for (const prompt of expected.prompts) assert.ok(text.includes(normalize(prompt)), `missing prompt: ${prompt}`);
  for (const choice of expected.choices) assert.ok(text.includes(normalize(choice)), `missing choice: ${choice}`);
  assert.ok(text.includes('Answer key'));
  for (const item of expected.key) assert.ok(text.includes(normalize(item)), `missing answer: ${item}`);
  assert.ok(text.includes('What is the maximum timeout of a standard AWS Lambda function?'));
  assert.ok(text.includes(normalize('C — A standard Lambda function runs for at most 15 minutes (900 s)')));
  // The worksheet says how to answer on paper, not "press Check".
  assert.ok(text.includes(normalize('Circle the letter of each answer')) && !text.includes(normalize('Pick an answer and press Check. Your answers stay in this browser')));
  assert.ok(!text.includes('Start a practice exam'), 'no exam start screen on paper');
  // The interactive parts stay on screen: no score, no practice controls.
  assert.ok(!text.includes('Score: 0 /'), 'no score on paper');
  assert.ok(!text.includes('Reveal all') && !text.includes('Diagram source'), 'no controls on paper');
});

test('the PDF holds the limit values and the diagrams\' labels', () => {
  const text = normalize(pdfText(pdf));
  const printed = normalize(printedText(pdf));
  for (const value of expected.limits) assert.ok(printed.includes(normalize(value)), `missing limit: ${value}`);
  assert.ok(text.includes(normalize('128 MB – 10,240 MB (10 GB)')));
  for (const label of ['Application Load Balancer', 'HTTPS:443 → HTTP:80', 'Fargate Task #1', 'RDS Multi-AZ',
    'Need full Kubernetes API', 'Lambda Function', 'version 3', 'Lambda (thumbnail)']) {
    assert.ok(text.includes(normalize(label)), `missing diagram label: ${label}`);
  }
  assert.ok(!text.includes('Balancer\\nHTTPS'), 'no literal \\n in labels');
});

test('pages are numbered, the first is a title page, and text is selectable', () => {
  const pages = pageCount(pdf);
  assert.ok(pages > 10, `${pages} pages`);
  const first = normalize(pdfText(pdf, 1));
  assert.ok(first.includes('AWS Solutions Architect Study Guide'), first);
  assert.ok(first.includes(`1 / ${pages}`), first);
  const last = normalize(pdfText(pdf, pages));
  assert.ok(last.includes(`${pages} / ${pages}`), last);
});

test('bookmarks list the chapters and headings', () => {
  const titles = outlineTitles(pdf).map(normalize);
  for (const chapter of ['Introduction', '1. AWS Lambda', '1.2 Lambda Limits', '2. API Gateway',
    '3. ECS, EKS & Fargate', 'Security & Compliance', 'Practice Exam', 'Errata']) {
    assert.ok(titles.some((t) => t.includes(chapter)), `no bookmark for ${chapter}: ${titles.join(' | ')}`);
  }
  assert.ok(titles.some((t) => t.includes('Chapter Quiz')), titles.join(' | '));
});

test('a table of contents lists every chapter and section with the page its heading is on', () => {
  const pages = pageCount(pdf);
  const contents = pdfText(pdf, 2, 2);
  assert.match(contents, /^\s*Contents/, contents);
  // With -layout, an entry is one line: its title, the leader, its page. The
  // contents run over as many pages as they need, up to the first chapter.
  const layoutOf = (first, last) => execFileSync('pdftotext', ['-layout', '-f', String(first), '-l', String(last), pdf, '-'],
    { encoding: 'utf8' });
  const entriesOf = (text) => [...text.matchAll(/^\s*(\S.*?)\s{2,}(\d+)\s*$/gm)].map((m) => [m[1], Number(m[2])]);
  const firstChapter = entriesOf(layoutOf(2, 2))[0][1];
  const layout = layoutOf(2, firstChapter - 1);
  const entries = entriesOf(layout);
  const titles = entries.map(([title]) => title);
  // Every chapter of SUMMARY.md, in its order (mdBook numbers none of this book's).
  const summary = readFileSync(path.join(book, 'src', 'SUMMARY.md'), 'utf8');
  const want = [...summary.matchAll(/^\s*(?:- )?\[([^\]]+)\]\([^)]+\)/gm)].map((m) => m[1]);
  assert.ok(want.length >= 80, `${want.length} chapters in SUMMARY.md`);
  assert.deepEqual(titles, want);
  for (const part of ['Chapters', 'Practice', 'Appendix']) assert.match(layout, new RegExp(`^\\s*${part}\\s*$`, 'm'));
  let previous = firstChapter - 1;
  for (const [title, page] of entries) {
    assert.ok(page > previous && page <= pages, `${title}: page ${page} after ${previous}`);
    // Each chapter starts a page, its heading first (which may add emoji).
    const top = normalize(pdfText(pdf, page).replace(/[\p{Extended_Pictographic}\uFE0F]/gu, ''));
    assert.ok(top.startsWith(normalize(title)), `${title} is not at the top of page ${page}: ${top.slice(0, 60)}`);
    previous = page;
  }
  // Each entry links to its chapter.
  const raw = readFileSync(pdf).toString('latin1');
  assert.equal(new Set(raw.match(/\/Dest\s*\/sg-toc-\d+/g)).size, entries.length);
});

test('tables fit the page: every word of every table is printed, and no word lies outside the text area', () => {
  const pages = wordsOf(pdf);
  const margin = 15 / 25.4 * 72;
  const outside = [];
  for (const [i, page] of pages.entries()) {
    for (const word of page.words) {
      if (word.y1 > page.height - margin) continue; // the footer
      if (word.x0 < margin - 1 || word.x1 > page.width - margin + 1) outside.push(`page ${i + 1}: ${word.text}`);
    }
  }
  assert.deepEqual(outside, []);
  // A word cut by the page's edge is printed only in part.
  const letters = (text) => text.replace(/[^\p{L}\p{N}]/gu, '');
  const printed = letters(pages.flatMap((page) => page.words.map((word) => word.text)).join(''));
  const missing = new Set();
  for (const cell of expected.cells) {
    for (const word of cell.split(/\s+/).map(letters)) if (word.length >= 3 && !printed.includes(word)) missing.add(word);
  }
  assert.ok(expected.cells.length > 100, `${expected.cells.length} table cells`);
  assert.deepEqual([...missing], []);
});

test('no page is blank, and no page ends with a heading that belongs with the next', () => {
  const pages = wordsOf(pdf);
  const margin = 15 / 25.4 * 72;
  const headings = new Set(expected.headings.map((h) => h.replace(/\s+/g, ' ')));
  const blank = [];
  const stranded = [];
  for (const [i, page] of pages.entries()) {
    const body = page.words.filter((word) => word.y1 <= page.height - margin);
    if (body.length === 0) { blank.push(i + 1); continue; }
    const bottom = Math.max(...body.map((word) => word.y0));
    const line = body.filter((word) => Math.abs(word.y0 - bottom) < 3).sort((a, b) => a.x0 - b.x0).map((word) => word.text).join(' ');
    if (headings.has(line)) stranded.push(`page ${i + 1}: ${line}`);
  }
  assert.deepEqual(blank, [], 'blank pages');
  assert.deepEqual(stranded, [], 'headings alone at the foot of a page');
});

test('the answer keys explain each choice and say where to read', () => {
  assert.ok(expected.whys.length > 50, `${expected.whys.length} choice explanations in the keys`);
  assert.ok(expected.sees.length > 20, `${expected.sees.length} "Read:" lines in the keys`);
  const text = normalize(pdfText(pdf));
  for (const why of [expected.whys[0], expected.whys.at(-1), expected.sees[0], expected.sees.at(-1)]) {
    assert.ok(text.includes(normalize(why)), `the PDF holds "${why}"`);
  }
});

test('internal links point inside the document', () => {
  const raw = readFileSync(pdf).toString('latin1');
  const internal = raw.match(/\/Dest\s*[/[(]/g) || [];
  assert.ok(internal.length >= 5, `only ${internal.length} internal links`);
});

test('pages with diagrams are drawn, not blank', () => {
  const pages = pageCount(pdf);
  const withDiagram = [];
  for (let page = 1; page <= pages; page++) {
    if (pdfText(page === 0 ? null : pdf, page).includes('Application Load Balancer')) withDiagram.push(page);
  }
  assert.ok(withDiagram.length >= 1);
  for (const page of withDiagram) {
    const ink = inkOnPage(pdf, page);
    assert.ok(ink > 0.02, `page ${page} looks blank (${ink})`);
  }
});

test('paper size and answer keys follow book.toml', () => {
  const toml = path.join(book, 'book.toml');
  writeFileSync(toml, readFileSync(toml, 'utf8')
    .replace('paper = "A4"', 'paper = "Letter"')
    .replace('answer-keys = true', 'answer-keys = false'));
  const result = studyguide(['pdf', book]);
  assert.equal(result.status, 0, result.stderr);
  const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
  assert.match(info, /Page size:\s+612 x 792/);
  const text = normalize(pdfText(pdf));
  assert.ok(!text.includes('Answer key') && !text.includes('answer key is on the pages'), 'answer keys were left out');
  assert.ok(text.includes('What is the maximum timeout of a standard AWS Lambda function?'));
});

test('--output writes the PDF where it is asked for: a file, or a folder that takes the book\'s file name', () => {
  const elsewhere = removeAtExit(mkdtempSync(path.join(tmpdir(), 'studyguide-pdf-out-')));
  for (const [asked, written] of [[path.join(elsewhere, 'notes.pdf'), path.join(elsewhere, 'notes.pdf')],
    [elsewhere, path.join(elsewhere, 'studyguide.pdf')]]) {
    const result = studyguide(['pdf', book, '--output', asked]);
    assert.equal(result.status, 0, result.stderr);
    assert.equal(result.stdout.trim(), written);
    assert.match(execFileSync('pdfinfo', [written], { encoding: 'utf8' }), /Pages:\s+\d+/);
  }
});
