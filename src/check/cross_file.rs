//! Rules across files: duplicate incident ids and `related` naming unknown incidents.

use super::paths;
use crate::diagnostic::{did_you_mean, Code, Diagnostic, Level, Position};
use crate::load::positions::{SpanMap, Target, YamlPath};
use crate::model::Validated;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::PathBuf;

/// A finding of a rule across files, not yet placed in its file.
#[derive(Debug, Clone)]
pub struct CrossFinding {
    file: PathBuf,
    code: Code,
    path: YamlPath,
    message: String,
    hint: Option<String>,
}

impl CrossFinding {
    /// The file the finding points into.
    pub fn file(&self) -> &PathBuf {
        &self.file
    }

    /// The diagnostic, placed in the file's text (kept in `sources`, read if missing).
    pub fn place(self, sources: &mut HashMap<PathBuf, String>) -> Diagnostic {
        let text = sources
            .entry(self.file.clone())
            .or_insert_with(|| std::fs::read_to_string(&self.file).unwrap_or_default());
        let position: Position = SpanMap::new(text).locate(&self.path, Target::Value);
        Diagnostic::new(self.code, self.message, self.file)
            .at(Some(position))
            .with_hint(self.hint)
    }
}

/// What the rules across files found.
pub struct CrossFile {
    /// The findings, in incident order.
    pub findings: Vec<CrossFinding>,
    /// `dropped[i]`: incident `i` failed a rule and stays off the site.
    pub dropped: Vec<bool>,
}

/// Rules across files: duplicate incident ids and `related` naming unknown incidents.
/// `incidents` are in file order; of two with one id, the later is the duplicate.
pub fn cross_file_rules(incidents: &[&Validated], neighbours: &BTreeSet<String>) -> CrossFile {
    let mut by_id: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, validated) in incidents.iter().enumerate() {
        by_id.entry(&validated.id).or_default().push(i);
    }
    let mut dropped = vec![false; incidents.len()];
    let mut findings = Vec::new();
    for (id, indexes) in by_id.iter().filter(|(_, v)| v.len() > 1) {
        let first = &incidents[indexes[0]].file.path;
        for &i in &indexes[1..] {
            let validated = incidents[i];
            findings.push(CrossFinding {
                file: validated.file.path.clone(),
                code: Code::DuplicateIncident,
                path: if validated.incident.id.is_some() {
                    paths::id()
                } else {
                    YamlPath::root()
                },
                message: format!("incident id '{id}' is also defined by {}", first.display()),
                hint: Some("each incident needs its own id; rename one file".to_string()),
            });
            dropped[i] = true;
        }
    }
    for (i, validated) in incidents.iter().enumerate() {
        for (n, related) in validated.incident.related.iter().enumerate() {
            if !by_id.contains_key(related.as_str()) && !neighbours.contains(related) {
                findings.push(CrossFinding {
                    file: validated.file.path.clone(),
                    code: Code::UnknownRelated,
                    path: paths::related().index(n),
                    message: format!("related incident '{related}' is not in the corpus"),
                    hint: did_you_mean(related, by_id.keys().copied()),
                });
                if Code::UnknownRelated.level() == Level::Error {
                    dropped[i] = true;
                }
            }
        }
    }
    CrossFile { findings, dropped }
}
