// Generates the benchmark's synthetic books from the guide's real chapter.
//
//   node tests/bench/gen.mjs OUT_DIR COUNT...      e.g. gen.mjs tests/bench/work 1 50 500
//
// For each COUNT it writes two books with the same Markdown:
//   OUT_DIR/ours-COUNT   the guide's book.toml: our preprocessor and its
//                        additional-js/css (the binary writes their files)
//   OUT_DIR/plain-COUNT  book.toml without [preprocessor.studyguide] and
//                        without additional-js/css: plain mdBook, our blocks
//                        stay ordinary code blocks
// Chapter k (c001 … cNNN) is a copy of src/serverless-containers/*.md with
// every quiz id, limit id, `cites` and {{limit …}} renamed with a `-cNNN`
// suffix. Each diagram gets a comment line naming its copy (`%% cNNN`), so
// every copy's diagrams are distinct: a cold build draws all of them, and
// neither the cache nor the build's de-duplication hides that work. The
// quiz page's "Next" link points at the next copy.
import { readFileSync, writeFileSync, mkdirSync, rmSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const [outDir, ...counts] = process.argv.slice(2);
if (!outDir || counts.length === 0) {
  console.error('usage: node tests/bench/gen.mjs OUT_DIR COUNT...');
  process.exit(2);
}

const chapterDir = path.join(repo, 'src', 'serverless-containers');
const pages = readdirSync(chapterDir).filter((f) => f.endsWith('.md')).sort();
const sources = Object.fromEntries(pages.map((f) => [f, readFileSync(path.join(chapterDir, f), 'utf8')]));

// The chapter's own SUMMARY entries, in order, with their titles.
const summary = readFileSync(path.join(repo, 'src', 'SUMMARY.md'), 'utf8');
const entries = [...summary.matchAll(/^([ \t]*)- \[([^\]]+)\]\(serverless-containers\/([^)]+)\)/gm)]
  .map((m) => ({ indent: m[1], title: m[2], file: m[3] }));
if (entries.length !== pages.length) throw new Error(`SUMMARY lists ${entries.length} pages, the chapter has ${pages.length}`);

function renameCopy(text, tag, next) {
  const suffix = `-${tag}`;
  const out = [];
  let fence = null; // 'quiz' | 'limits' | 'mermaid' | 'other' | null
  for (const line of text.split('\n')) {
    const open = line.match(/^\s*```+\s*([\w-]*)/);
    if (fence === null && open) {
      fence = ['quiz', 'limits', 'mermaid'].includes(open[1]) ? open[1] : 'other';
      out.push(line);
      if (fence === 'mermaid') out.push(`%% ${tag}`);
      continue;
    }
    if (fence !== null && /^\s*```+\s*$/.test(line)) {
      fence = null;
      out.push(line);
      continue;
    }
    let l = line;
    if (fence === 'quiz' || fence === 'limits') {
      l = l.replace(/^(\s*id\s*=\s*")([^"]+)(")/, `$1$2${suffix}$3`);
      l = l.replace(/^(\s*cites\s*=\s*")([^"\s]+)/, `$1$2${suffix}`);
      // A question that sends the reader to another chapter of the guide
      // (not in these books) reads a page of its own copy instead.
      l = l.replace(/^(\s*see\s*=\s*")\.\.\/[^"]*(")/, '$1patterns.md$2');
    }
    if (fence !== 'other') l = l.replace(/\{\{limit\s+([^\s}]+)/g, (_, id) => `{{limit ${id}${suffix}`);
    out.push(l);
  }
  return out.join('\n').replace('](../security-compliance/index.md)', `](../${next}/index.md)`);
}

const tagOf = (k, n) => `c${String(k).padStart(Math.max(3, String(n).length), '0')}`;

function plainToml(toml) {
  // Drop every [preprocessor.studyguide…] table and the additional-js/css keys.
  const kept = [];
  let skipping = false;
  for (const line of toml.split('\n')) {
    const header = line.match(/^\s*\[+([^\]]+)\]+/);
    if (header) skipping = header[1].trim().startsWith('preprocessor.studyguide');
    if (skipping) {
      // and the comment lines just above the table
      while (kept.length && /^\s*#/.test(kept[kept.length - 1])) kept.pop();
      continue;
    }
    if (/^\s*additional-(js|css)\s*=/.test(line)) continue;
    kept.push(line);
  }
  return kept.join('\n').replace(/\n{3,}/g, '\n\n');
}

const bookToml = readFileSync(path.join(repo, 'book.toml'), 'utf8');
for (const n of counts.map(Number)) {
  const lines = ['# Summary', ''];
  const files = {};
  for (let k = 1; k <= n; k++) {
    const tag = tagOf(k, n);
    const next = tagOf(k === n ? 1 : k + 1, n);
    for (const e of entries) {
      const title = e.file === 'index.md' ? `${e.title} (${tag})` : e.title;
      lines.push(`${e.indent}- [${title}](${tag}/${e.file})`);
      files[`${tag}/${e.file}`] = renameCopy(sources[e.file], tag, next);
    }
  }
  const summaryText = lines.join('\n') + '\n';
  for (const kind of ['ours', 'plain']) {
    const dir = path.join(outDir, `${kind}-${n}`);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(path.join(dir, 'src'), { recursive: true });
    writeFileSync(path.join(dir, 'src', 'SUMMARY.md'), summaryText);
    for (const [file, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(dir, 'src', file)), { recursive: true });
      writeFileSync(path.join(dir, 'src', file), text);
    }
    if (kind === 'ours') {
      writeFileSync(path.join(dir, 'book.toml'), bookToml);
    } else {
      writeFileSync(path.join(dir, 'book.toml'), plainToml(bookToml));
    }
  }
  console.log(`generated ${n} chapter(s): ${Object.keys(files).length} pages`);
}
