// The practice exam. The page holds the question bank as JSON; this draws an
// attempt from it, runs it one question at a time (timed, or with feedback
// after each question), keeps it in storage so nothing is lost on a reload
// or in a second tab, grades it and lists every finished attempt.
(function () {
  'use strict';
  var SG = window.StudyGuide;
  var LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  var MINUTE = 60000;
  // Remaining minutes at which the time left is read out, and only then.
  var ANNOUNCE_AT = [30, 10, 5, 1];
  var MODES = ['exam', 'practice'];
  // The time limits a learner can choose before starting (WCAG 2.2.1).
  var LIMITS = ['standard', 'plus30', 'double', 'none'];
  var CHOOSE = ['', 'ONE', 'TWO', 'THREE', 'FOUR', 'FIVE', 'SIX'];

  // ---------------------------------------------------------------------
  // Small helpers.

  /**
   * A new element. `props.text` is set as text, `props.html` as markup (only
   * ever the bank's HTML, which the build sanitised), `props.class` as the
   * class; any other key is an attribute (skipped when null or false).
   */
  function h(tag, props, kids) {
    var node = document.createElement(tag);
    Object.keys(props || {}).forEach(function (key) {
      var value = props[key];
      if (value == null || value === false) return;
      if (key === 'text') node.textContent = value;
      else if (key === 'html') node.innerHTML = value;
      else if (key === 'class') node.className = value;
      else node.setAttribute(key, value === true ? '' : String(value));
    });
    (kids || []).forEach(function (kid) {
      if (kid == null || kid === false) return;
      node.appendChild(typeof kid === 'string' ? document.createTextNode(kid) : kid);
    });
    return node;
  }

  function isInt(n) { return typeof n === 'number' && n === Math.floor(n) && isFinite(n); }
  function isTime(n) { return typeof n === 'number' && isFinite(n) && n >= 0; }
  function isObject(v) { return v !== null && typeof v === 'object' && !Array.isArray(v); }
  function isString(s) { return typeof s === 'string'; }
  function plural(n, one, many) { return n + ' ' + (n === 1 ? one : (many || one + 's')); }
  function percent(right, n) { return n ? Math.round(right * 100 / n) : 0; }

  // Only links into the book or to the web; anything else is not a link.
  function safeHref(href) {
    return isString(href) && href !== '' && (!/^[a-z][a-z0-9+.-]*:/i.test(href) || /^https?:/i.test(href));
  }

  // A seeded generator (mulberry32): the same seed gives the same attempt.
  function random(seed) {
    var a = seed >>> 0;
    return function () {
      a = (a + 0x6D2B79F5) >>> 0;
      var t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  function shuffled(list, next) {
    var copy = list.slice();
    for (var i = copy.length - 1; i > 0; i--) {
      var j = Math.floor(next() * (i + 1));
      var swap = copy[i];
      copy[i] = copy[j];
      copy[j] = swap;
    }
    return copy;
  }

  function newSeed() {
    var seed = Math.floor(Math.random() * 4294967296) >>> 0;
    try {
      var bytes = new Uint32Array(1);
      window.crypto.getRandomValues(bytes);
      seed = bytes[0];
    } catch (e) { /* Math.random will do */ }
    return seed;
  }

  /**
   * How many of `total` to take from each group: in proportion to its
   * weight (largest remainder), never more than it holds; what a group
   * cannot give goes to the groups furthest below their share.
   * @param {number} total at most the sum of the groups' sizes
   * @param {{weight: number, size: number}[]} groups
   * @returns {number[]}
   */
  function apportion(total, groups) {
    var weights = groups.reduce(function (sum, g) { return sum + g.weight; }, 0) || 1;
    var quota = groups.map(function (g) { return total * g.weight / weights; });
    var counts = groups.map(function (g, i) { return Math.min(g.size, Math.floor(quota[i])); });
    var left = total - counts.reduce(function (a, b) { return a + b; }, 0);
    while (left > 0) {
      var best = -1;
      for (var i = 0; i < groups.length; i++) {
        if (counts[i] >= groups[i].size) continue;
        if (best < 0 || quota[i] - counts[i] > quota[best] - counts[best]) best = i;
      }
      if (best < 0) break;
      counts[best]++;
      left--;
    }
    return counts;
  }

  /** Minutes, or hours and minutes, and seconds: "1 h 5 min 3 s". */
  function duration(ms) {
    var s = Math.max(0, Math.round(ms / 1000));
    var parts = [];
    if (s >= 3600) parts.push(Math.floor(s / 3600) + ' h');
    if (s >= 60) parts.push(Math.floor(s % 3600 / 60) + ' min');
    parts.push(s % 60 + ' s');
    return parts.join(' ');
  }

  /** The countdown: h:mm:ss from an hour up, else mm:ss. */
  function clock(ms) {
    var s = Math.max(0, Math.ceil(ms / 1000));
    var two = function (n) { return (n < 10 ? '0' : '') + n; };
    var hours = Math.floor(s / 3600);
    var rest = two(Math.floor(s % 3600 / 60)) + ':' + two(s % 60);
    return hours ? hours + ':' + rest : rest;
  }

  /** A date as "2026-12-01 14:05" in the reader's time zone. */
  function when(ms) {
    var d = new Date(ms);
    var two = function (n) { return (n < 10 ? '0' : '') + n; };
    return d.getFullYear() + '-' + two(d.getMonth() + 1) + '-' + two(d.getDate()) + ' ' +
      two(d.getHours()) + ':' + two(d.getMinutes());
  }

  function sameSet(a, b) {
    return a.length === b.length && a.every(function (i) { return b.indexOf(i) >= 0; });
  }

  // ---------------------------------------------------------------------
  // The bank, read from the page and checked: a question that is not the
  // shape the build writes is left out rather than breaking the exam.

  function readBank(raw) {
    if (!isObject(raw) || !Array.isArray(raw.chapters) || !Array.isArray(raw.questions)) return null;
    var bank = { chapters: [], domains: [], questions: [], byId: Object.create(null) };
    var chapters = Object.create(null);
    raw.chapters.forEach(function (c) {
      if (!isObject(c) || !isString(c.id) || chapters[c.id]) return;
      chapters[c.id] = { id: c.id, title: isString(c.title) ? c.title : c.id, quiz: c.quiz };
      bank.chapters.push(chapters[c.id]);
    });
    var domains = Object.create(null);
    (Array.isArray(raw.domains) ? raw.domains : []).forEach(function (d) {
      if (!isObject(d) || !isString(d.key) || domains[d.key] || typeof d.weight !== 'number' || !(d.weight >= 0)) return;
      domains[d.key] = { key: d.key, title: isString(d.title) ? d.title : d.key, weight: d.weight };
      bank.domains.push(domains[d.key]);
    });
    raw.questions.forEach(function (q) {
      if (!isObject(q) || !isString(q.id) || bank.byId[q.id] || !isString(q.hash) || !chapters[q.chapter]) return;
      if (!Array.isArray(q.choices) || q.choices.length < 2 || q.choices.length > LETTERS.length) return;
      var n = q.choices.length;
      if (!q.choices.every(function (c) { return isObject(c) && isString(c.html) && (c.why == null || isString(c.why)); })) return;
      if (!Array.isArray(q.answer) || !q.answer.length ||
          !q.answer.every(function (i, k) { return isInt(i) && i >= 0 && i < n && q.answer.indexOf(i) === k; })) return;
      var question = {
        id: q.id, hash: q.hash, chapter: q.chapter, domain: isString(q.domain) && domains[q.domain] ? q.domain : null,
        prompt: isString(q.prompt) ? q.prompt : '', multi: q.answer.length > 1 || isString(q.choose),
        choose: isString(q.choose) ? q.choose : (q.answer.length > 1 ? CHOOSE[q.answer.length] || String(q.answer.length) : null),
        choices: q.choices, answer: q.answer, explanation: isString(q.explanation) ? q.explanation : '',
        see: isObject(q.see) && isString(q.see.title) && safeHref(q.see.href) ? q.see : null,
        quiz: safeHref(q.quiz) ? q.quiz : null,
      };
      bank.byId[q.id] = question;
      bank.questions.push(question);
    });
    bank.chapterOf = chapters;
    bank.domainOf = domains;
    return bank;
  }

  // ---------------------------------------------------------------------
  // Attempts. One in progress is stored under sg:exam:ID, the last finished
  // one under sg:exam:ID:last (for the results after a reload, and paper).
  // Answers, flags and checks are arrays in the attempt's question order,
  // each stamped with the time it was made, so two tabs merge per question.

  /**
   * Whether `a` is an attempt of this bank, stored by this script: a saved
   * attempt from an older version of the page, or one edited by hand, is not.
   */
  function validAttempt(a, bank, finished) {
    if (!isObject(a) || a.v !== 1 || !isInt(a.seed) || MODES.indexOf(a.mode) < 0 || LIMITS.indexOf(a.limit) < 0) return false;
    if (!isTime(a.start) || !(a.deadline === null || isTime(a.deadline))) return false;
    if (!(a.minutes === null || (isInt(a.minutes) && a.minutes > 0))) return false;
    if (!Array.isArray(a.order) || !a.order.length) return false;
    var n = a.order.length;
    var seen = Object.create(null);
    var ok = a.order.every(function (id) {
      if (!isString(id) || !bank.byId[id] || seen[id]) return false;
      seen[id] = true;
      return true;
    });
    if (!ok) return false;
    var arrays = ['hashes', 'perm', 'answers', 'flags', 'checked'];
    if (!arrays.every(function (k) { return Array.isArray(a[k]) && a[k].length === n; })) return false;
    ok = a.order.every(function (id, i) {
      var q = bank.byId[id];
      var size = q.choices.length;
      var perm = a.perm[i];
      if (a.hashes[i] !== q.hash) return false;
      if (!Array.isArray(perm) || perm.length !== size ||
          !perm.every(function (c, k) { return isInt(c) && c >= 0 && c < size && perm.indexOf(c) === k; })) return false;
      var answer = a.answers[i];
      if (answer !== null && !(isObject(answer) && isTime(answer.t) && Array.isArray(answer.p) &&
          answer.p.every(function (c, k) { return isInt(c) && c >= 0 && c < size && answer.p.indexOf(c) === k; }))) return false;
      var flag = a.flags[i];
      if (flag !== null && !(isObject(flag) && typeof flag.f === 'boolean' && isTime(flag.t))) return false;
      return a.checked[i] === 0 || isTime(a.checked[i]);
    });
    if (!ok || !isInt(a.current) || a.current < 0 || a.current >= n) return false;
    if (!Array.isArray(a.chapters) || !a.chapters.every(isString)) return false;
    if (!(a.retake === null || a.retake === 'incorrect' || a.retake === 'flagged')) return false;
    if (finished) return isTime(a.end) && a.end >= a.start && typeof a.timedOut === 'boolean' && typeof a.closed === 'boolean';
    return a.end === undefined;
  }

  /** The newer of two stamped values (an answer or a flag); `a` on a tie. */
  function newer(a, b) {
    if (!b) return a;
    if (!a) return b;
    return b.t > a.t ? b : a;
  }

  /**
   * `mine` with every answer, flag and check of `theirs` (the same attempt
   * as another tab stored it) that is newer: nothing either tab did is lost.
   */
  function merge(mine, theirs) {
    mine.answers = mine.answers.map(function (a, i) { return newer(a, theirs.answers[i]); });
    mine.flags = mine.flags.map(function (f, i) { return newer(f, theirs.flags[i]); });
    mine.checked = mine.checked.map(function (c, i) {
      var other = theirs.checked[i];
      return c && other ? Math.min(c, other) : c || other;
    });
    return mine;
  }

  function picked(a, i) { return a.answers[i] ? a.answers[i].p : []; }
  function answered(a, i) { return picked(a, i).length > 0; }
  function flagged(a, i) { return !!(a.flags[i] && a.flags[i].f); }

  // ---------------------------------------------------------------------
  // One exam block.

  var count = 0;

  function Exam(root) {
    this.root = root;
    this.id = root.getAttribute('data-exam-id') || root.id || 'exam';
    this.key = 'sg:exam:' + this.id;
    this.lastKey = this.key + ':last';
    this.prefix = 'sg-exam-' + (++count) + '-';
    this.questions = Math.max(1, parseInt(root.getAttribute('data-questions'), 10) || 65);
    this.minutes = Math.max(1, parseInt(root.getAttribute('data-minutes'), 10) || 130);
    this.pass = Math.min(100, Math.max(0, parseInt(root.getAttribute('data-pass'), 10) || 72));
    // Below the block's own <h2> title when it has one.
    var level = root.querySelector('h2') ? 3 : 2;
    this.h1 = 'h' + level;
    this.h2 = 'h' + (level + 1);
    this.attempt = null;
    this.last = null;
    this.screen = null;
    this.timer = null;
    this.remaining = null;
    this.sections = 0;

    var nojs = root.querySelector('[data-sg-nojs]');
    this.bank = readBank(SG.bankOf(root));
    this.note = h('p', { class: 'sg-exam-note', hidden: true });
    root.appendChild(this.note);
    if (!this.bank || !this.bank.questions.length) {
      this.showNote('The questions of this exam could not be read, so the exam cannot start.');
      return;
    }
    if (nojs) nojs.hidden = true;
    root.classList.add('sg-exam-js');
    // Time left is read out through this region at 30, 10, 5 and 1 minutes only.
    this.timeRegion = h('p', { class: 'sg-exam-vh', 'aria-live': 'polite', 'data-sg-exam-time': true });
    // Other messages (a choice still missing, a practice verdict).
    this.statusRegion = h('p', { class: 'sg-exam-vh', role: 'status', 'data-sg-exam-status': true });
    this.view = h('div', { class: 'sg-exam-view' });
    this.results = h('div', { class: 'sg-exam-results' });
    this.printNone = h('p', { class: 'sg-exam-print-none', text: 'No finished exam yet: the results of your last exam are printed here once you have taken one.' });
    [this.timeRegion, this.statusRegion, this.view, this.results, this.printNone].forEach(function (node) { root.appendChild(node); });

    root.addEventListener('click', this.onClick.bind(this));
    root.addEventListener('change', this.onChange.bind(this));
    root.addEventListener('input', this.onInput.bind(this));
    root.addEventListener('submit', this.onSubmit.bind(this));
    root.addEventListener('keydown', this.onKey.bind(this));
    var self = this;
    SG.store.onChange(function (keys) {
      if (keys === null || keys.indexOf(self.key) >= 0 || keys.indexOf(self.lastKey) >= 0) self.sync();
    });
    if (SG.log && SG.log.onChange) SG.log.onChange(function () { self.renderHistory(); });
    this.load();
  }

  Exam.prototype.showNote = function (text) {
    this.note.textContent = text;
    this.note.hidden = false;
  };

  /** Reads the stored attempts; a damaged one is removed, with a note. */
  Exam.prototype.read = function () {
    var bank = this.bank;
    this.generation = SG.store.generation();
    // Whether anything is stored, for SG.store drops what is not JSON silently.
    var hadAttempt = SG.store.has(this.key);
    var hadLast = SG.store.has(this.lastKey);
    var attempt = SG.store.get(this.key);
    var last = SG.store.get(this.lastKey);
    var discarded = (hadAttempt && !attempt) || (hadLast && !last);
    if (attempt && !validAttempt(attempt, bank, false)) {
      SG.store.remove(this.key);
      attempt = null;
      discarded = true;
    }
    if (last && !validAttempt(last, bank, true)) {
      SG.store.remove(this.lastKey);
      last = null;
      discarded = true;
    }
    if (discarded) {
      this.showNote('A saved exam on this page could not be read (it was damaged, or the questions have changed since), ' +
        'so it was discarded.');
    }
    return { attempt: attempt, last: last };
  };

  /** Shows what storage holds: the attempt in progress, else the last result, else the start. */
  Exam.prototype.load = function () {
    var saved = this.read();
    this.last = saved.last;
    this.renderResults();
    this.follow(saved.attempt, false);
  };

  function same(x, y) { return !!(x && y && x.seed === y.seed && x.start === y.start); }

  /**
   * This tab's attempt against what storage holds now: 'same' (merged into
   * this tab's), 'finished' (submitted in another tab), 'theirs' (another
   * tab started a newer one), 'reset' (everything was reset since it began:
   * it must not be saved back) or 'mine' (storage has nothing newer).
   */
  Exam.prototype.reconcile = function (stored, last) {
    var a = this.attempt;
    if (this.generation !== SG.store.generation()) return 'reset';
    if (same(stored, a)) {
      merge(a, stored);
      return 'same';
    }
    if (!stored && same(last, a)) return 'finished';
    return stored && stored.start > a.start ? 'theirs' : 'mine';
  };

  /** Leaves this tab's attempt for what storage holds, and shows that. */
  Exam.prototype.follow = function (stored, focus) {
    this.stopTimer();
    this.attempt = stored;
    if (stored) {
      if (stored.deadline !== null && Date.now() >= stored.deadline) return this.finish(true, focus);
      this.startTimer();
      this.showQuestion(stored.current, focus);
    } else if (this.last && !this.last.closed) {
      this.showResults(focus);
    } else {
      this.showStart(focus);
    }
  };

  /**
   * Another tab stored something. The same attempt is merged into this one
   * (this tab keeps its own place in it); a newer or finished one is shown;
   * this tab's attempt is written back if storage lost it.
   */
  Exam.prototype.sync = function () {
    var generation = this.generation;
    var saved = this.read();
    // Everything was reset since this tab read its attempt: it is gone.
    if (generation !== this.generation) this.attempt = null;
    this.last = saved.last;
    this.renderResults();
    var focus = this.focusKey();
    if (this.attempt) {
      var outcome = this.reconcile(saved.attempt, saved.last);
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
  };

  /**
   * Stores the attempt after a change, first taking in what another tab
   * stored of it. Returns false when that tab has meanwhile finished it or
   * started a newer one, which is then shown.
   */
  Exam.prototype.save = function () {
    var stored = this.storedAttempt();
    var outcome = this.reconcile(stored, this.storedLast());
    if (outcome === 'reset') {
      var saved = this.read();
      this.last = saved.last;
      this.renderResults();
      this.follow(saved.attempt, true);
      return false;
    }
    if (outcome !== 'same' && outcome !== 'mine') {
      this.last = this.storedLast();
      this.renderResults();
      this.follow(outcome === 'finished' ? null : stored, true);
      return false;
    }
    SG.store.set(this.key, this.attempt);
    return true;
  };

  // What storage holds, when it is valid (a damaged entry is left for read()).
  Exam.prototype.storedAttempt = function () {
    var stored = SG.store.get(this.key);
    return stored && validAttempt(stored, this.bank, false) ? stored : null;
  };

  Exam.prototype.storedLast = function () {
    var last = SG.store.get(this.lastKey);
    return last && validAttempt(last, this.bank, true) ? last : null;
  };

  // The element that has the focus, by what it does, to find it again after
  // a re-render.
  Exam.prototype.focusKey = function () {
    var active = document.activeElement;
    return active && this.root.contains(active) ? active.getAttribute('data-sg-key') : null;
  };

  Exam.prototype.refocus = function (key) {
    if (!key) return;
    var node = this.root.querySelector('[data-sg-key="' + key + '"]');
    if (node && !node.disabled) node.focus();
  };

  // ---------------------------------------------------------------------
  // Drawing an attempt.

  /** The questions of these chapters (ids), in the bank's order. */
  Exam.prototype.pool = function (chapters) {
    var wanted = Object.create(null);
    chapters.forEach(function (id) { wanted[id] = true; });
    return this.bank.questions.filter(function (q) { return wanted[q.chapter]; });
  };

  /** Questions by a key of theirs, in the order of `keys`; empty groups left out. */
  function groupBy(questions, key, keys) {
    var groups = Object.create(null);
    questions.forEach(function (q) { (groups[q[key]] = groups[q[key]] || []).push(q); });
    return keys.filter(function (k) { return groups[k]; }).map(function (k) { return groups[k]; });
  }

  /** The minutes a limit gives for n questions, in proportion to the exam's own. */
  Exam.prototype.limitMinutes = function (limit, n) {
    var standard = Math.max(1, Math.round(this.minutes * n / this.questions));
    if (limit === 'plus30') return standard + 30;
    if (limit === 'double') return standard * 2;
    if (limit === 'none') return null;
    return standard;
  };

  /**
   * n questions of `chapters`, drawn in proportion to the exam's domain
   * weights when every question has a domain, else to the chapters' sizes.
   */
  Exam.prototype.draw = function (chapters, n, next) {
    var pool = this.pool(chapters);
    var bank = this.bank;
    var groups;
    if (bank.domains.length && pool.every(function (q) { return q.domain; })) {
      groups = groupBy(pool, 'domain', bank.domains.map(function (d) { return d.key; })).map(function (items) {
        return { weight: bank.domainOf[items[0].domain].weight, items: items };
      });
    } else {
      groups = groupBy(pool, 'chapter', bank.chapters.map(function (c) { return c.id; })).map(function (items) {
        return { weight: items.length, items: items };
      });
    }
    var counts = apportion(Math.min(n, pool.length), groups.map(function (g) { return { weight: g.weight, size: g.items.length }; }));
    var drawn = [];
    groups.forEach(function (g, i) { drawn = drawn.concat(shuffled(g.items, next).slice(0, counts[i])); });
    return drawn.map(function (q) { return q.id; });
  };

  /** A new attempt of these questions (ids), shuffled; stored and shown. */
  Exam.prototype.begin = function (options, ids, seed, next) {
    var bank = this.bank;
    var order = shuffled(ids, next);
    var minutes = options.mode === 'practice' ? null : this.limitMinutes(options.limit, order.length);
    var start = Date.now();
    this.attempt = {
      v: 1, seed: seed, mode: options.mode, limit: options.mode === 'practice' ? 'none' : options.limit,
      minutes: minutes, start: start, deadline: minutes === null ? null : start + minutes * MINUTE,
      order: order,
      hashes: order.map(function (id) { return bank.byId[id].hash; }),
      perm: order.map(function (id) {
        return shuffled(bank.byId[id].choices.map(function (c, i) { return i; }), next);
      }),
      answers: order.map(function () { return null; }),
      flags: order.map(function () { return null; }),
      checked: order.map(function () { return 0; }),
      current: 0, chapters: options.chapters, retake: options.retake || null,
    };
    if (this.last && !this.last.closed && this.generation === SG.store.generation()) {
      this.last.closed = true;
      SG.store.set(this.lastKey, this.last);
    }
    this.generation = SG.store.generation();
    SG.store.set(this.key, this.attempt);
    this.note.hidden = true;
    this.startTimer();
    this.showQuestion(0, true);
  };

  // ---------------------------------------------------------------------
  // Time.

  Exam.prototype.startTimer = function () {
    this.stopTimer();
    var a = this.attempt;
    if (!a || a.deadline === null) return;
    this.remaining = a.deadline - Date.now();
    this.timer = setInterval(this.tick.bind(this), 1000);
  };

  Exam.prototype.stopTimer = function () {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  };

  /** Each second: the clock, a read-out when a mark is passed, the end. */
  Exam.prototype.tick = function () {
    var a = this.attempt;
    if (!a || a.deadline === null) return this.stopTimer();
    var remaining = a.deadline - Date.now();
    // A tab in the background leaves the submitting to the one in view, if any.
    if (remaining <= 0 && !(document.hidden && remaining > -3000)) return this.finish(true, true);
    if (remaining <= 0) return;
    var before = this.remaining;
    this.remaining = remaining;
    var passed = ANNOUNCE_AT.filter(function (m) { return before > m * MINUTE && remaining <= m * MINUTE; });
    if (passed.length) {
      var m = passed[passed.length - 1];
      SG.announce(this.timeRegion, plural(m, 'minute') + ' left.');
    }
    this.root.querySelectorAll('[data-sg-clock]').forEach(function (node) { node.textContent = clock(remaining); });
  };

  /** The bar above a question and the review: the clock, what is answered. */
  Exam.prototype.statusBar = function () {
    var a = this.attempt;
    var n = a.order.length;
    var done = a.order.filter(function (id, i) { return answered(a, i); }).length;
    var time = a.deadline === null
      ? h('p', { class: 'sg-exam-clock', text: a.mode === 'practice' ? 'Practice: untimed' : 'No time limit' })
      : h('p', { class: 'sg-exam-clock' }, [
        'Time left: ', h('span', { class: 'sg-exam-time', 'data-sg-clock': true, text: clock(a.deadline - Date.now()) }),
      ]);
    return h('div', { class: 'sg-exam-bar' }, [
      time, h('p', { class: 'sg-exam-count', 'data-sg-count': true, text: 'Answered ' + done + ' of ' + n }),
    ]);
  };

  // ---------------------------------------------------------------------
  // Screens. Each replaces the view; `focus` moves the focus to its heading.

  Exam.prototype.setScreen = function (name) {
    this.screen = name;
    this.view.classList.toggle('sg-exam-off', name === 'results');
    this.results.classList.toggle('sg-exam-off', name !== 'results');
    this.root.setAttribute('data-sg-screen', name);
  };

  Exam.prototype.render = function () {
    if (this.screen === 'question') this.showQuestion(this.attempt.current, false);
    else if (this.screen === 'review') this.showReview(false);
    else if (this.screen === 'results') this.showResults(false);
    else this.showStart(false);
  };

  Exam.prototype.heading = function (text) {
    return h(this.h1, { class: 'sg-exam-heading', tabindex: '-1', text: text });
  };

  Exam.prototype.fill = function (nodes, focus) {
    this.view.textContent = '';
    nodes.forEach(function (node) { if (node) this.view.appendChild(node); }, this);
    if (focus) this.view.querySelector('.sg-exam-heading').focus();
  };

  /** The start: the bank's size, how many questions, which chapters, which mode, how long. */
  Exam.prototype.showStart = function (focus) {
    var bank = this.bank;
    var p = this.prefix;
    this.setScreen('start');
    var size = bank.questions.length;
    var sizes = Object.create(null);
    bank.questions.forEach(function (q) { sizes[q.chapter] = (sizes[q.chapter] || 0) + 1; });
    var chapters = bank.chapters.filter(function (c) { return sizes[c.id]; });
    var n = Math.min(this.questions, size);

    var chapterBoxes = chapters.map(function (c) {
      var k = sizes[c.id];
      return h('li', {}, [h('label', {}, [
        h('input', { type: 'checkbox', name: 'chapter', value: c.id, checked: true }),
        h('span', { text: c.title + ' (' + plural(k, 'question') + ')' }),
      ])]);
    });
    var modes = [
      ['exam', 'Exam', 'timed; your answers are marked at the end'],
      ['practice', 'Practice', 'untimed; each answer is marked, with its explanation, when you check it'],
    ].map(function (m) {
      return h('li', {}, [h('label', {}, [
        h('input', { type: 'radio', name: 'mode', value: m[0], checked: m[0] === 'exam' }),
        h('span', {}, [h('strong', { text: m[1] }), ': ' + m[2]]),
      ])]);
    });
    var form = h('form', { class: 'sg-exam-start', 'data-sg-start': true, novalidate: true }, [
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
    ]);
    this.fill([
      this.heading('Start a practice exam'),
      h('p', { text: 'The question bank holds ' + plural(size, 'question') + ' in ' + plural(chapters.length, 'chapter') +
        '. The real exam has ' + this.questions + ' questions in ' + this.minutes + ' minutes, and you pass it with ' +
        this.pass + '% here.' }),
      form,
      this.historySection(),
    ], focus);
    this.updateStart(form, false);
  };

  /**
   * Keeps the start form consistent: the most questions the chosen chapters
   * hold, the time limits for that many, the limit only for the timed mode.
   */
  Exam.prototype.updateStart = function (form, edited) {
    var chosen = [].filter.call(form.querySelectorAll('input[name="chapter"]'), function (box) { return box.checked; })
      .map(function (box) { return box.value; });
    var max = this.pool(chosen).length;
    var input = form.elements.n;
    input.max = Math.max(1, max);
    // The count follows the chapters until the learner types one.
    if (edited) form.sgEdited = !!input.value;
    if (!form.sgEdited) input.value = Math.max(1, Math.min(this.questions, max));
    form.querySelector('[data-sg-n-hint]').textContent = max
      ? 'From 1 to ' + max + ', the questions in the chapters you chose.'
      : 'Choose at least one chapter first.';
    var n = parseInt(input.value, 10);
    n = n >= 1 && n <= max ? n : Math.max(1, Math.min(this.questions, max));
    var select = form.elements.limit;
    var old = select.value || 'standard';
    var standard = this.limitMinutes('standard', n);
    select.textContent = '';
    [
      ['standard', plural(standard, 'minute') + ' (the exam\'s pace: ' + this.minutes + ' minutes for ' + this.questions + ' questions)'],
      ['plus30', plural(standard + 30, 'minute') + ' (30 minutes more, as the real exam grants on request)'],
      ['double', plural(standard * 2, 'minute') + ' (double time)'],
      ['none', 'No time limit'],
    ].forEach(function (o) { select.appendChild(h('option', { value: o[0], text: o[1], selected: o[0] === old })); });
    form.querySelector('[data-sg-limit-field]').hidden = form.elements.mode.value === 'practice';
  };

  Exam.prototype.formError = function (form, name, text) {
    var error = form.querySelector('[data-sg-error="' + name + '"]');
    error.textContent = text;
    var field = name === 'n' ? form.elements.n : form.querySelector('input[name="chapter"]');
    if (name === 'n') field.setAttribute('aria-invalid', text ? 'true' : 'false');
    return field;
  };

  /** Start: checks the form, then draws the attempt. */
  Exam.prototype.onSubmit = function (event) {
    var form = event.target.closest('[data-sg-start]');
    if (!form) return;
    event.preventDefault();
    var chapters = [].filter.call(form.querySelectorAll('input[name="chapter"]'), function (box) { return box.checked; })
      .map(function (box) { return box.value; });
    var max = this.pool(chapters).length;
    var text = form.elements.n.value.trim();
    var n = /^\d+$/.test(text) ? parseInt(text, 10) : NaN;
    var bad = null;
    var chapterField = this.formError(form, 'chapters', chapters.length ? '' : 'Choose at least one chapter.');
    if (!chapters.length) bad = chapterField;
    var nField = this.formError(form, 'n', !chapters.length || (n >= 1 && n <= max) ? ''
      : 'Enter a whole number from 1 to ' + max + '.');
    if (!bad && !(n >= 1 && n <= max)) bad = nField;
    if (bad) return bad.focus();
    var mode = form.elements.mode.value === 'practice' ? 'practice' : 'exam';
    var limit = LIMITS.indexOf(form.elements.limit.value) >= 0 ? form.elements.limit.value : 'standard';
    var seed = newSeed();
    var next = random(seed);
    this.begin({ mode: mode, limit: limit, chapters: chapters }, this.draw(chapters, n, next), seed, next);
  };

  /** One question: the clock, the question, its controls and the navigator. */
  Exam.prototype.showQuestion = function (index, focus) {
    var self = this;
    var a = this.attempt;
    var n = a.order.length;
    var q = this.bank.byId[a.order[index]];
    var p = this.prefix;
    a.current = index;
    this.setScreen('question');
    var checked = a.mode === 'practice' && !!a.checked[index];
    var mine = picked(a, index);
    var type = q.multi ? 'checkbox' : 'radio';
    var choices = a.perm[index].map(function (c, k) {
      var choice = q.choices[c];
      var id = p + 'c' + k;
      var item = h('li', { class: 'sg-choice' }, [
        h('label', { for: id }, [
          h('input', { type: type, id: id, name: p + 'q', value: c, checked: mine.indexOf(c) >= 0, disabled: checked,
            'data-sg-key': 'choice-' + k }),
          h('span', { class: 'sg-letter', text: LETTERS[k] + ')' }),
          h('span', { class: 'sg-exam-choice-text', html: choice.html }),
        ]),
      ]);
      if (checked) self.markChoice(item, q, c, mine);
      return item;
    });
    var legend = h('legend', {}, [h('span', { class: 'sg-exam-prompt', html: q.prompt })]);
    if (q.choose) legend.appendChild(h('span', { class: 'sg-choose', text: ' (Choose ' + q.choose + '.)' }));
    var isLast = index === n - 1;
    var actions = h('div', { class: 'sg-exam-actions' }, [
      h('button', { type: 'button', class: 'sg-button', 'data-sg-act': 'prev', 'data-sg-key': 'prev', disabled: index === 0, text: 'Previous' }),
      h('button', { type: 'button', class: 'sg-button', 'data-sg-act': 'flag', 'data-sg-key': 'flag',
        'aria-pressed': flagged(a, index) ? 'true' : 'false', text: 'Flag for review' }),
      h('button', { type: 'button', class: 'sg-button sg-exam-primary', 'data-sg-act': isLast ? 'review' : 'next',
        'data-sg-key': 'next', text: isLast ? 'Review answers' : 'Next' }),
    ]);
    var practice = null;
    if (a.mode === 'practice') {
      practice = h('div', { class: 'sg-exam-practice' }, [
        checked ? null : h('button', { type: 'button', class: 'sg-button', 'data-sg-act': 'check', 'data-sg-key': 'check', text: 'Check' }),
        checked ? this.feedback(q, mine) : null,
      ]);
    }
    this.fill([
      this.statusBar(),
      this.heading('Question ' + (index + 1) + ' of ' + n),
      h('fieldset', { class: 'sg-exam-question' + (checked ? ' ' + (this.isRight(q, mine) ? 'sg-correct' : 'sg-incorrect') : ''),
        'data-sg-qid': q.id }, [
        legend, h('ul', { class: 'sg-choices' }, choices),
      ]),
      practice,
      actions,
      this.navigator(),
      h('div', { class: 'sg-exam-actions sg-exam-end' }, [
        h('button', { type: 'button', class: 'sg-button', 'data-sg-act': 'review', 'data-sg-key': 'to-review', text: 'Review and submit' }),
      ]),
    ], focus);
  };

  Exam.prototype.isRight = function (q, mine) { return sameSet(mine, q.answer); };

  /** A choice's mark (your answer, the right one) and its explanation. */
  Exam.prototype.markChoice = function (item, q, c, mine) {
    var isAnswer = q.answer.indexOf(c) >= 0;
    var chosen = mine.indexOf(c) >= 0;
    item.classList.toggle('sg-is-answer', isAnswer);
    item.classList.toggle('sg-is-wrong', chosen && !isAnswer);
    var mark = isAnswer ? (chosen ? '✓ Your answer: correct' : '✓ Correct answer') : (chosen ? '✗ Your answer: incorrect' : '');
    if (mark) item.appendChild(h('span', { class: 'sg-mark', text: mark }));
    if (q.choices[c].why) item.appendChild(h('div', { class: 'sg-why', html: q.choices[c].why }));
  };

  /** The letters of choices (bank indices) as this attempt shows them. */
  Exam.prototype.letters = function (index, choices, a) {
    var perm = (a || this.attempt).perm[index];
    return choices.map(function (c) { return perm.indexOf(c); }).sort(function (x, y) { return x - y; }).map(function (k) { return LETTERS[k]; });
  };

  /** The verdict of a checked practice question, its explanation and where to read. */
  Exam.prototype.feedback = function (q, mine) {
    var right = this.isRight(q, mine);
    var answer = this.letters(this.attempt.current, q.answer).join(' and ');
    return h('div', { class: 'sg-exam-feedback ' + (right ? 'sg-correct' : 'sg-incorrect'), tabindex: '-1', 'data-sg-feedback': true }, [
      h('p', { class: 'sg-result', text: right ? 'Correct.' : 'Incorrect. The answer is ' + answer + '.' }),
      h('div', { class: 'sg-exam-explanation', html: q.explanation }),
      this.readAgain(q),
    ]);
  };

  Exam.prototype.readAgain = function (q) {
    var chapter = this.bank.chapterOf[q.chapter];
    var href = q.see ? q.see.href : q.quiz;
    if (!href) return null;
    var title = q.see ? q.see.title : chapter.title + ' quiz';
    return h('p', { class: 'sg-exam-see' }, [h('a', { href: href, text: 'Read again: ' + title })]);
  };

  /** Every question as a button: its number, and answered / flagged / unanswered in words and symbols. */
  Exam.prototype.navigator = function () {
    var a = this.attempt;
    var id = this.prefix + 'nav';
    var items = a.order.map(function (qid, i) {
      return h('li', {}, [this.navButton(i)]);
    }, this);
    return h('nav', { class: 'sg-exam-nav', 'aria-labelledby': id }, [
      h(this.h2, { id: id, text: 'All questions' }),
      h('p', { class: 'sg-exam-hint', text: '✓ answered · ⚑ flagged · ○ not answered yet' }),
      h('ol', { class: 'sg-exam-nav-list' }, items),
    ]);
  };

  Exam.prototype.navButton = function (i) {
    var a = this.attempt;
    var done = answered(a, i);
    var flag = flagged(a, i);
    var state = (done ? 'answered' : 'unanswered') + (flag ? ', flagged' : '');
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
  };

  /** After an answer or a flag: the navigator's button and the count, without a re-render. */
  Exam.prototype.updateProgress = function (i) {
    var old = this.view.querySelector('[data-sg-nav="' + i + '"]');
    if (old) {
      var focused = document.activeElement === old;
      var fresh = this.navButton(i);
      old.parentNode.replaceChild(fresh, old);
      if (focused) fresh.focus();
    }
    var a = this.attempt;
    var countNode = this.view.querySelector('[data-sg-count]');
    if (countNode) {
      countNode.textContent = 'Answered ' + a.order.filter(function (id, k) { return answered(a, k); }).length +
        ' of ' + a.order.length;
    }
  };

  /** Before submitting: counts, the unanswered and flagged questions, Submit and Back. */
  Exam.prototype.showReview = function (focus) {
    var a = this.attempt;
    var n = a.order.length;
    this.setScreen('review');
    var indices = a.order.map(function (id, i) { return i; });
    var open = indices.filter(function (i) { return !answered(a, i); });
    var marked = indices.filter(function (i) { return flagged(a, i); });
    var list = function (key, which, title, none) {
      var id = this.prefix + key;
      return h('section', { class: 'sg-exam-review-list', 'aria-labelledby': id }, [
        h(this.h2, { id: id, text: title + ' (' + which.length + ')' }),
        which.length
          ? h('ul', {}, which.map(function (i) {
            return h('li', {}, [h('button', { type: 'button', class: 'sg-button sg-exam-link', 'data-sg-act': 'goto',
              'data-sg-arg': i, 'data-sg-key': key + '-' + i, text: 'Question ' + (i + 1) })]);
          }))
          : h('p', { text: none }),
      ]);
    }.bind(this);
    this.fill([
      this.statusBar(),
      this.heading('Review before you submit'),
      h('p', { text: 'Answered ' + (n - open.length) + ' of ' + n + ' · ' + open.length + ' not answered · ' +
        marked.length + ' flagged for review.' }),
      list('open', open, 'Not answered', 'Every question has an answer.'),
      list('flagged', marked, 'Flagged for review', 'No question is flagged.'),
      h('div', { class: 'sg-exam-actions', 'data-sg-review-actions': true }, [
        h('button', { type: 'button', class: 'sg-button', 'data-sg-act': 'back', 'data-sg-key': 'back', text: 'Back to the questions' }),
        h('button', { type: 'button', class: 'sg-button sg-exam-primary', 'data-sg-act': 'submit', 'data-sg-key': 'submit',
          'aria-expanded': 'false', 'aria-controls': this.prefix + 'confirm', text: 'Submit' }),
      ]),
      h('div', { class: 'sg-confirm sg-exam-confirm', id: this.prefix + 'confirm', hidden: true, 'data-sg-confirm': true }, [
        h('p', { class: 'sg-confirm-text', text: 'Submit now? ' + (open.length ? plural(open.length, 'question is', 'questions are') + ' not answered, and answers' : 'Answers') +
          ' cannot be changed afterwards.' }),
        h('button', { type: 'button', class: 'sg-button sg-exam-primary', 'data-sg-act': 'confirm', 'data-sg-key': 'confirm', text: 'Submit now' }),
        h('button', { type: 'button', class: 'sg-button', 'data-sg-act': 'cancel', 'data-sg-key': 'cancel', text: 'Cancel' }),
      ]),
    ], focus);
  };

  Exam.prototype.closeConfirm = function (refocus) {
    var box = this.view.querySelector('[data-sg-confirm]');
    if (!box) return;
    box.hidden = true;
    var submit = this.view.querySelector('[data-sg-act="submit"]');
    submit.setAttribute('aria-expanded', 'false');
    if (refocus) submit.focus();
  };

  // ---------------------------------------------------------------------
  // Finishing: grading, the log, the results.

  /** Each question's outcome, and the score. */
  Exam.prototype.grade = function (a) {
    var bank = this.bank;
    var self = this;
    var rows = a.order.map(function (id, i) {
      var q = bank.byId[id];
      var mine = picked(a, i);
      return { q: q, index: i, mine: mine, done: mine.length > 0, right: self.isRight(q, mine), flagged: flagged(a, i) };
    });
    var right = rows.filter(function (r) { return r.right; }).length;
    var n = rows.length;
    return { rows: rows, n: n, right: right, pct: percent(right, n), passed: right * 100 >= this.pass * n };
  };

  /**
   * Submits the attempt (at the deadline when time ran out) with what is
   * answered, in any tab: logs it once, stores it as the last result.
   */
  Exam.prototype.finish = function (timedOut, focus) {
    var a = this.attempt;
    this.stopTimer();
    var stored = this.storedAttempt();
    var outcome = this.reconcile(stored, this.storedLast());
    if (outcome === 'finished') {
      // Another tab submitted it already, and logged it.
      this.attempt = null;
      this.last = this.storedLast();
      this.renderResults();
      return this.showResults(focus);
    }
    if (outcome === 'reset') {
      // Everything was reset since it was read: nothing of it is kept.
      var saved = this.read();
      this.attempt = null;
      this.last = saved.last;
      this.renderResults();
      return this.follow(saved.attempt, focus);
    }
    a.end = timedOut ? Math.min(a.deadline, Date.now()) : Date.now();
    a.timedOut = timedOut;
    a.closed = false;
    var result = this.grade(a);
    var now = Date.now();
    if (SG.log) {
      result.rows.forEach(function (r) {
        if (!r.done || (a.mode === 'practice' && a.checked[r.index])) return;
        SG.log.append({ k: 'q', id: r.q.id, h: r.q.hash, p: r.mine.slice(), ok: r.right, t: now, w: 'exam' });
      });
      SG.log.append({
        k: 'exam', page: this.id, mode: a.mode, n: result.n, right: result.right, pct: result.pct, passed: result.passed,
        start: a.start, t: a.end, chapters: a.chapters.slice(),
        wrong: result.rows.filter(function (r) { return !r.right; }).map(function (r) { return r.q.id; }),
        flagged: result.rows.filter(function (r) { return r.flagged; }).map(function (r) { return r.q.id; }),
      });
    }
    this.attempt = null;
    this.last = a;
    SG.store.set(this.lastKey, a);
    // Unless another tab has since started a newer attempt, which stays.
    if (outcome !== 'theirs') SG.store.remove(this.key);
    this.renderResults();
    this.showResults(focus);
  };

  Exam.prototype.showResults = function (focus) {
    this.setScreen('results');
    this.view.textContent = '';
    if (focus) {
      var heading = this.results.querySelector('.sg-exam-heading');
      if (heading) heading.focus();
    }
  };

  /** The last finished attempt's results (shown on their screen, and on paper). */
  Exam.prototype.renderResults = function () {
    var box = this.results;
    box.textContent = '';
    this.printNone.hidden = !!this.last;
    var a = this.last;
    if (!a) return;
    var self = this;
    var bank = this.bank;
    var result = this.grade(a);
    var answeredCount = result.rows.filter(function (r) { return r.done; }).length;
    var table = function (caption, groups) {
      return h('div', { class: 'sg-exam-table' }, [h('table', {}, [
        h('caption', { text: caption }),
        h('thead', {}, [h('tr', {}, ['', 'Questions', 'Correct', 'Percent'].map(function (t, i) {
          return h('th', { scope: 'col', text: i ? t : caption.replace(/^By /, '').replace(/^./, function (c) { return c.toUpperCase(); }) });
        }))]),
        h('tbody', {}, groups.map(function (g) {
          return h('tr', {}, [
            h('th', { scope: 'row', text: g.title }),
            h('td', { text: String(g.n) }), h('td', { text: String(g.right) }), h('td', { text: percent(g.right, g.n) + '%' }),
          ]);
        })),
      ])]);
    };
    var tally = function (key, list, titleOf) {
      var groups = [];
      list.forEach(function (k) {
        var rows = result.rows.filter(function (r) { return key(r.q) === k; });
        if (rows.length) groups.push({ title: titleOf(k), n: rows.length, right: rows.filter(function (r) { return r.right; }).length });
      });
      return groups;
    };
    var chapters = tally(function (q) { return q.chapter; }, bank.chapters.map(function (c) { return c.id; }),
      function (k) { return bank.chapterOf[k].title; });
    var domains = tally(function (q) { return q.domain; }, bank.domains.map(function (d) { return d.key; }).concat([null]),
      function (k) { return k === null ? 'No domain given' : bank.domainOf[k].title; });
    var wrong = result.rows.filter(function (r) { return !r.right; });
    var marked = result.rows.filter(function (r) { return r.flagged; });
    var retake = function (which, list, label, reason) {
      var reasonId = self.prefix + 'retake-' + which;
      return h('span', { class: 'sg-exam-retake' }, [
        h('button', { type: 'button', class: 'sg-button', 'data-sg-act': 'retake', 'data-sg-arg': which, 'data-sg-key': 'retake-' + which,
          disabled: !list.length, 'aria-describedby': list.length ? null : reasonId,
          text: label + (list.length ? ' (' + list.length + ')' : '') }),
        list.length ? null : h('span', { class: 'sg-exam-hint', id: reasonId, text: reason }),
      ]);
    };
    // Each question's title sits one level below "Every question".
    var itemLevel = 'h' + Math.min(6, parseInt(this.h2.slice(1), 10) + 1);
    var items = result.rows.map(function (r) {
      var q = r.q;
      var verdict = r.right ? 'correct' : r.done ? 'incorrect' : 'not answered';
      var choiceItems = a.perm[r.index].map(function (c, k) {
        var item = h('li', { class: 'sg-choice' }, [h('p', { class: 'sg-exam-choice-line' }, [
          h('span', { class: 'sg-letter', text: LETTERS[k] + ')' }),
          h('span', { class: 'sg-exam-choice-text', html: q.choices[c].html }),
        ])]);
        self.markChoice(item, q, c, r.mine);
        return item;
      });
      var yours = r.done ? self.letters(r.index, r.mine, a).join(', ') : 'none';
      return h('li', { class: 'sg-exam-outcome ' + (r.right ? 'sg-correct' : 'sg-incorrect'), 'data-sg-qid': q.id }, [
        h(itemLevel, { class: 'sg-exam-outcome-title', text: 'Question ' + (r.index + 1) + ': ' + verdict + (r.flagged ? ' (flagged)' : '') }),
        h('div', { class: 'sg-exam-prompt' }, [h('span', { html: q.prompt }), q.choose ? ' (Choose ' + q.choose + '.)' : null]),
        h('ul', { class: 'sg-choices' }, choiceItems),
        h('p', { class: 'sg-result', text: 'Your answer: ' + yours + '. Correct answer: ' + self.letters(r.index, q.answer, a).join(', ') + '.' }),
        h('div', { class: 'sg-exam-explanation', html: q.explanation }),
        self.readAgain(q),
      ]);
    });
    var headingsId = this.prefix + 'all';
    [
      this.heading('Results'),
      h('p', { class: 'sg-exam-score ' + (result.passed ? 'sg-pass' : 'sg-fail') }, [
        h('strong', { text: result.passed ? 'PASS' : 'FAIL' }),
        ': ' + result.right + ' of ' + result.n + ' correct, ' + result.pct + '% (the pass mark here is ' + this.pass + '%).',
      ]),
      h('p', { text: 'The real exam reports a scaled score from 100 to 1,000, and 720 passes. A scaled score is not a percentage, ' +
        'so this percentage is not that score.' }),
      h('p', { text: (a.mode === 'practice' ? 'Practice' : 'Exam') + ' mode, ' +
        (a.minutes ? a.minutes + '-minute limit' : 'no time limit') + '. Time taken: ' + duration(a.end - a.start) + '. ' +
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
        h(this.h2, { id: headingsId, text: 'Every question' }),
        h('ol', { class: 'sg-exam-outcomes' }, items),
      ]),
      this.historySection(),
    ].forEach(function (node) { if (node) box.appendChild(node); });
  };

  // ---------------------------------------------------------------------
  // History: every finished attempt of this exam, from the log.

  Exam.prototype.history = function () {
    var id = this.id;
    var entries = [];
    try { entries = SG.log ? SG.log.entries() : []; } catch (e) { entries = []; }
    return entries.filter(function (e) {
      return isObject(e) && e.k === 'exam' && e.page === id && MODES.indexOf(e.mode) >= 0 && isInt(e.n) && e.n > 0 &&
        isInt(e.right) && e.right >= 0 && e.right <= e.n && isInt(e.pct) && typeof e.passed === 'boolean' &&
        isTime(e.start) && isTime(e.t) && e.t >= e.start;
    }).sort(function (x, y) { return y.t - x.t; });
  };

  Exam.prototype.historySection = function () {
    var id = this.prefix + 'history-' + (++this.sections);
    var list = this.history();
    var body = list.length
      ? h('div', { class: 'sg-exam-table' }, [h('table', {}, [
        h('caption', { text: 'Finished attempts, newest first' }),
        h('thead', {}, [h('tr', {}, ['Date', 'Mode', 'Score', 'Time taken'].map(function (t) { return h('th', { scope: 'col', text: t }); }))]),
        h('tbody', {}, list.map(function (e) {
          return h('tr', {}, [
            h('td', { text: when(e.t) }),
            h('td', { text: e.mode === 'practice' ? 'Practice' : 'Exam' }),
            h('td', { text: e.right + ' / ' + e.n + ' (' + e.pct + '%) ' + (e.passed ? 'PASS' : 'FAIL') }),
            h('td', { text: duration(e.t - e.start) }),
          ]);
        })),
      ])])
      : h('p', { text: SG.log ? 'No finished attempt yet.' : 'Finished attempts are not recorded on this page.' });
    return h('section', { class: 'sg-exam-history', 'aria-labelledby': id, 'data-sg-history': true }, [
      h(this.h2, { id: id, text: 'Your attempts' }), body,
    ]);
  };

  Exam.prototype.renderHistory = function () {
    this.root.querySelectorAll('[data-sg-history]').forEach(function (old) {
      old.parentNode.replaceChild(this.historySection(), old);
    }, this);
  };

  // ---------------------------------------------------------------------
  // What the learner does.

  Exam.prototype.onClick = function (event) {
    var button = event.target.closest('[data-sg-act]');
    if (!button || !this.root.contains(button) || button.disabled) return;
    var act = button.getAttribute('data-sg-act');
    var arg = button.getAttribute('data-sg-arg');
    var a = this.attempt;
    if (act === 'new') return this.newExam();
    if (act === 'retake') return this.retake(arg);
    if (!a) return;
    if (act === 'prev' && a.current > 0) this.go(a.current - 1);
    else if (act === 'next' && a.current < a.order.length - 1) this.go(a.current + 1);
    else if (act === 'goto') this.go(Math.max(0, Math.min(a.order.length - 1, parseInt(arg, 10) || 0)));
    else if (act === 'flag') this.toggleFlag(button);
    else if (act === 'check') this.check();
    else if (act === 'review') this.showReview(true);
    else if (act === 'back') this.go(a.current);
    else if (act === 'submit') {
      var box = this.view.querySelector('[data-sg-confirm]');
      box.hidden = false;
      button.setAttribute('aria-expanded', 'true');
      box.querySelector('[data-sg-act="cancel"]').focus();
    } else if (act === 'cancel') this.closeConfirm(true);
    else if (act === 'confirm') this.finish(false, true);
  };

  Exam.prototype.onKey = function (event) {
    if (event.key !== 'Escape') return;
    var box = this.view.querySelector('[data-sg-confirm]');
    if (box && !box.hidden && box.contains(event.target)) this.closeConfirm(true);
  };

  Exam.prototype.go = function (index) {
    var a = this.attempt;
    a.current = index;
    if (!this.save()) return;
    this.showQuestion(this.attempt.current, true);
  };

  Exam.prototype.toggleFlag = function (button) {
    var a = this.attempt;
    var i = a.current;
    a.flags[i] = { f: !flagged(a, i), t: Date.now() };
    if (!this.save()) return;
    button.setAttribute('aria-pressed', flagged(this.attempt, i) ? 'true' : 'false');
    this.updateProgress(i);
  };

  /** Typing a count: the time limits follow it. */
  Exam.prototype.onInput = function (event) {
    var form = event.target.closest('[data-sg-start]');
    if (form && event.target.name === 'n') this.updateStart(form, true);
  };

  /** A choice made: saved at once, with its time, so the newest wins across tabs. */
  Exam.prototype.onChange = function (event) {
    var target = event.target;
    var form = target.closest('[data-sg-start]');
    if (form) return this.updateStart(form, target.name === 'n');
    var a = this.attempt;
    if (!a || this.screen !== 'question' || target.nodeName !== 'INPUT') return;
    var i = a.current;
    if (a.checked[i]) return;
    var values = [].filter.call(this.view.querySelectorAll('.sg-exam-question input'), function (input) { return input.checked; })
      .map(function (input) { return parseInt(input.value, 10); }).sort(function (x, y) { return x - y; });
    a.answers[i] = { p: values, t: Date.now() };
    if (!this.save()) return;
    this.updateProgress(i);
  };

  /** Practice: marks the question, explains it and logs it. */
  Exam.prototype.check = function () {
    var a = this.attempt;
    var i = a.current;
    var q = this.bank.byId[a.order[i]];
    var mine = picked(a, i);
    if (!mine.length || (q.multi && mine.length !== q.answer.length)) {
      var need = q.multi ? 'Choose ' + (q.choose || q.answer.length) + ' answers' : 'Choose an answer';
      SG.announce(this.statusRegion, need + (mine.length ? ': you have chosen ' + mine.length + '.' : ' first.'));
      return;
    }
    a.checked[i] = Date.now();
    if (!this.save()) return;
    if (SG.log) SG.log.append({ k: 'q', id: q.id, h: q.hash, p: mine.slice(), ok: this.isRight(q, mine), t: a.checked[i], w: 'exam' });
    this.showQuestion(i, false);
    this.view.querySelector('[data-sg-feedback]').focus();
  };

  /** Back to the start screen; the last result stays for paper and history. */
  Exam.prototype.newExam = function () {
    if (this.last && !this.last.closed && this.generation === SG.store.generation()) {
      this.last.closed = true;
      SG.store.set(this.lastKey, this.last);
    }
    this.showStart(true);
  };

  /** A new attempt of exactly the last attempt's incorrect (or flagged) questions. */
  Exam.prototype.retake = function (which) {
    var last = this.last;
    if (!last) return;
    var rows = this.grade(last).rows.filter(function (r) { return which === 'flagged' ? r.flagged : !r.right; });
    if (!rows.length) return;
    var seed = newSeed();
    this.begin({ mode: last.mode, limit: last.mode === 'practice' ? 'standard' : last.limit, chapters: last.chapters.slice(),
      retake: which === 'flagged' ? 'flagged' : 'incorrect' },
    rows.map(function (r) { return r.q.id; }), seed, random(seed));
  };

  SG.whenStored(function () {
    var roots = document.querySelectorAll('[data-sg-exam]');
    if (roots.length) SG.store.noteAbove(roots[0]);
    [].forEach.call(roots, start);
  });

  function start(root) {
    if (root.sgExam) return;
    try {
      root.sgExam = new Exam(root);
    } catch (e) {
      // A bug must not leave the learner with nothing: the no-script text stays.
      var nojs = root.querySelector('[data-sg-nojs]');
      if (nojs) nojs.hidden = false;
      throw e;
    }
  }
})();
