// Practice mode for limit tables: hide the values, let the learner recall
// each one (typed in any unit, or picked from a list), grade it at once.
(function () {
  'use strict';
  var SG = window.StudyGuide;

  // The same grammar as the preprocessor's quantity parser
  // (preprocessor/src/limits/quantity.rs); tests/fixtures/quantities.json
  // holds the cases both are tested against.
  var KB = 1024, MB = KB * 1024, GB = MB * 1024;
  var UNITS = {
    b: ['bytes', 1], byte: ['bytes', 1], bytes: ['bytes', 1],
    kb: ['bytes', KB], kib: ['bytes', KB], kilobyte: ['bytes', KB], kilobytes: ['bytes', KB],
    mb: ['bytes', MB], mib: ['bytes', MB], megabyte: ['bytes', MB], megabytes: ['bytes', MB],
    gb: ['bytes', GB], gib: ['bytes', GB], gigabyte: ['bytes', GB], gigabytes: ['bytes', GB],
    tb: ['bytes', GB * KB], tib: ['bytes', GB * KB], terabyte: ['bytes', GB * KB], terabytes: ['bytes', GB * KB],
    ms: ['duration', 1], millisecond: ['duration', 1], milliseconds: ['duration', 1],
    s: ['duration', 1e3], sec: ['duration', 1e3], secs: ['duration', 1e3], second: ['duration', 1e3], seconds: ['duration', 1e3],
    m: ['duration', 6e4], min: ['duration', 6e4], mins: ['duration', 6e4], minute: ['duration', 6e4], minutes: ['duration', 6e4],
    h: ['duration', 36e5], hr: ['duration', 36e5], hrs: ['duration', 36e5], hour: ['duration', 36e5], hours: ['duration', 36e5],
    d: ['duration', 864e5], day: ['duration', 864e5], days: ['duration', 864e5],
    '/s': ['rate', 1], 'per second': ['rate', 1], rps: ['rate', 1], 'requests per second': ['rate', 1],
    'requests/s': ['rate', 1], 'requests/second': ['rate', 1], 'req/s': ['rate', 1],
    count: ['count', 1]
  };
  var NOUNS = ('requests request executions execution invocations layers layer functions tasks ' +
    'containers connections messages items keys stages routes resources apis versions aliases tags').split(' ');

  // "15 min" -> {dimension: 'duration', base: 900000}; null if not a quantity.
  function parseQuantity(text) {
    var match = /^\s*(\d{1,3}(?:[,_]\d{3})+|\d+)(\.\d+)?\s*(.*?)\.?\s*$/.exec(text || '');
    if (!match) return null;
    var amount = parseFloat(match[1].replace(/[,_]/g, '') + (match[2] || ''));
    var unit = match[3].toLowerCase();
    if (unit === '' || NOUNS.indexOf(unit) >= 0) return { dimension: 'count', base: amount };
    var known = UNITS[unit];
    return known ? { dimension: known[0], base: amount * known[1] } : null;
  }

  function same(a, b) {
    return Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b), 1);
  }

  function element(name, attrs, text) {
    var el = document.createElement(name);
    for (var key in attrs) el.setAttribute(key, attrs[key]);
    if (text) el.textContent = text;
    return el;
  }

  var counter = 0;

  function Row(tr) {
    this.tr = tr;
    this.id = tr.getAttribute('data-id');
    this.key = 'sg:limit:' + this.id;
    this.hash = tr.getAttribute('data-hash');
    this.name = tr.querySelector('th').textContent;
    this.dimension = tr.getAttribute('data-dim');
    this.range = tr.getAttribute('data-kind') === 'range';
    this.choices = JSON.parse(tr.getAttribute('data-choices') || '[]');
    this.choiceAnswer = Number(tr.getAttribute('data-choice-answer'));
    this.value = tr.querySelector('[data-sg-value]');
    this.cell = this.value.parentNode;
    this.state = null;
  }

  // The practice controls for one mode: typed inputs or a list of choices.
  Row.prototype.build = function (mode) {
    if (this.form) this.cell.removeChild(this.form);
    var form = this.form = element('span', { 'class': 'sg-practice' });
    var fields = this.range ? ['Minimum', 'Maximum'] : [''];
    this.fields = [];
    if (mode === 'choose') {
      var id = 'sg-practice-' + (++counter);
      form.appendChild(element('label', { 'for': id, 'class': 'sg-visually-hidden' }, 'Your answer for ' + this.name));
      var select = element('select', { id: id });
      select.appendChild(element('option', { value: '' }, 'Choose…'));
      this.choices.forEach(function (label, i) { select.appendChild(element('option', { value: String(i) }, label)); });
      form.appendChild(select);
      this.fields.push(select);
    } else {
      fields.forEach(function (bound) {
        var id = 'sg-practice-' + (++counter);
        var label = (bound ? bound + ' ' : '') + this.name.toLowerCase();
        form.appendChild(element('label', { 'for': id, 'class': 'sg-visually-hidden' }, 'Your answer: ' + label));
        var input = element('input', { id: id, type: 'text', autocomplete: 'off', spellcheck: 'false',
          placeholder: bound ? bound.toLowerCase() : 'value and unit' });
        form.appendChild(input);
        this.fields.push(input);
      }, this);
    }
    this.button = element('button', { type: 'button', 'class': 'sg-button', 'data-sg-row-check': '' }, 'Check');
    this.button.setAttribute('aria-label', 'Check ' + this.name);
    form.appendChild(this.button);
    this.result = element('span', { 'class': 'sg-practice-result', role: 'status' });
    form.appendChild(this.result);
    this.cell.appendChild(form);
  };

  // Grades the learner's answer; returns false when there is nothing to grade yet.
  Row.prototype.check = function (mode) {
    var answer = this.fields.map(function (f) { return f.value.trim(); });
    var right;
    if (mode === 'choose') {
      if (answer[0] === '') return this.say('Choose a value first.');
      right = Number(answer[0]) === this.choiceAnswer;
      answer = [this.choices[Number(answer[0])]];
    } else {
      var parsed = answer.map(parseQuantity);
      if (parsed.some(function (q) { return !q; })) {
        return this.say('Write a number and a unit, such as 15 min or 512 MB.');
      }
      var truth = this.range
        ? [Number(this.tr.getAttribute('data-min')), Number(this.tr.getAttribute('data-max'))]
        : [Number(this.tr.getAttribute('data-value'))];
      var dimension = this.dimension;
      right = parsed.every(function (q, i) {
        return q.dimension === dimension && same(q.base, truth[i]);
      });
    }
    this.settle({ h: this.hash, r: right ? 'right' : 'wrong', a: answer.join(' – ') }, true);
    return true;
  };

  Row.prototype.say = function (text) {
    SG.announce(this.result, text);
    return false;
  };

  // Shows the outcome (right, wrong or revealed) with the true value.
  Row.prototype.settle = function (state, announce) {
    this.state = state;
    SG.store.set(this.key, state);
    this.value.hidden = false;
    this.tr.classList.toggle('sg-right', state.r === 'right');
    this.tr.classList.toggle('sg-wrong', state.r === 'wrong');
    this.fields.forEach(function (f) { f.disabled = true; });
    this.button.setAttribute('aria-disabled', 'true');
    var text = state.r === 'right' ? '✓ Correct'
      : state.r === 'wrong' ? '✗ Incorrect: you answered ' + state.a
      : 'Revealed';
    if (announce) SG.announce(this.result, text + '. The limit is ' + this.value.textContent + '.');
    else this.result.textContent = text;
  };

  Row.prototype.start = function (mode) {
    this.build(mode);
    var saved = SG.store.get(this.key);
    if (saved && (saved.h !== this.hash || ['right', 'wrong', 'revealed'].indexOf(saved.r) < 0)) {
      SG.store.remove(this.key);
      saved = null;
    }
    this.state = null;
    this.tr.classList.remove('sg-right', 'sg-wrong');
    this.value.hidden = true;
    if (saved) this.settle(saved, false);
  };

  Row.prototype.stop = function () {
    if (this.form) this.cell.removeChild(this.form);
    this.form = null;
    this.value.hidden = false;
    this.tr.classList.remove('sg-right', 'sg-wrong');
  };

  function LimitTable(root) {
    if (!root) return;
    this.root = root;
    this.key = 'sg:limits:' + root.getAttribute('data-table');
    this.rows = Array.prototype.map.call(root.querySelectorAll('[data-sg-limit]'), function (tr) { return new Row(tr); });
    this.toolbar = root.querySelector('.sg-limits-toolbar');
    this.practiceButton = root.querySelector('[data-sg-practice]');
    this.practiceButton.setAttribute('aria-label', 'Practice: ' + root.querySelector('caption').firstChild.textContent.trim());
    this.buildToolbar();
    SG.reveal(root);
    root.addEventListener('click', this.onClick.bind(this));
    root.addEventListener('keydown', this.onKey.bind(this));
    root.addEventListener('change', this.onChange.bind(this));
    var saved = SG.store.get(this.key);
    this.mode = saved && saved.mode === 'choose' ? 'choose' : 'type';
    if (saved && saved.practice === true) this.start();
  }

  LimitTable.prototype.buildToolbar = function () {
    var controls = this.controls = element('span', { 'class': 'sg-practice-controls', hidden: '' });
    var modes = element('fieldset');
    modes.appendChild(element('legend', {}, 'Answer by'));
    var name = 'sg-mode-' + (++counter);
    [['type', 'Typing'], ['choose', 'Choosing']].forEach(function (pair) {
      var label = element('label');
      var radio = element('input', { type: 'radio', name: name, value: pair[0], 'data-sg-mode': '' });
      label.appendChild(radio);
      label.appendChild(document.createTextNode(' ' + pair[1]));
      modes.appendChild(label);
    });
    controls.appendChild(modes);
    controls.appendChild(element('button', { type: 'button', 'class': 'sg-button', 'data-sg-reveal': '' }, 'Reveal all'));
    controls.appendChild(element('button', { type: 'button', 'class': 'sg-button', 'data-sg-reset': '' }, 'Reset'));
    this.score = element('span', { 'class': 'sg-score', role: 'status' });
    controls.appendChild(this.score);
    this.toolbar.appendChild(controls);
  };

  LimitTable.prototype.save = function () {
    SG.store.set(this.key, { practice: this.practicing, mode: this.mode });
  };

  LimitTable.prototype.start = function () {
    this.practicing = true;
    this.practiceButton.setAttribute('aria-pressed', 'true');
    this.controls.hidden = false;
    var mode = this.mode;
    this.controls.querySelectorAll('[data-sg-mode]').forEach(function (radio) { radio.checked = radio.value === mode; });
    this.rows.forEach(function (row) { row.start(mode); });
    this.updateScore();
    this.save();
  };

  LimitTable.prototype.stop = function () {
    this.practicing = false;
    this.practiceButton.setAttribute('aria-pressed', 'false');
    this.controls.hidden = true;
    this.rows.forEach(function (row) { row.stop(); });
    this.save();
  };

  LimitTable.prototype.updateScore = function () {
    var right = this.rows.filter(function (row) { return row.state && row.state.r === 'right'; }).length;
    this.score.textContent = 'Score: ' + right + ' / ' + this.rows.length;
  };

  LimitTable.prototype.rowOf = function (el) {
    var tr = el.closest('[data-sg-limit]');
    return this.rows.filter(function (row) { return row.tr === tr; })[0];
  };

  LimitTable.prototype.checkRow = function (row) {
    if (row && !row.state && row.check(this.mode)) this.updateScore();
  };

  LimitTable.prototype.onClick = function (event) {
    var target = event.target;
    if (target.closest('[data-sg-practice]')) {
      if (this.practicing) this.stop(); else this.start();
    } else if (target.closest('[data-sg-row-check]')) {
      this.checkRow(this.rowOf(target));
    } else if (target.closest('[data-sg-reveal]')) {
      this.rows.forEach(function (row) {
        if (!row.state) row.settle({ h: row.hash, r: 'revealed', a: '' }, false);
      });
      this.updateScore();
      SG.announce(this.score, 'All values revealed. ' + this.score.textContent);
    } else if (target.closest('[data-sg-reset]')) {
      this.rows.forEach(function (row) { SG.store.remove(row.key); });
      this.start();
      SG.announce(this.score, 'Practice reset. ' + this.score.textContent);
      var first = this.root.querySelector('.sg-practice input, .sg-practice select');
      if (first) first.focus();
    }
  };

  LimitTable.prototype.onKey = function (event) {
    if (event.key === 'Enter' && event.target.closest('.sg-practice') && event.target.nodeName !== 'BUTTON') {
      event.preventDefault();
      this.checkRow(this.rowOf(event.target));
    }
  };

  LimitTable.prototype.onChange = function (event) {
    if (event.target.hasAttribute('data-sg-mode')) {
      this.mode = event.target.value;
      this.rows.forEach(function (row) { if (!row.state) row.build(this.mode); }, this);
      this.save();
    }
  };

  SG.parseQuantity = parseQuantity;
  var tables = Array.prototype.map.call(document.querySelectorAll('[data-sg-limits]'), function (root) {
    return new LimitTable(root);
  });
  window.addEventListener('pageshow', function (event) {
    if (!event.persisted) return;
    tables.forEach(function (table) { if (table.practicing) table.start(); });
  });
})();
