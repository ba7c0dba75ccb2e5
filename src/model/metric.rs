//! The timed metrics of an incident, named once: their keys, labels,
//! definitions and the event kind each one measures to.

use super::EventKind;

/// A figure measured from the first impact start to the first (or, for the
/// duration, the last) event of one kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Metric {
    /// Last impact end minus first impact start.
    Duration,
    /// First detection minus first impact start.
    TimeToDetect,
    /// First response minus first impact start.
    TimeToRespond,
    /// First mitigation minus first impact start.
    TimeToMitigate,
    /// First resolution minus first impact start.
    TimeToResolve,
}

impl Metric {
    /// Every metric, in the order pages list them.
    pub const ALL: [Metric; 5] = [
        Metric::Duration,
        Metric::TimeToDetect,
        Metric::TimeToRespond,
        Metric::TimeToMitigate,
        Metric::TimeToResolve,
    ];

    /// The name in JSON and templates, without `_seconds`.
    pub fn key(self) -> &'static str {
        match self {
            Metric::Duration => "duration",
            Metric::TimeToDetect => "time_to_detect",
            Metric::TimeToRespond => "time_to_respond",
            Metric::TimeToMitigate => "time_to_mitigate",
            Metric::TimeToResolve => "time_to_resolve",
        }
    }

    /// The name of its value in JSON, in seconds (`duration_seconds`).
    pub fn seconds_key(self) -> &'static str {
        match self {
            Metric::Duration => "duration_seconds",
            Metric::TimeToDetect => "time_to_detect_seconds",
            Metric::TimeToRespond => "time_to_respond_seconds",
            Metric::TimeToMitigate => "time_to_mitigate_seconds",
            Metric::TimeToResolve => "time_to_resolve_seconds",
        }
    }

    /// The label people read.
    pub fn label(self) -> &'static str {
        match self {
            Metric::Duration => "Duration",
            Metric::TimeToDetect => "Time to detect",
            Metric::TimeToRespond => "Time to respond",
            Metric::TimeToMitigate => "Time to mitigate",
            Metric::TimeToResolve => "Time to resolve",
        }
    }

    /// How it is measured, in words.
    pub fn definition(self) -> &'static str {
        match self {
            Metric::Duration => "last impact end minus first impact start",
            Metric::TimeToDetect => "first detection minus first impact start",
            Metric::TimeToRespond => "first response minus first impact start",
            Metric::TimeToMitigate => "first mitigation minus first impact start",
            Metric::TimeToResolve => "first resolution minus first impact start",
        }
    }

    /// The event kind the metric measures to.
    pub fn event_kind(self) -> EventKind {
        match self {
            Metric::Duration => EventKind::ImpactEnd,
            Metric::TimeToDetect => EventKind::Detection,
            Metric::TimeToRespond => EventKind::Response,
            Metric::TimeToMitigate => EventKind::Mitigation,
            Metric::TimeToResolve => EventKind::Resolution,
        }
    }
}
