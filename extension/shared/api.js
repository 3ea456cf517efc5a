// @ts-check
// The WebExtension namespace, for every part of the extension (background, content scripts,
// pages). Not for www/: a web page has none.

/** Firefox's promise-based `browser`, else Chrome's `chrome`. */
export const api = globalThis.browser ?? globalThis.chrome;
