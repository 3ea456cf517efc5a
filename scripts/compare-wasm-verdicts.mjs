#!/usr/bin/env node
// @ts-check
// Runs the same links through two shipped wasm builds (`.build/wasm` directories made by
// `make wasm`) and prints every verdict that differs. For changes that must not change
// behaviour (size work, dependency swaps): build the old commit into another directory, e.g.
//
//   git archive <old-commit> | tar -x -C /tmp/old && (cd /tmp/old && make wasm)
//   node scripts/compare-wasm-verdicts.mjs /tmp/old/.build/wasm .build/wasm target/bench-corpus.jsonl
//
// The corpus is the JSON-lines file `make bench` writes ({href, text} per line). Every fifth link
// is also tried in Unicode variants (full-width text, ligatures, mathematical letters, Cyrillic
// and Greek lookalikes in the host, combining marks, invisible characters), so normalization and
// homograph code paths are compared too. Exit status 1 when any verdict differs.
//
// --ignore-explained: leave out each reason's `explained` (the messages that say it, see
// src/wasm.rs) before comparing, for a build that adds it against one without.

import fs from 'node:fs';
import { loadWasm } from './node-engine.mjs';

const load = (dir) => new (loadWasm(dir).LinkGuard)();

const args = process.argv.slice(2);
const ignoreExplained = args.includes('--ignore-explained');
const [oldDir, newDir, corpusPath] = args.filter((a) => !a.startsWith('--'));
if (!corpusPath) {
  console.error('usage: compare-wasm-verdicts.mjs [--ignore-explained] OLD_WASM_DIR NEW_WASM_DIR CORPUS.jsonl');
  process.exit(2);
}
/** The verdict as compared: without the reasons' `explained` when asked to ignore it. */
const comparable = (verdict) => (ignoreExplained
  ? { ...verdict, reasons: verdict.reasons.map(({ explained: _explained, ...reason }) => reason) }
  : verdict);
const [before, after] = [load(oldDir), load(newDir)];
const corpus = fs
  .readFileSync(corpusPath, 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((line) => JSON.parse(line));
const links = corpus.map(({ href, text }) => ({ href, text }));

const fullWidth = (s) =>
  [...s].map((c) => (c >= '!' && c <= '~' ? String.fromCodePoint(c.codePointAt(0) + 0xfee0) : c)).join('');
const mathBold = (s) =>
  [...s].map((c) => (c >= 'a' && c <= 'z' ? String.fromCodePoint(0x1d41a + c.charCodeAt(0) - 97) : c)).join('');
// Replaces every `every`-th letter that `map` has a lookalike for.
const swap = (s, map, every) => {
  let n = 0;
  return s.replace(/[a-z]/g, (c) => (map[c] && n++ % every === 0 ? map[c] : c));
};
const swapHost = (href, map, every) => {
  try {
    const { host } = new URL(href);
    return host ? href.replace(host, swap(host, map, every)) : href;
  } catch {
    return href;
  }
};
const CYRILLIC = { a: 'а', e: 'е', o: 'о', p: 'р', c: 'с', x: 'х', y: 'у', i: 'і', s: 'ѕ', j: 'ј' };
const GREEK = { a: 'α', o: 'ο', v: 'ν', i: 'ι', k: 'κ', n: 'η', u: 'υ' };
const MIXED = { e: 'é', u: 'ü', o: 'ö', a: 'å', g: 'ɡ', l: 'ӏ', m: 'ｍ' };
for (let i = 0; i < corpus.length; i += 5) {
  const { href, text } = corpus[i];
  links.push({ href, text: fullWidth(text) });
  links.push({ href, text: text.replace(/ff/g, 'ﬀ').replace(/fi/g, 'ﬁ').replace(/\./g, '。') });
  links.push({ href, text: mathBold(text) });
  links.push({ href: swapHost(href, CYRILLIC, 1), text });
  links.push({ href: swapHost(href, CYRILLIC, 3), text });
  links.push({ href: swapHost(href, GREEK, 2), text });
  links.push({ href: swapHost(href, MIXED, 2), text: swap(text, { o: 'o\u0301', a: 'a\u0308' }, 4) });
  links.push({ href, text: text.replace(/\./g, '\u200b.').replace(/a/g, 'a\u00ad') });
}

const BATCH = 500;
let differing = 0;
const reasons = {};
for (let i = 0; i < links.length; i += BATCH) {
  const batch = links.slice(i, i + BATCH);
  const [a, b] = [before.analyzeBatch(batch), after.analyzeBatch(batch)];
  batch.forEach((link, j) => {
    const [sa, sb] = [JSON.stringify(comparable(a[j])), JSON.stringify(comparable(b[j]))];
    for (const r of b[j].reasons) reasons[r.code] = (reasons[r.code] ?? 0) + 1;
    if (sa !== sb && differing++ < 20) console.log(`DIFF ${JSON.stringify(link)}\n  old ${sa}\n  new ${sb}`);
  });
}
console.log(`${links.length} links, ${differing} differing verdicts`);
console.log(`reasons (new build): ${JSON.stringify(reasons)}`);
process.exit(differing ? 1 : 0);
