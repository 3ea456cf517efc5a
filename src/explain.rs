//! From a reason to words, decided once: which messages, with which values, explain a reason.
//!
//! The engine picks the message keys (in `data/locales/*/messages.json`) and their arguments;
//! each platform only looks the keys up in its own catalog and substitutes the arguments: the
//! CLI through `i18n.rs`, the extension with `chrome.i18n.getMessage`, `www/` with its
//! formatter. So the CLI, the extension and the web pages can't explain a verdict differently.
//!
//! A brand is an argument in both languages ([`Arg::Brand`]): a Japanese reader sees 楽天, an
//! English one Rakuten, whichever language the platform renders in.

use serde::Serialize;

use crate::verdict::{
    ClaimEvidence, Details, Hiding, IpKind, Level, LookalikeKind, Reason, ReasonCode, Shown, Target,
    UnwrapStep, Verdict,
};

/// A reason in words: a title, and a body of one or more sentences shown one after the other
/// (a text-mismatch's sentence, then what kind of lookalike the domain is).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Explanation<'a> {
    pub title: Message<'a>,
    pub body: Vec<Message<'a>>,
}

/// One message of the catalog: its key and the values for its `$1`..`$n`, in that order (borrowed
/// from the reason and the target it explains).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Message<'a> {
    pub key: &'static str,
    pub args: Vec<Arg<'a>>,
}

/// A value substituted into a message. Serialized as a JSON string for [`Arg::Text`], and as
/// `{"en": ..., "ja": ...}` for [`Arg::Brand`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Arg<'a> {
    /// Shown as it is in every language (a domain, a provider's name, an address).
    Text(&'a str),
    /// A brand's name as English and Japanese readers know it (`data/brands.tsv`): the renderer
    /// takes the one of the language it shows.
    Brand { en: &'a str, ja: &'a str },
}

impl<'a> Message<'a> {
    fn new(key: &'static str, args: impl IntoIterator<Item = Arg<'a>>) -> Message<'a> {
        Message { key, args: args.into_iter().collect() }
    }
}

fn text(value: &str) -> Arg<'_> {
    Arg::Text(value)
}

/// The title and body keys of `code`'s texts (`reason_<code>_title`, `reason_<code>_body`).
fn keys(code: ReasonCode) -> (&'static str, &'static str) {
    match code {
        ReasonCode::TextMismatch => ("reason_text_mismatch_title", "reason_text_mismatch_body"),
        ReasonCode::DynamicDns => ("reason_dynamic_dns_title", "reason_dynamic_dns_body"),
        ReasonCode::FreeHosting => ("reason_free_hosting_title", "reason_free_hosting_body"),
        ReasonCode::IpHost => ("reason_ip_host_title", "reason_ip_host_body"),
        ReasonCode::Userinfo => ("reason_userinfo_title", "reason_userinfo_body"),
        ReasonCode::Homograph => ("reason_homograph_title", "reason_homograph_body"),
        ReasonCode::ScriptUrl => ("reason_script_url_title", "reason_script_url_body"),
        ReasonCode::Shortener => ("reason_shortener_title", "reason_shortener_body"),
        ReasonCode::Wrapped => ("reason_wrapped_title", "reason_wrapped_body"),
        ReasonCode::TrackingRedirect => ("reason_tracking_redirect_title", "reason_tracking_redirect_body"),
        ReasonCode::InvalidUrl => ("reason_invalid_url_title", "reason_invalid_url_body"),
        ReasonCode::BrandInHost => ("reason_brand_in_host_title", "reason_brand_in_host_body"),
        ReasonCode::DomainInHost => ("reason_domain_in_host_title", "reason_domain_in_host_body"),
        ReasonCode::LookalikeDomain => ("reason_lookalike_domain_title", "reason_lookalike_domain_body"),
        ReasonCode::BrandNameInHost => ("reason_brand_name_in_host_title", "reason_brand_name_in_host_body"),
        ReasonCode::MailtoBrandMismatch => {
            ("reason_mailto_brand_mismatch_title", "reason_mailto_brand_mismatch_body")
        }
        ReasonCode::HiddenText => ("reason_hidden_text_title", "reason_hidden_text_body"),
        ReasonCode::Unreadable => ("reason_unreadable_title", "reason_unreadable_body"),
        ReasonCode::PingTarget => ("reason_ping_target_title", "reason_ping_target_body"),
        ReasonCode::LinkBrandMismatch => ("reason_link_brand_mismatch_title", "reason_link_brand_mismatch_body"),
        ReasonCode::MessageBrandMismatch => {
            ("reason_message_brand_mismatch_title", "reason_message_brand_mismatch_body")
        }
        ReasonCode::DisplayNameAddress => ("reason_display_name_address_title", "reason_display_name_address_body"),
    }
}

/// The sentence saying how a link's text hides something.
fn hiding_key(hiding: Hiding) -> &'static str {
    match hiding {
        Hiding::HiddenPart => "reason_hidden_text_part",
        Hiding::Bidi => "reason_hidden_text_bidi",
        Hiding::Generated => "reason_hidden_text_generated",
        Hiding::Transparent => "reason_hidden_text_transparent",
    }
}

/// The sentence saying what kind of lookalike a name is.
fn lookalike_key(kind: LookalikeKind) -> &'static str {
    match kind {
        LookalikeKind::SameLabelOtherSuffix => "lookalike_same_label_other_suffix",
        LookalikeKind::EditDistance => "lookalike_edit_distance",
        LookalikeKind::Swapped => "lookalike_swapped",
        LookalikeKind::EmbeddedBrand => "lookalike_embedded_brand",
    }
}

/// `reason` in words, for the link whose real target is `target`.
///
/// Values missing from the reason's details are taken from the target (provider, host,
/// registrable domain, scheme), so a text never shows an empty slot where the engine left a
/// field out.
pub fn explain<'a>(reason: &'a Reason, target: &'a Target) -> Explanation<'a> {
    let d = &reason.details;
    let (title_key, body_key) = keys(reason.code);
    let title = Message::new(title_key, []);

    let site = target.registrable_domain.as_deref().or(target.host.as_deref()).unwrap_or(&target.url);
    let actual = d.actual.as_deref().unwrap_or(site);
    let provider = d.provider.as_deref().or(target.provider.as_deref()).unwrap_or(site);
    let claimed = d.claimed.as_deref().unwrap_or_default();

    let body = match reason.code {
        ReasonCode::TextMismatch => {
            let mut body = vec![Message::new(body_key, [text(claimed), text(actual)])];
            if let Some(kind) = d.lookalike {
                body.push(Message::new(lookalike_key(kind), [text(claimed), text(actual)]));
            }
            body
        }
        ReasonCode::DynamicDns | ReasonCode::FreeHosting | ReasonCode::Shortener => {
            vec![Message::new(body_key, [text(provider)])]
        }
        ReasonCode::IpHost => {
            let ip = d.ip.as_deref().or(target.host.as_deref()).unwrap_or(site);
            // Documentation, multicast and other special ranges are not "inside a private
            // network": they get the general text.
            let private = matches!(d.ip_kind, Some(IpKind::Private | IpKind::Loopback | IpKind::LinkLocal));
            let key = if private { "reason_ip_host_private_body" } else { body_key };
            let mut body = vec![Message::new(key, [text(ip)])];
            if d.obscured {
                body.push(Message::new("reason_ip_host_obscured", []));
            }
            if d.text_is_target {
                body.push(Message::new("reason_ip_host_text_is_target", []));
            }
            body
        }
        ReasonCode::Userinfo => {
            let user = d.user.as_deref().unwrap_or_default();
            let host = d.actual.as_deref().or(target.host.as_deref()).unwrap_or(site);
            vec![Message::new(body_key, [text(user), text(host)])]
        }
        ReasonCode::Homograph => match d.homograph_kind.as_deref() {
            Some("bidi" | "zero-width") => vec![Message::new("reason_homograph_hidden_body", [])],
            _ => {
                let unicode = d
                    .unicode
                    .as_deref()
                    .or(target.host_unicode.as_deref())
                    .or(target.host.as_deref())
                    .unwrap_or(site);
                let punycode = d.punycode.as_deref().or(target.host.as_deref()).unwrap_or(site);
                vec![Message::new(body_key, [text(unicode), text(punycode)])]
            }
        },
        ReasonCode::ScriptUrl => {
            let scheme = d.scheme.as_deref().unwrap_or(&target.scheme);
            vec![Message::new(body_key, [text(scheme)])]
        }
        ReasonCode::Wrapped => {
            let wrapper = d.wrapper.as_deref().or(d.provider.as_deref()).unwrap_or(provider);
            let key = if d.opaque { "reason_wrapped_opaque_body" } else { body_key };
            vec![Message::new(key, [text(wrapper)])]
        }
        ReasonCode::TrackingRedirect => vec![Message::new(body_key, [text(claimed), text(provider)])],
        ReasonCode::InvalidUrl => vec![Message::new(body_key, [])],
        ReasonCode::BrandInHost
        | ReasonCode::LookalikeDomain
        | ReasonCode::BrandNameInHost
        | ReasonCode::MailtoBrandMismatch => {
            let en = d.brand.as_deref().unwrap_or(claimed);
            let ja = d.brand_ja.as_deref().unwrap_or(en);
            let brand = Arg::Brand { en, ja };
            match (reason.code, d.lookalike, &d.actual) {
                // A name spelled like the brand's, not the brand's own (`amazom.example.cn`).
                (ReasonCode::BrandNameInHost, Some(_), _) => vec![Message::new(
                    "reason_brand_name_in_host_lookalike_body",
                    [text(claimed), brand, text(actual)],
                )],
                // A From field with no address at all (only `linkguard scan` sees one).
                (ReasonCode::MailtoBrandMismatch, _, None) => {
                    vec![Message::new("reason_mailto_brand_mismatch_no_address_body", [text(claimed), brand])]
                }
                _ => vec![Message::new(body_key, [text(claimed), brand, text(actual)])],
            }
        }
        ReasonCode::HiddenText => {
            // How it hides, then what that does to the address a person sees.
            let mut body: Vec<Message<'a>> = d.hidden.iter().map(|&h| Message::new(hiding_key(h), [])).collect();
            match (claimed, d.written.as_deref()) {
                ("", _) => {}
                (seen, Some(written)) => body.push(Message::new(body_key, [text(seen), text(written)])),
                (seen, None) => body.push(Message::new("reason_hidden_text_shown_body", [text(seen)])),
            }
            body
        }
        ReasonCode::Unreadable => vec![Message::new(body_key, [])],
        ReasonCode::PingTarget => vec![Message::new(body_key, [text(actual)])],
        ReasonCode::DomainInHost => {
            let mut body = vec![Message::new(body_key, [text(claimed), text(actual)])];
            // The written name is the lookalike, the brand's domain what it imitates.
            if let (Some(kind), Some(brand_domain)) = (d.lookalike, d.brand_domain.as_deref()) {
                body.push(Message::new(lookalike_key(kind), [text(brand_domain), text(claimed)]));
            }
            body
        }
        ReasonCode::LinkBrandMismatch | ReasonCode::MessageBrandMismatch => {
            let en = d.brand.as_deref().unwrap_or(claimed);
            let brand = Arg::Brand { en, ja: d.brand_ja.as_deref().unwrap_or(en) };
            // Through a shortener or a click tracker (the only times `provider` is set here),
            // the sentence says the destination is hidden instead of naming it.
            let hidden = d.provider.as_deref();
            let mut body = match (reason.code, hidden) {
                (ReasonCode::LinkBrandMismatch, None) => vec![Message::new(body_key, [text(claimed), brand, text(actual)])],
                (ReasonCode::LinkBrandMismatch, Some(provider)) => {
                    vec![Message::new("reason_link_brand_mismatch_hidden_body", [text(claimed), brand, text(provider)])]
                }
                (_, None) => vec![Message::new(body_key, [brand, text(actual)])],
                (_, Some(provider)) => vec![Message::new("reason_message_brand_mismatch_hidden_body", [brand, text(provider)])],
            };
            if reason.code == ReasonCode::MessageBrandMismatch {
                // What presents the brand, then what the sender's address says of it.
                let said = match d.evidence {
                    Some(ClaimEvidence::DisplayName) => Some("claim_by_display_name"),
                    Some(ClaimEvidence::Subject) => Some("claim_by_subject"),
                    Some(ClaimEvidence::SenderAddress) => Some("claim_by_sender_address"),
                    Some(ClaimEvidence::LinkText) | None => None,
                };
                body.extend(said.map(|key| Message::new(key, [text(claimed)])));
                body.push(match (d.sender_is_brand, d.sender.as_deref()) {
                    (true, _) => Message::new("claim_sender_forged", [brand]),
                    (false, Some(sender)) => Message::new("claim_sender_not_brand", [text(sender), brand]),
                    (false, None) => Message::new("claim_sender_no_address", [brand]),
                });
            }
            if let Some(official) = d.official_url.as_deref() {
                body.push(Message::new("claim_official_site", [brand, text(official)]));
            }
            body
        }
        ReasonCode::DisplayNameAddress => match d.actual.as_deref() {
            Some(sender) => vec![Message::new(body_key, [text(claimed), text(sender)])],
            None => vec![Message::new("reason_display_name_address_no_address_body", [text(claimed)])],
        },
    };
    Explanation { title, body }
}

/// A verdict as the wasm boundary hands it out: the [`Verdict`]'s own fields, serialized as the
/// verdict serializes them, and on each reason its [`Explanation`] as `explained`.
#[derive(Debug, Serialize)]
pub struct ExplainedVerdict<'v> {
    level: Level,
    reasons: Vec<ExplainedReason<'v>>,
    target: &'v Target,
    #[serde(skip_serializing_if = "Option::is_none")]
    shown: &'v Option<Shown>,
    unwrap_chain: &'v [UnwrapStep],
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    allowlisted: bool,
}

/// A reason as the wasm boundary and `linkguard scan --json` hand it out: its own fields and its
/// [`Explanation`] as `explained`.
#[derive(Debug, Serialize)]
pub struct ExplainedReason<'v> {
    code: ReasonCode,
    level: Level,
    details: &'v Details,
    explained: Explanation<'v>,
}

impl<'v> ExplainedReason<'v> {
    /// `reason`, of the link (or the sender's mail link) whose target is `target`, explained.
    pub fn of(reason: &'v Reason, target: &'v Target) -> ExplainedReason<'v> {
        // Every field named: a field added to `Reason` must be added here too.
        let Reason { code, level, details } = reason;
        ExplainedReason { code: *code, level: *level, details, explained: explain(reason, target) }
    }
}

impl<'v> ExplainedVerdict<'v> {
    pub fn of(verdict: &'v Verdict) -> ExplainedVerdict<'v> {
        // Every field named: a field added to `Verdict` must be added here too.
        let Verdict { level, reasons, target, shown, unwrap_chain, allowlisted } = verdict;
        let reasons = reasons.iter().map(|reason| ExplainedReason::of(reason, target)).collect();
        ExplainedVerdict { level: *level, reasons, target, shown, unwrap_chain, allowlisted: *allowlisted }
    }
}

/// For `#[serde(serialize_with = "...")]`: a [`Verdict`] field serialized as its
/// [`ExplainedVerdict`].
pub fn serialize_explained<S: serde::Serializer>(verdict: &Verdict, serializer: S) -> Result<S::Ok, S::Error> {
    ExplainedVerdict::of(verdict).serialize(serializer)
}

/// Reasons and a target the explanation tests share (here and in `i18n.rs`).
#[cfg(test)]
pub(crate) mod test_support {
    use crate::verdict::{ClaimEvidence, Details, Hiding, IpKind, Level, LookalikeKind, Reason, ReasonCode, Target};

    /// A reason with every detail its texts can use filled in.
    pub(crate) fn detailed(code: ReasonCode) -> Reason {
        let details = Details {
            provider: Some("No-IP".into()),
            claimed: Some("eki-net.com".into()),
            actual: Some("ddnsking.com".into()),
            lookalike: Some(LookalikeKind::EmbeddedBrand),
            ip: Some("192.0.2.7".into()),
            ip_kind: Some(IpKind::Public),
            obscured: true,
            text_is_target: false,
            user: Some("www.paypal.com".into()),
            user_looks_like_domain: true,
            punycode: Some("xn--pypal-4ve.com".into()),
            unicode: Some("pаypal.com".into()),
            homograph_kind: Some("mixed-script".into()),
            scheme: Some("javascript".into()),
            wrapper: Some("Microsoft SafeLinks".into()),
            opaque: false,
            note: None,
            brand: Some("Eki-net (JR East)".into()),
            brand_ja: Some("えきねっと（JR東日本）".into()),
            brand_domain: Some("eki-net.com".into()),
            hidden: vec![Hiding::HiddenPart],
            written: Some("www.eki-zzznet.com".into()),
            official_url: Some("https://www.eki-net.com/".into()),
            evidence: Some(ClaimEvidence::DisplayName),
            action: Some("ログイン".into()),
            sender: Some("rqgdf.cn".into()),
            sender_is_brand: false,
        };
        Reason::with(code, Level::Danger, details)
    }

    pub(crate) fn target() -> Target {
        Target {
            url: "https://checkid.ddnsking.com/".into(),
            scheme: "https".into(),
            host: Some("checkid.ddnsking.com".into()),
            registrable_domain: Some("checkid.ddnsking.com".into()),
            provider: Some("No-IP".into()),
            ..Target::default()
        }
    }

    /// Every code, and every variant of its words: the private-network and disguised IP, the
    /// hidden homograph, the opaque wrapper, each lookalike kind (and none) wherever one is
    /// told, a name spelled like a brand's, a sender without an address.
    pub(crate) fn every_variant() -> Vec<Reason> {
        let mut variants: Vec<Reason> = ReasonCode::ALL.into_iter().map(detailed).collect();
        let with = |code: ReasonCode, change: &dyn Fn(&mut Details)| {
            let mut reason = detailed(code);
            change(&mut reason.details);
            reason
        };
        for kind in [IpKind::Private, IpKind::Loopback, IpKind::LinkLocal, IpKind::Special] {
            variants.push(with(ReasonCode::IpHost, &|d| {
                d.ip_kind = Some(kind);
                d.obscured = false;
            }));
        }
        for kind in ["bidi", "zero-width", "confusable", "invalid-idn"] {
            variants.push(with(ReasonCode::Homograph, &|d| d.homograph_kind = Some(kind.into())));
        }
        variants.push(with(ReasonCode::Wrapped, &|d| d.opaque = true));
        // An IP the link's text writes out (caution in a mail that presents no brand).
        variants.push(with(ReasonCode::IpHost, &|d| {
            d.text_is_target = true;
            d.obscured = false;
        }));
        for code in [ReasonCode::TextMismatch, ReasonCode::DomainInHost, ReasonCode::BrandNameInHost] {
            variants.push(with(code, &|d| d.lookalike = None));
            for kind in [
                LookalikeKind::SameLabelOtherSuffix,
                LookalikeKind::EditDistance,
                LookalikeKind::Swapped,
                LookalikeKind::EmbeddedBrand,
            ] {
                variants.push(with(code, &|d| d.lookalike = Some(kind)));
            }
        }
        variants.push(with(ReasonCode::MailtoBrandMismatch, &|d| d.actual = None));
        // Each way of hiding; a shown address the mail's text doesn't have; no address at all.
        variants.push(with(ReasonCode::HiddenText, &|d| d.hidden = Hiding::ALL.to_vec()));
        variants.push(with(ReasonCode::HiddenText, &|d| d.written = None));
        variants.push(with(ReasonCode::HiddenText, &|d| {
            d.claimed = None;
            d.written = None;
        }));
        // A claimed brand's link, straight or hidden behind a shortener or a tracker; what
        // presents the brand; what the sender's address says; no official page known.
        for code in [ReasonCode::LinkBrandMismatch, ReasonCode::MessageBrandMismatch] {
            variants.push(with(code, &|d| d.provider = None));
            variants.push(with(code, &|d| d.official_url = None));
        }
        for evidence in [None, Some(ClaimEvidence::Subject), Some(ClaimEvidence::SenderAddress), Some(ClaimEvidence::LinkText)] {
            variants.push(with(ReasonCode::MessageBrandMismatch, &|d| d.evidence = evidence));
        }
        variants.push(with(ReasonCode::MessageBrandMismatch, &|d| d.sender_is_brand = true));
        variants.push(with(ReasonCode::MessageBrandMismatch, &|d| d.sender = None));
        variants.push(with(ReasonCode::DisplayNameAddress, &|d| d.actual = None));
        variants
    }
}

#[cfg(test)]
mod tests {
    use super::test_support::{detailed, every_variant, target};
    use super::*;
    use crate::analyze::Engine;
    use crate::verdict::LinkInput;
    use std::collections::{BTreeSet, HashMap};
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    /// A catalog's messages: key -> the argument positions (`$1`..`$9`) its text uses, through
    /// its named placeholders or directly.
    fn positions_used(catalog: &str) -> HashMap<String, BTreeSet<usize>> {
        let json: serde_json::Value = serde_json::from_str(catalog).expect("messages.json parses");
        let numbers = |s: &str| -> Vec<usize> {
            s.as_bytes()
                .windows(2)
                .filter(|w| w[0] == b'$' && w[1].is_ascii_digit() && w[1] != b'0')
                .map(|w| usize::from(w[1] - b'0'))
                .collect()
        };
        let entries = json.as_object().expect("an object of messages");
        entries
            .iter()
            .map(|(key, entry)| {
                let text = entry["message"].as_str().expect("a message");
                let mut used: BTreeSet<usize> = numbers(text).into_iter().collect();
                let placeholders = entry["placeholders"].as_object().cloned().unwrap_or_default();
                let lower = text.to_ascii_lowercase();
                for (name, placeholder) in placeholders {
                    if lower.contains(&format!("${}$", name.to_ascii_lowercase())) {
                        used.extend(numbers(placeholder["content"].as_str().unwrap_or("")));
                    }
                }
                (key.clone(), used)
            })
            .collect()
    }

    const CATALOGS: [(&str, &str); 2] = [
        ("en", include_str!("../data/locales/en/messages.json")),
        ("ja", include_str!("../data/locales/ja/messages.json")),
    ];

    #[test]
    fn every_key_explain_gives_exists_in_both_languages_with_one_placeholder_per_argument() {
        let (variants, target) = (every_variant(), target());
        let explanations: Vec<Explanation> = variants.iter().map(|r| explain(r, &target)).collect();
        for (language, catalog) in CATALOGS {
            let used = positions_used(catalog);
            for explanation in &explanations {
                for message in std::iter::once(&explanation.title).chain(&explanation.body) {
                    let positions = used
                        .get(message.key)
                        .unwrap_or_else(|| panic!("{language}: no message {}", message.key));
                    let expected: BTreeSet<usize> = (1..=message.args.len()).collect();
                    assert_eq!(positions, &expected, "{language}: {} shows each of its {} arguments", message.key, message.args.len());
                }
            }
            // ... and no reason text is left that no variant gives (a dead or misspelt key).
            let given: BTreeSet<&str> = explanations
                .iter()
                .flat_map(|e| std::iter::once(&e.title).chain(&e.body))
                .map(|m| m.key)
                .collect();
            for key in used.keys().filter(|k| ["reason_", "lookalike_", "claim_"].iter().any(|p| k.starts_with(p))) {
                assert!(given.contains(key.as_str()), "{language}: {key} is never given by explain");
            }
        }
    }

    #[test]
    fn keys_follow_the_reason_codes() {
        for code in ReasonCode::ALL {
            let (title, body) = keys(code);
            assert_eq!((title.to_string(), body.to_string()), (format!("{}_title", code.message_key()), format!("{}_body", code.message_key())));
        }
    }

    #[test]
    fn a_text_mismatch_says_the_lookalike_kind_after_its_sentence() {
        let (reason, target) = (detailed(ReasonCode::TextMismatch), target());
        let e = explain(&reason, &target);
        assert_eq!(e.title, Message::new("reason_text_mismatch_title", []));
        let claimed_then_actual = vec![text("eki-net.com"), text("ddnsking.com")];
        assert_eq!(
            e.body,
            [
                Message { key: "reason_text_mismatch_body", args: claimed_then_actual.clone() },
                Message { key: "lookalike_embedded_brand", args: claimed_then_actual },
            ]
        );
    }

    #[test]
    fn a_domain_in_host_compares_the_brand_domain_with_the_written_one() {
        let (reason, target) = (detailed(ReasonCode::DomainInHost), target());
        let e = explain(&reason, &target);
        assert_eq!(e.body[1], Message::new("lookalike_embedded_brand", [text("eki-net.com"), text("eki-net.com")]));
        let mut plain = detailed(ReasonCode::DomainInHost);
        plain.details.brand_domain = None;
        assert_eq!(explain(&plain, &target).body.len(), 1, "no brand, no lookalike sentence");
    }

    #[test]
    fn brands_are_given_in_both_languages() {
        let (reason, target) = (detailed(ReasonCode::BrandInHost), target());
        let e = explain(&reason, &target);
        let brand = Arg::Brand { en: "Eki-net (JR East)", ja: "えきねっと（JR東日本）" };
        assert_eq!(e.body, [Message::new("reason_brand_in_host_body", [text("eki-net.com"), brand, text("ddnsking.com")])]);
        // Known by its English name only: the same name in both.
        let mut english_only = detailed(ReasonCode::LookalikeDomain);
        english_only.details.brand_ja = None;
        let e = explain(&english_only, &target);
        assert_eq!(e.body[0].args[1], Arg::Brand { en: "Eki-net (JR East)", ja: "Eki-net (JR East)" });
        assert_eq!(serde_json::to_value(e.body[0].args[1]).unwrap(), serde_json::json!({"en": "Eki-net (JR East)", "ja": "Eki-net (JR East)"}));
        assert_eq!(serde_json::to_value(e.body[0].args[0]).unwrap(), serde_json::json!("eki-net.com"));
    }

    #[test]
    fn variants_pick_their_keys() {
        let key = |reason: &Reason| explain(reason, &target()).body.iter().map(|m| m.key).collect::<Vec<_>>();
        let mut loopback = detailed(ReasonCode::IpHost);
        loopback.details.ip_kind = Some(IpKind::Loopback);
        loopback.details.obscured = false;
        assert_eq!(key(&loopback), ["reason_ip_host_private_body"]);
        let mut documentation = loopback.clone();
        documentation.details.ip_kind = Some(IpKind::Special);
        assert_eq!(key(&documentation), ["reason_ip_host_body"], "a special range is not a private network");
        assert_eq!(key(&detailed(ReasonCode::IpHost)), ["reason_ip_host_body", "reason_ip_host_obscured"]);
        let mut hidden = detailed(ReasonCode::Homograph);
        hidden.details.homograph_kind = Some("zero-width".into());
        assert_eq!(key(&hidden), ["reason_homograph_hidden_body"]);
        let mut opaque = detailed(ReasonCode::Wrapped);
        opaque.details.opaque = true;
        assert_eq!(key(&opaque), ["reason_wrapped_opaque_body"]);
        let mut own_name = detailed(ReasonCode::BrandNameInHost);
        own_name.details.lookalike = None;
        assert_eq!(key(&own_name), ["reason_brand_name_in_host_body"]);
        assert_eq!(key(&detailed(ReasonCode::BrandNameInHost)), ["reason_brand_name_in_host_lookalike_body"]);
        let mut no_address = detailed(ReasonCode::MailtoBrandMismatch);
        no_address.details.actual = None;
        assert_eq!(key(&no_address), ["reason_mailto_brand_mismatch_no_address_body"]);
    }

    #[test]
    fn missing_details_fall_back_to_the_target() {
        let (bare, target) = (Reason::new(ReasonCode::DynamicDns, Level::Danger), target());
        assert_eq!(explain(&bare, &target).body[0].args, [text("No-IP")]);
        let script = Target { url: "javascript:alert(1)".into(), scheme: "javascript".into(), ..Target::default() };
        let bare = Reason::new(ReasonCode::ScriptUrl, Level::Danger);
        let e = explain(&bare, &script);
        assert_eq!(e.body[0].args, [text("javascript")]);
    }

    #[test]
    fn an_explained_verdict_is_the_verdict_and_an_explanation_per_reason() {
        let engine = Engine::new();
        let links = [
            ("https://checkid.ddnsking.com/", "https://eki-net.example.workers.dev/"),
            ("https://jpn01.safelinks.protection.outlook.com/?url=https%3A%2F%2Fwww.rakuten.co.jp.example.cn%2F&data=1", "Login"),
            ("mailto:desk@card-support.example.cn", "楽天カード"),
            ("https://www.example.com/", "Example"),
            ("http://3405803853/", "www.example.com"),
        ];
        for (href, text) in links {
            let verdict = engine.analyze(&LinkInput::new(href, text));
            let explained = serde_json::to_string(&ExplainedVerdict::of(&verdict)).expect("JSON");
            // Without the explanations, exactly the verdict as it serializes itself.
            let mut without = explained.clone();
            for reason in &verdict.reasons {
                let explanation = serde_json::to_string(&explain(reason, &verdict.target)).expect("JSON");
                without = without.replacen(&format!(",\"explained\":{explanation}"), "", 1);
            }
            assert_eq!(without, serde_json::to_string(&verdict).expect("JSON"), "{href}");
            let value: serde_json::Value = serde_json::from_str(&explained).expect("JSON");
            let reasons = value["reasons"].as_array().expect("reasons");
            assert_eq!(reasons.len(), verdict.reasons.len());
            for (json, reason) in reasons.iter().zip(&verdict.reasons) {
                assert_eq!(json["explained"], serde_json::to_value(explain(reason, &verdict.target)).unwrap(), "{href}");
            }
        }
    }
}
