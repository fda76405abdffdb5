// @ts-check
// The practice exam's screens: a question, the review before submitting,
// and with them the start form (exam-start.js), the results and the history
// (exam-results.js). Methods of the exam component (exam.js), which holds
// the attempt and shows these; each reads the component's state and builds
// its part of the page, text only but for the bank's sanitised HTML.
(function () {
  'use strict';
  const SG = window.StudyGuide;
  const M = SG.examModel;
  const { h, plural } = SG.dom;

  /** The countdown: h:mm:ss from an hour up, else mm:ss. @param {number} ms */
  function clock(ms) {
    const s = Math.max(0, Math.ceil(ms / 1000));
    const two = (/** @type {number} */ n) => (n < 10 ? '0' : '') + n;
    const hours = Math.floor(s / 3600);
    const rest = two(Math.floor(s % 3600 / 60)) + ':' + two(s % 60);
    return hours ? hours + ':' + rest : rest;
  }

  /**
   * The screens of the exam component `x`.
   * @param {ExamView} x
   */
  function screens(x) {
    const s = {
      clock,

      /** The bar above a question and the review: the clock, what is answered. */
      statusBar() {
        const a = x.attempt;
        const n = a.order.length;
        const done = a.order.filter((id, i) => M.answered(a, i)).length;
        const time = a.deadline === null
          ? h('p', { class: 'sg-exam-clock', text: a.mode === 'practice' ? 'Practice: untimed' : 'No time limit' })
          : h('p', { class: 'sg-exam-clock' }, [
            'Time left: ', h('span', { class: 'sg-exam-time', 'data-sg-clock': true, text: clock(a.deadline - Date.now()) }),
          ]);
        return h('div', { class: 'sg-exam-bar' }, [
          time, h('p', { class: 'sg-exam-count', 'data-sg-count': true, text: 'Answered ' + done + ' of ' + n }),
        ]);
      },

      /** @param {string} text */
      heading(text) {
        return h(x.h1, { class: 'sg-exam-heading', tabindex: '-1', text });
      },

      /** One question: the clock, the question, its controls and the navigator. @param {number} index @param {boolean} focus */
      showQuestion(index, focus) {
        const a = x.attempt;
        const n = a.order.length;
        const q = x.bank.byId[a.order[index]];
        const p = x.prefix;
        a.current = index;
        x.setScreen('question');
        const checked = a.mode === 'practice' && !!a.checked[index];
        const mine = M.picked(a, index);
        const choices = a.perm[index].map((c, k) => {
          const id = p + 'c' + k;
          const item = h('li', { class: 'sg-choice' }, [
            h('label', { for: id }, [
              h('input', { type: q.multi ? 'checkbox' : 'radio', id, name: p + 'q', value: c, checked: mine.indexOf(c) >= 0,
                disabled: checked, 'data-sg-key': 'choice-' + k }),
              h('span', { class: 'sg-letter', text: M.LETTERS[k] + ')' }),
              h('span', { class: 'sg-exam-choice-text', html: q.choices[c].html }),
            ]),
          ]);
          if (checked) s.markChoice(item, q, c, mine);
          return item;
        });
        const legend = h('legend', {}, [h('span', { class: 'sg-exam-prompt', html: q.prompt })]);
        if (q.choose) legend.appendChild(h('span', { class: 'sg-choose', text: ' (Choose ' + q.choose + '.)' }));
        const isLast = index === n - 1;
        const actions = h('div', { class: 'sg-exam-actions' }, [
          h('button', { type: 'button', class: 'sg-button', 'data-sg-act': 'prev', 'data-sg-key': 'prev', disabled: index === 0, text: 'Previous' }),
          h('button', { type: 'button', class: 'sg-button', 'data-sg-act': 'flag', 'data-sg-key': 'flag',
            'aria-pressed': M.flagged(a, index) ? 'true' : 'false', text: 'Flag for review' }),
          h('button', { type: 'button', class: 'sg-button sg-exam-primary', 'data-sg-act': isLast ? 'review' : 'next',
            'data-sg-key': 'next', text: isLast ? 'Review answers' : 'Next' }),
        ]);
        const practice = a.mode !== 'practice' ? null : h('div', { class: 'sg-exam-practice' }, [
          checked ? null : h('button', { type: 'button', class: 'sg-button', 'data-sg-act': 'check', 'data-sg-key': 'check', text: 'Check' }),
          checked ? s.feedback(q, mine) : null,
        ]);
        // How sure: asked with the answer when the learner turned it on; kept once checked.
        const sure = SG.sure.enabled() ? SG.sure.field(p + 'q', M.certainty(a, index)) : null;
        if (sure && checked) sure.setAttribute('disabled', '');
        x.fill([
          s.statusBar(),
          s.heading('Question ' + (index + 1) + ' of ' + n),
          h('fieldset', { class: 'sg-exam-question' + (checked ? ' ' + (M.isRight(q, mine) ? 'sg-correct' : 'sg-incorrect') : ''),
            'data-sg-qid': q.id }, [legend, h('ul', { class: 'sg-choices' }, choices)]),
          sure,
          practice,
          actions,
          s.navigator(),
          h('div', { class: 'sg-exam-actions sg-exam-end' }, [
            h('button', { type: 'button', class: 'sg-button', 'data-sg-act': 'review', 'data-sg-key': 'to-review', text: 'Review and submit' }),
          ]),
        ], focus);
      },

      /**
       * A choice's mark (your answer, the right one) and its explanation.
       * @param {HTMLElement} item @param {BankQuestion} q @param {number} c @param {number[]} mine
       */
      markChoice(item, q, c, mine) {
        const isAnswer = q.answer.indexOf(c) >= 0;
        const chosen = mine.indexOf(c) >= 0;
        item.classList.toggle('sg-is-answer', isAnswer);
        item.classList.toggle('sg-is-wrong', chosen && !isAnswer);
        const mark = isAnswer ? (chosen ? '✓ Your answer: correct' : '✓ Correct answer') : (chosen ? '✗ Your answer: incorrect' : '');
        if (mark) item.appendChild(h('span', { class: 'sg-mark', text: mark }));
        if (q.choices[c].why) item.appendChild(h('div', { class: 'sg-why', html: q.choices[c].why }));
      },

      /** The verdict of a checked practice question, its explanation and where to read. @param {BankQuestion} q @param {number[]} mine */
      feedback(q, mine) {
        const right = M.isRight(q, mine);
        const answer = M.letters(x.attempt, x.attempt.current, q.answer).join(' and ');
        return h('div', { class: 'sg-exam-feedback ' + (right ? 'sg-correct' : 'sg-incorrect'), tabindex: '-1', 'data-sg-feedback': true }, [
          h('p', { class: 'sg-result', text: right ? 'Correct.' : 'Incorrect. The answer is ' + answer + '.' }),
          h('div', { class: 'sg-exam-explanation', html: q.explanation }),
          s.readAgain(q),
        ]);
      },

      /** @param {BankQuestion} q */
      readAgain(q) {
        const href = q.see ? q.see.href : q.quiz;
        if (!href) return null;
        const title = q.see ? q.see.title : x.bank.chapterOf[q.chapter].title + ' quiz';
        return h('p', { class: 'sg-exam-see' }, [h('a', { href, text: 'Read again: ' + title })]);
      },

      /** Every question as a button: its number, and answered / flagged / unanswered in words and symbols. */
      navigator() {
        const id = x.prefix + 'nav';
        return h('nav', { class: 'sg-exam-nav', 'aria-labelledby': id }, [
          h(x.h2, { id, text: 'All questions' }),
          h('p', { class: 'sg-exam-hint', text: '✓ answered · ⚑ flagged · ○ not answered yet' }),
          h('ol', { class: 'sg-exam-nav-list' }, x.attempt.order.map((qid, i) => h('li', {}, [s.navButton(i)]))),
        ]);
      },

      /** @param {number} i */
      navButton(i) {
        const a = x.attempt;
        const done = M.answered(a, i);
        const flag = M.flagged(a, i);
        const state = (done ? 'answered' : 'unanswered') + (flag ? ', flagged' : '');
        return h('button', {
          type: 'button', class: 'sg-exam-nav-button' + (done ? ' sg-done' : '') + (flag ? ' sg-flagged' : ''),
          'data-sg-act': 'goto', 'data-sg-arg': i, 'data-sg-key': 'nav-' + i, 'data-sg-nav': i,
          'aria-current': i === a.current ? 'step' : null,
        }, [
          // The name in words; the same shown as the number and symbols.
          h('span', { class: 'sg-exam-vh', text: 'Question ' + (i + 1) + ', ' + state }),
          h('span', { 'aria-hidden': 'true' }, [
            String(i + 1), h('span', { class: 'sg-exam-nav-marks', text: (done ? '✓' : '○') + (flag ? '⚑' : '') }),
          ]),
        ]);
      },

      /** Before submitting: counts, the unanswered and flagged questions, Submit and Back. @param {boolean} focus */
      showReview(focus) {
        const a = x.attempt;
        const n = a.order.length;
        x.setScreen('review');
        const indices = a.order.map((id, i) => i);
        const open = indices.filter((i) => !M.answered(a, i));
        const marked = indices.filter((i) => M.flagged(a, i));
        const list = (/** @type {string} */ key, /** @type {number[]} */ which, /** @type {string} */ title, /** @type {string} */ none) => {
          const id = x.prefix + key;
          return h('section', { class: 'sg-exam-review-list', 'aria-labelledby': id }, [
            h(x.h2, { id, text: title + ' (' + which.length + ')' }),
            which.length
              ? h('ul', {}, which.map((i) => h('li', {}, [h('button', { type: 'button', class: 'sg-button sg-exam-link',
                'data-sg-act': 'goto', 'data-sg-arg': i, 'data-sg-key': key + '-' + i, text: 'Question ' + (i + 1) })])))
              : h('p', { text: none }),
          ]);
        };
        x.fill([
          s.statusBar(),
          s.heading('Review before you submit'),
          h('p', { text: 'Answered ' + (n - open.length) + ' of ' + n + ' · ' + open.length + ' not answered · ' +
            marked.length + ' flagged for review.' }),
          list('open', open, 'Not answered', 'Every question has an answer.'),
          list('flagged', marked, 'Flagged for review', 'No question is flagged.'),
          h('div', { class: 'sg-exam-actions', 'data-sg-review-actions': true }, [
            h('button', { type: 'button', class: 'sg-button', 'data-sg-act': 'back', 'data-sg-key': 'back', text: 'Back to the questions' }),
            h('button', { type: 'button', class: 'sg-button sg-exam-primary', 'data-sg-act': 'submit', 'data-sg-key': 'submit',
              'aria-expanded': 'false', 'aria-controls': x.prefix + 'confirm', text: 'Submit' }),
          ]),
          h('div', { class: 'sg-confirm sg-exam-confirm', id: x.prefix + 'confirm', hidden: true, 'data-sg-confirm': true }, [
            h('p', { class: 'sg-confirm-text', text: 'Submit now? ' + (open.length ? plural(open.length, 'question is', 'questions are') +
              ' not answered, and answers' : 'Answers') + ' cannot be changed afterwards.' }),
            h('button', { type: 'button', class: 'sg-button sg-exam-primary', 'data-sg-act': 'confirm', 'data-sg-key': 'confirm', text: 'Submit now' }),
            h('button', { type: 'button', class: 'sg-button', 'data-sg-act': 'cancel', 'data-sg-key': 'cancel', text: 'Cancel' }),
          ]),
        ], focus);
      },
    };
    return Object.assign(s, SG.examStart(x), SG.examResults(x));
  }

  SG.examScreens = screens;
})();
