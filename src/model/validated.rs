//! The validated incident: what `check` hands on once every per-file rule passed,
//! with each event and action carrying its resolved time, and the domain rules
//! about them (open, overdue, live) written once.

use super::{ActionItem, ActionStatus, Event, EventKind, Incident, VendorAction, VendorStatus};
use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;
use std::path::PathBuf;

/// An incident file found on disk.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct IncidentFile {
    /// The YAML file.
    pub path: PathBuf,
    /// The id the file name gives (file stem, or folder name for `<id>/incident.yaml`).
    pub stem: String,
    /// The incident folder whose other files are copied beside the page, if any.
    pub asset_dir: Option<PathBuf>,
}

/// What validation resolved for one event.
#[derive(Debug, Clone)]
struct EventFacts {
    id: String,
    at: DateTime<Utc>,
}

/// What validation resolved for one vendor action or action item.
#[derive(Debug, Clone, Copy, Default)]
struct ActionFacts {
    at: Option<DateTime<Utc>>,
    due: Option<NaiveDate>,
    completed: Option<NaiveDate>,
}

/// An incident whose file passed every per-file rule, with typed times.
#[derive(Debug, Clone)]
pub struct Validated {
    /// The incident id (file stem or folder name).
    pub id: String,
    /// The file it came from.
    pub file: IncidentFile,
    /// The incident as written.
    pub incident: Incident,
    /// The zone for local times and display.
    pub zone: Tz,
    /// The day the post-mortem was published, when the file says.
    pub published: Option<NaiveDate>,
    /// Where the severity sits on the scale it was checked against: 1 for the worst.
    pub severity_rank: u8,
    events: Vec<EventFacts>,
    vendor_actions: Vec<ActionFacts>,
    action_items: Vec<ActionFacts>,
    /// See [`Validated::started`]; read by every figure that counts days, so found once.
    began: Option<DateTime<Utc>>,
}

/// The times and dates validation resolved, one entry per list item of the incident.
#[derive(Debug, Clone, Default)]
pub struct Resolved {
    /// `events[i].at`, in UTC.
    pub event_times: Vec<DateTime<Utc>>,
    /// `vendor_actions[i].at`, in UTC.
    pub vendor_times: Vec<Option<DateTime<Utc>>>,
    /// `vendor_actions[i].due`.
    pub vendor_due: Vec<Option<NaiveDate>>,
    /// `vendor_actions[i].completed`.
    pub vendor_completed: Vec<Option<NaiveDate>>,
    /// `action_items[i].due`.
    pub item_due: Vec<Option<NaiveDate>>,
    /// `action_items[i].completed`.
    pub item_completed: Vec<Option<NaiveDate>>,
    /// `published`.
    pub published: Option<NaiveDate>,
    /// Where the severity sits on the scale: 1 for the worst.
    pub severity_rank: u8,
}

impl Validated {
    /// Pairs an incident with what validation resolved; every list must match the incident's.
    pub fn new(file: IncidentFile, incident: Incident, zone: Tz, resolved: Resolved) -> Self {
        let events: Vec<EventFacts> = incident
            .events
            .iter()
            .zip(resolved.event_times)
            .enumerate()
            .map(|(i, (event, at))| EventFacts {
                id: event_id(event, i),
                at,
            })
            .collect();
        let vendor_actions = resolved
            .vendor_times
            .into_iter()
            .zip(resolved.vendor_due)
            .zip(resolved.vendor_completed)
            .map(|((at, due), completed)| ActionFacts { at, due, completed })
            .collect();
        let action_items = resolved
            .item_due
            .into_iter()
            .zip(resolved.item_completed)
            .map(|(due, completed)| ActionFacts {
                at: None,
                due,
                completed,
            })
            .collect();
        let began = began(&incident, &events);
        Validated {
            began,
            id: file.stem.clone(),
            file,
            incident,
            zone,
            published: resolved.published,
            severity_rank: resolved.severity_rank,
            events,
            vendor_actions,
            action_items,
        }
    }

    /// Event `i` with its resolved time.
    pub fn event(&self, i: usize) -> EventRecord<'_> {
        EventRecord {
            index: i,
            event: &self.incident.events[i],
            id: &self.events[i].id,
            at: self.events[i].at,
        }
    }

    /// Every event, in file order.
    pub fn events(&self) -> impl ExactSizeIterator<Item = EventRecord<'_>> + '_ {
        (0..self.events.len()).map(|i| self.event(i))
    }

    /// Vendor action `i` with its resolved time and due date.
    pub fn vendor_action(&self, i: usize) -> VendorActionRecord<'_> {
        VendorActionRecord {
            index: i,
            action: &self.incident.vendor_actions[i],
            at: self.vendor_actions[i].at,
            due: self.vendor_actions[i].due,
            completed: self.vendor_actions[i].completed,
        }
    }

    /// Every vendor action, in file order.
    pub fn vendor_actions(&self) -> impl ExactSizeIterator<Item = VendorActionRecord<'_>> + '_ {
        (0..self.vendor_actions.len()).map(|i| self.vendor_action(i))
    }

    /// Action item `i` with its resolved due date.
    pub fn action_item(&self, i: usize) -> ActionItemRecord<'_> {
        ActionItemRecord {
            index: i,
            item: &self.incident.action_items[i],
            due: self.action_items[i].due,
            completed: self.action_items[i].completed,
        }
    }

    /// Every action item, in file order.
    pub fn action_items(&self) -> impl ExactSizeIterator<Item = ActionItemRecord<'_>> + '_ {
        (0..self.action_items.len()).map(|i| self.action_item(i))
    }

    /// When the incident began: the first `impact_start`, or the first event when none.
    pub fn started(&self) -> Option<DateTime<Utc>> {
        self.began
    }

    /// The day the incident began, in its zone; every report figure counts days from it.
    pub fn date(&self) -> Option<NaiveDate> {
        self.started()
            .map(|at| at.with_timezone(&self.zone).date_naive())
    }

    /// The first event of `kind` in `order` (event indexes, usually sorted by time).
    pub fn first_of(&self, kind: EventKind, order: &[usize]) -> Option<EventRecord<'_>> {
        order
            .iter()
            .map(|&i| self.event(i))
            .find(|e| e.event.kind == kind)
    }

    /// The last event of `kind` in `order`.
    pub fn last_of(&self, kind: EventKind, order: &[usize]) -> Option<EventRecord<'_>> {
        order
            .iter()
            .rev()
            .map(|&i| self.event(i))
            .find(|e| e.event.kind == kind)
    }

    /// Ids of the causes and events that live actions (vendor actions and action items) address.
    pub fn addressed_ids(&self) -> impl Iterator<Item = &str> + '_ {
        let vendor = self
            .vendor_actions()
            .filter(VendorActionRecord::is_live)
            .flat_map(|a| a.action.addresses.iter());
        let items = self
            .action_items()
            .filter(ActionItemRecord::is_live)
            .flat_map(|a| a.item.addresses.iter());
        vendor.chain(items).map(String::as_str)
    }
}

/// The first `impact_start`, or the first event when none.
fn began(incident: &Incident, events: &[EventFacts]) -> Option<DateTime<Utc>> {
    let impact = incident
        .events
        .iter()
        .zip(events)
        .filter(|(event, _)| event.kind == EventKind::ImpactStart)
        .map(|(_, facts)| facts.at)
        .min();
    impact.or_else(|| events.iter().map(|e| e.at).min())
}

/// The author's event id, or a stable one from its 1-based file position.
fn event_id(event: &Event, index: usize) -> String {
    event
        .id
        .clone()
        .unwrap_or_else(|| format!("_event-{}", index + 1))
}

/// One event with what validation resolved.
#[derive(Debug, Clone, Copy)]
pub struct EventRecord<'a> {
    /// Position in `events`.
    pub index: usize,
    /// The event as written.
    pub event: &'a Event,
    /// The author's id, or `_event-N` (1-based file position).
    pub id: &'a str,
    /// When it happened, in UTC.
    pub at: DateTime<Utc>,
}

/// One vendor action with what validation resolved.
#[derive(Debug, Clone, Copy)]
pub struct VendorActionRecord<'a> {
    /// Position in `vendor_actions`.
    pub index: usize,
    /// The action as written.
    pub action: &'a VendorAction,
    /// When it happened, in UTC, if it has a time.
    pub at: Option<DateTime<Utc>>,
    /// Its due date, if it is a commitment with one.
    pub due: Option<NaiveDate>,
    /// The day it was done, when the file says.
    pub completed: Option<NaiveDate>,
}

impl VendorActionRecord<'_> {
    /// Work is still expected: committed, in progress, or no status given (like action items).
    pub fn is_open(&self) -> bool {
        matches!(
            self.action.status,
            None | Some(VendorStatus::Committed | VendorStatus::InProgress)
        )
    }

    /// Open, and due before `as_of`.
    pub fn is_overdue(&self, as_of: NaiveDate) -> bool {
        self.is_open() && self.due.is_some_and(|due| due < as_of)
    }

    /// Done.
    pub fn is_done(&self) -> bool {
        self.action.status == Some(VendorStatus::Done)
    }

    /// Counts as addressing what it names: anything but cancelled.
    pub fn is_live(&self) -> bool {
        self.action.status != Some(VendorStatus::Cancelled)
    }
}

/// One action item with what validation resolved.
#[derive(Debug, Clone, Copy)]
pub struct ActionItemRecord<'a> {
    /// Position in `action_items`.
    pub index: usize,
    /// The item as written.
    pub item: &'a ActionItem,
    /// Its due date, if any.
    pub due: Option<NaiveDate>,
    /// The day it was done, when the file says.
    pub completed: Option<NaiveDate>,
}

impl ActionItemRecord<'_> {
    /// The status, open when absent.
    pub fn status(&self) -> ActionStatus {
        self.item.status.unwrap_or(ActionStatus::Open)
    }

    /// Work is still expected: open or in progress.
    pub fn is_open(&self) -> bool {
        self.status().is_pending()
    }

    /// Open, and due before `as_of`.
    pub fn is_overdue(&self, as_of: NaiveDate) -> bool {
        self.is_open() && self.due.is_some_and(|due| due < as_of)
    }

    /// Done.
    pub fn is_done(&self) -> bool {
        self.status() == ActionStatus::Done
    }

    /// Counts as addressing what it names: anything but won't do.
    pub fn is_live(&self) -> bool {
        self.status() != ActionStatus::WontDo
    }
}
