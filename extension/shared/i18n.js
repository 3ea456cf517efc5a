// @ts-check
// The extension's user-facing texts: its _locales/ (data/locales/<lang>/messages.json), read
// through the browser's i18n API.
import { api } from './api.js';
import { renderExplained } from './explain.js';

/**
 * The message `key` in the browser's UI language; the key itself when there is none.
 * @param {string} key
 * @param {string | string[]} [subs]
 * @returns {string}
 */
export function msg(key, subs) {
  // Each getMessage is a call into the extension bindings (≈ 40 µs in a content script); the
  // texts don't change while the extension runs (the UI language is the browser's).
  const id = subs === undefined ? key : `${key}\u0000${[subs].flat().join('\u0000')}`;
  let text = messages.get(id);
  if (text === undefined) {
    text = api.i18n.getMessage(key, subs) || key;
    // (Substitutions come from links: the texts kept are bounded.)
    if (messages.size >= MESSAGES_KEPT) messages.clear();
    messages.set(id, text);
  }
  return text;
}

/** msg's texts, by key and substitutions. @type {Map<string, string>} */
const messages = new Map();
const MESSAGES_KEPT = 1000;

/**
 * The language of the texts `msg` gives ('ja' or 'en'), as the catalog in use says of itself
 * (its `language` message). Not `@@ui_locale`: that is the browser's guess of a region, which
 * can say en-US while the browser shows the Japanese catalog (a Japanese UI language without a
 * region). The pages' and the shadow hosts' `lang`, and a brand's name (楽天 or Rakuten), follow it.
 * @returns {'ja' | 'en'}
 */
export const uiLanguage = () => (msg('language') === 'ja' ? 'ja' : 'en');

/**
 * A reason of a verdict in the browser's UI language: its title, and its body's sentences as one text.
 * @param {Reason} reason
 */
export function explainReason(reason) {
  const { title, body } = renderExplained(reason.explained, msg, uiLanguage());
  return { title, body: body.join(' ') };
}

/** Where the destination goes in a description template: a control character, in no message. */
const HOLE = '\u0001';

/**
 * A marked link's short description for `level` (content/described.js) as the text before and
 * after its destination, or null when the message can't be split so. (Not a private-use
 * character for the hole: Chrome's getMessage drops U+E000 from a substitution.)
 * @param {string} level
 * @returns {[string, string] | null}
 */
export function descriptionTemplate(level) {
  const parts = msg('link_description', [msg(`level_${level}`), HOLE]).split(HOLE);
  return parts.length === 2 ? [parts[0], parts[1]] : null;
}

/**
 * Applies `data-i18n` (text) and `data-i18n-attr="attr:key,..."` to an extension page.
 * @param {ParentNode} [root]
 */
export function localizePage(root = document) {
  document.documentElement.lang = uiLanguage();
  for (const el of /** @type {NodeListOf<HTMLElement>} */ (root.querySelectorAll('[data-i18n]'))) {
    el.textContent = msg(el.dataset.i18n);
  }
  for (const el of /** @type {NodeListOf<HTMLElement>} */ (root.querySelectorAll('[data-i18n-attr]'))) {
    for (const pair of el.dataset.i18nAttr.split(',')) {
      const [attr, key] = pair.split(':');
      el.setAttribute(attr.trim(), msg(key.trim()));
    }
  }
}
