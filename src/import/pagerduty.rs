//! `rootline import pagerduty`: an incident's log entries (and notes) saved from
//! PagerDuty's REST API v2.
//!
//! Each file is one page of `GET /incidents/{id}/log_entries` (`{"log_entries":
//! [...], "more": ...}`) or a bare array of entries; pages may overlap and come in
//! any order. `--notes` reads `GET /incidents/{id}/notes` (`{"notes": [...]}`).
//! What maps to what is in docs/import.md; the short of it: the trigger is the
//! detection, the first acknowledgement the response, the resolve the resolution
//! (never `impact_end`: the page closing is not the customers' impact ending), and
//! everything else a note. Notifications are left out unless `--notifications`.

use super::{ImportError, ImportOptions, Imported, ImportedEvent, Importer, OPERATOR};
use crate::model::EventKind;
use serde::Deserialize;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// Reads PagerDuty log entries and notes.
#[derive(Debug, Clone, Copy, Default)]
pub struct PagerDuty;

/// `rootline import pagerduty`'s own flags.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct PagerDutyFlags {
    /// The incident's notes, saved from /incidents/{id}/notes; each becomes a note event.
    #[arg(long, value_name = "NOTES.json")]
    pub notes: Option<PathBuf>,
    /// Keep notify_log_entry entries too (who was paged, how); left out by default.
    #[arg(long)]
    pub notifications: bool,
}

/// A reference to a user, service or integration, as every PagerDuty object carries.
#[derive(Debug, Clone, Default, Deserialize)]
struct Reference {
    #[serde(default, rename = "type")]
    kind: String,
    #[serde(default)]
    summary: Option<String>,
    #[serde(default)]
    html_url: Option<String>,
}

/// One log entry, with only the fields the timeline uses.
#[derive(Debug, Clone, Deserialize)]
struct LogEntry {
    #[serde(default)]
    id: String,
    #[serde(rename = "type")]
    kind: String,
    #[serde(default)]
    summary: Option<String>,
    #[serde(rename = "self", default)]
    self_url: Option<String>,
    #[serde(default)]
    html_url: Option<String>,
    created_at: String,
    #[serde(default)]
    agent: Option<Reference>,
    #[serde(default)]
    channel: Option<Channel>,
    #[serde(default)]
    incident: Option<Reference>,
    #[serde(default)]
    event_details: Option<EventDetails>,
    /// Who was notified (`notify_log_entry`).
    #[serde(default)]
    user: Option<Reference>,
    /// Who it went to (`assign_log_entry`, `escalate_log_entry`).
    #[serde(default)]
    assignees: Vec<Reference>,
}

#[derive(Debug, Clone, Default, Deserialize)]
struct Channel {
    #[serde(default, rename = "type")]
    kind: Option<String>,
    #[serde(default)]
    summary: Option<String>,
    /// A note's text (`annotate_log_entry`).
    #[serde(default)]
    content: Option<String>,
    /// How someone was notified (`notify_log_entry`): `sms`, `phone`, `email`, `push`.
    #[serde(default)]
    notification: Option<Notification>,
}

#[derive(Debug, Clone, Default, Deserialize)]
struct Notification {
    #[serde(default, rename = "type")]
    kind: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
struct EventDetails {
    #[serde(default)]
    description: Option<String>,
}

/// One note from `/incidents/{id}/notes`.
#[derive(Debug, Clone, Deserialize)]
struct Note {
    #[serde(default)]
    id: String,
    #[serde(default)]
    user: Option<Reference>,
    #[serde(default)]
    content: String,
    created_at: String,
}

/// A page of log entries as the API returns it, or a bare array of them.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum Page {
    Wrapped {
        log_entries: Vec<serde_json::Value>,
        #[serde(default)]
        more: bool,
        #[serde(default)]
        offset: usize,
    },
    Bare(Vec<serde_json::Value>),
}

impl Importer for PagerDuty {
    type Flags = PagerDutyFlags;

    fn name(&self) -> &'static str {
        "pagerduty"
    }

    fn about(&self) -> &'static str {
        "PagerDuty log entries (REST API v2, one or more pages) and optionally notes"
    }

    fn example(&self) -> &'static str {
        "rootline import pagerduty log-1.json log-2.json --notes notes.json --into incidents/2024-03-01-checkout-errors.yaml"
    }

    fn read(
        &self,
        input: &Path,
        flags: &PagerDutyFlags,
        options: &ImportOptions,
    ) -> Result<Imported, ImportError> {
        self.read_all(&[input.to_path_buf()], flags, options)
    }

    fn read_all(
        &self,
        inputs: &[PathBuf],
        flags: &PagerDutyFlags,
        _options: &ImportOptions,
    ) -> Result<Imported, ImportError> {
        let mut problems = Vec::new();
        let mut imported = Imported::default();
        let mut entries = Vec::new();
        let mut seen = HashSet::new();
        let mut last_page: Option<(usize, Option<String>)> = None;
        for input in inputs {
            let page = read_page(input, &mut problems)?;
            if last_page.as_ref().is_none_or(|(offset, _)| page.offset >= *offset) {
                last_page = Some((page.offset, page.more));
            }
            for entry in page.entries {
                if entry.1.id.is_empty() || seen.insert(entry.1.id.clone()) {
                    entries.push(entry);
                }
            }
        }
        // Only the last page's `more` matters: the earlier ones say so by design.
        imported.warnings.extend(last_page.and_then(|(_, more)| more));
        let notes = match &flags.notes {
            Some(path) => read_notes(path, &mut problems)?,
            None => Vec::new(),
        };
        if !problems.is_empty() {
            return Err(ImportError::Rows {
                path: inputs.first().cloned().unwrap_or_default(),
                problems,
            });
        }
        entries.sort_by_key(|(at, _)| *at);
        let timeline = Timeline::new(entries, notes, flags.notifications);
        // People's acts are the operator's (`OPERATOR`), which the shared part supplies.
        imported.events = timeline.events(&mut imported);
        Ok(imported)
    }
}

/// Why a notification entry is left out, as the report counts it.
const NOTIFICATIONS: &str = "notification";

/// A log entry and when it happened, for sorting.
type Dated<T> = (chrono::DateTime<chrono::Utc>, T);

/// One page read: its entries, where it starts, and the warning if more follow.
struct ReadPage {
    entries: Vec<Dated<LogEntry>>,
    offset: usize,
    more: Option<String>,
}

/// The entries of one page, each problem recorded as `file: log_entries[N]: message`.
fn read_page(input: &Path, problems: &mut Vec<String>) -> Result<ReadPage, ImportError> {
    let page: Page = read_json(input)?;
    let (values, more, offset) = match page {
        Page::Wrapped {
            log_entries,
            more,
            offset,
        } => (log_entries, more, offset),
        Page::Bare(values) => (values, false, 0),
    };
    let more = more.then(|| {
        format!(
            "{}: the page says more entries follow (\"more\": true); save the next page with offset={} and give it too",
            input.display(),
            offset + values.len()
        )
    });
    let place = format!("{}: log_entries", input.display());
    let entries = dated(values, &place, |entry: &LogEntry| &entry.created_at, problems);
    Ok(ReadPage {
        entries,
        offset,
        more,
    })
}

fn read_notes(path: &Path, problems: &mut Vec<String>) -> Result<Vec<Dated<Note>>, ImportError> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Notes {
        Wrapped { notes: Vec<serde_json::Value> },
        Bare(Vec<serde_json::Value>),
    }
    let (Notes::Wrapped { notes: values } | Notes::Bare(values)) = read_json(path)?;
    let place = format!("{}: notes", path.display());
    Ok(dated(values, &place, |note: &Note| &note.created_at, problems))
}

/// Each of `values` read as a `T` and dated by its `created_at` (RFC 3339, with its
/// offset: an export's times must mean one instant); every bad one is a problem
/// named `place[n]`.
fn dated<T: serde::de::DeserializeOwned>(
    values: Vec<serde_json::Value>,
    place: &str,
    created_at: impl Fn(&T) -> &String,
    problems: &mut Vec<String>,
) -> Vec<Dated<T>> {
    let mut read = Vec::new();
    for (n, value) in values.into_iter().enumerate() {
        let item = match serde_json::from_value::<T>(value) {
            Ok(item) => item,
            Err(e) => {
                problems.push(format!("{place}[{n}]: {e}"));
                continue;
            }
        };
        let text = created_at(&item);
        match chrono::DateTime::parse_from_rfc3339(text.trim()) {
            Ok(time) => read.push((time.with_timezone(&chrono::Utc), item)),
            Err(_) => problems.push(format!(
                "{place}[{n}]: created_at '{text}' is not an RFC 3339 time"
            )),
        }
    }
    read
}

/// A JSON file, malformed JSON reported at `file:line:col`.
pub(super) fn read_json<T: serde::de::DeserializeOwned>(path: &Path) -> Result<T, ImportError> {
    let unreadable = |message: String| ImportError::Unreadable {
        path: path.to_path_buf(),
        message,
    };
    let text = std::fs::read_to_string(path).map_err(|e| unreadable(e.to_string()))?;
    serde_json::from_str(&text).map_err(|e| match e.classify() {
        serde_json::error::Category::Syntax | serde_json::error::Category::Eof => {
            ImportError::Rows {
                path: path.to_path_buf(),
                problems: vec![format!(
                    "{}:{}:{}: malformed JSON: {e}",
                    path.display(),
                    e.line(),
                    e.column()
                )],
            }
        }
        _ => unreadable(format!("not the expected JSON shape: {e}")),
    })
}

/// The entries and notes in time order, turned into events.
struct Timeline {
    entries: Vec<Dated<LogEntry>>,
    notes: Vec<Dated<Note>>,
    notifications: bool,
}

impl Timeline {
    fn new(entries: Vec<Dated<LogEntry>>, notes: Vec<Dated<Note>>, notifications: bool) -> Self {
        Timeline {
            entries,
            notes,
            notifications,
        }
    }

    /// The events, counting in `imported` the entries left out.
    fn events(self, imported: &mut Imported) -> Vec<ImportedEvent> {
        let mut acknowledged = false;
        let mut matched_notes = HashSet::new();
        let mut events: Vec<Dated<ImportedEvent>> = Vec::new();
        for (at, entry) in &self.entries {
            if entry.kind == "notify_log_entry" && !self.notifications {
                imported.skip(NOTIFICATIONS);
                continue;
            }
            let note = (entry.kind == "annotate_log_entry")
                .then(|| self.note_for(*at, entry))
                .flatten();
            if let Some(index) = note {
                matched_notes.insert(index);
            }
            let first_ack = entry.kind == "acknowledge_log_entry" && !acknowledged;
            acknowledged |= first_ack;
            let note = note.map(|i| &self.notes[i].1);
            events.push((*at, entry_event(entry, first_ack, note)));
        }
        let incident_url = self
            .entries
            .iter()
            .find_map(|(_, e)| e.incident.as_ref().and_then(|i| i.html_url.clone()));
        for (index, (at, note)) in self.notes.iter().enumerate() {
            if !matched_notes.contains(&index) {
                events.push((*at, note_event(note, incident_url.as_deref())));
            }
        }
        // Notes without an entry sort in by time; a stable sort keeps equal times in order.
        events.sort_by_key(|(at, _)| *at);
        events.into_iter().map(|(_, e)| e).collect()
    }

    /// The note an `annotate_log_entry` at `at` records: same second, same author.
    fn note_for(&self, at: chrono::DateTime<chrono::Utc>, entry: &LogEntry) -> Option<usize> {
        let author = entry.agent.as_ref().and_then(|a| a.summary.as_deref());
        self.notes.iter().position(|(note_at, note)| {
            *note_at == at && note.user.as_ref().and_then(|u| u.summary.as_deref()) == author
        })
    }
}

/// The agent's name, as the title shows it.
fn agent_name(entry: &LogEntry) -> String {
    entry
        .agent
        .as_ref()
        .and_then(|agent| agent.summary.clone())
        .unwrap_or_else(|| "PagerDuty".to_string())
}

/// Whether a person (not a service or integration) did it: then it is the operator's act.
fn by_a_person(entry: &LogEntry) -> bool {
    entry
        .agent
        .as_ref()
        .is_some_and(|agent| agent.kind == "user_reference" || agent.kind == "user")
}

fn entry_event(entry: &LogEntry, first_ack: bool, note: Option<&Note>) -> ImportedEvent {
    let agent = agent_name(entry);
    let summary = entry.summary.clone().unwrap_or_default();
    let (kind, title, details) = match entry.kind.as_str() {
        "trigger_log_entry" => {
            let what = entry
                .event_details
                .as_ref()
                .and_then(|d| d.description.clone())
                .or_else(|| entry.incident.as_ref().and_then(|i| i.summary.clone()))
                .unwrap_or(summary.clone());
            (
                EventKind::Detection,
                format!("Triggered by {agent}: {what}"),
                channel_summary(entry),
            )
        }
        "acknowledge_log_entry" if first_ack => (
            EventKind::Response,
            format!("Acknowledged by {agent}"),
            None,
        ),
        "acknowledge_log_entry" => (
            EventKind::Note,
            format!("Acknowledged again by {agent}"),
            None,
        ),
        "resolve_log_entry" => (
            EventKind::Resolution,
            format!("Resolved by {agent}"),
            channel_summary(entry),
        ),
        "annotate_log_entry" => {
            let content = note
                .map(|n| n.content.clone())
                .or_else(|| entry.channel.as_ref().and_then(|c| c.content.clone()))
                .or_else(|| entry.channel.as_ref().and_then(|c| c.summary.clone()))
                .unwrap_or(summary.clone());
            (
                EventKind::Note,
                format!("Note by {agent}: {}", first_line(&content)),
                Some(content),
            )
        }
        "assign_log_entry" => (
            EventKind::Note,
            format!("Assigned to {} by {agent}", assignees(entry, &summary)),
            None,
        ),
        "escalate_log_entry" => (
            EventKind::Note,
            format!("Escalated to {} by {agent}", assignees(entry, &summary)),
            None,
        ),
        "notify_log_entry" => (EventKind::Note, notified(entry, &summary), None),
        _ => (EventKind::Note, fallback_title(entry, &agent), None),
    };
    ImportedEvent {
        at: entry.created_at.clone(),
        kind,
        actor: by_a_person(entry).then(|| OPERATOR.to_string()),
        title,
        details,
        source: entry.html_url.clone().or_else(|| entry.self_url.clone()),
    }
}

fn note_event(note: &Note, incident_url: Option<&str>) -> ImportedEvent {
    let author = note
        .user
        .as_ref()
        .and_then(|u| u.summary.clone())
        .unwrap_or_else(|| "PagerDuty".to_string());
    // A note has no page of its own; the incident's, marked with the note's id, names it.
    let source = match incident_url {
        Some(url) => format!("{url}#note-{}", note.id),
        None => format!("pagerduty:note:{}", note.id),
    };
    ImportedEvent {
        at: note.created_at.clone(),
        kind: EventKind::Note,
        actor: Some(OPERATOR.to_string()),
        title: format!("Note by {author}: {}", first_line(&note.content)),
        details: Some(note.content.clone()),
        source: Some(source),
    }
}

/// How the entry came in ("Datadog", "Website"), when the channel says so.
fn channel_summary(entry: &LogEntry) -> Option<String> {
    let channel = entry.channel.as_ref()?;
    let summary = channel.summary.clone()?;
    let kind = channel.kind.clone().unwrap_or_default();
    Some(match kind.as_str() {
        "" => summary,
        _ => format!("Channel: {kind}. {summary}"),
    })
}

fn assignees(entry: &LogEntry, summary: &str) -> String {
    let names: Vec<String> = entry
        .assignees
        .iter()
        .filter_map(|a| a.summary.clone())
        .collect();
    match names.is_empty() {
        true if summary.is_empty() => "someone".to_string(),
        true => summary.to_string(),
        false => names.join(", "),
    }
}

fn notified(entry: &LogEntry, summary: &str) -> String {
    let who = entry.user.as_ref().and_then(|u| u.summary.clone());
    let how = entry
        .channel
        .as_ref()
        .and_then(|c| c.notification.as_ref())
        .and_then(|n| n.kind.clone());
    match (who, how) {
        (Some(who), Some(how)) => format!("Notified {who} by {how}"),
        (Some(who), None) => format!("Notified {who}"),
        _ if !summary.is_empty() => summary.to_string(),
        _ => "Notification sent".to_string(),
    }
}

/// An entry of a type without its own wording: PagerDuty's summary says what it was.
fn fallback_title(entry: &LogEntry, agent: &str) -> String {
    match &entry.summary {
        Some(summary) if !summary.is_empty() => summary.clone(),
        _ => {
            let what = entry.kind.trim_end_matches("_log_entry").replace('_', " ");
            format!("{} by {agent}", capitalised(&what))
        }
    }
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The first line of a text, cut at a word to a readable length.
pub(super) fn first_line(text: &str) -> String {
    const MOST: usize = 100;
    let line = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("").trim();
    if line.chars().count() <= MOST {
        return line.to_string();
    }
    let cut: String = line.chars().take(MOST).collect();
    let at_word = match cut.rfind(' ') {
        Some(space) if space > MOST / 2 => &cut[..space],
        _ => cut.as_str(),
    };
    format!("{}…", at_word.trim_end())
}
