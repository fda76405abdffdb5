// Shared by the widgets: saved state, status messages, the readiness signal
// printing waits for, the loader of diagrams drawn in the browser.
(function () {
  'use strict';
  var memory = {};
  var backend = null;
  try {
    // Blocked or full storage only costs persistence (kept for this view).
    backend = window.localStorage;
    backend.setItem('sg:probe', '1');
    backend.removeItem('sg:probe');
  } catch (e) {
    backend = null;
  }

  var store = {
    // The saved object for `key`, or null; a corrupt entry is removed.
    get: function (key) {
      var raw = memory[key];
      try { if (backend) raw = backend.getItem(key); } catch (e) { /* memory */ }
      if (raw == null) return null;
      try {
        var value = JSON.parse(raw);
        if (value && typeof value === 'object') return value;
      } catch (e) { /* corrupt */ }
      store.remove(key);
      return null;
    },
    set: function (key, value) {
      memory[key] = JSON.stringify(value);
      try { if (backend) backend.setItem(key, memory[key]); } catch (e) { /* memory */ }
    },
    remove: function (key) {
      delete memory[key];
      try { if (backend) backend.removeItem(key); } catch (e) { /* memory */ }
    }
  };

  // Cleared first, so a repeated message is announced again.
  function announce(region, text) {
    region.textContent = '';
    setTimeout(function () { region.textContent = text; }, 30);
  }

  // Script-only controls are `hidden` in the HTML until the script runs.
  function reveal(root) {
    root.querySelectorAll('[data-sg-js]').forEach(function (el) { el.hidden = false; });
  }

  // Printing waits for every registered promise (diagrams being drawn) and
  // the fonts; then <html data-sg-ready="true">.
  var pending = [];
  var ready = null;
  function whenReady() {
    if (!ready) {
      ready = Promise.all(pending.map(function (p) { return p.catch(function () {}); }))
        .then(function () { return document.fonts && document.fonts.ready; })
        .then(function () { document.documentElement.setAttribute('data-sg-ready', 'true'); });
    }
    return ready;
  }
  function waitFor(promise) {
    pending.push(promise);
    ready = null;
  }

  // mdBook's print page calls window.print() itself, soon after loading.
  var print = window.print;
  window.print = function () { whenReady().then(function () { print.call(window); }); };

  // Loads a script of the book (a path from its root); resolves once it ran.
  function loadScript(path) {
    return new Promise(function (resolve, reject) {
      var script = document.createElement('script');
      script.src = (typeof path_to_root === 'string' ? path_to_root : '') + path;
      script.onload = resolve;
      script.onerror = function () { reject(new Error(path + ' could not be loaded')); };
      document.head.appendChild(script);
    });
  }

  // Diagrams not drawn at build time: the build copies a script and mermaid
  // into this folder of the book (VENDOR_DIR in the preprocessor's
  // diagram/prerender/client_bundle.rs, whose tests check the two agree).
  var VENDOR = 'vendor/';

  window.StudyGuide = {
    store: store, announce: announce, reveal: reveal, waitFor: waitFor, whenReady: whenReady, loadScript: loadScript,
    vendor: VENDOR
  };

  // The script is loaded only where a diagram needs it.
  if (document.querySelector('[data-render="client"]')) {
    waitFor(loadScript(VENDOR + 'diagrams.js').then(function () { return window.StudyGuide.diagrams; }));
  }
  window.addEventListener('load', whenReady);
})();
