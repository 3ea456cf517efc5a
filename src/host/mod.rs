//! Stage 2, the target's host: its registrable domain and public suffix (the Public Suffix
//! List) and what the host catalog knows of it (dynamic DNS, free hosting, shorteners,
//! trackers, wrappers), both compiled in by `build.rs` as label tries; and whether it is a
//! neutral destination (`data/neutral_hosts.tsv`: social networks, app stores, maps).

pub mod ace;
pub mod catalog;
pub mod domain;
pub mod label_trie;
pub mod neutral;
