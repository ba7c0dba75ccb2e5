//! Per-file rules: ids, references, parties, texts, times and their order, dates, limits,
//! wording, accepted warnings.
//!
//! Each concern is one file adding methods to [`Rules`], the state the rules share:
//! the incident, where findings go, and the ids seen so far.

mod allow;
mod ids;
mod limits;
mod order;
mod parties;
mod references;
mod texts;
mod times;
mod vocabulary;
mod wording;
mod zones;

use super::findings::Findings;
use super::phrases::PhraseTable;
use crate::config::Config;
use crate::load::{Limits, LoadedFile};
use crate::model::{Incident, Validated};
use chrono_tz::Tz;
use std::collections::HashMap;

/// What an id names inside one incident.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum NodeType {
    Event,
    Cause,
    VendorAction,
    ActionItem,
}

impl NodeType {
    fn noun(self) -> &'static str {
        match self {
            NodeType::Event => "an event",
            NodeType::Cause => "a cause",
            NodeType::VendorAction => "a vendor action",
            NodeType::ActionItem => "an action item",
        }
    }

    fn is_action(self) -> bool {
        matches!(self, NodeType::VendorAction | NodeType::ActionItem)
    }
}

/// Applies the per-file rules without settings (no scale, no vocabularies); returns the
/// typed incident when there is no error.
pub fn validate(
    loaded: &LoadedFile,
    limits: &Limits,
    findings: &mut Findings,
) -> Option<Validated> {
    validate_with(loaded, limits, &Config::default(), findings)
}

/// Applies the per-file rules with rootline.toml's scale and vocabularies.
pub fn validate_with(
    loaded: &LoadedFile,
    limits: &Limits,
    config: &Config,
    findings: &mut Findings,
) -> Option<Validated> {
    let incident = loaded.incident.as_ref()?;
    let mut rules = Rules {
        incident,
        findings,
        ids: HashMap::new(),
        config,
    };
    rules.incident_id(&loaded.file.stem);
    rules.limits(limits);
    let zone = rules.zone();
    rules.parties();
    rules.collect_ids();
    rules.slugs();
    rules.texts();
    let mut resolved = rules.resolve_times(zone);
    rules.references();
    if config.checks.phrases.is_empty() {
        rules.hindsight(PhraseTable::built_in());
    } else {
        rules.hindsight(&PhraseTable::with_extra(&config.checks.phrases));
    }
    rules.allow();
    resolved.severity_rank = rules.severity_scale();
    rules.vocabulary();
    if rules.findings.has_errors() {
        return None;
    }
    Some(Validated::new(
        loaded.file.clone(),
        incident.clone(),
        zone.unwrap_or(Tz::UTC),
        resolved,
    ))
}

/// The state the per-file rules share while they walk one incident.
struct Rules<'a> {
    incident: &'a Incident,
    findings: &'a mut Findings,
    /// Every id of an event, cause or action, with what it names (filled by `collect_ids`).
    ids: HashMap<&'a str, NodeType>,
    /// `rootline.toml`: the severity scale and the vocabularies.
    config: &'a Config,
}
