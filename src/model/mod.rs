//! The incident format, version 1: the types an incident file deserialises into.
//!
//! The model mirrors the file exactly. Ids, times and dates stay as the strings
//! the author wrote; `check` validates them and produces typed values, so that
//! every problem can be reported with its position instead of stopping at the
//! first one.

mod fields;
mod id;
mod metric;
pub mod placeholders;
mod schema;
mod time;
mod validated;

pub use fields::{expected_at, fields_at, struct_fields, variants_at, Expected};
pub use id::is_valid_id;
pub use metric::Metric;
pub use schema::{json_schema, json_schema_value, schema_text};
pub use time::{gap_readings, parse_date, parse_time, why_not_a_date, why_not_a_time, TimeError};
pub use validated::{
    ActionItemRecord, EventRecord, IncidentFile, Resolved, Validated, VendorActionRecord,
};

use serde::{Deserialize, Serialize};

/// One incident, as written in its file.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, schemars::JsonSchema)]
pub struct Incident {
    /// Explicit id; defaults to the file stem or folder name.
    #[serde(default)]
    pub id: Option<String>,
    /// One-line title.
    pub title: String,
    /// Editorial state.
    pub status: Status,
    /// The day the post-mortem was published, `YYYY-MM-DD`.
    #[serde(default)]
    pub published: Option<String>,
    /// A level of the scale: SEV1 (worst) to SEV5 unless rootline.toml says otherwise.
    pub severity: Severity,
    /// IANA zone for local times and display; UTC when absent.
    #[serde(default)]
    pub timezone: Option<String>,
    /// Markdown summary for a reader in a hurry.
    pub summary: String,
    /// Free slugs for grouping.
    #[serde(default)]
    pub tags: Vec<String>,
    /// Who wrote the post-mortem.
    #[serde(default)]
    pub authors: Vec<String>,
    /// Earlier or sibling incidents.
    #[serde(default)]
    pub related: Vec<String>,
    /// What users lost.
    pub impact: Impact,
    /// Organisations involved.
    pub parties: Vec<Party>,
    /// The timeline.
    pub events: Vec<Event>,
    /// Conditions and contributing factors.
    #[serde(default)]
    pub causes: Vec<Cause>,
    /// What third parties did or committed to.
    #[serde(default)]
    pub vendor_actions: Vec<VendorAction>,
    /// Our own follow-ups.
    #[serde(default)]
    pub action_items: Vec<ActionItem>,
    /// What went well, what went wrong, where we were lucky.
    #[serde(default)]
    pub lessons: Lessons,
    /// Supporting material.
    #[serde(default)]
    pub links: Vec<Link>,
    /// Warnings accepted for this incident, by name or code (`negative-metric`, `W0003`):
    /// `check` lists them as accepted and `--deny-warnings` lets them pass.
    #[serde(default)]
    pub allow: Vec<String>,
}

/// Editorial state of a post-mortem.
#[derive(
    Debug,
    Clone,
    Copy,
    Deserialize,
    Serialize,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Being written; left out of the site unless asked for.
    Draft,
    /// Ready for review.
    Review,
    /// Final.
    Published,
}

impl Status {
    /// The name as written in files.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Review => "review",
            Status::Published => "published",
        }
    }
}

/// An incident's severity: a level of the scale (`[severities]` in rootline.toml, or
/// `SEV1` to `SEV5`); `check` resolves its rank, worst first.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[serde(transparent)]
pub struct Severity(pub String);

/// What the default levels mean, in the order of [`crate::config::SEVERITY_NAMES`].
const DEFAULT_MEANINGS: [&str; 5] = ["Worst.", "Major.", "Moderate.", "Minor.", "Least."];

impl Severity {
    /// The level named `name`.
    pub fn new(name: &str) -> Self {
        Severity(name.to_string())
    }

    /// The name as written in files.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl schemars::JsonSchema for Severity {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Severity".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        // The default scale; `rootline schema` in a repository puts its own in.
        let levels: Vec<serde_json::Value> = crate::config::SEVERITY_NAMES
            .iter()
            .zip(DEFAULT_MEANINGS)
            .map(|(name, meaning)| {
                serde_json::json!({"const": name, "description": meaning, "type": "string"})
            })
            .collect();
        schemars::json_schema!({
            "description": "Incident severity; SEV1 is the worst.",
            "oneOf": levels
        })
    }
}

/// The impact block.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, Default, schemars::JsonSchema)]
pub struct Impact {
    /// Markdown description of the impact.
    pub description: String,
    /// Customers or accounts affected.
    #[serde(default)]
    pub customers: Option<u64>,
    /// Services affected.
    #[serde(default)]
    pub services: Vec<String>,
    /// Regions affected.
    #[serde(default)]
    pub regions: Vec<String>,
}

/// An organisation involved in the incident.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, schemars::JsonSchema)]
pub struct Party {
    /// Party id, referenced by `actor` and `vendor`.
    pub id: String,
    /// Display name.
    pub name: String,
    /// What the party is to us.
    pub role: Role,
}

/// A party's role.
#[derive(
    Debug,
    Clone,
    Copy,
    Deserialize,
    Serialize,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// The organisation the post-mortem is written for.
    Operator,
    /// A supplier.
    Vendor,
    /// A partner (for example a network carried by the operator).
    Partner,
    /// Customers.
    Customer,
    /// A regulator.
    Regulator,
    /// Anyone else.
    Other,
}

/// A timeline entry.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, schemars::JsonSchema)]
pub struct Event {
    /// Optional id; needed only when something refers to the event.
    #[serde(default)]
    pub id: Option<String>,
    /// When it happened.
    pub at: String,
    /// The time is an estimate.
    #[serde(default)]
    pub approx: bool,
    /// What kind of event this is.
    pub kind: EventKind,
    /// Party id of who acted.
    #[serde(default)]
    pub actor: Option<String>,
    /// One line.
    pub title: String,
    /// Markdown details.
    #[serde(default)]
    pub details: Option<String>,
    /// Ids of causes and events that contributed to this.
    #[serde(default)]
    pub caused_by: Vec<String>,
    /// URLs backing the event.
    #[serde(default)]
    pub sources: Vec<String>,
    /// How many customers are affected from this moment on (the impact over time).
    #[serde(default)]
    pub customers_affected: Option<u64>,
}

/// Kinds of timeline events.
#[derive(
    Debug,
    Clone,
    Copy,
    Deserialize,
    Serialize,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    /// What set things off.
    Trigger,
    /// Users start to be affected.
    ImpactStart,
    /// We noticed.
    Detection,
    /// We engaged or escalated.
    Response,
    /// We told someone.
    Communication,
    /// Impact reduced.
    Mitigation,
    /// Users no longer affected.
    ImpactEnd,
    /// Fully resolved.
    Resolution,
    /// Anything else worth recording.
    Note,
}

impl EventKind {
    /// Every kind, in the order the format lists them.
    pub const ALL: [EventKind; 9] = [
        EventKind::Trigger,
        EventKind::ImpactStart,
        EventKind::Detection,
        EventKind::Response,
        EventKind::Communication,
        EventKind::Mitigation,
        EventKind::ImpactEnd,
        EventKind::Resolution,
        EventKind::Note,
    ];

    /// The kind written as `name` in files (exact spelling, as serde reads it).
    pub fn from_name(name: &str) -> Option<EventKind> {
        EventKind::ALL
            .into_iter()
            .find(|kind| kind.as_str() == name)
    }

    /// The name as written in files.
    pub fn as_str(self) -> &'static str {
        match self {
            EventKind::Trigger => "trigger",
            EventKind::ImpactStart => "impact_start",
            EventKind::Detection => "detection",
            EventKind::Response => "response",
            EventKind::Communication => "communication",
            EventKind::Mitigation => "mitigation",
            EventKind::ImpactEnd => "impact_end",
            EventKind::Resolution => "resolution",
            EventKind::Note => "note",
        }
    }
}

/// A condition or contributing factor; needs no time.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, schemars::JsonSchema)]
pub struct Cause {
    /// Required id.
    pub id: String,
    /// One line.
    pub title: String,
    /// Slug for trends across incidents.
    #[serde(default)]
    pub category: Option<String>,
    /// Markdown details.
    #[serde(default)]
    pub details: Option<String>,
    /// Ids of causes and events that contributed to this.
    #[serde(default)]
    pub caused_by: Vec<String>,
    /// How sure the post-mortem is of this cause; confirmed when absent.
    #[serde(default)]
    pub status: CauseStatus,
    /// URLs of the evidence for this cause.
    #[serde(default)]
    pub sources: Vec<String>,
    /// Why nothing is done about this root cause (an accepted risk, a learning);
    /// such a root cause is not reported as unaddressed.
    #[serde(default)]
    pub no_action: Option<String>,
}

/// How sure the post-mortem is of a cause.
#[derive(
    Debug,
    Clone,
    Copy,
    Default,
    Deserialize,
    Serialize,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum CauseStatus {
    /// Established by the evidence.
    #[default]
    Confirmed,
    /// A hypothesis: shown as such everywhere.
    Suspected,
    /// Considered and ruled out: listed apart, in no chain.
    RuledOut,
}

impl CauseStatus {
    /// The name as written in files.
    pub fn as_str(self) -> &'static str {
        match self {
            CauseStatus::Confirmed => "confirmed",
            CauseStatus::Suspected => "suspected",
            CauseStatus::RuledOut => "ruled_out",
        }
    }
}

/// Something a third party did or committed to.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, schemars::JsonSchema)]
pub struct VendorAction {
    /// Required id.
    pub id: String,
    /// Party id whose role is vendor.
    pub vendor: String,
    /// One line.
    pub title: String,
    /// When it happened; a timed action also appears on the timeline.
    #[serde(default)]
    pub at: Option<String>,
    /// The time is an estimate.
    #[serde(default)]
    pub approx: bool,
    /// Due date of a commitment.
    #[serde(default)]
    pub due: Option<String>,
    /// The day a done commitment was done, `YYYY-MM-DD`.
    #[serde(default)]
    pub completed: Option<String>,
    /// Progress.
    #[serde(default)]
    pub status: Option<VendorStatus>,
    /// Causes and events this fixes or mitigates.
    #[serde(default)]
    pub addresses: Vec<String>,
    /// Markdown details.
    #[serde(default)]
    pub details: Option<String>,
    /// URLs backing the action.
    #[serde(default)]
    pub sources: Vec<String>,
}

/// Progress of a vendor action.
#[derive(
    Debug,
    Clone,
    Copy,
    Deserialize,
    Serialize,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum VendorStatus {
    /// Promised.
    Committed,
    /// Under way.
    InProgress,
    /// Finished.
    Done,
    /// Dropped.
    Cancelled,
}

/// One of our own follow-ups.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, schemars::JsonSchema)]
pub struct ActionItem {
    /// Required id.
    pub id: String,
    /// One line.
    pub title: String,
    /// Who is responsible.
    pub owner: String,
    /// Due date.
    #[serde(default)]
    pub due: Option<String>,
    /// The day a done item was done, `YYYY-MM-DD`.
    #[serde(default)]
    pub completed: Option<String>,
    /// Progress; open when absent.
    #[serde(default)]
    pub status: Option<ActionStatus>,
    /// P0 (most urgent) to P3.
    #[serde(default)]
    pub priority: Option<Priority>,
    /// What the item is for.
    #[serde(default, rename = "type")]
    pub kind: Option<ActionType>,
    /// Causes and events this fixes or mitigates.
    #[serde(default)]
    pub addresses: Vec<String>,
    /// Tracker link.
    #[serde(default)]
    pub link: Option<String>,
    /// URLs backing the item (where the company published it).
    #[serde(default)]
    pub sources: Vec<String>,
}

/// Progress of an action item.
#[derive(
    Debug,
    Clone,
    Copy,
    Deserialize,
    Serialize,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum ActionStatus {
    /// Not started.
    Open,
    /// Under way.
    InProgress,
    /// Finished.
    Done,
    /// Decided against.
    WontDo,
}

impl ActionStatus {
    /// Whether work is still expected.
    pub fn is_pending(self) -> bool {
        matches!(self, ActionStatus::Open | ActionStatus::InProgress)
    }
}

/// Action item priority.
#[derive(
    Debug,
    Clone,
    Copy,
    Deserialize,
    Serialize,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    schemars::JsonSchema,
)]
pub enum Priority {
    /// Drop everything.
    P0,
    /// High.
    P1,
    /// Medium.
    P2,
    /// Low.
    P3,
}

impl Priority {
    /// The name as written in files, `P0` to `P3`.
    pub fn as_str(self) -> &'static str {
        match self {
            Priority::P0 => "P0",
            Priority::P1 => "P1",
            Priority::P2 => "P2",
            Priority::P3 => "P3",
        }
    }
}

/// What an action item is for.
#[derive(
    Debug,
    Clone,
    Copy,
    Deserialize,
    Serialize,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum ActionType {
    /// Reduce impact next time.
    Mitigate,
    /// Stop it happening again.
    Prevent,
    /// Notice sooner.
    Detect,
    /// Change how we work.
    Process,
}

/// Lessons learned, each a list of Markdown strings.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, Default, schemars::JsonSchema)]
pub struct Lessons {
    /// What went well.
    #[serde(default)]
    pub went_well: Vec<String>,
    /// What went wrong.
    #[serde(default)]
    pub went_wrong: Vec<String>,
    /// Where we were lucky.
    #[serde(default)]
    pub lucky: Vec<String>,
}

/// A link to supporting material.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, schemars::JsonSchema)]
pub struct Link {
    /// Link text.
    pub title: String,
    /// Target URL.
    pub url: String,
}

#[cfg(test)]
mod tests {
    use super::{variants_at, EventKind};

    #[test]
    fn event_kind_names_are_the_ones_serde_reads() {
        let names: Vec<&str> = EventKind::ALL.iter().map(|kind| kind.as_str()).collect();
        assert_eq!(names, variants_at::<EventKind>(&[]));
        assert_eq!(
            EventKind::from_name("impact_end"),
            Some(EventKind::ImpactEnd)
        );
        assert_eq!(EventKind::from_name("Impact_End"), None);
    }
}
