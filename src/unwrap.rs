//! Security and redirect wrappers (SafeLinks, Proofpoint, Google, Barracuda, ...): recognize
//! them and decode the URL they carry.

/// The result of trying to unwrap one layer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unwrapped {
    /// A known wrapper; `inner` is the URL it carries (not yet validated).
    Inner { wrapper: &'static str, inner: String },
    /// A known wrapper whose target can't be decoded offline (Mimecast).
    Opaque { wrapper: &'static str },
    /// Not a wrapper we know.
    NotWrapped,
}

/// Tries to unwrap one layer of `url`.
pub fn unwrap_once(url: &url::Url) -> Unwrapped {
    let _ = url;
    Unwrapped::NotWrapped
}
