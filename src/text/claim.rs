//! What the visible text of a link claims: a URL or a bare domain, found after NFKC
//! normalization (full-width forms), with scheme, `www.`, brackets and punctuation tolerated.
//!
//! A claim is what a reader takes for "the address this link goes to". The rules, from the
//! strongest form to the weakest:
//! - `http://` / `https://` URLs and `www.` names are claims wherever they stand in the text
//!   ("ログイン: https://www.eki-net.com/", "Visit www.eki-net.com now"), a scheme even glued to
//!   the word before it ("Loginhttps://…", where a line break was drawn between the two).
//! - A bare name (`eki-net.com`) is a claim when it is the whole text (brackets, quotes and
//!   trailing punctuation aside), when a path follows it (`ledger.com/support`), or when it is
//!   written in lower case inside a short text ("詳しくはeki-net.comへ"). A capitalised name
//!   inside a sentence is a company name more often than an address: newsletters link headlines
//!   like "McAfee.com sour on sweetened bid" or "CNET News.com: Top CIOs" to their own click
//!   tracker, and reading those as claims would raise false alarms.
//! - The name must end in a public suffix listed in the PSL (`suffix_is_known`), so file names
//!   (`invoice.pdf`), versions (`v1.2.3`) and abbreviations (`Mr.Smith`) claim nothing.
//!   E-mail addresses (`support@eki-net.com`) are not web addresses and claim nothing either.
//!
//! What is read is what a person sees: NFKC, then every default-ignorable character (zero-width
//! characters, bidi controls, variation selectors) removed before any length counts. When that
//! reading claims nothing, a second one folds what stands among ASCII letters into the ASCII it
//! is drawn like (a Cyrillic `о` in `.cоm`, a combining accent on the `m` of `com`), and a claim
//! it finds counts if its host is all ASCII ([`fold`]).
//!
//! Speed: this runs for every link. Plain ASCII text without a dot returns before any work, and
//! nothing is allocated until a candidate name has been found.

use std::borrow::Cow;

use icu_normalizer::ComposingNormalizerBorrowed;

use crate::host::ace::{has_ace_label, is_ace_label};
use crate::host::domain::{normalize_host, DomainParts, Domains};
use crate::text::skeleton::{ascii_lookalike, is_default_ignorable};
use icu_normalizer::properties::CanonicalCombiningClassMapBorrowed;
use icu_normalizer::DecomposingNormalizerBorrowed;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claim {
    /// The claimed URL or domain as found in the text (after NFKC).
    pub claim: String,
    /// ASCII (punycode) host that the claim names.
    pub host: String,
    /// The PSL parts of `host`, looked up while judging the claim: kept so that the engine
    /// doesn't walk the PSL for the same host again.
    parts: PartsAt,
}

impl Claim {
    /// Where the PSL parts of [`Claim::host`] are in it ([`PartsAt::within`] gives them back).
    pub(crate) fn parts_at(&self) -> PartsAt {
        self.parts
    }
}

/// [`DomainParts`] as byte ranges of the host they were found for, so that they can be kept
/// with an owned host.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct PartsAt {
    registrable: Option<(usize, usize)>,
    suffix: Option<(usize, usize)>,
    suffix_is_private: bool,
    suffix_is_known: bool,
}

impl PartsAt {
    /// `parts` of `host` (they borrow from it) as ranges.
    fn of(host: &str, parts: &DomainParts<'_>) -> PartsAt {
        // A part is a slice of `host`: its offset is the distance between the two pointers.
        let range = |part: &str| {
            let start = (part.as_ptr() as usize).wrapping_sub(host.as_ptr() as usize);
            (start, start + part.len())
        };
        PartsAt {
            registrable: parts.registrable.map(range),
            suffix: parts.suffix.map(range),
            suffix_is_private: parts.suffix_is_private,
            suffix_is_known: parts.suffix_is_known,
        }
    }

    /// The parts again, as slices of `host` (the text they were found for, or an equal one).
    pub(crate) fn within(self, host: &str) -> DomainParts<'_> {
        DomainParts {
            registrable: self.registrable.and_then(|(start, end)| host.get(start..end)),
            suffix: self.suffix.and_then(|(start, end)| host.get(start..end)),
            suffix_is_private: self.suffix_is_private,
            suffix_is_known: self.suffix_is_known,
        }
    }
}

/// `Claim::claim` keeps at most this many characters of the found URL.
const MAX_CLAIM_CHARS: usize = 200;

/// A lower-case bare name inside other words only counts in a text this short (characters):
/// a link around a whole paragraph doesn't promise to go to a name mentioned in it.
const MAX_TEXT_CHARS_FOR_INLINE_NAME: usize = 64;

/// Suffixes that are also common file extensions. A bare `name.zip` in a link text is far more
/// often an attachment or a source file (`invoice.zip`, `clip.mov`, `README.md`, `main.rs`,
/// `Invoice.one`) than a web address, so without a scheme, `www.` or a path it claims nothing.
/// With one of those (`https://github.zip/`, `www.example.mov`) it is domain-shaped and does
/// claim. TLDs that brands really use despite the clash (`.app`, `.ai`, `.io`, `.so`, `.pl`,
/// `.cc`) stay claimable as bare names.
const FILE_LIKE_SUFFIXES: &[&str] = &[
    "zip", "mov", "md", "rs", "py", "sh", "pm", "ps", "one", "cab", "mobi", "pub", "java",
];

/// NFKC from ICU4X: the same normalizer data the url crate's IDNA (UTS #46) mapping already
/// links in, so the extension's wasm carries one set of Unicode decomposition tables, not two.
pub(crate) const NFKC: ComposingNormalizerBorrowed<'static> = ComposingNormalizerBorrowed::new_nfkc();
const NFD: DecomposingNormalizerBorrowed<'static> = DecomposingNormalizerBorrowed::new_nfd();
/// Canonical combining classes, from the same NFD data.
const COMBINING_CLASS: CanonicalCombiningClassMapBorrowed<'static> = CanonicalCombiningClassMapBorrowed::new();

/// An address as a person types or pastes it (`linkguard check`, the extension's "check a link
/// you were sent", the link checker page), read the way a browser's address bar reads it: NFKC
/// first, so the full-width forms of a Japanese message (`ｈｔｔｐｓ：／／…`) read as ASCII;
/// surrounding whitespace dropped; and without a scheme, `http://` in front. A bare
/// `checkid.ddnsking.com/login` is a web address to the person who pastes it, not a link
/// relative to some page (which is how an `href` without a scheme is read, and judged safe).
pub fn typed_address(input: &str) -> String {
    let normalized = NFKC.normalize(input);
    let address = normalized.trim();
    if address.is_empty() || has_scheme(address) {
        address.to_string()
    } else {
        format!("http://{address}")
    }
}

/// `scheme://…`, or one of the schemes written without `//` that a pasted address may carry
/// (`mailto:`, `javascript:`...). `localhost:8080/x` and `example.com:443` have no scheme.
fn has_scheme(address: &str) -> bool {
    let Some((scheme, rest)) = address.split_once(':') else { return false };
    let well_formed = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    well_formed
        && (rest.starts_with("//")
            || ["mailto", "javascript", "data", "vbscript", "file", "tel", "sms", "about", "blob"]
                .iter()
                .any(|known| scheme.eq_ignore_ascii_case(known)))
}

/// The URL or domain the text claims, if it claims one. A plain sentence claims nothing.
/// When the text names several, the first one counts.
pub fn extract_claim(text: &str, domains: &Domains) -> Option<Claim> {
    extract_claim_for(text, domains, None)
}

/// [`extract_claim`] for a link whose target host (ASCII) and PSL parts are known already:
/// a claim of that very host (the link's URL written out as its text, the most common claim)
/// is judged on those parts instead of walking the PSL again.
pub fn extract_claim_for(
    text: &str,
    domains: &Domains,
    target: Option<(&str, &DomainParts<'_>)>,
) -> Option<Claim> {
    let psl = PslLookup { domains, target };
    let text = normalize(text)?;
    let text = text.trim();
    if text.is_ascii() {
        return scan_ascii(text, &psl);
    }
    scan_chars(text, &psl).or_else(|| {
        let folded = fold(text)?;
        let claim = if folded.is_ascii() { scan_ascii(&folded, &psl) } else { scan_chars(&folded, &psl) };
        claim.filter(is_ascii_claim)
    })
}

/// A claim found in the folded reading counts only when every label of its host was (or was
/// read as) ASCII: folding is for Latin names with a stranger's letter or a mark among them.
fn is_ascii_claim(claim: &Claim) -> bool {
    !has_ace_label(claim.host.as_bytes())
}

/// The text as a person reads a Latin name with something foreign in it (see the module doc):
/// NFD; a combining mark on an ASCII letter dropped (`coḿ` → `com`); a letter of another script
/// next to ASCII letters, digits or dots read as the ASCII it is drawn like (`cоm` with a
/// Cyrillic `о` → `com`, [`ascii_lookalike`]). `None` when that changes nothing.
fn fold(text: &str) -> Option<String> {
    let chars: Vec<char> = NFD.normalize_iter(text.chars()).collect();
    let is_mark = |c: char| COMBINING_CLASS.get_u8(c) != 0 || is_combining_mark(c);
    let latin_like = |c: Option<&char>| c.is_some_and(|c| c.is_ascii_alphanumeric() || *c == '.');
    let mut out = String::with_capacity(text.len());
    let mut changed = false;
    // The base character the marks that follow sit on was, or was read as, ASCII.
    let mut ascii_base = false;
    for (i, &c) in chars.iter().enumerate() {
        if c.is_ascii() {
            out.push(c);
            ascii_base = true;
            continue;
        }
        if is_mark(c) {
            if ascii_base {
                changed = true;
            } else {
                out.push(c);
            }
            continue;
        }
        let before = chars[..i].iter().rev().find(|&&p| !is_mark(p));
        let after = chars[i + 1..].iter().find(|&&n| !is_mark(n));
        match ascii_lookalike(c).filter(|_| latin_like(before) || latin_like(after)) {
            Some(ascii) => {
                out.push_str(ascii);
                changed = true;
                ascii_base = true;
            }
            None => {
                out.push(c);
                ascii_base = false;
            }
        }
    }
    changed.then_some(out)
}

/// The PSL, and the parts of the one host the caller looked up already.
struct PslLookup<'a, 'p> {
    domains: &'a Domains,
    target: Option<(&'a str, &'a DomainParts<'p>)>,
}

impl PslLookup<'_, '_> {
    /// The parts of `ascii_host` when it ends in a real public suffix, with a name under it
    /// (or is a provider's shared domain itself, like `workers.dev`): `co.jp` alone names nobody.
    fn parts_if_named(&self, ascii_host: &str) -> Option<PartsAt> {
        let named = |host: &str, info: &DomainParts<'_>| {
            (info.suffix_is_known && (info.registrable.is_some() || info.suffix_is_private))
                .then(|| PartsAt::of(host, info))
        };
        match self.target {
            // `parts` depends on the host's text alone: the same text, the same parts.
            Some((host, parts)) if host == ascii_host => named(host, parts),
            _ => named(ascii_host, &self.domains.parts(ascii_host)),
        }
    }
}

/// [`extract_claim`] with every text scanned character by character ([`scan_chars`]), the way
/// it was before ASCII texts got their own scanner: the `text_claim` fuzz target checks that
/// both answer the same. Not for the engine's use.
#[doc(hidden)]
pub fn extract_claim_by_chars(text: &str, domains: &Domains) -> Option<Claim> {
    let text = normalize(text)?;
    let text = text.trim();
    let psl = PslLookup { domains, target: None };
    scan_chars(text, &psl).or_else(|| {
        if text.is_ascii() {
            return None;
        }
        scan_chars(&fold(text)?, &psl).filter(is_ascii_claim)
    })
}

/// The scan of [`scan_chars`] for an ASCII text, where every character is one byte: the same
/// rules without decoding characters or asking the Unicode tables (most link texts with a
/// name in them are ASCII: URLs, `www.` names). `text_claim` (fuzz) keeps the two equal.
fn scan_ascii(text: &str, psl: &PslLookup<'_, '_>) -> Option<Claim> {
    let bytes = text.as_bytes();
    // One byte is one character: the length is the character count.
    let short_text = bytes.len() <= MAX_TEXT_CHARS_FOR_INLINE_NAME;
    let mut prev: Option<u8> = None;
    let mut read_to = 0;
    for (start, &c) in bytes.iter().enumerate() {
        let is_start = starts_candidate_ascii(prev, c) || starts_glued_scheme(&bytes[start..]);
        prev = Some(c);
        if !is_start || start < read_to {
            continue;
        }
        let Some(candidate) = parse_candidate_ascii(text, start) else {
            continue;
        };
        if let Some(claim) = accept(text, short_text, &candidate, psl) {
            return Some(claim);
        }
        read_to = url_read_to(&candidate, psl);
    }
    None
}

/// Where the scan goes on after a candidate that is no claim: past the whole of it when it is a
/// URL on the link's own target host (an IP's: `http://216.239.39.100/search?q=cache:…:www.
/// theage.com.au/…` written out as the link's text shows where it goes, and a name in its path
/// or query is no claim of it), else from the next character (a URL on another host that
/// claims nothing itself may carry the name a reader takes for its destination:
/// `https://203.0.113.7/?to=www.eki-net.com` on a link to a third site).
fn url_read_to(candidate: &Candidate<'_>, psl: &PslLookup<'_, '_>) -> usize {
    match psl.target {
        Some((host, _)) if candidate.has_scheme && candidate.host.eq_ignore_ascii_case(host) => candidate.end,
        _ => 0,
    }
}

/// `http://` or `https://` starts a name even glued to the word before it: "Loginhttps://…" is
/// how `<b>Login</b><br>https://…` reads without the line break, and a person sees a URL there.
#[inline]
fn starts_glued_scheme(rest: &[u8]) -> bool {
    matches!(rest.first(), Some(b'h' | b'H')) && scheme_len(rest) > 0
}

/// [`starts_candidate`] for ASCII characters (none of them CJK).
#[inline]
fn starts_candidate_ascii(prev: Option<u8>, c: u8) -> bool {
    if !c.is_ascii_alphanumeric() {
        return false;
    }
    let Some(p) = prev else {
        return true;
    };
    !(is_ascii_host_byte(p)
        || matches!(
            p,
            b'@' | b'/' | b'?' | b'#' | b'&' | b'=' | b'%' | b'~' | b'+' | b'_' | b'\\'
        ))
        || is_ascii_white_space(p)
}

/// [`is_host_char`] for ASCII.
#[inline]
fn is_ascii_host_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'-' || b == b'.'
}

/// `char::is_whitespace` for ASCII: unlike `u8::is_ascii_whitespace` it includes the
/// vertical tab (U+000B).
#[inline]
fn is_ascii_white_space(b: u8) -> bool {
    matches!(b, b'\t'..=b'\r' | b' ')
}

/// [`parse_candidate`] for an ASCII text.
fn parse_candidate_ascii(text: &str, start: usize) -> Option<Candidate<'_>> {
    let bytes = text.as_bytes();
    let scheme_len = scheme_len(&bytes[start..]);
    let mut host_start = start + scheme_len;
    if scheme_len > 0 {
        let limit = bytes.len().min(host_start + MAX_HOST_SCAN_BYTES * 2);
        let authority_end = bytes[host_start..limit]
            .iter()
            .position(|&b| {
                matches!(b, b'/' | b'?' | b'#' | b')' | b']' | b'}' | b'>' | b'"' | b'\'')
                    || is_ascii_white_space(b)
            })
            .map_or(limit, |i| host_start + i);
        if let Some(at) = bytes[host_start..authority_end].iter().rposition(|&b| b == b'@') {
            host_start += at + 1;
        }
    }
    let run = bytes[host_start..].iter().take_while(|&&b| is_ascii_host_byte(b)).count();
    // The bound of `parse_candidate`: a host character at offset MAX_HOST_SCAN_BYTES or later.
    if run > MAX_HOST_SCAN_BYTES {
        return None;
    }
    finish_candidate(text, start, scheme_len, host_start, host_start + run)
}

/// `https://` or `http://` (any case) at the start of `rest`: its length, or 0.
fn scheme_len(rest: &[u8]) -> usize {
    ["https://", "http://"]
        .iter()
        .find(|s| rest.len() >= s.len() && rest[..s.len()].eq_ignore_ascii_case(s.as_bytes()))
        .map_or(0, |s| s.len())
}

/// Scans the characters of `text` (any text) for the first claim.
fn scan_chars(text: &str, psl: &PslLookup<'_, '_>) -> Option<Claim> {
    // Counted once: checking it per candidate would make long texts quadratic.
    let short_text = text.len() <= 4 * MAX_TEXT_CHARS_FOR_INLINE_NAME
        && text.chars().count() <= MAX_TEXT_CHARS_FOR_INLINE_NAME;
    let mut prev: Option<char> = None;
    let mut read_to = 0;
    for (start, c) in text.char_indices() {
        let is_start = starts_candidate(prev, c) || starts_glued_scheme(&text.as_bytes()[start..]);
        prev = Some(c);
        if !is_start || start < read_to {
            continue;
        }
        let Some(candidate) = parse_candidate(text, start) else {
            continue;
        };
        if let Some(claim) = accept(text, short_text, &candidate, psl) {
            return Some(claim);
        }
        read_to = url_read_to(&candidate, psl);
    }
    None
}

/// NFKC (full-width letters, `．`, `／`, `：`), ideographic full stops read as dots, invisible
/// format characters removed. `None` when the result can't contain a name (no dot).
fn normalize(text: &str) -> Option<Cow<'_, str>> {
    if text.is_ascii() {
        let bytes = text.as_bytes();
        let dotted = bytes.contains(&b'.')
            && bytes.windows(3).any(|w| {
                w[1] == b'.' && w[0].is_ascii_alphanumeric() && w[2].is_ascii_alphanumeric()
            });
        return dotted.then_some(Cow::Borrowed(text));
    }
    // Most non-ASCII link texts ("ログインはこちら", "詳細はこちら。") have no dot between two
    // letters, before or after NFKC: skip normalization for them. Most have no dot-like
    // character at all, which is cheaper to see first (has_inner_dot asks every character
    // whether it is alphanumeric, a table search for CJK).
    if !text.chars().any(is_dot_like) || !has_inner_dot(text) {
        return None;
    }
    let clean = NFKC.is_normalized(text)
        && !text.chars().any(|c| c == '\u{3002}' || is_invisible(c));
    let text: Cow<'_, str> = if clean {
        Cow::Borrowed(text)
    } else {
        // (The visible characters as a string, then `normalize`: the normalizer's iterator over
        // a filter would be one more copy of its code in the wasm, 0.4 KB gzipped.)
        let visible: String = text.chars().filter(|&c| !is_invisible(c)).collect();
        Cow::Owned(
            NFKC.normalize(&visible)
                .chars()
                // NFKC leaves the ideographic full stop (also what `｡` becomes) alone; IDNA and
                // readers treat it as a dot.
                .map(|c| if c == '\u{3002}' { '.' } else { c })
                .collect(),
        )
    };
    text.contains('.').then_some(text)
}

/// A dot (or what NFKC turns into one) with a letter or digit after it, and before it for the
/// plain dots; invisible characters are looked through. Every name has one.
fn has_inner_dot(text: &str) -> bool {
    let mut prev_alnum = false;
    let mut pending = false;
    for c in text.chars() {
        if is_invisible(c) {
            continue;
        }
        if is_dot_like(c) {
            let plain = matches!(
                c,
                '.' | '\u{3002}' | '\u{FE12}' | '\u{FE52}' | '\u{FF0E}' | '\u{FF61}'
            );
            // `⒈`, `㏂` and the like carry their own letter or digit before the dot.
            pending = prev_alnum || !plain;
            prev_alnum = false;
            continue;
        }
        let alnum = is_alphanumeric(c);
        if pending && alnum {
            return true;
        }
        pending = false;
        prev_alnum = alnum || (prev_alnum && is_combining_mark(c));
    }
    false
}

/// `.` and every character whose NFKC form contains a full stop or an ideographic full stop
/// (`．`, `﹒`, `․`, `‥`, `…`, `⒈`, `㏂`, `︒`...), and `。` itself (checked over all of Unicode).
#[inline]
fn is_dot_like(c: char) -> bool {
    matches!(c,
        '.' | '\u{2024}'..='\u{2026}' | '\u{2488}'..='\u{249B}' | '\u{3002}' | '\u{33C2}'
        | '\u{33C7}' | '\u{33D8}' | '\u{FE12}' | '\u{FE19}' | '\u{FE30}' | '\u{FE52}'
        | '\u{FF0E}' | '\u{FF61}' | '\u{1F100}')
}

/// Default-ignorable characters (zero-width characters, the soft hyphen, bidi controls,
/// variation selectors, tags...): drawn as nothing, so the reader sees the name without them
/// (`pay\u{200B}pal.com` reads as paypal.com), however many there are.
#[inline]
fn is_invisible(c: char) -> bool {
    is_default_ignorable(c)
}

/// A name found in the text, before the PSL has been asked about it.
struct Candidate<'t> {
    /// Byte range of the whole URL/name in the text (scheme and path included).
    start: usize,
    end: usize,
    /// The host as written (may be Unicode).
    host: &'t str,
    has_scheme: bool,
    has_path: bool,
}

/// Could a name start at `c`, given the character before it?
fn starts_candidate(prev: Option<char>, c: char) -> bool {
    if !is_host_char(c) || c == '.' || c == '-' {
        return false;
    }
    let Some(p) = prev else {
        return true;
    };
    if p.is_whitespace() {
        return true;
    }
    // Japanese text runs into ASCII without spaces: "詳しくはwww.eki-net.comへ".
    if is_cjk(p) != is_cjk(c) && p != '-' {
        return true;
    }
    // Inside a word, an e-mail address or a URL path, no new name starts.
    !(is_host_char(p)
        || matches!(
            p,
            '@' | '/' | '?' | '#' | '&' | '=' | '%' | '~' | '+' | '_' | '\\'
        ))
}

/// Finds the URL/name starting at byte `start` of `text`, or `None` when what is there isn't
/// name-shaped (no dot, followed by `@` or by a word character...).
/// 253 characters (the longest DNS name) of at most 4 bytes each.
const MAX_HOST_SCAN_BYTES: usize = 253 * 4;

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn parse_candidate(text: &str, start: usize) -> Option<Candidate<'_>> {
    let scheme_len = scheme_len(&text.as_bytes()[start..]);
    let mut host_start = start + scheme_len;
    if scheme_len > 0 {
        // `https://user@host/`: the browser goes to what follows the last `@`.
        let authority_end = text[host_start..]
            .char_indices()
            .take_while(|(i, _)| *i < MAX_HOST_SCAN_BYTES * 2)
            .find(|(_, c)| matches!(c, '/' | '?' | '#') || c.is_whitespace() || is_closer(*c))
            .map_or(text.len().min(host_start + MAX_HOST_SCAN_BYTES * 2), |(i, _)| host_start + i);
        let authority_end = floor_char_boundary(text, authority_end);
        if let Some(at) = text[host_start..authority_end].rfind('@') {
            host_start += at + 1;
        }
    }

    // The host: host characters, without crossing from CJK into ASCII inside a label
    // ("eki-net.comへ" ends before "へ").
    let mut host_end = host_start;
    let mut last: Option<char> = None;
    for (i, c) in text[host_start..].char_indices() {
        if !is_host_char(c) {
            break;
        }
        // Longer than any DNS name can be (253 characters of up to 4 bytes): not a host. Without
        // this bound a long run of CJK text is rescanned from every start inside it (quadratic).
        if i >= MAX_HOST_SCAN_BYTES {
            return None;
        }
        if let Some(l) = last {
            if is_cjk(l) != is_cjk(c) && !matches!(l, '.' | '-') && !matches!(c, '.' | '-') {
                break;
            }
        }
        host_end = host_start + i + c.len_utf8();
        last = Some(c);
    }
    finish_candidate(text, start, scheme_len, host_start, host_end)
}

/// The rest of [`parse_candidate`] once the host's characters (`host_start..host_end`) are known.
fn finish_candidate(
    text: &str,
    start: usize,
    scheme_len: usize,
    host_start: usize,
    mut host_end: usize,
) -> Option<Candidate<'_>> {
    // Trailing dots end the sentence, not the name.
    let host = text[host_start..host_end].trim_end_matches('.');
    host_end = host_start + host.len();
    if !host.contains('.') {
        return None;
    }

    let mut end = host_end;
    let after = &text[end..];
    // A port.
    if let Some(port) = after.strip_prefix(':') {
        let digits = port.bytes().take_while(u8::is_ascii_digit).count();
        if (1..=5).contains(&digits) {
            end += 1 + digits;
        }
    }
    let mut has_path = false;
    match text[end..].chars().next() {
        None => {}
        Some('/' | '?' | '#') => {
            has_path = true;
            end += path_len(&text[end..]);
        }
        // An e-mail address (`first.last@example.com`), or a word going on (`my_file.com`).
        Some('@' | '_' | '%' | '&' | '=' | '+' | '\\' | '~') => return None,
        Some(_) => {}
    }
    Some(Candidate {
        start,
        end,
        host,
        has_scheme: scheme_len > 0,
        has_path,
    })
}

/// Length of a path/query/fragment: up to white space, a closing bracket or quote (a `)` only
/// when unbalanced, for Wikipedia-style paths), or Japanese text; trailing punctuation dropped.
fn path_len(path: &str) -> usize {
    let mut depth = 0usize;
    let mut len = path.len();
    let bytes = path.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // ASCII bytes (nearly every byte of a URL) are decided without decoding a char: the
        // same rule as below, where the ASCII white space is `\t`..`\r` and space, the ASCII
        // closers `)]}>"'`, and no ASCII character is CJK.
        if bytes[i].is_ascii() {
            match bytes[i] {
                b'(' => depth += 1,
                b')' if depth > 0 => depth -= 1,
                b'\t'..=b'\r' | b' ' | b')' | b']' | b'}' | b'>' | b'"' | b'\'' | b'<' => {
                    len = i;
                    break;
                }
                _ => {}
            }
            i += 1;
            continue;
        }
        let (c, width) = {
            let c = path[i..].chars().next().unwrap_or_default();
            (c, c.len_utf8())
        };
        match c {
            '(' => depth += 1,
            ')' if depth > 0 => depth -= 1,
            _ if c.is_whitespace() || is_closer(c) || is_cjk(c) || c == '<' => {
                len = i;
                break;
            }
            _ => {}
        }
        i += width;
    }
    path[..len].trim_end_matches(is_trailing_punctuation).len()
}

/// The PSL and the claim rules (see the module comment) decide whether the candidate is a claim.
fn accept(
    text: &str,
    short_text: bool,
    candidate: &Candidate<'_>,
    psl: &PslLookup<'_, '_>,
) -> Option<Claim> {
    let host = candidate.host;
    if !is_plausible_host(host) {
        return None;
    }
    let www = host.len() > 4 && host.as_bytes()[..4].eq_ignore_ascii_case(b"www.");
    let url_shaped = candidate.has_scheme || www || candidate.has_path;
    if !url_shaped {
        let tld = host.rsplit('.').next().unwrap_or(host);
        if FILE_LIKE_SUFFIXES
            .iter()
            .any(|s| s.eq_ignore_ascii_case(tld))
        {
            return None;
        }
        let whole_text = text[..candidate.start].chars().all(is_opener)
            && text[candidate.end..]
                .chars()
                .all(|c| is_closer(c) || is_trailing_punctuation(c));
        let inline_name =
            host.is_ascii() && !host.bytes().any(|b| b.is_ascii_uppercase()) && short_text;
        if !(whole_text || inline_name) {
            return None;
        }
    }

    let ascii = match psl.target {
        // The link's own host written out (the most common claim): ASCII letters, digits, `-`
        // and `.` with no punycode label, in labels `is_plausible_host` has measured, which
        // `normalize_host` would only lowercase (its shape walk is the larger part of its cost).
        Some((target, _)) if target == host && host.is_ascii() && !has_ace_label(host.as_bytes()) => {
            host.to_ascii_lowercase()
        }
        _ => normalize_host(host)?,
    };
    let parts = psl.parts_if_named(&ascii)?;
    let found = &text[candidate.start..candidate.end];
    // At most MAX_CLAIM_CHARS bytes is at most that many chars: no counting needed.
    let claim = if found.len() <= MAX_CLAIM_CHARS {
        found
    } else {
        match found.char_indices().nth(MAX_CLAIM_CHARS) {
            Some((cut, _)) => &found[..cut],
            None => found,
        }
    };
    Some(Claim {
        claim: claim.to_owned(),
        host: ascii,
        parts,
    })
}

/// Label syntax before asking IDNA and the PSL: two labels or more, no empty label, no hyphen at
/// a label's edge, and a last label that is letters (an all-digit or mixed one is a number or a
/// version: `3.5`, `v1.2.3`, `192.168.0.1`).
fn is_plausible_host(host: &str) -> bool {
    if host.len() > 253 {
        return false;
    }
    let mut labels = 0;
    // (Split as bytes: `.` is ASCII, and a `char` pattern costs more on this hot path.)
    for label in host.as_bytes().split(|&b| b == b'.') {
        if label.is_empty() || label.len() > 63 || label.starts_with(b"-") || label.ends_with(b"-") {
            return false;
        }
        labels += 1;
    }
    let tld = host.as_bytes().iter().rposition(|&b| b == b'.').map_or(host, |dot| &host[dot + 1..]);
    let tld_ok = if tld.is_ascii() {
        (tld.len() >= 2 && tld.bytes().all(|b| b.is_ascii_alphabetic()))
            || (tld.len() > 4 && is_ace_label(tld.as_bytes()))
    } else {
        !tld.chars().any(|c| c.is_ascii_digit())
    };
    labels >= 2 && tld_ok
}

/// Letters, digits, `-` and `.`, and outside ASCII any letter, digit or combining mark (IDN).
#[inline]
fn is_host_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric() || c == '-' || c == '.'
    } else {
        is_alphanumeric(c) || is_combining_mark(c)
    }
}

/// Kana and the common CJK ideographs: every character in these ranges is a letter
/// (`char::is_alphanumeric`; a test checks each one).
const CJK_LETTER_RANGES: [(char, char); 3] =
    [('\u{3041}', '\u{3096}'), ('\u{30A1}', '\u{30FA}'), ('\u{4E00}', '\u{9FFF}')];

/// `char::is_alphanumeric`, answered without the Unicode tables for kana and the common
/// ideographs ([`CJK_LETTER_RANGES`]): most non-ASCII characters in mail link texts are
/// Japanese, and the table search (`alphabetic::lookup_slow`) was the largest cost of
/// scanning them.
#[inline]
fn is_alphanumeric(c: char) -> bool {
    CJK_LETTER_RANGES.iter().any(|&(first, last)| (first..=last).contains(&c)) || c.is_alphanumeric()
}

/// The combining marks IDN labels use (accents, Indic vowel signs, Thai, kana voicing marks).
/// Approximate by block: only used to keep such a label in one piece.
fn is_combining_mark(c: char) -> bool {
    matches!(c,
        '\u{0300}'..='\u{036F}' | '\u{0483}'..='\u{0489}' | '\u{0591}'..='\u{05C7}'
        | '\u{0610}'..='\u{061A}' | '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{06D6}'..='\u{06ED}'
        | '\u{0900}'..='\u{0DFF}' | '\u{0E00}'..='\u{0EFF}' | '\u{1AB0}'..='\u{1AFF}'
        | '\u{1DC0}'..='\u{1DFF}' | '\u{20D0}'..='\u{20FF}' | '\u{3099}'..='\u{309A}'
        | '\u{FE20}'..='\u{FE2F}')
}

/// Han, kana (including the prolonged sound mark and small/half-width forms) and Hangul:
/// writing without spaces, so a change between these and other letters separates words.
#[inline]
pub(crate) fn is_cjk(c: char) -> bool {
    // Nearly every character asked about is below the first range (Latin text, URLs).
    if c < '\u{1100}' {
        return false;
    }
    matches!(c,
        '\u{1100}'..='\u{11FF}' | '\u{3005}'..='\u{3007}' | '\u{3040}'..='\u{30FF}'
        | '\u{3130}'..='\u{318F}' | '\u{31F0}'..='\u{31FF}' | '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}' | '\u{AC00}'..='\u{D7AF}' | '\u{F900}'..='\u{FAFF}'
        | '\u{FF66}'..='\u{FF9F}' | '\u{20000}'..='\u{3FFFF}')
}

fn is_opener(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '(' | '['
                | '{'
                | '<'
                | '"'
                | '\''
                | '「'
                | '『'
                | '【'
                | '〈'
                | '《'
                | '〔'
                | '〖'
                | '〘'
                | '“'
                | '‘'
                | '«'
                | '‹'
        )
}

#[inline]
fn is_closer(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            ')' | ']'
                | '}'
                | '>'
                | '"'
                | '\''
                | '」'
                | '』'
                | '】'
                | '〉'
                | '》'
                | '〕'
                | '〗'
                | '〙'
                | '”'
                | '’'
                | '»'
                | '›'
        )
}

fn is_trailing_punctuation(c: char) -> bool {
    matches!(c, '.' | ',' | ';' | ':' | '!' | '?' | '、' | '…')
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    /// (text, expected (claim, ascii host)).
    type Case = (&'static str, Option<(&'static str, &'static str)>);

    #[rustfmt::skip]
    const CLAIMS: &[Case] = &[
        // The whole text is a URL or a name.
        ("https://www.eki-net.com/", Some(("https://www.eki-net.com/", "www.eki-net.com"))),
        ("http://eki-net.com", Some(("http://eki-net.com", "eki-net.com"))),
        ("HTTPS://WWW.EKI-NET.COM/Login", Some(("HTTPS://WWW.EKI-NET.COM/Login", "www.eki-net.com"))),
        ("www.eki-net.com", Some(("www.eki-net.com", "www.eki-net.com"))),
        ("eki-net.com", Some(("eki-net.com", "eki-net.com"))),
        ("amazon.de", Some(("amazon.de", "amazon.de"))),
        ("Amazon.co.jp", Some(("Amazon.co.jp", "amazon.co.jp"))),
        ("WalMart.com", Some(("WalMart.com", "walmart.com"))),
        ("hbr.org", Some(("hbr.org", "hbr.org"))),
        ("Superb.bet", Some(("Superb.bet", "superb.bet"))),
        ("getgrass.io", Some(("getgrass.io", "getgrass.io"))),
        ("cash.app", Some(("cash.app", "cash.app"))), // .app stays claimable: brands live there
        ("schoepflin-stiftung.de", Some(("schoepflin-stiftung.de", "schoepflin-stiftung.de"))),
        ("www.example.com/abmelden", Some(("www.example.com/abmelden", "www.example.com"))),
        ("ledger.com/support", Some(("ledger.com/support", "ledger.com"))),
        ("socialsecurity.gov/reviewyourstatement", Some(("socialsecurity.gov/reviewyourstatement", "socialsecurity.gov"))),
        ("https://checkid-verify.workers.dev/", Some(("https://checkid-verify.workers.dev/", "checkid-verify.workers.dev"))),
        ("workers.dev", Some(("workers.dev", "workers.dev"))), // a provider's shared domain itself
        ("https://www.paypal.com/cgi-bin/webscr?cmd=_login-run.", Some(("https://www.paypal.com/cgi-bin/webscr?cmd=_login-run", "www.paypal.com"))),
        ("https://www.norton.com/globalsupport.", Some(("https://www.norton.com/globalsupport", "www.norton.com"))),
        ("http://signin.ebay.com/eBayISAPI.dll?SignIn&ssPageName=h:h:sin:US", Some(("http://signin.ebay.com/eBayISAPI.dll?SignIn&ssPageName=h:h:sin:US", "signin.ebay.com"))),
        ("https://www.bradesco.com.br/livelo/resgatar/1.279.352pts", Some(("https://www.bradesco.com.br/livelo/resgatar/1.279.352pts", "www.bradesco.com.br"))),
        ("http://www.amazon.com", Some(("http://www.amazon.com", "www.amazon.com"))),
        // Ports, trailing dots and the root dot.
        ("https://eki-net.com:8443/login", Some(("https://eki-net.com:8443/login", "eki-net.com"))),
        ("eki-net.com:8080", Some(("eki-net.com:8080", "eki-net.com"))),
        ("eki-net.com.", Some(("eki-net.com", "eki-net.com"))),
        ("www.eki-net.com...", Some(("www.eki-net.com", "www.eki-net.com"))),
        // Brackets, quotes, trailing punctuation.
        ("<https://www.eki-net.com/>", Some(("https://www.eki-net.com/", "www.eki-net.com"))),
        ("(www.eki-net.com)", Some(("www.eki-net.com", "www.eki-net.com"))),
        ("（www.eki-net.com）", Some(("www.eki-net.com", "www.eki-net.com"))),
        ("「eki-net.com」", Some(("eki-net.com", "eki-net.com"))),
        ("『https://www.eki-net.com/』", Some(("https://www.eki-net.com/", "www.eki-net.com"))),
        ("【eki-net.com】", Some(("eki-net.com", "eki-net.com"))),
        ("\"eki-net.com\"", Some(("eki-net.com", "eki-net.com"))),
        ("“www.eki-net.com”", Some(("www.eki-net.com", "www.eki-net.com"))),
        ("eki-net.com!", Some(("eki-net.com", "eki-net.com"))),
        ("eki-net.com?", Some(("eki-net.com", "eki-net.com"))),
        ("eki-net.com;", Some(("eki-net.com", "eki-net.com"))),
        ("eki-net.com:", Some(("eki-net.com", "eki-net.com"))),
        ("(https://en.wikipedia.org/wiki/Foo_(bar))", Some(("https://en.wikipedia.org/wiki/Foo_(bar)", "en.wikipedia.org"))),
        ("  www.eki-net.com  ", Some(("www.eki-net.com", "www.eki-net.com"))),
        // URLs and www names inside text.
        ("Visit www.eki-net.com now", Some(("www.eki-net.com", "www.eki-net.com"))),
        ("ログイン: https://www.eki-net.com/", Some(("https://www.eki-net.com/", "www.eki-net.com"))),
        ("ログイン：https://www.eki-net.com/", Some(("https://www.eki-net.com/", "www.eki-net.com"))),
        ("こちら→https://www.eki-net.com/login", Some(("https://www.eki-net.com/login", "www.eki-net.com"))),
        ("詳しくはwww.eki-net.comへ", Some(("www.eki-net.com", "www.eki-net.com"))),
        ("https://www.eki-net.com/からログインしてください", Some(("https://www.eki-net.com/", "www.eki-net.com"))),
        ("Please log in at https://www.eki-net.com/login to keep your account active.", Some(("https://www.eki-net.com/login", "www.eki-net.com"))),
        ("Go to www.amazon.co.jp, then sign in.", Some(("www.amazon.co.jp", "www.amazon.co.jp"))),
        ("Zur Webseite: www.inxmail.de", Some(("www.inxmail.de", "www.inxmail.de"))),
        ("Mehr unter https://www.fairmailing.net/faq.", Some(("https://www.fairmailing.net/faq", "www.fairmailing.net"))),
        ("Login at Ledger.com/support today", Some(("Ledger.com/support", "ledger.com"))),
        // Lower-case names inside a short text.
        ("Visit eki-net.com now", Some(("eki-net.com", "eki-net.com"))),
        ("詳しくはeki-net.comへ", Some(("eki-net.com", "eki-net.com"))),
        ("サイト（eki-net.com）をご覧ください", Some(("eki-net.com", "eki-net.com"))),
        ("Website: eki-net.com", Some(("eki-net.com", "eki-net.com"))),
        ("ログイン:eki-net.com", Some(("eki-net.com", "eki-net.com"))),
        // Several: the first counts.
        ("https://www.eki-net.com/ or https://evil.example.net/", Some(("https://www.eki-net.com/", "www.eki-net.com"))),
        ("www.jreast.co.jp / www.eki-net.com", Some(("www.jreast.co.jp", "www.jreast.co.jp"))),
        // An e-mail address before a real claim does not hide it.
        ("support@eki-net.com / www.eki-net.com", Some(("www.eki-net.com", "www.eki-net.com"))),
        // Userinfo: the browser goes to what follows '@'.
        ("https://www.paypal.com@evil.example.net/", Some(("https://www.paypal.com@evil.example.net/", "evil.example.net"))),
        // Full-width forms and ideographic full stops (NFKC).
        ("ｈｔｔｐｓ：／／ｗｗｗ．ｅｋｉ－ｎｅｔ．ｃｏｍ", Some(("https://www.eki-net.com", "www.eki-net.com"))),
        ("ｅｋｉ－ｎｅｔ．ｃｏｍ", Some(("eki-net.com", "eki-net.com"))),
        ("www。eki-net。com", Some(("www.eki-net.com", "www.eki-net.com"))),
        ("eki-net｡com", Some(("eki-net.com", "eki-net.com"))),
        ("eki-net﹒com", Some(("eki-net.com", "eki-net.com"))),
        ("eki-net︒com", Some(("eki-net.com", "eki-net.com"))),
        ("ｅｋｉ－ｎｅｔ．ｃｏｍ／ログイン", Some(("eki-net.com/", "eki-net.com"))),
        ("ｗｗｗ．ｅｋｉ－ｎｅｔ．ｃｏｍ／ｌｏｇｉｎ", Some(("www.eki-net.com/login", "www.eki-net.com"))),
        // Ligatures and mathematical letters read as the plain letters (NFKC).
        ("www.oﬀice.com", Some(("www.office.com", "www.office.com"))),
        ("https://𝐩𝐚𝐲𝐩𝐚𝐥.com/", Some(("https://paypal.com/", "paypal.com"))),
        // Invisible characters inside the name are what the reader doesn't see.
        ("pay\u{200B}pal.com", Some(("paypal.com", "paypal.com"))),
        ("www.pay\u{00AD}pal.com", Some(("www.paypal.com", "www.paypal.com"))),
        ("paypal\u{200B}.com", Some(("paypal.com", "paypal.com"))),
        ("paypal.\u{2060}com", Some(("paypal.com", "paypal.com"))),
        // IDN names, to punycode.
        ("例え.jp", Some(("例え.jp", "xn--r8jz45g.jp"))),
        ("https://例え.jp/", Some(("https://例え.jp/", "xn--r8jz45g.jp"))),
        ("münchen.de", Some(("münchen.de", "xn--mnchen-3ya.de"))),
        ("MÜNCHEN.DE", Some(("MÜNCHEN.DE", "xn--mnchen-3ya.de"))),
        ("www.ökoligenta.de/wandel-newsletter", Some(("www.ökoligenta.de/wandel-newsletter", "www.xn--koligenta-z7a.de"))),
        ("https://www.ökoligenta.de/wp-content/uploads/2023/01/Nachrichten.pdf", Some(("https://www.ökoligenta.de/wp-content/uploads/2023/01/Nachrichten.pdf", "www.xn--koligenta-z7a.de"))),
        ("日本語.jp", Some(("日本語.jp", "xn--wgv71a119e.jp"))),
        ("аpple.com", Some(("аpple.com", "xn--pple-43d.com"))), // the homograph is what it claims
        // File-like suffixes: domain-shaped only with a scheme, www or a path.
        ("https://github.zip/releases", Some(("https://github.zip/releases", "github.zip"))),
        ("www.example.mov", Some(("www.example.mov", "www.example.mov"))),
        ("setup.zip/download", Some(("setup.zip/download", "setup.zip"))),
        // A scheme glued to the word before it (a line break drawn between them).
        ("Loginhttps://www.eki-net.com/", Some(("https://www.eki-net.com/", "www.eki-net.com"))),
        ("ログインhttps://www.eki-net.com/", Some(("https://www.eki-net.com/", "www.eki-net.com"))),
        ("Sign inHTTPS://WWW.EKI-NET.COM/", Some(("HTTPS://WWW.EKI-NET.COM/", "www.eki-net.com"))),
        // Invisible characters, however many, are read through.
        ("\u{200B}\u{200B}\u{200B}\u{200B}\u{200B}\u{200B}\u{200B}\u{200B}https://www.eki-net.com/", Some(("https://www.eki-net.com/", "www.eki-net.com"))),
        ("https://www.eki-net.c\u{FE0F}om/", Some(("https://www.eki-net.com/", "www.eki-net.com"))),
        ("https://www.eki-net.com\u{E0041}/", Some(("https://www.eki-net.com/", "www.eki-net.com"))),
        ("\u{202E}https://www.eki-net.com/\u{202C}", Some(("https://www.eki-net.com/", "www.eki-net.com"))),
        // A stranger's letter or a mark among ASCII letters reads as the ASCII it is drawn like.
        ("https://www.eki-net.c\u{043E}m/", Some(("https://www.eki-net.com/", "www.eki-net.com"))),
        ("www.eki-net.c\u{043E}m", Some(("www.eki-net.com", "www.eki-net.com"))),
        ("https://www.eki-net.com\u{0301}/", Some(("https://www.eki-net.com/", "www.eki-net.com"))),
        ("https://www.eki-net.co\u{20DD}m/", Some(("https://www.eki-net.com/", "www.eki-net.com"))),
        ("www.amazon.co.j\u{0440}", Some(("www.amazon.co.jp", "www.amazon.co.jp"))),
    ];

    #[rustfmt::skip]
    const NO_CLAIMS: &[&str] = &[
        // Plain words and sentences.
        "",
        " ",
        "Click here",
        "Unsubscribe",
        "View in browser",
        "ログインはこちら",
        "こちら。",
        "詳細はこちら。",
        "Newsletter abbestellen",
        "Mehr erfahren ...",
        "Mehr erfahren...",
        "Read Full Story",
        "Copyright © 2026. Alle Rechte vorbehalten. Abbestellen",
        "Hi, Payment confirmation. Click below.",
        // Numbers and versions.
        "3.5",
        "v1.2.3",
        "Say the Time 5.0",
        "Version 10.0.19045",
        "192.168.0.1",
        "http://192.168.0.1/login",
        "1.279.352pts",
        "Palm OS v4.1",
        // File names whose extension isn't a TLD, and ones that are.
        "invoice.pdf",
        "readme.txt",
        "VER-PROCESSO-184782.pdf",
        "photo.jpg",
        "invoice.zip",
        "Invoice.one",
        "clip.mov",
        "README.md",
        "main.rs",
        "setup.py",
        "install.sh",
        "2.0.1.zip",
        // E-mail addresses.
        "support@eki-net.com",
        "kontakt@schoepflin-stiftung.de",
        "praveen.antal@pyramidconsultinginc.com",
        "<fork_list@hotmail.com>",
        "mailto:support@eki-net.com",
        "erikvanderkolk@yahoo.com)",
        "ｓｕｐｐｏｒｔ＠ｅｋｉ－ｎｅｔ．ｃｏｍ",
        // Single labels, abbreviations, unknown suffixes.
        "eki-net",
        "localhost",
        "Mr.Smith",
        "e.g.",
        "U.S.A.",
        "a.m.",
        "foo.invalidtld",
        "www.example",
        "example.local",
        "co.jp", // a public suffix alone names nobody
        "com",
        // Capitalised company names inside sentences.
        "McAfee.com sour on sweetened bid",
        "PayPal, Stamps.com seal deal",
        "CNET News.com: Top CIOs on the future of IT",
        "See how WAP works and how you should use it at Builder.com.",
        "A Scientist.com Company",
        "To unsubscribe from future FOXSports.com emails, click here.",
        "Builder.com's 'Remedial XML' series",
        // A long paragraph that mentions a name in lower case.
        "Thanks to Glenn Reynolds for the link to metsonline.net. As a Mets fan since 1962, I think it's great that sites like this exist.",
        // Not schemes we read.
        "hxxps://evil[.]example[.]com",
        "ftp:/broken",
        // Malformed names.
        "-eki-net.com",
        "eki-net-.com",
        "eki..net.com",
        ".com",
        "http://",
        "https://[2001:db8::1]/",
        "my_file.com",
        "100%.com",
        // Words of other scripts with dots are not folded into names.
        "Пример.ру",
        "и т.д.",
        "т.е.",
        "naïve.example",
        "résumé.pdf",
    ];

    #[test]
    fn claims() {
        let domains = Domains::embedded();
        for &(text, expected) in CLAIMS {
            let got = extract_claim(text, &domains);
            let got = got.as_ref().map(|c| (c.claim.as_str(), c.host.as_str()));
            assert_eq!(got, expected, "extract_claim({text:?})");
        }
    }

    /// The ASCII scanner answers like the character scanner on every text of both tables
    /// (the `text_claim` fuzz target checks the same on arbitrary texts).
    #[test]
    fn ascii_scanner_agrees_with_the_character_scanner() {
        let domains = Domains::embedded();
        let long_host = format!("https://{}.com/", "a".repeat(MAX_HOST_SCAN_BYTES));
        let texts = CLAIMS.iter().map(|c| c.0).chain(NO_CLAIMS.iter().copied()).chain([long_host.as_str()]);
        for text in texts {
            assert_eq!(
                extract_claim(text, &domains),
                extract_claim_by_chars(text, &domains),
                "{text:?}"
            );
        }
    }

    /// The parts a claim keeps are the PSL's parts of its host.
    #[test]
    fn a_claim_keeps_the_parts_of_its_host() {
        let domains = Domains::embedded();
        for &(text, _) in CLAIMS {
            let Some(claim) = extract_claim(text, &domains) else { continue };
            assert_eq!(claim.parts_at().within(&claim.host), domains.parts(&claim.host), "{text:?}");
        }
    }

    /// Parts passed in for the link's own host give the claims the PSL gives.
    #[test]
    fn known_target_parts_give_the_same_claims() {
        let domains = Domains::embedded();
        for &(text, _) in CLAIMS {
            let Some(claim) = extract_claim(text, &domains) else { continue };
            let parts = domains.parts(&claim.host);
            let with_target = extract_claim_for(text, &domains, Some((&claim.host, &parts)));
            assert_eq!(with_target.as_ref(), Some(&claim), "{text:?}");
        }
        for &text in NO_CLAIMS {
            for host in ["eki-net.com", "co.jp", "com"] {
                let parts = domains.parts(host);
                assert_eq!(extract_claim_for(text, &domains, Some((host, &parts))), None, "{text:?}");
            }
        }
    }

    /// The link's own host written out skips `normalize_host`: the same claims as without a
    /// target, for hosts as written (capitals, punycode labels in either case, hyphens).
    #[test]
    fn the_targets_own_host_gives_the_claim_normalize_host_gives() {
        let domains = Domains::embedded();
        let hosts = [
            "eki-net.com", "www.eki-net.com", "WWW.Eki-Net.COM", "xn--80ak6aa92e.com", "XN--80ak6aa92e.com",
            "www.xn--80ak6aa92e.com", "axn--b.com", "a.xn-b.com", "xn--.com", "sub.xn--zz.co.jp", "a-b.c-d.co.uk",
            "x.xn--p1ai", "abc.de",
        ];
        for host in hosts {
            for text in [host.to_string(), format!("https://{host}/login"), format!("Visit www.{host} now")] {
                let expected = extract_claim(&text, &domains);
                for target in [host.to_string(), host.to_ascii_lowercase(), format!("www.{host}")] {
                    let parts = domains.parts(&target);
                    let with_target = extract_claim_for(&text, &domains, Some((&target, &parts)));
                    assert_eq!(with_target, expected, "{text:?} on {target:?}");
                }
            }
        }
    }

    /// A URL on the link's own target host that claims nothing itself (an IP's) is read whole:
    /// the text shows where the link goes, and a name in that URL's query is not a claim. On
    /// another host, or followed by more text, the scan goes on.
    #[test]
    fn a_url_on_the_targets_own_host_is_read_whole() {
        let domains = Domains::embedded();
        let cache = "http://216.239.39.100/search?q=cache:usJnd2dwCDQC:www.theage.com.au/news/state/2001/07/02/FFX0ADFPLOC.html";
        // (text, target host, expected claim host)
        let cases: &[(&str, &str, Option<&str>)] = &[
            (cache, "216.239.39.100", None),
            ("https://203.0.113.7/redirect?to=https://www.eki-net.com/", "203.0.113.7", None),
            ("ｈｔｔｐｓ：／／２０３．０．１１３．７／?u=www.eki-net.com", "203.0.113.7", None),
            // The same texts on a link that goes elsewhere: the name is what a reader may take
            // for the destination.
            (cache, "evil.example.net", Some("www.theage.com.au")),
            ("https://203.0.113.7/redirect?to=https://www.eki-net.com/", "evil.example.net", Some("www.eki-net.com")),
            // Text after the URL is read.
            ("http://192.168.0.1/ or www.eki-net.com", "192.168.0.1", Some("www.eki-net.com")),
        ];
        for &(text, target, want) in cases {
            let parts = domains.parts(target);
            let got = extract_claim_for(text, &domains, Some((target, &parts)));
            assert_eq!(got.as_ref().map(|c| c.host.as_str()), want, "{text:?} -> {target}");
        }
    }

    #[test]
    fn cjk_letter_ranges_are_all_letters() {
        for (first, last) in CJK_LETTER_RANGES {
            for c in first..=last {
                assert!(c.is_alphanumeric(), "{c:?} (U+{:04X})", u32::from(c));
            }
        }
    }

    #[test]
    fn no_claims() {
        let domains = Domains::embedded();
        for &text in NO_CLAIMS {
            assert_eq!(
                extract_claim(text, &domains),
                None,
                "extract_claim({text:?})"
            );
        }
    }

    /// ICU4X's NFKC (used here since it replaced unicode-normalization's) gives the same result
    /// as unicode-normalization for every character of Unicode.
    #[test]
    fn nfkc_matches_unicode_normalization_for_every_character() {
        use unicode_normalization::UnicodeNormalization;
        let mut buf = [0u8; 4];
        let mut mismatches = Vec::new();
        for c in (0..=char::MAX as u32).filter_map(char::from_u32) {
            let s = c.encode_utf8(&mut buf);
            let (ours, theirs) = (NFKC.normalize(s), s.nfkc().collect::<String>());
            if ours != theirs {
                mismatches.push(format!("U+{:04X}: {ours:?} != {theirs:?}", c as u32));
            }
        }
        assert!(mismatches.is_empty(), "{} mismatches: {:?}", mismatches.len(), &mismatches[..mismatches.len().min(20)]);
    }

    /// Whole strings, where composition across characters matters: full-width URLs,
    /// ligatures, compatibility characters, half-width kana with voiced marks, decomposed
    /// accents, Hangul jamo.
    #[test]
    fn a_typed_address_is_read_as_an_address_bar_reads_it() {
        for (typed, address) in [
            ("checkid.ddnsking.com/login", "http://checkid.ddnsking.com/login"),
            ("  ｃｈｅｃｋｉｄ．ｄｄｎｓｋｉｎｇ．ｃｏｍ  ", "http://checkid.ddnsking.com"),
            ("ｈｔｔｐｓ：／／www.eki-net.com/", "https://www.eki-net.com/"),
            ("https://checkid.ddnsking.com/", "https://checkid.ddnsking.com/"),
            ("HTTP://Example.com", "HTTP://Example.com"),
            ("localhost:8080/x", "http://localhost:8080/x"),
            ("example.com:443", "http://example.com:443"),
            ("mailto:support@eki-net.com", "mailto:support@eki-net.com"),
            ("javascript:alert(1)", "javascript:alert(1)"),
            ("ftp://files.example.org/a", "ftp://files.example.org/a"),
            ("192.168.0.1", "http://192.168.0.1"),
            ("", ""),
            ("   ", ""),
        ] {
            assert_eq!(typed_address(typed), address, "{typed:?}");
        }
    }

    #[test]
    fn nfkc_strings() {
        use unicode_normalization::UnicodeNormalization;
        const CASES: &[(&str, &str)] = &[
            ("ｈｔｔｐｓ：／／ｗｗｗ．ｅｋｉ－ｎｅｔ．ｃｏｍ", "https://www.eki-net.com"),
            ("ｗｗｗ．ａｍａｚｏｎ．ｃｏ．ｊｐ／ｌｏｇｉｎ", "www.amazon.co.jp/login"),
            ("oﬀice.com", "office.com"),
            ("ﬁnance.example", "finance.example"),
            ("ﬃ ﬄ ﬆ", "ffi ffl st"),
            ("①②.com", "12.com"),
            ("⒈com", "1.com"),
            ("㏂", "a.m."),
            ("™ ℡ ㍿", "TM TEL 株式会社"),
            ("Ⅻ ⅻ", "XII xii"),
            ("𝐩𝐚𝐲𝐩𝐚𝐥.com", "paypal.com"),
            ("ｶﾞｲﾄﾞ", "ガイド"),
            ("カ\u{3099}", "ガ"),
            ("cafe\u{301}.fr", "café.fr"),
            ("\u{1100}\u{1161}\u{11A8}", "각"),
            ("例え。jp", "例え。jp"),
            ("eki-net｡com", "eki-net。com"),
            ("münchen.de", "münchen.de"),
            ("раураӏ.com", "раураӏ.com"),
            ("", ""),
        ];
        for &(input, expected) in CASES {
            assert_eq!(NFKC.normalize(input), expected, "NFKC({input:?})");
            assert_eq!(input.nfkc().collect::<String>(), expected, "unicode-normalization NFKC({input:?})");
        }
    }

    /// `is_dot_like` is exactly the characters whose NFKC has a full stop or an ideographic
    /// full stop in it (the promise its comment makes).
    #[test]
    fn dot_like_is_what_nfkc_makes_a_dot() {
        let mut buf = [0u8; 4];
        for c in (0..=char::MAX as u32).filter_map(char::from_u32) {
            let nfkc = NFKC.normalize(c.encode_utf8(&mut buf));
            let dotted = nfkc.contains('.') || nfkc.contains('\u{3002}');
            assert_eq!(is_dot_like(c), dotted, "is_dot_like(U+{:04X}), NFKC {nfkc:?}", c as u32);
        }
    }

    #[test]
    fn inner_dots() {
        const CASES: &[(&str, bool)] = &[
            ("ログインはこちら", false),
            ("詳細はこちら。", false),
            ("。こちら", false),
            ("Mehr erfahren…", false),
            ("例え.jp", true),
            ("例え。jp", true),
            ("ｅｋｉ－ｎｅｔ．ｃｏｍ", true),
            ("eki-net｡com", true),
            ("paypal\u{200B}.com", true),
            ("⒈com", true),
            ("münchen.de", true),
            ("ü. de", false),
        ];
        for &(text, expected) in CASES {
            assert_eq!(has_inner_dot(text), expected, "has_inner_dot({text:?})");
        }
    }

    #[test]
    fn claim_text_is_bounded() {
        let domains = Domains::embedded();
        let long = format!("https://www.eki-net.com/{}", "a".repeat(1000));
        let claim = extract_claim(&long, &domains).expect("claim");
        assert_eq!(claim.claim.chars().count(), MAX_CLAIM_CHARS);
        assert_eq!(claim.host, "www.eki-net.com");
        let long_jp = format!("https://www.eki-net.com/{}", "あ".repeat(1000));
        // Japanese text after the URL is not part of it.
        assert_eq!(
            extract_claim(&long_jp, &domains).expect("claim").claim,
            "https://www.eki-net.com/"
        );
        let long_path = format!("https://www.eki-net.com/{}", "é".repeat(1000));
        assert_eq!(
            extract_claim(&long_path, &domains)
                .expect("claim")
                .claim
                .chars()
                .count(),
            MAX_CLAIM_CHARS
        );
    }

    #[test]
    fn odd_input_does_not_panic() {
        let domains = Domains::embedded();
        let inputs = [
            "....".to_owned(),
            ".".repeat(10_000),
            "a.".repeat(5_000),
            "https://".repeat(100),
            "@.@.@".to_owned(),
            "\u{3002}\u{3002}".to_owned(),
            "x\u{0301}.\u{0301}".to_owned(),
            format!("{}.com", "a".repeat(300)),
            format!("{}.com", "ä".repeat(300)),
            "(((((https://a.com/(((".to_owned(),
            "https://a.com:99999999/".to_owned(),
            "\u{FEFF}\u{200B}.".to_owned(),
        ];
        for text in &inputs {
            let _ = extract_claim(text, &domains);
        }
        assert_eq!(
            extract_claim(&format!("{}.com", "a".repeat(300)), &domains),
            None
        );
    }
}
