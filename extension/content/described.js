// @ts-check
// What a screen reader says of a marked link besides its own text: its level and its real
// destination, as the link's accessible description ("危険：本当の行き先は checkid.ddnsking.com"),
// and while the tooltip is shown for it, the tooltip itself.
//
// The short description is the link's own `aria-description` attribute (Baseline 2024:
// Chromium, Firefox, Safari): one attribute written a flagged link, where an element of the
// page's document named by `aria-describedby` cost a span made and inserted for each distinct
// text (a page's flagged links each go to a domain of their own: 1,487 spans on the 5,000-link
// bench page). An accessible description is computed from aria-describedby when the link has
// one, and only otherwise from aria-description (accname: both browsers). So a link the page
// describes itself (its own describedby ids or its own aria-description) is described as
// before, by an element in one hidden host of ours named first in aria-describedby, the page's
// ids after ours; and the tooltip, which lives in a shadow root (so the page can't restyle it)
// where no id reaches, is named through its host element, which is in the page's document: a
// description computed from an element takes in its shadow tree's text (both browsers build the
// accessibility tree from the flat tree). Named in aria-describedby, it takes the short
// description's place while shown.
import { msg, descriptionTemplate } from '../shared/i18n.js';
import { destinationOf } from '../shared/scan-frame.js';

/** Ids of ours start with this; a random part per frame keeps the page's own ids apart. */
const PREFIX = `linkguard-${Math.random().toString(36).slice(2, 10)}-`;
export const TOOLTIP_ID = `${PREFIX}tooltip`;

/** The hidden host of the descriptions (created on first use). @type {HTMLElement | null} */
export let descriptionsHost = null;
/** Description text -> its element and that element's id. @type {Map<string, { id: string, span: HTMLElement }>} */
const ofText = new Map();
/**
 * Descriptions made while links are marked (`describing`), appended in one go when it ends:
 * one insertion into the page's document instead of one per distinct description (a page's
 * flagged links each go to a domain of their own). @type {DocumentFragment | null}
 */
let made = null;
let describingDepth = 0;

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

/**
 * Runs `write`, which describes links: the descriptions it makes go into the document together,
 * before it returns (the ids it writes name elements that are there when the task ends).
 * @template T @param {() => T} write @returns {T}
 */
export function describing(write) {
  if (describingDepth++ === 0) made = null;
  try {
    return write();
  } finally {
    if (--describingDepth === 0 && made) {
      const fragment = made;
      made = null;
      ensureHost().append(fragment);
    }
  }
}

/** The id of the element whose text is `text`, made on first use (or again if the page took it away). */
function idFor(text) {
  const known = ofText.get(text);
  // Still in our host (the page may have taken it out), or made in this pass and on its way.
  if (known && (known.span.parentNode === descriptionsHost || (made && known.span.parentNode === made))) return known.id;
  const id = known?.id ?? `${PREFIX}${ofText.size + 1}`;
  const span = document.createElement('span');
  span.id = id;
  span.textContent = text;
  if (describingDepth) (made ??= document.createDocumentFragment()).append(span);
  else ensureHost().append(span);
  ofText.set(text, { id, span });
  return id;
}

/** The page's own ids in an aria-describedby value (without ours). @param {string | null} value */
function pageIds(value) {
  return value ? value.split(/\s+/).filter((id) => id && !id.startsWith(PREFIX)) : [];
}

/**
 * `el`'s aria-describedby as `ours` then the page's own, read once (each DOM call costs), or
 * given as `current` by a caller that has just read it.
 * @param {Element} el @param {string[]} ours @param {string | null} [current]
 */
function setIds(el, ours, current = el.getAttribute('aria-describedby')) {
  const value = [...ours, ...pageIds(current)].join(' ');
  if (!value) {
    if (current !== null) el.removeAttribute('aria-describedby');
  } else if (current !== value) {
    el.setAttribute('aria-describedby', value);
  }
}

/**
 * Per level, the description's text before and after its destination (null: made by msg each
 * time). The background sends them with its answer to `hello` (knowTemplates): the first
 * getMessage in a frame costs the page ≈ 10 ms (the extension's bindings and its catalog are
 * set up on it), and it came between a page's first verdicts and their marks.
 * @type {Map<string, [string, string] | null>}
 */
const templates = new Map();

/**
 * The templates made by the background (descriptionTemplate, by level), if it sent them.
 * @param {unknown} given
 */
export function knowTemplates(given) {
  if (!given || typeof given !== 'object') return;
  for (const [level, template] of Object.entries(given)) {
    if (Array.isArray(template) && template.length === 2 && template.every((t) => typeof t === 'string')) {
      templates.set(level, [template[0], template[1]]);
    }
  }
}

/**
 * The short description of a link with this verdict, or '' for a safe one (nothing to say that
 * the link's own text doesn't). The message is asked for once per level, with a hole for the
 * destination: a page's flagged links go to many domains, and each message asked for costs a
 * call into the extension's bindings.
 * @param {Verdict} verdict
 */
export function descriptionOf(verdict) {
  if (verdict.level === 'safe') return '';
  const where = destinationOf(verdict);
  const level = verdict.level;
  let template = templates.get(level);
  if (template === undefined) {
    template = descriptionTemplate(level);
    templates.set(level, template);
  }
  return template ? template[0] + where + template[1] : msg('link_description', [msg(`level_${level}`), where]);
}

/** The attribute a link is described by when the page doesn't describe it itself. */
const DESCRIPTION = 'aria-description';
/**
 * Every aria-description text we wrote in this frame: a link's value among them is ours (also on
 * a page's copy of a marked link), any other the page's own, which stays.
 * @type {Set<string>}
 */
const written = new Set();

/**
 * Describes `el` by its verdict (a safe verdict takes our description away): by aria-description
 * unless the page describes the link itself (then by our element in aria-describedby, before the
 * page's ids). Writes only what differs, so it also puts back a description the page changed.
 * @param {Element} el
 * @param {Verdict} verdict
 */
export function describe(el, verdict) {
  const text = descriptionOf(verdict);
  const current = el.getAttribute('aria-describedby');
  const description = el.getAttribute(DESCRIPTION);
  const ours = description === null || written.has(description);
  if (!ours || pageIds(current).length) {
    if (description !== null && ours) el.removeAttribute(DESCRIPTION);
    setIds(el, text ? [idFor(text)] : [], current);
    return;
  }
  // Our ids (a span's, the tooltip's) off: a describedby would hide the aria-description.
  if (current !== null) setIds(el, [], current);
  if (description === (text || null)) return;
  if (text) {
    written.add(text);
    el.setAttribute(DESCRIPTION, text);
  } else {
    el.removeAttribute(DESCRIPTION);
  }
}

/** Takes our description off `el` (forgotten, or linkguard switched off here). */
export function undescribe(el) {
  const description = el.getAttribute(DESCRIPTION);
  if (description !== null && written.has(description)) el.removeAttribute(DESCRIPTION);
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
