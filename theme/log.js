// The learner's history: an append-only log of attempts (a question
// answered, a limit recalled, a review card graded, an exam finished), from
// which the progress page, the review cards and the exam history are
// derived. The widgets also keep what each shows (`sg:quiz:…`,
// `sg:limit:…`); the log is what they add up to over time.
//
// Each entry is a key of its own (`sg:log:TIME-RANDOM`), so an entry is
// written once and never read back and rewritten: two tabs appending at
// the same moment cannot overwrite each other, and a page closed right after
// an answer has already saved it.
(function () {
  'use strict';
  var SG = window.StudyGuide;
  var PREFIX = 'sg:log:';
  // Past this many entries the log is compacted.
  var COMPACT_AT = 5000;

  // An entry as every reader may rely on it; each reader checks the rest.
  function valid(entry) {
    return entry !== null && typeof entry === 'object' && typeof entry.k === 'string' &&
      typeof entry.t === 'number' && isFinite(entry.t);
  }

  // Every entry with its key, oldest first.
  function read() {
    return SG.store.keys(PREFIX).sort().map(function (key) {
      return { key: key, entry: SG.store.get(key) };
    }).filter(function (item) { return valid(item.entry); });
  }

  /**
   * Which entries no reader needs: of a question's (or limit's) attempts at
   * one version, all but the first wrong one (which made its review card),
   * the last right one (whose picks the progress page counts as the
   * answer) and the last; every grade, "review later" and exam is kept.
   * @param {Array<object>} entries oldest first
   * @returns {Array<boolean>} whether to keep each
   */
  function kept(entries) {
    var keep = entries.map(function () { return false; });
    var first = {};
    var lastRight = {};
    var last = {};
    entries.forEach(function (e, i) {
      if (e.k !== 'q' && e.k !== 'l') { keep[i] = true; return; }
      var item = e.k + ':' + e.id + ':' + e.h;
      if (!e.ok && !(item in first)) first[item] = i;
      if (e.ok) lastRight[item] = i;
      last[item] = i;
    });
    [first, lastRight, last].forEach(function (found) {
      Object.keys(found).forEach(function (item) { keep[found[item]] = true; });
    });
    return keep;
  }

  function compact(entries) {
    var keep = kept(entries);
    return entries.filter(function (e, i) { return keep[i]; });
  }

  // Removes what no reader needs.
  function compactStored() {
    var items = read();
    var keep = kept(items.map(function (item) { return item.entry; }));
    items.forEach(function (item, i) { if (!keep[i]) SG.store.remove(item.key); });
  }

  var log = {
    /** Whether the last entry could only be kept for this page. */
    get full() { return SG.store.status() === 'full'; },
    /** Adds an entry (`t` is set to now when missing). */
    append: function (entry) {
      if (typeof entry.t !== 'number') entry.t = Date.now();
      if (!valid(entry)) return;
      if (!SG.store.push(PREFIX, entry, entry.t) && SG.store.status() === 'full') {
        // Make room, then try once more (the store keeps it for this page otherwise).
        compactStored();
        SG.store.push(PREFIX, entry, entry.t);
      } else if (SG.store.keys(PREFIX).length > COMPACT_AT) {
        compactStored();
      }
    },
    /** Adds entries that carry their own times (an import). */
    add: function (entries) {
      entries.forEach(function (entry, i) { if (valid(entry)) SG.store.push(PREFIX, entry, entry.t, i); });
    },
    /** Every entry, oldest first (a fresh array). */
    entries: function () {
      return read().map(function (item) { return item.entry; });
    },
    /** Puts `entries` in place of the log. */
    replace: function (entries) {
      log.removeWhere(function () { return true; });
      log.add(entries);
    },
    /** Removes the entries `which(entry)` accepts (a reset). */
    removeWhere: function (which) {
      read().forEach(function (item) { if (which(item.entry)) SG.store.remove(item.key); });
    },
    compact: compact,
    /** `fn()` runs when another tab changed the log. */
    onChange: function (fn) {
      SG.store.onChange(function (keys) {
        if (keys === null || keys.some(function (key) { return key.lastIndexOf(PREFIX, 0) === 0; })) fn();
      });
    }
  };

  SG.log = log;
})();
