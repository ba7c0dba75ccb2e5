//! The JSON Schema of format v1 (draft-07, which yaml-language-server understands).

use super::Incident;
use schemars::generate::SchemaSettings;
use serde_json::{Map, Value};

const ID_PATTERN: &str = "^[a-z0-9][a-z0-9-]*$";
/// Keys whose values are ids or slugs (checked by rootline too, with positions).
const ID_KEYS: [&str; 4] = ["id", "category", "vendor", "actor"];
const ID_LISTS: [&str; 4] = ["caused_by", "addresses", "related", "tags"];

/// The schema as pretty JSON with a final newline.
pub fn json_schema() -> String {
    schema_text(&json_schema_value())
}

/// `schema` as pretty JSON with a final newline.
pub fn schema_text(schema: &Value) -> String {
    let mut text = serde_json::to_string_pretty(schema).unwrap_or_default();
    text.push('\n');
    text
}

/// The schema as a JSON value, for a caller that adds to it.
pub fn json_schema_value() -> Value {
    let generator = SchemaSettings::draft07().into_generator();
    let schema = generator.into_root_schema_for::<Incident>();
    let mut value = serde_json::to_value(&schema).unwrap_or(Value::Null);
    if let Value::Object(root) = &mut value {
        root.insert(
            "title".into(),
            Value::String("rootline incident, format version 1".into()),
        );
    }
    tighten(&mut value);
    value
}

/// Objects accept only their own keys and `x-` extensions; ids get their pattern.
fn tighten(value: &mut Value) {
    match value {
        Value::Object(map) => {
            if map.contains_key("properties") {
                map.insert("additionalProperties".into(), Value::Bool(false));
                let mut extensions = Map::new();
                extensions.insert("^x-".into(), Value::Object(Map::new()));
                map.insert("patternProperties".into(), Value::Object(extensions));
                if let Some(Value::Object(properties)) = map.get_mut("properties") {
                    for (key, property) in properties.iter_mut() {
                        add_pattern(key, property);
                    }
                }
            }
            for child in map.values_mut() {
                tighten(child);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(tighten),
        _ => {}
    }
}

fn add_pattern(key: &str, property: &mut Value) {
    let pattern = Value::String(ID_PATTERN.into());
    let Value::Object(map) = property else { return };
    if ID_KEYS.contains(&key) {
        map.insert("pattern".into(), pattern);
    } else if ID_LISTS.contains(&key) {
        if let Some(Value::Object(items)) = map.get_mut("items") {
            items.insert("pattern".into(), pattern);
        }
    }
}
