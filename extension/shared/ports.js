// @ts-check
// Names of the long-lived ports between the content scripts and the background.

/** The page scan's batches (content/channel.js → background/messages.js). */
export const SCAN_PORT = 'linkguard-scan';
