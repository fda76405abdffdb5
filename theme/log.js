// @ts-check
// The learner's history: an append-only log of attempts (a question
// answered, a limit recalled, a review card graded, "review later", an exam
// finished), from which the progress page, the review cards and the exam
// history are derived. The widgets also keep what each shows (`sg:quiz:…`,
// `sg:limit:…`); the log is what they add up to over time.
//
// This file owns the log: the entries' schema, the one validator used when
// an entry is appended, read or imported, and a constructor for each kind.
//
// Each entry is a key of its own (`sg:log:TIME-N-RANDOM`), so an entry is
// written once and never read back and rewritten: two tabs appending at the
// same moment cannot overwrite each other, and a page closed right after an
// answer has already saved it.
//
// The pure parts (schema, check, clean, compact) work without a page too:
// the Node unit tests load this file with a bare `window`.
(function () {
  'use strict';
  const SG = window.StudyGuide;
  const PREFIX = 'sg:log:';
  // Past this many entries the log is compacted.
  const COMPACT_AT = 5000;

  // ---------------------------------------------------------------------
  // The schema: each kind of entry, field by field, in the order kept.

  /** @typedef {(value: unknown) => boolean} Check */

  /** @param {number} max @returns {Check} */
  const text = (max) => (v) => typeof v === 'string' && v.length > 0 && v.length <= max;
  const id = text(200);
  const hash = text(100);
  /** @type {Check} */
  const bool = (v) => typeof v === 'boolean';
  /** @type {Check} */
  const time = (v) => typeof v === 'number' && isFinite(v) && v >= 0;
  /** @param {number} lo @param {number} hi @returns {Check} */
  const int = (lo, hi) => (v) => typeof v === 'number' && v % 1 === 0 && v >= lo && v <= hi;
  /** @param {Check} item @param {number} max @returns {Check} */
  const list = (item, max) => (v) => Array.isArray(v) && v.length <= max && v.every(item);
  /** @param {unknown[]} words @returns {Check} */
  const oneOf = (words) => (v) => words.indexOf(v) >= 0;
  /** @param {Check} check @returns {Check} */
  const optional = (check) => (v) => v === undefined || check(v);
  const count = int(0, 1e6);
  /** @type {Check} */
  const card = (v) => id(v) && /^[ql]:/.test(/** @type {string} */ (v));
  const picks = list(int(0, 99), 100);
  const ids = list(id, 10000);

  /** @type {{[kind: string]: [string, Check][]}} */
  const ENTRIES = {
    // A question answered: where (`w`: quiz, exam, review), the picks, right or not, revealed first;
    // how sure the learner said they were (`c`: 1 low, 2 medium, 3 high) and the time spent on it (`d`, ms).
    q: [['id', id], ['h', hash], ['p', picks], ['ok', bool], ['t', time], ['w', text(20)], ['rv', optional(bool)],
      ['c', optional(int(1, 3))], ['d', optional(int(0, 864e5))]],
    // A limit recalled in practice or review.
    l: [['id', id], ['h', hash], ['ok', bool], ['t', time], ['w', text(20)], ['rv', optional(bool)]],
    // A review card graded 1 (Again) to 4 (Easy).
    g: [['card', card], ['h', hash], ['g', int(1, 4)], ['t', time]],
    // A question set aside for review.
    later: [['card', card], ['h', hash], ['t', time]],
    // An exam finished; how its questions were drawn (`draw`: random, unseen first, weak spots first, of one task
    // statement or domain, `focus` "task:KEY" or "domain:KEY", or a retake).
    exam: [['page', id], ['mode', oneOf(['exam', 'practice'])], ['n', count], ['right', count], ['pct', int(0, 100)],
      ['passed', bool], ['start', time], ['t', time], ['chapters', ids], ['wrong', ids], ['flagged', ids],
      ['draw', optional(oneOf(['random', 'unseen', 'weak', 'focus', 'retake']))], ['focus', optional(text(200))]],
  };

  /**
   * Whether `e` is a well-formed entry of a known kind.
   * @param {any} e
   * @returns {boolean}
   */
  function valid(e) {
    if (e === null || typeof e !== 'object' || Array.isArray(e) || !Object.prototype.hasOwnProperty.call(ENTRIES, e.k)) {
      return false;
    }
    return ENTRIES[e.k].every(([name, check]) => check(e[name])) && (e.k !== 'exam' || e.right <= e.n);
  }

  /**
   * A well-formed copy of an entry holding only its known fields, or null.
   * @param {any} e
   * @returns {LogEntry | null}
   */
  function clean(e) {
    if (!valid(e)) return null;
    /** @type {any} */
    const out = { k: e.k };
    for (const [name] of ENTRIES[e.k]) if (e[name] !== undefined) out[name] = Array.isArray(e[name]) ? e[name].slice() : e[name];
    return out;
  }

  /**
   * Of a question's (or limit's) attempts at one version, all but the first
   * wrong one (which made its review card), the last right one (whose
   * picks the progress page counts as the answer) and the last can go;
   * every grade, "review later" and exam is kept.
   * @param {LogEntry[]} entries oldest first
   * @returns {boolean[]} whether to keep each
   */
  function kept(entries) {
    const keep = entries.map(() => false);
    /** @type {{[item: string]: number}} */
    const first = {};
    /** @type {{[item: string]: number}} */
    const lastRight = {};
    /** @type {{[item: string]: number}} */
    const last = {};
    entries.forEach((e, i) => {
      // A confident wrong answer is a misconception the progress page lists.
      if ((e.k !== 'q' && e.k !== 'l') || (e.c === 3 && !e.ok)) { keep[i] = true; return; }
      const item = e.k + ':' + e.id + ':' + e.h;
      if (!e.ok && !(item in first)) first[item] = i;
      if (e.ok) lastRight[item] = i;
      last[item] = i;
    });
    for (const found of [first, lastRight, last]) for (const item of Object.keys(found)) keep[found[item]] = true;
    return keep;
  }

  /** @param {LogEntry[]} entries oldest first */
  function compact(entries) {
    const keep = kept(entries);
    return entries.filter((e, i) => keep[i]);
  }

  // ---------------------------------------------------------------------
  // Constructors: an entry of each kind, stamped now unless a time is given.

  const now = () => Date.now();
  const make = {
    /**
     * @param {{id: string, h: string, p: number[], ok: boolean, w: string, rv?: boolean, t?: number,
     *   c?: number | null, d?: number | null}} a
     * @returns {LogEntry}
     */
    question: (a) => Object.assign({ k: 'q', id: a.id, h: a.h, p: a.p.slice(), ok: a.ok, t: a.t ?? now(), w: a.w },
      a.rv ? { rv: true } : {}, a.c ? { c: a.c } : {},
      typeof a.d === 'number' && a.d >= 0 ? { d: Math.min(864e5, Math.round(a.d)) } : {}),
    /** @param {{id: string, h: string, ok: boolean, w: string, t?: number}} a @returns {LogEntry} */
    limit: (a) => ({ k: 'l', id: a.id, h: a.h, ok: a.ok, t: a.t ?? now(), w: a.w }),
    /** @param {{card: string, h: string, g: number, t?: number}} a @returns {LogEntry} */
    grade: (a) => ({ k: 'g', card: a.card, h: a.h, g: a.g, t: a.t ?? now() }),
    /** @param {{card: string, h: string, t?: number}} a @returns {LogEntry} */
    later: (a) => ({ k: 'later', card: a.card, h: a.h, t: a.t ?? now() }),
    /**
     * @param {{page: string, mode: string, n: number, right: number, pct: number, passed: boolean, start: number,
     *   t: number, chapters: string[], wrong: string[], flagged: string[], draw?: string, focus?: string | null}} a
     * @returns {LogEntry}
     */
    exam: (a) => Object.assign({ k: 'exam', page: a.page, mode: a.mode, n: a.n, right: a.right, pct: a.pct, passed: a.passed,
      start: a.start, t: a.t, chapters: a.chapters.slice(), wrong: a.wrong.slice(), flagged: a.flagged.slice() },
    a.draw ? { draw: a.draw } : {}, a.focus ? { focus: a.focus } : {}),
  };

  // ---------------------------------------------------------------------
  // The stored log.

  /** Every valid entry with its key, oldest first. */
  function read() {
    return SG.store.keys(PREFIX).sort()
      .map((key) => ({ key, entry: /** @type {LogEntry} */ (SG.store.get(key)) }))
      .filter((item) => valid(item.entry));
  }

  // Removes what no reader needs.
  function compactStored() {
    const items = read();
    const keep = kept(items.map((item) => item.entry));
    items.forEach((item, i) => { if (!keep[i]) SG.store.remove(item.key); });
  }

  const log = {
    ENTRIES,
    /** The field checks the schema is made of, for other saved state. */
    checks: { text, id, hash, bool, time, int, list, oneOf, optional, picks },
    valid,
    clean,
    compact,
    make,
    /** Whether the last entry could only be kept for this page. */
    get full() { return !!SG.store && SG.store.status() === 'full'; },
    /**
     * Adds a valid entry (one of `make`'s; `t` is set to now when missing).
     * @param {any} entry
     */
    append(entry) {
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
    /**
     * Adds entries that carry their own times (an import); invalid ones are left out.
     * @param {any[]} entries
     */
    add(entries) {
      entries.forEach((entry, i) => { if (valid(entry)) SG.store.push(PREFIX, entry, entry.t, i); });
    },
    /** Every entry, oldest first (a fresh array). @returns {LogEntry[]} */
    entries() {
      return read().map((item) => item.entry);
    },
    /**
     * Puts `entries` in place of the log.
     * @param {any[]} entries
     */
    replace(entries) {
      log.removeWhere(() => true);
      log.add(entries);
    },
    /**
     * Removes the entries `which(entry)` accepts (a reset).
     * @param {(entry: LogEntry) => boolean} which
     */
    removeWhere(which) {
      read().forEach((item) => { if (which(item.entry)) SG.store.remove(item.key); });
    },
    /**
     * `fn()` runs when another tab changed the log.
     * @param {() => void} fn
     */
    onChange(fn) {
      SG.store.onChange((keys) => {
        if (keys === null || keys.some((key) => key.lastIndexOf(PREFIX, 0) === 0)) fn();
      });
    },
  };

  SG.log = log;
})();
