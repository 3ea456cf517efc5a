//! A message judged: its sender checked, each of its links analyzed, its level. What
//! `linkguard scan` prints (as text, or a JSON line with `--json`) and what the link checker
//! page (`www/check`) shows, from `LinkGuard.scanMessage` of the wasm built with the `mail`
//! feature: one report for both, so they can't read or judge a message differently.
//!
//! Serialized, every reason carries its explanation (`explained`, see `crate::explain`): the
//! page renders it, and `scan --json` gives the same words to whoever reads its output.

use serde::Serialize;

use super::{check_sender, Headers, MimePart, ParsedMessage, SenderReport};
use crate::analyze::Engine;
use crate::explain::serialize_explained;
use crate::message::claim::MessageClaim;
use crate::verdict::{Level, Verdict};

/// One message, judged.
#[derive(Debug, Clone, Serialize)]
pub struct MessageReport {
    #[serde(flatten)]
    pub headers: Headers,
    /// The highest of its links' levels and of its sender's: a display name that borrows a brand
    /// makes a message with safe links `caution`.
    pub level: Level,
    /// Who the message presents itself as, read once for all its links (serialized as its
    /// [`MessageClaim::summary`]).
    #[serde(serialize_with = "serialize_claim")]
    pub claim: MessageClaim,
    pub sender: SenderReport,
    pub links: Vec<LinkReport>,
    #[serde(skip_serializing_if = "is_zero")]
    pub links_omitted: usize,
    pub parts: Vec<MimePart>,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

fn serialize_claim<S: serde::Serializer>(claim: &MessageClaim, serializer: S) -> Result<S::Ok, S::Error> {
    claim.summary().serialize(serializer)
}

/// A link of the message and its verdict.
#[derive(Debug, Clone, Serialize)]
pub struct LinkReport {
    pub text: String,
    pub href: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The path of the MIME part it was first found in ([`MimePart::path`]).
    pub part: String,
    /// How often the message has it.
    pub count: usize,
    #[serde(serialize_with = "serialize_explained")]
    pub verdict: Verdict,
}

impl MessageReport {
    /// `msg` judged by `engine` (its options apply): what it says of itself read once
    /// ([`Engine::message`]), each link analyzed in it, the sender checked.
    pub fn of(msg: ParsedMessage, engine: &Engine) -> MessageReport {
        let claim = engine.message(&msg.context());
        let sender = check_sender(&msg, &claim, engine.domains());
        let ParsedMessage { headers, links, links_omitted, parts } = msg;
        let links: Vec<LinkReport> = links
            .into_iter()
            .map(|found| {
                let verdict = engine.analyze_in(&found.input, &claim);
                let input = found.input;
                LinkReport { text: input.text, href: input.href, title: input.title, part: found.part, count: found.count, verdict }
            })
            .collect();
        let level = links.iter().map(|l| l.verdict.level).chain([sender.level()]).max().unwrap_or(Level::Safe);
        MessageReport { headers, level, claim, sender, links, links_omitted, parts }
    }

    /// The links whose verdict is caution or danger.
    pub fn flagged(&self) -> impl Iterator<Item = &LinkReport> {
        self.links.iter().filter(|l| l.verdict.level > Level::Safe)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mail::parse_message;
    use crate::verdict::ReasonCode;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    /// The founding case's sender (えきねっとサポートセンター at rqgdf.cn), then `body`.
    fn founding(body: &str) -> Vec<u8> {
        format!(
            "From: =?UTF-8?B?44GI44GN44Gt44Gj44Go44K144Od44O844OI44K744Oz44K/44O8?= <cbvlh@service.rqgdf.cn>\r\n\
Return-Path: <bounce@mailer.example.net>\r\nSubject: test\r\nContent-Type: text/html; charset=utf-8\r\n\r\n{body}\r\n"
        )
        .into_bytes()
    }

    const LINKS: &str =
        "<a href=\"https://checkid.ddnsking.com/\">https://x.workers.dev/</a> <a href=\"https://www.example.com/\">example.com</a>";

    #[test]
    fn the_message_level_is_its_links_and_its_sender_s_highest() {
        let engine = Engine::new();
        // From a sender that claims no brand, each link is judged alone.
        let plain = String::from_utf8(founding(LINKS)).expect("UTF-8").replacen(
            "=?UTF-8?B?44GI44GN44Gt44Gj44Go44K144Od44O844OI44K744Oz44K/44O8?=",
            "Kenji",
            1,
        );
        let report = MessageReport::of(parse_message(plain.as_bytes()).expect("parses"), &engine);
        let levels: Vec<Level> = report.links.iter().map(|l| l.verdict.level).collect();
        assert_eq!(levels, [Level::Danger, Level::Safe]);
        assert_eq!(report.level, Level::Danger);
        assert_eq!(report.flagged().count(), 1);
        assert!(!report.claim.claims_a_brand());
        assert_eq!(report.sender.level(), Level::Safe);

        // In a mail presenting itself as えきねっと from rqgdf.cn, every link elsewhere is danger.
        let report = MessageReport::of(parse_message(&founding(LINKS)).expect("parses"), &engine);
        let levels: Vec<Level> = report.links.iter().map(|l| l.verdict.level).collect();
        assert_eq!(levels, [Level::Danger, Level::Danger]);
        assert!(report.links[1].verdict.reasons.iter().any(|r| r.code == ReasonCode::MessageBrandMismatch));
        assert_eq!(report.sender.level(), Level::Caution);
        assert_eq!(report.sender.signals.iter().map(|s| s.kind()).collect::<Vec<_>>(), ["return-path-mismatch"]);

        // A sender that borrows a brand makes a message with safe links caution.
        let report = MessageReport::of(parse_message(&founding("<p>no links</p>")).expect("parses"), &engine);
        assert_eq!((report.links.len(), report.level), (0, Level::Caution));
    }

    #[test]
    fn every_reason_is_serialized_with_its_explanation() {
        let engine = Engine::new();
        let report = MessageReport::of(parse_message(&founding(LINKS)).expect("parses"), &engine);
        let json = serde_json::to_value(&report).expect("JSON");
        let link = &json["links"][0];
        let reasons = link["verdict"]["reasons"].as_array().expect("reasons");
        let titles: Vec<(&str, &str)> =
            reasons.iter().filter_map(|r| Some((r["code"].as_str()?, r["explained"]["title"]["key"].as_str()?))).collect();
        assert_eq!(
            titles,
            [
                ("dynamic-dns", "reason_dynamic_dns_title"),
                ("text-mismatch", "reason_text_mismatch_title"),
                ("message-brand-mismatch", "reason_message_brand_mismatch_title"),
            ]
        );
        assert_eq!((link["part"].as_str(), link["count"].as_u64()), (Some("1"), Some(1)));
        let sender = &json["sender"]["reasons"][0];
        assert_eq!(sender["code"], ReasonCode::MailtoBrandMismatch.as_str());
        // The brand in both languages, the address's domain as the sender's actual one.
        let args = &sender["explained"]["body"][0]["args"];
        assert_eq!(args[1]["ja"], "えきねっと（JR東日本）");
        assert_eq!(args[2], "rqgdf.cn");
        assert_eq!(json["sender"]["signals"][0]["kind"], "return-path-mismatch");
        // Who the message presents itself as, and what says so.
        let brand = &json["claim"]["brands"][0];
        assert_eq!((brand["brand_ja"].as_str(), brand["evidence"].as_str()), (Some("えきねっと（JR東日本）"), Some("display-name")));
        assert_eq!(json["claim"]["sender_domain"], "rqgdf.cn");
    }
}
