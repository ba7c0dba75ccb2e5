//! Trends: the median and 90th percentile of duration and time to detect per quarter.

use super::spread::Spread;
use super::{newest_listed, IncidentLink, Period};
use crate::analysis::Analysed;
use crate::model::Metric;
use crate::text::format::format_duration;
use crate::view::summary::IncidentSummary;
use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use std::collections::BTreeMap;

/// Below this many known values a quarter's median is not drawn: it would be one
/// incident's figure, read as a trend.
pub const FEWEST_FOR_MEDIAN: usize = 3;

/// One figure over a quarter's incidents.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct QuarterFigure {
    /// The median and 90th percentile, when enough values are known.
    pub spread: Spread,
    /// Whether at least [`FEWEST_FOR_MEDIAN`] values are known.
    pub enough: bool,
}

/// One quarter of the period.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct QuarterRow {
    /// `2024-Q1`, for anchors and machines.
    pub quarter: String,
    /// `Q1 2024`, for people.
    pub label: String,
    /// Incidents that began in it.
    pub incidents: usize,
    /// Duration.
    pub duration: QuarterFigure,
    /// Time to detect.
    pub detect: QuarterFigure,
    /// Its newest incidents, at most [`super::LISTED_PER_CATEGORY`].
    pub listed: Vec<IncidentLink>,
    /// Incidents not listed.
    pub more: usize,
}

fn quarter_of(date: NaiveDate) -> (i32, u32) {
    (date.year(), date.month0() / 3 + 1)
}

fn figure(values: Vec<(i64, bool)>) -> QuarterFigure {
    let enough = values.len() >= FEWEST_FOR_MEDIAN;
    let mut spread = Spread::of(values, format_duration);
    if !enough {
        // The count stays, so the page can say how few there were.
        spread = Spread {
            known: spread.known,
            ..Spread::default()
        };
    }
    QuarterFigure { spread, enough }
}

/// Every quarter from the first to the last (or the period's bounds), empty ones included.
pub(super) fn quarters(
    incidents: &[&Analysed],
    summaries: &[&IncidentSummary],
    chosen: &[usize],
    period: &Period,
) -> Vec<QuarterRow> {
    type Values = (Vec<usize>, Vec<(i64, bool)>, Vec<(i64, bool)>);
    let mut by_quarter: BTreeMap<(i32, u32), Values> = BTreeMap::new();
    for &i in chosen {
        let Some(date) = incidents[i].validated.date() else {
            continue;
        };
        let m = &incidents[i].analysis.metrics;
        let (listed, duration, detect) = by_quarter.entry(quarter_of(date)).or_default();
        listed.push(i);
        duration.extend(
            m.duration_seconds
                .map(|s| (s, m.is_approximate(Metric::Duration))),
        );
        detect.extend(
            m.time_to_detect_seconds
                .map(|s| (s, m.is_approximate(Metric::TimeToDetect))),
        );
    }
    let first = period
        .since
        .map(quarter_of)
        .or_else(|| by_quarter.keys().next().copied());
    let last = period
        .until
        .map(quarter_of)
        .or_else(|| by_quarter.keys().last().copied());
    let (Some(mut at), Some(end)) = (first, last) else {
        return Vec::new();
    };
    let mut rows = Vec::new();
    while at <= end && rows.len() < 400 {
        let (chosen, duration, detect) = by_quarter.remove(&at).unwrap_or_default();
        // `chosen` is newest first, so the first are the newest.
        let (listed, more) = newest_listed(summaries, &chosen);
        rows.push(QuarterRow {
            quarter: format!("{}-Q{}", at.0, at.1),
            label: format!("Q{} {}", at.1, at.0),
            incidents: chosen.len(),
            duration: figure(duration),
            detect: figure(detect),
            more,
            listed,
        });
        at = if at.1 == 4 {
            (at.0 + 1, 1)
        } else {
            (at.0, at.1 + 1)
        };
    }
    rows
}
