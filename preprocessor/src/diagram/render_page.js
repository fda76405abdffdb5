// Loaded into Chromium by the preprocessor to draw diagrams with mermaid at
// build time. The same settings as theme/diagrams.js uses in the browser.
// Room above a subgraph's contents for a title of several lines, which
// mermaid otherwise draws under the subgraph's first nodes.
function sgTitleMargin(source) {
  let lines = 1;
  for (const match of source.matchAll(/^\s*subgraph\s+[^\n\[]*\[\s*"?([^\]\n]*)/gm)) {
    lines = Math.max(lines, match[1].split(/\\n|<br\s*\/?>/i).length);
  }
  return (lines - 1) * 16;
}

window.sgRender = async function (source, id) {
  // mermaid.render leaves entity placeholders (#quot; and the like) for
  // mermaid.run to decode; decode them the same way.
  function decode(svg) {
    return svg.replace(/ﬂ°°/g, '&#').replace(/ﬂ°/g, '&').replace(/¶ß/g, ';');
  }
  const out = {};
  for (const [variant, theme] of [['light', 'default'], ['dark', 'dark']]) {
    mermaid.initialize({
      startOnLoad: false,
      theme: theme,
      securityLevel: 'strict',
      fontFamily: '"Open Sans", sans-serif',
      flowchart: { subGraphTitleMargin: { top: 0, bottom: sgTitleMargin(source) } },
    });
    try {
      const result = await mermaid.render(id + '-' + variant, source);
      out[variant] = decode(result.svg);
    } catch (error) {
      return { error: String((error && error.message) || error) };
    }
  }
  return out;
};
window.sgParse = async function (source) {
  try {
    await mermaid.parse(source);
    return null;
  } catch (error) {
    return String((error && error.message) || error);
  }
};
