// Loads scripts of the book on demand: the diagram script and mermaid, on
// pages with diagrams that were not drawn at build time (the build copies
// both into the book's vendor/ folder); printing waits for them.
(function () {
  'use strict';
  var SG = window.StudyGuide;

  // The folder the build copies them into (VENDOR_DIR in the preprocessor's
  // diagram/prerender/client_bundle.rs, whose tests check the two agree).
  var VENDOR = 'vendor/';
  SG.vendor = VENDOR;

  // Loads a script of the book (a path from its root); resolves once it ran.
  // Scripts loaded `inOrder` download at once and run in the order asked.
  SG.loadScript = function (path, inOrder) {
    return new Promise(function (resolve, reject) {
      var script = document.createElement('script');
      script.async = !inOrder;
      script.src = (typeof path_to_root === 'string' ? path_to_root : '') + path;
      script.onload = resolve;
      script.onerror = function () { reject(new Error(path + ' could not be loaded')); };
      document.head.appendChild(script);
    });
  };

  // Loads a style sheet of the book; resolves once it applies.
  SG.loadStyle = function (path) {
    return new Promise(function (resolve, reject) {
      var link = document.createElement('link');
      link.rel = 'stylesheet';
      link.href = (typeof path_to_root === 'string' ? path_to_root : '') + path;
      link.onload = resolve;
      link.onerror = function () { reject(new Error(path + ' could not be loaded')); };
      document.head.appendChild(link);
    });
  };

  if (document.querySelector('[data-render="client"]')) {
    SG.waitFor(SG.loadScript(VENDOR + 'diagrams.js').then(function () { return SG.diagrams; }));
  }

  // A drawing wider than the screen scrolls sideways (theme/diagrams.css):
  // it says so, and takes the focus so the keyboard can scroll it.
  function markWideDrawings() {
    document.querySelectorAll('figure[data-sg-diagram]').forEach(function (figure) {
      // Both theme variants of a drawing have its width; one is shown.
      var boxes = [].slice.call(figure.querySelectorAll('.sg-diagram-svg'));
      var wide = boxes.some(function (box) {
        return box.offsetParent !== null && box.scrollWidth > box.clientWidth + 1;
      });
      boxes.forEach(function (box) {
        if (wide) box.setAttribute('tabindex', '0');
        else box.removeAttribute('tabindex');
      });
      var hint = figure.querySelector('.sg-diagram-hint');
      if (wide && !hint && boxes.length) {
        hint = document.createElement('p');
        hint.className = 'sg-diagram-hint';
        hint.textContent = 'Wider than the screen: scroll it sideways to see all of it.';
        boxes[boxes.length - 1].insertAdjacentElement('afterend', hint);
      } else if (!wide && hint) {
        hint.remove();
      }
    });
  }
  if (document.querySelector('.sg-diagram-svg')) {
    markWideDrawings();
    window.addEventListener('resize', markWideDrawings);
  }

  // The pages that gather the book (the exam, progress and review blocks):
  // their style, what their script needs, the block's bank of questions (a
  // file the build writes, named by the block's data-bank), then the script.
  // The build copies these files (the FILES of exam/, progress/ and review/
  // in the preprocessor, whose tests check the lists agree).
  var PAGES = [
    { block: '[data-sg-exam]', files: ['exam.css'], script: 'exam.js' },
    // The progress page counts the review cards due with the review's scheduler.
    { block: '[data-sg-progress-page]', files: ['progress.css', 'ts-fsrs.js', 'review.js'], script: 'progress.js' },
    { block: '[data-sg-review]', files: ['review.css', 'ts-fsrs.js'], script: 'review.js' }
  ];
  PAGES.forEach(function (page) {
    var block = document.querySelector(page.block);
    if (!block) return;
    var bank = block.getAttribute('data-bank');
    var files = page.files.concat(bank ? [bank] : [], [page.script]);
    // All at once, the scripts run in order; the block stays invisible until
    // its style applies, so it never shows unstyled.
    block.setAttribute('data-sg-loading', '');
    var styles = Promise.all(files.filter(function (f) { return /\.css$/.test(f); })
      .map(function (f) { return SG.loadStyle(VENDOR + f); }));
    var scripts = files.filter(function (f) { return !/\.css$/.test(f); })
      .map(function (f) { return SG.loadScript(VENDOR + f, true); });
    var shown = styles.then(function () { block.removeAttribute('data-sg-loading'); });
    SG.waitFor(Promise.all(scripts.concat(shown)).catch(function (err) {
      block.removeAttribute('data-sg-loading');
      block.setAttribute('data-sg-failed', '');
      throw err;
    }));
  });

  /**
   * The bank of questions a gathering block's data-bank names, once loaded.
   * @returns {object|null}
   */
  SG.bankOf = function (block) {
    var name = block.getAttribute('data-bank');
    return (name && SG.banks && SG.banks[name]) || null;
  };
})();
