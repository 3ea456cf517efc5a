//! The brands phishing impersonates (`data/brands.tsv`): their labels in English and Japanese,
//! their company group, the names people know them by (short or ambiguous ones in a precise
//! form), the domains whose names phishing imitates apart from the hosts that only prove
//! ownership, the official login page, the ordinary words near their names, and where the
//! domains come from.
//! The data, read once; every brand check in `brand/` and the sender check (`message::sender`)
//! read it from here.

use crate::brand::label_distance::LabelForms;
#[cfg(test)]
use crate::host::domain::normalize_host;
use crate::host::domain::Domains;
use crate::verdict::LookalikeKind;
use rustc_hash::FxHashMap;
use std::sync::OnceLock;

/// A brand from `data/brands.tsv`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Brand {
    /// Label for people ("Eki-net (JR East)"): the verdict's `brand`.
    pub label: &'static str,
    /// The label Japanese users know the brand by ("えきねっと（JR東日本）"), where it differs.
    pub label_ja: Option<&'static str>,
    /// The company group the brand belongs to (`smbc`, `rakuten`): the group's domains are the
    /// brand's own too.
    pub group: Option<&'static str>,
    /// Names as people write them (matched against display names and link texts by `names_in_text`).
    pub names: &'static [BrandName],
    /// Registrable domains (or hosts under them) that are the brand's and whose names phishing
    /// imitates, normalized: the names the host checks look for come from these.
    pub domains: &'static [&'static str],
    /// Domains or hosts that only prove ownership (CDNs, mail senders, trackers), normalized:
    /// the brand's own, but never a name to look for in other hosts.
    pub owned: &'static [&'static str],
    /// The https page a customer logs in from: where to go instead of a link.
    pub official_url: &'static str,
    /// Ordinary words a typo or two from the brand's domain names (the data file's seventh
    /// column, lowercased): a site named so doesn't imitate the brand (`offices.com`).
    pub ordinary_words: &'static [&'static str],
    /// Where the domains come from (the data file's last column), for people; `*` in the table
    /// compiled in (`build.rs` leaves the text out).
    pub source: &'static str,
}

/// How a brand's name must occur in a text to name the brand.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameRule {
    /// As the eye reads it: confusables folded, any case; whole words at ASCII ends.
    Loose,
    /// `case:` — whole words, case-sensitive, after NFKC only (`UPS`, not "start-ups").
    Case,
    /// `whole:` — a whole segment of the text (all of it, or a part set off by brackets,
    /// punctuation or Japanese text), any case (`Apple`, not "Apple Valley").
    Whole,
    /// `exact:` — a whole segment, case-sensitive (`au`, `ANA`, not "Ana").
    Exact,
}

/// One of a brand's names, as the data file writes it without its prefix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BrandName {
    pub text: &'static str,
    pub rule: NameRule,
}

impl Brand {
    /// Whether `label` (lowercase) is one of the ordinary words listed for this brand.
    pub fn is_ordinary_word(&self, label: &str) -> bool {
        self.ordinary_words.contains(&label)
    }

    /// Whether `host` (registrable domain `registrable`) is under one of this brand's own
    /// domains or owned hosts (`bk.mufg.jp`, `r10s.jp`), its group's aside.
    pub fn owns_itself(&self, host: &str, registrable: &str) -> bool {
        self.domains.iter().chain(self.owned).any(|d| is_under(registrable, d) || is_under(host, d))
    }

    /// Whether `host` (registrable domain `registrable`) is the brand's own: under one of its
    /// domains or owned hosts, or one of its group's (`smbc.smbc-card.com` for SMBC).
    pub fn owns(&self, host: &str, registrable: &str) -> bool {
        self.owns_itself(host, registrable)
            || self.group.is_some_and(|group| brands_owning(host, registrable).any(|b| b.group == Some(group)))
    }

    /// The brand's own domains and owned hosts, in the data file's order.
    pub fn all_domains(&self) -> impl Iterator<Item = &'static str> {
        self.domains.iter().chain(self.owned).copied()
    }
}

/// The brand list compiled in from `data/brands.tsv` (comment and malformed lines skipped).
pub fn brands() -> &'static [Brand] {
    BRANDS
}

/// Written by `build.rs` (`brands_table`) from the data lines, each line made into a brand as
/// [`parse_line`] makes it (`the_compiled_list_is_the_data_file_parsed`): nothing is parsed or
/// allocated at start-up (parsing it cost 0.33 ms natively, and the parser's code in wasm was
/// compiled, partly tiered up, on a cold start's first verdict).
static BRANDS: &[Brand] = include!(concat!(env!("OUT_DIR"), "/brands_table.rs"));

/// The data lines the list was compiled from (the tests parse them again).
#[cfg(test)]
const BRANDS_TSV: &str = include_str!(concat!(env!("OUT_DIR"), "/brands.tsv"));

#[cfg(test)]
fn parse(tsv: &'static str) -> Vec<Brand> {
    tsv.lines().filter(|l| !l.trim().is_empty() && !l.starts_with('#')).filter_map(parse_line).collect()
}

/// One data line, or None when it is malformed (`every_data_line_is_a_brand` keeps the file
/// free of those; `scripts/check_brands.py` says what is wrong), read by `brand_line` as
/// `build.rs` reads it, its hosts normalized by the engine's `normalize_host`. The engine's list
/// is compiled by `build.rs`; this is the reading it must equal (its lists leaked: tests only).
#[cfg(test)]
fn parse_line(line: &'static str) -> Option<Brand> {
    use super::brand_line::{self, WrittenRule};
    fn leak<T>(v: Vec<T>) -> &'static [T] {
        Box::leak(v.into_boxed_slice())
    }
    let leak_str = |s: String| -> &'static str { Box::leak(s.into_boxed_str()) };
    let read = brand_line::read(line)?;
    let rule = |rule| match rule {
        WrittenRule::Loose => NameRule::Loose,
        WrittenRule::Case => NameRule::Case,
        WrittenRule::Whole => NameRule::Whole,
        WrittenRule::Exact => NameRule::Exact,
    };
    let names = leak(read.names.iter().map(|&(r, text)| BrandName { text, rule: rule(r) }).collect());
    let hosts = |written: &[&str]| written.iter().map(|h| normalize_host(h).map(leak_str)).collect::<Option<Vec<&str>>>();
    let (domains, owned) = (leak(hosts(&read.domains)?), leak(hosts(&read.owned)?));
    let ordinary_words = leak(read.ordinary_words.into_iter().map(leak_str).collect());
    Some(Brand {
        label: read.label,
        label_ja: read.label_ja,
        group: read.group,
        names,
        domains,
        owned,
        official_url: read.official_url,
        ordinary_words,
        source: read.source,
    })
}

/// The Japanese label of the brand labelled `label` (English), if the data gives one.
pub fn label_ja(label: &str) -> Option<&'static str> {
    brands().iter().find(|b| b.label == label).and_then(|b| b.label_ja)
}

/// A brand's registrable domain split at its public suffix: `amazon` + `co.jp`.
#[derive(Debug, Clone)]
pub struct BrandDomain {
    /// Index into [`brands`].
    pub brand: usize,
    pub domain: &'static str,
    pub label: &'static str,
    pub suffix: &'static str,
    /// The label's forms the name comparisons read ([`BrandDomain::forms`]), built once, at the
    /// first comparison with this brand's label: a link compares few of them, and building them
    /// all made a third of the lookalike index's cost in a cold start's first verdict.
    forms: OnceLock<Option<LabelForms>>,
}

impl BrandDomain {
    /// The label's forms (`None` only for a label no DNS name can have).
    pub fn forms(&self) -> Option<&LabelForms> {
        self.forms.get_or_init(|| LabelForms::new(self.label)).as_ref()
    }
}

/// Every listed domain that is a registrable domain (`bk.mufg.jp` is left out: `mufg.jp` is
/// listed too), split at its public suffix; built at first use.
pub fn registrable_domains() -> &'static [BrandDomain] {
    static SPLIT: OnceLock<Vec<BrandDomain>> = OnceLock::new();
    SPLIT.get_or_init(|| {
        let domains = Domains::embedded();
        let mut out = Vec::new();
        for (brand, b) in brands().iter().enumerate() {
            for &domain in b.domains {
                let parts = domains.parts(domain);
                let Some(suffix) = parts.suffix.filter(|_| parts.registrable == Some(domain)) else { continue };
                let label = &domain[..domain.len() - suffix.len() - 1];
                out.push(BrandDomain { brand, domain, label, suffix, forms: OnceLock::new() });
            }
        }
        out
    })
}

/// A brand's domain that some other name imitates (`domain_in_host`, `lookalike_domain`,
/// `brand_name_in_host`).
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

/// Whether the hosts `a` and `b` (registrable domains `a_registrable`, `b_registrable`) are one
/// brand's own, or its group's: `www.rakuten.co.jp` and `www.rakuten-card.co.jp`.
pub fn one_owner(a: &str, a_registrable: &str, b: &str, b_registrable: &str) -> bool {
    brands_owning(a, a_registrable).any(|brand| brand.owns(b, b_registrable))
}

/// The brands whose own domains or owned hosts hold `host` (registrable domain `registrable`),
/// their groups' aside, found through an index by registrable domain: asking all 200 brands
/// costs a link with a text naming another site ≈15 µs.
pub fn brands_owning<'h>(host: &'h str, registrable: &'h str) -> impl Iterator<Item = &'static Brand> + 'h {
    // Keyed by slices of the compiled-in domains: this is built by a cold start's first verdict,
    // where an owned key and a `DomainInfo` a domain cost a third of the build (callgrind).
    static INDEX: OnceLock<FxHashMap<&'static str, Vec<usize>>> = OnceLock::new();
    let index = INDEX.get_or_init(|| {
        let domains = Domains::embedded();
        let mut index: FxHashMap<&'static str, Vec<usize>> = FxHashMap::default();
        for (i, brand) in brands().iter().enumerate() {
            for domain in brand.all_domains() {
                // A listed host's registrable domain is its hosts' too (`bk.mufg.jp`: `mufg.jp`).
                let key = domains.registrable_str(domain).unwrap_or(domain);
                let entry = index.entry(key).or_default();
                if !entry.contains(&i) {
                    entry.push(i);
                }
            }
        }
        index
    });
    let all = brands();
    index
        .get(registrable)
        .map_or(&[][..], Vec::as_slice)
        .iter()
        .map(move |&i| &all[i])
        .filter(move |brand| brand.owns_itself(host, registrable))
}

/// Whether `host` (registrable domain `registrable`) is one of the brand labelled `brand`'s own.
pub fn is_brands_own(brand: &str, host: &str, registrable: &str) -> bool {
    brands().iter().filter(|b| b.label == brand).any(|b| b.owns(host, registrable))
}

/// The bit of a name's length (31 for 31 or more) in the per-byte length masks the brand
/// indexes keep (`brand_in_host`, `brand_name_in_host`): most candidate parts of a host are ruled
/// out by one load and a mask before any string comparison.
pub(crate) fn length_bit(len: usize) -> u32 {
    1 << len.min(31)
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn every_data_line_is_a_brand() {
        // The data file itself, not the copy without comments compiled in: a lost line fails here.
        let data_lines = include_str!("../../data/brands.tsv").lines().filter(|l| !l.trim().is_empty() && !l.starts_with('#')).count();
        assert_eq!(brands().len(), data_lines, "every data line must parse into a brand");
        for b in brands() {
            assert!(b.domains.iter().all(|d| d.contains('.') && !d.contains(['/', ' '])), "{}: {:?}", b.label, b.domains);
            // A word is a registrable label, and listed because it is close to the brand's.
            for &word in b.ordinary_words {
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
    fn the_compiled_list_is_the_data_file_parsed() {
        // build.rs's copy of the parser against this one, on the same lines.
        assert_eq!(brands(), parse(BRANDS_TSV).as_slice());
    }

    #[test]
    fn a_data_line_parses_into_its_columns() {
        let line = "Example Card|例カード\tex\t例カード|exact:EX|whole:Example|case:EXC\texample-card.co.jp, Card.Example.COM\t-\thttps://www.example-card.co.jp/\texamplecard\tauthor: *";
        let b = parse_line(line).expect("parses");
        assert_eq!((b.label, b.label_ja, b.group), ("Example Card", Some("例カード"), Some("ex")));
        let names: Vec<(&str, NameRule)> = b.names.iter().map(|n| (n.text, n.rule)).collect();
        assert_eq!(
            names,
            [("例カード", NameRule::Loose), ("EX", NameRule::Exact), ("Example", NameRule::Whole), ("EXC", NameRule::Case)]
        );
        assert_eq!(b.domains, ["example-card.co.jp", "card.example.com"], "normalized");
        assert!(b.owned.is_empty(), "`-` is an empty column");
        assert_eq!((b.official_url, b.source), ("https://www.example-card.co.jp/", "author: *"));
        assert!(b.is_ordinary_word("examplecard"));
        // What makes a line no brand.
        let broken = [
            line.replacen("\tauthor: *", "", 1),                                  // a column missing
            format!("{line}\textra"),                                             // one too many
            line.replace("exact:EX", "upper:EX"),                                 // an unknown prefix
            line.replace("exact:EX", "exact:例"),                                 // a precise name not ASCII
            line.replace("https://www.", "http://www."),                          // not https
            line.replace("author: *", "-"),                                       // no source
            line.replace("example-card.co.jp, Card.Example.COM", "-"),            // no domain
            line.replace("example-card.co.jp, Card", "exa mple.jp, Card"),        // not a host
        ];
        for broken in &broken {
            let broken: &'static str = Box::leak(broken.clone().into_boxed_str());
            assert_eq!(parse_line(broken), None, "{broken}");
        }
    }

    #[test]
    fn a_group_owns_its_brands_domains() {
        let by_label = |label: &str| brands().iter().find(|b| b.label == label).expect("listed");
        let card = by_label("Rakuten Card");
        assert!(card.owns("www.rakuten-card.co.jp", "rakuten-card.co.jp"));
        assert!(card.owns("www.rakuten.co.jp", "rakuten.co.jp"), "楽天's, of the same group");
        assert!(card.owns("image.r10s.jp", "r10s.jp"), "an owned CDN of the group");
        assert!(!card.owns_itself("www.rakuten.co.jp", "rakuten.co.jp"));
        assert!(!card.owns("www.smbc-card.com", "smbc-card.com"));
        // Owned hosts prove ownership but are no names to look for (`brand_name_in_host`'s
        // tests: `r10s.example.cn` names no brand).
        assert!(!registrable_domains().iter().any(|d| d.domain == "r10s.jp" || d.domain == "media-amazon.com"));
        assert!(by_label("Amazon").owns("m.media-amazon.com", "media-amazon.com"));
        assert!(brands().iter().all(|b| b.official_url.starts_with("https://") && !b.source.is_empty()));
        assert!(one_owner("www.rakuten.co.jp", "rakuten.co.jp", "www.rakuten-card.co.jp", "rakuten-card.co.jp"));
        assert!(one_owner("www.amazon.co.jp", "amazon.co.jp", "m.media-amazon.com", "media-amazon.com"));
        assert!(!one_owner("www.rakuten.co.jp", "rakuten.co.jp", "www.smbc-card.com", "smbc-card.com"));
        assert!(!one_owner("www.example.com", "example.com", "www.example.com", "example.com"), "no brand's");
        // The index finds what asking every brand finds.
        let info = Domains::embedded();
        for brand in brands() {
            for domain in brand.all_domains() {
                for host in [domain.to_owned(), format!("www.{domain}"), format!("{domain}.example.cn")] {
                    let registrable = info.info(&host).registrable.unwrap_or_else(|| host.clone());
                    let every: Vec<&str> = brands().iter().filter(|b| b.owns_itself(&host, &registrable)).map(|b| b.label).collect();
                    let indexed: Vec<&str> = brands_owning(&host, &registrable).map(|b| b.label).collect();
                    assert_eq!(indexed, every, "{host}");
                }
            }
        }
    }

    #[test]
    fn every_brand_has_a_registrable_domain() {
        // A brand's own registrable domain, or its hosts are under one of its group's
        // (`bk.mufg.jp` under MUFG's `mufg.jp`).
        for (i, b) in brands().iter().enumerate() {
            let in_group = |d: &BrandDomain| d.brand == i || (b.group.is_some() && brands()[d.brand].group == b.group);
            let has = registrable_domains()
                .iter()
                .filter(|d| in_group(d))
                .any(|d| d.brand == i || b.domains.iter().any(|own| is_under(own, d.domain)));
            assert!(has, "{}: {:?}", b.label, b.domains);
        }
        let amazon = registrable_domains().iter().find(|d| d.domain == "amazon.co.jp").expect("listed");
        assert_eq!((amazon.label, amazon.suffix), ("amazon", "co.jp"));
        assert!(!registrable_domains().iter().any(|d| d.domain == "bk.mufg.jp"));
    }
}
