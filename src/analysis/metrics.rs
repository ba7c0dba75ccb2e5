//! Metrics, all relative to the first `impact_start`; unknown when their events are missing.

use crate::model::{EventKind, Metric, Validated};
use chrono::{DateTime, Utc};

/// The figures of one incident. `None` means unknown, never zero.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Metrics {
    /// First `impact_start`.
    pub impact_start: Option<DateTime<Utc>>,
    /// Whether that time is an estimate.
    pub impact_start_approx: bool,
    /// Last `impact_end`.
    pub impact_end: Option<DateTime<Utc>>,
    /// Whether that time is an estimate.
    pub impact_end_approx: bool,
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
    /// Customers affected: `impact.customers`, the peak.
    pub customers: Option<u64>,
    /// Customers affected integrated over the impact, in minutes, rounded down.
    pub customer_minutes: Option<u64>,
    /// The metrics whose endpoints include an estimated time (bit `metric as u8`).
    approximate: u8,
    /// Whether customer-minutes rests on an estimated time.
    pub customer_minutes_approx: bool,
}

impl Metrics {
    /// Computes the metrics from event times; `timeline` is the sorted event order.
    pub fn compute(validated: &Validated, timeline: &[usize]) -> Self {
        let first = |kind: EventKind| validated.first_of(kind, timeline);
        let last = |kind: EventKind| validated.last_of(kind, timeline);
        let start = first(EventKind::ImpactStart);
        let end = last(EventKind::ImpactEnd);
        let impact_start = start.map(|e| e.at);
        let impact_start_approx = start.is_some_and(|e| e.event.approx);
        let mut metrics = Metrics {
            impact_start,
            impact_start_approx,
            impact_end: end.map(|e| e.at),
            impact_end_approx: end.is_some_and(|e| e.event.approx),
            customers: validated.incident.impact.customers,
            ..Metrics::default()
        };
        for metric in Metric::ALL {
            let to = match metric {
                Metric::Duration => end,
                _ => first(metric.event_kind()),
            };
            let (Some(from), Some(to)) = (start, to) else {
                continue;
            };
            *metrics.slot(metric) = Some((to.at - from.at).num_seconds());
            if from.event.approx || to.event.approx {
                metrics.approximate |= 1 << metric as u8;
            }
        }
        metrics.customer_minutes = customer_minutes(validated, timeline, &metrics);
        metrics.customer_minutes_approx = metrics.is_approximate(Metric::Duration);
        metrics
    }

    fn slot(&mut self, metric: Metric) -> &mut Option<i64> {
        match metric {
            Metric::Duration => &mut self.duration_seconds,
            Metric::TimeToDetect => &mut self.time_to_detect_seconds,
            Metric::TimeToRespond => &mut self.time_to_respond_seconds,
            Metric::TimeToMitigate => &mut self.time_to_mitigate_seconds,
            Metric::TimeToResolve => &mut self.time_to_resolve_seconds,
        }
    }

    /// Whether the metric's endpoints include an estimated time.
    pub fn is_approximate(&self, metric: Metric) -> bool {
        self.approximate & (1 << metric as u8) != 0
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

/// Customers affected over time, integrated from the first impact start to the
/// last impact end. The count is a step function: from an event that gives
/// `customers_affected`, that many are affected until the next such event.
/// Before the first one (and when no event gives one) `impact.customers`
/// counts. Unknown when the duration is, or when no count is known at some
/// point of the impact.
fn customer_minutes(validated: &Validated, timeline: &[usize], m: &Metrics) -> Option<u64> {
    let (start, end) = (m.impact_start?, m.impact_end?);
    if end < start {
        return None;
    }
    let steps = timeline
        .iter()
        .map(|&i| validated.event(i))
        .filter_map(|e| Some((e.at, e.event.customers_affected?)));
    let mut total: u128 = 0;
    let (mut at, mut count) = (start, m.customers);
    for (step_at, step_count) in steps {
        let step_at = step_at.clamp(start, end);
        if step_at > at {
            total += u128::from(count?) * (step_at - at).num_seconds() as u128;
            at = step_at;
        }
        count = Some(step_count);
    }
    total += u128::from(count?) * (end - at).num_seconds() as u128;
    Some(u64::try_from(total / 60).unwrap_or(u64::MAX))
}
