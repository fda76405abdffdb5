// @ts-check
// The practice exam's attempts in storage, which the page's other tabs
// share: the attempt in progress (sg:exam:ID) and the last finished one
// (sg:exam:ID:last), read and checked (a damaged one is removed, with a
// note), and this tab's attempt held against what another tab stored.
// Methods of the exam component (exam.js), which saves and shows them.
(function () {
  'use strict';
  const SG = window.StudyGuide;
  const M = SG.examModel;

  /**
   * The stored attempts of the exam `x`.
   * @param {ExamView} x
   */
  function stored(x) {
    return {
      /** Reads the stored attempts; a damaged one is removed, with a note. */
      read() {
        x.generation = SG.store.generation();
        // Whether anything is stored, for SG.store drops what is not JSON silently.
        const hadAttempt = SG.store.has(x.key);
        const hadLast = SG.store.has(x.lastKey);
        let attempt = SG.store.get(x.key);
        let last = SG.store.get(x.lastKey);
        let discarded = (hadAttempt && !attempt) || (hadLast && !last);
        if (attempt && !M.validAttempt(attempt, x.bank, false)) {
          SG.store.remove(x.key);
          attempt = null;
          discarded = true;
        }
        if (last && !M.validAttempt(last, x.bank, true)) {
          SG.store.remove(x.lastKey);
          last = null;
          discarded = true;
        }
        if (discarded) {
          x.showNote('A saved exam on this page could not be read (it was damaged, or the questions have changed since), ' +
            'so it was discarded.');
        }
        return { attempt: /** @type {Attempt | null} */ (attempt), last: /** @type {Attempt | null} */ (last) };
      },

      /**
       * This tab's attempt against what storage holds now: 'same' (merged into
       * this tab's), 'finished' (submitted in another tab), 'theirs' (another
       * tab started a newer one), 'reset' (everything was reset since it was
       * read: it must not be saved back) or 'mine' (storage has nothing newer).
       * @param {Attempt | null} stored
       * @param {Attempt | null} last
       */
      reconcile(stored, last) {
        const a = /** @type {Attempt} */ (x.attempt);
        if (x.generation !== SG.store.generation()) return 'reset';
        if (stored && M.same(stored, a)) {
          M.merge(a, stored);
          return 'same';
        }
        if (!stored && M.same(last, a)) return 'finished';
        return stored && stored.start > a.start ? 'theirs' : 'mine';
      },

      /** The attempt in progress storage holds, when it is valid (a damaged one is left for read()). @returns {Attempt | null} */
      attempt() {
        const a = SG.store.get(x.key);
        return a && M.validAttempt(a, x.bank, false) ? a : null;
      },

      /** The last finished attempt storage holds, when it is valid. @returns {Attempt | null} */
      last() {
        const a = SG.store.get(x.lastKey);
        return a && M.validAttempt(a, x.bank, true) ? a : null;
      },
    };
  }

  SG.examStore = stored;
})();
