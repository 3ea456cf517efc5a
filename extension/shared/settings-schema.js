// @ts-check
// The shape of the settings in storage.local, its version, and the migrations that bring what an
// earlier linkguard wrote to the current shape, so that an update keeps the user's trusted
// domains, checks and sites. Pure (no browser API): tests/e2e/settings-schema.test.mjs runs it
// in node. The background runs it at install, update and browser start (settings.js,
// migrateStoredSettings).
//
// To change the shape: add a step to MIGRATIONS (from the last version to the next), which raises
// SETTINGS_SCHEMA_VERSION, and a test from a value the previous version wrote.

/** The key in storage.local that holds the version of the shape the other keys are in. */
export const SCHEMA_VERSION_KEY = 'schemaVersion';

/** The settings' keys in storage.local (besides SCHEMA_VERSION_KEY). */
export const SETTINGS_KEYS = /** @type {const} */ (['allowlist', 'disabledChecks', 'sitesOff', 'sitesOn']);

/**
 * A list of strings, each once, in its order; anything else in it dropped.
 * @param {unknown} value
 * @param {(s: string) => string} [normalize]
 */
function stringList(value, normalize = (s) => s) {
  if (!Array.isArray(value)) return [];
  const seen = new Set();
  for (const item of value) {
    if (typeof item !== 'string') continue;
    const s = normalize(item.trim());
    if (s) seen.add(s);
  }
  return [...seen];
}

/**
 * MIGRATIONS[n] takes the stored values of version n to version n + 1.
 * @type {ReadonlyArray<(stored: Record<string, unknown>) => Record<string, unknown>>}
 */
const MIGRATIONS = [
  // 0 -> 1. Version 0 is what linkguard 0.1.0 writes: the four keys, unversioned, each an
  // array as the pages appended to it (it read any array as it was). From 1 on, each is a list
  // of distinct, trimmed, non-empty strings; trusted domains and site origins in lower case, as
  // the engine and the browser compare them.
  (stored) => ({
    allowlist: stringList(stored.allowlist, (s) => s.toLowerCase()),
    disabledChecks: stringList(stored.disabledChecks),
    sitesOff: stringList(stored.sitesOff, (s) => s.toLowerCase()),
    sitesOn: stringList(stored.sitesOn, (s) => s.toLowerCase()),
  }),
];

/** The version of the shape this linkguard writes. */
export const SETTINGS_SCHEMA_VERSION = MIGRATIONS.length;

/**
 * What storage.local should hold for the stored `values` (everything storage.local holds, or
 * at least the settings' keys and SCHEMA_VERSION_KEY): the settings in the current shape, with
 * their version. `null` when nothing is to be written: already current, or written by a newer
 * linkguard (whose shape this one can't know: left as it is, not thrown away).
 * @param {Record<string, unknown>} values
 * @returns {Record<string, unknown> | null}
 */
export function migrateSettings(values) {
  const raw = values[SCHEMA_VERSION_KEY];
  const from = raw === undefined ? 0 : raw;
  if (typeof from !== 'number' || !Number.isInteger(from) || from < 0) {
    // Not a version any linkguard writes: read it as the first shape, the most lenient.
    return migrateSettings({ ...values, [SCHEMA_VERSION_KEY]: 0 });
  }
  if (from >= SETTINGS_SCHEMA_VERSION) return null;
  /** @type {Record<string, unknown>} */
  let stored = {};
  for (const key of SETTINGS_KEYS) if (key in values) stored[key] = values[key];
  for (let version = from; version < SETTINGS_SCHEMA_VERSION; version++) stored = MIGRATIONS[version](stored);
  return { ...stored, [SCHEMA_VERSION_KEY]: SETTINGS_SCHEMA_VERSION };
}

/**
 * What an administrator set in managed storage (storage.managed: Chrome's policy for the
 * extension, described by extension/managed-schema.json; Firefox's policies.json
 * `3rdparty.Extensions.<id>`), in the shape the settings use. Read as strictly as the local
 * ones: anything else in it is dropped.
 * @typedef {{ allowlist: string[], sitesOn: string[], disableProceedAnyway: boolean }} ManagedSettings
 */

/** The keys an administrator may set (extension/managed-schema.json's, docs/managed.md). */
export const MANAGED_KEYS = /** @type {const} */ (['protectedSites', 'allowlist', 'disableProceedAnyway']);

/** Nothing managed: a browser without a policy for linkguard. @type {Readonly<ManagedSettings>} */
export const NO_MANAGED = Object.freeze({ allowlist: [], sitesOn: [], disableProceedAnyway: false });

/** "mail.example.co.jp" or "https://Mail.Example.co.jp/x" -> "https://mail.example.co.jp"; '' when it is no web origin. */
function managedOrigin(text) {
  try {
    const u = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`);
    return /^https?:$/.test(u.protocol) && u.hostname ? u.origin : '';
  } catch {
    return '';
  }
}

/**
 * The managed settings in what storage.managed.get() gives (its keys are managed-schema.json's).
 * @param {Record<string, unknown>} values
 * @returns {ManagedSettings}
 */
export function readManaged(values) {
  return {
    allowlist: stringList(values.allowlist, (s) => s.toLowerCase()),
    sitesOn: stringList(values.protectedSites, managedOrigin),
    disableProceedAnyway: values.disableProceedAnyway === true,
  };
}
