// The learner's loop at scale: a synthetic book of 500 chapters of 25 quiz
// questions each (12,500 questions) with the practice exam, progress and
// review pages, ours against the same Markdown in plain mdBook.
//
//   node tests/bench/loop.mjs WORK_DIR STUDYGUIDE_BIN BENCH_BIN [CHAPTERS]
//
// Measures: the gathering pages' bytes; in Chromium, the time to an
// interactive start screen on the exam page and to the first of 65 drawn
// questions; the progress page folding a 20,000-entry log. Prints a table
// and writes tests/bench/loop-results.md. Asserts nothing.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { launch, repoRoot, serve, themeEnv } from '../browser/harness.mjs';

const [work, studyguide, benchBin, chaptersArg] = process.argv.slice(2);
const CHAPTERS = Number(chaptersArg || 500);
const PER_CHAPTER = 25;
const RUNS = 5;
const DOMAINS = ['secure', 'resilient', 'performant', 'cost'];
const log = (...a) => console.error(`[loop ${new Date().toISOString().slice(11, 19)}]`, ...a);
const median = (v) => { const s = [...v].sort((a, b) => a - b); const n = s.length; return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2; };
const fmt = (x, d = 0) => (Number.isFinite(x) ? x.toFixed(d) : 'n/a');

// --- The books. -----------------------------------------------------------
function chapter(k) {
  const tag = `c${String(k).padStart(3, '0')}`;
  const questions = [];
  for (let j = 1; j <= PER_CHAPTER; j++) {
    const multi = j % 5 === 0;
    const choices = ['A', 'B', 'C', 'D', 'E'].slice(0, multi ? 5 : 4).map((l, i) =>
      `  { text = "Option ${l} of question ${j} in chapter ${k}", explanation = "Why option ${l} is ${i < (multi ? 2 : 1) ? 'right' : 'wrong'} in this scenario." },`);
    questions.push([
      '[[question]]',
      `id = "${tag}-q${j}"`,
      `prompt = "A company running workload ${j} of chapter ${k} needs a design that meets its requirements. Which solution does it choose?"`,
      `choices = [\n${choices.join('\n')}\n]`,
      `answer = ${multi ? '["A", "B"]' : '"A"'}`,
      `explanation = "The first option${multi ? 's meet' : ' meets'} every requirement of the scenario."`,
      `see = "index.md#design"`,
      `domain = "${DOMAINS[(k + j) % 4]}"`,
      '',
    ].join('\n'));
  }
  return [tag, `# Chapter ${k}\n\n## Design\n\nWhat chapter ${k} teaches.\n\n## Quiz\n\n\`\`\`quiz\n${questions.join('\n')}\`\`\`\n`];
}

function writeBook(dir, ours) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(path.join(dir, 'src', 'practice'), { recursive: true });
  const summary = ['# Summary', '', '- [Practice exam](practice/exam.md)', '- [Progress](practice/progress.md)', '- [Review](practice/review.md)'];
  for (let k = 1; k <= CHAPTERS; k++) {
    const [tag, text] = chapter(k);
    mkdirSync(path.join(dir, 'src', tag), { recursive: true });
    writeFileSync(path.join(dir, 'src', tag, 'index.md'), text);
    summary.push(`- [Chapter ${k}](${tag}/index.md)`);
  }
  writeFileSync(path.join(dir, 'src', 'SUMMARY.md'), summary.join('\n') + '\n');
  writeFileSync(path.join(dir, 'src', 'practice', 'exam.md'), '# Practice exam\n\n```exam\n```\n');
  writeFileSync(path.join(dir, 'src', 'practice', 'progress.md'), '# Progress\n\n```progress\n```\n');
  writeFileSync(path.join(dir, 'src', 'practice', 'review.md'), '# Review\n\n```review\n```\n');
  const toml = ['[book]', 'title = "Loop benchmark"', 'src = "src"', '', '[output.html]', '', '[output.html.search]', 'enable = true'];
  if (ours) {
    toml.splice(4, 0, '[preprocessor.studyguide]', 'command = "mdbook-studyguide"', '');
  }
  writeFileSync(path.join(dir, 'book.toml'), toml.join('\n') + '\n');
}

function timedBuild(cmd, args, env = {}) {
  const t = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, NO_COLOR: '1', ...env } });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed:\n${r.stderr}`);
  return Number(process.hrtime.bigint() - t) / 1e6;
}

const ours = path.join(work, `loop-ours-${CHAPTERS}`);
const plain = path.join(work, `loop-plain-${CHAPTERS}`);
log(`generating ${CHAPTERS} chapters × ${PER_CHAPTER} questions`);
writeBook(ours, true);
writeBook(plain, false);
log('building');
const build = {
  ours: timedBuild(studyguide, ['build', ours], themeEnv()),
  plain: timedBuild(benchBin, ['plain-build', plain]),
};
log(`  ours ${fmt(build.ours)} ms, plain ${fmt(build.plain)} ms`);

const size = (dir, page) => { try { return statSync(path.join(dir, 'book', page)).size; } catch { return 0; } };
const pages = ['practice/exam.html', 'studyguide/bank-practice-exam-exam1.js', 'practice/progress.html', 'practice/review.html',
  'studyguide/bank-practice-review-review1.js', 'c001/index.html', 'print.html'];
const bytes = pages.map((page) => ({ page, ours: size(ours, page), plain: size(plain, page) }));

// --- In Chromium. ---------------------------------------------------------
const server = await serve(path.join(ours, 'book'));
const browser = await launch();

// Navigation to an interactive start screen, then Start to the first question.
async function examRun() {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  // The moment the Start button is in the page, seen by the page itself
  // (polling from outside would compete with it for the main thread).
  await context.addInitScript(() => {
    new MutationObserver((changes, observer) => {
      const start = [...document.querySelectorAll('[data-sg-exam] button')].find((b) => b.textContent.trim() === 'Start');
      if (start && !start.closest('[data-sg-loading]') && window.__startAt === undefined) {
        window.__startAt = performance.now();
        observer.disconnect();
      }
    }).observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-sg-loading'] });
  });
  const page = await context.newPage();
  await page.goto(server.url + 'practice/exam.html', { waitUntil: 'commit' });
  await page.waitForFunction(() => window.__startAt !== undefined, null, { timeout: 60000, polling: 100 });
  const startScreen = await page.evaluate(() => window.__startAt);
  const drawn = await page.evaluate(() => new Promise((resolve) => {
    const button = [...document.querySelectorAll('[data-sg-exam] button')].find((b) => b.textContent.trim() === 'Start');
    const t0 = performance.now();
    button.click();
    const poll = () => {
      const heading = [...document.querySelectorAll('[data-sg-exam] h2, [data-sg-exam] h3')].find((h) => /^Question 1 of \d+/.test(h.textContent));
      if (heading) resolve({ ms: performance.now() - t0, text: heading.textContent });
      else requestAnimationFrame(poll);
    };
    poll();
  }));
  await context.close();
  return { startScreen, draw: drawn.ms, heading: drawn.text };
}

// The progress page with a 20,000-entry log: the fold alone, and the page.
async function progressRun(entries) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addInitScript((log) => {
    if (!sessionStorage.getItem('seeded')) {
      localStorage.setItem('sg:log', log);
      sessionStorage.setItem('seeded', '1');
    }
  }, JSON.stringify({ v: 1, entries }));
  const page = await context.newPage();
  await page.goto(server.url + 'practice/progress.html');
  await page.waitForFunction(() => window.StudyGuide && window.StudyGuide.progress, null, { timeout: 60000 });
  const r = await page.evaluate(() => {
    const SG = window.StudyGuide;
    const book = JSON.parse(document.querySelector('[data-sg-book]').textContent);
    const entries = SG.log.entries();
    const times = [];
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      SG.progress.fold(book, entries, {});
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    // Readiness (SG.readiness, ts-fsrs) for every question of the book in a
    // blueprint of 4 domains × 3 task statements, from a 20,000-entry log of
    // answers over 200 days: memory per question, then the figures today and
    // on an exam day.
    const questions = book.chapters.flatMap((c) => c.questions.map((q, j) => ({ id: q.id, hash: q.hash,
      domain: ['secure', 'resilient', 'performant', 'cost'][j % 4], task: `${(j % 4) + 1}.${(j % 3) + 1}` })));
    const blueprint = { domains: ['secure', 'resilient', 'performant', 'cost'].map((key, d) => ({ key, title: key,
      weight: [30, 26, 24, 20][d], tasks: [1, 2, 3].map((t) => ({ key: `${d + 1}.${t}`, title: `Task ${d + 1}.${t}` })) })) };
    const start = 1.7e12;
    const log = [];
    for (let i = 0; i < 20000; i++) {
      const q = questions[(i * 7919) % questions.length];
      log.push({ k: 'q', id: q.id, h: q.hash, p: [0], ok: i % 3 !== 0, c: (i % 3) + 1, t: start + i * 864000, w: 'quiz' });
    }
    const now = start + 20000 * 864000;
    const ready = [];
    let shown = null;
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      shown = SG.readiness.readiness(blueprint, questions, log, now, now + 30 * 86400000);
      ready.push(performance.now() - t0);
    }
    ready.sort((a, b) => a - b);
    return { fold: times[2], entries: entries.length, load: performance.getEntriesByType('navigation')[0].loadEventEnd,
      readiness: ready[2], readinessQuestions: questions.length, readinessToday: shown && shown.today };
  });
  await context.close();
  return r;
}

log(`exam page, ${RUNS} runs`);
const exam = [];
for (let i = 0; i <= RUNS; i++) { const r = await examRun(); if (i) exam.push(r); }
const ids = [];
for (let k = 1; k <= CHAPTERS; k++) for (let j = 1; j <= PER_CHAPTER; j++) ids.push(`c${String(k).padStart(3, '0')}-q${j}`);
const bookJson = JSON.parse(readFileSync(path.join(ours, 'book', 'practice', 'progress.html'), 'utf8')
  .match(/<script type="application\/json" data-sg-book="?"?>(.*?)<\/script>/s)[1]);
const hashes = Object.fromEntries(bookJson.chapters.flatMap((c) => c.questions.map((q) => [q.id, q.hash])));
const entries = [];
for (let i = 0; i < 20000; i++) {
  const id = ids[(i * 7919) % ids.length];
  entries.push({ k: 'q', id, h: hashes[id], p: [i % 4], ok: i % 4 === 0, t: 1.7e12 + i * 1000, w: 'quiz' });
}
log(`progress page, ${RUNS} runs`);
const progress = [];
for (let i = 0; i <= RUNS; i++) { const r = await progressRun(entries); if (i) progress.push(r); }
await browser.close();
await server.close();

// --- Report. --------------------------------------------------------------
const cpu = (readFileSync('/proc/cpuinfo', 'utf8').match(/model name\s*:\s*(.*)/) || [null, 'unknown'])[1];
const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repoRoot, encoding: 'utf8' }).trim();
const L = [];
const head = (...c) => { L.push(`| ${c.join(' | ')} |`, `| ${c.map(() => '---').join(' | ')} |`); };
const row = (...c) => L.push(`| ${c.join(' | ')} |`);
const met = (ok) => (ok ? 'met' : '**missed**');
L.push('# The learner\'s loop at scale', '');
L.push(`- Date: ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC; commit ${commit}; ${cpu}, load ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}`);
L.push(`- Command: \`tests/bench/run.sh\` (or \`BENCH_LOOP_ONLY=1 tests/bench/run.sh\`). Book: ${CHAPTERS} chapters × ${PER_CHAPTER} questions = ${ids.length} questions, with the exam, progress and review pages; plain: the same Markdown without our preprocessor.`);
L.push(`- Build (one run each): ours ${fmt(build.ours / 1000, 1)} s, plain ${fmt(build.plain / 1000, 1)} s (${fmt(build.ours / build.plain, 2)}×).`, '');
L.push('## Bytes (uncompressed): the pages, and the banks their scripts load', '');
head('page', 'ours', 'plain', 'ours − plain');
for (const b of bytes) row(b.page, b.ours, b.plain, b.ours - b.plain);
L.push('');
L.push(`## In Chromium (median of ${RUNS}, fresh context per run)`, '');
head('measure', 'median', 'min', 'target', '');
const startMs = median(exam.map((r) => r.startScreen));
row('exam page: navigation to an interactive start screen (ms)', fmt(startMs), fmt(Math.min(...exam.map((r) => r.startScreen))), '< 1000', met(startMs < 1000));
row(`exam page: Start to "${exam[0].heading.trim()}" (ms)`, fmt(median(exam.map((r) => r.draw))), fmt(Math.min(...exam.map((r) => r.draw))), '', '');
const foldMs = median(progress.map((r) => r.fold));
row(`progress page: folding a ${progress[0].entries}-entry log (ms of script)`, fmt(foldMs, 1), fmt(Math.min(...progress.map((r) => r.fold)), 1), '< 100', met(foldMs < 100));
row('progress page: load event with that log (ms)', fmt(median(progress.map((r) => r.load))), fmt(Math.min(...progress.map((r) => r.load))), '', '');
const readyMs = median(progress.map((r) => r.readiness));
row(`progress page: readiness for ${progress[0].readinessQuestions} questions from a 20000-entry log (ms of script)`, fmt(readyMs, 1),
  fmt(Math.min(...progress.map((r) => r.readiness)), 1), '< 100', met(readyMs < 100));
L.push('');
const md = L.join('\n') + '\n';
writeFileSync(path.join(repoRoot, 'tests', 'bench', 'loop-results.md'), md);
console.log(md);
