// One word for one idea (docs/glossary.md), in everything a person reads: the catalogs
// (data/locales/*/messages.json and cli.json), the extension's pages, the www pages and the texts
// the demo shows besides its mails (each mail's hint, the sample messages' labels). Not the
// golden cases' descriptions (tests/data/cases.json), which are the tests' own notes. No browser: the texts are read from their sources; the e2e suites check the
// pages as rendered (tests/e2e/a11y.test.mjs).
//
// Fails when a text uses a word the glossary retired, when a Japanese text uses half-width
// punctuation, and when a message or a page text shows jargon (the command's help, cli.json, may:
// its readers type options).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const read = (p) => fs.readFileSync(path.join(ROOT, p), 'utf8');

/** The rows of the markdown table that follows `heading` in the glossary, as arrays of cells. */
function tableAfter(markdown, heading) {
  const start = markdown.indexOf(`\n${heading}\n`);
  assert.ok(start >= 0, `docs/glossary.md has "${heading}"`);
  const rows = [];
  for (const line of markdown.slice(start + heading.length + 2).split('\n')) {
    if (line.startsWith('#')) break;
    if (!line.startsWith('|') || /^\|[-| ]+\|$/.test(line)) continue;
    rows.push(line.slice(1, -1).split('|').map((cell) => cell.trim()));
  }
  return rows.slice(1); // the header row
}

const quoted = (cell) => [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1]);

const GLOSSARY = read('docs/glossary.md');
/** Each retired word, with the word to use instead. */
const RETIRED = tableAfter(GLOSSARY, '## Words').flatMap(([, ja, en, retiredJa, retiredEn]) => [
  ...quoted(retiredJa).map((word) => ({ word, instead: ja })),
  ...quoted(retiredEn).map((word) => ({ word, instead: en })),
]);
/** Jargon, but the reason codes' row (its examples stand for every code: see REASON_CODES below). */
const JARGON = tableAfter(GLOSSARY, '## Not in what people read')
  .filter(([jargon]) => !jargon.startsWith('reason codes'))
  .flatMap(([jargon, instead]) => quoted(jargon).map((word) => ({ word, instead })));

/** The engine's reason codes that can't be ordinary words: those with a hyphen (`text-mismatch`). */
const REASON_CODES = [...new Set([...read('src/verdict.rs').matchAll(/ReasonCode::\w+ => "([a-z]+(?:-[a-z]+)+)"/g)].map((m) => m[1]))];

const JAPANESE = /[\u3040-\u30ff\u3400-\u9fff]/g;

/**
 * The language of a text on a page that has both: Japanese when a good share of its letters
 * are (an English sentence quoting a Japanese name is English).
 */
const languageOf = (text) => ((text.match(JAPANESE)?.length ?? 0) * 3 >= (text.match(/[A-Za-z]/g)?.length ?? 0) ? 'ja' : 'en');

/**
 * What is wrong with `text` (shown to people in `lang`, 'ja' or 'en'), as a list of sentences.
 * `jargon`: whether jargon counts (not in the command's help).
 */
export function problemsIn(message, { lang, jargon = true }) {
  const problems = [];
  // The values substituted into a message ($ACTUAL$, $PUNYCODE$...) are not its words, nor is
  // what a page's text shows as code (<code>chrome://extensions</code>).
  const text = message.replace(/\$[A-Za-z0-9_]+\$|<code>[\s\S]*?<\/code>|<\/?(em|strong|br)>/g, ' ');
  const lower = text.toLowerCase();
  for (const { word, instead } of RETIRED) {
    if (lower.includes(word.toLowerCase())) problems.push(`uses the retired "${word}" (say ${instead})`);
  }
  if (jargon) {
    for (const { word, instead } of JARGON) {
      if (new RegExp(`(^|[^A-Za-z])${word}([^A-Za-z]|$)`, 'i').test(text)) problems.push(`shows the jargon "${word}" (${instead})`);
    }
    for (const code of REASON_CODES) {
      if (new RegExp(`(^|[^\\w-])${code}([^\\w-]|$)`).test(text)) problems.push(`shows the reason code "${code}"`);
    }
  }
  if (lang === 'ja') {
    // What is quoted as code or typed by the reader keeps its characters.
    const prose = text.replace(/'[^']*'|"[^"]*"|`[^`]*`|\{[^}]*\}|[a-z]+:\/\/\S*/g, ' ');
    for (const m of prose.matchAll(/[()]|:(?=\s|$)/g)) {
      problems.push(`half-width "${m[0]}" in Japanese (use ${m[0] === ':' ? '：' : '（）'})`);
    }
  }
  return problems;
}

/** The texts of an HTML page: its text nodes and the attributes people read, outside code blocks. */
function htmlTexts(html) {
  const bare = html
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<(script|style|pre|code)\b[\s\S]*?<\/\1>/gi, ' ');
  const texts = [];
  for (const m of bare.matchAll(/\b(?:alt|title|aria-label|placeholder)="([^"]*)"/g)) texts.push(m[1]);
  for (const chunk of bare.split(/<[^>]*>/)) {
    const text = chunk.replace(/&[a-z]+;|&#\d+;/g, ' ').trim();
    if (text) texts.push(text);
  }
  return texts;
}

/** Every text checked: where it is, its language ('ja', 'en' or null for "look at it"), the text. */
async function everyText() {
  const texts = [];
  for (const lang of ['en', 'ja']) {
    for (const [file, jargon] of [['messages.json', true], ['cli.json', false]]) {
      const catalog = JSON.parse(read(`data/locales/${lang}/${file}`));
      for (const [key, { message }] of Object.entries(catalog)) {
        if (key === 'language') continue; // a language tag, never shown
        texts.push({ where: `data/locales/${lang}/${file} ${key}`, lang, text: message, jargon });
      }
    }
  }
  const pages = [
    ...fs.readdirSync(path.join(ROOT, 'extension/pages')).filter((f) => f.endsWith('.html')).map((f) => `extension/pages/${f}`),
    'www/index.html', 'www/mail/index.html', 'www/check/index.html', 'www/privacy/index.html',
  ];
  for (const page of pages) {
    for (const text of htmlTexts(read(page))) texts.push({ where: page, lang: languageOf(text), text, jargon: true });
  }
  const { MESSAGES } = await import(path.join(ROOT, 'www/mail/messages.js'));
  for (const message of MESSAGES) {
    for (const lang of ['ja', 'en']) texts.push({ where: `www/mail/messages.js ${message.id} hint`, lang, text: message.hint[lang], jargon: true });
  }
  for (const sample of JSON.parse(read('www/check/samples/samples.json')).samples) {
    for (const lang of ['ja', 'en']) texts.push({ where: `www/check/samples/samples.json ${sample.file}`, lang, text: sample.label[lang], jargon: true });
  }
  return texts;
}

describe('one vocabulary (docs/glossary.md)', () => {
  test('the glossary is read: retired words, jargon, reason codes', () => {
    assert.ok(RETIRED.length >= 20, `${RETIRED.length} retired words`);
    assert.ok(RETIRED.some((r) => r.word === 'ブロック' && r.instead.startsWith('止める')), JSON.stringify(RETIRED.slice(0, 3)));
    assert.ok(JARGON.some((j) => j.word === 'JSON'));
    assert.ok(REASON_CODES.includes('text-mismatch') && REASON_CODES.includes('dynamic-dns'), `${REASON_CODES}`);
  });

  test('the check finds what it looks for', () => {
    assert.deepEqual(problemsIn('linkguard がこのアドレスをブロックしました', { lang: 'ja' }), ['uses the retired "ブロック" (say 止める（止めました）)']);
    assert.deepEqual(problemsIn('アドレスがIPアドレス(数字)です', { lang: 'ja' }), ['half-width "(" in Japanese (use （）)', 'half-width ")" in Japanese (use （）)']);
    assert.deepEqual(problemsIn('linkguard: このタブ', { lang: 'ja' }), ['half-width ":" in Japanese (use ：)']);
    assert.deepEqual(problemsIn("$FILE$：'linkguard check -' を使ってください（$PUNYCODE$）", { lang: 'ja' }), []);
    assert.deepEqual(problemsIn('Open it this once', { lang: 'en' }), ['uses the retired "this once" (say Open anyway)']);
    assert.deepEqual(problemsIn("The engine's output (JSON)", { lang: 'en' }).length, 1);
    assert.deepEqual(problemsIn("The engine's output (JSON)", { lang: 'en', jargon: false }), []);
    assert.deepEqual(problemsIn('text-mismatch, free-hosting', { lang: 'en' }).length, 2);
    assert.deepEqual(problemsIn('data-linkguard-level', { lang: 'en' }), []);
  });

  test('no retired word, no half-width punctuation in Japanese, no jargon in a message or a page', async () => {
    const texts = await everyText();
    assert.ok(texts.length > 400, `${texts.length} texts read`);
    const problems = texts.flatMap(({ where, lang, text, jargon }) =>
      problemsIn(text, { lang, jargon }).map((p) => `${where}: ${p}: ${text.slice(0, 80)}`));
    assert.deepEqual(problems, []);
  });
});
