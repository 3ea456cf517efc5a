// @ts-check
// Hanami Mail: a small single-page webmail that behaves like the real ones linkguard protects.
// The inbox is drawn after load, and a message body is inserted only when the message is opened:
// into the page, into an iframe with srcdoc, or into an about:blank iframe written with
// document.write. This page never opens a link itself; without the extension it stops link
// clicks and shows what linkguard would have said.

import { el } from '../assets/dom.js';
import { MESSAGES, MAILBOX_OWNER } from './messages.js';
import { loadEngine, loadMessages, explainReason } from '../assets/engine.js';
import { localize, t } from '../assets/i18n.js';
import { levelName } from '../shared/messages.js';
import { renderTargetUrl } from '../shared/display.js';

const lang = window.lgLang;

const FOLDERS = [
  { id: 'inbox', icon: 'M4 13h4l2 3h4l2-3h4M5 5h14l1 8v6H4v-6z' },
  { id: 'starred', icon: 'M12 4l2.4 5 5.4.6-4 3.7 1.1 5.4L12 16l-4.9 2.7 1.1-5.4-4-3.7 5.4-.6z' },
  { id: 'sent', icon: 'M4 12l16-8-6 16-2.5-6.5z M11.5 13.5L20 4' },
  { id: 'drafts', icon: 'M6 3h9l4 4v14H6z M14 3v5h5' },
  { id: 'spam', icon: 'M12 3l9 16H3z M12 10v4 M12 17v.5' },
  { id: 'trash', icon: 'M5 7h14 M9 7V4h6v3 M7 7l1 13h8l1-13' },
];

const state = {
  folder: 'inbox',
  openId: null,
  query: '',
  read: new Set(),
  cases: new Map(),
  bodies: new Map(), // message id -> {html, snippet}
  extensionSeen: false,
};

const $ = (selector, root = document) => root.querySelector(selector);
const emptyReader = $('#reader-empty');

function svgIcon(path) {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  const p = document.createElementNS(ns, 'path');
  p.setAttribute('d', path);
  svg.append(p);
  return svg;
}

// ---- Message bodies ------------------------------------------------------------------------

/**
 * Fills each `<a data-case>` of a body with its case's href and text, as the mail server would
 * have delivered it, and makes links open in a new tab without a referrer as webmails do.
 * Returns the body as an HTML string (a whole document for iframe bodies).
 */
function prepareBody(message) {
  const parsed = new DOMParser().parseFromString(message.html, 'text/html');
  for (const anchor of /** @type {NodeListOf<HTMLAnchorElement>} */ (parsed.querySelectorAll('a[data-case]'))) {
    const demoCase = state.cases.get(anchor.dataset.case);
    if (!demoCase) {
      console.warn(`message ${message.id}: unknown case ${anchor.dataset.case}`);
      continue;
    }
    anchor.id = `case-${demoCase.id}`;
    anchor.setAttribute('href', demoCase.href);
    if (!anchor.textContent.trim()) anchor.textContent = demoCase.text;
    anchor.setAttribute('rel', 'noopener noreferrer');
    if (message.render === 'inline') anchor.setAttribute('target', '_blank');
  }
  const snippet = snippetOf(parsed.body);
  if (message.render === 'inline') return { html: parsed.body.innerHTML, snippet };
  // Iframe bodies: links open in a new tab, like Proton's and Roundcube's message frames.
  const base = parsed.createElement('base');
  base.setAttribute('target', '_blank');
  parsed.head.prepend(base);
  return { html: `<!doctype html>\n${parsed.documentElement.outerHTML}`, snippet };
}

const BLOCKS = new Set(['p', 'div', 'td', 'th', 'tr', 'li', 'br', 'h1', 'h2', 'h3', 'h4', 'blockquote', 'small', 'table']);

/** The first words of a body for the list, with blocks separated by spaces as they are on screen. */
function snippetOf(root) {
  let text = '';
  const walk = (node) => {
    for (const child of node.childNodes) {
      if (child.nodeType === Node.TEXT_NODE) text += child.data;
      else if (child.nodeType === Node.ELEMENT_NODE && !['style', 'script', 'title'].includes(child.localName)) {
        walk(child);
        if (BLOCKS.has(child.localName)) text += ' ';
      }
    }
  };
  walk(root);
  return text.replace(/\s+/g, ' ').trim().slice(0, 160);
}

function body(message) {
  if (!state.bodies.has(message.id)) state.bodies.set(message.id, prepareBody(message));
  return state.bodies.get(message.id);
}

// ---- Dates ---------------------------------------------------------------------------------

// "Today" for the relative dates; `?today=2026-11-28` pins it (reproducible screenshots).
const TODAY = (() => {
  const pinned = new URLSearchParams(location.search).get('today');
  const date = pinned && /^\d{4}-\d{2}-\d{2}$/.test(pinned) ? new Date(`${pinned}T12:00:00`) : new Date();
  return Number.isNaN(date.getTime()) ? new Date() : date;
})();

function receivedDate(received) {
  const date = new Date(TODAY);
  date.setDate(date.getDate() - received.days);
  const [hours, minutes] = received.time.split(':').map(Number);
  date.setHours(hours, minutes, 0, 0);
  return date;
}

function formatListDate(received) {
  const date = receivedDate(received);
  const locale = lang.get() === 'ja' ? 'ja-JP' : 'en-US';
  if (received.days === 0) return new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit' }).format(date);
  return new Intl.DateTimeFormat(locale, { month: 'short', day: 'numeric' }).format(date);
}

function formatLongDate(received) {
  const locale = lang.get() === 'ja' ? 'ja-JP' : 'en-US';
  return new Intl.DateTimeFormat(locale, {
    year: 'numeric', month: 'short', day: 'numeric', weekday: 'short', hour: 'numeric', minute: '2-digit',
  }).format(receivedDate(received));
}

// ---- Avatars -------------------------------------------------------------------------------

const AVATAR_COLORS = ['#d9485f', '#e8590c', '#2b8a3e', '#1971c2', '#7048e8', '#c2255c', '#0c8599', '#5c940d', '#9c36b5', '#364fc7'];

function avatar(name) {
  let hash = 0;
  for (const ch of name) hash = (hash * 31 + ch.codePointAt(0)) >>> 0;
  const initial = [...name.replace(/^[^\p{L}\p{N}]+/u, '')][0] ?? '?';
  const node = el('span', { class: 'avatar', 'aria-hidden': 'true', text: initial.toUpperCase() });
  node.style.background = AVATAR_COLORS[hash % AVATAR_COLORS.length];
  return node;
}

// ---- Folders and list ------------------------------------------------------------------------

function visibleMessages() {
  if (state.folder !== 'inbox') return [];
  const query = state.query.trim().toLowerCase();
  if (!query) return MESSAGES;
  return MESSAGES.filter((message) =>
    [message.subject, message.from.name, message.from.address, body(message).snippet]
      .some((field) => field.toLowerCase().includes(query)));
}

function isUnread(message) {
  return Boolean(message.unread) && !state.read.has(message.id);
}

function renderFolders() {
  const list = $('#folder-list');
  list.replaceChildren();
  const unread = MESSAGES.filter(isUnread).length;
  for (const folder of FOLDERS) {
    const button = el('button', {
      type: 'button', class: 'folder', 'data-folder': folder.id,
      'aria-current': folder.id === state.folder ? 'page' : null,
    }, svgIcon(folder.icon), el('span', { class: 'folder-name', text: t(`demo_folder_${folder.id}`) }));
    if (folder.id === 'inbox' && unread) button.append(el('span', { class: 'folder-count', text: String(unread) }));
    list.append(el('li', {}, button));
  }
}

function renderList() {
  const messages = visibleMessages();
  $('#list-title').textContent = t(`demo_folder_${state.folder}`);
  const unread = messages.filter(isUnread).length;
  $('#list-count').textContent = state.folder === 'inbox'
    ? (unread ? t('demo_unread_count', unread) : t(messages.length === 1 ? 'demo_total_one' : 'demo_total', messages.length)) : '';
  const list = $('#message-list');
  list.replaceChildren();
  if (!messages.length) {
    list.append(el('li', { class: 'list-empty', text: state.query ? t('demo_no_results') : t('demo_empty_folder') }));
    return;
  }
  for (const message of messages) {
    const row = el('button', {
      type: 'button',
      class: `message-row${isUnread(message) ? ' unread' : ''}`,
      'data-message-id': message.id,
      'aria-current': message.id === state.openId ? 'true' : null,
    },
    avatar(message.from.name),
    el('span', { class: 'row-from', text: message.from.name }),
    el('time', { class: 'row-date', text: formatListDate(message.received) }),
    el('span', { class: 'row-subject', text: message.subject }),
    el('span', { class: 'row-snippet', text: body(message).snippet }));
    list.append(el('li', {}, row));
  }
}

// ---- Reader ----------------------------------------------------------------------------------

function toolbarButton(label, icon, action) {
  return el('button', { type: 'button', class: 'icon-button', title: label, 'aria-label': label, 'data-action': action }, svgIcon(icon));
}

function renderReader() {
  const reader = $('#reader');
  const message = MESSAGES.find((m) => m.id === state.openId);
  if (!message) {
    localize(emptyReader); // in the current language, if it changed while a message was open
    reader.replaceChildren(emptyReader);
    return;
  }
  const article = el('article', { class: 'message', 'data-message-id': message.id, lang: /[\u3040-\u30ff\u4e00-\u9fff]/.test(message.subject) ? 'ja' : 'en' });

  const toolbar = el('div', { class: 'reader-toolbar' },
    el('button', { type: 'button', class: 'icon-button back-button', 'data-action': 'back', 'aria-label': t('demo_back'), title: t('demo_back') }, svgIcon('M15 5l-7 7 7 7')),
    toolbarButton(t('demo_archive'), 'M4 5h16v4H4z M5 9v10h14V9 M10 13h4', 'demo'),
    toolbarButton(t('demo_report_spam'), 'M12 3l9 16H3z M12 10v4 M12 17v.5', 'demo'),
    toolbarButton(t('demo_delete'), 'M5 7h14 M9 7V4h6v3 M7 7l1 13h8l1-13', 'demo'),
    el('span', { class: 'toolbar-gap' }),
    toolbarButton(t('demo_mark_unread'), 'M4 6h16v12H4z M4 7l8 6 8-6', 'unread'));

  // The subject, the sender and an inline body carry Gmail's class names beside the demo's own
  // (h2.hP, span.gD[email][name], div.a3s inside div.adn): on mail.google.com, where the e2e
  // tests serve the demo, the extension reads the message a link is in from that markup, as it
  // does in Gmail, and judges the link against the brand the mail claims to be.
  const header = el('header', { class: 'message-header' },
    el('h2', { class: 'message-subject hP', text: message.subject }),
    el('div', { class: 'sender' },
      avatar(message.from.name),
      el('div', { class: 'sender-lines' },
        el('div', {},
          el('span', { class: 'sender-name gD', email: message.from.address, name: message.from.name, text: message.from.name }), ' ',
          el('span', { class: 'sender-address', text: `<${message.from.address}>` })),
        el('div', { class: 'recipient', text: t('demo_to_me', MAILBOX_OWNER.address) })),
      el('time', { class: 'message-date', text: formatLongDate(message.received) })));

  const hint = el('aside', { class: 'demo-hint' },
    svgIcon('M12 3a6 6 0 0 0-3.5 10.9V17h7v-3.1A6 6 0 0 0 12 3z M9.5 20h5'),
    el('div', {}, el('strong', { text: t('demo_hint') }), el('p', { text: lang.pick(message.hint) })));

  const { html } = body(message);
  let content;
  if (message.render === 'inline') {
    content = el('div', { class: 'message-body a3s', 'data-render': 'inline' });
    content.innerHTML = html; // the mail's own HTML, inserted after load like a webmail does
  } else {
    content = el('div', { class: 'message-frame-wrap', 'data-render': message.render });
  }

  const actions = el('div', { class: 'reply-bar' },
    el('button', { type: 'button', class: 'button secondary small', 'data-action': 'demo' }, svgIcon('M10 8L4 13l6 5 M4 13h10a6 6 0 0 1 6 6'), t('demo_reply')),
    el('button', { type: 'button', class: 'button secondary small', 'data-action': 'demo' }, svgIcon('M14 8l6 5-6 5 M20 13H10a6 6 0 0 0-6 6'), t('demo_forward')));

  article.append(toolbar, el('div', { class: 'adn' }, header, hint, content, actions));
  reader.replaceChildren(article);

  // Inline bodies are covered by the watcher on the page's own document.
  if (message.render !== 'inline') {
    const frame = el('iframe', { class: 'message-frame', title: t('demo_frame_title'), 'data-message-frame': message.render });
    if (message.render === 'srcdoc') {
      // Proton-style: a sandboxed frame without scripts that may open links in new tabs.
      frame.setAttribute('sandbox', 'allow-same-origin allow-popups allow-popups-to-escape-sandbox');
      frame.addEventListener('load', () => frameReady(frame), { once: true });
      frame.srcdoc = html;
      content.append(frame);
    } else {
      // Roundcube/older-webmail style: an about:blank frame the page writes the body into.
      content.append(frame);
      const doc = frame.contentDocument;
      doc.open();
      doc.write(html);
      doc.close();
      frameReady(frame);
    }
  }
}

function frameReady(frame) {
  const doc = frame.contentDocument;
  if (!doc) return;
  watchDocument(doc);
  const fit = () => {
    if (!doc.body) return;
    const style = frame.contentWindow.getComputedStyle(doc.body);
    const height = doc.body.offsetHeight + parseFloat(style.marginTop) + parseFloat(style.marginBottom);
    frame.style.height = `${Math.ceil(height) + 2}px`;
  };
  fit();
  if (frame.contentWindow?.ResizeObserver && doc.body) new frame.contentWindow.ResizeObserver(fit).observe(doc.body);
}

// ---- The extension, and the page's own guard when it is absent -------------------------------

const MARKER = 'data-linkguard-level';

function setExtensionSeen() {
  if (state.extensionSeen) return;
  state.extensionSeen = true;
  renderExtensionStatus();
}

function renderExtensionStatus() {
  const status = $('#ext-status');
  status.dataset.state = state.extensionSeen ? 'active' : 'unknown';
  status.textContent = state.extensionSeen ? t('demo_ext_active') : t('demo_ext_unknown');
  status.title = state.extensionSeen ? t('demo_ext_active_title') : t('demo_ext_unknown_title');
}

/** Notices the extension's markers and stops link clicks that the extension did not see. */
function watchDocument(doc) {
  if (doc.linkguardDemoWatched) return;
  doc.linkguardDemoWatched = true;
  if (doc.querySelector(`[${MARKER}]`)) setExtensionSeen();
  const observer = new MutationObserver((records) => {
    if (records.some((record) => record.type === 'attributes' || /** @type {Element} */ (record.target).querySelector?.(`[${MARKER}]`))) {
      setExtensionSeen();
      observer.disconnect();
    }
  });
  observer.observe(doc.documentElement, { subtree: true, childList: true, attributes: true, attributeFilter: [MARKER] });
  const guard = (event) => {
    if (event.type === 'auxclick' && event.button !== 1) return;
    const anchor = event.target instanceof doc.defaultView.Element ? event.target.closest('a[href]') : null;
    // The extension decides about links it has marked; this guard is only for a browser without it.
    if (!anchor || event.defaultPrevented || anchor.hasAttribute(MARKER)) return;
    event.preventDefault();
    showGuard(anchor);
  };
  doc.addEventListener('click', guard);
  doc.addEventListener('auxclick', guard);
}

/**
 * The message a link is in, as the extension reads it from the page (the markup above): the
 * open message's sender and subject for a link in an inline body; nothing for a link in a
 * framed body, whose document shows no header. tests/data/cases.json gives each demo case the
 * same context, so this guard and the extension say the same.
 * @param {HTMLAnchorElement} anchor
 */
function contextOf(anchor) {
  const message = MESSAGES.find((m) => m.id === state.openId);
  if (!message || message.render !== 'inline' || anchor.ownerDocument !== document) return undefined;
  return { sender_name: message.from.name, sender_address: message.from.address, subject: message.subject };
}

async function showGuard(anchor) {
  closeGuard();
  const href = anchor.getAttribute('href');
  const text = anchor.textContent.replace(/\s+/g, ' ').trim();
  const panel = el('div', { class: 'guard-panel', role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': 'guard-title' });
  const backdrop = el('div', { class: 'guard-backdrop', id: 'guard' }, panel);
  panel.append(
    el('h2', { id: 'guard-title', text: t('demo_guard_title') }),
    el('p', { class: 'guard-lead', text: t('demo_guard_lead') }));
  const result = el('div', { class: 'guard-result', 'aria-busy': 'true' });
  panel.append(result);
  const checkUrl = `../check/?${new URLSearchParams({ href, text })}`;
  const close = el('button', { type: 'button', class: 'button primary', text: t('link_close'), 'data-action': 'close-guard' });
  panel.append(el('div', { class: 'guard-actions' },
    el('div', { class: 'guard-links' },
      el('a', { href: checkUrl, text: t('demo_guard_check') }),
      el('a', { href: '../#install', text: t('demo_guard_install') })),
    close));
  backdrop.addEventListener('click', (event) => {
    if (event.target === backdrop || event.target.closest('[data-action="close-guard"]')) closeGuard();
  });
  document.body.append(backdrop);
  close.focus();

  try {
    const language = lang.get();
    const [engine, catalog] = await Promise.all([loadEngine(), loadMessages(language)]);
    const verdict = engine.analyze({ href: anchor.href || href, text, title: anchor.title || undefined }, contextOf(anchor));
    result.append(
      el('div', { class: 'guard-level' },
        el('span', { class: `level-badge ${verdict.level}`, text: levelName(catalog, verdict.level) })),
      el('div', { class: 'guard-target' },
        el('span', { class: 'label', text: t('tooltip_goes_to') }),
        verdict.target.url ? renderTargetUrl(verdict.target) : el('code', { text: href })));
    if (!verdict.reasons.length) result.append(el('p', { text: t('demo_guard_safe') }));
    const list = el('ul', { class: 'guard-reasons' });
    for (const reason of verdict.reasons) {
      const { title, body } = explainReason(reason, catalog, language);
      const item = el('li', { class: `reason ${reason.level}`, 'data-code': reason.code }, el('strong', {}, title));
      for (const sentence of body) item.append(el('p', {}, sentence));
      list.append(item);
    }
    if (verdict.reasons.length) result.append(list);
  } catch (error) {
    result.append(el('p', { text: t('demo_guard_engine_missing') }), el('code', { text: href }));
    console.warn(error);
  } finally {
    result.removeAttribute('aria-busy');
  }
}

function closeGuard() {
  document.getElementById('guard')?.remove();
}

// ---- Navigation --------------------------------------------------------------------------------

function route() {
  const [folder, id] = decodeURIComponent(location.hash.replace(/^#\/?/, '')).split('/');
  state.folder = FOLDERS.some((f) => f.id === folder) ? folder : 'inbox';
  state.openId = MESSAGES.some((m) => m.id === id) && state.folder === 'inbox' ? id : null;
  if (state.openId) state.read.add(state.openId);
  $('#app').dataset.view = state.openId ? 'message' : 'list';
  document.body.classList.remove('drawer-open');
  $('#menu-button').setAttribute('aria-expanded', 'false');
  renderFolders();
  renderList();
  renderReader();
  if (state.openId) $('#reader').focus({ preventScroll: true });
}

let toastTimer = 0;
function toast(text) {
  const node = $('#toast');
  node.textContent = text;
  node.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => { node.hidden = true; }, 2600);
}

function renderChrome() {
  $('#search').placeholder = t('demo_search');
  $('#search').setAttribute('aria-label', t('demo_search'));
  document.title = t('demo_title', t(`demo_folder_${state.folder}`));
  renderExtensionStatus();
}

async function start() {
  const response = await fetch('cases.json');
  const { cases } = await response.json();
  for (const demoCase of cases) state.cases.set(demoCase.id, demoCase);

  document.addEventListener('click', (event) => {
    const target = /** @type {Element} */ (event.target);
    const row = /** @type {HTMLElement | null} */ (target.closest('[data-message-id].message-row'));
    if (row) {
      location.hash = `inbox/${row.dataset.messageId}`;
      return;
    }
    const folder = /** @type {HTMLElement | null} */ (target.closest('[data-folder]'));
    if (folder) {
      location.hash = folder.dataset.folder;
      return;
    }
    const action = /** @type {HTMLElement | null} */ (target.closest('[data-action]'))?.dataset.action;
    if (action === 'back') location.hash = state.folder;
    else if (action === 'unread') {
      state.read.delete(state.openId);
      location.hash = state.folder;
    } else if (action === 'demo') toast(t('demo_only'));
  });
  $('#compose').addEventListener('click', () => toast(t('demo_only')));
  $('#menu-button').addEventListener('click', () => {
    const open = document.body.classList.toggle('drawer-open');
    $('#menu-button').setAttribute('aria-expanded', String(open));
  });
  $('#search').addEventListener('input', (event) => {
    state.query = event.target.value;
    renderList();
  });
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') closeGuard();
  });
  window.addEventListener('hashchange', route);
  lang.onChange(() => {
    renderChrome();
    renderFolders();
    renderList();
    // Re-rendering the reader would re-insert the body; only its texts in the UI language change.
    const hint = $('.demo-hint p');
    const message = MESSAGES.find((m) => m.id === state.openId);
    if (hint && message) hint.textContent = lang.pick(message.hint);
    const strong = $('.demo-hint strong');
    if (strong) strong.textContent = t('demo_hint');
    const date = $('.message-date');
    if (date && message) date.textContent = formatLongDate(message.received);
    const recipient = $('.recipient');
    if (recipient) recipient.textContent = t('demo_to_me', MAILBOX_OWNER.address);
  });
  watchDocument(document);
  renderChrome();
  route();
}

start();
