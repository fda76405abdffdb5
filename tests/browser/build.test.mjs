// Builds with Chromium drawing the diagrams: two builds of the same sources,
// each with a cold diagram cache, write byte-identical sites.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { copyBook, studyguide } from './harness.mjs';
import { stripAnsi } from './assertions.mjs';

function files(dir, prefix = '') {
  return readdirSync(dir).sort().flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? files(full, `${prefix}${name}/`) : [`${prefix}${name}`];
  });
}

test('two builds of the same sources, drawing every diagram afresh, are byte-identical', () => {
  const books = [copyBook('studyguide-repro-'), copyBook('studyguide-repro-')];
  for (const book of books) {
    const result = studyguide(['build', book]);
    assert.equal(result.status, 0, result.stderr);
    assert.match(stripAnsi(result.stderr), /diagrams: 7 drawn, 0 from the cache/);
  }
  const [a, b] = books.map((book) => path.join(book, 'book'));
  const list = files(a);
  assert.deepEqual(files(b), list, 'the same files');
  assert.ok(list.length > 40);
  for (const file of list) {
    assert.ok(readFileSync(path.join(a, file)).equals(readFileSync(path.join(b, file))), `${file} differs`);
  }
});
