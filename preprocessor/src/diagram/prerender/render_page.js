// Loaded into Chromium by the preprocessor, after theme/diagrams.js (which
// holds mermaid's settings and way of drawing, shared with the reader's
// browser), to draw diagrams with mermaid at build time. It never throws: a
// diagram mermaid rejects comes back as its error.
//
// A diagram is laid out once. Most drawings differ between the light and the
// dark theme only in their <style>, which mermaid writes from the theme
// before it lays the diagram out: the dark variant is then the light drawing
// with the dark style, taken as mermaid writes it and the drawing stopped
// there. Types that colour their markup from the theme (a pie's slices, a
// state's rounded boxes) and drawings whose markup holds a colour of the
// light theme are drawn again in the dark theme.
(function () {
  'use strict';

  // Types whose markup keeps no colour of the theme (mermaid 11.17; the
  // mermaid-types browser test holds every one of them to a full drawing).
  // A flowchart's does, for some shapes: its markup is looked at first.
  const STYLED_ONLY = new Set([
    'architecture', 'block', 'c4', 'gantt', 'gitGraph', 'info', 'ishikawa', 'journey', 'kanban', 'mindmap', 'packet',
    'radar', 'railroad', 'railroadAbnf', 'railroadEbnf', 'railroadPeg', 'sankey', 'timeline', 'treeView',
  ]);
  const FLOWCHARTS = new Set(['flowchart', 'flowchart-elk', 'flowchart-v2']);

  const STOP = new Error('the style was taken; the drawing is not needed');

  /**
   * The style mermaid writes for `source` in `theme`, as it reaches the
   * drawing (placeholders decoded, then escaped as markup inside an SVG),
   * or null when mermaid did not write it as expected.
   * @param {string} id
   * @param {string} theme
   * @param {string} source
   */
  async function styleOf(id, theme, source) {
    const drawing = window.StudyGuideDrawing;
    const proto = HTMLStyleElement.prototype;
    const inner = /** @type {PropertyDescriptor} */ (Object.getOwnPropertyDescriptor(Element.prototype, 'innerHTML'));
    let css = null;
    Object.defineProperty(proto, 'innerHTML', {
      configurable: true,
      get() { return inner.get && inner.get.call(this); },
      set(value) { css = String(value); throw STOP; },
    });
    try {
      mermaid.mermaidAPI.reset();
      mermaid.initialize(drawing.settings(theme, source));
      await mermaid.render(id, source);
      css = null; // drawn without a style: not what this expects
    } catch (error) {
      if (error !== STOP) css = null;
    } finally {
      delete proto.innerHTML;
      mermaid.mermaidAPI.reset();
      for (const left of ['d' + id, 'i' + id, id]) document.getElementById(left)?.remove();
    }
    if (css === null || !css.includes('#' + id)) return null;
    // What mermaid's sanitiser makes of a style inside an SVG: parsed, then written out.
    const parsed = new DOMParser().parseFromString('<svg><style>' + drawing.decode(css) + '</style></svg>', 'text/html');
    const svg = parsed.querySelector('svg');
    const written = svg ? svg.innerHTML : '';
    return written.startsWith('<style>') && written.endsWith('</style>') ? written.slice(7, -8) : null;
  }

  // The light theme's colours the dark theme changes, as attribute values.
  /** @type {string[] | null} */
  let lightOnly = null;
  function lightColours() {
    if (lightOnly) return lightOnly;
    const drawing = window.StudyGuideDrawing;
    const variables = (/** @type {string} */ theme) => {
      mermaid.mermaidAPI.reset();
      mermaid.initialize(drawing.settings(theme, ''));
      const values = mermaid.mermaidAPI.getConfig().themeVariables || {};
      mermaid.mermaidAPI.reset();
      return values;
    };
    const light = variables('default');
    const dark = variables('dark');
    lightOnly = Object.keys(light)
      .filter((key) => typeof light[key] === 'string' && light[key] !== dark[key] && /^(#|rgb|hsl|[a-z]+$)/i.test(light[key]))
      .map((key) => light[key].toLowerCase());
    return lightOnly;
  }

  /**
   * Whether a flowchart's light drawing's markup (its style, shadows and
   * gradients aside, which the build does not compare) holds a colour of the
   * light theme.
   * @param {string} svg
   */
  function coloursMarkup(svg) {
    const markup = svg.replace(/<style>[\s\S]*?<\/style>/, '')
      .replace(/<linearGradient[\s\S]*?<\/linearGradient>/g, '')
      .replace(/flood-color="[^"]*"/g, '')
      .toLowerCase();
    return lightColours().some((colour) => markup.includes('="' + colour + '"') || markup.includes(':' + colour)
      || markup.includes(': ' + colour));
  }

  /**
   * The dark variant from the light drawing, or null when it must be drawn.
   * @param {string} light
   * @param {string} source
   * @param {string} id
   */
  async function restyled(light, source, id) {
    let type;
    try {
      type = mermaid.detectType(source, window.StudyGuideDrawing.settings('default', source));
    } catch {
      return null;
    }
    if (!(STYLED_ONLY.has(type) || (FLOWCHARTS.has(type) && !coloursMarkup(light)))) return null;
    const css = await styleOf(id + '-dark', 'dark', source);
    const open = light.indexOf('<style>');
    const close = light.indexOf('</style>', open);
    if (css === null || open < 0 || close < 0) return null;
    const dark = light.slice(0, open + 7) + css + light.slice(close);
    return dark.split(id + '-light').join(id + '-dark');
  }

  window.sgRender = async function (source, id) {
    const drawing = window.StudyGuideDrawing;
    try {
      const light = await drawing.draw(mermaid, id + '-light', 'default', source);
      const dark = (await restyled(light, source, id)) ?? await drawing.draw(mermaid, id + '-dark', 'dark', source);
      return { light, dark };
    } catch (error) {
      // An image from the web the build cannot fetch (offline, say) is not
      // mermaid's verdict on the source: the reader's browser draws it.
      if (error && (error.name === 'EncodingError' || error.name === 'NetworkError')) {
        return { unreachable: String(error.message || error) };
      }
      return { error: String((error && error.message) || error) };
    }
  };
})();
