//! How long post-mortems take to publish, and those still open past the stale limit.

use super::spread::{days, Spread};
use super::{link, IncidentLink, LISTED_FOLLOW_UPS, LISTED_PER_CATEGORY};
use crate::analysis::Analysed;
use crate::model::Status;
use crate::view::summary::IncidentSummary;
use chrono::NaiveDate;
use serde::Serialize;

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
    /// at most [`LISTED_FOLLOW_UPS`].
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
    let mut published = Vec::new();
    let mut stale = Vec::new();
    let mut undated = 0;
    for &i in chosen {
        let v = &incidents[i].validated;
        let Some(began) = v.date() else { continue };
        let row = |days_value: i64| DaysRow {
            incident: link(summaries[i]),
            days: days(days_value),
            days_value,
            status: v.incident.status.as_str().to_string(),
        };
        match (v.incident.status, v.published) {
            (Status::Published, Some(day)) => published.push(row((day - began).num_days())),
            (Status::Published, None) => undated += 1,
            (Status::Draft | Status::Review, _) => {
                let open = (as_of - began).num_days();
                if open > i64::from(stale_days) {
                    stale.push(row(open));
                }
            }
        }
    }
    let spread = Spread::of(
        published.iter().map(|r| (r.days_value, false)).collect(),
        days,
    );
    let slowest_first = |a: &DaysRow, b: &DaysRow| {
        b.days_value
            .cmp(&a.days_value)
            .then(a.incident.id.cmp(&b.incident.id))
    };
    published.sort_by(slowest_first);
    published.truncate(LISTED_PER_CATEGORY);
    stale.sort_by(slowest_first);
    let stale_count = stale.len();
    stale.truncate(LISTED_FOLLOW_UPS);
    Publishing {
        days: spread,
        undated,
        slowest: published,
        stale,
        stale_count,
        stale_days,
    }
}
