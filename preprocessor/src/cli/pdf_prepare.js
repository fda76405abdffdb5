// Run in the print page by `mdbook-studyguide pdf` before printing: adds a
// title page and a table of contents, leaves out the answer keys if asked,
// and waits until every widget and diagram is ready (whenReady, from
// theme/widgets.js). The contents' page numbers are blank until pdf.rs,
// having printed once, calls StudyGuide.numberContents with the page each
// entry's chapter starts on, and prints the front pages again alone
// (StudyGuide.frontPagesOnly).
(function (options) {
  document.documentElement.classList.toggle('sg-no-answer-keys', options.answerKeys === false);
  var main = document.querySelector('main');
  var SG = window.StudyGuide;
  // A blank as wide as any page number, so numbering moves nothing.
  var BLANK = '\u2007\u2007\u2007\u2007';

  function element(name, className, text) {
    var el = document.createElement(name);
    if (className) el.className = className;
    if (text) el.textContent = text;
    return el;
  }

  // The heading each chapter of the print page starts with: mdBook puts a
  // page break between chapters and an h1 at the start of each.
  function chapterStarts() {
    var breaks = Array.prototype.filter.call(main.children, function (el) {
      return el.nodeName === 'DIV' && !el.firstChild && /^break-before: page/.test(el.getAttribute('style') || '');
    });
    var headings = Array.prototype.filter.call(main.querySelectorAll('h1'), function (h) {
      return !h.closest('.sg-title-page, .sg-contents');
    });
    var after = function (a, b) { return !a || (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING); };
    return [null].concat(breaks).map(function (start, i) {
      var end = breaks[i];
      return headings.filter(function (h) { return after(start, h) && (!end || !after(end, h)); })[0] || null;
    });
  }

  function addContents() {
    var starts = chapterStarts();
    if (!options.contents || starts.length !== options.chapters || starts.indexOf(null) >= 0) return 0;
    var nav = element('nav', 'sg-contents');
    nav.setAttribute('aria-labelledby', 'sg-contents-title');
    var title = nav.appendChild(element('h1', 'sg-contents-title', 'Contents'));
    title.id = 'sg-contents-title';
    var list = nav.appendChild(element('ol'));
    var entries = 0;
    options.contents.forEach(function (line) {
      if (line.kind === 'part') {
        list.appendChild(element('li', 'sg-contents-part', line.title));
        return;
      }
      var target = element('span', 'sg-contents-target');
      target.id = 'sg-toc-' + line.chapter;
      starts[line.chapter].insertBefore(target, starts[line.chapter].firstChild);
      var item = list.appendChild(element('li', 'sg-contents-entry sg-contents-depth-' + line.depth));
      var link = item.appendChild(element('a'));
      link.href = '#' + target.id;
      link.appendChild(element('span', 'sg-contents-name', line.title));
      link.appendChild(element('span', 'sg-contents-leader'));
      link.appendChild(element('span', 'sg-contents-page', BLANK)).setAttribute('data-sg-target', target.id);
      entries++;
    });
    var style = document.head.appendChild(element('style'));
    style.textContent = [
      '.sg-contents { break-after: page; }',
      '.sg-contents ol { list-style: none; margin: 0; padding: 0; }',
      '.sg-contents li { break-inside: avoid; }',
      '.sg-contents-part { font-weight: 600; margin-top: .9em; }',
      '.sg-contents a { display: flex; align-items: baseline; padding: .12em 0; text-decoration: none; }',
      // Above mdBook's colour for links in the page.
      'main .sg-contents a:is(:link, :visited) { color: inherit; }',
      '.sg-contents-depth-0 a { font-weight: 600; }',
      '.sg-contents-depth-1 a { padding-left: 1.5em; }',
      '.sg-contents-leader { flex: 1 1 auto; min-width: 1.5em; margin: 0 .35em; border-bottom: 1px dotted #777; }',
      '.sg-contents-page { flex: none; min-width: 4ch; text-align: right; font-variant-numeric: tabular-nums; }',
      '.sg-front-pages-only .sg-contents ~ * { display: none !important; }',
      // Nothing follows, so no page is added after the last.
      '.sg-front-pages-only .sg-contents { break-after: auto; }'
    ].join('\n');
    main.insertBefore(nav, main.querySelector('.sg-title-page').nextSibling);
    return entries;
  }

  // Writes each entry's page number; `pages` maps targets to pages.
  SG.numberContents = function (pages) {
    Array.prototype.forEach.call(document.querySelectorAll('.sg-contents-page'), function (el) {
      var page = pages[el.getAttribute('data-sg-target')];
      el.textContent = page ? String(page) : BLANK;
    });
  };

  // The front pages (title page and contents) alone, for printing them
  // again once numbered: what follows them is left out, and put back.
  SG.frontPagesOnly = function (only) {
    document.documentElement.classList.toggle('sg-front-pages-only', only);
  };

  var contents = 0;
  if (main && !document.querySelector('.sg-title-page')) {
    var page = element('section', 'sg-title-page');
    [['h1', options.title], ['p', options.description], ['p', options.date]].forEach(function (part) {
      if (part[1]) page.appendChild(element(part[0], '', part[1]));
    });
    main.insertBefore(page, main.firstChild);
    contents = addContents();
  }
  return SG.whenReady().then(function () { return { contents: contents }; });
})
