//! The one place that knows the YAML backend (serde_yaml).

use super::positions::{Segment, YamlPath};
use crate::model::Incident;

/// A deserialisation failure with the parser's position.
#[derive(Debug, Clone)]
pub struct YamlError {
    /// The parser's message, without its position suffix.
    pub message: String,
    /// 1-based line and column, when the parser knows them.
    pub location: Option<(usize, usize)>,
}

/// Deserialises one incident, collecting the paths of keys the model does not know.
pub fn deserialize(text: &str) -> Result<(Incident, Vec<YamlPath>), YamlError> {
    let mut ignored = Vec::new();
    let deserializer = serde_yaml::Deserializer::from_str(text);
    let result = serde_ignored::deserialize(deserializer, |path| ignored.push(convert(&path)));
    match result {
        Ok(incident) => Ok((incident, ignored)),
        Err(error) => Err(from_serde(&error)),
    }
}

/// Parses a document into a generic YAML value, for repairs before deserialising again.
pub fn parse_value(text: &str) -> Result<serde_yaml::Value, YamlError> {
    serde_yaml::from_str(text).map_err(|error| from_serde(&error))
}

/// Deserialises a (repaired) value; messages keep their paths, positions are the value's own.
pub fn deserialize_value(
    value: &serde_yaml::Value,
) -> Result<(Incident, Vec<YamlPath>), YamlError> {
    // Only serde_yaml's own deserializer puts paths (`events[2].kind`) into its messages.
    let text = serde_yaml::to_string(value).map_err(|error| from_serde(&error))?;
    deserialize(&text).map_err(|error| YamlError {
        location: None,
        ..error
    })
}

fn from_serde(error: &serde_yaml::Error) -> YamlError {
    YamlError {
        location: error.location().map(|l| (l.line(), l.column())),
        message: strip_location(&error.to_string()),
    }
}

/// Removes serde_yaml's " at line N column M" (we report positions separately).
fn strip_location(message: &str) -> String {
    let Some(start) = message.find(" at line ") else {
        return message.to_string();
    };
    let rest = &message[start + " at line ".len()..];
    let after_line = rest.trim_start_matches(|c: char| c.is_ascii_digit());
    let after_column = after_line
        .strip_prefix(" column ")
        .map(|r| r.trim_start_matches(|c: char| c.is_ascii_digit()))
        .unwrap_or(after_line);
    strip_location(&format!("{}{}", &message[..start], after_column))
}

fn convert(path: &serde_ignored::Path<'_>) -> YamlPath {
    let mut segments = Vec::new();
    let mut current = path;
    loop {
        current = match current {
            serde_ignored::Path::Root => break,
            serde_ignored::Path::Seq { parent, index } => {
                segments.push(Segment::Index(*index));
                parent
            }
            serde_ignored::Path::Map { parent, key } => {
                segments.push(Segment::Key(key.clone()));
                parent
            }
            serde_ignored::Path::Some { parent }
            | serde_ignored::Path::NewtypeStruct { parent }
            | serde_ignored::Path::NewtypeVariant { parent } => parent,
        };
    }
    segments.reverse();
    YamlPath(segments)
}
