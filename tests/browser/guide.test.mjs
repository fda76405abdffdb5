// The guide's own content in the built book (`cargo run --release -- build`):
// every question of the seed's chapter quiz is on its page, and the seed's
// answer key scores full marks. How the widgets behave is tested on the
// fixture books in tests/books/.
// Run: node --test --test-concurrency=1 tests/browser/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { GUIDE, bankOf, repoRoot, useBook } from './harness.mjs';
import { assertNoErrors } from './assertions.mjs';
import { parseQuiz, scoresFullMarks } from './quiz-page.mjs';
import { givenAway } from './limits-page.mjs';

// The seed's 25 questions, by the ids their saved answers are kept under.
const SEED_IDS = [
  'lambda-max-timeout', 'apigw-cheapest-type', 'ecs-serverless-launch-type', 'lambda-max-memory',
  'lambda-rds-connections', 'fargate-shared-filesystem', 'lambda-sync-invocation', 'ecs-task-role',
  'lambda-max-tmp', 'long-running-task', 'lambda-reserved-concurrency', 'apigw-private-endpoint',
  'fargate-storage-encryption-key', 'lambda-snapstart', 'ecs-instance-control', 'lambda-update-code',
  'apigw-usage-plans', 'ecs-traffic-distribution', 'lambda-static-ip', 'lambda-console-zip-limit',
  'ecs-spread-placement', 'lambda-provisioned-concurrency', 's3-prefix-trigger', 'fargate-network-mode',
  'event-fan-out',
];
const guide = useBook(GUIDE);

// The chapters, in SUMMARY.md's order: [folder, title].
const CHAPTERS = [...readFileSync(path.join(repoRoot, 'src', 'SUMMARY.md'), 'utf8')
  .matchAll(/^- \[([^\]]+)\]\(([a-z-]+)\/index\.md\)$/gm)].map((m) => [m[2], m[1]]);
const keyOf = (chapter) => parseQuiz(readFileSync(path.join(repoRoot, 'src', chapter, 'quiz.md'), 'utf8'));

test('the book has its nine chapters, in the exam guide\'s reading order', () => {
  assert.deepEqual(CHAPTERS.map(([folder]) => folder), ['compute', 'storage', 'databases', 'networking', 'integration',
    'serverless-containers', 'security-compliance', 'resilience', 'cost']);
});

// Every chapter's quiz: its questions are on the page as its Markdown has
// them, and its answer key scores full marks.
for (const [chapter] of CHAPTERS) {
  const KEY = keyOf(chapter);
  const N = KEY.length;
  test(`${chapter}: all ${N} questions are on the page, and the answer key scores ${N} / ${N}`, async (t) => {
    const page = await guide.open(t, `${chapter}/quiz.html`, { timeout: 15000 });
    await scoresFullMarks(page, KEY);
    assertNoErrors(page);
  });
}

test('every question of the seed is in the chapter quiz', async (t) => {
  const page = await guide.open(t, 'serverless-containers/quiz.html');
  for (const id of SEED_IDS) {
    assert.equal(await page.locator(`[data-sg-question][data-id="${id}"]`).count(), 1, id);
  }
});

// The practice exam draws from every chapter quiz of the guide, and each of
// its questions says where the guide teaches it and which domain it is in.
test('the practice exam holds every chapter question, each with its section and domain', async () => {
  const quizzes = CHAPTERS.map(([chapter]) => keyOf(chapter));
  const bank = bankOf(guide.site, 'practice/exam.html');
  assert.equal(bank.questions.length, quizzes.reduce((n, q) => n + q.length, 0));
  assert.deepEqual(bank.chapters.map((c) => c.title), CHAPTERS.map(([, title]) => title));
  for (const [chapter, title] of CHAPTERS) {
    const { id } = bank.chapters.find((c) => c.title === title);
    assert.ok(bank.questions.filter((q) => q.chapter === id).length >= 45, `${chapter} has at least 45 questions`);
  }
  for (const q of bank.questions) {
    assert.ok(q.see && q.see.href.startsWith('../'), `${q.id} links the section that teaches it`);
    assert.ok(q.domain, `${q.id} has an exam domain`);
  }
});

// A learner can tell which exam the guide is for: the landing page and the
// practice exam's start screen name it, with its current facts.
const EXAM = 'AWS Certified Solutions Architect – Associate (SAA-C03)';

test('the introduction names the exam and states its facts', async (t) => {
  const page = await guide.open(t, 'index.html');
  const main = page.getByRole('main');
  await main.getByText(EXAM).first().waitFor({ state: 'visible' });
  const text = (await main.innerText()).replace(/\s+/g, ' ');
  for (const fact of ['65: 50 scored and 15 unscored', '130 minutes', 'Scaled from 100 to 1,000; 720 passes',
    'Design Secure Architectures 30%', 'Design Resilient Architectures 26%',
    'Design High-Performing Architectures 24%', 'Design Cost-Optimized Architectures 20%']) {
    assert.ok(text.includes(fact), `the introduction states "${fact}"`);
  }
  assert.equal(await main.getByRole('link', { name: 'SAA-C03 exam guide' }).getAttribute('href'),
    'https://docs.aws.amazon.com/aws-certification/latest/solutions-architect-associate-03/solutions-architect-associate-03.html');
  assertNoErrors(page);
});

test('the practice exam\'s start screen names the exam', async (t) => {
  const page = await guide.open(t, 'practice/exam.html');
  const exam = page.locator('[data-sg-exam]');
  await exam.getByRole('heading', { name: 'Start a practice exam' }).waitFor({ state: 'visible' });
  await exam.getByText(`Practice exam: ${EXAM}`).waitFor({ state: 'visible' });
  await exam.getByText('The real exam has 65 questions in 130 minutes').waitFor({ state: 'visible' });
  assertNoErrors(page);
});

// Every page of the guide with a limit table: while a table is practised, no
// visible cell of it states one of its hidden values, in any unit.
test('no limit table of the guide gives its values away while practised', async (t) => {
  const pages = execFileSync('grep', ['-rl', '--include=*.md', '```limits', path.join(repoRoot, 'src')], { encoding: 'utf8' })
    .trim().split('\n').map((file) => path.relative(path.join(repoRoot, 'src'), file).replace(/\.md$/, '.html')).sort();
  assert.ok(pages.length >= 9, `${pages.length} pages with limit tables`);
  const found = [];
  for (const page of pages) {
    const tab = await guide.open(t, page);
    const practise = tab.getByRole('button', { name: /^Practice: / });
    for (let i = 0; i < await practise.count(); i++) {
      const button = practise.nth(i);
      const name = (await button.getAttribute('aria-label')).replace(/^Practice: /, '');
      await button.click();
      const table = tab.locator('.sg-limits').nth(i).getByRole('table');
      for (const form of await givenAway(table)) found.push(`${page}, ${name}: ${form}`);
    }
    assertNoErrors(tab);
    await tab.context().close();
  }
  assert.deepEqual(found, []);
});

// Every diagram of the guide, as drawn at build time: no edge's label lies
// over a subgraph's title or a node, and no edge runs through a subgraph's
// title, and no subgraph's title lies over a node (the Lambda-in-a-VPC and
// three-tier VPC drawings once did the first two, the ECS one the third).
test('no diagram of the guide draws a label over another, or an edge through a title', async (t) => {
  const pages = execFileSync('grep', ['-rl', '--include=*.md', '```mermaid', path.join(repoRoot, 'src')], { encoding: 'utf8' })
    .trim().split('\n').map((file) => path.relative(path.join(repoRoot, 'src'), file).replace(/\.md$/, '.html')).sort();
  assert.ok(pages.length >= 9, `${pages.length} pages with diagrams`);
  const found = [];
  for (const page of pages) {
    const tab = await guide.open(t, page);
    const clashes = await tab.evaluate(() => {
      const out = [];
      const overlap = (a, b) => a.x < b.x + b.width - 1 && b.x < a.x + a.width - 1 && a.y < b.y + b.height - 1 && b.y < a.y + a.height - 1;
      for (const figure of document.querySelectorAll('figure[data-sg-diagram]')) {
        const svg = [...figure.querySelectorAll('svg')].find((s) => s.getBoundingClientRect().width > 0);
        if (!svg || !svg.querySelector('g.cluster, g.node')) continue;
        const name = figure.querySelector('figcaption')?.textContent.trim();
        const box = (el) => el.getBoundingClientRect();
        const titles = [...svg.querySelectorAll('.cluster-label')].filter((l) => l.textContent.trim()).map((l) => ({ text: l.textContent.trim(), r: box(l) }));
        const nodes = [...svg.querySelectorAll('g.node')].map((n) => ({ text: n.textContent.trim(), r: box(n) }));
        const labels = [...svg.querySelectorAll('.edgeLabel')].filter((l) => l.textContent.trim()).map((l) => ({ text: l.textContent.trim(), r: box(l) }));
        for (const label of labels) {
          for (const other of [...titles, ...nodes]) if (overlap(label.r, other.r)) out.push(`${name}: edge label "${label.text}" over "${other.text}"`);
        }
        for (const title of titles) {
          for (const node of nodes) if (overlap(title.r, node.r)) out.push(`${name}: the title "${title.text}" over "${node.text}"`);
        }
        for (const path of svg.querySelectorAll('path.flowchart-link, .edgePaths path')) {
          const length = path.getTotalLength();
          const matrix = path.getScreenCTM();
          for (const title of titles) {
            for (let at = 0; at <= length; at += 2) {
              const p = new DOMPoint(path.getPointAtLength(at).x, path.getPointAtLength(at).y).matrixTransform(matrix);
              const r = title.r;
              if (p.x > r.x + 1 && p.x < r.x + r.width - 1 && p.y > r.y + 1 && p.y < r.y + r.height - 1) {
                out.push(`${name}: an edge runs through the title "${title.text}"`);
                break;
              }
            }
          }
        }
      }
      return [...new Set(out)];
    });
    for (const clash of clashes) found.push(`${page}: ${clash}`);
    assertNoErrors(tab);
    await tab.context().close();
  }
  assert.deepEqual(found, []);
});
