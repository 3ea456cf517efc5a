//! Reason `brand-in-host`: a brand's real domain written into another site's host name,
//! `www.eki-net.com.zvwscs.cn`, `www2.jcb.co.jp.kmzygcj.cn`, `www-aeon-co-jp.example.com`.
//!
//! Putting the real company's domain at the front of its own host is a common way for a
//! phishing site to make its address look right at a glance: in JPCERT/CC's phishing URL lists it
//! is 2-18 % of the URLs of a year (2019-2022), and no legitimate mail in the evaluation corpus
//! links to such a host.

use crate::host::domain::strip_tail;
use crate::brand::table::{brands, length_bit};
use rustc_hash::FxHashMap;
use std::sync::OnceLock;

/// A brand's domain found inside a host that isn't the brand's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BrandInHost {
    pub brand: &'static str,
    /// The brand's domain as listed (`eki-net.com`), whichever way the host writes it.
    pub domain: &'static str,
}

/// One way of writing a brand's domain inside a host.
struct Form {
    /// `eki-net.com`, or with hyphens for dots: `eki-net-com`.
    text: String,
    dotted: bool,
    domain: &'static str,
    brand: usize,
}

/// The brands' domains, keyed by their first token (up to the first `.` or `-`), so a host is
/// looked up once per token instead of being searched for every domain.
struct Index {
    /// Sorted by key.
    keys: Vec<(&'static str, Vec<Form>)>,
    /// Where each key is in `keys`: a hash lookup for a host's token instead of a binary search
    /// with a string comparison at each step.
    at: FxHashMap<&'static str, usize>,
    /// For each first byte, a bit per key length (31 = 31 or more) among the keys: nearly every
    /// token of a host (`www`, `mail`, `com`, `example`) is ruled out by one load and a mask,
    /// before any string comparison.
    first_byte_lengths: [u32; 256],
    /// The same for the key's last byte: the two together let through only tokens that share
    /// both ends and the length with some key.
    last_byte_lengths: [u32; 256],
}

fn index() -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut keys: Vec<(&'static str, Vec<Form>)> = Vec::new();
        for (brand, b) in brands().iter().enumerate() {
            for &domain in b.domains {
                let key = domain.split(['.', '-']).next().unwrap_or(domain);
                let forms = [
                    Form { text: domain.to_string(), dotted: true, domain, brand },
                    Form { text: domain.replace('.', "-"), dotted: false, domain, brand },
                ];
                match keys.binary_search_by(|(k, _)| k.cmp(&key)) {
                    Ok(at) => keys[at].1.extend(forms),
                    Err(at) => keys.insert(at, (key, forms.into())),
                }
            }
        }
        let mut first_byte_lengths = [0u32; 256];
        let mut last_byte_lengths = [0u32; 256];
        for (key, _) in &keys {
            if let (Some(&first), Some(&last)) = (key.as_bytes().first(), key.as_bytes().last()) {
                first_byte_lengths[usize::from(first)] |= length_bit(key.len());
                last_byte_lengths[usize::from(last)] |= length_bit(key.len());
            }
        }
        let at = keys.iter().enumerate().map(|(i, &(key, _))| (key, i)).collect();
        Index { keys, at, first_byte_lengths, last_byte_lengths }
    })
}

/// A brand's domain written into `host` (registrable domain `registrable`, public suffix
/// `suffix`), when the host is none of that brand's:
/// - dotted, from the start of a label or hyphen-separated part to a dot or hyphen, left of the
///   public suffix: `www.amazon.co.jp.070a.ltd`, `usps.com-trackrjw.top`,
///   `eki-net.com.duckdns.org` (registrable `com.duckdns.org`), `www.amazon.co.jp.cn`
///   (registrable `jp.cn`);
/// - with hyphens for dots, as whole hyphen-separated parts anywhere: `www-aeon-co-jp.example.com`,
///   `amazon-co-jp.top`.
///
/// The same domain under another suffix (`eki-net.com.cn`) is not this check's: the written
/// domain reaches into that host's public suffix, and brands do own such names.
pub fn find(host: &str, registrable: &str, suffix: Option<&str>) -> Option<BrandInHost> {
    // Where a dotted domain must end: before the public suffix (or the registrable domain when
    // the suffix is unknown). It has at least two labels, so a dot comes before that.
    // One trailing dot (a fully qualified name) names the same host.
    let host = host.strip_suffix('.').unwrap_or(host);
    let left_of = suffix.unwrap_or(registrable);
    let dotted_end = strip_tail(host, left_of).and_then(|s| s.strip_suffix('.')).map_or(0, str::len);
    let bytes = host.as_bytes();
    let dotted_possible = bytes[..dotted_end].contains(&b'.');
    let hyphenated = bytes.contains(&b'-');
    if !dotted_possible && !hyphenated {
        return None; // the common `www.example.com`: one label before the public suffix's
    }
    let index = index();
    let is_separator = |b: u8| b == b'.' || b == b'-';
    // Without a hyphen only the dotted form can match, and it starts and ends left of the suffix.
    let scan_end = if hyphenated { bytes.len() } else { dotted_end };
    let mut start = 0;
    while start < scan_end {
        let end = bytes[start..].iter().position(|&b| is_separator(b)).map_or(bytes.len(), |i| start + i);
        let token = &host[start..end];
        let bit = length_bit(token.len());
        // Every listed domain has more than one token: the host's last token starts none.
        let possible = end < bytes.len()
            && end > start
            && index.first_byte_lengths[usize::from(bytes[start])] & bit != 0
            && index.last_byte_lengths[usize::from(bytes[end - 1])] & bit != 0;
        if !possible {
            start = end + 1;
            continue;
        }
        if let Some(&at) = index.at.get(token) {
            for form in &index.keys[at].1 {
                let Some(after) = host[start..].strip_prefix(form.text.as_str()) else {
                    continue;
                };
                if !after.is_empty() && !after.starts_with(['.', '-']) {
                    continue; // `amazon.co.jpx`: another name
                }
                let match_end = host.len() - after.len();
                if form.dotted && match_end > dotted_end {
                    continue; // reaches into the public suffix
                }
                let brand = &brands()[form.brand];
                if brand.owns(host, registrable) {
                    continue; // the brand's own (`bk.mufg.jp`, `amazon.co.jp`)
                }
                return Some(BrandInHost { brand: brand.label, domain: form.domain });
            }
        }
        start = end + 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::host::domain::Domains;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    /// (host, the brand domain found; None: nothing)
    const CASES: &[(&str, Option<&str>)] = &[
        // Dotted, left of the registrable domain (JPCERT/CC's lists, 2020-2022).
        ("www.eki-net.com.zvwscs.cn", Some("eki-net.com")),
        ("eki-net.com.personal.tgsd.com.cn", Some("eki-net.com")),
        ("www2.jcb.co.jp.kmzygcj.cn", Some("jcb.co.jp")),
        ("amazon.co.jp.070a.ltd", Some("amazon.co.jp")),
        ("www2.cr.mufg.jp.mmdiannao.com", Some("cr.mufg.jp")), // the first listed domain found
        ("jp-bank.japanpost.jp.account-support.cn", Some("jp-bank.japanpost.jp")),
        ("www.paypal.com.secure-login.example", Some("paypal.com")),
        ("www.eki-net.com.zvwscs.cn.", Some("eki-net.com")),
        // Reaching into the registrable domain but not the public suffix.
        ("eki-net.com.duckdns.org", Some("eki-net.com")),
        ("www.amazon.co.jp.cn", Some("amazon.co.jp")),
        // With hyphens, anywhere in the host.
        ("www.amazon-co-jp.tire1.top", Some("amazon.co.jp")),
        ("www-aeon-co-jp.shoudanhongbao168.com", Some("aeon.co.jp")),
        ("netstation2-aplus-co-jp.nzezvw.top", Some("aplus.co.jp")),
        ("amazon-co-jp.top", Some("amazon.co.jp")),
        ("www.eki-net-com.example", Some("eki-net.com")),
        // The brand's own hosts.
        ("www.amazon.co.jp", None),
        ("amazon.co.jp", None),
        ("bk.mufg.jp", None),
        ("www.eki-net.com", None),
        ("jp-bank.japanpost.jp", None),
        ("www.amazon.co.jp.amazon.com", None),
        // Not a brand's domain, or not as whole labels / parts.
        ("www.example.com", None),
        ("mail.example.co.jp", None),
        ("amazon.co.jpx.example", None),
        ("notamazon.co.jp.example.cn", None),
        ("amazon-co-jpx.example", None),
        ("smbc-card-jp.example.com", None), // a brand word, not its domain: brand_name_in_host.rs's business
        // The domain under another suffix: it reaches into the public suffix.
        ("eki-net.com.cn", None),
        ("www.eki-net.com.cn", None),
        ("amazon.com.br", None),
        // Hosts with no registrable domain, and odd ones.
        ("localhost", None),
        ("", None),
        ("-.-", None),
        ("amazon-", None),
    ];

    #[test]
    fn finds_a_brand_domain_written_into_another_host() {
        let domains = Domains::embedded();
        for &(host, want) in CASES {
            let info = domains.info(host);
            let registrable = info.registrable.unwrap_or_else(|| host.to_string());
            let found = find(host, &registrable, info.suffix.as_deref()).map(|e| e.domain);
            assert_eq!(found, want, "{host} (registrable {registrable})");
        }
    }
}

