// @ts-check
// Reading links: what the engine is asked about an element (a link, a form, or a sender shown as
// a name with its address), and which links aren't worth asking about.
import { readText, squeeze } from './rendered-text.js';
import { flagsOf } from '../shared/scan-frame.js';
import { messageOf } from './message-context.js';
import { isLink, rawHrefOf } from './link-events.js';

/**
 * A link as the engine is asked about it: its LinkInput, and the message it is in
 * (message-context.js), whose context goes with the batch (batches.js).
 * @typedef {LinkInput & { message?: import('./message-context.js').Message }} ReadLink
 */

/**
 * Every element that navigates when clicked: HTML links and image-map areas, and SVG links,
 * whose address may be in `xlink:href` (an attribute of the XLink namespace: `[*|href]`).
 */
export const LINK_SELECTOR = 'a[href], area[href], a[*|href]';
/**
 * Forms that submit to an address of their own: judged by their action, against the text of the
 * button that submits them, when they are submitted (GET or POST, in this tab or another).
 */
const FORM_SELECTOR = 'form[action]';
/**
 * Senders shown as a name with its address, not as a link: Gmail's `<span email="…" name="…">`,
 * and Roundcube's message list, `<span class="rcmContactAddress" title="address">name</span>`
 * (its opened message shows the sender as a mail link, checked as any link). Each is checked as
 * a mail link to that address with that name as its text: a display name borrowing a brand (the
 * founding case's "えきねっとサポートセンター" <cbvlh@service.rqgdf.cn>) is
 * `mailto-brand-mismatch`. Hover explains it; clicks on it are the page's own business.
 */
const SENDER_SELECTOR = 'span[email][name], span.rcmContactAddress[title]';
export const CHECKED_SELECTOR = `${LINK_SELECTOR}, ${FORM_SELECTOR}, ${SENDER_SELECTOR}`;

export function isForm(node) {
  return node instanceof HTMLFormElement && node.hasAttribute('action');
}

/** A link or a form: what the click guard and the submit guard stop. */
export function isNavigating(node) {
  return isLink(node) || isForm(node);
}

function isSender(node) {
  return node instanceof Element && node.localName === 'span' &&
    ((node.hasAttribute('email') && node.hasAttribute('name')) ||
     (node.hasAttribute('title') && node.classList.contains('rcmContactAddress')));
}

/** A sender span's address and the name shown for it (see SENDER_SELECTOR). */
function senderOf(el) {
  if (el.hasAttribute('email')) return { address: el.getAttribute('email'), name: el.getAttribute('name') };
  return { address: el.getAttribute('title'), name: el.textContent ?? '' };
}

/** A link, a form, or a sender shown as a name with its address (see SENDER_SELECTOR). */
export function isChecked(node) {
  return isLink(node) || isForm(node) || isSender(node);
}

/**
 * The button that submits `form` when Enter is pressed in it, or the first one: whose text
 * says where the form goes.
 * @param {HTMLFormElement} form
 * @returns {HTMLElement | null}
 */
export function defaultSubmitter(form) {
  return form.querySelector('button:not([type]), button[type=submit i], input[type=submit i], input[type=image i]');
}

/** The text a submit button shows. @param {HTMLElement | null} button */
function submitterText(button) {
  if (!button) return { text: '', hidden: [] };
  if (button instanceof HTMLInputElement) {
    return { text: squeeze(button.type.toLowerCase() === 'image' ? button.alt : button.value), hidden: [] };
  }
  return readText(button, { full: true });
}

const ABSOLUTE = /^[a-z][a-z0-9+.-]*:/i;

export function hrefOf(el, raw, trimmed = raw.trim()) {
  // An absolute href goes to the engine as written: the browser's resolved form rewrites a
  // disguised IP (http://3405803853/) into dotted form, hiding the trick we want to explain.
  if (ABSOLUTE.test(trimmed) && trimmed.length < 65536) return trimmed;
  if (typeof el.href === 'string') return el.href;
  // SVG <a>: resolve against the document's base URL.
  try {
    return new URL(raw, el.baseURI).href;
  } catch {
    return raw;
  }
}

const NO_OP = /^(#|(tel|sms|callto):)|^javascript:\s*(void\s*\(?\s*0\s*\)?|;|false|undefined)?\s*;?\s*$/i;

/**
 * This document's origin, and a test for an href that mentions its host at all. Taken once per
 * pass over the links: each read of `location` from the content script's world costs
 * microseconds, as much as the rest of reading a link. (An about:blank frame written with
 * document.open() takes its opener's URL, so it is not taken once for good.)
 */
let hereCache = null;
function here() {
  if (!hereCache) {
    const { protocol, hostname, origin } = location;
    const web = /^https?:$/.test(protocol) && hostname !== '';
    hereCache = {
      origin,
      mentioned: web ? new RegExp(hostname.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i') : null,
    };
    queueMicrotask(() => { hereCache = null; });
  }
  return hereCache;
}

/**
 * Links that can't lead to a phishing page are skipped without asking the engine: phone
 * links, fragment-only links, same-document links, links back into this site itself,
 * and the `javascript:void(0)`-style no-op hrefs web apps use for their own buttons.
 */
function isSkipped(raw, href) {
  if (raw === '' || NO_OP.test(raw)) return true;
  // Same origin as this page (http(s) only). Most links name another host: only an href that
  // mentions this page's host at all is parsed to compare origins.
  const { origin, mentioned } = here();
  if (!mentioned?.test(href)) return false;
  try {
    return new URL(href).origin === origin;
  } catch {
    return false;
  }
}

/**
 * How to read an element: `full` reads the drawn text even where the DOM's looks plain (the
 * tooltip, a click), `point` is where the user points (for an invisible link), `submitter` the
 * button that submits a form, `reading` a reading already made (the text the dialog showed).
 * @typedef {{ full?: boolean, point?: { x: number, y: number } | null, submitter?: HTMLElement | null,
 *   reading?: import('./rendered-text.js').Reading }} How
 */

/**
 * What the engine is asked about `el`, or null for an element not worth asking about. A link or
 * a form in a message's body comes with its message; a sender is judged alone.
 * @param {Element} el @param {How} [how]
 * @returns {ReadLink | null}
 */
export function inputOf(el, how = {}) {
  if (isSender(el)) {
    const sender = senderOf(el);
    const address = sender.address.trim();
    if (!address.includes('@') || /[\s?#]/.test(address)) return null;
    return wellFormed({ href: `mailto:${address}`, text: squeeze(sender.name) });
  }
  if (isForm(el)) return submitInput(/** @type {HTMLFormElement} */ (el), how);
  return linkInput(el, how);
}

/**
 * What the engine is asked about `el`, a link (`a` or `area`, HTML or SVG), or null. `names`
 * are its attributes' names (getAttributeNames): one call says which of the optional attributes
 * it has, where asking for each would be a call apiece (each DOM call from the content script's
 * world costs about as much as the rest of reading a link). `tag`: its local name, when the
 * caller knows it.
 * @param {Element} el @param {How} [how] @param {string[]} [names] @param {string} [tag]
 * @returns {ReadLink | null}
 */
export function linkInput(el, how = {}, names = el.getAttributeNames(), tag = undefined) {
  const raw = rawHrefOf(el);
  if (raw == null) return null;
  const trimmed = raw.trim();
  const href = hrefOf(el, raw, trimmed);
  if (isSkipped(trimmed, href)) return null;
  const reading = how.reading ?? readText(el, how, tag === 'a' || tag === 'area' ? names : undefined);
  /** @type {LinkInput} */
  const input = { href, text: reading.text };
  // (A link with an href alone, most of a page's, has none of them.)
  if (names.length > 1) {
    const title = names.includes('title') && el.getAttribute('title');
    if (title) input.title = squeeze(title);
    const safe = names.includes('data-saferedirecturl') && el.getAttribute('data-saferedirecturl');
    if (safe) input.saferedirecturl = safe;
    const original = names.includes('originalsrc') && el.getAttribute('originalsrc');
    if (original) input.originalsrc = original;
  }
  if (reading.domText != null) input.dom_text = reading.domText;
  if (reading.hidden.length) input.hidden = reading.hidden;
  const ping = names.length > 1 && names.includes('ping') && el.getAttribute('ping');
  if (ping) input.ping = pingsOf(el, ping);
  return inMessage(el, wellFormed(input));
}

/** `input` with the message `el` is in, if any. @param {Element} el @param {ReadLink} input */
function inMessage(el, input) {
  const message = messageOf(el);
  if (message) input.message = message;
  return input;
}

/**
 * A form as a link: its action (the submitter's `formaction` when it has one) against the text
 * of the button that submits it.
 * @param {HTMLFormElement} form @param {How} how
 * @returns {ReadLink | null}
 */
export function submitInput(form, how) {
  const submitter = how.submitter ?? defaultSubmitter(form);
  // The attributes, not the properties: a field named "action" hides form.action.
  const raw = submitter?.getAttribute('formaction') ?? form.getAttribute('action') ?? '';
  let href;
  try {
    href = new URL(raw, form.baseURI).href;
  } catch {
    href = raw;
  }
  if (isSkipped(raw.trim(), href)) return null;
  const reading = how.reading ?? submitterText(submitter);
  /** @type {LinkInput} */
  const input = { href, text: reading.text };
  if (reading.domText != null) input.dom_text = reading.domText;
  if (reading.hidden.length) input.hidden = reading.hidden;
  return inMessage(form, wellFormed(input));
}

/** The URLs of a `ping` attribute, resolved as the browser resolves them. */
function pingsOf(el, value) {
  const urls = [];
  for (const token of value.split(/[\t\n\f\r ]+/)) {
    if (!token) continue;
    try {
      urls.push(new URL(token, el.baseURI).href);
    } catch {
      // not a URL: the browser sends nothing for it
    }
  }
  return urls;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * `input` with every field well-formed text: a lone surrogate (a page script can write one into
 * an href) reads as U+FFFD, as the browser's URL parser reads it, and the link is `malformed`
 * (the engine calls it `unreadable`). Framed fields then can't run into each other.
 * @param {LinkInput} input
 */
function wellFormed(input) {
  let malformed = false;
  const fix = (s) => {
    if (typeof s !== 'string' || !/[\uD800-\uDFFF]/.test(s)) return s;
    const fixed = s.replace(LONE_SURROGATE, '\uFFFD');
    if (fixed !== s) malformed = true;
    return fixed;
  };
  // Each field by name: a loop over their names was a keyed load apiece, for every link read.
  input.href = fix(input.href);
  input.text = fix(input.text);
  if (input.title != null) input.title = fix(input.title);
  if (input.saferedirecturl != null) input.saferedirecturl = fix(input.saferedirecturl);
  if (input.originalsrc != null) input.originalsrc = fix(input.originalsrc);
  if (input.dom_text != null) input.dom_text = fix(input.dom_text);
  if (input.ping) input.ping = input.ping.map(fix);
  if (malformed) input.malformed = true;
  return input;
}

/**
 * The cache key of an input: its fields prefixed with their lengths, so no two inputs share
 * one (a separator alone could be forged: a script can put any character in an href or text).
 * The same link in two messages is two inputs: its message's id is one of the fields.
 * @param {ReadLink} input
 */
export function keyOf(input) {
  const title = input.title ?? '';
  const safe = input.saferedirecturl ?? '';
  const original = input.originalsrc ?? '';
  const dom = input.dom_text ?? '';
  const ping = input.ping?.join(' ') ?? '';
  // The message's id, not its key: the key (its sender, subject, …) is often as long as a link's href
  // and text, and this key is hashed for each of three maps per link.
  const message = input.message?.id ?? '';
  return `${input.href.length},${input.text.length},${title.length},${safe.length},${original.length},${dom.length},${ping.length},${message.length};` +
    `${input.href}${input.text}${title}${safe}${original}${dom}${ping}${message}${flagsOf(input)}`;
}
