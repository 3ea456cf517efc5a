// @ts-check
// The background: runs the engine (engine.js), answers the content scripts' batches and the
// pages' messages (messages.js), keeps each tab's findings for the popup (tab-status.js), guards
// top-level navigations from webmail tabs to dynamic-DNS and free-hosting hosts
// (navigation-guard.js), protects the sites the user adds (site-scripts.js) and checks a link
// from its context menu (context-menu.js). This module registers the listeners, all at start-up
// (a service worker woken by an event must have its listener registered by then).
// scripts/build-extension.mjs bundles the modules into one classic script, background.js.
import { api } from '../shared/api.js';
import { loadSettings, engineOptions, migrateStoredSettings, isSettingsArea } from '../shared/settings.js';
import { engine, applyOptions } from './engine.js';
import { followTabs } from './tab-status.js';
import { watchNavigations, updateGuardRules, unrelateOpenTabs } from './navigation-guard.js';
import { syncSiteScripts } from './site-scripts.js';
import { createMenus, watchMenu } from './context-menu.js';
import { answerMessages } from './messages.js';

// The settings are brought to the current shape whenever the background starts, not only at
// install, update and browser start: a browser may start the new version without either event
// (an unpacked extension loaded again, an extension enabled again). engine.js does it, by the
// read that gives the engine its first settings (loadSettingsAtStart).

followTabs();
watchNavigations();
watchMenu();
answerMessages();

api.storage.onChanged.addListener(async (changes, area) => {
  if (!isSettingsArea(area)) return;
  // A policy changed (Chrome reads it again while running): any of the settings may have.
  const managed = area === 'managed';
  if (managed || changes.allowlist || changes.disabledChecks) {
    const guard = await engine();
    applyOptions(guard, engineOptions(await loadSettings()));
  }
  if (managed) await syncSiteScripts().catch((e) => console.error('linkguard: site scripts', e));
  if (managed || changes.allowlist || changes.sitesOn || changes.sitesOff) await updateGuardRules();
});

api.runtime.onInstalled.addListener(async ({ reason }) => {
  // An update keeps what the earlier version stored, in the shape this one reads.
  await migrateStoredSettings().catch((e) => console.error('linkguard: settings', e));
  // First install: a welcome page (the options page with a short introduction).
  if (reason === 'install') api.tabs.create({ url: api.runtime.getURL('pages/options.html#welcome') }).catch(() => {});
  await createMenus().catch((e) => console.error('linkguard: menus', e));
  await syncSiteScripts().catch((e) => console.error('linkguard: site scripts', e));
  // The tabs open now were opened before linkguard could know their openers.
  await unrelateOpenTabs();
  await updateGuardRules();
});
api.runtime.onStartup.addListener(async () => {
  await migrateStoredSettings().catch((e) => console.error('linkguard: settings', e));
  await createMenus().catch((e) => console.error('linkguard: menus', e));
  await syncSiteScripts().catch((e) => console.error('linkguard: site scripts', e));
  await unrelateOpenTabs();
  await updateGuardRules();
});
