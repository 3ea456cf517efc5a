// @ts-check
// What the content script knows in this frame, read by all its modules: the settings, whether
// linkguard is on here, and what it knows of each link. The modules were one function's
// sections, and the bundle (scripts/build-extension.mjs) makes them one scope again: reading
// one of these is reading a plain variable. Only this module assigns them.

/** @typedef {import('../shared/settings.js').Settings} Settings */

/**
 * What we know of a link element: the key of its last input (keyOf), its verdict once known,
 * and the mark last written to its LEVEL_ATTR (null: none).
 * @typedef {{ key: string, verdict: Verdict | null, mark?: string | null }} LinkState
 */

/** @type {Settings | null} */
export let settings = null;
export let active = true;
/** Whether a dangerous link may be opened anyway: not when an administrator turned it off (the background's answer to `hello`). */
export let proceedAllowed = true;
/** Set once the background confirmed linkguard is on for this tab: marks wait for it. */
export let confirmed = false;
/** What we know of each link element: the key of its last input and its verdict. @type {WeakMap<Element, LinkState>} */
export const linkState = new WeakMap();
/** Flagged links in this frame, for the popup's list. @type {Set<Element>} */
export const flagged = new Set();
/** Links whose verdict came before the background confirmed linkguard is on here. @type {Set<Element>} */
export const unconfirmed = new Set();

/** @param {Settings} next */
export function setSettings(next) {
  settings = next;
}

/** @param {boolean} next */
export function setActiveState(next) {
  active = next;
}

/** @param {boolean} next */
export function setProceedAllowed(next) {
  proceedAllowed = next;
}

export function setConfirmed() {
  confirmed = true;
}
