// Generates books of one growing block, for the benchmark's "one block,
// growing" lines (run.sh calls it; bench.mjs times them):
//
//   node tests/bench/blocks.mjs OUT_DIR quiz:N...  limits:N...  diagram:BYTES...
//
//   OUT_DIR/quiz-N      one page with one quiz of N questions (and a page of
//                       a few limits its questions' explanations quote)
//   OUT_DIR/limits-N    one page with one limit table of N rows, the page's
//                       prose quoting a few of them
//   OUT_DIR/diagram-B   one page with one mermaid diagram of about B bytes
//                       (a flowchart), which mermaid's size limit refuses
//
// Every question and row is different (ids, numbers, units), as an author's
// would be; the book.toml is the guide's.
import { readFileSync, writeFileSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const [outDir, ...specs] = process.argv.slice(2);
if (!outDir || specs.length === 0) {
  console.error('usage: node tests/bench/blocks.mjs OUT_DIR quiz:N limits:N diagram:BYTES ...');
  process.exit(2);
}
const bookToml = readFileSync(path.join(repo, 'book.toml'), 'utf8');

function writeBook(name, pages) {
  const dir = path.join(outDir, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(path.join(dir, 'src'), { recursive: true });
  writeFileSync(path.join(dir, 'book.toml'), bookToml);
  const summary = ['# Summary', ''];
  for (const [file, title, text] of pages) {
    summary.push(`- [${title}](${file})`);
    writeFileSync(path.join(dir, 'src', file), text);
  }
  writeFileSync(path.join(dir, 'src', 'SUMMARY.md'), summary.join('\n') + '\n');
}

const UNITS = [
  (k) => `${(k % 900) + 1} seconds`,
  (k) => `${((k * 37) % 10000) + 128} MB`,
  (k) => `${(k % 50) + 1} GB`,
  (k) => `${((k * 13) % 5000) + 1}`,
  (k) => `${(k % 14) + 1} days`,
  (k) => `${((k * 7) % 1000) + 1} requests per second`,
];

const DOMAINS = ['secure', 'resilient', 'performant', 'cost'];

function limitsBody(n, prefix, caption) {
  const rows = [`caption = "${caption}"`, 'service = "Example Service"', 'source = "https://docs.aws.amazon.com/general/latest/gr/aws-service-information.html"', ''];
  for (let k = 1; k <= n; k++) {
    rows.push('[[limit]]', `id = "${prefix}.l${k}"`, `resource = "Resource number ${k} of the service"`);
    if (k % 3 === 0) {
      const unit = UNITS[k % UNITS.length];
      rows.push(`min = "${unit(1).replace(/^\d+/, '1')}"`, `max = "${unit(k).replace(/^(\d+)/, (d) => String(Number(d) + 1))}"`);
    } else {
      rows.push(`value = "${UNITS[k % UNITS.length](k)}"`);
    }
    rows.push(`adjustable = ${k % 2 === 0}`);
    if (k % 4 === 0) rows.push(`note = "Row ${k}: counted per account and Region."`);
    rows.push('');
  }
  return '```limits\n' + rows.join('\n') + '```\n';
}

function quizPage(n) {
  const lines = ['# Quiz', '', `One quiz of ${n} questions.`, '', '```quiz', 'title = "A long quiz"', ''];
  for (let k = 1; k <= n; k++) {
    lines.push('[[question]]', `id = "q${k}"`, `domain = "${DOMAINS[k % 4]}"`);
    lines.push(`prompt = "Question ${k}: which setting of resource ${k} does the scenario need, given its ${k % 7 + 2} constraints?"`);
    lines.push('choices = [');
    for (let c = 0; c < 4; c++) {
      lines.push(c % 2
        ? `  { text = "Option ${c + 1} for question ${k}", explanation = "Option ${c + 1} misses constraint ${c} of question ${k}." },`
        : `  "Choice ${c + 1} for question ${k}",`);
    }
    lines.push(']', `answer = "${'AC'[k % 2]}"`);
    lines.push(`see = "notes.md#section-${(k % 5) + 1}"`);
    lines.push(`explanation = "Question ${k}'s answer follows from ${k % 10 === 0 ? '{{limit notes.l' + ((k % 5) + 1) + '}}' : 'the notes'}."`, '');
  }
  lines.push('```', '');
  return lines.join('\n');
}

function notesPage() {
  const sections = [1, 2, 3, 4, 5].map((k) => `## Section ${k}\n\nWhat section ${k} teaches.\n`).join('\n');
  return `# Notes\n\n${sections}\n${limitsBody(5, 'notes', 'Notes limits')}`;
}

function diagramPage(bytes) {
  const lines = ['flowchart TD'];
  let size = lines[0].length;
  for (let k = 0; size < bytes; k++) {
    const line = `  n${k}["Step ${k} of a very long process"] --> n${k + 1}`;
    lines.push(line);
    size += line.length + 1;
  }
  return `# Diagram\n\nOne diagram of ${bytes} bytes.\n\n\`\`\`mermaid title="A long process" description="Every step of a long process, one after another."\n${lines.join('\n')}\n\`\`\`\n\nThe text after it.\n`;
}

for (const spec of specs) {
  const [kind, size] = spec.split(':');
  const n = Number(size);
  if (!Number.isInteger(n) || n < 1) throw new Error(`bad size in ${spec}`);
  if (kind === 'quiz') {
    writeBook(`quiz-${n}`, [['notes.md', 'Notes', notesPage()], ['quiz.md', 'Quiz', quizPage(n)]]);
  } else if (kind === 'limits') {
    const prose = `# Limits\n\nRow 1 is {{limit big.l1}}; row ${n} is {{limit big.l${n}}}.\n\n`;
    writeBook(`limits-${n}`, [['limits.md', 'Limits', prose + limitsBody(n, 'big', 'A long table')]]);
  } else if (kind === 'diagram') {
    writeBook(`diagram-${n}`, [['diagram.md', 'Diagram', diagramPage(n)]]);
  } else {
    throw new Error(`unknown block kind in ${spec}`);
  }
  console.log(`generated ${spec}`);
}
