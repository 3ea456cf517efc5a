// @ts-check
// A verdict on an extension page (the link report, the warning page).
import { explainReason } from '../shared/i18n.js';
import { splitUrlForDisplay } from '../shared/display.js';

/**
 * Fills an extension page's `dest` with the verdict's destination (its registrable domain
 * marked) and `list` with its reasons, each a title and a sentence. With no verdict yet,
 * `fallbackUrl` is shown as it is.
 * @param {Verdict | null} verdict
 * @param {string} fallbackUrl
 * @param {Element} dest
 * @param {Element} list
 */
export function renderVerdict(verdict, fallbackUrl, dest, list) {
  const parts = verdict ? splitUrlForDisplay(verdict) : { before: fallbackUrl, domain: '', after: '' };
  const mark = document.createElement('mark');
  mark.textContent = parts.domain;
  dest.replaceChildren(parts.before, ...(parts.domain ? [mark] : []), parts.after);
  list.replaceChildren();
  for (const reason of verdict?.reasons ?? []) {
    const { title, body } = explainReason(reason);
    const li = document.createElement('li');
    li.dataset.code = reason.code;
    li.dataset.level = reason.level;
    const strong = document.createElement('strong');
    strong.textContent = title;
    li.append(strong, body);
    list.append(li);
  }
}
