// @ts-check
// The settings' stored shape and its migrations (extension/shared/settings-schema.js), in node:
// what linkguard 0.1.0 wrote (version 0, unversioned) is read by this one with nothing lost;
// current settings are left alone; settings written by a newer linkguard are not touched. Then,
// in each browser, the installed extension has written its version (the background's
// migrateStoredSettings at install).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { BROWSERS, launch, startWeb, until } from './harness.mjs';
import {
  MANAGED_KEYS, NO_MANAGED, SCHEMA_VERSION_KEY, SETTINGS_KEYS, SETTINGS_SCHEMA_VERSION, migrateSettings, readManaged,
} from '../../extension/shared/settings-schema.js';
import { SETTINGS_DEFAULTS, withManaged } from '../../extension/shared/settings.js';

const root = path.resolve(import.meta.dirname, '../..');

/** What linkguard 0.1.0's pages and background wrote to storage.local, as they wrote it. */
const VERSION_0 = {
  allowlist: ['example.com', 'Shop.Example.co.jp', 'example.com', '  bank.example  ', 42, null],
  disabledChecks: ['shortener', 'tracking-redirect', 'shortener', ''],
  sitesOn: ['https://Mail.Example.org'],
  sitesOff: ['https://mail.google.com'],
};

test('the settings are the keys whose shape is versioned', () => {
  assert.deepEqual(Object.keys(SETTINGS_DEFAULTS), [...SETTINGS_KEYS]);
  assert.ok(SETTINGS_SCHEMA_VERSION >= 1);
});

test('0.1.0\'s settings (version 0) migrate to the current shape, every trusted domain, check and site kept', () => {
  const migrated = migrateSettings(VERSION_0);
  assert.deepEqual(migrated, {
    allowlist: ['example.com', 'shop.example.co.jp', 'bank.example'],
    disabledChecks: ['shortener', 'tracking-redirect'],
    sitesOff: ['https://mail.google.com'],
    sitesOn: ['https://mail.example.org'],
    [SCHEMA_VERSION_KEY]: SETTINGS_SCHEMA_VERSION,
  });
  assert.equal(migrateSettings(migrated), null, 'migrated once: current, nothing more to write');
});

test('a fresh install gets the current version and empty settings; other keys in storage are not the settings\'', () => {
  assert.deepEqual(migrateSettings({}), { allowlist: [], disabledChecks: [], sitesOff: [], sitesOn: [], [SCHEMA_VERSION_KEY]: SETTINGS_SCHEMA_VERSION });
  const migrated = migrateSettings({ allowlist: ['a.example'], somethingElse: 1 });
  assert.ok(migrated && !('somethingElse' in migrated));
  assert.deepEqual(migrated.allowlist, ['a.example']);
});

test('a value that is not a list (a broken write) becomes an empty list, the others are kept', () => {
  const migrated = migrateSettings({ allowlist: 'example.com', disabledChecks: { shortener: true }, sitesOn: ['https://x.example'] });
  assert.deepEqual([migrated.allowlist, migrated.disabledChecks, migrated.sitesOn], [[], [], ['https://x.example']]);
});

test('settings of a newer linkguard are left as they are (a downgrade loses nothing)', () => {
  const newer = { ...VERSION_0, [SCHEMA_VERSION_KEY]: SETTINGS_SCHEMA_VERSION + 1, allowlist: [{ domain: 'example.com' }] };
  assert.equal(migrateSettings(newer), null);
});

test('a version no linkguard writes is read as the first shape', () => {
  for (const bogus of ['1', -1, 1.5, null]) {
    const migrated = migrateSettings({ ...VERSION_0, [SCHEMA_VERSION_KEY]: bogus });
    assert.equal(migrated?.[SCHEMA_VERSION_KEY], SETTINGS_SCHEMA_VERSION, String(bogus));
    assert.deepEqual(migrated.allowlist, ['example.com', 'shop.example.co.jp', 'bank.example']);
  }
});

// Managed settings (an administrator's policy: extension/managed-schema.json for Chrome,
// policies.json's 3rdparty.Extensions for Firefox, docs/managed.md): read strictly, merged
// into the user's, never written back.

test('managed-schema.json describes exactly the keys readManaged reads, and docs/managed.md\'s examples use them', () => {
  const schema = JSON.parse(fs.readFileSync(path.join(root, 'extension', 'managed-schema.json'), 'utf8'));
  assert.deepEqual(Object.keys(schema.properties), [...MANAGED_KEYS]);
  const docs = fs.readFileSync(path.join(root, 'docs', 'managed.md'), 'utf8');
  const examples = [...docs.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => JSON.parse(m[1]));
  assert.equal(examples.length, 2, 'a Chrome policy and a Firefox policies.json');
  const [chrome, firefox] = examples;
  const chromeValues = Object.values(chrome['3rdparty'].extensions)[0];
  const firefoxValues = firefox.policies['3rdparty'].Extensions['linkguard@linkguard-project'];
  for (const values of [chromeValues, firefoxValues]) {
    assert.deepEqual(Object.keys(values).sort(), [...MANAGED_KEYS].sort());
    const managed = readManaged(values);
    assert.ok(managed.sitesOn.length && managed.allowlist.length && managed.disableProceedAnyway);
  }
});

test('a policy is read strictly: origins and domains normalized, anything else dropped', () => {
  assert.deepEqual(readManaged({
    protectedSites: ['https://Mail.Corp.Example.jp/roundcube/', 'webmail.example.jp', 'ftp://x.example', 'javascript:alert(1)', 7, ''],
    allowlist: ['Corp.Example.jp', 'corp.example.jp', '', null],
    disableProceedAnyway: 'yes',
    unknown: true,
  }), {
    sitesOn: ['https://mail.corp.example.jp', 'https://webmail.example.jp'],
    allowlist: ['corp.example.jp'],
    disableProceedAnyway: false,
  });
  assert.deepEqual(readManaged({}), { ...NO_MANAGED });
  assert.equal(readManaged({ disableProceedAnyway: true }).disableProceedAnyway, true);
});

test('the settings in force: the administrator\'s added to the user\'s; a managed site can\'t be switched off', () => {
  const local = { allowlist: ['mine.example'], disabledChecks: ['shortener'], sitesOn: ['https://a.example'], sitesOff: ['https://corp.example', 'https://b.example'] };
  const managed = readManaged({ allowlist: ['corp.example', 'mine.example'], protectedSites: ['https://corp.example'], disableProceedAnyway: true });
  const merged = withManaged(local, managed);
  assert.deepEqual(merged.allowlist, ['corp.example', 'mine.example']);
  assert.deepEqual(merged.sitesOn, ['https://corp.example', 'https://a.example']);
  assert.deepEqual(merged.sitesOff, ['https://b.example']);
  assert.deepEqual(merged.disabledChecks, ['shortener']);
  assert.equal(merged.managed, managed);
  assert.deepEqual(local.allowlist, ['mine.example'], 'the user\'s own lists are not changed');
});

for (const browserName of BROWSERS) {
  test(`${browserName}: the installed extension stores its settings' version, and its options page shows Cargo.toml's version`, { timeout: 90_000 }, async () => {
    const web = await startWeb();
    let b;
    try {
      b = await launch(browserName, web);
      const options = await b.openExtensionPage('pages/options.html');
      const stored = await until(async () => {
        const all = await options.evaluate(() => (globalThis.browser ?? globalThis.chrome).storage.local.get(null));
        return all[SCHEMA_VERSION_KEY] === undefined ? null : all;
      }, { what: 'the settings\' version in storage.local' });
      assert.equal(stored[SCHEMA_VERSION_KEY], SETTINGS_SCHEMA_VERSION);
      for (const key of SETTINGS_KEYS) assert.ok(Array.isArray(stored[key]), key);
      const version = JSON.parse(fs.readFileSync(path.join(root, 'dist', 'chrome', 'manifest.json'), 'utf8')).version;
      assert.equal(await options.$eval('#version', (el) => el.textContent), version);
    } finally {
      await b?.close();
      await web.close();
    }
  });
}
