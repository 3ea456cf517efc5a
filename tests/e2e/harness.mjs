// End-to-end harness: real Chromium and Firefox with the built extension (dist/chrome,
// dist/firefox), and a loopback server that stands in for the whole web.
//
// API (small on purpose; other e2e test files reuse it):
//
//   const web = await startWeb({ pages: dir, headers });   // the fake web, see below
//   const b = await launch('chromium' | 'firefox', web);   // throws if the browser can't start
//   launch(name, web, { locale: 'ja', extensionDir })     // options: UI language; an unpacked
//                                                          // extension other than DIST[name];
//                                                          // executablePath (withPolicy's browser);
//                                                          // Chromium: userDataDir (a profile kept
//                                                          // for a second launch), expectWelcome
//                                                          // false when the extension is not new
//   const policy = withPolicy(name, { allowlist: [...] }) // the extension's managed storage set by
//   launch(name, web, policy.launchOptions)               // a policy, as an administrator does
//   const page = await b.newPage();                        // puppeteer Page
//   await page.goto(web.url('mail.google.com', '/founding.html'));
//   await waitForLevel(page, '#founding');                 // -> 'danger' (data-linkguard-level; levelIn)
//   await readTooltip(page)                                // -> {level, destination, domain, codes, text}
//   await readDialog(page)                                 // -> null | {level, codes, focused, ...}
//   await openDialogDetails(page)                          // 詳細: where "Open anyway" is for danger
//   await openAnyway(page)                                 // 詳細 (for danger), then "Open anyway"
//   await clickDialogButton(page, 'open')                  // a real (trusted) mouse click
//   b.extensionUrl('pages/options.html')                   // chrome-extension:// or moz-extension://
//   const opts = await b.openExtensionPage('pages/options.html')  // a Page showing it
//   await checkLinkFromMenu(b, { linkUrl }, tabId)        // "Check this link with linkguard"
//   await readLinkReport(b, pagesBefore)                  // -> {page, level, codes, text, ...}
//   await b.close(); await web.close();
//
// The fake web: every host name resolves to one loopback server. Both browsers use it as their
// HTTP proxy (CONNECT for https, which it terminates with a throwaway self-signed certificate
// made with openssl; the browsers are told to accept it). Hosts listed in `pageHosts` serve files
// from `pages`; any other host answers a small "landed" page. Every request is recorded
// (`web.requests`, `web.requestsTo(host)`), so a test can prove a request never left the browser.
// Nothing reaches the network: unknown hosts never get resolved.
//
// launch() returns once the extension's welcome tab (opened on install) is up, so a page the test
// opens afterwards stays in front.
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';
import { staticHandler } from '../../scripts/serve.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const PAGES_DIR = path.join(root, 'tests', 'e2e', 'pages');
export const DIST = { chromium: path.join(root, 'dist', 'chrome'), firefox: path.join(root, 'dist', 'firefox') };
/** Both browsers; LINKGUARD_E2E_BROWSERS=firefox (or chromium) narrows a run while developing. */
/**
 * A temporary copy of dist/chrome whose manifest also lists `pattern` under host_permissions:
 * the honest stand-in for access a user grants in a way no automated test can (Chromium's
 * permission prompt, the one-time access of a context-menu click). The caller removes the dir.
 */
export function chromiumCopyWithHostPermission(pattern) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linkguard-chrome-granted-'));
  fs.cpSync(DIST.chromium, dir, { recursive: true });
  const manifestPath = path.join(dir, 'manifest.json');
  const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8'));
  manifest.host_permissions = [...(manifest.host_permissions ?? []), pattern];
  fs.writeFileSync(manifestPath, JSON.stringify(manifest, null, 2));
  return dir;
}

export const BROWSERS = (process.env.LINKGUARD_E2E_BROWSERS ?? 'chromium,firefox').split(',').filter(Boolean);
const EXECUTABLES = { chromium: '/usr/bin/chromium', firefox: '/usr/bin/firefox-esr' };
const FIREFOX_ADDON_ID = JSON.parse(fs.readFileSync(path.join(root, 'extension', 'manifest.base.json'), 'utf8'))
  .$firefox.browser_specific_settings.gecko.id;

function selfSignedCert() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linkguard-cert-'));
  const key = path.join(dir, 'key.pem');
  const cert = path.join(dir, 'cert.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert,
    '-days', '2', '-subj', '/CN=linkguard-e2e', '-addext', 'subjectAltName=DNS:*.test,DNS:localhost'],
  { stdio: 'ignore' });
  const pem = { key: fs.readFileSync(key), cert: fs.readFileSync(cert) };
  fs.rmSync(dir, { recursive: true, force: true });
  return pem;
}

function landedPage(host) {
  return `<!doctype html><meta charset="utf-8"><title>landed ${host}</title><h1 id="landed">landed on ${host}</h1>`;
}

/**
 * Starts the fake web. `pageHosts`: host names that serve `pages` (default mail.google.com, the
 * founding webmail, and 127.0.0.1 for direct loads). `headers(urlPath)`: extra response headers
 * for page files (default: a strict CSP for files named *.csp.html).
 */
export async function startWeb({
  pages = PAGES_DIR,
  pageHosts = ['mail.google.com', '127.0.0.1'],
  headers = (p) => (p.endsWith('.csp.html') ? { 'content-security-policy': "script-src 'none'" } : {}),
} = {}) {
  const requests = [];
  const serveFile = staticHandler(pages, { headers });
  const handle = (secure) => (req, res) => {
    let host;
    let pathname;
    try {
      const u = new URL(req.url, `${secure ? 'https' : 'http'}://${req.headers.host ?? 'unknown'}`);
      host = u.hostname;
      pathname = u.pathname + u.search;
      req.url = pathname;
    } catch {
      res.writeHead(400).end();
      return;
    }
    requests.push({ method: req.method, host, path: pathname, secure, time: Date.now() });
    if (pageHosts.includes(host)) return serveFile(req, res);
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(landedPage(host));
  };
  const tlsServer = https.createServer(selfSignedCert(), handle(true));
  const server = http.createServer(handle(false));
  // https through the proxy: CONNECT host:443, then TLS to our own https server.
  server.on('connect', (req, socket, head) => {
    const host = req.url.replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
    requests.push({ method: 'CONNECT', host, path: '', secure: true, time: Date.now() });
    socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
    if (head?.length) socket.unshift(head);
    tlsServer.emit('connection', socket);
  });
  const sockets = new Set();
  server.on('connection', (s) => { sockets.add(s); s.on('close', () => sockets.delete(s)); });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const port = server.address().port;
  return {
    port,
    requests,
    /** An https URL on the fake web (`url('mail.google.com', '/x.html')`); 127.0.0.1 is http. */
    url(host, pathname = '/') {
      return host === '127.0.0.1' ? `http://127.0.0.1:${port}${pathname}` : `https://${host}${pathname}`;
    },
    /** HTTP requests (GET, POST...) that reached `host`. */
    requestsTo(host) {
      return requests.filter((r) => r.host === host && r.method !== 'CONNECT');
    },
    /** Connections opened to `host` without a request yet (CONNECT: a browser preconnect). */
    connectsTo(host) {
      return requests.filter((r) => r.host === host && r.method === 'CONNECT');
    },
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise((resolve) => server.close(resolve));
      tlsServer.close();
    },
  };
}

// A browser command that gets no answer (e.g. a click that waits on a frame a background tab never
// renders) fails after this long with the command's name, well within the tests' own timeouts,
// instead of hanging until the test times out with no clue (puppeteer's default is 180 s).
const PROTOCOL_TIMEOUT_MS = 60_000;

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-default-apps', '--ignore-certificate-errors'];

/**
 * Launches `browserName` ('chromium' | 'firefox') with the built extension installed and `web`
 * as its whole network. Throws a clear error when the browser or the extension can't start.
 * `extensionDir` installs another unpacked build instead of DIST[browserName] (e.g. a copy with
 * an edited manifest); `locale` is the browser's UI language. `executablePath`: another copy of
 * the browser (withPolicy's). Chromium: `userDataDir` keeps the profile for a second launch, and
 * `expectWelcome` false launches it without waiting for the welcome tab of a new install.
 * Chromium: `alsoExtensions` installs these unpacked extensions beside it (the bench's floor
 * extension, whose content script runs on a host of its own).
 * @param {string} browserName
 * @param {any} web
 * @param {{ locale?: string, extensionDir?: string, executablePath?: string, userDataDir?: string, expectWelcome?: boolean, alsoExtensions?: string[] }} [options]
 */
export async function launch(browserName, web, { locale = 'en-US', extensionDir, executablePath, userDataDir, expectWelcome = true, alsoExtensions = [] } = {}) {
  if (!DIST[browserName]) throw new Error(`unknown browser ${browserName}`);
  const dir = extensionDir ?? DIST[browserName];
  if (!fs.existsSync(path.join(dir, 'manifest.json'))) {
    throw new Error(`${dir}/manifest.json is missing: run \`make extension\` first`);
  }
  const executable = executablePath ?? EXECUTABLES[browserName];
  if (!fs.existsSync(executable)) {
    throw new Error(`${browserName} not found at ${executable} (scripts/setup.sh installs it)`);
  }
  let browser;
  let base;
  try {
    if (browserName === 'chromium') {
      browser = await puppeteer.launch({
        browser: 'chrome',
        executablePath: executable,
        headless: true,
        protocolTimeout: PROTOCOL_TIMEOUT_MS,
        pipe: true,
        enableExtensions: [dir, ...alsoExtensions],
        ...(userDataDir ? { userDataDir } : {}),
        acceptInsecureCerts: true,
        args: [...CHROMIUM_ARGS, `--proxy-server=http://127.0.0.1:${web.port}`, `--lang=${locale}`],
        env: { ...process.env, LANGUAGE: locale.replace('-', '_') },
      });
      const worker = await browser.waitForTarget(
        (t) => t.type() === 'service_worker' && t.url().endsWith('/background.js'), { timeout: 20_000 });
      base = `chrome-extension://${new URL(worker.url()).host}`;
      // The extension opens its welcome page in a tab of its own on install, a moment after the
      // worker starts. Wait for it here: a tab that comes to the front later pushes the test's
      // tab into the background, where no frame is rendered and puppeteer's clicks (which wait on
      // an IntersectionObserver) hang until the protocol timeout.
      if (expectWelcome) {
        await browser.waitForTarget(
          (t) => t.type() === 'page' && t.url().startsWith(`${base}/pages/options.html`), { timeout: 20_000 });
      }
    } else {
      const uuid = crypto.randomUUID();
      browser = await puppeteer.launch({
        browser: 'firefox',
        executablePath: executable,
        headless: true,
        protocolTimeout: PROTOCOL_TIMEOUT_MS,
        acceptInsecureCerts: true,
        extraPrefsFirefox: {
          'network.proxy.type': 1,
          'network.proxy.http': '127.0.0.1',
          'network.proxy.http_port': web.port,
          'network.proxy.ssl': '127.0.0.1',
          'network.proxy.ssl_port': web.port,
          'network.proxy.no_proxies_on': '',
          'network.proxy.allow_hijacking_localhost': false,
          'network.dns.disablePrefetch': true,
          'network.http.speculative-parallel-limit': 0,
          'security.cert_pinning.enforcement_level': 0,
          // Optional permissions are granted without a prompt (the "Protect this site" path).
          'extensions.webextOptionalPermissionPrompts': false,
          // A known moz-extension:// origin for the extension's pages.
          'extensions.webextensions.uuids': JSON.stringify({ [FIREFOX_ADDON_ID]: uuid }),
          'intl.locale.requested': locale,
          'intl.accept_languages': locale,
        },
      });
      await browser.installExtension(dir);
      base = `moz-extension://${uuid}`;
      // Firefox refuses to navigate a tab to moz-extension:// from WebDriver; the extension opens
      // its welcome page itself on install, and that page opens the others (openExtensionPage).
      // (WebDriver BiDi reports such tabs as about:blank: they are found by their location.)
      await findPageAt(browser, `${base}/pages/options.html`);
    }
  } catch (error) {
    await browser?.close().catch(() => {});
    throw new Error(`could not start ${browserName} with the extension: ${error.message}`, { cause: error });
  }
  return {
    name: browserName,
    browser,
    newPage: () => browser.newPage(),
    extensionUrl: (p) => `${base}/${p.replace(/^\//, '')}`,
    /** A new tab showing the extension page `p` (e.g. 'pages/popup.html?tab=3'). */
    async openExtensionPage(p) {
      const url = `${base}/${p.replace(/^\//, '')}`;
      if (browserName === 'chromium') {
        const page = await browser.newPage();
        await page.goto(url);
        return page;
      }
      const opener = await findPageAt(browser, `${base}/`);
      const before = new Set(await browser.pages());
      await opener.evaluate((u) => browser.tabs.create({ url: u }), url);
      const page = await findPageAt(browser, url, (pg) => !before.has(pg));
      await page.waitForFunction(() => document.readyState === 'complete');
      return page;
    },
    close: () => browser.close(),
  };
}

/** The open page whose location starts with `prefix` (and passes `filter`), polling up to 20 s. */
async function findPageAt(browser, prefix, filter = () => true) {
  const end = Date.now() + 20_000;
  while (Date.now() < end) {
    for (const page of await browser.pages()) {
      if (!filter(page)) continue;
      const href = await page.evaluate(() => location.href).catch(() => '');
      if (href.startsWith(prefix)) return page;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no page at ${prefix}`);
}

/** A frame to look in: the page's main frame, or the first child frame whose URL matches. */
export function frameOf(page, urlPart) {
  if (!urlPart) return page.mainFrame();
  const frame = page.frames().find((f) => f !== page.mainFrame() && f.url().includes(urlPart));
  if (!frame) throw new Error(`no frame with URL containing ${urlPart}: ${page.frames().map((f) => f.url())}`);
  return frame;
}

/**
 * The level linkguard gives the element matching `sel` in this document, or null while it is not
 * judged (evaluated in the page: self-contained). A flagged element carries it as
 * `data-linkguard-level`; a link judged safe carries no mark and says "safe" when asked (the
 * content script's `linkguard-level-query` event, extension/content/scan.js).
 * @param {string} sel
 */
export function levelIn(sel) {
  const el = document.querySelector(sel);
  if (!el) return null;
  el.dispatchEvent(new Event('linkguard-level-query'));
  return el.getAttribute('data-linkguard-level');
}

/**
 * Waits until the element matching `selector` is judged (or, given `is`, judged that level:
 * a verdict that changes), and returns its level (see levelIn).
 * @param {any} pageOrFrame @param {string} selector @param {{ timeout?: number, is?: string }} [options]
 */
export async function waitForLevel(pageOrFrame, selector, { timeout = 15_000, is } = {}) {
  const handle = is === undefined
    ? await pageOrFrame.waitForFunction(levelIn, { timeout, polling: 50 }, selector)
    : await pageOrFrame.waitForFunction(`(${levelIn})(${JSON.stringify(selector)}) === ${JSON.stringify(is)} && ${JSON.stringify(is)}`, { timeout, polling: 50 });
  return handle.jsonValue();
}

/** The tooltip's content, or null when it is not shown. */
export async function readTooltip(pageOrFrame) {
  return pageOrFrame.evaluate(() => {
    const panel = document.querySelector('linkguard-tooltip')?.shadowRoot?.querySelector('.panel');
    if (!panel || panel.hidden) return null;
    return {
      level: panel.getAttribute('data-level'),
      destination: panel.querySelector('[data-role=destination]')?.textContent ?? null,
      domain: panel.querySelector('[data-role=destination] mark')?.textContent ?? null,
      codes: [...panel.querySelectorAll('[data-role=reasons] [data-code]')].map((li) => li.dataset.code),
      text: panel.textContent,
    };
  });
}

export async function waitForTooltip(pageOrFrame, { timeout = 10_000 } = {}) {
  await pageOrFrame.waitForFunction(() => {
    const panel = document.querySelector('linkguard-tooltip')?.shadowRoot?.querySelector('.panel');
    return panel && !panel.hidden && panel.getAttribute('data-level');
  }, { timeout, polling: 50 });
  return readTooltip(pageOrFrame);
}

/** The open dialog's content, or null when none is open. */
export async function readDialog(pageOrFrame) {
  return pageOrFrame.evaluate(() => {
    const host = document.querySelector('linkguard-dialog');
    const dialog = host?.shadowRoot?.querySelector('dialog');
    if (!dialog?.open) return null;
    const active = host.shadowRoot.activeElement;
    return {
      level: dialog.getAttribute('data-level'),
      role: dialog.getAttribute('role'),
      modal: dialog.matches(':modal'),
      labelledBy: dialog.querySelector(`#${dialog.getAttribute('aria-labelledby')}`)?.textContent ?? null,
      describedBy: dialog.querySelector(`#${dialog.getAttribute('aria-describedby')}`)?.textContent ?? null,
      destination: dialog.querySelector('[data-role=destination]')?.textContent ?? null,
      codes: [...dialog.querySelectorAll('[data-role=reasons] [data-code]')].map((li) => li.dataset.code),
      lead: dialog.querySelector('[data-role=lead]')?.textContent ?? null,
      actions: [...dialog.querySelectorAll('button[data-action]')].map((b) => b.dataset.action),
      // What can be pressed now (those behind a closed 詳細 can't), and the filled ones.
      visibleActions: [...dialog.querySelectorAll('button[data-action]')].filter((b) => b.checkVisibility()).map((b) => b.dataset.action),
      prominent: [...dialog.querySelectorAll('button[data-action].primary')].map((b) => b.dataset.action),
      hasDetails: Boolean(dialog.querySelector('details')),
      detailsOpen: Boolean(dialog.querySelector('details')?.open),
      focused: active?.dataset?.action ?? null,
    };
  });
}

export async function waitForDialog(pageOrFrame, { timeout = 10_000 } = {}) {
  await pageOrFrame.waitForFunction(
    () => document.querySelector('linkguard-dialog')?.shadowRoot?.querySelector('dialog')?.open,
    { timeout, polling: 50 });
  return readDialog(pageOrFrame);
}

/**
 * Clicks a dialog button ('back' | 'open' | 'trust') with the real mouse (a trusted event). Only
 * a button the user can see: one behind a closed 詳細 needs `openDialogDetails` first.
 */
export async function clickDialogButton(pageOrFrame, action) {
  const button = await pageOrFrame.waitForSelector(`linkguard-dialog >>> button[data-action="${action}"]`, { timeout: 10_000, visible: true });
  await button.click();
}

/**
 * "Open anyway" as a person does it: for danger, 詳細 first (the button is not there before: this
 * throws if it is); for caution, the button beside Go back.
 */
export async function openAnyway(pageOrFrame) {
  const shown = await readDialog(pageOrFrame);
  if (!shown) throw new Error('no dialog to open anyway from');
  if (shown.level === 'danger') {
    if (shown.visibleActions.includes('open')) throw new Error('a danger dialog shows "Open anyway" before 詳細');
    await openDialogDetails(pageOrFrame);
  }
  await clickDialogButton(pageOrFrame, 'open');
}

/** Opens the dialog's 詳細 (Details) with the real mouse: the second step before opening a dangerous link. */
export async function openDialogDetails(pageOrFrame) {
  const summary = await pageOrFrame.waitForSelector('linkguard-dialog >>> details summary', { timeout: 10_000, visible: true });
  await summary.click();
  await pageOrFrame.waitForFunction(() => document.querySelector('linkguard-dialog')?.shadowRoot?.querySelector('details')?.open,
    { timeout: 10_000, polling: 50 });
}

/** Waits for a condition in Node (polling), e.g. a request to show up in `web.requests`. */
export async function until(fn, { timeout = 10_000, interval = 50, what = 'condition' } = {}) {
  const end = Date.now() + timeout;
  for (;;) {
    const value = await fn();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, interval));
  }
}

/**
 * Where the page really is. Firefox's WebDriver BiDi doesn't report navigations into
 * moz-extension:// pages (page.url() keeps the old URL), so ask the document itself.
 */
/**
 * The tab that `action` opens in browser `b`, once it shows an address starting with `prefix`.
 * @param {{ browser: import('puppeteer-core').Browser }} b
 * @param {() => Promise<unknown>} action
 * @param {string} prefix
 */
export async function tabOpenedBy(b, action, prefix) {
  const open = new Set(await b.browser.pages());
  await action();
  /** @type {import('puppeteer-core').Page | null} */
  let found = null;
  await until(async () => {
    for (const p of await b.browser.pages()) {
      if (!open.has(p) && (await locationOf(p)).startsWith(prefix)) found = p;
    }
    return found;
  }, { what: `a new tab at ${prefix}`, timeout: 15_000 });
  if (!found) throw new Error(`no new tab at ${prefix}`);
  await found.bringToFront();
  return found;
}

export async function locationOf(page) {
  return page.evaluate(() => location.href).catch(() => page.url());
}

/** Lets pending work settle (a few animation frames in the page). */
export async function settle(pageOrFrame, ms = 300) {
  await pageOrFrame.evaluate((t) => new Promise((r) => setTimeout(r, t)), ms);
}

/**
 * What the browser does when the user picks "Check this link with linkguard" in a link's context
 * menu: the background's menu handler with the menu's data (`info`: linkUrl, linkText...) for the
 * tab `tabId`. (No automation protocol can open the browser's own context menu; the page's
 * right-click is real.)
 */
export async function checkLinkFromMenu(b, info, tabId) {
  const data = { menuItemId: 'check-link', frameId: 0, ...info };
  if (b.name === 'chromium') {
    const target = await b.browser.waitForTarget((t) => t.type() === 'service_worker' && t.url().endsWith('/background.js'));
    const worker = await target.worker();
    await worker.evaluate(async (d, id) => globalThis.linkguardCheckLinkFromMenu(d, await chrome.tabs.get(id)), data, tabId);
    return;
  }
  const ext = await b.openExtensionPage('pages/options.html');
  try {
    await ext.evaluate(async (d, id) => {
      const background = await browser.runtime.getBackgroundPage();
      await background.linkguardCheckLinkFromMenu(d, await browser.tabs.get(id));
    }, data, tabId);
  } finally {
    await ext.close();
  }
}

/** The link report tab that opened after `pagesBefore` (a set of pages), once it has its verdict. */
export async function readLinkReport(b, pagesBefore) {
  let found = null;
  await until(async () => {
    for (const p of await b.browser.pages()) {
      if (pagesBefore.has(p)) continue;
      if ((await locationOf(p)).startsWith(b.extensionUrl('pages/link.html'))) found = p;
    }
    return found !== null;
  }, { what: 'the link report', timeout: 15_000 });
  await found.waitForFunction(() => document.querySelector('main')?.dataset.level);
  const report = await found.evaluate(() => ({
    level: document.querySelector('main').dataset.level,
    codes: [...document.querySelectorAll('#reasons li')].map((li) => li.dataset.code),
    text: document.querySelector('#reasons')?.textContent ?? '',
    shown: document.getElementById('shown-box').hidden ? null : document.getElementById('shown').textContent,
    destination: document.getElementById('destination').textContent,
    notes: document.getElementById('notes').textContent,
    open: document.getElementById('open').hidden ? null : document.getElementById('open').textContent,
    openBehindDetails: document.getElementById('open').closest('details') !== null,
  }));
  return { page: found, ...report };
}

/** The browser's tab id of the tab showing `url` (asked from an extension page). */
export async function tabIdOf(b, url) {
  const ext = await b.openExtensionPage('pages/options.html');
  try {
    return await ext.evaluate(async (wanted) => {
      const api = globalThis.browser ?? globalThis.chrome;
      for (const tab of await api.tabs.query({})) {
        const frame = await api.webNavigation.getFrame({ tabId: tab.id, frameId: 0 }).catch(() => null);
        if (frame?.url === wanted) return tab.id;
      }
      return null;
    }, url);
  } finally {
    await ext.close();
  }
}

/**
 * An administrator's policy for linkguard's managed storage (`values`: keys of
 * extension/managed-schema.json), set the way each browser reads it, for one launch:
 * - Chromium reads policies from /etc/chromium/policies/managed/*.json, extensions' under
 *   `3rdparty.extensions.<id>`. That directory is the machine's, so the policy names an id no other
 *   run uses: a copy of dist/chrome with a manifest `key` made for it (the id is the key's
 *   SHA-256, first 32 hex digits written a-p). `hostPermission`: a pattern granted in that copy
 *   too (see chromiumCopyWithHostPermission).
 * - Firefox reads `distribution/policies.json` beside its executable, extensions' under
 *   `3rdparty.Extensions.<id>`: a copy of the installation (its files linked, the executable
 *   copied, so it finds its own directory) with that file, for this launch alone.
 * `cleanup()` removes the policy and the copies.
 * @param {string} browserName 'chromium' or 'firefox'
 * @param {Record<string, unknown>} values
 * @param {{ hostPermission?: string }} [options]
 */
export function withPolicy(browserName, values, { hostPermission } = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `linkguard-policy-${browserName}-`));
  if (browserName === 'chromium') {
    const { publicKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
    const der = publicKey.export({ type: 'spki', format: 'der' });
    const id = [...crypto.createHash('sha256').update(der).digest('hex').slice(0, 32)]
      .map((c) => String.fromCharCode(97 + parseInt(c, 16))).join('');
    const extensionDir = path.join(dir, 'extension');
    fs.cpSync(DIST.chromium, extensionDir, { recursive: true });
    const manifestPath = path.join(extensionDir, 'manifest.json');
    const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8'));
    manifest.key = der.toString('base64');
    if (hostPermission) manifest.host_permissions = [...(manifest.host_permissions ?? []), hostPermission];
    fs.writeFileSync(manifestPath, JSON.stringify(manifest, null, 2));
    const policyDir = '/etc/chromium/policies/managed';
    fs.mkdirSync(policyDir, { recursive: true });
    const policyFile = path.join(policyDir, `linkguard-e2e-${id}.json`);
    fs.writeFileSync(policyFile, JSON.stringify({ '3rdparty': { extensions: { [id]: values } } }, null, 2));
    return {
      id,
      launchOptions: { extensionDir },
      cleanup() {
        fs.rmSync(policyFile, { force: true });
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const install = path.dirname(fs.realpathSync(EXECUTABLES.firefox));
  const copy = path.join(dir, 'firefox');
  fs.mkdirSync(copy);
  const binary = path.basename(fs.realpathSync(EXECUTABLES.firefox));
  for (const entry of fs.readdirSync(install)) {
    if (entry === 'distribution' || entry === binary) continue;
    fs.symlinkSync(path.join(install, entry), path.join(copy, entry));
  }
  fs.copyFileSync(path.join(install, binary), path.join(copy, binary));
  fs.chmodSync(path.join(copy, binary), 0o755);
  fs.mkdirSync(path.join(copy, 'distribution'));
  fs.writeFileSync(path.join(copy, 'distribution', 'policies.json'),
    JSON.stringify({ policies: { '3rdparty': { Extensions: { [FIREFOX_ADDON_ID]: values } } } }, null, 2));
  return {
    id: FIREFOX_ADDON_ID,
    launchOptions: { executablePath: path.join(copy, binary) },
    cleanup() {
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
