// @ts-check
// Navigation guard. A tab is guarded when linkguard is active in its top frame (a webmail tab)
// or when it was opened from a guarded tab, at any depth. Main-frame requests from guarded tabs
// to guarded suffixes (dynamic DNS, free hosting) are blocked by a declarativeNetRequest session
// rule, so the request never leaves the browser; webNavigation then shows warning.html in place
// of the blocked page.
//
// A tab opened from a guarded tab must be covered before its first request, and its id is
// known only once the browser has created it: tabs.onCreated and
// webNavigation.onCreatedNavigationTarget reach this worker about when the new tab's first
// request leaves, and a rule keyed on the new id (`tabIds`) comes later still. So the rule is
// the other way round: it covers every tab except those known to be unrelated to any guarded
// tab (`excludedTabIds`), and a new tab is covered from birth. A tab becomes unrelated when its
// first navigation commits without a guarded opener (its onCreatedNavigationTarget, which
// precedes that, would have said), and the tabs open when linkguard starts are unrelated unless
// a webmail is in them. The price: a new tab's first navigation to a guarded suffix, when it is
// not from a guarded tab (a bookmark opened in a new tab), is blocked once and then loaded
// again at once, the tab now known to be unrelated.
import { api } from '../shared/api.js';
import { loadSettings } from '../shared/settings.js';
import { siteKey, originPattern } from '../shared/sites.js';
import { guardedSuffixes } from './engine.js';

const RULE_TABS = 1;
const RULE_INITIATORS = 2;
const BYPASS_RULE_BASE = 1000;
const BYPASS_TTL_MS = 60_000;

async function sessionGet(key, fallback) {
  return (await api.storage.session.get(key))[key] ?? fallback;
}

/** Tabs with a webmail in them or opened from one (at any depth). */
export async function guardedTabs() {
  return new Set(await sessionGet('guardedTabs', []));
}

/** Tabs known to have no guarded tab among their openers: the guard rule leaves them out. */
async function unrelatedTabs() {
  return new Set(await sessionGet('unrelatedTabs', []));
}

/**
 * The tabs' states change one event at a time, in the order the events came: a tab's opener
 * must be known as guarded before its first navigation is looked at.
 */
let tabQueue = Promise.resolve();
function inOrder(fn) {
  const run = tabQueue.then(fn);
  tabQueue = run.catch((e) => console.error('linkguard: tabs', e));
  return run;
}

/**
 * Sets tab states: `guard` tabs become guarded (and no longer unrelated), `unrelate` tabs
 * unrelated, `drop` tabs forgotten; the rules follow.
 */
async function changeTabs({ guard = [], unrelate = [], drop = [] }) {
  const guarded = await guardedTabs();
  const unrelated = await unrelatedTabs();
  const before = `${[...guarded]}|${[...unrelated]}`;
  for (const id of guard) {
    guarded.add(id);
    unrelated.delete(id);
  }
  for (const id of unrelate) if (!guarded.has(id)) unrelated.add(id);
  for (const id of drop) {
    guarded.delete(id);
    unrelated.delete(id);
  }
  if (`${[...guarded]}|${[...unrelated]}` === before) return;
  await api.storage.session.set({ guardedTabs: [...guarded], unrelatedTabs: [...unrelated] });
  await updateGuardRules();
}

export function guardTab(tabId) {
  if (typeof tabId !== 'number' || tabId < 0) return Promise.resolve();
  return inOrder(() => changeTabs({ guard: [tabId] }));
}

/** linkguard starts (installed, updated, the browser started): the tabs open now are unrelated. */
export function unrelateOpenTabs() {
  return inOrder(async () => {
    const tabs = await api.tabs.query({});
    await changeTabs({ unrelate: tabs.map((t) => t.id).filter((id) => typeof id === 'number') });
  });
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
export function updateGuardRules() {
  ruleQueue = ruleQueue.then(doUpdateGuardRules).catch((e) => console.error('linkguard: rules', e));
  return ruleQueue;
}

async function doUpdateGuardRules() {
  const suffixes = await guardedSuffixes();
  const settings = await loadSettings();
  const unrelated = [...(await unrelatedTabs())];
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
    // Every tab but the unrelated ones: a new tab is covered before anything is known of it.
    addRules.push({
      id: RULE_TABS, priority: 1, action: { type: 'block' },
      condition: { ...condition, ...(unrelated.length ? { excludedTabIds: unrelated } : {}) },
    });
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

export async function addBypass(url) {
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

/** Guards tabs as they open and navigate. */
export function watchNavigations() {
  // (In order with the tab events: a tab's opener is known before its navigation is looked at.)
  api.webNavigation.onBeforeNavigate.addListener((details) => {
    if (details.frameId !== 0) return;
    inOrder(async () => {
      if (!(await guardedTabs()).has(details.tabId)) return;
      if (await isGuardedNavigation(details.url)) await showWarning(details.tabId, details.url);
    });
  });

  // A blocked navigation in a tab not known as guarded. In a tab known as unrelated, the
  // initiator rule blocked it (webmail opened it there): the tab is guarded now, and the
  // warning takes the page's place. In a new tab that no guarded tab opened (by now its
  // onCreatedNavigationTarget would have said so), the block was only the cover every new tab
  // has: it is loaded again, the tab left out of the rule.
  api.webNavigation.onErrorOccurred.addListener((details) => {
    if (details.frameId !== 0) return;
    if (!/BLOCKED_BY_CLIENT|NS_ERROR_ABORT|BLOCKED/i.test(details.error ?? '')) return;
    inOrder(async () => {
      if ((await guardedTabs()).has(details.tabId)) return; // handled in onBeforeNavigate
      if (!(await isGuardedNavigation(details.url))) return;
      if ((await unrelatedTabs()).has(details.tabId)) {
        await changeTabs({ guard: [details.tabId] });
        await showWarning(details.tabId, details.url);
        return;
      }
      await changeTabs({ unrelate: [details.tabId] });
      await api.tabs.update(details.tabId, { url: details.url }).catch(() => {});
    });
  });

  api.webNavigation.onCommitted.addListener(async (details) => {
    if (details.frameId !== 0) return;
    // A tab whose navigation commits with no guarded opener known by now has none.
    inOrder(async () => {
      if (!(await guardedTabs()).has(details.tabId)) await changeTabs({ unrelate: [details.tabId] });
    });
    try {
      await consumeBypass(new URL(details.url).hostname);
    } catch {
      // about:blank and the like
    }
  });

  api.webNavigation.onCreatedNavigationTarget.addListener((details) => inOrder(async () => {
    if ((await guardedTabs()).has(details.sourceTabId)) await changeTabs({ guard: [details.tabId] });
  }));

  api.tabs.onCreated.addListener((tab) => inOrder(async () => {
    if (tab.openerTabId != null && (await guardedTabs()).has(tab.openerTabId)) await changeTabs({ guard: [tab.id] });
  }));

  api.tabs.onRemoved.addListener((tabId) => inOrder(() => changeTabs({ drop: [tabId] })));
}
