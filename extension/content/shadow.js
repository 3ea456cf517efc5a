// @ts-check
// Shadow-DOM hosts the page can't restyle: inline `all: initial` with !important, an open
// shadow root (tests read it), and the top layer (popover / modal dialog) so no page element
// can be stacked above them.
import { explainReason, uiLanguage } from '../shared/i18n.js';
import { splitUrlForDisplay } from '../shared/display.js';
// The one type scale (fonts and sizes), as text: the bundler inlines the file.
import TYPE_CSS from '../shared/type.css';

/**
 * A host element for `tagName` and its open shadow root. The host says the language of what it
 * shows (the extension's, not the page's: a Japanese tooltip in an English Gmail is read out
 * in Japanese).
 * @param {string} tagName
 */
export function makeHost(tagName) {
  const host = document.createElement(tagName);
  host.setAttribute('lang', uiLanguage());
  const s = host.style;
  for (const [prop, value] of [
    ['all', 'initial'], ['display', 'block'], ['position', 'fixed'], ['top', '0'], ['left', '0'],
    ['width', '0'], ['height', '0'], ['overflow', 'visible'], ['z-index', '2147483647'],
    ['visibility', 'visible'], ['opacity', '1'], ['pointer-events', 'none'], ['contain', 'none'],
  ]) s.setProperty(prop, value, 'important');
  // Text spacing stays the reader's to change (WCAG 1.4.12: a user style sheet widening letters,
  // words or lines): not forced here; the panels inside set their own, out of the page's reach.
  for (const prop of ['letter-spacing', 'word-spacing', 'line-height']) s.setProperty(prop, 'normal');
  const root = host.attachShadow({ mode: 'open' });
  return { host, root };
}

export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v == null || v === false) continue;
    node.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) {
    if (c == null) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

export function urlWithDomain(verdict) {
  const parts = splitUrlForDisplay(verdict);
  return el('span', { class: 'url', dir: 'ltr' },
    parts.before, parts.domain ? el('mark', {}, parts.domain) : null, parts.after);
}

export function reasonList(verdict) {
  return el('ul', { 'data-role': 'reasons' }, verdict.reasons.map((reason) => {
    const { title, body } = explainReason(reason);
    return el('li', { 'data-code': reason.code, 'data-level': reason.level },
      el('strong', {}, title), el('span', { class: 'body' }, body));
  }));
}

export const SHARED_CSS = TYPE_CSS + `
  :host { all: initial; }
  * { box-sizing: border-box; }
  /* A dialog taller than its frame (a mail's iframe is often short) scrolls: its buttons stay
     reachable. (:host outranks the dialog's own rules.) */
  :host dialog { max-height: calc(100vh - 16px); overflow: auto; }
  .panel {
    font-family: var(--lg-font); font-size: var(--lg-size-body); line-height: 1.5;
    letter-spacing: normal; word-spacing: normal;
    color: #1f1f1f; background: #fff; border: 1px solid #c7c7c7; border-radius: 10px;
    box-shadow: 0 6px 24px rgba(0,0,0,.22); text-align: start;
    --danger: #b3261e; --danger-bg: #fce8e6; --caution: #8a5300; --caution-bg: #fef3e0;
    --safe: #146c2e; --safe-bg: #e6f4ea; --muted: #5f6368; --mark: #fff2a8;
  }
  .level { display: inline-flex; align-items: center; gap: 6px; font-weight: 700;
    border-radius: 999px; padding: 2px 10px; font-size: var(--lg-size-small); }
  .level::before { content: ""; width: 8px; height: 8px; border-radius: 50%; background: currentColor; }
  .level.danger { color: var(--danger); background: var(--danger-bg); }
  .level.caution { color: var(--caution); background: var(--caution-bg); }
  .level.safe { color: var(--safe); background: var(--safe-bg); }
  .label { color: var(--muted); font-size: var(--lg-size-small); margin: 8px 0 2px; }
  .url { font-family: var(--lg-mono); font-size: var(--lg-size-small);
    word-break: break-all; overflow-wrap: anywhere; color: inherit; }
  .url mark { background: var(--mark); color: #000; font-weight: 700; border-radius: 2px; padding: 0 1px; }
  ul[data-role=reasons] { list-style: none; margin: 8px 0 0; padding: 0; display: grid; gap: 6px; }
  ul[data-role=reasons] li { border-inline-start: 3px solid var(--caution); padding-inline-start: 8px; }
  ul[data-role=reasons] li[data-level=danger] { border-color: var(--danger); }
  ul[data-role=reasons] li strong { display: block; }
  .note { color: var(--muted); font-size: var(--lg-size-small); margin-top: 6px; }
  @media (forced-colors: active) {
    dialog button[data-action=back] { forced-color-adjust: none; background: Highlight; color: HighlightText;
      border: 2px solid ButtonText; }
    .level { border: 1px solid CanvasText; }
    .level::before { forced-color-adjust: none; background: CanvasText; }
    .url mark { forced-color-adjust: none; background: Mark; color: MarkText; }
  }
  @media (prefers-color-scheme: dark) {
    .panel { color: #e8eaed; background: #202124; border-color: #5f6368;
      --danger: #f28b82; --danger-bg: #3c1f1e; --caution: #fdd663; --caution-bg: #3a2f12;
      --safe: #81c995; --safe-bg: #1e3325; --muted: #9aa0a6; --mark: #5c4b00; }
    .url mark { color: #fff; }
  }
`;
