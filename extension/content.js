// The content script: finds every link in this frame (now and later), asks the background's
// engine about it in batches, marks caution/danger links, explains them in a tooltip on hover or
// focus, and stops clicks on flagged links behind a modal dialog.
//
// Runs at document_start in every frame (incl. about:blank/srcdoc) so its capture-phase listeners
// on window are registered before any page script's: window capture listeners fire in
// registration order, and ours stops the event before the page's handlers see it.
'use strict';

(() => {
  // A second injection (manifest + scripting.executeScript after "Protect this site") is a no-op.
  if (globalThis.linkguardContentLoaded) return;
  globalThis.linkguardContentLoaded = true;

  const { api, msg, explain, splitUrlForDisplay, loadSettings, engineOptions, siteKey, squeeze, textOf } =
    globalThis.linkguardCommon;

  const LEVEL_ATTR = 'data-linkguard-level';
  const LINK_SELECTOR = 'a[href], area[href]';
  /**
   * Senders shown as a name with its address, not as a link: Gmail's `<span email="…" name="…">`,
   * and Roundcube's message list, `<span class="rcmContactAddress" title="address">name</span>`
   * (its opened message shows the sender as a mail link, checked as any link). Each is checked as
   * a mail link to that address with that name as its text: a display name borrowing a brand (the
   * founding case's "えきねっとサポートセンター" <cbvlh@service.rqgdf.cn>) is
   * `mailto-brand-mismatch`. Hover explains it; clicks on it are the page's own business.
   */
  const SENDER_SELECTOR = 'span[email][name], span.rcmContactAddress[title]';
  const CHECKED_SELECTOR = `${LINK_SELECTOR}, ${SENDER_SELECTOR}`;
  /**
   * Links per message to the background. Each message costs the page ~5 ms of its main thread
   * whatever its size (Chromium opens a channel per runtime.sendMessage), so a mail's links go
   * in one; a huge page's in a few, and the background answers the first while this frame still
   * reads the rest (the two run in different processes).
   */
  const MAX_BATCH = 2000;
  const MAX_CACHE = 20000;

  let settings = null;
  let active = true;
  /** Set once the background confirmed linkguard is on for this tab: marks wait for it. */
  let confirmed = false;
  /** Verdicts by link input (href, text, hints): the same link anywhere in the frame is asked once. */
  const cache = new Map();
  /** Requests not answered yet, by key: the input, the elements and callers waiting for it. */
  const pending = new Map();
  /** Keys of `pending` not sent yet. */
  let outbox = [];
  /** Bumped when the settings change: answers to requests sent before are not cached. */
  let generation = 0;
  /** What we know of each link element: the key of its last input and its verdict. */
  const linkState = new WeakMap();
  /** Flagged links in this frame, for the popup's list. */
  const flagged = new Set();
  /** Links whose verdict came before the background confirmed linkguard is on here. */
  const unconfirmed = new Set();
  /** The last batches' sizes, round trips and engine times (ms), for diagnostics. */
  const roundTrips = [];

  // -------------------------------------------------------------------------------------------
  // Reading links

  function isLink(node) {
    return node instanceof Element && (node.localName === 'a' || node.localName === 'area') &&
      node.hasAttribute('href');
  }

  function isSender(node) {
    return node instanceof Element && node.localName === 'span' &&
      ((node.hasAttribute('email') && node.hasAttribute('name')) ||
       (node.hasAttribute('title') && node.classList.contains('rcmContactAddress')));
  }

  /** A sender span's address and the name shown for it (see SENDER_SELECTOR). */
  function senderOf(el) {
    if (el.hasAttribute('email')) return { address: el.getAttribute('email'), name: el.getAttribute('name') };
    return { address: el.getAttribute('title'), name: el.textContent ?? '' };
  }

  /** A link, or a sender shown as a name with its address (see SENDER_SELECTOR). */
  function isChecked(node) {
    return isLink(node) || isSender(node);
  }

  const ABSOLUTE = /^[a-z][a-z0-9+.-]*:/i;

  function hrefOf(el, raw) {
    // An absolute href goes to the engine as written: the browser's resolved form rewrites a
    // disguised IP (http://3405803853/) into dotted form, hiding the trick we want to explain.
    const trimmed = raw.trim();
    if (ABSOLUTE.test(trimmed) && trimmed.length < 65536) return trimmed;
    if (typeof el.href === 'string') return el.href;
    // SVG <a>: resolve against the document's base URL.
    try {
      return new URL(raw, el.baseURI).href;
    } catch {
      return raw;
    }
  }

  const NO_OP = /^(#|(tel|sms|callto):)|^javascript:\s*(void\s*\(?\s*0\s*\)?|;|false|undefined)?\s*;?\s*$/i;

  /**
   * This document's origin, and a test for an href that mentions its host at all. Taken once per
   * pass over the links: each read of `location` from the content script's world costs
   * microseconds, as much as the rest of reading a link. (An about:blank frame written with
   * document.open() takes its opener's URL, so it is not taken once for good.)
   */
  let hereCache = null;
  function here() {
    if (!hereCache) {
      const { protocol, hostname, origin } = location;
      const web = /^https?:$/.test(protocol) && hostname !== '';
      hereCache = {
        origin,
        mentioned: web ? new RegExp(hostname.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i') : null,
      };
      queueMicrotask(() => { hereCache = null; });
    }
    return hereCache;
  }

  /**
   * Links that can't lead to a phishing page are skipped without asking the engine: phone
   * links, fragment-only links, same-document links, links back into this site itself,
   * and the `javascript:void(0)`-style no-op hrefs web apps use for their own buttons.
   */
  function isSkipped(raw, href) {
    if (raw === '' || NO_OP.test(raw)) return true;
    // Same origin as this page (http(s) only). Most links name another host: only an href that
    // mentions this page's host at all is parsed to compare origins.
    const { origin, mentioned } = here();
    if (!mentioned?.test(href)) return false;
    try {
      return new URL(href).origin === origin;
    } catch {
      return false;
    }
  }

  function inputOf(el, textOverride) {
    if (isSender(el)) {
      const sender = senderOf(el);
      const address = sender.address.trim();
      if (!address.includes('@') || /[\s?#]/.test(address)) return null;
      return { href: `mailto:${address}`, text: squeeze(sender.name) };
    }
    const raw = el.getAttribute('href');
    if (raw == null) return null;
    const href = hrefOf(el, raw);
    if (isSkipped(raw.trim(), href)) return null;
    const input = { href, text: textOverride ?? textOf(el) };
    const title = el.getAttribute('title');
    if (title) input.title = squeeze(title);
    const safe = el.getAttribute('data-saferedirecturl');
    if (safe) input.saferedirecturl = safe;
    const original = el.getAttribute('originalsrc');
    if (original) input.originalsrc = original;
    return input;
  }

  /**
   * The cache key of an input: its fields prefixed with their lengths, so no two inputs share
   * one (a separator alone could be forged: a script can put any character in an href or text).
   */
  function keyOf(input) {
    const title = input.title ?? '';
    const safe = input.saferedirecturl ?? '';
    return `${input.href.length},${input.text.length},${title.length},${safe.length};` +
      `${input.href}${input.text}${title}${safe}${input.originalsrc ?? ''}`;
  }

  // -------------------------------------------------------------------------------------------
  // Asking the background. One `scan` message carries up to MAX_BATCH distinct inputs, framed in
  // one string (LinkGuard.scanBatch in src/wasm.rs); the answer is one string too, a line per
  // link: for a plain safe link only what its tooltip shows ("host registrable_domain[ url]"),
  // for the others (flagged, unwrapped, allowlisted) the full verdict as JSON.

  /** The fields of `inputs` as scanBatch reads them: their UTF-16 lengths, `;`, the fields. */
  function frame(inputs) {
    const lengths = [];
    const fields = [];
    for (const input of inputs) {
      for (const field of [input.href, input.text, input.title ?? '', input.saferedirecturl ?? '', input.originalsrc ?? '']) {
        lengths.push(field.length);
        fields.push(field);
      }
    }
    return `${lengths.join(',')};${fields.join('')}`;
  }

  const NONE = Object.freeze([]);

  /** The verdict the content script works with, from the lean line of a plain safe link. */
  function expand(line, href) {
    const [host, registrable, url] = line.split(' ');
    return {
      level: 'safe', reasons: NONE, unwrap_chain: NONE,
      target: { url: url ?? href, host, registrable_domain: registrable },
    };
  }

  /** A line of scanBatch's answer as a verdict: a flagged link's JSON, or a safe link's lean form. */
  function verdictOf(line, href) {
    return line.startsWith('{') ? JSON.parse(line) : expand(line, href);
  }

  /** The request for `input` (new or already waiting), with `key` = keyOf(input). */
  function request(key, input) {
    let entry = pending.get(key);
    if (!entry) {
      // Arrays, not Sets: a page's links make thousands of entries, nearly all with one element.
      entry = { key, input, els: [], waiters: [] };
      pending.set(key, entry);
      outbox.push(key);
      // A full batch goes at once, so the background starts on it while we read the rest.
      if (outbox.length >= MAX_BATCH && settings) sendOutbox();
      else if (outbox.length === 1) queueMicrotask(sendOutbox);
    }
    return entry;
  }

  /** The verdict for one input: from the cache, or by the next batch to the background. */
  function verdictFor(input) {
    const key = keyOf(input);
    const cached = cache.get(key);
    if (cached) return Promise.resolve(cached);
    return new Promise((resolve, reject) => request(key, input).waiters.push({ resolve, reject }));
  }

  function sendOutbox() {
    if (!settings || !outbox.length) return; // start() sends what waits once the settings are known
    const keys = outbox;
    outbox = [];
    for (const key of keys) {
      const entry = pending.get(key);
      if (entry) entry.sent = true;
    }
    for (let i = 0; i < keys.length; i += MAX_BATCH) sendBatch(keys.slice(i, i + MAX_BATCH));
  }

  async function sendBatch(keys) {
    const entries = keys.map((key) => pending.get(key)).filter(Boolean);
    const links = frame(entries.map((e) => e.input));
    const sentIn = generation;
    const started = performance.now();
    let engineMs;
    let lines;
    try {
      const reply = await api.runtime.sendMessage({ type: 'scan', links, options: engineOptions(settings) });
      engineMs = reply?.engineMs;
      if (!reply || reply.error || typeof reply.lines !== 'string') {
        throw new Error(reply?.error ?? 'no answer from the background');
      }
      lines = reply.lines.split('\n');
      // One line per link, each ending in \n.
      if (lines.length !== entries.length + 1 || lines[entries.length] !== '') {
        throw new Error('a malformed answer from the background');
      }
    } catch (error) {
      for (const entry of entries) {
        if (pending.get(entry.key) === entry) pending.delete(entry.key);
        for (const w of entry.waiters) w.reject(error);
      }
      return;
    }
    roundTrips.push({ links: entries.length, ms: performance.now() - started, engineMs });
    if (roundTrips.length > 100) roundTrips.shift();
    if (cache.size > MAX_CACHE) cache.clear();
    let report = false;
    marking(() => entries.forEach((entry, i) => {
      const verdict = verdictOf(lines[i], entry.input.href);
      if (pending.get(entry.key) === entry) pending.delete(entry.key);
      if (sentIn !== generation) {
        // Asked under settings that changed since: the rescan asks again; so do the callers.
        for (const w of entry.waiters) verdictFor(entry.input).then(w.resolve, w.reject);
        return;
      }
      cache.set(entry.key, verdict);
      for (const el of entry.els) {
        if (linkState.get(el)?.key !== entry.key || !active) continue;
        if (confirmed) report = apply(el, entry.key, verdict) || report;
        else unconfirmed.add(el);
      }
      for (const w of entry.waiters) w.resolve(verdict);
    }));
    if (report) scheduleReport();
  }

  // -------------------------------------------------------------------------------------------
  // Scanning: every link present and inserted later. Links are read in the microtask after the
  // mutation that brought them (the observer's records, then one pass), with no waiting for idle
  // time: reading a link costs a few microseconds, and a link can't be explained or its click
  // decided before it is read.

  const queue = new Set();
  let flushScheduled = false;
  const PARSE_WAIT_MS = 1000;

  function enqueue(el) {
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

  function check(el) {
    if (!el.isConnected) {
      forget(el);
      return;
    }
    const input = inputOf(el);
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

  function forget(el) {
    linkState.delete(el);
    unconfirmed.delete(el);
    if (el.hasAttribute(LEVEL_ATTR)) el.removeAttribute(LEVEL_ATTR);
    if (flagged.delete(el)) scheduleReport();
  }

  /**
   * Marks `el` with its verdict; true when the popup's list of flagged links changed. The level
   * written last is kept with the link's state, so a link whose level stays isn't written again
   * and the attribute isn't read back (each DOM call from the content script's world costs).
   */
  function apply(el, key, verdict) {
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
    const wasFlagged = flagged.has(el);
    if (verdict.level === 'safe') flagged.delete(el);
    else flagged.add(el);
    if (tooltip.anchor === el) tooltip.render();
    return wasFlagged || verdict.level !== 'safe';
  }

  /** Puts back a level mark the page changed or removed: the verdicts are ours to state. */
  function remark(link) {
    const mark = linkState.get(link)?.mark;
    if (mark && link.getAttribute(LEVEL_ATTR) !== mark) link.setAttribute(LEVEL_ATTR, mark);
  }

  /** The verdict known for this element's current input, if any (the cache may have been cleared). */
  function knownVerdict(link, key) {
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
  function marking(write) {
    const before = observer.takeRecords();
    if (before.length) onMutations(before);
    try {
      return write();
    } finally {
      observer.takeRecords();
    }
  }

  const observer = new MutationObserver((records) => onMutations(records));

  function onMutations(records) {
    if (!active) return;
    /** Parents seen in this callback: the parser adds many children to the same one. */
    const parents = new Set();
    const ours = tooltip.host || dialog.host;
    for (const r of records) {
      if (r.type === 'childList') {
        const target = r.target;
        if (target === document) installWindowListeners();
        const added = r.addedNodes;
        for (let i = 0; i < added.length; i++) {
          const n = added[i];
          if (n.nodeType === Node.ELEMENT_NODE) enqueueTree(n);
        }
        if (ours) {
          for (const n of r.removedNodes) {
            if (n === tooltip.host || n === dialog.host) dialog.reattachIfNeeded(n);
          }
        }
        // A child added to or removed from a link changes its text.
        if (target.nodeType === Node.ELEMENT_NODE && !parents.has(target)) {
          parents.add(target);
          const link = target.closest(LINK_SELECTOR);
          if (link) enqueue(link);
        }
      } else if (r.type === 'characterData') {
        const link = r.target.parentElement?.closest(LINK_SELECTOR);
        if (link) enqueue(link);
      } else if (r.type === 'attributes') {
        enqueue(r.target);
      }
    }
  }

  function startObserving() {
    // start() awaits the background first; a page may have replaced the document meanwhile.
    installWindowListeners();
    observer.observe(document, {
      childList: true,
      subtree: true,
      characterData: true,
      attributes: true,
      // Not our own level attribute: marking 5,000 links would come back as 5,000 records.
      // A page that changes a mark gets it back when the link is explained (`remark`).
      attributeFilter: ['href', 'title', 'data-saferedirecturl', 'originalsrc', 'email', 'name'],
    });
  }

  function scanAll() {
    if (document.documentElement) enqueueTree(document.documentElement);
  }

  // -------------------------------------------------------------------------------------------
  // Reporting this frame's findings to the popup (through the background).

  let reportTimer = 0;
  let lastReport = '';

  function scheduleReport() {
    clearTimeout(reportTimer);
    reportTimer = setTimeout(report, 300);
  }

  /** Numbers for the flagged links the popup lists, so it can ask for one to be shown. */
  const revealIds = new WeakMap();
  let nextRevealId = 1;
  function revealIdOf(el) {
    let id = revealIds.get(el);
    if (!id) {
      id = nextRevealId++;
      revealIds.set(el, id);
    }
    return id;
  }

  const REVEAL_ATTR = 'data-linkguard-reveal';
  const REVEAL_MS = 2500;

  /** The popup's "show me": the listed link scrolled into view, pointed out, and explained. */
  function reveal(id) {
    const link = [...flagged].find((el) => revealIds.get(el) === id && el.isConnected);
    if (!link) return false;
    link.scrollIntoView({ block: 'center', inline: 'nearest' });
    marking(() => link.setAttribute(REVEAL_ATTR, ''));
    setTimeout(() => marking(() => link.removeAttribute(REVEAL_ATTR)), REVEAL_MS);
    tooltip.show(link);
    // Long enough to read; then it goes unless the pointer or the focus is on the link.
    setTimeout(() => {
      if (tooltip.anchor === link && !link.matches(':hover, :focus')) tooltip.scheduleHide();
    }, 4 * REVEAL_MS);
    return true;
  }

  function report() {
    const danger = [];
    const caution = [];
    for (const el of flagged) {
      const verdict = linkState.get(el)?.verdict;
      if (!el.isConnected || !verdict) {
        flagged.delete(el);
        continue;
      }
      const item = {
        id: revealIdOf(el),
        url: verdict.target.url,
        domain: verdict.target.registrable_domain ?? verdict.target.host ?? verdict.target.url,
        codes: verdict.reasons.map((r) => r.code),
        // What is wrong, in a few words, for the popup's list.
        titles: verdict.reasons.filter((r) => r.level !== 'safe').map((r) => explain(r, verdict.target).title),
      };
      (verdict.level === 'danger' ? danger : caution).push(item);
    }
    const body = JSON.stringify([danger.slice(0, 100), caution.slice(0, 100)]);
    if (body === lastReport) return;
    lastReport = body;
    api.runtime.sendMessage({
      type: 'status', url: location.href, danger: danger.slice(0, 100), caution: caution.slice(0, 100),
    }).catch(() => {});
  }

  // -------------------------------------------------------------------------------------------
  // Shadow-DOM hosts the page can't restyle: inline `all: initial` with !important, an open
  // shadow root (tests read it), and the top layer (popover / modal dialog) so no page element
  // can be stacked above them.

  function makeHost(tagName) {
    const host = document.createElement(tagName);
    const s = host.style;
    for (const [prop, value] of [
      ['all', 'initial'], ['display', 'block'], ['position', 'fixed'], ['top', '0'], ['left', '0'],
      ['width', '0'], ['height', '0'], ['overflow', 'visible'], ['z-index', '2147483647'],
      ['visibility', 'visible'], ['opacity', '1'], ['pointer-events', 'none'], ['contain', 'none'],
    ]) s.setProperty(prop, value, 'important');
    const root = host.attachShadow({ mode: 'open' });
    return { host, root };
  }

  function el(tag, attrs = {}, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) {
      if (v == null || v === false) continue;
      node.setAttribute(k, v === true ? '' : v);
    }
    for (const c of children.flat()) {
      if (c == null) continue;
      node.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return node;
  }

  function urlWithDomain(verdict) {
    const parts = splitUrlForDisplay(verdict);
    return el('span', { class: 'url', dir: 'ltr' },
      parts.before, parts.domain ? el('mark', {}, parts.domain) : null, parts.after);
  }

  function reasonList(verdict) {
    return el('ul', { 'data-role': 'reasons' }, verdict.reasons.map((reason) => {
      const { title, body } = explain(reason, verdict.target);
      return el('li', { 'data-code': reason.code, 'data-level': reason.level },
        el('strong', {}, title), el('span', { class: 'body' }, body));
    }));
  }

  const SHARED_CSS = `
    :host { all: initial; }
    * { box-sizing: border-box; }
    .panel {
      font: 13px/1.45 system-ui, -apple-system, "Segoe UI", "Hiragino Sans", "Yu Gothic UI", "Noto Sans CJK JP", sans-serif;
      color: #1f1f1f; background: #fff; border: 1px solid #c7c7c7; border-radius: 10px;
      box-shadow: 0 6px 24px rgba(0,0,0,.22); text-align: start;
      --danger: #b3261e; --danger-bg: #fce8e6; --caution: #8a5300; --caution-bg: #fef3e0;
      --safe: #146c2e; --safe-bg: #e6f4ea; --muted: #5f6368; --mark: #fff2a8;
    }
    .level { display: inline-flex; align-items: center; gap: 6px; font-weight: 700;
      border-radius: 999px; padding: 2px 10px; font-size: 12px; }
    .level::before { content: ""; width: 8px; height: 8px; border-radius: 50%; background: currentColor; }
    .level.danger { color: var(--danger); background: var(--danger-bg); }
    .level.caution { color: var(--caution); background: var(--caution-bg); }
    .level.safe { color: var(--safe); background: var(--safe-bg); }
    .label { color: var(--muted); font-size: 12px; margin: 8px 0 2px; }
    .url { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: 12px;
      word-break: break-all; overflow-wrap: anywhere; color: inherit; }
    .url mark { background: var(--mark); color: #000; font-weight: 700; border-radius: 2px; padding: 0 1px; }
    ul[data-role=reasons] { list-style: none; margin: 8px 0 0; padding: 0; display: grid; gap: 6px; }
    ul[data-role=reasons] li { border-inline-start: 3px solid var(--caution); padding-inline-start: 8px; }
    ul[data-role=reasons] li[data-level=danger] { border-color: var(--danger); }
    ul[data-role=reasons] li strong { display: block; }
    .note { color: var(--muted); font-size: 12px; margin-top: 6px; }
    @media (prefers-color-scheme: dark) {
      .panel { color: #e8eaed; background: #202124; border-color: #5f6368;
        --danger: #f28b82; --danger-bg: #3c1f1e; --caution: #fdd663; --caution-bg: #3a2f12;
        --safe: #81c995; --safe-bg: #1e3325; --muted: #9aa0a6; --mark: #5c4b00; }
      .url mark { color: #fff; }
    }
  `;

  // -------------------------------------------------------------------------------------------
  // Tooltip

  const tooltip = {
    host: null,
    root: null,
    panel: null,
    anchor: null,
    /** The verdict the panel shows now (a repeated mouseover on the same link keeps it as is). */
    shown: null,
    hideTimer: 0,

    ensure() {
      if (this.host) {
        if (!this.host.isConnected) document.documentElement.append(this.host);
        return;
      }
      const { host, root } = makeHost('linkguard-tooltip');
      const style = el('style', {}, SHARED_CSS + `
        .panel { position: fixed; margin: 0; inset: auto; max-width: min(440px, calc(100vw - 16px));
          padding: 10px 12px; pointer-events: none; overflow: visible; }
        .panel[hidden] { display: none; }
        .head { display: flex; gap: 8px; align-items: center; justify-content: space-between; }
        .brand { color: var(--muted); font-size: 11px; }
      `);
      const panel = el('div', { class: 'panel', role: 'tooltip', hidden: true, popover: 'manual' });
      root.append(style, panel);
      this.host = host;
      this.root = root;
      this.panel = panel;
      document.documentElement.append(host);
    },

    /**
     * Shows the tooltip for `anchor` at once, in the event that asked for it: the verdict is
     * already here (the scan keeps what the tooltip needs), so there is nothing to wait for, and
     * a delay would only make the explanation late. Moving between links doesn't flicker: the
     * pending hide of the last one is cancelled and the panel re-rendered in place.
     */
    show(anchor) {
      clearTimeout(this.hideTimer);
      const state = linkState.get(anchor);
      if (!state || !active) return;
      if (this.anchor === anchor && this.shown === state.verdict && this.panel && !this.panel.hidden) return;
      this.ensure();
      this.anchor = anchor;
      this.render();
    },

    render() {
      const anchor = this.anchor;
      if (!anchor || !this.panel) return;
      const verdict = linkState.get(anchor)?.verdict;
      const panel = this.panel;
      this.shown = verdict;
      panel.replaceChildren();
      if (!verdict) {
        panel.removeAttribute('data-level'); // not the last link's
        panel.append(el('div', { class: 'note' }, msg('tooltip_checking')));
      } else {
        panel.setAttribute('data-level', verdict.level);
        panel.append(
          el('div', { class: 'head' },
            el('span', { class: `level ${verdict.level}`, 'data-role': 'level' }, msg(`level_${verdict.level}`)),
            el('span', { class: 'brand' }, 'linkguard')),
          el('div', { class: 'label' }, msg('tooltip_goes_to')),
          el('div', { 'data-role': 'destination' }, urlWithDomain(verdict)),
        );
        if (verdict.unwrap_chain?.length) {
          const wrappers = [...new Set(verdict.unwrap_chain.map((s) => s.wrapper))].join(', ');
          panel.append(el('div', { class: 'note' }, msg('tooltip_unwrapped', [wrappers])));
        }
        if (verdict.allowlisted) panel.append(el('div', { class: 'note' }, msg('tooltip_allowlisted')));
        if (verdict.reasons.length) panel.append(reasonList(verdict));
      }
      panel.hidden = false;
      if (panel.showPopover && !panel.matches(':popover-open')) {
        try { panel.showPopover(); } catch { /* not connected yet */ }
      }
      this.position();
    },

    position() {
      const anchor = this.anchor;
      const panel = this.panel;
      if (!anchor?.isConnected || !panel) return this.hide();
      const rects = anchor.getClientRects();
      const r = rects.length ? rects[0] : anchor.getBoundingClientRect();
      const w = panel.offsetWidth;
      const h = panel.offsetHeight;
      const vw = document.documentElement.clientWidth || innerWidth;
      const vh = document.documentElement.clientHeight || innerHeight;
      let top = r.bottom + 6;
      if (top + h > vh - 4 && r.top - h - 6 >= 4) top = r.top - h - 6;
      const left = Math.max(4, Math.min(r.left, vw - w - 4));
      panel.style.setProperty('top', `${Math.max(4, top)}px`);
      panel.style.setProperty('left', `${left}px`);
    },

    hide() {
      clearTimeout(this.hideTimer);
      this.anchor = null;
      this.shown = null;
      if (!this.panel) return;
      if (this.panel.hidePopover && this.panel.matches(':popover-open')) this.panel.hidePopover();
      this.panel.hidden = true;
    },

    scheduleHide() {
      clearTimeout(this.hideTimer);
      this.hideTimer = setTimeout(() => this.hide(), 120);
    },
  };

  /** The link the event is on (`accept`: isChecked for explaining, isLink for guarding a click). */
  function linkFromEvent(e, accept = isLink) {
    for (const node of e.composedPath()) {
      if (accept(node)) return node;
      if (node === document || node === window) break;
    }
    return null;
  }

  const onMouseover = (e) => {
    if (!active) return;
    const link = linkFromEvent(e, isChecked);
    if (!link) return;
    if (!linkState.has(link)) check(link);
    if (linkState.has(link)) {
      remark(link);
      tooltip.show(link);
    }
  };
  const onMouseout = (e) => {
    const link = linkFromEvent(e, isChecked);
    if (link && !link.contains(e.relatedTarget)) tooltip.scheduleHide();
  };
  /**
   * Focus explains a link only when it is keyboard focus (the browser's own :focus-visible
   * judgement). A link clicked with the mouse keeps the focus, and gets it back when our dialog
   * closes or the window is focused again; a tooltip shown for that focus would stay over the
   * mail after the pointer has left, since only the pointer's own tooltips follow the pointer.
   */
  function isKeyboardFocus(link) {
    try {
      return link.matches(':focus-visible');
    } catch {
      return true; // no :focus-visible (older browsers): every focus explains
    }
  }

  const onFocusin = (e) => {
    if (!active) return;
    const link = linkFromEvent(e, isChecked);
    if (!link || !isKeyboardFocus(link)) return;
    if (!linkState.has(link)) check(link);
    if (linkState.has(link)) {
      remark(link);
      tooltip.show(link);
    }
  };
  const onFocusout = (e) => {
    if (linkFromEvent(e, isChecked)) tooltip.scheduleHide();
  };
  const onScrollOrResize = () => { if (tooltip.anchor) tooltip.position(); };

  // -------------------------------------------------------------------------------------------
  // The dialog for flagged links: a real modal (<dialog>.showModal(): the page becomes inert,
  // focus stays inside, Escape = Go back), in the top layer.

  const dialog = {
    host: null,
    root: null,
    node: null,
    current: null,

    ensure() {
      if (this.host) {
        if (!this.host.isConnected) document.documentElement.append(this.host);
        return;
      }
      const { host, root } = makeHost('linkguard-dialog');
      const style = el('style', {}, SHARED_CSS + `
        dialog { padding: 0; border: none; background: transparent; max-width: min(560px, calc(100vw - 24px));
          width: 100%; pointer-events: auto; overflow: visible; color-scheme: light dark; }
        dialog::backdrop { background: rgba(32,33,36,.55); }
        .panel { padding: 20px 22px 18px; }
        .panel.danger { border-top: 6px solid var(--danger); }
        .panel.caution { border-top: 6px solid var(--caution); }
        h2 { font-size: 18px; line-height: 1.3; margin: 8px 0 6px; }
        p { margin: 6px 0; }
        .dest { background: rgba(127,127,127,.1); border-radius: 8px; padding: 8px 10px; margin: 8px 0; }
        .buttons { display: flex; flex-wrap: wrap; gap: 8px; justify-content: flex-end; margin-top: 16px; }
        button { font: inherit; font-weight: 600; border-radius: 8px; padding: 8px 14px; cursor: pointer;
          border: 1px solid #8e918f; background: transparent; color: inherit; }
        button[data-action=back] { background: #0b57d0; border-color: #0b57d0; color: #fff; }
        button:focus-visible { outline: 3px solid #0b57d0; outline-offset: 2px; }
        @media (prefers-color-scheme: dark) {
          button[data-action=back] { background: #a8c7fa; border-color: #a8c7fa; color: #062e6f; }
          button:focus-visible { outline-color: #a8c7fa; }
        }
      `);
      const node = el('dialog', { role: 'alertdialog', 'aria-modal': 'true',
        'aria-labelledby': 'lg-title', 'aria-describedby': 'lg-desc' });
      node.addEventListener('cancel', (e) => {
        // Escape: the same as "Go back".
        e.preventDefault();
        this.close('back');
      });
      node.addEventListener('click', (e) => {
        const button = e.target.closest?.('button[data-action]');
        // Only the user's own clicks count: a page script can't press "Open anyway".
        if (!button || !e.isTrusted) return;
        this.close(button.dataset.action);
      });
      root.append(style, node);
      this.host = host;
      this.root = root;
      this.node = node;
      document.documentElement.append(host);
    },

    /** Shows the dialog for a flagged link; resolves to 'back', 'open' or 'trust'. */
    ask(verdict) {
      if (this.current) this.close('back');
      this.ensure();
      const level = verdict.level;
      const domain = verdict.target.registrable_domain ?? verdict.target.host ?? '';
      const node = this.node;
      node.setAttribute('data-level', level);
      node.replaceChildren(el('div', { class: `panel ${level}` },
        el('span', { class: `level ${level}` }, msg(`level_${level}`)),
        el('h2', { id: 'lg-title' }, msg(level === 'danger' ? 'dialog_danger_title' : 'dialog_caution_title')),
        el('div', { id: 'lg-desc' },
          el('p', {}, msg(level === 'danger' ? 'dialog_danger_lead' : 'dialog_caution_lead')),
          el('div', { class: 'dest' },
            el('div', { class: 'label' }, msg('tooltip_goes_to')),
            el('div', { 'data-role': 'destination' }, urlWithDomain(verdict))),
          reasonList(verdict),
          el('p', { class: 'note' }, msg('dialog_advice'))),
        el('div', { class: 'buttons' },
          domain ? el('button', { type: 'button', 'data-action': 'trust' }, msg('dialog_trust', [domain])) : null,
          el('button', { type: 'button', 'data-action': 'open' }, msg('dialog_open')),
          el('button', { type: 'button', 'data-action': 'back', autofocus: true }, msg('dialog_back')))));
      tooltip.hide();
      return new Promise((resolve) => {
        this.current = { resolve, verdict };
        this.open();
      });
    },

    open() {
      if (!this.node.open) {
        try {
          this.node.showModal();
        } catch {
          this.node.show();
        }
      }
      this.node.querySelector('[data-action=back]')?.focus();
    },

    close(action) {
      const current = this.current;
      this.current = null;
      if (this.node?.open) this.node.close();
      current?.resolve(action);
    },

    /** The page removed our host while the dialog was up: put it back, still modal. */
    reattachIfNeeded(node) {
      if (node === this.host && this.current) {
        document.documentElement.append(this.host);
        this.open();
      } else if (node === tooltip.host) {
        tooltip.hide();
      }
    },
  };

  // -------------------------------------------------------------------------------------------
  // Click guard

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
   * The link a context menu was last opened on. "Check this link with linkguard" (background.js)
   * asks for it: the menu itself gives the background the link's address only (in Chrome; the
   * text too in Firefox, but no webmail hints), and the report must say what the tooltip says.
   */
  let menuLink = null;
  const onContextmenu = (e) => {
    const link = e.isTrusted ? linkFromEvent(e) : null;
    menuLink = link && { link, x: e.clientX, y: e.clientY };
  };

  /** The link the menu was opened on, as this script reads it, if it is the one at `url`. */
  function menuLinkInput(url) {
    const link = menuLink?.link;
    if (!link?.isConnected) return null;
    // The menu names the link by the browser's resolved address.
    const resolved = typeof link.href === 'string' ? link.href : hrefOf(link, link.getAttribute('href') ?? '');
    if (resolved !== url) return null;
    // As a click reads it (a transparent link takes the text under it). Links this script
    // leaves alone (phone, same-page, this site's own) are reported from the menu's address.
    return inputOf(link, visibleTextAt(link, menuLink.x, menuLink.y) ?? undefined);
  }

  api.runtime.onMessage.addListener((message, _sender, sendResponse) => {
    if (message?.type === 'menuLink') sendResponse({ link: active ? menuLinkInput(message.url) : null });
    else if (message?.type === 'reveal') sendResponse({ shown: active && reveal(message.id) });
    return false;
  });

  /**
   * The window-level listeners. document.open() (how Roundcube-style webmail writes a body into
   * an about:blank frame) removes every listener of the document and its window, ours included,
   * while our MutationObserver survives; so the observer calls this again whenever the document
   * itself changes. Adding the same function again is a no-op, so it is safe to repeat.
   */
  function installWindowListeners() {
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
  installWindowListeners();

  // -------------------------------------------------------------------------------------------
  // Settings and start-up

  function setActive(next) {
    if (next === active) return;
    active = next;
    if (active) {
      confirmed = true; // isActiveHere() asked the background
      startObserving();
      scanAll();
    } else {
      observer.disconnect();
      queue.clear();
      tooltip.hide();
      unconfirmed.clear();
      for (const link of document.querySelectorAll(`[${LEVEL_ATTR}]`)) forget(link);
    }
    scheduleReport();
  }

  /** The background confirmed linkguard is on here: mark what was judged meanwhile. */
  function confirm() {
    confirmed = true;
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
    generation++;
    cache.clear();
    // Answers on their way were computed under the old settings: new requests replace them.
    for (const [key, entry] of pending) if (entry.sent) pending.delete(key);
    for (const link of document.querySelectorAll(CHECKED_SELECTOR)) linkState.delete(link);
    scanAll();
  }

  api.storage.onChanged.addListener(async (changes, area) => {
    if (area !== 'local') return;
    settings = await loadSettings();
    if (changes.sitesOff) setActive(await isActiveHere());
    if (changes.allowlist || changes.disabledChecks) rescan();
  });

  // Diagnostics for tests and benchmarks (isolated world: the page can't call this).
  globalThis.linkguardDiagnostics = () => ({ roundTrips: [...roundTrips], cached: cache.size, active });

  /** On unless the user switched this site off (the background judges by the tab's top site). */
  async function isActiveHere() {
    const own = !settings.sitesOff.includes(siteKey(location.href));
    const hello = await api.runtime.sendMessage({ type: 'hello', url: location.href }).catch(() => null);
    return own && hello?.active !== false;
  }

  /**
   * Runs `fn` once the parser is done (DOMContentLoaded), or after PARSE_WAIT_MS at the latest.
   * The listener is on window in the bubble phase: the event is fired at the document, so the
   * page's own listeners there (its start-up code) run first, and ours, which reads every link,
   * doesn't keep them waiting; it still runs in the same task, before the page is drawn.
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
    // Links are read once the parser is done, in one pass, while the settings and the
    // background's answer are on their way. Observing every node the parser inserts cost a big
    // page its own DOMContentLoaded (about 300 ms later on 5,000 links), and so did reading the
    // links the parser was done with every 50 ms, for no earlier end (navigation start -> all
    // marked stayed the same); a link clicked or hovered before that is read on the spot, and a
    // parse slower than PARSE_WAIT_MS (a mail streamed over a slow line) is observed from then on.
    afterParsing(() => {
      if (!active) return;
      startObserving();
      scanAll();
    });
    const hello = api.runtime.sendMessage({ type: 'hello', url: location.href }).catch(() => null);
    settings = await loadSettings();
    if (settings.sitesOff.includes(siteKey(location.href))) {
      setActive(false);
      return;
    }
    // The engine starts on what was read so far; the marks wait for the background's "on".
    sendOutbox();
    if ((await hello)?.active === false) {
      setActive(false);
      return;
    }
    confirm();
  }

  active = true;
  start();
})();
