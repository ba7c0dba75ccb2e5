//! Recovery: serde stops at a file's first problem; this reports it, repairs a copy
//! of the document and deserialises again, until the copy is an incident.
//!
//! So one run reports every problem of a file, and the per-file rules of `check`
//! still see an incident. A repair never invents data a rule could complain
//! about: a misspelled required key is renamed, a lone value where a list
//! belongs is wrapped, a wrong value is dropped, and only text, enums and
//! nested blocks are filled in (never ids, times or references). Where no
//! repair is safe, recovery stops and the file has no incident, as before.

use super::messages::{self, SerdeMessage};
use super::positions::{Segment, Target, YamlPath};
use super::yaml;
use crate::diagnostic::{did_you_mean, Code};
use crate::model::{self, Expected, Incident};
use serde_yaml::{Mapping, Value};
use std::collections::BTreeSet;

/// One problem found while repairing, at a path of the file as written.
#[derive(Debug, Clone)]
pub(super) struct Problem {
    /// Which check.
    pub code: Code,
    /// Where, in the file's own key names.
    pub path: YamlPath,
    /// The key or its value.
    pub target: Target,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub hint: Option<String>,
}

/// What recovery found: the problems, and the incident once the copy deserialised.
#[derive(Debug)]
pub(super) struct Recovered {
    /// The repaired incident; `None` when a problem had no safe repair.
    pub incident: Option<Incident>,
    /// Keys the model does not know: the path in the model's names (for hints), and in the file's.
    pub ignored: Vec<(YamlPath, YamlPath)>,
    /// Every problem, in the order serde met them.
    pub problems: Vec<Problem>,
}

/// More repairs than any file needs; a bound so that no document loops for ever.
const MAX_REPAIRS: usize = 500;

/// Bytes of YAML that recovery may parse again in all: each repair re-reads the whole
/// document, so a large file gets fewer repairs (but always a few).
const REPARSE_BUDGET: usize = 64 * 1024 * 1024;

/// Free-text fields, the only strings filled in (with a marker no rule reads as a mistake).
const TEXT_FIELDS: &[&str] = &["title", "summary", "description", "name", "owner"];

/// Repairs `value` (read from `text_len` bytes) one problem at a time; `None` when the
/// first problem has no repair.
pub(super) fn recover(mut value: Value, text_len: usize) -> Option<Recovered> {
    let mut repairs = Repairs::default();
    let rounds = (REPARSE_BUDGET / text_len.max(1)).clamp(10, MAX_REPAIRS);
    for _ in 0..rounds {
        let error = match yaml::deserialize_value(&value) {
            Ok((incident, ignored)) => {
                let ignored = ignored
                    .into_iter()
                    .map(|path| {
                        let written = repairs.as_written(&path);
                        (path, written)
                    })
                    .collect();
                return Some(repairs.finish(Some(incident), ignored));
            }
            Err(error) => error,
        };
        if !repairs.seen.insert(error.message.clone()) {
            break;
        }
        match repairs.repair(&mut value, &error.message) {
            Outcome::Repaired => {}
            Outcome::Stuck { reported } => {
                if repairs.problems.is_empty() {
                    return None;
                }
                if !reported {
                    repairs.report_unrepaired(&error.message);
                }
                break;
            }
        }
    }
    Some(repairs.finish(None, Vec::new()))
}

enum Outcome {
    Repaired,
    Stuck { reported: bool },
}

/// A required block filled in: the problem that reported it, and the keys it needed.
#[derive(Debug)]
struct FilledBlock {
    path: YamlPath,
    problem: usize,
    needed: Vec<String>,
}

#[derive(Debug, Default)]
struct Repairs {
    problems: Vec<Problem>,
    /// Keys renamed: the new path and the key as written.
    renames: Vec<(YamlPath, String)>,
    /// Paths already reported, whose value was dropped or replaced.
    reported: BTreeSet<YamlPath>,
    filled_blocks: Vec<FilledBlock>,
    /// serde messages met so far; one met twice means a repair did not take.
    seen: BTreeSet<String>,
}

impl Repairs {
    fn repair(&mut self, value: &mut Value, message: &str) -> Outcome {
        let error = SerdeMessage::parse(message);
        let path = parse_path(error.path);
        if let Some(field) = error.missing_field() {
            return self.missing(value, &path, field);
        }
        if let Some((given, allowed)) = error.unknown_variant() {
            let hint = did_you_mean(given, allowed.iter().copied())
                .or_else(|| Some(format!("allowed: {}", allowed.join(", "))));
            let message = format!("{}'{given}' is not an allowed value", prefix(error.path));
            self.report(Code::InvalidEnum, &path, Target::Value, message, hint);
            let Some(first) = allowed.first() else {
                return Outcome::Stuck { reported: true };
            };
            return match value_at(value, &path) {
                Some(slot) => {
                    *slot = Value::String(first.to_string());
                    Outcome::Repaired
                }
                None => Outcome::Stuck { reported: true },
            };
        }
        if error.is_type_mismatch() {
            return self.mismatch(value, &path, &error);
        }
        Outcome::Stuck { reported: false }
    }

    /// A value of the wrong type: reported in our words, then replaced by a stand-in or dropped.
    fn mismatch(&mut self, value: &mut Value, path: &YamlPath, error: &SerdeMessage) -> Outcome {
        // A file that is not a mapping at all has nothing to repair.
        if path.0.is_empty() {
            return Outcome::Stuck { reported: false };
        }
        let (Some(expected), Some(found)) = (error.expected(), value_at(value, path)) else {
            return Outcome::Stuck { reported: false };
        };
        let written = self.as_written(path).to_string();
        let (message, hint) = messages::type_mismatch(&written, expected, found);
        self.report(Code::TypeMismatch, path, Target::Value, message, hint);
        if let Some(replacement) = stand_in(path, expected, found) {
            *found = replacement;
            return Outcome::Repaired;
        }
        // Only a key is dropped: dropping a list item would move the items after it,
        // and the rules would then point at their neighbours.
        match split_last_key(path) {
            Some((parent, key)) => match value_at(value, &parent) {
                Some(Value::Mapping(mapping)) => {
                    mapping.remove(key);
                    Outcome::Repaired
                }
                _ => Outcome::Stuck { reported: true },
            },
            None => Outcome::Stuck { reported: true },
        }
    }

    /// A required key is missing: a misspelled key is renamed, else it is reported and filled in.
    fn missing(&mut self, value: &mut Value, parent: &YamlPath, field: &str) -> Outcome {
        let path = parent.key(field);
        let silent = self.reported.contains(&path);
        let block = self.filled_blocks.iter().position(|b| &b.path == parent);
        if let Some(block) = block {
            self.filled_blocks[block].needed.push(field.to_string());
        }
        if !silent && block.is_none() {
            if let Some(written) = self.rename_near_miss(value, parent, field) {
                let hint = format!("did you mean '{field}'? '{field}' is required and missing");
                let message = format!(
                    "unknown key '{written}' in {}",
                    describe_parent(&self.as_written(parent))
                );
                let at = self.as_written(parent).key(&written);
                self.problems.push(Problem {
                    code: Code::UnknownKey,
                    path: at,
                    target: Target::Key,
                    message,
                    hint: Some(hint),
                });
                return Outcome::Repaired;
            }
            let message = format!(
                "{}missing required key '{field}'",
                prefix(&self.as_written(parent).to_string())
            );
            self.report(Code::MissingKey, parent, Target::Value, message, None);
            self.reported.insert(path.clone());
        }
        // Reported by now: here, by the repair that dropped it, or with its block.
        let Some(filler) = filler(&path) else {
            return Outcome::Stuck { reported: true };
        };
        if matches!(filler, Value::Mapping(_)) && !silent && block.is_none() {
            self.filled_blocks.push(FilledBlock {
                path: path.clone(),
                problem: self.problems.len() - 1,
                needed: Vec::new(),
            });
        }
        match value_at(value, parent) {
            Some(Value::Mapping(mapping)) => {
                mapping.insert(Value::String(field.to_string()), filler);
                Outcome::Repaired
            }
            _ => Outcome::Stuck { reported: true },
        }
    }

    /// Renames the unknown key of `parent` closest to `field`, if one is close; returns its name.
    fn rename_near_miss(
        &mut self,
        value: &mut Value,
        parent: &YamlPath,
        field: &str,
    ) -> Option<String> {
        let known = model::fields_at::<Incident>(&keys_of(parent));
        let Some(Value::Mapping(mapping)) = value_at(value, parent) else {
            return None;
        };
        let unknown: Vec<&str> = mapping
            .keys()
            .filter_map(Value::as_str)
            .filter(|key| !known.contains(key) && !key.starts_with("x-"))
            .collect();
        let suggestion = did_you_mean(field, unknown.iter().copied())?;
        let written = suggestion
            .strip_prefix("did you mean '")?
            .strip_suffix("'?")?
            .to_string();
        let moved = mapping.remove(written.as_str())?;
        mapping.insert(Value::String(field.to_string()), moved);
        self.renames.push((parent.key(field), written.clone()));
        Some(written)
    }

    fn report(
        &mut self,
        code: Code,
        path: &YamlPath,
        target: Target,
        message: String,
        hint: Option<String>,
    ) {
        self.reported.insert(path.clone());
        self.problems.push(Problem {
            code,
            path: self.as_written(path),
            target,
            message,
            hint,
        });
    }

    /// The last problem had no repair: reported as `classify` words it, where serde put it.
    fn report_unrepaired(&mut self, message: &str) {
        let error = SerdeMessage::parse(message);
        let path = parse_path(error.path);
        let (code, message, hint) = messages::classify("-", message);
        self.report(code, &path, Target::Value, message, hint);
    }

    /// `path` (in the repaired copy's names) with renamed keys as the file writes them.
    fn as_written(&self, path: &YamlPath) -> YamlPath {
        let mut written = path.clone();
        for (renamed, original) in self.renames.iter().rev() {
            let depth = renamed.0.len();
            if written.0.len() >= depth && written.0[..depth] == renamed.0[..] {
                written.0[depth - 1] = Segment::Key(original.clone());
            }
        }
        written
    }

    fn finish(
        mut self,
        incident: Option<Incident>,
        ignored: Vec<(YamlPath, YamlPath)>,
    ) -> Recovered {
        for block in &self.filled_blocks {
            let field = block.path.last_key().unwrap_or_default();
            let optional: Vec<String> = model::fields_at::<Incident>(&keys_of(&block.path))
                .iter()
                .filter(|name| !block.needed.iter().any(|needed| needed == *name))
                .map(|name| format!("`{name}:`"))
                .collect();
            let needed: Vec<String> = block.needed.iter().map(|n| format!("`{n}:`")).collect();
            let mut hint = format!("add `{field}:` with {}", needed.join(", "));
            if !optional.is_empty() {
                hint.push_str(&format!(" (it may also have {})", optional.join(", ")));
            }
            if let Some(problem) = self.problems.get_mut(block.problem) {
                problem.hint = Some(hint);
            }
        }
        Recovered {
            incident,
            ignored,
            problems: self.problems,
        }
    }
}

/// A value of the expected type for a wrong one, chosen so that no rule reports it again:
/// a lone value wrapped in a list, zero, false, an empty block, marked text.
///
/// A number or flag that is only dropped would leave a warning ("customers is not
/// given") that goes away once the value is written right; a stand-in does not.
fn stand_in(path: &YamlPath, expected: &str, found: &Value) -> Option<Value> {
    let is_scalar = matches!(found, Value::String(_) | Value::Number(_) | Value::Bool(_));
    let key = path.last_key();
    match expected {
        "a sequence" if is_scalar => Some(Value::Sequence(vec![found.clone()])),
        // An empty timeline or party list would bring warnings of its own.
        "a sequence" if !matches!(key, Some("events" | "parties")) => {
            Some(Value::Sequence(Vec::new()))
        }
        "u64" | "u32" | "usize" => Some(Value::Number(0.into())),
        "a boolean" => Some(Value::Bool(false)),
        "a map" => Some(Value::Mapping(Mapping::new())),
        struct_name if struct_name.starts_with("struct ") => Some(Value::Mapping(Mapping::new())),
        "a string" => key
            .filter(|key| TEXT_FIELDS.contains(key) || *key == "details")
            .map(|_| Value::String("(missing)".to_string())),
        _ => None,
    }
}

/// A stand-in for a missing required value: an empty block, an enum's first name, or marked text.
fn filler(path: &YamlPath) -> Option<Value> {
    let keys = keys_of(path);
    // An empty timeline or party list would bring warnings and errors of its own.
    if Expected::is_list_at::<Incident>(&keys) {
        return None;
    }
    match model::expected_at::<Incident>(&keys) {
        Some(Expected::Struct(_)) => Some(Value::Mapping(Mapping::new())),
        Some(Expected::Enum(names)) => names.first().map(|name| Value::String(name.to_string())),
        None => path
            .last_key()
            .filter(|key| TEXT_FIELDS.contains(key))
            .map(|_| Value::String("(missing)".to_string())),
    }
}

/// serde_yaml's path (`events[2].caused_by[0]`) as a path; a path never holds a space.
fn parse_path(text: &str) -> YamlPath {
    let mut path = YamlPath::root();
    for part in text.split('.').filter(|part| !part.is_empty()) {
        let mut pieces = part.split('[');
        if let Some(key) = pieces.next().filter(|key| !key.is_empty()) {
            path = path.key(key);
        }
        for index in pieces {
            if let Ok(index) = index.trim_end_matches(']').parse() {
                path = path.index(index);
            }
        }
    }
    path
}

fn keys_of(path: &YamlPath) -> Vec<&str> {
    path.0
        .iter()
        .filter_map(|segment| match segment {
            Segment::Key(key) => Some(key.as_str()),
            Segment::Index(_) => None,
        })
        .collect()
}

fn split_last_key(path: &YamlPath) -> Option<(YamlPath, &str)> {
    let key = path.last_key()?;
    Some((YamlPath(path.0[..path.0.len() - 1].to_vec()), key))
}

fn value_at<'v>(value: &'v mut Value, path: &YamlPath) -> Option<&'v mut Value> {
    let mut current = value;
    for segment in &path.0 {
        current = match (segment, current) {
            (Segment::Key(key), Value::Mapping(mapping)) => mapping.get_mut(key.as_str())?,
            (Segment::Index(index), Value::Sequence(items)) => items.get_mut(*index)?,
            _ => return None,
        };
    }
    Some(current)
}

fn prefix(path: &str) -> String {
    if path.is_empty() {
        String::new()
    } else {
        format!("{path}: ")
    }
}

/// How messages name the mapping that holds a key.
pub(super) fn describe_parent(parent: &YamlPath) -> String {
    if parent.0.is_empty() {
        "the incident".to_string()
    } else {
        format!("'{parent}'")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serde_paths_parse_into_keys_and_indices() {
        let path = parse_path("events[2].caused_by[0]");
        assert_eq!(path, YamlPath::field("events", 2, "caused_by").index(0));
        assert_eq!(parse_path(""), YamlPath::root());
    }

    #[test]
    fn a_misspelled_required_key_is_renamed_and_reported_at_its_own_name() {
        let text = "title: x\nstatus: draft\nseverity: SEV2\nsumary: s\nimpact: {description: d}\nparties: []\nevents: []\n";
        let value = yaml::parse_value(text).expect("YAML");
        let recovered = recover(value, text.len()).expect("a repair");
        assert!(recovered.incident.is_some());
        let problem = &recovered.problems[0];
        assert_eq!(problem.path.to_string(), "sumary");
        assert_eq!(problem.message, "unknown key 'sumary' in the incident");
        assert_eq!(
            problem.hint.as_deref(),
            Some("did you mean 'summary'? 'summary' is required and missing")
        );
    }
}
