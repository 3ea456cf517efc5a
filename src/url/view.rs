//! A read-only view of a parsed URL's serialization, and a fast path that recognizes the plain
//! `http(s)` hrefs the `url` crate would leave exactly as written.
//!
//! Why: `url::Url::parse` was ≈30 % of the engine's time per link (it re-writes every byte of
//! the href through its WHATWG state machine, ~40 instructions a byte), although most hrefs in
//! mail (`https://www.example.com/path?utm_source=...`) come out of it byte for byte unchanged.
//! [`parse_plain`] accepts only such hrefs, from a deliberately small and conservative set of
//! bytes, and declines everything else (IPs, ports, userinfo, IDN, upper case, dot segments,
//! backslashes, any character the URL Standard percent-encodes or strips...): the caller then
//! falls back to `Url::parse`. Its claim "`Url::parse(s)` would give exactly `s`, with these
//! components" is checked against the `url` crate by the `url_view` fuzz target
//! (`fuzz/fuzz_targets/url_view.rs`) and by the table tests below.
//!
//! [`UrlView`] is what the wrapper recognizers (`unwrap.rs`) read: the same accessors for a
//! `Url` and for an href the fast path accepted.

use std::borrow::Cow;

use url::{form_urlencoded, Position, Url};

use crate::host::ace::is_ace_label;

/// Where the components of a URL serialization start and end (byte offsets).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Layout {
    /// Length of the scheme (without `:`).
    scheme_end: usize,
    /// The host's byte range, when there is a host.
    host: Option<(usize, usize)>,
    /// Start of the path.
    path_start: usize,
    /// Index of the `?` that starts the query, when there is one.
    query_start: Option<usize>,
    /// Index of the `#` that starts the fragment, when there is one.
    fragment_start: Option<usize>,
}

/// A URL serialization with its [`Layout`]: read-only accessors named like `url::Url`'s.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UrlView<'a> {
    serialization: &'a str,
    layout: Layout,
}

impl<'a> UrlView<'a> {
    /// The view of a parsed `Url` (its own serialization and component offsets).
    pub fn of(url: &'a Url) -> UrlView<'a> {
        let serialization = url.as_str();
        let offset = |s: &str| s.as_ptr() as usize - serialization.as_ptr() as usize;
        let host = url.host_str().map(|h| {
            let start = offset(h);
            (start, start + h.len())
        });
        let layout = Layout {
            scheme_end: url.scheme().len(),
            host,
            path_start: url[..Position::BeforePath].len(),
            query_start: url.query().map(|_| url[..Position::AfterPath].len()),
            fragment_start: url.fragment().map(|_| url[..Position::AfterQuery].len()),
        };
        UrlView { serialization, layout }
    }

    /// `serialization` with a layout [`parse_plain`] returned for it.
    pub fn with_layout(serialization: &'a str, layout: Layout) -> UrlView<'a> {
        UrlView { serialization, layout }
    }

    pub fn as_str(&self) -> &'a str {
        self.serialization
    }

    pub fn scheme(&self) -> &'a str {
        &self.serialization[..self.layout.scheme_end]
    }

    pub fn host_str(&self) -> Option<&'a str> {
        self.layout.host.map(|(start, end)| &self.serialization[start..end])
    }

    fn query_end(&self) -> usize {
        self.layout.fragment_start.unwrap_or(self.serialization.len())
    }

    pub fn path(&self) -> &'a str {
        let end = self.layout.query_start.unwrap_or_else(|| self.query_end());
        &self.serialization[self.layout.path_start..end]
    }

    pub fn query(&self) -> Option<&'a str> {
        self.layout.query_start.map(|q| &self.serialization[q + 1..self.query_end()])
    }

    pub fn fragment(&self) -> Option<&'a str> {
        self.layout.fragment_start.map(|f| &self.serialization[f + 1..])
    }

    /// Like `Url::query_pairs`: the query, form-decoded.
    pub fn query_pairs(&self) -> form_urlencoded::Parse<'a> {
        form_urlencoded::parse(self.query().unwrap_or("").as_bytes())
    }

    /// The values of the query pairs named `name`, in order: what
    /// `query_pairs().filter(|(key, _)| key == name).map(|(_, value)| value)` gives, with a
    /// value decoded only when its name is `name` (decoding every value of a long tracking
    /// query to find one name cost more than the rest of the wrapper checks on such a link).
    pub fn query_values<'n>(&self, name: &'n str) -> impl Iterator<Item = Cow<'a, str>> + use<'a, 'n> {
        let query = self.query().unwrap_or("").as_bytes();
        // `form_urlencoded::parse` splits on `&`, skips empty pairs and splits each at its
        // first `=`; a name holds neither, so parsing it alone decodes it the same way.
        query.split(|&b| b == b'&').filter(|pair| !pair.is_empty()).filter_map(move |pair| {
            let key = pair.split(|&b| b == b'=').next().unwrap_or_default();
            let decoded_key = form_urlencoded::parse(key).next().map(|(k, _)| k).unwrap_or_default();
            if decoded_key != name {
                return None;
            }
            form_urlencoded::parse(pair).next().map(|(_, value)| value)
        })
    }

    /// `&url[Position::BeforePath..Position::AfterQuery]`: path and query.
    pub fn path_and_query(&self) -> &'a str {
        &self.serialization[self.layout.path_start..self.query_end()]
    }

    /// `&url[Position::BeforePath..]`: path, query and fragment.
    pub fn path_and_rest(&self) -> &'a str {
        &self.serialization[self.layout.path_start..]
    }
}

/// Bytes a path may hold for the fast path: letters, digits and `-._~!$&'()*+,;=:@/%`. None of
/// them is percent-encoded, stripped or rewritten by the URL Standard in a special URL's path
/// (`\` is: it becomes `/`; so are the characters of the path percent-encode set, and `^`,
/// `|`, `[`, `]`, `{`, `}` are left out only to stay far from any version difference).
const fn is_plain_path_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric()
        || matches!(b, b'-' | b'.' | b'_' | b'~' | b'!' | b'$' | b'&' | b'(' | b')' | b'*' | b'+' | b',' | b';' | b'=' | b':' | b'@' | b'/' | b'%' | b'\'')
}

/// Query and fragment bytes: the path's, without `'` (the special-query percent-encode set has
/// it) and with `?`.
const fn is_plain_query_byte(b: u8) -> bool {
    (is_plain_path_byte(b) && b != b'\'') || b == b'?'
}

const PATH_BYTE: u8 = 1;
const QUERY_BYTE: u8 = 2;
/// A path byte inside a segment (not `/`).
const SEGMENT_BYTE: u8 = 4;
/// A byte of a host label the fast path takes: `a-z`, `0-9`, `-`.
const HOST_LABEL_BYTE: u8 = 8;

/// [`is_plain_path_byte`], [`is_plain_query_byte`] and the host's label bytes as one table
/// lookup per byte (every byte of most hrefs goes through it).
static BYTE_CLASS: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let byte = b as u8;
        if is_plain_path_byte(byte) {
            table[b] |= PATH_BYTE;
        }
        if is_plain_query_byte(byte) {
            table[b] |= QUERY_BYTE;
        }
        if is_plain_path_byte(byte) && byte != b'/' {
            table[b] |= SEGMENT_BYTE;
        }
        if matches!(byte, b'a'..=b'z' | b'0'..=b'9' | b'-') {
            table[b] |= HOST_LABEL_BYTE;
        }
        b += 1;
    }
    table
};

/// The layout of `s` when `Url::parse(s)` is certain to succeed and serialize to exactly `s`:
/// `http://` or `https://` (lower case), a host of lower-case letters, digits, `-` and `.`
/// (non-empty labels, no `xn--` label, a last label that doesn't start with a digit, so never
/// an IPv4 address in any of its forms), no userinfo, no port, then a path (`/` required:
/// the parser would add it) without dot segments, and an optional query and fragment of
/// [`is_plain_query_byte`]s. `None` for anything else: the caller uses `Url::parse`.
pub fn parse_plain(s: &str) -> Option<Layout> {
    let bytes = s.as_bytes();
    let scheme_end = if bytes.starts_with(b"https://") {
        5
    } else if bytes.starts_with(b"http://") {
        4
    } else {
        return None;
    };
    let host_start = scheme_end + 3;

    let class = |b: u8| BYTE_CLASS[usize::from(b)];
    // Host: labels of [a-z0-9-], separated by single dots, up to the path's `/`.
    let mut i = host_start;
    let mut label_start = i;
    loop {
        // The label's bytes, one table lookup each.
        while i < bytes.len() && class(bytes[i]) & HOST_LABEL_BYTE != 0 {
            i += 1;
        }
        let b = *bytes.get(i)?; // the end of the input before a `/`: the parser adds one
        match b {
            b'.' | b'/' => {
                let label = &bytes[label_start..i];
                // An empty label (leading, doubled or trailing dot) or an ACE label (IDNA
                // checks and may reject it): not for the fast path.
                if label.is_empty() || is_ace_label(label) {
                    return None;
                }
                if b == b'/' {
                    // The last label: starting with a digit, it may be (part of) an IPv4
                    // address (`1.2.3.4`, `0x7f.1`, `017700000001`), which the parser rewrites.
                    if label[0].is_ascii_digit() {
                        return None;
                    }
                    break;
                }
                i += 1;
                label_start = i;
            }
            // `:` (port), `@` (userinfo), `?`/`#` right after the host (the parser inserts
            // `/`), upper case, `%`, `[`, `\`, non-ASCII...
            _ => return None,
        }
    }
    let host = (host_start, i);
    let path_start = i;

    // Path: up to `?` or `#`; no `.`/`..` segment (nor their percent-encoded forms).
    // (Segment by segment, one table lookup per byte: every byte of most hrefs passes here.)
    let mut query_start = None;
    let mut fragment_start = None;
    i += 1; // past the path's leading `/`
    let mut segment_start = i;
    loop {
        // Eight bytes at a time while all eight are segment bytes (a mail href's path holds
        // long tokens), then byte by byte, as the query below.
        while let Some(chunk) = bytes.get(i..i + 8) {
            if chunk.iter().fold(SEGMENT_BYTE, |all, &b| all & class(b)) == 0 {
                break;
            }
            i += 8;
        }
        while i < bytes.len() && class(bytes[i]) & SEGMENT_BYTE != 0 {
            i += 1;
        }
        if is_dot_segment(&bytes[segment_start..i]) {
            return None;
        }
        match bytes.get(i) {
            None => break,
            Some(b'/') => {
                i += 1;
                segment_start = i;
            }
            Some(b'?') => {
                query_start = Some(i);
                break;
            }
            Some(b'#') => {
                fragment_start = Some(i);
                break;
            }
            Some(_) => return None,
        }
    }

    // Query, up to `#`.
    if query_start.is_some() {
        i += 1;
        // Eight bytes at a time while all eight are query bytes: one branch per eight on the
        // long tracking queries that are most of an href's bytes. Then byte by byte up to
        // the first byte that isn't one.
        while let Some(chunk) = bytes.get(i..i + 8) {
            if chunk.iter().fold(QUERY_BYTE, |all, &b| all & class(b)) == 0 {
                break;
            }
            i += 8;
        }
        while i < bytes.len() && class(bytes[i]) & QUERY_BYTE != 0 {
            i += 1;
        }
        match bytes.get(i) {
            None => {}
            Some(b'#') => fragment_start = Some(i),
            Some(_) => return None,
        }
    }
    // Fragment: to the end (a second `#` is declined).
    if fragment_start.is_some() && !bytes[i + 1..].iter().all(|&b| class(b) & QUERY_BYTE != 0) {
        return None;
    }
    Some(Layout { scheme_end, host: Some(host), path_start, query_start, fragment_start })
}

/// `.`, `..`, or either written with `%2e`: the parser removes or resolves such segments.
/// Declined conservatively: any segment made only of dots and `%2e`s.
fn is_dot_segment(segment: &[u8]) -> bool {
    if segment.is_empty() {
        return false;
    }
    let mut rest = segment;
    while !rest.is_empty() {
        if rest[0] == b'.' {
            rest = &rest[1..];
        } else if rest.len() >= 3 && rest[0] == b'%' && rest[1] == b'2' && (rest[2] | 0x20) == b'e' {
            rest = &rest[3..];
        } else {
            return false;
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    /// Hrefs the fast path takes: each must also be what `Url::parse` makes of it, with the
    /// same components.
    const ACCEPTED: &[&str] = &[
        "https://www.example.com/",
        "http://example.com/a/b/c.html",
        "https://click.example-shop.jp/c?id=1&u=2",
        "https://www.example.com/path?utm_source=newsletter&utm_medium=email#top",
        "https://a.b.c.workers.dev/x/",
        "https://example.com/?",
        "https://example.com/#",
        "https://example.com/a?b?c",
        "https://example.com/a;b=c/@user:x/%20/~me/(1)*!$,+",
        "https://1.2.3.example.com/",
        "https://-weird-.example.com/",
        "https://example.com/.well-known/x",
        "https://example.com/a..b/",
        "https://example.com//double//slash",
        "https://example.com/%zz/%",
    ];

    /// Hrefs it declines (the parser changes them, rejects them, or they are out of its
    /// deliberately small scope).
    const DECLINED: &[&str] = &[
        "",
        "https://example.com",
        "https://example.com?q=1",
        "https://example.com#x",
        "HTTPS://example.com/",
        "https://Example.com/",
        "https://example.com./",
        "https://.example.com/",
        "https://a..b/",
        "https:///example.com/",
        "https://example.com:443/",
        "https://example.com:8080/",
        "https://user@example.com/",
        "https://user:pw@example.com/",
        "https://192.168.0.1/",
        "https://3405803853/",
        "https://0x7f.1/",
        "https://example.0x1/",
        "https://[::1]/",
        "https://xn--r8jz45g.jp/",
        "https://www.xn--pypal-4ve.com/",
        "https://bücher.de/",
        "https://example.com/a b",
        "https://example.com/a\tb",
        "https://example.com/a\\b",
        "https://example.com/./a",
        "https://example.com/a/../b",
        "https://example.com/a/..",
        "https://example.com/a/.",
        "https://example.com/%2e/a",
        "https://example.com/.%2E/a",
        "https://example.com/a/..?q",
        "https://example.com/a/..#f",
        "https://example.com/a\"b",
        "https://example.com/a<b>",
        "https://example.com/a^b",
        "https://example.com/a|b",
        "https://example.com/a`b",
        "https://example.com/{a}",
        "https://example.com/[a]",
        "https://example.com/?a'b",
        "https://example.com/#a'b",
        "https://example.com/#a#b",
        "https://example.com/ä",
        "ftp://example.com/",
        "file:///etc/passwd",
        "mailto:a@example.com",
        "javascript:alert(1)",
        "http:example.com/",
        "http:/example.com/",
        "https:\\\\example.com/",
    ];

    #[test]
    fn accepted_hrefs_equal_the_url_crate() {
        for href in ACCEPTED {
            let layout = parse_plain(href).unwrap_or_else(|| panic!("fast path declined {href:?}"));
            let url = Url::parse(href).unwrap_or_else(|e| panic!("{href:?}: {e}"));
            assert_eq!(url.as_str(), *href, "serialization of {href:?}");
            let fast = UrlView::with_layout(href, layout);
            assert_eq!(fast, UrlView::of(&url), "view of {href:?}");
            assert_eq!(fast.path(), url.path(), "path of {href:?}");
            assert_eq!(fast.query(), url.query(), "query of {href:?}");
            assert_eq!(fast.fragment(), url.fragment(), "fragment of {href:?}");
            assert_eq!(fast.host_str(), url.host_str(), "host of {href:?}");
            assert_eq!(fast.scheme(), url.scheme(), "scheme of {href:?}");
        }
    }

    #[test]
    fn path_bytes_are_read_at_every_offset() {
        // The path is read eight bytes at a time, then byte by byte: a byte that ends a segment
        // or declines the href, at every offset of segments up to 20 bytes long.
        for len in 0..=20 {
            for at in 0..=len {
                for odd in ["", "/", "?q", "#f", "\"", "ä", "/..", "/.", "%2e", "|", " "] {
                    let mut segment = "a".repeat(len);
                    segment.insert_str(at, odd);
                    for href in [format!("https://example.com/{segment}"), format!("https://example.com/x/{segment}/y")] {
                        let url = Url::parse(&href).unwrap();
                        match parse_plain(&href) {
                            Some(layout) => {
                                assert_eq!(url.as_str(), href, "serialization of {href:?}");
                                assert_eq!(UrlView::with_layout(&href, layout), UrlView::of(&url), "view of {href:?}");
                            }
                            None => assert!(!odd.is_empty() && !matches!(odd, "/" | "?q" | "#f"), "declined {href:?}"),
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn other_hrefs_are_declined() {
        for href in DECLINED {
            assert_eq!(parse_plain(href), None, "fast path took {href:?}");
        }
    }

    #[test]
    fn query_values_are_the_filtered_query_pairs() {
        let queries = [
            "", "q", "q=", "=q", "&&q=1&&", "q=1&q=2&url=3", "q=a=b&q", "sour%63e=gmail&source=gm%61il",
            "source+=gmail&source=gmail+", "q=%FF%FE&%71=x", "url=https%3A%2F%2Fa.example%2F%3Fb%3D1",
            "a+b=c+d&a%20b=e", "%=%&q=%2", "q=\u{e9}&\u{e9}=1",
        ];
        for query in queries {
            let url = Url::parse(&format!("https://example.com/?{query}")).unwrap();
            let view = UrlView::of(&url);
            for name in ["q", "url", "source", "", "a b", "\u{e9}"] {
                let expected: Vec<_> =
                    view.query_pairs().filter(|(key, _)| key == name).map(|(_, value)| value).collect();
                assert_eq!(view.query_values(name).collect::<Vec<_>>(), expected, "{query:?} {name:?}");
            }
        }
    }

    #[test]
    fn view_of_a_url_matches_its_accessors() {
        let urls = [
            "https://user:pw@Example.COM:8443/a/./b/../c?x=1&y=%20#frag",
            "mailto:someone@example.com?subject=hi",
            "data:text/plain,hello",
            "http://[2001:db8::1]/?",
            "https://example.com#only-fragment",
        ];
        for s in urls {
            let url = Url::parse(s).unwrap();
            let view = UrlView::of(&url);
            assert_eq!(view.as_str(), url.as_str(), "{s}");
            assert_eq!(view.scheme(), url.scheme(), "{s}");
            assert_eq!(view.host_str(), url.host_str(), "{s}");
            assert_eq!(view.path(), url.path(), "{s}");
            assert_eq!(view.query(), url.query(), "{s}");
            assert_eq!(view.fragment(), url.fragment(), "{s}");
            assert_eq!(view.path_and_query(), &url[Position::BeforePath..Position::AfterQuery], "{s}");
            assert_eq!(view.path_and_rest(), &url[Position::BeforePath..], "{s}");
            assert!(view.query_pairs().eq(url.query_pairs()), "{s}");
        }
    }
}
