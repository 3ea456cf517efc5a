// @ts-check
// The extension's explanations (extension/shared/explain.js `explain`) in both UI languages,
// without a browser: chrome.i18n.getMessage is stood in for by the www pages' formatter of the
// same messages.json files (extension/shared/messages.js `formatMessage`, which follows its
// rules).
//   node --test tests/e2e/explain.test.mjs
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { explain } from '../../extension/shared/explain.js';
import { formatMessage } from '../../extension/shared/messages.js';
import { REASON_CODES } from '../../extension/shared/reason-codes.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * chrome.i18n.getMessage for the UI language `lang`.
 * @param {string} lang
 * @returns {import('../../extension/shared/messages.js').MessageLookup}
 */
function msgIn(lang) {
  const catalog = JSON.parse(fs.readFileSync(path.join(ROOT, 'data', 'locales', lang, 'messages.json'), 'utf8'));
  return (key, substitutions) => {
    if (key === '@@ui_locale') return lang;
    const segments = formatMessage(catalog, key, [substitutions ?? []].flat());
    return segments ? segments.map((s) => ('text' in s ? s.text : s.value)).join('') : '';
  };
}

/** `explain` as the extension runs it in the UI language `lang`. @param {string} lang */
function explainIn(lang) {
  const msg = msgIn(lang);
  return (/** @type {Reason} */ reason, /** @type {Target} */ target) => explain(reason, target, msg);
}

/** @type {Target} */
const target = { url: 'https://www.rakuten.co.jp.example.cn/', host: 'www.rakuten.co.jp.example.cn', registrable_domain: 'example.cn' };
/** @returns {Reason} */
const reason = (/** @type {string} */ code, /** @type {string | null} */ brandJa) => ({
  code,
  level: 'danger',
  details: { claimed: 'rakuten.co.jp', actual: 'example.cn', brand: 'Rakuten', ...(brandJa ? { brand_ja: brandJa } : {}) },
});

describe('explain (extension/shared/explain.js)', () => {
  for (const code of ['brand-in-host', 'lookalike-domain', 'mailto-brand-mismatch']) {
    test(`${code} names the brand as the reader knows it`, () => {
      const ja = explainIn('ja')(reason(code, '楽天'), target);
      assert.ok(ja.body.includes('楽天'), ja.body);
      assert.ok(!ja.body.includes('Rakuten'), ja.body);
      assert.ok(ja.body.includes('rakuten.co.jp') && ja.body.includes('example.cn'), ja.body);
      const en = explainIn('en')(reason(code, '楽天'), target);
      assert.ok(en.body.includes('Rakuten') && !en.body.includes('楽天'), en.body);
      // A brand known by its English name keeps it in Japanese too.
      const jaEnglishOnly = explainIn('ja')(reason(code, null), target);
      assert.ok(jaEnglishOnly.body.includes('Rakuten'), jaEnglishOnly.body);
    });
  }

  test('brand-name-in-host says whether the name is the brand\'s own or spelled like it', () => {
    /** @type {Reason} */
    const exact = { code: 'brand-name-in-host', level: 'caution', details: { claimed: 'eki-net', actual: 'example.cn', brand: 'Eki-net (JR East)', brand_ja: 'えきねっと（JR東日本）' } };
    const lookalike = { ...exact, details: { ...exact.details, claimed: 'ekl-net', lookalike: 'edit-distance', brand_domain: 'eki-net.com' } };
    for (const lang of ['en', 'ja']) {
      const say = explainIn(lang);
      const own = say(exact, target).body;
      const spelled = say(lookalike, target).body;
      assert.ok(own.includes('eki-net') && spelled.includes('ekl-net'), `${own} / ${spelled}`);
      assert.notEqual(own.replace('eki-net', 'X'), spelled.replace('ekl-net', 'X'), 'a different sentence for a lookalike');
    }
    assert.ok(explainIn('ja')(lookalike, target).body.includes('似せた'));
    assert.ok(explainIn('en')(lookalike, target).body.includes('spelled to look like'));
  });

  test('every reason code has a title and a body in both languages, with no placeholder left', () => {
    for (const lang of ['en', 'ja']) {
      const say = explainIn(lang);
      assert.ok(REASON_CODES.length >= 14, 'the reason codes are exported');
      for (const code of REASON_CODES) {
        const { title, body } = say(reason(code, '楽天'), target);
        assert.ok(title && !title.startsWith('reason_'), `${lang} ${code}: title ${title}`);
        assert.ok(body && !/\$[A-Za-z0-9_]+\$|\$[1-9]/.test(body), `${lang} ${code}: body ${body}`);
      }
    }
  });
});
