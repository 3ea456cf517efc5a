//! Host normalization and the Public Suffix List (vendored in `data/`, private section included).

/// Registrable domain (eTLD+1) and public suffix of a host.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DomainInfo {
    pub registrable: Option<String>,
    pub suffix: Option<String>,
    /// The suffix is from the PSL's private section (a provider's shared domain).
    pub suffix_is_private: bool,
    /// The suffix is a real listed rule (not the implicit `*` default rule).
    pub suffix_is_known: bool,
}

/// The Public Suffix List, compiled in.
pub struct Domains {
    _private: (),
}

impl Domains {
    /// The list vendored in `data/public_suffix_list.dat`.
    pub fn embedded() -> Domains {
        Domains { _private: () }
    }

    /// `ascii_host` must already be normalized (see [`normalize_host`]).
    pub fn info(&self, ascii_host: &str) -> DomainInfo {
        let _ = ascii_host;
        DomainInfo::default()
    }
}

/// Lowercase, strip one trailing dot, IDN to ASCII (punycode). `None` when not a valid name.
pub fn normalize_host(raw: &str) -> Option<String> {
    let _ = raw;
    None
}
