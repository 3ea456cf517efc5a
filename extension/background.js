// The background: runs the engine (WebAssembly needs 'wasm-unsafe-eval', which webmail pages'
// CSPs don't allow in a content script), answers the content scripts' batches, keeps each tab's
// findings for the popup, and guards top-level navigations from webmail tabs to dynamic-DNS and
// free-hosting hosts with declarativeNetRequest session rules.
//
// Chrome runs this file as a classic service worker (importScripts below); Firefox loads it as an
// event page after engine/linkguard.js and common.js (manifest background.scripts).
'use strict';

if (typeof importScripts === 'function' && typeof wasm_bindgen === 'undefined') {
  importScripts('engine/linkguard.js', 'common.js');
}

const { api, msg, loadSettings, engineOptions, siteKey, originPattern } = globalThis.linkguardCommon;

// ---------------------------------------------------------------------------------------------
// Engine

let enginePromise = null;
/**
 * The warm-up runs this long after the engine starts, not at once: a message that started the
 * engine is answered first (a worker woken by a message must not keep it waiting for ~10 ms of
 * compilation of code that message may not need), and a page's links, sent after its `hello`,
 * rarely come sooner.
 */
const WARM_UP_DELAY_MS = 30;
let appliedOptionsJson = null;

/** The engine, instantiated once per background lifetime from the packaged wasm (no network). */
function engine() {
  enginePromise ??= (async () => {
    // The settings are read while the module compiles (a cold start pays both).
    const settings = loadSettings();
    settings.catch(() => {}); // awaited below; don't report a rejection before that
    await wasm_bindgen({ module_or_path: api.runtime.getURL('engine/linkguard_bg.wasm') });
    const guard = new wasm_bindgen.LinkGuard();
    applyOptions(guard, engineOptions(await settings));
    // V8 compiles a wasm function on its first call: the first link analyzed costs ~10 ms of
    // compilation. A page's first `hello` starts the engine long before its links arrive, so
    // that cost is paid here, while the worker waits for them.
    setTimeout(() => {
      const href = 'https://checkid.ddnsking.com/';
      const text = 'https://account-verify.workers.dev/';
      try {
        guard.scanBatch(`${href.length},${text.length},0,0,0;${href}${text}`);
      } catch (error) {
        console.error('linkguard: engine warm-up', error);
      }
    }, WARM_UP_DELAY_MS);
    return guard;
  })();
  enginePromise.catch(() => { enginePromise = null; });
  return enginePromise;
}

function applyOptions(guard, options) {
  const json = JSON.stringify(options);
  if (json === appliedOptionsJson) return;
  guard.setOptions(options);
  appliedOptionsJson = json;
}

/**
 * Dynamic-DNS and free-hosting suffixes from the engine's host catalog. `guardedSuffixes` is a
 * newer engine export: without it the navigation guard has nothing to guard (and says so).
 */
async function guardedSuffixes() {
  const guard = await engine();
  const fn = typeof wasm_bindgen.guardedSuffixes === 'function'
    ? () => wasm_bindgen.guardedSuffixes()
    : typeof guard.guardedSuffixes === 'function' ? () => guard.guardedSuffixes() : null;
  if (!fn) {
    console.warn('linkguard: engine has no guardedSuffixes(); navigation guard inactive');
    return [];
  }
  const raw = fn();
  const list = Array.isArray(raw) ? raw : [];
  const suffixes = list
    .map((s) => (typeof s === 'string' ? s : s?.suffix))
    .filter((s) => typeof s === 'string' && /^[a-z0-9.-]+$/.test(s) && s.includes('.'));
  return [...new Set(suffixes)];
}

// ---------------------------------------------------------------------------------------------
// Per-tab findings (for the popup and the badge). Kept in storage.session so a restarted
// service worker still knows them.

async function tabStatus(tabId) {
  const key = `status:${tabId}`;
  return (await api.storage.session.get(key))[key] ?? { frames: {} };
}

// Frames report at the same moment; their read-modify-writes of one tab's record are serialized.
let statusQueue = Promise.resolve();
function setFrameStatus(tabId, frameId, report) {
  statusQueue = statusQueue.then(async () => {
    const key = `status:${tabId}`;
    const status = await tabStatus(tabId);
    status.frames[frameId] = report;
    await api.storage.session.set({ [key]: status });
    await updateBadge(tabId, status);
  }).catch((e) => console.error('linkguard: status', e));
  return statusQueue;
}

async function updateBadge(tabId, status) {
  let danger = 0;
  let caution = 0;
  for (const frame of Object.values(status.frames)) {
    danger += frame.danger?.length ?? 0;
    caution += frame.caution?.length ?? 0;
  }
  const text = danger ? String(danger) : caution ? String(caution) : '';
  try {
    await api.action.setBadgeText({ tabId, text });
    if (text) await api.action.setBadgeBackgroundColor({ tabId, color: danger ? '#c5221f' : '#b06000' });
  } catch {
    // The tab may be gone already.
  }
}

// ---------------------------------------------------------------------------------------------
// Navigation guard. A tab becomes guarded when linkguard is active in its top frame (a webmail
// tab) or when it was opened from a guarded tab. Session rules block main-frame requests from
// guarded tabs (and from webmail initiators, which covers "open in new tab" before the new tab is
// known) to guarded suffixes, so the request never leaves the browser; webNavigation then shows
// warning.html in place of the blocked page.

const RULE_TABS = 1;
const RULE_INITIATORS = 2;
const BYPASS_RULE_BASE = 1000;
const BYPASS_TTL_MS = 60_000;

async function sessionGet(key, fallback) {
  return (await api.storage.session.get(key))[key] ?? fallback;
}

async function guardedTabs() {
  return new Set(await sessionGet('guardedTabs', []));
}

async function setGuardedTabs(set) {
  await api.storage.session.set({ guardedTabs: [...set] });
  await updateGuardRules();
}

async function guardTab(tabId) {
  if (typeof tabId !== 'number' || tabId < 0) return;
  const tabs = await guardedTabs();
  if (tabs.has(tabId)) return;
  tabs.add(tabId);
  await setGuardedTabs(tabs);
}

function hostsOfMatches(matches) {
  return matches
    .map((m) => /^[a-z*]+:\/\/(\*\.)?([^/*]+)\//.exec(m)?.[2])
    .filter(Boolean);
}

function webmailHosts() {
  const scripts = api.runtime.getManifest().content_scripts ?? [];
  return hostsOfMatches(scripts.flatMap((s) => s.matches));
}

// Serializes rule updates: they read-modify-write.
let ruleQueue = Promise.resolve();
function updateGuardRules() {
  ruleQueue = ruleQueue.then(doUpdateGuardRules).catch((e) => console.error('linkguard: rules', e));
  return ruleQueue;
}

async function doUpdateGuardRules() {
  const suffixes = await guardedSuffixes();
  const settings = await loadSettings();
  const tabs = [...(await guardedTabs())];
  const bypass = await activeBypasses();
  const initiators = [...webmailHosts(), ...hostsOfMatches(settings.sitesOn.map(originPattern).filter(Boolean))]
    .filter((h) => !settings.sitesOff.some((o) => siteKey(o) === `https://${h}`));
  const excluded = settings.allowlist.filter((d) => /^[a-z0-9.-]+$/.test(d));
  const existing = (await api.declarativeNetRequest.getSessionRules()).map((r) => r.id);
  const addRules = [];
  if (suffixes.length) {
    const condition = {
      requestDomains: suffixes,
      resourceTypes: ['main_frame'],
      ...(excluded.length ? { excludedRequestDomains: excluded } : {}),
    };
    if (tabs.length) {
      addRules.push({ id: RULE_TABS, priority: 1, action: { type: 'block' }, condition: { ...condition, tabIds: tabs } });
    }
    if (initiators.length) {
      addRules.push({ id: RULE_INITIATORS, priority: 1, action: { type: 'block' }, condition: { ...condition, initiatorDomains: initiators } });
    }
  }
  bypass.forEach((b, i) => {
    addRules.push({
      id: BYPASS_RULE_BASE + i,
      priority: 2,
      action: { type: 'allow' },
      condition: { requestDomains: [b.host], resourceTypes: ['main_frame'] },
    });
  });
  await api.declarativeNetRequest.updateSessionRules({ removeRuleIds: existing, addRules });
}

/** One-time bypasses ("Open anyway"): a host allowed until its navigation commits, or a minute. */
async function activeBypasses() {
  const now = Date.now();
  return (await sessionGet('bypass', [])).filter((b) => b.until > now);
}

async function addBypass(url) {
  let host;
  try {
    host = new URL(url).hostname;
  } catch {
    return;
  }
  const list = (await activeBypasses()).filter((b) => b.host !== host);
  list.push({ host, until: Date.now() + BYPASS_TTL_MS });
  await api.storage.session.set({ bypass: list });
  await updateGuardRules();
}

async function consumeBypass(host) {
  const list = await activeBypasses();
  const rest = list.filter((b) => b.host !== host);
  if (rest.length === list.length) return;
  await api.storage.session.set({ bypass: rest });
  await updateGuardRules();
}

function hostMatches(host, suffixes) {
  return suffixes.some((s) => host === s || host.endsWith(`.${s}`));
}

async function isGuardedNavigation(url) {
  let host;
  try {
    const u = new URL(url);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return false;
    host = u.hostname;
  } catch {
    return false;
  }
  if (!hostMatches(host, await guardedSuffixes())) return false;
  if ((await activeBypasses()).some((b) => b.host === host)) return false;
  const { allowlist } = await loadSettings();
  return !hostMatches(host, allowlist);
}

function warningUrl(url, tabId) {
  const page = new URL(api.runtime.getURL('pages/warning.html'));
  page.searchParams.set('url', url);
  page.searchParams.set('tab', String(tabId));
  return page.href;
}

async function showWarning(tabId, url) {
  try {
    await api.tabs.update(tabId, { url: warningUrl(url, tabId) });
  } catch (e) {
    console.error('linkguard: warning page', e);
  }
}

api.webNavigation.onBeforeNavigate.addListener(async (details) => {
  if (details.frameId !== 0) return;
  if (!(await guardedTabs()).has(details.tabId)) return;
  if (await isGuardedNavigation(details.url)) await showWarning(details.tabId, details.url);
});

// A tab not yet known as guarded (opened from webmail with "open in new tab") is blocked by the
// initiator rule; its navigation fails, and the warning takes its place.
api.webNavigation.onErrorOccurred.addListener(async (details) => {
  if (details.frameId !== 0) return;
  if (!/BLOCKED_BY_CLIENT|NS_ERROR_ABORT|BLOCKED/i.test(details.error ?? '')) return;
  if ((await guardedTabs()).has(details.tabId)) return; // handled in onBeforeNavigate
  if (await isGuardedNavigation(details.url)) {
    await guardTab(details.tabId);
    await showWarning(details.tabId, details.url);
  }
});

api.webNavigation.onCommitted.addListener(async (details) => {
  if (details.frameId !== 0) return;
  // A new document in the tab: its findings start afresh (in line with the frames' reports).
  statusQueue = statusQueue.then(async () => {
    await api.storage.session.remove(`status:${details.tabId}`);
    await updateBadge(details.tabId, { frames: {} });
  }).catch(() => {});
  try {
    await consumeBypass(new URL(details.url).hostname);
  } catch {
    // about:blank and the like
  }
});

api.webNavigation.onCreatedNavigationTarget.addListener(async (details) => {
  if ((await guardedTabs()).has(details.sourceTabId)) await guardTab(details.tabId);
});

api.tabs.onCreated.addListener(async (tab) => {
  if (tab.openerTabId != null && (await guardedTabs()).has(tab.openerTabId)) await guardTab(tab.id);
});

api.tabs.onRemoved.addListener(async (tabId) => {
  await api.storage.session.remove(`status:${tabId}`);
  const tabs = await guardedTabs();
  if (tabs.delete(tabId)) await setGuardedTabs(tabs);
});

// ---------------------------------------------------------------------------------------------
// Sites the user protects besides the webmail hosts: one registered content script for all of
// them, persisted across restarts, plus an injection into the current tab right away.

const SITES_SCRIPT_ID = 'linkguard-sites';

async function syncSiteScripts() {
  const { sitesOn } = await loadSettings();
  const granted = [];
  for (const origin of sitesOn) {
    if (await api.permissions.contains({ origins: [originPattern(origin)] })) granted.push(origin);
  }
  const registered = await api.scripting.getRegisteredContentScripts({ ids: [SITES_SCRIPT_ID] });
  if (registered.length) await api.scripting.unregisterContentScripts({ ids: [SITES_SCRIPT_ID] });
  if (!granted.length) return;
  await api.scripting.registerContentScripts([{
    id: SITES_SCRIPT_ID,
    matches: granted.map(originPattern),
    js: ['common.js', 'content.js'],
    css: ['content.css'],
    allFrames: true,
    matchOriginAsFallback: true,
    runAt: 'document_start',
    persistAcrossSessions: true,
  }]);
}

async function protectSite(origin, tabId) {
  const settings = await loadSettings();
  const sitesOn = [...new Set([...settings.sitesOn, origin])];
  const sitesOff = settings.sitesOff.filter((o) => o !== origin);
  await api.storage.local.set({ sitesOn, sitesOff });
  await syncSiteScripts();
  if (typeof tabId === 'number') {
    const target = { tabId, allFrames: true };
    await api.scripting.insertCSS({ target, files: ['content.css'] });
    await api.scripting.executeScript({ target, files: ['common.js', 'content.js'] });
  }
}

async function unprotectSite(origin) {
  const settings = await loadSettings();
  await api.storage.local.set({
    sitesOn: settings.sitesOn.filter((o) => o !== origin),
    sitesOff: [...new Set([...settings.sitesOff, origin])],
  });
  await syncSiteScripts();
}

// ---------------------------------------------------------------------------------------------
// Messages

async function openUrl(sender, { url, disposition, bypass, alsoAllow }) {
  if (bypass) {
    await addBypass(url);
    if (alsoAllow) await addBypass(alsoAllow);
  }
  const tab = sender.tab;
  switch (disposition) {
    case 'new-window':
      await api.windows.create({ url });
      break;
    case 'background-tab':
    case 'foreground-tab':
      await api.tabs.create({
        url,
        active: disposition === 'foreground-tab',
        ...(tab ? { openerTabId: tab.id, index: tab.index + 1, windowId: tab.windowId } : {}),
      });
      break;
    default:
      if (tab) await api.tabs.update(tab.id, { url });
  }
}

async function trustDomain(domain) {
  if (typeof domain !== 'string' || !/^[a-z0-9.-]+$/i.test(domain)) return;
  const { allowlist } = await loadSettings();
  if (!allowlist.includes(domain.toLowerCase())) {
    await api.storage.local.set({ allowlist: [...allowlist, domain.toLowerCase()] });
  }
}

// ---------------------------------------------------------------------------------------------
// "Check this link with linkguard", in every link's context menu, on any site: the link's report
// (pages/link.html) in a tab beside it. The menu hands over the link's address (and, in Firefox,
// its text). Where linkguard runs in that frame, the content script gives the link as it reads it
// (text and webmail hints), so the report says what the link's tooltip says; elsewhere the menu
// click's one-time access to the tab (activeTab) lets a script read the text.

const MENU_CHECK_LINK = 'check-link';

async function createMenus() {
  await api.contextMenus.removeAll();
  api.contextMenus.create({ id: MENU_CHECK_LINK, title: msg('menu_check_link'), contexts: ['link'] });
}

/** The link as linkguard's content script in the clicked frame read it, if it runs there. */
async function linkFromPage(info, tab) {
  if (!(tab?.id >= 0)) return null;
  try {
    const reply = await api.tabs.sendMessage(tab.id, { type: 'menuLink', url: info.linkUrl }, { frameId: info.frameId ?? 0 });
    return reply?.link ?? null;
  } catch {
    return null; // no content script in that frame
  }
}

/**
 * The text of the link at `info.linkUrl` in the clicked frame, read by a script injected with the
 * access the menu click grants (activeTab), on a site linkguard doesn't run on. Chrome's menu says
 * which address but not which element: every link to that address in the frame is read, and a
 * text is given only when they all show the same one.
 */
async function linkTextInPage(info, tab) {
  if (!(tab?.id >= 0)) return null;
  const target = { tabId: tab.id, frameIds: [info.frameId ?? 0] };
  try {
    await api.scripting.executeScript({ target, files: ['common.js'] });
    const [injection] = await api.scripting.executeScript({ target, func: textsOfLinksTo, args: [info.linkUrl] });
    const texts = injection?.result;
    return Array.isArray(texts) && texts.length === 1 && typeof texts[0] === 'string' ? texts[0] : null;
  } catch {
    return null; // no access to that page (a browser page, the store, a revoked grant)
  }
}

/** Runs in the page (isolated world, after common.js): the distinct texts of links to `url`. */
function textsOfLinksTo(url) {
  const texts = new Set();
  for (const el of document.querySelectorAll('a[href], area[href]')) {
    if (el.href !== url) continue;
    texts.add(globalThis.linkguardCommon.textOf(el));
    if (texts.size > 1) break;
  }
  return [...texts];
}

async function checkLinkFromMenu(info, tab) {
  if (info.menuItemId !== MENU_CHECK_LINK || !info.linkUrl) return;
  const fromPage = await linkFromPage(info, tab);
  // Firefox's menu gives the clicked link's own text; Chrome's doesn't.
  const text = fromPage ? null : typeof info.linkText === 'string' ? info.linkText : await linkTextInPage(info, tab);
  const link = fromPage ?? (text === null ? { href: info.linkUrl } : { href: info.linkUrl, text });
  const page = new URL(api.runtime.getURL('pages/link.html'));
  for (const key of ['href', 'text', 'title', 'saferedirecturl', 'originalsrc']) {
    if (typeof link[key] === 'string') page.searchParams.set(key, link[key]);
  }
  const beside = tab?.id >= 0 ? { index: tab.index + 1, openerTabId: tab.id } : {};
  await api.tabs.create({ url: page.href, ...beside });
}

api.contextMenus.onClicked.addListener((info, tab) => {
  checkLinkFromMenu(info, tab).catch((e) => console.error('linkguard: link report', e));
});

const handlers = {
  /** Answers at once, without the engine: the benchmark's floor for a cold start. */
  async ping() {
    return { pong: true };
  },
  /** A batch of links from a content script (or an extension page). */
  /** An address pasted into the popup, read as the address bar reads it (src/text_claim.rs). */
  async typedAddress(message) {
    const guard = await engine();
    return { href: guard.typedAddress(String(message.text ?? '')) };
  },
  async analyze(message) {
    const guard = await engine();
    if (message.options) applyOptions(guard, message.options);
    const started = performance.now();
    const verdicts = guard.analyzeBatch(message.links);
    return { verdicts, engineMs: performance.now() - started };
  },
  /**
   * The content script's page scan, one string each way (LinkGuard.scanBatch): `links` is one
   * framed string, five fields per link; `lines` has a line per link, a plain safe link's
   * "host registrable_domain[ url]" or another link's full verdict as JSON. Passed on as text:
   * extension messaging copies a string far faster than it converts objects.
   */
  async scan(message) {
    const guard = await engine();
    if (message.options) applyOptions(guard, message.options);
    const started = performance.now();
    const lines = guard.scanBatch(String(message.links ?? ''));
    return { lines, engineMs: performance.now() - started };
  },
  /** A content script started in a frame where linkguard is active. */
  async hello(message, sender) {
    // Whether linkguard is on for this tab's site (the top frame's, also for its iframes).
    let topUrl = sender.frameId === 0 ? sender.url : null;
    if (!topUrl && sender.tab) {
      topUrl = (await api.webNavigation.getFrame({ tabId: sender.tab.id, frameId: 0 }).catch(() => null))?.url;
    }
    const { sitesOff } = await loadSettings();
    const active = !(topUrl && sitesOff.includes(siteKey(topUrl)));
    // Not awaited: the content script holds its marks until this answer, and guarding the tab
    // (session storage, then the declarativeNetRequest rules) takes longer than a scan.
    if (sender.tab && sender.frameId === 0 && active) {
      guardTab(sender.tab.id).catch((e) => console.error('linkguard: guard tab', e));
    }
    return { tabId: sender.tab?.id ?? null, active };
  },
  /** The user chose "Open anyway" on a link that opens in this tab: let the guard pass it once. */
  async allowOnce(message) {
    for (const url of message.urls ?? []) if (url) await addBypass(url);
    return {};
  },
  async status(message, sender) {
    if (!sender.tab) return {};
    await setFrameStatus(sender.tab.id, sender.frameId ?? 0, {
      url: message.url, danger: message.danger, caution: message.caution,
    });
    return {};
  },
  async tabStatus(message) {
    return tabStatus(message.tabId);
  },
  async open(message, sender) {
    await openUrl(sender, message);
    return {};
  },
  async trust(message) {
    await trustDomain(message.domain);
    return {};
  },
  /** From warning.html: open the blocked URL once. */
  async proceedOnce(message, sender) {
    await addBypass(message.url);
    const tabId = sender.tab?.id ?? message.tabId;
    await api.tabs.update(tabId, { url: message.url });
    return {};
  },
  async protectSite(message) {
    await protectSite(message.origin, message.tabId);
    return {};
  },
  async unprotectSite(message) {
    await unprotectSite(message.origin);
    return {};
  },
  async guardInfo() {
    return { suffixes: (await guardedSuffixes()).length, tabs: [...(await guardedTabs())] };
  },
};

api.runtime.onMessage.addListener((message, sender, sendResponse) => {
  // Only our own content scripts and pages can reach this listener (no externally_connectable).
  const handler = handlers[message?.type];
  if (!handler) return false;
  handler(message, sender).then(
    (result) => sendResponse(result),
    (error) => sendResponse({ error: String(error?.message ?? error) }),
  );
  return true;
});

api.storage.onChanged.addListener(async (changes, area) => {
  if (area !== 'local') return;
  if (changes.allowlist || changes.disabledChecks) {
    const guard = await engine();
    applyOptions(guard, engineOptions(await loadSettings()));
  }
  if (changes.allowlist || changes.sitesOn || changes.sitesOff) await updateGuardRules();
});

api.runtime.onInstalled.addListener(async ({ reason }) => {
  // First install: a welcome page (the options page with a short introduction).
  if (reason === 'install') api.tabs.create({ url: api.runtime.getURL('pages/options.html#welcome') }).catch(() => {});
  await createMenus().catch((e) => console.error('linkguard: menus', e));
  await syncSiteScripts().catch((e) => console.error('linkguard: site scripts', e));
  await updateGuardRules();
});
api.runtime.onStartup.addListener(async () => {
  await createMenus().catch((e) => console.error('linkguard: menus', e));
  await syncSiteScripts().catch((e) => console.error('linkguard: site scripts', e));
  await updateGuardRules();
});
