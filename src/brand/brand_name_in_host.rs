//! Reason `brand-name-in-host`: a brand's name standing in front of another site's domain
//! (`smbc.zgcdpvd.cn`, `www.eki-net-login.example.cn`), or a name spelled like one
//! (`www.amazom.tjpmgkhxwc.cn`, `ekl-net-member.example.cn`). Caution: the site's owner chose
//! that name. Services that name each customer's subdomain after it (`rakuten.zoom.us`,
//! `data/brand_name_platforms.txt`), universities' and governments' hosts (`ing.unlp.edu.ar`)
//! and the brand's own hosts are left alone.

use crate::host::domain::strip_tail;
use crate::brand::lookalike_domain;
use crate::brand::table::{self, brands, length_bit, registrable_domains, Imitation};
use rustc_hash::{FxHashMap, FxHashSet};
use crate::verdict::LookalikeKind;
use std::sync::OnceLock;

/// The brand's name in front of `host`'s registrable domain `registrable`, else a name spelled
/// like one: [`embedded_name`], else [`lookalike_name`]. A name of three letters on a
/// university's or a government's domain is no brand's ([`is_institution`]).
pub fn find<'h>(host: &'h str, registrable: &str) -> Option<BrandNameInHost<'h>> {
    embedded_name(host, registrable)
        .filter(|found| found.written.len() > SHORT_NAME_LEN || !is_institution(registrable))
        .or_else(|| lookalike_name(host, registrable))
}

/// Names this long or shorter (`ing`, `jcb`, `nhk`) are also departments' abbreviations.
const SHORT_NAME_LEN: usize = 3;

/// The first labels of public suffixes that only universities, schools and governments register
/// under (`edu.ar`, `ac.jp`, `go.jp`, `gov.uk`, `gob.mx`, `gouv.fr`, `govt.nz`, `mil.br`), and the
/// TLDs that are theirs alone (`edu`, `gov`, `mil`).
const INSTITUTION_SUFFIXES: [&str; 8] = ["edu", "ac", "gov", "go", "gob", "gouv", "govt", "mil"];

/// Whether `registrable` (a registrable domain) is a university's, a school's or a government's:
/// its public suffix starts with one of [`INSTITUTION_SUFFIXES`]. There the institution's staff
/// name the hosts after its departments, and a short department name is a brand's as often as
/// not (`libre.ing.unlp.edu.ar`: ingeniería, not ING). Longer names stay suspect there: phishing
/// does get subdomains of such domains (`yodobashi.mwc.ac.cn` in JPCERT/CC's 2020 list).
fn is_institution(registrable: &str) -> bool {
    let Some((_, suffix)) = registrable.split_once('.') else { return false };
    let first = suffix.split('.').next().unwrap_or(suffix);
    INSTITUTION_SUFFIXES.contains(&first.to_ascii_lowercase().as_str())
}

/// A brand's name, or a name spelled like one, standing in a host in front of another site's
/// registrable domain.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BrandNameInHost<'h> {
    pub brand: &'static str,
    /// The name as written in the host (`eki-net`, `amazom`, `ekl-net`).
    pub written: &'h str,
    /// The brand's registrable domain whose label it is or imitates (`eki-net.com`).
    pub domain: &'static str,
    /// How the written name imitates the brand's; `None` when it is the brand's very name.
    pub lookalike: Option<LookalikeKind>,
}

const BRAND_NAME_PLATFORMS: &str = include_str!(concat!(env!("OUT_DIR"), "/brand_name_platforms.txt"));

/// The brands' registrable labels a host may carry as a name, and the sites where it means
/// nothing (`data/brand_name_platforms.txt`).
struct NameIndex {
    /// Label -> index into [`table::registrable_domains`] (the first domain with that label).
    names: FxHashMap<&'static str, usize>,
    /// Most hyphens in a name (`paypal-communication`: 1): how many parts a match can span.
    max_hyphens: usize,
    /// The same first-byte / length filter as `brand_in_host`'s index: most labels (`www`,
    /// `mail`) are ruled out by one load and a mask before any hashing.
    first_byte_lengths: [u32; 256],
    platforms: FxHashSet<&'static str>,
}

/// Names shorter than this are not looked for (`au`, `fb`: any host has such parts).
const MIN_NAME_LEN: usize = 3;

fn name_index() -> &'static NameIndex {
    static INDEX: OnceLock<NameIndex> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut names = FxHashMap::default();
        let mut first_byte_lengths = [0u32; 256];
        let mut max_hyphens = 0;
        for (i, d) in registrable_domains().iter().enumerate() {
            // A brand name that is an ordinary word (`line`, `office`, `visa`) says nothing
            // about who owns the host: the data lists those among the brand's ordinary words.
            if d.label.len() < MIN_NAME_LEN || brands()[d.brand].is_ordinary_word(d.label) {
                continue;
            }
            names.entry(d.label).or_insert(i);
            first_byte_lengths[usize::from(d.label.as_bytes()[0])] |= length_bit(d.label.len());
            max_hyphens = max_hyphens.max(d.label.bytes().filter(|&b| b == b'-').count());
        }
        let platforms = BRAND_NAME_PLATFORMS
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .collect();
        NameIndex { names, max_hyphens, first_byte_lengths, platforms }
    })
}

/// Whether `registrable` names each customer's subdomain after it (`data/brand_name_platforms.txt`).
fn is_brand_name_platform(registrable: &str) -> bool {
    name_index().platforms.contains(registrable)
}

/// A brand's name in `host` (registrable domain `registrable`) left of its registrable domain,
/// when the host is none of that brand's and its site doesn't name customers' subdomains after
/// them (`rakuten.zoom.us`). The longest name found wins (`smbc-card` before `smbc`).
pub fn embedded_name(host: &str, registrable: &str) -> Option<BrandNameInHost<'static>> {
    let host = host.strip_suffix('.').unwrap_or(host);
    let front = strip_tail(host, registrable)?.strip_suffix('.')?;
    let index = name_index();
    let mut found: Option<(usize, &str)> = None;
    for label in labels(front) {
        let bytes = label.as_bytes();
        // Each run of up to `max_hyphens + 1` hyphen-separated parts, from each part's start.
        let mut start = 0;
        loop {
            let first = bytes.get(start).copied().unwrap_or(b'-');
            if index.first_byte_lengths[usize::from(first)] != 0 {
                let mut end = start;
                for _ in 0..=index.max_hyphens {
                    end = bytes[end..].iter().position(|&b| b == b'-').map_or(bytes.len(), |p| end + p);
                    let name = &label[start..end];
                    if index.first_byte_lengths[usize::from(first)] & length_bit(name.len()) != 0 {
                        if let Some(&at) = index.names.get(name) {
                            if found.is_none_or(|(_, best)| name.len() > best.len()) {
                                found = Some((at, name));
                            }
                        }
                    }
                    if end == bytes.len() {
                        break;
                    }
                    end += 1;
                }
            }
            match bytes[start..].iter().position(|&b| b == b'-') {
                Some(p) => start += p + 1,
                None => break,
            }
        }
    }
    let (at, _) = found?;
    if index.platforms.contains(registrable) {
        return None;
    }
    let domain = &registrable_domains()[at];
    let brand = &brands()[domain.brand];
    if brand.owns(host, registrable) {
        return None; // the brand's own (`smbc.smbc-card.com`)
    }
    Some(BrandNameInHost { brand: brand.label, written: domain.label, domain: domain.domain, lookalike: None })
}

/// The dot-separated labels of `s`, as `s.split('.')` gives them, found by a byte loop: a
/// `char` pattern sets up a memchr search for each label, more than walking a short label costs.
fn labels(s: &str) -> impl Iterator<Item = &str> {
    let mut rest = Some(s);
    std::iter::from_fn(move || {
        let r = rest?;
        match r.bytes().position(|b| b == b'.') {
            Some(dot) => {
                rest = Some(&r[dot + 1..]);
                Some(&r[..dot])
            }
            None => {
                rest = None;
                Some(r)
            }
        }
    })
}

/// A part of `host` in front of its registrable domain `registrable` (a label, or a part of
/// one between hyphens) that imitates a brand's name: `www.amazom.tjpmgkhxwc.cn`,
/// `ekl-net-member.example.cn`: the part as written, and the brand. Parts that are some brand's
/// own name are [`embedded_name`]'s, not this; so are the sites it leaves alone (the
/// brand's own, and those naming customers' subdomains after them).
pub fn lookalike_name<'h>(host: &'h str, registrable: &str) -> Option<BrandNameInHost<'h>> {
    let host = host.strip_suffix('.').unwrap_or(host);
    let front = strip_tail(host, registrable)?.strip_suffix('.')?;
    let mut found: Option<(usize, &'h str, Imitation)> = None;
    let mut consider = |part: &'h str| {
        if part.len() < lookalike_domain::MIN_LABEL || lookalike_domain::is_brand_label(part) {
            return;
        }
        if let Some((distance, imitation)) = lookalike_domain::closest_brand(part) {
            // The closest brand wins; of two as close, the first found.
            if found.as_ref().is_none_or(|(best, _, _)| distance < *best) {
                found = Some((distance, part, imitation));
            }
        }
    };
    // Each label whole, and in a hyphenated label each part and each run of two parts (brand
    // names with a hyphen, `eki-net`, are misspelt with it: `ekl-net-member`).
    for label in labels(front) {
        consider(label);
        if !label.as_bytes().contains(&b'-') {
            continue;
        }
        let mut start = 0;
        let mut previous_start = None;
        for (i, b) in label.bytes().chain(std::iter::once(b'-')).enumerate() {
            if b != b'-' {
                continue;
            }
            consider(&label[start..i]);
            // (A two-part label is its own run, considered whole above.)
            if let Some(p) = previous_start.filter(|&p| p > 0 || i < label.len()) {
                consider(&label[p..i]);
            }
            previous_start = Some(start);
            start = i + 1;
        }
    }
    let (_, written, imitation) = found?;
    if is_brand_name_platform(registrable) || table::is_brands_own(imitation.brand, host, registrable) {
        return None;
    }
    Some(BrandNameInHost { brand: imitation.brand, written, domain: imitation.domain, lookalike: Some(imitation.kind) })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::host::domain::Domains;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn finds_a_brand_name_in_front_of_another_sites_domain() {
        // (host, registrable domain, the name found)
        let cases: &[(&str, &str, Option<&str>)] = &[
            // JPCERT/CC's lists, 2019-2022.
            ("smbc.zgcdpvd.cn", "zgcdpvd.cn", Some("smbc")),
            ("amazon.rjglnez.cn", "rjglnez.cn", Some("amazon")),
            ("www.eki-net-login.example.cn", "example.cn", Some("eki-net")),
            ("smbc-card-login.secure.example.top", "example.top", Some("smbc-card")), // the longest
            ("login-nhk.example.cn", "example.cn", Some("nhk")),
            ("www.docomo.example.com.", "example.com", Some("docomo")),
            // Not whole parts, too short, or an ordinary word.
            ("xamazon.example.com", "example.com", None),
            ("amazonian.example.com", "example.com", None),
            ("connect-au-login.example.club", "example.club", None),
            ("line.example.com", "example.com", None),
            ("apple.stackexchange.com", "stackexchange.com", None),
            ("office.example.co.jp", "example.co.jp", None),
            ("r10s.example.cn", "example.cn", None), // an owned-only host (Rakuten's CDN) is no name
            ("www.example.com", "example.com", None),
            ("example.com", "example.com", None),
            ("amazon.com", "amazon.com", None), // the registrable label itself is not looked at
            // The brand's own (a bank's name on its group's card domain), and sites that name
            // customers' subdomains after them.
            ("smbc.smbc-card.com", "smbc-card.com", None),
            ("rakuten.zoom.us", "zoom.us", None),
            ("amazon.qualtrics.com", "qualtrics.com", None),
            ("", "", None),
            ("-.-", "-", None),
            ("a--b-.example", "example", None),
        ];
        for &(host, registrable, want) in cases {
            assert_eq!(embedded_name(host, registrable).map(|f| f.written), want, "{host}");
        }
        let found = embedded_name("www.eki-net-login.example.cn", "example.cn").expect("found");
        assert_eq!((found.brand, found.domain), ("Eki-net (JR East)", "eki-net.com"));
    }

    #[test]
    fn universities_and_governments_name_their_own_hosts() {
        // (host, registrable domain, the name found)
        let cases: &[(&str, &str, Option<&str>)] = &[
            // A faculty of engineering ("ing" = ingeniería), not the bank ING.
            ("libre.ing.unlp.edu.ar", "unlp.edu.ar", None),
            ("www.ing.example.ac.jp", "example.ac.jp", None),
            ("nhk.example.go.jp", "example.go.jp", None),
            ("jcb.lab.example.edu", "example.edu", None),
            ("ing.example.gob.mx", "example.gob.mx", None),
            // A longer name there is still a brand's: phishing gets such subdomains too.
            ("smbc.portal.example.gov.uk", "example.gov.uk", Some("smbc")),
            ("yodobashi.example.ac.cn", "example.ac.cn", Some("yodobashi")),
            // The same names in front of anyone else's domain.
            ("ing.acceso-es.example", "acceso-es.example", Some("ing")),
            ("app-ing.aviso-es.example.info", "example.info", Some("ing")),
            ("nhk.example.co.jp", "example.co.jp", Some("nhk")),
            ("amazom.example.ac.jp", "example.ac.jp", Some("amazom")),
            // A name that only starts like an institution's suffix.
            ("smbc.example.education", "example.education", Some("smbc")),
            ("smbc.example.edu-portal.com", "edu-portal.com", Some("smbc")),
        ];
        for &(host, registrable, want) in cases {
            assert_eq!(find(host, registrable).map(|f| f.written), want, "{host}");
        }
    }

    #[test]
    fn labels_are_split_at_dots_as_str_split_does() {
        for s in ["", ".", "..", "a", "a.b", "www.eki-net.com", ".a", "a.", "a..b", "日本.例", "x.日本."] {
            assert_eq!(labels(s).collect::<Vec<_>>(), s.split('.').collect::<Vec<_>>(), "{s:?}");
        }
    }

    #[test]
    fn every_platform_line_is_a_registrable_domain() {
        let domains = Domains::embedded();
        for platform in &name_index().platforms {
            assert_eq!(domains.parts(platform).registrable, Some(*platform), "{platform}");
        }
        assert!(name_index().platforms.len() >= 30);
    }

}
