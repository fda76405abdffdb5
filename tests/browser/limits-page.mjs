// What a limit table shows a learner, for the tests of practice mode on the
// fixture books and on the guide.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './harness.mjs';

const UNITS = JSON.parse(readFileSync(path.join(repoRoot, 'tests', 'fixtures', 'units.json'), 'utf8'));
const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// A value in every unit of its dimension, as text could state it: "900
// seconds", "15 min", "0.25 h"; a count as its bare number.
export function statedForms(dimension, base) {
  if (dimension === 'count') return [...new Set([base.toLocaleString('en-US'), String(base)])];
  const forms = [];
  for (const unit of UNITS.filter((u) => u.dimension === dimension)) {
    const n = base / unit.factor;
    if (!Number.isFinite(n) || n === 0 || Math.abs(n * 1000 - Math.round(n * 1000)) > 1e-6) continue;
    for (const number of new Set([n.toLocaleString('en-US', { maximumFractionDigits: 3 }), String(n)])) {
      for (const word of unit.words) forms.push(`${number} ${word}`, `${number}${word}`);
    }
  }
  return forms;
}

// The forms of the table's values that its visible cells state, less the
// value cells themselves (hidden while practised).
export async function givenAway(table) {
  const { rows, text } = await table.evaluate((el) => ({
    rows: [...el.querySelectorAll('[data-sg-limit]')].map((tr) => ({
      dimension: tr.getAttribute('data-dim'),
      values: tr.getAttribute('data-kind') === 'range' ? [Number(tr.getAttribute('data-min')), Number(tr.getAttribute('data-max'))]
        : [Number(tr.getAttribute('data-value'))],
    })),
    text: [...el.querySelectorAll('tbody :is(th, td)')].filter((cell) => !cell.querySelector('[data-sg-value]'))
      .map((cell) => /** @type {HTMLElement} */ (cell).innerText).join('\n'),
  }));
  return rows.flatMap((r) => r.values.flatMap((v) => statedForms(r.dimension, v)))
    .filter((form) => new RegExp(`(^|[^\\w,.])${escape(form)}(?![\\d,]|\\.\\d|[a-z])`, 'i').test(text));
}
