// @ts-check
// Diagrams. A drawing wider than the screen says so and takes the focus, so
// the keyboard can scroll it. Diagrams left to the browser (books built
// without Chromium) are drawn with mermaid from the book itself, only on
// pages that have one, and drawn again when the reader switches between
// light and dark themes. Diagrams drawn at build time need none of that:
// CSS picks their variant.
(function () {
  'use strict';

  /**
   * How mermaid draws a diagram, here and at build time: the preprocessor
   * loads this file into Chromium too (diagram/prerender/render_page.js).
   */
  const drawing = window.StudyGuideDrawing = {
    /**
     * mermaid's settings for a theme ('default' or 'dark') and a source.
     * @param {string} theme
     * @param {string} source
     */
    settings(theme, source) {
      return {
        startOnLoad: false,
        theme,
        securityLevel: 'strict',
        // mermaid's default, named because the build checks every diagram
        // against it (preprocessor/src/diagram/text_size.rs).
        maxTextSize: 50000,
        fontFamily: '"Open Sans", sans-serif',
        flowchart: { subGraphTitleMargin: { top: 0, bottom: titleMargin(source) } },
      };
    },
    /**
     * mermaid.render leaves entity placeholders (#quot; and the like) for
     * mermaid.run to decode; decode them the same way.
     * @param {string} svg
     */
    decode(svg) {
      return svg.replace(/ﬂ°°/g, '&#').replace(/ﬂ°/g, '&').replace(/¶ß/g, ';');
    },
    /**
     * Draws one diagram in a theme: a promise of its SVG, or rejected with
     * mermaid's error. mermaid keeps a source's directives (`%%{init: …}%%`)
     * in global state until it is reset, and one it cannot apply (a colour
     * that is no colour) would make every later diagram fail: each drawing
     * starts and ends with mermaid reset.
     * @param {any} mermaid
     * @param {string} id
     * @param {string} theme
     * @param {string} source
     * @returns {Promise<string>}
     */
    draw(mermaid, id, theme, source) {
      const reset = () => mermaid.mermaidAPI.reset();
      return new Promise((resolve) => {
        reset();
        mermaid.initialize(drawing.settings(theme, source));
        resolve(mermaid.render(id, source));
      }).then((/** @type {{svg: string}} */ result) => {
        reset();
        return drawing.decode(result.svg);
      }, (error) => {
        reset();
        throw error;
      });
    },
  };

  /**
   * Room above a subgraph's contents for a title of several lines, which
   * mermaid otherwise draws under the subgraph's first nodes.
   * @param {string} source
   */
  function titleMargin(source) {
    let lines = 1;
    for (const match of source.matchAll(/^\s*subgraph\s+[^\n[]*\[\s*"?([^\]\n]*)/gm)) {
      lines = Math.max(lines, match[1].split(/\\n|<br\s*\/?>/i).length);
    }
    return (lines - 1) * 16;
  }

  const SG = window.StudyGuide;
  if (!SG || !SG.Component) return; // Chromium drawing at build time.

  // mdBook's dark themes set `color-scheme: dark` on the root element.
  const isDark = () => getComputedStyle(document.documentElement).colorScheme === 'dark';

  /** @type {Promise<any> | null} */
  let mermaidLoaded = null;
  function loadMermaid() {
    if (window.mermaid) return Promise.resolve(window.mermaid);
    mermaidLoaded = mermaidLoaded || SG.loadScript(SG.vendor + 'mermaid.min.js').then(() => window.mermaid);
    return mermaidLoaded;
  }

  /** @type {Diagram[]} */
  const all = [];
  /** @type {Promise<unknown>[]} */
  const firstDrawings = [];
  let counter = 0;
  // Drawings run one after another (mermaid keeps global state while it
  // lays a diagram out); a theme switch during one is drawn once it ends.
  /** @type {Promise<unknown>} */
  let queue = Promise.resolve();

  class Diagram extends SG.Component {
    static moduleName = 'diagram';

    /** @param {Element} root the diagram's figure */
    constructor(root) {
      super(root);
      /** @type {HTMLElement[]} */
      this.boxes = [...this.root.querySelectorAll('.sg-diagram-svg')].map((box) => /** @type {HTMLElement} */ (box));
      /** @type {string | null} */
      this.drawnTheme = null;
      all.push(this);
      measureSoon(this);
      if (this.root.getAttribute('data-render') === 'client') {
        firstDrawings.push(loadMermaid().then(() => this.redraw(), () => {
          // Without mermaid the source stays open in place of the drawing.
        }));
        // Printing waits for this (widgets.js): the first drawing of every diagram.
        SG.diagrams = Promise.all(firstDrawings);
      }
    }

    /**
     * A drawing wider than its column at a legible size scrolls, says so,
     * and takes the focus; a button under it shows it whole (labels small)
     * and zooms back in. `wide`: whether it is, measured zoomed in.
     * @param {boolean} wide
     * @param {boolean} whole whether it was shown whole
     */
    showWide(wide, whole) {
      if (whole && wide) this.root.classList.add('sg-diagram-whole');
      const scrolls = wide && !whole;
      this.boxes.forEach((box) => {
        if (scrolls) box.setAttribute('tabindex', '0');
        else box.removeAttribute('tabindex');
      });
      let hint = /** @type {HTMLElement | null} */ (this.root.querySelector('.sg-diagram-hint'));
      if (wide && !hint && this.boxes.length) {
        const h = SG.dom.h;
        hint = h('p', { class: 'sg-diagram-hint' }, [h('span'), ' ', h('button', { type: 'button', class: 'sg-diagram-zoom' })]);
        const button = /** @type {HTMLElement} */ (hint.querySelector('button'));
        button.addEventListener('click', () => {
          this.root.classList.toggle('sg-diagram-whole');
          markWide([this]);
          button.focus();
        });
        this.boxes[this.boxes.length - 1].insertAdjacentElement('afterend', hint);
      } else if (!wide && hint) {
        hint.remove();
        hint = null;
      }
      if (hint) {
        const shownWhole = this.root.classList.contains('sg-diagram-whole');
        /** @type {HTMLElement} */ (hint.firstElementChild).textContent = shownWhole
          ? 'Shown whole, with small labels.' : 'Wider than the screen: scroll it sideways to see all of it.';
        /** @type {HTMLElement} */ (hint.lastElementChild).textContent = shownWhole ? 'Zoom in to read it' : 'See it whole';
      }
    }

    /** Draws the diagram in the current theme, after those queued before it. */
    redraw() {
      queue = queue.then(() => this.draw());
      return queue;
    }

    draw() {
      const theme = isDark() ? 'dark' : 'default';
      const mermaid = window.mermaid;
      if (theme === this.drawnTheme || !mermaid) return Promise.resolve();
      this.drawnTheme = theme;
      const canvas = /** @type {HTMLElement} */ (this.root.querySelector('[data-sg-canvas]'));
      const source = /** @type {HTMLElement} */ (this.root.querySelector('[data-sg-source]')).textContent || '';
      return drawing.draw(mermaid, 'sg-diagram-' + (++counter), theme, source).then((svg) => {
        canvas.innerHTML = svg;
        /** @type {HTMLDetailsElement} */ (this.root.querySelector('.sg-diagram-source')).open = false;
        this.root.setAttribute('data-drawn', theme);
      }, (/** @type {any} */ error) => {
        canvas.textContent = 'This diagram could not be drawn: ' + (error && error.message || error);
        canvas.classList.add('sg-error');
      });
    }
  }

  /**
   * Which of these drawings are wider than their column at a legible size,
   * each then marked as such. All are measured before any is changed: a
   * page of many diagrams is laid out once, not once a diagram.
   * @param {Diagram[]} diagrams
   */
  function markWide(diagrams) {
    const whole = diagrams.map((d) => d.root.classList.contains('sg-diagram-whole'));
    diagrams.forEach((d, i) => { if (whole[i]) d.root.classList.remove('sg-diagram-whole'); });
    // Both theme variants of a drawing have its width; one is shown.
    const wide = diagrams.map((d) => d.boxes.some((box) => box.offsetParent !== null && box.scrollWidth > box.clientWidth + 1));
    diagrams.forEach((d, i) => d.showWide(wide[i], whole[i]));
  }

  /** @type {Diagram[]} */
  let unmeasured = [];
  /**
   * Measures a new diagram once the page is styled, with every other
   * diagram started in the same turn.
   * @param {Diagram} diagram
   */
  function measureSoon(diagram) {
    unmeasured.push(diagram);
    if (unmeasured.length > 1) return;
    whenStyled(() => queueMicrotask(() => {
      const batch = unmeasured;
      unmeasured = [];
      markWide(batch);
    }));
  }

  // Measured once diagrams.css applies (widgets.js marks <html data-sg-styled>).
  /** @param {() => void} fn */
  function whenStyled(fn) {
    const html = document.documentElement;
    if (html.hasAttribute('data-sg-styled')) return fn();
    new MutationObserver((changes, observer) => {
      if (!html.hasAttribute('data-sg-styled')) return;
      observer.disconnect();
      fn();
    }).observe(html, { attributes: true, attributeFilter: ['data-sg-styled'] });
  }

  window.addEventListener('resize', () => markWide(all));
  // mdBook switches themes by the root element's class.
  new MutationObserver(() => all.forEach((d) => { if (d.drawnTheme !== null) d.redraw(); }))
    .observe(document.documentElement, { attributes: true, attributeFilter: ['class'] });

  SG.define(Diagram);
})();
