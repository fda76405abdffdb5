// Builds with Chromium drawing the diagrams: two builds of the same sources,
// each with a cold diagram cache, write byte-identical sites. On each of the
// fixture books (tests/books/).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { buildBook, copyFixture } from './harness.mjs';

function files(dir, prefix = '') {
  return readdirSync(dir).sort().flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? files(full, `${prefix}${name}/`) : [`${prefix}${name}`];
  });
}

// Each fixture book, and how many diagrams it has.
const FIXTURES = { quiz: 0, limits: 0, diagrams: 4 };

test('two builds of the same sources, drawing every diagram afresh, are byte-identical', () => {
  for (const [name, diagrams] of Object.entries(FIXTURES)) {
    const books = [copyFixture(name, 'studyguide-repro-'), copyFixture(name, 'studyguide-repro-')];
    for (const book of books) {
      const result = buildBook(book);
      assert.equal(result.status, 0, result.stderr);
      if (diagrams) assert.match(result.log, new RegExp(`diagrams: ${diagrams} drawn, 0 from the cache`));
    }
    const [a, b] = books.map((book) => path.join(book, 'book'));
    const list = files(a);
    assert.deepEqual(files(b), list, `${name}: the same files`);
    assert.ok(list.length > 40, `${name}: ${list.length} files`);
    for (const file of list) {
      assert.ok(readFileSync(path.join(a, file)).equals(readFileSync(path.join(b, file))), `${name}: ${file} differs`);
    }
  }
});
