// @ts-check
// Asking the background. One `scan` message carries up to MAX_BATCH distinct inputs, framed in
// one string (LinkGuard.scanBatch, shared/scan-frame.js); the answer is one string too, a line per
// link: for a plain safe link only what its tooltip shows ("host registrable_domain[ url]"),
// for the others (flagged, unwrapped, allowlisted) the full verdict as JSON.
//
// Failing closed: a batch the background could not answer is asked again in halves, down to
// single links; a link that still gets no answer is `unreadable` (caution), so its click asks
// first. The background itself judges a batch the engine refused link by link.
import { ask } from './channel.js';
import { SCAN_BATCH } from '../shared/scan-channel.js';
import { engineOptions } from '../shared/settings.js';
import { settings, active, confirmed, linkState, unconfirmed } from './state.js';
import { keyOf } from './links.js';
import { flaggedVerdict, frameContexts, frameLinks, leanVerdict } from '../shared/scan-frame.js';
import { unreadableVerdict } from './unreadable.js';
import { marking, apply } from './scan.js';
import { scheduleReport } from './report.js';

/**
 * Links per batch at most (the engine's memory keeps the size of its largest call:
 * shared/scan-channel.js). The scan sends what it read in each slice of the main thread
 * (scan.js) on the port (channel.js), so the background answers the first links while this
 * frame still reads the rest (the two run in different processes).
 */
const MAX_BATCH = SCAN_BATCH;
/**
 * The first batch of a scan: small, so the background starts on it after a moment of reading
 * (its first marks come sooner); each next one twice the last, up to MAX_BATCH (fewer messages
 * for a big page: each costs this frame's thread a fixed share).
 */
const FIRST_BATCH = 16;
const MAX_CACHE = 20000;
/** An outbox this long or longer goes as ASCII links' batches and the others' (sendOutbox). */
const SPLIT_AT = 256;
/** The size the next batch goes at (FIRST_BATCH again once every request is answered). */
let batchSize = FIRST_BATCH;

/**
 * A request to the background: the input, the elements and the callers waiting for its verdict.
 * @typedef {{ key: string, input: ReadLink, els: Element[],
 *   waiters: { resolve: (v: Verdict) => void, reject: (e: unknown) => void }[], sent?: boolean }} Request
 */

/** Verdicts by link input (href, text, hints): the same link anywhere in the frame is asked once. @type {Map<string, Verdict>} */
export const cache = new Map();
/** Requests not answered yet, by key. @type {Map<string, Request>} */
const pending = new Map();
/**
 * Requests of `pending` not sent yet: the requests themselves, not their keys (each of which
 * would be looked up in `pending` again when sent: two lookups of a long key per link). Each
 * stays in `pending` until it is sent (only sent ones are deleted: the answers, forgetAnswers).
 * @type {Request[]}
 */
let outbox = [];
/** Bumped when the settings change: answers to requests sent before are not cached. */
let generation = 0;
/** The last batches' sizes, round trips and engine times (ms), for diagnostics. @type {{ links: number, ms: number, engineMs?: number }[]} */
export const roundTrips = [];

/** @typedef {import('./links.js').ReadLink} ReadLink */

/**
 * Links framed for scanBatch, with the contexts of the messages they are in: each message's
 * once, however many of its links the batch holds.
 * @param {readonly ReadLink[]} inputs
 * @returns {{ links: string, contexts?: string }}
 */
export function frameBatch(inputs) {
  /** @type {Map<string, number>} */
  const indexOfKey = new Map();
  /** @type {MessageContext[]} */
  const contexts = [];
  const indexes = inputs.map(({ message }) => {
    if (!message) return undefined;
    let index = indexOfKey.get(message.key);
    if (index === undefined) {
      index = contexts.length;
      indexOfKey.set(message.key, index);
      contexts.push(message.context);
    }
    return index;
  });
  const links = frameLinks(inputs, (i) => indexes[i]);
  return contexts.length ? { links, contexts: frameContexts(contexts) } : { links };
}

/**
 * A line of scanBatch's answer as a verdict: a safe link's lean form, or a flagged link's JSON
 * (read when first needed, `level` and `destination` its head: headsOf).
 */
function verdictOf(line, href, level, destination) {
  if (!line.startsWith('{')) return leanVerdict(line, href);
  const later = flaggedVerdict(line, level, destination);
  if (later) return later;
  try {
    return JSON.parse(line);
  } catch (error) {
    return unreadableVerdict(href, String(error?.message ?? error));
  }
}

/** The request for `input` (new or already waiting), with `key` = keyOf(input). */
export function request(key, input) {
  let entry = pending.get(key);
  if (!entry) {
    // Arrays, not Sets: a page's links make thousands of entries, nearly all with one element.
    entry = { key, input, els: [], waiters: [] };
    pending.set(key, entry);
    outbox.push(entry);
    // A full batch goes at once, so the background starts on it while we read the rest.
    if (outbox.length >= batchSize && settings) sendOutbox();
    else if (outbox.length === 1) queueMicrotask(sendOutbox);
  }
  return entry;
}

/** The verdict for one input: from the cache, or by the next batch to the background. @param {ReadLink} input */
export function verdictFor(input) {
  const key = keyOf(input);
  const cached = cache.get(key);
  if (cached) return Promise.resolve(cached);
  return new Promise((resolve, reject) => request(key, input).waiters.push({ resolve, reject }));
}

/** A character outside ASCII. */
// eslint-disable-next-line no-control-regex
const NOT_ASCII = /[^\x00-\x7f]/;

/** Whether the fields of `input` that go into its frame are all ASCII (flags, indexes and resolved ping URLs are). @param {ReadLink} input */
function asciiFields(input) {
  return !NOT_ASCII.test(input.href) && !NOT_ASCII.test(input.text) &&
    (input.title == null || !NOT_ASCII.test(input.title)) &&
    (input.saferedirecturl == null || !NOT_ASCII.test(input.saferedirecturl)) &&
    (input.originalsrc == null || !NOT_ASCII.test(input.originalsrc)) &&
    (input.dom_text == null || !NOT_ASCII.test(input.dom_text));
}

export function sendOutbox() {
  if (!settings || !outbox.length) return; // start() sends what waits once the settings are known
  const entries = outbox;
  outbox = [];
  // The links whose fields are all ASCII in batches of their own: one character beyond Latin-1
  // makes a whole frame a two-byte string, and posting it costs the page more (its messaging
  // converts the string to UTF-8 character by character; an ASCII one is copied). On the
  // 5,000-link bench page, where 30 % of the links have such a character and every 500-link
  // frame had one, posting the frames took ≈ 20 % less (benches/PROFILE.md, twelfth round).
  // A small outbox goes as one batch all the same: a message more costs both sides a fixed
  // share, and its reply, the last, came a few ms after the rest (a message's 300 links read
  // before its first frame went as 16, 32, 64, 124 + 4, 75 + 17), for a frame short enough that
  // its conversion is nothing.
  const split = entries.length >= SPLIT_AT;
  const ascii = [];
  const other = [];
  for (const entry of entries) {
    entry.sent = true;
    (!split || asciiFields(entry.input) ? ascii : other).push(entry);
  }
  for (const group of [ascii, other]) {
    for (let i = 0; i < group.length; i += MAX_BATCH) sendBatch(group.slice(i, i + MAX_BATCH));
  }
  batchSize = Math.min(MAX_BATCH, batchSize * 2);
}

/**
 * Asks for the verdicts of `entries`, requests in `pending`.
 * @param {Request[]} entries
 */
async function sendBatch(entries) {
  const { links, contexts } = frameBatch(entries.map((e) => e.input));
  const sentIn = generation;
  const started = performance.now();
  let engineMs;
  let lines;
  /** The JSON lines' heads, two per line (headsOf). @type {(string | null)[]} */
  let heads = [];
  /** @type {Verdict | null} */
  let unanswered = null;
  try {
    const reply = await ask({ type: 'scan', links, contexts, options: engineOptions(settings) });
    engineMs = reply?.engineMs;
    if (!reply || reply.error || typeof reply.lines !== 'string') {
      throw new Error(reply?.error ?? 'no answer from the background');
    }
    lines = reply.lines.split('\n');
    if (Array.isArray(reply.heads)) heads = reply.heads;
    // One line per link, each ending in \n.
    if (lines.length !== entries.length + 1 || lines[entries.length] !== '') {
      throw new Error('a malformed answer from the background');
    }
  } catch (error) {
    // Asked again in halves: one link that breaks the batch can't leave the rest unjudged.
    // (Those still waiting under their key: the settings may have changed meanwhile.)
    if (entries.length > 1) {
      const half = Math.ceil(entries.length / 2);
      await sendBatch(waiting(entries.slice(0, half)));
      await sendBatch(waiting(entries.slice(half)));
      return;
    }
    if (!entries.length) return;
    // Not cached: the next look at the link asks again.
    const why = String(/** @type {Error} */ (error)?.message ?? error);
    unanswered = unreadableVerdict(entries[0].input.href, why);
  }
  roundTrips.push({ links: entries.length, ms: performance.now() - started, engineMs });
  if (roundTrips.length > 100) roundTrips.shift();
  if (cache.size > MAX_CACHE) cache.clear();
  let report = false;
  let head = 0;
  marking(() => entries.forEach((entry, i) => {
    let verdict = unanswered;
    if (!verdict) {
      const line = lines[i];
      const flagged = line.startsWith('{');
      verdict = verdictOf(line, entry.input.href, flagged ? heads[head] : null, flagged ? heads[head + 1] : null);
      if (flagged) head += 2;
    }
    if (pending.get(entry.key) === entry) pending.delete(entry.key);
    if (sentIn !== generation) {
      // Asked under settings that changed since: the rescan asks again; so do the callers.
      for (const w of entry.waiters) verdictFor(entry.input).then(w.resolve, w.reject);
      return;
    }
    if (!unanswered) cache.set(entry.key, verdict);
    for (const el of entry.els) {
      if (linkState.get(el)?.key !== entry.key || !active) continue;
      if (confirmed) report = apply(el, entry.key, verdict) || report;
      else unconfirmed.add(el);
    }
    for (const w of entry.waiters) w.resolve(verdict);
  }));
  // A scan's batches answered: the next scan (a message opened) starts small again. (What is
  // pending then waits in the outbox, not sent yet.)
  if (pending.size === outbox.length) batchSize = FIRST_BATCH;
  if (report) scheduleReport();
}

/**
 * The requests waiting now under the keys of `entries` (a request its answer or a change of the
 * settings took out of `pending`, or replaced, is not this one any more).
 * @param {Request[]} entries
 */
function waiting(entries) {
  return entries.map((e) => pending.get(e.key)).filter((e) => e !== undefined);
}

/**
 * The settings changed: verdicts known and answers on their way were computed under the old
 * ones. New requests replace those on their way.
 */
export function forgetAnswers() {
  generation++;
  cache.clear();
  for (const [key, entry] of pending) if (entry.sent) pending.delete(key);
}
