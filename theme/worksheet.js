// @ts-check
// "My mistakes" on paper. The review page's bank has every question of the
// book; from it and the log this makes a worksheet of the questions the
// learner got wrong (their last answer to the current version), flagged in
// a practice exam, or of one task statement of the blueprint: numbered,
// their choices lettered in an order shuffled once per worksheet, then an
// answer key on a page of its own (each question's letters in the printed
// order, each choice's explanation, the question's, and the section that
// teaches it). It is built when the learner presses Print, for paper only
// (the browser's print preview is its preview), and goes once printed:
// nothing of it is stored.
//
// SG.worksheet:
//   choose(bank, entries, pick)   the bank's questions that `pick` names, in book order
//   sheet(questions, seed)        each with its choices' printed order and its answer's letters
//   View                          the review page's "Print a worksheet" (review.js shows it)
// choose and sheet are pure (with review-model.js's order): the Node unit
// tests load this file with a bare `window`.
(function () {
  'use strict';
  const SG = window.StudyGuide;
  const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

  /**
   * What to print: the questions last answered wrongly, those flagged in an
   * exam, or a task statement's.
   * @typedef {{kind: 'wrong' | 'flagged' | 'task', task?: string}} Pick
   * @typedef {{q: BankQuestion, n: number, order: number[], letters: string[]}} SheetItem
   */

  /** @param {unknown} v @returns {v is string} */
  const isText = (v) => typeof v === 'string' && v !== '';

  /**
   * The bank's questions a worksheet can print.
   * @param {any} bank
   * @returns {BankQuestion[]}
   */
  function questionsOf(bank) {
    const all = bank && Array.isArray(bank.questions) ? bank.questions : [];
    return all.filter((/** @type {any} */ q) => q && isText(q.id) && isText(q.hash) && Array.isArray(q.choices) &&
      q.choices.length > 0 && q.choices.length <= LETTERS.length && Array.isArray(q.answer));
  }

  /**
   * The bank's questions that `pick` names, in the book's order.
   * @param {any} bank
   * @param {LogEntry[]} entries the log, oldest first
   * @param {Pick} pick
   * @returns {BankQuestion[]}
   */
  function choose(bank, entries, pick) {
    const questions = questionsOf(bank);
    if (pick.kind === 'task') return questions.filter((q) => isText(pick.task) && q.task === pick.task);
    if (pick.kind === 'flagged') {
      /** @type {Set<string>} */
      const flagged = new Set();
      for (const e of entries) {
        if (e && e.k === 'exam' && Array.isArray(e.flagged)) e.flagged.forEach((/** @type {unknown} */ id) => { if (isText(id)) flagged.add(id); });
      }
      return questions.filter((q) => flagged.has(q.id));
    }
    // Whether the last answer to each version of a question was right.
    /** @type {Map<string, boolean>} */
    const last = new Map();
    for (const e of entries) if (e && e.k === 'q' && isText(e.id) && isText(e.h)) last.set(e.id + '\n' + e.h, e.ok === true);
    return questions.filter((q) => last.get(q.id + '\n' + q.hash) === false);
  }

  /**
   * The worksheet's questions, numbered, each with the order its choices
   * are printed in (shuffled from the worksheet's seed) and its answer's
   * letters in that order.
   * @param {BankQuestion[]} questions
   * @param {number} seed
   * @returns {SheetItem[]}
   */
  function sheet(questions, seed) {
    return questions.map((q, i) => {
      /** @type {number[]} */
      const order = SG.review.order(q.choices.length, SG.review.seedOf(seed + ' ' + q.id));
      const letters = order.map((c, shown) => (q.answer.indexOf(c) >= 0 ? LETTERS[shown] : '')).filter(Boolean);
      return { q, n: i + 1, order, letters };
    });
  }

  /** A fresh seed for a worksheet. */
  function newSeed() {
    const words = new Uint32Array(1);
    if (window.crypto && window.crypto.getRandomValues) return window.crypto.getRandomValues(words)[0];
    return Math.floor(Math.random() * 4294967296) >>> 0;
  }

  /** The printed worksheet on the page, if any, and the page's mark that it is what prints. */
  function removeSheet() {
    document.querySelectorAll('.sg-worksheet').forEach((el) => el.remove());
    document.documentElement.removeAttribute('data-sg-printing');
  }

  /** The review page's "Print a worksheet": the choice, the count, the Print button. */
  class View {
    /**
     * @param {any} bank the review block's bank
     * @param {string} uid an id prefix unique on the page
     */
    constructor(bank, uid) {
      const { h } = SG.dom;
      this.bank = bank;
      this.uid = uid + '-ws';
      /** @type {LogEntry[]} */
      this.entries = [];
      const tasks = (bank && Array.isArray(bank.tasks) ? bank.tasks : [])
        .filter((/** @type {any} */ t) => t && isText(t.key) && isText(t.title));
      this.tasks = tasks;
      const id = this.uid;
      this.el = h('section', { class: 'sg-worksheet-form', 'aria-labelledby': id + '-h' });
      this.el.appendChild(h('h2', { id: id + '-h', text: 'Print a worksheet' }));
      this.el.appendChild(h('p', { text: 'Practise on paper: the questions you choose, numbered, their choices in a new ' +
        'order, and an answer key on a page of its own.' }));
      const fieldset = this.el.appendChild(h('fieldset', {}, [h('legend', { text: 'Which questions?' })]));
      /** @param {string} value @param {string} label */
      const option = (value, label) => fieldset.appendChild(h('p', { class: 'sg-worksheet-option' }, [
        h('input', { type: 'radio', name: id + '-pick', id: id + '-pick-' + value, value, checked: value === 'wrong' }),
        h('label', { for: id + '-pick-' + value, text: label }),
      ]));
      option('wrong', 'Questions I got wrong (my last answer to them)');
      option('flagged', 'Questions I flagged in a practice exam');
      /** @type {HTMLSelectElement | null} */
      this.select = null;
      if (tasks.length) {
        option('task', 'The questions of one task statement');
        const select = this.select = /** @type {HTMLSelectElement} */ (h('select', { id: id + '-task' }));
        for (const t of tasks) select.appendChild(h('option', { value: t.key, text: t.key + ' ' + t.title }));
        fieldset.appendChild(h('p', { class: 'sg-worksheet-task' }, [h('label', { for: id + '-task', text: 'Task statement' }), select]));
      }
      this.count = this.el.appendChild(h('p', { class: 'sg-worksheet-count', role: 'status' }));
      this.el.appendChild(h('p', { class: 'sg-actions' }, [
        h('button', { type: 'button', class: 'sg-button', 'data-sg-worksheet-print': '', text: 'Print' }),
      ]));
      this.el.addEventListener('change', (event) => {
        // Choosing a task statement chooses to print one.
        if (event.target === this.select) /** @type {HTMLInputElement} */ (this.el.querySelector('input[value="task"]')).checked = true;
        this.update(this.entries);
      });
      this.el.addEventListener('click', (event) => {
        if (/** @type {Element} */ (event.target).closest('[data-sg-worksheet-print]')) this.print();
      });
      window.addEventListener('afterprint', removeSheet);
    }

    /** A chapter's title from the bank, or ''. @param {unknown} id */
    chapterTitle(id) {
      const chapters = this.bank && Array.isArray(this.bank.chapters) ? this.bank.chapters : [];
      const chapter = chapters.find((/** @type {any} */ c) => c && c.id === id && isText(c.title));
      return chapter ? chapter.title : '';
    }

    /** What the learner chose. @returns {Pick} */
    pick() {
      const checked = /** @type {HTMLInputElement | null} */ (this.el.querySelector('input[type="radio"]:checked'));
      const kind = checked ? checked.value : 'wrong';
      if (kind === 'task' && this.select) return { kind: 'task', task: this.select.value };
      return { kind: kind === 'flagged' ? 'flagged' : 'wrong' };
    }

    /** The worksheet's title. @param {Pick} pick */
    title(pick) {
      if (pick.kind === 'wrong') return 'My mistakes: the questions I got wrong';
      if (pick.kind === 'flagged') return 'The questions I flagged in a practice exam';
      const task = this.tasks.find((/** @type {BankTask} */ t) => t.key === pick.task);
      return 'Task statement ' + pick.task + (task ? ': ' + task.title : '');
    }

    /** Why there is nothing to print. @param {Pick} pick */
    none(pick) {
      if (pick.kind === 'wrong') return 'Nothing to print: none of your last answers is wrong.';
      if (pick.kind === 'flagged') return 'Nothing to print: you have flagged no question in a practice exam.';
      return 'Nothing to print: task statement ' + pick.task + ' has no questions in this book.';
    }

    /**
     * Says how many questions the choice prints, from the log as it is now.
     * @param {LogEntry[]} entries
     */
    update(entries) {
      this.entries = entries;
      const pick = this.pick();
      const n = choose(this.bank, entries, pick).length;
      const text = n ? SG.dom.plural(n, 'question') + ' to print, then their answer key.' : this.none(pick);
      if (this.count.textContent !== text) this.count.textContent = text;
    }

    /** Builds the worksheet and prints it; with nothing to print, says so. */
    print() {
      const pick = this.pick();
      const questions = choose(this.bank, this.entries, pick);
      if (!questions.length) {
        SG.announce(this.count, this.none(pick));
        return;
      }
      this.build(sheet(questions, newSeed()), this.title(pick));
      window.print();
    }

    /**
     * The worksheet, for paper: the questions, then the answer key.
     * @param {SheetItem[]} items
     * @param {string} title
     */
    build(items, title) {
      const { h, plural, safeHref } = SG.dom;
      removeSheet();
      const book = SG.store && SG.store.book && SG.store.book.title;
      const paper = h('div', { class: 'sg-worksheet' });
      paper.appendChild(h('h1', { class: 'sg-worksheet-title', text: title }));
      paper.appendChild(h('p', { class: 'sg-worksheet-meta',
        text: [book, plural(items.length, 'question'), SG.dom.day(Date.now())].filter(Boolean).join(' · ') }));
      paper.appendChild(h('p', { class: 'sg-worksheet-help', text: 'Circle the letter of each answer (two or more where ' +
        'a question says so). The answer key is on the pages after the last question.' }));
      const list = paper.appendChild(h('ol', { class: 'sg-worksheet-questions' }));
      for (const { q, n, order } of items) {
        list.appendChild(h('li', { class: 'sg-worksheet-question' }, [
          h('p', { class: 'sg-worksheet-prompt' }, [
            h('span', { class: 'sg-worksheet-n', text: n + '.' }), ' ',
            h('span', { html: q.prompt }),
            q.choose ? ' (Choose ' + q.choose + '.)' : null,
          ]),
          h('ol', { class: 'sg-worksheet-choices' }, order.map((c, shown) => h('li', {}, [
            h('span', { class: 'sg-worksheet-letter', text: LETTERS[shown] + ')' }), ' ',
            h('span', { html: q.choices[c].html }),
          ]))),
        ]));
      }
      const key = paper.appendChild(h('section', { class: 'sg-worksheet-key' }));
      key.appendChild(h('h2', { class: 'sg-worksheet-key-title', text: 'Answer key' }));
      const answers = key.appendChild(h('ol', { class: 'sg-worksheet-answers' }));
      for (const { q, n, order, letters } of items) {
        const item = answers.appendChild(h('li', { class: 'sg-worksheet-answer' }));
        item.appendChild(h('p', { class: 'sg-worksheet-letters' }, [h('strong', { text: n + '. ' + letters.join(', ') })]));
        if (q.explanation) item.appendChild(h('div', { class: 'sg-worksheet-explanation', html: q.explanation }));
        const whys = order.map((c, shown) => ({ c, shown, why: q.choices[c].why })).filter((w) => isText(w.why));
        if (whys.length) {
          item.appendChild(h('ul', { class: 'sg-worksheet-whys' }, whys.map((w) => h('li', {}, [
            h('strong', { text: LETTERS[w.shown] + ')' + (q.answer.indexOf(w.c) >= 0 ? ' \u2713' : '') }), ' ',
            h('div', { class: 'sg-worksheet-why', html: /** @type {string} */ (w.why) }),
          ]))));
        }
        // Where the book teaches it; without a section named, the chapter its quiz is in.
        const see = q.see && isText(q.see.title) ? { title: q.see.title, href: safeHref(q.see.href) }
          : { title: this.chapterTitle(q.chapter), href: isText(q.quiz) ? safeHref(q.quiz) : null };
        if (see.title) {
          item.appendChild(h('p', { class: 'sg-worksheet-read' }, ['Read: ', see.href ? h('a', { href: see.href, text: see.title }) : see.title]));
        }
      }
      document.body.appendChild(paper);
      document.documentElement.setAttribute('data-sg-printing', 'worksheet');
    }
  }

  SG.worksheet = { choose, sheet, View };
})();
