//! docs/verdict.schema.json describes src/verdict.rs's types field by field and value by value,
//! and forbids anything else (`additionalProperties: false`). The schema is written by hand for its
//! descriptions; this test keeps it from drifting: each type's field names and each enum's values,
//! exactly as serde spells them (renames applied), are read from the types' own `Deserialize`
//! impls and compared with the schema, in both directions.

use linkguard::verdict::{
    ClaimEvidence, Details, Hiding, HostCategory, IpKind, Level, LookalikeKind, Reason, ReasonCode,
    Shown, Target, UnwrapStep, Verdict,
};
use serde::de::{self, Deserialize, Deserializer, Visitor};
use serde_json::Value;
use std::collections::BTreeSet;

/// A deserializer that reads nothing: it only records the field names (of a struct) or variant
/// names (of an enum) that the type's derived `Deserialize` announces, then stops.
struct NameRecorder<'a>(&'a mut Vec<&'static str>);

#[derive(Debug)]
struct Recorded;

impl std::fmt::Display for Recorded {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("names recorded")
    }
}
impl std::error::Error for Recorded {}
impl de::Error for Recorded {
    fn custom<T: std::fmt::Display>(_: T) -> Self {
        Recorded
    }
}

impl<'de> Deserializer<'de> for NameRecorder<'_> {
    type Error = Recorded;

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        _visitor: V,
    ) -> Result<V::Value, Recorded> {
        self.0.extend_from_slice(fields);
        Err(Recorded)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        variants: &'static [&'static str],
        _visitor: V,
    ) -> Result<V::Value, Recorded> {
        self.0.extend_from_slice(variants);
        Err(Recorded)
    }

    fn deserialize_any<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value, Recorded> {
        Err(Recorded)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf option
        unit unit_struct newtype_struct seq tuple tuple_struct map identifier ignored_any
    }
}

/// The names `T`'s `Deserialize` knows: its fields, or its variants.
fn serde_names<'de, T: Deserialize<'de>>() -> BTreeSet<String> {
    let mut names = Vec::new();
    let _ = T::deserialize(NameRecorder(&mut names));
    assert!(!names.is_empty(), "{} announced no names", std::any::type_name::<T>());
    names.into_iter().map(str::to_owned).collect()
}

fn schema() -> Value {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/verdict.schema.json");
    serde_json::from_str(&std::fs::read_to_string(path).expect("docs/verdict.schema.json"))
        .expect("docs/verdict.schema.json is JSON")
}

fn definition<'a>(schema: &'a Value, pointer: &str) -> &'a Value {
    schema.pointer(pointer).unwrap_or_else(|| panic!("docs/verdict.schema.json has no {pointer}"))
}

fn properties(schema: &Value, pointer: &str) -> BTreeSet<String> {
    let def = definition(schema, pointer);
    assert_eq!(
        def.get("additionalProperties"),
        Some(&Value::Bool(false)),
        "{pointer} must forbid properties it doesn't name"
    );
    def["properties"].as_object().expect("properties").keys().cloned().collect()
}

fn enum_values(schema: &Value, pointer: &str) -> BTreeSet<String> {
    definition(schema, pointer)["enum"]
        .as_array()
        .unwrap_or_else(|| panic!("{pointer} has no enum"))
        .iter()
        .map(|v| v.as_str().expect("string enum value").to_owned())
        .collect()
}

#[test]
fn every_struct_field_is_in_the_schema_and_nothing_else() {
    let schema = schema();
    assert_eq!(serde_names::<Verdict>(), properties(&schema, "/$defs/verdict"), "Verdict");
    assert_eq!(serde_names::<Details>(), properties(&schema, "/$defs/details"), "Details");
    assert_eq!(serde_names::<Target>(), properties(&schema, "/$defs/target"), "Target");
    assert_eq!(serde_names::<Shown>(), properties(&schema, "/$defs/shown"), "Shown");
    assert_eq!(serde_names::<UnwrapStep>(), properties(&schema, "/$defs/unwrapStep"), "UnwrapStep");
    // `explained` is the one field the CLI adds to a reason (src/explain.rs), for `--explain`.
    let mut reason = serde_names::<Reason>();
    reason.insert("explained".to_owned());
    assert_eq!(reason, properties(&schema, "/$defs/reason"), "Reason (+ explained)");
}

#[test]
fn every_enum_value_is_in_the_schema_and_nothing_else() {
    let schema = schema();
    assert_eq!(serde_names::<Level>(), enum_values(&schema, "/$defs/level"), "Level");
    assert_eq!(serde_names::<ReasonCode>(), enum_values(&schema, "/$defs/reasonCode"), "ReasonCode");
    assert_eq!(
        serde_names::<ClaimEvidence>(),
        enum_values(&schema, "/$defs/claimEvidence"),
        "ClaimEvidence"
    );
    let details = "/$defs/details/properties";
    assert_eq!(
        serde_names::<LookalikeKind>(),
        enum_values(&schema, &format!("{details}/lookalike")),
        "LookalikeKind"
    );
    assert_eq!(serde_names::<IpKind>(), enum_values(&schema, &format!("{details}/ip_kind")), "IpKind");
    assert_eq!(serde_names::<Hiding>(), enum_values(&schema, &format!("{details}/hidden/items")), "Hiding");
    assert_eq!(
        serde_names::<HostCategory>(),
        enum_values(&schema, "/$defs/target/properties/category"),
        "HostCategory"
    );
}

#[test]
fn the_schema_lists_reason_codes_in_their_stable_order() {
    // ReasonCode::ALL is the API's order (new codes are appended); the schema shows it the same way.
    let listed: Vec<String> = definition(&schema(), "/$defs/reasonCode")["enum"]
        .as_array()
        .expect("enum")
        .iter()
        .map(|v| v.as_str().expect("string").to_owned())
        .collect();
    let all: Vec<String> = ReasonCode::ALL.iter().map(|c| c.as_str().to_owned()).collect();
    assert_eq!(listed, all);
}
