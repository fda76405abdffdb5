// @ts-check
// The practice exam's screens: the start form, a question, the review
// before submitting, the results and the history. Methods of the exam
// component (exam.js), which holds the attempt and shows these; each reads
// the component's state and builds its part of the page, text only but for
// the bank's sanitised HTML.
(function () {
  'use strict';
  const SG = window.StudyGuide;
  const M = SG.examModel;
  const { h, plural, percent, duration, dateTime } = SG.dom;

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

      /** The start: the bank's size, how many questions, which chapters, which mode, how long. @param {boolean} focus */
      showStart(focus) {
        const bank = x.bank;
        const p = x.prefix;
        x.setScreen('start');
        const size = bank.questions.length;
        /** @type {{[id: string]: number}} */
        const sizes = {};
        bank.questions.forEach((q) => { sizes[q.chapter] = (sizes[q.chapter] || 0) + 1; });
        const chapters = bank.chapters.filter((c) => sizes[c.id]);
        const n = Math.min(x.questions, size);
        const chapterBoxes = chapters.map((c) => h('li', {}, [h('label', {}, [
          h('input', { type: 'checkbox', name: 'chapter', value: c.id, checked: true }),
          h('span', { text: c.title + ' (' + plural(sizes[c.id], 'question') + ')' }),
        ])]));
        const modes = [
          ['exam', 'Exam', 'timed; your answers are marked at the end'],
          ['practice', 'Practice', 'untimed; each answer is marked, with its explanation, when you check it'],
        ].map((m) => h('li', {}, [h('label', {}, [
          h('input', { type: 'radio', name: 'mode', value: m[0], checked: m[0] === 'exam' }),
          h('span', {}, [h('strong', { text: m[1] }), ': ' + m[2]]),
        ])]));
        const form = /** @type {HTMLFormElement} */ (h('form', { class: 'sg-exam-start', 'data-sg-start': true, novalidate: true }, [
          h('div', { class: 'sg-exam-field' }, [
            h('label', { for: p + 'n', text: 'Number of questions' }),
            h('p', { class: 'sg-exam-hint', id: p + 'n-hint', 'data-sg-n-hint': true }),
            h('input', { type: 'number', id: p + 'n', name: 'n', min: 1, max: size, value: n, inputmode: 'numeric',
              'aria-describedby': p + 'n-hint ' + p + 'n-error', class: 'sg-exam-number' }),
            h('p', { class: 'sg-exam-error', id: p + 'n-error', 'data-sg-error': 'n' }),
          ]),
          h('fieldset', { class: 'sg-exam-field', 'aria-describedby': p + 'ch-error' }, [
            h('legend', { text: 'Chapters' }),
            h('ul', { class: 'sg-exam-options' }, chapterBoxes),
            h('p', { class: 'sg-exam-error', id: p + 'ch-error', 'data-sg-error': 'chapters' }),
          ]),
          h('fieldset', { class: 'sg-exam-field' }, [h('legend', { text: 'Mode' }), h('ul', { class: 'sg-exam-options' }, modes)]),
          h('div', { class: 'sg-exam-field', 'data-sg-limit-field': true }, [
            h('label', { for: p + 'limit', text: 'Time limit' }),
            h('p', { class: 'sg-exam-hint', id: p + 'limit-hint',
              text: 'Take more time if you need it: the real exam grants 30 minutes more on request.' }),
            h('select', { id: p + 'limit', name: 'limit', 'aria-describedby': p + 'limit-hint' }),
          ]),
          h('div', { class: 'sg-exam-actions' }, [
            h('button', { type: 'submit', class: 'sg-button sg-exam-primary', 'data-sg-key': 'start', text: 'Start' }),
          ]),
        ]));
        x.fill([
          s.heading('Start a practice exam'),
          h('p', { text: 'The question bank holds ' + plural(size, 'question') + ' in ' + plural(chapters.length, 'chapter') +
            '. The real exam has ' + x.questions + ' questions in ' + x.minutes + ' minutes, and you pass it with ' +
            x.pass + '% here.' }),
          form,
          s.historySection(),
        ], focus);
        s.updateStart(form, false);
      },

      /**
       * Keeps the start form consistent: the most questions the chosen chapters
       * hold, the time limits for that many, the limit only for the timed mode.
       * @param {HTMLFormElement & {sgEdited?: boolean}} form
       * @param {boolean} edited
       */
      updateStart(form, edited) {
        const max = M.pool(x.bank, x.chosenChapters(form)).length;
        const input = /** @type {HTMLInputElement} */ (form.elements.namedItem('n'));
        input.max = String(Math.max(1, max));
        // The count follows the chapters until the learner types one.
        if (edited) form.sgEdited = !!input.value;
        if (!form.sgEdited) input.value = String(Math.max(1, Math.min(x.questions, max)));
        /** @type {HTMLElement} */ (form.querySelector('[data-sg-n-hint]')).textContent = max
          ? 'From 1 to ' + max + ', the questions in the chapters you chose.'
          : 'Choose at least one chapter first.';
        let n = parseInt(input.value, 10);
        n = n >= 1 && n <= max ? n : Math.max(1, Math.min(x.questions, max));
        const select = /** @type {HTMLSelectElement} */ (form.elements.namedItem('limit'));
        const old = select.value || 'standard';
        const standard = /** @type {number} */ (x.limitMinutes('standard', n));
        select.textContent = '';
        [
          ['standard', plural(standard, 'minute') + ' (the exam\'s pace: ' + x.minutes + ' minutes for ' + x.questions + ' questions)'],
          ['plus30', plural(standard + 30, 'minute') + ' (30 minutes more, as the real exam grants on request)'],
          ['double', plural(standard * 2, 'minute') + ' (double time)'],
          ['none', 'No time limit'],
        ].forEach((o) => select.appendChild(h('option', { value: o[0], text: o[1], selected: o[0] === old })));
        const mode = /** @type {RadioNodeList} */ (form.elements.namedItem('mode'));
        /** @type {HTMLElement} */ (form.querySelector('[data-sg-limit-field]')).hidden = mode.value === 'practice';
      },

      /**
       * Shows (or clears) the error of a field of the start form; the field.
       * @param {HTMLFormElement} form
       * @param {string} name 'n' or 'chapters'
       * @param {string} text
       * @returns {HTMLElement}
       */
      formError(form, name, text) {
        /** @type {HTMLElement} */ (form.querySelector('[data-sg-error="' + name + '"]')).textContent = text;
        const field = /** @type {HTMLElement} */ (name === 'n' ? form.elements.namedItem('n') : form.querySelector('input[name="chapter"]'));
        if (name === 'n') field.setAttribute('aria-invalid', text ? 'true' : 'false');
        return field;
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
        x.fill([
          s.statusBar(),
          s.heading('Question ' + (index + 1) + ' of ' + n),
          h('fieldset', { class: 'sg-exam-question' + (checked ? ' ' + (M.isRight(q, mine) ? 'sg-correct' : 'sg-incorrect') : ''),
            'data-sg-qid': q.id }, [legend, h('ul', { class: 'sg-choices' }, choices)]),
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

      /** The last finished attempt's results (shown on their screen, and on paper). */
      renderResults() {
        const box = x.results;
        box.textContent = '';
        x.printNone.hidden = !!x.last;
        const a = x.last;
        if (!a) return;
        const bank = x.bank;
        const result = M.grade(bank, a, x.pass);
        const answeredCount = result.rows.filter((r) => r.done).length;
        const table = (/** @type {string} */ caption, /** @type {{title: string, n: number, right: number}[]} */ groups) =>
          h('div', { class: 'sg-exam-table' }, [h('table', {}, [
            h('caption', { text: caption }),
            h('thead', {}, [h('tr', {}, ['', 'Questions', 'Correct', 'Percent'].map((t, i) => h('th', { scope: 'col',
              text: i ? t : caption.replace(/^By /, '').replace(/^./, (c) => c.toUpperCase()) })))]),
            h('tbody', {}, groups.map((g) => h('tr', {}, [
              h('th', { scope: 'row', text: g.title }),
              h('td', { text: String(g.n) }), h('td', { text: String(g.right) }), h('td', { text: percent(g.right, g.n) + '%' }),
            ]))),
          ])]);
        const tally = (/** @type {(q: BankQuestion) => string | null} */ key, /** @type {(string | null)[]} */ keys,
          /** @type {(k: string | null) => string} */ titleOf) => keys.flatMap((k) => {
          const rows = result.rows.filter((r) => key(r.q) === k);
          return rows.length ? [{ title: titleOf(k), n: rows.length, right: rows.filter((r) => r.right).length }] : [];
        });
        const chapters = tally((q) => q.chapter, bank.chapters.map((c) => c.id), (k) => bank.chapterOf[/** @type {string} */ (k)].title);
        const domains = tally((q) => q.domain, [...bank.domains.map((d) => d.key), null],
          (k) => (k === null ? 'No domain given' : bank.domainOf[k].title));
        const wrong = result.rows.filter((r) => !r.right);
        const marked = result.rows.filter((r) => r.flagged);
        const retake = (/** @type {string} */ which, /** @type {unknown[]} */ list, /** @type {string} */ label, /** @type {string} */ reason) => {
          const reasonId = x.prefix + 'retake-' + which;
          return h('span', { class: 'sg-exam-retake' }, [
            h('button', { type: 'button', class: 'sg-button', 'data-sg-act': 'retake', 'data-sg-arg': which, 'data-sg-key': 'retake-' + which,
              disabled: !list.length, 'aria-describedby': list.length ? null : reasonId,
              text: label + (list.length ? ' (' + list.length + ')' : '') }),
            list.length ? null : h('span', { class: 'sg-exam-hint', id: reasonId, text: reason }),
          ]);
        };
        // Each question's title sits one level below "Every question".
        const itemLevel = 'h' + Math.min(6, parseInt(x.h2.slice(1), 10) + 1);
        const items = result.rows.map((r) => {
          const q = r.q;
          const verdict = r.right ? 'correct' : r.done ? 'incorrect' : 'not answered';
          const choiceItems = a.perm[r.index].map((c, k) => {
            const item = h('li', { class: 'sg-choice' }, [h('p', { class: 'sg-exam-choice-line' }, [
              h('span', { class: 'sg-letter', text: M.LETTERS[k] + ')' }),
              h('span', { class: 'sg-exam-choice-text', html: q.choices[c].html }),
            ])]);
            s.markChoice(item, q, c, r.mine);
            return item;
          });
          const yours = r.done ? M.letters(a, r.index, r.mine).join(', ') : 'none';
          return h('li', { class: 'sg-exam-outcome ' + (r.right ? 'sg-correct' : 'sg-incorrect'), 'data-sg-qid': q.id }, [
            h(itemLevel, { class: 'sg-exam-outcome-title', text: 'Question ' + (r.index + 1) + ': ' + verdict + (r.flagged ? ' (flagged)' : '') }),
            h('div', { class: 'sg-exam-prompt' }, [h('span', { html: q.prompt }), q.choose ? ' (Choose ' + q.choose + '.)' : null]),
            h('ul', { class: 'sg-choices' }, choiceItems),
            h('p', { class: 'sg-result', text: 'Your answer: ' + yours + '. Correct answer: ' + M.letters(a, r.index, q.answer).join(', ') + '.' }),
            h('div', { class: 'sg-exam-explanation', html: q.explanation }),
            s.readAgain(q),
          ]);
        });
        const headingsId = x.prefix + 'all';
        const end = /** @type {number} */ (a.end);
        [
          s.heading('Results'),
          h('p', { class: 'sg-exam-score ' + (result.passed ? 'sg-pass' : 'sg-fail') }, [
            h('strong', { text: result.passed ? 'PASS' : 'FAIL' }),
            ': ' + result.right + ' of ' + result.n + ' correct, ' + result.pct + '% (the pass mark here is ' + x.pass + '%).',
          ]),
          x.bank.exam && x.bank.exam.passNote ? h('p', { text: x.bank.exam.passNote }) : null,
          h('p', { text: (a.mode === 'practice' ? 'Practice' : 'Exam') + ' mode, ' +
            (a.minutes ? a.minutes + '-minute limit' : 'no time limit') + '. Time taken: ' + duration(end - a.start) + '. ' +
            (a.timedOut ? 'Time ran out, so the exam was submitted with ' + answeredCount + ' of ' + result.n + ' answered.'
              : 'Answered ' + answeredCount + ' of ' + result.n + '.') +
            (a.retake ? ' A retake of the ' + (a.retake === 'incorrect' ? 'incorrect' : 'flagged') + ' questions.' : '') }),
          h('div', { class: 'sg-exam-actions sg-exam-result-actions' }, [
            retake('incorrect', wrong, 'Retake incorrect', 'Every answer was correct.'),
            retake('flagged', marked, 'Retake flagged', 'No question was flagged.'),
            h('button', { type: 'button', class: 'sg-button sg-exam-primary', 'data-sg-act': 'new', 'data-sg-key': 'new', text: 'New exam' }),
          ]),
          table('By chapter', chapters),
          table('By domain', domains),
          h('section', { class: 'sg-exam-all', 'aria-labelledby': headingsId }, [
            h(x.h2, { id: headingsId, text: 'Every question' }),
            h('ol', { class: 'sg-exam-outcomes' }, items),
          ]),
          s.historySection(),
        ].forEach((node) => { if (node) box.appendChild(node); });
      },

      /** Every finished attempt of this exam, from the log. */
      historySection() {
        const id = x.prefix + 'history-' + (++x.sections);
        const list = M.history(SG.log.entries(), x.id);
        const body = list.length
          ? h('div', { class: 'sg-exam-table' }, [h('table', {}, [
            h('caption', { text: 'Finished attempts, newest first' }),
            h('thead', {}, [h('tr', {}, ['Date', 'Mode', 'Score', 'Time taken'].map((t) => h('th', { scope: 'col', text: t })))]),
            h('tbody', {}, list.map((e) => h('tr', {}, [
              h('td', { text: dateTime(e.t) }),
              h('td', { text: e.mode === 'practice' ? 'Practice' : 'Exam' }),
              h('td', { text: e.right + ' / ' + e.n + ' (' + e.pct + '%) ' + (e.passed ? 'PASS' : 'FAIL') }),
              h('td', { text: duration(e.t - e.start) }),
            ]))),
          ])])
          : h('p', { text: 'No finished attempt yet.' });
        return h('section', { class: 'sg-exam-history', 'aria-labelledby': id, 'data-sg-history': true }, [
          h(x.h2, { id, text: 'Your attempts' }), body,
        ]);
      },
    };
    return s;
  }

  SG.examScreens = screens;
})();
