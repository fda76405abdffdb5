// @ts-check
// The practice exam's model, without a page: the bank read and checked, a
// drawing of questions in the blueprint's proportions (at random, unseen
// first, weakest first, or of one task statement or domain), an attempt
// (its answers, certainties, flags and checks, each stamped with its time so
// two tabs merge per question, and the time spent on each question) checked
// and merged, and its grading. exam.js shows it.
// Pure: the Node unit tests load it with a bare `window`.
(function () {
  'use strict';
  const SG = window.StudyGuide;
  const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  const MODES = ['exam', 'practice'];
  // How an attempt's questions were chosen: at random, unseen first, weakest
  // first, of one task statement or domain (its `focus`), or a retake.
  const DRAWS = ['random', 'unseen', 'weak', 'focus', 'retake'];
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
      const extra = raw.exam.extraMinutes;
      bank.exam = { name: isString(raw.exam.name) ? raw.exam.name : null, passNote: isString(raw.exam.passNote) ? raw.exam.passNote : null,
        extraMinutes: typeof extra === 'number' && extra >= 1 ? Math.round(extra) : null };
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
   * The kind and key of a focus ("task:2.2" is ['task', '2.2']), or null
   * when the bank has no such task statement or domain.
   * @param {Bank} bank
   * @param {unknown} focus
   * @returns {[string, string] | null}
   */
  function focusOf(bank, focus) {
    if (!isString(focus)) return null;
    const at = focus.indexOf(':');
    const kind = focus.slice(0, at);
    const key = focus.slice(at + 1);
    if (kind === 'task' && bank.taskOf[key]) return [kind, key];
    if (kind === 'domain' && bank.domainOf[key]) return [kind, key];
    return null;
  }

  /**
   * The questions of these chapters (ids), in the bank's order; with a
   * focus, only those of its task statement or domain (none for a focus
   * the bank does not have).
   * @param {Bank} bank
   * @param {string[]} chapters
   * @param {string | null} [focus]
   */
  function pool(bank, chapters, focus) {
    const f = focusOf(bank, focus);
    if (focus && !f) return [];
    return bank.questions.filter((q) => chapters.indexOf(q.chapter) >= 0 && (!f || (f[0] === 'task' ? q.task : q.domain) === f[1]));
  }

  /**
   * How n of `questions` are shared among the blueprint's domains: each
   * domain's share of n by its weight (largest remainder), how many it
   * gives (`count`: no more than it holds, and what one cannot give goes to
   * the others) and how many it is short. Null unless every question is in
   * one of the blueprint's domains.
   * @param {Bank} bank
   * @param {BankQuestion[]} questions
   * @param {number} n
   * @returns {DomainShare[] | null}
   */
  function shares(bank, questions, n) {
    if (!bank.domains.length || !questions.length || !questions.every((q) => q.domain)) return null;
    const total = Math.min(n, questions.length);
    const sizes = bank.domains.map((d) => questions.filter((q) => q.domain === d.key).length);
    const want = apportion(total, bank.domains.map((d) => ({ weight: d.weight, size: Infinity })));
    const got = apportion(total, bank.domains.map((d, i) => ({ weight: d.weight, size: sizes[i] })));
    return bank.domains.map((domain, i) => ({ domain, size: sizes[i], share: want[i], count: got[i], short: Math.max(0, want[i] - got[i]) }));
  }

  /**
   * What the learner's log says of the bank's questions: those answered
   * anywhere at their current version (`seen`), and how likely each with a
   * memory is to be recalled at `now` (`recall`, from the readiness model's
   * FSRS memory; none without it).
   * @param {LogEntry[]} entries
   * @param {Bank} bank
   * @param {number} now
   * @returns {Known}
   */
  function known(entries, bank, now) {
    /** @type {{[id: string]: boolean}} */
    const seen = Object.create(null);
    for (const e of entries) if (e.k === 'q' && bank.byId[e.id] && bank.byId[e.id].hash === e.h) seen[e.id] = true;
    /** @type {{[id: string]: number}} */
    const recall = Object.create(null);
    const R = SG.readiness;
    if (R && R.fsrs()) {
      const memory = R.memory(entries, bank.questions);
      for (const id of Object.keys(memory)) recall[id] = R.recallAt(memory[id], now);
    }
    return { seen, recall };
  }

  /**
   * Questions in the order a draw takes them: at random; unseen first (then
   * the rest at random); weakest first (the lowest recall now, then those
   * without one, the unseen, at random).
   * @param {BankQuestion[]} items
   * @param {string} mode
   * @param {Known} k
   * @param {() => number} next
   */
  function ranked(items, mode, k, next) {
    const mixed = shuffled(items, next);
    if (mode === 'unseen') return mixed.filter((q) => !k.seen[q.id]).concat(mixed.filter((q) => k.seen[q.id]));
    if (mode === 'weak') {
      const rated = mixed.filter((q) => q.id in k.recall).sort((a, b) => k.recall[a.id] - k.recall[b.id]);
      return rated.concat(mixed.filter((q) => !(q.id in k.recall)));
    }
    return mixed;
  }

  /**
   * n questions (ids) of the chosen chapters, in the order the attempt
   * shows them. Of a focus (`draw` "focus"), at random from its questions;
   * else by domain, each its share of the blueprint's weights (`shares`),
   * when every question has a domain, or by chapter in proportion to their
   * sizes, and the mode (`draw`) decides which questions fill each share
   * and in what order the whole is shown (`ranked`).
   * @param {Bank} bank
   * @param {{chapters: string[], draw?: string, focus?: string | null}} options
   * @param {number} n
   * @param {() => number} next
   * @param {Known} [k] what the learner answered and recalls (`known`)
   * @returns {string[]}
   */
  function draw(bank, options, n, next, k) {
    const mode = options.draw || 'random';
    const what = k || { seen: {}, recall: {} };
    const questions = pool(bank, options.chapters, mode === 'focus' ? options.focus : null);
    const total = Math.min(n, questions.length);
    if (mode === 'focus') return shuffled(questions, next).slice(0, total).map((q) => q.id);
    const plan = shares(bank, questions, total);
    /** @type {{items: BankQuestion[], count: number}[]} */
    let groups;
    if (plan) {
      groups = plan.map((s) => ({ items: questions.filter((q) => q.domain === s.domain.key), count: s.count }));
    } else {
      const byChapter = bank.chapters.map((c) => questions.filter((q) => q.chapter === c.id)).filter((items) => items.length);
      const counts = apportion(total, byChapter.map((items) => ({ weight: items.length, size: items.length })));
      groups = byChapter.map((items, i) => ({ items, count: counts[i] }));
    }
    const picked = groups.flatMap((g) => ranked(g.items, mode, what, next).slice(0, g.count));
    return ranked(picked, mode, what, next).map((q) => q.id);
  }

  /**
   * A question's choices in a new order: shuffled, and when that is the
   * order it was shown in before (a retake), turned by 1 to size − 1
   * places, so a retake never shows the same order.
   * @param {number} size
   * @param {() => number} next
   * @param {number[] | undefined} before
   */
  function choiceOrder(size, next, before) {
    const perm = shuffled([...Array(size).keys()], next);
    if (!before || before.length !== size || !perm.every((c, k) => c === before[k])) return perm;
    const step = 1 + Math.floor(next() * (size - 1));
    return before.map((c, k) => before[(k + step) % size]);
  }

  /**
   * A new attempt of these questions (ids, in the order shown), each with
   * its choices shuffled (in an order other than `before`'s, a retake's
   * last attempt's, by id).
   * @param {Bank} bank
   * @param {AttemptOptions} options
   * @param {string[]} ids
   * @param {number} seed
   * @param {() => number} next
   * @param {number | null} minutes the time limit, null for none
   * @param {number} start ms
   * @param {{[id: string]: number[]}} [before]
   * @returns {Attempt}
   */
  function begin(bank, options, ids, seed, next, minutes, start, before) {
    const order = ids.slice();
    return {
      v: 1, seed, mode: options.mode, limit: options.mode === 'practice' ? 'none' : options.limit,
      minutes, start, deadline: minutes === null ? null : start + minutes * 60000,
      order,
      hashes: order.map((id) => bank.byId[id].hash),
      perm: order.map((id) => choiceOrder(bank.byId[id].choices.length, next, before && before[id])),
      answers: order.map(() => null),
      sure: order.map(() => null),
      flags: order.map(() => null),
      checked: order.map(() => 0),
      spent: order.map(() => 0),
      current: 0, chapters: options.chapters, retake: options.retake || null,
      draw: options.retake ? 'retake' : options.draw || 'random', focus: options.draw === 'focus' ? options.focus || null : null,
    };
  }

  /**
   * In words, how an attempt's questions were chosen.
   * @param {Bank} bank
   * @param {string | undefined} drawn its `draw`
   * @param {string | null | undefined} focus
   */
  function drawTitle(bank, drawn, focus) {
    if (drawn === 'unseen') return 'Unseen first';
    if (drawn === 'weak') return 'Weak spots first';
    if (drawn === 'retake') return 'A retake';
    if (drawn !== 'focus' || !isString(focus)) return 'Random';
    const at = focus.indexOf(':');
    const kind = focus.slice(0, at);
    const key = focus.slice(at + 1);
    if (kind === 'task') return 'Task statement ' + key + (bank.taskOf[key] ? ' ' + bank.taskOf[key].title : '');
    return 'Domain: ' + (bank.domainOf[key] ? bank.domainOf[key].title : key);
  }

  /**
   * Whether `a` is an attempt of this bank, stored by this script: a saved
   * attempt from an older version of the page, or one edited by hand, is
   * not. An attempt stored before certainties, times and draws were kept
   * is, and gets them (none, 0 and "random").
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
    // Added since the first attempts were stored: an attempt without them is filled in below.
    /** @param {string} k @param {(v: any) => boolean} check */
    const each = (k, check) => a[k] === undefined || (Array.isArray(a[k]) && a[k].length === n && a[k].every(check));
    if (!each('sure', (s) => s === null || (isObject(s) && (s.c === 1 || s.c === 2 || s.c === 3) && isTime(s.t)))) return false;
    if (!each('spent', (d) => isTime(d) && d <= 864e5)) return false;
    if (!(a.draw === undefined || DRAWS.indexOf(a.draw) >= 0)) return false;
    if (!(a.focus === undefined || a.focus === null || (isString(a.focus) && a.focus.length <= 200))) return false;
    if (a.sure === undefined) a.sure = a.order.map(() => null);
    if (a.spent === undefined) a.spent = a.order.map(() => 0);
    if (a.draw === undefined) a.draw = a.retake ? 'retake' : 'random';
    if (a.focus === undefined) a.focus = null;
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
   * `mine` with every answer, certainty, flag and check of `theirs` (the same attempt
   * as another tab stored it) that is newer: nothing either tab did is lost.
   * @param {Attempt} mine
   * @param {Attempt} theirs
   */
  function merge(mine, theirs) {
    mine.answers = mine.answers.map((a, i) => newer(a, theirs.answers[i]));
    mine.sure = mine.sure.map((s, i) => newer(s, theirs.sure[i]));
    mine.flags = mine.flags.map((f, i) => newer(f, theirs.flags[i]));
    // Time on screen only grows: the larger count has what either tab saw.
    mine.spent = mine.spent.map((d, i) => Math.max(d, theirs.spent[i]));
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
  /** How sure the learner said they were of question i (1–3), or null. @param {Attempt} a @param {number} i */
  const certainty = (a, i) => (a.sure[i] ? /** @type {{c: number}} */ (a.sure[i]).c : null);
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
      return { q, index: i, mine, done: mine.length > 0, right: isRight(q, mine), flagged: flagged(a, i), c: certainty(a, i),
        spent: a.spent[i] };
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
   * The minutes more that the real exam grants on request (the blueprint's
   * `extra-minutes`), in proportion to n questions' share of the full exam's
   * time (at least one minute); 0 for an exam that grants none.
   * @param {number} n
   * @param {{minutes: number, questions: number, extra?: number | null}} exam
   */
  function extraMinutes(n, exam) {
    if (!exam.extra) return 0;
    return Math.max(1, Math.round(standardMinutes(n, exam) * exam.extra / exam.minutes));
  }

  /**
   * The exam's pace for n questions, in minutes (at least one).
   * @param {number} n
   * @param {{minutes: number, questions: number}} exam
   */
  function standardMinutes(n, exam) {
    return Math.max(1, Math.round(exam.minutes * n / exam.questions));
  }

  /**
   * The minutes a limit gives for n questions, in proportion to the exam's
   * own ('plus30' is the real exam's extra time, whatever its minutes).
   * @param {string} limit
   * @param {number} n
   * @param {{minutes: number, questions: number, extra?: number | null}} exam
   */
  function limitMinutes(limit, n, exam) {
    const standard = standardMinutes(n, exam);
    if (limit === 'plus30') return standard + extraMinutes(n, exam);
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
    LETTERS, MODES, DRAWS, LIMITS, random, shuffled, newSeed, apportion, readBank, focusOf, pool, shares, known, draw,
    choiceOrder, begin, drawTitle, validAttempt, merge, same, picked, answered, certainty, flagged, isRight, grade, letters,
    limitMinutes, extraMinutes, history,
  };
})();
