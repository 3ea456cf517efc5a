//! The host catalog (`data/hosts.tsv`): dynamic-DNS, free-hosting, shortener, tracker and
//! wrapper suffixes with their providers. Data, not code: `scripts/update_catalog.py`
//! regenerates and validates it.
//!
//! `build.rs` compiles the suffixes into the Public Suffix List's label trie (`label_trie.rs`,
//! `domain.rs`), most of them names the list has already, flagged `CATALOG_SUFFIX` there, and
//! the rest into small tables read where they are: nothing is unpacked at start-up (numbering
//! the trie's 11,000 nodes was a loop V8 ran unoptimized, then compiled with its optimizing
//! tier for nothing, on every service-worker wake). A lookup walks the host's labels from the right, one trie step per label, stopping at the
//! first label nothing is listed under (for most hosts, the TLD or the name after it).

use std::sync::OnceLock;

use crate::host::domain::Domains;
use crate::host::label_trie::{LabelTrie, ROOT};
use crate::verdict::HostCategory;

#[cfg(test)]
const HOSTS_TSV: &str = include_str!("../../data/hosts.tsv");

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CatalogEntry<'a> {
    /// The suffix as listed (ASCII, lowercase), e.g. `ddnsking.com`: from a lookup, the end of
    /// the host looked up, which is the same text.
    pub suffix: &'a str,
    pub category: HostCategory,
    /// Provider name, e.g. `No-IP`.
    pub provider: &'static str,
}

/// The rows of `data/hosts.tsv` as `build.rs` compiles them in (`catalog_tables` there): the
/// suffixes as nodes of the PSL's trie with this payload bit, and per suffix, in the trie's node
/// order, a little-endian `u16` `provider line << 3 | category` (`CATEGORIES` order), the
/// providers one per line; and per block of `RANK_BLOCK` nodes, how many suffixes come before it
/// (`catalog_ranks` there).
const CATALOG_SUFFIX: u8 = 8;
static KINDS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/catalog_kinds.bin"));
static PROVIDERS: &str = include_str!(concat!(env!("OUT_DIR"), "/catalog_providers.txt"));
static RANKS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/catalog_ranks.bin"));
/// `CATALOG_RANK_BLOCK` in build.rs.
const RANK_BLOCK: usize = 32;
const CATEGORIES: [HostCategory; 5] = [
    HostCategory::DynamicDns,
    HostCategory::FreeHosting,
    HostCategory::Shortener,
    HostCategory::Tracker,
    HostCategory::Wrapper,
];

/// The providers, one per line of `PROVIDERS`: split at the first catalog hit (a few hundred
/// lines), not at start-up.
fn providers() -> &'static [&'static str] {
    static SPLIT: OnceLock<Vec<&'static str>> = OnceLock::new();
    SPLIT.get_or_init(|| PROVIDERS.split('\n').collect())
}

/// The category and provider of the `row`th suffix (from 0, in the trie's node order). Tables
/// that don't fit together (build.rs never writes them) give none, never a panic.
fn kind(row: usize) -> Option<(HostCategory, &'static str)> {
    let pair = KINDS.get(2 * row..2 * row + 2)?;
    let kind = usize::from(u16::from_le_bytes([pair[0], pair[1]]));
    Some((*CATEGORIES.get(kind & 7)?, providers().get(kind >> 3)?))
}

/// Every entry, its suffix read back from the trie: only what asks for all of them (the
/// navigation guard's list, the tests) pays for this, once.
fn all_entries(trie: &LabelTrie) -> &'static [CatalogEntry<'static>] {
    static ENTRIES: OnceLock<Vec<CatalogEntry<'static>>> = OnceLock::new();
    ENTRIES.get_or_init(|| {
        let (names, ends) = trie.payload_names(u16::from(CATALOG_SUFFIX));
        let names: &'static str = Box::leak(names.into_boxed_str());
        let starts = std::iter::once(0).chain(ends.iter().copied());
        let suffixes = starts.zip(ends.iter().copied()).map(|(start, end)| names.get(start..end).unwrap_or_default());
        suffixes
            .enumerate()
            .map_while(|(row, suffix)| kind(row).map(|(category, provider)| CatalogEntry { suffix, category, provider }))
            .collect()
    })
}

#[derive(Clone, Copy)]
pub struct Catalog {
    trie: &'static LabelTrie,
    /// The trie's payload byte per node, as compiled in: a suffix's row is counted from them.
    payloads: &'static [u8],
}

impl std::fmt::Debug for Catalog {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Catalog({} suffixes)", self.len())
    }
}

impl Catalog {
    /// The catalog compiled in from `data/hosts.tsv`: the PSL's trie (`Domains::embedded`, loaded
    /// by the first call) and tables read where they are, nothing unpacked at start-up.
    pub fn embedded() -> Catalog {
        let list = Domains::embedded().list();
        Catalog { trie: list.trie(), payloads: list.compiled_payloads() }
    }

    /// The row of the suffix at trie node `node`, if it is one: the suffixes before its block
    /// (`RANKS`) and those before it in the block.
    fn row(&self, node: usize) -> Option<usize> {
        if self.payloads.get(node)? & CATALOG_SUFFIX == 0 {
            return None;
        }
        let block = node / RANK_BLOCK;
        let before = RANKS.get(2 * block..2 * block + 2)?;
        let in_block = self.payloads.get(block * RANK_BLOCK..node)?.iter().filter(|&&p| p & CATALOG_SUFFIX != 0).count();
        Some(usize::from(u16::from_le_bytes([before[0], before[1]])) + in_block)
    }

    /// The most specific entry whose suffix equals `ascii_host` or is a parent of it on a
    /// label boundary (`checkid.ddnsking.com` matches `ddnsking.com`; `xddnsking.com` doesn't).
    /// `ascii_host` is expected normalized (`domain::normalize_host`); one trailing dot is
    /// ignored.
    pub fn lookup<'h>(&self, ascii_host: &'h str) -> Option<CatalogEntry<'h>> {
        let host = ascii_host.strip_suffix('.').unwrap_or(ascii_host);
        let mut node = ROOT;
        // (node, where its name starts in `host`) of the most specific suffix so far.
        let mut best = None;
        let mut end = host.len();
        // (Split as bytes: the `char` pattern searcher cost more than the trie walk itself.)
        for label in host.as_bytes().rsplit(|&b| b == b'.') {
            // Nothing listed is this name or under it.
            let Some(child) = self.trie.child(node, label) else { break };
            node = child;
            let start = end - label.len();
            if self.payloads.get(node).is_some_and(|&p| p & CATALOG_SUFFIX != 0) {
                best = Some((node, start));
            }
            end = start.saturating_sub(1);
        }
        let (node, start) = best?;
        let (category, provider) = kind(self.row(node)?)?;
        // The labels walked are the suffix's own: a slice at a dot (or the start) of an ASCII walk.
        Some(CatalogEntry { suffix: host.get(start..)?, category, provider })
    }

    pub fn len(&self) -> usize {
        KINDS.len() / 2
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Every entry, in the trie's breadth-first order of their suffixes (not the file's).
    pub fn entries(&self) -> impl Iterator<Item = CatalogEntry<'static>> {
        all_entries(self.trie).iter().copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::host::domain::Domains;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    /// (host, expected (suffix, category, provider) or None)
    type LookupCase = (&'static str, Option<(&'static str, HostCategory, &'static str)>);

    const LOOKUP_CASES: &[LookupCase] = &[
        // The founding case and its label-boundary neighbours.
        ("checkid.ddnsking.com", Some(("ddnsking.com", HostCategory::DynamicDns, "No-IP"))),
        ("ddnsking.com", Some(("ddnsking.com", HostCategory::DynamicDns, "No-IP"))),
        ("a.b.c.ddnsking.com", Some(("ddnsking.com", HostCategory::DynamicDns, "No-IP"))),
        ("checkid.ddnsking.com.", Some(("ddnsking.com", HostCategory::DynamicDns, "No-IP"))),
        ("xddnsking.com", None),
        ("ddnsking.com.evil.example", None),
        ("foo.duckdns.org", Some(("duckdns.org", HostCategory::DynamicDns, "DuckDNS"))),
        ("x.mooo.com", Some(("mooo.com", HostCategory::DynamicDns, "FreeDNS (afraid.org)"))),
        ("foo.workers.dev", Some(("workers.dev", HostCategory::FreeHosting, "Cloudflare Workers"))),
        ("a.b.workers.dev", Some(("workers.dev", HostCategory::FreeHosting, "Cloudflare Workers"))),
        ("site.pages.dev", Some(("pages.dev", HostCategory::FreeHosting, "Cloudflare Pages"))),
        ("user.github.io", Some(("github.io", HostCategory::FreeHosting, "GitHub Pages"))),
        ("raw.githubusercontent.com", Some(("githubusercontent.com", HostCategory::FreeHosting, "GitHub"))),
        ("x.glitch.me", Some(("glitch.me", HostCategory::FreeHosting, "Glitch"))),
        // Blogger's country domains (our list: the PSL names only blogspot.com).
        ("wallet-help.blogspot.no", Some(("blogspot.no", HostCategory::FreeHosting, "Blogger"))),
        ("x.blogspot.com.br", Some(("blogspot.com.br", HostCategory::FreeHosting, "Blogger"))),
        ("blogspot.com.example", None),
        // The PSL's `*.user.fm`: the bare domain serves files too (user.fm/files/...).
        ("user.fm", Some(("user.fm", HostCategory::FreeHosting, "Fastmail"))),
        // The most specific suffix wins: the PSL lists both of these.
        (
            "app.canadacentral-01.azurewebsites.net",
            Some(("canadacentral-01.azurewebsites.net", HostCategory::FreeHosting, "Azure App Service")),
        ),
        ("app.azurewebsites.net", Some(("azurewebsites.net", HostCategory::FreeHosting, "Azure App Service"))),
        // Our own entry under a PSL suffix that the catalog doesn't list as a whole.
        (
            "bucket.storage.googleapis.com",
            Some(("storage.googleapis.com", HostCategory::FreeHosting, "Google Cloud Storage")),
        ),
        ("fonts.googleapis.com", None),
        ("bit.ly", Some(("bit.ly", HostCategory::Shortener, "Bitly"))),
        ("xbit.ly", None),
        ("t.co", Some(("t.co", HostCategory::Shortener, "X (Twitter)"))),
        ("u10120513.ct.sendgrid.net", Some(("sendgrid.net", HostCategory::Tracker, "SendGrid"))),
        ("trk.klclick1.com", Some(("klclick1.com", HostCategory::Tracker, "Klaviyo"))),
        ("shop.us3.list-manage.com", Some(("list-manage.com", HostCategory::Tracker, "Mailchimp"))),
        ("x.r.a.d.sendibm1.com", Some(("sendibm1.com", HostCategory::Tracker, "Brevo (Sendinblue)"))),
        ("r.us-east-1.awstrack.me", Some(("awstrack.me", HostCategory::Tracker, "Amazon SES"))),
        (
            "nam12.safelinks.protection.outlook.com",
            Some(("safelinks.protection.outlook.com", HostCategory::Wrapper, "Microsoft SafeLinks")),
        ),
        ("outlook.com", None),
        ("protection.outlook.com", None),
        ("urldefense.com", Some(("urldefense.com", HostCategory::Wrapper, "Proofpoint URL Defense"))),
        ("google.com", None),
        ("example.com", None),
        ("com", None),
        ("ly", None),
        ("", None),
        (".", None),
    ];

    #[test]
    fn lookup_table() {
        let catalog = Catalog::embedded();
        for &(host, want) in LOOKUP_CASES {
            let got = catalog.lookup(host).map(|e| (e.suffix, e.category, e.provider));
            assert_eq!(got, want, "lookup({host:?})");
        }
    }

    /// The shipped rows, split by hand (independently of `parse`).
    fn shipped_rows() -> Vec<[&'static str; 4]> {
        HOSTS_TSV
            .lines()
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(|l| {
                let fields: Vec<&str> = l.split('\t').collect();
                assert_eq!(fields.len(), 4, "row {l:?}");
                [fields[0], fields[1], fields[2], fields[3]]
            })
            .collect()
    }

    #[test]
    fn every_row_parses_and_finds_itself() {
        let catalog = Catalog::embedded();
        let rows = shipped_rows();
        assert!(rows.len() > 1000, "the catalog has {} rows", rows.len());
        assert_eq!(catalog.len(), rows.len(), "every row made it into the table, once");
        for [suffix, category, provider, source] in rows {
            let category = HostCategory::parse(category).unwrap_or_else(|| panic!("{suffix}: {category}"));
            assert!(matches!(source, "psl" | "linkguard"), "{suffix}: source {source}");
            let want = Some(CatalogEntry { suffix, category, provider });
            assert_eq!(catalog.lookup(suffix), want, "lookup({suffix})");
            assert_eq!(catalog.lookup(&format!("sub.{suffix}")), want, "lookup(sub.{suffix})");
        }
    }

    #[test]
    fn rows_agree_with_the_public_suffix_list() {
        // Cross-checks the generator's PSL parsing against the PSL as the engine compiles it in.
        let domains = Domains::embedded();
        for [suffix, _, _, source] in shipped_rows() {
            let parts = domains.parts(suffix);
            if source == "psl" {
                // A private rule: the suffix itself, or `*.suffix` (then `x.suffix` is one).
                let child = format!("x.{suffix}");
                let under = domains.parts(&child);
                let is_rule = parts.suffix == Some(suffix) && parts.suffix_is_private;
                let is_wildcard = under.suffix == Some(child.as_str()) && under.suffix_is_private;
                assert!(is_rule || is_wildcard, "{suffix} should be a PSL private rule: {parts:?}");
            } else {
                assert_ne!(parts.suffix, Some(suffix), "{suffix} is a PSL rule; import it from the PSL");
            }
        }
    }

    /// Reference semantics: try the host, then each parent, most specific first.
    fn naive_lookup(suffixes: &std::collections::HashSet<&'static str>, host: &str) -> Option<&'static str> {
        let mut name = host.strip_suffix('.').unwrap_or(host);
        loop {
            if let Some(suffix) = suffixes.get(name) {
                return Some(suffix);
            }
            name = &name[name.find('.')? + 1..];
        }
    }

    #[test]
    fn lookup_agrees_with_the_naive_walk() {
        let catalog = Catalog::embedded();
        let rows = shipped_rows();
        let suffixes = rows.iter().map(|r| r[0]).collect();
        let mut hosts = vec![];
        for [suffix, ..] in &rows {
            hosts.push(format!("a.b.{suffix}"));
            hosts.push(format!("x{suffix}"));
            hosts.push(suffix[suffix.find('.').unwrap() + 1..].to_owned());
            hosts.push(format!("www.{}", &suffix[suffix.find('.').unwrap() + 1..]));
            hosts.push(format!("{suffix}.example"));
        }
        for host in &hosts {
            assert_eq!(catalog.lookup(host).map(|e| e.suffix), naive_lookup(&suffixes, host), "lookup({host:?})");
        }
    }

    #[test]
    fn header_counts_match_rows() {
        let total = HOSTS_TSV
            .lines()
            .find_map(|l| l.strip_prefix("# Rows: "))
            .and_then(|l| l.rsplit("total ").next())
            .and_then(|n| n.trim().parse::<usize>().ok());
        assert_eq!(total, Some(Catalog::embedded().len()));
    }

    #[test]
    fn embedded_is_shared() {
        let a = Catalog::embedded();
        let b = Catalog::embedded();
        assert!(std::ptr::eq(a.trie, b.trie));
        assert!(std::ptr::eq(all_entries(a.trie), all_entries(b.trie)), "entries are read back once");
        assert_eq!(a.entries().count(), a.len());
        assert!(!a.is_empty());
    }

    /// `catalog_ranks.bin` against the suffixes counted node by node (what the first use used
    /// to do at start-up): every node's row, and every block's start.
    #[test]
    fn compiled_ranks_number_the_suffixes_in_node_order() {
        let catalog = Catalog::embedded();
        assert_eq!(catalog.payloads.len(), catalog.trie.len(), "one payload per node");
        assert_eq!(RANKS.len(), 2 * catalog.payloads.len().div_ceil(RANK_BLOCK), "one rank per block");
        let mut counted = 0;
        for node in 0..catalog.trie.len() {
            if node % RANK_BLOCK == 0 {
                let block = node / RANK_BLOCK;
                assert_eq!(usize::from(u16::from_le_bytes([RANKS[2 * block], RANKS[2 * block + 1]])), counted, "block {block}");
            }
            let is_suffix = catalog.trie.payload(node) & u16::from(CATALOG_SUFFIX) != 0;
            assert_eq!(catalog.row(node), is_suffix.then_some(counted), "node {node}");
            counted += usize::from(is_suffix);
        }
        assert_eq!(counted, catalog.len(), "a row per suffix, a suffix per row");
    }

    /// The lookups' entries (suffix from the host, row from the ranks) and the entries read back
    /// from the trie (`entries`, the navigation guard's list) are the same rows.
    #[test]
    fn every_entry_is_what_its_lookup_finds() {
        let catalog = Catalog::embedded();
        let entries: Vec<CatalogEntry<'static>> = catalog.entries().collect();
        assert_eq!(entries.len(), shipped_rows().len());
        for entry in entries {
            assert_eq!(catalog.lookup(entry.suffix), Some(entry));
            let sub = format!("www.{}.", entry.suffix);
            assert_eq!(catalog.lookup(&sub), Some(entry), "lookup({sub:?})");
        }
    }
}
