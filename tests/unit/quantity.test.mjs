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
});

test('a count may say what it counts in any words, but not in a misspelt unit', () => {
  assert.deepEqual(SG.quantity.parse('118 elements'), { dimension: 'count', base: 118, unitless: false });
  assert.deepEqual(SG.quantity.parse('5 constructor'), { dimension: 'count', base: 5, unitless: false },
    'a word of Object.prototype is a noun like any other');
  for (const typo of ['15 minz', '10 GBs', '3 minytes', '5 counts', '5 __proto__']) assert.equal(SG.quantity.parse(typo), null, typo);
});

test('the quantities a sentence states are found with their longest unit, and words holding digits are left alone', () => {
  const said = (text) => SG.quantity.mentions(text).map((m) => [text.slice(m.start, m.end), m.quantity.dimension, m.quantity.base]);
  assert.deepEqual(said('Up to 604,800 seconds, minus 100.'), [['604,800 seconds', 'duration', 604800000], ['100', 'count', 100]]);
  assert.deepEqual(said('Sizes from 0.5 GB up to 118 or 237 GB'), [['0.5 GB', 'bytes', 0.5 * 2 ** 30], ['118', 'count', 118], ['237 GB', 'bytes', 237 * 2 ** 30]]);
  assert.deepEqual(said('base64, S3 and gp3 volumes; 1,000 requests per second'), [['1,000 requests per second', 'rate', 1000]]);
  assert.deepEqual(said('Up to 30 results a page'), [['30', 'count', 30]], 'a count is its number');
});

test('a stated quantity gives a value away in any unit, and a bare number in any unit of the value\'s', () => {
  const week = 7 * 86400000;
  const q = (text) => SG.quantity.parse(text);
  assert.equal(SG.quantity.givesAway(q('604,800 seconds'), 'duration', [week]), true);
  assert.equal(SG.quantity.givesAway(q('168'), 'duration', [week]), true, '168 hours');
  assert.equal(SG.quantity.givesAway(q('3 seconds'), 'duration', [week]), false);
  assert.equal(SG.quantity.givesAway(q('100'), 'count', [100]), true);
  assert.equal(SG.quantity.givesAway(q('100 MB'), 'count', [100]), false);
});
