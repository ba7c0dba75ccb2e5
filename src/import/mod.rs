//! `rootline import`: a timeline kept elsewhere becomes events of an incident file.
//!
//! A source (one module each, e.g. `csv`) implements [`Importer`]: its name, its
//! own flags and how it reads its input into [`Imported`] (events, parties and
//! warnings). Everything after that is shared: the [`Target`] is checked before
//! reading, events already imported are skipped by their source reference, and
//! the events become a new draft incident (never written over) or are appended to
//! an existing one as text (`merge`). The command line builds `rootline import
//! <source>` from [`SOURCES`], so a new source is its module plus one entry in
//! the `sources!` list below.

mod merge;

use crate::model::{
    placeholders, Event, EventKind, Impact, Incident, Party, Role, Severity, Status,
};
use crate::scaffold::{self, ScaffoldError};
use crate::text::slugify;
use chrono_tz::Tz;
use clap::{ArgMatches, FromArgMatches};
use std::collections::HashSet;
use std::fmt;
use std::path::{Path, PathBuf};

/// Declares each source's module and lists its importer in [`SOURCES`], so the
/// two can never disagree.
macro_rules! sources {
    ($($module:ident::$importer:ident),+ $(,)?) => {
        $(pub mod $module;)+

        /// Every source `rootline import` reads, in the order its help lists them.
        pub static SOURCES: &[&dyn Source] = &[$(&$module::$importer),+];
    };
}

// One entry per source: `module::Importer`.
sources![
    csv::Csv,
    pagerduty::PagerDuty,
    statuspage::Statuspage,
    slack::Slack
];

/// Why an import failed (exit code 2 for files, 1 for rows).
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The input cannot be read at all.
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
    /// The id is invalid, the incident exists already, or writing failed.
    #[error(transparent)]
    Target(#[from] ScaffoldError),
    /// The `--into` file does not pass `check`; nothing was imported into it.
    #[error("{} does not pass check; fix it before importing into it:\n{report}", .path.display())]
    Refused {
        /// The file.
        path: PathBuf,
        /// Its errors, as `check` shows them.
        report: String,
    },
    /// The events cannot be added to the `--into` file; it was not changed.
    #[error("{}: {message}", .path.display())]
    Unmergeable {
        /// The file.
        path: PathBuf,
        /// Why.
        message: String,
    },
    /// The `--into` file could not be replaced.
    #[error("{}: {source}", .path.display())]
    Write {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
}

/// What the new incident is called and where its times are read.
#[derive(Debug, Clone)]
pub struct ImportOptions {
    /// Title of the new incident.
    pub title: String,
    /// Severity of the new incident, a level of the scale (`Scale::middle`).
    pub severity: String,
    /// Zone for times without an offset, as `--timezone` gives it; without it a new
    /// incident reads them in UTC and `--into` in the file's own `timezone`.
    pub zone: Option<Tz>,
}

impl ImportOptions {
    /// The zone times without an offset are read in.
    pub fn zone(&self) -> Tz {
        self.zone.unwrap_or(chrono_tz::UTC)
    }
}

/// The actor of events the operator did (a page acknowledged, a note written): the
/// draft's operator party, or in `--into` the file's own party with role operator.
pub const OPERATOR: &str = "us";

/// One timeline entry read from a source.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportedEvent {
    /// When, as the file will hold it: RFC 3339 with an offset (what exports carry) or a
    /// local time read in [`ImportOptions::zone`] (what people type); the source checks it
    /// with [`crate::model::parse_time`], so the new file passes `check`.
    pub at: String,
    /// What kind of event.
    pub kind: EventKind,
    /// Party id of who acted (from [`Imported::party`]).
    pub actor: Option<String>,
    /// One line.
    pub title: String,
    /// Markdown details.
    pub details: Option<String>,
    /// Where the entry came from (a URL or message link), kept as the event's source.
    /// It is also how a second import of the same file knows the entry is there
    /// already, so it must name this one entry (not, say, the whole export).
    pub source: Option<String>,
}

/// What a source read: the timeline, who acted, and anything worth telling the user.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Imported {
    /// The timeline, in the source's order.
    pub events: Vec<ImportedEvent>,
    /// Everyone named as an actor; the operator `us` is added when absent.
    pub parties: Vec<Party>,
    /// Things the user should know that did not stop the import.
    pub warnings: Vec<String>,
    /// Entries of the source left out on purpose, counted by why, in order of first sight.
    pub skipped: Vec<Skipped>,
}

/// How many entries of the source were left out for one reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    /// Why, as the report says it: `joins and other housekeeping`.
    pub reason: String,
    /// How many.
    pub count: usize,
}

impl Imported {
    /// The party id for a display name, adding the party (role `other`) on first sight.
    pub fn party(&mut self, name: &str) -> String {
        let id = match slugify(name) {
            id if id.is_empty() => format!("party-{}", self.parties.len() + 1),
            id => id,
        };
        if !self.parties.iter().any(|party| party.id == id) {
            self.parties.push(Party {
                id: id.clone(),
                name: name.to_string(),
                role: Role::Other,
            });
        }
        id
    }

    /// Counts one entry left out for `reason`.
    pub fn skip(&mut self, reason: &str) {
        match self.skipped.iter_mut().find(|s| s.reason == reason) {
            Some(skipped) => skipped.count += 1,
            None => self.skipped.push(Skipped {
                reason: reason.to_string(),
                count: 1,
            }),
        }
    }
}

/// A kind of input `rootline import <name>` reads; one module per source implements it.
pub trait Importer: Sync + 'static {
    /// The source's own flags, a `#[derive(clap::Args)]` struct ([`NoFlags`] for none).
    /// The command line adds them to the source's subcommand after the shared ones.
    type Flags: clap::Args + 'static;

    /// The subcommand name, as in `rootline import <name>`.
    fn name(&self) -> &'static str;

    /// One line for `rootline import --help`: what the source reads.
    fn about(&self) -> &'static str;

    /// One example command line, shown under the source's help.
    fn example(&self) -> &'static str;

    /// Reads `input`, reporting every problem at once as [`ImportError::Rows`].
    fn read(
        &self,
        input: &Path,
        flags: &Self::Flags,
        options: &ImportOptions,
    ) -> Result<Imported, ImportError>;

    /// Reads every file given on the command line. Most sources read exactly one;
    /// a source whose export comes in pages (PagerDuty) reads them all.
    fn read_all(
        &self,
        inputs: &[PathBuf],
        flags: &Self::Flags,
        options: &ImportOptions,
    ) -> Result<Imported, ImportError> {
        match inputs {
            [input] => self.read(input, flags, options),
            _ => Err(ImportError::Unreadable {
                path: inputs.get(1).cloned().unwrap_or_default(),
                message: format!(
                    "rootline import {} reads one file; {} were given",
                    self.name(),
                    inputs.len()
                ),
            }),
        }
    }
}

/// The flags of a source that has none of its own.
#[derive(Debug, Clone, Copy, Default, clap::Args)]
pub struct NoFlags;

/// A source as the command line sees it, whatever its flags' type; every
/// [`Importer`] is one, and [`SOURCES`] lists them.
pub trait Source: Sync {
    /// The subcommand name, as in `rootline import <name>`.
    fn name(&self) -> &'static str;

    /// One line for `rootline import --help`.
    fn about(&self) -> &'static str;

    /// One example command line.
    fn example(&self) -> &'static str;

    /// Adds the source's own flags to its subcommand.
    fn add_flags(&self, command: clap::Command) -> clap::Command;

    /// Reads the source's flags from its parsed subcommand, ready to read input.
    fn configure(&'static self, matches: &ArgMatches) -> Result<Reader, clap::Error>;
}

impl<T: Importer> Source for T {
    fn name(&self) -> &'static str {
        Importer::name(self)
    }

    fn about(&self) -> &'static str {
        Importer::about(self)
    }

    fn example(&self) -> &'static str {
        Importer::example(self)
    }

    fn add_flags(&self, command: clap::Command) -> clap::Command {
        <T::Flags as clap::Args>::augment_args(command)
    }

    fn configure(&'static self, matches: &ArgMatches) -> Result<Reader, clap::Error> {
        Ok(Reader::new(self, T::Flags::from_arg_matches(matches)?))
    }
}

/// A source's `read_all` with its flags bound.
type BoundRead = Box<dyn Fn(&[PathBuf], &ImportOptions) -> Result<Imported, ImportError>>;

/// A source with its flags set, ready to read its input.
pub struct Reader {
    name: &'static str,
    read: BoundRead,
}

impl Reader {
    /// `importer` with `flags`, as `rootline import` would set them.
    pub fn new<I: Importer>(importer: &'static I, flags: I::Flags) -> Reader {
        Reader {
            name: Importer::name(importer),
            read: Box::new(move |inputs, options| importer.read_all(inputs, &flags, options)),
        }
    }

    /// The source's name.
    pub fn name(&self) -> &'static str {
        self.name
    }

    /// Reads every one of `inputs` with the source's flags.
    pub fn read_all(
        &self,
        inputs: &[PathBuf],
        options: &ImportOptions,
    ) -> Result<Imported, ImportError> {
        (self.read)(inputs, options)
    }
}

impl std::fmt::Debug for Reader {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Reader").field("name", &self.name).finish()
    }
}

/// The registered source called `name`.
pub fn source(name: &str) -> Option<&'static dyn Source> {
    SOURCES.iter().copied().find(|source| source.name() == name)
}

/// Where the imported events go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A new draft incident `<incidents>/<id>.yaml`; nothing is written over.
    New {
        /// The folder of incidents.
        incidents: PathBuf,
        /// The new incident's id.
        id: String,
    },
    /// An incident file that exists: the events are appended to its `events:`.
    Into(PathBuf),
}

/// What an import did (or, in a dry run, would do).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportReport {
    /// The incident file written (or that would be).
    pub path: PathBuf,
    /// Whether the file is new.
    pub created: bool,
    /// Whether nothing was written.
    pub dry_run: bool,
    /// Events added.
    pub added: usize,
    /// Entries left out, counted by why: those the file already holds (`already present`)
    /// first, then the source's own reasons in the order it met them.
    pub skipped: Vec<Skipped>,
    /// Parties added to an existing file (a new file's parties are not counted).
    pub parties_added: usize,
    /// The source's warnings.
    pub warnings: Vec<String>,
    /// What was (or would be) written: the whole new file, or the added list items.
    pub preview: String,
}

impl fmt::Display for ImportReport {
    /// `incidents/x.yaml: added 41 events (3 skipped: already present; 2 skipped: bot posts), 2 warnings`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut what = crate::text::count(self.added, "event");
        if self.parties_added > 0 {
            let parties = if self.parties_added == 1 {
                "party"
            } else {
                "parties"
            };
            what += &format!(" and {} {parties}", self.parties_added);
        }
        let skipped = match self.skipped.as_slice() {
            [] => String::new(),
            reasons => format!(" ({})", skip_counts(reasons)),
        };
        let warnings = crate::text::count(self.warnings.len(), "warning");
        let path = self.path.display();
        match (self.dry_run, self.created) {
            (false, true) => write!(f, "created {path}: added {what}{skipped}, {warnings}"),
            (false, false) => write!(f, "{path}: added {what}{skipped}, {warnings}"),
            (true, true) => write!(
                f,
                "dry run, nothing written: would create {path} with {what}{skipped}, {warnings}"
            ),
            (true, false) => write!(
                f,
                "dry run, nothing written: would add {what} to {path}{skipped}, {warnings}"
            ),
        }
    }
}

/// `3 skipped: already present; 12 skipped: housekeeping`: each reason with its count.
pub fn skip_counts(skipped: &[Skipped]) -> String {
    skipped
        .iter()
        .map(|s| format!("{} skipped: {}", s.count, s.reason))
        .collect::<Vec<_>>()
        .join("; ")
}

/// Why an entry the target already holds is left out.
pub const ALREADY_PRESENT: &str = "already present";

/// The skip counts of a report: `present` already in the target, then the source's.
fn all_skipped(present: usize, source: Vec<Skipped>) -> Vec<Skipped> {
    let present = (present > 0).then(|| Skipped {
        reason: ALREADY_PRESENT.to_string(),
        count: present,
    });
    present.into_iter().chain(source).collect()
}

/// Reads `inputs` with `reader` and adds the events to `target`; with `dry_run`,
/// only reports what it would do.
///
/// The target is checked before the input is read: a new incident's id must be
/// free, an existing file must pass `check`. Events whose source reference the
/// target already holds are skipped and counted.
pub fn import(
    reader: &Reader,
    inputs: &[PathBuf],
    target: &Target,
    options: &ImportOptions,
    dry_run: bool,
) -> Result<ImportReport, ImportError> {
    match target {
        Target::New { incidents, id } => {
            import_new(reader, inputs, incidents, id, options, dry_run)
        }
        Target::Into(path) => import_into(reader, inputs, path, options, dry_run),
    }
}

fn import_new(
    reader: &Reader,
    inputs: &[PathBuf],
    incidents: &Path,
    id: &str,
    options: &ImportOptions,
    dry_run: bool,
) -> Result<ImportReport, ImportError> {
    scaffold::ensure_free(incidents, id)?;
    let mut imported = read_events(reader, inputs, options)?;
    let (events, skipped) = fresh(std::mem::take(&mut imported.events), &HashSet::new());
    let added = events.len();
    let warnings = imported.warnings.clone();
    let skipped = all_skipped(skipped, std::mem::take(&mut imported.skipped));
    imported.events = events;
    let incident = draft_incident(imported, options);
    let text = incident_text(incident, reader.name(), inputs)?;
    let path = if dry_run {
        incidents.join(format!("{id}.yaml"))
    } else {
        scaffold::create_incident(incidents, id, false, &text)?
    };
    Ok(ImportReport {
        path,
        created: true,
        dry_run,
        added,
        skipped,
        parties_added: 0,
        warnings,
        preview: text,
    })
}

fn import_into(
    reader: &Reader,
    inputs: &[PathBuf],
    path: &Path,
    options: &ImportOptions,
    dry_run: bool,
) -> Result<ImportReport, ImportError> {
    let existing = merge::Existing::open(path)?;
    let options = &ImportOptions {
        title: options.title.clone(),
        severity: options.severity.clone(),
        zone: options.zone.or(Some(existing.zone)),
    };
    let imported = read_events(reader, inputs, options)?;
    let (fresh_events, skipped) = fresh(imported.events, &existing.sources);
    let operator = existing.operator().unwrap_or(OPERATOR).to_string();
    let events: Vec<Event> = fresh_events
        .into_iter()
        .map(|imported| {
            let mut event = event(imported);
            if event.actor.as_deref() == Some(OPERATOR) {
                event.actor = Some(operator.clone());
            }
            event
        })
        .collect();
    let parties = missing_parties(&existing.parties, &imported.parties, &events);
    let comment = format!(
        "Imported from {} by rootline import {}",
        names(inputs),
        reader.name()
    );
    let preview = merge::preview(&parties, &events, &comment);
    if !events.is_empty() {
        let text = existing.merged(&parties, &events, &comment)?;
        if !dry_run {
            existing.replace(&text)?;
        }
    }
    Ok(ImportReport {
        path: path.to_path_buf(),
        created: false,
        dry_run,
        added: events.len(),
        skipped: all_skipped(skipped, imported.skipped),
        parties_added: if events.is_empty() { 0 } else { parties.len() },
        warnings: imported.warnings,
        preview,
    })
}

/// The source's events; a source that found none is an error, as an empty import helps no one.
fn read_events(
    reader: &Reader,
    inputs: &[PathBuf],
    options: &ImportOptions,
) -> Result<Imported, ImportError> {
    let imported = reader.read_all(inputs, options)?;
    if imported.events.is_empty() {
        let first = inputs.first().cloned().unwrap_or_default();
        return Err(ImportError::Rows {
            problems: vec![format!("{}: no timeline entries found", first.display())],
            path: first,
        });
    }
    Ok(imported)
}

/// The events whose source reference is neither in `known` nor earlier in the list,
/// and how many were skipped. Events without a reference are always kept.
fn fresh(events: Vec<ImportedEvent>, known: &HashSet<String>) -> (Vec<ImportedEvent>, usize) {
    let mut seen = HashSet::new();
    let total = events.len();
    let kept: Vec<ImportedEvent> = events
        .into_iter()
        .filter(|event| match &event.source {
            Some(source) => !known.contains(source) && seen.insert(source.clone()),
            None => true,
        })
        .collect();
    let skipped = total - kept.len();
    (kept, skipped)
}

/// The parties `events` name as actors that `existing` lacks, as the source described them.
fn missing_parties(existing: &[Party], imported: &[Party], events: &[Event]) -> Vec<Party> {
    let mut missing: Vec<Party> = Vec::new();
    for actor in events.iter().filter_map(|event| event.actor.as_deref()) {
        let known = existing
            .iter()
            .chain(&missing)
            .any(|party| party.id == actor);
        if known {
            continue;
        }
        match imported.iter().find(|party| party.id == actor) {
            Some(party) => missing.push(party.clone()),
            None if actor == OPERATOR => missing.push(operator_party()),
            None => {}
        }
    }
    missing
}

fn operator_party() -> Party {
    Party {
        id: OPERATOR.into(),
        name: placeholders::OPERATOR.into(),
        role: Role::Operator,
    }
}

fn names(inputs: &[PathBuf]) -> String {
    inputs
        .iter()
        .map(|input| input.display().to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

/// The draft around the imported timeline: placeholders where people must write.
fn draft_incident(imported: Imported, options: &ImportOptions) -> Incident {
    let mut parties = imported.parties;
    parties.sort_by(|a, b| a.id.cmp(&b.id));
    if !parties.iter().any(|party| party.id == OPERATOR) {
        parties.insert(0, operator_party());
    }
    Incident {
        id: None,
        title: options.title.clone(),
        status: Status::Draft,
        published: None,
        severity: Severity::new(&options.severity),
        timezone: Some(options.zone().name().to_string()),
        summary: placeholders::SUMMARY.into(),
        tags: vec![],
        authors: vec![],
        related: vec![],
        impact: Impact {
            description: placeholders::IMPACT.into(),
            customers: None,
            services: vec![],
            regions: vec![],
        },
        parties,
        events: imported.events.into_iter().map(event).collect(),
        causes: vec![],
        vendor_actions: vec![],
        action_items: vec![],
        lessons: Default::default(),
        links: vec![],
        allow: vec![],
    }
}

fn event(imported: ImportedEvent) -> Event {
    Event {
        id: None,
        at: imported.at,
        approx: false,
        kind: imported.kind,
        actor: imported.actor,
        title: imported.title,
        details: imported.details,
        caused_by: vec![],
        sources: imported.source.into_iter().collect(),
        customers_affected: None,
    }
}

/// The file's text: the schema modeline, where it came from, then only the keys with values.
///
/// The timeline is written straight from the events, without the document tree the
/// rest goes through: an export can hold 100,000 messages, and that tree would be
/// most of the import's memory and time.
fn incident_text(
    mut incident: Incident,
    source: &str,
    inputs: &[PathBuf],
) -> Result<String, ImportError> {
    let unwritable = |message: String| ImportError::Unreadable {
        path: inputs.first().cloned().unwrap_or_default(),
        message,
    };
    let events = std::mem::take(&mut incident.events);
    let mut value = serde_yaml::to_value(&incident).map_err(|e| unwritable(e.to_string()))?;
    prune(&mut value);
    let skeleton = serde_yaml::to_string(&value).map_err(|e| unwritable(e.to_string()))?;
    let text = format!(
        "# yaml-language-server: $schema=../{}\n# Imported from {} by rootline import {source}. Set the parties' roles, then add causes and action items.\n{skeleton}",
        scaffold::SCHEMA_PATH,
        names(inputs)
    );
    if events.is_empty() {
        return Ok(text);
    }
    // Every key after `events` is empty in a draft, so the timeline goes last; it is
    // written into the text's own buffer, sized once, so a big one is not copied.
    let entries: Vec<EventEntry> = events.iter().map(EventEntry::from).collect();
    let mut bytes = text.into_bytes();
    bytes.reserve(entries.iter().map(EventEntry::size_hint).sum());
    bytes.extend_from_slice(b"events:\n");
    serde_yaml::to_writer(&mut bytes, &entries).map_err(|e| unwritable(e.to_string()))?;
    String::from_utf8(bytes).map_err(|e| unwritable(e.to_string()))
}

/// An imported event as the file holds it: the keys an import sets, in the model's order.
#[derive(serde::Serialize)]
struct EventEntry<'a> {
    at: &'a str,
    kind: EventKind,
    #[serde(skip_serializing_if = "Option::is_none")]
    actor: Option<&'a str>,
    title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    details: Option<&'a str>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    sources: &'a [String],
}

impl EventEntry<'_> {
    /// About how many bytes the entry takes in the file.
    fn size_hint(&self) -> usize {
        let text = [Some(self.at), self.actor, Some(self.title), self.details];
        let sources: usize = self.sources.iter().map(|s| s.len() + 4).sum();
        let text: usize = text.iter().flatten().map(|s| s.len() * 9 / 8).sum();
        64 + sources + text
    }
}

impl<'a> From<&'a Event> for EventEntry<'a> {
    fn from(event: &'a Event) -> Self {
        EventEntry {
            at: &event.at,
            kind: event.kind,
            actor: event.actor.as_deref(),
            title: &event.title,
            details: event.details.as_deref(),
            sources: &event.sources,
        }
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_party_is_named_once_by_its_slug_and_unsluggable_names_are_numbered() {
        let mut imported = Imported::default();
        assert_eq!(imported.party("Payments Team"), "payments-team");
        assert_eq!(imported.party("payments team"), "payments-team");
        assert_eq!(imported.party("!!!"), "party-2");
        let names: Vec<&str> = imported.parties.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(
            names,
            ["Payments Team", "!!!"],
            "the first spelling is kept"
        );
    }

    #[test]
    fn the_draft_puts_the_operator_first_and_sorts_the_others() {
        let mut imported = Imported::default();
        imported.party("Zeta");
        imported.party("Alpha");
        let options = ImportOptions {
            title: "T".into(),
            severity: "SEV3".into(),
            zone: Some(chrono_tz::UTC),
        };
        let ids: Vec<String> = draft_incident(imported, &options)
            .parties
            .into_iter()
            .map(|p| p.id)
            .collect();
        assert_eq!(ids, ["us", "alpha", "zeta"]);
    }
}
