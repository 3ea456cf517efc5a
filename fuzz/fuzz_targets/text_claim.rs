//! The claim scanner for ASCII texts (`text::claim::extract_claim` takes it for every text that
//! is ASCII after normalization) against the character scanner every text went through before
//! (`extract_claim_by_chars`): both must find the same claim, or none, for every text.
//!
//! Each input is tried as it is (lossy UTF-8: mostly the character scanner, and both when it
//! happens to be ASCII), as ASCII (each byte's low seven bits, so random bytes reach the ASCII
//! scanner), and that ASCII behind `https://` and `www.`, so that candidates get past the
//! scheme and name rules.
#![no_main]

use libfuzzer_sys::fuzz_target;
use linkguard::host::domain::Domains;
use linkguard::text::claim::{extract_claim, extract_claim_by_chars};

fn check(s: &str, domains: &Domains) {
    assert_eq!(extract_claim(s, domains), extract_claim_by_chars(s, domains), "{s:?}");
}

fuzz_target!(|data: &[u8]| {
    let domains = Domains::embedded();
    check(&String::from_utf8_lossy(data), &domains);
    let ascii: String = data.iter().map(|&b| char::from(b & 0x7f)).collect();
    check(&ascii, &domains);
    check(&format!("https://{ascii}"), &domains);
    check(&format!("www.{ascii}"), &domains);
});
