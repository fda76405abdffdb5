// @ts-check
// "Am I ready?": how much of the exam's blueprint the learner would likely
// recall, from the one log, without a page (readiness.js shows it).
//
// Memory: every question the learner answered (in a quiz, the exam or the
// review) has an FSRS memory state, replayed from the log through ts-fsrs's
// own algorithm (window.FSRS: `next_state` and `forgetting_curve`, with
// whole days between answers, as its scheduler counts them; the same
// figures its scheduler gives, without building a card per answer). An
// answer rates the memory: wrong or revealed is Again, right with low
// certainty Hard, right otherwise Good; a review grade is what the learner
// gave (the review's own answer is not rated twice). Only answers to the
// question's current version count.
//
// Readiness: per domain and per task statement of the blueprint, the mean
// retrievability of its answered questions ("recall", unknown when none is
// answered) and the share not yet seen, kept apart: unseen is neither known
// nor forgotten. One figure joins them: the blueprint-weighted share of
// the exam's questions the learner would likely recall (an unseen question
// adds nothing to it and is counted in `unseen`), today and on the exam day.
//
// Pure: the Node unit tests load it with a bare `window` and ts-fsrs.
(function () {
  'use strict';
  const SG = window.StudyGuide;
  const DAY = 864e5;
  /** @type {any} */
  let algorithm = null;

  /**
   * @typedef {{id: string, hash: string, domain?: string | null, task?: string | null}} Question
   * @typedef {{key: string, title: string, read?: {title: string, href: string} | null, practice?: string | null}} Task
   * @typedef {{key: string, title: string, weight: number, tasks?: Task[], practice?: string | null}} Domain
   * @typedef {{pass?: number, domains: Domain[]}} Blueprint
   * @typedef {{stability: number, difficulty: number}} MemoryState
   * @typedef {{state: MemoryState, last: number, answers: number}} Memory
   * @typedef {{n: number, seen: number, sum: number, sumAt: number | null}} Tally
   * @typedef {{key: string, title: string, n: number, seen: number, unseen: number, recall: number | null,
   *   known: number, knownAt: number | null}} Figures
   */

  /** ts-fsrs's algorithm with its default parameters, or null without ts-fsrs. */
  function fsrs() {
    if (!window.FSRS) return null;
    if (!algorithm) algorithm = window.FSRS.fsrs(window.FSRS.generatorParameters());
    return algorithm;
  }

  /**
   * Whole days from `a` to `b`, as ts-fsrs's scheduler counts them (its
   * dateDiffInDays: the difference of the two UTC calendar dates), without
   * the two Date objects a call costs: this runs once an answer.
   * @param {number} a @param {number} b
   */
  function days(a, b) {
    return Math.max(0, Math.floor(b / DAY) - Math.floor(a / DAY));
  }

  /**
   * The FSRS rating (1 Again … 4 Easy) an entry gives a question, or null
   * when it gives none.
   * @param {LogEntry} e
   */
  function ratingOf(e) {
    if (e.k === 'g') return /^q:./.test(e.card) ? e.g : null;
    if (e.k !== 'q' || e.w === 'review') return null;
    if (!e.ok || e.rv) return 1;
    return e.c === 1 ? 2 : 3;
  }

  /**
   * Each answered question's memory, from the log.
   * @param {LogEntry[]} entries oldest first
   * @param {Question[]} questions the book's questions (their current hashes)
   * @returns {{[id: string]: Memory}}
   */
  function memory(entries, questions) {
    const f = fsrs();
    /** @type {{[id: string]: Memory}} */
    const found = Object.create(null);
    if (!f) return found;
    /** @type {Map<string, string>} */
    const hashOf = new Map();
    for (const q of questions) hashOf.set(q.id, q.hash);
    // Each question's rated answers as parallel arrays: time, grade, place in the log.
    /** @type {Map<string, number[]>} */
    const events = new Map();
    for (let i = 0; i < entries.length; i++) {
      const e = entries[i];
      const g = ratingOf(e);
      if (g === null || typeof e.t !== 'number') continue;
      const id = e.k === 'g' ? String(e.card).slice(2) : e.id;
      const hash = hashOf.get(id);
      if (hash === undefined || e.h !== hash) continue;
      let list = events.get(id);
      if (!list) events.set(id, list = []);
      list.push(e.t, g, i);
    }
    for (const [id, flat] of events) {
      const n = flat.length / 3;
      const order = Array.from({ length: n }, (_, k) => k);
      // The log is oldest first; a clock set back is what makes sorting needed.
      order.sort((a, b) => flat[3 * a] - flat[3 * b] || flat[3 * a + 2] - flat[3 * b + 2]);
      /** @type {MemoryState | null} */
      let state = null;
      let last = 0;
      for (const k of order) {
        const t = flat[3 * k];
        state = f.next_state(state, state ? days(last, t) : 0, /** @type {any} */ (flat[3 * k + 1]));
        last = t;
      }
      found[id] = { state: /** @type {MemoryState} */ (state), last, answers: n };
    }
    return found;
  }

  /**
   * The probability of recalling a memory at `at`.
   * @param {Memory} m @param {number} at
   */
  function recallAt(m, at) {
    return fsrs().forgetting_curve(days(m.last, at), m.state.stability);
  }

  /** @returns {Tally} */
  const tally = () => ({ n: 0, seen: 0, sum: 0, sumAt: null });

  /**
   * A group's figures: `recall` the mean over its answered questions (null
   * when none is), `known` and `knownAt` the share of all its questions
   * likely recalled (today, on the exam day), `unseen` the share not yet answered.
   * @param {string} key @param {string} title @param {Tally} t
   * @returns {Figures}
   */
  function figures(key, title, t) {
    return {
      key, title, n: t.n, seen: t.seen,
      unseen: t.n ? (t.n - t.seen) / t.n : 1,
      recall: t.seen ? t.sum / t.seen : null,
      known: t.n ? t.sum / t.n : 0,
      knownAt: t.sumAt === null ? null : t.n ? t.sumAt / t.n : 0,
    };
  }

  /**
   * The learner's readiness for the blueprint's exam.
   * @param {Blueprint} blueprint
   * @param {Question[]} questions
   * @param {LogEntry[]} entries
   * @param {number} now
   * @param {number | null} [examAt] the exam day's start: the forecast's time, when after `now`
   */
  function readiness(blueprint, questions, entries, now, examAt) {
    const forecast = typeof examAt === 'number' && examAt > now ? examAt : null;
    const mem = memory(entries, questions);
    /** @type {{[key: string]: Tally}} */
    const byDomain = Object.create(null);
    /** @type {{[key: string]: Tally}} */
    const byTask = Object.create(null);
    /** @type {{[id: string]: number}} */
    const recallOf = Object.create(null);
    for (const d of blueprint.domains) {
      byDomain[d.key] = tally();
      for (const t of d.tasks || []) byTask[t.key] = tally();
    }
    for (const q of questions) {
      const d = q.domain ? byDomain[q.domain] : undefined;
      if (!d) continue;
      const t = q.task ? byTask[q.task] : undefined;
      const m = mem[q.id];
      const r = m ? recallAt(m, now) : 0;
      const rAt = m && forecast !== null ? recallAt(m, forecast) : 0;
      if (m) recallOf[q.id] = r;
      for (const group of t ? [d, t] : [d]) {
        group.n++;
        if (m) { group.seen++; group.sum += r; }
        if (forecast !== null) group.sumAt = (group.sumAt || 0) + rAt;
      }
    }
    const weight = blueprint.domains.reduce((sum, d) => sum + Math.max(0, d.weight), 0) || 1;
    let today = 0;
    let atExam = 0;
    let unseen = 0;
    const domains = blueprint.domains.map((d) => {
      const fig = figures(d.key, d.title, byDomain[d.key]);
      const w = Math.max(0, d.weight) / weight;
      today += w * fig.known;
      atExam += w * (fig.knownAt || 0);
      unseen += w * fig.unseen;
      const tasks = (d.tasks || []).map((t) => Object.assign(figures(t.key, t.title, byTask[t.key]),
        { domain: d.key, read: t.read || null, practice: t.practice || null }));
      return Object.assign(fig, { weight: d.weight, practice: d.practice || null, tasks });
    });
    return {
      domains,
      /** The weighted share of the exam likely recalled today and on the exam day; the weighted share unseen. */
      overall: { today, atExam: forecast === null ? null : atExam, unseen, examAt: forecast },
      pass: typeof blueprint.pass === 'number' ? blueprint.pass / 100 : null,
      answered: Object.keys(recallOf).length,
      recallOf,
    };
  }

  /**
   * The task statements that would most raise the estimate, best first: a
   * task's gain is its domain's weight times the recall its questions lack
   * (an unseen question lacks all of it), over the domain's questions.
   * @param {ReturnType<typeof readiness>} r
   * @param {number} [count]
   */
  function studyNext(r, count) {
    const total = r.domains.reduce((sum, d) => sum + Math.max(0, d.weight), 0) || 1;
    const gains = [];
    for (const d of r.domains) {
      if (!d.n) continue;
      for (const t of d.tasks) {
        if (!t.n) continue;
        const gain = (Math.max(0, d.weight) / total) * (t.n - t.known * t.n) / d.n;
        if (gain > 1e-9) gains.push({ task: t, domain: d, gain });
      }
    }
    return gains.sort((a, b) => b.gain - a.gain).slice(0, count || 3);
  }

  /**
   * How often the learner was right at each certainty they gave: for
   * levels 1–3, the answers and how many were right (review answers count
   * too; a revealed answer has no certainty).
   * @param {LogEntry[]} entries
   */
  function calibration(entries) {
    const rows = [1, 2, 3].map((c) => ({ c, n: 0, right: 0 }));
    for (const e of entries) {
      if (e.k !== 'q' || e.rv || !(e.c === 1 || e.c === 2 || e.c === 3)) continue;
      rows[e.c - 1].n++;
      if (e.ok) rows[e.c - 1].right++;
    }
    return rows;
  }

  /**
   * Misconceptions: questions (current version) whose last answer was wrong
   * though the learner was sure (high certainty), newest first.
   * @param {LogEntry[]} entries
   * @param {Question[]} questions
   * @returns {{id: string, t: number}[]}
   */
  function misconceptions(entries, questions) {
    /** @type {{[id: string]: string}} */
    const hashOf = Object.create(null);
    for (const q of questions) hashOf[q.id] = q.hash;
    /** @type {{[id: string]: LogEntry}} */
    const lastOf = Object.create(null);
    for (const e of entries) {
      if (e.k !== 'q' || hashOf[e.id] !== e.h) continue;
      const before = lastOf[e.id];
      if (!before || e.t >= before.t) lastOf[e.id] = e;
    }
    return Object.keys(lastOf).map((id) => lastOf[id]).filter((e) => !e.ok && !e.rv && e.c === 3)
      .sort((a, b) => b.t - a.t).map((e) => ({ id: e.id, t: e.t }));
  }

  SG.readiness = { DAY, fsrs, ratingOf, memory, recallAt, readiness, studyNext, calibration, misconceptions };
})();
