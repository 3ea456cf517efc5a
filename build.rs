//! Build step: a compact copy of the vendored Public Suffix List for `include_str!`.
//!
//! `data/public_suffix_list.dat` is 330 KB, more than half of it comments (submitter names,
//! URLs). `src/domain.rs` compiles in this stripped copy instead: rules only, one per line,
//! plus the section markers. That halves what the wasm module carries.
//!
//! The `publicsuffix` crate (2.3, `impl FromStr for List`) decides a rule's section by the last
//! line it saw that *contains* `BEGIN ICANN DOMAINS` or `BEGIN PRIVATE DOMAINS`, and ignores
//! rules before the first marker. So the marker lines must survive verbatim and in order, or
//! every private rule (workers.dev, ddnsking.com, ...) would silently become an ICANN rule.

use std::env;
use std::fs;
use std::path::Path;

const SOURCE: &str = "data/public_suffix_list.dat";
const MARKERS: [&str; 4] = [
    "===BEGIN ICANN DOMAINS===",
    "===END ICANN DOMAINS===",
    "===BEGIN PRIVATE DOMAINS===",
    "===END PRIVATE DOMAINS===",
];

fn main() {
    println!("cargo:rerun-if-changed={SOURCE}");
    println!("cargo:rerun-if-changed=build.rs");

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
                out.push_str("// ");
                out.push_str(marker);
                out.push('\n');
            }
            continue;
        }
        // The list format: a rule is the line up to the first whitespace.
        if let Some(rule) = line.split_whitespace().next() {
            out.push_str(rule);
            out.push('\n');
        }
    }
    assert_eq!(
        markers_seen, MARKERS,
        "{SOURCE}: section markers missing or out of order; is it really the PSL?"
    );

    let out_dir = env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    let dest = Path::new(&out_dir).join("public_suffix_list.rules");
    fs::write(&dest, out).unwrap_or_else(|e| panic!("writing {}: {e}", dest.display()));
}
