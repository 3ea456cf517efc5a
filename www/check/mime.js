// @ts-check
// A small, careful reader for a raw mail message (RFC 5322 + MIME) as webmail's "show original"
// gives it: headers, multipart structure, quoted-printable and base64, RFC 2047 encoded words
// and RFC 2231 parameters. Character sets are decoded by the browser's own TextDecoder (which
// knows ISO-2022-JP, Shift_JIS, EUC-JP...). It only reads structure; it renders nothing.
//
// Internally the message is a "binary string" (one char per byte) so that headers and boundaries
// can be found with string operations without decoding anything too early.

const MAX_DEPTH = 16;
const MAX_PARTS = 1000;

/** Bytes -> binary string (one char per byte). */
export function toBinary(bytes) {
  let out = '';
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK) out += String.fromCharCode.apply(null, bytes.subarray(i, i + CHUNK));
  return out;
}

/** Binary string -> bytes. */
export function fromBinary(binary) {
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i) & 0xff;
  return bytes;
}

// Charset names seen in mail that are not labels of the Encoding Standard.
const CHARSET_ALIASES = {
  cp932: 'shift_jis',
  'x-ms-cp932': 'shift_jis',
  'windows-932': 'shift_jis',
  'x-euc-jp': 'euc-jp',
  'iso-2022-jp-1': 'iso-2022-jp',
  'iso-2022-jp-2': 'iso-2022-jp',
  'iso-2022-jp-3': 'iso-2022-jp',
  'x-unknown': 'utf-8',
  'unknown-8bit': 'utf-8',
  utf8: 'utf-8',
};

/** Decodes bytes in a mail charset; unknown charsets fall back to UTF-8 (never throws). */
export function decodeCharset(bytes, charset) {
  const label = String(charset || 'utf-8').trim().toLowerCase().replace(/^"|"$/g, '');
  for (const candidate of [CHARSET_ALIASES[label] ?? label, 'utf-8']) {
    try {
      return new TextDecoder(candidate).decode(bytes);
    } catch {
      // An unknown label: try the next candidate.
    }
  }
  return '';
}

/** Base64 body -> bytes; ignores line breaks and stray characters like mail readers do. */
export function decodeBase64(text) {
  let clean = text.replace(/[^A-Za-z0-9+/]/g, '');
  if (clean.length % 4 === 1) clean = clean.slice(0, -1); // a dangling sextet carries no byte
  clean += '='.repeat((4 - (clean.length % 4)) % 4);
  try {
    return fromBinary(atob(clean));
  } catch {
    return new Uint8Array();
  }
}

/** Quoted-printable body (binary string) -> bytes. Broken escapes are kept as written. */
export function decodeQuotedPrintable(binary) {
  const unfolded = binary.replace(/[ \t]*=\r?\n/g, '').replace(/[ \t]+(?=\r?\n)/g, '');
  return fromBinary(unfolded.replace(/=([0-9A-Fa-f]{2})/g, (_, hex) => String.fromCharCode(parseInt(hex, 16))));
}

/** Decodes RFC 2047 encoded words in a header value (binary string) -> text. */
export function decodeHeaderValue(binary) {
  // Whitespace between two adjacent encoded words is not part of the text (RFC 2047, 6.2).
  const joined = binary.replace(/(=\?[^?\s]+\?[bBqQ]\?[^?\s]*\?=)\s+(?==\?[^?\s]+\?[bBqQ]\?[^?\s]*\?=)/g, '$1');
  let out = '';
  let rest = 0;
  for (const match of joined.matchAll(/=\?([^?\s]+)\?([bBqQ])\?([^?\s]*)\?=/g)) {
    out += decodeCharset(fromBinary(joined.slice(rest, match.index)), 'utf-8');
    const charset = match[1].split('*')[0]; // RFC 2231 language suffix: charset*lang
    const bytes = match[2].toUpperCase() === 'B'
      ? decodeBase64(match[3])
      : fromBinary(match[3].replace(/_/g, ' ').replace(/=([0-9A-Fa-f]{2})/g, (_, hex) => String.fromCharCode(parseInt(hex, 16))));
    out += decodeCharset(bytes, charset);
    rest = match.index + match[0].length;
  }
  out += decodeCharset(fromBinary(joined.slice(rest)), 'utf-8');
  return out.replace(/\s+/g, ' ').trim();
}

/** Splits a header block into [{name, value}] (name lowercased, value still a binary string). */
export function parseHeaders(block) {
  const headers = [];
  const unfolded = block.replace(/\r?\n(?=[ \t])/g, '');
  for (const line of unfolded.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!/^[\x21-\x39\x3b-\x7e]+$/.test(name)) continue;
    headers.push({ name, value: line.slice(colon + 1).trim() });
  }
  return headers;
}

function headerValue(headers, name) {
  return headers.find((header) => header.name === name)?.value;
}

/**
 * A structured header like Content-Type: `{value: 'text/html', params: {charset: 'utf-8'}}`.
 * Handles quoted strings and RFC 2231 continuations and charsets (`name*0*=utf-8''...`).
 */
export function parseStructuredHeader(raw) {
  // Comments are not stripped: parentheses are legal inside quoted boundaries.
  const text = String(raw ?? '');
  const semicolon = text.search(/;|$/);
  const value = text.slice(0, semicolon).trim().toLowerCase();
  const pieces = new Map(); // base name -> [{index, encoded, text}]
  const paramPattern = /;\s*([^\s=;]+)\s*=\s*("(?:[^"\\]|\\.)*"|[^;]*)/g;
  for (const match of text.slice(semicolon).matchAll(paramPattern)) {
    const key = match[1].toLowerCase();
    let paramText = match[2].trim();
    if (paramText.startsWith('"')) paramText = paramText.slice(1, -1).replace(/\\(.)/g, '$1');
    const continuation = /^(.+?)\*(\d+)(\*?)$/.exec(key);
    const extended = /^(.+?)\*$/.exec(key);
    const base = continuation ? continuation[1] : extended ? extended[1] : key;
    const index = continuation ? Number(continuation[2]) : 0;
    const encoded = continuation ? continuation[3] === '*' : Boolean(extended);
    if (!pieces.has(base)) pieces.set(base, []);
    pieces.get(base).push({ index, encoded, text: paramText });
  }
  const params = {};
  for (const [name, parts] of pieces) {
    parts.sort((a, b) => a.index - b.index);
    let charset = null;
    let binary = '';
    parts.forEach((part, position) => {
      let piece = part.text;
      if (part.encoded && position === 0) {
        const quote = /^([^']*)'[^']*'(.*)$/.exec(piece);
        if (quote) {
          charset = quote[1] || null;
          piece = quote[2];
        }
      }
      binary += part.encoded ? piece.replace(/%([0-9A-Fa-f]{2})/g, (_, hex) => String.fromCharCode(parseInt(hex, 16))) : piece;
    });
    if (parts.some((part) => part.encoded) || charset) params[name] = decodeCharset(fromBinary(binary), charset ?? 'utf-8');
    else if (binary.includes('=?')) params[name] = decodeHeaderValue(binary); // non-standard but common in filenames
    else params[name] = decodeCharset(fromBinary(binary), 'utf-8'); // verbatim: boundaries may hold spaces
  }
  return { value, params };
}

function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The parts of a multipart body: the text between delimiter lines `--boundary`, up to the
 * closing `--boundary--` (or the end, for truncated messages). The line break before a
 * delimiter belongs to the delimiter (RFC 2046, 5.1.1).
 */
export function splitMultipart(body, boundary) {
  const delimiter = new RegExp(`(?:^|\\r?\\n)--${escapeRegExp(boundary)}(--)?[ \\t]*(?=\\r?\\n|$)`, 'g');
  const parts = [];
  let start = -1;
  for (const match of body.matchAll(delimiter)) {
    if (start >= 0) parts.push(body.slice(start, match.index));
    if (match[1]) return { parts, closed: true };
    const lineEnd = /^\r?\n/.exec(body.slice(match.index + match[0].length, match.index + match[0].length + 2));
    start = match.index + match[0].length + (lineEnd ? lineEnd[0].length : 0);
  }
  if (start >= 0) parts.push(body.slice(start));
  return { parts, closed: false };
}

function splitHeadersAndBody(raw) {
  if (/^\r?\n/.test(raw)) return { headerBlock: '', body: raw.replace(/^\r?\n/, '') };
  const blank = /\r?\n\r?\n/.exec(raw);
  if (!blank) return { headerBlock: raw, body: '' };
  return { headerBlock: raw.slice(0, blank.index), body: raw.slice(blank.index + blank[0].length) };
}

function isAscii(bytes) {
  for (const byte of bytes) if (byte > 0x7f) return false;
  return true;
}

/**
 * Parses one entity (a message or a body part). `pasted`: the source came in as text that the
 * page already had decoded, so 8-bit bodies are UTF-8 whatever charset they declare.
 */
function parseEntity(raw, context, path, defaultType) {
  context.count += 1;
  const { headerBlock, body } = splitHeadersAndBody(raw);
  const headers = parseHeaders(headerBlock);
  const contentType = parseStructuredHeader(headerValue(headers, 'content-type') ?? defaultType);
  let [type, subtype] = contentType.value.split('/');
  if (!type || !subtype) [type, subtype] = ['text', 'plain'];
  const encoding = String(headerValue(headers, 'content-transfer-encoding') ?? '7bit').trim().toLowerCase();
  const disposition = parseStructuredHeader(headerValue(headers, 'content-disposition') ?? '');
  const entity = {
    path,
    headers,
    type: `${type}/${subtype}`,
    charset: contentType.params.charset ?? null,
    encoding,
    disposition: disposition.value || null,
    filename: disposition.params.filename ?? contentType.params.name ?? null,
    size: body.length,
    children: [],
    text: null,
    truncated: false,
  };

  if (type === 'multipart' && contentType.params.boundary) {
    if (context.depth >= MAX_DEPTH) {
      entity.truncated = true;
      return entity;
    }
    const childDefault = subtype === 'digest' ? 'message/rfc822' : 'text/plain; charset=us-ascii';
    const { parts } = splitMultipart(body, contentType.params.boundary);
    context.depth += 1;
    parts.forEach((part, index) => {
      if (context.count >= MAX_PARTS) {
        entity.truncated = true;
        return;
      }
      entity.children.push(parseEntity(part, context, `${path}.${index + 1}`, childDefault));
    });
    context.depth -= 1;
    return entity;
  }

  let bytes;
  if (encoding === 'base64') bytes = decodeBase64(body);
  else if (encoding === 'quoted-printable') bytes = decodeQuotedPrintable(body);
  else bytes = fromBinary(body);

  if (type === 'message' && (subtype === 'rfc822' || subtype === 'global') && context.depth < MAX_DEPTH) {
    context.depth += 1;
    entity.children.push(parseEntity(toBinary(bytes), context, `${path}.1`, 'text/plain; charset=us-ascii'));
    context.depth -= 1;
    return entity;
  }

  if (type === 'text') {
    const transferred = encoding === 'base64' || encoding === 'quoted-printable';
    // Text the page decoded already (a paste) is UTF-8 now; ASCII-only bodies (ISO-2022-JP among
    // them) still need their declared charset.
    const charset = context.pasted && !transferred && !isAscii(bytes) ? 'utf-8' : entity.charset ?? 'us-ascii';
    entity.text = decodeCharset(bytes, charset);
  }
  return entity;
}

/**
 * Parses a raw message. `source` is a string (pasted text) or a Uint8Array (a file's bytes).
 * Returns the root entity with `subject`, `from`, `to`, `date` decoded for display.
 */
export function parseMessage(source) {
  const pasted = typeof source === 'string';
  const bytes = pasted ? new TextEncoder().encode(source) : source;
  let raw = toBinary(bytes);
  raw = raw.replace(/^\uFEFF/, '').replace(/^\xEF\xBB\xBF/, '');
  raw = raw.replace(/^From [^\r\n]*\r?\n/, ''); // an mbox "From " separator line
  const root = parseEntity(raw, { pasted, depth: 0, count: 0 }, '1', 'text/plain; charset=us-ascii');
  const display = (name) => {
    const value = headerValue(root.headers, name);
    return value == null ? null : decodeHeaderValue(value);
  };
  return {
    root,
    subject: display('subject'),
    from: display('from'),
    to: display('to'),
    date: display('date'),
    hasHeaders: root.headers.length > 0,
  };
}

/** Every entity of the tree, depth first. */
export function* walk(entity) {
  yield entity;
  for (const child of entity.children) yield* walk(child);
}
