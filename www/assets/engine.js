// @ts-check
// The linkguard engine in the page (the wasm build the extension runs, or for the link checker
// the same engine with the mail reader of `linkguard scan`), and the message catalogs its
// verdicts are explained from (the extension's own, so the site, the CLI and the
// extension say the same thing: the engine picks the messages, ../shared/explain.js fills them in).
import { renderExplained } from '../shared/explain.js';
import { catalogLookup } from '../shared/messages.js';
import { renderSegments } from '../shared/display.js';

/** The engine builds in www/engine/: the extension's, and the one with the mail reader (`make wasm-mail`). */
export const ENGINE = 'linkguard';
export const MAIL_ENGINE = 'linkguard_mail';

/** URL of a file under www/, given this module's own location (www/assets/engine.js). */
export function siteUrl(path) {
  return new URL(`../${path}`, import.meta.url).href;
}

/** @param {string} src @returns {Promise<void>} */
function loadClassicScript(src) {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = src;
    script.onload = () => resolve();
    script.onerror = () => reject(new Error(`could not load ${src}`));
    document.head.append(script);
  });
}

// wasm-bindgen's no-modules output declares `let wasm_bindgen` at the top level of a classic
// script: a global binding, but not a property of globalThis.
const bindgen = () => (typeof wasm_bindgen === 'function' ? wasm_bindgen : undefined);

let enginePromise = null;

/**
 * Loads the wasm engine `build` (ENGINE or MAIL_ENGINE; a page loads one: both glues define the
 * global `wasm_bindgen`) once and returns a `LinkGuard` (`analyze({href, text, title?})`...).
 * Rejects with an Error whose `code` is 'engine-missing' when the build has not been copied to
 * www/engine/ yet.
 * @param {string} [build]
 * @returns {Promise<LinkGuard>}
 */
export function loadEngine(build = ENGINE) {
  enginePromise ??= (async () => {
    try {
      if (!bindgen()) await loadClassicScript(siteUrl(`engine/${build}.js`));
      await bindgen()({ module_or_path: siteUrl(`engine/${build}_bg.wasm`) });
    } catch (cause) {
      const error = /** @type {Error & { code?: string }} */ (new Error(`linkguard engine not available: ${cause.message}`));
      error.code = 'engine-missing';
      throw error;
    }
    return new (bindgen().LinkGuard)();
  })();
  return enginePromise;
}

/**
 * The messages of `lang` ('ja' | 'en'): the extension's messages.json, which the build writes
 * into www/_locales/catalogs.js (loaded by every page). Without it, an empty catalog: verdicts
 * then show their codes.
 * @param {string} lang
 * @returns {Promise<import('../shared/messages.js').Catalog>}
 */
export function loadMessages(lang) {
  return Promise.resolve(window.lgCatalogs?.[lang] ?? {});
}

/**
 * A reason of a verdict in words from the catalog of `lang` (see loadMessages): its title and each
 * sentence of its body as DOM, the values in <strong class="value">.
 * @param {Reason} reason
 * @param {import('../shared/messages.js').Catalog} catalog
 * @param {string} lang
 */
export function explainReason(reason, catalog, lang) {
  const { title, body } = renderExplained(reason.explained, catalogLookup(catalog), lang);
  return { title: renderSegments(title), body: body.map(renderSegments) };
}
