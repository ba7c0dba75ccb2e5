//! Metrics, all relative to the first `impact_start`; unknown when their events are missing.

use crate::model::{EventKind, Metric, Validated};
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

impl Metrics {
    /// Computes the metrics from event times; `timeline` is the sorted event order.
    pub fn compute(validated: &Validated, timeline: &[usize]) -> Self {
        let first = |kind: EventKind| validated.first_of(kind, timeline).map(|e| e.at);
        let last = |kind: EventKind| validated.last_of(kind, timeline).map(|e| e.at);
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

    /// The value of a timed metric, in seconds.
    pub fn seconds(&self, metric: Metric) -> Option<i64> {
        match metric {
            Metric::Duration => self.duration_seconds,
            Metric::TimeToDetect => self.time_to_detect_seconds,
            Metric::TimeToRespond => self.time_to_respond_seconds,
            Metric::TimeToMitigate => self.time_to_mitigate_seconds,
            Metric::TimeToResolve => self.time_to_resolve_seconds,
        }
    }
}
