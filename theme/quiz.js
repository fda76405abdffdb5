// Self-grading quizzes. The HTML holds the questions and answers; this adds
// the Check buttons, the marks, the progress, the score and the saved answers.
(function () {
  'use strict';
  var SG = window.StudyGuide;

  function Question(root) {
    this.root = root;
    this.key = 'sg:quiz:' + root.getAttribute('data-id');
    this.hash = root.getAttribute('data-hash');
    this.answer = root.getAttribute('data-answer').split(',').map(Number);
    this.inputs = [].slice.call(root.querySelectorAll('input'));
    this.choices = [].slice.call(root.querySelectorAll('.sg-choice'));
    this.result = root.querySelector('[data-sg-result]');
    this.details = root.querySelector('[data-sg-answer]');
    this.checkButton = root.querySelector('[data-sg-check]');
    this.retryButton = root.querySelector('[data-sg-retry]');
    this.peekButton = root.querySelector('[data-sg-peek]');
    this.laterButton = root.querySelector('[data-sg-later]');
    this.laterText = this.laterButton.textContent;
    // "TWO" for a "choose two" question (as its legend says), else empty.
    this.count = root.dataset.choose || '';
  }

  Question.prototype.picked = function () {
    return this.inputs.map(function (input, i) { return input.checked ? i : -1; })
      .filter(function (i) { return i >= 0; });
  };

  // Restores what the reader saved for this version of the question.
  Question.prototype.restore = function () {
    var saved = SG.store.get(this.key);
    var valid = saved && saved.h === this.hash && Array.isArray(saved.p) &&
      (saved.r === undefined || typeof saved.r === 'boolean') &&
      saved.p.every(function (i) { return i === (i | 0) && i >= 0 && i < this.inputs.length; }, this);
    if (saved && !valid) SG.store.remove(this.key);
    this.clear();
    if (!valid) return;
    saved.p.forEach(function (i) { this.inputs[i].checked = true; }, this);
    this.revealed = saved.r === true;
    if (saved.c === true) this.grade(false);
    else this.show(false);
  };

  Question.prototype.save = function () {
    SG.store.set(this.key, { h: this.hash, p: this.picked(), c: this.checked, r: this.revealed });
  };

  // As on the exam, "choose two" is graded once two are chosen.
  Question.prototype.check = function () {
    var n = this.picked().length;
    if (this.checked) return;
    if (n === 0 || (this.count && n !== this.answer.length)) {
      var need = this.count ? 'Choose ' + this.count + ' answers' : 'Choose an answer';
      return SG.announce(this.result, need + (n ? ': you have chosen ' + n + '.' : ' first.'));
    }
    this.grade(true);
    this.save();
    this.logAttempt();
    this.retryButton.focus();
  };

  /**
   * Adds the question to the review page's cards (a "later" entry in the
   * log); the button then says it is there.
   * @param {boolean} announce false when restoring
   */
  Question.prototype.reviewLater = function (announce) {
    if (announce) {
      if (this.laterButton.getAttribute('aria-disabled') === 'true') return;
      SG.log.append({ k: 'later', card: 'q:' + this.root.getAttribute('data-id'), h: this.hash });
    }
    this.laterButton.textContent = 'In your review cards';
    this.laterButton.setAttribute('aria-disabled', 'true');
    if (announce) SG.announce(this.result, 'Added to your review cards: it comes back on the Review page.');
  };

  // Adds the attempt to the learner's history: a wrong one becomes a review card.
  Question.prototype.logAttempt = function () {
    var entry = { k: 'q', id: this.root.getAttribute('data-id'), h: this.hash, p: this.picked(),
      ok: this.correct, w: 'quiz' };
    if (this.revealed) entry.rv = true;
    SG.log.append(entry);
  };

  /**
   * Shows the answer before the question is checked. The question then
   * counts as revealed, not correct, whatever is picked afterwards.
   */
  Question.prototype.peek = function () {
    if (this.checked || this.revealed) return;
    this.revealed = true;
    this.show(false);
    this.save();
    this.details.querySelector('summary').focus();
    SG.announce(this.result, 'Answer shown. This question will count as revealed, not correct.');
  };

  /**
   * Starts this question afresh: no answer, no marks, nothing saved; the
   * focus goes to its first choice.
   */
  Question.prototype.retry = function () {
    SG.store.remove(this.key);
    this.clear();
    this.inputs[0].focus();
  };

  // Verdict, marks and explanations; not announced when restoring.
  Question.prototype.grade = function (announce) {
    var picked = this.picked();
    var answer = this.answer;
    this.checked = true;
    var right = picked.length === answer.length && picked.every(function (i) { return answer.indexOf(i) >= 0; });
    this.correct = right && !this.revealed;
    this.choices.forEach(function (choice, i) {
      var isAnswer = answer.indexOf(i) >= 0;
      var mine = picked.indexOf(i) >= 0;
      choice.classList.toggle('sg-is-answer', isAnswer);
      choice.classList.toggle('sg-is-wrong', mine && !isAnswer);
      choice.querySelector('[data-sg-mark]').textContent = isAnswer
        ? (mine ? '✓ Your answer: correct' : '✓ Correct answer') : (mine ? '✗ Your answer: incorrect' : '');
    });
    this.show(true);
    var verdict = this.verdict(right);
    if (announce) SG.announce(this.result, verdict);
    else this.result.textContent = verdict;
  };

  /**
   * The sentence under a checked question.
   * @param {boolean} right whether the picked choices are the answer
   * @returns {string}
   */
  Question.prototype.verdict = function (right) {
    var letters = this.answer.map(function (i) { return this.inputs[i].dataset.letter; }, this).join(' and ');
    if (this.revealed) {
      return 'Revealed: you saw the answer before checking, so this does not count as correct. The answer is ' +
        letters + '.';
    }
    return right ? 'Correct.' : 'Incorrect. The answer is ' + letters + '.';
  };

  // Shows (after checking) or hides (to answer) the outcome. The answer
  // shows once checked or asked for.
  Question.prototype.show = function (graded) {
    var answerShown = graded || this.revealed;
    this.root.querySelectorAll('[data-sg-why]').forEach(function (why) { why.hidden = !graded; });
    this.inputs.forEach(function (input) { input.disabled = graded; });
    // Once checked, "Retry this question" takes the place of Check.
    this.checkButton.hidden = graded;
    this.retryButton.hidden = !graded;
    this.peekButton.hidden = answerShown;
    this.root.classList.toggle('sg-correct', graded && this.correct);
    this.root.classList.toggle('sg-incorrect', graded && !this.correct);
    this.details.hidden = !answerShown;
    this.details.open = answerShown;
  };

  Question.prototype.clear = function () {
    this.checked = this.correct = this.revealed = false;
    this.inputs.forEach(function (input) { input.checked = false; });
    this.choices.forEach(function (choice) {
      choice.classList.remove('sg-is-answer', 'sg-is-wrong');
      choice.querySelector('[data-sg-mark]').textContent = '';
    });
    this.show(false);
    this.result.textContent = '';
  };

  function Quiz(form) {
    this.form = form;
    this.questions = [].map.call(form.querySelectorAll('[data-sg-question]'), function (el) { return new Question(el); });
    this.score = form.querySelector('[data-sg-score]');
    this.progress = form.querySelector('[data-sg-progress]');
    this.resetButton = form.querySelector('[data-sg-reset]');
    this.confirmation = form.querySelector('[data-sg-confirm]');
    // Set while the page loads or restores, when nothing is announced.
    this.progress.setAttribute('aria-live', 'off');
    this.sync();
    SG.reveal(form);
    form.classList.add('sg-js');
    form.addEventListener('click', this.onClick.bind(this));
    form.addEventListener('change', this.onChange.bind(this));
    form.addEventListener('keydown', this.onKey.bind(this));
    form.addEventListener('submit', function (event) { event.preventDefault(); });
  }

  Quiz.prototype.question = function (el) {
    var root = el.closest('[data-sg-question]');
    return this.questions.filter(function (q) { return q.root === root; })[0];
  };

  /** The buttons, by their data attribute. */
  Quiz.prototype.onClick = function (event) {
    var target = event.target;
    if (target.closest('[data-sg-check]')) this.question(target).check();
    else if (target.closest('[data-sg-retry]')) this.question(target).retry();
    else if (target.closest('[data-sg-peek]')) this.question(target).peek();
    else if (target.closest('[data-sg-later]')) return this.question(target).reviewLater(true);
    else if (target.closest('[data-sg-reset]')) return this.askToClear();
    else if (target.closest('[data-sg-cancel]')) return this.closeConfirmation();
    else if (target.closest('[data-sg-clear-all]')) this.clearAll();
    else return;
    this.updateScore(true);
  };

  /** Escape in the confirmation cancels it. */
  Quiz.prototype.onKey = function (event) {
    if (event.key === 'Escape' && !this.confirmation.hidden && this.confirmation.contains(event.target)) {
      this.closeConfirmation();
    }
  };

  // A choice is saved as soon as it is made, checked or not.
  Quiz.prototype.onChange = function (event) {
    var q = event.target.nodeName === 'INPUT' && this.question(event.target);
    if (q && !q.checked) q.save();
  };

  /** Asks before clearing every answer; the focus goes to "Cancel". */
  Quiz.prototype.askToClear = function () {
    this.confirmation.hidden = false;
    this.resetButton.setAttribute('aria-expanded', 'true');
    this.confirmation.querySelector('[data-sg-cancel]').focus();
  };

  /** Closes the confirmation; the focus goes back to "Try again". */
  Quiz.prototype.closeConfirmation = function () {
    this.hideConfirmation();
    this.resetButton.focus();
  };

  /** Hides the confirmation, the focus left where it is. */
  Quiz.prototype.hideConfirmation = function () {
    this.confirmation.hidden = true;
    this.resetButton.setAttribute('aria-expanded', 'false');
  };

  /** Clears every question and its saved answer; the focus goes to the first choice. */
  Quiz.prototype.clearAll = function () {
    this.questions.forEach(function (q) { SG.store.remove(q.key); q.clear(); });
    this.hideConfirmation();
    this.form.querySelector('input').focus();
  };

  Quiz.prototype.sync = function () {
    this.questions.forEach(function (q) { q.restore(); });
    // The questions already set aside for review.
    var later = {};
    SG.log.entries().forEach(function (e) { if (e.k === 'later') later[e.card + ' ' + e.h] = true; });
    this.questions.forEach(function (q) {
      if (later['q:' + q.root.getAttribute('data-id') + ' ' + q.hash]) return q.reviewLater(false);
      // Not (or no longer, after a reset elsewhere) among the review cards.
      q.laterButton.textContent = q.laterText;
      q.laterButton.removeAttribute('aria-disabled');
    });
    this.updateScore(false);
  };

  /**
   * How many questions are checked, correct and revealed.
   * @returns {{answered: number, correct: number, revealed: number}}
   */
  Quiz.prototype.tally = function () {
    return this.questions.reduce(function (t, q) {
      return {
        answered: t.answered + (q.checked ? 1 : 0),
        correct: t.correct + (q.correct ? 1 : 0),
        revealed: t.revealed + (q.checked && q.revealed ? 1 : 0),
      };
    }, { answered: 0, correct: 0, revealed: 0 });
  };

  /**
   * Writes the score and the progress line; the progress line is the quiz's
   * one live region, announced only after something the learner did.
   * @param {boolean} announce false while loading or restoring
   */
  Quiz.prototype.updateScore = function (announce) {
    var t = this.tally();
    var text = 'Answered ' + t.answered + ' of ' + this.questions.length + ' · ' + t.correct + ' correct' +
      (t.revealed ? ' · ' + t.revealed + ' revealed' : '');
    this.score.textContent = t.correct;
    if (this.progress.textContent === text) return;
    this.progress.setAttribute('aria-live', announce ? 'polite' : 'off');
    this.progress.textContent = text;
  };

  SG.whenStored(function () {
    var forms = document.querySelectorAll('[data-sg-quiz]');
    if (forms.length) SG.store.noteAbove(forms[0]);
    var quizzes = [].map.call(forms, function (form) { return new Quiz(form); });
    // Another tab answered, retried or reset: show what is saved now.
    SG.store.onChange(function (keys) {
      var affects = keys === null || keys.some(function (key) { return /^sg:(quiz|log):/.test(key); });
      if (affects) quizzes.forEach(function (quiz) { quiz.sync(); });
    });
  });
})();
