//! How long post-mortems take to publish, and those still open past the stale limit.

use super::spread::{days, Spread};
use super::{link, IncidentLink, LISTED_PER_CATEGORY};
use crate::analysis::Analysed;
use crate::model::Status;
use crate::view::summary::IncidentSummary;
use chrono::NaiveDate;
use serde::Serialize;

/// Stale post-mortems listed per period, the oldest first; `stale_count` counts all.
pub const LISTED_STALE: usize = 25;

/// An incident with a number of days: to publication, or open so far.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct DaysRow {
    /// The incident.
    pub incident: IncidentLink,
    /// The days, for people.
    pub days: String,
    /// The days, as a number.
    pub days_value: i64,
    /// `draft`, `review` or `published`.
    pub status: String,
}

/// Time to publish over a period's incidents.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct Publishing {
    /// Days from the incident to its post-mortem, over published post-mortems with a date.
    pub days: Spread,
    /// Published post-mortems that do not say when.
    pub undated: usize,
    /// The slowest to publish, at most [`LISTED_PER_CATEGORY`].
    pub slowest: Vec<DaysRow>,
    /// Post-mortems in draft or review for longer than `stale_days`, the oldest first,
    /// at most [`LISTED_STALE`].
    pub stale: Vec<DaysRow>,
    /// All stale post-mortems of the period.
    pub stale_count: usize,
    /// The stale limit, in days.
    pub stale_days: u32,
}

/// Time to publish and the stale list over `chosen`, judged on `as_of`.
pub(super) fn publishing(
    incidents: &[&Analysed],
    summaries: &[&IncidentSummary],
    chosen: &[usize],
    as_of: NaiveDate,
    stale_days: u32,
) -> Publishing {
    // (days, incident): rows are made only for those listed.
    let mut published: Vec<(i64, usize)> = Vec::new();
    let mut stale: Vec<(i64, usize)> = Vec::new();
    let mut undated = 0;
    for &i in chosen {
        let v = &incidents[i].validated;
        let Some(began) = v.date() else { continue };
        match (v.incident.status, v.published) {
            (Status::Published, Some(day)) => published.push(((day - began).num_days(), i)),
            (Status::Published, None) => undated += 1,
            (Status::Draft | Status::Review, _) => {
                let open = (as_of - began).num_days();
                if open > i64::from(stale_days) {
                    stale.push((open, i));
                }
            }
        }
    }
    let spread = Spread::of(published.iter().map(|&(d, _)| (d, false)).collect(), days);
    let stale_count = stale.len();
    Publishing {
        days: spread,
        undated,
        slowest: listed(incidents, summaries, published, LISTED_PER_CATEGORY),
        stale: listed(incidents, summaries, stale, LISTED_STALE),
        stale_count,
        stale_days,
    }
}

/// The `most` incidents with the most days, as rows.
fn listed(
    incidents: &[&Analysed],
    summaries: &[&IncidentSummary],
    mut rows: Vec<(i64, usize)>,
    most: usize,
) -> Vec<DaysRow> {
    let id = |i: usize| incidents[i].validated.id.as_str();
    rows.sort_by(|a, b| b.0.cmp(&a.0).then(id(a.1).cmp(id(b.1))));
    rows.truncate(most);
    rows.into_iter()
        .map(|(days_value, i)| DaysRow {
            incident: link(summaries[i]),
            days: days(days_value),
            days_value,
            status: incidents[i].validated.incident.status.as_str().to_string(),
        })
        .collect()
}
