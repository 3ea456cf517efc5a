// @ts-check
// The link checker: one link (href + visible text) or a whole raw message, judged by the engine
// with the mail reader of `linkguard scan` (www/engine/linkguard_mail*: the extension's engine and
// the command's mail reading, src/mail/), explained with the extension's own texts.

import { el } from '../assets/dom.js';
import { loadEngine, siteUrl, explainReason, MAIL_ENGINE } from '../assets/engine.js';
import { catalog as catalogOf, t as currentT } from '../assets/i18n.js';
import { levelName, messageText } from '../shared/messages.js';
import { renderMessage } from '../shared/explain.js';
import { renderTargetUrl } from '../shared/display.js';

const lang = window.lgLang;

/**
 * The page's texts in the current language (data/locales/<lang>/messages.json): `t(key, ...values)`,
 * and the catalog they come from.
 */
function texts() {
  const language = lang.get();
  return { catalog: catalogOf(language), language, t: currentT };
}

const $ = (selector) => document.querySelector(selector);
const LEVEL_ORDER = { safe: 0, caution: 1, danger: 2 };
/** The highest of `levels`. @param {Level[]} levels @returns {Level} */
const worstOf = (levels) => levels.reduce((worst, level) => (LEVEL_ORDER[level] > LEVEL_ORDER[worst] ? level : worst), /** @type {Level} */ ('safe'));

// What is on screen, so that a language switch can redraw it.
const state = { mode: 'link', link: null, message: null, readAs: null };

function setStatus(text, kind = '') {
  const status = $('#status');
  status.textContent = text ?? '';
  status.className = `status${kind ? ` ${kind}` : ''}`;
}

// ---- One verdict -------------------------------------------------------------------------------

function fact(label, ...value) {
  return [el('dt', { text: label }), el('dd', {}, ...value)];
}

/**
 * Reasons in words, each with its level.
 * @param {readonly Reason[]} reasons
 * @param {ReturnType<typeof texts>} words
 */
function renderReasons(reasons, { catalog, language }) {
  const list = el('ul', { class: 'reasons' });
  for (const reason of reasons) {
    const { title, body } = explainReason(reason, catalog, language);
    // The reason in words; its code is in the verdict's details, for developers.
    const item = el('li', { class: `reason ${reason.level}`, 'data-code': reason.code },
      el('div', { class: 'reason-title' },
        el('strong', {}, title),
        el('span', { class: `level-badge ${reason.level}`, text: levelName(catalog, reason.level) })));
    for (const sentence of body) item.append(el('p', {}, sentence));
    list.append(item);
  }
  return list;
}

/**
 * The whole explanation of a verdict, in the current language.
 * @param {Verdict} verdict
 * @param {ReturnType<typeof texts>} words
 */
function renderVerdict(verdict, words, { compact = false } = {}) {
  const { catalog, t } = words;
  const codes = verdict.reasons.map((reason) => reason.code);
  const card = el('section', {
    class: `verdict level-${verdict.level}${compact ? ' compact' : ''}`,
    'data-level': verdict.level,
    'data-codes': codes.join(' '),
  });
  if (!compact) {
    card.append(el('div', { class: 'verdict-head' },
      el('span', { class: `level-badge ${verdict.level}`, text: levelName(catalog, verdict.level) }),
      el('h2', { text: t(verdict.allowlisted ? 'check_allowlisted' : `check_headline_${verdict.level}`) })));
  }

  const target = verdict.target ?? /** @type {Target} */ ({});
  const facts = el('dl', { class: 'facts' });
  facts.append(...fact(t('check_target'), target.url ? renderTargetUrl(target) : el('span', { class: 'target-url', text: '—' })));
  if (target.host_unicode && target.host_unicode !== target.host) facts.append(...fact(t('check_unicode'), el('span', { class: 'mono', text: target.host_unicode })));
  if (target.registrable_domain) {
    // A provider's shared ending (github.io, workers.dev...) said in words: the name in front
    // of it is its own site, with its own owner.
    const shared = target.suffix_is_private ? el('span', { class: 'fact-note', text: t('check_shared_domain') }) : null;
    facts.append(...fact(t('check_registrable'), el('strong', { class: 'mono', text: target.registrable_domain }), shared));
  }
  if (target.provider) facts.append(...fact(t('check_provider'), target.provider));
  if (verdict.shown) {
    facts.append(...fact(t('check_claim'),
      el('span', { class: 'mono claim', text: verdict.shown.claim }),
      verdict.shown.registrable_domain ? el('span', { class: 'fact-note' }, `${t('check_registrable')}: `, el('strong', { class: 'mono', text: verdict.shown.registrable_domain })) : null,
      verdict.shown.source === 'title' ? el('span', { class: 'fact-note', text: t('check_claim_from_title') }) : null));
  }
  card.append(facts);

  const reasons = el('div', { class: 'reasons-block' }, el('h3', { text: t('check_reasons') }));
  if (verdict.reasons.length) reasons.append(renderReasons(verdict.reasons, words));
  else reasons.append(el('p', { class: 'no-reasons', text: t('check_no_reasons') }));
  card.append(reasons);

  if (verdict.unwrap_chain?.length) {
    const chain = el('ol', { class: 'unwrap-chain' });
    for (const step of verdict.unwrap_chain) {
      chain.append(el('li', {},
        el('strong', { text: step.wrapper }),
        el('div', { class: 'unwrap-row' }, el('span', { class: 'label', text: t('check_unwrap_from') }), el('span', { class: 'mono url', text: step.from })),
        el('div', { class: 'unwrap-row' }, el('span', { class: 'label', text: t('check_unwrap_to') }), el('span', { class: 'mono url', text: step.to || t('check_unwrap_opaque') }))));
    }
    card.append(el('div', { class: 'unwrap-block' }, el('h3', { text: t('check_unwrap') }), chain));
  }

  card.append(renderDetails(verdict, words, { withOutput: !compact }));
  return card;
}

/**
 * What developers want and others don't need, behind "Details": the reason codes, the shared
 * ending the domain was found under, and (for a single link) the engine's whole output.
 * @param {Verdict} verdict
 * @param {ReturnType<typeof texts>} words
 */
function renderDetails(verdict, { t }, { withOutput }) {
  const facts = el('dl', { class: 'facts' });
  if (verdict.reasons.length) facts.append(...fact(t('check_codes'), el('span', { class: 'mono', text: verdict.reasons.map((r) => r.code).join(', ') })));
  if (verdict.target?.public_suffix) facts.append(...fact(t('check_suffix_label'), el('span', { class: 'mono', text: verdict.target.public_suffix })));
  const details = el('details', { class: 'tech-details' }, el('summary', { text: t('check_details') }), facts);
  if (withOutput) {
    details.append(el('div', { class: 'raw-json' }, el('h4', { text: t('check_json') }),
      el('pre', {}, el('code', { text: JSON.stringify(verdict, null, 2) }))));
  }
  return details;
}

// ---- Link mode ---------------------------------------------------------------------------------

async function checkLink(href, text) {
  const { t } = texts();
  href = href.trim();
  if (!href) {
    setStatus(t('check_need_href'), 'error');
    $('#results').replaceChildren();
    return;
  }
  setStatus(t('check_loading'));
  try {
    const engine = await loadEngine(MAIL_ENGINE);
    // Typed or pasted here: `example.com/login` and full-width forms are read as an address bar
    // reads them (the engine's typedAddress), not as a link relative to this page.
    const verdict = engine.analyze({ href: engine.typedAddress(href), text });
    state.link = { href, text, verdict };
    state.message = null;
    history.replaceState(null, '', `?${new URLSearchParams({ href, text })}`);
    setStatus('');
    await drawLink();
  } catch (error) {
    await showError(error);
  }
}

async function drawLink() {
  $('#results').replaceChildren(renderVerdict(state.link.verdict, texts()));
}

async function showError(error) {
  console.error(error);
  const { t } = texts();
  setStatus(error.code === 'engine-missing' ? t('check_engine_missing') : String(error.message ?? error), 'error');
}

// ---- Message mode ------------------------------------------------------------------------------

const HTML_TAG = /<\s*(html|head|body|div|p|a|table|td|span|br|img|font|center|h[1-6])\b[^>]*>/i;

/**
 * `bytes` (a body without mail headers: HTML or plain text, as someone pasted it from a mail)
 * as the smallest message the mail reader takes: a Content-Type and a blank line before it.
 * Which of the two it is follows what it looks like: a tag of an HTML body makes it HTML.
 * @param {Uint8Array} bytes
 * @returns {{ bytes: Uint8Array, kind: 'html' | 'text' }}
 */
function asBody(bytes) {
  const text = new TextDecoder('utf-8').decode(bytes.subarray(0, 65536));
  const kind = HTML_TAG.test(text) ? 'html' : 'text';
  const head = new TextEncoder().encode(`MIME-Version: 1.0\r\nContent-Type: text/${kind === 'html' ? 'html' : 'plain'}; charset=utf-8\r\n\r\n`);
  const message = new Uint8Array(head.length + bytes.length);
  message.set(head);
  message.set(bytes, head.length);
  return { bytes: message, kind };
}

/**
 * Reads and judges a raw message with the engine (`scanMessage`, what `linkguard scan` does):
 * `source` is pasted text (sent as UTF-8) or a file's bytes. Text with no mail headers at all is
 * read as a message's body (see asBody), and the page says so.
 * @param {string | Uint8Array} source
 */
async function checkMessage(source) {
  const { t, language, catalog } = texts();
  if (!(typeof source === 'string' ? source.trim() : source.length)) {
    setStatus(t('check_need_source'), 'error');
    $('#results').replaceChildren();
    return;
  }
  setStatus(t('check_loading'));
  try {
    const engine = await loadEngine(MAIL_ENGINE);
    const bytes = typeof source === 'string' ? new TextEncoder().encode(source) : source;
    let report = engine.scanMessage(bytes);
    let readAs = null;
    if ('error' in report && report.error.key === 'mail_error_no_headers') {
      const body = asBody(bytes);
      report = engine.scanMessage(body.bytes);
      readAs = body.kind;
    }
    if ('error' in report) {
      // Not a mail message: the engine's reason, in the catalog's words.
      state.message = null;
      $('#results').replaceChildren();
      setStatus(renderMessage(report.error, (key, args) => messageText(catalog, key, args), language), 'error');
      return;
    }
    state.message = report;
    state.readAs = readAs;
    state.link = null;
    setStatus('');
    await drawMessage();
  } catch (error) {
    await showError(error);
  }
}

/** @param {Mailbox} mailbox */
const mailboxText = (mailbox) => (mailbox.name && mailbox.address ? `${mailbox.name} <${mailbox.address}>` : mailbox.name ?? mailbox.address ?? '');

/** @param {MimePart} part */
function describePart(part) {
  return [part.content_type, part.charset, part.encoding].filter(Boolean).join(' · ');
}

/**
 * A body's name for a reader: "Body (HTML)", "Body (plain text)"; the media type itself only
 * for the rare other kinds.
 * @param {MimePart} part
 * @param {(key: string, ...values: (string | number)[]) => string} t
 */
function partName(part, t) {
  if (part.content_type === 'text/html') return t('check_part_html');
  if (part.content_type === 'text/plain') return t('check_part_text');
  return t('check_part_other', part.content_type);
}

/**
 * The MIME tree of `parts` (listed depth first, each named by its path) from the part at `path`.
 * @param {MimePart[]} parts
 * @param {MimePart} part
 * @param {ReturnType<typeof texts>} words
 * @returns {HTMLElement}
 */
function renderStructure(parts, part, words) {
  const { t, language } = words;
  const item = el('li', { 'data-path': part.path },
    el('span', { class: 'part-path', text: part.path }), ' ',
    el('span', { class: 'part-type', text: describePart(part) }),
    part.filename ? el('span', { class: 'part-file', text: ` “${part.filename}”` }) : null,
    part.attachment ? el('span', { class: 'part-tag', text: t('check_attachment') }) : null,
    el('span', { class: 'part-size', text: t('check_bytes', part.size.toLocaleString(language === 'ja' ? 'ja-JP' : 'en-US')) }));
  const children = parts.filter((p) => p.path.startsWith(`${part.path}.`) && !p.path.slice(part.path.length + 1).includes('.'));
  if (children.length) item.append(el('ul', {}, ...children.map((child) => renderStructure(parts, child, words))));
  return item;
}

/** @param {(key: string, ...values: (string | number)[]) => string} t @param {number} n */
const linkCount = (t, n) => t(n === 1 ? 'check_link_count_one' : 'check_link_count', n);

async function drawMessage() {
  const words = texts();
  const { catalog, t } = words;
  const report = /** @type {MessageReport} */ (state.message);
  const linksWorst = worstOf(report.links.map((link) => link.verdict.level));
  const senderLevel = worstOf(report.sender.reasons.map((reason) => reason.level));
  const worst = report.level;
  const counts = { danger: 0, caution: 0, safe: 0 };
  for (const link of report.links) counts[link.verdict.level] += 1;

  const summary = el('section', { class: 'card message-summary', 'data-level': worst, 'data-link-count': String(report.links.length) });
  if (state.readAs) summary.append(el('p', { class: 'notice read-as', 'data-read-as': state.readAs, text: t(`check_read_as_body_${state.readAs}`) }));
  const headline = worst !== linksWorst ? t(`check_sender_headline_${worst}`)
    : report.links.length ? t(`check_message_headline_${worst}`) : linkCount(t, 0);
  summary.append(el('div', { class: 'verdict-head' },
    el('span', { class: `level-badge ${worst}`, text: levelName(catalog, worst) }),
    el('h2', { text: headline })));
  const counters = el('p', { class: 'counts' }, el('strong', { text: linkCount(t, report.links.length) }));
  for (const level of ['danger', 'caution', 'safe']) {
    if (counts[level]) counters.append(' ', el('span', { class: `count ${level}`, text: `${t(`check_count_${level}`)} ${counts[level]}` }));
  }
  summary.append(counters);
  const headers = el('dl', { class: 'facts' });
  const fields = {
    subject: report.subject,
    from: report.from && mailboxText(report.from),
    to: report.to?.map(mailboxText).join(', '),
    date: report.date,
  };
  for (const [name, value] of Object.entries(fields)) {
    if (value) headers.append(...fact(t(`check_${name}`), value));
  }
  // The brand the message presents itself as (what its links are judged against), the evidence
  // for it and where the brand's own site is.
  const presented = report.claim?.brands ?? [];
  if (presented.length) {
    headers.append(...fact(t('presents_brands'), ...presented.map((claimed) => {
      const brand = words.language === 'ja' ? claimed.brand_ja ?? claimed.brand : claimed.brand;
      return el('span', { class: 'presented-brand', 'data-brand': claimed.brand, 'data-evidence': claimed.evidence },
        t('presents_brand_evidence', brand, t(`presents_evidence_${claimed.evidence.replaceAll('-', '_')}`)),
        el('span', { class: 'fact-note', text: t('claim_official_site', brand, claimed.official_url) }));
    })));
  }
  summary.append(headers);
  if (senderLevel !== 'safe') {
    const codes = report.sender.reasons.map((reason) => reason.code);
    summary.append(el('div', { class: 'sender-check', 'data-level': senderLevel, 'data-codes': codes.join(' ') },
      el('h3', { text: t('check_sender') }),
      renderReasons(report.sender.reasons, words)));
  }
  const root = report.parts[0];
  if (root) {
    summary.append(el('details', { class: 'structure' },
      el('summary', { text: t('check_structure') }),
      el('ul', { class: 'structure-tree' }, renderStructure(report.parts, root, words))));
  }

  const sections = [summary];
  // The parts whose links were read (HTML and text parts, but a plain-text alternative of an
  // HTML part: the reader sees the HTML), each with its links.
  const read = report.parts.filter((part) => part.links_read);
  if (!read.length) sections.push(el('p', { class: 'notice warn', text: t('check_no_text_parts') }));
  for (const part of read) {
    const links = report.links.filter((link) => link.part === part.path);
    const section = el('section', { class: 'card part-links', 'data-path': part.path, 'data-type': part.content_type });
    section.append(el('h3', {},
      el('span', { text: partName(part, t) }), ' ',
      el('span', { class: 'part-count', text: linkCount(t, links.length) })));
    if (!links.length) section.append(el('p', { class: 'fact-note', text: t('check_no_links') }));
    const list = el('ul', { class: 'link-list' });
    for (const link of links) {
      const verdict = link.verdict;
      const codes = verdict.reasons.map((reason) => reason.code);
      const details = el('details', {
        class: 'link-item', 'data-level': verdict.level, 'data-codes': codes.join(' '), 'data-href': link.href,
        open: verdict.level === 'danger' ? true : null,
      });
      const titles = verdict.reasons.map((reason) => explainReason(reason, catalog, words.language).title.textContent);
      details.append(el('summary', {},
        el('span', { class: `level-badge ${verdict.level}`, text: levelName(catalog, verdict.level) }),
        el('span', { class: 'link-main' },
          el('span', { class: 'link-text' }, el('span', { class: 'label', text: t('check_text_shown') }), link.text || '—',
            link.count > 1 ? el('span', { class: 'link-count', text: ` ${t('check_times', link.count)}` }) : null),
          verdict.target?.url ? renderTargetUrl(verdict.target) : el('span', { class: 'target-url', text: link.href }),
          titles.length ? el('span', { class: 'link-reasons', text: titles.join(' / ') }) : null)));
      details.append(renderVerdict(verdict, words, { compact: true }));
      list.append(el('li', {}, details));
    }
    if (links.length) section.append(list);
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
  const fill = async () => {
    const { t } = texts();
    select.replaceChildren(el('option', { value: '', text: t('check_insert_sample') }),
      ...samples.map((sample) => el('option', { value: sample.file, text: lang.pick(sample.label) })));
  };
  await fill();
  lang.onChange(fill);
  try {
    const response = await fetch('samples/samples.json');
    ({ samples } = await response.json());
    await fill();
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
    setStatus((texts()).t('check_file_failed'), 'error');
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
      setStatus((texts()).t('check_sample_failed'), 'error');
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
