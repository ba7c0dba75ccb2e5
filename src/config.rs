//! `rootline.toml`: a repository's settings, as values the pipeline reads. Every key is
//! optional; an empty file (or none) is today's behaviour. Finding and reading the file
//! is the command line's job (`app::config`); this module only checks its text, with the
//! position of every key and value, so that a mistake is reported like one in an
//! incident file.

pub mod parse;

use crate::diagnostic::{Code, Diagnostic};
use chrono::NaiveDate;
use std::path::PathBuf;

/// The file name looked for.
pub const FILE_NAME: &str = "rootline.toml";

/// The scale without a `[severities]` table, worst first.
pub const SEVERITY_NAMES: [&str; 5] = ["SEV1", "SEV2", "SEV3", "SEV4", "SEV5"];

/// Why `rootline.toml` could not be used (exit code 2).
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The file exists but cannot be read.
    #[error("{path}: {source}")]
    Read {
        /// Where.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The file is not valid TOML, or has a key or value rootline does not know.
    #[error("{}", invalid_line(.diagnostic))]
    Invalid {
        /// What is wrong, where, with the hint.
        diagnostic: Box<Diagnostic>,
        /// The file's text, for the snippet.
        text: String,
    },
}

/// `file:line:col: message; hint`, the one-line form of a config diagnostic.
fn invalid_line(diagnostic: &Diagnostic) -> String {
    let (line, column) = diagnostic.position.map_or((1, 1), |p| (p.line, p.column));
    let hint = diagnostic
        .hint
        .as_ref()
        .map_or(String::new(), |h| format!("; {h}"));
    format!(
        "{}:{line}:{column}: {}{hint}",
        diagnostic.file.display(),
        diagnostic.message
    )
}

/// What `rootline.toml` says.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Config {
    /// `[site] as_of`: the day every command judges overdue items against, pinned.
    pub as_of: Option<NaiveDate>,
    /// `[site]`: how the site presents itself.
    pub site: Site,
    /// `[site] terminology`: what readers are told the causes at the root are called.
    pub terminology: Terminology,
    /// `[severities]`: the scale, worst first.
    pub severities: Scale,
    /// `[vocabulary]`: the categories, services and owners incidents may name.
    pub vocabulary: Vocabulary,
    /// `[checks]`: which warnings are off, which are errors, and extra phrases.
    pub checks: Checks,
}

/// `[site]`: the names and addresses a site is published under.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Site {
    /// Page titles, headers and the feed; "Post-mortems" when absent.
    pub title: Option<String>,
    /// Who publishes the post-mortems.
    pub organisation: Option<String>,
    /// One line under the title of the index and in the feed.
    pub description: Option<String>,
    /// An image copied into the site and shown in the header, relative to the config file.
    pub logo: Option<PathBuf>,
    /// Where the site is published; `--base-url` wins.
    pub base_url: Option<String>,
}

/// The wording for the causes at the root of an incident.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub enum Terminology {
    /// "root cause" (today's wording).
    #[default]
    RootCauses,
    /// "contributing factor", for teams that reject a single root cause.
    ContributingFactors,
}

impl Terminology {
    /// The name written in `rootline.toml`.
    pub fn name(self) -> &'static str {
        match self {
            Terminology::RootCauses => "root-causes",
            Terminology::ContributingFactors => "contributing-factors",
        }
    }

    /// The singular noun, lower case: "root cause" or "contributing factor".
    pub fn singular(self) -> &'static str {
        match self {
            Terminology::RootCauses => "root cause",
            Terminology::ContributingFactors => "contributing factor",
        }
    }

    /// The plural noun, lower case: "root causes" or "contributing factors".
    pub fn plural(self) -> &'static str {
        match self {
            Terminology::RootCauses => "root causes",
            Terminology::ContributingFactors => "contributing factors",
        }
    }
}

/// A list of names, each with a one-line description, in the order of the file.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Described(pub Vec<(String, String)>);

impl Described {
    /// Whether `name` is listed.
    pub fn contains(&self, name: &str) -> bool {
        self.0.iter().any(|(listed, _)| listed == name)
    }

    /// The description of `name`, if it is listed.
    pub fn description(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(listed, _)| listed == name)
            .map(|(_, description)| description.as_str())
    }

    /// The names, in the order of the file.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(|(name, _)| name.as_str())
    }
}

/// `[severities]`: the scale, worst first; empty means SEV1 to SEV5 without definitions.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Scale(pub Described);

impl Scale {
    /// The levels `[severities]` defines, worst first; empty without the table.
    pub fn defined(&self) -> &[(String, String)] {
        &self.0 .0
    }

    /// Whether an incident may have severity `name`.
    pub fn allows(&self, name: &str) -> bool {
        if self.defined().is_empty() {
            SEVERITY_NAMES.contains(&name)
        } else {
            self.0.contains(name)
        }
    }

    /// The severities of the scale, worst first.
    pub fn names(&self) -> Vec<&str> {
        if self.defined().is_empty() {
            SEVERITY_NAMES.to_vec()
        } else {
            self.0.names().collect()
        }
    }

    /// The level in the middle of the scale (SEV3 of SEV1..SEV5): what a new draft starts at.
    pub fn middle(&self) -> &str {
        let names = self.names();
        names[names.len() / 2]
    }

    /// Where `name` sits on the scale: 1 for the worst; `None` when it is not on it.
    pub fn rank(&self, name: &str) -> Option<u8> {
        let position = self.names().iter().position(|level| *level == name)?;
        u8::try_from(position + 1).ok()
    }

    /// What `name` means, when the scale says.
    pub fn definition(&self, name: &str) -> Option<&str> {
        self.0.description(name)
    }
}

/// What a value missing from a vocabulary list is.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub enum Unknown {
    /// An error: `check` fails.
    #[default]
    Error,
    /// A warning.
    Warning,
}

/// `[vocabulary]`: lists that, when present, are the only values allowed.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Vocabulary {
    /// What an unlisted value is.
    pub unknown: Unknown,
    /// Cause categories.
    pub categories: Option<Described>,
    /// What `impact.services` may name.
    pub services: Option<Described>,
    /// Who action items may be given to.
    pub owners: Option<Described>,
}

/// `[checks]`.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Checks {
    /// Warnings not reported.
    pub allow: Vec<Code>,
    /// Warnings reported as errors.
    pub deny: Vec<Code>,
    /// Days after which a post-mortem still in draft or review is stale.
    pub stale_days: Option<u32>,
    /// Extra blame and hindsight phrases, each with the suggestion shown.
    pub phrases: Vec<(String, String)>,
}

/// Days after which a post-mortem still in draft or review is stale, without `stale_days`.
pub const DEFAULT_STALE_DAYS: u32 = 30;

impl Checks {
    /// The stale limit: `stale_days`, or [`DEFAULT_STALE_DAYS`].
    pub fn stale_limit(&self) -> u32 {
        self.stale_days.unwrap_or(DEFAULT_STALE_DAYS)
    }

    /// Drops the allowed warnings and makes the denied ones errors.
    pub fn apply(&self, diagnostics: &mut Vec<Diagnostic>) {
        diagnostics.retain(|d| d.is_error() || !self.allow.contains(&d.code));
        for diagnostic in diagnostics.iter_mut() {
            if self.deny.contains(&diagnostic.code) {
                diagnostic.raise();
            }
        }
    }
}

impl Config {
    /// Whether a diagnostic of `code` is reported as an error, whatever its own level.
    pub fn raises(&self, code: Code) -> bool {
        self.checks.deny.contains(&code)
            || (code == Code::UnlistedValue && self.vocabulary.unknown == Unknown::Error)
    }

    /// Applies `[checks]` and `[vocabulary] unknown` to one file's diagnostics.
    pub fn apply(&self, diagnostics: &mut Vec<Diagnostic>) {
        self.checks.apply(diagnostics);
        if self.vocabulary.unknown == Unknown::Error {
            diagnostics
                .iter_mut()
                .filter(|d| d.code == Code::UnlistedValue)
                .for_each(Diagnostic::raise);
        }
    }
}
