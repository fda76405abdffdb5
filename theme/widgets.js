// @ts-check
// Loaded by loader.js, after the manifest the build wrote (studyguide/manifest.js),
// on pages with one of our blocks: loads the scripts and styles those
// blocks' modules use, at once, then starts a component on each block
// (component.js). Printing waits until all of it is ready.
(function () {
  'use strict';
  const SG = window.StudyGuide;
  SG.vendor = 'studyguide/';

  // Printing (and `mdbook-studyguide pdf`) waits for every promise given
  // to waitFor, then the fonts; then <html data-sg-ready="true">.
  /** @type {Promise<unknown>[]} */
  const pending = [];
  /** @type {Promise<void> | null} */
  let ready = null;
  /** @param {Promise<unknown>} promise */
  SG.waitFor = function (promise) { pending.push(promise); ready = null; };
  SG.whenReady = function () {
    return ready || (ready = Promise.all(pending.map((p) => p.catch(() => {})))
      .then(() => document.fonts && document.fonts.ready)
      .then(() => { document.documentElement.setAttribute('data-sg-ready', 'true'); }));
  };
  // mdBook's print page calls window.print() itself, soon after loading.
  const print = window.print;
  window.print = function () { SG.whenReady().then(() => print.call(window)); };
  window.addEventListener('load', SG.whenReady);

  /**
   * @param {'script' | 'link'} tag
   * @param {string} path a path from the book's root
   * @param {boolean} [inOrder]
   * @returns {Promise<void>}
   */
  function load(tag, path, inOrder) {
    return new Promise((resolve, reject) => {
      const url = (typeof path_to_root === 'string' ? path_to_root : '') + path;
      const el = document.createElement(tag);
      if (el instanceof HTMLLinkElement) {
        el.rel = 'stylesheet';
        el.href = url;
      } else if (el instanceof HTMLScriptElement) {
        el.async = !inOrder;
        el.src = url;
      }
      el.onload = () => resolve();
      el.onerror = () => reject(new Error(path + ' could not be loaded'));
      document.head.appendChild(el);
    });
  }
  /**
   * A script of the book (a path from its root), resolved once it ran;
   * scripts loaded `inOrder` download at once and run in the order asked.
   * @param {string} path
   * @param {boolean} [inOrder]
   */
  SG.loadScript = (path, inOrder) => load('script', path, inOrder);
  /** @param {string} path */
  SG.loadStyle = (path) => load('link', path);
  /**
   * The bank of questions a gathering block names with data-bank.
   * @param {Element} block
   */
  SG.bankOf = function (block) {
    const name = block.getAttribute('data-bank');
    return (name && SG.banks && SG.banks[name]) || null;
  };

  // Each block's module's files, in the order the manifest gives them; a
  // block's bank of questions before its module's scripts.
  const roots = [...document.querySelectorAll('[data-sg-module]')];
  /** @type {string[]} */
  const scripts = [];
  /** @type {string[]} */
  const styles = [];
  /** @param {string[]} list @param {string} file */
  const add = (list, file) => { if (list.indexOf(file) < 0) list.push(file); };
  for (const root of roots) {
    const module = SG.manifest.modules[root.getAttribute('data-sg-module') || ''];
    if (!module) continue;
    module.styles.forEach((file) => add(styles, file));
    module.base.forEach((file) => add(scripts, file));
    const bank = root.getAttribute('data-bank');
    if (bank) add(scripts, bank);
    module.scripts.forEach((file) => add(scripts, file));
  }
  const html = document.documentElement;
  /** @param {Error} err */
  const failed = (err) => {
    roots.forEach((root) => root.setAttribute('data-sg-failed', ''));
    html.setAttribute('data-sg-styled', '');
    throw err;
  };
  // base.css keeps the blocks invisible until their style applies.
  const styled = Promise.all(styles.map((f) => SG.loadStyle(SG.vendor + f)))
    .then(() => { html.setAttribute('data-sg-styled', ''); }, failed);
  const ran = Promise.all(scripts.map((f) => SG.loadScript(SG.vendor + f, true)));
  // Components start once every script ran and the saved state can be read.
  const started = ran.then(() => new Promise((resolve) => {
    const go = () => { SG.startComponents(); resolve(SG.diagrams); };
    if (SG.whenStored) SG.whenStored(go);
    else go();
  }), failed);
  SG.waitFor(Promise.all([styled, started]));
})();
