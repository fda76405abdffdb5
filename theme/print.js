// Printing: never print before every widget and diagram is ready (mdBook's
// print page calls window.print() shortly after load), and let the PDF
// command add a title page and choose whether answer keys are printed.
(function () {
  'use strict';
  var SG = window.StudyGuide;
  var print = window.print;
  window.print = function () {
    SG.whenReady().then(function () { print.call(window); });
  };

  // Called by `mdbook-studyguide pdf` before printing the print page.
  SG.preparePdf = function (options) {
    var root = document.documentElement;
    root.classList.toggle('sg-no-answer-keys', options.answerKeys === false);
    var main = document.querySelector('main');
    if (main && !document.querySelector('.sg-title-page')) {
      var page = document.createElement('section');
      page.className = 'sg-title-page';
      var title = document.createElement('h1');
      title.textContent = options.title;
      page.appendChild(title);
      if (options.description) {
        var description = document.createElement('p');
        description.textContent = options.description;
        page.appendChild(description);
      }
      if (options.date) {
        var date = document.createElement('p');
        date.className = 'sg-title-date';
        date.textContent = options.date;
        page.appendChild(date);
      }
      main.insertBefore(page, main.firstChild);
    }
    return SG.whenReady();
  };

  // Widgets have registered by now; start the clock for the readiness signal.
  window.addEventListener('load', function () { SG.whenReady(); });
})();
