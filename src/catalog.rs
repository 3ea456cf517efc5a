//! The host catalog (`data/hosts.tsv`): dynamic-DNS, free-hosting, shortener, tracker and
//! wrapper suffixes with their providers. Data, not code: `scripts/update_catalog.py`
//! regenerates and validates it.

use crate::verdict::HostCategory;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CatalogEntry {
    /// The suffix as listed (ASCII, lowercase), e.g. `ddnsking.com`.
    pub suffix: String,
    pub category: HostCategory,
    /// Provider name, e.g. `No-IP`.
    pub provider: String,
}

pub struct Catalog {
    _private: (),
}

impl Catalog {
    pub fn embedded() -> Catalog {
        Catalog { _private: () }
    }

    /// The most specific entry whose suffix equals `ascii_host` or is a parent of it on a
    /// label boundary (`checkid.ddnsking.com` matches `ddnsking.com`; `xddnsking.com` doesn't).
    pub fn lookup(&self, ascii_host: &str) -> Option<&CatalogEntry> {
        let _ = ascii_host;
        None
    }
}
