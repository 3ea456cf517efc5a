// @ts-check
// Message catalogs (data/locales/<lang>/messages.json, the Chrome i18n format) read by the rules
// of chrome.i18n.getMessage, for code that has the catalog rather than the browser's API: the
// www pages, and tests that stand in for the API.

/**
 * A messages.json: each key's message and its named placeholders.
 * @typedef {{ [key: string]: { message: string, description?: string,
 *   placeholders?: { [name: string]: { content: string, example?: string } } } }} Catalog
 */

/**
 * A message as segments: `{text}` for the message's own words, `{value}` for a substituted value.
 * @typedef {({ text: string } | { value: string })[]} Segments
 */

/**
 * A message as a list of segments, `{text}` for the message's own words and `{value}` for a
 * substituted value (so a UI can highlight the values). Follows chrome.i18n.getMessage: `$NAME$`
 * names a placeholder, whose `content` refers to substitutions by position (`$1`...`$9`); `$$` is
 * a literal dollar sign. Values are inserted once and never re-scanned. Returns null for an
 * unknown key.
 * @param {Catalog} catalog
 * @param {string} key
 * @param {unknown[]} [substitutions]
 * @returns {Segments | null}
 */
export function formatMessage(catalog, key, substitutions = []) {
  const entry = catalog?.[key];
  if (!entry || typeof entry.message !== 'string') return null;
  /** @type {{ [name: string]: string }} */
  const placeholders = {};
  for (const [name, spec] of Object.entries(entry.placeholders ?? {})) {
    placeholders[name.toLowerCase()] = String(spec.content ?? '');
  }
  // Named placeholders first: their contents come from the catalog, not from the values.
  const expanded = entry.message.replace(/\$([A-Za-z0-9_@]+)\$/g, (whole, name) => placeholders[name.toLowerCase()] ?? whole);
  /** @type {Segments} */
  const segments = [];
  /** @param {string} text */
  const pushText = (text) => {
    if (!text) return;
    const last = segments.at(-1);
    if (last && 'text' in last) last.text += text;
    else segments.push({ text });
  };
  let rest = 0;
  for (const match of expanded.matchAll(/\$(\$|[1-9])/g)) {
    pushText(expanded.slice(rest, match.index));
    if (match[1] === '$') pushText('$');
    else {
      const value = substitutions[Number(match[1]) - 1];
      if (value != null && value !== '') segments.push({ value: String(value) });
    }
    rest = match.index + match[0].length;
  }
  pushText(expanded.slice(rest));
  return segments;
}

/**
 * A message of `catalog` as plain text, its key when the catalog has none.
 * @param {Catalog} catalog
 * @param {string} key
 * @param {unknown[]} [substitutions]
 */
export function messageText(catalog, key, substitutions = []) {
  const segments = formatMessage(catalog, key, substitutions);
  return segments ? segments.map((s) => ('text' in s ? s.text : s.value)).join('') : key;
}

/**
 * A lookup over `catalog` for renderExplained (./explain.js): each message as segments, its key
 * when the catalog has none.
 * @param {Catalog} catalog
 * @returns {(key: string, args: string[]) => Segments}
 */
export const catalogLookup = (catalog) => (key, args) => formatMessage(catalog, key, args) ?? [{ text: key }];

/**
 * The name of a level ("危険", "Caution"...) from a loaded catalog.
 * @param {Catalog} catalog
 * @param {string} level
 */
export function levelName(catalog, level) {
  return catalog?.[`level_${level}`]?.message ?? level;
}
