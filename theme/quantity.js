// @ts-check
// A learner's typed answer as a quantity: "15 min" → { dimension: 'duration',
// base: 900000 }. The grammar is limits/quantity.rs's; its unit words come
// from the build (the manifest's `units`), so the two cannot drift;
// tests/fixtures/quantities.json holds the cases both are tested against.
// Pure: the Node unit tests load it with a bare `window`.
(function () {
  'use strict';
  const SG = window.StudyGuide;

  /** @typedef {{dimension: string, base: number, unitless: boolean}} Quantity */

  /** @type {{[word: string]: [string, number]}} word → [dimension, factor]; no prototype: "5 constructor" is no unit */
  const UNITS = Object.create(null);
  for (const unit of (SG.manifest && SG.manifest.units) || []) {
    for (const word of unit.words) UNITS[word] = [unit.dimension, unit.factor];
  }
  const COUNT = ['count', 1];

  /**
   * The quantity `text` states, or null. Digits are grouped in threes after
   * a first group of one to three not starting with 0 ("1,234,567"; "0,500"
   * is a decimal comma). No unit word holds a digit, a separator or a
   * point, so a number grouped otherwise ("1,2345") leaves an unknown unit
   * behind and is refused.
   * @param {string} text
   * @returns {Quantity | null}
   */
  function parse(text) {
    const match = /^\s*([1-9]\d{0,2}(?:[,_]\d{3})+|\d*)(\.\d+)?\s*(.*?)\.?\s*$/.exec(text || '');
    if (!match || !(match[1] || match[2])) return null;
    const unit = match[3] === '' ? COUNT : UNITS[match[3].toLowerCase()];
    if (!unit) return null;
    const amount = parseFloat(match[1].replace(/[,_]/g, '') + (match[2] || ''));
    return amount <= 1e15 ? { dimension: /** @type {string} */ (unit[0]), base: amount * /** @type {number} */ (unit[1]), unitless: match[3] === '' } : null;
  }

  /**
   * Whether two base values are the same quantity (to rounding).
   * @param {number} a
   * @param {number} b
   */
  function same(a, b) {
    return Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b), 1);
  }

  SG.quantity = { parse, same };
  SG.parseQuantity = parse;
})();
