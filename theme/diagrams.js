// Diagrams drawn in the browser, for books built without Chromium: loads
// mermaid from the book itself, only on pages that have such a diagram, and
// redraws them when the reader switches between light and dark themes.
// Diagrams drawn at build time need none of this: CSS picks their variant.
(function () {
  'use strict';

  // How mermaid draws a diagram, here and at build time: the preprocessor
  // loads this file into Chromium too (preprocessor/src/diagram/prerender/render_page.js).
  var drawing = window.StudyGuideDrawing = {
    // mermaid's settings for a theme ('default' or 'dark') and a source.
    settings: function (theme, source) {
      return {
        startOnLoad: false,
        theme: theme,
        securityLevel: 'strict',
        // mermaid's default, named because the build checks every diagram
        // against it (preprocessor/src/diagram/text_size.rs).
        maxTextSize: 50000,
        fontFamily: '"Open Sans", sans-serif',
        flowchart: { subGraphTitleMargin: { top: 0, bottom: titleMargin(source) } }
      };
    },
    // mermaid.render leaves entity placeholders (#quot; and the like) for
    // mermaid.run to decode; decode them the same way.
    decode: function (svg) {
      return svg.replace(/ﬂ°°/g, '&#').replace(/ﬂ°/g, '&').replace(/¶ß/g, ';');
    },
    // Draws one diagram in a theme: a promise of its SVG, or rejected with
    // mermaid's error. mermaid keeps a source's directives (`%%{init: …}%%`)
    // in global state until it is reset, and one it cannot apply (a colour
    // that is no colour) would make every later diagram fail: each drawing
    // starts and ends with mermaid reset.
    draw: function (mermaid, id, theme, source) {
      function reset() { mermaid.mermaidAPI.reset(); }
      return new Promise(function (resolve) {
        reset();
        mermaid.initialize(drawing.settings(theme, source));
        resolve(mermaid.render(id, source));
      }).then(function (result) {
        reset();
        return drawing.decode(result.svg);
      }, function (error) {
        reset();
        throw error;
      });
    }
  };

  // Room above a subgraph's contents for a title of several lines, which
  // mermaid otherwise draws under the subgraph's first nodes.
  function titleMargin(source) {
    var lines = 1;
    var pattern = /^\s*subgraph\s+[^\n\[]*\[\s*"?([^\]\n]*)/gm;
    var match;
    while ((match = pattern.exec(source))) {
      lines = Math.max(lines, match[1].split(/\\n|<br\s*\/?>/i).length);
    }
    return (lines - 1) * 16;
  }

  var SG = window.StudyGuide;
  if (!SG) return; // Chromium drawing at build time.

  // A drawing wider than the screen scrolls sideways (diagrams.css): it
  // says so, and takes the focus so the keyboard can scroll it.
  function markWideDrawings() {
    document.querySelectorAll('figure[data-sg-diagram]').forEach(function (figure) {
      // Both theme variants of a drawing have its width; one is shown.
      var boxes = [].slice.call(figure.querySelectorAll('.sg-diagram-svg'));
      var wide = boxes.some(function (box) {
        return box.offsetParent !== null && box.scrollWidth > box.clientWidth + 1;
      });
      boxes.forEach(function (box) {
        if (wide) box.setAttribute('tabindex', '0');
        else box.removeAttribute('tabindex');
      });
      var hint = figure.querySelector('.sg-diagram-hint');
      if (wide && !hint && boxes.length) {
        hint = document.createElement('p');
        hint.className = 'sg-diagram-hint';
        hint.textContent = 'Wider than the screen: scroll it sideways to see all of it.';
        boxes[boxes.length - 1].insertAdjacentElement('afterend', hint);
      } else if (!wide && hint) {
        hint.remove();
      }
    });
  }
  // Measured once diagrams.css applies (widgets.js marks <html data-sg-styled>).
  var html = document.documentElement;
  if (html.hasAttribute('data-sg-styled')) markWideDrawings();
  else {
    new MutationObserver(function (changes, observer) {
      if (!html.hasAttribute('data-sg-styled')) return;
      observer.disconnect();
      markWideDrawings();
    }).observe(html, { attributes: true, attributeFilter: ['data-sg-styled'] });
  }
  window.addEventListener('resize', markWideDrawings);

  var pending = Array.prototype.slice.call(document.querySelectorAll('[data-sg-diagram][data-render="client"]'));
  if (pending.length === 0) return;

  // mdBook's dark themes set `color-scheme: dark` on the root element.
  function isDark() {
    return getComputedStyle(document.documentElement).colorScheme === 'dark';
  }

  function loadMermaid() {
    if (window.mermaid) return Promise.resolve(window.mermaid);
    return SG.loadScript(SG.vendor + 'mermaid.min.js').then(function () { return window.mermaid; });
  }

  var drawnTheme = null;
  var counter = 0;

  // Draws every diagram in the current theme, unless they already are.
  function drawAll(mermaid) {
    var theme = isDark() ? 'dark' : 'default';
    if (theme === drawnTheme) return Promise.resolve();
    drawnTheme = theme;
    // One at a time: mermaid keeps global state while it lays a diagram out.
    return pending.reduce(function (chain, figure) {
      return chain.then(function () {
        var canvas = figure.querySelector('[data-sg-canvas]');
        var source = figure.querySelector('[data-sg-source]').textContent;
        return drawing.draw(mermaid, 'sg-diagram-' + (++counter), theme, source).then(function (svg) {
          canvas.innerHTML = svg;
          figure.querySelector('.sg-diagram-source').open = false;
          figure.setAttribute('data-drawn', theme);
        }, function (error) {
          canvas.textContent = 'This diagram could not be drawn: ' + (error && error.message || error);
          canvas.classList.add('sg-error');
        });
      });
    }, Promise.resolve());
  }

  // Drawings run one after another; a theme switch during one is drawn
  // once it ends (drawAll skips a theme that is already drawn).
  var queue = Promise.resolve();
  function redraw(mermaid) {
    queue = queue.then(function () { return drawAll(mermaid); });
    return queue;
  }

  // Printing waits for this (widgets.js): the first drawing of every diagram.
  SG.diagrams = loadMermaid().then(function (mermaid) {
    new MutationObserver(function () { redraw(mermaid); })
      .observe(document.documentElement, { attributes: true, attributeFilter: ['class'] });
    return redraw(mermaid);
  }, function () {
    // Without mermaid the source stays open in place of the drawing.
  });
})();
