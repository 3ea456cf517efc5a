//! Reading mail for the `linkguard` command: RFC 5322 messages and mbox files in, the links a
//! reader would click (and who the mail claims to be from) out.
//!
//! MIME, transfer encodings and charsets (ISO-2022-JP, Shift_JIS, EUC-JP...) are `mail-parser`'s
//! job; HTML parts go through `scraper` (html5ever, the HTML standard's parser, so links are
//! found the way a browser finds them); bare URLs in plain-text parts through `linkify`.
//! Nothing here panics on bad input: a message that cannot be read is an `Err`, a damaged one
//! gives what could be read.

pub mod folder;
pub mod html_tokens;

use std::collections::HashSet;
use std::fmt;
use std::io::{BufReader, Cursor, Read};
use std::sync::OnceLock;

use mail_parser::{MessageParser, MimeHeaders, PartType};
use serde::Serialize;

use crate::host::domain::{address_domain, normalize_host, Domains};
use crate::i18n::{message, Lang};
use crate::message::sender;
use crate::verdict::{Level, LinkInput, Reason};

/// At most this many links are kept per message; the rest are counted in
/// [`ParsedMessage::links_omitted`]. Real mail has a few hundred at most; the cap bounds the
/// work and the report for a hostile message.
pub const MAX_LINKS_PER_MESSAGE: usize = 5_000;

/// A single (non-mbox) input larger than this is refused instead of read into memory.
pub const MAX_MESSAGE_BYTES: u64 = 256 * 1024 * 1024;

/// MIME nesting deeper than this is not followed (mail-parser has its own, similar limit).
const MAX_DEPTH: usize = 64;

/// Why a message could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MailError {
    /// No bytes at all.
    Empty,
    /// The bytes have no RFC 5322 header fields: not a mail message.
    NoHeaders,
    /// The MIME parser gave up on this message.
    ParserFailed,
    /// Larger than [`MAX_MESSAGE_BYTES`].
    TooLarge,
    /// Reading failed (the OS error text).
    Io(String),
}

impl MailError {
    /// This error in the user's language (texts in `data/locales/*/cli.json`).
    pub fn localized(&self, lang: Lang) -> String {
        match self {
            MailError::Empty => message(lang, "mail_error_empty", &[]),
            MailError::NoHeaders => message(lang, "mail_error_no_headers", &[]),
            MailError::ParserFailed => message(lang, "mail_error_parser_failed", &[]),
            MailError::TooLarge => {
                let limit = format!("{} MB", MAX_MESSAGE_BYTES / (1024 * 1024));
                message(lang, "mail_error_too_large", &[&limit])
            }
            MailError::Io(e) => message(lang, "mail_error_io", &[e]),
        }
    }
}

impl fmt::Display for MailError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.localized(Lang::En))
    }
}

impl std::error::Error for MailError {}

/// A sender as written in From: display name and address.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Mailbox {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
}

impl Mailbox {
    /// The part after the last `@`, if there is one.
    pub fn domain(&self) -> Option<&str> {
        address_domain(self.address.as_deref()?)
    }
}

impl fmt::Display for Mailbox {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.name, &self.address) {
            (Some(n), Some(a)) => write!(f, "\"{n}\" <{a}>"),
            (Some(n), None) => f.write_str(n),
            (None, Some(a)) => write!(f, "<{a}>"),
            (None, None) => Ok(()),
        }
    }
}

/// What the command needs of one message.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ParsedMessage {
    /// Decoded Subject (RFC 2047 words and charsets resolved).
    pub subject: Option<String>,
    pub from: Option<Mailbox>,
    /// The Return-Path address (without angle brackets).
    pub return_path: Option<String>,
    /// Every distinct link, in document order: HTML `<a href>`/`<area href>` and bare URLs of
    /// plain-text parts (a plain-text alternative of an HTML part is skipped: the reader sees
    /// the HTML). Includes links of attached (message/rfc822) mail.
    pub links: Vec<LinkInput>,
    /// Links beyond [`MAX_LINKS_PER_MESSAGE`] that were dropped.
    pub links_omitted: usize,
}

/// Whether the bytes are an mbox file (they start with a `From ` separator line).
pub fn is_mbox(bytes: &[u8]) -> bool {
    bytes.starts_with(b"From ")
}

/// Every message in `bytes`: one for an RFC 5322 message, one per message for an mbox file.
pub fn read_messages(bytes: &[u8]) -> Vec<Result<ParsedMessage, MailError>> {
    messages_from_reader(bytes).collect()
}

/// Like [`read_messages`], streaming: an mbox file is read one message at a time, so its size
/// is not limited by memory. A single message is read whole (up to [`MAX_MESSAGE_BYTES`]).
pub fn messages_from_reader<'r, R: Read + 'r>(
    reader: R,
) -> Box<dyn Iterator<Item = Result<ParsedMessage, MailError>> + 'r> {
    let mut reader = reader;
    // Look at the first bytes without losing them: a pipe may deliver them in pieces.
    let mut head = Vec::with_capacity(5);
    if let Err(e) = (&mut reader).take(5).read_to_end(&mut head) {
        return Box::new(std::iter::once(Err(MailError::Io(e.to_string()))));
    }
    let whole = Cursor::new(head.clone()).chain(reader);
    if is_mbox(&head) {
        let mbox = mail_parser::mailbox::mbox::MessageIterator::new(BufReader::new(whole));
        Box::new(mbox.map(|item| match item {
            Ok(m) => parse_message(m.contents()),
            Err(e) => Err(MailError::Io(e.to_string())),
        }))
    } else {
        let mut bytes = Vec::new();
        let result = whole.take(MAX_MESSAGE_BYTES + 1).read_to_end(&mut bytes);
        let parsed = match result {
            Err(e) => Err(MailError::Io(e.to_string())),
            Ok(_) if bytes.len() as u64 > MAX_MESSAGE_BYTES => Err(MailError::TooLarge),
            Ok(_) => parse_message(&bytes),
        };
        Box::new(std::iter::once(parsed))
    }
}

/// One RFC 5322 message.
pub fn parse_message(bytes: &[u8]) -> Result<ParsedMessage, MailError> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(MailError::Empty);
    }
    // mail-parser and html5ever promise not to panic; a bug in either must still not take the
    // whole scan down, so a panic here becomes an error for this one message.
    std::panic::catch_unwind(|| parse_message_inner(bytes)).unwrap_or(Err(MailError::ParserFailed))
}

fn parse_message_inner(bytes: &[u8]) -> Result<ParsedMessage, MailError> {
    let msg = MessageParser::default().parse(bytes).ok_or(MailError::NoHeaders)?;
    if !looks_like_mail(&msg) {
        return Err(MailError::NoHeaders);
    }
    let from = msg.from().and_then(first_mailbox);
    let return_path = msg
        .return_address()
        .filter(|_| !matches!(msg.return_path(), mail_parser::HeaderValue::Empty))
        .map(|a| a.trim().trim_start_matches('<').trim_end_matches('>').trim().to_string())
        .filter(|a| !a.is_empty());
    let mut collector = LinkCollector::default();
    collect_links(&msg, 0, false, 0, &mut collector);
    let parsed = ParsedMessage {
        subject: msg.subject().map(clean_header_text),
        from,
        return_path,
        links: collector.links,
        links_omitted: collector.omitted,
    };
    drop_flat(msg);
    Ok(parsed)
}

/// mail-parser nests attached messages (message/rfc822) without a limit and drops them
/// recursively, so 10,000 levels overflow the stack (found by fuzzing). Take the nested messages
/// out level by level and drop them from a heap stack instead.
fn drop_flat(msg: mail_parser::Message<'_>) {
    let mut stack = vec![msg];
    while let Some(mut message) = stack.pop() {
        for part in &mut message.parts {
            if let PartType::Message(_) = part.body {
                if let PartType::Message(inner) =
                    std::mem::replace(&mut part.body, PartType::Text(std::borrow::Cow::Borrowed("")))
                {
                    stack.push(inner);
                }
            }
        }
    }
}

/// The sender of a From field. Spam often writes `From: Brand ,_<x@y>`, which parses as a
/// name without address followed by an address: the address is the first one present, and
/// its name, when it has none of its own, the name written just before it.
fn first_mailbox(from: &mail_parser::Address<'_>) -> Option<Mailbox> {
    let name_of = |a: &mail_parser::Addr<'_>| {
        a.name.as_deref().map(clean_header_text).filter(|n| !n.is_empty() && n != "_")
    };
    let address_of = |a: &mail_parser::Addr<'_>| {
        a.address.as_deref().map(|s| s.trim().to_string()).filter(|s| !s.is_empty())
    };
    let addrs: Vec<&mail_parser::Addr<'_>> = from.iter().collect();
    let Some(at) = addrs.iter().position(|a| address_of(a).is_some()) else {
        return addrs.first().map(|a| Mailbox { name: name_of(a), address: None });
    };
    let name = name_of(addrs[at]).or_else(|| addrs[..at].iter().rev().find_map(|a| name_of(a)));
    Some(Mailbox { name, address: address_of(addrs[at]) })
}

/// mail-parser accepts nearly anything (it is built for damaged mail); a file is taken for a
/// mail message when it has at least one header field a message has.
fn looks_like_mail(msg: &mail_parser::Message<'_>) -> bool {
    use mail_parser::HeaderName as H;
    msg.root_part().headers.iter().any(|h| {
        matches!(
            h.name,
            H::From
                | H::To
                | H::Subject
                | H::Date
                | H::MessageId
                | H::ContentType
                | H::MimeVersion
                | H::Received
                | H::ReturnPath
                | H::Sender
                | H::ReplyTo
                | H::Cc
        )
    })
}

/// Header text as shown: control characters removed, whitespace runs collapsed.
fn clean_header_text(s: &str) -> String {
    s.split(|c: char| c.is_whitespace() || c.is_control())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

#[derive(Default)]
struct LinkCollector {
    links: Vec<LinkInput>,
    seen: HashSet<(String, String, Option<String>)>,
    omitted: usize,
}

impl LinkCollector {
    fn push(&mut self, link: LinkInput) {
        if link.href.is_empty() {
            return;
        }
        let key = (link.href.clone(), link.text.clone(), link.title.clone());
        if self.seen.contains(&key) {
            return;
        }
        if self.links.len() >= MAX_LINKS_PER_MESSAGE {
            self.omitted += 1;
            return;
        }
        self.seen.insert(key);
        self.links.push(link);
    }
}

/// Walks the MIME tree from `part_id`. `skip_text` is set inside a multipart/alternative that
/// has an HTML version: its plain-text version shows the same links.
fn collect_links(
    msg: &mail_parser::Message<'_>,
    part_id: u32,
    skip_text: bool,
    depth: usize,
    out: &mut LinkCollector,
) {
    if depth > MAX_DEPTH {
        return;
    }
    let Some(part) = msg.parts.get(part_id as usize) else {
        return;
    };
    match &part.body {
        PartType::Html(html) => {
            for link in html_links(html) {
                out.push(link);
            }
        }
        PartType::Text(text) if !skip_text => {
            for link in text_links(text) {
                out.push(link);
            }
        }
        PartType::Text(_) => {}
        PartType::Message(inner) => collect_links(inner, 0, false, depth + 1, out),
        PartType::Multipart(children) => {
            let is_alternative = part
                .content_type()
                .and_then(|ct| ct.subtype())
                .is_some_and(|s| s.eq_ignore_ascii_case("alternative"));
            let skip_children_text =
                skip_text || (is_alternative && children.iter().any(|&c| has_html(msg, c, depth + 1)));
            for &child in children {
                if child != part_id {
                    collect_links(msg, child, skip_children_text, depth + 1, out);
                }
            }
        }
        PartType::Binary(_) | PartType::InlineBinary(_) => {}
    }
}

fn has_html(msg: &mail_parser::Message<'_>, part_id: u32, depth: usize) -> bool {
    if depth > MAX_DEPTH {
        return false;
    }
    match msg.parts.get(part_id as usize).map(|p| &p.body) {
        Some(PartType::Html(_)) => true,
        Some(PartType::Multipart(children)) => {
            children.iter().any(|&c| c != part_id && has_html(msg, c, depth + 1))
        }
        _ => false,
    }
}

fn collapse_whitespace(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Every `<a href>` and `<area href>` of an HTML document, with its visible text
/// (whitespace-collapsed; an `<area>`'s `alt`), `title`, and the webmail attributes that carry
/// the original URL. Relative hrefs are resolved against `<base href>` when the document has
/// an absolute one, and otherwise left as written. A document nested deeper than a browser
/// would build its tree is read from its tokens instead (see `html_tokens`).
pub fn html_links(html: &str) -> Vec<LinkInput> {
    if html_tokens::needs_tokens(html) {
        return links_from_tokens(html);
    }
    struct Selectors {
        links: scraper::Selector,
        base: scraper::Selector,
    }
    static SELECTORS: OnceLock<Option<Selectors>> = OnceLock::new();
    let selectors = SELECTORS.get_or_init(|| {
        Some(Selectors {
            links: scraper::Selector::parse("a[href], area[href]").ok()?,
            base: scraper::Selector::parse("base[href]").ok()?,
        })
    });
    let Some(selectors) = selectors else {
        return Vec::new();
    };
    let document = scraper::Html::parse_document(html);
    // Like a browser: the first <base href> counts.
    let base = document
        .select(&selectors.base)
        .next()
        .and_then(|b| b.value().attr("href"))
        .and_then(|href| url::Url::parse(href.trim()).ok());
    document
        .select(&selectors.links)
        .filter_map(|el| {
            let element = el.value();
            let href = element.attr("href")?;
            let text = if element.name().eq_ignore_ascii_case("area") {
                element.attr("alt").unwrap_or("").to_string()
            } else {
                el.text().collect::<String>()
            };
            let hints = ["title", "data-saferedirecturl", "originalsrc"].map(|a| element.attr(a));
            Some(link_input(href, &text, hints, base.as_ref()))
        })
        .collect()
}

/// `html_links` for a document nested too deep for the tree builder.
fn links_from_tokens(html: &str) -> Vec<LinkInput> {
    let (links, base) = html_tokens::token_links(html);
    let base = base.and_then(|href| url::Url::parse(href.trim()).ok());
    links
        .into_iter()
        .map(|l| {
            let hints = [l.title.as_deref(), l.saferedirecturl.as_deref(), l.originalsrc.as_deref()];
            link_input(&l.href, &l.text, hints, base.as_ref())
        })
        .collect()
}

/// A link as the engine takes it: the href resolved against `base` when relative, the text
/// whitespace-collapsed, and the hints (`title`, `data-saferedirecturl`, `originalsrc`) kept
/// when not empty.
fn link_input(href: &str, text: &str, hints: [Option<&str>; 3], base: Option<&url::Url>) -> LinkInput {
    let raw = href.trim();
    let href = match (base, url::Url::parse(raw)) {
        (Some(base), Err(url::ParseError::RelativeUrlWithoutBase)) => {
            base.join(raw).map(|u| u.to_string()).unwrap_or_else(|_| raw.to_string())
        }
        _ => raw.to_string(),
    };
    let [title, saferedirecturl, originalsrc] =
        hints.map(|v| v.map(collapse_whitespace).filter(|v| !v.is_empty()));
    LinkInput { href, text: collapse_whitespace(text), title, saferedirecturl, originalsrc }
}

/// Bare URLs (with a scheme) in plain text; the visible text of each is the URL itself.
pub fn text_links(text: &str) -> Vec<LinkInput> {
    let mut finder = linkify::LinkFinder::new();
    finder.kinds(&[linkify::LinkKind::Url]);
    finder.url_must_have_scheme(true);
    finder
        .links(text)
        .map(|l| LinkInput::new(l.as_str(), l.as_str()))
        .collect()
}


/// What the sender fields of a message say: the sender check's reason
/// (`message::sender::brand_mismatch`, the same check and words the extension gives a sender),
/// and informational signals.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct SenderReport {
    /// The From field's display name presents a brand its address isn't one of
    /// (`mailto-brand-mismatch`, caution).
    pub reasons: Vec<Reason>,
    pub signals: Vec<SenderSignal>,
}

impl SenderReport {
    /// What the sender alone makes of its message: its reasons' highest level (the signals are
    /// informational).
    pub fn level(&self) -> Level {
        self.reasons.iter().map(|r| r.level).max().unwrap_or(Level::Safe)
    }
}

/// An informational sign about who sent the message (not about a link).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum SenderSignal {
    /// From and Return-Path have different registrable domains. Informational (`Safe`): most
    /// mail sent through a mail service looks like that (most of the evaluation corpus's
    /// legitimate messages).
    ReturnPathMismatch { from_domain: String, return_path_domain: String },
}

impl SenderSignal {
    pub fn kind(&self) -> &'static str {
        match self {
            SenderSignal::ReturnPathMismatch { .. } => "return-path-mismatch",
        }
    }

    /// Title and body in `lang`.
    pub fn explain(&self, lang: Lang) -> (String, String) {
        match self {
            SenderSignal::ReturnPathMismatch { from_domain, return_path_domain } => (
                message(lang, "sender_return_path_mismatch_title", &[]),
                message(lang, "sender_return_path_mismatch_body", &[from_domain, return_path_domain]),
            ),
        }
    }
}

/// Registrable domain of a mail domain, or the normalized host when it has none.
fn site_of(domain: &str, domains: &Domains) -> Option<String> {
    let host = normalize_host(domain.trim_start_matches('[').trim_end_matches(']'))
        .or_else(|| normalize_host(domain))?;
    Some(domains.info(&host).registrable.unwrap_or(host))
}

/// The sender check on the From field (its display name against its address; a From field
/// without an address is one whose address is no brand's), and whether the From and
/// Return-Path registrable domains differ.
pub fn check_sender(msg: &ParsedMessage, domains: &Domains) -> SenderReport {
    let mut report = SenderReport::default();
    let Some(from) = &msg.from else {
        return report;
    };
    if let Some(display) = from.name.as_deref() {
        let address = from.address.as_deref().unwrap_or("");
        report.reasons.extend(sender::brand_mismatch(display, None, &[address], domains));
    }

    let from_site = from.domain().and_then(|d| site_of(d, domains));
    let return_site = msg
        .return_path
        .as_deref()
        .and_then(address_domain)
        .and_then(|d| site_of(d, domains));
    if let (Some(from_site), Some(return_site)) = (from_site, return_site) {
        if from_site != return_site {
            report.signals.push(SenderSignal::ReturnPathMismatch {
                from_domain: from_site,
                return_path_domain: return_site,
            });
        }
    }
    report
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::verdict::ReasonCode;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    fn hrefs(links: &[LinkInput]) -> Vec<&str> {
        links.iter().map(|l| l.href.as_str()).collect()
    }

    #[test]
    fn html_links_have_text_title_and_webmail_attributes() {
        let html = r#"<html><body>
            <p>Hello <a href=" https://example.com/a " title="  Go   there ">Click
               <b>here</b>
               now</a></p>
            <a name="anchor-without-href">no</a>
            <map><area href="https://example.org/map" alt="Map  link"></map>
            <a href="https://nam01.safelinks.protection.outlook.com/?url=x" originalsrc="https://real.example/">o</a>
            <a href="https://example.net/" data-saferedirecturl="https://www.google.com/url?q=https://example.net/">g</a>
            <a href="mailto:someone@example.com">mail</a>
            </body></html>"#;
        let links = html_links(html);
        assert_eq!(
            hrefs(&links),
            [
                "https://example.com/a",
                "https://example.org/map",
                "https://nam01.safelinks.protection.outlook.com/?url=x",
                "https://example.net/",
                "mailto:someone@example.com"
            ]
        );
        assert_eq!(links[0].text, "Click here now");
        assert_eq!(links[0].title.as_deref(), Some("Go there"));
        assert_eq!(links[1].text, "Map link", "area uses alt");
        assert_eq!(links[2].originalsrc.as_deref(), Some("https://real.example/"));
        assert_eq!(
            links[3].saferedirecturl.as_deref(),
            Some("https://www.google.com/url?q=https://example.net/")
        );
        assert_eq!(links[3].title, None);
    }

    #[test]
    fn deeply_nested_html_is_read_from_its_tokens() {
        // 20,000 levels: the tree builder alone takes seconds (quadratic in depth; 80,000 took 51 s).
        for (open, close) in [("<div>", "</div>"), ("<ul><li>", ""), ("<div/>", ""), ("<b>", "</b>")] {
            let html = format!(
                "<html><body>{}<p>Sign in: <a href=\"https://checkid.ddnsking.com/\">https://account-verify.workers.dev/</a>{}",
                open.repeat(20_000),
                close.repeat(20_000)
            );
            let links = html_links(&html);
            assert_eq!(hrefs(&links), ["https://checkid.ddnsking.com/"], "{open}");
            assert_eq!(links[0].text, "https://account-verify.workers.dev/", "{open}");
        }
    }

    #[test]
    fn tokens_give_the_tree_s_links_for_ordinary_html() {
        let documents = [
            r##"<base href="https://mail.example/inbox/"><p>Hello <a href="https://shop.example/a?b=1&amp;c=2" title=" Shop  now ">Visit
               <b>shop</b>.example</a>, <a href="../rel">relative</a>, <a href="#top">top</a>
               <map><area href="https://map.example/" alt="Map  area"></map>
               <a href="https://www.google.com/url?q=https://x.example/" data-saferedirecturl="https://www.google.com/url?q=https://x.example/">x.example</a>
               <a href="https://safe.example/" originalsrc="https://orig.example/">orig</a>"##,
            "<table><tr><td><a href=https://one.example/>One</a><td><a href=https://two.example/>Two</a></table>",
            "<ul><li><a href='https://a.example/'>A</a><li><a href='https://b.example/'>B &lt;b&gt;</a></ul>",
            "<a href=\"mailto:someone@example.com\">someone@example.com</a> <a href=\"tel:+81312345678\">call</a>",
        ];
        for html in documents {
            assert_eq!(links_from_tokens(html), html_links(html), "{html}");
        }
    }

    #[test]
    fn relative_hrefs_resolve_against_base_only_when_there_is_one() {
        let with_base = r#"<head><base href="https://news.example.com/issue/12/"></head>
            <a href="article?id=3">a</a><a href="/top">b</a><a href="https://other.example/">c</a>
            <a href="javascript:void(0)">d</a>"#;
        assert_eq!(
            hrefs(&html_links(with_base)),
            [
                "https://news.example.com/issue/12/article?id=3",
                "https://news.example.com/top",
                "https://other.example/",
                "javascript:void(0)"
            ]
        );
        let without_base = r#"<a href="article?id=3">a</a><a href="checkid.ddnsking.com">b</a>"#;
        assert_eq!(hrefs(&html_links(without_base)), ["article?id=3", "checkid.ddnsking.com"]);
        let relative_base = r#"<base href="/relative/"><a href="x">a</a>"#;
        assert_eq!(hrefs(&html_links(relative_base)), ["x"], "a relative <base> cannot resolve");
    }

    #[test]
    fn entities_in_hrefs_and_text_are_decoded() {
        let links = html_links(r#"<a href="https://e.example/?a=1&amp;b=2">A&nbsp;&amp;&#x20;B</a>"#);
        assert_eq!(links[0].href, "https://e.example/?a=1&b=2");
        assert_eq!(links[0].text, "A & B");
    }

    #[test]
    fn bare_urls_in_text() {
        let text = "ご確認ください: https://eki-net.example.com/login\n\
                    (see http://example.org/a_(b)) and www.no-scheme.example, mail x@example.com.";
        let links = text_links(text);
        assert_eq!(hrefs(&links), ["https://eki-net.example.com/login", "http://example.org/a_(b)"]);
        assert!(links.iter().all(|l| l.text == l.href));
    }

    const FOUNDING: &[u8] = b"Return-Path: <bounce@mailer.rqgdf.cn>\r\n\
From: =?UTF-8?B?44GI44GN44Gt44Gj44Go44K144Od44O844OI44K744Oz44K/44O8?= <cbvlh@service.rqgdf.cn>\r\n\
To: user@example.jp\r\n\
Subject: =?UTF-8?B?44CQ6YeN6KaB44CR?=\r\n\
MIME-Version: 1.0\r\n\
Content-Type: multipart/alternative; boundary=\"b1\"\r\n\
\r\n\
--b1\r\n\
Content-Type: text/plain; charset=utf-8\r\n\
\r\n\
https://plain-only.example.com/\r\n\
--b1\r\n\
Content-Type: text/html; charset=utf-8\r\n\
\r\n\
<a href=\"https://checkid.ddnsking.com/\">https://x.workers.dev/</a>\r\n\
--b1--\r\n";

    #[test]
    fn parses_headers_and_prefers_html_in_alternatives() {
        let msg = parse_message(FOUNDING).expect("parses");
        assert_eq!(msg.subject.as_deref(), Some("【重要】"));
        let from = msg.from.as_ref().expect("from");
        assert_eq!(from.name.as_deref(), Some("えきねっとサポートセンター"));
        assert_eq!(from.address.as_deref(), Some("cbvlh@service.rqgdf.cn"));
        assert_eq!(from.domain(), Some("service.rqgdf.cn"));
        assert_eq!(msg.return_path.as_deref(), Some("bounce@mailer.rqgdf.cn"));
        assert_eq!(hrefs(&msg.links), ["https://checkid.ddnsking.com/"]);
        assert_eq!(msg.links[0].text, "https://x.workers.dev/");
    }

    #[test]
    fn the_sender_check_finds_the_borrowed_brand() {
        let msg = parse_message(FOUNDING).expect("parses");
        let report = check_sender(&msg, &Domains::embedded());
        let [reason] = &report.reasons[..] else { panic!("one sender reason: {report:?}") };
        assert_eq!((reason.code, reason.level), (ReasonCode::MailtoBrandMismatch, Level::Caution));
        assert_eq!(reason.details.claimed.as_deref(), Some("えきねっと"));
        assert_eq!(reason.details.actual.as_deref(), Some("rqgdf.cn"));
        assert_eq!(report.level(), Level::Caution);
        // Same registrable domain for From and Return-Path: no return-path signal.
        assert_eq!(report.signals, [], "{report:?}");
    }

    #[test]
    fn a_from_field_without_an_address_is_no_brands() {
        let msg = ParsedMessage {
            from: Some(Mailbox { name: Some("Facebook".into()), address: None }),
            ..ParsedMessage::default()
        };
        let report = check_sender(&msg, &Domains::embedded());
        assert_eq!(report.reasons.iter().map(|r| r.code).collect::<Vec<_>>(), [ReasonCode::MailtoBrandMismatch]);
        // Without a display name there is nothing to borrow a brand with.
        let anonymous = ParsedMessage { from: Some(Mailbox { name: None, address: Some("x@evil.example".into()) }), ..msg };
        assert_eq!(check_sender(&anonymous, &Domains::embedded()), SenderReport::default());
    }

    #[test]
    fn from_takes_the_first_address_and_the_name_before_it() {
        let cases: [(&str, Option<&str>, Option<&str>); 4] = [
            ("Microsoft account team ,_<no-reply@access.example>", Some("Microsoft account team"), Some("no-reply@access.example")),
            ("\"Amazon\" <a@b.example>, <c@d.example>", Some("Amazon"), Some("a@b.example")),
            ("plain@example.com", None, Some("plain@example.com")),
            ("Undisclosed recipients:;", None, None),
        ];
        for (header, name, address) in cases {
            let raw = format!("From: {header}\r\nSubject: s\r\n\r\nbody\r\n");
            let msg = parse_message(raw.as_bytes()).expect("parses");
            let from = msg.from.unwrap_or_default();
            assert_eq!((from.name.as_deref(), from.address.as_deref()), (name, address), "{header}");
        }
    }

    fn mailbox_msg(name: &str, address: &str, return_path: Option<&str>) -> ParsedMessage {
        ParsedMessage {
            from: Some(Mailbox { name: Some(name.into()), address: Some(address.into()) }),
            return_path: return_path.map(String::from),
            ..ParsedMessage::default()
        }
    }

    #[test]
    fn return_path_mismatch_compares_registrable_domains() {
        let d = Domains::embedded();
        let cases = [
            ("news@example.com", Some("bounce@bounces.example.com"), false),
            ("news@example.com", Some("bounce-123@mailgun.example.net"), true),
            ("news@example.co.jp", Some("b@mail.example.co.jp"), false),
            ("news@example.com", None, false),
        ];
        for (from, rp, want) in cases {
            let signals = check_sender(&mailbox_msg("News", from, rp), &d).signals;
            let got = signals.iter().any(|s| s.kind() == "return-path-mismatch");
            assert_eq!(got, want, "{from} / {rp:?}: {signals:?}");
        }
    }

    #[test]
    fn mbox_gives_every_message() {
        let mbox = b"From a@example.com Mon Jan  1 00:00:00 2024\n\
Subject: one\nFrom: a@example.com\n\nhttps://one.example/\n\n\
From b@example.com Mon Jan  1 00:00:00 2024\n\
Subject: two\nFrom: b@example.com\n\n>From the desk of B: https://two.example/\n\n\
From c@example.com Mon Jan  1 00:00:00 2024\n\
Subject: three\nFrom: c@example.com\n\nno links\n";
        assert!(is_mbox(mbox));
        let msgs = read_messages(mbox);
        assert_eq!(msgs.len(), 3);
        let subjects: Vec<_> =
            msgs.iter().map(|m| m.as_ref().ok().and_then(|m| m.subject.clone())).collect();
        assert_eq!(subjects, [Some("one".into()), Some("two".into()), Some("three".into())]);
        assert_eq!(hrefs(&msgs[1].as_ref().expect("two").links), ["https://two.example/"]);
    }

    /// A reader that hands out one byte per call, like a slow pipe.
    struct Trickle<'a>(&'a [u8]);
    impl Read for Trickle<'_> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            match (self.0.split_first(), buf.first_mut()) {
                (Some((&b, rest)), Some(slot)) => {
                    *slot = b;
                    self.0 = rest;
                    Ok(1)
                }
                _ => Ok(0),
            }
        }
    }

    #[test]
    fn mbox_detection_survives_short_reads() {
        let mbox = b"From x Mon Jan  1 00:00:00 2024\nSubject: a\n\nbody\nFrom y Mon Jan  1 00:00:00 2024\nSubject: b\n\nbody\n";
        assert_eq!(messages_from_reader(Trickle(mbox)).count(), 2);
    }

    #[test]
    fn garbage_is_an_error_not_a_panic() {
        // Deterministic pseudo-random bytes (xorshift), including NULs and invalid UTF-8.
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        let garbage: Vec<u8> = (0..200_000)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                (x >> 24) as u8
            })
            .collect();
        assert!(read_messages(&garbage).iter().all(|r| r.is_err()), "random bytes are no mail");
        assert_eq!(parse_message(b""), Err(MailError::Empty));
        assert_eq!(parse_message(b" \r\n"), Err(MailError::Empty));
        assert_eq!(parse_message(b"just some words\nwithout headers\n"), Err(MailError::NoHeaders));
    }

    #[test]
    fn truncated_mime_gives_what_was_read() {
        let truncated = b"From: a@example.com\r\nSubject: cut\r\nContent-Type: multipart/mixed; boundary=zz\r\n\r\n\
--zz\r\nContent-Type: text/html\r\nContent-Transfer-Encoding: base64\r\n\r\n\
PGEgaHJlZj0iaHR0cHM6Ly9jdXQuZXhhbXBsZS8iPmN1dDwvYT4=\r\n--zz\r\nContent-Type: text/html\r\n\r\n<a href=\"https://second.exa";
        let msg = parse_message(truncated).expect("partial result");
        assert_eq!(msg.subject.as_deref(), Some("cut"));
        assert!(hrefs(&msg.links).contains(&"https://cut.example/"), "{:?}", msg.links);
    }

    #[test]
    fn invalid_utf8_in_a_declared_utf8_part_is_replaced() {
        let bad = b"From: a@example.com\r\nSubject: x\r\nContent-Type: text/html; charset=utf-8\r\n\r\n\
<a href=\"https://ok.example/\">\xff\xfe ok \xc3</a>";
        let msg = parse_message(bad).expect("parses");
        assert_eq!(hrefs(&msg.links), ["https://ok.example/"]);
    }

    #[test]
    fn link_count_is_capped() {
        let mut html = String::from("From: a@example.com\r\nContent-Type: text/html\r\n\r\n");
        for i in 0..(MAX_LINKS_PER_MESSAGE + 7) {
            html.push_str(&format!("<a href=\"https://e.example/{i}\">x</a>\n"));
        }
        let msg = parse_message(html.as_bytes()).expect("parses");
        assert_eq!(msg.links.len(), MAX_LINKS_PER_MESSAGE);
        assert_eq!(msg.links_omitted, 7);
    }

    #[test]
    fn duplicate_links_are_reported_once() {
        let msg = parse_message(
            b"From: a@example.com\r\nContent-Type: text/html\r\n\r\n<a href=\"https://e.example/\">x</a><a href=\"https://e.example/\">x</a><a href=\"https://e.example/\">y</a>",
        )
        .expect("parses");
        assert_eq!(msg.links.len(), 2);
    }

    #[test]
    fn attached_messages_are_scanned() {
        let outer = b"From: forwarder@example.com\r\nSubject: Fwd\r\nContent-Type: multipart/mixed; boundary=o\r\n\r\n\
--o\r\nContent-Type: text/plain\r\n\r\nSee attached.\r\n--o\r\nContent-Type: message/rfc822\r\n\r\n\
From: \"PayPal\" <x@evil.example>\r\nSubject: inner\r\nContent-Type: text/html\r\n\r\n<a href=\"https://inner.example/\">PayPal</a>\r\n--o--\r\n";
        let msg = parse_message(outer).expect("parses");
        assert_eq!(hrefs(&msg.links), ["https://inner.example/"]);
        assert_eq!(msg.subject.as_deref(), Some("Fwd"));
    }

    #[test]
    fn errors_are_localized() {
        assert_eq!(MailError::NoHeaders.localized(Lang::En), MailError::NoHeaders.to_string());
        assert_ne!(MailError::NoHeaders.localized(Lang::Ja), MailError::NoHeaders.localized(Lang::En));
        assert!(MailError::TooLarge.localized(Lang::Ja).contains("256 MB"));
    }
}
