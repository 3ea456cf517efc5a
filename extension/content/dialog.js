// @ts-check
// The dialog for flagged links: a real modal (<dialog>.showModal(): the page becomes inert,
// focus stays inside, Escape = Go back), in the top layer.
//
// Like the browsers' own interstitials, it makes going back the easy choice: 戻る / Go back is
// the one filled button and has the focus. For danger, opening anyway is behind 詳細 / Details,
// a deliberate second step, and opens the link this once; trusting the site is not offered (the
// options page can, for someone who knows it). Caution is lighter: "Open anyway" sits beside
// Go back, and trusting the domain is a choice of its own behind Details, which never opens the
// link in the same click.
//
// When the link is in a mail presenting itself as a company it doesn't lead to (or its own words
// ask, in a company's name, for something elsewhere), the dialog offers what no link of that mail
// does: the company's official site, from the engine's brand table (data/brands.tsv), beside
// Go back.
import { msg, uiLanguage } from '../shared/i18n.js';
import { makeHost, el, urlWithDomain, reasonList, SHARED_CSS } from './shadow.js';
import { tooltip } from './tooltip.js';

/**
 * One choice the dialog offers. `action` is what `dialog.ask` resolves to. `look`: `primary` is
 * the one filled button (Go back); `safe` a way out that is as safe as going back, drawn as an
 * outlined button beside it; `plain` an ordinary button. `behindDetails`: shown only once the
 * reader opens 詳細.
 * @typedef {{ action: string, label: string, look: 'primary' | 'safe' | 'plain', behindDetails?: boolean }} DialogAction
 */

/** The reasons that name the company a link or its mail claims, with its official site. */
const BRAND_CODES = ['message-brand-mismatch', 'link-brand-mismatch'];

/**
 * The company a flagged link's mail (or its own words) claims, and its official site, when the
 * verdict names one: `{url, brand}` (the brand named in the UI's language), else null. The
 * address is the engine's, from its brand table, never the mail's: taken only from the brand
 * reasons' details, and only when it is an https address.
 * @param {Verdict} verdict
 * @returns {{ url: string, brand: string } | null}
 */
export function officialSite(verdict) {
  if (verdict.level === 'safe') return null;
  for (const reason of verdict.reasons) {
    const d = reason.details;
    if (!BRAND_CODES.includes(reason.code) || reason.level === 'safe' || !d?.official_url || !d.brand) continue;
    let url;
    try {
      url = new URL(d.official_url);
    } catch {
      continue;
    }
    if (url.protocol !== 'https:' || url.username || url.password) continue;
    return { url: url.href, brand: uiLanguage() === 'ja' ? d.brand_ja ?? d.brand : d.brand };
  }
  return null;
}

/**
 * The choices for `verdict`, most important first: the row shows them ending with Go back (the
 * first), then Details holds the rest. A safe way out, the company's official site when the
 * verdict names one (`officialSite`), is the entry with `look: 'safe'` after Go back.
 * `proceedAllowed` false (an administrator's policy): a dangerous link can't be opened at all.
 * @param {Verdict} verdict
 * @param {{ proceedAllowed?: boolean }} [policy]
 * @returns {DialogAction[]}
 */
export function actionsFor(verdict, { proceedAllowed = true } = {}) {
  const danger = verdict.level === 'danger';
  const domain = verdict.target.registrable_domain ?? verdict.target.host ?? '';
  const official = officialSite(verdict);
  /** @type {(DialogAction | null)[]} */
  const actions = [
    { action: 'back', label: msg('dialog_back'), look: 'primary' },
    official ? { action: 'official', label: msg('dialog_official', [official.brand]), look: 'safe' } : null,
    danger && !proceedAllowed ? null : { action: 'open', label: msg('dialog_open'), look: 'plain', behindDetails: danger },
    !danger && domain ? { action: 'trust', label: msg('dialog_trust', [domain]), look: 'plain', behindDetails: true } : null,
    // Prepares a report for the user to send (pages/link.html): linkguard sends nothing.
    { action: 'report', label: msg('report_this'), look: 'plain', behindDetails: true },
  ];
  return actions.filter((a) => a !== null);
}

/**
 * The lead of a danger dialog: what opening the link does, said plainly, from the first of the
 * verdict's danger reasons found here (in this order); otherwise that it shows signs of phishing.
 * A text mismatch is named first: a link that shows one site and goes to another is the one
 * thing a reader can check with their own eyes.
 */
const DANGER_LEADS = [
  { codes: ['text-mismatch', 'hidden-text'], key: 'dialog_lead_elsewhere' },
  { codes: BRAND_CODES, key: 'dialog_lead_brand' },
  { codes: ['homograph', 'lookalike-domain', 'brand-in-host', 'domain-in-host', 'brand-name-in-host', 'userinfo'], key: 'dialog_lead_lookalike' },
  { codes: ['dynamic-dns', 'free-hosting'], key: 'dialog_lead_anonymous' },
];

/** @param {Verdict} verdict */
export function leadKey(verdict) {
  if (verdict.level !== 'danger') return 'dialog_caution_lead';
  const codes = new Set(verdict.reasons.filter((r) => r.level === 'danger').map((r) => r.code));
  return DANGER_LEADS.find((lead) => lead.codes.some((code) => codes.has(code)))?.key ?? 'dialog_danger_lead';
}

/** The lead in words: the company a brand lead names is the one whose official site is offered. @param {Verdict} verdict */
function leadText(verdict) {
  const key = leadKey(verdict);
  if (key !== 'dialog_lead_brand') return msg(key);
  const official = officialSite(verdict);
  return official ? msg(key, [official.brand]) : msg('dialog_danger_lead');
}

/** @param {DialogAction} a */
const button = (a) => el('button', { type: 'button', class: a.look, 'data-action': a.action }, a.label);

export const dialog = {
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
      .panel { padding: 20px 22px 18px; --accent: #0b57d0; --on-accent: #fff; }
      .panel.danger { border-top: 6px solid var(--danger); }
      .panel.caution { border-top: 6px solid var(--caution); }
      h2 { font-size: var(--lg-size-h2); line-height: 1.3; margin: 8px 0 6px; }
      p { margin: 6px 0; }
      .lead { font-weight: 600; }
      .dest { background: rgba(127,127,127,.1); border-radius: 8px; padding: 8px 10px; margin: 8px 0; }
      .buttons { display: flex; flex-wrap: wrap; gap: 8px; justify-content: flex-end; margin-top: 16px; }
      button { font: inherit; border-radius: 8px; padding: 8px 14px; cursor: pointer;
        border: 1px solid #8e918f; background: transparent; color: inherit; }
      button.primary { font-weight: 600; background: var(--accent); border-color: var(--accent); color: var(--on-accent); }
      button.safe { font-weight: 600; border: 2px solid var(--accent); color: var(--accent); padding: 7px 13px; }
      button:focus-visible, summary:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
      /* Details: plain, under the row; what it holds is a deliberate second step. */
      details { margin-top: 14px; border-top: 1px solid rgba(127,127,127,.35); padding-top: 10px; }
      summary { cursor: pointer; color: var(--muted); width: max-content; border-radius: 4px; }
      details .buttons { justify-content: flex-start; margin-top: 10px; }
      @media (prefers-color-scheme: dark) {
        .panel { --accent: #a8c7fa; --on-accent: #062e6f; }
      }
      @media (forced-colors: active) {
        button.safe { border-color: ButtonText; color: ButtonText; }
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
      const pressed = /** @type {Element} */ (e.target).closest?.('button[data-action]');
      // Only the user's own clicks count: a page script can't press "Open anyway".
      if (!(pressed instanceof HTMLElement) || !e.isTrusted) return;
      this.close(pressed.dataset.action);
    });
    root.append(style, node);
    this.host = host;
    this.root = root;
    this.node = node;
    document.documentElement.append(host);
  },

  /**
   * Shows the dialog for a flagged link; resolves to the chosen action (`actionsFor`): 'back',
   * 'official', 'open', 'trust' or 'report'.
   * @param {Verdict} verdict
   * @param {{ proceedAllowed?: boolean }} [policy]
   * @returns {Promise<string>}
   */
  ask(verdict, policy = {}) {
    if (this.current) this.close('back');
    this.ensure();
    const level = verdict.level;
    const actions = actionsFor(verdict, policy);
    const noProceed = level === 'danger' && !actions.some((a) => a.action === 'open');
    const shown = actions.filter((a) => !a.behindDetails);
    const hidden = actions.filter((a) => a.behindDetails);
    const node = this.node;
    node.setAttribute('data-level', level);
    node.replaceChildren(el('div', { class: `panel ${level}` },
      el('span', { class: `level ${level}` }, msg(`level_${level}`)),
      el('h2', { id: 'lg-title' }, msg(level === 'danger' ? 'dialog_danger_title' : 'dialog_caution_title')),
      el('div', { id: 'lg-desc' },
        el('p', { class: 'lead', 'data-role': 'lead' }, leadText(verdict)),
        el('div', { class: 'dest' },
          el('div', { class: 'label' }, msg('tooltip_goes_to')),
          el('div', { 'data-role': 'destination' }, urlWithDomain(verdict))),
        reasonList(verdict),
        el('p', { class: 'note' }, msg('dialog_advice'))),
      // The row reads towards Go back, the last and filled button.
      el('div', { class: 'buttons' }, [...shown].reverse().map(button)),
      hidden.length ? el('details', { 'data-role': 'details' },
        el('summary', {}, msg('details')),
        el('p', {}, msg(noProceed ? 'managed_no_proceed' : level === 'danger' ? 'dialog_details_danger' : 'dialog_details_trust')),
        el('div', { class: 'buttons' }, hidden.map(button))) : null));
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
