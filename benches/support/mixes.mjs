// @ts-check
// The two mixes of links every engine row is measured on (benches/run.mjs):
//
//   mail   (href, text) pairs of real mail: every link of the corpus's ham/, newsletters/,
//          phish/ and ja-phish/ messages as `linkguard scan --json` reads them
//   urls   real phishing-URL lists (urls/: JPCERT/CC's CSVs, OpenPhish's feed), hrefs with no
//          text, sampled evenly down to URL_SAMPLE
//
// from /work/shared/corpus (LINKGUARD_CORPUS) when it is there; else the synthetic bench corpus
// (benches/support/corpus.rs) stands in: its pairs for `mail`, its http(s) hrefs for `urls`.
// The real links are written to target/ only (the corpus is never copied into the repository).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export const CORPUS_DIR = process.env.LINKGUARD_CORPUS ?? '/work/shared/corpus';
const MAIL_DIRS = ['ham', 'newsletters', 'phish', 'ja-phish'];
/** URL-list links measured at most (evenly spaced over the lists: every year, both sources). */
const URL_SAMPLE = 30_000;

/** A line of a JPCERT/CC CSV (`date,URL,description`; a field may be quoted). */
function csvUrl(line) {
  const m = /^[^,]*,("(?:[^"]|"")*"|[^,]*)/.exec(line);
  if (!m) return null;
  const field = m[1].startsWith('"') ? m[1].slice(1, -1).replace(/""/g, '"') : m[1];
  return field.trim() || null;
}

function evenly(items, n) {
  if (items.length <= n) return items;
  const out = [];
  for (let i = 0; i < n; i++) out.push(items[Math.floor((i * items.length) / n)]);
  return out;
}

/** Real mail links through the CLI's own reader, or null when the corpus or CLI is missing. */
function realMail(cli) {
  const dirs = MAIL_DIRS.map((d) => path.join(CORPUS_DIR, d)).filter((d) => fs.existsSync(d));
  if (!dirs.length || !fs.existsSync(cli)) return null;
  const r = spawnSync(cli, ['scan', '--json', ...dirs], { encoding: 'utf8', maxBuffer: 1 << 30 });
  // Exit status 1 means a dangerous link was found: expected in phishing mail.
  if (r.status !== 0 && r.status !== 1) throw new Error(`linkguard scan exited ${r.status}: ${r.stderr.slice(0, 300)}`);
  const links = [];
  let messages = 0;
  for (const line of r.stdout.split('\n')) {
    if (!line.startsWith('{')) continue;
    messages++;
    for (const l of JSON.parse(line).links ?? []) {
      const link = { href: l.href, text: l.text ?? '' };
      if (l.title) link.title = l.title;
      links.push(link);
    }
  }
  return { links, source: `real mail: ${links.length.toLocaleString('en-US')} links of ${messages.toLocaleString('en-US')} messages (${MAIL_DIRS.join('/, ')}/ of ${CORPUS_DIR}, read by \`linkguard scan --json\`)` };
}

function realUrls() {
  const dir = path.join(CORPUS_DIR, 'urls');
  if (!fs.existsSync(dir)) return null;
  const seen = new Set();
  const all = [];
  const files = fs.readdirSync(dir).sort();
  for (const f of files) {
    const lines = fs.readFileSync(path.join(dir, f), 'utf8').split(/\r?\n/);
    const csv = f.endsWith('.csv');
    for (const [i, line] of lines.entries()) {
      if (!line || (csv && i === 0)) continue;
      const url = csv ? csvUrl(line) : line.trim();
      if (!url || seen.has(url)) continue;
      seen.add(url);
      all.push(url);
    }
  }
  const links = evenly(all, URL_SAMPLE).map((href) => ({ href, text: '' }));
  return { links, source: `real phishing-URL lists: ${links.length.toLocaleString('en-US')} of ${all.length.toLocaleString('en-US')} distinct URLs, evenly spaced (${files.join(', ')}), no text` };
}

/**
 * Writes target/bench-mix-{mail,urls}.jsonl (real) or names the synthetic stand-ins.
 * @returns {{ name: string, path: string, source: string, real: boolean }[]} `path` is a file or
 *   `synthetic` / `synthetic-urls` (benches/engine.rs generates those itself).
 */
export function prepareMixes({ targetDir, cli }) {
  const out = [];
  for (const [name, real, synthetic, what] of [
    ['mail', () => realMail(cli), 'synthetic', 'the synthetic bench corpus (benches/support/corpus.rs): mail-shaped (href, text) pairs'],
    ['urls', realUrls, 'synthetic-urls', "the synthetic bench corpus's http(s) hrefs, no text"],
  ]) {
    const got = real();
    if (got && got.links.length) {
      const file = path.join(targetDir, `bench-mix-${name}.jsonl`);
      fs.mkdirSync(targetDir, { recursive: true });
      fs.writeFileSync(file, got.links.map((l) => JSON.stringify(l)).join('\n') + '\n');
      out.push({ name, path: file, source: got.source, real: true });
    } else {
      out.push({ name, path: synthetic, source: `${what} (no corpus at ${CORPUS_DIR})`, real: false });
    }
  }
  return out;
}

/** The links of a mix for the JS side (the synthetic ones from the corpus file cargo bench wrote). */
export function readMix(mix, syntheticCorpusFile) {
  const file = mix.real ? mix.path : syntheticCorpusFile;
  const links = fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).map((line) => {
    const { href, text, title } = JSON.parse(line);
    return title ? { href, text: text ?? '', title } : { href, text: text ?? '' };
  });
  if (mix.path === 'synthetic-urls') {
    return links.filter((l) => /^https?:\/\//.test(l.href)).map((l) => ({ href: l.href, text: '' }));
  }
  return links;
}
