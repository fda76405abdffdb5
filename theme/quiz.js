// Self-grading quizzes. The page's HTML already holds every question, its
// choices and its answer (in a closed <details>); this script adds the Check
// buttons, the marks, the score and the saved answers.
(function () {
  'use strict';
  var SG = window.StudyGuide;
  var WORDS = ['', 'ONE', 'TWO', 'THREE', 'FOUR', 'FIVE', 'SIX', 'SEVEN', 'EIGHT', 'NINE'];

  function Question(root) {
    this.root = root;
    this.key = 'sg:quiz:' + root.getAttribute('data-id');
    this.hash = root.getAttribute('data-hash');
    this.answer = root.getAttribute('data-answer').split(',').map(Number);
    this.inputs = Array.prototype.slice.call(root.querySelectorAll('input'));
    this.choices = Array.prototype.slice.call(root.querySelectorAll('.sg-choice'));
    this.checkButton = root.querySelector('[data-sg-check]');
    this.result = root.querySelector('[data-sg-result]');
    this.details = root.querySelector('[data-sg-answer]');
    this.checked = false;
    this.correct = false;
  }

  Question.prototype.picked = function () {
    var picked = [];
    this.inputs.forEach(function (input, i) { if (input.checked) picked.push(i); });
    return picked;
  };

  // Restores what the reader saved, if it belongs to this version of the question.
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

  Question.prototype.check = function () {
    if (this.checked) return;
    var picked = this.picked();
    var need = this.answer.length;
    if (picked.length === 0) {
      SG.announce(this.result, need > 1 ? 'Choose ' + WORDS[need] + ' answers first.' : 'Choose an answer first.');
      return;
    }
    if (need > 1 && picked.length !== need) {
      SG.announce(this.result, 'Choose ' + WORDS[need] + ' answers: you have chosen ' + picked.length + '.');
      return;
    }
    this.grade(true);
    this.save();
  };

  // Shows the verdict, the marks and the explanations. `announce` is false
  // when restoring, so a reload does not read out every question.
  Question.prototype.grade = function (announce) {
    var picked = this.picked();
    var answer = this.answer;
    this.correct = picked.length === answer.length &&
      picked.every(function (i) { return answer.indexOf(i) >= 0; });
    this.checked = true;
    var letters = answer.map(function (i) { return String.fromCharCode(65 + i); }).join(' and ');
    this.choices.forEach(function (choice, i) {
      var isAnswer = answer.indexOf(i) >= 0;
      var wasPicked = picked.indexOf(i) >= 0;
      var mark = choice.querySelector('[data-sg-mark]');
      choice.classList.toggle('sg-is-answer', isAnswer);
      choice.classList.toggle('sg-is-wrong', wasPicked && !isAnswer);
      mark.textContent = isAnswer ? (wasPicked ? '✓ Your answer: correct' : '✓ Correct answer')
        : (wasPicked ? '✗ Your answer: incorrect' : '');
      var why = choice.querySelector('[data-sg-why]');
      if (why) why.hidden = false;
    });
    this.inputs.forEach(function (input) { input.disabled = true; });
    this.checkButton.setAttribute('aria-disabled', 'true');
    this.root.classList.add(this.correct ? 'sg-correct' : 'sg-incorrect');
    this.details.open = true;
    var verdict = this.correct ? 'Correct.' : 'Incorrect. The answer is ' + letters + '.';
    if (announce) SG.announce(this.result, verdict);
    else this.result.textContent = verdict;
  };

  Question.prototype.clear = function () {
    this.checked = false;
    this.correct = false;
    this.inputs.forEach(function (input) { input.checked = false; input.disabled = false; });
    this.choices.forEach(function (choice) {
      choice.classList.remove('sg-is-answer', 'sg-is-wrong');
      choice.querySelector('[data-sg-mark]').textContent = '';
      var why = choice.querySelector('[data-sg-why]');
      if (why) why.hidden = true;
    });
    this.checkButton.removeAttribute('aria-disabled');
    this.root.classList.remove('sg-correct', 'sg-incorrect');
    this.details.open = false;
    this.result.textContent = '';
  };

  function Quiz(form) {
    if (!form || form.nodeName !== 'FORM') return;
    this.form = form;
    this.questions = Array.prototype.map.call(form.querySelectorAll('[data-sg-question]'), function (el) {
      return new Question(el);
    });
    this.score = form.querySelector('[data-sg-score]');
    this.scoreRegion = form.querySelector('.sg-score');
    SG.reveal(form);
    form.classList.add('sg-js');
    form.addEventListener('click', this.onClick.bind(this));
    form.addEventListener('change', this.onChange.bind(this));
    form.addEventListener('submit', function (event) { event.preventDefault(); });
    this.sync();
  }

  Quiz.prototype.question = function (el) {
    var root = el.closest('[data-sg-question]');
    for (var i = 0; i < this.questions.length; i++) {
      if (this.questions[i].root === root) return this.questions[i];
    }
    return null;
  };

  Quiz.prototype.onClick = function (event) {
    var target = event.target;
    if (target.closest('[data-sg-check]')) {
      var q = this.question(target);
      if (q) { q.check(); this.updateScore(); }
    } else if (target.closest('[data-sg-reset]')) {
      this.reset();
    }
  };

  Quiz.prototype.onChange = function (event) {
    var q = event.target.nodeName === 'INPUT' && this.question(event.target);
    if (q && !q.checked) q.save();
  };

  Quiz.prototype.sync = function () {
    this.questions.forEach(function (q) { q.restore(); });
    this.updateScore();
  };

  Quiz.prototype.updateScore = function () {
    var right = 0;
    var answered = 0;
    this.questions.forEach(function (q) {
      if (q.checked) answered++;
      if (q.correct) right++;
    });
    this.score.textContent = String(right);
    this.scoreRegion.setAttribute('data-answered', String(answered));
  };

  Quiz.prototype.reset = function () {
    this.questions.forEach(function (q) {
      SG.store.remove(q.key);
      q.clear();
    });
    this.updateScore();
    var first = this.form.querySelector('input');
    if (first) first.focus();
  };

  var quizzes = Array.prototype.map.call(document.querySelectorAll('[data-sg-quiz]'), function (form) {
    return new Quiz(form);
  });
  // Coming back through the browser's history may show a cached page; the
  // answers may have changed in another tab since.
  window.addEventListener('pageshow', function (event) {
    if (event.persisted) quizzes.forEach(function (quiz) { quiz.sync(); });
  });
})();
