//! The order of the timeline around the impact: an `impact_end` before the first
//! `impact_start` is an error (a negative duration), and a response, mitigation or
//! resolution before it a warning (a negative metric). Both usually come from an
//! incident across midnight written with one date.

use super::Rules;
use crate::check::paths;
use crate::diagnostic::Code;
use crate::model::{Event, EventKind};
use chrono::{DateTime, Utc};

/// How an event is named in a message: its id, or its title when it has none.
fn label(event: &Event) -> String {
    match &event.id {
        Some(id) => format!("'{id}'"),
        None => format!("\"{}\"", event.title),
    }
}

/// `at` as written, one day later (the date part moved, the rest kept as written).
fn next_day(at: &str) -> Option<String> {
    let at = at.trim();
    let date = chrono::NaiveDate::parse_from_str(at.get(..10)?, "%Y-%m-%d").ok()?;
    let next = date.succ_opt()?;
    Some(format!("{}{}", next.format("%Y-%m-%d"), &at[10..]))
}

impl Rules<'_> {
    /// Compares every impact end, response, mitigation and resolution with the first impact
    /// start; `times[i]` is event `i`'s time, `None` when it could not be read.
    pub(super) fn impact_order(&mut self, times: &[Option<DateTime<Utc>>]) {
        let events = &self.incident.events;
        let first_start = events
            .iter()
            .zip(times)
            .enumerate()
            .filter(|(_, (e, _))| e.kind == EventKind::ImpactStart)
            .filter_map(|(i, (_, t))| t.map(|t| (i, t)))
            .min_by_key(|&(_, t)| t);
        let Some((start_index, start)) = first_start else {
            return;
        };
        let start_event = &events[start_index];
        for (n, (event, at)) in events.iter().zip(times).enumerate() {
            let Some(at) = at.filter(|at| *at < start) else {
                continue;
            };
            let code = match event.kind {
                EventKind::ImpactEnd => Code::ImpactEndBeforeStart,
                EventKind::Response | EventKind::Mitigation | EventKind::Resolution => {
                    Code::BeforeImpact
                }
                _ => continue,
            };
            let gap = (start - at).num_seconds();
            let message = format!(
                "{} {} at {} is {} before the impact starts ({} at {})",
                event.kind.as_str(),
                label(event),
                event.at.trim(),
                crate::text::format_duration(gap),
                label(start_event),
                start_event.at.trim()
            );
            let next = next_day(&event.at).filter(|_| gap < 24 * 3600);
            let hint = match next {
                Some(next) => format!("if it was the next day, write at: {next}"),
                None => "check the date and time of both events".to_string(),
            };
            self.findings
                .value(code, paths::event(n).at(), message, Some(hint));
        }
    }
}
