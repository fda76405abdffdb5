// The quiz as a learner meets it: its answer key read from a chapter's
// ```quiz block (not from the page), and the roles and names the tests find
// its parts by. Shared by the quiz widget's tests and the guide's own.
import assert from 'node:assert/strict';
import { expectText } from './assertions.mjs';

// The answer key of the first ```quiz block of a chapter: for each question
// its number, prompt and answer letters.
export function parseQuiz(markdown) {
  const block = markdown.match(/```quiz\n([\s\S]*?)\n```/);
  assert.ok(block, 'the chapter has a ```quiz block');
  return block[1].split(/^\[\[question\]\]\s*$/m).slice(1).map((section, i) => {
    const prompt = section.match(/^prompt = (".*")\s*$/m);
    const answer = section.match(/^answer = (".*"|\[.*\])\s*$/m);
    assert.ok(prompt && answer, `question ${i + 1} has a prompt and an answer`);
    return { n: i + 1, prompt: JSON.parse(prompt[1]), letters: [].concat(JSON.parse(answer[1])) };
  });
}

// Markdown in prompts becomes typographic quotes and <code>.
export const plain = (s) => s.replace(/[‘’]/g, "'").replace(/[“”]/g, '"').replace(/[`*]/g, '').replace(/\s+/g, ' ').trim();

// Finds the parts of the quiz whose answer key is `key`.
export function quizParts(key) {
  const quizOf = (page) => page.getByRole('form', { name: 'Quiz' });
  // Each question is a fieldset (role group) named by its legend; the answer
  // <details> is a group too, so filter by name.
  const questions = (page) => quizOf(page).getByRole('group', { name: /^Question \d+\. / });
  const question = (page, n) => quizOf(page).getByRole('group', { name: new RegExp(`^Question ${n}\\. `) });
  const isMulti = (n) => key[n - 1].letters.length > 1;
  const choiceIn = (scope, n, letter) =>
    scope.getByRole(isMulti(n) ? 'checkbox' : 'radio', { name: new RegExp(`^${letter}\\) `) });
  const choice = (page, n, letter) => choiceIn(question(page, n), n, letter);
  // The list item of a choice: its input, its mark and its explanation.
  const choiceItem = (page, n, letter) =>
    question(page, n).getByRole('listitem').filter({ has: choiceIn(page, n, letter) });
  const result = (page, n) => question(page, n).getByRole('status');
  const score = (page) => quizOf(page).getByRole('status').filter({ hasText: /^Score:/ });
  const checkButton = (page, n) => question(page, n).getByRole('button', { name: 'Check' });

  async function pick(page, n, letters) {
    for (const letter of letters) await choice(page, n, letter).check();
  }
  async function answer(page, n, letters = key[n - 1].letters) {
    await pick(page, n, letters);
    await checkButton(page, n).click();
  }
  async function checkedLetters(page, n) {
    const letters = [];
    for (const letter of 'ABCD') if (await choice(page, n, letter).isChecked()) letters.push(letter);
    return letters;
  }
  return { quizOf, questions, question, choice, choiceItem, result, score, checkButton, pick, answer, checkedLetters };
}

const CHOOSE = ['', '', 'TWO', 'THREE', 'FOUR', 'FIVE'];

// Every question of `key` is on the page with its prompt, and answering each
// by the key scores full marks.
export async function scoresFullMarks(page, key) {
  const N = key.length;
  const { questions, question, choiceItem, result, score, answer } = quizParts(key);
  assert.equal(await questions(page).count(), N);
  await expectText(score(page), `Score: 0 / ${N}`);
  for (const q of key) {
    const legend = await question(page, q.n).locator('legend').innerText();
    const choose = q.letters.length > 1 ? ` (Choose ${CHOOSE[q.letters.length]}.)` : '';
    assert.equal(plain(legend), `Question ${q.n}. ${plain(q.prompt)}${choose}`);
  }
  for (const q of key) {
    await answer(page, q.n);
    await expectText(result(page, q.n), 'Correct.');
  }
  await expectText(score(page), `Score: ${N} / ${N}`);
  // The learner's own picks are marked right.
  await expectText(choiceItem(page, 1, key[0].letters[0]).getByText(/^✓/), '✓ Your answer: correct');
}
