// @ts-check
// The user's settings, kept in storage.local: every part of the extension reads them from here,
// and follows their changes (storage.onChanged).
import { api } from './api.js';
import { REASON_CODES } from './reason-codes.js';
import { SETTINGS_KEYS, SCHEMA_VERSION_KEY, migrateSettings } from './settings-schema.js';

/**
 * @typedef {object} Settings
 * @property {string[]} allowlist Registrable domains the user trusts.
 * @property {string[]} disabledChecks Reason codes switched off.
 * @property {string[]} sitesOff Origins (https://host) where the user switched linkguard off.
 * @property {string[]} sitesOn Origins the user asked to protect besides the built-in webmail hosts.
 */

/** Keys in storage.local (settings-schema.js, where their shape is versioned) and their defaults. */
export const SETTINGS_DEFAULTS = /** @type {Readonly<Settings>} */ (Object.freeze(Object.fromEntries(SETTINGS_KEYS.map((key) => [key, []]))));

/**
 * Brings what storage.local holds to the current shape (settings-schema.js), once, before the
 * rest of the background reads it: at install, update and browser start.
 */
export async function migrateStoredSettings() {
  const stored = await api.storage.local.get([...SETTINGS_KEYS, SCHEMA_VERSION_KEY]);
  const migrated = migrateSettings(stored);
  if (migrated) await api.storage.local.set(migrated);
}

/** @returns {Promise<Settings>} */
export async function loadSettings() {
  const stored = await api.storage.local.get(Object.keys(SETTINGS_DEFAULTS));
  const settings = /** @type {Settings} */ ({});
  for (const [key, fallback] of Object.entries(SETTINGS_DEFAULTS)) {
    settings[key] = Array.isArray(stored[key]) ? stored[key] : fallback;
  }
  return settings;
}

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
