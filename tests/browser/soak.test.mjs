// Nothing a learner did is lost, under load: seeded random walks through the
// learner's-loop fixture (tests/books/loop/) — quiz answers, limit practice,
// exams, reloads, a second tab, closed tabs, resets and export/import — with
// two busy processes beside the browser. After every step the pages must
// show what the learner did and what the log holds: the log has exactly the
// entries the walk made, each quiz and the progress page count exactly the
// answers the walk gave, and nothing reset comes back.
//
// CI runs SOAK_WALKS walks (default 4) of SOAK_STEPS steps (default 14);
// a longer run: SOAK_WALKS=100 node --test tests/browser/soak.test.mjs.
// SOAK_LOAD=0 runs it without the busy processes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { booksDir, newPage, useBook } from './harness.mjs';
import { expectText } from './assertions.mjs';
import { parseQuiz, quizParts } from './quiz-page.mjs';

const WALKS = Number(process.env.SOAK_WALKS || 4);
const STEPS = Number(process.env.SOAK_STEPS || 14);
const LOAD = process.env.SOAK_LOAD !== '0';
const book = useBook('loop');

// A small deterministic generator, so a failing walk can be replayed by its seed.
function random(seed) {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (n) => Math.floor(next() * n), pick: (list) => list[Math.floor(next() * list.length)] };
}

// The book as its progress page describes it, and each quiz's answer key
// read from its Markdown.
let fixture;
function loopBook() {
  if (!fixture) {
    const html = readFileSync(path.join(book.site, 'progress.html'), 'utf8');
    const data = JSON.parse(html.match(/<script type="application\/json" data-sg-book="">([^<]*)<\/script>/)[1]);
    const chapters = data.chapters.filter((c) => c.quiz).map((c) => {
      const key = parseQuiz(readFileSync(path.join(booksDir, 'loop', 'src', c.quiz.replace(/\.html$/, '.md')), 'utf8'));
      return { id: c.id, title: c.title, quiz: c.quiz, ids: c.questions.map((q) => q.id), key, parts: quizParts(key) };
    });
    fixture = { chapters };
  }
  return fixture;
}

// Two processes that keep both cores busy while the walks run.
function busy() {
  if (!LOAD) return () => {};
  const procs = [0, 1].map(() => spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }));
  return () => procs.forEach((p) => p.kill('SIGKILL'));
}

// What the learner did, as the walk knows it.
class Model {
  constructor() { this.reset(); }
  reset() {
    this.answered = new Map(); // question id → true
    this.entries = 0; // log entries written
    this.exams = 0;
    this.logByChapter = new Map(); // chapter id → its entries in the log
  }
  resetChapter(chapter) {
    const lost = this.logByChapter.get(chapter.id) || 0;
    chapter.ids.forEach((id) => this.answered.delete(id));
    this.entries -= lost;
    this.logByChapter.set(chapter.id, 0);
  }
  logged(chapter) {
    this.entries++;
    if (chapter) this.logByChapter.set(chapter.id, (this.logByChapter.get(chapter.id) || 0) + 1);
  }
  answeredIn(chapter) { return chapter.ids.filter((id) => this.answered.has(id)).length; }
}

const progressItem = (page, title) => page.locator('.sg-progress-chapter')
  .filter({ has: page.getByRole('heading', { name: title, exact: true }) });
const quizProgress = (page) => page.getByRole('form', { name: 'Quiz' }).locator('[data-sg-progress]');

// The page's widgets are loaded and have read what is saved.
async function ready(page) {
  await page.waitForFunction(() => window.StudyGuide && window.StudyGuide.whenReady);
  await page.evaluate(() => window.StudyGuide.whenReady());
}

// As many letters as the answer has, one of them wrong.
const wrongLetters = (letters) => [...letters.slice(1), 'ABCD'.split('').find((l) => !letters.includes(l))];

// The walk's steps. Each returns a description for the failure message.
function steps(rng, model, site) {
  const { chapters } = loopBook();
  const url = (rel) => site.url(rel);

  async function answerSome(page, chapter, count) {
    await page.goto(url(chapter.quiz));
    await ready(page);
    const { answer, checkButton } = chapter.parts;
    let done = 0;
    for (let n = 1; n <= chapter.key.length && done < count; n++) {
      const qid = chapter.ids[n - 1];
      if (!(await checkButton(page, n).isVisible())) continue; // already checked
      const right = rng.next() < 0.6;
      const letters = right ? chapter.key[n - 1].letters : wrongLetters(chapter.key[n - 1].letters);
      await answer(page, n, letters);
      model.answered.set(qid, true);
      model.logged(chapter);
      done++;
    }
    await expectText(quizProgress(page), new RegExp(`^Answered ${model.answeredIn(chapter)} of ${chapter.key.length}\\b`));
    return `answered ${done} in ${chapter.title}`;
  }

  return {
    async quiz(ctx) {
      return answerSome(ctx.page, rng.pick(chapters), 1 + rng.int(3));
    },
    async reload(ctx) {
      await ctx.page.reload();
      await ready(ctx.page);
      return 'reload';
    },
    async limit(ctx) {
      const page = ctx.page;
      await page.goto(url('compute/lambda.html'));
      await ready(page);
      const practice = page.getByRole('button', { name: 'Practice: Function limits' });
      if ((await practice.getAttribute('aria-pressed')) !== 'true') await practice.click();
      const row = page.getByRole('row', { name: /^Timeout/ });
      const field = row.getByRole('textbox');
      if (!(await field.isVisible()) || !(await field.isEditable())) return 'limit already practised';
      await field.fill(rng.next() < 0.5 ? '15 min' : '5 min');
      await field.press('Enter');
      await row.getByRole('status').filter({ hasText: /\S/ }).waitFor();
      model.logged(chapters.find((c) => c.title === 'Compute'));
      return 'limit practised';
    },
    async exam(ctx) {
      const page = ctx.page;
      await page.goto(url('exam.html'));
      await ready(page);
      const root = page.locator('[data-sg-exam]');
      const button = (name) => root.getByRole('button', { name, exact: true });
      if ((await root.locator('.sg-exam-heading:visible').innerText()) === 'Results') await button('New exam').click();
      if (!(await button('Start').isVisible())) return 'an exam is already under way';
      await root.getByRole('spinbutton', { name: 'Number of questions' }).fill('2');
      await root.getByRole('radio', { name: /^Exam/ }).check();
      await button('Start').click();
      await expectText(root.locator('.sg-exam-heading:visible'), /^Question 1 of 2$/);
      // One answer, logged under the question's chapter; the exam's own entry besides.
      const qid = await root.locator('.sg-exam-question').getAttribute('data-sg-qid');
      await root.locator('.sg-exam-question input').first().check();
      await button('Review and submit').click();
      await button('Submit').click();
      await button('Submit now').click();
      await expectText(root.locator('.sg-exam-heading:visible'), 'Results');
      model.logged(chapters.find((c) => c.ids.includes(qid)));
      model.logged(null);
      // An answer given in the exam counts in its chapter's progress.
      model.answered.set(qid, true);
      model.exams++;
      return 'exam finished';
    },
    async secondTab(ctx) {
      const other = await ctx.context.newPage();
      const chapter = rng.pick(chapters);
      const said = await answerSome(other, chapter, 1);
      if (rng.next() < 0.5) await other.close();
      else ctx.extra.push(other);
      return `second tab: ${said}`;
    },
    async closedTab(ctx) {
      const other = await ctx.context.newPage();
      const chapter = rng.pick(chapters);
      await other.goto(url(chapter.quiz));
      await ready(other);
      const n = 1 + rng.int(chapter.key.length);
      if (!(await chapter.parts.checkButton(other, n).isVisible())) { await other.close(); return 'closed tab: nothing to do'; }
      await chapter.parts.answer(other, n, chapter.key[n - 1].letters);
      model.answered.set(chapter.ids[n - 1], true);
      model.logged(chapter);
      // Closed at once, without waiting for anything more.
      await other.close({ runBeforeUnload: false });
      return `closed tab after answering question ${n} of ${chapter.title}`;
    },
    async resetAll(ctx) {
      // A quiz open in another tab must show the reset too, and keep it.
      const chapter = rng.pick(chapters);
      const other = await ctx.context.newPage();
      await other.goto(url(chapter.quiz));
      await ready(other);
      const page = ctx.page;
      await page.goto(url('progress.html'));
      await ready(page);
      await page.getByRole('button', { name: 'Reset everything' }).click();
      await page.getByRole('button', { name: 'Clear everything' }).click();
      model.reset();
      await expectText(quizProgress(other), new RegExp(`^Answered 0 of ${chapter.key.length}\\b`));
      // An action in the stale tab brings nothing else back.
      const n = 1 + rng.int(chapter.key.length);
      await chapter.parts.answer(other, n, chapter.key[n - 1].letters);
      model.answered.set(chapter.ids[n - 1], true);
      model.logged(chapter);
      await expectText(quizProgress(other), new RegExp(`^Answered 1 of ${chapter.key.length}\\b`));
      await other.close();
      return `reset everything with ${chapter.title}'s quiz open, then answered question ${n} there`;
    },
    async resetWithExam(ctx) {
      // An exam under way in another tab is gone after a reset, and stays gone.
      const other = await ctx.context.newPage();
      await other.goto(url('exam.html'));
      await ready(other);
      const root = other.locator('[data-sg-exam]');
      const button = (name) => root.getByRole('button', { name, exact: true });
      const heading = root.locator('.sg-exam-heading:visible');
      if ((await heading.innerText()) === 'Results') await button('New exam').click();
      if (await button('Start').isVisible()) {
        await root.getByRole('spinbutton', { name: 'Number of questions' }).fill('2');
        await root.getByRole('radio', { name: /^Exam/ }).check();
        await button('Start').click();
      }
      await expectText(heading, /^Question \d+ of \d+$/);
      const page = ctx.page;
      await page.goto(url('progress.html'));
      await ready(page);
      await page.getByRole('button', { name: 'Reset everything' }).click();
      await page.getByRole('button', { name: 'Clear everything' }).click();
      model.reset();
      await expectText(heading, 'Start a practice exam');
      await other.reload();
      await ready(other);
      await expectText(heading, 'Start a practice exam');
      await other.close();
      return 'reset everything with an exam under way in another tab';
    },
    async resetChapter(ctx) {
      const chapter = rng.pick(chapters);
      const page = ctx.page;
      await page.goto(url('progress.html'));
      await ready(page);
      const item = progressItem(page, chapter.title);
      const button = item.getByRole('button', { name: `Reset this chapter: ${chapter.title}` });
      if (!(await button.isVisible())) return `nothing to reset in ${chapter.title}`;
      await button.click();
      await item.getByRole('button', { name: 'Clear this chapter' }).click();
      model.resetChapter(chapter);
      return `reset ${chapter.title}`;
    },
    async exportImport(ctx) {
      const page = ctx.page;
      await page.goto(url('progress.html'));
      await ready(page);
      const download = page.waitForEvent('download');
      await page.getByRole('button', { name: 'Export progress' }).click();
      const file = await (await download).path();
      await page.getByRole('button', { name: 'Reset everything' }).click();
      await page.getByRole('button', { name: 'Clear everything' }).click();
      await page.getByLabel('Import progress from a file').setInputFiles(file);
      await page.getByRole('region', { name: 'Keep or move your progress' }).getByRole('status')
        .filter({ hasText: /^Imported|^Nothing/ }).waitFor();
      return 'exported, reset everything, imported';
    },
  };
}

// What the pages show equals what the walk did and what the log holds.
async function verify(ctx, model, done) {
  const page = ctx.page;
  const { chapters } = loopBook();
  const problems = [];
  await page.goto(ctx.site.url('progress.html'));
  await ready(page);
  const entries = await page.evaluate(() => window.StudyGuide.log.entries().length);
  if (entries !== model.entries) problems.push(`the log holds ${entries} entries, the walk wrote ${model.entries}`);
  for (const chapter of chapters) {
    const want = `Questions: ${model.answeredIn(chapter)} of ${chapter.key.length} answered`;
    const shown = await progressItem(page, chapter.title).locator('.sg-progress-facts li').first().innerText();
    if (!shown.startsWith(want)) problems.push(`progress shows "${shown}" for ${chapter.title}, want "${want}"`);
  }
  const exams = await page.locator('.sg-progress-exams').innerText();
  const wantExams = model.exams ? `${model.exams} exam${model.exams === 1 ? '' : 's'} finished` : 'No practice exam finished yet.';
  if (!exams.includes(wantExams)) problems.push(`progress shows "${exams.replace(/\s+/g, ' ')}", want "${wantExams}"`);
  return problems.map((p) => `after ${done.join(' → ')}: ${p}`);
}

test('walks of answers, exams, tabs, resets and imports lose nothing, under load', async (t) => {
  const stop = busy();
  t.after(stop);
  const failures = [];
  const weights = [['quiz', 5], ['reload', 2], ['limit', 2], ['exam', 1], ['secondTab', 2], ['closedTab', 2],
    ['resetChapter', 1], ['resetAll', 1], ['resetWithExam', 1], ['exportImport', 1]];
  const bag = weights.flatMap(([name, n]) => Array(n).fill(name));
  for (let walk = 0; walk < WALKS; walk++) {
    const seed = 1000 + walk;
    const rng = random(seed);
    const model = new Model();
    const page = await newPage(book.browser);
    page.setDefaultTimeout(15000);
    const ctx = { site: book, context: page.context(), page, extra: [] };
    const actions = steps(rng, model, book);
    const done = [];
    await page.goto(book.url('index.html'));
    try {
      for (let s = 0; s < STEPS; s++) {
        const name = rng.pick(bag);
        try {
          done.push(await actions[name](ctx));
        } catch (err) {
          // What a page showed did not match: a loss, unless the page failed.
          if (err.code !== 'ERR_ASSERTION') {
            err.message = `walk ${seed}, after ${done.join(' → ')}, ${name} on ${ctx.page.url()}: ${err.message}`;
            throw err;
          }
          failures.push(`walk ${seed}, after ${done.slice(-3).join(' → ')}, ${name}: ${err.message}`);
          break;
        }
        const found = await verify(ctx, model, [`walk ${seed}`, ...done.slice(-3)]);
        failures.push(...found);
        if (found.length) break; // the model no longer matches: start the next walk
      }
    } finally {
      await page.context().close();
    }
  }
  console.log(`# soak: ${WALKS} walks of up to ${STEPS} steps${LOAD ? ' under load' : ''}, ${failures.length} losses`);
  assert.deepEqual(failures, []);
});
