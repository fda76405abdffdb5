// Diagrams drawn in the browser, for books built without Chromium: loads
// mermaid from the book itself, only on pages that have such a diagram, and
// redraws them when the reader switches between light and dark themes.
// Diagrams drawn at build time need none of this: CSS picks their variant.
(function () {
  'use strict';
  var SG = window.StudyGuide;
  var pending = Array.prototype.slice.call(document.querySelectorAll('[data-sg-diagram][data-render="client"]'));
  if (pending.length === 0) return;

  var DARK = ['coal', 'navy', 'ayu'];
  function isDark() {
    var classes = document.documentElement.classList;
    return DARK.some(function (name) { return classes.contains(name); });
  }

  function loadMermaid() {
    return new Promise(function (resolve, reject) {
      if (window.mermaid) return resolve(window.mermaid);
      var script = document.createElement('script');
      script.src = (typeof path_to_root === 'string' ? path_to_root : '') + 'vendor/mermaid.min.js';
      script.onload = function () { resolve(window.mermaid); };
      script.onerror = function () { reject(new Error('mermaid could not be loaded')); };
      document.head.appendChild(script);
    });
  }

  var drawnTheme = null;
  var counter = 0;

  function drawAll(mermaid) {
    var theme = isDark() ? 'dark' : 'default';
    if (theme === drawnTheme) return Promise.resolve();
    drawnTheme = theme;
    mermaid.initialize({ startOnLoad: false, theme: theme, securityLevel: 'strict' });
    // One at a time: mermaid keeps global state while it lays a diagram out.
    return pending.reduce(function (chain, figure) {
      return chain.then(function () {
        var canvas = figure.querySelector('[data-sg-canvas]');
        var source = figure.querySelector('[data-sg-source]').textContent;
        return mermaid.render('sg-diagram-' + (++counter), source).then(function (result) {
          canvas.innerHTML = result.svg;
          figure.querySelector('.sg-diagram-source').open = false;
          figure.setAttribute('data-drawn', theme);
        }, function (error) {
          canvas.textContent = 'This diagram could not be drawn: ' + (error && error.message || error);
          canvas.classList.add('sg-error');
        });
      });
    }, Promise.resolve());
  }

  var ready = loadMermaid().then(function (mermaid) {
    return drawAll(mermaid).then(function () {
      new MutationObserver(function () { drawAll(mermaid); })
        .observe(document.documentElement, { attributes: true, attributeFilter: ['class'] });
    });
  }, function () {
    // Without mermaid the source stays open in place of the drawing.
  });
  SG.waitFor(ready);
})();
