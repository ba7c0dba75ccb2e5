//! Did the fix hold? Done follow-ups, and the later incidents with a root cause of the
//! category they addressed.

use super::{link, IncidentLink, Period};
use crate::analysis::history::{Case, Fix, FixAction};
use crate::analysis::{Analysed, History};
use crate::view::summary::{IncidentSummary, Slugged};
use serde::Serialize;

/// Fixes listed per period, the most recurrences first; `FixesHeld::recurred` counts all.
pub const LISTED_FIXES: usize = 10;

/// Later incidents listed per fix, the first after it; the category page lists them all.
pub const LISTED_LATER: usize = 5;

/// A later incident with a root cause of a fixed category.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct LaterIncident {
    /// The incident.
    pub incident: IncidentLink,
    /// Days from the fix (or its incident's day) to this incident.
    pub days: i64,
    /// Whether its root causes of the category are only suspected.
    pub suspected: bool,
}

/// A fix whose category came back, with the incidents it came back in.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct RecurrenceRow {
    /// The follow-up's id.
    pub id: String,
    /// The follow-up's title.
    pub title: String,
    /// Whether a vendor did it (a vendor action), not us.
    pub vendor: bool,
    /// The incident it was a follow-up of.
    pub incident: IncidentLink,
    /// The category of the cause it addressed.
    pub category: Slugged,
    /// The day it was done, or the day of its incident when that is not recorded.
    pub done: String,
    /// Whether `done` is the recorded day of completion.
    pub recorded: bool,
    /// The first later incidents, oldest first, at most [`LISTED_LATER`].
    pub later: Vec<LaterIncident>,
    /// All later incidents in the period.
    pub later_count: usize,
    /// Later incidents not listed.
    pub more: usize,
}

/// The fixes of a period and those that did not hold.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct FixesHeld {
    /// Fixes done up to the end of the period (a follow-up counts once per category it addresses).
    pub done: usize,
    /// Of those, the ones followed by an incident of the period with a root cause of their category.
    pub recurred: usize,
    /// Those fixes, the most recurrences first, at most [`LISTED_FIXES`].
    pub rows: Vec<RecurrenceRow>,
    /// Fixes done whose day of completion is not recorded (their incident's day stands in).
    pub unrecorded: usize,
}

/// Who did a fix, and what it is called.
fn named(incident: &Analysed, action: FixAction) -> (&str, &str, bool) {
    let incident = &incident.validated.incident;
    match action {
        FixAction::Item(i) => {
            let item = &incident.action_items[i];
            (&item.id, &item.title, false)
        }
        FixAction::Vendor(i) => {
            let action = &incident.vendor_actions[i];
            (&action.id, &action.title, true)
        }
    }
}

/// The fixes done by the end of `period`, and the incidents of `period` after each.
pub(super) fn fixes_held(
    incidents: &[&Analysed],
    summaries: &[&IncidentSummary],
    history: &History,
    period: &Period,
) -> FixesHeld {
    let mut held = FixesHeld::default();
    let fixes = history
        .fixes()
        .iter()
        .filter(|f| period.until.is_none_or(|until| f.done <= until));
    let mut recurred: Vec<(&Fix, &[Case])> = Vec::new();
    for fix in fixes {
        held.done += 1;
        held.unrecorded += usize::from(!fix.recorded);
        let later = later_in(history, fix, period);
        if !later.is_empty() {
            recurred.push((fix, later));
        }
    }
    held.recurred = recurred.len();
    // Rows are made for the listed fixes only: at 10,000 incidents tens of thousands
    // of fixes recur, and a row each (with its links) was 180 MB.
    recurred.sort_by(|a, b| listing_key(incidents, a).cmp(&listing_key(incidents, b)));
    recurred.truncate(LISTED_FIXES);
    held.rows = recurred
        .into_iter()
        .map(|(fix, later)| row(incidents, summaries, fix, later))
        .collect();
    held
}

/// The order of the listed fixes: the most recurrences first, then the earliest done.
fn listing_key<'a>(
    incidents: &[&'a Analysed],
    (fix, later): &(&'a Fix<'a>, &[Case]),
) -> (
    std::cmp::Reverse<usize>,
    chrono::NaiveDate,
    &'a str,
    &'a str,
    &'a str,
) {
    let id = named(incidents[fix.incident], fix.action).0;
    let incident = incidents[fix.incident].validated.id.as_str();
    (
        std::cmp::Reverse(later.len()),
        fix.done,
        incident,
        id,
        fix.category,
    )
}

/// The incidents of `period` after `fix`, oldest first.
fn later_in<'h>(history: &'h History, fix: &Fix, period: &Period) -> &'h [Case] {
    let after = history.recurrences_after(fix);
    let from = period
        .since
        .map_or(0, |since| after.partition_point(|c| c.date < since));
    let to = period.until.map_or(after.len(), |until| {
        after.partition_point(|c| c.date <= until)
    });
    &after[from..to.max(from)]
}

fn row(
    incidents: &[&Analysed],
    summaries: &[&IncidentSummary],
    fix: &Fix,
    later: &[Case],
) -> RecurrenceRow {
    let (id, title, vendor) = named(incidents[fix.incident], fix.action);
    let listed: Vec<LaterIncident> = later
        .iter()
        .take(LISTED_LATER)
        .map(|c| LaterIncident {
            incident: link(summaries[c.incident]),
            days: (c.date - fix.done).num_days(),
            suspected: c.suspected,
        })
        .collect();
    RecurrenceRow {
        id: id.to_string(),
        title: title.to_string(),
        vendor,
        incident: link(summaries[fix.incident]),
        category: Slugged::new(fix.category),
        done: fix.done.to_string(),
        recorded: fix.recorded,
        more: later.len() - listed.len(),
        later_count: later.len(),
        later: listed,
    }
}
