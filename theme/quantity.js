// @ts-check
// A learner's typed answer as a quantity: "15 min" → { dimension: 'duration',
// base: 900000 }; "118 elements" → a count of 118. The grammar is
// limits/quantity.rs's; its unit words come from the build (the manifest's
// `units`), so the two cannot drift; tests/fixtures/quantities.json holds
// the cases both are tested against.
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
  // quantity.rs's NOUN_MIN_LETTERS and CHANGED_LETTER_MIN_LENGTH.
  const NOUN_MIN_LETTERS = 3;
  const CHANGED_LETTER_MIN_LENGTH = 6;
  const LETTER = /\p{Alphabetic}/u;
  const WORD = /^\p{Alphabetic}(?:[\p{Alphabetic}'’-]*\p{Alphabetic})?$/u;

  /**
   * Whether `a` is `b`, or `b` with one letter added, dropped, swapped with
   * its neighbour or (when `changed` allows it) changed.
   * @param {string[]} a
   * @param {string[]} b
   * @param {boolean} changed
   */
  function oneEditApart(a, b, changed) {
    const [short, long] = a.length <= b.length ? [a, b] : [b, a];
    let same = 0;
    while (same < short.length && short[same] === long[same]) same++;
    const tailsEqual = (/** @type {number} */ from, /** @type {number} */ shift) =>
      short.slice(from).join('\u0000') === long.slice(from + shift).join('\u0000');
    if (long.length - short.length === 1) return tailsEqual(same, 1);
    if (long.length !== short.length) return false;
    if (same === short.length) return true;
    const rest = same + 1;
    const swapped = rest < short.length && short[same] === long[rest] && short[rest] === long[same] &&
      tailsEqual(rest + 1, 0);
    return swapped || (changed && tailsEqual(rest, 0));
  }

  /**
   * Whether a word is a unit word or one edit from one (quantity.rs's
   * misspelt_unit); one-letter units are left out.
   * @param {string} word
   */
  function misspeltUnit(word) {
    const letters = [...word.toLowerCase()];
    return Object.keys(UNITS).some((unit) => unit.length > 1 &&
      oneEditApart(letters, [...unit], [...unit].length >= CHANGED_LETTER_MIN_LENGTH));
  }

  /**
   * Whether text after a number says what a count counts (quantity.rs's
   * is_count_noun): words of letters one space apart, none "per" or
   * "every", the first of three letters or more and not one edit from a unit.
   * @param {string} text
   */
  function isCountNoun(text) {
    const words = text.split(' ');
    return words.every((w) => WORD.test(w) && !/^(?:per|every)$/i.test(w)) &&
      [...words[0]].filter((c) => LETTER.test(c)).length >= NOUN_MIN_LETTERS && !misspeltUnit(words[0]);
  }

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
    const unit = match[3] === '' ? COUNT : UNITS[match[3].toLowerCase()] || (isCountNoun(match[3]) ? COUNT : undefined);
    const amount = parseFloat(match[1].replace(/[,_]/g, '') + (match[2] || ''));
    if (!unit) {
      const seconds = period(match[3].toLowerCase());
      return seconds && amount <= 1e15 ? { dimension: 'rate', base: amount / seconds, unitless: false } : null;
    }
    return amount <= 1e15 ? { dimension: /** @type {string} */ (unit[0]), base: amount * /** @type {number} */ (unit[1]), unitless: match[3] === '' } : null;
  }

  /**
   * The period of a rate written over one ("every 10 seconds", "requests
   * per minute"), in seconds, or 0. A noun before it is a count's, of one
   * word.
   * @param {string} text lower-cased
   */
  function period(text) {
    const match = /^(?:(.*?) )?(?:every|per) \s*((?:[1-9]\d{0,2}(?:[,_]\d{3})+|\d+)(?:\.\d+)?)?\s*(\S.*)$/.exec(text);
    if (!match) return 0;
    const noun = !match[1] || (isCountNoun(match[1]) && match[1].indexOf(' ') < 0);
    const unit = UNITS[match[3]];
    if (!noun || !unit || unit[0] !== 'duration') return 0;
    const amount = match[2] ? parseFloat(match[2].replace(/[,_]/g, '')) : 1;
    return amount > 0 ? amount * /** @type {number} */ (unit[1]) / 1000 : 0;
  }

  /**
   * Whether two base values are the same quantity (to rounding).
   * @param {number} a
   * @param {number} b
   */
  function same(a, b) {
    return Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b), 1);
  }

  /**
   * The base values one amount with no unit would be in each unit of a
   * dimension ("604,800" is 604,800 s, 604,800 min, …).
   * @param {number} amount
   * @param {string} dimension
   * @returns {number[]}
   */
  function inEveryUnit(amount, dimension) {
    const out = [];
    for (const word in UNITS) if (UNITS[word][0] === dimension) out.push(amount * /** @type {number} */ (UNITS[word][1]));
    return out.length ? out : [amount];
  }

  /**
   * Every quantity a sentence states ("up to 604,800 seconds, minus 100"):
   * where it is, and what it is. A number is read with the longest unit of
   * up to three words after it, or as a bare number; a count as its number
   * alone, since any words may say what it counts.
   * @param {string} text
   * @returns {{start: number, end: number, quantity: Quantity}[]}
   */
  function mentions(text) {
    const found = [];
    const number = /(^|[^\w.,])((?:[1-9]\d{0,2}(?:,\d{3})+|\d+)(?:\.\d+)?)/g;
    let match;
    while ((match = number.exec(text))) {
      const start = match.index + match[1].length;
      const after = text.slice(start + match[2].length);
      const words = after.match(/^(\s*[^\s\d,.;:()]+){0,3}/);
      const tail = words ? words[0] : '';
      const parts = tail.match(/\s*[^\s\d,.;:()]+/g) || [];
      let hit = null;
      for (let n = parts.length; n >= 0 && !hit; n--) {
        const phrase = parts.slice(0, n).join('');
        const q = parse(match[2] + phrase);
        if (q && (n === 0 || q.dimension !== 'count')) hit = { start, end: start + match[2].length + phrase.length, quantity: q };
      }
      if (hit) {
        found.push(hit);
        number.lastIndex = hit.end;
      }
    }
    return found;
  }

  /**
   * Whether a stated quantity gives away one of a limit's values: the same
   * quantity in any unit, or its number alone in some unit of the limit's.
   * @param {Quantity} stated
   * @param {string} dimension
   * @param {number[]} values
   */
  function givesAway(stated, dimension, values) {
    if (stated.unitless && dimension !== 'count') {
      return inEveryUnit(stated.base, dimension).some((base) => values.some((v) => same(base, v)));
    }
    return stated.dimension === dimension && values.some((v) => same(stated.base, v));
  }

  SG.quantity = { parse, same, mentions, givesAway };
  SG.parseQuantity = parse;
})();
