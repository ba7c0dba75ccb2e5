//! One line per incident, for the index, list pages, feed and search.

use super::figures::{customer_minutes, metric_value};
use crate::analysis::Analysed;
use crate::analysis::NodeKind;
use crate::model::{Metric, Role};
use crate::text::format::{format_count, format_large};
use crate::text::slugify;
use serde::Serialize;
use std::collections::BTreeSet;

/// What lists show about an incident.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct IncidentSummary {
    /// Incident id.
    pub id: String,
    /// Link from the site root, e.g. `incidents/<id>/index.html`.
    pub href: String,
    /// Title.
    pub title: String,
    /// Plain-text summary.
    pub summary: String,
    /// Date of the first impact (or first event) in the incident's zone, YYYY-MM-DD.
    pub date: String,
    /// `YYYY-MM` of that date.
    pub month: String,
    /// `SEV1`...
    pub severity: String,
    /// 1 (worst) to 5.
    pub severity_rank: u8,
    /// `draft`, `review` or `published`.
    pub status: String,
    /// Duration for people; none when unknown.
    pub duration: Option<String>,
    /// Duration in seconds, when known.
    pub duration_seconds: Option<i64>,
    /// Whether the duration rests on an estimated time.
    pub duration_approx: bool,
    /// Whether the time to detect rests on an estimated time.
    pub time_to_detect_approx: bool,
    /// Time to detect in seconds, when known.
    pub time_to_detect_seconds: Option<i64>,
    /// Customers for people; none when unknown.
    pub customers: Option<String>,
    /// Customer-minutes for people; none when unknown.
    pub customer_minutes: Option<String>,
    /// Customer-minutes, when known.
    pub customer_minutes_value: Option<u64>,
    /// Categories of causes on a chain to the impact, sorted.
    pub categories: Vec<Slugged>,
    /// Vendors (parties with role vendor), sorted by name.
    pub vendors: Vec<Slugged>,
    /// Tags.
    pub tags: Vec<Slugged>,
    /// RFC 3339 time of the first impact (or first event), for the feed.
    pub updated: String,
}

/// A name with its page slug.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, PartialOrd, Ord)]
pub struct Slugged {
    /// Display name.
    pub name: String,
    /// Slug used in file names.
    pub slug: String,
}

impl IncidentSummary {
    /// The order of every list: newest first, then by id.
    pub fn newest_first(&self, other: &Self) -> std::cmp::Ordering {
        newest_first((&self.date, &self.id), (&other.date, &other.id))
    }
}

/// The order of every list of incidents, each side given as `(date, id)`:
/// newest first, then by id.
pub fn newest_first(a: (&str, &str), b: (&str, &str)) -> std::cmp::Ordering {
    b.0.cmp(a.0).then(a.1.cmp(b.1))
}

impl Slugged {
    /// A name and its slug (`vendor` if the name has no letters or digits).
    pub fn new(name: &str) -> Self {
        let slug = slugify(name);
        Slugged {
            name: name.to_string(),
            slug: if slug.is_empty() {
                "unnamed".to_string()
            } else {
                slug
            },
        }
    }
}

/// Builds the summary line of one incident.
pub fn summarise(analysed: &Analysed) -> IncidentSummary {
    let v = &analysed.validated;
    let a = &analysed.analysis;
    let m = &a.metrics;
    let first = v.started().unwrap_or_default();
    let local = first.with_timezone(&v.zone);
    let categories: BTreeSet<Slugged> = a
        .contributing
        .iter()
        .filter_map(|&n| match a.graph.nodes[n].kind {
            NodeKind::Cause(i) => v.incident.causes[i].category.as_deref(),
            NodeKind::Event(_) => None,
        })
        .map(Slugged::new)
        .collect();
    let vendors: BTreeSet<Slugged> = v
        .incident
        .parties
        .iter()
        .filter(|p| p.role == Role::Vendor)
        .map(|p| Slugged::new(&p.name))
        .collect();
    IncidentSummary {
        id: v.id.clone(),
        href: format!("incidents/{}/index.html", v.id),
        title: v.incident.title.clone(),
        summary: crate::text::markdown::to_plain_text(&v.incident.summary),
        date: crate::text::format::date(&local),
        month: crate::text::format::year_month(&local),
        severity: v.incident.severity.as_str().to_string(),
        severity_rank: v.severity_rank,
        status: v.incident.status.as_str().to_string(),
        duration: metric_value(m, Metric::Duration),
        duration_approx: m.is_approximate(Metric::Duration),
        time_to_detect_approx: m.is_approximate(Metric::TimeToDetect),
        duration_seconds: m.duration_seconds,
        time_to_detect_seconds: m.time_to_detect_seconds,
        customers: m.customers.map(format_count),
        customer_minutes: customer_minutes(m, format_large),
        customer_minutes_value: m.customer_minutes,
        categories: categories.into_iter().collect(),
        vendors: vendors.into_iter().collect(),
        tags: v.incident.tags.iter().map(|t| Slugged::new(t)).collect(),
        updated: crate::text::rfc3339(first),
    }
}
