//! The data that crosses every boundary: what goes into the engine ([`LinkInput`]) and what
//! comes out ([`Verdict`]). Plain, serde-typed data; the reason codes are a stable API between
//! the engine and every UI (CLI, extension, www), so their serialized names never change.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

/// How worried the user should be. Ordered: `Safe < Caution < Danger`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    #[default]
    Safe,
    Caution,
    Danger,
}

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Safe => "safe",
            Level::Caution => "caution",
            Level::Danger => "danger",
        }
    }
}

/// Stable reason codes. Serialized in kebab-case (`text-mismatch`, `dynamic-dns`, ...).
/// Add new codes at the end; never rename one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ReasonCode {
    /// The visible text (or title) claims a URL/domain whose registrable domain differs.
    TextMismatch,
    /// Target is under a dynamic-DNS provider (No-IP, DuckDNS, Dynu, ...).
    DynamicDns,
    /// Target is on a free serverless/static/tunnel/site-builder host.
    FreeHosting,
    /// Target host is an IP literal (including obscured IPv4 forms).
    IpHost,
    /// The URL carries `user@` before the host.
    Userinfo,
    /// IDN label that is mixed-script / confusable, or bidi/zero-width characters.
    Homograph,
    /// `javascript:`, `data:`, `vbscript:`, `file:` targets.
    ScriptUrl,
    /// A known URL shortener: the destination can't be known offline.
    Shortener,
    /// A known security/redirect wrapper was decoded (or is opaque, see `Details::opaque`).
    Wrapped,
    /// Text claims a domain but the target is a mail service provider's click tracker.
    TrackingRedirect,
    /// The href could not be parsed as a URL the browser would follow.
    InvalidUrl,
    /// A brand's real domain is written into another site's host name
    /// (`www.eki-net.com.zvwscs.cn`, `www-aeon-co-jp.example.com`).
    BrandInHost,
    /// Some other domain name is written left of the host's registrable domain
    /// (`anazaon.co.jp.login.z2hdao.cn`); danger when it imitates a brand's.
    DomainInHost,
    /// The site's own registrable domain imitates a brand's (`steeamcommnity.com`,
    /// `paypa1.com`): a typo, swapped letters or look-alike characters.
    LookalikeDomain,
    /// A brand's name stands in front of another site's domain (`smbc.zgcdpvd.cn`,
    /// `www.eki-net-login.example.cn`): caution, since the site's owner chose that name.
    BrandNameInHost,
    /// A `mailto:` link whose text names a brand ("Amazon カスタマーサービス") writes to an
    /// address outside the brand's domains (`amazon-help@gmail.com`).
    MailtoBrandMismatch,
    /// The text a person sees is not the text the mail holds: parts hidden inside it, a
    /// right-to-left override reordering it, text drawn by a style sheet, or an invisible link
    /// over other text ([`Hiding`]). Danger when that changes the address the text shows.
    HiddenText,
    /// The link could not be read (its address or text is not well-formed text, or the check
    /// itself failed): no verdict could be made, so it is not called safe.
    Unreadable,
    /// A URL the link's `ping` attribute sends a notice to when it is followed is flagged.
    PingTarget,
    /// The link's own words name a brand and ask for an action ("三井住友カードにログイン",
    /// "Verify your PayPal account"), but it goes to a site that isn't the brand's.
    LinkBrandMismatch,
    /// The message presents itself as a brand (its sender's name, its subject's 【…】, its
    /// sender's address), and this link goes somewhere that is neither the brand's nor neutral.
    MessageBrandMismatch,
    /// The sender's display name is itself an address or a domain name
    /// (`"no-reply@mercedes.de" <service@other.example>`) other than the one it is sent from.
    DisplayNameAddress,
}

impl ReasonCode {
    pub const ALL: [ReasonCode; 22] = [
        ReasonCode::TextMismatch,
        ReasonCode::DynamicDns,
        ReasonCode::FreeHosting,
        ReasonCode::IpHost,
        ReasonCode::Userinfo,
        ReasonCode::Homograph,
        ReasonCode::ScriptUrl,
        ReasonCode::Shortener,
        ReasonCode::Wrapped,
        ReasonCode::TrackingRedirect,
        ReasonCode::InvalidUrl,
        ReasonCode::BrandInHost,
        ReasonCode::DomainInHost,
        ReasonCode::LookalikeDomain,
        ReasonCode::BrandNameInHost,
        ReasonCode::MailtoBrandMismatch,
        ReasonCode::HiddenText,
        ReasonCode::Unreadable,
        ReasonCode::PingTarget,
        ReasonCode::LinkBrandMismatch,
        ReasonCode::MessageBrandMismatch,
        ReasonCode::DisplayNameAddress,
    ];

    /// The serialized (kebab-case) name.
    pub fn as_str(self) -> &'static str {
        match self {
            ReasonCode::TextMismatch => "text-mismatch",
            ReasonCode::DynamicDns => "dynamic-dns",
            ReasonCode::FreeHosting => "free-hosting",
            ReasonCode::IpHost => "ip-host",
            ReasonCode::Userinfo => "userinfo",
            ReasonCode::Homograph => "homograph",
            ReasonCode::ScriptUrl => "script-url",
            ReasonCode::Shortener => "shortener",
            ReasonCode::Wrapped => "wrapped",
            ReasonCode::TrackingRedirect => "tracking-redirect",
            ReasonCode::InvalidUrl => "invalid-url",
            ReasonCode::BrandInHost => "brand-in-host",
            ReasonCode::DomainInHost => "domain-in-host",
            ReasonCode::LookalikeDomain => "lookalike-domain",
            ReasonCode::BrandNameInHost => "brand-name-in-host",
            ReasonCode::MailtoBrandMismatch => "mailto-brand-mismatch",
            ReasonCode::HiddenText => "hidden-text",
            ReasonCode::Unreadable => "unreadable",
            ReasonCode::PingTarget => "ping-target",
            ReasonCode::LinkBrandMismatch => "link-brand-mismatch",
            ReasonCode::MessageBrandMismatch => "message-brand-mismatch",
            ReasonCode::DisplayNameAddress => "display-name-address",
        }
    }

    pub fn parse(s: &str) -> Option<ReasonCode> {
        ReasonCode::ALL.into_iter().find(|c| c.as_str() == s)
    }

    /// Key prefix of this code's texts in `data/locales/*/messages.json`
    /// (`reason_text_mismatch_title`, `reason_text_mismatch_body`, ...).
    pub fn message_key(self) -> String {
        format!("reason_{}", self.as_str().replace('-', "_"))
    }
}

/// What kind of lookalike a text-mismatch, domain-in-host or lookalike-domain is (see
/// `brand/label_distance.rs`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum LookalikeKind {
    /// Same registrable label under another public suffix (amazon.co.jp vs amazon.com): caution.
    SameLabelOtherSuffix,
    /// Edit distance 1-2 between the labels (paypal vs paypa1).
    EditDistance,
    /// Two adjacent letters swapped (amazon vs amzaon).
    Swapped,
    /// The claimed brand label is embedded in a longer name (eki-net vs eki-net-login).
    EmbeddedBrand,
}

/// Classification of an IP-literal host.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum IpKind {
    Public,
    Private,
    Loopback,
    LinkLocal,
    /// Unspecified, broadcast, documentation, multicast, reserved...
    Special,
}

/// Details of a reason. Every field is optional; which ones are set depends on the code.
/// UIs substitute these into the localized texts.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Details {
    /// Provider name from the host catalog ("No-IP", "Cloudflare Workers", "Bitly"). (This and
    /// the brand fields are borrowed from the compiled tables that name them: no copy a
    /// reason. Serialized as the same strings.)
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub provider: Option<Cow<'static, str>>,
    /// The registrable domain the text claims (text-mismatch, tracking-redirect), the brand's
    /// domain the host name carries (brand-in-host), the domain written into the host as it is
    /// written there (domain-in-host), or the brand's domain the target imitates
    /// (lookalike-domain).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub claimed: Option<String>,
    /// The registrable domain (or host when there is none) actually targeted.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub actual: Option<ShortString>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub lookalike: Option<LookalikeKind>,
    /// Canonical IP (dotted IPv4 / compressed IPv6) for ip-host.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub ip: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub ip_kind: Option<IpKind>,
    /// The host was written in an obscured form (decimal, hex, octal, short IPv4).
    #[serde(skip_serializing_if = "std::ops::Not::not", default)]
    pub obscured: bool,
    /// The link's text is its target written out (ip-host): the reader sees that it goes to a
    /// number, and in a mail known to present itself as no brand the reason is caution.
    #[serde(skip_serializing_if = "std::ops::Not::not", default)]
    pub text_is_target: bool,
    /// The userinfo part (userinfo).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub user: Option<String>,
    /// The userinfo looks like a domain (userinfo: danger).
    #[serde(skip_serializing_if = "std::ops::Not::not", default)]
    pub user_looks_like_domain: bool,
    /// ASCII (punycode) form of the host (homograph).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub punycode: Option<String>,
    /// Unicode form of the host (homograph).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub unicode: Option<String>,
    /// What made it a homograph: "mixed-script", "confusable", "bidi", "zero-width", "invalid-idn".
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub homograph_kind: Option<String>,
    /// URL scheme (script-url).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub scheme: Option<String>,
    /// Wrapper name ("Microsoft SafeLinks", "Proofpoint URL Defense v3", "Mimecast").
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub wrapper: Option<String>,
    /// The wrapper hides its target (Mimecast tokens), or nesting exceeded the depth limit.
    #[serde(skip_serializing_if = "std::ops::Not::not", default)]
    pub opaque: bool,
    /// Free-form extra words for developers (not shown as the main explanation).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub note: Option<String>,
    /// The impersonated brand, as `data/brands.tsv` names it (brand-in-host, domain-in-host,
    /// lookalike-domain).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub brand: Option<Cow<'static, str>>,
    /// The same brand as Japanese users know it (`楽天` for Rakuten), where the data gives one.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub brand_ja: Option<Cow<'static, str>>,
    /// The brand's real domain that the written one imitates (domain-in-host).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub brand_domain: Option<Cow<'static, str>>,
    /// How the text a person sees differs from the mail's own text (hidden-text).
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub hidden: Vec<Hiding>,
    /// The address the mail's own text claims, where it differs from the one a person sees
    /// (`claimed`) (hidden-text).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub written: Option<String>,
    /// The brand's official page (`data/brands.tsv`, column 6), to open instead of the link
    /// (link-brand-mismatch, message-brand-mismatch): the dialog's "open the official site" button.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub official_url: Option<String>,
    /// What presents the brand (link-brand-mismatch, message-brand-mismatch): the sender's
    /// name, the subject, the sender's address or the link's words; `claimed` holds those words.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub evidence: Option<ClaimEvidence>,
    /// The words of the link that ask for an action ("ログイン", "verify"), where they count.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub action: Option<String>,
    /// The registrable domain of the address the message is sent from (message-brand-mismatch,
    /// display-name-address); absent when the message has no readable sender address.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub sender: Option<String>,
    /// The sender's address is the brand's own (message-brand-mismatch): such a From can be
    /// forged, so only links that dress up as the brand or ask for an action elsewhere count.
    #[serde(skip_serializing_if = "std::ops::Not::not", default)]
    pub sender_is_brand: bool,
}

/// How the text a person sees differs from the text the mail holds (read by the extension's
/// content script from the rendered page; `LinkInput::hidden`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Hiding {
    /// Parts of the text are not shown: `display: none`, `visibility: hidden`, zero size,
    /// transparent or clipped away.
    HiddenPart,
    /// Bidi overrides or right-to-left runs show the text in another order than it is written.
    Bidi,
    /// A style sheet draws text that is not in the mail (`::before { content: … }`).
    Generated,
    /// The link's own text is invisible: what a person sees there is other text under it.
    Transparent,
}

impl Hiding {
    pub const ALL: [Hiding; 4] = [Hiding::HiddenPart, Hiding::Bidi, Hiding::Generated, Hiding::Transparent];

    pub fn as_str(self) -> &'static str {
        match self {
            Hiding::HiddenPart => "hidden-part",
            Hiding::Bidi => "bidi",
            Hiding::Generated => "generated",
            Hiding::Transparent => "transparent",
        }
    }

    pub fn parse(s: &str) -> Option<Hiding> {
        Hiding::ALL.into_iter().find(|h| h.as_str() == s)
    }
}

/// What in a message or link presents it as a brand.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ClaimEvidence {
    /// The sender's display name ("三井住友カード", "えきねっと via Osst-users", "etc-meisai").
    DisplayName,
    /// The subject ("【三井住友カード】ご利用確認のお願い").
    Subject,
    /// The sender's address writes the brand's domain into its own (`info.smbc-card.com@x.cloud`).
    SenderAddress,
    /// The link's own text or title ("三井住友カードにログイン").
    LinkText,
}

impl ClaimEvidence {
    pub fn as_str(self) -> &'static str {
        match self {
            ClaimEvidence::DisplayName => "display-name",
            ClaimEvidence::Subject => "subject",
            ClaimEvidence::SenderAddress => "sender-address",
            ClaimEvidence::LinkText => "link-text",
        }
    }
}

/// The message a link is in, as its mail shows it: who it says it is from, what it is about, and
/// the list it came through. Every field is optional; a webmail gives what it shows (name,
/// address, subject), `linkguard scan` every header. The engine reads it once per message
/// ([`crate::Engine::message`]) and judges each of the message's links against it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MessageContext {
    /// The sender's display name as shown ("三井住友カード", "えきねっと via Osst-users").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sender_name: Option<String>,
    /// The sender's (From) address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sender_address: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    /// The Reply-To address(es) as written: the original sender's when a mailing list rewrote
    /// From to "<name> via <List>".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reply_to: Option<String>,
    /// The Return-Path address. No verdict depends on it (mail sent through a mail service has
    /// another one); `linkguard scan` reports a difference as a signal.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub return_path: Option<String>,
    /// The List-Id header (`<osst-users.lists.sourceforge.net>`): the list's own links are
    /// neutral.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub list_id: Option<String>,
    /// The List-Unsubscribe header (`<https://lists.example.org/options/x>, <mailto:…>`): its
    /// hosts are neutral.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub list_unsubscribe: Option<String>,
    /// The host of the webmail the message is shown in (`mail.example.org` for a company's
    /// Roundcube): a link there is the reader's own mailbox (a webmail rewrites mail links to
    /// its compose page), neutral like the webmails of `data/neutral_hosts.tsv`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub webmail_host: Option<String>,
}

/// One reason: a stable code, the level it contributes, and its details.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reason {
    pub code: ReasonCode,
    pub level: Level,
    #[serde(default)]
    pub details: Details,
}

impl Reason {
    pub fn new(code: ReasonCode, level: Level) -> Reason {
        Reason { code, level, details: Details::default() }
    }
    pub fn with(code: ReasonCode, level: Level, details: Details) -> Reason {
        Reason { code, level, details }
    }
}

/// Where a host sits in the host catalog (`data/hosts.tsv`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum HostCategory {
    DynamicDns,
    FreeHosting,
    Shortener,
    Tracker,
    Wrapper,
}

impl HostCategory {
    pub fn as_str(self) -> &'static str {
        match self {
            HostCategory::DynamicDns => "dynamic-dns",
            HostCategory::FreeHosting => "free-hosting",
            HostCategory::Shortener => "shortener",
            HostCategory::Tracker => "tracker",
            HostCategory::Wrapper => "wrapper",
        }
    }
    pub fn parse(s: &str) -> Option<HostCategory> {
        [
            HostCategory::DynamicDns,
            HostCategory::FreeHosting,
            HostCategory::Shortener,
            HostCategory::Tracker,
            HostCategory::Wrapper,
        ]
        .into_iter()
        .find(|c| c.as_str() == s)
    }
}

/// A host name (or registrable domain) held in place when it is short, as nearly all are: the
/// verdict's `host` and `registrable_domain` were two heap allocations (and two frees) a link.
/// Reads as a `str` (`Deref`), serializes and deserializes as a plain string: the JSON of a
/// verdict is the same as with `String`.
#[derive(Clone)]
pub struct ShortString(ShortRepr);

#[derive(Clone)]
enum ShortRepr {
    Inline { len: u8, bytes: [u8; SHORT_INLINE] },
    Heap(Box<str>),
}

/// 30 bytes in place keep the type at 32 bytes; longer names go to the heap.
const SHORT_INLINE: usize = 30;

impl ShortString {
    pub fn new(s: &str) -> ShortString {
        if s.len() <= SHORT_INLINE {
            let mut bytes = [0u8; SHORT_INLINE];
            bytes[..s.len()].copy_from_slice(s.as_bytes());
            ShortString(ShortRepr::Inline { len: s.len() as u8, bytes })
        } else {
            ShortString(ShortRepr::Heap(s.into()))
        }
    }

    pub fn as_str(&self) -> &str {
        match &self.0 {
            // The bytes are a copy of a `&str`'s first `len` (≤ SHORT_INLINE) bytes, whole.
            ShortRepr::Inline { len, bytes } => std::str::from_utf8(&bytes[..*len as usize]).unwrap_or(""),
            ShortRepr::Heap(s) => s,
        }
    }
}

impl Default for ShortString {
    fn default() -> ShortString {
        ShortString::new("")
    }
}

impl std::ops::Deref for ShortString {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for ShortString {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl std::borrow::Borrow<str> for ShortString {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

impl std::fmt::Debug for ShortString {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self.as_str(), f)
    }
}

impl std::fmt::Display for ShortString {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl PartialEq for ShortString {
    fn eq(&self, other: &ShortString) -> bool {
        self.as_str() == other.as_str()
    }
}
impl Eq for ShortString {}

impl PartialEq<str> for ShortString {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}
impl PartialEq<&str> for ShortString {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}
impl PartialEq<String> for ShortString {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other.as_str()
    }
}

impl std::hash::Hash for ShortString {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.as_str().hash(state)
    }
}

impl From<&str> for ShortString {
    fn from(s: &str) -> ShortString {
        ShortString::new(s)
    }
}
impl From<String> for ShortString {
    fn from(s: String) -> ShortString {
        if s.len() <= SHORT_INLINE { ShortString::new(&s) } else { ShortString(ShortRepr::Heap(s.into_boxed_str())) }
    }
}
impl From<&String> for ShortString {
    fn from(s: &String) -> ShortString {
        ShortString::new(s)
    }
}
impl From<ShortString> for String {
    fn from(s: ShortString) -> String {
        match s.0 {
            ShortRepr::Inline { .. } => s.as_str().to_owned(),
            ShortRepr::Heap(b) => b.into_string(),
        }
    }
}

impl Serialize for ShortString {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for ShortString {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<ShortString, D::Error> {
        let s = <Cow<'de, str>>::deserialize(deserializer)?;
        Ok(ShortString::new(&s))
    }
}

/// The real target, after unwrapping.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Target {
    /// The final URL (serialized by the `url` crate), or the raw href when it isn't a URL.
    pub url: String,
    /// Lowercase scheme without ':' ("https", "mailto", "javascript"); empty when unparsable.
    /// (Borrowed for the common schemes: every verdict has one, and an owned copy of "https"
    /// was one allocation and one free a link. Serialized as the same string either way.)
    pub scheme: Cow<'static, str>,
    /// ASCII host (punycode for IDN; IPv6 in brackets as the url crate writes it).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub host: Option<ShortString>,
    /// Unicode form of the host, when it differs from `host`.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub host_unicode: Option<String>,
    /// eTLD+1 by the PSL including its private section (e.g. `checkid.ddnsking.com`).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub registrable_domain: Option<ShortString>,
    /// (Borrowed for the most common suffixes, like `scheme`: serialized the same.)
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub public_suffix: Option<Cow<'static, str>>,
    /// The public suffix comes from the PSL's private section (a provider's shared domain).
    #[serde(default)]
    pub suffix_is_private: bool,
    /// Provider name where known (host catalog). (Borrowed from the compiled catalog, which
    /// names it: no copy a link.)
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub provider: Option<Cow<'static, str>>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub category: Option<HostCategory>,
}

/// What the visible text (or title) claims.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Shown {
    /// Where the claim came from: "text" or "title" (always a static word: no allocation).
    pub source: Cow<'static, str>,
    /// The claimed URL or domain as found (after NFKC), shortened to a sane length.
    pub claim: String,
    /// ASCII host the claim names.
    pub host: String,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub registrable_domain: Option<ShortString>,
}

/// One step of unwrapping: which wrapper was removed and the URL found inside it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnwrapStep {
    pub wrapper: String,
    /// The wrapper URL that was decoded.
    pub from: String,
    /// The URL found inside (empty when opaque).
    pub to: String,
}

/// The engine's answer for one link.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Verdict {
    pub level: Level,
    pub reasons: Vec<Reason>,
    pub target: Target,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub shown: Option<Shown>,
    #[serde(default)]
    pub unwrap_chain: Vec<UnwrapStep>,
    /// The target's registrable domain is on the user's allowlist: reasons are kept for
    /// information, but the level is `safe`.
    #[serde(skip_serializing_if = "std::ops::Not::not", default)]
    pub allowlisted: bool,
}

impl Verdict {
    pub fn has(&self, code: ReasonCode) -> bool {
        self.reasons.iter().any(|r| r.code == code)
    }
    pub fn reason(&self, code: ReasonCode) -> Option<&Reason> {
        self.reasons.iter().find(|r| r.code == code)
    }
}

/// One link as the page (or a mail) presents it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinkInput {
    /// The href as the browser resolved it (absolute), or as written in the mail.
    pub href: String,
    /// The visible text of the link.
    #[serde(default)]
    pub text: String,
    /// The `title` attribute.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Gmail's `data-saferedirecturl`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub saferedirecturl: Option<String>,
    /// Outlook's `originalsrc` (the URL before SafeLinks rewrote it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub originalsrc: Option<String>,
    /// The text as the mail holds it (the DOM's `textContent`), when the text a person sees
    /// (`text`, read from the rendered page) differs from it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dom_text: Option<String>,
    /// How `text` was found to differ from `dom_text` (or from the link's own text).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub hidden: Vec<Hiding>,
    /// The URLs of the link's `ping` attribute, notified when the link is followed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ping: Vec<String>,
    /// Some field held what is not text (a lone UTF-16 surrogate a page script wrote): it was
    /// read with U+FFFD in its place, and the link is `unreadable`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub malformed: bool,
}

impl LinkInput {
    pub fn new(href: impl Into<String>, text: impl Into<String>) -> LinkInput {
        LinkInput { href: href.into(), text: text.into(), ..LinkInput::default() }
    }
}

/// User settings that change verdicts: trusted domains and switched-off checks.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Options {
    /// Registrable domains (or hosts) the user trusts. A target whose registrable domain is
    /// listed gets level `safe` (`allowlisted: true`).
    #[serde(default)]
    pub allowlist: Vec<String>,
    /// Checks switched off by the user; their reasons are not reported.
    #[serde(default)]
    pub disabled: Vec<ReasonCode>,
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn short_string_reads_and_serializes_as_the_string() {
        // Both sides of the in-place limit, empty, and non-ASCII cut nowhere near a boundary.
        let texts = ["", "a", "example.com", &"a".repeat(30), &"b".repeat(31), &"c".repeat(300), "例え.テスト", &"é".repeat(15), &"é".repeat(16)];
        for text in texts {
            let short = ShortString::new(text);
            assert_eq!(short.as_str(), text);
            assert_eq!(&*ShortString::from(text.to_string()), text);
            assert_eq!(String::from(short.clone()), text);
            let json = serde_json::to_string(&short).unwrap();
            assert_eq!(json, serde_json::to_string(text).unwrap());
            let back: ShortString = serde_json::from_str(&json).unwrap();
            assert_eq!(back, short);
        }
        let target = Target { host: Some("login.example.co.jp".into()), registrable_domain: Some("example.co.jp".into()), ..Target::default() };
        let json = serde_json::to_string(&target).unwrap();
        assert!(json.contains(r#""host":"login.example.co.jp","registrable_domain":"example.co.jp""#), "{json}");
        assert_eq!(serde_json::from_str::<Target>(&json).unwrap(), target);
    }
}
