// @ts-check
// Settings survive an update, end to end in Chromium and Firefox: the previous linkguard's
// package (LINKGUARD_PREVIOUS_DIST: its dist/, e.g. built from the commit before the settings
// got a schema version; see scripts/build-previous.sh) is installed, the user's settings are
// made on its own options page (a trusted domain, a check switched off) and a webmail switched
// off, then this build replaces it as the browser updates an extension (Chromium: the unpacked
// directory's files replaced and the browser started again on its profile; Firefox: the same
// add-on id installed again), and the new linkguard judges with them: the trusted domain's link is safe, the
// switched-off check's link is not flagged, the switched-off webmail is left alone.
//   node --test tests/e2e/update.test.mjs        (after `make extension` and the previous build)
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  BROWSERS, DIST, clickDialogButton, launch, levelIn, locationOf, openDialogDetails, settle, startWeb, until, waitForDialog, waitForLevel,
} from './harness.mjs';

const PREVIOUS = process.env.LINKGUARD_PREVIOUS_DIST;
const TRUSTED = 'corp-sso.ddnsking.com';
const SWITCHED_OFF = 'mail.yahoo.co.jp';
const TIMEOUT = { timeout: 180_000 };
const PACKAGE = { chromium: 'chrome', firefox: 'firefox' };

/**
 * This build's package copied to `to` as a store delivers an update: with a higher version than
 * the installed one (both may say Cargo.toml's 0.1.0 here; Chrome keeps running an unpacked
 * extension's old service worker when its version did not change).
 * @param {string} from @param {string} to
 */
function copyAsUpdate(from, to) {
  fs.cpSync(from, to, { recursive: true });
  const manifestPath = path.join(to, 'manifest.json');
  const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8'));
  const previous = JSON.parse(fs.readFileSync(path.join(PREVIOUS ?? '', 'chrome', 'manifest.json'), 'utf8')).version;
  if (manifest.version === previous) manifest.version = `${manifest.version}.1`;
  fs.writeFileSync(manifestPath, JSON.stringify(manifest, null, 2));
}

describe('the previous package to update from', () => {
  it('is given', () => {
    assert.ok(PREVIOUS && fs.existsSync(path.join(PREVIOUS, 'chrome', 'manifest.json')),
      'LINKGUARD_PREVIOUS_DIST names the previous build\'s dist/ (scripts/build-previous.sh writes it)');
  });
});

for (const name of PREVIOUS ? BROWSERS : []) {
  describe(`settings survive an update in ${name}`, { concurrency: 1 }, () => {
    let web;
    let b;
    /** The unpacked extension Chromium loads: the previous package's files, then this build's. */
    let dir;
    /** Chromium's profile, kept across its two launches. */
    let profile;

    before(async () => {
      web = await startWeb({ pageHosts: ['mail.google.com', '127.0.0.1', SWITCHED_OFF] });
      dir = fs.mkdtempSync(path.join(os.tmpdir(), `linkguard-update-${name}-`));
      fs.cpSync(path.join(PREVIOUS, PACKAGE[name]), dir, { recursive: true });
      profile = name === 'chromium' ? fs.mkdtempSync(path.join(os.tmpdir(), 'linkguard-update-profile-')) : undefined;
      b = await launch(name, web, { extensionDir: dir, userDataDir: profile });
    });
    after(async () => {
      await b?.close();
      await web?.close();
      for (const d of [dir, profile]) if (d) fs.rmSync(d, { recursive: true, force: true });
    });

    /** The levels of the update page's links on `host` once #danger is judged; null where not judged. */
    async function levelsOn(host) {
      const page = await b.newPage();
      await page.bringToFront();
      await page.goto(web.url(host, '/update.html'));
      let levels;
      try {
        await waitForLevel(page, '#danger', { timeout: 8_000 });
        await settle(page, 300);
      } catch {
        // Not judged: linkguard is off here.
      }
      levels = {};
      // A safe link carries no mark: asked for its level (levelIn).
      for (const id of ['danger', 'trusted', 'short']) levels[id] = await page.evaluate(levelIn, `#${id}`);
      await page.close();
      return levels;
    }

    it('the previous version\'s settings, made on its options page, are this version\'s after the update', TIMEOUT, async () => {
      // Before: the previous version flags both links, and works on the webmail to be switched off.
      assert.deepEqual(await levelsOn('mail.google.com'), { danger: 'danger', trusted: 'danger', short: 'caution' });
      assert.equal((await levelsOn(SWITCHED_OFF)).danger, 'danger');

      const options = await b.openExtensionPage('pages/options.html');
      await options.waitForSelector('#allow-input');
      await options.type('#allow-input', TRUSTED);
      await options.click('#allow-form button[type=submit]');
      await options.waitForSelector(`#allowlist li[data-domain="${TRUSTED}"]`);
      await options.click('#checks input[data-code="shortener"]');
      // The popup's switch for a webmail writes this (its tab can't be driven here).
      await options.evaluate((origin) => (globalThis.browser ?? globalThis.chrome).storage.local.get('sitesOff')
        .then(({ sitesOff = [] }) => (globalThis.browser ?? globalThis.chrome).storage.local.set({ sitesOff: [...sitesOff, origin] })),
      `https://${SWITCHED_OFF}`);
      const written = await options.evaluate(() => (globalThis.browser ?? globalThis.chrome).storage.local.get(null));
      assert.deepEqual(written.allowlist, [TRUSTED]);
      assert.deepEqual(written.disabledChecks, ['shortener']);
      assert.equal(written.schemaVersion, undefined, 'the previous version writes no schema version');

      // The update.
      if (name === 'chromium') {
        // The browser closed, the extension's files replaced, the browser started again on the
        // same profile (the unpacked extension's id is its directory's): what a restart after
        // an update is. (Reloading it in place, chrome.runtime.reload(), left its new service
        // worker unanswering under puppeteer.)
        await b.close();
        for (const entry of fs.readdirSync(dir)) fs.rmSync(path.join(dir, entry), { recursive: true, force: true });
        copyAsUpdate(DIST.chromium, dir);
        // Chromium keeps the previous background's script in the profile's service worker cache
        // for an unpacked extension and runs it again (the storage is elsewhere); a store update
        // replaces it. Without it, the new background.js is read from the package.
        fs.rmSync(path.join(profile, 'Default', 'Service Worker'), { recursive: true, force: true });
        b = await launch(name, web, { extensionDir: dir, userDataDir: profile, expectWelcome: false });
      } else {
        // Firefox reads a temporary add-on's files from its directory: removed with the others.
        for (const entry of fs.readdirSync(dir)) fs.rmSync(path.join(dir, entry), { recursive: true, force: true });
        copyAsUpdate(DIST.firefox, dir);
        await b.browser.installExtension(dir);
      }

      // After: this version judges with the same settings.
      await until(async () => {
        const levels = await levelsOn('mail.google.com');
        return levels.danger === 'danger' && levels.trusted === 'safe' && levels.short === 'safe';
      }, { what: 'the trusted domain and the switched-off check to hold after the update', timeout: 30_000, interval: 500 });
      assert.equal((await levelsOn(SWITCHED_OFF)).danger, null, 'the switched-off webmail stays off');
      // Its storage, in the current shape (the migration at update), seen from an extension page
      // of the new version: the link report its dialog's 「報告する」 opens (the previous version
      // had neither; Firefox's WebDriver can't open an extension page itself once the update
      // closed them).
      const mail = await b.newPage();
      await mail.bringToFront();
      await mail.goto(web.url('mail.google.com', '/update.html'));
      assert.equal(await waitForLevel(mail, '#danger'), 'danger');
      await mail.click('#danger');
      await waitForDialog(mail);
      await openDialogDetails(mail);
      const before = new Set(await b.browser.pages());
      await clickDialogButton(mail, 'report');
      let report = null;
      await until(async () => {
        for (const p of await b.browser.pages()) {
          if (!before.has(p) && (await locationOf(p)).startsWith(b.extensionUrl('pages/link.html?report='))) report = p;
        }
        return report;
      }, { what: 'the new version\'s link report', timeout: 15_000 });
      const stored = await report.evaluate(() => (globalThis.browser ?? globalThis.chrome).storage.local.get(null));
      assert.equal(stored.schemaVersion, 1);
      assert.deepEqual(stored.allowlist, [TRUSTED]);
      assert.deepEqual(stored.disabledChecks, ['shortener']);
      assert.deepEqual(stored.sitesOff, [`https://${SWITCHED_OFF}`]);
      // The new background answers (syncSites is a message the previous one didn't know).
      assert.deepEqual(await report.evaluate(() => (globalThis.browser ?? globalThis.chrome).runtime.sendMessage({ type: 'syncSites' })), {});
      await report.close();
      await mail.close();
    });
  });
}
