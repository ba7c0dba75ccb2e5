//! The days a post-mortem records about itself: when a follow-up was done, when the
//! post-mortem was published, each against its status and the day of the incident.

use super::findings::Findings;
use super::paths;
use crate::diagnostic::Code;
use crate::load::positions::YamlPath;
use crate::model::{Status, Validated};
use chrono::NaiveDate;

/// `completed` against the status and the incident's day, `published` against both.
pub(super) fn follow_up_dates(validated: &Validated, findings: &mut Findings) {
    let began = validated.date();
    for record in validated.action_items() {
        let path = || paths::action_item(record.index).completed();
        completed(
            record.completed,
            record.is_done(),
            &record.item.id,
            began,
            path,
            findings,
        );
    }
    for record in validated.vendor_actions() {
        let path = || paths::vendor_action(record.index).completed();
        completed(
            record.completed,
            record.is_done(),
            &record.action.id,
            began,
            path,
            findings,
        );
    }
    published(validated, began, findings);
}

fn completed(
    day: Option<NaiveDate>,
    done: bool,
    id: &str,
    began: Option<NaiveDate>,
    path: impl Fn() -> YamlPath,
    findings: &mut Findings,
) {
    let Some(day) = day else { return };
    if !done {
        findings.value(
            Code::CompletedNotDone,
            path(),
            format!("'{id}' was completed on {day} but its status is not done"),
            Some("set `status: done`, or remove `completed` until the work is finished".into()),
        );
    }
    before_incident(day, began, "completed", path(), findings);
}

fn published(validated: &Validated, began: Option<NaiveDate>, findings: &mut Findings) {
    match validated.published {
        Some(day) => before_incident(day, began, "published", paths::published(), findings),
        None if validated.incident.status == Status::Published => findings.value(
            Code::UnrecordedPublication,
            paths::status(),
            "the post-mortem is published but does not say when".to_string(),
            Some("add `published: YYYY-MM-DD`, the day it was published".into()),
        ),
        None => {}
    }
}

fn before_incident(
    day: NaiveDate,
    began: Option<NaiveDate>,
    key: &str,
    path: YamlPath,
    findings: &mut Findings,
) {
    let Some(began) = began.filter(|&began| day < began) else {
        return;
    };
    findings.value(
        Code::DateBeforeIncident,
        path,
        format!("{key} {day} is before the incident began, on {began}"),
        Some(format!(
            "a {key} date is on or after {began}; check the year and month"
        )),
    );
}
