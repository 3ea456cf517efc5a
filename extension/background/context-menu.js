// @ts-check
// "Check this link with linkguard", in every link's context menu, on any site: the link's report
// (pages/link.html) in a tab beside it. The menu hands over the link's address (and, in Firefox,
// its text). Where linkguard runs in that frame, the content script gives the link as it reads it
// (text, webmail hints, the message it is in), so the report says what the link's tooltip says;
// elsewhere the menu click's one-time access to the tab (activeTab) lets a script read the text
// (content/link-texts.js).
import { api } from '../shared/api.js';
import { msg } from '../shared/i18n.js';

const MENU_CHECK_LINK = 'check-link';

export async function createMenus() {
  await api.contextMenus.removeAll();
  api.contextMenus.create({ id: MENU_CHECK_LINK, title: msg('menu_check_link'), contexts: ['link'] });
}

/** The link as linkguard's content script in the clicked frame read it, if it runs there. */
async function linkFromPage(info, tab) {
  if (!(tab?.id >= 0)) return null;
  try {
    const reply = await api.tabs.sendMessage(tab.id, { type: 'menuLink', url: info.linkUrl }, { frameId: info.frameId ?? 0 });
    return reply?.link ?? null;
  } catch {
    return null; // no content script in that frame
  }
}

/**
 * The text of the link at `info.linkUrl` in the clicked frame, read by a script injected with the
 * access the menu click grants (activeTab), on a site linkguard doesn't run on. Chrome's menu says
 * which address but not which element: every link to that address in the frame is read, and a
 * text is given only when they all show the same one.
 */
async function linkTextInPage(info, tab) {
  if (!(tab?.id >= 0)) return null;
  const target = { tabId: tab.id, frameIds: [info.frameId ?? 0] };
  try {
    await api.scripting.executeScript({ target, files: ['link-texts.js'] });
    const [injection] = await api.scripting.executeScript({
      target, func: (url) => globalThis.linkguardLinkTexts(url), args: [info.linkUrl],
    });
    const texts = injection?.result;
    return Array.isArray(texts) && texts.length === 1 && typeof texts[0] === 'string' ? texts[0] : null;
  } catch {
    return null; // no access to that page (a browser page, the store, a revoked grant)
  }
}

async function checkLinkFromMenu(info, tab) {
  if (info.menuItemId !== MENU_CHECK_LINK || !info.linkUrl) return;
  const fromPage = await linkFromPage(info, tab);
  // Firefox's menu gives the clicked link's own text; Chrome's doesn't.
  const text = fromPage ? null : typeof info.linkText === 'string' ? info.linkText : await linkTextInPage(info, tab);
  const link = fromPage ?? (text === null ? { href: info.linkUrl } : { href: info.linkUrl, text });
  const page = new URL(api.runtime.getURL('pages/link.html'));
  for (const key of ['href', 'text', 'title', 'saferedirecturl', 'originalsrc']) {
    if (typeof link[key] === 'string') page.searchParams.set(key, link[key]);
  }
  // The message the link is in (content/message-context.js): the report judges it there too.
  if (link.message?.context && typeof link.message.context === 'object') {
    page.searchParams.set('message', JSON.stringify(link.message.context));
  }
  const beside = tab?.id >= 0 ? { index: tab.index + 1, openerTabId: tab.id } : {};
  await api.tabs.create({ url: page.href, ...beside });
}

export function watchMenu() {
  api.contextMenus.onClicked.addListener((info, tab) => {
    checkLinkFromMenu(info, tab).catch((e) => console.error('linkguard: link report', e));
  });
  // What a click on the menu item runs, for the end-to-end tests: no automation protocol can open
  // the browser's own context menu. (Only the extension's own pages and worker see this global.)
  globalThis.linkguardCheckLinkFromMenu = checkLinkFromMenu;
}
