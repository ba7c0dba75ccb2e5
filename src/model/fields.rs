//! The field names serde expects for a struct, for "did you mean" hints.
//!
//! A tiny deserializer that only answers `deserialize_struct`: derive(Deserialize)
//! hands it the list of field names, so the hints can never drift from the model.

use serde::de::{self, Deserialize, Deserializer, Visitor};
use std::fmt;

/// The field names of `T` as serde sees them (after renames).
pub fn struct_fields<'de, T: Deserialize<'de>>() -> &'static [&'static str] {
    let mut fields: &'static [&'static str] = &[];
    let _ = T::deserialize(FieldCatcher {
        fields: &mut fields,
    });
    fields
}

struct FieldCatcher<'a> {
    fields: &'a mut &'static [&'static str],
}

#[derive(Debug)]
struct Caught;

impl fmt::Display for Caught {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("field names caught")
    }
}

impl std::error::Error for Caught {}

impl de::Error for Caught {
    fn custom<T: fmt::Display>(_: T) -> Self {
        Caught
    }
}

impl<'de> Deserializer<'de> for FieldCatcher<'_> {
    type Error = Caught;

    fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Caught> {
        Err(Caught)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        _visitor: V,
    ) -> Result<V::Value, Caught> {
        *self.fields = fields;
        Err(Caught)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map enum identifier ignored_any
    }
}

#[cfg(test)]
mod tests {
    use super::struct_fields;
    use crate::model::{ActionItem, Link};

    #[test]
    fn lists_renamed_fields() {
        assert_eq!(struct_fields::<Link>(), &["title", "url"]);
        assert!(struct_fields::<ActionItem>().contains(&"type"));
    }
}
