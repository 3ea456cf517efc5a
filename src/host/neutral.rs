//! Neutral destinations (`data/neutral_hosts.tsv`): hosts a brand's legitimate mail links to
//! that are nobody's impersonation target by themselves (social networks, app stores, maps, the
//! reader's own webmail, the anti-phishing council). A link there in a mail claiming a brand is
//! no mismatch (`message::claim`); the file's header says what is left out on purpose (anything
//! where anyone publishes a page or a form, shorteners, trackers).

use std::sync::OnceLock;

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

/// The neutral host `host` (ASCII, lowercase) is, or is a name under.
pub fn neutral(host: &str) -> Option<&'static NeutralHost> {
    neutral_hosts().iter().find(|n| is_under(host, n.host))
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
}
