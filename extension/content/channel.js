// @ts-check
// The line to the background for the page scan's batches, the frame's `hello` and its reports
// to the popup: a long-lived port, opened when first needed (the `hello`, as the page starts
// loading), and again when the user is active in this frame after the background stopped.
//
// A port costs the page less than a message per batch (Chromium opens a channel for every
// runtime.sendMessage, ≈ 5 ms of this frame's main thread). It also tells this frame when the
// background stopped (the port disconnects: an extension service worker stops after 30 s
// without events, Chrome 110+; an open port with no messages doesn't keep it): in a
// single-page webmail no page load wakes the background before a message is opened, so the
// frame opens the port again as soon as the user moves the pointer, types or comes back to the
// tab, and the background starts its engine on the connection (background/messages.js), well
// before the message the user is heading for is shown. Nothing is sent while the user is away.
import { api } from '../shared/api.js';
import { SCAN_PORT } from '../shared/scan-channel.js';

/**
 * The line's state: one for the frame's isolated world, made by whichever of the content script's
 * two scripts (early-guard.js) runs first and shared through globalThis, so the `hello` that
 * content-start.js sends at document_start and content.js's batches go on the same port.
 * @typedef {{ port: chrome.runtime.Port | null, gone: boolean, nextId: number,
 *   waiting: Map<number, { message: object, resolve: (v: any) => void, reject: (e: unknown) => void }> }} Line
 */

/** @returns {Line} */
function line() {
  // port: null until first needed; gone: the extension was reloaded or removed under this page
  // (no port can be opened any more); waiting: requests sent on the port and not answered yet, by id.
  globalThis.linkguardLine ??= { port: null, gone: false, nextId: 1, waiting: new Map() };
  return globalThis.linkguardLine;
}

/** @returns {chrome.runtime.Port | null} */
function connect() {
  const l = line();
  if (l.port || l.gone) return l.port;
  try {
    l.port = api.runtime.connect({ name: SCAN_PORT });
  } catch {
    l.gone = true; // "Extension context invalidated"
    return null;
  }
  const mine = l.port;
  mine.onMessage.addListener((reply) => {
    const request = l.waiting.get(reply?.id);
    if (!request) return;
    l.waiting.delete(reply.id);
    request.resolve(reply.result);
  });
  mine.onDisconnect.addListener(() => {
    if (l.port === mine) l.port = null;
    // The background stopped (idle, updated) before it answered: asked again by a message,
    // which starts it.
    const unanswered = [...l.waiting.values()];
    l.waiting.clear();
    for (const r of unanswered) api.runtime.sendMessage(r.message).then(r.resolve, r.reject);
  });
  return mine;
}

/**
 * Asks the background (a message for its handlers, background/messages.js) on the port, or by
 * a message when no port can be opened.
 * @param {object} message
 */
export function ask(message) {
  const open = connect();
  if (!open) return api.runtime.sendMessage(message);
  const l = line();
  return new Promise((resolve, reject) => {
    const id = l.nextId++;
    l.waiting.set(id, { message, resolve, reject });
    try {
      open.postMessage({ id, message });
    } catch {
      // Disconnected meanwhile (onDisconnect will not see this one): by a message.
      l.waiting.delete(id);
      if (l.port === open) l.port = null;
      api.runtime.sendMessage(message).then(resolve, reject);
    }
  });
}

/**
 * The user is active in this frame: the background (and its engine) is started now if it
 * stopped. Called on every pointer move, key and focus: free while the port is open.
 */
export function warm() {
  const l = line();
  if (!l.port && !l.gone) connect();
}
