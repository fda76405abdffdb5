// The XSS vectors the hostile-input tests put in every field: author text
// (xss.test.mjs) and imported progress files (progress.test.mjs).
// Each vector tries to set window.__xss or call alert(); the page must do neither.
export const VECTORS = [
  '<script>window.__xss=1;alert(1)</script>',
  '<img src=x onerror="window.__xss=1;alert(1)">',
  '<svg onload="window.__xss=1"></svg>',
  '<svg><script>window.__xss=1</script></svg>',
  '[click me](javascript:window.__xss=1)',
  '<a href="javascript:window.__xss=1" id="injected">x</a>',
  '"><script>window.__xss=1</script>',
  "' onmouseover='window.__xss=1' x='",
  '<math><mtext><table><mglyph><style><img src=x onerror="window.__xss=1">',
  '</script><script>window.__xss=1</script>',
  '<iframe src="javascript:window.__xss=1"></iframe>',
  '<a href="data:text/html,<script>alert(1)</script>">data</a>',
  '<style>main{display:none}</style>',
  '</form></table></div></figure><h1 id="injected">broken out</h1>',
  '<details open ontoggle="window.__xss=1">',
  '<object data="javascript:window.__xss=1"></object>',
  '{{limit <img src=x onerror="window.__xss=1">}}',
];
