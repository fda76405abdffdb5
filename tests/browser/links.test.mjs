// Every link and resource in the built book leads somewhere: the file exists,
// and a `#fragment` names an element of the page it points to.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { bookDir } from './harness.mjs';

function htmlFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return name === 'studyguide' ? [] : htmlFiles(full);
    return name.endsWith('.html') ? [full] : [];
  });
}

const ids = new Map();
function idsOf(file) {
  if (!ids.has(file)) {
    const html = readFileSync(file, 'utf8');
    ids.set(file, new Set([...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1])));
  }
  return ids.get(file);
}

function decode(value) {
  return value.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'");
}

test('every internal link and resource in the built book exists', () => {
  const pages = htmlFiles(bookDir);
  assert.ok(pages.length > 10, `pages in ${bookDir}`);
  const broken = [];
  let checked = 0;
  for (const page of pages) {
    // What inline scripts hold is theirs to build (404.html's base and files).
    const html = readFileSync(page, 'utf8').replace(/<script>[\s\S]*?<\/script>/g, '');
    for (const [, attr, raw] of html.matchAll(/\s(href|src)="([^"]*)"/g)) {
      const value = decode(raw);
      if (value === '' || /^(?:[a-z][a-z0-9+.-]*:|\/\/)/i.test(value)) continue;
      const [pathPart, fragment] = value.split('#');
      // A path from the root is from the site's root (site-url is "/").
      const from = pathPart.startsWith('/') ? bookDir : path.dirname(page);
      const target = pathPart === '' ? page : path.join(from, decodeURI(pathPart.split('?')[0]));
      const where = `${path.relative(bookDir, page)}: ${attr}="${value}"`;
      checked += 1;
      if (!existsSync(target)) {
        broken.push(`${where}: no such file`);
      } else if (fragment && target.endsWith('.html') && !idsOf(target).has(decodeURIComponent(fragment))) {
        broken.push(`${where}: no element with id "${fragment}"`);
      }
    }
  }
  assert.ok(checked > 100, `links checked: ${checked}`);
  assert.deepEqual(broken, []);
});
