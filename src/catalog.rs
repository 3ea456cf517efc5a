//! The host catalog (`data/hosts.tsv`): dynamic-DNS, free-hosting, shortener, tracker and
//! wrapper suffixes with their providers. Data, not code: `scripts/update_catalog.py`
//! regenerates and validates it.
//!
//! The table is compiled in and parsed once per process into a hash map. Besides the listed
//! suffixes, the map holds every parent name of a suffix with two or more labels (as an empty
//! slot), so a lookup can walk from the host's last two labels towards the full host and stop
//! at the first name the map doesn't know: most hosts (not in the catalog) cost one hash
//! probe, and no lookup allocates.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

use crate::verdict::HostCategory;

const HOSTS_TSV: &str = include_str!("../data/hosts.tsv");

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CatalogEntry {
    /// The suffix as listed (ASCII, lowercase), e.g. `ddnsking.com`.
    pub suffix: &'static str,
    pub category: HostCategory,
    /// Provider name, e.g. `No-IP`.
    pub provider: &'static str,
}

/// FNV-1a: the keys are short host names, and a fixed, fast hash is fine for a table that
/// nobody but us fills (lookups can't make it grow or collide on purpose).
struct Fnv1a(u64);

impl Default for Fnv1a {
    fn default() -> Self {
        Fnv1a(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for Fnv1a {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
}

/// Suffix (or parent name of a suffix) -> the entry listed for exactly that name, if any.
type SuffixMap = HashMap<&'static str, Option<CatalogEntry>, BuildHasherDefault<Fnv1a>>;

struct Table {
    names: SuffixMap,
    entries: usize,
}

#[derive(Clone, Copy)]
pub struct Catalog {
    table: &'static Table,
}

impl std::fmt::Debug for Catalog {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Catalog({} suffixes)", self.table.entries)
    }
}

impl Catalog {
    /// The catalog compiled in from `data/hosts.tsv`. The first call parses it (well under a
    /// millisecond); later calls share the same table.
    pub fn embedded() -> Catalog {
        static TABLE: OnceLock<Table> = OnceLock::new();
        Catalog { table: TABLE.get_or_init(|| parse(HOSTS_TSV)) }
    }

    /// The most specific entry whose suffix equals `ascii_host` or is a parent of it on a
    /// label boundary (`checkid.ddnsking.com` matches `ddnsking.com`; `xddnsking.com` doesn't).
    /// `ascii_host` is expected normalized (`domain::normalize_host`); one trailing dot is
    /// ignored.
    pub fn lookup(&self, ascii_host: &str) -> Option<&CatalogEntry> {
        let host = ascii_host.strip_suffix('.').unwrap_or(ascii_host);
        // Every catalog suffix has at least two labels: start with the host's last two.
        let mut dot = host.rfind('.')?;
        let mut best = None;
        loop {
            let start = host[..dot].rfind('.').map_or(0, |i| i + 1);
            match self.table.names.get(&host[start..]) {
                // Nothing listed is this name or under it.
                None => return best,
                Some(slot) => best = slot.as_ref().or(best),
            }
            if start == 0 {
                return best;
            }
            dot = start - 1;
        }
    }

    pub fn len(&self) -> usize {
        self.table.entries
    }

    pub fn is_empty(&self) -> bool {
        self.table.entries == 0
    }

    /// Every entry, in no particular order.
    pub fn entries(&self) -> impl Iterator<Item = &CatalogEntry> {
        self.table.names.values().flatten()
    }
}

/// Parses `suffix<TAB>category<TAB>provider<TAB>source` rows; `#` lines are comments. A row
/// that doesn't parse is skipped (the generator validates the file, and a test checks that
/// every row of the shipped file made it in). The first row for a suffix wins.
fn parse(tsv: &'static str) -> Table {
    let mut names = SuffixMap::with_capacity_and_hasher(tsv.len() / 30, Default::default());
    let mut entries = 0;
    for line in tsv.lines() {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let mut fields = line.split('\t');
        let (Some(suffix), Some(category), Some(provider), Some(_source), None) =
            (fields.next(), fields.next(), fields.next(), fields.next(), fields.next())
        else {
            continue;
        };
        let Some(category) = HostCategory::parse(category) else { continue };
        if !suffix.contains('.') || suffix.starts_with('.') || suffix.ends_with('.') || provider.is_empty() {
            continue;
        }
        let slot = names.entry(suffix).or_insert(None);
        if slot.is_some() {
            continue;
        }
        *slot = Some(CatalogEntry { suffix, category, provider });
        entries += 1;
        // Parent names with two or more labels: `a.b.c.d` -> `b.c.d`, `c.d`.
        let mut parent = suffix;
        while let Some(dot) = parent.find('.') {
            parent = &parent[dot + 1..];
            if !parent.contains('.') {
                break;
            }
            names.entry(parent).or_insert(None);
        }
    }
    Table { names, entries }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Domains;
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
        // Cross-checks the generator's PSL parsing against the publicsuffix crate's.
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
    fn malformed_rows_are_skipped_not_fatal() {
        let tsv = "# comment\n\
                   good.example\tshortener\tGood\tlinkguard\n\
                   bad.example\tnot-a-category\tBad\tlinkguard\n\
                   short.example\tshortener\n\
                   extra.example\tshortener\tX\tlinkguard\tmore\n\
                   single\tshortener\tX\tlinkguard\n\
                   noprovider.example\tshortener\t\tlinkguard\n\
                   good.example\ttracker\tDuplicate\tlinkguard\n";
        let table = parse(tsv);
        assert_eq!(table.entries, 1, "{:?}", table.names);
        let entry = table.names.get("good.example").copied().flatten();
        assert_eq!(
            entry,
            Some(CatalogEntry { suffix: "good.example", category: HostCategory::Shortener, provider: "Good" })
        );
    }

    #[test]
    fn embedded_is_shared() {
        let a = Catalog::embedded();
        let b = Catalog::embedded();
        assert!(std::ptr::eq(a.table, b.table));
        assert_eq!(a.entries().count(), a.len());
        assert!(!a.is_empty());
    }
}
