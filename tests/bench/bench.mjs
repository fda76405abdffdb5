// The benchmark's driver; run it through tests/bench/run.sh, which builds
// the binaries and generates the books first. Prints the results and writes
// them to tests/bench/results.md. Nothing here asserts: it only measures.
//
//   node tests/bench/bench.mjs WORK_DIR STUDYGUIDE_BIN BENCH_BIN
//
// Environment: BENCH_QUICK=1 (a few runs of everything, small books only,
// for checking the script), BENCH_BUILD_500=1 (also full builds of the
// 500-chapter book: ~12 min for ours alone on a 2-core machine).
import { launch, serve, repoRoot, CHROMIUM_ARGS, chromiumPath } from '../browser/harness.mjs';
import { spawnSync, execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, rmSync, existsSync, statSync, mkdtempSync, readdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { tmpdir, cpus } from 'node:os';
import path from 'node:path';

const [work, studyguide, benchBin] = process.argv.slice(2).map((p) => path.resolve(p));
const QUICK = process.env.BENCH_QUICK === '1';
const BUILD_500 = process.env.BENCH_BUILD_500 === '1';

// Repetitions (medians). The slow parts run fewer times.
const R = QUICK
  ? { pre: { 1: 3, 50: 2, 500: 1 }, warm: { 1: 3, 50: 1, 150: 0 }, cold: { 1: 1, 50: 0 }, browser: 3, pdf: { 1: 1, 50: 0 }, guide: { warm: 1, cold: 0, pdf: 0, browser: 1 } }
  : { pre: { 1: 21, 50: 9, 500: 5 }, warm: { 1: 11, 50: 5, 150: 3 }, cold: { 1: 3, 50: 1 }, browser: 15, pdf: { 1: 3, 50: 1 }, guide: { warm: 3, cold: 1, pdf: 1, browser: 5 } };
if (BUILD_500) R.warm[500] = 1;

const log = (...a) => console.error(`[bench ${new Date().toISOString().slice(11, 19)}]`, ...a);
const median = (v) => {
  const s = [...v].sort((a, b) => a - b);
  const n = s.length;
  return n === 0 ? NaN : n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
};
const fmt = (x, d = 0) => (Number.isFinite(x) ? x.toFixed(d) : 'n/a');
const kb = (b) => (b / 1024).toFixed(1);
const mb = (b) => (b / 1048576).toFixed(1);
const loadavg = () => readFileSync('/proc/loadavg', 'utf8').trim();
const book = (kind, n) => path.join(work, `${kind}-${n}`);

// --- Running and timing a process: wall time by hrtime, max RSS by GNU time.
const rssFile = path.join(mkdtempSync(path.join(tmpdir(), 'sg-bench-')), 'rss');
function timed(cmd, args, opts = {}) {
  const t = process.hrtime.bigint();
  const r = spawnSync('/usr/bin/time', ['-f', '%M', '-o', rssFile, cmd, ...args], {
    encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, NO_COLOR: '1' }, ...opts,
  });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  if (r.status !== 0 && !opts.mayFail) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}):\n${r.stderr}`);
  const rssKB = Number(readFileSync(rssFile, 'utf8').trim().split('\n').pop());
  return { ms, rssKB, stdout: r.stdout, stderr: r.stderr, status: r.status };
}
const diagramLog = (stderr) => (stderr.match(/diagrams: [^\n]*/) || ['(no diagram line)'])[0];
const clearCache = (dir) => rmSync(path.join(dir, '.studyguide-cache'), { recursive: true, force: true });
const ours = (n) => timed(studyguide, ['build', book('ours', n)]);
const plain = (n) => timed(benchBin, ['plain-build', book('plain', n)]);
const benchJson = (args) => JSON.parse(timed(benchBin, args).stdout.trim().split('\n').pop());

// --- Machine and revision.
const cpuModel = (readFileSync('/proc/cpuinfo', 'utf8').match(/model name\s*:\s*(.*)/) || [null, 'unknown'])[1];
const memKB = Number(readFileSync('/proc/meminfo', 'utf8').match(/MemTotal:\s*(\d+)/)[1]);
const git = (...a) => execFileSync('git', a, { cwd: repoRoot, encoding: 'utf8' }).trim();
const commit = git('rev-parse', '--short', 'HEAD');
const dirty = git('status', '--porcelain', '--untracked-files=no').split('\n').filter(Boolean).length;
const started = new Date();
const load0 = loadavg();
const results = { pre: [], builds: [], phases: [], weight: {}, timing: [], pdf: [], blocks: [], guide: null };

// --- 1. Cold builds (they leave a warm cache behind). ---------------------
// Every copy's diagrams are distinct (gen.mjs), so a cold build draws them all;
// larger books warm their own cache with an untimed build below.
for (const n of [1, 50]) {
  const runs = R.cold[n] || 0;
  const cold = [];
  for (let i = 0; i < runs; i++) {
    clearCache(book('ours', n));
    log(`cold build, ${n} chapter(s), run ${i + 1}/${runs}`);
    const r = ours(n);
    cold.push(r);
    log(`  ${fmt(r.ms)} ms, ${diagramLog(r.stderr)}`);
  }
  results.builds.push({ n, cold });
  if (n === 1 && runs === 0) { clearCache(book('ours', 1)); ours(1); }
}

// --- 2. The preprocessor alone, on a loaded book. -------------------------
for (const n of [1, 50, 500]) {
  log(`preprocessor alone, ${n} chapter(s), ${R.pre[n]} runs`);
  const r = benchJson(['preprocess', book('ours', n), String(R.pre[n])]);
  results.pre.push({ n, ...r });
  log(`  run ${fmt(r.run_ms, 1)} ms, client-only ${fmt(r.client_only_ms, 1)} ms, JSON ${fmt(r.json_ms, 1)} ms`);
}

// --- 3. Full builds with a warm cache, ours and plain alternating. --------
for (const n of [1, 50, 150, 500]) {
  const runs = R.warm[n] || 0;
  if (!runs || !existsSync(book('ours', n))) continue;
  log(`warm builds, ${n} chapter(s), ${runs} runs each (ours and plain alternate)`);
  ours(n); plain(n); // untimed: the diagram cache, page cache, files in place
  const o = []; const p = [];
  for (let i = 0; i < runs; i++) {
    o.push(ours(n));
    p.push(plain(n));
    log(`  ours ${fmt(o.at(-1).ms)} ms (${diagramLog(o.at(-1).stderr)}), plain ${fmt(p.at(-1).ms)} ms`);
  }
  const entry = results.builds.find((b) => b.n === n) || (results.builds.push({ n, cold: [] }), results.builds.at(-1));
  Object.assign(entry, { warm: o, plain: p });
  if (n <= 50) {
    for (const mode of ['ours', 'ours-nosvg', 'plain']) {
      const r = benchJson(['phases', book(mode === 'plain' ? 'plain' : 'ours', n), mode]);
      results.phases.push({ n, mode, ...r });
    }
    ours(n); // leave our build (with its diagrams) in place for the pages below
  }
}

// --- 4. Page weight and time to a ready page, in Chromium. ----------------
const PAGES = ['c001/index.html', 'c001/api-gateway.html', 'c001/containers.html', 'c001/quiz.html'];
const servers = { ours: await serve(path.join(book('ours', 1), 'book')), plain: await serve(path.join(book('plain', 1), 'book')) };
const browser = await launch();
const READY_SCRIPT = `
  window.addEventListener('load', function () {
    var SG = window.StudyGuide;
    if (!SG) { window.__sgReadyAt = -1; return; }
    SG.whenReady().then(function () { window.__sgReadyAt = performance.now(); });
  });`;
async function visit(kind, page, { weigh = false } = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, reducedMotion: 'reduce' });
  if (kind === 'ours') await context.addInitScript(READY_SCRIPT);
  const tab = await context.newPage();
  const bodies = [];
  if (weigh) {
    tab.on('response', (res) => bodies.push(res.body().then((b) => ({
      url: res.url(), type: res.request().resourceType(), bytes: b.length, gzip: gzipSync(b).length,
    }), () => null)));
  }
  await tab.goto(servers[kind].url + page, { waitUntil: weigh ? 'networkidle' : 'load' });
  if (kind === 'ours') await tab.waitForFunction(() => window.__sgReadyAt !== undefined, null, { timeout: 30000 });
  const t = await tab.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    const bytes = (nodes) => Array.from(nodes).reduce((s, n) => s + new TextEncoder().encode(n.outerHTML).length, 0);
    return {
      load: nav.loadEventEnd, ready: window.__sgReadyAt, dcl: nav.domContentLoadedEventEnd,
      parts: {
        svg: bytes(document.querySelectorAll('figure[data-sg-diagram]')),
        quiz: bytes(document.querySelectorAll('form.sg-quiz')),
        limits: bytes(document.querySelectorAll('div.sg-limits')),
      },
    };
  });
  const responses = (await Promise.all(bodies)).filter(Boolean);
  await context.close();
  return { ...t, total: kind === 'ours' ? Math.max(t.load, t.ready) : t.load, responses };
}

log('page weight');
for (const page of PAGES) {
  const w = {};
  for (const kind of ['ours', 'plain']) {
    const v = await visit(kind, page, { weigh: true });
    const byType = {};
    for (const r of v.responses) {
      const t = (byType[r.type] ||= { bytes: 0, gzip: 0, n: 0 });
      t.bytes += r.bytes; t.gzip += r.gzip; t.n += 1;
    }
    w[kind] = { byType, responses: v.responses, parts: v.parts };
  }
  results.weight[page] = w;
}

log(`time to a ready page, ${R.browser} runs per page and book (+1 discarded)`);
for (const page of PAGES) {
  const times = { ours: [], plain: [], oursLoad: [] };
  for (let i = 0; i <= R.browser; i++) {
    for (const kind of ['ours', 'plain']) {
      const v = await visit(kind, page);
      if (i === 0) continue;
      times[kind].push(v.total);
      if (kind === 'ours') times.oursLoad.push(v.load);
    }
  }
  results.timing.push({ page, ours: median(times.ours), oursLoad: median(times.oursLoad), plain: median(times.plain),
    oursMin: Math.min(...times.ours), plainMin: Math.min(...times.plain) });
  log(`  ${page}: ours ${fmt(median(times.ours), 1)} ms, plain ${fmt(median(times.plain), 1)} ms`);
}
await browser.close();
await servers.ours.close();
await servers.plain.close();

// --- 5. PDF export (warm diagram cache). ----------------------------------
const pdfPages = (file) => Number((execFileSync('pdfinfo', [file], { encoding: 'utf8' }).match(/Pages:\s*(\d+)/) || [])[1]);
const anchorFile = path.join(mkdtempSync(path.join(tmpdir(), 'sg-bench-pdf-')), 'anchor.pdf');
function printOnce(printPage) {
  const profile = mkdtempSync(path.join(tmpdir(), 'sg-bench-chromium-'));
  try {
    return timed(chromiumPath(), [...CHROMIUM_ARGS, `--user-data-dir=${profile}`, '--no-pdf-header-footer',
      `--print-to-pdf=${anchorFile}`, `file://${printPage}`]);
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}
for (const n of [1, 50]) {
  const runs = R.pdf[n] || 0;
  const rs = [];
  const anchor = [];
  for (let i = 0; i < runs; i++) {
    log(`PDF, ${n} chapter(s), run ${i + 1}/${runs}`);
    rs.push(timed(studyguide, ['pdf', book('ours', n)]));
    log(`  ${fmt(rs.at(-1).ms)} ms`);
    // The anchor, side by side: Chromium printing the same print page once,
    // as mdbook-pdf does (no contents, no waiting for widgets).
    anchor.push(printOnce(path.join(book('ours', n), 'book', 'print.html')));
    log(`  Chromium printing print.html once: ${fmt(anchor.at(-1).ms)} ms`);
  }
  if (!runs) continue;
  const file = rs.at(-1).stdout.trim().split('\n').pop();
  results.pdf.push({ n, runs, ms: median(rs.map((r) => r.ms)), rssKB: Math.max(...rs.map((r) => r.rssKB)),
    pages: pdfPages(file), bytes: statSync(file).size, anchorMs: median(anchor.map((r) => r.ms)), anchorPages: pdfPages(anchorFile) });
}

// --- 6. One block, growing (books from blocks.mjs). -----------------------
// `check` of one quiz, `build` of one limit table, and a diagram over
// mermaid's size limit, which the build refuses before drawing.
for (const [name, command] of [['quiz-1000', 'check'], ['quiz-10000', 'check'], ['limits-500', 'build'], ['limits-5000', 'build'], ['diagram-5000000', 'build']]) {
  const dir = path.join(work, 'blocks', name);
  if (!existsSync(dir)) continue;
  log(`one block: ${command} ${name}`);
  const r = timed(studyguide, [command, dir], { mayFail: name.startsWith('diagram') });
  const refused = /mermaid draws none over/.test(r.stdout + r.stderr);
  results.blocks.push({ name, command, ms: r.ms, rssKB: r.rssKB, status: r.status, refused });
  log(`  ${fmt(r.ms)} ms, exit ${r.status}${refused ? ', refused as too long' : ''}`);
}

// --- 7. The guide itself (this repository's book). ------------------------
if (R.guide.warm) {
  const guide = { warm: [], cold: [], pdf: null, page: null, ready: [] };
  const cache = path.join(repoRoot, '.studyguide-cache');
  log('the guide: warm builds');
  timed(studyguide, ['build', repoRoot]);
  for (let i = 0; i < R.guide.warm; i++) guide.warm.push(timed(studyguide, ['build', repoRoot]));
  for (let i = 0; i < R.guide.cold; i++) {
    log('the guide: cold build');
    // The cache is set aside, not lost: the next build of the guide is warm again.
    const aside = `${cache}.bench-aside`;
    rmSync(aside, { recursive: true, force: true });
    if (existsSync(cache)) execFileSync('mv', [cache, aside]);
    try {
      guide.cold.push(timed(studyguide, ['build', repoRoot]));
    } finally {
      rmSync(cache, { recursive: true, force: true });
      if (existsSync(aside)) execFileSync('mv', [aside, cache]);
    }
  }
  if (R.guide.pdf) {
    log('the guide: PDF');
    const r = timed(studyguide, ['pdf', repoRoot]);
    const file = r.stdout.trim().split('\n').pop();
    guide.pdf = { ms: r.ms, pages: pdfPages(file), bytes: statSync(file).size };
  }
  timed(studyguide, ['build', repoRoot]);
  // The heaviest quiz page of the guide, to a ready page in Chromium.
  const site = path.join(repoRoot, 'book');
  const quizPages = readdirSync(site, { recursive: true }).map(String).filter((f) => /(^|\/)quiz\.html$/.test(f));
  guide.page = quizPages.sort((a, b) => statSync(path.join(site, b)).size - statSync(path.join(site, a)).size)[0];
  if (guide.page) {
    log(`the guide: time to a ready ${guide.page}`);
    guide.pageBytes = statSync(path.join(site, guide.page)).size;
    const server = await serve(site);
    const browser = await launch();
    for (let i = 0; i <= R.guide.browser; i++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, reducedMotion: 'reduce' });
      await context.addInitScript(READY_SCRIPT);
      const tab = await context.newPage();
      await tab.goto(server.url + guide.page, { waitUntil: 'load' });
      await tab.waitForFunction(() => window.__sgReadyAt !== undefined, null, { timeout: 60000 });
      const t = await tab.evaluate(() => ({ load: performance.getEntriesByType('navigation')[0].loadEventEnd, ready: window.__sgReadyAt }));
      await context.close();
      if (i > 0) guide.ready.push(Math.max(t.load, t.ready));
    }
    await browser.close();
    await server.close();
  }
  results.guide = guide;
}

// --- Report. ---------------------------------------------------------------
const load1 = loadavg();
const L = [];
const row = (...cells) => L.push(`| ${cells.join(' | ')} |`);
const head = (...cells) => { row(...cells); row(...cells.map(() => '---')); };

L.push('# Benchmark results', '');
L.push(`- Date: ${started.toISOString().replace('T', ' ').slice(0, 16)} UTC (took ${fmt((Date.now() - started) / 60000, 1)} min)`);
L.push(`- Machine: ${cpus().length} CPUs (nproc), ${cpuModel}, ${fmt(memKB / 1048576, 1)} GiB RAM`);
L.push(`- Commit: ${commit}${dirty ? ` with ${dirty} uncommitted tracked file(s) changed` : ''}`);
L.push(`- Load average (1/5/15 min) at start: ${load0.split(' ').slice(0, 3).join(' ')}; at end: ${load1.split(' ').slice(0, 3).join(' ')}`);
L.push(`- Command: \`tests/bench/run.sh\`${QUICK ? ' (BENCH_QUICK=1)' : ''}${BUILD_500 ? ' (BENCH_BUILD_500=1)' : ''}. Books: N copies of src/serverless-containers (7 pages, 1 quiz of 25 questions, 2 limit tables, 7 diagrams per copy).`);
L.push('');

L.push('## Preprocessor alone (book already loaded, warm diagram cache)', '');
L.push('`StudyGuide::run` on a clone of the loaded book (median); "no cache reads": the same pipeline with a browser-less diagram backend; "JSON in→out": the external-preprocessor protocol from memory (parse, run, serialise).', '');
head('chapters', 'pages', 'runs', 'run (ms)', 'per chapter (ms)', 'no cache reads (ms)', 'JSON in→out (ms)', 'Markdown in → out');
for (const p of results.pre) {
  row(p.n, p.pages, p.runs, fmt(p.run_ms, 1), fmt(p.run_ms / p.n, 2), fmt(p.client_only_ms, 1), fmt(p.json_ms, 1),
    `${mb(p.markdown_in_bytes)} MB → ${mb(p.markdown_out_bytes)} MB`);
}
L.push('');

L.push('## Full build: `mdbook-studyguide build` vs plain mdBook 0.5.4 (same crates, plain book)', '');
L.push('Wall time of the process, median; max RSS from GNU time. Cold = `.studyguide-cache` deleted before each run (Chromium draws every diagram; its RSS is only counted if larger than ours).', '');
head('chapters', 'runs warm/cold', 'ours warm (s)', 'plain (s)', 'warm ratio', 'ours cold (s)', 'cold ratio', 'RSS ours warm (MB)', 'RSS ours cold (MB)', 'RSS plain (MB)', 'diagram log (last run)');
for (const b of results.builds) {
  const w = b.warm ? median(b.warm.map((r) => r.ms)) : NaN;
  const p = b.plain ? median(b.plain.map((r) => r.ms)) : NaN;
  const c = b.cold.length ? median(b.cold.map((r) => r.ms)) : NaN;
  const rw = b.warm ? Math.max(...b.warm.map((r) => r.rssKB)) : NaN;
  const rc = b.cold.length ? Math.max(...b.cold.map((r) => r.rssKB)) : NaN;
  const rp = b.plain ? Math.max(...b.plain.map((r) => r.rssKB)) : NaN;
  const last = (b.warm || b.cold).at(-1);
  row(b.n, `${b.warm ? b.warm.length : 0}/${b.cold.length}`, fmt(w / 1000, 2), fmt(p / 1000, 2), `${fmt(w / p, 2)}×`,
    fmt(c / 1000, 2), `${fmt(c / p, 2)}×`, fmt(rw / 1024), fmt(rc / 1024), fmt(rp / 1024), last ? diagramLog(last.stderr) : '');
}
L.push('');
L.push('Where a warm build spends its time (one in-process run each; `ours-nosvg`: diagrams left as source, so only quizzes and limit tables are added):', '');
head('chapters', 'build', 'load (ms)', 'preprocess (ms)', 'render (ms)', 'total (ms)');
for (const p of results.phases) {
  row(p.n, p.mode, fmt(p.load_ms), fmt(p.preprocess_ms), fmt(p.render_ms), fmt(p.load_ms + p.preprocess_ms + p.render_ms));
}
L.push('');

L.push('## Page weight (1-chapter books, loaded in Chromium over 127.0.0.1, uncompressed bytes; gzip in brackets)', '');
head('page', 'resource', 'ours (KB)', 'plain (KB)', 'added (KB)');
const ourAssets = {};
for (const [page, w] of Object.entries(results.weight)) {
  const types = [...new Set([...Object.keys(w.ours.byType), ...Object.keys(w.plain.byType)])].sort();
  let to = 0; let tp = 0;
  for (const t of types) {
    const o = w.ours.byType[t] || { bytes: 0, gzip: 0 }; const p = w.plain.byType[t] || { bytes: 0, gzip: 0 };
    to += o.bytes; tp += p.bytes;
    row(page, t, `${kb(o.bytes)} (${kb(o.gzip)})`, `${kb(p.bytes)} (${kb(p.gzip)})`, `${kb(o.bytes - p.bytes)} (${kb(o.gzip - p.gzip)})`);
  }
  row(page, '**all**', kb(to), kb(tp), `**${kb(to - tp)}**`);
  w.oursBytes = 0;
  for (const r of w.ours.responses) {
    const file = new URL(r.url).pathname;
    if (!/^\/studyguide\//.test(file)) continue;
    ourAssets[file] = r;
    w.oursBytes += r.bytes;
  }
}
L.push('');
L.push('Inside our HTML (bytes of the rendered widgets, outerHTML):', '');
head('page', 'diagram figures (KB)', 'quiz forms (KB)', 'limit tables (KB)');
for (const [page, w] of Object.entries(results.weight)) {
  row(page, kb(w.ours.parts.svg), kb(w.ours.parts.quiz), kb(w.ours.parts.limits));
}
L.push('');
L.push('Our scripts and styles, by page (every page: studyguide/; a page with blocks: what the loader fetches from studyguide/ for them):', '');
head('page', 'our bytes', 'files');
for (const [page, w] of Object.entries(results.weight)) {
  const files = w.ours.responses.map((r) => new URL(r.url).pathname).filter((f) => /^\/studyguide\//.test(f));
  row(page, w.oursBytes, files.map((f) => f.split('/').pop()).join(', '));
}
L.push('');
head('file', 'bytes', 'gzip');
for (const [p, r] of Object.entries(ourAssets).sort()) row(p, r.bytes, r.gzip);
L.push('');

L.push(`## Navigation to a ready page in Chromium (median of ${R.browser}; fresh context per run)`, '');
L.push('Ours: until `StudyGuide.whenReady()` resolved after the load event; plain: the load event.', '');
L.push('The minimum is less sensitive to other work on the machine than the median.', '');
head('page', 'ours ready (ms)', 'ours load event (ms)', 'plain load event (ms)', 'ours − plain (ms)', 'min ours / plain (ms)');
for (const t of results.timing) {
  row(t.page, fmt(t.ours, 1), fmt(t.oursLoad, 1), fmt(t.plain, 1), fmt(t.ours - t.plain, 1), `${fmt(t.oursMin, 1)} / ${fmt(t.plainMin, 1)}`);
}
L.push('');

L.push('## PDF export (`mdbook-studyguide pdf`, warm diagram cache; includes the build)', '');
L.push('The anchor, run after each of ours: Chromium printing the same `print.html` once (`chromium --headless --print-to-pdf`, as mdbook-pdf does: no title page, no contents, no footer, no waiting for widgets).', '');
head('chapters', 'runs', 'time (s)', 'pages', 's a page', 'size (MB)', 'max RSS (MB)', 'Chromium once (s)', 'its pages', 'ours / Chromium once');
for (const p of results.pdf) {
  row(p.n, p.runs, fmt(p.ms / 1000, 1), p.pages, fmt(p.ms / 1000 / p.pages, 3), mb(p.bytes), fmt(p.rssKB / 1024),
    fmt(p.anchorMs / 1000, 1), p.anchorPages, `${fmt(p.ms / p.anchorMs, 2)}×`);
}
L.push('');

L.push('## One block, growing (books from `tests/bench/blocks.mjs`; one run each)', '');
head('book', 'command', 'time (s)', 'max RSS (MB)', 'exit', '');
for (const b of results.blocks) {
  row(b.name, `\`${b.command}\``, fmt(b.ms / 1000, 2), fmt(b.rssKB / 1024), b.status, b.refused ? 'refused at its position: too long for mermaid' : '');
}
L.push('');

if (results.guide) {
  const g = results.guide;
  L.push('## The guide itself (this repository\'s book)', '');
  head('measure', 'value');
  if (g.warm.length) row(`warm build (median of ${g.warm.length})`, `${fmt(median(g.warm.map((r) => r.ms)) / 1000, 2)} s`);
  if (g.cold.length) row('cold build (no diagram cache)', `${fmt(median(g.cold.map((r) => r.ms)) / 1000, 2)} s (${diagramLog(g.cold.at(-1).stderr)})`);
  if (g.pdf) row('`pdf`', `${fmt(g.pdf.ms / 1000, 1)} s, ${g.pdf.pages} pages, ${mb(g.pdf.bytes)} MB`);
  if (g.page) row(`heaviest quiz page (${g.page}, ${kb(g.pageBytes)} KB) to ready in Chromium (median of ${g.ready.length})`, `${fmt(median(g.ready), 1)} ms`);
  L.push('');
}

// Targets.
const pre500 = results.pre.find((p) => p.n === 500);
const pre50 = results.pre.find((p) => p.n === 50);
const b50 = results.builds.find((b) => b.n === 50);
const b150 = results.builds.find((b) => b.n === 150);
const plainPage = results.weight['c001/index.html'];
const coldRatio = (b) => (b && b.cold.length && b.plain ? median(b.cold.map((r) => r.ms)) / median(b.plain.map((r) => r.ms)) : NaN);
const ratio = (b) => (b && b.warm ? median(b.warm.map((r) => r.ms)) / median(b.plain.map((r) => r.ms)) : NaN);
const api = results.weight['c001/api-gateway.html'];
const apiDiff = api ? Object.values(api.ours.byType).reduce((s, t) => s + t.bytes, 0) - Object.values(api.plain.byType).reduce((s, t) => s + t.bytes, 0) : NaN;
const yes = (ok) => (ok ? 'met' : '**missed**');
L.push('## Targets', '');
head('target', 'measured', '');
if (pre500) row('preprocessor, 500 chapters < 1 s', `${fmt(pre500.run_ms)} ms`, yes(pre500.run_ms < 1000));
if (pre500 && pre50) row('preprocessor grows linearly (per chapter, 500 vs 50)', `${fmt(pre500.run_ms / 500, 2)} vs ${fmt(pre50.run_ms / 50, 2)} ms/chapter`, yes(pre500.run_ms / 500 <= 1.25 * (pre50.run_ms / 50)));
for (const b of [b50, b150]) if (b && b.warm) row(`warm build ≤ 1.3× plain (${b.n} chapters)`, `${fmt(ratio(b), 2)}×`, yes(ratio(b) <= 1.3));
if (b50 && b150 && b50.warm && b150.warm) row('warm ratio no longer growing with the book (150 vs 50 chapters)', `${fmt(ratio(b150), 2)}× vs ${fmt(ratio(b50), 2)}×`, yes(ratio(b150) <= ratio(b50) * 1.1));
if (b50) row('cold 50-chapter build ≤ 10× plain (350 distinct diagrams)', `${fmt(coldRatio(b50), 1)}×`, yes(coldRatio(b50) <= 10));
if (plainPage) row('a page without our blocks loads ≤ 2 KB of our script and style (index.html)', `${plainPage.oursBytes} bytes`, yes(plainPage.oursBytes <= 2048));
row('page without diagrams within 25 KB of plain (api-gateway.html, all bytes)', `+${kb(apiDiff)} KB`, yes(apiDiff <= 25 * 1024));
const pdf1 = results.pdf.find((p) => p.n === 1);
const pdf50 = results.pdf.find((p) => p.n === 50);
if (pdf50) row('`pdf` within 1.3× of Chromium printing print.html once (50 chapters)', `${fmt(pdf50.ms / pdf50.anchorMs, 2)}×`, yes(pdf50.ms / pdf50.anchorMs <= 1.3));
if (pdf1 && pdf50) row('`pdf` linear in pages (s a page, 50 vs 1 chapter)', `${fmt(pdf50.ms / 1000 / pdf50.pages, 3)} vs ${fmt(pdf1.ms / 1000 / pdf1.pages, 3)}`, yes(pdf50.ms / pdf50.pages <= 1.25 * (pdf1.ms / pdf1.pages)));
const block = (name) => results.blocks.find((b) => b.name === name);
for (const [small, big] of [['quiz-1000', 'quiz-10000'], ['limits-500', 'limits-5000']]) {
  const [a, b] = [block(small), block(big)];
  if (a && b) row(`10× the block costs ≤ 12× the time (${small} → ${big})`, `${fmt(b.ms / a.ms, 1)}×`, yes(b.ms / a.ms <= 12));
  if (b) row(`${big} in under 30 s`, `${fmt(b.ms / 1000, 2)} s`, yes(b.ms < 30000));
}
const huge = block('diagram-5000000');
if (huge) row('a 5 MB diagram refused at its position before drawing, well under a second', `${fmt(huge.ms / 1000, 2)} s${huge.refused ? ', refused' : ', **not refused**'}`, yes(huge.refused && huge.ms < 1000));
L.push('');
L.push('Why a target is missed, from a profile of the build, and what it would take: `tests/bench/profile.md` (`tests/bench/profile.sh` reruns the profile).', '');

const md = L.join('\n') + '\n';
writeFileSync(path.join(repoRoot, 'tests', 'bench', 'results.md'), md);
console.log(md);
