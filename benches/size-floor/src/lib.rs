//! The size floor: what every check needs and no check's logic. url's parser (with IDNA/UTS #46),
//! ICU4X NFKC and NFD, unicode-security's script checks and, with the `tables` feature, every
//! table the engine compiles in. Each is called (or read) from an export, so none is dropped;
//! what the calls do with the results does not matter.
use unicode_security::{MixedScript, RestrictionLevelDetection};
use wasm_bindgen::prelude::*;

#[cfg(feature = "tables")]
#[allow(dead_code)]
mod skeleton {
    include!("../../../src/text/skeleton_table.rs");
}
#[cfg(feature = "tables")]
#[allow(dead_code)]
mod lowercase {
    include!("../../../src/text/lowercase_table.rs");
}

/// build.rs's outputs that the engine includes outside its tests (src/host/label_trie.rs,
/// catalog.rs, neutral.rs, src/brand/table.rs, brand_name_in_host.rs), from the main build's
/// OUT_DIR (benches/run.mjs sets LINKGUARD_TABLES_DIR). That directory may hold older files the
/// engine no longer reads: they are named here one by one, not globbed.
#[cfg(feature = "tables")]
macro_rules! table {
    ($name:literal) => {
        include_bytes!(concat!(env!("LINKGUARD_TABLES_DIR"), "/", $name))
    };
}

#[cfg(feature = "tables")]
static DATA: [&[u8]; 9] = [
    table!("psl_labels.txt"),
    table!("psl_payloads.bin"),
    table!("psl_child_counts.bin"),
    table!("catalog_kinds.bin"),
    table!("catalog_providers.txt"),
    table!("brands.tsv"),
    table!("neutral_hosts.tsv"),
    table!("brand_name_platforms.txt"),
    skeleton::PROTOTYPES.as_bytes(),
];

/// Every table, read.
#[cfg(feature = "tables")]
#[wasm_bindgen]
pub fn tables(i: usize, j: usize) -> u32 {
    let data = DATA.get(i).and_then(|d| d.get(j)).copied().unwrap_or(0) as u32;
    let s = skeleton::STEPS.get(j).copied().unwrap_or(0) as u32
        + skeleton::BLOCKS
            .get(j)
            .map_or(0, |b| b.0 + b.1 as u32 + b.2 as u32)
        + skeleton::IGNORED.get(j).map_or(0, |r| r.0 ^ r.1);
    let l = lowercase::FIRST.get(j).copied().unwrap_or(0)
        + lowercase::COUNT.get(j).copied().unwrap_or(0) as u32
        + lowercase::STRIDE.get(j).copied().unwrap_or(0) as u32
        + lowercase::DELTA.get(j).copied().unwrap_or(0) as u32
        + lowercase::CLASS_RUNS.get(j).copied().unwrap_or(0) as u32
        + lowercase::MULTI
            .get(j)
            .map_or(0, |m| m.0 as u32 + m.1.len() as u32);
    data ^ s ^ l
}

/// A link's host as the engine gets it (url's parser, IDNA to ASCII).
#[wasm_bindgen]
pub fn host(href: &str) -> String {
    url::Url::parse(href)
        .ok()
        .and_then(|u| u.host_str().map(str::to_owned))
        .unwrap_or_default()
}

#[wasm_bindgen]
pub fn to_unicode(host: &str) -> String {
    idna::domain_to_unicode(host).0
}

#[wasm_bindgen]
pub fn nfkc(s: &str) -> String {
    icu_normalizer::ComposingNormalizerBorrowed::new_nfkc()
        .normalize(s)
        .into_owned()
}

#[wasm_bindgen]
pub fn nfd(s: &str) -> String {
    icu_normalizer::DecomposingNormalizerBorrowed::new_nfd()
        .normalize(s)
        .into_owned()
}

#[wasm_bindgen]
pub fn scripts(s: &str) -> u32 {
    s.is_single_script() as u32 + s.detect_restriction_level() as u32
}

/// The engine's host modules that the registrable-domain lookup is made of, compiled in as they
/// are (not copies), so the speed floor looks domains up exactly as the engine does.
#[cfg(feature = "speed")]
#[allow(dead_code, unused_imports)]
#[path = "../../../src/host"]
mod host {
    pub mod ace;
    pub mod domain;
    pub mod label_trie;
}

/// `scanBatch`'s frame reader, the engine's own (src/scan_frame.rs): the floor splits the links
/// exactly as the engine does, whatever the frame's format becomes.
#[cfg(feature = "speed")]
#[allow(dead_code)]
#[path = "../../../src/scan_frame.rs"]
mod scan_frame;

/// The speed floor of `scanBatch` (issue 19): the links framed exactly as `scanBatch` takes them
/// (the same bytes through the same wasm-bindgen glue), split by the engine's own reader, and for
/// each link only what the design fixes: url's `Url::parse` of the href, then the engine's
/// registrable-domain lookup of its host. The count of links with a registrable domain, so
/// nothing is optimized away; `u32::MAX` for a frame that can't be split (the bench refuses it).
#[cfg(feature = "speed")]
#[wasm_bindgen(js_name = parseAndLookup)]
pub fn parse_and_lookup(framed: &[u8]) -> u32 {
    let Some(links) = std::str::from_utf8(framed).ok().and_then(|f| scan_frame::unframe_links(f).ok()) else {
        return u32::MAX;
    };
    let domains = host::domain::Domains::embedded();
    let mut found = 0;
    for link in &links {
        let Ok(url) = url::Url::parse(link[0]) else { continue };
        if let Some(host) = url.host_str() {
            found += u32::from(domains.parts(host).registrable.is_some());
        }
    }
    found
}

/// The cold start's design floor (issue 19; benches/cold-floor/, built by benches/browser.mjs): a
/// worker's first answer with only what the design fixes, url's `Url::parse` of one href and the
/// engine's registrable-domain lookup of its host (the PSL trie built on this first use, as in
/// the engine). The registrable domain, or "" when the href has none.
#[cfg(feature = "speed")]
#[wasm_bindgen(js_name = registrableDomain)]
pub fn registrable_domain(href: &str) -> String {
    let Ok(url) = url::Url::parse(href) else {
        return String::new();
    };
    url.host_str()
        .and_then(|host| host::domain::Domains::embedded().registrable_str(host))
        .map(str::to_owned)
        .unwrap_or_default()
}
