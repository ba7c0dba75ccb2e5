//! serde_yaml's messages in our words: codes, messages for people and hints.

use super::yaml;
use super::LoadedFile;
use crate::diagnostic::{did_you_mean, Code, Diagnostic, Position};
use crate::model::{self, Incident};
use serde_yaml::Value;

/// The diagnostic for a deserialisation error that could not be recovered from.
pub(super) fn yaml_diagnostic(loaded: &LoadedFile, error: yaml::YamlError) -> Diagnostic {
    let (code, message, hint) = classify(&loaded.text, &error.message);
    let position = error.location.map(|(line, column)| {
        let offset = line_column_offset(&loaded.text, line, column);
        let len = loaded.text[offset..]
            .find(['\n', ',', ']', '}'])
            .unwrap_or(loaded.text.len() - offset)
            .max(1);
        Position {
            line,
            column,
            offset,
            len,
        }
    });
    Diagnostic::new(code, message, &loaded.file.path)
        .at(position.or(Some(Position::at_offset(&loaded.text, 0))))
        .with_hint(hint)
}

fn line_column_offset(text: &str, line: usize, column: usize) -> usize {
    let line_start = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum::<usize>()
        .min(text.len());
    text[line_start..]
        .char_indices()
        .nth(column.saturating_sub(1))
        .map_or(text.len(), |(i, _)| line_start + i)
}

/// Turns a serde_yaml message into a code, a message for people and a hint.
///
/// The message is `path: what`; `what` is matched only at its start against the
/// texts serde's `de::Error` defaults and serde_yaml write, so a value quoted
/// inside a message cannot be taken for one of them. Names come from the model.
pub(super) fn classify(text: &str, message: &str) -> (Code, String, Option<String>) {
    if text.trim().is_empty() {
        return (
            Code::YamlSyntax,
            "the file is empty".to_string(),
            Some("an incident needs at least title, status, severity, summary, impact, parties and events (try `rootline new`)".to_string()),
        );
    }
    let error = SerdeMessage::parse(message);
    let prefix = &message[..message.len() - error.what.len()];
    if let Some(field) = error.missing_field() {
        let message = format!("{prefix}missing required key '{field}'");
        return (Code::MissingKey, message, None);
    }
    if let Some((value, allowed)) = error.unknown_variant() {
        let hint = did_you_mean(value, allowed.iter().copied())
            .or_else(|| Some(format!("allowed: {}", allowed.join(", "))));
        let message = format!("{prefix}'{value}' is not an allowed value");
        return (Code::InvalidEnum, message, hint);
    }
    if error.what.starts_with("repetition limit exceeded") {
        return (
            Code::LimitExceeded,
            "aliases expand to far more data than the file holds (an alias bomb?)".to_string(),
            Some("write the values out instead of repeating aliases".to_string()),
        );
    }
    if error.what.starts_with("recursion limit exceeded") {
        return (
            Code::LimitExceeded,
            "collections are nested too deeply for the YAML reader".to_string(),
            None,
        );
    }
    if error.keys.is_empty() && error.what.ends_with("expected struct Incident") {
        return (
            Code::TypeMismatch,
            "an incident file must be a mapping of keys (title, status, ...)".to_string(),
            None,
        );
    }
    if let (true, Some(expected)) = (error.is_type_mismatch(), error.expected()) {
        if let Some(found) = found_from_serde(error.what, expected) {
            let (message, hint) = type_mismatch(error.path, expected, &found);
            return (Code::TypeMismatch, message, hint);
        }
        return (Code::TypeMismatch, message.to_string(), None);
    }
    (Code::YamlSyntax, message.to_string(), None)
}

/// A serde_yaml message taken apart: the model keys of its path and what went wrong.
pub(super) struct SerdeMessage<'a> {
    /// The path serde_yaml puts first (`events[2].kind`), empty at the top level.
    pub path: &'a str,
    /// The keys of the path serde_yaml puts first (`events[2].kind`), indices left out.
    pub keys: Vec<&'a str>,
    /// The rest: serde's own text, e.g. "missing field `at`".
    pub what: &'a str,
}

impl<'a> SerdeMessage<'a> {
    /// Splits `events[2].kind: unknown variant ...`; a path never holds a space.
    pub fn parse(message: &'a str) -> Self {
        let word = message
            .split(char::is_whitespace)
            .next()
            .unwrap_or_default();
        let (path, what) = match (
            word.strip_suffix(':'),
            message[word.len()..].strip_prefix(' '),
        ) {
            (Some(path), Some(what)) if !path.is_empty() => (path, what),
            _ => ("", message),
        };
        let keys = path
            .split('.')
            .map(|segment| segment.split('[').next().unwrap_or_default())
            .filter(|key| !key.is_empty())
            .collect();
        SerdeMessage { path, keys, what }
    }

    /// Whether serde found a value of the wrong type or range.
    pub fn is_type_mismatch(&self) -> bool {
        self.what.starts_with("invalid type: ") || self.what.starts_with("invalid value: ")
    }

    /// What serde expected, the end of "invalid type: ..., expected u64".
    pub fn expected(&self) -> Option<&'a str> {
        self.what
            .rsplit_once(", expected ")
            .map(|(_, expected)| expected)
    }

    /// The field of serde's "missing field `name`".
    pub fn missing_field(&self) -> Option<&'a str> {
        self.what.strip_prefix("missing field `")?.strip_suffix('`')
    }

    /// The value and the allowed names of serde's "unknown variant `value`, expected ...".
    ///
    /// The names are the model's enum at the path, and the value is what stands between
    /// the fixed start and serde's list of exactly those names, backticks and all.
    pub fn unknown_variant(&self) -> Option<(&'a str, Vec<&'a str>)> {
        let rest = self.what.strip_prefix("unknown variant `")?;
        let allowed = model::variants_at::<Incident>(&self.keys);
        if !allowed.is_empty() {
            let tail = format!("`, expected {}", one_of(allowed));
            if let Some(value) = rest.strip_suffix(tail.as_str()) {
                return Some((value, allowed.to_vec()));
            }
        }
        // A place the model walk does not reach: read the names off the message.
        let mut parts = rest.split('`');
        let value = parts.next().unwrap_or_default();
        Some((value, parts.skip(1).step_by(2).collect()))
    }
}

/// serde's wording of a list of expected names (`de::Error::unknown_variant`).
fn one_of(names: &[&str]) -> String {
    let quoted: Vec<String> = names.iter().map(|name| format!("`{name}`")).collect();
    match quoted.as_slice() {
        [] => "there are no variants".to_string(),
        [one] => one.clone(),
        [a, b] => format!("{a} or {b}"),
        _ => format!("one of {}", quoted.join(", ")),
    }
}

/// A type mismatch in our words: what belongs at `path`, what was found, and how to write it.
///
/// `expected` is serde's name of the type (`u64`, `a sequence`); `found` is the
/// value the file holds there.
pub(super) fn type_mismatch(path: &str, expected: &str, found: &Value) -> (String, Option<String>) {
    let prefix = if path.is_empty() {
        String::new()
    } else {
        format!("{path}: ")
    };
    let wanted = expected_in_words(expected);
    let message = format!("{prefix}expected {wanted}, found {}", found_in_words(found));
    let hint = match (wanted, found) {
        (WHOLE_NUMBER, Value::String(text)) if is_separated_number(text) => Some(format!(
            "write a whole number without separators: {}",
            text.replace([',', '_', ' ', '\''], "")
        )),
        (WHOLE_NUMBER, _) => {
            Some("write a whole number without separators, such as 1200".to_string())
        }
        (LIST, Value::String(_) | Value::Number(_) | Value::Bool(_)) => Some(format!(
            "write a list: `[{}]`",
            scalar_text(found).unwrap_or_default()
        )),
        (TEXT, Value::Sequence(_) | Value::Mapping(_)) => {
            Some("write the text on one line; quote it if it starts with '[' or '{'".to_string())
        }
        (YES_OR_NO, _) => Some("write true or false".to_string()),
        _ => None,
    };
    (message, hint)
}

const WHOLE_NUMBER: &str = "a whole number";
const LIST: &str = "a list";
const TEXT: &str = "text";
const YES_OR_NO: &str = "true or false";

/// serde's names of types (`de::Expected` of the std types and of derives) for people.
fn expected_in_words(expected: &str) -> &str {
    match expected {
        "u8" | "u16" | "u32" | "u64" | "u128" | "usize" | "i8" | "i16" | "i32" | "i64" | "i128"
        | "isize" => WHOLE_NUMBER,
        "a sequence" => LIST,
        "a string" | "a borrowed string" | "a character" => TEXT,
        "a boolean" => YES_OR_NO,
        "a map" => "a mapping of keys",
        other if other.starts_with("struct ") => "a mapping of keys",
        other => other,
    }
}

/// A value as a reader of the file would name it.
fn found_in_words(found: &Value) -> String {
    match scalar_text(found) {
        Some(text) if matches!(found, Value::String(_)) => format!("'{text}'"),
        Some(text) => text,
        None => match found {
            Value::Sequence(_) => "a list".to_string(),
            Value::Mapping(_) => "a mapping".to_string(),
            Value::Tagged(tagged) => format!("a value tagged {}", tagged.tag),
            _ => "an empty value".to_string(),
        },
    }
}

/// The text of a scalar as written (strings unquoted).
fn scalar_text(value: &Value) -> Option<String> {
    match value {
        Value::String(text) => Some(text.clone()),
        Value::Number(number) => Some(number.to_string()),
        Value::Bool(flag) => Some(flag.to_string()),
        _ => None,
    }
}

/// Digits grouped by separators, such as `4,200` or `1_000_000`.
fn is_separated_number(text: &str) -> bool {
    let digits = text.chars().filter(char::is_ascii_digit).count();
    digits > 0
        && text
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ',' | '_' | ' ' | '\''))
}

/// The value serde names in "invalid type: sequence, expected ..." (`de::Unexpected`),
/// as far as the message tells it; `None` for anything else.
fn found_from_serde(what: &str, expected: &str) -> Option<Value> {
    let found = what
        .strip_prefix("invalid type: ")
        .or_else(|| what.strip_prefix("invalid value: "))?
        .strip_suffix(expected)?
        .strip_suffix(", expected ")?;
    let quoted = |kind: &str| {
        found
            .strip_prefix(kind)
            .and_then(|rest| rest.strip_prefix('`'))
            .and_then(|rest| rest.strip_suffix('`'))
    };
    match found {
        "sequence" => Some(Value::Sequence(Vec::new())),
        "map" => Some(Value::Mapping(serde_yaml::Mapping::new())),
        "unit value" => Some(Value::Null),
        _ => {
            if let Some(text) = found
                .strip_prefix("string \"")
                .and_then(|r| r.strip_suffix('"'))
            {
                return Some(Value::String(text.replace("\\\"", "\"")));
            }
            if let Some(number) = quoted("integer ").or_else(|| quoted("floating point ")) {
                return serde_yaml::from_str::<Value>(number).ok();
            }
            quoted("boolean ").map(|flag| Value::Bool(flag == "true"))
        }
    }
}
