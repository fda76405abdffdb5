// @ts-check
// The practice exam's results and history: the score (and the
// certainty-based mark, when the learner said how sure they were), how the
// questions were chosen, retakes, the tables by chapter and domain, every
// question with its answer, certainty and time, filtered to the wrong,
// flagged or unanswered ones, and every finished attempt from the log.
// Methods of the exam's screens (exam-screens.js); on paper every question
// is printed, whatever the filter.
(function () {
  'use strict';
  const SG = window.StudyGuide;
  const M = SG.examModel;
  const { h, plural, percent, duration, dateTime } = SG.dom;

  /** The filters of "Every question": value, name, which rows, what it says when none is. */
  const FILTERS = /** @type {[string, string, (r: GradeRow) => boolean, string][]} */ ([
    ['all', 'All', () => true, ''],
    ['wrong', 'Wrong', (r) => r.done && !r.right, 'No question was answered wrongly.'],
    ['flagged', 'Flagged', (r) => r.flagged, 'No question was flagged.'],
    ['unanswered', 'Unanswered', (r) => !r.done, 'Every question was answered.'],
  ]);

  /**
   * The results of the exam `x`.
   * @param {ExamView} x
   */
  function results(x) {
    /** @type {GradeRow[]} */
    let shown = [];

    const r = {
      /** The last finished attempt's results (shown on their screen, and on paper). */
      renderResults() {
        const box = x.results;
        box.textContent = '';
        x.printNone.hidden = !!x.last;
        const a = x.last;
        if (!a) return;
        const bank = x.bank;
        const result = M.grade(bank, a, x.pass);
        shown = result.rows;
        const answeredCount = result.rows.filter((row) => row.done).length;
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
          const rows = result.rows.filter((row) => key(row.q) === k);
          return rows.length ? [{ title: titleOf(k), n: rows.length, right: rows.filter((row) => row.right).length }] : [];
        });
        const chapters = tally((q) => q.chapter, bank.chapters.map((c) => c.id), (k) => bank.chapterOf[/** @type {string} */ (k)].title);
        const domains = tally((q) => q.domain, [...bank.domains.map((d) => d.key), null],
          (k) => (k === null ? 'No domain given' : bank.domainOf[k].title));
        const wrong = result.rows.filter((row) => !row.right);
        const open = wrong.filter((row) => !row.done).length;
        const marked = result.rows.filter((row) => row.flagged);
        const retake = (/** @type {string} */ which, /** @type {string} */ label, /** @type {string} */ reason) => {
          const reasonId = x.prefix + 'retake-' + which;
          return h('span', { class: 'sg-exam-retake' }, [
            h('button', { type: 'button', class: 'sg-button', 'data-sg-act': 'retake', 'data-sg-arg': which, 'data-sg-key': 'retake-' + which,
              disabled: !label, 'aria-describedby': label ? null : reasonId, text: label || (which === 'flagged' ? 'Retake flagged' : 'Retake incorrect') }),
            label ? null : h('span', { class: 'sg-exam-hint', id: reasonId, text: reason }),
          ]);
        };
        const sure = result.rows.some((row) => row.c !== null);
        const cbm = SG.sure.words(result.rows.filter((row) => row.done));
        const headingsId = x.prefix + 'all';
        const end = /** @type {number} */ (a.end);
        [
          x.screens.heading('Results'),
          h('p', { class: 'sg-exam-score ' + (result.passed ? 'sg-pass' : 'sg-fail') }, [
            h('strong', { text: result.passed ? 'PASS' : 'FAIL' }),
            ': ' + result.right + ' of ' + result.n + ' correct, ' + result.pct + '% (the pass mark here is ' + x.pass + '%).',
          ]),
          cbm ? h('p', { class: 'sg-exam-cbm', 'data-sg-cbm': true, text: cbm }) : null,
          x.bank.exam && x.bank.exam.passNote ? h('p', { text: x.bank.exam.passNote }) : null,
          h('p', { 'data-sg-about': true, text: (a.mode === 'practice' ? 'Practice' : 'Exam') + ' mode, ' +
            (a.minutes ? a.minutes + '-minute limit' : 'no time limit') +
            (a.retake ? '. A retake of the ' + (a.retake === 'incorrect' ? 'incorrect' : 'flagged') + ' questions'
              : '. Questions: ' + M.drawTitle(bank, a.draw, a.focus)) +
            '. Time taken: ' + duration(end - a.start) + '. ' +
            (a.timedOut ? 'Time ran out, so the exam was submitted with ' + answeredCount + ' of ' + result.n + ' answered.'
              : 'Answered ' + answeredCount + ' of ' + result.n + '.') }),
          h('div', { class: 'sg-exam-actions sg-exam-result-actions' }, [
            retake('incorrect', wrong.length ? 'Retake incorrect (' + wrong.length + (open ? ', ' + open + ' of them unanswered' : '') + ')' : '',
              'Every answer was correct.'),
            retake('flagged', marked.length ? 'Retake flagged (' + marked.length + ')' : '', 'No question was flagged.'),
            h('button', { type: 'button', class: 'sg-button sg-exam-primary', 'data-sg-act': 'new', 'data-sg-key': 'new', text: 'New exam' }),
          ]),
          table('By chapter', chapters),
          table('By domain', domains),
          h('section', { class: 'sg-exam-all', 'aria-labelledby': headingsId }, [
            h(x.h2, { id: headingsId, text: 'Every question' }),
            r.filters(result.rows),
            h('p', { class: 'sg-exam-none', 'data-sg-none': true, hidden: true }),
            h('ol', { class: 'sg-exam-outcomes' }, result.rows.map((row) => r.outcome(a, row, sure))),
          ]),
          r.historySection(),
        ].forEach((node) => { if (node) box.appendChild(node); });
        r.applyFilter(x.filter, false);
      },

      /**
       * The filters over every question, each with how many it shows.
       * @param {GradeRow[]} rows
       */
      filters(rows) {
        const name = x.prefix + 'filter';
        return h('fieldset', { class: 'sg-exam-filters' }, [
          h('legend', { text: 'Show' }),
          ...FILTERS.map(([value, label, which]) => {
            const id = name + '-' + value;
            return h('span', { class: 'sg-exam-filter' }, [
              h('input', { type: 'radio', name, id, value, checked: value === x.filter, 'data-sg-filter': value, 'data-sg-key': 'filter-' + value }),
              h('label', { for: id, text: label + ' (' + rows.filter(which).length + ')' }),
            ]);
          }),
        ]);
      },

      /**
       * Shows the questions of one filter (on screen; paper gets them all).
       * @param {string} value
       * @param {boolean} announce whether to say how many are shown
       */
      applyFilter(value, announce) {
        const filter = FILTERS.find((f) => f[0] === value) || FILTERS[0];
        x.filter = filter[0];
        const count = shown.filter(filter[2]).length;
        x.results.querySelectorAll('.sg-exam-outcome').forEach((item, i) => {
          item.classList.toggle('sg-exam-filtered', !!shown[i] && !filter[2](shown[i]));
        });
        const none = /** @type {HTMLElement | null} */ (x.results.querySelector('[data-sg-none]'));
        if (none) {
          none.textContent = filter[3];
          none.hidden = count > 0;
        }
        if (announce) SG.announce(x.statusRegion, 'Showing ' + (count || 'none') + ' of ' + plural(shown.length, 'question') + '.');
      },

      /**
       * One question of the results: the choices marked, your answer and the
       * right one, how sure you were, the time on it, the explanation.
       * @param {Attempt} a @param {GradeRow} row @param {boolean} sure whether any answer had a certainty
       */
      outcome(a, row, sure) {
        const q = row.q;
        const verdict = row.right ? 'correct' : row.done ? 'incorrect' : 'not answered';
        // Each question's title sits one level below "Every question".
        const itemLevel = 'h' + Math.min(6, parseInt(x.h2.slice(1), 10) + 1);
        const choiceItems = a.perm[row.index].map((c, k) => {
          const item = h('li', { class: 'sg-choice' }, [h('p', { class: 'sg-exam-choice-line' }, [
            h('span', { class: 'sg-letter', text: M.LETTERS[k] + ')' }),
            h('span', { class: 'sg-exam-choice-text', html: q.choices[c].html }),
          ])]);
          x.screens.markChoice(item, q, c, row.mine);
          return item;
        });
        const yours = row.done ? M.letters(a, row.index, row.mine).join(', ') : 'none';
        const level = row.c ? SG.sure.LEVELS[row.c - 1] : null;
        const certainty = !sure ? '' : level
          ? 'How sure: ' + level.name + ' (' + level.hint + ')' + (row.done ? ', certainty-based mark ' + SG.sure.mark(row.right, level.c) : '') + '. '
          : 'How sure: not given. ';
        return h('li', { class: 'sg-exam-outcome ' + (row.right ? 'sg-correct' : 'sg-incorrect'), 'data-sg-qid': q.id }, [
          h(itemLevel, { class: 'sg-exam-outcome-title', text: 'Question ' + (row.index + 1) + ': ' + verdict + (row.flagged ? ' (flagged)' : '') }),
          h('div', { class: 'sg-exam-prompt' }, [h('span', { html: q.prompt }), q.choose ? ' (Choose ' + q.choose + '.)' : null]),
          h('ul', { class: 'sg-choices' }, choiceItems),
          h('p', { class: 'sg-result', text: 'Your answer: ' + yours + '. Correct answer: ' + M.letters(a, row.index, q.answer).join(', ') + '.' }),
          h('p', { class: 'sg-exam-meta', 'data-sg-meta': true, text: certainty + 'Time on this question: ' + duration(row.spent) + '.' }),
          h('div', { class: 'sg-exam-explanation', html: q.explanation }),
          x.screens.readAgain(q),
        ]);
      },

      /** Every finished attempt of this exam, from the log. */
      historySection() {
        const id = x.prefix + 'history-' + (++x.sections);
        const list = M.history(SG.log.entries(), x.id);
        const body = list.length
          ? h('div', { class: 'sg-exam-table' }, [h('table', {}, [
            h('caption', { text: 'Finished attempts, newest first' }),
            h('thead', {}, [h('tr', {}, ['Date', 'Mode', 'Questions', 'Score', 'Time taken'].map((t) => h('th', { scope: 'col', text: t })))]),
            h('tbody', {}, list.map((e) => h('tr', {}, [
              h('td', { text: dateTime(e.t) }),
              h('td', { text: e.mode === 'practice' ? 'Practice' : 'Exam' }),
              h('td', { text: M.drawTitle(x.bank, e.draw, e.focus) }),
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
    return r;
  }

  SG.examResults = results;
})();
