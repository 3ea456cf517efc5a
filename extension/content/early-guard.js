// @ts-check
// The click guard's window listeners, in a frame's isolated world before anything else of ours.
//
// The content script is two scripts of one isolated world (both browsers run an extension's
// content scripts of a frame in one world, sharing its globals): content-start.js at
// document_start (start.js: this module and the `hello`) and content.js at document_end (main.js:
// the reading, marking, tooltip, dialog and the click guard's decisions). Only the first is
// paid before the page's parser goes on; compiling and running the second there held it
// ≈ 5–8 ms more, and the first paint with it (benches/PROFILE.md, twenty-eighth round).
//
// The guard's listeners must still be on window before any page script's: window capture
// listeners run in the order they were added, and ours stops an event before the page's own
// handlers see it. So this module adds them at document_start, each a dispatcher that hands the
// event to the guard's handler once content.js has given it (`ready`). Until then, a click,
// auxclick or Enter on a link, or a submission, is held as the guard holds a click on a link it
// has no verdict for: stopped (preventDefault + stopImmediatePropagation) and kept with what the
// event pointed at, for content.js to judge when it runs and then open, replay or block as the
// guard does. Its wait for a verdict counts from the moment it was held (VERDICT_WAIT_MS), so a
// content.js that comes late finds it unreadable, which asks first. If content.js never runs in
// this frame, nothing held is ever opened: no link opens unjudged.
//
// A second copy of this module (content.js bundles it too, and a frame may get either script
// twice: the manifest's and "Protect this site"'s) finds the first one's state on globalThis.

import { linkFromEvent, opensLink, pointOf } from './link-events.js';

/** What the guard's listeners stop before content.js runs: the events that open a link or send a form. */
export const GUARDED_EVENTS = /** @type {const} */ (['click', 'auxclick', 'keydown', 'submit']);

/**
 * An event held before content.js ran: the event (its type, buttons and keys), the link or form
 * it was on (read at once: an event's path is gone once it has been dispatched), where the
 * pointer was, and when it was held (performance.now()).
 * @typedef {{ event: Event, target: Element, point: { x: number, y: number } | null, at: number }} HeldEvent
 */

/**
 * @typedef {object} EarlyGuard
 * @property {() => void} install  adds the dispatchers on window (again after document.open(), which removes them)
 * @property {(handlers: Partial<Record<typeof GUARDED_EVENTS[number], (e: Event) => unknown>>, onHeld: (held: HeldEvent) => unknown) => void} ready
 *   content.js's handlers, from now on; `onHeld` is given each event held so far
 * @property {Promise<any> | null} hello  the background's answer to the frame's `hello`, asked at document_start
 */

/** The link or form an event that opens one is on, as the guard would stop it (click-guard.js), else null. */
function heldTarget(e) {
  if (e.type === 'submit') return e.target instanceof HTMLFormElement ? e.target : null;
  return opensLink(e) ? linkFromEvent(e) : null;
}

/** @returns {EarlyGuard} */
function create() {
  /** @type {Partial<Record<string, (e: Event) => unknown>> | null} */
  let handlers = null;
  /** @type {((held: HeldEvent) => unknown) | null} */
  let onHeld = null;
  /** @type {HeldEvent[]} */
  const held = [];

  /** @param {Event} e */
  const dispatch = (e) => {
    if (handlers) {
      handlers[e.type]?.(e);
      return;
    }
    const target = heldTarget(e);
    if (!target) return;
    e.preventDefault();
    e.stopImmediatePropagation();
    held.push({ event: e, target, point: pointOf(e), at: performance.now() });
  };

  return {
    install() {
      for (const type of GUARDED_EVENTS) addEventListener(type, dispatch, true);
    },
    ready(next, nextOnHeld) {
      handlers = next;
      onHeld = nextOnHeld;
      for (const h of held.splice(0)) onHeld(h);
    },
    hello: null,
  };
}

/** This frame's early guard: the one start.js made, else made now (content.js alone, as an older registration injects it). */
export function earlyGuard() {
  globalThis.linkguardEarlyGuard ??= create();
  return globalThis.linkguardEarlyGuard;
}
