// The `serve` command: builds the book, serves it on 127.0.0.1, shows broken
// blocks as a box in their page instead of stopping, rebuilds when a source
// changes and reloads the open page over mdBook's live-reload WebSocket.
// On a copy of the quiz fixture book (tests/books/quiz/).
// Run: node --test --test-concurrency=1 tests/browser/
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { networkInterfaces } from 'node:os';
import path from 'node:path';
import { binaryPath, booksDir, closeShared, copyFixture, newPage, openPage, sharedBrowser, themeEnv } from './harness.mjs';
import { sleep, stripAnsi } from './assertions.mjs';
import { parseQuiz } from './quiz-page.mjs';

const QUIZ = 'quiz.html';
// The number of questions of the fixture's own quiz.
const N = parseQuiz(readFileSync(path.join(booksDir, 'quiz', 'src', 'quiz.md'), 'utf8')).length;

// A quiz block with one problem: its answer is not one of its two choices.
const BROKEN_BLOCK = [
  '```quiz',
  '[[question]]',
  'id = "serve-broken-question"',
  'prompt = "Which of these two choices is right?"',
  'choices = ["The first one", "The second one"]',
  'answer = "E"',
  'explanation = "The second one is right."',
  '```',
];

let dir;
let quizFile;
let where; // `src/quiz.md:LINE:COL` of the bad answer
let child;
let output = '';
let base; // http://127.0.0.1:PORT/
let port;
let browser;

before(async () => {
  dir = copyFixture('quiz', 'studyguide-serve-');
  quizFile = path.join(dir, 'src', 'quiz.md');
  const original = readFileSync(quizFile, 'utf8');
  const text = original.endsWith('\n') ? original : original + '\n';
  writeFileSync(quizFile, text);
  appendFileSync(quizFile, '\n' + BROKEN_BLOCK.join('\n') + '\n');
  const lines = readFileSync(quizFile, 'utf8').split('\n');
  const line = lines.lastIndexOf('answer = "E"') + 1;
  const col = lines[line - 1].indexOf('"E"') + 1;
  where = `src/quiz.md:${line}:${col}`;

  child = spawn(binaryPath, ['serve', dir, '--port', '0'], {
    stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...themeEnv() },
  });
  child.stdout.on('data', (d) => { output += d; });
  child.stderr.on('data', (d) => { output += d; });
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start:\n${output}`)), 120000);
    const look = () => {
      const m = /Serving the book on (http:\/\/127\.0\.0\.1:(\d+)\/)/.exec(stripAnsi(output));
      if (m) { clearTimeout(timer); resolve(m); }
    };
    child.stderr.on('data', look);
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`serve exited with ${code}:\n${output}`)); });
  });
  base = url[1];
  port = Number(url[2]);
  browser = await sharedBrowser();
});

after(async () => {
  await closeShared();
  if (child && child.exitCode === null) {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await Promise.race([exited, sleep(5000)]);
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
});

const open = (t, url) => openPage(browser, t, url, { timeout: 10000 });

// A GET on its own connection (Connection: close), with the path sent
// exactly as given.
function get(rawPath, host = '127.0.0.1') {
  return new Promise((resolve, reject) => {
    const req = http.request({
      host, port, path: rawPath, method: 'GET', agent: false, headers: { Connection: 'close' },
    }, (res) => {
      const chunks = [];
      res.on('data', (d) => chunks.push(d));
      res.on('end', () => {
        const body = Buffer.concat(chunks);
        resolve({ status: res.statusCode, headers: res.headers, body, text: body.toString('utf8') });
      });
    });
    req.setTimeout(15000, () => req.destroy(new Error(`no answer to GET ${rawPath}`)));
    req.on('error', reject);
    req.end();
  });
}

// Resolves with the error code of a TCP connection, or 'connected'.
function connect(host) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    socket.setTimeout(3000);
    socket.once('connect', () => { socket.destroy(); resolve('connected'); });
    socket.once('timeout', () => { socket.destroy(); resolve('timeout'); });
    socket.once('error', (err) => resolve(err.code));
  });
}

const errorBox = (page) => page.getByRole('note').filter({ hasText: 'This quiz block has problems and was not built' });
const quizForm = (page) => page.getByRole('form', { name: 'Quiz' });

test('a broken quiz block does not stop serve: its page shows the problem, and the real quiz works', async (t) => {
  assert.equal(child.exitCode, null, 'serve keeps running');
  assert.match(stripAnsi(output), new RegExp(where.replace(/\./g, '\\.') + ': .*out of range'));

  const page = await open(t, base + QUIZ);
  const box = errorBox(page);
  await box.waitFor({ state: 'visible' });
  assert.equal(await box.count(), 1);
  const said = await box.innerText();
  assert.ok(said.includes(where), `the box gives the location ${where}:\n${said}`);
  assert.match(said, /answer `E` is out of range/);
  const source = (await box.locator('pre').innerText()).trim();
  assert.equal(source, BROKEN_BLOCK.join('\n'), 'the box shows the block source');

  // The chapter's own quiz: its questions, and question 1 can be answered.
  await quizForm(page).waitFor();
  assert.equal(await quizForm(page).count(), 1);
  const q1 = quizForm(page).getByRole('group', { name: /^Question 1\. / });
  await q1.getByRole('radio', { name: /^C\) / }).check();
  await q1.getByRole('button', { name: 'Check' }).click();
  await page.waitForFunction((n) => document.body.innerText.includes(`Score: 1 / ${n}`), N);
  assert.equal((await q1.getByRole('status').innerText()).trim(), 'Correct.');
  assert.deepEqual(page.errors, []);
});

test('fixing the block rebuilds the book and the open page reloads by itself, without the box', async (t) => {
  const page = await newPage(browser);
  t.after(() => page.context().close());
  page.setDefaultTimeout(10000);
  const socket = page.waitForEvent('websocket');
  await page.goto(base + QUIZ);
  assert.match((await socket).url(), /\/__livereload$/);
  await errorBox(page).waitFor({ state: 'visible' });
  await page.evaluate(() => { window.sgMarker = 'before the edit'; });
  await sleep(300); // the socket is open on the server's side too

  const reloaded = page.waitForEvent('load', { timeout: 60000 });
  writeFileSync(quizFile, readFileSync(quizFile, 'utf8').replace('answer = "E"', 'answer = "B"'));
  await reloaded;
  assert.equal(page.url(), base + QUIZ);
  assert.equal(await page.evaluate(() => window.sgMarker), undefined, 'the page was reloaded');
  await page.getByText('Which of these two choices is right?').waitFor({ state: 'visible' });
  assert.equal(await errorBox(page).count(), 0, 'the error box is gone');
  assert.equal(await quizForm(page).count(), 2, 'the fixed block is a quiz now');
  assert.match(stripAnsi(output), /rebuilding/);
  assert.equal(child.exitCode, null, 'serve keeps running');
  assert.deepEqual(page.errors, []);
});

test('paths outside the site are refused with 404', async () => {
  const ok = await get('/' + QUIZ);
  assert.equal(ok.status, 200);
  for (const p of [
    '/../book.toml', '/%2e%2e/book.toml', '/%2E%2E/book.toml', '/..%2fbook.toml', '/%2e%2e%2fbook.toml',
    '/serverless-containers/../../book.toml', '/..%5cbook.toml', '/../src/quiz.md',
    '/%2fetc/passwd', '/../../../../../../etc/passwd',
  ]) {
    const res = await get(p);
    assert.equal(res.status, 404, `${p} is refused`);
    assert.ok(!res.text.includes('[preprocessor.studyguide]'), `${p} does not leak book.toml`);
    assert.ok(!res.text.includes('root:x:0:0'), `${p} does not leak /etc/passwd`);
  }
});

test('the server listens on 127.0.0.1 only', async () => {
  assert.equal(await connect('127.0.0.1'), 'connected');
  // Bound to 0.0.0.0 or :: it would answer on these too.
  const others = ['127.0.0.2', '::1'];
  for (const addresses of Object.values(networkInterfaces())) {
    for (const a of addresses) if (!a.internal && !a.address.startsWith('fe80')) others.push(a.address);
  }
  for (const host of others) {
    const result = await connect(host);
    assert.notEqual(result, 'connected', `nothing answers on ${host}:${port}`);
  }
});

// Chromium opens a burst of ~6 keep-alive connections at once. A server that
// lets one connection wait until another closes leaves that one's requests
// (here stylesheets) unanswered, so the page never finishes loading and its
// scripts never run.
test('a page opened in a fresh browser loads completely, every time', async (t) => {
  for (let attempt = 1; attempt <= 3; attempt++) {
    const page = await newPage(browser);
    try {
      const done = new Set();
      page.on('requestfinished', (r) => done.add(r.url()));
      const loaded = await page.goto(base + QUIZ, { timeout: 15000 }).then(() => true, () => false);
      const stuck = page.requests.filter((u) => !done.has(u) && !u.startsWith('ws'));
      assert.ok(loaded, `attempt ${attempt}: the page did not finish loading; never answered: ${stuck.join(', ')}`);
      await page.getByText(`Score: 0 / ${N}`).waitFor({ timeout: 5000 });
    } finally {
      await page.context().close();
    }
  }
});
