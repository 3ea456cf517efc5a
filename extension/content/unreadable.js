// @ts-check
// The verdict for a link the engine could not be asked about (the background gave no answer, or
// not in time): `unreadable`, caution, so its click asks first. It is made here because the
// engine can't be reached; for a link the engine itself fails on, the engine makes it
// (`unreadable` in src/wasm.rs), and tests/e2e/unreadable.test.mjs checks the two are the same.

/**
 * @param {string} href @param {string} why
 * @returns {Verdict}
 */
export function unreadableVerdict(href, why) {
  return {
    level: 'caution',
    reasons: [{
      code: 'unreadable',
      level: 'caution',
      details: { note: why },
      explained: { title: { key: 'reason_unreadable_title', args: [] }, body: [{ key: 'reason_unreadable_body', args: [] }] },
    }],
    target: { url: href.trim(), scheme: '', suffix_is_private: false },
    unwrap_chain: [],
  };
}
