// The shapes the browser code shares, for `tsc --noEmit` (tsconfig.json):
// window.StudyGuide and what its modules put there, the log's entries, the
// exam's bank and attempts. Pages never load this file.

/** mdBook's page script defines it: the path from the page to the book's root. */
declare const path_to_root: string | undefined;

interface Window {
  StudyGuide: StudyGuide;
  StudyGuideDrawing: {
    settings(theme: string, source: string): object;
    decode(svg: string): string;
    draw(mermaid: any, id: string, theme: string, source: string): Promise<string>;
  };
  mermaid?: any;
  FSRS?: any;
  /** bootstrap.js: set once it ran on the page. */
  StudyGuideBoot?: boolean;
}

/** component.js: what every widget extends. */
interface ComponentBase {
  root: HTMLElement;
  listen(handlers: { [type: string]: (event: any) => void }): void;
  storeChanged(keys: string[] | null): void;
}
interface ComponentClass {
  new (root: Element): ComponentBase;
  moduleName: string;
}

/** A quantity read from text (quantity.js). */
type Quantity = { dimension: string; base: number; unitless: boolean };

interface ModuleEntry { base: string[]; scripts: string[]; styles: string[]; needs: string[] }

interface Manifest {
  book: { id: string; title: string; keys: string };
  modules: { [name: string]: ModuleEntry };
  units: { dimension: string; factor: number; words: string[] }[];
}

/** An entry of the learner's log (log.js owns the schema). */
interface LogEntry {
  /** q (a question answered), l (a limit recalled), g (a card graded), later, exam */
  k: string;
  t: number;
  [field: string]: any;
}

interface Store {
  book: { id: string; title: string; keys?: string };
  status(): 'ok' | 'full' | 'blocked';
  get(key: string): any;
  has(key: string): boolean;
  set(key: string, value: unknown): boolean;
  remove(key: string): void;
  keys(prefix: string): string[];
  clear(which?: (key: string) => boolean): void;
  push(prefix: string, value: unknown, t: number, n?: number): boolean;
  generation(): string;
  onChange(fn: (keys: string[] | null) => void): void;
  onStatus(fn: (status: string) => void): void;
  noteAbove(root: HTMLElement): void;
}

interface BankChapter { id: string; title: string; quiz?: string }
interface BankDomain { key: string; title: string; weight: number }
interface BankTask { key: string; title: string; domain: string }
interface BankQuestion {
  id: string; hash: string; chapter: string; domain: string | null; task: string | null; prompt: string; multi: boolean;
  choose: string | null; choices: { html: string; why?: string | null }[]; answer: number[]; explanation: string;
  see: { title: string; href: string } | null; quiz: string | null;
}
interface Bank {
  chapters: BankChapter[]; domains: BankDomain[]; tasks: BankTask[]; questions: BankQuestion[];
  byId: { [id: string]: BankQuestion };
  chapterOf: { [id: string]: BankChapter };
  domainOf: { [key: string]: BankDomain };
  taskOf: { [key: string]: BankTask };
  /** The real exam, as the book's blueprint names it. */
  exam: { name: string | null; passNote: string | null; extraMinutes: number | null } | null;
}

/**
 * An exam attempt, as stored: answers, certainties, flags and checks stamped
 * with their times; the ms each question was on screen (`spent`); how its
 * questions were drawn (`draw`, one of DRAWS; `focus` "task:KEY" or "domain:KEY").
 */
interface Attempt {
  v: 1; seed: number; mode: string; limit: string; minutes: number | null; start: number; deadline: number | null;
  order: string[]; hashes: string[]; perm: number[][];
  answers: ({ p: number[]; t: number } | null)[];
  sure: ({ c: number; t: number } | null)[];
  flags: ({ f: boolean; t: number } | null)[];
  checked: number[];
  spent: number[];
  current: number; chapters: string[]; retake: string | null; draw: string; focus: string | null;
  end?: number; timedOut?: boolean; closed?: boolean;
}
interface AttemptOptions { mode: string; limit: string; chapters: string[]; draw?: string; focus?: string | null; retake?: string | null }
/** What the log says of the bank's questions: answered at their current version; likely recalled now. */
interface Known { seen: { [id: string]: boolean }; recall: { [id: string]: number } }
/** A domain's part of a draw: its share by weight, what it gives, how many it is short. */
interface DomainShare { domain: BankDomain; size: number; share: number; count: number; short: number }

interface GradeRow {
  q: BankQuestion; index: number; mine: number[]; done: boolean; right: boolean; flagged: boolean; c: number | null; spent: number;
}
interface Grade { rows: GradeRow[]; n: number; right: number; pct: number; passed: boolean }

/** exam-model.js */
interface ExamModel {
  LETTERS: string; MODES: string[]; DRAWS: string[]; LIMITS: string[];
  random(seed: number): () => number;
  shuffled<T>(list: T[], next: () => number): T[];
  newSeed(): number;
  apportion(total: number, groups: { weight: number; size: number }[]): number[];
  readBank(raw: unknown): Bank | null;
  focusOf(bank: Bank, focus: unknown): [string, string] | null;
  pool(bank: Bank, chapters: string[], focus?: string | null): BankQuestion[];
  shares(bank: Bank, questions: BankQuestion[], n: number): DomainShare[] | null;
  known(entries: LogEntry[], bank: Bank, now: number): Known;
  draw(bank: Bank, options: { chapters: string[]; draw?: string; focus?: string | null }, n: number, next: () => number,
    known?: Known): string[];
  choiceOrder(size: number, next: () => number, before: number[] | undefined): number[];
  begin(bank: Bank, options: AttemptOptions, ids: string[], seed: number, next: () => number, minutes: number | null, start: number,
    before?: { [id: string]: number[] }): Attempt;
  drawTitle(bank: Bank, draw: string | undefined, focus: string | null | undefined): string;
  validAttempt(a: unknown, bank: Bank, finished: boolean): a is Attempt;
  merge(mine: Attempt, theirs: Attempt): Attempt;
  same(x: Attempt | null, y: Attempt | null): boolean;
  picked(a: Attempt, i: number): number[];
  answered(a: Attempt, i: number): boolean;
  certainty(a: Attempt, i: number): number | null;
  flagged(a: Attempt, i: number): boolean;
  isRight(q: BankQuestion, mine: number[]): boolean;
  grade(bank: Bank, a: Attempt, pass: number): Grade;
  letters(a: Attempt, index: number, choices: number[]): string[];
  limitMinutes(limit: string, n: number, exam: { minutes: number; questions: number; extra?: number | null }): number | null;
  extraMinutes(n: number, exam: { minutes: number; questions: number; extra?: number | null }): number;
  history(entries: LogEntry[], page: string): LogEntry[];
}

/** What the exam's screens, clocks and stored attempts (exam-*.js) use of the exam component. */
interface ExamView {
  root: HTMLElement; id: string; key: string; lastKey: string; generation: string;
  bank: Bank; attempt: Attempt; last: Attempt | null; prefix: string;
  h1: string; h2: string; questions: number; minutes: number; pass: number; sections: number;
  view: HTMLElement; results: HTMLElement; printNone: HTMLElement; timeRegion: HTMLElement; statusRegion: HTMLElement;
  screen: string | null;
  /** The task statement or domain a link asked to practise, until the start screen shows it. */
  preset: { focus: string } | null;
  /** Which questions the results list: all, wrong, flagged, unanswered. */
  filter: string;
  sureToggle: HTMLElement;
  screens: ExamScreens;
  setScreen(name: string): void;
  fill(nodes: (Node | null)[], focus: boolean): void;
  showNote(text: string): void;
  finish(timedOut: boolean, focus: boolean): void;
  limitMinutes(limit: string, n: number): number | null;
}

/** exam-screens.js: the screens of an exam, with exam-start.js's and exam-results.js's. */
interface ExamScreens extends ExamStart, ExamResults {
  clock(ms: number): string;
  statusBar(): HTMLElement;
  heading(text: string): HTMLElement;
  showQuestion(index: number, focus: boolean): void;
  markChoice(item: HTMLElement, q: BankQuestion, c: number, mine: number[]): void;
  feedback(q: BankQuestion, mine: number[]): HTMLElement;
  readAgain(q: BankQuestion): HTMLElement | null;
  navigator(): HTMLElement;
  navButton(i: number): HTMLElement;
  showReview(focus: boolean): void;
}
/** exam-start.js: the start screen. */
interface ExamStart {
  showStart(focus: boolean): void;
  updateStart(form: HTMLFormElement, edited: boolean, focus?: string | null): void;
  shortWords(plan: DomainShare[] | null, n: number): string;
  presetOf(hash: string): { focus: string } | null;
  value(form: HTMLFormElement, name: string): string;
  chosenChapters(form: HTMLFormElement): string[];
  formError(form: HTMLFormElement, name: string, text: string): HTMLElement;
  readStart(form: HTMLFormElement): (AttemptOptions & { n: number }) | null;
}
/** exam-results.js: the results and the history. */
interface ExamResults {
  renderResults(): void;
  filters(rows: GradeRow[]): HTMLElement;
  applyFilter(value: string, announce: boolean): void;
  outcome(a: Attempt, row: GradeRow, sure: boolean): HTMLElement;
  historySection(): HTMLElement;
}
/** exam-time.js: the countdown and the time on each question. */
interface ExamClocks { startTimer(): void; stopTimer(): void; tick(): void; clockIn(): void; clockOut(): boolean }
/** exam-store.js: the attempts in storage. */
interface ExamStore {
  read(): { attempt: Attempt | null; last: Attempt | null };
  reconcile(stored: Attempt | null, last: Attempt | null): string;
  attempt(): Attempt | null;
  last(): Attempt | null;
}

interface StudyGuide {
  manifest: Manifest;
  vendor: string;
  banks?: { [name: string]: unknown };
  bookKeys?: string[];
  diagrams?: Promise<unknown>;
  waitFor(promise: Promise<unknown>): void;
  whenReady(): Promise<void>;
  whenStored?(fn: () => void): void;
  loadScript(path: string, inOrder?: boolean): Promise<void>;
  loadStyle(path: string): Promise<void>;
  bankOf(block: Element): unknown;
  dom: {
    h(tag: string, props?: { [name: string]: string | number | boolean | null | undefined }, kids?: any): HTMLElement;
    safeHref(href: unknown): string | null;
    lang(): string; number(n: number): string; plural(n: number, one: string, many?: string): string;
    joined(parts: string[]): string; percent(part: number, whole: number): number;
    date(t: number, options: Intl.DateTimeFormatOptions): string; day(t: number): string; dateTime(t: number): string;
    duration(ms: number): string;
    skipLink(text: string, target: () => HTMLElement | null): void;
  };
  reveal(root: Element): void;
  announce(region: Element, text: string): void;
  Component: ComponentClass;
  ComponentError: new (moduleName: string, message: string) => Error;
  define(Class: ComponentClass): void;
  startComponents(): void;
  store: Store;
  log: {
    ENTRIES: object; checks: { [name: string]: any };
    valid(e: unknown): boolean; clean(e: unknown): LogEntry | null; compact(entries: LogEntry[]): LogEntry[];
    make: { [kind: string]: (fields: any) => LogEntry };
    readonly full: boolean;
    append(entry: any): void; add(entries: any[]): void; entries(): LogEntry[]; replace(entries: any[]): void;
    removeWhere(which: (entry: LogEntry) => boolean): void; onChange(fn: () => void): void;
  };
  quantity: {
    parse(text: string): Quantity | null;
    same(a: number, b: number): boolean;
    mentions(text: string): { start: number; end: number; quantity: Quantity }[];
    givesAway(stated: Quantity, dimension: string, values: number[]): boolean;
  };
  parseQuantity(text: string): { dimension: string; base: number; unitless: boolean } | null;
  examModel: ExamModel;
  examScreens(x: ExamView): ExamScreens;
  examStart(x: ExamView): ExamStart;
  examResults(x: ExamView): ExamResults;
  examTime(x: ExamView): ExamClocks;
  examStore(x: ExamView): ExamStore;
  examLeave(x: ExamView): { update(): void };
  progressModel: any;
  progress: any;
  /** sure.js: how sure the learner is, and certainty-based marks. */
  sure: {
    PREF: string; MARKS: (number[] | null)[]; LEVELS: { c: number; name: string; hint: string }[];
    enabled(): boolean; setEnabled(on: boolean): void; onToggle(fn: (on: boolean) => void): void;
    toggle(uid: string): HTMLElement; field(uid: string, c?: number | null): HTMLElement; read(field: Element | null): number | null;
    mark(right: boolean, c: number): number;
    total(rows: { right: boolean; c?: number | null }[]): { score: number; n: number; max: number; average: number | null };
    words(rows: { right: boolean; c?: number | null }[]): string;
    markWords(right: boolean, c: number | null | undefined): string;
  };
  /** readiness-model.js: recall by the blueprint, from the log. */
  readiness: ReadinessModel;
  /** readiness.js: the progress page's "Am I ready?" */
  ReadinessView?: new (book: any, uid: string) => { el: HTMLElement; render(entries: LogEntry[], now: number): void };
  review: any;
  /** worksheet.js: "My mistakes" on paper, from the review page. */
  worksheet: {
    choose(bank: any, entries: LogEntry[], pick: { kind: 'wrong' | 'flagged' | 'task'; task?: string }): BankQuestion[];
    sheet(questions: BankQuestion[], seed: number): { q: BankQuestion; n: number; order: number[]; letters: string[] }[];
    View: new (bank: any, uid: string) => { el: HTMLElement; update(entries: LogEntry[]): void };
  };
}

/** A group of questions' readiness: a domain or a task statement. */
interface ReadinessFigures {
  key: string; title: string; n: number; seen: number; unseen: number; recall: number | null; known: number; knownAt: number | null;
}
interface ReadinessTask extends ReadinessFigures { domain: string; read: { title: string; href: string } | null; practice: string | null }
interface ReadinessDomain extends ReadinessFigures { weight: number; practice: string | null; tasks: ReadinessTask[] }
interface Readiness {
  domains: ReadinessDomain[];
  overall: { today: number; atExam: number | null; unseen: number; examAt: number | null };
  pass: number | null; answered: number; recallOf: { [id: string]: number };
}
interface ReadinessQuestion { id: string; hash: string; domain?: string | null; task?: string | null }
/** readiness-model.js */
interface ReadinessModel {
  DAY: number;
  fsrs(): any;
  ratingOf(e: LogEntry): number | null;
  memory(entries: LogEntry[], questions: ReadinessQuestion[]): { [id: string]: { state: { stability: number; difficulty: number }; last: number; answers: number } };
  recallAt(m: { state: { stability: number; difficulty: number }; last: number }, at: number): number;
  readiness(blueprint: any, questions: ReadinessQuestion[], entries: LogEntry[], now: number, examAt?: number | null): Readiness;
  studyNext(r: Readiness, count?: number): { task: ReadinessTask; domain: ReadinessDomain; gain: number }[];
  calibration(entries: LogEntry[]): { c: number; n: number; right: number }[];
  misconceptions(entries: LogEntry[], questions: ReadinessQuestion[]): { id: string; t: number }[];
}
