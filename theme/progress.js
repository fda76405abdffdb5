// @ts-check
// The progress page: the learner's standing, chapter by chapter, folded from
// the saved answers (sg:quiz:…, sg:limit:…) and the attempt log (SG.log) by
// progress-model.js; resetting a chapter or everything; exporting and
// importing progress. The build writes the block with the book's chapters,
// questions and limit rows as JSON; everything read from storage or from
// an imported file is validated and only ever shown as text.
(function () {
  'use strict';
  const SG = window.StudyGuide;
  const P = SG.progressModel;
  const { h, safeHref, plural, joined, day } = SG.dom;
  // A progress file bigger than this is refused before it is read.
  const MAX_FILE_BYTES = 5 * 1024 * 1024;

  /**
   * @typedef {ReturnType<typeof P.fold>} Standing
   * @typedef {Standing['chapters'][number]} ChapterStanding
   */

  /** A whole percentage, as text. @param {number} part @param {number} whole */
  const percent = (part, whole) => SG.dom.percent(part, whole) + '%';

  // ---------------------------------------------------------------------
  // Storage: the keys the page knows of, clearing and merging.

  /**
   * Every saved key of this book (SG.store's, which holds those kept only
   * in memory when storage is blocked) and the book's own, but the log's.
   * @param {any} book
   */
  function knownKeys(book) {
    const keys = new Set(SG.store.keys('sg:').concat(P.bookKeys(book)));
    return [...keys].filter((key) => key.lastIndexOf('sg:log:', 0) !== 0);
  }

  /** The saved state of every known key with a prefix an export holds. @param {any} book */
  function readState(book) {
    /** @type {{[key: string]: unknown}} */
    const state = {};
    for (const key of knownKeys(book)) {
      if (!P.prefixOf(key)) continue;
      const value = SG.store.get(key);
      if (value) state[key] = value;
    }
    return state;
  }

  /**
   * Removes a chapter's saved state and its log entries (any version of its
   * questions and rows); exams stay, as they span chapters.
   * @param {any} book
   * @param {any} ch the chapter, as the book's data has it
   */
  function clearChapter(book, ch) {
    const keys = new Set(P.bookKeys(book, ch.id));
    const mine = P.chapterCards(ch);
    SG.store.clear((key) => keys.has(key));
    SG.log.removeWhere((e) => mine[P.itemOf(e) || ''] === true);
  }

  /**
   * Merges a read file into what is saved: log entries unioned, state keys
   * added where missing and kept where present. Returns the counts.
   * @param {{entries: LogEntry[], state: {[key: string]: unknown}, has: ReturnType<typeof P.itemsOf>}} file
   */
  function merge(file) {
    const counts = { answers: 0, limits: 0, other: 0, entries: 0, kept: 0, foreign: 0 };
    for (const key of Object.keys(file.state)) {
      if (SG.store.get(key)) { counts.kept++; continue; }
      SG.store.set(key, file.state[key]);
      const prefix = P.prefixOf(key);
      if (!file.has.key(key)) counts.foreign++;
      else counts[prefix === 'sg:quiz:' ? 'answers' : prefix === 'sg:limit:' ? 'limits' : 'other']++;
    }
    const seen = new Set(SG.log.entries().map(P.entryKey));
    const added = file.entries.filter((e) => {
      const k = JSON.stringify(e);
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    });
    // Each keeps its own time, so the log stays in time order.
    if (added.length) SG.log.add(added);
    const ours = added.filter(file.has.entry);
    counts.entries = ours.length;
    counts.foreign += added.length - ours.length;
    return counts;
  }

  // ---------------------------------------------------------------------
  // The page.

  let uid = 0;

  class ProgressPage extends SG.Component {
    static moduleName = 'progress';

    /** @param {Element} root */
    constructor(root) {
      super(root);
      /** @type {any} */
      this.book = null;
      /** @type {string | null} */
      this.confirming = null;
      this.n = ++uid;
      this.pending = false;
      /** @type {Standing | null} */
      this.standing = null;
      /** @type {LogEntry[]} */
      this.entries = [];
      try {
        this.book = JSON.parse(/** @type {HTMLElement} */ (this.root.querySelector('script[data-sg-book]')).textContent || '');
      } catch (e) {
        // No book data: the block's own text stays.
      }
      const ui = h('div', { class: 'sg-progress-ui' });
      this.note = ui.appendChild(h('p', { class: 'sg-progress-note', hidden: true }));
      this.summary = ui.appendChild(h('p', { class: 'sg-progress-summary' }));
      this.reviewLink = ui.appendChild(h('p', { class: 'sg-progress-review', hidden: true }));
      // Readiness, where the book names the exam's blueprint.
      this.ready = P.isObject(this.book) && P.isObject(this.book.blueprint) && SG.ReadinessView && SG.readiness.fsrs()
        ? new SG.ReadinessView(this.book, this.id('r')) : null;
      if (this.ready) ui.appendChild(this.ready.el);
      const chapters = ui.appendChild(h('section', { 'aria-labelledby': this.id('chapters') }));
      chapters.appendChild(h('h2', { id: this.id('chapters'), text: 'By chapter, weakest first' }));
      this.chapterStatus = chapters.appendChild(h('p', { class: 'sg-progress-status', role: 'status' }));
      this.list = chapters.appendChild(h('ol', { class: 'sg-progress-chapters' }));
      this.table = chapters.appendChild(h('table', { class: 'sg-progress-table' }));
      this.examSection = ui.appendChild(h('section', { 'aria-labelledby': this.id('exams') }));
      this.examSection.appendChild(h('h2', { id: this.id('exams'), text: 'Practice exams' }));
      this.examText = this.examSection.appendChild(h('div', { class: 'sg-progress-exams' }));
      const files = ui.appendChild(h('section', { class: 'sg-progress-files', 'aria-labelledby': this.id('files') }));
      files.appendChild(h('h2', { id: this.id('files'), text: 'Keep or move your progress' }));
      files.appendChild(h('p', { text: 'Your progress is saved in this browser only. Export it to a file to keep a copy or ' +
        'to carry it to another browser; importing a file adds what it holds and keeps what is saved here.' }));
      const row = files.appendChild(h('div', { class: 'sg-progress-actions' }));
      row.appendChild(h('button', { type: 'button', class: 'sg-button', 'data-sg-export': '', text: 'Export progress' }));
      const pickId = this.id('import');
      row.appendChild(h('label', { for: pickId, class: 'sg-progress-import', text: 'Import progress from a file' }));
      row.appendChild(h('input', { type: 'file', id: pickId, accept: '.json,application/json', 'data-sg-import': '' }));
      this.fileStatus = files.appendChild(h('p', { class: 'sg-progress-status', role: 'status' }));
      const reset = ui.appendChild(h('section', { 'aria-labelledby': this.id('reset') }));
      reset.appendChild(h('h2', { id: this.id('reset'), text: 'Start afresh' }));
      this.resetAll = reset.appendChild(h('button', { type: 'button', class: 'sg-button',
        'data-sg-reset': '', 'data-sg-key': 'reset:', 'aria-expanded': 'false', text: 'Reset everything' }));
      this.confirmAll = reset.appendChild(this.confirmation(''));
      this.resetStatus = reset.appendChild(h('p', { class: 'sg-progress-status', role: 'status' }));
      if (!P.isObject(this.book)) return;
      this.root.insertBefore(ui, this.root.querySelector('script[data-sg-book]'));
      this.root.querySelectorAll('[data-sg-nojs]').forEach((nojs) => { /** @type {HTMLElement} */ (nojs).hidden = true; });
      this.root.classList.add('sg-js');
      this.listen({ click: this.onClick, keydown: this.onKey, change: this.onChange });
      this.render();
    }

    /** An id of this page's own. @param {string} name */
    id(name) { return 'sg-progress-' + this.n + '-' + name; }

    /**
     * An inline confirmation for one chapter (its id) or everything ('').
     * @param {string} chapterId
     */
    confirmation(chapterId) {
      return h('div', { class: 'sg-confirm sg-progress-confirm', 'data-sg-confirm': chapterId, hidden: true }, [
        h('p', { class: 'sg-confirm-text' }),
        h('button', { type: 'button', class: 'sg-button', 'data-sg-clear': chapterId, 'data-sg-key': 'clear:' + chapterId,
          text: chapterId ? 'Clear this chapter' : 'Clear everything' }),
        h('button', { type: 'button', class: 'sg-button', 'data-sg-cancel': chapterId, 'data-sg-key': 'cancel:' + chapterId,
          text: 'Cancel' }),
      ]);
    }

    /** @param {string} chapterId */
    chapterData(chapterId) {
      return (this.book.chapters || []).find((/** @type {{id: string}} */ ch) => ch.id === chapterId);
    }

    /** The standing, once render() folded it. @returns {Standing} */
    get shown() {
      return /** @type {Standing} */ (this.standing);
    }

    /** Reads storage and the log, folds them and shows the standing. */
    render() {
      this.pending = false;
      const focused = document.activeElement;
      const focusKey = focused && this.root.contains(focused) ? focused.getAttribute('data-sg-key') : null;
      this.entries = SG.log.entries();
      // Nothing done yet: paper gets nothing rather than a table of zeros.
      this.root.classList.toggle('sg-progress-nothing', this.entries.length === 0);
      const now = Date.now();
      const standing = this.standing = P.fold(this.book, this.entries, readState(this.book),
        { now, isDue: P.scheduledDue(this.book, this.entries, now) });
      this.showNote();
      this.showSummary(standing);
      this.showChapters(standing);
      this.showTable(standing);
      this.showExams(standing);
      if (this.ready) this.ready.render(this.entries, now);
      /** @type {HTMLElement} */ (this.confirmAll.querySelector('p')).textContent = this.lossText(null);
      if (this.confirming !== null && !this.openConfirmation(this.confirming, false)) this.confirming = null;
      if (focusKey && !this.root.contains(document.activeElement)) {
        const again = /** @type {HTMLElement | null} */ (this.root.querySelector('[data-sg-key="' + focusKey.replace(/["\\]/g, '\\$&') + '"]'));
        if (again && !again.closest('[hidden]')) again.focus();
      }
    }

    /** Re-renders once, soon, however many changes arrive together. */
    schedule() {
      if (this.pending) return;
      this.pending = true;
      setTimeout(() => this.render(), 0);
    }

    /** Another tab answered, reset or imported: show it. */
    storeChanged() {
      if (this.standing) this.schedule();
    }

    showNote() {
      let text = '';
      if (SG.store.status() === 'blocked') {
        text = 'This browser does not let the guide save anything: your progress is kept only until this page closes.';
      } else if (SG.log.full) {
        text = 'This browser\u2019s storage for the guide is full: new answers are kept only until this page closes. ' +
          'Export your progress to keep it, then reset to make room.';
      }
      this.note.textContent = text;
      this.note.hidden = !text;
    }

    /** @param {Standing} s */
    showSummary(s) {
      const t = s.totals;
      const parts = [];
      if (t.answered + t.practised + t.cards + s.exams.count === 0) {
        this.summary.textContent = 'Nothing answered yet: start with a chapter\u2019s quiz below.';
      } else {
        if (t.questions) {
          parts.push(t.answered + ' of ' + plural(t.questions, 'question') + ' answered, ' + t.correct + ' correct (' +
            percent(t.correct, t.questions) + ')');
        }
        if (t.rows) parts.push(t.practised + ' of ' + plural(t.rows, 'limit') + ' practised, ' + t.right + ' right');
        if (t.cards) parts.push(plural(t.cards, 'review card') + ', ' + t.due + ' due');
        if (s.exams.best) parts.push('best exam ' + s.exams.best.pct + '%');
        this.summary.textContent = parts.join(' · ') + '.';
      }
      const review = safeHref(this.book.review);
      this.reviewLink.textContent = '';
      this.reviewLink.hidden = !(review && t.due);
      if (review && t.due) {
        this.reviewLink.appendChild(h('a', { href: review, 'data-sg-key': 'review', text: 'Review the ' + plural(t.due, 'card') + ' due' }));
      }
    }

    /**
     * What resetting a chapter (or everything, for null) loses, as a question.
     * @param {ChapterStanding | null | undefined} c
     */
    lossText(c) {
      const s = this.shown;
      const t = c || s.totals;
      const parts = [];
      if (t.answered) parts.push(plural(t.answered, 'answer'));
      if (t.practised) parts.push(plural(t.practised, 'limit result'));
      if (t.cards) parts.push(plural(t.cards, 'review card'));
      if (!c && s.exams.count) parts.push(plural(s.exams.count, 'exam result'));
      const of = c ? c.title : 'the whole book';
      if (!parts.length) return 'Clear everything saved for ' + of + '?';
      return 'Clear ' + joined(parts) + ' of ' + of + '?';
    }

    /** @param {Standing} s */
    showChapters(s) {
      this.list.textContent = '';
      for (const c of s.weakest) this.list.appendChild(this.chapterItem(c));
    }

    /** @param {ChapterStanding} c */
    chapterItem(c) {
      const item = h('li', { class: 'sg-progress-chapter' + (c.attempted ? '' : ' sg-untouched'), 'data-chapter': c.id });
      const quiz = safeHref(c.quiz);
      item.appendChild(h('h3', { class: 'sg-progress-title', tabindex: '-1', 'data-sg-key': 'title:' + c.id, text: c.title }));
      const right = c.items ? 100 * (c.correct + c.right) / c.items : 0;
      const tried = c.items ? 100 * (c.answered + c.practised) / c.items : 0;
      item.appendChild(h('div', { class: 'sg-bar', 'aria-hidden': 'true' }, [
        h('span', { class: 'sg-bar-right', style: 'width:' + right.toFixed(1) + '%' }),
        h('span', { class: 'sg-bar-tried', style: 'width:' + Math.max(0, tried - right).toFixed(1) + '%' }),
      ]));
      const facts = item.appendChild(h('ul', { class: 'sg-progress-facts' }));
      if (c.questions) {
        facts.appendChild(h('li', { text: 'Questions: ' + c.answered + ' of ' + c.questions + ' answered, ' + c.correct +
          ' correct (' + percent(c.correct, c.questions) + ')' + (c.revealed ? ', ' + c.revealed + ' revealed' : '') }));
      }
      for (const t of c.tables) {
        const href = safeHref(t.href);
        const name = href ? h('a', { href, text: t.title }) : h('span', { text: t.title });
        const detail = t.practised
          ? ': ' + t.practised + ' of ' + t.rows + ' practised, ' + t.right + ' right' +
            (t.wrong ? ', ' + t.wrong + ' wrong' : '') + (t.revealed ? ', ' + t.revealed + ' revealed' : '')
          : ': not practised yet (' + plural(t.rows, 'limit') + ')';
        facts.appendChild(h('li', {}, [name, detail]));
      }
      if (c.cards) facts.appendChild(h('li', { text: 'Review: ' + plural(c.cards, 'card') + ', ' + c.due + ' due' }));
      const actions = item.appendChild(h('p', { class: 'sg-progress-actions' }));
      if (quiz) {
        const go = c.answered ? 'Back to the quiz' : 'Take the quiz';
        actions.appendChild(h('a', { href: quiz, 'data-sg-key': 'quiz:' + c.id, 'aria-label': go + ': ' + c.title, text: go }));
      }
      if (c.saved + c.logged > 0) {
        // Named with the chapter, as every chapter has one (the visible words first).
        actions.appendChild(h('button', { type: 'button', class: 'sg-button', 'data-sg-reset': c.id,
          'data-sg-key': 'reset:' + c.id, 'aria-expanded': 'false', 'aria-label': 'Reset this chapter: ' + c.title,
          text: 'Reset this chapter' }));
        const box = item.appendChild(this.confirmation(c.id));
        /** @type {HTMLElement} */ (box.querySelector('p')).textContent = this.lossText(c);
      }
      return item;
    }

    /** The standing as one table, for paper (the list is for the screen). @param {Standing} s */
    showTable(s) {
      const none = '\u2013';
      this.table.textContent = '';
      this.table.appendChild(h('caption', { text: 'Your standing on ' + day(Date.now()) + ', weakest chapter first' }));
      this.table.appendChild(h('thead', {}, [h('tr', {}, ['Chapter', 'Questions answered', 'Correct', 'Limits practised',
        'Limits right', 'Review cards (due)'].map((name) => h('th', { scope: 'col', text: name })))]));
      this.table.appendChild(h('tbody', {}, s.weakest.map((/** @type {ChapterStanding} */ c) => h('tr', {}, [
        h('th', { scope: 'row', text: c.title }),
        ...[c.questions ? c.answered + ' / ' + c.questions : none,
          c.questions ? c.correct + ' (' + percent(c.correct, c.questions) + ')' : none,
          c.rows ? c.practised + ' / ' + c.rows : none, c.rows ? String(c.right) : none, c.cards + ' (' + c.due + ')',
        ].map((v) => h('td', { text: v })),
      ]))));
    }

    /** @param {Standing} s */
    showExams(s) {
      /** @type {{id: string, href: string}[]} */
      const exams = this.book.exams || [];
      this.examSection.hidden = !exams.length;
      const box = this.examText;
      box.textContent = '';
      const result = (/** @type {LogEntry} */ e) => e.pct + '% (' + e.right + ' of ' + e.n +
        (e.mode === 'practice' ? ', practice mode' : '') + ', ' + (e.passed ? 'passed' : 'not passed') + ') on ' + day(e.t);
      if (s.exams.best) {
        const facts = box.appendChild(h('ul', { class: 'sg-progress-facts' }));
        if (s.exams.count > 1) facts.appendChild(h('li', { text: 'Best: ' + result(s.exams.best) }));
        facts.appendChild(h('li', { text: (s.exams.count > 1 ? 'Last: ' : 'Result: ') + result(/** @type {LogEntry} */ (s.exams.last)) }));
        facts.appendChild(h('li', { text: plural(s.exams.count, 'exam') + ' finished' }));
      } else {
        box.appendChild(h('p', { text: 'No practice exam finished yet.' }));
      }
      const links = box.appendChild(h('p', { class: 'sg-progress-actions' }));
      exams.forEach((x, i) => {
        const href = safeHref(x.href);
        if (href) {
          links.appendChild(h('a', { href, 'data-sg-key': 'exam:' + i,
            text: exams.length > 1 ? 'Take practice exam ' + (i + 1) : 'Take the practice exam' }));
        }
      });
    }

    /**
     * Opens the confirmation of a chapter (its id) or of everything ('');
     * false when that chapter has none (nothing saved).
     * @param {string} chapterId
     * @param {boolean} focus
     */
    openConfirmation(chapterId, focus) {
      this.closeConfirmations();
      const box = this.byAttr('data-sg-confirm', chapterId);
      const button = this.byAttr('data-sg-reset', chapterId);
      if (!box || !button) return false;
      this.confirming = chapterId;
      box.hidden = false;
      button.setAttribute('aria-expanded', 'true');
      if (focus) /** @type {HTMLElement} */ (box.querySelector('[data-sg-cancel]')).focus();
      return true;
    }

    closeConfirmations() {
      this.confirming = null;
      this.root.querySelectorAll('[data-sg-confirm]').forEach((box) => { /** @type {HTMLElement} */ (box).hidden = true; });
      this.root.querySelectorAll('[data-sg-reset]').forEach((b) => b.setAttribute('aria-expanded', 'false'));
    }

    /**
     * The element whose attribute `name` is `value` (values are author text:
     * not put into a selector).
     * @param {string} name
     * @param {string} value
     * @returns {HTMLElement | null}
     */
    byAttr(name, value) {
      const found = [...this.root.querySelectorAll('[' + name + ']')].find((el) => el.getAttribute(name) === value);
      return /** @type {HTMLElement | null} */ (found || null);
    }

    /** @param {MouseEvent} event */
    onClick(event) {
      const target = /** @type {Element} */ (event.target).closest('button');
      if (!target || !this.root.contains(target)) return;
      if (target.hasAttribute('data-sg-export')) return this.exportFile();
      if (target.hasAttribute('data-sg-reset')) return void this.openConfirmation(target.getAttribute('data-sg-reset') || '', true);
      if (target.hasAttribute('data-sg-cancel')) return this.cancel(target.getAttribute('data-sg-cancel') || '');
      if (target.hasAttribute('data-sg-clear')) return this.clear(target.getAttribute('data-sg-clear') || '');
    }

    /** Escape in a confirmation cancels it. @param {KeyboardEvent} event */
    onKey(event) {
      const box = event.key === 'Escape' && /** @type {Element} */ (event.target).closest('[data-sg-confirm]');
      if (box && !/** @type {HTMLElement} */ (box).hidden) this.cancel(box.getAttribute('data-sg-confirm') || '');
    }

    /** @param {string} chapterId */
    cancel(chapterId) {
      this.closeConfirmations();
      const button = this.byAttr('data-sg-reset', chapterId);
      if (button) button.focus();
    }

    /** @param {string} chapterId a chapter's id, or '' for everything */
    clear(chapterId) {
      const lost = this.lossText(chapterId ? this.shown.chapters.find((/** @type {ChapterStanding} */ c) => c.id === chapterId) : null);
      this.closeConfirmations();
      if (chapterId) {
        const ch = this.chapterData(chapterId);
        if (!ch) return;
        clearChapter(this.book, ch);
        this.render();
        const title = this.byAttr('data-sg-key', 'title:' + chapterId);
        if (title) title.focus();
        SG.announce(this.chapterStatus, 'Cleared: ' + lost.replace(/^Clear /, '').replace(/\?$/, '.'));
      } else {
        SG.store.clear();
        this.render();
        this.resetAll.focus();
        SG.announce(this.resetStatus, 'Everything was cleared: this browser holds no progress of this book now.');
      }
    }

    exportFile() {
      const now = Date.now();
      const state = readState(this.book);
      const data = { schema: P.SCHEMA, version: P.VERSION, book: this.book.title, bookId: SG.store.book.id,
        exported: new Date(now).toISOString(), log: SG.log.entries(), state };
      const url = URL.createObjectURL(new Blob([JSON.stringify(data)], { type: 'application/json' }));
      const name = P.fileName(this.book.title, now);
      const link = h('a', { href: url, download: name, hidden: true });
      this.root.appendChild(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60000);
      const answers = Object.keys(state).filter((k) => P.prefixOf(k) === 'sg:quiz:').length;
      SG.announce(this.fileStatus, 'Exported ' + plural(answers, 'saved answer') + ' and ' +
        plural(data.log.length, 'log entry', 'log entries') + ' to ' + name + '.');
    }

    /** @param {Event} event */
    onChange(event) {
      const input = /** @type {HTMLInputElement} */ (event.target);
      if (!input.hasAttribute('data-sg-import')) return;
      const file = input.files && input.files[0];
      if (!file) return;
      const say = (/** @type {string} */ message) => {
        input.value = '';
        SG.announce(this.fileStatus, message);
      };
      if (file.size > MAX_FILE_BYTES) {
        return say('This file is ' + (file.size / 1048576).toFixed(1) + ' MB; a progress file is at most ' +
          MAX_FILE_BYTES / 1048576 + ' MB. Nothing was imported.');
      }
      file.text().then((content) => {
        let data;
        try {
          data = JSON.parse(content);
        } catch (e) {
          return say('This file is not a study guide progress file: it is not JSON. Nothing was imported.');
        }
        const read = P.readFile(this.book, data, SG.store.book.id);
        if ('error' in read) return say(read.error);
        say(this.importText(merge(read), read.dropped));
        this.render();
      }, () => say('This file could not be read. Nothing was imported.'));
    }

    /**
     * What an import did, in words.
     * @param {ReturnType<typeof merge>} counts
     * @param {number} dropped invalid entries left out
     */
    importText(counts, dropped) {
      const parts = [];
      if (counts.answers) parts.push(plural(counts.answers, 'answer'));
      if (counts.limits) parts.push(plural(counts.limits, 'limit result'));
      if (counts.other) parts.push(plural(counts.other, 'saved setting'));
      if (counts.entries) parts.push(plural(counts.entries, 'log entry', 'log entries'));
      let message = parts.length ? 'Imported ' + joined(parts) + '.'
        : counts.foreign ? 'Nothing was imported for this book\u2019s questions, limits or exams.'
          : 'Nothing new: this browser already holds all of it.';
      if (counts.kept) message += ' Kept ' + plural(counts.kept, 'saved answer or result', 'saved answers and results') + ' already here.';
      if (counts.foreign) {
        message += ' Kept ' + plural(counts.foreign, 'answer or log entry', 'answers and log entries') +
          ' for questions, limits or exams this book does not have; they do not count in your progress.';
      }
      if (dropped) message += ' Left out ' + plural(dropped, 'invalid entry', 'invalid entries') + '.';
      if (SG.store.status() !== 'blocked' && SG.log.full) {
        message += ' The browser\u2019s storage is full, so part of it is kept only until this page closes.';
      }
      return message;
    }
  }

  SG.define(ProgressPage);
  SG.progress = { fold: P.fold, validEntry: SG.log.valid, cleanEntry: SG.log.clean, cardIsDue: P.cardIsDue, fileName: P.fileName };
})();
