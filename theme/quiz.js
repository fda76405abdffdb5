// Self-grading quizzes. The HTML holds the questions and answers; this adds
// the Check buttons, the marks, the score and the saved answers.
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
      saved.p.every(function (i) { return i === (i | 0) && i >= 0 && i < this.inputs.length; }, this);
    if (saved && !valid) SG.store.remove(this.key);
    this.clear();
    if (!valid) return;
    saved.p.forEach(function (i) { this.inputs[i].checked = true; }, this);
    if (saved.c === true) this.grade(false);
  };

  Question.prototype.save = function () {
    SG.store.set(this.key, { h: this.hash, p: this.picked(), c: this.checked });
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
  };

  // Verdict, marks and explanations; not announced when restoring.
  Question.prototype.grade = function (announce) {
    var picked = this.picked();
    var answer = this.answer;
    this.checked = true;
    this.correct = picked.length === answer.length && picked.every(function (i) { return answer.indexOf(i) >= 0; });
    this.choices.forEach(function (choice, i) {
      var right = answer.indexOf(i) >= 0;
      var mine = picked.indexOf(i) >= 0;
      choice.classList.toggle('sg-is-answer', right);
      choice.classList.toggle('sg-is-wrong', mine && !right);
      choice.querySelector('[data-sg-mark]').textContent = right
        ? (mine ? '✓ Your answer: correct' : '✓ Correct answer') : (mine ? '✗ Your answer: incorrect' : '');
    });
    this.show(true);
    var letters = answer.map(function (i) { return this.inputs[i].dataset.letter; }, this).join(' and ');
    var verdict = this.correct ? 'Correct.' : 'Incorrect. The answer is ' + letters + '.';
    if (announce) SG.announce(this.result, verdict);
    else this.result.textContent = verdict;
  };

  // Shows (after checking) or hides (to answer) the outcome.
  Question.prototype.show = function (graded) {
    this.root.querySelectorAll('[data-sg-why]').forEach(function (why) { why.hidden = !graded; });
    this.inputs.forEach(function (input) { input.disabled = graded; });
    this.root.querySelector('[data-sg-check]').setAttribute('aria-disabled', String(graded));
    this.root.classList.toggle('sg-correct', graded && this.correct);
    this.root.classList.toggle('sg-incorrect', graded && !this.correct);
    this.details.open = graded;
  };

  Question.prototype.clear = function () {
    this.checked = this.correct = false;
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
    SG.reveal(form);
    form.classList.add('sg-js');
    form.addEventListener('click', this.onClick.bind(this));
    form.addEventListener('change', this.onChange.bind(this));
    form.addEventListener('submit', function (event) { event.preventDefault(); });
    this.sync();
  }

  Quiz.prototype.question = function (el) {
    var root = el.closest('[data-sg-question]');
    return this.questions.filter(function (q) { return q.root === root; })[0];
  };

  Quiz.prototype.onClick = function (event) {
    if (event.target.closest('[data-sg-check]')) {
      this.question(event.target).check();
      this.updateScore();
    } else if (event.target.closest('[data-sg-reset]')) {
      this.questions.forEach(function (q) { SG.store.remove(q.key); q.clear(); });
      this.updateScore();
      this.form.querySelector('input').focus();
    }
  };

  // A choice is saved as soon as it is made, checked or not.
  Quiz.prototype.onChange = function (event) {
    var q = event.target.nodeName === 'INPUT' && this.question(event.target);
    if (q && !q.checked) q.save();
  };

  Quiz.prototype.sync = function () {
    this.questions.forEach(function (q) { q.restore(); });
    this.updateScore();
  };

  Quiz.prototype.updateScore = function () {
    this.score.textContent = this.questions.filter(function (q) { return q.correct; }).length;
  };

  var quizzes = [].map.call(document.querySelectorAll('[data-sg-quiz]'), function (form) { return new Quiz(form); });
  // From the back/forward cache: re-read answers changed in another tab.
  window.addEventListener('pageshow', function (event) {
    if (event.persisted) quizzes.forEach(function (quiz) { quiz.sync(); });
  });
})();
