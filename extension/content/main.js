// @ts-check
// The content script: finds every link in this frame (now and later), asks the background's
// engine about it in batches, marks caution/danger links, explains them in a tooltip on hover or
// focus, and stops clicks on flagged links behind a modal dialog. This module starts it and
// follows the settings; the others are its parts, in the order a link meets them: links.js
// (reading a link), batches.js (asking the background), scan.js (finding and marking links),
// report.js (the popup's list), shadow.js, tooltip.js and dialog.js (what the user sees),
// click-guard.js (clicks on flagged links). scripts/build-extension.mjs bundles them into one
// classic script, content.js.
//
// content.js runs at document_end in every frame (incl. about:blank/srcdoc): its compile and top
// level are then no longer paid before the page's parser goes on. Its first part, content-start.js
// (start.js), runs at document_start: the click guard's capture listeners on window, added
// before any page script's (window capture listeners fire in registration order, and ours stops
// the event before the page's handlers see it), holding what is clicked until this script takes
// over (early-guard.js), and the `hello`. Injected alone (an older registration of "Protect this
// site"), content.js adds those listeners and sends the `hello` itself.
import { api } from '../shared/api.js';
import { loadSettings, isSettingsArea } from '../shared/settings.js';
import { siteKey } from '../shared/sites.js';
import {
  settings, active, linkState, unconfirmed, setSettings, setActiveState, setConfirmed, setProceedAllowed,
} from './state.js';
import { CHECKED_SELECTOR, inputOf } from './links.js';
import { cache, roundTrips, sendOutbox, forgetAnswers } from './batches.js';
import { ask } from './channel.js';
import { LEVEL_ATTR, apply, forget, marking, scanAll, startObserving, stopObserving } from './scan.js';
import { scheduleReport, reveal } from './report.js';
import { tooltip } from './tooltip.js';
import { knowTemplates } from './described.js';
import { installWindowListeners, menuLinkInput, takeOverEarlyGuard } from './click-guard.js';
import { earlyGuard } from './early-guard.js';

const PARSE_WAIT_MS = 1000;

/** @param {boolean} next */
function setActive(next) {
  if (next === active) return;
  setActiveState(next);
  if (active) {
    setConfirmed(); // isActiveHere() asked the background
    startObserving();
    scanAll();
  } else {
    stopObserving();
    tooltip.hide();
    unconfirmed.clear();
    // (A link judged safe carries no mark: every checked element is forgotten.)
    for (const link of document.querySelectorAll(`${CHECKED_SELECTOR}, [${LEVEL_ATTR}]`)) forget(link);
  }
  scheduleReport();
}

/** The background confirmed linkguard is on here: mark what was judged meanwhile. */
function confirm() {
  setConfirmed();
  let report = false;
  marking(() => {
    for (const el of unconfirmed) {
      const state = linkState.get(el);
      const verdict = state && cache.get(state.key);
      if (verdict && el.isConnected) report = apply(el, state.key, verdict) || report;
    }
  });
  unconfirmed.clear();
  if (report) scheduleReport();
}

function rescan() {
  forgetAnswers();
  for (const link of document.querySelectorAll(CHECKED_SELECTOR)) linkState.delete(link);
  scanAll();
}

/** On unless the user switched this site off (the background judges by the tab's top site). */
async function isActiveHere() {
  const own = !settings.sitesOff.includes(siteKey(location.href));
  const hello = await ask({ type: 'hello', url: location.href }).catch(() => null);
  if (hello) setProceedAllowed(hello.proceedAllowed !== false);
  knowTemplates(hello?.descriptions);
  return own && hello?.active !== false;
}

/**
 * Runs `fn` once the parser is done (DOMContentLoaded), or after PARSE_WAIT_MS at the latest.
 * The listener is on window in the bubble phase: the event is fired at the document, so the
 * page's own listeners there (its start-up code) run first. `fn` only starts observing and
 * asks for a scan: the links are read from the next task on, in slices (scan.js).
 * @param {() => void} fn
 */
function afterParsing(fn) {
  if (document.readyState !== 'loading') return fn();
  let done = false;
  const go = () => {
    if (done) return;
    done = true;
    removeEventListener('DOMContentLoaded', go);
    fn();
  };
  addEventListener('DOMContentLoaded', go);
  setTimeout(go, PARSE_WAIT_MS);
}

async function start() {
  // Links are read once the parser is done, in slices, while the settings and the background's
  // answer are on their way. Observing every node the parser inserts cost a big page its own
  // DOMContentLoaded (about 300 ms later on 5,000 links), and so did reading the links the
  // parser was done with every 50 ms, for no earlier end (navigation start -> all marked
  // stayed the same). A link clicked or hovered before that is read on the spot, and a parse
  // slower than PARSE_WAIT_MS (a mail streamed over a slow line) is observed from then on. (At
  // document_end, as the manifest injects this script now, the parse is over already: both are
  // for content.js injected alone at document_start. A click while the page parses is held by
  // content-start.js until this script runs, after the parse.)
  afterParsing(() => {
    if (!active) return;
    startObserving();
    scanAll();
  });
  // On the port the batches go on (channel.js): one channel for both, opened as the page
  // starts loading (by content-start.js), so the background (and its engine) starts while the
  // page parses.
  const hello = earlyGuard().hello ?? ask({ type: 'hello', url: location.href }).catch(() => null);
  setSettings(await loadSettings());
  if (settings.sitesOff.includes(siteKey(location.href))) {
    setActive(false);
    return;
  }
  // The engine starts on what was read so far; the marks wait for the background's "on".
  sendOutbox();
  const answer = await hello;
  if (answer) setProceedAllowed(answer.proceedAllowed !== false);
  knowTemplates(answer?.descriptions);
  if (answer?.active === false) {
    setActive(false);
    return;
  }
  confirm();
}

/**
 * Diagnostics for tests (asked from an extension page with tabs.sendMessage; pages can't): the
 * elements with these ids as the scan reads them and as a click reads them.
 * @param {unknown} ids
 */
function readLinks(ids) {
  const out = {};
  for (const id of Array.isArray(ids) ? ids : []) {
    const el = document.getElementById(String(id));
    out[id] = el ? { scanned: inputOf(el), clicked: inputOf(el, { full: true }) } : null;
  }
  return out;
}

// A second injection (manifest + scripting.executeScript after "Protect this site") is a no-op.
if (!globalThis.linkguardContentLoaded) {
  globalThis.linkguardContentLoaded = true;

  api.runtime.onMessage.addListener((message, _sender, sendResponse) => {
    if (message?.type === 'menuLink') sendResponse({ link: active ? menuLinkInput(message.url) : null });
    else if (message?.type === 'reveal') sendResponse({ shown: active && reveal(message.id) });
    else if (message?.type === 'readLinks') sendResponse({ links: readLinks(message.ids) });
    return false;
  });

  installWindowListeners();
  takeOverEarlyGuard();

  api.storage.onChanged.addListener(async (changes, area) => {
    if (!isSettingsArea(area)) return;
    setSettings(await loadSettings());
    const managed = area === 'managed';
    if (managed || changes.sitesOff) setActive(await isActiveHere());
    if (managed || changes.allowlist || changes.disabledChecks) rescan();
  });

  // Diagnostics for tests and benchmarks (isolated world: the page can't call this).
  globalThis.linkguardDiagnostics = () => ({ roundTrips: [...roundTrips], cached: cache.size, active });

  start();
}
