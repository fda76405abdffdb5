// The spaced-repetition review page. Its cards come from the attempt log
// (SG.log, the one source of truth): every question answered wrongly
// anywhere, every limit missed in practice, every question put aside with
// "Review later". Each card's grades are replayed through ts-fsrs
// (window.FSRS, loaded before this script) to find when it is due. The
// build's BANK (in the block) holds the questions and limits to show.
//
// SG.review, for other pages too (it needs window.FSRS for due dates):
//   cards(log, bank, now[, options])  every card, soonest due first
//   dueCount(log, now[, options])     how many are due, from the log alone;
//                                     null without ts-fsrs
//   addLater(qid, hash)               "Review later" for a question
//   preview(card, now[, options])     what each grade would give a card
//   interval(ms)                      "10 minutes", "3 days", "2.5 months"
// `options` is { exam: "YYYY-MM-DD" }, by default the saved settings
// (sg:review:settings): no card is due after that day.
// A card's key is "q:QID" or "l:ROWID". An edited question or limit (a new
// hash in the bank) starts afresh; a card the bank lacks is not shown (it
// stays in the log). A question answered wrongly again outside the review
// (or put aside again) after the card's last grade is due again at once;
// its memory state stays what the grades made it.
(function () {
  'use strict';
  var SG = window.StudyGuide;
  var MINUTE = 6e4;
  var HOUR = 36e5;
  var DAY = 864e5;
  var SETTINGS = 'sg:review:settings';
  var GRADES = ['', 'Again', 'Hard', 'Good', 'Easy'];
  var scheduler = null;

  // ---------------------------------------------------------------------
  // Cards and their schedule: pure functions of the log, the bank and a time.

  function isText(v) { return typeof v === 'string' && v !== ''; }
  function isTime(v) { return typeof v === 'number' && isFinite(v); }

  // The entries this page reads, with fields of the types loop.md gives.
  function readable(e) {
    if (!e || typeof e !== 'object' || !isTime(e.t) || !isText(e.h)) return false;
    if (e.k === 'q' || e.k === 'l') return isText(e.id) && typeof e.ok === 'boolean';
    if (e.k === 'g') return /^[ql]:./.test(e.card) && (e.g === 1 || e.g === 2 || e.g === 3 || e.g === 4);
    if (e.k === 'later') return /^q:./.test(e.card);
    return false;
  }

  function logEntries(log) {
    if (log && !Array.isArray(log) && Array.isArray(log.entries)) log = log.entries;
    return Array.isArray(log) ? log : [];
  }

  // { 'q:ID': { key, kind, id, made: [events that make it a card], grades } }
  function gather(log) {
    var found = Object.create(null);
    var keys = [];
    logEntries(log).forEach(function (e, i) {
      if (!readable(e)) return;
      var key;
      if (e.k === 'g' || e.k === 'later') key = e.card;
      else if (!e.ok) key = e.k + ':' + e.id;
      else return;
      var card = found[key];
      if (!card) {
        card = found[key] = { key: key, kind: key.charAt(0), id: key.slice(2), made: [], grades: [] };
        keys.push(key);
      }
      (e.k === 'g' ? card.grades : card.made).push({ h: e.h, t: e.t, g: e.g, i: i, w: e.w });
    });
    return keys.map(function (key) { return found[key]; });
  }

  function byTime(a, b) { return a.t - b.t || a.i - b.i; }

  function indexBank(bank) {
    var items = { q: Object.create(null), l: Object.create(null) };
    if (!bank) return null;
    (Array.isArray(bank.questions) ? bank.questions : []).forEach(function (q) {
      if (q && isText(q.id)) items.q[q.id] = q;
    });
    (Array.isArray(bank.limits) ? bank.limits : []).forEach(function (l) {
      if (l && isText(l.id)) items.l[l.id] = l;
    });
    return items;
  }

  // The start of the exam day (local time), or null.
  function examCap(options) {
    var match = options && /^(\d{4})-(\d{2})-(\d{2})$/.exec(options.exam || '');
    return match ? new Date(+match[1], match[2] - 1, +match[3]).getTime() : null;
  }

  // A due date no later than the exam day, for a grade given before it.
  function capped(due, at, cap) {
    return cap !== null && cap > at && due > cap ? cap : due;
  }

  // ts-fsrs with its default parameters, or null when it is not loaded.
  function fsrs() {
    if (!window.FSRS) return null;
    if (!scheduler) scheduler = window.FSRS.fsrs(window.FSRS.generatorParameters());
    return scheduler;
  }

  function time(v) { return v instanceof Date ? v.getTime() : Number(v); }

  function savedSettings() {
    var saved = SG.store.get(SETTINGS);
    return saved && typeof saved.exam === 'string' ? { exam: saved.exam } : {};
  }

  /**
   * Every card of the log, soonest due first.
   * @param {Array|{entries: Array}} log the log's entries (SG.log.entries())
   * @param {object|null} bank the review block's BANK; without it every card
   *   of the log is kept and its version is the hash it was last seen with
   * @param {number|Date} now
   * @param {{exam?: string}} [options] an exam date ("YYYY-MM-DD") no due date
   *   passes; by default the saved settings
   * @returns {Array<{card: string, kind: string, id: string, hash: string,
   *   item: object|null, created: number, due: number|null, state: object|null,
   *   reviews: number, last: number|null}>} `due` and `state` (a ts-fsrs
   *   Card) are null when ts-fsrs is not loaded
   */
  function cards(log, bank, now, options) {
    var items = indexBank(bank);
    var cap = examCap(options || savedSettings());
    var f = fsrs();
    now = time(now);
    var list = [];
    gather(log).forEach(function (c) {
      var item = items ? items[c.kind][c.id] : null;
      if (items && !item) return;
      var all = c.made.concat(c.grades).sort(byTime);
      var hash = item ? String(item.hash) : all[all.length - 1].h;
      var same = function (e) { return e.h === hash; };
      // An edited question or limit starts afresh: its old grades are ignored.
      var grades = c.grades.filter(same).sort(byTime);
      var made = c.made.filter(same).concat(grades).sort(byTime);
      var created = (made.length ? made : all)[0].t;
      var card = {
        card: c.key, kind: c.kind, id: c.id, hash: hash, item: item, created: created,
        due: null, state: null, reviews: grades.length, last: grades.length ? grades[grades.length - 1].t : null,
      };
      if (f) {
        var state = window.FSRS.createEmptyCard(new Date(created));
        grades.forEach(function (g) { state = f.next(state, new Date(g.t), g.g).card; });
        card.state = state;
        card.due = card.last === null ? created : capped(state.due.getTime(), card.last, cap);
        var since = made.filter(function (e) { return e.g === undefined && e.w !== 'review' && e.t > card.last; });
        if (since.length) card.due = Math.min(card.due, since[0].t);
      }
      list.push(card);
    });
    return list.sort(function (a, b) { return (a.due - b.due) || (a.created - b.created); });
  }

  /**
   * How many cards of the log are due at `now`, from the log alone (cards
   * of questions since removed from the book count too; an edited one keeps
   * the grades of the version last seen in the log).
   * @returns {number|null} null when ts-fsrs (window.FSRS) is not loaded
   */
  function dueCount(log, now, options) {
    if (!fsrs()) return null;
    now = time(now);
    return cards(log, null, now, options).filter(function (c) { return c.due <= now; }).length;
  }

  /**
   * What each grade would do to `card` at `now`: [null, {due, interval}×4]
   * indexed by grade (1 Again … 4 Easy).
   */
  function preview(card, now, options) {
    var cap = examCap(options || savedSettings());
    var outcomes = fsrs().repeat(card.state, new Date(now));
    return [1, 2, 3, 4].reduce(function (all, g) {
      var due = capped(outcomes[g].card.due.getTime(), now, cap);
      all[g] = { due: due, interval: due - now };
      return all;
    }, [null]);
  }

  // ---------------------------------------------------------------------
  // Words for times.

  function plural(n, word) { return n + ' ' + word + (n === 1 ? '' : 's'); }

  /** "1 minute", "10 minutes", "5 hours", "3 days", "2.5 months", "1.2 years". */
  function interval(ms) {
    if (ms < HOUR) return plural(Math.max(1, Math.round(ms / MINUTE)), 'minute');
    if (ms < DAY) return plural(Math.round(ms / HOUR), 'hour');
    var days = Math.round(ms / DAY);
    if (days < 31) return plural(days, 'day');
    if (days < 365) return plural(Math.round(days / 30.4 * 10) / 10, 'month');
    return plural(Math.round(days / 365 * 10) / 10, 'year');
  }

  function lang() { return document.documentElement.lang || 'en'; }

  function startOfDay(ms) {
    var d = new Date(ms);
    return new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
  }

  /** "today at 14:05", "tomorrow, Wednesday 2 December", "Friday 4 December (in 3 days)". */
  function when(due, now) {
    var days = Math.round((startOfDay(due) - startOfDay(now)) / DAY);
    var date = new Date(due);
    if (days <= 0) {
      return 'today at ' + date.toLocaleTimeString(lang(), { hour: 'numeric', minute: '2-digit' });
    }
    var options = { weekday: 'long', day: 'numeric', month: 'long' };
    if (date.getFullYear() !== new Date(now).getFullYear()) options.year = 'numeric';
    var day = date.toLocaleDateString(lang(), options);
    return days === 1 ? 'tomorrow, ' + day : day + ' (in ' + days + ' days)';
  }

  // ---------------------------------------------------------------------
  // The page.

  function element(name, attrs, text) {
    var el = document.createElement(name);
    for (var key in attrs) el.setAttribute(key, attrs[key]);
    if (text) el.textContent = text;
    return el;
  }

  // Markup from the BANK: sanitised by the build.
  function html(name, attrs, markup) {
    var el = element(name, attrs);
    el.innerHTML = markup;
    return el;
  }

  // Only links within the book (relative, or the page's own scheme).
  function safeHref(href) {
    return typeof href === 'string' && !/^\s*(javascript|data|vbscript):/i.test(href) ? href : null;
  }

  function readBank(root) {
    var bank = SG.bankOf ? SG.bankOf(root) : null;
    if (bank && typeof bank === 'object') return bank;
    return { questions: [], limits: [], chapters: [] };
  }

  // SG.store keeps what did not fit in a full store for this view, so the
  // log always reads back what was appended.
  function logged() {
    return SG.log ? SG.log.entries() : [];
  }

  function append(entry) {
    if (SG.log) SG.log.append(entry);
  }

  var count = 0;

  function Review(root) {
    if (root.sgReview) return;
    root.sgReview = this;
    this.root = root;
    this.uid = 'sg-review-' + (++count);
    this.bank = readBank(root);
    this.chapters = Object.create(null);
    (Array.isArray(this.bank.chapters) ? this.bank.chapters : []).forEach(function (c) {
      if (c && isText(c.id)) this.chapters[c.id] = c;
    }, this);
    this.reviewed = 0;
    this.current = null;
    this.timer = null;
    root.querySelectorAll('[data-sg-nojs]').forEach(function (el) { el.hidden = true; });
    this.build();
    if (!fsrs()) {
      this.region.appendChild(element('p', { 'class': 'sg-review-note' },
        'The review scheduler could not be loaded, so no card can be shown. Reload the page to try again.'));
      return;
    }
    root.addEventListener('click', this.onClick.bind(this));
    root.addEventListener('change', this.onChange.bind(this));
    this.refresh();
  }

  Review.prototype.build = function () {
    var app = this.app = this.root.appendChild(element('div', { 'class': 'sg-review-app' }));
    this.summary = app.appendChild(element('p', { 'class': 'sg-review-summary' }));
    this.region = app.appendChild(element('section', { 'class': 'sg-review-card', 'aria-labelledby': this.uid + '-h' }));
    this.status = app.appendChild(element('p', { 'class': 'sg-review-status', role: 'status' }));
    this.storageNote = app.appendChild(element('p', { 'class': 'sg-review-note', hidden: '' },
      'This browser is not saving your reviews (its storage is blocked or full): they last until you leave this page.'));
    var settings = app.appendChild(element('div', { 'class': 'sg-review-settings' }));
    settings.appendChild(element('label', { 'for': this.uid + '-exam' }, 'Exam date (optional)'));
    this.examInput = settings.appendChild(element('input', {
      type: 'date', id: this.uid + '-exam', 'data-sg-exam-date': '', 'aria-describedby': this.uid + '-exam-hint',
    }));
    this.examHint = settings.appendChild(element('p', { 'class': 'sg-review-hint', id: this.uid + '-exam-hint' }));
    this.printList = this.root.appendChild(element('div', { 'class': 'sg-review-print' }));
  };

  /**
   * Derives the cards from the log again and shows the first due card, or
   * keeps the one in hand while it is still due. `focus`: move the focus to
   * the card's heading (after the learner's own step).
   */
  Review.prototype.refresh = function (focus) {
    var now = Date.now();
    var settings = savedSettings();
    this.cards = cards(logged(), this.bank, now, settings);
    var due = this.cards.filter(function (c) { return c.due <= now; });
    var endOfDay = startOfDay(now) + DAY;
    var later = this.cards.filter(function (c) { return c.due > now && c.due < endOfDay; }).length;
    this.summary.textContent = due.length
      ? plural(due.length, 'card') + ' due now' + (later ? ', ' + later + ' more later today.' : '.')
      : (later ? plural(later, 'card') + ' due later today.' : 'No cards due today.');
    this.showSettings(settings, now);
    this.storageNote.hidden = !(SG.log && SG.log.full);
    this.renderPrint(due);
    var cur = this.current;
    var keep = cur && cur.card && due.filter(function (c) {
      return c.card === cur.card.card && c.hash === cur.card.hash;
    })[0];
    var hadFocus = this.region.contains(document.activeElement);
    if (keep) {
      cur.card = keep;
      cur.heading.textContent = this.headingText(keep, due.length);
      if (cur.grades) this.renderGrades();
    } else if (due.length) {
      this.show(due[0], due.length);
    } else if (!this.showDone(now)) {
      hadFocus = false; // the same screen as before
    }
    if (focus || (hadFocus && !keep)) this.current.heading.focus();
    this.wake(now);
  };

  // Comes back when the next card falls due (timers run late in a
  // background tab; a return to the tab refreshes too).
  Review.prototype.wake = function (now) {
    clearTimeout(this.timer);
    var next = this.cards.filter(function (c) { return c.due > now; })[0];
    if (!next) return;
    var self = this;
    this.timer = setTimeout(function () { self.refresh(false); }, Math.min(next.due - now + 1000, HOUR));
  };

  Review.prototype.headingText = function (card, due) {
    var n = this.reviewed + 1;
    var of = 'Card ' + n + ' of ' + (this.reviewed + due) + ': ';
    if (card.kind === 'l') return of + 'a limit from ' + (card.item.table || 'a limit table');
    var chapter = this.chapters[card.item.chapter];
    return of + 'a question' + (chapter && chapter.title ? ' from ' + chapter.title : '');
  };

  Review.prototype.start = function (card, kind) {
    this.region.textContent = '';
    this.region.className = 'sg-review-card sg-review-' + kind;
    var heading = this.region.appendChild(element('h2', { id: this.uid + '-h', tabindex: '-1', 'class': 'sg-review-heading' }));
    this.current = { card: card, heading: heading, grades: false };
    return heading;
  };

  Review.prototype.show = function (card, due) {
    if (card.kind === 'l') this.showLimit(card, due);
    else this.showQuestion(card, due);
  };

  Review.prototype.showQuestion = function (card, due) {
    var q = card.item;
    this.start(card, 'question').textContent = this.headingText(card, due);
    var multi = q.choose || (Array.isArray(q.answer) && q.answer.length > 1);
    var box = this.region.appendChild(element('div', { 'class': 'sg-question' }));
    var fieldset = box.appendChild(element('fieldset'));
    var legend = fieldset.appendChild(element('legend'));
    legend.appendChild(html('span', { 'class': 'sg-prompt' }, q.prompt));
    if (q.choose) legend.appendChild(element('span', { 'class': 'sg-choose' }, ' (Choose ' + q.choose + '.)'));
    var list = fieldset.appendChild(element('ol', { 'class': 'sg-choices' }));
    var name = this.uid + '-choice';
    this.current.inputs = (q.choices || []).map(function (choice, i) {
      var item = list.appendChild(element('li', { 'class': 'sg-choice' }));
      var label = item.appendChild(element('label'));
      var input = label.appendChild(element('input', { type: multi ? 'checkbox' : 'radio', name: name, value: String(i) }));
      label.appendChild(element('span', { 'class': 'sg-letter' }, String.fromCharCode(65 + i) + ')'));
      label.appendChild(document.createTextNode(' '));
      label.appendChild(html('span', { 'class': 'sg-choice-text' }, choice.html));
      item.appendChild(element('span', { 'class': 'sg-mark' }));
      if (choice.why) item.appendChild(html('div', { 'class': 'sg-why', hidden: '' }, choice.why));
      return input;
    });
    var actions = fieldset.appendChild(element('div', { 'class': 'sg-actions' }));
    actions.appendChild(element('button', { type: 'button', 'class': 'sg-button', 'data-sg-review-check': '' }, 'Check'));
    this.current.need = fieldset.appendChild(element('p', { 'class': 'sg-review-need', role: 'status' }));
    this.current.box = box;
  };

  Review.prototype.picked = function () {
    return this.current.inputs.map(function (input, i) { return input.checked ? i : -1; })
      .filter(function (i) { return i >= 0; });
  };

  // Grades the answer, logs it, and shows the verdict and explanations.
  Review.prototype.check = function () {
    var cur = this.current;
    var q = cur.card.item;
    var answer = Array.isArray(q.answer) ? q.answer : [];
    var picked = this.picked();
    if (cur.checked) return;
    if (!picked.length || (q.choose && picked.length !== answer.length)) {
      var need = q.choose ? 'Choose ' + q.choose + ' answers' : 'Choose an answer';
      return SG.announce(cur.need, need + (picked.length ? ': you have chosen ' + picked.length + '.' : ' first.'));
    }
    var right = picked.length === answer.length && picked.every(function (i) { return answer.indexOf(i) >= 0; });
    cur.checked = true;
    cur.right = right;
    cur.need.textContent = '';
    append({ k: 'q', id: cur.card.id, h: cur.card.hash, p: picked, ok: right, t: Date.now(), w: 'review' });
    cur.box.classList.add(right ? 'sg-correct' : 'sg-incorrect');
    cur.box.querySelectorAll('.sg-choice').forEach(function (item, i) {
      var isAnswer = answer.indexOf(i) >= 0;
      var mine = picked.indexOf(i) >= 0;
      item.classList.toggle('sg-is-answer', isAnswer);
      item.classList.toggle('sg-is-wrong', mine && !isAnswer);
      item.querySelector('.sg-mark').textContent = isAnswer
        ? (mine ? '✓ Your answer: correct' : '✓ Correct answer') : (mine ? '✗ Your answer: incorrect' : '');
      var why = item.querySelector('.sg-why');
      if (why) why.hidden = false;
    });
    cur.inputs.forEach(function (input) { input.disabled = true; });
    cur.box.querySelector('.sg-actions').hidden = true;
    var letters = answer.map(function (i) { return String.fromCharCode(65 + i); }).join(' and ');
    var outcome = this.region.appendChild(element('div', { 'class': 'sg-review-outcome' }));
    var verdict = outcome.appendChild(element('p', { 'class': 'sg-result', tabindex: '-1' },
      right ? 'Correct.' : 'Incorrect. The answer is ' + letters + '.'));
    if (q.explanation) outcome.appendChild(html('div', { 'class': 'sg-answer-body' }, q.explanation));
    if (q.see && safeHref(q.see.href)) this.readAgain(outcome, 'Read again: ' + (q.see.title || 'the section'), q.see.href);
    else this.readAgain(outcome, 'Read again: the question in its quiz', safeHref(q.quiz));
    this.renderGrades();
    verdict.focus();
  };

  Review.prototype.readAgain = function (parent, text, href) {
    if (!href) return;
    var p = parent.appendChild(element('p', { 'class': 'sg-see' }));
    p.appendChild(element('a', { href: href }, text));
  };

  Review.prototype.showLimit = function (card, due) {
    var l = card.item;
    this.start(card, 'limit').textContent = this.headingText(card, due);
    this.region.appendChild(element('p', { 'class': 'sg-review-ask' }, (l.name || card.id) + (l.table ? ' (' + l.table + ')' : '') + '?'));
    this.current.showButton = this.region.appendChild(element('p', { 'class': 'sg-actions' }))
      .appendChild(element('button', { type: 'button', 'class': 'sg-button', 'data-sg-review-show': '' }, 'Show value'));
  };

  Review.prototype.showValue = function () {
    var cur = this.current;
    var l = cur.card.item;
    if (cur.shown) return;
    cur.shown = true;
    cur.showButton.parentNode.hidden = true;
    var outcome = this.region.appendChild(element('div', { 'class': 'sg-review-outcome' }));
    var value = outcome.appendChild(element('p', { 'class': 'sg-review-value', tabindex: '-1' }));
    value.appendChild(element('span', { 'class': 'sg-review-value-name' }, (l.name || cur.card.id) + ': '));
    value.appendChild(element('strong', {}, String(l.value || '')));
    this.readAgain(outcome, 'Read again: ' + (l.table || 'the limit table'), safeHref(l.href));
    this.renderGrades();
    value.focus();
  };

  // The grade buttons with the interval each would give. After a wrong
  // answer only Again is offered: the card was not recalled, and a longer
  // interval would hide a question the learner has just got wrong.
  Review.prototype.renderGrades = function () {
    var cur = this.current;
    var now = Date.now();
    var outcomes = preview(cur.card, now, savedSettings());
    var old = this.region.querySelector('.sg-review-grades');
    var hadFocus = old && old.contains(document.activeElement) ? document.activeElement.getAttribute('data-sg-grade') : null;
    if (old) old.remove();
    var group = this.region.appendChild(element('div', { 'class': 'sg-review-grades', role: 'group', 'aria-labelledby': this.uid + '-g' }));
    var wrong = cur.card.kind === 'q' && !cur.right;
    group.appendChild(element('p', { 'class': 'sg-review-grades-label', id: this.uid + '-g' }, wrong
      ? 'You answered incorrectly, so this card comes back soon:'
      : 'How well did you know it? Each grade shows when the card comes back.'));
    var buttons = group.appendChild(element('div', { 'class': 'sg-review-grade-buttons' }));
    (wrong ? [1] : [1, 2, 3, 4]).forEach(function (g) {
      var after = interval(outcomes[g].interval);
      var button = buttons.appendChild(element('button', { type: 'button', 'class': 'sg-button sg-review-grade',
        'data-sg-grade': String(g), 'aria-label': GRADES[g] + ', ' + after }));
      button.appendChild(element('span', { 'class': 'sg-review-grade-name' }, GRADES[g]));
      button.appendChild(document.createTextNode(' · ' + after));
      if (hadFocus === String(g)) button.focus();
    });
    cur.grades = true;
  };

  Review.prototype.grade = function (g) {
    var cur = this.current;
    if (!cur || !cur.grades) return;
    var now = Date.now();
    var due = preview(cur.card, now, savedSettings())[g].due;
    if (cur.card.kind === 'l') {
      append({ k: 'l', id: cur.card.id, h: cur.card.hash, ok: g > 1, t: now, w: 'review' });
    }
    append({ k: 'g', card: cur.card.card, h: cur.card.hash, g: g, t: now });
    this.reviewed += 1;
    this.current = null;
    SG.announce(this.status, GRADES[g] + ': this card comes back ' + when(due, now) + '.');
    this.refresh(true);
  };

  // The screen once nothing is due; false when it is the one shown already.
  Review.prototype.showDone = function (now) {
    var upcoming = this.cards[0];
    var text = upcoming ? 'Next card due ' + when(upcoming.due, now) + '.'
      : 'No cards yet. Questions you answer incorrectly in a chapter quiz or an exam, limits you miss in practice, ' +
        'and questions you mark "Review later" come here.';
    var done = this.reviewed ? 'Reviewed this visit: ' + plural(this.reviewed, 'card') + '.' : '';
    var cur = this.current;
    if (cur && cur.done === text + done) return false;
    var heading = this.start(null, 'done');
    heading.textContent = 'Nothing due';
    this.current.done = text + done;
    this.region.appendChild(element('p', { 'class': 'sg-review-next' }, text));
    if (done) this.region.appendChild(element('p', {}, done));
    return true;
  };

  Review.prototype.showSettings = function (settings, now) {
    var cap = examCap(settings);
    if (document.activeElement !== this.examInput) this.examInput.value = settings.exam || '';
    this.examHint.textContent = cap === null ? 'With an exam date, no card is scheduled after it.'
      : cap > now ? 'No card is scheduled after ' + new Date(cap).toLocaleDateString(lang(), { day: 'numeric', month: 'long', year: 'numeric' }) + '.'
        : 'That date has passed, so it no longer limits the schedule.';
  };

  // For paper: the due cards' questions, without their answers.
  Review.prototype.renderPrint = function (due) {
    var box = this.printList;
    box.textContent = '';
    if (!due.length) return;
    box.appendChild(element('p', { 'class': 'sg-review-print-title' }, 'Due for review'));
    var list = box.appendChild(element('ol'));
    due.forEach(function (c) {
      if (c.kind === 'q') list.appendChild(html('li', {}, c.item.prompt));
      else list.appendChild(element('li', {}, (c.item.name || c.id) + (c.item.table ? ' (' + c.item.table + ')' : '') + '?'));
    });
  };

  Review.prototype.onClick = function (event) {
    var target = event.target;
    if (!this.current) return;
    var graded = target.closest('[data-sg-grade]');
    if (target.closest('[data-sg-review-check]')) this.check();
    else if (target.closest('[data-sg-review-show]')) this.showValue();
    else if (graded) this.grade(Number(graded.getAttribute('data-sg-grade')));
  };

  Review.prototype.onChange = function (event) {
    if (event.target !== this.examInput) return;
    var value = this.examInput.value;
    if (/^\d{4}-\d{2}-\d{2}$/.test(value)) SG.store.set(SETTINGS, { exam: value });
    else if (!value) SG.store.remove(SETTINGS);
    else return;
    this.refresh(false);
    SG.announce(this.status, this.examHint.textContent);
  };

  /**
   * Adds the question to the review cards ("Review later").
   * @param {string} qid the question's id
   * @param {string} hash its content hash (data-hash)
   * @returns {boolean} whether the entry was written to the log
   */
  function addLater(qid, hash) {
    if (!isText(qid) || !isText(hash) || !SG.log) return false;
    SG.log.append({ k: 'later', card: 'q:' + qid, h: hash, t: Date.now() });
    refreshAll();
    return true;
  }

  var reviews = [];
  function refreshAll() { reviews.forEach(function (r) { r.refresh(false); }); }

  SG.review = { cards: cards, dueCount: dueCount, addLater: addLater, preview: preview, interval: interval };

  SG.whenStored(function () {
    reviews = [].map.call(document.querySelectorAll('[data-sg-review]'), function (root) { return new Review(root); })
      .filter(function (r) { return r.cards; });
    if (!reviews.length) return;
    // Another tab wrote to the log, changed the exam date or reset.
    SG.store.onChange(function (keys) {
      if (keys === null || keys.some(function (key) { return key === SETTINGS || /^sg:log:/.test(key); })) refreshAll();
    });
    document.addEventListener('visibilitychange', function () { if (!document.hidden) refreshAll(); });
  });
})();
