// A click (or a submission) made while the page is still parsing, end to end in Chromium and
// Firefox: the content script's document_start part (content-start.js, early-guard.js) holds it
// before the page's own listeners see it, and its document_end part (content.js) judges it once it
// runs, then opens, asks or blocks as the click guard does for a link it had no verdict for.
// tests/e2e/pages/early-click.html clicks a link, or submits a form, from an inline script during
// the parse (`?click=<id>` / `?click=form`).
//   node --test tests/e2e/early-click.test.mjs        (after `make extension`)
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { BROWSERS, clickDialogButton, launch, locationOf, openAnyway, settle, startWeb, until, waitForDialog } from './harness.mjs';

const ATTACKER = 'checkid.ddnsking.com';
const CLEAN = 'news.example.org';
const TIMEOUT = { timeout: 120_000 };

for (const name of BROWSERS) {
  describe(`a click while the page parses, in ${name}`, { concurrency: 1 }, () => {
    let web;
    let b;

    before(async () => {
      web = await startWeb({ pageHosts: ['mail.google.com', '127.0.0.1'] });
      b = await launch(name, web);
    });
    after(async () => {
      await b?.close();
      await web?.close();
    });

    /** The test page in a new tab, its inline script clicking `which` as it parses. */
    async function parseAndClick(which) {
      const page = await b.newPage();
      await page.bringToFront();
      await page.goto(web.url('mail.google.com', `/early-click.html?click=${which}`), { waitUntil: 'domcontentloaded' });
      return page;
    }

    it('holds a click on a flagged link before the page sees it, then asks; Go back opens nothing', TIMEOUT, async () => {
      const requests = web.requestsTo(ATTACKER).length;
      const page = await parseAndClick('founding');
      const dialog = await waitForDialog(page);
      assert.ok(['caution', 'danger'].includes(dialog.level), dialog.level);
      assert.equal(await page.evaluate(() => window.stateWhenClicked), 'loading', 'clicked before the parse ended');
      assert.deepEqual(await page.evaluate(() => window.pageSaw), [], "the page's own listeners never saw the click");
      await clickDialogButton(page, 'back');
      await settle(page, 1000);
      assert.equal(web.requestsTo(ATTACKER).length, requests, `a request reached ${ATTACKER}`);
      assert.equal(await locationOf(page), web.url('mail.google.com', '/early-click.html?click=founding'));
      await page.close();
    });

    it('opens a flagged link clicked while parsing after "Open anyway", in the same frame', TIMEOUT, async () => {
      const page = await parseAndClick('founding');
      await waitForDialog(page);
      await openAnyway(page);
      await until(async () => (await locationOf(page)) === `https://${ATTACKER}/early`, { what: 'the link opened', timeout: 15_000 });
      await page.close();
    });

    it('opens a safe link clicked while parsing, without a dialog', TIMEOUT, async () => {
      const page = await parseAndClick('safe');
      await until(async () => (await locationOf(page)) === `https://${CLEAN}/early`, { what: 'the link opened', timeout: 15_000 });
      await page.close();
    });

    it('holds a form submitted while parsing, then asks; nothing is sent', TIMEOUT, async () => {
      const requests = web.requestsTo(ATTACKER).length;
      const page = await parseAndClick('form');
      await waitForDialog(page);
      assert.deepEqual(await page.evaluate(() => window.pageSaw), [], "the page's own listeners never saw the submission");
      await clickDialogButton(page, 'back');
      await settle(page, 1000);
      assert.equal(web.requestsTo(ATTACKER).length, requests, `a request reached ${ATTACKER}`);
      await page.close();
    });
  });
}
