// @ts-check
// What every widget builds its page parts with: one element builder, one
// link rule, and words for numbers, dates and times in the page's language.
// Loaded on every page with a block of ours, before the widgets.
(function () {
  'use strict';
  const SG = window.StudyGuide;

  /**
   * @typedef {string | Node | null | undefined | false} Kid
   * @typedef {{[name: string]: string | number | boolean | null | undefined}} Props
   */

  /**
   * A new element. `props.text` is set as its text and `props.class` as its
   * class; `props.html` as markup, which only the bank's sanitised HTML may
   * be; any other key is an attribute (left out when null or false, empty
   * when true). `kids` are nodes or text.
   * @param {string} tag
   * @param {Props} [props]
   * @param {Kid | Kid[]} [kids]
   * @returns {HTMLElement}
   */
  function h(tag, props, kids) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(props || {})) {
      if (value == null || value === false) continue;
      if (key === 'text') node.textContent = String(value);
      else if (key === 'html') node.innerHTML = String(value);
      else if (key === 'class') node.className = String(value);
      else node.setAttribute(key, value === true ? '' : String(value));
    }
    for (const kid of [].concat(/** @type {any} */ (kids == null ? [] : kids))) {
      if (kid == null || kid === false) continue;
      node.appendChild(typeof kid === 'string' ? document.createTextNode(kid) : kid);
    }
    return node;
  }

  /**
   * The one rule for links the pages make from data: a path within the book
   * (no scheme), or an http(s) address. Anything else (javascript:, data:,
   * …) is no link.
   * @param {unknown} href
   * @returns {string | null}
   */
  function safeHref(href) {
    if (typeof href !== 'string' || href.trim() === '') return null;
    const scheme = /^\s*([a-z][a-z0-9+.-]*):/i.exec(href);
    return !scheme || /^https?$/i.test(scheme[1]) ? href : null;
  }

  /** The page's language, as mdBook writes it on <html>. */
  function lang() {
    return document.documentElement.lang || 'en';
  }

  /** @param {number} n */
  function number(n) {
    return n.toLocaleString(lang());
  }

  /**
   * "1 question", "2 questions", "1,234 log entries".
   * @param {number} n
   * @param {string} one
   * @param {string} [many] the plural, when it is not `one` + "s"
   */
  function plural(n, one, many) {
    return number(n) + ' ' + (new Intl.PluralRules(lang()).select(n) === 'one' ? one : many || one + 's');
  }

  /**
   * "a, b and c"
   * @param {string[]} parts
   */
  function joined(parts) {
    return parts.length < 2 ? parts.join('') : parts.slice(0, -1).join(', ') + ' and ' + parts[parts.length - 1];
  }

  /**
   * A whole percentage, 0 when there is no whole.
   * @param {number} part
   * @param {number} whole
   */
  function percent(part, whole) {
    return whole ? Math.round(100 * part / whole) : 0;
  }

  /**
   * A date or time in the page's language.
   * @param {number} t ms since the epoch
   * @param {Intl.DateTimeFormatOptions} options
   */
  function date(t, options) {
    return new Intl.DateTimeFormat(lang(), options).format(new Date(t));
  }

  /** "Dec 1, 2026" (a short date). @param {number} t */
  function day(t) {
    return date(t, { day: 'numeric', month: 'short', year: 'numeric' });
  }

  /** "Dec 1, 2026, 2:05 PM" (a date and time). @param {number} t */
  function dateTime(t) {
    return date(t, { dateStyle: 'medium', timeStyle: 'short' });
  }

  /** "1 h 5 min 3 s" @param {number} ms */
  function duration(ms) {
    const s = Math.max(0, Math.round(ms / 1000));
    const parts = [];
    if (s >= 3600) parts.push(Math.floor(s / 3600) + ' h');
    if (s >= 60) parts.push(Math.floor(s % 3600 / 60) + ' min');
    parts.push(s % 60 + ' s');
    return parts.join(' ');
  }

  /**
   * Script-only controls carry `data-sg-js` and `hidden` in the HTML until
   * their script runs.
   * @param {Element} root
   */
  function reveal(root) {
    root.querySelectorAll('[data-sg-js]').forEach((el) => { /** @type {HTMLElement} */ (el).hidden = false; });
  }

  /**
   * Says `text` through a status region: cleared first, so the same
   * message is announced again.
   * @param {Element} region
   * @param {string} text
   */
  function announce(region, text) {
    region.textContent = '';
    setTimeout(() => { region.textContent = text; }, 30);
  }

  /**
   * A link first in the page's tab order, shown only while it has the focus,
   * that takes the focus past mdBook's sidebar and menu bar to `target()`:
   * a quiz's first question, the exam's current screen. One a page.
   * @param {string} text
   * @param {() => HTMLElement | null} target
   */
  function skipLink(text, target) {
    if (document.querySelector('.sg-skip-link')) return;
    const link = h('a', { class: 'sg-skip-link', href: '#', text });
    link.addEventListener('click', (event) => {
      event.preventDefault();
      const to = target();
      if (!to) return;
      if (!to.matches('a[href], button, input, select, textarea, [tabindex]')) to.setAttribute('tabindex', '-1');
      to.focus();
    });
    document.body.prepend(link);
  }

  SG.dom = { h, safeHref, lang, number, plural, joined, percent, date, day, dateTime, duration, skipLink };
  SG.reveal = reveal;
  SG.announce = announce;
})();
