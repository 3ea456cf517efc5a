//! Japanese and English texts for the native command, from one source.
//!
//! Reason texts live in `data/locales/{en,ja}/messages.json` (Chrome i18n format), which the build
//! also copies into the extension's `_locales` and into `www/`, so the extension, the web pages and
//! the CLI can never say different things. Texts only the command needs (labels, the Return-Path
//! signal, error messages) are in `data/locales/{en,ja}/cli.json`, in the same format; a key is looked up
//! in `messages.json` first.
//!
//! Which messages, with which values, explain a reason is decided in `explain.rs`, for every
//! platform at once; [`explain`] here renders that for the command.
//!
//! Substitution follows `chrome.i18n.getMessage`: `$NAME$` is replaced by the placeholder's
//! `content` (matched case-insensitively), then `$1`..`$9` in the result by the arguments, and
//! `$$` becomes a literal `$`.

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::Deserialize;

use crate::explain::{Arg, Explanation, Message};
use crate::verdict::{Level, Reason, Target};

/// The language a user reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    #[default]
    En,
    Ja,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Ja];

    /// The language of the POSIX locale: the first non-empty of `LC_ALL`, `LC_MESSAGES`, `LANG`
    /// decides (that is their precedence); Japanese when it starts with `ja`, else English.
    pub fn from_env() -> Lang {
        let get = |name: &str| std::env::var(name).ok();
        Lang::from_locale_vars(get("LC_ALL"), get("LC_MESSAGES"), get("LANG"))
    }

    /// [`Lang::from_env`] with the values passed in (testable without touching the process
    /// environment).
    pub fn from_locale_vars(
        lc_all: Option<String>,
        lc_messages: Option<String>,
        lang: Option<String>,
    ) -> Lang {
        let decisive = [lc_all, lc_messages, lang].into_iter().flatten().find(|v| !v.is_empty());
        match decisive {
            Some(v) if v.to_ascii_lowercase().starts_with("ja") => Lang::Ja,
            _ => Lang::En,
        }
    }

    /// `"en"` / `"ja"` (also accepts `ja_JP.UTF-8`, `ja-JP`, `EN`...).
    pub fn parse(s: &str) -> Option<Lang> {
        let lower = s.trim().to_ascii_lowercase();
        if lower.starts_with("ja") {
            Some(Lang::Ja)
        } else if lower.starts_with("en") {
            Some(Lang::En)
        } else {
            None
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ja => "ja",
        }
    }
}

#[derive(Debug, Deserialize)]
struct RawEntry {
    message: String,
    #[serde(default)]
    placeholders: HashMap<String, RawPlaceholder>,
}

#[derive(Debug, Deserialize)]
struct RawPlaceholder {
    content: String,
}

/// One message: its text and its placeholders (names lowercased, as Chrome matches them).
#[derive(Debug)]
struct Entry {
    message: String,
    placeholders: HashMap<String, String>,
}

type Table = HashMap<String, Entry>;

struct Tables {
    /// Per language: the extension's messages, then the command's own.
    en: [Table; 2],
    ja: [Table; 2],
}

const EXTENSION_EN: &str = include_str!("../data/locales/en/messages.json");
const EXTENSION_JA: &str = include_str!("../data/locales/ja/messages.json");
const CLI_EN: &str = include_str!("../data/locales/en/cli.json");
const CLI_JA: &str = include_str!("../data/locales/ja/cli.json");

fn parse_table(json: &str) -> Table {
    // The files are compiled in and checked by the tests below; a broken file degrades to
    // showing message keys instead of taking the program down.
    let raw: HashMap<String, RawEntry> = serde_json::from_str(json).unwrap_or_default();
    raw.into_iter()
        .map(|(key, e)| {
            let placeholders = e
                .placeholders
                .into_iter()
                .map(|(name, p)| (name.to_ascii_lowercase(), p.content))
                .collect();
            (key, Entry { message: e.message, placeholders })
        })
        .collect()
}

fn tables() -> &'static Tables {
    static TABLES: OnceLock<Tables> = OnceLock::new();
    TABLES.get_or_init(|| Tables {
        en: [parse_table(EXTENSION_EN), parse_table(CLI_EN)],
        ja: [parse_table(EXTENSION_JA), parse_table(CLI_JA)],
    })
}

fn lookup(lang: Lang, key: &str) -> Option<&'static Entry> {
    let t = tables();
    let in_lang = |tabs: &'static [Table; 2]| tabs.iter().find_map(|tab| tab.get(key));
    match lang {
        Lang::En => in_lang(&t.en),
        // A text missing in Japanese falls back to English rather than to the bare key.
        Lang::Ja => in_lang(&t.ja).or_else(|| in_lang(&t.en)),
    }
}

/// Whether `key` exists in `lang` itself (no fallback).
pub fn has_message(lang: Lang, key: &str) -> bool {
    let t = tables();
    let tabs = match lang {
        Lang::En => &t.en,
        Lang::Ja => &t.ja,
    };
    tabs.iter().any(|tab| tab.contains_key(key))
}

/// Every message key known in `lang` (extension and command texts).
pub fn keys(lang: Lang) -> Vec<&'static str> {
    let t = tables();
    let tabs = match lang {
        Lang::En => &t.en,
        Lang::Ja => &t.ja,
    };
    let mut keys: Vec<&'static str> =
        tabs.iter().flat_map(|tab| tab.keys().map(String::as_str)).collect();
    keys.sort_unstable();
    keys.dedup();
    keys
}

/// The text of `key` in `lang` with `args` substituted like `chrome.i18n.getMessage`.
/// An unknown key gives the key itself (visible, never a panic).
pub fn message(lang: Lang, key: &str, args: &[&str]) -> String {
    match lookup(lang, key) {
        Some(entry) => substitute(entry, args),
        None => key.to_string(),
    }
}

fn substitute(entry: &Entry, args: &[&str]) -> String {
    let named = replace_named(&entry.message, &entry.placeholders);
    replace_numbered(&named, args)
}

/// Stage 1: `$NAME$` -> placeholder content. `$$` is kept for stage 2; an unknown `$NAME$`
/// is left as written.
fn replace_named(text: &str, placeholders: &HashMap<String, String>) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut rest = text;
    while let Some(pos) = rest.find('$') {
        out.push_str(&rest[..pos]);
        let after = &rest[pos + 1..];
        if let Some(tail) = after.strip_prefix('$') {
            out.push_str("$$");
            rest = tail;
            continue;
        }
        let name_len = after
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '@'))
            .unwrap_or(after.len());
        if name_len > 0 && after[name_len..].starts_with('$') {
            let name = &after[..name_len];
            if let Some(content) = placeholders.get(&name.to_ascii_lowercase()) {
                out.push_str(content);
                rest = &after[name_len + 1..];
                continue;
            }
        }
        out.push('$');
        rest = after;
    }
    out.push_str(rest);
    out
}

/// Stage 2: `$1`..`$9` -> the arguments (missing ones become empty, as in Chrome), `$$` -> `$`.
/// Arguments are inserted verbatim: a `$1` inside an argument is not substituted again.
fn replace_numbered(text: &str, args: &[&str]) -> String {
    let mut out = String::with_capacity(text.len() + args.iter().map(|a| a.len()).sum::<usize>());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '$' {
            out.push(c);
            continue;
        }
        match chars.peek().copied() {
            Some('$') => {
                chars.next();
                out.push('$');
            }
            Some(d @ '1'..='9') => {
                chars.next();
                let index = (d as usize) - ('1' as usize);
                if let Some(arg) = args.get(index) {
                    out.push_str(arg);
                }
            }
            _ => out.push('$'),
        }
    }
    out
}

/// The localized name of a level ("Danger" / "危険").
pub fn level_name(level: Level, lang: Lang) -> String {
    message(lang, &format!("level_{}", level.as_str()), &[])
}

/// `message` in `lang`: its text with its arguments substituted, a brand in `lang`'s name for it.
pub fn render(message: &Message<'_>, lang: Lang) -> String {
    let args: Vec<&str> = message
        .args
        .iter()
        .map(|&arg| match (arg, lang) {
            (Arg::Text(text), _) => text,
            (Arg::Brand { en, .. }, Lang::En) => en,
            (Arg::Brand { ja, .. }, Lang::Ja) => ja,
        })
        .collect();
    self::message(lang, message.key, &args)
}

/// Title and body explaining `reason` for the link whose real target is `target`
/// ([`crate::explain::explain`] rendered in `lang`).
pub fn explain(reason: &Reason, target: &Target, lang: Lang) -> (String, String) {
    render_explanation(&crate::explain::explain(reason, target), lang)
}

/// `explanation` in `lang`: its title, and its body's sentences joined by a space.
pub fn render_explanation(explanation: &Explanation<'_>, lang: Lang) -> (String, String) {
    let Explanation { title, body } = explanation;
    let body: Vec<String> = body.iter().map(|m| render(m, lang)).collect();
    (render(title, lang), body.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::explain::test_support::{detailed, every_variant, target};
    use crate::verdict::{LookalikeKind, ReasonCode};
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn a_brand_name_and_a_lookalike_of_one_are_told_apart() {
        let mut exact = detailed(ReasonCode::BrandNameInHost);
        exact.details.lookalike = None;
        exact.details.claimed = Some("eki-net".into());
        let mut lookalike = detailed(ReasonCode::BrandNameInHost);
        lookalike.details.lookalike = Some(LookalikeKind::EditDistance);
        lookalike.details.claimed = Some("ekl-net".into());
        for lang in Lang::ALL {
            let (_, exact) = explain(&exact, &target(), lang);
            let (_, lookalike) = explain(&lookalike, &target(), lang);
            let brand = match lang {
                Lang::En => "Eki-net (JR East)",
                Lang::Ja => "えきねっと（JR東日本）",
            };
            assert_eq!(exact, message(lang, "reason_brand_name_in_host_body", &["eki-net", brand, "ddnsking.com"]));
            assert_eq!(lookalike, message(lang, "reason_brand_name_in_host_lookalike_body", &["ekl-net", brand, "ddnsking.com"]));
            assert_ne!(exact, lookalike);
        }
    }

    #[test]
    fn brands_are_named_in_the_readers_language() {
        for code in [ReasonCode::BrandInHost, ReasonCode::LookalikeDomain] {
            let (_, ja) = explain(&detailed(code), &target(), Lang::Ja);
            let (_, en) = explain(&detailed(code), &target(), Lang::En);
            assert!(ja.contains("えきねっと（JR東日本）") && !ja.contains("Eki-net (JR East)"), "{ja}");
            assert!(en.contains("Eki-net (JR East)") && !en.contains("えきねっと"), "{en}");
            // A brand without a Japanese label keeps its own name in Japanese too.
            let mut english_only = detailed(code);
            english_only.details.brand_ja = None;
            let (_, ja) = explain(&english_only, &target(), Lang::Ja);
            assert!(ja.contains("Eki-net (JR East)"), "{ja}");
        }
    }

    fn has_unreplaced(text: &str) -> bool {
        let bytes = text.as_bytes();
        bytes.windows(2).any(|w| w[0] == b'$' && (w[1].is_ascii_alphanumeric() || w[1] == b'_'))
    }

    #[test]
    fn every_level_has_a_name_in_both_languages() {
        // (Every reason text explain.rs gives is checked there, in both languages.)
        for lang in Lang::ALL {
            for level in [Level::Safe, Level::Caution, Level::Danger] {
                assert!(has_message(lang, &format!("level_{}", level.as_str())), "{lang:?}: {level:?}");
            }
        }
    }

    #[test]
    fn both_languages_have_the_same_keys_and_placeholders() {
        let t = tables();
        for (en, ja) in t.en.iter().zip(t.ja.iter()) {
            let mut en_keys: Vec<_> = en.keys().collect();
            let mut ja_keys: Vec<_> = ja.keys().collect();
            en_keys.sort();
            ja_keys.sort();
            assert_eq!(en_keys, ja_keys, "en and ja define different keys");
            for (key, e) in en {
                let j = &ja[key];
                let mut a: Vec<_> = e.placeholders.iter().collect();
                let mut b: Vec<_> = j.placeholders.iter().collect();
                a.sort();
                b.sort();
                assert_eq!(a, b, "placeholders of {key} differ between en and ja");
            }
        }
    }

    #[test]
    fn the_message_files_parse_and_are_not_empty() {
        for (name, json) in [
            ("extension en", EXTENSION_EN),
            ("extension ja", EXTENSION_JA),
            ("cli en", CLI_EN),
            ("cli ja", CLI_JA),
        ] {
            let parsed: Result<HashMap<String, RawEntry>, _> = serde_json::from_str(json);
            assert!(parsed.as_ref().is_ok_and(|m| !m.is_empty()), "{name}: {:?}", parsed.err());
        }
    }

    #[test]
    fn every_message_is_fully_substituted_with_enough_arguments() {
        for lang in Lang::ALL {
            for key in keys(lang) {
                let text = message(lang, key, &["A1", "A2", "A3", "A4", "A5"]);
                assert!(!has_unreplaced(&text), "{lang:?} {key}: {text}");
            }
        }
    }

    #[test]
    fn every_variant_renders_without_a_placeholder_or_a_key() {
        for lang in Lang::ALL {
            for reason in every_variant() {
                let (title, body) = explain(&reason, &target(), lang);
                assert!(!title.is_empty() && !body.is_empty(), "{lang:?} {:?}", reason.code);
                assert!(!has_unreplaced(&title), "{lang:?} {:?}: {title}", reason.code);
                assert!(!has_unreplaced(&body), "{lang:?} {:?}: {body}", reason.code);
                assert!(!body.contains("reason_") && !body.contains("lookalike_"), "{lang:?} {:?}: key shown", reason.code);
            }
        }
    }

    #[test]
    fn japanese_text_mismatch_substitutes_claimed_then_actual() {
        let (title, body) = explain(&detailed(ReasonCode::TextMismatch), &target(), Lang::Ja);
        assert_eq!(title, "リンクの表示と本当の行き先が違います");
        let claimed_at = body.find("eki-net.com").expect("claimed domain in body");
        let actual_at = body.find("ddnsking.com").expect("actual domain in body");
        assert!(claimed_at < actual_at, "{body}");
        assert!(body.starts_with("リンクの表示は eki-net.com ですが、本当の行き先は ddnsking.com です。"), "{body}");
        // The lookalike sentence is appended.
        assert!(body.ends_with("ddnsking.com は eki-net.com の名前を含んでいますが、別のドメインです。"), "{body}");
    }

    #[test]
    fn a_body_of_several_sentences_is_joined_by_a_space() {
        let (_, body) = explain(&detailed(ReasonCode::IpHost), &target(), Lang::Ja);
        let first = message(Lang::Ja, "reason_ip_host_body", &["192.0.2.7"]);
        assert_eq!(body, format!("{first} {}", message(Lang::Ja, "reason_ip_host_obscured", &[])));
        let mut opaque = detailed(ReasonCode::Wrapped);
        opaque.details.opaque = true;
        opaque.details.wrapper = Some("Mimecast".into());
        let (_, body) = explain(&opaque, &target(), Lang::En);
        assert_eq!(body, message(Lang::En, "reason_wrapped_opaque_body", &["Mimecast"]));
    }

    #[test]
    fn missing_details_fall_back_to_the_target() {
        let bare = Reason::new(ReasonCode::DynamicDns, Level::Danger);
        let (_, body) = explain(&bare, &target(), Lang::En);
        assert!(body.contains("No-IP"), "{body}");
        let bare = Reason::new(ReasonCode::ScriptUrl, Level::Danger);
        let t = Target { url: "javascript:alert(1)".into(), scheme: "javascript".into(), ..Target::default() };
        let (_, body) = explain(&bare, &t, Lang::Ja);
        assert!(body.contains("「javascript:」"), "{body}");
    }

    #[test]
    fn substitution_follows_chrome_rules() {
        let entry = Entry {
            message: "Pay $$5 to $WHO$ for $Item$; $UNKNOWN$ stays; $2 direct".into(),
            placeholders: [("who".to_string(), "$1".to_string()), ("item".to_string(), "$2".to_string())]
                .into_iter()
                .collect(),
        };
        assert_eq!(
            substitute(&entry, &["Alice", "tea"]),
            "Pay $5 to Alice for tea; $UNKNOWN$ stays; tea direct"
        );
        // Arguments are not substituted again; missing arguments become empty.
        assert_eq!(substitute(&entry, &["$2"]), "Pay $5 to $2 for ; $UNKNOWN$ stays;  direct");
    }

    #[test]
    fn unknown_keys_show_the_key() {
        assert_eq!(message(Lang::Ja, "no_such_key", &[]), "no_such_key");
    }

    #[test]
    fn locale_variables_follow_posix_precedence() {
        /// LC_ALL, LC_MESSAGES, LANG, and the language they select.
        type LocaleCase = (Option<&'static str>, Option<&'static str>, Option<&'static str>, Lang);
        const CASES: [LocaleCase; 7] = [
            (None, None, Some("ja_JP.UTF-8"), Lang::Ja),
            (None, None, Some("en_US.UTF-8"), Lang::En),
            (Some("ja_JP.eucJP"), None, Some("en_US.UTF-8"), Lang::Ja),
            (None, Some("C"), Some("ja_JP.UTF-8"), Lang::En),
            (Some(""), Some(""), Some("ja"), Lang::Ja),
            (Some("C.UTF-8"), None, Some("ja_JP.UTF-8"), Lang::En),
            (None, None, None, Lang::En),
        ];
        let owned = |v: Option<&str>| v.map(String::from);
        for (lc_all, lc_messages, lang, want) in CASES {
            let got = Lang::from_locale_vars(owned(lc_all), owned(lc_messages), owned(lang));
            assert_eq!(got, want, "{lc_all:?} {lc_messages:?} {lang:?}");
        }
        assert_eq!(Lang::parse("ja-JP"), Some(Lang::Ja));
        assert_eq!(Lang::parse("EN"), Some(Lang::En));
        assert_eq!(Lang::parse("fr"), None);
    }

    #[test]
    fn level_names_are_localized() {
        assert_eq!(level_name(Level::Danger, Lang::Ja), "危険");
        assert_eq!(level_name(Level::Caution, Lang::En), "Caution");
    }
}
