// @ts-check
// The spaced-repetition review's model, without a page (review.js shows it).
// Its cards come from the attempt log (SG.log, the one source of truth):
// every question answered wrongly anywhere, every limit missed in practice,
// every question put aside with "Review later". A wrong answer given with
// high certainty (sure.js) counts as a grade of Again. Each card's grades are
// replayed through ts-fsrs (window.FSRS, loaded before this script) to find
// when it is due. The build's bank (of the review block) holds the
// questions and limits to show.
//
// SG.review, for other pages too (it needs window.FSRS for due dates):
//   cards(log, bank, now[, options])  every card, soonest due first
//   dueCount(log, now[, options])     how many are due, from the log alone;
//                                     null without ts-fsrs
//   preview(card, now[, options])     what each grade would give a card
//   interval(ms)                      "10 minutes", "3 days", "2.5 months"
//   order(n, seed)                    0 … n − 1 shuffled by a seed (seedOf(text))
//   showingSeed(card)                 the seed of a card's showing, from the log
// `options` is { exam: "YYYY-MM-DD" }, by default the saved settings
// (sg:review:settings): no card is due after that day.
// A card's key is "q:QID" or "l:ROWID". An edited question or limit (a new
// hash in the bank) starts afresh; a card the bank lacks is not shown (it
// stays in the log). A question answered wrongly again outside the review
// (or put aside again) after the card's last grade is due again at once;
// its memory state stays what the grades made it.
// Pure but for the saved settings: the Node unit tests load it with a bare
// `window` and ts-fsrs.
(function () {
  'use strict';
  const SG = window.StudyGuide;
  const MINUTE = 6e4;
  const HOUR = 36e5;
  const DAY = 864e5;
  const SETTINGS = 'sg:review:settings';
  const GRADES = ['', 'Again', 'Hard', 'Good', 'Easy'];
  /** @type {any} */
  let scheduler = null;

  /**
   * @typedef {{exam?: string}} Options
   * @typedef {{h: string, t: number, g?: number, i: number, w?: string}} Event
   * @typedef {{key: string, kind: string, id: string, made: Event[], grades: Event[]}} Gathered
   * @typedef {{card: string, kind: string, id: string, hash: string, item: any, created: number,
   *   due: number | null, state: any, reviews: number, last: number | null}} Card
   */

  /** @param {unknown} v @returns {v is string} */
  const isText = (v) => typeof v === 'string' && v !== '';
  /** @param {unknown} v @returns {v is number} */
  const isTime = (v) => typeof v === 'number' && isFinite(v);

  /**
   * The entries this page reads, with fields of the types log.js gives.
   * @param {any} e
   */
  function readable(e) {
    if (!e || typeof e !== 'object' || !isTime(e.t) || !isText(e.h)) return false;
    if (e.k === 'q' || e.k === 'l') return isText(e.id) && typeof e.ok === 'boolean';
    if (e.k === 'g') return /^[ql]:./.test(e.card) && (e.g === 1 || e.g === 2 || e.g === 3 || e.g === 4);
    if (e.k === 'later') return /^q:./.test(e.card);
    return false;
  }

  /** @param {unknown} log the log's entries, or { entries } @returns {any[]} */
  function logEntries(log) {
    if (log && !Array.isArray(log) && Array.isArray(/** @type {any} */ (log).entries)) return /** @type {any} */ (log).entries;
    return Array.isArray(log) ? log : [];
  }

  /**
   * Every card the log makes, with the events that made it and its grades.
   * @param {unknown} log
   * @returns {Gathered[]}
   */
  function gather(log) {
    /** @type {{[key: string]: Gathered}} */
    const found = Object.create(null);
    /** @type {string[]} */
    const keys = [];
    logEntries(log).forEach((e, i) => {
      if (!readable(e)) return;
      let key;
      if (e.k === 'g' || e.k === 'later') key = e.card;
      else if (!e.ok) key = e.k + ':' + e.id;
      else return;
      let card = found[key];
      if (!card) {
        card = found[key] = { key, kind: key.charAt(0), id: key.slice(2), made: [], grades: [] };
        keys.push(key);
      }
      (e.k === 'g' ? card.grades : card.made).push({ h: e.h, t: e.t, g: e.g, i, w: e.w });
      // A wrong answer the learner was sure of (high certainty) is a lapse:
      // graded Again at once (a review's own answer is graded by the learner).
      if (e.k === 'q' && e.c === 3 && e.w !== 'review') card.grades.push({ h: e.h, t: e.t, g: 1, i });
    });
    return keys.map((key) => found[key]);
  }

  /** @param {Event} a @param {Event} b */
  const byTime = (a, b) => a.t - b.t || a.i - b.i;

  /**
   * The bank's questions and limits by id, or null without a bank.
   * @param {any} bank
   * @returns {{[kind: string]: {[id: string]: any}} | null}
   */
  function indexBank(bank) {
    if (!bank) return null;
    const items = { q: Object.create(null), l: Object.create(null) };
    for (const q of Array.isArray(bank.questions) ? bank.questions : []) if (q && isText(q.id)) items.q[q.id] = q;
    for (const l of Array.isArray(bank.limits) ? bank.limits : []) if (l && isText(l.id)) items.l[l.id] = l;
    return items;
  }

  /**
   * The start of the exam day (local time), or null.
   * @param {Options | undefined} options
   */
  function examCap(options) {
    const match = options && /^(\d{4})-(\d{2})-(\d{2})$/.exec(options.exam || '');
    return match ? new Date(+match[1], +match[2] - 1, +match[3]).getTime() : null;
  }

  /**
   * A due date no later than the exam day, for a grade given before it.
   * @param {number} due @param {number} at @param {number | null} cap
   */
  const capped = (due, at, cap) => (cap !== null && cap > at && due > cap ? cap : due);

  /** ts-fsrs with its default parameters, or null when it is not loaded. */
  function fsrs() {
    if (!window.FSRS) return null;
    if (!scheduler) scheduler = window.FSRS.fsrs(window.FSRS.generatorParameters());
    return scheduler;
  }

  /** @param {number | Date} v */
  const time = (v) => (v instanceof Date ? v.getTime() : Number(v));

  /** The saved settings: the exam date. @returns {Options} */
  function savedSettings() {
    const saved = SG.store ? SG.store.get(SETTINGS) : null;
    return saved && typeof saved.exam === 'string' ? { exam: saved.exam } : {};
  }

  /**
   * Every card of the log, soonest due first.
   * @param {unknown} log the log's entries (SG.log.entries())
   * @param {any} bank the review block's bank; without it every card of the
   *   log is kept and its version is the hash it was last seen with
   * @param {number | Date} now
   * @param {Options} [options] an exam date no due date passes; by default the saved settings
   * @returns {Card[]} `due` and `state` are null when ts-fsrs is not loaded
   */
  function cards(log, bank, now, options) {
    const items = indexBank(bank);
    const cap = examCap(options || savedSettings());
    const f = fsrs();
    /** @type {Card[]} */
    const list = [];
    for (const c of gather(log)) {
      const item = items ? items[c.kind][c.id] : null;
      if (items && !item) continue;
      const all = c.made.concat(c.grades).sort(byTime);
      const hash = item ? String(item.hash) : all[all.length - 1].h;
      /** @param {Event} e */
      const same = (e) => e.h === hash;
      // An edited question or limit starts afresh: its old grades are ignored.
      const grades = c.grades.filter(same).sort(byTime);
      const made = c.made.filter(same).concat(grades).sort(byTime);
      const created = (made.length ? made : all)[0].t;
      /** @type {Card} */
      const card = {
        card: c.key, kind: c.kind, id: c.id, hash, item, created,
        due: null, state: null, reviews: grades.length, last: grades.length ? grades[grades.length - 1].t : null,
      };
      if (f) {
        let state = window.FSRS.createEmptyCard(new Date(created));
        for (const g of grades) state = f.next(state, new Date(g.t), g.g).card;
        card.state = state;
        const last = card.last;
        const due = last === null ? created : capped(state.due.getTime(), last, cap);
        const since = made.filter((e) => e.g === undefined && e.w !== 'review' && last !== null && e.t > last);
        card.due = since.length ? Math.min(due, since[0].t) : due;
      }
      list.push(card);
    }
    return list.sort((a, b) => ((a.due ?? 0) - (b.due ?? 0)) || (a.created - b.created));
  }

  /**
   * How many cards of the log are due at `now`, from the log alone (cards
   * of questions since removed from the book count too; an edited one keeps
   * the grades of the version last seen in the log).
   * @param {unknown} log @param {number | Date} now @param {Options} [options]
   * @returns {number | null} null when ts-fsrs (window.FSRS) is not loaded
   */
  function dueCount(log, now, options) {
    if (!fsrs()) return null;
    const at = time(now);
    return cards(log, null, at, options).filter((c) => c.due !== null && c.due <= at).length;
  }

  /**
   * What each grade would do to `card` at `now`: [null, {due, interval}×4]
   * indexed by grade (1 Again … 4 Easy).
   * @param {Card} card @param {number} now @param {Options} [options]
   * @returns {({due: number, interval: number} | null)[]}
   */
  function preview(card, now, options) {
    const cap = examCap(options || savedSettings());
    const outcomes = fsrs().repeat(card.state, new Date(now));
    return [null, ...[1, 2, 3, 4].map((g) => {
      const due = capped(outcomes[g].card.due.getTime(), now, cap);
      return { due, interval: due - now };
    })];
  }

  // ---------------------------------------------------------------------
  // Words for times.

  /** @param {number} n @param {string} word */
  const plural = (n, word) => SG.dom.plural(n, word);

  /**
   * "1 minute", "10 minutes", "5 hours", "3 days", "2.5 months", "1.2 years".
   * @param {number} ms
   */
  function interval(ms) {
    if (ms < HOUR) return plural(Math.max(1, Math.round(ms / MINUTE)), 'minute');
    if (ms < DAY) return plural(Math.round(ms / HOUR), 'hour');
    const days = Math.round(ms / DAY);
    if (days < 31) return plural(days, 'day');
    if (days < 365) return plural(Math.round(days / 30.4 * 10) / 10, 'month');
    return plural(Math.round(days / 365 * 10) / 10, 'year');
  }

  /** @param {number} ms */
  function startOfDay(ms) {
    const d = new Date(ms);
    return new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
  }

  /**
   * "today at 14:05", "tomorrow, Wednesday, December 9", "Friday, December 4 (in 3 days)".
   * @param {number} due @param {number} now
   */
  function when(due, now) {
    const days = Math.round((startOfDay(due) - startOfDay(now)) / DAY);
    if (days <= 0) return 'today at ' + SG.dom.date(due, { hour: 'numeric', minute: '2-digit' });
    /** @type {Intl.DateTimeFormatOptions} */
    const options = { weekday: 'long', day: 'numeric', month: 'long' };
    if (new Date(due).getFullYear() !== new Date(now).getFullYear()) options.year = 'numeric';
    const day = SG.dom.date(due, options);
    return days === 1 ? 'tomorrow, ' + day : day + ' (in ' + days + ' days)';
  }

  // ---------------------------------------------------------------------
  // The order a question's choices are shown in: shuffled, from a seed.

  /**
   * A 32-bit seed from text (FNV-1a).
   * @param {string} text
   */
  function seedOf(text) {
    let hash = 0x811c9dc5;
    for (let i = 0; i < text.length; i++) {
      hash ^= text.charCodeAt(i);
      hash = Math.imul(hash, 0x01000193);
    }
    return hash >>> 0;
  }

  /**
   * The indices 0 … n − 1 in the order `seed` gives (mulberry32, then
   * Fisher–Yates): the same seed, the same order.
   * @param {number} n @param {number} seed
   * @returns {number[]}
   */
  function order(n, seed) {
    let a = seed >>> 0;
    const next = () => {
      a = (a + 0x6D2B79F5) >>> 0;
      let t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const list = Array.from({ length: Math.max(0, n) }, (_, i) => i);
    for (let i = list.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [list[i], list[j]] = [list[j], list[i]];
    }
    return list;
  }

  /**
   * The seed of a card's showing: a showing lasts from the card's last
   * grade (or its making) to its next grade, so each showing has a seed of
   * its own, and a reload or a second tab showing the same card has the
   * same one. Made from the log, so nothing is stored for it.
   * @param {Card} card
   */
  function showingSeed(card) {
    return seedOf(card.card + '\n' + card.hash + '\n' + (card.last ?? card.created));
  }

  SG.review = { cards, dueCount, preview, interval, when, examCap, startOfDay, savedSettings, SETTINGS, GRADES, fsrs, isText,
    seedOf, order, showingSeed };
})();
