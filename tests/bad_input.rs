//! Hostile and broken input: every case ends in a well-formed verdict (or a clear mail error),
//! never a panic, a stack overflow or an unbounded verdict. The assertions are on the shape of
//! the answer, never on time.

use linkguard::url::unwrap::MAX_UNWRAP_DEPTH;
use linkguard::{Engine, Level, LinkInput, ReasonCode, Verdict};
use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use std::sync::OnceLock;

fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(Engine::new)
}

const MB: usize = 1 << 20;
/// The engine keeps 2,048 characters of a URL and 200 of a claim (plus an ellipsis).
const KEPT_URL_CHARS: usize = 2048 + 1;
const KEPT_CLAIM_CHARS: usize = 200 + 1;

/// What every verdict promises, whatever the input.
fn assert_well_formed(what: &str, v: &Verdict) {
    let highest = v.reasons.iter().map(|r| r.level).max().unwrap_or(Level::Safe);
    assert_eq!(v.level, highest, "{what}: level is the highest reason level");
    assert!(v.target.url.chars().count() <= KEPT_URL_CHARS, "{what}: target.url is cut");
    assert!(v.unwrap_chain.len() <= MAX_UNWRAP_DEPTH, "{what}: unwrap chain is bounded");
    for step in &v.unwrap_chain {
        assert!(step.from.chars().count() <= KEPT_URL_CHARS, "{what}: unwrap step is cut");
        assert!(step.to.chars().count() <= KEPT_URL_CHARS, "{what}: unwrap step is cut");
    }
    if let Some(shown) = &v.shown {
        assert!(shown.claim.chars().count() <= KEPT_CLAIM_CHARS, "{what}: shown.claim is cut");
        assert!(shown.host.is_ascii(), "{what}: shown.host is ASCII");
    }
    if let Some(host) = &v.target.host {
        assert!(host.is_ascii(), "{what}: target.host is ASCII, also when cut: {host:?}");
    }
    // The shape every UI reads: it serializes and reads back unchanged.
    let json = serde_json::to_string(v).unwrap_or_else(|e| panic!("{what}: serialize: {e}"));
    let back: Verdict = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{what}: read back: {e}"));
    assert_eq!(&back, v, "{what}: JSON round trip");
    // A verdict for a megabyte of input is still a small answer.
    assert!(json.len() < 64 * 1024, "{what}: verdict JSON is {} bytes", json.len());
}

fn analyze(what: &str, href: &str, text: &str) -> Verdict {
    let v = engine().analyze(&LinkInput::new(href, text));
    assert_well_formed(what, &v);
    v
}

/// Like `encodeURIComponent`: what a wrapper does to the URL it carries.
const COMPONENT: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'_').remove(b'.').remove(b'~');

fn pct(s: &str) -> String {
    utf8_percent_encode(s, COMPONENT).to_string()
}

// --- sizes ----------------------------------------------------------------------------------

#[test]
fn megabyte_href_is_judged_by_its_host() {
    let cases: [(&str, String, Option<&str>); 4] = [
        ("1 MB path", format!("https://example.com/{}", "a".repeat(MB)), Some("example.com")),
        ("1 MB query", format!("https://checkid.ddnsking.com/?q={}", "%41".repeat(MB / 3)), Some("checkid.ddnsking.com")),
        ("1 MB of Japanese", format!("https://example.co.jp/{}", "あ".repeat(MB / 3)), Some("example.co.jp")),
        ("1 MB fragment", format!("https://example.org/#{}", "#".repeat(MB)), Some("example.org")),
    ];
    for (what, href, registrable) in cases {
        let v = analyze(what, &href, "");
        assert_eq!(v.target.registrable_domain.as_deref(), registrable, "{what}");
    }
    let v = analyze("1 MB path on dynamic DNS", &format!("https://checkid.ddnsking.com/{}", "x".repeat(MB)), "");
    assert!(v.has(ReasonCode::DynamicDns), "the catalog still applies to a long href: {v:?}");
}

#[test]
fn megabyte_hosts_and_schemes_keep_the_verdict_small() {
    let hrefs = [
        ("1 MB of labels", format!("https://{}com/", "a.".repeat(MB / 2))),
        ("1 MB label", format!("https://{}.com/", "a".repeat(MB))),
        ("1 MB userinfo", format!("https://{}@example.com/", "u".repeat(MB))),
        ("1 MB of dots", format!("https://{}/", ".".repeat(MB))),
        ("1 MB IPv6-ish", format!("http://[{}]/", "1:".repeat(MB / 2))),
        ("1 MB digits", format!("http://{}/", "9".repeat(MB))),
        ("1 MB of spaces", " ".repeat(MB)),
        ("1 MB scheme", format!("{}://x", "a".repeat(MB))),
        // Found by the fuzzer: an opaque host of percent-encoded U+FFFD, cut to size.
        ("1 MB encoded host", format!("foo://172.246.4{}/", "%EF%BF%BD".repeat(MB / 9))),
        ("1 MB encoded web host", format!("https://a{}.com/", "%C3%A9".repeat(MB / 6))),
    ];
    for (what, href) in &hrefs {
        analyze(what, href, "");
    }
}

#[test]
fn megabyte_texts_keep_the_verdict_small() {
    // The text side: a claim buried in a megabyte, a megabyte-long claim, full-width text.
    let texts = [
        ("claim after 1 MB", format!("{} https://www.paypal.com/", "x ".repeat(MB / 2))),
        ("1 MB claimed URL", format!("https://www.paypal.com/{}", "p".repeat(MB))),
        ("1 MB of dots in text", ".".repeat(MB)),
        ("1 MB full-width", "ｗｗｗ．ｅｘａｍｐｌｅ．ｃｏｍ ".repeat(MB / 40)),
        ("1 MB of Japanese", "詳細はこちら、".repeat(MB / 20)),
        // Ideographic full stops read as dots: every sentence could start a name. (1 MB of this
        // took minutes, quadratic in the text: fuzz/regressions/analyze/japanese-sentences-1mb.)
        ("16 KB of Japanese sentences", "詳細はこちら。".repeat(16 * 1024 / 20)),
    ];
    for (what, text) in &texts {
        analyze(what, "https://checkid.ddnsking.com/", text);
    }
    let v = analyze("1 MB claimed URL, again", "https://checkid.ddnsking.com/", &texts[1].1);
    assert!(v.has(ReasonCode::TextMismatch), "a long claim is still a claim: {v:?}");
}

// --- nesting --------------------------------------------------------------------------------

/// `depth` Google redirects around `target`, built iteratively. Each level escapes only what a
/// query value must (`%`, `&`, `#`, `+`, space): full percent-encoding at every level would
/// make the href grow quadratically (hundreds of MB at this depth).
fn google_nest(target: &str, depth: usize) -> String {
    let mut href = target.to_owned();
    for _ in 0..depth {
        let escaped = href
            .replace('%', "%25")
            .replace('&', "%26")
            .replace('#', "%23")
            .replace('+', "%2B")
            .replace(' ', "%20");
        href = format!("https://www.google.com/url?q={escaped}");
    }
    href
}

fn assert_stops_at_depth_limit(what: &str, v: &Verdict) {
    assert_eq!(v.unwrap_chain.len(), MAX_UNWRAP_DEPTH, "{what}: peeled up to the limit");
    let opaque = v.reasons.iter().any(|r| r.code == ReasonCode::Wrapped && r.details.opaque);
    assert!(opaque, "{what}: the rest is reported as opaque: {:?}", v.reasons);
    assert!(v.level >= Level::Caution, "{what}: an unfinished unwrap is not safe");
}

#[test]
fn ten_thousand_nested_google_redirects_stop_at_the_depth_limit() {
    let href = google_nest("https://checkid.ddnsking.com/login?a=1&b=2#top", 10_000);
    assert!(href.len() > 300_000, "the nest is really 10,000 deep");
    let v = analyze("10,000 Google redirects", &href, "https://www.google.com/");
    assert_stops_at_depth_limit("10,000 Google redirects", &v);
}

#[test]
fn deep_fully_percent_encoded_safelinks_nest_stops_at_the_depth_limit() {
    // Every level percent-encodes everything (as SafeLinks does): 300 levels are ~0.5 MB.
    let mut href = "https://checkid.ddnsking.com/".to_owned();
    for _ in 0..300 {
        href = format!("https://nam12.safelinks.protection.outlook.com/?url={}&data=05%7C02&reserved=0", pct(&href));
    }
    let v = analyze("300 SafeLinks", &href, "");
    assert_stops_at_depth_limit("300 SafeLinks", &v);
}

#[test]
fn nests_just_inside_the_limit_reach_the_target() {
    let href = google_nest("https://checkid.ddnsking.com/", MAX_UNWRAP_DEPTH);
    let v = analyze("nest at the limit", &href, "");
    assert_eq!(v.unwrap_chain.len(), MAX_UNWRAP_DEPTH);
    assert_eq!(v.target.registrable_domain.as_deref(), Some("checkid.ddnsking.com"));
    assert!(v.has(ReasonCode::DynamicDns), "{v:?}");
}

// --- broken encodings -----------------------------------------------------------------------

#[test]
fn invalid_percent_encoding_gives_a_verdict() {
    // (href, registrable domain the target must still have, if any)
    let cases: &[(&str, Option<&str>)] = &[
        ("https://example.com/%", Some("example.com")),
        ("https://example.com/%E0%A4%A", Some("example.com")),
        ("https://example.com/%ZZ%G0%%%", Some("example.com")),
        ("https://example.com/?q=%FF%FE%00", Some("example.com")),
        ("https://example.com/%C0%AF..%C0%AF", Some("example.com")),
        ("https://www.google.com/url?q=%E0%A4%A", None),
        ("https://www.google.com/url?q=%", None),
        ("https://www.google.com/url?q=https%3A%2F%2F%FF%FE.example", None),
        ("https://nam12.safelinks.protection.outlook.com/?url=%FF%FE%FD", None),
        ("https://nam12.safelinks.protection.outlook.com/?url=https%3A%2F%2Fex%00ample.com", None),
        ("https://urldefense.proofpoint.com/v2/url?u=https-3A__ex-ZZample.com&d=x", None),
        ("https://urldefense.proofpoint.com/v2/url?u=-&d=x", None),
        ("https://urldefense.com/v3/__https://example.com/*__;%%%!!x$", None),
        ("https://%ZZ.example/", None),
        ("https://exa%00mple.com/", None),
        ("https://%E0%A4%A.example/", None),
        ("https://xn--.example/", None),
        ("https://xn--zz-0000000.com/", None),
        ("http://0x1g.0.0.1/", None),
        ("http://1.2.3.4.5/", None),
        ("http://[::1/", None),
        ("http://999999999999999999999/", None),
        ("mailto:%FF@example.com", None),
        ("\u{0}\u{1}javascript:%", None),
    ];
    for &(href, registrable) in cases {
        let v = analyze(href, href, href);
        assert!(!v.target.url.is_empty() || v.has(ReasonCode::InvalidUrl), "{href}: {v:?}");
        if let Some(registrable) = registrable {
            assert_eq!(v.target.registrable_domain.as_deref(), Some(registrable), "{href}");
        }
    }
}

#[test]
fn control_and_replacement_characters_in_links() {
    // What lossy UTF-8 decoding of a broken page or mail leaves behind.
    let garbage: String = (0u32..0x300).filter_map(char::from_u32).collect();
    let cases = [
        format!("https://example.com/{garbage}"),
        "https://\u{FFFD}\u{FFFD}.example/".to_string(),
        "https://exam\u{200B}ple.com/".to_owned(),
        "https://example.com\u{202E}moc.elpmaxe/".to_owned(),
        garbage.clone(),
        "\u{FEFF}https://example.com/".to_owned(),
    ];
    for href in &cases {
        analyze(&href.escape_debug().to_string(), href, &garbage);
    }
}

// --- mail -----------------------------------------------------------------------------------

#[cfg(feature = "mail")]
mod mail {
    use super::*;
    use linkguard::mail::{read_messages, MailError, MAX_LINKS_PER_MESSAGE};

    /// A fixed-seed xorshift: the same garbage every run.
    fn garbage(len: usize, seed: u64) -> Vec<u8> {
        let mut x = seed;
        (0..len)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                x as u8
            })
            .collect()
    }

    /// Reads, analyzes every link like the CLI does, and returns what was read.
    fn read_all(what: &str, bytes: &[u8]) -> Vec<Result<linkguard::mail::ParsedMessage, MailError>> {
        let messages = read_messages(bytes);
        for m in messages.iter().flatten() {
            assert!(m.links.len() <= MAX_LINKS_PER_MESSAGE, "{what}: link cap");
            for (i, link) in m.links.iter().enumerate() {
                assert_well_formed(&format!("{what}: link {i}"), &engine().analyze(&link.input));
            }
        }
        messages
    }

    #[test]
    fn binary_garbage_is_an_error_not_a_panic() {
        let cases: Vec<(&str, Vec<u8>)> = vec![
            ("1 MB of random bytes", garbage(MB, 0x9E37_79B9_7F4A_7C15)),
            ("random bytes after an mbox separator", [b"From x\n".as_slice(), &garbage(64 * 1024, 7)].concat()),
            ("all 0xFF", vec![0xFF; 4096]),
            ("NUL bytes", vec![0; 4096]),
        ];
        for (what, bytes) in &cases {
            let messages = read_all(what, bytes);
            assert!(!messages.is_empty(), "{what}: one answer per message at least");
            for m in &messages {
                if let Err(e) = m {
                    // A clear error: it has words in both languages.
                    assert!(!e.to_string().is_empty(), "{what}");
                }
            }
        }
        assert_eq!(read_messages(b""), vec![Err(MailError::Empty)]);
        assert_eq!(read_messages(b" \r\n\t"), vec![Err(MailError::Empty)]);
    }

    #[test]
    fn invalid_utf8_in_a_message_still_yields_its_links() {
        let mut bytes = b"From: \xff\xfe <a@example.com>\r\nSubject: \x80\x81\xc3\x28\r\n\
Content-Type: text/html; charset=utf-8\r\n\r\n<p>\xe3\x81 \xff</p>\
<a href=\"https://checkid.ddnsking.com/\xff\xfe\">https://www.example.co.jp/\xc3</a>"
            .to_vec();
        bytes.extend_from_slice(&garbage(1000, 3));
        let messages = read_all("invalid UTF-8", &bytes);
        let message = messages[0].as_ref().expect("a damaged message still reads");
        let link = message
            .links
            .iter()
            .find(|l| l.input.href.contains("ddnsking"))
            .unwrap_or_else(|| panic!("the link survives: {:?}", message.links));
        let v = engine().analyze(&link.input);
        assert!(v.has(ReasonCode::DynamicDns) && v.has(ReasonCode::TextMismatch), "{v:?}");
    }

    /// Deep enough to overflow any recursive descent on a test thread's 2 MB stack.
    const DEPTH: usize = 10_000;

    #[test]
    fn ten_thousand_nested_multiparts() {
        let mut mime = String::from("From: a@example.com\r\n");
        for i in 0..DEPTH {
            mime.push_str(&format!("Content-Type: multipart/mixed; boundary=\"b{i}\"\r\n\r\n--b{i}\r\n"));
        }
        mime.push_str("Content-Type: text/html\r\n\r\n<a href=\"https://checkid.ddnsking.com/\">x</a>\r\n");
        read_all("10,000 nested multiparts", mime.as_bytes());
    }

    #[test]
    fn ten_thousand_nested_rfc822_attachments() {
        let mut rfc822 = String::new();
        for _ in 0..DEPTH {
            rfc822.push_str("From: a@example.com\r\nContent-Type: message/rfc822\r\n\r\n");
        }
        rfc822.push_str("From: b@example.com\r\n\r\nhttps://checkid.ddnsking.com/\r\n");
        read_all("10,000 nested rfc822", rfc822.as_bytes());
    }

    /// html5ever's tree builder is quadratic in nesting depth (`in_scope_named` walks the stack
    /// of open elements for every tag), so HTML nesting is tested 4,000 deep: still beyond
    /// what a recursive walk of the document survives on a test thread in a debug build.
    const HTML_DEPTH: usize = 4_000;

    #[test]
    fn thousands_of_nested_html_elements() {
        let html = format!(
            "From: a@example.com\r\nContent-Type: text/html\r\n\r\n{}<a href=\"https://checkid.ddnsking.com/\">in</a>{}",
            "<div><span><b>".repeat(HTML_DEPTH / 3),
            "</b></span></div>".repeat(HTML_DEPTH / 3)
        );
        let messages = read_all("4,000 nested elements", html.as_bytes());
        let links = &messages[0].as_ref().expect("readable").links;
        assert!(links.iter().any(|l| l.input.href.contains("ddnsking")), "the deep link is found: {links:?}");
    }

    #[test]
    fn thousands_of_unclosed_anchors() {
        let anchors = format!(
            "From: a@example.com\r\nContent-Type: text/html\r\n\r\n{}",
            "<a href=\"https://example.com/\">".repeat(HTML_DEPTH)
        );
        read_all("4,000 unclosed anchors", anchors.as_bytes());
    }

    #[test]
    fn link_flood_is_capped() {
        let n = MAX_LINKS_PER_MESSAGE + 1234;
        let mut html = String::from("From: a@example.com\r\nContent-Type: text/html\r\n\r\n");
        for i in 0..n {
            html.push_str(&format!("<a href=\"https://l{i}.example.com/\">{i}</a>\n"));
        }
        let messages = read_all("link flood", html.as_bytes());
        let message = messages[0].as_ref().expect("readable");
        assert_eq!(message.links.len(), MAX_LINKS_PER_MESSAGE);
        assert_eq!(message.links_omitted, n - MAX_LINKS_PER_MESSAGE);
    }
}
