// @ts-check
// For a book whose book.toml does not list our files yet (one written for
// mdbook-mermaid, say): the build puts this script at the top of each
// chapter with a block, and writes what every page loads into the book's
// studyguide/ folder, from where this loads it, once per page, until
// `mdbook-studyguide install` lists it in book.toml.
(function (d) {
  'use strict';
  if (window.StudyGuideBoot) return;
  window.StudyGuideBoot = true;
  const root = (typeof path_to_root === 'string' ? path_to_root : '') + 'studyguide/';
  for (const name of ['base.css', 'mdbook.css']) {
    const link = d.createElement('link');
    link.rel = 'stylesheet';
    link.href = root + name;
    d.head.appendChild(link);
  }
  d.addEventListener('DOMContentLoaded', function () {
    for (const name of ['loader.js', 'mdbook.js']) {
      const script = d.createElement('script');
      script.async = false;
      script.src = root + name;
      d.head.appendChild(script);
    }
  });
})(document);
