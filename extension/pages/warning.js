// The page shown in place of a blocked navigation (see the navigation guard in background.js).
'use strict';

const { api, msg, localizePage, explain, splitUrlForDisplay } = globalThis.linkguardCommon;

const params = new URLSearchParams(location.search);
const target = params.get('url') ?? '';

function show(verdict) {
  const dest = document.getElementById('destination');
  const parts = verdict ? splitUrlForDisplay(verdict) : { before: target, domain: '', after: '' };
  const mark = document.createElement('mark');
  mark.textContent = parts.domain;
  dest.replaceChildren(parts.before, ...(parts.domain ? [mark] : []), parts.after);
  const list = document.getElementById('reasons');
  for (const reason of verdict?.reasons ?? []) {
    const { title, body } = explain(reason, verdict.target);
    const li = document.createElement('li');
    li.dataset.code = reason.code;
    const strong = document.createElement('strong');
    strong.textContent = title;
    li.append(strong, body);
    list.append(li);
  }
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
  try {
    const reply = await api.runtime.sendMessage({ type: 'analyze', links: [{ href: target, text: '' }] });
    if (reply?.verdicts?.[0]) show(reply.verdicts[0]);
  } catch {
    // The URL alone is still shown.
  }
}

main();
