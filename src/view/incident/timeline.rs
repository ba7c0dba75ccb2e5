//! The timeline of a post-mortem: one row per event and timed vendor action,
//! and what the timeline picture needs beyond the rows.

use super::prose::{source_links, SafeLink, Text};
use super::Builder;
use crate::analysis::Analysed;
use crate::model::{EventKind, Role};
use crate::text::format::format_offset;
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use serde::Serialize;

/// One timeline row (an event or a timed vendor action).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct TimelineRow {
    /// Id (anchor target).
    pub id: String,
    /// Local date and time, e.g. "2018-12-06 05:00".
    pub local: String,
    /// Local clock time with `~` when approximate.
    pub clock: String,
    /// The time is an estimate.
    pub approx: bool,
    /// Offset from the first impact start, e.g. "T+30 min".
    pub offset: Option<String>,
    /// Party name.
    pub actor: Option<String>,
    /// Event kind (`vendor_action` for vendor actions).
    pub kind: &'static str,
    /// The event kind; none for vendor actions.
    #[serde(skip)]
    pub event_kind: Option<EventKind>,
    /// Kind for people.
    pub kind_label: &'static str,
    /// Title.
    pub title: String,
    /// Details.
    pub details: Option<Text>,
    /// Checked source links.
    pub sources: Vec<SafeLink>,
    /// Whether it happened before the impact started.
    pub before_impact: bool,
    /// UTC time (for machines).
    #[serde(skip)]
    pub at: DateTime<Utc>,
    /// Lane (party id, or empty).
    #[serde(skip)]
    pub lane: String,
}

/// What the timeline picture needs beyond the timeline rows.
#[derive(Debug, Clone)]
pub struct TimelineFigure {
    /// The zone the axis is labelled in.
    pub zone: Tz,
    /// First impact start.
    pub impact_start: Option<DateTime<Utc>>,
    /// Last impact end.
    pub impact_end: Option<DateTime<Utc>>,
    /// Duration of the impact, in seconds.
    pub duration_seconds: Option<i64>,
    /// The first detection, mitigation and resolution, with their labels, in that order.
    pub milestones: Vec<(EventKind, &'static str, DateTime<Utc>)>,
    /// One lane per party (id, name): operators first, then vendors, partners,
    /// customers, regulators and others, each in file order.
    pub lanes: Vec<(String, String)>,
    /// Customers affected over time: (from when, how many), from the impact start.
    pub affected: Vec<(DateTime<Utc>, u64)>,
}

fn kind_label(kind: EventKind) -> &'static str {
    match kind {
        EventKind::Trigger => "Trigger",
        EventKind::ImpactStart => "Impact starts",
        EventKind::Detection => "Detection",
        EventKind::Response => "Response",
        EventKind::Communication => "Communication",
        EventKind::Mitigation => "Mitigation",
        EventKind::ImpactEnd => "Impact ends",
        EventKind::Resolution => "Resolution",
        EventKind::Note => "Note",
    }
}

impl Builder<'_> {
    pub(super) fn timeline(&self) -> Vec<TimelineRow> {
        let v = &self.analysed.validated;
        let start = self.analysed.analysis.metrics.impact_start;
        let row = |at: DateTime<Utc>, approx: bool| {
            let local = at.with_timezone(&v.zone);
            let clock = crate::text::format::clock(&local);
            (
                crate::text::format::date_and_minute(&local),
                if approx { format!("~{clock}") } else { clock },
                start.map(|s| format_offset((at - s).num_seconds())),
                start.is_some_and(|s| at < s),
            )
        };
        let mut rows: Vec<TimelineRow> = self
            .analysed
            .analysis
            .timeline
            .iter()
            .map(|&i| {
                let record = v.event(i);
                let (e, at) = (record.event, record.at);
                let (local, clock, offset, before_impact) = row(at, e.approx);
                TimelineRow {
                    id: record.id.to_string(),
                    local,
                    clock,
                    approx: e.approx,
                    offset,
                    actor: e.actor.as_deref().map(|a| self.party(a)),
                    kind: e.kind.as_str(),
                    event_kind: Some(e.kind),
                    kind_label: kind_label(e.kind),
                    title: e.title.clone(),
                    details: e.details.as_deref().map(Text::new),
                    sources: source_links(&e.sources),
                    before_impact,
                    at,
                    lane: e.actor.clone().unwrap_or_default(),
                }
            })
            .collect();
        for record in v.vendor_actions() {
            let action = record.action;
            let Some(at) = record.at else {
                continue;
            };
            let (local, clock, offset, before_impact) = row(at, action.approx);
            rows.push(TimelineRow {
                id: action.id.clone(),
                local,
                clock,
                approx: action.approx,
                offset,
                actor: Some(self.party(&action.vendor)),
                kind: "vendor_action",
                event_kind: None,
                kind_label: "Vendor action",
                title: action.title.clone(),
                details: action.details.as_deref().map(Text::new),
                sources: source_links(&action.sources),
                before_impact,
                at,
                lane: action.vendor.clone(),
            });
        }
        // Stable: events keep their sorted order, vendor actions fall in by time.
        rows.sort_by_key(|r| r.at);
        rows
    }
}

/// Lanes sort by role, in this order.
fn role_order(role: Role) -> u8 {
    match role {
        Role::Operator => 0,
        Role::Vendor => 1,
        Role::Partner => 2,
        Role::Customer => 3,
        Role::Regulator => 4,
        Role::Other => 5,
    }
}

pub(super) fn timeline_figure(analysed: &Analysed) -> TimelineFigure {
    let v = &analysed.validated;
    let m = &analysed.analysis.metrics;
    let marks = [
        (EventKind::Detection, "Detected"),
        (EventKind::Mitigation, "Mitigated"),
        (EventKind::Resolution, "Resolved"),
    ];
    let milestones = marks
        .into_iter()
        .filter_map(|(kind, label)| {
            let first = v.first_of(kind, &analysed.analysis.timeline)?;
            Some((kind, label, first.at))
        })
        .collect();
    let mut parties: Vec<_> = v.incident.parties.iter().enumerate().collect();
    parties.sort_by_key(|(i, p)| (role_order(p.role), *i));
    TimelineFigure {
        affected: affected_steps(analysed),
        zone: v.zone,
        impact_start: m.impact_start,
        impact_end: m.impact_end,
        duration_seconds: m.duration_seconds,
        milestones,
        lanes: parties
            .into_iter()
            .map(|(_, p)| (p.id.clone(), p.name.clone()))
            .collect(),
    }
}

/// The customers affected as steps: `impact.customers` from the impact start
/// (when given), then each event's `customers_affected` in time order.
fn affected_steps(analysed: &Analysed) -> Vec<(DateTime<Utc>, u64)> {
    let v = &analysed.validated;
    let m = &analysed.analysis.metrics;
    let Some(start) = m.impact_start else {
        return Vec::new();
    };
    let first = m.customers.map(|n| (start, n));
    let steps = analysed
        .analysis
        .timeline
        .iter()
        .map(|&i| v.event(i))
        .filter_map(|e| Some((e.at.max(start), e.event.customers_affected?)));
    first.into_iter().chain(steps).collect()
}
