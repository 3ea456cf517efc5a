//! Brand names as people read them: in a mail's display name ("えきねっとサポートセンター",
//! "МеtaМask" in Cyrillic letters) or in a link's text. The names are the second column of
//! `data/brands.tsv`; the sender check (`message::sender`, reason
//! `mailto-brand-mismatch`) uses them to ask "does this text name a brand?".

use crate::brand::table::{brands, Brand};
use crate::text::skeleton::skeleton;
use std::sync::OnceLock;

/// The brands whose names occur in `text`, each with the name as the data file writes it
/// (the first of the brand's names found); in the brand list's order.
pub fn named_in(text: &str) -> impl Iterator<Item = (&'static Brand, &'static str)> {
    let text = normalize_name(text);
    let index = name_index();
    // For each brand, the first of its names (in the data file's order) found in the text.
    let mut found: Vec<Option<u16>> = vec![None; index.names.len()];
    for (at, c) in text.char_indices() {
        for &(brand, name) in index.by_first_char.get(&c).map_or(&[][..], Vec::as_slice) {
            let normalized = &index.names[usize::from(brand)][usize::from(name)].1;
            let best = &mut found[usize::from(brand)];
            if best.is_none_or(|b| name < b) && occurs_at(&text, at, normalized) {
                *best = Some(name);
            }
        }
    }
    found.into_iter().enumerate().filter_map(move |(brand, name)| {
        let name = usize::from(name?);
        Some((&brands()[brand], index.names[brand][name].0))
    })
}

/// Each brand's names (`data/brands.tsv`, via [`crate::brand::table`]) as written and normalized,
/// in the brand list's order, and the same names by their first character: a text is read
/// once, not once per name (a search per name cost a `mailto:` link ≈ 80k instructions).
struct NameIndex {
    names: Vec<Vec<(&'static str, String)>>,
    by_first_char: std::collections::HashMap<char, Vec<(u16, u16)>>,
}

fn name_index() -> &'static NameIndex {
    static INDEX: OnceLock<NameIndex> = OnceLock::new();
    INDEX.get_or_init(|| {
        let names: Vec<Vec<(&'static str, String)>> = brands()
            .iter()
            .map(|b| b.names.iter().map(|&n| (n, normalize_name(n))).collect())
            .collect();
        let mut by_first_char: std::collections::HashMap<char, Vec<(u16, u16)>> = Default::default();
        for (brand, brand_names) in names.iter().enumerate() {
            for (name, (_, normalized)) in brand_names.iter().enumerate() {
                let (Some(first), Ok(brand), Ok(name)) =
                    (normalized.chars().next(), u16::try_from(brand), u16::try_from(name))
                else {
                    continue;
                };
                by_first_char.entry(first).or_default().push((brand, name));
            }
        }
        NameIndex { names, by_first_char }
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
    if s.is_ascii() {
        // Each ASCII character's form, looked up: NFKC keeps ASCII as it is, and the skeleton of
        // ASCII text is its characters' skeletons one by one.
        static FORMS: OnceLock<Vec<String>> = OnceLock::new();
        let forms = FORMS.get_or_init(|| (0..128u8).map(|b| normalize_unicode(&char::from(b).to_string())).collect());
        let mapped: String = s.bytes().map(|b| if char::from(b).is_whitespace() { " " } else { &forms[usize::from(b)] }).collect();
        return mapped.split_whitespace().collect::<Vec<_>>().join(" ");
    }
    normalize_unicode(s)
}

fn normalize_unicode(s: &str) -> String {
    let ccc = icu_normalizer::properties::CanonicalCombiningClassMapBorrowed::new();
    let plain: String = crate::text::claim::NFKC
        .normalize_iter(s.chars())
        .filter(|&c| !is_invisible(c) && ccc.get_u8(c) == 0)
        .collect();
    // ASCII lowercase is enough: the skeleton has turned look-alike capitals of other scripts
    // into Latin ones, and no brand name is written in a cased script other than Latin.
    let folded = skeleton(&plain).to_ascii_lowercase();
    skeleton(&folded).split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether `name` (normalized) occurs in `text` (normalized) at byte `at`: anywhere for a
/// non-ASCII name, as whole words for an ASCII one ("apple" is not in "pineapple"). A word ends
/// where ASCII letters and digits do: Japanese glues words together ("Amazonカスタマーサービス").
fn occurs_at(text: &str, at: usize, name: &str) -> bool {
    if name.is_empty() || !text[at..].starts_with(name) {
        return false;
    }
    if !name.is_ascii() {
        return true;
    }
    let is_word = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
    !is_word(text[..at].chars().next_back()) && !is_word(text[at + name.len()..].chars().next())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::host::domain::Domains;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn the_brand_file_is_well_formed() {
        for (b, names) in brands().iter().zip(&name_index().names) {
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
    fn ascii_text_is_normalized_as_any_other() {
        let all: String = (1..128u8).map(char::from).collect();
        for text in [all.as_str(), "a\u{b}b\u{c}c\u{1c}d", "Amaz0n  Support\tTEAM", "PayPaI rnicrosoft |ine", "  "] {
            assert_eq!(normalize_name(text), normalize_unicode(text), "{text:?}");
        }
    }

    #[test]
    fn names_are_read_as_the_eye_reads_them() {
        let named = |text: &str| named_in(text).map(|(b, name)| (b.label, name)).collect::<Vec<_>>();
        assert_eq!(named("えきねっとサポートセンター"), [("Eki-net (JR East)", "えきねっと")]);
        assert_eq!(named("\u{41C}\u{435}ta\u{41C}ask"), [("MetaMask", "MetaMask")]);
        assert_eq!(named("Amaz0n.co.jp"), [("Amazon", "Amazon")]);
        assert_eq!(named("Pineapple Weekly"), []);
        assert_eq!(named("Amazonカスタマーサービス"), [("Amazon", "Amazon")], "no space between Japanese words");
        assert_eq!(named("PAYPAL"), [("PayPal", "PayPal")]);
        assert_eq!(named("write to us"), []);
    }
}
