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

/// Frames written the simplest way, for the tests here and in src/wasm.rs: every length written.
#[cfg(test)]
pub mod test_frames {
    use super::SCAN_FIELDS;

    /// The framing of contexts: lengths in UTF-16 units, then the fields.
    pub fn frame(fields: &[&str]) -> String {
        let lengths: Vec<String> = fields.iter().map(|f| f.encode_utf16().count().to_string()).collect();
        format!("{};{}", lengths.join(","), fields.concat())
    }

    /// Links framed for `scanBatch` from their fields, [`SCAN_FIELDS`] a link, every length
    /// written (the long form: no `=`, no trailing lengths left out).
    pub fn frame_links(fields: &[&str]) -> String {
        assert_eq!(fields.len() % SCAN_FIELDS, 0);
        let units = |f: &&str| f.encode_utf16().count().to_string();
        let groups: Vec<String> = fields.chunks(SCAN_FIELDS).map(|link| link.iter().map(units).collect::<Vec<_>>().join(",")).collect();
        format!("{};{}", groups.join("/"), fields.concat())
    }
}

#[cfg(test)]
mod tests {
    use super::test_frames::{frame, frame_links};
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn unframe_round_trips_any_text() {
        let fields: &[&str] =
            &["", "a,b;c", "日本語", "🎣 emoji", "nul\0here", "", "https://x.example/;1,2", "ascii then 日本 then ascii"];
        assert_eq!(unframe(&frame(fields)).unwrap(), fields);
        assert_eq!(unframe(";").unwrap(), Vec::<&str>::new());
    }

    #[test]
    fn unframe_rejects_bad_frames() {
        // (input, why it is bad)
        let bad = [
            ("3,3abcdef", "no header end"),
            ("3;ab", "field past the end"),
            ("1;abc", "text after the last field"),
            ("x;abc", "length not a number"),
            ("1;🎣", "length splits a surrogate pair"),
            ("3;ab🎣", "length splits a surrogate pair after ASCII"),
            ("3,;abc", "an empty last length"),
            ("1,,2;abc", "an empty length between two"),
            (",3;abc", "an empty first length"),
            ("+3;abc", "a sign"),
            ("3 ;abc", "a space"),
            ("99999999999999999999999;a", "a length past usize"),
        ];
        for (input, why) in bad {
            assert!(unframe(input).is_err(), "{why}: {input:?}");
        }
    }

    #[test]
    fn unframe_links_reads_the_short_header_as_the_long_one() {
        let fields: &[&str] = &[
            "https://a.example/x/", "https://a.example/x/", "", "", "", "", "", "", "",
            "https://b.example/path", "Hello", "", "", "", "", "", "", "",
            "", "", "", "", "", "", "", "", "",
            "https://日本.example/", "🎣 a,b/c;=", "12", "", "", "", "", "", "",
            "=", "=", "", "", "", "", "", "", "m",
            "h", "", "", "", "", "", "", "", "pb",
        ];
        let long = frame_links(fields);
        let want: Vec<&[&str]> = fields.chunks(SCAN_FIELDS).collect();
        assert_eq!(unframe_links(&long).unwrap(), want);
        // The texts that are their href (the first and fifth link's) left out of the body.
        let body: String = fields.iter().enumerate().filter(|&(i, _)| i != 1 && i != 4 * SCAN_FIELDS + 1).map(|(_, f)| *f).collect();
        let short = format!("20,=/22,5/0/19,10,2/1,=,0,0,0,0,0,0,1/1,0,,,,,,,2;{body}");
        assert!(unframe_links(&short).is_err(), "an empty length");
        let short = format!("20,=/22,5/0/19,10,2/1,=,0,0,0,0,0,0,1/1,0,0,0,0,0,0,0,2;{body}");
        assert_eq!(unframe_links(&short).unwrap(), want);
        assert_eq!(unframe_links(";").unwrap(), Vec::<[&str; SCAN_FIELDS]>::new());
        assert_eq!(unframe_links("0;").unwrap(), [[""; SCAN_FIELDS]]);
    }

    #[test]
    fn unframe_links_rejects_bad_frames() {
        // (input, why it is bad)
        let bad = [
            ("3/3abcdef", "no header end"),
            ("3;ab", "field past the end"),
            ("1;abc", "text after the last field"),
            ("1/;a", "an empty last link"),
            ("/1;a", "an empty first link"),
            ("1//1;ab", "an empty link between two"),
            ("1,;a", "an empty last length"),
            ("1,/1;ab", "an empty length before a link's end"),
            ("=;", "`=` for the href"),
            ("1,1,=;ab", "`=` for a field after the text"),
            ("1,=1;a", "`=` and a length"),
            ("1,==;a", "`=` twice"),
            ("1,1,1,1,1,1,1,1,1,1;abcdefghij", "ten fields"),
            ("1;🎣", "length splits a surrogate pair"),
            ("x;abc", "length not a number"),
            ("1 1;ab", "a space between links"),
            ("99999999999999999999999;a", "a length past usize"),
        ];
        for (input, why) in bad {
            assert!(unframe_links(input).is_err(), "{why}: {input:?}");
        }
    }
}
