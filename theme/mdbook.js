// @ts-check
// mdBook's own markup, made accessible where its 0.5.4 templates are not:
// every page of a book that lists this script gets it, whatever its
// templates. Each fix checks that mdBook's markup is what it expects and
// otherwise leaves the page alone.
(function () {
  'use strict';

  // The sidebar's toggle is a <label> for a hidden checkbox, with
  // aria-expanded and aria-label, which a label may not carry, and no way to
  // reach it from the keyboard. A button takes its place; clicking it clicks
  // the label, so mdBook's own handlers (on the label and the checkbox) run
  // as before. Without script the label stays.
  function sidebarButton() {
    var label = document.getElementById('mdbook-sidebar-toggle');
    var found = document.getElementById('mdbook-sidebar-toggle-anchor');
    if (!label || label.tagName !== 'LABEL' || !(found instanceof HTMLInputElement)) return;
    var checkbox = found;
    var toggle = label;
    var button = document.createElement('button');
    button.type = 'button';
    button.id = 'sg-sidebar-toggle';
    button.className = toggle.className;
    ['title', 'aria-label', 'aria-controls'].forEach(function (name) {
      var value = toggle.getAttribute(name);
      if (value !== null) button.setAttribute(name, value);
    });
    while (toggle.firstChild) button.appendChild(toggle.firstChild);
    function sync() { button.setAttribute('aria-expanded', String(checkbox.checked)); }
    sync();
    checkbox.addEventListener('change', sync);
    button.addEventListener('click', function () { toggle.click(); });
    toggle.style.display = 'none';
    toggle.insertAdjacentElement('afterend', button);
  }

  // The menu bar and the search bar sit outside every landmark.
  function landmarks() {
    var bar = document.getElementById('mdbook-menu-bar');
    if (bar && !bar.hasAttribute('role')) bar.setAttribute('role', 'banner');
    var search = document.getElementById('mdbook-searchbar-outer');
    if (search && !search.hasAttribute('role')) search.setAttribute('role', 'search');
  }

  // mdBook's search labels each result's excerpt "Search Result Teaser"
  // (aria-label, which a <span> may not carry, and which would hide the
  // excerpt's words); the result's link already points at it with
  // aria-details.
  function searchTeasers() {
    var found = document.getElementById('mdbook-searchresults');
    if (!found || !window.MutationObserver) return;
    var results = found;
    new MutationObserver(function () {
      results.querySelectorAll('span.teaser[aria-label]').forEach(function (teaser) {
        teaser.removeAttribute('aria-label');
      });
    }).observe(results, { childList: true, subtree: true });
  }

  // A code block or table wider than its column scrolls sideways: it takes
  // the focus, so the keyboard can scroll it, under a name that says why
  // (a group, not a region: a page of them would crowd the landmarks).
  // Checked again when the window's width changes.
  // A table that scrolls also says so under it, as a wide diagram does:
  // nothing else shows that a column is out of sight.
  var SCROLLERS = [
    { selector: 'main pre > code', name: 'Code, scrolls sideways', hint: false },
    { selector: 'main .table-wrapper', name: 'Table, scrolls sideways', hint: true }
  ];
  var HINT = 'Wider than the screen: scroll it sideways to see all of it.';
  /** @param {HTMLElement} box @param {boolean} wide */
  function hintUnder(box, wide) {
    var next = box.nextElementSibling;
    var hint = next && next.classList.contains('sg-scroll-hint') ? next : null;
    if (wide && !hint) {
      var p = document.createElement('p');
      p.className = 'sg-scroll-hint';
      p.textContent = HINT;
      box.insertAdjacentElement('afterend', p);
    } else if (!wide && hint) {
      hint.remove();
    }
  }
  // Every box is measured before any is marked: a long page (the print
  // page) is laid out once, not once a box.
  function markScrollers() {
    /** @type {{box: HTMLElement, kind: {selector: string, name: string, hint: boolean}}[]} */
    var boxes = [];
    SCROLLERS.forEach(function (kind) {
      document.querySelectorAll(kind.selector).forEach(function (element) {
        boxes.push({ box: /** @type {HTMLElement} */ (element), kind: kind });
      });
    });
    var wide = boxes.map(function (entry) {
      var box = entry.box;
      return box.offsetParent !== null && box.scrollWidth > box.clientWidth + 1;
    });
    boxes.forEach(function (entry, i) {
      var box = entry.box;
      var kind = entry.kind;
      var marked = box.hasAttribute('data-sg-scrolls');
      if (kind.hint) hintUnder(box, wide[i]);
      if (wide[i] && !marked) {
        if (box.hasAttribute('tabindex')) return;
        box.setAttribute('data-sg-scrolls', '');
        box.setAttribute('tabindex', '0');
        box.setAttribute('role', 'group');
        box.setAttribute('aria-label', kind.name);
      } else if (!wide[i] && marked) {
        ['data-sg-scrolls', 'tabindex', 'role', 'aria-label'].forEach(function (name) { box.removeAttribute(name); });
      }
    });
  }

  // mdBook turns the page on ← and → wherever the focus is but a form
  // field; on a box that scrolls sideways (these, and wide diagrams) the
  // keys scroll it instead.
  function arrowsScroll() {
    var main = document.querySelector('main');
    if (!main) return;
    main.addEventListener('keydown', function (event) {
      if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
      var box = /** @type {HTMLElement} */ (event.target);
      if (box.getAttribute('tabindex') === '0' && box.scrollWidth > box.clientWidth + 1) event.stopPropagation();
    });
  }

  sidebarButton();
  arrowsScroll();
  landmarks();
  searchTeasers();
  markScrollers();
  var pending = false;
  window.addEventListener('resize', function () {
    if (pending) return;
    pending = true;
    requestAnimationFrame(function () { pending = false; markScrollers(); });
  });
  // A code block in a <details> (a diagram's source) gets its width when opened.
  document.addEventListener('toggle', markScrollers, true);
  // Widths change once the book's fonts have loaded.
  if (document.fonts && document.fonts.ready) document.fonts.ready.then(markScrollers);
})();
