// Shared by the background, the content script and the extension pages (loaded as a classic
// script everywhere: content scripts and Chrome's service worker cannot use ES modules the same
// way). Defines `globalThis.linkguardCommon` once, so a second injection is harmless.
'use strict';

globalThis.linkguardCommon ??= (() => {
  /** The WebExtension namespace: Firefox's promise-based `browser`, else Chrome's `chrome`. */
  const api = globalThis.browser ?? globalThis.chrome;

  /** Reason codes the engine knows (src/verdict.rs `ReasonCode::ALL`, same order). */
  const REASON_CODES = [
    'text-mismatch', 'dynamic-dns', 'free-hosting', 'ip-host', 'userinfo', 'homograph',
    'script-url', 'shortener', 'wrapped', 'tracking-redirect', 'invalid-url', 'brand-in-host',
    'domain-in-host', 'lookalike-domain', 'brand-name-in-host', 'mailto-brand-mismatch',
  ];

  /** Keys in chrome.storage.local and their defaults. */
  const SETTINGS_DEFAULTS = {
    /** Registrable domains the user trusts. */
    allowlist: [],
    /** Reason codes switched off. */
    disabledChecks: [],
    /** Origins (https://host) where the user switched linkguard off. */
    sitesOff: [],
    /** Origins the user asked to protect besides the built-in webmail hosts. */
    sitesOn: [],
  };

  async function loadSettings() {
    const stored = await api.storage.local.get(Object.keys(SETTINGS_DEFAULTS));
    const settings = {};
    for (const [key, fallback] of Object.entries(SETTINGS_DEFAULTS)) {
      settings[key] = Array.isArray(stored[key]) ? stored[key] : fallback;
    }
    return settings;
  }

  /** The engine's options from the settings; unknown codes are dropped (serde would reject them). */
  function engineOptions(settings) {
    return {
      allowlist: settings.allowlist.filter((d) => typeof d === 'string' && d !== ''),
      disabled: settings.disabledChecks.filter((c) => REASON_CODES.includes(c)),
    };
  }

  const msg = (key, subs) => api.i18n.getMessage(key, subs) || key;

  const LOOKALIKE_KEYS = {
    'same-label-other-suffix': 'lookalike_same_label_other_suffix',
    'edit-distance': 'lookalike_edit_distance',
    swapped: 'lookalike_swapped',
    'embedded-brand': 'lookalike_embedded_brand',
  };

  /**
   * The title and body of one reason in the user's language, with the verdict's details
   * substituted. Mirrors `explain` in src/i18n.rs so the CLI and the extension say the same.
   */
  function explain(reason, target) {
    const d = reason.details ?? {};
    const key = `reason_${reason.code.replaceAll('-', '_')}`;
    const title = msg(`${key}_title`);
    const site = target.registrable_domain ?? target.host ?? target.url;
    const actual = d.actual ?? site;
    const provider = d.provider ?? target.provider ?? site;
    const claimed = d.claimed ?? '';
    const bodyKey = `${key}_body`;
    let body;
    switch (reason.code) {
      case 'text-mismatch':
        body = msg(bodyKey, [claimed, actual]);
        if (d.lookalike && LOOKALIKE_KEYS[d.lookalike]) {
          body += ` ${msg(LOOKALIKE_KEYS[d.lookalike], [claimed, actual])}`;
        }
        break;
      case 'dynamic-dns':
      case 'free-hosting':
      case 'shortener':
        body = msg(bodyKey, [provider]);
        break;
      case 'ip-host': {
        const ip = d.ip ?? target.host ?? site;
        const isPrivate = d.ip_kind != null && d.ip_kind !== 'public';
        body = isPrivate ? msg('reason_ip_host_private_body', [ip]) : msg(bodyKey, [ip]);
        if (d.obscured) body += ` ${msg('reason_ip_host_obscured')}`;
        break;
      }
      case 'userinfo':
        body = msg(bodyKey, [d.user ?? '', d.actual ?? target.host ?? site]);
        break;
      case 'homograph':
        if (d.homograph_kind === 'bidi' || d.homograph_kind === 'zero-width') {
          body = msg('reason_homograph_hidden_body');
        } else {
          const unicode = d.unicode ?? target.host_unicode ?? target.host ?? site;
          body = msg(bodyKey, [unicode, d.punycode ?? target.host ?? site]);
        }
        break;
      case 'script-url':
        body = msg(bodyKey, [d.scheme ?? target.scheme]);
        break;
      case 'wrapped': {
        const wrapper = d.wrapper ?? d.provider ?? provider;
        body = d.opaque ? msg('reason_wrapped_opaque_body', [wrapper]) : msg(bodyKey, [wrapper]);
        break;
      }
      case 'tracking-redirect':
        body = msg(bodyKey, [claimed, provider]);
        break;
      case 'brand-in-host':
      case 'lookalike-domain':
      case 'brand-name-in-host':
      case 'mailto-brand-mismatch': {
        // The brand as Japanese readers know it (楽天 for Rakuten), where the engine gives one.
        const japanese = msg('@@ui_locale').startsWith('ja');
        const brand = (japanese && d.brand_ja) || d.brand || claimed;
        // A name spelled like the brand's, not the brand's own (amazom.example.cn).
        const key = reason.code === 'brand-name-in-host' && d.lookalike ? 'reason_brand_name_in_host_lookalike_body' : bodyKey;
        body = msg(key, [claimed, brand, actual]);
        break;
      }
      case 'domain-in-host':
        body = msg(bodyKey, [claimed, actual]);
        // The written name is the lookalike, the brand's domain what it imitates.
        if (d.lookalike && LOOKALIKE_KEYS[d.lookalike] && d.brand_domain) {
          body += ` ${msg(LOOKALIKE_KEYS[d.lookalike], [d.brand_domain, claimed])}`;
        }
        break;
      default:
        body = msg(bodyKey);
    }
    return { title, body };
  }

  /**
   * Splits a URL for display so the registrable domain can be highlighted:
   * `{before, domain, after}` where before+domain+after is the URL as shown. Shows the Unicode
   * host only when the engine gave one and no homograph was found (else the punycode is the truth).
   */
  function splitUrlForDisplay(verdict) {
    const t = verdict.target;
    const url = t.url ?? '';
    const reg = t.registrable_domain;
    const host = t.host;
    if (!host || !reg) return { before: url, domain: '', after: '' };
    const hostAt = url.indexOf(host);
    if (hostAt < 0) return { before: url, domain: '', after: '' };
    const regAt = hostAt + host.length - reg.length;
    if (!host.endsWith(reg)) return { before: url, domain: '', after: '' };
    return { before: url.slice(0, regAt), domain: reg, after: url.slice(regAt + reg.length) };
  }

  /**
   * Fills an extension page's `dest` with the verdict's destination (its registrable domain
   * marked) and `list` with its reasons, each a title and a sentence. With no verdict yet,
   * `fallbackUrl` is shown as it is.
   */
  function renderVerdict(verdict, fallbackUrl, dest, list) {
    const parts = verdict ? splitUrlForDisplay(verdict) : { before: fallbackUrl, domain: '', after: '' };
    const mark = document.createElement('mark');
    mark.textContent = parts.domain;
    dest.replaceChildren(parts.before, ...(parts.domain ? [mark] : []), parts.after);
    list.replaceChildren();
    for (const reason of verdict?.reasons ?? []) {
      const { title, body } = explain(reason, verdict.target);
      const li = document.createElement('li');
      li.dataset.code = reason.code;
      li.dataset.level = reason.level;
      const strong = document.createElement('strong');
      strong.textContent = title;
      li.append(strong, body);
      list.append(li);
    }
  }

  /** Link texts longer than this are cut: the engine reads the start of a claim. */
  const TEXT_LIMIT = 500;

  /** Whitespace runs as one space, trimmed, at most TEXT_LIMIT characters. */
  function squeeze(text) {
    const t = text.replace(/\s+/g, ' ').trim();
    return t.length > TEXT_LIMIT ? t.slice(0, TEXT_LIMIT) : t;
  }

  /** A link's text as the reader sees it; for an image link, its images' alt texts. */
  function textOf(el) {
    let text = squeeze(el.textContent ?? '');
    if (!text && el.querySelectorAll) {
      text = squeeze([...el.querySelectorAll('img[alt]')].map((i) => i.alt).join(' '));
    }
    if (!text && el.localName === 'area') text = squeeze(el.getAttribute('alt') ?? '');
    return text;
  }

  /** Origin key for per-site settings ("https://mail.google.com"). */
  function siteKey(url) {
    try {
      const u = new URL(url);
      return u.origin === 'null' ? '' : u.origin;
    } catch {
      return '';
    }
  }

  /**
   * The match pattern for a site ("https://mail.example.com" -> "https://mail.example.com/*").
   * Match patterns can't name a port; without one they match every port of the host.
   */
  function originPattern(origin) {
    try {
      const u = new URL(origin);
      return `${u.protocol}//${u.hostname}/*`;
    } catch {
      return null;
    }
  }

  /** Applies `data-i18n` (text) and `data-i18n-attr="attr:key,..."` to an extension page. */
  function localizePage(root = document) {
    document.documentElement.lang = msg('@@ui_locale').replace('_', '-');
    for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = msg(el.dataset.i18n);
    for (const el of root.querySelectorAll('[data-i18n-attr]')) {
      for (const pair of el.dataset.i18nAttr.split(',')) {
        const [attr, key] = pair.split(':');
        el.setAttribute(attr.trim(), msg(key.trim()));
      }
    }
  }

  return {
    api, REASON_CODES, SETTINGS_DEFAULTS, loadSettings, engineOptions, msg, explain,
    splitUrlForDisplay, renderVerdict, siteKey, originPattern, localizePage, squeeze, textOf,
  };
})();
