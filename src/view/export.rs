//! The machine-readable analysis (`rootline export`, and `<id>.json` beside each page).

use crate::analysis::{Analysed, Metrics};
use crate::model::{CauseStatus, EventKind, Metric, Severity, Status};
use crate::text::rfc3339;
use serde::Serialize;

/// One incident's analysis, as the format's JSON contract defines it.
#[derive(Debug, Serialize)]
pub struct Export<'a> {
    /// Incident id.
    pub id: &'a str,
    /// Title.
    pub title: &'a str,
    /// Editorial state.
    pub status: Status,
    /// Severity.
    pub severity: &'a Severity,
    /// Display zone.
    pub timezone: &'a str,
    /// The measured figures.
    pub metrics: ExportMetrics,
    /// Confirmed root cause ids, in file order.
    pub root_causes: Vec<&'a str>,
    /// Root causes the post-mortem only suspects, in file order.
    pub suspected_root_causes: Vec<&'a str>,
    /// Root causes accepted without action (`no_action`), in file order.
    pub accepted_root_causes: Vec<&'a str>,
    /// Every cause with how sure the post-mortem is of it.
    pub causes: Vec<ExportCause<'a>>,
    /// Root-cause chains as ids, root first.
    pub chains: Vec<Vec<&'a str>>,
    /// How many chains were not listed.
    pub chains_left_out: u64,
    /// Every id on some chain.
    pub contributing_factors: Vec<&'a str>,
    /// Nodes several causes reached jointly.
    pub joins: Vec<ExportJoin<'a>>,
    /// Root causes no action addresses.
    pub unaddressed_root_causes: Vec<&'a str>,
    /// Events sorted by time (ties keep file order).
    pub timeline: Vec<ExportEvent<'a>>,
}

/// Metrics; `null` when unknown.
#[derive(Debug, Serialize)]
pub struct ExportMetrics {
    /// First impact start, RFC 3339 UTC.
    pub impact_start: Option<String>,
    /// Last impact end, RFC 3339 UTC.
    pub impact_end: Option<String>,
    /// Duration.
    pub duration_seconds: Option<i64>,
    /// Time to detect.
    pub time_to_detect_seconds: Option<i64>,
    /// Time to respond.
    pub time_to_respond_seconds: Option<i64>,
    /// Time to mitigate.
    pub time_to_mitigate_seconds: Option<i64>,
    /// Time to resolve.
    pub time_to_resolve_seconds: Option<i64>,
    /// Customers affected.
    pub customers: Option<u64>,
    /// Customers affected, integrated over the impact, in minutes.
    pub customer_minutes: Option<u64>,
    /// The keys above whose value rests on an estimated (`approx`) time.
    pub approximate: Vec<&'static str>,
}

/// A cause and its standing.
#[derive(Debug, Serialize)]
pub struct ExportCause<'a> {
    /// Cause id.
    pub id: &'a str,
    /// `confirmed`, `suspected` or `ruled_out`.
    pub status: CauseStatus,
    /// URLs of the evidence.
    pub sources: &'a [String],
}

/// A join: a node reached jointly by several causes.
#[derive(Debug, Serialize)]
pub struct ExportJoin<'a> {
    /// The node.
    pub id: &'a str,
    /// Its causes, all of which contributed together.
    pub caused_by: Vec<&'a str>,
}

/// A timeline event.
#[derive(Debug, Serialize)]
pub struct ExportEvent<'a> {
    /// Event id (internal `_event-N` when the file gives none).
    pub id: &'a str,
    /// Time, RFC 3339 UTC.
    pub at: String,
    /// Estimated time.
    pub approx: bool,
    /// Event kind.
    pub kind: EventKind,
    /// Party id.
    pub actor: Option<&'a str>,
    /// Title.
    pub title: &'a str,
}

impl ExportMetrics {
    /// The figures of `m` as the export gives them.
    pub fn new(m: &Metrics) -> Self {
        let mut approximate = Vec::new();
        if m.impact_start_approx && m.impact_start.is_some() {
            approximate.push("impact_start");
        }
        if m.impact_end_approx && m.impact_end.is_some() {
            approximate.push("impact_end");
        }
        for metric in Metric::ALL {
            if m.seconds(metric).is_some() && m.is_approximate(metric) {
                approximate.push(metric.seconds_key());
            }
        }
        if m.customer_minutes.is_some() && m.customer_minutes_approx {
            approximate.push("customer_minutes");
        }
        ExportMetrics {
            impact_start: m.impact_start.map(rfc3339),
            impact_end: m.impact_end.map(rfc3339),
            duration_seconds: m.duration_seconds,
            time_to_detect_seconds: m.time_to_detect_seconds,
            time_to_respond_seconds: m.time_to_respond_seconds,
            time_to_mitigate_seconds: m.time_to_mitigate_seconds,
            time_to_resolve_seconds: m.time_to_resolve_seconds,
            customers: m.customers,
            customer_minutes: m.customer_minutes,
            approximate,
        }
    }
}

impl<'a> Export<'a> {
    /// Builds the export of one analysed incident.
    pub fn new(analysed: &'a Analysed) -> Self {
        let v = &analysed.validated;
        let a = &analysed.analysis;
        let id_of = |node: &usize| a.graph.nodes[*node].id.as_str();
        let m = &a.metrics;
        Export {
            id: &v.id,
            title: &v.incident.title,
            status: v.incident.status,
            severity: &v.incident.severity,
            timezone: v.zone.name(),
            metrics: ExportMetrics::new(m),
            root_causes: a
                .root_causes
                .iter()
                .filter(|r| !a.suspected_root_causes.contains(r))
                .map(id_of)
                .collect(),
            suspected_root_causes: a.suspected_root_causes.iter().map(id_of).collect(),
            accepted_root_causes: a.accepted.iter().map(id_of).collect(),
            causes: v
                .incident
                .causes
                .iter()
                .map(|c| ExportCause {
                    id: &c.id,
                    status: c.status,
                    sources: &c.sources,
                })
                .collect(),
            chains: a
                .chains
                .paths
                .iter()
                .map(|c| c.iter().map(id_of).collect())
                .collect(),
            chains_left_out: a.chains.left_out(),
            contributing_factors: a.contributing.iter().map(id_of).collect(),
            joins: a
                .joins
                .iter()
                .map(|(node, parents)| ExportJoin {
                    id: id_of(node),
                    caused_by: parents.iter().map(id_of).collect(),
                })
                .collect(),
            unaddressed_root_causes: a.unaddressed.iter().map(id_of).collect(),
            timeline: a
                .timeline
                .iter()
                .map(|&i| {
                    let record = v.event(i);
                    let e = record.event;
                    ExportEvent {
                        id: record.id,
                        at: rfc3339(record.at),
                        approx: e.approx,
                        kind: e.kind,
                        actor: e.actor.as_deref(),
                        title: &e.title,
                    }
                })
                .collect(),
        }
    }
}

/// Pretty JSON of one incident's export, with a final newline.
pub fn to_json(analysed: &Analysed) -> String {
    let mut text = serde_json::to_string_pretty(&Export::new(analysed)).unwrap_or_default();
    text.push('\n');
    text
}
