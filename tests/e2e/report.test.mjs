// @ts-check
// "Report this", end to end in Chromium (English) and Firefox (Japanese): from a dangerous
// link's dialog (behind 詳細) to the link report page, which prepares the report for the user
// to send: a mail to フィッシング対策協議会 (a mailto: address with the subject and body filled in,
// in the UI language: the link, its text, the reasons the dialog showed) and Google Safe
// Browsing's report page with the link's real destination. linkguard sends nothing: the report
// page's address is opened only by the user's click, and reaches the loopback web here. The
// mail is not opened: that hands the address to the machine's mail program, outside the
// browser; the address the page gives it is what is checked.
//   node --test tests/e2e/report.test.mjs        (after `make extension`)
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, it } from 'node:test';
import {
  BROWSERS, launch, tabOpenedBy, openDialogDetails, clickDialogButton, startWeb, until, waitForDialog, waitForLevel,
} from './harness.mjs';

const TIMEOUT = { timeout: 120_000 };
const LOCALES = { chromium: ['en-US', 'en'], firefox: ['ja', 'ja'] };
const TARGET = 'https://checkid.ddnsking.com/';
const SHOWN = 'https://secure-login.example-account.workers.dev/';

/**
 * A message of data/locales/<lang>/messages.json with its placeholders filled in, as the
 * browsers' i18n does.
 * @param {string} lang @param {string} key @param {string[]} [subs]
 */
function message(lang, key, subs = []) {
  const catalog = JSON.parse(fs.readFileSync(new URL(`../../data/locales/${lang}/messages.json`, import.meta.url), 'utf8'));
  const entry = catalog[key];
  assert.ok(entry, `${lang}: ${key}`);
  return entry.message.replace(/\$([A-Za-z_]+)\$/g, (_, name) => {
    const content = entry.placeholders?.[name.toLowerCase()]?.content ?? '';
    return content.replace(/\$(\d)/g, (_m, n) => subs[Number(n) - 1] ?? '');
  });
}

for (const name of BROWSERS) {
  const [locale, lang] = LOCALES[name] ?? ['en-US', 'en'];
  describe(`Report this in ${name} (${lang})`, { concurrency: 1 }, () => {
    let web;
    let b;

    before(async () => {
      web = await startWeb();
      b = await launch(name, web, { locale });
    });
    after(async () => {
      await b?.close();
      await web?.close();
    });

    it('the dialog\'s Report this prepares the mail and Google\'s report page; nothing is sent', TIMEOUT, async () => {
      const mail = await b.newPage();
      await mail.bringToFront();
      await mail.goto(web.url('mail.google.com', '/founding.html'));
      assert.equal(await waitForLevel(mail, '#founding'), 'danger');
      await mail.click('#founding');
      const dialog = await waitForDialog(mail);
      assert.ok(!dialog.visibleActions.includes('report'), 'behind 詳細');
      const titles = await mail.$$eval('linkguard-dialog >>> [data-role=reasons] li[data-level=danger] strong', (s) => s.map((e) => e.textContent));
      assert.ok(titles.length > 0);
      await openDialogDetails(mail);
      const report = await tabOpenedBy(b, () => clickDialogButton(mail, 'report'), b.extensionUrl('pages/link.html?report='));
      await report.waitForSelector('#report-box:not([hidden])', { timeout: 15_000 });
      assert.equal(await report.$eval('#level', (l) => l.className), 'level danger', 'the dialog\'s verdict');

      const mailto = new URL(await report.$eval('#report-mail', (a) => a.getAttribute('href')));
      assert.equal(mailto.protocol, 'mailto:');
      assert.equal(mailto.pathname, 'info@antiphishing.jp');
      assert.equal(mailto.searchParams.get('subject'), message(lang, 'report_mail_subject', ['checkid.ddnsking.com']));
      const body = mailto.searchParams.get('body') ?? '';
      const lines = body.split('\r\n');
      assert.ok(!/(^|[^\r])\n/.test(body), 'lines end with CRLF');
      for (const want of [
        message(lang, 'report_mail_intro'),
        message(lang, 'report_mail_link', [TARGET]),
        message(lang, 'report_mail_text', [SHOWN]),
        message(lang, 'report_mail_signs'),
        ...titles.map((t) => `- ${t}`),
      ]) assert.ok(lines.includes(want), `${JSON.stringify(want)} in the body:\n${body}`);

      const sbHref = await report.$eval('#report-safe-browsing', (a) => a.getAttribute('href'));
      assert.equal(sbHref, `https://safebrowsing.google.com/safebrowsing/report_phish/?url=${encodeURIComponent(TARGET)}`);
      assert.equal(web.requestsTo('safebrowsing.google.com').length, 0, 'nothing sent before the user asks');
      // Opened by the user's click, in a tab of its own (Firefox's WebDriver BiDi doesn't list a
      // tab an extension page opens: the request it makes is what is waited for).
      await report.click('#report-safe-browsing');
      await until(() => web.requestsTo('safebrowsing.google.com').length > 0, { what: 'the report page\'s request', timeout: 15_000 });
      // The page, then what a browser asks of any site it opens (its icon).
      assert.deepEqual(web.requestsTo('safebrowsing.google.com').map((r) => r.path).filter((p) => p !== '/favicon.ico'),
        [`/safebrowsing/report_phish/?url=${encodeURIComponent(TARGET)}`]);
      // Nothing else left: not the link, not a mail.
      assert.equal(web.requestsTo('checkid.ddnsking.com').length, 0);
      assert.deepEqual(web.requests.filter((r) => r.host.includes('antiphishing')), []);
      for (const p of [report, mail]) await p.close();
    });

    it('the link report page (the context menu\'s) offers Report this for a flagged link, not for a safe one', TIMEOUT, async () => {
      const flagged = await b.openExtensionPage(`pages/link.html?href=${encodeURIComponent(TARGET)}&text=${encodeURIComponent(SHOWN)}`);
      await flagged.waitForSelector('#report:not([hidden])', { timeout: 15_000 });
      assert.equal(await flagged.$eval('#report', (x) => x.textContent), message(lang, 'report_this'));
      assert.equal(await flagged.$eval('#report-box', (x) => x.hidden), true, 'prepared on the user\'s click');
      await flagged.click('#report');
      await flagged.waitForSelector('#report-box:not([hidden])');
      const mailto = new URL(await flagged.$eval('#report-mail', (a) => a.getAttribute('href')));
      assert.ok((mailto.searchParams.get('body') ?? '').split('\r\n').includes(message(lang, 'report_mail_text', [SHOWN])));
      await flagged.close();
      const safe = await b.openExtensionPage(`pages/link.html?href=${encodeURIComponent('https://www.example.org/')}&text=x`);
      await safe.waitForSelector('main[data-level=safe]', { timeout: 15_000 });
      assert.equal(await safe.$eval('#report', (x) => x.hidden), true);
      await safe.close();
    });
  });
}
