// The practice exam as a learner meets it, for the exam's browser tests
// (exam.test.mjs, exam-modes.test.mjs) on the learner's-loop fixture: its
// settings and bank read from the built page (the tests know the right
// answers from the bank, not from what the page shows), a fresh profile on
// the page, and the roles and names the tests find its parts by.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { bankOf, newPage, storeName } from './harness.mjs';
import { expectText } from './assertions.mjs';

export const EXAM = 'exam.html';
export const MINUTE = 60000;
export const T0 = new Date('2026-12-01T10:00:00Z').getTime();
// What the start screen calls each way of choosing the questions.
export const DRAW_NAMES = { random: /^Random/, unseen: /^Unseen first/, weak: /^Weak spots/, focus: /^By task statement or domain/ };

export const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
export const examOf = (page) => page.locator('[data-sg-exam]');
export const heading = (page) => examOf(page).locator('.sg-exam-heading:visible');
export const button = (page, name) => examOf(page).getByRole('button', { name, exact: true });
export const navButton = (page, n) => examOf(page).getByRole('navigation', { name: 'All questions' })
  .getByRole('button', { name: new RegExp(`^Question ${n},`) });
export const isFocused = (locator) => locator.evaluate((el) => el === document.activeElement);
export const logEntries = (page) => page.evaluate(() => window.StudyGuide.log.entries());
/** A wrong answer to q: one choice that is not in its answer (or too few for a multi). */
export const wrongOf = (q) => [q.choices.findIndex((c, i) => !q.answer.includes(i))];
/** A whole wrong answer to q, which Check takes: for a multi, one wrong choice and all but one of its answer. */
export const wholeWrongOf = (q) => [...wrongOf(q), ...q.answer.slice(1)].sort((a, b) => a - b);

/** Picks these choices (bank indices) of the question on screen. */
export async function pick(page, choices) {
  for (const c of choices) await examOf(page).locator(`.sg-exam-question input[value="${c}"]`).check();
}

/** The exam of the built `book` (useBook('loop')): its settings, bank and the helpers that need them. */
export function examPage(book) {
  let cached;
  function exam() {
    if (!cached) {
      const html = readFileSync(path.join(book.site, EXAM), 'utf8');
      const block = /<div class="sg-exam"[^>]*>/.exec(html);
      assert.ok(block, `${EXAM} has an exam block`);
      const attr = (name) => new RegExp(` ${name}="([^"]*)"`).exec(block[0])[1];
      const bank = bankOf(book.site, EXAM);
      const byId = Object.fromEntries(bank.questions.map((q) => [q.id, q]));
      cached = {
        id: attr('data-exam-id'), questions: +attr('data-questions'), minutes: +attr('data-minutes'), pass: +attr('data-pass'),
        bank, byId, size: bank.questions.length,
      };
      assert.ok(cached.size >= 6, 'the fixture bank has a few questions');
    }
    return cached;
  }
  const storeKey = () => `sg:exam:${exam().id}`;

  return {
    exam,
    storeKey,
    // The exam's pace: the limit for n questions, in minutes (as the start screen offers it).
    standardMinutes: (n) => Math.max(1, Math.round(exam().minutes * n / exam().questions)),
    // With "30 minutes more", scaled to n questions' share of the exam's time.
    plus30Minutes(n) {
      const standard = Math.max(1, Math.round(exam().minutes * n / exam().questions));
      return standard + Math.max(1, Math.round(standard * 30 / exam().minutes));
    },
    stored: async (page, key = storeKey()) => page.evaluate((k) => JSON.parse(localStorage.getItem(k)), await storeName(page, key)),

    /**
     * A fresh browser profile on the exam page; with `clock`, Playwright's
     * clock starts paused at T0 and the test moves it. `init` (given
     * `initArg`) runs before the page's scripts.
     */
    async open(t, { url = book.url(EXAM), clock = false, theme, init, initArg, viewport, javaScriptEnabled, context } = {}) {
      let page;
      if (context) {
        page = await context.newPage();
        page.errors = [];
        page.on('pageerror', (err) => page.errors.push(String(err)));
        page.on('console', (msg) => { if (msg.type() === 'error') page.errors.push(msg.text()); });
        page.on('dialog', (dialog) => { page.errors.push(`dialog: ${dialog.message()}`); dialog.dismiss(); });
      } else {
        page = await newPage(book.browser, { viewport, javaScriptEnabled });
        t.after(() => page.context().close());
        if (clock) {
          await page.clock.install({ time: T0 });
          await page.clock.pauseAt(T0 + 1000);
        }
        if (theme) await page.addInitScript((name) => localStorage.setItem('mdbook-theme', name), theme);
        if (init) await page.addInitScript(init, initArg);
      }
      page.setDefaultTimeout(5000);
      await page.goto(url);
      return page;
    },

    /** Fills in the start screen (chapters, which questions, count, mode, limit) and starts. */
    async start(page, { n, mode = 'exam', limit, chapters, draw, focus } = {}) {
      const root = examOf(page);
      if (chapters) {
        for (const c of exam().bank.chapters) {
          await root.getByRole('checkbox', { name: new RegExp(`^${escape(c.title)} \\(`) }).setChecked(chapters.includes(c.id));
        }
      }
      if (draw) await root.getByRole('radio', { name: DRAW_NAMES[draw] }).check();
      if (focus) await root.getByRole('combobox', { name: 'Task statement or domain' }).selectOption(focus);
      if (n !== undefined) await root.getByRole('spinbutton', { name: 'Number of questions' }).fill(String(n));
      await root.getByRole('radio', { name: mode === 'practice' ? /^Practice/ : /^Exam/ }).check();
      if (limit) await root.getByRole('combobox', { name: 'Time limit' }).selectOption(limit);
      await button(page, 'Start').click();
      await expectText(heading(page), /^Question 1 of \d+$/);
    },

    /** The question on screen, from the bank. */
    async shown(page) {
      const id = await examOf(page).locator('.sg-exam-question').getAttribute('data-sg-qid');
      return exam().byId[id];
    },

    /** Submits from the question screen through the review. */
    async submit(page) {
      await button(page, 'Review and submit').click();
      await button(page, 'Submit').click();
      await button(page, 'Submit now').click();
      await expectText(heading(page), 'Results');
    },
  };
}
