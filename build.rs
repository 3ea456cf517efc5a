//! Build step: the vendored Public Suffix List, compiled into a ready label trie.
//!
//! `data/public_suffix_list.dat` is 330 KB, more than half of it comments (submitter names,
//! URLs), and 459 of its rules are written in Unicode. Parsing it at start-up cost 13-15 ms
//! natively and far more in wasm, on every service-worker wake. So it is parsed here:
//!
//! - `public_suffix_list.rules`: rules only, one per line, the ICANN section first, then a line
//!   `PRIVATE_MARKER`, then the private section (the section decides `suffix_is_private`:
//!   workers.dev, ddnsking.com...); every rule in ASCII (IDN labels as punycode, via the same
//!   `idna` crate the engine uses), since hosts reach the lookup already normalized to ASCII.
//!   The tests read it; the engine doesn't.
//! - `psl_labels.txt`, `psl_payloads.bin`, `psl_child_counts.bin`: the same rules as the label
//!   trie that `src/host/label_trie.rs` reads (layout documented there), which the engine compiles in.
//!
//! The host catalog `data/hosts.tsv` shares that trie: its suffixes are nodes of it, flagged
//! in their payloads (most of them, 1,800 of 2,200 nodes, are PSL names already: `duckdns.org`,
//! `github.io`), and each suffix's category and provider are in tables of their own, read by
//! `src/host/catalog.rs`. A malformed row stops the build with its line number
//! (`scripts/update_catalog.py --check` validates it too).
//!
//! `data/brands.tsv`, `data/neutral_hosts.tsv` and `data/brand_name_platforms.txt` are copied to
//! `OUT_DIR` without their comment lines, which the engine would only skip (and `brands.tsv`
//! without the text of its source column, which it only checks is there). `brands.tsv`'s lines
//! are also written as Rust source, `brands_table.rs`: the brand list as a static that
//! `src/brand/table.rs` compiles in (the copied lines are for its tests).
//!
//! The list's section markers are checked to be present and in order: losing the private
//! marker would silently make every private rule an ICANN one.

#[path = "src/brand/brand_line.rs"]
mod brand_line;
#[path = "src/host/ace.rs"]
mod ace;

use brand_line::BrandLine;
use std::collections::{BTreeMap, VecDeque};
use std::env;
use std::fs;
use std::path::Path;

const SOURCE: &str = "data/public_suffix_list.dat";
const CATALOG: &str = "data/hosts.tsv";
/// Separates the ICANN rules from the private ones in the output (not a valid rule).
const PRIVATE_MARKER: &str = "===PRIVATE===";
const MARKERS: [&str; 4] = [
    "===BEGIN ICANN DOMAINS===",
    "===END ICANN DOMAINS===",
    "===BEGIN PRIVATE DOMAINS===",
    "===END PRIVATE DOMAINS===",
];

fn main() {
    println!("cargo:rerun-if-changed={SOURCE}");
    println!("cargo:rerun-if-changed={CATALOG}");
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=src/brand/brand_line.rs");

    let text = fs::read_to_string(SOURCE).unwrap_or_else(|e| panic!("reading {SOURCE}: {e}"));
    let mut out = String::with_capacity(text.len() / 2);
    let mut markers_seen = Vec::new();
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        if line.starts_with("//") {
            if let Some(marker) = MARKERS.iter().find(|m| line.contains(*m)) {
                markers_seen.push(*marker);
                if *marker == MARKERS[2] {
                    out.push_str(PRIVATE_MARKER);
                    out.push('\n');
                }
            }
            continue;
        }
        // Rules outside the ICANN and private sections don't exist in the list format.
        let in_section = matches!(markers_seen.last(), Some(m) if *m == MARKERS[0] || *m == MARKERS[2]);
        // The list format: a rule is the line up to the first whitespace.
        let Some(rule) = line.split_whitespace().next().filter(|_| in_section) else { continue };
        out.push_str(&ascii_rule(rule));
        out.push('\n');
    }
    assert_eq!(
        markers_seen, MARKERS,
        "{SOURCE}: section markers missing or out of order; is it really the PSL?"
    );

    let out_dir = env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    let out_dir = Path::new(&out_dir);
    write(&out_dir.join("public_suffix_list.rules"), out.as_bytes());

    let catalog = fs::read_to_string(CATALOG).unwrap_or_else(|e| panic!("reading {CATALOG}: {e}"));
    let tables = catalog_tables(&psl_trie_entries(&out), &catalog);
    tables.trie.write(out_dir, "psl");
    write(&out_dir.join("catalog_kinds.bin"), &tables.kinds);
    write(&out_dir.join("catalog_ranks.bin"), &catalog_ranks(&tables.trie.payloads));
    write(&out_dir.join("catalog_providers.txt"), tables.providers.as_bytes());

    for (source, name) in DATA_LINES {
        println!("cargo:rerun-if-changed={source}");
        let text = fs::read_to_string(source).unwrap_or_else(|e| panic!("reading {source}: {e}"));
        let mut lines = data_lines(&text);
        if name == "brands.tsv" {
            lines = without_brand_sources(&lines);
            write(&out_dir.join("brands_table.rs"), brands_table(&lines).as_bytes());
        }
        write(&out_dir.join(name), lines.as_bytes());
    }
}

/// Line-per-entry data files the engine parses at run time, and the name of their copy in
/// `OUT_DIR` without comment lines (a third of `brands.tsv`, ≈4 KB of the gzipped wasm).
const DATA_LINES: [(&str, &str); 3] = [
    ("data/brands.tsv", "brands.tsv"),
    ("data/neutral_hosts.tsv", "neutral_hosts.tsv"),
    ("data/brand_name_platforms.txt", "brand_name_platforms.txt"),
];

/// `brands.tsv`'s data lines with the last of their 8 columns, where the row's domains come
/// from (for people and `scripts/check_brands.py`), as `*`: the engine only checks that it is
/// given (`-` or nothing stays as it is, an invalid row still). 0.8 KB of the gzipped wasm.
fn without_brand_sources(lines: &str) -> String {
    let mut out = String::with_capacity(lines.len());
    for line in lines.lines() {
        let cols: Vec<&str> = line.split('\t').collect();
        match cols.split_last() {
            Some((source, rest)) if cols.len() == 8 && !matches!(source.trim(), "" | "-") => {
                out.push_str(&rest.join("\t"));
                out.push_str("\t*");
            }
            _ => out.push_str(line),
        }
        out.push('\n');
    }
    out
}

/// `brands.tsv`'s data lines (as copied to `OUT_DIR`, sources as `*`) as the Rust source of the
/// brand list that `src/brand/table.rs` compiles in: the engine reads it without parsing or
/// allocating at start-up (parsing it cost 0.33 ms natively, and in wasm the parser was compiled,
/// and some of it tiered up, on a cold start's first verdict). Each line becomes a brand as
/// `table::parse_line` makes one, which a test checks on the same lines; a line that is no brand
/// is left out there too (and `every_data_line_is_a_brand` fails).
fn brands_table(lines: &str) -> String {
    let mut out = String::from("&[\n");
    for line in lines.lines() {
        if let Some(brand) = brand_source(line) {
            out.push_str(&brand);
        }
    }
    out.push_str("]\n");
    out
}

/// One line's `Brand { .. }` expression (string literals written by `Debug`, which escapes as
/// Rust does), or None when the line is no brand (`brand_line::read`, the tests' reading too).
fn brand_source(line: &str) -> Option<String> {
    let brand = brand_line::read(line)?;
    let hosts = |written: &[&str]| written.iter().map(|h| brand_host(h)).collect::<Option<Vec<String>>>();
    let (domains, owned) = (hosts(&brand.domains)?, hosts(&brand.owned)?);
    let names: Vec<String> = brand
        .names
        .iter()
        .map(|(rule, text)| format!("BrandName {{ text: {text:?}, rule: NameRule::{rule:?} }}"))
        .collect();
    let BrandLine { label, label_ja, group, official_url, ordinary_words, source, .. } = brand;
    Some(format!(
        "Brand {{ label: {label:?}, label_ja: {label_ja:?}, group: {group:?}, names: &[{}], domains: &{domains:?}, \
         owned: &{owned:?}, official_url: {official_url:?}, ordinary_words: &{ordinary_words:?}, source: {source:?} }},\n",
        names.join(", ")
    ))
}

/// A listed host normalized as `host::domain::normalize_host` does a plain ASCII name (letters,
/// digits, `-`, `_`, dots, no punycode label): lowercased, without a final dot, None when it is
/// no DNS name. Any other host stops the build: the list has none, and UTS #46 for them is the
/// engine's (`idna` with its deny list), which this copy would have to follow exactly.
fn brand_host(raw: &str) -> Option<String> {
    let trimmed = raw.trim();
    if trimmed.is_empty() {
        return None;
    }
    let plain = trimmed.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_'))
        && !ace::has_ace_label(trimmed.as_bytes());
    assert!(plain, "data/brands.tsv: {trimmed:?} is not a plain ASCII host name (write it in ASCII; build.rs's brand table normalizes only those)");
    let name = trimmed.strip_suffix('.').unwrap_or(trimmed);
    let labels_ok = name.split('.').all(|label| (1..=63).contains(&label.len()));
    (!name.is_empty() && name.len() <= 253 && labels_ok).then(|| name.to_ascii_lowercase())
}

/// `text` without the lines every reader of these files skips: blank ones and those starting
/// with `#` (the readers still skip them, so dropping them here changes nothing they see).
fn data_lines(text: &str) -> String {
    text.lines().filter(|l| !l.trim().is_empty() && !l.starts_with('#')).flat_map(|l| [l, "\n"]).collect()
}

/// The PSL rules (`psl_trie_entries`) and the `data/hosts.tsv` rows
/// (`suffix<TAB>category<TAB>provider<TAB>source`, `#` comments) as the tables
/// `src/host/domain.rs` and `src/host/catalog.rs` read:
/// - `psl_labels.txt`, `psl_payloads.bin`, `psl_child_counts.bin`: one label trie
///   (`src/host/label_trie.rs`) of the rules and the suffixes; the PSL's payload bits on its
///   rules, `CATALOG_SUFFIX` on every suffix's node, `CATALOG_ONLY` on the nodes only the
///   catalog has (the PSL lookup skips them, so the list answers as it would alone);
/// - `catalog_kinds.bin`: per suffix, in the trie's node order, a little-endian `u16`
///   `provider line << 3 | category`, the category numbered as in `CATEGORIES`
///   (`HostCategory` in the same order in `src/host/catalog.rs`);
/// - `catalog_providers.txt`: the provider names, one per line, each once;
/// - `catalog_ranks.bin`: where each block of nodes starts counting suffixes (`catalog_ranks`).
///
/// The suffixes themselves are read back from the trie: compiling them in as well, and a table
/// of `&str` entries, cost ≈17 KB more of the gzipped wasm; a trie of their own, apart from the
/// PSL's, 5 KB more.
fn catalog_tables(psl: &[(String, u16)], tsv: &str) -> CatalogTables {
    const CATEGORIES: [&str; 5] = ["dynamic-dns", "free-hosting", "shortener", "tracker", "wrapper"];
    let mut providers: Vec<&str> = Vec::new();
    let mut names = Vec::new();
    let mut kinds = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for (number, line) in tsv.lines().enumerate().map(|(i, l)| (i + 1, l)) {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let fields: Vec<&str> = line.split('\t').collect();
        let [suffix, category, provider, _source] = fields[..] else {
            panic!("{CATALOG}:{number}: expected 4 tab-separated fields: {line:?}");
        };
        let category = CATEGORIES
            .iter()
            .position(|c| *c == category)
            .unwrap_or_else(|| panic!("{CATALOG}:{number}: unknown category {category:?}"));
        let valid_name = suffix.contains('.')
            && suffix.split('.').all(|l| {
                !l.is_empty() && l.bytes().all(|b| matches!(b, b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_'))
            });
        assert!(valid_name, "{CATALOG}:{number}: suffix must be a lowercase ASCII name of 2+ labels: {suffix:?}");
        assert!(!provider.is_empty() && !provider.contains('\n'), "{CATALOG}:{number}: provider {provider:?}");
        assert!(seen.insert(suffix), "{CATALOG}:{number}: {suffix} listed twice");
        let provider_line = providers.iter().position(|p| *p == provider).unwrap_or_else(|| {
            providers.push(provider);
            providers.len() - 1
        });
        kinds.push(u16::try_from(provider_line << 3 | category).expect("fewer than 8,192 providers"));
        // The row's number, from 1, for now: it puts `kinds` in the trie's order below.
        let row = u16::try_from(names.len() + 1).expect("fewer than 65,535 catalog rows");
        names.push((suffix.to_owned(), row));
    }
    let (trie, rows) = build_label_trie(psl, &names);
    let kinds_in_trie_order = rows.iter().flat_map(|&row| kinds[usize::from(row) - 1].to_le_bytes()).collect();
    CatalogTables { trie, kinds: kinds_in_trie_order, providers: providers.join("\n") }
}

/// Nodes per block of `catalog_ranks.bin` (`src/host/catalog.rs` reads it with the same value).
const CATALOG_RANK_BLOCK: usize = 32;

/// Per block of `CATALOG_RANK_BLOCK` trie nodes, a little-endian `u16`: how many nodes before
/// the block are catalog suffixes. A suffix's row in `catalog_kinds.bin` is that count plus the
/// suffixes before it in its block, so the engine finds it without numbering 11,000 nodes at
/// start-up.
fn catalog_ranks(payloads: &[u8]) -> Vec<u8> {
    let mut ranks = Vec::new();
    let mut before = 0u16;
    for block in payloads.chunks(CATALOG_RANK_BLOCK) {
        ranks.extend_from_slice(&before.to_le_bytes());
        let here = block.iter().filter(|&&p| u16::from(p) & CATALOG_SUFFIX != 0).count();
        before = before.checked_add(u16::try_from(here).expect("a block")).expect("fewer than 65,536 catalog rows");
    }
    ranks
}

struct CatalogTables {
    trie: CompiledTrie,
    kinds: Vec<u8>,
    providers: String,
}

fn write(path: &Path, bytes: &[u8]) {
    fs::write(path, bytes).unwrap_or_else(|e| panic!("writing {}: {e}", path.display()));
}

/// Payload bits of a PSL trie node; `src/host/domain.rs` reads them.
const PSL_RULE: u16 = 1;
const PSL_EXCEPTION: u16 = 2;
const PSL_PRIVATE: u16 = 4;
/// Payload bits of the host catalog's suffixes in the same trie; `src/host/catalog.rs` and
/// `src/host/domain.rs` read them.
const CATALOG_SUFFIX: u16 = 8;
const CATALOG_ONLY: u16 = 16;

/// (rule without `!`, payload) for every rule. A later duplicate of a rule wins, like in the
/// `publicsuffix` crate.
fn psl_trie_entries(rules: &str) -> Vec<(String, u16)> {
    let mut section = 0;
    let mut entries = Vec::new();
    for line in rules.lines() {
        if line == PRIVATE_MARKER {
            section = PSL_PRIVATE;
            continue;
        }
        match line.strip_prefix('!') {
            Some(rule) => {
                assert!(rule.contains('.'), "PSL exception rule on a TLD: {line}");
                entries.push((rule.to_owned(), PSL_RULE | PSL_EXCEPTION | section));
            }
            None => entries.push((line.to_owned(), PSL_RULE | section)),
        }
    }
    entries
}

/// Builds the label trie of `src/host/label_trie.rs` from the PSL's (dotted name, payload)
/// pairs and the catalog's (suffix, row number from 1); also the catalog's row numbers in the
/// order of their nodes.
fn build_label_trie(psl: &[(String, u16)], catalog: &[(String, u16)]) -> (CompiledTrie, Vec<u16>) {
    #[derive(Default)]
    struct Node {
        children: BTreeMap<Vec<u8>, usize>,
        payload: u16,
        row: u16,
    }
    let mut tree = vec![Node::default()];
    let mut insert = |name: &str, new_payload: u16| {
        let mut node = 0;
        for label in name.rsplit('.') {
            assert!(!label.is_empty(), "empty label in {name:?}");
            let next = tree.len();
            node = *tree[node].children.entry(label.as_bytes().to_vec()).or_insert(next);
            if node == next {
                tree.push(Node { payload: new_payload, ..Node::default() });
            }
        }
        node
    };
    let mut leaves = Vec::new();
    for (name, payload) in psl {
        leaves.push((insert(name, 0), *payload));
    }
    // The catalog's names after every PSL rule: a node they add is one the list doesn't have.
    let mut suffixes = Vec::new();
    for (name, row) in catalog {
        suffixes.push((insert(name, CATALOG_ONLY), *row));
    }
    // A later duplicate of a rule wins.
    for (node, payload) in leaves {
        tree[node].payload = payload;
    }
    for (node, row) in suffixes {
        tree[node].payload |= CATALOG_SUFFIX;
        tree[node].row = row;
    }

    // Breadth-first order: the children of every node become contiguous, sorted by their
    // labels' bytes (the `BTreeMap`'s order). Neighbours then share prefixes (`aichi`, `aikawa`),
    // which deflate matches: the PSL labels gzip 0.9 KB smaller than sorted by length first.
    let mut order = Vec::with_capacity(tree.len()); // (tree index, label)
    let mut queue = VecDeque::from([(0usize, Vec::new())]);
    while let Some((index, label)) = queue.pop_front() {
        order.push((index, label));
        for (child_label, &child) in &tree[index].children {
            queue.push_back((child, child_label.clone()));
        }
    }
    // Each node's label, its payload and its number of children, in that order; the reader
    // rebuilds the child ranges from the counts. (Plain arrays compress far better in the wasm
    // than a table of offsets: 35 KB gzip for the PSL against 44 KB for the rules as text.)
    let mut labels = Vec::new();
    let mut payloads = Vec::with_capacity(order.len());
    let mut child_counts = Vec::with_capacity(order.len());
    let mut rows = Vec::new();
    for (i, (index, label)) in order.iter().enumerate() {
        if i > 0 {
            labels.push(b'.');
        }
        labels.extend_from_slice(label);
        let node = &tree[*index];
        payloads.push(u8::try_from(node.payload).expect("payloads fit a byte"));
        let count = u16::try_from(node.children.len()).expect("fewer than 65,536 children per node");
        match u8::try_from(count) {
            Ok(small) if small < 255 => child_counts.push(small),
            _ => child_counts.extend([255].into_iter().chain(count.to_le_bytes())),
        }
        if node.payload & CATALOG_SUFFIX != 0 {
            rows.push(node.row);
        }
    }
    (CompiledTrie { labels, payloads, child_counts }, rows)
}

/// A label trie as `src/host/label_trie.rs` reads it.
struct CompiledTrie {
    labels: Vec<u8>,
    payloads: Vec<u8>,
    child_counts: Vec<u8>,
}

impl CompiledTrie {
    fn write(&self, out_dir: &Path, name: &str) {
        write(&out_dir.join(format!("{name}_labels.txt")), &self.labels);
        write(&out_dir.join(format!("{name}_payloads.bin")), &self.payloads);
        write(&out_dir.join(format!("{name}_child_counts.bin")), &self.child_counts);
    }
}

/// `rule` with every label in ASCII (lowercase, IDN as punycode). The `!` and `*.` prefixes
/// are kept as they are.
fn ascii_rule(rule: &str) -> String {
    let (prefix, name) = match rule.strip_prefix('!') {
        Some(name) => ("!", name),
        None => match rule.strip_prefix("*.") {
            Some(name) => ("*.", name),
            None => ("", rule),
        },
    };
    let ascii = idna::domain_to_ascii(name).unwrap_or_else(|e| panic!("PSL rule {rule:?}: {e:?}"));
    assert!(
        !ascii.is_empty() && !ascii.contains('*') && ascii.split('.').all(|l| !l.is_empty()),
        "PSL rule {rule:?}: only a leading `*.` wildcard and non-empty labels are supported"
    );
    format!("{prefix}{ascii}")
}
