// @ts-check
// The options page: trusted domains, which checks run, and the sites linkguard protects.
// Everything is in chrome.storage.local; the background and the content scripts follow changes.
import { api } from '../shared/api.js';
import { msg, localizePage } from '../shared/i18n.js';
import { REASON_CODES } from '../shared/reason-codes.js';
import { loadSettings, loadLocalSettings } from '../shared/settings.js';
import { originPattern } from '../shared/sites.js';

/** "https://Login.Example.com/path" -> "login.example.com"; null when it isn't a host name. */
function normalizeDomain(text) {
  const raw = text.trim();
  if (!raw) return null;
  try {
    const host = new URL(raw.includes('://') ? raw : `https://${raw}`).hostname;
    if (!host.includes('.') || !/^[a-z0-9.-]+$/.test(host)) return null;
    return host.replace(/^\.+|\.+$/g, '');
  } catch {
    return null;
  }
}

function item(label, buttonText, onClick, data = {}) {
  const li = document.createElement('li');
  Object.assign(li.dataset, data);
  const text = document.createElement('span');
  text.className = 'url';
  text.textContent = label;
  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = buttonText;
  button.addEventListener('click', onClick);
  li.append(text, button);
  return li;
}

/** A row an administrator set: marked so, with no button to change it (`extra`: what may still be done). */
function managedItem(label, data, extra = []) {
  const li = document.createElement('li');
  Object.assign(li.dataset, data, { managed: 'true' });
  const text = document.createElement('span');
  text.className = 'url';
  text.textContent = label;
  const badge = document.createElement('span');
  badge.className = 'managed';
  badge.textContent = msg('managed_badge');
  li.append(text, badge, ...extra);
  return li;
}

async function renderManaged() {
  const { managed } = await loadSettings();
  const any = Boolean(managed && (managed.allowlist.length || managed.sitesOn.length || managed.disableProceedAnyway));
  document.getElementById('managed').hidden = !any;
  document.getElementById('managed-no-proceed').hidden = !managed?.disableProceedAnyway;
}

async function renderAllowlist() {
  const { allowlist, managed } = await loadSettings();
  const list = document.getElementById('allowlist');
  list.replaceChildren(...allowlist.map((domain) => (managed?.allowlist.includes(domain)
    ? managedItem(domain, { domain })
    : item(domain, msg('options_remove'), async () => {
      const current = (await loadLocalSettings()).allowlist;
      await api.storage.local.set({ allowlist: current.filter((d) => d !== domain) });
    }, { domain }))));
  document.getElementById('allow-empty').hidden = allowlist.length > 0;
}

async function renderChecks() {
  const { disabledChecks } = await loadSettings();
  const list = document.getElementById('checks');
  list.replaceChildren(...REASON_CODES.map((code) => {
    const key = `reason_${code.replaceAll('-', '_')}_title`;
    const li = document.createElement('li');
    const label = document.createElement('label');
    const box = document.createElement('input');
    box.type = 'checkbox';
    box.dataset.code = code;
    box.checked = !disabledChecks.includes(code);
    box.addEventListener('change', async () => {
      const current = new Set((await loadLocalSettings()).disabledChecks);
      if (box.checked) current.delete(code);
      else current.add(code);
      await api.storage.local.set({ disabledChecks: [...current] });
    });
    // The check by its name in words: a reason code is the engine's, not the reader's.
    const title = document.createElement('span');
    title.textContent = msg(key);
    label.append(box, title);
    li.append(label);
    return li;
  }));
}

/** An administrator's site: and, while linkguard may not read it yet, the button that asks. */
async function managedSiteItem(origin) {
  const pattern = originPattern(origin);
  if (!pattern || await api.permissions.contains({ origins: [pattern] })) {
    return managedItem(origin, { origin, state: 'on' });
  }
  const note = document.createElement('span');
  note.className = 'muted';
  note.textContent = msg('managed_site_needs_access', [origin]);
  const allow = document.createElement('button');
  allow.type = 'button';
  allow.textContent = msg('managed_site_allow');
  allow.dataset.action = 'allow';
  allow.addEventListener('click', () => {
    // permissions.request must run in the click itself (user gesture): no await before it.
    api.permissions.request({ origins: [pattern] }).then(async (ok) => {
      if (ok) await api.runtime.sendMessage({ type: 'syncSites' });
      renderSites();
    }, () => {});
  });
  return managedItem(origin, { origin, state: 'needs-access' }, [note, allow]);
}

async function renderSites() {
  const { sitesOn, sitesOff, managed } = await loadSettings();
  const list = document.getElementById('sites');
  const managedSites = managed?.sitesOn ?? [];
  const rows = [
    ...await Promise.all(managedSites.map(managedSiteItem)),
    ...sitesOn.filter((o) => !sitesOff.includes(o) && !managedSites.includes(o)).map((origin) => item(
      msg('options_site_on', [origin]), msg('options_site_stop'),
      () => api.runtime.sendMessage({ type: 'unprotectSite', origin }), { origin, state: 'on' })),
    ...sitesOff.map((origin) => item(
      msg('options_site_off', [origin]), msg('options_site_resume'), async () => {
        const s = await loadLocalSettings();
        await api.storage.local.set({ sitesOff: s.sitesOff.filter((o) => o !== origin) });
        if (s.sitesOn.includes(origin)) await api.runtime.sendMessage({ type: 'protectSite', origin });
      }, { origin, state: 'off' })),
  ];
  list.replaceChildren(...rows);
  document.getElementById('sites-empty').hidden = rows.length > 0;
}

async function main() {
  localizePage();
  // The manifest's version is Cargo.toml's (scripts/build-extension.mjs).
  document.getElementById('version').textContent = api.runtime.getManifest().version;
  document.title = msg('options_title');
  document.getElementById('welcome').hidden = location.hash !== '#welcome';
  const form = document.getElementById('allow-form');
  const input = /** @type {HTMLInputElement} */ (document.getElementById('allow-input'));
  const error = document.getElementById('allow-error');
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const domain = normalizeDomain(input.value);
    if (!domain) {
      error.textContent = msg('options_allowlist_invalid');
      error.hidden = false;
      return;
    }
    error.hidden = true;
    const { allowlist } = await loadLocalSettings();
    if (!allowlist.includes(domain)) await api.storage.local.set({ allowlist: [...allowlist, domain] });
    input.value = '';
  });
  api.storage.onChanged.addListener((changes, area) => {
    if (area === 'managed') {
      renderManaged();
      renderAllowlist();
      renderSites();
      return;
    }
    if (area !== 'local') return;
    if (changes.allowlist) renderAllowlist();
    if (changes.disabledChecks) renderChecks();
    if (changes.sitesOn || changes.sitesOff) renderSites();
  });
  await Promise.all([renderManaged(), renderAllowlist(), renderChecks(), renderSites()]);
}

main();
