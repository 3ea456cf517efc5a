//! IP-literal hosts, including obscured IPv4 (decimal, hex, octal, short forms) and IPv6.
//!
//! Which text is an IP address is decided by the `url` crate's WHATWG host parser
//! ([`url::Host::parse`]: percent-decoding, IDNA mapping such as fullwidth digits, then the
//! IPv4 number parser with hex/octal/short forms and overflow checks), so this module agrees
//! with the browser by construction. What this module adds is reading the host *as written*,
//! so that a user can be told the address was disguised ([`IpHost::obscured`]).

use crate::verdict::IpKind;
use std::borrow::Cow;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IpHost {
    pub ip: IpAddr,
    pub kind: IpKind,
    /// Written in a form other than plain dotted-decimal (IPv4 only).
    pub obscured: bool,
}

/// Browsers strip leading and trailing "C0 control or space" from an href.
fn is_c0_or_space(c: char) -> bool {
    c <= ' '
}

/// Browsers remove ASCII tab and newlines anywhere in an href before parsing it.
fn is_removed_anywhere(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | b'\r')
}

/// Schemes for which the WHATWG parser has an authority however many slashes follow.
const SPECIAL_SCHEMES: [&str; 5] = ["http", "https", "ws", "wss", "ftp"];
/// Longer than any special scheme: enough to tell special from not.
const MAX_SCHEME_KEPT: usize = 8;

/// The host part exactly as written in `href` (before WHATWG normalization), if any.
///
/// Follows the WHATWG parser's shape without normalizing: after the scheme, special schemes
/// skip any run of `/` and `\`, `file:` needs two of them, other schemes need `//`; the
/// authority ends at `/ ? # \`; userinfo runs to the last `@`; the port starts at a `:`
/// outside `[...]`. The slice may still contain tabs/newlines (the browser drops those).
pub fn raw_host(href: &str) -> Option<&str> {
    let s = href.trim_matches(is_c0_or_space);
    let bytes = s.as_bytes();
    // Steps past the tabs/newlines the browser drops before parsing.
    let next_significant = |mut i: usize| -> usize {
        while i < bytes.len() && is_removed_anywhere(bytes[i]) {
            i += 1;
        }
        i
    };

    // Scheme: ALPHA *(ALPHA / DIGIT / "+" / "-" / ".") ":"; lowercased for comparison.
    let mut scheme = String::new();
    let mut i = next_significant(0);
    let mut has_scheme = false;
    let mut scheme_truncated = false;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b':' && !scheme.is_empty() {
            has_scheme = true;
            i = next_significant(i + 1);
            break;
        }
        let valid = b.is_ascii_alphabetic()
            || (!scheme.is_empty() && (b.is_ascii_digit() || matches!(b, b'+' | b'-' | b'.')));
        if !valid {
            break;
        }
        // Only short schemes can be special; don't grow a buffer for a long one.
        if scheme.len() < MAX_SCHEME_KEPT {
            scheme.push(b.to_ascii_lowercase() as char);
        } else {
            scheme_truncated = true;
        }
        i = next_significant(i + 1);
    }

    let mut slashes = 0usize;
    let authority_start = if has_scheme {
        let special = !scheme_truncated && SPECIAL_SCHEMES.contains(&scheme.as_str());
        let file = !scheme_truncated && scheme == "file";
        while i < bytes.len() && (bytes[i] == b'/' || (bytes[i] == b'\\' && (special || file))) {
            // `file:` takes exactly two slashes; a third starts the path (empty host).
            if file && slashes == 2 {
                break;
            }
            slashes += 1;
            i = next_significant(i + 1);
        }
        if (file || !special) && slashes < 2 {
            return None;
        }
        i
    } else {
        // No scheme: only a protocol-relative `//host` has a host.
        let mut j = next_significant(0);
        while j < bytes.len() && matches!(bytes[j], b'/' | b'\\') && slashes < 2 {
            slashes += 1;
            j = next_significant(j + 1);
        }
        if slashes < 2 {
            return None;
        }
        j
    };

    // Authority runs to the first of `/ ? # \`.
    let authority_end = bytes[authority_start..]
        .iter()
        .position(|b| matches!(b, b'/' | b'?' | b'#' | b'\\'))
        .map_or(bytes.len(), |p| authority_start + p);
    let authority = &bytes[authority_start..authority_end];
    let host_start = authority
        .iter()
        .rposition(|&b| b == b'@')
        .map_or(authority_start, |p| authority_start + p + 1);

    // The port starts at a `:` that is not inside an IPv6 `[...]`.
    let mut in_brackets = false;
    let mut host_end = authority_end;
    for (k, &b) in bytes[host_start..authority_end].iter().enumerate() {
        match b {
            b'[' => in_brackets = true,
            b']' => in_brackets = false,
            b':' if !in_brackets => {
                host_end = host_start + k;
                break;
            }
            _ => {}
        }
    }
    // All delimiters are ASCII, so these are char boundaries.
    let host = &s[host_start..host_end];
    if host.bytes().all(is_removed_anywhere) {
        return None;
    }
    Some(host)
}

/// Plain dotted decimal: exactly four parts, each `0` or 1-3 digits without a leading zero
/// (a leading zero means octal to the WHATWG parser), each at most 255.
fn is_plain_dotted_decimal(host: &str) -> bool {
    let parts: Vec<&str> = host.split('.').collect();
    parts.len() == 4
        && parts.iter().all(|p| {
            !p.is_empty()
                && p.len() <= 3
                && p.bytes().all(|b| b.is_ascii_digit())
                && (p.len() == 1 || !p.starts_with('0'))
                && p.parse::<u16>().is_ok_and(|n| n <= 255)
        })
}

/// Parses a host as written (e.g. `3232235777`, `0xC0.0xA8.1.1`, `[::1]`) into an IP.
///
/// Returns `None` for domains and for anything the WHATWG parser rejects (e.g. the
/// overflowing `4294967296`, or `256.1.1.1`): the browser would not go there as an IP.
pub fn parse_ip_host(raw_host: &str) -> Option<IpHost> {
    let had_removed = raw_host.bytes().any(is_removed_anywhere);
    let host: Cow<str> = if had_removed {
        Cow::Owned(raw_host.chars().filter(|&c| !matches!(c, '\t' | '\n' | '\r')).collect())
    } else {
        Cow::Borrowed(raw_host)
    };
    if host.is_empty() {
        return None;
    }
    match url::Host::parse(&host).ok()? {
        url::Host::Ipv4(v4) => Some(IpHost {
            ip: IpAddr::V4(v4),
            kind: classify(IpAddr::V4(v4)),
            obscured: had_removed || !is_plain_dotted_decimal(&host),
        }),
        url::Host::Ipv6(v6) => Some(IpHost {
            ip: IpAddr::V6(v6),
            kind: classify(IpAddr::V6(v6)),
            // An IPv4 address dressed as IPv6 (`[::ffff:7f00:1]`) hides the IPv4 it reaches.
            obscured: had_removed || v6.to_ipv4_mapped().is_some(),
        }),
        url::Host::Domain(_) => None,
    }
}

fn in_v4_net(ip: Ipv4Addr, net: [u8; 4], prefix: u32) -> bool {
    let mask = if prefix == 0 { 0 } else { u32::MAX << (32 - prefix) };
    u32::from(ip) & mask == u32::from(Ipv4Addr::from(net)) & mask
}

fn in_v6_net(ip: Ipv6Addr, net: Ipv6Addr, prefix: u32) -> bool {
    let mask = if prefix == 0 { 0 } else { u128::MAX << (128 - prefix) };
    u128::from(ip) & mask == u128::from(net) & mask
}

fn classify_v4(ip: Ipv4Addr) -> IpKind {
    if in_v4_net(ip, [127, 0, 0, 0], 8) {
        IpKind::Loopback
    } else if in_v4_net(ip, [10, 0, 0, 0], 8)
        || in_v4_net(ip, [172, 16, 0, 0], 12)
        || in_v4_net(ip, [192, 168, 0, 0], 16)
        || in_v4_net(ip, [100, 64, 0, 0], 10)
    {
        // RFC 1918 and carrier-grade NAT (RFC 6598): not reachable from the internet.
        IpKind::Private
    } else if in_v4_net(ip, [169, 254, 0, 0], 16) {
        IpKind::LinkLocal
    } else if in_v4_net(ip, [0, 0, 0, 0], 8) // "this network", incl. unspecified
        || in_v4_net(ip, [192, 0, 0, 0], 24) // IETF protocol assignments
        || in_v4_net(ip, [192, 0, 2, 0], 24) // TEST-NET-1
        || in_v4_net(ip, [198, 51, 100, 0], 24) // TEST-NET-2
        || in_v4_net(ip, [203, 0, 113, 0], 24) // TEST-NET-3
        || in_v4_net(ip, [198, 18, 0, 0], 15) // benchmarking
        || in_v4_net(ip, [224, 0, 0, 0], 4) // multicast
        || in_v4_net(ip, [240, 0, 0, 0], 4)
    // reserved, incl. broadcast 255.255.255.255
    {
        IpKind::Special
    } else {
        IpKind::Public
    }
}

fn classify_v6(ip: Ipv6Addr) -> IpKind {
    if let Some(v4) = ip.to_ipv4_mapped() {
        return classify_v4(v4);
    }
    if ip == Ipv6Addr::LOCALHOST {
        IpKind::Loopback
    } else if in_v6_net(ip, Ipv6Addr::new(0xfc00, 0, 0, 0, 0, 0, 0, 0), 7)
        || in_v6_net(ip, Ipv6Addr::new(0xfec0, 0, 0, 0, 0, 0, 0, 0), 10)
    {
        // Unique local (RFC 4193) and the deprecated site-local range.
        IpKind::Private
    } else if in_v6_net(ip, Ipv6Addr::new(0xfe80, 0, 0, 0, 0, 0, 0, 0), 10) {
        IpKind::LinkLocal
    } else if in_v6_net(ip, Ipv6Addr::UNSPECIFIED, 96) // unspecified, deprecated IPv4-compatible
        || in_v6_net(ip, Ipv6Addr::new(0xff00, 0, 0, 0, 0, 0, 0, 0), 8) // multicast
        || in_v6_net(ip, Ipv6Addr::new(0x2001, 0xdb8, 0, 0, 0, 0, 0, 0), 32) // documentation
        || in_v6_net(ip, Ipv6Addr::new(0x3fff, 0, 0, 0, 0, 0, 0, 0), 20) // documentation (RFC 9637)
        || in_v6_net(ip, Ipv6Addr::new(0x100, 0, 0, 0, 0, 0, 0, 0), 64)
    // discard-only
    {
        IpKind::Special
    } else {
        IpKind::Public
    }
}

/// Where an address leads: loopback, private networks (RFC 1918, CGNAT 100.64/10, ULA
/// fc00::/7), link-local, special-purpose (unspecified, broadcast, documentation, multicast,
/// reserved), else public. IPv4-mapped IPv6 is classified by its IPv4.
pub fn classify(ip: IpAddr) -> IpKind {
    match ip {
        IpAddr::V4(v4) => classify_v4(v4),
        IpAddr::V6(v6) => classify_v6(v6),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use IpKind::*;

    /// Canonical IP, kind, obscured.
    type Expected = (&'static str, IpKind, bool);

    /// (href, expected, or None when the host is not an IP). Every row is also checked
    /// against `url::Url::parse` (WHATWG) for special schemes.
    const IP_CASES: &[(&str, Option<Expected>)] = &[
        ("http://192.168.1.1/", Some(("192.168.1.1", Private, false))),
        ("http://3232235777/", Some(("192.168.1.1", Private, true))),
        ("http://0xC0A80101/", Some(("192.168.1.1", Private, true))),
        ("http://0XC0A80101/", Some(("192.168.1.1", Private, true))),
        ("http://0300.0250.1.1/", Some(("192.168.1.1", Private, true))),
        ("http://192.168.257/", Some(("192.168.1.1", Private, true))),
        ("http://127.1/", Some(("127.0.0.1", Loopback, true))),
        ("http://0x7f.1/", Some(("127.0.0.1", Loopback, true))),
        ("http://192.168.1.1./", Some(("192.168.1.1", Private, true))),
        ("http://0xc0.0xa8.0x01.0x01/", Some(("192.168.1.1", Private, true))),
        ("http://0300.0xa8.1/", Some(("192.168.0.1", Private, true))),
        ("http://192.0xa80101/", Some(("192.168.1.1", Private, true))),
        ("http://010.0.0.1/", Some(("8.0.0.1", Public, true))),
        ("http://192.168.001.001/", Some(("192.168.1.1", Private, true))),
        ("http://0x/", Some(("0.0.0.0", Special, true))),
        ("http://0/", Some(("0.0.0.0", Special, true))),
        ("http://1.0x/", Some(("1.0.0.0", Public, true))),
        ("http://0x00000000000000000000000000000000007f000001/", Some(("127.0.0.1", Loopback, true))),
        ("http://000000000000000000000000000000000177.0.0.1/", Some(("127.0.0.1", Loopback, true))),
        ("http://4294967295/", Some(("255.255.255.255", Special, true))),
        ("http://user:pass@10.0.0.1:8080/x", Some(("10.0.0.1", Private, false))),
        ("http://a@b@172.16.0.5/", Some(("172.16.0.5", Private, false))),
        ("http://evil.example@0x7f000001/", Some(("127.0.0.1", Loopback, true))),
        ("http://www.paypal.com@3232235777/login", Some(("192.168.1.1", Private, true))),
        ("http://8.8.8.8@evil.example/", None),
        ("http://1.2.3.4\\@evil.example/", Some(("1.2.3.4", Public, false))),
        ("http://evil.example\\@8.8.8.8/", None),
        ("http://1.1.1.1:443/", Some(("1.1.1.1", Public, false))),
        ("http://1.1.1.1?x=1", Some(("1.1.1.1", Public, false))),
        ("http://1.1.1.1#frag", Some(("1.1.1.1", Public, false))),
        ("  \t http://8.8.8.8/ \n", Some(("8.8.8.8", Public, false))),
        ("\u{0}\u{1f}http://8.8.4.4/", Some(("8.8.4.4", Public, false))),
        ("ht\ttp://1.1.1.1/", Some(("1.1.1.1", Public, false))),
        ("http:/\n/9.9.9.9/", Some(("9.9.9.9", Public, false))),
        ("http://19\t2.168.0.1/", Some(("192.168.0.1", Private, true))),
        ("HTTP://8.8.4.4", Some(("8.8.4.4", Public, false))),
        ("http:\\\\8.8.8.8\\path", Some(("8.8.8.8", Public, false))),
        ("http:8.8.8.8/", Some(("8.8.8.8", Public, false))),
        ("http:/8.8.8.8/", Some(("8.8.8.8", Public, false))),
        ("https:///9.9.9.9/", Some(("9.9.9.9", Public, false))),
        ("ftp://0x08080808/", Some(("8.8.8.8", Public, true))),
        ("ws://127.0.0.1:9000/", Some(("127.0.0.1", Loopback, false))),
        ("file://127.0.0.1/etc/passwd", Some(("127.0.0.1", Loopback, false))),
        ("file:///etc/passwd", None),
        ("//8.8.8.8/x", Some(("8.8.8.8", Public, false))),
        ("http://%31%32%37.0.0.1/", Some(("127.0.0.1", Loopback, true))),
        ("http://127%2E0%2E0%2E1/", Some(("127.0.0.1", Loopback, true))),
        ("http://\u{ff11}\u{ff19}\u{ff12}\u{ff0e}\u{ff11}\u{ff16}\u{ff18}\u{ff0e}\u{ff10}\u{ff0e}\u{ff11}/", Some(("192.168.0.1", Private, true))),
        ("http://127\u{3002}0\u{3002}0\u{3002}1/", Some(("127.0.0.1", Loopback, true))),
        ("http://255.255.255.255/", Some(("255.255.255.255", Special, false))),
        ("http://169.254.169.254/latest/meta-data", Some(("169.254.169.254", LinkLocal, false))),
        ("http://100.64.0.1/", Some(("100.64.0.1", Private, false))),
        ("http://100.127.255.254/", Some(("100.127.255.254", Private, false))),
        ("http://100.128.0.1/", Some(("100.128.0.1", Public, false))),
        ("http://192.0.2.10/", Some(("192.0.2.10", Special, false))),
        ("http://198.51.100.7/", Some(("198.51.100.7", Special, false))),
        ("http://203.0.113.99/", Some(("203.0.113.99", Special, false))),
        ("http://224.0.0.1/", Some(("224.0.0.1", Special, false))),
        ("http://240.0.0.1/", Some(("240.0.0.1", Special, false))),
        ("http://172.31.255.255/", Some(("172.31.255.255", Private, false))),
        ("http://172.32.0.1/", Some(("172.32.0.1", Public, false))),
        ("http://11.0.0.1/", Some(("11.0.0.1", Public, false))),
        ("http://[::1]/", Some(("::1", Loopback, false))),
        ("http://[::1]:8080/", Some(("::1", Loopback, false))),
        ("http://user@[::1]:8080/", Some(("::1", Loopback, false))),
        ("http://[::ffff:192.168.1.1]/", Some(("::ffff:192.168.1.1", Private, true))),
        ("http://[::ffff:7f00:1]/", Some(("::ffff:127.0.0.1", Loopback, true))),
        ("http://[::ffff:8.8.8.8]/", Some(("::ffff:8.8.8.8", Public, true))),
        ("http://[fe80::1]/", Some(("fe80::1", LinkLocal, false))),
        ("http://[fd12:3456::1]/", Some(("fd12:3456::1", Private, false))),
        ("http://[2001:db8::1]/", Some(("2001:db8::1", Special, false))),
        ("http://[2606:4700:4700::1111]/", Some(("2606:4700:4700::1111", Public, false))),
        ("http://[::]/", Some(("::", Special, false))),
        ("http://[ff02::1]/", Some(("ff02::1", Special, false))),
        ("http://[FE80:0:0:0:0:0:0:1]/", Some(("fe80::1", LinkLocal, false))),
        ("http://[::1/", None),
        ("http://[fe80::1%25eth0]/", None),
        ("http://[1.2.3.4]/", None),
        ("http://4294967296/", None),
        ("http://0x100000000/", None),
        ("http://99999999999999999999999999/", None),
        ("http://0x1_0000_0000/", None),
        ("http://256.1.1.1/", None),
        ("http://1.2.3.256/", None),
        ("http://1.2.3.4.5/", None),
        ("http://09.1.1.1/", None),
        ("http://1.2.3.09/", None),
        ("http://1.1.1.1 /", None),
        ("http://example.com/", None),
        ("http://1.2.3.4.example.com/", None),
        ("http://0x7f.example/", None),
        ("http://localhost/", None),
        ("http://xn--80ak6aa92e.com/", None),
        ("http:///", None),
        ("http://user@/x", None),
        ("mailto:someone@1.2.3.4", None),
        ("not a url", None),
        ("", None),
    ];

    fn is_special(href: &str) -> bool {
        let lower: String = href
            .trim_matches(is_c0_or_space)
            .chars()
            .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
            .collect::<String>()
            .to_ascii_lowercase();
        lower.starts_with("//")
            || ["http:", "https:", "ws:", "wss:", "ftp:", "file:"]
                .iter()
                .any(|s| lower.starts_with(s))
    }

    fn whatwg_ip(href: &str) -> Option<IpAddr> {
        let base = url::Url::parse("https://mail.example.net/inbox").ok()?;
        let parsed = url::Url::options().base_url(Some(&base)).parse(href).ok()?;
        match parsed.host()? {
            url::Host::Ipv4(v4) => Some(IpAddr::V4(v4)),
            url::Host::Ipv6(v6) => Some(IpAddr::V6(v6)),
            url::Host::Domain(_) => None,
        }
    }

    #[test]
    fn parses_every_written_form_like_the_browser() {
        for &(href, expected) in IP_CASES {
            let got = raw_host(href).and_then(parse_ip_host);
            match expected {
                Some((ip, kind, obscured)) => {
                    let got = got.unwrap_or_else(|| panic!("{href:?}: expected IP {ip}"));
                    assert_eq!(got.ip.to_string(), ip, "{href:?}: ip");
                    assert_eq!(got.kind, kind, "{href:?}: kind");
                    assert_eq!(got.obscured, obscured, "{href:?}: obscured");
                }
                None => assert_eq!(got, None, "{href:?}: expected no IP"),
            }
        }
    }

    #[test]
    fn agrees_with_url_crate_on_every_case() {
        let mut checked = 0;
        for &(href, _) in IP_CASES {
            if !is_special(href) {
                continue;
            }
            let ours = raw_host(href).and_then(parse_ip_host).map(|h| h.ip);
            assert_eq!(ours, whatwg_ip(href), "{href:?}: disagrees with url::Url::parse");
            checked += 1;
        }
        assert!(checked > 80, "only {checked} cases cross-checked");
    }

    #[test]
    fn agrees_with_url_crate_on_generated_forms() {
        // Every address written in every radix combination the WHATWG parser accepts.
        let addrs =
            [[192u8, 168, 1, 1], [127, 0, 0, 1], [8, 8, 8, 8], [10, 255, 0, 7], [0, 0, 0, 0]];
        let mut checked = 0;
        for a in addrs {
            let n = u32::from(Ipv4Addr::from(a));
            let part = |v: u32, radix: u8| match radix {
                0 => v.to_string(),
                1 => format!("0x{v:x}"),
                2 => format!("0X{v:X}"),
                _ => format!("0{v:o}"),
            };
            for radix in 0..4u8 {
                let forms = [
                    part(n, radix),
                    format!("{}.{}", part(a[0].into(), radix), part(n & 0xff_ffff, radix)),
                    format!(
                        "{}.{}.{}",
                        part(a[0].into(), radix),
                        part(a[1].into(), (radix + 1) % 4),
                        part(n & 0xffff, (radix + 2) % 4)
                    ),
                    format!(
                        "{}.{}.{}.{}.",
                        part(a[0].into(), radix),
                        part(a[1].into(), (radix + 3) % 4),
                        part(a[2].into(), radix),
                        part(a[3].into(), (radix + 1) % 4)
                    ),
                ];
                for form in forms {
                    let href = format!("http://{form}/path");
                    let ours = raw_host(&href).and_then(parse_ip_host);
                    let ours_ip = ours.as_ref().map(|h| h.ip);
                    assert_eq!(ours_ip, whatwg_ip(&href), "{href}: disagrees with url crate");
                    assert_eq!(ours_ip, Some(IpAddr::V4(Ipv4Addr::from(a))), "{href}");
                    // Every generated form is non-canonical (short, radix or trailing dot)
                    // except plain decimal four parts, which the generator never produces.
                    assert!(ours.is_some_and(|h| h.obscured), "{href}: should be obscured");
                    checked += 1;
                }
            }
        }
        assert_eq!(checked, 5 * 4 * 4);
    }

    #[test]
    fn overflow_and_huge_inputs_do_not_panic() {
        let long_digits = format!("http://{}/", "9".repeat(100_000));
        let long_zeros = format!("http://{}1.0.0.1/", "0".repeat(100_000));
        let many_dots = format!("http://{}/", "1.".repeat(50_000));
        let many_ats = format!("http://{}1.2.3.4/", "a@".repeat(50_000));
        let cases: [(&str, Option<&str>); 6] = [
            (&long_digits, None),
            (&long_zeros, Some("1.0.0.1")),
            (&many_dots, None),
            (&many_ats, Some("1.2.3.4")),
            ("http://0x1_0000_0000/", None),
            ("http://18446744073709551616/", None),
        ];
        for (href, expected) in cases {
            let got = raw_host(href).and_then(parse_ip_host).map(|h| h.ip.to_string());
            assert_eq!(got.as_deref(), expected, "{}...", &href[..40.min(href.len())]);
            assert_eq!(
                got.is_some(),
                whatwg_ip(href).is_some(),
                "{}...",
                &href[..40.min(href.len())]
            );
        }
    }

    #[test]
    fn raw_host_returns_the_host_as_written() {
        let cases: &[(&str, Option<&str>)] = &[
            ("https://Example.COM/path", Some("Example.COM")),
            ("https://0xC0A80101/", Some("0xC0A80101")),
            ("https://user:pw@host.example:8443/x", Some("host.example")),
            ("https://a@b@c.example/", Some("c.example")),
            ("https://a@b.example/@c", Some("b.example")),
            ("https://host.example?q=@x", Some("host.example")),
            ("https://host.example#@x", Some("host.example")),
            ("https://host.example\\@x", Some("host.example")),
            ("https://[::1]:443/", Some("[::1]")),
            ("https://[::ffff:192.168.1.1]/", Some("[::ffff:192.168.1.1]")),
            ("https://[::1", Some("[::1")),
            ("  https://trim.example/  ", Some("trim.example")),
            ("\u{1}\u{8}https://ctl.example/", Some("ctl.example")),
            ("h\tt\ntps://tab.example/", Some("tab.example")),
            ("https://ta\tb.example/", Some("ta\tb.example")),
            ("https:\\\\back.example\\x", Some("back.example")),
            ("https:////many.example/", Some("many.example")),
            ("https:noslash.example/", Some("noslash.example")),
            ("HTTPS://UPPER.EXAMPLE", Some("UPPER.EXAMPLE")),
            ("//proto.example/x", Some("proto.example")),
            ("\\\\proto.example/x", Some("proto.example")),
            ("file://fileserver/share", Some("fileserver")),
            ("file:///etc/passwd", None),
            ("file:/etc/passwd", None),
            ("ssh://git@git.example:22/repo", Some("git.example")),
            ("foo:/single", None),
            ("mailto:a@b.example", None),
            ("javascript:alert(1)", None),
            ("data:text/html,<b>", None),
            ("https://", None),
            ("https://:80/", None),
            ("https://user@:80/", None),
            ("relative/path", None),
            ("", None),
            ("https://例え.テスト/パス", Some("例え.テスト")),
            ("https://ｅｘａｍｐｌｅ.com/", Some("ｅｘａｍｐｌｅ.com")),
        ];
        for &(href, expected) in cases {
            assert_eq!(raw_host(href), expected, "{href:?}");
        }
    }

    #[test]
    fn parse_ip_host_accepts_raw_hosts_directly() {
        let cases: &[(&str, Option<(&str, bool)>)] = &[
            ("3232235777", Some(("192.168.1.1", true))),
            ("0xC0.0xA8.1.1", Some(("192.168.1.1", true))),
            ("192.168.1.1", Some(("192.168.1.1", false))),
            ("[::1]", Some(("::1", false))),
            ("::1", None), // IPv6 needs brackets in a URL
            ("example.com", None),
            ("", None),
            ("\t\n", None),
            ("1.2.3.4:80", None),
        ];
        for &(raw, expected) in cases {
            let got = parse_ip_host(raw).map(|h| (h.ip.to_string(), h.obscured));
            assert_eq!(got.as_ref().map(|(ip, o)| (ip.as_str(), *o)), expected, "{raw:?}");
        }
    }

    #[test]
    fn classifies_address_ranges() {
        let cases: &[(&str, IpKind)] = &[
            ("127.0.0.1", Loopback),
            ("127.255.255.254", Loopback),
            ("10.0.0.0", Private),
            ("10.255.255.255", Private),
            ("172.16.0.0", Private),
            ("172.15.255.255", Public),
            ("192.168.0.0", Private),
            ("192.169.0.1", Public),
            ("100.64.0.0", Private),
            ("100.63.255.255", Public),
            ("169.254.0.1", LinkLocal),
            ("169.255.0.1", Public),
            ("0.0.0.0", Special),
            ("0.1.2.3", Special),
            ("255.255.255.255", Special),
            ("192.0.0.8", Special),
            ("192.0.2.1", Special),
            ("198.18.0.1", Special),
            ("198.19.255.255", Special),
            ("198.20.0.1", Public),
            ("239.255.255.250", Special),
            ("250.1.2.3", Special),
            ("1.1.1.1", Public),
            ("223.255.255.255", Public),
            ("::1", Loopback),
            ("::", Special),
            ("::127.0.0.1", Special),
            ("::ffff:127.0.0.1", Loopback),
            ("::ffff:10.1.2.3", Private),
            ("::ffff:169.254.1.1", LinkLocal),
            ("::ffff:1.1.1.1", Public),
            ("fc00::1", Private),
            ("fdff:ffff::1", Private),
            ("fec0::1", Private),
            ("fe80::abcd", LinkLocal),
            ("febf::1", LinkLocal),
            ("ff05::2", Special),
            ("2001:db8:85a3::8a2e:370:7334", Special),
            ("3fff:0fff::1", Special),
            ("100::1", Special),
            ("2001:4860:4860::8888", Public),
            ("2002:c0a8:101::1", Public),
        ];
        for &(ip, kind) in cases {
            let addr: IpAddr = ip.parse().unwrap_or_else(|e| panic!("{ip}: {e}"));
            assert_eq!(classify(addr), kind, "{ip}");
        }
    }
}
