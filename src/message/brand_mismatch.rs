//! A link against the brand claimed around it: reasons `link-brand-mismatch` (the link's own
//! words name a brand and ask to act) and `message-brand-mismatch` (the message presents itself
//! as a brand). What is claimed is decided in `message::claim`; here, only whether the link's
//! real target (after unwrapping) is the claimed brand's, and how bad it is when it isn't.
//!
//! A target is the brand's when it is under one of its domains or owned hosts, or its group's
//! (`data/brands.tsv`: a 楽天カード mail linking to `rakuten.co.jp` is 楽天's own). A neutral
//! destination (`data/neutral_hosts.tsv`: the brand's accounts on social networks, its apps in
//! the stores, the reader's webmail) and the hosts of the mailing list the message came
//! through are nobody's impersonation and never count.
//!
//! Levels, precision first (a brand's own mail must never be danger):
//! - the link's words name a brand and ask to act, elsewhere: **danger**; **caution** through a
//!   click tracker or a shortener, where the real destination can't be known offline;
//! - the message presents itself as a brand from an address that isn't the brand's: every link
//!   elsewhere is **danger**, a shortener's or a tracker's too (in a mail impersonating a brand,
//!   a hidden destination is no excuse);
//! - the message presents itself as a brand from the brand's own address (which a From can
//!   forge: `"JCB" <nf@jcb.co.jp>` linking to `jcb-safety.eso-safe.com`): a link elsewhere that
//!   dresses up as that brand (`brand-name-in-host` and the other brand checks naming it), that
//!   asks to act ("ご利用確認はこちら") is **danger**, **caution** through a tracker or a
//!   shortener; in a mail about the account's security ("Unlock your account") any link
//!   elsewhere but a tracker or a shortener is **danger**; any other link (a partner's site, a
//!   campaign page in a newsletter) is the brand's business;
//! - a mail link in a message presenting a brand from an address that isn't the brand's, writing
//!   to someone else than the brand: **danger** (the reply scam).

use crate::brand::table::Brand;
use crate::host::neutral;
use crate::message::claim::{link_words, ClaimedBrand, LinkWords, MessageClaim};
use crate::message::sender;
use crate::verdict::{ClaimEvidence, Details, HostCategory, LinkInput, Level, Reason, ReasonCode, Verdict};

/// Longest link text kept as a reason's evidence.
const MAX_WORDS_CHARS: usize = 120;

/// The reasons `link` (judged so far as `verdict`) gets from the brand its words name and, when
/// it is in a message, from the brand the message presents itself as.
pub fn judge(link: &LinkInput, verdict: &Verdict, message: Option<&MessageClaim>) -> Vec<Reason> {
    let target = &verdict.target;
    if target.scheme == "mailto" {
        return message.map(|m| judge_mail_link(&target.url, m)).unwrap_or_default();
    }
    if !matches!(target.scheme.as_str(), "http" | "https") {
        return Vec::new();
    }
    let Some(host) = target.host.as_deref() else { return Vec::new() };
    let registrable = target.registrable_domain.as_deref().unwrap_or(host);
    if neutral::neutral(host).is_some() || message.is_some_and(|m| m.is_list_host(host)) {
        return Vec::new();
    }
    let hidden = hidden_destination(verdict);
    let words = link_words(&link.text, link.title.as_deref());
    let mut reasons = Vec::new();

    let mut named_group: Option<&'static Brand> = None;
    if let (Some((brand, _)), Some(action)) = (words.brand, words.action) {
        if !brand.owns(host, registrable) {
            named_group = Some(brand);
            let level = if hidden.is_some() { Level::Caution } else { Level::Danger };
            reasons.push(Reason::with(
                ReasonCode::LinkBrandMismatch,
                level,
                Details {
                    claimed: Some(shorten(link_text(link, &words))),
                    evidence: Some(ClaimEvidence::LinkText),
                    action: Some(action.to_string()),
                    provider: hidden.map(str::to_owned),
                    ..brand_details(brand, registrable)
                },
            ));
        }
    }

    let Some(message) = message.filter(|m| m.claims_a_brand()) else { return reasons };
    if message.brand_owning(host, registrable).is_some() {
        return reasons;
    }
    // The claimed brand this link dresses up as, if any: the one to name.
    let imitated = message.brands.iter().find(|c| imitates(verdict, c.brand));
    let level = if !message.sender_is_brand || imitated.is_some() {
        Some(Level::Danger)
    } else if words.action.is_some() {
        Some(if hidden.is_some() { Level::Caution } else { Level::Danger })
    } else if message.about_security && hidden.is_none() {
        // A brand's security mail sends its reader to the brand; its mail service's tracker
        // (a bank's newsletter through SendGrid) is the brand's business.
        Some(Level::Danger)
    } else {
        None
    };
    let Some(level) = level else { return reasons };
    let claimed: &ClaimedBrand = imitated.unwrap_or(&message.brands[0]);
    // The link's own words already said it of this brand.
    if named_group.is_some_and(|named| same_group(named, claimed.brand)) {
        return reasons;
    }
    reasons.push(Reason::with(
        ReasonCode::MessageBrandMismatch,
        level,
        Details {
            claimed: Some(claimed.said.clone()),
            evidence: Some(claimed.evidence),
            action: words.action.map(str::to_owned),
            provider: hidden.map(str::to_owned),
            sender: message.sender_domain.clone(),
            sender_is_brand: message.sender_is_brand,
            ..brand_details(claimed.brand, registrable)
        },
    ));
    reasons
}

/// A mail link in a message presenting a brand from an address that isn't the brand's: one
/// writing to anyone but the brand is the reply scam's (danger). From the brand's own address,
/// mail links are the brand's business (`mailto-brand-mismatch` still reads their words).
fn judge_mail_link(url: &str, message: &MessageClaim) -> Vec<Reason> {
    let Some(claimed) = message.brands.first().filter(|_| !message.sender_is_brand) else { return Vec::new() };
    let body = url.split_once(':').map_or("", |(_, rest)| rest);
    let to = body.split(['?', '#']).next().unwrap_or("");
    let to = percent_encoding::percent_decode_str(to).decode_utf8_lossy();
    let domains = crate::host::domain::Domains::embedded();
    let elsewhere = to.split(',').filter_map(sender::address_host).find_map(|host| {
        let registrable = domains.info(&host).registrable.unwrap_or_else(|| host.clone());
        message.brand_owning(&host, &registrable).is_none().then_some(registrable)
    });
    let Some(elsewhere) = elsewhere else { return Vec::new() };
    vec![Reason::with(
        ReasonCode::MessageBrandMismatch,
        Level::Danger,
        Details {
            claimed: Some(claimed.said.clone()),
            evidence: Some(claimed.evidence),
            sender: message.sender_domain.clone(),
            ..brand_details(claimed.brand, &elsewhere)
        },
    )]
}

/// The details every brand reason of this module carries: the brand in both languages, its
/// official page, its first domain, and the target's registrable domain.
fn brand_details(brand: &'static Brand, registrable: &str) -> Details {
    Details {
        brand: Some(brand.label.to_string()),
        brand_ja: brand.label_ja.map(str::to_owned),
        brand_domain: brand.domains.first().cloned(),
        official_url: Some(brand.official_url.to_string()),
        actual: Some(registrable.to_string()),
        ..Details::default()
    }
}

/// The provider hiding where the link really goes: a URL shortener or a mail service's click
/// tracker (the one place this module asks which a target is).
fn hidden_destination(verdict: &Verdict) -> Option<&str> {
    match verdict.target.category {
        Some(HostCategory::Shortener | HostCategory::Tracker) => {
            Some(verdict.target.provider.as_deref().or(verdict.target.host.as_deref()).unwrap_or(""))
        }
        _ => None,
    }
}

/// Whether another check found the target dressing up as `brand` (or its group): its domain or
/// name written into the host, a look-alike of its domain, a text showing its domain.
fn imitates(verdict: &Verdict, brand: &Brand) -> bool {
    verdict.reasons.iter().any(|r| {
        matches!(
            r.code,
            ReasonCode::BrandInHost | ReasonCode::DomainInHost | ReasonCode::LookalikeDomain | ReasonCode::BrandNameInHost
        ) && r.details.brand.as_deref().is_some_and(|label| {
            crate::brand::table::brands().iter().any(|b| b.label == label && same_group(b, brand))
        })
    })
}

fn same_group(a: &Brand, b: &Brand) -> bool {
    std::ptr::eq(a, b) || (a.group.is_some() && a.group == b.group)
}

/// The words that named the brand: the text, or the title when the text didn't.
fn link_text<'l>(link: &'l LinkInput, words: &LinkWords) -> &'l str {
    let names = |t: &str| words.brand.is_some_and(|(_, name)| t.to_lowercase().contains(&name.to_lowercase()));
    match link.title.as_deref() {
        Some(title) if !names(&link.text) && names(title) => title,
        _ => &link.text,
    }
}

fn shorten(s: &str) -> String {
    if s.chars().count() <= MAX_WORDS_CHARS {
        return s.to_string();
    }
    let mut cut: String = s.chars().take(MAX_WORDS_CHARS).collect();
    cut.push('…');
    cut
}
