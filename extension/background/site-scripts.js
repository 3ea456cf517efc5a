// @ts-check
// Sites the user protects besides the webmail hosts: one registered content script for all of
// them, persisted across restarts, plus an injection into the current tab right away.
import { api } from '../shared/api.js';
import { loadSettings, loadLocalSettings } from '../shared/settings.js';
import { originPattern } from '../shared/sites.js';

const SITES_SCRIPT_ID = 'linkguard-sites';

export async function syncSiteScripts() {
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
    js: ['content.js'],
    css: ['content.css'],
    allFrames: true,
    matchOriginAsFallback: true,
    runAt: 'document_start',
    persistAcrossSessions: true,
  }]);
}

export async function protectSite(origin, tabId) {
  const settings = await loadLocalSettings();
  const sitesOn = [...new Set([...settings.sitesOn, origin])];
  const sitesOff = settings.sitesOff.filter((o) => o !== origin);
  await api.storage.local.set({ sitesOn, sitesOff });
  await syncSiteScripts();
  if (typeof tabId === 'number') {
    const target = { tabId, allFrames: true };
    await api.scripting.insertCSS({ target, files: ['content.css'] });
    await api.scripting.executeScript({ target, files: ['content.js'] });
  }
}

export async function unprotectSite(origin) {
  // An administrator's site stays protected.
  if ((await loadSettings()).managed?.sitesOn.includes(origin)) return;
  const settings = await loadLocalSettings();
  await api.storage.local.set({
    sitesOn: settings.sitesOn.filter((o) => o !== origin),
    sitesOff: [...new Set([...settings.sitesOff, origin])],
  });
  await syncSiteScripts();
}
