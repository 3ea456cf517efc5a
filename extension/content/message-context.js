// @ts-check
// The message a link is in, as the webmail shows it: who the mail says it is from (the sender's
// name and address) and its subject, for the engine to judge the link against the brand the
// mail presents itself as (src/message/claim.rs). Only the links in a message's body get it:
// a link in the header (the sender written as a mail link, the webmail's own buttons) is not
// the mail's. Elsewhere, and in a webmail whose markup is not known here, a link has no
// message, as before.
//
// Read per webmail, from the markup each one shows (docs/architecture.md):
// - Gmail (on mail.google.com): a message is `div.adn`, its body `div.a3s`, its sender
//   `span.gD[email][name]` in its header (`h3.iw`; the recipients beside it are `span.g2`); the
//   thread's subject is `h2.hP`, one per thread view (Gmail keeps the views it showed: the
//   message's own view's).
// - Roundcube (1.6, elastic and larry; any host): one message per document (the preview
//   frame, or the message page), its body `#messagebody`, its headers a table (`td.header.from`,
//   `td.header.replyto`, each address a mail link), the subject `#message-header h2.subject`
//   (elastic, after a hidden "Subject:") or `td.header.subject` (larry).
// Outlook on the web and Yahoo Mail are not read: their class names are generated and change,
// and the selectors others publish disagree on which element is the sender. Reading the wrong
// one (a recipient for the sender) would make a brand's own mail look like an impersonation.
//
// A context is sent only when the sender's address is known: a subject saying 【三井住友カード】
// with no sender read yet would judge the card company's own mail as coming from someone else.
// Single-page webmail may draw a message's header after its body: the scan gives each header
// element it reads to `bodiesHeadedBy`, and reads that message's links again (scan.js).
import { frameContexts } from '../shared/scan-frame.js';

/**
 * A message's context, its key (the context framed: two links in one message share it) and
 * the key's id, a short stand-in for it in each of its links' keys (links.js keyOf).
 * @typedef {{ context: MessageContext, key: string, id: string }} Message
 */

/**
 * How one webmail shows a message: `here` says whether this document is that webmail's (asked
 * once per pass; most pages are no webmail, and their links are then passed at once), `body`
 * matches the element holding a message's body, `header` the elements whose arrival or change
 * changes a message's context, `read` reads the context of the message whose body is `body`
 * (null: not enough of it shown), `bodiesOf` the bodies whose context a header element is part of.
 * @typedef {{ name: string, here: (doc: Document, hostname: string) => boolean, body: string, header: string,
 *   read: (body: Element) => MessageContext | null,
 *   bodiesOf: (header: Element) => Iterable<Element> }} Webmail
 */

/** The text of `el` without its layout's runs of white space. @param {Element | null | undefined} el */
const textOf = (el) => el?.textContent?.replace(/\s+/g, ' ').trim() || undefined;

/** The text of `el`'s own text nodes (not of its children: a hidden label, a button). @param {Element | null | undefined} el */
function ownText(el) {
  if (!el) return undefined;
  let text = '';
  for (const node of el.childNodes) if (node.nodeType === Node.TEXT_NODE) text += node.textContent;
  return text.replace(/\s+/g, ' ').trim() || undefined;
}

/**
 * A mail link of Roundcube's header (`<a href="mailto:address" title="address">name</a>`, or
 * "name <address>" as its text when the user asked to see addresses) as a name and an address.
 * @param {Element | null} link
 * @returns {{ name?: string, address?: string }}
 */
function roundcubeAddress(link) {
  const href = link?.getAttribute('href') ?? '';
  if (!/^mailto:/i.test(href)) return {};
  let address;
  try {
    address = decodeURIComponent(href.slice('mailto:'.length).split('?')[0]).trim();
  } catch {
    return {};
  }
  if (!address.includes('@')) return {};
  let name = textOf(link);
  if (name?.endsWith(`<${address}>`)) name = name.slice(0, -(address.length + 2)).trim();
  return { name: name || undefined, address };
}

/**
 * The subject of the Gmail thread view `message` (a div.adn) is in. Gmail keeps the views it
 * showed (hidden), each with its subject: the view is the closest element around the message
 * that holds a subject, and it must hold one only; an element holding several is around other
 * views too, and this view has no subject of its own (none is taken).
 * @param {Element} message
 */
function gmailSubject(message) {
  for (let view = message.parentElement; view; view = view.parentElement) {
    const subjects = view.querySelectorAll('h2.hP');
    if (subjects.length) return subjects.length === 1 ? subjects[0] : null;
  }
  return null;
}

/** @type {Webmail[]} */
const WEBMAILS = [
  {
    name: 'gmail',
    // Its markup is Gmail's own there only (a mail's classes are renamed: no mail draws a3s).
    here: (_doc, hostname) => hostname === 'mail.google.com',
    body: 'div.a3s',
    header: 'span.gD[email], h2.hP',
    read(body) {
      const message = body.closest('div.adn');
      const sender = message?.querySelector('span.gD[email]');
      const address = sender?.getAttribute('email')?.trim();
      if (!address?.includes('@')) return null;
      return {
        sender_name: sender.getAttribute('name')?.trim() || undefined,
        sender_address: address,
        subject: textOf(gmailSubject(message)),
      };
    },
    bodiesOf(header) {
      // A sender is its own message's; a subject its thread view's.
      if (header.localName === 'span') return header.closest('div.adn')?.querySelectorAll('div.a3s') ?? [];
      for (let view = header.parentElement; view; view = view.parentElement) {
        if (view.querySelector('div.adn')) return view.querySelectorAll('div.adn div.a3s');
      }
      return [];
    },
  },
  {
    name: 'roundcube',
    // On any host; its message page and preview frame have this id (a mail's ids are renamed).
    here: (doc) => doc.getElementById('messagebody') !== null,
    body: '#messagebody',
    header: 'td.header.from',
    read(body) {
      const doc = body.ownerDocument;
      const from = roundcubeAddress(doc.querySelector('td.header.from a[href^="mailto:" i]'));
      if (!from.address) return null;
      const replyTo = roundcubeAddress(doc.querySelector('td.header.replyto a[href^="mailto:" i]'));
      return {
        sender_name: from.name,
        sender_address: from.address,
        subject: ownText(doc.querySelector('#message-header h2.subject')) ?? textOf(doc.querySelector('td.header.subject')),
        reply_to: replyTo.address && (replyTo.name && replyTo.name !== replyTo.address ? `${replyTo.name} <${replyTo.address}>` : replyTo.address),
      };
    },
    bodiesOf(header) {
      const body = header.ownerDocument.getElementById('messagebody');
      return body ? [body] : [];
    },
  },
];

/** Every webmail's header elements: the scan reads them with the links (scan.js). */
export const HEADER_SELECTOR = WEBMAILS.map((w) => w.header).join(', ');
/** The tags of those elements: most elements the scan meets are none, and are passed at once. */
const HEADER_TAGS = new Set(['span', 'h2', 'td']);

/** Whether `el` is a header element of a webmail (HEADER_SELECTOR). @param {Element} el */
export function isMessageHeader(el) {
  return HEADER_TAGS.has(el.localName) && el.matches(HEADER_SELECTOR);
}

/**
 * What this pass over the links knows: the webmail this document is (null: none), and the
 * messages read, by body (a mail's links are read in one pass, its header once for all of
 * them). Forgotten after the pass: a header may change between two, and a single-page webmail
 * may become one (reading `location` costs as much as reading a link: once per pass).
 * @type {{ webmail: Webmail | null, hostname: string, messages: Map<Element, Message | null> } | null}
 */
let pass = null;

/**
 * The message `el` (a link or a form) is in, as its webmail shows it; null when it is in none
 * (not in a message's body, a webmail not known here, a message whose sender isn't shown yet).
 * @param {Element} el
 * @returns {Message | null}
 */
export function messageOf(el) {
  if (!pass) {
    const { protocol, hostname } = location;
    const web = /^https?:$/.test(protocol) ? hostname : '';
    pass = { webmail: WEBMAILS.find((w) => w.here(document, web)) ?? null, hostname: web, messages: new Map() };
    queueMicrotask(() => { pass = null; });
  }
  const { webmail, messages } = pass;
  const body = webmail && el.closest(webmail.body);
  if (!body) return null;
  let message = messages.get(body);
  if (message === undefined) {
    message = read(webmail, body, pass.hostname);
    messages.set(body, message);
  }
  return message;
}

/** @param {Webmail} webmail @param {Element} body @param {string} hostname @returns {Message | null} */
function read(webmail, body, hostname) {
  const context = webmail.read(body);
  if (!context) return null;
  // The webmail's own host: its links (Roundcube writes a mail link as its compose page) are
  // the reader's own mailbox, not somewhere the mail sends them.
  if (hostname) context.webmail_host = hostname;
  for (const field of Object.keys(context)) if (context[field] === undefined) delete context[field];
  const key = frameContexts([context]);
  return { context, key, id: idOf(key) };
}

/** How many message keys `ids` holds before it starts again (a single-page webmail's day). */
const MAX_MESSAGES = 1000;
/** Message key -> its id. @type {Map<string, string>} */
const ids = new Map();
let nextId = 0;

/**
 * The id of a message key: the same for the same key while `ids` holds it. An id is never
 * given twice, so when `ids` starts again a cached link key with an old id can't be taken for
 * another message's link: it is asked again under its new id.
 * @param {string} key
 */
function idOf(key) {
  let id = ids.get(key);
  if (id === undefined) {
    if (ids.size >= MAX_MESSAGES) ids.clear();
    id = (nextId++).toString(36);
    ids.set(key, id);
  }
  return id;
}

/**
 * The message bodies whose context `el`, a header element (isMessageHeader), is part of.
 * @param {Element} el
 * @returns {Iterable<Element>}
 */
export function bodiesHeadedBy(el) {
  for (const webmail of WEBMAILS) if (el.matches(webmail.header)) return webmail.bodiesOf(el);
  return [];
}
