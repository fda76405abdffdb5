// The guide's own content in the built book (`cargo run --release -- build`):
// every question of the seed's chapter quiz is on its page, and the seed's
// answer key scores full marks. How the widgets behave is tested on the
// fixture books in tests/books/.
// Run: node --test --test-concurrency=1 tests/browser/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { GUIDE, repoRoot, useBook } from './harness.mjs';
import { assertNoErrors, expectText } from './assertions.mjs';
import { parseQuiz, plain, quizParts } from './quiz-page.mjs';

const QUIZ = 'serverless-containers/quiz.html';
const KEY = parseQuiz(readFileSync(path.join(repoRoot, 'src', 'serverless-containers', 'quiz.md'), 'utf8'));
const { questions, question, choiceItem, result, score, answer } = quizParts(KEY);

const guide = useBook(GUIDE);

test('all 25 questions are on the page, and the answer key scores 25 / 25', async (t) => {
  const page = await guide.open(t, QUIZ);
  assert.equal(KEY.length, 25);
  assert.equal(await questions(page).count(), 25);
  await expectText(score(page), 'Score: 0 / 25');
  for (const q of KEY) {
    const legend = await question(page, q.n).locator('legend').innerText();
    const choose = q.letters.length > 1 ? ' (Choose TWO.)' : '';
    assert.equal(plain(legend), `Question ${q.n}. ${plain(q.prompt)}${choose}`);
  }
  for (const q of KEY) {
    await answer(page, q.n);
    await expectText(result(page, q.n), 'Correct.');
  }
  await expectText(score(page), 'Score: 25 / 25');
  // The learner's own picks are marked right.
  await expectText(choiceItem(page, 1, KEY[0].letters[0]).getByText(/^✓/), '✓ Your answer: correct');
  assertNoErrors(page);
});
