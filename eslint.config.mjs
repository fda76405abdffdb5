// eslint for the browser code (theme/) and the tests' scripts: the
// recommended rules, and the globals each place has.
import js from '@eslint/js';
import globals from 'globals';

export default [
  { ignores: ['node_modules/', '**/book/', 'target/', 'tests/output/', 'preprocessor/vendor/', 'preprocessor/fuzz/', 'tests/bench/work/',
    // What a build writes into a book.
    '**/studyguide/'] },
  js.configs.recommended,
  {
    // Pages load these as classic scripts (file:// blocks modules), each an IIFE.
    files: ['theme/**/*.js', 'preprocessor/src/**/*.js', 'preprocessor/tests/**/*.js'],
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'script',
      globals: { ...globals.browser, path_to_root: 'readonly', mermaid: 'readonly' },
    },
    rules: {
      'no-unused-vars': ['error', { args: 'none', caughtErrors: 'none' }],
      eqeqeq: ['error', 'smart'],
      'no-var': 'off',
    },
  },
  {
    files: ['**/*.mjs'],
    languageOptions: { ecmaVersion: 2024, sourceType: 'module', globals: { ...globals.node, ...globals.browser } },
    rules: { 'no-unused-vars': ['error', { args: 'none', caughtErrors: 'none' }] },
  },
];
