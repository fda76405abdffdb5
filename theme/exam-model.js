// @ts-check
// The practice exam's model, without a page: the bank read and checked, a
// drawing of questions in the blueprint's proportions, an attempt (its
// answers, flags and checks, each stamped with its time so two tabs merge
// per question) checked and merged, and its grading. exam.js shows it.
// Pure: the Node unit tests load it with a bare `window`.
(function () {
  'use strict';
  const SG = window.StudyGuide;
  const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  const MODES = ['exam', 'practice'];
  // The time limits a learner can choose before starting (WCAG 2.2.1).
  const LIMITS = ['standard', 'plus30', 'double', 'none'];
  const CHOOSE = ['', 'ONE', 'TWO', 'THREE', 'FOUR', 'FIVE', 'SIX'];

  /** @param {unknown} n @returns {n is number} */
  const isInt = (n) => typeof n === 'number' && n === Math.floor(n) && isFinite(n);
  /** @param {unknown} n @returns {n is number} */
  const isTime = (n) => typeof n === 'number' && isFinite(n) && n >= 0;
  /** @param {unknown} v @returns {v is {[key: string]: any}} */
  const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
  /** @param {unknown} s @returns {s is string} */
  const isString = (s) => typeof s === 'string';

  /**
   * A seeded generator (mulberry32): the same seed gives the same attempt.
   * @param {number} seed
   * @returns {() => number} numbers in [0, 1)
   */
  function random(seed) {
    let a = seed >>> 0;
    return function () {
      a = (a + 0x6D2B79F5) >>> 0;
      let t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  /**
   * A shuffled copy of `list`.
   * @template T
   * @param {T[]} list
   * @param {() => number} next
   * @returns {T[]}
   */
  function shuffled(list, next) {
    const copy = list.slice();
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [copy[i], copy[j]] = [copy[j], copy[i]];
    }
    return copy;
  }

  /** A fresh seed, from the browser's random numbers where it has them. */
  function newSeed() {
    try {
      return globalThis.crypto.getRandomValues(new Uint32Array(1))[0];
    } catch (e) {
      return Math.floor(Math.random() * 4294967296) >>> 0;
    }
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
    const weights = groups.reduce((sum, g) => sum + g.weight, 0) || 1;
    const quota = groups.map((g) => total * g.weight / weights);
    const counts = groups.map((g, i) => Math.min(g.size, Math.floor(quota[i])));
    let left = total - counts.reduce((a, b) => a + b, 0);
    while (left > 0) {
      let best = -1;
      for (let i = 0; i < groups.length; i++) {
        if (counts[i] >= groups[i].size) continue;
        if (best < 0 || quota[i] - counts[i] > quota[best] - counts[best]) best = i;
      }
      if (best < 0) break;
      counts[best]++;
      left--;
    }
    return counts;
  }

  /**
   * The bank as the build wrote it, checked: a question that is not the
   * shape the build writes is left out rather than breaking the exam.
   * @param {unknown} raw
   * @returns {Bank | null}
   */
  function readBank(raw) {
    if (!isObject(raw) || !Array.isArray(raw.chapters) || !Array.isArray(raw.questions)) return null;
    /** @type {Bank} */
    const bank = { chapters: [], domains: [], tasks: [], questions: [], byId: Object.create(null),
      chapterOf: Object.create(null), domainOf: Object.create(null), taskOf: Object.create(null), exam: null };
    for (const c of raw.chapters) {
      if (!isObject(c) || !isString(c.id) || bank.chapterOf[c.id]) continue;
      bank.chapterOf[c.id] = { id: c.id, title: isString(c.title) ? c.title : c.id, quiz: c.quiz };
      bank.chapters.push(bank.chapterOf[c.id]);
    }
    for (const d of Array.isArray(raw.domains) ? raw.domains : []) {
      if (!isObject(d) || !isString(d.key) || bank.domainOf[d.key] || typeof d.weight !== 'number' || !(d.weight >= 0)) continue;
      bank.domainOf[d.key] = { key: d.key, title: isString(d.title) ? d.title : d.key, weight: d.weight };
      bank.domains.push(bank.domainOf[d.key]);
    }
    for (const t of Array.isArray(raw.tasks) ? raw.tasks : []) {
      if (!isObject(t) || !isString(t.key) || bank.taskOf[t.key] || !isString(t.domain) || !bank.domainOf[t.domain]) continue;
      bank.taskOf[t.key] = { key: t.key, title: isString(t.title) ? t.title : t.key, domain: t.domain };
      bank.tasks.push(bank.taskOf[t.key]);
    }
    if (isObject(raw.exam)) {
      bank.exam = { name: isString(raw.exam.name) ? raw.exam.name : null, passNote: isString(raw.exam.passNote) ? raw.exam.passNote : null };
    }
    for (const q of raw.questions) {
      if (!isObject(q) || !isString(q.id) || bank.byId[q.id] || !isString(q.hash) || !bank.chapterOf[q.chapter]) continue;
      if (!Array.isArray(q.choices) || q.choices.length < 2 || q.choices.length > LETTERS.length) continue;
      const n = q.choices.length;
      if (!q.choices.every((/** @type {unknown} */ c) => isObject(c) && isString(c.html) && (c.why == null || isString(c.why)))) continue;
      if (!Array.isArray(q.answer) || !q.answer.length ||
          !q.answer.every((/** @type {unknown} */ i, /** @type {number} */ k) => isInt(i) && i >= 0 && i < n && q.answer.indexOf(i) === k)) continue;
      /** @type {BankQuestion} */
      const question = {
        id: q.id, hash: q.hash, chapter: q.chapter, domain: isString(q.domain) && bank.domainOf[q.domain] ? q.domain : null,
        task: isString(q.task) && bank.taskOf[q.task] && bank.taskOf[q.task].domain === q.domain ? q.task : null,
        prompt: isString(q.prompt) ? q.prompt : '', multi: q.answer.length > 1 || isString(q.choose),
        choose: isString(q.choose) ? q.choose : (q.answer.length > 1 ? CHOOSE[q.answer.length] || String(q.answer.length) : null),
        choices: q.choices, answer: q.answer, explanation: isString(q.explanation) ? q.explanation : '',
        see: isObject(q.see) && isString(q.see.title) && SG.dom.safeHref(q.see.href) ? { title: q.see.title, href: q.see.href } : null,
        quiz: SG.dom.safeHref(q.quiz),
      };
      bank.byId[q.id] = question;
      bank.questions.push(question);
    }
    return bank;
  }

  /**
   * The questions of these chapters (ids), in the bank's order.
   * @param {Bank} bank
   * @param {string[]} chapters
   */
  function pool(bank, chapters) {
    return bank.questions.filter((q) => chapters.indexOf(q.chapter) >= 0);
  }

  /**
   * Questions by a key of theirs, in the order of `keys`; empty groups left out.
   * @param {BankQuestion[]} questions
   * @param {(q: BankQuestion) => string | null} key
   * @param {(string | null)[]} keys
   */
  function groupBy(questions, key, keys) {
    return keys.map((k) => questions.filter((q) => key(q) === k)).filter((group) => group.length);
  }

  /**
   * n questions of `chapters` (ids), drawn in proportion to the exam's domain
   * weights when every question has a domain, else to the chapters' sizes.
   * @param {Bank} bank
   * @param {string[]} chapters
   * @param {number} n
   * @param {() => number} next
   * @returns {string[]}
   */
  function draw(bank, chapters, n, next) {
    const questions = pool(bank, chapters);
    const byDomain = bank.domains.length && questions.every((q) => q.domain);
    const groups = byDomain
      ? groupBy(questions, (q) => q.domain, bank.domains.map((d) => d.key))
        .map((items) => ({ weight: bank.domainOf[/** @type {string} */ (items[0].domain)].weight, items }))
      : groupBy(questions, (q) => q.chapter, bank.chapters.map((c) => c.id)).map((items) => ({ weight: items.length, items }));
    const counts = apportion(Math.min(n, questions.length), groups.map((g) => ({ weight: g.weight, size: g.items.length })));
    return groups.flatMap((g, i) => shuffled(g.items, next).slice(0, counts[i])).map((q) => q.id);
  }

  /**
   * A new attempt of these questions (ids), shuffled, choices too.
   * @param {Bank} bank
   * @param {{mode: string, limit: string, chapters: string[], retake?: string | null}} options
   * @param {string[]} ids
   * @param {number} seed
   * @param {() => number} next
   * @param {number | null} minutes the time limit, null for none
   * @param {number} start ms
   * @returns {Attempt}
   */
  function begin(bank, options, ids, seed, next, minutes, start) {
    const order = shuffled(ids, next);
    return {
      v: 1, seed, mode: options.mode, limit: options.mode === 'practice' ? 'none' : options.limit,
      minutes, start, deadline: minutes === null ? null : start + minutes * 60000,
      order,
      hashes: order.map((id) => bank.byId[id].hash),
      perm: order.map((id) => shuffled(bank.byId[id].choices.map((c, i) => i), next)),
      answers: order.map(() => null),
      flags: order.map(() => null),
      checked: order.map(() => 0),
      current: 0, chapters: options.chapters, retake: options.retake || null,
    };
  }

  /**
   * Whether `a` is an attempt of this bank, stored by this script: a saved
   * attempt from an older version of the page, or one edited by hand, is not.
   * @param {any} a
   * @param {Bank} bank
   * @param {boolean} finished whether it should be a finished one
   * @returns {a is Attempt}
   */
  function validAttempt(a, bank, finished) {
    if (!isObject(a) || a.v !== 1 || !isInt(a.seed) || MODES.indexOf(a.mode) < 0 || LIMITS.indexOf(a.limit) < 0) return false;
    if (!isTime(a.start) || !(a.deadline === null || isTime(a.deadline))) return false;
    if (!(a.minutes === null || (isInt(a.minutes) && a.minutes > 0))) return false;
    if (!Array.isArray(a.order) || !a.order.length) return false;
    const n = a.order.length;
    const seen = new Set();
    const known = a.order.every((/** @type {unknown} */ id) => {
      if (!isString(id) || !bank.byId[id] || seen.has(id)) return false;
      seen.add(id);
      return true;
    });
    if (!known) return false;
    if (!['hashes', 'perm', 'answers', 'flags', 'checked'].every((k) => Array.isArray(a[k]) && a[k].length === n)) return false;
    /** @param {unknown} p @param {number} size */
    const isPicks = (p, size) => Array.isArray(p) && p.every((c, k) => isInt(c) && c >= 0 && c < size && p.indexOf(c) === k);
    const ok = a.order.every((/** @type {string} */ id, /** @type {number} */ i) => {
      const size = bank.byId[id].choices.length;
      const perm = a.perm[i];
      const answer = a.answers[i];
      const flag = a.flags[i];
      return a.hashes[i] === bank.byId[id].hash && isPicks(perm, size) && perm.length === size &&
        (answer === null || (isObject(answer) && isTime(answer.t) && isPicks(answer.p, size))) &&
        (flag === null || (isObject(flag) && typeof flag.f === 'boolean' && isTime(flag.t))) &&
        (a.checked[i] === 0 || isTime(a.checked[i]));
    });
    if (!ok || !isInt(a.current) || a.current < 0 || a.current >= n) return false;
    if (!Array.isArray(a.chapters) || !a.chapters.every(isString)) return false;
    if (!(a.retake === null || a.retake === 'incorrect' || a.retake === 'flagged')) return false;
    if (finished) return isTime(a.end) && a.end >= a.start && typeof a.timedOut === 'boolean' && typeof a.closed === 'boolean';
    return a.end === undefined;
  }

  /**
   * The newer of two stamped values (an answer or a flag); `a` on a tie.
   * @template {{t: number}} T
   * @param {T | null} a
   * @param {T | null} b
   */
  function newer(a, b) {
    if (!b) return a;
    if (!a) return b;
    return b.t > a.t ? b : a;
  }

  /**
   * `mine` with every answer, flag and check of `theirs` (the same attempt
   * as another tab stored it) that is newer: nothing either tab did is lost.
   * @param {Attempt} mine
   * @param {Attempt} theirs
   */
  function merge(mine, theirs) {
    mine.answers = mine.answers.map((a, i) => newer(a, theirs.answers[i]));
    mine.flags = mine.flags.map((f, i) => newer(f, theirs.flags[i]));
    mine.checked = mine.checked.map((c, i) => {
      const other = theirs.checked[i];
      return c && other ? Math.min(c, other) : c || other;
    });
    return mine;
  }

  /** Whether two attempts are the same one. @param {Attempt | null} x @param {Attempt | null} y */
  const same = (x, y) => !!(x && y && x.seed === y.seed && x.start === y.start);
  /** @param {Attempt} a @param {number} i @returns {number[]} */
  const picked = (a, i) => (a.answers[i] ? /** @type {{p: number[]}} */ (a.answers[i]).p : []);
  /** @param {Attempt} a @param {number} i */
  const answered = (a, i) => picked(a, i).length > 0;
  /** @param {Attempt} a @param {number} i */
  const flagged = (a, i) => !!(a.flags[i] && /** @type {{f: boolean}} */ (a.flags[i]).f);
  /** @param {number[]} a @param {number[]} b */
  const sameSet = (a, b) => a.length === b.length && a.every((i) => b.indexOf(i) >= 0);
  /** @param {BankQuestion} q @param {number[]} mine */
  const isRight = (q, mine) => sameSet(mine, q.answer);

  /**
   * Each question's outcome, and the score.
   * @param {Bank} bank
   * @param {Attempt} a
   * @param {number} pass the pass mark, in percent
   */
  function grade(bank, a, pass) {
    const rows = a.order.map((id, i) => {
      const q = bank.byId[id];
      const mine = picked(a, i);
      return { q, index: i, mine, done: mine.length > 0, right: isRight(q, mine), flagged: flagged(a, i) };
    });
    const right = rows.filter((r) => r.right).length;
    const n = rows.length;
    return { rows, n, right, pct: n ? Math.round(right * 100 / n) : 0, passed: right * 100 >= pass * n };
  }

  /**
   * The letters of choices (bank indices) as an attempt showed them.
   * @param {Attempt} a
   * @param {number} index the question's place in the attempt
   * @param {number[]} choices
   */
  function letters(a, index, choices) {
    const perm = a.perm[index];
    return choices.map((c) => perm.indexOf(c)).sort((x, y) => x - y).map((k) => LETTERS[k]);
  }

  /**
   * The minutes a limit gives for n questions, in proportion to the exam's own.
   * @param {string} limit
   * @param {number} n
   * @param {{minutes: number, questions: number}} exam
   */
  function limitMinutes(limit, n, exam) {
    const standard = Math.max(1, Math.round(exam.minutes * n / exam.questions));
    if (limit === 'plus30') return standard + 30;
    if (limit === 'double') return standard * 2;
    if (limit === 'none') return null;
    return standard;
  }

  /**
   * Every finished attempt of exam `page` in the log, newest first.
   * @param {LogEntry[]} entries
   * @param {string} page
   */
  function history(entries, page) {
    return entries.filter((e) => e.k === 'exam' && e.page === page && SG.log.valid(e) && e.n > 0 && e.t >= e.start)
      .sort((x, y) => y.t - x.t);
  }

  SG.examModel = {
    LETTERS, MODES, LIMITS, random, shuffled, newSeed, apportion, readBank, pool, draw, begin, validAttempt, merge,
    same, picked, answered, flagged, isRight, grade, letters, limitMinutes, history,
  };
})();
