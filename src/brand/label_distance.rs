//! How a claimed registrable domain and the actual one differ: another suffix, a typo, a swap,
//! or the brand embedded in a longer name.
//!
//! Only called when the text already claims another registrable domain than the target, so a
//! kind here sharpens an existing mismatch; it never creates one. Still, a wrong "lookalike"
//! makes a harmless mismatch (a newsletter's tracker) look like an attack, hence the minimum
//! lengths below: short labels are too close to each other by chance.

use crate::verdict::LookalikeKind;

/// DNS labels are at most 63 octets; longer input is not a label and is not compared.
const MAX_LABEL: usize = 63;

/// An adjacent swap needs a few letters around it to look like the original ("ab"/"ba" don't).
const MIN_LEN_SWAP: usize = 4;
/// Edit distance 1: "ebay"/"ebey" is a lookalike, "ab"/"ac" or "bmw"/"bmx" is chance.
const MIN_LEN_DISTANCE_1: usize = 4;
/// Edit distance 2: only long labels ("microsoft"/"micosoft1"); six-letter words two edits apart
/// are often unrelated ("amazon"/"amazing").
const MIN_LEN_DISTANCE_2: usize = 7;
/// Same skeleton (paypa1, rnicrosoft): even three letters are a deliberate imitation ("ibm"/"1bm").
const MIN_LEN_SKELETON: usize = 3;
/// The brand must be this long to count as embedded ("eki-net" in "eki-net-login"); shorter
/// strings ("abc", "jr") occur inside unrelated names all the time.
const MIN_LEN_EMBEDDED: usize = 4;

/// Registrable domains split as (label, suffix), e.g. ("amazon", "co.jp").
///
/// Labels are compared ASCII-case-insensitively as written (punycode for IDN: homographs are
/// `text/homograph.rs`'s job). `None` when they are the same domain or unrelated.
pub fn compare(claimed: (&str, &str), actual: (&str, &str)) -> Option<LookalikeKind> {
    let (claimed_label, claimed_suffix) = claimed;
    let (actual_label, actual_suffix) = actual;
    if claimed_label.is_empty() || actual_label.is_empty() {
        return None;
    }
    if claimed_label.eq_ignore_ascii_case(actual_label) {
        return if claimed_suffix.eq_ignore_ascii_case(actual_suffix) {
            None
        } else {
            Some(LookalikeKind::SameLabelOtherSuffix)
        };
    }
    compare_forms(&LabelForms::new(claimed_label)?, &LabelForms::new(actual_label)?)
}

/// [`compare`] of two labels that differ (ASCII case aside), from their prepared forms: the
/// brand checks prepare each brand's label once and a host's once, then ask every brand.
/// Most pairs are ruled out by lengths and byte-class sets before any letter is compared.
pub fn compare_forms(claimed: &LabelForms, actual: &LabelForms) -> Option<LookalikeKind> {
    if !claimed.outline.may_resemble(&actual.outline) {
        return None;
    }
    let near = claimed.outline.near(&actual.outline);
    let (c, a) = (claimed.lower.as_bytes(), actual.lower.as_bytes());
    let (cs, as_) = (claimed.skeleton.as_bytes(), actual.skeleton.as_bytes());
    let shorter = c.len().min(a.len());

    if shorter >= MIN_LEN_SWAP && is_adjacent_swap(c, a) {
        return Some(LookalikeKind::Swapped);
    }

    // Digit/letter and multi-letter confusions (paypa1, g00gle, rnicrosoft) are typos to the eye:
    // reported as edit distance, as the brief for the UI groups them.
    if shorter >= MIN_LEN_SKELETON && cs == as_ {
        return Some(LookalikeKind::EditDistance);
    }
    let shorter_skeleton = cs.len().min(as_.len());
    let long_enough = |min: usize| shorter >= min && shorter_skeleton >= min;
    // Neither distance counts below these lengths: not computed there.
    if near && long_enough(MIN_LEN_DISTANCE_1) {
        let (brand, name) = (&claimed.outline, &actual.outline);
        let distance = near_distance(c, a, brand.lower_classes ^ name.lower_classes);
        let distance = if claimed.skeleton_is_lower && actual.skeleton_is_lower {
            distance
        } else {
            distance.min(near_distance(cs, as_, brand.skeleton_classes ^ name.skeleton_classes))
        };
        if distance == 1 || (distance == 2 && long_enough(MIN_LEN_DISTANCE_2)) {
            return Some(LookalikeKind::EditDistance);
        }
    }

    // The brand inside a longer name: hyphens don't change what the eye reads
    // (eki-net vs ekinet-support).
    let (brand, name) = (&claimed.outline, &actual.outline);
    if (brand.may_hold_bare(name) && embeds(claimed.bare.as_bytes(), actual.bare.as_bytes()))
        || (brand.may_hold_skeleton_bare(name)
            && embeds(claimed.skeleton_bare.as_bytes(), actual.skeleton_bare.as_bytes()))
    {
        return Some(LookalikeKind::EmbeddedBrand);
    }
    None
}

/// The forms of a label the comparisons read, built once: lowercase, its skeleton, both without
/// hyphens, and the byte-class set of each (a bit per letter and digit, one for the rest; see
/// [`byte_class`]), which rule out most pairs before their letters are compared.
#[derive(Clone, Copy)]
pub struct LabelForms {
    outline: FormsOutline,
    /// Whether the skeleton is the lowercase label itself (no digit, `i`, `rn` or `vv` in it):
    /// between two such labels the skeletons' distance is the labels', not computed twice.
    skeleton_is_lower: bool,
    lower: Label,
    skeleton: Label,
    bare: Label,
    skeleton_bare: Label,
}

impl std::fmt::Debug for LabelForms {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("LabelForms").field(&String::from_utf8_lossy(self.lower.as_bytes())).finish()
    }
}

impl LabelForms {
    /// `None` for anything that can't be a DNS label (too long, non-ASCII).
    pub fn new(label: &str) -> Option<LabelForms> {
        let lower = Label::lowercase(label)?;
        let empty = Label { bytes: [0; MAX_LABEL], len: 0 };
        let (mut skeleton, mut bare, mut skeleton_bare) = (empty, empty, empty);
        let (mut lower_classes, mut bare_classes, mut skeleton_classes, mut skeleton_bare_classes) = (0, 0, 0, 0);
        // Two passes build all four forms and their class sets: the label's own bytes, then its
        // skeleton's (built for every name a brand's index lets through).
        for &b in lower.as_bytes() {
            let bit = 1 << OUTLINE_BIT[usize::from(b)];
            lower_classes |= bit;
            if b != b'-' {
                bare.push(b);
                bare_classes |= bit;
            }
        }
        skeleton_bytes(lower.as_bytes(), |b| {
            let bit = 1 << OUTLINE_BIT[usize::from(b)];
            skeleton.push(b);
            skeleton_classes |= bit;
            if b != b'-' {
                skeleton_bare.push(b);
                skeleton_bare_classes |= bit;
            }
        });
        let len = |label: &Label| label.len as u8; // at most MAX_LABEL
        let skeleton_is_lower = skeleton.as_bytes() == lower.as_bytes();
        Some(LabelForms {
            outline: FormsOutline {
                lower_len: len(&lower),
                skeleton_len: len(&skeleton),
                bare_len: len(&bare),
                skeleton_bare_len: len(&skeleton_bare),
                lower_classes,
                skeleton_classes,
                bare_classes,
                skeleton_bare_classes,
            },
            skeleton_is_lower,
            lower,
            skeleton,
            bare,
            skeleton_bare,
        })
    }

    /// What [`compare_forms`] rules most pairs out by, for a scan over all brands.
    pub fn outline(&self) -> FormsOutline {
        self.outline
    }
}

/// The lengths and class sets [`compare_forms`] rules most pairs out by: a name is a lookalike
/// of a brand's only within two of its length (a swap, the same skeleton, an edit or two), or
/// when it may hold the brand's name (longer, with all its byte classes). 24 bytes, so the
/// brands' outlines can be scanned for every written name without reading their forms.
#[derive(Debug, Clone, Copy)]
pub struct FormsOutline {
    lower_len: u8,
    skeleton_len: u8,
    bare_len: u8,
    skeleton_bare_len: u8,
    lower_classes: u64,
    skeleton_classes: u64,
    bare_classes: u64,
    skeleton_bare_classes: u64,
}

impl FormsOutline {
    /// The label's length.
    pub fn lower_len(&self) -> usize {
        usize::from(self.lower_len)
    }

    /// The length of the label's shortest form, its skeleton without hyphens: every form (the
    /// label, its skeleton, either without hyphens) is at least this long.
    pub fn shortest_len(&self) -> u8 {
        self.skeleton_bare_len
    }

    /// The skeleton's length.
    pub fn skeleton_len(&self) -> usize {
        usize::from(self.skeleton_len)
    }

    /// The byte classes of the label without hyphens, and of its skeleton without hyphens: a
    /// brand's name held in a longer one has all its classes there ([`Self::may_resemble`]).
    pub fn bare_class_sets(&self) -> (u64, u64) {
        (self.bare_classes, self.skeleton_bare_classes)
    }

    /// Whether [`compare_forms`] with `self` as the claimed (brand's) label and `actual` as the
    /// name can find anything; false for nearly every brand.
    #[inline]
    pub fn may_resemble(&self, actual: &FormsOutline) -> bool {
        self.near(actual) || self.may_hold_bare(actual) || self.may_hold_skeleton_bare(actual)
    }

    /// Within two edits of each other as far as lengths and class sets tell, as labels or as
    /// skeletons: a swap or the same skeleton is too (same lengths and classes).
    #[inline]
    fn near(&self, actual: &FormsOutline) -> bool {
        (self.lower_len.abs_diff(actual.lower_len) <= 2 && at_most_bits(self.lower_classes ^ actual.lower_classes, 4))
            || (self.skeleton_len.abs_diff(actual.skeleton_len) <= 2
                && at_most_bits(self.skeleton_classes ^ actual.skeleton_classes, 4))
    }

    #[inline]
    fn may_hold_bare(&self, name: &FormsOutline) -> bool {
        self.bare_len < name.bare_len && self.bare_classes & !name.bare_classes == 0
    }

    #[inline]
    fn may_hold_skeleton_bare(&self, name: &FormsOutline) -> bool {
        self.skeleton_bare_len < name.skeleton_bare_len && self.skeleton_bare_classes & !name.skeleton_bare_classes == 0
    }
}

/// The set of byte classes in `bytes` ([`byte_class`]).
#[cfg(test)]
fn classes(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0, |set, &b| set | 1 << OUTLINE_BIT[usize::from(b)])
}

/// [`small_distance`] of two byte strings whose class sets differ by `class_difference`: an
/// edit adds at most one class and removes at most one, so strings within two edits differ in
/// at most four classes, and farther ones are not computed.
fn near_distance(a: &[u8], b: &[u8], class_difference: u64) -> usize {
    if at_most_bits(class_difference, 4) { small_distance(a, b) } else { usize::MAX }
}

/// Stricter lengths for a site's own name imitating a brand's with no text claiming anything
/// (`lookalike_domain.rs`): there every registered name is compared with every brand, so a
/// chance resemblance must be rarer than in `compare`, where the text already claimed the brand.
const MIN_LEN_OWN_SWAP: usize = 6;
const MIN_LEN_OWN_DISTANCE_1: usize = 6;
const MIN_LEN_OWN_DISTANCE_2: usize = 9;
const MIN_LEN_OWN_SKELETON: usize = 5;

/// How a site's registrable label `label` imitates the brand's `brand_label`, judged strictly:
/// swapped letters, look-alike characters (paypa1), or one or two typos in a long name
/// (steeamcommnity). Not a lookalike: the same name (another suffix may be the brand's own),
/// the same name with or without hyphens (brands register those), or the brand inside a longer
/// name (applebees). With the kind comes how far the names are (0: same skeleton), so the
/// closest of several brands can be named.
pub fn imitates_as_own_name(brand_label: &str, label: &str) -> Option<(LookalikeKind, usize)> {
    imitates_as_own_name_forms(&LabelForms::new(brand_label)?, &LabelForms::new(label)?)
}

/// [`imitates_as_own_name`] from prepared forms (the brand's built once, the name's once for
/// all the brands it is compared with).
pub fn imitates_as_own_name_forms(brand: &LabelForms, own: &LabelForms) -> Option<(LookalikeKind, usize)> {
    let (b, o) = (brand.lower.as_bytes(), own.lower.as_bytes());
    let hyphens = b.contains(&b'-') || o.contains(&b'-');
    if b == o || (hyphens && brand.bare.as_bytes() == own.bare.as_bytes()) {
        return None;
    }
    let shorter = b.len().min(o.len());
    if shorter >= MIN_LEN_OWN_SWAP && is_adjacent_swap(b, o) {
        return Some((LookalikeKind::Swapped, 1));
    }
    let (bs, os) = (brand.skeleton.as_bytes(), own.skeleton.as_bytes());
    let shorter_skeleton = bs.len().min(os.len());
    if shorter_skeleton >= MIN_LEN_OWN_SKELETON && bs == os {
        return Some((LookalikeKind::EditDistance, 0));
    }
    // The name starts as the brand's does (a typo further on: rakutem, steeamcommnity), or is
    // the brand's whole name behind a character or two (erakuten, 2etc-meisai): a typosquat
    // keeps what the eye reads first. Another first letter alone makes another word (finance
    // for binance, mobile for ymobile). `lookalike_domain.rs` finds candidates by their first
    // or last character.
    if bs.first() != os.first() && !os.ends_with(bs) {
        return None;
    }
    let (brand_outline, own_outline) = (&brand.outline, &own.outline);
    let distance = near_distance(b, o, brand_outline.lower_classes ^ own_outline.lower_classes);
    let distance = if brand.skeleton_is_lower && own.skeleton_is_lower {
        distance
    } else {
        distance.min(near_distance(bs, os, brand_outline.skeleton_classes ^ own_outline.skeleton_classes))
    };
    let long_enough = |min: usize| shorter >= min && shorter_skeleton >= min;
    ((distance == 1 && long_enough(MIN_LEN_OWN_DISTANCE_1)) || (distance == 2 && long_enough(MIN_LEN_OWN_DISTANCE_2)))
        .then_some((LookalikeKind::EditDistance, distance))
}

/// What `lookalike_domain.rs` indexes brands by: the skeleton's length, its first and last
/// bytes, and the set of bytes in it (a bit per letter or digit; others share one). Every name
/// [`imitates_as_own_name`] accepts shares the first or the last byte with the brand's, is
/// within two of its length, and differs in at most two bits of the set per edit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Outline {
    pub len: usize,
    pub first: u8,
    pub last: u8,
    pub bytes: u64,
}

/// The single-byte folds of [`skeleton_bytes`], as a table.
static SKELETON_BYTE: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = match b as u8 {
            b'0' => b'o',
            b'1' | b'i' => b'l',
            other => other,
        };
        b += 1;
    }
    table
};

/// The class of a skeleton byte (0-36): its bit in [`Outline::bytes`], one per letter and
/// digit, one for the rest.
pub fn byte_class(b: u8) -> u8 {
    OUTLINE_BIT[usize::from(b)]
}

/// The bit of a skeleton byte in [`Outline::bytes`]: one per letter and digit, one for the rest.
static OUTLINE_BIT: [u8; 256] = {
    let mut table = [36u8; 256];
    let mut b = 0;
    while b < 26 {
        table[b'a' as usize + b] = b as u8;
        b += 1;
    }
    let mut d = 0;
    while d < 10 {
        table[b'0' as usize + d] = 26 + d as u8;
        d += 1;
    }
    table
};

pub fn skeleton_outline(label: &str) -> Option<Outline> {
    // This runs for every link's registrable label and each name the brand checks ask about.
    // A label with no `rn` or `vv` (any case) folds byte for byte: its outline is the OR of
    // each byte's bit, from one table, with its first and last bytes folded alone. The rest
    // stream their skeleton (`skeleton_outline_by_bytes`).
    if label.len() > MAX_LABEL {
        return None;
    }
    let bytes = label.as_bytes();
    let (&first, &last) = (bytes.first()?, bytes.last()?);
    let mut set = 0u64;
    for &b in bytes {
        set |= OUTLINE_MASK[usize::from(b)];
    }
    if set & NOT_ASCII != 0 {
        return None;
    }
    if set & MAY_PAIR != 0 && has_folded_pair(bytes) {
        return skeleton_outline_by_bytes(label);
    }
    Some(Outline {
        len: bytes.len(),
        first: LOWER_SKELETON_BYTE[usize::from(first)],
        last: LOWER_SKELETON_BYTE[usize::from(last)],
        bytes: set & !(MAY_PAIR | NOT_ASCII),
    })
}

/// In [`OUTLINE_MASK`], beside a byte's skeleton bit (0-36): `r` or `v` (any case), which may
/// start a folded pair.
const MAY_PAIR: u64 = 1 << 62;
/// ... and a byte that is not ASCII.
const NOT_ASCII: u64 = 1 << 63;

/// Each byte's bit in [`Outline::bytes`] once lowercased and folded alone, with the
/// [`MAY_PAIR`] and [`NOT_ASCII`] flags.
static OUTLINE_MASK: [u64; 256] = {
    let mut table = [0u64; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = 1 << OUTLINE_BIT[LOWER_SKELETON_BYTE[b] as usize];
        if matches!((b as u8).to_ascii_lowercase(), b'r' | b'v') {
            table[b] |= MAY_PAIR;
        }
        if b >= 0x80 {
            table[b] |= NOT_ASCII;
        }
        b += 1;
    }
    table
};

/// Whether `rn` or `vv` (any case) is in `bytes`: then [`skeleton_bytes`] folds at least one
/// pair (the leftmost such pair is reached unless a pair just before it folds).
fn has_folded_pair(bytes: &[u8]) -> bool {
    bytes.windows(2).any(|w| matches!((w[0] | 0x20, w[1] | 0x20), (b'r', b'n') | (b'v', b'v')))
}

/// [`skeleton_outline`] by streaming the skeleton's bytes.
fn skeleton_outline_by_bytes(label: &str) -> Option<Outline> {
    // The skeleton's bytes streamed, not built.
    if label.len() > MAX_LABEL || !label.is_ascii() {
        return None;
    }
    let bytes = label.as_bytes();
    let mut outline = Outline { len: 0, first: 0, last: 0, bytes: 0 };
    skeleton_bytes(bytes, |folded| {
        outline.last = folded;
        outline.len += 1;
        outline.bytes |= 1 << OUTLINE_BIT[usize::from(folded)];
    });
    // The first folded byte, read apart from the loop (one or two bytes of the label).
    let mut first = None;
    skeleton_bytes(&bytes[..bytes.len().min(2)], |folded| {
        first.get_or_insert(folded);
    });
    outline.first = first?;
    Some(outline)
}

/// The skeleton of an ASCII label, byte by byte, lowercased on the way: digits and letter pairs
/// that read as another letter are folded ("0"→o, "1" and "i"→l, "rn"→m, "vv"→w). A subset of
/// UTS #39 confusables restricted to what a lowercase ASCII label can contain; "i" joins
/// "1"/"l" because the same vertical stroke is how many mail fonts draw I, l and 1 (text is
/// often shown in capitals). The one definition behind `Label::skeleton` and
/// [`skeleton_outline`].
fn skeleton_bytes(src: &[u8], mut emit: impl FnMut(u8)) {
    let mut i = 0;
    while i < src.len() {
        let folded = LOWER_SKELETON_BYTE[usize::from(src[i])];
        i += 1;
        // Only `r` and `v` start a folded pair (no other byte folds to them): the next byte is
        // read for them alone.
        let next_is = |want: u8| src.get(i).is_some_and(|&b| b.to_ascii_lowercase() == want);
        let folded = match folded {
            b'r' if next_is(b'n') => {
                i += 1;
                b'm'
            }
            b'v' if next_is(b'v') => {
                i += 1;
                b'w'
            }
            other => other,
        };
        emit(folded);
    }
}

/// [`SKELETON_BYTE`] of each byte's ASCII lowercase: the lowercasing and the fold in one load.
static LOWER_SKELETON_BYTE: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = SKELETON_BYTE[(b as u8).to_ascii_lowercase() as usize];
        b += 1;
    }
    table
};

/// Whether at most `n` bits are set, by clearing the lowest set bit `n` times (no popcount
/// instruction in the baseline x86-64 and wasm targets' code paths we rely on).
#[inline]
pub fn at_most_bits(mut x: u64, n: u32) -> bool {
    for _ in 0..n {
        x &= x.wrapping_sub(1);
    }
    x == 0
}

/// A label in a fixed stack buffer (no heap allocation).
#[derive(Clone, Copy)]
struct Label {
    bytes: [u8; MAX_LABEL],
    len: usize,
}

impl Label {
    /// `None` for anything that can't be a DNS label (too long, non-ASCII).
    fn lowercase(label: &str) -> Option<Label> {
        if label.len() > MAX_LABEL || !label.is_ascii() {
            return None;
        }
        let mut out = Label {
            bytes: [0; MAX_LABEL],
            len: label.len(),
        };
        for (slot, b) in out.bytes.iter_mut().zip(label.bytes()) {
            *slot = b.to_ascii_lowercase();
        }
        Some(out)
    }

    fn as_bytes(&self) -> &[u8] {
        &self.bytes[..self.len]
    }

    fn push(&mut self, b: u8) {
        if self.len < MAX_LABEL {
            self.bytes[self.len] = b;
            self.len += 1;
        }
    }

    /// What the label looks like ([`skeleton_bytes`]).
    #[cfg(test)]
    fn skeleton(&self) -> Label {
        let mut out = Label {
            bytes: [0; MAX_LABEL],
            len: 0,
        };
        skeleton_bytes(self.as_bytes(), |b| out.push(b));
        out
    }

    #[cfg(test)]
    fn without_hyphens(&self) -> Label {
        let mut out = Label {
            bytes: [0; MAX_LABEL],
            len: 0,
        };
        for &b in self.as_bytes().iter().filter(|&&b| b != b'-') {
            out.push(b);
        }
        out
    }
}

/// Same length, exactly two adjacent positions differ, and they are each other's letters.
fn is_adjacent_swap(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let Some(first) = a.iter().zip(b).position(|(x, y)| x != y) else {
        return false;
    };
    first + 1 < a.len()
        && a[first] == b[first + 1]
        && a[first + 1] == b[first]
        && a[first] != a[first + 1]
        && a[first + 2..] == b[first + 2..]
}

/// The edit distance when it can be 2 or less; labels whose lengths differ by more are at
/// least that far apart, and are not computed.
fn small_distance(a: &[u8], b: &[u8]) -> usize {
    match distance_up_to_two(a, b) {
        d @ 0..=2 => d,
        _ => usize::MAX,
    }
}

/// The Levenshtein distance when it is 0, 1 or 2, else 3 (equal to `levenshtein` capped at 3,
/// tested). Labels are compared with many brands and are nearly always far from all of them,
/// so this is built to say "far" fast.
///
/// An optimal alignment matches equal first bytes and equal last bytes, so those are dropped.
/// What is left begins with two different bytes and ends with two different bytes: the first
/// and the last column of any alignment are edits (a substitution, a deletion or an insertion).
/// Within two edits those are the only ones, and everything between them matches: so the
/// distance is 2 exactly when the middle parts that the two end edits leave are equal, for the
/// end edits whose length changes add up to the difference in length. At most three slice
/// comparisons, no recursion.
fn distance_up_to_two(a: &[u8], b: &[u8]) -> usize {
    if a.len() > MAX_LABEL || b.len() > MAX_LABEL {
        return 3;
    }
    let (a, b) = without_equal_ends(a, b);
    // `a` the longer one: the distance is symmetric.
    let (a, b) = if a.len() >= b.len() { (a, b) } else { (b, a) };
    let (n, m) = (a.len(), b.len());
    if m == 0 {
        return n.min(3); // only deletions are left
    }
    // Both are non-empty here, so n >= 1 and their first bytes differ, and their last ones.
    let two = match n - m {
        // One column, a substitution.
        0 if n == 1 => return 1,
        // A substitution at each end; or a deletion at one end and an insertion at the other.
        0 => a[1..n - 1] == b[1..n - 1] || a[1..] == b[..n - 1] || a[..n - 1] == b[1..],
        // A deletion from `a` at one end, a substitution at the other.
        1 => a[1..n - 1] == b[..m - 1] || a[1..n - 1] == b[1..],
        // A deletion from `a` at each end.
        2 => a[1..n - 1] == *b,
        _ => false,
    };
    if two { 2 } else { 3 }
}

/// `a` and `b` without the bytes they begin with alike, then without those they end with alike.
fn without_equal_ends<'s>(a: &'s [u8], b: &'s [u8]) -> (&'s [u8], &'s [u8]) {
    let shorter = a.len().min(b.len());
    let mut prefix = 0;
    while prefix < shorter && a[prefix] == b[prefix] {
        prefix += 1;
    }
    let mut suffix = 0;
    while suffix < shorter - prefix && a[a.len() - 1 - suffix] == b[b.len() - 1 - suffix] {
        suffix += 1;
    }
    (&a[prefix..a.len() - suffix], &b[prefix..b.len() - suffix])
}

/// Classic Levenshtein distance with two stack rows (labels are at most 63 bytes): the
/// banded version's oracle.
#[cfg(test)]
fn levenshtein(a: &[u8], b: &[u8]) -> usize {
    if a.len() > MAX_LABEL || b.len() > MAX_LABEL {
        return usize::MAX;
    }
    // Distances never exceed 63, so a byte per cell is enough.
    let mut row_a = [0u8; MAX_LABEL + 1];
    let mut row_b = [0u8; MAX_LABEL + 1];
    // Swapping the references, not the arrays, keeps each row step free of copies.
    let (mut prev, mut cur) = (&mut row_a, &mut row_b);
    for (j, slot) in (0u8..).zip(prev.iter_mut().take(b.len() + 1)) {
        *slot = j;
    }
    for (i, &ca) in (1u8..).zip(a) {
        cur[0] = i;
        for (j, &cb) in b.iter().enumerate() {
            let substitution = prev[j] + u8::from(ca != cb);
            cur[j + 1] = substitution.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    usize::from(prev[b.len()])
}

/// The brand (long enough) occurs inside a strictly longer name.
fn embeds(brand: &[u8], name: &[u8]) -> bool {
    let Some((&first, rest)) = brand.split_first() else { return false };
    // The first byte compared before the rest: most windows differ there.
    brand.len() >= MIN_LEN_EMBEDDED
        && name.len() > brand.len()
        && name.windows(brand.len()).any(|w| w[0] == first && &w[1..] == rest)
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use LookalikeKind::*;

    /// (claimed label, claimed suffix, actual label, actual suffix, expected)
    type Case = (
        &'static str,
        &'static str,
        &'static str,
        &'static str,
        Option<LookalikeKind>,
    );

    #[test]
    fn the_banded_distance_is_levenshtein_capped_at_three() {
        let words = ["", "a", "ab", "ba", "abc", "amazon", "amazom", "anazaon", "amzon", "amazonn", "xamazonx",
            "steamcommunity", "steeamcommnity", "steamconmumity", "rn", "m", "paypal", "paypa1", "aaaa", "aa"];
        for a in words {
            for b in words {
                let want = levenshtein(a.as_bytes(), b.as_bytes()).min(3);
                let got = distance_up_to_two(a.as_bytes(), b.as_bytes());
                assert_eq!(got, want, "{a} / {b}");
            }
        }
    }

    #[test]
    fn the_distance_up_to_two_is_levenshtein_capped_at_three_for_every_short_string() {
        // Every string of up to five letters over a three-letter alphabet, and of up to eight
        // over a two-letter one (longer equal middles), against every other of its set.
        for (alphabet, longest) in [(&b"abc"[..], 5), (&b"ab"[..], 8)] {
            let mut words: Vec<Vec<u8>> = vec![Vec::new()];
            let mut last = vec![Vec::new()];
            for _ in 0..longest {
                last = last.iter().flat_map(|w: &Vec<u8>| alphabet.iter().map(move |&c| [w.as_slice(), &[c]].concat())).collect();
                words.extend(last.iter().cloned());
            }
            for a in &words {
                for b in &words {
                    assert_eq!(distance_up_to_two(a, b), levenshtein(a, b).min(3), "{a:?} / {b:?}");
                }
            }
        }
    }

    #[test]
    fn the_forms_are_built_as_defined() {
        for label in ["", "a", "-", "rn", "r-n", "vvv", "PayPa1", "eki-net", "x_cr-mvfg", "i1l0o-rnrn-vv", "a--b", "0-0", "amazon", "Amazon"] {
            let forms = LabelForms::new(label).unwrap();
            let lower = Label::lowercase(label).unwrap();
            let (skeleton, bare) = (lower.skeleton(), lower.without_hyphens());
            let skeleton_bare = skeleton.without_hyphens();
            for (built, defined) in [(&forms.lower, &lower), (&forms.skeleton, &skeleton), (&forms.bare, &bare), (&forms.skeleton_bare, &skeleton_bare)] {
                assert_eq!(built.as_bytes(), defined.as_bytes(), "{label}");
            }
            let o = forms.outline;
            assert_eq!(
                (o.lower_len, o.skeleton_len, o.bare_len, o.skeleton_bare_len),
                (lower.len as u8, skeleton.len as u8, bare.len as u8, skeleton_bare.len as u8),
                "{label}"
            );
            assert_eq!(
                (o.lower_classes, o.skeleton_classes, o.bare_classes, o.skeleton_bare_classes),
                (classes(lower.as_bytes()), classes(skeleton.as_bytes()), classes(bare.as_bytes()), classes(skeleton_bare.as_bytes())),
                "{label}"
            );
            assert_eq!(forms.skeleton_is_lower, skeleton.as_bytes() == lower.as_bytes(), "{label}");
        }
    }

    #[test]
    fn the_class_filters_never_rule_out_a_near_or_embedded_pair() {
        let words = ["", "a", "ab", "ba", "abc", "amazon", "amazom", "anazaon", "amzon", "amazonn", "xamazonx",
            "steamcommunity", "steeamcommnity", "steamconmumity", "rn", "m", "paypal", "paypa1", "aaaa", "aa",
            "eki-net", "ekinet-support", "a-b", "a_b", "0o0", "zz9-"];
        for a in words {
            for b in words {
                let (a, b) = (a.as_bytes(), b.as_bytes());
                assert_eq!(near_distance(a, b, classes(a) ^ classes(b)), small_distance(a, b), "{a:?} / {b:?}");
                if embeds(a, b) {
                    assert_eq!(classes(a) & !classes(b), 0, "{a:?} in {b:?}");
                }
            }
        }
    }

    #[test]
    fn the_streamed_outline_is_the_skeleton_s() {
        for label in ["rnicrosoft", "PAYPA1", "vvells-fargo", "a", "rn", "iI1l", "x-0-y", "amazon", "rrnn"] {
            let skeleton = Label::lowercase(label).unwrap().skeleton();
            let bytes = skeleton.as_bytes();
            let outline = skeleton_outline(label).unwrap();
            assert_eq!((outline.len, outline.first, outline.last), (bytes.len(), bytes[0], bytes[bytes.len() - 1]), "{label}");
        }
        assert_eq!(skeleton_outline(""), None);
        assert_eq!(skeleton_outline("ｅｘ"), None);
        // The outline from one table equals the streamed skeleton's, for every string of up to
        // five of these (pairs that fold, their capitals, folds of single bytes, non-ASCII) and
        // for long ones.
        let symbols = ["r", "n", "v", "R", "N", "V", "a", "i", "1", "0", "-", "é", "\u{80}"];
        let mut labels: Vec<String> = vec![String::new()];
        let mut frontier = labels.clone();
        for _ in 0..5 {
            frontier = frontier.iter().flat_map(|l| symbols.iter().map(move |s| format!("{l}{s}"))).collect();
            labels.extend(frontier.iter().cloned());
        }
        labels.extend(["a".repeat(MAX_LABEL), "a".repeat(MAX_LABEL + 1), format!("{}rn", "x".repeat(MAX_LABEL - 2))]);
        for label in &labels {
            assert_eq!(skeleton_outline(label), skeleton_outline_by_bytes(label), "{label:?}");
        }
        assert!(at_most_bits(0b1010, 2) && !at_most_bits(0b1011, 2) && at_most_bits(0, 0) && at_most_bits(u64::MAX, 64));
    }

    #[rustfmt::skip]
    const CASES: &[Case] = &[
        // Same label, other suffix.
        ("amazon", "co.jp", "amazon", "com", Some(SameLabelOtherSuffix)),
        ("eki-net", "com", "eki-net", "net", Some(SameLabelOtherSuffix)),
        ("paypal", "com", "paypal", "com.br", Some(SameLabelOtherSuffix)),
        ("Amazon", "CO.JP", "amazon", "co.jp", None), // the same domain
        ("amazon", "de", "amazon", "de", None),
        ("smbc", "co.jp", "smbc", "cc", Some(SameLabelOtherSuffix)),
        // Adjacent swaps.
        ("amazon", "com", "amzaon", "com", Some(Swapped)),
        ("paypal", "com", "papyal", "com", Some(Swapped)),
        ("google", "com", "goolge", "com", Some(Swapped)),
        ("ebay", "com", "eaby", "com", Some(Swapped)),
        ("rakuten", "co.jp", "rakuetn", "co.jp", Some(Swapped)),
        ("ab", "com", "ba", "com", None), // too short to mean anything
        ("abc", "com", "acb", "com", None),
        // Edit distance 1.
        ("paypal", "com", "paypa1", "com", Some(EditDistance)),
        ("amazon", "co.jp", "amazom", "com", Some(EditDistance)),
        ("google", "com", "gooogle", "com", Some(EditDistance)),
        ("amazon", "com", "amazn", "com", Some(EditDistance)),
        ("eki-net", "com", "ekinet", "com", Some(EditDistance)),
        ("ebay", "com", "ebey", "com", Some(EditDistance)),
        ("mercari", "com", "merucari", "com", Some(EditDistance)),
        ("docomo", "ne.jp", "docomo1", "com", Some(EditDistance)),
        // Edit distance 2 on long labels.
        ("microsoft", "com", "mikrosofft", "com", Some(EditDistance)),
        ("mufg-bank", "jp", "mufgbamk", "jp", Some(EditDistance)),
        // Confusion skeletons (counted as edit distance).
        ("microsoft", "com", "rnicrosoft", "com", Some(EditDistance)),
        ("amazon", "co.jp", "arnazon", "co.jp", Some(EditDistance)),
        ("google", "com", "g00gle", "com", Some(EditDistance)),
        ("yahoo", "co.jp", "yah00", "co.jp", Some(EditDistance)),
        ("wowow", "co.jp", "vvovvovv", "co.jp", Some(EditDistance)),
        ("ibm", "com", "1bm", "com", Some(EditDistance)),
        // Short labels are not lookalikes by chance.
        ("ab", "com", "ac", "com", None),
        ("jr", "jp", "jq", "jp", None),
        ("bmw", "de", "bmx", "de", None),
        ("au", "com", "ai", "com", None),
        ("nhk", "or.jp", "nhj", "com", None),
        // Distance 2 on short and medium labels is chance.
        ("amazon", "com", "amazing", "com", None),
        ("apple", "com", "ample", "com", Some(EditDistance)), // distance 1, length 5
        ("apple", "com", "maple", "com", None),
        ("yahoo", "com", "yandex", "com", None),
        // Embedded brand.
        ("eki-net", "com", "eki-net-login", "com", Some(EmbeddedBrand)),
        ("eki-net", "com", "ekinet-support", "com", Some(EmbeddedBrand)),
        ("paypal", "com", "secure-paypal-login", "xyz", Some(EmbeddedBrand)),
        ("amazon", "co.jp", "amazon-co-jp-account", "top", Some(EmbeddedBrand)),
        ("rakuten", "co.jp", "rakutencard-info", "com", Some(EmbeddedBrand)),
        ("paypal", "com", "paypa1-verify", "com", Some(EmbeddedBrand)), // via the skeleton
        ("smbc", "co.jp", "smbc-card-jp", "com", Some(EmbeddedBrand)),
        ("jr", "jp", "jr-east-ticket", "com", None), // too short to be a brand inside a name
        ("abc", "com", "abcdef", "com", None),
        // Reverse containment: the text names the longer name, the link goes to the brand.
        ("eki-net-login", "com", "eki-net", "com", None),
        // Unrelated.
        ("eki-net", "com", "ddnsking", "com", None),
        ("workers", "dev", "checkid", "ddnsking.com", None),
        ("amazon", "de", "klaviyomail", "com", None),
        ("spiegel", "de", "sendibt3", "com", None),
        ("example", "com", "mailchimp", "com", None),
        ("", "com", "amazon", "com", None),
        ("amazon", "com", "", "com", None),
    ];

    #[test]
    fn table() {
        for &(cl, cs, al, as_, expected) in CASES {
            assert_eq!(
                compare((cl, cs), (al, as_)),
                expected,
                "compare(({cl:?}, {cs:?}), ({al:?}, {as_:?}))"
            );
        }
    }

    #[test]
    fn levenshtein_distances() {
        const D: &[(&str, &str, usize)] = &[
            ("", "", 0),
            ("a", "", 1),
            ("", "abc", 3),
            ("kitten", "sitting", 3),
            ("paypal", "paypa1", 1),
            ("amazon", "amzaon", 2),
            ("flaw", "lawn", 2),
        ];
        for &(a, b, d) in D {
            assert_eq!(
                levenshtein(a.as_bytes(), b.as_bytes()),
                d,
                "levenshtein({a:?}, {b:?})"
            );
            assert_eq!(
                levenshtein(b.as_bytes(), a.as_bytes()),
                d,
                "levenshtein({b:?}, {a:?})"
            );
        }
    }

    #[test]
    fn skeletons() {
        const S: &[(&str, &str)] = &[
            ("paypa1", "paypal"),
            ("rnicrosoft", "mlcrosoft"),
            ("microsoft", "mlcrosoft"),
            ("g00gle", "google"),
            ("vvww", "www"),
            ("turn", "tum"),
            ("login", "logln"),
            ("plain", "plaln"),
            ("abc", "abc"),
        ];
        for &(raw, skeleton) in S {
            let label = Label::lowercase(raw).unwrap();
            assert_eq!(
                label.skeleton().as_bytes(),
                skeleton.as_bytes(),
                "skeleton({raw:?})"
            );
        }
    }

    #[test]
    fn never_panics_on_odd_labels() {
        let long = "a".repeat(200);
        let odd: &[&str] = &[
            "", "-", "--", "xn--", "ümlaut", "日本", &long, "a", "rn", "vv",
        ];
        for &a in odd {
            for &b in odd {
                let _ = compare((a, "com"), (b, "com"));
            }
        }
        assert_eq!(
            compare((&long, "com"), (&long, "net")),
            Some(SameLabelOtherSuffix)
        );
        assert_eq!(compare((&long, "com"), ("b", "com")), None);
    }
}
