// @ts-check
// The store listing (store/listing.{en,ja}.md) and the site's privacy page (www/privacy/) say
// what the extension really asks for: every permission of both built manifests, and no other,
// has its words in both languages; the listing is what scripts/build-store.mjs writes from the
// texts (data/locales/*/messages.json, store_* and privacy_*); the privacy page shows those texts
// in Chromium. (docs/glossary.md's words: tests/e2e/glossary.test.mjs reads every message.)
//
// Needs `make` first (dist/*/manifest.json, www/_locales/, www/privacy/permissions.json).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { PERMISSION_KEYS, builtManifests, permissionGroups, texts } from '../../scripts/build-store.mjs';
import { launch, startWeb } from './harness.mjs';

const root = path.resolve(import.meta.dirname, '../..');
/** @param {string} file */
const readJson = (file) => JSON.parse(fs.readFileSync(path.join(root, file), 'utf8'));

/** Every entry of the manifests' permission keys, e.g. `storage`, `https://*\/*`. */
function manifestPermissions() {
  return new Set(builtManifests().flatMap((m) => PERMISSION_KEYS.flatMap((k) => m[k] ?? [])));
}

test('the listing\'s and the privacy page\'s texts have their own words in English and Japanese', () => {
  const en = texts('en');
  const ja = texts('ja');
  const keys = Object.keys(en).filter((k) => /^(store|privacy)_/.test(k));
  assert.ok(keys.length >= 20, `${keys.length} texts`);
  for (const key of keys) {
    assert.ok(en[key].trim() && ja[key]?.trim(), key);
    assert.notEqual(ja[key], en[key], `${key}: the Japanese text is the English one`);
  }
});

test('store/permissions.json explains every permission of both manifests, and no other, in both languages', () => {
  const explained = readJson('store/permissions.json');
  const named = new Set(PERMISSION_KEYS.flatMap((k) => Object.keys(explained[k] ?? {})));
  assert.deepEqual([...named].sort(), [...manifestPermissions()].sort());
  const keys = [
    ...PERMISSION_KEYS.flatMap((k) => Object.values(explained[k] ?? {})),
    explained.content_scripts,
    explained.data_collection_permissions,
  ];
  for (const lang of ['en', 'ja']) {
    const t = texts(lang);
    for (const key of keys) assert.ok(typeof t[key] === 'string' && t[key].trim(), `${lang}: ${key}`);
  }
});

test('the listings are up to date and name exactly the manifests\' permissions and content script sites', () => {
  const check = spawnSync('node', [path.join(root, 'scripts', 'build-store.mjs'), '--check'], { encoding: 'utf8' });
  assert.equal(check.status, 0, check.stderr);
  const manifests = builtManifests();
  const sites = manifests.flatMap((m) => (m.content_scripts ?? []).flatMap((s) => s.matches));
  assert.ok(sites.includes('https://mail.google.com/*'), 'the webmail sites');
  const expected = new Set([...manifestPermissions(), ...sites, 'none']);
  for (const lang of ['en', 'ja']) {
    const listing = fs.readFileSync(path.join(root, 'store', `listing.${lang}.md`), 'utf8');
    const t = texts(lang);
    const section = listing.split(`## ${t.store_permissions_heading}\n`)[1]?.split('\n## ')[0];
    assert.ok(section, `${lang}: the permissions section`);
    const listed = new Set([...section.matchAll(/`([^`]+)`/g)].map((m) => m[1]));
    assert.deepEqual([...listed].sort(), [...expected].sort(), `${lang}: the permissions the listing names`);
    for (const key of ['app_name', 'app_description', 'store_summary', 'privacy_reads', 'privacy_sends', 'privacy_stores']) {
      assert.ok(listing.includes(t[key]), `${lang}: the listing says ${key}`);
    }
    // The stores' limits: Chrome's summary (the manifest's description) 132 characters, AMO's 250.
    assert.ok([...t.app_description].length <= 132, `${lang}: app_description is ${[...t.app_description].length} characters`);
    assert.ok([...t.store_summary].length <= 250, `${lang}: store_summary is ${[...t.store_summary].length} characters`);
  }
});

test('a manifest permission without its words fails the listing', () => {
  const manifests = builtManifests();
  const extra = structuredClone(manifests);
  extra[0].permissions.push('tabs');
  assert.throws(() => permissionGroups(extra), /tabs/);
  const collecting = structuredClone(manifests);
  collecting[1].browser_specific_settings.gecko.data_collection_permissions = { required: ['browsingActivity'] };
  assert.throws(() => permissionGroups(collecting), /data collection/);
});

test('www/privacy/ shows the privacy statement and every permission\'s words, in Japanese and English', { timeout: 90_000 }, async () => {
  const web = await startWeb({ pages: path.join(root, 'www'), pageHosts: ['127.0.0.1'] });
  let b;
  try {
    b = await launch('chromium', web);
    const page = await b.newPage();
    const groups = permissionGroups(builtManifests());
    for (const lang of ['ja', 'en']) {
      await page.goto(web.url('127.0.0.1', `/privacy/?lang=${lang}`), { waitUntil: 'load' });
      await page.waitForFunction(() => document.querySelectorAll('#permissions li').length > 0, { timeout: 15_000 });
      assert.equal(await page.title(), texts(lang).privacy_page_title);
      const t = texts(lang);
      const shown = await page.evaluate(() => ({
        texts: Object.fromEntries([...document.querySelectorAll('main [data-i18n]')].map((el) => [el.getAttribute('data-i18n'), el.textContent])),
        items: [...document.querySelectorAll('#permissions li')].map((li) => ({ key: li.getAttribute('data-key'), text: li.textContent, codes: [...li.querySelectorAll('code')].map((c) => c.textContent) })),
      }));
      assert.ok(Object.keys(shown.texts).length >= 6, 'the statement');
      for (const [key, text] of Object.entries(shown.texts)) assert.equal(text, t[key], `${lang}: ${key}`);
      assert.deepEqual(shown.items.map((i) => i.key), groups.map((g) => g.key));
      for (const [i, item] of shown.items.entries()) {
        assert.ok(item.text.includes(t[item.key]), `${lang}: ${item.key}`);
        assert.deepEqual(item.codes, groups[i].names);
      }
    }
  } finally {
    await b?.close();
    await web.close();
  }
});
