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

/** @type {chrome.runtime.Port | null} */
let port = null;
/** The extension was reloaded or removed under this page: no port can be opened any more. */
let gone = false;
let nextId = 1;
/** Requests sent on the port and not answered yet, by id. @type {Map<number, { message: object, resolve: (v: any) => void, reject: (e: unknown) => void }>} */
const waiting = new Map();

/** @returns {chrome.runtime.Port | null} */
function connect() {
  if (port || gone) return port;
  try {
    port = api.runtime.connect({ name: SCAN_PORT });
  } catch {
    gone = true; // "Extension context invalidated"
    return null;
  }
  const mine = port;
  mine.onMessage.addListener((reply) => {
    const request = waiting.get(reply?.id);
    if (!request) return;
    waiting.delete(reply.id);
    request.resolve(reply.result);
  });
  mine.onDisconnect.addListener(() => {
    if (port === mine) port = null;
    // The background stopped (idle, updated) before it answered: asked again by a message,
    // which starts it.
    const unanswered = [...waiting.values()];
    waiting.clear();
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
  return new Promise((resolve, reject) => {
    const id = nextId++;
    waiting.set(id, { message, resolve, reject });
    try {
      open.postMessage({ id, message });
    } catch {
      // Disconnected meanwhile (onDisconnect will not see this one): by a message.
      waiting.delete(id);
      if (port === open) port = null;
      api.runtime.sendMessage(message).then(resolve, reject);
    }
  });
}

/**
 * The user is active in this frame: the background (and its engine) is started now if it
 * stopped. Called on every pointer move, key and focus: free while the port is open.
 */
export function warm() {
  if (!port && !gone) connect();
}
