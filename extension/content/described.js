// @ts-check
// What a screen reader says of a marked link besides its own text: its level and its real
// destination, as the link's accessible description ("危険：本当の行き先は checkid.ddnsking.com"),
// and while the tooltip is shown for it, the tooltip itself.
//
// aria-describedby names elements by id in the link's own tree, and no id reaches into a shadow
// root, where the tooltip lives (so the page can't restyle it). So the short descriptions are
// elements of the page's document, one per distinct text, in one hidden host of ours; and the
// tooltip is named through its host element, which is in the page's document too: a description
// computed from an element takes in its shadow tree's text (both browsers build the
// accessibility tree from the flat tree). The page's own describedby ids are kept, after ours.
import { msg } from '../shared/i18n.js';

/** Ids of ours start with this; a random part per frame keeps the page's own ids apart. */
const PREFIX = `linkguard-${Math.random().toString(36).slice(2, 10)}-`;
export const TOOLTIP_ID = `${PREFIX}tooltip`;

/** The hidden host of the descriptions (created on first use). @type {HTMLElement | null} */
export let descriptionsHost = null;
/** Description text -> the id of its element. @type {Map<string, string>} */
const idOfText = new Map();

function ensureHost() {
  if (descriptionsHost) {
    if (!descriptionsHost.isConnected) document.documentElement.append(descriptionsHost);
    return descriptionsHost;
  }
  const host = document.createElement('linkguard-descriptions');
  host.hidden = true;
  // Never shown, whatever the page's CSS says of unknown elements.
  host.style.setProperty('display', 'none', 'important');
  descriptionsHost = host;
  document.documentElement.append(host);
  return host;
}

/** The id of the element whose text is `text`, made on first use. */
function idFor(text) {
  let id = idOfText.get(text);
  if (id && document.getElementById(id)) return id;
  id ??= `${PREFIX}${idOfText.size + 1}`;
  const span = document.createElement('span');
  span.id = id;
  span.textContent = text;
  ensureHost().append(span);
  idOfText.set(text, id);
  return id;
}

/** The page's own ids in `el`'s aria-describedby (without ours). */
function pageIds(el) {
  return (el.getAttribute('aria-describedby') ?? '').split(/\s+/).filter((id) => id && !id.startsWith(PREFIX));
}

function setIds(el, ours) {
  const ids = [...ours, ...pageIds(el)];
  const value = ids.join(' ');
  if (!value) {
    if (el.hasAttribute('aria-describedby')) el.removeAttribute('aria-describedby');
  } else if (el.getAttribute('aria-describedby') !== value) {
    el.setAttribute('aria-describedby', value);
  }
}

/**
 * The short description of a link with this verdict, or '' for a safe one (nothing to say that
 * the link's own text doesn't).
 * @param {Verdict} verdict
 */
export function descriptionOf(verdict) {
  if (verdict.level === 'safe') return '';
  const t = verdict.target;
  const where = t.registrable_domain ?? t.host ?? t.url ?? '';
  return msg('link_description', [msg(`level_${verdict.level}`), where]);
}

/**
 * Describes `el` by its verdict (a safe verdict takes our description away).
 * @param {Element} el
 * @param {Verdict} verdict
 */
export function describe(el, verdict) {
  const text = descriptionOf(verdict);
  setIds(el, text ? [idFor(text)] : []);
}

/** Takes our description off `el` (forgotten, or linkguard switched off here). */
export function undescribe(el) {
  if (el.hasAttribute('aria-describedby')) setIds(el, []);
}

/**
 * While the tooltip is shown for `el`, the tooltip is its description (it says the level and
 * the destination too, and why).
 * @param {Element} el
 */
export function describeByTooltip(el) {
  setIds(el, [TOOLTIP_ID]);
}

/** Whether `el`'s description is still ours as we left it (a page may rewrite the attribute). */
export function isDescribed(el, verdict) {
  const text = descriptionOf(verdict);
  const ours = (el.getAttribute('aria-describedby') ?? '').split(/\s+/).filter((id) => id.startsWith(PREFIX));
  return text ? ours.length === 1 && ours[0] === idOfText.get(text) : ours.length === 0;
}
