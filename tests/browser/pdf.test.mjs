// The `pdf` command: one PDF of the whole book, printed by Chromium, with a
// title page, page numbers, bookmarks, working internal links, quizzes as
// worksheets followed by their answer keys, limit values and diagrams. On
// a copy of the guide itself: the PDF is of the guide's own content.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
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
  await page.goto('file://' + path.join(book, 'book', 'print.html'));
  expected = await page.evaluate(() => ({
    prompts: [...document.querySelectorAll('.sg-quiz .sg-prompt')].map((e) => e.textContent),
    choices: [...document.querySelectorAll('.sg-quiz .sg-choice-text')].map((e) => e.textContent),
    key: [...document.querySelectorAll('.sg-answer-key li')].map((e) => e.textContent),
    limits: [...document.querySelectorAll('.sg-limit-value')].map((e) => e.textContent),
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
  for (const value of expected.limits) assert.ok(text.includes(normalize(value)), `missing limit: ${value}`);
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
