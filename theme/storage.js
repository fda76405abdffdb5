// Saved state, in window.StudyGuide (widgets.js creates it; every widget
// script adds to it).
(function () {
  'use strict';
  var memory = {};
  // Keys whose last write reached memory only (the store was full): this
  // view reads them from memory, not the older copy in the browser.
  var unsaved = {};
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
      try { if (backend && !unsaved[key]) raw = backend.getItem(key); } catch (e) { /* memory */ }
      if (raw == null) return null;
      try {
        var value = JSON.parse(raw);
        if (value && typeof value === 'object') return value;
      } catch (e) { /* corrupt */ }
      store.remove(key);
      return null;
    },
    // Whether the value was saved in the browser (not only for this view).
    // A full store sets `store.full`.
    set: function (key, value) {
      memory[key] = JSON.stringify(value);
      if (!backend) return false;
      try {
        backend.setItem(key, memory[key]);
        delete unsaved[key];
        return true;
      } catch (e) {
        store.full = true;
        unsaved[key] = true;
        return false;
      }
    },
    full: false,
    // Every saved key that starts with `prefix`.
    keys: function (prefix) {
      var found = {};
      Object.keys(memory).forEach(function (key) { found[key] = true; });
      try {
        if (backend) for (var i = 0; i < backend.length; i++) found[backend.key(i)] = true;
      } catch (e) { /* memory */ }
      return Object.keys(found).filter(function (key) { return key.indexOf(prefix) === 0; });
    },
    remove: function (key) {
      delete memory[key];
      delete unsaved[key];
      try { if (backend) backend.removeItem(key); } catch (e) { /* memory */ }
    }
  };

  window.StudyGuide.store = store;
})();
