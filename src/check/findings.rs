//! Findings: diagnostics that still carry a YAML path instead of a position.

use crate::diagnostic::{Code, Diagnostic};
use crate::load::positions::{SpanMap, Target, YamlPath};
use std::path::Path;

/// A problem found at a path, before its position is looked up.
#[derive(Debug, Clone)]
pub struct Finding {
    /// Which check.
    pub code: Code,
    /// What is wrong.
    pub message: String,
    /// Where, as a path into the document.
    pub path: YamlPath,
    /// Key or value.
    pub target: Target,
    /// How to fix it.
    pub hint: Option<String>,
    /// Another place the message names by its line (the first of two equal ids): each
    /// [`OTHER_LINE`] in the message and hint becomes that line's number once it is known.
    pub other: Option<YamlPath>,
}

/// Stands in a message or hint for the line of a finding's `other` place.
pub const OTHER_LINE: &str = "{other line}";

/// Collects findings for one file.
#[derive(Debug, Default)]
pub struct Findings {
    /// What was found, in the order the rules ran.
    pub found: Vec<Finding>,
    /// Warnings the incident accepts (its `allow`): still reported, marked accepted.
    accepted: Vec<Code>,
}

impl Findings {
    /// Records a problem with the value at `path`.
    pub fn value(&mut self, code: Code, path: YamlPath, message: String, hint: Option<String>) {
        self.found.push(Finding {
            code,
            message,
            path,
            target: Target::Value,
            hint,
            other: None,
        });
    }

    /// Records a problem with the key at the end of `path` (a key with no value, or an empty one).
    pub fn key(&mut self, code: Code, path: YamlPath, message: String, hint: Option<String>) {
        self.found.push(Finding {
            code,
            message,
            path,
            target: Target::Key,
            hint,
            other: None,
        });
    }

    /// Records a problem with `len` bytes from byte `offset` of the text at `path`.
    pub fn within(
        &mut self,
        code: Code,
        path: YamlPath,
        (offset, len): (usize, usize),
        message: String,
        hint: Option<String>,
    ) {
        self.found.push(Finding {
            code,
            message,
            path,
            target: Target::Within { offset, len },
            hint,
            other: None,
        });
    }

    /// Records a problem with the value at `path` whose message (or hint) names the line of
    /// `other` by [`OTHER_LINE`].
    pub fn value_and_other(
        &mut self,
        code: Code,
        path: YamlPath,
        other: YamlPath,
        message: String,
        hint: Option<String>,
    ) {
        self.found.push(Finding {
            code,
            message,
            path,
            target: Target::Value,
            hint,
            other: Some(other),
        });
    }

    /// Whether any finding is an error.
    pub fn has_errors(&self) -> bool {
        self.found
            .iter()
            .any(|f| f.code.level() == crate::diagnostic::Level::Error)
    }

    /// Marks warnings of `code` as accepted by the incident.
    pub fn accept(&mut self, code: Code) {
        self.accepted.push(code);
    }

    /// Diagnostics without positions (when only their count matters).
    pub fn into_unplaced(self, file: &Path) -> Vec<Diagnostic> {
        let accepted = self.accepted;
        self.found
            .into_iter()
            .map(|f| {
                // Only counted, never shown: the other line is not looked up.
                let fill = |text: String| text.replace(OTHER_LINE, "?");
                Diagnostic::new(f.code, fill(f.message), file)
                    .with_hint(f.hint.map(fill))
                    .accepted(accepted.contains(&f.code))
            })
            .collect()
    }

    /// Turns the findings into diagnostics, parsing `text` for positions only if there are any.
    pub fn into_diagnostics(self, file: &Path, text: &str) -> Vec<Diagnostic> {
        if self.found.is_empty() {
            return Vec::new();
        }
        let spans = SpanMap::new(text);
        let accepted = self.accepted;
        self.found
            .into_iter()
            .map(|f| {
                let line = f.other.as_ref().map_or(String::new(), |other| {
                    spans.locate(other, Target::Value).line.to_string()
                });
                let fill = |text: String| text.replace(OTHER_LINE, &line);
                Diagnostic::new(f.code, fill(f.message), file)
                    .at(Some(spans.locate(&f.path, f.target)))
                    .with_hint(f.hint.map(fill))
                    .accepted(accepted.contains(&f.code))
            })
            .collect()
    }
}
