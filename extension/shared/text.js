// @ts-check
// A link's text as the engine reads it.

/** Link texts longer than this are cut: the engine reads the start of a claim. */
export const TEXT_LIMIT = 500;

/**
 * Whitespace runs as one space, trimmed, at most TEXT_LIMIT characters.
 * @param {string} text
 */
export function squeeze(text) {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > TEXT_LIMIT ? t.slice(0, TEXT_LIMIT) : t;
}

/**
 * A link's text as the reader sees it; for an image link, its images' alt texts.
 * @param {Element} el
 */
export function textOf(el) {
  let text = squeeze(el.textContent ?? '');
  if (!text && el.querySelectorAll) {
    text = squeeze([...el.querySelectorAll('img[alt]')].map((i) => /** @type {HTMLImageElement} */ (i).alt).join(' '));
  }
  if (!text && el.localName === 'area') text = squeeze(el.getAttribute('alt') ?? '');
  return text;
}
