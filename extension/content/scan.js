// @ts-check
// Scanning: every link present and inserted later, in slices of the main thread (no slice is a
// long task). Links inserted later are read once the frame that shows them has been drawn (the
// page draws first: their verdicts can't be in that frame anyway, they come from another
// process); the document's own, once its parser is done, while the page's first frame is on its
// way (schedule). A link hovered, focused or clicked before it is read is read on the spot
// (tooltip.js, click-guard.js).
import { active, confirmed, linkState, flagged, unconfirmed } from './state.js';
import { LINK_SELECTOR, CHECKED_SELECTOR, isChecked, inputOf, keyOf, linkInput } from './links.js';
import { documentChanged, stylesChanged } from './rendered-text.js';
import { cache, request, sendOutbox } from './batches.js';
import { scheduleReport } from './report.js';
import { tooltip } from './tooltip.js';
import { dialog } from './dialog.js';
import { installWindowListeners } from './click-guard.js';
import { describe, describing, descriptionsHost, undescribe } from './described.js';
import { HEADER_SELECTOR, bodiesHeadedBy, isMessageHeader } from './message-context.js';

/**
 * The attribute that marks a flagged element with its level (content.css draws it). A link
 * judged safe carries none: nothing draws it, and writing it on every plain link cost most of
 * a page's attribute writes and a style invalidation after each answer. Asked for, it says
 * "safe" too (`LEVEL_QUERY`).
 */
export const LEVEL_ATTR = 'data-linkguard-level';
/**
 * An event a page's script (or a test) may dispatch at a link to learn its level when that is
 * safe: the link then carries LEVEL_ATTR="safe", as every judged link once did. A link not
 * judged yet gets nothing.
 */
export const LEVEL_QUERY = 'linkguard-level-query';

/**
 * Main-thread time one slice of reading takes at most (ms): a slice is never a long task (50 ms,
 * with room for the 16 links read between looks at the clock and a batch sent meanwhile). Not
 * less: the reading code starts cold (a 300-link message takes 20–30 ms to read the first time,
 * 3 ms once warm), and between short slices the page drew frames and the first answers were
 * marked, each gap 4–25 ms, while the last links waited to be read: with 24 ms slices instead
 * of 8 the message's marks were painted ≈ 6 ms sooner (paired loads, benches/PROFILE.md,
 * twelfth round).
 */
const SLICE_MS = 24;
/** A frame not drawn by then (a throttled frame, a busy page) doesn't hold the reading back (ms). */
const PAINT_WAIT_MS = 250;

const queue = new Set();
/** Read the whole document in the next slice (scanAll). */
let wholeDocument = false;
/**
 * The whole document's elements to read (scanAll), read in order from `documentAt` on, before
 * the queue: not copied into the queue first, which cost each of a big page's links an add
 * and a delete in a set (and a call to `enqueue`) for nothing (the list has no duplicates).
 * An element also queued by a change is read twice, which finds its request or verdict.
 * @type {NodeListOf<Element> | null}
 */
let documentList = null;
let documentAt = 0;
/** 'idle', 'frame' (waiting for the next frame to be drawn) or 'slices' (reading). */
let phase = 'idle';

/** A task of its own for `fn`, after the tasks already waiting (input first). */
const nextTask = (() => {
  const channel = new MessageChannel();
  /** @type {(() => void)[]} */
  const waiting = [];
  channel.port1.onmessage = () => waiting.shift()?.();
  return (/** @type {() => void} */ fn) => {
    waiting.push(fn);
    channel.port2.postMessage(null);
  };
})();

/**
 * Runs `fn` in a task after the next frame is drawn: a task posted from a requestAnimationFrame
 * callback runs after that frame's style, layout and paint. A hidden document draws no frames.
 * @param {() => void} fn
 */
function afterNextPaint(fn) {
  if (document.visibilityState === 'hidden') return nextTask(fn);
  let done = false;
  const run = () => {
    if (done) return;
    done = true;
    fn();
  };
  requestAnimationFrame(() => nextTask(run));
  setTimeout(run, PAINT_WAIT_MS);
}

/**
 * Reads the queue once the frame that shows its links is painted; the document's own links
 * (`first`, once its parser is done) in the next task. Between DOMContentLoaded and the page's
 * first frame the main thread mostly waits (the bench's 300-link message: 7 to 190 ms, under
 * load): read in slices there, the links are on their way to the background while the
 * page draws, and a slice delays that frame by one slice at most. Measured in paired loads, the
 * message's first frame came no later (−6 ms, within the noise) and its marks ≈ 13–24 ms sooner
 * after it than when reading waited for that frame to be painted.
 * @param {boolean} [first]
 */
function schedule(first = false) {
  if (phase !== 'idle') return;
  phase = 'frame';
  if (first) nextTask(readSlice);
  else afterNextPaint(readSlice);
}

export function enqueue(el) {
  if (!active) return;
  queue.add(el);
  schedule();
}

/** What the scan reads: what it checks, and the message headers whose links it reads again. */
const READ_SELECTOR = `${CHECKED_SELECTOR}, ${HEADER_SELECTOR}`;

function enqueueTree(node) {
  if (isChecked(node) || isMessageHeader(node)) enqueue(node);
  // The parser inserts elements one by one, before their children: most have none yet.
  if (node.firstElementChild) for (const el of node.querySelectorAll(READ_SELECTOR)) enqueue(el);
}

/** Reads queued links for SLICE_MS at most, asks for their verdicts, and goes on in a next task. */
function readSlice() {
  phase = 'slices';
  if (!active) {
    phase = 'idle';
    return;
  }
  const end = performance.now() + SLICE_MS;
  marking(() => {
    if (wholeDocument) {
      wholeDocument = false;
      documentList = document.querySelectorAll(READ_SELECTOR);
      documentAt = 0;
    }
    // The clock is read every 16 links: each read costs about as much as a link's bookkeeping.
    let n = 0;
    if (documentList) {
      const list = documentList;
      while (documentAt < list.length) {
        check(list[documentAt++]);
        if ((++n & 15) === 0 && performance.now() > end) return;
      }
      documentList = null;
    }
    for (const el of queue) {
      queue.delete(el);
      check(el);
      if ((++n & 15) === 0 && performance.now() > end) break;
    }
  });
  sendOutbox();
  if (queue.size || documentList) nextTask(readSlice);
  else phase = 'idle';
}

/**
 * Links the user has looked at (hovered, focused): read the full way from then on, so a later
 * change doesn't take them back to the cheap reading's verdict.
 * @type {WeakSet<Element>}
 */
const readFully = new WeakSet();
/** Whether readFully holds any link: until one is looked at, no link read asks it. */
let anyReadFully = false;

/** How the scan reads a link (`check` without `how`): the cheap way, or the full way (readFully). */
const PLAIN = Object.freeze({ full: false });
const FULL = Object.freeze({ full: true });

/**
 * Reads `el` (a link, a form, a sender) and asks for its verdict unless it is known.
 * @param {Element} el @param {import('./links.js').How} [how]
 */
export function check(el, how) {
  if (!el.isConnected) {
    forget(el);
    return;
  }
  const tag = el.localName;
  if (tag !== 'a' && isMessageHeader(el)) {
    // A message's header drawn or changed (single-page webmail may draw it after the body):
    // its links are read again, in their message as it is now; those whose context changed
    // are asked again (their key holds it).
    for (const body of bodiesHeadedBy(el)) enqueueTree(body);
    if (!isChecked(el)) return;
  }
  if (how?.full) {
    readFully.add(el);
    anyReadFully = true;
  }
  const read = how ?? (anyReadFully && readFully.has(el) ? FULL : PLAIN);
  // A link's attributes' names, asked once: which of the optional ones it has, our mark among them.
  const names = tag === 'a' || tag === 'area' ? el.getAttributeNames() : undefined;
  const input = names ? linkInput(el, read, names, tag) : inputOf(el, read);
  if (!input) {
    forget(el, names);
    return;
  }
  const key = keyOf(input);
  const state = linkState.get(el);
  if (state?.key === key && state.verdict) return;
  // The mark last written; for a link seen the first time, none when it carries no LEVEL_ATTR
  // (undefined: not known, `apply` reads it).
  const mark = state ? state.mark : names && !names.includes(LEVEL_ATTR) ? null : undefined;
  const cached = cache.get(key);
  if (cached) {
    if (!confirmed) {
      linkState.set(el, { key, verdict: null, mark });
      unconfirmed.add(el);
    } else {
      if (!state && mark === null) linkState.set(el, { key, verdict: null, mark });
      if (apply(el, key, cached)) scheduleReport();
    }
    return;
  }
  linkState.set(el, { key, verdict: null, mark });
  const els = request(key, input).els;
  if (!els.includes(el)) els.push(el);
}

/**
 * Forgets `el` and takes its mark and description off. `names`: its attributes' names, when
 * the caller has just read them (no need to ask whether it carries either).
 * @param {Element} el @param {string[]} [names]
 */
export function forget(el, names) {
  const mark = linkState.get(el)?.mark;
  linkState.delete(el);
  unconfirmed.delete(el);
  if (mark || (names ? names.includes(LEVEL_ATTR) : el.hasAttribute(LEVEL_ATTR))) el.removeAttribute(LEVEL_ATTR);
  if (!names || names.includes('aria-describedby') || names.includes('aria-description')) undescribe(el);
  if (flagged.delete(el)) scheduleReport();
}

/**
 * Marks `el` with its verdict; true when the popup's list of flagged links changed. The mark
 * written last is kept with the link's state, so a link whose mark stays isn't written again
 * and the attribute isn't read back (each DOM call from the content script's world costs). A
 * safe link keeps no mark, or "safe" once it was asked for (LEVEL_QUERY).
 */
export function apply(el, key, verdict) {
  const state = linkState.get(el);
  // Not known yet for a link seen the first time (or a page's copy of a marked one).
  const mark = state?.mark !== undefined ? state.mark : el.getAttribute(LEVEL_ATTR);
  const want = verdict.level !== 'safe' ? verdict.level : mark === 'safe' ? 'safe' : null;
  if (state) {
    state.key = key;
    state.verdict = verdict;
    state.mark = want;
  } else {
    linkState.set(el, { key, verdict, mark: want });
  }
  if (want !== mark) {
    if (want) el.setAttribute(LEVEL_ATTR, want);
    else el.removeAttribute(LEVEL_ATTR);
  }
  // What a screen reader hears besides the link's text (the tooltip's own while it shows): a
  // safe link has nothing to hear unless it was flagged before (its description goes).
  if (tooltip.anchor !== el && (verdict.level !== 'safe' || (mark && mark !== 'safe'))) describe(el, verdict);
  const wasFlagged = flagged.has(el);
  if (verdict.level === 'safe') flagged.delete(el);
  else flagged.add(el);
  if (tooltip.anchor === el) tooltip.render();
  return wasFlagged || verdict.level !== 'safe';
}

/** Puts back a level mark (and its description) the page changed, added or removed: the verdicts are ours to state. */
export function remark(link) {
  const state = linkState.get(link);
  if (!state?.verdict) return;
  const mark = state.mark ?? null;
  if (link.getAttribute(LEVEL_ATTR) !== mark) {
    if (mark) link.setAttribute(LEVEL_ATTR, mark);
    else link.removeAttribute(LEVEL_ATTR);
  }
  // (describe writes only what differs.)
  if (tooltip.anchor !== link) describe(link, state.verdict);
}

/** LEVEL_QUERY at a link judged safe: it says so (LEVEL_ATTR="safe") from now on. */
export function onLevelQuery(e) {
  const el = e.target;
  const state = el instanceof Element ? linkState.get(el) : null;
  if (!active || !state?.verdict || state.verdict.level !== 'safe') return;
  state.mark = 'safe';
  if (el.getAttribute(LEVEL_ATTR) !== 'safe') marking(() => el.setAttribute(LEVEL_ATTR, 'safe'));
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
    return describing(write);
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

/** Every link of the document, read from the next task on. */
export function scanAll() {
  if (!active) return;
  wholeDocument = true;
  schedule(true);
}

/** Linkguard was switched off here: no more reading. */
export function stopObserving() {
  observer.disconnect();
  queue.clear();
  wholeDocument = false;
  documentList = null;
}
