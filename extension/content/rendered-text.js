// @ts-check
// What a person sees of a link's text: the one place that reads it (the scan, the tooltip, the
// click guard and the context menu's report all ask here).
//
// The DOM's text (`textContent`) is not what a person reads: a line break or a block boundary
// separates words the DOM runs together (`<b>Login</b><br>https://…` is "Loginhttps://…" there),
// `display: none`, `visibility: hidden`, zero-size, transparent or clipped parts are in the DOM
// but not on the screen, a style sheet can draw text that is in no node (`::before { content }`),
// bidi overrides show the text in another order than it is written, and a link can be invisible
// itself, over other text. The reading here is what is drawn:
// - visible text nodes, in order, with a space where a line breaks or a block starts or ends;
//   hidden ones left out (and the link flagged `hidden-part`);
// - the `content` of `::before` / `::after` of elements inside the link, where a style sheet of
//   the page gives one (`generated`);
// - where a bidi control, a right-to-left character or direction is present, the characters in
//   the order they are drawn: sorted by their client rects, line by line (`bidi` when that comes
//   from an override, not from plain right-to-left text);
// - for a link whose own text can't be seen (empty, or transparent), the text drawn under it at
//   the point asked about (the click, the pointer) or its center (`transparent`).
// Default-ignorable characters (zero-width characters, bidi controls, variation selectors) are
// drawn as nothing and are removed before the text is cut to its length limit, so a run of them
// can't push a URL out of the text the engine reads.
//
// That costs style and layout reads, so it is done only when a cheap look at the element says
// the drawn text may differ from the DOM's (`mayDiffer`): most links are a single text node of
// plain text, for which the reading is the DOM's text, squeezed. The tooltip and the click
// guard always read the full way (one link, on the user's action).
//
// The engine gets `text` (what is seen), `dom_text` (the DOM's, when they differ in more than
// spacing) and the flags (src/verdict.rs `LinkInput`, `Hiding`); it judges the difference.

/** Link texts longer than this (after invisible characters are removed) are cut. */
export const TEXT_LIMIT = 2000;

const INVISIBLE = /\p{Default_Ignorable_Code_Point}/gu;
const HAS_INVISIBLE = /\p{Default_Ignorable_Code_Point}/u;
// eslint-disable-next-line no-control-regex
const NON_ASCII = /[^\x00-\x7f]/;
const WHITESPACE = /\s+/g;
/**
 * White space that squeezing would change: any but a lone inner space. Most link texts have
 * none, and testing for it is cheaper than the replacing and trimming that would give the same
 * string back (for every link of a page, the 5,000-link bench page's largest string cost).
 */
const SQUEEZABLE = /[^\S ]| {2}|^ | $/;

/**
 * Whitespace runs as one space, invisible characters removed, trimmed, at most TEXT_LIMIT
 * UTF-16 units (not splitting a surrogate pair).
 * @param {string} text
 */
export function squeeze(text, ascii = !NON_ASCII.test(text)) {
  let t = ascii || !HAS_INVISIBLE.test(text) ? text : text.replace(INVISIBLE, '');
  if (SQUEEZABLE.test(t)) t = t.replace(WHITESPACE, ' ').trim();
  if (t.length <= TEXT_LIMIT) return t;
  const cut = /[\uD800-\uDBFF]/.test(t[TEXT_LIMIT - 1]) ? TEXT_LIMIT - 1 : TEXT_LIMIT;
  return t.slice(0, cut);
}

/**
 * Characters whose drawing order may differ from their order in the text: bidi controls and
 * marks, and the right-to-left scripts (Hebrew, Arabic, Syriac, Thaana, N'Ko… and their
 * presentation forms; the supplementary ones by their high surrogates).
 */
const BIDI_CHARS = /[\u0590-\u08FF\u200E\u200F\u202A-\u202E\u2066-\u2069\uFB1D-\uFDFF\uFE70-\uFEFC]|[\uD802\uD803\uD83A\uD83B][\uDC00-\uDFFF]/;
/** Bidi controls that reorder what follows them (embeddings, overrides, isolates). */
const BIDI_OVERRIDES = /[\u202A-\u202E\u2066-\u2069]/;

/**
 * Words of an element's own `style` attribute that may change how a link's plain text is drawn:
 * a bidi override or direction, or what may make it invisible (`font-size` only when it is 0).
 * (A style sheet's class rule can do the same; the tooltip and the click guard read such a link
 * the full way.)
 */
const DRAWN_WORDS = ['direction', 'bidi', 'opacity', 'transparent', 'rgba', 'hsla', 'font-size', 'visibility'];
const DRAWN_DIFFERENTLY = new RegExp(DRAWN_WORDS.map((w) => (w === 'font-size' ? 'font-size\\s*:\\s*0' : w)).join('|'), 'i');
/**
 * Elements that may be drawn differently (drawnDifferentlyItself) and more: a `style` that
 * names any of DRAWN_WORDS (`font-size` with any value). One `closest` call with it finds no
 * such element around most links, where walking up from each link asked each ancestor for its
 * attributes (the parent of each of a page's links is an element of its own, and each DOM call
 * from the content script's world costs).
 */
const MAYBE_DRAWN_DIFFERENTLY = ['bdo', '[dir="rtl" i]', ...DRAWN_WORDS.map((w) => `[style*="${w}" i]`)].join(', ');

/**
 * Does `el`'s own markup say its text may be drawn differently (see DRAWN_DIFFERENTLY)? `names`:
 * its attributes' names, when the caller has them (a link, `a` or `area`: links.js).
 * @param {Element} el @param {string[]} [names]
 */
function drawnDifferentlyItself(el, names) {
  if (names) {
    if (names.includes('dir') && /^rtl$/i.test(el.getAttribute('dir') ?? '')) return true;
    return names.includes('style') && DRAWN_DIFFERENTLY.test(el.getAttribute('style') ?? '');
  }
  // Most elements have no attributes. The others' names are asked once: a mail's blocks carry
  // a `style` and rarely a `dir`, and asking for each (and for `attributes`) was a DOM call
  // apiece for every link's parent.
  if (!el.hasAttributes()) return el.localName === 'bdo';
  return el.localName === 'bdo' || drawnDifferentlyItself(el, el.getAttributeNames());
}

const HTML_NS = 'http://www.w3.org/1999/xhtml';
/** The `hidden` of a plain reading (shared: nothing writes to a reading's list). @type {Hiding[]} */
const NO_HIDING = [];
const SVG_NS = 'http://www.w3.org/2000/svg';

/**
 * @typedef {{ text: string, domText?: string, hidden: Hiding[] }} Reading
 * What is seen (`text`), the DOM's own text when it differs (`domText`), and how (`hidden`).
 */

// ---------------------------------------------------------------------------------------------
// Generated content: which elements a style sheet gives `::before` / `::after` text. Found once
// per set of style sheets (the page's own sheets and the mail's <style> elements; a sheet of
// another origin can't be read, and is the webmail's own), not per link.

/** Selectors of the rules that generate text, for the style sheets they were found in. */
let generating = { count: -1, selectors: /** @type {string[]} */ ([]) };
/** The elements they select now (found again once the document changed). */
let generated = { fresh: false, elements: new WeakSet() };

/** The style sheets changed (a <style> or <link> was added, removed or rewritten): read again. */
export function stylesChanged() {
  generating.count = -1;
  generated.fresh = false;
}

/** Elements were added: the elements the rules select are found again when next asked. */
export function documentChanged() {
  generated.fresh = false;
}

/** @param {CSSRuleList} rules @param {string[]} selectors */
function collectGenerated(rules, selectors) {
  for (const rule of rules) {
    if (rule instanceof CSSStyleRule) {
      const selector = rule.selectorText;
      if (!/:(before|after)\b/i.test(selector)) continue;
      const content = rule.style.getPropertyValue('content').trim();
      if (!content || content === 'none' || content === 'normal' || content === '""' || content === "''") continue;
      for (const part of selector.split(',')) {
        if (!/:(before|after)\b/i.test(part)) continue;
        const base = part.replace(/::?(before|after)\b/gi, '').trim();
        selectors.push(base || '*');
      }
    } else if ('cssRules' in rule && rule.cssRules) {
      collectGenerated(/** @type {CSSRuleList} */ (rule.cssRules), selectors);
    }
  }
}

/** The set of elements that may draw generated text, current for the document's style sheets. */
function generatedElements() {
  const sheets = document.styleSheets;
  if (generating.count !== sheets.length) {
    const selectors = [];
    for (const sheet of sheets) {
      let rules;
      try {
        rules = sheet.cssRules;
      } catch {
        continue; // another origin's sheet: the webmail's own
      }
      collectGenerated(rules, selectors);
    }
    generating = { count: sheets.length, selectors };
    generated.fresh = false;
  }
  if (generated.fresh) return generated.elements;
  const elements = new WeakSet();
  const { selectors } = generating;
  if (selectors.length) {
    let found;
    try {
      found = document.querySelectorAll(selectors.join(','));
    } catch {
      // One selector this browser's querySelectorAll doesn't take: each on its own.
      found = selectors.flatMap((selector) => {
        try {
          return [...document.querySelectorAll(selector)];
        } catch {
          return [];
        }
      });
    }
    for (const el of found) elements.add(el);
  }
  generated = { fresh: true, elements };
  return elements;
}

// ---------------------------------------------------------------------------------------------

/**
 * Is the text drawn for `el` possibly not its DOM text, squeezed? Cheap: no style or layout.
 * @param {Element} el
 * @param {string} dom the DOM's text
 * @param {boolean} ascii whether `dom` is ASCII
 */
function mayDiffer(el, dom, ascii, names) {
  if (el.namespaceURI !== HTML_NS || el.childElementCount > 0) return true;
  if (!ascii && BIDI_CHARS.test(dom)) return true;
  // (The link's own answer is not kept: no other link asks for it.)
  if (el.closest(MAYBE_DRAWN_DIFFERENTLY) &&
    (names ? drawnDifferentlyItself(el, names) || drawnDifferently(el.parentElement) : drawnDifferently(el))) return true;
  const pass = cached();
  pass.generated ??= generatedElements();
  return pass.generated.has(el);
}

/**
 * The text of `el` as a person sees it.
 * @param {Element} el a link, a form's submit button, or any element
 * @param {{ full?: boolean, point?: { x: number, y: number } | null }} [how] `full`: read the drawn
 *   text even when the cheap look says it is the DOM's (the tooltip, the click); `point`: where the
 *   user points (for a link that can't be seen itself)
 * @param {string[]} [names] the attributes' names of `el`, an `a` or `area` element, if known
 * @returns {Reading}
 */
export function readText(el, how = {}, names = undefined) {
  const dom = el.textContent ?? '';
  if (!how.full) {
    const ascii = !NON_ASCII.test(dom);
    if (!mayDiffer(el, dom, ascii, names)) return { text: squeeze(dom, ascii) || altText(el), hidden: NO_HIDING };
  }
  return drawnText(el, dom, how.point ?? null, true, !!how.full);
}

/** An image link's texts: its images' alt texts; an area's own alt. */
function altText(el) {
  let text = '';
  if (el.firstElementChild) {
    text = squeeze([...el.querySelectorAll('img[alt]')].map((i) => /** @type {HTMLImageElement} */ (i).alt).join(' '));
  }
  if (!text && el.localName === 'area') text = squeeze(el.getAttribute('alt') ?? '');
  return text;
}

/** The DOM's own text as the engine compares it (spacing squeezed, images' alt when empty). */
function domTextOf(el, dom) {
  return squeeze(dom) || altText(el);
}

/** @param {string} color a computed color */
function alphaOf(color) {
  if (color === 'transparent') return 0;
  const m = /^rgba?\(([^)]*)\)$/.exec(color) ?? /^color\([^ ]+ ([^)]*)\)$/.exec(color);
  if (!m) return 1;
  const parts = m[1].split(/[\s,/]+/).filter(Boolean);
  return parts.length >= 4 ? parseFloat(parts[3]) : 1;
}

/** @param {string} color a computed color, as [r, g, b] (null when unknown or transparent) */
function rgbOf(color) {
  const m = /^rgba?\(([^)]*)\)$/.exec(color);
  if (!m) return null;
  const parts = m[1].split(/[\s,/]+/).filter(Boolean).map(parseFloat);
  if (parts.length >= 4 && parts[3] < 0.9) return null;
  return parts.slice(0, 3);
}

/**
 * What is known of elements' styles in this task: the links of one pass share ancestors, whose
 * styles can't change until the page's code runs again (a microtask later).
 * @type {{ ancestry: Map<Element, { opacity: number, override: boolean }>, background: Map<Element, number[] | null>,
 *   drawn: Map<Element, boolean>, generated?: WeakSet<Element> } | null}
 */
let styleCache = null;
function cached() {
  if (!styleCache) {
    styleCache = { ancestry: new Map(), background: new Map(), drawn: new Map() };
    queueMicrotask(() => { styleCache = null; });
  }
  return styleCache;
}

/**
 * Does `el` or an ancestor say its text may be drawn differently? (Asked for every link of a
 * pass: the answers for shared ancestors are kept for the pass.)
 * @param {Element | null} el
 * @returns {boolean}
 */
function drawnDifferently(el) {
  if (!el) return false;
  const { drawn } = cached();
  let found = drawn.get(el);
  if (found === undefined) {
    found = drawnDifferentlyItself(el) || drawnDifferently(el.parentElement);
    drawn.set(el, found);
  }
  return found;
}

/**
 * `el`'s opacity times its ancestors', and whether it or an ancestor overrides the bidi order.
 * @param {Element | null} el
 * @returns {{ opacity: number, override: boolean }}
 */
function ancestry(el) {
  if (!el) return { opacity: 1, override: false };
  const { ancestry: known } = cached();
  let found = known.get(el);
  if (!found) {
    const cs = getComputedStyle(el);
    const up = ancestry(el.parentElement);
    found = {
      opacity: up.opacity * parseFloat(cs.opacity),
      override: up.override || /override/.test(cs.unicodeBidi) || el.localName === 'bdo',
    };
    known.set(el, found);
  }
  return found;
}

/**
 * The background a text of `el` is drawn on, as [r, g, b]: the first opaque background color
 * of it or its ancestors; null when an image or a translucent color decides it.
 * @param {Element | null} el
 * @returns {number[] | null}
 */
function backgroundOf(el) {
  if (!el) return [255, 255, 255]; // the canvas
  const { background: known } = cached();
  if (known.has(el)) return known.get(el);
  const cs = getComputedStyle(el);
  let found;
  if (cs.backgroundImage && cs.backgroundImage !== 'none') found = null;
  else found = rgbOf(cs.backgroundColor) ?? (alphaOf(cs.backgroundColor) > 0 ? null : backgroundOf(el.parentElement));
  known.set(el, found);
  return found;
}

/**
 * Is text drawn with style `cs` (of element `el`, at cumulative `opacity`) invisible?
 * @param {Element} el @param {CSSStyleDeclaration} cs @param {number} opacity
 */
function invisibleText(el, cs, opacity) {
  if (cs.visibility !== 'visible' || opacity < 0.05) return true;
  if (parseFloat(cs.fontSize) < 1.5) return true;
  if (el.namespaceURI === SVG_NS) {
    return cs.getPropertyValue('fill') === 'none' || parseFloat(cs.getPropertyValue('fill-opacity')) < 0.05;
  }
  const fill = cs.getPropertyValue('-webkit-text-fill-color');
  if (alphaOf(cs.color) < 0.05 || (fill && alphaOf(fill) < 0.05)) return true;
  // The same color as its background (white on white, the preheader's other trick).
  const fg = rgbOf(fill && alphaOf(fill) >= 0.05 ? fill : cs.color);
  const bg = fg && backgroundOf(el);
  return !!(fg && bg && Math.max(...fg.map((c, i) => Math.abs(c - bg[i]))) < 12);
}

const BLOCK_DISPLAY = /^(block|flex|grid|list-item|table|table-row|table-cell|table-caption|flow-root|table-row-group|table-header-group|table-footer-group)\b/;

/** Does `el` cut its content away (a box of no size that hides what overflows it)? */
function clipsAll(el, cs) {
  if (cs.overflowX === 'visible' && cs.overflowY === 'visible') return false;
  // Overflow and sizes don't apply to an inline box (its client size is always 0).
  if (el.namespaceURI !== HTML_NS || cs.display === 'inline' || cs.display === 'contents') return false;
  const h = /** @type {HTMLElement} */ (el);
  return h.clientWidth < 2 || h.clientHeight < 2;
}

/** The `content` text of `el`'s pseudo-element, or '' (strings and attr() only). */
function pseudoText(el, pseudo) {
  const content = getComputedStyle(el, pseudo).getPropertyValue('content');
  if (!content || content === 'none' || content === 'normal') return '';
  let text = '';
  const re = /"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'|attr\(\s*([^\s)]+)\s*\)/g;
  for (let m; (m = re.exec(content));) {
    if (m[3]) text += el.getAttribute(m[3]) ?? '';
    else text += (m[1] ?? m[2]).replace(/\\([0-9a-f]{1,6})\s?/gi, (_, hex) => String.fromCodePoint(parseInt(hex, 16))).replace(/\\(.)/g, '$1');
  }
  return text;
}

/**
 * The drawn reading of `el` (see the module comment); `borrow`: for an invisible `el`, the
 * text drawn under it (not when reading that text itself); `thorough`: see `generates` below.
 * @param {Element} el @param {string} dom @param {{ x: number, y: number } | null} point
 * @param {boolean} borrow @param {boolean} thorough
 * @returns {Reading}
 */
function drawnText(el, dom, point, borrow, thorough) {
  /** @type {Set<Hiding>} */
  const hidden = new Set();
  /** Pieces of text in DOM order: strings (separators, generated text) and visible text nodes. */
  /** @type {(string | Text)[]} */
  const pieces = [];
  let override = false;
  let rtl = false;
  // Which elements' pseudo-elements to ask: those the page's rules select (found for this pass),
  // or, for the user's own look at one link (`thorough`), every element when some rule
  // generates text at all (a subtree may be newer than the set).
  const elements = generatedElements();
  const generates = (node) => generating.selectors.length > 0 && (thorough || elements.has(node));

  // The link's own opacity, and its ancestors'.
  const above = ancestry(el);
  const opacity = above.opacity;
  if (above.override) override = true;
  const own = getComputedStyle(el);
  if (own.direction === 'rtl') rtl = true;

  /** @param {Element} node @param {number} inherited opacity of the parent */
  const walk = (node, inherited) => {
    const cs = node === el ? own : getComputedStyle(node);
    if (cs.display === 'none') {
      if (node.textContent?.trim()) hidden.add('hidden-part');
      return;
    }
    const alpha = node === el ? opacity : inherited * parseFloat(cs.opacity);
    if (clipsAll(node, cs)) {
      if (node.textContent?.trim()) hidden.add('hidden-part');
      return;
    }
    if (/override/.test(cs.unicodeBidi) || node.localName === 'bdo') override = true;
    if (cs.direction === 'rtl') rtl = true;
    const block = BLOCK_DISPLAY.test(cs.display) || (node.namespaceURI === SVG_NS && node.localName === 'text');
    if (block) pieces.push(' ');
    if (node.localName === 'br') pieces.push(' ');
    const before = generates(node) ? pseudoText(node, '::before') : '';
    if (before && !invisibleText(node, cs, alpha)) {
      pieces.push(before);
      hidden.add('generated');
    }
    let textInvisible = null; // decided once, for this element's own text nodes
    for (let child = node.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === Node.TEXT_NODE) {
        const data = /** @type {Text} */ (child).data;
        if (!data.trim()) {
          if (data) pieces.push(' ');
          continue;
        }
        textInvisible ??= invisibleText(node, cs, alpha);
        if (textInvisible) hidden.add('hidden-part');
        else pieces.push(/** @type {Text} */ (child));
      } else if (child.nodeType === Node.ELEMENT_NODE) {
        walk(/** @type {Element} */ (child), alpha);
      }
    }
    const after = generates(node) ? pseudoText(node, '::after') : '';
    if (after && !invisibleText(node, cs, alpha)) {
      pieces.push(after);
      hidden.add('generated');
    }
    if (block) pieces.push(' ');
  };
  walk(el, opacity);

  const logical = pieces.map((p) => (typeof p === 'string' ? p : p.data)).join('');
  let text = squeeze(logical);
  if (override || rtl || BIDI_CHARS.test(logical)) {
    const visual = squeeze(visualOrder(pieces));
    if (visual !== text) {
      if (override || BIDI_OVERRIDES.test(logical)) hidden.add('bidi');
      text = visual;
    }
  }
  const domText = domTextOf(el, dom);
  if (!text && !dom.trim()) text = altText(el);

  // A link that can't be seen itself: what is drawn under it is what the user sees there.
  if (!text && borrow && el.localName !== 'form') {
    const under = textUnder(el, point);
    if (under) {
      hidden.add('transparent');
      return { text: under, domText, hidden: [...hidden].sort() };
    }
  }
  if (!hidden.size && text === domText) return { text, hidden: [] };
  // Only spacing differs (a line break the DOM doesn't have): the drawn text alone.
  if (!hidden.size && text.replace(/ /g, '') === domText.replace(/ /g, '')) return { text, hidden: [] };
  return { text, domText, hidden: [...hidden].sort() };
}

/**
 * The characters of `pieces`' text nodes in the order they are drawn: by line (their client
 * rects' vertical middles), then left to right. Generated text, which has no node to measure,
 * keeps its place before or after the text around it.
 * @param {(string | Text)[]} pieces
 */
function visualOrder(pieces) {
  /** @type {{ ch: string, x: number, y: number, h: number }[]} */
  const drawn = [];
  const range = document.createRange();
  let budget = 2000; // characters measured at most
  let lastX = 0;
  let lastY = 0;
  let lastH = 0;
  for (const piece of pieces) {
    if (typeof piece === 'string') {
      drawn.push({ ch: piece, x: lastX + 0.01, y: lastY, h: lastH });
      continue;
    }
    const data = piece.data;
    for (let i = 0; i < data.length && budget > 0; budget--) {
      const width = data.codePointAt(i) > 0xffff ? 2 : 1;
      range.setStart(piece, i);
      range.setEnd(piece, i + width);
      const r = range.getBoundingClientRect();
      if (r.width > 0 || r.height > 0) {
        drawn.push({ ch: data.slice(i, i + width), x: r.left + r.width / 2, y: r.top + r.height / 2, h: r.height });
        lastX = r.right;
        lastY = r.top + r.height / 2;
        lastH = r.height;
      }
      i += width;
    }
  }
  range.detach();
  // Lines: characters whose middles are within half a line of the line's first.
  drawn.sort((a, b) => a.y - b.y);
  /** @type {typeof drawn[]} */
  const lines = [];
  for (const c of drawn) {
    const line = lines[lines.length - 1];
    if (line && Math.abs(c.y - line[0].y) < Math.max(2, line[0].h / 2)) line.push(c);
    else lines.push([c]);
  }
  return lines.map((line) => line.sort((a, b) => a.x - b.x).map((c) => c.ch).join('')).join(' ');
}

/**
 * The text drawn under `link` at `point` (or at its middle, when that is in view) by another
 * element: what a person sees where an invisible link is.
 * @param {Element} link @param {{ x: number, y: number } | null} point
 */
function textUnder(link, point) {
  let at = point;
  if (!at || (at.x === 0 && at.y === 0)) {
    const r = link.getBoundingClientRect();
    if (r.width < 1 || r.height < 1) return '';
    at = { x: r.left + r.width / 2, y: r.top + r.height / 2 };
    if (at.x < 0 || at.y < 0 || at.x >= innerWidth || at.y >= innerHeight) return '';
  }
  for (const under of document.elementsFromPoint(at.x, at.y)) {
    if (under === link || link.contains(under) || under.contains(link)) continue;
    const text = drawnText(under, under.textContent ?? '', null, false, false).text;
    if (text) return text;
  }
  return '';
}
