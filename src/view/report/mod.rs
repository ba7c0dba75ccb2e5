//! The leadership report: trends, distributions, recurring causes, vendors, follow-ups.

mod fixes;
mod publishing;
mod quarters;
mod services;
mod spread;

pub use fixes::{FixesHeld, LaterIncident, RecurrenceRow};
pub use publishing::{DaysRow, Publishing};
pub use quarters::{QuarterFigure, QuarterRow, FEWEST_FOR_MEDIAN};
pub use services::ServiceRow;
pub use spread::Spread;

use super::summary::{summarise, IncidentSummary, Slugged};
use crate::analysis::{Analysed, History, NodeKind};
use crate::model::{ActionStatus, Role, Validated, VendorStatus};
use crate::text::estimate;
use crate::text::format::{format_count, format_duration, format_large};
use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use std::collections::BTreeMap;

/// Incidents per month, by severity.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct MonthRow {
    /// `YYYY-MM`.
    pub month: String,
    /// `Dec 2018`.
    pub label: String,
    /// Counts per level of the scale, worst first.
    pub counts: Vec<u32>,
    /// All severities.
    pub total: u32,
}

/// A distribution of durations, with percentiles and a picture.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Distribution {
    /// Incidents with a known value.
    pub known: usize,
    /// Incidents where it is unknown.
    pub unknown: usize,
    /// Known values that rest on an estimated time.
    pub approximate: usize,
    /// Median (nearest rank); none when no value is known.
    pub p50: Option<String>,
    /// 90th percentile (nearest rank); none when no value is known.
    pub p90: Option<String>,
    /// Largest value; none when no value is known.
    pub max: Option<String>,
    /// What is measured, e.g. "Duration" (names the picture).
    #[serde(skip)]
    pub name: &'static str,
    /// The known values in seconds, each with its incident's title (for the picture).
    #[serde(skip)]
    pub values: Vec<(i64, String)>,
}

/// A cause category and the incidents it appeared in.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct CategoryRow {
    /// Category name and slug.
    pub category: Slugged,
    /// Number of incidents.
    pub count: usize,
    /// The newest incidents, at most [`LISTED_PER_CATEGORY`].
    pub incidents: Vec<IncidentLink>,
    /// Incidents of the category not listed (its category page lists them all).
    pub more: usize,
    /// Seen in more than one incident.
    pub recurring: bool,
}

/// Incidents listed per cause category; a reader wants the pattern and the latest cases.
pub const LISTED_PER_CATEGORY: usize = 10;

/// Overdue items and unaddressed root causes listed per period, the oldest first;
/// the totals count them all.
pub const LISTED_FOLLOW_UPS: usize = 100;

/// A link to an incident page.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct IncidentLink {
    /// Id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Link from the site root.
    pub href: String,
    /// Date.
    pub date: String,
}

impl IncidentLink {
    /// The incidents' order in every list (see `IncidentSummary::newest_first`).
    fn newest_first(&self, other: &Self) -> std::cmp::Ordering {
        super::summary::newest_first((&self.date, &self.id), (&other.date, &other.id))
    }
}

/// A vendor's record across incidents.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct VendorRow {
    /// Vendor name and slug.
    pub vendor: Slugged,
    /// Incidents the vendor was a party to.
    pub incidents: usize,
    /// Commitments (vendor actions) made.
    pub commitments: usize,
    /// Done.
    pub done: usize,
    /// Committed or in progress.
    pub open: usize,
    /// Open and past due.
    pub overdue: usize,
    /// How long after our impact began the vendor first communicated (its first
    /// `communication` event), over the incidents where both times are known.
    pub first_word: Spread,
    /// Incidents whose impact start is known where the vendor never communicated.
    pub silent: usize,
    /// The newest of those delays, each with its incident, at most [`LISTED_PER_CATEGORY`].
    pub first_words: Vec<DelayRow>,
}

/// An incident with how long something took in it.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct DelayRow {
    /// The incident.
    pub incident: IncidentLink,
    /// The delay, for people.
    pub delay: String,
}

/// A delay for people; a negative one came before the impact began.
fn signed_duration(seconds: i64) -> String {
    if seconds < 0 {
        format!("{} before", format_duration(-seconds))
    } else {
        format_duration(seconds)
    }
}

/// An owner's action items.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct OwnerRow {
    /// Owner.
    pub owner: String,
    /// Open or in progress.
    pub open: usize,
    /// Open and past due.
    pub overdue: usize,
    /// Done.
    pub done: usize,
}

/// An overdue action item.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct OverdueItem {
    /// The incident.
    pub incident: IncidentLink,
    /// Item id.
    pub id: String,
    /// Item title.
    pub title: String,
    /// Owner.
    pub owner: String,
    /// Due date.
    pub due: String,
}

/// A root cause that nothing addresses.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct UnaddressedRow {
    /// The incident.
    pub incident: IncidentLink,
    /// Cause id.
    pub id: String,
    /// Cause title.
    pub title: String,
}

/// A root cause accepted without action (`no_action`): an accepted risk or a learning.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct AcceptedRiskRow {
    /// The incident.
    pub incident: IncidentLink,
    /// Cause id.
    pub id: String,
    /// Cause title.
    pub title: String,
    /// Why nothing is done about it, as the incident says.
    pub reason: String,
}

/// The report for one period.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ReportSection {
    /// Anchor id.
    pub id: String,
    /// "All time", "Last 12 months"...
    pub label: String,
    /// First and last day covered, for people.
    pub range: String,
    /// Incidents in the period.
    pub incident_count: usize,
    /// Count per level of the scale, worst first.
    pub by_severity: Vec<(String, usize)>,
    /// Incidents per month.
    pub months: Vec<MonthRow>,
    /// Durations.
    pub durations: Distribution,
    /// Times to detect.
    pub detect: Distribution,
    /// Customer-minutes lost in all, for people.
    pub customer_minutes_total: String,
    /// The same, exact.
    pub customer_minutes_exact: String,
    /// Total customer-minutes as a number (for tests and machines).
    pub customer_minutes_value: u64,
    /// Incidents whose customer-minutes are unknown.
    pub customer_minutes_unknown: usize,
    /// Incidents by customer-minutes, largest first.
    pub top_customer_minutes: Vec<IncidentSummary>,
    /// Cause categories, most frequent first.
    pub categories: Vec<CategoryRow>,
    /// Vendors.
    pub vendors: Vec<VendorRow>,
    /// Action items by owner.
    pub owners: Vec<OwnerRow>,
    /// Totals: open, overdue, done.
    pub actions_open: usize,
    /// Overdue action items.
    pub actions_overdue: usize,
    /// Done action items.
    pub actions_done: usize,
    /// The longest overdue items, at most [`LISTED_FOLLOW_UPS`] (`actions_overdue` counts all).
    pub overdue_items: Vec<OverdueItem>,
    /// Unaddressed root causes, at most [`LISTED_FOLLOW_UPS`], newest incidents first.
    pub unaddressed: Vec<UnaddressedRow>,
    /// All unaddressed root causes in the period.
    pub unaddressed_count: usize,
    /// Root causes accepted without action, at most [`LISTED_FOLLOW_UPS`], newest incidents first.
    pub accepted_risks: Vec<AcceptedRiskRow>,
    /// All root causes accepted without action in the period.
    pub accepted_risks_count: usize,
    /// Did the fixes hold: the fixes done and the later incidents of their categories.
    pub fixes: FixesHeld,
    /// Time to publish, and the stale post-mortems.
    pub publishing: Publishing,
    /// Services, the most affected first.
    pub services: Vec<ServiceRow>,
    /// Quarters, oldest first.
    pub quarters: Vec<QuarterRow>,
}

/// The whole report.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ReportView {
    /// The day overdue items are judged against.
    pub as_of: String,
    /// One or more periods.
    pub sections: Vec<ReportSection>,
}

/// A period: a label and an inclusive date range (open ends allowed).
#[derive(Debug, Clone)]
pub struct Period {
    /// Anchor id.
    pub id: String,
    /// Label.
    pub label: String,
    /// First day included.
    pub since: Option<NaiveDate>,
    /// Last day included.
    pub until: Option<NaiveDate>,
}

impl Period {
    /// All time.
    pub fn all_time() -> Self {
        Period {
            id: "all-time".into(),
            label: "All time".into(),
            since: None,
            until: None,
        }
    }

    /// The 12 months up to and including `as_of`.
    pub fn last_12_months(as_of: NaiveDate) -> Self {
        let since = as_of
            .with_year(as_of.year() - 1)
            .unwrap_or(as_of - chrono::Duration::days(365))
            + chrono::Duration::days(1);
        Period {
            id: "last-12-months".into(),
            label: "Last 12 months".into(),
            since: Some(since),
            until: Some(as_of),
        }
    }

    /// Whether `date` falls in the period.
    pub fn includes(&self, date: NaiveDate) -> bool {
        self.since.is_none_or(|s| date >= s) && self.until.is_none_or(|u| date <= u)
    }
}

/// The first [`LISTED_PER_CATEGORY`] of `chosen` (newest first) as links, and how many
/// are left out.
fn newest_listed(summaries: &[&IncidentSummary], chosen: &[usize]) -> (Vec<IncidentLink>, usize) {
    let listed: Vec<IncidentLink> = chosen
        .iter()
        .take(LISTED_PER_CATEGORY)
        .map(|&i| link(summaries[i]))
        .collect();
    let more = chosen.len() - listed.len();
    (listed, more)
}

/// The link to the incident `summary` describes.
fn link(summary: &IncidentSummary) -> IncidentLink {
    IncidentLink {
        id: summary.id.clone(),
        title: summary.title.clone(),
        href: summary.href.clone(),
        date: summary.date.clone(),
    }
}

/// The incidents with the most customer-minutes, at most ten, largest first.
fn top_customer_minutes(in_period: &[&IncidentSummary]) -> Vec<IncidentSummary> {
    let mut top: Vec<IncidentSummary> = in_period
        .iter()
        .filter(|s| s.customer_minutes_value.is_some())
        .map(|s| (*s).clone())
        .collect();
    top.sort_by(|a, b| {
        b.customer_minutes_value
            .cmp(&a.customer_minutes_value)
            .then(a.id.cmp(&b.id))
    });
    top.truncate(10);
    top
}

/// The spread of one figure over the incidents; those where it is unknown are counted.
fn distribution(
    name: &'static str,
    in_period: &[&IncidentSummary],
    figure: impl Fn(&IncidentSummary) -> Option<(i64, bool)>,
) -> Distribution {
    let known: Vec<(i64, bool, String)> = in_period
        .iter()
        .filter_map(|s| figure(s).map(|(d, approx)| (d, approx, s.title.clone())))
        .collect();
    let approximate = known.iter().filter(|(_, approx, _)| *approx).count();
    let unknown = in_period.len() - known.len();
    let spread = Spread::of(
        known.iter().map(|(d, approx, _)| (*d, *approx)).collect(),
        format_duration,
    );
    let values: Vec<(i64, String)> = known.into_iter().map(|(d, _, t)| (d, t)).collect();
    Distribution {
        known: spread.known,
        unknown,
        approximate,
        p50: spread.p50,
        p90: spread.p90,
        max: spread.max,
        name,
        values,
    }
}

/// What a report is judged against: the day, when an open post-mortem is stale, and
/// the scale its severities are counted on.
#[derive(Debug, Clone)]
pub struct Judged {
    /// The day overdue items and stale post-mortems are judged against.
    pub as_of: NaiveDate,
    /// Days after which a post-mortem in draft or review is stale.
    pub stale_days: u32,
    /// The severity levels, worst first (an incident's rank is its place here, from 1).
    pub severities: Vec<String>,
}

impl Judged {
    /// Judged on `as_of` with the stale limit and scale of `config`.
    pub fn new(as_of: NaiveDate, config: &crate::config::Config) -> Self {
        Judged {
            as_of,
            stale_days: config.checks.stale_limit(),
            severities: config
                .severities
                .names()
                .into_iter()
                .map(String::from)
                .collect(),
        }
    }
}

/// Builds the report over `incidents` for each period.
pub fn report(incidents: &[&Analysed], periods: &[Period], judged: &Judged) -> ReportView {
    let summaries: Vec<IncidentSummary> = incidents.iter().map(|a| summarise(a)).collect();
    let summaries: Vec<&IncidentSummary> = summaries.iter().collect();
    let history = History::new(incidents);
    report_with_summaries(incidents, &summaries, &history, periods, judged)
}

/// The same, reusing summary lines and the history already made; `summaries[i]`
/// describes `incidents[i]`, and `history` was made from `incidents`.
pub fn report_with_summaries(
    incidents: &[&Analysed],
    summaries: &[&IncidentSummary],
    history: &History,
    periods: &[Period],
    judged: &Judged,
) -> ReportView {
    let sections = periods
        .iter()
        .map(|period| {
            let mut chosen: Vec<usize> = (0..incidents.len())
                .filter(|&i| {
                    incidents[i]
                        .validated
                        .date()
                        .is_some_and(|d| period.includes(d))
                })
                .collect();
            chosen.sort_by(|&a, &b| summaries[a].newest_first(summaries[b]));
            let scope = Scope {
                incidents,
                summaries,
                history,
                chosen: &chosen,
            };
            section(period, &scope, judged)
        })
        .collect();
    ReportView {
        as_of: judged.as_of.to_string(),
        sections,
    }
}

/// The incidents a section reads, and which of them are in its period.
struct Scope<'a> {
    incidents: &'a [&'a Analysed],
    summaries: &'a [&'a IncidentSummary],
    history: &'a History<'a>,
    /// The period's incidents, newest first.
    chosen: &'a [usize],
}

fn section(period: &Period, scope: &Scope, judged: &Judged) -> ReportSection {
    let Scope {
        incidents,
        summaries,
        chosen,
        ..
    } = *scope;
    let as_of = judged.as_of;
    let in_period: Vec<&IncidentSummary> = chosen.iter().map(|&i| summaries[i]).collect();
    let months = months(period, &in_period, judged.severities.len());
    let durations = distribution("Duration", &in_period, |s| {
        s.duration_seconds.map(|d| (d, s.duration_approx))
    });
    let detect = distribution("Time to detect", &in_period, |s| {
        s.time_to_detect_seconds
            .map(|d| (d, s.time_to_detect_approx))
    });
    let total: u64 = in_period
        .iter()
        .filter_map(|s| s.customer_minutes_value)
        .fold(0, u64::saturating_add);
    let top = top_customer_minutes(&in_period);
    let categories = categories(&in_period);
    let mut follow_ups = follow_ups(incidents, summaries, chosen, as_of);
    let actions_overdue = follow_ups.overdue_items.len();
    let unaddressed_count = follow_ups.unaddressed.len();
    let accepted_risks_count = follow_ups.accepted.len();
    follow_ups.overdue_items.truncate(LISTED_FOLLOW_UPS);
    follow_ups.listed_newest_first();
    let levels = judged.severities.len();
    let mut by_severity = vec![0usize; levels];
    for s in &in_period {
        if let Some(count) = by_severity.get_mut(usize::from(s.severity_rank).wrapping_sub(1)) {
            *count += 1;
        }
    }
    ReportSection {
        id: period.id.clone(),
        label: period.label.clone(),
        range: match (period.since, period.until) {
            (None, None) => "every incident".to_string(),
            (Some(s), Some(u)) => format!("{s} to {u}"),
            (Some(s), None) => format!("from {s}"),
            (None, Some(u)) => format!("up to {u}"),
        },
        incident_count: in_period.len(),
        by_severity: judged.severities.iter().cloned().zip(by_severity).collect(),
        months,
        durations,
        detect,
        customer_minutes_total: format_large(total),
        customer_minutes_exact: format_count(total),
        customer_minutes_value: total,
        customer_minutes_unknown: in_period
            .iter()
            .filter(|s| s.customer_minutes_value.is_none())
            .count(),
        top_customer_minutes: top,
        categories,
        vendors: follow_ups.vendors,
        owners: follow_ups.owners,
        actions_open: follow_ups.open,
        actions_overdue,
        actions_done: follow_ups.done,
        overdue_items: follow_ups.overdue_items,
        unaddressed: follow_ups.unaddressed,
        unaddressed_count,
        accepted_risks: follow_ups.accepted,
        accepted_risks_count,
        fixes: fixes::fixes_held(incidents, summaries, scope.history, period),
        publishing: publishing::publishing(incidents, summaries, chosen, as_of, judged.stale_days),
        services: services::services(incidents, summaries, chosen),
        quarters: quarters::quarters(incidents, summaries, chosen, period),
    }
}

fn month_label(month: &str) -> String {
    NaiveDate::parse_from_str(&format!("{month}-01"), "%Y-%m-%d")
        .map_or_else(|_| month.to_string(), |d| d.format("%b %Y").to_string())
}

/// Every month from the first to the last (or the period's bounds), empty ones included.
fn months(period: &Period, incidents: &[&IncidentSummary], levels: usize) -> Vec<MonthRow> {
    let mut counts: BTreeMap<String, Vec<u32>> = BTreeMap::new();
    for s in incidents {
        let row = counts
            .entry(s.month.clone())
            .or_insert_with(|| vec![0; levels]);
        if let Some(count) = row.get_mut(usize::from(s.severity_rank).wrapping_sub(1)) {
            *count += 1;
        }
    }
    let first = period
        .since
        .map(|d| d.format("%Y-%m").to_string())
        .or_else(|| counts.keys().next().cloned());
    let last = period
        .until
        .map(|d| d.format("%Y-%m").to_string())
        .or_else(|| counts.keys().last().cloned());
    let (Some(first), Some(last)) = (first, last) else {
        return Vec::new();
    };
    let parse = |m: &str| NaiveDate::parse_from_str(&format!("{m}-01"), "%Y-%m-%d").ok();
    let (Some(mut month), Some(end)) = (parse(&first), parse(&last)) else {
        return Vec::new();
    };
    let mut rows = Vec::new();
    while month <= end && rows.len() < 1200 {
        let key = month.format("%Y-%m").to_string();
        let c = counts.remove(&key).unwrap_or_else(|| vec![0; levels]);
        rows.push(MonthRow {
            label: month_label(&key),
            month: key,
            total: c.iter().sum(),
            counts: c,
        });
        month = month
            .checked_add_months(chrono::Months::new(1))
            .unwrap_or(end + chrono::Duration::days(1));
    }
    rows
}

fn categories(incidents: &[&IncidentSummary]) -> Vec<CategoryRow> {
    // Incidents come newest first: the first LISTED_PER_CATEGORY of each are listed.
    let mut by_category: BTreeMap<&Slugged, (usize, Vec<IncidentLink>)> = BTreeMap::new();
    for s in incidents {
        for c in &s.categories {
            let (count, listed) = by_category.entry(c).or_default();
            *count += 1;
            if listed.len() < LISTED_PER_CATEGORY {
                listed.push(link(s));
            }
        }
    }
    let mut rows: Vec<CategoryRow> = by_category
        .into_iter()
        .map(|(category, (count, incidents))| CategoryRow {
            more: count - incidents.len(),
            recurring: count > 1,
            count,
            category: category.clone(),
            incidents,
        })
        .collect();
    rows.sort_by(|a, b| b.count.cmp(&a.count).then(a.category.cmp(&b.category)));
    rows
}

struct FollowUps {
    vendors: Vec<VendorRow>,
    owners: Vec<OwnerRow>,
    open: usize,
    done: usize,
    overdue_items: Vec<OverdueItem>,
    unaddressed: Vec<UnaddressedRow>,
    accepted: Vec<AcceptedRiskRow>,
}

impl FollowUps {
    /// The root causes to list, unaddressed and accepted: the newest incidents' first, at
    /// most [`LISTED_FOLLOW_UPS`] of each.
    fn listed_newest_first(&mut self) {
        self.unaddressed
            .sort_by(|a, b| a.incident.newest_first(&b.incident).then(a.id.cmp(&b.id)));
        self.unaddressed.truncate(LISTED_FOLLOW_UPS);
        self.accepted
            .sort_by(|a, b| a.incident.newest_first(&b.incident).then(a.id.cmp(&b.id)));
        self.accepted.truncate(LISTED_FOLLOW_UPS);
    }
}

/// Follow-ups counted incident by incident, before sorting.
/// A vendor's row while incidents are counted, with its delays not yet summed up.
struct VendorTally {
    row: VendorRow,
    delays: Vec<(i64, bool)>,
}

#[derive(Default)]
struct Tally {
    vendors: BTreeMap<Slugged, VendorTally>,
    owners: BTreeMap<String, OwnerRow>,
    open: usize,
    done: usize,
    overdue_items: Vec<OverdueItem>,
    unaddressed: Vec<UnaddressedRow>,
    accepted: Vec<AcceptedRiskRow>,
}

impl Tally {
    /// Each vendor party of the incident, with the commitments it made there and how
    /// long it took to first say something.
    fn vendors(&mut self, analysed: &Analysed, incident: &IncidentLink, as_of: NaiveDate) {
        let v = &analysed.validated;
        for party in v.incident.parties.iter().filter(|p| p.role == Role::Vendor) {
            let key = Slugged::new(&party.name);
            let tally = self
                .vendors
                .entry(key.clone())
                .or_insert_with(|| VendorTally {
                    row: VendorRow {
                        vendor: key,
                        incidents: 0,
                        commitments: 0,
                        done: 0,
                        open: 0,
                        overdue: 0,
                        first_word: Spread::default(),
                        silent: 0,
                        first_words: Vec::new(),
                    },
                    delays: Vec::new(),
                });
            let row = &mut tally.row;
            row.incidents += 1;
            for record in v.vendor_actions().filter(|x| x.action.vendor == party.id) {
                row.commitments += 1;
                if record.action.status == Some(VendorStatus::Done) {
                    row.done += 1;
                } else if record.is_open() {
                    row.open += 1;
                    row.overdue += usize::from(record.is_overdue(as_of));
                }
            }
            match analysed.first_communication(&party.id) {
                Some(delay) => {
                    tally.delays.push(delay);
                    if row.first_words.len() < LISTED_PER_CATEGORY {
                        row.first_words.push(DelayRow {
                            incident: incident.clone(),
                            delay: estimate(delay.1, signed_duration(delay.0)),
                        });
                    }
                }
                None if analysed.analysis.metrics.impact_start.is_some() => row.silent += 1,
                None => {}
            }
        }
    }

    /// The incident's action items, by owner, and the overdue ones listed.
    fn items(&mut self, v: &Validated, incident: &IncidentLink, as_of: NaiveDate) {
        for record in v.action_items() {
            let item = record.item;
            let row = self
                .owners
                .entry(item.owner.clone())
                .or_insert_with(|| OwnerRow {
                    owner: item.owner.clone(),
                    open: 0,
                    overdue: 0,
                    done: 0,
                });
            if record.status() == ActionStatus::Done {
                row.done += 1;
                self.done += 1;
            } else if record.is_open() {
                row.open += 1;
                self.open += 1;
            }
            if let Some(due) = record.due.filter(|_| record.is_overdue(as_of)) {
                row.overdue += 1;
                self.overdue_items.push(OverdueItem {
                    incident: incident.clone(),
                    id: item.id.clone(),
                    title: item.title.clone(),
                    owner: item.owner.clone(),
                    due: due.to_string(),
                });
            }
        }
    }

    /// The incident's root causes that nothing addresses, and those accepted without action.
    fn unaddressed(&mut self, analysed: &Analysed, incident: &IncidentLink) {
        let (v, a) = (&analysed.validated, &analysed.analysis);
        for &root in &a.unaddressed {
            let node = &a.graph.nodes[root];
            let title = match node.kind {
                NodeKind::Cause(c) => v.incident.causes[c].title.clone(),
                NodeKind::Event(e) => v.incident.events[e].title.clone(),
            };
            self.unaddressed.push(UnaddressedRow {
                incident: incident.clone(),
                id: node.id.clone(),
                title,
            });
        }
        for &root in &a.accepted {
            let NodeKind::Cause(c) = a.graph.nodes[root].kind else {
                continue;
            };
            let cause = &v.incident.causes[c];
            self.accepted.push(AcceptedRiskRow {
                incident: incident.clone(),
                id: cause.id.clone(),
                title: cause.title.clone(),
                reason: cause.no_action.clone().unwrap_or_default(),
            });
        }
    }

    /// The rows in reading order: the longest overdue first, vendors by
    /// incidents, owners by overdue then open items.
    fn sorted(mut self) -> FollowUps {
        self.overdue_items.sort_by(|a, b| {
            a.due
                .cmp(&b.due)
                .then(a.incident.id.cmp(&b.incident.id))
                .then(a.id.cmp(&b.id))
        });
        let mut vendors: Vec<VendorRow> = self
            .vendors
            .into_values()
            .map(|mut tally| {
                tally.row.first_word = Spread::of(tally.delays, signed_duration);
                tally.row
            })
            .collect();
        vendors.sort_by(|a, b| b.incidents.cmp(&a.incidents).then(a.vendor.cmp(&b.vendor)));
        let mut owners: Vec<OwnerRow> = self.owners.into_values().collect();
        owners.sort_by(|a, b| {
            b.overdue
                .cmp(&a.overdue)
                .then(b.open.cmp(&a.open))
                .then(a.owner.cmp(&b.owner))
        });
        FollowUps {
            vendors,
            owners,
            open: self.open,
            done: self.done,
            overdue_items: self.overdue_items,
            unaddressed: self.unaddressed,
            accepted: self.accepted,
        }
    }
}

fn follow_ups(
    incidents: &[&Analysed],
    summaries: &[&IncidentSummary],
    chosen: &[usize],
    as_of: NaiveDate,
) -> FollowUps {
    let mut tally = Tally::default();
    for &i in chosen {
        let incident = link(summaries[i]);
        tally.vendors(incidents[i], &incident, as_of);
        tally.items(&incidents[i].validated, &incident, as_of);
        tally.unaddressed(incidents[i], &incident);
    }
    tally.sorted()
}
