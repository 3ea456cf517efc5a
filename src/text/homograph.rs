//! Homographs: IDN labels that are mixed-script or whole-script confusable with Latin
//! (UTS #39), and bidi-override or zero-width characters.
//!
//! The policy follows UTS #39 section 5 as browsers apply it to hostnames:
//! - A label may mix scripts only up to the *Highly Restrictive* level: Latin with one of the
//!   CJK writing systems (Han+Hiragana+Katakana for Japanese, Han+Bopomofo, Han+Hangul).
//!   Anything beyond (Latin+Cyrillic `аpple`, Latin+Greek `paypαl`, Latin+Armenian) is
//!   "mixed-script".
//! - A single-script label that is not ASCII but whose UTS #39 skeleton is plain ASCII
//!   letters/digits (`раураӏ` in Cyrillic, `ɡoogle` with Latin script g, `ınstagram` with a
//!   dotless i) reads as a Latin name: "confusable". Japanese, Chinese, Korean, Greek words and
//!   accented Latin (`münchen`, `café`) keep non-ASCII characters in their skeleton and pass.
//!   Cyrillic labels under a TLD where Cyrillic names are normal (.ru, .рф, .ua, ...) are not
//!   flagged, as browsers do: there the Cyrillic reading is the expected one.
//! - An `xn--` label that does not decode to a valid IDNA label is "invalid-idn".

use unicode_security::{MixedScript, RestrictionLevel, RestrictionLevelDetection};

use crate::host::ace::{has_ace_label, is_ace_label};
use crate::text::claim::is_cjk;
use crate::text::skeleton::skeleton;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HomographFinding {
    /// "mixed-script", "confusable", "bidi", "zero-width" or "invalid-idn".
    pub kind: &'static str,
    pub unicode: String,
    pub punycode: String,
}

/// ASCII ccTLDs of countries where Cyrillic domain names are common. Whole-script Cyrillic
/// labels there are ordinary words, not imitations of Latin names (Chromium applies the same
/// exception; IDN TLDs written in Cyrillic, like .рф, are recognised by their script).
const CYRILLIC_CCTLDS: &[&str] = &[
    "ru", "su", "ua", "by", "kz", "kg", "bg", "rs", "mk", "mn", "uz", "tj", "me", "ba",
];

/// Checks an ASCII (punycode) host.
pub fn check_host(ascii_host: &str) -> Option<HomographFinding> {
    let host = ascii_host.strip_suffix('.').unwrap_or(ascii_host);
    // Nearly every host is plain ASCII without an ACE label: answer without allocating.
    // (Split as bytes: the `char` pattern searcher costs more than the rest of this check.)
    if !has_ace_label(host.as_bytes()) {
        return None;
    }
    let punycode = host.to_ascii_lowercase();

    let mut unicode_labels: Vec<String> = Vec::new();
    let mut invalid = false;
    for label in punycode.split('.') {
        match is_ace_label(label.as_bytes()).then(|| decode_ace_label(label)) {
            None => unicode_labels.push(label.to_owned()),
            Some(Some(decoded)) => unicode_labels.push(decoded),
            Some(None) => {
                invalid = true;
                unicode_labels.push(label.to_owned());
            }
        }
    }
    let unicode = unicode_labels.join(".");
    let finding = |kind| {
        Some(HomographFinding {
            kind,
            unicode: unicode.clone(),
            punycode: punycode.clone(),
        })
    };
    if invalid {
        return finding("invalid-idn");
    }

    let tld = unicode_labels.last().map(String::as_str).unwrap_or("");
    let cyrillic_tld = CYRILLIC_CCTLDS.contains(&tld) || is_cyrillic_word(tld);
    for (ascii_label, label) in punycode.split('.').zip(&unicode_labels) {
        if !is_ace_label(ascii_label.as_bytes()) {
            continue;
        }
        let label = label.as_str();
        if !label.is_single_script()
            && (label.detect_restriction_level() > RestrictionLevel::HighlyRestrictive
                || has_lone_cjk_between_latin(label))
        {
            return finding("mixed-script");
        }
        if label.is_single_script()
            && skeleton_is_ldh(label)
            && !(cyrillic_tld && is_cyrillic_word(label))
        {
            return finding("confusable");
        }
    }
    None
}

/// Bidi-override or zero-width characters anywhere in the raw href (before parsing).
///
/// Bidi controls reorder what is displayed (U+202E before `gpj.exe` shows it as `exe.jpg`); zero-width
/// characters make two different addresses look the same. Both are checked as raw characters:
/// a browser shows percent-encoded ones as `%E2%80%AE`, which hides nothing.
pub fn check_raw_href(href: &str) -> Option<&'static str> {
    if href.is_ascii() {
        return None;
    }
    if href.chars().any(is_bidi_control) {
        return Some("bidi");
    }
    if href.chars().any(is_zero_width) {
        return Some("zero-width");
    }
    None
}

/// LRE/RLE/PDF/LRO/RLO, the isolates LRI/RLI/FSI/PDI, LRM/RLM and the Arabic letter mark.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// Zero-width space, non-joiner, joiner, word joiner and the byte-order mark (ZWNBSP).
fn is_zero_width(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}')
}

/// The Unicode form of a lowercase `xn--` label, or `None` when the label is not the canonical
/// IDNA encoding of a valid Unicode label (bad punycode, an encoding of plain ASCII, a leading
/// combining mark, disallowed characters...). Checked by a round trip through UTS #46.
fn decode_ace_label(label: &str) -> Option<String> {
    let decoded = idna::punycode::decode_to_string(label.get(4..)?)?;
    if decoded.is_empty() || decoded.is_ascii() || decoded.contains('.') {
        return None;
    }
    match idna::domain_to_ascii(&decoded) {
        Ok(reencoded) if reencoded == label => Some(decoded),
        _ => None,
    }
}

/// The UTS #39 skeleton is made only of ASCII letters, digits and hyphens (and has a letter or
/// digit): the label is displayed as something that reads like an ASCII hostname label.
fn skeleton_is_ldh(label: &str) -> bool {
    let mut any_alnum = false;
    for c in skeleton(label).chars() {
        if c.is_ascii_alphanumeric() {
            any_alnum = true;
        } else if c != '-' {
            return false;
        }
    }
    any_alnum
}

/// One Han, kana or Hangul character with ASCII letters right before and after it
/// (`amaュon`): Latin+Japanese is an allowed mix, but real names put whole words side by side
/// (`eコマース`, `ビタミンb1`, `jr東日本`); a single kana standing in for one letter of a Latin
/// word is the imitation seen in phishing aimed at Japan.
fn has_lone_cjk_between_latin(label: &str) -> bool {
    let chars: Vec<char> = label.chars().collect();
    chars
        .windows(3)
        .any(|w| w[0].is_ascii_alphabetic() && is_cjk(w[1]) && w[2].is_ascii_alphabetic())
}


/// Every letter is Cyrillic (digits and hyphens allowed). By code block: the Cyrillic blocks
/// hold only Cyrillic-script characters (plus two combining marks, harmless here).
fn is_cyrillic_word(label: &str) -> bool {
    let mut any = false;
    for c in label.chars() {
        if c.is_ascii_digit() || c == '-' {
            continue;
        }
        let cyrillic = matches!(c,
            '\u{0400}'..='\u{052F}' | '\u{1C80}'..='\u{1C8F}' | '\u{2DE0}'..='\u{2DFF}' | '\u{A640}'..='\u{A69F}');
        if !cyrillic {
            return false;
        }
        any = true;
    }
    any
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    /// Hosts written in Unicode; the test encodes them with UTS #46 (as the url crate does for
    /// an href) and checks the punycode form. `None` = must not be flagged.
    const UNICODE_HOSTS: &[(&str, Option<&str>)] = &[
        // Legitimate single-script IDNs.
        ("例え.jp", None),
        ("日本語.jp", None),
        ("ドメイン名例.jp", None),
        ("www.日本語.jp", None),
        ("コマース.jp", None),
        ("ノンソ.jp", None),
        ("ふりがな付き漢字.jp", None),
        ("ビタミンb1.com", None), // Katakana + ASCII: Highly Restrictive, allowed
        ("e-コマース.jp", None),
        ("漢字hanzi.tw", None),
        ("hello中国.cn", None),
        ("北京大学.cn", None),
        ("中国.中国", None),
        ("한국.kr", None),
        ("한글han.kr", None),
        ("münchen.de", None),
        ("bücher.de", None),
        ("straße.de", None),
        ("café.fr", None),
        ("øresund.dk", None),
        ("łódź.pl", None),
        ("çay.com.tr", None),
        ("ñandú.com.ar", None),
        ("παράδειγμα.gr", None),
        ("ουτοπία.gr", None),
        ("музей.com", None),    // Cyrillic letters without Latin lookalikes
        ("президент.рф", None), // Cyrillic word under the Cyrillic TLD
        ("ѕсоре.рф", None),     // looks Latin, but .рф is where Cyrillic names live
        ("ѕсоре.ru", None),
        ("пример.испытание", None),
        ("עברית-123.il", None),
        ("افلام.eg", None),
        ("ภาษาไทย.th", None),
        ("अकोला.in", None),
        // Mixed script.
        ("аpple.com", Some("mixed-script")), // Cyrillic а + Latin
        ("раураl.com", Some("mixed-script")), // Cyrillic р а у р а + Latin l
        ("paypαl.com", Some("mixed-script")), // Greek alpha
        ("gοοglε.gr", Some("mixed-script")), // Greek omicrons and epsilon
        ("gօogle.com", Some("mixed-script")), // Armenian oh
        ("www.аmazon.co.jp", Some("mixed-script")),
        ("login.еki-net.com", Some("mixed-script")), // Cyrillic е in a subdomain
        ("한ひら.kr", Some("mixed-script")),         // Hangul + Hiragana: not one writing system
        ("abहिन्दी.in", Some("mixed-script")),        // Latin + Devanagari
        ("ραу.ru", Some("mixed-script")),            // Greek + Cyrillic, no Latin at all
        ("৪੨.com", Some("mixed-script")),            // Bengali + Gurmukhi digits reading "82"
        ("amaュon.co.jp", Some("mixed-script")),     // one small katakana standing in for "z"
        ("paypaーl.com", Some("mixed-script")),      // prolonged sound mark inside a Latin word
        ("jr東日本.jp", None),                       // Latin word + Japanese word
        ("au電気.jp", None),
        // Japanese words before a brand in a subdomain are a legitimate script mix; the brand
        // in a subdomain is not a homograph.
        ("確認アカウントamazon.co.jp.example.com", None),
        // Whole-script confusable with Latin.
        ("раураӏ.com", Some("confusable")), // all Cyrillic, reads "paypal"
        ("ѕсоре.com", Some("confusable")),
        ("аррӏе.com", Some("confusable")),
        ("ɡoogle.com", Some("confusable")), // Latin small script g
        ("ınstagram.com", Some("confusable")), // Latin dotless i
        ("secure.аррӏе.com", Some("confusable")),
        ("ѕсоре.example", Some("confusable")),
    ];

    #[test]
    fn unicode_hosts() {
        for &(host, expected) in UNICODE_HOSTS {
            let ascii = idna::domain_to_ascii(host).unwrap_or_else(|e| panic!("{host}: {e:?}"));
            let found = check_host(&ascii);
            assert_eq!(
                found.as_ref().map(|f| f.kind),
                expected,
                "check_host({ascii:?}) for {host:?}"
            );
            if let Some(f) = found {
                assert_eq!(f.unicode, host, "unicode of {ascii:?}");
                assert_eq!(f.punycode, ascii, "punycode of {host:?}");
            }
        }
    }

    #[test]
    fn ascii_hosts() {
        const CASES: &[(&str, Option<&str>)] = &[
            ("www.example.com", None),
            ("checkid.ddnsking.com", None),
            ("example.com.", None),
            ("", None),
            (".", None),
            ("localhost", None),
            ("my_host.example.com", None),
            ("xn.example.com", None),
            ("xn-a.example.com", None),
            // Invalid ACE labels.
            ("xn--example-.com", Some("invalid-idn")),
            ("xn--a.com", Some("invalid-idn")),
            ("xn--.com", Some("invalid-idn")),
            ("xn--abc.com", Some("invalid-idn")),
            ("xn--abc-.com", Some("invalid-idn")), // decodes to plain ASCII "abc"
            ("xn--abc-fdc.jp", Some("invalid-idn")), // a combining mark first
            ("www.xn--zzzz-.jp", Some("invalid-idn")),
            // Upper case and a trailing dot are read like the lowercase name.
            ("XN--PPLE-43D.COM", Some("mixed-script")),
            ("xn--pple-43d.com.", Some("mixed-script")),
            ("XN--R8JZ45G.JP", None),
        ];
        for &(host, expected) in CASES {
            assert_eq!(
                check_host(host).map(|f| f.kind),
                expected,
                "check_host({host:?})"
            );
        }
    }

    #[test]
    fn findings_carry_both_forms() {
        let f = check_host("XN--PPLE-43D.COM.").expect("finding");
        assert_eq!(f.kind, "mixed-script");
        assert_eq!(f.punycode, "xn--pple-43d.com");
        assert_eq!(f.unicode, "\u{0430}pple.com");
        let f = check_host("xn--a.xn--r8jz45g.jp").expect("finding");
        assert_eq!(f.kind, "invalid-idn");
        assert_eq!(
            f.unicode, "xn--a.例え.jp",
            "invalid labels stay in punycode"
        );
    }

    #[test]
    fn raw_hrefs() {
        const CASES: &[(&str, Option<&str>)] = &[
            ("https://www.eki-net.com/", None),
            ("https://例え.jp/パス?q=日本語", None),
            ("https://münchen.de/", None),
            ("https://example.com/\u{202E}fdp.exe", Some("bidi")),
            ("https://example.com/\u{202A}x", Some("bidi")),
            ("https://example.com/\u{202D}x", Some("bidi")),
            ("https://example.com/\u{2066}x\u{2069}", Some("bidi")),
            ("https://example.com/\u{2067}x", Some("bidi")),
            ("https://example.com/\u{2068}x", Some("bidi")),
            ("https://exam\u{200E}ple.com/", Some("bidi")),
            ("https://exam\u{200F}ple.com/", Some("bidi")),
            ("https://example.com/\u{061C}", Some("bidi")),
            ("https://pay\u{200B}pal.com/", Some("zero-width")),
            ("https://pay\u{200C}pal.com/", Some("zero-width")),
            ("https://pay\u{200D}pal.com/", Some("zero-width")),
            ("https://pay\u{2060}pal.com/", Some("zero-width")),
            ("\u{FEFF}https://paypal.com/", Some("zero-width")),
            ("https://pay\u{200B}pal.com/\u{202E}", Some("bidi")), // bidi is reported first
            ("https://example.com/%E2%80%AE", None), // percent-encoded: displayed as such
            ("", None),
        ];
        for &(href, expected) in CASES {
            assert_eq!(check_raw_href(href), expected, "check_raw_href({href:?})");
        }
    }
}
