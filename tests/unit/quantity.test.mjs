// quantity.js: typed answers read with the unit words the build gives the
// pages, against the cases limits/quantity.rs is tested with too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadTheme, repoRoot } from './theme.mjs';

const SG = loadTheme(['quantity.js']);
const CASES = JSON.parse(readFileSync(path.join(repoRoot, 'tests', 'fixtures', 'quantities.json'), 'utf8'));

test('every shared case parses as quantity.rs parses it', () => {
  for (const c of CASES) {
    const q = SG.quantity.parse(c.input);
    if (c.base === null) assert.equal(q, null, c.input);
    else {
      assert.ok(q, c.input);
      assert.equal(q.dimension, c.dimension, c.input);
      assert.ok(SG.quantity.same(q.base, c.base), `${c.input}: ${q.base} ≠ ${c.base}`);
    }
  }
});

test('a bare number is a count, marked as without a unit', () => {
  assert.deepEqual(SG.quantity.parse('1,000'), { dimension: 'count', base: 1000, unitless: true });
  assert.equal(SG.quantity.parse('5 constructor'), null);
});
