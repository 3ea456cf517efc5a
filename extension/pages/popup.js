// @ts-check
// The toolbar popup: this tab's findings, and the per-site switch. Opening it as a page with
// `?tab=<id>` shows that tab instead of the active one (used by the end-to-end tests).
import { api } from '../shared/api.js';
import { msg, localizePage, uiLanguage } from '../shared/i18n.js';
import { renderMessage } from '../shared/explain.js';
import { loadSettings } from '../shared/settings.js';
import { siteKey, originPattern } from '../shared/sites.js';

function patternMatches(pattern, url) {
  const m = /^(\*|https?):\/\/(\*|\*\.[^/]+|[^/*]+)\/(.*)$/.exec(pattern);
  if (!m) return false;
  const [, scheme, host] = m;
  if (scheme !== '*' && `${scheme}:` !== url.protocol) return false;
  if (host === '*') return true;
  if (host.startsWith('*.')) return url.hostname === host.slice(2) || url.hostname.endsWith(host.slice(1));
  return url.hostname === host;
}

/** Whether the manifest's webmail content script covers this URL. */
function isBuiltIn(url) {
  const matches = (api.runtime.getManifest().content_scripts ?? []).flatMap((s) => s.matches);
  return matches.some((p) => patternMatches(p, url));
}

async function currentTab() {
  const wanted = Number(new URLSearchParams(location.search).get('tab'));
  const tab = Number.isInteger(wanted) && wanted > 0
    ? await api.tabs.get(wanted)
    : (await api.tabs.query({ active: true, currentWindow: true }))[0];
  let url = tab?.url;
  if (!url && tab) {
    // Without host access the tab's URL is hidden; the top frame's is not (webNavigation).
    url = (await api.webNavigation.getFrame({ tabId: tab.id, frameId: 0 }).catch(() => null))?.url;
  }
  return { tab, url };
}

function renderFindings(status) {
  const danger = [];
  const caution = [];
  for (const [frameId, frame] of Object.entries(status.frames ?? {})) {
    const inFrame = (item) => ({ ...item, frameId: Number(frameId) });
    danger.push(...(frame.danger ?? []).map(inFrame));
    caution.push(...(frame.caution ?? []).map(inFrame));
  }
  const heading = document.getElementById('status-heading');
  heading.textContent = danger.length || caution.length
    ? msg('popup_counts', [String(danger.length), String(caution.length)])
    : msg('popup_no_findings');
  const list = document.getElementById('findings');
  list.replaceChildren();
  for (const [level, items] of /** @type {[string, any[]][]} */ ([['danger', danger], ['caution', caution]])) {
    for (const item of items) {
      const li = document.createElement('li');
      li.dataset.level = level;
      // The whole row is a button: it shows the link in the page, explained.
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'finding';
      button.title = msg('popup_show_link');
      const badge = document.createElement('span');
      badge.className = `level ${level}`;
      badge.textContent = msg(`level_${level}`);
      const domain = document.createElement('span');
      domain.className = 'url';
      domain.textContent = item.domain;
      domain.title = item.url;
      const why = document.createElement('span');
      why.className = 'why muted';
      // The reasons' titles come as the engine's messages (content/report.js): rendered here.
      why.textContent = (item.titles ?? [])
        .map((t) => (typeof t === 'string' ? t : renderMessage(t, msg, uiLanguage()))).join(' / ');
      button.append(badge, domain, why);
      button.addEventListener('click', () => reveal(item.frameId, item.id));
      li.append(button);
      list.append(li);
    }
  }
}

/** Shows the listed link in its page (scrolled to, pointed out, explained), then gets out of the way. */
async function reveal(frameId, id) {
  const { tab } = await currentTab();
  const reply = await api.tabs.sendMessage(tab.id, { type: 'reveal', id }, { frameId }).catch(() => null);
  if (reply?.shown && !new URLSearchParams(location.search).has('tab')) window.close();
}

/** "Check a link you were sent": the pasted address's report (pages/link.html) in a new tab. */
async function checkPasted(event) {
  event.preventDefault();
  // As pasted: the report has the engine read it as an address (full-width forms, no scheme).
  const href = /** @type {HTMLInputElement} */ (document.getElementById('check-input')).value.trim();
  if (!href) return;
  const page = new URL(api.runtime.getURL('pages/link.html'));
  page.searchParams.set('href', href);
  page.searchParams.set('pasted', '1');
  await api.tabs.create({ url: page.href });
  if (!new URLSearchParams(location.search).has('tab')) window.close();
}

async function main() {
  localizePage();
  document.getElementById('open-options').addEventListener('click', () => api.runtime.openOptionsPage());
  document.getElementById('check-form').addEventListener('submit', checkPasted);
  const { tab, url } = await currentTab();
  let parsed;
  try {
    parsed = url ? new URL(url) : null;
  } catch {
    parsed = null;
  }
  if (!tab || !parsed || !/^https?:$/.test(parsed.protocol)) {
    document.getElementById('site-section').hidden = true;
    document.getElementById('status-section').hidden = true;
    document.getElementById('unsupported').hidden = false;
    return;
  }
  const origin = siteKey(url);
  const builtIn = isBuiltIn(parsed);
  const settings = await loadSettings();
  const toggle = /** @type {HTMLInputElement} */ (document.getElementById('site-switch'));
  const note = document.getElementById('site-note');
  document.getElementById('site-host').textContent = parsed.hostname;
  const granted = builtIn || (await api.permissions.contains({ origins: [originPattern(origin)] }));
  toggle.checked = !settings.sitesOff.includes(origin) && (builtIn || (settings.sitesOn.includes(origin) && granted));
  note.textContent = builtIn ? msg('popup_builtin_note') : msg('popup_other_note');
  note.hidden = false;
  if (settings.managed?.sitesOn.includes(origin) && granted) {
    // An administrator protects this site: it can't be switched off here.
    toggle.checked = true;
    toggle.disabled = true;
    note.textContent = msg('managed_badge');
  }

  toggle.addEventListener('click', (event) => {
    if (!event.isTrusted) {
      event.preventDefault();
      return;
    }
    const on = toggle.checked;
    if (builtIn) {
      const sitesOff = on ? settings.sitesOff.filter((o) => o !== origin) : [...new Set([...settings.sitesOff, origin])];
      settings.sitesOff = sitesOff;
      api.storage.local.set({ sitesOff });
      return;
    }
    if (on) {
      // permissions.request must run in the click itself (user gesture): no await before it.
      api.permissions.request({ origins: [originPattern(origin)] }).then(async (ok) => {
        if (!ok) {
          toggle.checked = false;
          return;
        }
        await api.runtime.sendMessage({ type: 'protectSite', origin, tabId: tab.id });
        document.body.dataset.protected = 'true';
      }, () => { toggle.checked = false; });
    } else {
      api.runtime.sendMessage({ type: 'unprotectSite', origin })
        .then(() => api.permissions.remove({ origins: [originPattern(origin)] }))
        .then(() => { document.body.dataset.protected = 'false'; });
    }
  });

  renderFindings(await api.runtime.sendMessage({ type: 'tabStatus', tabId: tab.id }));
  api.storage.session?.onChanged?.addListener?.(async () => {
    renderFindings(await api.runtime.sendMessage({ type: 'tabStatus', tabId: tab.id }));
  });
}

main();
