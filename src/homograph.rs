//! Homographs: IDN labels that are mixed-script or whole-script confusable with Latin
//! (UTS #39), and bidi-override or zero-width characters.

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HomographFinding {
    /// "mixed-script", "confusable", "bidi", "zero-width" or "invalid-idn".
    pub kind: &'static str,
    pub unicode: String,
    pub punycode: String,
}

/// Checks an ASCII (punycode) host.
pub fn check_host(ascii_host: &str) -> Option<HomographFinding> {
    let _ = ascii_host;
    None
}

/// Bidi-override or zero-width characters anywhere in the raw href (before parsing).
pub fn check_raw_href(href: &str) -> Option<&'static str> {
    let _ = href;
    None
}
