// @ts-check
// Navigation guard. A tab becomes guarded when linkguard is active in its top frame (a webmail
// tab) or when it was opened from a guarded tab. Session rules block main-frame requests from
// guarded tabs (and from webmail initiators, which covers "open in new tab" before the new tab is
// known) to guarded suffixes, so the request never leaves the browser; webNavigation then shows
// warning.html in place of the blocked page.
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

export async function guardedTabs() {
  return new Set(await sessionGet('guardedTabs', []));
}

async function setGuardedTabs(set) {
  await api.storage.session.set({ guardedTabs: [...set] });
  await updateGuardRules();
}

export async function guardTab(tabId) {
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
export function updateGuardRules() {
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
    const tabs = await guardedTabs();
    if (tabs.delete(tabId)) await setGuardedTabs(tabs);
  });
}
