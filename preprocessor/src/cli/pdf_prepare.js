// Run in the print page by `mdbook-studyguide pdf` before printing: adds a
// title page, leaves out the answer keys if asked, and waits until every
// widget and diagram is ready (whenReady, from theme/ready.js).
(function (options) {
  document.documentElement.classList.toggle('sg-no-answer-keys', options.answerKeys === false);
  var main = document.querySelector('main');
  if (main && !document.querySelector('.sg-title-page')) {
    var page = document.createElement('section');
    page.className = 'sg-title-page';
    [['h1', options.title], ['p', options.description], ['p', options.date]].forEach(function (part) {
      if (!part[1]) return;
      var el = document.createElement(part[0]);
      el.textContent = part[1];
      page.appendChild(el);
    });
    main.insertBefore(page, main.firstChild);
  }
  return window.StudyGuide.whenReady();
})
