// Our copies of mdBook's templates in theme/ (only toc.html.hbs: the one
// page our scripts cannot reach) follow mdBook's own: the template of the
// mdBook the book is built with is still the one ours was copied from, and
// ours is that template with our changes only. When mdBook changes its
// template, copy the new one and make the changes again.
// Run: node --test tests/browser/templates.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { repoRoot } from './harness.mjs';

// The mdBook HTML renderer the book is built with, from Cargo.lock.
function mdbookHtmlVersion() {
  const lock = readFileSync(path.join(repoRoot, 'Cargo.lock'), 'utf8');
  const found = /\[\[package\]\]\nname = "mdbook-html"\nversion = "([^"]+)"/.exec(lock);
  assert.ok(found, 'Cargo.lock has mdbook-html');
  return found[1];
}

// The crate's sources, where cargo unpacked them.
function mdbookHtmlSource(version) {
  const registry = path.join(process.env.CARGO_HOME || path.join(homedir(), '.cargo'), 'registry', 'src');
  const dirs = existsSync(registry) ? readdirSync(registry) : [];
  for (const dir of dirs) {
    const source = path.join(registry, dir, `mdbook-html-${version}`);
    if (existsSync(source)) return source;
  }
  assert.fail(`mdbook-html ${version} is not in ${registry}: build the preprocessor first (cargo build --release)`);
}

const sha256 = (text) => createHash('sha256').update(text).digest('hex');

// Each copy: mdBook's template, the version and hash of the one it was
// copied from, and our changes as [mdBook's text, ours].
const COPIES = [
  {
    ours: 'theme/toc.html.hbs',
    mdbook: 'front-end/templates/toc.html.hbs',
    version: '0.5.4',
    sha256: 'b8f2aa8f58af5054c9dff15b301ac31cf70c23da3dc92a27c912019df512bcb0',
    changes: [
      ['        <meta charset="UTF-8">\n',
        '        <meta charset="UTF-8">\n        <title>Table of contents - {{ book_title }}</title>\n'],
      ['        {{#toc}}{{/toc}}\n',
        '        <main>\n            <h1 style="position: absolute; width: 1px; height: 1px; margin: 0; overflow: hidden; clip-path: inset(50%); white-space: nowrap;">Table of contents</h1>\n            {{#toc}}{{/toc}}\n        </main>\n'],
    ],
  },
];

for (const copy of COPIES) {
  test(`${copy.ours} is mdBook ${copy.version}'s ${path.basename(copy.mdbook)} with our changes, and mdBook's is unchanged`, () => {
    const version = mdbookHtmlVersion();
    const original = readFileSync(path.join(mdbookHtmlSource(version), copy.mdbook), 'utf8');
    assert.equal(sha256(original), copy.sha256,
      `mdBook's ${copy.mdbook} (mdbook-html ${version}) is not the one ${copy.ours} was copied from (${copy.version}): copy it again and make our changes`);
    const ours = readFileSync(path.join(repoRoot, copy.ours), 'utf8');
    // Our header comment names where the copy comes from.
    const header = /^\{\{!--[\s\S]*?--\}\}\n/.exec(ours);
    assert.ok(header, `${copy.ours} starts with a comment`);
    assert.match(header[0], new RegExp(`mdBook ${copy.version.replace(/\./g, '\\.')}'s`));
    let expected = original;
    for (const [theirs, mine] of copy.changes) {
      assert.equal(expected.split(theirs).length, 2, `mdBook's template has ${JSON.stringify(theirs)} once`);
      expected = expected.replace(theirs, mine);
    }
    assert.equal(ours.slice(header[0].length), expected, `${copy.ours} differs from mdBook's only by our changes`);
  });
}
