// Practice mode for limit tables: the values hide, the learner recalls each
// one (typed in any unit, or picked from a list) and it is graded at once.
(function () {
  'use strict';
  var SG = window.StudyGuide;

  // The grammar of limits/quantity.rs; tests/fixtures/quantities.json holds
  // the cases both are tested against. No prototype: "5 constructor" is no unit.
  var UNITS = Object.create(null);
  [['bytes', 1, 'b byte bytes'], ['bytes', 1024, 'kb kib kilobyte kilobytes'],
    ['bytes', 1048576, 'mb mib megabyte megabytes'], ['bytes', 1073741824, 'gb gib gigabyte gigabytes'],
    ['bytes', 1099511627776, 'tb tib terabyte terabytes'], ['duration', 1, 'ms millisecond milliseconds'],
    ['duration', 1e3, 's sec secs second seconds'], ['duration', 6e4, 'm min mins minute minutes'],
    ['duration', 36e5, 'h hr hrs hour hours'], ['duration', 864e5, 'd day days'],
    ['rate', 1, '/s|per second|rps|requests per second|requests/s|requests/second|req/s'],
    ['count', 1, 'count requests request executions execution invocations layers layer functions tasks ' +
      'containers connections messages items keys stages routes resources apis versions aliases tags']
  ].forEach(function (u) {
    u[2].split(u[0] === 'rate' ? '|' : ' ').forEach(function (word) { UNITS[word] = u; });
  });

  // "15 min" → { dimension: 'duration', base: 900000 }, or null. Digits are
  // grouped in threes after a first group of one to three not starting with
  // 0 ("1,234,567"; "0,500" is a decimal comma). No unit word holds a digit,
  // a separator or a point, so a number grouped otherwise ("1,2345") leaves
  // an unknown unit behind and is refused.
  function parseQuantity(text) {
    var match = /^\s*([1-9]\d{0,2}(?:[,_]\d{3})+|\d*)(\.\d+)?\s*(.*?)\.?\s*$/.exec(text || '');
    if (!match || !(match[1] || match[2])) return null;
    var unit = match[3] === '' ? UNITS.count : UNITS[match[3].toLowerCase()];
    var amount = unit && parseFloat(match[1].replace(/[,_]/g, '') + (match[2] || ''));
    return unit && amount <= 1e15 ? { dimension: unit[0], base: amount * unit[1], unitless: match[3] === '' } : null;
  }

  function same(a, b) {
    return Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b), 1);
  }

  function element(name, attrs, text) {
    var el = document.createElement(name);
    for (var key in attrs) el.setAttribute(key, attrs[key]);
    el.textContent = text || '';
    return el;
  }


  function Row(tr) {
    var data = function (name) { return tr.getAttribute('data-' + name); };
    this.tr = tr;
    this.id = data('id');
    this.key = 'sg:limit:' + this.id;
    this.hash = data('hash');
    this.name = tr.querySelector('th').textContent;
    this.dimension = data('dim');
    this.truth = data('kind') === 'range' ? [Number(data('min')), Number(data('max'))] : [Number(data('value'))];
    this.choices = JSON.parse(data('choices'));
    this.choiceAnswer = Number(data('choice-answer'));
    this.value = tr.querySelector('[data-sg-value]');
    // The limit as prose elsewhere on the page states it ({{limit id}}).
    this.refs = Array.prototype.filter.call(document.querySelectorAll('[data-sg-limit-ref]'), function (ref) {
      return ref.getAttribute('data-limit') === this.id;
    }, this);
    this.state = null;
  }

  // Hides the value (or shows it again) in the table and in the prose that
  // states it, which would otherwise give the answer away.
  Row.prototype.conceal = function (hidden) {
    this.value.hidden = hidden;
    this.refs.forEach(function (ref) {
      var text = ref.querySelector('[data-sg-ref-text]');
      var mask = ref.querySelector('[data-sg-ref-mask]');
      if (!text) {
        text = element('span', { 'data-sg-ref-text': '' });
        while (ref.firstChild) text.appendChild(ref.firstChild);
        mask = element('span', { 'class': 'sg-ref-mask', 'data-sg-ref-mask': '', role: 'img',
          'aria-label': 'Value hidden while you practise', title: 'Hidden while you practise this limit' }, '•••');
        ref.appendChild(text);
        ref.appendChild(mask);
      }
      text.hidden = hidden;
      mask.hidden = !hidden;
    });
  };

  // The controls for one mode: typed inputs (two for a range) or a list.
  Row.prototype.build = function (mode) {
    if (this.form) this.form.remove();
    var form = this.form = element('span', { 'class': 'sg-practice' });
    if (mode === 'choose') {
      var select = form.appendChild(element('select', { 'aria-label': 'Your answer for ' + this.name }));
      ['Choose…'].concat(this.choices).forEach(function (text, i) {
        select.appendChild(element('option', { value: i ? String(i - 1) : '' }, text));
      });
      this.fields = [select];
    } else {
      var bounds = this.truth.length > 1 ? ['Minimum', 'Maximum'] : [''];
      this.fields = bounds.map(function (bound) {
        return form.appendChild(element('input', { type: 'text', autocomplete: 'off', spellcheck: 'false',
          placeholder: bound ? bound.toLowerCase() : 'value and unit',
          'aria-label': 'Your answer: ' + (bound ? bound + ' ' : '') + this.name.toLowerCase() }));
      }, this);
    }
    this.button = form.appendChild(element('button', { type: 'button', 'class': 'sg-button',
      'data-sg-row-check': '', 'aria-label': 'Check ' + this.name }, 'Check'));
    this.result = form.appendChild(element('span', { 'class': 'sg-practice-result', role: 'status' }));
    this.value.parentNode.appendChild(form);
  };

  // Grades the answer; true when there was one to grade.
  Row.prototype.check = function (mode) {
    var answer = this.fields.map(function (f) { return f.value.trim(); });
    var right;
    if (mode === 'choose') {
      if (answer[0] === '') return SG.announce(this.result, 'Choose a value first.');
      right = Number(answer[0]) === this.choiceAnswer;
      answer = [this.choices[Number(answer[0])]];
    } else {
      if (answer.indexOf('') >= 0) {
        return SG.announce(this.result, answer.length > 1 ? 'Fill in both the minimum and the maximum.' : 'Write a value first.');
      }
      var parsed = answer.map(parseQuantity);
      if (parsed.indexOf(null) >= 0) return SG.announce(this.result, 'Write a number and a unit, such as 15 min or 512 MB.');
      // A bare number is a count: for anything else, ask for its unit.
      var dimension = this.dimension;
      if (dimension !== 'count' && parsed.some(function (q) { return q.unitless; })) {
        return SG.announce(this.result, 'Add the unit to the number, such as ' +
          (dimension === 'bytes' ? '512 MB' : dimension === 'rate' ? '100 per second' : '15 min') + '.');
      }
      right = parsed.every(function (q, i) {
        return q.dimension === this.dimension && same(q.base, this.truth[i]);
      }, this);
    }
    this.settle({ h: this.hash, r: right ? 'right' : 'wrong', a: answer.join(' – ') }, true);
    this.logAttempt(right);
    return true;
  };

  // Adds the attempt to the learner's history: a missed limit becomes a review card.
  Row.prototype.logAttempt = function (right) {
    SG.log.append({ k: 'l', id: this.id, h: this.hash, ok: right, w: 'limit' });
  };

  // Shows the outcome (right, wrong or revealed) and the true value; a row
  // not answered right can be tried again on its own.
  Row.prototype.settle = function (state, announce) {
    this.state = state;
    SG.store.set(this.key, state);
    this.conceal(false);
    this.tr.classList.toggle('sg-right', state.r === 'right');
    this.tr.classList.toggle('sg-wrong', state.r === 'wrong');
    this.showAnswer(state.a);
    this.fields.forEach(function (f) { f.disabled = true; });
    if (state.r === 'right') {
      this.button.setAttribute('aria-disabled', 'true');
    } else {
      this.button.textContent = 'Try again';
      this.button.setAttribute('aria-label', 'Try again: ' + this.name);
      this.button.setAttribute('data-sg-row-retry', '');
      this.button.removeAttribute('data-sg-row-check');
    }
    var text = { right: '✓ Correct', wrong: '✗ Incorrect: you answered ' + state.a, revealed: 'Revealed' }[state.r];
    if (announce) SG.announce(this.result, text + '. The limit is ' + this.value.textContent + '.');
    else this.result.textContent = text;
  };

  // What the learner answered, in whichever fields the mode shows now (a
  // typed answer in a list after a reload in Choosing mode, and back).
  Row.prototype.showAnswer = function (answer) {
    if (!answer) return;
    var field = this.fields[0];
    if (field.nodeName === 'SELECT') {
      if (field.value !== '') return;
      field.appendChild(element('option', { value: 'answered' }, answer));
      field.value = 'answered';
    } else if (this.fields.every(function (f) { return f.value === ''; })) {
      var parts = this.fields.length > 1 ? answer.split(' – ') : [answer];
      this.fields.forEach(function (f, i) { f.value = parts[i] || ''; });
    }
  };

  // Clears the row's answer so it can be tried again; the focus goes to it.
  Row.prototype.retry = function (mode) {
    SG.store.remove(this.key);
    this.start(mode);
    this.fields[0].focus();
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
    this.conceal(true);
    if (saved) this.settle(saved, false);
  };

  Row.prototype.stop = function () {
    this.form.remove();
    this.conceal(false);
    this.tr.classList.remove('sg-right', 'sg-wrong');
  };

  function LimitTable(root) {
    this.root = root;
    this.key = 'sg:limits:' + root.getAttribute('data-table');
    this.rows = Array.prototype.map.call(root.querySelectorAll('[data-sg-limit]'), function (tr) { return new Row(tr); });
    this.practiceButton = root.querySelector('[data-sg-practice]');
    this.controls = root.querySelector('[data-sg-controls]');
    this.score = root.querySelector('[data-sg-score]');
    SG.reveal(root);
    root.addEventListener('click', this.onClick.bind(this));
    root.addEventListener('keydown', this.onKey.bind(this));
    root.addEventListener('change', this.onChange.bind(this));
    var saved = SG.store.get(this.key) || {};
    this.mode = saved.mode === 'choose' ? 'choose' : 'type';
    if (saved.practice === true) this.practice(true, false);
  }

  LimitTable.prototype.save = function () {
    SG.store.set(this.key, { practice: this.practicing, mode: this.mode });
  };

  /**
   * Shows what another tab saved: the table's practice state and the rows
   * whose keys changed (every row for null), without saving anything.
   */
  LimitTable.prototype.refresh = function (keys) {
    var saved = SG.store.get(this.key) || {};
    var on = saved.practice === true;
    this.mode = saved.mode === 'choose' ? 'choose' : 'type';
    if (on !== !!this.practicing || keys === null || keys.indexOf(this.key) >= 0) return this.practice(on, false);
    if (!on) return;
    this.rows.forEach(function (row) { if (keys.indexOf(row.key) >= 0) row.start(this.mode); }, this);
    this.updateScore();
  };

  // Turns practice mode on (rows from their saved state) or off; saved
  // unless `save` is false.
  LimitTable.prototype.practice = function (on, save) {
    this.practicing = on;
    this.practiceButton.setAttribute('aria-pressed', String(on));
    this.controls.hidden = !on;
    this.controls.querySelectorAll('[data-sg-mode]').forEach(function (radio) {
      radio.checked = radio.value === this.mode;
    }, this);
    this.rows.forEach(function (row) { if (on) row.start(this.mode); else if (row.form) row.stop(); }, this);
    this.updateScore();
    if (save !== false) this.save();
  };

  LimitTable.prototype.updateScore = function () {
    var right = this.rows.filter(function (row) { return row.state && row.state.r === 'right'; }).length;
    this.score.textContent = 'Score: ' + right + ' / ' + this.rows.length;
  };

  // Grades a row, then moves on to the next row still to answer (its
  // fields are disabled now, so focus would otherwise fall to the page).
  LimitTable.prototype.checkRow = function (el) {
    var tr = el.closest('[data-sg-limit]');
    var row = this.rows.filter(function (r) { return r.tr === tr; })[0];
    if (!row || row.state || !row.check(this.mode)) return;
    this.updateScore();
    var i = this.rows.indexOf(row);
    var later = this.rows.slice(i + 1).concat(this.rows.slice(0, i));
    var next = later.filter(function (r) { return !r.state; })[0];
    (next ? next.fields[0] : this.root.querySelector('[data-sg-reset]')).focus();
  };

  LimitTable.prototype.onClick = function (event) {
    var target = event.target;
    if (target.closest('[data-sg-practice]')) {
      this.practice(!this.practicing);
    } else if (target.closest('[data-sg-row-retry]')) {
      var tr = target.closest('[data-sg-limit]');
      this.rows.filter(function (r) { return r.tr === tr; }).forEach(function (r) { r.retry(this.mode); }, this);
      this.updateScore();
    } else if (target.closest('[data-sg-row-check]')) {
      this.checkRow(target);
    } else if (target.closest('[data-sg-reveal]')) {
      this.rows.forEach(function (row) {
        // Seen, not recalled: no attempt for the history.
        if (!row.state) row.settle({ h: row.hash, r: 'revealed', a: '' }, false);
      });
      this.updateScore();
      SG.announce(this.score, 'All values revealed. ' + this.score.textContent);
    } else if (target.closest('[data-sg-reset]')) {
      this.rows.forEach(function (row) { SG.store.remove(row.key); });
      this.practice(true);
      SG.announce(this.score, 'Practice reset. ' + this.score.textContent);
      this.root.querySelector('.sg-practice input, .sg-practice select').focus();
    }
  };

  LimitTable.prototype.onKey = function (event) {
    if (event.key === 'Enter' && event.target.closest('.sg-practice') && event.target.nodeName !== 'BUTTON') {
      event.preventDefault();
      this.checkRow(event.target);
    }
  };

  LimitTable.prototype.onChange = function (event) {
    if (!event.target.hasAttribute('data-sg-mode')) return;
    this.mode = event.target.value;
    this.rows.forEach(function (row) { if (!row.state) row.build(this.mode); }, this);
    this.save();
  };

  SG.parseQuantity = parseQuantity;
  SG.whenStored(function () {
    var roots = document.querySelectorAll('[data-sg-limits]');
    if (roots.length) SG.store.noteAbove(roots[0]);
    var tables = Array.prototype.map.call(roots, function (root) { return new LimitTable(root); });
    // Another tab practised or reset: show what is saved now.
    SG.store.onChange(function (keys) {
      if (keys && !keys.some(function (key) { return /^sg:limits?:/.test(key); })) return;
      tables.forEach(function (table) { table.refresh(keys); });
    });
  });
})();
