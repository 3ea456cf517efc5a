// Ways a mail's HTML made a link show one address and open another, end to end in Chromium and
// Firefox: tests/e2e/pages/bypasses.csp.html (served as https://mail.google.com/ with
// `Content-Security-Policy: script-src 'none'`, so nothing but the mail's HTML and CSS is at
// work) has an element per case of tests/data/bypasses.json, which the engine's own tests read
// too. For each case: the content script reads the element as the case's `input` says, marks
// it at the expected level, its tooltip names the expected reasons (never "safe" for an attack),
// a click stops behind a dialog naming them, and no request reaches the attacker's host; the
// legitimate links stay safe and open without a dialog.
//   node --test tests/e2e/bypasses.test.mjs        (after `make extension`)
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, it } from 'node:test';
import {
  BROWSERS, launch, locationOf, openAnyway, readDialog, settle, startWeb, tabIdOf, until, waitForDialog, waitForLevel, waitForTooltip,
} from './harness.mjs';

const { cases: CASES } = JSON.parse(fs.readFileSync(new URL('../data/bypasses.json', import.meta.url), 'utf8'));
const ON_PAGE = CASES.filter((c) => c.page !== false);
const ATTACKS = ON_PAGE.filter((c) => c.expected.level !== 'safe');
const LEGIT = ON_PAGE.filter((c) => c.expected.level === 'safe');
const TIMEOUT = { timeout: 240_000 };

/** The host a case's click must never reach. */
const attackerOf = (c) => c.attacker ?? new URL(c.input.href).hostname;
/** Where to point or click for a case: forms by their button, the image map by its image. */
const handleOf = (c) => (c.id.startsWith('form-') ? `#${c.id} button` : c.id === 'image-map' ? '#image-map-img' : `#${c.id}`);
const sorted = (xs) => [...(xs ?? [])].sort();

/** A LinkInput with its empty optional fields left out, as bypasses.json writes them. */
function canonical(input) {
  if (!input) return input;
  const out = { href: input.href, text: input.text };
  for (const key of ['title', 'saferedirecturl', 'originalsrc', 'dom_text']) if (input[key] != null) out[key] = input[key];
  if (input.hidden?.length) out.hidden = sorted(input.hidden);
  if (input.ping?.length) out.ping = input.ping;
  if (input.malformed) out.malformed = true;
  return out;
}

for (const name of BROWSERS) {
  describe(`bypass attempts in ${name}`, { concurrency: 1 }, () => {
    let web;
    let b;
    let page;
    const url = () => web.url('mail.google.com', '/bypasses.csp.html');

    before(async () => {
      web = await startWeb();
      b = await launch(name, web);
      page = await b.newPage();
    });
    after(async () => {
      await b?.close();
      await web?.close();
    });

    async function openMail() {
      await page.bringToFront();
      const response = await page.goto(url());
      assert.equal(response.headers()['content-security-policy'], "script-src 'none'");
      await waitForLevel(page, '#br');
    }

    it('reads every case as a person sees it (the scan and the click read alike) and marks it at its level', TIMEOUT, async () => {
      await openMail();
      for (const c of ON_PAGE) {
        assert.equal(await waitForLevel(page, `#${c.id}`), c.expected.level, `${c.id}: the mark`);
      }
      const tabId = await tabIdOf(b, url());
      const ext = await b.openExtensionPage('pages/options.html');
      let read;
      try {
        read = await ext.evaluate(async (id, ids) => {
          const api = globalThis.browser ?? globalThis.chrome;
          return (await api.tabs.sendMessage(id, { type: 'readLinks', ids }, { frameId: 0 })).links;
        }, tabId, ON_PAGE.map((c) => c.id));
      } finally {
        await ext.close();
      }
      for (const c of ON_PAGE) {
        assert.deepEqual(canonical(read[c.id]?.clicked), canonical(c.input), `${c.id}: read for a click`);
        assert.deepEqual(canonical(read[c.id]?.scanned), canonical(c.input), `${c.id}: read by the scan`);
      }
    });

    it('explains each case on hover with its reasons: an attack is never called safe', TIMEOUT, async () => {
      await openMail();
      for (const c of ON_PAGE) {
        await page.mouse.move(1, 1);
        await settle(page, 200); // the last tooltip goes
        await page.hover(handleOf(c));
        const host = new URL(c.input.href).hostname;
        let tip;
        await until(async () => {
          tip = await waitForTooltip(page);
          return tip.destination?.includes(host) && tip.level;
        }, { what: `${c.id}: its tooltip` });
        assert.equal(tip.level, c.expected.level, `${c.id}: tooltip level (${tip.codes})`);
        assert.deepEqual(sorted(tip.codes), sorted(c.expected.reasons), `${c.id}: tooltip reasons`);
      }
    });

    it("stops each attack's click behind a dialog naming its reasons; no request reaches the attacker", TIMEOUT, async () => {
      await openMail();
      const before = new Map(ATTACKS.map((c) => [c.id, web.requestsTo(attackerOf(c)).length]));
      const tabs = (await b.browser.pages()).length;
      for (const c of ATTACKS) {
        await page.mouse.move(1, 1);
        await page.click(handleOf(c));
        const dialog = await waitForDialog(page);
        assert.equal(dialog.level, c.expected.level, `${c.id}: dialog level`);
        assert.deepEqual(sorted(dialog.codes), sorted(c.expected.reasons), `${c.id}: dialog reasons`);
        await page.keyboard.press('Escape');
        await page.waitForFunction(() => !document.querySelector('linkguard-dialog').shadowRoot.querySelector('dialog').open);
        assert.equal(await locationOf(page), url(), `${c.id}: still on the mail`);
      }
      await settle(page, 1000);
      for (const c of ATTACKS) {
        assert.equal(web.requestsTo(attackerOf(c)).length, before.get(c.id), `${c.id}: a request reached ${attackerOf(c)}`);
      }
      assert.equal((await b.browser.pages()).length, tabs, 'no tab opened');
    });

    it('opens the legitimate links at once, without a dialog', TIMEOUT, async () => {
      for (const c of LEGIT) {
        await openMail();
        assert.equal(await waitForLevel(page, `#${c.id}`), 'safe');
        const navigation = page.waitForNavigation();
        await page.click(handleOf(c));
        await navigation;
        assert.equal(page.url(), c.input.href, `${c.id}: opened`);
        assert.equal(await readDialog(page), null);
      }
    });

    it('submits a form after "Open anyway" as the user submitted it (GET here, POST in a new tab)', TIMEOUT, async () => {
      await openMail();
      await page.click('#form-get button');
      await waitForDialog(page);
      let navigation = page.waitForNavigation();
      await openAnyway(page);
      await navigation;
      assert.equal(page.url(), 'https://form-get.attacker-site.net/login?user=aoi');
      await openMail();
      const tabs = new Set(await b.browser.pages());
      await page.click('#form-post-blank button');
      await waitForDialog(page);
      await openAnyway(page);
      const posted = await until(() => web.requests.find((r) => r.host === 'form-post-blank.attacker-site.net' && r.method === 'POST'),
        { what: 'the POST' });
      assert.equal(posted.path, '/login');
      for (const p of await b.browser.pages()) if (!tabs.has(p)) await p.close();
      await page.bringToFront();
    });

    it('opens the pinging link without its ping after "Open anyway"', TIMEOUT, async () => {
      await openMail();
      const pings = web.requestsTo('ping.ddnsking.com').length;
      await page.click('#ping');
      await waitForDialog(page);
      const navigation = page.waitForNavigation();
      await openAnyway(page);
      await navigation;
      assert.equal(page.url(), 'https://www.eki-net.com/');
      await settle(page, 500);
      assert.equal(web.requestsTo('ping.ddnsking.com').length, pings, 'the ping was not sent');
    });
  });
}
