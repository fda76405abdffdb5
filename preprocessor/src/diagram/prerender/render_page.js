// Loaded into Chromium by the preprocessor, after theme/diagrams.js (which
// holds mermaid's settings and way of drawing, shared with the reader's
// browser), to draw diagrams with mermaid at build time. It never throws: a
// diagram mermaid rejects comes back as its error.
window.sgRender = async function (source, id) {
  const drawing = window.StudyGuideDrawing;
  const out = {};
  for (const [variant, theme] of [['light', 'default'], ['dark', 'dark']]) {
    try {
      out[variant] = await drawing.draw(mermaid, id + '-' + variant, theme, source);
    } catch (error) {
      return { error: String((error && error.message) || error) };
    }
  }
  return out;
};
