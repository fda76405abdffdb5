// Every page loads this and base.css, and nothing more of ours unless it
// holds one of our blocks: then widgets.js, from the book's vendor/ folder
// (where the build writes it), loads what those blocks use.
(function () {
  'use strict';
  var html = document.documentElement;
  var BLOCKS = '[data-sg-quiz],[data-sg-limits],[data-sg-diagram],[data-sg-exam],[data-sg-progress-page],[data-sg-review]';
  var roots = document.querySelectorAll(BLOCKS);
  if (!roots.length) {
    html.setAttribute('data-sg-styled', '');
    // Nothing to wait for before printing (widgets.js says so on the others).
    window.StudyGuide = { whenReady: function () {
      html.setAttribute('data-sg-ready', 'true');
      return Promise.resolve();
    } };
    return;
  }
  var script = document.createElement('script');
  script.src = (typeof path_to_root === 'string' ? path_to_root : '') + 'vendor/widgets.js';
  // Without it the blocks show what they say without script.
  script.onerror = function () {
    [].forEach.call(roots, function (root) { root.setAttribute('data-sg-failed', ''); });
    html.setAttribute('data-sg-styled', '');
  };
  document.head.appendChild(script);
})();
