// @ts-check
// Click guard: a click (or Enter) on a flagged link, or on one not judged yet, waits for its
// verdict; a flagged link opens only after the dialog, and only as the user asked.
import { api } from '../shared/api.js';
import { squeeze, textOf } from '../shared/text.js';
import { active, linkState } from './state.js';
import { hrefOf, inputOf, keyOf } from './links.js';
import { verdictFor } from './batches.js';
import { apply, knownVerdict } from './scan.js';
import { scheduleReport } from './report.js';
import { tooltip, linkFromEvent, onMouseover, onMouseout, onFocusin, onFocusout, onScrollOrResize } from './tooltip.js';
import { dialog } from './dialog.js';

/** Set while we replay a click the user made, so our own listener lets it through. */
let replaying = false;

/** Where the user wanted the link opened: the same frame (honouring target=) or a new tab/window. */
function dispositionOf(e) {
  if (e.type === 'auxclick') return e.shiftKey ? 'foreground-tab' : 'background-tab';
  if (e.ctrlKey || e.metaKey) return e.shiftKey ? 'foreground-tab' : 'background-tab';
  if (e.shiftKey) return 'new-window';
  return 'same';
}

/**
 * The text the user actually sees for a click at (x, y). A link with no visible text of its
 * own (empty, or transparent) laid over other content "borrows" that content's text, so a
 * transparent link over a visible "https://bank.example" is checked against that claim.
 */
function visibleTextAt(link, x, y) {
  if (typeof x !== 'number' || (x === 0 && y === 0)) return null;
  let transparent = !textOf(link);
  for (let n = link, depth = 0; n instanceof Element && depth < 12 && !transparent; n = n.parentElement, depth++) {
    if (parseFloat(getComputedStyle(n).opacity) < 0.1) transparent = true;
  }
  if (!transparent) return null;
  for (const under of document.elementsFromPoint(x, y)) {
    if (under === link || link.contains(under) || under.contains(link)) continue;
    const text = squeeze(under.textContent ?? '');
    if (text) return text;
  }
  return null;
}

async function guard(e) {
  if (replaying || !active) return;
  if (e.type === 'click' && e.button !== 0) return;
  if (e.type === 'auxclick' && e.button !== 1) return;
  const link = linkFromEvent(e);
  if (!link) return;
  const borrowed = e.isTrusted ? visibleTextAt(link, e.clientX, e.clientY) : null;
  // Read the href now: the page may have swapped it since the scan (e.g. on mousedown).
  const input = inputOf(link, borrowed ?? undefined);
  if (!input) return;
  const cached = knownVerdict(link, keyOf(input));
  if (cached?.level === 'safe') return; // safe and known: untouched, no delay
  // Flagged or not known yet: nothing else may act on this click until we know.
  e.preventDefault();
  e.stopImmediatePropagation();
  await decide(link, input, cached, dispositionOf(e));
}

async function decide(link, input, known, disposition) {
  let verdict = known;
  if (!verdict) {
    try {
      verdict = await verdictFor(input);
    } catch {
      // The engine can't be reached (extension updated underneath this page): fail open
      // rather than break every link; flagged links already known stay blocked.
      return proceed(link, input, null, disposition);
    }
    const state = linkState.get(link);
    if ((!state || state.key === keyOf(input)) && apply(link, keyOf(input), verdict)) scheduleReport();
  }
  if (verdict.level === 'safe') return proceed(link, input, verdict, disposition);
  const action = await dialog.ask(verdict);
  if (action === 'back') return;
  if (action === 'trust') {
    const domain = verdict.target.registrable_domain ?? verdict.target.host;
    await api.runtime.sendMessage({ type: 'trust', domain }).catch(() => {});
  }
  // The href may have changed while the dialog was up: only open what the user was shown.
  const now = inputOf(link, input.text);
  if (!now || now.href !== input.href) return;
  await proceed(link, input, verdict, disposition);
}

async function proceed(link, input, verdict, disposition) {
  const bypass = verdict && verdict.level !== 'safe';
  if (disposition === 'same') {
    if (bypass) {
      // Tell the navigation guard the user chose to open this (the link and its real target).
      await api.runtime.sendMessage({ type: 'allowOnce', urls: [input.href, verdict.target.url] }).catch(() => {});
    }
    if (link.isConnected) {
      replaying = true;
      try {
        link.click();
      } finally {
        replaying = false;
      }
    } else {
      location.assign(input.href);
    }
    return;
  }
  await api.runtime.sendMessage({ type: 'open', url: input.href, disposition, bypass,
    alsoAllow: bypass ? verdict.target.url : null }).catch(() => {});
}

const onKeydown = (e) => {
  if (e.key === 'Escape' && tooltip.anchor) tooltip.hide();
  if (e.key !== 'Enter' || e.altKey || !e.isTrusted || replaying || !active) return;
  const link = linkFromEvent(e);
  if (!link) return;
  const input = inputOf(link);
  if (!input) return;
  const cached = knownVerdict(link, keyOf(input));
  if (cached?.level === 'safe') return; // the browser turns Enter into a click: untouched
  e.preventDefault();
  e.stopImmediatePropagation();
  decide(link, input, cached, dispositionOf(e));
};

/**
 * The link a context menu was last opened on. "Check this link with linkguard" (background/context-menu.js)
 * asks for it: the menu itself gives the background the link's address only (in Chrome; the
 * text too in Firefox, but no webmail hints), and the report must say what the tooltip says.
 */
let menuLink = null;
const onContextmenu = (e) => {
  const link = e.isTrusted ? linkFromEvent(e) : null;
  menuLink = link && { link, x: e.clientX, y: e.clientY };
};

/** The link the menu was opened on, as this script reads it, if it is the one at `url`. */
export function menuLinkInput(url) {
  const link = menuLink?.link;
  if (!link?.isConnected) return null;
  // The menu names the link by the browser's resolved address.
  const resolved = typeof link.href === 'string' ? link.href : hrefOf(link, link.getAttribute('href') ?? '');
  if (resolved !== url) return null;
  // As a click reads it (a transparent link takes the text under it). Links this script
  // leaves alone (phone, same-page, this site's own) are reported from the menu's address.
  return inputOf(link, visibleTextAt(link, menuLink.x, menuLink.y) ?? undefined);
}

/**
 * The window-level listeners. document.open() (how Roundcube-style webmail writes a body into
 * an about:blank frame) removes every listener of the document and its window, ours included,
 * while our MutationObserver survives; so the observer calls this again whenever the document
 * itself changes. Adding the same function again is a no-op, so it is safe to repeat.
 */
export function installWindowListeners() {
  addEventListener('click', guard, true);
  addEventListener('auxclick', guard, true);
  addEventListener('keydown', onKeydown, true);
  addEventListener('mouseover', onMouseover, true);
  addEventListener('mouseout', onMouseout, true);
  addEventListener('focusin', onFocusin, true);
  addEventListener('focusout', onFocusout, true);
  addEventListener('contextmenu', onContextmenu, true);
  addEventListener('scroll', onScrollOrResize, { capture: true, passive: true });
  addEventListener('resize', onScrollOrResize, { passive: true });
}
