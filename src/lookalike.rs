//! How a claimed registrable domain and the actual one differ: another suffix, a typo, a swap,
//! or the brand embedded in a longer name.

use crate::verdict::LookalikeKind;

/// Registrable domains split as (label, suffix), e.g. ("amazon", "co.jp").
pub fn compare(claimed: (&str, &str), actual: (&str, &str)) -> Option<LookalikeKind> {
    let _ = (claimed, actual);
    None
}
