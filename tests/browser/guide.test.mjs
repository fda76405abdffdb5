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
const CHOOSE = ['', '', 'TWO', 'THREE', 'FOUR'];

const guide = useBook(GUIDE);

for (const chapter of ['serverless-containers', 'security-compliance']) {
  const KEY = parseQuiz(readFileSync(path.join(repoRoot, 'src', chapter, 'quiz.md'), 'utf8'));
  const N = KEY.length;
  const { questions, question, choiceItem, result, score, answer } = quizParts(KEY);

  test(`${chapter}: all ${N} questions are on the page, and the answer key scores ${N} / ${N}`, async (t) => {
    const page = await guide.open(t, `${chapter}/quiz.html`);
    assert.equal(await questions(page).count(), N);
    await expectText(score(page), `Score: 0 / ${N}`);
    for (const q of KEY) {
      const legend = await question(page, q.n).locator('legend').innerText();
      const choose = q.letters.length > 1 ? ` (Choose ${CHOOSE[q.letters.length]}.)` : '';
      assert.equal(plain(legend), `Question ${q.n}. ${plain(q.prompt)}${choose}`);
    }
    for (const q of KEY) {
      await answer(page, q.n);
      await expectText(result(page, q.n), 'Correct.');
    }
    await expectText(score(page), `Score: ${N} / ${N}`);
    // The learner's own picks are marked right.
    await expectText(choiceItem(page, 1, KEY[0].letters[0]).getByText(/^✓/), '✓ Your answer: correct');
    assertNoErrors(page);
  });
}

test('every question of the seed is in the chapter quiz', async (t) => {
  const page = await guide.open(t, 'serverless-containers/quiz.html');
  for (const id of SEED_IDS) {
    assert.equal(await page.locator(`[data-sg-question][data-id="${id}"]`).count(), 1, id);
  }
});
