// A book as a Rust author writes one (tests/books/rust-notes/): mdBook's
// admonitions, {{#include}}, {{#rustdoc_include}} and {{#playground}}, a
// theme folder and a stylesheet of its own, a second renderer (markdown) and
// a site published under /docs/ (site-url). A copy gets our entries from
// `install`, as an author's would, and is built by mdBook itself beside
// mdbook-toc, in both orders; served under /docs/; and rebuilt by
// `mdbook serve`, `mdbook watch` and our own `serve` when what it is made of
// changes. Each time, a reader uses the pages: the quizzes grade, the
// diagram is drawn, the playground runs.
// Run: node --test tests/browser/mdbook-features.test.mjs
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import {
  MDBOOK, MDBOOK_TOC, binaryPath, booksDir, closeShared, newPage, removeAtExit, repoRoot, runAsAuthor, serve,
  sharedBrowser, stripAnsi, tempDir, whenStarted,
} from './harness.mjs';
import { assertNoErrors, expectText, expectVisible } from './assertions.mjs';

after(closeShared);

const FIXTURE = path.join(booksDir, 'rust-notes');

// A copy of the fixture with our entries installed, as an author has it.
function installedCopy() {
  const dir = removeAtExit(tempDir('studyguide-rust-notes-'));
  cpSync(FIXTURE, dir, { recursive: true, filter: (src) => !['expected', 'book'].includes(path.relative(FIXTURE, src)) });
  const install = runAsAuthor('mdbook-studyguide', ['install', dir], repoRoot);
  assert.equal(install.status, 0, install.log);
  assert.match(install.log, /my-theme\/toc\.html\.hbs/, 'install writes its template into the book\'s own theme folder');
  return dir;
}

// The copy built by `mdbook build`, with mdbook-toc run `order` ("before"
// or "after") ours; `edit(dir)` changes the copy first.
function builtWithToc(order, edit) {
  assert.ok(existsSync(MDBOOK_TOC), `${MDBOOK_TOC} is installed (tests/mdbook-cli.sh)`);
  const dir = installedCopy();
  appendFileSync(path.join(dir, 'book.toml'),
    `\n[preprocessor.toc]\ncommand = "mdbook-toc"\n${order} = ["studyguide"]\n`);
  if (edit) edit(dir);
  const build = runAsAuthor('mdbook', ['build'], dir);
  assert.equal(build.status, 0, build.log);
  return { dir, log: build.log, html: path.join(dir, 'book', 'html'), markdown: path.join(dir, 'book', 'markdown') };
}

const chapterContents = (page) => page.getByRole('main').getByRole('list').first();

// What a reader of the ownership chapter sees and does, wherever it is.
async function readOwnership(page) {
  // mdbook-toc's list of the chapter's sections, linking to them.
  await expectVisible(chapterContents(page).getByRole('link', { name: 'Moves' }));
  await expectVisible(chapterContents(page).getByRole('link', { name: 'Dropping' }));
  // {{#rustdoc_include …:main}}: the lines around `main` are there, hidden.
  const listing = page.locator('pre.playground').first();
  await expectText(listing, /fn main\(\)/);
  assert.doesNotMatch(await listing.innerText(), /fn take/, 'the hidden lines stay hidden');
  // mdBook's admonition.
  await expectVisible(page.locator('.blockquote-tag-tip').getByText('Tip'));
  // The diagram, and the quiz kept in its own file.
  await expectVisible(page.locator('figure[data-sg-diagram] svg').first());
  const question = page.getByRole('group', { name: /what happens if the caller prints/ });
  await question.getByRole('radio', { name: /does not compile/ }).check();
  await question.getByRole('button', { name: 'Check' }).click();
  await expectText(question.getByRole('status'), /Correct/);
}

// Answers the playground's requests as play.rust-lang.org would: this
// machine is offline.
async function fakePlayground(page) {
  const cors = { 'access-control-allow-origin': '*', 'access-control-allow-headers': 'content-type' };
  await page.route('https://play.rust-lang.org/**', (route) => {
    if (route.request().method() === 'OPTIONS') return route.fulfill({ status: 204, headers: cors });
    const url = route.request().url();
    const body = url.endsWith('/meta/crates')
      ? { crates: [] }
      : { result: JSON.parse(route.request().postData()).code.includes('has {n} bytes') ? 'hello has 5 bytes\n' : '' };
    return route.fulfill({ status: 200, headers: cors, contentType: 'application/json', body: JSON.stringify(body) });
  });
}

// A fresh profile at `url`, with the playground answered, once the page's
// blocks have started; closed when the test `t` ends.
async function reader(t, url, { ready = true, socket = false } = {}) {
  const page = await newPage(await sharedBrowser());
  t.after(() => page.context().close());
  page.setDefaultTimeout(10000);
  await fakePlayground(page);
  // The server's live-reload socket, open before anything changes.
  const opened = socket && page.waitForEvent('websocket');
  await page.goto(url);
  await opened;
  if (ready) await whenStarted(page);
  return page;
}

const built = {};
const buildFor = (order, edit) => (built[order] ??= builtWithToc(order, edit));

test('built by mdBook with mdbook-toc before ours, each chapter has its contents list, its listing, its admonition and working blocks', async (t) => {
  const { html, markdown, log } = buildFor('before');
  assert.doesNotMatch(log, /WARN|ERROR/, log);
  const page = await reader(t, new URL(`file://${html}/ownership.html`).href);
  await readOwnership(page);
  assertNoErrors(page);
  // The second renderer gets readable Markdown: the quiz and its answer key.
  const text = readFileSync(path.join(markdown, 'ownership.md'), 'utf8');
  assert.match(text, /\*\*Question 1\.\*\* After `let length = take\(greeting\);`/);
  assert.match(text, /\*\*Answer key\*\*\n\n1\. \*\*B\*\*/);
  assert.doesNotMatch(text, /```quiz|\[\[question\]\]/);
});

test('with mdbook-toc after ours, the pages are the same to a reader, and a warning is said once, not once per renderer', async (t) => {
  const { html, log } = buildFor('after', (dir) => {
    const file = path.join(dir, 'src', 'borrowing.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace('see = "#shared"\n', ''));
  });
  const warnings = log.split('\n').filter((line) => /does not say where the book teaches it/.test(line));
  assert.equal(warnings.length, 1, log);
  assert.match(warnings[0], /src\/borrowing\.md:\d+:\d+/);
  const page = await reader(t, new URL(`file://${html}/ownership.html`).href);
  await readOwnership(page);
  assertNoErrors(page);
});

test('published under /docs/, the pages work there, the playground runs and the not-found page loads its files from /docs/', async (t) => {
  const { html } = buildFor('before');
  const site = await serve(html, '/docs/');
  t.after(site.close);
  const page = await reader(t, site.url + 'borrowing.html');
  // The book's own theme and stylesheet.
  await expectVisible(page.getByText('Notes for the Rust reading group'));
  assert.equal(await page.locator('meta[name="notes-edition"]').getAttribute('content'), '2021');
  assert.equal(await page.getByText('Notes for the Rust reading group').evaluate((el) => getComputedStyle(el).borderInlineStartWidth), '4px');
  // The playground's run button (shown while the pointer is over the
  // listing) runs it.
  await page.locator('pre.playground').hover();
  await page.getByRole('button', { name: 'Run this code' }).click();
  await expectText(page.locator('pre.playground code.result'), 'hello has 5 bytes');
  // The quiz, and its link to where the book teaches it, inside /docs/.
  const question = page.getByRole('group', { name: /may main print greeting/ });
  await question.getByRole('radio', { name: /only borrowed it/ }).check();
  await question.getByRole('button', { name: 'Check' }).click();
  await expectText(question.getByRole('status'), /Correct/);
  assert.equal(await question.getByRole('link', { name: 'Shared references' }).evaluate((a) => a.href), `${site.url}borrowing.html#shared`);
  assert.deepEqual(page.requests.filter((url) => !url.startsWith(site.url) && !url.startsWith('https://play.rust-lang.org/')), [],
    'every file the page asks for is under /docs/');
  assertNoErrors(page);

  const missing = await reader(t, site.url + 'no/such/chapter.html', { ready: false });
  await expectVisible(missing.getByRole('heading', { name: 'Document not found (404)' }));
  await expectVisible(missing.getByText('Notes for the Rust reading group'));
  const chapter = missing.getByRole('link', { name: 'Ownership', exact: true }).first();
  assert.equal(await chapter.evaluate((a) => a.href), `${site.url}ownership.html`);
  const outside = missing.requests.filter((url) => !url.startsWith(site.url));
  assert.deepEqual(outside, [], 'the not-found page asks for nothing outside /docs/');
  assert.deepEqual(missing.errors, ['Failed to load resource: the server responded with a status of 404 (Not Found)']);
});

// A free port on 127.0.0.1 for a server that cannot be given port 0.
function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

// A long-running command (serve or watch) started as an author would, with
// our binary and mdBook on PATH; stopped when the test `t` ends. Resolves
// once its output matches `ready`, with the match, its output so far and
// `until(pattern, times)`, which resolves once the output has matched
// `pattern` that many times, and fails with the output if it has not within
// two minutes or the command ends.
async function started(t, command, args, cwd, ready) {
  const PATH = [path.dirname(binaryPath), path.dirname(MDBOOK), '/usr/bin', '/bin'].join(':');
  const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], env: { PATH, HOME: process.env.HOME } });
  let output = '';
  const waiting = new Set();
  t.after(() => new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', resolve);
    child.kill('SIGTERM');
  }));
  const until = (pattern, times = 1, ms = 120000) => new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      waiting.delete(look);
      reject(new Error(`${command} ${args.join(' ')} printed no ${pattern} (${times}) in ${ms / 1000} s:\n${stripAnsi(output)}`));
    }, ms);
    const look = () => {
      const found = [...stripAnsi(output).matchAll(new RegExp(pattern.source, 'g'))];
      if (found.length >= times) { clearTimeout(timer); waiting.delete(look); resolve(found[times - 1]); }
    };
    look.reject = (error) => { clearTimeout(timer); reject(error); };
    waiting.add(look);
    look();
  });
  const heard = (data) => { output += data; for (const look of [...waiting]) look(); };
  child.stdout.on('data', heard);
  child.stderr.on('data', heard);
  child.on('exit', (code) => {
    for (const look of waiting) look.reject(new Error(`${command} ${args.join(' ')} exited with ${code}:\n${stripAnsi(output)}`));
  });
  const match = await until(ready);
  const count = (pattern) => [...stripAnsi(output).matchAll(new RegExp(pattern.source, 'g'))].length;
  return { match, until, count, output: () => stripAnsi(output) };
}

// mdBook's watcher (it polls, by default) says it watches before it has
// first looked, and a change made before that look is never seen: `file`
// is touched, and touched again, until a build follows.
async function watching({ until }, file) {
  for (let attempt = 1; ; attempt++) {
    appendFileSync(file, '\n');
    try {
      return await until(/Files changed/, 1, 5000);
    } catch (error) {
      if (attempt === 10) throw error;
    }
  }
}

// Opens `url`, changes a file with `change()`, and waits for the page to
// reload itself over the server's live-reload socket.
async function reloadsAfter(page, change) {
  await page.evaluate(() => { window.notesMarker = 'before the change'; });
  const reloaded = page.waitForEvent('load', { timeout: 90000 });
  change();
  await reloaded;
  assert.equal(await page.evaluate(() => window.notesMarker), undefined, 'the page was reloaded');
}

const edit = (file, from, to) => writeFileSync(file, readFileSync(file, 'utf8').replace(from, to));

for (const server of ['mdbook serve', 'mdbook-studyguide serve']) {
  test(`${server} rebuilds when an included quiz, the theme folder or the book's stylesheet changes, and the open page reloads with working blocks`, async (t) => {
    const dir = installedCopy();
    const port = await freePort();
    const mdbook = server === 'mdbook serve';
    const run = mdbook
      ? await started(t, 'mdbook', ['serve', '-n', '127.0.0.1', '-p', String(port)], dir, /Serving on: (http:\/\/127\.0\.0\.1:\d+)/)
      : await started(t, 'mdbook-studyguide', ['serve', '--port', String(port)], dir, /Serving the book on (http:\/\/127\.0\.0\.1:\d+)\//);
    const { match } = run;
    if (mdbook) {
      await run.until(/Watching for changes/);
      await watching(run, path.join(dir, 'src', 'intro.md'));
      await run.until(/HTML book written to/, 2);
    }
    const base = `${match[1]}/`;
    const page = await reader(t, base + 'ownership.html', { socket: true });
    await expectVisible(page.getByRole('group', { name: /what happens if the caller prints/ }));

    // The quiz kept in questions/ (a folder in build.extra-watch-dirs).
    await reloadsAfter(page, () => edit(path.join(dir, 'questions', 'ownership.toml'), 'what happens if the caller prints', 'what happens when the caller prints'));
    const question = page.getByRole('group', { name: /what happens when the caller prints/ });
    await question.getByRole('radio', { name: /does not compile/ }).check();
    await question.getByRole('button', { name: 'Check' }).click();
    await expectText(question.getByRole('status'), /Correct/);
    // The book's theme folder (output.html.theme) and its stylesheet.
    await reloadsAfter(page, () => edit(path.join(dir, 'my-theme', 'header.hbs'), 'reading group', 'reading circle'));
    await expectVisible(page.getByText('Notes for the Rust reading circle'));
    await reloadsAfter(page, () => edit(path.join(dir, 'custom.css'), '4px', '6px'));
    assert.equal(await page.getByText('Notes for the Rust reading circle').evaluate((el) => getComputedStyle(el).borderInlineStartWidth), '6px');
    await expectVisible(page.locator('figure[data-sg-diagram] svg').first());
    assertNoErrors(page);
  });
}

test('mdbook watch rebuilds the site when a chapter changes, and the rebuilt page works', async (t) => {
  const dir = installedCopy();
  const page = path.join(dir, 'book', 'html', 'borrowing.html');
  // mdBook 0.5.4's watch builds only once something changes.
  const run = await started(t, 'mdbook', ['watch'], dir, /Watching for changes/);
  await watching(run, path.join(dir, 'src', 'intro.md'));
  edit(path.join(dir, 'src', 'borrowing.md'), 'may `main` print `greeting`', 'can `main` still print `greeting`');
  // The builds that follow (ours writes its files on the first, which mdBook
  // sees as another change) until one has the change.
  for (let built = 1; !/can <code>main<\/code> still print/.test(existsSync(page) ? readFileSync(page, 'utf8') : ''); built++) {
    await run.until(/HTML book written to/, built);
  }
  const shown = await reader(t, new URL(`file://${page}`).href);
  const question = shown.getByRole('group', { name: /can main still print greeting/ });
  await question.getByRole('radio', { name: /only borrowed it/ }).check();
  await question.getByRole('button', { name: 'Check' }).click();
  await expectText(question.getByRole('status'), /Correct/);
  assertNoErrors(shown);
});
