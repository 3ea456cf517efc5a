//! Brand names as people read them: in a mail's display name ("えきねっとサポートセンター",
//! "МеtaМask" in Cyrillic letters) or in a link's text. The names are the third column of
//! `data/brands.tsv`; the sender check (`message::sender`, reason
//! `mailto-brand-mismatch`) uses them to ask "does this text name a brand?".

use crate::brand::table::{brands, Brand, NameRule};
use crate::text::skeleton::skeleton;
use rustc_hash::FxHashMap;
use std::sync::OnceLock;

/// The brands whose names occur in `text`, each with the name as the data file writes it
/// (without its prefix), in the brand list's order. A name found inside a longer name of another
/// brand doesn't count ("三井住友" in "三井住友信託銀行"); of a brand, the longest name found is
/// given; of a group, only the brand with the longest name found ("楽天カード株式会社" names
/// 楽天カード, not 楽天 too).
pub fn named_in(text: &str) -> impl Iterator<Item = (&'static Brand, &'static str)> {
    let index = name_index();
    let mut found = loose_matches(text, index);
    // A loose name inside a longer one found at the same place is part of that name.
    let spans: Vec<(usize, usize)> = found.iter().map(|f| (f.start, f.end)).collect();
    found.retain(|f| !spans.iter().any(|&(s, e)| s <= f.start && f.end <= e && e - s > f.end - f.start));
    // Precise names are ASCII: a text without an ASCII or a full-width letter or digit holds none
    // (most Japanese link texts), and is not normalized again for them.
    let may_hold_precise = text.chars().any(|c| c.is_ascii_alphanumeric() || ('\u{FF10}'..='\u{FF5A}').contains(&c));
    if index.has_precise && may_hold_precise {
        found.extend(precise_matches(text, index));
    }
    // The longest name of each brand, then of each group (ties: the data file's order). Only the
    // brands found take part (most texts name none): (brand, length, name), by brand.
    let mut best: Vec<(usize, usize, usize)> = Vec::new();
    for f in &found {
        match best.iter_mut().find(|(brand, _, _)| *brand == f.brand) {
            Some(entry) => {
                if f.len > entry.1 || (f.len == entry.1 && f.name < entry.2) {
                    *entry = (f.brand, f.len, f.name);
                }
            }
            // Kept in brand order as they come (a handful at most; no sort's code in the wasm).
            None => best.insert(best.partition_point(|&(brand, _, _)| brand < f.brand), (f.brand, f.len, f.name)),
        }
    }
    let all = brands();
    let beaten: Vec<bool> = best
        .iter()
        .map(|&(brand, len, _)| {
            all[brand].group.is_some_and(|group| {
                best.iter().any(|&(other, other_len, _)| {
                    other != brand
                        && all[other].group == Some(group)
                        && (other_len > len || (other_len == len && other < brand))
                })
            })
        })
        .collect();
    best.into_iter().zip(beaten).filter(|&(_, beaten)| !beaten).map(move |((brand, _, name), _)| (&all[brand], all[brand].names[name].text))
}

/// A brand's name found in a text.
struct Found {
    brand: usize,
    /// Index into the brand's names.
    name: usize,
    /// Byte span in the normalized text (loose names only; precise ones are never inside
    /// another name).
    start: usize,
    end: usize,
    /// The name's length in characters, as normalized: the longest name wins.
    len: usize,
}

/// Each brand's names (`data/brands.tsv`, via [`crate::brand::table`]) normalized as their rule
/// says, in the brand list's order, and the loose names by their first character: a text is
/// read once, not once per name (a search per name cost a `mailto:` link ≈ 80k instructions).
struct NameIndex {
    /// Per brand, per name: the normalized name (loose: folded; precise: NFKC as written).
    names: Vec<Vec<String>>,
    /// FxHash, not SipHash: looked up for every character of every text read, and the keys are
    /// the data file's, not an attacker's.
    by_first_char: FxHashMap<char, Vec<Candidate>>,
    /// (brand, name) of every precise name.
    precise: Vec<(usize, usize)>,
    has_precise: bool,
}

/// A loose name filed under its first character, with its first bytes ([`prefix_at`]): most
/// names of a character are ruled out by one comparison of those before any string compare
/// (45 names begin with an `a`).
#[derive(Clone, Copy)]
struct Candidate {
    brand: u16,
    name: u16,
    prefix: u64,
    mask: u64,
}

/// Up to the first 8 bytes of `bytes` as a number, and the mask of the bytes there are.
fn prefix_at(bytes: &[u8]) -> (u64, u64) {
    let mut word = [0u8; 8];
    let n = bytes.len().min(8);
    word[..n].copy_from_slice(&bytes[..n]);
    let mask = if n == 8 { u64::MAX } else { (1u64 << (8 * n)) - 1 };
    (u64::from_le_bytes(word), mask)
}

fn name_index() -> &'static NameIndex {
    static INDEX: OnceLock<NameIndex> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut precise = Vec::new();
        let names: Vec<Vec<String>> = brands()
            .iter()
            .enumerate()
            .map(|(brand, b)| {
                b.names
                    .iter()
                    .enumerate()
                    .map(|(i, n)| match n.rule {
                        NameRule::Loose => normalize_name(n.text),
                        _ => {
                            precise.push((brand, i));
                            normalize_cased(n.text)
                        }
                    })
                    .collect()
            })
            .collect();
        let mut by_first_char: FxHashMap<char, Vec<Candidate>> = FxHashMap::default();
        for (brand, b) in brands().iter().enumerate() {
            for (name, n) in b.names.iter().enumerate() {
                if n.rule != NameRule::Loose {
                    continue;
                }
                let (Some(first), Ok(brand16), Ok(name16)) =
                    (names[brand][name].chars().next(), u16::try_from(brand), u16::try_from(name))
                else {
                    continue;
                };
                let (prefix, mask) = prefix_at(names[brand][name].as_bytes());
                by_first_char.entry(first).or_default().push(Candidate { brand: brand16, name: name16, prefix, mask });
            }
        }
        let has_precise = !precise.is_empty();
        NameIndex { names, by_first_char, precise, has_precise }
    })
}

/// The loose names in `text`, read as the eye reads it, with their spans.
fn loose_matches(text: &str, index: &NameIndex) -> Vec<Found> {
    let text = normalize_name(text);
    let mut found = Vec::new();
    for (at, c) in text.char_indices() {
        let candidates = index.by_first_char.get(&c).map_or(&[][..], Vec::as_slice);
        if candidates.is_empty() {
            continue;
        }
        let (window, _) = prefix_at(&text.as_bytes()[at..]);
        for candidate in candidates {
            if window & candidate.mask != candidate.prefix {
                continue;
            }
            let (brand, name) = (usize::from(candidate.brand), usize::from(candidate.name));
            let normalized = &index.names[brand][name];
            if occurs_at(&text, at, normalized) {
                let len = normalized.chars().count();
                found.push(Found { brand, name, start: at, end: at + normalized.len(), len });
            }
        }
    }
    found
}

/// The precise names (`case:`, `whole:`, `exact:`) in `text`, compared after NFKC only.
fn precise_matches(text: &str, index: &NameIndex) -> Vec<Found> {
    let text = normalize_cased(text);
    let segments: Vec<&str> = segments(&text).collect();
    let mut found = Vec::new();
    for &(brand, name) in &index.precise {
        let normalized = index.names[brand][name].as_str();
        let hit = match brands()[brand].names[name].rule {
            // (By first byte, not `match_indices`: building its searcher for every name costs more
            // than the whole search in a link's short text.)
            NameRule::Case => normalized.as_bytes().first().is_some_and(|&first| {
                text.bytes().enumerate().any(|(at, b)| b == first && occurs_at(&text, at, normalized))
            }),
            NameRule::Whole => segments.iter().any(|s| s.eq_ignore_ascii_case(normalized)),
            NameRule::Exact => segments.contains(&normalized),
            NameRule::Loose => false,
        };
        if hit {
            found.push(Found { brand, name, start: 0, end: 0, len: normalized.chars().count() });
        }
    }
    found
}

/// The parts of a text a whole name must fill: runs of ASCII between Japanese (any non-ASCII)
/// text, brackets, quotes and `| : ; , / \`, trimmed of spaces and stray punctuation at their
/// ends. "【au】ご請求" gives "au"; "auお客さまサポート" gives "au"; "au pays" is one segment.
fn segments(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_ascii() || "()[]{}<>\"|:;,/\\".contains(c))
        .map(|s| s.trim_matches(|c: char| c.is_ascii_whitespace() || ".-_!?*~#'".contains(c)))
        .filter(|s| !s.is_empty())
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

/// A text as written, for the precise names: NFKC (full-width ＬＩＮＥ is LINE), invisible
/// characters and stray combining marks removed, whitespace collapsed, spaces between Japanese
/// characters removed; case and look-alike letters kept (a skeleton would turn capital I into l).
fn normalize_cased(s: &str) -> String {
    if s.is_ascii() {
        // NFKC keeps ASCII as it is, and no ASCII character is invisible or a mark.
        return s.split_whitespace().collect::<Vec<_>>().join(" ");
    }
    let ccc = icu_normalizer::properties::CanonicalCombiningClassMapBorrowed::new();
    let plain: String = crate::text::claim::NFKC
        .normalize_iter(s.chars().map(mark_as_space))
        .filter(|&c| !is_invisible(c) && ccc.get_u8(c) == 0)
        .collect();
    join_japanese(&plain.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// `s` without the spaces between two non-ASCII characters: "三 井 住 友" is read as 三井住友,
/// as phishing spaces out a name to slip past filters; spaces between words of Latin letters
/// stay.
fn join_japanese(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    chars
        .iter()
        .enumerate()
        .filter(|&(i, &c)| {
            !(c == ' '
                && i > 0
                && chars.get(i + 1).is_some_and(|next| !next.is_ascii())
                && !chars[i - 1].is_ascii())
        })
        .map(|(_, &c)| c)
        .collect()
}

/// A trademark sign as a space: NFKC spells ™ and ℠ out as letters ("Mcafee™" would read
/// "mcafeetm", no word "mcafee" in it), and a sign after a name ends the name as ® does.
fn mark_as_space(c: char) -> char {
    if matches!(c, '\u{2122}' | '\u{2120}') {
        ' '
    } else {
        c
    }
}

fn normalize_unicode(s: &str) -> String {
    let ccc = icu_normalizer::properties::CanonicalCombiningClassMapBorrowed::new();
    let plain: String = crate::text::claim::NFKC
        .normalize_iter(s.chars().map(mark_as_space))
        .filter(|&c| !is_invisible(c) && ccc.get_u8(c) == 0)
        .collect();
    // ASCII lowercase is enough: the skeleton has turned look-alike capitals of other scripts
    // into Latin ones, and no brand name is written in a cased script other than Latin.
    let skeleton_once = skeleton(&plain);
    let folded = skeleton_once.to_ascii_lowercase();
    // A skeleton's skeleton is itself (`text::skeleton`'s test): only what lowercasing changed
    // needs a second one (a Japanese text has no capitals, and is not read again).
    let skeleton_twice = if folded == skeleton_once { folded } else { skeleton(&folded) };
    join_japanese(&skeleton_twice.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// Whether `name` (normalized) occurs in `text` (normalized) at byte `at`, standing as a whole
/// word at each end that is an ASCII letter or digit ("apple" is not in "pineapple", "dカード" not
/// in "goodカード"). A word ends where ASCII letters and digits do: Japanese glues words together
/// ("Amazonカスタマーサービス").
fn occurs_at(text: &str, at: usize, name: &str) -> bool {
    if name.is_empty() || !text[at..].starts_with(name) {
        return false;
    }
    let is_word = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
    let starts_word = is_word(name.chars().next());
    let ends_word = is_word(name.chars().next_back());
    let word_before = starts_word && is_word(text[..at].chars().next_back());
    let word_after = ends_word && is_word(text[at + name.len()..].chars().next());
    !word_before && !word_after
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
            for (written, normalized) in b.names.iter().zip(names) {
                assert!(!normalized.is_empty(), "{}: empty name {written:?}", b.label);
            }
            for domain in b.all_domains() {
                let info = Domains::embedded().info(domain);
                assert!(info.suffix_is_known, "{}: {domain} is not under a known public suffix", b.label);
            }
        }
        assert!(name_index().has_precise, "the data has precise names (exact:au)");
    }

    #[test]
    fn ascii_text_is_normalized_as_any_other() {
        let all: String = (1..128u8).map(char::from).collect();
        for text in [all.as_str(), "a\u{b}b\u{c}c\u{1c}d", "Amaz0n  Support\tTEAM", "PayPaI rnicrosoft |ine", "  "] {
            assert_eq!(normalize_name(text), normalize_unicode(text), "{text:?}");
            let cased: String = normalize_cased(&format!("{text}\u{e9}"));
            assert_eq!(format!("{}\u{e9}", normalize_cased(text)).trim_start(), cased.trim_start(), "{text:?}");
        }
    }

    fn named(text: &str) -> Vec<(&'static str, &'static str)> {
        named_in(text).map(|(b, name)| (b.label, name)).collect()
    }

    #[test]
    fn names_are_read_as_the_eye_reads_them() {
        assert_eq!(named("えきねっとサポートセンター"), [("Eki-net (JR East)", "えきねっと")]);
        assert_eq!(named("\u{41C}\u{435}ta\u{41C}ask"), [("MetaMask", "MetaMask")]);
        assert_eq!(named("Amaz0n Prime"), [("Amazon", "Amazon Prime")], "the longest name found");
        assert_eq!(named("Pineapple Weekly"), []);
        assert_eq!(named("Amazonカスタマーサービス"), [("Amazon", "Amazon")], "no space between Japanese words");
        assert_eq!(named("PAYPAL"), [("PayPal", "PayPal")]);
        assert_eq!(named("write to us"), []);
        // Spaced out to slip past filters (the evaluation corpus's Japanese phishing).
        assert_eq!(named("三 井 住 友"), [("SMBC", "三井住友")]);
        assert_eq!(named("横 浜 銀 行"), [("Bank of Yokohama", "横浜銀行")]);
        assert_eq!(named("東　京　電　力"), [("TEPCO", "東京電力")], "ideographic spaces");
        assert_eq!(named("Mitsui Sumitomo"), [], "spaces between Latin words stay");
        // A name with an ASCII end stands as a word there.
        assert_eq!(named("dカード"), [("NTT docomo", "dカード")]);
        assert_eq!(named("goodカード"), []);
        // A trademark sign ends a name; NFKC would spell it out as letters glued to it.
        assert_eq!(named("Mcafee™"), [("McAfee", "McAfee")]);
        assert_eq!(named("McAfee℠ Renewal"), [("McAfee", "McAfee")]);
        assert_eq!(named("Netflix®"), [("Netflix", "Netflix")]);
    }

    #[test]
    fn a_name_inside_a_longer_one_is_part_of_it() {
        assert_eq!(named("三井住友信託銀行"), [("Sumitomo Mitsui Trust Bank", "三井住友信託銀行")]);
        assert_eq!(named("三井住友カード株式会社"), [("Sumitomo Mitsui Card", "三井住友カード")]);
        assert_eq!(named("SMBC日興証券"), [("SMBC Nikko Securities", "SMBC日興証券")]);
        // Of a group, the brand with the longest name found.
        assert_eq!(named("楽天カード株式会社"), [("Rakuten Card", "楽天カード")]);
        assert_eq!(named("楽天市場"), [("Rakuten", "楽天市場")]);
        assert_eq!(named("auじぶん銀行"), [("au Jibun Bank", "じぶん銀行")]);
        // Two brands of two groups are both named.
        assert_eq!(named("JCB / 三井住友カード"), [("Sumitomo Mitsui Card", "三井住友カード"), ("JCB", "JCB")]);
    }

    #[test]
    fn short_and_ambiguous_names_match_only_in_their_precise_form() {
        // (text, the brand named, if any)
        let cases: &[(&str, Option<&str>)] = &[
            // exact: a whole segment, case as written.
            ("au", Some("au (KDDI)")),
            ("auお客さまサポート", Some("au (KDDI)")),
            ("【au】ご請求金額のお知らせ", Some("au (KDDI)")),
            ("ａｕ", Some("au (KDDI)")),
            ("AU", None),
            ("au pays des merveilles", None),
            ("Chez Paul au Marché", None),
            ("ANA", Some("ANA")),
            ("ANAマイレージクラブ", Some("ANA")),
            ("ＡＮＡ", Some("ANA")),
            ("Ana", None),
            ("Ana Smith", None),
            ("LINE", Some("LINE")),
            ("LINEヤフー株式会社", Some("LINE")),
            ("line", None),
            ("Bottom Line Weekly", None),
            ("ING", Some("ING")),
            ("Meeting notes", None),
            ("BT", Some("BT")),
            ("BT Sport Newsletter", None),
            // whole: a whole segment, any case.
            ("Apple", Some("Apple")),
            ("apple", Some("Apple")),
            ("【Apple】お支払い方法の確認", Some("Apple")),
            ("Appleサポート", Some("Apple")),
            ("Apple ID", Some("Apple")),
            ("Apple Valley Farms", None),
            ("Lockergnome Apple Core", None),
            ("Applied Materials", None),
            ("Visa", Some("Visa")),
            ("US Visa Bulletin", None),
            // case: whole words, case as written.
            ("UPS", Some("UPS")),
            ("UPS Delivery Notice", Some("UPS")),
            ("Start-ups Weekly", None),
            ("ups and downs", None),
        ];
        for &(text, want) in cases {
            let got: Vec<&str> = named(text).into_iter().map(|(brand, _)| brand).collect();
            assert_eq!(got, want.into_iter().collect::<Vec<_>>(), "{text:?}");
        }
    }

    #[test]
    fn segments_are_set_off_by_brackets_punctuation_and_japanese() {
        fn all(t: &str) -> Vec<&str> {
            segments(t).collect()
        }
        assert_eq!(all("【au】ご請求"), ["au"]);
        assert_eq!(all("auお客さまサポート"), ["au"]);
        assert_eq!(all("Apple (Japan) | Support"), ["Apple", "Japan", "Support"]);
        assert_eq!(all("au - お知らせ"), ["au"]);
        assert_eq!(all("Ana Smith"), ["Ana Smith"]);
        assert_eq!(all(""), Vec::<&str>::new());
    }
}
