//! UTS #39 confusable skeletons (`skeleton(X) = NFD(map each character of NFD(X) to its
//! prototype)`), as `unicode_security::skeleton` computes them, but built on the ICU4X NFD that
//! the url crate's IDNA already links in, with the prototypes in a compact table.
//!
//! Why not call `unicode_security::skeleton`: it pulls in `unicode-normalization` for NFD and
//! stores its prototypes as `(char, &[char])` pairs, which together were about a third of the
//! extension's gzipped wasm. `unicode-security` stays for everything else (mixed script,
//! restriction levels) and is the oracle the tests compare against, character by character over
//! all of Unicode, so a dependency update that changes skeletons fails the tests instead of
//! drifting silently.
//!
//! The table (`skeleton_table.rs`) is generated from `unicode_security::skeleton` itself:
//! `LINKGUARD_WRITE_SKELETON_TABLE=1 cargo test --lib skeleton::tests::table_is_current`.

use icu_normalizer::DecomposingNormalizerBorrowed;

mod table {
    include!("skeleton_table.rs");
}

const NFD: DecomposingNormalizerBorrowed<'static> = DecomposingNormalizerBorrowed::new_nfd();

/// The UTS #39 skeleton of `s`.
pub fn skeleton(s: &str) -> String {
    let mapped: String = NFD.normalize_iter(s.chars()).fold(String::new(), |mut out, c| {
        match prototype(c) {
            Some(p) => out.push_str(p),
            None => out.push(c),
        }
        out
    });
    NFD.normalize(&mapped).into_owned()
}

/// A default-ignorable code point (`Default_Ignorable_Code_Point`: zero-width characters, bidi
/// controls, variation selectors, tags, Hangul fillers...): drawn as nothing at all.
pub fn is_default_ignorable(c: char) -> bool {
    let u = c as u32;
    // Nearly every character asked about is below the first range.
    u >= 0xAD
        && table::IGNORED
            .binary_search_by(|&(first, last)| {
                if last < u {
                    core::cmp::Ordering::Less
                } else if first > u {
                    core::cmp::Ordering::Greater
                } else {
                    core::cmp::Ordering::Equal
                }
            })
            .is_ok()
}

/// The ASCII letters or digits the single character `c` (not ASCII) is drawn like, if any:
/// its skeleton when that is made of ASCII letters and digits only (Cyrillic `о` → `o`, Greek
/// `ν` → `v`). confusables.txt writes `m`-like characters as `rn`: read as `m`.
pub fn ascii_lookalike(c: char) -> Option<&'static str> {
    if c.is_ascii() {
        return None;
    }
    let mut buf = [0u8; 4];
    let decomposed = NFD.normalize(c.encode_utf8(&mut buf));
    let mut chars = decomposed.chars();
    let base = chars.next()?;
    // A character with marks of its own (`ḿ`) is read by its base here; the marks are the
    // caller's to drop.
    let prototype = prototype(base)?;
    if prototype == "rn" {
        return Some("m");
    }
    (!prototype.is_empty() && prototype.bytes().all(|b| b.is_ascii_alphanumeric())).then_some(prototype)
}

/// The skeleton of the single (NFD-stable) character `c` when it is not `c` itself: nothing for
/// a default-ignorable code point, else the NFD of its confusables.txt prototype.
fn prototype(c: char) -> Option<&'static str> {
    if is_default_ignorable(c) {
        return Some("");
    }
    let u = c as u32;
    // The block whose first source is the last one at or before `c`, then a walk through it.
    let block = table::BLOCKS.partition_point(|&(first, _, _)| first <= u).checked_sub(1)?;
    let (mut source, prototypes_at, steps_at) = table::BLOCKS[block];
    let mut steps = table::STEPS.get(usize::from(steps_at)..)?.iter();
    for entry in 0..table::BLOCK {
        let step = match *steps.next()? {
            255 => u16::from_le_bytes([*steps.next()?, *steps.next()?]),
            step => u16::from(step),
        };
        source += u32::from(step);
        if source >= u {
            if source > u {
                return None;
            }
            // The entry's skeleton: after the block's first `entry` separators (searched only
            // for a character that has one: most characters asked about have none).
            let prototypes = table::PROTOTYPES.get(usize::from(prototypes_at)..)?;
            let mut separators = prototypes.bytes().enumerate().filter(|&(_, b)| b == 0).map(|(i, _)| i);
            let start = if entry == 0 { 0 } else { separators.nth(entry - 1)? + 1 };
            let end = separators.next()?;
            return prototypes.get(start..end);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    fn oracle(s: &str) -> String {
        unicode_security::skeleton(s).collect()
    }

    fn all_chars() -> impl Iterator<Item = char> {
        (0..=char::MAX as u32).filter_map(char::from_u32)
    }

    /// The default-ignorable code points are exactly those whose skeleton is empty.
    #[test]
    fn default_ignorable_is_an_empty_skeleton() {
        let mut buf = [0u8; 4];
        for c in all_chars() {
            let empty = oracle(c.encode_utf8(&mut buf)).is_empty();
            assert_eq!(is_default_ignorable(c), empty, "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn ascii_lookalikes() {
        for (c, expected) in [
            ('\u{043E}', Some("o")), // Cyrillic о
            ('\u{0441}', Some("c")), // Cyrillic с
            ('\u{03BD}', Some("v")), // Greek ν
            ('\u{0560}', Some("m")), // Armenian ՠ: confusables.txt's "rn"
            ('\u{1E3F}', Some("m")), // ḿ: its base
            ('a', None),
            ('あ', None),
            ('ß', None),
        ] {
            assert_eq!(ascii_lookalike(c), expected, "U+{:04X}", c as u32);
        }
    }

    /// Every character of Unicode has the same skeleton as `unicode_security::skeleton` gives.
    #[test]
    fn every_character_matches_unicode_security() {
        let mut buf = [0u8; 4];
        let mut mismatches = Vec::new();
        for c in all_chars() {
            let s = c.encode_utf8(&mut buf);
            let (ours, theirs) = (skeleton(s), oracle(s));
            if ours != theirs {
                mismatches.push(format!("U+{:04X}: {ours:?} != {theirs:?}", c as u32));
            }
        }
        assert!(mismatches.is_empty(), "{} mismatches: {:?}", mismatches.len(), &mismatches[..mismatches.len().min(20)]);
    }

    /// Whole strings: combining marks reordered and recombined across mapped characters,
    /// decomposed and precomposed input, hostnames seen in homograph attacks.
    #[test]
    fn strings_match_unicode_security() {
        const CASES: &[(&str, &str)] = &[
            // Expected values are what unicode_security::skeleton gives (confusables.txt maps
            // `m` to `rn`, `I` and `1` to `l`, and a full-width hyphen to the katakana `ー`).
            ("paypal", "paypal"),
            ("раураӏ", "paypal"),
            ("аpple", "apple"),
            ("ɡoogle", "google"),
            ("ınstagram", "instagrarn"),
            ("ｅｋｉ－ｎｅｔ", "ekiーnet"),
            ("𝐩𝐚𝐲𝐩𝐚𝐥", "paypal"),
            ("rn", "rn"),
            ("m", "rn"),
            ("münchen", "rnu\u{308}nchen"),
            ("mu\u{308}nchen", "rnu\u{308}nchen"),
            ("café", "cafe\u{301}"),
            ("日本語", "日本語"),
            ("例え", "例え"),
            ("ドメイン", "卜\u{ff9e}メ亻ン"),
            ("Ⅻ", "Xll"),
            ("ǆ", "dz\u{306}"),
            ("a\u{323}\u{302}", "a\u{323}\u{302}"),
            ("a\u{302}\u{323}", "a\u{323}\u{302}"),
            ("ø\u{301}", "o\u{338}\u{301}"),
            ("", ""),
        ];
        for &(input, expected) in CASES {
            assert_eq!(oracle(input), expected, "unicode_security::skeleton({input:?})");
            assert_eq!(skeleton(input), expected, "skeleton({input:?})");
        }
    }

    /// Random-ish mixes of the characters that have prototypes, combining marks and ASCII.
    #[test]
    fn mixed_strings_match_unicode_security() {
        let interesting: Vec<char> = (0x80..0x1_F000)
            .step_by(13)
            .filter_map(char::from_u32)
            .filter(|&c| prototype(c).is_some())
            .chain(['a', 'o', '-', '1', '\u{301}', '\u{323}', '\u{338}', '\u{3099}', 'ᄀ', '가'])
            .collect();
        // A fixed linear congruential sequence: reproducible, no dependency.
        let mut state: u32 = 0x2545_F491;
        for _ in 0..2000 {
            let mut s = String::new();
            for _ in 0..6 {
                state = state.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
                s.push(interesting[(state >> 8) as usize % interesting.len()]);
            }
            assert_eq!(skeleton(&s), oracle(&s), "skeleton({s:?})");
        }
    }

    /// The checked-in table is what `unicode_security` gives today (regenerate it with
    /// `LINKGUARD_WRITE_SKELETON_TABLE=1`). Native only: it writes a file.
    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn table_is_current() {
        use unicode_normalization::UnicodeNormalization;
        const BLOCK: usize = 64;
        let mut buf = [0u8; 4];
        let (mut sources, mut skeletons) = (Vec::<u32>::new(), Vec::<String>::new());
        let mut ignored: Vec<(u32, u32)> = Vec::new();
        for c in all_chars() {
            let s: &str = c.encode_utf8(&mut buf);
            // Only characters that NFD leaves alone can reach the prototype lookup.
            if s.nfd().ne(s.chars()) {
                continue;
            }
            let sk = oracle(s);
            let u = c as u32;
            if sk.is_empty() {
                // Default-ignorable: long runs (U+E0000..U+E0FFF), kept as ranges.
                match ignored.last_mut() {
                    Some((_, last)) if *last + 1 == u => *last = u,
                    _ => ignored.push((u, u)),
                }
            } else if sk != s {
                sources.push(u);
                skeletons.push(sk);
            }
        }
        let (mut blocks, mut steps) = (Vec::new(), Vec::<u8>::new());
        let mut offset = 0usize;
        for (i, (&source, sk)) in sources.iter().zip(&skeletons).enumerate() {
            let step = if i % BLOCK == 0 {
                let start = u16::try_from(offset).expect("prototypes fit u16 offsets");
                let steps_at = u16::try_from(steps.len()).expect("steps fit u16 offsets");
                blocks.push(format!("(0x{source:04X}, {start}, {steps_at})"));
                0
            } else {
                u16::try_from(source - sources[i - 1]).expect("step fits u16")
            };
            match u8::try_from(step) {
                Ok(small) if small < 255 => steps.push(small),
                _ => steps.extend([255].into_iter().chain(step.to_le_bytes())),
            }
            assert!(!sk.contains('\0'), "U+{source:04X}: a skeleton with U+0000");
            offset += sk.len() + 1;
        }
        // Sixteen numbers or six skeletons a line, so that a regeneration diffs readably.
        let lines = |items: Vec<String>, per_line: usize| -> String {
            items.chunks(per_line).map(|line| format!("    {},\n", line.join(", "))).collect()
        };
        let n = sources.len();
        let generated = format!(
            "// GENERATED by `LINKGUARD_WRITE_SKELETON_TABLE=1 cargo test --lib skeleton::tests::table_is_current`\n\
             // from unicode_security::skeleton (UTS #39 confusables.txt). Do not edit.\n\
             // {n} characters have a prototype; they are stored in blocks of {BLOCK}: the first\n\
             // code point of each block, then steps from one to the next (small numbers, which\n\
             // compress well; the extension ships this gzipped).\n\n\
             pub(super) const BLOCK: usize = {BLOCK};\n\n\
             /// Code point ranges (inclusive) that skeletons drop: the default-ignorable ones.\n\
             pub(super) static IGNORED: [(u32, u32); {}] = [\n{}];\n\n\
             /// Per block: its first code point, where its first skeleton starts in `PROTOTYPES`\n\
             /// and where its first step starts in `STEPS`.\n\
             pub(super) static BLOCKS: [(u32, u16, u16); {}] = [\n{}];\n\n\
             /// Per NFD-stable character with a prototype, ascending: the step from the previous\n\
             /// one (0 for the first of a block), one byte, or 255 and two (little-endian) for a\n\
             /// step of 255 or more.\n\
             pub(super) static STEPS: [u8; {}] = [\n{}];\n\n\
             /// The skeletons (NFD of the confusables.txt prototypes), each followed by U+0000\n\
             /// (a separator, not a byte length per character: 1.4 KB smaller gzipped).\n\
             pub(super) static PROTOTYPES: &str = concat!(\n{});\n",
            ignored.len(),
            lines(ignored.iter().map(|(a, b)| format!("(0x{a:04X}, 0x{b:04X})")).collect(), 6),
            blocks.len(),
            lines(blocks, 6),
            steps.len(),
            lines(steps.iter().map(u8::to_string).collect(), 16),
            lines(skeletons.iter().map(|s| format!("{:?}", format!("{s}\0"))).collect(), 6),
        );
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/src/text/skeleton_table.rs");
        if std::env::var_os("LINKGUARD_WRITE_SKELETON_TABLE").is_some() {
            std::fs::write(path, &generated).expect("write skeleton table");
        }
        let current = std::fs::read_to_string(path).expect("read skeleton table");
        assert!(current == generated, "src/text/skeleton_table.rs is stale: regenerate it (see the module docs)");
    }

    /// `names_in_text` takes a second skeleton only of what lowercasing changed: a skeleton's
    /// skeleton must be itself. A skeleton is made of characters left alone and of prototypes'
    /// characters, so it is when no prototype's character has a prototype of its own.
    #[test]
    fn a_skeleton_is_its_own_skeleton() {
        for c in table::PROTOTYPES.chars().filter(|&c| c != '\0') {
            assert_eq!(prototype(c), None, "U+{:04X} is in a prototype and has one", u32::from(c));
        }
        for text in ["Аmazon", "PayPaI rnicrosoft", "ＬＩＮＥ", "三井住友カード", "Co\u{337}rreios"] {
            let once = skeleton(text);
            assert_eq!(skeleton(&once), once, "{text}");
        }
    }
}
