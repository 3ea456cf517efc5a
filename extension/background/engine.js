// @ts-check
// The engine host: the wasm engine, instantiated once per background lifetime from the packaged
// wasm (no network). It runs here because WebAssembly needs 'wasm-unsafe-eval', which webmail
// pages' CSPs don't allow in a content script.
//
// Chrome runs the background as a classic service worker, which loads the engine's glue here,
// while it starts (importScripts works only then); Firefox loads engine/linkguard.js before
// background.js (manifest background.scripts).
import { api } from '../shared/api.js';
import { loadSettings, loadSettingsAtStart, engineOptions } from '../shared/settings.js';
import { frameBytes, frameLinks } from '../shared/scan-frame.js';

if (typeof importScripts === 'function' && typeof wasm_bindgen === 'undefined') {
  importScripts('engine/linkguard.js');
}

const WASM_URL = api.runtime.getURL('engine/linkguard_bg.wasm');

/**
 * The engine's module, compiled from the packaged wasm as it is read (compileStreaming: off this
 * thread), started when the background starts: the compilation overlaps the rest of its start
 * and the event that woke it, which is mostly a page asking for verdicts. (Instantiating it and
 * building the engine run on this thread: they wait for `engine()`, so a message that needs no
 * engine, a page's `hello`, isn't kept waiting.) A browser that can't compile it streaming (a
 * wrong MIME type) compiles it from its bytes.
 */
function compileEngine() {
  const streamed = typeof WebAssembly.compileStreaming === 'function'
    ? WebAssembly.compileStreaming(fetch(WASM_URL))
    : Promise.reject(new Error('no compileStreaming'));
  const module = streamed.catch(() => fetch(WASM_URL).then((r) => r.arrayBuffer()).then((bytes) => WebAssembly.compile(bytes)));
  module.catch(() => {}); // awaited by engine(), which falls back to the glue's own loading
  return module;
}
let compiled = compileEngine();

/**
 * The settings, read (and brought to the current shape: main.js relies on this) as the worker
 * starts, beside the module's compilation: a worker woken by a page's links then has them by
 * the time the engine is built, and no separate migration read is queued on its thread before
 * the first verdict. The first engine build uses them; a settings change before that build
 * reaches the engine anyway, since main.js's storage.onChanged builds it and applies the settings
 * read then.
 * @type {Promise<import('../shared/settings.js').Settings> | null}
 */
let settingsAtStart = loadSettingsAtStart();
settingsAtStart.catch((e) => console.error('linkguard: settings', e));

let enginePromise = null;
/**
 * How the engine's start went, for diagnostics (the `analyze` answer carries it; the benchmark's
 * cold start reads it): ms from engine() being first asked to the module compiled, instantiated
 * and the engine built.
 * @type {{ compiledMs?: number, instantiatedMs?: number, builtMs?: number }}
 */
export const engineStartup = {};
/**
 * The warm-up runs this long after the engine starts, not at once: a message that started the
 * engine is answered first (a worker woken by a message must not keep it waiting for ~10 ms of
 * compilation of code that message may not need), and a page's links, sent after its `hello`,
 * rarely come sooner.
 */
const WARM_UP_DELAY_MS = 30;
let appliedOptionsJson = null;

/** The engine, instantiated once per background lifetime from the packaged wasm (no network). */
export function engine() {
  enginePromise ??= (async () => {
    // Read while the module compiles (a cold start pays both): at the worker's start, or now.
    const settings = settingsAtStart ?? loadSettings();
    settingsAtStart = null;
    settings.catch(() => {}); // awaited below; don't report a rejection before that
    const asked = performance.now();
    const module = await compiled.catch(() => {
      compiled = compileEngine(); // for the next start, if this one fails
      return null;
    });
    engineStartup.compiledMs = performance.now() - asked;
    // A compiled module is instantiated synchronously: nothing is left to wait for, and an await
    // would let the start's other tasks run ahead of the first verdict.
    if (module) wasm_bindgen.initSync({ module });
    else await wasm_bindgen({ module_or_path: WASM_URL });
    engineStartup.instantiatedMs = performance.now() - asked;
    const guard = new wasm_bindgen.LinkGuard();
    appliedOptionsJson = null; // a new engine (one built again after a failure too) gets its options
    applyOptions(guard, engineOptions(await settings));
    engineStartup.builtMs = performance.now() - asked;
    // V8 compiles a wasm function on its first call: the first link analyzed costs ~10 ms of
    // compilation. A page's first `hello` starts the engine long before its links arrive, so
    // that cost is paid here, while the worker waits for them.
    setTimeout(() => {
      const href = 'https://checkid.ddnsking.com/';
      const text = 'https://account-verify.workers.dev/';
      try {
        guard.scanBatch(frameBytes(frameLinks([{ href, text }])));
      } catch (error) {
        console.error('linkguard: engine warm-up', error);
      }
    }, WARM_UP_DELAY_MS);
    return guard;
  })();
  enginePromise.catch(() => { enginePromise = null; });
  return enginePromise;
}

export function applyOptions(guard, options) {
  const json = JSON.stringify(options);
  if (json === appliedOptionsJson) return;
  guard.setOptions(options);
  appliedOptionsJson = json;
}

/**
 * Dynamic-DNS and free-hosting suffixes from the engine's host catalog. `guardedSuffixes` is a
 * newer engine export: without it the navigation guard has nothing to guard (and says so).
 */
export async function guardedSuffixes() {
  const guard = await engine();
  const fn = typeof wasm_bindgen.guardedSuffixes === 'function'
    ? () => wasm_bindgen.guardedSuffixes()
    : typeof guard.guardedSuffixes === 'function' ? () => guard.guardedSuffixes() : null;
  if (!fn) {
    console.warn('linkguard: engine has no guardedSuffixes(); navigation guard inactive');
    return [];
  }
  const raw = fn();
  const list = Array.isArray(raw) ? raw : [];
  const suffixes = list
    .map((s) => (typeof s === 'string' ? s : s?.suffix))
    .filter((s) => typeof s === 'string' && /^[a-z0-9.-]+$/.test(s) && s.includes('.'));
  return [...new Set(suffixes)];
}
