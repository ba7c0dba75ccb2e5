//! What the incidents of a corpus say about each other: the fixes that were done, and
//! the later incidents with a root cause of the same category (a recurrence after the fix).
//!
//! Both sides are indexed by category and sorted by day, so that each question is a
//! binary search: at 10,000 incidents, listing every (fix, later incident) pair would
//! be tens of millions of rows.

use super::{Analysed, NodeKind};
use crate::model::{CauseStatus, Validated};
use chrono::NaiveDate;
use std::collections::{BTreeMap, BTreeSet};

/// Which follow-up of its incident a fix is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum FixAction {
    /// `action_items[i]`.
    Item(usize),
    /// `vendor_actions[i]`.
    Vendor(usize),
}

/// A done follow-up that addresses a cause of `category`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    /// The incident it belongs to (an index into the incidents given).
    pub incident: usize,
    /// Which of its follow-ups.
    pub action: FixAction,
    /// The category of the cause it addresses.
    pub category: String,
    /// The day it was done: `completed`, or the day of its incident when that is not given.
    pub done: NaiveDate,
    /// Whether `done` is the recorded `completed` day (not the incident's day standing in).
    pub recorded: bool,
}

/// An incident with a root cause of some category.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Case {
    /// The day the incident began.
    pub date: NaiveDate,
    /// The incident (an index into the incidents given).
    pub incident: usize,
    /// Whether every root cause of the category in it is only suspected.
    pub suspected: bool,
}

/// The fixes and the cases of a corpus, by category.
#[derive(Debug, Clone, Default)]
pub struct History {
    /// Every fix, by category, then day done, incident and action.
    fixes: Vec<Fix>,
    /// Incidents with a root cause of each category, by day, then index.
    cases: BTreeMap<String, Vec<Case>>,
    /// The categories of each incident's root causes, sorted.
    categories: Vec<Vec<String>>,
}

impl History {
    /// Indexes the fixes and root-cause categories of `incidents`.
    pub fn new(incidents: &[&Analysed]) -> Self {
        let mut history = History::default();
        for (index, analysed) in incidents.iter().enumerate() {
            let roots = root_categories(analysed);
            history.categories.push(roots.keys().cloned().collect());
            let Some(date) = analysed.validated.date() else {
                continue;
            };
            history
                .fixes
                .extend(fixes_of(&analysed.validated, index, date));
            for (category, suspected) in roots {
                let case = Case {
                    date,
                    incident: index,
                    suspected,
                };
                history.cases.entry(category).or_default().push(case);
            }
        }
        history.fixes.sort_by(|a, b| {
            (&a.category, a.done, a.incident, a.action).cmp(&(
                &b.category,
                b.done,
                b.incident,
                b.action,
            ))
        });
        for cases in history.cases.values_mut() {
            cases.sort_by_key(|c| (c.date, c.incident));
        }
        history
    }

    /// Every fix, by category, then day done.
    pub fn fixes(&self) -> &[Fix] {
        &self.fixes
    }

    /// The incidents after `fix` was done with a root cause of its category, oldest first.
    pub fn recurrences_after(&self, fix: &Fix) -> &[Case] {
        let cases = self.cases.get(&fix.category).map_or(&[][..], Vec::as_slice);
        &cases[cases.partition_point(|c| c.date <= fix.done)..]
    }

    /// The fixes of `category` done before `date`, by day done.
    pub fn fixes_before(&self, category: &str, date: NaiveDate) -> &[Fix] {
        let start = self
            .fixes
            .partition_point(|f| f.category.as_str() < category);
        let of_category = &self.fixes[start..];
        let end = of_category.partition_point(|f| f.category == category && f.done < date);
        &of_category[..end]
    }

    /// The categories of `incident`'s root causes, sorted.
    pub fn categories_of(&self, incident: usize) -> &[String] {
        self.categories.get(incident).map_or(&[], Vec::as_slice)
    }
}

/// The incident's done follow-ups, once per category of the causes each addresses.
fn fixes_of(v: &Validated, incident: usize, date: NaiveDate) -> Vec<Fix> {
    let items = v
        .action_items()
        .filter(|r| r.is_done())
        .map(|r| (FixAction::Item(r.index), r.completed, &r.item.addresses));
    let vendor = v
        .vendor_actions()
        .filter(|r| r.is_done())
        .map(|r| (FixAction::Vendor(r.index), r.completed, &r.action.addresses));
    let mut fixes = Vec::new();
    for (action, completed, addresses) in items.chain(vendor) {
        let categories: BTreeSet<&str> = addresses
            .iter()
            .filter_map(|id| v.incident.causes.iter().find(|c| &c.id == id))
            .filter(|cause| cause.status != CauseStatus::RuledOut)
            .filter_map(|cause| cause.category.as_deref())
            .collect();
        fixes.extend(categories.into_iter().map(|category| Fix {
            incident,
            action,
            category: category.to_string(),
            done: completed.unwrap_or(date),
            recorded: completed.is_some(),
        }));
    }
    fixes
}

/// Each category among the incident's root causes, with whether all of them are suspected.
fn root_categories(analysed: &Analysed) -> BTreeMap<String, bool> {
    let (v, a) = (&analysed.validated, &analysed.analysis);
    let mut categories: BTreeMap<String, bool> = BTreeMap::new();
    for &root in &a.root_causes {
        let NodeKind::Cause(c) = a.graph.nodes[root].kind else {
            continue;
        };
        let cause = &v.incident.causes[c];
        if let Some(category) = &cause.category {
            let suspected = cause.status == CauseStatus::Suspected;
            let all = categories.entry(category.clone()).or_insert(true);
            *all &= suspected;
        }
    }
    categories
}
