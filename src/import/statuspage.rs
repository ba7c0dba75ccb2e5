//! `rootline import statuspage`: what a vendor told the world on its status page.
//!
//! Reads the public `/api/v2/incidents.json` any Statuspage page serves without a
//! key (`{"page": {...}, "incidents": [...]}`), or one incident's JSON
//! (`{"incident": {...}}` or the bare incident). Each `incident_update` becomes a
//! `communication` event in the vendor's lane (`actor: PARTY`), at its
//! `display_at` (the time the page shows; it can be back-dated) or else its
//! `created_at`, with the status and the affected components. `--incident` picks
//! one incident by id or name; a file with several and no `--incident` is an error
//! that lists them.

use super::pagerduty::read_json;
use super::{ImportError, ImportOptions, Imported, ImportedEvent, Importer};
use crate::diagnostic::did_you_mean;
use crate::model::{self, EventKind, Party, Role};
use serde::Deserialize;
use std::path::Path;

/// Reads a Statuspage incidents file.
#[derive(Debug, Clone, Copy, Default)]
pub struct Statuspage;

/// `rootline import statuspage`'s own flags.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct StatuspageFlags {
    /// The vendor's party id; added to `parties` (role vendor, the page's name) if missing.
    #[arg(long, value_name = "PARTY")]
    pub vendor: String,
    /// The incident to import, by id or name, when the file holds several.
    #[arg(long, value_name = "ID")]
    pub incident: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
struct Page {
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    url: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
struct Incident {
    id: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    shortlink: Option<String>,
    #[serde(default)]
    incident_updates: Vec<serde_json::Value>,
}

#[derive(Debug, Clone, Deserialize)]
struct Update {
    #[serde(default)]
    id: String,
    #[serde(default)]
    status: String,
    #[serde(default)]
    body: String,
    #[serde(default)]
    created_at: Option<String>,
    #[serde(default)]
    display_at: Option<String>,
    #[serde(default)]
    affected_components: Option<Vec<Component>>,
}

#[derive(Debug, Clone, Deserialize)]
struct Component {
    #[serde(default)]
    name: String,
    #[serde(default)]
    old_status: Option<String>,
    #[serde(default)]
    new_status: Option<String>,
}

/// The shapes a saved status page file comes in.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum File {
    List {
        #[serde(default)]
        page: Page,
        incidents: Vec<Incident>,
    },
    One {
        #[serde(default)]
        page: Page,
        incident: Incident,
    },
    Bare(Incident),
}

impl Importer for Statuspage {
    type Flags = StatuspageFlags;

    fn name(&self) -> &'static str {
        "statuspage"
    }

    fn about(&self) -> &'static str {
        "A status page's public incidents.json (Statuspage API v2): the vendor's updates"
    }

    fn example(&self) -> &'static str {
        "rootline import statuspage incidents.json --vendor payco --incident p8t5hq2m3kxr --into incidents/2024-03-01-checkout-errors.yaml"
    }

    fn read(
        &self,
        input: &Path,
        flags: &StatuspageFlags,
        _options: &ImportOptions,
    ) -> Result<Imported, ImportError> {
        if !model::is_valid_id(&flags.vendor) {
            return Err(ImportError::Unreadable {
                path: input.to_path_buf(),
                message: format!(
                    "--vendor '{}' is not a party id (lowercase letters, digits and dashes)",
                    flags.vendor
                ),
            });
        }
        let (page, incidents) = match read_json::<File>(input)? {
            File::List { page, incidents } => (page, incidents),
            File::One { page, incident } => (page, vec![incident]),
            File::Bare(incident) => (Page::default(), vec![incident]),
        };
        let (index, incident) = choose(input, incidents, flags.incident.as_deref())?;
        let mut imported = Imported::default();
        imported.parties.push(Party {
            id: flags.vendor.clone(),
            name: page.name.clone().unwrap_or_else(|| flags.vendor.clone()),
            role: Role::Vendor,
        });
        let place = format!("{}: incidents[{index}]", input.display());
        imported.events = updates(&incident, &page, &flags.vendor, &place)?;
        if imported.events.is_empty() {
            imported.warnings.push(format!(
                "{place}: incident '{}' has no updates",
                incident.name
            ));
        }
        Ok(imported)
    }
}

/// The incident `wanted` names (by id, or by name in any case), or the only one.
fn choose(
    input: &Path,
    incidents: Vec<Incident>,
    wanted: Option<&str>,
) -> Result<(usize, Incident), ImportError> {
    let listing = |incidents: &[Incident]| -> Vec<String> {
        incidents
            .iter()
            .map(|i| format!("  {}  {}", i.id, i.name))
            .collect()
    };
    let problem = |message: String| ImportError::Rows {
        path: input.to_path_buf(),
        problems: vec![message],
    };
    let found = match wanted {
        Some(wanted) => incidents
            .iter()
            .position(|i| i.id == wanted)
            .or_else(|| {
                let lower = wanted.to_lowercase();
                incidents.iter().position(|i| i.name.to_lowercase() == lower)
            }),
        None if incidents.len() == 1 => Some(0),
        None => None,
    };
    match (found, wanted) {
        (Some(index), _) => Ok((index, incidents[index].clone())),
        (None, None) if incidents.is_empty() => Err(problem(format!(
            "{}: the file holds no incidents",
            input.display()
        ))),
        (None, None) => Err(problem(format!(
            "{}: the file holds {} incidents; pick one with --incident ID (or its name):\n{}",
            input.display(),
            incidents.len(),
            listing(&incidents).join("\n")
        ))),
        (None, Some(wanted)) => {
            let names = incidents
                .iter()
                .flat_map(|i| [i.id.as_str(), i.name.as_str()]);
            let hint = did_you_mean(wanted, names)
                .map(|hint| format!(" ({hint})"))
                .unwrap_or_default();
            Err(problem(format!(
                "{}: no incident has the id or name '{wanted}'{hint}; the incidents are:\n{}",
                input.display(),
                listing(&incidents).join("\n")
            )))
        }
    }
}

/// Every update of `incident`, oldest first, each problem reported with its place.
fn updates(
    incident: &Incident,
    page: &Page,
    vendor: &str,
    place: &str,
) -> Result<Vec<ImportedEvent>, ImportError> {
    let link = incident.shortlink.clone().or_else(|| {
        let url = page.url.as_deref()?.trim_end_matches('/');
        Some(format!("{url}/incidents/{}", incident.id))
    });
    let mut problems = Vec::new();
    let mut events = Vec::new();
    for (n, value) in incident.incident_updates.iter().enumerate() {
        let at = |message: String| format!("{place}.incident_updates[{n}]: {message}");
        let update = match serde_json::from_value::<Update>(value.clone()) {
            Ok(update) => update,
            Err(e) => {
                problems.push(at(e.to_string()));
                continue;
            }
        };
        let Some(time) = update.display_at.clone().or(update.created_at.clone()) else {
            problems.push(at("neither display_at nor created_at is given".into()));
            continue;
        };
        let Ok(instant) = chrono::DateTime::parse_from_rfc3339(time.trim()) else {
            problems.push(at(format!("'{time}' is not an RFC 3339 time")));
            continue;
        };
        events.push((instant, event(incident, &update, time, vendor, link.as_deref())));
    }
    if !problems.is_empty() {
        return Err(ImportError::Rows {
            path: place.into(),
            problems,
        });
    }
    // The API lists updates newest first; the timeline reads oldest first.
    events.sort_by_key(|(instant, _)| *instant);
    Ok(events.into_iter().map(|(_, event)| event).collect())
}

fn event(
    incident: &Incident,
    update: &Update,
    at: String,
    vendor: &str,
    link: Option<&str>,
) -> ImportedEvent {
    let mut details = update.body.trim().to_string();
    let components: Vec<String> = update
        .affected_components
        .iter()
        .flatten()
        .map(component)
        .collect();
    if !components.is_empty() {
        if !details.is_empty() {
            details.push_str("\n\n");
        }
        details.push_str(&format!("Affected components: {}.", components.join("; ")));
    }
    // Every update of an incident shares its shortlink; the update's id, as a
    // fragment the page ignores, tells a second import which updates it has.
    let source = link.map(|link| match update.id.as_str() {
        "" => link.to_string(),
        id => format!("{link}#{id}"),
    });
    ImportedEvent {
        at,
        kind: EventKind::Communication,
        actor: Some(vendor.to_string()),
        title: format!("Status page: {} — {}", status_word(&update.status), incident.name),
        details: (!details.is_empty()).then_some(details),
        source,
    }
}

/// `Card payments (operational → major outage)`.
fn component(component: &Component) -> String {
    let status = |s: &Option<String>| s.as_deref().map(|s| s.replace('_', " "));
    match (status(&component.old_status), status(&component.new_status)) {
        (Some(old), Some(new)) if old != new => format!("{} ({old} → {new})", component.name),
        (_, Some(new)) => format!("{} ({new})", component.name),
        _ => component.name.clone(),
    }
}

/// `Investigating`, `Identified`, `Monitoring`, `Resolved` (or the page's own word).
fn status_word(status: &str) -> String {
    let status = status.replace('_', " ");
    let mut chars = status.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => "Update".to_string(),
    }
}
