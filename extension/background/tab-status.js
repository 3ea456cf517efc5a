// @ts-check
// Per-tab findings (for the popup and the badge). Kept in storage.session so a restarted
// service worker still knows them.
import { api } from '../shared/api.js';

/**
 * A tab's findings: each frame's last report (the content script's `status` message).
 * @typedef {{ url: string, danger: object[], caution: object[] }} FrameReport
 * @typedef {{ frames: { [frameId: string]: FrameReport } }} TabStatus
 */

/** @param {number} tabId @returns {Promise<TabStatus>} */
export async function tabStatus(tabId) {
  const key = `status:${tabId}`;
  return /** @type {TabStatus | undefined} */ ((await api.storage.session.get(key))[key]) ?? { frames: {} };
}

// Frames report at the same moment; their read-modify-writes of one tab's record are serialized.
let statusQueue = Promise.resolve();
export function setFrameStatus(tabId, frameId, report) {
  statusQueue = statusQueue.then(async () => {
    const key = `status:${tabId}`;
    const status = await tabStatus(tabId);
    status.frames[frameId] = report;
    await api.storage.session.set({ [key]: status });
    await updateBadge(tabId, status);
  }).catch((e) => console.error('linkguard: status', e));
  return statusQueue;
}

async function updateBadge(tabId, status) {
  let danger = 0;
  let caution = 0;
  for (const frame of Object.values(status.frames)) {
    danger += frame.danger?.length ?? 0;
    caution += frame.caution?.length ?? 0;
  }
  const text = danger ? String(danger) : caution ? String(caution) : '';
  try {
    await api.action.setBadgeText({ tabId, text });
    if (text) await api.action.setBadgeBackgroundColor({ tabId, color: danger ? '#c5221f' : '#b06000' });
  } catch {
    // The tab may be gone already.
  }
}

/** A tab's findings start afresh with each new document in it, and go with the tab. */
export function followTabs() {
  api.webNavigation.onCommitted.addListener((details) => {
    if (details.frameId !== 0) return;
    // A new document in the tab: its findings start afresh (in line with the frames' reports).
    statusQueue = statusQueue.then(async () => {
      await api.storage.session.remove(`status:${details.tabId}`);
      await updateBadge(details.tabId, { frames: {} });
    }).catch(() => {});
  });
  api.tabs.onRemoved.addListener(async (tabId) => {
    await api.storage.session.remove(`status:${tabId}`);
  });
}
