// Loads the browser code's pure modules (classic scripts of theme/) into
// this Node process, as pages load them: each adds to window.StudyGuide.
// No page: `document` is a stand-in with the page's language only.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * Runs `files` of theme/ (and ts-fsrs, as "ts-fsrs.js") in order; returns
 * window.StudyGuide. `store` stands in for storage.js where a module asks it.
 */
export function loadTheme(files, { store } = {}) {
  const units = JSON.parse(readFileSync(path.join(repoRoot, 'tests', 'fixtures', 'units.json'), 'utf8'));
  globalThis.window = globalThis;
  globalThis.document = { documentElement: { lang: 'en' } };
  globalThis.StudyGuide = { manifest: { book: { id: 'unit', title: 'Unit tests' }, modules: {}, units } };
  if (store) globalThis.StudyGuide.store = store;
  for (const file of files) {
    const from = file === 'ts-fsrs.js'
      ? path.join(repoRoot, 'preprocessor', 'vendor', 'ts-fsrs.js')
      : path.join(repoRoot, 'theme', file);
    vm.runInThisContext(readFileSync(from, 'utf8'), { filename: from });
  }
  return globalThis.StudyGuide;
}
