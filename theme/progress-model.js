// @ts-check
// The progress page's model, without a page: the learner's standing folded
// from the book, the log and the widgets' saved state; what a progress file
// holds, checked against the book; and the keys of a book's saved state.
// The log's entries are log.js's to check. progress.js shows all of it.
// Pure: the Node unit tests load it with a bare `window`.
(function () {
  'use strict';
  const SG = window.StudyGuide;
  const SCHEMA = 'studyguide-progress';
  // Format 2 adds how sure the learner was and the time spent to answers
  // (the log's `c` and `d`) and the learner's preferences; format 1 files
  // are read as they are.
  const VERSION = 2;
  const READS = [1, 2];
  const MAX_FILE_ENTRIES = 200000;
  const MAX_FILE_KEYS = 50000;
  // The state an export holds and an import restores, by key prefix.
  const PREFIXES = ['sg:quiz:', 'sg:limit:', 'sg:limits:', 'sg:exam:', 'sg:review:', 'sg:prefs:'];
  const has = Object.prototype.hasOwnProperty;
  const { hash, picks, bool, text, oneOf, optional } = SG.log.checks;

  /**
   * @typedef {{id: string, hash: string}} Item
   * @typedef {{table: string, title: string, href: string, rows?: Item[]}} Table
   * @typedef {{id: string, title: string, quiz?: string | null, questions?: Item[], limits?: Table[]}} BookChapter
   * @typedef {{title: string, chapters?: BookChapter[], exams?: {id: string, href: string}[], review?: string | null}} Book
   * @typedef {{table: string, title: string, href: string, rows: number, practised: number, right: number,
   *   wrong: number, revealed: number}} TableStanding
   * @typedef {{id: string, title: string, quiz: string | null, questions: number, answered: number, correct: number,
   *   revealed: number, rows: number, practised: number, right: number, wrong: number, revealedRows: number,
   *   cards: number, due: number, saved: number, logged: number, tables: TableStanding[], items: number,
   *   attempted: boolean, share: number}} ChapterStanding
   * @typedef {{[name: string]: number}} Totals
   * @typedef {{count: number, best: LogEntry | null, last: LogEntry | null}} Exams
   * @typedef {{chapters: ChapterStanding[], weakest: ChapterStanding[], totals: Totals, exams: Exams, skipped: number}} Standing
   * @typedef {(cardKey: string, grades: LogEntry[], now: number) => boolean} IsDue
   */

  /** @type {{[prefix: string]: [string, (v: unknown) => boolean][]}} The widgets' saved state, by key prefix. */
  const STATES = {
    'sg:quiz:': [['h', hash], ['p', picks], ['c', optional(bool)], ['r', optional(bool)], ['s', optional(SG.log.checks.int(1, 3))]],
    'sg:limit:': [['h', hash], ['r', oneOf(['right', 'wrong', 'revealed'])], ['a', optional(text(500))]],
    'sg:limits:': [['practice', optional(bool)], ['mode', optional(oneOf(['type', 'choose']))]],
    // The review page's settings: the exam date that caps intervals.
    'sg:review:': [['exam', optional(text(10))]],
    // The learner's preferences: `sg:prefs:sure` asks how sure they are with each answer.
    'sg:prefs:': [['on', optional(bool)]],
  };

  /** @param {unknown} v @returns {v is {[key: string]: any}} */
  const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

  /**
   * The fields of `value` that `fields` names, or null when one is wrong.
   * @param {unknown} value
   * @param {[string, (v: unknown) => boolean][]} fields
   */
  function pick(value, fields) {
    if (!isObject(value)) return null;
    /** @type {{[key: string]: unknown}} */
    const out = {};
    for (const [name, check] of fields) {
      const v = has.call(value, name) ? value[name] : undefined;
      if (!check(v)) return null;
      if (v !== undefined) out[name] = Array.isArray(v) ? v.slice() : v;
    }
    return out;
  }

  /** The prefix of a state key this page knows, or null. @param {string} key */
  function prefixOf(key) {
    return PREFIXES.find((p) => key.length > p.length && key.length <= p.length + 200 && key.lastIndexOf(p, 0) === 0) || null;
  }

  /**
   * A well-formed copy of a saved state, or null. The exam page's own state
   * (sg:exam:…) is its script's to validate: any object that is not huge.
   * @param {unknown} key
   * @param {unknown} value
   */
  function cleanState(key, value) {
    const prefix = typeof key === 'string' && prefixOf(key);
    if (!prefix || !isObject(value)) return null;
    if (prefix === 'sg:exam:') return JSON.stringify(value).length <= 200000 ? value : null;
    return pick(value, STATES[prefix]);
  }

  // ---------------------------------------------------------------------
  // The fold: the standing, from the book, the log and the saved state in
  // one pass over the log. Pure: no storage, no page.

  /**
   * Whether a review card is due, without the review's scheduler: when it
   * was never graded or its last grade was Again (1).
   * @type {IsDue}
   */
  function cardIsDue(cardKey, grades) {
    return grades.length === 0 || grades[grades.length - 1].g === 1;
  }

  /**
   * The review's scheduler (review-model.js, loaded on this page with
   * ts-fsrs) as an `isDue` for the fold: the same due dates the review page
   * shows, for the book's current questions and limits. Undefined without it.
   * @param {Book} book
   * @param {LogEntry[]} entries
   * @param {number} now
   * @returns {IsDue | undefined}
   */
  function scheduledDue(book, entries, now) {
    if (!SG.review || typeof SG.review.cards !== 'function' || !window.FSRS) return undefined;
    const bank = { questions: /** @type {Item[]} */ ([]), limits: /** @type {Item[]} */ ([]) };
    for (const ch of book.chapters || []) {
      for (const q of ch.questions || []) bank.questions.push(q);
      for (const t of ch.limits || []) for (const r of t.rows || []) bank.limits.push(r);
    }
    /** @type {{[card: string]: number}} */
    const due = Object.create(null);
    for (const c of SG.review.cards(entries, bank, now)) if (c.due !== null) due[c.card] = c.due;
    return (cardKey) => cardKey in due && due[cardKey] <= now;
  }

  /** @param {number[]} a @param {number[]} b */
  const samePicks = (a, b) => a.length === b.length && a.every((i) => b.indexOf(i) >= 0);

  /**
   * The learner's standing.
   *
   * A question is *answered* when its saved quiz state (sg:quiz:QID) is
   * checked (c) for the question's current hash, or, without that, when the
   * log holds an answer to its current version (from the exam or the
   * review too). It is *correct* when its quiz state was not revealed
   * first (r) and its saved picks are the answer; without quiz state, when
   * its last logged answer was right and not revealed. The answer is not in the book's data, so it is learnt from the
   * log: a k:"q" entry for the same id and hash that is ok (and not
   * revealed) holds the answer's picks; without one the question is not
   * counted correct. A limit row is practised when its sg:limit:ROWID
   * state is right, wrong or revealed for the row's current hash.
   * Review cards: every question (id + hash) with a wrong k:"q" entry, every
   * limit row with a wrong k:"l" entry, every k:"later"; due by `isDue`.
   * Exams: k:"exam" entries for the book's exam pages, best (highest
   * percentage, the later on a tie) and last.
   *
   * @param {Book} book the book's data of the progress block
   * @param {unknown[]} log the log's entries, oldest first (invalid ones skipped)
   * @param {{[key: string]: any}} [state] saved state by key ("sg:quiz:QID" → {h,p,c,r}, …)
   * @param {{now?: number, isDue?: IsDue}} [options]
   * @returns {Standing}
   */
  function fold(book, log, state, options) {
    options = options || {};
    const now = typeof options.now === 'number' ? options.now : Date.now();
    const isDue = options.isDue || cardIsDue;
    state = state || {};
    /** @type {{[id: string]: {chapter: ChapterStanding, hash: string, answer: number[] | null, last: LogEntry | null}}} */
    const questions = Object.create(null);
    /** @type {{[id: string]: {chapter: ChapterStanding, table: TableStanding, hash: string}}} */
    const rows = Object.create(null);
    /** @type {{[id: string]: boolean}} */
    const examPages = Object.create(null);
    const NAMES = ['questions', 'answered', 'correct', 'revealed', 'rows', 'practised', 'right', 'wrong', 'revealedRows', 'cards', 'due'];
    /** @type {Totals} */
    const totals = Object.fromEntries(NAMES.map((name) => [name, 0]));

    const chapters = (book.chapters || []).map((ch) => {
      /** @type {ChapterStanding} */
      const chapter = { id: ch.id, title: ch.title, quiz: ch.quiz || null, questions: 0, answered: 0, correct: 0,
        revealed: 0, rows: 0, practised: 0, right: 0, wrong: 0, revealedRows: 0, cards: 0, due: 0,
        saved: 0, logged: 0, tables: [], items: 0, attempted: false, share: 0 };
      for (const q of ch.questions || []) {
        questions[q.id] = { chapter, hash: q.hash, answer: null, last: null };
        chapter.questions++;
      }
      for (const t of ch.limits || []) {
        /** @type {TableStanding} */
        const table = { table: t.table, title: t.title, href: t.href, rows: 0, practised: 0, right: 0, wrong: 0, revealed: 0 };
        chapter.tables.push(table);
        for (const r of t.rows || []) {
          rows[r.id] = { chapter, table, hash: r.hash };
          table.rows++;
          chapter.rows++;
        }
      }
      return chapter;
    });
    for (const exam of book.exams || []) examPages[exam.id] = true;

    /** @type {{[card: string]: ChapterStanding}} */
    const cards = Object.create(null);
    /** @type {{[card: string]: LogEntry[]}} */
    const grades = Object.create(null);
    /** @type {Exams} */
    const exams = { count: 0, best: null, last: null };
    let skipped = 0;
    /** @param {string} cardKey */
    const target = (cardKey) => (cardKey.charAt(0) === 'q' ? questions[cardKey.slice(2)] : rows[cardKey.slice(2)]) || null;

    // The one pass over the log.
    for (const raw of log) {
      if (!SG.log.valid(raw)) { skipped++; continue; }
      const e = /** @type {LogEntry} */ (raw);
      if (e.k === 'exam') {
        if (!examPages[e.page]) continue;
        exams.count++;
        if (!exams.best || e.pct >= exams.best.pct) exams.best = e;
        if (!exams.last || e.t >= exams.last.t) exams.last = e;
        continue;
      }
      const found = e.k === 'q' ? questions[e.id] : e.k === 'l' ? rows[e.id] : target(e.card);
      if (!found) continue;
      found.chapter.logged++;
      if (e.h !== found.hash) continue;
      if (e.k === 'q') {
        const question = /** @type {{answer: number[] | null, last: LogEntry | null}} */ (found);
        if (!question.last || e.t >= question.last.t) question.last = e;
        if (e.ok && !e.rv) question.answer = e.p;
        else cards['q:' + e.id] = found.chapter;
      } else if (e.k === 'l') {
        if (!e.ok) cards['l:' + e.id] = found.chapter;
      } else if (e.k === 'later') {
        cards[e.card] = found.chapter;
      } else {
        (grades[e.card] || (grades[e.card] = [])).push(e);
      }
    }

    for (const qid of Object.keys(questions)) {
      const q = questions[qid];
      const saved = state['sg:quiz:' + qid];
      if (saved) q.chapter.saved++;
      if (saved && isObject(saved) && saved.h === q.hash && saved.c === true && picks(saved.p)) {
        // The quiz's own answer, as the quiz shows it.
        q.chapter.answered++;
        if (saved.r === true) q.chapter.revealed++;
        else if (q.answer && samePicks(saved.p, q.answer)) q.chapter.correct++;
      } else if (q.last) {
        // Answered elsewhere (the exam, the review), or the quiz tried again since: the last answer.
        q.chapter.answered++;
        if (q.last.rv) q.chapter.revealed++;
        else if (q.last.ok) q.chapter.correct++;
      }
    }
    for (const rid of Object.keys(rows)) {
      const r = rows[rid];
      const saved = state['sg:limit:' + rid];
      if (!saved) continue;
      r.chapter.saved++;
      if (!isObject(saved) || saved.h !== r.hash) continue;
      const field = /** @type {'right' | 'wrong' | 'revealed' | undefined} */ ({ right: 'right', wrong: 'wrong', revealed: 'revealed' }[String(saved.r)]);
      if (!field) continue;
      r.table.practised++;
      r.table[field]++;
      r.chapter.practised++;
      r.chapter[field === 'revealed' ? 'revealedRows' : field]++;
    }
    for (const cardKey of Object.keys(cards)) {
      const chapter = cards[cardKey];
      chapter.cards++;
      if (isDue(cardKey, grades[cardKey] || [], now)) chapter.due++;
    }

    for (const c of chapters) {
      for (const name of NAMES) totals[name] += /** @type {any} */ (c)[name];
      c.items = c.questions + c.rows;
      c.attempted = c.answered + c.practised > 0;
      c.share = c.items ? (c.correct + c.right) / c.items : 0;
    }

    // Weakest first: the chapters with something answered or practised, by
    // their share of items right (correct questions and right limit rows
    // over all the chapter's questions and rows), lowest first; then the
    // untouched ones. No score yet is not a known weakness, so those come
    // after, in book order, the order to start them in. Ties keep book
    // order. Chapters with neither questions nor limit rows are left out.
    const weakest = chapters.filter((c) => c.items > 0).map((c, n) => ({ c, n })).sort((a, b) => {
      if (a.c.attempted !== b.c.attempted) return a.c.attempted ? -1 : 1;
      if (a.c.attempted && a.c.share !== b.c.share) return a.c.share - b.c.share;
      return a.n - b.n;
    }).map((x) => x.c);

    return { chapters, weakest, totals, exams, skipped };
  }

  /**
   * The state keys of the book's questions, limit rows and tables, and
   * exams; of one chapter when `chapterId` is given.
   * @param {Book} book
   * @param {string} [chapterId]
   */
  function bookKeys(book, chapterId) {
    /** @type {string[]} */
    const keys = [];
    for (const ch of book.chapters || []) {
      if (chapterId !== undefined && ch.id !== chapterId) continue;
      for (const q of ch.questions || []) keys.push('sg:quiz:' + q.id);
      for (const t of ch.limits || []) {
        keys.push('sg:limits:' + t.table);
        for (const r of t.rows || []) keys.push('sg:limit:' + r.id);
      }
    }
    if (chapterId === undefined) for (const x of book.exams || []) keys.push('sg:exam:' + x.id);
    return keys;
  }

  /**
   * The ids of one chapter's questions and limit rows, as review cards.
   * @param {BookChapter} ch
   */
  function chapterCards(ch) {
    /** @type {{[card: string]: boolean}} */
    const out = Object.create(null);
    for (const q of ch.questions || []) out['q:' + q.id] = true;
    for (const t of ch.limits || []) for (const r of t.rows || []) out['l:' + r.id] = true;
    return out;
  }

  /**
   * The question ("q:ID") or limit row ("l:ID") an entry is about, if any.
   * @param {any} e
   */
  function itemOf(e) {
    if (!isObject(e)) return null;
    if ((e.k === 'q' || e.k === 'l') && typeof e.id === 'string') return e.k + ':' + e.id;
    if ((e.k === 'g' || e.k === 'later') && typeof e.card === 'string') return e.card;
    return null;
  }

  /** An entry's identity, for the union of two logs. @param {unknown} e */
  function entryKey(e) {
    const clean = SG.log.clean(e);
    return clean ? JSON.stringify(clean) : null;
  }

  /**
   * What this book has, to tell an imported entry or key about one of its
   * questions, limit rows, tables or exams from one about something it does
   * not have (a question of an earlier edition): those are kept, as an
   * edition that has them again counts them, but never counted here.
   * @param {Book} book
   */
  function itemsOf(book) {
    /** @type {{[key: string]: boolean}} */
    const items = Object.create(null);
    for (const key of bookKeys(book)) items[key] = true;
    for (const x of book.exams || []) items['sg:exam:' + x.id + ':last'] = true;
    items['sg:review:settings'] = true;
    items['sg:prefs:sure'] = true;
    return {
      /** @param {string} key */
      key: (key) => items[key] === true,
      /** @param {LogEntry} e */
      entry: (e) => {
        if (e.k === 'exam') return items['sg:exam:' + e.page] === true;
        const item = itemOf(e);
        return item !== null && items[(item.charAt(0) === 'q' ? 'sg:quiz:' : 'sg:limit:') + item.slice(2)] === true;
      },
    };
  }

  /**
   * Reads a parsed progress file against this book: a message when it is
   * refused, or what it holds, its invalid parts dropped and counted.
   * @param {Book} book
   * @param {any} data
   * @param {string} bookId the book's id in learners' browsers
   * @returns {{error: string} | {entries: LogEntry[], state: {[key: string]: unknown}, dropped: number,
   *   has: ReturnType<typeof itemsOf>}}
   */
  function readFile(book, data, bookId) {
    const nothing = ' Nothing was imported.';
    if (!isObject(data) || data.schema !== SCHEMA) {
      return { error: 'This file is not a study guide progress file.' + nothing };
    }
    if (READS.indexOf(data.version) < 0) {
      return { error: typeof data.version === 'number' && data.version > VERSION
        ? 'This progress file was written by a newer version of the study guide (format ' +
          (data.version % 1 === 0 && data.version < 1e6 ? data.version : 'unknown') + '); this page reads format ' +
          VERSION + '.' + nothing
        : 'This progress file has a format version this page does not know.' + nothing };
    }
    // The book's id when the file names one (a new title keeps the id), else its title.
    if (typeof data.bookId === 'string' ? data.bookId !== bookId : data.book !== book.title) {
      return { error: 'This file holds the progress of another book, not of \u201c' + book.title + '\u201d.' + nothing };
    }
    if (!Array.isArray(data.log) || !isObject(data.state)) {
      return { error: 'This progress file is damaged: it has no log or no saved state.' + nothing };
    }
    const keys = Object.keys(data.state);
    if (data.log.length > MAX_FILE_ENTRIES || keys.length > MAX_FILE_KEYS) {
      return { error: 'This progress file holds more entries than a study guide writes.' + nothing };
    }
    let dropped = 0;
    /** @type {LogEntry[]} */
    const entries = [];
    for (const e of data.log) {
      const clean = SG.log.clean(e);
      if (clean) entries.push(clean);
      else dropped++;
    }
    /** @type {{[key: string]: unknown}} */
    const state = {};
    for (const key of keys) {
      const clean = cleanState(key, data.state[key]);
      if (clean) state[key] = clean;
      else dropped++;
    }
    return { entries, state, dropped, has: itemsOf(book) };
  }

  /**
   * "study-guide-progress-2026-12-01.json" from the title and the date.
   * @param {string} title
   * @param {number} now
   */
  function fileName(title, now) {
    const slug = String(title || '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60)
      .replace(/-+$/, '');
    return (slug || 'study-guide') + '-progress-' + new Date(now).toISOString().slice(0, 10) + '.json';
  }

  SG.progressModel = {
    SCHEMA, VERSION, prefixOf, cleanState, cardIsDue, scheduledDue, fold, bookKeys, chapterCards, itemOf, entryKey,
    readFile, itemsOf, fileName, isObject,
  };
})();
