//! `rootline import csv`: a timeline drafted in a spreadsheet.
//!
//! Columns, by header name in any order and any case: `time` (required),
//! `kind` (required), `title` (required), `actor`, `details`. Every row is
//! checked; all problems are reported at once, each with its row number.

use super::{ImportError, ImportOptions, Imported, ImportedEvent, Importer, NoFlags};
use crate::diagnostic::did_you_mean;
use crate::model::{self, EventKind};
use std::path::Path;

/// Reads a CSV timeline.
#[derive(Debug, Clone, Copy, Default)]
pub struct Csv;

impl Importer for Csv {
    type Flags = NoFlags;

    fn name(&self) -> &'static str {
        "csv"
    }

    fn about(&self) -> &'static str {
        "A CSV with the columns time, kind, title and optionally actor and details"
    }

    fn example(&self) -> &'static str {
        "rootline import csv timeline.csv --id 2024-03-01-checkout-errors --timezone Europe/London"
    }

    fn read(
        &self,
        input: &Path,
        _flags: &NoFlags,
        options: &ImportOptions,
    ) -> Result<Imported, ImportError> {
        let unreadable = |message: String| ImportError::Unreadable {
            path: input.to_path_buf(),
            message,
        };
        let mut reader = csv::ReaderBuilder::new()
            .flexible(true)
            .trim(csv::Trim::All)
            .from_path(input)
            .map_err(|e| unreadable(e.to_string()))?;
        let headers = reader.headers().map_err(|e| unreadable(e.to_string()))?;
        let columns = Columns::find(headers).map_err(unreadable)?;
        let mut imported = Imported::default();
        let mut problems = Vec::new();
        for (index, record) in reader.records().enumerate() {
            let row = index + 2; // the header is row 1
            let at = |problem: String| format!("{}:{row}: {problem}", input.display());
            match record {
                Ok(record) => {
                    let event = columns.event(&record, options, &mut imported);
                    problems.extend(event.problems.into_iter().map(at));
                    imported.events.push(event.event);
                }
                Err(e) => problems.push(at(e.to_string())),
            }
        }
        if imported.events.is_empty() && problems.is_empty() {
            problems.push(format!("{}: no rows after the header", input.display()));
        }
        if !problems.is_empty() {
            return Err(ImportError::Rows {
                path: input.to_path_buf(),
                problems,
            });
        }
        Ok(imported)
    }
}

/// Where each column is in the header row.
struct Columns {
    time: usize,
    kind: usize,
    title: usize,
    actor: Option<usize>,
    details: Option<usize>,
}

/// One row read: the event and what is wrong with it.
struct Row {
    event: ImportedEvent,
    problems: Vec<String>,
}

impl Columns {
    /// Finds the columns by name, in any order and case.
    fn find(headers: &csv::StringRecord) -> Result<Columns, String> {
        let headers: Vec<String> = headers.iter().map(str::to_lowercase).collect();
        let column = |name: &str| headers.iter().position(|h| h == name);
        match (column("time"), column("kind"), column("title")) {
            (Some(time), Some(kind), Some(title)) => Ok(Columns {
                time,
                kind,
                title,
                actor: column("actor"),
                details: column("details"),
            }),
            _ => Err(format!(
                "the header row needs the columns time, kind and title (found: {})",
                headers.join(", ")
            )),
        }
    }

    /// Reads one row, naming its actor's party in `imported`.
    fn event(
        &self,
        record: &csv::StringRecord,
        options: &ImportOptions,
        imported: &mut Imported,
    ) -> Row {
        let field = |i: Option<usize>| i.and_then(|i| record.get(i)).unwrap_or("").to_string();
        let (at, kind_text, title) = (
            field(Some(self.time)),
            field(Some(self.kind)),
            field(Some(self.title)),
        );
        let mut problems = Vec::new();
        if let Err(e) = model::parse_time(&at, options.zone()) {
            problems.push(e.to_string());
        }
        let kind = EventKind::from_name(kind_text.trim());
        if kind.is_none() {
            problems.push(not_a_kind(&kind_text));
        }
        if title.is_empty() {
            problems.push("the title is empty".to_string());
        }
        let actor = field(self.actor);
        let details = field(self.details);
        let event = ImportedEvent {
            at,
            kind: kind.unwrap_or(EventKind::Note),
            actor: (!actor.is_empty()).then(|| imported.party(&actor)),
            title,
            details: (!details.is_empty()).then_some(details),
            source: None,
        };
        Row { event, problems }
    }
}

fn not_a_kind(text: &str) -> String {
    let names = EventKind::ALL.map(EventKind::as_str);
    let hint =
        did_you_mean(text, names).unwrap_or_else(|| format!("use one of {}", names.join(", ")));
    format!("'{text}' is not an event kind; {hint}")
}
