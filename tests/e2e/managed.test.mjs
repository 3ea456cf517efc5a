// @ts-check
// Managed settings, end to end in Chromium and Firefox: an administrator's policy (set by the
// harness as each browser reads it: harness.mjs withPolicy) protects the company's webmail,
// trusts a domain and turns "Open anyway" off for dangerous links; the options page shows what
// is managed and offers no way to change it; the user's own settings stay theirs.
//   node --test tests/e2e/managed.test.mjs        (after `make extension`)
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, it } from 'node:test';
import {
  BROWSERS, launch, locationOf, openDialogDetails, settle, startWeb, until, waitForDialog, waitForLevel, withPolicy,
} from './harness.mjs';

const WEBMAIL = 'roundcube.example.jp';
const TRUSTED = 'corp-sso.ddnsking.com';
const POLICY = {
  protectedSites: [`https://${WEBMAIL}`],
  allowlist: [TRUSTED.toUpperCase()],
  disableProceedAnyway: true,
};
const TIMEOUT = { timeout: 120_000 };
/** The texts the browsers show (launched in English). */
const EN = JSON.parse(fs.readFileSync(new URL('../../data/locales/en/messages.json', import.meta.url), 'utf8'));

for (const name of BROWSERS) {
  describe(`managed settings in ${name}`, { concurrency: 1 }, () => {
    let web;
    let b;
    let policy;

    before(async () => {
      web = await startWeb({ pageHosts: ['mail.google.com', '127.0.0.1', WEBMAIL] });
      // Chromium: access to the company's webmail granted in the package (a prompt no test can
      // answer); Firefox: the options page's "Allow" below, granted without a prompt.
      policy = withPolicy(name, POLICY, { hostPermission: `https://${WEBMAIL}/*` });
      b = await launch(name, web, policy.launchOptions);
    });
    after(async () => {
      await b?.close();
      await web?.close();
      policy?.cleanup();
    });

    it('the options page shows what the administrator set, and no way to change it', TIMEOUT, async () => {
      const options = await b.openExtensionPage('pages/options.html');
      await options.waitForSelector('#managed:not([hidden])', { timeout: 15_000 });
      assert.equal(await options.$eval('#managed-no-proceed', (p) => p.hidden), false);
      const trusted = await options.waitForSelector(`#allowlist li[data-domain="${TRUSTED}"][data-managed]`);
      assert.equal(await trusted.$('button'), null, 'a managed trusted domain has no Remove button');
      const site = await options.waitForSelector(`#sites li[data-origin="https://${WEBMAIL}"][data-managed]`);
      if (name === 'firefox') {
        assert.equal(await site.evaluate((li) => li.dataset.state), 'needs-access');
        const allow = await site.$('button[data-action=allow]');
        assert.ok(allow, 'an Allow button while linkguard may not read the site');
        await allow.click();
        await options.waitForSelector(`#sites li[data-origin="https://${WEBMAIL}"][data-state=on]`, { timeout: 15_000 });
      }
      assert.equal(await options.$$eval(`#sites li[data-origin="https://${WEBMAIL}"] button`, (bs) => bs.length), 0,
        'a managed site has no Stop button');
      // The page's badge, in the UI language, from the catalog.
      const badge = await options.$eval(`#allowlist li[data-domain="${TRUSTED}"] .managed`, (s) => s.textContent);
      assert.equal(badge, await options.evaluate(() => (globalThis.browser ?? globalThis.chrome).i18n.getMessage('managed_badge')));
      // The policy is read, not copied: the user's own settings hold nothing of it.
      const local = await options.evaluate(() => (globalThis.browser ?? globalThis.chrome).storage.local.get(null));
      assert.deepEqual(local.allowlist ?? [], []);
      assert.deepEqual(local.sitesOn ?? [], []);
      await options.close();
    });

    it('a dangerous link can\'t be opened: the dialog offers no Open anyway, even behind 詳細', TIMEOUT, async () => {
      const mail = await b.newPage();
      await mail.bringToFront();
      await mail.goto(web.url('mail.google.com', '/managed.html'));
      assert.equal(await waitForLevel(mail, '#trusted'), 'safe', 'the administrator\'s trusted domain');
      assert.equal(await waitForLevel(mail, '#danger'), 'danger');
      await mail.click('#danger');
      const dialog = await waitForDialog(mail);
      assert.equal(dialog.level, 'danger');
      assert.ok(!dialog.actions.includes('open'), `actions: ${dialog.actions}`);
      await openDialogDetails(mail);
      const shown = await waitForDialog(mail);
      assert.deepEqual(shown.visibleActions.filter((a) => a !== 'back').sort(), ['report']);
      const details = await mail.$eval('linkguard-dialog >>> details p', (p) => p.textContent);
      assert.equal(details, EN.managed_no_proceed.message, 'details say why');
      await mail.keyboard.press('Escape');
      await settle(mail, 300);
      assert.equal(web.requestsTo('checkid.ddnsking.com').length, 0);
      await mail.close();
    });

    it('the warning page offers no Open anyway, and the background refuses to open it', TIMEOUT, async () => {
      const url = 'https://blocked.ddnsking.com/login';
      const warning = await b.openExtensionPage(`pages/warning.html?url=${encodeURIComponent(url)}`);
      await warning.waitForSelector('#reasons li', { timeout: 15_000 });
      assert.equal(await warning.$('#proceed'), null);
      const text = await warning.$eval('#more p', (p) => p.textContent);
      assert.equal(text, await warning.evaluate(() => (globalThis.browser ?? globalThis.chrome).i18n.getMessage('managed_no_proceed')));
      const reply = await warning.evaluate((u) => (globalThis.browser ?? globalThis.chrome).runtime.sendMessage({ type: 'proceedOnce', url: u }), url);
      assert.deepEqual(reply, { refused: true });
      await settle(warning, 500);
      assert.match(await locationOf(warning), /pages\/warning\.html/);
      assert.equal(web.requestsTo('blocked.ddnsking.com').length, 0);
      await warning.close();
    });

    it('protects the company\'s webmail the policy names', TIMEOUT, async () => {
      const page = await b.newPage();
      await page.bringToFront();
      await until(async () => {
        await page.goto(web.url(WEBMAIL, '/managed.html'));
        return page.waitForFunction(() => document.querySelector('#danger')?.getAttribute('data-linkguard-level'),
          { timeout: 3_000 }).then(() => true, () => false);
      }, { what: `linkguard on ${WEBMAIL}`, timeout: 30_000, interval: 200 });
      assert.equal(await waitForLevel(page, '#danger'), 'danger');
      assert.equal(await waitForLevel(page, '#trusted'), 'safe');
      await page.close();
    });
  });
}
