// @ts-check
// The practice exam's two clocks. The countdown of a timed attempt: shown
// each second, read out at 30, 10, 5 and 1 minutes left, and the attempt
// submitted at its deadline. And the time each question is on screen,
// summed over its visits (the attempt's `spent`): counted from Date.now
// while the question is shown in a tab in view, and added to it when the
// learner leaves the question, the tab goes out of view or the page is
// left (exam.js then saves the attempt, so a reload keeps it).
(function () {
  'use strict';
  const SG = window.StudyGuide;
  const { plural } = SG.dom;
  const MINUTE = 60000;
  // Remaining minutes at which the time left is read out, and only then.
  const ANNOUNCE_AT = [30, 10, 5, 1];
  // The most a question's time counts (a day), as the log keeps it.
  const MOST = 864e5;

  /**
   * The clocks of the exam `x`.
   * @param {ExamView} x
   */
  function clocks(x) {
    /** @type {ReturnType<typeof setInterval> | null} */
    let timer = null;
    let remaining = 0;
    /** The question on screen in this tab, and since when. @type {{i: number, from: number} | null} */
    let visit = null;

    const c = {
      startTimer() {
        c.stopTimer();
        const a = x.attempt;
        if (!a || a.deadline === null) return;
        remaining = a.deadline - Date.now();
        timer = setInterval(() => c.tick(), 1000);
      },

      stopTimer() {
        if (timer) clearInterval(timer);
        timer = null;
      },

      /** Each second: the clock, a read-out when a mark is passed, the end. */
      tick() {
        const a = x.attempt;
        if (!a || a.deadline === null) return c.stopTimer();
        const left = a.deadline - Date.now();
        // A tab in the background leaves the submitting to the one in view, if any.
        if (left <= 0 && !(document.hidden && left > -3000)) return x.finish(true, true);
        if (left <= 0) return;
        const before = remaining;
        remaining = left;
        const passed = ANNOUNCE_AT.filter((m) => before > m * MINUTE && left <= m * MINUTE);
        if (passed.length) SG.announce(x.timeRegion, plural(passed[passed.length - 1], 'minute') + ' left.');
        x.root.querySelectorAll('[data-sg-clock]').forEach((node) => { node.textContent = x.screens.clock(left); });
      },

      /** Starts counting the question on screen, if one is and the tab is in view. */
      clockIn() {
        const a = x.attempt;
        visit = a && x.screen === 'question' && !document.hidden ? { i: a.current, from: Date.now() } : null;
      },

      /** Adds the time since clockIn to its question; whether there was a visit to add. */
      clockOut() {
        const a = x.attempt;
        const v = visit;
        visit = null;
        if (!a || !v || v.i >= a.spent.length) return false;
        a.spent[v.i] = Math.min(MOST, a.spent[v.i] + Math.max(0, Date.now() - v.from));
        return true;
      },
    };
    return c;
  }

  SG.examTime = clocks;
})();
