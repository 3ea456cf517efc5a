//! Neutral destinations (`data/neutral_hosts.tsv`): hosts a brand's legitimate mail links to
//! that are nobody's impersonation target by themselves (social networks, app stores, maps, the
//! reader's own webmail, the anti-phishing council). A link there in a mail claiming a brand is
//! no mismatch (`message::claim`); the file's header says what is left out on purpose (anything
//! where anyone publishes a page or a form, shorteners, trackers).

use rustc_hash::{FxHashMap, FxHashSet};
use std::sync::OnceLock;

#[cfg(test)]
use crate::brand::table::is_under;

const NEUTRAL_TSV: &str = include_str!(concat!(env!("OUT_DIR"), "/neutral_hosts.tsv"));

/// One neutral host and its kind (`social`, `app-store`, `map`, `webmail`, `info`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NeutralHost {
    pub host: &'static str,
    pub kind: &'static str,
}

/// Every neutral host of the data file, in its order.
pub fn neutral_hosts() -> &'static [NeutralHost] {
    static HOSTS: OnceLock<Vec<NeutralHost>> = OnceLock::new();
    HOSTS.get_or_init(|| {
        NEUTRAL_TSV
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
            .filter_map(|line| {
                let mut columns = line.split('\t').map(str::trim);
                let (host, kind) = (columns.next()?, columns.next()?);
                (!host.is_empty() && !kind.is_empty()).then_some(NeutralHost { host, kind })
            })
            .collect()
    })
}

/// The neutral host `host` (ASCII, lowercase) is, or is a name under: the data file's first
/// one, if several hold it.
pub fn neutral(host: &str) -> Option<&'static NeutralHost> {
    // Asked for every web link. A host is under a neutral host exactly when that host is one of
    // its dot-suffixes (itself, or what follows one of its dots): a lookup for each, not an
    // `is_under` for each of the file's hosts.
    static BY_HOST: OnceLock<FxHashMap<&'static str, usize>> = OnceLock::new();
    static LAST_TWO: OnceLock<FxHashSet<&'static str>> = OnceLock::new();
    let by_host = BY_HOST.get_or_init(|| {
        let mut by_host = FxHashMap::default();
        for (i, n) in neutral_hosts().iter().enumerate() {
            by_host.entry(n.host).or_insert(i);
        }
        by_host
    });
    // A host under a neutral host ends in that host's last two labels (every neutral host has a
    // dot: tested): one lookup rules out nearly every host.
    let last_two_labels = LAST_TWO.get_or_init(|| neutral_hosts().iter().map(|n| last_two(n.host)).collect());
    if !last_two_labels.contains(last_two(host)) {
        return None;
    }
    let after_dots = host.bytes().enumerate().filter(|&(_, b)| b == b'.').map(|(i, _)| &host[i + 1..]);
    let first = std::iter::once(host).chain(after_dots).filter_map(|suffix| by_host.get(suffix)).min()?;
    neutral_hosts().get(*first)
}

/// The last two dot-separated parts of `host` (all of it with one dot or none).
fn last_two(host: &str) -> &str {
    let bytes = host.as_bytes();
    let mut dots = bytes.iter().enumerate().rev().filter(|&(_, &b)| b == b'.').map(|(i, _)| i);
    match (dots.next(), dots.next()) {
        (Some(_), Some(second)) => &host[second + 1..],
        _ => host,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn every_data_line_is_a_neutral_host() {
        // The data file itself, not the copy without comments compiled in.
        let lines = include_str!("../../data/neutral_hosts.tsv").lines().filter(|l| !l.trim().is_empty() && !l.starts_with('#')).count();
        assert_eq!(neutral_hosts().len(), lines);
        assert!(neutral_hosts().iter().all(|n| n.host == n.host.to_ascii_lowercase() && n.host.contains('.')));
    }

    #[test]
    fn a_host_is_neutral_with_every_name_under_it() {
        assert_eq!(neutral("www.facebook.com").map(|n| n.kind), Some("social"));
        assert_eq!(neutral("apps.apple.com").map(|n| n.kind), Some("app-store"));
        assert_eq!(neutral("play.google.com").map(|n| n.kind), Some("app-store"));
        // Not a look-alike nor a neighbour, and no host where anyone publishes.
        assert_eq!(neutral("facebook.com.example.cn"), None);
        assert_eq!(neutral("notfacebook.com"), None);
        assert_eq!(neutral("sites.google.com"), None);
        assert_eq!(neutral("www.apple.com"), None);
    }

    #[test]
    fn the_lookup_finds_what_a_scan_of_the_file_finds() {
        let mut hosts: Vec<String> = Vec::new();
        for n in neutral_hosts() {
            for host in [n.host.to_string(), format!("www.{}", n.host), format!("x{}", n.host), format!("{}.example", n.host),
                format!("a..{}", n.host), format!(".{}", n.host), n.host[1..].to_string()] {
                hosts.push(host);
            }
        }
        hosts.extend(["", ".", "..", "com", "example.com"].map(String::from));
        for host in &hosts {
            assert_eq!(neutral(host), neutral_hosts().iter().find(|n| is_under(host, n.host)), "{host}");
        }
    }
}
