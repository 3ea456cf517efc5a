//! One line of `data/brands.tsv` read into its columns. `build.rs` includes this file (it
//! compiles the brand list in as Rust source) and `table`'s tests read the data file again
//! through it, so the format is read in one place. Host names are not normalized here: the
//! build normalizes them its own way, and the tests check that against the engine's
//! `normalize_host`.
//!
//! Plain std only: `build.rs` includes it with `#[path]`, outside the crate.

/// How a name of the names column is matched: `exact:au`, `whole:Apple`, `case:UPS` or plain
/// (`table::NameRule`, by the same variant names).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WrittenRule {
    Loose,
    Case,
    Whole,
    Exact,
}

/// A line's columns, each list without its empty and `-` entries. Hosts as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BrandLine<'a> {
    pub label: &'a str,
    pub label_ja: Option<&'a str>,
    pub group: Option<&'a str>,
    pub names: Vec<(WrittenRule, &'a str)>,
    pub domains: Vec<&'a str>,
    pub owned: Vec<&'a str>,
    pub official_url: &'a str,
    /// Lowercased.
    pub ordinary_words: Vec<String>,
    pub source: &'a str,
}

/// The brand a data line describes, or None when the line is no brand: another number of
/// columns than eight, an unknown name prefix, a precise name that isn't ASCII, or a required
/// column empty (label, names, domains, an `https://` official URL, source).
pub fn read(line: &str) -> Option<BrandLine<'_>> {
    let cols: Vec<&str> = line.split('\t').map(str::trim).collect();
    let &[label_column, group, names, domains, owned, official_url, words, source] = cols.as_slice() else {
        return None;
    };
    let (label, label_ja) = match label_column.split_once('|') {
        Some((en, ja)) => (en.trim(), Some(ja.trim()).filter(|ja| !ja.is_empty())),
        None => (label_column, None),
    };
    let names = list(names, '|').into_iter().map(name).collect::<Option<Vec<_>>>()?;
    let line = BrandLine {
        label,
        label_ja,
        group: Some(group).filter(|g| *g != "-" && !g.is_empty()),
        names,
        domains: list(domains, ','),
        owned: list(owned, ','),
        official_url,
        ordinary_words: list(words, ',').into_iter().map(str::to_ascii_lowercase).collect(),
        source,
    };
    let valid = !line.label.is_empty()
        && !line.names.is_empty()
        && !line.domains.is_empty()
        && official_url.starts_with("https://")
        && !source.is_empty()
        && source != "-";
    valid.then_some(line)
}

/// A column's list, without its empty and `-` entries (`-` stands for an empty column).
fn list(column: &str, separator: char) -> Vec<&str> {
    column.split(separator).map(str::trim).filter(|v| !v.is_empty() && *v != "-").collect()
}

/// A name as the names column writes it, or None for an unknown prefix or a precise name
/// (`case:`, `whole:`, `exact:`) that isn't ASCII or has spaces around it.
fn name(written: &str) -> Option<(WrittenRule, &str)> {
    let (rule, text) = match written.split_once(':') {
        Some(("case", text)) => (WrittenRule::Case, text),
        Some(("whole", text)) => (WrittenRule::Whole, text),
        Some(("exact", text)) => (WrittenRule::Exact, text),
        Some((prefix, _)) if !prefix.is_empty() && prefix.bytes().all(|b| b.is_ascii_lowercase()) => return None,
        _ => (WrittenRule::Loose, written),
    };
    let precise_ok = rule == WrittenRule::Loose || (text.is_ascii() && text.trim() == text);
    (!text.trim().is_empty() && precise_ok).then_some((rule, text))
}
