// @ts-check
// Scanning: every link present and inserted later. Links are read in the microtask after the
// mutation that brought them (the observer's records, then one pass), with no waiting for idle
// time: reading a link costs a few microseconds, and a link can't be explained or its click
// decided before it is read.
import { active, confirmed, linkState, flagged, unconfirmed } from './state.js';
import { LINK_SELECTOR, CHECKED_SELECTOR, isChecked, inputOf, keyOf } from './links.js';
import { documentChanged, stylesChanged } from './rendered-text.js';
import { cache, request, sendOutbox } from './batches.js';
import { scheduleReport } from './report.js';
import { tooltip } from './tooltip.js';
import { dialog } from './dialog.js';
import { installWindowListeners } from './click-guard.js';
import { describe, descriptionsHost, isDescribed, undescribe } from './described.js';

/** The attribute that marks a checked element with its level (content.css draws it). */
export const LEVEL_ATTR = 'data-linkguard-level';

const queue = new Set();
let flushScheduled = false;

export function enqueue(el) {
  if (!active) return;
  queue.add(el);
  if (!flushScheduled) {
    flushScheduled = true;
    queueMicrotask(flush);
  }
}

function enqueueTree(node) {
  if (isChecked(node)) enqueue(node);
  // The parser inserts elements one by one, before their children: most have none yet.
  if (node.firstElementChild) for (const el of node.querySelectorAll(CHECKED_SELECTOR)) enqueue(el);
}

function flush() {
  flushScheduled = false;
  marking(() => {
    for (const el of queue) check(el);
    queue.clear();
  });
  sendOutbox();
}

/**
 * Links the user has looked at (hovered, focused): read the full way from then on, so a later
 * change doesn't take them back to the cheap reading's verdict.
 * @type {WeakSet<Element>}
 */
const readFully = new WeakSet();

/**
 * Reads `el` (a link, a form, a sender) and asks for its verdict unless it is known.
 * @param {Element} el @param {import('./links.js').How} [how]
 */
export function check(el, how) {
  if (!el.isConnected) {
    forget(el);
    return;
  }
  if (how?.full) readFully.add(el);
  const input = inputOf(el, how ?? { full: readFully.has(el) });
  if (!input) {
    forget(el);
    return;
  }
  const key = keyOf(input);
  const state = linkState.get(el);
  if (state?.key === key && state.verdict) return;
  const cached = cache.get(key);
  if (cached) {
    if (!confirmed) {
      linkState.set(el, { key, verdict: null, mark: state?.mark });
      unconfirmed.add(el);
    } else if (apply(el, key, cached)) {
      scheduleReport();
    }
    return;
  }
  linkState.set(el, { key, verdict: null, mark: state?.mark });
  const els = request(key, input).els;
  if (!els.includes(el)) els.push(el);
}

export function forget(el) {
  linkState.delete(el);
  unconfirmed.delete(el);
  if (el.hasAttribute(LEVEL_ATTR)) el.removeAttribute(LEVEL_ATTR);
  undescribe(el);
  if (flagged.delete(el)) scheduleReport();
}

/**
 * Marks `el` with its verdict; true when the popup's list of flagged links changed. The level
 * written last is kept with the link's state, so a link whose level stays isn't written again
 * and the attribute isn't read back (each DOM call from the content script's world costs).
 */
export function apply(el, key, verdict) {
  const state = linkState.get(el);
  const mark = state?.mark;
  if (state) {
    state.key = key;
    state.verdict = verdict;
    state.mark = verdict.level;
  } else {
    linkState.set(el, { key, verdict, mark: verdict.level });
  }
  if (mark !== verdict.level) el.setAttribute(LEVEL_ATTR, verdict.level);
  // What a screen reader hears besides the link's text (the tooltip's own while it shows).
  if (tooltip.anchor !== el && (verdict.level !== 'safe' || (mark && mark !== 'safe'))) describe(el, verdict);
  const wasFlagged = flagged.has(el);
  if (verdict.level === 'safe') flagged.delete(el);
  else flagged.add(el);
  if (tooltip.anchor === el) tooltip.render();
  return wasFlagged || verdict.level !== 'safe';
}

/** Puts back a level mark (and its description) the page changed or removed: the verdicts are ours to state. */
export function remark(link) {
  const state = linkState.get(link);
  const mark = state?.mark;
  if (mark && link.getAttribute(LEVEL_ATTR) !== mark) link.setAttribute(LEVEL_ATTR, mark);
  if (state?.verdict && tooltip.anchor !== link && !isDescribed(link, state.verdict)) describe(link, state.verdict);
}

/** The verdict known for this element's current input, if any (the cache may have been cleared). */
export function knownVerdict(link, key) {
  const state = linkState.get(link);
  return (state?.key === key && state.verdict) || cache.get(key);
}

// While a page is parsed, every inserted node is a record of its own (four or so per link), so
// this runs tens of thousands of times on a big mail: each record is handled with as few DOM
// calls as it can.
/**
 * Runs `write`, which marks links, without our observer hearing of it: the records already
 * queued (the page's) are handled first, and those `write` makes, ours alone since nothing else
 * runs meanwhile, are dropped. Marking 5,000 links would otherwise come back as 5,000 records.
 */
export function marking(write) {
  const before = observer.takeRecords();
  if (before.length) onMutations(before);
  try {
    return write();
  } finally {
    observer.takeRecords();
  }
}

const observer = new MutationObserver((records) => onMutations(records));

/** A style sheet's element (what it holds decides the text drawn for generated content). */
function isStyle(node) {
  return node.nodeType === Node.ELEMENT_NODE && (node.localName === 'style' || node.localName === 'link');
}

export function onMutations(records) {
  if (!active) return;
  /** Parents seen in this callback: the parser adds many children to the same one. */
  const parents = new Set();
  const ours = tooltip.host || dialog.host || descriptionsHost;
  for (const r of records) {
    if (r.type === 'childList') {
      const target = r.target;
      if (target === document) installWindowListeners();
      const added = r.addedNodes;
      if (added.length) documentChanged();
      for (let i = 0; i < added.length; i++) {
        const n = added[i];
        if (n.nodeType === Node.ELEMENT_NODE) {
          enqueueTree(n);
          if (isStyle(n)) stylesChanged();
        }
      }
      if (isStyle(target)) stylesChanged();
      for (const n of r.removedNodes) if (isStyle(n)) stylesChanged();
      if (ours) {
        for (const n of r.removedNodes) {
          if (n === tooltip.host || n === dialog.host) dialog.reattachIfNeeded(n);
          // The links' descriptions name elements in it: it goes back at once.
          else if (n === descriptionsHost) document.documentElement.append(n);
        }
      }
      // A child added to or removed from a link changes its text.
      if (target.nodeType === Node.ELEMENT_NODE && !parents.has(target)) {
        parents.add(target);
        const link = target.closest(LINK_SELECTOR);
        if (link) enqueue(link);
      }
    } else if (r.type === 'characterData') {
      const parent = r.target.parentElement;
      if (parent && isStyle(parent)) stylesChanged();
      const link = parent?.closest(LINK_SELECTOR);
      if (link) enqueue(link);
    } else if (r.type === 'attributes') {
      enqueue(r.target);
    }
  }
}

export function startObserving() {
  // start() awaits the background first; a page may have replaced the document meanwhile.
  installWindowListeners();
  observer.observe(document, {
    childList: true,
    subtree: true,
    characterData: true,
    attributes: true,
    // Not our own level attribute: marking 5,000 links would come back as 5,000 records.
    // A page that changes a mark gets it back when the link is explained (`remark`).
    // (`href` is also SVG's `xlink:href`: the filter names attributes by local name.)
    attributeFilter: ['href', 'title', 'data-saferedirecturl', 'originalsrc', 'email', 'name', 'ping', 'action',
      'formaction'],
  });
}

export function scanAll() {
  if (document.documentElement) enqueueTree(document.documentElement);
}

/** Linkguard was switched off here: no more reading. */
export function stopObserving() {
  observer.disconnect();
  queue.clear();
}
