// @ts-check
// Click guard: a click (or Enter) on a flagged link, or on one not judged yet, waits for its
// verdict; a flagged link opens only after the dialog, and only as the user asked. A form
// submission (a click on its button, Enter in a field; GET or POST, here or in a new tab) is
// guarded the same way, by its action. The wait for a verdict is bounded: a link the engine
// doesn't answer for in time is `unreadable`, and asks like a flagged one. "Open the official
// site" in the dialog opens the company's own site where the link would have opened, never the
// link.
import { api } from '../shared/api.js';
import { active, linkState, proceedAllowed } from './state.js';
import { hrefOf, inputOf, keyOf, submitInput } from './links.js';
import { verdictFor } from './batches.js';
import { unreadableVerdict } from './unreadable.js';
import { LEVEL_QUERY, apply, knownVerdict, onLevelQuery } from './scan.js';
import { scheduleReport } from './report.js';
import { tooltip, onMouseover, onMouseout, onFocusin, onFocusout, onScrollOrResize } from './tooltip.js';
import { dialog, officialSite } from './dialog.js';
import { warm } from './channel.js';
import { earlyGuard } from './early-guard.js';
import { isLink, linkFromEvent, opensLink, pointOf, rawHrefOf } from './link-events.js';
import { plainVerdict } from '../shared/scan-frame.js';

/** Set while we replay a click or a submission the user made, so our own listener lets it through. */
let replaying = false;

/** How long a click waits for a verdict before the link counts as unreadable. */
const VERDICT_WAIT_MS = 4000;

/** Where the user wanted the link opened: the same frame (honouring target=) or a new tab/window. */
function dispositionOf(e) {
  if (e.type === 'auxclick') return e.shiftKey ? 'foreground-tab' : 'background-tab';
  if (e.ctrlKey || e.metaKey) return e.shiftKey ? 'foreground-tab' : 'background-tab';
  if (e.shiftKey) return 'new-window';
  return 'same';
}


async function guard(e) {
  if (replaying || !active || !opensLink(e)) return;
  const link = linkFromEvent(e);
  if (!link) return;
  // Read now, the full way: the page may have swapped the href since the scan (e.g. on
  // mousedown), and what the user sees where they click is what counts.
  const input = inputOf(link, { full: true, point: pointOf(e) });
  if (!input) return;
  const cached = knownVerdict(link, keyOf(input));
  if (cached?.level === 'safe') return; // safe and known: untouched, no delay
  // Flagged or not known yet: nothing else may act on this click until we know.
  e.preventDefault();
  e.stopImmediatePropagation();
  await decide(link, input, cached, dispositionOf(e));
}

/**
 * The verdict for `input`, waiting `waitMs` at most (VERDICT_WAIT_MS, less what an event held
 * before this script ran has waited already); `unreadable` when none comes.
 */
async function boundedVerdict(input, waitMs = VERDICT_WAIT_MS) {
  let timer = 0;
  const late = new Promise((resolve) => {
    timer = setTimeout(() => resolve(unreadableVerdict(input.href, 'no verdict in time')), waitMs);
  });
  try {
    return await Promise.race([verdictFor(input), late]);
  } catch (error) {
    // The engine can't be reached (the extension was updated underneath this page): the link
    // can't be judged, so it asks first.
    return unreadableVerdict(input.href, String(error?.message ?? error));
  } finally {
    clearTimeout(timer);
  }
}

/** The verdict for `el`'s `input` (known or asked for), marked on it; the dialog's answer. */
async function judged(el, input, known, waitMs = VERDICT_WAIT_MS) {
  let verdict = known;
  if (!verdict) {
    verdict = await boundedVerdict(input, waitMs);
    const state = linkState.get(el);
    if ((!state || state.key === keyOf(input)) && apply(el, keyOf(input), verdict)) scheduleReport();
  }
  if (verdict.level === 'safe') return { verdict, action: 'open' };
  const action = await dialog.ask(verdict, { proceedAllowed });
  // The policy holds even if a page forged the dialog's answer.
  if (action === 'open' && verdict.level === 'danger' && !proceedAllowed) return { verdict, action: 'back' };
  if (action === 'trust') {
    // Trusting is a choice of its own, never opening in the same click: the domain's links are
    // checked again (safe now), and the user opens this one if they still want to.
    const domain = verdict.target.registrable_domain ?? verdict.target.host;
    await api.runtime.sendMessage({ type: 'trust', domain }).catch(() => {});
  } else if (action === 'report') {
    // The link report page, in a tab of its own, prepares the report from this verdict.
    await api.runtime.sendMessage({ type: 'reportLink', href: input.href, text: input.text, verdict: plainVerdict(verdict) }).catch(() => {});
  }
  return { verdict, action };
}

async function decide(link, input, known, disposition, waitMs = VERDICT_WAIT_MS) {
  const { verdict, action } = await judged(link, input, known, waitMs);
  if (action === 'official') {
    await openOfficial(link, verdict, disposition);
    return;
  }
  if (action !== 'open') return;
  // The href may have changed while the dialog was up: only open what the user was shown.
  const raw = rawHrefOf(link);
  if (raw == null || hrefOf(link, raw) !== input.href) return;
  // A ping the engine flags is not sent: the link opens without it.
  if (verdict.reasons.some((r) => r.code === 'ping-target')) link.removeAttribute('ping');
  await proceed(link, input, verdict, disposition);
}

async function proceed(link, input, verdict, disposition) {
  const bypass = verdict.level !== 'safe';
  // An SVG link has no click() to replay: it is followed by address (its target honoured).
  const svg = !(link instanceof HTMLElement);
  if (svg && disposition === 'same' && /^_blank$/i.test(link.getAttribute('target') ?? '')) disposition = 'foreground-tab';
  if (disposition === 'same') {
    if (bypass) {
      // Tell the navigation guard the user chose to open this (the link and its real target).
      await api.runtime.sendMessage({ type: 'allowOnce', urls: [input.href, verdict.target.url] }).catch(() => {});
    }
    if (link.isConnected && !svg) {
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

/**
 * The company's official site (`officialSite`: the engine's, https), opened where the link or
 * form `el` would have opened: a new tab or window when the user asked for one or its target
 * is another window, else this frame (or the tab, for `_top` and `_parent` in a frame).
 * @param {Element} el @param {Verdict} verdict @param {string} disposition
 */
async function openOfficial(el, verdict, disposition) {
  const site = officialSite(verdict);
  if (!site) return;
  if (disposition === 'same') {
    const target = (el.getAttribute('target') ?? document.querySelector('base[target]')?.getAttribute('target') ?? '')
      .trim().toLowerCase();
    if (target === '' || target === '_self' || ((target === '_top' || target === '_parent') && window === window.top)) {
      location.assign(site.url);
      return;
    }
    // _top or _parent in a frame: the tab; any other target is another window.
    if (target !== '_top' && target !== '_parent') disposition = 'foreground-tab';
  }
  await api.runtime.sendMessage({ type: 'open', url: site.url, disposition }).catch(() => {});
}

/**
 * A form being submitted (its button clicked, Enter in a field, requestSubmit): judged by where
 * it goes (the submitter's formaction, else its action) against the submitter's text, then
 * submitted again as the user asked (the same submitter, so its name and value go along).
 */
async function guardSubmit(e) {
  if (replaying || !active) return;
  const form = e.target;
  if (!(form instanceof HTMLFormElement)) return;
  const submitter = /** @type {SubmitEvent} */ (e).submitter ?? null;
  const input = submitInput(form, { submitter });
  if (!input) return;
  const cached = knownVerdict(form, keyOf(input));
  if (cached?.level === 'safe') return;
  e.preventDefault();
  e.stopImmediatePropagation();
  await decideSubmit(form, submitter, input, cached);
}

/** A stopped submission: judged, then submitted again as the user submitted it, if they still want to. */
async function decideSubmit(form, submitter, input, cached, waitMs = VERDICT_WAIT_MS) {
  const { verdict, action } = await judged(form, input, cached, waitMs);
  if (action === 'official') {
    await openOfficial(form, verdict, 'same');
    return;
  }
  if (action !== 'open' || !form.isConnected) return;
  const now = submitInput(form, { submitter, reading: { text: input.text, hidden: [] } });
  if (now?.href !== input.href) return; // the action changed while the dialog was up
  if (verdict.level !== 'safe') {
    await api.runtime.sendMessage({ type: 'allowOnce', urls: [input.href, verdict.target.url] }).catch(() => {});
  }
  submitAgain(form, submitter);
}

/** The form submitted again by its submitter (its name and value go along), past our own listener. */
function submitAgain(form, submitter) {
  replaying = true;
  try {
    if (submitter && form.contains(submitter)) form.requestSubmit(submitter);
    else form.requestSubmit();
  } finally {
    replaying = false;
  }
}

/**
 * An event early-guard.js held before this script ran (stopped already): judged now as the
 * listeners below would have judged it then, its wait for a verdict counted from when it was
 * held. One they would have let through (linkguard off here, a link this script leaves alone,
 * a safe verdict) is opened or submitted now as the user asked.
 * @param {import('./early-guard.js').HeldEvent} held
 */
async function decideHeld({ event, target, point, at }) {
  const waitMs = Math.max(0, VERDICT_WAIT_MS - (performance.now() - at));
  if (target instanceof HTMLFormElement) {
    if (!target.isConnected) return;
    const submitter = /** @type {SubmitEvent} */ (event).submitter ?? null;
    const input = active ? submitInput(target, { submitter }) : null;
    if (!input) {
      submitAgain(target, submitter);
      return;
    }
    await decideSubmit(target, submitter, input, knownVerdict(target, keyOf(input)), waitMs);
    return;
  }
  if (!target.isConnected) return;
  const disposition = dispositionOf(event);
  const input = active && isLink(target) ? inputOf(target, { full: true, point }) : null;
  if (input) {
    await decide(target, input, knownVerdict(target, keyOf(input)), disposition, waitMs);
    return;
  }
  // Not one the guard judges (a same-page, phone or mail link, this site's own): opened as the
  // user asked, as the browser would have.
  const raw = rawHrefOf(target);
  if (raw == null) return;
  await proceed(target, { href: hrefOf(target, raw) }, { level: 'safe' }, disposition);
}

const onKeydown = (e) => {
  if (e.key === 'Escape' && tooltip.anchor) tooltip.hide();
  if (!opensLink(e) || replaying || !active) return;
  const link = linkFromEvent(e);
  if (!link) return;
  const input = inputOf(link, { full: true });
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
  const resolved = typeof link.href === 'string' ? link.href : hrefOf(link, rawHrefOf(link) ?? '');
  if (resolved !== url) return null;
  // As a click reads it (a transparent link takes the text under it). Links this script
  // leaves alone (phone, same-page, this site's own) are reported from the menu's address.
  return inputOf(link, { full: true, point: { x: menuLink.x, y: menuLink.y } });
}

/** The user moves, types or comes back here: the background is started if it stopped. */
const onActivity = (e) => {
  if (active && (e.type !== 'visibilitychange' || document.visibilityState === 'visible')) warm();
};

/**
 * The window-level listeners. document.open() (how Roundcube-style webmail writes a body into
 * an about:blank frame) removes every listener of the document and its window, ours included,
 * while our MutationObserver survives; so the observer calls this again whenever the document
 * itself changes. Adding the same function again is a no-op, so it is safe to repeat.
 */
export function installWindowListeners() {
  // click, auxclick, keydown and submit: early-guard.js's dispatchers, added at document_start
  // before the page's own and handing each event to takeOverEarlyGuard's handlers.
  earlyGuard().install();
  addEventListener('mouseover', onMouseover, true);
  addEventListener('mouseout', onMouseout, true);
  addEventListener('focusin', onFocusin, true);
  addEventListener('focusout', onFocusout, true);
  addEventListener('contextmenu', onContextmenu, true);
  addEventListener('scroll', onScrollOrResize, { capture: true, passive: true });
  addEventListener('resize', onScrollOrResize, { passive: true });
  addEventListener(LEVEL_QUERY, onLevelQuery, true);
  for (const type of ['pointermove', 'pointerdown', 'keydown', 'focus', 'visibilitychange', 'pageshow']) {
    addEventListener(type, onActivity, { capture: true, passive: true });
  }
}

/**
 * The guard's handlers take over from early-guard.js's holding: its dispatchers (on window since
 * document_start, before the page's listeners) call them from now on, and each event held until
 * now is decided.
 */
export function takeOverEarlyGuard() {
  earlyGuard().ready({ click: guard, auxclick: guard, keydown: onKeydown, submit: guardSubmit }, decideHeld);
}
