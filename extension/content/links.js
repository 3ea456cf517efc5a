// @ts-check
// Reading links: what the engine is asked about an element (a link, or a sender shown as a name
// with its address), and which links aren't worth asking about.
import { squeeze, textOf } from '../shared/text.js';

export const LINK_SELECTOR = 'a[href], area[href]';
/**
 * Senders shown as a name with its address, not as a link: Gmail's `<span email="…" name="…">`,
 * and Roundcube's message list, `<span class="rcmContactAddress" title="address">name</span>`
 * (its opened message shows the sender as a mail link, checked as any link). Each is checked as
 * a mail link to that address with that name as its text: a display name borrowing a brand (the
 * founding case's "えきねっとサポートセンター" <cbvlh@service.rqgdf.cn>) is
 * `mailto-brand-mismatch`. Hover explains it; clicks on it are the page's own business.
 */
const SENDER_SELECTOR = 'span[email][name], span.rcmContactAddress[title]';
export const CHECKED_SELECTOR = `${LINK_SELECTOR}, ${SENDER_SELECTOR}`;

export function isLink(node) {
  return node instanceof Element && (node.localName === 'a' || node.localName === 'area') &&
    node.hasAttribute('href');
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

/** A link, or a sender shown as a name with its address (see SENDER_SELECTOR). */
export function isChecked(node) {
  return isLink(node) || isSender(node);
}

const ABSOLUTE = /^[a-z][a-z0-9+.-]*:/i;

export function hrefOf(el, raw) {
  // An absolute href goes to the engine as written: the browser's resolved form rewrites a
  // disguised IP (http://3405803853/) into dotted form, hiding the trick we want to explain.
  const trimmed = raw.trim();
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

export function inputOf(el, textOverride) {
  if (isSender(el)) {
    const sender = senderOf(el);
    const address = sender.address.trim();
    if (!address.includes('@') || /[\s?#]/.test(address)) return null;
    return { href: `mailto:${address}`, text: squeeze(sender.name) };
  }
  const raw = el.getAttribute('href');
  if (raw == null) return null;
  const href = hrefOf(el, raw);
  if (isSkipped(raw.trim(), href)) return null;
  const input = { href, text: textOverride ?? textOf(el) };
  const title = el.getAttribute('title');
  if (title) input.title = squeeze(title);
  const safe = el.getAttribute('data-saferedirecturl');
  if (safe) input.saferedirecturl = safe;
  const original = el.getAttribute('originalsrc');
  if (original) input.originalsrc = original;
  return input;
}

/**
 * The cache key of an input: its fields prefixed with their lengths, so no two inputs share
 * one (a separator alone could be forged: a script can put any character in an href or text).
 */
export function keyOf(input) {
  const title = input.title ?? '';
  const safe = input.saferedirecturl ?? '';
  return `${input.href.length},${input.text.length},${title.length},${safe.length};` +
    `${input.href}${input.text}${title}${safe}${input.originalsrc ?? ''}`;
}
