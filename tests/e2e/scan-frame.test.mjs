// @ts-check
// scanBatch's frame, written by the extension (extension/shared/scan-frame.js) and read by the
// engine (LinkGuard::scan_batch in src/wasm.rs): every bypass case (tests/data/bypasses.json:
// every field a link has) and every golden case (tests/data/cases.json, those in a message with
// their message's context) framed by the extension's code in one batch, and each line of the
// engine's answer equal to what `analyze` says of that link (in its message). A field the two
// sides order or count differently gives another verdict, or an unreadable one. Needs `make wasm`.
//   node --test tests/e2e/scan-frame.test.mjs
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import {
  LINK_FIELDS, LINK_FIELD_NAMES, fieldsOfFrame, frameBytes, frameContexts, frameFields, frameLinkFields, frameLinks, leanVerdict, linksOfFrame,
} from '../../extension/shared/scan-frame.js';
import { loadWasm } from '../../scripts/node-engine.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const readJson = (/** @type {string} */ name) => JSON.parse(fs.readFileSync(path.join(ROOT, 'tests', 'data', name), 'utf8'));
const wasm = loadWasm(path.join(ROOT, '.build', 'wasm'));
const engine = new wasm.LinkGuard();

/**
 * Links whose verdict depends on one field the cases don't set (checked below): a title that
 * shows another site, Gmail's redirect for a link without href, Outlook's original URL.
 * @type {{ [field: string]: LinkInput }}
 */
const FIELD_LINKS = {
  title: { href: 'https://evil.example.net/', text: '', title: 'https://www.eki-net.com/' },
  saferedirecturl: { href: '', text: 'Report', saferedirecturl: 'https://www.google.com/url?q=https://foo.duckdns.org/&source=gmail' },
  originalsrc: { href: 'https://www.example.com/', text: 'Report', originalsrc: 'https://checkid.ddnsking.com/' },
};

/** A message through a list whose List-Id names another host than its address's. */
const VIA_LIST = {
  sender_name: 'えきねっと（JR東日本） via Osst-users',
  sender_address: 'osst-users@mail.example.net',
  reply_to: 'えきねっと（JR東日本） <eki-support@zdwainofwd.example.com>',
  list_id: 'Discussion <osst-users.lists.example.org>',
  list_unsubscribe: '<https://unsubscribe.example.org/osst-users>',
};

/** Links in a message whose verdict depends on a context field the cases don't make matter. */
const FIELD_MESSAGES = {
  list_id: { input: { href: 'https://lists.example.org/listinfo/osst-users', text: 'List info' }, context: VIA_LIST },
  list_unsubscribe: { input: { href: 'https://unsubscribe.example.org/osst-users', text: 'Leave the list' }, context: VIA_LIST },
  // Roundcube writes a mail link as its own compose page.
  webmail_host: {
    input: { href: 'https://mail.example.org/?_task=mail&_action=compose&_to=eki-support@zdwainofwd.example.com', text: 'Reply' },
    context: { ...VIA_LIST, webmail_host: 'mail.example.org' },
  },
};

/** @type {{ id: string, input: LinkInput, context?: MessageContext }[]} */
const LINKS = [
  ...readJson('bypasses.json').cases.map((/** @type {any} */ c) => ({ id: `bypass ${c.id}`, input: c.input })),
  ...readJson('cases.json').cases.map((/** @type {any} */ c) => ({ id: c.id, input: { href: c.href, text: c.text }, context: c.context })),
  ...Object.entries(FIELD_LINKS).map(([field, input]) => ({ id: field, input })),
  ...Object.entries(FIELD_MESSAGES).map(([field, link]) => ({ id: field, ...link })),
];

/** A verdict as the content script holds it: a JSON line parsed, a lean one expanded. */
const verdictOf = (/** @type {string} */ line, /** @type {string} */ href) => (line.startsWith('{') ? JSON.parse(line) : leanVerdict(line, href));

/** `analyze`'s verdict reduced to what a lean line carries, for a plain safe link. */
function asLean(/** @type {Verdict} */ verdict) {
  const { level, reasons, unwrap_chain: chain, target } = verdict;
  return { level, reasons, unwrap_chain: chain, target: { url: target.url, host: target.host, registrable_domain: target.registrable_domain } };
}

test('every link, in its message, is read by the engine as the extension framed it', () => {
  const contexts = LINKS.flatMap((l) => (l.context ? [l.context] : []));
  assert.ok(contexts.length >= 5, 'golden cases in a message');
  // Every field of a link makes a difference to some link's verdict, so none can be misplaced unseen.
  for (const field of ['title', 'saferedirecturl', 'originalsrc', 'dom_text', 'ping', 'hidden', 'malformed']) {
    const differs = LINKS.some(({ input }) => {
      if (!(field in input)) return false;
      const without = { ...input };
      delete without[/** @type {keyof LinkInput} */ (field)];
      return JSON.stringify(engine.analyze(input)) !== JSON.stringify(engine.analyze(without));
    });
    assert.ok(differs, `a link whose verdict depends on its ${field}`);
  }
  // And every field of a message context the engine reads (return_path it carries, but no
  // verdict reads it).
  for (const field of ['sender_name', 'sender_address', 'subject', 'reply_to', 'list_id', 'list_unsubscribe', 'webmail_host']) {
    const differs = LINKS.some(({ input, context }) => {
      if (!context || !(field in context)) return false;
      const without = { ...context };
      delete without[/** @type {keyof MessageContext} */ (field)];
      return JSON.stringify(engine.analyze(input, context)) !== JSON.stringify(engine.analyze(input, without));
    });
    assert.ok(differs, `a link whose verdict depends on its message's ${field}`);
  }
  // Link i's message: its context's place among the contexts (in reverse order, so no index is
  // its link's place by chance).
  const reversed = [...contexts].reverse();
  /** @type {(number | undefined)[]} */
  const indexOf = [];
  let seen = 0;
  for (const link of LINKS) indexOf.push(link.context ? contexts.length - 1 - seen++ : undefined);

  const answer = engine.scanBatch(frameBytes(frameLinks(LINKS.map((l) => l.input), (i) => indexOf[i])), frameContexts(reversed));
  const lines = answer.split('\n');
  assert.equal(lines.pop(), '', 'every line ends in a line break');
  assert.equal(lines.length, LINKS.length, 'a line per link');
  let inMessage = 0;
  LINKS.forEach((link, i) => {
    const want = engine.analyze(link.input, link.context);
    const got = verdictOf(lines[i], link.input.href);
    assert.deepEqual(lines[i].startsWith('{') ? got : asLean(got), lines[i].startsWith('{') ? want : asLean(want), link.id);
    if (link.context && got.reasons.some((/** @type {Reason} */ r) => r.code === 'message-brand-mismatch')) inMessage++;
  });
  assert.ok(inMessage >= 3, 'links judged in their message');
});

test('a frame reads back into the fields it was written from, and a broken one into none', () => {
  const fields = ['https://例え.jp/a', '🎣 B', '', 'a,b;c', 'x'.repeat(300)];
  assert.deepEqual(fieldsOfFrame(frameFields(fields)), fields);
  assert.deepEqual(fieldsOfFrame(frameFields([])), []);
  for (const broken of ['no lengths', '3;ab', '1;abc', '-1;', '1.5;ab', 'x;']) assert.equal(fieldsOfFrame(broken), undefined, broken);
});

test("links' frames: each link's lengths up to its last field, a text that is its href `=`", () => {
  assert.equal(frameLinks([{ href: 'https://a.example/', text: 'https://a.example/' }, { href: 'https://b.example/', text: 'B' },
    { href: '', text: '' }, { href: 'h', text: '', malformed: true }]), '18,=/18,1/0/1,0,0,0,0,0,0,0,1;https://a.example/https://b.example/Bhm');
  assert.equal(frameLinks([{ href: 'https://a.example/', text: 'A' }], () => 12), '18,1,2;https://a.example/A12');
  assert.equal(frameLinks([]), ';');
  const contextOf = (/** @type {number} */ i) => (i % 3 ? i : undefined);
  const framed = frameLinks(LINKS.map((l) => l.input), contextOf);
  const read = /** @type {string[][]} */ (linksOfFrame(framed));
  assert.equal(read.length, LINKS.length);
  assert.ok(read.every((link) => link.length === LINK_FIELDS));
  assert.equal(frameLinkFields(read), framed, 'framed again from its fields, the same frame');
  read.forEach((link, i) => {
    const { input } = LINKS[i];
    const want = { href: input.href, text: input.text, context: String(contextOf(i) ?? ''), title: input.title ?? '',
      saferedirecturl: input.saferedirecturl ?? '', originalsrc: input.originalsrc ?? '', dom_text: input.dom_text ?? '',
      ping: input.ping?.join(' ') ?? '' };
    for (const [name, value] of Object.entries(want)) assert.equal(link[LINK_FIELD_NAMES.indexOf(name)], value, `${LINKS[i].id}: ${name}`);
  });
  assert.ok(read.some((link) => link[0] !== '' && link[1] === link[0]), 'a text that is its href');
  for (const broken of ['no lengths', '3;ab', '1;abc', '-1;', '1.5;ab', 'x;', '1/;a', '/1;a', '1//1;ab', '1,;a', '=;', '1,1,=;ab',
    '1,=1;a', '1,==;a', '1,1,1,1,1,1,1,1,1,1;abcdefghij']) {
    assert.equal(linksOfFrame(broken), undefined, broken);
  }
});

test('a frame of a link with too many fields, or broken lengths, is refused', () => {
  const fields = Array.from({ length: LINK_FIELDS }, () => 'x');
  assert.ok(engine.scanBatch(frameBytes(frameLinkFields([fields]))).endsWith('\n'));
  assert.ok(engine.scanBatch(frameBytes(frameLinkFields([fields.slice(0, 2)]))).endsWith('\n'), 'the last fields left out');
  assert.throws(() => engine.scanBatch(frameBytes(frameLinkFields([[...fields, 'x']]))));
  for (const broken of ['1/;a', '1//1;ab', '1,;a', '=;', '1,1,=;ab', '1,=1;a', '1,2;a']) {
    assert.throws(() => engine.scanBatch(frameBytes(broken)), broken);
  }
});
