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
  SCHEMA_VERSION_KEY, SETTINGS_KEYS, SETTINGS_SCHEMA_VERSION, migrateSettings,
} from '../../extension/shared/settings-schema.js';
import { SETTINGS_DEFAULTS } from '../../extension/shared/settings.js';

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
