//! `rootline import`: a timeline kept elsewhere becomes a new draft incident file.
//!
//! A source (one module each, e.g. `csv`) implements [`Importer`]: its name, its
//! own flags and how it reads its input into [`Imported`] (events, parties and
//! warnings). Everything after that is shared: the id and the target are checked
//! before reading, the draft incident around the events is written here, and
//! nothing is ever written over. The command line builds `rootline import
//! <source>` from [`SOURCES`], so a new source is its module plus one entry in
//! the `sources!` list below.

use crate::model::{Event, EventKind, Impact, Incident, Party, Role, Severity, Status};
use crate::scaffold::{self, ScaffoldError};
use crate::text::slugify;
use chrono_tz::Tz;
use clap::{ArgMatches, FromArgMatches};
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
sources![csv::Csv, slack::Slack];

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
}

/// What the new incident is called and where its times are read.
#[derive(Debug, Clone)]
pub struct ImportOptions {
    /// Title of the new incident.
    pub title: String,
    /// Zone for times without an offset.
    pub zone: Tz,
}

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

/// A source's `read` with its flags bound.
type BoundRead = Box<dyn Fn(&Path, &ImportOptions) -> Result<Imported, ImportError>>;

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
            read: Box::new(move |input, options| importer.read(input, &flags, options)),
        }
    }

    /// The source's name.
    pub fn name(&self) -> &'static str {
        self.name
    }

    /// Reads `input` with the source's flags.
    pub fn read(&self, input: &Path, options: &ImportOptions) -> Result<Imported, ImportError> {
        (self.read)(input, options)
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

/// What an import did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportReport {
    /// The incident file written.
    pub path: PathBuf,
    /// Events on its timeline.
    pub events: usize,
    /// Parties named in it.
    pub parties: usize,
    /// The source's warnings.
    pub warnings: Vec<String>,
    /// What the source left out, and why.
    pub skipped: Vec<Skipped>,
}

impl ImportReport {
    /// One line saying what the import did: `added 41 events (3 skipped: bot posts), 2 warnings`.
    pub fn summary(&self) -> String {
        let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
        let mut line = format!("added {}", plural(self.events, "event"));
        if !self.skipped.is_empty() {
            let skipped: Vec<String> = self
                .skipped
                .iter()
                .map(|s| format!("{} skipped: {}", s.count, s.reason))
                .collect();
            line.push_str(&format!(" ({})", skipped.join("; ")));
        }
        if !self.warnings.is_empty() {
            line.push_str(&format!(", {}", plural(self.warnings.len(), "warning")));
        }
        line
    }
}

/// Reads `input` with `reader` and writes it as the new draft incident `<incidents>/<id>.yaml`.
///
/// The id and the target are checked before the input is read; nothing is written over.
pub fn import(
    reader: &Reader,
    input: &Path,
    incidents: &Path,
    id: &str,
    options: &ImportOptions,
) -> Result<ImportReport, ImportError> {
    scaffold::ensure_free(incidents, id)?;
    let imported = reader.read(input, options)?;
    if imported.events.is_empty() {
        return Err(ImportError::Rows {
            path: input.to_path_buf(),
            problems: vec![format!("{}: no timeline entries found", input.display())],
        });
    }
    let warnings = imported.warnings.clone();
    let skipped = imported.skipped.clone();
    let events = imported.events.len();
    let incident = draft_incident(imported, options);
    let parties = incident.parties.len();
    let text = incident_text(incident, reader.name(), input)?;
    let path = scaffold::create_incident(incidents, id, false, &text)?;
    Ok(ImportReport {
        path,
        events,
        parties,
        warnings,
        skipped,
    })
}

/// The draft around the imported timeline: placeholders where people must write.
fn draft_incident(imported: Imported, options: &ImportOptions) -> Incident {
    let mut parties = imported.parties;
    parties.sort_by(|a, b| a.id.cmp(&b.id));
    if !parties.iter().any(|party| party.id == "us") {
        let us = Party {
            id: "us".into(),
            name: "Our company".into(),
            role: Role::Operator,
        };
        parties.insert(0, us);
    }
    Incident {
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
        parties,
        events: imported.events.into_iter().map(event).collect(),
        causes: vec![],
        vendor_actions: vec![],
        action_items: vec![],
        lessons: Default::default(),
        links: vec![],
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
    input: &Path,
) -> Result<String, ImportError> {
    let unwritable = |e: serde_yaml::Error| ImportError::Unreadable {
        path: input.to_path_buf(),
        message: e.to_string(),
    };
    let events = std::mem::take(&mut incident.events);
    let mut value = serde_yaml::to_value(&incident).map_err(unwritable)?;
    prune(&mut value);
    let text = format!(
        "# yaml-language-server: $schema=../{}\n# Imported from {} by rootline import {source}. Set the parties' roles, then add causes and action items.\n{}",
        scaffold::SCHEMA_PATH,
        input.display(),
        serde_yaml::to_string(&value).map_err(unwritable)?
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
    serde_yaml::to_writer(&mut bytes, &entries).map_err(unwritable)?;
    String::from_utf8(bytes).map_err(|e| ImportError::Unreadable {
        path: input.to_path_buf(),
        message: e.to_string(),
    })
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
        64 + sources
            + text
                .iter()
                .flatten()
                .map(|s| s.len() * 9 / 8)
                .sum::<usize>()
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
            zone: chrono_tz::UTC,
        };
        let ids: Vec<String> = draft_incident(imported, &options)
            .parties
            .into_iter()
            .map(|p| p.id)
            .collect();
        assert_eq!(ids, ["us", "alpha", "zeta"]);
    }
}
