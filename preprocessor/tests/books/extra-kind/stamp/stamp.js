// @ts-check
// The stamp module's script (tests/extra_kind.rs): loaded by widgets.js on
// the pages with a ```stamp block only, as the manifest says. It defines the
// component of its name, which component.js starts on each block.
(function () {
  'use strict';
  const SG = window.StudyGuide;
  class Stamp extends SG.Component {
    static moduleName = 'stamp';

    /** @param {Element} root */
    constructor(root) {
      super(root);
      root.setAttribute('data-stamped', 'by stamp.js');
    }
  }
  SG.define(Stamp);
})();
