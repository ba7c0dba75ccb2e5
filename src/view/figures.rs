//! Figures as people read them, with the `~` of an estimate: one way for every view.

use crate::analysis::Metrics;
use crate::model::Metric;
use crate::text::estimate;
use crate::text::format::format_duration;

/// A metric for people, `~` when it rests on an estimate; none when unknown.
pub fn metric_value(m: &Metrics, metric: Metric) -> Option<String> {
    let seconds = m.seconds(metric)?;
    Some(estimate(m.is_approximate(metric), format_duration(seconds)))
}

/// Customer-minutes written with `write`, `~` when they rest on an estimate.
pub fn customer_minutes(m: &Metrics, write: fn(u64) -> String) -> Option<String> {
    m.customer_minutes
        .map(|c| estimate(m.customer_minutes_approx, write(c)))
}
