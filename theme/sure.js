// @ts-check
// "How sure are you?": an optional certainty with each answer, off until the
// learner turns it on (one preference for the whole book, sg:prefs:sure),
// and certainty-based marking as Moodle scores it: right 1 / 2 / 3, wrong
// 0 / −2 / −6 for low / medium / high. A confident (high) wrong answer is
// a misconception: the review grades it Again and the progress page lists
// it to read again.
//
// SG.sure, for the quiz, the exam, the review and the progress page:
//   enabled() / setEnabled(on) / onToggle(fn)   the preference
//   toggle(uid)          the "Ask how sure I am" checkbox, kept in step
//   field(uid, c)        the low / medium / high radio group
//   read(field)          the level picked in a field (1–3), or null
//   mark(right, c)       one answer's mark; total(rows) a set's
//   markWords(right, c)  one answer's mark in words, after its verdict
// Pure but for the preference: the Node unit tests load it with a bare `window`.
(function () {
  'use strict';
  const SG = window.StudyGuide;
  const PREF = 'sg:prefs:sure';
  /** Moodle's certainty-based marks: [right, wrong] for levels 1, 2, 3. */
  const MARKS = [null, [1, 0], [2, -2], [3, -6]];
  const LEVELS = [
    { c: 1, name: 'Low', hint: 'a guess' },
    { c: 2, name: 'Medium', hint: 'fairly sure' },
    { c: 3, name: 'High', hint: 'certain' },
  ];
  /** @type {((on: boolean) => void)[]} */
  const listeners = [];

  /** Whether the learner asked to give their certainty. */
  function enabled() {
    const saved = SG.store ? SG.store.get(PREF) : null;
    return !!(saved && saved.on === true);
  }

  /** @param {boolean} on */
  function setEnabled(on) {
    if (SG.store) {
      if (on) SG.store.set(PREF, { on: true });
      else SG.store.remove(PREF);
    }
    listeners.forEach((fn) => fn(on));
  }

  /**
   * `fn(on)` runs when the preference changes, here or in another tab.
   * @param {(on: boolean) => void} fn
   */
  function onToggle(fn) {
    listeners.push(fn);
    if (SG.store) SG.store.onChange((keys) => { if (keys === null || keys.indexOf(PREF) >= 0) fn(enabled()); });
  }

  /**
   * The checkbox that turns the question on and off, kept in step with the
   * preference (here and in other tabs).
   * @param {string} uid an id prefix unique on the page
   */
  function toggle(uid) {
    const { h } = SG.dom;
    const box = /** @type {HTMLInputElement} */ (h('input', { type: 'checkbox', id: uid + '-sure', class: 'sg-sure-toggle-box',
      'data-sg-key': 'sure-toggle' }));
    box.checked = enabled();
    box.addEventListener('change', () => setEnabled(box.checked));
    onToggle((on) => { box.checked = on; });
    return h('p', { class: 'sg-sure-toggle' }, [box, ' ', h('label', { for: uid + '-sure', text: 'Ask how sure I am with each answer' })]);
  }

  /**
   * The certainty question: three radio buttons, `c` checked.
   * @param {string} uid an id prefix unique on the page
   * @param {number | null} [c]
   */
  function field(uid, c) {
    const { h } = SG.dom;
    return h('fieldset', { class: 'sg-sure', 'data-sg-sure': '' }, [
      h('legend', { text: 'How sure are you?' }),
      ...LEVELS.map((level) => {
        const id = uid + '-sure-' + level.c;
        const input = /** @type {HTMLInputElement} */ (h('input', { type: 'radio', name: uid + '-sure', id, value: String(level.c),
          'data-sg-key': 'sure-' + level.c }));
        input.checked = c === level.c;
        return h('span', { class: 'sg-sure-level' }, [input, ' ', h('label', { for: id, text: level.name + ' (' + level.hint + ')' })]);
      }),
    ]);
  }

  /**
   * The level picked in a certainty field, or null.
   * @param {Element | null} fieldset
   * @returns {number | null}
   */
  function read(fieldset) {
    const picked = fieldset ? /** @type {HTMLInputElement | null} */ (fieldset.querySelector('input:checked')) : null;
    const c = picked ? Number(picked.value) : 0;
    return c === 1 || c === 2 || c === 3 ? c : null;
  }

  /**
   * One answer's certainty-based mark.
   * @param {boolean} right @param {number} c 1, 2 or 3
   */
  function mark(right, c) {
    const marks = MARKS[c];
    return marks ? marks[right ? 0 : 1] : 0;
  }

  /**
   * A set of answers' certainty-based marks: those given with a certainty
   * only. `average` is per such answer (from −6 to 3), null without one.
   * @param {{right: boolean, c?: number | null}[]} rows
   */
  function total(rows) {
    const sure = rows.filter((r) => r.c === 1 || r.c === 2 || r.c === 3);
    const score = sure.reduce((sum, r) => sum + mark(r.right, /** @type {number} */ (r.c)), 0);
    return { score, n: sure.length, max: 3 * sure.length, average: sure.length ? score / sure.length : null };
  }

  /** "Certainty-based mark: 7 of 12 (0.58 an answer)", or '' without one. @param {{right: boolean, c?: number | null}[]} rows */
  function words(rows) {
    const t = total(rows);
    if (!t.n) return '';
    const avg = /** @type {number} */ (t.average);
    return 'Certainty-based mark: ' + t.score + ' of ' + t.max + ' (' + (Math.round(avg * 100) / 100) + ' an answer, ' +
      'from \u22126 to 3; right answers score 1, 2, 3 and wrong ones 0, \u22122, \u22126 by how sure you were).';
  }

  /**
   * One checked answer's mark, to follow its verdict: "Certainty-based mark:
   * −6 (high certainty)." ('' without a certainty).
   * @param {boolean} right @param {number | null | undefined} c
   */
  function markWords(right, c) {
    if (c !== 1 && c !== 2 && c !== 3) return '';
    const m = mark(right, c);
    return 'Certainty-based mark: ' + (m < 0 ? '\u2212' + (-m) : String(m)) + ' (' + LEVELS[c - 1].name.toLowerCase() +
      ' certainty).';
  }

  SG.sure = { PREF, MARKS, LEVELS, enabled, setEnabled, onToggle, toggle, field, read, mark, total, words, markWords };
})();
