// log.js: the log's schema, its one validator and its constructors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadTheme } from './theme.mjs';

const SG = loadTheme(['log.js']);
const { valid, clean, compact, make } = SG.log;
const T = Date.UTC(2026, 11, 1);

test('each constructor makes an entry the validator takes, stamped with the time given or now', () => {
  const entries = [
    make.question({ id: 'q1', h: 'abc', p: [2], ok: true, w: 'quiz', t: T }),
    make.question({ id: 'q1', h: 'abc', p: [0], ok: false, w: 'quiz', rv: true, t: T }),
    make.limit({ id: 'l1', h: 'abc', ok: false, w: 'limit', t: T }),
    make.grade({ card: 'q:q1', h: 'abc', g: 3, t: T }),
    make.later({ card: 'q:q1', h: 'abc', t: T }),
    make.exam({ page: 'e1', mode: 'exam', n: 2, right: 1, pct: 50, passed: false, start: T - 1, t: T,
      chapters: ['c'], wrong: ['q1'], flagged: [] }),
  ];
  for (const e of entries) assert.ok(valid(e), JSON.stringify(e));
  assert.equal(entries[1].rv, true);
  assert.equal('rv' in entries[0], false, 'rv only when revealed');
  const before = Date.now();
  assert.ok(make.later({ card: 'l:x', h: 'h' }).t >= before);
});

test('the validator refuses what the schema does not allow', () => {
  const good = { k: 'q', id: 'q1', h: 'abc', p: [1], ok: true, t: T, w: 'quiz' };
  assert.ok(valid(good));
  for (const bad of [
    null, [], 'q', { ...good, k: 'x' }, { ...good, t: -1 }, { ...good, t: NaN }, { ...good, p: [100] },
    { ...good, p: [0.5] }, { ...good, id: '' }, { ...good, h: 'x'.repeat(101) }, { ...good, ok: 'yes' },
    { ...good, rv: 1 }, { k: 'g', card: 'x:1', h: 'a', g: 3, t: T }, { k: 'g', card: 'q:1', h: 'a', g: 5, t: T },
    { k: 'exam', page: 'e', mode: 'exam', n: 1, right: 2, pct: 100, passed: true, start: 0, t: 1, chapters: [], wrong: [], flagged: [] },
  ]) assert.equal(valid(bad), false, JSON.stringify(bad));
});

test('clean keeps only the known fields of a valid entry', () => {
  const cleaned = clean({ k: 'later', card: 'q:q1', h: 'a', t: T, extra: '<script>' });
  assert.deepEqual(cleaned, { k: 'later', card: 'q:q1', h: 'a', t: T });
  assert.equal(clean({ k: 'later' }), null);
});

test('compact keeps the first wrong, the last right and the last attempt of each version, and all else', () => {
  const q = (ok, t, h = 'v1') => make.question({ id: 'q1', h, p: [ok ? 1 : 0], ok, w: 'quiz', t });
  const log = [q(false, 1), q(false, 2), q(true, 3), q(true, 4), q(false, 5), q(false, 6, 'v2'),
    make.grade({ card: 'q:q1', h: 'v1', g: 1, t: 7 }), make.later({ card: 'q:q1', h: 'v1', t: 8 })];
  assert.deepEqual(compact(log).map((e) => e.t), [1, 4, 5, 6, 7, 8]);
});
