//! Follow-ups in a post-mortem: what vendors did or promised, and our action items.

use super::causes::NodeRef;
use super::prose::{source_links, SafeLink, Text};
use super::Builder;
use crate::model::{ActionStatus, VendorStatus};
use crate::text::estimate;
use crate::text::format::format_local;
use chrono::NaiveDate;
use serde::Serialize;

/// A vendor action.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct VendorActionView {
    /// Id.
    pub id: String,
    /// Vendor name.
    pub vendor: String,
    /// Title.
    pub title: String,
    /// Status for people.
    pub status: &'static str,
    /// Due date.
    pub due: Option<String>,
    /// Local time, when timed.
    pub at: Option<String>,
    /// What it addresses.
    pub addresses: Vec<NodeRef>,
    /// Details.
    pub details: Option<Text>,
    /// Past due and not done.
    pub overdue: bool,
    /// Where it was published, as links.
    pub sources: Vec<SafeLink>,
}

/// An action item.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ActionItemView {
    /// Id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Owner.
    pub owner: String,
    /// Type for people.
    pub kind: Option<&'static str>,
    /// Priority, e.g. "P1".
    pub priority: Option<&'static str>,
    /// Due date.
    pub due: Option<String>,
    /// Status for people.
    pub status: &'static str,
    /// Past due and still open, as of the build.
    pub overdue: bool,
    /// What it addresses.
    pub addresses: Vec<NodeRef>,
    /// Tracker link.
    pub link: Option<SafeLink>,
    /// Where it was published, as links.
    pub sources: Vec<SafeLink>,
}

/// A vendor action whose progress nobody recorded is open, as the model rules it.
fn vendor_status(status: Option<VendorStatus>) -> &'static str {
    match status {
        None => "open",
        Some(VendorStatus::Committed) => "committed",
        Some(VendorStatus::InProgress) => "in progress",
        Some(VendorStatus::Done) => "done",
        Some(VendorStatus::Cancelled) => "cancelled",
    }
}

fn action_status(status: Option<ActionStatus>) -> &'static str {
    match status.unwrap_or(ActionStatus::Open) {
        ActionStatus::Open => "open",
        ActionStatus::InProgress => "in progress",
        ActionStatus::Done => "done",
        ActionStatus::WontDo => "won't do",
    }
}

impl Builder<'_> {
    pub(super) fn vendor_actions(&self, as_of: NaiveDate) -> Vec<VendorActionView> {
        let v = &self.analysed.validated;
        v.vendor_actions()
            .map(|record| {
                let a = record.action;
                VendorActionView {
                    id: a.id.clone(),
                    vendor: self.party(&a.vendor),
                    title: a.title.clone(),
                    status: vendor_status(a.status),
                    due: record.due.map(|d| d.to_string()),
                    at: record
                        .at
                        .map(|t| estimate(a.approx, format_local(t, v.zone))),
                    addresses: self.addresses(&a.addresses),
                    details: a.details.as_deref().map(Text::new),
                    overdue: record.is_overdue(as_of),
                    sources: source_links(&a.sources),
                }
            })
            .collect()
    }

    pub(super) fn action_items(&self, as_of: NaiveDate) -> Vec<ActionItemView> {
        let v = &self.analysed.validated;
        v.action_items()
            .map(|record| (record, record.item))
            .map(|(record, a)| ActionItemView {
                id: a.id.clone(),
                title: a.title.clone(),
                owner: a.owner.clone(),
                kind: a.kind.map(|k| match k {
                    crate::model::ActionType::Mitigate => "mitigate",
                    crate::model::ActionType::Prevent => "prevent",
                    crate::model::ActionType::Detect => "detect",
                    crate::model::ActionType::Process => "process",
                }),
                priority: a.priority.map(|p| p.as_str()),
                due: record.due.map(|d| d.to_string()),
                status: action_status(a.status),
                overdue: record.is_overdue(as_of),
                addresses: self.addresses(&a.addresses),
                link: a.link.as_deref().map(|l| SafeLink::new(l, l)),
                sources: source_links(&a.sources),
            })
            .collect()
    }
}
