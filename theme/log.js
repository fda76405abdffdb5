// The learner's history: an append-only log of attempts (a question
// answered, a limit recalled, a review card graded, an exam finished), from
// which the progress page, the review cards and the exam history are
// derived. The widgets also keep what each shows (`sg:quiz:…`,
// `sg:limit:…`); the log is what they add up to over time.
(function () {
  'use strict';
  var SG = window.StudyGuide;
  var KEY = 'sg:log';
  // Past this many entries the log is compacted before it is written.
  var COMPACT_AT = 5000;
  var listeners = [];

  // An entry as every reader may rely on it; each reader checks the rest.
  function valid(entry) {
    return entry !== null && typeof entry === 'object' && typeof entry.k === 'string' &&
      typeof entry.t === 'number' && isFinite(entry.t);
  }

  function read() {
    var saved = SG.store.get(KEY);
    if (!saved || saved.v !== 1 || !Array.isArray(saved.entries)) return [];
    return saved.entries.filter(valid);
  }

  /**
   * The log without what no reader needs: of a question's (or limit's)
   * attempts at one version, the first wrong one (which made its review
   * card) and the last; every grade, "review later" and exam is kept.
   * @param {Array<object>} entries oldest first
   * @returns {Array<object>}
   */
  function compact(entries) {
    var keep = entries.map(function () { return false; });
    var first = {};
    var last = {};
    entries.forEach(function (e, i) {
      if (e.k !== 'q' && e.k !== 'l') { keep[i] = true; return; }
      var item = e.k + ':' + e.id + ':' + e.h;
      if (!e.ok && !(item in first)) first[item] = i;
      last[item] = i;
    });
    Object.keys(first).forEach(function (item) { keep[first[item]] = true; });
    Object.keys(last).forEach(function (item) { keep[last[item]] = true; });
    return entries.filter(function (e, i) { return keep[i]; });
  }

  // Writes the log, compacted first when it is long or did not fit.
  function write(entries) {
    if (entries.length > COMPACT_AT) entries = compact(entries);
    if (SG.store.set(KEY, { v: 1, entries: entries }) || !SG.store.full) return entries;
    entries = compact(entries);
    if (!SG.store.set(KEY, { v: 1, entries: entries })) log.full = true;
    return entries;
  }

  var log = {
    full: false,
    /** Adds an entry (`t` is set to now when missing). */
    append: function (entry) {
      if (typeof entry.t !== 'number') entry.t = Date.now();
      if (!valid(entry)) return;
      // Read afresh: another tab may have written since.
      var entries = read();
      entries.push(entry);
      write(entries);
    },
    /** Every entry, oldest first (a fresh array). */
    entries: read,
    /** Puts `entries` in place of the log (an import, a reset). */
    replace: function (entries) {
      write(entries.filter(valid));
    },
    compact: compact,
    /** `fn()` runs when another tab changed the log. */
    onChange: function (fn) { listeners.push(fn); }
  };

  window.addEventListener('storage', function (event) {
    if (event.key !== KEY && event.key !== null) return;
    listeners.forEach(function (fn) { fn(); });
  });

  SG.log = log;
})();
