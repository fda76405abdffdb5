// Loads scripts of the book on demand: the diagram script and mermaid, on
// pages with diagrams that were not drawn at build time (the build copies
// both into the book's vendor/ folder); printing waits for them.
(function () {
  'use strict';
  var SG = window.StudyGuide;

  // The folder the build copies them into (VENDOR_DIR in the preprocessor's
  // diagram/prerender/client_bundle.rs, whose tests check the two agree).
  var VENDOR = 'vendor/';
  SG.vendor = VENDOR;

  // Loads a script of the book (a path from its root); resolves once it ran.
  SG.loadScript = function (path) {
    return new Promise(function (resolve, reject) {
      var script = document.createElement('script');
      script.src = (typeof path_to_root === 'string' ? path_to_root : '') + path;
      script.onload = resolve;
      script.onerror = function () { reject(new Error(path + ' could not be loaded')); };
      document.head.appendChild(script);
    });
  };

  if (document.querySelector('[data-render="client"]')) {
    SG.waitFor(SG.loadScript(VENDOR + 'diagrams.js').then(function () { return SG.diagrams; }));
  }
})();
