//! Compact JSON written straight into a byte buffer, for `scanBatch`'s flagged verdicts
//! (src/wasm.rs): the bytes `serde_json` writes with [`AsciiFormatter`], its compact form with
//! every character outside ASCII written as a `\u` escape (two for one beyond U+FFFF), so every
//! such line is ASCII.
//!
//! Why ASCII: the answer crosses into JavaScript through `TextDecoder`, and V8 decodes ASCII bytes
//! into a one-byte string in bulk, while a single character beyond Latin-1 (a brand's Japanese
//! name, about one a link on the phishing-URL lists) makes it decode the whole answer into a
//! two-byte string: 655 against 150 ns a link in Node 20, 193 against 47 in Chromium (the same
//! answers, benches/PROFILE.md's eighteenth round). `JSON.parse` reads the same values either way.
//!
//! Why not serde_json itself: its string escape walks a string a byte at a time (a table lookup
//! and a branch each) and copies each run with a copy of run-time length, and a flagged verdict's
//! line is ≈ 550 characters, nearly all of them in strings (hrefs, hosts, message keys and their
//! object keys); in the wasm build that was 8–10 % of `scanBatch` on the URL lists. Here a
//! string's bytes are checked and copied eight at a time. Everything else is as serde_json's
//! `CompactFormatter` writes it; what this
//! writer does not know (floats, byte strings, map keys that are no strings) is an error, and
//! the caller then writes the value with serde_json: the same bytes, only slower. The tests
//! compare both writers over every verdict the test cases give and over random strings.

use serde::ser::{self, Serialize};
use std::fmt;

/// Why a value was not written here (serde_json writes it instead).
#[derive(Debug)]
pub struct Unsupported;

impl fmt::Display for Unsupported {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("not written by json_line")
    }
}

impl std::error::Error for Unsupported {}

impl ser::Error for Unsupported {
    fn custom<T: fmt::Display>(_: T) -> Self {
        Unsupported
    }
}

/// `value` as compact JSON at the end of `out`; on an error `out` may hold part of it (the caller
/// truncates).
pub fn write<T: ?Sized + Serialize>(out: &mut Vec<u8>, value: &T) -> Result<(), Unsupported> {
    value.serialize(Writer { out })
}

/// serde_json's compact form with every character outside ASCII as a `\u` escape: what
/// [`write`] writes, for what it does not write itself (and its tests' oracle).
pub struct AsciiFormatter;

impl serde_json::ser::Formatter for AsciiFormatter {
    fn write_string_fragment<W: ?Sized + std::io::Write>(&mut self, writer: &mut W, fragment: &str) -> std::io::Result<()> {
        // serde_json hands over the runs between its own escapes; only non-ASCII is left to do.
        let mut out = Vec::with_capacity(fragment.len());
        let mut rest = fragment;
        while let Some(at) = rest.bytes().position(|b| !b.is_ascii()) {
            out.extend_from_slice(&rest.as_bytes()[..at]);
            let c = rest[at..].chars().next().unwrap_or_default();
            write_u_escape(&mut out, c);
            rest = &rest[at + c.len_utf8()..];
        }
        out.extend_from_slice(rest.as_bytes());
        writer.write_all(&out)
    }
}

/// `c` (not ASCII) as JSON's `\uXXXX`, a UTF-16 surrogate pair's two beyond U+FFFF.
fn write_u_escape(out: &mut Vec<u8>, c: char) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut units = [0u16; 2];
    for &unit in c.encode_utf16(&mut units).iter() {
        let nibble = |shift: u16| HEX[usize::from((unit >> shift) & 0xF)];
        out.extend_from_slice(&[b'\\', b'u', nibble(12), nibble(8), nibble(4), nibble(0)]);
    }
}

/// Each byte's escape as serde_json writes it: 0 for none, `u` for `\u00XX`, else the letter
/// after the backslash.
static ESCAPE: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 0x20 {
        table[b] = b'u';
        b += 1;
    }
    table[0x08] = b'b';
    table[0x09] = b't';
    table[0x0A] = b'n';
    table[0x0C] = b'f';
    table[0x0D] = b'r';
    table[b'"' as usize] = b'"';
    table[b'\\' as usize] = b'\\';
    table
};

const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
const HIGHS: u64 = u64::from_ne_bytes([0x80; 8]);

/// Whether any of the eight bytes of `word` is below 0x20, `"`, `\` or not ASCII. (Each test is
/// exact as a whole, though a borrow may mark a byte above a true one: the caller then looks byte
/// by byte.)
#[inline]
fn needs_escape(word: u64) -> bool {
    let below_space = word.wrapping_sub(ONES * 0x20) & !word;
    let quote = word ^ (ONES * b'"' as u64);
    let backslash = word ^ (ONES * b'\\' as u64);
    let zero = |v: u64| v.wrapping_sub(ONES) & !v;
    // `word` itself: a byte with its high bit set is no ASCII.
    (word | below_space | zero(quote) | zero(backslash)) & HIGHS != 0
}

/// `s` as a JSON string, quotes and all.
pub fn write_str(out: &mut Vec<u8>, s: &str) {
    let bytes = s.as_bytes();
    out.reserve(bytes.len() + 2);
    out.push(b'"');
    // Copied eight bytes at a time, or one: a copy of a length known only at run time is a call
    // (wasm's `memory.copy`) that costs more than such a short string's bytes, and most strings
    // here are short (the keys, codes, hosts).
    let mut i = 0;
    while i < bytes.len() {
        if let Some(Ok(word)) = bytes.get(i..i + 8).map(<[u8; 8]>::try_from) {
            if !needs_escape(u64::from_ne_bytes(word)) {
                out.extend_from_slice(&word);
                i += 8;
                continue;
            }
        }
        let byte = bytes[i];
        if !byte.is_ascii() {
            // The character that starts here (`i` is at one: ASCII bytes and whole characters
            // are all that was stepped over).
            let c = s.get(i..).and_then(|rest| rest.chars().next()).unwrap_or_default();
            write_u_escape(out, c);
            i += c.len_utf8();
            continue;
        }
        match ESCAPE[byte as usize] {
            0 => out.push(byte),
            b'u' => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.extend_from_slice(&[b'\\', b'u', b'0', b'0', HEX[(byte >> 4) as usize], HEX[(byte & 0xF) as usize]]);
            }
            escape => out.extend_from_slice(&[b'\\', escape]),
        }
        i += 1;
    }
    out.push(b'"');
}

fn write_display(out: &mut Vec<u8>, n: impl fmt::Display) {
    use std::io::Write;
    // Writing into a Vec can't fail.
    let _ = write!(out, "{n}");
}

struct Writer<'o> {
    out: &'o mut Vec<u8>,
}

/// A sequence or map being written: whether its first element is still to come.
pub struct Compound<'o> {
    out: &'o mut Vec<u8>,
    first: bool,
    /// What closes it: `]`, `}`, or `]}` / `}}` for an enum variant's.
    close: &'static [u8],
}

impl Compound<'_> {
    #[inline]
    fn comma(&mut self) {
        if !self.first {
            self.out.push(b',');
        }
        self.first = false;
    }

    fn element<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Unsupported> {
        self.comma();
        value.serialize(Writer { out: self.out })
    }

    fn field<T: ?Sized + Serialize>(&mut self, key: &str, value: &T) -> Result<(), Unsupported> {
        self.comma();
        write_str(self.out, key);
        self.out.push(b':');
        value.serialize(Writer { out: self.out })
    }

    fn end(self) -> Result<(), Unsupported> {
        self.out.extend_from_slice(self.close);
        Ok(())
    }
}

impl<'o> Writer<'o> {
    fn open(self, open: &[u8], close: &'static [u8]) -> Compound<'o> {
        self.out.extend_from_slice(open);
        Compound { out: self.out, first: true, close }
    }

    /// `{"variant":` before an enum variant's value.
    fn variant(self, variant: &str) -> Writer<'o> {
        self.out.push(b'{');
        write_str(self.out, variant);
        self.out.push(b':');
        self
    }
}

impl<'o> ser::Serializer for Writer<'o> {
    type Ok = ();
    type Error = Unsupported;
    type SerializeSeq = Compound<'o>;
    type SerializeTuple = Compound<'o>;
    type SerializeTupleStruct = Compound<'o>;
    type SerializeTupleVariant = Compound<'o>;
    type SerializeMap = Compound<'o>;
    type SerializeStruct = Compound<'o>;
    type SerializeStructVariant = Compound<'o>;

    fn serialize_bool(self, v: bool) -> Result<(), Unsupported> {
        self.out.extend_from_slice(if v { b"true" } else { b"false" });
        Ok(())
    }
    fn serialize_i8(self, v: i8) -> Result<(), Unsupported> {
        write_display(self.out, v);
        Ok(())
    }
    fn serialize_i16(self, v: i16) -> Result<(), Unsupported> {
        write_display(self.out, v);
        Ok(())
    }
    fn serialize_i32(self, v: i32) -> Result<(), Unsupported> {
        write_display(self.out, v);
        Ok(())
    }
    fn serialize_i64(self, v: i64) -> Result<(), Unsupported> {
        write_display(self.out, v);
        Ok(())
    }
    fn serialize_i128(self, v: i128) -> Result<(), Unsupported> {
        write_display(self.out, v);
        Ok(())
    }
    fn serialize_u8(self, v: u8) -> Result<(), Unsupported> {
        write_display(self.out, v);
        Ok(())
    }
    fn serialize_u16(self, v: u16) -> Result<(), Unsupported> {
        write_display(self.out, v);
        Ok(())
    }
    fn serialize_u32(self, v: u32) -> Result<(), Unsupported> {
        write_display(self.out, v);
        Ok(())
    }
    fn serialize_u64(self, v: u64) -> Result<(), Unsupported> {
        write_display(self.out, v);
        Ok(())
    }
    fn serialize_u128(self, v: u128) -> Result<(), Unsupported> {
        write_display(self.out, v);
        Ok(())
    }
    // serde_json writes floats with ryu (and non-finite ones as null): left to it.
    fn serialize_f32(self, _: f32) -> Result<(), Unsupported> {
        Err(Unsupported)
    }
    fn serialize_f64(self, _: f64) -> Result<(), Unsupported> {
        Err(Unsupported)
    }
    fn serialize_char(self, v: char) -> Result<(), Unsupported> {
        write_str(self.out, v.encode_utf8(&mut [0; 4]));
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Result<(), Unsupported> {
        write_str(self.out, v);
        Ok(())
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<(), Unsupported> {
        Err(Unsupported)
    }
    fn serialize_none(self) -> Result<(), Unsupported> {
        self.serialize_unit()
    }
    fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> Result<(), Unsupported> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Unsupported> {
        self.out.extend_from_slice(b"null");
        Ok(())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Unsupported> {
        self.serialize_unit()
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Result<(), Unsupported> {
        self.serialize_str(variant)
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(self, _: &'static str, value: &T) -> Result<(), Unsupported> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), Unsupported> {
        let Writer { out } = self.variant(variant);
        value.serialize(Writer { out: &mut *out })?;
        out.push(b'}');
        Ok(())
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Compound<'o>, Unsupported> {
        Ok(self.open(b"[", b"]"))
    }
    fn serialize_tuple(self, len: usize) -> Result<Compound<'o>, Unsupported> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(self, _: &'static str, len: usize) -> Result<Compound<'o>, Unsupported> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Compound<'o>, Unsupported> {
        Ok(self.variant(variant).open(b"[", b"]}"))
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Compound<'o>, Unsupported> {
        Ok(self.open(b"{", b"}"))
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Compound<'o>, Unsupported> {
        Ok(self.open(b"{", b"}"))
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Compound<'o>, Unsupported> {
        Ok(self.variant(variant).open(b"{", b"}}"))
    }
}

/// serde's four sequence-like traits, each written as an array: their elements one after another.
macro_rules! sequence_like {
    ($($trait:ident :: $element:ident),*) => {$(
        impl ser::$trait for Compound<'_> {
            type Ok = ();
            type Error = Unsupported;
            fn $element<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Unsupported> {
                self.element(value)
            }
            fn end(self) -> Result<(), Unsupported> {
                Compound::end(self)
            }
        }
    )*};
}
sequence_like!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

impl ser::SerializeMap for Compound<'_> {
    type Ok = ();
    type Error = Unsupported;
    fn serialize_key<T: ?Sized + Serialize>(&mut self, key: &T) -> Result<(), Unsupported> {
        self.comma();
        key.serialize(KeyWriter { out: self.out })?;
        self.out.push(b':');
        Ok(())
    }
    fn serialize_value<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Unsupported> {
        value.serialize(Writer { out: self.out })
    }
    fn end(self) -> Result<(), Unsupported> {
        Compound::end(self)
    }
}

impl ser::SerializeStruct for Compound<'_> {
    type Ok = ();
    type Error = Unsupported;
    fn serialize_field<T: ?Sized + Serialize>(&mut self, key: &'static str, value: &T) -> Result<(), Unsupported> {
        self.field(key, value)
    }
    fn end(self) -> Result<(), Unsupported> {
        Compound::end(self)
    }
}

impl ser::SerializeStructVariant for Compound<'_> {
    type Ok = ();
    type Error = Unsupported;
    fn serialize_field<T: ?Sized + Serialize>(&mut self, key: &'static str, value: &T) -> Result<(), Unsupported> {
        self.field(key, value)
    }
    fn end(self) -> Result<(), Unsupported> {
        Compound::end(self)
    }
}

/// A map's key: a string, as serde_json requires (its numbers and booleans as keys are left to it).
struct KeyWriter<'o> {
    out: &'o mut Vec<u8>,
}

/// Serializer methods a map key refuses (`Unsupported`: the whole line is then serde_json's).
macro_rules! key_refuses {
    ($($method:ident: $ty:ty),*) => {$(
        fn $method(self, _: $ty) -> Result<(), Unsupported> {
            Err(Unsupported)
        }
    )*};
}

impl ser::Serializer for KeyWriter<'_> {
    type Ok = ();
    type Error = Unsupported;
    type SerializeSeq = ser::Impossible<(), Unsupported>;
    type SerializeTuple = ser::Impossible<(), Unsupported>;
    type SerializeTupleStruct = ser::Impossible<(), Unsupported>;
    type SerializeTupleVariant = ser::Impossible<(), Unsupported>;
    type SerializeMap = ser::Impossible<(), Unsupported>;
    type SerializeStruct = ser::Impossible<(), Unsupported>;
    type SerializeStructVariant = ser::Impossible<(), Unsupported>;

    fn serialize_str(self, v: &str) -> Result<(), Unsupported> {
        write_str(self.out, v);
        Ok(())
    }
    fn serialize_char(self, v: char) -> Result<(), Unsupported> {
        write_str(self.out, v.encode_utf8(&mut [0; 4]));
        Ok(())
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Result<(), Unsupported> {
        self.serialize_str(variant)
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(self, _: &'static str, value: &T) -> Result<(), Unsupported> {
        value.serialize(self)
    }
    // (serde_json would quote a number key; a verdict has none.)
    key_refuses!(
        serialize_bool: bool, serialize_i8: i8, serialize_i16: i16, serialize_i32: i32, serialize_i64: i64,
        serialize_u8: u8, serialize_u16: u16, serialize_u32: u32, serialize_u64: u64, serialize_f32: f32,
        serialize_f64: f64, serialize_bytes: &[u8]
    );
    fn serialize_none(self) -> Result<(), Unsupported> {
        Err(Unsupported)
    }
    fn serialize_some<T: ?Sized + Serialize>(self, _: &T) -> Result<(), Unsupported> {
        Err(Unsupported)
    }
    fn serialize_unit(self) -> Result<(), Unsupported> {
        Err(Unsupported)
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Unsupported> {
        Err(Unsupported)
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<(), Unsupported> {
        Err(Unsupported)
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, Unsupported> {
        Err(Unsupported)
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, Unsupported> {
        Err(Unsupported)
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeTupleStruct, Unsupported> {
        Err(Unsupported)
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, Unsupported> {
        Err(Unsupported)
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, Unsupported> {
        Err(Unsupported)
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeStruct, Unsupported> {
        Err(Unsupported)
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, Unsupported> {
        Err(Unsupported)
    }
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;
    use crate::explain::ExplainedVerdict;
    use crate::{Engine, Hiding, LinkInput, MessageContext};
    use std::collections::BTreeMap;

    /// serde_json's bytes with [`AsciiFormatter`].
    fn serde_ascii<T: ?Sized + Serialize>(value: &T) -> Vec<u8> {
        let mut out = Vec::new();
        value.serialize(&mut serde_json::Serializer::with_formatter(&mut out, AsciiFormatter)).expect("serde_json");
        out
    }

    fn both<T: ?Sized + Serialize>(value: &T) -> (Vec<u8>, Vec<u8>) {
        let mut ours = Vec::new();
        write(&mut ours, value).expect("written");
        assert!(ours.is_ascii(), "{}", String::from_utf8_lossy(&ours));
        (ours, serde_ascii(value))
    }

    fn same_str(s: &str) {
        let mut ours = Vec::new();
        write_str(&mut ours, s);
        assert_eq!(String::from_utf8_lossy(&ours), String::from_utf8_lossy(&serde_ascii(s)), "{s:?}");
        // ASCII, and read back as the string itself (serde_json's plain form reads the same).
        assert!(ours.is_ascii(), "{s:?}");
        assert_eq!(serde_json::from_slice::<String>(&ours).expect("JSON"), s);
    }

    #[test]
    fn characters_beyond_ascii_are_u_escapes() {
        same_str("楽天");
        let mut out = Vec::new();
        write_str(&mut out, "é楽\u{1F600}\u{10FFFF}a");
        assert_eq!(String::from_utf8_lossy(&out), r#""\u00e9\u697d\ud83d\ude00\udbff\udfffa""#);
    }

    /// Every character class a string may hold, alone, in runs of every length across the eight
    /// bytes a word is read in, and at every offset of one.
    #[test]
    fn strings_escaped_as_serde_json_escapes_them_with_ascii_formatter() {
        let classes: Vec<String> = (0u32..0x20)
            .chain([0x20, b'"'.into(), b'\\'.into(), b'/'.into(), 0x21, 0x5B, 0x5D, 0x7E, 0x7F, 0x80, 0xA0, 0xFF])
            .chain([0x2028, 0x2029, 0x3042, 0xFEFF, 0xFFFD, 0x1F600, 0x10FFFF])
            .filter_map(char::from_u32)
            .map(String::from)
            // A lone surrogate reaches the engine as U+FFFD (wasm-bindgen's and TextEncoder's
            // replacement), already in the list above.
            .collect();
        same_str("");
        for class in &classes {
            for before in 0..17 {
                for after in [0, 1, 7, 8, 9] {
                    same_str(&format!("{}{class}{}", "a".repeat(before), "é".repeat(after)));
                }
                same_str(&class.repeat(before));
            }
        }
        // Random strings, mostly of the classes above and plain ASCII, of lengths up to 40.
        let mut rng = crate::test_rng::XorShift::new(0x9E37_79B9_7F4A_7C15);
        let mut next = move || rng.next_u64();
        for _ in 0..20_000 {
            let len = next() % 41;
            let s: String = (0..len)
                .map(|_| match next() % 4 {
                    0 => classes[(next() % classes.len() as u64) as usize].clone(),
                    1 => char::from_u32((next() % 0x11_0000) as u32).map(String::from).unwrap_or_default(),
                    _ => char::from((0x20 + next() % 0x5F) as u8).to_string(),
                })
                .collect();
            same_str(&s);
        }
    }

    #[derive(serde::Serialize)]
    enum Shape<'s> {
        Unit,
        Newtype(&'s str),
        Tuple(u8, i64),
        Struct { a: Option<u32>, b: Vec<bool> },
    }

    #[derive(serde::Serialize)]
    struct Everything<'s> {
        shapes: Vec<Shape<'s>>,
        map: BTreeMap<&'s str, Option<()>>,
        empty: Vec<u8>,
        empty_map: BTreeMap<String, u8>,
        numbers: (i8, i16, i32, i64, i128, u8, u16, u32, u64, u128),
        chars: [char; 3],
        #[serde(flatten)]
        rest: BTreeMap<&'s str, &'s str>,
    }

    #[test]
    fn every_shape_written_as_serde_json_writes_it() {
        let value = Everything {
            shapes: vec![
                Shape::Unit,
                Shape::Newtype("a\"b"),
                Shape::Tuple(7, -3),
                Shape::Struct { a: None, b: vec![true, false] },
                Shape::Struct { a: Some(u32::MAX), b: vec![] },
            ],
            map: BTreeMap::from([("k\n", None), ("", Some(()))]),
            empty: vec![],
            empty_map: BTreeMap::new(),
            numbers: (i8::MIN, i16::MIN, i32::MIN, i64::MIN, i128::MIN, u8::MAX, u16::MAX, u32::MAX, u64::MAX, u128::MAX),
            chars: ['"', '\u{1}', '\u{2028}'],
            rest: BTreeMap::from([("x", "\\"), ("y", "\u{7f}")]),
        };
        let (ours, theirs) = both(&value);
        assert_eq!(String::from_utf8_lossy(&ours), String::from_utf8_lossy(&theirs));
    }

    /// What serde_json writes and this writer does not is an error (the caller then asks
    /// serde_json), never other bytes.
    #[test]
    fn floats_bytes_and_other_keys_are_left_to_serde_json() {
        let mut out = Vec::new();
        assert!(write(&mut out, &1.5f64).is_err());
        assert!(write(&mut out, &serde_bytes_like()).is_err());
        assert!(write(&mut out, &BTreeMap::from([(1u8, 2u8)])).is_err());
        assert!(write(&mut out, &BTreeMap::from([(true, 2u8)])).is_err());
    }

    struct Bytes;
    impl Serialize for Bytes {
        fn serialize<S: ser::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            s.serialize_bytes(b"ab")
        }
    }
    fn serde_bytes_like() -> Bytes {
        Bytes
    }

    /// Every golden case's verdict (`tests/data/cases.json`), as a link and in its message, and
    /// the same links hidden and malformed: the same bytes as serde_json's.
    #[test]
    fn verdicts_written_as_serde_json_writes_them() {
        let engine = Engine::new();
        let file: serde_json::Value =
            serde_json::from_str(include_str!("../tests/data/cases.json")).expect("cases.json parses");
        let mut written = 0;
        for case in file["cases"].as_array().expect("a list of cases") {
            let href = case["href"].as_str().expect("href");
            let text = case["text"].as_str().unwrap_or("");
            let mut verdicts = vec![
                engine.analyze(&LinkInput::new(href, text)),
                engine.analyze(&LinkInput {
                    hidden: vec![Hiding::Bidi, Hiding::HiddenPart],
                    malformed: true,
                    ..LinkInput::new(href, text)
                }),
                Engine::unreadable(href, "a \"why\"\n"),
            ];
            if let Some(context) = case.get("context") {
                let context: MessageContext = serde_json::from_value(context.clone()).expect("a message context");
                verdicts.push(engine.analyze_in(&LinkInput::new(href, text), &engine.message(&context)));
            }
            for verdict in &verdicts {
                let (ours, theirs) = both(&ExplainedVerdict::of(verdict));
                assert_eq!(String::from_utf8_lossy(&ours), String::from_utf8_lossy(&theirs), "{href}");
                written += 1;
            }
        }
        assert!(written > 100, "{written}");
    }
}
