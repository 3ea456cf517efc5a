// @ts-check
// "Report this": a report of a flagged link for the user to send or submit. linkguard sends
// nothing itself: it builds a mail to the Council of Anti-Phishing Japan (フィッシング対策協議会,
// whose reporting address this is) as a `mailto:` address, and the address of Google Safe
// Browsing's report page with the link filled in; the user opens them (their mail program, a tab)
// from the link report page. Pure: the texts come from `say` (chrome.i18n in the extension), so
// the report is in the UI language.

/** Where フィッシング対策協議会 takes reports (https://www.antiphishing.jp/registration.html). */
export const ANTIPHISHING_ADDRESS = 'info@antiphishing.jp';
/** Google Safe Browsing's form for reporting a phishing page; `url` fills in the address. */
export const SAFE_BROWSING_REPORT_PAGE = 'https://safebrowsing.google.com/safebrowsing/report_phish/';

/**
 * @typedef {object} ReportedLink
 * @property {string} href The link's address as the mail has it.
 * @property {string} text The link's text (what the reader sees).
 * @property {Verdict} verdict
 */

/** The address reported: where the link really goes when that is a web address, else the href. @param {ReportedLink} link */
export function reportedUrl(link) {
  const target = link.verdict.target.url;
  return /^https?:\/\//i.test(target) ? target : link.href;
}

/**
 * The `mailto:` address of the report to フィッシング対策協議会: subject and body filled in (RFC 6068:
 * percent-encoded UTF-8, lines ended by CRLF).
 * @param {ReportedLink} link
 * @param {(key: string, subs?: string[]) => string} say a message of the catalog, filled in
 * @param {(reason: Reason) => string} reasonTitle a reason's title in words
 */
export function reportMailto(link, say, reasonTitle) {
  const { verdict } = link;
  const domain = verdict.target.registrable_domain ?? verdict.target.host ?? link.href;
  const lines = [say('report_mail_intro'), '', say('report_mail_link', [link.href])];
  if (link.text.trim() && link.text.trim() !== link.href) lines.push(say('report_mail_text', [link.text.trim()]));
  if (verdict.target.url !== link.href) lines.push(say('report_mail_destination', [verdict.target.url]));
  const titles = [...new Set(verdict.reasons.filter((r) => r.level !== 'safe').map(reasonTitle))];
  if (titles.length) lines.push('', say('report_mail_signs'), ...titles.map((t) => `- ${t}`));
  lines.push('', say('report_mail_attach'));
  const subject = encodeURIComponent(say('report_mail_subject', [domain]));
  const body = encodeURIComponent(lines.join('\r\n'));
  return `mailto:${ANTIPHISHING_ADDRESS}?subject=${subject}&body=${body}`;
}

/** Google Safe Browsing's report page for the link. @param {ReportedLink} link */
export function safeBrowsingReportUrl(link) {
  return `${SAFE_BROWSING_REPORT_PAGE}?url=${encodeURIComponent(reportedUrl(link))}`;
}
