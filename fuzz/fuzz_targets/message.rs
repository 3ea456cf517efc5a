//! Mail messages (RFC 5322 or mbox) from arbitrary bytes: read them with
//! `linkguard::mail::read_messages`, then analyze every link and run the sender check,
//! as the `linkguard` command does. A message that can't be read must be an `Err`, never a
//! panic; the link cap must hold.
#![no_main]

use libfuzzer_sys::fuzz_target;
use linkguard::mail::{check_sender, read_messages, MAX_LINKS_PER_MESSAGE};
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
        for link in &message.links {
            let v = engine.analyze(link);
            let highest = v.reasons.iter().map(|r| r.level).max().unwrap_or(Level::Safe);
            assert_eq!(v.level, highest, "{link:?}");
        }
        let _ = check_sender(&message, engine.domains());
    }
});
