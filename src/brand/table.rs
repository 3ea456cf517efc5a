//! The brands phishing impersonates (`data/brands.tsv`): their labels in English and Japanese,
//! the names people know them by, their real domains, and the ordinary words near their names.
//! The data, read once; every brand check in `brand/` and the sender check (`message::sender`)
//! read it from here.

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
    fn every_brand_has_a_registrable_domain() {
        for (i, b) in brands().iter().enumerate() {
            assert!(registrable_domains().iter().any(|d| d.brand == i), "{}: {:?}", b.label, b.domains);
        }
        let amazon = registrable_domains().iter().find(|d| d.domain == "amazon.co.jp").expect("listed");
        assert_eq!((amazon.label, amazon.suffix), ("amazon", "co.jp"));
        assert!(!registrable_domains().iter().any(|d| d.domain == "bk.mufg.jp"));
    }
}
