// @ts-check
// The cold start's design floor (issue 19), benchmark only: a service worker that does, for its
// first verdict, only what the design fixes. The engine is Rust compiled to wasm in the
// background, with url's parser and the PSL: here benches/size-floor built `--features speed`
// (its `registrableDomain`: `Url::parse` of the href, then the engine's own PSL lookup of its
// host). Its module is loaded as extension/background/engine.js loads the engine's: the
// wasm-bindgen glue (no-modules) by importScripts while the worker starts, the module compiled
// by compileStreaming as soon as the script runs, instantiated through the glue when a message
// needs it. benches/browser.mjs copies this directory into target/ with the built glue and wasm
// as engine/floor.js and engine/floor_bg.wasm, and times it exactly as the extension's cold
// start: `ping` answers without the module (the worker's own start), `analyze` with it.
/* global wasm_bindgen */

importScripts('engine/floor.js');

const WASM_URL = chrome.runtime.getURL('engine/floor_bg.wasm');
const compiled = WebAssembly.compileStreaming(fetch(WASM_URL));
compiled.catch(() => {}); // awaited by engine()

/** @type {Promise<any> | null} */
let started = null;
/** The floor's module instantiated through the glue, once per worker. */
function engine() {
  started ??= compiled.then((module) => wasm_bindgen({ module_or_path: module })).then(() => wasm_bindgen);
  return started;
}

// Answered as extension/background/messages.js answers: through a promise, for both messages.
const handlers = {
  async ping() {
    return { pong: true };
  },
  async analyze(message) {
    const floor = await engine();
    return { domain: floor.registrableDomain(String(message.links?.[0]?.href ?? '')) };
  },
};

chrome.runtime.onMessage.addListener((message, _sender, sendResponse) => {
  const handler = handlers[message?.type];
  if (!handler) return false;
  handler(message).catch((error) => ({ error: String(error?.message ?? error) })).then(sendResponse);
  return true;
});
