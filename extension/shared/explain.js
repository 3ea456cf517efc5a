// @ts-check
// A verdict's reasons in words, from the message catalogs (data/locales/<lang>/messages.json)
// with a reason's details substituted: the www pages' (`explainReason`).
import { formatMessage, substitutionsFor, catalogLanguage } from './messages.js';

/** @typedef {import('./messages.js').Catalog} Catalog */
/** @typedef {import('./messages.js').Segments} Segments */

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
