// The extension's explanations (extension/common.js `explain`) in both UI languages, without a
// browser: chrome.i18n.getMessage is stood in for by the www pages' formatter of the same
// messages.json files (extension/shared/messages.js `formatMessage`, which follows its rules).
//   node --test tests/e2e/explain.test.mjs
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { formatMessage } from '../../extension/shared/messages.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const COMMON = fs.readFileSync(path.join(ROOT, 'extension', 'common.js'), 'utf8');

/** common.js's `linkguardCommon`, loaded in a fresh context whose UI language is `lang`. */
function commonIn(lang) {
  const catalog = JSON.parse(fs.readFileSync(path.join(ROOT, 'data', 'locales', lang, 'messages.json'), 'utf8'));
  const getMessage = (key, substitutions) => {
    if (key === '@@ui_locale') return lang;
    const segments = formatMessage(catalog, key, [substitutions ?? []].flat());
    return segments ? segments.map((s) => s.text ?? s.value).join('') : '';
  };
  const context = vm.createContext({ chrome: { i18n: { getMessage } } });
  vm.runInContext(COMMON, context);
  return context.linkguardCommon;
}

const target = { url: 'https://www.rakuten.co.jp.example.cn/', host: 'www.rakuten.co.jp.example.cn', registrable_domain: 'example.cn' };
const reason = (code, brandJa) => ({
  code,
  level: 'danger',
  details: { claimed: 'rakuten.co.jp', actual: 'example.cn', brand: 'Rakuten', ...(brandJa ? { brand_ja: brandJa } : {}) },
});

describe('explain (extension/common.js)', () => {
  for (const code of ['brand-in-host', 'lookalike-domain', 'mailto-brand-mismatch']) {
    test(`${code} names the brand as the reader knows it`, () => {
      const ja = commonIn('ja').explain(reason(code, '楽天'), target);
      assert.ok(ja.body.includes('楽天'), ja.body);
      assert.ok(!ja.body.includes('Rakuten'), ja.body);
      assert.ok(ja.body.includes('rakuten.co.jp') && ja.body.includes('example.cn'), ja.body);
      const en = commonIn('en').explain(reason(code, '楽天'), target);
      assert.ok(en.body.includes('Rakuten') && !en.body.includes('楽天'), en.body);
      // A brand known by its English name keeps it in Japanese too.
      const jaEnglishOnly = commonIn('ja').explain(reason(code, null), target);
      assert.ok(jaEnglishOnly.body.includes('Rakuten'), jaEnglishOnly.body);
    });
  }

  test('brand-name-in-host says whether the name is the brand\'s own or spelled like it', () => {
    const exact = { code: 'brand-name-in-host', level: 'caution', details: { claimed: 'eki-net', actual: 'example.cn', brand: 'Eki-net (JR East)', brand_ja: 'えきねっと（JR東日本）' } };
    const lookalike = { ...exact, details: { ...exact.details, claimed: 'ekl-net', lookalike: 'edit-distance', brand_domain: 'eki-net.com' } };
    for (const lang of ['en', 'ja']) {
      const common = commonIn(lang);
      const own = common.explain(exact, target).body;
      const spelled = common.explain(lookalike, target).body;
      assert.ok(own.includes('eki-net') && spelled.includes('ekl-net'), `${own} / ${spelled}`);
      assert.notEqual(own.replace('eki-net', 'X'), spelled.replace('ekl-net', 'X'), 'a different sentence for a lookalike');
    }
    assert.ok(commonIn('ja').explain(lookalike, target).body.includes('似せた'));
    assert.ok(commonIn('en').explain(lookalike, target).body.includes('spelled to look like'));
  });

  test('every reason code has a title and a body in both languages, with no placeholder left', () => {
    for (const lang of ['en', 'ja']) {
      const common = commonIn(lang);
      assert.ok(common.REASON_CODES.length >= 14, 'the reason codes are exported');
      for (const code of common.REASON_CODES) {
        const { title, body } = common.explain(reason(code, '楽天'), target);
        assert.ok(title && !title.startsWith('reason_'), `${lang} ${code}: title ${title}`);
        assert.ok(body && !/\$[A-Za-z0-9_]+\$|\$[1-9]/.test(body), `${lang} ${code}: body ${body}`);
      }
    }
  });
});
