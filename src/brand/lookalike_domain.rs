//! A site whose own registrable domain imitates a brand's: `steeamcommnity.com` for
//! steamcommunity.com, `faecbook.com.vn` for facebook.com, `kuronekoyamota.top` for
//! kuronekoyamato.co.jp.
//!
//! Typosquats are registered to be read as the real name at a glance. Unlike `text-mismatch`
//! (the text claims the brand) or `domain-in-host` (a domain written in front), nothing else
//! in the link points at the brand here, so every link's registrable label is compared with
//! every brand of `data/brands.tsv`, with the stricter thresholds of
//! `label_distance::imitates_as_own_name`. In the evaluation corpus: 0.6-1.7 % of JPCERT/CC's and
//! OpenPhish's URLs (not caught by any other check), and no legitimate link.

use crate::host::domain::strip_tail;
use crate::brand::label_distance::{self, LabelForms};
use crate::brand::table::{self, BrandDomain, Imitation};
use rustc_hash::FxHashMap;
use crate::verdict::LookalikeKind;
use std::sync::OnceLock;

/// Labels shorter than this are never compared (`label_distance::imitates_as_own_name` needs five
/// letters for the shortest kind of imitation).
pub(crate) const MIN_LABEL: usize = 5;

/// Skeleton length from which two edits may still make a lookalike (the own-name threshold for
/// edit distance 2 in `label_distance.rs`; a skeleton is never longer than its label).
const TWO_EDITS_FROM: usize = 9;

/// Skeleton lengths indexed; longer brand names (none today) would be left out of the index.
const MAX_INDEXED_LEN: usize = 40;

/// The brands' registrable labels, bucketed by (first or last skeleton byte, skeleton length)
/// in one flat array: `entries[starts[key]..starts[key + 1]]` are the brand domains of a bucket.
struct Index {
    starts: Vec<u32>,
    entries: Vec<Entry>,
    /// For each (end, byte class), a bit per skeleton length whose bucket has entries: most
    /// names have brands at few of the lengths near theirs, and skip the others' buckets.
    lengths: Vec<u64>,
    /// Every brand's registrable label: a part of a hyphenated name that is one imitates none.
    names: FxHashMap<&'static str, &'static BrandDomain>,
}

/// A brand domain in a bucket: its skeleton's byte set and length, and the class of its
/// skeleton's first byte (which tells, in a last-byte bucket, whether the first-byte bucket had
/// it already).
#[derive(Clone, Copy)]
struct Entry {
    domain: &'static BrandDomain,
    bytes: u64,
    first_class: u8,
    len: u8,
}

/// No byte class has this number: a first-byte bucket's entries are never skipped as seen.
const NO_CLASS: u8 = u8::MAX;

/// Byte classes of `label_distance::byte_class`: a letter or digit each, and one for the rest.
const CLASSES: usize = 37;

/// Bucket number of (end, byte, length): `end` 0 for the first byte, 1 for the last.
fn bucket(end: usize, byte: u8, len: usize) -> usize {
    (end * CLASSES + usize::from(label_distance::byte_class(byte))) * (MAX_INDEXED_LEN + 1) + len
}

const BUCKETS: usize = 2 * CLASSES * (MAX_INDEXED_LEN + 1);

fn index() -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut keyed: Vec<(usize, Entry)> = Vec::new();
        for domain in table::registrable_domains() {
            let Some(outline) = label_distance::skeleton_outline(domain.label) else { continue };
            if outline.len <= MAX_INDEXED_LEN {
                let entry = Entry {
                    domain,
                    bytes: outline.bytes,
                    first_class: label_distance::byte_class(outline.first),
                    len: outline.len as u8,
                };
                keyed.push((bucket(0, outline.first, outline.len), entry));
                keyed.push((bucket(1, outline.last, outline.len), entry));
            }
        }
        let mut starts = vec![0u32; BUCKETS + 1];
        for &(key, _) in &keyed {
            starts[key + 1] += 1;
        }
        let mut lengths = vec![0u64; 2 * CLASSES];
        for &(key, _) in &keyed {
            lengths[key / (MAX_INDEXED_LEN + 1)] |= 1 << (key % (MAX_INDEXED_LEN + 1));
        }
        for i in 0..BUCKETS {
            starts[i + 1] += starts[i];
        }
        // By bucket, in table order within each (a counting sort: as stable as `sort_by_key`,
        // without a sort's code in the wasm).
        let mut next = starts.clone();
        let mut entries = vec![None; keyed.len()];
        for (key, domain) in keyed {
            entries[next[key] as usize] = Some(domain);
            next[key] += 1;
        }
        let mut names = FxHashMap::default();
        for domain in table::registrable_domains() {
            names.entry(domain.label).or_insert(domain);
        }
        Index { starts, entries: entries.into_iter().flatten().collect(), lengths, names }
    })
}

/// The brand domain that `registrable` (label + `.` + `suffix`) imitates, if any. None for a
/// brand's own domain, and for any name that is a brand's label under another suffix.
///
/// A hyphenated name is also read part by part, as the eye reads it: a part that imitates a
/// brand's name (`mobicie-facebok.click`, `faceebook-mobile.click`), or the brand's very name
/// beside nothing but digits (`8724319-coinbase.com`). A brand's name beside words is left alone
/// (`amazon-adsystem.com`, `rakuten-card.co.jp`: brands register such names themselves).
pub fn find(registrable: &str, suffix: &str) -> Option<Imitation> {
    let label = strip_tail(registrable, suffix)?.strip_suffix('.')?;
    if label.len() < MIN_LABEL {
        return None;
    }
    let mut found = closest_brand(label);
    if label.as_bytes().contains(&b'-') {
        let all_digits_but = |name: &str| label.split('-').all(|p| p == name || p.bytes().all(|b| b.is_ascii_digit()));
        for part in label.split('-').filter(|p| p.len() >= MIN_LABEL) {
            // A part that is some brand's very name (`paypal` in `shop-paypal-online`) imitates
            // no other brand; it counts only numbered: `8724319-coinbase`.
            let own = index().names.get(part);
            let by_part = match own {
                None => closest_brand(part),
                Some(own) => all_digits_but(part).then(|| {
                    let imitation = Imitation {
                        brand: table::brands()[own.brand].label,
                        domain: own.domain,
                        kind: LookalikeKind::EmbeddedBrand,
                    };
                    (usize::MAX, imitation)
                }),
            };
            if let Some(candidate) = by_part {
                keep_closest(&mut found, candidate);
            }
        }
    }
    // Rare from here on: make sure the name isn't some brand's own.
    found
        .map(|(_, imitation)| imitation)
        .filter(|_| !table::registrable_domains().iter().any(|d| d.domain == registrable || d.label == label))
}

/// Whether `name` is some brand's own registrable label (`paypal`, `eki-net`): it imitates no
/// other brand.
pub(crate) fn is_brand_label(name: &str) -> bool {
    index().names.contains_key(name)
}

/// The skeleton lengths a brand's may have for a name of skeleton length `len` to imitate it, as
/// a bit per length (up to [`MAX_INDEXED_LEN`]): `len` and one either side, and two either side
/// where the shorter of the two is at least [`TWO_EDITS_FROM`] long.
fn candidate_lengths(len: usize) -> u64 {
    CANDIDATE_LENGTHS[len.min(CANDIDATE_LENGTHS.len() - 1)]
}

/// [`candidate_lengths`] of every skeleton length a label can have (at most 63).
static CANDIDATE_LENGTHS: [u64; 64] = {
    let mut table = [0u64; 64];
    let mut len: usize = 0;
    while len < 64 {
        let mut brand_len = len.saturating_sub(2);
        while brand_len <= len + 2 && brand_len <= MAX_INDEXED_LEN {
            let shorter = if brand_len < len { brand_len } else { len };
            if brand_len + 1 >= len && brand_len <= len + 1 || shorter >= TWO_EDITS_FROM {
                table[len] |= 1 << brand_len;
            }
            brand_len += 1;
        }
        len += 1;
    }
    table
};

/// Keeps `candidate` when nothing was found yet or it is closer (a smaller distance) than what was.
fn keep_closest<T>(found: &mut Option<(usize, T)>, candidate: (usize, T)) {
    if found.as_ref().is_none_or(|(best, _)| candidate.0 < *best) {
        *found = Some(candidate);
    }
}

/// The brand whose name `name` (a registrable label, or one part of a hyphenated one) imitates
/// most closely, with how far the two are (0: the same skeleton).
pub(crate) fn closest_brand(name: &str) -> Option<(usize, Imitation)> {
    if name.len() < MIN_LABEL {
        return None;
    }
    let outline = label_distance::skeleton_outline(name)?;
    // The closest brand (paypa1 reads as paypal before it is one letter from paypay).
    let mut found: Option<(usize, Imitation)> = None;
    let mut name_forms: Option<Option<LabelForms>> = None;
    let compare = |brand: &'static BrandDomain| {
        let Some(brand_forms) = brand.forms() else { return };
        // The name's forms, built for the first brand that gets this far (most names have none).
        let Some(name_forms) = name_forms.get_or_insert_with(|| LabelForms::new(name)) else { return };
        let Some((kind, distance)) = label_distance::imitates_as_own_name_forms(brand_forms, name_forms) else { return };
        // Some typos of a brand's name are ordinary words (offices, consensus): listed in
        // the data, they are not imitations.
        if table::brands()[brand.brand].is_ordinary_word(name) {
            return;
        }
        let imitation = Imitation { brand: table::brands()[brand.brand].label, domain: brand.domain, kind };
        keep_closest(&mut found, (distance, imitation));
    };
    visit_near(&outline, compare);
    found
}

/// Calls `visit` with each brand domain whose skeleton may be one or two edits from the name
/// outlined by `outline` (by its length, an end byte's class and its byte set), shortest first.
fn visit_near(outline: &label_distance::Outline, mut visit: impl FnMut(&'static BrandDomain)) {
    let len = outline.len;
    let first_class = label_distance::byte_class(outline.first);
    let index = index();
    let by_first_lengths = index.lengths[usize::from(first_class)];
    let by_last_lengths = index.lengths[CLASSES + usize::from(label_distance::byte_class(outline.last))];
    // The brand lengths worth a look, as bits: within one of the name's, and two away where both
    // names are long enough for two edits (label_distance::imitates_as_own_name; shorter ones
    // are within one of each other's length and two bits of the byte set); of those, the lengths
    // where some brand starts or ends as the name does.
    let candidates = candidate_lengths(len);
    // A bucket's neighbours at the next lengths are its neighbours in `entries`, and the candidate
    // lengths are consecutive: each end's buckets are one slice, read in one loop (a loop a
    // bucket mispredicted its exit once a bucket, ≈ 8 a call).
    let slice = |end: usize, byte: u8, lengths: u64| -> &[Entry] {
        if lengths == 0 {
            return &[];
        }
        let (shortest, longest) = (lengths.trailing_zeros() as usize, 63 - lengths.leading_zeros() as usize);
        let (from, to) = (index.starts[bucket(end, byte, shortest)], index.starts[bucket(end, byte, longest) + 1]);
        &index.entries[from as usize..to as usize]
    };
    let firsts = slice(0, outline.first, candidates & by_first_lengths);
    let lasts = slice(1, outline.last, candidates & by_last_lengths);
    // Two bits of the byte set per edit, four where both skeletons are long enough for two edits;
    // both bounds computed and one chosen, so that the test has no branch of its own.
    let long_name = len >= TWO_EDITS_FROM;
    let near = |entry: &Entry| {
        let x = entry.bytes ^ outline.bytes;
        let x = x & x.wrapping_sub(1);
        let two = x & x.wrapping_sub(1);
        let x = two & two.wrapping_sub(1);
        let four = x & x.wrapping_sub(1);
        let two_edits = long_name & (usize::from(entry.len) >= TWO_EDITS_FROM);
        if two_edits { four == 0 } else { two == 0 }
    };
    // The next entry from `at` worth comparing; `seen` is the first-byte class whose entries
    // the first-byte slice had already (a brand sharing both ends is in both: compared once).
    let next = |entries: &[Entry], mut at: usize, seen: u8| {
        while let Some(entry) = entries.get(at) {
            if near(entry) & (entry.first_class != seen) {
                break;
            }
            at += 1;
        }
        at
    };
    // Visited shortest first, and at one length the first-byte bucket before the last-byte one,
    // each in table order, as a loop over the lengths and then the two buckets would: the
    // closest brand wins, and of equally close ones the first visited.
    let (mut i, mut j) = (next(firsts, 0, NO_CLASS), next(lasts, 0, first_class));
    loop {
        let take_first = match (firsts.get(i), lasts.get(j)) {
            (Some(a), Some(b)) => a.len <= b.len,
            (Some(_), None) => true,
            (None, Some(_)) => false,
            (None, None) => break,
        };
        if take_first {
            visit(firsts[i].domain);
            i = next(firsts, i + 1, NO_CLASS);
        } else {
            visit(lasts[j].domain);
            j = next(lasts, j + 1, first_class);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::host::domain::Domains;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    /// (registrable domain, the brand domain it imitates)
    const CASES: &[(&str, Option<&str>)] = &[
        // OpenPhish 2024 and JPCERT/CC's lists.
        ("steeamcommnity.com", Some("steamcommunity.com")),
        ("steamconmumity.com", Some("steamcommunity.com")),
        ("faecbook.com.vn", Some("facebook.com")),
        ("kuronekoyamota.top", Some("kuronekoyamato.co.jp")),
        ("docoimo.com", Some("docomo.ne.jp")),
        ("rakutem.shop", Some("rakuten.co.jp")),
        ("paypa1.com", Some("paypal.com")),
        ("arnazon.co.jp", Some("amazon.co.jp")),
        ("smbc-cacb.cc", Some("smbc-card.com")), // two edits in nine characters
        // The brands' own, and their names under other suffixes or with hyphens.
        ("amazon.co.jp", None),
        ("amazon.nl", None),
        ("paypay.ne.jp", None),
        ("paypay.com", None), // PayPay's name, one letter from PayPal's
        ("rakutencard.co.jp", None), // rakuten-card.co.jp without the hyphen
        // Ordinary names.
        ("applebees.com", None),
        ("amazing.com", None),
        ("example.com", None),
        ("citybank.example", Some("citibank.com")), // one letter: a lookalike, whoever owns it
        ("mercury.com", None),
        // Another first letter makes another word; a letter or two in front keeps the brand's.
        ("finance.com", None), // binance.com
        ("mobile.de", None), // ymobile.jp
        ("mobile.com", None),
        ("lakuten.com", None),
        ("erakuten.com", Some("rakuten.co.jp")),
        ("tsoftbank.com", Some("softbank.jp")),
        ("jpyodobashi.com", Some("yodobashi.com")),
        ("nfacebook.com", Some("facebook.com")),
        // Ordinary words a typo from a brand's name (data/brands.tsv's seventh column); other
        // typos of the same names still count.
        ("offices.com", None),
        ("officer.com", None),
        ("consensus.app", None),
        ("ledgers.com", None),
        ("mystore.jp", None),
        ("mycard.com", None),
        ("misstore.jp", Some("mistore.jp")),
        ("correos.com", None), // Spain's post office
        ("payday.com", None),
        ("salmon.com", None),
        ("correio.biz", Some("correios.com.br")), // a word too, but phishing uses it
        ("raketen.com", Some("rakuten.co.jp")),
        // Hyphenated names, part by part (OpenPhish 2024).
        ("mobicie-facebok.click", Some("facebook.com")),
        ("faceebook-mobile.click", Some("facebook.com")),
        ("8724319-coinbase.com", Some("coinbase.com")),
        ("support-steamcommunlty.com", Some("steamcommunity.com")),
        // A brand's own name beside words, and a brand's name that is one typo from another's.
        ("amazon-adsystem.com", None),
        ("coinbase-support.com", None),
        ("shop-paypal-online.com", None), // paypal is no typo of paypay
        ("shop-mercadolibre-online.com", None),
        ("my-offices-online.com", None),
        ("2024-mobile.de", None),
        ("0ffice.com", Some("office.com")),
        ("offlce.com", Some("office.com")),
        ("0ffice365.com", Some("office365.com")),
        ("visa.co.jp", None),
        ("neon.com", None),
        ("", None),
    ];

    #[test]
    fn finds_a_registered_name_imitating_a_brand() {
        let domains = Domains::embedded();
        for &(registrable, want) in CASES {
            let parts = domains.parts(registrable);
            let found = parts.suffix.and_then(|suffix| find(registrable, suffix));
            assert_eq!(found.map(|f| f.domain), want, "{registrable}");
        }
    }

    /// [`visit_near`] as it was: each candidate length in turn, its first-byte bucket then its
    /// last-byte one, a loop each.
    fn visit_near_by_lengths(outline: &label_distance::Outline) -> Vec<&'static str> {
        let mut visited = Vec::new();
        let len = outline.len;
        let first_class = label_distance::byte_class(outline.first);
        let index = index();
        let by_first_lengths = index.lengths[usize::from(first_class)];
        let by_last_lengths = index.lengths[CLASSES + usize::from(label_distance::byte_class(outline.last))];
        let mut lengths = candidate_lengths(len) & (by_first_lengths | by_last_lengths);
        while lengths != 0 {
            let brand_len = lengths.trailing_zeros() as usize;
            lengths &= lengths - 1;
            let two_edits = brand_len.min(len) >= TWO_EDITS_FROM;
            let near = |entry: &Entry| {
                let difference = entry.bytes ^ outline.bytes;
                label_distance::at_most_bits(difference, if two_edits { 4 } else { 2 })
            };
            let in_bucket = |key: usize| &index.entries[index.starts[key] as usize..index.starts[key + 1] as usize];
            if by_first_lengths >> brand_len & 1 != 0 {
                visited.extend(in_bucket(bucket(0, outline.first, brand_len)).iter().filter(|e| near(e)).map(|e| e.domain.domain));
            }
            if by_last_lengths >> brand_len & 1 != 0 {
                visited.extend(
                    in_bucket(bucket(1, outline.last, brand_len))
                        .iter()
                        .filter(|e| e.first_class != first_class && near(e))
                        .map(|e| e.domain.domain),
                );
            }
        }
        visited
    }

    #[test]
    fn one_slice_an_end_visits_what_the_buckets_by_length_did_in_their_order() {
        // Every brand label and names one to three edits from it (the edits phishing makes and
        // the skeleton folds), and pseudo-random labels of every length.
        let mut names: Vec<String> = Vec::new();
        let mut rng = crate::test_rng::XorShift::new(0x2545_f491_4f6c_dd1d);
        let mut random = |n: usize| rng.below(n);
        const ALPHABET: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789-";
        for brand in table::registrable_domains() {
            names.push(brand.label.to_owned());
            for _ in 0..40 {
                let mut name = brand.label.as_bytes().to_vec();
                for _ in 0..1 + random(3) {
                    let at = random(name.len() + 1);
                    let byte = ALPHABET[random(ALPHABET.len())];
                    match random(4) {
                        0 if at < name.len() => name[at] = byte,
                        1 if at < name.len() => drop(name.remove(at)),
                        2 => name.insert(at, byte),
                        _ => name.splice(at..at, b"rn".iter().copied()).for_each(drop),
                    }
                }
                names.push(String::from_utf8(name).unwrap());
            }
        }
        for _ in 0..20_000 {
            let len = 1 + random(45);
            let span = if random(2) == 0 { 26 } else { ALPHABET.len() };
            names.push((0..len).map(|_| char::from(ALPHABET[random(span)])).collect());
        }
        let mut visited_some = 0;
        for name in &names {
            let Some(outline) = label_distance::skeleton_outline(name) else { continue };
            let mut visited = Vec::new();
            visit_near(&outline, |domain| visited.push(domain.domain));
            assert_eq!(visited, visit_near_by_lengths(&outline), "{name}");
            visited_some += usize::from(!visited.is_empty());
        }
        assert!(visited_some > 10_000, "{visited_some} of {} names near some brand", names.len());
    }

    #[test]
    fn the_candidate_lengths_are_consecutive() {
        // visit_near reads each end's buckets from the shortest candidate length to the longest
        // as one slice: no length between them may be left out.
        for len in 0..64 {
            let lengths = candidate_lengths(len);
            if lengths == 0 {
                continue; // longer than any brand indexed by two: no slice
            }
            let run = lengths >> lengths.trailing_zeros();
            assert_eq!(run & run.wrapping_add(1), 0, "{len}: {lengths:b}");
        }
    }

    #[test]
    fn the_candidate_lengths_are_those_one_or_two_edits_reach() {
        for len in 0..=70usize {
            let mut want = 0u64;
            for brand_len in len.saturating_sub(2)..=(len + 2).min(MAX_INDEXED_LEN) {
                let two_edits = brand_len.min(len) >= TWO_EDITS_FROM;
                if two_edits || brand_len.abs_diff(len) <= 1 {
                    want |= 1 << brand_len;
                }
            }
            assert_eq!(candidate_lengths(len), if len < 64 { want } else { candidate_lengths(63) }, "{len}");
        }
        assert_eq!(candidate_lengths(6), 0b111 << 5);
        assert_eq!(candidate_lengths(9), 0b1111 << 8, "paypal-ish names: one shorter, two longer");
        assert_eq!(candidate_lengths(12), 0b11111 << 10);
    }

    #[test]
    fn the_index_never_rules_out_a_lookalike() {
        // Every brand against names one or two edits away at every position: whatever
        // imitates_as_own_name accepts, find must reach through the index.
        for brand in table::registrable_domains() {
            let label = brand.label;
            let mut variants: Vec<String> = Vec::new();
            for i in 0..label.len() {
                variants.push(format!("{}x{}", &label[..i], &label[i + 1..])); // substitution
                variants.push(format!("{}{}", &label[..i], &label[i + 1..])); // deletion
                variants.push(format!("{}q{}", &label[..i], &label[i..])); // insertion
                if i + 1 < label.len() {
                    let b = label.as_bytes();
                    let swapped = [&b[..i], &[b[i + 1], b[i]], &b[i + 2..]].concat();
                    variants.push(String::from_utf8(swapped).unwrap());
                    variants.push(format!("{}zz{}", &label[..i], &label[i + 2..])); // two substitutions
                }
            }
            for variant in variants {
                let registrable = format!("{variant}.example");
                let imitates = label_distance::imitates_as_own_name(label, &variant).is_some()
                    && !table::brands()[brand.brand].is_ordinary_word(&variant);
                if imitates && !table::registrable_domains().iter().any(|d| d.label == variant)
                {
                    assert!(find(&registrable, "example").is_some(), "{registrable} imitates {}", brand.domain);
                }
            }
        }
    }
}
