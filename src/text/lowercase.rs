//! `str::to_lowercase`, the same characters out for every string in, from tables of a fraction of
//! the size of the standard library's.
//!
//! Why not call `str::to_lowercase`: its tables (a (char, char) pair for each of the 1,400
//! characters with a lowercase, the final-sigma properties) made the gzipped extension wasm
//! 5.0 KB larger than these. Here the lowercase mapping is ~200 runs of characters a fixed
//! distance from their lowercase, and the final-sigma rule (Σ is ς at the end of a word) reads
//! one compact table of the two properties it needs.
//!
//! The table (`lowercase_table.rs`) is generated from the standard library itself, which the
//! tests compare against for every character, and for Σ beside every character:
//! `LINKGUARD_WRITE_LOWERCASE_TABLE=1 cargo test --lib lowercase::tests::table_is_current`.

mod table {
    include!("lowercase_table.rs");
}

/// `s.to_lowercase()`.
pub fn to_lowercase(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for (i, c) in s.char_indices() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else if c == 'Σ' {
            out.push(if is_word_final(s, i) { 'ς' } else { 'σ' });
        } else if let Some(&(_, lower)) = table::MULTI.iter().find(|&&(from, _)| from == c) {
            out.push_str(lower);
        } else {
            out.push(lower_char(c));
        }
    }
    out
}

/// The lowercase of `c` when it is one character (`c` itself when it has none).
fn lower_char(c: char) -> char {
    let u = c as u32;
    let Some(run) = table::FIRST.partition_point(|&first| first <= u).checked_sub(1) else { return c };
    let offset = u - table::FIRST[run];
    let stride = u32::from(table::STRIDE[run]).max(1);
    if offset % stride != 0 || offset / stride >= u32::from(table::COUNT[run]) {
        return c;
    }
    char::from_u32(u.wrapping_add_signed(table::DELTA[run])).unwrap_or(c)
}

/// What the final-sigma rule sees in a character: nothing (`Case_Ignorable`), a cased letter
/// (`Cased`, and not `Case_Ignorable`), or anything else.
#[derive(Clone, Copy, PartialEq, Eq)]
enum SigmaClass {
    Other,
    Ignorable,
    Cased,
}

/// A walk through `CLASS_RUNS` (LEB128 numbers, each `distance from the previous start << 2 |
/// class`): only for the characters beside a Σ, and 1 KB smaller gzipped than a table of
/// starts to search.
fn sigma_class(c: char) -> SigmaClass {
    let u = c as u32;
    match class_runs().take_while(|&(start, _)| start <= u).last().map_or(0, |(_, class)| class) {
        1 => SigmaClass::Ignorable,
        2 => SigmaClass::Cased,
        _ => SigmaClass::Other,
    }
}

/// (start, class) of every run of `CLASS_RUNS`, ascending.
fn class_runs() -> impl Iterator<Item = (u32, u32)> {
    let mut bytes = table::CLASS_RUNS.iter();
    let mut start = 0u32;
    std::iter::from_fn(move || {
        let (mut value, mut shift) = (0u32, 0u32);
        loop {
            let byte = *bytes.next()?;
            value |= u32::from(byte & 0x7F).checked_shl(shift).unwrap_or(0);
            if byte & 0x80 == 0 {
                break;
            }
            shift += 7;
        }
        start = start.saturating_add(value >> 2);
        Some((start, value & 3))
    })
}

/// Unicode's `Final_Sigma` for the Σ at byte `i` of `s`, as the standard library reads it: a
/// cased letter before it and none after it, case-ignorable characters skipped.
fn is_word_final(s: &str, i: usize) -> bool {
    let before = s.get(..i).unwrap_or("");
    let after = s.get(i + 'Σ'.len_utf8()..).unwrap_or("");
    cased_first(before.chars().rev()) && !cased_first(after.chars())
}

/// The first character that is not case-ignorable is cased.
fn cased_first(chars: impl Iterator<Item = char>) -> bool {
    chars.map(sigma_class).find(|&k| k != SigmaClass::Ignorable) == Some(SigmaClass::Cased)
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    fn all_chars() -> impl Iterator<Item = char> {
        (0..=char::MAX as u32).filter_map(char::from_u32)
    }

    #[test]
    fn every_character_lowers_like_std() {
        let mut buf = [0u8; 4];
        for c in all_chars() {
            let s: &str = c.encode_utf8(&mut buf);
            assert_eq!(to_lowercase(s), s.to_lowercase(), "U+{:04X}", c as u32);
        }
    }

    /// The final-sigma class of a character, as the standard library's rule reveals it: before
    /// a final Σ, a case-ignorable character is skipped (so a cased letter before it counts), a
    /// cased one counts itself.
    fn std_class(c: char) -> u32 {
        let final_after = |prefix: char| format!("{prefix}{c}Σ").to_lowercase().ends_with('ς');
        match (final_after('a'), final_after('1')) {
            (false, false) => 0,
            (true, false) => 1,
            (true, true) => 2,
            (false, true) => panic!("U+{:04X}: cased only after a digit", c as u32),
        }
    }

    #[test]
    fn every_character_has_its_final_sigma_class() {
        let runs: Vec<(u32, u32)> = class_runs().collect();
        for c in all_chars() {
            let at = runs.partition_point(|&(start, _)| start <= c as u32) - 1;
            assert_eq!(runs[at].1, std_class(c), "U+{:04X}", c as u32);
        }
    }

    /// Σ before, after and between characters, where the final-sigma rule looks: those that
    /// start a class and those just before, and every 97th.
    #[test]
    fn final_sigma_like_std() {
        let mut chars: Vec<char> = class_runs().flat_map(|(start, _)| [start.wrapping_sub(1), start]).filter_map(char::from_u32).collect();
        chars.extend(all_chars().step_by(97));
        for c in chars {
            for s in [
                format!("a{c}Σ"),
                format!("1{c}Σ"),
                format!("aΣ{c}"),
                format!("aΣ{c}a"),
                format!("{c}Σ"),
            ] {
                assert_eq!(to_lowercase(&s), s.to_lowercase(), "{s:?} (U+{:04X})", c as u32);
            }
        }
    }

    #[test]
    fn strings() {
        for s in ["ὈΔΥΣΣΕΎΣ", "ΣΑΣ ΣΑΣ. Σ", "İstanbul", "ＡＢＣ Straße ǅ ᾈ", "PayPal ΡayΡal", "", "ΑΣ'Σ", "Σ\u{301}Σ"] {
            assert_eq!(to_lowercase(s), s.to_lowercase(), "{s:?}");
        }
    }

    /// The generated table matches what the standard library does (rewrite it with
    /// `LINKGUARD_WRITE_LOWERCASE_TABLE=1`). Native only: it writes a file.
    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn table_is_current() {
        let mut buf = [0u8; 4];
        // Characters (not ASCII, not Σ) whose lowercase is one other character, ascending.
        let mut single: Vec<(u32, i32)> = Vec::new();
        let mut multi: Vec<(char, String)> = Vec::new();
        for c in all_chars().filter(|&c| !c.is_ascii() && c != 'Σ') {
            let lower = c.encode_utf8(&mut buf).to_lowercase();
            let mut chars = lower.chars();
            match (chars.next(), chars.next()) {
                (Some(l), None) if l == c => {}
                (Some(l), None) => single.push((c as u32, l as i32 - c as i32)),
                _ => multi.push((c, lower)),
            }
        }
        // Runs: one delta, code points a constant stride (1 or 2) apart.
        let (mut first, mut count, mut stride, mut delta) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        let mut i = 0;
        while i < single.len() {
            let (start, d) = single[i];
            let mut step = 0;
            let mut j = i + 1;
            while j < single.len() && single[j].1 == d {
                let gap = single[j].0 - single[j - 1].0;
                if step == 0 && (gap == 1 || gap == 2) {
                    step = gap;
                }
                if gap != step || j - i >= usize::from(u16::MAX) {
                    break;
                }
                j += 1;
            }
            first.push(start);
            count.push(j - i);
            stride.push(step.max(1));
            delta.push(d);
            i = j;
        }
        let (mut runs, mut last) = (Vec::<u8>::new(), None);
        let mut previous_start = 0;
        for c in all_chars() {
            let class = std_class(c);
            if last != Some(class) {
                let mut value = (c as u32 - previous_start) << 2 | class;
                while value >= 0x80 {
                    runs.push(value as u8 | 0x80);
                    value >>= 7;
                }
                runs.push(value as u8);
                (last, previous_start) = (Some(class), c as u32);
            }
        }
        let list = |values: Vec<String>| -> String {
            values.chunks(12).map(|row| format!("    {},\n", row.join(", "))).collect()
        };
        let hex = |v: &[u32]| list(v.iter().map(|u| format!("0x{u:04X}")).collect());
        let dec = |v: Vec<String>| list(v);
        let generated = format!(
            "// GENERATED by `LINKGUARD_WRITE_LOWERCASE_TABLE=1 cargo test --lib lowercase::tests::table_is_current`\n\
             // from the standard library's `str::to_lowercase`. Do not edit.\n\n\
             /// Runs of characters (not ASCII) whose lowercase is the one character `DELTA` code\n\
             /// points away: `COUNT` of them from `FIRST`, `STRIDE` apart.\n\
             pub(super) static FIRST: [u32; {n}] = [\n{}];\n\
             pub(super) static COUNT: [u16; {n}] = [\n{}];\n\
             pub(super) static STRIDE: [u8; {n}] = [\n{}];\n\
             pub(super) static DELTA: [i32; {n}] = [\n{}];\n\n\
             /// Characters whose lowercase is more than one character.\n\
             pub(super) static MULTI: [(char, &str); {}] = [\n{}];\n\n\
             /// Where each final-sigma class starts, from U+0000: LEB128 numbers, the distance from\n\
             /// the previous start `<< 2 | class` (0 other, 1 case-ignorable, 2 cased).\n\
             pub(super) static CLASS_RUNS: [u8; {k}] = [\n{}];\n",
            hex(&first),
            dec(count.iter().map(|c| c.to_string()).collect()),
            dec(stride.iter().map(|s| s.to_string()).collect()),
            dec(delta.iter().map(|d| d.to_string()).collect()),
            multi.len(),
            multi.iter().map(|(c, l)| format!("    ({c:?}, {l:?}),\n")).collect::<String>(),
            dec(runs.iter().map(|b| b.to_string()).collect()),
            n = first.len(),
            k = runs.len(),
        );
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/src/text/lowercase_table.rs");
        if std::env::var_os("LINKGUARD_WRITE_LOWERCASE_TABLE").is_some() {
            std::fs::write(path, &generated).expect("write lowercase table");
        }
        let current = std::fs::read_to_string(path).expect("read lowercase table");
        assert!(current == generated, "src/text/lowercase_table.rs is stale: regenerate it (see the module docs)");
    }
}
