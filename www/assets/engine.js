// The linkguard engine in the page (the same wasm build the extension runs) and the texts that
// explain its verdicts, read from the extension's own message catalogs so the site, the CLI and
// the extension say the same thing.

const ENGINE_SCRIPT = 'engine/linkguard.js';
const ENGINE_WASM = 'engine/linkguard_bg.wasm';

/** URL of a file under www/, given this module's own location (www/assets/engine.js). */
export function siteUrl(path) {
  return new URL(`../${path}`, import.meta.url).href;
}

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
// eslint-disable-next-line no-undef
const bindgen = () => (typeof wasm_bindgen === 'function' ? wasm_bindgen : undefined);

let enginePromise = null;

/**
 * Loads the wasm engine once and returns a `LinkGuard` (`analyze({href, text, title?})`).
 * Rejects with an Error whose `code` is 'engine-missing' when the build has not been copied to
 * www/engine/ yet.
 */
export function loadEngine() {
  enginePromise ??= (async () => {
    try {
      if (!bindgen()) await loadClassicScript(siteUrl(ENGINE_SCRIPT));
      await bindgen()({ module_or_path: siteUrl(ENGINE_WASM) });
    } catch (cause) {
      const error = new Error(`linkguard engine not available: ${cause.message}`);
      error.code = 'engine-missing';
      throw error;
    }
    return new (bindgen().LinkGuard)();
  })();
  return enginePromise;
}

const catalogs = new Map();

/** The language of each catalog loadMessages gave (explainReason names brands in it). */
const catalogLanguage = new WeakMap();

/**
 * The extension's messages.json for `lang` ('ja' | 'en'). Missing catalogs (the extension build
 * copies them to www/_locales/) give an empty catalog: verdicts then show their codes.
 */
export function loadMessages(lang) {
  if (!catalogs.has(lang)) {
    catalogs.set(lang, fetch(siteUrl(`_locales/${lang}/messages.json`)).then((response) => {
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      return response.json();
    }).then((catalog) => {
      catalogLanguage.set(catalog, lang);
      return catalog;
    }).catch((error) => {
      console.warn(`linkguard messages for ${lang} unavailable: ${error.message}`);
      return {};
    }));
  }
  return catalogs.get(lang);
}

/**
 * A message as a list of segments, `{text}` for the message's own words and `{value}` for a
 * substituted value (so a UI can highlight the values). Follows chrome.i18n.getMessage: `$NAME$`
 * names a placeholder, whose `content` refers to substitutions by position (`$1`...`$9`); `$$` is
 * a literal dollar sign. Values are inserted once and never re-scanned. Returns null for an
 * unknown key.
 */
export function formatMessage(catalog, key, substitutions = []) {
  const entry = catalog?.[key];
  if (!entry || typeof entry.message !== 'string') return null;
  const placeholders = {};
  for (const [name, spec] of Object.entries(entry.placeholders ?? {})) {
    placeholders[name.toLowerCase()] = String(spec.content ?? '');
  }
  // Named placeholders first: their contents come from the catalog, not from the values.
  const expanded = entry.message.replace(/\$([A-Za-z0-9_@]+)\$/g, (whole, name) => placeholders[name.toLowerCase()] ?? whole);
  const segments = [];
  const pushText = (text) => {
    if (!text) return;
    const last = segments.at(-1);
    if (last && 'text' in last) last.text += text;
    else segments.push({ text });
  };
  let rest = 0;
  for (const match of expanded.matchAll(/\$(\$|[1-9])/g)) {
    pushText(expanded.slice(rest, match.index));
    if (match[1] === '$') pushText('$');
    else {
      const value = substitutions[Number(match[1]) - 1];
      if (value != null && value !== '') segments.push({ value: String(value) });
    }
    rest = match.index + match[0].length;
  }
  pushText(expanded.slice(rest));
  return segments;
}

/**
 * The substitutions for a message whose placeholders are named after fields of the engine's
 * `Details` (claimed, actual, provider, ip, user, unicode, punycode, scheme, wrapper): the value
 * of each placeholder goes to the position its `content` ($n) names.
 */
export function substitutionsFor(catalog, key, values) {
  const substitutions = [];
  for (const [name, spec] of Object.entries(catalog?.[key]?.placeholders ?? {})) {
    const position = /^\$([1-9])$/.exec(String(spec.content ?? ''));
    if (position) substitutions[Number(position[1]) - 1] = values[name.toLowerCase()];
  }
  return substitutions;
}

function message(catalog, key, values = {}) {
  return formatMessage(catalog, key, substitutionsFor(catalog, key, values));
}

const PRIVATE_IP_KINDS = new Set(['private', 'loopback', 'link-local']);
const HIDDEN_HOMOGRAPH_KINDS = new Set(['bidi', 'zero-width']);

/**
 * One reason explained: `{code, level, title, paragraphs}` where title is a string and each
 * paragraph a segment list (see formatMessage). Codes this page does not know yet are shown by
 * their code, so a newer engine never produces an empty explanation.
 */
export function explainReason(catalog, reason, verdict) {
  const details = reason.details ?? {};
  const target = verdict?.target ?? {};
  const prefix = `reason_${reason.code.replaceAll('-', '_')}`;
  const values = {
    ...details,
    // The brand as Japanese readers know it (楽天 for Rakuten), where the engine gives one.
    brand: (catalogLanguage.get(catalog) === 'ja' && details.brand_ja) || details.brand,
    actual: details.actual ?? target.registrable_domain ?? target.host ?? target.url,
    provider: details.provider ?? target.provider ?? target.registrable_domain ?? target.host,
    wrapper: details.wrapper ?? verdict?.unwrap_chain?.at(-1)?.wrapper,
    scheme: details.scheme ?? target.scheme,
  };
  let bodyKey = `${prefix}_body`;
  if (reason.code === 'ip-host' && PRIVATE_IP_KINDS.has(details.ip_kind)) bodyKey = 'reason_ip_host_private_body';
  if (reason.code === 'homograph' && HIDDEN_HOMOGRAPH_KINDS.has(details.homograph_kind)) bodyKey = 'reason_homograph_hidden_body';
  if (reason.code === 'wrapped' && details.opaque) bodyKey = 'reason_wrapped_opaque_body';
  if (reason.code === 'brand-name-in-host' && details.lookalike) bodyKey = 'reason_brand_name_in_host_lookalike_body';

  const paragraphs = [];
  const body = message(catalog, bodyKey, values);
  if (body) paragraphs.push(body);
  if (reason.code === 'text-mismatch' && details.lookalike) {
    const lookalike = message(catalog, `lookalike_${details.lookalike.replaceAll('-', '_')}`, values);
    if (lookalike) paragraphs.push(lookalike);
  }
  if (reason.code === 'ip-host' && details.obscured) {
    const obscured = message(catalog, 'reason_ip_host_obscured');
    if (obscured) paragraphs.push(obscured);
  }
  const title = catalog?.[`${prefix}_title`]?.message ?? reason.code;
  return { code: reason.code, level: reason.level, title, paragraphs };
}

/** The localized name of a level ("危険", "Caution"...). */
export function levelName(catalog, level) {
  return catalog?.[`level_${level}`]?.message ?? level;
}

/** A segment list as DOM: values in <strong class="value"> (text only, never HTML). */
export function renderSegments(segments) {
  const fragment = document.createDocumentFragment();
  for (const segment of segments ?? []) {
    if ('value' in segment) {
      const strong = document.createElement('strong');
      strong.className = 'value';
      strong.textContent = segment.value;
      fragment.append(strong);
    } else {
      fragment.append(segment.text);
    }
  }
  return fragment;
}

/**
 * A host split for display around its registrable domain:
 * `{before: 'checkid.', registrable: 'ddnsking.com'}` — or the whole host when the engine
 * found no registrable domain (IP addresses, single labels).
 */
export function splitHost(host, registrableDomain) {
  if (!host) return { before: '', registrable: '' };
  if (registrableDomain && host.endsWith(registrableDomain)) {
    const before = host.slice(0, host.length - registrableDomain.length);
    if (before === '' || before.endsWith('.')) return { before, registrable: registrableDomain };
  }
  return { before: '', registrable: host };
}

/** Where `host` starts in `url`: after the scheme and any `user@` (which may repeat the host). */
function hostIndex(url, host) {
  if (!host) return -1;
  const authorityStart = url.indexOf('//');
  if (authorityStart < 0) return -1;
  const authorityEnd = url.slice(authorityStart + 2).search(/[/?#]/);
  const authority = authorityEnd < 0 ? url.slice(authorityStart + 2) : url.slice(authorityStart + 2, authorityStart + 2 + authorityEnd);
  const hostStart = authorityStart + 2 + authority.lastIndexOf('@') + 1;
  return url.startsWith(host, hostStart) ? hostStart : -1;
}

/**
 * The target URL as DOM with its registrable domain highlighted. Built from the URL's own parts
 * so what is shown is exactly the URL (never a link: the page must not lead anyone there).
 */
export function renderTargetUrl(target) {
  const wrap = document.createElement('span');
  wrap.className = 'target-url';
  const url = target?.url ?? '';
  const host = target?.host ?? '';
  const index = hostIndex(url, host);
  if (index < 0) {
    wrap.textContent = url;
    return wrap;
  }
  const parts = splitHost(host, target.registrable_domain);
  const add = (className, text) => {
    if (!text) return;
    const span = document.createElement('span');
    span.className = className;
    span.textContent = text;
    wrap.append(span);
  };
  add('url-rest', url.slice(0, index));
  add('url-sub', parts.before);
  add('url-domain', parts.registrable);
  add('url-rest', url.slice(index + host.length));
  return wrap;
}
