// An author's first steps, in temporary directories with nothing of this
// repository beside them: `init` a book and build it with mdBook 0.5.4
// itself, `install` into a book that has its own settings, a book whose
// files are from another version, and a book written for mdbook-mermaid.
// Each is then used in Chromium as a reader would.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { MDBOOK, closeShared, removeAtExit, repoRoot, runAsAuthor as run, siteAt, tempDir } from './harness.mjs';
import { assertNoErrors, expectText, expectVisible } from './assertions.mjs';

after(closeShared);

const fresh = (prefix) => removeAtExit(tempDir(prefix));

test('init → mdbook build: the example quiz grades itself, the limit table practises, the diagram is drawn', async (t) => {
  assert.ok(existsSync(MDBOOK), `${MDBOOK} is installed (tests/mdbook-cli.sh)`);
  const dir = path.join(fresh('studyguide-init-'), 'my-book');
  const init = run('mdbook-studyguide', ['init', dir], repoRoot);
  assert.equal(init.status, 0, init.log);
  assert.match(init.log, /mdbook-studyguide serve/);
  assert.ok(!existsSync(path.join(dir, 'node_modules')));
  // No copy of our scripts and styles: theme/ holds the one mdBook template
  // the book gains from.
  assert.deepEqual(readdirSync(path.join(dir, 'theme')).sort(), ['toc.html.hbs']);

  const build = run('mdbook', ['build'], dir);
  assert.equal(build.status, 0, build.log);
  assert.doesNotMatch(build.log, /WARN|ERROR/, build.log);

  const site = await siteAt({ dir, site: path.join(dir, 'book') });
  const quiz = await site.open(t, site.fileUrl('quiz.html'));
  const first = quiz.getByRole('group', { name: /How long does light from the Moon take/ });
  await first.getByRole('radio', { name: /1\.3 seconds/ }).check();
  await first.getByRole('button', { name: 'Check' }).click();
  await expectText(first.getByRole('status'), /Correct/);
  assertNoErrors(quiz);

  const chapter = await site.open(t, site.fileUrl('chapter_1.html'));
  await expectVisible(chapter.locator('figure[data-sg-diagram] svg').first());
  await chapter.getByRole('button', { name: /Practi[cs]e/ }).first().click();
  const field = chapter.getByRole('textbox').first();
  await field.fill('1.3 s');
  await field.press('Enter');
  await expectText(chapter.locator('[data-sg-limits]').first(), /Correct|✓/);
  assertNoErrors(chapter);

  // Our template, which init wrote into theme/: the contents page for
  // readers without script has a title, a main landmark and a heading.
  const toc = await site.open(t, site.fileUrl('toc.html'));
  assert.match(await toc.title(), /^Table of contents/);
  assert.equal(await toc.getByRole('main').getByRole('heading', { level: 1, name: 'Table of contents' }).count(), 1);

  // Its blueprint grants no extra time: the practice exam offers none.
  const exam = await site.open(t, site.fileUrl('exam.html'));
  const limit = exam.getByRole('combobox', { name: 'Time limit' });
  assert.deepEqual((await limit.locator('option').allInnerTexts()).map((o) => o.replace(/ \(.*/, '')),
    ['5 minutes', '10 minutes', 'No time limit']);
  await expectText(exam.getByText(/^Take more time if you need it/), 'Take more time if you need it.');
  assertNoErrors(exam);

  const again = run('mdbook-studyguide', ['init', dir], repoRoot);
  assert.notEqual(again.status, 0);
  assert.match(again.log, /already holds a book.*mdbook-studyguide install/);
});

const COMMENTED = `# The team's book.
[book]
title = "Team notes" # shown in the menu bar
src = "src"

# mdBook's own link checker, ours to keep.
[preprocessor.links]

[output.html]
# Our house style.
additional-css = ["custom.css"]
`;

function authorBook(toml) {
  const dir = fresh('studyguide-author-');
  mkdirSync(path.join(dir, 'src'));
  writeFileSync(path.join(dir, 'book.toml'), toml);
  writeFileSync(path.join(dir, 'custom.css'), 'body { letter-spacing: 0; }\n');
  writeFileSync(path.join(dir, 'src', 'SUMMARY.md'), '# Summary\n\n- [Notes](notes.md)\n');
  writeFileSync(path.join(dir, 'src', 'notes.md'), `# Notes

\`\`\`quiz
[[question]]
id = "two"
prompt = "What is one plus one?"
choices = ["One", "Two"]
answer = "B"
explanation = "One and one make two."
see = "notes.md#notes"
\`\`\`
`);
  return dir;
}

// The author's book, built: its one question, answered right, says so.
async function answersTheQuiz(t, dir) {
  const site = await siteAt({ dir, site: path.join(dir, 'book') });
  const page = await site.open(t, site.fileUrl('notes.html'));
  const question = page.getByRole('group', { name: /one plus one/ });
  await question.getByRole('radio', { name: 'Two' }).check();
  await question.getByRole('button', { name: 'Check' }).click();
  await expectText(question.getByRole('status'), /Correct/);
  assertNoErrors(page);
}

test('install keeps comments and other preprocessors, and a second install changes no byte', async (t) => {
  const dir = authorBook(COMMENTED);
  const first = run('mdbook-studyguide', ['install', dir], repoRoot);
  assert.equal(first.status, 0, first.log);
  const once = readFileSync(path.join(dir, 'book.toml'), 'utf8');
  // Only our lines were added: without them it is the author's file, byte for byte.
  // The book's id (the name learners' progress is kept under) comes from its title.
  const id = /\[preprocessor\.studyguide\]\n# The name learners' progress is kept under[^\n]*\nbook-id = "[a-z0-9]+"\n\n/;
  assert.match(once, id);
  const ours = [once.match(id)[0], ', "studyguide/base.css", "studyguide/mdbook.css"',
    'additional-js = ["studyguide/loader.js", "studyguide/mdbook.js"]\n'];
  for (const line of ours) assert.ok(once.includes(line), `${line} in:\n${once}`);
  assert.equal(ours.reduce((text, line) => text.replace(line, ''), once), COMMENTED);
  const second = run('mdbook-studyguide', ['install', dir], repoRoot);
  assert.equal(second.status, 0, second.log);
  assert.match(second.log, /already loads/);
  assert.equal(readFileSync(path.join(dir, 'book.toml'), 'utf8'), once);

  const build = run('mdbook', ['build'], dir);
  assert.equal(build.status, 0, build.log);
  await answersTheQuiz(t, dir);
});

test('files from another version are written afresh, and a book.toml without our entries is told what to run', async (t) => {
  const dir = authorBook(COMMENTED);
  assert.equal(run('mdbook-studyguide', ['install', dir], repoRoot).status, 0);
  // What an older binary left behind.
  writeFileSync(path.join(dir, 'studyguide', 'loader.js'), '// an old loader\n');
  mkdirSync(path.join(dir, 'src', 'studyguide'), { recursive: true });
  writeFileSync(path.join(dir, 'src', 'studyguide', 'quiz.js'), '// an old quiz script\n');
  const build = run('mdbook', ['build'], dir);
  assert.equal(build.status, 0, build.log);
  const embedded = (name) => readFileSync(path.join(repoRoot, 'theme', name), 'utf8');
  assert.equal(readFileSync(path.join(dir, 'studyguide', 'loader.js'), 'utf8'), embedded('loader.js'));
  assert.equal(readFileSync(path.join(dir, 'src', 'studyguide', 'quiz.js'), 'utf8'), embedded('quiz.js'));

  // Entries an older version wrote, and none of this one's.
  const toml = path.join(dir, 'book.toml');
  writeFileSync(toml, COMMENTED.replace('additional-css = ["custom.css"]', 'additional-js = ["studyguide/old.js"]')
    .replace('[output.html]', '[preprocessor.studyguide]\n\n[output.html]'));
  writeFileSync(path.join(dir, 'studyguide', 'old.js'), '');
  const stale = run('mdbook', ['build'], dir);
  assert.equal(stale.status, 0, stale.log);
  assert.match(stale.log, /book\.toml does not list "studyguide\/base\.css", "studyguide\/mdbook\.css", "studyguide\/loader\.js" and "studyguide\/mdbook\.js"/);
  assert.match(stale.log, /run `mdbook-studyguide install`/);
  // Meanwhile the quiz still works: its chapter loads our files itself.
  await answersTheQuiz(t, dir);

  assert.equal(run('mdbook-studyguide', ['install', dir], repoRoot).status, 0);
  assert.doesNotMatch(readFileSync(toml, 'utf8'), /old\.js/);
  const fixed = run('mdbook', ['build'], dir);
  assert.doesNotMatch(fixed.log, /does not list/, fixed.log);
});

test('a book written for mdbook-mermaid switches by replacing the preprocessor, and nothing else', async (t) => {
  const dir = fresh('studyguide-mermaid-');
  mkdirSync(path.join(dir, 'src'));
  // As mdbook-mermaid's `install` leaves a book, with [preprocessor.mermaid]
  // replaced by ours.
  writeFileSync(path.join(dir, 'book.toml'), `[book]
title = "Diagrams"

[preprocessor.studyguide]

[output.html]
additional-js = ["mermaid.min.js", "mermaid-init.js"]
`);
  writeFileSync(path.join(dir, 'mermaid.min.js'), '/* the book\'s own copy of mermaid */\n');
  writeFileSync(path.join(dir, 'mermaid-init.js'), '/* mdbook-mermaid\'s start-up script */\n');
  writeFileSync(path.join(dir, 'src', 'SUMMARY.md'), '# Summary\n\n- [Flow](flow.md)\n');
  writeFileSync(path.join(dir, 'src', 'flow.md'), '# Flow\n\n```mermaid\ngraph TD;\n    A-->B;\n    A-->C;\n```\n');
  const build = run('mdbook', ['build'], dir);
  assert.equal(build.status, 0, build.log);
  assert.match(build.log, /diagram has no text alternative/, 'a warning, not an error');
  const site = await siteAt({ dir, site: path.join(dir, 'book') });
  const page = await site.open(t, site.fileUrl('flow.html'));
  const figure = page.locator('figure[data-sg-diagram]');
  await expectVisible(figure.locator('svg').first());
  assert.match(await figure.locator('svg').first().textContent(), /A[\s\S]*B[\s\S]*C/);
  assertNoErrors(page);
});
