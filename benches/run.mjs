#!/usr/bin/env node
// `make bench`: every linkguard benchmark in one run. Every target is a ratio to a floor
// measured in the same run (the machine is shared and its speed varies from run to run):
//
//   1. native engine (`cargo bench --bench engine`) on two mixes of links (benches/support/
//      mixes.mjs: real mail links and real phishing-URL lists from the shared corpus when it is
//      there, the synthetic corpus otherwise): analyze ÷ `Url::parse` on the same links, paired
//      rounds; list loading; the synthetic corpus per kind of link. It also writes the synthetic
//      corpus (target/bench-corpus.jsonl) the browser pages are made of
//   2. callgrind: instructions per link of analyze and of `Url::parse` on each mix (exact, not
//      timed; skipped with a note when valgrind is missing)
//   3. the wasm build under Node: `scanBatch` (what the content script's batches run) ÷ the
//      floor `new URL` + tldts on the host, same links, same process, paired rounds, and the
//      design's own floor beside it (benches/size-floor --features speed: url's parser and the
//      engine's PSL lookup alone in wasm, same frames); cold start;
//      size raw/gzip, against the size floor (benches/size-floor/: what every check needs and no
//      check's logic, built with the shipped wasm's flags, read from the Makefile)
//   4. the extension in headless Chromium (benches/browser.mjs): the 300-link message page,
//      the 5,000-link page's content-script main-thread time, cold start, memory
//
// It prints numbers and never fails on a timing: a missed target is a row marked "MISS", or
// "below the design's floor" when the design's own floor, measured in the same run, misses it
// too (benches/support/targets.mjs; the README says it as well).
// Results go to stdout, to the end of benches/RESULTS.md (a section per run: every row, the
// machine and its load) and to the README's performance table (the latest run's targets, between
// its bench markers).
//
// Flags: --quick (fewer rounds), --skip-native, --skip-callgrind, --skip-browser,
//        --no-write (don't touch benches/RESULTS.md or README.md; the README's table is printed).
// Internal: --cold-start-child (one wasm cold start in a fresh process, prints JSON).

import { spawnSync, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import { SCAN_BATCH } from '../extension/shared/scan-channel.js';
// Framed as the content script frames them.
import { frameBytes, frameLinks } from '../extension/shared/scan-frame.js';
import { readmeMark, targetMark } from './support/targets.mjs';

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
// The content script's batches, as the background hands them to the engine.
const BATCH = SCAN_BATCH;

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

// ---------------------------------------------------------------------------------------
// cold start: one fresh process per sample (nothing compiled or cached before it)

if (args.has('--cold-start-child')) {
  const wasm_bindgen = loadGlue();
  const link = { href: 'https://checkid.ddnsking.com/', text: 'https://account-verify.workers.dev/' };
  const t0 = performance.now();
  const bytes = fs.readFileSync(WASM_BIN);
  const t1 = performance.now();
  const module = new WebAssembly.Module(bytes);
  wasm_bindgen.initSync({ module });
  const t2 = performance.now();
  const guard = new wasm_bindgen.LinkGuard();
  const t3 = performance.now();
  const verdict = guard.analyze(link);
  const t4 = performance.now();
  // The same again on a second instance of the module just compiled: V8 compiles a wasm function
  // when it is first called, and the instances share that code, so what the second one takes is
  // the engine's own start (its memory, its tables) without the compilation: the first
  // instance's excess over it is V8 compiling the code a first verdict runs.
  const again = loadGlue();
  again.initSync({ module });
  const t5 = performance.now();
  new again.LinkGuard().analyze(link);
  const t6 = performance.now();
  process.stdout.write(JSON.stringify({
    read_ms: t1 - t0,
    compile_instantiate_ms: t2 - t1,
    new_ms: t3 - t2,
    first_analyze_ms: t4 - t3,
    total_ms: t4 - t0,
    compiled_new_analyze_ms: t6 - t5,
    level: verdict.level,
  }));
  process.exit(0);
}

// ---------------------------------------------------------------------------------------
// 1. native

function runNative(mixes) {
  console.error('== native engine: cargo bench --bench engine');
  const benchArgs = ['bench', '--bench', 'engine', '--', '--json'];
  if (QUICK) benchArgs.push('--quick');
  for (const m of mixes) benchArgs.push('--mix', `${m.name}=${m.path}`);
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
// 2. callgrind: instructions per link, exact (the machine's load doesn't move them)

/** The bench binary cargo built (release profile), or null. */
function benchBinary() {
  const r = spawnSync('cargo', ['bench', '--bench', 'engine', '--no-run', '--message-format=json'], {
    cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 64 << 20,
  });
  let exe = null;
  for (const line of (r.stdout ?? '').split('\n')) {
    if (!line.startsWith('{')) continue;
    const msg = JSON.parse(line);
    if (msg.reason === 'compiler-artifact' && msg.target?.name === 'engine' && msg.executable) exe = msg.executable;
  }
  return exe;
}

/** Instructions callgrind counts for one run of the bench binary with `args`. */
function callgrindInstructions(exe, runArgs) {
  const r = spawnSync('valgrind', ['--tool=callgrind', '--callgrind-out-file=/dev/null', exe, ...runArgs], {
    cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20,
  });
  const m = /Collected\s*:\s*(\d+)/.exec(r.stderr ?? '');
  if (!m) throw new Error(`callgrind gave no count (exit ${r.status}): ${(r.stderr ?? '').slice(-300)}`);
  return Number(m[1]);
}

/**
 * Per mix: (instructions of 3 passes − of 1 pass) ÷ (2 × links), for analyze and for
 * `Url::parse` alone: one-time costs (list loading, the first pass's lazy tables) cancel out.
 */
function runCallgrind(mixes) {
  const version = spawnSync('valgrind', ['--version'], { encoding: 'utf8' });
  if (version.status !== 0) return { error: 'valgrind is not installed: instruction counts skipped' };
  const exe = benchBinary();
  if (!exe) return { error: 'the bench binary was not built' };
  const links = QUICK ? 1000 : 5000;
  const out = { links, tool: version.stdout.trim(), mixes: {} };
  for (const m of mixes) {
    console.error(`== callgrind: ${m.name} (${links} links, analyze and Url::parse, 1 and 3 passes)`);
    const count = (passes, floor) => callgrindInstructions(exe,
      ['--profile', String(passes), '--links', String(links), '--file', m.path, ...(floor ? ['--floor'] : [])]);
    const perLink = (floor) => (count(3, floor) - count(1, floor)) / (2 * links);
    try {
      const analyze = perLink(false);
      const urlParse = perLink(true);
      out.mixes[m.name] = { analyze, url_parse: urlParse };
    } catch (e) {
      out.mixes[m.name] = { error: e.message };
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// 3. wasm under Node: scanBatch vs `new URL` + tldts

// ---------------------------------------------------------------------------------------
// the size floor: benches/size-floor/, built as the shipped wasm is

const FLOOR_CRATE = path.join(ROOT, 'benches', 'size-floor');
// Its own target directory: the floor's builds never touch the engine's.
const FLOOR_TARGET = path.join(TARGET_DIR, 'size-floor');

/** The shipped wasm's RUSTFLAGS, wasm-opt and wasm-bindgen flags, as the Makefile has them. */
function makeWasmFlags() {
  const out = execFileSync('make', ['-s', '--no-print-directory', 'print-wasm-flags'], { cwd: ROOT, encoding: 'utf8' });
  /** @type {Record<string, string[]>} */
  const flags = {};
  for (const line of out.split('\n')) {
    const m = line.match(/^(RUSTFLAGS|WASM_OPT_FLAGS|WASM_BINDGEN_FLAGS)=(.*)$/);
    if (m) flags[m[1]] = m[2].split(/\s+/).filter(Boolean);
  }
  for (const key of ['RUSTFLAGS', 'WASM_OPT_FLAGS', 'WASM_BINDGEN_FLAGS']) {
    if (!flags[key]) throw new Error(`\`make print-wasm-flags\` printed no ${key}`);
  }
  return flags;
}

/** The engine's build.rs output: the newest OUT_DIR of the wasm build that has the PSL's trie. */
function tablesDir() {
  const build = path.join(TARGET_DIR, 'wasm32-unknown-unknown', 'wasm', 'build');
  const dirs = (fs.existsSync(build) ? fs.readdirSync(build) : [])
    .filter((d) => d.startsWith('linkguard-'))
    .map((d) => path.join(build, d, 'out'))
    .filter((d) => fs.existsSync(path.join(d, 'psl_labels.txt')))
    .sort((a, b) => fs.statSync(path.join(b, 'psl_labels.txt')).mtimeMs - fs.statSync(path.join(a, 'psl_labels.txt')).mtimeMs);
  if (!dirs.length) throw new Error(`no build.rs output with psl_labels.txt under ${path.relative(ROOT, build)}`);
  return dirs[0];
}

/** name -> versions of a Cargo.lock's packages. */
function lockVersions(file) {
  /** @type {Map<string, Set<string>>} */
  const versions = new Map();
  for (const m of fs.readFileSync(file, 'utf8').matchAll(/^name = "([^"]+)"\nversion = "([^"]+)"/gm)) {
    if (!versions.has(m[1])) versions.set(m[1], new Set());
    versions.get(m[1])?.add(m[2]);
  }
  return versions;
}

/** The floor's packages whose version the engine's Cargo.lock does not have (the two drifted). */
function lockDrift() {
  const main = lockVersions(path.join(ROOT, 'Cargo.lock'));
  const drift = [];
  for (const [name, versions] of lockVersions(path.join(FLOOR_CRATE, 'Cargo.lock'))) {
    const engine = main.get(name);
    if (!engine) continue; // the floor crate itself
    for (const v of versions) if (!engine.has(v)) drift.push(`${name} ${v} (engine: ${[...engine].join(', ')})`);
  }
  return drift;
}

/**
 * Builds the floor (cargo, then wasm-opt, merge-data-segments and wasm-bindgen with the Makefile's
 * flags) and returns its post-bindgen .wasm, gzip -9'd as the shipped one is.
 * @param {{ RUSTFLAGS: string[], WASM_OPT_FLAGS: string[], WASM_BINDGEN_FLAGS: string[] }} flags
 * @param {boolean} tables with the engine's tables (the floor), or the libraries alone
 * @param {boolean} [speed] with the `speed` feature: the speed floor's export (not a size row)
 */
function buildFloor(flags, tables, speed = false) {
  const run = (cmd, cmdArgs, env) => {
    const r = spawnSync(cmd, cmdArgs, { cwd: ROOT, encoding: 'utf8', env, stdio: ['ignore', 'inherit', 'pipe'], maxBuffer: 64 << 20 });
    process.stderr.write(r.stderr ?? '');
    if (r.status !== 0) {
      const last = (r.stderr ?? '').trim().split('\n').filter((l) => /error/i.test(l)).pop() ?? r.error?.message ?? '';
      throw new Error(`${cmd} exited ${r.status}${last ? `: ${last.trim()}` : ''}`);
    }
  };
  const env = { ...process.env, RUSTFLAGS: flags.RUSTFLAGS.join(' ') };
  if (tables) env.LINKGUARD_TABLES_DIR = tablesDir();
  run('cargo', ['build', '--locked', '--lib', '--target', 'wasm32-unknown-unknown', '--profile', 'wasm',
    '--manifest-path', path.join(FLOOR_CRATE, 'Cargo.toml'), '--target-dir', FLOOR_TARGET,
    ...(tables ? [] : ['--no-default-features']), ...(speed ? ['--features', 'speed'] : [])], env);
  const raw = path.join(FLOOR_TARGET, 'wasm32-unknown-unknown', 'wasm', 'linkguard_size_floor.wasm');
  const out = path.join(FLOOR_TARGET, speed ? 'speed' : tables ? 'floor' : 'libraries');
  fs.mkdirSync(out, { recursive: true });
  run('wasm-opt', [...flags.WASM_OPT_FLAGS, '-o', path.join(out, 'split.wasm'), raw]);
  run(process.execPath, [path.join(ROOT, 'scripts', 'merge-data-segments.mjs'), path.join(out, 'split.wasm'), path.join(out, 'floor.wasm')]);
  run('wasm-bindgen', [...flags.WASM_BINDGEN_FLAGS, '--out-dir', out, path.join(out, 'floor.wasm')]);
  const bin = fs.readFileSync(path.join(out, 'floor_bg.wasm'));
  // The shipped wasm's zlib call: Node's zlib (Chromium's) gives these modules 5–10 % more bytes
  // at level 9 than gzip(1), so only figures from the same call compare.
  return { raw: bin.length, gzip: zlib.gzipSync(bin, { level: 9 }).length, glue: path.join(out, 'floor.js'), bin: path.join(out, 'floor_bg.wasm') };
}

/**
 * The speed floor of `scanBatch`: benches/size-floor with its `speed` feature, built with the
 * shipped wasm's flags, loaded; its `parseAndLookup(frame)` does for each framed link only url's
 * `Url::parse` and the engine's registrable-domain lookup. An error message when it can't be built.
 */
function speedFloor() {
  console.error('== speed floor: benches/size-floor --features speed (url\'s Url::parse + the engine\'s PSL lookup)');
  try {
    const built = buildFloor(makeWasmFlags(), true, true);
    // eslint-disable-next-line no-new-func
    const floor = new Function(`${fs.readFileSync(built.glue, 'utf8')}\n;return wasm_bindgen;`)();
    floor.initSync({ module: fs.readFileSync(built.bin) });
    // glue, bin: the cold start's design floor (benches/browser.mjs, benches/cold-floor) runs them too.
    return { parseAndLookup: floor.parseAndLookup, glue: built.glue, bin: built.bin };
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
}

/** The size floor and the libraries alone, or why they could not be built. */
function sizeFloor() {
  console.error('== size floor: benches/size-floor (the libraries, then with the engine\'s tables)');
  try {
    const flags = makeWasmFlags();
    const drift = lockDrift();
    if (drift.length) throw new Error(`benches/size-floor/Cargo.lock differs from Cargo.lock: ${drift.join('; ')}`);
    const libraries = buildFloor(flags, false);
    return { ...buildFloor(flags, true), libraries };
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
}

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
    compiled_new_analyze_ms: pick('compiled_new_analyze_ms'),
    total_min_ms: min(runs.map((r) => r.total_ms)),
    level: runs[0]?.level,
  };
}

async function runWasm(mixes) {
  const built = ensureWasm();
  if (built) return { error: built };
  const shipped = fs.readFileSync(SHIPPED_BIN);
  const size = {
    raw: shipped.length,
    gzip: zlib.gzipSync(shipped, { level: 9 }).length,
    brotli: zlib.brotliCompressSync(shipped, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
    glue_raw: fs.statSync(SHIPPED_JS).size,
    floor: sizeFloor(),
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
  const newSamples = [];
  for (let i = 0; i < (QUICK ? 11 : 31); i++) {
    const t = performance.now();
    const g = new wasm_bindgen.LinkGuard();
    newSamples.push(performance.now() - t);
    g.free();
  }
  const guard = new wasm_bindgen.LinkGuard();
  const { parse } = await import('tldts');
  const speed = speedFloor();

  let sink = 0; // keeps results alive so nothing is optimized away
  const perMix = {};
  for (const mix of mixes) {
    const links = mix.links;
    const frames = [];
    for (let i = 0; i < links.length; i += BATCH) frames.push(frameLinks(links.slice(i, i + BATCH)));
    const hrefs = links.map((l) => l.href);
    const scanPass = () => {
      const t = performance.now();
      for (const framed of frames) sink += guard.scanBatch(frameBytes(framed)).length;
      return ((performance.now() - t) * 1e6) / links.length;
    };
    // The floor: the browser's own URL parser, then the registrable domain of its host by tldts
    // (a hostname already: no second URL parse inside tldts).
    const floorPass = () => {
      const t = performance.now();
      for (const href of hrefs) {
        let host = '';
        try {
          host = new URL(href).hostname;
        } catch {
          // not a URL: the engine answers such a link too
        }
        sink += parse(host, { allowPrivateDomains: true, extractHostname: false }).domain ? 1 : 0;
      }
      return ((performance.now() - t) * 1e6) / hrefs.length;
    };
    // The design's floor in wasm (benches/size-floor's `speed` feature): the same frames through
    // the same kind of glue, url's `Url::parse` and the engine's PSL lookup alone. Not a target:
    // it says how far below 2.0x the JS floor the design itself lets scanBatch go.
    // A frame the floor can't split would time nothing: say so rather than print a floor.
    if (!speed.error && frames.some((framed) => speed.parseAndLookup(frameBytes(framed)) === 0xFFFFFFFF)) {
      speed.error = "benches/size-floor could not read scanBatch's frames";
    }
    const designPass = () => {
      if (speed.error) return NaN;
      const t = performance.now();
      for (const framed of frames) sink += speed.parseAndLookup(frameBytes(framed));
      return ((performance.now() - t) * 1e6) / links.length;
    };
    console.error(`== wasm scanBatch vs new URL + tldts: ${mix.name} (${links.length} links, paired rounds)`);
    scanPass();
    floorPass();
    designPass();
    const rounds = QUICK ? 3 : 7;
    const scan = [];
    const floor = [];
    const ratios = [];
    const design = [];
    const designRatios = [];
    for (let r = 0; r < rounds; r++) {
      // The three passes in a rotating order, so none always runs first or after the same one.
      const order = [scanPass, floorPass, designPass];
      for (let k = 0; k < r % 3; k++) order.push(/** @type {() => number} */ (order.shift()));
      const took = new Map(order.map((pass) => [pass, pass()]));
      const w = /** @type {number} */ (took.get(scanPass));
      const f = /** @type {number} */ (took.get(floorPass));
      const d = /** @type {number} */ (took.get(designPass));
      scan.push(w);
      floor.push(f);
      ratios.push(w / f);
      design.push(d);
      designRatios.push(d / f);
      console.error(`   round ${r + 1}/${rounds}: scanBatch ${fmt(w)} ns/link, floor ${fmt(f)} ns/link, ratio ${fmt(w / f, 2)}; ` +
        `url + PSL in wasm ${fmt(d)} ns/link (${fmt(d / f, 2)}x)`);
    }
    perMix[mix.name] = {
      links: links.length, scan_ns: median(scan), floor_ns: median(floor), ratio: median(ratios), rounds,
      design_ns: speed.error ? undefined : median(design), design_ratio: speed.error ? undefined : median(designRatios),
    };
  }
  guard.free();
  return {
    batch: BATCH,
    speed_floor_error: speed.error,
    speed_floor_build: speed.error ? { error: speed.error } : { glue: speed.glue, bin: speed.bin },
    note: prepared.note,
    size,
    cold,
    new_median_ms: median(newSamples),
    mixes: perMix,
    sink,
  };
}

// ---------------------------------------------------------------------------------------
// 4. browser (extension in headless Chromium)

async function runBrowser(mail, coldFloor) {
  const browserBench = path.join(ROOT, 'benches', 'browser.mjs');
  if (!fs.existsSync(browserBench)) return { error: 'benches/browser.mjs missing' };
  const { runBrowserBenchmarks } = await import(browserBench);
  return runBrowserBenchmarks({ root: ROOT, quick: QUICK, corpusFile: CORPUS, messageLinks: { links: mail?.links ?? [] }, coldFloor });
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

const ms = (x, d = 1) => `${fmt(x, d)} ms`;
const us = (ns) => `${fmt(ns / 1000, 2)} µs`;
const times = (x) => `${fmt(x, 2)}×`;
const KB = (b) => `${fmt(b / 1000, 0)} KB`;
const MiB = (b) => `${fmt(b / 2 ** 20, 1)} MiB`;

/**
 * The targets, each with the floor it is read against (measured in this run), the value, their
 * ratio and ok/MISS, or "below the design's floor" when `floorOk` (the design's own floor, measured
 * in the run, meets the target) is false (support/targets.mjs). `short` marks the rows the
 * README's five headline rows are made of.
 * @returns {{ group: string, measure: string, floor: string, value: string, ratio: string, target: string, ok?: boolean, floorOk?: boolean, designFloor?: string }[]}
 */
function targetRows(native, callgrind, wasm, browser, mixes) {
  const rows = [];
  const row = (group, measure, floor, value, ratio, target, ok, short, floorOk, designFloor) =>
    rows.push({ group, measure, floor, value, ratio, target, ok, short, floorOk, designFloor });
  const mixName = (name) => (mixes.find((m) => m.name === name)?.real ? (name === 'mail' ? 'real mail links' : 'real phishing-URL lists') : (name === 'mail' ? 'synthetic mail links' : 'synthetic URL list'));
  for (const m of mixes) {
    const n = native.mixes?.[m.name];
    if (n) {
      row('engine', `native analyze per link, ${mixName(m.name)} (${fmt(n.links)})`, `\`Url::parse\` ${us(n.url_parse_ns)}`,
        us(n.analyze_ns), times(n.ratio), '≤ 2.0×', n.ratio <= 2.0, m.name === 'mail' ? 'mail links' : 'URL lists');
    } else {
      row('engine', `native analyze per link, ${mixName(m.name)}`, '', `not run: ${native.error ?? 'no result'}`, '', '≤ 2.0×');
    }
  }
  for (const m of mixes) {
    const c = callgrind.mixes?.[m.name];
    if (c && !c.error) {
      row('engine', `callgrind instructions per link, ${mixName(m.name)} (${fmt(callgrind.links)})`, `\`Url::parse\` ${fmt(c.url_parse)}`,
        fmt(c.analyze), times(c.analyze / c.url_parse), 'printed', undefined, m.name === 'mail' ? 'mail links' : 'URL lists');
    } else {
      row('engine', `callgrind instructions per link, ${mixName(m.name)}`, '', c?.error ?? callgrind.error ?? 'not run', '', 'printed');
    }
  }
  for (const m of mixes) {
    const w = wasm.mixes?.[m.name];
    if (w) {
      // Beside the JS floor the target is written against, the design's own (url's parser and
      // the engine's PSL lookup alone, in wasm, on the same frames): when it is above 2.0x the
      // JS floor by itself, no work on the checks can meet the target.
      const design = Number.isFinite(w.design_ns) && !wasm.speed_floor_error;
      row('engine', `wasm \`scanBatch\` per link (Node ${process.version}, batches of ${wasm.batch}), ${mixName(m.name)}`,
        `\`new URL\` + tldts ${us(w.floor_ns)}; the design's, url's \`Url::parse\` + the engine's PSL lookup alone in wasm: ` +
          (design ? `${us(w.design_ns)} (${times(w.design_ratio)})` : `not run: ${wasm.speed_floor_error ?? 'no result'}`),
        us(w.scan_ns), `${times(w.ratio)}${design ? `; ${times(w.scan_ns / w.design_ns)} the design's` : ''}`, '≤ 2.0×', w.ratio <= 2.0,
        m.name === 'mail' ? 'mail links' : 'URL lists', design ? w.design_ratio <= 2.0 : undefined, design ? `${times(w.design_ratio)}` : undefined);
    } else {
      row('engine', `wasm \`scanBatch\` per link, ${mixName(m.name)}`, '', `not run: ${wasm.error ?? 'no result'}`, '', '≤ 2.0×');
    }
  }
  for (const r of browser.targets ?? []) rows.push(r);
  if (browser.error) row('page', 'browser rows', '', `not run: ${browser.error}`, '', '');
  if (wasm.size) {
    const f = wasm.size.floor;
    row('size', '`.wasm` gzip -9 (shipped; brotli 11 in the value\'s note)',
      f.error ? `floor not built: ${f.error}` : `what every check needs, no check logic: ${KB(f.gzip)}`,
      `${KB(wasm.size.gzip)} (brotli ${KB(wasm.size.brotli)}, raw ${KB(wasm.size.raw)})`,
      f.error ? '' : times(wasm.size.gzip / f.gzip), '≤ 200 KB', wasm.size.gzip <= 200_000, '`.wasm` gzip', f.error ? undefined : f.gzip <= 200_000, f.error ? undefined : KB(f.gzip));
  }
  return rows;
}

function targetTable(rows) {
  return [
    '| area | measure | floor (same run) | value | ratio | target | |',
    '|---|---|---|---:|---:|---|---|',
    ...rows.map((r) => `| ${r.group} | ${r.measure} | ${r.floor} | ${r.value} | ${r.ratio} | ${r.target} | ${targetMark(r)} |`),
  ].join('\n');
}

/** Everything else measured: the details the targets are made of, and earlier rows kept for comparison. */
function detailTable(native, wasm, browser) {
  const rows = [];
  const row = (area, measure, value) => rows.push(`| ${area} | ${measure} | ${value} |`);
  if (!native.error) {
    row('native', `list loading: \`Engine::new()\` in a fresh process, median of ${native.load_processes}`, ms(native.load_median_ms, 2));
    row('native', '… then the first analyze', ms(native.first_analyze_median_ms, 3));
    row('native', `synthetic corpus: analyze, median of ${native.passes} passes over ${fmt(native.links)} links`, `${fmt(native.ns_per_link_median)} ns/link`);
    row('native', 'synthetic corpus: `Url::parse` alone / + PSL registrable domain', `${fmt(native.floor_url_parse_ns)} / ${fmt(native.floor_url_parse_psl_ns)} ns/link`);
  }
  if (!wasm.error) {
    const f = wasm.size.floor;
    if (!f.error) {
      row('size', 'size floor (benches/size-floor) gzip -9: url + IDNA, ICU4X NFKC + NFD, unicode-security alone / + the engine\'s tables',
        `${KB(f.libraries.gzip)} / ${KB(f.gzip)} (raw ${KB(f.libraries.raw)} / ${KB(f.raw)})`);
    }
    if (wasm.size.measured_raw) {
      row('wasm', 'measured (Node-loadable) .wasm raw / gzip -9', `${fmt(wasm.size.measured_raw / 1024, 1)} KiB / ${fmt(wasm.size.measured_gzip / 1024, 1)} KiB`);
    }
    row('wasm', `Node: read + compile + instantiate + new + 1 analyze, fresh process (median of ${wasm.cold.samples})`, ms(wasm.cold.total_ms, 2));
    row('wasm', '… of which compile + instantiate / `new LinkGuard()` / first analyze',
      `${ms(wasm.cold.compile_instantiate_ms, 2)} / ${ms(wasm.cold.new_ms, 2)} / ${ms(wasm.cold.first_analyze_ms, 2)}`);
    row('wasm', '… `new LinkGuard()` + first analyze on a second instance of the compiled module (its code compiled by the first: the engine\'s own start; the rest of the first is V8 compiling on first call)',
      `${ms(wasm.cold.compiled_new_analyze_ms, 2)} of ${ms(wasm.cold.new_ms + wasm.cold.first_analyze_ms, 2)}`);
    row('wasm', '`new LinkGuard()` warm, median', ms(wasm.new_median_ms, 3));
    for (const [name, m] of Object.entries(wasm.mixes ?? {})) {
      row('wasm', `the design's floor in wasm, ${name} mix: url's \`Url::parse\` + the engine's PSL lookup alone, same frames (benches/size-floor \`--features speed\`), ÷ \`new URL\` + tldts; \`scanBatch\` ÷ it`,
        wasm.speed_floor_error ? `not run: ${wasm.speed_floor_error}` : `${us(m.design_ns)}: ${times(m.design_ratio)}; ${times(m.scan_ns / m.design_ns)}`);
    }
  }
  for (const r of browser.rows ?? []) row('browser', r.measure, r.value);
  return ['| area | measure | value |', '|---|---|---:|', ...rows].join('\n');
}

function perKindTable(native) {
  if (native.error || !native.per_kind) return '';
  const lines = ['| kind of link (synthetic corpus) | links | native ns/link (median) |', '|---|---:|---:|'];
  for (const [kind, v] of Object.entries(native.per_kind)) {
    lines.push(`| ${kind} | ${fmt(v.links)} | ${fmt(v.ns_median)} |`);
  }
  const mix = `Verdicts over the synthetic corpus: ${Object.entries(native.levels).map(([k, v]) => `${k} ${fmt(v)}`).join(', ')}; ` +
    `reasons: ${Object.entries(native.reasons).map(([k, v]) => `${k} ${fmt(v)}`).join(', ') || 'none'}; ` +
    `unwrapped ${fmt(native.unwrapped)}, text claims ${fmt(native.text_claims)}.`;
  return `${lines.join('\n')}\n\n${mix}`;
}

/**
 * The README's five rows: target and latest, with the floor. Each cell is made of the target
 * rows above, so the README says what RESULTS.md says.
 */
function readmeTable(rows, m, load) {
  const cell = (re, show) => {
    const found = rows.filter((r) => re.test(r.measure) && r.short);
    return found.length ? found.map((r) => `${r.short}: ${show(r)}${readmeMark(r)}`).join('; ') : 'not measured';
  };
  // A row's first ratio and floor (the one its target is written against), the design's after it.
  const first = (s) => s.split(';')[0];
  const ratio = (r) => (r.ratio ? `${first(r.ratio)} (${r.value} / ${first(r.floor).replace(/^.*? (?=[\d.,]+ (µs|ms)$)/, '')})` : r.value);
  const lines = [
    '| measure | floor (same run) | target | latest |',
    '|---|---|---|---|',
    `| engine, native, per link, on real mail links and on phishing-URL lists (and callgrind instructions a link) | \`Url::parse\` on the same links | ≤ 2.0× | ${cell(/^native analyze/, ratio)}; callgrind ${cell(/^callgrind/, (r) => `${r.value} (${r.ratio})`)} |`,
    `| engine in the browser, wasm \`scanBatch\` per link, same two mixes | \`new URL\` + tldts on the host; the design's: url's \`Url::parse\` + the engine's PSL lookup alone, in wasm (÷ the former) | ≤ 2.0× | ${cell(/^wasm `scanBatch`/, ratio)} |`,
    `| page: a 300-link message's marks after its first paint, and its first paint with − without linkguard; the 5,000-link page's content-script main-thread time and the long tasks it caused | one frame; the page without linkguard; the design's: a document_start script that only registers a click listener (first paint), the page reading its own links, posting them to the background, marking the flagged ones | ≤ 16.7 ms; ≤ 0 ms; ≤ 30 ms, none | ${cell(/^(300-link|5,000-link)/, (r) => r.value)} |`,
    `| cold start: stopped worker → first verdict; a single-page webmail's message opened after the worker stopped | the worker's own start (\`ping\`); the design's: a minimal extension's first answer (url's \`Url::parse\` + the PSL lookup in wasm), its time over its own \`ping\` added to the worker's own; the same message with the worker running | ≤ 1.3× | ${cell(/^(cold start|single-page)/, (r) => `${first(r.ratio)} (${r.value} / ${first(r.floor)})${r.designFloor && r.floorOk !== false ? `, the design's ${r.designFloor}` : ''}`)} |`,
    `| size and memory: \`.wasm\` gzip; the background after a 5,000-link page; the wasm memory it keeps | what every check needs, no check logic (benches/size-floor); —; a fresh engine's | ≤ 200 KB; ≤ 8 MiB; ≤ +1 MiB | ${cell(/^(`\.wasm`|background memory|wasm memory)/, (r) => (r.ratio ? `${r.ratio} (${r.value.replace(/ \(.*$/, '')} / ${r.floor.replace(/^.*: /, '')})` : r.value))} |`,
  ];
  return `${lines.join('\n')}\n\nFrom \`make bench\` at ${m.commit}, ${m.date.slice(0, 10)}, on ${m.nproc} shared cores. ${load} Every row, its details and the machine: [benches/RESULTS.md](benches/RESULTS.md).`;
}

const README = path.join(ROOT, 'README.md');
const README_START = '<!-- bench:start (written by `make bench`: benches/run.mjs) -->';
const README_END = '<!-- bench:end -->';

function writeReadme(table) {
  const text = fs.readFileSync(README, 'utf8');
  const a = text.indexOf(README_START);
  const b = text.indexOf(README_END);
  if (a < 0 || b < a) {
    console.error('README.md has no bench markers: its performance table was not written');
    return;
  }
  fs.writeFileSync(README, `${text.slice(0, a + README_START.length)}\n${table}\n${text.slice(b)}`);
  console.error('written: README.md (performance table)');
}

/** The 1-minute load average as each part of the run began and at its end. */
const loads = [];
const noteLoad = (part) => loads.push([part, os.loadavg()[0]]);
/** Above this 1-minute load average on this 2-core machine, a run's absolute figures are noisy. */
const NOISY_LOAD = 3;

function loadNote() {
  const max = Math.max(...loads.map(([, l]) => l));
  const each = loads.map(([part, l]) => `${part} ${l.toFixed(1)}`).join(', ');
  return max > NOISY_LOAD
    ? `**Noisy run**: the 1-minute load average reached ${max.toFixed(1)} on ${os.cpus().length} cores shared with other jobs (over ${NOISY_LOAD}: ${each}); read the ratios, whose two sides shared the machine's state, rather than the absolute figures.`
    : `The 1-minute load average stayed at or below ${max.toFixed(1)} (${each}).`;
}

const RESULTS_HEADER = `# linkguard benchmark results

Every \`make bench\` run appends a section here (benches/run.mjs; newest last; nothing here is
written by hand): each target with its floor measured side by side in the same run, the details,
the machine and its load. The README shows the latest run's targets; sessions 1–8, before the
floors: [HISTORY.md](HISTORY.md).
`;

/** Appends this run's section to RESULTS.md (its header first, if the file has none). */
function appendResults(section) {
  const old = fs.existsSync(RESULTS) ? fs.readFileSync(RESULTS, 'utf8') : '';
  const head = old.startsWith(RESULTS_HEADER) ? old : RESULTS_HEADER + (old ? `\n${old}` : '');
  fs.writeFileSync(RESULTS, `${head.replace(/\n*$/, '\n')}\n${section}`);
}

async function main() {
  const started = performance.now();
  noteLoad('start');
  const { prepareMixes, readMix } = await import('./support/mixes.mjs');
  const mixes = prepareMixes({ targetDir: TARGET_DIR, cli: path.join(ROOT, 'dist', 'linkguard') });
  for (const m of mixes) console.error(`== mix ${m.name}: ${m.source}`);
  const native = args.has('--skip-native') ? { error: 'skipped (--skip-native)' } : runNative(mixes);
  noteLoad('after native');
  if (!fs.existsSync(CORPUS)) {
    console.error(`no corpus at ${CORPUS}: run without --skip-native first`);
    process.exit(1);
  }
  const callgrind = args.has('--skip-callgrind') || native.error
    ? { error: native.error ? 'not run (no native bench)' : 'skipped (--skip-callgrind)' }
    : runCallgrind(mixes);
  noteLoad('after callgrind');
  const withLinks = mixes.map((m) => ({ ...m, links: readMix(m, CORPUS) }));
  let wasm;
  try {
    wasm = await runWasm(withLinks);
  } catch (e) {
    wasm = { error: e.message };
  }
  noteLoad('after wasm');
  let browser;
  if (args.has('--skip-browser')) {
    browser = { error: 'skipped (--skip-browser)' };
  } else {
    try {
      browser = await runBrowser(withLinks.find((x) => x.name === 'mail'), wasm.error ? { error: `not built: ${wasm.error}` } : wasm.speed_floor_build);
    } catch (e) {
      browser = { error: e.message };
    }
  }

  noteLoad('end');
  const m = machine();
  const rows = targetRows(native, callgrind, wasm, browser, mixes);
  const body = [
    `## ${m.date.slice(0, 16).replace('T', ' ')} UTC, commit ${m.commit}`,
    '',
    `Measured on ${m.nproc} × ${m.cpu} (${m.mem_gb} GB RAM, shared with other jobs), ` +
      `${m.rustc}, Node ${m.node}, commit ${m.commit}. ` +
      `Every number comes from one \`make bench\` run (\`node benches/run.mjs${QUICK ? ' --quick' : ''}\`); ` +
      'each target is a ratio to a floor measured side by side in that same run (medians of paired, ' +
      'alternating rounds). The machine is noisy: read medians and ratios, not single digits.',
    '',
    loadNote(),
    '',
    'Mixes of links: ' + mixes.map((x) => `**${x.name}**: ${x.source}`).join('; ') + '.',
    '',
    '### Targets',
    '',
    targetTable(rows),
    '',
    '### Details',
    '',
    detailTable(native, wasm, browser),
    '',
    perKindTable(native),
    '',
    callgrind.error ? `Callgrind: ${callgrind.error}.\n` : `Callgrind (${callgrind.tool}): (instructions of 3 passes − of 1 pass) ÷ (2 × ${fmt(callgrind.links)} links), so one-time costs cancel out.\n`,
    wasm.note ? `${wasm.note}\n` : '',
    browser.notes ? `${browser.notes}\n` : '',
    `Total wall time of the run: ${fmt((performance.now() - started) / 1000, 1)} s.`,
    '',
  ].join('\n');
  console.log(`\n${body}`);
  if (!args.has('--no-write')) {
    appendResults(body);
    console.error(`appended to: ${path.relative(ROOT, RESULTS)}`);
    writeReadme(readmeTable(rows, m, loadNote()));
  } else {
    // What the README would say, to check without writing it.
    console.log(`README table (not written):\n\n${readmeTable(rows, m, loadNote())}`);
  }
}

await main();
