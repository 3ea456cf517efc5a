//! The host catalog (`data/hosts.tsv`): dynamic-DNS, free-hosting, shortener, tracker and
//! wrapper suffixes with their providers. Data, not code: `scripts/update_catalog.py`
//! regenerates and validates it.
//!
//! `build.rs` compiles the suffixes into the Public Suffix List's label trie (`label_trie.rs`,
//! `domain.rs`), most of them names the list has already, flagged `CATALOG_SUFFIX` there, and
//! the rest into small tables; the first use unpacks them into entries, no text to parse. A
//! lookup walks the host's labels from the right, one trie step per label, stopping at the
//! first label nothing is listed under (for most hosts, the TLD or the name after it).

use std::sync::OnceLock;

use crate::host::domain::Domains;
use crate::host::label_trie::{LabelTrie, ROOT};
use crate::verdict::HostCategory;

#[cfg(test)]
const HOSTS_TSV: &str = include_str!("../../data/hosts.tsv");

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CatalogEntry {
    /// The suffix as listed (ASCII, lowercase), e.g. `ddnsking.com`.
    pub suffix: &'static str,
    pub category: HostCategory,
    /// Provider name, e.g. `No-IP`.
    pub provider: &'static str,
}

/// The rows of `data/hosts.tsv` as `build.rs` compiles them in (`catalog_tables` there): the
/// suffixes as nodes of the PSL's trie with this payload bit, and per suffix, in the trie's node
/// order, a little-endian `u16` `provider line << 3 | category` (`CATEGORIES` order), the
/// providers one per line.
const CATALOG_SUFFIX: u16 = 8;
static KINDS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/catalog_kinds.bin"));
static PROVIDERS: &str = include_str!(concat!(env!("OUT_DIR"), "/catalog_providers.txt"));
const CATEGORIES: [HostCategory; 5] = [
    HostCategory::DynamicDns,
    HostCategory::FreeHosting,
    HostCategory::Shortener,
    HostCategory::Tracker,
    HostCategory::Wrapper,
];

/// The entries, in the trie's node order, and per node of the trie its entry's index plus one
/// (0: none).
fn unpack(trie: &LabelTrie) -> (Vec<CatalogEntry>, Vec<u16>) {
    // The suffixes, read back from the trie, in one string that lives as long as the program
    // (the catalog is built once, like the tables it comes from).
    let (names, ends) = trie.payload_names(CATALOG_SUFFIX);
    let names: &'static str = Box::leak(names.into_boxed_str());
    let starts = std::iter::once(0).chain(ends.iter().copied());
    let suffixes = starts.zip(ends.iter().copied()).map(|(start, end)| names.get(start..end).unwrap_or_default());
    let providers: Vec<&'static str> = PROVIDERS.split('\n').collect();
    let kinds = KINDS.chunks_exact(2).map(|pair| usize::from(u16::from_le_bytes([pair[0], pair[1]])));
    // Tables that don't fit together (build.rs never writes them) lose rows, never panic: a
    // payload past the entries finds none.
    let entries: Vec<CatalogEntry> = suffixes
        .zip(kinds)
        .map_while(|(suffix, kind)| {
            let category = *CATEGORIES.get(kind & 7)?;
            Some(CatalogEntry { suffix, category, provider: providers.get(kind >> 3)? })
        })
        .collect();
    (entries, trie.number_payloads(CATALOG_SUFFIX))
}

#[derive(Clone, Copy)]
pub struct Catalog {
    entries: &'static [CatalogEntry],
    /// Per node of `trie`, its entry's index plus one (0: none).
    entry_of: &'static [u16],
    trie: &'static LabelTrie,
}

impl std::fmt::Debug for Catalog {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Catalog({} suffixes)", self.entries.len())
    }
}

impl Catalog {
    /// The catalog compiled in from `data/hosts.tsv`. The first call loads the PSL's trie if
    /// nothing has yet (`Domains::embedded`) and unpacks the entries; later calls are free.
    pub fn embedded() -> Catalog {
        static UNPACKED: OnceLock<(Vec<CatalogEntry>, Vec<u16>)> = OnceLock::new();
        let trie = Domains::embedded().list().trie();
        let (entries, entry_of) = UNPACKED.get_or_init(|| unpack(trie));
        Catalog { entries, entry_of, trie }
    }

    /// The most specific entry whose suffix equals `ascii_host` or is a parent of it on a
    /// label boundary (`checkid.ddnsking.com` matches `ddnsking.com`; `xddnsking.com` doesn't).
    /// `ascii_host` is expected normalized (`domain::normalize_host`); one trailing dot is
    /// ignored.
    pub fn lookup(&self, ascii_host: &str) -> Option<&'static CatalogEntry> {
        let host = ascii_host.strip_suffix('.').unwrap_or(ascii_host);
        let mut node = ROOT;
        let mut best = None;
        // (Split as bytes: the `char` pattern searcher cost more than the trie walk itself.)
        for label in host.as_bytes().rsplit(|&b| b == b'.') {
            // Nothing listed is this name or under it.
            let Some(child) = self.trie.child(node, label) else { break };
            node = child;
            let entry_of = usize::from(self.entry_of.get(node).copied().unwrap_or(0));
            if let Some(entry) = entry_of.checked_sub(1).and_then(|i| self.entries.get(i)) {
                best = Some(entry);
            }
        }
        best
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Every entry, in the trie's breadth-first order of their suffixes (not the file's).
    pub fn entries(&self) -> impl Iterator<Item = &'static CatalogEntry> {
        self.entries.iter()
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
            assert_eq!(catalog.lookup(suffix).copied(), want, "lookup({suffix})");
            assert_eq!(catalog.lookup(&format!("sub.{suffix}")).copied(), want, "lookup(sub.{suffix})");
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
        assert!(std::ptr::eq(a.entries, b.entries) && std::ptr::eq(a.trie, b.trie));
        assert_eq!(a.entries().count(), a.len());
        assert!(!a.is_empty());
    }
}
