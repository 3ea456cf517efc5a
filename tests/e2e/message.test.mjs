// Links judged in their message, end to end in Chromium and Firefox: tests/e2e/pages/message.csp.html
// (served as https://mail.google.com/ with `Content-Security-Policy: script-src 'none'`) has three
// Gmail thread views: a mail whose sender alone claims 三井住友カード (its display name, from an
// address on a throwaway domain, subject 【三井住友カード】ご利用確認) with a plain 「こちらからログイン」
// link to that domain; the card company's own mail; a newsletter whose links all go through click
// trackers. The content script reads each message's context from Gmail's markup
// (extension/content/message-context.js) and sends it with the links; the impersonation's link is
// stopped, its tooltip and dialog say the mail claims the company, and the dialog offers the
// company's official site (data/brands.tsv), which opens where the link would have, never the
// link. The company's own mail opens without a dialog; the newsletter has no danger. A message
// whose header is drawn after its body is judged again. Every request stays on the harness's
// loopback web, which records it: "opened" is a request that arrived, "stopped" one that didn't.
//   node --test tests/e2e/message.test.mjs        (after `make extension`)
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, it } from 'node:test';
import {
  BROWSERS, checkLinkFromMenu, clickDialogButton, launch, locationOf, openAnyway, readDialog, readLinkReport, readTooltip, settle,
  startWeb, tabIdOf, until, waitForDialog, waitForLevel,
} from './harness.mjs';

const TIMEOUT = { timeout: 120_000 };
const PHISH_HOST = 'kq7wzt.top';

/** 三井住友カード's official site, as the brand table (data/brands.tsv, column 6) gives it. */
const OFFICIAL = (() => {
  const row = fs.readFileSync(new URL('../../data/brands.tsv', import.meta.url), 'utf8').split('\n')
    .map((line) => line.split('\t')).find((cols) => cols[0].split('|').includes('三井住友カード'));
  assert.ok(row, 'data/brands.tsv lists 三井住友カード');
  return row[5];
})();

/** What each message says of itself, as Gmail shows it (the page's markup). */
const CONTEXTS = {
  impersonation: {
    sender_name: '三井住友カード', sender_address: `info@${PHISH_HOST}`, subject: '【三井住友カード】ご利用確認',
    webmail_host: 'mail.google.com',
  },
  genuine: {
    sender_name: '三井住友カード', sender_address: 'statement@mail.smbc-card.com', subject: '【三井住友カード】ご利用明細のお知らせ',
    webmail_host: 'mail.google.com',
  },
  newsletter: {
    sender_name: 'くも旅', sender_address: 'news@mail.kumotabi.example', subject: 'くも旅 ニュースレター 2026年3月号',
    webmail_host: 'mail.google.com',
  },
};
const LINKS_OF = {
  impersonation: ['impersonation-login', 'impersonation-here'],
  genuine: ['genuine-login', 'genuine-vpass'],
  newsletter: ['newsletter-own', 'newsletter-sendgrid', 'newsletter-substack', 'newsletter-unsubscribe'],
};

/** The texts the reader must see, in each UI language. */
const SAYS = {
  ja: {
    sentence: `このメールは 三井住友カード を名乗っていますが、このリンクの行き先 ${PHISH_HOST} は 三井住友カード のものではありません。`,
    official: `三井住友カード のサイトは、このリンクからではなく、公式サイトを自分で開いてください：${OFFICIAL}`,
    lead: 'このリンクは 三井住友カード のサイトに移動しません。',
    button: '三井住友カード の公式サイトを開く',
  },
  en: {
    sentence: `This mail presents itself as Sumitomo Mitsui Card, but this link goes to ${PHISH_HOST}, which is not Sumitomo Mitsui Card's.`,
    official: `To go to Sumitomo Mitsui Card, open its official site yourself instead: ${OFFICIAL}`,
    lead: "This link does not go to Sumitomo Mitsui Card's site.",
    button: "Open Sumitomo Mitsui Card's official site instead",
  },
};

/** The label of the dialog's button for `action`. */
const buttonLabel = (page, action) => page.evaluate((a) => document.querySelector('linkguard-dialog')
  ?.shadowRoot?.querySelector(`button[data-action="${a}"]`)?.textContent ?? null, action);

/** The elements with these ids as the content script reads them (its readLinks diagnostics). */
async function readLinks(b, page, ids) {
  const tabId = await tabIdOf(b, page.url());
  const ext = await b.openExtensionPage('pages/options.html');
  try {
    // As JSON: links of one message share their message's object, which WebDriver BiDi (Firefox)
    // hands back only once.
    return JSON.parse(await ext.evaluate(async (id, wanted) => {
      const api = globalThis.browser ?? globalThis.chrome;
      return JSON.stringify((await api.tabs.sendMessage(id, { type: 'readLinks', ids: wanted }, { frameId: 0 })).links);
    }, tabId, ids));
  } finally {
    await ext.close();
    await page.bringToFront();
  }
}

/** The level marked on `selector` now (a flagged link always carries it). */
const markOf = (page, selector) => page.evaluate((sel) => document.querySelector(sel)?.getAttribute('data-linkguard-level') ?? null, selector);

/** Hovers `selector` and returns its tooltip once it explains that link (its destination's host). */
async function tooltipOf(page, selector, host) {
  await page.mouse.move(1, 1);
  await settle(page, 200);
  await page.hover(selector);
  return until(async () => {
    const tip = await readTooltip(page);
    return tip?.destination?.includes(host) ? tip : null;
  }, { what: `the tooltip of ${selector}` });
}

/**
 * Closes the tabs opened since `before` and puts `keep` in front again. (Not every other tab:
 * Firefox opens the extension's pages from its welcome tab.)
 */
async function closeNew(b, before, keep) {
  for (const p of await b.browser.pages()) if (!before.has(p)) await p.close().catch(() => {});
  await keep.bringToFront();
}

for (const name of BROWSERS) {
  describe(`links in their message, Gmail-structured page (${name}, ja)`, { concurrency: 1 }, () => {
    let web;
    let b;
    let page;
    const url = () => web.url('mail.google.com', '/message.csp.html');

    before(async () => {
      web = await startWeb();
      b = await launch(name, web, { locale: 'ja' });
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
      await waitForLevel(page, '#impersonation-login');
    }

    it("reads each message's sender and subject from Gmail's markup, and gives them to the links in its body only", TIMEOUT, async () => {
      await openMail();
      const ids = [...Object.values(LINKS_OF).flat(), 'outside'];
      const read = await readLinks(b, page, ids);
      for (const [message, links] of Object.entries(LINKS_OF)) {
        for (const id of links) {
          assert.deepEqual(read[id]?.scanned?.message?.context, CONTEXTS[message], `${id}: read in its message (the scan)`);
          assert.deepEqual(read[id]?.clicked?.message?.context, CONTEXTS[message], `${id}: read in its message (a click)`);
        }
      }
      assert.equal(read.outside?.scanned?.message, undefined, 'a link outside every message has none');
      assert.equal(read.outside?.scanned?.href, `https://${PHISH_HOST}/login`);
      // The same link outside the mail, judged alone, is no danger: its message makes it one.
      assert.notEqual(await waitForLevel(page, '#outside'), 'danger');
    });

    it('the impersonation: its plain login link is danger, and the tooltip says the mail claims the company', TIMEOUT, async () => {
      await openMail();
      for (const id of LINKS_OF.impersonation) assert.equal(await waitForLevel(page, `#${id}`), 'danger', id);
      const tip = await tooltipOf(page, '#impersonation-login', PHISH_HOST);
      assert.equal(tip.level, 'danger');
      assert.deepEqual(tip.codes, ['message-brand-mismatch']);
      assert.ok(tip.text.includes(SAYS.ja.sentence), `the tooltip says it: ${tip.text}`);
      assert.ok(tip.text.includes(SAYS.ja.official), `the tooltip names the official site: ${tip.text}`);
    });

    it('its click is stopped; the dialog says why and offers the official site beside 戻る; 戻る opens nothing', TIMEOUT, async () => {
      await openMail();
      const tabs = (await b.browser.pages()).length;
      await page.click('#impersonation-login');
      const dialog = await waitForDialog(page);
      assert.equal(dialog.level, 'danger');
      assert.deepEqual(dialog.codes, ['message-brand-mismatch']);
      assert.equal(dialog.lead, SAYS.ja.lead);
      assert.ok(dialog.describedBy.includes(SAYS.ja.sentence), dialog.describedBy);
      // The safe ways first: the official site beside 戻る (the filled one, with the focus);
      // opening the link is behind 詳細.
      assert.deepEqual(dialog.visibleActions, ['official', 'back']);
      assert.deepEqual(dialog.actions, ['official', 'back', 'open', 'report']);
      assert.deepEqual(dialog.prominent, ['back']);
      assert.equal(dialog.focused, 'back');
      assert.equal(await buttonLabel(page, 'official'), SAYS.ja.button);
      await clickDialogButton(page, 'back');
      await until(async () => (await readDialog(page)) === null, { what: 'the dialog to close' });
      await settle(page, 500);
      assert.equal(web.requestsTo(PHISH_HOST).length, 0, 'nothing reached the phishing host');
      assert.equal(web.requestsTo(new URL(OFFICIAL).hostname).length, 0, 'nor the official site');
      assert.equal((await b.browser.pages()).length, tabs, 'no tab opened');
    });

    it("the official site opens where the link would have (its target: a new tab), and the link doesn't", TIMEOUT, async () => {
      await openMail();
      const official = new URL(OFFICIAL);
      const before = web.requestsTo(official.hostname).length;
      const tabs = new Set(await b.browser.pages());
      await page.click('#impersonation-login');
      await waitForDialog(page);
      await clickDialogButton(page, 'official');
      const opened = await until(() => web.requestsTo(official.hostname).slice(before).find((r) => r.method === 'GET'),
        { timeout: 15_000, what: 'the official site to be requested' });
      assert.equal(`https://${opened.host}${opened.path}`, OFFICIAL, 'the brand table\'s official address');
      const tab = await until(async () => (await b.browser.pages()).find((p) => !tabs.has(p)), { what: 'a new tab' });
      assert.equal(await until(() => locationOf(tab).then((href) => href === OFFICIAL && href)), OFFICIAL);
      assert.equal(await locationOf(page), url(), 'the mail stays open in its tab');
      await settle(page, 500);
      assert.equal(web.requestsTo(PHISH_HOST).length, 0, 'the link was not opened');
      await closeNew(b, tabs, page);
    });

    it('a link without a target: the official site opens in this tab', TIMEOUT, async () => {
      await openMail();
      await page.click('#impersonation-here');
      await waitForDialog(page);
      const navigation = page.waitForNavigation();
      await clickDialogButton(page, 'official');
      await navigation;
      assert.equal(await locationOf(page), OFFICIAL);
      assert.equal(web.requestsTo(PHISH_HOST).length, 0, 'the link was not opened');
    });

    it('"Open anyway" (behind 詳細) still opens the link itself when the reader insists', TIMEOUT, async () => {
      await openMail();
      await page.click('#impersonation-here');
      await waitForDialog(page);
      const navigation = page.waitForNavigation();
      await openAnyway(page);
      await navigation;
      assert.equal(await locationOf(page), `https://${PHISH_HOST}/verify`);
    });

    it('"Check this link with linkguard" judges it in its message too: the report says what the tooltip says', TIMEOUT, async () => {
      await openMail();
      const tabId = await tabIdOf(b, url());
      await page.bringToFront();
      await page.click('#impersonation-login', { button: 'right' });
      const before = new Set(await b.browser.pages());
      await checkLinkFromMenu(b, { linkUrl: `https://${PHISH_HOST}/login` }, tabId);
      const report = await readLinkReport(b, before);
      assert.equal(report.level, 'danger');
      assert.deepEqual(report.codes, ['message-brand-mismatch']);
      assert.ok(report.text.includes(SAYS.ja.sentence), report.text);
      await report.page.close();
      await page.bringToFront();
    });

    it("the company's own mail: its links are safe and open at once, without a dialog", TIMEOUT, async () => {
      await openMail();
      for (const id of LINKS_OF.genuine) assert.equal(await waitForLevel(page, `#${id}`), 'safe', id);
      const tabs = new Set(await b.browser.pages());
      await page.click('#genuine-login');
      await until(() => web.requestsTo('www.smbc-card.com').some((r) => r.path === '/mem/index.jsp'),
        { timeout: 15_000, what: 'the genuine link to open' });
      assert.equal(await readDialog(page), null, 'no dialog');
      await until(async () => (await b.browser.pages()).some((p) => !tabs.has(p)), { what: 'a new tab, as its target says' });
      await closeNew(b, tabs, page);
    });

    it('the newsletter: no danger on its tracked links; a tracker behind a brand\'s address is caution', TIMEOUT, async () => {
      await openMail();
      const levels = {};
      for (const id of LINKS_OF.newsletter) levels[id] = await waitForLevel(page, `#${id}`);
      assert.deepEqual(levels, {
        'newsletter-own': 'safe', 'newsletter-sendgrid': 'caution', 'newsletter-substack': 'safe', 'newsletter-unsubscribe': 'safe',
      });
      const tip = await tooltipOf(page, '#newsletter-sendgrid', 'ct.sendgrid.net');
      assert.deepEqual(tip.codes, ['tracking-redirect']);
    });

    it("a message whose header is drawn after its body is judged again, in its message", TIMEOUT, async () => {
      await openMail();
      // As a single-page webmail draws it: the thread view and the body first (the link is in
      // no message yet: its sender isn't shown), then the header with the sender.
      await page.evaluate(() => {
        const view = document.createElement('div');
        view.className = 'nH if';
        view.innerHTML = '<div class="ha"><h2 class="hP">【三井住友カード】ご利用確認</h2></div>'
          + '<div class="adn ads" id="late-message"><div class="ii gt"><div class="a3s aiL">'
          + '<p><a id="late-login" href="https://late.kq7wzt.top/login" target="_blank">こちらからログイン</a></p>'
          + '</div></div></div>';
        document.querySelector('[role=main]').append(view);
      });
      assert.equal(await waitForLevel(page, '#late-login'), 'safe', 'no sender shown: the link is judged alone');
      assert.equal((await readLinks(b, page, ['late-login']))['late-login']?.scanned?.message, undefined);
      await page.evaluate(() => {
        const header = document.createElement('div');
        header.className = 'gE iv gt';
        header.innerHTML = '<h3 class="iw"><span class="gD" email="info@kq7wzt.top" name="三井住友カード">三井住友カード</span></h3>';
        document.getElementById('late-message').prepend(header);
      });
      await until(async () => (await markOf(page, '#late-login')) === 'danger', { what: 'the link judged again, in its message' });
      const read = await readLinks(b, page, ['late-login']);
      assert.deepEqual(read['late-login']?.scanned?.message?.context, CONTEXTS.impersonation);
    });
  });

  describe(`links in their message, Gmail-structured page (${name}, en)`, { concurrency: 1 }, () => {
    let web;
    let b;
    let page;

    before(async () => {
      web = await startWeb();
      b = await launch(name, web, { locale: 'en-US' });
      page = await b.newPage();
    });
    after(async () => {
      await b?.close();
      await web?.close();
    });

    it('the tooltip and the dialog say it in English, and offer the official site', TIMEOUT, async () => {
      await page.bringToFront();
      await page.goto(web.url('mail.google.com', '/message.csp.html'));
      assert.equal(await waitForLevel(page, '#impersonation-login'), 'danger');
      const tip = await tooltipOf(page, '#impersonation-login', PHISH_HOST);
      assert.ok(tip.text.includes(SAYS.en.sentence), tip.text);
      assert.ok(tip.text.includes(SAYS.en.official), tip.text);
      await page.mouse.move(1, 1);
      await page.click('#impersonation-login');
      const dialog = await waitForDialog(page);
      assert.equal(dialog.lead, SAYS.en.lead);
      assert.ok(dialog.describedBy.includes(SAYS.en.sentence), dialog.describedBy);
      assert.deepEqual(dialog.visibleActions, ['official', 'back']);
      assert.equal(await buttonLabel(page, 'official'), SAYS.en.button);
      await page.keyboard.press('Escape');
      await until(async () => (await readDialog(page)) === null, { what: 'the dialog to close' });
      await settle(page, 300);
      assert.equal(web.requestsTo(PHISH_HOST).length, 0);
    });
  });
}
