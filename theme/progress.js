// The progress page: the learner's standing, chapter by chapter, folded from
// the saved answers (sg:quiz:…, sg:limit:…) and the attempt log (SG.log);
// resetting a chapter or everything; exporting and importing progress.
// The build writes the block (see [data-sg-progress-page]) with the book's
// chapters, questions and limit rows as JSON; everything read from storage or
// from an imported file is validated and only ever shown as text.
(function () {
  'use strict';
  var SG = window.StudyGuide;

  var SCHEMA = 'studyguide-progress';
  var VERSION = 1;
  // A progress file bigger than this is refused before it is read.
  var MAX_FILE_BYTES = 5 * 1024 * 1024;
  var MAX_FILE_ENTRIES = 200000;
  var MAX_FILE_KEYS = 50000;
  // The state an export holds and an import restores, by key prefix.
  var PREFIXES = ['sg:quiz:', 'sg:limit:', 'sg:limits:', 'sg:exam:', 'sg:review:'];
  var has = Object.prototype.hasOwnProperty;

  // ---------------------------------------------------------------------
  // Validation: the log's entries and the widgets' saved state, whether
  // read from storage or from a file. A field list per kind, so an import
  // keeps exactly the known fields and duplicates compare equal.

  function text(max) {
    return function (v) { return typeof v === 'string' && v.length > 0 && v.length <= max; };
  }
  var id = text(200);
  var hash = text(100);
  function bool(v) { return typeof v === 'boolean'; }
  function time(v) { return typeof v === 'number' && isFinite(v) && v >= 0; }
  function int(lo, hi) {
    return function (v) { return typeof v === 'number' && v % 1 === 0 && v >= lo && v <= hi; };
  }
  function list(item, max) {
    return function (v) {
      if (!Array.isArray(v) || v.length > max) return false;
      for (var i = 0; i < v.length; i++) if (!item(v[i])) return false;
      return true;
    };
  }
  function oneOf(words) { return function (v) { return words.indexOf(v) >= 0; }; }
  function optional(check) { return function (v) { return v === undefined || check(v); }; }
  var count = int(0, 1e6);
  var card = function (v) { return id(v) && (v.charAt(0) === 'q' || v.charAt(0) === 'l') && v.charAt(1) === ':'; };
  var picks = list(int(0, 99), 100);
  var ids = list(id, 10000);

  // The entries of loop.md's log, field by field, in the order they are kept.
  var ENTRIES = {
    q: [['id', id], ['h', hash], ['p', picks], ['ok', bool], ['t', time], ['w', text(20)], ['rv', optional(bool)]],
    l: [['id', id], ['h', hash], ['ok', bool], ['t', time], ['w', text(20)], ['rv', optional(bool)]],
    g: [['card', card], ['h', hash], ['g', int(1, 4)], ['t', time]],
    later: [['card', card], ['h', hash], ['t', time]],
    exam: [['page', id], ['mode', oneOf(['exam', 'practice'])], ['n', count], ['right', count], ['pct', int(0, 100)],
      ['passed', bool], ['start', time], ['t', time], ['chapters', ids], ['wrong', ids], ['flagged', ids]]
  };

  // The widgets' saved state, by key prefix.
  var STATES = {
    'sg:quiz:': [['h', hash], ['p', picks], ['c', optional(bool)], ['r', optional(bool)]],
    'sg:limit:': [['h', hash], ['r', oneOf(['right', 'wrong', 'revealed'])], ['a', optional(text(500))]],
    'sg:limits:': [['practice', optional(bool)], ['mode', optional(oneOf(['type', 'choose']))]],
    // The review page's settings: the exam date that caps intervals.
    'sg:review:': [['exam', optional(text(10))]]
  };

  function isObject(v) { return v !== null && typeof v === 'object' && !Array.isArray(v); }

  // The fields of `value` that `fields` names, or null when one is wrong.
  function pick(value, fields, start) {
    if (!isObject(value)) return null;
    var out = start || {};
    for (var i = 0; i < fields.length; i++) {
      var name = fields[i][0];
      var v = has.call(value, name) ? value[name] : undefined;
      if (!fields[i][1](v)) return null;
      if (v !== undefined) out[name] = Array.isArray(v) ? v.slice() : v;
    }
    return out;
  }

  // Whether a log entry is well formed (the fold's check: no copy).
  function validEntry(e) {
    if (!isObject(e) || typeof e.k !== 'string' || !has.call(ENTRIES, e.k)) return false;
    var fields = ENTRIES[e.k];
    for (var i = 0; i < fields.length; i++) if (!fields[i][1](e[fields[i][0]])) return false;
    return e.k !== 'exam' || e.right <= e.n;
  }

  // A well-formed copy of a log entry holding only its known fields, or null.
  function cleanEntry(e) {
    return validEntry(e) ? pick(e, ENTRIES[e.k], { k: e.k }) : null;
  }

  // The prefix of a state key this page knows, or null.
  function prefixOf(key) {
    for (var i = 0; i < PREFIXES.length; i++) {
      var p = PREFIXES[i];
      if (key.length > p.length && key.length <= p.length + 200 && key.lastIndexOf(p, 0) === 0) return p;
    }
    return null;
  }

  // A well-formed copy of a saved state, or null. The exam page's own state
  // (sg:exam:…) is its script's to validate: any object that is not huge.
  function cleanState(key, value) {
    var prefix = typeof key === 'string' && prefixOf(key);
    if (!prefix || !isObject(value)) return null;
    if (prefix === 'sg:exam:') return JSON.stringify(value).length <= 200000 ? value : null;
    return pick(value, STATES[prefix]);
  }

  // ---------------------------------------------------------------------
  // The fold: the standing, from the book, the log and the saved state in
  // one pass over the log. Pure: no storage, no page.

  // Whether a review card is due. The review page's scheduler decides when
  // it is loaded: StudyGuide.reviewDue(card, grades, now) with the card's
  // "q:QID" or "l:ROWID", its k:"g" entries for the current content (oldest
  // first) and the time in ms, returning true when due. Without it a card
  // is due when it was never graded or its last grade was Again (1).
  function cardIsDue(cardKey, grades, now) {
    if (SG && typeof SG.reviewDue === 'function') return SG.reviewDue(cardKey, grades, now) === true;
    return grades.length === 0 || grades[grades.length - 1].g === 1;
  }

  /**
   * The review page's scheduler (theme/review.js, loaded on this page with
   * ts-fsrs) as an `isDue` for the fold: the same due dates the review page
   * shows, for the book's current questions and limits. Undefined without it.
   */
  function scheduledDue(book, entries, now) {
    if (!SG.review || typeof SG.review.cards !== 'function' || !window.FSRS) return undefined;
    var bank = { questions: [], limits: [] };
    (book.chapters || []).forEach(function (ch) {
      (ch.questions || []).forEach(function (q) { bank.questions.push(q); });
      (ch.limits || []).forEach(function (t) { (t.rows || []).forEach(function (r) { bank.limits.push(r); }); });
    });
    var due = Object.create(null);
    SG.review.cards(entries, bank, now).forEach(function (c) { due[c.card] = c.due; });
    return function (cardKey) { return cardKey in due && due[cardKey] !== null && due[cardKey] <= now; };
  }

  function samePicks(a, b) {
    if (a.length !== b.length) return false;
    for (var i = 0; i < a.length; i++) if (b.indexOf(a[i]) < 0) return false;
    return true;
  }

  /**
   * The learner's standing.
   *
   * A question is *answered* when its saved quiz state (sg:quiz:QID) is
   * checked (c) for the question's current hash. It is *correct* when it is
   * answered, was not revealed first (r), and its saved picks are the
   * answer. The answer is not in the book's data, so it is learnt from the
   * log: a k:"q" entry for the same id and hash that is ok (and not
   * revealed) holds the answer's picks; without one the question is not
   * counted correct. A limit row is practised when its sg:limit:ROWID
   * state is right, wrong or revealed for the row's current hash.
   * Review cards: every question (id + hash) with a wrong k:"q" entry, every
   * limit row with a wrong k:"l" entry, every k:"later"; due by cardIsDue.
   * Exams: k:"exam" entries for the book's exam pages, best (highest
   * percentage, the later on a tie) and last.
   *
   * @param {object} book the BOOK JSON of the progress block
   * @param {Array} log the log's entries, oldest first (invalid ones skipped)
   * @param {object} state saved state by key ("sg:quiz:QID" → {h,p,c,r}, …)
   * @param {{now?: number, isDue?: function}} [options]
   * @returns {object} { chapters (book order), weakest (see below), totals, exams, skipped }
   */
  function fold(book, log, state, options) {
    options = options || {};
    var now = typeof options.now === 'number' ? options.now : Date.now();
    var isDue = options.isDue || cardIsDue;
    state = state || {};
    var questions = Object.create(null);
    var rows = Object.create(null);
    var examPages = Object.create(null);
    var totals = { questions: 0, answered: 0, correct: 0, revealed: 0, rows: 0, practised: 0, right: 0, wrong: 0,
      revealedRows: 0, cards: 0, due: 0 };

    var chapters = (book.chapters || []).map(function (ch) {
      var chapter = { id: ch.id, title: ch.title, quiz: ch.quiz || null, questions: 0, answered: 0, correct: 0,
        revealed: 0, rows: 0, practised: 0, right: 0, wrong: 0, revealedRows: 0, cards: 0, due: 0,
        saved: 0, logged: 0, tables: [] };
      (ch.questions || []).forEach(function (q) {
        questions[q.id] = { chapter: chapter, hash: q.hash, answer: null };
        chapter.questions++;
      });
      (ch.limits || []).forEach(function (t) {
        var table = { table: t.table, title: t.title, href: t.href, rows: 0, practised: 0, right: 0, wrong: 0, revealed: 0 };
        chapter.tables.push(table);
        (t.rows || []).forEach(function (r) {
          rows[r.id] = { chapter: chapter, table: table, hash: r.hash };
          table.rows++;
          chapter.rows++;
        });
      });
      return chapter;
    });
    (book.exams || []).forEach(function (exam) { examPages[exam.id] = true; });

    var cards = Object.create(null);
    var grades = Object.create(null);
    var exams = { count: 0, best: null, last: null };
    var skipped = 0;
    function target(cardKey) {
      var known = cardKey.charAt(0) === 'q' ? questions[cardKey.slice(2)] : rows[cardKey.slice(2)];
      return known || null;
    }

    // The one pass over the log.
    for (var i = 0; i < log.length; i++) {
      var e = log[i];
      if (!validEntry(e)) { skipped++; continue; }
      var k = e.k;
      var found = k === 'q' ? questions[e.id] : k === 'l' ? rows[e.id] : k === 'exam' ? null : target(e.card);
      if (k === 'exam') {
        if (!examPages[e.page]) continue;
        exams.count++;
        if (!exams.best || e.pct >= exams.best.pct) exams.best = e;
        if (!exams.last || e.t >= exams.last.t) exams.last = e;
        continue;
      }
      if (!found) continue;
      found.chapter.logged++;
      if (e.h !== found.hash) continue;
      if (k === 'q') {
        if (e.ok && !e.rv) found.answer = e.p;
        else cards['q:' + e.id] = found.chapter;
      } else if (k === 'l') {
        if (!e.ok) cards['l:' + e.id] = found.chapter;
      } else if (k === 'later') {
        cards[e.card] = found.chapter;
      } else {
        (grades[e.card] || (grades[e.card] = [])).push(e);
      }
    }

    Object.keys(questions).forEach(function (qid) {
      var q = questions[qid];
      var saved = state['sg:quiz:' + qid];
      if (!saved) return;
      q.chapter.saved++;
      if (!isObject(saved) || saved.h !== q.hash || saved.c !== true || !picks(saved.p)) return;
      q.chapter.answered++;
      if (saved.r === true) q.chapter.revealed++;
      else if (q.answer && samePicks(saved.p, q.answer)) q.chapter.correct++;
    });
    Object.keys(rows).forEach(function (rid) {
      var r = rows[rid];
      var saved = state['sg:limit:' + rid];
      if (!saved) return;
      r.chapter.saved++;
      if (!isObject(saved) || saved.h !== r.hash) return;
      var field = { right: 'right', wrong: 'wrong', revealed: 'revealed' }[saved.r];
      if (!field || !has.call(r.table, field)) return;
      r.table.practised++;
      r.table[field]++;
      r.chapter.practised++;
      r.chapter[field === 'revealed' ? 'revealedRows' : field]++;
    });
    Object.keys(cards).forEach(function (cardKey) {
      var chapter = cards[cardKey];
      chapter.cards++;
      if (isDue(cardKey, grades[cardKey] || [], now)) chapter.due++;
    });

    chapters.forEach(function (c) {
      ['questions', 'answered', 'correct', 'revealed', 'rows', 'practised', 'right', 'wrong', 'revealedRows', 'cards', 'due']
        .forEach(function (name) { totals[name] += c[name]; });
      c.items = c.questions + c.rows;
      c.attempted = c.answered + c.practised > 0;
      c.share = c.items ? (c.correct + c.right) / c.items : 0;
    });

    // Weakest first: the chapters with something answered or practised, by
    // their share of items right (correct questions and right limit rows
    // over all the chapter's questions and rows), lowest first; then the
    // untouched ones. No score yet is not a known weakness, so those come
    // after, in book order, the order to start them in. Ties keep book
    // order. Chapters with neither questions nor limit rows are left out.
    var weakest = chapters.filter(function (c) { return c.items > 0; });
    weakest = weakest.map(function (c, n) { return { c: c, n: n }; }).sort(function (a, b) {
      if (a.c.attempted !== b.c.attempted) return a.c.attempted ? -1 : 1;
      if (a.c.attempted && a.c.share !== b.c.share) return a.c.share - b.c.share;
      return a.n - b.n;
    }).map(function (x) { return x.c; });

    return { chapters: chapters, weakest: weakest, totals: totals, exams: exams, skipped: skipped };
  }

  // ---------------------------------------------------------------------
  // Storage: the keys the page knows of, the log, clearing and merging.

  // SG.log (a write that did not fit a full store is kept by SG.store for
  // this view, so it reads back).
  var log = {
    entries: function () {
      try { return SG.log ? SG.log.entries() : []; } catch (e) { return []; }
    },
    full: function () { return !!(SG.log && SG.log.full); }
  };

  // Every saved key of this book (SG.store's, which holds those kept only
  // in memory when storage is blocked) and the book's own, but the log's.
  function knownKeys(book) {
    var keys = Object.create(null);
    SG.store.keys('sg:').concat(bookKeys(book)).forEach(function (key) {
      if (key.lastIndexOf('sg:log:', 0) !== 0) keys[key] = true;
    });
    return Object.keys(keys);
  }

  // The state keys of the book's questions, limit rows and tables, and exams.
  function bookKeys(book, chapterId) {
    var keys = [];
    (book.chapters || []).forEach(function (ch) {
      if (chapterId !== undefined && ch.id !== chapterId) return;
      (ch.questions || []).forEach(function (q) { keys.push('sg:quiz:' + q.id); });
      (ch.limits || []).forEach(function (t) {
        keys.push('sg:limits:' + t.table);
        (t.rows || []).forEach(function (r) { keys.push('sg:limit:' + r.id); });
      });
    });
    if (chapterId === undefined) (book.exams || []).forEach(function (x) { keys.push('sg:exam:' + x.id); });
    return keys;
  }

  // The saved state of every known key with a prefix an export holds.
  function readState(book) {
    var state = {};
    knownKeys(book).forEach(function (key) {
      if (!prefixOf(key)) return;
      var value = SG.store.get(key);
      if (value) state[key] = value;
    });
    return state;
  }

  // The ids of one chapter's questions and limit rows, as review cards.
  function chapterCards(ch) {
    var out = Object.create(null);
    (ch.questions || []).forEach(function (q) { out['q:' + q.id] = true; });
    (ch.limits || []).forEach(function (t) { (t.rows || []).forEach(function (r) { out['l:' + r.id] = true; }); });
    return out;
  }

  // Removes a chapter's saved state and its log entries (any version of its
  // questions and rows); exams stay, as they span chapters.
  function clearChapter(book, ch) {
    var keys = Object.create(null);
    bookKeys(book, ch.id).forEach(function (key) { keys[key] = true; });
    var mine = chapterCards(ch);
    SG.store.clear(function (key) { return keys[key] === true; });
    if (SG.log) SG.log.removeWhere(function (e) { return mine[itemOf(e)] === true; });
  }

  // Removes everything this book saved, the log included.
  function clearEverything() {
    SG.store.clear();
  }

  // The question ("q:ID") or limit row ("l:ID") an entry is about, if any.
  function itemOf(e) {
    if (!isObject(e)) return null;
    if ((e.k === 'q' || e.k === 'l') && typeof e.id === 'string') return e.k + ':' + e.id;
    if ((e.k === 'g' || e.k === 'later') && typeof e.card === 'string') return e.card;
    return null;
  }

  // An entry's identity, for the union of two logs.
  function entryKey(e) {
    var clean = cleanEntry(e);
    return clean ? JSON.stringify(clean) : null;
  }

  /**
   * Reads a parsed progress file against this book: a message when it is
   * refused, or what it holds, its invalid parts dropped and counted.
   * @returns {{error: string} | {entries: Array, state: object, dropped: number}}
   */
  function readFile(book, data) {
    var nothing = ' Nothing was imported.';
    if (!isObject(data) || data.schema !== SCHEMA) {
      return { error: 'This file is not a study guide progress file.' + nothing };
    }
    if (data.version !== VERSION) {
      return { error: typeof data.version === 'number' && data.version > VERSION
        ? 'This progress file was written by a newer version of the study guide (format ' +
          (data.version % 1 === 0 && data.version < 1e6 ? data.version : 'unknown') + '); this page reads format ' +
          VERSION + '.' + nothing
        : 'This progress file has a format version this page does not know.' + nothing };
    }
    // The book's id when the file names one (a new title keeps the id), else its title.
    var id = SG.store.book.id;
    if (typeof data.bookId === 'string' ? data.bookId !== id : data.book !== book.title) {
      return { error: 'This file holds the progress of another book, not of \u201c' + book.title + '\u201d.' + nothing };
    }
    if (!Array.isArray(data.log) || !isObject(data.state)) {
      return { error: 'This progress file is damaged: it has no log or no saved state.' + nothing };
    }
    var keys = Object.keys(data.state);
    if (data.log.length > MAX_FILE_ENTRIES || keys.length > MAX_FILE_KEYS) {
      return { error: 'This progress file holds more entries than a study guide writes.' + nothing };
    }
    var dropped = 0;
    var entries = [];
    data.log.forEach(function (e) {
      var clean = cleanEntry(e);
      if (clean) entries.push(clean);
      else dropped++;
    });
    var state = {};
    keys.forEach(function (key) {
      var clean = cleanState(key, data.state[key]);
      if (clean) state[key] = clean;
      else dropped++;
    });
    return { entries: entries, state: state, dropped: dropped, has: itemsOf(book) };
  }

  /**
   * What this book has, to tell an imported entry or key about one of its
   * questions, limit rows, tables or exams from one about something it does
   * not have (a question of an earlier edition): those are kept, as an
   * edition that has them again counts them, but never counted here.
   */
  function itemsOf(book) {
    var items = Object.create(null);
    bookKeys(book).forEach(function (key) { items[key] = true; });
    (book.exams || []).forEach(function (x) { items['sg:exam:' + x.id + ':last'] = true; });
    items['sg:review:settings'] = true;
    return {
      key: function (key) { return items[key] === true; },
      entry: function (e) {
        if (e.k === 'exam') return items['sg:exam:' + e.page] === true;
        var item = itemOf(e);
        return item !== null && items[(item.charAt(0) === 'q' ? 'sg:quiz:' : 'sg:limit:') + item.slice(2)] === true;
      }
    };
  }

  // Merges a read file into what is saved: log entries unioned, state keys
  // added where missing and kept where present. Returns the counts.
  function merge(file) {
    var counts = { answers: 0, limits: 0, other: 0, entries: 0, kept: 0, foreign: 0 };
    Object.keys(file.state).forEach(function (key) {
      if (SG.store.get(key)) { counts.kept++; return; }
      SG.store.set(key, file.state[key]);
      var prefix = prefixOf(key);
      if (!file.has.key(key)) counts.foreign++;
      else counts[prefix === 'sg:quiz:' ? 'answers' : prefix === 'sg:limit:' ? 'limits' : 'other']++;
    });
    var seen = Object.create(null);
    log.entries().forEach(function (e) { var k = entryKey(e); if (k) seen[k] = true; });
    var added = file.entries.filter(function (e) {
      var k = JSON.stringify(e);
      if (seen[k]) return false;
      seen[k] = true;
      return true;
    });
    // Each keeps its own time, so the log stays in time order.
    if (added.length && SG.log) SG.log.add(added);
    var ours = added.filter(file.has.entry);
    counts.entries = ours.length;
    counts.foreign += added.length - ours.length;
    return counts;
  }

  // ---------------------------------------------------------------------
  // The page.

  function el(name, attrs, content) {
    var node = document.createElement(name);
    for (var key in attrs) if (has.call(attrs, key)) node.setAttribute(key, attrs[key]);
    if (content !== undefined) {
      [].concat(content).forEach(function (part) {
        node.appendChild(typeof part === 'string' ? document.createTextNode(part) : part);
      });
    }
    return node;
  }

  // Hrefs come from the build; a scheme other than a relative path is dropped.
  function safeHref(href) {
    return typeof href === 'string' && !/^\s*[a-z][a-z0-9+.-]*:/i.test(href) ? href : null;
  }

  function plural(n, one, many) {
    return n.toLocaleString('en') + ' ' + (n === 1 ? one : many || one + 's');
  }

  // "a, b and c"
  function joined(parts) {
    return parts.length < 2 ? parts.join('') : parts.slice(0, -1).join(', ') + ' and ' + parts[parts.length - 1];
  }

  function percent(part, whole) {
    return whole ? Math.round(100 * part / whole) + '%' : '0%';
  }

  function day(t) {
    return new Date(t).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric' });
  }

  // "study-guide-progress-2026-12-01.json" from the title and the date.
  function fileName(title, now) {
    var slug = String(title || '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60)
      .replace(/-+$/, '');
    return (slug || 'study-guide') + '-progress-' + new Date(now).toISOString().slice(0, 10) + '.json';
  }

  var uid = 0;

  function ProgressPage(root) {
    if (root.sgProgress) return;
    root.sgProgress = this;
    this.root = root;
    try {
      this.book = JSON.parse(root.querySelector('script[data-sg-book]').textContent);
    } catch (e) {
      return; // no book data: the block's own text stays
    }
    if (!isObject(this.book)) return;
    this.confirming = null;
    this.n = ++uid;
    this.build();
    root.querySelectorAll('[data-sg-nojs]').forEach(function (nojs) { nojs.hidden = true; });
    root.classList.add('sg-js');
    root.addEventListener('click', this.onClick.bind(this));
    root.addEventListener('keydown', this.onKey.bind(this));
    root.addEventListener('change', this.onChange.bind(this));
    this.render();
  }

  ProgressPage.prototype.id = function (name) { return 'sg-progress-' + this.n + '-' + name; };

  // The parts that stay; render() fills in the standing.
  ProgressPage.prototype.build = function () {
    var ui = this.ui = el('div', { 'class': 'sg-progress-ui' });
    this.note = ui.appendChild(el('p', { 'class': 'sg-progress-note', hidden: '' }));
    this.summary = ui.appendChild(el('p', { 'class': 'sg-progress-summary' }));
    this.reviewLink = ui.appendChild(el('p', { 'class': 'sg-progress-review', hidden: '' }));

    var chapters = ui.appendChild(el('section', { 'aria-labelledby': this.id('chapters') }));
    chapters.appendChild(el('h2', { id: this.id('chapters') }, 'By chapter, weakest first'));
    this.chapterStatus = chapters.appendChild(el('p', { 'class': 'sg-progress-status', role: 'status' }));
    this.list = chapters.appendChild(el('ol', { 'class': 'sg-progress-chapters' }));
    this.table = chapters.appendChild(el('table', { 'class': 'sg-progress-table' }));

    var exams = this.examSection = ui.appendChild(el('section', { 'aria-labelledby': this.id('exams') }));
    exams.appendChild(el('h2', { id: this.id('exams') }, 'Practice exams'));
    this.examText = exams.appendChild(el('div', { 'class': 'sg-progress-exams' }));

    var files = ui.appendChild(el('section', { 'class': 'sg-progress-files', 'aria-labelledby': this.id('files') }));
    files.appendChild(el('h2', { id: this.id('files') }, 'Keep or move your progress'));
    files.appendChild(el('p', {}, 'Your progress is saved in this browser only. Export it to a file to keep a copy or ' +
      'to carry it to another browser; importing a file adds what it holds and keeps what is saved here.'));
    var row = files.appendChild(el('div', { 'class': 'sg-progress-actions' }));
    row.appendChild(el('button', { type: 'button', 'class': 'sg-button', 'data-sg-export': '' }, 'Export progress'));
    var pickId = this.id('import');
    row.appendChild(el('label', { 'for': pickId, 'class': 'sg-progress-import' }, 'Import progress from a file'));
    this.picker = row.appendChild(el('input', { type: 'file', id: pickId, accept: '.json,application/json',
      'data-sg-import': '' }));
    this.fileStatus = files.appendChild(el('p', { 'class': 'sg-progress-status', role: 'status' }));

    var reset = ui.appendChild(el('section', { 'aria-labelledby': this.id('reset') }));
    reset.appendChild(el('h2', { id: this.id('reset') }, 'Start afresh'));
    this.resetAll = reset.appendChild(el('button', { type: 'button', 'class': 'sg-button',
      'data-sg-reset': '', 'data-sg-key': 'reset:', 'aria-expanded': 'false' }, 'Reset everything'));
    this.confirmAll = reset.appendChild(this.confirmation(''));
    this.resetStatus = reset.appendChild(el('p', { 'class': 'sg-progress-status', role: 'status' }));

    var script = this.root.querySelector('script[data-sg-book]');
    this.root.insertBefore(ui, script);
  };

  // An inline confirmation for one chapter (its id) or everything ('').
  ProgressPage.prototype.confirmation = function (chapterId) {
    var box = el('div', { 'class': 'sg-confirm sg-progress-confirm', 'data-sg-confirm': chapterId, hidden: '' });
    box.appendChild(el('p', { 'class': 'sg-confirm-text' }));
    box.appendChild(el('button', { type: 'button', 'class': 'sg-button', 'data-sg-clear': chapterId,
      'data-sg-key': 'clear:' + chapterId }, chapterId ? 'Clear this chapter' : 'Clear everything'));
    box.appendChild(el('button', { type: 'button', 'class': 'sg-button', 'data-sg-cancel': chapterId,
      'data-sg-key': 'cancel:' + chapterId }, 'Cancel'));
    return box;
  };

  ProgressPage.prototype.chapterData = function (chapterId) {
    return (this.book.chapters || []).filter(function (ch) { return ch.id === chapterId; })[0];
  };

  // Reads storage and the log, folds them and shows the standing.
  ProgressPage.prototype.render = function () {
    this.pending = false;
    var focused = document.activeElement;
    var focusKey = focused && this.root.contains(focused) ? focused.getAttribute('data-sg-key') : null;
    this.entries = log.entries();
    var now = Date.now();
    var standing = this.standing = fold(this.book, this.entries, readState(this.book),
      { now: now, isDue: scheduledDue(this.book, this.entries, now) });
    this.showNote();
    this.showSummary(standing);
    this.showChapters(standing);
    this.showTable(standing);
    this.showExams(standing);
    this.confirmAll.querySelector('p').textContent = this.lossText(null);
    if (this.confirming !== null && !this.openConfirmation(this.confirming, false)) this.confirming = null;
    if (focusKey && !this.root.contains(document.activeElement)) {
      var again = this.root.querySelector('[data-sg-key="' + focusKey.replace(/["\\]/g, '\\$&') + '"]');
      if (again && !again.closest('[hidden]')) again.focus();
    }
  };

  // Re-renders once, soon, however many changes arrive together.
  ProgressPage.prototype.schedule = function () {
    if (this.pending) return;
    this.pending = true;
    setTimeout(this.render.bind(this), 0);
  };

  ProgressPage.prototype.showNote = function () {
    var text = '';
    if (SG.store.status() === 'blocked') {
      text = 'This browser does not let the guide save anything: your progress is kept only until this page closes.';
    } else if (log.full()) {
      text = 'This browser\u2019s storage for the guide is full: new answers are kept only until this page closes. ' +
        'Export your progress to keep it, then reset to make room.';
    }
    this.note.textContent = text;
    this.note.hidden = !text;
  };

  ProgressPage.prototype.showSummary = function (s) {
    var t = s.totals;
    var parts = [];
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
    var review = safeHref(this.book.review);
    this.reviewLink.textContent = '';
    this.reviewLink.hidden = !(review && t.due);
    if (review && t.due) {
      this.reviewLink.appendChild(el('a', { href: review, 'data-sg-key': 'review' },
        'Review the ' + plural(t.due, 'card') + ' due'));
    }
  };

  // What resetting a chapter (or everything, for null) loses, as a question.
  ProgressPage.prototype.lossText = function (c) {
    var s = this.standing;
    var t = c || s.totals;
    var parts = [];
    if (t.answered) parts.push(plural(t.answered, 'answer'));
    if (t.practised) parts.push(plural(t.practised, 'limit result'));
    if (t.cards) parts.push(plural(t.cards, 'review card'));
    if (!c && s.exams.count) parts.push(plural(s.exams.count, 'exam result'));
    var of = c ? c.title : 'the whole book';
    if (!parts.length) return 'Clear everything saved for ' + of + '?';
    return 'Clear ' + joined(parts) + ' of ' + of + '?';
  };

  ProgressPage.prototype.showChapters = function (s) {
    var list = this.list;
    list.textContent = '';
    s.weakest.forEach(function (c) { list.appendChild(this.chapterItem(c)); }, this);
  };

  ProgressPage.prototype.chapterItem = function (c) {
    var item = el('li', { 'class': 'sg-progress-chapter' + (c.attempted ? '' : ' sg-untouched'), 'data-chapter': c.id });
    var quiz = safeHref(c.quiz);
    item.appendChild(el('h3', { 'class': 'sg-progress-title', tabindex: '-1', 'data-sg-key': 'title:' + c.id }, c.title));
    var bar = item.appendChild(el('div', { 'class': 'sg-bar', 'aria-hidden': 'true' }));
    var right = c.items ? 100 * (c.correct + c.right) / c.items : 0;
    var tried = c.items ? 100 * (c.answered + c.practised) / c.items : 0;
    bar.appendChild(el('span', { 'class': 'sg-bar-right', style: 'width:' + right.toFixed(1) + '%' }));
    bar.appendChild(el('span', { 'class': 'sg-bar-tried', style: 'width:' + Math.max(0, tried - right).toFixed(1) + '%' }));

    var facts = item.appendChild(el('ul', { 'class': 'sg-progress-facts' }));
    if (c.questions) {
      facts.appendChild(el('li', {}, 'Questions: ' + c.answered + ' of ' + c.questions + ' answered, ' + c.correct +
        ' correct (' + percent(c.correct, c.questions) + ')' + (c.revealed ? ', ' + c.revealed + ' revealed' : '')));
    }
    c.tables.forEach(function (t) {
      var href = safeHref(t.href);
      var name = href ? el('a', { href: href }, t.title) : el('span', {}, t.title);
      var detail = t.practised
        ? ': ' + t.practised + ' of ' + t.rows + ' practised, ' + t.right + ' right' +
          (t.wrong ? ', ' + t.wrong + ' wrong' : '') + (t.revealed ? ', ' + t.revealed + ' revealed' : '')
        : ': not practised yet (' + plural(t.rows, 'limit') + ')';
      facts.appendChild(el('li', {}, [name, detail]));
    });
    if (c.cards) facts.appendChild(el('li', {}, 'Review: ' + plural(c.cards, 'card') + ', ' + c.due + ' due'));

    var actions = item.appendChild(el('p', { 'class': 'sg-progress-actions' }));
    if (quiz) {
      var go = c.answered ? 'Back to the quiz' : 'Take the quiz';
      actions.appendChild(el('a', { href: quiz, 'data-sg-key': 'quiz:' + c.id, 'aria-label': go + ': ' + c.title }, go));
    }
    if (c.saved + c.logged > 0) {
      // Named with the chapter, as every chapter has one (the visible words first).
      actions.appendChild(el('button', { type: 'button', 'class': 'sg-button', 'data-sg-reset': c.id,
        'data-sg-key': 'reset:' + c.id, 'aria-expanded': 'false', 'aria-label': 'Reset this chapter: ' + c.title },
      'Reset this chapter'));
      var box = item.appendChild(this.confirmation(c.id));
      box.querySelector('p').textContent = this.lossText(c);
    }
    return item;
  };

  // The standing as one table, for paper (the list is for the screen).
  ProgressPage.prototype.showTable = function (s) {
    var table = this.table;
    table.textContent = '';
    table.appendChild(el('caption', {}, 'Your standing on ' + day(Date.now()) + ', weakest chapter first'));
    var head = table.appendChild(el('thead')).appendChild(el('tr'));
    ['Chapter', 'Questions answered', 'Correct', 'Limits practised', 'Limits right', 'Review cards (due)']
      .forEach(function (name) { head.appendChild(el('th', { scope: 'col' }, name)); });
    var body = table.appendChild(el('tbody'));
    s.weakest.forEach(function (c) {
      var tr = body.appendChild(el('tr'));
      tr.appendChild(el('th', { scope: 'row' }, c.title));
      var none = '\u2013';
      [c.questions ? c.answered + ' / ' + c.questions : none,
        c.questions ? c.correct + ' (' + percent(c.correct, c.questions) + ')' : none,
        c.rows ? c.practised + ' / ' + c.rows : none, c.rows ? String(c.right) : none, c.cards + ' (' + c.due + ')']
        .forEach(function (v) { tr.appendChild(el('td', {}, v)); });
    });
  };

  ProgressPage.prototype.showExams = function (s) {
    var exams = this.book.exams || [];
    this.examSection.hidden = !exams.length;
    var box = this.examText;
    box.textContent = '';
    var result = function (e) {
      return e.pct + '% (' + e.right + ' of ' + e.n + (e.mode === 'practice' ? ', practice mode' : '') + ', ' +
        (e.passed ? 'passed' : 'not passed') + ') on ' + day(e.t);
    };
    if (s.exams.best) {
      var facts = box.appendChild(el('ul', { 'class': 'sg-progress-facts' }));
      if (s.exams.count > 1) facts.appendChild(el('li', {}, 'Best: ' + result(s.exams.best)));
      facts.appendChild(el('li', {}, (s.exams.count > 1 ? 'Last: ' : 'Result: ') + result(s.exams.last)));
      facts.appendChild(el('li', {}, plural(s.exams.count, 'exam') + ' finished'));
    } else {
      box.appendChild(el('p', {}, 'No practice exam finished yet.'));
    }
    var links = box.appendChild(el('p', { 'class': 'sg-progress-actions' }));
    exams.forEach(function (x, i) {
      var href = safeHref(x.href);
      if (href) {
        links.appendChild(el('a', { href: href, 'data-sg-key': 'exam:' + i },
          exams.length > 1 ? 'Take practice exam ' + (i + 1) : 'Take the practice exam'));
      }
    });
  };

  // Opens the confirmation of a chapter (its id) or of everything ('');
  // false when that chapter has none (nothing saved).
  ProgressPage.prototype.openConfirmation = function (chapterId, focus) {
    this.closeConfirmations();
    var box = this.box(chapterId);
    if (!box) return false;
    this.confirming = chapterId;
    box.hidden = false;
    this.button(chapterId).setAttribute('aria-expanded', 'true');
    if (focus) box.querySelector('[data-sg-cancel]').focus();
    return true;
  };

  ProgressPage.prototype.closeConfirmations = function () {
    this.confirming = null;
    this.root.querySelectorAll('[data-sg-confirm]').forEach(function (box) { box.hidden = true; });
    this.root.querySelectorAll('[data-sg-reset]').forEach(function (b) { b.setAttribute('aria-expanded', 'false'); });
  };

  ProgressPage.prototype.byAttr = function (name, value) {
    var all = this.root.querySelectorAll('[' + name + ']');
    for (var i = 0; i < all.length; i++) if (all[i].getAttribute(name) === value) return all[i];
    return null;
  };
  ProgressPage.prototype.box = function (chapterId) { return this.byAttr('data-sg-confirm', chapterId); };
  ProgressPage.prototype.button = function (chapterId) { return this.byAttr('data-sg-reset', chapterId); };

  ProgressPage.prototype.onClick = function (event) {
    var target = event.target.closest('button');
    if (!target || !this.root.contains(target)) return;
    if (target.hasAttribute('data-sg-export')) return this.exportFile();
    if (target.hasAttribute('data-sg-reset')) return this.openConfirmation(target.getAttribute('data-sg-reset'), true);
    if (target.hasAttribute('data-sg-cancel')) return this.cancel(target.getAttribute('data-sg-cancel'));
    if (target.hasAttribute('data-sg-clear')) return this.clear(target.getAttribute('data-sg-clear'));
  };

  /** Escape in a confirmation cancels it. */
  ProgressPage.prototype.onKey = function (event) {
    var box = event.key === 'Escape' && event.target.closest && event.target.closest('[data-sg-confirm]');
    if (box && !box.hidden) this.cancel(box.getAttribute('data-sg-confirm'));
  };

  ProgressPage.prototype.cancel = function (chapterId) {
    this.closeConfirmations();
    var button = this.button(chapterId);
    if (button) button.focus();
  };

  ProgressPage.prototype.clear = function (chapterId) {
    var lost = this.lossText(chapterId ? this.standing.chapters.filter(function (c) { return c.id === chapterId; })[0] : null);
    this.closeConfirmations();
    if (chapterId) {
      var ch = this.chapterData(chapterId);
      if (!ch) return;
      clearChapter(this.book, ch);
      this.render();
      var title = this.byAttr('data-sg-key', 'title:' + chapterId);
      if (title) title.focus();
      SG.announce(this.chapterStatus, 'Cleared: ' + lost.replace(/^Clear /, '').replace(/\?$/, '.'));
    } else {
      clearEverything();
      this.render();
      this.resetAll.focus();
      SG.announce(this.resetStatus, 'Everything was cleared: this browser holds no progress of this book now.');
    }
  };

  ProgressPage.prototype.exportFile = function () {
    var now = Date.now();
    var state = readState(this.book);
    var data = { schema: SCHEMA, version: VERSION, book: this.book.title, bookId: SG.store.book.id,
      exported: new Date(now).toISOString(),
      log: log.entries(), state: state };
    var blob = new Blob([JSON.stringify(data)], { type: 'application/json' });
    var url = URL.createObjectURL(blob);
    var link = el('a', { href: url, download: fileName(this.book.title, now), hidden: '' });
    this.root.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 60000);
    var answers = Object.keys(state).filter(function (k) { return prefixOf(k) === 'sg:quiz:'; }).length;
    SG.announce(this.fileStatus, 'Exported ' + plural(answers, 'saved answer') + ' and ' +
      plural(data.log.length, 'log entry', 'log entries') + ' to ' + link.download + '.');
  };

  ProgressPage.prototype.onChange = function (event) {
    if (!event.target.hasAttribute('data-sg-import')) return;
    var input = event.target;
    var file = input.files && input.files[0];
    if (!file) return;
    var self = this;
    var say = function (message) {
      input.value = '';
      SG.announce(self.fileStatus, message);
    };
    if (file.size > MAX_FILE_BYTES) {
      return say('This file is ' + (file.size / 1048576).toFixed(1) + ' MB; a progress file is at most ' +
        MAX_FILE_BYTES / 1048576 + ' MB. Nothing was imported.');
    }
    file.text().then(function (content) {
      var data;
      try {
        data = JSON.parse(content);
      } catch (e) {
        return say('This file is not a study guide progress file: it is not JSON. Nothing was imported.');
      }
      var read = readFile(self.book, data);
      if (read.error) return say(read.error);
      say(self.importText(merge(read), read.dropped));
      self.render();
    }, function () {
      say('This file could not be read. Nothing was imported.');
    });
  };

  ProgressPage.prototype.importText = function (counts, dropped) {
    var parts = [];
    if (counts.answers) parts.push(plural(counts.answers, 'answer'));
    if (counts.limits) parts.push(plural(counts.limits, 'limit result'));
    if (counts.other) parts.push(plural(counts.other, 'saved setting'));
    if (counts.entries) parts.push(plural(counts.entries, 'log entry', 'log entries'));
    var message = parts.length ? 'Imported ' + joined(parts) + '.'
      : counts.foreign ? 'Nothing was imported for this book\u2019s questions, limits or exams.'
        : 'Nothing new: this browser already holds all of it.';
    if (counts.kept) message += ' Kept ' + plural(counts.kept, 'saved answer or result', 'saved answers and results') + ' already here.';
    if (counts.foreign) {
      message += ' Kept ' + plural(counts.foreign, 'answer or log entry', 'answers and log entries') +
        ' for questions, limits or exams this book does not have; they do not count in your progress.';
    }
    if (dropped) message += ' Left out ' + plural(dropped, 'invalid entry', 'invalid entries') + '.';
    if (SG.store.status() !== 'blocked' && log.full()) message += ' The browser\u2019s storage is full, so part of it is kept only until this page closes.';
    return message;
  };

  SG.progress = { fold: fold, validEntry: validEntry, cleanEntry: cleanEntry, cardIsDue: cardIsDue, fileName: fileName };

  SG.whenStored(function () {
    var pages = [].map.call(document.querySelectorAll('[data-sg-progress-page]'), function (root) {
      return new ProgressPage(root);
    });
    // Another tab answered, reset or imported: show it.
    SG.store.onChange(function () { pages.forEach(function (p) { if (p.standing) p.schedule(); }); });
  });
})();
