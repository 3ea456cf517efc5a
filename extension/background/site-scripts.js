// @ts-check
// Sites the user protects besides the webmail hosts: the content script's two parts registered
// for all of them, persisted across restarts, plus an injection into the current tab right away.
import { api } from '../shared/api.js';
import { loadSettings, loadLocalSettings } from '../shared/settings.js';
import { originPattern } from '../shared/sites.js';

const SITES_SCRIPT_ID = 'linkguard-sites';
const SITES_MAIN_SCRIPT_ID = 'linkguard-sites-main';

export async function syncSiteScripts() {
  const { sitesOn } = await loadSettings();
  const granted = [];
  for (const origin of sitesOn) {
    if (await api.permissions.contains({ origins: [originPattern(origin)] })) granted.push(origin);
  }
  const ids = [SITES_SCRIPT_ID, SITES_MAIN_SCRIPT_ID];
  const registered = await api.scripting.getRegisteredContentScripts({ ids });
  if (registered.length) await api.scripting.unregisterContentScripts({ ids: registered.map((r) => r.id) });
  if (!granted.length) return;
  // As the manifest's webmail scripts: the click guard's listeners at document_start, the rest
  // at document_end (content/main.js).
  const common = { matches: granted.map(originPattern), allFrames: true, matchOriginAsFallback: true, persistAcrossSessions: true };
  await api.scripting.registerContentScripts([
    { ...common, id: SITES_SCRIPT_ID, js: ['content-start.js'], css: ['content.css'], runAt: 'document_start' },
    { ...common, id: SITES_MAIN_SCRIPT_ID, js: ['content.js'], runAt: 'document_end' },
  ]);
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
    // The page is loaded already: both parts at once (each a no-op where it runs already).
    await api.scripting.executeScript({ target, files: ['content-start.js', 'content.js'] });
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
