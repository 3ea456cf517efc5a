//! linkguard: finds where a link in a mail really goes, and whether to warn.
//!
//! The analysis core (everything but `wasm`, `i18n` and `mail`) has no DOM or JS in it and is
//! tested natively and in wasm. Its folders follow a link through the engine: `url` (the href,
//! unwrapped), `host` (its registrable domain, the host catalog), `text` (what the link's text
//! claims, homographs), `brand` (brand impersonation), `message` (the message around a link:
//! which brand it presents itself as, from which sender); `analyze` ties them
//! into a [`Verdict`] (`verdict`: the typed data and stable codes), and `explain` says which
//! messages explain each reason. `wasm` is the thin wasm-bindgen boundary for the browser extension
//! and `www/`; `mail` (feature `mail`) parses RFC 5322 messages and `i18n` renders texts for the
//! `linkguard` command.

pub mod url;
pub mod host;
pub mod text;
pub mod brand;
pub mod message;
pub mod analyze;
pub mod verdict;
pub mod explain;

#[cfg(feature = "i18n")]
pub mod i18n;
#[cfg(feature = "mail")]
pub mod mail;
#[cfg(any(target_arch = "wasm32", test))]
mod json_line;
// Also natively under test: the frame reader is pure, and its tests run on both.
#[cfg(any(target_arch = "wasm32", test))]
mod scan_frame;
#[cfg(target_arch = "wasm32")]
pub mod wasm;
#[cfg(test)]
mod test_rng;

pub use analyze::Engine;
pub use message::claim::MessageClaim;
pub use verdict::{
    ClaimEvidence, Details, Hiding, HostCategory, IpKind, Level, LinkInput, LookalikeKind, MessageContext,
    Options, Reason, ReasonCode, Shown, Target, UnwrapStep, Verdict,
};

// The same unit tests run natively and in a headless browser (wasm-bindgen-test): each test
// module does `#[cfg(target_arch = "wasm32")] use wasm_bindgen_test::wasm_bindgen_test as test;`.
#[cfg(all(test, target_arch = "wasm32"))]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);
