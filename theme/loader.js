// @ts-check
// Every page loads this and base.css, and nothing more of ours unless it
// holds one of our blocks (an element with data-sg-module): then the
// manifest the build wrote into the book's studyguide/ folder (which modules
// load which files) and widgets.js, which loads what those blocks use.
(function () {
  'use strict';
  const html = document.documentElement;
  const roots = document.querySelectorAll('[data-sg-module]');
  if (!roots.length) {
    html.setAttribute('data-sg-styled', '');
    // Nothing to wait for before printing (widgets.js says so on the others).
    window.StudyGuide = /** @type {any} */ ({ whenReady: function () {
      html.setAttribute('data-sg-ready', 'true');
      return Promise.resolve();
    } });
    return;
  }
  const root = typeof path_to_root === 'string' ? path_to_root : '';
  // Without them the blocks show what they say without script.
  const failed = function () {
    roots.forEach((block) => block.setAttribute('data-sg-failed', ''));
    html.setAttribute('data-sg-styled', '');
  };
  for (const name of ['manifest.js', 'widgets.js']) {
    const script = document.createElement('script');
    script.async = false;
    script.src = root + 'studyguide/' + name;
    script.onerror = failed;
    document.head.appendChild(script);
  }
})();
