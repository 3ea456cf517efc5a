// @ts-check
// Reporting this frame's findings to the popup (through the background).
import { ask } from './channel.js';
import { linkState, flagged } from './state.js';
import { marking } from './scan.js';
import { tooltip } from './tooltip.js';

const REPORT_DELAY_MS = 300;
let reportTimer = 0;
/** When the report is due: REPORT_DELAY_MS after the last change (a page's answers come in bursts). */
let reportDue = 0;
let lastReport = '';

export function scheduleReport() {
  // Called for every link whose mark changed: the timer is set once and moved on when it fires.
  reportDue = performance.now() + REPORT_DELAY_MS;
  if (!reportTimer) reportTimer = setTimeout(reportWhenDue, REPORT_DELAY_MS);
}

function reportWhenDue() {
  const wait = reportDue - performance.now();
  if (wait > 1) {
    reportTimer = setTimeout(reportWhenDue, wait);
    return;
  }
  reportTimer = 0;
  report();
}

/** Numbers for the flagged links the popup lists, so it can ask for one to be shown. */
const revealIds = new WeakMap();
let nextRevealId = 1;
function revealIdOf(el) {
  let id = revealIds.get(el);
  if (!id) {
    id = nextRevealId++;
    revealIds.set(el, id);
  }
  return id;
}

const REVEAL_ATTR = 'data-linkguard-reveal';
const REVEAL_MS = 2500;

/** The popup's "show me": the listed link scrolled into view, pointed out, and explained. */
export function reveal(id) {
  const link = [...flagged].find((el) => revealIds.get(el) === id && el.isConnected);
  if (!link) return false;
  link.scrollIntoView({ block: 'center', inline: 'nearest' });
  marking(() => link.setAttribute(REVEAL_ATTR, ''));
  setTimeout(() => marking(() => link.removeAttribute(REVEAL_ATTR)), REVEAL_MS);
  tooltip.show(link);
  // Long enough to read; then it goes unless the pointer or the focus is on the link.
  setTimeout(() => {
    if (tooltip.anchor === link && !link.matches(':hover, :focus')) tooltip.scheduleHide();
  }, 4 * REVEAL_MS);
  return true;
}

/** Flagged links of each level the popup lists at most (and the badge counts). */
const REPORT_MAX = 100;

function report() {
  const danger = [];
  const caution = [];
  for (const el of flagged) {
    const verdict = linkState.get(el)?.verdict;
    if (!el.isConnected || !verdict) {
      flagged.delete(el);
      continue;
    }
    const list = verdict.level === 'danger' ? danger : caution;
    // Only the listed ones are explained: each title is a few i18n calls.
    if (list.length >= REPORT_MAX) continue;
    list.push({
      id: revealIdOf(el),
      url: verdict.target.url,
      domain: verdict.target.registrable_domain ?? verdict.target.host ?? verdict.target.url,
      codes: verdict.reasons.map((r) => r.code),
      // What is wrong, in a few words, for the popup's list: the messages, rendered by the
      // popup (a getMessage apiece here, and the frame's first one costs ≈ 10 ms).
      titles: verdict.reasons.filter((r) => r.level !== 'safe').map((r) => r.explained.title),
    });
  }
  const body = JSON.stringify([danger, caution]);
  if (body === lastReport) return;
  lastReport = body;
  // On the batches' port: a message of its own would open a channel for it (≈ 5 ms).
  ask({ type: 'status', url: location.href, danger, caution }).catch(() => {});
}
