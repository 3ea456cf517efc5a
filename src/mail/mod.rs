//! Reading mail for the `linkguard` command and the link checker page (`www/check`, through the
//! wasm built with this feature): RFC 5322 messages and mbox files in, the links a reader would
//! click (and who the mail claims to be from) out; [`report`] judges them.
//!
//! MIME, transfer encodings and charsets (ISO-2022-JP, Shift_JIS, EUC-JP...) are `mail-parser`'s
//! job; HTML parts go through `scraper` (html5ever, the HTML standard's parser, so links are
//! found the way a browser finds them); bare URLs in plain-text parts through `linkify`.
//! Nothing here panics on bad input: a message that cannot be read is an `Err`, a damaged one
//! gives what could be read.

pub mod folder;
pub mod html_tokens;
pub mod report;

use std::collections::HashMap;
use std::fmt;
use std::io::{BufReader, Cursor, Read};
use std::sync::OnceLock;

use mail_parser::{MessageParser, MimeHeaders, PartType};
use serde::Serialize;

use crate::explain::{Arg, ExplainedReason, Explanation, Message};
use crate::host::domain::{address_domain, normalize_host, Domains};
use crate::i18n::{render, Lang};
use crate::message::claim::MessageClaim;
use crate::verdict::{Level, LinkInput, MessageContext, Reason, Target};

/// At most this many links are kept per message; the rest are counted in
/// [`ParsedMessage::links_omitted`]. Real mail has a few hundred at most; the cap bounds the
/// work and the report for a hostile message.
pub const MAX_LINKS_PER_MESSAGE: usize = 5_000;

/// A single (non-mbox) input larger than this is refused instead of read into memory.
pub const MAX_MESSAGE_BYTES: u64 = 256 * 1024 * 1024;
/// [`MAX_MESSAGE_BYTES`] as the error message says it.
const MAX_MESSAGE_SIZE_TEXT: &str = "256 MB";

/// At most this many MIME parts are listed in [`ParsedMessage::parts`] (their links are still
/// read): the list bounds the report of a hostile message.
pub const MAX_PARTS_LISTED: usize = 1_000;

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
    /// The message that says this error (the texts of the errors the link checker page can meet
    /// are in `data/locales/*/messages.json`, the others in `cli.json`).
    pub fn message(&self) -> Message<'_> {
        let (key, args) = match self {
            MailError::Empty => ("mail_error_empty", vec![]),
            MailError::NoHeaders => ("mail_error_no_headers", vec![]),
            MailError::ParserFailed => ("mail_error_parser_failed", vec![]),
            MailError::TooLarge => ("mail_error_too_large", vec![Arg::Text(MAX_MESSAGE_SIZE_TEXT)]),
            MailError::Io(e) => ("mail_error_io", vec![Arg::Text(e)]),
        };
        Message { key, args }
    }

    /// This error in the user's language.
    pub fn localized(&self, lang: Lang) -> String {
        render(&self.message(), lang)
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

/// What is read of one message.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ParsedMessage {
    #[serde(flatten)]
    pub headers: Headers,
    /// Every distinct link, in document order: HTML `<a href>`/`<area href>` and bare URLs of
    /// plain-text parts (a plain-text alternative of an HTML part is skipped: the reader sees
    /// the HTML). Includes links of attached (message/rfc822) mail.
    pub links: Vec<MailLink>,
    /// Links beyond [`MAX_LINKS_PER_MESSAGE`] that were dropped.
    pub links_omitted: usize,
    /// The MIME parts, depth first (at most [`MAX_PARTS_LISTED`]).
    pub parts: Vec<MimePart>,
}

/// What a message's header fields say, decoded.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Headers {
    /// Decoded Subject (RFC 2047 words and charsets resolved).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from: Option<Mailbox>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub to: Vec<Mailbox>,
    /// The Date field as written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// The Return-Path address (without angle brackets).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub return_path: Option<String>,
    /// The first Reply-To mailbox: the original sender's when a mailing list rewrote From.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reply_to: Option<Mailbox>,
    /// The List-Id header, as written (white space folded).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub list_id: Option<String>,
    /// The List-Unsubscribe header, as written (white space folded).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub list_unsubscribe: Option<String>,
}

/// A link as found in a message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MailLink {
    pub input: LinkInput,
    /// The [`MimePart::path`] of the part it was first found in.
    pub part: String,
    /// How often the message has it (the same href, text and title), in any part.
    pub count: usize,
}

/// One MIME part of a message, as its headers describe it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MimePart {
    /// Where it is in the tree: `1` for the message, `1.2` for its second part, `1.2.1` for the
    /// body of a message attached as `1.2`.
    pub path: String,
    /// `text/html`, `multipart/alternative`... (lowercase).
    pub content_type: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub charset: Option<String>,
    /// The Content-Transfer-Encoding as declared (lowercase).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub encoding: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub filename: Option<String>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub attachment: bool,
    /// The body's size in bytes, as transferred.
    pub size: usize,
    /// Whether its links were read: an HTML or text part, but not the plain-text alternative of
    /// an HTML part.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub links_read: bool,
}

impl ParsedMessage {
    /// The message's context for the engine (`Engine::message`): its sender, subject, Reply-To,
    /// Return-Path and list headers.
    pub fn context(&self) -> MessageContext {
        let headers = &self.headers;
        let from = headers.from.as_ref();
        MessageContext {
            sender_name: from.and_then(|f| f.name.clone()),
            sender_address: from.and_then(|f| f.address.clone()),
            subject: headers.subject.clone(),
            reply_to: headers.reply_to.as_ref().filter(|r| r.address.is_some()).map(ToString::to_string),
            return_path: headers.return_path.clone(),
            list_id: headers.list_id.clone(),
            list_unsubscribe: headers.list_unsubscribe.clone(),
            webmail_host: None,
        }
    }
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
    let to = msg.to().map(|to| to.iter().filter_map(mailbox).collect()).unwrap_or_default();
    let raw = |name: mail_parser::HeaderName<'static>| {
        msg.header_raw(name).map(clean_header_text).filter(|v| !v.is_empty())
    };
    let mut walk = Walk::default();
    walk.part(&msg, 0, "1".into(), false, 0);
    let parsed = ParsedMessage {
        headers: Headers {
            subject: msg.subject().map(clean_header_text),
            from,
            to,
            date: raw(mail_parser::HeaderName::Date),
            return_path,
            reply_to: msg.reply_to().and_then(first_mailbox),
            list_id: raw(mail_parser::HeaderName::ListId),
            list_unsubscribe: raw(mail_parser::HeaderName::ListUnsubscribe),
        },
        links: walk.links,
        links_omitted: walk.omitted,
        parts: walk.parts,
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
    let addrs: Vec<&mail_parser::Addr<'_>> = from.iter().collect();
    let Some(at) = addrs.iter().position(|a| address_of(a).is_some()) else {
        return addrs.first().map(|a| Mailbox { name: name_of(a), address: None });
    };
    let name = name_of(addrs[at]).or_else(|| addrs[..at].iter().rev().find_map(|a| name_of(a)));
    Some(Mailbox { name, address: address_of(addrs[at]) })
}

fn name_of(a: &mail_parser::Addr<'_>) -> Option<String> {
    a.name.as_deref().map(clean_header_text).filter(|n| !n.is_empty() && n != "_")
}

fn address_of(a: &mail_parser::Addr<'_>) -> Option<String> {
    a.address.as_deref().map(|s| s.trim().to_string()).filter(|s| !s.is_empty())
}

/// A recipient as written, `None` when it has neither a name nor an address.
fn mailbox(a: &mail_parser::Addr<'_>) -> Option<Mailbox> {
    let mailbox = Mailbox { name: name_of(a), address: address_of(a) };
    (mailbox != Mailbox::default()).then_some(mailbox)
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

/// The walk through a message's MIME tree: its parts, and the links read from them.
#[derive(Default)]
struct Walk {
    links: Vec<MailLink>,
    /// Each link's place in `links`, by href, text and title.
    seen: HashMap<(String, String, Option<String>), usize>,
    omitted: usize,
    parts: Vec<MimePart>,
}

impl Walk {
    fn push(&mut self, link: LinkInput, part: &str) {
        if link.href.is_empty() {
            return;
        }
        let key = (link.href.clone(), link.text.clone(), link.title.clone());
        if let Some(&at) = self.seen.get(&key) {
            self.links[at].count += 1;
            return;
        }
        if self.links.len() >= MAX_LINKS_PER_MESSAGE {
            self.omitted += 1;
            return;
        }
        self.seen.insert(key, self.links.len());
        self.links.push(MailLink { input: link, part: part.to_string(), count: 1 });
    }

    /// Walks the MIME tree from `part_id`, the part at `path`. `skip_text` is set inside a
    /// multipart/alternative that has an HTML version: its plain-text version shows the same links.
    fn part(&mut self, msg: &mail_parser::Message<'_>, part_id: u32, path: String, skip_text: bool, depth: usize) {
        if depth > MAX_DEPTH {
            return;
        }
        let Some(part) = msg.parts.get(part_id as usize) else {
            return;
        };
        let listed = self.parts.len();
        if listed < MAX_PARTS_LISTED {
            self.parts.push(describe(part, path.clone()));
        }
        let read = |links: Vec<LinkInput>, walk: &mut Walk| {
            if let Some(described) = walk.parts.get_mut(listed) {
                described.links_read = true;
            }
            for link in links {
                walk.push(link, &path);
            }
        };
        match &part.body {
            PartType::Html(html) => read(html_links(html), self),
            PartType::Text(text) if !skip_text => read(text_links(text), self),
            PartType::Text(_) => {}
            PartType::Message(inner) => self.part(inner, 0, format!("{path}.1"), false, depth + 1),
            PartType::Multipart(children) => {
                let is_alternative = part
                    .content_type()
                    .and_then(|ct| ct.subtype())
                    .is_some_and(|s| s.eq_ignore_ascii_case("alternative"));
                let skip_children_text =
                    skip_text || (is_alternative && children.iter().any(|&c| has_html(msg, c, depth + 1)));
                for (i, &child) in children.iter().enumerate() {
                    if child != part_id {
                        self.part(msg, child, format!("{path}.{}", i + 1), skip_children_text, depth + 1);
                    }
                }
            }
            PartType::Binary(_) | PartType::InlineBinary(_) => {}
        }
    }
}

/// A part as its headers describe it; without a Content-Type, the type mail-parser read it as.
fn describe(part: &mail_parser::MessagePart<'_>, path: String) -> MimePart {
    let lower = |s: &str| s.trim().to_ascii_lowercase();
    let declared = part.content_type();
    let content_type = match declared {
        Some(ct) => format!("{}/{}", lower(ct.ctype()), ct.subtype().map(lower).unwrap_or_default()),
        None => match part.body {
            PartType::Html(_) => "text/html",
            PartType::Text(_) => "text/plain",
            PartType::Message(_) => "message/rfc822",
            PartType::Multipart(_) => "multipart/mixed",
            PartType::Binary(_) | PartType::InlineBinary(_) => "application/octet-stream",
        }
        .to_string(),
    };
    MimePart {
        path,
        content_type,
        charset: declared.and_then(|ct| ct.attribute("charset")).map(lower).filter(|c| !c.is_empty()),
        encoding: part.content_transfer_encoding().map(lower).filter(|e| !e.is_empty()),
        filename: part.attachment_name().map(clean_header_text).filter(|f| !f.is_empty()),
        attachment: part.content_disposition().is_some_and(|d| d.is_attachment()),
        size: part.offset_end.saturating_sub(part.offset_body) as usize,
        links_read: false,
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
        images: scraper::Selector,
    }
    static SELECTORS: OnceLock<Option<Selectors>> = OnceLock::new();
    let selectors = SELECTORS.get_or_init(|| {
        Some(Selectors {
            links: scraper::Selector::parse("a[href], area[href]").ok()?,
            base: scraper::Selector::parse("base[href]").ok()?,
            images: scraper::Selector::parse("img[alt]").ok()?,
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
                let text = el.text().collect::<String>();
                let alts = el.select(&selectors.images).filter_map(|img| img.value().attr("alt"));
                text_or_alt(text, alts)
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
            let text = text_or_alt(l.text, l.image_alts.iter().map(String::as_str));
            link_input(&l.href, &text, hints, base.as_ref())
        })
        .collect()
}

/// A link's text, or when it shows none its images' `alt` texts: an image button says what it
/// says with its picture, and a reader who sees the picture reads that. (The extension reads a
/// rendered link the same way; tests/data/bypasses.json's `image-alt` case holds both to it.)
fn text_or_alt<'a>(text: String, alts: impl Iterator<Item = &'a str>) -> String {
    if !text.trim().is_empty() {
        return text;
    }
    alts.collect::<Vec<_>>().join(" ")
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
    LinkInput { href, text: collapse_whitespace(text), title, saferedirecturl, originalsrc, ..LinkInput::default() }
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


/// What the sender fields of a message say: the engine's sender reasons
/// ([`MessageClaim::sender_reasons`]: `mailto-brand-mismatch`, `display-name-address`, the same
/// checks and words the extension gives a sender), and informational signals.
/// Serialized with each reason's explanation (`explained`, see `crate::explain`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SenderReport {
    /// The display name presents a brand its address isn't one of (`mailto-brand-mismatch`), or
    /// is another address or domain than the sender's (`display-name-address`); caution.
    pub reasons: Vec<Reason>,
    pub signals: Vec<SenderSignal>,
    /// The sender's address (From's, or Reply-To's when a list rewrote From) as a mail link
    /// (`mailto:`), whose reasons `reasons` are: what they are explained against, in the words
    /// the extension gives a sender a webmail shows as a link.
    pub target: Target,
}

impl Serialize for SenderReport {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let reasons: Vec<ExplainedReason<'_>> =
            self.reasons.iter().map(|reason| ExplainedReason::of(reason, &self.target)).collect();
        let mut report = serializer.serialize_struct("SenderReport", 2)?;
        report.serialize_field("reasons", &reasons)?;
        report.serialize_field("signals", &self.signals)?;
        report.end()
    }
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

    /// The messages that say it (in `data/locales/*/cli.json`: only the command shows signals).
    pub fn explanation(&self) -> Explanation<'_> {
        match self {
            SenderSignal::ReturnPathMismatch { from_domain, return_path_domain } => Explanation {
                title: Message { key: "sender_return_path_mismatch_title", args: vec![] },
                body: vec![Message {
                    key: "sender_return_path_mismatch_body",
                    args: vec![Arg::Text(from_domain), Arg::Text(return_path_domain)],
                }],
            },
        }
    }
}

/// Registrable domain of a mail domain, or the normalized host when it has none.
fn site_of(domain: &str, domains: &Domains) -> Option<String> {
    let host = normalize_host(domain.trim_start_matches('[').trim_end_matches(']'))
        .or_else(|| normalize_host(domain))?;
    Some(domains.info(&host).registrable.unwrap_or(host))
}

/// The sender reasons of the message's claim (`claim`, from [`ParsedMessage::context`]: the
/// display name against the sender's address, Reply-To's when a list rewrote From; a From field
/// without an address is one whose address is no brand's), and whether the From and Return-Path
/// registrable domains differ.
pub fn check_sender(msg: &ParsedMessage, claim: &MessageClaim, domains: &Domains) -> SenderReport {
    let mut report = SenderReport::default();
    let Some(from) = &msg.headers.from else {
        return report;
    };
    report.target = Target {
        url: claim.sender_address.as_deref().map(|a| format!("mailto:{a}")).unwrap_or_default(),
        scheme: "mailto".into(),
        ..Target::default()
    };
    report.reasons = claim.sender_reasons.clone();

    let from_site = from.domain().and_then(|d| site_of(d, domains));
    let return_site = msg
        .headers
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

    /// The sender report of a message, its claim read as the engine reads it.
    fn sender_of(msg: &ParsedMessage) -> SenderReport {
        let domains = Domains::embedded();
        check_sender(msg, &MessageClaim::of(&msg.context(), &domains), &domains)
    }

    fn hrefs(links: &[LinkInput]) -> Vec<&str> {
        links.iter().map(|l| l.href.as_str()).collect()
    }

    fn found(links: &[MailLink]) -> Vec<&str> {
        links.iter().map(|l| l.input.href.as_str()).collect()
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
    fn an_image_link_reads_as_its_images_alt_texts_only_when_it_shows_no_text() {
        let html = r#"<a href="https://a.example/"><img alt="Sign in"> <img src=x> <img alt="now"></a>
            <a href="https://b.example/"><img alt="ignored">Words</a>
            <a href="https://c.example/"><img src=x></a>"#;
        let deep = format!("{}{html}", "<div>".repeat(5_000));
        for (how, links) in [("tree", html_links(html)), ("tokens", html_links(&deep))] {
            let texts: Vec<&str> = links.iter().map(|l| l.text.as_str()).collect();
            assert_eq!(texts, ["Sign in now", "Words", ""], "{how}");
        }
    }

    /// The bypass cases whose text is in the markup itself, not in how it is drawn: the CLI reads
    /// them from the e2e page's HTML as the content script reads them from the rendered page.
    #[test]
    fn the_bypass_page_reads_as_the_content_script_reads_it_where_no_rendering_is_involved() {
        let page = include_str!("../../tests/e2e/pages/bypasses.csp.html");
        let cases: serde_json::Value =
            serde_json::from_str(include_str!("../../tests/data/bypasses.json")).expect("bypasses.json parses");
        let deep = format!("{}{page}", "<div>".repeat(5_000));
        for id in ["glued", "image-map", "image-alt"] {
            let case = cases["cases"]
                .as_array()
                .and_then(|all| all.iter().find(|c| c["id"] == id))
                .unwrap_or_else(|| panic!("case {id}"));
            let (href, text) = (&case["input"]["href"], &case["input"]["text"]);
            for (how, links) in [("tree", html_links(page)), ("tokens", html_links(&deep))] {
                let link = links.iter().find(|l| l.href == *href).unwrap_or_else(|| panic!("{id} on the page ({how})"));
                assert_eq!(link.text, *text, "{id} ({how})");
            }
        }
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
        assert_eq!(msg.headers.subject.as_deref(), Some("【重要】"));
        let from = msg.headers.from.as_ref().expect("from");
        assert_eq!(from.name.as_deref(), Some("えきねっとサポートセンター"));
        assert_eq!(from.address.as_deref(), Some("cbvlh@service.rqgdf.cn"));
        assert_eq!(from.domain(), Some("service.rqgdf.cn"));
        assert_eq!(msg.headers.return_path.as_deref(), Some("bounce@mailer.rqgdf.cn"));
        assert_eq!(found(&msg.links), ["https://checkid.ddnsking.com/"]);
        assert_eq!(msg.links[0].input.text, "https://x.workers.dev/");
        assert_eq!(msg.headers.to, [Mailbox { name: None, address: Some("user@example.jp".into()) }]);
    }

    #[test]
    fn parts_are_listed_by_path_with_where_links_were_read() {
        let msg = parse_message(FOUNDING).expect("parses");
        let parts: Vec<(&str, &str, Option<&str>, bool)> =
            msg.parts.iter().map(|p| (p.path.as_str(), p.content_type.as_str(), p.charset.as_deref(), p.links_read)).collect();
        assert_eq!(
            parts,
            [
                ("1", "multipart/alternative", None, false),
                // The plain-text alternative of the HTML part: the reader sees the HTML.
                ("1.1", "text/plain", Some("utf-8"), false),
                ("1.2", "text/html", Some("utf-8"), true),
            ]
        );
        assert_eq!(msg.links[0].part, "1.2");

        let forwarded = b"From: a@example.com\r\nDate: Sat, 28 Nov 2026 09:00:00 +0900\r\n\
Content-Type: multipart/mixed; boundary=o\r\n\r\n\
--o\r\nContent-Type: text/plain\r\nContent-Transfer-Encoding: 7bit\r\n\r\nSee https://a.example/\r\n\
--o\r\nContent-Type: message/rfc822\r\n\r\n\
From: b@example.com\r\nContent-Type: text/html; charset=euc-jp\r\nContent-Transfer-Encoding: base64\r\n\r\n\
PGEgaHJlZj0iaHR0cHM6Ly9iLmV4YW1wbGUvIj5iPC9hPg==\r\n\
--o\r\nContent-Type: application/pdf; name=\"a.pdf\"\r\nContent-Disposition: attachment; filename=\"a.pdf\"\r\n\
Content-Transfer-Encoding: base64\r\n\r\nJVBERi0=\r\n--o--\r\n";
        let msg = parse_message(forwarded).expect("parses");
        assert_eq!(msg.headers.date.as_deref(), Some("Sat, 28 Nov 2026 09:00:00 +0900"));
        let paths: Vec<(&str, &str)> = msg.parts.iter().map(|p| (p.path.as_str(), p.content_type.as_str())).collect();
        assert_eq!(
            paths,
            [("1", "multipart/mixed"), ("1.1", "text/plain"), ("1.2", "message/rfc822"), ("1.2.1", "text/html"), ("1.3", "application/pdf")]
        );
        let places: Vec<(&str, &str)> = msg.links.iter().map(|l| (l.input.href.as_str(), l.part.as_str())).collect();
        assert_eq!(places, [("https://a.example/", "1.1"), ("https://b.example/", "1.2.1")]);
        assert_eq!((msg.parts[1].encoding.as_deref(), msg.parts[3].encoding.as_deref()), (Some("7bit"), Some("base64")));
        assert_eq!(msg.parts[3].charset.as_deref(), Some("euc-jp"));
        let pdf = &msg.parts[4];
        assert_eq!((pdf.filename.as_deref(), pdf.attachment, pdf.links_read, pdf.size), (Some("a.pdf"), true, false, 8));
    }

    #[test]
    fn the_sender_check_finds_the_borrowed_brand() {
        let msg = parse_message(FOUNDING).expect("parses");
        let report = sender_of(&msg);
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
            headers: Headers { from: Some(Mailbox { name: Some("Facebook".into()), address: None }), ..Headers::default() },
            ..ParsedMessage::default()
        };
        let report = sender_of(&msg);
        assert_eq!(report.reasons.iter().map(|r| r.code).collect::<Vec<_>>(), [ReasonCode::MailtoBrandMismatch]);
        // Without a display name there is nothing to borrow a brand with.
        let anonymous = ParsedMessage {
            headers: Headers { from: Some(Mailbox { name: None, address: Some("x@evil.example".into()) }), ..Headers::default() },
            ..msg
        };
        let report = sender_of(&anonymous);
        assert_eq!((report.reasons, report.signals), (vec![], vec![]));
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
            let from = msg.headers.from.unwrap_or_default();
            assert_eq!((from.name.as_deref(), from.address.as_deref()), (name, address), "{header}");
        }
    }

    fn mailbox_msg(name: &str, address: &str, return_path: Option<&str>) -> ParsedMessage {
        let headers = Headers {
            from: Some(Mailbox { name: Some(name.into()), address: Some(address.into()) }),
            return_path: return_path.map(String::from),
            ..Headers::default()
        };
        ParsedMessage { headers, ..ParsedMessage::default() }
    }

    #[test]
    fn return_path_mismatch_compares_registrable_domains() {
        let cases = [
            ("news@example.com", Some("bounce@bounces.example.com"), false),
            ("news@example.com", Some("bounce-123@mailgun.example.net"), true),
            ("news@example.co.jp", Some("b@mail.example.co.jp"), false),
            ("news@example.com", None, false),
        ];
        for (from, rp, want) in cases {
            let signals = sender_of(&mailbox_msg("News", from, rp)).signals;
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
            msgs.iter().map(|m| m.as_ref().ok().and_then(|m| m.headers.subject.clone())).collect();
        assert_eq!(subjects, [Some("one".into()), Some("two".into()), Some("three".into())]);
        assert_eq!(found(&msgs[1].as_ref().expect("two").links), ["https://two.example/"]);
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
        let mut rng = crate::test_rng::XorShift::new(0x9E37_79B9_7F4A_7C15);
        let garbage: Vec<u8> = (0..200_000).map(|_| (rng.next_u64() >> 24) as u8).collect();
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
        assert_eq!(msg.headers.subject.as_deref(), Some("cut"));
        assert!(found(&msg.links).contains(&"https://cut.example/"), "{:?}", msg.links);
    }

    #[test]
    fn invalid_utf8_in_a_declared_utf8_part_is_replaced() {
        let bad = b"From: a@example.com\r\nSubject: x\r\nContent-Type: text/html; charset=utf-8\r\n\r\n\
<a href=\"https://ok.example/\">\xff\xfe ok \xc3</a>";
        let msg = parse_message(bad).expect("parses");
        assert_eq!(found(&msg.links), ["https://ok.example/"]);
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
        let counted: Vec<(&str, usize)> = msg.links.iter().map(|l| (l.input.text.as_str(), l.count)).collect();
        assert_eq!(counted, [("x", 2), ("y", 1)]);
    }

    #[test]
    fn attached_messages_are_scanned() {
        let outer = b"From: forwarder@example.com\r\nSubject: Fwd\r\nContent-Type: multipart/mixed; boundary=o\r\n\r\n\
--o\r\nContent-Type: text/plain\r\n\r\nSee attached.\r\n--o\r\nContent-Type: message/rfc822\r\n\r\n\
From: \"PayPal\" <x@evil.example>\r\nSubject: inner\r\nContent-Type: text/html\r\n\r\n<a href=\"https://inner.example/\">PayPal</a>\r\n--o--\r\n";
        let msg = parse_message(outer).expect("parses");
        assert_eq!(found(&msg.links), ["https://inner.example/"]);
        assert_eq!(msg.headers.subject.as_deref(), Some("Fwd"));
    }

    #[test]
    fn errors_are_localized() {
        assert_eq!(MailError::NoHeaders.localized(Lang::En), MailError::NoHeaders.to_string());
        assert_ne!(MailError::NoHeaders.localized(Lang::Ja), MailError::NoHeaders.localized(Lang::En));
        assert!(MailError::TooLarge.localized(Lang::Ja).contains("256 MB"));
    }
}
