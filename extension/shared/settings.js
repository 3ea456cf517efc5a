// @ts-check
// The user's settings, kept in storage.local: every part of the extension reads them from here,
// and follows their changes (storage.onChanged).
import { api } from './api.js';
import { REASON_CODES } from './reason-codes.js';
import { SETTINGS_KEYS, SCHEMA_VERSION_KEY, NO_MANAGED, migrateSettings, readManaged } from './settings-schema.js';

/** @typedef {import('./settings-schema.js').ManagedSettings} ManagedSettings */

/**
 * @typedef {object} Settings
 * @property {string[]} allowlist Registrable domains the user trusts.
 * @property {string[]} disabledChecks Reason codes switched off.
 * @property {string[]} sitesOff Origins (https://host) where the user switched linkguard off.
 * @property {string[]} sitesOn Origins the user asked to protect besides the built-in webmail hosts.
 * @property {ManagedSettings} [managed] What an administrator set (loadSettings: already merged
 *   into the lists above; the options page shows it as what can't be changed).
 */

/** Keys in storage.local (settings-schema.js, where their shape is versioned) and their defaults. */
export const SETTINGS_DEFAULTS = /** @type {Readonly<Settings>} */ (/** @type {unknown} */ (Object.freeze(Object.fromEntries(SETTINGS_KEYS.map((key) => [key, []])))));

/**
 * Brings what storage.local holds to the current shape (settings-schema.js), once, before the
 * rest of the background reads it: at install, update and browser start.
 */
export async function migrateStoredSettings() {
  await migratedLocalSettings();
}

/** storage.local in the current shape (written back when it was not), read once. @returns {Promise<Settings>} */
async function migratedLocalSettings() {
  const stored = await api.storage.local.get([...SETTINGS_KEYS, SCHEMA_VERSION_KEY]);
  const migrated = migrateSettings(stored);
  if (migrated) await api.storage.local.set(migrated);
  return localSettingsOf(migrated ?? stored);
}

/**
 * What the user set, in storage.local alone: what the pages change and write back.
 * @returns {Promise<Settings>}
 */
export async function loadLocalSettings() {
  return localSettingsOf(await api.storage.local.get(Object.keys(SETTINGS_DEFAULTS)));
}

/** @param {Record<string, unknown>} stored @returns {Settings} */
function localSettingsOf(stored) {
  const settings = /** @type {Settings} */ ({});
  for (const [key, fallback] of Object.entries(SETTINGS_DEFAULTS)) {
    settings[key] = Array.isArray(stored[key]) ? stored[key] : fallback;
  }
  return settings;
}

/**
 * What an administrator set. Without a policy Chrome gives {} and Firefox rejects (no managed
 * storage for the add-on): both mean nothing is managed.
 * @returns {Promise<ManagedSettings>}
 */
export async function loadManaged() {
  try {
    return readManaged((await api.storage.managed.get(null)) ?? {});
  } catch {
    return NO_MANAGED;
  }
}

/**
 * The settings in force: the user's, with the administrator's trusted domains and protected
 * sites added; a managed site can't be switched off.
 * @param {Settings} local @param {ManagedSettings} managed
 * @returns {Settings}
 */
export function withManaged(local, managed) {
  return {
    allowlist: [...new Set([...managed.allowlist, ...local.allowlist])],
    disabledChecks: local.disabledChecks,
    sitesOn: [...new Set([...managed.sitesOn, ...local.sitesOn])],
    sitesOff: local.sitesOff.filter((origin) => !managed.sitesOn.includes(origin)),
    managed,
  };
}

/** @returns {Promise<Settings>} */
export async function loadSettings() {
  const [local, managed] = await Promise.all([loadLocalSettings(), loadManaged()]);
  return withManaged(local, managed);
}

/**
 * loadSettings() for the background's start: storage.local brought to the current shape
 * (migrateStoredSettings) by the same read, so that a woken worker's first verdict waits for one
 * storage read and no other storage reply is queued ahead of it.
 * @returns {Promise<Settings>}
 */
export async function loadSettingsAtStart() {
  const [local, managed] = await Promise.all([migratedLocalSettings(), loadManaged()]);
  return withManaged(local, managed);
}

/** Whether a storage.onChanged event changes the settings: the user's or the administrator's. @param {string} area */
export const isSettingsArea = (area) => area === 'local' || area === 'managed';

/**
 * The engine's options from the settings; unknown codes are dropped (serde would reject them).
 * @param {Settings} settings
 * @returns {EngineOptions}
 */
export function engineOptions(settings) {
  return {
    allowlist: settings.allowlist.filter((d) => typeof d === 'string' && d !== ''),
    disabled: settings.disabledChecks.filter((c) => REASON_CODES.includes(c)),
  };
}
