// @ts-check
// Saved state, in window.StudyGuide.store (the manifest, which the build
// writes, names the book).
//
// Every book opened from disk shares one browser store, and so do the books
// of one site: what a book saves is kept under keys prefixed with its id
// ("sg@ID:quiz:…"), and the widgets ask for keys without it ("sg:quiz:…").
// A book never reads, counts, exports or clears another's keys. What an
// older version kept under the shared keys ("sg:quiz:…") is taken over, the
// first time a page of the book loads, by the book that has those questions
// and tables (book-keys.js lists them).
//
// Reading never depends on writing: a full store is still read; a write that
// does not fit is kept for this page and the learner is told. A blocked
// store keeps everything for this page only, and says so too.
(function () {
  'use strict';
  var SG = window.StudyGuide;
  var named = SG.manifest && SG.manifest.book;
  /** @type {{id: string, title: string, keys?: string}} */
  var book = named && typeof named.id === 'string' ? named : { id: 'book', title: '' };
  var PREFIX = 'sg:';
  var NS = 'sg@' + book.id + ':';
  // The store's own keys, which are no widget's state ("#…").
  var OWN = NS + '#';
  // Set once this book's keys hold what the shared keys held for it.
  var TAKEN_OVER = OWN + 'v';
  var PROBE = OWN + 'probe';
  // Changed by every "Reset everything": what a page read before is stale.
  var RESET = OWN + 'reset';

  // What this page could not save (the store is full), or everything when
  // the store is blocked, by the key in the store.
  /** @type {{[name: string]: string}} */
  var memory = Object.create(null);
  /** @type {'ok' | 'full' | 'blocked'} */
  var status = 'ok';
  /** @type {Storage | null} */
  var backend = null;
  try {
    backend = window.localStorage;
    backend.getItem(TAKEN_OVER);
  } catch (e) {
    backend = null;
    status = 'blocked';
  }
  if (backend) {
    try {
      backend.setItem(PROBE, '1');
      backend.removeItem(PROBE);
    } catch (e) {
      status = 'full';
    }
  }

  /** The name in the store of a key ("sg:quiz:…"). @param {string} key */
  function inStore(key) { return NS + key.slice(PREFIX.length); }
  /** The key of a name in the store, if it is one of this book's. @param {string | null} name */
  function ofStore(name) {
    return typeof name === 'string' && name.lastIndexOf(NS, 0) === 0 && name.lastIndexOf(OWN, 0) !== 0
      ? PREFIX + name.slice(NS.length) : null;
  }

  // The store's own records: JSON under OWN + name.
  /** @param {string} name */
  function readOwn(name) {
    try { return JSON.parse(readRaw(name) || 'null'); } catch (e) { return null; }
  }
  /** @param {string} name @param {unknown} value */
  function writeOwn(name, value) {
    try { if (backend) backend.setItem(name, JSON.stringify(value)); else memory[name] = JSON.stringify(value); } catch (e) { /* kept by no one */ }
  }

  /** @param {string} name @returns {string | null} */
  function readRaw(name) {
    if (name in memory) return memory[name];
    if (!backend) return null;
    try { return backend.getItem(name); } catch (e) { return null; }
  }

  // Every name in the store, this page's unsaved ones included.
  function names() {
    var found = Object.create(null);
    Object.keys(memory).forEach(function (name) { found[name] = true; });
    if (backend) {
      try {
        for (var i = 0; i < backend.length; i++) found[backend.key(i) || ''] = true;
      } catch (e) { /* what memory holds */ }
    }
    return Object.keys(found);
  }

  /** @type {((status: string) => void)[]} */
  var statusListeners = [];
  /** @param {'ok' | 'full'} next */
  function setStatus(next) {
    if (status === next || status === 'blocked') return;
    status = next;
    statusListeners.forEach(function (fn) { fn(status); });
  }

  var store = {
    /** This book's id and title, as the build named it. */
    book: book,
    /** 'ok', 'full' (a write did not fit) or 'blocked' (nothing is saved). */
    status: function () { return status; },

    /** The saved object for `key` ("sg:quiz:…"), or null; a corrupt entry is removed. */
    /** @param {string} key @returns {any} */
    get: function (key) {
      var raw = readRaw(inStore(key));
      if (raw == null) return null;
      try {
        var value = JSON.parse(raw);
        if (value && typeof value === 'object') return value;
      } catch (e) { /* corrupt */ }
      store.remove(key);
      return null;
    },

    /** Whether anything at all is stored under `key`, readable or not. */
    has: function (/** @type {string} */ key) { return readRaw(inStore(key)) != null; },

    /**
     * Saves `value` under `key`; whether it reached the browser's store (if
     * not, this page keeps it and the status says why).
     */
    /** @param {string} key @param {unknown} value */
    set: function (key, value) {
      var name = inStore(key);
      var text = JSON.stringify(value);
      if (!backend) {
        memory[name] = text;
        return false;
      }
      try {
        backend.setItem(name, text);
        delete memory[name];
        return true;
      } catch (e) {
        memory[name] = text;
        setStatus('full');
        return false;
      }
    },

    /** @param {string} key */
    remove: function (key) {
      var name = inStore(key);
      delete memory[name];
      try { if (backend) backend.removeItem(name); } catch (e) { /* gone from memory */ }
    },

    /** Every saved key of this book that starts with `prefix` ("sg:log:"). */
    /** @param {string} prefix @returns {string[]} */
    keys: function (prefix) {
      return /** @type {string[]} */ (names().map(ofStore).filter(function (key) { return key !== null && key.lastIndexOf(prefix, 0) === 0; }));
    },

    /**
     * Removes every key of this book, or those `which(key)` accepts. Removing
     * everything also starts a new generation, so that a page that read its
     * state before does not save it back (`store.generation`).
     */
    /** @param {(key: string) => boolean} [which] */
    clear: function (which) {
      store.keys(PREFIX).forEach(function (key) { if (!which || which(key)) store.remove(key); });
      if (!which) writeOwn(RESET, { g: Math.random().toString(36).slice(2), t: Date.now() });
      // Room was made: writes may fit again.
      setStatus('ok');
    },

    /**
     * Adds `value` under a new key: `prefix`, its time (`t`, ms), a count
     * and a random part. The keys sort in the order values were added (by
     * time; at the same millisecond, by `n`, or else after those already
     * there), and two tabs adding at once never take the same key, so
     * neither overwrites the other. Whether it was saved, as `set`.
     */
    /** @param {string} prefix @param {unknown} value @param {number} t @param {number} [n] */
    push: function (prefix, value, t, n) {
      var at = prefix + ('000000000' + Math.max(0, Math.floor(t)).toString(36)).slice(-9) + '-';
      if (n === undefined) n = store.keys(at).length;
      return store.set(at + ('000' + n.toString(36)).slice(-3) + Math.random().toString(36).slice(2, 8), value);
    },

    /**
     * Which reset the saved state is of: a page keeps what it read with it,
     * and saves nothing it read under another one.
     */
    generation: function () {
      var reset = readOwn(RESET);
      return reset && typeof reset.g === 'string' ? reset.g : '';
    },

    /**
     * `fn(keys)` when another tab changed this book's saved state: the keys
     * it changed ("sg:quiz:…"), or null when anything may have changed (the
     * store was cleared, or the page came back from the back/forward cache).
     * Changes that arrive together are given together.
     */
    onChange: function (/** @type {(keys: string[] | null) => void} */ fn) { changeListeners.push(fn); },

    /** `fn(status)` when the status changes. */
    onStatus: function (/** @type {(status: string) => void} */ fn) { statusListeners.push(fn); },
    /** @type {(root: HTMLElement) => void} */
    noteAbove: function () {}
  };

  // Another tab's changes, gathered and given to the widgets at once.
  /** @type {((keys: string[] | null) => void)[]} */
  var changeListeners = [];
  /** @type {(string | null)[] | null} */
  var pending = null;
  /** @param {string | null} key */
  function changed(key) {
    if (pending === null) {
      pending = [];
      setTimeout(function () {
        var keys = /** @type {(string | null)[]} */ (pending);
        pending = null;
        var all = keys.indexOf(null) >= 0 ? null : /** @type {string[]} */ (keys);
        changeListeners.forEach(function (fn) { fn(all); });
      }, 0);
    }
    pending.push(key);
  }
  window.addEventListener('storage', function (event) {
    if (event.key === null || event.key === RESET) return changed(null);
    var key = ofStore(event.key);
    if (key !== null) changed(key);
  });
  // A page from the back/forward cache, or one the browser froze, missed them.
  window.addEventListener('pageshow', function (event) { if (event.persisted) changed(null); });
  document.addEventListener('resume', function () { changed(null); });

  // -------------------------------------------------------------------
  // Taking over what an older version kept under the shared keys.

  function legacyNames() {
    return names().filter(function (name) {
      return name.lastIndexOf(PREFIX, 0) === 0 && name !== 'sg:probe';
    });
  }

  // Which book key a log entry of the shared log belongs to.
  /** @param {any} e @returns {string} */
  function entryKey(e) {
    if (!e || typeof e !== 'object') return '';
    if ((e.k === 'q' || e.k === 'l') && typeof e.id === 'string') return (e.k === 'q' ? 'quiz:' : 'limit:') + e.id;
    if ((e.k === 'g' || e.k === 'later') && typeof e.card === 'string') {
      return (e.card.charAt(0) === 'q' ? 'quiz:' : 'limit:') + e.card.slice(2);
    }
    if (e.k === 'exam' && typeof e.page === 'string') return 'exam:' + e.page;
    return '';
  }

  /**
   * Moves the shared keys this book lists (`owned`, "quiz:…") into its own,
   * without overwriting anything it has; the shared log's entries of its
   * questions, tables and exams become its log's. What belongs to no key of
   * this book stays where it is, for the book it belongs to.
   */
  /** @param {string[]} owned */
  function takeOver(owned) {
    var local = /** @type {Storage} */ (backend);
    /** @type {{[key: string]: boolean}} */
    var mine = Object.create(null);
    owned.forEach(function (key) { mine[key] = true; });
    legacyNames().forEach(function (name) {
      var key = name.slice(PREFIX.length);
      var raw = readRaw(name);
      if (name === 'sg:log') {
        var log;
        try { log = JSON.parse(raw || 'null'); } catch (e) { log = null; }
        var entries = log && Array.isArray(log.entries) ? log.entries : [];
        var rest = entries.filter(function (/** @type {any} */ entry) { return !mine[entryKey(entry)]; });
        var taken = entries.filter(function (/** @type {any} */ entry) { return mine[entryKey(entry)]; });
        if (!taken.length) return;
        taken.forEach(function (/** @type {any} */ entry, /** @type {number} */ i) {
          if (entry && typeof entry.t === 'number') store.push('sg:log:', entry, entry.t, i);
        });
        if (rest.length) local.setItem(name, JSON.stringify({ v: 1, entries: rest }));
        else local.removeItem(name);
        return;
      }
      if (!mine[key]) return;
      if (readRaw(NS + key) === null && raw !== null) local.setItem(NS + key, raw);
      local.removeItem(name);
    });
  }

  // Widgets start once this book's keys are its own; printing waits too.
  /** @type {Promise<void>} */
  var ready;
  var needed = backend && status === 'ok' && readRaw(TAKEN_OVER) === null;
  if (!needed) {
    ready = Promise.resolve();
  } else if (!legacyNames().length) {
    writeOwn(TAKEN_OVER, 1);
    ready = Promise.resolve();
  } else {
    ready = SG.loadScript(SG.vendor + (book.keys || 'book-keys.js')).then(function () {
      if (!Array.isArray(SG.bookKeys)) return;
      try {
        takeOver(SG.bookKeys);
        writeOwn(TAKEN_OVER, 1);
      } catch (e) {
        // Tried again next time; what was there stays where it was.
        setTimeout(function () { throw e; });
      }
    }, function () { /* tried again next time */ });
  }
  if (SG.waitFor) SG.waitFor(ready);

  /** Runs `fn` once this book's saved state can be read. */
  SG.whenStored = function (/** @type {() => void} */ fn) { ready.then(fn); };

  // -------------------------------------------------------------------
  // The note a page shows when what the learner does is not kept.

  var NOTES = {
    blocked: 'This browser does not let the guide save anything: what you answer here is kept only until you ' +
      'leave this page.',
    full: 'This browser\u2019s storage for the guide is full: what you answer now is kept only until you leave ' +
      'this page. Export your progress on the progress page to keep it, then reset something there to make room.'
  };
  /** @type {HTMLElement | null} */
  var note = null;
  /**
   * Shows the storage note above `root` (the first widget of the page that
   * saves) while saving does not work; once per page.
   * @param {HTMLElement} root
   */
  store.noteAbove = function (root) {
    if (note) return;
    var shown = note = document.createElement('p');
    shown.className = 'sg-storage-note';
    shown.setAttribute('role', 'status');
    /** @type {Node} */ (root.parentNode).insertBefore(shown, root);
    var show = function () {
      var text = status === 'ok' ? '' : NOTES[status];
      shown.textContent = text;
      shown.hidden = !text;
    };
    show();
    store.onStatus(show);
  };

  SG.store = store;
})();
