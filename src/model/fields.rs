//! What serde expects at each place of the model, for "did you mean" hints.
//!
//! A tiny deserializer walks a type the way derive(Deserialize) reads a file: it
//! follows a list of keys through structs, options, lists and newtypes, and records
//! what the type at the end asks for. `deserialize_struct` hands over the field
//! names, `deserialize_enum` the variant names. The nesting is discovered the same
//! way, so a new nested struct gets its hints without any table to edit.

use serde::de::{self, value::StrDeserializer, DeserializeOwned, DeserializeSeed, Deserializer};
use serde::de::{MapAccess, SeqAccess, Visitor};
use std::fmt;

/// What serde expects at one place of a type (names after renames).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expected {
    /// A struct with these field names.
    Struct(&'static [&'static str]),
    /// An enum with these variant names.
    Enum(&'static [&'static str]),
}

/// What `T` expects after following `keys` (list indices left out), if it is a struct or an enum.
pub fn expected_at<T: DeserializeOwned>(keys: &[&str]) -> Option<Expected> {
    walk::<T>(keys).0
}

impl Expected {
    /// Whether `T` holds a list after following `keys` (`parties`, `events[].caused_by`);
    /// `expected_at` looks through lists to their items.
    pub fn is_list_at<T: DeserializeOwned>(keys: &[&str]) -> bool {
        walk::<T>(keys).1
    }
}

fn walk<T: DeserializeOwned>(keys: &[&str]) -> (Option<Expected>, bool) {
    let (mut found, mut list) = (None, false);
    let _ = T::deserialize(Walker {
        keys,
        found: &mut found,
        list: &mut list,
    });
    (found, list)
}

/// The field names of the struct found in `T` after following `keys`; empty if none is there.
pub fn fields_at<T: DeserializeOwned>(keys: &[&str]) -> &'static [&'static str] {
    match expected_at::<T>(keys) {
        Some(Expected::Struct(fields)) => fields,
        _ => &[],
    }
}

/// The variant names of the enum found in `T` after following `keys`; empty if none is there.
pub fn variants_at<T: DeserializeOwned>(keys: &[&str]) -> &'static [&'static str] {
    match expected_at::<T>(keys) {
        Some(Expected::Enum(variants)) => variants,
        _ => &[],
    }
}

/// The field names of `T` as serde sees them (after renames).
pub fn struct_fields<T: DeserializeOwned>() -> &'static [&'static str] {
    fields_at::<T>(&[])
}

/// Follows `keys` into whatever type deserialises from it; records `found` at the end.
struct Walker<'a> {
    keys: &'a [&'a str],
    found: &'a mut Option<Expected>,
    /// Set when the keys end at a list (the walk then goes on into its items).
    list: &'a mut bool,
}

/// The walk is over: either something was recorded or the keys lead nowhere.
#[derive(Debug)]
struct Caught;

impl fmt::Display for Caught {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the model's shape was caught")
    }
}

impl std::error::Error for Caught {}

impl de::Error for Caught {
    fn custom<T: fmt::Display>(_: T) -> Self {
        Caught
    }
}

impl<'de> Deserializer<'de> for Walker<'_> {
    type Error = Caught;

    fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Caught> {
        Err(Caught)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Caught> {
        let Walker { keys, found, list } = self;
        match keys.split_first() {
            None => {
                *found = Some(Expected::Struct(fields));
                Err(Caught)
            }
            // A map of one entry: the derive reads the key and asks for its value's type.
            Some((key, rest)) => visitor.visit_map(OneEntry {
                key: Some(key),
                value: Some(Walker {
                    keys: rest,
                    found,
                    list,
                }),
            }),
        }
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        variants: &'static [&'static str],
        _visitor: V,
    ) -> Result<V::Value, Caught> {
        if self.keys.is_empty() {
            *self.found = Some(Expected::Enum(variants));
        }
        Err(Caught)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Caught> {
        visitor.visit_some(self)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Caught> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Caught> {
        if self.keys.is_empty() {
            *self.list = true;
        }
        visitor.visit_seq(OneElement(Some(self)))
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct tuple tuple_struct map identifier ignored_any
    }
}

/// One key whose value is walked further.
struct OneEntry<'a> {
    key: Option<&'a str>,
    value: Option<Walker<'a>>,
}

impl<'de> MapAccess<'de> for OneEntry<'_> {
    type Error = Caught;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Caught> {
        match self.key.take() {
            Some(key) => seed
                .deserialize(StrDeserializer::<Caught>::new(key))
                .map(Some),
            None => Ok(None),
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Caught> {
        match self.value.take() {
            Some(walker) => seed.deserialize(walker),
            None => Err(Caught),
        }
    }
}

/// A list of one element, walked further.
struct OneElement<'a>(Option<Walker<'a>>);

impl<'de> SeqAccess<'de> for OneElement<'_> {
    type Error = Caught;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Caught> {
        match self.0.take() {
            Some(walker) => seed.deserialize(walker).map(Some),
            None => Ok(None),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{json_schema, ActionItem, Incident, Link};
    use serde_json::Value;
    use std::collections::BTreeSet;

    #[test]
    fn lists_renamed_fields() {
        assert_eq!(struct_fields::<Link>(), &["title", "url"]);
        assert!(struct_fields::<ActionItem>().contains(&"type"));
    }

    #[test]
    fn follows_keys_through_lists_and_options_to_structs_and_enums() {
        assert!(fields_at::<Incident>(&["events"]).contains(&"caused_by"));
        assert!(fields_at::<Incident>(&["lessons"]).contains(&"went_well"));
        assert!(variants_at::<Incident>(&["events", "kind"]).contains(&"impact_start"));
        assert!(variants_at::<Incident>(&["vendor_actions", "status"]).contains(&"in_progress"));
        assert_eq!(expected_at::<Incident>(&["events", "title"]), None);
        assert_eq!(expected_at::<Incident>(&["no_such_key"]), None);
        assert_eq!(expected_at::<Incident>(&["tags", "x"]), None);
    }

    #[test]
    fn knows_where_lists_are() {
        assert!(Expected::is_list_at::<Incident>(&["parties"]));
        assert!(Expected::is_list_at::<Incident>(&["events", "caused_by"]));
        assert!(!Expected::is_list_at::<Incident>(&["impact"]));
        assert!(!Expected::is_list_at::<Incident>(&["events", "title"]));
    }

    /// Every object and enum the JSON Schema (schemars' own reading of the model) describes
    /// must be found by the walk with the same names: a nested struct without hints fails here.
    #[test]
    fn every_nested_struct_and_enum_of_the_model_has_its_names() {
        let schema: Value = serde_json::from_str(&json_schema()).expect("the schema is JSON");
        let mut places = Vec::new();
        walk_schema(&schema, &schema, &mut Vec::new(), &mut places);
        let structs = places.iter().filter(|(_, is_struct, _)| *is_struct).count();
        assert!(
            structs >= 9,
            "Incident and its 8 nested structs, found {structs}"
        );
        for (path, is_struct, names) in places {
            let keys: Vec<&str> = path.iter().map(String::as_str).collect();
            if keys == ["severity"] {
                // A level of the scale rootline.toml gives, not a variant of the model:
                // `check` names the allowed levels itself.
                assert_eq!(names.len(), crate::config::SEVERITY_NAMES.len());
                continue;
            }
            let found = if is_struct {
                fields_at::<Incident>(&keys)
            } else {
                variants_at::<Incident>(&keys)
            };
            let found: BTreeSet<String> = found.iter().map(|s| s.to_string()).collect();
            assert!(!found.is_empty(), "no names at {path:?}");
            assert_eq!(found, names, "names at {path:?}");
        }
    }

    type Place = (Vec<String>, bool, BTreeSet<String>);

    fn walk_schema(root: &Value, node: &Value, path: &mut Vec<String>, places: &mut Vec<Place>) {
        let node = resolve(root, node);
        if let Some(Value::Object(properties)) = node.get("properties") {
            places.push((path.clone(), true, properties.keys().cloned().collect()));
            for (key, property) in properties {
                path.push(key.clone());
                walk_schema(root, property, path, places);
                path.pop();
            }
        } else if let Some(Value::Array(variants)) = node.get("oneOf") {
            let names = variants
                .iter()
                .filter_map(|v| v.get("const").and_then(Value::as_str))
                .map(str::to_string)
                .collect();
            places.push((path.clone(), false, names));
        } else if let Some(Value::Array(names)) = node.get("enum") {
            let names = names.iter().filter_map(Value::as_str).map(str::to_string);
            places.push((path.clone(), false, names.collect()));
        }
    }

    /// Follows `$ref`, `allOf`/`anyOf` wrappers (options) and array items to the described type.
    fn resolve<'a>(root: &'a Value, node: &'a Value) -> &'a Value {
        if let Some(target) = node.get("$ref").and_then(Value::as_str) {
            let name = target.trim_start_matches("#/definitions/");
            return resolve(root, &root["definitions"][name]);
        }
        for wrapper in ["allOf", "anyOf"] {
            if let Some(Value::Array(options)) = node.get(wrapper) {
                if let Some(inner) = options
                    .iter()
                    .find(|o| o.get("type") != Some(&"null".into()))
                {
                    return resolve(root, inner);
                }
            }
        }
        match node.get("items") {
            Some(items) => resolve(root, items),
            None => node,
        }
    }
}
