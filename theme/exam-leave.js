// @ts-check
// Leaving the page during a timed exam asks first. A link followed in the
// page (the sidebar, the chapter arrows, a search result, a link in the
// text) or mdBook's arrow keys open a dialog: stay on the exam, or leave.
// Either way the attempt is kept, and its clock runs on. A reload, an
// address typed or the browser's Back button are not asked about: the
// browser's own prompt for those (beforeunload) would also stop reloads,
// and a tab following "Reset everything" from another tab.
(function () {
  'use strict';
  const SG = window.StudyGuide;
  const { h } = SG.dom;

  /** @param {EventTarget | null} target */
  function typingIn(target) {
    return target instanceof Element && (/^(?:input|select|textarea)$/i.test(target.nodeName) ||
      /** @type {HTMLElement} */ (target).isContentEditable);
  }

  /** Where `link` leads when that is another page, else null. @param {HTMLAnchorElement} link */
  function elsewhere(link) {
    if ((link.target && link.target !== '_self') || link.hasAttribute('download')) return null;
    let url;
    try { url = new URL(link.href, location.href); } catch (e) { return null; }
    if (url.protocol === 'javascript:') return null;
    const here = new URL(location.href);
    return url.origin === here.origin && url.pathname === here.pathname && url.search === here.search ? null : url.href;
  }

  /**
   * The question asked before the exam `x` is left.
   * @param {ExamView} x
   */
  function leaving(x) {
    const title = x.prefix + 'leave-title';
    const text = h('p', { class: 'sg-exam-leave-text', id: x.prefix + 'leave-text' });
    const stay = h('button', { type: 'button', class: 'sg-button sg-exam-primary', autofocus: true, text: 'Stay on the exam' });
    const leave = h('button', { type: 'button', class: 'sg-button', text: 'Leave the exam' });
    const dialog = /** @type {HTMLDialogElement} */ (h('dialog', {
      class: 'sg-exam-leave', 'aria-labelledby': title, 'aria-describedby': x.prefix + 'leave-text',
    }, [
      h('p', { class: 'sg-exam-leave-title', id: title, text: 'Leave the exam?' }),
      text,
      h('div', { class: 'sg-exam-leave-actions' }, [stay, leave]),
    ]));
    /** Where the learner asked to go. */
    let destination = '';

    /** A timed attempt is under way in this tab. */
    const timed = () => {
      const a = x.attempt;
      return !!a && a.deadline !== null && a.deadline > Date.now() && (x.screen === 'question' || x.screen === 'review');
    };

    /** @param {string} href */
    const ask = (href) => {
      destination = href;
      const a = /** @type {Attempt} */ (x.attempt);
      text.textContent = '';
      text.append('Your answers are kept, and the clock keeps running while you are away: ',
        h('span', { 'data-sg-clock': true, text: x.screens.clock(/** @type {number} */ (a.deadline) - Date.now()) }),
        ' left. Come back to this page to go on.');
      if (!dialog.isConnected) x.root.appendChild(dialog);
      if (!dialog.open) dialog.showModal();
    };

    stay.addEventListener('click', () => dialog.close());
    // mdBook's search takes Escape on the whole page (and cancels the dialog's own).
    dialog.addEventListener('keydown', (event) => {
      if (event.key !== 'Escape') return;
      event.preventDefault();
      event.stopPropagation();
      dialog.close();
    });
    leave.addEventListener('click', () => {
      dialog.close();
      location.href = destination;
    });

    // Capture: before mdBook's own handlers see the click or the key.
    document.addEventListener('click', (event) => {
      if (!timed() || event.defaultPrevented || event.button !== 0 ||
        event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
      const link = event.target instanceof Element ? event.target.closest('a[href]') : null;
      const href = link && !dialog.contains(link) ? elsewhere(/** @type {HTMLAnchorElement} */ (link)) : null;
      if (!href) return;
      event.preventDefault();
      ask(href);
    }, true);
    window.addEventListener('keydown', (event) => {
      if (!timed() || (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') ||
        event.altKey || event.ctrlKey || event.metaKey || event.shiftKey || typingIn(event.target) || dialog.open) return;
      const search = /** @type {any} */ (window).search;
      if (search && typeof search.hasFocus === 'function' && search.hasFocus()) return;
      const forward = (event.key === 'ArrowRight') !== (document.documentElement.dir === 'rtl');
      const link = /** @type {HTMLAnchorElement | null} */ (document.querySelector(forward ? '.nav-chapters.next' : '.nav-chapters.previous'));
      if (!link || !link.href) return;
      event.preventDefault();
      event.stopPropagation();
      ask(link.href);
    }, true);

    return {
      /** Closes the question once the attempt is no longer timed and under way (submitted, timed out, reset). */
      update() {
        if (dialog.open && !timed()) dialog.close();
      },
    };
  }

  SG.examLeave = leaving;
})();
