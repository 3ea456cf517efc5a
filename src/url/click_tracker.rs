//! Mail services' click trackers: is a link's target a click tracker, and how sure is that?
//!
//! Newsletters send every link through their mail service's click tracker, while the link's text
//! names the site it leads to ("readsail.com", "x.com/…", "Bookshop.org"). The tracker redirects
//! to that site, but which site can't be known offline, so the engine calls such a link
//! `tracking-redirect` (caution) instead of `text-mismatch` (danger): see `tracking_redirect` in
//! `analyze.rs`, the one place that decides the level. This module only answers whether the
//! target is a tracker, with the evidence, from the surest:
//!
//! 1. [`Evidence::Catalog`]: the host catalog lists the host as a tracker (`ct.sendgrid.net`,
//!    `klclick.com`, `createsend.com`: `data/hosts_extra.tsv`).
//! 2. [`Evidence::ServicePattern`]: the path and query are one mail service's own link pattern
//!    ([`SERVICE_PATTERNS`]: `/ls/click?upn=…` is SendGrid, `/e3t/Ctc/…` HubSpot,
//!    `/r/<8 hex>?m=<uuid>` Ghost), on any host: services track through their customers' own
//!    domains (`email.example-news.com/ls/click?upn=…`, `www.example-news.com/r/3a47…?m=…`).
//! 3. [`Evidence::Shape`]: the general shape of a click tracker, for services and in-house
//!    trackers nobody listed (`ummail4.example.com/Click?q=41-qqz1IEKJmG…`): an opaque token (a
//!    UUID, or a long random-looking base64 or hex string) in the path or the query, where mail
//!    services put one, behind a host label they name tracking hosts with (`click.`, `links.`,
//!    `email.`, `t.`, `trk.`, `e.`…) or a path word for a click or a redirect in front (`/c/`,
//!    `/r/`, `/click/`, `/redirect/`); and the last path segment is not a file (`index.php`,
//!    `login.html`), as a phishing page's often is.
//!
//! What tells a tracker from a phishing page's path that merely holds a random segment
//! (`https://x.top/a8F3kq/login`) is all of that together: a token long and random enough (16
//! characters or more, mixing digits and letters or both cases, or a UUID), in a tracker's place.
//! On the evaluation corpus's phishing URL lists, after unwrapping, the shape and the service
//! patterns call 19 of JPCERT/CC's 96,482 URLs (2019–2022, 0.02 %) and 36 of OpenPhish's 50,000
//! (2024, 0.07 %) trackers, nearly all of them real mail services' links that phishing mail was
//! sent through (SendGrid, Brevo, Mailgun, Customer.io, phpList), none of them danger. A URL list
//! has no link text, so none of their verdicts changes: a tracker only matters where a text names
//! another site.
//!
//! A host the catalog lists as something else (dynamic DNS, free hosting, a shortener, a
//! wrapper) is never a tracker here: mail services don't track through `workers.dev`, and those
//! hosts are judged as what they are. Neither is an IP address.

use crate::host::catalog::CatalogEntry;
use crate::url::view::UrlView;
use crate::verdict::HostCategory;

/// A click tracker, and how it was recognized.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClickTracker {
    /// The mail service, when the catalog or its link pattern names one ("SendGrid", "HubSpot").
    pub provider: Option<&'static str>,
    pub evidence: Evidence,
}

/// How sure the recognition is, from the least sure (`Shape < ServicePattern < Catalog`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Evidence {
    /// The general shape of a tracker link: a token where trackers put one (module docs).
    Shape,
    /// A mail service's own link pattern, on any host.
    ServicePattern,
    /// The host catalog lists the host as a click tracker.
    Catalog,
}

/// Whether `url` (the link's final target, after unwrapping) is a mail service's click tracker.
/// `registrable` is the host's registrable domain (none for an IP address: never a tracker),
/// `listed` what the host catalog says of the host.
pub fn recognize(url: &UrlView<'_>, registrable: Option<&str>, listed: Option<CatalogEntry<'_>>) -> Option<ClickTracker> {
    if let Some(entry) = listed {
        return (entry.category == HostCategory::Tracker)
            .then_some(ClickTracker { provider: Some(entry.provider), evidence: Evidence::Catalog });
    }
    if !matches!(url.scheme(), "http" | "https") {
        return None;
    }
    let host = url.host_str()?;
    let link = Link::new(host.strip_suffix('.').unwrap_or(host), registrable?, url.path(), url.query())?;
    // Only the patterns whose path can start as this one's are called: each pattern is a
    // function of its own, and calling all nineteen fetched ≈ 85 lines of code a call into the
    // instruction cache, half of them for patterns whose path start can't match.
    let first = link.first_path_byte();
    if let Some(pattern) = SERVICE_PATTERNS.iter().filter(|pattern| pattern.may_start(first)).find(|pattern| (pattern.matches)(&link)) {
        return Some(ClickTracker { provider: pattern.provider, evidence: Evidence::ServicePattern });
    }
    has_tracker_shape(&link).then_some(ClickTracker { provider: None, evidence: Evidence::Shape })
}

/// The parts of a link the rules read.
struct Link<'a> {
    /// The labels left of the registrable domain (`links2.newsletter` of
    /// `links2.newsletter.example.com`), empty when there are none.
    subdomain: &'a str,
    registrable: &'a str,
    path: &'a str,
    /// The query as written (empty when there is none).
    query: &'a str,
}

impl<'a> Link<'a> {
    fn new(host: &'a str, registrable: &'a str, path: &'a str, query: Option<&'a str>) -> Option<Link<'a>> {
        let subdomain = host.strip_suffix(registrable)?;
        let subdomain = match subdomain {
            "" => "",
            rest => rest.strip_suffix('.')?,
        };
        Some(Link { subdomain, registrable, path, query: query.unwrap_or("") })
    }

    /// The first byte of the first non-empty path segment, ASCII-lowercased (0 when there is
    /// none): the one byte [`ServicePattern::starts`] is read against.
    fn first_path_byte(&self) -> u8 {
        self.path.bytes().find(|&b| b != b'/').map_or(0, |b| b.to_ascii_lowercase())
    }

    /// The non-empty path segments.
    fn segments(&self) -> impl Iterator<Item = &'a str> {
        self.path.split('/').filter(|segment| !segment.is_empty())
    }

    /// The path's segments after `prefix` (which ends in `/`), if the path starts with it.
    fn after(&self, prefix: &str) -> Option<impl Iterator<Item = &'a str>> {
        let rest = self.path.get(..prefix.len()).filter(|head| head.eq_ignore_ascii_case(prefix)).map(|_| &self.path[prefix.len()..])?;
        Some(rest.split('/').filter(|segment| !segment.is_empty()))
    }

    /// The query's (name, raw value) pairs; a pair without `=` has an empty name and is all value.
    fn pairs(&self) -> impl Iterator<Item = (&'a str, &'a str)> {
        self.query.split('&').filter(|pair| !pair.is_empty()).map(|pair| pair.split_once('=').unwrap_or(("", pair)))
    }

    /// The raw value of the first query parameter named `name`.
    fn param(&self, name: &str) -> Option<&'a str> {
        self.pairs().find(|(key, _)| *key == name).map(|(_, value)| value)
    }
}

/// One mail service's link pattern.
struct ServicePattern {
    provider: Option<&'static str>,
    /// The bytes (lowercase) the first non-empty path segment of a link `matches` accepts can
    /// start with; empty when the pattern reads no fixed path start (tested:
    /// `a_pattern_matches_only_paths_its_starts_admit`).
    starts: &'static [u8],
    matches: fn(&Link<'_>) -> bool,
}

impl ServicePattern {
    fn may_start(&self, first: u8) -> bool {
        self.starts.is_empty() || self.starts.contains(&first)
    }
}

/// Mail services' own link patterns, recognized on any host (see the module docs). Each asks for
/// the service's token too, so a path that merely starts the same way is not enough.
const SERVICE_PATTERNS: &[ServicePattern] = &[
    ServicePattern { provider: Some("SendGrid"), starts: b"lw", matches: sendgrid },
    ServicePattern { provider: Some("HubSpot"), starts: b"e", matches: hubspot },
    ServicePattern { provider: Some("Mailchimp"), starts: b"t", matches: mailchimp },
    ServicePattern { provider: Some("Brevo (Sendinblue)"), starts: b"tm", matches: brevo },
    ServicePattern { provider: Some("Mailgun"), starts: b"c", matches: mailgun },
    ServicePattern { provider: Some("Substack"), starts: b"r", matches: substack },
    ServicePattern { provider: Some("Ghost"), starts: b"r", matches: ghost },
    ServicePattern { provider: Some("Campaign Monitor"), starts: b"t", matches: campaign_monitor },
    ServicePattern { provider: Some("Sailthru"), starts: b"c", matches: sailthru },
    ServicePattern { provider: Some("Customer.io"), starts: b"e", matches: customer_io },
    ServicePattern { provider: Some("beehiiv"), starts: b"vs", matches: beehiiv },
    ServicePattern { provider: Some("Klaviyo"), starts: b"l", matches: klaviyo },
    ServicePattern { provider: Some("SparkPost"), starts: b"f", matches: sparkpost },
    ServicePattern { provider: Some("Salesforce Marketing Cloud"), starts: b"\0", matches: salesforce_marketing_cloud },
    ServicePattern { provider: Some("Adobe Campaign"), starts: b"r", matches: adobe_campaign },
    ServicePattern { provider: Some("Mailjet"), starts: b"l", matches: mailjet },
    ServicePattern { provider: Some("Inxmail"), starts: b"d", matches: inxmail },
    ServicePattern { provider: Some("phpList"), starts: b"", matches: phplist },
    ServicePattern { provider: None, starts: b"c", matches: click_q },
];

/// `/ls/click?upn=<token>` (`/wf/click` for web links): SendGrid, and the services that send
/// through it (Braze, Klaviyo's older links), on `url1234.<customer>` hosts too.
fn sendgrid(link: &Link<'_>) -> bool {
    matches!(link.path, "/ls/click" | "/wf/click") && link.param("upn").is_some_and(|upn| is_opaque_token(upn, 16))
}

/// `/e3t/Ctc/<route>/<token>…` (`e2t`, `e1t` in older mail): HubSpot, on `*.hubspotlinks.com`
/// and on its customers' own domains.
fn hubspot(link: &Link<'_>) -> bool {
    ["/e3t/", "/e2t/", "/e1t/"].iter().any(|prefix| {
        link.after(prefix).is_some_and(|mut rest| rest.any(|segment| is_opaque_token(segment, 12)))
    })
}

/// `/track/click?u=<hex>&id=<hex>`: Mailchimp.
fn mailchimp(link: &Link<'_>) -> bool {
    let hex = |value: Option<&str>| value.is_some_and(|v| v.len() >= 8 && v.bytes().all(|b| b.is_ascii_hexdigit()));
    link.path == "/track/click" && hex(link.param("u")) && hex(link.param("id"))
}

/// `/tr/cl/<token>` and `/mk/cl/f/<token>`: Brevo (Sendinblue), on `r.<customer>` hosts too.
fn brevo(link: &Link<'_>) -> bool {
    ["/tr/cl/", "/mk/cl/f/"]
        .iter()
        .any(|prefix| link.after(prefix).is_some_and(|mut rest| rest.any(|segment| is_opaque_token(segment, 16))))
}

/// `/c/eJ<token>`: Mailgun (the token is zlib-compressed data in base64, which starts `eJ`),
/// on `email.<customer>` hosts.
fn mailgun(link: &Link<'_>) -> bool {
    link.after("/c/").is_some_and(|mut rest| rest.next().is_some_and(|token| token.starts_with("eJ") && is_opaque_token(token, 24)))
}

/// `substack.com/redirect/<uuid>?j=…` and `substack.com/redirect/2/<token>`: Substack's click
/// tracking, on Substack's own domains (on any other host the path means nothing).
fn substack(link: &Link<'_>) -> bool {
    matches!(link.registrable, "substack.com" | "sbstck.com")
        && link.after("/redirect/").is_some_and(|mut rest| match rest.next() {
            Some("2") => rest.next().is_some_and(|token| is_opaque_token(token, 16)),
            Some(id) => is_uuid(id),
            None => false,
        })
}

/// `/r/<8 hex>?m=<uuid>`: Ghost's member link tracking, on the publication's own domain.
fn ghost(link: &Link<'_>) -> bool {
    let eight_hex = |s: &str| s.len() == 8 && s.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'));
    link.after("/r/").is_some_and(|mut rest| rest.next().is_some_and(eight_hex) && rest.next().is_none())
        && link.param("m").is_some_and(is_uuid)
}

/// `/t/y-l-abcdef-ghijkl-r/`: Campaign Monitor (`*.createsend1.com`, `*.cmail20.com` and its
/// customers' domains). Its ids are letters, five dash-separated parts, the first two one letter.
fn campaign_monitor(link: &Link<'_>) -> bool {
    link.after("/t/").is_some_and(|mut rest| {
        let Some(id) = rest.next() else { return false };
        let parts: Vec<&str> = id.split('-').collect();
        rest.next().is_none()
            && parts.len() == 5
            && parts[..2].iter().all(|part| part.len() == 1)
            && parts.iter().all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_lowercase()))
    })
}

/// `/click/<n>.<n>/<base64>/<signature>` (and `/click/<hex id>/<base64>/…`): Sailthru, on
/// `link.<customer>` hosts. The base64 is the destination, but only Sailthru's signature makes
/// the host go there: it is not decoded as if it were the target.
fn sailthru(link: &Link<'_>) -> bool {
    let mut segments = link.segments();
    let id = |s: &str| {
        s.split_once('.').is_some_and(|(a, b)| !a.is_empty() && !b.is_empty() && (a.bytes().chain(b.bytes())).all(|c| c.is_ascii_digit()))
            || (s.len() >= 16 && s.bytes().all(|b| b.is_ascii_hexdigit()))
    };
    segments.next().is_some_and(|s| s == "click")
        && segments.next().is_some_and(id)
        && segments.next().is_some_and(|token| is_opaque_token(token, 16))
}

/// `/e/c/<token>`: Customer.io.
fn customer_io(link: &Link<'_>) -> bool {
    link.after("/e/c/").is_some_and(|mut rest| rest.next().is_some_and(|token| is_opaque_token(token, 16)))
}

/// `/v1/c/<token>` and `/ss/c/<token>`: beehiiv (`link.mail.beehiiv.com`, custom domains).
fn beehiiv(link: &Link<'_>) -> bool {
    ["/v1/c/", "/ss/c/"]
        .iter()
        .any(|prefix| link.after(prefix).is_some_and(|mut rest| rest.next().is_some_and(|token| is_opaque_token(token, 16))))
}

/// `/l/<ULID>_<n>`: Klaviyo (`ctrk.klclick.com` and branded tracking domains). A ULID is 26
/// characters of Crockford's base32.
fn klaviyo(link: &Link<'_>) -> bool {
    let ulid = |s: &str| {
        let id = s.split_once('_').map_or(s, |(id, _)| id);
        id.len() == 26 && id.bytes().all(|b| b.is_ascii_digit() || (b.is_ascii_uppercase() && !matches!(b, b'I' | b'L' | b'O' | b'U')))
    };
    link.after("/l/").is_some_and(|mut rest| rest.next().is_some_and(ulid) && rest.next().is_none())
}

/// `/f/a/<token>~~/<token>~/…`: SparkPost.
fn sparkpost(link: &Link<'_>) -> bool {
    link.after("/f/a/").is_some_and(|mut rest| rest.next().is_some_and(|token| token.ends_with("~~") && token.len() >= 12))
}

/// `click.<…>/?qs=<hex>`: Salesforce Marketing Cloud (ExactTarget) on `click.e.<customer>` hosts.
fn salesforce_marketing_cloud(link: &Link<'_>) -> bool {
    matches!(link.path, "/" | "")
        && link.param("qs").is_some_and(|qs| qs.len() >= 32 && qs.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// `/r/?id=h<hex>,<hex>,<hex>`: Adobe Campaign (Neolane).
fn adobe_campaign(link: &Link<'_>) -> bool {
    matches!(link.path, "/r/" | "/r")
        && link.param("id").is_some_and(|id| {
            id.strip_prefix('h').is_some_and(|rest| rest.contains(',') && rest.bytes().all(|b| b.is_ascii_hexdigit() || b == b','))
        })
}

/// `/lnk/<token>/…`: Mailjet (`*.mjt.lu` and custom tracking domains).
fn mailjet(link: &Link<'_>) -> bool {
    link.after("/lnk/").is_some_and(|mut rest| rest.next().is_some_and(|token| is_opaque_token(token, 12)))
}

/// `/d?<token>&…`: Inxmail's redirect (`newsletter.<customer>/d?o0c3…`): the first query pair
/// is the token alone.
fn inxmail(link: &Link<'_>) -> bool {
    link.path == "/d" && link.pairs().next().is_some_and(|(name, value)| name.is_empty() && is_opaque_token(value, 32))
}

/// `…/lt.php?tid=<token>`: phpList's link tracking (fairmailing and self-hosted lists): the one
/// tracker whose last segment is a file.
fn phplist(link: &Link<'_>) -> bool {
    link.path.ends_with("/lt.php") && link.param("tid").is_some_and(|tid| is_opaque_token(tid, 16))
}

/// `/Click?q=<2 hex>-<token>`: the click tracking of early-2000s newsletters (CNET's
/// `clickthru.online.com`, United Media's comics mail), still the shape of in-house trackers.
fn click_q(link: &Link<'_>) -> bool {
    link.path.eq_ignore_ascii_case("/click")
        && link.param("q").is_some_and(|q| {
            q.split_once('-').is_some_and(|(n, token)| {
                n.len() == 2 && n.bytes().all(|b| b.is_ascii_hexdigit()) && token.len() >= 16 && is_token_text(token)
            })
        })
}

/// Host labels mail services name their tracking hosts with (a number after them is
/// allowed: `links2.`, `click3.`, `url1234.`).
const TRACKING_HOST_LABELS: &[&str] = &[
    "click", "clicks", "clickthru", "link", "links", "lnk", "email", "emails", "e", "em", "t", "tr", "trk",
    "track", "tracking", "ctrk", "r", "news", "newsletter", "newsletters", "url",
];

/// Path words in front of a tracker's token (in the first two segments).
const TRACKING_PATH_WORDS: &[&str] = &[
    "click", "clicks", "clickthrough", "clickthru", "track", "tracking", "trk", "redirect", "redir", "r", "c",
    "l", "ls", "t", "tr", "cl", "lnk", "link", "links", "ct", "e", "u",
];

/// Extensions of a last segment that is a page or a file, not a tracker's token.
const FILE_EXTENSIONS: &[&str] = &[
    "htm", "html", "shtml", "php", "asp", "aspx", "jsp", "cgi", "pl", "cfm", "do", "js", "css", "png", "jpg",
    "jpeg", "gif", "svg", "webp", "pdf", "zip", "exe", "txt", "xml", "json", "ico",
];

/// Query parameters that mark the landing page for analytics, appended to a destination rather
/// than a tracker's (`?utm_source=…`, `fbclid`, HubSpot's `_hsenc` on the customer's own pages).
fn is_analytics_param(name: &str) -> bool {
    name.starts_with("utm_") || matches!(name, "fbclid" | "gclid" | "msclkid" | "_hsenc" | "_hsmi" | "mc_cid" | "mc_eid")
}

/// The shortest token the general shape takes: mail services' tokens are longer, and a phishing
/// redirector's short id (`/r/lwguzdEAppebCkfb`) is no service's.
const SHAPE_TOKEN_LEN: usize = 20;

/// The general shape of a tracker link (module docs, 3).
fn has_tracker_shape(link: &Link<'_>) -> bool {
    let segments: Vec<&str> = link.segments().collect();
    if segments.last().is_some_and(|last| is_file_name(last)) {
        return false;
    }
    let tracking_host = link.subdomain.split('.').any(|label| {
        let word = label.trim_end_matches(|c: char| c.is_ascii_digit());
        !word.is_empty() && TRACKING_HOST_LABELS.contains(&word)
    });
    let tracking_path = segments.iter().take(2).any(|segment| {
        TRACKING_PATH_WORDS.iter().any(|word| word.eq_ignore_ascii_case(segment))
    });
    if !tracking_host && !tracking_path {
        return false;
    }
    segments.iter().any(|segment| is_opaque_token(segment, SHAPE_TOKEN_LEN))
        || link.pairs().any(|(name, value)| !is_analytics_param(name) && is_opaque_token(value, SHAPE_TOKEN_LEN))
}

/// `login.html`, `index.php`: a last segment with a page's or a file's extension.
fn is_file_name(segment: &str) -> bool {
    segment
        .rsplit_once('.')
        .is_some_and(|(stem, extension)| !stem.is_empty() && FILE_EXTENSIONS.iter().any(|e| e.eq_ignore_ascii_case(extension)))
}

/// `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx` in hex digits.
fn is_uuid(s: &str) -> bool {
    s.len() == 36
        && s.bytes().enumerate().all(|(i, b)| if matches!(i, 8 | 13 | 18 | 23) { b == b'-' } else { b.is_ascii_hexdigit() })
}

/// Only the characters of base64 (either alphabet), hex, and what trackers put between them or
/// percent-encode into them.
fn is_token_text(s: &str) -> bool {
    s.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'=' | b'.' | b'~' | b'+' | b'%' | b','))
}

/// A token a machine made, not words or a number a person reads: a UUID; or at least `min_len`
/// characters of [`is_token_text`] that are hex with digits and letters, or switch between digits
/// and letters often, or mix both cases often with few vowels (random base64: about one letter in
/// five is a vowel; words written `CamelCase` have two in five). Percent-escapes (`%2F`) are
/// separators, not characters. Words with a number at the end, hyphenated slugs and dates are no
/// tokens (`things-i-have-in-156553230`, `Weekly-Digest-2026`, `login-callback-2Fjp2F2`): a part
/// between separators that is a lowercase word of four letters or more is a slug's.
fn is_opaque_token(s: &str, min_len: usize) -> bool {
    if is_uuid(s) {
        return true;
    }
    if s.len() < min_len || !is_token_text(s) {
        return false;
    }
    let lowercase_word = |part: &str| part.len() >= 4 && part.bytes().all(|b| b.is_ascii_lowercase());
    if s.split(['-', '_', '.', '~', '+', ',', '=']).any(lowercase_word) {
        return false;
    }
    #[derive(PartialEq, Clone, Copy)]
    enum Class {
        Digit,
        Upper,
        Lower,
    }
    let (mut digits, mut upper, mut lower, mut vowels) = (0usize, 0usize, 0usize, 0usize);
    // Switches between a digit and a letter, and between the two cases of letters.
    let (mut digit_letter, mut case) = (0usize, 0usize);
    let mut last = None;
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        i += 1;
        if b == b'%' && bytes.get(i..i + 2).is_some_and(|hex| hex.iter().all(u8::is_ascii_hexdigit)) {
            i += 2;
            last = None;
            continue;
        }
        let class = match b {
            b'0'..=b'9' => Class::Digit,
            b'A'..=b'Z' => Class::Upper,
            b'a'..=b'z' => Class::Lower,
            _ => continue,
        };
        match class {
            Class::Digit => digits += 1,
            Class::Upper => upper += 1,
            Class::Lower => lower += 1,
        }
        vowels += usize::from(matches!(b.to_ascii_lowercase(), b'a' | b'e' | b'i' | b'o' | b'u'));
        match (last, class) {
            (Some(Class::Digit), Class::Upper | Class::Lower) | (Some(Class::Upper | Class::Lower), Class::Digit) => {
                digit_letter += 1
            }
            (Some(Class::Upper), Class::Lower) | (Some(Class::Lower), Class::Upper) => case += 1,
            _ => {}
        }
        last = Some(class);
    }
    let letters = upper + lower;
    let alphanumeric = digits + letters;
    let hex = s.bytes().all(|b| b.is_ascii_hexdigit());
    (hex && digits >= 3 && letters >= 3)
        || (digits >= 2 && letters >= 4 && digit_letter >= 4 && digit_letter * 8 >= alphanumeric)
        || (upper >= 3 && lower >= 3 && case * 4 >= letters && vowels * 3 <= letters)
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use crate::host::catalog::Catalog;
    use crate::host::domain::Domains;
    use url::Url;

    fn recognize_str(href: &str) -> Option<ClickTracker> {
        let url = Url::parse(href).unwrap_or_else(|e| panic!("{href}: {e}"));
        let host = url.host_str().unwrap_or_default();
        let registrable = Domains::embedded().registrable_str(host);
        recognize(&UrlView::of(&url), registrable, Catalog::embedded().lookup(host))
    }

    use Evidence::{Catalog as Listed, ServicePattern as Pattern, Shape};

    /// Invented links in each service's shape: (href, evidence, provider).
    const TRACKERS: &[(&str, Evidence, Option<&str>)] = &[
        // Listed hosts.
        ("https://u4821907.ct.sendgrid.net/ls/click?upn=u001.Vq3kP9x-2BzR7mLw", Listed, Some("SendGrid")),
        ("https://ctrk.klclick.com/l/01JX7Q4M2ZK9B3T8VWCPR5D6NA_14", Listed, Some("Klaviyo")),
        ("https://example-news.createsend1.com/t/d-l-qrstuv-wxyzab-y/", Listed, Some("Campaign Monitor")),
        ("https://link.mail.beehiiv.com/v1/c/Qm9vbGVhbkZpZWxkcz0xJmlkPTQy%0AbGlua3M/h38/abc", Listed, Some("beehiiv")),
        ("https://tr-eu.apsis.one/e/kT3vRb9QxWm2Lp0Zc7YhNg/Zq81bWn4", Listed, Some("APSIS")),
        // Service patterns on customers' own domains.
        ("https://email.dailybrief.example/ls/click?upn=u001.Ab3dE5fG7hI9jK1lM3nO5pQ-2B7rS9tU", Pattern, Some("SendGrid")),
        ("http://url5521.shop.example.co.uk/wf/click?upn=Zx9yW8vU7tS6rQ5pO4nM3lK2jI1hG0f", Pattern, Some("SendGrid")),
        ("https://d3Kq904.na1.hs-example.net/e3t/Ctc/GR+113/d3Kq904/VWc2Lt7xR4pNW8fT3mYq5ZsN/5Hj9Wq2Lp3", Pattern, Some("HubSpot")),
        ("https://www.example-software.com/e3t/Btc/OP+113/c4Fd104/VVwR2L1hJ8kW3xZ9YqT7bMnP", Pattern, Some("HubSpot")),
        ("https://news.example-shop.de/track/click?u=4f9c2e8a1b7d3f6e0a5c9b2d1&id=7e3a9c1f5b&e=2d8f4a6c1e", Pattern, Some("Mailchimp")),
        ("https://r.newsletter.example-shop.de/tr/cl/Kq8vN3xR-pT2wLm9ZcYb7H1fGd5sJ0uAe4iO6", Pattern, Some("Brevo (Sendinblue)")),
        ("https://r.mail.example-news.fr/mk/cl/f/sh/7nVU1aA2nfsXq9Rt/mP1yH953Oq", Pattern, Some("Brevo (Sendinblue)")),
        ("https://email.mg.example-letters.com/c/eJxUkE1uwzAIhU9TdpmH3TjJwotucg0LB5x4imNkkya3r5JpvxzQe3w-BHQmiUsIxvxd", Pattern, Some("Mailgun")),
        ("https://email.mg2.substack.com/c/eJxUkE1uwzAIhU9TdpmH3TjJwotucg0LB5x4imNkkya3r5JpvxzQe3w-BHQm", Listed, Some("Substack")),
        ("https://email.notify.example-club.com/c/eJwUzDtuwzAMBtDTQJsF8-MB_RpfI0V0hs3rtAHxqfNB", Pattern, Some("Mailgun")),
        ("https://substack.com/redirect/3f5b2c1a-9d8e-4f7a-b6c5-0e1d2a3b4c5d?j=eyJ1IjoiMmFiY2QifQ.Xy9_z", Pattern, Some("Substack")),
        ("https://substack.com/redirect/2/eyJlIjoiaHR0cHM6Ly9leGFtcGxlLmNvbS8iLCJwIjoxfQ.QmFzZTY0", Pattern, Some("Substack")),
        ("https://www.example-media.co/r/7c1e9a04?m=5e2d8b3f-1a4c-4e6b-9f0d-3c7a1b5e8d2f", Pattern, Some("Ghost")),
        ("https://email.example-review.com/t/y-l-qmztkw-ovjrhlayt-k/", Pattern, Some("Campaign Monitor")),
        ("https://link.example-magazine.com/click/41827365.72910/aHR0cHM6Ly93d3cuZXhhbXBsZS5jb20vP3g9MQ/9f3c2a1b7e5d4c6a8b0e2f1d", Pattern, Some("Sailthru")),
        ("https://link.example-review.org/click/65f3a2b19c8d7e6f5a4b3c2d/aHR0cHM6Ly9leGFtcGxlLm9yZy8/7a6b5c4d3e2f1a0b", Pattern, Some("Sailthru")),
        ("https://track.example-app.io/e/c/eyJlbWFpbF9pZCI6IlJrOXZZbUZ5In0=/QmFzZTY0VG9rZW4xMjM0", Pattern, Some("Customer.io")),
        ("https://links.example-letter.com/ss/c/Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MA/4az/Qm9vb/h1/9xYz", Pattern, Some("beehiiv")),
        ("https://trk.example-books.org/l/01HV3K8Z9QW2R4T6Y8B0N2M4P6_3", Pattern, Some("Klaviyo")),
        ("https://go.example-events.com/f/a/Xq3vR9LmW2pZ0cN5tY7bHg~~/AAQRxQA~/RgRm3yQ1P0R", Pattern, Some("SparkPost")),
        ("https://click.e.example-airline.com/?qs=8f3a2c1e9b7d5f4a6c8e0b2d4f6a8c0e1b3d5f7a9c", Pattern, Some("Salesforce Marketing Cloud")),
        ("https://t.news.example-bank.fr/r/?id=h1a2b3c4d,5e6f7a8b,9c0d1e2f", Pattern, Some("Adobe Campaign")),
        ("https://x7k2p.mjt.example-mail.com/lnk/AUsAAD9kR3sAAcq8Zt0AAAAB/2/Qm9vb", Pattern, Some("Mailjet")),
        ("https://newsletter.example-verlag.de/d?o0k7q2zz4x9m1r0d0000lgq00000000c5dbh3g052lov&utm_source=newsletter", Pattern, Some("Inxmail")),
        ("https://verein.example-mailing.net/lists/lt.php?tid=cR8CUwYAVQ2SAUkBDA5SHQVaVgxPW7YD", Pattern, Some("phpList")),
        ("http://clickthru.example-news.com/Click?q=4e-Zx81IqPmR2wLv9Kt3NbY7hD0fJsR", Pattern, None),
        ("http://ummail7.example-comics.com:80/Click?q=b1-Qw3eR5tY7uI9oP1aS3dF5gH7jK9lRR", Pattern, None),
        // The general shape: a token behind a tracking host label or a click path word.
        ("https://links2.newsletter.example-journal.com/s/c/IyzYdZes7oBGBVO8ZxIcGUS_GA7izMbb/Pz42s2BQB75E/20", Shape, None),
        ("https://click.example-store.com/c/Qx7vT2pL9mW4rZ8nB3kY6hJ1?l=hero", Shape, None),
        ("https://e.example-outdoors.com/a8Kq3Zr7TmP2xW9nLb4Y", Shape, None),
        ("https://www.example-deals.com/redirect/5e2d8b3f-1a4c-4e6b-9f0d-3c7a1b5e8d2f", Shape, None),
        ("https://www.example-grocer.ie/mm/click/23317062/uBn6_sdjVJ8Dmr08mYuLuACBQH4A/", Shape, None),
        ("https://mail.example-platform.com/emails/click/b3JkZXJfNzg5MTIz_aGVsbG8xMjM0", Shape, None),
    ];

    #[test]
    fn recognizes_each_services_shape() {
        let wrong: Vec<_> = TRACKERS
            .iter()
            .filter(|&&(href, evidence, provider)| recognize_str(href) != Some(ClickTracker { provider, evidence }))
            .map(|&(href, ..)| (href, recognize_str(href)))
            .collect();
        assert!(wrong.is_empty(), "{wrong:#?}");
    }

    /// Links that are not trackers, many of them phishing pages' shapes.
    const NOT_TRACKERS: &[&str] = &[
        // A random segment on a page's path: no tracker's place for it.
        "https://x.top/a8F3kq/login",
        "https://x.top/a8F3kq9ZpQ2mL7xW4nBv/login",
        "https://secure-account.example.top/a8F3kq9ZpQ2mL7xW4nBv/",
        "https://s23-coinwallet.example/726f647269676f2d662d7040686f746d61696c2e636f6d",
        "http://bonus.example.sa.com/4tbgMn7718YRkdF664wffI0jHe0odtI0ghHH4",
        "https://shop-brand-hope.example/r/login-callback-2Fjp2F2",
        "https://redirector.example/r/lwguzdEAppebCkfb",
        // A tracker's place, but the last segment is a page.
        "https://click.example-verify.com/c/Qx7vT2pL9mW4rZ8nB3kY6hJ1/index.php",
        "https://email.example-login.com/r/a8Kq3Zr7TmP2xW9nLb4Y/signin.html",
        "http://www.example-mail.biz/080E181D0117321F1D1C19170B5C1D00150E4443.aspx",
        // A tracker's place, but no token: words, short ids, slugs.
        "https://click.example-store.com/c/spring-sale",
        "https://links.example-news.com/things-i-have-in-156553230",
        "https://t.example-shop.com/r/12345",
        "https://www.example-paper.com/click/TopStoriesOfTheWeek",
        "https://email.example-news.com/t/Weekly-Digest-2026",
        // Analytics parameters mark a landing page, not a tracker.
        "https://news.example-shop.com/spring?utm_source=newsletter&utm_content=Qx7vT2pL9mW4rZ8nB3kY",
        "https://t.example-social.com/post?fbclid=IwAR3xYz9Kq2Lm8Vb7Nc6Xd5Ze4Wf3Vg2Uh1Ti0",
        // A service's path without its token.
        "https://www.example.com/ls/click?upn=short",
        "https://www.example.com/r/7c1e9a04?m=not-a-uuid",
        "https://www.example.com/t/weekly-news-from-the-team-today/",
        "https://www.example.com/Click?q=hello-world",
        // Hosts the catalog files as something else, and IP addresses.
        "https://click.example.workers.dev/c/Qx7vT2pL9mW4rZ8nB3kY6hJ1",
        "https://bit.ly/3xYzAbCdEfGhIjKl",
        "http://203.0.113.7/ls/click?upn=u001.Ab3dE5fG7hI9jK1lM3nO5pQ",
        // Not a web link.
        "ftp://click.example.com/c/Qx7vT2pL9mW4rZ8nB3kY6hJ1",
    ];

    #[test]
    fn phishing_shapes_are_not_trackers() {
        let wrong: Vec<_> =
            NOT_TRACKERS.iter().filter_map(|href| recognize_str(href).map(|tracker| (href, tracker))).collect();
        assert!(wrong.is_empty(), "{wrong:#?}");
    }

    #[test]
    fn evidence_is_ordered_by_certainty() {
        assert!(Shape < Pattern && Pattern < Listed);
    }

    #[test]
    fn opaque_tokens() {
        let tokens = [
            "3f5b2c1a-9d8e-4f7a-b6c5-0e1d2a3b4c5d",
            "qqz1IEKJmGqbLLfU5MfcDpoJKdRR",
            "7e3a9c1f5b2d4e6f",
            "01JX7Q4M2ZK9B3T8VWCPR5D6NA",
            "aHR0cHM6Ly9leGFtcGxlLmNvbS8",
            "o0k7q2zz4x9m1r0d0000lgq00000000c5dbh3g052lov",
            "u001.Ab3dE5fG7hI9jK1lM3nO5pQ-2B7rS9tU",
        ];
        for token in tokens {
            assert!(is_opaque_token(token, 16), "{token}");
        }
        let words = [
            "things-i-have-in-156553230",
            "TopStoriesOfTheWeek",
            "spring-sale-2026-womens",
            "12345678901234567890",
            "abcdefabcdefabcdef",
            "a8F3kq",
            "hello%20world%20again%20and",
            "user@example.com-1234567890ab",
            "Weekly-Digest-2026",
            "login-callback-2Fjp2F2",
            "spring2026-sale-womens",
        ];
        for word in words {
            assert!(!is_opaque_token(word, 16), "{word}");
        }
    }

    /// Links built from the patterns' own path words, tokens and queries, in either case and
    /// with doubled slashes, plus every tracker and non-tracker above: the inputs the gate on
    /// `starts` is tested on.
    fn gate_inputs() -> Vec<(String, String, String)> {
        const WORDS: &[&str] = &[
            "", "ls", "wf", "click", "Click", "CLICK", "e3t", "E2T", "e1t", "Ctc", "track", "tr", "cl", "mk", "f",
            "c", "C", "redirect", "2", "r", "R", "t", "e", "v1", "ss", "l", "a", "lnk", "d", "D", "lt.php", "lists",
            "x", "login", "index.php", "eJxUkE1uwzAIhU9TdpmH3TjJwotucg0LB5x4", "7c1e9a04", "y-l-qmztkw-ovjrhlayt-k",
            "41827365.72910", "aHR0cHM6Ly93d3cuZXhhbXBsZS5jb20vP3g9MQ", "01HV3K8Z9QW2R4T6Y8B0N2M4P6_3",
            "Xq3vR9LmW2pZ0cN5tY7bHg~~", "AUsAAD9kR3sAAcq8Zt0AAAAB", "Kq8vN3xR-pT2wLm9ZcYb7H1fGd5sJ0uAe4iO6",
            "3f5b2c1a-9d8e-4f7a-b6c5-0e1d2a3b4c5d",
        ];
        const QUERIES: &[&str] = &[
            "", "upn=u001.Vq3kP9x-2BzR7mLw12", "u=4f9c2e8a1b7d&id=7e3a9c1f5b", "m=5e2d8b3f-1a4c-4e6b-9f0d-3c7a1b5e8d2f",
            "qs=8f3a2c1e9b7d5f4a6c8e0b2d4f6a8c0e1b3d5f7a9c", "id=h1a2b3c4d,5e6f7a8b", "tid=cR8CUwYAVQ2SAUkBDA5SHQVaVgxPW7YD",
            "o0k7q2zz4x9m1r0d0000lgq00000000c5dbh3g052lov", "q=4e-Zx81IqPmR2wLv9Kt3NbY7hD0fJsR", "j=1",
        ];
        let mut inputs = Vec::new();
        let mut rng = crate::test_rng::XorShift::new(0x9e37_79b9_7f4a_7c15);
        let mut next = |n: usize| rng.below(n);
        for _ in 0..50_000 {
            let mut path = String::from(if next(8) == 0 { "//" } else { "/" });
            for i in 0..next(5) {
                if i > 0 {
                    path.push('/');
                }
                path.push_str(WORDS[next(WORDS.len())]);
            }
            let host = ["click.example.com", "www.example.com", "substack.com", "example.com"][next(4)];
            inputs.push((host.to_string(), path, QUERIES[next(QUERIES.len())].to_string()));
        }
        for href in TRACKERS.iter().map(|t| t.0).chain(NOT_TRACKERS.iter().copied()) {
            let url = Url::parse(href).unwrap();
            inputs.push((url.host_str().unwrap_or("").to_string(), url.path().to_string(), url.query().unwrap_or("").to_string()));
        }
        inputs
    }

    #[test]
    fn a_pattern_matches_only_paths_its_starts_admit() {
        let mut matched = 0;
        for (host, path, query) in gate_inputs() {
            let Some(link) = Link::new(&host, "example.com", &path, Some(&query))
                .or_else(|| Link::new(&host, &host, &path, Some(&query)))
            else {
                continue;
            };
            for pattern in SERVICE_PATTERNS {
                if (pattern.matches)(&link) {
                    matched += 1;
                    assert!(pattern.may_start(link.first_path_byte()), "{:?} {host}{path}?{query}", pattern.provider);
                }
            }
        }
        // The inputs reach the patterns, not only their gates.
        assert!(matched > 1_000, "{matched}");
    }

    #[test]
    fn the_gated_patterns_answer_as_all_of_them_in_order() {
        for (host, path, query) in gate_inputs() {
            let Some(link) = Link::new(&host, "example.com", &path, Some(&query))
                .or_else(|| Link::new(&host, &host, &path, Some(&query)))
            else {
                continue;
            };
            let all = SERVICE_PATTERNS.iter().find(|pattern| (pattern.matches)(&link)).map(|p| p.provider);
            let first = link.first_path_byte();
            let gated = SERVICE_PATTERNS.iter().filter(|p| p.may_start(first)).find(|p| (p.matches)(&link)).map(|p| p.provider);
            assert_eq!(gated, all, "{host}{path}?{query}");
        }
    }
}
