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
 * A message lookup by chrome.i18n.getMessage's contract: the message `key` with `subs`
 * substituted, or '' when there is none.
 * @typedef {(key: string, subs?: string | string[]) => string} MessageLookup
 */

/**
 * A message as segments: `{text}` for the message's own words, `{value}` for a substituted value.
 * @typedef {({ text: string } | { value: string })[]} Segments
 */

/** The language of each catalog, as its loader names it (explainReason names brands in it). @type {WeakMap<Catalog, string>} */
export const catalogLanguage = new WeakMap();

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
 * The substitutions for a message whose placeholders are named after fields of the engine's
 * `Details` (claimed, actual, provider, ip, user, unicode, punycode, scheme, wrapper): the value
 * of each placeholder goes to the position its `content` ($n) names.
 * @param {Catalog} catalog
 * @param {string} key
 * @param {{ [name: string]: unknown }} values
 */
export function substitutionsFor(catalog, key, values) {
  /** @type {unknown[]} */
  const substitutions = [];
  for (const [name, spec] of Object.entries(catalog?.[key]?.placeholders ?? {})) {
    const position = /^\$([1-9])$/.exec(String(spec.content ?? ''));
    if (position) substitutions[Number(position[1]) - 1] = values[name.toLowerCase()];
  }
  return substitutions;
}
