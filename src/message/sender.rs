//! The sender check, reason `mailto-brand-mismatch`: a sender that presents itself as a brand
//! ("Amazon カスタマーサービス", "えきねっとサポートセンター") but writes from, or asks to be
//! written to, an address that is none of the brand's (`amazon-help@gmail.com`).
//!
//! One check for every place a sender shows: the engine runs it on a `mailto:` link (its text,
//! else its title, against the addresses the link writes to: the reply-to scam's link, and a
//! message's sender where a webmail shows it as a mail link, as the extension does), and
//! `linkguard scan` on a message's From field (its display name against its address). Both say
//! the same thing with the same code and words.
//!
//! Caution, not danger: a display name that borrows a brand is common in phishing (one message in
//! six of the evaluation corpus's phishing, many with no flagged link) and rare in legitimate mail
//! (1 of 750: a newsletter *about* a brand, "Lockergnome Apple Core").
//!
//! [`presented_brand`] answers the first half on its own (which brand a sender presents itself
//! as), for checks that need to know the brand a message claims.

use std::borrow::Cow;
use crate::brand::names_in_text;
use crate::brand::table::{brands, Brand};
use crate::host::domain::{address_domain, normalize_host, Domains};
use crate::verdict::{Details, Level, Reason, ReasonCode};

/// A brand a sender presents itself as, and what says so.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PresentedBrand {
    pub brand: &'static Brand,
    /// The brand's name as `data/brands.tsv` writes it ("えきねっと", "Amazon").
    pub name: &'static str,
}

/// The brand that `text` (a display name, a mail link's text or title) presents itself as: the
/// first brand its words name ("Amazon カスタマーサービス"), else the brand owning an address it
/// shows ("Write to support@amazon.co.jp") that is none of the sender's own `hosts`. An address
/// shown is read as an address, not for names: "someone@gmail.com" names no brand, and neither
/// does the very address the sender writes from.
pub fn presented_brand(text: &str, hosts: &[String], domains: &Domains) -> Option<PresentedBrand> {
    let (addresses, words): (Vec<&str>, Vec<&str>) = text
        .split(|c: char| c.is_whitespace() || "<>()[]{},;:\"'".contains(c))
        .filter(|w| !w.is_empty())
        .partition(|w| w.contains('@'));
    let named = if words.is_empty() { None } else { names_in_text::named_in(&words.join(" ")).next() };
    if let Some((brand, name)) = named {
        return Some(PresentedBrand { brand, name });
    }
    addresses.iter().filter_map(|a| address_host(a)).filter(|h| !hosts.contains(h)).find_map(|host| {
        let registrable = registrable(&host, domains);
        // The brand whose own domains hold the address, not another of its group's
        // (support@rakuten.co.jp presents 楽天, not 楽天銀行, listed first of the group).
        let brand = brands().iter().find(|b| b.owns_itself(&host, &registrable))?;
        Some(PresentedBrand { brand, name: brand.names.first().map_or(brand.label, |n| n.text) })
    })
}

/// The sender check: `name` (a From field's display name, a mail link's text) or else `title` (a
/// mail link's title) presents the sender as a brand, and one of `addresses` (the From address,
/// the link's recipients, as written) is none of that brand's. `None` when no brand is presented,
/// every address is the brand's, or there is no address at all.
///
/// An address whose domain can't be read is no brand's: a From field without a usable address
/// (`From: Facebook`) is passed as one empty address. A mail link leaves out recipients that
/// aren't addresses: it writes to no one there.
pub fn brand_mismatch(name: &str, title: Option<&str>, addresses: &[&str], domains: &Domains) -> Option<Reason> {
    if addresses.is_empty() {
        return None;
    }
    let hosts: Vec<Option<String>> = addresses.iter().map(|a| address_host(a)).collect();
    let readable: Vec<String> = hosts.iter().flatten().cloned().collect();
    let PresentedBrand { brand, name: claimed } = presented_brand(name, &readable, domains)
        .or_else(|| title.and_then(|title| presented_brand(title, &readable, domains)))?;
    // The first address outside the brand's domains: its registrable domain, or as written when
    // it can't be read (`None`: no address at all).
    let actual = addresses.iter().zip(&hosts).find_map(|(written, host)| match host {
        Some(host) => {
            let registrable = registrable(host, domains);
            (!brand.owns(host, &registrable)).then_some(Some(registrable))
        }
        None => {
            let written = address_domain(written).unwrap_or(written).trim();
            Some((!written.is_empty()).then(|| written.to_owned()))
        }
    })?;
    Some(Reason::with(
        ReasonCode::MailtoBrandMismatch,
        Level::Caution,
        Details {
            claimed: Some(claimed.to_string()),
            actual: actual.map(crate::verdict::ShortString::from),
            brand: Some(Cow::Borrowed(brand.label)),
            brand_ja: brand.label_ja.map(Cow::Borrowed),
            brand_domain: brand.domains.first().map(|d| Cow::Borrowed(*d)),
            ..Details::default()
        },
    ))
}

/// The normalized host of a mail address (`Support@Amazon.CO.JP>` → `amazon.co.jp`); `None` when
/// it has no domain that is a valid name.
pub fn address_host(address: &str) -> Option<String> {
    address_domain(address).and_then(normalize_host)
}

/// The registrable domain of `host`, or the host itself when it has none.
fn registrable(host: &str, domains: &Domains) -> String {
    domains.info(host).registrable.unwrap_or_else(|| host.to_owned())
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

    fn mismatch(name: &str, address: &str) -> Option<Reason> {
        brand_mismatch(name, None, &[address], domains())
    }

    #[test]
    fn a_display_name_borrowing_a_brand_is_caught_as_the_table_says() {
        // (display name, address, mismatch expected)
        let cases = [
            ("えきねっとサポートセンター", "cbvlh@service.rqgdf.cn", true),
            ("えきねっと", "info@mail.eki-net.com", false),
            ("JR東日本", "news@jreast.co.jp", false),
            ("ＡＭＡＺＯＮ", "x@amaz0n-support.top", true),
            ("ｱﾏｿﾞﾝ", "x@amaz0n-support.top", true),
            ("Amazon.co.jp", "store-news@amazon.co.jp", false),
            ("Amazon.co.jp", "store-news@amazon.co.jp.evil.example", true),
            ("Mic\u{E0139}ros\u{E0139}o\u{E0139}ft Service", "a@b.example", true),
            ("Microsoft", "x@outlook.com", true),
            ("Pineapple Weekly", "news@pineapple.example", false),
            ("PayPal", "service@paypal.com", false),
            ("service@paypal.com", "x@mailer.example.ru", true),
            ("楽天カード", "info@mail.rakuten-card.co.jp", false),
            ("楽天カード", "info@mail.rakuten.co.jp", false), // 楽天's, of the same group
            ("楽天カード", "info@mail.smbc-card.com", true),
            ("三井住友カード", "x@smbc-card.com.verify.example", true),
            ("Jane Doe", "jane@example.com", false),
            // Letters of other scripts, stray combining marks, digits and capital I for l: the
            // name the eye reads is the brand's.
            ("\u{41C}\u{435}ta\u{41C}ask", "info@sbdsmartorder.example.kr", true),
            ("L\u{435}\u{501}g\u{435}r Support", "x@updates.example.com", true),
            ("Ap\u{73F}pl\u{73F}e ID", "x@example.net", true),
            ("Co\u{337}rreio\u{337}s....", "alert@aract.example.com", true),
            ("Banco do BrasiI", "x@gmail.com", true),
            ("Amaz0n Prime", "x@prime-center.example.de", true),
            ("ΡayΡal", "x@example.com", true), // Greek capital rho
            // ... and what stays apart: accented names, kana with dakuten, other words.
            ("Nocibé", "offres@nocibe.example.fr", false),
            ("ドコモ光", "info@docomo.ne.jp", false),
            ("ドコモ光", "x@docomo-hikari.example.cn", true),
            ("Applied Materials", "news@amat.example.com", false),
            ("Meta Mask Fanclub", "x@example.org", false),
            // The address itself as the name names no brand, even with a brand's name in it.
            ("admin-eki-net@example.cn", "admin-eki-net@example.cn", false),
        ];
        for (name, address, want) in cases {
            let got = mismatch(name, address);
            assert_eq!(got.is_some(), want, "{name} <{address}>: {got:?}");
        }
    }

    #[test]
    fn the_reason_names_the_brand_the_name_and_the_address() {
        let reason = mismatch("えきねっとサポートセンター", "cbvlh@service.rqgdf.cn").expect("flagged");
        assert_eq!((reason.code, reason.level), (ReasonCode::MailtoBrandMismatch, Level::Caution));
        let d = reason.details;
        assert_eq!(d.claimed.as_deref(), Some("えきねっと"));
        assert_eq!(d.actual.as_deref(), Some("rqgdf.cn"), "the address's registrable domain");
        assert_eq!((d.brand.as_deref(), d.brand_ja.as_deref()), (Some("Eki-net (JR East)"), Some("えきねっと（JR東日本）")));
        assert_eq!(d.brand_domain.as_deref(), Some("eki-net.com"));
    }

    #[test]
    fn an_address_that_cannot_be_read_is_no_brands() {
        // (From address as written, the `actual` reported)
        let cases = [
            ("x@%correiosb.com", Some("%correiosb.com")),
            ("\"73032130@McAfee.nl\"", Some("McAfee.nl\"")),
            ("Amazon", Some("Amazon")),
            ("", None), // a From field with no address at all
        ];
        for (address, actual) in cases {
            let reason = mismatch("Amazon.co.jp", address).unwrap_or_else(|| panic!("{address:?}: not flagged"));
            assert_eq!(reason.details.actual.as_deref(), actual, "{address:?}");
        }
        assert_eq!(brand_mismatch("Amazon", None, &[], domains()), None, "no address, nothing to compare");
    }

    #[test]
    fn every_address_must_be_the_brands() {
        let both = ["support@eki-net.com", "copy@evil.example"];
        let reason = brand_mismatch("えきねっと", None, &both, domains()).expect("one address is not the brand's");
        assert_eq!(reason.details.actual.as_deref(), Some("evil.example"));
        assert_eq!(brand_mismatch("えきねっと", None, &both[..1], domains()), None);
    }

    #[test]
    fn a_title_presents_the_brand_when_the_name_does_not() {
        assert!(brand_mismatch("お問い合わせ", Some("PayPal Support"), &["x@evil.example"], domains()).is_some());
        assert_eq!(brand_mismatch("お問い合わせ", None, &["x@evil.example"], domains()), None);
    }

    #[test]
    fn a_brand_is_presented_by_its_name_or_by_an_address_it_shows() {
        let presented = |text: &str, own: &[&str]| {
            let hosts: Vec<String> = own.iter().filter_map(|a| address_host(a)).collect();
            presented_brand(text, &hosts, domains()).map(|p| (p.brand.label, p.name))
        };
        assert_eq!(presented("Amazon カスタマーサービス", &[]), Some(("Amazon", "Amazon")));
        assert_eq!(presented("Write to support@amazon.co.jp", &["help@amazon-desk.example"]), Some(("Amazon", "Amazon")));
        assert_eq!(presented("support@amazon.co.jp", &["support@amazon.co.jp"]), None, "its own address");
        assert_eq!(
            presented("Write to support@rakuten.co.jp", &["help@rakuten-desk.example"]),
            Some(("Rakuten", "楽天")),
            "the brand whose own domain it is, not the first of its group"
        );
        assert_eq!(presented("amazon.visa@de.zinia.example", &[]), None, "an address is not read for names");
        assert_eq!(presented("write to us", &[]), None);
    }
}
