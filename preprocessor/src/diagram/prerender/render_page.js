// Loaded into Chromium by the preprocessor, after theme/diagrams.js (which
// holds mermaid's settings, shared with the reader's browser), to draw
// diagrams with mermaid at build time.
window.sgRender = async function (source, id) {
  const drawing = window.StudyGuideDrawing;
  const out = {};
  for (const [variant, theme] of [['light', 'default'], ['dark', 'dark']]) {
    mermaid.initialize(drawing.settings(theme, source));
    try {
      const result = await mermaid.render(id + '-' + variant, source);
      out[variant] = drawing.decode(result.svg);
    } catch (error) {
      return { error: String((error && error.message) || error) };
    }
  }
  return out;
};
