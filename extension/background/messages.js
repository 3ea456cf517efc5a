// @ts-check
// Messages from the content scripts and the extension's pages, each answered by its handler.
// Only our own content scripts and pages can reach the listener (no externally_connectable).
import { api } from '../shared/api.js';
import { loadSettings, loadLocalSettings } from '../shared/settings.js';
import { siteKey } from '../shared/sites.js';
import { engine, engineStartup, applyOptions, guardedSuffixes } from './engine.js';
import { tabStatus, setFrameStatus } from './tab-status.js';
import { guardTab, guardedTabs, addBypass } from './navigation-guard.js';
import { protectSite, unprotectSite, syncSiteScripts } from './site-scripts.js';
import { frameBytes, frameLinkFields, headsOf, linksOfFrame } from '../shared/scan-frame.js';
import { SCAN_BATCH, SCAN_PORT } from '../shared/scan-channel.js';
import { descriptionTemplate } from '../shared/i18n.js';

async function openUrl(sender, { url, disposition, bypass, alsoAllow }) {
  if (bypass) {
    await addBypass(url);
    if (alsoAllow) await addBypass(alsoAllow);
  }
  const tab = sender.tab;
  switch (disposition) {
    case 'new-window':
      await api.windows.create({ url });
      break;
    case 'background-tab':
    case 'foreground-tab':
      await api.tabs.create({
        url,
        active: disposition === 'foreground-tab',
        ...(tab ? { openerTabId: tab.id, index: tab.index + 1, windowId: tab.windowId } : {}),
      });
      break;
    default:
      if (tab) await api.tabs.update(tab.id, { url });
  }
}

async function trustDomain(domain) {
  if (typeof domain !== 'string' || !/^[a-z0-9.-]+$/i.test(domain)) return;
  const { allowlist } = await loadLocalSettings();
  if (!allowlist.includes(domain.toLowerCase())) {
    await api.storage.local.set({ allowlist: [...allowlist, domain.toLowerCase()] });
  }
}

/**
 * `framed` (scanBatch's frame) judged one link at a time: each link's fields framed alone and
 * scanned (with the batch's `contexts`); a link the engine fails on gets its `unreadable`
 * verdict. A frame that can't even be split into links gives up (the content script then asks
 * again in halves).
 * @param {LinkGuard} guard @param {string} framed @param {string | undefined} contexts @param {unknown} batchError
 */
function linkByLink(guard, framed, contexts, batchError) {
  const links = linksOfFrame(framed);
  if (!links) throw batchError;
  let lines = '';
  for (const fields of links) {
    try {
      lines += guard.scanBatch(frameBytes(frameLinkFields([fields])), contexts);
    } catch (error) {
      lines += `${wasm_bindgen.unreadable(fields[0], String(error?.message ?? error))}\n`;
    }
  }
  return lines;
}

const handlers = {
  /** Answers at once, without the engine: the benchmark's floor for a cold start. */
  async ping() {
    return { pong: true };
  },
  /** An address pasted into the popup, read as the address bar reads it (src/text_claim.rs). */
  async typedAddress(message) {
    const guard = await engine();
    return { href: guard.typedAddress(String(message.text ?? '')) };
  },
  /**
   * A batch of links as objects, full verdicts back (the extension's pages, the benchmarks); a
   * link's `context` is the index of its message's context in `contexts` (the link report).
   */
  async analyze(message) {
    const guard = await engine();
    if (message.options) applyOptions(guard, message.options);
    const started = performance.now();
    const links = Array.isArray(message.links) ? message.links : [];
    const contexts = Array.isArray(message.contexts) ? message.contexts : undefined;
    // In slices: the engine's memory grows to a call's inputs and answers and never shrinks.
    // (Each slice gets every context: a link's index into them stays what it was.)
    const verdicts = [];
    for (let i = 0; i < links.length; i += SCAN_BATCH) verdicts.push(...guard.analyzeBatch(links.slice(i, i + SCAN_BATCH), contexts));
    return { verdicts, engineMs: performance.now() - started, startup: engineStartup };
  },
  /**
   * The content script's page scan, one string each way (LinkGuard.scanBatch,
   * shared/scan-frame.js): `links` is one framed string, `contexts` (optional) the framed
   * contexts of the messages the links are in; `lines` has a line per link, a plain safe
   * link's "host registrable_domain[ url]" or another link's full verdict as JSON. Passed on as
   * text: extension messaging copies a string far faster than it converts objects. `heads`:
   * each JSON line's level and destination (headsOf), read here, off the page's thread.
   */
  async scan(message) {
    const guard = await engine();
    if (message.options) applyOptions(guard, message.options);
    const started = performance.now();
    const framed = String(message.links ?? '');
    const contexts = typeof message.contexts === 'string' ? message.contexts : undefined;
    let lines;
    try {
      lines = guard.scanBatch(frameBytes(framed), contexts);
    } catch (error) {
      // The engine refused the batch as a whole: judge it link by link, so that the one it
      // can't read is `unreadable` and the others get their verdicts.
      lines = linkByLink(guard, framed, contexts, error);
    }
    const engineMs = performance.now() - started;
    return { lines, heads: headsOf(lines), engineMs };
  },
  /** A content script started in a frame where linkguard is active. */
  async hello(message, sender) {
    // Whether linkguard is on for this tab's site (the top frame's, also for its iframes).
    let topUrl = sender.frameId === 0 ? sender.url : null;
    if (!topUrl && sender.tab) {
      topUrl = (await api.webNavigation.getFrame({ tabId: sender.tab.id, frameId: 0 }).catch(() => null))?.url;
    }
    const { sitesOff, managed } = await loadSettings();
    const active = !(topUrl && sitesOff.includes(siteKey(topUrl)));
    // Not awaited: the content script holds its marks until this answer, and guarding the tab
    // (session storage, then the declarativeNetRequest rules) takes longer than a scan.
    if (sender.tab && sender.frameId === 0 && active) {
      guardTab(sender.tab.id).catch((e) => console.error('linkguard: guard tab', e));
    }
    // The marks' short descriptions, made here: the page's first getMessage would cost it more.
    const descriptions = active ? { danger: descriptionTemplate('danger'), caution: descriptionTemplate('caution') } : undefined;
    return { tabId: sender.tab?.id ?? null, active, proceedAllowed: !managed?.disableProceedAnyway, descriptions };
  },
  /** The user chose "Open anyway" on a link that opens in this tab: let the guard pass it once. */
  async allowOnce(message) {
    for (const url of message.urls ?? []) if (url) await addBypass(url);
    return {};
  },
  async status(message, sender) {
    if (!sender.tab) return {};
    await setFrameStatus(sender.tab.id, sender.frameId ?? 0, {
      url: message.url, danger: message.danger, caution: message.caution,
    });
    return {};
  },
  async tabStatus(message) {
    return tabStatus(message.tabId);
  },
  async open(message, sender) {
    await openUrl(sender, message);
    return {};
  },
  async trust(message) {
    await trustDomain(message.domain);
    return {};
  },
  /** From warning.html: open the blocked URL once. */
  async proceedOnce(message, sender) {
    if ((await loadSettings()).managed?.disableProceedAnyway) {
      // An administrator's policy: a dangerous address is not opened, whatever the page asks.
      const [verdict] = (await engine()).analyzeBatch([{ href: String(message.url ?? ''), text: '' }]);
      if (verdict?.level !== 'safe' && verdict?.level !== 'caution') return { refused: true };
    }
    await addBypass(message.url);
    const tabId = sender.tab?.id ?? message.tabId;
    await api.tabs.update(tabId, { url: message.url });
    return {};
  },
  /**
   * "Report this" in a link's dialog: the link report page, next to the tab, prepares the
   * report from the dialog's verdict (kept for it in session storage, which only the
   * extension's own pages read).
   */
  async reportLink(message, sender) {
    if (typeof message.href !== 'string' || !message.verdict) return {};
    const key = `report-${crypto.randomUUID()}`;
    await api.storage.session.set({ [key]: { href: message.href, text: String(message.text ?? ''), verdict: message.verdict } });
    const tab = sender.tab;
    await api.tabs.create({
      url: api.runtime.getURL(`pages/link.html?report=${key}`),
      ...(tab ? { openerTabId: tab.id, index: tab.index + 1, windowId: tab.windowId } : {}),
    });
    return {};
  },
  async protectSite(message) {
    await protectSite(message.origin, message.tabId);
    return {};
  },
  /** The options page: access to an administrator's site was just granted. */
  async syncSites() {
    await syncSiteScripts();
    return {};
  },
  async unprotectSite(message) {
    await unprotectSite(message.origin);
    return {};
  },
  async guardInfo() {
    return { suffixes: (await guardedSuffixes()).length, tabs: [...(await guardedTabs())] };
  },
};

/** A message's answer, or `{ error }`; undefined for a message no handler takes. */
function answer(message, sender) {
  const handler = handlers[message?.type];
  if (!handler) return undefined;
  return handler(message, sender).catch((error) => ({ error: String(error?.message ?? error) }));
}

export function answerMessages() {
  api.runtime.onMessage.addListener((message, sender, sendResponse) => {
    // Only our own content scripts and pages can reach this listener (no externally_connectable).
    const reply = answer(message, sender);
    if (!reply) return false;
    reply.then(sendResponse);
    return true;
  });
  // A content script's port (content/channel.js): opened when it first sends a batch, and again
  // when the user is active in its frame after this worker stopped. Either way its links follow
  // soon: the engine starts now.
  api.runtime.onConnect.addListener((port) => {
    if (port.name !== SCAN_PORT) return;
    engine().catch((e) => console.error('linkguard: engine', e));
    port.onMessage.addListener((request) => {
      const reply = answer(request?.message, port.sender);
      if (!reply) return;
      reply.then((result) => {
        try {
          port.postMessage({ id: request.id, result });
        } catch {
          // The page went away meanwhile.
        }
      });
    });
  });
}
