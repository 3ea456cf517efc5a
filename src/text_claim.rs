//! What the visible text of a link claims: a URL or a bare domain, found after NFKC
//! normalization (full-width forms), with scheme, `www.`, brackets and punctuation tolerated.

use crate::domain::Domains;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claim {
    /// The claimed URL or domain as found in the text (after NFKC).
    pub claim: String,
    /// ASCII (punycode) host that the claim names.
    pub host: String,
}

/// The URL or domain the text claims, if it claims one. A plain sentence claims nothing.
pub fn extract_claim(text: &str, domains: &Domains) -> Option<Claim> {
    let _ = (text, domains);
    None
}
