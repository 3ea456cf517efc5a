//! A whole domain name written into the labels left of a host's registrable domain:
//! `anazaon.co.jp.login.z2hdao.cn`, `www.shopping-misstore.jp.login.uvqtfed.cn`,
//! `bitvavo.com.nl.services.example`.
//!
//! The part of a host left of its registrable domain is whatever the owner of that domain
//! chooses, and people read a host from the left: a name that ends in `.co.jp` or `.com` there
//! reads as the site's address. `brand_in_host.rs` already catches a listed brand's exact domain
//! written this way; this check catches the rest, above all misspelt brand domains, which
//! JPCERT/CC's phishing URL lists are full of (2-8 % of a year's URLs, 2019-2022, not caught by
//! any other check).
//!
//! What counts as "a domain name" is kept narrow, because legitimate hosts have structured
//! subdomains too (`email.us.example.com`, `store.jp.example.com`):
//! - a name followed by a generic top-level domain (`.com`, `.net`, `.org`, `.info`, `.biz`,
//!   `.edu`, `.gov`), which is never a region or service label;
//! - a name followed by a two-label ICANN public suffix of the `co.jp` / `com.au` kind;
//! - a name followed by `.jp` only when the name imitates a brand's (`misstore.jp` for
//!   `mistore.jp`, `nttdocomo.jp` for `nttdocomo.co.jp`): `jp` alone is also a region label.
//!
//! The whole written domain must lie left of the registrable domain: a host whose registrable
//! label is itself `com` (`example.com.xx`) may be a country's `com.xx` the PSL doesn't list.
//!
//! Found alone it is `caution`: hosting providers do name customer sites this way
//! (`customer.com.provider.net`), and 1 of the 8,564 legitimate links in the evaluation corpus
//! was one. When the written domain imitates a brand of `data/brands.tsv` (a typo, a swap,
//! the same name under another suffix) it is `danger`.

use crate::brand::label_distance::{self, FormsOutline, LabelForms};
use crate::brand::table::{self, brands, BrandDomain, Imitation};
use crate::host::domain::{strip_tail, DomainParts, Domains};
use crate::verdict::LookalikeKind;
use std::sync::OnceLock;

/// A domain name found written into a host.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DomainInHost<'h> {
    /// The written domain, as a slice of the host (`anazaon.co.jp`).
    pub written: &'h str,
    /// The brand it imitates, when it does.
    pub imitates: Option<Imitation>,
}


/// Top-level domains that, after a name, always read as the end of an address.
const GENERIC_TLDS: [&str; 7] = ["com", "net", "org", "info", "biz", "edu", "gov"];

/// Second-level labels of country suffixes (`co.jp`, `ne.jp`, `com.au`, `ac.uk`): the first
/// label of a two-label suffix must be one of these, and the pair must be an ICANN suffix.
const SECOND_LEVELS: [&str; 14] =
    ["co", "ne", "or", "go", "ac", "ad", "ed", "gr", "lg", "com", "net", "org", "gov", "edu"];

/// The single-label suffix that counts only with a brand lookalike.
const REGION_OR_TLD: &str = "jp";

/// The domain name written into `host` left of its registrable domain, if any. `host` is
/// ASCII and lowercase (as the engine's target host is); `parts` are its PSL parts.
pub fn find<'h>(host: &'h str, parts: &DomainParts<'_>, domains: &Domains) -> Option<DomainInHost<'h>> {
    let host = host.strip_suffix('.').unwrap_or(host);
    let registrable = parts.registrable?;
    dotted(host, registrable, domains).or_else(|| {
        // Not on a private suffix, where such names are a provider's encoding of a real site
        // (`www-example-co-jp.translate.goog`).
        let suffix = parts.suffix.filter(|_| !parts.suffix_is_private)?;
        hyphenated(host, suffix, domains)
    })
}

/// The dotted form, `anazaon.co.jp.login.z2hdao.cn`.
fn dotted<'h>(host: &'h str, registrable: &str, domains: &Domains) -> Option<DomainInHost<'h>> {
    // The labels left of the registrable domain; none for the common `www.example.com` with
    // one label (or none) there.
    let left = strip_tail(host, registrable)?.strip_suffix('.')?;
    if !left.as_bytes().contains(&b'.') {
        return None;
    }
    // A window over the labels: the name, the first label of its suffix, and the one after
    // (no allocation: most hosts that get here are `click.e.example.com`).
    let mut labels = spans(left, b".").peekable();
    let mut name_label = labels.next()?;
    while let Some(first_label) = labels.next() {
        let (name_start, name) = std::mem::replace(&mut name_label, first_label);
        if !is_name(name) {
            continue;
        }
        let (first_start, first) = first_label;
        let two_label_end = labels.peek().map(|&(start, l)| start + l.len());
        let written = if let Some(end) = two_label_end.filter(|_| SECOND_LEVELS.contains(&first)) {
            let candidate = &left[name_start..end];
            let parts = domains.parts(candidate);
            let icann_pair = parts.registrable == Some(candidate)
                && parts.suffix_is_known
                && !parts.suffix_is_private
                && parts.suffix.is_some_and(|s| s.len() == candidate.len() - name.len() - 1);
            icann_pair.then_some(candidate)
        } else {
            None
        };
        let written = written.or_else(|| {
            let end = first_start + first.len();
            (GENERIC_TLDS.contains(&first) || first == REGION_OR_TLD).then(|| &left[name_start..end])
        });
        let Some(written) = written else { continue };
        let Some((label, suffix)) = written.split_once('.') else { continue };
        let imitates = match compare_with_brands(label, suffix) {
            BrandMatch::Own => continue, // a listed brand's domain: `brand_in_host.rs` reports it
            BrandMatch::Imitates(imitation) => Some(imitation),
            BrandMatch::Unrelated => None,
        };
        if imitates.is_none() && written.ends_with(".jp") && written.matches('.').count() == 1 {
            continue; // `store.jp`: a region label, unless it imitates a brand
        }
        return Some(DomainInHost { written, imitates });
    }
    None
}

/// The form with hyphens or underscores for dots, for two-label country suffixes only:
/// `www3.jresat-co-jp-login.example.cn`, `wwwsmbc-card.account-support-page-co-jp.example`,
/// `x_cr_mvfg_co_jp.example.com.cn`. Anywhere left of the public suffix, the registrable label
/// included (`rakutcn-co-jp.icu`): written this way it can't be a suffix the PSL lacks.
fn hyphenated<'h>(host: &'h str, suffix: &str, domains: &Domains) -> Option<DomainInHost<'h>> {
    let left = strip_tail(host, suffix)?.strip_suffix('.')?;
    if !has_separated_pair(left.as_bytes()) {
        return None; // nearly every host, hyphens or not
    }
    for (label_start, label) in spans(left, b".") {
        if !label.contains(['-', '_']) {
            continue;
        }
        // A window over the label's tokens: the one before the second-level label, the
        // second-level label, and the country code after it.
        let mut tokens = spans(label, b"-_").peekable();
        let Some(mut before) = tokens.next() else { continue };
        while let Some((second_start, second)) = tokens.next() {
            let last_token = std::mem::replace(&mut before, (second_start, second)).1;
            let Some(&(country_start, country)) = tokens.peek() else { break };
            if country.len() != 2 || !SECOND_LEVELS.contains(&second) {
                continue;
            }
            let name = &label[..second_start - 1];
            if !is_name(name) {
                continue;
            }
            let country_end = country_start + country.len();
            let written = &left[label_start..label_start + country_end];
            // The suffix written with dots, checked against the PSL's ICANN section.
            let dotted_suffix = format!("{second}.{country}");
            let probe = format!("x.{dotted_suffix}");
            let probe_parts = domains.parts(&probe);
            if probe_parts.suffix != Some(dotted_suffix.as_str()) || probe_parts.suffix_is_private {
                continue;
            }
            // The name compared with brands is the whole run before the suffix (`smbc-crad`)
            // or, failing that, its last token (`jresat` in `www3.jresat-co-jp-login`).
            let mut imitates = None;
            for candidate in [name, last_token] {
                match compare_with_brands(&candidate.replace('_', "-"), &dotted_suffix) {
                    BrandMatch::Own => return None, // a brand's own domain: `brand_in_host.rs` reports it
                    BrandMatch::Imitates(imitation) => {
                        imitates = Some(imitation);
                        break;
                    }
                    BrandMatch::Unrelated => {}
                }
            }
            return Some(DomainInHost { written, imitates });
        }
    }
    None
}

/// Whether `bytes` has a separator, two or three letters, a separator, two letters and the end
/// of a token (`-co-jp`, `_com_au-`): the shape every hyphenated form has, tested in one pass
/// before any token is split out.
fn has_separated_pair(bytes: &[u8]) -> bool {
    let is_separator = |b: u8| b == b'-' || b == b'_';
    let letters = |from: usize| bytes[from.min(bytes.len())..].iter().take_while(|b| b.is_ascii_lowercase()).count();
    bytes.iter().enumerate().any(|(i, &b)| {
        if !is_separator(b) {
            return false;
        }
        let second = letters(i + 1);
        let after_second = i + 1 + second;
        if !(2..=3).contains(&second) || !bytes.get(after_second).is_some_and(|&b| is_separator(b)) {
            return false;
        }
        let country = letters(after_second + 1);
        let end = after_second + 1 + country;
        country == 2 && bytes.get(end).is_none_or(|&b| b == b'.' || is_separator(b))
    })
}

/// (start offset, part) of each part of `s` between `separators`: labels between dots,
/// tokens between hyphens and underscores.
/// Split as bytes: `str::split` with a `[char]` pattern decodes and tests every character
/// against each separator (≈ 100 instructions a part). The separators are ASCII, so each part
/// lies between character boundaries.
fn spans<'s>(s: &'s str, separators: &'static [u8]) -> impl Iterator<Item = (usize, &'s str)> {
    let mut start = 0;
    s.as_bytes().split(move |b| separators.contains(b)).map(move |part| {
        let at = start;
        start += part.len() + 1; // every separator is one byte
        (at, &s[at..at + part.len()])
    })
}

/// A label that reads as a site's name: letters in it, and not `www`, `www2`, `m`.
fn is_name(label: &str) -> bool {
    let bytes = label.as_bytes();
    if bytes.len() < 2 || !bytes.iter().any(u8::is_ascii_alphabetic) {
        return false;
    }
    let after_www = label.strip_prefix("www").map(|rest| rest.bytes().all(|b| b.is_ascii_digit()));
    after_www != Some(true)
}

enum BrandMatch {
    /// A listed brand's own domain (or a name under one).
    Own,
    Imitates(Imitation),
    Unrelated,
}

/// How the written domain `label`.`suffix` relates to the listed brands' domains.
fn compare_with_brands(label: &str, suffix: &str) -> BrandMatch {
    compare_with(label, suffix, candidate_index())
}

/// [`compare_with_brands`], asking the brands `index` leaves, or every brand without one.
fn compare_with(label: &str, suffix: &str, index: Option<&CandidateIndex>) -> BrandMatch {
    // The written label's forms, built once for all the brands (`label_distance::compare`
    // would build both sides' for every pair).
    let forms = LabelForms::new(label);
    let name_outline = forms.as_ref().map(LabelForms::outline);
    // The closest imitation, and of those as close the first in the table's order (`nttdocomo.jp`
    // is nttdocomo.co.jp under another suffix before it is docomo.ne.jp's name inside a longer
    // one); a later entry may still turn out to be the brand's own, so the scan goes on.
    let mut closest: Option<(u8, usize, Imitation)> = None;
    let outlines = brand_outlines();
    match (&name_outline, index) {
        // The brands a few set operations leave, in the scan's order.
        (Some(name), Some(index)) => {
            for (word, mut bits) in index.candidates(name).into_iter().enumerate() {
                while bits != 0 {
                    let at = word * 64 + bits.trailing_zeros() as usize;
                    bits &= bits - 1;
                    let brand_outline = &outlines[at];
                    // (`consider` asks this too; here it spares most candidates a call.)
                    if brand_outline.outline.as_ref().is_some_and(|brand| !brand.may_resemble(name)) {
                        continue;
                    }
                    if consider(brand_outline, label, suffix, &forms, &name_outline, &mut closest) {
                        return BrandMatch::Own;
                    }
                }
            }
        }
        _ => {
            // Brands whose every form is more than two longer than the written label resemble
            // it in no way (nor are they its own name): the scan, shortest brands first, stops
            // at them.
            let longest = name_outline.as_ref().map_or(usize::MAX, |outline| outline.lower_len() + 2);
            for brand_outline in outlines {
                if usize::from(brand_outline.shortest_len) > longest {
                    break;
                }
                if consider(brand_outline, label, suffix, &forms, &name_outline, &mut closest) {
                    return BrandMatch::Own;
                }
            }
        }
    }
    closest.map_or(BrandMatch::Unrelated, |(_, _, imitation)| BrandMatch::Imitates(imitation))
}

/// One brand of [`compare_with_brands`]' scan: true when `label`.`suffix` is that brand's own
/// domain, else the brand's imitation kept in `closest` when it is the closest so far.
fn consider(
    brand_outline: &BrandOutline,
    label: &str,
    suffix: &str,
    forms: &Option<LabelForms>,
    name_outline: &Option<FormsOutline>,
    closest: &mut Option<(u8, usize, Imitation)>,
) -> bool {
    let &BrandOutline { at, outline: brand_outline, .. } = brand_outline;
    // Nearly every other brand is ruled out by its outline: neither its own name (the same
    // label has the same length) nor anything `compare_forms` could find.
    if let (Some(brand_outline), Some(name_outline)) = (&brand_outline, name_outline) {
        if !brand_outline.may_resemble(name_outline) {
            return false;
        }
    }
    let brand_domain = &table::registrable_domains()[at];
    let BrandDomain { brand, domain, label: brand_label, suffix: brand_suffix, .. } = *brand_domain;
    if label == brand_label && suffix == brand_suffix {
        return true;
    }
    // The brand is what the written name claims to be: label_distance::compare's "claimed".
    let kind = if label.is_empty() {
        None
    } else if label.eq_ignore_ascii_case(brand_label) {
        (!suffix.eq_ignore_ascii_case(brand_suffix)).then_some(LookalikeKind::SameLabelOtherSuffix)
    } else {
        match (brand_domain.forms(), forms) {
            (Some(brand_forms), Some(forms)) => label_distance::compare_forms(brand_forms, forms),
            _ => None,
        }
    };
    let Some(kind) = kind else { return false };
    // A typo of the brand's name that is an ordinary word (`offices.com`): listed in the data.
    // (The brand's own name under another suffix, `apple.jp`, still imitates it.)
    if label != brand_label && brands()[brand].is_ordinary_word(label) {
        return false;
    }
    let rank = closeness(kind);
    if closest.as_ref().is_none_or(|&(best, best_at, _)| rank > best || (rank == best && at < best_at)) {
        *closest = Some((rank, at, Imitation { brand: brands()[brand].label, domain, kind }));
    }
    false
}

/// A set of brands, a bit per place in [`brand_outlines`].
type BrandSet = [u64; SET_WORDS];
/// Up to 512 brand domains (363 today); with more, [`candidate_index`] is None and every
/// written name is compared with every outline.
const SET_WORDS: usize = 8;
/// Byte classes of `label_distance::byte_class`.
const CLASSES: usize = 37;
/// Form lengths indexed (a DNS label has at most 63 bytes).
const LENGTHS: usize = 64;

/// The brand outlines by what `FormsOutline::may_resemble` reads, as sets: a written name
/// resembles only brands within two of its length (as a label or as a skeleton), or brands
/// whose class sets (without hyphens, as written or as skeletons) are within its own. The union
/// of those sets holds every brand `may_resemble` admits, and few others; each is still asked.
struct CandidateIndex {
    /// Every outline's place, and the places of brands without outlines (always asked).
    valid: BrandSet,
    always: BrandSet,
    by_lower_len: [BrandSet; LENGTHS],
    by_skeleton_len: [BrandSet; LENGTHS],
    /// Brands with the class in their label without hyphens; in their skeleton without hyphens.
    with_bare_class: [BrandSet; CLASSES],
    with_skeleton_bare_class: [BrandSet; CLASSES],
}

fn candidate_index() -> Option<&'static CandidateIndex> {
    static INDEX: OnceLock<Option<Box<CandidateIndex>>> = OnceLock::new();
    INDEX
        .get_or_init(|| {
            let outlines = brand_outlines();
            if outlines.len() > SET_WORDS * 64 {
                return None;
            }
            let mut index = Box::new(CandidateIndex {
                valid: [0; SET_WORDS],
                always: [0; SET_WORDS],
                by_lower_len: [[0; SET_WORDS]; LENGTHS],
                by_skeleton_len: [[0; SET_WORDS]; LENGTHS],
                with_bare_class: [[0; SET_WORDS]; CLASSES],
                with_skeleton_bare_class: [[0; SET_WORDS]; CLASSES],
            });
            let add = |set: &mut BrandSet, at: usize| set[at / 64] |= 1 << (at % 64);
            for (at, brand) in outlines.iter().enumerate() {
                add(&mut index.valid, at);
                let Some(outline) = &brand.outline else {
                    add(&mut index.always, at);
                    continue;
                };
                add(&mut index.by_lower_len[outline.lower_len().min(LENGTHS - 1)], at);
                add(&mut index.by_skeleton_len[outline.skeleton_len().min(LENGTHS - 1)], at);
                let (bare, skeleton_bare) = outline.bare_class_sets();
                for class in 0..CLASSES {
                    if bare >> class & 1 != 0 {
                        add(&mut index.with_bare_class[class], at);
                    }
                    if skeleton_bare >> class & 1 != 0 {
                        add(&mut index.with_skeleton_bare_class[class], at);
                    }
                }
            }
            Some(index)
        })
        .as_deref()
}

impl CandidateIndex {
    /// Every brand `may_resemble` can admit for `name`, and some it won't.
    fn candidates(&self, name: &FormsOutline) -> BrandSet {
        let or = |set: &mut BrandSet, other: &BrandSet| {
            for (word, other) in set.iter_mut().zip(other) {
                *word |= other;
            }
        };
        let mut set = self.always;
        // Within two of its length, as a label or as a skeleton (`near`).
        for (by_len, len) in [(&self.by_lower_len, name.lower_len()), (&self.by_skeleton_len, name.skeleton_len())] {
            for of_len in by_len.iter().take((len + 3).min(LENGTHS)).skip(len.saturating_sub(2)) {
                or(&mut set, of_len);
            }
        }
        // Brands with no class outside the name's (`may_hold_bare`, `may_hold_skeleton_bare`):
        // the complement of those with one.
        let (bare, skeleton_bare) = name.bare_class_sets();
        for (with_class, classes) in [(&self.with_bare_class, bare), (&self.with_skeleton_bare_class, skeleton_bare)] {
            let mut outside = !classes & ((1 << CLASSES) - 1);
            let mut excluded = [0u64; SET_WORDS];
            while outside != 0 {
                or(&mut excluded, &with_class[outside.trailing_zeros() as usize]);
                outside &= outside - 1;
            }
            for (word, excluded) in set.iter_mut().zip(excluded) {
                *word |= !excluded;
            }
        }
        for (word, valid) in set.iter_mut().zip(self.valid) {
            *word &= valid;
        }
        set
    }
}

/// A brand domain's outline in the scan of [`brand_outlines`].
#[derive(Clone, Copy)]
struct BrandOutline {
    /// The length of its shortest form (the skeleton without hyphens); 0 without forms, so that
    /// such a brand is always looked at.
    shortest_len: u8,
    /// Where it is in [`table::registrable_domains`].
    at: usize,
    outline: Option<FormsOutline>,
}

/// The outlines of [`table::registrable_domains`]' labels, shortest first: a compact array
/// scanned for every written name, and cut where the brands get too long for it.
fn brand_outlines() -> &'static [BrandOutline] {
    static OUTLINES: OnceLock<Vec<BrandOutline>> = OnceLock::new();
    OUTLINES.get_or_init(|| {
        let mut outlines: Vec<BrandOutline> = table::registrable_domains()
            .iter()
            .enumerate()
            .map(|(at, d)| {
                let outline = d.forms().map(LabelForms::outline);
                BrandOutline { shortest_len: outline.map_or(0, |o| o.shortest_len()), at, outline }
            })
            .collect();
        outlines.sort_by_key(|o| (o.shortest_len, o.at));
        outlines
    })
}

/// How close a lookalike is to the brand's domain: the same name first, a name merely
/// containing the brand's last.
fn closeness(kind: LookalikeKind) -> u8 {
    match kind {
        LookalikeKind::SameLabelOtherSuffix => 3,
        LookalikeKind::Swapped | LookalikeKind::EditDistance => 2,
        LookalikeKind::EmbeddedBrand => 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn spans_split_as_str_split_does() {
        let texts = ["", ".", "-", "a", "a.b", ".a.", "a..b", "x-y_z", "-_-", "é-ü.日本_語", "a-b.c_d", "www3.jresat-co-jp-login"];
        for text in texts {
            for (separators, chars) in [(&b"."[..], &['.'][..]), (&b"-_"[..], &['-', '_'][..])] {
                let mut start = 0;
                let expected: Vec<(usize, &str)> = text
                    .split(chars)
                    .map(|part| {
                        let at = start;
                        start += part.len() + 1;
                        (at, part)
                    })
                    .collect();
                assert_eq!(spans(text, separators).collect::<Vec<_>>(), expected, "{text:?}");
            }
        }
    }

    /// (host, the written domain found, the brand domain it imitates)
    const CASES: &[(&str, Option<&str>, Option<&str>)] = &[
        // JPCERT/CC's lists, 2019-2022 (hosts of the same shapes, names changed).
        ("www.amazom.co.jp.example.cn", Some("amazom.co.jp"), Some("amazon.co.jp")),
        // Two edits from a six-letter brand is too far for label_distance.rs ("amazon"/"amazing"):
        // still a written domain.
        ("anazaon.co.jp.login.z2hdao.cn", Some("anazaon.co.jp"), None),
        ("www.shopping-misstore.jp.login.example.cn", None, None),
        ("www.misstore.jp.login.example.cn", Some("misstore.jp"), Some("mistore.jp")),
        ("nttdocomo.jp.example.top", Some("nttdocomo.jp"), Some("nttdocomo.co.jp")),
        ("www.rakuteon.co.jp.example.com", Some("rakuteon.co.jp"), Some("rakuten.co.jp")),
        ("www.saisoncarb.co.jp.example.cn", Some("saisoncarb.co.jp"), Some("saisoncard.co.jp")),
        ("login.srnbc-card.com.example.top", Some("srnbc-card.com"), Some("smbc-card.com")),
        // Any domain name, no brand: caution.
        ("bitvavo.com.nl.services.example", Some("bitvavo.com"), None),
        ("secure.example-bank.co.uk.session.example.top", Some("example-bank.co.uk"), None),
        ("customer.com.provider.net", Some("customer.com"), None),
        ("cs.cmu.edu.ezproxy.library.example.edu", Some("cmu.edu"), None),
        ("a.b.example.com.info.example.org", Some("example.com"), None),
        // A listed brand's own domain is brand-in-host's finding.
        ("www.amazon.co.jp.example.cn", None, None),
        ("mufg.jp.example.com", None, None),
        // Structured subdomains of real sites.
        ("www.example.com", None, None),
        ("click.e.example.com", None, None),
        ("email.us.example.com", None, None),
        ("store.jp.example.com", None, None),
        ("www.jp.example.com", None, None),
        ("www2.jp.example.com", None, None),
        ("a.co.example.com", None, None), // `co` with nothing after it is a label, not a suffix
        ("x1.co.jp.example.com", Some("x1.co.jp"), None),
        ("www.com.example.com", None, None),
        ("123.com.example.com", None, None),
        // The written domain must end left of the registrable domain.
        ("example.com.duckdns.org", None, None),
        ("example.com.cn", None, None),
        ("www.example.com.au", None, None),
        ("www.example.co.jp", None, None),
        // With hyphens or underscores for dots, two-label country suffixes only.
        ("www3.jresat-co-jp-login.example.cn", Some("jresat-co-jp"), Some("jreast.co.jp")),
        ("grp01.id.rakutcn-co-jp.icu", Some("rakutcn-co-jp"), Some("rakuten.co.jp")),
        ("x_cr_mvfg_co_jp.example.com.cn", Some("x_cr_mvfg_co_jp"), Some("mufg.jp")),
        ("wwwsmbc-card.account-support-page-co-jp.example", Some("account-support-page-co-jp"), None),
        ("login.smbc-crad-co-jp.example.com", Some("smbc-crad-co-jp"), Some("smbc-card.com")),
        ("www.amazom-co-jp.example.top", Some("amazom-co-jp"), Some("amazon.co.jp")),
        ("www.amazon-co-jp.example.top", None, None), // the brand's own: brand_in_host.rs
        ("www-example-co-jp.translate.goog", None, None), // a provider's encoding of a real site
        ("e-com.example.com", None, None),
        ("www.co-jp.example.com", None, None),
        ("tokyo-jp.example.com", None, None),
        ("a-co-jpx.example.com", None, None),
        // Odd hosts.
        ("", None, None),
        (".", None, None),
        ("..example.com", None, None),
        ("a..com.example.com", None, None),
    ];

    #[test]
    fn finds_a_domain_name_written_left_of_the_registrable_domain() {
        let domains = Domains::embedded();
        for &(host, want, want_brand) in CASES {
            let parts = domains.parts(host);
            let found = find(host, &parts, &domains);
            assert_eq!(found.map(|f| f.written), want, "{host} ({parts:?})");
            assert_eq!(found.and_then(|f| f.imitates).map(|i| i.domain), want_brand, "{host}");
        }
    }

    /// Names to try the brand index with: every brand's label, one or two edits from it, inside
    /// longer names, and unrelated ones.
    fn names_near_brands() -> Vec<String> {
        let mut names: Vec<String> = ["", "-", "a", "ab", "www", "login", "secure-login-verify", "x_cr_mvfg", "0ffice365", "rn-vv-il10"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        // A fixed pseudo-random sequence of labels over letters, digits and hyphens.
        let mut rng = crate::test_rng::XorShift::new(0x2545_f491_4f6c_dd1d);
        for _ in 0..300 {
            let seed = rng.next_u64();
            let len = 1 + (seed % 24) as usize;
            names.push((0..len).map(|i| b"abcdefghijklmnopqrstuvwxyz0123456789-"[((seed >> (i % 8 * 5)) as usize + i) % 37] as char).collect());
        }
        for brand in table::registrable_domains() {
            let label = brand.label;
            names.push(label.to_string());
            names.push(format!("login-{label}-jp"));
            names.push(format!("{label}{label}"));
            names.push(label.replace('-', ""));
            for i in 0..label.len() {
                names.push(format!("{}x{}", &label[..i], &label[i + 1..]));
                names.push(format!("{}{}", &label[..i], &label[i + 1..]));
                names.push(format!("{}q{}", &label[..i], &label[i..]));
                if i + 1 < label.len() {
                    let b = label.as_bytes();
                    names.push(String::from_utf8([&b[..i], &[b[i + 1], b[i]], &b[i + 2..]].concat()).unwrap());
                    names.push(format!("{}zz{}", &label[..i], &label[i + 2..]));
                    names.push(format!("{}{}", &label[..i], &label[i + 2..]));
                    names.push(format!("{}1{}", &label[..i], &label[i + 1..]));
                }
            }
        }
        names
    }

    #[test]
    fn the_brand_index_never_rules_out_a_brand_the_scan_would_ask() {
        let index = candidate_index().expect("fewer brands than the sets hold");
        let outlines = brand_outlines();
        for name in names_near_brands() {
            let Some(forms) = LabelForms::new(&name) else { continue };
            let outline = forms.outline();
            let candidates = index.candidates(&outline);
            for (at, brand) in outlines.iter().enumerate() {
                let asked = brand.outline.as_ref().is_none_or(|b| b.may_resemble(&outline));
                let kept = candidates[at / 64] >> (at % 64) & 1 != 0;
                assert!(kept || !asked, "{name}: {} ruled out", table::registrable_domains()[brand.at].domain);
            }
            // Nothing past the outlines.
            assert!((outlines.len()..SET_WORDS * 64).all(|at| candidates[at / 64] >> (at % 64) & 1 == 0), "{name}");
        }
    }

    #[test]
    fn the_brand_index_finds_what_the_scan_finds() {
        let describe = |found: BrandMatch| match found {
            BrandMatch::Own => "own".to_string(),
            BrandMatch::Imitates(imitation) => format!("{imitation:?}"),
            BrandMatch::Unrelated => "unrelated".to_string(),
        };
        let mut imitations = 0;
        for name in names_near_brands() {
            for suffix in ["com", "co.jp", "jp"] {
                let indexed = describe(compare_with(&name, suffix, candidate_index()));
                imitations += usize::from(indexed.starts_with("Imitation"));
                assert_eq!(indexed, describe(compare_with(&name, suffix, None)), "{name}.{suffix}");
            }
        }
        assert!(imitations > 1000, "the names reach the brands ({imitations})");
    }

    #[test]
    fn the_separated_pair_prefilter_admits_every_hyphenated_form() {
        for (text, want) in [
            ("www3.jresat-co-jp-login", true),
            ("x_cr_mvfg_co_jp", true),
            ("a-com-au", true),
            ("a-co-jp.b", true),
            ("www.example-shop", false),
            ("a-co-jpx", false),
            ("a-c-jp", false),
            ("a-corp-jp", false),
            ("-co-", false),
            ("", false),
            ("-", false),
        ] {
            assert_eq!(has_separated_pair(text.as_bytes()), want, "{text}");
        }
        // Every host the tests expect a hyphenated finding in passes the prefilter.
        for &(host, want, _) in CASES {
            if want.is_some_and(|w| w.contains(['-', '_']) && !w.contains('.')) {
                assert!(has_separated_pair(host.as_bytes()), "{host}");
            }
        }
    }

}
