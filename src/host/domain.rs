//! Host normalization and the Public Suffix List (vendored in `data/`, private section included).
//!
//! `build.rs` parses `data/public_suffix_list.dat` and compiles it in as a label trie
//! (`label_trie.rs`), so there is nothing to load at start-up (parsing the text with the
//! `publicsuffix` crate's own `List` cost 13-15 ms natively, far more in wasm, on every
//! service-worker wake). Lookups go through the `publicsuffix` crate's [`Psl`] trait, so the
//! suffix and registrable-domain rules are the crate's; the trie only answers `find`, with the
//! crate's own algorithm, and a test checks that both agree on every rule of the list.
//!
//! Labels match byte for byte (the list is case-sensitive), so every host handed to
//! [`Domains`] must first go through [`normalize_host`] (the `url` crate's hosts already are
//! normalized the same way).

use idna::AsciiDenyList;
use publicsuffix::{Info, Psl, Type};

use std::sync::OnceLock;

use crate::host::ace::is_ace_label;
use crate::host::label_trie::{CompiledTrie, LabelTrie, ROOT};

/// Payload bits of a node, as `build.rs` writes them.
const PSL_RULE: u16 = 1;
const PSL_EXCEPTION: u16 = 2;
const PSL_PRIVATE: u16 = 4;
/// A node only the host catalog has (`catalog.rs` shares the trie; `build.rs`): not the list's.
const CATALOG_ONLY: u16 = 16;

static PSL_TABLES: CompiledTrie = crate::compiled_label_trie!("psl");

/// The Public Suffix List as a compiled-in label trie.
pub struct SuffixTrie(LabelTrie);

struct Leaf {
    is_exception: bool,
    typ: Type,
}

impl SuffixTrie {
    /// The list's child of `node` labelled `label`: the catalog's nodes are not the list's.
    fn child(&self, node: usize, label: &[u8]) -> Option<usize> {
        self.0.child(node, label).filter(|&child| self.0.payload(child) & CATALOG_ONLY == 0)
    }

    /// The trie, the host catalog's suffixes included.
    pub(crate) fn trie(&self) -> &LabelTrie {
        &self.0
    }

    /// The payload byte of every node of [`SuffixTrie::trie`], as compiled in (the catalog counts
    /// its suffixes among them).
    pub(crate) fn compiled_payloads(&self) -> &'static [u8] {
        PSL_TABLES.payloads
    }

    fn leaf(&self, node: usize) -> Option<Leaf> {
        let payload = self.0.payload(node);
        (payload & PSL_RULE != 0).then_some(Leaf {
            is_exception: payload & PSL_EXCEPTION != 0,
            typ: if payload & PSL_PRIVATE != 0 { Type::Private } else { Type::Icann },
        })
    }

    /// Number of rules compiled in.
    pub fn len(&self) -> usize {
        (0..self.0.len()).filter(|&node| self.0.payload(node) & PSL_RULE != 0).count()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl Psl for SuffixTrie {
    /// The `publicsuffix` crate's `List::find`, step for step, on this trie: the labels come
    /// right to left; the first one always counts (the implicit `*` rule); an exact label
    /// beats a wildcard; an exception rule ends the suffix just before its own label.
    fn find<'a, T>(&self, mut labels: T) -> Info
    where
        T: Iterator<Item = &'a [u8]>,
    {
        let Some(first) = labels.next() else {
            return Info { len: 0, typ: None };
        };
        let mut info = Info { len: first.len(), typ: None };
        let Some(mut node) = self.child(ROOT, first) else {
            return info;
        };
        info.typ = self.leaf(node).map(|leaf| leaf.typ);
        let mut len_so_far = info.len;
        for label in labels {
            node = match self.child(node, label).or_else(|| self.0.wildcard_child(node)) {
                Some(next) => next,
                None => break,
            };
            let label_plus_dot = label.len() + 1;
            if let Some(leaf) = self.leaf(node) {
                info.typ = Some(leaf.typ);
                if leaf.is_exception {
                    info.len = len_so_far;
                    break;
                }
                info.len = len_so_far + label_plus_dot;
            }
            len_so_far += label_plus_dot;
        }
        info
    }
}

/// Registrable domain (eTLD+1) and public suffix of a host.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DomainInfo {
    pub registrable: Option<String>,
    pub suffix: Option<String>,
    /// The suffix is from the PSL's private section (a provider's shared domain).
    pub suffix_is_private: bool,
    /// The suffix is a real listed rule (not the implicit `*` default rule).
    pub suffix_is_known: bool,
}

/// `name.strip_suffix(tail)`, with no byte compared when `tail` is the end of `name` in memory:
/// a host's [`DomainParts`] are slices of the host, so the brand checks' "the host less its
/// registrable domain (or suffix)" is a length, not a `memcmp` call (≈ 7 a link; a call to
/// libc's for a few bytes costs more in time than its instructions count).
#[inline]
pub fn strip_tail<'a>(name: &'a str, tail: &str) -> Option<&'a str> {
    let head = name.len().checked_sub(tail.len())?;
    let end = name.as_bytes().get(head..)?;
    if std::ptr::eq(end.as_ptr(), tail.as_ptr()) || end == tail.as_bytes() { name.get(..head) } else { None }
}

/// [`DomainInfo`] as slices of the host it describes: no allocation at all.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DomainParts<'h> {
    pub registrable: Option<&'h str>,
    pub suffix: Option<&'h str>,
    pub suffix_is_private: bool,
    pub suffix_is_known: bool,
}

impl DomainParts<'_> {
    pub fn to_info(self) -> DomainInfo {
        DomainInfo {
            registrable: self.registrable.map(str::to_owned),
            suffix: self.suffix.map(str::to_owned),
            suffix_is_private: self.suffix_is_private,
            suffix_is_known: self.suffix_is_known,
        }
    }
}

/// The Public Suffix List, compiled in.
#[derive(Clone, Copy)]
pub struct Domains {
    list: &'static SuffixTrie,
}

impl std::fmt::Debug for Domains {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Domains(embedded PSL)")
    }
}

impl Domains {
    /// The list vendored in `data/public_suffix_list.dat`, compiled in. The first call
    /// rebuilds the trie's child ranges (≈0.6 ms natively, one pass over 11,000 nodes); later
    /// calls are free.
    pub fn embedded() -> Domains {
        static LIST: OnceLock<SuffixTrie> = OnceLock::new();
        Domains { list: LIST.get_or_init(|| SuffixTrie(LabelTrie::load(&PSL_TABLES))) }
    }

    /// The loaded list, for callers that want the `publicsuffix` API itself.
    pub fn list(&self) -> &'static SuffixTrie {
        self.list
    }

    /// Registrable domain and public suffix of `ascii_host`, which must already be normalized
    /// (see [`normalize_host`]). IP literals, empty labels, upper case or non-ASCII input get
    /// an empty [`DomainInfo`]. Allocates only the two result strings; see [`Domains::parts`].
    pub fn info(&self, ascii_host: &str) -> DomainInfo {
        self.parts(ascii_host).to_info()
    }

    /// Like [`Domains::info`], borrowing from `ascii_host` instead of allocating.
    ///
    /// A single-label host (`localhost`, `com`) has a suffix but no registrable domain. A host
    /// under an unlisted TLD (`foo.invalidtld`) gets the PSL's implicit `*` rule: suffix
    /// `invalidtld`, registrable `foo.invalidtld`, `suffix_is_known == false`.
    pub fn parts<'h>(&self, ascii_host: &'h str) -> DomainParts<'h> {
        // One trailing dot (a fully qualified name) names the same host.
        let host = ascii_host.strip_suffix('.').unwrap_or(ascii_host);
        if !is_lookup_ready(host) {
            return DomainParts::default();
        }
        self.lookup(host)
    }

    /// [`Domains::parts`] of a host `url::view::parse_plain` accepted: labels of `[a-z0-9-]`,
    /// none empty, the last not starting with a digit. Such a host is lookup-ready, so its
    /// bytes are not checked again (tested: `plain_hosts_are_lookup_ready`).
    pub(crate) fn parts_of_plain_host<'h>(&self, host: &'h str) -> DomainParts<'h> {
        debug_assert!(is_lookup_ready(host), "{host:?}");
        self.lookup(host)
    }

    /// The PSL lookup of a lookup-ready host without a trailing dot.
    fn lookup<'h>(&self, host: &'h str) -> DomainParts<'h> {
        let Some(suffix) = self.list.suffix(host.as_bytes()) else {
            return DomainParts::default();
        };
        let typ = suffix.typ();
        let suffix_start = host.len() - suffix.as_bytes().len();
        // `host` is ASCII (checked above), so every byte index is a char boundary; `get`
        // keeps this panic-free regardless.
        let suffix_str = host.get(suffix_start..);
        // The registrable domain is the suffix plus the one label before it.
        let registrable = suffix_start
            .checked_sub(1)
            .filter(|&dot| host.as_bytes()[dot] == b'.')
            .and_then(|dot| {
                // (Bytes, not a `char` pattern: this is the hot path.)
                let label_start = host.as_bytes()[..dot].iter().rposition(|&b| b == b'.').map_or(0, |i| i + 1);
                (label_start < dot).then(|| host.get(label_start..)).flatten()
            });
        DomainParts {
            registrable,
            suffix: suffix_str,
            suffix_is_private: typ == Some(Type::Private),
            suffix_is_known: typ.is_some(),
        }
    }

    /// Just the registrable domain, as a slice of `ascii_host` (no allocation).
    pub fn registrable_str<'h>(&self, ascii_host: &'h str) -> Option<&'h str> {
        self.parts(ascii_host).registrable
    }
}

/// Bytes no name the PSL lookup answers for contains: non-ASCII, upper case, and the `:` and
/// `[` of IPv6 literals.
static REFUSED_IN_LOOKUP: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        let byte = b as u8;
        table[b] = !byte.is_ascii() || byte.is_ascii_uppercase() || byte == b':' || byte == b'[';
        b += 1;
    }
    table
};

/// A name the PSL lookup can answer for: lowercase ASCII, no empty label, not an IP literal.
fn is_lookup_ready(host: &str) -> bool {
    // One pass over the bytes (this runs for every host the engine sees), without a branch
    // per byte: a refused byte, or a dot right after a dot, sets `refused`.
    let mut after_dot = true; // a leading dot is an empty label too
    let mut refused = false;
    for &b in host.as_bytes() {
        let dot = b == b'.';
        refused |= REFUSED_IN_LOOKUP[usize::from(b)] | (dot & after_dot);
        after_dot = dot;
    }
    // `after_dot` still set: empty, or a trailing dot (the caller strips one).
    if refused || after_dot {
        return false;
    }
    let last_label = host.as_bytes().iter().rposition(|&b| b == b'.').map_or(host, |dot| &host[dot + 1..]);
    !ends_in_a_number(last_label)
}

/// The URL Standard's "ends in a number" test on the last label: such a host is an IPv4
/// address (possibly written in an obscured form), never a domain name.
fn ends_in_a_number(last_label: &str) -> bool {
    if !last_label.is_empty() && last_label.bytes().all(|b| b.is_ascii_digit()) {
        return true;
    }
    match last_label.strip_prefix("0x").or_else(|| last_label.strip_prefix("0X")) {
        Some(hex) => hex.bytes().all(|b| b.is_ascii_hexdigit()),
        None => false,
    }
}

/// Longest DNS name in presentation form without the root dot (RFC 1035 §2.3.4).
const MAX_NAME_LEN: usize = 253;
const MAX_LABEL_LEN: usize = 63;

/// The domain part of a mail address, as written (`"Support" <help@Amazon.CO.JP>` →
/// `Amazon.CO.JP`); [`normalize_host`] makes a host of it.
pub fn address_domain(address: &str) -> Option<&str> {
    let (_, domain) = address.rsplit_once('@')?;
    let domain = domain.trim().trim_end_matches(['>', ')']).trim().trim_end_matches('.');
    (!domain.is_empty()).then_some(domain)
}

/// Lowercase, strip one trailing dot, IDN to ASCII (punycode). `None` when not a valid name.
///
/// Trims surrounding whitespace first. Unicode names go through UTS #46 (`idna` crate, the
/// same mapping browsers use: full-width dots and letters fold, `xn--` labels are checked).
/// The result is a DNS name: labels of `a-z 0-9 - _`, 1-63 bytes each, 253 bytes at most.
/// A bracketed IPv6 literal (`[2001:DB8::1]`) comes back in canonical form (`[2001:db8::1]`);
/// dotted IPv4 and other numeric forms pass through as names (`url/ip.rs` interprets them).
pub fn normalize_host(raw: &str) -> Option<String> {
    let trimmed = raw.trim();
    if trimmed.is_empty() {
        return None;
    }
    if trimmed.starts_with('[') {
        // Serialized like the url crate (WHATWG) does, so it compares equal to `Url::host_str`.
        return match url::Host::parse(trimmed) {
            Ok(host @ url::Host::Ipv6(_)) => Some(host.to_string()),
            _ => None,
        };
    }
    if let Some(dns_shaped) = plain_ascii_name_shape(trimmed) {
        // UTS #46 would only lowercase it: check the DNS shape first, then copy once (the
        // checks of the UTS #46 path, on the lowercased copy, give the same answer for such a name).
        let name = trimmed.strip_suffix('.').unwrap_or(trimmed);
        return dns_shaped.then(|| name.to_ascii_lowercase());
    }
    let mut ascii = idna::domain_to_ascii_cow(trimmed.as_bytes(), AsciiDenyList::URL).ok()?.into_owned();
    if ascii.ends_with('.') {
        ascii.pop();
    }
    is_dns_name(&ascii).then_some(ascii)
}

/// Letters, digits, `-`, `.` and `_`.
static IS_LDH_OR_UNDERSCORE: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        let byte = b as u8;
        table[b] = byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_');
        b += 1;
    }
    table
};

/// For LDH(+underscore) ASCII with no punycode label (which UTS #46 would only lowercase):
/// whether it is a DNS name once one trailing dot is dropped (not empty, at most 253 bytes,
/// labels of 1 to 63 bytes). `None` for any other text. One pass over the bytes: every text
/// claim runs this, and the three walks it replaces (byte classes, `xn--` labels, label
/// lengths) were ≈ 500 instructions a host.
fn plain_ascii_name_shape(s: &str) -> Option<bool> {
    let bytes = s.as_bytes();
    // (Byte classes folded without a branch a byte; a label is looked at where it ends.)
    let mut all_ldh = true;
    let mut punycode = false;
    let mut labels_ok = true;
    let mut label_start = 0;
    let label_end = |start: usize, end: usize, punycode: &mut bool, labels_ok: &mut bool| {
        let label = &bytes[start..end];
        *punycode |= is_ace_label(label);
        *labels_ok &= (1..=MAX_LABEL_LEN).contains(&label.len());
    };
    for (i, &b) in bytes.iter().enumerate() {
        all_ldh &= IS_LDH_OR_UNDERSCORE[usize::from(b)];
        if b == b'.' {
            label_end(label_start, i, &mut punycode, &mut labels_ok);
            label_start = i + 1;
        }
    }
    // The empty label after a trailing dot is the dot that is dropped, not a label.
    if label_start < bytes.len() || bytes.is_empty() {
        label_end(label_start, bytes.len(), &mut punycode, &mut labels_ok);
    }
    let name_len = bytes.len() - usize::from(bytes.last() == Some(&b'.'));
    (all_ldh && !punycode).then_some(labels_ok && name_len > 0 && name_len <= MAX_NAME_LEN)
}

/// LDH(+underscore) ASCII with no punycode label: UTS #46 would only lowercase it.
/// (The three walks [`plain_ascii_name_shape`] does in one; its tests compare the two.)
#[cfg(test)]
fn is_plain_ascii_name(s: &str) -> bool {
    // (Folded without a branch per byte: claims and the allowlist run this.)
    s.bytes().fold(true, |all, b| all & IS_LDH_OR_UNDERSCORE[usize::from(b)])
        && !crate::host::ace::has_ace_label(s.as_bytes())
}

fn is_dns_name(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= MAX_NAME_LEN
        && s.as_bytes().split(|&b| b == b'.').all(|label| {
            (1..=MAX_LABEL_LEN).contains(&label.len())
                && label.iter().all(|b| matches!(b, b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_'))
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    /// The rules in ASCII as `build.rs` read them, with the section marker between.
    const PSL_RULES: &str = include_str!(concat!(env!("OUT_DIR"), "/public_suffix_list.rules"));
    const PRIVATE_MARKER: &str = "===PRIVATE===";

    #[test]
    fn strip_tail_is_strip_suffix_whether_or_not_the_tail_is_a_slice_of_the_name() {
        let names = ["", "a", ".", "com", "example.com", "www.example.com", "www.example.com.", "a.co.jp", "日本.jp", "xn--wgv71a.jp"];
        let tails = ["", "m", "com", ".com", "example.com", "co.jp", "jp", ".", "本.jp", "www.example.com.", "x.www.example.com"];
        for name in names {
            // Every end of the name as a slice of it (a byte compare is skipped), and the same
            // bytes copied elsewhere (compared).
            for start in (0..=name.len()).filter(|&i| name.is_char_boundary(i)) {
                let tail = &name[start..];
                assert_eq!(strip_tail(name, tail), Some(&name[..start]), "{name:?} less {tail:?}");
                let copy = String::from(tail); // the same bytes at another address
                assert_eq!(strip_tail(name, &copy), name.strip_suffix(tail), "{name:?} less {tail:?}");
                // A slice of the name that ends before it does: no tail, whatever its address.
                if start < name.len() {
                    let inner = &name[..name.len() - 1];
                    let inner_tail = inner.get(start.min(inner.len())..).unwrap_or("");
                    assert_eq!(strip_tail(name, inner_tail), name.strip_suffix(inner_tail), "{name:?} less {inner_tail:?}");
                }
            }
            for tail in tails {
                assert_eq!(strip_tail(name, tail), name.strip_suffix(tail), "{name:?} less {tail:?}");
            }
        }
    }

    #[test]
    fn plain_hosts_are_lookup_ready() {
        // Every host `parse_plain` takes: short names over bytes of each kind the checks tell
        // apart, and whole names; each must pass `is_lookup_ready` and get the same parts.
        use crate::url::view::{parse_plain, UrlView};
        let domains = Domains::embedded();
        let symbols = ["a", "x", "n", "0", "7", "-", ".", "A", ":", "[", "_", "é", "%"];
        let mut hosts: Vec<String> = vec![String::new()];
        let mut frontier = hosts.clone();
        for _ in 0..5 {
            frontier = frontier.iter().flat_map(|h| symbols.iter().map(move |s| format!("{h}{s}"))).collect();
            hosts.extend(frontier.iter().cloned());
        }
        for name in ["example.com", "a-b.co.jp", "xn--abc.com", "0x7f.com", "a.0x1", "1.2.3.4", "www.e.example.com.", "com", "a..com", "b.xn--p1ai"] {
            hosts.push(name.to_string());
        }
        let mut taken = 0;
        for host in &hosts {
            for head in ["https://", "http://"] {
                let href = format!("{head}{host}/p");
                let Some(layout) = parse_plain(&href) else { continue };
                let Some(plain_host) = UrlView::with_layout(&href, layout).host_str() else { continue };
                taken += 1;
                assert!(is_lookup_ready(plain_host), "{href:?}");
                assert_eq!(domains.parts_of_plain_host(plain_host), domains.parts(plain_host), "{href:?}");
            }
        }
        assert!(taken > 10_000, "{taken}");
    }

    /// The shape check before this step: three walks over the name.
    fn plain_ascii_name_shape_by_walks(s: &str) -> Option<bool> {
        if !is_plain_ascii_name(s) {
            return None;
        }
        let name = s.strip_suffix('.').unwrap_or(s);
        let labels_ok = name.as_bytes().split(|&b| b == b'.').all(|label| (1..=MAX_LABEL_LEN).contains(&label.len()));
        Some(!name.is_empty() && name.len() <= MAX_NAME_LEN && labels_ok)
    }

    #[test]
    fn plain_ascii_name_shape_agrees_with_the_three_walks() {
        // Every string up to six bytes over an alphabet with dots, `xn--`'s letters in both
        // cases, an underscore and a byte outside LDH; then long labels and long names.
        let alphabet = [b'.', b'x', b'N', b'-', b'a', b'_', b' ', b'~'];
        let mut cases: Vec<Vec<u8>> = vec![Vec::new()];
        let mut frontier = cases.clone();
        for _ in 0..6 {
            frontier = frontier
                .iter()
                .flat_map(|s| alphabet.iter().map(move |&b| [s.as_slice(), &[b]].concat()))
                .collect();
            cases.extend(frontier.iter().cloned());
        }
        for label in [62, 63, 64] {
            for name in ["a".repeat(label), format!("{}.com", "b".repeat(label)), format!("{}.", "c".repeat(label))] {
                cases.push(name.into_bytes());
            }
        }
        for len in [251, 252, 253, 254, 255] {
            let name: String = (0..len).map(|i| if i % 10 == 9 { '.' } else { 'a' }).collect();
            cases.push(name.clone().into_bytes());
            cases.push(format!("{name}.").into_bytes());
        }
        for case in &cases {
            let Ok(s) = std::str::from_utf8(case) else { continue };
            assert_eq!(plain_ascii_name_shape(s), plain_ascii_name_shape_by_walks(s), "{s:?}");
        }
        assert_eq!(normalize_host("WWW.Example.COM."), Some("www.example.com".to_string()));
        assert_eq!(normalize_host("a..b"), None);
    }

    /// (host, registrable, suffix, private, known)
    type InfoCase = (&'static str, Option<&'static str>, Option<&'static str>, bool, bool);

    const INFO_CASES: &[InfoCase] = &[
        // The founding case: No-IP's shared domain is a private-section suffix.
        ("checkid.ddnsking.com", Some("checkid.ddnsking.com"), Some("ddnsking.com"), true, true),
        ("a.b.checkid.ddnsking.com", Some("checkid.ddnsking.com"), Some("ddnsking.com"), true, true),
        ("ddnsking.com", None, Some("ddnsking.com"), true, true),
        ("xddnsking.com", Some("xddnsking.com"), Some("com"), false, true),
        ("foo.bar.workers.dev", Some("bar.workers.dev"), Some("workers.dev"), true, true),
        ("workers.dev", None, Some("workers.dev"), true, true),
        ("www.amazon.co.jp", Some("amazon.co.jp"), Some("co.jp"), false, true),
        ("mail.google.com", Some("google.com"), Some("com"), false, true),
        ("google.com", Some("google.com"), Some("com"), false, true),
        ("com", None, Some("com"), false, true),
        ("bbc.co.uk", Some("bbc.co.uk"), Some("co.uk"), false, true),
        // Wildcard `*.kawasaki.jp` with the exception `!city.kawasaki.jp`.
        ("b.c.kawasaki.jp", Some("b.c.kawasaki.jp"), Some("c.kawasaki.jp"), false, true),
        ("c.kawasaki.jp", None, Some("c.kawasaki.jp"), false, true),
        ("city.kawasaki.jp", Some("city.kawasaki.jp"), Some("kawasaki.jp"), false, true),
        ("www.city.kawasaki.jp", Some("city.kawasaki.jp"), Some("kawasaki.jp"), false, true),
        ("kawasaki.jp", Some("kawasaki.jp"), Some("jp"), false, true),
        // Private wildcard: `*.compute.amazonaws.com`.
        (
            "ec2-1-2-3-4.us-west-2.compute.amazonaws.com",
            Some("ec2-1-2-3-4.us-west-2.compute.amazonaws.com"),
            Some("us-west-2.compute.amazonaws.com"),
            true,
            true,
        ),
        ("user.github.io", Some("user.github.io"), Some("github.io"), true, true),
        ("foo.duckdns.org", Some("foo.duckdns.org"), Some("duckdns.org"), true, true),
        ("x.blogspot.com", Some("x.blogspot.com"), Some("blogspot.com"), true, true),
        // Unlisted TLD: the implicit `*` rule applies, and says so.
        ("foo.invalidtld", Some("foo.invalidtld"), Some("invalidtld"), false, false),
        ("a.b.foo.invalidtld", Some("foo.invalidtld"), Some("invalidtld"), false, false),
        ("localhost", None, Some("localhost"), false, false),
        // IDN TLD (`.みんな`) and IDN second level under `.jp` (`東京.jp`), in ASCII form.
        ("www.example.xn--q9jyb4c", Some("example.xn--q9jyb4c"), Some("xn--q9jyb4c"), false, true),
        ("xn--1lqs71d.jp", None, Some("xn--1lqs71d.jp"), false, true),
        ("shop.xn--1lqs71d.jp", Some("shop.xn--1lqs71d.jp"), Some("xn--1lqs71d.jp"), false, true),
        // A trailing dot names the same host.
        ("mail.google.com.", Some("google.com"), Some("com"), false, true),
        // Not lookup-ready: empty, IP literals, empty labels, unnormalized input.
        ("", None, None, false, false),
        (".", None, None, false, false),
        ("192.168.0.1", None, None, false, false),
        ("1.2.3.4.5", None, None, false, false),
        ("0x7f.1", None, None, false, false),
        ("3232235521", None, None, false, false),
        ("[::1]", None, None, false, false),
        ("::1", None, None, false, false),
        (".google.com", None, None, false, false),
        ("mail..google.com", None, None, false, false),
        ("google.com..", None, None, false, false),
        ("Mail.Google.com", None, None, false, false),
        ("bücher.de", None, None, false, false),
    ];

    #[test]
    fn info_table() {
        let domains = Domains::embedded();
        for &(host, registrable, suffix, private, known) in INFO_CASES {
            let want = DomainInfo {
                registrable: registrable.map(str::to_owned),
                suffix: suffix.map(str::to_owned),
                suffix_is_private: private,
                suffix_is_known: known,
            };
            assert_eq!(domains.info(host), want, "info({host:?})");
        }
    }

    #[test]
    fn parts_and_registrable_str_agree_with_info_and_borrow_the_input() {
        let domains = Domains::embedded();
        for &(host, ..) in INFO_CASES {
            let parts = domains.parts(host);
            assert_eq!(parts.to_info(), domains.info(host), "parts({host:?})");
            assert_eq!(domains.registrable_str(host), parts.registrable, "registrable_str({host:?})");
            for slice in [parts.registrable, parts.suffix].into_iter().flatten() {
                let range = host.as_bytes().as_ptr_range();
                assert!(range.contains(&slice.as_ptr()), "{slice:?} is not a slice of {host:?}");
                assert!(host.trim_end_matches('.').ends_with(slice), "{slice:?} not a tail of {host:?}");
            }
        }
    }

    #[test]
    fn embedded_list_keeps_both_sections_in_ascii() {
        assert!(PSL_RULES.lines().any(|l| l == PRIVATE_MARKER), "private marker kept");
        assert!(PSL_RULES.is_ascii(), "IDN rules are compiled in as punycode");
        assert!(!PSL_RULES.contains("//"), "comments stripped");
        // Rules from both sections and from the very end of the file made it through.
        let domains = Domains::embedded();
        let rules = PSL_RULES.lines().filter(|l| *l != PRIVATE_MARKER).count();
        assert!(rules > 10_000, "{rules} rules");
        assert_eq!(domains.list().len(), rules, "one trie leaf per rule");
        assert!(!domains.parts("x.co.uk").suffix_is_private);
        assert!(domains.parts("x.netlify.app").suffix_is_private);
        let last_rule = PSL_RULES.lines().next_back().unwrap();
        let last_rule = last_rule.trim_start_matches("*.").trim_start_matches('!');
        assert!(domains.parts(&format!("x.{last_rule}")).suffix_is_known, "last rule {last_rule}");
    }

    /// The trie must answer exactly like the `publicsuffix` crate's own `List` parsed from the
    /// original, unconverted file: for every rule and every host catalog suffix (whose nodes
    /// share the trie), hosts at, under and beside it.
    #[test]
    fn trie_agrees_with_the_publicsuffix_crate_on_every_rule() {
        const ORIGINAL: &str = include_str!("../../data/public_suffix_list.dat");
        let reference: publicsuffix::List = ORIGINAL.parse().expect("the vendored PSL parses");
        let trie = Domains::embedded().list();
        let mut hosts = Vec::new();
        let catalog = crate::host::catalog::Catalog::embedded();
        let catalog_suffixes = catalog.entries().map(|e| e.suffix);
        for rule in PSL_RULES.lines().filter(|l| *l != PRIVATE_MARKER).chain(catalog_suffixes) {
            let name = rule.trim_start_matches('!').trim_start_matches("*.");
            let parent = name.split_once('.').map_or("", |(_, p)| p);
            for host in [
                name.to_owned(),
                format!("x.{name}"),
                format!("www.x.{name}"),
                format!("a.b.c.{name}"),
                format!("x{name}"),
                format!("x.{parent}"),
                format!("www.x.{parent}"),
            ] {
                hosts.push(host);
            }
        }
        hosts.extend(["com", "localhost", "foo.invalidtld", "x.y.z.invalidtld"].map(String::from));
        let mut checked = 0;
        for host in hosts.iter().filter(|h| !h.is_empty() && !h.starts_with('.')) {
            let bytes = host.as_bytes();
            let (want, got) = (reference.suffix(bytes), trie.suffix(bytes));
            assert_eq!(
                got.map(|s| (s.as_bytes().to_vec(), s.typ())),
                want.map(|s| (s.as_bytes().to_vec(), s.typ())),
                "suffix of {host:?}"
            );
            let (want, got) = (reference.domain(bytes), trie.domain(bytes));
            assert_eq!(got.map(|d| d.as_bytes().to_vec()), want.map(|d| d.as_bytes().to_vec()), "domain of {host:?}");
            checked += 1;
        }
        assert!(checked > 60_000, "{checked} hosts checked");
    }

    /// A node only the host catalog has is not the list's: under a wildcard rule, the wildcard
    /// still answers for its label.
    #[test]
    fn catalog_only_nodes_are_not_the_lists() {
        // jp > kawasaki > {*, city}: `*.kawasaki.jp` a rule, `city.kawasaki.jp` a catalog suffix.
        const PAYLOADS: [u8; 5] = [0, PSL_RULE as u8, 0, PSL_RULE as u8, (CATALOG_ONLY | 8) as u8];
        let trie = SuffixTrie(LabelTrie::load(&CompiledTrie {
            labels: ".jp.kawasaki.*.city",
            payloads: &PAYLOADS,
            child_counts: &[1, 1, 2, 0, 0],
        }));
        let suffix = trie.suffix(b"x.city.kawasaki.jp").map(|s| s.as_bytes().to_vec());
        assert_eq!(suffix.as_deref(), Some(&b"city.kawasaki.jp"[..]));
    }

    #[test]
    fn embedded_is_shared() {
        let a = Domains::embedded();
        let b = Domains::embedded();
        assert!(std::ptr::eq(a.list, b.list), "the list is parsed once per process");
    }

    const NORMALIZE_CASES: &[(&str, Option<&str>)] = &[
        ("example.com", Some("example.com")),
        ("  Example.COM  ", Some("example.com")),
        ("example.com.", Some("example.com")),
        ("WWW.Example.Com.", Some("www.example.com")),
        ("example.com..", None),
        ("checkid.ddnsking.com", Some("checkid.ddnsking.com")),
        ("_dmarc.example.com", Some("_dmarc.example.com")),
        // IDN: Unicode in, punycode out; upper-case Unicode folds.
        ("bücher.de", Some("xn--bcher-kva.de")),
        ("BÜCHER.DE", Some("xn--bcher-kva.de")),
        ("東京.jp", Some("xn--1lqs71d.jp")),
        ("例え.テスト", Some("xn--r8jz45g.xn--zckzah")),
        // Full-width letters and the ideographic full stop fold like in a browser.
        ("ｅｘａｍｐｌｅ。ｃｏｍ", Some("example.com")),
        ("xn--bcher-kva.de", Some("xn--bcher-kva.de")),
        ("XN--BCHER-KVA.DE", Some("xn--bcher-kva.de")),
        // Punycode that doesn't decode, or decodes to something UTS #46 rejects.
        ("xn--zz.com", None),
        ("xn--.com", None),
        // Numbers pass through as names; `url/ip.rs` decides what they are.
        ("192.168.0.1", Some("192.168.0.1")),
        ("0x7F.1", Some("0x7f.1")),
        ("[2001:DB8::1]", Some("[2001:db8::1]")),
        ("[::ffff:192.168.0.1]", Some("[::ffff:c0a8:1]")),
        ("[not-an-ip]", None),
        ("[::1", None),
        // Not names.
        ("", None),
        ("   ", None),
        (".", None),
        ("a..b", None),
        (".example.com", None),
        ("exa mple.com", None),
        ("example.com/path", None),
        ("user@example.com", None),
        ("example.com:443", None),
        ("%65xample.com", None),
        ("a*b.com", None),
        ("exam\u{0}ple.com", None),
    ];

    #[test]
    fn normalize_host_table() {
        for &(raw, want) in NORMALIZE_CASES {
            assert_eq!(normalize_host(raw).as_deref(), want, "normalize_host({raw:?})");
        }
    }

    #[test]
    fn normalize_host_enforces_dns_lengths() {
        let label63 = "a".repeat(63);
        let ok = format!("{label63}.com");
        assert_eq!(normalize_host(&ok).as_deref(), Some(ok.as_str()));
        assert_eq!(normalize_host(&format!("a{label63}.com")), None, "64-byte label");
        let long_ok = [label63.as_str(); 4].join(".")[..253].trim_end_matches('.').to_owned();
        assert!(long_ok.len() <= 253);
        assert_eq!(normalize_host(&long_ok).as_deref(), Some(long_ok.as_str()));
        let label60 = "a".repeat(60);
        let too_long = format!("{}.com", [label60.as_str(); 5].join("."));
        assert!(too_long.len() > 253);
        assert_eq!(normalize_host(&too_long), None, "254+ bytes");
    }

    #[test]
    fn normalized_hosts_are_lookup_ready() {
        let domains = Domains::embedded();
        for raw in ["Foo.Bar.Workers.Dev.", "ＣＨＥＣＫＩＤ.ddnsking.com", "www.ämazon.co.jp"] {
            let host = normalize_host(raw).expect(raw);
            let info = domains.info(&host);
            assert!(info.registrable.is_some(), "{raw} -> {host} -> {info:?}");
        }
        let host = normalize_host("CHECKID.DDNSKING.COM.").unwrap();
        assert_eq!(domains.registrable_str(&host), Some("checkid.ddnsking.com"));
    }
}
