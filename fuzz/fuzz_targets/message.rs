//! Mail messages (RFC 5322 or mbox) from arbitrary bytes: read them with
//! `linkguard::mail::read_messages`, then judge each (`MessageReport::of`: every link analyzed,
//! the sender checked) and serialize the report, as `linkguard scan --json` and the link checker
//! page do. A message that can't be read must be an `Err`, never a panic; the link cap must hold.
#![no_main]

use libfuzzer_sys::fuzz_target;
use linkguard::mail::report::MessageReport;
use linkguard::mail::{read_messages, MAX_LINKS_PER_MESSAGE};
use linkguard::{Engine, Level};
use std::sync::OnceLock;

fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(Engine::new)
}

fuzz_target!(|data: &[u8]| {
    let engine = engine();
    for message in read_messages(data) {
        let Ok(message) = message else { continue };
        assert!(message.links.len() <= MAX_LINKS_PER_MESSAGE, "link cap");
        let report = MessageReport::of(message, engine);
        for link in &report.links {
            let v = &link.verdict;
            let highest = v.reasons.iter().map(|r| r.level).max().unwrap_or(Level::Safe);
            assert_eq!(v.level, highest, "{link:?}");
        }
        assert!(report.level >= report.sender.level(), "the sender counts");
        serde_json::to_string(&report).expect("a report serializes");
    }
});
