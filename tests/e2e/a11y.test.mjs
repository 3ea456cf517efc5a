// For people, in Chromium and Firefox, in Japanese and in English (the browser's UI language):
//
// - axe-core (the npm package, injected into the page) finds no violation on any extension page
//   (popup, options, welcome, warning, link report) nor on the demo webmail with the tooltip open
//   and with the dialog open (danger, with and without 詳細 open; caution), nor on the www pages (about, link checker with a link and with a
//   pasted message);
// - the pages speak the language of their messages (`lang` on every page and on the tooltip's
//   and dialog's hosts; a company's name in that language);
// - text is readable: nothing under the type scale's smallest size (extension/shared/type.css),
//   and the extension's pages, tooltip and dialog use the scale's sizes only; no reason code on
//   screen, but in the link report's details;
// - a marked link is described for screen readers (its level and real destination; the tooltip
//   while it shows): in Chromium read from the accessibility tree itself (CDP
//   Accessibility.getPartialAXTree), in Firefox (no protocol for its tree) from what the
//   description is computed from (aria-describedby's elements, else aria-description);
// - keyboard focus on a marked link is visible apart from the marker;
// - the danger dialog and the warning page offer one prominent action (戻る / Go back), opening
//   anyway takes a second step (詳細 / Details), and neither offers to trust the site; the
//   dialog's lead says plainly what a text mismatch means;
// - forced colours (Chromium, emulated): the primary button keeps a boundary, the level dot stays.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import {
  BROWSERS, clickDialogButton, launch, openDialogDetails, readDialog, settle, startWeb, tabIdOf, until, waitForDialog, waitForLevel,
  waitForTooltip,
} from './harness.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const WWW = path.join(ROOT, 'www');
const AXE = fs.readFileSync(path.join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
const CATALOGS = Object.fromEntries(['en', 'ja'].map((lang) =>
  [lang, JSON.parse(fs.readFileSync(path.join(ROOT, `data/locales/${lang}/messages.json`), 'utf8'))]));
const { cases: CASES } = JSON.parse(fs.readFileSync(path.join(ROOT, 'tests/data/cases.json'), 'utf8'));
/** The type scale's sizes in px, from the one source (extension/shared/type.css). */
const SCALE = [...fs.readFileSync(path.join(ROOT, 'extension/shared/type.css'), 'utf8').matchAll(/--lg-size-[a-z0-9]+:\s*(\d+)px/g)]
  .map((m) => Number(m[1]));
const SMALLEST = Math.min(...SCALE);
/** Reason codes that can't be ordinary words (those with a hyphen). */
const CODES = [...new Set([...fs.readFileSync(path.join(ROOT, 'src/verdict.rs'), 'utf8')
  .matchAll(/ReasonCode::\w+ => "([a-z]+(?:-[a-z]+)+)"/g)].map((m) => m[1]))];
const TARGET = 'checkid.ddnsking.com';
const TIMEOUT = { timeout: 180_000 };

/** `message` of `lang`'s catalog with its $1..$n filled in. */
function say(lang, key, ...values) {
  const entry = CATALOGS[lang][key];
  assert.ok(entry, `${lang}: ${key} exists`);
  let text = entry.message.replace(/\$([A-Za-z0-9_]+)\$/g, (whole, name) => entry.placeholders?.[name.toLowerCase()]?.content ?? whole);
  text = text.replace(/\$([1-9])/g, (_, n) => values[Number(n) - 1] ?? '');
  return text;
}

/** axe-core's violations on the page as it is now: "rule: target" for each failing node. */
async function axeViolations(page) {
  await page.evaluate(AXE);
  const violations = await page.evaluate(async () => {
    const result = await globalThis.axe.run(document);
    return result.violations.map((v) => ({ id: v.id, targets: v.nodes.map((n) => n.target.join(' ')) }));
  });
  return violations.flatMap((v) => v.targets.map((target) => `${v.id}: ${target}`));
}

/**
 * The font sizes of the visible text of the page and of its open shadow roots (the tooltip and
 * the dialog), each with a sample of its text; `skip`: what isn't ours to size (a mail's body).
 */
function textSizes(page, skip = '') {
  return page.evaluate((skipSelector) => {
    const sizes = {};
    const visit = (root) => {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (node.nodeType === Node.ELEMENT_NODE) {
          if (/** @type {Element} */ (node).shadowRoot) visit(/** @type {Element} */ (node).shadowRoot);
          continue;
        }
        const text = node.textContent.trim();
        const el = node.parentElement;
        if (!text || !el || el.closest('script, style, title, option, .visually-hidden')) continue;
        if (skipSelector && el.closest(skipSelector)) continue;
        if (!el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true }) || !el.getClientRects().length) continue;
        const size = parseFloat(getComputedStyle(el).fontSize);
        sizes[size] ??= text.slice(0, 40);
      }
    };
    visit(document.documentElement);
    return sizes;
  }, skip);
}

/** The text on screen: the page's and its open shadow roots' (innerText: what is rendered). */
function screenText(page) {
  return page.evaluate(() => {
    const parts = [document.body.innerText];
    for (const host of document.querySelectorAll('linkguard-tooltip, linkguard-dialog')) {
      for (const child of host.shadowRoot?.children ?? []) if (child instanceof HTMLElement) parts.push(child.innerText);
    }
    return parts.join('\n');
  });
}

const codesIn = (text) => CODES.filter((code) => new RegExp(`(^|[^\\w-])${code}([^\\w-]|$)`).test(text));

/** Opens a message of the demo webmail (served as mail.google.com, where the extension runs). */
async function openDemoMessage(page, web, lang, messageId) {
  await page.goto(web.url('mail.google.com', `/mail/?lang=${lang}`), { waitUntil: 'load' });
  await (await page.waitForSelector(`.message-row[data-message-id="${messageId}"]`, { timeout: 10_000 })).click();
  await page.waitForSelector(`article.message[data-message-id="${messageId}"]`, { timeout: 10_000 });
}

/** Tabs through the page until `selector` has the keyboard focus. */
async function tabTo(page, selector) {
  await page.evaluate(() => document.activeElement instanceof HTMLElement && document.activeElement.blur());
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((sel) => document.activeElement?.matches(sel), selector)) return;
  }
  throw new Error(`Tab never reached ${selector}`);
}

/** The accessible description of the element `selector` from Chromium's accessibility tree. */
async function axDescription(page, selector) {
  const cdp = await page.createCDPSession();
  try {
    const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
    const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector });
    const { nodes } = await cdp.send('Accessibility.getPartialAXTree', { nodeId, fetchRelatives: false });
    return nodes[0]?.description?.value ?? '';
  } finally {
    await cdp.detach();
  }
}

/**
 * The description as the page's DOM defines it (accname: aria-describedby's elements when it
 * names any, else aria-description): the texts it is computed from.
 */
function describedByTexts(page, selector) {
  return page.evaluate((sel) => {
    const link = document.querySelector(sel);
    const ids = (link.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean);
    if (!ids.length) {
      const description = link.getAttribute('aria-description');
      return description === null ? [] : [description];
    }
    return ids.map((id) => {
      const el = document.getElementById(id);
      if (!el) return null;
      const shown = el.shadowRoot ? [...el.shadowRoot.children].filter((c) => c instanceof HTMLElement && !c.hidden) : [el];
      return shown.map((c) => c.textContent).join(' ').replace(/\s+/g, ' ').trim();
    });
  }, selector);
}

for (const browserName of BROWSERS) {
  for (const lang of ['ja', 'en']) {
    describe(`for people, in ${browserName} in ${lang === 'ja' ? 'Japanese' : 'English'}`, { concurrency: 1 }, () => {
      let web;
      let b;
      let page;
      before(async () => {
        web = await startWeb({ pages: WWW, pageHosts: ['mail.google.com', '127.0.0.1'] });
        b = await launch(browserName, web, { locale: lang === 'ja' ? 'ja' : 'en-US' });
        page = await b.newPage();
        await page.bringToFront();
        await page.setViewport({ width: 1280, height: 900 });
        // The colours checked are the light ones (Firefox's headless default).
        if (browserName === 'chromium') await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'light' }]);
      }, { timeout: 120_000 });
      after(async () => {
        await b?.close();
        await web?.close();
      });

      test('the extension speaks the language of its messages: lang on its pages and its shadow hosts, a company named in that language', TIMEOUT, async () => {
        const options = await b.openExtensionPage('pages/options.html');
        try {
          assert.equal(await options.evaluate(() => document.documentElement.lang), lang);
          assert.equal(await options.$eval('h1', (h) => h.textContent), say(lang, 'options_title'));
        } finally {
          await options.close();
        }
        await page.bringToFront();
        await openDemoMessage(page, web, lang, 'm-card');
        const card = CASES.find((c) => c.id === 'card-name-in-host');
        await waitForLevel(page, '#case-card-name-in-host');
        await page.hover('#case-card-name-in-host');
        const tip = await waitForTooltip(page);
        assert.ok(tip.text.includes(card.expected.says[lang]), `the tooltip names ${card.expected.says[lang]}: ${tip.text}`);
        // The mail's own words are quoted as written (its sender's name “楽天カード” in English too);
        // everything else names the company in the language of the messages.
        const other = card.expected.says[lang === 'ja' ? 'en' : 'ja'];
        const ownWords = tip.text.replace(/“[^”]*”|「[^」]*」/g, '');
        assert.ok(!ownWords.includes(other), `not ${other}: ${tip.text}`);
        assert.equal(await page.$eval('linkguard-tooltip', (host) => host.getAttribute('lang')), lang);
        await page.mouse.move(2, 2);
        await page.click('#case-card-name-in-host');
        await waitForDialog(page);
        assert.equal(await page.$eval('linkguard-dialog', (host) => host.getAttribute('lang')), lang);
        await page.keyboard.press('Escape');
      });

      test('axe-core: no violation on the extension\'s pages, nor on the webmail with the tooltip or the dialog open', TIMEOUT, async () => {
        const found = {};
        await page.bringToFront();
        await openDemoMessage(page, web, lang, 'm-ekinet');
        await waitForLevel(page, '#case-ekinet-founding');
        await settle(page, 800); // the findings reach the popup after a short debounce
        const tabId = await tabIdOf(b, page.url());
        await page.bringToFront();
        await page.hover('#case-ekinet-founding');
        await waitForTooltip(page);
        found['webmail, tooltip open'] = await axeViolations(page);
        await page.mouse.move(2, 2);
        await page.click('#case-ekinet-founding');
        await waitForDialog(page);
        found['webmail, dialog open'] = await axeViolations(page);
        await openDialogDetails(page);
        found['webmail, dialog open, 詳細 open'] = await axeViolations(page);
        await page.keyboard.press('Escape');
        // A caution dialog (a short link, whose destination is unknown until opened), 詳細 open.
        await openDemoMessage(page, web, lang, 'm-webinar');
        assert.equal(await waitForLevel(page, '#case-shortener-bitly'), 'caution');
        await page.click('#case-shortener-bitly');
        assert.equal((await waitForDialog(page)).level, 'caution');
        await openDialogDetails(page);
        found['webmail, caution dialog open, 詳細 open'] = await axeViolations(page);
        await page.keyboard.press('Escape');
        await openDemoMessage(page, web, lang, 'm-card');
        await waitForLevel(page, '#case-card-lookalike-in-host');
        // A danger dialog offering the company's official site beside Go back (the link's own
        // words ask for a login in 楽天カード's name, elsewhere).
        await page.click('#case-card-lookalike-in-host');
        assert.deepEqual((await waitForDialog(page)).visibleActions, ['official', 'back']);
        found['webmail, dialog with the official site open'] = await axeViolations(page);
        await page.keyboard.press('Escape');
        const pages = {
          popup: `pages/popup.html?tab=${tabId}`,
          options: 'pages/options.html',
          welcome: 'pages/options.html#welcome',
          warning: `pages/warning.html?url=${encodeURIComponent(`https://${TARGET}/`)}`,
          'link report': `pages/link.html?href=${encodeURIComponent(`https://${TARGET}/`)}&text=${encodeURIComponent('https://www.eki-net.com/')}`,
        };
        for (const [name, url] of Object.entries(pages)) {
          const ext = await b.openExtensionPage(url);
          try {
            if (name === 'popup') await ext.waitForSelector('#findings li[data-level=danger]');
            if (name === 'link report') await ext.waitForSelector('main[data-level]');
            if (name === 'warning') await ext.waitForSelector('#reasons li');
            found[name] = await axeViolations(ext);
            if (name === 'warning' || name === 'link report') {
              await ext.evaluate(() => { document.querySelector('details:not([hidden])').open = true; });
              found[`${name}, details open`] = await axeViolations(ext);
            }
          } finally {
            await ext.close();
          }
        }
        assert.deepEqual(Object.fromEntries(Object.entries(found).filter(([, v]) => v.length)), {});
        assert.equal(Object.keys(found).length, 12, 'every page was checked');
      });

      test('axe-core: no violation on the www pages (about, privacy, the link checker with a link and with a pasted message)', TIMEOUT, async () => {
        const found = {};
        await page.bringToFront();
        await page.goto(web.url('127.0.0.1', `/?lang=${lang}`), { waitUntil: 'load' });
        found.about = await axeViolations(page);
        await page.goto(web.url('127.0.0.1', `/privacy/?lang=${lang}`), { waitUntil: 'load' });
        await page.waitForFunction(() => document.querySelectorAll('#permissions li').length > 0);
        found.privacy = await axeViolations(page);
        await page.goto(web.url('127.0.0.1', `/check/?lang=${lang}&${new URLSearchParams({ href: `https://${TARGET}/`, text: 'https://www.eki-net.com/' })}`), { waitUntil: 'load' });
        await page.waitForSelector('.verdict[data-level]');
        found['link checker, a link'] = await axeViolations(page);
        await page.goto(web.url('127.0.0.1', `/check/?lang=${lang}&mode=message`), { waitUntil: 'load' });
        await page.waitForSelector('#source');
        await page.$eval('#source', (area, html) => { area.value = html; }, PASTED_MESSAGE);
        await page.click('#check-message');
        await page.waitForSelector('.message-summary[data-link-count]');
        found['link checker, a pasted message'] = await axeViolations(page);
        await page.goto(web.url('127.0.0.1', `/mail/?lang=${lang}`), { waitUntil: 'load' });
        await page.waitForSelector('.message-row');
        found['demo webmail, no extension'] = await axeViolations(page);
        assert.deepEqual(Object.fromEntries(Object.entries(found).filter(([, v]) => v.length)), {});
      });

      test('text is readable: nothing under the scale\'s smallest size; the extension uses the scale\'s sizes; no reason code on screen', TIMEOUT, async () => {
        const small = {};
        const offScale = {};
        const coded = {};
        const look = async (name, target, { extension = false, skip = '' } = {}) => {
          const sizes = await textSizes(target, skip);
          const px = Object.keys(sizes).map(Number);
          assert.ok(px.length > 0, `${name}: text found`);
          for (const size of px.filter((s) => s < SMALLEST)) small[`${name} ${size}px`] = sizes[size];
          if (extension) for (const size of px.filter((s) => !SCALE.includes(s))) offScale[`${name} ${size}px`] = sizes[size];
          const codes = codesIn(await screenText(target));
          if (codes.length) coded[name] = codes;
        };
        await page.bringToFront();
        await openDemoMessage(page, web, lang, 'm-ekinet');
        await waitForLevel(page, '#case-ekinet-founding');
        const tabId = await tabIdOf(b, page.url());
        await page.bringToFront();
        await page.hover('#case-ekinet-founding');
        await waitForTooltip(page);
        // The extension's tooltip on the demo's page: the page's own text (not the mail's) too.
        await look('webmail with the tooltip', page, { skip: '.message-body, .message-frame-wrap' });
        const tooltipSizes = await page.$eval('linkguard-tooltip', (host) => [...host.shadowRoot.querySelectorAll('.panel *')]
          .filter((el) => [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent.trim()))
          .map((el) => parseFloat(getComputedStyle(el).fontSize)));
        for (const size of tooltipSizes.filter((s) => !SCALE.includes(s))) offScale[`tooltip ${size}px`] = true;
        await page.mouse.move(2, 2);
        await page.click('#case-ekinet-founding');
        await waitForDialog(page);
        const dialogSizes = await page.$eval('linkguard-dialog', (host) => [...host.shadowRoot.querySelectorAll('dialog *')]
          .filter((el) => [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent.trim()))
          .map((el) => parseFloat(getComputedStyle(el).fontSize)));
        for (const size of dialogSizes.filter((s) => s < SMALLEST)) small[`dialog ${size}px`] = true;
        await page.keyboard.press('Escape');
        const pages = {
          popup: `pages/popup.html?tab=${tabId}`,
          options: 'pages/options.html',
          welcome: 'pages/options.html#welcome',
          warning: `pages/warning.html?url=${encodeURIComponent(`https://${TARGET}/`)}`,
          'link report': `pages/link.html?href=${encodeURIComponent(`https://${TARGET}/`)}&text=${encodeURIComponent('https://www.eki-net.com/')}`,
        };
        for (const [name, url] of Object.entries(pages)) {
          const ext = await b.openExtensionPage(url);
          try {
            if (name === 'popup') await ext.waitForSelector('#findings li[data-level=danger]');
            if (name === 'link report' || name === 'warning') await ext.waitForSelector('#reasons li');
            await look(name, ext, { extension: true });
            if (name === 'link report') {
              // The codes are there for those who open the details.
              await ext.click('#details summary');
              const details = await ext.$eval('#details', (d) => d.innerText);
              assert.deepEqual(codesIn(details).sort(), ['dynamic-dns', 'text-mismatch'], details);
            }
          } finally {
            await ext.close();
          }
        }
        await page.bringToFront();
        await page.goto(web.url('127.0.0.1', `/?lang=${lang}`), { waitUntil: 'load' });
        await look('about', page);
        await page.goto(web.url('127.0.0.1', `/check/?lang=${lang}&${new URLSearchParams({ href: `https://${TARGET}/`, text: 'https://www.eki-net.com/' })}`), { waitUntil: 'load' });
        await page.waitForSelector('.verdict[data-level]');
        await look('link checker', page);
        assert.deepEqual({ small, offScale, coded }, { small: {}, offScale: {}, coded: {} });
      });

      test('a marked link is described for screen readers: its level and real destination, the tooltip while it shows; the page\'s own description kept', TIMEOUT, async () => {
        await page.bringToFront();
        await openDemoMessage(page, web, lang, 'm-ekinet');
        await waitForLevel(page, '#case-ekinet-founding');
        // A link of the mail's own with a description of its own.
        await page.evaluate((href) => {
          const note = Object.assign(document.createElement('span'), { id: 'own-note', textContent: 'own note' });
          const a = Object.assign(document.createElement('a'), { id: 'described', href, textContent: 'https://www.eki-net.com/' });
          a.setAttribute('aria-describedby', 'own-note');
          document.querySelector('.message-body').append(note, a);
        }, `https://${TARGET}/described`);
        assert.equal(await waitForLevel(page, '#described'), 'danger');
        await page.mouse.move(2, 2);
        await settle(page, 300);
        const short = say(lang, 'link_description', say(lang, 'level_danger'), TARGET);
        assert.deepEqual(await describedByTexts(page, '#case-ekinet-founding'), [short]);
        assert.deepEqual(await describedByTexts(page, '#described'), [short, 'own note']);
        // A safe link says nothing more than its text.
        await page.evaluate(() => {
          const a = Object.assign(document.createElement('a'), { id: 'plain', href: 'https://www.eki-net.com/', textContent: 'https://www.eki-net.com/' });
          document.querySelector('.message-body').append(a);
        });
        assert.equal(await waitForLevel(page, '#plain'), 'safe');
        assert.deepEqual(await describedByTexts(page, '#plain'), []);
        assert.deepEqual(await page.$eval('#plain', (a) => [a.getAttribute('aria-describedby'), a.getAttribute('aria-description')]), [null, null]);
        // A link with the page's own aria-description: it stays, and ours is what is read.
        await page.evaluate((href) => {
          const a = Object.assign(document.createElement('a'), { id: 'annotated', href, textContent: 'https://www.eki-net.com/' });
          a.setAttribute('aria-description', 'own annotation');
          document.querySelector('.message-body').append(a);
        }, `https://${TARGET}/annotated`);
        assert.equal(await waitForLevel(page, '#annotated'), 'danger');
        assert.deepEqual(await describedByTexts(page, '#annotated'), [short]);
        assert.equal(await page.$eval('#annotated', (a) => a.getAttribute('aria-description')), 'own annotation');
        if (browserName === 'chromium') {
          assert.equal(await axDescription(page, '#case-ekinet-founding'), short);
          assert.equal(await axDescription(page, '#described'), `${short} own note`);
          assert.equal(await axDescription(page, '#annotated'), short);
        }
        // Keyboard focus shows the tooltip, and the link is described by it.
        await tabTo(page, '#case-ekinet-founding');
        const tip = await waitForTooltip(page);
        const byTooltip = (await describedByTexts(page, '#case-ekinet-founding')).join(' ');
        assert.ok(byTooltip.includes(`https://${TARGET}/`) && byTooltip.includes(say(lang, 'reason_dynamic_dns_title')), byTooltip);
        assert.equal(tip.destination, `https://${TARGET}/`);
        if (browserName === 'chromium') {
          const described = await axDescription(page, '#case-ekinet-founding');
          assert.ok(described.includes(say(lang, 'level_danger')) && described.includes(`https://${TARGET}/`)
            && described.includes(say(lang, 'reason_dynamic_dns_title')), described);
        }
        // The tooltip gone, the short description is back.
        await page.evaluate(() => document.activeElement instanceof HTMLElement && document.activeElement.blur());
        await until(async () => (await describedByTexts(page, '#case-ekinet-founding')).join('') === short, { what: 'the short description back' });
      });

      test('keyboard focus on a marked link is visible apart from the marker', TIMEOUT, async () => {
        await page.bringToFront();
        await openDemoMessage(page, web, lang, 'm-ekinet');
        await waitForLevel(page, '#case-ekinet-founding');
        const unfocused = await page.$eval('#case-ekinet-founding', (a) => ({ outline: getComputedStyle(a).outlineColor, shadow: getComputedStyle(a).boxShadow }));
        assert.equal(unfocused.shadow, 'none');
        await tabTo(page, '#case-ekinet-founding');
        const focused = await page.$eval('#case-ekinet-founding', (a) => ({ outline: getComputedStyle(a).outlineColor, shadow: getComputedStyle(a).boxShadow }));
        assert.equal(focused.outline, unfocused.outline, 'the marker stays as it is');
        assert.match(focused.shadow, /rgb\(11, 87, 208\) 0px 0px 0px 7px/, 'a focus ring outside the marker');
        if (browserName === 'chromium') {
          await page.emulateMediaFeatures([{ name: 'forced-colors', value: 'active' }]);
          try {
            const forced = await page.$eval('#case-ekinet-founding', (a) => getComputedStyle(a).outlineStyle);
            assert.equal(forced, 'double', 'in forced colours, focus doubles the outline');
          } finally {
            await page.emulateMediaFeatures([{ name: 'forced-colors', value: 'none' }]);
          }
        }
      });

      test('the danger dialog: 戻る is the one prominent action; opening anyway is behind 詳細; no trust; the lead says where the link goes', TIMEOUT, async () => {
        await page.bringToFront();
        // A link to a bare IP address written as the bank's site, in a mail of no brand linkguard
        // knows: no official site to offer, so Go back is the only visible action.
        await openDemoMessage(page, web, lang, 'm-bank');
        await waitForLevel(page, '#case-ip-dotted');
        await page.click('#case-ip-dotted');
        const shown = await waitForDialog(page);
        assert.equal(shown.level, 'danger');
        assert.equal(shown.focused, 'back');
        assert.deepEqual(shown.visibleActions, ['back']);
        assert.deepEqual(shown.prominent, ['back']);
        assert.ok(!shown.actions.includes('trust'), 'trusting the site is not offered');
        // The text shows one site, the link goes to another: the lead says so in those words.
        assert.equal(shown.lead, say(lang, 'dialog_lead_elsewhere'));
        assert.ok(shown.lead.includes(lang === 'ja' ? '表示とは別のサイトに移動します' : 'goes to a different site than it shows'), shown.lead);
        // The dialog's accessible description starts with that lead.
        assert.ok(shown.describedBy.startsWith(shown.lead), shown.describedBy);
        const summary = await page.$eval('linkguard-dialog', (host) => host.shadowRoot.querySelector('details summary').textContent);
        assert.equal(summary, say(lang, 'details'));
        // The keyboard reaches 詳細 from Go back; Enter opens it; Tab reaches "Open anyway".
        await page.keyboard.press('Tab');
        assert.equal(await page.$eval('linkguard-dialog', (host) => host.shadowRoot.activeElement?.tagName), 'SUMMARY');
        await page.keyboard.press('Enter');
        await page.keyboard.press('Tab');
        const open = await readDialog(page);
        assert.equal(open.detailsOpen, true);
        assert.deepEqual(open.visibleActions, ['back', 'open', 'report']);
        assert.equal(open.focused, 'open');
        assert.deepEqual(open.prominent, ['back'], 'opening anyway is never the filled button');
        if (browserName === 'chromium') {
          await page.emulateMediaFeatures([{ name: 'forced-colors', value: 'active' }]);
          try {
            const back = await page.$eval('linkguard-dialog', (host) => {
              const s = getComputedStyle(host.shadowRoot.querySelector('button[data-action=back]'));
              return parseFloat(s.borderTopWidth) > 0 && s.borderTopStyle !== 'none' && s.borderTopColor !== s.backgroundColor;
            });
            assert.equal(back, true, 'Go back keeps a visible boundary in forced colours');
          } finally {
            await page.emulateMediaFeatures([{ name: 'forced-colors', value: 'none' }]);
          }
        }
        await clickDialogButton(page, 'back');
        await until(async () => (await readDialog(page)) === null, { what: 'the dialog to close' });
      });

      test('the warning page: 戻る is the one prominent action; opening anyway takes a second step; no trust offered', TIMEOUT, async () => {
        const warning = await b.openExtensionPage(`pages/warning.html?url=${encodeURIComponent(`https://${TARGET}/`)}`);
        try {
          await warning.waitForSelector('#reasons li');
          const visibleButtons = () => warning.$$eval('button', (buttons) => buttons.filter((x) => x.checkVisibility()).map((x) => x.id));
          assert.deepEqual(await visibleButtons(), ['back']);
          assert.equal(await warning.evaluate(() => document.activeElement?.id), 'back');
          assert.equal(await warning.$('[data-action=trust]'), null, 'trusting the site is not offered');
          assert.equal(await warning.$eval('#lead', (p) => p.textContent), say(lang, 'warning_lead'));
          await warning.click('#more summary');
          assert.deepEqual(await visibleButtons(), ['back', 'proceed']);
          assert.equal(await warning.$eval('#proceed', (x) => x.textContent), say(lang, 'dialog_open'));
          if (browserName === 'chromium') {
            await warning.emulateMediaFeatures([{ name: 'forced-colors', value: 'active' }]);
            const forced = await warning.evaluate(() => {
              const back = getComputedStyle(document.getElementById('back'));
              const level = document.querySelector('.level');
              return {
                active: matchMedia('(forced-colors: active)').matches,
                border: parseFloat(back.borderTopWidth) > 0 && back.borderTopStyle !== 'none' && back.borderTopColor !== back.backgroundColor,
                dot: getComputedStyle(level, '::before').backgroundColor,
                badge: getComputedStyle(level).backgroundColor,
              };
            });
            assert.equal(forced.active, true);
            assert.equal(forced.border, true, 'the primary button keeps a visible boundary');
            assert.notEqual(forced.dot, forced.badge, 'the level dot stays visible');
            assert.notEqual(forced.dot, 'rgba(0, 0, 0, 0)');
          }
        } finally {
          await warning.close();
        }
      });

      if (browserName === 'chromium') {
        test('forced colours: the tooltip\'s level dot and the link report\'s primary button stay visible', TIMEOUT, async () => {
          await page.bringToFront();
          await openDemoMessage(page, web, lang, 'm-ekinet');
          await waitForLevel(page, '#case-ekinet-founding');
          await page.emulateMediaFeatures([{ name: 'forced-colors', value: 'active' }]);
          try {
            await page.hover('#case-ekinet-founding');
            await waitForTooltip(page);
            const dot = await page.$eval('linkguard-tooltip', (host) => {
              const level = host.shadowRoot.querySelector('[data-role=level]');
              return { dot: getComputedStyle(level, '::before').backgroundColor, badge: getComputedStyle(level).backgroundColor };
            });
            assert.notEqual(dot.dot, dot.badge);
            assert.notEqual(dot.dot, 'rgba(0, 0, 0, 0)');
          } finally {
            await page.emulateMediaFeatures([{ name: 'forced-colors', value: 'none' }]);
            await page.mouse.move(2, 2);
          }
          const report = await b.openExtensionPage(`pages/link.html?href=${encodeURIComponent(`https://${TARGET}/`)}`);
          try {
            await report.waitForSelector('main[data-level]');
            await report.emulateMediaFeatures([{ name: 'forced-colors', value: 'active' }]);
            const close = await report.$eval('#close', (x) => {
              const s = getComputedStyle(x);
              return parseFloat(s.borderTopWidth) > 0 && s.borderTopStyle !== 'none' && s.borderTopColor !== s.backgroundColor;
            });
            assert.equal(close, true);
          } finally {
            await report.close();
          }
        });
      }
    });
  }
}

/** A message body pasted without any mail header (HTML), as someone copies it out of a mail. */
const PASTED_MESSAGE = `<p>いつもご利用ありがとうございます。</p>
<p>ご利用確認はこちら：<a href="https://checkid.ddnsking.com/">https://www.eki-net.com/</a></p>
<p><a href="https://www.example.org/help">Help</a> · <a href="https://bit.ly/3abcd">bit.ly/3abcd</a></p>`;
