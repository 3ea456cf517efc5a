//! Brand names as people read them: in a mail's display name ("えきねっとサポートセンター",
//! "МеtaМask" in Cyrillic letters) or in a link's text. The names are the second column of
//! `data/brands.tsv`; the sender check (`mail::sender_signals`) and the engine's
//! `mailto-brand-mismatch` use them to ask "does this text name a brand?".

use crate::brands::{brands, Brand};
use crate::skeleton::skeleton;
use std::sync::OnceLock;

/// The brands whose names occur in `text`, each with the name as the data file writes it
/// (the first of the brand's names found); in the brand list's order.
pub fn named_in(text: &str) -> impl Iterator<Item = (&'static Brand, &'static str)> {
    let text = normalize_name(text);
    brands().iter().zip(brand_names()).filter_map(move |(brand, names)| {
        names.iter().find(|(_, n)| name_occurs(&text, n)).map(|&(name, _)| (brand, name))
    })
}

/// Each brand's names (`data/brands.tsv`, via [`crate::brands`]) as written and normalized
/// for matching display names; in the brand list's order.
fn brand_names() -> &'static [Vec<(&'static str, String)>] {
    static NAMES: OnceLock<Vec<Vec<(&'static str, String)>>> = OnceLock::new();
    NAMES.get_or_init(|| {
        brands()
            .iter()
            .map(|b| b.names.iter().map(|&n| (n, normalize_name(n))).collect())
            .collect()
    })
}

/// Characters that render as nothing (or only steer rendering) and so can split a brand name
/// without the reader noticing ("Mic\u{E0139}rosoft").
fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}' | '\u{1160}' | '\u{17B4}' | '\u{17B5}'
        | '\u{180B}'..='\u{180F}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{206F}' | '\u{3164}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}'
        | '\u{FFA0}' | '\u{1BCA0}'..='\u{1BCA3}' | '\u{1D173}'..='\u{1D17A}'
        | '\u{E0000}'..='\u{E0FFF}')
}

/// A display name as the eye reads it: NFKC, invisible characters removed, combining marks that
/// NFKC left over removed ("Co\u{337}rreio\u{337}s": a mark NFKC can't compose with its
/// letter only decorates it; accents and dakuten are composed by then and stay), lowercase,
/// whitespace collapsed; and every character replaced by its UTS #39 confusable prototype, so
/// "Lеԁgеr" (Cyrillic е, ԁ), "МеtaМask" or "Banco do BrasiI" read as the brand they imitate.
/// Brand names go through the same function, so both sides compare prototypes. The skeleton
/// is taken before lowercasing (capital I is a prototype of l, small i is not) and after it
/// (small m is read as "rn", capital M is not).
fn normalize_name(s: &str) -> String {
    let ccc = icu_normalizer::properties::CanonicalCombiningClassMapBorrowed::new();
    let plain: String = crate::text_claim::NFKC
        .normalize_iter(s.chars())
        .filter(|&c| !is_invisible(c) && ccc.get_u8(c) == 0)
        .collect();
    let folded: String = skeleton(&plain).chars().flat_map(char::to_lowercase).collect();
    skeleton(&folded).split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether `name` (normalized) occurs in `haystack` (normalized): anywhere for a non-ASCII
/// name, as whole words for an ASCII one.
fn name_occurs(haystack: &str, name: &str) -> bool {
    if name.is_empty() {
        return false;
    }
    if !name.is_ascii() {
        return haystack.contains(name);
    }
    let is_word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    haystack.match_indices(name).any(|(at, _)| {
        let before = haystack[..at].chars().next_back();
        let after = haystack[at + name.len()..].chars().next();
        !is_word(before) && !is_word(after)
    })
}


#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Domains;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn the_brand_file_is_well_formed() {
        for (b, names) in brands().iter().zip(brand_names()) {
            for (written, normalized) in names {
                assert!(!normalized.is_empty(), "{}: empty name {written:?}", b.label);
            }
            for domain in &b.domains {
                let info = Domains::embedded().info(domain);
                assert!(info.suffix_is_known, "{}: {domain} is not under a known public suffix", b.label);
            }
        }
    }

    #[test]
    fn names_are_read_as_the_eye_reads_them() {
        let named = |text: &str| named_in(text).map(|(b, name)| (b.label, name)).collect::<Vec<_>>();
        assert_eq!(named("えきねっとサポートセンター"), [("Eki-net (JR East)", "えきねっと")]);
        assert_eq!(named("\u{41C}\u{435}ta\u{41C}ask"), [("MetaMask", "MetaMask")]);
        assert_eq!(named("Amaz0n.co.jp"), [("Amazon", "Amazon")]);
        assert_eq!(named("Pineapple Weekly"), []);
        assert_eq!(named("write to us"), []);
    }
}
