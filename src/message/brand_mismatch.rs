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

use std::borrow::Cow;
use std::cell::OnceCell;

use crate::analyze::Engine;
use crate::brand::table::Brand;
use crate::host::neutral;
use crate::url::view::{self, UrlView};
use crate::message::claim::{link_words, ClaimedBrand, LinkWords, MessageClaim};
use crate::message::sender;
use crate::text::lowercase::to_lowercase;
use crate::verdict::{ClaimEvidence, Details, HostCategory, LinkInput, Level, Reason, ReasonCode, Verdict};

/// Longest link text kept as a reason's evidence.
const MAX_WORDS_CHARS: usize = 120;

/// The reasons `link` (judged so far as `verdict`) gets from the brand its words name and, when
/// it is in a message, from the brand the message presents itself as.
pub fn judge(engine: &Engine, link: &LinkInput, verdict: &Verdict, message: Option<&MessageClaim>) -> Vec<Reason> {
    // Outside a message only the link's own words can name a brand: a link with none (a
    // phishing-URL list's, an image's) has nothing to compare, and its host is not looked at.
    if message.is_none() {
        if link.text.is_empty() && link.title.as_deref().is_none_or(str::is_empty) {
            return Vec::new();
        }
        // Outside a message the one reason is the link's words asking to act and naming a
        // brand its web host is not: most words do neither, which is asked before the host's
        // neutral lookup (the words are read again below for the rare link that does both).
        if !matches!(&*verdict.target.scheme, "http" | "https") {
            return Vec::new();
        }
        let words = link_words(&link.text, link.title.as_deref());
        if words.brand.is_none() || words.action.is_none() {
            return Vec::new();
        }
    }
    judge_all(engine, link, verdict, message)
}

/// [`judge`] without its answer for a link with no words outside a message.
fn judge_all(engine: &Engine, link: &LinkInput, verdict: &Verdict, message: Option<&MessageClaim>) -> Vec<Reason> {
    let target = &verdict.target;
    if target.scheme == "mailto" {
        return message.map(|m| judge_mail_link(&target.url, m)).unwrap_or_default();
    }
    if !matches!(&*target.scheme, "http" | "https") {
        return Vec::new();
    }
    let Some(host) = target.host.as_deref() else { return Vec::new() };
    let registrable = target.registrable_domain.as_deref().unwrap_or(host);
    if neutral::neutral(host).is_some() || message.is_some_and(|m| m.is_list_host(host)) {
        return Vec::new();
    }
    // Asked only when a reason is found: most links have none.
    let hidden_cell = OnceCell::new();
    let hidden = || hidden_cell.get_or_init(|| hidden_destination(engine, verdict)).as_deref();
    let words = link_words(&link.text, link.title.as_deref());
    let mut reasons = Vec::new();

    let mut named_group: Option<&'static Brand> = None;
    if let (Some((brand, _)), Some(action)) = (words.brand, words.action) {
        if !brand.owns(host, registrable) {
            named_group = Some(brand);
            let level = if hidden().is_some() { Level::Caution } else { Level::Danger };
            reasons.push(Reason::with(
                ReasonCode::LinkBrandMismatch,
                level,
                Details {
                    claimed: Some(shorten(link_text(link, &words))),
                    evidence: Some(ClaimEvidence::LinkText),
                    action: Some(action.to_string()),
                    provider: hidden().map(|s| Cow::Owned(s.to_owned())),
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
        Some(if hidden().is_some() { Level::Caution } else { Level::Danger })
    } else if message.about_security && hidden().is_none() {
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
            provider: hidden().map(|s| Cow::Owned(s.to_owned())),
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
        brand: Some(Cow::Borrowed(brand.label)),
        brand_ja: brand.label_ja.map(Cow::Borrowed),
        brand_domain: brand.domains.first().map(|d| Cow::Borrowed(*d)),
        official_url: Some(brand.official_url.to_string()),
        actual: Some(crate::verdict::ShortString::new(registrable)),
        ..Details::default()
    }
}

/// The provider hiding where the link really goes, as the verdict shows it (its name, else the
/// host): a URL shortener, or a mail service's click tracker as the engine's one tracker decision
/// (`Engine::click_tracker`: the catalog, a service's link pattern, the general shape) reads the
/// target.
fn hidden_destination(engine: &Engine, verdict: &Verdict) -> Option<String> {
    let target = &verdict.target;
    let named = || target.provider.as_deref().or(target.host.as_deref()).map(str::to_owned);
    if target.category == Some(HostCategory::Shortener) {
        return named();
    }
    let host = target.host.as_deref()?;
    let parsed;
    let url = match view::parse_plain(&target.url) {
        Some(layout) => UrlView::with_layout(&target.url, layout),
        None => {
            parsed = url::Url::parse(&target.url).ok()?;
            UrlView::of(&parsed)
        }
    };
    let tracker = engine.click_tracker(&url, host, &engine.domains().parts(host))?;
    tracker.provider.map(str::to_owned).or_else(named)
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
    let names = |t: &str| words.brand.is_some_and(|(_, name)| to_lowercase(t).contains(&to_lowercase(name)));
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

#[cfg(test)]
mod tests {
    use crate::analyze::Engine;
    use crate::message::claim::parse_mailbox;
    use crate::verdict::{ClaimEvidence, Level, LinkInput, MessageContext, ReasonCode, Verdict};
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use Level::{Caution as C, Danger as D, Safe as S};
    use ReasonCode::{LinkBrandMismatch as Link, MessageBrandMismatch as Message};

    fn engine() -> &'static Engine {
        static ENGINE: std::sync::OnceLock<Engine> = std::sync::OnceLock::new();
        ENGINE.get_or_init(Engine::new)
    }

    fn in_message(sender: &str, subject: &str, href: &str, text: &str) -> Verdict {
        let (sender_name, sender_address) = parse_mailbox(sender);
        let context = MessageContext {
            sender_name,
            sender_address,
            subject: (!subject.is_empty()).then(|| subject.to_string()),
            ..MessageContext::default()
        };
        engine().analyze_in(&LinkInput::new(href, text), &engine().message(&context))
    }

    #[test]
    fn a_link_without_words_outside_a_message_has_nothing_to_compare() {
        // The shortcut's answer (none) is the whole check's, for targets of every kind.
        let hrefs = [
            "https://www.amazon.co.jp/", "https://amazon-co-jp.example.cn/login", "http://paypa1.com/", "https://t.co/x",
            "https://sendgrid.net/wf/click?upn=x", "https://rakuten.co.jp.secure.example/", "mailto:support@paypal.com",
            "javascript:alert(1)", "https://accounts.google.com.evil.example/signin", "https://xn--pypal-4ve.com/",
            "https://www.google.com/url?q=https://paypal.example/", "http://192.0.2.1/login", "ftp://example.com/",
        ];
        for href in hrefs {
            for title in [None, Some("")] {
                let mut link = LinkInput::new(href, "");
                link.title = title.map(str::to_string);
                let verdict = engine().analyze(&link);
                assert_eq!(super::judge_all(engine(), &link, &verdict, None), Vec::new(), "{href:?}");
            }
        }
    }

    #[test]
    fn outside_a_message_words_without_a_brand_and_an_action_have_nothing_to_compare() {
        // The shortcut answers none where the words lack a brand or an action, or the target
        // is no web page: the whole check's answer, for targets and words of every kind.
        let hrefs = [
            "https://www.amazon.co.jp/", "https://amazon-co-jp.example.cn/login", "http://paypa1.com/", "https://t.co/x",
            "https://sendgrid.net/wf/click?upn=x", "https://rakuten.co.jp.secure.example/", "mailto:support@paypal.com",
            "javascript:alert(1)", "https://accounts.google.com.evil.example/signin", "https://www.google.com/",
            "http://192.0.2.1/login", "ftp://example.com/", "https://docs.google.com/forms/d/x",
        ];
        let texts = [
            "Sign in to PayPal", "PayPal", "Sign in", "Amazonにログイン", "Amazon", "ログイン", "Verify your Apple ID",
            "Update your account", "Read more", "www.paypal.com", "https://www.amazon.co.jp/", "Rakuten Card login",
            "Pay now", "Microsoft to update Windows",
        ];
        let mut asked = 0;
        for href in hrefs {
            for text in texts {
                for title in [None, Some("Log in to Microsoft"), Some("Docomo")] {
                    let mut link = LinkInput::new(href, text);
                    link.title = title.map(str::to_string);
                    let verdict = engine().analyze(&link);
                    let words = super::link_words(&link.text, link.title.as_deref());
                    let web = matches!(&*verdict.target.scheme, "http" | "https");
                    if !web || words.brand.is_none() || words.action.is_none() {
                        asked += 1;
                        assert_eq!(super::judge_all(engine(), &link, &verdict, None), Vec::new(), "{href:?} {text:?} {title:?}");
                    }
                    assert_eq!(super::judge(engine(), &link, &verdict, None), super::judge_all(engine(), &link, &verdict, None));
                }
            }
        }
        assert!(asked > 100, "{asked}");
    }

    /// The level one of this module's reasons gives, if any.
    fn level_of(v: &Verdict, code: ReasonCode) -> Option<Level> {
        v.reason(code).map(|r| r.level)
    }

    #[test]
    fn a_links_words_naming_a_brand_and_asking_to_act_must_go_to_the_brand() {
        // (href, text, the level link-brand-mismatch gives: None for no such reason)
        let cases: &[(&str, &str, Option<Level>)] = &[
            ("https://secure-login.example.top/", "三井住友カードにログイン", Some(D)),
            ("https://www.smbc-card.com/mem/index.jsp", "三井住友カードにログイン", None),
            ("https://www.rakuten-card.co.jp/e-navi/", "楽天e-NAVIにログイン", None),
            // 楽天市場's login in a 楽天カード link: one group.
            ("https://grp01.id.rakuten.co.jp/rms/nid/login", "楽天カードの会員情報を確認", None),
            ("https://paypal-resolution.example.com/", "Sign in to PayPal", Some(D)),
            ("https://www.paypal.com/signin", "Sign in to PayPal", None),
            ("https://account-verify.example.net/", "Verify your Apple ID", Some(D)),
            // Through a click tracker or a shortener the destination can't be known: caution.
            ("https://u1234.ct.sendgrid.net/ls/click?upn=abc", "Amazonにログイン", Some(C)),
            ("https://bit.ly/3xYzAbC", "Amazonアカウントを確認", Some(C)),
            // Words that only mention a brand, or ask without naming one, are no claim.
            ("https://news.example.jp/articles/1", "Amazonの新サービスについて", None),
            ("https://news.example.com/apple", "Apple's new chip, reviewed", None),
            ("https://secure-login.example.top/", "こちらからログイン", None),
            // A neutral destination: the brand's app in the store.
            ("https://apps.apple.com/jp/app/id1", "Amazonアプリで確認", None),
            // Mail links are the sender check's.
            ("mailto:help@example.cn", "Amazonに確認", None),
        ];
        for &(href, text, want) in cases {
            let v = engine().analyze(&LinkInput::new(href, text));
            assert_eq!(level_of(&v, Link), want, "{href} / {text}: {:#?}", v.reasons);
        }
        let v = engine().analyze(&LinkInput::new("https://secure-login.example.top/", "三井住友カードにログイン"));
        let d = &v.reason(Link).expect("flagged").details;
        assert_eq!((d.brand.as_deref(), d.brand_ja.as_deref()), (Some("Sumitomo Mitsui Card"), Some("三井住友カード")));
        assert_eq!((d.claimed.as_deref(), d.action.as_deref()), (Some("三井住友カードにログイン"), Some("ログイン")));
        assert_eq!((d.actual.as_deref(), d.evidence), (Some("example.top"), Some(ClaimEvidence::LinkText)));
        assert_eq!(d.official_url.as_deref(), Some("https://www.smbc-card.com/"));
    }

    #[test]
    fn a_message_presenting_a_brand_from_another_address_links_only_to_the_brand() {
        // (sender, subject, href, text, the level message-brand-mismatch gives)
        let cases: &[(&str, &str, &str, &str, Option<Level>)] = &[
            ("三井住友カード <info@notice.example.top>", "ご利用確認のお願い", "https://smbc-check.example.top/", "こちらからログイン", Some(D)),
            ("ご案内 <x@example.cn>", "【三井住友カード】ご利用確認のお願い", "https://some-name.example.top/", "詳しくはこちら", Some(D)),
            ("自動メール通知 <no-reply@gpj46.example.com>", "【 イオンカード 】決済完了のお知らせ", "https://shiftcl.example.com", "https://shiftcl.example.com", Some(D)),
            ("えきねっと via Osst-users <osst-users@lists.example.net>", "", "https://www.timhaufe.example.com/", "ログイン", Some(D)),
            // A shortener, a click tracker: hidden destinations are no excuse here.
            ("Amazon <account@amazon-support.example.cn>", "", "https://bit.ly/3xYzAbC", "こちら", Some(D)),
            ("Amazon <account@amazon-support.example.cn>", "", "https://u1234.ct.sendgrid.net/ls/click?upn=abc", "こちら", Some(D)),
            // The phisher's own domain is no better.
            ("Amazon <info@phish-site.example.top>", "", "https://phish-site.example.top/signin", "ログイン", Some(D)),
            // The brand's own site, its group's, a neutral host: nothing.
            ("三井住友カード <info@notice.example.top>", "", "https://www.smbc-card.com/", "Vpass", None),
            ("三井住友カード <info@notice.example.top>", "", "https://www.smbc.co.jp/", "三井住友銀行", None),
            ("三井住友カード <info@notice.example.top>", "", "https://line.me/R/ti/p/@smbc", "LINE", None),
            ("三井住友カード <info@notice.example.top>", "", "https://play.google.com/store/apps/details?id=x", "Google Play", None),
            // No brand presented: a plain newsletter, a forward, a newsletter about a brand.
            ("Jane Doe <jane@example.com>", "Lunch on Friday?", "https://restaurant.example.com/", "Menu", None),
            ("Taro <taro@example.jp>", "Fwd: 【Amazon】ご注文の確認", "https://blog.example.jp/", "ブログ", None),
            ("Tech Weekly <news@techweekly.example>", "Microsoft's security update, explained", "https://www.techweekly.example/a", "Read", None),
        ];
        for &(sender, subject, href, text, want) in cases {
            let v = in_message(sender, subject, href, text);
            assert_eq!(level_of(&v, Message), want, "{sender} / {subject} / {href}: {:#?}", v.reasons);
        }
        let v = in_message("自動メール通知 <no-reply@gpj46.example.com>", "【三井住友カード】ご利用確認のお願い", "https://x.example.top/", "確認");
        let d = &v.reason(Message).expect("flagged").details;
        assert_eq!((d.brand.as_deref(), d.evidence), (Some("Sumitomo Mitsui Card"), Some(ClaimEvidence::Subject)));
        assert_eq!(d.claimed.as_deref(), Some("【三井住友カード】ご利用確認のお願い"));
        assert_eq!((d.actual.as_deref(), d.sender.as_deref()), (Some("example.top"), Some("example.com")));
        assert_eq!(d.official_url.as_deref(), Some("https://www.smbc-card.com/"));
        assert!(!d.sender_is_brand);
    }

    #[test]
    fn a_brands_own_address_counts_only_links_dressed_as_it_or_asking_to_act() {
        // (sender, subject, href, text, the level message-brand-mismatch gives)
        let cases: &[(&str, &str, &str, &str, Option<Level>)] = &[
            // Dressed up as the brand: danger, whatever the words.
            ("JCB <nf@jcb.co.jp>", "お知らせ", "https://jcb-safety.eso-safe.example/index/login", "https://jcb-safety.eso-safe.example/index/login", Some(D)),
            // Asking to act elsewhere: danger; through the mail service's tracker: caution.
            ("Apple <no_reply@email.apple.com>", "お知らせ", "https://yexqz.example.cn/", "ご利用確認はこちら", Some(D)),
            ("楽天カード <info@mail.rakuten-card.co.jp>", "ご利用明細", "https://u1234.ct.sendgrid.net/ls/click?upn=abc", "ご利用明細を確認する", Some(C)),
            // A mail about the account's security sends to the brand only.
            ("eBay <aw-confirm@ebay.com>", "Your eBay account is suspended", "https://www.pearland.example.co.id/", "click here", Some(D)),
            ("eBay <aw-confirm@ebay.com>", "Your eBay account is suspended", "https://u1234.ct.sendgrid.net/ls/click?upn=abc", "click here", None),
            // Anything else in the brand's own mail is the brand's business.
            ("JCB <news@jcb.co.jp>", "【JCB】夏のキャンペーン", "https://www.partner-campaign.example/", "キャンペーン詳細", None),
            ("楽天カード <info@mail.rakuten-card.co.jp>", "ご利用明細", "https://u1234.ct.sendgrid.net/ls/click?upn=abc", "配信停止", None),
            ("楽天カード <info@mail.rakuten-card.co.jp>", "ご利用明細", "https://www.rakuten-card.co.jp/e-navi/", "楽天e-NAVIにログイン", None),
        ];
        for &(sender, subject, href, text, want) in cases {
            let v = in_message(sender, subject, href, text);
            assert_eq!(level_of(&v, Message), want, "{sender} / {subject} / {href}: {:#?}", v.reasons);
            if want.is_some() {
                assert!(v.reason(Message).expect("flagged").details.sender_is_brand, "{sender}");
            }
        }
    }

    #[test]
    fn a_mail_link_in_an_impersonating_message_is_the_reply_scam() {
        let v = in_message("Microsoft account team <no-reply@access-accsecurity.example.com>", "", "mailto:report@outlook.example.com", "Report The User");
        assert_eq!(level_of(&v, Message), Some(D), "{:#?}", v.reasons);
        assert_eq!(v.reason(Message).expect("flagged").details.actual.as_deref(), Some("example.com"));
        // To the brand itself, or from the brand's own address: not this reason.
        let own = in_message("Microsoft account team <no-reply@access-accsecurity.example.com>", "", "mailto:support@microsoft.com", "Support");
        assert_eq!(level_of(&own, Message), None);
        let from_brand = in_message("Microsoft <account-security-noreply@accountprotection.microsoft.com>", "", "mailto:x@example.com", "x");
        assert_eq!(level_of(&from_brand, Message), None);
    }

    #[test]
    fn the_links_own_words_say_it_once() {
        // The link's words and the message claim the same brand: one reason, the link's.
        let v = in_message("三井住友カード <info@notice.example.top>", "", "https://secure-login.example.top/", "三井住友カードにログイン");
        assert!(v.has(Link) && !v.has(Message), "{:#?}", v.reasons);
        // Another brand's: both.
        let v = in_message("三井住友カード <info@notice.example.top>", "", "https://secure-login.example.top/", "Amazonにログイン");
        assert!(v.has(Link) && v.has(Message), "{:#?}", v.reasons);
        assert_eq!(v.level, D);
        let safe = in_message("三井住友カード <info@smbc-card.com>", "", "https://www.smbc-card.com/", "ログイン");
        assert_eq!((safe.level, safe.reasons.len()), (S, 0));
    }
}
