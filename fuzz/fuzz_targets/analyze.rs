//! `analyze` over arbitrary links. The input bytes are split on 0xFF (a byte that never occurs
//! in UTF-8, so every field stays reachable) into href, text, title, saferedirecturl and
//! originalsrc; each field is decoded lossily, as the browser and the mail reader do.
//!
//! Each link is analyzed twice: as found, and with its href read as a typed address
//! (`text::claim::typed_address`).
//!
//! Besides "no panic", it checks what every verdict promises: the level is the highest reason
//! level, the strings kept are bounded, the unwrap chain stops at the depth limit, and the
//! verdict survives a JSON round trip (the shape every UI reads).
#![no_main]

use libfuzzer_sys::fuzz_target;
use linkguard::text::claim::typed_address;
use linkguard::url::unwrap::MAX_UNWRAP_DEPTH;
use linkguard::{Engine, Hiding, Level, LinkInput, Verdict};
use std::sync::OnceLock;

fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(Engine::new)
}

/// Generous bounds: the engine keeps 2,048 characters of a URL and 200 of a claim.
const MAX_URL_CHARS: usize = 4096;
const MAX_CLAIM_CHARS: usize = 1024;

fn check(link: &LinkInput, v: &Verdict) {
    let highest = v.reasons.iter().map(|r| r.level).max().unwrap_or(Level::Safe);
    assert_eq!(v.level, highest, "level is the highest reason level: {link:?} -> {v:?}");
    assert!(!v.allowlisted, "no allowlist configured");
    assert!(v.target.url.chars().count() <= MAX_URL_CHARS, "target.url is bounded");
    assert!(v.unwrap_chain.len() <= MAX_UNWRAP_DEPTH, "unwrap chain stops at the limit");
    for step in &v.unwrap_chain {
        assert!(step.from.chars().count() <= MAX_URL_CHARS && step.to.chars().count() <= MAX_URL_CHARS);
    }
    if let Some(shown) = &v.shown {
        assert!(shown.claim.chars().count() <= MAX_CLAIM_CHARS, "shown.claim is bounded");
        assert!(shown.host.is_ascii(), "shown.host is ASCII: {shown:?}");
    }
    if let Some(host) = &v.target.host {
        assert!(host.is_ascii(), "target.host is ASCII: {host:?}");
    }
    let json = serde_json::to_string(v).expect("a verdict serializes");
    let back: Verdict = serde_json::from_str(&json).expect("and reads back");
    assert_eq!(&back, v, "JSON round trip");
}

fuzz_target!(|data: &[u8]| {
    let mut fields = data.split(|&b| b == 0xFF).map(|f| String::from_utf8_lossy(f).into_owned());
    let link = LinkInput {
        href: fields.next().unwrap_or_default(),
        text: fields.next().unwrap_or_default(),
        title: fields.next(),
        saferedirecturl: fields.next(),
        originalsrc: fields.next(),
        dom_text: fields.next(),
        hidden: fields.next().map_or_else(Vec::new, |f| f.bytes().filter_map(|b| Hiding::ALL.get(usize::from(b) % 5).copied()).collect()),
        ping: fields.next().map_or_else(Vec::new, |f| f.split(' ').map(str::to_owned).collect()),
        malformed: fields.next().is_some_and(|f| f.len() % 2 == 1),
    };
    let verdict = engine().analyze(&link);
    check(&link, &verdict);
    // The href as typed or pasted (`linkguard check`, the popup, the link checker page): read
    // once is read for good, and it gets a verdict like any href.
    let typed = typed_address(&link.href);
    assert_eq!(typed_address(&typed), typed, "typed_address is idempotent: {:?}", link.href);
    let typed_link = LinkInput { href: typed, ..link };
    let verdict = engine().analyze(&typed_link);
    check(&typed_link, &verdict);
});
