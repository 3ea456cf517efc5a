//! Brands phishing impersonates, and their real domains (`data/brands.tsv`), and the check that
//! finds one of those domains written into another site's host name:
//! `www.eki-net.com.zvwscs.cn`, `www2.jcb.co.jp.kmzygcj.cn`, `www-aeon-co-jp.example.com`.
//!
//! Putting the real company's domain at the front of its own host is a common way for a
//! phishing site to make its address look right at a glance: in JPCERT/CC's phishing URL lists it
//! is 2-18 % of the URLs of a year (2019-2022), and no legitimate mail in the evaluation corpus
//! links to such a host. The list is data, read once; the mail parser uses the same list for the
//! sender's display name (`mail::sender_signals`).

use crate::host::domain::{normalize_host, Domains};
use crate::verdict::LookalikeKind;
use std::sync::OnceLock;

/// A brand from `data/brands.tsv`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Brand {
    /// Label for people ("Eki-net (JR East)"): the verdict's `brand`.
    pub label: &'static str,
    /// The label Japanese users know the brand by ("えきねっと（JR東日本）"), where it differs.
    pub label_ja: Option<&'static str>,
    /// Names as the data file writes them (matched against display names by `mail`).
    pub names: Vec<&'static str>,
    /// Registrable domains (or hosts under them) that are really the brand's, normalized.
    pub domains: Vec<String>,
    /// Ordinary words a typo or two from the brand's domain names (the data file's optional
    /// fourth column, lowercased): a site named so doesn't imitate the brand (`offices.com`).
    pub ordinary_words: Vec<String>,
}

impl Brand {
    /// Whether `label` (lowercase) is one of the ordinary words listed for this brand.
    pub fn is_ordinary_word(&self, label: &str) -> bool {
        self.ordinary_words.iter().any(|w| w == label)
    }

    /// Whether `host` (registrable domain `registrable`) is the brand's own: under one of its
    /// domains (`bk.mufg.jp`, `smbc.smbc-card.com`).
    pub fn owns(&self, host: &str, registrable: &str) -> bool {
        self.domains.iter().any(|d| is_under(registrable, d) || is_under(host, d))
    }
}

const BRANDS_TSV: &str = include_str!("../../data/brands.tsv");

/// The brand list compiled in from `data/brands.tsv` (comment and malformed lines skipped).
pub fn brands() -> &'static [Brand] {
    static BRANDS: OnceLock<Vec<Brand>> = OnceLock::new();
    BRANDS.get_or_init(|| parse(BRANDS_TSV))
}

fn parse(tsv: &'static str) -> Vec<Brand> {
    tsv.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .filter_map(|line| {
            let mut cols = line.split('\t');
            let label_column = cols.next()?;
            let (label, label_ja) = match label_column.split_once('|') {
                Some((en, ja)) => (en.trim(), Some(ja.trim()).filter(|ja| !ja.is_empty())),
                None => (label_column.trim(), None),
            };
            let names: Vec<&str> = cols.next()?.split('|').map(str::trim).filter(|n| !n.is_empty()).collect();
            let domains: Vec<String> = cols.next()?.split(',').filter_map(|d| normalize_host(d.trim())).collect();
            let ordinary_words: Vec<String> = cols
                .next()
                .unwrap_or("")
                .split(',')
                .map(|w| w.trim().to_ascii_lowercase())
                .filter(|w| !w.is_empty())
                .collect();
            (!label.is_empty() && !names.is_empty() && !domains.is_empty())
                .then_some(Brand { label, label_ja, names, domains, ordinary_words })
        })
        .collect()
}

/// The Japanese label of the brand labelled `label` (English), if the data gives one.
pub fn label_ja(label: &str) -> Option<&'static str> {
    brands().iter().find(|b| b.label == label).and_then(|b| b.label_ja)
}

/// A brand's registrable domain split at its public suffix: `amazon` + `co.jp`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BrandDomain {
    /// Index into [`brands`].
    pub brand: usize,
    pub domain: &'static str,
    pub label: &'static str,
    pub suffix: &'static str,
}

/// Every listed domain that is a registrable domain (`bk.mufg.jp` is left out: `mufg.jp` is
/// listed too), split at its public suffix; built at first use.
pub fn registrable_domains() -> &'static [BrandDomain] {
    static SPLIT: OnceLock<Vec<BrandDomain>> = OnceLock::new();
    SPLIT.get_or_init(|| {
        let domains = Domains::embedded();
        let mut out = Vec::new();
        for (brand, b) in brands().iter().enumerate() {
            for domain in &b.domains {
                let domain: &'static str = domain.as_str();
                let parts = domains.parts(domain);
                let Some(suffix) = parts.suffix.filter(|_| parts.registrable == Some(domain)) else { continue };
                let label = &domain[..domain.len() - suffix.len() - 1];
                out.push(BrandDomain { brand, domain, label, suffix });
            }
        }
        out
    })
}

/// A brand's domain that some other name imitates (`domain_in_host`, `lookalike_domain`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Imitation {
    pub brand: &'static str,
    /// The brand's registrable domain (`amazon.co.jp`).
    pub domain: &'static str,
    pub kind: LookalikeKind,
}

/// Whether `host` is `domain` or a name under it.
pub fn is_under(host: &str, domain: &str) -> bool {
    host == domain || host.strip_suffix(domain).is_some_and(|rest| rest.ends_with('.'))
}

/// A brand's domain found inside a host that isn't the brand's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EmbeddedDomain {
    pub brand: &'static str,
    /// The brand's domain as listed (`eki-net.com`), whichever way the host writes it.
    pub domain: &'static str,
}

/// One way of writing a brand's domain inside a host.
struct Form {
    /// `eki-net.com`, or with hyphens for dots: `eki-net-com`.
    text: String,
    dotted: bool,
    domain: &'static str,
    brand: usize,
}

/// The brands' domains, keyed by their first token (up to the first `.` or `-`), so a host is
/// looked up once per token instead of being searched for every domain.
struct Index {
    /// Sorted by key.
    keys: Vec<(&'static str, Vec<Form>)>,
    /// For each first byte, a bit per key length (31 = 31 or more) among the keys: nearly every
    /// token of a host (`www`, `mail`, `com`, `example`) is ruled out by one load and a mask,
    /// before any string comparison.
    first_byte_lengths: [u32; 256],
    /// The same for the key's last byte: the two together let through only tokens that share
    /// both ends and the length with some key.
    last_byte_lengths: [u32; 256],
}

fn length_bit(len: usize) -> u32 {
    1 << len.min(31)
}

fn index() -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut keys: Vec<(&'static str, Vec<Form>)> = Vec::new();
        for (brand, b) in brands().iter().enumerate() {
            for domain in &b.domains {
                // The listed domains live as long as the list (a static).
                let domain: &'static str = domain.as_str();
                let key = domain.split(['.', '-']).next().unwrap_or(domain);
                let forms = [
                    Form { text: domain.to_string(), dotted: true, domain, brand },
                    Form { text: domain.replace('.', "-"), dotted: false, domain, brand },
                ];
                match keys.binary_search_by(|(k, _)| k.cmp(&key)) {
                    Ok(at) => keys[at].1.extend(forms),
                    Err(at) => keys.insert(at, (key, forms.into())),
                }
            }
        }
        let mut first_byte_lengths = [0u32; 256];
        let mut last_byte_lengths = [0u32; 256];
        for (key, _) in &keys {
            if let (Some(&first), Some(&last)) = (key.as_bytes().first(), key.as_bytes().last()) {
                first_byte_lengths[usize::from(first)] |= length_bit(key.len());
                last_byte_lengths[usize::from(last)] |= length_bit(key.len());
            }
        }
        Index { keys, first_byte_lengths, last_byte_lengths }
    })
}

/// A brand's domain written into `host` (registrable domain `registrable`, public suffix
/// `suffix`), when the host is none of that brand's:
/// - dotted, from the start of a label or hyphen-separated part to a dot or hyphen, left of the
///   public suffix: `www.amazon.co.jp.070a.ltd`, `usps.com-trackrjw.top`,
///   `eki-net.com.duckdns.org` (registrable `com.duckdns.org`), `www.amazon.co.jp.cn`
///   (registrable `jp.cn`);
/// - with hyphens for dots, as whole hyphen-separated parts anywhere: `www-aeon-co-jp.example.com`,
///   `amazon-co-jp.top`.
///
/// The same domain under another suffix (`eki-net.com.cn`) is not this check's: the written
/// domain reaches into that host's public suffix, and brands do own such names.
pub fn embedded_domain(host: &str, registrable: &str, suffix: Option<&str>) -> Option<EmbeddedDomain> {
    // Where a dotted domain must end: before the public suffix (or the registrable domain when
    // the suffix is unknown). It has at least two labels, so a dot comes before that.
    // One trailing dot (a fully qualified name) names the same host.
    let host = host.strip_suffix('.').unwrap_or(host);
    let left_of = suffix.unwrap_or(registrable);
    let dotted_end = host.strip_suffix(left_of).and_then(|s| s.strip_suffix('.')).map_or(0, str::len);
    let bytes = host.as_bytes();
    let dotted_possible = bytes[..dotted_end].contains(&b'.');
    let hyphenated = bytes.contains(&b'-');
    if !dotted_possible && !hyphenated {
        return None; // the common `www.example.com`: one label before the public suffix's
    }
    let index = index();
    let is_separator = |b: u8| b == b'.' || b == b'-';
    // Without a hyphen only the dotted form can match, and it starts and ends left of the suffix.
    let scan_end = if hyphenated { bytes.len() } else { dotted_end };
    let mut start = 0;
    while start < scan_end {
        let end = bytes[start..].iter().position(|&b| is_separator(b)).map_or(bytes.len(), |i| start + i);
        let token = &host[start..end];
        let bit = length_bit(token.len());
        // Every listed domain has more than one token: the host's last token starts none.
        let possible = end < bytes.len()
            && end > start
            && index.first_byte_lengths[usize::from(bytes[start])] & bit != 0
            && index.last_byte_lengths[usize::from(bytes[end - 1])] & bit != 0;
        if !possible {
            start = end + 1;
            continue;
        }
        if let Ok(at) = index.keys.binary_search_by(|(k, _)| (*k).cmp(token)) {
            for form in &index.keys[at].1 {
                let Some(after) = host[start..].strip_prefix(form.text.as_str()) else {
                    continue;
                };
                if !after.is_empty() && !after.starts_with(['.', '-']) {
                    continue; // `amazon.co.jpx`: another name
                }
                let match_end = host.len() - after.len();
                if form.dotted && match_end > dotted_end {
                    continue; // reaches into the public suffix
                }
                let brand = &brands()[form.brand];
                if brand.owns(host, registrable) {
                    continue; // the brand's own (`bk.mufg.jp`, `amazon.co.jp`)
                }
                return Some(EmbeddedDomain { brand: brand.label, domain: form.domain });
            }
        }
        start = end + 1;
    }
    None
}

/// A brand's *name*, its registrable label (`smbc`, `eki-net`), standing as a label or a run of
/// hyphen-separated parts of a host left of that host's registrable domain, on a site that is
/// none of the brand's: `smbc.zgcdpvd.cn`, `www.eki-net-login.example.cn`, `amazon.rjglnez.cn`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EmbeddedName {
    pub brand: &'static str,
    /// The name as found (`eki-net`).
    pub name: &'static str,
    /// The brand's registrable domain whose label it is (`eki-net.com`).
    pub domain: &'static str,
}

const BRAND_NAME_PLATFORMS: &str = include_str!("../../data/brand_name_platforms.txt");

/// The brands' registrable labels a host may carry as a name, and the sites where it means
/// nothing (`data/brand_name_platforms.txt`).
struct NameIndex {
    /// Label -> index into [`registrable_domains`] (the first domain with that label).
    names: std::collections::HashMap<&'static str, usize>,
    /// Most hyphens in a name (`paypal-communication`: 1): how many parts a match can span.
    max_hyphens: usize,
    /// The same first-byte / length filter as [`Index`]: most labels (`www`, `mail`) are ruled
    /// out by one load and a mask before any hashing.
    first_byte_lengths: [u32; 256],
    platforms: std::collections::HashSet<&'static str>,
}

/// Names shorter than this are not looked for (`au`, `fb`: any host has such parts).
const MIN_NAME_LEN: usize = 3;

fn name_index() -> &'static NameIndex {
    static INDEX: OnceLock<NameIndex> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut names = std::collections::HashMap::new();
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
pub fn is_brand_name_platform(registrable: &str) -> bool {
    name_index().platforms.contains(registrable)
}

/// Whether `host` (registrable domain `registrable`) is one of the brand labelled `brand`'s own.
pub fn is_brands_own(brand: &str, host: &str, registrable: &str) -> bool {
    brands().iter().filter(|b| b.label == brand).any(|b| b.owns(host, registrable))
}

/// A brand's name in `host` (registrable domain `registrable`) left of its registrable domain,
/// when the host is none of that brand's and its site doesn't name customers' subdomains after
/// them (`rakuten.zoom.us`). The longest name found wins (`smbc-card` before `smbc`).
pub fn embedded_name(host: &str, registrable: &str) -> Option<EmbeddedName> {
    let host = host.strip_suffix('.').unwrap_or(host);
    let front = host.strip_suffix(registrable)?.strip_suffix('.')?;
    let index = name_index();
    let mut found: Option<(usize, &str)> = None;
    for label in front.split('.') {
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
    Some(EmbeddedName { brand: brand.label, name: domain.label, domain: domain.domain })
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn every_data_line_is_a_brand() {
        let data_lines = BRANDS_TSV.lines().filter(|l| !l.trim().is_empty() && !l.starts_with('#')).count();
        assert_eq!(brands().len(), data_lines, "every data line must parse into a brand");
        for b in brands() {
            assert!(b.domains.iter().all(|d| d.contains('.') && !d.contains(['/', ' '])), "{}: {:?}", b.label, b.domains);
            // A word is a registrable label, and listed because it is close to the brand's.
            for word in &b.ordinary_words {
                assert!(!word.contains(['.', ' ']), "{}: {word:?} is not one label", b.label);
                let close = registrable_domains()
                    .iter()
                    .filter(|d| brands()[d.brand].label == b.label)
                    .any(|d| d.label == word
                        || crate::brand::label_distance::compare((d.label, d.suffix), (word, d.suffix)).is_some()
                        || crate::brand::label_distance::imitates_as_own_name(d.label, word).is_some());
                assert!(close, "{}: {word} is none of its domains' names nor a typo or two from one", b.label);
            }
        }
        // One line a brand: a second line of the same brand would bypass the first one's choices
        // (its specific display names, its ordinary words).
        let mut labels: Vec<&str> = brands().iter().map(|b| b.label).collect();
        labels.sort_unstable();
        let before = labels.len();
        labels.dedup();
        assert_eq!(labels.len(), before, "a brand is listed twice");
        assert_eq!(label_ja("Rakuten"), Some("楽天"));
        assert_eq!(label_ja("PayPal"), None, "known by its English name");
        assert!(brands().iter().all(|b| !b.label.contains('|') && b.label.is_ascii()), "English labels");
        let microsoft = brands().iter().find(|b| b.label == "Microsoft").expect("listed");
        assert!(microsoft.is_ordinary_word("offices") && !microsoft.is_ordinary_word("microsoft"));
    }

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
            ("www.example.com", "example.com", None),
            ("example.com", "example.com", None),
            ("amazon.com", "amazon.com", None), // the registrable label itself is not looked at
            // The brand's own, and sites that name customers' subdomains after them.
            ("smbc.smbc-card.com", "smbc-card.com", None),
            ("rakuten.zoom.us", "zoom.us", None),
            ("amazon.qualtrics.com", "qualtrics.com", None),
            ("", "", None),
            ("-.-", "-", None),
            ("a--b-.example", "example", None),
        ];
        for &(host, registrable, want) in cases {
            assert_eq!(embedded_name(host, registrable).map(|f| f.name), want, "{host}");
        }
        let found = embedded_name("www.eki-net-login.example.cn", "example.cn").expect("found");
        assert_eq!((found.brand, found.domain), ("Eki-net (JR East)", "eki-net.com"));
    }

    #[test]
    fn every_platform_line_is_a_registrable_domain() {
        let domains = Domains::embedded();
        for platform in &name_index().platforms {
            assert_eq!(domains.parts(platform).registrable, Some(*platform), "{platform}");
        }
        assert!(name_index().platforms.len() >= 30);
    }

    #[test]
    fn every_brand_has_a_registrable_domain() {
        for (i, b) in brands().iter().enumerate() {
            assert!(registrable_domains().iter().any(|d| d.brand == i), "{}: {:?}", b.label, b.domains);
        }
        let amazon = registrable_domains().iter().find(|d| d.domain == "amazon.co.jp").expect("listed");
        assert_eq!((amazon.label, amazon.suffix), ("amazon", "co.jp"));
        assert!(!registrable_domains().iter().any(|d| d.domain == "bk.mufg.jp"));
    }

    /// (host, the brand domain found; None: nothing)
    const CASES: &[(&str, Option<&str>)] = &[
        // Dotted, left of the registrable domain (JPCERT/CC's lists, 2020-2022).
        ("www.eki-net.com.zvwscs.cn", Some("eki-net.com")),
        ("eki-net.com.personal.tgsd.com.cn", Some("eki-net.com")),
        ("www2.jcb.co.jp.kmzygcj.cn", Some("jcb.co.jp")),
        ("amazon.co.jp.070a.ltd", Some("amazon.co.jp")),
        ("www2.cr.mufg.jp.mmdiannao.com", Some("cr.mufg.jp")), // the first listed domain found
        ("jp-bank.japanpost.jp.account-support.cn", Some("jp-bank.japanpost.jp")),
        ("www.paypal.com.secure-login.example", Some("paypal.com")),
        ("www.eki-net.com.zvwscs.cn.", Some("eki-net.com")),
        // Reaching into the registrable domain but not the public suffix.
        ("eki-net.com.duckdns.org", Some("eki-net.com")),
        ("www.amazon.co.jp.cn", Some("amazon.co.jp")),
        // With hyphens, anywhere in the host.
        ("www.amazon-co-jp.tire1.top", Some("amazon.co.jp")),
        ("www-aeon-co-jp.shoudanhongbao168.com", Some("aeon.co.jp")),
        ("netstation2-aplus-co-jp.nzezvw.top", Some("aplus.co.jp")),
        ("amazon-co-jp.top", Some("amazon.co.jp")),
        ("www.eki-net-com.example", Some("eki-net.com")),
        // The brand's own hosts.
        ("www.amazon.co.jp", None),
        ("amazon.co.jp", None),
        ("bk.mufg.jp", None),
        ("www.eki-net.com", None),
        ("jp-bank.japanpost.jp", None),
        ("www.amazon.co.jp.amazon.com", None),
        // Not a brand's domain, or not as whole labels / parts.
        ("www.example.com", None),
        ("mail.example.co.jp", None),
        ("amazon.co.jpx.example", None),
        ("notamazon.co.jp.example.cn", None),
        ("amazon-co-jpx.example", None),
        ("smbc-card-jp.example.com", None), // a brand word, not its domain: lookalike.rs's business
        // The domain under another suffix: it reaches into the public suffix.
        ("eki-net.com.cn", None),
        ("www.eki-net.com.cn", None),
        ("amazon.com.br", None),
        // Hosts with no registrable domain, and odd ones.
        ("localhost", None),
        ("", None),
        ("-.-", None),
        ("amazon-", None),
    ];

    #[test]
    fn finds_a_brand_domain_written_into_another_host() {
        let domains = Domains::embedded();
        for &(host, want) in CASES {
            let info = domains.info(host);
            let registrable = info.registrable.unwrap_or_else(|| host.to_string());
            let found = embedded_domain(host, &registrable, info.suffix.as_deref()).map(|e| e.domain);
            assert_eq!(found, want, "{host} (registrable {registrable})");
        }
    }
}
