// Loaded by loader.js on pages with one of our blocks: loads the scripts
// and styles those blocks use from the book's vendor/ folder (where the
// build writes them), at once, and printing waits until they are ready.
(function () {
  'use strict';
  var SG = window.StudyGuide = window.StudyGuide || {};
  SG.vendor = 'vendor/';

  // Printing (and `mdbook-studyguide pdf`) waits for every promise given
  // to waitFor, then the fonts; then <html data-sg-ready="true">.
  var pending = [];
  var ready = null;
  SG.waitFor = function (promise) { pending.push(promise); ready = null; };
  SG.whenReady = function () {
    return ready || (ready = Promise.all(pending.map(function (p) { return p.catch(function () {}); }))
      .then(function () { return document.fonts && document.fonts.ready; })
      .then(function () { document.documentElement.setAttribute('data-sg-ready', 'true'); }));
  };
  // mdBook's print page calls window.print() itself, soon after loading.
  var print = window.print;
  window.print = function () { SG.whenReady().then(function () { print.call(window); }); };
  window.addEventListener('load', SG.whenReady);

  function load(tag, path, inOrder) {
    return new Promise(function (resolve, reject) {
      var el = document.createElement(tag);
      var url = (typeof path_to_root === 'string' ? path_to_root : '') + path;
      if (tag === 'link') { el.rel = 'stylesheet'; el.href = url; } else { el.async = !inOrder; el.src = url; }
      el.onload = resolve;
      el.onerror = function () { reject(new Error(path + ' could not be loaded')); };
      document.head.appendChild(el);
    });
  }
  // A script of the book (a path from its root), resolved once it ran;
  // scripts loaded `inOrder` download at once and run in the order asked.
  SG.loadScript = function (path, inOrder) { return load('script', path, inOrder); };
  SG.loadStyle = function (path) { return load('link', path); };
  // The bank of questions a gathering block names with data-bank.
  SG.bankOf = function (block) {
    var name = block.getAttribute('data-bank');
    return (name && SG.banks && SG.banks[name]) || null;
  };

  // Each block's files (loader.js and base.css name the same blocks);
  // scripts run in ORDER, the banks of questions first.
  // book.js (which the build writes) names the book whose state storage.js keeps.
  var BASE = ['studyguide.css', 'book.js', 'storage.js', 'log.js', 'announce.js'];
  var BLOCKS = {
    '[data-sg-quiz]': BASE.concat('quiz.js'),
    '[data-sg-limits]': BASE.concat('limits.js'),
    // studyguide.css holds the theme variables diagrams.css reads.
    '[data-sg-diagram]': ['studyguide.css', 'diagrams.css', 'diagrams.js'],
    '[data-sg-exam]': BASE.concat('exam.css', 'exam.js'),
    // The progress page counts review cards due with the review's scheduler.
    '[data-sg-progress-page]': BASE.concat('progress.css', 'ts-fsrs.js', 'review.js', 'progress.js'),
    '[data-sg-review]': BASE.concat('review.css', 'ts-fsrs.js', 'review.js')
  };
  var ORDER = ['book.js', 'storage.js', 'log.js', 'announce.js', 'quiz.js', 'limits.js', 'diagrams.js',
    'ts-fsrs.js', 'review.js', 'exam.js', 'progress.js'];
  var roots = [], styles = [], scripts = [];
  Object.keys(BLOCKS).forEach(function (selector) {
    [].forEach.call(document.querySelectorAll(selector), function (root) {
      roots.push(root);
      var bank = root.getAttribute('data-bank');
      BLOCKS[selector].concat(bank || []).forEach(function (file) {
        var list = /\.css$/.test(file) ? styles : scripts;
        if (list.indexOf(file) < 0) list.push(file);
      });
    });
  });
  var html = document.documentElement;
  if (!roots.length) return html.setAttribute('data-sg-styled', '');
  // Banks first, then the scripts in ORDER; each file is fetched at once.
  var rank = function (f) { return ORDER.indexOf(f) < 0 ? (/^bank-/.test(f) ? 3.5 : 99) : ORDER.indexOf(f); };
  scripts.sort(function (a, b) { return rank(a) - rank(b); });
  var failed = function (err) {
    roots.forEach(function (root) { root.setAttribute('data-sg-failed', ''); });
    html.setAttribute('data-sg-styled', '');
    throw err;
  };
  // base.css keeps the blocks invisible until their style applies.
  var styled = Promise.all(styles.map(function (f) { return SG.loadStyle(SG.vendor + f); }))
    .then(function () { html.setAttribute('data-sg-styled', ''); }, failed);
  var ran = Promise.all(scripts.map(function (f) { return SG.loadScript(SG.vendor + f, true); }));
  SG.waitFor(Promise.all([styled, ran.then(function () { return SG.diagrams; }, failed)]));
})();
