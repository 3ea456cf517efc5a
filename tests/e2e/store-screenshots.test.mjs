// @ts-check
// The stores' images, taken from the real extension in Chromium, in Japanese and English:
// store/screenshots/<lang>/ at the stores' 1280×800 (the tooltip and the dialog on the demo
// webmail, the link report with "Report this" open, the popup) and store/tile-<lang>.png, the
// 440×280 promo tile (the logo, the name and the short description from the catalog). Each is
// checked to be a PNG of its size; the run opens no link. `make test` takes them into
// .build/store-images/ (pixels differ from run to run, and a test run leaves the tree clean);
// `make store-images` takes them into store/, the images uploaded.
//   node --test tests/e2e/store-screenshots.test.mjs        (after `make`)
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { launch, settle, startWeb, tabIdOf, waitForDialog, waitForLevel, waitForTooltip } from './harness.mjs';

const ROOT = path.resolve(import.meta.dirname, '../..');
const WWW = path.join(ROOT, 'www');
const STORE = path.resolve(ROOT, process.env.LINKGUARD_STORE_IMAGES ?? path.join('.build', 'store-images'));
const SIZE = { width: 1280, height: 800 };
const TILE = { width: 440, height: 280 };

/** A PNG's width and height, from its IHDR chunk. @param {string} file */
function pngSize(file) {
  const bytes = fs.readFileSync(file);
  assert.equal(bytes.subarray(1, 4).toString('latin1'), 'PNG', `${file} is a PNG`);
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe('the stores\' screenshots and promo tile', () => {
  for (const lang of ['ja', 'en']) {
    test(`in ${lang}`, { timeout: 150_000 }, async () => {
      const web = await startWeb({ pages: WWW, pageHosts: ['mail.google.com', '127.0.0.1'] });
      const catalog = JSON.parse(fs.readFileSync(path.join(ROOT, `data/locales/${lang}/messages.json`), 'utf8'));
      const dir = path.join(STORE, 'screenshots', lang);
      fs.mkdirSync(dir, { recursive: true });
      const shots = [];
      let b;
      try {
        b = await launch('chromium', web, { locale: lang });
        const page = await b.newPage();
        await page.bringToFront();
        await page.setViewport({ ...SIZE, deviceScaleFactor: 1 });
        await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'light' }]);
        await page.goto(web.url('mail.google.com', `/mail/?lang=${lang}&today=2026-11-28`), { waitUntil: 'load' });
        await (await page.waitForSelector('.message-row[data-message-id="m-ekinet"]')).click();
        const link = await page.waitForSelector('#case-ekinet-founding');
        assert.equal(await waitForLevel(page, '#case-ekinet-founding'), 'danger');
        await link.evaluate((a) => a.scrollIntoView({ block: 'center' }));
        await link.hover();
        const tooltip = await waitForTooltip(page);
        assert.ok(tooltip.text.includes(catalog.level_danger.message));
        await settle(page, 300);
        shots.push(path.join(dir, '1-tooltip.png'));
        await page.screenshot({ path: shots.at(-1) });
        await page.mouse.move(2, 2);
        await link.click();
        assert.equal((await waitForDialog(page)).level, 'danger');
        await settle(page, 400);
        shots.push(path.join(dir, '2-dialog.png'));
        await page.screenshot({ path: shots.at(-1) });
        await page.keyboard.press('Escape');

        const report = await b.newPage();
        await report.setViewport({ ...SIZE, deviceScaleFactor: 1 });
        await report.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'light' }]);
        const href = 'https://checkid.ddnsking.com/';
        await report.goto(b.extensionUrl(`pages/link.html?href=${encodeURIComponent(href)}&text=${encodeURIComponent('https://www.eki-net.com/')}`));
        await report.waitForSelector('#report:not([hidden])', { timeout: 15_000 });
        await report.click('#report');
        await report.waitForSelector('#report-box:not([hidden])');
        await report.evaluate(() => { /** @type {HTMLElement} */ (document.activeElement)?.blur(); });
        shots.push(path.join(dir, '3-link-report.png'));
        await report.screenshot({ path: shots.at(-1) });
        await report.close();

        const tabId = await tabIdOf(b, page.url());
        const popup = await b.newPage();
        await popup.setViewport({ ...SIZE, deviceScaleFactor: 1 });
        await popup.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'light' }]);
        await popup.goto(b.extensionUrl(`pages/popup.html?tab=${tabId}`));
        await popup.waitForSelector('#findings li', { timeout: 15_000 });
        // The popup as the browser shows it: its own width, on a plain backdrop.
        await popup.addStyleTag({ content: 'html { background: #dadce0 !important; min-height: 100%; } body { margin: 48px auto !important; box-shadow: 0 6px 24px rgba(0,0,0,.25); border-radius: 8px; }' });
        await settle(popup, 300);
        shots.push(path.join(dir, '4-popup.png'));
        await popup.screenshot({ path: shots.at(-1) });
        await popup.close();

        const tile = await b.newPage();
        await tile.setViewport({ ...TILE, deviceScaleFactor: 1 });
        const logo = fs.readFileSync(path.join(WWW, 'assets', 'logo.svg'), 'utf8');
        await tile.setContent(`<!doctype html><html lang="${lang}"><meta charset="utf-8"><style>
          html, body { margin: 0; height: 100%; }
          body { display: flex; flex-direction: column; justify-content: center; gap: 14px; padding: 0 32px; box-sizing: border-box;
            background: linear-gradient(135deg, #0b57d0, #062e6f); color: #fff; font-family: "Noto Sans CJK JP", "Noto Sans", sans-serif; }
          .name { display: flex; align-items: center; gap: 14px; font-size: 40px; font-weight: 700; }
          .name svg { width: 64px; height: 64px; background: #fff; border-radius: 14px; padding: 6px; box-sizing: border-box; }
          p { margin: 0; font-size: ${lang === 'ja' ? 19 : 20}px; line-height: 1.45; }
        </style><div class="name">${logo}<span></span></div><p></p>`);
        await tile.$eval('.name span', (s, t) => { s.textContent = t; }, catalog.app_name.message);
        await tile.$eval('p', (p, t) => { p.textContent = t; }, catalog.app_description.message);
        shots.push(path.join(STORE, `tile-${lang}.png`));
        await tile.screenshot({ path: shots.at(-1) });
        await tile.close();

        assert.deepEqual(web.requestsTo('checkid.ddnsking.com'), [], 'the run never opens the link');
      } finally {
        await b?.close().catch(() => {});
        await web.close();
      }
      for (const shot of shots) {
        assert.deepEqual(pngSize(shot), shot.includes('tile-') ? TILE : SIZE, shot);
        assert.ok(fs.statSync(shot).size > 5_000, `${shot} has content`);
      }
      assert.equal(shots.length, 5);
    });
  }
});
