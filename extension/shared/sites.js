// @ts-check
// Sites as the per-site settings and the permissions name them.

/**
 * Origin key for per-site settings ("https://mail.google.com").
 * @param {string} url
 */
export function siteKey(url) {
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
 * @param {string} origin
 */
export function originPattern(origin) {
  try {
    const u = new URL(origin);
    return `${u.protocol}//${u.hostname}/*`;
  } catch {
    return null;
  }
}
