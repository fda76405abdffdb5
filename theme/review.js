// @ts-check
// The spaced-repetition review page: the due cards of review-model.js, one
// at a time, answered or recalled, then graded; a question's choices in a
// new order each time its card is shown; how sure the learner is, when they
// ask for it (sure.js); the exam date that caps the schedule; the due
// cards' questions on paper, and a worksheet of chosen questions
// (worksheet.js).
(function () {
  'use strict';
  const SG = window.StudyGuide;
  const R = SG.review;
  const { h, plural, safeHref } = SG.dom;
  const DAY = 864e5;
  const HOUR = 36e5;

  /**
   * @typedef {{card: any, heading: HTMLElement, grades: boolean, done?: string,
   *   inputs?: HTMLInputElement[], need?: HTMLElement, box?: HTMLElement, checked?: boolean, right?: boolean,
   *   order?: number[], sure?: HTMLElement | null, actions?: HTMLElement, c?: number | null,
   *   showButton?: HTMLElement, shown?: boolean}} Current
   */

  /** @type {Review[]} the page's reviews */
  const reviews = [];
  let count = 0;

  class Review extends SG.Component {
    static moduleName = 'review';

    /** @param {Element} root */
    constructor(root) {
      super(root);
      this.uid = 'sg-review-' + (++count);
      const bank = /** @type {any} */ (SG.bankOf(this.root));
      this.bank = bank && typeof bank === 'object' ? bank : { questions: [], limits: [], chapters: [] };
      /** @type {{[id: string]: {title?: string}}} */
      this.chapters = Object.create(null);
      for (const c of Array.isArray(this.bank.chapters) ? this.bank.chapters : []) if (c && R.isText(c.id)) this.chapters[c.id] = c;
      this.reviewed = 0;
      /** @type {{right: boolean, c: number}[]} this visit's answers given with a certainty */
      this.marks = [];
      /** @type {Current | null} */
      this.current = null;
      /** @type {ReturnType<typeof setTimeout> | undefined} */
      this.timer = undefined;
      /** @type {any[] | null} */
      this.cards = null;
      this.root.querySelectorAll('[data-sg-nojs]').forEach((el) => { /** @type {HTMLElement} */ (el).hidden = true; });
      const app = this.root.appendChild(h('div', { class: 'sg-review-app' }));
      this.summary = app.appendChild(h('p', { class: 'sg-review-summary' }));
      this.region = app.appendChild(h('section', { class: 'sg-review-card', 'aria-labelledby': this.uid + '-h' }));
      this.status = app.appendChild(h('p', { class: 'sg-review-status', role: 'status' }));
      this.storageNote = app.appendChild(h('p', { class: 'sg-review-note', hidden: true,
        text: 'This browser is not saving your reviews (its storage is blocked or full): they last until you leave this page.' }));
      const settings = app.appendChild(h('div', { class: 'sg-review-settings' }));
      settings.appendChild(h('label', { for: this.uid + '-exam', text: 'Exam date (optional)' }));
      this.examInput = /** @type {HTMLInputElement} */ (settings.appendChild(h('input', {
        type: 'date', id: this.uid + '-exam', 'data-sg-exam-date': '', 'aria-describedby': this.uid + '-exam-hint',
      })));
      this.examHint = settings.appendChild(h('p', { class: 'sg-review-hint', id: this.uid + '-exam-hint' }));
      app.appendChild(SG.sure.toggle(this.uid));
      this.worksheet = new SG.worksheet.View(this.bank, this.uid);
      app.appendChild(this.worksheet.el);
      this.worksheet.update(SG.log.entries());
      this.printList = this.root.appendChild(h('div', { class: 'sg-review-print' }));
      if (!R.fsrs()) {
        this.region.appendChild(h('p', { class: 'sg-review-note',
          text: 'The review scheduler could not be loaded, so no card can be shown. Reload the page to try again.' }));
        return;
      }
      this.listen({ click: this.onClick, change: this.onChange });
      SG.sure.onToggle((on) => this.sureChanged(on));
      reviews.push(this);
      this.refresh(false);
    }

    /** The card in hand. @returns {Current} */
    get cur() {
      return /** @type {Current} */ (this.current);
    }

    /**
     * Derives the cards from the log again and shows the first due card, or
     * keeps the one in hand while it is still due.
     * @param {boolean} focus move the focus to the card's heading (after the learner's own step)
     */
    refresh(focus) {
      const now = Date.now();
      const settings = R.savedSettings();
      const entries = SG.log.entries();
      const cards = this.cards = R.cards(entries, this.bank, now, settings);
      this.worksheet.update(entries);
      const due = cards.filter((/** @type {any} */ c) => c.due <= now);
      const endOfDay = R.startOfDay(now) + DAY;
      const later = cards.filter((/** @type {any} */ c) => c.due > now && c.due < endOfDay).length;
      this.summary.textContent = due.length
        ? plural(due.length, 'card') + ' due now' + (later ? ', ' + later + ' more later today.' : '.')
        : (later ? plural(later, 'card') + ' due later today.' : 'No cards due today.');
      this.showSettings(settings, now);
      this.storageNote.hidden = !SG.log.full;
      this.renderPrint(due);
      const cur = this.current;
      const keep = cur && cur.card && due.find((/** @type {any} */ c) => c.card === cur.card.card && c.hash === cur.card.hash);
      let hadFocus = this.region.contains(document.activeElement);
      if (cur && keep) {
        cur.card = keep;
        cur.heading.textContent = this.headingText(keep, due.length);
        if (cur.grades) this.renderGrades();
      } else if (due.length) {
        this.show(due[0], due.length);
      } else if (!this.showDone(now)) {
        hadFocus = false; // the same screen as before
      }
      if (focus || (hadFocus && !keep)) this.cur.heading.focus();
      this.wake(now);
    }

    /**
     * Comes back when the next card falls due (timers run late in a
     * background tab; a return to the tab refreshes too).
     * @param {number} now
     */
    wake(now) {
      clearTimeout(this.timer);
      const next = (this.cards || []).find((c) => c.due > now);
      if (!next) return;
      this.timer = setTimeout(() => this.refresh(false), Math.min(next.due - now + 1000, HOUR));
    }

    /** @param {any} card @param {number} due */
    headingText(card, due) {
      const of = 'Card ' + (this.reviewed + 1) + ' of ' + (this.reviewed + due) + ': ';
      if (card.kind === 'l') return of + 'a limit from ' + (card.item.table || 'a limit table');
      const chapter = this.chapters[card.item.chapter];
      return of + 'a question' + (chapter && chapter.title ? ' from ' + chapter.title : '');
    }

    /** A new card on screen: its heading. @param {any} card @param {string} kind */
    start(card, kind) {
      this.region.textContent = '';
      this.region.className = 'sg-review-card sg-review-' + kind;
      const heading = this.region.appendChild(h('h2', { id: this.uid + '-h', tabindex: '-1', class: 'sg-review-heading' }));
      this.current = { card, heading, grades: false };
      return heading;
    }

    /** @param {any} card @param {number} due */
    show(card, due) {
      if (card.kind === 'l') this.showLimit(card, due);
      else this.showQuestion(card, due);
    }

    /** @param {any} card @param {number} due */
    showQuestion(card, due) {
      const q = card.item;
      this.start(card, 'question').textContent = this.headingText(card, due);
      const multi = q.choose || (Array.isArray(q.answer) && q.answer.length > 1);
      const box = this.region.appendChild(h('div', { class: 'sg-question' }));
      const fieldset = box.appendChild(h('fieldset'));
      const legend = fieldset.appendChild(h('legend'));
      legend.appendChild(h('span', { class: 'sg-prompt', html: q.prompt }));
      if (q.choose) legend.appendChild(h('span', { class: 'sg-choose', text: ' (Choose ' + q.choose + '.)' }));
      const list = fieldset.appendChild(h('ol', { class: 'sg-choices' }));
      const name = this.uid + '-choice';
      /** @type {{html: string, why?: string}[]} */
      const choices = Array.isArray(q.choices) ? q.choices : [];
      // A new order for each showing of the card, the same after a reload;
      // the letters follow the order shown. Inputs keep the bank's index.
      /** @type {number[]} */
      const order = R.order(choices.length, R.showingSeed(card));
      this.cur.order = order;
      this.cur.inputs = order.map((i, shown) => {
        const choice = choices[i];
        const item = list.appendChild(h('li', { class: 'sg-choice', 'data-sg-choice': String(i) }));
        const label = item.appendChild(h('label'));
        const input = /** @type {HTMLInputElement} */ (label.appendChild(h('input', { type: multi ? 'checkbox' : 'radio', name, value: String(i) })));
        label.appendChild(h('span', { class: 'sg-letter', text: String.fromCharCode(65 + shown) + ')' }));
        label.appendChild(document.createTextNode(' '));
        label.appendChild(h('span', { class: 'sg-choice-text', html: choice.html }));
        item.appendChild(h('span', { class: 'sg-mark' }));
        if (choice.why) item.appendChild(h('div', { class: 'sg-why', hidden: true, html: choice.why }));
        return input;
      });
      const actions = this.cur.actions = fieldset.appendChild(h('div', { class: 'sg-actions' }));
      actions.appendChild(h('button', { type: 'button', class: 'sg-button', 'data-sg-review-check': '', text: 'Check' }));
      this.cur.need = fieldset.appendChild(h('p', { class: 'sg-review-need', role: 'status' }));
      this.cur.box = box;
      this.cur.sure = null;
      if (SG.sure.enabled()) this.addSure();
    }

    /** "How sure are you?" on the question in hand, before its Check. */
    addSure() {
      const cur = this.cur;
      const actions = /** @type {HTMLElement} */ (cur.actions);
      cur.sure = SG.sure.field(this.uid, null);
      actions.before(cur.sure);
    }

    /**
     * The learner turned certainty on or off (here or in another tab): a
     * question not checked yet asks, or no longer asks.
     * @param {boolean} on
     */
    sureChanged(on) {
      const cur = this.current;
      if (!cur || !cur.card || cur.card.kind !== 'q' || cur.checked) return;
      if (on && !cur.sure) this.addSure();
      else if (!on && cur.sure) {
        cur.sure.remove();
        cur.sure = null;
      }
    }

    /** The picked choices, by their index in the bank. */
    picked() {
      return (this.cur.inputs || []).filter((input) => input.checked).map((input) => Number(input.value)).sort((a, b) => a - b);
    }

    /** Grades the answer, logs it, and shows the verdict and explanations. */
    check() {
      const cur = this.cur;
      const q = cur.card.item;
      /** @type {number[]} */
      const answer = Array.isArray(q.answer) ? q.answer : [];
      const picked = this.picked();
      const need = /** @type {HTMLElement} */ (cur.need);
      const box = /** @type {HTMLElement} */ (cur.box);
      if (cur.checked) return;
      if (!picked.length || (q.choose && picked.length !== answer.length)) {
        const what = q.choose ? 'Choose ' + q.choose + ' answers' : 'Choose an answer';
        return SG.announce(need, what + (picked.length ? ': you have chosen ' + picked.length + '.' : ' first.'));
      }
      const right = picked.length === answer.length && picked.every((i) => answer.indexOf(i) >= 0);
      const c = SG.sure.enabled() ? SG.sure.read(cur.sure || null) : null;
      cur.checked = true;
      cur.right = right;
      cur.c = c;
      if (c) this.marks.push({ right, c });
      need.textContent = '';
      SG.log.append(SG.log.make.question({ id: cur.card.id, h: cur.card.hash, p: picked, ok: right, w: 'review', c }));
      box.classList.add(right ? 'sg-correct' : 'sg-incorrect');
      if (cur.sure) {
        if (c) cur.sure.querySelectorAll('input').forEach((input) => { /** @type {HTMLInputElement} */ (input).disabled = true; });
        else cur.sure.hidden = true;
      }
      box.querySelectorAll('.sg-choice').forEach((item) => {
        const i = Number(item.getAttribute('data-sg-choice'));
        const isAnswer = answer.indexOf(i) >= 0;
        const mine = picked.indexOf(i) >= 0;
        item.classList.toggle('sg-is-answer', isAnswer);
        item.classList.toggle('sg-is-wrong', mine && !isAnswer);
        /** @type {HTMLElement} */ (item.querySelector('.sg-mark')).textContent = isAnswer
          ? (mine ? '✓ Your answer: correct' : '✓ Correct answer') : (mine ? '✗ Your answer: incorrect' : '');
        const why = /** @type {HTMLElement | null} */ (item.querySelector('.sg-why'));
        if (why) why.hidden = false;
      });
      (cur.inputs || []).forEach((input) => { input.disabled = true; });
      /** @type {HTMLElement} */ (box.querySelector('.sg-actions')).hidden = true;
      const order = cur.order || [];
      const letters = answer.map((i) => order.indexOf(i)).sort((a, b) => a - b).map((n) => String.fromCharCode(65 + n)).join(' and ');
      const mark = SG.sure.markWords(right, c);
      const outcome = this.region.appendChild(h('div', { class: 'sg-review-outcome' }));
      const verdict = outcome.appendChild(h('p', { class: 'sg-result', tabindex: '-1',
        text: (right ? 'Correct.' : 'Incorrect. The answer is ' + letters + '.') + (mark ? ' ' + mark : '') }));
      if (q.explanation) outcome.appendChild(h('div', { class: 'sg-answer-body', html: q.explanation }));
      if (q.see && safeHref(q.see.href)) this.readAgain(outcome, 'Read again: ' + (q.see.title || 'the section'), q.see.href);
      else this.readAgain(outcome, 'Read again: the question in its quiz', safeHref(q.quiz));
      this.renderGrades();
      verdict.focus();
    }

    /** @param {HTMLElement} parent @param {string} text @param {string | null} href */
    readAgain(parent, text, href) {
      if (!href) return;
      parent.appendChild(h('p', { class: 'sg-see' }, [h('a', { href, text })]));
    }

    /** @param {any} card @param {number} due */
    showLimit(card, due) {
      const l = card.item;
      this.start(card, 'limit').textContent = this.headingText(card, due);
      this.region.appendChild(h('p', { class: 'sg-review-ask', text: (l.name || card.id) + (l.table ? ' (' + l.table + ')' : '') + '?' }));
      this.cur.showButton = this.region.appendChild(h('p', { class: 'sg-actions' }))
        .appendChild(h('button', { type: 'button', class: 'sg-button', 'data-sg-review-show': '', text: 'Show value' }));
    }

    showValue() {
      const cur = this.cur;
      const l = cur.card.item;
      if (cur.shown) return;
      cur.shown = true;
      /** @type {HTMLElement} */ (/** @type {HTMLElement} */ (cur.showButton).parentNode).hidden = true;
      const outcome = this.region.appendChild(h('div', { class: 'sg-review-outcome' }));
      const value = outcome.appendChild(h('p', { class: 'sg-review-value', tabindex: '-1' }, [
        h('span', { class: 'sg-review-value-name', text: (l.name || cur.card.id) + ': ' }),
        h('strong', { text: String(l.value || '') }),
      ]));
      this.readAgain(outcome, 'Read again: ' + (l.table || 'the limit table'), safeHref(l.href));
      this.renderGrades();
      value.focus();
    }

    /**
     * The grade buttons with the interval each would give. After a wrong
     * answer only Again is offered: the card was not recalled, and a longer
     * interval would hide a question the learner has just got wrong.
     */
    renderGrades() {
      const cur = this.cur;
      const now = Date.now();
      const outcomes = R.preview(cur.card, now, R.savedSettings());
      const old = this.region.querySelector('.sg-review-grades');
      const active = document.activeElement;
      const hadFocus = old && active && old.contains(active) ? active.getAttribute('data-sg-grade') : null;
      if (old) old.remove();
      const group = this.region.appendChild(h('div', { class: 'sg-review-grades', role: 'group', 'aria-labelledby': this.uid + '-g' }));
      const wrong = cur.card.kind === 'q' && !cur.right;
      // As for a confident wrong answer elsewhere (review-model.js), Again.
      group.appendChild(h('p', { class: 'sg-review-grades-label', id: this.uid + '-g', text: wrong
        ? (cur.c === 3 ? 'You were sure of a wrong answer, a misconception to put right, so this card comes back soon:'
          : 'You answered incorrectly, so this card comes back soon:')
        : 'How well did you know it? Each grade shows when the card comes back.' }));
      const buttons = group.appendChild(h('div', { class: 'sg-review-grade-buttons' }));
      for (const g of wrong ? [1] : [1, 2, 3, 4]) {
        const after = R.interval(outcomes[g].interval);
        const button = buttons.appendChild(h('button', { type: 'button', class: 'sg-button sg-review-grade',
          'data-sg-grade': String(g), 'aria-label': R.GRADES[g] + ', ' + after }, [
          h('span', { class: 'sg-review-grade-name', text: R.GRADES[g] }), ' · ' + after,
        ]));
        if (hadFocus === String(g)) button.focus();
      }
      cur.grades = true;
    }

    /** @param {number} g 1 (Again) to 4 (Easy) */
    grade(g) {
      const cur = this.current;
      if (!cur || !cur.grades) return;
      const now = Date.now();
      const due = R.preview(cur.card, now, R.savedSettings())[g].due;
      if (cur.card.kind === 'l') {
        SG.log.append(SG.log.make.limit({ id: cur.card.id, h: cur.card.hash, ok: g > 1, t: now, w: 'review' }));
      }
      SG.log.append(SG.log.make.grade({ card: cur.card.card, h: cur.card.hash, g, t: now }));
      this.reviewed += 1;
      this.current = null;
      SG.announce(this.status, R.GRADES[g] + ': this card comes back ' + R.when(due, now) + '.');
      this.refresh(true);
    }

    /**
     * The screen once nothing is due; false when it is the one shown already.
     * @param {number} now
     */
    showDone(now) {
      const upcoming = (this.cards || [])[0];
      const text = upcoming ? 'Next card due ' + R.when(upcoming.due, now) + '.'
        : 'No cards yet. Questions you answer incorrectly in a chapter quiz or an exam, limits you miss in practice, ' +
          'and questions you mark "Review later" come here.';
      const done = this.reviewed ? 'Reviewed this visit: ' + plural(this.reviewed, 'card') + '.' : '';
      const marks = SG.sure.words(this.marks);
      const cur = this.current;
      if (cur && cur.done === text + done + marks) return false;
      this.start(null, 'done').textContent = 'Nothing due';
      this.cur.done = text + done + marks;
      this.region.appendChild(h('p', { class: 'sg-review-next', text }));
      if (done) this.region.appendChild(h('p', { text: done }));
      if (marks) this.region.appendChild(h('p', { class: 'sg-review-marks', text: marks }));
      return true;
    }

    /** @param {{exam?: string}} settings @param {number} now */
    showSettings(settings, now) {
      const cap = R.examCap(settings);
      if (document.activeElement !== this.examInput) this.examInput.value = settings.exam || '';
      this.examHint.textContent = cap === null ? 'With an exam date, no card is scheduled after it.'
        : cap > now ? 'No card is scheduled after ' + SG.dom.date(cap, { day: 'numeric', month: 'long', year: 'numeric' }) + '.'
          : 'That date has passed, so it no longer limits the schedule.';
    }

    /** For paper: the due cards' questions, without their answers. @param {any[]} due */
    renderPrint(due) {
      const box = this.printList;
      box.textContent = '';
      if (!due.length) return;
      box.appendChild(h('p', { class: 'sg-review-print-title', text: 'Due for review' }));
      const list = box.appendChild(h('ol'));
      for (const c of due) {
        if (c.kind === 'q') list.appendChild(h('li', { html: c.item.prompt }));
        else list.appendChild(h('li', { text: (c.item.name || c.id) + (c.item.table ? ' (' + c.item.table + ')' : '') + '?' }));
      }
    }

    /** @param {MouseEvent} event */
    onClick(event) {
      const target = /** @type {Element} */ (event.target);
      if (!this.current) return;
      const graded = target.closest('[data-sg-grade]');
      if (target.closest('[data-sg-review-check]')) this.check();
      else if (target.closest('[data-sg-review-show]')) this.showValue();
      else if (graded) this.grade(Number(graded.getAttribute('data-sg-grade')));
    }

    /** @param {Event} event */
    onChange(event) {
      if (event.target !== this.examInput) return;
      const value = this.examInput.value;
      if (/^\d{4}-\d{2}-\d{2}$/.test(value)) SG.store.set(R.SETTINGS, { exam: value });
      else if (!value) SG.store.remove(R.SETTINGS);
      else return;
      this.refresh(false);
      SG.announce(this.status, this.examHint.textContent || '');
    }

    /** Another tab wrote to the log, changed the exam date or reset. @param {string[] | null} keys */
    storeChanged(keys) {
      if (!this.cards) return;
      if (keys === null || keys.some((key) => key === R.SETTINGS || /^sg:log:/.test(key))) this.refresh(false);
    }
  }

  /**
   * Adds the question to the review cards ("Review later").
   * @param {string} qid the question's id
   * @param {string} hash its content hash (data-hash)
   * @returns {boolean} whether the entry was written to the log
   */
  function addLater(qid, hash) {
    if (!R.isText(qid) || !R.isText(hash)) return false;
    SG.log.append(SG.log.make.later({ card: 'q:' + qid, h: hash }));
    reviews.forEach((r) => r.refresh(false));
    return true;
  }

  SG.review.addLater = addLater;
  SG.define(Review);
  document.addEventListener('visibilitychange', () => { if (!document.hidden) reviews.forEach((r) => r.refresh(false)); });
})();
