// @ts-check
// A link's destination shown so the part that decides who owns it (the registrable domain)
// stands out, never as a link. `splitUrlForDisplay` serves the extension's tooltip, dialog and
// pages; `renderTargetUrl` and `renderSegments` the www pages.

/** @typedef {import('./messages.js').Segments} Segments */

/**
 * Splits a URL for display so the registrable domain can be highlighted:
 * `{before, domain, after}` where before+domain+after is the URL as the engine wrote it (an IDN
 * host in punycode, the form that can't be faked).
 * @param {Verdict} verdict
 */
export function splitUrlForDisplay(verdict) {
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
 * A segment list as DOM: values in <strong class="value"> (text only, never HTML).
 * @param {Segments | null | undefined} segments
 */
export function renderSegments(segments) {
  const fragment = document.createDocumentFragment();
  for (const segment of segments ?? []) {
    if ('value' in segment) {
      const strong = document.createElement('strong');
      strong.className = 'value';
      strong.textContent = segment.value;
      fragment.append(strong);
    } else {
      fragment.append(segment.text);
    }
  }
  return fragment;
}

/**
 * A host split for display around its registrable domain:
 * `{before: 'checkid.', registrable: 'ddnsking.com'}` — or the whole host when the engine
 * found no registrable domain (IP addresses, single labels).
 * @param {string | undefined} host
 * @param {string | undefined} registrableDomain
 */
export function splitHost(host, registrableDomain) {
  if (!host) return { before: '', registrable: '' };
  if (registrableDomain && host.endsWith(registrableDomain)) {
    const before = host.slice(0, host.length - registrableDomain.length);
    if (before === '' || before.endsWith('.')) return { before, registrable: registrableDomain };
  }
  return { before: '', registrable: host };
}

/**
 * Where `host` starts in `url`: after the scheme and any `user@` (which may repeat the host).
 * @param {string} url
 * @param {string} host
 */
function hostIndex(url, host) {
  if (!host) return -1;
  const authorityStart = url.indexOf('//');
  if (authorityStart < 0) return -1;
  const authorityEnd = url.slice(authorityStart + 2).search(/[/?#]/);
  const authority = authorityEnd < 0 ? url.slice(authorityStart + 2) : url.slice(authorityStart + 2, authorityStart + 2 + authorityEnd);
  const hostStart = authorityStart + 2 + authority.lastIndexOf('@') + 1;
  return url.startsWith(host, hostStart) ? hostStart : -1;
}

/**
 * The target URL as DOM with its registrable domain highlighted. Built from the URL's own parts
 * so what is shown is exactly the URL (never a link: the page must not lead anyone there).
 * @param {Target | undefined} target
 */
export function renderTargetUrl(target) {
  const wrap = document.createElement('span');
  wrap.className = 'target-url';
  const url = target?.url ?? '';
  const host = target?.host ?? '';
  const index = hostIndex(url, host);
  if (index < 0) {
    wrap.textContent = url;
    return wrap;
  }
  const parts = splitHost(host, target.registrable_domain);
  /**
   * @param {string} className
   * @param {string} text
   */
  const add = (className, text) => {
    if (!text) return;
    const span = document.createElement('span');
    span.className = className;
    span.textContent = text;
    wrap.append(span);
  };
  add('url-rest', url.slice(0, index));
  add('url-sub', parts.before);
  add('url-domain', parts.registrable);
  add('url-rest', url.slice(index + host.length));
  return wrap;
}
