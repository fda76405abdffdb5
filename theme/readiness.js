// @ts-check
// "Am I ready?" on the progress page: readiness-model.js's figures for the
// book's blueprint, shown as a bar per domain (and per task statement on
// demand) against the pass line, today and on the exam day; the same
// figures as a table; the three task statements to study next; how often
// the learner was right at each certainty; the sections their confident
// mistakes send them to. progress.js makes one and renders it with the page.
(function () {
  'use strict';
  const SG = window.StudyGuide;
  const { h, safeHref, plural } = SG.dom;
  const SVG = 'http://www.w3.org/2000/svg';
  const DAY = 864e5;
  let hatches = 0;

  /**
   * @typedef {{title: string, href: string}} Link
   * @typedef {ReturnType<typeof SG.readiness.readiness>} Readiness
   */

  /** "58%" (whole percent of a share). @param {number} share */
  const pct = (share) => Math.round(100 * share) + '%';

  /**
   * An SVG element.
   * @param {string} tag @param {{[name: string]: string | number}} attrs
   */
  function svg(tag, attrs) {
    const el = document.createElementNS(SVG, tag);
    for (const name of Object.keys(attrs)) el.setAttribute(name, String(attrs[name]));
    return el;
  }

  /**
   * One bar, 0–100 % wide: likely recalled, answered but likely forgotten,
   * not yet answered; a mark where the exam day leaves it, and the pass line.
   * Decorative: the table beside it holds the same figures.
   * @param {{known: number, unseen: number, knownAt: number | null}} fig
   * @param {number | null} pass
   */
  function bar(fig, pass) {
    const root = svg('svg', { class: 'sg-ready-bar', viewBox: '0 0 100 10', preserveAspectRatio: 'none',
      'aria-hidden': 'true', focusable: 'false' });
    // Not yet answered: hatched, so it reads as unknown rather than as empty.
    const hatch = 'sg-ready-hatch-' + (++hatches);
    const pattern = root.appendChild(svg('defs', {})).appendChild(svg('pattern', { id: hatch, width: 2, height: 2,
      patternUnits: 'userSpaceOnUse', patternTransform: 'rotate(45)' }));
    pattern.appendChild(svg('rect', { class: 'sg-ready-unseen', width: 2, height: 2 }));
    pattern.appendChild(svg('line', { class: 'sg-ready-hatch', x1: 0, y1: 0, x2: 0, y2: 2 }));
    const known = Math.max(0, Math.min(1, fig.known)) * 100;
    const unseen = Math.max(0, Math.min(1, fig.unseen)) * 100;
    const forgotten = Math.max(0, 100 - known - unseen);
    root.appendChild(svg('rect', { class: 'sg-ready-known', x: 0, y: 0, width: known, height: 10 }));
    root.appendChild(svg('rect', { class: 'sg-ready-forgotten', x: known, y: 0, width: forgotten, height: 10 }));
    root.appendChild(svg('rect', { fill: 'url(#' + hatch + ')', x: known + forgotten, y: 0, width: unseen, height: 10 }));
    if (fig.knownAt !== null) {
      const at = Math.max(0, Math.min(1, fig.knownAt)) * 100;
      root.appendChild(svg('rect', { class: 'sg-ready-at', x: 0, y: 7, width: at, height: 3 }));
    }
    if (pass !== null) {
      root.appendChild(svg('line', { class: 'sg-ready-pass', x1: pass * 100, x2: pass * 100, y1: 0, y2: 10,
        'vector-effect': 'non-scaling-stroke' }));
    }
    return root;
  }

  /**
   * A labelled bar: the name, its figures in words, then the bar.
   * @param {string} label @param {string} detail
   * @param {{known: number, unseen: number, knownAt: number | null}} fig @param {number | null} pass
   */
  function row(label, detail, fig, pass) {
    return h('li', { class: 'sg-ready-row' }, [
      h('span', { class: 'sg-ready-label' }, [h('strong', { text: label }), ' ', h('span', { class: 'sg-ready-detail', text: detail })]),
      bar(fig, pass),
    ]);
  }

  /**
   * "8 of 20 answered, 61% recalled of those" for a group's figures.
   * @param {{n: number, seen: number, recall: number | null}} fig
   */
  function detail(fig) {
    if (!fig.n) return 'no questions in this book';
    if (!fig.seen) return 'none of ' + plural(fig.n, 'question') + ' answered yet';
    return fig.seen + ' of ' + plural(fig.n, 'question') + ' answered; you would likely recall ' +
      pct(/** @type {number} */ (fig.recall)) + ' of those today';
  }

  class ReadinessView {
    /**
     * @param {any} book the progress block's data (its blueprint, questions and sections)
     * @param {string} uid an id prefix unique on the page
     */
    constructor(book, uid) {
      this.book = book;
      this.uid = uid;
      this.blueprint = book.blueprint;
      /** @type {{id: string, hash: string, domain?: string, task?: string, see?: number, chapter: string}[]} */
      this.questions = [];
      for (const ch of book.chapters || []) {
        for (const q of ch.questions || []) this.questions.push(Object.assign({ chapter: ch.id, quiz: ch.quiz }, q));
      }
      const section = this.el = h('section', { class: 'sg-ready', 'aria-labelledby': uid + '-ready' });
      section.appendChild(h('h2', { id: uid + '-ready', text: 'Am I ready?' }));
      this.figure = section.appendChild(h('div', { class: 'sg-ready-figure' }));
      this.dateRow = section.appendChild(this.examDate());
      /** @param {string} key @param {string} words */
      const item = (key, words) => h('span', { class: 'sg-ready-legend-item' }, [h('span', { class: 'sg-ready-key sg-ready-key-' + key }), ' ' + words]);
      this.legend = section.appendChild(h('p', { class: 'sg-ready-legend', 'aria-hidden': 'true' }, [
        item('known', 'likely recalled today'), item('forgotten', 'answered, likely forgotten'),
        item('unseen', 'not answered yet'), item('at', 'on the exam day'), item('pass', 'pass line'),
      ]));
      this.domains = section.appendChild(h('ol', { class: 'sg-ready-bars' }));
      const more = section.appendChild(h('details', { class: 'sg-ready-tasks' }));
      more.appendChild(h('summary', { text: 'By task statement' }));
      this.tasks = more.appendChild(h('div'));
      this.table = section.appendChild(h('div', { class: 'sg-ready-table-box' })).appendChild(h('table', { class: 'sg-ready-table' }));
      this.next = section.appendChild(h('div', { class: 'sg-ready-next' }));
      section.appendChild(h('p', { class: 'sg-ready-note', text: 'What this cannot know: it estimates, from the questions of this ' +
        'book you have answered, how much of each part of the exam you would recall, by the FSRS memory model that schedules ' +
        'your reviews. It is not a score of the real exam: the exam\u2019s questions are not these, a question not yet answered ' +
        'counts for nothing until you answer it, and recall is not the same as judging a scenario under time.' }));
      this.sure = section.appendChild(h('div', { class: 'sg-ready-sure' }));
      this.sureToggle = SG.sure.toggle(uid);
    }

    /** The exam date, shared with the review page (sg:review:settings). */
    examDate() {
      const id = this.uid + '-exam-date';
      const input = /** @type {HTMLInputElement} */ (h('input', { type: 'date', id, class: 'sg-ready-date-input', 'data-sg-key': 'exam-date' }));
      input.addEventListener('change', () => {
        const value = /^\d{4}-\d{2}-\d{2}$/.test(input.value) ? input.value : '';
        const saved = SG.store.get(SG.review.SETTINGS) || {};
        if (value) SG.store.set(SG.review.SETTINGS, Object.assign({}, saved, { exam: value }));
        else SG.store.remove(SG.review.SETTINGS);
        this.render(SG.log.entries(), Date.now());
      });
      this.dateInput = input;
      return h('p', { class: 'sg-ready-date' }, [h('label', { for: id, text: 'Your exam date: ' }), input,
        h('span', { class: 'sg-ready-date-hint', text: ' (the review page uses it too)' })]);
    }

    /**
     * @param {LogEntry[]} entries
     * @param {number} now
     */
    render(entries, now) {
      const settings = SG.review.savedSettings();
      const input = /** @type {HTMLInputElement} */ (this.dateInput);
      if (document.activeElement !== input) input.value = settings.exam || '';
      const examAt = SG.review.examCap(settings);
      const r = SG.readiness.readiness(this.blueprint, this.questions, entries, now, examAt);
      this.showFigure(r, now);
      const pass = r.pass;
      this.domains.textContent = '';
      for (const d of r.domains) {
        this.domains.appendChild(row(d.title, '(' + d.weight + '% of the exam): ' + detail(d), d, pass));
      }
      this.tasks.textContent = '';
      for (const d of r.domains) {
        if (!d.tasks.length) continue;
        this.tasks.appendChild(h('h3', { class: 'sg-ready-domain', text: d.title }));
        const list = this.tasks.appendChild(h('ol', { class: 'sg-ready-bars' }));
        for (const t of d.tasks) list.appendChild(row(t.key + ' ' + t.title, ': ' + detail(t), t, pass));
      }
      this.showTable(r);
      this.showNext(r);
      this.showSure(entries);
    }

    /** @param {Readiness} r @param {number} now */
    showFigure(r, now) {
      this.figure.textContent = '';
      if (!r.answered) {
        this.figure.appendChild(h('p', { text: 'Answer some questions first: this estimate comes from the questions you have answered.' }));
        return;
      }
      const o = r.overall;
      let against = '';
      if (r.pass !== null) {
        const points = Math.round(100 * o.today) - Math.round(100 * r.pass);
        against = points >= 0 ? ', at or above the pass line of ' + pct(r.pass)
          : ', ' + plural(-points, 'point') + ' below the pass line of ' + pct(r.pass);
      }
      const lines = [h('p', { class: 'sg-ready-estimate' }, [
        h('strong', { text: pct(o.today) }),
        ' of the exam\u2019s topics you would likely recall today, weighted as the exam is, from this book\u2019s questions' +
          against + '. ' + pct(o.unseen) + ' of it you have not answered yet.',
      ])];
      if (o.atExam !== null && o.examAt !== null) {
        const days = Math.round((o.examAt - SG.review.startOfDay(now)) / DAY);
        lines.push(h('p', { text: 'On your exam day, ' + SG.dom.day(o.examAt) + ' (in ' + plural(days, 'day') + '): ' +
          pct(o.atExam) + ' if you learn nothing more, as memories fade. Reviews and new answers raise it.' }));
      }
      lines.forEach((line) => this.figure.appendChild(line));
    }

    /** The figures as a table, for screen readers and paper. @param {Readiness} r */
    showTable(r) {
      const t = this.table;
      t.textContent = '';
      const forecast = r.overall.atExam !== null;
      t.appendChild(h('caption', { text: 'Readiness by domain and task statement' }));
      const heads = ['Domain or task statement', 'Weight', 'Questions', 'Answered', 'Recall of those answered',
        'Likely recalled today', 'Not answered yet'].concat(forecast ? ['On the exam day'] : []);
      t.appendChild(h('thead', {}, [h('tr', {}, heads.map((name) => h('th', { scope: 'col', text: name })))]));
      const body = t.appendChild(h('tbody'));
      /** @param {string} name @param {string} weight @param {any} fig */
      const line = (name, weight, fig) => body.appendChild(h('tr', {}, [
        h('th', { scope: 'row', text: name }),
        ...[weight, String(fig.n), String(fig.seen), fig.recall === null ? 'not known' : pct(fig.recall), pct(fig.known),
          pct(fig.unseen)].concat(forecast ? [pct(fig.knownAt || 0)] : []).map((v) => h('td', { text: v })),
      ]));
      for (const d of r.domains) {
        line(d.title, d.weight + '%', d);
        for (const task of d.tasks) line(task.key + ' ' + task.title, '', task);
      }
      const o = r.overall;
      body.appendChild(h('tr', {}, [h('th', { scope: 'row', text: 'The whole exam, weighted' }),
        ...['100%', '', '', '', pct(o.today), pct(o.unseen)].concat(forecast ? [pct(o.atExam || 0)] : [])
          .map((v) => h('td', { text: v }))]));
    }

    /** The three task statements that most raise the estimate. @param {Readiness} r */
    showNext(r) {
      this.next.textContent = '';
      const best = SG.readiness.studyNext(r, 3);
      if (!best.length) return;
      this.next.appendChild(h('h3', { id: this.uid + '-next', text: 'Study next' }));
      this.next.appendChild(h('p', { text: 'The task statements that would raise the estimate most, if you learnt every one of their questions:' }));
      const list = this.next.appendChild(h('ol', { class: 'sg-ready-next-list' }));
      for (const { task, gain } of best) {
        const read = task.read && safeHref(task.read.href);
        const practice = safeHref(task.practice);
        const links = [];
        if (read && task.read) links.push(h('a', { href: read, text: 'Read: ' + task.read.title }));
        if (practice) links.push(h('a', { href: practice, text: 'Practise its ' + plural(task.n, 'question') }));
        list.appendChild(h('li', {}, [
          h('strong', { text: task.key + ' ' + task.title }),
          ' (up to ' + (Math.round(1000 * gain) / 10) + ' points; ' + (task.seen ? task.seen + ' of ' + task.n + ' answered' : 'not started') + ')',
          links.length ? h('span', { class: 'sg-ready-links' }, links.flatMap((a, i) => (i ? [' · ', a] : [' ', a]))) : null,
        ]));
      }
    }

    /** Calibration and misconceptions, with the switch that asks for certainty. @param {LogEntry[]} entries */
    showSure(entries) {
      const box = this.sure;
      box.textContent = '';
      box.appendChild(h('h3', { text: 'How sure were you?' }));
      box.appendChild(this.sureToggle);
      const rows = SG.readiness.calibration(entries);
      const given = rows.reduce((sum, c) => sum + c.n, 0);
      if (!given) {
        box.appendChild(h('p', { text: 'With this on, the quizzes, the exam and the review ask how sure you are with each answer; ' +
          'here you then see how often you were right when you were sure, and the answers you were sure of and got wrong.' }));
        return;
      }
      const table = box.appendChild(h('table', { class: 'sg-ready-calibration' }));
      table.appendChild(h('caption', { text: 'How often you were right at each certainty' }));
      table.appendChild(h('thead', {}, [h('tr', {}, ['How sure', 'Answers', 'Right', 'Share right']
        .map((name) => h('th', { scope: 'col', text: name })))]));
      table.appendChild(h('tbody', {}, rows.map((c) => {
        const level = SG.sure.LEVELS[c.c - 1];
        return h('tr', {}, [h('th', { scope: 'row', text: level.name + ' (' + level.hint + ')' }),
          ...[String(c.n), String(c.right), c.n ? pct(c.right / c.n) : '\u2013'].map((v) => h('td', { text: v }))]);
      })));
      const marks = [];
      for (const e of entries) if (e.k === 'q' && !e.rv && e.c) marks.push({ right: !!e.ok, c: e.c });
      box.appendChild(h('p', { text: SG.sure.words(marks) }));
      const wrong = SG.readiness.misconceptions(entries, this.questions);
      if (!wrong.length) return;
      box.appendChild(h('h3', { text: 'Misconceptions to read again' }));
      box.appendChild(h('p', { text: 'Questions you were sure of and got wrong last time, by the section that teaches them:' }));
      /** @type {Map<string, {link: Link | null, ids: string[]}>} */
      const bySection = new Map();
      const byId = new Map(this.questions.map((q) => [q.id, q]));
      for (const m of wrong) {
        const q = byId.get(m.id);
        const link = q && typeof q.see === 'number' ? (this.book.sections || [])[q.see] || null : null;
        const key = link ? link.href : '';
        if (!bySection.has(key)) bySection.set(key, { link, ids: [] });
        /** @type {{ids: string[]}} */ (bySection.get(key)).ids.push(m.id);
      }
      const list = box.appendChild(h('ul', { class: 'sg-ready-misconceptions' }));
      const sections = [...bySection.values()];
      // The first few on the page; the rest one click away.
      const more = sections.length > 8 ? box.appendChild(h('details', { class: 'sg-ready-more' }, [
        h('summary', { text: plural(sections.length - 8, 'more section') }), h('ul', { class: 'sg-ready-misconceptions' })])) : null;
      sections.forEach(({ link, ids }, n) => {
        const into = n < 8 || !more ? list : /** @type {HTMLElement} */ (more.querySelector('ul'));
        const href = link && safeHref(link.href);
        const questions = ids.map((id) => {
          const q = /** @type {any} */ (byId.get(id));
          const quiz = q && safeHref(q.quiz);
          return quiz ? h('a', { href: quiz + '#sg-q-' + id, text: id }) : h('span', { text: id });
        });
        into.appendChild(h('li', {}, [
          href && link ? h('a', { href, text: 'Read: ' + link.title }) : h('span', { text: 'No section named' }),
          ' (' + plural(ids.length, 'question') + ': ', ...questions.flatMap((a, i) => (i ? [', ', a] : [a])), ')',
        ]));
      });
    }
  }

  SG.ReadinessView = ReadinessView;
})();
