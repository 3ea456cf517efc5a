//! The thin wasm-bindgen boundary. Structured values cross as plain JS objects: out through
//! serde-wasm-bindgen, in through [`js_de`]; the page scan (`scanBatch`) takes one framed string
//! (as its UTF-8 bytes) and gives one string. The engine itself knows nothing of the browser.
//!
//! Every verdict handed out (`analyze`, `analyzeBatch`, and the JSON lines of `scanBatch`) is the
//! engine's `Verdict` with, on each reason, `explained`: which messages of
//! `_locales/*/messages.json` say it, with which values (`src/explain.rs`), so no page decides
//! that again:
//!
//! ```text
//! reason = {code, level, details, explained: {title: Message, body: [Message, ...]}}
//! Message = {key: "reason_text_mismatch_body", args: [Arg, ...]}
//! Arg = "checkid.ddnsking.com"           // text, shown as it is
//!     | {en: "Rakuten", ja: "楽天"}       // a brand: take the reader's language
//! ```
//!
//! `args[i]` is the message's `$i+1`: `chrome.i18n.getMessage(key, args)` once each brand is
//! replaced by its name in the UI's language. The body's messages are sentences shown one after
//! the other (a text-mismatch's, then what kind of lookalike the domain is). `reasonCodes()` lists
//! every reason code, in `ReasonCode::ALL`'s order (new codes are appended).
//!
//! Built with the `mail` feature (www's second wasm, for the link checker page; the extension's
//! stays without it), `scanMessage(bytes)` reads a raw message and judges it as `linkguard scan`
//! does: `src/mail/report.rs`'s `MessageReport` (each reason with `explained`, the message's
//! `claim`), or `{error: Message}` when the bytes are no mail message.
//!
//! ## Links in their message
//!
//! A link judged in its message also gets the reasons of the brand the message presents itself
//! as (`message-brand-mismatch`), which the engine reads once per message from its context:
//!
//! ```text
//! context = {sender_name?, sender_address?, subject?, reply_to?, return_path?, list_id?,
//!            list_unsubscribe?, webmail_host?}   // strings, all optional: what the webmail
//!                                                 // shows, and its own host
//! ```
//!
//! (`sender_name` as shown, "えきねっと via Osst-users" included: a list's rewrite is read as
//! the name before "via", the sender's address then taken from `reply_to`). Every entry point
//! takes contexts:
//!
//! - `analyze(link, context?)`: one link in one message.
//! - `analyzeBatch(links, contexts?)`: `contexts` an array of context objects, and a link's
//!   `context` field the index of its message's context there (none: the link alone), so each
//!   message's context crosses once, not once per link:
//!   `analyzeBatch([{href, text, context: 0}, ...], [{sender_name: "三井住友カード", ...}])`.
//! - `scanBatch(links, contexts?)`: `links` the framed links as UTF-8 bytes (a `Uint8Array`),
//!   `contexts` a framed string of the contexts, a link's last
//!   field the index of its own there (the frame: [`LinkGuard::scan_batch`]).
//! - `message(context)`: what the message says of itself, for the sender's tooltip and the
//!   dialog: `{claim: {brands: [{brand, brand_ja?, evidence, said, official_url}],
//!   sender_address?, sender_domain?, sender_is_brand, via_list?}, reasons: [reason, ...]}`, the
//!   sender's own reasons (`mailto-brand-mismatch`, `display-name-address`) explained as above.
//!
//! A `link-brand-mismatch` or `message-brand-mismatch` reason's details carry `brand`,
//! `brand_ja`, `evidence` (`display-name`, `subject`, `sender-address`, `link-text`), `claimed`
//! (those words), `actual` (the target's domain), `official_url` (the brand's login page, for
//! "open the official site instead"), and `sender`, `sender_is_brand`, `action`, `provider`
//! where they apply.

use crate::scan_frame::{unframe, unframe_links, SCAN_FIELDS};
use crate::analyze::Engine;
use crate::explain::{ExplainedReason, ExplainedVerdict};
use crate::message::claim::{ClaimSummary, MessageClaim};
use crate::verdict::{Hiding, HostCategory, Level, LinkInput, MessageContext, Options, ReasonCode, Verdict};
use wasm_bindgen::prelude::*;

fn to_js<T: serde::Serialize>(value: &T) -> Result<JsValue, JsError> {
    // json_compatible: maps become plain objects, which survive extension messaging unchanged.
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsError::new(&e.to_string()))
}

fn from_js<T: serde::de::DeserializeOwned>(value: JsValue, what: &str) -> Result<T, JsError> {
    T::deserialize(js_de::JsDeserializer(value)).map_err(|e| JsError::new(&format!("invalid {what}: {e}")))
}

/// The engine as seen from JavaScript: `new LinkGuard()`, then `analyze(link)` or
/// `analyzeBatch([link, ...])`, where a link is `{href, text, title?, saferedirecturl?,
/// originalsrc?, dom_text?, hidden?: ["hidden-part", ...], ping?: [url, ...], malformed?}`.
#[wasm_bindgen]
pub struct LinkGuard {
    engine: Engine,
}

#[wasm_bindgen]
impl LinkGuard {
    #[wasm_bindgen(constructor)]
    pub fn new() -> LinkGuard {
        LinkGuard { engine: Engine::new() }
    }

    /// `{allowlist: ["example.com"], disabled: ["shortener"]}`.
    #[wasm_bindgen(js_name = setOptions)]
    pub fn set_options(&mut self, options: JsValue) -> Result<(), JsError> {
        let options: Options = from_js(options, "options")?;
        self.engine.set_options(options);
        Ok(())
    }

    /// One link, alone or in the message whose `context` is given.
    pub fn analyze(&self, link: JsValue, context: JsValue) -> Result<JsValue, JsError> {
        let link: LinkInput = from_js(link, "link")?;
        let context: Option<MessageContext> = from_js(context, "message context")?;
        let verdict = match context {
            Some(context) => self.engine.analyze_in(&link, &self.engine.message(&context)),
            None => self.engine.analyze(&link),
        };
        to_js(&ExplainedVerdict::of(&verdict))
    }

    /// What a message says of itself: the brands it presents itself as, with their evidence and
    /// official pages, and its sender's own reasons explained.
    pub fn message(&self, context: JsValue) -> Result<JsValue, JsError> {
        let context: MessageContext = from_js(context, "message context")?;
        let claim = self.engine.message(&context);
        let target = claim.sender_target();
        let reasons: Vec<ExplainedReason<'_>> = claim.sender_reasons.iter().map(|r| ExplainedReason::of(r, &target)).collect();
        #[derive(serde::Serialize)]
        struct Message<'a> {
            claim: ClaimSummary<'a>,
            reasons: Vec<ExplainedReason<'a>>,
        }
        to_js(&Message { claim: claim.summary(), reasons })
    }

    /// An address a person typed or pasted, read as a browser's address bar reads it
    /// ([`crate::text::claim::typed_address`]): the `href` to analyze for it.
    #[wasm_bindgen(js_name = typedAddress)]
    pub fn typed_address(&self, text: &str) -> String {
        crate::text::claim::typed_address(text)
    }

    /// Catalog suffixes whose hosts the navigation guard intercepts (dynamic-DNS and free
    /// hosting), sorted, for declarativeNetRequest `requestDomains`.
    #[wasm_bindgen(js_name = guardedSuffixes)]
    pub fn guarded_suffixes(&self) -> Vec<String> {
        let mut suffixes: Vec<String> = self
            .engine
            .catalog()
            .entries()
            .filter(|e| matches!(e.category, HostCategory::DynamicDns | HostCategory::FreeHosting))
            .map(|e| e.suffix.to_string())
            .collect();
        suffixes.sort_unstable();
        suffixes
    }

    /// Links, each alone or in its message: a link's `context` field is the index of its
    /// message's context in `contexts`.
    #[wasm_bindgen(js_name = analyzeBatch)]
    pub fn analyze_batch(&self, links: JsValue, contexts: JsValue) -> Result<JsValue, JsError> {
        let in_message: Vec<LinkContext> = from_js(links.clone(), "links")?;
        let links: Vec<LinkInput> = from_js(links, "links")?;
        let contexts: Vec<MessageContext> = from_js::<Option<Vec<MessageContext>>>(contexts, "message contexts")?.unwrap_or_default();
        let claims: Vec<MessageClaim> = contexts.iter().map(|c| self.engine.message(c)).collect();
        let mut verdicts = Vec::with_capacity(links.len());
        for (link, index) in links.iter().zip(&in_message) {
            verdicts.push(match index.context {
                None => self.engine.analyze(link),
                Some(i) => {
                    let claim = context_index(i).and_then(|i| claims.get(i));
                    // (No number in the message: formatting a float would link Rust's float printing.)
                    let claim = claim.ok_or_else(|| JsError::new("invalid links: a link's context is not an index into contexts"))?;
                    self.engine.analyze_in(link, claim)
                }
            });
        }
        to_js(&verdicts.iter().map(ExplainedVerdict::of).collect::<Vec<_>>())
    }

    /// The extension's page scan, one string in and one string out: every value that crosses
    /// the boundary as a JS object costs a call (and a text decoder run) per field, and the
    /// background would only turn those objects back into text for extension messaging.
    ///
    /// The frame is defined here, once; the extension writes it in `extension/shared/scan-frame.js`,
    /// and `tests/e2e/scan-frame.test.mjs` checks that what it writes is read here as meant.
    ///
    /// `framed` holds the links, [`SCAN_FIELDS`] fields each at most, as one string in UTF-8 (see
    /// [`unframe_links`]; the extension encodes it with `frameBytes`, shared/scan-frame.js: a string
    /// argument would be copied into wasm memory by wasm-bindgen's glue a character at a time,
    /// where `TextEncoder.encodeInto` copies an ASCII string in bulk), in this order:
    ///
    /// ```text
    /// href, text, context, title, saferedirecturl, originalsrc, dom_text, ping, flags
    /// ```
    ///
    /// ("" for none; the fields most links leave empty last, as a link's header stops at its last
    /// non-empty field). `text` is the text a person sees (the content script reads it from the
    /// rendered page), `dom_text` the text the DOM holds when that differs, `ping` the `ping` URLs
    /// separated by spaces, `flags` one letter per [`Hiding`] found (`p` hidden parts, `b` bidi,
    /// `g` generated, `t` transparent) and `m` when a field held a lone surrogate ([`LinkInput`]'s
    /// typed fields), and `context` the decimal index of the link's message in `contexts` (""
    /// for a link in none: in a webmail every link of a message has one, hence its place). `contexts`, when given, holds the messages' contexts
    /// [`CONTEXT_FIELDS`] fields each, framed the same way:
    ///
    /// ```text
    /// sender_name, sender_address, subject, reply_to, return_path, list_id, list_unsubscribe,
    /// webmail_host
    /// ```
    ///
    /// The answer has one line per link, each ending in `\n`: for a plain safe link its
    /// [`lean_safe`] form, for any other link its full verdict as JSON (the same value `analyze`
    /// returns; a JSON line starts with `{`, a lean one with a host, and JSON text never holds a
    /// raw line break). A JSON line is ASCII, any other character written as a `\u` escape
    /// (src/json_line.rs says why); so is a lean line, hosts and serialized URLs, but for the `…`
    /// that ends a URL cut short for its length. A page's links are mostly safe, so the content script parses JSON only
    /// for the few it flags.
    ///
    /// A link that can't be read (an unknown flag, a context index that is none of `contexts`')
    /// gets its own `unreadable` verdict and the others are judged; a frame that can't be split
    /// at all (the links' or the contexts') is an error, and the background then asks again link
    /// by link ([`unreadable`] for a link that fails alone).
    #[wasm_bindgen(js_name = scanBatch)]
    pub fn scan_batch(&self, framed: &[u8], contexts: Option<String>) -> Result<String, JsError> {
        let framed = std::str::from_utf8(framed).map_err(|_| JsError::new("invalid links: not UTF-8"))?;
        let links = unframe_links(framed).map_err(|e| JsError::new(&format!("invalid links: {e}")))?;
        let claims = match contexts.as_deref() {
            Some(contexts) => self.unframe_contexts(contexts)?,
            None => Vec::new(),
        };
        // Every line written straight into the answer (no string a line, no copy of it): a
        // flagged line's JSON is most of the answer's bytes.
        let mut lines = Vec::with_capacity(links.len() * 48);
        for link in &links {
            let read = link_of(link).and_then(|input| Ok((input, in_message(link[2], &claims)?)));
            let (verdict, href) = match read {
                Ok((input, Some(claim))) => (self.engine.analyze_in(&input, claim), input.href),
                Ok((input, None)) => (self.engine.analyze(&input), input.href),
                Err(why) => (Engine::unreadable(link[0], &why), link[0].to_owned()),
            };
            if !write_lean_safe(&mut lines, &verdict, &href) {
                write_verdict_json(&mut lines, &verdict, &href);
            }
            lines.push(b'\n');
        }
        // Only whole strings and serde_json's JSON were written: valid UTF-8, checked once.
        String::from_utf8(lines).map_err(|_| JsError::new("answer not UTF-8"))
    }
}

#[cfg(feature = "mail")]
#[wasm_bindgen]
impl LinkGuard {
    /// A raw message (RFC 5322, or an mbox file's first message) read and judged as
    /// `linkguard scan` reads and judges it: its `MessageReport`, or `{error: Message}` (the
    /// message that says why it can't be read, `mail_error_*`).
    #[wasm_bindgen(js_name = scanMessage)]
    pub fn scan_message(&self, bytes: &[u8]) -> Result<JsValue, JsError> {
        use crate::mail::{messages_from_reader, report::MessageReport, MailError};
        #[derive(serde::Serialize)]
        struct Unreadable<'e> {
            error: crate::explain::Message<'e>,
        }
        match messages_from_reader(bytes).next().unwrap_or(Err(MailError::Empty)) {
            Ok(message) => to_js(&MessageReport::of(message, &self.engine)),
            Err(error) => to_js(&Unreadable { error: error.message() }),
        }
    }
}

/// `verdict` as one JSON line (explained), or, should that ever fail (a Verdict has no map with
/// non-string keys, and writing into a String can't fail), an `unreadable` verdict for `href`.
/// (Its reason says no more than that: serde_json's own error messages would only be linked in
/// for a case that never happens.)
fn verdict_json(verdict: &Verdict, href: &str) -> String {
    let mut out = Vec::new();
    write_verdict_json(&mut out, verdict, href);
    String::from_utf8(out).unwrap_or_default()
}

/// [`verdict_json`] written at the end of `out`.
fn write_verdict_json(out: &mut Vec<u8>, verdict: &Verdict, href: &str) {
    let start = out.len();
    let explained = ExplainedVerdict::of(verdict);
    if crate::json_line::write(out, &explained).is_ok() {
        return;
    }
    out.truncate(start);
    // serde_json with json_line's formatter: the same bytes (ASCII) json_line would have written.
    let ascii = |out: &mut Vec<u8>, value: &ExplainedVerdict| {
        serde::Serialize::serialize(value, &mut serde_json::Serializer::with_formatter(out, crate::json_line::AsciiFormatter))
    };
    if ascii(out, &explained).is_err() {
        out.truncate(start);
        let fallback = Engine::unreadable(href, "verdict as JSON");
        if ascii(out, &ExplainedVerdict::of(&fallback)).is_err() {
            out.truncate(start);
        }
    }
}

/// The `unreadable` verdict for a link the engine could not judge (its scan failed), as the
/// JSON line `scanBatch` would give: the background's answer for such a link.
#[wasm_bindgen]
pub fn unreadable(href: &str, why: &str) -> String {
    verdict_json(&Engine::unreadable(href, why), href)
}

/// One link of `scanBatch`'s frame ([`SCAN_FIELDS`] fields) as the engine's input.
fn link_of(link: &[&str; SCAN_FIELDS]) -> Result<LinkInput, String> {
    let optional = |s: &str| (!s.is_empty()).then(|| s.to_owned());
    let mut input = LinkInput {
        href: link[0].to_owned(),
        text: link[1].to_owned(),
        title: optional(link[3]),
        saferedirecturl: optional(link[4]),
        originalsrc: optional(link[5]),
        dom_text: optional(link[6]),
        ping: link[7].split(' ').filter(|p| !p.is_empty()).map(str::to_owned).collect(),
        ..LinkInput::default()
    };
    for flag in link[8].chars() {
        match flag {
            'p' => input.hidden.push(Hiding::HiddenPart),
            'b' => input.hidden.push(Hiding::Bidi),
            'g' => input.hidden.push(Hiding::Generated),
            't' => input.hidden.push(Hiding::Transparent),
            'm' => input.malformed = true,
            other => return Err(format!("unknown flag {other:?}")),
        }
    }
    Ok(input)
}

/// Every reason code (`"text-mismatch"`, ...), in `ReasonCode::ALL`'s order: the list the
/// extension's settings offer to switch off.
#[wasm_bindgen(js_name = reasonCodes)]
pub fn reason_codes() -> Vec<String> {
    ReasonCode::ALL.iter().map(|code| code.as_str().to_string()).collect()
}


/// Fields per message context in `scanBatch`'s `contexts`: sender_name, sender_address, subject,
/// reply_to, return_path, list_id, list_unsubscribe, webmail_host ("" for none).
const CONTEXT_FIELDS: usize = 8;

impl LinkGuard {
    /// The message claims of `scanBatch`'s framed contexts, read once each.
    fn unframe_contexts(&self, framed: &str) -> Result<Vec<MessageClaim>, JsError> {
        let fields = unframe(framed).map_err(|e| JsError::new(&format!("invalid message contexts: {e}")))?;
        if fields.len() % CONTEXT_FIELDS != 0 {
            let n = fields.len();
            return Err(JsError::new(&format!("invalid message contexts: {n} fields, not {CONTEXT_FIELDS} per context")));
        }
        let optional = |s: &str| (!s.is_empty()).then(|| s.to_owned());
        Ok(fields
            .chunks_exact(CONTEXT_FIELDS)
            .map(|c| {
                self.engine.message(&MessageContext {
                    sender_name: optional(c[0]),
                    sender_address: optional(c[1]),
                    subject: optional(c[2]),
                    reply_to: optional(c[3]),
                    return_path: optional(c[4]),
                    list_id: optional(c[5]),
                    list_unsubscribe: optional(c[6]),
                    webmail_host: optional(c[7]),
                })
            })
            .collect())
    }
}

/// A link's message in `scanBatch`: its `context` field, the decimal index of its message's claim
/// in `claims` ("" for a link in none).
fn in_message<'c>(index: &str, claims: &'c [MessageClaim]) -> Result<Option<&'c MessageClaim>, String> {
    if index.is_empty() {
        return Ok(None);
    }
    let claim = index.parse::<usize>().ok().and_then(|i| claims.get(i));
    claim.map(Some).ok_or_else(|| format!("no message context {index:?}"))
}

/// A link's `context` field in `analyzeBatch` (the rest of it is a [`LinkInput`]).
#[derive(serde::Deserialize)]
struct LinkContext {
    /// The index of the link's message context; a JS number (a float to serde).
    #[serde(default)]
    context: Option<f64>,
}

/// A JS number as an index: a whole, non-negative number.
fn context_index(n: f64) -> Option<usize> {
    (n >= 0.0 && n.fract() == 0.0 && n <= u32::MAX as f64).then_some(n as usize)
}


/// The lean form of a plain safe verdict: all the extension shows for it (the destination, with
/// its registrable domain highlighted) as `"host registrable_domain"`, plus ` url` when the
/// target as serialized differs from the href (`https://example.com` -> `https://example.com/`).
/// Hosts and serialized URLs contain no spaces or line breaks, so the form splits back exactly.
/// `None` for any verdict that needs more than that.
#[cfg(test)]
fn lean_safe(verdict: &Verdict, href: &str) -> Option<String> {
    let mut out = Vec::new();
    write_lean_safe(&mut out, verdict, href).then(|| String::from_utf8(out).expect("whole strings"))
}

/// [`lean_safe`]'s form written at the end of `out`; false (nothing written) for a verdict that
/// needs more than that.
fn write_lean_safe(out: &mut Vec<u8>, verdict: &Verdict, href: &str) -> bool {
    match lean_parts(verdict) {
        Some((host, registrable, url)) => {
            out.extend_from_slice(host.as_bytes());
            out.push(b' ');
            out.extend_from_slice(registrable.as_bytes());
            if url != href {
                out.push(b' ');
                out.extend_from_slice(url.as_bytes());
            }
            true
        }
        None => false,
    }
}

/// A plain safe verdict's host, registrable domain and serialized URL (see [`lean_safe`]).
fn lean_parts(verdict: &Verdict) -> Option<(&str, &str, &str)> {
    if verdict.level != Level::Safe
        || !verdict.reasons.is_empty()
        || !verdict.unwrap_chain.is_empty()
        || verdict.allowlisted
    {
        return None;
    }
    let target = &verdict.target;
    let host = target.host.as_deref().filter(|h| !h.is_empty())?;
    let registrable = target.registrable_domain.as_deref().filter(|d| !d.is_empty())?;
    let plain = |s: &str| !s.bytes().any(|b| matches!(b, b' ' | b'\n' | b'\r'));
    if !(plain(host) && plain(registrable) && plain(&target.url)) {
        return None;
    }
    Some((host, registrable, &target.url))
}

impl Default for LinkGuard {
    fn default() -> Self {
        LinkGuard::new()
    }
}

/// A serde deserializer for the plain JS values the extension passes in (links, options):
/// strings, booleans, numbers, `null`/`undefined`, arrays and plain objects.
///
/// Why not serde-wasm-bindgen's: its errors describe a mistyped number by its value
/// (``floating point `1.5` ``), which links all of Rust's float formatting into the wasm
/// (≈14 KB raw); the errors here name the kind of value only.
mod js_de {
    use serde::de::{self, DeserializeSeed, IntoDeserializer, Unexpected, Visitor};
    use std::fmt;
    use wasm_bindgen::{JsCast, JsValue};

    pub struct JsDeserializer(pub JsValue);

    #[derive(Debug)]
    pub struct Error(String);

    impl fmt::Display for Error {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str(&self.0)
        }
    }

    impl std::error::Error for Error {}

    /// What a value is, in the words of serde's own messages, but no number's value.
    fn kind(unexpected: &Unexpected<'_>) -> String {
        match unexpected {
            Unexpected::Bool(b) => format!("boolean `{b}`"),
            Unexpected::Unsigned(_) | Unexpected::Signed(_) | Unexpected::Float(_) => "a number".into(),
            Unexpected::Char(c) => format!("character `{c}`"),
            Unexpected::Str(s) => format!("string {s:?}"),
            Unexpected::Bytes(_) => "byte array".into(),
            Unexpected::Unit => "null".into(),
            Unexpected::Option => "Option value".into(),
            Unexpected::NewtypeStruct => "newtype struct".into(),
            Unexpected::Seq => "sequence".into(),
            Unexpected::Map => "map".into(),
            Unexpected::Enum => "enum".into(),
            Unexpected::UnitVariant => "unit variant".into(),
            Unexpected::NewtypeVariant => "newtype variant".into(),
            Unexpected::TupleVariant => "tuple variant".into(),
            Unexpected::StructVariant => "struct variant".into(),
            Unexpected::Other(other) => (*other).into(),
        }
    }

    impl de::Error for Error {
        fn custom<T: fmt::Display>(msg: T) -> Self {
            Error(msg.to_string())
        }

        fn invalid_type(unexpected: Unexpected<'_>, expected: &dyn de::Expected) -> Self {
            Error(format!("invalid type: {}, expected {expected}", kind(&unexpected)))
        }

        fn invalid_value(unexpected: Unexpected<'_>, expected: &dyn de::Expected) -> Self {
            Error(format!("invalid value: {}, expected {expected}", kind(&unexpected)))
        }
    }

    impl<'de> de::Deserializer<'de> for JsDeserializer {
        type Error = Error;

        fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
            let value = self.0;
            if value.is_null() || value.is_undefined() {
                visitor.visit_unit()
            } else if let Some(s) = value.as_string() {
                visitor.visit_string(s)
            } else if let Some(b) = value.as_bool() {
                visitor.visit_bool(b)
            } else if let Some(n) = value.as_f64() {
                visitor.visit_f64(n)
            } else if js_sys::Array::is_array(&value) {
                visitor.visit_seq(Elements { array: value.unchecked_into(), next: 0 })
            } else if value.is_object() {
                let entries = js_sys::Object::entries(value.unchecked_ref());
                visitor.visit_map(Entries { entries, next: 0, value: None })
            } else {
                Err(de::Error::custom("unsupported JavaScript value (a symbol, bigint or function)"))
            }
        }

        fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
            if self.0.is_null() || self.0.is_undefined() {
                visitor.visit_none()
            } else {
                visitor.visit_some(self)
            }
        }

        /// Unit variants, as strings (`"text-mismatch"`).
        fn deserialize_enum<V: Visitor<'de>>(
            self,
            _name: &'static str,
            _variants: &'static [&'static str],
            visitor: V,
        ) -> Result<V::Value, Error> {
            match self.0.as_string() {
                Some(s) => {
                    let variant: de::value::StringDeserializer<Error> = s.into_deserializer();
                    visitor.visit_enum(variant)
                }
                None => self.deserialize_any(visitor),
            }
        }

        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
            unit unit_struct newtype_struct seq tuple tuple_struct map struct identifier ignored_any
        }
    }

    struct Elements {
        array: js_sys::Array,
        next: u32,
    }

    impl<'de> de::SeqAccess<'de> for Elements {
        type Error = Error;

        fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>, Error> {
            if self.next >= self.array.length() {
                return Ok(None);
            }
            let element = self.array.get(self.next);
            self.next += 1;
            seed.deserialize(JsDeserializer(element)).map(Some)
        }

        fn size_hint(&self) -> Option<usize> {
            Some(self.array.length().saturating_sub(self.next) as usize)
        }
    }

    /// An object's own enumerable string-keyed properties (`Object.entries`).
    struct Entries {
        entries: js_sys::Array,
        next: u32,
        value: Option<JsValue>,
    }

    impl<'de> de::MapAccess<'de> for Entries {
        type Error = Error;

        fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, Error> {
            if self.next >= self.entries.length() {
                return Ok(None);
            }
            let entry: js_sys::Array = self.entries.get(self.next).unchecked_into();
            self.next += 1;
            self.value = Some(entry.get(1));
            seed.deserialize(JsDeserializer(entry.get(0))).map(Some)
        }

        fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
            seed.deserialize(JsDeserializer(self.value.take().unwrap_or(JsValue::UNDEFINED)))
        }

        fn size_hint(&self) -> Option<usize> {
            Some(self.entries.length().saturating_sub(self.next) as usize)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scan_frame::test_frames::{frame, frame_links};
    use wasm_bindgen_test::wasm_bindgen_test as test;

    /// (href, text, expected lean form; None: the full verdict crosses).
    const CASES: &[(&str, &str, Option<&str>)] = &[
        ("https://www.example.com/a?b=1", "read more", Some("www.example.com example.com")),
        // The url crate's serialization adds the root path: the lean form carries the target.
        ("https://www.example.com", "home", Some("www.example.com example.com https://www.example.com/")),
        // The founding case: flagged, full verdict.
        ("https://checkid.ddnsking.com/", "https://account-verify.workers.dev/", None),
        ("http://192.168.0.1/", "router", None),
        ("javascript:alert(1)", "x", None),
        // A brand (its Japanese name in the verdict) and text beyond ASCII: escaped in the line.
        ("https://www.rakuten.co.jp.example-login.com/", "楽天 🍎", None),
    ];

    #[test]
    fn lean_safe_only_for_plain_safe_links() {
        let engine = Engine::new();
        for &(href, text, expected) in CASES {
            let verdict = engine.analyze(&LinkInput::new(href, text));
            assert_eq!(lean_safe(&verdict, href).as_deref(), expected, "{href} / {text}: {verdict:?}");
        }
    }

    #[test]
    fn scan_batch_answers_each_link_in_order() {
        let guard = LinkGuard::new();
        let mut fields = Vec::new();
        for &(href, text, _) in CASES {
            fields.extend([href, text, "", "", "", "", "", "", ""]);
        }
        let out = guard.scan_batch(frame_links(&fields).as_bytes(), None).expect("a well-formed batch");
        assert!(out.ends_with('\n'), "every line ends in a line break");
        assert!(out.is_ascii(), "JSON lines are ASCII: {out}");
        let lines: Vec<&str> = out.split_terminator('\n').collect();
        assert_eq!(lines.len(), CASES.len(), "one line per link");
        for (line, &(href, text, expected)) in lines.iter().zip(CASES) {
            match expected {
                Some(lean) => assert_eq!(*line, lean, "{href}"),
                None => {
                    assert!(line.starts_with('{'), "{href}: a JSON line, not {line:?}");
                    let verdict: Verdict = serde_json::from_str(line).expect("a verdict as JSON");
                    assert_eq!(verdict, guard.engine.analyze(&LinkInput::new(href, text)), "{href}");
                }
            }
        }
    }

    #[test]
    fn scan_batch_json_equals_the_analyze_object() {
        // The content script gets flagged verdicts as JSON, the API's callers as objects: both
        // must be the same value. Compared as JS values: JSON.stringify of analyze's object.
        let guard = LinkGuard::new();
        for &(href, text, expected) in CASES {
            if expected.is_some() {
                continue;
            }
            let out = guard.scan_batch(frame_links(&[href, text, "", "", "", "", "", "", ""]).as_bytes(), None).expect("one link");
            let line = out.trim_end_matches('\n');
            let object = guard.analyze(js(&format!("{{href: {href:?}, text: {text:?}}}")), JsValue::UNDEFINED).expect("a verdict");
            let reparsed = js_sys::JSON::parse(line).expect("JSON");
            let as_text = |v: &JsValue| js_sys::JSON::stringify(v).expect("stringify").as_string().expect("text");
            assert_eq!(as_text(&reparsed), as_text(&object), "{href}");
        }
    }

    fn refs(fields: &[String]) -> Vec<&str> {
        fields.iter().map(String::as_str).collect()
    }

    /// Parses a JS expression (the tests' way to make JS values).
    fn js(source: &str) -> JsValue {
        js_sys::Function::new_no_args(&format!("return {source};")).call0(&JsValue::NULL).expect("valid JS")
    }

    #[test]
    fn links_and_options_cross_from_plain_objects() {
        let link = |source| from_js::<LinkInput>(js(source), "link").map_err(|e| JsValue::from(e).as_string());
        let cases: &[(&str, LinkInput)] = &[
            ("{href: 'https://a.example/', text: 'a'}", LinkInput::new("https://a.example/", "a")),
            // `text` defaults to ""; null and undefined optional fields are None; unknown
            // fields are ignored.
            ("{href: 'h', title: null, saferedirecturl: undefined, extra: 5}", LinkInput::new("h", "")),
            (
                "{href: 'h', text: 't', title: 'ti', saferedirecturl: 's', originalsrc: 'o'}",
                LinkInput {
                    href: "h".into(),
                    text: "t".into(),
                    title: Some("ti".into()),
                    saferedirecturl: Some("s".into()),
                    originalsrc: Some("o".into()),
                    ..LinkInput::default()
                },
            ),
            (
                "{href: 'h', text: 't', dom_text: 'd', hidden: ['hidden-part', 'bidi'], ping: ['https://p.example/'], malformed: true}",
                LinkInput {
                    href: "h".into(),
                    text: "t".into(),
                    dom_text: Some("d".into()),
                    hidden: vec![Hiding::HiddenPart, Hiding::Bidi],
                    ping: vec!["https://p.example/".into()],
                    malformed: true,
                    ..LinkInput::default()
                },
            ),
        ];
        for (source, want) in cases {
            assert_eq!(link(source).as_ref(), Ok(want), "{source}");
        }
        for source in ["{text: 'no href'}", "{href: 1.5}", "{href: 'h', text: null}", "'a string'", "[1]", "null"] {
            assert!(link(source).is_err(), "{source}");
        }
        let batch: Vec<LinkInput> = from_js(js("[{href: 'a'}, {href: 'b', text: 'B'}]"), "links").expect("two links");
        assert_eq!(batch, [LinkInput::new("a", ""), LinkInput::new("b", "B")]);

        let options: Options = from_js(js("{allowlist: ['example.com'], disabled: ['text-mismatch', 'dynamic-dns']}"), "options")
            .expect("options");
        assert_eq!(options.allowlist, ["example.com"]);
        assert_eq!(options.disabled, [crate::verdict::ReasonCode::TextMismatch, crate::verdict::ReasonCode::DynamicDns]);
        assert_eq!(from_js::<Options>(js("{}"), "options").ok(), Some(Options::default()));
        for source in ["{disabled: ['no-such-check']}", "{disabled: [3]}", "{allowlist: 'example.com'}"] {
            assert!(from_js::<Options>(js(source), "options").is_err(), "{source}");
        }
    }

    #[test]
    fn every_verdict_handed_out_explains_each_reason() {
        let guard = LinkGuard::new();
        let as_json = |v: &JsValue| -> serde_json::Value {
            let text = js_sys::JSON::stringify(v).expect("stringify").as_string().expect("text");
            serde_json::from_str(&text).expect("JSON")
        };
        for &(href, text, _) in CASES {
            let verdict = guard.engine.analyze(&LinkInput::new(href, text));
            let want: Vec<serde_json::Value> = verdict
                .reasons
                .iter()
                .map(|r| serde_json::to_value(crate::explain::explain(r, &verdict.target)).expect("JSON"))
                .collect();
            let single = as_json(&guard.analyze(js(&format!("{{href: {href:?}, text: {text:?}}}")), JsValue::UNDEFINED).expect("a verdict"));
            let batch = as_json(&guard.analyze_batch(js(&format!("[{{href: {href:?}, text: {text:?}}}]")), JsValue::UNDEFINED).expect("verdicts"));
            for object in [&single, &batch[0]] {
                let got: Vec<serde_json::Value> =
                    object["reasons"].as_array().expect("reasons").iter().map(|r| r["explained"].clone()).collect();
                assert_eq!(got, want, "{href}");
            }
        }
        // A brand crosses in both languages.
        let brand = as_json(&guard.analyze(js("{href: 'https://www.rakuten.co.jp.example.cn/', text: 'Login'}"), JsValue::UNDEFINED).expect("a verdict"));
        assert_eq!(brand["reasons"][0]["explained"]["body"][0]["args"][1], serde_json::json!({"en": "Rakuten", "ja": "楽天"}));
    }

    #[test]
    fn reason_codes_are_every_code_in_order() {
        let codes = reason_codes();
        assert_eq!(codes.len(), ReasonCode::ALL.len());
        for (name, code) in codes.iter().zip(ReasonCode::ALL) {
            assert_eq!(ReasonCode::parse(name), Some(code), "{name}");
        }
    }

    /// The typed fields the content script reads from the page cross the frame as the engine
    /// takes them: dom_text, the ping URLs, one flag letter per way of hiding, and `m`.
    #[test]
    fn scan_batch_carries_the_rendered_reading() {
        let guard = LinkGuard::new();
        let fields = [
            "https://evil.example.net/", "https://www.eki-net.com/", "", "", "", "", "https://www.eki-zzznet.com/", "", "pg",
            "https://www.eki-net.com/", "Login", "", "", "", "", "", "https://checkid.ddnsking.com/a https://b.example/", "",
            "https://www.example.com/", "Read", "", "", "", "", "", "", "m",
        ];
        let out = guard.scan_batch(frame_links(&fields).as_bytes(), None).expect("a well-formed batch");
        let lines: Vec<&str> = out.split_terminator('\n').collect();
        let expected = [
            LinkInput {
                dom_text: Some("https://www.eki-zzznet.com/".into()),
                hidden: vec![Hiding::HiddenPart, Hiding::Generated],
                ..LinkInput::new("https://evil.example.net/", "https://www.eki-net.com/")
            },
            LinkInput {
                ping: vec!["https://checkid.ddnsking.com/a".into(), "https://b.example/".into()],
                ..LinkInput::new("https://www.eki-net.com/", "Login")
            },
            LinkInput { malformed: true, ..LinkInput::new("https://www.example.com/", "Read") },
        ];
        assert_eq!(lines.len(), expected.len());
        for (line, input) in lines.iter().zip(&expected) {
            let verdict: Verdict = serde_json::from_str(line).expect("flagged: a JSON line");
            assert_eq!(verdict, guard.engine.analyze(input), "{input:?}");
            assert_ne!(verdict.level, Level::Safe, "{input:?}");
        }
    }

    /// One link the engine can't read (an unknown flag) is `unreadable`; the rest are judged.
    #[test]
    fn an_unreadable_link_fails_alone() {
        let guard = LinkGuard::new();
        let out = guard
            .scan_batch(
                frame_links(&[
                    "https://checkid.ddnsking.com/", "Login", "", "", "", "", "", "", "?",
                    "https://www.example.com/a", "Read", "", "", "", "", "", "", "",
                ]).as_bytes(),
                None,
            )
            .expect("a well-formed batch");
        let lines: Vec<&str> = out.split_terminator('\n').collect();
        let unreadable: Verdict = serde_json::from_str(lines[0]).expect("JSON");
        assert_eq!(unreadable.level, Level::Caution);
        assert_eq!(unreadable.reasons.iter().map(|r| r.code).collect::<Vec<_>>(), [ReasonCode::Unreadable]);
        assert_eq!(unreadable.target.url, "https://checkid.ddnsking.com/");
        assert_eq!(lines[1], "www.example.com example.com");
        // The background's answer for a link whose scan failed: the same verdict.
        let line = super::unreadable("https://checkid.ddnsking.com/", "unknown flag '?'");
        assert_eq!(serde_json::from_str::<Verdict>(&line).expect("JSON"), unreadable);
    }

    #[test]
    fn scan_batch_rejects_a_ragged_batch() {
        let guard = LinkGuard::new();
        assert!(guard.scan_batch(b"1,1,1,1,1,1,1,1,1,1;abcdefghij", None).is_err(), "a link of ten fields");
        assert!(guard.scan_batch(b"garbage", None).is_err());
        assert!(guard.scan_batch(b"1;\xff", None).is_err(), "not UTF-8");
        // Contexts of CONTEXT_FIELDS fields each.
        let link = frame_links(&["https://a.example/", "x", "", "", "", "", "", "", ""]);
        assert!(guard.scan_batch(link.as_bytes(), Some(frame(&["Amazon"]))).is_err());
        assert!(guard.scan_batch(link.as_bytes(), Some("garbage".into())).is_err());
    }

    /// A link whose context index is none of the contexts' is `unreadable`, alone: the
    /// message it belongs to is unknown, so it is not judged as if it were in none.
    #[test]
    fn a_link_in_an_unknown_message_fails_alone() {
        let guard = LinkGuard::new();
        let context = frame(&["Amazon", "x@evil.example", "", "", "", "", "", ""]);
        for index in ["1", "x", "-1", "0.5", " 0"] {
            let out = guard
                .scan_batch(
                    frame_links(&[
                        "https://a.example/", "x", index, "", "", "", "", "", "",
                        "https://www.example.com/a", "Read", "", "", "", "", "", "", "",
                    ]).as_bytes(),
                    Some(context.clone()),
                )
                .expect("a well-formed batch");
            let lines: Vec<&str> = out.split_terminator('\n').collect();
            let unreadable: Verdict = serde_json::from_str(lines[0]).expect("JSON");
            assert_eq!(unreadable.reasons.iter().map(|r| r.code).collect::<Vec<_>>(), [ReasonCode::Unreadable], "{index:?}");
            assert_eq!(lines[1], "www.example.com example.com", "{index:?}");
        }
        // Without contexts, any index is unknown.
        let out = guard.scan_batch(frame_links(&["https://a.example/", "x", "0", "", "", "", "", "", ""]).as_bytes(), None).expect("a batch");
        assert!(out.contains("\"unreadable\""), "{out}");
    }

    /// The golden cases in a message (`tests/data/cases.json` with a `context`), through every
    /// entry point: `analyze` with the context object, `analyzeBatch` with contexts by index,
    /// `scanBatch` with a framed context table; each gives what the engine says in the message.
    #[test]
    fn links_in_their_message_cross_every_entry_point() {
        let guard = LinkGuard::new();
        let file: serde_json::Value =
            serde_json::from_str(include_str!("../tests/data/cases.json")).expect("cases.json parses");
        let in_messages: Vec<&serde_json::Value> =
            file["cases"].as_array().expect("cases").iter().filter(|c| c.get("context").is_some()).collect();
        assert!(in_messages.len() >= 5, "golden cases in a message");
        let as_json = |v: &JsValue| -> serde_json::Value {
            serde_json::from_str(&js_sys::JSON::stringify(v).expect("stringify").as_string().expect("text")).expect("JSON")
        };
        // One context per case, in a table; each link names its own.
        let contexts: Vec<MessageContext> =
            in_messages.iter().map(|c| serde_json::from_value(c["context"].clone()).expect("a context")).collect();
        let mut links = Vec::new();
        let mut framed_links: Vec<String> = Vec::new();
        let mut framed_contexts: Vec<String> = Vec::new();
        for (i, (case, context)) in in_messages.iter().zip(&contexts).enumerate() {
            let (href, text) = (case["href"].as_str().expect("href"), case["text"].as_str().expect("text"));
            let want = guard.engine.analyze_in(&LinkInput::new(href, text), &guard.engine.message(context));
            assert_eq!(want.level.as_str(), case["expected"]["level"], "{}", case["id"]);
            let want_json = serde_json::to_value(ExplainedVerdict::of(&want)).expect("JSON");
            let context_js = js(&serde_json::to_string(&case["context"]).expect("JSON"));
            let single = guard.analyze(js(&format!("{{href: {href:?}, text: {text:?}}}")), context_js).expect("a verdict");
            assert_eq!(as_json(&single), want_json, "{}: analyze", case["id"]);
            links.push(serde_json::json!({"href": href, "text": text, "context": i}));
            framed_links.extend([href, text, &i.to_string(), "", "", "", "", "", ""].map(str::to_owned));
            let field = |f: &Option<String>| f.clone().unwrap_or_default();
            framed_contexts.extend([
                field(&context.sender_name),
                field(&context.sender_address),
                field(&context.subject),
                field(&context.reply_to),
                field(&context.return_path),
                field(&context.list_id),
                field(&context.list_unsubscribe),
                field(&context.webmail_host),
            ]);
        }
        // The same link once more, in no message.
        let (href, text) = (in_messages[0]["href"].as_str().expect("href"), in_messages[0]["text"].as_str().expect("text"));
        links.push(serde_json::json!({"href": href, "text": text}));
        framed_links.extend([href, text, "", "", "", "", "", "", ""].map(str::to_owned));
        let alone = guard.engine.analyze(&LinkInput::new(href, text));

        let contexts_js = js(&serde_json::to_string(&contexts).expect("JSON"));
        let batch = as_json(&guard.analyze_batch(js(&serde_json::to_string(&links).expect("JSON")), contexts_js).expect("verdicts"));
        let out = guard.scan_batch(frame_links(&refs(&framed_links)).as_bytes(), Some(frame(&refs(&framed_contexts)))).expect("a scan");
        let lines: Vec<&str> = out.split_terminator('\n').collect();
        assert_eq!(lines.len(), links.len());
        for (i, case) in in_messages.iter().enumerate() {
            let want = guard.engine.analyze_in(
                &LinkInput::new(case["href"].as_str().expect("href"), case["text"].as_str().expect("text")),
                &guard.engine.message(&contexts[i]),
            );
            assert_eq!(batch[i], serde_json::to_value(ExplainedVerdict::of(&want)).expect("JSON"), "{}: analyzeBatch", case["id"]);
            match lean_safe(&want, case["href"].as_str().expect("href")) {
                Some(lean) => assert_eq!(lines[i], lean, "{}: scanBatch", case["id"]),
                None => assert_eq!(serde_json::from_str::<Verdict>(lines[i]).expect("a verdict"), want, "{}: scanBatch", case["id"]),
            }
        }
        let last = links.len() - 1;
        assert_eq!(batch[last], serde_json::to_value(ExplainedVerdict::of(&alone)).expect("JSON"), "a link in no message");
        match lean_safe(&alone, href) {
            Some(lean) => assert_eq!(lines[last], lean),
            None => assert_eq!(serde_json::from_str::<Verdict>(lines[last]).expect("a verdict"), alone),
        }
        // A link's context must be an index into the contexts.
        for bad in ["[{href: 'a', context: 5}]", "[{href: 'a', context: 0.5}]", "[{href: 'a', context: -1}]", "[{href: 'a', context: 'x'}]"] {
            assert!(guard.analyze_batch(js(bad), js("[{sender_name: 'Amazon'}]")).is_err(), "{bad}");
        }
        assert!(guard.analyze(js("{href: 'a'}"), js("{subject: 5}")).is_err(), "a context of strings");
    }

    #[test]
    fn a_message_says_what_it_claims_and_its_senders_reasons() {
        let guard = LinkGuard::new();
        let context = js("{sender_name: 'eki-net.com', sender_address: 'eki-service4@jcmxirx.example.cn', subject: '【重要】えきねっとアカウントの自動退会処理について'}");
        let value = guard.message(context).expect("a message");
        let json: serde_json::Value =
            serde_json::from_str(&js_sys::JSON::stringify(&value).expect("stringify").as_string().expect("text")).expect("JSON");
        assert_eq!(json["claim"]["brands"][0]["brand"], "Eki-net (JR East)");
        assert_eq!(json["claim"]["brands"][0]["brand_ja"], "えきねっと（JR東日本）");
        assert_eq!(json["claim"]["brands"][0]["evidence"], "display-name");
        assert_eq!(json["claim"]["brands"][0]["official_url"], "https://www.eki-net.com/");
        assert_eq!(json["claim"]["sender_is_brand"], false);
        let codes: Vec<&str> = json["reasons"].as_array().expect("reasons").iter().map(|r| r["code"].as_str().expect("a code")).collect();
        assert_eq!(codes, ["mailto-brand-mismatch", "display-name-address"]);
        assert_eq!(json["reasons"][1]["explained"]["title"]["key"], "reason_display_name_address_title");
        assert!(guard.message(js("'not a context'")).is_err());
    }
}
