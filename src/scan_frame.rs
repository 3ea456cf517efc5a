//! `scanBatch`'s frame, read: the links (and their messages' contexts) the content script sends
//! in one string, split back into fields. Pure: no wasm-bindgen, no engine, so the wasm boundary
//! (src/wasm.rs) and the benchmark's design floor (benches/size-floor, its `speed` feature) split
//! frames with this one reader. The writer is extension/shared/scan-frame.js; its tests frame
//! every golden and bypass case there and check that the engine reads each back
//! (tests/e2e/scan-frame.test.mjs).

/// Fields per link in `scanBatch`'s input at most (the frame: `LinkGuard::scan_batch`).
pub const SCAN_FIELDS: usize = 9;

/// Splits the fields `scanBatch` gets in one string (one string crosses the boundary at a
/// fraction of the cost of many): a header of their lengths, comma-separated, then `;`, then the
/// fields back to back. Lengths count UTF-16 code units, as JavaScript's `String.length` does, so
/// any text (commas, semicolons, NULs, lone surrogates, which arrive as U+FFFD: one unit
/// either way) frames exactly. (The messages' contexts: [`unframe_links`] reads the links.)
pub fn unframe(framed: &str) -> Result<Vec<&str>, String> {
    let (header, mut rest) = framed.split_once(';').ok_or("no length header")?;
    let mut fields = Vec::new();
    // The lengths read in one walk of the header's bytes, not split at commas and each parsed.
    let mut lengths = header.as_bytes();
    while !lengths.is_empty() {
        let digits = lengths.iter().position(|b| !b.is_ascii_digit()).unwrap_or(lengths.len());
        let (number, after) = lengths.split_at(digits);
        let units = match after {
            [] | [b',', _, ..] => decimal(number),
            _ => None,
        };
        let units = units.ok_or_else(|| bad_length(lengths))?;
        lengths = after.get(1..).unwrap_or_default();
        fields.push(cut(&mut rest, units)?);
    }
    if !rest.is_empty() {
        return Err("text after the last field".into());
    }
    Ok(fields)
}

/// Splits `scanBatch`'s links: [`unframe`]'s frame, but the header has a group of lengths per
/// link, the groups separated by `/`, each the lengths of the link's fields in order
/// (`LinkGuard::scan_batch`) up to its last non-empty one, so a plain link's header is
/// `href,text` (the fields after it are ""). A text that is its href (a third of a mail's
/// links, whose text is their address) is written `=` in place of its length, and not again
/// in the body: `20,=/22,5/0;https://a.example/x/https://b.example/pathHello` is two links,
/// the first with the text `https://a.example/x/`, and a third with every field "".
pub fn unframe_links(framed: &str) -> Result<Vec<[&str; SCAN_FIELDS]>, String> {
    let (header, mut rest) = framed.split_once(';').ok_or("no length header")?;
    let mut links = Vec::with_capacity(header.len() / 6);
    let mut lengths = header.as_bytes();
    let mut link = [""; SCAN_FIELDS];
    let mut field = 0;
    while !lengths.is_empty() {
        let digits = lengths.iter().position(|b| !b.is_ascii_digit()).unwrap_or(lengths.len());
        let (number, after) = lengths.split_at(digits);
        let after = match (field, number, after) {
            (1, [], [b'=', after @ ..]) => {
                link[1] = link[0];
                after
            }
            _ => {
                let units = decimal(number).ok_or_else(|| bad_length(lengths))?;
                link[field] = cut(&mut rest, units)?;
                after
            }
        };
        field += 1;
        lengths = match after {
            [] => &[],
            [b',', _, ..] if field < SCAN_FIELDS => &after[1..],
            [b'/', _, ..] => {
                links.push(std::mem::replace(&mut link, [""; SCAN_FIELDS]));
                field = 0;
                &after[1..]
            }
            [b',', ..] if field == SCAN_FIELDS => return Err(format!("a link of more than {SCAN_FIELDS} fields")),
            _ => return Err(bad_length(after)),
        };
    }
    if field > 0 {
        links.push(link);
    }
    if !rest.is_empty() {
        return Err("text after the last field".into());
    }
    Ok(links)
}

/// The error for a header whose next length (up to a separator) is none.
fn bad_length(header: &[u8]) -> String {
    let length = header.iter().position(|&b| b == b',' || b == b'/').unwrap_or(header.len());
    format!("bad length {:?}", String::from_utf8_lossy(&header[..length]))
}

/// The next field of a frame's body, `units` UTF-16 units long, cut from the front of `rest`.
fn cut<'f>(rest: &mut &'f str, units: usize) -> Result<&'f str, String> {
    // An ASCII byte is one UTF-16 unit: most fields are ASCII, so count those in bulk
    // and decode characters only from the first non-ASCII byte on.
    let bytes = rest.as_bytes();
    let ascii = match bytes.get(..units) {
        // The whole field at once (a word at a time), as most fields are ASCII.
        Some(field) if field.is_ascii() => units,
        _ => bytes.iter().take(units).take_while(|b| b.is_ascii()).count(),
    };
    let mut counted = ascii;
    let mut end = ascii;
    let mut chars = rest[ascii..].chars();
    while counted < units {
        let c = chars.next().ok_or("a field runs past the end")?;
        counted += c.len_utf16();
        end += c.len_utf8();
    }
    if counted != units {
        return Err("a length splits a character".into());
    }
    let (field, after) = rest.split_at(end);
    *rest = after;
    Ok(field)
}

/// A length of [`unframe`]'s or [`unframe_links`]' header: one or more ASCII digits, no larger than `usize`.
fn decimal(digits: &[u8]) -> Option<usize> {
    if digits.is_empty() {
        return None;
    }
    digits.iter().try_fold(0usize, |n, &d| n.checked_mul(10)?.checked_add(usize::from(d - b'0')))
}
