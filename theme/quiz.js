// @ts-check
// Self-grading quizzes. The HTML holds the questions and answers; this adds
// the Check buttons, the marks, the progress, the score and the saved answers,
// and, when the learner asks for it (sure.js), how sure they are of each
// answer with its certainty-based mark.
(function () {
  'use strict';
  const SG = window.StudyGuide;
  const { h } = SG.dom;
  let count = 0;

  /** @param {Element} root @param {string} selector */
  const child = (root, selector) => /** @type {HTMLElement} */ (root.querySelector(selector));

  /** A question's buttons and the line that says how it went. */
  function actions() {
    const button = (/** @type {string} */ data, /** @type {string} */ text, { hidden = false, more = '' } = {}) =>
      h('button', { type: 'button', class: 'sg-button' + more, [data]: '', hidden, text });
    return h('div', { class: 'sg-actions' }, [
      button('data-sg-check', 'Check'),
      button('data-sg-retry', 'Retry this question', { hidden: true }),
      button('data-sg-peek', 'Show answer'),
      button('data-sg-later', 'Review later', { more: ' sg-later' }),
      h('p', { class: 'sg-result', role: 'status', 'data-sg-result': '' })
    ]);
  }

  /**
   * Each choice's explanation, which the page writes once in the answer's
   * list ("A) Too short: …"), also under its choice, shown once checked.
   * @param {Element[]} choices
   * @param {HTMLElement} answer
   */
  function addWhys(choices, answer) {
    for (const item of answer.querySelectorAll('.sg-whys > li')) {
      const letter = item.firstElementChild;
      const index = letter && letter.nodeName === 'STRONG' ? (letter.textContent || '').charCodeAt(0) - 65 : -1;
      const choice = choices[index];
      if (!choice || !letter) continue;
      const text = [...item.childNodes].slice(1).map((node) => node.cloneNode(true));
      // The space after the letter.
      const first = text[0];
      if (first && first.nodeType === Node.TEXT_NODE) first.textContent = (first.textContent || '').replace(/^\s+/, '');
      const block = text.some((node) => node.nodeName === 'P' || node.nodeName === 'UL' || node.nodeName === 'OL');
      choice.appendChild(h('div', { class: 'sg-why', 'data-sg-why': '', hidden: true }, block ? text : [h('p', {}, text)]));
    }
  }

  /** One question of a quiz, and what is saved of it. */
  class Question {
    /** @param {HTMLElement} root */
    constructor(root) {
      this.root = root;
      this.id = root.getAttribute('data-id') || '';
      this.key = 'sg:quiz:' + this.id;
      this.hash = root.getAttribute('data-hash') || '';
      this.answer = (root.getAttribute('data-answer') || '').split(',').map(Number);
      /** @type {HTMLInputElement[]} */
      this.inputs = [...root.querySelectorAll('input')];
      this.choices = [...root.querySelectorAll('.sg-choice')];
      this.details = /** @type {HTMLDetailsElement} */ (child(root, '[data-sg-answer]'));
      addWhys(this.choices, this.details);
      this.details.insertAdjacentElement('beforebegin', actions());
      this.result = child(root, '[data-sg-result]');
      this.checkButton = child(root, '[data-sg-check]');
      this.retryButton = child(root, '[data-sg-retry]');
      this.peekButton = child(root, '[data-sg-peek]');
      this.laterButton = child(root, '[data-sg-later]');
      this.laterText = this.laterButton.textContent;
      this.actions = child(root, '.sg-actions');
      /** @type {number | null} how sure the learner said they were (1–3) */
      this.sure = null;
      /** @type {HTMLElement | null} "How sure are you?", made when first asked */
      this.sureField = null;
      // "TWO" for a "choose two" question (as its legend says), else empty.
      this.count = root.dataset.choose || '';
      this.checked = false;
      this.correct = false;
      this.right = false;
      this.revealed = false;
    }

    /** The indices of the picked choices. */
    picked() {
      return this.inputs.map((input, i) => (input.checked ? i : -1)).filter((i) => i >= 0);
    }

    /** Restores what the reader saved for this version of the question. */
    restore() {
      const saved = SG.store.get(this.key);
      const valid = saved && saved.h === this.hash && Array.isArray(saved.p) &&
        (saved.r === undefined || typeof saved.r === 'boolean') &&
        (saved.s === undefined || saved.s === 1 || saved.s === 2 || saved.s === 3) &&
        saved.p.every((/** @type {unknown} */ i) => typeof i === 'number' && i === (i | 0) && i >= 0 && i < this.inputs.length);
      if (saved && !valid) SG.store.remove(this.key);
      this.clear();
      if (!valid) return;
      saved.p.forEach((/** @type {number} */ i) => { this.inputs[i].checked = true; });
      this.revealed = saved.r === true;
      this.sure = saved.s || null;
      if (saved.c === true) this.grade(false);
      else this.show(false);
    }

    save() {
      SG.store.set(this.key, Object.assign({ h: this.hash, p: this.picked(), c: this.checked, r: this.revealed },
        this.sure ? { s: this.sure } : {}));
    }

    /** As on the exam, "choose two" is graded once two are chosen. */
    check() {
      const n = this.picked().length;
      if (this.checked) return;
      if (n === 0 || (this.count && n !== this.answer.length)) {
        const need = this.count ? 'Choose ' + this.count + ' answers' : 'Choose an answer';
        SG.announce(this.result, need + (n ? ': you have chosen ' + n + '.' : ' first.'));
        return;
      }
      // Certainty means nothing once the answer was shown.
      const c = SG.sure.enabled() && !this.revealed ? this.sure : null;
      if (!c) this.sure = null;
      this.grade(true);
      this.save();
      SG.log.append(SG.log.make.question({ id: this.id, h: this.hash, p: this.picked(), ok: this.correct, w: 'quiz',
        rv: this.revealed, c }));
      this.retryButton.focus();
    }

    /**
     * Adds the question to the review page's cards (a "later" entry in the
     * log); the button then says it is there.
     * @param {boolean} announce false when restoring
     */
    reviewLater(announce) {
      if (announce) {
        if (this.laterButton.getAttribute('aria-disabled') === 'true') return;
        SG.log.append(SG.log.make.later({ card: 'q:' + this.id, h: this.hash }));
      }
      this.laterButton.textContent = 'In your review cards';
      this.laterButton.setAttribute('aria-disabled', 'true');
      if (announce) SG.announce(this.result, 'Added to your review cards: it comes back on the Review page.');
    }

    /** Not (or no longer, after a reset elsewhere) among the review cards. */
    notForLater() {
      this.laterButton.textContent = this.laterText;
      this.laterButton.removeAttribute('aria-disabled');
    }

    /**
     * Shows the answer before the question is checked. The question then
     * counts as revealed, not correct, whatever is picked afterwards.
     */
    peek() {
      if (this.checked || this.revealed) return;
      this.revealed = true;
      this.show(false);
      this.save();
      child(this.details, 'summary').focus();
      SG.announce(this.result, 'Answer shown. This question will count as revealed, not correct.');
    }

    /** Starts this question afresh: nothing saved; the focus goes to its first choice. */
    retry() {
      SG.store.remove(this.key);
      this.clear();
      this.inputs[0].focus();
    }

    /**
     * Verdict, marks and explanations.
     * @param {boolean} announce false when restoring
     */
    grade(announce) {
      const picked = this.picked();
      const answer = this.answer;
      this.checked = true;
      const right = picked.length === answer.length && picked.every((i) => answer.indexOf(i) >= 0);
      this.right = right;
      this.correct = right && !this.revealed;
      this.choices.forEach((choice, i) => {
        const isAnswer = answer.indexOf(i) >= 0;
        const mine = picked.indexOf(i) >= 0;
        choice.classList.toggle('sg-is-answer', isAnswer);
        choice.classList.toggle('sg-is-wrong', mine && !isAnswer);
        child(choice, '[data-sg-mark]').textContent = isAnswer
          ? (mine ? '✓ Your answer: correct' : '✓ Correct answer') : (mine ? '✗ Your answer: incorrect' : '');
      });
      this.show(true);
      const verdict = this.verdict(right);
      if (announce) SG.announce(this.result, verdict);
      else this.result.textContent = verdict;
    }

    /**
     * The sentence under a checked question.
     * @param {boolean} right whether the picked choices are the answer
     */
    verdict(right) {
      const letters = this.answer.map((i) => this.inputs[i].dataset.letter).join(' and ');
      if (this.revealed) {
        return 'Revealed: you saw the answer before checking, so this does not count as correct. The answer is ' +
          letters + '.';
      }
      const mark = SG.sure.enabled() ? SG.sure.markWords(right, this.sure) : '';
      return (right ? 'Correct.' : 'Incorrect. The answer is ' + letters + '.') + (mark ? ' ' + mark : '');
    }

    /**
     * "How sure are you?" while the learner asks for it: before checking,
     * and after it (disabled) when one was given; never for an answer shown.
     */
    showSure() {
      const on = SG.sure.enabled();
      if (on && !this.sureField) {
        this.sureField = SG.sure.field(this.root.id || 'sg-q-' + this.id, this.sure);
        this.actions.before(this.sureField);
      }
      const field = this.sureField;
      if (!field) return;
      field.hidden = !on || this.revealed || (this.checked && !this.sure);
      field.querySelectorAll('input').forEach((input) => {
        input.disabled = this.checked;
        input.checked = Number(input.value) === this.sure;
      });
    }

    /** The learner turned certainty on or off (here or in another tab). */
    sureChanged() {
      this.showSure();
      if (this.checked) this.result.textContent = this.verdict(this.right);
    }

    /**
     * Shows (after checking) or hides (to answer) the outcome. The answer
     * shows once checked or asked for.
     * @param {boolean} graded
     */
    show(graded) {
      const answerShown = graded || this.revealed;
      this.root.querySelectorAll('[data-sg-why]').forEach((why) => { /** @type {HTMLElement} */ (why).hidden = !graded; });
      this.inputs.forEach((input) => { input.disabled = graded; });
      // Once checked, "Retry this question" takes the place of Check.
      this.checkButton.hidden = graded;
      this.retryButton.hidden = !graded;
      this.peekButton.hidden = answerShown;
      this.root.classList.toggle('sg-correct', graded && this.correct);
      this.root.classList.toggle('sg-incorrect', graded && !this.correct);
      this.details.hidden = !answerShown;
      this.details.open = answerShown;
      this.showSure();
    }

    clear() {
      this.checked = this.correct = this.right = this.revealed = false;
      this.sure = null;
      this.inputs.forEach((input) => { input.checked = false; });
      this.choices.forEach((choice) => {
        choice.classList.remove('sg-is-answer', 'sg-is-wrong');
        child(choice, '[data-sg-mark]').textContent = '';
      });
      this.show(false);
      this.result.textContent = '';
    }
  }

  class Quiz extends SG.Component {
    static moduleName = 'quiz';

    /** @param {Element} root the quiz's form */
    constructor(root) {
      super(root);
      const form = this.root;
      this.questions = [...form.querySelectorAll('[data-sg-question]')].map((el) => new Question(/** @type {HTMLElement} */ (el)));
      this.score = child(form, '[data-sg-score]');
      this.progress = child(form, '[data-sg-progress]');
      this.resetButton = child(form, '[data-sg-reset]');
      this.confirmation = child(form, '[data-sg-confirm]');
      // "Ask how sure I am", under the quiz's help line, and the
      // certainty-based total under its score.
      this.sureToggle = SG.sure.toggle('sg-quiz-' + (++count));
      (form.querySelector('.sg-quiz-help') || this.progress).after(this.sureToggle);
      this.sureTotal = h('p', { class: 'sg-sure-total', hidden: true });
      /** @type {HTMLElement} */ (this.score.parentElement).after(this.sureTotal);
      // Set while the page loads or restores, when nothing is announced.
      this.progress.setAttribute('aria-live', 'off');
      this.sync();
      SG.reveal(form);
      form.classList.add('sg-js');
      // Past the sidebar and the menu bar to the first question still open.
      SG.dom.skipLink('Skip to the quiz', () => {
        const open = this.questions.find((q) => q.inputs.some((input) => !input.disabled)) || this.questions[0];
        return open ? open.inputs[0] : null;
      });
      // Every quiz of the page, and of other tabs, follows the one preference.
      SG.sure.onToggle(() => {
        this.questions.forEach((q) => q.sureChanged());
        this.updateScore(false);
      });
      this.listen({ click: this.onClick, change: this.onChange, keydown: this.onKey, submit: (/** @type {Event} */ event) => event.preventDefault() });
    }

    /** @param {Element} el @returns {Question} */
    question(el) {
      const root = el.closest('[data-sg-question]');
      return /** @type {Question} */ (this.questions.find((q) => q.root === root));
    }

    /** The buttons, by their data attribute. @param {MouseEvent} event */
    onClick(event) {
      const target = /** @type {Element} */ (event.target);
      if (target.closest('[data-sg-check]')) this.question(target).check();
      else if (target.closest('[data-sg-retry]')) this.question(target).retry();
      else if (target.closest('[data-sg-peek]')) this.question(target).peek();
      else if (target.closest('[data-sg-later]')) return this.question(target).reviewLater(true);
      else if (target.closest('[data-sg-reset]')) return this.askToClear();
      else if (target.closest('[data-sg-cancel]')) return this.closeConfirmation();
      else if (target.closest('[data-sg-clear-all]')) this.clearAll();
      else return;
      this.updateScore(true);
    }

    /** Escape in the confirmation cancels it. @param {KeyboardEvent} event */
    onKey(event) {
      if (event.key === 'Escape' && !this.confirmation.hidden && this.confirmation.contains(/** @type {Node} */ (event.target))) {
        this.closeConfirmation();
      }
    }

    /** A choice (or a certainty) is saved as soon as it is made, checked or not. @param {Event} event */
    onChange(event) {
      const target = /** @type {Element} */ (event.target);
      const q = target.nodeName === 'INPUT' && this.question(target);
      if (!q || q.checked) return;
      const field = target.closest('[data-sg-sure]');
      if (field) q.sure = SG.sure.read(field);
      q.save();
    }

    /** Asks before clearing every answer; the focus goes to "Cancel". */
    askToClear() {
      this.confirmation.hidden = false;
      this.resetButton.setAttribute('aria-expanded', 'true');
      child(this.confirmation, '[data-sg-cancel]').focus();
    }

    /** Closes the confirmation; the focus goes back to "Try again". */
    closeConfirmation() {
      this.hideConfirmation();
      this.resetButton.focus();
    }

    /** Hides the confirmation, the focus left where it is. */
    hideConfirmation() {
      this.confirmation.hidden = true;
      this.resetButton.setAttribute('aria-expanded', 'false');
    }

    /** Clears every question and its saved answer; the focus goes to the first choice. */
    clearAll() {
      this.questions.forEach((q) => { SG.store.remove(q.key); q.clear(); });
      this.hideConfirmation();
      // The first choice (not the certainty switch above the questions).
      const first = this.questions.length ? this.questions[0].inputs[0] : null;
      if (first) first.focus();
    }

    /** Shows what is saved: each question's answer, and which are set aside for review. */
    sync() {
      this.questions.forEach((q) => q.restore());
      /** @type {{[key: string]: boolean}} */
      const later = {};
      SG.log.entries().forEach((e) => { if (e.k === 'later') later[e.card + ' ' + e.h] = true; });
      this.questions.forEach((q) => {
        if (later['q:' + q.id + ' ' + q.hash]) q.reviewLater(false);
        else q.notForLater();
      });
      this.updateScore(false);
    }

    /** Another tab answered, retried or reset: show what is saved now. @param {string[] | null} keys */
    storeChanged(keys) {
      if (keys === null || keys.some((key) => /^sg:(quiz|log):/.test(key))) this.sync();
    }

    /** How many questions are checked, correct and revealed. */
    tally() {
      return {
        answered: this.questions.filter((q) => q.checked).length,
        correct: this.questions.filter((q) => q.correct).length,
        revealed: this.questions.filter((q) => q.checked && q.revealed).length,
      };
    }

    /**
     * Writes the score and the progress line; the progress line is the quiz's
     * one live region, announced only after something the learner did.
     * @param {boolean} announce false while loading or restoring
     */
    updateScore(announce) {
      const t = this.tally();
      const text = 'Answered ' + t.answered + ' of ' + this.questions.length + ' · ' + t.correct + ' correct' +
        (t.revealed ? ' · ' + t.revealed + ' revealed' : '');
      this.score.textContent = String(t.correct);
      const rows = SG.sure.enabled()
        ? this.questions.filter((q) => q.checked && q.sure).map((q) => ({ right: q.correct, c: q.sure })) : [];
      this.sureTotal.textContent = SG.sure.words(rows);
      this.sureTotal.hidden = !rows.length;
      if (this.progress.textContent === text) return;
      this.progress.setAttribute('aria-live', announce ? 'polite' : 'off');
      this.progress.textContent = text;
    }
  }

  SG.define(Quiz);
})();
