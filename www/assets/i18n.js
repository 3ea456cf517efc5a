// @ts-check
// The www pages' texts, from the one source of every text (data/locales/<lang>/messages.json,
// which the build writes into www/_locales/catalogs.js, loaded in each page's <head>): `t(key,
// ...values)` in the page's current language, and `localize()`, which fills the page's
// `data-i18n` (text) and `data-i18n-attr="attr:key,..."` elements, as the extension's pages do,
// and `data-i18n-html` (text with a little inline markup: <em>, <strong>, <code>, <br>).
import { messageText } from '../shared/messages.js';

const lang = window.lgLang;

/**
 * The catalog of `language` (the current one by default); empty when the build hasn't written
 * the catalogs yet (texts then show their keys).
 * @param {string} [language]
 * @returns {import('../shared/messages.js').Catalog}
 */
export function catalog(language = lang.get()) {
  return window.lgCatalogs?.[language] ?? {};
}

/**
 * The message `key` in the current language, `values` for its $1..$n.
 * @param {string} key
 * @param {...(string | number)} values
 */
export const t = (key, ...values) => messageText(catalog(), key, values.map(String));

/** The inline markup a page's longer texts may carry (`data-i18n-html`): no attributes, no other tags. */
const INLINE = /<(\/?)(br|em|strong|code)>/g;

/**
 * `text` with its inline markup (INLINE) as elements, everything else as text: the catalogs
 * are ours, but nothing in them is ever parsed as HTML.
 * @param {string} text
 */
function inline(text) {
  const fragment = document.createDocumentFragment();
  /** @type {Node[]} */
  const open = [fragment];
  let rest = 0;
  for (const m of text.matchAll(INLINE)) {
    open.at(-1).appendChild(document.createTextNode(text.slice(rest, m.index)));
    rest = m.index + m[0].length;
    const [, closing, tag] = m;
    if (tag === 'br') open.at(-1).appendChild(document.createElement('br'));
    else if (!closing) open.push(open.at(-1).appendChild(document.createElement(tag)));
    else if (open.length > 1 && /** @type {Element} */ (open.at(-1)).localName === tag) open.pop();
  }
  open.at(-1).appendChild(document.createTextNode(text.slice(rest)));
  return fragment;
}

/** @param {ParentNode} [root] */
export function localize(root = document) {
  for (const node of /** @type {NodeListOf<HTMLElement>} */ (root.querySelectorAll('[data-i18n]'))) {
    node.textContent = t(node.dataset.i18n);
  }
  for (const node of /** @type {NodeListOf<HTMLElement>} */ (root.querySelectorAll('[data-i18n-html]'))) {
    node.replaceChildren(inline(t(node.dataset.i18nHtml)));
  }
  for (const node of /** @type {NodeListOf<HTMLElement>} */ (root.querySelectorAll('[data-i18n-attr]'))) {
    for (const pair of node.dataset.i18nAttr.split(',')) {
      const [attr, key] = pair.split(':').map((s) => s.trim());
      node.setAttribute(attr, t(key));
    }
  }
}

localize();
lang.onChange(() => localize());
