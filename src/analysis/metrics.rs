//! Metrics, all relative to the first `impact_start`; unknown when their events are missing.

use crate::check::Validated;
use crate::model::EventKind;
use chrono::{DateTime, Utc};

/// The figures of one incident. `None` means unknown, never zero.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Metrics {
    /// First `impact_start`.
    pub impact_start: Option<DateTime<Utc>>,
    /// Last `impact_end`.
    pub impact_end: Option<DateTime<Utc>>,
    /// Last `impact_end` minus first `impact_start`.
    pub duration_seconds: Option<i64>,
    /// First `detection` minus first `impact_start`.
    pub time_to_detect_seconds: Option<i64>,
    /// First `response` minus first `impact_start`.
    pub time_to_respond_seconds: Option<i64>,
    /// First `mitigation` minus first `impact_start`.
    pub time_to_mitigate_seconds: Option<i64>,
    /// First `resolution` minus first `impact_start`.
    pub time_to_resolve_seconds: Option<i64>,
    /// Customers affected.
    pub customers: Option<u64>,
    /// Customers times duration in minutes, rounded down.
    pub customer_minutes: Option<u64>,
}

/// The metric names, as in JSON, with the event kind each one needs.
pub const TIMED_METRICS: [(&str, EventKind); 5] = [
    ("duration", EventKind::ImpactEnd),
    ("time_to_detect", EventKind::Detection),
    ("time_to_respond", EventKind::Response),
    ("time_to_mitigate", EventKind::Mitigation),
    ("time_to_resolve", EventKind::Resolution),
];

impl Metrics {
    /// Computes the metrics from event times; `timeline` is the sorted event order.
    pub fn compute(validated: &Validated, timeline: &[usize]) -> Self {
        let events = &validated.incident.events;
        let times = &validated.event_times;
        let first = |kind: EventKind| {
            timeline
                .iter()
                .find(|&&i| events[i].kind == kind)
                .map(|&i| times[i])
        };
        let last = |kind: EventKind| {
            timeline
                .iter()
                .rev()
                .find(|&&i| events[i].kind == kind)
                .map(|&i| times[i])
        };
        let impact_start = first(EventKind::ImpactStart);
        let impact_end = last(EventKind::ImpactEnd);
        let since_start = |time: Option<DateTime<Utc>>| Some((time? - impact_start?).num_seconds());
        let duration_seconds = since_start(impact_end);
        let customers = validated.incident.impact.customers;
        let customer_minutes = match (customers, duration_seconds) {
            (Some(c), Some(d)) if d >= 0 => {
                let exact = u128::from(c) * d as u128 / 60;
                Some(u64::try_from(exact).unwrap_or(u64::MAX))
            }
            _ => None,
        };
        Metrics {
            impact_start,
            impact_end,
            duration_seconds,
            time_to_detect_seconds: since_start(first(EventKind::Detection)),
            time_to_respond_seconds: since_start(first(EventKind::Response)),
            time_to_mitigate_seconds: since_start(first(EventKind::Mitigation)),
            time_to_resolve_seconds: since_start(first(EventKind::Resolution)),
            customers,
            customer_minutes,
        }
    }

    /// A timed metric by its JSON name (without `_seconds`).
    pub fn seconds(&self, name: &str) -> Option<i64> {
        match name {
            "duration" => self.duration_seconds,
            "time_to_detect" => self.time_to_detect_seconds,
            "time_to_respond" => self.time_to_respond_seconds,
            "time_to_mitigate" => self.time_to_mitigate_seconds,
            "time_to_resolve" => self.time_to_resolve_seconds,
            _ => None,
        }
    }
}
