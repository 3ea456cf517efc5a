// @ts-check
// The link checker: one link (href + visible text) or a whole raw message, judged by the same
// wasm engine the extension runs, explained with the extension's own texts.

import { el } from '../assets/dom.js';
import { loadEngine, loadMessages, siteUrl, explainReason } from '../assets/engine.js';
import { levelName } from '../shared/messages.js';
import { renderTargetUrl } from '../shared/display.js';
import { parseMessage, walk } from './mime.js';

const lang = window.lgLang;

const UI = {
  ja: {
    headline: {
      danger: '危険：このリンクは開かないでください',
      caution: '注意：開く前に行き先を確かめてください',
      safe: '問題は見つかりませんでした',
    },
    messageHeadline: {
      danger: '危険：このメールには危険なリンクがあります',
      caution: '注意：開く前に確かめたほうがよいリンクがあります',
      safe: 'リンクに問題は見つかりませんでした',
    },
    allowlisted: '信頼済みのドメインです',
    target: '本当の行き先',
    registrable: '登録ドメイン',
    suffix: 'パブリックサフィックス',
    privateSuffix: 'PSL のプライベート部（サービス事業者のドメイン）',
    unicode: '表示上の文字',
    provider: 'サービス',
    claim: '文面が示すアドレス',
    claimFromTitle: '（title 属性から）',
    reasons: '判定の理由',
    noReasons: 'リンクの文字と行き先は一致しており、危険な仕掛けは見つかりませんでした。',
    unwrap: '書き換えの解除',
    unwrapFrom: '元のアドレス',
    unwrapTo: '中の行き先',
    unwrapOpaque: '（解読できません）',
    json: 'エンジンの出力（JSON）',
    needHref: 'リンクのアドレスを入力してください。',
    needSource: 'メールのソースを貼り付けるか、.eml ファイルを開いてください。',
    engineMissing: 'linkguard のエンジンを読み込めませんでした。make extension でビルドすると www/engine/ に置かれます。',
    loading: '確認しています…',
    messageSummary: (n) => `${n} 件のリンク`,
    noHeaders: 'ヘッダーが見つかりません。本文だけとして読みました。',
    sender: '差出人',
    senderHeadline: { caution: '注意：差出人の名前と、メールアドレスが合いません', danger: '危険：差出人の名前と、メールアドレスが合いません' },
    subject: '件名', from: '差出人', to: '宛先', date: '日付',
    structure: 'MIME 構造',
    part: 'パート',
    links: 'リンク',
    noLinks: 'このパートにリンクはありません。',
    noTextParts: 'テキストのパートが見つかりませんでした。',
    textShown: '表示',
    times: (n) => `×${n}`,
    bytes: (n) => `${n.toLocaleString('ja-JP')} バイト`,
    attachment: '添付',
    sampleFailed: '見本を読み込めませんでした。',
    insertSample: '見本のメールを入れる…',
    fileFailed: 'ファイルを読めませんでした。',
    count: { danger: '危険', caution: '注意', safe: '安全' },
  },
  en: {
    headline: {
      danger: "Danger: don't open this link",
      caution: 'Caution: check where it goes before opening',
      safe: 'No problems found',
    },
    messageHeadline: {
      danger: 'Danger: this message contains a dangerous link',
      caution: 'Caution: some links deserve a second look',
      safe: 'No problem found in its links',
    },
    allowlisted: 'A domain you trust',
    target: 'Real destination',
    registrable: 'Registrable domain',
    suffix: 'Public suffix',
    privateSuffix: "the PSL's private section (a provider's shared domain)",
    unicode: 'As displayed',
    provider: 'Service',
    claim: 'The text claims',
    claimFromTitle: '(from the title attribute)',
    reasons: 'Why',
    noReasons: 'The text and the destination agree, and no trick was found.',
    unwrap: 'Unwrapped',
    unwrapFrom: 'Wrapper address',
    unwrapTo: 'Inside',
    unwrapOpaque: '(cannot be decoded)',
    json: "The engine's output (JSON)",
    needHref: 'Enter the link address.',
    needSource: 'Paste a message source or open an .eml file.',
    engineMissing: 'The linkguard engine could not be loaded. `make extension` builds it into www/engine/.',
    loading: 'Checking…',
    messageSummary: (n) => `${n} ${n === 1 ? 'link' : 'links'}`,
    noHeaders: 'No headers found: read as a body only.',
    sender: 'Sender',
    senderHeadline: { caution: "Caution: the sender's name and address don't match", danger: "Danger: the sender's name and address don't match" },
    subject: 'Subject', from: 'From', to: 'To', date: 'Date',
    structure: 'MIME structure',
    part: 'Part',
    links: 'Links',
    noLinks: 'No links in this part.',
    noTextParts: 'No text parts were found.',
    textShown: 'Text',
    times: (n) => `×${n}`,
    bytes: (n) => `${n.toLocaleString('en-US')} bytes`,
    attachment: 'attachment',
    sampleFailed: 'The sample could not be loaded.',
    insertSample: 'Insert a sample message…',
    fileFailed: 'The file could not be read.',
    count: { danger: 'danger', caution: 'caution', safe: 'safe' },
  },
};

const ui = () => UI[lang.get()];
const $ = (selector) => document.querySelector(selector);
const LEVEL_ORDER = { safe: 0, caution: 1, danger: 2 };

// What is on screen, so that a language switch can redraw it.
const state = { mode: 'link', link: null, message: null };

function setStatus(text, kind = '') {
  const status = $('#status');
  status.textContent = text ?? '';
  status.className = `status${kind ? ` ${kind}` : ''}`;
}

// ---- One verdict -------------------------------------------------------------------------------

function fact(label, ...value) {
  return [el('dt', { text: label }), el('dd', {}, ...value)];
}

/** The whole explanation of a verdict, in the current language. */
function renderVerdict(verdict, catalog, { compact = false } = {}) {
  const texts = ui();
  const codes = verdict.reasons.map((reason) => reason.code);
  const card = el('section', {
    class: `verdict level-${verdict.level}${compact ? ' compact' : ''}`,
    'data-level': verdict.level,
    'data-codes': codes.join(' '),
  });
  if (!compact) {
    card.append(el('div', { class: 'verdict-head' },
      el('span', { class: `level-badge ${verdict.level}`, text: levelName(catalog, verdict.level) }),
      el('h2', { text: verdict.allowlisted ? texts.allowlisted : texts.headline[verdict.level] })));
  }

  const target = verdict.target ?? {};
  const facts = el('dl', { class: 'facts' });
  facts.append(...fact(texts.target, target.url ? renderTargetUrl(target) : el('span', { class: 'target-url', text: '—' })));
  if (target.host_unicode && target.host_unicode !== target.host) facts.append(...fact(texts.unicode, el('span', { class: 'mono', text: target.host_unicode })));
  if (target.registrable_domain) {
    const suffix = target.public_suffix
      ? el('span', { class: 'fact-note' }, `${texts.suffix}: `, el('span', { class: 'mono', text: target.public_suffix }),
        target.suffix_is_private ? ` — ${texts.privateSuffix}` : '')
      : null;
    facts.append(...fact(texts.registrable, el('strong', { class: 'mono', text: target.registrable_domain }), suffix));
  }
  if (target.provider) facts.append(...fact(texts.provider, target.provider));
  if (verdict.shown) {
    facts.append(...fact(texts.claim,
      el('span', { class: 'mono claim', text: verdict.shown.claim }),
      verdict.shown.registrable_domain ? el('span', { class: 'fact-note' }, `${texts.registrable}: `, el('strong', { class: 'mono', text: verdict.shown.registrable_domain })) : null,
      verdict.shown.source === 'title' ? el('span', { class: 'fact-note', text: texts.claimFromTitle }) : null));
  }
  card.append(facts);

  const reasons = el('div', { class: 'reasons-block' }, el('h3', { text: texts.reasons }));
  if (!verdict.reasons.length) reasons.append(el('p', { class: 'no-reasons', text: texts.noReasons }));
  const list = el('ul', { class: 'reasons' });
  for (const reason of verdict.reasons) {
    const { title, body } = explainReason(reason, catalog, lang.get());
    const item = el('li', { class: `reason ${reason.level}`, 'data-code': reason.code },
      el('div', { class: 'reason-title' },
        el('strong', {}, title),
        el('span', { class: `level-badge ${reason.level}`, text: levelName(catalog, reason.level) }),
        el('code', { class: 'reason-code', text: reason.code })));
    for (const sentence of body) item.append(el('p', {}, sentence));
    list.append(item);
  }
  if (verdict.reasons.length) reasons.append(list);
  card.append(reasons);

  if (verdict.unwrap_chain?.length) {
    const chain = el('ol', { class: 'unwrap-chain' });
    for (const step of verdict.unwrap_chain) {
      chain.append(el('li', {},
        el('strong', { text: step.wrapper }),
        el('div', { class: 'unwrap-row' }, el('span', { class: 'label', text: texts.unwrapFrom }), el('span', { class: 'mono url', text: step.from })),
        el('div', { class: 'unwrap-row' }, el('span', { class: 'label', text: texts.unwrapTo }), el('span', { class: 'mono url', text: step.to || texts.unwrapOpaque }))));
    }
    card.append(el('div', { class: 'unwrap-block' }, el('h3', { text: texts.unwrap }), chain));
  }

  if (!compact) {
    card.append(el('details', { class: 'raw-json' },
      el('summary', { text: texts.json }),
      el('pre', {}, el('code', { text: JSON.stringify(verdict, null, 2) }))));
  }
  return card;
}

// ---- Link mode ---------------------------------------------------------------------------------

async function checkLink(href, text) {
  const texts = ui();
  href = href.trim();
  if (!href) {
    setStatus(texts.needHref, 'error');
    $('#results').replaceChildren();
    return;
  }
  setStatus(texts.loading);
  try {
    const engine = await loadEngine();
    // Typed or pasted here: `example.com/login` and full-width forms are read as an address bar
    // reads them (the engine's typedAddress), not as a link relative to this page.
    const verdict = engine.analyze({ href: engine.typedAddress(href), text });
    state.link = { href, text, verdict };
    state.message = null;
    history.replaceState(null, '', `?${new URLSearchParams({ href, text })}`);
    setStatus('');
    await drawLink();
  } catch (error) {
    showError(error);
  }
}

async function drawLink() {
  const catalog = await loadMessages(lang.get());
  $('#results').replaceChildren(renderVerdict(state.link.verdict, catalog));
}

function showError(error) {
  console.error(error);
  setStatus(error.code === 'engine-missing' ? ui().engineMissing : String(error.message ?? error), 'error');
}

// ---- Message mode ------------------------------------------------------------------------------

/** URLs written out in plain text. Stops at characters that can't be in a URL as written. */
const PLAIN_URL = /\b(?:https?|ftp):\/\/[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]+/gi;

function trimPlainUrl(url) {
  let trimmed = url.replace(/[.,;:!?'"]+$/, '');
  // A closing bracket ends the URL unless the URL opened it: "(see https://a.example/x)".
  for (const [open, close] of [['(', ')'], ['[', ']']]) {
    while (trimmed.endsWith(close) && trimmed.split(open).length < trimmed.split(close).length) trimmed = trimmed.slice(0, -1);
  }
  return trimmed;
}

function collapse(text) {
  return String(text ?? '').replace(/\s+/g, ' ').trim();
}

/** The links of one text part: [{href, text, title}]. HTML is parsed inertly (no loads, no scripts). */
function linksOfPart(entity) {
  if (entity.type === 'text/html') {
    const doc = new DOMParser().parseFromString(entity.text, 'text/html');
    const baseHref = doc.querySelector('base[href]')?.getAttribute('href');
    let base;
    try {
      base = baseHref ? new URL(baseHref) : null;
    } catch {
      base = null;
    }
    const links = [];
    for (const anchor of doc.querySelectorAll('a[href], area[href]')) {
      let href = anchor.getAttribute('href').trim();
      if (!href || href.startsWith('#')) continue;
      if (base) {
        try {
          href = new URL(href, base).href;
        } catch {
          // keep it as written: the engine will call it invalid
        }
      }
      let text = anchor.localName === 'area' ? collapse(anchor.getAttribute('alt')) : collapse(anchor.textContent);
      if (!text) text = collapse([...anchor.querySelectorAll('img[alt]')].map((img) => img.getAttribute('alt')).join(' '));
      links.push({ href, text, title: anchor.getAttribute('title') || undefined });
    }
    return links;
  }
  if (entity.type === 'text/plain') {
    return [...entity.text.matchAll(PLAIN_URL)].map((match) => {
      const url = trimPlainUrl(match[0]);
      return { href: url, text: url };
    });
  }
  return [];
}

/** The From header's display name and address ("えきねっとサポートセンター <cbvlh@…>"), when it has both. */
function senderOf(from) {
  const match = /^\s*(.*?)\s*<([^<>\s]+@[^<>\s]+)>\s*$/.exec(from ?? '');
  if (!match) return null;
  const name = match[1].replace(/^"(.*)"$/, '$1').trim();
  return name ? { name, address: match[2] } : null;
}

async function checkMessage(source) {
  const texts = ui();
  if (!(typeof source === 'string' ? source.trim() : source.length)) {
    setStatus(texts.needSource, 'error');
    $('#results').replaceChildren();
    return;
  }
  setStatus(texts.loading);
  try {
    const engine = await loadEngine();
    const parsed = parseMessage(source);
    const parts = [];
    for (const entity of walk(parsed.root)) {
      if (entity.text == null || !['text/html', 'text/plain'].includes(entity.type)) continue;
      // Identical links in one part (a logo and a button to the same place) are listed once.
      const merged = new Map();
      for (const link of linksOfPart(entity)) {
        const key = JSON.stringify([link.href, link.text, link.title ?? null]);
        if (merged.has(key)) merged.get(key).count += 1;
        else merged.set(key, { ...link, count: 1 });
      }
      const links = [...merged.values()];
      const verdicts = links.length ? engine.analyzeBatch(links.map(({ href, text, title }) => ({ href, text, title }))) : [];
      links.forEach((link, index) => { link.verdict = verdicts[index]; });
      parts.push({ entity, links });
    }
    // The sender, judged as the extension judges a sender a webmail shows: a mail link to the
    // address with the display name as its text (mailto-brand-mismatch, like the CLI's check).
    const sender = senderOf(parsed.from);
    if (sender) [sender.verdict] = engine.analyzeBatch([{ href: `mailto:${sender.address}`, text: sender.name }]);
    state.message = { parsed, parts, sender };
    state.link = null;
    setStatus('');
    await drawMessage();
  } catch (error) {
    showError(error);
  }
}

function describePart(entity) {
  const bits = [entity.type];
  if (entity.charset) bits.push(entity.charset);
  if (!entity.type.startsWith('multipart/')) bits.push(entity.encoding);
  return bits.join(' · ');
}

function renderStructure(entity) {
  const texts = ui();
  const item = el('li', { 'data-path': entity.path },
    el('span', { class: 'part-path', text: entity.path }), ' ',
    el('span', { class: 'part-type', text: describePart(entity) }),
    entity.filename ? el('span', { class: 'part-file', text: ` “${entity.filename}”` }) : null,
    entity.disposition === 'attachment' ? el('span', { class: 'part-tag', text: texts.attachment }) : null,
    el('span', { class: 'part-size', text: texts.bytes(entity.size) }));
  if (entity.children.length) item.append(el('ul', {}, ...entity.children.map(renderStructure)));
  return item;
}

async function drawMessage() {
  const texts = ui();
  const catalog = await loadMessages(lang.get());
  const { parsed, parts, sender } = state.message;
  const allLinks = parts.flatMap((part) => part.links);
  const linksWorst = allLinks.reduce((level, link) => (LEVEL_ORDER[link.verdict.level] > LEVEL_ORDER[level] ? link.verdict.level : level), 'safe');
  const senderLevel = sender?.verdict?.level ?? 'safe';
  const worst = LEVEL_ORDER[senderLevel] > LEVEL_ORDER[linksWorst] ? senderLevel : linksWorst;
  const counts = { danger: 0, caution: 0, safe: 0 };
  for (const link of allLinks) counts[link.verdict.level] += 1;

  const summary = el('section', { class: 'card message-summary', 'data-level': worst, 'data-link-count': String(allLinks.length) });
  const head = el('div', { class: 'verdict-head' },
    el('span', { class: `level-badge ${worst}`, text: levelName(catalog, worst) }),
    el('h2', { text: worst !== linksWorst ? texts.senderHeadline[worst] : allLinks.length ? texts.messageHeadline[worst] : texts.messageSummary(0) }));
  summary.append(head);
  const counters = el('p', { class: 'counts' }, el('strong', { text: texts.messageSummary(allLinks.length) }));
  for (const level of ['danger', 'caution', 'safe']) {
    if (counts[level]) counters.append(' ', el('span', { class: `count ${level}`, text: `${texts.count[level]} ${counts[level]}` }));
  }
  summary.append(counters);
  if (!parsed.hasHeaders) summary.append(el('p', { class: 'fact-note', text: texts.noHeaders }));
  const headers = el('dl', { class: 'facts' });
  for (const name of ['subject', 'from', 'to', 'date']) {
    if (parsed[name]) headers.append(...fact(texts[name], parsed[name]));
  }
  summary.append(headers);
  if (senderLevel !== 'safe') {
    const codes = sender.verdict.reasons.map((reason) => reason.code);
    summary.append(el('div', { class: 'sender-check', 'data-level': senderLevel, 'data-codes': codes.join(' ') },
      el('h3', { text: texts.sender }),
      renderVerdict(sender.verdict, catalog, { compact: true })));
  }
  summary.append(el('details', { class: 'structure' },
    el('summary', { text: texts.structure }),
    el('ul', { class: 'structure-tree' }, renderStructure(parsed.root))));

  const sections = [summary];
  if (!parts.length) sections.push(el('p', { class: 'notice warn', text: texts.noTextParts }));
  for (const part of parts) {
    const section = el('section', { class: 'card part-links', 'data-path': part.entity.path, 'data-type': part.entity.type });
    section.append(el('h3', {},
      el('span', { text: `${texts.part} ${part.entity.path}` }), ' ',
      el('span', { class: 'part-type', text: describePart(part.entity) }), ' ',
      el('span', { class: 'part-count', text: texts.messageSummary(part.links.length) })));
    if (!part.links.length) section.append(el('p', { class: 'fact-note', text: texts.noLinks }));
    const list = el('ul', { class: 'link-list' });
    for (const link of part.links) {
      const verdict = link.verdict;
      const codes = verdict.reasons.map((reason) => reason.code);
      const details = el('details', {
        class: 'link-item', 'data-level': verdict.level, 'data-codes': codes.join(' '), 'data-href': link.href,
        open: verdict.level === 'danger' ? true : null,
      });
      const titles = verdict.reasons.map((reason) => explainReason(reason, catalog, lang.get()).title.textContent);
      details.append(el('summary', {},
        el('span', { class: `level-badge ${verdict.level}`, text: levelName(catalog, verdict.level) }),
        el('span', { class: 'link-main' },
          el('span', { class: 'link-text' }, el('span', { class: 'label', text: `${texts.textShown}: ` }), link.text || '—',
            link.count > 1 ? el('span', { class: 'link-count', text: ` ${texts.times(link.count)}` }) : null),
          verdict.target?.url ? renderTargetUrl(verdict.target) : el('span', { class: 'target-url', text: link.href }),
          titles.length ? el('span', { class: 'link-reasons', text: titles.join(' / ') }) : null)));
      details.append(renderVerdict(verdict, catalog, { compact: true }));
      list.append(el('li', {}, details));
    }
    if (part.links.length) section.append(list);
    sections.push(section);
  }
  $('#results').replaceChildren(...sections);
}

// ---- Page wiring ------------------------------------------------------------------------------

function setMode(mode) {
  state.mode = mode;
  for (const tab of /** @type {NodeListOf<HTMLElement>} */ (document.querySelectorAll('[role="tab"]'))) tab.setAttribute('aria-selected', String(tab.dataset.mode === mode));
  $('#panel-link').hidden = mode !== 'link';
  $('#panel-message').hidden = mode !== 'message';
  setStatus('');
  const showing = mode === 'link' ? state.link : state.message;
  if (!showing) $('#results').replaceChildren();
  else if (mode === 'link') drawLink();
  else drawMessage();
}

async function loadExamples() {
  try {
    const response = await fetch(siteUrl('mail/cases.json'));
    const { cases } = await response.json();
    const picks = ['ekinet-founding', 'safelinks-duckdns', 'proofpoint-v3', 'homograph-paypal', 'userinfo-amazon', 'ip-decimal', 'fullwidth-ekinet', 'sendgrid-tracker', 'newsletter-same-site'];
    const box = $('#examples');
    for (const id of picks) {
      const demoCase = cases.find((c) => c.id === id);
      if (!demoCase) continue;
      const button = el('button', { type: 'button', class: 'example', 'data-case': id, title: lang.pick(demoCase.about) });
      button.append(el('span', { text: exampleLabel(demoCase) }));
      button.addEventListener('click', () => {
        $('#href').value = demoCase.href;
        $('#text').value = demoCase.text;
        checkLink(demoCase.href, demoCase.text);
      });
      box.append(button);
    }
    lang.onChange(() => {
      for (const button of box.querySelectorAll('[data-case]')) {
        button.title = lang.pick(cases.find((c) => c.id === button.dataset.case).about);
      }
    });
  } catch (error) {
    console.warn('examples unavailable', error);
  }
}

const EXAMPLE_LABELS = {
  'ekinet-founding': 'Eki-net / ddnsking.com',
  'safelinks-duckdns': 'SafeLinks',
  'proofpoint-v3': 'Proofpoint v3',
  'homograph-paypal': 'pаypal.com',
  'userinfo-amazon': 'amazon.co.jp@…',
  'ip-decimal': 'http://3405803853/',
  'fullwidth-ekinet': 'ｅｋｉ－ｎｅｔ',
  'sendgrid-tracker': 'SendGrid',
  'newsletter-same-site': 'example-shop.jp',
};

function exampleLabel(demoCase) {
  return EXAMPLE_LABELS[demoCase.id] ?? demoCase.id;
}

/** The sample picker: the messages of samples/samples.json, labelled in the current language. */
async function loadSamples() {
  const select = $('#sample-message');
  let samples = [];
  const fill = () => {
    select.replaceChildren(el('option', { value: '', text: ui().insertSample }),
      ...samples.map((sample) => el('option', { value: sample.file, text: lang.pick(sample.label) })));
  };
  fill();
  lang.onChange(fill);
  try {
    const response = await fetch('samples/samples.json');
    ({ samples } = await response.json());
    fill();
  } catch (error) {
    console.warn('samples unavailable', error);
  }
}

async function readFile(file) {
  try {
    const bytes = new Uint8Array(await file.arrayBuffer());
    // Show the source too (as UTF-8, for reading), but check the original bytes.
    $('#source').value = new TextDecoder('utf-8').decode(bytes.subarray(0, 2_000_000));
    await checkMessage(bytes);
  } catch (error) {
    setStatus(ui().fileFailed, 'error');
    console.error(error);
  }
}

function start() {
  for (const tab of /** @type {NodeListOf<HTMLElement>} */ (document.querySelectorAll('[role="tab"]'))) tab.addEventListener('click', () => setMode(tab.dataset.mode));
  $('#link-form').addEventListener('submit', (event) => {
    event.preventDefault();
    checkLink($('#href').value, $('#text').value);
  });
  $('#message-form').addEventListener('submit', (event) => {
    event.preventDefault();
    checkMessage($('#source').value);
  });
  $('#file').addEventListener('change', (event) => {
    const [file] = event.target.files;
    if (file) readFile(file);
  });
  $('#sample-message').addEventListener('change', async (event) => {
    const file = event.target.value;
    event.target.value = '';
    if (!file) return;
    try {
      const response = await fetch(`samples/${encodeURIComponent(file)}`);
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const bytes = new Uint8Array(await response.arrayBuffer());
      $('#source').value = new TextDecoder('utf-8').decode(bytes);
      await checkMessage(bytes);
    } catch (error) {
      setStatus(ui().sampleFailed, 'error');
      console.error(error);
    }
  });
  loadSamples();
  const panel = $('#panel-message');
  panel.addEventListener('dragover', (event) => {
    event.preventDefault();
    panel.classList.add('dragging');
  });
  panel.addEventListener('dragleave', () => panel.classList.remove('dragging'));
  panel.addEventListener('drop', (event) => {
    event.preventDefault();
    panel.classList.remove('dragging');
    const [file] = event.dataTransfer.files;
    if (file) readFile(file);
  });
  lang.onChange(() => {
    if (state.mode === 'link' && state.link) drawLink();
    if (state.mode === 'message' && state.message) drawMessage();
  });
  loadExamples();

  const params = new URLSearchParams(location.search);
  if (params.get('mode') === 'message') setMode('message');
  if (params.has('href')) {
    $('#href').value = params.get('href');
    $('#text').value = params.get('text') ?? '';
    checkLink(params.get('href'), params.get('text') ?? '');
  }
}

start();
