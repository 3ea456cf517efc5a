// @ts-check
// The report of one link, opened from the link's context menu ("Check this link with
// linkguard", background/context-menu.js) or for an address pasted into the popup: where it really goes and
// why it is or isn't suspicious, with a deliberate way to open it.
import { api } from '../shared/api.js';
import { loadSettings } from '../shared/settings.js';
import { msg, localizePage, explainReason } from '../shared/i18n.js';
import { ANTIPHISHING_ADDRESS, reportMailto, safeBrowsingReportUrl } from '../shared/phishing-report.js';
import { renderVerdict } from './verdict.js';

const params = new URLSearchParams(location.search);
/** The link as the page showed it. `text` is absent when the browser didn't say (Chrome's menu
 * gives the address only) and linkguard doesn't run in that page to read it. */
const link = { href: params.get('href') ?? '', text: params.get('text') ?? '' };
for (const hint of ['title', 'saferedirecturl', 'originalsrc']) {
  const value = params.get(hint);
  if (value) link[hint] = value;
}
const textKnown = params.has('text') || params.has('report');
/** The message the link is in, as the content script read it (content/message-context.js): judged in it. */
const context = messageContext(params.get('message'));

/**
 * The `message` parameter as a MessageContext: its known fields that are text, or null.
 * @param {string | null} json @returns {MessageContext | null}
 */
function messageContext(json) {
  let value;
  try {
    value = JSON.parse(json ?? 'null');
  } catch {
    return null;
  }
  if (!value || typeof value !== 'object') return null;
  /** @type {MessageContext} */
  const out = {};
  for (const field of ['sender_name', 'sender_address', 'subject', 'reply_to', 'return_path', 'list_id', 'list_unsubscribe', 'webmail_host']) {
    if (typeof value[field] === 'string') out[field] = value[field];
  }
  return Object.keys(out).length ? out : null;
}
/** Pasted into the popup ("Check a link you were sent"): an address, with no link text at all. */
const pasted = params.has('pasted');
/** Opened by a dialog's "Report this": the key (in session storage) of the link and its verdict there. */
const reportKey = params.get('report');
/** Whether an administrator turned "Open anyway" off for dangerous links. */
let proceedAllowed = true;

// One lead per level, not the click dialog's (content/dialog.js leadKey, which names the trick, e.g.
// "goes to a different site than it shows"): a pasted address or a link without its text claims
// nothing, and the report's reasons say the rest.
const LEADS = { safe: 'link_lead_safe', caution: 'dialog_caution_lead', danger: 'link_lead_danger' };

function show(verdict) {
  const main = document.querySelector('main');
  renderVerdict(verdict, link.href, document.getElementById('destination'), document.getElementById('reasons'));
  const notes = [];
  if (pasted) notes.push(msg('link_pasted'));
  else if (!textKnown) notes.push(msg('link_address_only'));
  if (verdict?.unwrap_chain?.length) {
    notes.push(msg('tooltip_unwrapped', [[...new Set(verdict.unwrap_chain.map((s) => s.wrapper))].join(', ')]));
  }
  if (verdict?.allowlisted) notes.push(msg('tooltip_allowlisted'));
  document.getElementById('notes').replaceChildren(...notes.map((n) => {
    const span = document.createElement('span');
    span.textContent = n;
    return span;
  }));
  if (!verdict) return;
  // The engine's reason codes, for those who want them (developers, a bug report): behind "Details".
  const codes = verdict.reasons.map((reason) => reason.code);
  document.getElementById('codes').textContent = msg('link_codes', [codes.join(', ')]);
  document.getElementById('details').hidden = codes.length === 0;
  main.dataset.level = verdict.level;
  main.setAttribute('aria-busy', 'false');
  const level = document.getElementById('level');
  level.className = `level ${verdict.level}`;
  level.textContent = msg(`level_${verdict.level}`);
  level.hidden = false;
  document.getElementById('lead').textContent = msg(LEADS[verdict.level]);
  // Only a web address is opened from here; a mail or script link is explained, not followed.
  const open = document.getElementById('open');
  const web = /^https?:\/\//i.test(link.href.trim());
  const danger = verdict.level === 'danger';
  open.hidden = !web || (danger && !proceedAllowed);
  open.textContent = msg(verdict.level === 'safe' ? 'link_open' : 'dialog_open');
  // As in the dialog: a dangerous link opens only from behind "Details", after what to keep in
  // mind, so that Close is the one action in sight.
  const advice = document.getElementById('open-advice');
  advice.hidden = !(danger && web);
  advice.textContent = advice.hidden ? '' : msg(proceedAllowed ? 'dialog_details_danger' : 'managed_no_proceed');
  if (danger) document.getElementById('details-actions').append(open);
  else document.getElementById('close').before(open);
  prepareReport(verdict);
}

/** "Report this" for a flagged link: the mail to フィッシング対策協議会 and Google's report page, filled in. */
function prepareReport(verdict) {
  const flagged = verdict.level !== 'safe';
  document.getElementById('report').hidden = !flagged;
  if (!flagged) return;
  const reported = { href: link.href.trim(), text: link.text, verdict };
  document.getElementById('report-mail').setAttribute('href', reportMailto(reported, msg, (r) => explainReason(r).title));
  document.getElementById('report-mail-note').textContent = msg('report_antiphishing_note', [ANTIPHISHING_ADDRESS]);
  document.getElementById('report-safe-browsing').setAttribute('href', safeBrowsingReportUrl(reported));
}

function showReport() {
  const box = document.getElementById('report-box');
  box.hidden = false;
  document.getElementById('report-mail').focus();
}

async function main() {
  localizePage();
  document.title = msg('link_title');
  if (link.text) {
    document.getElementById('shown').textContent = link.text;
    document.getElementById('shown-box').hidden = false;
  }
  show(null);
  document.getElementById('close').addEventListener('click', async () => {
    const tab = await api.tabs.getCurrent();
    if (tab) await api.tabs.remove(tab.id);
    else window.close();
  });
  document.getElementById('open').addEventListener('click', async (e) => {
    // A page script can't reach this page, but a synthetic click would still not be a choice.
    if (!e.isTrusted) return;
    // Through the navigation guard's one-time pass: the user has just read why it may be unsafe.
    await api.runtime.sendMessage({ type: 'proceedOnce', url: link.href.trim() });
  });
  document.getElementById('report').addEventListener('click', showReport);
  document.getElementById('close').focus();
  proceedAllowed = !(await loadSettings()).managed?.disableProceedAnyway;
  if (reportKey?.startsWith('report-')) {
    // The dialog's link and verdict (judged in its mail, which this page can't read again).
    const stored = /** @type {{ href: string, text: string, verdict: Verdict } | undefined} */ ((await api.storage.session.get(reportKey))[reportKey]);
    if (stored?.verdict) {
      link.href = stored.href;
      link.text = stored.text;
      if (link.text) {
        document.getElementById('shown').textContent = link.text;
        document.getElementById('shown-box').hidden = false;
      }
      show(stored.verdict);
      showReport();
      return;
    }
  }
  try {
    if (pasted) {
      // What the person pasted, read as an address (full-width forms, no scheme): the engine's.
      const typed = await api.runtime.sendMessage({ type: 'typedAddress', text: link.href });
      if (typeof typed?.href === 'string') link.href = typed.href;
    }
    const reply = await api.runtime.sendMessage(context
      ? { type: 'analyze', links: [{ ...link, context: 0 }], contexts: [context] }
      : { type: 'analyze', links: [link] });
    if (reply?.verdicts?.[0]) show(reply.verdicts[0]);
    else throw new Error(reply?.error ?? 'no verdict');
  } catch {
    document.getElementById('lead').textContent = msg('link_failed');
  }
}

main();
