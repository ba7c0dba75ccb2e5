//! `rootline import csv`: a timeline drafted in a spreadsheet becomes a new incident file.
//!
//! Columns, by header name in any order and any case: `time` (required),
//! `kind` (required), `title` (required), `actor`, `details`. Every row is
//! checked; all problems are reported at once, each with its row number.

use crate::diagnostic::did_you_mean;
use crate::model::{self, Event, EventKind, Impact, Incident, Party, Role, Severity, Status};
use crate::text::slugify;
use chrono_tz::Tz;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Why an import failed (exit code 2 for files, 1 for rows).
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The CSV cannot be read at all.
    #[error("{path}: {message}")]
    Unreadable {
        /// The file.
        path: PathBuf,
        /// Why.
        message: String,
    },
    /// Some rows are wrong; nothing was written.
    #[error("{} problem{} in {}; nothing was written:\n{}", .problems.len(), if .problems.len() == 1 { "" } else { "s" }, .path.display(), .problems.join("\n"))]
    Rows {
        /// The file.
        path: PathBuf,
        /// One line per problem: `file:row: message`.
        problems: Vec<String>,
    },
}

/// What the new incident is called and where its times are read.
#[derive(Debug, Clone)]
pub struct ImportOptions {
    /// Title of the new incident.
    pub title: String,
    /// Zone for times without an offset.
    pub zone: Tz,
}

const KINDS: [&str; 9] = [
    "trigger",
    "impact_start",
    "detection",
    "response",
    "communication",
    "mitigation",
    "impact_end",
    "resolution",
    "note",
];

fn kind_of(text: &str) -> Option<EventKind> {
    serde_yaml::from_str::<EventKind>(text.trim()).ok()
}

/// Reads the CSV and returns the YAML of a new draft incident.
pub fn csv_to_incident(path: &Path, options: &ImportOptions) -> Result<String, ImportError> {
    let unreadable = |message: String| ImportError::Unreadable {
        path: path.to_path_buf(),
        message,
    };
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .trim(csv::Trim::All)
        .from_path(path)
        .map_err(|e| unreadable(e.to_string()))?;
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| unreadable(e.to_string()))?
        .iter()
        .map(|h| h.to_lowercase())
        .collect();
    let column = |name: &str| headers.iter().position(|h| h == name);
    let (Some(time), Some(kind), Some(title)) = (column("time"), column("kind"), column("title"))
    else {
        return Err(unreadable(format!(
            "the header row needs the columns time, kind and title (found: {})",
            headers.join(", ")
        )));
    };
    let (actor, details) = (column("actor"), column("details"));
    let mut problems = Vec::new();
    let mut events = Vec::new();
    let mut parties: BTreeMap<String, String> = BTreeMap::new();
    for (index, record) in reader.records().enumerate() {
        let row = index + 2; // the header is row 1
        let at = |problem: String| format!("{}:{row}: {problem}", path.display());
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                problems.push(at(e.to_string()));
                continue;
            }
        };
        let field = |i: Option<usize>| i.and_then(|i| record.get(i)).unwrap_or("").to_string();
        let (time_text, kind_text, title_text) =
            (field(Some(time)), field(Some(kind)), field(Some(title)));
        if let Err(e) = model::parse_time(&time_text, options.zone) {
            problems.push(at(e.to_string()));
        }
        let kind = kind_of(&kind_text);
        if kind.is_none() {
            let hint = did_you_mean(&kind_text, KINDS)
                .unwrap_or_else(|| format!("use one of {}", KINDS.join(", ")));
            problems.push(at(format!("'{kind_text}' is not an event kind; {hint}")));
        }
        if title_text.is_empty() {
            problems.push(at("the title is empty".to_string()));
        }
        let actor_name = field(actor);
        let actor_id = (!actor_name.is_empty()).then(|| {
            let id = slugify(&actor_name);
            let id = if id.is_empty() {
                format!("party-{}", parties.len() + 1)
            } else {
                id
            };
            parties.entry(id.clone()).or_insert(actor_name.clone());
            id
        });
        let details_text = field(details);
        events.push(Event {
            id: None,
            at: time_text,
            approx: false,
            kind: kind.unwrap_or(EventKind::Note),
            actor: actor_id,
            title: title_text,
            details: (!details_text.is_empty()).then_some(details_text),
            caused_by: vec![],
            sources: vec![],
        });
    }
    if events.is_empty() && problems.is_empty() {
        problems.push(format!("{}: no rows after the header", path.display()));
    }
    if !problems.is_empty() {
        return Err(ImportError::Rows {
            path: path.to_path_buf(),
            problems,
        });
    }
    let mut party_list: Vec<Party> = parties
        .into_iter()
        .map(|(id, name)| Party {
            id,
            name,
            role: Role::Other,
        })
        .collect();
    if !party_list.iter().any(|p| p.id == "us") {
        party_list.insert(
            0,
            Party {
                id: "us".into(),
                name: "Our company".into(),
                role: Role::Operator,
            },
        );
    }
    let incident = Incident {
        id: None,
        title: options.title.clone(),
        status: Status::Draft,
        severity: Severity::SEV3,
        timezone: Some(options.zone.name().to_string()),
        summary: "Two or three sentences for a reader in a hurry.".into(),
        tags: vec![],
        authors: vec![],
        related: vec![],
        impact: Impact {
            description: "Who could not do what, and how badly.".into(),
            customers: None,
            services: vec![],
            regions: vec![],
        },
        parties: party_list,
        events,
        causes: vec![],
        vendor_actions: vec![],
        action_items: vec![],
        lessons: Default::default(),
        links: vec![],
    };
    let mut value = serde_yaml::to_value(&incident).map_err(|e| unreadable(e.to_string()))?;
    prune(&mut value);
    let yaml = serde_yaml::to_string(&value).map_err(|e| unreadable(e.to_string()))?;
    Ok(format!(
        "# yaml-language-server: $schema=../{}\n# Imported from {} by rootline import csv. Set the parties' roles, then add causes and action items.\n{yaml}",
        crate::scaffold::SCHEMA_PATH,
        path.display()
    ))
}

/// Drops nulls, empty lists and empty maps, so the file shows only what was imported.
fn prune(value: &mut serde_yaml::Value) {
    use serde_yaml::Value;
    match value {
        Value::Mapping(map) => {
            map.retain(|_, v| {
                prune(v);
                !(v.is_null()
                    || v.as_sequence().is_some_and(|s| s.is_empty())
                    || v.as_mapping().is_some_and(|m| m.is_empty())
                    || v.as_bool() == Some(false))
            });
        }
        Value::Sequence(items) => items.iter_mut().for_each(prune),
        _ => {}
    }
}
