// @ts-check
// The practice exam. The page's bank of questions (studyguide/bank-….js) holds
// every question; this draws an attempt from it (exam-model.js) as the
// learner chose (at random, unseen first, weak spots first, or of one task
// statement or domain, which a link "#practise-task-KEY" or
// "#practise-domain-KEY" chooses), runs it one question at a time (timed,
// or with feedback after each question; with how sure the learner is, when
// they asked for that), keeps it in storage so nothing is lost on a reload
// or in a second tab, grades it and lists every finished attempt. Its
// screens are in exam-screens.js (with exam-start.js and exam-results.js),
// its clocks in exam-time.js, the question before leaving a timed exam in
// exam-leave.js.
(function () {
  'use strict';
  const SG = window.StudyGuide;
  const M = SG.examModel;
  const { h } = SG.dom;
  const WAIT = 'Finish the exam in progress first: then the start screen offers the questions you asked to practise.';

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
      this.sections = 0;
      this.generation = '';
      /** The task statement or domain a link asked for, until the start screen shows it. @type {{focus: string} | null} */
      this.preset = null;
      /** Which questions the results list: all, wrong, flagged, unanswered. */
      this.filter = 'all';
      const view = /** @type {ExamView} */ (/** @type {unknown} */ (this));
      /** The screens (exam-screens.js), clocks (exam-time.js) and stored attempts (exam-store.js). */
      this.screens = SG.examScreens(view);
      this.clock = SG.examTime(view);
      this.stored = SG.examStore(view);
      /** Asks before a link or mdBook's arrow keys leave a timed exam (exam-leave.js). */
      this.leave = SG.examLeave(view);

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
      // "Ask how sure I am": one for the start screen, kept in step with the preference.
      this.sureToggle = SG.sure.toggle(this.prefix + 'ask');
      // Past the sidebar and the menu bar to the screen shown: the current question during an exam.
      SG.dom.skipLink('Skip to the exam', () => /** @type {HTMLElement | null} */ (this.view.querySelector('.sg-exam-heading')) || this.view);
      this.listen({ click: this.onClick, change: this.onChange, input: this.onInput, submit: this.onSubmit, keydown: this.onKey });
      SG.log.onChange(() => this.renderHistory());
      SG.sure.onToggle(() => { if (this.attempt && this.screen === 'question') this.render(); });
      // A question's time counts while it is in view, and is saved when the page is left.
      document.addEventListener('visibilitychange', () => (document.hidden ? this.clockOut() : this.clock.clockIn()));
      window.addEventListener('pagehide', () => this.clockOut());
      window.addEventListener('hashchange', () => this.practise());
      this.preset = this.screens.presetOf(location.hash);
      this.load();
      if (this.preset && this.attempt) this.showNote(WAIT);
    }

    /** Adds the time the question has been on screen to the attempt, and saves it. */
    clockOut() {
      if (this.clock.clockOut()) this.save();
    }

    /** A link to "#practise-task-KEY" or "#practise-domain-KEY" followed: the start screen with that chosen. */
    practise() {
      this.preset = this.screens.presetOf(location.hash);
      if (this.preset && this.attempt) this.showNote(WAIT);
      else if (this.preset) this.newExam(true);
    }

    /** @param {string} text */
    showNote(text) {
      this.note.textContent = text;
      this.note.hidden = false;
    }

    /** Shows what storage holds: the attempt in progress, else the last result, else the start. */
    load() {
      const saved = this.stored.read();
      this.last = saved.last;
      this.screens.renderResults();
      this.follow(saved.attempt, false);
    }

    /**
     * Leaves this tab's attempt for what storage holds, and shows that.
     * @param {Attempt | null} stored
     * @param {boolean} focus
     * @returns {void}
     */
    follow(stored, focus) {
      this.clock.stopTimer();
      this.attempt = stored;
      if (stored) {
        if (stored.deadline !== null && Date.now() >= stored.deadline) return this.finish(true, focus);
        this.clock.startTimer();
        this.screens.showQuestion(stored.current, focus);
        this.clock.clockIn();
      } else if (this.last && !this.last.closed && !this.preset) {
        this.showResults(focus);
      } else {
        this.newExam(focus);
      }
    }

    /**
     * Another tab stored something. The same attempt is merged into this one
     * (this tab keeps its own place in it); a newer or finished one is shown;
     * this tab's attempt is written back if storage lost it, unless another
     * tab removed it (`removed`) or everything was reset since this tab read
     * it: a reset removes the keys before it starts a new generation, so a tab
     * can see the attempt gone before it sees the reset.
     * @param {boolean} removed
     */
    sync(removed) {
      const generation = this.generation;
      const saved = this.stored.read();
      if (generation !== this.generation) this.attempt = null;
      this.last = saved.last;
      this.screens.renderResults();
      const focus = this.focusKey();
      if (this.attempt) {
        const outcome = this.stored.reconcile(saved.attempt, saved.last);
        const kept = outcome === 'same' || (outcome === 'mine' && !removed);
        if (outcome === 'mine' && kept) SG.store.set(this.key, this.attempt);
        if (kept) {
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
      const mine = keys !== null && keys.indexOf(this.key) >= 0;
      if (keys === null || mine || keys.indexOf(this.lastKey) >= 0) this.sync(mine && SG.store.get(this.key) === null);
    }

    /**
     * Stores the attempt after a change, first taking in what another tab
     * stored of it. Returns false when that tab has meanwhile finished it,
     * started a newer one or reset everything, which is then shown.
     */
    save() {
      const stored = this.stored.attempt();
      const outcome = this.stored.reconcile(stored, this.stored.last());
      if (outcome === 'reset') {
        const saved = this.stored.read();
        this.last = saved.last;
        this.screens.renderResults();
        this.follow(saved.attempt, true);
        return false;
      }
      if (outcome !== 'same' && outcome !== 'mine') {
        this.last = this.stored.last();
        this.screens.renderResults();
        this.follow(outcome === 'finished' ? null : stored, true);
        return false;
      }
      SG.store.set(this.key, this.attempt);
      return true;
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
      const extra = this.bank && this.bank.exam ? this.bank.exam.extraMinutes : null;
      return M.limitMinutes(limit, n, { minutes: this.minutes, questions: this.questions, extra });
    }

    /**
     * A new attempt of these questions (ids, in the order shown); stored and shown.
     * @param {AttemptOptions} options
     * @param {string[]} ids
     * @param {number} seed
     * @param {() => number} next
     * @param {{[id: string]: number[]}} [before] a retake's last choice orders
     */
    begin(options, ids, seed, next, before) {
      const minutes = options.mode === 'practice' ? null : this.limitMinutes(options.limit, ids.length);
      this.attempt = M.begin(this.bank, options, ids, seed, next, minutes, Date.now(), before);
      if (this.last && !this.last.closed && this.generation === SG.store.generation()) {
        this.last.closed = true;
        SG.store.set(this.lastKey, this.last);
      }
      this.generation = SG.store.generation();
      SG.store.set(this.key, this.attempt);
      this.note.hidden = true;
      this.clock.startTimer();
      this.screens.showQuestion(0, true);
      this.clock.clockIn();
    }

    /** @param {string} name */
    setScreen(name) {
      this.screen = name;
      this.view.classList.toggle('sg-exam-off', name === 'results');
      this.results.classList.toggle('sg-exam-off', name !== 'results');
      this.root.setAttribute('data-sg-screen', name);
      this.leave.update();
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

    /** Start: checks the form, then draws the attempt as it says, from the log as it is now. @param {SubmitEvent} event */
    onSubmit(event) {
      const form = /** @type {HTMLFormElement | null} */ (/** @type {Element} */ (event.target).closest('[data-sg-start]'));
      if (!form) return;
      event.preventDefault();
      const options = this.screens.readStart(form);
      if (!options) return;
      const seed = M.newSeed();
      const next = M.random(seed);
      const ids = M.draw(this.bank, options, options.n, next, M.known(SG.log.entries(), this.bank, Date.now()));
      this.begin(options, ids, seed, next);
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
      this.clock.stopTimer();
      this.clock.clockOut();
      const stored = this.stored.attempt();
      const outcome = this.stored.reconcile(stored, this.stored.last());
      if (outcome === 'finished') {
        // Another tab submitted it already, and logged it.
        this.attempt = null;
        this.last = this.stored.last();
        this.screens.renderResults();
        return this.showResults(focus);
      }
      if (outcome === 'reset') {
        // Everything was reset since it was read: nothing of it is kept.
        const saved = this.stored.read();
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
        SG.log.append(SG.log.make.question({ id: r.q.id, h: r.q.hash, p: r.mine, ok: r.right, t: now, w: 'exam', c: r.c, d: r.spent }));
      });
      SG.log.append(SG.log.make.exam({
        page: this.id, mode: a.mode, n: result.n, right: result.right, pct: result.pct, passed: result.passed,
        start: a.start, t: a.end, chapters: a.chapters, draw: a.draw, focus: a.focus,
        wrong: result.rows.filter((r) => !r.right).map((r) => r.q.id),
        flagged: result.rows.filter((r) => r.flagged).map((r) => r.q.id),
      }));
      this.attempt = null;
      this.last = a;
      SG.store.set(this.lastKey, a);
      // Unless another tab has since started a newer attempt, which stays.
      if (outcome !== 'theirs') SG.store.remove(this.key);
      this.filter = 'all';
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
      if (act === 'new') return this.newExam(true);
      if (act === 'retake') return this.retake(arg);
      if (!a) return;
      if (act === 'prev' && a.current > 0) this.go(a.current - 1);
      else if (act === 'next' && a.current < a.order.length - 1) this.go(a.current + 1);
      else if (act === 'goto') this.go(Math.max(0, Math.min(a.order.length - 1, parseInt(arg, 10) || 0)));
      else if (act === 'flag') this.toggleFlag(button);
      else if (act === 'check') this.check();
      else if (act === 'review') {
        this.clock.clockOut();
        if (this.save()) this.screens.showReview(true);
      }
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
      this.clock.clockOut();
      /** @type {Attempt} */ (this.attempt).current = index;
      if (!this.save()) return;
      this.screens.showQuestion(/** @type {Attempt} */ (this.attempt).current, true);
      this.clock.clockIn();
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

    /**
     * A choice or a certainty made: saved at once, with its time, so the
     * newest wins across tabs. Or a filter of the results chosen.
     * @param {Event} event
     */
    onChange(event) {
      const target = /** @type {HTMLInputElement} */ (event.target);
      const form = /** @type {HTMLFormElement | null} */ (target.closest('[data-sg-start]'));
      if (form) return this.screens.updateStart(form, target.name === 'n');
      if (target.hasAttribute('data-sg-filter')) return this.screens.applyFilter(target.value, true);
      const a = this.attempt;
      if (!a || this.screen !== 'question' || target.nodeName !== 'INPUT') return;
      const i = a.current;
      if (a.checked[i]) return;
      const sure = target.closest('[data-sg-sure]');
      if (sure) {
        const c = SG.sure.read(sure);
        a.sure[i] = c ? { c, t: Date.now() } : null;
        this.save();
        return;
      }
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
      this.clock.clockOut();
      a.checked[i] = Date.now();
      if (!this.save()) return;
      SG.log.append(SG.log.make.question({ id: q.id, h: q.hash, p: mine, ok: M.isRight(q, mine), t: a.checked[i], w: 'exam',
        c: M.certainty(a, i), d: a.spent[i] }));
      this.screens.showQuestion(i, false);
      this.clock.clockIn();
      /** @type {HTMLElement} */ (this.view.querySelector('[data-sg-feedback]')).focus();
    }

    /** Back to the start screen; the last result stays for paper and history. @param {boolean} focus */
    newExam(focus) {
      if (this.last && !this.last.closed && this.generation === SG.store.generation()) {
        this.last.closed = true;
        SG.store.set(this.lastKey, this.last);
      }
      this.screens.showStart(focus);
    }

    /**
     * A new attempt of exactly the last attempt's incorrect (or flagged)
     * questions, shuffled, each question's choices in another order than it had.
     * @param {string} which
     */
    retake(which) {
      const last = this.last;
      if (!last) return;
      const rows = M.grade(this.bank, last, this.pass).rows.filter((r) => (which === 'flagged' ? r.flagged : !r.right));
      if (!rows.length) return;
      const seed = M.newSeed();
      const next = M.random(seed);
      /** @type {{[id: string]: number[]}} */
      const before = {};
      rows.forEach((r) => { before[r.q.id] = last.perm[r.index]; });
      this.begin({ mode: last.mode, limit: last.mode === 'practice' ? 'standard' : last.limit, chapters: last.chapters.slice(),
        retake: which === 'flagged' ? 'flagged' : 'incorrect' }, M.shuffled(rows.map((r) => r.q.id), next), seed, next, before);
    }
  }

  SG.define(Exam);
})();
