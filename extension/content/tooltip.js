// @ts-check
// Tooltip: a link's verdict explained on hover or keyboard focus.
import { msg } from '../shared/i18n.js';
import { active, linkState } from './state.js';
import { isChecked } from './links.js';
import { linkFromEvent } from './link-events.js';
import { check, remark } from './scan.js';
import { makeHost, el, urlWithDomain, reasonList, SHARED_CSS } from './shadow.js';
import { TOOLTIP_ID, describe, describeByTooltip, undescribe } from './described.js';

export const tooltip = {
  host: null,
  root: null,
  panel: null,
  anchor: null,
  /** The verdict the panel shows now (a repeated mouseover on the same link keeps it as is). */
  shown: null,
  hideTimer: 0,

  ensure() {
    if (this.host) {
      if (!this.host.isConnected) document.documentElement.append(this.host);
      return;
    }
    const { host, root } = makeHost('linkguard-tooltip');
    // The link shown is described by the tooltip through this id (see described.js).
    host.id = TOOLTIP_ID;
    const style = el('style', {}, SHARED_CSS + `
      .panel { position: fixed; margin: 0; inset: auto; max-width: min(460px, calc(100vw - 16px));
        padding: 10px 12px; pointer-events: none; overflow: visible; font-size: var(--lg-size-small); }
      .panel[hidden] { display: none; }
      .head { display: flex; gap: 8px; align-items: center; justify-content: space-between; }
      .brand { color: var(--muted); font-size: var(--lg-size-small); }
    `);
    const panel = el('div', { class: 'panel', role: 'tooltip', hidden: true, popover: 'manual' });
    root.append(style, panel);
    this.host = host;
    this.root = root;
    this.panel = panel;
    document.documentElement.append(host);
  },

  /**
   * Shows the tooltip for `anchor` at once, in the event that asked for it: the verdict is
   * already here (the scan keeps what the tooltip needs), so there is nothing to wait for, and
   * a delay would only make the explanation late. Moving between links doesn't flicker: the
   * pending hide of the last one is cancelled and the panel re-rendered in place.
   */
  show(anchor) {
    clearTimeout(this.hideTimer);
    const state = linkState.get(anchor);
    if (!state || !active) return;
    if (this.anchor === anchor && this.shown === state.verdict && this.panel && !this.panel.hidden) return;
    this.ensure();
    if (this.anchor !== anchor) this.untie();
    this.anchor = anchor;
    describeByTooltip(anchor);
    this.render();
  },

  /** The link the tooltip leaves gets its own short description back. */
  untie() {
    const anchor = this.anchor;
    if (!anchor) return;
    const verdict = linkState.get(anchor)?.verdict;
    if (verdict) describe(anchor, verdict);
    else undescribe(anchor);
  },

  render() {
    const anchor = this.anchor;
    if (!anchor || !this.panel) return;
    const verdict = linkState.get(anchor)?.verdict;
    const panel = this.panel;
    this.shown = verdict;
    panel.replaceChildren();
    if (!verdict) {
      panel.removeAttribute('data-level'); // not the last link's
      panel.append(el('div', { class: 'note' }, msg('tooltip_checking')));
    } else {
      panel.setAttribute('data-level', verdict.level);
      panel.append(
        el('div', { class: 'head' },
          el('span', { class: `level ${verdict.level}`, 'data-role': 'level' }, msg(`level_${verdict.level}`)),
          el('span', { class: 'brand' }, 'linkguard')),
        el('div', { class: 'label' }, msg('tooltip_goes_to')),
        el('div', { 'data-role': 'destination' }, urlWithDomain(verdict)),
      );
      if (verdict.unwrap_chain?.length) {
        const wrappers = [...new Set(verdict.unwrap_chain.map((s) => s.wrapper))].join(', ');
        panel.append(el('div', { class: 'note' }, msg('tooltip_unwrapped', [wrappers])));
      }
      if (verdict.allowlisted) panel.append(el('div', { class: 'note' }, msg('tooltip_allowlisted')));
      if (verdict.reasons.length) panel.append(reasonList(verdict));
    }
    panel.hidden = false;
    if (panel.showPopover && !panel.matches(':popover-open')) {
      try { panel.showPopover(); } catch { /* not connected yet */ }
    }
    this.position();
  },

  position() {
    const anchor = this.anchor;
    const panel = this.panel;
    if (!anchor?.isConnected || !panel) return this.hide();
    const rects = anchor.getClientRects();
    const r = rects.length ? rects[0] : anchor.getBoundingClientRect();
    const w = panel.offsetWidth;
    const h = panel.offsetHeight;
    const vw = document.documentElement.clientWidth || innerWidth;
    const vh = document.documentElement.clientHeight || innerHeight;
    let top = r.bottom + 6;
    if (top + h > vh - 4 && r.top - h - 6 >= 4) top = r.top - h - 6;
    const left = Math.max(4, Math.min(r.left, vw - w - 4));
    panel.style.setProperty('top', `${Math.max(4, top)}px`);
    panel.style.setProperty('left', `${left}px`);
  },

  hide() {
    clearTimeout(this.hideTimer);
    this.untie();
    this.anchor = null;
    this.shown = null;
    if (!this.panel) return;
    if (this.panel.hidePopover && this.panel.matches(':popover-open')) this.panel.hidePopover();
    this.panel.hidden = true;
  },

  scheduleHide() {
    clearTimeout(this.hideTimer);
    this.hideTimer = setTimeout(() => this.hide(), 120);
  },
};


export const onMouseover = (e) => {
  if (!active) return;
  const link = linkFromEvent(e, isChecked);
  if (!link) return;
  // Read again, the full way, where the pointer is: what the user sees is what is explained.
  if (link !== tooltip.anchor) check(link, { full: true, point: e.isTrusted ? { x: e.clientX, y: e.clientY } : null });
  if (linkState.has(link)) {
    remark(link);
    tooltip.show(link);
  }
};
export const onMouseout = (e) => {
  const link = linkFromEvent(e, isChecked);
  if (link && !link.contains(e.relatedTarget)) tooltip.scheduleHide();
};
/**
 * Focus explains a link only when it is keyboard focus (the browser's own :focus-visible
 * judgement). A link clicked with the mouse keeps the focus, and gets it back when our dialog
 * closes or the window is focused again; a tooltip shown for that focus would stay over the
 * mail after the pointer has left, since only the pointer's own tooltips follow the pointer.
 */
function isKeyboardFocus(link) {
  try {
    return link.matches(':focus-visible');
  } catch {
    return true; // no :focus-visible (older browsers): every focus explains
  }
}

export const onFocusin = (e) => {
  if (!active) return;
  const link = linkFromEvent(e, isChecked);
  if (!link || !isKeyboardFocus(link)) return;
  if (link !== tooltip.anchor) check(link, { full: true });
  if (linkState.has(link)) {
    remark(link);
    tooltip.show(link);
  }
};
export const onFocusout = (e) => {
  if (linkFromEvent(e, isChecked)) tooltip.scheduleHide();
};
export const onScrollOrResize = () => { if (tooltip.anchor) tooltip.position(); };
