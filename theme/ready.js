// The readiness signal printing waits for: every registered promise
// (diagrams being drawn) and the fonts, then <html data-sg-ready="true">.
// `mdbook-studyguide pdf` waits for it too (whenReady).
(function () {
  'use strict';
  var SG = window.StudyGuide;
  var pending = [];
  var ready = null;

  SG.whenReady = function () {
    if (!ready) {
      ready = Promise.all(pending.map(function (p) { return p.catch(function () {}); }))
        .then(function () { return document.fonts && document.fonts.ready; })
        .then(function () { document.documentElement.setAttribute('data-sg-ready', 'true'); });
    }
    return ready;
  };

  SG.waitFor = function (promise) {
    pending.push(promise);
    ready = null;
  };

  // mdBook's print page calls window.print() itself, soon after loading.
  var print = window.print;
  window.print = function () { SG.whenReady().then(function () { print.call(window); }); };

  window.addEventListener('load', SG.whenReady);
})();
