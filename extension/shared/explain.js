// @ts-check
// A verdict's reasons in words, for both wings: the extension says them through its i18n API
// (`explain`), the www pages through the catalogs they load (`explainReason`). Both read the same
// messages (data/locales/<lang>/messages.json) and substitute a reason's details into them.
import { formatMessage, substitutionsFor, catalogLanguage } from './messages.js';

/** @typedef {import('./messages.js').Catalog} Catalog */
/** @typedef {import('./messages.js').MessageLookup} MessageLookup */
/** @typedef {import('./messages.js').Segments} Segments */

/** @type {{ [lookalike: string]: string }} */
const LOOKALIKE_KEYS = {
  'same-label-other-suffix': 'lookalike_same_label_other_suffix',
  'edit-distance': 'lookalike_edit_distance',
  swapped: 'lookalike_swapped',
  'embedded-brand': 'lookalike_embedded_brand',
};

/**
 * The title and body of one reason in the user's language, with the verdict's details
 * substituted; `msg` gives the messages (the extension's `msg`: chrome.i18n).
 * @param {Reason} reason
 * @param {Target} target
 * @param {MessageLookup} msg
 * @returns {{ title: string, body: string }}
 */
export function explain(reason, target, msg) {
  const d = reason.details ?? {};
  const key = `reason_${reason.code.replaceAll('-', '_')}`;
  const title = msg(`${key}_title`);
  const site = target.registrable_domain ?? target.host ?? target.url;
  const actual = d.actual ?? site;
  const provider = d.provider ?? target.provider ?? site;
  const claimed = d.claimed ?? '';
  const bodyKey = `${key}_body`;
  let body;
  switch (reason.code) {
    case 'text-mismatch':
      body = msg(bodyKey, [claimed, actual]);
      if (d.lookalike && LOOKALIKE_KEYS[d.lookalike]) {
        body += ` ${msg(LOOKALIKE_KEYS[d.lookalike], [claimed, actual])}`;
      }
      break;
    case 'dynamic-dns':
    case 'free-hosting':
    case 'shortener':
      body = msg(bodyKey, [provider]);
      break;
    case 'ip-host': {
      const ip = d.ip ?? target.host ?? site;
      const isPrivate = d.ip_kind != null && d.ip_kind !== 'public';
      body = isPrivate ? msg('reason_ip_host_private_body', [ip]) : msg(bodyKey, [ip]);
      if (d.obscured) body += ` ${msg('reason_ip_host_obscured')}`;
      break;
    }
    case 'userinfo':
      body = msg(bodyKey, [d.user ?? '', d.actual ?? target.host ?? site]);
      break;
    case 'homograph':
      if (d.homograph_kind === 'bidi' || d.homograph_kind === 'zero-width') {
        body = msg('reason_homograph_hidden_body');
      } else {
        const unicode = d.unicode ?? target.host_unicode ?? target.host ?? site;
        body = msg(bodyKey, [unicode, d.punycode ?? target.host ?? site]);
      }
      break;
    case 'script-url':
      body = msg(bodyKey, [d.scheme ?? target.scheme]);
      break;
    case 'wrapped': {
      const wrapper = d.wrapper ?? d.provider ?? provider;
      body = d.opaque ? msg('reason_wrapped_opaque_body', [wrapper]) : msg(bodyKey, [wrapper]);
      break;
    }
    case 'tracking-redirect':
      body = msg(bodyKey, [claimed, provider]);
      break;
    case 'brand-in-host':
    case 'lookalike-domain':
    case 'brand-name-in-host':
    case 'mailto-brand-mismatch': {
      // The brand as Japanese readers know it (楽天 for Rakuten), where the engine gives one.
      const japanese = msg('@@ui_locale').startsWith('ja');
      const brand = (japanese && d.brand_ja) || d.brand || claimed;
      // A name spelled like the brand's, not the brand's own (amazom.example.cn).
      const key = reason.code === 'brand-name-in-host' && d.lookalike ? 'reason_brand_name_in_host_lookalike_body' : bodyKey;
      body = msg(key, [claimed, brand, actual]);
      break;
    }
    case 'domain-in-host':
      body = msg(bodyKey, [claimed, actual]);
      // The written name is the lookalike, the brand's domain what it imitates.
      if (d.lookalike && LOOKALIKE_KEYS[d.lookalike] && d.brand_domain) {
        body += ` ${msg(LOOKALIKE_KEYS[d.lookalike], [d.brand_domain, claimed])}`;
      }
      break;
    default:
      body = msg(bodyKey);
  }
  return { title, body };
}

/**
 * @param {Catalog} catalog
 * @param {string} key
 * @param {{ [name: string]: unknown }} [values]
 */
function message(catalog, key, values = {}) {
  return formatMessage(catalog, key, substitutionsFor(catalog, key, values));
}

const PRIVATE_IP_KINDS = new Set(['private', 'loopback', 'link-local']);
const HIDDEN_HOMOGRAPH_KINDS = new Set(['bidi', 'zero-width']);

/**
 * One reason explained from a loaded catalog: `{code, level, title, paragraphs}` where title is a
 * string and each paragraph a segment list (see formatMessage). Codes this page does not know
 * yet are shown by their code, so a newer engine never produces an empty explanation.
 * @param {Catalog} catalog
 * @param {Reason} reason
 * @param {Verdict} [verdict]
 * @returns {{ code: string, level: Level, title: string, paragraphs: Segments[] }}
 */
export function explainReason(catalog, reason, verdict) {
  const details = reason.details ?? {};
  const target = verdict?.target ?? /** @type {Target} */ ({});
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

/**
 * The localized name of a level ("危険", "Caution"...) from a loaded catalog.
 * @param {Catalog} catalog
 * @param {string} level
 */
export function levelName(catalog, level) {
  return catalog?.[`level_${level}`]?.message ?? level;
}
