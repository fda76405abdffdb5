// @ts-check
// The practice exam's start screen: how many questions, of which chapters,
// which questions (at random, unseen first, weak spots first, or those of
// one task statement or domain), exam or practice, how long, and whether to
// ask how sure the learner is. A domain that the chosen questions cannot
// give its share of the blueprint is named before the learner starts.
// Methods of the exam's screens (exam-screens.js), which the exam component
// (exam.js) shows.
(function () {
  'use strict';
  const SG = window.StudyGuide;
  const M = SG.examModel;
  const { h, plural } = SG.dom;

  /** The ways to choose the questions: value, name, what it does. */
  const DRAWS = [
    ['random', 'Random', 'drawn at random'],
    ['unseen', 'Unseen first', 'the questions you have not answered anywhere yet, then the rest at random'],
    ['weak', 'Weak spots', 'the questions you are least likely to recall now first, then those you have not answered yet'],
    ['focus', 'By task statement or domain', 'only the questions of the one you choose'],
  ];

  /**
   * The start screen of the exam `x`.
   * @param {ExamView} x
   */
  function start(x) {
    const t = {
      /**
       * The start form, chosen as `x.preset` says when a link asked for a
       * task statement or domain (then used up).
       * @param {boolean} focus
       */
      showStart(focus) {
        const bank = x.bank;
        const p = x.prefix;
        const preset = x.preset;
        x.preset = null;
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
        const byDomain = bank.domains.length > 0 && bank.questions.every((q) => q.domain);
        // The minutes more the real exam grants on request (the blueprint's extra-minutes), if any.
        const extra = bank.exam && bank.exam.extraMinutes;
        const chosen = preset ? 'focus' : 'random';
        const draws = DRAWS.filter((d) => d[0] !== 'focus' || byDomain).map((d) => h('li', {}, [h('label', {}, [
          h('input', { type: 'radio', name: 'draw', value: d[0], checked: d[0] === chosen }),
          h('span', {}, [h('strong', { text: d[1] }), ': ' + d[2], h('span', { 'data-sg-draw-count': d[0] })]),
        ])]));
        const modes = [
          ['exam', 'Exam', 'timed; your answers are marked at the end'],
          ['practice', 'Practice', 'untimed; each answer is marked, with its explanation, when you check it'],
        ].map((m) => h('li', {}, [h('label', {}, [
          h('input', { type: 'radio', name: 'mode', value: m[0], checked: m[0] === 'exam' }),
          h('span', {}, [h('strong', { text: m[1] }), ': ' + m[2]]),
        ])]));
        const form = /** @type {HTMLFormElement & {sgKnown?: Known}} */ (h('form', { class: 'sg-exam-start', 'data-sg-start': true, novalidate: true }, [
          h('div', { class: 'sg-exam-field' }, [
            h('label', { for: p + 'n', text: 'Number of questions' }),
            h('p', { class: 'sg-exam-hint', id: p + 'n-hint', 'data-sg-n-hint': true }),
            h('input', { type: 'number', id: p + 'n', name: 'n', min: 1, max: size, value: n, inputmode: 'numeric',
              'aria-describedby': p + 'n-hint ' + p + 'n-error ' + p + 'short', class: 'sg-exam-number' }),
            h('p', { class: 'sg-exam-error', id: p + 'n-error', 'data-sg-error': 'n' }),
          ]),
          h('fieldset', { class: 'sg-exam-field', 'aria-describedby': p + 'ch-error' }, [
            h('legend', { text: 'Chapters' }),
            h('ul', { class: 'sg-exam-options' }, chapterBoxes),
            h('p', { class: 'sg-exam-error', id: p + 'ch-error', 'data-sg-error': 'chapters' }),
          ]),
          h('fieldset', { class: 'sg-exam-field', 'aria-describedby': byDomain ? p + 'draw-hint' : null }, [
            h('legend', { text: 'Which questions' }),
            byDomain ? h('p', { class: 'sg-exam-hint', id: p + 'draw-hint', text: 'Each domain gets its share of the questions by ' +
              'the weights of the exam\'s blueprint; this decides which of its questions fill it.' }) : null,
            h('ul', { class: 'sg-exam-options' }, draws),
            byDomain ? h('div', { class: 'sg-exam-field sg-exam-focus', 'data-sg-focus-field': true }, [
              h('label', { for: p + 'focus', text: 'Task statement or domain' }),
              h('select', { id: p + 'focus', name: 'focus', 'aria-describedby': p + 'focus-error' }),
              h('p', { class: 'sg-exam-error', id: p + 'focus-error', 'data-sg-error': 'focus' }),
            ]) : null,
          ]),
          h('fieldset', { class: 'sg-exam-field' }, [h('legend', { text: 'Mode' }), h('ul', { class: 'sg-exam-options' }, modes)]),
          h('div', { class: 'sg-exam-field', 'data-sg-limit-field': true }, [
            h('label', { for: p + 'limit', text: 'Time limit' }),
            h('p', { class: 'sg-exam-hint', id: p + 'limit-hint', text: 'Take more time if you need it' +
              (extra ? ': the real exam grants ' + plural(extra, 'minute') + ' more on request.' : '.') }),
            h('select', { id: p + 'limit', name: 'limit', 'aria-describedby': p + 'limit-hint' }),
          ]),
          h('div', { class: 'sg-exam-field' }, [x.sureToggle]),
          h('p', { class: 'sg-exam-short', id: p + 'short', 'data-sg-short': true }),
          h('div', { class: 'sg-exam-actions' }, [
            h('button', { type: 'submit', class: 'sg-button sg-exam-primary', 'data-sg-key': 'start', text: 'Start' }),
          ]),
        ]));
        form.sgKnown = M.known(SG.log.entries(), bank, Date.now());
        x.fill([
          x.screens.heading('Start a practice exam'),
          h('p', { text: 'The question bank holds ' + plural(size, 'question') + ' in ' + plural(chapters.length, 'chapter') +
            '. The real exam has ' + x.questions + ' questions in ' + x.minutes + ' minutes, and you pass it with ' +
            x.pass + '% here.' }),
          form,
          x.screens.historySection(),
        ], focus);
        t.updateStart(form, false, preset ? preset.focus : null);
      },

      /**
       * Keeps the start form consistent: the task statements and domains with
       * how many questions the chosen chapters hold of each, the most
       * questions there are to draw, the time limits for that many, the limit
       * only for the timed mode, and which domains are short.
       * @param {HTMLFormElement & {sgEdited?: boolean, sgKnown?: Known}} form
       * @param {boolean} edited
       * @param {string | null} [focus] the task statement or domain to choose
       */
      updateStart(form, edited, focus) {
        const bank = x.bank;
        const chapters = t.chosenChapters(form);
        const inChapters = M.pool(bank, chapters);
        const draw = t.value(form, 'draw') || 'random';
        const select = /** @type {HTMLSelectElement | null} */ (form.elements.namedItem('focus'));
        if (select) {
          const was = focus || select.value;
          select.textContent = '';
          const count = (/** @type {(q: BankQuestion) => boolean} */ test) => inChapters.filter(test).length;
          for (const d of bank.domains) {
            const inDomain = count((q) => q.domain === d.key);
            select.appendChild(h('optgroup', { label: d.title }, [
              h('option', { value: 'domain:' + d.key, 'data-sg-size': inDomain, text: 'All of ' + d.title + ' (' + plural(inDomain, 'question') + ')' }),
              ...bank.tasks.filter((k) => k.domain === d.key).map((k) => {
                const inTask = count((q) => q.task === k.key);
                return h('option', { value: 'task:' + k.key, 'data-sg-size': inTask, text: k.key + ' ' + k.title + ' (' + plural(inTask, 'question') + ')' });
              }),
            ]));
          }
          // The learner's choice stays, even with no question in these chapters (the hint says so);
          // at first, the first with questions.
          const keep = /** @type {HTMLOptionElement | undefined} */ ([...select.options].find((o) => o.value === was) ||
            [...select.options].find((o) => o.getAttribute('data-sg-size') !== '0'));
          if (keep) keep.selected = true;
          /** @type {HTMLElement} */ (form.querySelector('[data-sg-focus-field]')).hidden = draw !== 'focus';
        }
        const questions = draw === 'focus' ? M.pool(bank, chapters, select ? select.value : null) : inChapters;
        const max = questions.length;
        const known = /** @type {Known} */ (form.sgKnown);
        const unseen = inChapters.filter((q) => !known.seen[q.id]).length;
        const rated = inChapters.filter((q) => q.id in known.recall).length;
        const countOf = (/** @type {string} */ which) => /** @type {HTMLElement} */ (form.querySelector('[data-sg-draw-count="' + which + '"]'));
        countOf('unseen').textContent = ' (' + unseen + ' of ' + inChapters.length + ' not answered yet)';
        countOf('weak').textContent = ' (' + rated + ' of ' + inChapters.length + ' with a recall estimate)';
        const input = /** @type {HTMLInputElement} */ (form.elements.namedItem('n'));
        input.max = String(Math.max(1, max));
        // The count follows the chapters and the choice until the learner types one.
        if (edited) form.sgEdited = !!input.value;
        if (!form.sgEdited) input.value = String(Math.max(1, Math.min(x.questions, max)));
        /** @type {HTMLElement} */ (form.querySelector('[data-sg-n-hint]')).textContent = !chapters.length
          ? 'Choose at least one chapter first.'
          : !max ? 'The chapters you chose have no question of this task statement or domain.'
            : 'From 1 to ' + max + ', the questions in the chapters' + (draw === 'focus' ? ' and the task statement or domain' : '') + ' you chose.';
        let n = parseInt(input.value, 10);
        n = n >= 1 && n <= max ? n : Math.max(1, Math.min(x.questions, max));
        const plan = draw === 'focus' ? null : M.shares(bank, questions, n);
        /** @type {HTMLElement} */ (form.querySelector('[data-sg-short]')).textContent = t.shortWords(plan, n);
        const limit = /** @type {HTMLSelectElement} */ (form.elements.namedItem('limit'));
        const old = limit.value || 'standard';
        const standard = /** @type {number} */ (x.limitMinutes('standard', n));
        const extra = /** @type {number} */ (x.limitMinutes('plus30', n)) - standard;
        const granted = bank.exam && bank.exam.extraMinutes;
        limit.textContent = '';
        [
          ['standard', plural(standard, 'minute') + ' (the exam\'s pace: ' + x.minutes + ' minutes for ' + x.questions + ' questions)'],
          granted ? ['plus30', plural(standard + extra, 'minute') + ' (' +
            (n >= x.questions ? plural(granted, 'minute') + ' more, as the real exam grants on request'
              : plural(extra, 'minute') + ' more: the ' + granted + ' the real exam grants on request, scaled to ' + plural(n, 'question')) + ')'] : null,
          ['double', plural(standard * 2, 'minute') + ' (double time)'],
          ['none', 'No time limit'],
        ].forEach((o) => o && limit.appendChild(h('option', { value: o[0], text: o[1], selected: o[0] === old })));
        /** @type {HTMLElement} */ (form.querySelector('[data-sg-limit-field]')).hidden = t.value(form, 'mode') === 'practice';
      },

      /**
       * Which domains cannot have their share of n questions, and by how
       * many, in a sentence ('' when every domain can).
       * @param {DomainShare[] | null} plan
       * @param {number} n
       */
      shortWords(plan, n) {
        const short = (plan || []).filter((s) => s.short > 0);
        if (!short.length) return '';
        return 'Not every domain can have its share of ' + plural(n, 'question') + ' from the chapters you chose. ' +
          short.map((s) => s.domain.title + ': ' + s.count + ' of its ' + plural(s.share, 'question') + ' (' + s.short + ' short)').join('; ') +
          '; the rest are drawn from the other domains.';
      },

      /**
       * The task statement or domain a link to the page asks to practise
       * ("#practise-task-2.2", "#practise-domain-KEY"), when the bank has it.
       * @param {string} hash
       * @returns {{focus: string} | null}
       */
      presetOf(hash) {
        const found = /^#practise-(task|domain)-(.+)$/.exec(hash);
        if (!found) return null;
        let key;
        try {
          key = decodeURIComponent(found[2]);
        } catch (e) {
          return null;
        }
        const f = M.focusOf(x.bank, found[1] + ':' + key);
        return f ? { focus: f[0] + ':' + f[1] } : null;
      },

      /** The value of a radio group or field of the form. @param {HTMLFormElement} form @param {string} name */
      value(form, name) {
        const field = /** @type {RadioNodeList | HTMLInputElement | null} */ (form.elements.namedItem(name));
        return field ? field.value : '';
      },

      /** The chapters checked on the start form. @param {HTMLFormElement} form */
      chosenChapters(form) {
        return [...form.querySelectorAll('input[name="chapter"]')]
          .filter((box) => /** @type {HTMLInputElement} */ (box).checked).map((box) => /** @type {HTMLInputElement} */ (box).value);
      },

      /**
       * Shows (or clears) the error of a field of the start form; the field.
       * @param {HTMLFormElement} form
       * @param {string} name 'n', 'chapters' or 'focus'
       * @param {string} text
       * @returns {HTMLElement}
       */
      formError(form, name, text) {
        const box = /** @type {HTMLElement | null} */ (form.querySelector('[data-sg-error="' + name + '"]'));
        if (box) box.textContent = text;
        const field = /** @type {HTMLElement} */ (name === 'chapters' ? form.querySelector('input[name="chapter"]') : form.elements.namedItem(name));
        if (name !== 'chapters' && field) field.setAttribute('aria-invalid', text ? 'true' : 'false');
        return field;
      },

      /**
       * The start form's choices, checked; null (the first wrong field
       * focused, each error named beside its field) when one is wrong.
       * @param {HTMLFormElement} form
       * @returns {(AttemptOptions & {n: number}) | null}
       */
      readStart(form) {
        const chapters = t.chosenChapters(form);
        const draw = M.DRAWS.indexOf(t.value(form, 'draw')) >= 0 ? t.value(form, 'draw') : 'random';
        const focus = draw === 'focus' ? t.value(form, 'focus') : null;
        const max = M.pool(x.bank, chapters, focus).length;
        const text = t.value(form, 'n').trim();
        const n = /^\d+$/.test(text) ? parseInt(text, 10) : NaN;
        const errors = [
          ['chapters', chapters.length ? '' : 'Choose at least one chapter.'],
          ['focus', !chapters.length || draw !== 'focus' || max ? '' : 'The chapters you chose have no question of this one: choose another, or more chapters.'],
          ['n', !max || (n >= 1 && n <= max) ? '' : 'Enter a whole number from 1 to ' + max + '.'],
        ];
        let bad = null;
        for (const [name, message] of errors) {
          const field = t.formError(form, name, message);
          if (message && !bad) bad = field;
        }
        if (bad) {
          bad.focus();
          return null;
        }
        const mode = t.value(form, 'mode') === 'practice' ? 'practice' : 'exam';
        const limit = M.LIMITS.indexOf(t.value(form, 'limit')) >= 0 ? t.value(form, 'limit') : 'standard';
        return { n, chapters, draw, focus, mode, limit };
      },
    };
    return t;
  }

  SG.examStart = start;
})();
