#!/usr/bin/env node
// `make bench`: every linkguard benchmark in one run, side by side, as numbers and ratios.
//
//   1. native engine (`cargo bench --bench engine`): list loading, ns/link, links/s; it also
//      writes the corpus (target/bench-corpus.jsonl) that every other run here reads
//   2. the wasm build under Node: cold start, ns/link through analyzeBatch, size raw/gzip,
//      against npm tldts `parse()` on the same hrefs, interleaved round by round
//   3. the extension in headless Chromium (benches/browser.mjs): page scan vs the DOM floor,
//      tooltip latency, background cold start and heap
//
// It prints numbers and never fails on a timing: a missed target is a row marked "MISS".
// Results go to stdout as one markdown table and to benches/RESULTS.md (with the machine).
//
// Flags: --quick (fewer rounds), --skip-native (reuse the corpus already written),
//        --skip-browser, --no-write (don't touch benches/RESULTS.md).
// Internal: --cold-start-child (one wasm cold start in a fresh process, prints JSON).

import { spawnSync, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const WASM_DIR = path.join(ROOT, '.build', 'wasm');
const SHIPPED_JS = path.join(WASM_DIR, 'linkguard.js');
const SHIPPED_BIN = path.join(WASM_DIR, 'linkguard_bg.wasm');
// The cargo output before wasm-bindgen, and where a Node-loadable rebuild of it goes when the
// shipped module uses wasm features this Node lacks.
const WASM_RAW = path.join(ROOT, 'target', 'wasm32-unknown-unknown', 'wasm', 'linkguard.wasm');
const NODE_WASM_DIR = path.join(ROOT, '.build', 'bench-wasm');
// What the Node runs load (set by prepareWasm; passed to the cold-start children).
let WASM_JS = process.env.LINKGUARD_BENCH_WASM_JS ?? SHIPPED_JS;
let WASM_BIN = process.env.LINKGUARD_BENCH_WASM_BIN ?? SHIPPED_BIN;
const TARGET_DIR = process.env.CARGO_TARGET_DIR
  ? path.resolve(ROOT, process.env.CARGO_TARGET_DIR)
  : path.join(ROOT, 'target');
const CORPUS = path.join(TARGET_DIR, 'bench-corpus.jsonl');
const RESULTS = path.join(ROOT, 'benches', 'RESULTS.md');

const args = new Set(process.argv.slice(2));
const QUICK = args.has('--quick');
const BATCH = 500;

// ---------------------------------------------------------------------------------------
// helpers

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
const min = (xs) => Math.min(...xs);

function fmt(x, digits = 0) {
  if (x === undefined || x === null || Number.isNaN(x)) return 'n/a';
  return x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** The wasm-bindgen `--target no-modules` glue defines a global `wasm_bindgen`; evaluate it
 * in a function scope and hand that binding back. */
export function loadGlue() {
  const glue = fs.readFileSync(WASM_JS, 'utf8');
  // eslint-disable-next-line no-new-func
  return new Function(`${glue}\n;return wasm_bindgen;`)();
}

function readCorpus() {
  const lines = fs.readFileSync(CORPUS, 'utf8').split('\n').filter(Boolean);
  return lines.map((line) => {
    const { href, text } = JSON.parse(line);
    return { href, text };
  });
}

// ---------------------------------------------------------------------------------------
// cold start: one fresh process per sample (nothing compiled or cached before it)

if (args.has('--cold-start-child')) {
  const wasm_bindgen = loadGlue();
  const t0 = performance.now();
  const bytes = fs.readFileSync(WASM_BIN);
  const t1 = performance.now();
  wasm_bindgen.initSync({ module: bytes });
  const t2 = performance.now();
  const guard = new wasm_bindgen.LinkGuard();
  const t3 = performance.now();
  const verdict = guard.analyze({
    href: 'https://checkid.ddnsking.com/',
    text: 'https://account-verify.workers.dev/',
  });
  const t4 = performance.now();
  process.stdout.write(JSON.stringify({
    read_ms: t1 - t0,
    compile_instantiate_ms: t2 - t1,
    new_ms: t3 - t2,
    first_analyze_ms: t4 - t3,
    total_ms: t4 - t0,
    level: verdict.level,
  }));
  process.exit(0);
}

// ---------------------------------------------------------------------------------------
// 1. native

function runNative() {
  console.error('== native engine: cargo bench --bench engine');
  const benchArgs = ['bench', '--bench', 'engine', '--', '--json'];
  if (QUICK) benchArgs.push('--quick');
  const r = spawnSync('cargo', benchArgs, {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 64 << 20,
  });
  const out = r.stdout ?? '';
  process.stderr.write(out.split('\n').filter((l) => !l.startsWith('BENCH_JSON ')).join('\n'));
  const line = out.split('\n').find((l) => l.startsWith('BENCH_JSON '));
  if (r.status !== 0 || !line) {
    return { error: `cargo bench exited ${r.status}` };
  }
  return JSON.parse(line.slice('BENCH_JSON '.length));
}

// ---------------------------------------------------------------------------------------
// 2. wasm under Node vs tldts

function ensureWasm() {
  if (fs.existsSync(SHIPPED_BIN) && fs.existsSync(SHIPPED_JS)) return null;
  console.error('== building the wasm engine: make wasm');
  const r = spawnSync('make', ['wasm'], { cwd: ROOT, stdio: 'inherit' });
  return r.status === 0 ? null : `make wasm exited ${r.status}`;
}

/** Use the shipped module when this Node can compile it. Otherwise (e.g. `wasm-opt
 * --all-features` emitted typed function references, which Node 20's V8 rejects while
 * Chromium accepts them) rebuild the same cargo output with `wasm-opt -Oz` and the features
 * binaryen detects, and say so in the results. */
function prepareWasm() {
  const shipped = fs.readFileSync(SHIPPED_BIN);
  try {
    new WebAssembly.Module(shipped);
    return { measured: 'shipped', note: null };
  } catch (e) {
    const why = e.message.replace(/\s+/g, ' ').slice(0, 160);
    console.error(`== the shipped .wasm does not compile in Node ${process.version}: ${why}`);
    console.error(`== rebuilding a Node-loadable copy in ${path.relative(ROOT, NODE_WASM_DIR)}`);
    fs.mkdirSync(NODE_WASM_DIR, { recursive: true });
    execFileSync('wasm-bindgen', ['--target', 'no-modules', '--no-typescript', '--out-dir', NODE_WASM_DIR, WASM_RAW], { stdio: 'inherit' });
    const bin = path.join(NODE_WASM_DIR, 'linkguard_bg.wasm');
    execFileSync('wasm-opt', ['-Oz', '-o', bin, bin], { stdio: 'inherit' });
    new WebAssembly.Module(fs.readFileSync(bin)); // fails the wasm section if still unloadable
    WASM_JS = path.join(NODE_WASM_DIR, 'linkguard.js');
    WASM_BIN = bin;
    process.env.LINKGUARD_BENCH_WASM_JS = WASM_JS;
    process.env.LINKGUARD_BENCH_WASM_BIN = WASM_BIN;
    return {
      measured: 'node-rebuild',
      note: `The shipped .build/wasm/linkguard_bg.wasm does not compile in Node ${process.version} ` +
        `(\`${why}\`), so the Node rows measure the same cargo output through \`wasm-opt -Oz\` ` +
        'without `--all-features` (.build/bench-wasm/). Sizes are given for both.',
    };
  }
}

function coldStarts(samples) {
  const runs = [];
  for (let i = 0; i < samples; i++) {
    const out = execFileSync(process.execPath, [fileURLToPath(import.meta.url), '--cold-start-child'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    runs.push(JSON.parse(out));
  }
  const pick = (key) => median(runs.map((r) => r[key]));
  return {
    samples,
    read_ms: pick('read_ms'),
    compile_instantiate_ms: pick('compile_instantiate_ms'),
    new_ms: pick('new_ms'),
    first_analyze_ms: pick('first_analyze_ms'),
    total_ms: pick('total_ms'),
    total_min_ms: min(runs.map((r) => r.total_ms)),
    level: runs[0]?.level,
  };
}

async function runWasmVsTldts(links) {
  const built = ensureWasm();
  if (built) return { error: built };
  const shipped = fs.readFileSync(SHIPPED_BIN);
  const size = {
    raw: shipped.length,
    gzip: zlib.gzipSync(shipped, { level: 9 }).length,
    glue_raw: fs.statSync(SHIPPED_JS).size,
  };
  const prepared = prepareWasm();
  const bytes = fs.readFileSync(WASM_BIN);
  if (prepared.measured !== 'shipped') {
    size.measured_raw = bytes.length;
    size.measured_gzip = zlib.gzipSync(bytes, { level: 9 }).length;
  }

  console.error(`== wasm cold start (${QUICK ? 3 : 7} fresh processes)`);
  const cold = coldStarts(QUICK ? 3 : 7);

  const wasm_bindgen = loadGlue();
  wasm_bindgen.initSync({ module: bytes });
  // List loading inside wasm (what every service-worker wake pays).
  const newSamples = [];
  for (let i = 0; i < (QUICK ? 11 : 31); i++) {
    const t = performance.now();
    const g = new wasm_bindgen.LinkGuard();
    newSamples.push(performance.now() - t);
    g.free();
  }
  const guard = new wasm_bindgen.LinkGuard();

  const { parse } = await import('tldts');
  const batches = [];
  for (let i = 0; i < links.length; i += BATCH) batches.push(links.slice(i, i + BATCH));
  const hrefs = links.map((l) => l.href);

  let sink = 0; // keeps results alive so nothing is optimized away
  const wasmBatchPass = () => {
    const t = performance.now();
    for (const batch of batches) sink += guard.analyzeBatch(batch).length;
    return ((performance.now() - t) * 1e6) / links.length;
  };
  const wasmSinglePass = () => {
    const t = performance.now();
    for (const link of links) sink += guard.analyze(link).level.length;
    return ((performance.now() - t) * 1e6) / links.length;
  };
  const tldtsPass = () => {
    const t = performance.now();
    for (const href of hrefs) {
      const r = parse(href, { allowPrivateDomains: true });
      sink += r.domain ? 1 : 0;
    }
    return ((performance.now() - t) * 1e6) / hrefs.length;
  };

  console.error('== wasm analyzeBatch vs tldts parse, interleaved');
  wasmBatchPass();
  tldtsPass();
  wasmSinglePass();
  const rounds = QUICK ? 3 : 7;
  const wasmNs = [];
  const tldtsNs = [];
  const singleNs = [];
  const ratios = [];
  for (let r = 0; r < rounds; r++) {
    // Alternate the order so neither side always runs on a warmer (or noisier) slot.
    let w;
    let t;
    if (r % 2 === 0) {
      w = wasmBatchPass();
      t = tldtsPass();
    } else {
      t = tldtsPass();
      w = wasmBatchPass();
    }
    wasmNs.push(w);
    tldtsNs.push(t);
    ratios.push(w / t);
    if (r < Math.ceil(rounds / 2)) singleNs.push(wasmSinglePass());
    console.error(`   round ${r + 1}/${rounds}: wasm ${fmt(w)} ns/link, tldts ${fmt(t)} ns/link, ratio ${fmt(w / t, 2)}`);
  }
  guard.free();
  return {
    links: links.length,
    batch: BATCH,
    note: prepared.note,
    size,
    cold,
    new_median_ms: median(newSamples),
    new_min_ms: min(newSamples),
    wasm_ns_median: median(wasmNs),
    wasm_ns_best: min(wasmNs),
    wasm_single_ns_median: median(singleNs),
    tldts_ns_median: median(tldtsNs),
    tldts_ns_best: min(tldtsNs),
    ratio_median: median(ratios),
    sink,
  };
}

// ---------------------------------------------------------------------------------------
// 3. browser (extension in headless Chromium)

async function runBrowser() {
  const browserBench = path.join(ROOT, 'benches', 'browser.mjs');
  if (!fs.existsSync(browserBench)) return { error: 'benches/browser.mjs missing' };
  const { runBrowserBenchmarks } = await import(browserBench);
  return runBrowserBenchmarks({ root: ROOT, quick: QUICK });
}

// ---------------------------------------------------------------------------------------
// report

function machine() {
  let cpu = os.cpus()[0]?.model ?? 'unknown';
  try {
    const m = fs.readFileSync('/proc/cpuinfo', 'utf8').match(/^model name\s*:\s*(.+)$/m);
    if (m) cpu = m[1].trim();
  } catch { /* not Linux */ }
  let nproc = os.cpus().length;
  try {
    nproc = Number(execFileSync('nproc', { encoding: 'utf8' }).trim()) || nproc;
  } catch { /* no coreutils */ }
  let commit = 'unknown';
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'src', 'data', 'extension'], { cwd: ROOT, encoding: 'utf8' }).trim();
    if (dirty) commit += ' (+ uncommitted changes in src/data/extension)';
  } catch { /* not a checkout */ }
  return {
    date: new Date().toISOString(),
    nproc,
    cpu,
    mem_gb: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    rustc: (() => { try { return execFileSync('rustc', ['--version'], { encoding: 'utf8' }).trim(); } catch { return 'unknown'; } })(),
    commit,
  };
}

function table(native, wasm, browser) {
  const rows = [];
  const row = (area, measure, value, target = '', ok = undefined) => {
    const status = ok === undefined ? '' : ok ? 'ok' : 'MISS';
    rows.push(`| ${area} | ${measure} | ${value} | ${target} | ${status} |`);
  };
  if (native.error) {
    row('native', 'engine bench', `not run: ${native.error}`);
  } else {
    row('native', `list loading: \`Engine::new()\` in a fresh process, median of ${native.load_processes}`, `${fmt(native.load_median_ms, 2)} ms`, '≤ 5 ms', native.load_median_ms <= 5);
    row('native', '… then the first analyze', `${fmt(native.first_analyze_median_ms, 3)} ms`);
    row('native', '`Engine::new()` with the lists already loaded', `${fmt(native.warm_new_median_ms, 4)} ms`);
    row('native', `analyze, median of ${native.passes} passes over ${fmt(native.links)} links`, `${fmt(native.ns_per_link_median)} ns/link`);
    row('native', 'analyze, best pass', `${fmt(native.ns_per_link_best)} ns/link`);
    row('native', 'floor: `url::Url::parse(href)` alone', `${fmt(native.floor_url_parse_ns)} ns/link`);
    row('native', 'floor: `Url::parse` + PSL registrable domain', `${fmt(native.floor_url_parse_psl_ns)} ns/link`);
    row('native', 'links/s on one core (median)', fmt(native.links_per_second), '≥ 1,000,000', native.links_per_second >= 1e6);
  }
  if (wasm.error) {
    row('wasm', 'Node benchmarks', `not run: ${wasm.error}`);
  } else {
    row('wasm', 'shipped .wasm size raw / gzip -9', `${fmt(wasm.size.raw / 1024, 1)} KiB / ${fmt(wasm.size.gzip / 1024, 1)} KiB`);
    if (wasm.size.measured_raw) {
      row('wasm', 'measured (Node-loadable) .wasm raw / gzip -9', `${fmt(wasm.size.measured_raw / 1024, 1)} KiB / ${fmt(wasm.size.measured_gzip / 1024, 1)} KiB`);
    }
    row('wasm', `cold start: read + compile + instantiate + new + 1 analyze (median of ${wasm.cold.samples})`, `${fmt(wasm.cold.total_ms, 2)} ms`);
    row('wasm', '… of which compile + instantiate', `${fmt(wasm.cold.compile_instantiate_ms, 2)} ms`);
    row('wasm', '… of which `new LinkGuard()` (first)', `${fmt(wasm.cold.new_ms, 2)} ms`, '≤ 5 ms', wasm.cold.new_ms <= 5);
    row('wasm', '… of which first analyze', `${fmt(wasm.cold.first_analyze_ms, 2)} ms`);
    row('wasm', '`new LinkGuard()` warm, median', `${fmt(wasm.new_median_ms, 3)} ms`, '≤ 5 ms', wasm.new_median_ms <= 5);
    row('wasm', `analyzeBatch (batches of ${wasm.batch}), median`, `${fmt(wasm.wasm_ns_median)} ns/link`);
    row('wasm', 'analyze (one call per link), median', `${fmt(wasm.wasm_single_ns_median)} ns/link`);
    row('tldts', '`parse(href, {allowPrivateDomains: true})`, median', `${fmt(wasm.tldts_ns_median)} ns/link`);
    row('ratio', 'wasm analyzeBatch / tldts parse (median of paired rounds)', fmt(wasm.ratio_median, 2), '≤ 1.0', wasm.ratio_median <= 1.0);
    if (!native.error) {
      row('ratio', 'wasm analyzeBatch / native analyze', fmt(wasm.wasm_ns_median / native.ns_per_link_median, 2));
    }
  }
  if (browser.error) {
    row('browser', 'extension benchmarks', `not run: ${browser.error}`);
  } else {
    for (const r of browser.rows ?? []) row('browser', r.measure, r.value, r.target ?? '', r.ok);
  }
  return [
    '| area | measure | value | target | |',
    '|---|---|---:|---|---|',
    ...rows,
  ].join('\n');
}

function perKindTable(native) {
  if (native.error || !native.per_kind) return '';
  const lines = ['| kind of link | links | native ns/link (median) |', '|---|---:|---:|'];
  for (const [kind, v] of Object.entries(native.per_kind)) {
    lines.push(`| ${kind} | ${fmt(v.links)} | ${fmt(v.ns_median)} |`);
  }
  const mix = `Verdicts over the corpus: ${Object.entries(native.levels).map(([k, v]) => `${k} ${fmt(v)}`).join(', ')}; ` +
    `reasons: ${Object.entries(native.reasons).map(([k, v]) => `${k} ${fmt(v)}`).join(', ') || 'none'}; ` +
    `unwrapped ${fmt(native.unwrapped)}, text claims ${fmt(native.text_claims)}.`;
  return `${lines.join('\n')}\n\n${mix}`;
}

async function main() {
  const started = performance.now();
  const native = args.has('--skip-native') ? { error: 'skipped (--skip-native)' } : runNative();
  if (!fs.existsSync(CORPUS)) {
    console.error(`no corpus at ${CORPUS}: run without --skip-native first`);
    process.exit(1);
  }
  const links = readCorpus();
  let wasm;
  try {
    wasm = await runWasmVsTldts(links);
  } catch (e) {
    wasm = { error: e.message };
  }
  let browser;
  if (args.has('--skip-browser')) {
    browser = { error: 'skipped (--skip-browser)' };
  } else {
    try {
      browser = await runBrowser();
    } catch (e) {
      browser = { error: e.message };
    }
  }

  const m = machine();
  const body = [
    '# linkguard benchmark results',
    '',
    `Measured ${m.date} on ${m.nproc} × ${m.cpu} (${m.mem_gb} GB RAM, shared with other jobs), ` +
      `${m.rustc}, Node ${m.node}, commit ${m.commit}. ` +
      `Every number comes from one \`make bench\` run (\`node benches/run.mjs${QUICK ? ' --quick' : ''}\`); ` +
      'ratios compare runs made side by side in that same run. The machine is noisy: read ' +
      'medians and ratios, not single digits.',
    '',
    `Corpus: ${fmt(links.length)} (href, text) pairs from \`benches/support/corpus.rs\` (fixed seed, ` +
      'host catalog + PSL), the same pairs for native, wasm and tldts.',
    '',
    table(native, wasm, browser),
    '',
    perKindTable(native),
    '',
    wasm.note ? `${wasm.note}\n` : '',
    browser.notes ? `${browser.notes}\n` : '',
    `Total wall time of the run: ${fmt((performance.now() - started) / 1000, 1)} s.`,
    '',
  ].join('\n');
  console.log(`\n${body}`);
  if (!args.has('--no-write')) {
    fs.writeFileSync(RESULTS, body);
    console.error(`written: ${path.relative(ROOT, RESULTS)}`);
  }
}

await main();
