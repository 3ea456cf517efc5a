// @ts-check
// The dialog for flagged links: a real modal (<dialog>.showModal(): the page becomes inert,
// focus stays inside, Escape = Go back), in the top layer.
import { msg } from '../shared/i18n.js';
import { makeHost, el, urlWithDomain, reasonList, SHARED_CSS } from './shadow.js';
import { tooltip } from './tooltip.js';

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
      .panel { padding: 20px 22px 18px; }
      .panel.danger { border-top: 6px solid var(--danger); }
      .panel.caution { border-top: 6px solid var(--caution); }
      h2 { font-size: 18px; line-height: 1.3; margin: 8px 0 6px; }
      p { margin: 6px 0; }
      .dest { background: rgba(127,127,127,.1); border-radius: 8px; padding: 8px 10px; margin: 8px 0; }
      .buttons { display: flex; flex-wrap: wrap; gap: 8px; justify-content: flex-end; margin-top: 16px; }
      button { font: inherit; font-weight: 600; border-radius: 8px; padding: 8px 14px; cursor: pointer;
        border: 1px solid #8e918f; background: transparent; color: inherit; }
      button[data-action=back] { background: #0b57d0; border-color: #0b57d0; color: #fff; }
      button:focus-visible { outline: 3px solid #0b57d0; outline-offset: 2px; }
      @media (prefers-color-scheme: dark) {
        button[data-action=back] { background: #a8c7fa; border-color: #a8c7fa; color: #062e6f; }
        button:focus-visible { outline-color: #a8c7fa; }
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
      const button = e.target.closest?.('button[data-action]');
      // Only the user's own clicks count: a page script can't press "Open anyway".
      if (!button || !e.isTrusted) return;
      this.close(button.dataset.action);
    });
    root.append(style, node);
    this.host = host;
    this.root = root;
    this.node = node;
    document.documentElement.append(host);
  },

  /** Shows the dialog for a flagged link; resolves to 'back', 'open' or 'trust'. */
  ask(verdict) {
    if (this.current) this.close('back');
    this.ensure();
    const level = verdict.level;
    const domain = verdict.target.registrable_domain ?? verdict.target.host ?? '';
    const node = this.node;
    node.setAttribute('data-level', level);
    node.replaceChildren(el('div', { class: `panel ${level}` },
      el('span', { class: `level ${level}` }, msg(`level_${level}`)),
      el('h2', { id: 'lg-title' }, msg(level === 'danger' ? 'dialog_danger_title' : 'dialog_caution_title')),
      el('div', { id: 'lg-desc' },
        el('p', {}, msg(level === 'danger' ? 'dialog_danger_lead' : 'dialog_caution_lead')),
        el('div', { class: 'dest' },
          el('div', { class: 'label' }, msg('tooltip_goes_to')),
          el('div', { 'data-role': 'destination' }, urlWithDomain(verdict))),
        reasonList(verdict),
        el('p', { class: 'note' }, msg('dialog_advice'))),
      el('div', { class: 'buttons' },
        domain ? el('button', { type: 'button', 'data-action': 'trust' }, msg('dialog_trust', [domain])) : null,
        el('button', { type: 'button', 'data-action': 'open' }, msg('dialog_open')),
        el('button', { type: 'button', 'data-action': 'back', autofocus: true }, msg('dialog_back')))));
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
