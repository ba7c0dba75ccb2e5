//! `rootline schema` inside a repository: the incident format's JSON Schema with the
//! repository's own lists from rootline.toml as enums, so that an editor completes them.

use crate::config::{Config, Described};
use serde_json::{json, Value};

/// `value` (the format's JSON Schema) with the scale and vocabularies of `config`.
pub fn with_settings(mut value: Value, config: &Config) -> String {
    let definitions = &mut value["definitions"];
    let vocabulary = &config.vocabulary;
    if let Some(categories) = &vocabulary.categories {
        let category = &mut definitions["Cause"]["properties"]["category"];
        listed(category, categories);
        // The key may be left out or null, so null stays allowed.
        if let Some(Value::Array(names)) = category.get_mut("enum") {
            names.push(Value::Null);
        }
    }
    if let Some(services) = &vocabulary.services {
        listed(
            &mut definitions["Impact"]["properties"]["services"]["items"],
            services,
        );
    }
    if let Some(owners) = &vocabulary.owners {
        listed(
            &mut definitions["ActionItem"]["properties"]["owner"],
            owners,
        );
    }
    if !config.severities.defined().is_empty() {
        definitions["Severity"]["oneOf"] = config
            .severities
            .defined()
            .iter()
            .map(|(name, meaning)| json!({"const": name, "description": meaning, "type": "string"}))
            .collect();
    }
    crate::model::schema_text(&value)
}

/// Makes `property` one of `list`'s names, each described as the list describes it.
fn listed(property: &mut Value, list: &Described) {
    property["enum"] = list.names().map(Value::from).collect();
    // Editors (VS Code's YAML and JSON support) show these beside each completion.
    property["enumDescriptions"] = list
        .0
        .iter()
        .map(|(_, d)| Value::from(d.as_str()))
        .collect();
}
