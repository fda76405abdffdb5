// Shared by the browser tests and the screenshot script: Debian's Chromium
// driven by playwright-core, and a static server for the built book on
// 127.0.0.1.
import { chromium } from 'playwright-core';
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync } from 'node:fs';
import { execFileSync, spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const bookDir = process.env.STUDYGUIDE_BOOK_DIR || path.join(repoRoot, 'book');

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
export async function openPage(browser, t, url, { theme, init, initArg, onPage, timeout = 5000, ...options } = {}) {
  const page = await newPage(browser, options);
  t.after(() => page.context().close());
  page.setDefaultTimeout(timeout);
  if (onPage) onPage(page);
  if (theme) await page.addInitScript((name) => localStorage.setItem('mdbook-theme', name), theme);
  if (init) await page.addInitScript(init, initArg);
  await page.goto(url);
  return page;
}

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.woff2': 'font/woff2', '.json': 'application/json',
  '.pdf': 'application/pdf', '.txt': 'text/plain',
};

// Serves `dir` on 127.0.0.1 at a free port; returns { url, close }.
export async function serve(dir = bookDir) {
  const server = createServer(async (req, res) => {
    try {
      let file = path.join(dir, decodeURIComponent(new URL(req.url, 'http://x').pathname));
      if (!file.startsWith(dir)) throw new Error('outside');
      if ((await stat(file)).isDirectory()) file = path.join(file, 'index.html');
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[path.extname(file)] || 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404);
      res.end('not found');
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((r) => server.close(r)) };
}

export function fileUrl(relative) {
  return pathToFileURL(path.join(bookDir, relative)).href;
}

export function tempDir(prefix) {
  return mkdtempSync(path.join(tmpdir(), prefix));
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
    copyFileSync(path.join(repoRoot, file), target);
  }
  symlinkSync(path.join(repoRoot, 'node_modules'), path.join(dir, 'node_modules'));
  return dir;
}

// Runs the release binary; returns { status, stdout, stderr }.
export function studyguide(args, options = {}) {
  const binary = path.join(repoRoot, 'target', 'release', 'mdbook-studyguide');
  const result = spawnSync(binary, args, { encoding: 'utf8', ...options });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
