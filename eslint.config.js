// @ts-check
// ESLint (`make lint`): the recommended rules, and a few more that catch real bugs, on the
// extension, the www pages, the build scripts and the tests.
import js from '@eslint/js';
import globals from 'globals';

/**
 * Browser globals that read like a variable of one's own (`name`, `status`, `confirm`...): a
 * forgotten import or declaration of one would silently use the window's.
 */
const CONFUSING_BROWSER_GLOBALS = [
  'close', 'closed', 'confirm', 'event', 'external', 'find', 'frames', 'length', 'name', 'open',
  'opener', 'origin', 'parent', 'print', 'screen', 'self', 'status', 'stop', 'top',
];

/** The WebExtension namespaces and the engine's glue (a classic script's global). */
const EXTENSION_GLOBALS = { chrome: 'readonly', browser: 'readonly', wasm_bindgen: 'readonly' };

export default [
  {
    ignores: [
      'dist/', 'target/', '.build/', 'node_modules/', 'fuzz/', 'benches/',
      // Copied in by the build (scripts/build-extension.mjs).
      'www/engine/', 'www/shared/', 'www/_locales/',
    ],
  },
  js.configs.recommended,
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-eval': 'error',
      'no-implied-eval': 'error',
      // Japanese text (the demo mail's addresses) has ideographic spaces in its templates.
      'no-irregular-whitespace': ['error', { skipStrings: true, skipTemplates: true }],
      'no-new-func': 'error',
      'no-self-compare': 'error',
      'no-template-curly-in-string': 'error',
      'no-unmodified-loop-condition': 'error',
      'no-unreachable-loop': 'error',
      // A module's top-level code using a binding before its declaration (a TDZ error at start-up).
      'no-use-before-define': ['error', { functions: false, classes: true, variables: false }],
      'no-unused-vars': ['error', { args: 'after-used', argsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    files: ['extension/**/*.js', 'www/**/*.js'],
    languageOptions: {
      sourceType: 'module',
      globals: { ...globals.browser, ...EXTENSION_GLOBALS },
    },
    rules: { 'no-restricted-globals': ['error', ...CONFUSING_BROWSER_GLOBALS] },
  },
  {
    // The background is a service worker in Chrome.
    files: ['extension/background/**/*.js'],
    languageOptions: { globals: { ...globals.serviceworker } },
  },
  {
    // Classic scripts: the language switch runs in <head> before any module.
    files: ['www/assets/lang.js', 'www/assets/about.js'],
    languageOptions: { sourceType: 'script' },
  },
  {
    files: ['scripts/**/*.mjs', 'tests/**/*.mjs', 'eslint.config.js'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // page.evaluate and the like run their callbacks in the browser; tests/e2e/pages/ are pages.
    files: ['tests/**/*.mjs', 'tests/**/*.js'],
    languageOptions: { globals: { ...globals.browser, ...EXTENSION_GLOBALS } },
  },
];
