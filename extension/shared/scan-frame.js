// @ts-check
// scanBatch's wire format as the extension writes and reads it: links (and their messages'
// contexts) framed into one string, each link's answer a line. The format is defined once, at
// LinkGuard::scan_batch in src/wasm.rs; tests/e2e/scan-frame.test.mjs frames every golden and
// bypass case here and checks that the engine reads each as the link (and message) it is.

/** The flag letters of scanBatch: a letter per way of hiding, `m` for malformed. */
const FLAG_LETTERS = { 'hidden-part': 'p', bidi: 'b', generated: 'g', transparent: 't' };

/** The flags of `input` as scanBatch reads them. @param {LinkInput} input */
export function flagsOf(input) {
  const hidden = input.hidden;
  // Most links have none: asked twice for each link read (its key, its frame).
  if (!hidden || !hidden.length) return input.malformed ? 'm' : '';
  let flags = '';
  for (const h of hidden) flags += FLAG_LETTERS[h] ?? '';
  return input.malformed ? `${flags}m` : flags;
}

/** One message context's fields, in the frame's order. @param {MessageContext} context */
function contextFields(context) {
  return [context.sender_name, context.sender_address, context.subject, context.reply_to, context.return_path,
    context.list_id, context.list_unsubscribe, context.webmail_host].map((field) => field ?? '');
}

/**
 * Fields as one string (the messages' contexts; frameLinks frames links): their UTF-16 lengths,
 * comma-separated, `;`, the fields back to back.
 * @param {string[]} fields
 */
export function frameFields(fields) {
  return `${fields.map((f) => f.length).join(',')};${fields.join('')}`;
}

/**
 * The fields of a frame written by frameFields; undefined when its lengths are not counts or
 * don't add up to its body.
 * @param {string} framed @returns {string[] | undefined}
 */
export function fieldsOfFrame(framed) {
  const split = framed.indexOf(';');
  if (split < 0) return undefined;
  const lengths = framed.slice(0, split).split(',').filter(Boolean).map(Number);
  if (lengths.some((n) => !Number.isInteger(n) || n < 0)) return undefined;
  let at = split + 1;
  const fields = lengths.map((n) => framed.slice(at, (at += n)));
  return at === framed.length ? fields : undefined;
}

/**
 * A link's fields in scanBatch's frame, in their order: the fields most links leave empty last,
 * as a link's lengths stop at its last non-empty field (the context third: in a webmail every
 * link of a message has one).
 */
export const LINK_FIELD_NAMES = Object.freeze(['href', 'text', 'context', 'title', 'saferedirecturl', 'originalsrc',
  'dom_text', 'ping', 'flags']);
/** Fields per link in the frame, at most. */
export const LINK_FIELDS = LINK_FIELD_NAMES.length;

/**
 * Links framed for scanBatch; `contextOf(i)` the index of link i's message in the contexts
 * framed by frameContexts (undefined: in none). Like frameFields, but the lengths are a group per
 * link, the groups separated by `/`, each up to the link's last non-empty field (a plain link's is
 * `href,text`), and a text that is its href (a third of a mail's links) is `=`, not written again:
 * `18,=/18,1;https://a.example/https://b.example/B`. The frame's bytes are what the content
 * script posts: the full nine lengths a link were 13 % of a 5,000-link page's.
 * @param {readonly LinkInput[]} inputs @param {(i: number) => number | undefined} [contextOf]
 */
export function frameLinks(inputs, contextOf) {
  // Written in one pass: no array of fields per link (the content script frames a page's every
  // link on the page's thread).
  let lengths = '';
  let body = '';
  for (let i = 0; i < inputs.length; i++) {
    const input = inputs[i];
    const { href, text } = input;
    const title = input.title ?? '';
    const safe = input.saferedirecturl ?? '';
    const original = input.originalsrc ?? '';
    const dom = input.dom_text ?? '';
    const ping = input.ping?.join(' ') ?? '';
    const flags = flagsOf(input);
    const index = contextOf?.(i);
    const context = index === undefined ? '' : String(index);
    const same = text !== '' && text === href;
    // The lengths after the href, from the last field back: none until a field is not empty.
    let tail = flags ? `,${flags.length}` : '';
    if (tail || ping) tail = `,${ping.length}${tail}`;
    if (tail || dom) tail = `,${dom.length}${tail}`;
    if (tail || original) tail = `,${original.length}${tail}`;
    if (tail || safe) tail = `,${safe.length}${tail}`;
    if (tail || title) tail = `,${title.length}${tail}`;
    if (tail || context) tail = `,${context.length}${tail}`;
    if (tail || text) tail = `,${same ? '=' : text.length}${tail}`;
    lengths += `${i ? '/' : ''}${href.length}${tail}`;
    body += href + (same ? '' : text) + context + title + safe + original + dom + ping + flags;
  }
  return `${lengths};${body}`;
}

/**
 * Links framed as frameLinks frames them, each given as its fields (LINK_FIELD_NAMES' order; the
 * last ones may be left out): the background's way to frame again a link it read with linksOfFrame.
 * @param {readonly (readonly string[])[]} links
 */
export function frameLinkFields(links) {
  let lengths = '';
  let body = '';
  links.forEach((fields, i) => {
    let last = fields.length;
    while (last > 1 && fields[last - 1] === '') last--;
    const same = fields[1] !== '' && fields[1] === fields[0];
    const written = fields.slice(0, last).map((field, f) => (f === 1 && same ? '' : field));
    lengths += `${i ? '/' : ''}${written.map((field, f) => (f === 1 && same ? '=' : field.length)).join(',')}`;
    body += written.join('');
  });
  return `${lengths};${body}`;
}

/**
 * The links of a frame written by frameLinks, each as its LINK_FIELDS fields ("" for those its
 * lengths leave out, the href for a text written `=`); undefined when its lengths are not counts,
 * a link has more than LINK_FIELDS of them or they don't add up to its body.
 * @param {string} framed @returns {string[][] | undefined}
 */
export function linksOfFrame(framed) {
  const split = framed.indexOf(';');
  if (split < 0) return undefined;
  const header = framed.slice(0, split);
  const links = [];
  let at = split + 1;
  for (const group of header ? header.split('/') : []) {
    const lengths = group.split(',');
    if (lengths.length > LINK_FIELDS) return undefined;
    const link = [];
    for (let f = 0; f < LINK_FIELDS; f++) {
      const length = lengths[f];
      if (length === undefined) link.push('');
      else if (f === 1 && length === '=') link.push(link[0]);
      else if (/^[0-9]+$/.test(length)) link.push(framed.slice(at, (at += Number(length))));
      else return undefined;
    }
    links.push(link);
  }
  return at === framed.length ? links : undefined;
}

const encoder = new TextEncoder();
/** Where frameBytes encodes: kept from call to call (as large as the largest frame yet). */
let encoded = new Uint8Array(0);

/**
 * A frame (frameLinks, frameLinkFields) as scanBatch takes it: its UTF-8 bytes. wasm-bindgen's glue
 * copies a string argument into the engine's memory a character at a time; encodeInto copies an
 * ASCII string in bulk (Node 20, 500-link frames of the bench's mixes: ≈ 220–280 → ≈ 5–60 ns a
 * link). The bytes are a view of a buffer the next call overwrites: scanBatch copies them at once.
 * @param {string} framed @returns {Uint8Array}
 */
export function frameBytes(framed) {
  if (encoded.length < framed.length) encoded = new Uint8Array(framed.length);
  const { read, written } = encoder.encodeInto(framed, encoded);
  if (read === framed.length) return encoded.subarray(0, written);
  // Not all ASCII: room for the rest at its largest (a UTF-16 unit is at most 3 bytes).
  const grown = new Uint8Array(written + (framed.length - read) * 3);
  grown.set(encoded.subarray(0, written));
  encoded = grown;
  return grown.subarray(0, written + encoder.encodeInto(framed.slice(read), grown.subarray(written)).written);
}

/** Message contexts framed for scanBatch's second argument. @param {readonly MessageContext[]} contexts */
export function frameContexts(contexts) {
  return frameFields(contexts.flatMap(contextFields));
}

const NONE = Object.freeze([]);

/**
 * A plain safe link's verdict, from its lean line: level, reasons and unwrap chain are shared
 * by all of them (on the prototype), and the target is read from the line when something first
 * asks for it (the tooltip, a click), not for each of a page's thousands of links.
 */
class LeanVerdict {
  /** @param {string} line @param {string} href */
  constructor(line, href) {
    this.line = line;
    this.href = href;
  }

  get target() {
    const [host, registrable, url] = this.line.split(' ');
    const target = { url: url ?? this.href, host, registrable_domain: registrable };
    Object.defineProperty(this, 'target', { value: target });
    return target;
  }
}
Object.defineProperties(LeanVerdict.prototype, {
  level: { value: 'safe' },
  reasons: { value: NONE },
  unwrap_chain: { value: NONE },
});

/**
 * A line of scanBatch's answer as a verdict, for a line that is no JSON (a JSON line is the full
 * verdict): the lean form of a plain safe link, "host registrable_domain[ url]", as the verdict
 * the content script works with.
 * @param {string} line @param {string} href @returns {Verdict}
 */
export function leanVerdict(line, href) {
  return /** @type {Verdict} */ (/** @type {unknown} */ (new LeanVerdict(line, href)));
}

/**
 * A verdict from its JSON line, read when something first asks for more than its level (and
 * its destination, `destinationOf`): a page's flagged links are thousands of lines of JSON, most
 * of which no one looks at closely. `full` is the verdict as parsed.
 */
class FlaggedVerdict {
  /** @param {string} line @param {Level} level @param {string} destination */
  constructor(line, level, destination) {
    this.line = line;
    this.level = level;
    this.destination = destination;
  }

  /** @returns {Verdict} */
  get full() {
    const full = JSON.parse(this.line);
    Object.defineProperty(this, 'full', { value: full });
    return full;
  }

  get reasons() { return this.full.reasons; }
  get target() { return this.full.target; }
  get shown() { return this.full.shown; }
  get unwrap_chain() { return this.full.unwrap_chain; }
  get allowlisted() { return this.full.allowlisted; }
}

/**
 * Where a flagged link really goes, as its short description names it (content/described.js):
 * the registrable domain of its destination, else its host, else its URL.
 * @param {Verdict} verdict
 */
export function destinationOf(verdict) {
  if (verdict instanceof FlaggedVerdict) return verdict.destination;
  const t = verdict.target;
  return t.registrable_domain ?? t.host ?? t.url ?? '';
}

/**
 * What the content script needs of each JSON line of scanBatch's answer (a flagged, unwrapped or
 * allowlisted link's full verdict) to mark and describe its link: its level and its destination
 * (destinationOf), two strings per JSON line, in their order; nulls for a line that is no JSON.
 * The background reads them (its thread, not the page's), and the page reads a full verdict
 * only when something shows it (the tooltip, the dialog, the popup's list).
 * @param {string} lines scanBatch's answer
 * @returns {(string | null)[]}
 */
export function headsOf(lines) {
  const heads = [];
  for (const line of lines.split('\n')) {
    if (!line.startsWith('{')) continue;
    try {
      const verdict = JSON.parse(line);
      heads.push(typeof verdict.level === 'string' ? verdict.level : null, destinationOf(verdict));
    } catch {
      heads.push(null, null);
    }
  }
  return heads;
}

/**
 * A JSON line of scanBatch's answer as a verdict, given its head (headsOf: level, destination):
 * parsed when first needed. Null without a head (an answer from an older background): the
 * caller parses it.
 * @param {string} line @param {string | null | undefined} level @param {string | null | undefined} destination
 * @returns {Verdict | null}
 */
export function flaggedVerdict(line, level, destination) {
  if ((level !== 'safe' && level !== 'caution' && level !== 'danger') || typeof destination !== 'string') return null;
  return /** @type {Verdict} */ (/** @type {unknown} */ (new FlaggedVerdict(line, level, destination)));
}

/**
 * `verdict` as plain data, for a message (extension messaging copies an object's own data,
 * not what its class computes): a flagged verdict read later (flaggedVerdict) as parsed.
 * @param {Verdict} verdict @returns {Verdict}
 */
export function plainVerdict(verdict) {
  return verdict instanceof FlaggedVerdict ? verdict.full : verdict;
}
