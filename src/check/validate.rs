//! Per-file rules: ids, references, parties, times, dates, limits, wording.

use super::findings::Findings;
use crate::diagnostic::{did_you_mean, Code};
use crate::load::positions::YamlPath;
use crate::load::{Limits, LoadedFile};
use crate::model::{self, is_valid_id, Incident, Resolved, Role, TimeError, Validated};
use chrono::{DateTime, NaiveDate, Utc};
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

const BLAME_WORDS: [&str; 9] = [
    "human error",
    "should have",
    "careless",
    "failed to",
    "negligent",
    "negligence",
    "incompetent",
    "their fault",
    "didn't bother",
];

/// Applies the per-file rules; returns the typed incident when there is no error.
pub fn validate(
    loaded: &LoadedFile,
    limits: &Limits,
    findings: &mut Findings,
) -> Option<Validated> {
    let incident = loaded.incident.as_ref()?;
    let mut rules = Rules {
        incident,
        findings,
        ids: HashMap::new(),
    };
    rules.incident_id(&loaded.file.stem);
    rules.limits(limits);
    let zone = rules.zone();
    rules.parties();
    rules.collect_ids();
    rules.slugs();
    let event_times = rules.event_times(zone);
    let vendor_times = rules.vendor_times(zone);
    let vendor_due = rules.dates(
        "vendor_actions",
        incident.vendor_actions.iter().map(|a| &a.due),
    );
    let item_due = rules.dates("action_items", incident.action_items.iter().map(|a| &a.due));
    rules.references();
    rules.blame();
    if rules.findings.has_errors() {
        return None;
    }
    let resolved = Resolved {
        event_times: event_times
            .into_iter()
            .map(|t| t.unwrap_or_default())
            .collect(),
        vendor_times,
        vendor_due,
        item_due,
    };
    Some(Validated::new(
        loaded.file.clone(),
        incident.clone(),
        zone.unwrap_or(Tz::UTC),
        resolved,
    ))
}

struct Rules<'a> {
    incident: &'a Incident,
    findings: &'a mut Findings,
    ids: HashMap<&'a str, NodeType>,
}

impl<'a> Rules<'a> {
    fn incident_id(&mut self, stem: &str) {
        if !is_valid_id(stem) {
            self.findings.value(
                Code::InvalidId,
                YamlPath::root(),
                format!("the file name gives the id '{stem}', which is not a valid id"),
                Some("rename the file: ids match ^[a-z0-9][a-z0-9-]*$".to_string()),
            );
        }
        if let Some(explicit) = &self.incident.id {
            if explicit != stem {
                self.findings.value(
                    Code::IdMismatch,
                    YamlPath::root().key("id"),
                    format!("id '{explicit}' differs from the file name, which gives '{stem}'"),
                    Some(format!("write `id: {stem}` or remove the key")),
                );
            }
        }
    }

    fn limits(&mut self, limits: &Limits) {
        let i = self.incident;
        let nodes = i.events.len() + i.causes.len() + i.vendor_actions.len() + i.action_items.len();
        if nodes > limits.max_nodes {
            self.findings.value(
                Code::LimitExceeded,
                YamlPath::root().key("events"),
                format!(
                    "{nodes} events, causes and actions, over the limit of {}",
                    limits.max_nodes
                ),
                Some("raise it with --max-nodes".to_string()),
            );
        }
        let edges: usize = i.events.iter().map(|e| e.caused_by.len()).sum::<usize>()
            + i.causes.iter().map(|c| c.caused_by.len()).sum::<usize>()
            + i.vendor_actions
                .iter()
                .map(|a| a.addresses.len())
                .sum::<usize>()
            + i.action_items
                .iter()
                .map(|a| a.addresses.len())
                .sum::<usize>();
        if edges > limits.max_edges {
            self.findings.value(
                Code::LimitExceeded,
                YamlPath::root().key("events"),
                format!("{edges} references, over the limit of {}", limits.max_edges),
                Some("raise it with --max-edges".to_string()),
            );
        }
    }

    fn zone(&mut self) -> Option<Tz> {
        let Some(name) = &self.incident.timezone else {
            return Some(Tz::UTC);
        };
        match name.parse::<Tz>() {
            Ok(zone) => Some(zone),
            Err(_) => {
                let hint = did_you_mean(name, chrono_tz::TZ_VARIANTS.iter().map(|z| z.name()))
                    .or_else(|| Some("use an IANA name such as Europe/London".to_string()));
                self.findings.value(
                    Code::UnknownTimezone,
                    YamlPath::root().key("timezone"),
                    format!("unknown time zone '{name}'"),
                    hint,
                );
                None
            }
        }
    }

    fn parties(&mut self) {
        let mut seen: HashMap<&str, usize> = HashMap::new();
        for (i, party) in self.incident.parties.iter().enumerate() {
            let path = YamlPath::field("parties", i, "id");
            self.check_id_syntax(&party.id, path.clone());
            if let Some(first) = seen.insert(&party.id, i) {
                self.findings.value(
                    Code::DuplicateParty,
                    path,
                    format!("party id '{}' is used twice", party.id),
                    Some(format!("the first is parties[{first}]")),
                );
            }
        }
        if !self
            .incident
            .parties
            .iter()
            .any(|p| p.role == Role::Operator)
        {
            self.findings.value(
                Code::NoOperator,
                YamlPath::root().key("parties"),
                "no party has the role 'operator'".to_string(),
                Some(
                    "add the organisation the post-mortem is written for, with role: operator"
                        .to_string(),
                ),
            );
        }
    }

    fn check_id_syntax(&mut self, id: &str, path: YamlPath) {
        if !is_valid_id(id) {
            self.findings.value(
                Code::InvalidId,
                path,
                format!("'{id}' is not a valid id"),
                Some(
                    "ids match ^[a-z0-9][a-z0-9-]*$: lower-case letters, digits and dashes"
                        .to_string(),
                ),
            );
        }
    }

    fn collect_ids(&mut self) {
        let i = self.incident;
        let events = i.events.iter().enumerate().filter_map(|(n, e)| {
            e.id.as_deref()
                .map(|id| (id, NodeType::Event, YamlPath::field("events", n, "id")))
        });
        let causes = i.causes.iter().enumerate().map(|(n, c)| {
            (
                c.id.as_str(),
                NodeType::Cause,
                YamlPath::field("causes", n, "id"),
            )
        });
        let vendor = i.vendor_actions.iter().enumerate().map(|(n, a)| {
            (
                a.id.as_str(),
                NodeType::VendorAction,
                YamlPath::field("vendor_actions", n, "id"),
            )
        });
        let items = i.action_items.iter().enumerate().map(|(n, a)| {
            (
                a.id.as_str(),
                NodeType::ActionItem,
                YamlPath::field("action_items", n, "id"),
            )
        });
        let all: Vec<_> = events.chain(causes).chain(vendor).chain(items).collect();
        for (id, node_type, path) in all {
            self.check_id_syntax(id, path.clone());
            if let Some(first) = self.ids.insert(id, node_type) {
                self.findings.value(
                    Code::DuplicateId,
                    path,
                    format!("id '{id}' is used twice (first by {})", first.noun()),
                    Some(
                        "ids must be unique across events, causes, vendor actions and action items"
                            .to_string(),
                    ),
                );
            }
        }
    }

    fn slugs(&mut self) {
        let i = self.incident;
        for (n, tag) in i.tags.iter().enumerate() {
            self.check_slug(tag, "tag", YamlPath::root().key("tags").index(n));
        }
        for (n, cause) in i.causes.iter().enumerate() {
            if let Some(category) = &cause.category {
                self.check_slug(
                    category,
                    "category",
                    YamlPath::field("causes", n, "category"),
                );
            }
        }
        for (n, related) in i.related.iter().enumerate() {
            self.check_id_syntax(related, YamlPath::root().key("related").index(n));
        }
    }

    fn check_slug(&mut self, slug: &str, what: &str, path: YamlPath) {
        if !is_valid_id(slug) {
            self.findings.value(
                Code::InvalidId,
                path,
                format!("{what} '{slug}' is not a slug"),
                Some(format!("write it as '{}'", crate::text::slugify(slug))),
            );
        }
    }

    fn event_times(&mut self, zone: Option<Tz>) -> Vec<Option<DateTime<Utc>>> {
        let incident = self.incident;
        incident
            .events
            .iter()
            .enumerate()
            .map(|(n, e)| self.time(&e.at, zone, YamlPath::field("events", n, "at")))
            .collect()
    }

    fn vendor_times(&mut self, zone: Option<Tz>) -> Vec<Option<DateTime<Utc>>> {
        let incident = self.incident;
        incident
            .vendor_actions
            .iter()
            .enumerate()
            .map(|(n, a)| {
                let at = a.at.as_ref()?;
                self.time(at, zone, YamlPath::field("vendor_actions", n, "at"))
            })
            .collect()
    }

    fn time(&mut self, text: &str, zone: Option<Tz>, path: YamlPath) -> Option<DateTime<Utc>> {
        // With an unknown zone only times with offsets can be read; local ones are not guessed.
        let parsed = model::parse_time(text, zone.unwrap_or(Tz::UTC));
        match (parsed, zone) {
            (Ok(time), Some(_)) => Some(time),
            (Ok(time), None) if chrono::DateTime::parse_from_rfc3339(text.trim()).is_ok() => {
                Some(time)
            }
            (Ok(_), None) => None,
            (Err(error), _) => {
                let code = match error {
                    TimeError::Malformed(_) => Code::InvalidTime,
                    TimeError::Nonexistent { .. } => Code::NonexistentTime,
                    TimeError::Ambiguous { .. } => Code::AmbiguousTime,
                };
                let hint = match error {
                    TimeError::Malformed(_) => None,
                    _ => Some(
                        "write the time with its UTC offset, for example 2018-10-28T01:30:00+01:00"
                            .to_string(),
                    ),
                };
                self.findings.value(code, path, error.to_string(), hint);
                None
            }
        }
    }

    fn dates<'b>(
        &mut self,
        list: &str,
        dues: impl Iterator<Item = &'b Option<String>>,
    ) -> Vec<Option<NaiveDate>> {
        dues.enumerate()
            .map(|(n, due)| {
                let text = due.as_ref()?;
                let date = model::parse_date(text);
                if date.is_none() {
                    self.findings.value(
                        Code::InvalidTime,
                        YamlPath::field(list, n, "due"),
                        format!("'{text}' is not a date"),
                        Some("write dates as YYYY-MM-DD".to_string()),
                    );
                }
                date
            })
            .collect()
    }

    fn references(&mut self) {
        let incident = self.incident;
        let parties: HashMap<&str, Role> = incident
            .parties
            .iter()
            .map(|p| (p.id.as_str(), p.role))
            .collect();
        for (n, event) in incident.events.iter().enumerate() {
            if let Some(actor) = &event.actor {
                self.party(&parties, actor, None, YamlPath::field("events", n, "actor"));
            }
            self.edges(
                &event.caused_by,
                YamlPath::field("events", n, "caused_by"),
                "caused_by",
            );
        }
        for (n, cause) in incident.causes.iter().enumerate() {
            self.edges(
                &cause.caused_by,
                YamlPath::field("causes", n, "caused_by"),
                "caused_by",
            );
        }
        for (n, action) in incident.vendor_actions.iter().enumerate() {
            let path = YamlPath::field("vendor_actions", n, "vendor");
            self.party(&parties, &action.vendor, Some(Role::Vendor), path);
            self.edges(
                &action.addresses,
                YamlPath::field("vendor_actions", n, "addresses"),
                "addresses",
            );
        }
        for (n, item) in incident.action_items.iter().enumerate() {
            self.edges(
                &item.addresses,
                YamlPath::field("action_items", n, "addresses"),
                "addresses",
            );
        }
    }

    fn party(
        &mut self,
        parties: &HashMap<&str, Role>,
        id: &str,
        role: Option<Role>,
        path: YamlPath,
    ) {
        match (parties.get(id), role) {
            (None, _) => {
                let hint = did_you_mean(id, parties.keys().copied())
                    .or_else(|| Some("declare it under parties".to_string()));
                self.findings.value(
                    Code::BadParty,
                    path,
                    format!("'{id}' is not a party of this incident"),
                    hint,
                );
            }
            (Some(actual), Some(wanted)) if *actual != wanted => {
                self.findings.value(
                    Code::BadParty,
                    path,
                    format!("'{id}' is not a vendor (its role is {actual:?})").to_lowercase(),
                    Some("vendor actions need a party with role: vendor".to_string()),
                );
            }
            _ => {}
        }
    }

    fn edges(&mut self, targets: &[String], path: YamlPath, key: &str) {
        for (n, target) in targets.iter().enumerate() {
            let path = path.index(n);
            match self.ids.get(target.as_str()) {
                None => {
                    let known = self
                        .ids
                        .iter()
                        .filter(|(_, t)| !t.is_action())
                        .map(|(id, _)| *id);
                    let hint = did_you_mean(target, known);
                    self.findings.value(
                        Code::DanglingReference,
                        path,
                        format!("unknown id '{target}'"),
                        hint,
                    );
                }
                Some(node_type) if node_type.is_action() => {
                    self.findings.value(
                        Code::CausedByAction,
                        path,
                        format!(
                            "'{target}' is {}; {key} may name causes and events only",
                            node_type.noun()
                        ),
                        None,
                    );
                }
                Some(_) => {}
            }
        }
    }

    fn blame(&mut self) {
        for (n, cause) in self.incident.causes.iter().enumerate() {
            let texts = [
                ("title", Some(&cause.title)),
                ("details", cause.details.as_ref()),
            ];
            for (key, text) in texts {
                let Some(text) = text else { continue };
                let lower = text.to_lowercase();
                if let Some(word) = BLAME_WORDS.iter().find(|w| lower.contains(*w)) {
                    self.findings.value(
                        Code::BlameLanguage,
                        YamlPath::field("causes", n, key),
                        format!("cause '{}' uses blaming language ('{}')", cause.id, word),
                        Some("describe the condition that let the mistake happen (what made it easy, what did not catch it), not the person".to_string()),
                    );
                    break;
                }
            }
        }
    }
}
