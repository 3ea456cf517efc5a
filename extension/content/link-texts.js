// @ts-check
// Injected by the link context menu ("Check this link with linkguard") into a frame linkguard
// doesn't run in, with the one-time access the menu click grants (activeTab): it defines
// `linkguardLinkTexts` in the frame's isolated world, which background/context-menu.js then
// calls with the link's address. It reads the texts as the content script does (readText).
import { readText } from './rendered-text.js';

/**
 * The distinct texts of the links to `url` in this frame (two at most: enough to know that the
 * clicked one can't be told apart).
 * @param {string} url
 */
function textsOfLinksTo(url) {
  const texts = new Set();
  for (const el of /** @type {NodeListOf<HTMLAnchorElement | HTMLAreaElement>} */ (document.querySelectorAll('a[href], area[href]'))) {
    if (el.href !== url) continue;
    texts.add(readText(el, { full: true }).text);
    if (texts.size > 1) break;
  }
  return [...texts];
}

globalThis.linkguardLinkTexts = textsOfLinksTo;
