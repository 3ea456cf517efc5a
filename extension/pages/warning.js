// @ts-check
// The page shown in place of a blocked navigation (see background/navigation-guard.js).
import { api } from '../shared/api.js';
import { msg, localizePage } from '../shared/i18n.js';
import { loadSettings } from '../shared/settings.js';
import { renderVerdict } from './verdict.js';

const params = new URLSearchParams(location.search);
const target = params.get('url') ?? '';

function show(verdict) {
  renderVerdict(verdict, target, document.getElementById('destination'), document.getElementById('reasons'));
}

async function main() {
  localizePage();
  document.title = msg('warning_title');
  show(null);
  document.getElementById('back').addEventListener('click', async () => {
    if (history.length > 1) {
      history.back();
    } else {
      const tab = await api.tabs.getCurrent();
      if (tab) await api.tabs.remove(tab.id);
    }
  });
  document.getElementById('proceed').addEventListener('click', async (e) => {
    if (!e.isTrusted || !/^https?:\/\//i.test(target)) return;
    await api.runtime.sendMessage({ type: 'proceedOnce', url: target });
  });
  document.getElementById('back').focus();
  if ((await loadSettings()).managed?.disableProceedAnyway) {
    // An administrator's policy: this page can't be opened; 詳細 says so instead.
    document.getElementById('proceed').remove();
    document.querySelector('#more p').textContent = msg('managed_no_proceed');
  }
  try {
    const reply = await api.runtime.sendMessage({ type: 'analyze', links: [{ href: target, text: '' }] });
    if (reply?.verdicts?.[0]) show(reply.verdicts[0]);
  } catch {
    // The URL alone is still shown.
  }
}

main();
