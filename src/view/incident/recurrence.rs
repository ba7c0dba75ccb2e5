//! What an incident's page says about earlier fixes: a root cause of a category that an
//! earlier incident's follow-up had fixed came back.

use crate::analysis::history::{Fix, FixAction};
use crate::analysis::{Analysed, History};
use crate::view::summary::Slugged;
use serde::Serialize;

/// A category of this incident's root causes that an earlier fix addressed.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct RecurrenceNote {
    /// The category.
    pub category: Slugged,
    /// The most recent earlier fix's title.
    pub fix: String,
    /// Whether a vendor did it (a vendor action), not us.
    pub vendor: bool,
    /// The id of the incident it was a follow-up of.
    pub incident_id: String,
    /// That incident's title.
    pub incident_title: String,
    /// The day the fix was done, or that incident's day when not recorded.
    pub done: String,
    /// Whether `done` is the recorded day of completion.
    pub recorded: bool,
    /// Days from `done` to this incident.
    pub days: i64,
    /// Earlier fixes of the category, besides this one.
    pub earlier: usize,
    /// Whether this incident's root causes of the category are only suspected.
    pub suspected: bool,
}

/// The notes of `incidents[index]`, by category.
pub fn recurrences(
    history: &History,
    incidents: &[&Analysed],
    index: usize,
) -> Vec<RecurrenceNote> {
    let Some(date) = incidents[index].validated.date() else {
        return Vec::new();
    };
    history
        .categories_of(index)
        .iter()
        .filter_map(|category| {
            let before = history.fixes_before(category, date);
            let latest = before.iter().rev().find(|f| f.incident != index)?;
            let earlier = before.iter().filter(|f| f.incident != index).count() - 1;
            let suspected = history
                .recurrences_after(latest)
                .iter()
                .any(|c| c.incident == index && c.suspected);
            Some(note(incidents, latest, date, earlier, suspected))
        })
        .collect()
}

fn note(
    incidents: &[&Analysed],
    fix: &Fix,
    date: chrono::NaiveDate,
    earlier: usize,
    suspected: bool,
) -> RecurrenceNote {
    let earlier_incident = &incidents[fix.incident].validated;
    let (title, vendor) = match fix.action {
        FixAction::Item(i) => (&earlier_incident.incident.action_items[i].title, false),
        FixAction::Vendor(i) => (&earlier_incident.incident.vendor_actions[i].title, true),
    };
    RecurrenceNote {
        category: Slugged::new(fix.category),
        fix: title.clone(),
        vendor,
        incident_id: earlier_incident.id.clone(),
        incident_title: earlier_incident.incident.title.clone(),
        done: fix.done.to_string(),
        recorded: fix.recorded,
        days: (date - fix.done).num_days(),
        earlier,
        suspected,
    }
}
