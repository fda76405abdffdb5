// Shared by the study guide's widgets: saved state, status messages, and a
// readiness signal for printing. Loaded before the widget scripts.
(function () {
  'use strict';

  var memory = {};

  // localStorage may be blocked (privacy settings, file:// in some browsers)
  // or full; the widgets then keep their state for this page view only.
  function storage() {
    try {
      var s = window.localStorage;
      var probe = 'sg:probe';
      s.setItem(probe, '1');
      s.removeItem(probe);
      return s;
    } catch (e) {
      return null;
    }
  }
  var backend = storage();

  var store = {
    // The saved object for `key`, or null. A corrupt entry is removed.
    get: function (key) {
      var raw = null;
      try {
        raw = backend ? backend.getItem(key) : memory[key];
      } catch (e) {
        raw = memory[key];
      }
      if (raw == null) return null;
      try {
        var value = JSON.parse(raw);
        if (value && typeof value === 'object') return value;
      } catch (e) { /* fall through: corrupt */ }
      store.remove(key);
      return null;
    },
    set: function (key, value) {
      var raw = JSON.stringify(value);
      memory[key] = raw;
      try {
        if (backend) backend.setItem(key, raw);
      } catch (e) { /* quota or blocked: memory keeps it */ }
    },
    remove: function (key) {
      delete memory[key];
      try {
        if (backend) backend.removeItem(key);
      } catch (e) { /* ignore */ }
    }
  };

  // Sets a live region's text so screen readers announce it even when the
  // same message repeats.
  function announce(region, text) {
    if (!region) return;
    region.textContent = '';
    window.setTimeout(function () { region.textContent = text; }, 30);
  }

  // Shows the controls that only work with script.
  function reveal(root) {
    var hidden = root.querySelectorAll('[data-sg-js]');
    for (var i = 0; i < hidden.length; i++) hidden[i].hidden = false;
  }

  // Widgets register promises; the page is ready for print when all settle.
  var pending = [];
  var readyPromise = null;
  function whenReady() {
    if (!readyPromise) {
      readyPromise = Promise.all(pending.map(function (p) {
        return p.catch(function () {});
      })).then(function () {
        return document.fonts ? document.fonts.ready : null;
      }).then(function () {
        document.documentElement.setAttribute('data-sg-ready', 'true');
      });
    }
    return readyPromise;
  }

  window.StudyGuide = {
    store: store,
    announce: announce,
    reveal: reveal,
    // Called by a widget whose drawing finishes later (diagrams).
    waitFor: function (promise) { pending.push(promise); readyPromise = null; },
    whenReady: whenReady
  };
})();
