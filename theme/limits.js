// @ts-check
// Practice mode for limit tables: the values hide, the learner recalls each
// one (typed in any unit, or picked from a list) and it is graded at once.
(function () {
  'use strict';
  const SG = window.StudyGuide;
  const { h } = SG.dom;
  const RESULTS = ['right', 'wrong', 'revealed'];

  /** @typedef {{h: string, r: string, a: string}} RowState */

  /** What stands for a value while it is practised, hidden until then. */
  function maskSpan() {
    return h('span', { class: 'sg-ref-mask', 'data-sg-ref-mask': '', role: 'img', hidden: true,
      'aria-label': 'Value hidden while you practise', title: 'Hidden while you practise this limit', text: '•••' });
  }

  /** @type {Map<string, HTMLElement[]> | null} */
  let refsById = null;
  /**
   * The prose of the page that states limit `id` ({{limit id}}). The page is
   * searched once for the rows started together, not once a row: the print
   * page has thousands of rows.
   * @param {string} id
   */
  function refsTo(id) {
    if (!refsById) {
      const index = new Map();
      for (const ref of document.querySelectorAll('[data-sg-limit-ref]')) {
        const of = ref.getAttribute('data-limit') || '';
        if (!index.has(of)) index.set(of, []);
        index.get(of).push(/** @type {HTMLElement} */ (ref));
      }
      refsById = index;
      // Kept for the tables started in this turn; a block added later is
      // searched for again.
      queueMicrotask(() => { refsById = null; });
    }
    return refsById.get(id) || [];
  }

  /** One limit of a table: its value, the prose that states it, its practice. */
  class Row {
    /** @param {HTMLElement} tr */
    constructor(tr) {
      const data = (/** @type {string} */ name) => tr.getAttribute('data-' + name) || '';
      this.tr = tr;
      this.id = data('id');
      this.key = 'sg:limit:' + this.id;
      this.hash = data('hash');
      this.name = /** @type {HTMLElement} */ (tr.querySelector('th')).textContent || '';
      this.dimension = data('dim');
      this.truth = data('kind') === 'range' ? [Number(data('min')), Number(data('max'))] : [Number(data('value'))];
      /** @type {string[]} */
      this.choices = JSON.parse(data('choices') || '[]');
      this.choiceAnswer = Number(data('choice-answer'));
      this.value = /** @type {HTMLElement} */ (tr.querySelector('[data-sg-value]'));
      // The limit as prose elsewhere on the page states it ({{limit id}}).
      this.refs = refsTo(this.id);
      /** What the table's other cells say that states this row's value (LimitTable.findGiveaways). @type {HTMLElement[]} */
      this.giveaways = [];
      /** @type {RowState | null} */
      this.state = null;
      /** @type {HTMLElement | null} */
      this.form = null;
      /** @type {(HTMLInputElement | HTMLSelectElement)[]} */
      this.fields = [];
      this.button = h('button');
      this.result = h('span');
    }

    /**
     * Hides the value (or shows it again) in the table and in the prose that
     * states it, which would otherwise give the answer away.
     * @param {boolean} hidden
     */
    conceal(hidden) {
      this.value.hidden = hidden;
      // A mention of the value in a note stays hidden while any row it gives away is.
      for (const giveaway of this.giveaways) {
        const owners = /** @type {Row[]} */ (/** @type {any} */ (giveaway).sgRows);
        const masked = owners.some((row) => row.value.hidden);
        /** @type {HTMLElement} */ (giveaway.firstElementChild).hidden = masked;
        /** @type {HTMLElement} */ (giveaway.lastElementChild).hidden = !masked;
      }
      for (const ref of this.refs) {
        let text = /** @type {HTMLElement | null} */ (ref.querySelector('[data-sg-ref-text]'));
        let mask = /** @type {HTMLElement | null} */ (ref.querySelector('[data-sg-ref-mask]'));
        if (!text || !mask) {
          text = h('span', { 'data-sg-ref-text': '' }, [...ref.childNodes]);
          mask = maskSpan();
          ref.appendChild(text);
          ref.appendChild(mask);
        }
        text.hidden = hidden;
        mask.hidden = !hidden;
      }
    }

    /**
     * The controls for one mode: typed inputs (two for a range) or a list.
     * @param {string} mode 'type' or 'choose'
     */
    build(mode) {
      if (this.form) this.form.remove();
      const form = this.form = h('span', { class: 'sg-practice' });
      if (mode === 'choose') {
        const select = /** @type {HTMLSelectElement} */ (form.appendChild(h('select', { 'aria-label': 'Your answer for ' + this.name })));
        ['Choose…'].concat(this.choices).forEach((text, i) => select.appendChild(h('option', { value: i ? String(i - 1) : '', text })));
        this.fields = [select];
      } else {
        const bounds = this.truth.length > 1 ? ['Minimum', 'Maximum'] : [''];
        this.fields = bounds.map((bound) => /** @type {HTMLInputElement} */ (form.appendChild(h('input', {
          type: 'text', autocomplete: 'off', spellcheck: 'false', placeholder: bound ? bound.toLowerCase() : 'value and unit',
          'aria-label': 'Your answer: ' + (bound ? bound + ' ' : '') + this.name.toLowerCase() }))));
      }
      this.button = form.appendChild(h('button', { type: 'button', class: 'sg-button', 'data-sg-row-check': '',
        'aria-label': 'Check ' + this.name, text: 'Check' }));
      this.result = form.appendChild(h('span', { class: 'sg-practice-result', role: 'status' }));
      /** @type {HTMLElement} */ (this.value.parentNode).appendChild(form);
    }

    /**
     * Grades the answer; true when there was one to grade.
     * @param {string} mode
     */
    check(mode) {
      let answer = this.fields.map((f) => f.value.trim());
      let right;
      if (mode === 'choose') {
        if (answer[0] === '') return SG.announce(this.result, 'Choose a value first.'), false;
        right = Number(answer[0]) === this.choiceAnswer;
        answer = [this.choices[Number(answer[0])]];
      } else {
        if (answer.indexOf('') >= 0) {
          SG.announce(this.result, answer.length > 1 ? 'Fill in both the minimum and the maximum.' : 'Write a value first.');
          return false;
        }
        const parsed = answer.map(SG.quantity.parse);
        if (parsed.some((q) => q === null)) {
          SG.announce(this.result, this.dimension === 'count' ? 'Write a number, alone or with what it counts.'
            : 'Write a number and a unit, such as 15 min or 512 MB.');
          return false;
        }
        // A bare number is a count: for anything else, ask for its unit.
        const dimension = this.dimension;
        if (dimension !== 'count' && parsed.some((q) => q && q.unitless)) {
          SG.announce(this.result, 'Add the unit to the number, such as ' +
            (dimension === 'bytes' ? '512 MB' : dimension === 'rate' ? '100 per second' : '15 min') + '.');
          return false;
        }
        right = parsed.every((q, i) => q !== null && q.dimension === this.dimension && SG.quantity.same(q.base, this.truth[i]));
      }
      this.settle({ h: this.hash, r: right ? 'right' : 'wrong', a: answer.join(' – ') }, true);
      // The learner's history: a missed limit becomes a review card.
      SG.log.append(SG.log.make.limit({ id: this.id, h: this.hash, ok: right, w: 'limit' }));
      return true;
    }

    /**
     * Shows the outcome (right, wrong or revealed) and the true value; a row
     * not answered right can be tried again on its own.
     * @param {RowState} state
     * @param {boolean} announce
     */
    settle(state, announce) {
      this.state = state;
      SG.store.set(this.key, state);
      this.conceal(false);
      this.tr.classList.toggle('sg-right', state.r === 'right');
      this.tr.classList.toggle('sg-wrong', state.r === 'wrong');
      this.showAnswer(state.a);
      this.fields.forEach((f) => { f.disabled = true; });
      if (state.r === 'right') {
        this.button.setAttribute('aria-disabled', 'true');
      } else {
        this.button.textContent = 'Try again';
        this.button.setAttribute('aria-label', 'Try again: ' + this.name);
        this.button.setAttribute('data-sg-row-retry', '');
        this.button.removeAttribute('data-sg-row-check');
      }
      const text = { right: '✓ Correct', wrong: '✗ Incorrect: you answered ' + state.a, revealed: 'Revealed' }[state.r];
      if (announce) SG.announce(this.result, text + '. The answer is ' + this.value.textContent + '.');
      else this.result.textContent = text || '';
    }

    /**
     * What the learner answered, in whichever fields the mode shows now (a
     * typed answer in a list after a reload in Choosing mode, and back).
     * @param {string} answer
     */
    showAnswer(answer) {
      if (!answer) return;
      const field = this.fields[0];
      if (field instanceof HTMLSelectElement) {
        if (field.value !== '') return;
        field.appendChild(h('option', { value: 'answered', text: answer }));
        field.value = 'answered';
      } else if (this.fields.every((f) => f.value === '')) {
        const parts = this.fields.length > 1 ? answer.split(' – ') : [answer];
        this.fields.forEach((f, i) => { f.value = parts[i] || ''; });
      }
    }

    /** Clears the row's answer so it can be tried again; the focus goes to it. @param {string} mode */
    retry(mode) {
      SG.store.remove(this.key);
      this.start(mode);
      this.fields[0].focus();
    }

    /** @param {string} mode */
    start(mode) {
      this.build(mode);
      let saved = SG.store.get(this.key);
      if (saved && (saved.h !== this.hash || RESULTS.indexOf(saved.r) < 0)) {
        SG.store.remove(this.key);
        saved = null;
      }
      this.state = null;
      this.tr.classList.remove('sg-right', 'sg-wrong');
      this.conceal(true);
      if (saved) this.settle(saved, false);
    }

    stop() {
      if (this.form) this.form.remove();
      this.conceal(false);
      this.tr.classList.remove('sg-right', 'sg-wrong');
    }
  }

  class LimitTable extends SG.Component {
    static moduleName = 'limits';

    /** @param {Element} root */
    constructor(root) {
      super(root);
      this.key = 'sg:limits:' + this.root.getAttribute('data-table');
      this.rows = [...this.root.querySelectorAll('[data-sg-limit]')].map((tr) => new Row(/** @type {HTMLElement} */ (tr)));
      this.practiceButton = /** @type {HTMLElement} */ (this.root.querySelector('[data-sg-practice]'));
      this.controls = /** @type {HTMLElement} */ (this.root.querySelector('[data-sg-controls]'));
      this.score = /** @type {HTMLElement} */ (this.root.querySelector('[data-sg-score]'));
      this.practicing = false;
      this.findGiveaways();
      SG.reveal(this.root);
      this.listen({ click: this.onClick, keydown: this.onKey, change: this.onChange });
      const saved = SG.store.get(this.key) || {};
      this.mode = saved.mode === 'choose' ? 'choose' : 'type';
      if (saved.practice === true) this.practice(true, false);
    }

    save() {
      SG.store.set(this.key, { practice: this.practicing, mode: this.mode });
    }

    /**
     * Wraps each quantity that the table's other cells state (a note, the
     * resource's name) and that is a row's value, in any unit, so that it
     * can be masked while that row is practised: "604,800 seconds" beside
     * 7 days, "minus 100" beside 100.
     */
    findGiveaways() {
      const cells = [...this.root.querySelectorAll('tbody :is(th, td)')].filter((cell) => !cell.querySelector('[data-sg-value]'));
      for (const cell of cells) {
        const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
        const texts = [];
        for (let node = walker.nextNode(); node; node = walker.nextNode()) texts.push(/** @type {Text} */ (node));
        for (const text of texts) {
          const value = text.data;
          const found = SG.quantity.mentions(value).map((m) => ({ ...m, rows: this.rows.filter((row) =>
            SG.quantity.givesAway(m.quantity, row.dimension, row.truth)) })).filter((m) => m.rows.length);
          if (!found.length) continue;
          const parts = [];
          let at = 0;
          for (const m of found) {
            parts.push(value.slice(at, m.start));
            const said = value.slice(m.start, m.end);
            const wrap = h('span', { class: 'sg-giveaway' }, [
              h('span', { 'data-sg-ref-text': '', text: said }),
              maskSpan(),
            ]);
            /** @type {any} */ (wrap).sgRows = m.rows;
            m.rows.forEach((row) => row.giveaways.push(wrap));
            parts.push(wrap);
            at = m.end;
          }
          parts.push(value.slice(at));
          text.replaceWith(...parts);
        }
      }
    }

    /**
     * Shows what another tab saved: the table's practice state and the rows
     * whose keys changed (every row for null), without saving anything.
     * @param {string[] | null} keys
     */
    storeChanged(keys) {
      if (keys && !keys.some((key) => /^sg:limits?:/.test(key))) return;
      const saved = SG.store.get(this.key) || {};
      const on = saved.practice === true;
      this.mode = saved.mode === 'choose' ? 'choose' : 'type';
      if (on !== this.practicing || keys === null || keys.indexOf(this.key) >= 0) return this.practice(on, false);
      if (!on) return;
      this.rows.forEach((row) => { if (keys.indexOf(row.key) >= 0) row.start(this.mode); });
      this.updateScore();
    }

    /**
     * Turns practice mode on (rows from their saved state) or off; saved
     * unless `save` is false.
     * @param {boolean} on
     * @param {boolean} [save]
     */
    practice(on, save) {
      this.practicing = on;
      this.practiceButton.setAttribute('aria-pressed', String(on));
      this.controls.hidden = !on;
      this.controls.querySelectorAll('[data-sg-mode]').forEach((radio) => {
        /** @type {HTMLInputElement} */ (radio).checked = /** @type {HTMLInputElement} */ (radio).value === this.mode;
      });
      this.rows.forEach((row) => { if (on) row.start(this.mode); else if (row.form) row.stop(); });
      this.updateScore();
      if (save !== false) this.save();
    }

    updateScore() {
      const right = this.rows.filter((row) => row.state && row.state.r === 'right').length;
      this.score.textContent = 'Score: ' + right + ' / ' + this.rows.length;
    }

    /**
     * Grades a row, then moves on to the next row still to answer (its
     * fields are disabled now, so focus would otherwise fall to the page).
     * @param {Element} el
     */
    checkRow(el) {
      const tr = el.closest('[data-sg-limit]');
      const row = this.rows.find((r) => r.tr === tr);
      if (!row || row.state || !row.check(this.mode)) return;
      this.updateScore();
      const i = this.rows.indexOf(row);
      const next = this.rows.slice(i + 1).concat(this.rows.slice(0, i)).find((r) => !r.state);
      (next ? next.fields[0] : /** @type {HTMLElement} */ (this.root.querySelector('[data-sg-reset]'))).focus();
    }

    /** @param {MouseEvent} event */
    onClick(event) {
      const target = /** @type {Element} */ (event.target);
      if (target.closest('[data-sg-practice]')) {
        this.practice(!this.practicing);
      } else if (target.closest('[data-sg-row-retry]')) {
        const tr = target.closest('[data-sg-limit]');
        this.rows.filter((r) => r.tr === tr).forEach((r) => r.retry(this.mode));
        this.updateScore();
      } else if (target.closest('[data-sg-row-check]')) {
        this.checkRow(target);
      } else if (target.closest('[data-sg-reveal]')) {
        // Seen, not recalled: no attempt for the history.
        this.rows.forEach((row) => { if (!row.state) row.settle({ h: row.hash, r: 'revealed', a: '' }, false); });
        this.updateScore();
        SG.announce(this.score, 'All values revealed. ' + this.score.textContent);
      } else if (target.closest('[data-sg-reset]')) {
        this.rows.forEach((row) => SG.store.remove(row.key));
        this.practice(true);
        SG.announce(this.score, 'Practice reset. ' + this.score.textContent);
        /** @type {HTMLElement} */ (this.root.querySelector('.sg-practice input, .sg-practice select')).focus();
      }
    }

    /** @param {KeyboardEvent} event */
    onKey(event) {
      const target = /** @type {Element} */ (event.target);
      if (event.key === 'Enter' && target.closest('.sg-practice') && target.nodeName !== 'BUTTON') {
        event.preventDefault();
        this.checkRow(target);
      }
    }

    /** @param {Event} event */
    onChange(event) {
      const target = /** @type {HTMLInputElement} */ (event.target);
      if (!target.hasAttribute('data-sg-mode')) return;
      this.mode = target.value;
      this.rows.forEach((row) => { if (!row.state) row.build(this.mode); });
      this.save();
    }
  }

  SG.define(LimitTable);
})();
