//! Which brand a message presents itself as, and from what evidence; which brand a link's own
//! words name, and whether they ask the reader to act. Decided here and nowhere else: the engine
//! reads a message's context once ([`MessageClaim::of`], through `Engine::message`) and judges
//! each of its links against the claim (`message::brand_mismatch`).
//!
//! A message presents itself as a brand by
//! - its sender's display name: a name of the brand ("三井住友カード", "えきねっと via
//!   Osst-users": a mailing list's rewrite "<name> via <List>" is read as <name>), or an address
//!   or domain of the brand written as the name (`"eki-net.com" <x@example.cn>`);
//! - its subject: a brand's name set off in brackets, as Japanese phishing writes it
//!   ("【三井住友カード】ご利用確認のお願い", "「重要」", "[Amazon]"), or named in a plain
//!   subject that also speaks of an account, a payment or an order ("Amazon.co.jpでのご注文の
//!   確認", "Your PayPal account is limited"); not in a reply or a forward ("Re:", "Fwd:",
//!   "転送:"), where the subject is someone else's;
//! - its sender's address writing a brand's domain into its own (`info.smbc-card.com@zgxx.cloud`,
//!   `support-amazon.jp@sgnagw.cn`, `statement-email.aeon.co-jp@x.cn`).
//!
//! The subject and the address only tell who a message *claims* to be when the sender isn't
//! known to be someone else: a brand's own mail naming a partner ("楽天カード" mail with
//! "【Apple Pay】" in its subject) claims its own brand, and a newsletter whose display name is
//! its own domain's or address's name ("Lockergnome" <news@lockergnome.com>) writing about
//! Microsoft in its subject claims nothing.
//!
//! The sender's address is the message's From address, or its Reply-To when a list rewrote From
//! ("<name> via <List>" <list@lists.example.org>): then the list's own hosts (its List-Id, its
//! List-Unsubscribe links, its address) are neutral destinations for the message's links, as
//! the hosts of `data/neutral_hosts.tsv` are for every message.

use std::borrow::Cow;
use crate::brand::names_in_text;
use crate::brand::table::{brands, is_under, Brand, NameRule};
use crate::host::domain::{normalize_host, Domains};
use crate::message::sender;
use crate::text::lowercase::to_lowercase;
use crate::verdict::{ClaimEvidence, Details, Level, MessageContext, Reason, ReasonCode, Target};
use serde::Serialize;

/// Longest text of the evidence kept in a reason (a display name, a subject).
const MAX_SAID_CHARS: usize = 120;

/// A brand the message presents itself as, and what says so.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimedBrand {
    pub brand: &'static Brand,
    pub evidence: ClaimEvidence,
    /// The words that present it: the display name, the subject, or the sender's address.
    pub said: String,
}

/// What a message says of itself, read once for all its links.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MessageClaim {
    /// The brands the message presents itself as, strongest evidence first (display name,
    /// sender's address, subject); one entry per brand.
    pub brands: Vec<ClaimedBrand>,
    /// The display name as read: a list's "via <List>" left out.
    pub display_name: Option<String>,
    /// The list named by "<name> via <List>", when a list rewrote From.
    pub via_list: Option<String>,
    /// The address the message is sent from: From's, or Reply-To's when a list rewrote From.
    pub sender_address: Option<String>,
    /// That address's host, normalized.
    pub sender_host: Option<String>,
    /// That address's registrable domain (the host when it has none).
    pub sender_domain: Option<String>,
    /// The sender's address is one of the claimed brands' own (their group's included). Such a
    /// From can be forged: only links that dress up as the brand, or ask to act elsewhere, count.
    pub sender_is_brand: bool,
    /// Hosts of the mailing list the message came through, and of the webmail showing it:
    /// neutral for its links.
    pub list_hosts: Vec<String>,
    /// The subject or the sender's name speaks of the account's security ("Unlock your
    /// account", "アカウントがロックされています", "Security Dept."): such a mail from a brand
    /// links to the brand's own site only.
    pub about_security: bool,
    /// What the sender fields alone say: `mailto-brand-mismatch` (the display name presents a
    /// brand its address isn't one of) and `display-name-address` (the name is an address or a
    /// domain other than the sender's).
    pub sender_reasons: Vec<Reason>,
}

impl MessageClaim {
    /// Reads a message's context: who it presents itself as, from which address, through which
    /// list, and what its sender fields alone say.
    pub fn of(context: &MessageContext, domains: &Domains) -> MessageClaim {
        let mut claim = MessageClaim::default();
        let (display, via) = match context.sender_name.as_deref().map(clean) {
            Some(name) if !name.is_empty() => split_via(&name),
            _ => (None, None),
        };
        let from = context.sender_address.as_deref().and_then(first_address);
        let reply_to = context.reply_to.as_deref().and_then(first_address);
        // A list that rewrote From sends from its own address; the sender's is in Reply-To.
        let mut list_hosts = list_hosts(context, via.is_some().then_some(from.as_deref()).flatten());
        let rewritten = via.is_some()
            || from.as_deref().and_then(sender::address_host).is_some_and(|h| list_hosts.iter().any(|l| is_under(&h, l)));
        let address = if rewritten { reply_to.or(from) } else { from };
        let host = address.as_deref().and_then(sender::address_host);
        let domain = host.as_deref().map(|h| registrable(h, domains));
        // A list is someone else than its sender: the sender's own hosts are no list's.
        list_hosts.retain(|h| Some(registrable(h, domains)) != domain);
        list_hosts.extend(context.webmail_host.as_deref().and_then(normalize_host));
        claim.display_name = display;
        claim.via_list = via;
        claim.sender_address = address;
        claim.sender_host = host;
        claim.sender_domain = domain;
        claim.list_hosts = list_hosts;

        let hosts: Vec<String> = claim.sender_host.iter().cloned().collect();
        // Strongest first: the display name, the sender's address, then the subject.
        let mut found: Vec<ClaimedBrand> = Vec::new();
        if let Some(display) = claim.display_name.as_deref() {
            for brand in brands_in_display_name(display, &hosts, domains) {
                push_brand(&mut found, brand, ClaimEvidence::DisplayName, display);
            }
        }
        let sender_owner = claim.sender_own_brand(domains);
        if let (Some(address), None) = (claim.sender_address.as_deref(), sender_owner) {
            for brand in brands_in_address(address) {
                push_brand(&mut found, brand, ClaimEvidence::SenderAddress, address);
            }
        }
        if let Some(subject) = context.subject.as_deref().map(clean) {
            for brand in brands_in_subject(&subject) {
                push_brand(&mut found, brand, ClaimEvidence::Subject, &subject);
            }
        }
        // Who the sender is known to be decides what the subject and the address claim: a
        // brand's own mail claims its own brand, whatever partner it names; a sender named after
        // its own domain or address claims to be itself.
        let identified = claim.display_name.as_deref().is_some_and(|d| claim.names_itself(d));
        found.retain(|c| match (c.evidence, sender_owner) {
            (ClaimEvidence::DisplayName, _) => true,
            (_, Some(owner)) => same_group(owner, c.brand),
            (_, None) => !identified,
        });
        claim.sender_is_brand = match (claim.sender_host.as_deref(), claim.sender_domain.as_deref()) {
            (Some(host), Some(domain)) => found.iter().any(|c| c.brand.owns(host, domain)),
            _ => false,
        };
        claim.brands = found;
        claim.sender_reasons = claim.read_sender(domains);
        claim.about_security = [context.subject.as_deref(), claim.display_name.as_deref()]
            .into_iter()
            .flatten()
            .any(speaks_of_security);
        claim
    }

    /// The target the sender's reasons are explained for: a mail link to the sender's address,
    /// as a webmail shows a sender (and the extension judges one).
    pub fn sender_target(&self) -> Target {
        Target {
            url: self.sender_address.as_deref().map(|a| format!("mailto:{a}")).unwrap_or_default(),
            scheme: "mailto".into(),
            ..Target::default()
        }
    }

    /// Whether the message presents itself as some brand.
    pub fn claims_a_brand(&self) -> bool {
        !self.brands.is_empty()
    }

    /// Whether the message is known to present itself as no brand: who sent it is known (an
    /// address), and neither its sender fields nor its subject name a brand. A context without
    /// a sender (a webmail whose headers weren't read) says nothing either way.
    pub fn presents_no_brand(&self) -> bool {
        self.sender_address.is_some() && !self.claims_a_brand()
    }

    /// The first claimed brand owning `host` (registrable domain `registrable`), its group's
    /// hosts included.
    pub fn brand_owning(&self, host: &str, registrable: &str) -> Option<&ClaimedBrand> {
        self.brands.iter().find(|c| c.brand.owns(host, registrable))
    }

    /// Whether `host` belongs to the list the message came through, or is the webmail's.
    pub fn is_list_host(&self, host: &str) -> bool {
        self.list_hosts.iter().any(|l| is_under(host, l))
    }

    /// The brand whose own domains hold the sender's address, claimed or not.
    fn sender_own_brand(&self, domains: &Domains) -> Option<&'static Brand> {
        let host = self.sender_host.as_deref()?;
        let registrable = registrable(host, domains);
        brands().iter().find(|b| b.owns_itself(host, &registrable))
    }

    /// Whether `display` is the sender's own name: the name of its address's domain, written
    /// with or without spaces ("Lockergnome" <news@lockergnome.com>, "Krebs on Security"
    /// <newsletter@krebsonsecurity.com>). Four letters at least: short names match too much. Not
    /// its mailbox's name: phishing writes the display name into the mailbox too
    /// ("eki-support" <eki-support@ipygvgom.cn>); nor an address as the name.
    fn names_itself(&self, display: &str) -> bool {
        if display.contains('@') {
            return false;
        }
        let squashed: String = display.chars().filter(|c| c.is_ascii_alphanumeric()).collect::<String>().to_ascii_lowercase();
        let label = self.sender_domain.as_deref().and_then(|d| d.split('.').next()).unwrap_or("").replace('-', "");
        if squashed.len() < 4 || label.len() < 4 {
            return false;
        }
        // Equal, or one inside the other when the shorter has six letters.
        let close = |a: &str, b: &str| a.len() >= 6 && b.contains(a);
        squashed == label || close(&label, &squashed) || close(&squashed, &label)
    }

    /// The sender fields' own reasons.
    fn read_sender(&self, domains: &Domains) -> Vec<Reason> {
        let Some(display) = self.display_name.as_deref() else { return Vec::new() };
        let address = self.sender_address.as_deref().unwrap_or("");
        let mut reasons: Vec<Reason> = sender::brand_mismatch(display, None, &[address], domains).into_iter().collect();
        if let Some(written) = address_or_domain(display) {
            let written_host = normalize_host(written.rsplit('@').next().unwrap_or(written));
            let written_domain = written_host.as_deref().map(|h| registrable(h, domains));
            if written_domain.is_some() && written_domain != self.sender_domain {
                let owner = written_host
                    .as_deref()
                    .zip(written_domain.as_deref())
                    .and_then(|(h, d)| brands().iter().find(|b| b.owns_itself(h, d)));
                reasons.push(Reason::with(
                    ReasonCode::DisplayNameAddress,
                    Level::Caution,
                    Details {
                        claimed: Some(written.to_string()),
                        actual: self.sender_domain.as_deref().map(crate::verdict::ShortString::new),
                        sender: self.sender_domain.clone(),
                        brand: owner.map(|b| Cow::Borrowed(b.label)),
                        brand_ja: owner.and_then(|b| b.label_ja).map(Cow::Borrowed),
                        official_url: owner.map(|b| b.official_url.to_string()),
                        ..Details::default()
                    },
                ));
            }
        }
        reasons
    }
}

/// A [`MessageClaim`] as it crosses to a UI (the wasm's `message`, `linkguard scan --json`): the
/// brands claimed with their evidence and official page, and the sender as read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ClaimSummary<'a> {
    pub brands: Vec<ClaimedBrandSummary<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sender_address: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sender_domain: Option<&'a str>,
    pub sender_is_brand: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub via_list: Option<&'a str>,
}

/// One claimed brand in a [`ClaimSummary`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ClaimedBrandSummary<'a> {
    /// The brand's English label (`data/brands.tsv`), as reasons give it in `brand`.
    pub brand: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub brand_ja: Option<&'static str>,
    pub evidence: ClaimEvidence,
    /// The words that present the brand (the display name, the subject, the address).
    pub said: &'a str,
    pub official_url: &'static str,
}

impl MessageClaim {
    pub fn summary(&self) -> ClaimSummary<'_> {
        ClaimSummary {
            brands: self
                .brands
                .iter()
                .map(|c| ClaimedBrandSummary {
                    brand: c.brand.label,
                    brand_ja: c.brand.label_ja,
                    evidence: c.evidence,
                    said: &c.said,
                    official_url: c.brand.official_url,
                })
                .collect(),
            sender_address: self.sender_address.as_deref(),
            sender_domain: self.sender_domain.as_deref(),
            sender_is_brand: self.sender_is_brand,
            via_list: self.via_list.as_deref(),
        }
    }
}

/// What a link's own words say: the brand they name, and the words asking the reader to act.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LinkWords {
    /// The brand named, with its name as `data/brands.tsv` writes it; `None` when the words
    /// name no brand.
    pub brand: Option<(&'static Brand, &'static str)>,
    /// The words asking for an action ("ログイン", "sign in"), if any.
    pub action: Option<&'static str>,
}

/// What a link's text (else its title) says: whether it asks for an action, and then which
/// brand it names. Most links ask for nothing, and are done after one scan of their text.
pub fn link_words(text: &str, title: Option<&str>) -> LinkWords {
    let read = |words: &str| {
        let action = action_in(words)?;
        let brand = named(&without_urls(words)).into_iter().next();
        Some(LinkWords { brand, action: Some(action) })
    };
    let from_text = read(text);
    match from_text {
        Some(words) if words.brand.is_some() => words,
        _ => title.and_then(read).filter(|w| w.brand.is_some()).or(from_text).unwrap_or(LinkWords { brand: None, action: None }),
    }
}

/// Japanese words a link's text asks to act with. A link's text is short (a button, a line);
/// a headline that happens to hold one of these is longer than [`MAX_ACTION_TEXT_CHARS`]. Not
/// 認証 (authentication): a bank's own mail links "スマート認証NEOについて詳しく見る" to read
/// about its authentication app.
const ACTION_WORDS_JA: &[&str] = &[
    "ログイン", "ログオン", "サインイン", "確認", "更新", "支払", "決済", "解除", "再開",
    "再設定", "再登録", "変更", "登録", "入力", "手続", "照会", "受け取", "受取", "申請",
];

/// English verbs a link's text asks to act with, when they stand where a button's do: first or
/// second word, or before "your" ("Sign in to PayPal", "PayPal login", "Please verify your
/// account"); not in a headline ("Microsoft to update Windows", "Update: Apple delays…").
const ACTION_WORDS_EN: &[&str] = &[
    "sign in", "sign-in", "signin", "log in", "log-in", "login", "log on", "logon", "verify",
    "validate", "confirm", "unlock", "reactivate", "restore", "authenticate", "update", "pay",
];

/// Longer than this (in characters, URLs left out) a text is a sentence or a headline, not a
/// link asking to act.
const MAX_ACTION_TEXT_CHARS: usize = 60;

/// Words of a link leaving a mailing list: no action on an account ("メール配信の登録解除" holds
/// 登録 and 解除, and a brand's own mail links it to its mail service).
const UNSUBSCRIBE_WORDS: &[&str] = &[
    "unsubscribe", "opt out", "opt-out", "配信停止", "配信解除", "登録解除", "購読解除", "配信の停止",
    "メール配信", "abmelden", "désabonner", "desabonner", "darse de baja", "descadastr", "uitschrijven",
];

/// The words of `text` asking the reader to act, if any (URLs in it are no words).
pub fn action_in(text: &str) -> Option<&'static str> {
    if text.is_empty() || !may_ask(text) {
        return None;
    }
    read_action(text)
}

/// [`action_in`] without its quick scan.
fn read_action(text: &str) -> Option<&'static str> {
    let text: std::borrow::Cow<'_, str> =
        if text.split_whitespace().any(is_url_like) { without_urls(text).into() } else { text.into() };
    // NFKC keeps ASCII as it is, and no Japanese word is in ASCII text; of other text it changes
    // what the words are compared in only for half-width and full-width forms (ﾛｸﾞｲﾝ, ＬＯＧＩＮ)
    // and decomposed kana.
    let ascii = text.is_ascii();
    let needs_nfkc = !ascii && text.chars().any(|c| ('\u{FF00}'..='\u{FFEF}').contains(&c) || ('\u{3099}'..='\u{309A}').contains(&c));
    let text: std::borrow::Cow<'_, str> =
        if needs_nfkc { crate::text::claim::NFKC.normalize(&text).into_owned().into() } else { text };
    let length = if ascii { text.len() } else { text.chars().count() };
    if length > MAX_ACTION_TEXT_CHARS {
        return None;
    }
    let lower = to_lowercase(&text);
    let found = (!ascii).then(|| ACTION_WORDS_JA.iter().find(|w| text.contains(*w)).copied()).flatten().or_else(|| {
        // A colon stays with its word: "Update:" opens a headline, it asks for nothing.
        let words: Vec<&str> =
            lower.split(|c: char| !(c.is_alphanumeric() || c == '-' || c == ':')).filter(|w| !w.is_empty()).collect();
        words.iter().enumerate().find_map(|(i, &word)| {
            ACTION_WORDS_EN.iter().copied().find(|verb| {
                let (first, second) = verb.split_once(' ').unwrap_or((verb, ""));
                if word != first || (!second.is_empty() && words.get(i + 1) != Some(&second)) {
                    return false;
                }
                let after = words.get(i + if second.is_empty() { 1 } else { 2 }).copied();
                // Where a button has it: first or second word, or before "your".
                i < 2 || after == Some("your")
            })
        })
    })?;
    // An unsubscribe link asks for nothing, whatever its words.
    (!UNSUBSCRIBE_WORDS.iter().any(|w| lower.contains(w))).then_some(found)
}

/// Whether `text` may hold an action word, by one scan without allocating (this runs for every
/// link; most ask for nothing): an ASCII word that begins one of [`ACTION_WORDS_EN`], a character
/// that begins one of [`ACTION_WORDS_JA`], or a half-width or full-width form NFKC may turn
/// into one.
fn may_ask(text: &str) -> bool {
    if text.is_ascii() { may_ask_ascii(text) } else { may_ask_by_chars(text) }
}

/// [`may_ask`] of a text with non-ASCII characters, by one pass over its characters: a
/// candidate (an ASCII word of [`FIRST_WORDS`], or a character that may begin a Japanese action
/// word) has its whitespace-separated token looked at only when found. The same answer as
/// [`may_ask_by_tokens`] (tested), without splitting every token and testing each of its
/// characters against the list.
fn may_ask_by_chars(text: &str) -> bool {
    let is_word_char = |c: char| c.is_ascii_alphanumeric() || c == '-';
    let mut word_start: Option<usize> = None;
    for (i, c) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
        if is_word_char(c) {
            word_start.get_or_insert(i);
            continue;
        }
        if let Some(start) = word_start.take() {
            if may_begin_action(&text.as_bytes()[start..i]) && !in_address(text, start, i) {
                return true;
            }
        }
        // Only a non-ASCII token has these, and a character of one is in it.
        if may_begin_action_ja(c) && i < text.len() && !in_address(text, i, i + c.len_utf8()) {
            return true;
        }
    }
    false
}

/// Whether a half-width or full-width form, or the first character of one of
/// [`ACTION_WORDS_JA`], is `c`.
fn may_begin_action_ja(c: char) -> bool {
    ('\u{FF00}'..='\u{FFEF}').contains(&c) || (!c.is_ascii() && ACTION_FIRST_CHARS_JA.contains(&c))
}

/// Whether the whitespace-separated token of `text` around `start..end` is an address.
fn in_address(text: &str, start: usize, end: usize) -> bool {
    let token_start = text[..start].char_indices().rev().find(|&(_, c)| c.is_whitespace()).map_or(0, |(i, c)| i + c.len_utf8());
    let token_end = text[end..].char_indices().find(|&(_, c)| c.is_whitespace()).map_or(text.len(), |(i, _)| end + i);
    is_url_like(&text[token_start..token_end])
}

/// [`may_ask`] of any text, token by token: the definition the scans above are tested against.
#[cfg(test)]
fn may_ask_by_tokens(text: &str) -> bool {
    // An address in the text asks for nothing (`without_urls`).
    text.split_whitespace().filter(|token| !is_url_like(token)).any(|token| {
        let ascii_word = token.split(|c: char| !(c.is_ascii_alphanumeric() || c == '-')).any(|w| may_begin_action(w.as_bytes()));
        ascii_word
            || (!token.is_ascii()
                && token.chars().any(|c| ('\u{FF00}'..='\u{FFEF}').contains(&c) || ACTION_FIRST_CHARS_JA.contains(&c)))
    })
}

/// The words [`ACTION_WORDS_EN`] begin with, as a text splits them (at anything but ASCII
/// letters, digits and hyphens), shortest first: [`FIRST_WORD_STARTS`] finds those of a length.
const FIRST_WORDS: &[&str] = &[
    "log", "pay", "sign", "login", "logon", "signin", "log-in", "verify", "unlock", "update", "sign-in", "confirm",
    "restore", "validate", "reactivate", "authenticate",
];

/// The length of the last, longest, of [`FIRST_WORDS`].
const LONGEST_FIRST_WORD: usize = FIRST_WORDS[FIRST_WORDS.len() - 1].len();

/// Where the words of each length are in [`FIRST_WORDS`]: those of length `n` are
/// `FIRST_WORDS[FIRST_WORD_STARTS[n]..FIRST_WORD_STARTS[n + 1]]`.
const FIRST_WORD_STARTS: [usize; LONGEST_FIRST_WORD + 2] = {
    let mut starts = [0; LONGEST_FIRST_WORD + 2];
    let mut length = 0;
    while length < starts.len() {
        let mut shorter = 0;
        while shorter < FIRST_WORDS.len() && FIRST_WORDS[shorter].len() < length {
            shorter += 1;
        }
        starts[length] = shorter;
        length += 1;
    }
    starts
};

/// Whether `word` is one of [`FIRST_WORDS`], any case.
fn may_begin_action(word: &[u8]) -> bool {
    // Each of those begins with one of these letters: most words are out at once.
    let first = word.first().map(|b| b | 0x20);
    if !matches!(first, Some(b's' | b'l' | b'v' | b'c' | b'u' | b'r' | b'a' | b'p')) || word.len() > LONGEST_FIRST_WORD {
        return false;
    }
    // Every word of every link's text with such a letter comes here (1.4 a mail link): compared
    // with the few of its length, not with each of the sixteen.
    FIRST_WORDS[FIRST_WORD_STARTS[word.len()]..FIRST_WORD_STARTS[word.len() + 1]]
        .iter()
        .any(|f| word.eq_ignore_ascii_case(f.as_bytes()))
}

/// [`may_ask`] of an ASCII text, by one pass over its bytes: the words are the runs of ASCII
/// letters, digits and hyphens (each lies inside one whitespace-separated token, as `may_ask`
/// splits them), and a word's token is looked at (is it an address?) only when the word is one
/// of [`FIRST_WORDS`]. Most mail texts are ASCII; decoding and splitting them into tokens cost
/// more than the rest of the link's check.
fn may_ask_ascii(text: &str) -> bool {
    let bytes = text.as_bytes();
    let is_word_byte = |b: u8| WORD_BYTE[usize::from(b)];
    // ASCII whitespace as `char::is_whitespace` (and so `split_whitespace`) has it: the
    // vertical tab too.
    let is_space = |b: u8| b == b' ' || (0x09..=0x0d).contains(&b);
    // The words by `split` (a tight search for the next separator, no index checks), each one's
    // place kept alongside: every byte of every link's text passes here.
    let mut start = 0;
    for word in bytes.split(|&b| !is_word_byte(b)) {
        let (word_start, word_end) = (start, start + word.len());
        start = word_end + 1;
        if may_begin_action(word) {
            let token_start = bytes[..word_start].iter().rposition(|&b| is_space(b)).map_or(0, |p| p + 1);
            let token_end = bytes[word_end..].iter().position(|&b| is_space(b)).map_or(bytes.len(), |p| word_end + p);
            // An address in the text asks for nothing (`without_urls`).
            if !is_url_like(&text[token_start..token_end]) {
                return true;
            }
        }
    }
    false
}

/// The bytes of a word, as `may_ask` splits them: ASCII letters, digits and hyphens (a table: the
/// scan tests every byte of every link's text).
static WORD_BYTE: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = (b as u8).is_ascii_alphanumeric() || b as u8 == b'-';
        b += 1;
    }
    table
};

/// The first characters of [`ACTION_WORDS_JA`] (a test keeps them so).
const ACTION_FIRST_CHARS_JA: &[char] = &['ロ', 'サ', '確', '更', '支', '決', '解', '再', '変', '登', '入', '手', '照', '受', '申'];

/// A word of a link's text that is an address (`https://…`, `www.…`, `a.example/path`).
fn is_url_like(word: &str) -> bool {
    word.bytes().any(|b| b == b'/') || word.get(..4).is_some_and(|start| start.eq_ignore_ascii_case("www."))
}

/// `text` with its URLs (`https://…`, `www.…`) left out: an address in a link's text is what it
/// shows, not words asking for anything (`…/index/login/` names no action), nor a brand's name.
fn without_urls(text: &str) -> String {
    text.split_whitespace().filter(|w| !is_url_like(w)).collect::<Vec<_>>().join(" ")
}

/// The brands `text` names (`names_in_text::named_in`), also where it is written in capitals
/// ("ETC-MEISAI": the loose names are compared as confusable skeletons, which read a capital I
/// as an l) or spaced out ("I T A Ú"). A precise name (`exact:au`, `case:UPS`) counts only as
/// written.
fn named(plain: &str) -> Vec<(&'static Brand, &'static str)> {
    let mut found: Vec<(&'static Brand, &'static str)> = names_in_text::named_in(plain).collect();
    // The other readings add loose names only: a precise name counts as written.
    let mut add_loose = |text: &str| {
        for (brand, name) in names_in_text::named_in(text) {
            let loose = brand.names.iter().any(|n| n.text == name && n.rule == NameRule::Loose);
            if loose && !found.iter().any(|(b, _)| std::ptr::eq(*b, brand)) {
                found.push((brand, name));
            }
        }
    };
    // Only a capital I reads otherwise than its small letter (as an l).
    if plain.contains('I') {
        add_loose(&to_lowercase(plain));
    }
    if let Some(joined) = join_spaced_letters(plain) {
        add_loose(&to_lowercase(&joined));
    }
    found
}

/// `text` with runs of single letters written apart joined, the run's last letter with the word
/// after it when one follows ("I T A Ú - FEITO COM VOCÊ" → "ITAÚ - FEITO COM VOCÊ",
/// "E T Cサービス" → "ETCサービス"): phishing spaces a name out to slip past filters. Three
/// letters at least, the following word's first counted; `None` when there is no such run.
fn join_spaced_letters(text: &str) -> Option<String> {
    let single = |w: &str| w.chars().count() == 1 && w.chars().all(char::is_alphanumeric);
    // Most texts have no two single letters in a row: found without allocating.
    let mut previous_single = false;
    let spaced = text.split(' ').any(|w| {
        let this = single(w);
        let pair = previous_single && this;
        previous_single = this;
        pair
    });
    if !spaced {
        return None;
    }
    let words: Vec<&str> = text.split(' ').collect();
    let mut parts: Vec<String> = Vec::with_capacity(words.len());
    let mut joined = false;
    let mut i = 0;
    while i < words.len() {
        let run = words[i..].iter().take_while(|w| single(w)).count();
        let next = words.get(i + run).filter(|w| w.starts_with(char::is_alphanumeric));
        if run >= 3 || (run == 2 && next.is_some()) {
            let mut word: String = words[i..i + run].concat();
            if let Some(next) = next {
                word.push_str(next);
                i += 1;
            }
            parts.push(word);
            joined = true;
            i += run;
        } else {
            parts.push(words[i].to_string());
            i += 1;
        }
    }
    joined.then(|| parts.join(" "))
}

/// A display name read: control characters and runs of white space folded, quotes around it
/// left out.
fn clean(s: &str) -> String {
    let folded = s.split(|c: char| c.is_whitespace() || c.is_control()).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ");
    folded.trim_matches(|c| c == '"' || c == '\'').trim().to_string()
}

/// "<name> via <List>" (Mailman's, Google Groups' rewrite) → (`<name>`, `<List>`); any other
/// name as it is.
fn split_via(name: &str) -> (Option<String>, Option<String>) {
    let lower = name.to_ascii_lowercase();
    if let Some(at) = lower.rfind(" via ") {
        let (before, after) = (name[..at].trim(), name[at + 5..].trim());
        if !after.is_empty() {
            let before = before.trim_matches(|c| c == '"' || c == '\'').trim();
            return ((!before.is_empty()).then(|| before.to_string()), Some(after.to_string()));
        }
    }
    (Some(name.to_string()), None)
}

/// The first address of an address list as written (`"Name" <a@b.example>, c@d.example` →
/// `a@b.example`).
fn first_address(list: &str) -> Option<String> {
    list.split(',')
        .map(|part| match (part.rfind('<'), part.rfind('>')) {
            (Some(open), Some(close)) if open < close => part[open + 1..close].trim(),
            _ => part.trim().trim_matches(|c| c == '"' || c == '\''),
        })
        .find(|a| a.contains('@'))
        .map(str::to_owned)
}

/// The hosts of the list a message came through: its List-Id's (`<osst-users.lists.example.org>`
/// → `lists.example.org`), its List-Unsubscribe links' and, when it rewrote From, its address's.
/// Without a List-Id no list relayed the message: a List-Unsubscribe alone is any bulk sender's
/// (phishing's too), and says nothing of a list.
fn list_hosts(context: &MessageContext, list_address: Option<&str>) -> Vec<String> {
    let mut hosts = Vec::new();
    hosts.extend(list_address.and_then(sender::address_host));
    let Some(id) = context.list_id.as_deref() else { return hosts };
    {
        // The id is `<list-name.list-host>` after an optional phrase.
        let inner = match (id.rfind('<'), id.rfind('>')) {
            (Some(open), Some(close)) if open < close => &id[open + 1..close],
            _ => id.trim(),
        };
        if let Some((_, host)) = inner.split_once('.') {
            // A list's host has a dot of its own: `x.example` alone would be a whole site.
            if host.contains('.') {
                hosts.extend(normalize_host(host));
            }
        }
    }
    if let Some(unsubscribe) = context.list_unsubscribe.as_deref() {
        for entry in unsubscribe.split(',') {
            let entry = entry.trim().trim_start_matches('<').trim_end_matches('>').trim();
            let host = if let Some(mail) = entry.strip_prefix("mailto:") {
                sender::address_host(mail.split('?').next().unwrap_or(""))
            } else {
                url::Url::parse(entry).ok().and_then(|u| u.host_str().and_then(normalize_host))
            };
            hosts.extend(host);
        }
    }
    // (`sort_unstable`: the one `String` sort the wasm has already, `guardedSuffixes`'s; equal
    // strings are alike, and `dedup` keeps one of each either way.)
    hosts.sort_unstable();
    hosts.dedup();
    hosts
}

/// The brands a display name presents: those its words name, and the brands owning an address
/// or domain written in it that isn't the sender's own (`"eki-net.com" <x@example.cn>`).
fn brands_in_display_name(display: &str, sender_hosts: &[String], domains: &Domains) -> Vec<&'static Brand> {
    let mut found: Vec<&'static Brand> = Vec::new();
    if let Some(presented) = sender::presented_brand(display, sender_hosts, domains) {
        found.push(presented.brand);
    }
    // Every brand its words name (presented_brand gives the first).
    let words: Vec<&str> = display.split_whitespace().filter(|w| !w.contains('@')).collect();
    for (brand, _) in named(&words.join(" ")) {
        if !found.iter().any(|b| std::ptr::eq(*b, brand)) {
            found.push(brand);
        }
    }
    for token in display.split(|c: char| c.is_whitespace() || "<>()[]{},;\"'「」【】".contains(c)) {
        let Some(host) = domain_token(token) else { continue };
        if sender_hosts.contains(&host) {
            continue;
        }
        let registrable = registrable(&host, domains);
        if let Some(brand) = brands().iter().find(|b| b.owns_itself(&host, &registrable)) {
            if !found.iter().any(|b| std::ptr::eq(*b, brand)) {
                found.push(brand);
            }
        }
    }
    found
}

/// A token that is a domain name (`eki-net.com`, `ＥＴＣ-meisai.jp`), not an address: its host,
/// when its suffix is a known one.
fn domain_token(token: &str) -> Option<String> {
    let token = token.trim_matches(|c: char| !c.is_alphanumeric());
    if token.contains('@') || !token.contains('.') {
        return None;
    }
    let host = normalize_host(token)?;
    let info = Domains::embedded().info(&host);
    (info.suffix_is_known && info.registrable.is_some()).then_some(host)
}

/// The display name, when it is itself one address or one domain name (`no-reply@mercedes.de`,
/// `eki-net.com`, `"Amazon.co.jp"`): the name a reader takes for where the mail is from.
fn address_or_domain(display: &str) -> Option<&str> {
    let token = display.trim().trim_matches(|c: char| "\"'<>()[]「」【】".contains(c)).trim();
    if token.is_empty() || token.contains(char::is_whitespace) {
        return None;
    }
    // An address whose domain is a real name: "hyatt@mozilla" is a nickname.
    if let Some((_, domain)) = token.rsplit_once('@') {
        return domain_token(domain).map(|_| token);
    }
    domain_token(token).map(|_| token)
}

/// The brands whose registrable domain a sender's address writes into its mailbox name
/// (`info.smbc-card.com@zgxx.cloud`, `support-amazon.jp@x.cn`, `statement-email.aeon.co-jp@x.cn`),
/// with dots or hyphens. The mailbox's own domain is the sender's: not read here.
fn brands_in_address(address: &str) -> Vec<&'static Brand> {
    let Some((mailbox, _)) = address.rsplit_once('@') else { return Vec::new() };
    let mailbox = mailbox.to_ascii_lowercase();
    let parts: Vec<&str> = mailbox.split(['.', '-', '_', '+']).filter(|p| !p.is_empty()).collect();
    let mut found: Vec<&'static Brand> = Vec::new();
    for written in crate::brand::table::registrable_domains() {
        let labels: Vec<&str> = written.domain.split(['.', '-']).collect();
        let holds = parts.windows(labels.len()).any(|w| w == labels.as_slice());
        let brand = &brands()[written.brand];
        if holds && !found.iter().any(|b| std::ptr::eq(*b, brand)) {
            found.push(brand);
        }
    }
    found
}

/// Words of a subject that speak of an account, a payment or an order: a plain subject naming a
/// brand with one of these presents the brand ("Amazon.co.jpでのご注文の確認"); one without
/// ("Apple's new chip, reviewed") writes about it.
const SUBJECT_ACCOUNT_WORDS_JA: &[&str] = &[
    "アカウント", "ご利用", "利用停止", "利用制限", "確認", "認証", "更新", "変更", "停止", "制限",
    "解除", "ログイン", "サインイン", "パスワード", "本人", "支払", "請求", "決済", "未払", "注文",
    "配送", "不在", "退会", "凍結", "ロック", "不正", "セキュリティ", "会員", "重要", "緊急",
];
/// ... and in the other languages of the evaluation corpus's phishing (German, French, Spanish,
/// Portuguese, Dutch, Italian), whole words.
const SUBJECT_ACCOUNT_WORDS: &[&str] = &[
    "account", "verify", "verification", "suspend", "suspended", "locked", "unlock", "confirm",
    "payment", "billing", "invoice", "order", "password", "security", "unusual", "sign-in",
    "signin", "login", "expire", "expired", "expires", "limited", "restricted", "reactivate",
    "refund", "declined",
    "konto", "zahlung", "rechnung", "bestätigen", "bestätigung", "sicherheit", "abonnement",
    "verlängern", "gesperrt", "passwort", "compte", "paiement", "facture", "vérifier",
    "vérification", "sécurité", "suspendu", "cuenta", "pago", "factura", "verificar",
    "verificación", "seguridad", "suspendida", "contraseña", "conta", "pagamento", "fatura",
    "verificação", "segurança", "bloqueado", "bloqueada", "senha", "rekening", "betaling",
    "factuur", "verifiëren", "beveiliging", "geblokkeerd", "wachtwoord", "conto", "fattura",
    "verifica", "sicurezza", "bloccato",
];

/// The brands a subject presents the message as: named in brackets, or in a subject that
/// speaks of an account or a payment. A reply's or a forward's subject is someone else's.
fn brands_in_subject(subject: &str) -> Vec<&'static Brand> {
    let subject = without_list_tags(subject);
    let lower = to_lowercase(subject);
    let reply_or_forward = ["re:", "fw:", "fwd:", "tr:", "aw:", "wg:", "sv:", "転送:", "返信:", "re：", "fw：", "fwd："]
        .iter()
        .any(|p| lower.starts_with(p));
    if reply_or_forward || subject.is_empty() {
        return Vec::new();
    }
    let mut found: Vec<&'static Brand> = Vec::new();
    let mut add = |text: &str| {
        for (brand, _) in named(text) {
            if !found.iter().any(|b| std::ptr::eq(*b, brand)) {
                found.push(brand);
            }
        }
    };
    for bracketed in bracketed_parts(subject) {
        add(bracketed);
    }
    let speaks_of_account = SUBJECT_ACCOUNT_WORDS_JA.iter().any(|w| subject.contains(w))
        || lower.split(|c: char| !(c.is_alphanumeric() || c == '-')).any(|w| SUBJECT_ACCOUNT_WORDS.contains(&w));
    if speaks_of_account {
        add(subject);
    }
    found
}

/// Words of a subject or a sender's name about an account's security, not its orders or its
/// news: a brand's mail about these sends the reader to the brand's own site only.
const SECURITY_WORDS_JA: &[&str] = &[
    "本人確認", "ご利用確認", "利用確認", "ロック", "停止", "制限", "凍結", "不正", "セキュリティ",
    "パスワード", "認証", "ログイン", "サインイン",
];
const SECURITY_WORDS: &[&str] = &[
    "locked", "unlock", "suspend", "suspended", "suspension", "password", "security", "unusual",
    "verify", "verification", "sign-in", "signin", "login", "restricted", "reactivate",
    "compromised", "blocked", "konto-sperrung", "gesperrt", "sicherheit", "passwort", "sécurité",
    "suspendu", "seguridad", "suspendida", "contraseña", "segurança", "bloqueado", "bloqueada",
    "senha", "beveiliging", "geblokkeerd", "wachtwoord", "sicurezza", "bloccato",
];

/// Whether `text` speaks of an account's security (`SECURITY_WORDS`), or of updating the
/// account ("Account Update Required").
fn speaks_of_security(text: &str) -> bool {
    if SECURITY_WORDS_JA.iter().any(|w| text.contains(w)) {
        return true;
    }
    let lower = to_lowercase(text);
    let words: Vec<&str> = lower.split(|c: char| !(c.is_alphanumeric() || c == '-')).filter(|w| !w.is_empty()).collect();
    words.iter().any(|w| SECURITY_WORDS.contains(w))
        || words.windows(2).any(|w| matches!(w, ["account", "update" | "updated" | "management"] | ["update", "account"]))
}

/// Brackets a Japanese subject sets a sender's name off with (and the ASCII ones).
const BRACKETS: &[(char, char)] = &[
    ('【', '】'), ('「', '」'), ('『', '』'), ('〔', '〕'), ('［', '］'), ('[', ']'), ('＜', '＞'),
    ('<', '>'), ('《', '》'), ('〈', '〉'), ('（', '）'),
];

/// The parts of `subject` inside brackets ("【三井住友カード】ご利用確認" → "三井住友カード").
fn bracketed_parts(subject: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    for &(open, close) in BRACKETS {
        let mut rest = subject;
        while let Some(start) = rest.find(open) {
            let after = &rest[start + open.len_utf8()..];
            let Some(end) = after.find(close) else { break };
            parts.push(after[..end].trim());
            rest = &after[end + close.len_utf8()..];
        }
    }
    parts
}

/// A subject without the tags mail lists and filters put in front (`[Osst-users] [SPAM] …`):
/// the ASCII-bracketed words at its start that name no brand are the list's, not the sender's.
fn without_list_tags(subject: &str) -> &str {
    let mut rest = subject.trim();
    while let Some(inner) = rest.strip_prefix('[') {
        let Some(end) = inner.find(']') else { break };
        let tag = &inner[..end];
        if names_in_text::named_in(tag).next().is_some() {
            break;
        }
        rest = inner[end + 1..].trim_start();
    }
    rest
}

fn push_brand(found: &mut Vec<ClaimedBrand>, brand: &'static Brand, evidence: ClaimEvidence, said: &str) {
    if found.iter().any(|c| std::ptr::eq(c.brand, brand)) {
        return;
    }
    let said = if said.chars().count() > MAX_SAID_CHARS {
        let mut cut: String = said.chars().take(MAX_SAID_CHARS).collect();
        cut.push('…');
        cut
    } else {
        said.to_string()
    };
    found.push(ClaimedBrand { brand, evidence, said });
}

fn same_group(a: &Brand, b: &Brand) -> bool {
    std::ptr::eq(a, b) || (a.group.is_some() && a.group == b.group)
}

/// The registrable domain of `host`, or the host itself when it has none.
fn registrable(host: &str, domains: &Domains) -> String {
    domains.info(host).registrable.unwrap_or_else(|| host.to_owned())
}

/// A sender as written on a command line or in a header: `NAME <ADDRESS>`, `"NAME" <ADDRESS>`,
/// `ADDRESS` or `NAME` → (name, address).
pub fn parse_mailbox(written: &str) -> (Option<String>, Option<String>) {
    let written = written.trim();
    if let (Some(open), true) = (written.rfind('<'), written.ends_with('>')) {
        let name = clean(&written[..open]);
        let address = written[open + 1..written.len() - 1].trim().to_string();
        return ((!name.is_empty()).then_some(name), (!address.is_empty()).then_some(address));
    }
    if written.contains('@') && !written.contains(char::is_whitespace) {
        return (None, Some(written.to_string()));
    }
    let name = clean(written);
    ((!name.is_empty()).then_some(name), None)
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    fn domains() -> &'static Domains {
        static DOMAINS: std::sync::OnceLock<Domains> = std::sync::OnceLock::new();
        DOMAINS.get_or_init(Domains::embedded)
    }

    fn context(sender: &str, subject: &str) -> MessageContext {
        let (sender_name, sender_address) = parse_mailbox(sender);
        MessageContext {
            sender_name,
            sender_address,
            subject: (!subject.is_empty()).then(|| subject.to_string()),
            ..MessageContext::default()
        }
    }

    fn claimed(context: &MessageContext) -> Vec<(&'static str, ClaimEvidence)> {
        MessageClaim::of(context, domains()).brands.iter().map(|c| (c.brand.label, c.evidence)).collect()
    }

    use ClaimEvidence::{DisplayName, SenderAddress, Subject};

    #[test]
    fn the_character_scan_for_action_words_is_the_token_scan() {
        let mut texts: Vec<String> = Vec::new();
        let pieces = [
            "ログイン", "こちらから確認", "ﾛｸﾞｲﾝ", "ＬＯＧＩＮ", "https://例え.jp/ログイン", "www.例え.jp/確認", "Sign in", "sign-in",
            "login", "/login", "見る", "\u{3000}", "\u{a0}", " ", "\n", "é", "verifyé", "éverify", "www.x", "a/b", "サ", "申し込み",
            "\u{85}", "x\u{2028}pay", "受け取る", "Update", "ÜPDATE",
        ];
        for a in pieces {
            texts.push(a.to_string());
            for b in pieces {
                texts.push(format!("{a}{b}"));
                texts.push(format!("{a} {b}"));
                for c in ["é", "確認", " ", "\u{3000}"] {
                    texts.push(format!("{a}{c}{b}"));
                }
            }
        }
        for text in &texts {
            let want = may_ask_by_tokens(text);
            assert_eq!(may_ask_by_chars(text), want, "{text:?}");
            if text.is_ascii() {
                assert_eq!(may_ask_ascii(text), want, "{text:?}");
            }
        }
    }

    #[test]
    fn a_word_may_begin_an_action_when_it_is_one_of_the_first_words_of_its_length_in_any_case() {
        assert!(FIRST_WORDS.is_sorted_by_key(|w| w.len()));
        let by_list = |word: &str| FIRST_WORDS.iter().any(|f| word.eq_ignore_ascii_case(f));
        let mut words: Vec<String> = ["", "s", "lo", "pa", "signing", "logged", "payment", "x-login", "ｌｏｇｉｎ", "authenticated"]
            .iter()
            .map(|w| w.to_string())
            .collect();
        for w in FIRST_WORDS {
            words.extend([w.to_string(), w.to_uppercase(), format!("{w}s"), format!("-{w}"), w[..w.len() - 1].to_string()]);
            words.push(w.char_indices().map(|(i, c)| if i % 2 == 0 { c.to_ascii_uppercase() } else { c }).collect());
        }
        for word in &words {
            assert_eq!(may_begin_action(word.as_bytes()), by_list(word), "{word:?}");
        }
        assert!(FIRST_WORDS.iter().all(|w| may_begin_action(w.as_bytes())));
    }

    #[test]
    fn the_ascii_scan_for_action_words_is_the_token_scan() {
        let mut texts: Vec<String> = [
            "", " ", "Sign in", "sign-in now", "LOGIN", "Please verify your account", "https://example.com/login",
            "www.login.example", "go to www.example.com/verify", "pay\x0bnow", "a/b login", "login/", "(login)",
            "log--in", "update:", "re-update", "x\tconfirm\ny", "Confirm\x0c", "restore\r", "unlockx", "-pay-",
            "See https://a.example/ and verify", "www.example.com verify", "wwwlogin", "WWW.Login",
        ]
        .iter()
        .map(|t| t.to_string())
        .collect();
        for w in FIRST_WORDS {
            for (before, after) in [("", ""), (" ", " "), ("/", ""), ("x", ""), ("", "x"), ("www.", ""), ("a.", "/b"), ("\x1c", "\x1f"), ("\x0b", "")] {
                texts.push(format!("{before}{w}{after}"));
                texts.push(format!("{before}{}{after}", w.to_uppercase()));
            }
        }
        for text in &texts {
            assert!(text.is_ascii());
            assert_eq!(may_ask_ascii(text), may_ask_by_tokens(text), "{text:?}");
        }
    }

    #[test]
    fn a_message_presents_a_brand_by_its_name_its_subject_or_its_address() {
        // (sender, subject, the brands claimed with their evidence)
        type Case<'a> = (&'a str, &'a str, &'a [(&'a str, ClaimEvidence)]);
        let cases: &[Case] = &[
            ("三井住友カード <x@evil.example.top>", "ご利用確認のお願い", &[("Sumitomo Mitsui Card", DisplayName)]),
            ("自動メール通知 <no-reply@gpj46.example.com>", "【 イオンカード 】決済完了のお知らせ", &[("AEON Card", Subject)]),
            ("ご案内 <x@example.cn>", "[Osst-users] [SPAM] 【三井住友カード】ご利用確認のお願い", &[("Sumitomo Mitsui Card", Subject)]),
            ("bs <amazom@security.example.jp>", "Amazon.co.jpでのご注文の確認", &[("Amazon", Subject)]),
            ("Service Desk <desk@example.org>", "Your PayPal account is limited", &[("PayPal", Subject)]),
            ("x <info.smbc-card.com@zgxx.example>", "お知らせ", &[("Sumitomo Mitsui Card", SenderAddress)]),
            ("x <statement-email.aeon.co-jp@x.example.cn>", "お知らせ", &[("AEON Card", SenderAddress)]),
            ("x <support-amazon.jp@sgnagw.example.cn>", "", &[("Amazon", SenderAddress)]),
            ("etc-meisai <admin@0n0r2os.example.cn>", "E T Cサービスのお知らせ", &[("ETC", DisplayName)]),
            ("eki-net.com <eki-net-support@ffesnkb.example.cn>", "", &[("Eki-net (JR East)", DisplayName)]),
            ("\"no-reply@amazon.co.jp\" <service@other.example>", "", &[("Amazon", DisplayName)]),
            // Two brands of two groups.
            ("JCB / 三井住友カード <x@evil.example>", "", &[("Sumitomo Mitsui Card", DisplayName), ("JCB", DisplayName)]),
            // Nothing claimed: a plain subject writing about a brand, a reply, a forward.
            ("Tech Weekly <news@techweekly.example>", "Apple's new chip, reviewed", &[]),
            ("Taro <taro@example.jp>", "Fwd: 【Amazon】ご注文の確認", &[]),
            ("Taro <taro@example.jp>", "Re: Amazon order", &[]),
            ("Jane Doe <jane@example.com>", "Lunch on Friday?", &[]),
            // A sender named after its own domain or mailbox writes about the brand.
            ("Krebs on Security <newsletter@krebsonsecurity.example>", "Microsoft patches a zero-day: update your account", &[]),
            ("Platformer <platformer@substack.example>", "Meta's new password rules", &[]),
        ];
        for &(sender, subject, want) in cases {
            assert_eq!(claimed(&context(sender, subject)), want, "{sender} / {subject}");
        }
    }

    #[test]
    fn a_brands_own_mail_claims_its_own_brand_whatever_partner_it_names() {
        let own = MessageClaim::of(&context("楽天カード <info@mail.rakuten-card.co.jp>", "【Apple Pay】設定のご案内"), domains());
        assert_eq!(own.brands.iter().map(|c| c.brand.label).collect::<Vec<_>>(), ["Rakuten Card"]);
        assert!(own.sender_is_brand);
        // Of the same group: 楽天 mail from rakuten.co.jp about 楽天カード.
        let group = MessageClaim::of(&context("楽天市場 <news@mail.rakuten.co.jp>", "【楽天カード】ポイント"), domains());
        assert!(group.sender_is_brand && group.brands.len() == 2, "{:?}", group.brands);
        // A spoofed From under the brand's domain is the brand's own address: that is all an
        // address can say.
        let spoofed = MessageClaim::of(&context("JCB <nf@jcb.co.jp>", "お客様のJCBアカウントがロックされている"), domains());
        assert!(spoofed.sender_is_brand);
        let other = MessageClaim::of(&context("JCB <admin@linefg.example.com>", ""), domains());
        assert!(!other.sender_is_brand && other.claims_a_brand());
    }

    #[test]
    fn a_list_that_rewrote_from_gives_the_name_and_the_reply_to() {
        let context = MessageContext {
            sender_name: Some("えきねっと（JR東日本） via Osst-users".into()),
            sender_address: Some("osst-users@lists.example.net".into()),
            reply_to: Some("えきねっと（JR東日本） <eki-support@zdwainofwd.example.com>".into()),
            list_id: Some("Discussion <osst-users.lists.example.net>".into()),
            list_unsubscribe: Some("<https://lists.example.net/lists/options/osst-users>, <mailto:osst-users-request@lists.example.net?subject=unsubscribe>".into()),
            ..MessageContext::default()
        };
        let claim = MessageClaim::of(&context, domains());
        assert_eq!(claim.display_name.as_deref(), Some("えきねっと（JR東日本）"));
        assert_eq!(claim.via_list.as_deref(), Some("Osst-users"));
        assert_eq!(claim.sender_address.as_deref(), Some("eki-support@zdwainofwd.example.com"));
        assert_eq!(claim.sender_domain.as_deref(), Some("example.com"));
        assert_eq!(claim.brands.iter().map(|c| c.brand.label).collect::<Vec<_>>(), ["Eki-net (JR East)"]);
        assert!(!claim.sender_is_brand);
        assert!(claim.is_list_host("lists.example.net") && !claim.is_list_host("example.net"));
        // The webmail showing the message is the reader's own.
        let shown = MessageContext { webmail_host: Some("Mail.Example.ORG".into()), ..context.clone() };
        assert!(MessageClaim::of(&shown, domains()).is_list_host("mail.example.org"));
        // The spoofed brand address in Reply-To is the sender's.
        let spoofed = MessageContext { reply_to: Some("えきねっと <member@eki-net.com>".into()), ..context };
        assert!(MessageClaim::of(&spoofed, domains()).sender_is_brand);
    }

    #[test]
    fn a_display_name_that_is_another_address_or_domain_is_caution() {
        let reasons = |sender: &str| -> Vec<(ReasonCode, Option<String>)> {
            MessageClaim::of(&context(sender, ""), domains())
                .sender_reasons
                .into_iter()
                .filter(|r| r.code == ReasonCode::DisplayNameAddress)
                .map(|r| (r.code, r.details.claimed))
                .collect()
        };
        let flagged = |written: &str| vec![(ReasonCode::DisplayNameAddress, Some(written.to_string()))];
        assert_eq!(reasons("\"no-reply@mercedes.example.de\" <service@other.example>"), flagged("no-reply@mercedes.example.de"));
        assert_eq!(reasons("eki-net.com <eki-net-support@ffesnkb.example.cn>"), flagged("eki-net.com"));
        assert_eq!(reasons("Amazon.co.jp <cterq@nntxqig.example.cn>"), flagged("Amazon.co.jp"));
        // Its own address or domain, a subdomain of it, or no address or domain at all.
        assert_eq!(reasons("Amazon.co.jp <store-news@amazon.co.jp>"), []);
        assert_eq!(reasons("etc-meisai.jp <admin@ml.etc-meisai.jp>"), []);
        assert_eq!(reasons("admin-eki-net@nzxzyy.example.com <admin-eki-net@nzxzyy.example.com>"), []);
        assert_eq!(reasons("Jane Doe <jane@example.com>"), []);
        assert_eq!(reasons("Example Co., Ltd. <info@example.com>"), []);
        assert_eq!(reasons("hyatt@mozilla <rssfeeds@feeds.example.org>"), [], "no domain: a nickname");
        let with_brand = MessageClaim::of(&context("eki-net.com <x@ffesnkb.example.cn>", ""), domains());
        let reason = with_brand.sender_reasons.iter().find(|r| r.code == ReasonCode::DisplayNameAddress).expect("flagged");
        assert_eq!(reason.level, Level::Caution);
        assert_eq!(reason.details.brand.as_deref(), Some("Eki-net (JR East)"));
        assert_eq!(reason.details.actual.as_deref(), Some("example.cn"));
        assert_eq!(reason.details.official_url.as_deref(), Some("https://www.eki-net.com/"));
    }

    #[test]
    fn a_links_words_ask_to_act_or_only_mention() {
        // (text, brand named, action)
        let cases: &[(&str, Option<&str>, Option<&str>)] = &[
            ("三井住友カードにログイン", Some("Sumitomo Mitsui Card"), Some("ログイン")),
            ("こちらからログイン", None, Some("ログイン")),
            ("Amazonクリック&ログイン", Some("Amazon"), Some("ログイン")),
            ("ご利用確認はこちら", None, Some("確認")),
            ("Sign in to PayPal", Some("PayPal"), Some("sign in")),
            ("PayPal login", Some("PayPal"), Some("login")),
            ("Please verify your Apple ID", Some("Apple"), Some("verify")),
            // Only mentions: no action.
            ("Amazonの新サービスについて", None, None),
            ("Microsoft to update Windows next week", None, None),
            ("Update: Apple delays its event", None, None),
            ("詳しくはこちら", None, None),
            // A URL in the text asks nothing, whatever its path says.
            ("https://jcb-safety.example.com/index/login", None, None),
            // A headline is no button.
            ("楽天、ポイントの付与ルールを変更へ　来年から新しい仕組みに切り替え、利用者の反応は分かれる見込みで専門家は慎重な見方を示している", None, None),
        ];
        for &(text, brand, action) in cases {
            let words = link_words(text, None);
            assert_eq!(words.action, action, "{text}");
            assert_eq!(words.brand.map(|(b, _)| b.label), brand, "{text}");
        }
        // The title names the brand when the text doesn't.
        let titled = link_words("こちらからログイン", Some("楽天カード会員ログイン"));
        assert_eq!(titled.brand.map(|(b, _)| b.label), Some("Rakuten Card"));
    }

    #[test]
    fn the_quick_scan_passes_every_text_that_asks() {
        let firsts: std::collections::BTreeSet<char> = ACTION_WORDS_JA.iter().filter_map(|w| w.chars().next()).collect();
        let english: std::collections::BTreeSet<char> = ACTION_WORDS_EN.iter().filter_map(|w| w.chars().next()).collect();
        assert!(english.iter().all(|c| "slvcurap".contains(*c)), "{english:?}: the letters the quick scan lets through");
        assert_eq!(firsts, ACTION_FIRST_CHARS_JA.iter().copied().collect(), "the first characters of the Japanese words");
        let mut texts: Vec<String> = ACTION_WORDS_JA.iter().map(|w| format!("こちらから{w}")).collect();
        texts.extend(ACTION_WORDS_EN.iter().map(|w| format!("{w} your account")));
        texts.extend(ACTION_WORDS_EN.iter().map(|w| format!("PayPal {}", w.to_uppercase())));
        texts.extend(
            ["ﾛｸﾞｲﾝ", "ＬＯＧＩＮ", "Ｓｉｇｎ ｉｎ", "ご利用確認はこちら", "Verify now", "log-in", "詳しくはこちら", "Read more", "", "https://x.example/login"]
                .map(String::from),
        );
        for text in &texts {
            assert_eq!(action_in(text), read_action(text), "{text}");
        }
        assert_eq!(action_in("ﾛｸﾞｲﾝ"), Some("ログイン"), "half-width katakana read as NFKC reads them");
        assert_eq!(action_in("ＬＯＧＩＮ"), Some("login"));
        assert_eq!(action_in("ロク\u{3099}インはこちら"), Some("ログイン"), "a decomposed グ");
    }

    #[test]
    fn mailboxes_parse_as_written() {
        assert_eq!(parse_mailbox("三井住友カード <info@x.example>"), (Some("三井住友カード".into()), Some("info@x.example".into())));
        assert_eq!(parse_mailbox("\"JCB\" <nf@jcb.co.jp>"), (Some("JCB".into()), Some("nf@jcb.co.jp".into())));
        assert_eq!(parse_mailbox("nf@jcb.co.jp"), (None, Some("nf@jcb.co.jp".into())));
        assert_eq!(parse_mailbox("Amazon"), (Some("Amazon".into()), None));
        assert_eq!(parse_mailbox(" "), (None, None));
    }
}
