// @ts-check
// Which link an event is on, and whether the event opens it: read the same way by the early
// guard (early-guard.js, in content-start.js at document_start) and by the rest of the content
// script. It imports nothing, so content-start.js stays small.

const SVG_NS = 'http://www.w3.org/2000/svg';
const XLINK_NS = 'http://www.w3.org/1999/xlink';

/** The href as written: `href`, or an SVG link's `xlink:href`. @param {Element} el */
export function rawHrefOf(el) {
  const raw = el.getAttribute('href');
  if (raw != null || el.namespaceURI !== SVG_NS) return raw;
  return el.getAttributeNS(XLINK_NS, 'href');
}

/** An element that navigates when clicked: an HTML link or image-map area, or an SVG link. */
export function isLink(node) {
  return node instanceof Element && (node.localName === 'a' || node.localName === 'area') &&
    rawHrefOf(node) != null;
}

/**
 * The nearest element on `e`'s path (through open shadow roots) that `accept` takes, or null.
 * @param {Event} e
 * @param {(node: EventTarget) => boolean} [accept]
 * @returns {Element | null}
 */
export function linkFromEvent(e, accept = isLink) {
  for (const node of e.composedPath()) {
    if (accept(node)) return /** @type {Element} */ (node);
    if (node === document || node === window) break;
  }
  return null;
}

/**
 * Whether `e` opens the link it is on: a main-button click, a middle-button auxclick, or Enter
 * (not Alt+Enter, which some browsers give to downloads) pressed by the user.
 * @param {Event} e
 */
export function opensLink(e) {
  if (e.type === 'click') return /** @type {MouseEvent} */ (e).button === 0;
  if (e.type === 'auxclick') return /** @type {MouseEvent} */ (e).button === 1;
  if (e.type === 'keydown') {
    const k = /** @type {KeyboardEvent} */ (e);
    return k.key === 'Enter' && !k.altKey && k.isTrusted;
  }
  return false;
}

/** Where a trusted pointer event points (what an invisible link shows there), or null. @param {Event} e */
export function pointOf(e) {
  const m = /** @type {MouseEvent} */ (e);
  return m.isTrusted && typeof m.clientX === 'number' && (m.clientX || m.clientY) ? { x: m.clientX, y: m.clientY } : null;
}
