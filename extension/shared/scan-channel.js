// @ts-check
// What the content script's page scan and the background agree on.

/** The port the page scan's batches go on (content/channel.js → background/messages.js). */
export const SCAN_PORT = 'linkguard-scan';

/**
 * Links given to the engine in one call at most, and so in one of the content script's
 * batches. A wasm instance's memory grows to what a call holds (its inputs, its answers) and is
 * never given back: a 2,000-link batch took it from 2.3 to 4.6 MiB for good, 500 links to 2.9.
 */
export const SCAN_BATCH = 500;
