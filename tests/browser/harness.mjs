// Shared by the browser tests and the screenshot script: Debian's Chromium
// driven by playwright-core, a static server on 127.0.0.1, and the books the
// tests open: the guide as `cargo run --release -- build` wrote it, or a
// fixture book from tests/books/ built once per test file (`useBook`).
import { chromium } from 'playwright-core';
import { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import {
  copyFileSync, cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readlinkSync, rmSync, symlinkSync,
} from 'node:fs';
import { execFileSync, spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const bookDir = process.env.STUDYGUIDE_BOOK_DIR || path.join(repoRoot, 'book');
// The fixture books, one per widget: tests/books/<name>/.
export const booksDir = path.join(repoRoot, 'tests', 'books');
// The release binary, where cargo puts it.
export const binaryPath = path.join(path.resolve(repoRoot, process.env.CARGO_TARGET_DIR || 'target'),
  'release', 'mdbook-studyguide');
// `useBook(GUIDE)` is the guide itself, for tests of its own content.
export const GUIDE = 'guide';

export function chromiumPath() {
  for (const candidate of [process.env.CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser']) {
    if (candidate && existsSync(candidate)) return candidate;
  }
  throw new Error('Chromium was not found: install it with `apt-get install chromium` or set CHROMIUM');
}

// The flags the preprocessor starts Chromium with (one a line, # comments).
export const CHROMIUM_ARGS = readFileSync(path.join(repoRoot, 'preprocessor', 'src', 'chrome', 'flags.txt'), 'utf8')
  .split('\n').map((line) => line.trim()).filter((line) => line && !line.startsWith('#'));

export async function launch() {
  return chromium.launch({
    executablePath: chromiumPath(),
    args: CHROMIUM_ARGS,
    headless: true,
  });
}

// A fresh profile per context, so localStorage starts empty.
export async function newPage(browser, options = {}) {
  const context = await browser.newContext({
    viewport: options.viewport || { width: 1280, height: 900 },
    javaScriptEnabled: options.javaScriptEnabled !== false,
    reducedMotion: 'reduce',
  });
  const page = await context.newPage();
  page.errors = [];
  page.requests = [];
  page.on('pageerror', (err) => page.errors.push(String(err)));
  page.on('console', (msg) => { if (msg.type() === 'error') page.errors.push(msg.text()); });
  page.on('request', (req) => page.requests.push(req.url()));
  page.on('dialog', (dialog) => { page.errors.push(`dialog: ${dialog.message()}`); dialog.dismiss(); });
  return page;
}

// A fresh browser profile opened at `url`, closed when the test `t` ends.
// `theme` is the mdBook theme the reader chose; `init` (given `initArg`) runs
// before the page's own scripts; `onPage` sees the page before it loads.
// Unless `ready` is false, it is returned once its blocks have started (the
// components start after the load event, later on a busy machine, and read
// what is saved: a choice clicked before that would be undone).
export async function openPage(browser, t, url, { theme, init, initArg, onPage, timeout = 5000, ready = true, ...options } = {}) {
  const page = await newPage(browser, options);
  t.after(() => page.context().close());
  page.setDefaultTimeout(timeout);
  if (onPage) onPage(page);
  if (theme) await page.addInitScript((name) => localStorage.setItem('mdbook-theme', name), theme);
  if (init) await page.addInitScript(init, initArg);
  await page.goto(url);
  if (ready && options.javaScriptEnabled !== false) await whenStarted(page);
  return page;
}

// Once the page's blocks have started (at once on a page without any).
export function whenStarted(page) {
  return page.evaluate(() => new Promise((resolve) => {
    const sg = window.StudyGuide;
    if (sg && typeof sg.whenReady === 'function') sg.whenReady().then(resolve, resolve);
    else resolve();
  }));
}

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.woff2': 'font/woff2', '.json': 'application/json',
  '.pdf': 'application/pdf', '.txt': 'text/plain',
};

// Serves `dir` on 127.0.0.1 at a free port, at `base` (a path such as
// "/docs/", as a host serves a site published under a subdirectory);
// returns { url, close }, `url` ending with `base`.
export async function serve(dir = bookDir, base = '/') {
  const server = createServer(async (req, res) => {
    try {
      const { pathname } = new URL(req.url, 'http://x');
      if (!pathname.startsWith(base)) throw new Error('outside the site');
      let file = path.join(dir, decodeURIComponent(pathname.slice(base.length - 1)));
      if (!file.startsWith(dir)) throw new Error('outside');
      if ((await stat(file)).isDirectory()) file = path.join(file, 'index.html');
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[path.extname(file)] || 'application/octet-stream' });
      res.end(body);
    } catch {
      // As a host (and `serve`) answers a missing path: with the site's not-found page.
      const notFound = await readFile(path.join(dir, '404.html')).catch(() => null);
      res.writeHead(404, notFound ? { 'content-type': TYPES['.html'] } : {});
      res.end(notFound || 'not found');
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return { url: `http://127.0.0.1:${port}${base}`, close: () => new Promise((r) => server.close(r)) };
}

export function fileUrl(relative) {
  return pathToFileURL(path.join(bookDir, relative)).href;
}

export function tempDir(prefix) {
  return mkdtempSync(path.join(tmpdir(), prefix));
}

// Temporary directories removed when the test file's process exits.
const leftovers = [];
process.on('exit', () => {
  for (const dir of leftovers) rmSync(dir, { recursive: true, force: true });
});
export function removeAtExit(dir) {
  leftovers.push(dir);
  return dir;
}

// A copy of the guide's sources (what git tracks) in a temporary directory,
// with node_modules linked, for tests that change or rebuild the book.
export function copyBook(prefix = 'studyguide-book-') {
  const dir = tempDir(prefix);
  const files = execFileSync('git', ['ls-files', '-z'], { cwd: repoRoot, encoding: 'utf8' })
    .split('\0').filter(Boolean);
  for (const file of files) {
    const target = path.join(dir, file);
    mkdirSync(path.dirname(target), { recursive: true });
    const from = path.join(repoRoot, file);
    // Links (preprocessor/theme → ../theme) stay links.
    if (lstatSync(from).isSymbolicLink()) symlinkSync(readlinkSync(from), target);
    else copyFileSync(from, target);
  }
  symlinkSync(path.join(repoRoot, 'node_modules'), path.join(dir, 'node_modules'));
  return dir;
}

// The bank of questions of a gathering page (exam, review) in a built site:
// the file in studyguide/ its block names with data-bank.
export function bankOf(site, page) {
  const html = readFileSync(path.join(site, page), 'utf8');
  const name = / data-bank="([^"]+)"/.exec(html);
  assert.ok(name, `${page} names its bank`);
  const script = readFileSync(path.join(site, 'studyguide', name[1]), 'utf8');
  const literal = /JSON\.parse\(("(?:[^"\\]|\\.)*")\)/.exec(script);
  assert.ok(literal, `studyguide/${name[1]} holds a bank`);
  return JSON.parse(JSON.parse(literal[1]));
}

// The name under which localStorage holds a key of the book's saved state
// ("sg:quiz:…"): the book's own prefix before it ("sg@ID:quiz:…"), as
// theme/storage.js keeps it. Asked of a page of the book.
export function storeName(page, key) {
  return page.evaluate((k) => `sg@${window.StudyGuide.store.book.id}:${k.slice(3)}`, key);
}

// The prefix under which a built book keeps its learners' state in
// localStorage ("sg@ID:"), from the manifest its build wrote.
export function storePrefix(site) {
  const script = readFileSync(path.join(site, 'studyguide', 'manifest.js'), 'utf8');
  return `sg@${JSON.parse(/StudyGuide\.manifest = (\{.*\});/.exec(script)[1]).book.id}:`;
}

// A page's init script (run before the page's own) that saves `state`
// ({ "sg:quiz:…": value }) and the log's `entries` as the book with this
// `prefix` keeps them, once per tab. Use as addInitScript(seedStore, { prefix, state, log }).
export function seedStore({ prefix, state = {}, log = [] }) {
  if (sessionStorage.getItem('sg-test-seeded')) return;
  sessionStorage.setItem('sg-test-seeded', '1');
  for (const [key, value] of Object.entries(state)) localStorage.setItem(prefix + key.slice(3), JSON.stringify(value));
  log.forEach((entry, i) => {
    const stamp = `${`000000000${entry.t.toString(36)}`.slice(-9)}-${`000${i.toString(36)}`.slice(-3)}seed`;
    localStorage.setItem(`${prefix}log:${stamp}`, JSON.stringify(entry));
  });
  localStorage.setItem(`${prefix}#v`, '1');
}

// mdBook 0.5.4 and mdbook-toc, which tests/mdbook-cli.sh installs (tests/run
// runs it first).
export const MDBOOK = path.join(repoRoot, 'target', 'mdbook-cli', 'bin', 'mdbook');
export const MDBOOK_TOC = path.join(path.dirname(MDBOOK), 'mdbook-toc');

// Runs a command the way an author would: our binary, mdBook and
// mdbook-toc on PATH, in a directory with no node_modules and no theme of
// ours. Returns { status, log } (stdout and stderr without colours).
export function runAsAuthor(command, args, cwd) {
  assert.ok(existsSync(MDBOOK), `${MDBOOK} is installed (tests/mdbook-cli.sh)`);
  const PATH = [path.dirname(binaryPath), path.dirname(MDBOOK), '/usr/bin', '/bin'].join(':');
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', env: { PATH, HOME: process.env.HOME } });
  return { status: result.status, log: stripAnsi(`${result.stdout}\n${result.stderr}`) };
}

// Runs the release binary; returns { status, stdout, stderr }.
export function studyguide(args, options = {}) {
  assert.ok(existsSync(binaryPath), `${binaryPath} is built (cargo build --release)`);
  const result = spawnSync(binaryPath, args, { encoding: 'utf8', maxBuffer: 1 << 26, ...options });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

// ---------------------------------------------------------------------------
// Fixture books.

// The guide's theme files, read from the `additional-css` and
// `additional-js` lists of its book.toml: that list is the only one. A
// fixture book is built with the same lists (mdBook reads
// MDBOOK_OUTPUT__HTML__* over book.toml) and its theme/ linked to the
// guide's, so its pages load exactly what the guide's pages load. (A path
// such as "../../../theme/quiz.js" in a fixture's book.toml does not do:
// mdBook 0.5.4 writes each listed file to the same relative path under the
// site, here outside it, and a server cannot reach above the site's root.)
export function themeLists() {
  const toml = readFileSync(path.join(repoRoot, 'book.toml'), 'utf8');
  const list = (key) => {
    const found = new RegExp(`^\\s*${key}\\s*=\\s*\\[([^\\]]*)\\]`, 'm').exec(toml);
    assert.ok(found, `book.toml has an ${key} list`);
    return [...found[1].replace(/#.*$/gm, '').matchAll(/"([^"]*)"/g)].map((m) => m[1]);
  };
  return { css: list('additional-css'), js: list('additional-js') };
}

export function themeEnv() {
  const { css, js } = themeLists();
  return {
    MDBOOK_OUTPUT__HTML__ADDITIONAL_CSS: JSON.stringify(css),
    MDBOOK_OUTPUT__HTML__ADDITIONAL_JS: JSON.stringify(js),
  };
}

// Links the guide's theme/ and node_modules/ (mermaid) into a book's directory.
export function linkTheme(dir) {
  for (const name of ['theme', 'node_modules']) {
    if (!existsSync(path.join(dir, name))) symlinkSync(path.join(repoRoot, name), path.join(dir, name));
  }
  return dir;
}

// A copy of the fixture book tests/books/<name> in a temporary directory
// (without its expected/ snapshots), ready to build; removed at exit.
export function copyFixture(name, prefix = `studyguide-${name}-`) {
  const from = path.join(booksDir, name);
  assert.ok(existsSync(path.join(from, 'book.toml')), `${from} is a fixture book`);
  const dir = removeAtExit(tempDir(prefix));
  const skipped = new Set(['expected', 'book', '.studyguide-cache', 'theme', 'node_modules']);
  cpSync(from, dir, {
    recursive: true,
    filter: (src) => path.dirname(src) !== from || !skipped.has(path.basename(src)),
  });
  return linkTheme(dir);
}

// Builds the book in `dir` with the guide's theme files; `env` adds
// settings (MDBOOK_PREPROCESSOR__STUDYGUIDE__…). Returns { status, stdout,
// stderr, log (stderr without colours), site }.
export function buildBook(dir, { env = {}, args = [] } = {}) {
  const result = studyguide(['build', dir, ...args], { env: { ...process.env, ...themeEnv(), ...env } });
  return { ...result, log: stripAnsi(result.stderr), site: path.join(dir, 'book') };
}

// The command line's log without its colours (ANSI escapes: ESC [ … m).
// eslint-disable-next-line no-control-regex
export const stripAnsi = (text) => (text || '').replace(/\x1b\[[0-9;]*m/g, '');

// A fixture book built once per test file for each `key` (by default its
// settings): { dir, site, status, stdout, stderr, log }. `edit(dir)`
// changes the copy before it is built.
const builds = new Map();
export function fixtureBook(name, { env = {}, edit, key = JSON.stringify(env) } = {}) {
  const id = `${name}\0${key}`;
  if (!builds.has(id)) {
    builds.set(id, (async () => {
      const dir = copyFixture(name);
      if (edit) await edit(dir);
      return { dir, ...buildBook(dir, { env }) };
    })());
  }
  return builds.get(id);
}

// One Chromium per test file, and one server per site.
let sharedBrowserPromise;
export function sharedBrowser() {
  sharedBrowserPromise ??= launch();
  return sharedBrowserPromise;
}
const servers = new Map();
export function serveOnce(dir) {
  if (!servers.has(dir)) servers.set(dir, serve(dir));
  return servers.get(dir);
}
export async function closeShared() {
  const browser = sharedBrowserPromise;
  sharedBrowserPromise = undefined;
  const open = [...servers.values()];
  servers.clear();
  await (await browser?.catch(() => null))?.close();
  for (const server of open) await (await server.catch(() => null))?.close();
}

// A site the tests open in Chromium, over 127.0.0.1 or from disk.
function siteOf(built, browser, server) {
  const url = (rel = '') => server.url + rel;
  return {
    ...built,
    browser,
    server,
    url,
    fileUrl: (rel = '') => pathToFileURL(path.join(built.site, rel)).href,
    // A fresh browser profile at `where` (a URL, or a path in the site
    // served over 127.0.0.1); closed when the test `t` ends.
    open: (t, where, options) => openPage(browser, t, /^[a-z]+:/.test(where) ? where : url(where), options),
  };
}

// Opens a built site (a directory) with the shared browser and a server.
export async function siteAt(built) {
  const [browser, server] = await Promise.all([sharedBrowser(), serveOnce(built.site)]);
  return siteOf(built, browser, server);
}

// The book a test file works on: `GUIDE`, or a fixture book's name (and
// `fixtureBook` options). Returns an object filled in before the file's
// first test: the build's fields, `browser`, `server`, `url(rel)`,
// `fileUrl(rel)` and `open(t, where, options)`. The browser and servers
// close after the file's last test.
let closing = false;
export function useBook(name, options = {}) {
  const book = {};
  before(async () => {
    let built;
    if (name === GUIDE) {
      assert.ok(existsSync(path.join(bookDir, 'index.html')), `${bookDir} is built (cargo run --release -- build)`);
      built = { dir: repoRoot, site: bookDir };
    } else {
      built = await fixtureBook(name, options);
      assert.equal(built.status, 0, `building the ${name} fixture:\n${built.log}`);
    }
    Object.assign(book, await siteAt(built));
  });
  if (!closing) {
    closing = true;
    after(closeShared);
  }
  return book;
}
