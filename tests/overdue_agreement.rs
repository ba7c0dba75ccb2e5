//! An incident page and the leadership report count the same follow-ups as open
//! and overdue, for every example incident and on every as-of day.
//!
//! The rule, written once in src/model/validated.rs (`ActionItemRecord` and
//! `VendorActionRecord`, `is_open` / `is_overdue`):
//! * an action item is open when its status is `open` or `in_progress`, or when it
//!   has no status (no status means open); `done` and `wont_do` are not open;
//! * a vendor action is open when its status is `committed` or `in_progress`, or
//!   when it has no status, like an action item; `done` and `cancelled` are not open;
//! * either is overdue when it is open and its due date is before the as-of day:
//!   on the due day itself it is not overdue yet, and without a due date never.

use chrono::{Duration, NaiveDate};
use rootline::analysis::Analysed;
use rootline::view::report::{report, Judged, Period, ReportSection};
use rootline::view::{incident_view, CorpusLinks, IncidentView};
use rootline::workspace::{Corpus, Options};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Follow-ups of one incident (or of several, summed).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Counts {
    items_open: usize,
    items_overdue: usize,
    vendor_open: usize,
    vendor_overdue: usize,
}

impl Counts {
    fn plus(self, other: Counts) -> Counts {
        Counts {
            items_open: self.items_open + other.items_open,
            items_overdue: self.items_overdue + other.items_overdue,
            vendor_open: self.vendor_open + other.vendor_open,
            vendor_overdue: self.vendor_overdue + other.vendor_overdue,
        }
    }
}

/// What a page shows: its `overdue` flags, and the statuses it prints that mean
/// work is still expected (a vendor action with no status is printed "open").
fn page_counts(view: &IncidentView) -> Counts {
    let flagged = view.action_items.iter().filter(|a| a.overdue).count();
    assert_eq!(view.overdue_count, flagged, "{}: overdue_count", view.id);
    Counts {
        items_open: view
            .action_items
            .iter()
            .filter(|a| matches!(a.status, "open" | "in progress"))
            .count(),
        items_overdue: view.overdue_count,
        vendor_open: view
            .vendor_actions
            .iter()
            .filter(|a| matches!(a.status, "open" | "committed" | "in progress"))
            .count(),
        vendor_overdue: view.vendor_actions.iter().filter(|a| a.overdue).count(),
    }
}

/// What a report section counts; its owner rows must add up to its totals.
fn report_counts(section: &ReportSection) -> Counts {
    let owners_open: usize = section.owners.iter().map(|o| o.open).sum();
    let owners_overdue: usize = section.owners.iter().map(|o| o.overdue).sum();
    assert_eq!(owners_open, section.actions_open, "owner rows, open");
    assert_eq!(
        owners_overdue, section.actions_overdue,
        "owner rows, overdue"
    );
    Counts {
        items_open: section.actions_open,
        items_overdue: section.actions_overdue,
        vendor_open: section.vendors.iter().map(|v| v.open).sum(),
        vendor_overdue: section.vendors.iter().map(|v| v.overdue).sum(),
    }
}

/// (incident id, item id) of every action item a page flags overdue.
fn page_overdue_ids(view: &IncidentView) -> BTreeSet<(String, String)> {
    view.action_items
        .iter()
        .filter(|a| a.overdue)
        .map(|a| (view.id.clone(), a.id.clone()))
        .collect()
}

fn report_overdue_ids(section: &ReportSection) -> BTreeSet<(String, String)> {
    section
        .overdue_items
        .iter()
        .map(|o| (o.incident.id.clone(), o.id.clone()))
        .collect()
}

fn all_time(incidents: &[&Analysed], as_of: NaiveDate) -> ReportSection {
    let judged = Judged::new(as_of, &Default::default());
    let mut view = report(incidents, &[Period::all_time()], &judged);
    assert_eq!(view.sections.len(), 1);
    view.sections.remove(0)
}

/// Checks that every page of `corpus` agrees with the report, as of `as_of`,
/// both one incident at a time and for the whole corpus; returns the pages' sum.
fn pages_agree_with_report(corpus: &Corpus, as_of: NaiveDate) -> Counts {
    let links = CorpusLinks::new(&corpus.incidents);
    let mut total = Counts::default();
    let mut overdue_ids = BTreeSet::new();
    for analysed in &corpus.incidents {
        let view = incident_view(analysed, &links, as_of);
        let page = page_counts(&view);
        let alone = all_time(&[analysed], as_of);
        assert_eq!(page, report_counts(&alone), "{} as of {as_of}", view.id);
        assert_eq!(
            page_overdue_ids(&view),
            report_overdue_ids(&alone),
            "{} as of {as_of}",
            view.id
        );
        total = total.plus(page);
        overdue_ids.extend(page_overdue_ids(&view));
    }
    let everything: Vec<&Analysed> = corpus.incidents.iter().collect();
    let whole = all_time(&everything, as_of);
    assert_eq!(total, report_counts(&whole), "corpus as of {as_of}");
    assert_eq!(
        overdue_ids,
        report_overdue_ids(&whole),
        "corpus as of {as_of}"
    );
    total
}

fn check(folder: &Path) -> Corpus {
    let as_of = NaiveDate::from_ymd_opt(2026, 11, 28).expect("a day");
    let corpus = Corpus::check(&[folder.to_path_buf()], &Options::new(as_of))
        .unwrap_or_else(|e| panic!("{}: {e}", folder.display()));
    assert!(
        !corpus.has_errors(),
        "{}: {:?}",
        folder.display(),
        corpus.diagnostics
    );
    corpus
}

/// The day of each incident and a year later, each due date and the day after, and 2030-01-01.
fn as_of_days(corpus: &Corpus) -> BTreeSet<NaiveDate> {
    let mut days = BTreeSet::from([NaiveDate::from_ymd_opt(2030, 1, 1).expect("a day")]);
    let links = CorpusLinks::new(&corpus.incidents);
    for analysed in &corpus.incidents {
        let view = incident_view(analysed, &links, NaiveDate::MIN);
        let day = NaiveDate::parse_from_str(&view.date, "%Y-%m-%d")
            .unwrap_or_else(|e| panic!("{}: date {:?}: {e}", view.id, view.date));
        days.extend([day, day + Duration::days(365)]);
        let v = &analysed.validated;
        let due = v
            .vendor_actions()
            .filter_map(|a| a.due)
            .chain(v.action_items().filter_map(|a| a.due));
        for due in due {
            days.extend([due, due + Duration::days(1)]);
        }
    }
    days
}

fn package(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

#[test]
fn example_pages_and_the_report_count_the_same_follow_ups() {
    let mut seen = Counts::default();
    for (folder, incidents) in [("incidents", 5), ("tests/fixtures/valid", 1)] {
        let corpus = check(&package(folder));
        assert_eq!(corpus.incidents.len(), incidents, "{folder}");
        for as_of in as_of_days(&corpus) {
            seen = seen.plus(pages_agree_with_report(&corpus, as_of));
        }
    }
    // Not vacuous: the examples have open action items and open vendor actions. They have
    // no due dates (none was published), so overdue counts are exercised by
    // `every_status_counts_the_same_on_the_page_and_in_the_report`.
    assert!(seen.items_open > 0, "{seen:?}");
    assert!(seen.vendor_open > 0, "{seen:?}");
}

/// One incident with a vendor action of every status and an action item of every
/// status, all due on 2024-06-01.
const EVERY_STATUS: &str = "\
title: Every status of a follow-up
status: published
severity: SEV3
summary: One follow-up of each status, all due on 1 June 2024.
impact:
  description: Requests to the storage vendor failed.
parties:
  - {id: shop, name: Shop, role: operator}
  - {id: storeco, name: StoreCo, role: vendor}
events:
  - {id: push, at: 2024-05-01 09:00, kind: trigger, title: Config pushed, caused_by: [bad-config]}
  - {id: errors, at: 2024-05-01 09:05, kind: impact_start, title: Errors start, caused_by: [push]}
  - {at: 2024-05-01 09:10, kind: detection, title: Alert fires}
  - {at: 2024-05-01 09:30, kind: impact_end, title: Errors stop}
causes:
  - {id: bad-config, title: A bad storage config, category: config-change}
vendor_actions:
  - {id: vendor-no-status, vendor: storeco, title: Fix the default, due: 2024-06-01, addresses: [bad-config]}
  - {id: vendor-committed, vendor: storeco, title: Add a check, due: 2024-06-01, status: committed, addresses: [bad-config]}
  - {id: vendor-in-progress, vendor: storeco, title: Roll out the check, due: 2024-06-01, status: in_progress, addresses: [bad-config]}
  - {id: vendor-done, vendor: storeco, title: Write it up, due: 2024-06-01, status: done, addresses: [bad-config]}
  - {id: vendor-cancelled, vendor: storeco, title: Refund, due: 2024-06-01, status: cancelled, addresses: [bad-config]}
action_items:
  - {id: item-no-status, title: Review pushes, owner: sre, due: 2024-06-01, addresses: [bad-config]}
  - {id: item-open, title: Stage pushes, owner: sre, due: 2024-06-01, status: open, addresses: [bad-config]}
  - {id: item-in-progress, title: Lint configs, owner: sre, due: 2024-06-01, status: in_progress, addresses: [bad-config]}
  - {id: item-done, title: Revert the config, owner: sre, due: 2024-06-01, status: done, addresses: [bad-config]}
  - {id: item-wont-do, title: Change vendors, owner: sre, due: 2024-06-01, status: wont_do, addresses: [bad-config]}
";

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("a day")
}

#[test]
fn every_status_counts_the_same_on_the_page_and_in_the_report() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    std::fs::write(
        dir.path().join("2024-05-01-every-status.yaml"),
        EVERY_STATUS,
    )
    .expect("written");
    let corpus = check(dir.path());
    assert_eq!(corpus.incidents.len(), 1);
    let links = CorpusLinks::new(&corpus.incidents);

    // A month after the due day: no status, open, committed and in progress are overdue.
    let view = incident_view(&corpus.incidents[0], &links, day("2024-07-01"));
    let vendor_flags: Vec<(&str, bool)> = view
        .vendor_actions
        .iter()
        .map(|a| (a.id.as_str(), a.overdue))
        .collect();
    assert_eq!(
        vendor_flags,
        [
            ("vendor-no-status", true),
            ("vendor-committed", true),
            ("vendor-in-progress", true),
            ("vendor-done", false),
            ("vendor-cancelled", false),
        ]
    );
    let item_flags: Vec<(&str, bool)> = view
        .action_items
        .iter()
        .map(|a| (a.id.as_str(), a.overdue))
        .collect();
    assert_eq!(
        item_flags,
        [
            ("item-no-status", true),
            ("item-open", true),
            ("item-in-progress", true),
            ("item-done", false),
            ("item-wont-do", false),
        ]
    );
    let expected = Counts {
        items_open: 3,
        items_overdue: 3,
        vendor_open: 3,
        vendor_overdue: 3,
    };
    assert_eq!(page_counts(&view), expected);
    assert_eq!(
        pages_agree_with_report(&corpus, day("2024-07-01")),
        expected
    );

    let section = all_time(&[&corpus.incidents[0]], day("2024-07-01"));
    let vendor = &section.vendors[0];
    assert_eq!(vendor.vendor.name, "StoreCo");
    assert_eq!(
        (vendor.commitments, vendor.done, vendor.open, vendor.overdue),
        (5, 1, 3, 3)
    );
    assert_eq!(section.actions_done, 1);
    let listed: Vec<(&str, &str)> = section
        .overdue_items
        .iter()
        .map(|o| (o.id.as_str(), o.due.as_str()))
        .collect();
    assert_eq!(
        listed,
        [
            ("item-in-progress", "2024-06-01"),
            ("item-no-status", "2024-06-01"),
            ("item-open", "2024-06-01"),
        ]
    );

    // On the due day nothing is overdue yet; the open ones stay open.
    let on_the_day = Counts {
        items_overdue: 0,
        vendor_overdue: 0,
        ..expected
    };
    assert_eq!(
        pages_agree_with_report(&corpus, day("2024-06-01")),
        on_the_day
    );
    assert_eq!(
        pages_agree_with_report(&corpus, day("2024-06-02")),
        expected
    );
}
