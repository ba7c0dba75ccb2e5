//! What the incidents of a corpus say about each other: the fixes that were done, and
//! the later incidents with a root cause of the same category (a recurrence after the fix).
//!
//! Both sides are indexed by category and sorted by day, so that each question is a
//! binary search: at 10,000 incidents, listing every (fix, later incident) pair would
//! be tens of millions of rows.

use super::{Analysed, CausalGraph, NodeKind};
use crate::model::{CauseStatus, Validated};
use chrono::NaiveDate;
use std::collections::HashMap;

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
pub struct Fix<'a> {
    /// The incident it belongs to (an index into the incidents given).
    pub incident: usize,
    /// Which of its follow-ups.
    pub action: FixAction,
    /// The category of the cause it addresses.
    pub category: &'a str,
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

/// The fixes and the cases of a corpus, by category. `serve` makes it again after
/// every edit, so it borrows the incidents' texts, keeps flat sorted lists and sorts
/// by a number per category: at 10,000 incidents, sorting by the names themselves was
/// 45 ms of the 80 it took.
#[derive(Debug, Clone, Default)]
pub struct History<'a> {
    /// The categories, in name order; a category's rank is its place here.
    names: Vec<&'a str>,
    /// Every fix, by category rank, then day done, incident and action.
    fixes: Vec<Fix<'a>>,
    /// `ranks[i]` is the category rank of `fixes[i]`.
    fix_ranks: Vec<u32>,
    /// Incidents with a root cause of each category, by category rank, day, then index.
    cases: Vec<Case>,
    /// `case_ranks[i]` is the category rank of `cases[i]`.
    case_ranks: Vec<u32>,
    /// The categories of each incident's root causes, incident after incident, in name
    /// order within each; incident `i`'s are `roots[starts[i]..starts[i + 1]]`.
    roots: Vec<&'a str>,
    starts: Vec<usize>,
}

/// Numbers for category names, in the order they are met.
#[derive(Default)]
struct Interner<'a> {
    ids: HashMap<&'a str, u32>,
    names: Vec<&'a str>,
}

impl<'a> Interner<'a> {
    fn id(&mut self, name: &'a str) -> u32 {
        let next = self.names.len() as u32;
        *self.ids.entry(name).or_insert_with(|| {
            self.names.push(name);
            next
        })
    }

    /// The names in name order, and each id's rank in it.
    fn ranked(self) -> (Vec<&'a str>, Vec<u32>) {
        let mut order: Vec<u32> = (0..self.names.len() as u32).collect();
        order.sort_unstable_by_key(|&id| self.names[id as usize]);
        let mut ranks = vec![0; order.len()];
        for (rank, &id) in order.iter().enumerate() {
            ranks[id as usize] = rank as u32;
        }
        let names = order.iter().map(|&id| self.names[id as usize]).collect();
        (names, ranks)
    }
}

impl<'a> History<'a> {
    /// Indexes the fixes and root-cause categories of `incidents`.
    pub fn new(incidents: &[&'a Analysed]) -> Self {
        Self::of_categories(incidents, |_| true)
    }

    /// The history of the categories of `incidents[index]`'s root causes only: what one
    /// incident page needs, made in a tenth of the time of the whole one (`serve` makes
    /// it for each page it renders after an edit).
    pub fn for_incident(incidents: &[&'a Analysed], index: usize) -> Self {
        let wanted = &incidents[index].analysis.contribution.roots;
        Self::of_categories(incidents, |category| {
            wanted.iter().any(|(name, _)| name == category)
        })
    }

    /// Indexes the fixes and root causes of the categories `keep` accepts.
    fn of_categories(incidents: &[&'a Analysed], keep: impl Fn(&str) -> bool) -> Self {
        let mut interner = Interner::default();
        let mut fixes: Vec<(u32, Fix<'a>)> = Vec::with_capacity(incidents.len() * 4);
        let mut cases: Vec<(u32, Case)> = Vec::with_capacity(incidents.len() * 2);
        let mut roots: Vec<&'a str> = Vec::with_capacity(incidents.len() * 2);
        let mut starts = Vec::with_capacity(incidents.len() + 1);
        for (index, analysed) in incidents.iter().enumerate() {
            let added = &analysed.analysis.contribution;
            starts.push(roots.len());
            let kept = added.roots.iter().filter(|(category, _)| keep(category));
            roots.extend(kept.clone().map(|(category, _)| category.as_str()));
            // Without a day there is nothing to count from.
            let Some(date) = added.date else { continue };
            for (category, suspected) in kept {
                let case = Case {
                    date,
                    incident: index,
                    suspected: *suspected,
                };
                cases.push((interner.id(category), case));
            }
            for done in added.fixes.iter().filter(|f| keep(&f.category)) {
                let fix = Fix {
                    incident: index,
                    action: done.action,
                    category: &done.category,
                    done: done.completed.unwrap_or(date),
                    recorded: done.completed.is_some(),
                };
                fixes.push((interner.id(&done.category), fix));
            }
        }
        starts.push(roots.len());
        let (names, ranks) = interner.ranked();
        let rank = |id: u32| ranks[id as usize];
        fixes.sort_unstable_by_key(|(id, f)| (rank(*id), f.done, f.incident, f.action));
        cases.sort_unstable_by_key(|(id, c)| (rank(*id), c.date, c.incident));
        let (fix_ranks, fixes) = fixes.into_iter().map(|(id, f)| (rank(id), f)).unzip();
        let (case_ranks, cases) = cases.into_iter().map(|(id, c)| (rank(id), c)).unzip();
        History {
            names,
            fixes,
            fix_ranks,
            cases,
            case_ranks,
            roots,
            starts,
        }
    }

    /// Every fix, by category, then day done.
    pub fn fixes(&self) -> &[Fix<'a>] {
        &self.fixes
    }

    /// The rank of `category`, if any incident names it.
    fn rank_of(&self, category: &str) -> Option<u32> {
        self.names.binary_search(&category).ok().map(|r| r as u32)
    }

    /// The incidents after `fix` was done with a root cause of its category, oldest first.
    pub fn recurrences_after(&self, fix: &Fix) -> &[Case] {
        let Some(rank) = self.rank_of(fix.category) else {
            return &[];
        };
        let (start, end) = range_of(&self.case_ranks, rank);
        let of_category = &self.cases[start..end];
        &of_category[of_category.partition_point(|c| c.date <= fix.done)..]
    }

    /// The fixes of `category` done before `date`, by day done.
    pub fn fixes_before(&self, category: &str, date: NaiveDate) -> &[Fix<'a>] {
        let Some(rank) = self.rank_of(category) else {
            return &[];
        };
        let (start, end) = range_of(&self.fix_ranks, rank);
        let of_category = &self.fixes[start..end];
        &of_category[..of_category.partition_point(|f| f.done < date)]
    }

    /// The categories of `incident`'s root causes, in name order.
    pub fn categories_of(&self, incident: usize) -> &[&'a str] {
        match (self.starts.get(incident), self.starts.get(incident + 1)) {
            (Some(&from), Some(&to)) => &self.roots[from..to],
            _ => &[],
        }
    }
}

/// Where `rank` runs in the sorted `ranks`.
fn range_of(ranks: &[u32], rank: u32) -> (usize, usize) {
    let start = ranks.partition_point(|&r| r < rank);
    (
        start,
        start + ranks[start..].partition_point(|&r| r == rank),
    )
}

/// A done follow-up of one incident, once per category of the causes it addresses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DoneFollowUp {
    /// Which follow-up.
    pub action: FixAction,
    /// The category of a cause it addresses.
    pub category: String,
    /// Its `completed` day, when given.
    pub completed: Option<NaiveDate>,
}

/// What one incident adds to a history: its day, the categories of its root causes
/// (in name order, each with whether all its root causes of it are only suspected),
/// and its done follow-ups.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Contribution {
    /// The day the incident began.
    pub date: Option<NaiveDate>,
    /// The categories of its root causes.
    pub roots: Vec<(String, bool)>,
    /// Its done follow-ups.
    pub fixes: Vec<DoneFollowUp>,
}

impl Contribution {
    /// The contribution of an incident with its graph and root causes.
    pub fn of(v: &Validated, graph: &CausalGraph, root_causes: &[usize]) -> Self {
        Contribution {
            date: v.date(),
            roots: root_categories(v, graph, root_causes),
            fixes: done_follow_ups(v, graph),
        }
    }
}

/// The incident's done follow-ups, once per category of the causes each addresses.
fn done_follow_ups(v: &Validated, graph: &CausalGraph) -> Vec<DoneFollowUp> {
    let items = v
        .action_items()
        .filter(|r| r.is_done())
        .map(|r| (FixAction::Item(r.index), r.completed, &r.item.addresses));
    let vendor = v
        .vendor_actions()
        .filter(|r| r.is_done())
        .map(|r| (FixAction::Vendor(r.index), r.completed, &r.action.addresses));
    let mut fixes: Vec<DoneFollowUp> = Vec::new();
    for (action, completed, addresses) in items.chain(vendor) {
        let first = fixes.len();
        let causes = addresses
            .iter()
            .filter_map(|id| match graph.nodes[graph.index_of(id)?].kind {
                NodeKind::Cause(c) => Some(&v.incident.causes[c]),
                NodeKind::Event(_) => None,
            })
            .filter(|cause| cause.status != CauseStatus::RuledOut);
        for category in causes.filter_map(|cause| cause.category.as_deref()) {
            if fixes[first..].iter().all(|f| f.category != category) {
                fixes.push(DoneFollowUp {
                    action,
                    category: category.to_string(),
                    completed,
                });
            }
        }
    }
    fixes
}

/// Each category among the incident's root causes, in name order, with whether all of
/// its root causes are only suspected.
fn root_categories(v: &Validated, graph: &CausalGraph, roots: &[usize]) -> Vec<(String, bool)> {
    let mut categories: Vec<(String, bool)> = Vec::new();
    for &root in roots {
        let NodeKind::Cause(c) = graph.nodes[root].kind else {
            continue;
        };
        let cause = &v.incident.causes[c];
        let Some(category) = cause.category.as_deref() else {
            continue;
        };
        let suspected = cause.status == CauseStatus::Suspected;
        match categories.iter_mut().find(|(c, _)| c == category) {
            Some((_, all)) => *all &= suspected,
            None => categories.push((category.to_string(), suspected)),
        }
    }
    categories.sort_unstable();
    categories
}
