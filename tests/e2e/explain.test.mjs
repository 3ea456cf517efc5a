// @ts-check
// The one renderer of the engine's explanations (extension/shared/explain.js), on real engine
// output: the golden cases (tests/data/cases.json, in their message when they have one) analyzed
// by the wasm build in .build/wasm, every reason rendered in both languages the way the extension
// renders it (chrome.i18n, stood in for by the same messages.json read by chrome.i18n.getMessage's
// rules: shared/messages.js `formatMessage`) and the way the www pages do (`catalogLookup`,
// segments). Needs `make wasm`.
//   node --test tests/e2e/explain.test.mjs
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { renderExplained } from '../../extension/shared/explain.js';
import { catalogLookup, formatMessage } from '../../extension/shared/messages.js';
import { loadWasm } from '../../scripts/node-engine.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const LANGS = ['en', 'ja'];
/** @type {{ [lang: string]: import('../../extension/shared/messages.js').Catalog }} */
const CATALOGS = Object.fromEntries(LANGS.map((lang) => [lang, JSON.parse(fs.readFileSync(path.join(ROOT, 'data', 'locales', lang, 'messages.json'), 'utf8'))]));
const { cases: CASES } = JSON.parse(fs.readFileSync(path.join(ROOT, 'tests', 'data', 'cases.json'), 'utf8'));

const wasm = loadWasm(path.join(ROOT, '.build', 'wasm'));
const engine = new wasm.LinkGuard();

/** A placeholder or a message key left in a text. */
const LEFT_OVER = /\$[A-Za-z0-9_]+\$|\$[1-9]|\b(?:reason|lookalike)_[a-z_]+/;

/** @param {import('../../extension/shared/messages.js').Segments} segments */
const textOf = (segments) => segments.map((s) => ('text' in s ? s.text : s.value)).join('');

/** The browser's UI language, as the stand-in for chrome.i18n answers. */
let uiLanguage = 'en';
globalThis.chrome = /** @type {any} */ ({
  i18n: {
    // chrome.i18n.getMessage: the message in the UI language, '' for an unknown key.
    getMessage: (/** @type {string} */ key, /** @type {string | string[]} */ subs) => {
      if (key === '@@ui_locale') return uiLanguage === 'ja' ? 'ja' : 'en_US';
      const segments = formatMessage(CATALOGS[uiLanguage], key, [subs ?? []].flat());
      return segments ? textOf(segments) : '';
    },
  },
});
// After the stand-in: shared/api.js reads the global when it loads. A browser's UI language
// doesn't change while the extension runs, and shared/i18n.js keeps the texts it got: one
// instance of it per language, as if each were a browser of its own.
/** @type {{ [lang: string]: (reason: Reason) => { title: string, body: string } }} */
const explainReasonIn = Object.fromEntries(await Promise.all(LANGS.map(async (lang) => {
  uiLanguage = lang;
  const i18n = await import(`../../extension/shared/i18n.js?ui=${lang}`);
  return [lang, i18n.explainReason];
})));

/**
 * The extension's renderer (shared/i18n.js `explainReason`) in a browser whose UI speaks `lang`.
 * @param {string} lang
 * @returns {(reason: Reason) => { title: string, body: string }}
 */
const extensionIn = (lang) => (reason) => {
  uiLanguage = lang;
  return explainReasonIn[lang](reason);
};

/**
 * The bypass cases (tests/data/bypasses.json): their inputs carry what a link's href and text
 * alone can't (the text the DOM holds beside the one seen, pings, a malformed field), so the
 * reasons only they give are rendered too.
 */
const { cases: BYPASSES } = JSON.parse(fs.readFileSync(path.join(ROOT, 'tests', 'data', 'bypasses.json'), 'utf8'));

/**
 * The reasons of a link, in its message when it has one (a golden case's `context`), and of
 * that message's sender (`message(context)`: display-name-address, mailto-brand-mismatch).
 * @param {LinkInput} input @param {MessageContext} [context] @returns {Reason[]}
 */
const reasonsOf = (input, context) => [
  ...engine.analyze(input, context).reasons,
  ...(context ? engine.message(context).reasons : []),
];

/** Every reason of every golden case and bypass case, with its case. */
const reasons = [
  ...CASES.map((/** @type {any} */ demoCase) => ({ demoCase, input: { href: demoCase.href, text: demoCase.text }, context: demoCase.context })),
  ...BYPASSES.map((/** @type {any} */ demoCase) => ({ demoCase, input: demoCase.input, context: undefined })),
].flatMap(({ demoCase, input, context }) => reasonsOf(input, context).map((reason) => ({ demoCase, reason })));

describe('renderExplained (extension/shared/explain.js) on the engine\'s verdicts', () => {
  const extension = Object.fromEntries(LANGS.map((lang) => [lang, extensionIn(lang)]));

  test('every reason code the engine has is rendered by a golden or bypass case, with its title and body', () => {
    const codes = new Set(reasons.map(({ reason }) => reason.code));
    assert.deepEqual([...codes].sort(), [...wasm.reasonCodes()].sort());
    for (const { reason } of reasons) {
      assert.equal(reason.explained.title.key, `reason_${reason.code.replaceAll('-', '_')}_title`);
      assert.ok(reason.explained.body.length >= 1, reason.code);
    }
  });

  test('the extension and the www pages say the same words, in both languages, with no placeholder or key left', () => {
    for (const lang of LANGS) {
      for (const { demoCase, reason } of reasons) {
        const www = renderExplained(reason.explained, catalogLookup(CATALOGS[lang]), lang);
        const ext = extension[lang](reason);
        assert.equal(ext.title, textOf(www.title), `${demoCase.id} ${reason.code}`);
        assert.equal(ext.body, www.body.map(textOf).join(' '), `${demoCase.id} ${reason.code}`);
        assert.equal(ext.title, CATALOGS[lang][reason.explained.title.key].message, `${lang} ${demoCase.id}: the title`);
        for (const text of [ext.title, ext.body]) {
          assert.ok(text && !LEFT_OVER.test(text), `${lang} ${demoCase.id} ${reason.code}: ${text}`);
        }
        // Every value the engine gave is said (a brand in this language).
        for (const message of reason.explained.body) {
          for (const arg of message.args) {
            const value = typeof arg === 'string' ? arg : arg[lang];
            if (value) assert.ok(ext.body.includes(value), `${lang} ${demoCase.id} ${reason.code}: "${value}" in ${ext.body}`);
          }
        }
      }
    }
  });

  test('a golden case\'s explanation says its words in each language', () => {
    let checked = 0;
    for (const lang of LANGS) {
      for (const demoCase of CASES) {
        const words = demoCase.expected.says?.[lang];
        if (!words) continue;
        const said = reasonsOf({ href: demoCase.href, text: demoCase.text }, demoCase.context)
          .map((r) => Object.values(extension[lang](r)).join(' ')).join(' ');
        assert.ok(said.includes(words), `${lang} ${demoCase.id}: "${words}" in ${said}`);
        checked += 1;
      }
    }
    assert.ok(checked > 0, 'some case names its words');
  });

  test('a brand is named in the reader\'s language: 楽天 in Japanese, Rakuten in English', () => {
    const links = [
      { href: 'https://www.rakuten.co.jp.example.cn/', text: 'Login' },
      { href: 'mailto:support@example.cn', text: '楽天カスタマーサポート' },
    ];
    for (const link of links) {
      const verdict = engine.analyze(link);
      const branded = verdict.reasons.filter((r) => r.explained.body.some((m) => m.args.some((a) => typeof a !== 'string')));
      assert.ok(branded.length, `${link.href}: a reason names a brand: ${JSON.stringify(verdict.reasons)}`);
      for (const reason of branded) {
        // The name in the other language shows only where the mail itself wrote it (the claim).
        const quoted = (/** @type {string} */ name) => reason.explained.body.some((m) => m.args.some((a) => typeof a === 'string' && a.includes(name)));
        const ja = extension.ja(reason).body;
        const en = extension.en(reason).body;
        const www = textOf(renderExplained(reason.explained, catalogLookup(CATALOGS.ja), 'ja').body[0]);
        for (const japanese of [ja, www]) assert.ok(japanese.includes('楽天') && (quoted('Rakuten') || !japanese.includes('Rakuten')), japanese);
        assert.ok(en.includes('Rakuten') && (quoted('楽天') || !en.includes('楽天')), en);
      }
    }
  });

  test('a body of several sentences is said in order: a text mismatch, then what kind of lookalike', () => {
    const verdict = engine.analyze({ href: 'https://paypa1.com/signin', text: 'https://paypal.com/signin' });
    const mismatch = verdict.reasons.find((r) => r.code === 'text-mismatch');
    assert.ok(mismatch, JSON.stringify(verdict.reasons));
    assert.equal(mismatch.explained.body.length, 2, JSON.stringify(mismatch.explained));
    assert.match(mismatch.explained.body[1].key, /^lookalike_/);
    for (const lang of LANGS) {
      const www = renderExplained(mismatch.explained, catalogLookup(CATALOGS[lang]), lang).body.map(textOf);
      assert.equal(extension[lang](mismatch).body, www.join(' '));
      assert.ok(www[0].includes('paypal.com') && www[1].includes('paypa1.com'), www.join(' | '));
    }
  });

  test('a message the catalog lacks is shown by its key, never as nothing', () => {
    const explained = { title: { key: 'no_such_title', args: [] }, body: [{ key: 'no_such_body', args: ['x'] }] };
    const www = renderExplained(explained, catalogLookup(CATALOGS.en), 'en');
    assert.deepEqual([textOf(www.title), ...www.body.map(textOf)], ['no_such_title', 'no_such_body']);
  });
});
