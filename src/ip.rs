//! IP-literal hosts, including obscured IPv4 (decimal, hex, octal, short forms) and IPv6.

use crate::verdict::IpKind;
use std::net::IpAddr;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IpHost {
    pub ip: IpAddr,
    pub kind: IpKind,
    /// Written in a form other than plain dotted-decimal (IPv4 only).
    pub obscured: bool,
}

/// The host part exactly as written in `href` (before WHATWG normalization), if any.
pub fn raw_host(href: &str) -> Option<&str> {
    let _ = href;
    None
}

/// Parses a host as written (e.g. `3232235777`, `0xC0.0xA8.1.1`, `[::1]`) into an IP.
pub fn parse_ip_host(raw_host: &str) -> Option<IpHost> {
    let _ = raw_host;
    None
}

pub fn classify(ip: IpAddr) -> IpKind {
    let _ = ip;
    IpKind::Public
}
