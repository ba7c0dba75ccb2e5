//! Which services hurt most: incidents, customer-minutes and the times to detect and
//! resolve, per service named in `impact.services`.

use super::spread::Spread;
use super::{newest_listed, IncidentLink};
use crate::analysis::Analysed;
use crate::model::Metric;
use crate::text::estimate;
use crate::text::format::{format_duration, format_large};
use crate::view::summary::{IncidentSummary, Slugged};
use serde::Serialize;
use std::collections::BTreeMap;

/// One service's record over a period.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ServiceRow {
    /// The service as `impact.services` names it.
    pub service: Slugged,
    /// Incidents that affected it.
    pub incidents: usize,
    /// Customer-minutes lost in those incidents, for people (`~` when one rests on an estimate).
    pub customer_minutes: String,
    /// The same, as a number.
    pub customer_minutes_value: u64,
    /// Incidents whose customer-minutes are unknown.
    pub customer_minutes_unknown: usize,
    /// Time to detect.
    pub detect: Spread,
    /// Time to resolve.
    pub resolve: Spread,
    /// Its newest incidents, at most [`super::LISTED_PER_CATEGORY`].
    pub listed: Vec<IncidentLink>,
    /// Incidents not listed.
    pub more: usize,
}

#[derive(Default)]
struct Tally {
    incidents: Vec<usize>,
    minutes: u64,
    minutes_approx: bool,
    unknown: usize,
    detect: Vec<(i64, bool)>,
    resolve: Vec<(i64, bool)>,
}

/// The services of `chosen` (newest first), the most incidents first, then the most
/// customer-minutes.
pub(super) fn services(
    incidents: &[&Analysed],
    summaries: &[&IncidentSummary],
    chosen: &[usize],
) -> Vec<ServiceRow> {
    let mut by_service: BTreeMap<&str, Tally> = BTreeMap::new();
    for &i in chosen {
        let analysed = incidents[i];
        let m = &analysed.analysis.metrics;
        let mut named: Vec<&str> = analysed
            .validated
            .incident
            .impact
            .services
            .iter()
            .map(String::as_str)
            .collect();
        named.sort_unstable();
        named.dedup();
        for service in named {
            let tally = by_service.entry(service).or_default();
            tally.incidents.push(i);
            match m.customer_minutes {
                Some(minutes) => tally.minutes = tally.minutes.saturating_add(minutes),
                None => tally.unknown += 1,
            }
            tally.minutes_approx |= m.customer_minutes.is_some() && m.customer_minutes_approx;
            let figure =
                |seconds: Option<i64>, metric| seconds.map(|s| (s, m.is_approximate(metric)));
            tally
                .detect
                .extend(figure(m.time_to_detect_seconds, Metric::TimeToDetect));
            tally
                .resolve
                .extend(figure(m.time_to_resolve_seconds, Metric::TimeToResolve));
        }
    }
    let mut rows: Vec<ServiceRow> = by_service
        .into_iter()
        .map(|(service, tally)| row(summaries, service, tally))
        .collect();
    rows.sort_by(|a, b| {
        b.incidents
            .cmp(&a.incidents)
            .then(b.customer_minutes_value.cmp(&a.customer_minutes_value))
            .then(a.service.cmp(&b.service))
    });
    rows
}

fn row(summaries: &[&IncidentSummary], service: &str, tally: Tally) -> ServiceRow {
    let count = tally.incidents.len();
    // `chosen` is newest first, so the first are the newest.
    let (listed, more) = newest_listed(summaries, &tally.incidents);
    ServiceRow {
        service: Slugged::new(service),
        incidents: count,
        // Unknown everywhere is not zero.
        customer_minutes: if tally.unknown == count {
            "unknown".to_string()
        } else {
            estimate(tally.minutes_approx, format_large(tally.minutes))
        },
        customer_minutes_value: tally.minutes,
        customer_minutes_unknown: tally.unknown,
        detect: Spread::of(tally.detect, format_duration),
        resolve: Spread::of(tally.resolve, format_duration),
        more,
        listed,
    }
}
