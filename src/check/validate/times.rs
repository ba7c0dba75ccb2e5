//! Times and dates: the time zone, event and vendor-action times, due, completion and
//! publication dates.

use super::{zones, Rules};
use crate::check::paths;
use crate::diagnostic::{did_you_mean, Code};
use crate::load::positions::YamlPath;
use crate::model::{self, Resolved, TimeError};
use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;

impl Rules<'_> {
    /// The incident's zone (UTC when none is given); `None` when the name is unknown.
    pub(super) fn zone(&mut self) -> Option<Tz> {
        let Some(name) = &self.incident.timezone else {
            return Some(Tz::UTC);
        };
        match name.parse::<Tz>() {
            Ok(zone) => {
                self.legacy_zone(name, zone);
                Some(zone)
            }
            Err(_) => {
                let hint = zones::place_of(name)
                    .map(|place| format!("use the zone of the place: timezone: {place}"))
                    .or_else(|| did_you_mean(name, chrono_tz::TZ_VARIANTS.iter().map(|z| z.name())))
                    .or_else(|| Some("use an IANA name such as Europe/London".to_string()));
                self.findings.value(
                    Code::UnknownTimezone,
                    paths::timezone(),
                    format!("unknown time zone '{name}'"),
                    hint,
                );
                None
            }
        }
    }

    /// Reads every time and due date; what cannot be read is reported and left out.
    pub(super) fn resolve_times(&mut self, zone: Option<Tz>) -> Resolved {
        let incident = self.incident;
        let event_times = self.event_times(zone);
        self.impact_order(&event_times);
        let vendor_times = self.vendor_times(zone);
        let vendor_due = self.dates(
            |n| paths::vendor_action(n).due(),
            incident.vendor_actions.iter().map(|a| &a.due),
        );
        let item_due = self.dates(
            |n| paths::action_item(n).due(),
            incident.action_items.iter().map(|a| &a.due),
        );
        let vendor_completed = self.dates(
            |n| paths::vendor_action(n).completed(),
            incident.vendor_actions.iter().map(|a| &a.completed),
        );
        let item_completed = self.dates(
            |n| paths::action_item(n).completed(),
            incident.action_items.iter().map(|a| &a.completed),
        );
        let published = self
            .dates(|_| paths::published(), std::iter::once(&incident.published))
            .pop()
            .flatten();
        Resolved {
            // Kept only when there is no error, and then every event time was read.
            event_times: event_times
                .into_iter()
                .map(|t| t.unwrap_or_default())
                .collect(),
            vendor_times,
            vendor_due,
            vendor_completed,
            item_due,
            item_completed,
            published,
            // The scale is not a time: `validate` sets it.
            severity_rank: 0,
        }
    }

    fn event_times(&mut self, zone: Option<Tz>) -> Vec<Option<DateTime<Utc>>> {
        let incident = self.incident;
        incident
            .events
            .iter()
            .enumerate()
            .map(|(n, e)| self.time(&e.at, zone, paths::event(n).at()))
            .collect()
    }

    fn vendor_times(&mut self, zone: Option<Tz>) -> Vec<Option<DateTime<Utc>>> {
        let incident = self.incident;
        incident
            .vendor_actions
            .iter()
            .enumerate()
            .map(|(n, a)| {
                let at = a.at.as_ref()?;
                self.time(at, zone, paths::vendor_action(n).at())
            })
            .collect()
    }

    fn time(&mut self, text: &str, zone: Option<Tz>, path: YamlPath) -> Option<DateTime<Utc>> {
        // With an unknown zone only times with offsets can be read; local ones are not guessed.
        let parsed = model::parse_time(text, zone.unwrap_or(Tz::UTC));
        match (parsed, zone) {
            (Ok(time), Some(_)) => Some(time),
            (Ok(time), None) if chrono::DateTime::parse_from_rfc3339(text.trim()).is_ok() => {
                Some(time)
            }
            (Ok(_), None) => None,
            (Err(error), _) => {
                let code = match error {
                    TimeError::Malformed(_) => Code::InvalidTime,
                    TimeError::Nonexistent { .. } => Code::NonexistentTime,
                    TimeError::Ambiguous { .. } => Code::AmbiguousTime,
                };
                let hint = time_hint(&error, text, zone);
                self.findings.value(code, path, error.to_string(), hint);
                None
            }
        }
    }

    /// Reads dates; `path(n)` is where the `n`th is.
    fn dates<'b>(
        &mut self,
        path: impl Fn(usize) -> YamlPath,
        dues: impl Iterator<Item = &'b Option<String>>,
    ) -> Vec<Option<NaiveDate>> {
        dues.enumerate()
            .map(|(n, due)| {
                let text = due.as_ref()?;
                let date = model::parse_date(text);
                if date.is_none() {
                    let reason = model::why_not_a_date(text)
                        .unwrap_or_else(|| "write it as YYYY-MM-DD".to_string());
                    self.findings.value(
                        Code::InvalidTime,
                        path(n),
                        format!("'{text}' is not a date: {reason}"),
                        Some("write dates as YYYY-MM-DD, as in 2024-03-01".to_string()),
                    );
                }
                date
            })
            .collect()
    }
}

/// How to write a time that could not be read: with its offset, in the user's own date and zone.
fn time_hint(error: &TimeError, text: &str, zone: Option<Tz>) -> Option<String> {
    match error {
        TimeError::Malformed(_) => None,
        TimeError::Nonexistent { zone: name, .. } => {
            let (before, after) = model::gap_readings(text, zone?)?;
            Some(format!(
                "the clocks of {name} skip it; write it with the offset of the clock it was read from: {before} (before the change) or {after} (after it)"
            ))
        }
        TimeError::Ambiguous { first, second, .. } => Some(format!(
            "write it with its offset: {first} (before the clocks go back) or {second} (after)"
        )),
    }
}
