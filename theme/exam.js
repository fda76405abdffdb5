// @ts-check
// The practice exam. The page's bank of questions (vendor/bank-….js) holds
// every question; this draws an attempt from it (exam-model.js), runs it
// one question at a time (timed, or with feedback after each question),
// keeps it in storage so nothing is lost on a reload or in a second tab,
// grades it and lists every finished attempt. Its screens are in
// exam-screens.js.
(function () {
  'use strict';
  const SG = window.StudyGuide;
  const M = SG.examModel;
  const { h, plural } = SG.dom;
  const MINUTE = 60000;
  // Remaining minutes at which the time left is read out, and only then.
  const ANNOUNCE_AT = [30, 10, 5, 1];

  let count = 0;

  class Exam extends SG.Component {
    static moduleName = 'exam';

    /** @param {Element} root */
    constructor(root) {
      super(root);
      root = this.root;
      this.id = root.getAttribute('data-exam-id') || root.id || 'exam';
      this.key = 'sg:exam:' + this.id;
      this.lastKey = this.key + ':last';
      this.prefix = 'sg-exam-' + (++count) + '-';
      this.questions = Math.max(1, parseInt(root.getAttribute('data-questions') || '', 10) || 65);
      this.minutes = Math.max(1, parseInt(root.getAttribute('data-minutes') || '', 10) || 130);
      this.pass = Math.min(100, Math.max(0, parseInt(root.getAttribute('data-pass') || '', 10) || 70));
      // Below the block's own <h2> title when it has one.
      const level = root.querySelector('h2') ? 3 : 2;
      this.h1 = 'h' + level;
      this.h2 = 'h' + (level + 1);
      /** @type {Attempt | null} */
      this.attempt = null;
      /** @type {Attempt | null} */
      this.last = null;
      /** @type {string | null} */
      this.screen = null;
      /** @type {ReturnType<typeof setInterval> | null} */
      this.timer = null;
      /** @type {number | null} */
      this.remaining = null;
      this.sections = 0;
      this.generation = '';
      /** The screens (exam-screens.js). */
      this.screens = SG.examScreens(/** @type {ExamView} */ (/** @type {unknown} */ (this)));

      const nojs = /** @type {HTMLElement | null} */ (root.querySelector('[data-sg-nojs]'));
      this.bank = /** @type {Bank} */ (M.readBank(SG.bankOf(root)));
      this.note = root.appendChild(h('p', { class: 'sg-exam-note', hidden: true }));
      // Time left is read out through this region at 30, 10, 5 and 1 minutes only.
      this.timeRegion = h('p', { class: 'sg-exam-vh', 'aria-live': 'polite', 'data-sg-exam-time': true });
      // Other messages (a choice still missing, a practice verdict).
      this.statusRegion = h('p', { class: 'sg-exam-vh', role: 'status', 'data-sg-exam-status': true });
      this.view = h('div', { class: 'sg-exam-view' });
      this.results = h('div', { class: 'sg-exam-results' });
      this.printNone = h('p', { class: 'sg-exam-print-none',
        text: 'No finished exam yet: the results of your last exam are printed here once you have taken one.' });
      if (!this.bank || !this.bank.questions.length) {
        this.showNote('The questions of this exam could not be read, so the exam cannot start.');
        return;
      }
      if (nojs) nojs.hidden = true;
      root.classList.add('sg-exam-js');
      for (const node of [this.timeRegion, this.statusRegion, this.view, this.results, this.printNone]) root.appendChild(node);
      this.listen({ click: this.onClick, change: this.onChange, input: this.onInput, submit: this.onSubmit, keydown: this.onKey });
      SG.log.onChange(() => this.renderHistory());
      this.load();
    }

    /** @param {string} text */
    showNote(text) {
      this.note.textContent = text;
      this.note.hidden = false;
    }

    /** Reads the stored attempts; a damaged one is removed, with a note. */
    read() {
      this.generation = SG.store.generation();
      // Whether anything is stored, for SG.store drops what is not JSON silently.
      const hadAttempt = SG.store.has(this.key);
      const hadLast = SG.store.has(this.lastKey);
      let attempt = SG.store.get(this.key);
      let last = SG.store.get(this.lastKey);
      let discarded = (hadAttempt && !attempt) || (hadLast && !last);
      if (attempt && !M.validAttempt(attempt, this.bank, false)) {
        SG.store.remove(this.key);
        attempt = null;
        discarded = true;
      }
      if (last && !M.validAttempt(last, this.bank, true)) {
        SG.store.remove(this.lastKey);
        last = null;
        discarded = true;
      }
      if (discarded) {
        this.showNote('A saved exam on this page could not be read (it was damaged, or the questions have changed since), ' +
          'so it was discarded.');
      }
      return { attempt: /** @type {Attempt | null} */ (attempt), last: /** @type {Attempt | null} */ (last) };
    }

    /** Shows what storage holds: the attempt in progress, else the last result, else the start. */
    load() {
      const saved = this.read();
      this.last = saved.last;
      this.screens.renderResults();
      this.follow(saved.attempt, false);
    }

    /**
     * This tab's attempt against what storage holds now: 'same' (merged into
     * this tab's), 'finished' (submitted in another tab), 'theirs' (another
     * tab started a newer one), 'reset' (everything was reset since it was
     * read: it must not be saved back) or 'mine' (storage has nothing newer).
     * @param {Attempt | null} stored
     * @param {Attempt | null} last
     */
    reconcile(stored, last) {
      const a = /** @type {Attempt} */ (this.attempt);
      if (this.generation !== SG.store.generation()) return 'reset';
      if (stored && M.same(stored, a)) {
        M.merge(a, stored);
        return 'same';
      }
      if (!stored && M.same(last, a)) return 'finished';
      return stored && stored.start > a.start ? 'theirs' : 'mine';
    }

    /**
     * Leaves this tab's attempt for what storage holds, and shows that.
     * @param {Attempt | null} stored
     * @param {boolean} focus
     * @returns {void}
     */
    follow(stored, focus) {
      this.stopTimer();
      this.attempt = stored;
      if (stored) {
        if (stored.deadline !== null && Date.now() >= stored.deadline) return this.finish(true, focus);
        this.startTimer();
        this.screens.showQuestion(stored.current, focus);
      } else if (this.last && !this.last.closed) {
        this.showResults(focus);
      } else {
        this.screens.showStart(focus);
      }
    }

    /**
     * Another tab stored something. The same attempt is merged into this one
     * (this tab keeps its own place in it); a newer or finished one is shown;
     * this tab's attempt is written back if storage lost it, unless
     * everything was reset since this tab read it.
     */
    sync() {
      const generation = this.generation;
      const saved = this.read();
      if (generation !== this.generation) this.attempt = null;
      this.last = saved.last;
      this.screens.renderResults();
      const focus = this.focusKey();
      if (this.attempt) {
        const outcome = this.reconcile(saved.attempt, saved.last);
        if (outcome === 'mine') SG.store.set(this.key, this.attempt);
        if (outcome === 'same' || outcome === 'mine') {
          this.render();
          return this.refocus(focus);
        }
      } else if (!saved.attempt && this.screen === 'start' && (!this.last || this.last.closed)) {
        // Nothing to show but the history: the form keeps what is typed in it.
        return this.renderHistory();
      }
      this.follow(saved.attempt, false);
      this.refocus(focus);
    }

    /** @param {string[] | null} keys */
    storeChanged(keys) {
      if (keys === null || keys.indexOf(this.key) >= 0 || keys.indexOf(this.lastKey) >= 0) this.sync();
    }

    /**
     * Stores the attempt after a change, first taking in what another tab
     * stored of it. Returns false when that tab has meanwhile finished it,
     * started a newer one or reset everything, which is then shown.
     */
    save() {
      const stored = this.storedAttempt();
      const outcome = this.reconcile(stored, this.storedLast());
      if (outcome === 'reset') {
        const saved = this.read();
        this.last = saved.last;
        this.screens.renderResults();
        this.follow(saved.attempt, true);
        return false;
      }
      if (outcome !== 'same' && outcome !== 'mine') {
        this.last = this.storedLast();
        this.screens.renderResults();
        this.follow(outcome === 'finished' ? null : stored, true);
        return false;
      }
      SG.store.set(this.key, this.attempt);
      return true;
    }

    /** What storage holds, when it is valid (a damaged entry is left for read()). @returns {Attempt | null} */
    storedAttempt() {
      const stored = SG.store.get(this.key);
      return stored && M.validAttempt(stored, this.bank, false) ? stored : null;
    }

    /** @returns {Attempt | null} */
    storedLast() {
      const last = SG.store.get(this.lastKey);
      return last && M.validAttempt(last, this.bank, true) ? last : null;
    }

    /** The element that has the focus, by what it does, to find it again after a re-render. */
    focusKey() {
      const active = document.activeElement;
      return active && this.root.contains(active) ? active.getAttribute('data-sg-key') : null;
    }

    /** @param {string | null} key */
    refocus(key) {
      if (!key) return;
      const node = /** @type {HTMLButtonElement | null} */ (this.root.querySelector('[data-sg-key="' + key + '"]'));
      if (node && !node.disabled) node.focus();
    }

    /** @param {string} limit @param {number} n */
    limitMinutes(limit, n) {
      return M.limitMinutes(limit, n, this);
    }

    /**
     * A new attempt of these questions (ids), shuffled; stored and shown.
     * @param {{mode: string, limit: string, chapters: string[], retake?: string}} options
     * @param {string[]} ids
     * @param {number} seed
     * @param {() => number} next
     */
    begin(options, ids, seed, next) {
      const minutes = options.mode === 'practice' ? null : this.limitMinutes(options.limit, ids.length);
      this.attempt = M.begin(this.bank, options, ids, seed, next, minutes, Date.now());
      if (this.last && !this.last.closed && this.generation === SG.store.generation()) {
        this.last.closed = true;
        SG.store.set(this.lastKey, this.last);
      }
      this.generation = SG.store.generation();
      SG.store.set(this.key, this.attempt);
      this.note.hidden = true;
      this.startTimer();
      this.screens.showQuestion(0, true);
    }

    startTimer() {
      this.stopTimer();
      const a = this.attempt;
      if (!a || a.deadline === null) return;
      this.remaining = a.deadline - Date.now();
      this.timer = setInterval(() => this.tick(), 1000);
    }

    stopTimer() {
      if (this.timer) clearInterval(this.timer);
      this.timer = null;
    }

    /** Each second: the clock, a read-out when a mark is passed, the end. */
    tick() {
      const a = this.attempt;
      if (!a || a.deadline === null) return this.stopTimer();
      const remaining = a.deadline - Date.now();
      // A tab in the background leaves the submitting to the one in view, if any.
      if (remaining <= 0 && !(document.hidden && remaining > -3000)) return this.finish(true, true);
      if (remaining <= 0) return;
      const before = /** @type {number} */ (this.remaining);
      this.remaining = remaining;
      const passed = ANNOUNCE_AT.filter((m) => before > m * MINUTE && remaining <= m * MINUTE);
      if (passed.length) SG.announce(this.timeRegion, plural(passed[passed.length - 1], 'minute') + ' left.');
      this.root.querySelectorAll('[data-sg-clock]').forEach((node) => { node.textContent = this.screens.clock(remaining); });
    }

    /** @param {string} name */
    setScreen(name) {
      this.screen = name;
      this.view.classList.toggle('sg-exam-off', name === 'results');
      this.results.classList.toggle('sg-exam-off', name !== 'results');
      this.root.setAttribute('data-sg-screen', name);
    }

    render() {
      const a = /** @type {Attempt} */ (this.attempt);
      if (this.screen === 'question') this.screens.showQuestion(a.current, false);
      else if (this.screen === 'review') this.screens.showReview(false);
      else if (this.screen === 'results') this.showResults(false);
      else this.screens.showStart(false);
    }

    /** @param {(Node | null)[]} nodes @param {boolean} focus */
    fill(nodes, focus) {
      this.view.textContent = '';
      nodes.forEach((node) => { if (node) this.view.appendChild(node); });
      if (focus) /** @type {HTMLElement} */ (this.view.querySelector('.sg-exam-heading')).focus();
    }

    /** The chapters checked on the start form. @param {HTMLFormElement} form */
    chosenChapters(form) {
      return [...form.querySelectorAll('input[name="chapter"]')]
        .filter((box) => /** @type {HTMLInputElement} */ (box).checked).map((box) => /** @type {HTMLInputElement} */ (box).value);
    }

    /** Start: checks the form, then draws the attempt. @param {SubmitEvent} event */
    onSubmit(event) {
      const form = /** @type {HTMLFormElement | null} */ (/** @type {Element} */ (event.target).closest('[data-sg-start]'));
      if (!form) return;
      event.preventDefault();
      const chapters = this.chosenChapters(form);
      const max = M.pool(this.bank, chapters).length;
      const field = (/** @type {string} */ name) => /** @type {HTMLInputElement} */ (form.elements.namedItem(name));
      const text = field('n').value.trim();
      const n = /^\d+$/.test(text) ? parseInt(text, 10) : NaN;
      let bad = null;
      const chapterField = this.screens.formError(form, 'chapters', chapters.length ? '' : 'Choose at least one chapter.');
      if (!chapters.length) bad = chapterField;
      const nField = this.screens.formError(form, 'n', !chapters.length || (n >= 1 && n <= max) ? '' : 'Enter a whole number from 1 to ' + max + '.');
      if (!bad && !(n >= 1 && n <= max)) bad = nField;
      if (bad) return bad.focus();
      const mode = field('mode').value === 'practice' ? 'practice' : 'exam';
      const limit = M.LIMITS.indexOf(field('limit').value) >= 0 ? field('limit').value : 'standard';
      const seed = M.newSeed();
      const next = M.random(seed);
      this.begin({ mode, limit, chapters }, M.draw(this.bank, chapters, n, next), seed, next);
    }

    /** After an answer or a flag: the navigator's button and the count, without a re-render. @param {number} i */
    updateProgress(i) {
      const old = this.view.querySelector('[data-sg-nav="' + i + '"]');
      if (old) {
        const focused = document.activeElement === old;
        const fresh = this.screens.navButton(i);
        /** @type {Node} */ (old.parentNode).replaceChild(fresh, old);
        if (focused) fresh.focus();
      }
      const a = /** @type {Attempt} */ (this.attempt);
      const countNode = this.view.querySelector('[data-sg-count]');
      if (countNode) countNode.textContent = 'Answered ' + a.order.filter((id, k) => M.answered(a, k)).length + ' of ' + a.order.length;
    }

    /** @param {boolean} refocus */
    closeConfirm(refocus) {
      const box = /** @type {HTMLElement | null} */ (this.view.querySelector('[data-sg-confirm]'));
      if (!box) return;
      box.hidden = true;
      const submit = /** @type {HTMLElement} */ (this.view.querySelector('[data-sg-act="submit"]'));
      submit.setAttribute('aria-expanded', 'false');
      if (refocus) submit.focus();
    }

    /**
     * Submits the attempt (at the deadline when time ran out) with what is
     * answered, in any tab: logs it once, stores it as the last result.
     * @param {boolean} timedOut
     * @param {boolean} focus
     * @returns {void}
     */
    finish(timedOut, focus) {
      const a = /** @type {Attempt} */ (this.attempt);
      this.stopTimer();
      const stored = this.storedAttempt();
      const outcome = this.reconcile(stored, this.storedLast());
      if (outcome === 'finished') {
        // Another tab submitted it already, and logged it.
        this.attempt = null;
        this.last = this.storedLast();
        this.screens.renderResults();
        return this.showResults(focus);
      }
      if (outcome === 'reset') {
        // Everything was reset since it was read: nothing of it is kept.
        const saved = this.read();
        this.attempt = null;
        this.last = saved.last;
        this.screens.renderResults();
        return this.follow(saved.attempt, focus);
      }
      a.end = timedOut ? Math.min(/** @type {number} */ (a.deadline), Date.now()) : Date.now();
      a.timedOut = timedOut;
      a.closed = false;
      const result = M.grade(this.bank, a, this.pass);
      const now = Date.now();
      result.rows.forEach((r) => {
        if (!r.done || (a.mode === 'practice' && a.checked[r.index])) return;
        SG.log.append(SG.log.make.question({ id: r.q.id, h: r.q.hash, p: r.mine, ok: r.right, t: now, w: 'exam' }));
      });
      SG.log.append(SG.log.make.exam({
        page: this.id, mode: a.mode, n: result.n, right: result.right, pct: result.pct, passed: result.passed,
        start: a.start, t: a.end, chapters: a.chapters,
        wrong: result.rows.filter((r) => !r.right).map((r) => r.q.id),
        flagged: result.rows.filter((r) => r.flagged).map((r) => r.q.id),
      }));
      this.attempt = null;
      this.last = a;
      SG.store.set(this.lastKey, a);
      // Unless another tab has since started a newer attempt, which stays.
      if (outcome !== 'theirs') SG.store.remove(this.key);
      this.screens.renderResults();
      this.showResults(focus);
    }

    /** @param {boolean} focus */
    showResults(focus) {
      this.setScreen('results');
      this.view.textContent = '';
      const heading = /** @type {HTMLElement | null} */ (this.results.querySelector('.sg-exam-heading'));
      if (focus && heading) heading.focus();
    }

    renderHistory() {
      this.root.querySelectorAll('[data-sg-history]').forEach((/** @type {Element} */ old) => {
        /** @type {Node} */ (old.parentNode).replaceChild(this.screens.historySection(), old);
      });
    }

    /** @param {MouseEvent} event */
    onClick(event) {
      const button = /** @type {HTMLButtonElement | null} */ (/** @type {Element} */ (event.target).closest('[data-sg-act]'));
      if (!button || !this.root.contains(button) || button.disabled) return;
      const act = button.getAttribute('data-sg-act');
      const arg = button.getAttribute('data-sg-arg') || '';
      const a = this.attempt;
      if (act === 'new') return this.newExam();
      if (act === 'retake') return this.retake(arg);
      if (!a) return;
      if (act === 'prev' && a.current > 0) this.go(a.current - 1);
      else if (act === 'next' && a.current < a.order.length - 1) this.go(a.current + 1);
      else if (act === 'goto') this.go(Math.max(0, Math.min(a.order.length - 1, parseInt(arg, 10) || 0)));
      else if (act === 'flag') this.toggleFlag(button);
      else if (act === 'check') this.check();
      else if (act === 'review') this.screens.showReview(true);
      else if (act === 'back') this.go(a.current);
      else if (act === 'submit') {
        const box = /** @type {HTMLElement} */ (this.view.querySelector('[data-sg-confirm]'));
        box.hidden = false;
        button.setAttribute('aria-expanded', 'true');
        /** @type {HTMLElement} */ (box.querySelector('[data-sg-act="cancel"]')).focus();
      } else if (act === 'cancel') this.closeConfirm(true);
      else if (act === 'confirm') this.finish(false, true);
    }

    /** @param {KeyboardEvent} event */
    onKey(event) {
      if (event.key !== 'Escape') return;
      const box = /** @type {HTMLElement | null} */ (this.view.querySelector('[data-sg-confirm]'));
      if (box && !box.hidden && box.contains(/** @type {Node} */ (event.target))) this.closeConfirm(true);
    }

    /** @param {number} index */
    go(index) {
      /** @type {Attempt} */ (this.attempt).current = index;
      if (!this.save()) return;
      this.screens.showQuestion(/** @type {Attempt} */ (this.attempt).current, true);
    }

    /** @param {HTMLElement} button */
    toggleFlag(button) {
      const a = /** @type {Attempt} */ (this.attempt);
      const i = a.current;
      a.flags[i] = { f: !M.flagged(a, i), t: Date.now() };
      if (!this.save()) return;
      button.setAttribute('aria-pressed', M.flagged(/** @type {Attempt} */ (this.attempt), i) ? 'true' : 'false');
      this.updateProgress(i);
    }

    /** Typing a count: the time limits follow it. @param {Event} event */
    onInput(event) {
      const target = /** @type {HTMLInputElement} */ (event.target);
      const form = /** @type {HTMLFormElement | null} */ (target.closest('[data-sg-start]'));
      if (form && target.name === 'n') this.screens.updateStart(form, true);
    }

    /** A choice made: saved at once, with its time, so the newest wins across tabs. @param {Event} event */
    onChange(event) {
      const target = /** @type {HTMLInputElement} */ (event.target);
      const form = /** @type {HTMLFormElement | null} */ (target.closest('[data-sg-start]'));
      if (form) return this.screens.updateStart(form, target.name === 'n');
      const a = this.attempt;
      if (!a || this.screen !== 'question' || target.nodeName !== 'INPUT') return;
      const i = a.current;
      if (a.checked[i]) return;
      const values = [...this.view.querySelectorAll('.sg-exam-question input')]
        .filter((input) => /** @type {HTMLInputElement} */ (input).checked)
        .map((input) => parseInt(/** @type {HTMLInputElement} */ (input).value, 10)).sort((x, y) => x - y);
      a.answers[i] = { p: values, t: Date.now() };
      if (!this.save()) return;
      this.updateProgress(i);
    }

    /** Practice: marks the question, explains it and logs it. */
    check() {
      const a = /** @type {Attempt} */ (this.attempt);
      const i = a.current;
      const q = this.bank.byId[a.order[i]];
      const mine = M.picked(a, i);
      if (!mine.length || (q.multi && mine.length !== q.answer.length)) {
        const need = q.multi ? 'Choose ' + (q.choose || q.answer.length) + ' answers' : 'Choose an answer';
        SG.announce(this.statusRegion, need + (mine.length ? ': you have chosen ' + mine.length + '.' : ' first.'));
        return;
      }
      a.checked[i] = Date.now();
      if (!this.save()) return;
      SG.log.append(SG.log.make.question({ id: q.id, h: q.hash, p: mine, ok: M.isRight(q, mine), t: a.checked[i], w: 'exam' }));
      this.screens.showQuestion(i, false);
      /** @type {HTMLElement} */ (this.view.querySelector('[data-sg-feedback]')).focus();
    }

    /** Back to the start screen; the last result stays for paper and history. */
    newExam() {
      if (this.last && !this.last.closed && this.generation === SG.store.generation()) {
        this.last.closed = true;
        SG.store.set(this.lastKey, this.last);
      }
      this.screens.showStart(true);
    }

    /** A new attempt of exactly the last attempt's incorrect (or flagged) questions. @param {string} which */
    retake(which) {
      const last = this.last;
      if (!last) return;
      const rows = M.grade(this.bank, last, this.pass).rows.filter((r) => (which === 'flagged' ? r.flagged : !r.right));
      if (!rows.length) return;
      const seed = M.newSeed();
      this.begin({ mode: last.mode, limit: last.mode === 'practice' ? 'standard' : last.limit, chapters: last.chapters.slice(),
        retake: which === 'flagged' ? 'flagged' : 'incorrect' }, rows.map((r) => r.q.id), seed, M.random(seed));
    }
  }

  SG.define(Exam);
})();
