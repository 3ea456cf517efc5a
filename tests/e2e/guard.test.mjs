// The navigation guard and failing closed, end to end in Chromium and Firefox:
// - a tab opened from a tab opened from the webmail (two hops through a clean site, each
//   target=_blank, so no opener) is guarded before its first request: no request reaches the
//   dynamic-DNS host, and the tab shows the warning page;
// - a tab linkguard has nothing to do with still opens such a host;
// - a link a page script writes a lone surrogate into is `unreadable` (caution) on its own, and
//   the links read with it get their verdicts; a batch the engine refuses is judged link by link.
//   node --test tests/e2e/guard.test.mjs        (after `make extension`)
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  BROWSERS, launch, locationOf, tabOpenedBy, settle, startWeb, until, waitForDialog, waitForLevel,
} from './harness.mjs';
import { LINK_FIELD_NAMES, frameLinkFields, frameLinks, linksOfFrame } from '../../extension/shared/scan-frame.js';

const DDNS = 'second-hop.ddnsking.com';
const CLEAN = 'news.example.org';
const TIMEOUT = { timeout: 120_000 };

for (const name of BROWSERS) {
  describe(`navigation guard and failing closed in ${name}`, { concurrency: 1 }, () => {
    let web;
    let b;
    /** A tab opened before any webmail (the browser gives a new tab the active one as opener). */
    let unrelated;

    before(async () => {
      web = await startWeb({ pageHosts: ['mail.google.com', '127.0.0.1', CLEAN] });
      b = await launch(name, web);
      unrelated = await b.newPage();
    });
    after(async () => {
      await b?.close();
      await web?.close();
    });

    it('guards a tab opened two hops from the webmail before its first request', TIMEOUT, async () => {
      const mail = await b.newPage();
      await mail.bringToFront();
      await mail.goto(web.url('mail.google.com', '/hops.html'));
      assert.equal(await waitForLevel(mail, '#to-clean'), 'safe');
      const first = await tabOpenedBy(b, () => mail.click('#to-clean'), `https://${CLEAN}/hop.html`);
      await first.waitForSelector('#deeper');
      const second = await tabOpenedBy(b, () => first.click('#deeper'), `https://${CLEAN}/hop.html?deeper`);
      await second.waitForSelector('#to-ddns');
      const requests = web.requestsTo(DDNS).length;
      const warned = await tabOpenedBy(b, () => second.click('#to-ddns'), b.extensionUrl('pages/warning.html'));
      assert.ok((await locationOf(warned)).includes(encodeURIComponent(`https://${DDNS}/login`)), await locationOf(warned));
      await settle(second, 1000);
      assert.equal(web.requestsTo(DDNS).length, requests, `a request reached ${DDNS}`);
      for (const p of [warned, second, first, mail]) await p.close();
    });

    it('leaves a tab unrelated to any webmail alone: it opens a dynamic-DNS host', TIMEOUT, async () => {
      const other = unrelated;
      await other.bringToFront();
      // The first navigation of a new tab may be held until the tab is known (see
      // navigation-guard.js): it is loaded again at once.
      await other.goto(`https://unrelated.ddnsking.com/`).catch(() => {});
      await until(async () => (await locationOf(other)) === 'https://unrelated.ddnsking.com/' &&
        (await other.$('#landed').catch(() => null)), { what: 'the page', timeout: 15_000 });
      assert.ok(web.requestsTo('unrelated.ddnsking.com').length > 0);
      await other.close();
    });

    it('judges a link with a lone surrogate unreadable on its own; the links read with it are judged', TIMEOUT, async () => {
      const page = await b.newPage();
      await page.bringToFront();
      await page.goto(web.url('mail.google.com', '/founding.html'));
      await waitForLevel(page, '#founding');
      await page.evaluate(() => {
        const box = document.getElementById('mail');
        const add = (id, href, text) => {
          const a = document.createElement('a');
          a.id = id;
          a.setAttribute('href', href);
          a.textContent = text;
          box.append(a);
        };
        for (let i = 0; i < 40; i++) add(`plain-${i}`, `https://www.example.org/news/${i}`, `Story ${i}`);
        // A lone high surrogate ending the href, a lone low one starting the text: framed side by
        // side they would make one character of two fields.
        add('broken', 'https://www.example.org/\uD83D', '\uDE00 Read more');
        add('ddns', 'https://inserted.ddnsking.com/', 'Login');
      });
      assert.equal(await waitForLevel(page, '#broken'), 'caution');
      assert.equal(await waitForLevel(page, '#ddns'), 'danger');
      for (let i = 0; i < 40; i += 13) assert.equal(await waitForLevel(page, `#plain-${i}`), 'safe');
      await page.click('#broken');
      const dialog = await waitForDialog(page);
      assert.deepEqual(dialog.codes, ['unreadable']);
      await page.keyboard.press('Escape');
      await page.close();
    });

    it('judges a batch the engine refuses link by link', TIMEOUT, async () => {
      const ext = await b.openExtensionPage('pages/options.html');
      try {
        const links = /** @type {string[][]} */ (linksOfFrame(frameLinks([{ href: 'https://www.example.org/a', text: 'A' },
          { href: 'https://www.example.org/b', text: '🎣 B' }, { href: 'https://checkid.ddnsking.com/', text: 'Login' }])));
        // The second link's text cut inside its surrogate pair, the rest counted with its title:
        // the frame as a whole can't be read (a length splits a character).
        const title = LINK_FIELD_NAMES.indexOf('title');
        links[1][title] = links[1][1].slice(1);
        links[1][1] = links[1][1].slice(0, 1);
        const lines = await ext.evaluate(async (links) => {
          const api = globalThis.browser ?? globalThis.chrome;
          const reply = await api.runtime.sendMessage({ type: 'scan', links });
          return reply.lines.split('\n');
        }, frameLinkFields(links));
        assert.equal(lines.length, 4, lines.join('\n'));
        assert.equal(lines[0], 'www.example.org example.org');
        assert.ok(lines[1].length > 0, 'the second link gets a line of its own');
        assert.equal(JSON.parse(lines[2]).level, 'danger');
        assert.equal(lines[3], '');
      } finally {
        await ext.close();
      }
    });
  });
}
