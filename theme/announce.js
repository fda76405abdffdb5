// What a widget shows once its script runs: the controls only script can
// work, and each result, read out through a status region.
(function () {
  'use strict';
  var SG = window.StudyGuide;

  // Script-only controls are `hidden` in the HTML until the script runs.
  SG.reveal = function (root) {
    root.querySelectorAll('[data-sg-js]').forEach(function (el) { el.hidden = false; });
  };

  // Cleared first, so a repeated message is announced again.
  SG.announce = function (region, text) {
    region.textContent = '';
    setTimeout(function () { region.textContent = text; }, 30);
  };
})();
